"""Saved searches, watched trials and the browser's query history of a store, kept in
trials.json.d/saved.json (store.user_state: the file, its lock, a damaged file set aside).

    state = SavedState(store)                  # on_problem=callback hears of a damaged file
    state.add("recruiting MS", "status:recruiting condition:ms")
    state.list()                               # [SavedSearch], by name
    state.status("recruiting MS")              # SearchStatus: count, new, changed, last_look
    state.look("recruiting MS")                # its results were seen: new and changed are 0
    state.remove("recruiting MS")
    state.watch(["NCT02249676"])               # WatchResult(done, already, unknown)
    state.unwatch(["NCT02249676"]); state.watched()
    state.remember_query("stem cell"); state.query_history()   # oldest first, at most 500

A saved search's name is any text without control characters (spaces and case kept, matched
exactly). Adding a name that exists is refused (SearchExistsError) unless replace=True, which
replaces it with a new search (created and last looked now). A query is checked when it is
added (QueryError). A new search counts as looked at when it is added.

new and changed count the trials matching the query whose current version was committed after
the last look (store.saved_status says how): new when the trial was not in the store then,
changed when an earlier version was. A look records the time and the index generation of the
TrialStore it is given: the browser's, as it showed the results. Every method reads the file
afresh; every change is a locked read-modify-write.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from . import query_history, watched
from .changes import TrialChange
from .checkpoint import utc_now
from .errors import StoreError
from .saved_status import SavedSearch, SearchStatus, search_status, unseen_changes
from .search import QueryError
from .user_state import Doc, StateFile, section
from .watched import WatchResult

if TYPE_CHECKING:
    from .trial_store import TrialStore

#: The longest name of a saved search.
MAX_NAME = 200


class SavedError(StoreError):
    """A saved search that cannot be added, found or removed; the message says which."""


class SearchExistsError(SavedError):
    """add() of a name that is taken, without replace=True."""


class UnknownSearchError(SavedError):
    """No saved search has this name."""


#: list[...] spelt outside SavedState, whose list() hides the builtin in its body.
Searches = list[SavedSearch]
Statuses = list[SearchStatus]
Changes = list[TrialChange]
Ids = list[str]


class SavedState:
    """The saved searches, watched trials and query history of one store."""

    def __init__(
        self, store: TrialStore, *, on_problem: Callable[[str], None] | None = None
    ) -> None:
        """on_problem(message) is told, once, when the file is damaged (it is then set aside
        and the state starts empty); .problems keeps those messages."""
        self.store = store
        self.file = StateFile(store, on_problem=on_problem)

    @property
    def problems(self) -> list[str]:
        return self.file.problems

    # --- saved searches ------------------------------------------------------------------

    def add(self, name: str, query: str, *, replace: bool = False) -> SavedSearch:
        """Save a search. ValueError for a bad name or an empty query, QueryError for a
        malformed one, SearchExistsError when the name is taken (unless replace)."""
        name = check_name(name)
        query = query.strip()
        if not query:
            raise ValueError("the query is empty")
        self.store.count(query)  # QueryError when it does not parse or run
        generation = self.store.index.generation

        def change(doc: Doc) -> SavedSearch:
            searches = section(doc, "searches")
            if name in searches and not replace:
                raise SearchExistsError(f"a saved search named {name!r} exists (query "
                                        f"{searches[name].get('query')!r})")
            now = _utc_now()
            searches[name] = {"query": query, "created": now, "last_look": now,
                              "generation": generation}
            doc["searches"] = searches
            return _search(name, searches[name])

        return self.file.update(change)

    def remove(self, name: str) -> None:
        """Forget a saved search; UnknownSearchError when there is none of that name."""

        def change(doc: Doc) -> None:
            searches = section(doc, "searches")
            if searches.pop(name, None) is None:
                raise _unknown(name)
            doc["searches"] = searches

        self.file.update(change)

    def get(self, name: str) -> SavedSearch:
        """A saved search by name; UnknownSearchError when there is none."""
        entry = section(self.file.read(), "searches").get(name)
        if entry is None:
            raise _unknown(name)
        return _search(name, entry)

    def list(self) -> Searches:
        """Every saved search, by name (case aside)."""
        searches = section(self.file.read(), "searches")
        return sorted((_search(name, entry) for name, entry in searches.items()),
                      key=lambda search: (search.name.casefold(), search.name))

    def look(self, name: str) -> SavedSearch:
        """Note that the user looked at a saved search's results now (new and changed
        count from now on); UnknownSearchError when there is none."""
        now, generation = _utc_now(), self.store.index.generation

        def change(doc: Doc) -> SavedSearch:
            searches = section(doc, "searches")
            entry = searches.get(name)
            if entry is None:
                raise _unknown(name)
            entry["last_look"] = now  # the entry's other keys are kept
            entry["generation"] = generation
            doc["searches"] = searches
            return _search(name, entry)

        return self.file.update(change)

    def status(self, name: str) -> SearchStatus:
        """How many trials match a saved search, and how many are new or changed since it
        was last looked at; QueryError when its query no longer parses."""
        return search_status(self.store, self.get(name))

    def statuses(self) -> Statuses:
        """status() of every saved search, by name; one whose query fails has error set."""
        out = []
        for search in self.list():
            try:
                out.append(search_status(self.store, search))
            except QueryError as error:
                out.append(SearchStatus(search.name, search.query, None, None, None,
                                        search.last_look, str(error)))
        return out

    def changes(self, name: str) -> Changes:
        """The trials of a saved search new or changed since it was last looked at
        (store.changes.changes_since), oldest change first."""
        return unseen_changes(self.store, self.get(name))

    # --- watched trials ------------------------------------------------------------------

    def watch(self, ids: Iterable[str]) -> WatchResult:
        """Watch trials: .done the ids watched now, .already those watched before, .unknown
        those the store does not hold (refused; the others are still watched)."""
        ids = list(ids)
        now = _utc_now()
        return self.file.update(lambda doc: watched.watch(doc, ids, self._resolve, now))

    def unwatch(self, ids: Iterable[str]) -> WatchResult:
        """Stop watching trials: .done the ids unwatched, .already those not watched."""
        ids = list(ids)
        return self.file.update(lambda doc: watched.unwatch(doc, ids))

    def watched(self) -> Ids:
        """The watched trial ids, in the order they were watched."""
        return watched.watched(self.file.read())

    def watched_since(self) -> dict[str, str | None]:
        """When each watched trial was watched (ISO 8601 UTC), in the order watched."""
        entries = section(self.file.read(), "watched")
        return {trial_id: entry.get("added") for trial_id, entry in entries.items()}

    def _resolve(self, trial_id: str) -> str | None:
        for candidate in (trial_id, trial_id.upper()):
            if candidate and candidate in self.store:
                return candidate
        return None

    # --- the query history ---------------------------------------------------------------

    def remember_query(self, text: str) -> None:
        """Add a query to the history as the newest (moved there when it is already in it);
        beyond 500 queries the oldest is dropped; blank text is not remembered."""
        if text.strip():
            self.file.update(lambda doc: query_history.remember(doc, text))

    def query_history(self) -> Ids:
        """The queries searched, oldest first, each once."""
        return query_history.history(self.file.read())


def check_name(name: str) -> str:
    """The name of a saved search, stripped; ValueError for a name that cannot be one."""
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise ValueError("a saved search needs a name")
    if any(unicodedata.category(char) in ("Cc", "Cf") for char in name):
        raise ValueError("the name of a saved search cannot hold control characters")
    if len(name) > MAX_NAME:
        raise ValueError(f"the name of a saved search is at most {MAX_NAME} characters")
    return name


def _search(name: str, entry: dict[str, Any]) -> SavedSearch:
    created, last_look = entry.get("created"), entry.get("last_look")
    generation = entry.get("generation")
    return SavedSearch(name, str(entry.get("query", "")),
                       created if isinstance(created, str) else None,
                       last_look if isinstance(last_look, str) else None,
                       generation if type(generation) is int else None)


def _unknown(name: str) -> UnknownSearchError:
    return UnknownSearchError(f"no saved search is named {name!r}")


def _utc_now() -> str:
    return utc_now()
