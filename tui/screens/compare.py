"""The compare screen: marked trials side by side, criteria and outcomes aligned across them,
sites, MeSH terms and headline results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from store.compare import Comparison, compare

from .. import actions
from ..compare_view import COLUMN_WIDTH, summary_view, tables_view, view_width
from ..widgets.detail import DetailScroll
from .export import comparison_job

if TYPE_CHECKING:
    from textual.events import Resize

    from ..app import TrialsApp


#: A sideways step: a trial's narrowest column and its borders.
SIDEWAYS = COLUMN_WIDTH + 3


class CompareScroll(DetailScroll):
    """The comparison's scroller: up/down/j/k scroll, left/right/h/l scroll sideways by a
    trial's column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "scroll_left", "Left", show=False),
        Binding("l", "scroll_right", "Right", show=False),
    ]

    def _step_x(self, columns: int) -> None:
        self.scroll_to(x=self.scroll_x + columns, animate=False, immediate=True)

    def action_scroll_left(self) -> None:
        self._step_x(-SIDEWAYS)

    def action_scroll_right(self) -> None:
        self._step_x(SIDEWAYS)


class CompareScreen(Screen[None]):
    """Two to six trials in columns; escape returns to the list with the marks kept."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="close"),
        *actions.bindings("compare.differences", "export.compare"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help.compare"),
        Binding("q", "app.quit_app", "Quit", id="quit.compare"),
    ]
    ESCAPE_TO_MINIMIZE = False

    app: TrialsApp

    class Compared(Message):
        """The comparison is computed."""

        def __init__(self, comparison: Comparison) -> None:
            super().__init__()
            self.comparison = comparison

    def __init__(self, records: list[dict[str, Any]]) -> None:
        super().__init__()
        self.records = records
        self.comparison: Comparison | None = None  # computed in a worker once shown
        self.differences_only = False
        self.wider = False  # the tables are wider than the screen: it scrolls sideways

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="compare-title")
        with CompareScroll(id="compare-scroll"):
            yield Static(Text("Comparing the fields and criteria…", style="dim italic"),
                         id="compare-summary")
            yield Static(Text(""), id="compare-body")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#compare-scroll"))
        self._compare()

    @work(thread=True, exclusive=True, group="compare")
    def _compare(self) -> None:
        """Align the criteria off the UI thread (fuzzy matching of every pair of criteria)."""
        comparison = compare(self.records)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Compared(comparison))

    @on(Compared)
    def _compared(self, message: Compared) -> None:
        self.comparison = message.comparison
        self._show()
        self.call_after_refresh(self._fit)  # its scroll bar, once the tables are laid out

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """The tables as wide as the screen, or wider (scrolling sideways) when the columns
        need it; the summary always as wide as the screen, so that it can be read whole."""
        scroll = self.query_one("#compare-scroll", CompareScroll)
        available = scroll.scrollable_content_region.width or self.size.width
        self.query_one("#compare-summary", Static).styles.width = available
        needed = view_width(len(self.records))
        self.query_one("#compare-body", Static).styles.width = max(available, needed)
        if self.wider != (needed > available):
            self.wider = needed > available
            self.query_one("#compare-title", Static).update(self._title())

    def _title(self) -> Text:
        title = Text(f"Comparing {len(self.records)} trials", style="bold")
        if self.differences_only:
            title.append("  differences only (d shows everything)", style="italic")
        if self.wider:
            title.append("  ← → scroll sideways to the other trials", style="dim")
        return title

    def _show(self) -> None:
        """The title, and the comparison once it is computed."""
        self.query_one("#compare-title", Static).update(self._title())
        if self.comparison is None:
            return
        only = self.differences_only
        self.query_one("#compare-summary", Static).update(
            summary_view(self.comparison, differences_only=only))
        self.query_one("#compare-body", Static).update(
            tables_view(self.records, self.comparison, differences_only=only))

    def action_toggle_differences(self) -> None:
        """Show only what differs (fields, criteria and outcomes not shared by all), or
        everything."""
        self.differences_only = not self.differences_only
        self._show()

    def action_close(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        """Export the compared trials (Markdown: summary, fields, aligned criteria and
        outcomes, headline results)."""
        self.app.export_trials(comparison_job(self.records))
