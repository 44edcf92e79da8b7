"""The search box: text as you type, enter/down to the results, typed-ahead keys kept in order."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

from .results import ResultsTable


class SearchBox(Input):
    """An Input that hands the results the keys a user typed after leaving it.

    Over SSH keys arrive in bursts: in "stem⏎a" all four keys can reach this box before it
    has handled enter. Enter and down move focus at once (not deferred) and make the results
    hold the keys that follow until they show the final query's rows; any key that reaches the
    box after focus left it is posted to the app again, so that it acts on the widget that now
    has focus instead of being typed here.
    """

    class Accepted(Message):
        """Enter or down: the user wants the results."""

    def __init__(self, *, results_id: str, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.results_id = results_id

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "down"):
            event.stop()
            event.prevent_default()
            results = self.screen.query_one(f"#{self.results_id}")
            if isinstance(results, ResultsTable):
                # The keys typed after this one wait until the list shows this query's results
                # (the screen releases them on Accepted, or when the search finishes).
                results.hold_keys()
            # Focus moves now, before the keys already queued behind this one are handled.
            self.screen.set_focus(results)
            self.post_message(self.Accepted())
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.value = ""
            return
        await super()._on_key(event)
