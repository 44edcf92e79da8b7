"""A saved search now: how many trials match it, and which are new or changed since the user
last looked at its results.

A look records its time (last_look) and the index generation the user saw (the number of the
last commit, "generation"). A trial is unseen when its current version was committed after
that generation: exact whatever the clocks say, even for a trial imported in the second of
the look, or stamped by a checkpoint before the look and committed after it. The index finds
the candidates by time: the trials imported since SLACK before the look
(index.imported_since), of which the unseen ones are kept. Without a generation (an entry
written by hand), or after the store's generation went back (a store replaced), unseen means
imported at or after last_look.

An unseen trial is new when it was not in the store at the look, else changed. The counts
(search_status) tell them apart by the index alone: new when its current version is its first
or its first was imported after the second of the look (at or after it, without a
generation); unseen_changes reads each trial's versions to find the one the look saw and
diffs the current version against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .changes import CHANGED, NEW, TrialChange, changes_since, since_key
from .diff import changed_fields, diff_records, summarise

if TYPE_CHECKING:
    from .trial_store import TrialStore

#: How long before a look a version may have been stamped (imported_at) and still be
#: committed after it: a checkpoint stamps its versions before writing them.
SLACK = timedelta(minutes=10)
#: Where new and changed count from when a search has no readable time.
EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class SavedSearch:
    """A saved search as stored."""

    name: str
    query: str
    created: str | None  # ISO 8601 UTC
    last_look: str | None  # ISO 8601 UTC
    generation: int | None = None  # of the index, when last looked at


@dataclass(frozen=True)
class SearchStatus:
    """A saved search now: how many trials match, and how many are new or changed since it
    was last looked at (None, with error set, when its query no longer parses)."""

    name: str
    query: str
    count: int | None
    new: int | None
    changed: int | None
    last_look: str | None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "query": self.query, "count": self.count, "new": self.new,
                "changed": self.changed, "last_look": self.last_look}


def search_status(store: TrialStore, search: SavedSearch) -> SearchStatus:
    """A saved search's count, and its trials new and changed since it was last looked at;
    QueryError when its query fails."""
    count = store.count(search.query)
    key = since_key(since(search))
    exact = _generation(store, search) is not None
    new = changed = 0
    for _id, imported, first in unseen(store, search):
        if first == imported or first > key or (first == key and not exact):
            new += 1
        else:
            changed += 1
    return SearchStatus(search.name, search.query, count, new, changed, search.last_look)


def unseen(store: TrialStore, search: SavedSearch) -> list[tuple[str, int, int]]:
    """(id, imported, first imported) of the trials matching the search that the user has
    not seen since the last look (see the module doc), oldest import first."""
    look = since(search)
    generation = _generation(store, search)
    if generation is None:
        return store.index.imported_since(since_key(look), search.query)
    rows = store.index.imported_since(since_key(_before(look)), search.query)
    located = store.index.locate_many([row[0] for row in rows])
    return [row for row, where in zip(rows, located, strict=True)
            if where is not None and where.segment > generation]


def unseen_changes(store: TrialStore, search: SavedSearch) -> list[TrialChange]:
    """The unseen trials as store.changes describes them, oldest import first: new (not in
    the store at the look) or changed, with the changes from the version the look saw."""
    generation = _generation(store, search)
    if generation is None:
        return changes_since(store, since(search), search.query)
    out = []
    for trial_id, _imported, _first in unseen(store, search):
        versions = store.history(trial_id)  # newest first
        if not versions:
            continue
        current, meta = versions[0], versions[0].meta
        seen = next((version for version in versions[1:] if version.location is not None
                     and version.location.segment <= generation), None)
        if seen is None:
            out.append(TrialChange(trial_id, NEW, [], meta.get("imported_at"),
                                   meta.get("last_update"), "new"))
            continue
        changes = diff_records(seen.record, current.record)
        out.append(TrialChange(trial_id, CHANGED, changed_fields(changes),
                               meta.get("imported_at"), meta.get("last_update"),
                               summarise(changes), changes))
    return out


def _generation(store: TrialStore, search: SavedSearch) -> int | None:
    """The generation the last look saw, when it can tell what is unseen: None when the
    entry has none, or the store's generation went back below it (a store replaced)."""
    generation = search.generation
    if generation is None or generation > store.index.generation:
        return None
    return generation


def since(search: SavedSearch) -> str:
    """The time new and changed count from: the last look, else when the search was saved,
    else (neither readable) the beginning: every trial is new."""
    for when in (search.last_look, search.created):
        try:
            if when is not None and since_key(when):
                return when
        except ValueError:
            continue
    return EPOCH


def _before(when: str) -> str:
    """SLACK before a time (one since_key reads), as ISO 8601 UTC."""
    moment = datetime.strptime(str(since_key(when)), "%Y%m%d%H%M%S")
    return (moment - SLACK).strftime("%Y-%m-%dT%H:%M:%SZ")
