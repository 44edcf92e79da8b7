"""The main screen: search box, results list with a count, detail tabs (the detail's reads:
main_detail; saved searches, watched trials and versions: main_saved)."""

from __future__ import annotations

import time
from collections import OrderedDict
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Label, Static
from textual.worker import get_current_worker

from store import StoreError
from store.changes import VersionChanges
from store.compare import MAX_TRIALS
from store.engine.geo import Place
from store.search import SORTS, QueryError

from .. import actions
from ..highlight import marker_for
from ..messages import (
    FacetsFinished,
    MarksChanged,
    SearchFinished,
    StoreReady,
)
from ..report_view import Marker, plain
from ..widgets.detail import TABS, DetailPane
from ..widgets.results import ResultsTable
from ..widgets.search_box import SearchBox
from .export import results_job
from .filters import Filters, FilterScreen, describe, filter_query
from .main_detail import Cached, DetailPart
from .main_saved import SLOW

if TYPE_CHECKING:
    from ..app import TrialsApp

MAX_COMPARE = MAX_TRIALS
FIRST_ROWS = 200  # the best matches, listed while the search counts the rest
#: Matches listed at once after the first rows: a list of more is listed as it is scrolled
#: (ranking every match of a one-letter word at 600,000 trials takes seconds).
LIST_AT_ONCE = 5_000
LIST_STEP = 2_000  # rows added each time the cursor nears the last one listed
BEFORE_COUNTING = 0.06  # seconds between listing the first rows and counting the rest
Request = tuple[str, tuple[tuple[str, frozenset[str]], ...], str | None]


