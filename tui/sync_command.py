"""The `trials sync` sub-command: bring the store up to date from the ClinicalTrials.gov API v2
(store.sync), with a progress bar on a terminal and a one-line summary (or a JSON object)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.text import Text

from store import TrialStore
from store.api_pages import API_URL_ENV, DEFAULT_API_URL, FetchError
from store.archives import printable_name
from store.sync import SyncError, SyncProgress, SyncResult, SyncUsageError, sync

from .errors import CommandError, UsageError
from .output import is_plain, message_console, print_json

PROG = "trials"
GO_ON = "`trials sync` goes on from there"


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the sub-command to the command line."""
    cmd = commands.add_parser(
        "sync", parents=[common],
        help="bring the store up to date from ClinicalTrials.gov",
        description="Ask the ClinicalTrials.gov API for the studies updated since the last "
        "sync: those of the store's registry trials (NCT ids) and of the queries `trials "
        "fetch` was given (new studies matching them arrive). The first sync asks for "
        "everything. Each page is imported as it arrives; a sync that stops (an error, "
        "Ctrl-C, a kill) keeps what it imported, and the next `trials sync` goes on from "
        "the page after. HTTP 429 and 5xx answers are asked again (1, 2, 4, 8, 16 s apart, "
        "or after Retry-After).",
        epilog=f"environment: {API_URL_ENV} overrides the API's URL (default {DEFAULT_API_URL})",
    )
    cmd.add_argument(
        "--all", action="store_true", dest="everything",
        help="ask for every study of the registry updated since the last sync (for a store "
        "holding the whole registry; the first one needs --since)",
    )
    cmd.add_argument(
        "--since", metavar="YYYY-MM-DD", default=None,
        help="ask for the studies updated on or after that day instead of since the last sync",
    )
    cmd.add_argument("--json", action="store_true", help="print the summary as a JSON object")


def run(store: TrialStore, args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit status."""
    messages = message_console()
    try:
        with _progress(show=not is_plain(sys.stderr)) as advance:
            result = sync(store, everything=args.everything, since=args.since,
                          progress=advance)
    except SyncUsageError as error:
        raise UsageError(str(error)) from None
    except SyncError as error:
        _say_dropped(error.result)
        _print_summary(error.result, args.json, str(error))
        _report_failures(error.result)
        kept = error.result.tally.pages
        what = f"kept the {_count(kept, 'page')} imported before it" if kept else \
            "nothing was imported"
        messages.print(Text(f"{PROG}: {error}; {what}: {GO_ON}"))
        return 1
    except FetchError as error:  # the API's URL is not one: nothing was asked
        raise CommandError(str(error)) from None
    except KeyboardInterrupt:
        messages.print(f"{PROG}: interrupted; kept the pages imported: {GO_ON}")
        return 130
    _say_dropped(result)
    _print_summary(result, args.json)
    _report_failures(result)
    if result.tally.pages == 0 and result.mode == "registry":
        messages.print(f"{PROG}: nothing to ask: the store holds no ClinicalTrials.gov trial "
                       "and `trials fetch` was given no query")
    return 0


def summary_line(result: SyncResult) -> str:
    """ "sync: 12 new, 30 changed, 958 unchanged (1,000 studies in 2 pages)"."""
    tally = result.tally
    failed = f", {tally.failed:,} failed" if tally.failed else ""
    resumed = "; resumed" if result.resumed else ""
    return (f"sync: {tally.new:,} new, {tally.changed:,} changed, {tally.unchanged:,} unchanged"
            f"{failed} ({_count(tally.studies, 'study')} in {_count(tally.pages, 'page')}"
            f"{resumed})")


def _print_summary(result: SyncResult, as_json: bool, error: str | None = None) -> None:
    if as_json:
        doc = result.as_json()
        if error is not None:
            doc["error"] = error
        print_json(doc)
    else:
        sys.stdout.write(summary_line(result) + "\n")
        sys.stdout.flush()


def _say_dropped(result: SyncResult) -> None:
    if result.dropped:
        message_console().print(f"{PROG}: an interrupted sync of another kind (or with another "
                                "--since) was not resumed: this one started afresh")


def _report_failures(result: SyncResult) -> None:
    """One line per study that could not be imported, on stderr."""
    errors = message_console()
    for outcome in result.failures:
        errors.print(Text(f"{PROG}: {printable_name(outcome.path)}: {outcome.reason}"))
    more = result.tally.failed - len(result.failures)
    if more > 0:
        errors.print(Text(f"{PROG}: … and {more:,} more failed"))


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number:,} {noun[:-1]}ies" if noun.endswith("y") else f"{number:,} {noun}s"


class _Rate(ProgressColumn):
    """Studies a second since the sync started."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} studies/s", style="progress.data.speed")


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[SyncProgress], None] | None]:
    """A transient progress bar on stderr (pages, studies, rate, what is asked), or None."""
    if not show:
        yield None
        return
    columns = (TextColumn("Syncing"), BarColumn(), TextColumn("{task.fields[pages]}"),
               TextColumn("{task.fields[studies]}"), _Rate(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=message_console(), transient=True) as progress:
        task = progress.add_task("", total=None, pages="0 pages", studies="0 studies")

        def advance(state: SyncProgress) -> None:
            progress.update(task, completed=state.studies, description=state.asking,
                            pages=_count(state.pages, "page"),
                            studies=_count(state.studies, "study"))

        yield advance
