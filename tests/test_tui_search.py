"""Search features of the browser: filters with facet counts, sort, highlighted matches."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import SelectionList
from textual.worker import WorkerFailed
from tui_helpers import (
    ALL_IDS,
    ALS,
    LARGE,
    NMO,
    SMALL,
    burst,
    keys,
    main_screen,
    notifications,
    screen_text,
    settle,
    start,
    static_text,
)

from parsers import vocab
from store import StoreError, TrialStore
from tui import format as fmt
from tui.app import TrialsApp
from tui.highlight import MATCH_STYLE
from tui.screens.count_line import CountLine, Echo, Part
from tui.screens.filters import FilterScreen


async def test_filters_show_counts_for_the_query_and_narrow_the_list(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"stem", "enter", "f")
        assert isinstance(app.screen, FilterScreen)
        status = app.screen.query_one("#facet-status", SelectionList)
        labels = [str(status.get_option_at_index(i).prompt) for i in range(status.option_count)]
        # the count first: never cut off; the trial stating no status last
        assert labels == ["2 Completed", "2 Unknown", "1 Not stated"]
        await keys(pilot, "space", "escape")  # choose Completed, apply
        screen = main_screen(app)
        assert screen.filters == {"status": frozenset({"COMPLETED"})}
        assert sorted(screen.results.ids) == ["NCT02249676", "NCT06360861"]
        assert "[status: Completed]" in static_text(app, "#count")
        # the counts follow the typed query: only the ALS trial matches "amyotrophic"
        await keys(pilot, "slash", "ctrl+u")
        await burst(pilot, *"amyotrophic")
        assert screen.results.ids == []  # ALS has status Unknown, filtered out
        # the words match: the list blames the filters, not the words
        text = screen_text(app)
        assert "No trial matches amyotrophic with these" in text and "Press f" in text
        assert screen.facets["status"] == {"UNKNOWN": 1}
        await keys(pilot, "enter", "f", "x", "escape")
        assert screen.filters == {}
        assert screen.results.ids == [ALS]


@pytest.mark.parametrize(
    ("pressed", "chosen"),
    [
        pytest.param(("down", "space", "down"), {"UNKNOWN"}, id="down-space-down"),
        pytest.param(("space", "down"), {"COMPLETED"}, id="space-down"),
        pytest.param(("down", "space", "up", "space"), {"UNKNOWN", "COMPLETED"},
                     id="down-space-up-space"),
    ],
)
async def test_space_in_a_burst_toggles_the_value_it_was_pressed_on(
    app: TrialsApp, pressed: tuple[str, ...], chosen: set[str]
) -> None:
    """Keys that arrive together (over SSH): space picks the value under the cursor when it
    is pressed, not the one the keys after it move to; escape applies what was picked."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"stem", "enter", "f")
        assert isinstance(app.screen, FilterScreen)
        await burst(pilot, *pressed, "escape")  # statuses: Completed, Unknown, not stated
        screen = main_screen(app)
        assert screen.filters.get("status") == frozenset(chosen)
        names = ", ".join(sorted(fmt.enum_text(value) for value in chosen))
        assert f"[status: {names}]" in static_text(app, "#count")


async def test_space_in_a_burst_in_a_long_facet(app: TrialsApp) -> None:
    """The reported case: the third of five statuses, with the cursor moved on at once."""
    statuses = ["ACTIVE_NOT_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION",
                "NOT_YET_RECRUITING", "RECRUITING"]
    applied: list[dict[str, frozenset[str]] | None] = []
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        counts = {"status": {status: 1 for status in statuses}}
        app.push_screen(FilterScreen(counts, {}), applied.append)
        await settle(pilot)
        await burst(pilot, "down", "down", "space", "down", "down", "up", "escape")
        assert applied and applied[0] is not None
        assert applied[0]["status"] == {"ENROLLING_BY_INVITATION"}