class MainScreen(DetailPart):
    """Search, list and detail of the trials in the store."""

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(
        "focus.search", "tab.overview", "tab.arms", "tab.eligibility", "tab.outcomes",
        "tab.sites", "tab.results", "tab.source", "tab.history", "more", "mark", "watch",
        "compare", "filters", "sort", "sort.reverse", "reload", "export", "save", "help.list",
        "back", "quit.q",
    )
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    ESCAPE_TO_MINIMIZE = False
    AUTO_FOCUS = "#search"

    app: TrialsApp

    def __init__(self) -> None:
        super().__init__()
        self._requested: Request | None = None  # the newest search asked for
        self._shown: Request | None = None  # the search whose results are shown
        self._generation = 0  # of the newest search; a worker posts only while it is current
        self._shown_generation = 0
        self._facets_generation = 0
        self._filters_wanted = False  # f pressed before the counts were ready
        self._export_wanted = False  # x pressed before every match was listed
        self._total = 0  # matches of the search shown
        self._goto_wanted: str | None = None  # a trial to go to once every match is listed
        self._count = Text("")
        self.filters: Filters = {}
        self.sort: str | None = None
        self.facets: dict[str, dict[str, int]] = {}
        self.marker: Marker = plain
        self.near: Place | None = None  # the place of the query's near: term
        self._pending_goto: str | None = None
        self._detail_id: str | None = None  # the trial the detail shows or is loading
        self._detail_generation = 0
        self._detail_loading = False  # a worker reads the trial the detail is to show
        self._records: OrderedDict[str, Cached] = OrderedDict()
        self._store_epoch = 0  # counts reloads: records read before one are dropped
        self._histories: OrderedDict[str, list[VersionChanges]] = OrderedDict()
        self._count_args: tuple[int, str] | None = None  # what the count line counts
        # saved searches, watched trials (read from the store's folder)
        self.searches: dict[str, str] = {}  # name → query
        self.watched: set[str] = set()
        self.saved_name: str | None = None  # the saved search shown, if the query is one
        self._saved_wanted: str | None = None  # opened from the palette: preferred name
        self.unseen: dict[str, dict[str, str]] = {}  # name → id → "new"/"changed", this run

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

    def run_search(self, force: bool = False) -> None:
        """Search in a worker; a newer request supersedes it (its results are dropped)."""
        request = self.request
        if self.app.store is None or (request == self._requested and not force):
            return
        self._requested = request
        self._generation += 1
        # Keys typed in the list now are meant for the new rows: they wait for them.
        self.results.hold_keys()
        self._search_worker(request, self._generation)
        self.set_timer(SLOW, partial(self._still_searching, self._generation))

    def _current(self, generation: int) -> bool:
        """Whether a worker's search is still the newest one asked for."""
        return generation == self._generation and not get_current_worker().is_cancelled

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, request: Request, generation: int) -> None:
        """The best matches first (a screenful in a millisecond), then every match (a common
        word at 100,000 trials takes a few hundred), then the facet counts of the typed query
        (for the filters). Each step is skipped once a newer search is asked for."""
        store = self.app.store
        assert store is not None
        query, filters, sort = request
        extra = filter_query(dict(filters))
        text = f"{extra} {query}" if extra else query
        try:
            hits = store.search(text, limit=FIRST_ROWS, prefix_last=True, sort=sort)
            complete = len(hits) < FIRST_ROWS
            if not self._current(generation):
                return
            ids = [hit["id"] for hit in hits]
            total = len(ids) if complete else store.count(text, prefix_last=True)
            near = store.near_place(text, prefix_last=True) if "near:" in text.lower() else None
            self.post_message(SearchFinished(
                generation, request, ids, complete=complete, total=total, near=near))
            if not complete and total <= LIST_AT_ONCE:
                # Let the first rows paint, and the next key typed supersede this search,
                # before listing the rest takes the interpreter's attention.
                time.sleep(BEFORE_COUNTING)
                if not self._current(generation):
                    return
                hits = store.search(text, limit=None, prefix_last=True, sort=sort)
                if not self._current(generation):
                    return
                self.post_message(SearchFinished(generation, request, [h["id"] for h in hits],
                                                 total=total))
            if self._current(generation):
                # the counts are those of the typed query, whatever the filters
                facets = store.facets(query, prefix_last=True)
                self.post_message(FacetsFinished(generation, facets))
        except QueryError as error:  # the query cannot be parsed: the list says why
            self.post_message(SearchFinished(generation, request, [], error=str(error)))
            self.post_message(FacetsFinished(generation, {}))
        except StoreError as error:  # the store cannot be read: a problem, not the query's
            self.post_message(SearchFinished(generation, request, [], problem=str(error)))
            self.post_message(FacetsFinished(generation, {}))

    @on(ResultsTable.WantsMore)
    def _wants_more(self, message: ResultsTable.WantsMore) -> None:
        """List more of a long list: the next rows, or all of them."""
        if (self.results.complete or self._shown_generation != self._generation
                or self._total <= LIST_AT_ONCE):  # (a short list is listed whole anyway)
            return
        upto = None if message.everything else len(self.results.ids) + LIST_STEP
        self._more_worker(self._shown or self.request, self._generation, upto, self._total)

    def _list_everything(self) -> None:
        """List every match of a long list (export, go to a trial not listed yet)."""
        if not self.results.complete and self._total > LIST_AT_ONCE:
            self._more_worker(self._shown or self.request, self._generation, None, self._total)

    @work(thread=True, exclusive=True, group="more")
    def _more_worker(self, request: Request, generation: int, upto: int | None,
                     total: int) -> None:
        store = self.app.store
        assert store is not None
        query, filters, sort = request
        extra = filter_query(dict(filters))
        text = f"{extra} {query}" if extra else query
        try:
            hits = store.search(text, limit=upto, prefix_last=True, sort=sort)
        except (QueryError, StoreError):
            return  # the first rows' search said why already
        if self._current(generation):
            ids = [hit["id"] for hit in hits]
            self.post_message(SearchFinished(generation, request, ids,
                                             complete=upto is None or len(ids) < upto,
                                             total=total))

    def _still_searching(self, generation: int) -> None:
        """A search takes long: the count line says the list is about to change."""
        if generation == self._generation and self.searching and self._shown_generation:
            count = self._count.copy()
            count.append("  searching…", style="italic")
            self.query_one("#count", Label).update(count)

    @on(SearchBox.Accepted)
    def _accepted(self) -> None:
        """Leaving the box: the keys typed after it wait until the list shows the final query;
        the query joins the history (kept in the store's folder)."""
        self.run_search()
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

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        if message.generation != self._generation:
            return  # superseded by a newer search
        query = message.request[0]
        if message.generation == self._shown_generation and not (message.error or message.problem):
            # more matches (or every match), after the best ones
            self.results.extend_rows(message.ids, complete=message.complete)
            self._update_count(message.total, query)
            if message.complete:
                self._after_complete()
            return
        self._shown_generation = message.generation
        self._shown = message.request
        self.marker = marker_for(self.app.store, query)
        self.near = message.near
        keep = self._pending_goto
        if message.complete or keep in message.ids or message.total > LIST_AT_ONCE:
            self._pending_goto = None  # (a long list is listed as it is scrolled)
        self.results.empty_message = _empty_message(
            query, message.error, message.problem, bool(self.filters))
        self.results.marker = self.marker
        self.results.set_rows(message.ids, keep=keep, complete=message.complete)
        self._check_saved()
        self._update_count(message.total, query)
        if message.problem:
            self.notify(f"Cannot search the store: {message.problem}", severity="error",
                        timeout=10, markup=False)
        if not message.ids:
            self._show_detail(None)
        elif self.results.current_id == self._detail_id:
            self._show_detail(self._detail_id, again=True)  # same trial: refresh its highlights
        self.results.release_keys()  # the first rows are those of the full list: keys may act
        if message.complete:
            self._after_complete()

    def _after_complete(self) -> None:
        """The list holds every match: do what waited for it (go to a trial, export)."""
        keep, self._pending_goto = self._pending_goto, None
        if keep is not None and keep in self.results.ids:
            self.results.cursor = self.results.ids.index(keep)
        goto, self._goto_wanted = self._goto_wanted, None
        if goto is not None:
            self.goto(goto)
        if self._export_wanted:
            self._export_wanted = False
            self.action_export()

    @on(FacetsFinished)
    def _facets_finished(self, message: FacetsFinished) -> None:
        if message.generation != self._generation:
            return
        self.facets = message.facets
        self._facets_generation = message.generation
        if self._filters_wanted:
            self._filters_wanted = False
            self.action_filters()

    def _update_count(self, matches: int, query: str) -> None:
        self._total = matches
        self._count_args = (matches, query)
        count = Text(f"{matches:,} of {len(self.app.store or ()):,} trials")
        count.append_text(self._unseen_words())
        if query.strip():
            count.append("  matching ", style="dim")
            count.append(query.strip(), style="italic")
        if any(self.filters.values()):
            count.append(f"  [{describe(self.filters)}]", style="bold")
        if self.sort:
            order = "descending" if self.sort.startswith("-") else "ascending"
            count.append(f"  sorted by {self.sort.lstrip('-')} ({order})", style="dim")
        listed = len(self.results.ids)
        if not self.results.complete and matches > LIST_AT_ONCE and listed < matches:
            count.append(f"  ({listed:,} listed; more as you scroll)", style="dim")
        self._count = count
        self.query_one("#count", Label).update(count)

    def action_filters(self) -> None:
        """Open the filter panel with counts for the current query (once they are counted)."""
        if self._facets_generation != self._generation:
            self._filters_wanted = True
            return

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
        """Export every row of the current results (not only those on screen), once the
        search has counted them all."""
        if not self.results.complete:
            self._export_wanted = True
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

def _empty_message(query: str, error: str | None, problem: str | None, filtered: bool) -> Text:
    if problem:
        text = Text("  The store cannot be searched: ", style="bold")
        text.append(problem)
        return text
    if error:
        return Text(f"  {error}", style="bold")
    text = Text("  No trial matches ")
    text.append(query.strip() or "the filters", style="italic")
    text.append(". Try fewer or shorter words (every word must match)")
    text.append("; f changes the filters" if filtered else "")
    text.append("; escape clears the search.")
    return text
