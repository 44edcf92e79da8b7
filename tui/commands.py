"""Command palette entries: go to a trial by id or title, the store's best matches first."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from store import StoreError
from store.search import QueryError

if TYPE_CHECKING:
    from .app import TrialsApp

MAX_HITS = 50
# Trial hits score below a command the query names well (a fuzzy score near 1), above a
# command it hardly matches; among themselves they keep the search's ranking.
TOP_SCORE, LOW_SCORE = 0.5, 0.2


def _display(trial_id: str, title: str) -> Text:
    """A hit's label built from Text, so a title such as "[/" is never read as markup."""
    text = Text("Go to ", style="dim")
    text.append(trial_id, style="bold")
    text.append("  ")
    text.append(title)
    return text


class TrialCommands(Provider):
    """"Go to trial": the trials the store's search ranks best for the typed words."""

    @property
    def _trials_app(self) -> TrialsApp:
        return self.app  # type: ignore[return-value]

    def _matches(self, query: str) -> list[tuple[str, str]]:
        """(id, title) of the best matches of a query (runs in a thread: it reads the store)."""
        store = self._trials_app.store
        if store is None:
            return []
        try:
            hits = store.search(query, limit=MAX_HITS, prefix_last=True)
        except (QueryError, StoreError):  # half-typed syntax, or an unreadable store: no trials
            return []
        rows = (store.columns(hit["id"]) for hit in hits)
        return [(row["id"], row["title"]) for row in rows if row is not None]

    async def discover(self) -> Hits:
        for trial_id, title in await asyncio.to_thread(self._matches, ""):
            yield DiscoveryHit(_display(trial_id, title), partial(self._trials_app.goto, trial_id))

    async def search(self, query: str) -> Hits:
        matches = await asyncio.to_thread(self._matches, query)
        step = (TOP_SCORE - LOW_SCORE) / MAX_HITS
        for rank, (trial_id, title) in enumerate(matches):
            goto = partial(self._trials_app.goto, trial_id)
            yield Hit(TOP_SCORE - rank * step, _display(trial_id, title), goto)
