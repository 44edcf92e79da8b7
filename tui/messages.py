"""Messages passed between the browser's widgets, screens and workers."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class SearchFinished(Message):
    """A search finished: the matching ids (best first), or why there are none.

    complete False: the best matches only, while the search counts the rest (a second message
    brings every match). error is a query the engine rejects (said in the list); problem is a
    store that cannot be read (said in the list and in a notification).
    """

    def __init__(
        self, generation: int, request: tuple[Any, ...], ids: list[str], complete: bool = True,
        error: str | None = None, problem: str | None = None, total: int | None = None,
        near: Any = None,
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


class FacetsFinished(Message):
    """The facet counts (status, phase, study type) of a search's typed query."""

    def __init__(self, generation: int, facets: dict[str, dict[str, int]]) -> None:
        super().__init__()
        self.generation = generation
        self.facets = facets


class DetailLoaded(Message):
    """A trial's record and source text were read (record None: it is gone; problem: a
    damaged store file)."""

    def __init__(
        self, generation: int, trial_id: str, record: dict[str, Any] | None,
        source: str | None, problem: str | None = None,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.trial_id = trial_id
        self.record = record
        self.source = source
        self.problem = problem


class RecordsRead(Message):
    """Records read ahead of the cursor: (id, record, source text) each; epoch counts the
    store's reloads when they were asked for."""

    def __init__(
        self, epoch: int, records: list[tuple[str, dict[str, Any], str | None]]
    ) -> None:
        super().__init__()
        self.epoch = epoch
        self.records = records


class StoreReady(Message):
    """The store is open (and seeded when it was empty), or was reloaded."""


class MarksChanged(Message):
    """The set of trials marked for compare changed."""
