"""The main screen: search box, results list with a count, detail tabs (the detail's reads:
main_detail; saved searches, watched trials and versions: main_saved)."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from store import StoreError
from store.compare_limits import MAX_TRIALS
from store.search import SORTS

from .. import actions
from ..messages import (
    MarksChanged,
    StoreReady,
)
from ..widgets.detail import TABS, DetailPane
from ..widgets.footer import FittedFooter
from ..widgets.results import ResultsTable
from ..widgets.search_box import SearchBox
from .export import results_job
from .filters import Filters, FilterScreen, counts_within
from .main_search import SearchPart
from .main_state import Request

MAX_COMPARE = MAX_TRIALS


class MainScreen(SearchPart):
    """Search, list and detail of the trials in the store."""

    #: The command palette's entry for action_export: (name, help).
    EXPORT_COMMAND = ("Export results…", "Write every trial of the current results to CSV, "
                      "JSON or Markdown")

    #: The footer's line stays under a detail shown alone (80 columns, or z).
    ALLOW_IN_MAXIMIZED_VIEW = "#bottom"

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(
        "focus.search", "tab.overview", "tab.arms", "tab.eligibility", "tab.outcomes",
        "tab.sites", "tab.results", "tab.source", "tab.history", "tab.references", "zoom.wide",
        "zoom", "more",
        "more.all",
        "mark", "watch", "compare", "filters", "sort", "sort.reverse", "reload", "export", "save",
        "help.list", "back", "quit.q",
    )
    # (Screen declares it "ClassVar[...] | None", which the type checker reads as an attribute)
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"), (100, "-wide")]
    ESCAPE_TO_MINIMIZE: ClassVar[bool | None] = False
    AUTO_FOCUS = "#search"

    def compose(self) -> ComposeResult:
        yield SearchBox(
            results_id="results", placeholder="Search trials: type words (all must match)",
            id="search",
        )
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Label(Text("Loading trials…"), id="count")
                yield ResultsTable(id="results")
            yield DetailPane(id="detail")
        with Horizontal(id="bottom"):
            yield FittedFooter(id="footer")
            yield Static(Text(""), id="marks")

    def on_resize(self, event: events.Resize) -> None:
        """Below 100 columns the footer is compact, so that more keys fit on its line."""
        self.query_one("#footer", FittedFooter).compact = event.size.width < 100
        self.call_after_refresh(self.show_count)  # fitted to the count line's new width
        self.call_after_refresh(self.refresh_bindings)  # the z hint follows -wide

    def on_screen_resume(self) -> None:
        """Back from another screen (compare, help): the detail's tab underline follows
        labels that changed while this screen was not drawn."""
        for pane in self.query(DetailPane):  # (none yet when the screen is first shown)
            pane.follow_tabs()

    # --- widgets -------------------------------------------------------------------------

    @property
    def search_box(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    @property
    def results(self) -> ResultsTable:
        return self.query_one("#results", ResultsTable)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    # --- searching -----------------------------------------------------------------------

    @property
    def request(self) -> Request:
        """What the list should show: the typed query, the filters and the sort order."""
        return (self.search_box.value, tuple(sorted(self.filters.items())), self.sort)

    @property
    def searching(self) -> bool:
        """Whether the list waits for a search's results."""
        return self._shown_generation != self._generation

    @on(StoreReady)
    def _store_ready(self) -> None:
        """The store opened or was reloaded: search again, read records afresh, and the
        saved searches, watched trials and query history; the saved search shown marks
        what changed since."""
        self._records.clear()
        self._histories.clear()
        self.detail.forget_history()
        self.results.forget_rows()
        self._store_epoch += 1
        self._detail_id = None
        self._pending_goto = self._pending_goto or self.results.current_id
        self.run_search(force=True)
        self._read_user_state(self._store_epoch)
        if self.saved_name is not None:
            self._read_unseen(self.saved_name)

    @on(SearchBox.Changed, "#search")
    def _query_changed(self) -> None:
        self.run_search()
        self._typed_generation = self._generation  # a search typed (its detail may wait)
        self.typing_goes_on()

    @on(SearchBox.Accepted)
    def _accepted(self) -> None:
        """Leaving the box: the keys typed after it wait until the list shows the final query;
        the query joins the history (kept in the store's folder)."""
        self.run_search()
        self._show_waiting_detail()
        if not self.searching:
            self.results.release_keys()
        text = self.search_box.value.strip()
        if text and self.app.store is not None:
            self.search_box.remember(text)
            self._remember_worker(text)

    @work(thread=True, group="remember")
    def _remember_worker(self, text: str) -> None:
        try:
            self.app.user_state().remember_query(text)
        except StoreError as error:
            self.app.call_from_thread(self.notify, f"Could not remember the query: {error}",
                                      severity="warning", markup=False)

    def action_filters(self) -> None:
        """Open the filter panel with counts for the current query (once they are counted)."""
        if self._facets_generation != self._generation:
            self._filters_wanted = True
            self.app.expect_screen()  # the keys typed after f are the panel's
            return

        def apply(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = {k: v for k, v in filters.items() if v}
                self.run_search()

        store, query = self.app.store, self.request[0]

        def recount(filters: Filters) -> dict[str, dict[str, int]]:
            """(in the dialog's worker) the counts for the values picked so far"""
            assert store is not None
            return counts_within(partial(store.facets, prefix_last=True), query, filters)

        self.app.push_screen(FilterScreen(self.facets, self.filters, recount), apply)

    def action_cycle_sort(self) -> None:
        """Sort by relevance, then by each column in turn."""
        column = (self.sort or "").lstrip("-")
        order = [None, *SORTS]
        self.sort = order[(order.index(column or None) + 1) % len(order)]
        self.run_search()

    def action_reverse_sort(self) -> None:
        """Reverse the column sort."""
        if self.sort:
            self.sort = self.sort[1:] if self.sort.startswith("-") else f"-{self.sort}"
            self.run_search()
        else:  # best first has no reverse: say so rather than do nothing
            self.notify("The list is in relevance order, best first: press S to sort by a "
                        "column, then R reverses it.", timeout=4)

    # --- list and detail (the detail's reads: main_detail) ------------------------------

    @on(ResultsTable.Opened)
    def _opened(self, event: ResultsTable.Opened) -> None:
        scroll = self.detail.active_scroll()
        self.set_focus(scroll)
        if self.has_class("-narrow"):
            self.maximize(self.detail, container=False)

    @on(ResultsTable.LeftTop)
    def _left_top(self) -> None:
        self.set_focus(self.search_box)

    def action_focus_search(self) -> None:
        self._restore_layout()
        self.set_focus(self.search_box)

    def action_show_tab(self, tab_id: str) -> None:
        """Show a detail tab without moving focus (unless focus was in the hidden tab)."""
        if tab_id not in TABS:
            return
        had_focus = self.focused is not None and self.detail in self.focused.ancestors_with_self
        self.detail.active = tab_id
        if had_focus:
            self.set_focus(self.detail.active_scroll())

    def action_show_more(self) -> None:
        """Show the next page of a long detail tab (sites, results)."""
        self.detail.show_more()

    def action_show_rest(self) -> None:
        """Show all the rest of a long detail tab."""
        self.detail.show_more(everything=True)

    def action_back(self) -> None:
        """Escape: detail → list, list → search box."""
        focused = self.focused
        if focused is not None and self.detail in focused.ancestors_with_self:
            self._restore_layout()
            self.set_focus(self.results)
        else:
            self.set_focus(self.search_box)

    def _restore_layout(self) -> None:
        if self.maximized is not None:
            self.minimize()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer's z hint only where list and detail are side by side; no "/ Search" in
        the search box (a slash is text there: its own keys are named instead)."""
        if action == "zoom_wide":
            return self.has_class("-wide")
        if action == "focus_search":
            return not isinstance(self.focused, SearchBox)
        return True

    def action_zoom_wide(self) -> None:
        self.action_toggle_zoom()

    def action_toggle_zoom(self) -> None:
        """z: the detail full width (focus in it), or back beside the list."""
        if self.maximized is not None:
            self.minimize()
            return
        self.maximize(self.detail, container=False)
        self.set_focus(self.detail.active_scroll())

    # --- marks and compare ---------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        trial_id = self.results.current_id
        if trial_id is not None:
            self.app.toggle_mark(trial_id)

    @on(MarksChanged)
    def _marks_changed(self) -> None:
        marks = self.app.marks
        self.results.set_marks(marks)
        label = Text(f" {len(marks)} marked ", style="bold reverse") if marks else Text("")
        self.query_one("#marks", Static).update(label)

    def action_compare(self) -> None:
        self.app.action_compare_marked()

    def action_export(self) -> None:
        """Export every row of the current results (not only those on screen), once the
        search has counted them all."""
        if not self.results.complete:
            self._export_wanted = True
            self.app.expect_screen()  # the keys typed after x are the dialog's
            self._list_everything()
            return
        query, filters, _ = self._shown or self.request
        self.app.export_trials(results_job(tuple(self.results.ids), query, dict(filters)))

    def goto(self, trial_id: str) -> None:
        """Move the cursor to a trial, clearing the search when it is not in the results."""
        if trial_id in self.results.ids:
            self.results.cursor = self.results.ids.index(trial_id)
        elif not self.results.complete:  # perhaps among the matches still to come
            self._goto_wanted = trial_id
            self._list_everything()
        else:
            self._pending_goto = trial_id
            self.filters = {}
            self.search_box.value = ""
            self.run_search(force=True)
        self.set_focus(self.results)


    # --- history -------------------------------------------------------------------------
