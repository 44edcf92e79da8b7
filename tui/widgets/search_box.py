"""The search box: text as you type, enter/down to the results, typed-ahead keys kept in order,
up/down through the queries searched before."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Input

from .. import actions
from .results import ResultsTable


class SearchBox(Input):
    """An Input that hands the results the keys a user typed after leaving it.

    Over SSH keys arrive in bursts: in "stem⏎a" all four keys can reach this box before it
    has handled enter. Enter and down move focus at once (not deferred) and make the results
    hold the keys that follow until they show the final query's rows; any key that reaches the
    box after focus left it is posted to the app again, so that it acts on the widget that now
    has focus instead of being typed here.

    The query history (the queries searched, oldest first: store.saved's query_history) is
    walked with up in an EMPTY box: each up shows an older query, down a newer one, and down
    after the newest empties the box again. While the box shows a query brought back this
    way, up and down keep walking; once it is edited, up does nothing and down moves to the
    results, as in a box that was typed in.

    Its bindings name in the footer the keys that work here (enter/down, escape, up, F1,
    ctrl+q); the keys themselves are handled in _on_key, at once, before keys queued behind.
    """

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(
        "search.accept.hint", "search.clear.hint", "search.history.hint", "search.help",
        "search.quit")

    class Accepted(Message):
        """Enter or down: the user wants the results."""

    def __init__(self, *, results_id: str, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.results_id = results_id
        self.history: list[str] = []  # oldest first
        self._walk: int | None = None  # the index in history of the query shown, if any

    def remember(self, text: str) -> None:
        """Add a query to the history as the newest (moved there when it is in it already)."""
        text = text.strip()
        if text:
            self.history = [query for query in self.history if query != text] + [text]
        self._walk = None

    @property
    def walking(self) -> bool:
        """Whether the box shows a query brought back from the history, unedited."""
        walk = self._walk
        return walk is not None and walk < len(self.history) and \
            self.value == self.history[walk]

    def _step(self, direction: int) -> None:
        """Show the previous (-1) or next (1) query of the history; after the newest, an
        empty box."""
        here = self._walk if self.walking and self._walk is not None else len(self.history)
        there = here + direction
        if there < 0:
            return  # the oldest is shown already
        if there >= len(self.history):
            self._walk = None
            self.value = ""
            return
        self._walk = there
        self.value = self.history[there]
        self.cursor_position = len(self.value)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if (event.key == "up" and (not self.value or self.walking)) or \
                (event.key == "down" and self.walking):
            event.stop()
            event.prevent_default()
            self._step(-1 if event.key == "up" else 1)
            return
        if event.key in ("enter", "down"):
            event.stop()
            event.prevent_default()
            self.action_accept()
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.action_clear()
            return
        await super()._on_key(event)

    def action_accept(self) -> None:
        """Enter or down: move to the results."""
        results = self.screen.query_one(f"#{self.results_id}")
        if isinstance(results, ResultsTable):
            # The keys typed after this one wait until the list shows this query's results
            # (the screen releases them on Accepted, or when the search finishes).
            results.hold_keys()
        # Focus moves now, before the keys already queued behind this one are handled.
        self.screen.set_focus(results)
        self.post_message(self.Accepted())

    def action_clear(self) -> None:
        """Escape: clear the query."""
        self.value = ""

    def action_history(self, direction: int) -> None:
        """Up (-1) or down (1) in an empty box, or one showing a query brought back: the
        previous or next query of the history; in a box typed in, nothing."""
        if not self.value or self.walking:
            self._step(direction)