async def test_sort_cycles_columns_and_reverses(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter", "R")  # relevance has no reverse: it says so
        assert screen.sort is None
        assert any("relevance order" in note for note in notifications(app))
        await keys(pilot, "S")
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


def test_a_count_line_too_long_for_its_width_says_less() -> None:
    line = CountLine(Text("281,871 of 600,000 trials"),
                     Echo(Text("  matching "), Text("heart failure")),
                     sort=Part(Text("  sorted by id (ascending)"), Text("  sorted by id ↑"),
                               Text("  by id ↑")),
                     note=Part(Text("  (200 listed; more as you scroll)"), Text("  (200 listed)")))
    whole = ("281,871 of 600,000 trials  matching heart failure  sorted by id (ascending)"
             "  (200 listed; more as you scroll)")  # 109 cells
    assert line.fitted(109).plain == whole
    assert line.fitted(0).plain == whole  # not laid out yet
    assert line.fitted(108).plain == (  # 89 cells
        "281,871 of 600,000 trials  matching heart failure  sorted by id (ascending)"
        "  (200 listed)")
    # then no note, the sort in short; the query stays (tests/test_tui_count_line.py)
    assert line.fitted(88).plain == (  # 75 cells
        "281,871 of 600,000 trials  matching heart failure  sorted by id (ascending)")
    assert line.fitted(70).plain == (
        "281,871 of 600,000 trials  matching heart failure  sorted by id ↑")
    assert line.fitted(60).plain == "281,871 of 600,000 trials  matching heart failure  by id ↑"
    assert line.fitted(50).plain == "281,871 of 600,000 trials  matching heart failure"
    assert line.fitted(30).plain == "281,871 of 600,000 trials  ma…"
    assert line.fitted(60, searching=True).plain == (
        "281,871 of 600,000 trials  matching heart failu…  searching…")
    # the filters counted before the sort is cut (80 columns: "sorted by enrol…")
    filtered = CountLine(Text("1,023 of 100,000 trials"),
                         filters=Part(Text("  [status: Completed; phase: Phase 2]"),
                                      Text("  [2 filters]")),
                         sort=Part(Text("  sorted by enrollment (descending)"),
                                   Text("  sorted by enrollment ↓"), Text("  by enrollment ↓")))
    assert filtered.fitted(80).plain == (
        "1,023 of 100,000 trials  [2 filters]  sorted by enrollment (descending)")
    assert filtered.fitted(120).plain.endswith("[status: Completed; phase: Phase 2]  sorted by "
                                               "enrollment (descending)")


async def test_the_count_line_fits_the_terminal_as_it_is_resized(app: TrialsApp) -> None:
    async with app.run_test(size=(50, 24)) as pilot:
        await start(pilot)
        await burst(pilot, *"amyotrophic")
        await keys(pilot, "enter", "S")
        assert static_text(app, "#count").strip() == "1 of 5 trials  matching amyotrophic  by id ↑"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert static_text(app, "#count").strip() == (
            "1 of 5 trials  matching amyotrophic  sorted by id (ascending)")


async def test_matches_are_highlighted_in_the_list_and_the_detail(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"neuromyeli", "enter", "e")
        screen = main_screen(app)
        assert NMO in screen.results.ids
        marked = screen.marker("Clinically definite neuromyelitis optica")
        assert [(s.start, s.end) for s in marked.spans if s.style == MATCH_STYLE] == [(20, 33)]
        # the Eligibility body carries the match style on the criteria text
        body = screen.detail.query_one("#eligibility-body").content
        rendered = app.console.render_lines(body, app.console.options.update_width(100))
        styled = [seg.text for line in rendered for seg in line if seg.style and seg.style.reverse]
        assert any(text.lower().startswith("neuromyeli") for text in styled)


async def test_a_malformed_query_says_what_is_wrong(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *'foo:bar')
        screen = main_screen(app)
        assert screen.results.ids == []
        assert 'unknown field "foo:"' in str(screen.results.empty_message)
        assert 'unknown field "foo:"' in screen_text(app)
        assert notifications(app) == []


async def test_a_store_problem_is_not_called_a_query_problem(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("index-g000002.bin cannot be read: Input/output error")

    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        monkeypatch.setattr(trial_store, "search", unreadable)
        await burst(pilot, *"stem")
        screen = main_screen(app)
        assert screen.results.ids == []
        shown = str(screen.results.empty_message).strip()
        assert shown == ("The store cannot be searched: index-g000002.bin cannot be read: "
                         "Input/output error")
        assert "No trial matches" not in screen_text(app)
        assert notifications(app) == [
            "Cannot search the store: index-g000002.bin cannot be read: Input/output error"]
        assert app.is_running

        monkeypatch.undo()  # the store can be read again: the next search lists trials
        await burst(pilot, "escape")
        assert screen.results.ids == ALL_IDS


async def test_a_bug_in_the_search_is_reported_not_disguised(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the search")

    with pytest.raises(WorkerFailed) as failed:  # Textual shows the traceback and exits
        async with app.run_test(size=LARGE) as pilot:
            await start(pilot)
            monkeypatch.setattr(trial_store, "search", broken)
            await burst(pilot, *"stem")
            shown = str(main_screen(app).results.empty_message)
            assert "a bug in the search" not in shown and "a bug" not in screen_text(app)
    assert isinstance(failed.value.error, RuntimeError)


async def test_sorted_by_start_date_the_list_shows_it(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")
        while screen.sort != "start":
            await keys(pilot, "S")
        await settle(pilot)
        text = screen_text(app)
        assert "Start" in text.splitlines()[next(
            i for i, line in enumerate(text.splitlines()) if " ID " in f" {line} ")]
        starts = [str((app.store.columns(i) or {}).get("start") or "")[:7]  # type: ignore[union-attr]
                  for i in screen.results.ids]
        assert [s for s in starts if s] == sorted(s for s in starts if s)
        assert all(s in text for s in starts if s)
        await keys(pilot, "S")  # relevance again: no start column
        await settle(pilot)
        assert not screen.results.dated


async def test_a_chosen_value_differs_from_the_others_without_colour(app: TrialsApp) -> None:
    """The box of a chosen value holds X, the others' are empty: they differ in a terminal
    without colour (NO_COLOR), where the box's colour was all that told them apart."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        counts = {"status": {"COMPLETED": 2, "RECRUITING": 1, "UNKNOWN": 3}}
        app.push_screen(FilterScreen(counts, {"status": frozenset({"RECRUITING"})}))
        await settle(pilot)
        boxes = dict((name, box) for box, name in _BOX.findall(screen_text(app)))
        assert boxes == {"Completed": " ", "Recruiting": "X", "Unknown": " "}
        await keys(pilot, "up", "space")  # from the chosen Recruiting up to Completed
        boxes = dict((name, box) for box, name in _BOX.findall(screen_text(app)))
        assert boxes == {"Completed": "X", "Recruiting": "X", "Unknown": " "}


_BOX = re.compile(r"▐(.)▌ +\d+ (\w+)")


async def test_each_facet_counts_within_the_other_facets_chosen_values(app: TrialsApp) -> None:
    """With Completed chosen, the phases count the completed trials (NCT06360861 is phase 1,
    NCT02249676 phase 2): choosing a phase never leads to none. The statuses still count
    every trial of the query (a status's own values are alternatives)."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "enter", "f")  # every seed trial; statuses: Completed, Unknown
        assert isinstance(app.screen, FilterScreen)
        await keys(pilot, "space", "escape")
        screen = main_screen(app)
        assert screen.filters == {"status": frozenset({"COMPLETED"})}
        await settle(pilot)
        assert screen.facets["phase"] == {"PHASE1": 1, "PHASE2": 1}
        assert screen.facets["status"] == {"COMPLETED": 2, "UNKNOWN": 2, "not stated": 1}
        await keys(pilot, "f")
        assert isinstance(app.screen, FilterScreen)
        phases = app.screen.query_one("#facet-phase", SelectionList)
        labels = [str(phases.get_option_at_index(i).prompt) for i in range(phases.option_count)]
        assert labels == ["1 Phase 1", "1 Phase 2"]
        status = app.screen.query_one("#facet-status", SelectionList)
        assert status.highlighted == 0  # on the chosen value, Completed


async def test_not_stated_is_a_value_to_filter_by(app: TrialsApp) -> None:
    """The seed page that states no status (a page scraped from another registry) is
    offered as "not stated", last, and choosing it lists that trial alone."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "enter", "f", "up", "space", "escape")
        screen = main_screen(app)
        assert screen.filters == {"status": frozenset({"not stated"})}
        await settle(pilot)
        assert len(screen.results.ids) == 1
        assert "[status: Not stated]" in static_text(app, "#count")


async def test_keys_typed_with_f_in_one_burst_never_crash(app: TrialsApp) -> None:
    """x or escape typed with f, before the dialog is laid out, clear or apply what it
    would (they raised NoMatches: the lists did not exist yet)."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "enter", "f", "space", "escape")  # Completed chosen
        screen = main_screen(app)
        assert screen.filters == {"status": frozenset({"COMPLETED"})}
        await burst(pilot, "f", "x", "escape")
        await settle(pilot)
        assert screen.filters == {}
        await burst(pilot, "f", "escape")
        await settle(pilot)
        assert app.screen is screen and screen.filters == {}


async def test_the_counts_follow_the_values_picked_in_the_dialog(app: TrialsApp) -> None:
    """Picking Completed recounts the other facets at once, in the dialog (a worker): the
    phases then count the completed trials (NCT06360861 phase 1, NCT02249676 phase 2), and
    clearing counts every trial again."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "enter", "f")
        assert isinstance(app.screen, FilterScreen)
        phases = app.screen.query_one("#facet-phase", SelectionList)

        def labels() -> list[str]:
            return [str(phases.get_option_at_index(i).prompt)
                    for i in range(phases.option_count)]

        assert labels() == ["2 Phase 1", "3 Phase 2", "1 Not stated"]
        await keys(pilot, "space")  # Completed
        await settle(pilot)
        # values stay in place (the cursor with them), with what they count now
        assert labels() == ["1 Phase 1", "1 Phase 2", "0 Not stated"]
        await keys(pilot, "x")
        await settle(pilot)
        assert labels() == ["2 Phase 1", "3 Phase 2", "1 Not stated"]


async def test_filter_names_are_whole_at_80_columns(app: TrialsApp) -> None:
    """At 80 columns each facet list gives its names the room it has: a long status with a
    5-digit count ("38,092 Enrolling by invitation", "38,081 Temporarily not available") is
    not cut, even in a list that scrolls."""
    statuses = sorted(set(vocab.STATUSES.values()))
    counts = {"status": {status: 38_092 - n for n, status in enumerate(statuses)},
              "phase": {"PHASE2": 10_095}, "study_type": {"INTERVENTIONAL": 51_902},
              "country": {"United States": 43_813}}
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await app.push_screen(FilterScreen(counts, {}))
        await settle(pilot)
        status = app.screen.query_one("#facet-status", SelectionList)
        assert status.max_scroll_y > 0  # (a scroll bar takes its room)
        text = screen_text(app)
        for name in ("Active, not recruiting", "Approved for marketing",
                     "Enrolling by invitation", "No longer available", "Not yet recruiting"):
            assert re.search(rf"\d {re.escape(name)} ", text), name
        status.scroll_end(animate=False)
        await settle(pilot)
        assert re.search(r"\d Temporarily not available ", screen_text(app))
