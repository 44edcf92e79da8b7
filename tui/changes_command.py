"""The `trials changes` and `trials history` sub-commands: the trials new or changed since a
time (by default the previous sync), and one trial's versions with what each changed."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterable

from rich.text import Text

from store import TrialStore
from store.changes import NEW, TrialChange, iter_changes_since, versions_of
from store.search import QueryError

from .changes_text import timeline, trial_change_line
from .errors import CommandError, UsageError
from .json_stream import print_json_array
from .output import data_console, message_console, print_json
from .store_rows import batches
from .trial_lookup import found_trial

PROG = "trials"
NO_SYNC = "no sync yet: give --since DATE"
#: Changes written (and new trials' titles read) together.
BATCH = 100


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the sub-commands to the command line."""
    cmd = commands.add_parser(
        "changes", parents=[common], help="trials new or changed since a date",
        description="The trials (matching QUERY, if given) that are new or changed since a "
        "date, or by default since the previous sync, oldest change first: one line per "
        "trial, 'NCT… changed  status Recruiting → Completed; enrollment 120 → 96' or "
        "'NCT… new  TITLE'.",
    )
    cmd.add_argument("words", nargs="*", metavar="QUERY")
    cmd.add_argument("--since", metavar="DATE", default=None,
                     help="YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC); default: the previous sync")
    cmd.add_argument("--json", action="store_true",
                     help='print [{"id", "kind", "fields", "imported_at", "last_update", '
                     '"summary"}]')

    cmd = commands.add_parser(
        "history", parents=[common], help="one trial's versions and what each changed",
        description="Every stored version of a trial, oldest first: when it was imported, the "
        "registry's last-update date, where it came from, and what it changed, one change "
        "per line.",
    )
    cmd.add_argument("trial_id", metavar="ID")
    cmd.add_argument("--json", action="store_true",
                     help='print [{"version", "imported_at", "last_update", "source", '
                     '"summary", "changes": [{"field", "kind", "old", "new", ...}]}]')


def run_changes(store: TrialStore, args: argparse.Namespace) -> int:
    """`trials changes`; returns the exit status."""
    since = args.since if args.since is not None else _last_sync(store)
    if since is None:
        raise UsageError(NO_SYNC)
    query = " ".join(args.words).strip()
    try:
        changes = iter_changes_since(store, since, query)
    except QueryError as error:
        raise UsageError(f"bad query: {error}") from None
    except ValueError as error:
        raise UsageError(f"--since: {error}") from None
    if args.json:
        print_json_array(change.as_json() for change in changes)
        return 0
    if not print_change_lines(store, changes):
        matching = f" matching {query!r}" if query else ""
        message_console().print(Text(f"{PROG}: no trial{matching} is new or changed since "
                                     f"{since}"))
        return 0
    if args.since is None:
        message_console().print(Text(f"{PROG}: changes since the previous sync, {since}"))
    return 0


def print_change_lines(store: TrialStore, changes: Iterable[TrialChange]) -> int:
    """A line per change, written BATCH at a time as they are found (a new trial's title read
    from the index with its batch); returns how many."""
    console = data_console()
    count = 0
    for batch in batches(changes, BATCH):
        new = [change.id for change in batch if change.kind == NEW]
        titles = {trial_id: (columns or {}).get("title")
                  for trial_id, columns in zip(new, store.columns_many(new), strict=True)}
        console.print(Text("\n".join(trial_change_line(change, titles.get(change.id))
                                     for change in batch)))
        count += len(batch)
    return count


def run_history(store: TrialStore, args: argparse.Namespace) -> int:
    """`trials history`; returns the exit status."""
    trial_id = args.trial_id.strip()
    versions = versions_of(store, trial_id) or versions_of(store, trial_id.upper())
    if not versions:  # another id of a trial (an old NCT id, a sponsor's), as `show` takes
        versions = versions_of(store, found_trial(store, trial_id)["id"])
    if not versions:
        raise CommandError(f"no trial with id {args.trial_id!r}")
    if args.json:
        print_json([version.as_json() for version in versions])
        return 0
    console = data_console()
    for line in timeline(versions[0].version.id, versions):
        console.print(Text(line))
    return 0


def _last_sync(store: TrialStore) -> str | None:
    """When the previous sync ran (store.sync.last_sync), or None: no sync yet, or no
    store.sync in this version."""
    try:
        sync = importlib.import_module("store.sync")
    except ModuleNotFoundError as error:
        if error.name != "store.sync":
            raise
        return None
    last_sync = getattr(sync, "last_sync", None)
    if last_sync is None:
        return None
    when = last_sync(store)
    return when if isinstance(when, str) and when else None
