"""The `trials fetch` sub-command: import the studies matching a query from ClinicalTrials.gov."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from store import ImportReport, StoreError, TrialStore
from store.checkpoint import utc_now
from store.fetch import (
    API_URL_ENV,
    DEFAULT_API_URL,
    DEFAULT_MAX,
    FetchError,
    FetchResult,
    fetch_studies,
)
from store.fetch_queries import remember

from .errors import CommandError, UsageError
from .import_summary import print_import_summary, report_failures
from .output import is_plain, message_console, print_json

PROG = "trials"
NOTHING = "nothing was imported"


class _Interrupted(Exception):
    """Ctrl-C while fetching: nothing was imported."""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the sub-command to the command line."""
    cmd = commands.add_parser(
        "fetch", parents=[common],
        help="import the trials matching a query from ClinicalTrials.gov",
        description="Ask the ClinicalTrials.gov API for the studies matching QUERY (its search "
        "syntax, as in the site's 'Other terms' box) and import them in one commit. Every "
        "page is fetched first: when the API cannot be reached or answers with an error, "
        "nothing is imported. A query that matched studies is remembered (with --max) in the "
        "store: `trials sync` asks it again for the new and updated studies.",
        epilog=f"environment: {API_URL_ENV} overrides the API's URL (default {DEFAULT_API_URL})",
    )
    cmd.add_argument("words", nargs="+", metavar="QUERY")
    cmd.add_argument(
        "--max", type=int, default=DEFAULT_MAX, metavar="N",
        help=f"import at most N studies, in the API's order (default {DEFAULT_MAX})",
    )
    cmd.add_argument("--json", action="store_true",
                     help="print the import's report as JSON, as `trials import --json` does")


def run(store: TrialStore, args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit status."""
    if args.max < 1:
        raise UsageError("--max must be at least 1")
    query = " ".join(args.words).strip()
    if not query:
        raise UsageError("the query is empty")
    messages = message_console()
    try:
        with _progress(show=not is_plain(sys.stderr) and not args.json) as progress:
            result = _fetch(query, args.max, progress)
            report = _import(store, result, progress) if result.items else None
    except _Interrupted:
        messages.print(f"{PROG}: interrupted while fetching; {NOTHING}")
        return 130
    if report is None:
        messages.print(Text(f"{PROG}: no study matches {query!r} on ClinicalTrials.gov"))
        return 0
    _print_report(report, args.json)
    _say_how_many(result, query)
    _remember(store, query, args.max)
    return 1 if report.failed else 0


def _remember(store: TrialStore, query: str, most: int) -> None:
    """Save the query for `trials sync`; a failure to is said, and is not the fetch's."""
    try:
        remember(store.path, query, most, utc_now())
    except StoreError as error:
        message_console().print(Text(f"{PROG}: the query is not remembered for `trials sync`: "
                                     f"{error}"))


def _fetch(query: str, most: int, progress: Progress | None) -> FetchResult:
    """Every page of the query; CommandError when one cannot be had, nothing imported."""
    task = None if progress is None else progress.add_task("", total=None, verb="Fetching")

    def advance(done: int, expected: int | None, page: int) -> None:
        if progress is not None and task is not None:
            progress.update(task, completed=done, total=expected, description=f"page {page}")

    try:
        return fetch_studies(query, most, progress=advance)
    except FetchError as error:
        raise CommandError(f"{error}; {NOTHING}") from None
    except KeyboardInterrupt:
        raise _Interrupted from None


def _import(store: TrialStore, result: FetchResult, progress: Progress | None) -> ImportReport:
    if progress is None:
        return store.import_data(result.items)
    task = progress.add_task("", total=len(result.items), verb="Importing")

    def advance(done: int, total: int, label: str) -> None:
        progress.update(task, completed=done, total=total, description=label.rsplit("/", 1)[-1])

    return store.import_data(result.items, progress=advance)


def _say_how_many(result: FetchResult, query: str) -> None:
    """'fetched 100 of 2345 studies matching …' when the query matches more than --max."""
    if result.total is not None and result.total > len(result.items):
        message_console().print(Text(
            f"{PROG}: fetched {len(result.items):,} of the {result.total:,} studies matching "
            f"{query!r} (--max raises the limit)"
        ))


def _print_report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print_json(report.to_dict())  # as `trials import --json`: counts, then the outcomes
    else:
        print_import_summary(report, read="study")
    report_failures(report)


@contextmanager
def _progress(show: bool) -> Iterator[Progress | None]:
    """A transient progress bar on stderr, or None when stderr is not a terminal."""
    if not show:
        yield None
        return
    columns = (TextColumn("{task.fields[verb]}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=message_console(), transient=True) as progress:
        yield progress

