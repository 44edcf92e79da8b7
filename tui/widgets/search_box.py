"""The search box: text as you type, enter/down to the results, typed-ahead keys kept in order,
up/down through the queries searched before."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from .. import actions
from .keys import give_back, misdirected
from .results import ResultsTable

#: Seconds typing must pause before the footer follows the box's first letter typed or last
#: one deleted (esc Clear shown or not): the footer is laid out again then, and drawn in the
#: same frame as the new list it made the first key typed 40-50 ms slower.
HINTS_WHILE_TYPING = 0.25


class SearchBox(Input):
    """An Input that hands the results the keys a user typed after leaving it.

    Over SSH keys arrive in bursts ("stem⏎a"). Enter and down move focus at once (not
    deferred) and make the results hold the keys that follow until they show the final query's
    rows; a key that still reaches the box after focus left it is handed back to the app
    (keys.give_back), so that it acts on the widget that now has focus instead of being typed
    here.

    The query history (the queries searched, oldest first: store.saved's query_history) is
    walked with up in an EMPTY box: each up shows an older query, down a newer one, and down
    after the newest empties the box again. While the box shows a query brought back this
    way, up and down keep walking; once it is edited, up does nothing and down moves to the
    results, as in a box that was typed in.

    Its bindings name in the footer the keys that work here as it is (check_action): up
    (History) in an empty box with a history, up/down while a query brought back is shown
    (enter then moves to the results, down does not), enter/down otherwise, escape (Clear) in
    a box with text, F1, ctrl+q; the keys
    themselves are handled in _on_key, at once, before keys queued behind.
    """

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(
        "search.history.hint", "search.walk.hint", "search.newer.hint", "search.accept.hint",
        "search.accept.enter.hint", "search.clear.hint", "search.help", "search.quit")

    class Accepted(Message):
        """Enter or down: the user wants the results."""

    def __init__(self, *, results_id: str, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.results_id = results_id
        self._history: list[str] = []  # oldest first
        self._walk: int | None = None  # the index in history of the query shown, if any
        self._hints: tuple[bool, bool, bool, bool] | None = None  # what the footer's keys follow
        self._hints_timer: Timer | None = None

    @property
    def history(self) -> list[str]:
        """The queries searched before, oldest first."""
        return self._history

    @history.setter
    def history(self, queries: list[str]) -> None:
        self._history = queries
        self._refresh_hints()

    def remember(self, text: str) -> None:
        """Add a query to the history as the newest (moved there when it is in it already)."""
        text = text.strip()
        self._walk = None
        if text:
            self.history = [query for query in self.history if query != text] + [text]
        self._refresh_hints()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer names only the keys that work as the box is: up recalls the history in
        an empty box when there is one (in a box typed in it does nothing); escape clears a
        box with text; while a query brought back is shown,
        up (unless it is the oldest) and down walk the history, and enter alone moves to the
        results."""
        walking = self.walking
        if action == "history":
            return not self.value and bool(self._history)
        if action == "clear":
            return bool(self.value)
        if action == "walk":
            older = walking and self._walk is not None and self._walk > 0
            return older if parameters == (-1,) else walking and not older
        if action == "accept":
            return not walking
        if action == "accept_shown":
            return walking
        return True

    def watch_value(self) -> None:
        """A letter typed or deleted: when all it changes of the footer's keys is whether the
        box is empty, the footer follows once typing pauses (HINTS_WHILE_TYPING)."""
        if self._hints_timer is not None:
            self._hints_timer.stop()
            self._hints_timer = None
        hints = self._current_hints()
        if self._hints is None or hints[1:] != self._hints[1:]:
            self._refresh_hints()
        elif hints != self._hints:
            self._hints_timer = self.set_timer(HINTS_WHILE_TYPING, self._refresh_hints)

    @property
    def hints_waiting(self) -> bool:
        """Whether the footer waits for typing to pause to follow the box."""
        return self._hints_timer is not None

    def _current_hints(self) -> tuple[bool, bool, bool, bool]:
        """What the footer's keys follow: the box empty, a history, a query brought back
        shown, the oldest one."""
        walking = self.walking
        return (not self.value, bool(self._history), walking, walking and self._walk == 0)

    def _refresh_hints(self) -> None:
        """Refresh the footer's keys when what they follow changed (not at every key typed:
        the footer is laid out again each time)."""
        if self._hints_timer is not None:
            self._hints_timer.stop()
            self._hints_timer = None
        hints = self._current_hints()
        if hints != self._hints:
            self._hints = hints
            self.refresh_bindings()

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
        if misdirected(self):
            give_back(self, event)
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

    def action_accept_shown(self) -> None:
        """Enter, while a query brought back is shown: move to the results."""
        self.action_accept()

    def action_walk(self, direction: int) -> None:
        """(The footer's History while a query brought back is shown) an older (-1) or newer
        (1) query."""
        if self.walking:
            self._step(direction)

    def action_clear(self) -> None:
        """Escape: clear the query."""
        self.value = ""

    def action_history(self, direction: int) -> None:
        """Up (-1) or down (1) in an empty box, or one showing a query brought back: the
        previous or next query of the history; in a box typed in, nothing."""
        if not self.value or self.walking:
            self._step(direction)
