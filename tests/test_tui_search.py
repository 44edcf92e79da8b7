"""Search features of the browser: filters with facet counts, sort, highlighted matches."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import SelectionList
from tui_helpers import ALL_IDS, ALS, LARGE, NMO, burst, keys, seeded_store, start, static_text

from tui.app import TrialsApp
from tui.highlight import MATCH_STYLE
from tui.screens.filters import FilterScreen
from tui.screens.main import MainScreen


def make_app(tmp_path: Path) -> TrialsApp:
    return TrialsApp(None, store=seeded_store(tmp_path / "t.json"))


def main(app: TrialsApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_filters_show_counts_for_the_query_and_narrow_the_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"stem", "enter", "f")
        assert isinstance(app.screen, FilterScreen)
        status = app.screen.query_one("#facet-status", SelectionList)
        labels = [str(status.get_option_at_index(i).prompt) for i in range(status.option_count)]
        assert labels == ["Completed (2)", "Unknown (2)"]
        await keys(pilot, "space", "escape")  # choose Completed, apply
        screen = main(app)
        assert screen.filters == {"status": frozenset({"COMPLETED"})}
        assert sorted(screen.results.ids) == ["NCT02249676", "NCT06360861"]
        assert "[status: Completed]" in static_text(app, "#count")
        # the counts follow the typed query: only the ALS trial matches "amyotrophic"
        await keys(pilot, "slash", "ctrl+u")
        await burst(pilot, *"amyotrophic")
        assert screen.results.ids == []  # ALS has status Unknown, filtered out
        assert screen.facets["status"] == {"UNKNOWN": 1}
        await keys(pilot, "enter", "f", "x", "escape")
        assert screen.filters == {}
        assert screen.results.ids == [ALS]


async def test_sort_cycles_columns_and_reverses(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main(app)
        await keys(pilot, "enter", "S")
        assert screen.sort == "id"
        assert screen.results.ids == ALL_IDS
        await keys(pilot, "R")
        assert screen.sort == "-id"
        assert screen.results.ids == ALL_IDS[::-1]
        assert "sorted by id (descending)" in static_text(app, "#count")
        for _ in range(4):  # title, status, phase, enrollment
            await keys(pilot, "S")
        assert screen.sort == "enrollment"
        assert screen.results.ids[:4] == ["NCT06360861", "NCT02249676", "LOCAL-826653db64", ALS]


async def test_matches_are_highlighted_in_the_list_and_the_detail(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"neuromyeli", "enter", "e")
        screen = main(app)
        assert NMO in screen.results.ids
        marked = screen.marker("Clinically definite neuromyelitis optica")
        assert [(s.start, s.end) for s in marked.spans if s.style == MATCH_STYLE] == [(20, 33)]
        # the Eligibility body carries the match style on the criteria text
        body = screen.detail.query_one("#eligibility-body").content
        rendered = app.console.render_lines(body, app.console.options.update_width(100))
        styled = [seg.text for line in rendered for seg in line if seg.style and seg.style.reverse]
        assert any(text.lower().startswith("neuromyeli") for text in styled)


async def test_a_malformed_query_says_what_is_wrong(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *'foo:bar')
        screen = main(app)
        assert screen.results.ids == []
        assert 'unknown field "foo:"' in str(screen.results.empty_message)
