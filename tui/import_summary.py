"""The summary an import prints: trials per outcome and per format, notes and failures."""

from __future__ import annotations

import sys

from rich.table import Table
from rich.text import Text

from store import ImportReport

from .output import data_console, is_plain, message_console

PROG = "trials"
_STATUSES = ("imported", "updated", "unchanged", "failed")


def format_counts(report: ImportReport) -> dict[str, int]:
    """Trials per format among those that did not fail, by format name."""
    formats: dict[str, int] = {}
    for outcome in report.outcomes:
        if outcome.status != "failed" and outcome.format:
            formats[outcome.format] = formats.get(outcome.format, 0) + 1
    return dict(sorted(formats.items()))


def files_read(report: ImportReport) -> int:
    """How many files (or archive members, or fetched studies) the import read."""
    return len({outcome.path for outcome in report.outcomes})


def _count(number: int, noun: str) -> str:
    """ "1 file", "3 files", "2 studies"."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {noun[:-1]}ies" if noun.endswith("y") else f"{number} {noun}s"


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
        for outcome in report.outcomes:
            if outcome.note:
                sys.stdout.write(f"note: {outcome.path}: {outcome.note}\n")
        return
    console = data_console()
    table = Table(
        title="Import summary", caption=f"{files} read",
        show_header=True, title_justify="left", caption_justify="left",
    )
    table.add_column("Outcome")
    table.add_column("Trials", justify="right")
    for status in _STATUSES:
        label = f"failed ({read}s)" if status == "failed" and read == "file" else status
        table.add_row(label, str(counts.get(status, 0)))
    for name, number in formats.items():
        table.add_row(Text(f"format {name}", style="dim"), str(number))
    console.print(table)
    for outcome in report.outcomes:
        if outcome.note:
            console.print(Text(f"note: {outcome.path}: {outcome.note}"))


def report_failures(report: ImportReport) -> None:
    """One line per failed file on stderr: the file and the reason."""
    errors = message_console()
    for outcome in report.failed:
        errors.print(Text(f"{PROG}: {outcome.path}: {outcome.reason}"))
