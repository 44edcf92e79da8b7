"""The compare screen: aligned criteria, the summary on top, "differences only", six trials
scrolling sideways."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest
from rich.color import Color
from rich.console import Console
from rich.style import Style
from textual.widgets import Static
from tui_helpers import (
    ALL_IDS,
    LARGE,
    NMO,
    SMALL,
    keys,
    plain,
    seeded_store,
    settle,
    start,
    wait_for_text,
)

import tui.screens.compare
from store import TrialStore
from store.compare import Comparison, compare
from tui.app import TrialsApp
from tui.compare_view import DIFFERS_MARK, LABEL_WIDTH
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


async def test_criteria_aligned_and_differences_only(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = await open_compare(app, pilot, [NMO, MS])
        summary = body_text(screen, "#compare-summary")
        assert summary.startswith("Summary: Differs in: ")
        # both fit; their ids stay in sight above the tables as they scroll
        assert body_text(screen, "#compare-title").strip() == (
            f"Comparing 2 trials: {NMO} · {MS}")
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


def row_styles(screen: CompareScreen, label: str) -> list[tuple[str, Style]]:
    """The text and style of each cell of the first fields-table row whose label cell holds
    label, as the screen renders it (the table's borders left out)."""
    console = Console(width=200, file=io.StringIO(), color_system="truecolor")
    content = screen.query_one("#compare-body", Static).content
    for line in console.render_lines(content, console.options, pad=False):  # type: ignore[arg-type]
        if label in "".join(segment.text for segment in line)[:LABEL_WIDTH + 4]:
            return [(segment.text.strip(), segment.style or Style()) for segment in line
                    if segment.text.strip(" │┃")]
    raise AssertionError(f"no row {label!r}")


async def test_identical_values_dimmed_differences_highlighted(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = await open_compare(app, pilot, [NMO, MS])
        same = row_styles(screen, "Study type")  # interventional in both
        assert [text for text, _ in same] == ["Study type", "Interventional", "Interventional"]
        yellow = Color.parse("yellow")
        assert all(style.dim and style.color != yellow for _, style in same)

        differs = row_styles(screen, "Phases")  # phase 2 and phase 1
        assert [text for text, _ in differs] == [DIFFERS_MARK, "Phases", "Phase 2", "Phase 1"]
        label, values = differs[:2], differs[2:]
        assert all(style.bold and style.color == yellow and not style.dim for _, style in label)
        assert not any(style.dim or style.color for _, style in values)


async def test_the_comparison_is_computed_off_the_ui_thread(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_compare(records: list[dict[str, Any]]) -> Comparison:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(10)
        return compare(records)

    monkeypatch.setattr(tui.screens.compare, "compare", slow_compare)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        app.marks.update(dict.fromkeys([NMO, MS]))
        app.action_compare_marked()
        await wait_for_text(pilot, "Comparing the fields and criteria…")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison is None
        await keys(pilot, "d")  # keys answer while it computes
        assert screen.differences_only
        assert "differences only" in body_text(screen, "#compare-title")
        release.set()
        await settle(pilot)
        assert screen.comparison is not None
        only = body_text(screen)
        assert "≠ Phases" in only and "Study type" not in only  # computed, shown as asked


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


def _header(screen: CompareScreen) -> str:
    """The first table's header row (the Field column and the trials shown)."""
    return next(line for line in body_text(screen).splitlines() if "Field" in line)


async def test_six_trials_shown_as_many_as_fit(tmp_path: Path) -> None:
    store, ids = six_trial_store(tmp_path)
    app = TrialsApp(None, store=store)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = await open_compare(app, pilot, ids)
        assert [record["id"] for record in screen.records] == ids
        scroll = screen.query_one(CompareScroll)
        assert app.focused is scroll
        assert scroll.max_scroll_x == 0  # nothing to scroll sideways: the names stay put
        title = plain(screen.query_one("#compare-title", Static).content)
        assert title.strip() == "Comparing 6 trials (1–2 shown; ← → the others)"
        assert [trial for trial in ids if trial in _header(screen)] == ids[:2]
        # a short screen: the fields that differ counted, the legend after the tables
        summary = " ".join(body_text(screen, "#compare-summary").split())
        assert summary.startswith("Summary: 21 fields differ (≠ in the table), 0 the same. "
                                  "Criteria: 0 shared, 12 similar, 34 unique to one trial.")
        assert summary.endswith("≠ differs, = shared, ≈ similar, only = one trial; the legend "
                                "is at the end.")
        legend = " ".join(body_text(screen, "#compare-legend").split())
        assert "The marks compare all 6 trials, those not side by side too." in legend
        await keys(pilot, "end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await keys(pilot, "right")  # one trial further, the view still at the end
        await pilot.pause()
        assert [trial for trial in ids if trial in _header(screen)] == ids[1:3]
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await keys(pilot, "home")
        await keys(pilot, "l", "l", "l", "l", "l")  # stops at the last
        assert [trial for trial in ids if trial in _header(screen)] == ids[4:]
        assert "(5–6 shown;" in plain(
            screen.query_one("#compare-title", Static).content)
        assert "Allergies" in body_text(screen)  # the extra trial's criterion
        assert "Primary completion date" in body_text(screen)  # a field name left whole
        await keys(pilot, "h", "left", "left", "left", "left", "h")
        assert [trial for trial in ids if trial in _header(screen)] == ids[:2]
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        assert [trial for trial in ids if trial in _header(screen)] == ids[:4]
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert [trial for trial in ids if trial in _header(screen)] == ids
        assert "shown" not in plain(screen.query_one("#compare-title", Static).content)
        assert "not side by side" not in body_text(screen, "#compare-summary")
        # a tall screen: the fields named in the summary, the legend above the tables
        assert body_text(screen, "#compare-summary").startswith("Summary: Differs in: ")
        assert "identical rows are dimmed" in body_text(screen, "#compare-summary")
        assert not screen.query_one("#compare-legend", Static).display
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

