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
from ..compare_view import legend_view, summary_view, tables_view, trials_fitting
from ..widgets.detail import DetailScroll
from .export import comparison_job

if TYPE_CHECKING:
    from textual.events import Resize

    from ..app import TrialsApp


class CompareScroll(DetailScroll):
    """The comparison's scroller: up/down/j/k scroll; left/right/h/l show the trials before or
    after those that fit (the field names stay in the first column)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "shift(-1)", "Left", show=False),
        Binding("right,l", "shift(1)", "Right", show=False),
    ]

    def action_shift(self, trials: int) -> None:
        screen = self.screen
        if isinstance(screen, CompareScreen):
            screen.shift(trials)


#: Rows from which the legend of the marks is shown above the tables, not after them.
LEGEND_FIRST_HEIGHT = 30


class CompareScreen(Screen[None]):
    """Two to six trials in columns; escape returns to the list with the marks kept."""

    #: The command palette's entry for action_export: (name, help).
    EXPORT_COMMAND = ("Export comparison…", "Write the compared trials to CSV, JSON or "
                      "Markdown (a side-by-side table)")

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
        #: The trials shown: `fitting` of them from position `first` (all when they fit).
        self.first = 0
        self.fitting = len(records)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="compare-title")
        with CompareScroll(id="compare-scroll"):
            yield Static(Text("Comparing the fields and criteria…", style="dim italic"),
                         id="compare-summary")
            yield Static(Text(""), id="compare-body")
            yield Static(Text(""), id="compare-legend")
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
        if not self._fit():  # the same trials shown: the tables stay as they are
            self._show_heading()  # (the title's ids, and where the legend goes, follow the size)

    def _fit(self) -> bool:
        """As many trials side by side as fit the screen's width, from the first shown;
        whether that changed (and the comparison was shown again)."""
        scroll = self.query_one("#compare-scroll", CompareScroll)
        available = scroll.scrollable_content_region.width or self.size.width
        fitting = trials_fitting(available, len(self.records))
        first = max(0, min(self.first, len(self.records) - fitting))
        if (fitting, first) == (self.fitting, self.first):
            return False
        self.fitting, self.first = fitting, first
        self._show()
        return True

    def shift(self, trials: int) -> None:
        """Show the trials `trials` places later (earlier when negative), when not all fit;
        the view stays as far down the comparison as it was (the same share of it: the
        other trials' rows are not as tall)."""
        first = max(0, min(self.first + trials, len(self.records) - self.fitting))
        if first != self.first:
            scroll = self.query_one("#compare-scroll", CompareScroll)
            share = scroll.scroll_y / scroll.max_scroll_y if scroll.max_scroll_y else 0.0
            self.first = first
            self._show()
            self.call_after_refresh(self._scroll_to_share, share)

    def _scroll_to_share(self, share: float) -> None:
        scroll = self.query_one("#compare-scroll", CompareScroll)
        scroll.scroll_to(y=round(share * scroll.max_scroll_y), animate=False, immediate=True)

    def _title(self) -> Text:
        """"Comparing 4 trials: NCT… · NCT… (1–2 shown; ← → the others)": the ids of the
        columns stay in sight while the tables scroll (without them when they do not fit)."""
        count = len(self.records)
        shown_ids = [str(record.get("id") or "?")
                     for record in self.records[self.first:self.first + self.fitting]]
        room = self.size.width - 2 if self.size.width else 0
        for with_ids in (True, False):
            title = Text(f"Comparing {count} trials", style="bold")
            if with_ids:
                title.append(": " + " · ".join(shown_ids), style="bold")
            if self.fitting < count:
                last = self.first + self.fitting
                shown = f"{last}" if self.fitting == 1 else f"{self.first + 1}–{last}"
                title.append(f" ({shown} shown; ← → the others)", style="italic")
            if self.differences_only:
                title.append("  differences only (d shows all)", style="italic")
            if not room or title.cell_len <= room:
                break
        return title

    def _show(self) -> None:
        """The title, and the comparison once it is computed."""
        self._show_heading()
        if self.comparison is not None:
            self.query_one("#compare-body", Static).update(
                tables_view(self.records, self.comparison, differences_only=self.differences_only,
                            shown=range(self.first, self.first + self.fitting)))

    def _show_heading(self) -> None:
        """The title, the summary and the legend (above the tables, or after them on a short
        screen): what follows the screen's size without the tables laid out again."""
        self.query_one("#compare-title", Static).update(self._title())
        if self.comparison is None:
            return
        only, in_parts = self.differences_only, self.fitting < len(self.records)
        # a short screen shows the tables sooner: the legend goes after them
        last = 0 < self.size.height < LEGEND_FIRST_HEIGHT
        self.query_one("#compare-summary", Static).update(
            summary_view(self.comparison, differences_only=only, in_parts=in_parts,
                         legend_last=last))
        legend = self.query_one("#compare-legend", Static)
        legend.update(Text.assemble("\n", legend_view(self.comparison, differences_only=only,
                                                        in_parts=in_parts))
                      if last else Text(""))
        legend.display = last

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
