"""Reloading the store in the browser (r) after another process imported trials."""

from __future__ import annotations

from pathlib import Path

import orjson
from tui_helpers import NMO, SMALL, keys, seeded_store, settle, start

from store import TrialStore
from tui.app import TrialsApp
from tui.screens.main import MainScreen


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
