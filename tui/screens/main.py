"""The main screen: search box, results list with a count, detail tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from store import StoreError
from store.compare import MAX_TRIALS
from store.search import SORTS

from .. import actions
from ..highlight import marker_for
from ..messages import MarksChanged, SearchFinished, StoreReady
from ..report_view import Marker, plain
from ..widgets.detail import TABS, DetailPane
from ..widgets.results import ResultsTable
from ..widgets.search_box import SearchBox
from .export import results_job
from .filters import Filters, FilterScreen, describe, filter_query

if TYPE_CHECKING:
    from ..app import TrialsApp

MAX_COMPARE = MAX_TRIALS
Request = tuple[str, tuple[tuple[str, frozenset[str]], ...], str | None]


class MainScreen(Screen[None]):
    """Search, list and detail of the trials in the store."""

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(
        "focus.search", "tab.overview", "tab.arms", "tab.eligibility", "tab.source", "mark",
        "compare", "filters", "sort", "sort.reverse", "reload", "export", "help.list", "back",
        "quit.q",
    )
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    ESCAPE_TO_MINIMIZE = False
    AUTO_FOCUS = "#search"

    app: TrialsApp

    def __init__(self) -> None:
        super().__init__()
        self._requested: Request | None = None  # the newest search asked for
        self._shown: Request | None = None  # the search whose results are shown
        self.filters: Filters = {}
        self.sort: str | None = None
        self.facets: dict[str, dict[str, int]] = {}
        self.marker: Marker = plain
        self._pending_goto: str | None = None

    def compose(self) -> ComposeResult:
        yield SearchBox(
            results_id="results", placeholder="Search trials: type words (all must match)",
            id="search",
        )
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Label(Text("Loading trials…"), id="count")
                yield ResultsTable(self.app.record_for_row, id="results")
            yield DetailPane(id="detail")
        with Horizontal(id="bottom"):
            yield Footer(id="footer")
            yield Static(Text(""), id="marks")

    def on_resize(self, event: events.Resize) -> None:
        """Below 100 columns the footer is compact, so that every key fits on its line."""
        self.query_one("#footer", Footer).compact = event.size.width < 100

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

    @on(StoreReady)
    def _store_ready(self) -> None:
        self._shown = None
        self.run_search(force=True)

    @on(SearchBox.Changed, "#search")
    def _query_changed(self) -> None:
        self.run_search()

    def run_search(self, force: bool = False) -> None:
        """Search in a worker; the newest request wins."""
        request = self.request
        if self.app.store is None or (request == self._requested and not force):
            return
        self._requested = request
        self._search_worker(request)

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, request: Request) -> None:
        self.post_message(self._search(request))

    def _search(self, request: Request) -> SearchFinished:
        store = self.app.store
        assert store is not None
        query, filters, sort = request
        try:
            hits = store.search(query, limit=None, prefix_last=True)
            facets = store.index.facets(hit["id"] for hit in hits)
            extra = filter_query(dict(filters))
            if extra or sort:
                hits = store.search(f"{extra} {query}", limit=None, prefix_last=True, sort=sort)
        except Exception as error:  # a query the engine rejects is reported, never raised
            return SearchFinished(request, [], {}, str(error))
        return SearchFinished(request, [hit["id"] for hit in hits], facets)

    @on(SearchBox.Accepted)
    def _accepted(self) -> None:
        """Leaving the box: the list must show the final query before typed-ahead keys act."""
        if self.app.store is not None and self._shown != self.request:
            self._requested = self.request
            self.workers.cancel_group(self, "search")
            self._search_finished(self._search(self.request))

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        if message.request != self._requested or message.request == self._shown:
            return
        self._shown = message.request
        self.facets = message.facets
        query = message.request[0]
        self.marker = marker_for(self.app.store, query)
        keep, self._pending_goto = self._pending_goto, None
        self.results.empty_message = _empty_message(query, message.error, bool(self.filters))
        self.results.marker = self.marker
        self.results.set_rows(message.ids, keep=keep)
        self._update_count(len(message.ids), query)
        if not message.ids:
            self.detail.show_record(None, None)
        elif self.results.current_id == self.detail.trial_id:
            self._show_detail(self.detail.trial_id)  # same trial: refresh its highlights

    def _update_count(self, matches: int, query: str) -> None:
        count = Text(f"{matches} of {len(self.app.store or ())} trials")
        if query.strip():
            count.append("  matching ", style="dim")
            count.append(query.strip(), style="italic")
        if any(self.filters.values()):
            count.append(f"  [{describe(self.filters)}]", style="bold")
        if self.sort:
            order = "descending" if self.sort.startswith("-") else "ascending"
            count.append(f"  sorted by {self.sort.lstrip('-')} ({order})", style="dim")
        self.query_one("#count", Label).update(count)

    def action_filters(self) -> None:
        """Open the filter panel with counts for the current query."""

        def apply(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = {k: v for k, v in filters.items() if v}
                self.run_search()

        self.app.push_screen(FilterScreen(self.facets, self.filters), apply)

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

    # --- list and detail -----------------------------------------------------------------

    @on(ResultsTable.Highlighted)
    def _highlighted(self, event: ResultsTable.Highlighted) -> None:
        if event.trial_id is None:
            self.detail.show_record(None, None)
        elif event.trial_id != self.detail.trial_id:
            self._show_detail(event.trial_id)

    def _show_detail(self, trial_id: str | None) -> None:
        store = self.app.store
        if store is None or trial_id is None:
            return
        try:
            record, source = store.get(trial_id), store.get_source(trial_id)
        except StoreError as error:  # a damaged shard: say so, keep browsing the rest
            self.detail.show_problem(trial_id, str(error))
            return
        self.detail.show_record(record, source, self.marker)

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
        """Export every row of the current results (not only those on screen)."""
        query, filters, _ = self._shown or self.request
        self.app.export_trials(results_job(tuple(self.results.ids), query, dict(filters)))

    def goto(self, trial_id: str) -> None:
        """Move the cursor to a trial, clearing the search when it is not in the results."""
        if trial_id in self.results.ids:
            self.results.cursor = self.results.ids.index(trial_id)
        else:
            self._pending_goto = trial_id
            self.filters = {}
            self.search_box.value = ""
            self.run_search(force=True)
        self.set_focus(self.results)


def _empty_message(query: str, error: str | None, filtered: bool) -> Text:
    if error:
        return Text(f"  {error}", style="bold")
    text = Text("  No trial matches ")
    text.append(query.strip() or "the filters", style="italic")
    text.append(". Try fewer or shorter words (every word must match)")
    text.append("; f changes the filters" if filtered else "")
    text.append("; escape clears the search.")
    return text
