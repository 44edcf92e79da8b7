"""The list's columns at each terminal width, and the footer's keys beside the marked count."""

from __future__ import annotations

import pytest
from rich.text import Text
from tui_helpers import (
    ALS,
    NMO,
    keys,
    main_screen,
    plain,
    screen_text,
    select_row,
    settle,
    start,
)

from tui.app import TrialsApp
from tui.widgets.footer import FittedFooter
from tui.widgets.result_rows import COLUMNS, layout

# The seeds list two LOCAL- ids: the id column is 16 wide. At 100 columns and wider the list
# takes 55% of the width, the detail the rest.
HEADERS_AT = [
    (80, ["ID", "Title", "Status", "Phase"]),
    (99, ["ID", "Title", "Status", "Phase", "Conditions", "Enrolled"]),
    (100, ["ID", "Title", "Status", "Phase"]),
    (110, ["ID", "Title", "Status", "Phase"]),
    (120, ["ID", "Title", "Status", "Phase"]),
    (140, ["ID", "Title", "Status", "Phase"]),
    (160, ["ID", "Title", "Status", "Phase", "Enrolled"]),
    (200, ["ID", "Title", "Status", "Phase", "Conditions", "Enrolled"]),
]
DROPPED_IN_ORDER = ["conditions", "enrollment", "phase", "status"]


@pytest.mark.parametrize(("columns", "headers"), HEADERS_AT, ids=[str(w) for w, _ in HEADERS_AT])
async def test_the_list_shows_the_columns_its_width_allows(
    app: TrialsApp, columns: int, headers: list[str]
) -> None:
    async with app.run_test(size=(columns, 24)) as pilot:
        await start(pilot)
        results = main_screen(app).results
        header = results.render_line(0).text
        assert header.split() == headers
        width = results.scrollable_content_region.width
        assert len(header) == width
        if columns >= 100:  # beside the detail
            assert width < columns * 0.6
        row = next(line for line in screen_text(app).splitlines() if NMO in line)
        status = "Completed" if "Status" in headers else None
        assert status is None or status in row


@pytest.mark.parametrize("id_width", [11, 16])
def test_columns_go_least_important_first_and_the_title_takes_the_rest(id_width: int) -> None:
    optional = {c.key for c in COLUMNS if c.priority}
    for width in range(30, 260):
        shown = layout(width, id_width)
        keys_shown = [c.key for c, _ in shown]
        dropped = [key for key in DROPPED_IN_ORDER if key not in keys_shown]
        assert dropped == DROPPED_IN_ORDER[: len(dropped)], (width, keys_shown)
        assert {"mark", "id", "title"} <= set(keys_shown)
        widths = dict((c.key, w) for c, w in shown)
        if width >= 3 + id_width + 12 + 2:  # room for the id and the narrowest title
            assert sum(widths.values()) + len(shown) - 1 == width, (width, widths)
        title = widths["title"]
        assert title >= max(c.room for c, _ in shown) or not optional & set(keys_shown)
        # status and phase show whenever they fit beside a 15-cell title
        if width >= 3 + id_width + 15 + 10 + 7 + 4:  # status 10, phase 7
            assert {"status", "phase"} <= set(keys_shown), (width, keys_shown)
        for column, cells in shown:
            if column.key not in ("title", "conditions"):
                assert cells == column.width or column.key == "id"


