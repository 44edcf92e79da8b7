"""Keys typed ahead: a key that reaches a widget after focus left it goes to the new focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a plain mixin: subclassing Widget here would reset can_focus


class FollowFocus(_Base):
    """Mixin for focusable widgets: re-post keys that arrive once another widget has focus.

    The app forwards each key to the widget focused when it reads the key; in a burst of
    keys over SSH several are forwarded before the first one moves focus ("/" then "ab").
    """

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        # Run this key's binding now, not after the event bubbles up to the app: otherwise
        # a key queued behind it here would be handled before the binding moved focus.
        handled = await self.handle_key(event)
        if not handled and await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()
