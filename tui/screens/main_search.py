"""The main screen's searches: the query (with its filters and sort) searched in a worker, the
best rows listed first, then every match (or, for a long list, more as it is scrolled), the
count line, and the facet counts for the filter panel."""

from __future__ import annotations

import time
from functools import partial

from rich.text import Text
from textual import on, work
from textual.widgets import Label
from textual.worker import get_current_worker

from store import StoreError, TrialStore
from store.search import QueryError, operators_upper

from ..highlight import marker_for
from ..messages import FacetsFinished, IndexRebuilding, OperatorHint, RowsRead, SearchFinished
from ..widgets.result_rows import RowCells, row_cells
from ..widgets.results import ResultsTable
from .count_line import NO_ECHO, NO_PART, CountLine, Echo, Part
from .filters import counts_within, describe, with_filters
from .main_detail import DetailPart
from .main_saved import SLOW
from .main_state import Request

FIRST_ROWS = 200  # the best matches, listed while the search counts the rest
#: Rows whose cells the search reads with its results (a tall terminal's screenful), so that
#: the new list is drawn whole at once; the list asks for the others as they are scrolled to.
ROWS_READ = 60
#: Matches listed at once after the first rows: a list of more is listed as it is scrolled
#: (ranking every match of a one-letter word at 600,000 trials takes seconds).
LIST_AT_ONCE = 5_000
LIST_STEP = 2_000  # rows added each time the cursor nears the last one listed
BEFORE_COUNTING = 0.06  # seconds between listing the first rows and counting the rest
#: Seconds between listing a search's rows and counting its matches by filter value: a key
#: typed meanwhile supersedes the search, so typing does not wait for counts it would discard.
BEFORE_FACETS = 0.2


