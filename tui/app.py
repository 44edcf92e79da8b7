"""The Textual app: opens the store in a worker, then shows the main screen."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.worker import get_current_worker

from store import StoreError, TrialStore, bundled_seed_paths
from store.checkpoint import utc_now
from store.saved import SavedState
from store.saved_status import SavedSearch, unseen

from . import actions
from .commands import TrialCommands
from .key_order import KeysInOrder
from .messages import IndexRebuilding, MarksChanged, StoreReady
from .saved_commands import SavedCommands
from .screens.export import ExportDialog, ExportJob, ExportRequest
from .screens.help import HelpScreen
from .screens.main import MAX_COMPARE, MainScreen

SLOW_EXPORT = 2000  # trials; a larger export says when it starts, not only when it is done
#: Seconds the note of a long export stays: until it ends (it is cleared then).
EXPORT_NOTE_SECONDS = 24 * 3600
#: Seconds a thread holds the interpreter's lock while another waits for it, in the browser's
#: process (Python's default is 0.005). A worker's store read calls the search engine once a
#: row, and each call lets the lock go: while the screen draws, every call waited for the
#: drawing thread's turn to end, and reading 60 rows took 300 ms instead of 6.
SWITCH_INTERVAL = 0.0005


class TrialsApp(KeysInOrder, App[int]):
    """Browse, search and compare the trials of a store."""

    TITLE = "trials"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings("help", "quit")
    COMMANDS = App.COMMANDS | {SavedCommands, TrialCommands}

    def __init__(self, db_path: Path | None, *, store: TrialStore | None = None,
                 own_process: bool = False) -> None:
        """own_process: the process is the browser's (the `trials` command), so the app
        tunes it. The interpreter hands its lock between threads every half millisecond
        (SWITCH_INTERVAL), so that a worker's store read is not held up while the screen
        draws. And once the store is open, the garbage collector stops walking the objects
        made so far (gc.freeze: they live as long as the process); a full collection while
        typing then takes a few milliseconds instead of 30-60 ms."""
        super().__init__()
        self.db_path = db_path
        self.store: TrialStore | None = store
        self._own_process = own_process
        self.marks: dict[str, None] = {}  # ordered: compare shows trials in marking order
        self.error: str | None = None
        self._saved: SavedState | None = None
        self._saved_mutex = threading.Lock()
        #: When the browser opened, or last reloaded a store that changed, and the store's
        #: generation then: `r` counts the trials new or changed since.
        self.since: tuple[str, int] | None = None
        self._reloads = 0  # reloads that brought changes

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    def on_mount(self) -> None:
        if self._own_process:
            sys.setswitchinterval(SWITCH_INTERVAL)
        if self.store is None:
            self._open_store()
        else:
            self._store_opened()

    @work(thread=True, exclusive=True, group="store")
    def _open_store(self) -> None:
        """Open the store off the UI thread; seed it when it is empty."""
        try:
            store = TrialStore(self.db_path, on_rebuild=self._index_rebuilding)
            if len(store) == 0:
                store.import_paths(bundled_seed_paths())
        except StoreError as error:
            self.call_from_thread(self._fail, str(error))
            return
        self.store = store
        self.call_from_thread(self._store_opened)

    def _index_rebuilding(self, done: int, total: int) -> None:
        """TrialStore's on_rebuild, in the opening worker: the screen says how far it is."""
        self.call_from_thread(self.screen.post_message, IndexRebuilding(done, total))

    def _store_opened(self) -> None:
        if self.store is not None and self.since is None:
            self.since = (_utc_now(), self.store.index.generation)
        self.screen.post_message(StoreReady())
        if self._own_process:
            self.call_after_refresh(_freeze_collector)

    def user_state(self) -> SavedState:
        """The saved searches, watched trials and query history of the store (store.saved).
        Its methods read and write a file: call them in a worker, never on the event loop."""
        with self._saved_mutex:
            if self._saved is None:
                assert self.store is not None
                self._saved = SavedState(self.store, on_problem=self._state_problem)
            return self._saved

    def _state_problem(self, message: str) -> None:
        """saved.json was damaged (set aside): said once, from the worker that met it."""
        if threading.current_thread() is threading.main_thread():
            self.notify(message, severity="warning", timeout=10, markup=False)
        else:
            self.call_from_thread(self.notify, message, severity="warning", timeout=10,
                                  markup=False)

    def action_reload(self) -> None:
        """Reload the store when another process changed it (an import meanwhile)."""
        if self.store is not None:
            self._reload_store(self.store)

    @work(thread=True, exclusive=True, group="store")
    def _reload_store(self, store: TrialStore) -> None:
        before = len(store)
        try:
            changed = store.refresh()
            fresh = self._count_fresh(store) if changed else None
        except StoreError as error:
            self.call_from_thread(self.notify, f"Could not reload: {error}", severity="error",
                                  markup=False)
            return
        self.call_from_thread(self._reloaded, changed, before, len(store), fresh)

    def _count_fresh(self, store: TrialStore) -> int | None:
        """How many trials are new or changed since the browser opened or last reloaded (a
        version committed after the generation seen then: exact whatever the clocks say,
        store.saved_status); from now on, count from here."""
        since, self.since = self.since, (_utc_now(), store.index.generation)
        if since is None:
            return None
        when, generation = since
        return len(unseen(store, SavedSearch("", "", when, when, generation)))

    def _reloaded(self, changed: bool, before: int, after: int, fresh: int | None) -> None:
        if not changed:
            self.notify(f"The store is up to date ({after:,} trials).")
            return
        added = after - before
        news = f", {added:,} new" if added > 0 else ""
        message = f"Reloaded the store: {after:,} trials{news}."
        if fresh is not None:
            noun = "trial" if fresh == 1 else "trials"
            since = "the last reload" if self._reloads else "the browser opened"
            message += f" {fresh:,} {noun} new or changed since {since}."
        self._reloads += 1
        self.notify(message, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.post_message(StoreReady())

    def _fail(self, message: str) -> None:
        self.error = message
        # Exit once the screen has settled: exiting while it mounts leaves half-built widgets.
        self.call_after_refresh(self.exit, 1, 1, Text(f"trials: {message}"))

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
        if self.store is not None:
            self.expect_screen()  # the keys typed after c are the comparison's
            self._read_marked(self.store, list(self.marks))

    @work(thread=True, exclusive=True, group="compare")
    def _read_marked(self, store: TrialStore, ids: list[str]) -> None:
        """Read the marked trials off the UI thread, then compare them."""
        try:
            records = [(trial_id, store.get(trial_id)) for trial_id in ids]
        except StoreError as error:
            self.call_from_thread(self.screen_not_coming)
            self.call_from_thread(self.notify, f"Cannot compare: {error}", severity="error",
                                  timeout=10, markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._compare_read, records)

    def _compare_read(self, records: list[tuple[str, dict[str, Any] | None]]) -> None:
        """Compare what was read; trials gone from the store (another process removed them
        before a reload) are unmarked and named."""
        found = [record for _, record in records if record is not None]
        gone = [trial_id for trial_id, record in records if record is None]
        if gone:
            for trial_id in gone:
                self.marks.pop(trial_id, None)
            self._marks_changed()
            noun = "is" if len(gone) == 1 else "are"
            message = f"{', '.join(gone)} {noun} no longer in the store: unmarked."
            if len(found) < 2:
                message += f" Mark at least two trials to compare ({len(self.marks)} marked)."
            self.notify(message, severity="warning", timeout=10, markup=False)
        if len(found) >= 2:
            from .screens.compare import CompareScreen  # (loaded when first asked for)

            self.push_screen(CompareScreen(found))  # (the keys wait until it is shown)
        else:
            self.screen_not_coming()

    # --- export ----------------------------------------------------------------------------

    def export_trials(self, job: ExportJob) -> None:
        """Ask for a format and a file, then write the trials in a worker."""
        if not job.ids:
            self.screen_not_coming()
            self.notify("Nothing to export: no trial is listed.", severity="warning")
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export_worker(job, request)

        self.push_screen(ExportDialog(job), chosen)

    def _exporting(self, count: int, path: Path) -> None:
        """Say a long export is under way, until it ends (_exported)."""
        if count >= SLOW_EXPORT:
            self.notify(f"Exporting {count:,} trials to {path}… (this note stays until it is "
                        "written)", markup=False, timeout=EXPORT_NOTE_SECONDS)

    def _exported(self, message: str, *, error: bool = False) -> None:
        # after the note of the export under way is shown (a notification is a message)
        self.call_later(self._say_exported, message, error)

    def _say_exported(self, message: str, error: bool) -> None:
        self.clear_notifications()  # the note of the export under way
        if error:
            self.notify(message, severity="error", timeout=10, markup=False)
        else:
            self.notify(message, markup=False)

    @work(thread=True, group="export")
    def _export_worker(self, job: ExportJob, request: ExportRequest) -> None:
        """Write the export off the UI thread (reading 100,000 records takes a while)."""
        from .export import iter_records, write_export, write_file  # (loaded when first used)

        store = self.store
        assert store is not None
        records = job.records if job.records is not None else iter_records(store, job.ids)
        path = request.path
        self.call_from_thread(self._exporting, len(job.ids), path)

        def fill(out: Any) -> int:
            return write_export(out, request.file_format, records, title=job.title,
                                comparison=job.comparison)

        try:
            count = write_file(path, fill)
        except StoreError as error:  # a damaged shard met while reading the records
            message = f"Not written: {error}"
        except FileExistsError:
            message = f"Not written: {path} already exists. Export again with another name."
        except OSError as error:
            message = f"Could not write {path}: {error.strerror or error}"
        else:
            noun = "trial" if count == 1 else "trials"
            self.call_from_thread(self._exported, f"Wrote {count:,} {noun} to {path}")
            return
        self.call_from_thread(self._exported, message, error=True)

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

    def open_saved(self, name: str, query: str) -> None:
        """Show a saved search in the list (from the command palette)."""
        screen = self._main_screen()
        if screen is not None:
            screen.open_saved(name, query)

    def show_trials(self, ids: list[str]) -> None:
        """List these trials (the watched ones, from the command palette)."""
        screen = self._main_screen()
        if screen is None:
            return
        if not ids:
            self.notify("No trial is watched: w on the list watches the highlighted trial.",
                        severity="warning")
            return
        screen.show_trials(ids)

    def _main_screen(self) -> MainScreen | None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        return self.screen if isinstance(self.screen, MainScreen) else None

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        export = getattr(screen, "EXPORT_COMMAND", None)  # the list's, or a comparison's
        action = getattr(screen, "action_export", None)
        if export is not None and action is not None:
            name, about = export
            yield SystemCommand(name, about, action)
        yield SystemCommand("Compare marked", "Compare the marked trials side by side",
                            self.action_compare_marked)
        yield SystemCommand("Clear marks", "Unmark every trial", self.action_clear_marks)
        yield SystemCommand("Toggle dark/light", "Switch between the dark and light theme",
                            self.action_toggle_theme)
        yield SystemCommand("Help", "Show every key", self.action_help)
        yield SystemCommand("Quit", "Quit trials", self.action_quit_app)


def _utc_now() -> str:
    """The time now (ISO 8601 UTC), as the store stamps imports."""
    return utc_now()


def _freeze_collector() -> None:
    """Collect what is garbage now, then keep the collector from walking what is left."""
    gc.collect()
    gc.freeze()
