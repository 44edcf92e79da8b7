"""Regenerate the README screenshots: `.venv/bin/python docs/screenshots.py`."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from store import TrialStore
from tui.app import TrialsApp
from tui.widgets.search_box import SearchBox

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


async def shoot(store: TrialStore, name: str, keys: list[str], size: tuple[int, int]) -> None:
    """Run the app, press keys, save an SVG screenshot."""
    app = TrialsApp(None, store=store)
    async with app.run_test(size=size) as pilot:
        app.query_one(SearchBox).cursor_blink = False
        for key in keys:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = TrialStore(Path(folder) / "trials.json")
        store.import_paths([ROOT / "seeds"])
        await shoot(store, "main", [*"stem", "enter", "down", "down", "e"], (120, 36))
        await shoot(store, "compare", ["down", "down", "down", "space", "down", "space", "c"],
                    (120, 36))
        criteria = ["down", "down", "down", "down", "space", "down", "space", "c", "d",
                    "pagedown", "pagedown", *["down"] * 20]
        await shoot(store, "criteria", criteria, (120, 36))


if __name__ == "__main__":
    asyncio.run(main())
