"""The `trials` command's sub-commands: import, list, search and show trials from the store;
compare, export, fetch, sync, saved searches, watched trials and changes (their own modules)."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text

from store import StoreError, TrialStore, default_db_path
from store.new_store import discard_if_empty, first_missing
from store.search import SORTS, QueryError, operators_upper

from . import (
    changes_command,
    compare_command,
    export_command,
    fetch_command,
    saved_command,
    sync_command,
)
from .browse import browse
from .errors import CommandError, UsageError
from .highlight import marker_for
from .import_summary import import_progress, print_import_summary, report_failures
from .json_stream import print_json_array
from .output import data_console, is_plain, message_console, print_json, print_view
from .pages import counted
from .query_args import mark_minus_words, unmark
from .rebuild_progress import RebuildProgress
from .records_stream import print_records
from .show_view import trial_view
from .store_rows import hit_rows, listed_columns, widths
from .trial_lookup import found_trial

PROG = "trials"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help="store file (default: $TRIALS_DB or the user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Browse, search and compare clinical-trial records in a terminal.",
        epilog="With no command, opens the browser on the store "
        "(importing the bundled seed trials when the store is empty).",
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {version()}",
        help="print the installed version and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    cmd = commands.add_parser(
        "import", parents=[common], help="import trial files, folders or globs",
        description="Import trial files: files, folders (recursively), zip archives (such as "
        "ClinicalTrials.gov's ctg-studies.json.zip) and glob patterns, in checkpoints: an "
        "import that is stopped keeps what it committed, and running it again goes on "
        "from there.",
    )
    cmd.add_argument("paths", nargs="+", metavar="PATH")
    cmd.add_argument("--json", action="store_true",
                     help="print the report as JSON: counts, formats, outcomes, failures")

    cmd = commands.add_parser("list", parents=[common], help="table of all trials")
    cmd.add_argument("--json", action="store_true", help="print the records as a JSON array")

    cmd = commands.add_parser(
        "search", parents=[common], help="ranked results of a query",
        description="Trials matching a query, best first. Words must all match (any field, "
        'case, accents and plurals folded); "phrases", OR, -word / NOT word, prefix*, and '
        "fields: condition: intervention: sponsor: id: phase: status: type: sex: age:N "
        "enrollment:>N year:>=YYYY country: city: site: mesh: outcome: pmid: results:yes|no "
        "allocation: masking: purpose: "
        'near:"City, Country"~KM; phase:"not stated" (and the other enum fields, country:) '
        "finds the trials stating no value.",
    )
    cmd.add_argument("words", nargs="+", metavar="QUERY")
    cmd.add_argument("--limit", type=int, default=None, help="at most N results (default all)")
    cmd.add_argument("--sort", choices=[*SORTS, *(f"-{c}" for c in SORTS)], default=None,
                     help="order by a column instead of relevance (prefix - for descending)")
    cmd.add_argument("--json", action="store_true", help="print records with their score")

    cmd = commands.add_parser("show", parents=[common], help="one trial, all sections")
    cmd.add_argument("trial_id", metavar="ID")
    group = cmd.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print the record as JSON")
    group.add_argument("--source", action="store_true", help="print the original page text")

    compare_command.add_parser(commands, common)
    export_command.add_parser(commands, common)
    fetch_command.add_parser(commands, common)
    sync_command.add_parser(commands, common)
    saved_command.add_parsers(commands, common)
    changes_command.add_parsers(commands, common)
    return parser


def version() -> str:
    """The installed distribution's version ("unknown" when run from an uninstalled tree)."""
    try:
        return importlib.metadata.version(PROG)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


#: The exit status when the reader of stdout went away (`trials list | head`): the shell's
#: for a command ended by SIGPIPE (128 + 13), as `seq` or `cat` report in the same pipeline;
#: not 1, which says that some input failed.
CLOSED_PIPE = 128 + 13


def run(words: Sequence[str]) -> int:
    """Run the command line's words; returns the exit status."""
    parser = build_parser()
    args = unmark(parser.parse_args(mark_minus_words(words, parser)))
    db_path = Path(getattr(args, "db", None) or default_db_path())
    if args.command is None:
        return browse(db_path)
    created = first_missing(db_path.expanduser()) if args.command in CREATE_STORE else None
    status = _run_command(args, db_path)
    if created is not None and status != 0:
        discard_if_empty(db_path.expanduser(), created)  # made and left empty: taken back
    return status


