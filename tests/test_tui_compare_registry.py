"""The compare screen with real registry records: countries and recruiting sites beside the
fields, MeSH terms, outcomes aligned, headline results (one trial with results, one without).

Expected texts are read by hand from tests/fixtures/realdata (NCT02552212: 105 sites, of
which 36 in the United States, 18 in the Russian Federation, 14 in Poland; no site states a
status; results with "<0.001"; NCT03418623: one site in the United States, no results).
"""

from __future__ import annotations

from pathlib import Path

from tui_helpers import LARGE, keys, plain, seeded_store, settle, start

from tui.app import TrialsApp
from tui.screens.compare import CompareScreen

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
WITH_RESULTS = "NCT02552212"
WITHOUT = "NCT03418623"
FILES = [REALDATA / f"ctti-clinicaltrials__aact__{nct}.json" for nct in (WITH_RESULTS, WITHOUT)]


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if start in line)


async def test_registry_rows_and_headline_results(tmp_path: Path) -> None:
    store = seeded_store(tmp_path / "real.json", FILES)
    app = TrialsApp(None, store=store)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        app.marks.update(dict.fromkeys([WITH_RESULTS, WITHOUT]))
        app.action_compare_marked()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        body = plain(screen.query_one("#compare-body").content, width=240)  # type: ignore[attr-defined]
        countries = _line(body, "Countries")
        assert "≠" in countries and "United States (36)" in countries
        assert "United States (1)" in countries
        assert "Russian Federation (18)" in _line(body, "Russian Federation")
        recruiting = _line(body, "Recruiting sites")
        # completed trials whose sites state no status: none recruits, not "not stated"
        assert recruiting.count("none (the trial no longer recruits)") == 2
        assert "≠" not in recruiting
        assert "Spondylitis" in _line(body, "MeSH terms, own")
        assert "Primary outcomes" in body
        assert "Placebo (FAS): 7.0 (n=158)" in body
        assert "No results posted" in _line(body, "Headline")
        assert "p < 0.001" in body

        await keys(pilot, "d")
        only = plain(screen.query_one("#compare-body").content, width=240)  # type: ignore[attr-defined]
        assert "MeSH terms, shared" not in only  # nothing shared: the same empty cells
        assert "MeSH terms, own" in only and "Placebo (FAS): 7.0 (n=158)" in only
