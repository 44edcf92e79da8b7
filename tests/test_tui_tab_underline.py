"""The detail's tab underline stays under the active tab when the tabs' labels and widths
change (Textual moves it on resize and activation only, reading the tab's place after the
next refresh, which can be before a new style of the tabs is laid out)."""

from __future__ import annotations

import pytest
from textual.widgets import Tabs
from textual.widgets._tabs import Underline
from tui_helpers import NMO, SMALL, keys, main_screen, select_row, settle, start

from tui.app import TrialsApp
from tui.screens.main import MainScreen
from tui.widgets.detail import DetailPane


def underline_and_tab(app: TrialsApp) -> tuple[tuple[float, float], tuple[int, int]]:
    """The underline's span and the active tab's, in the detail of the main screen."""
    tabs = main_screen(app).detail.query_one(Tabs)
    active = tabs.active_tab
    assert active is not None
    underline = tabs.query_one(Underline)
    span = active.virtual_region.shrink(active.styles.gutter).column_span
    return (underline.highlight_start, underline.highlight_end), span


def misplace(pane: DetailPane) -> None:
    """Put the underline where no tab is (where a tab was before its new width was laid
    out)."""
    underline = pane.query_one(Tabs).query_one(Underline)
    underline.highlight_start, underline.highlight_end = 30, 33


async def test_an_underline_placed_from_a_stale_layout_is_moved_again(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await select_row(pilot, NMO)
        misplace(main_screen(app).detail)
        real = Tabs._highlight_active
        moves: list[int] = []

        def stale_first(tabs: Tabs, animate: bool = True) -> None:
            moves.append(1)
            if len(moves) > 1:  # the first move read the old place: it left the bar there
                real(tabs, animate)

        monkeypatch.setattr(Tabs, "_highlight_active", stale_first)
        main_screen(app).detail.follow_tabs()
        await settle(pilot)
        assert len(moves) >= 2
        placed, tab = underline_and_tab(app)
        assert placed == tab


async def test_the_underline_follows_tabs_changed_under_another_screen(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await select_row(pilot, NMO)
        pane = main_screen(app).detail
        await keys(pilot, "f1")
        assert not isinstance(app.screen, MainScreen)
        misplace(pane)  # the labels changed while the help was shown
        await keys(pilot, "escape")
        await settle(pilot)
        placed, tab = underline_and_tab(app)
        assert placed == tab
