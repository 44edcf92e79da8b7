"""Keys typed ahead, handled in order and by the screen they were typed for.

Textual's App forwards each key it reads at once to the widget focused at that moment
(App.on_event); the widget handles it later, from its own queue, and a key it does not handle
bubbles up through its parents (each from its queue again) to the App, whose bindings run
last. So in a burst of keys (over SSH, a paste) every key is forwarded before the first one
has acted: the keys after `tab` were typed into the box that `tab` leaves, and the keys after
`f` (filters) or `c` (compare) reached the list under the dialog, which is pushed only when
the key's binding runs, and whose widgets take focus only once it is mounted (a pushed
screen's `focused` is None until then, so a key forwarded meanwhile went to the bare screen).

KeysInOrder, mixed into the app, hands keys on one at a time instead:

- a key is forwarded once the key before it has been handled by its widget and by every
  parent it bubbled to (a callback queued behind it on each of them says so);
- keys wait while the screen on top is not shown yet (mounted, and focused when it has
  anything to focus), and then go to it;
- keys wait while a screen is on its way (expect_screen: the counts of the filter panel or the
  trials to compare are read in a worker first), until it is shown or screen_not_coming.

So keys reach the screen a user who waited would have typed them into. A key that still
reaches a widget it was not meant for (one of a screen no longer on top, or that lost focus
after the key was forwarded) is handed back with give_back and goes next, to where it belongs.
Nothing waits for ever: a key whose handling is not confirmed within KEY_LIMIT, or a screen not
shown within SCREEN_LIMIT, lets the keys after it go on.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any
from weakref import WeakSet

from textual import events
from textual.app import ScreenStackError
from textual.dom import DOMNode
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.timer import Timer

    _Base = App[Any]
else:
    _Base = object  # a mixin: the app class lists App after it

#: Seconds a key may take to be handled before the keys after it are forwarded anyway.
KEY_LIMIT = 1.0
#: Seconds keys wait for a screen announced or pushed before they go to the screen on top.
SCREEN_LIMIT = 5.0
#: Seconds between checks that keys are not kept waiting longer than that.
CHECK_EVERY = 0.25
#: Refreshes of a mounted screen that has focusable widgets but none focused, before keys go
#: to it all the same.
FOCUS_REFRESHES = 3


class KeysInOrder(_Base):
    """Mixin for the App (listed before App): keys in order, each to its screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys_waiting: deque[events.Key] = deque()
        self._given_back = 0  # keys handed back (give_back), at the front of the queue
        self._in_hand: events.Key | None = None  # forwarded, not handled yet
        self._in_hand_since = 0.0
        self._screen_expected = False  # expect_screen: a screen is on its way
        self._awaited: Screen[Any] | None = None  # the screen on top, not shown yet
        self._awaited_refreshes = 0
        self._waiting_since = 0.0  # for a screen, expected or awaited
        self._shown_screens: WeakSet[Screen[Any]] = WeakSet()  # screens keys went to
        self._check_timer: Timer | None = None

    def _on_mount(self, event: events.Mount) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """A screen was pushed (or popped): the one expected came, or will not; the keys
        waiting go to the screen on top once it is shown."""
        self._screen_expected = False
        if self._keys_waiting:
            self.call_later(self._hand_on)

    # --- what the app's screens tell ---------------------------------------------------

    def expect_screen(self) -> None:
        """A screen will be pushed (once a worker has read what it shows): the keys typed
        from now on wait for it."""
        if not self._screen_expected:
            self._screen_expected = True
            self._waiting_since = time.monotonic()

    def screen_not_coming(self) -> None:
        """The screen expected will not be pushed after all (nothing to show): the keys
        waiting for it go to the screen on top."""
        if self._screen_expected:
            self._screen_expected = False
            self.call_later(self._hand_on)

    @property
    def keys_wait(self) -> bool:
        """Whether keys wait for a screen (expected, or pushed and not shown yet)."""
        return self._screen_expected or not self._screen_shown()

    def give_back(self, event: events.Key) -> None:
        """A key reached a widget it was not meant for: it goes next (after any handed back
        before it), to the widget focused when it is handed on."""
        self._keys_waiting.insert(self._given_back, events.Key(event.key, event.character))
        self._given_back += 1
        self.call_later(self._hand_on)

    # --- handing keys on ---------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:  # read from the terminal
            self._keys_waiting.append(event)
            await self._hand_on()
            return
        await super().on_event(event)

    async def _hand_on(self) -> None:
        """Forward the keys waiting, in order, while nothing holds them."""
        while self._keys_waiting and not self._held():
            event = self._keys_waiting.popleft()
            self._given_back = 0
            # Textual's own handling: the priority bindings, else forwarded to the focus.
            await super().on_event(event)
            if event.is_forwarded:  # (nothing awaited since it was: the same focus)
                self._in_hand, self._in_hand_since = event, time.monotonic()
                self._follow(event, self.focused or self.screen)
        if self._keys_waiting:
            self._check_later()

    def _held(self) -> bool:
        """Whether the keys waiting must wait longer: a key is being handled, or a screen is
        on its way or not shown yet."""
        return self._in_hand is not None or self._screen_expected or not self._screen_shown()

    def _follow(self, event: events.Key, node: MessagePump) -> None:
        """Once node has handled event (a callback queued behind it), follow it to node's
        parent, where it has bubbled if node did not stop it; at the app, it is done."""
        if not node.call_later(self._followed, event, node):  # node is closing
            self.call_later(self._followed, event, self)

    async def _followed(self, event: events.Key, node: MessagePump) -> None:
        if event is not self._in_hand:
            return  # not waited for any longer (KEY_LIMIT)
        if node is self:
            self._in_hand = None
            await self._hand_on()
            return
        parent = node.parent if isinstance(node, DOMNode) else None
        self._follow(event, parent or self)

    def _screen_shown(self) -> bool:
        """Whether the screen on top is shown: mounted, and focused if it has anything to
        focus (else keys would go to the bare screen). Until then it is awaited."""
        try:
            screen = self.screen
        except ScreenStackError:  # no screen yet (starting)
            return False
        if screen not in self._shown_screens and screen.is_mounted and (
                screen.focused is not None or not screen.focus_chain):
            self._shown_screens.add(screen)
        if screen in self._shown_screens:
            if self._awaited is screen:
                self._awaited = None
            return True
        if self._awaited is not screen:
            self._awaited, self._awaited_refreshes = screen, 0
            self._waiting_since = time.monotonic()
            self.call_after_refresh(self._check_awaited, screen)
        return False

    def _check_awaited(self, screen: Screen[Any]) -> None:
        """After a refresh: is the screen awaited shown now (or gone)?"""
        if self._awaited is not screen:
            return
        if screen.is_mounted:
            self._awaited_refreshes += 1
            if self._awaited_refreshes >= FOCUS_REFRESHES:  # mounted, focusing nothing
                self._shown_screens.add(screen)
        on_top = self.screen_stack and self.screen_stack[-1] is screen
        if not on_top or self._screen_shown():
            self._awaited = None
            self.call_later(self._hand_on)
        else:
            self.call_after_refresh(self._check_awaited, screen)

    def _check_later(self) -> None:
        if self._check_timer is None:
            self._check_timer = self.set_timer(CHECK_EVERY, self._check_waiting)

    async def _check_waiting(self) -> None:
        """Keys wait: let them go on when what holds them takes too long."""
        self._check_timer = None
        now = time.monotonic()
        if self._in_hand is not None and now - self._in_hand_since > KEY_LIMIT:
            self._in_hand = None
        if (self._screen_expected or self._awaited is not None) and \
                now - self._waiting_since > SCREEN_LIMIT:
            self._screen_expected = False
            if self._awaited is not None:
                self._shown_screens.add(self._awaited)
                self._awaited = None
        await self._hand_on()
