"""What an import prints: a progress bar on a terminal while it runs, then the trials per outcome
and per format, the notes and the failures (each list cut at the report's bound, with the
number left off said)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from store import FileOutcome, ImportReport
from store.archives import printable_name

from .output import data_console, is_plain, message_console

PROG = "trials"
#: Seconds between two updates of the progress bar.
REDRAW = 0.05
_STATUSES = ("imported", "updated", "unchanged", "failed")

#: progress(done, total, label) as TrialStore.import_paths calls it (total 0: not known).
ProgressCallback = Callable[[int, int, str], None]


def format_counts(report: ImportReport) -> dict[str, int]:
    """Trials per format among those that did not fail, by format name."""
    return dict(sorted(report.formats.items()))


def files_read(report: ImportReport) -> int:
    """How many files (or archive members, or fetched studies) the import read."""
    return report.files


def _count(number: int, noun: str, *, grouped: bool = False) -> str:
    """ "1 file", "3 files", "2 studies" ("12,345 files" when grouped)."""
    shown = f"{number:,}" if grouped else str(number)
    if number == 1:
        return f"{shown} {noun}"
    return f"{shown} {noun[:-1]}ies" if noun.endswith("y") else f"{shown} {noun}s"


def _rate(report: ImportReport, read: str) -> str:
    """ "in 12.3 s (1,234 files/s)"."""
    seconds = report.elapsed
    if seconds <= 0:
        return ""
    unit = f"{read[:-1]}ies" if read.endswith("y") else f"{read}s"
    return f" in {seconds:,.1f} s ({report.files / seconds:,.0f} {unit}/s)"


def print_import_summary(report: ImportReport, read: str = "file") -> None:
    """Counts per outcome and per format on stdout, then the notes (replaced duplicates);
    read names what the import read ("file", or "study" for fetched studies)."""
    counts = report.counts()
    formats = format_counts(report)
    files = _count(files_read(report), read)
    if is_plain(sys.stdout):
        line = ", ".join(f"{counts.get(status, 0)} {status}" for status in _STATUSES)
        line += f", from {files}"
        by_format = ", ".join(f"{name} {number}" for name, number in formats.items())
        sys.stdout.write(line + (f" ({by_format})" if by_format else "") + "\n")
        if report.not_parsed:
            sys.stdout.write(f"{_not_parsed(report, read)}\n")
        for outcome in report.notes:
            sys.stdout.write(f"{note_line(outcome)}\n")
        if report.notes_left_off:
            sys.stdout.write(f"note: … and {report.notes_left_off:,} more notes\n")
        return
    console = data_console()
    table = Table(title="Import summary", show_header=True, title_justify="left")
    table.add_column("Outcome")
    table.add_column("Trials", justify="right")
    for status in _STATUSES:
        label = f"failed ({read}s)" if status == "failed" and read == "file" else status
        table.add_row(label, f"{counts.get(status, 0):,}")
    for name, number in formats.items():
        table.add_row(Text(f"format {name}", style="dim"), f"{number:,}")
    console.print(table)
    console.print(Text(f"{_count(files_read(report), read, grouped=True)} read"
                       f"{_rate(report, read)}", style="dim"))
    if report.not_parsed:
        console.print(Text(_not_parsed(report, read), style="dim"))
    for outcome in report.notes:
        console.print(Text(note_line(outcome)))
    if report.notes_left_off:
        console.print(Text(f"note: … and {report.notes_left_off:,} more notes"))


def note_line(outcome: FileOutcome) -> str:
    """ "note: PATH (NCT…): what happened", the trial named: a file may hold many."""
    trial = f" ({outcome.trial_id})" if outcome.trial_id else ""
    return f"note: {printable_name(outcome.path)}{trial}: {outcome.note}"


def _not_parsed(report: ImportReport, read: str) -> str:
    what = _count(report.not_parsed, read, grouped=True)
    return f"{what} not parsed: their bytes are those of stored trials (unchanged)"


def report_failures(report: ImportReport) -> None:
    """One line per failed file on stderr: the file and the reason (the report's first ones,
    then how many more)."""
    errors = message_console()
    for outcome in report.failed:
        errors.print(Text(f"{PROG}: {printable_name(outcome.path)}: {outcome.reason}"))
    if report.failures_left_off:
        errors.print(Text(f"{PROG}: … and {report.failures_left_off:,} more failed"))


class _Done(ProgressColumn):
    """Files done, of the total when it is known: "12,345/600,000"."""

    def render(self, task: Task) -> Text:
        total = "?" if task.total is None else f"{int(task.total):,}"
        return Text(f"{int(task.completed):,}/{total}", style="progress.download")


class _Rate(ProgressColumn):
    """Files a second, over rich's recent samples."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} files/s", style="progress.data.speed")


@contextmanager
def import_progress(console: Console | None = None) -> Iterator[ProgressCallback]:
    """A progress bar on stderr while an import runs: files done (of the total when it is
    known), files a second and the time left; yields the callback to give the import."""
    columns = (TextColumn("Importing"), BarColumn(), _Done(), _Rate(),
               TimeRemainingColumn(compact=True, elapsed_when_finished=True),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console or message_console(), transient=True,
                  speed_estimate_period=10) as progress:
        task = progress.add_task("", total=None)
        shown = [0.0]

        def advance(done: int, total: int, label: str) -> None:
            now = time.monotonic()  # redrawn 20 times a second at most: a registry import
            if now - shown[0] >= REDRAW or done == total:  # calls this 600,000 times
                shown[0] = now
                progress.update(task, completed=done, total=total or None,
                                description=PurePosixPath(label).name)

        yield advance
