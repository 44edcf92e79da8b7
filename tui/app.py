"""The Textual app: opens the store in a worker, then shows the main screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from store import StoreError, TrialStore, bundled_seed_paths

from . import actions
from .commands import TrialCommands
from .messages import MarksChanged, StoreReady
from .screens.compare import CompareScreen
from .screens.help import HelpScreen
from .screens.main import MAX_COMPARE, MainScreen


class TrialsApp(App[int]):
    """Browse, search and compare the trials of a store."""

    TITLE = "trials"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings("help", "quit")
    COMMANDS = App.COMMANDS | {TrialCommands}

    def __init__(self, db_path: Path | None, *, store: TrialStore | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.store: TrialStore | None = store
        self.marks: dict[str, None] = {}  # ordered: compare shows trials in marking order
        self.error: str | None = None
        self._titles: list[tuple[str, str]] | None = None

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    def on_mount(self) -> None:
        if self.store is None:
            self._open_store()
        else:
            self._store_opened()

    @work(thread=True, exclusive=True, group="store")
    def _open_store(self) -> None:
        """Open the store off the UI thread; seed it when it is empty."""
        try:
            store = TrialStore(self.db_path)
            if len(store) == 0:
                store.import_paths(bundled_seed_paths())
        except StoreError as error:
            self.call_from_thread(self._fail, str(error))
            return
        self.store = store
        self.call_from_thread(self._store_opened)

    def _store_opened(self) -> None:
        self._titles = None
        self.screen.post_message(StoreReady())

    def _fail(self, message: str) -> None:
        self.error = message
        self.exit(1, message=f"trials: {message}")

    # --- data for widgets ----------------------------------------------------------------

    def record_for_row(self, trial_id: str) -> dict[str, Any] | None:
        """The compact columns of a list row (read from the index, not the record's shard)."""
        return self.store.columns(trial_id) if self.store else None

    def titles(self) -> list[tuple[str, str]]:
        """(id, title) of every trial, for the command palette."""
        store = self.store
        if self._titles is None and store is not None:
            columns = (store.columns(trial_id) for trial_id in store.ids())
            self._titles = [(c["id"], c["title"]) for c in columns if c is not None]
        return self._titles or []

    # --- marks, compare, navigation ------------------------------------------------------

    def toggle_mark(self, trial_id: str) -> None:
        """Mark a trial for compare, or unmark it."""
        if trial_id in self.marks:
            del self.marks[trial_id]
        else:
            self.marks[trial_id] = None
        self._marks_changed()

    def action_clear_marks(self) -> None:
        self.marks.clear()
        self._marks_changed()
        self.notify("Marks cleared.")

    def _marks_changed(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.post_message(MarksChanged())

    def action_compare_marked(self) -> None:
        count = len(self.marks)
        if count < 2:
            self.notify(
                f"Mark at least two trials with space to compare them ({count} marked).",
                severity="warning",
            )
            return
        if count > MAX_COMPARE:
            self.notify(
                f"Compare shows at most {MAX_COMPARE} trials; {count} are marked. "
                "Unmark some with space.", severity="warning",
            )
            return
        assert self.store is not None
        records = [r for r in (self.store.get(i) for i in self.marks) if r is not None]
        self.push_screen(CompareScreen(records))

    def action_help(self) -> None:
        # F1 is a priority binding, so it reaches here before HelpScreen's own F1: toggle.
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def action_quit_app(self) -> None:
        self.exit(0)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def goto(self, trial_id: str) -> None:
        """Show a trial in the list (from the command palette)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        if isinstance(self.screen, MainScreen):
            self.screen.goto(trial_id)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Compare marked", "Compare the marked trials side by side",
                            self.action_compare_marked)
        yield SystemCommand("Clear marks", "Unmark every trial", self.action_clear_marks)
        yield SystemCommand("Toggle dark/light", "Switch between the dark and light theme",
                            self.action_toggle_theme)
        yield SystemCommand("Help", "Show every key", self.action_help)
        yield SystemCommand("Quit", "Quit trials", self.action_quit_app)
