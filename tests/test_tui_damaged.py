"""The browser on a store whose segment file is damaged where a trial's document lies: that
trial says so, the rest browses, compare and export report the problem instead of
crashing."""

from __future__ import annotations

from pathlib import Path

from test_reliability_faults import _damage_trial
from tui_helpers import ALS, LARGE, NMO, keys, notifications, seeded_store, settle, start, write_to

from store import TrialStore
from tui.app import TrialsApp
from tui.screens.main import MainScreen


async def test_a_damaged_segment_is_reported_not_fatal(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    seeded_store(db).close()
    damaged = _damage_trial(db, NMO)
    app = TrialsApp(None, store=TrialStore(db))
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.set_focus(screen.results)
        screen.results.cursor = screen.results.ids.index(NMO)
        await settle(pilot)
        overview = str(screen.query_one("#overview-body").content)  # type: ignore[attr-defined]
        assert f"{NMO} cannot be read" in overview and str(damaged) in overview
        screen.results.cursor = screen.results.ids.index(ALS)  # another trial: fine
        await settle(pilot)
        overview = str(screen.query_one("#overview-body").content)  # type: ignore[attr-defined]
        assert "cannot be read" not in overview

        app.marks.update(dict.fromkeys([ALS, NMO]))
        await keys(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("Cannot compare" in n and str(damaged) in n for n in notifications(app))

        app.clear_notifications()
        await keys(pilot, "x")
        await write_to(pilot, tmp_path / "out.json")
        assert not (tmp_path / "out.json").exists()
        assert any(n.startswith("Not written: ") and str(damaged) in n
                   for n in notifications(app))
        assert list(tmp_path.glob(".out.json*")) == []  # no temporary file left
        assert app.is_running


async def test_the_browser_on_a_damaged_store_exits_with_the_message(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    seeded_store(db).close()
    db.write_text("{not json", encoding="utf-8")
    before = db.read_bytes()
    app = TrialsApp(db)
    async with app.run_test(size=LARGE) as pilot:
        for _ in range(100):  # the store is opened in a worker after the first paint
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1 and app.return_value == 1
    assert app.error is not None and app.error.startswith(f"{db} is not a valid store file")
    assert "move" in app.error and "away to start a new store" in app.error
    assert db.read_bytes() == before