def footer_line(app: TrialsApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_at_80_columns_a_marked_count_leaves_help_and_quit_in_the_footer(
    app: TrialsApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await select_row(pilot, ALS)
        footer = app.screen.query_one(FittedFooter)
        line = footer_line(app)
        for key in ("⏎ Open", "/ Search", "space Mark", "c Compare", "? Help", "q Quit",
                    "^p palette"):
            assert key in line, line

        await keys(pilot, "space")
        line = footer_line(app)
        assert line.rstrip().endswith("1 marked"), line
        for key in ("space Mark", "c Compare", "? Help", "q Quit", "^p palette"):
            assert key in line, line
        assert "⏎ Open" not in line  # the least important keys make room
        assert footer.shown_actions[-3:] == ["app.help", "app.quit_app", "command_palette"]

        for number in range(12):  # a longer count: still Help and Quit
            app.marks[f"NCT{number:08d}"] = None
        await keys(pilot, "down", "space")
        line = footer_line(app)
        assert line.rstrip().endswith(f"{len(app.marks)} marked"), line
        assert "? Help" in line and "q Quit" in line, line

        app.marks.clear()
        await select_row(pilot, ALS)
        await keys(pilot, "space", "space")  # unmarked: every key again
        line = footer_line(app)
        assert "marked" not in line
        assert "⏎ Open" in line and "/ Search" in line and "? Help" in line, line


async def test_at_120_columns_the_footer_keeps_every_key_beside_the_count(
    app: TrialsApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await select_row(pilot, ALS)
        await keys(pilot, "space")
        line = footer_line(app)
        for key in ("⏎ Open", "/ Search", "space Mark", "c Compare", "f Filter", "x Export",
                    "? Help", "q Quit", "^p palette", "1 marked"):
            assert key in line, line


async def test_the_footer_lays_its_keys_out_once_for_changes_asked_together(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several changes of the keys in one go (focus, sizes, the history read) lay the footer
    out once, showing the last; a change after that lays it out again."""
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        footer = app.screen.query_one(FittedFooter)
        original = footer.recompose
        laid_out: list[list[str]] = []

        async def counted() -> None:
            await original()
            laid_out.append(footer.shown_actions)

        monkeypatch.setattr(footer, "recompose", counted)
        await select_row(pilot, ALS)  # the list's keys: focus moved
        await settle(pilot)
        laid_out.clear()
        for _ in range(4):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(laid_out) == 1
        assert "screen.toggle_mark" in laid_out[0]  # the list's keys, not the search box's
        await keys(pilot, "slash")  # the search box again
        assert len(laid_out) > 1
        assert "screen.toggle_mark" not in laid_out[-1]


async def test_the_footer_follows_the_keys_after_a_screen_shown_and_closed_at_once(
    app: TrialsApp,
) -> None:
    """A change of the keys asked for while another screen is on top, that screen closed in
    the same moment (help opened and closed at once): the footer still follows every later
    change (it once waited for a layout that never came, and kept the search box's keys)."""
    from tui.screens.help import HelpScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        main = main_screen(app)
        footer = main.query_one(FittedFooter)
        app.push_screen(HelpScreen())
        app.pop_screen()  # closed as soon as opened
        await settle(pilot)
        app.push_screen(HelpScreen())
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        main.refresh_bindings()  # asked while the help screen is on top…
        app.pop_screen()  # …which closes before it is idle again
        await settle(pilot)
        await select_row(pilot, ALS)
        await settle(pilot)
        assert "screen.toggle_mark" in footer.shown_actions  # the list's keys
        await keys(pilot, "slash")
        assert "screen.toggle_mark" not in footer.shown_actions


async def test_a_narrow_footer_keeps_help_and_quit_in_the_detail_too(app: TrialsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await select_row(pilot, ALS)
        await keys(pilot, "space", "tab")  # the detail: other keys
        line = footer_line(app)
        assert "1 marked" in line and "? Help" in line and "q Quit" in line, line


def test_a_results_table_of_many_groups_is_drawn_in_parts_that_fit() -> None:
    """20 groups in a 60-cell pane: parts of a few groups each, headed, every value shown;
    a wide console draws the one table, and so does a narrow one for three groups."""
    from tui.span_table import SpanTable

    table = SpanTable("Milestone", [f"Cohort {n} dose level" for n in range(1, 21)])
    table.add_row(Text("Started"), *(Text(str(100 + n)) for n in range(1, 21)))
    narrow = plain(table, width=60)
    heads = [line.strip() for line in narrow.splitlines() if line.strip().startswith("Group")]
    assert len(heads) >= 2
    assert heads[0].startswith("Groups 1–") and heads[-1].endswith("–20 of 20")
    for n in range(1, 21):
        assert str(100 + n) in narrow
    assert max(len(line) for line in narrow.splitlines()) <= 60
    wide = plain(table, width=600)
    assert "Groups" not in wide and "120" in wide
    three = SpanTable("Milestone", ["Early Intervention", "Late Implementation", "Total"])
    three.add_row(Text("Started"), Text("2,053"), Text("2,803"), Text("4,856"))
    assert "Groups" not in plain(three, width=45)


def test_a_results_table_keeps_each_value_on_one_line_before_widening_labels() -> None:
    """A detail pane of 74 cells: "60.4 (12.2)" stays whole (the label column gives way),
    and an indented label's wrapped line keeps its indent."""
    from tui.report_view import indented
    from tui.span_table import SpanTable

    table = SpanTable("Measure", ["Intervention group", "Control group", "Total"])
    table.add_title(Text("Age, Continuous (Mean (Standard deviation), years)"))
    table.add_row(Text(""), Text("48.4 (7.5)"), Text("41.5 (13)"), Text("60.4 (12.2)"))
    table.add_title(Text("Race (NIH/OMB)"))
    table.add_row(indented(Text("American Indian or Alaska Native of the region")),
                  Text("7"), Text("9"), Text("16"))
    text = plain(table, width=74)
    for value in ("48.4 (7.5)", "41.5 (13)", "60.4 (12.2)"):
        assert value in text, text
    lines = text.splitlines()
    first = next(number for number, line in enumerate(lines) if "American" in line)
    assert lines[first].startswith("  American")
    assert lines[first + 1].startswith("  ") and lines[first + 1].strip(), text


def test_groups_are_drawn_in_parts_before_their_counts_are_cut() -> None:
    """Five groups of adverse-event counts in a 60-cell pane: parts of groups, each count
    "10 / 158 (6.3%)" on one line (they were cut into 3 lines each)."""
    from tui.events_view import affected_text
    from tui.span_table import SpanTable

    table = SpanTable("", [f"Arm {n}" for n in range(1, 6)])
    table.add_row(Text("Arthralgia"), *(affected_text(10 + n, 158, 12) for n in range(5)))
    text = plain(table, width=60)
    assert "Groups 1–" in text
    for count in ("10 / 158 (6.3%)", "11 / 158 (7.0%)", "12 / 158 (7.6%)", "13 / 158 (8.2%)",
                  "14 / 158 (8.9%)"):
        assert count in text, text
    assert max(len(line) for line in text.splitlines()) <= 60


def test_a_measure_split_by_its_values_says_so_and_keeps_the_participants_analysed() -> None:
    """NCT00006604: seven categories as columns were headed "Groups 1–4 of 8", the part after
    the first without its Analysed column."""
    from tui.span_table import SpanTable

    names = [f"Toxicity grade {n}" for n in range(1, 8)]
    table = SpanTable("Group", ["Analysed", *names], noun=("Value", "Values"), keep=1)
    for arm in ("Arm A", "Arm B"):
        table.add_row(Text(arm), Text("40"), *(Text(f"{n}.5") for n in range(1, 8)))
    text = plain(table, width=60)
    heads = [line.strip() for line in text.splitlines() if line.strip().startswith("Value")]
    assert len(heads) >= 2 and heads[0].startswith("Values 1–") and heads[-1].endswith("of 7")
    assert not any(line.strip().startswith("Group") and "of" in line
                   for line in text.splitlines())
    assert sum("Analysed" in line for line in text.splitlines()) == len(heads)
    for n in range(1, 8):
        assert f"{n}.5" in text
