"""Command palette entries for saved searches ("recruiting MS: 3 new, 5 changed · 120
trials") and the watched trials; choosing one lists its trials, the new and changed ones
marked. The counts are read once each time the palette opens (Provider.startup), off the
event loop (asyncio.to_thread): saved.json and the index, never a record."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.types import IgnoreReturnCallbackType

from store import StoreError
from store.saved_status import SearchStatus

if TYPE_CHECKING:
    from .app import TrialsApp

SAVED, WATCHED = "Saved search", "Watched trials"


@dataclass(frozen=True)
class Entry:
    """A palette entry: the words it is found by, how it is shown, what it does."""

    text: str
    display: Text
    command: IgnoreReturnCallbackType


def counts(status: SearchStatus) -> str:
    """ "3 new, 5 changed · 120 trials", "120 trials", or why the query fails."""
    if status.error is not None or status.count is None:
        return f"its query fails: {status.error or 'unknown error'}"
    noun = "trial" if status.count == 1 else "trials"
    parts = [f"{number:,} {kind}" for number, kind in ((status.new, "new"),
                                                        (status.changed, "changed")) if number]
    total = f"{status.count:,} {noun}"
    return f"{', '.join(parts)} · {total}" if parts else total


def saved_display(status: SearchStatus) -> Text:
    """How a saved search reads in the palette; every part is data, so Text, never markup."""
    text = Text(f"{SAVED}  ", style="dim")
    text.append(status.name, style="bold")
    text.append(": ")
    fresh = bool(status.new or status.changed)
    text.append(counts(status), style="bold" if fresh else "")
    text.append("  ")
    text.append(" ".join(status.query.split()), style="dim italic")
    return text


class SavedCommands(Provider):
    """Open a saved search, or list the watched trials."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._entries: list[Entry] = []

    @property
    def _trials_app(self) -> TrialsApp:
        return self.app  # type: ignore[return-value]

    async def startup(self) -> None:
        """Read the entries as the palette opens, in a thread (searches wait for this)."""
        statuses, watched = await asyncio.to_thread(self._read)
        self._entries = self._make_entries(statuses, watched)

    def _read(self) -> tuple[list[SearchStatus], list[str]]:
        """The saved searches with their counts, and the watched ids (runs in a thread: it
        reads saved.json and the index)."""
        app = self._trials_app
        if app.store is None:
            return [], []
        state = app.user_state()
        try:
            return state.statuses(), state.watched()
        except StoreError:  # said by the browser when it read them at start
            return [], []

    def _make_entries(self, statuses: list[SearchStatus], watched: list[str]) -> list[Entry]:
        app = self._trials_app
        entries = [Entry(f"{SAVED} {status.name}", saved_display(status),
                         partial(app.open_saved, status.name, status.query))
                   for status in statuses]
        display = Text(f"{WATCHED}  ", style="dim")
        display.append(f"{len(watched):,} watched" if watched else
                       "none yet: w on the list watches the highlighted trial")
        entries.append(Entry(WATCHED, display, partial(app.show_trials, watched)))
        return entries

    async def discover(self) -> Hits:
        for entry in self._entries:
            yield DiscoveryHit(entry.display, entry.command, text=entry.text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries:
            score = matcher.match(entry.text)
            if score > 0:
                yield Hit(score, entry.display, entry.command, text=entry.text)
