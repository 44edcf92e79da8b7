"""The footer: the keys of the focused pane, fitted to the footer's width. When they do not fit
(a narrow terminal, the marked count beside the footer) the least important keys are left out
first, so that `? Help` and `q Quit` always show; the help screen lists every key."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Footer keys by their action, the first left out first when the footer is too narrow. Keys
#: not named here go before these; HELP_AND_QUIT never go.
DROP_ORDER = (
    "open",  # enter on a row (ResultsTable)
    "focus_search",  # / (MainScreen: hidden in the search box, where / is text)
    "screen.export",
    "screen.filters",
    "screen.toggle_mark",
    "screen.compare",
    "command_palette",  # the palette key, docked right
)
HELP_AND_QUIT = frozenset({"app.help", "app.quit_app"})


def _rank(action: str) -> int:
    """When a key is left out: lower ranks first."""
    action = action.rpartition(".")[2] if action.endswith("command_palette") else action
    return DROP_ORDER.index(action) if action in DROP_ORDER else -1


class FittedFooter(Footer):
    """A footer that leaves out its least important keys rather than cut the line."""

    _recompose_asked = False  # a recompose is on its way: it shows every change since

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Lay the keys out again once for changes asked for together: Textual's footer does it
        once per change, and the browser's start asks for 7 in 0.2 s (focus, screen sizes,
        the query history read), each 10-30 ms of the first keystroke's time. The recompose
        is queued on the footer itself (Textual queues it on the screen on top, which drops
        it when that screen closes first)."""
        self._bindings_ready = True
        if self._recompose_asked:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._recompose_asked = True
            self.call_later(self.recompose)

    async def recompose(self) -> None:
        self._recompose_asked = False
        await super().recompose()
        self.call_after_refresh(self.fit)  # once the new keys' styles (compact or not) apply

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit)

    def _watch_compact(self, compact: bool) -> None:
        self.call_after_refresh(self.fit)

    @staticmethod
    def natural_width(child: Widget) -> int:
        """The cells a child takes when shown: its text, padding, border and margins."""
        if isinstance(child, FooterKey):
            content = child.render().cell_len
        else:
            content = child.get_content_width(child.size, child.size)
        return content + child.styles.gutter.width + child.styles.margin.width

    @property
    def shown_actions(self) -> list[str]:
        """The actions of the keys shown, left to right (the palette key last)."""
        return [key.action for key in self.query_children(FooterKey) if key.display]

    def fit(self) -> None:
        """Show the keys that fit in the footer's width, leaving out the least important."""
        width = self.size.width
        children = list(self.children)
        if not width or not children:
            return
        widths = {child: self.natural_width(child) for child in children}
        droppable = sorted(
            (child for child in children
             if isinstance(child, FooterKey) and child.action not in HELP_AND_QUIT),
            key=lambda key: (_rank(key.action), -children.index(key)),
        )
        hidden: set[Widget] = set()
        while self._needed(children, widths, hidden) > width and len(hidden) < len(droppable):
            hidden.add(droppable[len(hidden)])
        for child in children:
            child.display = child not in hidden

    @staticmethod
    def _needed(children: list[Widget], widths: dict[Widget, int], hidden: set[Widget]) -> int:
        """The cells the shown children take: the last key's right margin (under the palette
        key, docked right) takes none."""
        shown = [child for child in children if child not in hidden]
        flowing = [child for child in shown if child.styles.dock == "none"]
        last_margin = flowing[-1].styles.margin.right if flowing else 0
        return sum(widths[child] for child in shown) - last_margin
