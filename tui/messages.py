"""Messages passed between the browser's widgets, screens and workers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from textual.message import Message

if TYPE_CHECKING:
    from .widgets.detail_overview import PreparedOverview


class TrialRead(NamedTuple):
    """A trial read in a worker: its record, source text, versions kept and Overview laid
    out (None when the pane had no width)."""

    record: dict[str, Any]
    source: str | None
    versions: int | None
    overview: PreparedOverview | None


class SearchFinished(Message):
    """A search finished: the matching ids (best first), or why there are none.

    complete False: the best matches only, while the search counts the rest (a second message
    brings every match). error is a query the engine rejects (said in the list); problem is a
    store that cannot be read (said in the list and in a notification).
    """

    def __init__(
        self, generation: int, request: tuple[Any, ...], ids: list[str], complete: bool = True,
        error: str | None = None, problem: str | None = None, total: int | None = None,
        near: Any = None, rows: dict[str, dict[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.request = request
        self.ids = ids
        #: the exact number of matches (the first rows may be fewer)
        self.total = len(ids) if total is None else total
        self.complete = complete
        self.error = error
        self.problem = problem
        #: the place of the query's near: term (a store.engine.geo.Place), if it has one
        self.near = near
        #: the cells of the first rows (tui.widgets.result_rows), read with the results
        self.rows = rows or {}


class OperatorHint(Message):
    """The typed query has a lower-case or/and/not between words, and with it in capitals
    (query) it matches more trials (count): the list suggests it. Posted by the search's
    worker after its results."""

    def __init__(self, generation: int, query: str, count: int) -> None:
        super().__init__()
        self.generation = generation
        self.query = query
        self.count = count


class RowsRead(Message):
    """The cells of rows the list asked for (ResultsTable.WantsRows); epoch counts the
    store's reloads when they were asked for."""

    def __init__(self, epoch: int, rows: dict[str, dict[str, str]]) -> None:
        super().__init__()
        self.epoch = epoch
        self.rows = rows


class FacetsFinished(Message):
    """The facet counts (status, phase, study type) of a search's typed query."""

    def __init__(self, generation: int, facets: dict[str, dict[str, int]]) -> None:
        super().__init__()
        self.generation = generation
        self.facets = facets


class DetailLoaded(Message):
    """A trial was read (read None: it is gone, or problem says why it cannot be: a damaged
    store file)."""

    def __init__(
        self, generation: int, trial_id: str, read: TrialRead | None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.trial_id = trial_id
        self.read = read
        self.problem = problem


class RecordsRead(Message):
    """Records read ahead of the cursor: (id, what was read) each; epoch counts the store's
    reloads when they were asked for."""

    def __init__(self, epoch: int, records: list[tuple[str, TrialRead]]) -> None:
        super().__init__()
        self.epoch = epoch
        self.records = records


class StoreReady(Message):
    """The store is open (and seeded when it was empty), or was reloaded."""


class IndexRebuilding(Message):
    """While the store opens, its search index is being rebuilt from its segment files (an
    index written by another version of trials): done of total files replayed."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class MarksChanged(Message):
    """The set of trials marked for compare changed."""


class HistoryRead(Message):
    """A trial's versions were read and diffed (store.changes.VersionChanges, oldest first),
    or could not be (problem)."""

    def __init__(self, epoch: int, trial_id: str, versions: list[Any],
                 problem: str | None = None) -> None:
        super().__init__()
        self.epoch = epoch
        self.trial_id = trial_id
        self.versions = versions
        self.problem = problem


class UserStateRead(Message):
    """The saved searches (name → query), the watched trials and the query history, read
    from the store's folder (store.saved) when the store opened or was reloaded."""

    def __init__(self, epoch: int, searches: dict[str, str], watched: list[str],
                 queries: list[str]) -> None:
        super().__init__()
        self.epoch = epoch
        self.searches = searches
        self.watched = watched
        self.queries = queries


class UnseenRead(Message):
    """The trials of a saved search new or changed since it was last looked at (id → "new"
    or "changed"); gone: the search no longer exists; problem: it could not be read."""

    def __init__(self, name: str, kinds: dict[str, str], gone: bool = False,
                 problem: str | None = None) -> None:
        super().__init__()
        self.name = name
        self.kinds = kinds
        self.gone = gone
        self.problem = problem


class WatchChanged(Message):
    """A trial was watched (watching True) or unwatched; message says so to the user."""

    def __init__(self, trial_id: str, watching: bool, message: str) -> None:
        super().__init__()
        self.trial_id = trial_id
        self.watching = watching
        self.message = message


class SearchSaved(Message):
    """A saved search was added (or replaced)."""

    def __init__(self, name: str, query: str) -> None:
        super().__init__()
        self.name = name
        self.query = query
