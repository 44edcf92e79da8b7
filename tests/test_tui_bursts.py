"""Keys typed in one burst with a key that opens a screen (f, c, ?, ctrl+p, tab to the list):
the keys after it act where a user who waited would have typed them, in the new screen,
never in the list or the box under it (tui.key_order)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandInput, CommandPalette
from textual.widgets import SelectionList
from tui_helpers import (
    ALS,
    LARGE,
    NMO,
    SMALL,
    burst,
    keys,
    main_screen,
    notifications,
    select_row,
    settle,
    start,
)

import tui.screens.main_search
from store import StoreError, TrialStore
from tui.app import TrialsApp
from tui.screens.compare import CompareScreen
from tui.screens.export import ExportDialog
from tui.screens.filters import FilterScreen
from tui.screens.help import HelpScreen


def facet(app: TrialsApp, name: str) -> SelectionList[str]:
    screen = app.screen
    assert isinstance(screen, FilterScreen), screen
    return screen.query_one(f"#facet-{name}", SelectionList)


async def test_f_and_space_together_toggle_the_panels_first_value(app: TrialsApp) -> None:
    """f and space pressed with no pause between them, right after a search: space toggles
    the panel's first status, Completed, not a mark in the list; escape then applies it."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await pilot.press(*"stem", "tab", "f", "space")
        await settle(pilot)
        assert facet(app, "status").selected == ["COMPLETED"]
        assert app.marks == {}
        assert screen.results.cursor == 0
        await keys(pilot, "escape")
        assert screen.filters == {"status": frozenset({"COMPLETED"})}
        assert screen.search_box.value == "stem"


@pytest.mark.parametrize(
    ("typed", "chosen", "row"),
    [
        pytest.param(("space",), ["COMPLETED"], 0, id="f-space"),
        pytest.param(("down", "space"), ["UNKNOWN"], 1, id="f-down-space"),
        pytest.param(("down", "space", "up", "space"), ["UNKNOWN", "COMPLETED"], 0,
                     id="f-down-space-up-space"),
    ],
)
async def test_keys_after_f_wait_for_the_counts_then_go_to_the_panel(
    app: TrialsApp, typed: tuple[str, ...], chosen: list[str], row: int
) -> None:
    """The reported case: "stem", enter, f and space in one burst, over SSH. The panel opens
    once the search's counts are read (a worker): the keys typed after f wait for it instead
    of marking rows of the list meanwhile, and act in it in order."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await burst(pilot, *"stem", "enter", "f", *typed)
        status = facet(app, "status")  # Completed, Unknown
        assert status.selected == chosen
        assert status.highlighted == row
        assert app.marks == {}
        assert screen.results.cursor == 0
        assert screen.search_box.value == "stem"


async def test_keys_after_tab_leave_the_box(app: TrialsApp) -> None:
    """tab moves on from the box (a binding that runs once the key has passed the box): the
    keys after it reach the list, not the box ("stemf " before)."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await burst(pilot, *"stem", "tab", "f", "space")
        assert screen.search_box.value == "stem"
        assert facet(app, "status").selected == ["COMPLETED"]
        assert app.marks == {}


async def test_keys_after_c_go_to_the_comparison(app: TrialsApp) -> None:
    """c reads the marked trials in a worker before the compare screen is pushed: d (only the
    differences) and j typed with it act there (j scrolls the comparison once it is laid out);
    the list under it does not move."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter", "space", "down", "space")
        assert screen.results.cursor == 1
        await burst(pilot, "c", "d", "j")
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert compare.differences_only
        assert screen.results.cursor == 1
        assert len(app.marks) == 2


async def test_keys_after_c_go_to_the_list_when_the_comparison_cannot_open(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The marked trials cannot be read: no compare screen comes, so the keys that waited for
    it act in the list (j moves down), at once."""

    def unreadable(trial_id: str) -> Any:
        raise StoreError(f"{trial_id}: shard damaged")

    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter", "space", "down", "space")
        monkeypatch.setattr(trial_store, "get", unreadable)
        await burst(pilot, "c", "j")
        assert app.screen is screen
        assert any("Cannot compare" in note for note in notifications(app))
        assert screen.results.cursor == 2
        assert app.focused is screen.results


async def test_keys_after_x_wait_for_every_match_then_go_to_the_dialog(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list listed in part (more as it is scrolled): x lists every match in a worker before
    the export dialog opens; right typed with it picks the next format there (JSON), it does
    not reach the list meanwhile."""
    monkeypatch.setattr(tui.screens.main_search, "FIRST_ROWS", 2)
    monkeypatch.setattr(tui.screens.main_search, "LIST_AT_ONCE", 2)
    monkeypatch.setattr(tui.screens.main_search, "LIST_STEP", 1)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")
        assert not screen.results.complete
        await burst(pilot, "x", "right")
        export = app.screen
        assert isinstance(export, ExportDialog)
        assert len(export.job.ids) == 5
        assert export.file_format == "json"


async def test_keys_after_a_screen_closes_go_back_to_the_list(app: TrialsApp) -> None:
    """Help opened and closed in one burst: the keys after escape act in the list again."""
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await select_row(pilot, NMO)
        row = screen.results.cursor
        await burst(pilot, "question_mark", "j", "j", "escape", "j", "space")
        assert app.screen is screen
        assert screen.results.cursor == row + 1
        assert list(app.marks) == [screen.results.ids[row + 1]]


async def test_help_takes_the_keys_typed_after_question_mark(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")
        await burst(pilot, "question_mark", "j", "j")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#help-scroll").scroll_y == 2
        assert screen.results.cursor == 0


async def test_letters_typed_after_ctrl_p_go_to_the_palette(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await burst(pilot, *"als", "enter", "ctrl+p", *"help")
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).value == "help"
        assert screen.search_box.value == "als"
        assert screen.results.ids == [ALS]
