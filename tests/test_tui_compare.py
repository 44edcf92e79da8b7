"""The compare screen: aligned criteria, the summary on top, "differences only", six trials
scrolling sideways."""

from __future__ import annotations

from pathlib import Path

import orjson
from tui_helpers import ALL_IDS, LARGE, NMO, SMALL, keys, plain, seeded_store, settle, start

from store import TrialStore
from tui.app import TrialsApp
from tui.compare_view import view_width
from tui.screens.compare import CompareScreen, CompareScroll
from tui.screens.main import MainScreen

MS = "NCT06360861"


async def open_compare(app: TrialsApp, pilot: object, ids: list[str]) -> CompareScreen:
    app.marks.update(dict.fromkeys(ids))
    app.action_compare_marked()
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def body_text(screen: CompareScreen, selector: str = "#compare-body") -> str:
    return plain(screen.query_one(selector).content, width=240)  # type: ignore[attr-defined]


async def test_criteria_aligned_and_differences_only(tmp_path: Path) -> None:
    app = TrialsApp(None, store=seeded_store(tmp_path / "t.json"))
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = await open_compare(app, pilot, [NMO, MS])
        summary = body_text(screen, "#compare-summary")
        assert summary.startswith("Summary: Differs in: ")
        body = body_text(screen)
        pregnancy = next(line for line in body.splitlines() if "Pregnant or possibly" in line)
        assert "Pregnancy or breastfeeding." in pregnancy and "≈" in pregnancy
        allergies = next(line for line in body.splitlines() if "Allergies" in line)
        assert "only" in allergies and "—" in allergies
        assert "Study type" in body  # the same in both: shown, dimmed

        await keys(pilot, "d")
        only = body_text(screen)
        assert "Study type" not in only and "≠ Phases" in only
        assert "Allergies" in only  # unique criteria are differences
        assert "differences only" in body_text(screen, "#compare-title")
        assert "Showing differences only." in body_text(screen, "#compare-summary")

        await keys(pilot, "d")
        assert body_text(screen) == body
        await keys(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert list(app.marks) == [NMO, MS]


def six_trial_store(tmp_path: Path) -> tuple[TrialStore, list[str]]:
    """The five seeds and one more trial, sharing a criterion with NCT02249676."""
    store = seeded_store(tmp_path / "six.json")
    extra = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT09999999", "briefTitle": "A sixth trial"},
            "eligibilityModule": {
                "eligibilityCriteria": "Exclusion Criteria:\n\n* Allergies\n* Smokers\n"
            },
        }
    }
    report = store.import_data([("extra.json", orjson.dumps(extra))])
    assert not report.failed
    return store, [*ALL_IDS, "NCT09999999"]


async def test_six_trials_scroll_sideways(tmp_path: Path) -> None:
    store, ids = six_trial_store(tmp_path)
    app = TrialsApp(None, store=store)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = await open_compare(app, pilot, ids)
        assert [record["id"] for record in screen.records] == ids
        scroll = screen.query_one(CompareScroll)
        assert app.focused is scroll
        body = screen.query_one("#compare-body")
        assert body.size.width >= view_width(6) > SMALL[0]
        assert screen.query_one("#compare-summary").size.width <= SMALL[0]
        assert scroll.max_scroll_x > 0
        await keys(pilot, "l", "l", "right")
        assert scroll.scroll_x > 0
        await keys(pilot, "h", "h", "left")
        assert scroll.scroll_x == 0
        text = body_text(screen)
        allergies = next(line for line in text.splitlines() if "Allergies" in line)
        assert allergies.count("Allergies") == 2  # one row, two trials
        assert app.is_running


async def test_a_hostile_criterion_in_compare(tmp_path: Path) -> None:
    store = seeded_store(tmp_path / "t.json")
    evil = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT08888888", "briefTitle": "[@click=app.quit]x"},
            "eligibilityModule": {
                "eligibilityCriteria": "Exclusion Criteria:\n\n* [bold]Allergies\x1b[2J\n"
            },
        }
    }
    assert not store.import_data([("evil.json", orjson.dumps(evil))]).failed
    app = TrialsApp(None, store=store)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = await open_compare(app, pilot, [NMO, "NCT08888888"])
        text = body_text(screen)
        assert "[@click=app.quit]x" in text
        assert "[bold]Allergies" in text
        assert "\x1b" not in text
        await keys(pilot, "d", "j", "l")
        assert app.is_running and isinstance(app.screen, CompareScreen)

