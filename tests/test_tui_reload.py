"""Reloading the store in the browser (r) after another process imported trials."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from tui_helpers import (
    ALS,
    NMO,
    SEED_PATHS,
    SMALL,
    keys,
    notifications,
    seeded_store,
    settle,
    start,
    static_text,
)

from store import TrialStore
from tui.app import TrialsApp
from tui.screens.compare import CompareScreen
from tui.screens.main import MainScreen

MS = "NCT06360861"
NMO_SEED = "001_"  # the seed file of NMO


async def test_r_reloads_trials_another_process_imported(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    seeded_store(path).close()
    app = TrialsApp(None, store=TrialStore(path))
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.results.ids) == 5
        app.marks[NMO] = None
        await keys(pilot, "down", "r")
        await settle(pilot)
        assert any("up to date (5 trials)" in n.message for n in app._notifications)

        other = TrialStore(path)  # another process importing while the browser is open
        extra = {"protocolSection": {"identificationModule": {
            "nctId": "NCT09999999", "briefTitle": "Imported meanwhile"}}}
        assert not other.import_data([("x.json", orjson.dumps(extra))]).failed
        assert len(screen.results.ids) == 5  # nothing changes by itself
        await keys(pilot, "r")
        await settle(pilot)
        assert "NCT09999999" in screen.results.ids
        assert any("6 trials, 1 new" in n.message for n in app._notifications)
        assert list(app.marks) == [NMO]
        assert app.is_running


def replace_store(path: Path, paths: list[Path]) -> None:
    """Another process puts a new store in path's place, holding only these trial files."""
    other = path.parent.parent / "other" / path.name
    seeded_store(other, paths).close()
    shutil.rmtree(path.parent)
    shutil.copytree(other.parent, path.parent)


@pytest.mark.parametrize("marked", [[ALS, NMO], [ALS, NMO, MS]], ids=["one-left", "two-left"])
async def test_compare_after_a_reload_names_the_trials_gone(
    tmp_path: Path, marked: list[str]
) -> None:
    path = tmp_path / "store" / "shared.json"
    seeded_store(path).close()
    app = TrialsApp(None, store=TrialStore(path))
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        app.marks.update(dict.fromkeys(marked))
        replace_store(path, [p for p in SEED_PATHS if not p.name.startswith(NMO_SEED)])
        await keys(pilot, "down", "r")
        await settle(pilot)
        assert any("4 trials" in message for message in notifications(app))
        app.clear_notifications()

        await keys(pilot, "c")
        await settle(pilot)
        left = [trial_id for trial_id in marked if trial_id != NMO]
        assert list(app.marks) == left  # the trial gone is unmarked, the others kept
        assert app.is_running
        if len(left) < 2:
            assert isinstance(app.screen, MainScreen)
            assert notifications(app) == [
                f"{NMO} is no longer in the store: unmarked. "
                "Mark at least two trials to compare (1 marked)."
            ]
            assert static_text(app, "#marks").strip() == "1 marked"
        else:
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            assert [record["id"] for record in screen.records] == left
            assert notifications(app) == [f"{NMO} is no longer in the store: unmarked."]


async def test_the_count_line_says_the_index_is_being_rebuilt_while_the_store_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from store.engine import opening
    from store.engine.schema import SCHEMA_VERSION
    from tui.messages import IndexRebuilding

    path = tmp_path / "trials.json"
    seeded_store(path).close()
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)  # an upgrade of trials
    told: list[tuple[int, int]] = []
    tell = TrialsApp._index_rebuilding

    def watched(app: TrialsApp, done: int, total: int) -> None:
        told.append((done, total))
        tell(app, done, total)

    monkeypatch.setattr(TrialsApp, "_index_rebuilding", watched)
    app = TrialsApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        assert told == [(0, 1), (1, 1)]  # from the opening worker, as the rebuild went
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.results.ids) == 5  # then the list, from the rebuilt index
        screen.post_message(IndexRebuilding(3, 1200))
        await pilot.pause()
        assert str(screen.query_one("#count").render()) == (
            "Rebuilding the search index, once, for this version of trials: "
            "3 of 1,200 segment files…")
