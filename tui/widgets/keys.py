"""Keys typed ahead: a key that reaches a widget it was not meant for goes where it belongs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from ..key_order import KeysInOrder

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a plain mixin: subclassing Widget here would reset can_focus


def misdirected(widget: Widget) -> bool:
    """Whether a key that reached widget was meant for another: focus has left it since the
    key was forwarded (enter opening the detail), its screen is no longer on top, or the app
    holds keys for a screen on its way (a key replayed by the list after f or c)."""
    app = widget.app
    if widget.screen is not app.screen or (isinstance(app, KeysInOrder) and app.keys_wait):
        return True
    focused = widget.screen.focused
    return focused is not None and focused is not widget


def give_back(widget: Widget, event: events.Key) -> None:
    """Hand a misdirected key back to the app, to go next to the widget focused then."""
    event.stop()
    event.prevent_default()
    app = widget.app
    if isinstance(app, KeysInOrder):
        app.give_back(event)
    else:
        app.post_message(events.Key(event.key, event.character))


class FollowFocus(_Base):
    """Mixin for focusable widgets: keys meant for another widget or screen go there.

    The app hands keys on one at a time (tui.key_order), but a key can still reach a widget
    after focus left it: one forwarded before a message that moves focus was handled, or one
    the list held for a search and replays after a key that opens a screen.
    """

    async def _on_key(self, event: events.Key) -> None:
        if misdirected(self):
            give_back(self, event)
            return
        # Run this key's binding now, not after the event bubbles up to the app: otherwise
        # a key queued behind it here would be handled before the binding moved focus.
        handled = await self.handle_key(event)
        if not handled and await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()
