"""The lines around the list that say where the user is: the count line above it at every
width (what matters least gives way first: the note, the filters named, the sort; the query
searched stays, cut with "…" when it must be), and the footer below the search box, which
names only the keys that work in the box as it is."""

from __future__ import annotations

import pytest
from rich.text import Text
from tui_helpers import (
    LARGE,
    SMALL,
    burst,
    keys,
    main_screen,
    screen_text,
    start,
    static_text,
)

from tui.app import TrialsApp
from tui.screens.count_line import CountLine, Echo, Part

HEART = Echo(Text("  matching "), Text("heart failure"))

#: A line with every part (189 cells whole).
CROWDED = CountLine(
    Text("281,871 of 600,000 trials"),
    HEART,
    filters=Part(Text("  [status: Recruiting; phase: Phase 2]"), Text("  [2 filters]")),
    sort=Part(Text("  sorted by enrollment (descending)"), Text("  sorted by enrollment ↓"),
              Text("  by enrollment ↓")),
    news=Part(Text("  · 3 new since you last looked"), Text("  · 3 new")),
    note=Part(Text("  (5,000 listed; more as you scroll)"), Text("  (5,000 listed)")),
)


def test_with_filters_at_80_columns_the_query_stays() -> None:
    """The reported line: at 80 columns the filters are counted rather than named, and the
    query stays (the line said "2 of 3,041 trials  [status: …; phase: …]" without it)."""
    line = CountLine(Text("2 of 3,041 trials"), HEART,
                     filters=Part(Text("  [status: Active, not recruiting; phase: Phase 1]"),
                                  Text("  [2 filters]")))
    assert line.fitted(78).plain == "2 of 3,041 trials  matching heart failure  [2 filters]"
    assert line.fitted(120).plain == (
        "2 of 3,041 trials  matching heart failure  [status: Active, not recruiting; "
        "phase: Phase 1]")


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (189, "281,871 of 600,000 trials  matching heart failure  [status: Recruiting; phase: "
              "Phase 2]  sorted by enrollment (descending)  · 3 new since you last looked  "
              "(5,000 listed; more as you scroll)"),
        (188, "281,871 of 600,000 trials  matching heart failure  [status: Recruiting; phase: "
              "Phase 2]  sorted by enrollment (descending)  · 3 new since you last looked  "
              "(5,000 listed)"),
        (168, "281,871 of 600,000 trials  matching heart failure  [status: Recruiting; phase: "
              "Phase 2]  sorted by enrollment (descending)  · 3 new since you last looked"),
        (152, "281,871 of 600,000 trials  matching heart failure  [2 filters]  sorted by "
              "enrollment (descending)  · 3 new since you last looked"),
        (127, "281,871 of 600,000 trials  matching heart failure  [2 filters]  sorted by "
              "enrollment ↓  · 3 new since you last looked"),
        (116, "281,871 of 600,000 trials  matching heart failure  [2 filters]  sorted by "
              "enrollment ↓  · 3 new"),
        (94, "281,871 of 600,000 trials  matching heart failure  [2 filters]  by enrollment ↓"
             "  · 3 new"),
        # the query's words cut to fit, the ellipsis saying so
        (87, "281,871 of 600,000 trials  matching heart failu…  [2 filters]  by enrollment ↓"
             "  · 3 new"),
        # cut to fewer than 10 cells they would say little: the sort goes instead
        (80, "281,871 of 600,000 trials  matching heart failure  [2 filters]  · 3 new"),
        (70, "281,871 of 600,000 trials  matching heart failu…  [2 filters]  · 3 new"),
        (60, "281,871 of 600,000 trials  matching heart fail…  [2 filters]"),
        # even that does not fit: the line is cut at its end
        (40, "281,871 of 600,000 trials  matching hea…"),
        (0, "281,871 of 600,000 trials  matching heart failure  [status: Recruiting; phase: "
            "Phase 2]  sorted by enrollment (descending)  · 3 new since you last looked  "
            "(5,000 listed; more as you scroll)"),  # not laid out yet: whole
    ],
)
def test_what_matters_least_gives_way_first(width: int, expected: str) -> None:
    fitted = CROWDED.fitted(width).plain
    assert fitted == expected
    assert len(fitted) <= width or width == 0


