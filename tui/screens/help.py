"""The help screen: every key, grouped, and the query language."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import actions
from ..query_help import query_help
from ..widgets.detail import DetailScroll
from ..widgets.results import MARK, UNSEEN, WATCHED

#: What the list's first column says, for the help.
MARKS = (
    (MARK, "Marked for compare (space)"),
    (WATCHED, "Watched (w); the palette lists the watched trials"),
    (UNSEEN["new"], "New in the saved search shown since you last looked at it (not in the "
     "store then)"),
    (UNSEEN["changed"], "Changed in the saved search shown since you last looked at it (a "
     "newer version imported: the History tab, 8, says what changed)"),
)


def _key_names(keys: str, display: str | None) -> str:
    if display:
        return display
    names = {"slash": "/", "question_mark": "?", "space": "space", "escape": "esc"}
    return ", ".join(names.get(key, key) for key in keys.split(","))


def help_text() -> Group:
    """Every key of the registry, grouped, as a Rich renderable."""
    parts: list[RenderableType] = [Text("trials: keys", style="bold")]
    for group, keys in actions.help_groups().items():
        parts += [Text(), Text(group, style="bold cyan")]
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold", min_width=14)
        grid.add_column()
        for key in keys:
            grid.add_row(Text(_key_names(key.keys, key.key_display)), Text(key.help))
        parts.append(grid)
    parts += [Text(), Text("Searching (the search box, trials search)", style="bold cyan"),
              query_help()]
    parts += [Text(), Text("Marks in the list", style="bold cyan")]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold", min_width=14)
    grid.add_column()
    for mark, meaning in MARKS:
        grid.add_row(Text(mark), Text(meaning))
    parts.append(grid)
    parts += [Text(), Text("escape, ? or F1 closes this help.", style="dim")]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """A scrollable list of every key; escape, ?, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", id="help.close"),
        Binding("ctrl+q", "app.quit_app", "Quit", show=False, priority=True),
    ]
    ESCAPE_TO_MINIMIZE = False

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"), DetailScroll(id="help-scroll"):
            yield Static(help_text(), id="help-body")

    def on_mount(self) -> None:
        # (a screen closed as soon as it opened is mounted without its children)
        for scroll in self.query("#help-scroll"):
            self.set_focus(scroll)

    def action_close(self) -> None:
        self.dismiss()
