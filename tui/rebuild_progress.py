"""What the command says while a store's search index is rebuilt on opening (an index written
by another version of trials: store.TrialStore's on_rebuild): a line saying why, then, on a
terminal, a progress bar of the segment files replayed."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from .output import is_plain, message_console

PROG = "trials"


def rebuild_message(path: Path, total: int) -> str:
    """The line that says why opening the store takes a while."""
    files = f"{total:,} segment file" + ("" if total == 1 else "s")
    return (f"{PROG}: rebuilding the search index of {path} from its {files} (it was written "
            "by another version of trials); this is done once")


class RebuildProgress:
    """on_rebuild for TrialStore: the message once, then a bar on a terminal (nothing more
    when stderr is plain). Use as a context manager around opening the store."""

    def __init__(self, path: Path, console: Console | None = None) -> None:
        self._path = path
        self._console = console or message_console()
        self._progress: Progress | None = None
        self._task = TaskID(0)

    def __call__(self, done: int, total: int) -> None:
        if self._progress is None and done == 0:
            self._console.print(rebuild_message(self._path, total), markup=False,
                                highlight=False, soft_wrap=True)
            if is_plain(self._console.file):
                return
            self._progress = Progress(
                TextColumn("Rebuilding the index"), BarColumn(), MofNCompleteColumn(),
                TimeRemainingColumn(compact=True, elapsed_when_finished=True),
                console=self._console, transient=True)
            self._progress.start()
            self._task = self._progress.add_task("", total=total)
        if self._progress is not None:
            self._progress.update(self._task, completed=done, total=total)

    def __enter__(self) -> RebuildProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