def test_a_hint_too_long_keeps_its_query_whole() -> None:
    """The hint ("did you mean …?") is a query to type: it is never cut; how many it would
    match gives way first, then its words ("try …")."""
    upper = "stem OR amyotrophic"
    line = CountLine(Text("1 of 5 trials"),
                     Echo(Text("  did you mean "), Text(upper), Text("? 5 trials"),
                          shorter=(Text(f"  did you mean {upper}?"), Text(f"  try {upper}"))),
                     filters=Part(Text("  [status: Completed]"), Text("  [1 filter]")))
    assert line.fitted(78).plain == (
        "1 of 5 trials  did you mean stem OR amyotrophic? 5 trials  [status: Completed]")
    assert line.fitted(64).plain == (
        "1 of 5 trials  did you mean stem OR amyotrophic?  [1 filter]")
    assert line.fitted(50).plain == "1 of 5 trials  try stem OR amyotrophic  [1 filter]"


def test_searching_is_said_after_the_parts_that_fit() -> None:
    line = CountLine(Text("5 of 5 trials"), Echo(Text("  matching "), Text("stem")),
                     sort=Part(Text("  sorted by id (ascending)"), Text("  sorted by id ↑"),
                               Text("  by id ↑")))
    assert line.fitted(78, searching=True).plain == (
        "5 of 5 trials  matching stem  sorted by id (ascending)  searching…")
    assert line.fitted(49, searching=True).plain == (
        "5 of 5 trials  matching stem  by id ↑  searching…")


QUERY = "allogeneic mesenchymal stem cells multiple sclerosis"  # NCT06360861 alone


@pytest.mark.parametrize(
    ("size", "filtered", "sorted_"),
    [
        pytest.param(  # the list pane is the whole width: 78 cells
            SMALL,
            "1 of 5 trials  matching allogeneic mesenchymal stem cells multip…  [2 filters]",
            "1 of 5 trials  matching allogeneic mesenchymal…  [2 filters]  by enrollment ↑",
            id="80x24"),
        pytest.param(  # the list beside the detail: 64 cells
            LARGE,
            "1 of 5 trials  matching allogeneic mesenchymal ste…  [2 filters]",
            "1 of 5 trials  matching allogenei…  [2 filters]  by enrollment ↑",
            id="120x40"),
    ],
)
async def test_the_query_stays_on_the_count_line_with_filters_chosen(
    app: TrialsApp, size: tuple[int, int], filtered: str, sorted_: str
) -> None:
    """Type a query, tab to the list, f, choose a status and a phase, apply: the count line
    still says what was searched (cut), with the filters counted; then sorted too."""
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await burst(pilot, *QUERY, "tab", "f", "space", "tab", "space", "escape")
        assert screen.filters == {"status": frozenset({"COMPLETED"}),
                                  "phase": frozenset({"PHASE1"})}
        assert static_text(app, "#count").strip() == filtered
        await keys(pilot, "S", "S", "S", "S", "S")  # id, title, status, phase, enrollment
        assert screen.sort == "enrollment"
        assert static_text(app, "#count").strip() == sorted_


def footer_keys(app: TrialsApp) -> str:
    """The footer's keys, left of the palette key, single-spaced."""
    return " ".join(screen_text(app).splitlines()[-1].split("▏")[0].split())


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
async def test_the_search_box_footer_names_only_keys_that_work(
    app: TrialsApp, size: tuple[int, int]
) -> None:
    """↑ recalls the history only in an empty box, when there is one (typed in, it does
    nothing: not named); esc clears a box with text; while a query brought back is shown, ↑
    (older, unless it is the oldest) and ↓ (newer) walk the history, and only ⏎ moves to the
    results."""
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        box = main_screen(app).search_box
        assert footer_keys(app) == "⏎/↓ Results F1 Help ^q Quit"  # no history, nothing to clear
        await burst(pilot, *"stem")
        assert footer_keys(app) == "⏎/↓ Results esc Clear F1 Help ^q Quit"
        await keys(pilot, "up")  # typed in: up does nothing
        assert box.value == "stem"
        await keys(pilot, "enter", "slash", "ctrl+u")  # "stem" joins the history
        assert footer_keys(app) == "↑ History ⏎/↓ Results F1 Help ^q Quit"
        await keys(pilot, "up")  # the oldest query: only down walks on
        assert box.value == "stem"
        assert footer_keys(app) == "↓ History ⏎ Results esc Clear F1 Help ^q Quit"
        await burst(pilot, "ctrl+u", *"als", "enter")
        await keys(pilot, "slash", "ctrl+u", "up")
        assert box.value == "als"
        assert footer_keys(app) == "↑/↓ History ⏎ Results esc Clear F1 Help ^q Quit"
        await keys(pilot, "x")  # edited: a query typed in again
        assert box.value == "alsx"
        assert footer_keys(app) == "⏎/↓ Results esc Clear F1 Help ^q Quit"
