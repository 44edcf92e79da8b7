"""Messages passed between the browser's widgets and screens."""

from __future__ import annotations

from textual.message import Message


class SearchFinished(Message):
    """A search worker finished: the ids of the matching trials, best first."""

    def __init__(self, query: str, ids: list[str], error: str | None = None) -> None:
        super().__init__()
        self.query = query
        self.ids = ids
        self.error = error


class StoreReady(Message):
    """The store is open (and seeded when it was empty)."""


class MarksChanged(Message):
    """The set of trials marked for compare changed."""