def _run_command(args: argparse.Namespace, db_path: Path) -> int:
    """Run a sub-command on the store; returns the exit status."""
    try:
        if args.command not in CREATE_STORE and not db_path.expanduser().exists():
            raise CommandError(f"no store at {db_path}: `trials import PATH…` or "
                               "`trials fetch QUERY` creates it")
        with RebuildProgress(db_path) as rebuilding, TrialStore(
                db_path, on_lock_wait=_say_waiting, on_rebuild=rebuilding) as store:
            status = COMMANDS[args.command](store, args)
        sys.stdout.flush()  # here, so that a closed pipe is handled below, not at exit
        return status
    except (StoreError, CommandError) as error:
        message_console().print(f"{PROG}: {error}")
        return 2 if isinstance(error, UsageError) else 1
    except KeyboardInterrupt:
        message_console().print(f"{PROG}: interrupted")
        return 130
    except BrokenPipeError:  # the reader of stdout went away (`trials list | head`)
        _discard_stdout()
        return CLOSED_PIPE


def _say_waiting(path: Path) -> None:
    """Tell the user why a write does not start: another process holds the store's lock."""
    message_console().print(
        f"{PROG}: waiting for another trials process to finish writing {path}…"
    )


def _discard_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit raises nothing more."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _import(store: TrialStore, args: argparse.Namespace) -> int:
    if is_plain(sys.stderr) or args.json:
        report = store.import_paths(args.paths)
    else:
        with import_progress() as advance:
            report = store.import_paths(args.paths, progress=advance)
    if args.json:
        print_json(report.to_dict())
    else:
        print_import_summary(report)
    report_failures(report)
    return 1 if not report.ok else 0


def _list(store: TrialStore, args: argparse.Namespace) -> int:
    if args.json:
        print_json_array(store)  # every record, in id order, one at a time
        return 0
    ids = store.ids()
    count = print_records(listed_columns(store, ids), least=widths(ids=ids))
    if not count:
        message_console().print(f"{PROG}: the store is empty; add trials with `trials import PATH`")
    elif not is_plain(sys.stdout):
        data_console().print(Text(counted(count, "trial"), style="dim"))
    return 0


def _search(store: TrialStore, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    query = " ".join(args.words)
    try:
        hits = store.search(query, limit=args.limit, sort=args.sort)
    except QueryError as error:
        raise UsageError(f"bad query: {error}") from None
    # The table needs the list columns alone (read from the index); JSON the whole records.
    rows = hit_rows(store, hits, whole=args.json)
    if args.json:
        print_json_array(rows)
    elif hits:
        print_records(rows, extra="Score", mark=marker_for(store, query), least=widths(hits))
    else:
        message_console().print(f"{PROG}: no trial matches {query!r}{_as_prefix(store, query)}")
    _say_operators(store, query, len(hits) if args.limit is None else None)
    if args.limit is not None and len(hits) == args.limit:
        total = store.count(query)
        if total > len(hits):  # the list is cut: say so (on stderr, the data stays clean)
            message_console().print(f"{PROG}: {len(hits):,} of {total:,} matching trials shown "
                                    f"(--limit {args.limit})")
    return 0


def _as_prefix(store: TrialStore, query: str) -> str:
    """For a query that matches nothing: what its last word matches as a prefix, as the
    browser reads it while it is typed ("; as a prefix, amyo* matches 42 trials"), or ""."""
    if query != query.rstrip() or query[-1:] in ('*', '"', ")"):
        return ""  # (a prefix already, or no bare last word)
    try:
        count = store.count(query, prefix_last=True)
    except QueryError:
        return ""
    return f"; as a prefix, {query}* matches {counted(count, 'trial')}" if count else ""


def _say_operators(store: TrialStore, query: str, total: int | None) -> None:
    """When the query has a lower-case or/and/not between words ("ms or nmo": three words to
    match) and with them in capitals it matches more trials than it does (total, counted
    here when None), say so on stderr."""
    upper = operators_upper(query)
    if upper is None:
        return
    try:
        count = store.count(upper)
    except QueryError:
        return  # ("ms or not" may not parse with NOT)
    if count > (store.count(query) if total is None else total):
        message_console().print(f"{PROG}: did you mean {upper!r}? {counted(count, 'trial')} "
                                "(or, and, not in lower case are words to match)")


def _show(store: TrialStore, args: argparse.Namespace) -> int:
    record = found_trial(store, args.trial_id)
    if args.json:
        print_json(record)
    elif args.source:
        text = store.get_source(record["id"]) or ""
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        print_view(trial_view(record))
    return 0


#: The commands that create the store when it does not exist yet (the others say there is
#: none, so that a mistyped --db creates nothing).
CREATE_STORE = frozenset({"import", "fetch", "sync"})

COMMANDS = {
    "import": _import,
    "list": _list,
    "search": _search,
    "show": _show,
    "compare": compare_command.run,
    "export": export_command.run,
    "fetch": fetch_command.run,
    "sync": sync_command.run,
    "saved": saved_command.run_saved,
    "watch": saved_command.run_watch,
    "unwatch": saved_command.run_unwatch,
    "changes": changes_command.run_changes,
    "history": changes_command.run_history,
}
