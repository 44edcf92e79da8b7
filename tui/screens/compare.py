"""The compare screen: marked trials side by side."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..compare_view import compare_view
from ..widgets.detail import DetailScroll


class CompareScreen(Screen[None]):
    """Two to four trials in columns; escape returns to the list with the marks kept."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="close"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help.compare"),
        Binding("q", "app.quit_app", "Quit", id="quit.compare"),
    ]
    ESCAPE_TO_MINIMIZE = False

    def __init__(self, records: list[dict[str, Any]]) -> None:
        super().__init__()
        self.records = records

    def compose(self) -> ComposeResult:
        title = Text(f"Comparing {len(self.records)} trials", style="bold")
        yield Static(title, id="compare-title")
        with DetailScroll(id="compare-scroll"):
            yield Static(compare_view(self.records), id="compare-body")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#compare-scroll"))

    def action_close(self) -> None:
        self.dismiss()
