"""Command palette entries: go to a trial by id or title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import TrialsApp

MAX_HITS = 50


def _display(trial_id: str, title: str) -> Text:
    """A hit's label built from Text, so a title such as "[/" is never read as markup."""
    text = Text("Go to ", style="dim")
    text.append(trial_id, style="bold")
    text.append("  ")
    text.append(title)
    return text


class TrialCommands(Provider):
    """"Go to trial": every trial by id or title."""

    @property
    def _trials_app(self) -> TrialsApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for trial_id, title in self._trials_app.titles()[:MAX_HITS]:
            yield DiscoveryHit(_display(trial_id, title), partial(self._trials_app.goto, trial_id))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = 0
        for trial_id, title in self._trials_app.titles():
            score = max(matcher.match(trial_id), matcher.match(title))
            if score > 0:
                goto = partial(self._trials_app.goto, trial_id)
                yield Hit(score, _display(trial_id, title), goto)
                found += 1
                if found >= MAX_HITS:
                    return
