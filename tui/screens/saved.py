"""Dialogs for saved searches: the name to save the current query under (ctrl+s), and whether
to replace a saved search of that name."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from store.saved import MAX_NAME, check_name


class SaveSearchDialog(ModalScreen[str | None]):
    """Ask for the name of a saved search (default: the query); enter saves, escape
    cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save.cancel"),
        Binding("ctrl+q", "app.quit_app", "Quit", show=False, priority=True),
    ]

    def __init__(self, query: str, name: str) -> None:
        super().__init__()
        self.search_text = query
        self.default_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box"):
            title = Text("Save the search ", style="bold")
            title.append(self.search_text, style="bold italic")
            yield Label(title, id="save-title")
            yield Label(Text("Name:", style="dim"))
            yield Input(self.default_name[:MAX_NAME], id="save-name", select_on_focus=False,
                        max_length=MAX_NAME)
            yield Label(Text("enter saves · escape cancels", style="dim"), id="save-hint")

    def on_mount(self) -> None:
        self.set_focus(self.name_input)

    @property
    def name_input(self) -> Input:
        return self.query_one("#save-name", Input)

    @on(Input.Submitted, "#save-name")
    def _submitted(self) -> None:
        try:
            name = check_name(self.name_input.value)
        except ValueError as error:
            self.query_one("#save-hint", Label).update(
                Text(f"{str(error).capitalize()} (escape cancels).", style="bold"))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes-or-no question: enter (or y) says yes, escape (or n) says no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("escape,n", "answer(False)", "No", id="confirm.no"),
        Binding("ctrl+q", "app.quit_app", "Quit", show=False, priority=True),
    ]

    def __init__(self, question: Text, hint: str) -> None:
        super().__init__()
        self.question = question
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self.question, id="confirm-question")
            yield Label(Text(self.hint, style="dim"), id="confirm-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
