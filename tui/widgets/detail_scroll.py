"""The scrolling body of a detail tab (also of the help and compare screens): keys scroll at
once, and it says when it is scrolled to its end, for a paged tab to show its next page."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message

from .keys import FollowFocus


class DetailScroll(FollowFocus, VerticalScroll):
    """A scrolling tab body; j/k scroll like up/down; says when it is scrolled to its end."""

    class NearEnd(Message):
        """The body is scrolled to (about) its end: a paged tab shows its next page (all its
        pages with everything: End was pressed)."""

        def __init__(self, scroll: DetailScroll, *, everything: bool = False) -> None:
            super().__init__()
            self.scroll = scroll
            self.everything = everything

    #: End was pressed and no key or wheel has scrolled back since: each page laid out keeps
    #: the view at the end of the tab (not the view's own moves: it is pulled back when the
    #: last line, "… more", goes).
    follow_end = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    # Scroll at once rather than animated: in a burst of keys every press must count.
    def _step(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self._step(1)

    def action_scroll_up(self) -> None:
        self.follow_end = False
        self._step(-1)

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.follow_end = False
        self._step(-max(1, self.scrollable_content_region.height - 1))

    def action_scroll_home(self) -> None:
        self.follow_end = False
        self.scroll_home(animate=False, immediate=True)

    def on_mouse_scroll_up(self) -> None:
        self.follow_end = False  # (the scroll itself is the default handler's)

    def watch_virtual_size(self) -> None:
        """Content laid out taller (a page added): after End, to its new end."""
        if self.follow_end:
            self.scroll_end(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        """The end of the tab: a paged tab's every page (added a page per frame)."""
        self.follow_end = True
        self.scroll_end(animate=False, immediate=True)
        self.post_message(self.NearEnd(self, everything=True))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value > old_value and new_value >= self.max_scroll_y - self.size.height:
            self.post_message(self.NearEnd(self))
