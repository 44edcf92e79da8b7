"""Messages passed between the browser's widgets and screens."""

from __future__ import annotations

from textual.message import Message


class SearchFinished(Message):
    """A search finished: the matching ids (best first) and facet counts of the typed query."""

    def __init__(
        self, request: tuple[object, ...], ids: list[str], facets: dict[str, dict[str, int]],
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        self.ids = ids
        self.facets = facets
        self.error = error


class StoreReady(Message):
    """The store is open (and seeded when it was empty)."""


class MarksChanged(Message):
    """The set of trials marked for compare changed."""