class SearchPart(DetailPart):
    """The part of the main screen that searches and lists (MainScreen builds on it; its
    state is MainState's)."""

    def run_search(self, force: bool = False) -> None:
        """Search in a worker; a newer request supersedes it (its results are dropped)."""
        request = self.request
        if self.app.store is None or (request == self._requested and not force):
            return
        self._requested = request
        self._generation += 1
        dated = (request[2] or "").lstrip("-") == "start"
        if dated != self.results.dated:  # sorted by start date: the list shows it
            self.results.dated = dated
            self.results.refresh()
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
        word at 100,000 trials takes a few hundred), then the facet counts for the filters
        (each facet's within the typed query and the other facets' filters). Each step is
        skipped once a newer search is asked for."""
        store = self.app.store
        assert store is not None
        query, filters, sort = request
        text = with_filters(query, filters)
        try:
            hits = store.search(text, limit=FIRST_ROWS, prefix_last=True, sort=sort)
            complete = len(hits) < FIRST_ROWS
            if not self._current(generation):
                return
            ids = [hit["id"] for hit in hits]
            total = len(ids) if complete else store.count(text, prefix_last=True)
            near = store.near_place(text, prefix_last=True) if "near:" in text.lower() else None
            rows = read_rows(store, ids[:ROWS_READ])
            self.post_message(SearchFinished(
                generation, request, ids, complete=complete, total=total, near=near, rows=rows))
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
            self._hint_operators(store, request, total, generation)
            time.sleep(BEFORE_FACETS)
            if self._current(generation):
                # each facet's counts within the typed query and the other facets' filters
                facets = counts_within(partial(store.facets, prefix_last=True), query,
                                       dict(filters))
                self.post_message(FacetsFinished(generation, facets))
        except QueryError as error:  # the query cannot be parsed: the list says why
            self.post_message(SearchFinished(generation, request, [], error=str(error)))
            self.post_message(FacetsFinished(generation, {}))
        except StoreError as error:  # the store cannot be read: a problem, not the query's
            self.post_message(SearchFinished(generation, request, [], problem=str(error)))
            self.post_message(FacetsFinished(generation, {}))

    def _hint_operators(self, store: TrialStore, request: Request, total: int,
                        generation: int) -> None:
        """In the search's worker, after its results: when the typed query has a lower-case
        or/and/not between words ("ms or nmo": three words to match) and the query with
        them in capitals matches more trials, post the hint (OperatorHint)."""
        query, filters, _ = request
        upper = operators_upper(query)
        if upper is None or not self._current(generation):
            return
        try:
            count = store.count(with_filters(upper, filters), prefix_last=True)
        except QueryError:
            return  # ("ms or not" may not parse with NOT: no hint then)
        if count > total and self._current(generation):
            self.post_message(OperatorHint(generation, upper, count))

    @on(OperatorHint)
    def _operator_hint(self, message: OperatorHint) -> None:
        """Suggest the query with its operators in capitals: in the list when it is empty,
        else on the count line."""
        if message.generation != self._generation or message.generation != self._shown_generation:
            return
        self._hint = (message.query, message.count)
        if not self.results.ids:
            query = (self._shown or self.request)[0]
            self.results.empty_message = _empty_message(
                query, None, None, bool(self.filters), self._hint)
            self.results.refresh()
        if self._count_args is not None:
            self._update_count(*self._count_args)

    @on(IndexRebuilding)
    def _index_rebuilding(self, event: IndexRebuilding) -> None:
        """The count line says why the list is not there yet."""
        self.query_one("#count", Label).update(Text(
            f"Rebuilding the search index, once, for this version of trials: "
            f"{event.done:,} of {event.total:,} segment files…", style="italic"))

    @on(ResultsTable.WantsRows)
    def _wants_rows(self, message: ResultsTable.WantsRows) -> None:
        if self.app.store is not None:
            self._rows_worker(message.ids, self._store_epoch)

    @work(thread=True, group="rows")
    def _rows_worker(self, ids: list[str], epoch: int) -> None:
        """The cells of rows scrolled to, read off the UI thread."""
        store = self.app.store
        assert store is not None
        try:
            rows = read_rows(store, ids)
        except StoreError:  # the list says so in the row; the detail says why
            rows = {trial_id: {"id": trial_id, "title": "(cannot be read)"} for trial_id in ids}
        self.post_message(RowsRead(epoch, rows))

    @on(RowsRead)
    def _rows_read(self, message: RowsRead) -> None:
        if message.epoch == self._store_epoch:
            self.results.add_rows(message.rows)

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
        text = with_filters(query, filters)
        try:
            hits = store.search(text, limit=upto, prefix_last=True, sort=sort)
        except (QueryError, StoreError):  # the first rows' search said why already
            self.app.call_from_thread(self._listing_failed)
            return
        if self._current(generation):
            ids = [hit["id"] for hit in hits]
            self.post_message(SearchFinished(generation, request, ids,
                                             complete=upto is None or len(ids) < upto,
                                             total=total))

    def _listing_failed(self) -> None:
        """Every match cannot be listed: an export waiting for them is not coming."""
        if self._export_wanted:
            self._export_wanted = False
            self.app.screen_not_coming()

    def _still_searching(self, generation: int) -> None:
        """A search takes long: the count line says the list is about to change."""
        if generation == self._generation and self.searching and self._shown_generation:
            self.show_count(searching=True)

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        if message.generation != self._generation:
            return  # superseded by a newer search
        query = message.request[0]
        self.results.add_rows(message.rows)
        if message.generation == self._shown_generation and not (message.error or message.problem):
            # more matches (or every match), after the best ones
            self.results.extend_rows(message.ids, complete=message.complete)
            self._update_count(message.total, query)
            if message.complete:
                self._after_complete()
            return
        self._shown_generation = message.generation
        self._shown = message.request
        self._hint = None  # (the new query's, if any, comes after its results)
        self._count_failed = ("query error: see below" if message.error else
                              "the store cannot be searched: see below" if message.problem
                              else None)
        if (self._store_epoch, query) != self._marked:  # (the same search keeps its marker:
            self.marker = marker_for(self.app.store, query)  # what was laid out with it fits)
            self._marked = (self._store_epoch, query)
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
            self._show_listed_detail(None)
        elif self.results.current_id == self._detail_id:
            self._show_listed_detail(self._detail_id, again=True)  # refresh its highlights
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
        if self._count_failed:  # not "0 of 3,033 trials": the list says what is wrong
            count = Text(self._count_failed, style="bold")
        else:
            count = Text(f"{matches:,} of {len(self.app.store or ()):,} trials")
        echo = NO_ECHO  # the query, as the search box shows it too
        if self._hint is not None and matches:  # instead: the query it may have meant (the
            # empty list says it when there are none)
            upper, more = self._hint
            echo = Echo(Text("  did you mean ", style="dim"), Text(upper, style="bold"),
                        Text(f"? {more:,} {'trial' if more == 1 else 'trials'}", style="dim"),
                        shorter=(Text.assemble(("  did you mean ", "dim"), (upper, "bold"),
                                               ("?", "dim")),
                                 Text.assemble(("  try ", "dim"), (upper, "bold"))))
        elif query.strip() and not self._count_failed:
            echo = Echo(Text("  matching ", style="dim"), Text(query.strip(), style="italic"))
        filters = sort = news = note = NO_PART
        chosen = sum(len(values) for values in self.filters.values())
        if chosen:
            filters = Part(Text(f"  [{describe(self.filters)}]", style="bold"),
                           Text(f"  [{chosen} filter{'s' if chosen > 1 else ''}]", style="bold"))
        if self.sort:
            column, descending = self.sort.lstrip("-"), self.sort.startswith("-")
            arrow = "↓" if descending else "↑"
            sort = Part(Text(f"  sorted by {column} "
                             f"({'descending' if descending else 'ascending'})", style="dim"),
                        Text(f"  sorted by {column} {arrow}", style="dim"),
                        Text(f"  by {column} {arrow}", style="dim"))
        if not self._count_failed:  # a saved search's news, after what it counts
            news = Part(self._unseen_words(), self._unseen_words(short=True))
        listed = len(self.results.ids)
        if not self.results.complete and matches > LIST_AT_ONCE and listed < matches:
            note = Part(Text(f"  ({listed:,} listed; more as you scroll)", style="dim"),
                        Text(f"  ({listed:,} listed)", style="dim"))
        self._count = CountLine(count, echo, filters, sort, news, note)
        self.show_count()

    def show_count(self, *, searching: bool = False) -> None:
        """The count line, fitted to its width (again when that changes)."""
        if self._count_args is None:
            return  # nothing counted yet
        label = self.query_one("#count", Label)
        # (its size is set by the layout, not by its text: no layout is needed)
        label.update(self._count.fitted(label.content_size.width, searching=searching),
                     layout=False)


def read_rows(store: TrialStore, ids: list[str]) -> dict[str, RowCells]:
    """The list's cells of ids, read from the store's index (in a worker)."""
    if not ids:
        return {}
    return {trial_id: row_cells(columns, trial_id)
            for trial_id, columns in zip(ids, store.columns_many(ids), strict=True)}


def _empty_message(query: str, error: str | None, problem: str | None, filtered: bool,
                   hint: tuple[str, int] | None = None) -> Text:
    """What the list says when it is empty: why (a query error, a store problem), or what
    to try (hint: the query with its operators in capitals, and how many trials it matches)."""
    if problem:
        text = Text("  The store cannot be searched: ", style="bold")
        text.append(problem)
        return text
    if error:
        return Text(f"  {error}", style="bold")
    text = Text("  No trial matches ")
    text.append(query.strip() or "the filters", style="italic")
    if hint is not None:
        upper, more = hint
        text.append(". Did you mean ")
        text.append(upper, style="bold")
        text.append(f"? ({more:,} {'trial' if more == 1 else 'trials'}; operators are upper "
                    "case: a lower-case or, and, not is a word to match)")
        return text
    if filtered and query.strip():  # the words may match: the filters may not
        text.append(" with these filters. Press f to change them (x clears them all), or "
                    "try fewer or shorter words (every word must match).")
        return text
    text.append(". Try fewer or shorter words (every word must match)")
    text.append("; f changes the filters" if filtered else "")
    text.append("; escape clears the search.")
    return text
