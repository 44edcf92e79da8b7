"""SVG snapshots of the browser's screens at 80×24 and 120×40 (pytest-textual-snapshot).

Regenerate after an intended change of looks with
`.venv/bin/pytest tests/test_tui_snapshots.py --snapshot-update`, and look at the SVGs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import ALS, LARGE, NMO, SEED_PATHS, SMALL, keys, seeded_store, select_row, start

import store.trial_store
from tui.app import TrialsApp

# The Overview shows each record's source path and import time: both are fixed here.
SNAPSHOT_SEEDS = Path("/tmp/trials-snapshot-seeds")
IMPORTED_AT = "2026-01-01T00:00:00Z"

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def fixed_seed_copy() -> list[Path]:
    """The seeds copied into SNAPSHOT_SEEDS (rewritten only when they differ: runs may overlap)."""
    SNAPSHOT_SEEDS.mkdir(parents=True, exist_ok=True)
    copies = []
    for path in SEED_PATHS:
        copy = SNAPSHOT_SEEDS / path.name
        data = path.read_bytes()
        if not copy.is_file() or copy.read_bytes() != data:
            with tempfile.NamedTemporaryFile(dir=SNAPSHOT_SEEDS, delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, copy)
        copies.append(copy)
    return copies


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrialsApp:
    """The browser on the five seeds, with fixed source paths and import times."""
    monkeypatch.setattr(store.trial_store, "_utc_now", lambda: IMPORTED_AT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    trials = seeded_store(tmp_path / "snapshot.json", fixed_seed_copy())
    record = trials.get(NMO)
    assert record is not None
    assert record["source"]["imported_at"] == IMPORTED_AT
    assert record["source"]["path"].startswith(str(SNAPSHOT_SEEDS))
    return TrialsApp(None, store=trials)


def steps(*names: str, row: str | None = None) -> RunBefore:
    """A run_before: wait for the store and the search, optionally select a row, press keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await start(pilot)
        if row is not None:
            await select_row(pilot, row)
        await keys(pilot, *names)

    return run_before


@SIZES
def test_main_screen(snap_compare: Any, snapshot_app: TrialsApp, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps())


@SIZES
@pytest.mark.parametrize("tab", ["o", "a", "e", "s"], ids=["overview", "arms", "eligibility",
                                                          "source"])
def test_detail_tab(
    snap_compare: Any, snapshot_app: TrialsApp, size: tuple[int, int], tab: str
) -> None:
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps(tab, row=NMO))


@SIZES
def test_search_with_a_mark(
    snap_compare: Any, snapshot_app: TrialsApp, size: tuple[int, int]
) -> None:
    run_before = steps("space", "slash", *"stem cell", row=ALS)
    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@SIZES
def test_compare(snap_compare: Any, snapshot_app: TrialsApp, size: tuple[int, int]) -> None:
    run_before = steps("space", "j", "space", "c", row=ALS)
    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@SIZES
def test_help(snap_compare: Any, snapshot_app: TrialsApp, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps("f1"))
