"""The browser's count while typing: the last word is a prefix, and every completion counts."""

from __future__ import annotations

from pathlib import Path

import orjson
from tui_helpers import LARGE, burst, main_screen, start, static_text

from store import TrialStore
from tui.app import TrialsApp

#: 100 distinct words that all start with "transpl" (transplaa … transpljj).
WORDS = [f"transpl{a}{b}" for a in "abcdefghij" for b in "abcdefghij"]
IDS = [f"NCT{n:08d}" for n in range(1, 101)]


def page() -> bytes:
    studies = [
        {
            "protocolSection": {
                "identificationModule": {"nctId": trial_id, "briefTitle": f"Trial of {word}"},
                "statusModule": {"overallStatus": "RECRUITING"},
            },
            "hasResults": False,
        }
        for trial_id, word in zip(IDS, WORDS, strict=True)
    ]
    return orjson.dumps({"studies": studies})


async def test_the_count_while_typing_includes_every_completion(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "t.json")
    assert not store.import_data([("transpl.json", page())]).failed
    app = TrialsApp(None, store=store)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"transpl")
        assert "100 of 100 trials" in static_text(app, "#count")
        assert sorted(main_screen(app).results.ids) == IDS
        await burst(pilot, "a")  # "transpla": the ten words transplaa … transplaj
        assert "10 of 100 trials" in static_text(app, "#count")
    store.close()
