"""The `trials saved` and `trials watch` / `trials unwatch` sub-commands: saved searches with
what is new or changed in each since it was last looked at, and watched trials (both kept in
the store's folder, store.saved)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rich.table import Table
from rich.text import Text

from store import TrialStore
from store.saved import SavedState, SearchExistsError
from store.saved_status import SearchStatus
from store.search import QueryError

from . import format as fmt
from .changes_text import last_change, one_line
from .errors import CommandError, UsageError
from .output import data_console, is_plain, message_console, print_json
from .trial_lookup import found_trial

PROG = "trials"


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the sub-commands to the command line."""
    cmd = commands.add_parser(
        "saved", parents=[common], help="saved searches: what is new or changed in each",
        description="Saved searches, kept in the store's folder (trials.json.d/saved.json). "
        "For each: how many trials match, and how many are new or changed since you last "
        "looked at its results (`trials saved show NAME`, or opening it in the browser).",
    )
    actions = cmd.add_subparsers(dest="saved_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="save a search under a name",
                             description="Save QUERY under NAME (quote a name with spaces). "
                             "A name that is taken is refused unless --replace is given.")
    add.add_argument("name", metavar="NAME")
    add.add_argument("words", nargs="+", metavar="QUERY")
    add.add_argument("--replace", action="store_true",
                     help="replace the saved search of that name, if any")
    listing = actions.add_parser("list", parents=[common],
                                 help="each saved search: trials, new, changed, last looked")
    listing.add_argument("--json", action="store_true",
                         help='print [{"name", "query", "count", "new", "changed", '
                         '"last_look"}]')
    remove = actions.add_parser("rm", parents=[common], help="forget a saved search")
    remove.add_argument("name", metavar="NAME")
    show = actions.add_parser("show", parents=[common],
                              help="a saved search's trials, new and changed ones marked",
                              description="The trials of a saved search, those new or "
                              "changed since you last looked first; counts as looking at it.")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help="print the search and its trials")

    for name, verb in (("watch", "watch trials"), ("unwatch", "stop watching trials")):
        cmd = commands.add_parser(
            name, parents=[common], help=verb if name == "unwatch" else
            "watch trials; --list: the watched trials and their last change",
            description="Watched trials are kept in the store's folder "
            "(trials.json.d/saved.json). Only trials in the store can be watched.",
        )
        cmd.add_argument("ids", nargs="+" if name == "unwatch" else "*", metavar="ID")
        if name == "watch":
            cmd.add_argument("--list", action="store_true",
                             help="list the watched trials: title, status, last change")
            cmd.add_argument("--json", action="store_true",
                             help="with --list, print them as JSON")


def run_saved(store: TrialStore, args: argparse.Namespace) -> int:
    """`trials saved ACTION`; returns the exit status."""
    state = saved_state(store)
    action = args.saved_action
    if action == "add":
        return _add(store, state, args)
    if action == "list":
        return _list(state, args.json)
    if action == "rm":
        state.remove(args.name)
        _say(f"removed the saved search {args.name!r}")
        return 0
    return _show(store, state, args.name, args.json)


def run_watch(store: TrialStore, args: argparse.Namespace) -> int:
    """`trials watch`; returns the exit status."""
    state = saved_state(store)
    if args.list:
        if args.ids:
            raise UsageError("--list takes no ids")
        return _watch_list(store, state, args.json)
    if not args.ids:
        raise UsageError("name the trials to watch (or --list the watched ones)")
    if args.json:
        raise UsageError("--json goes with --list")
    result = state.watch([_own_id(store, given) for given in args.ids])
    for trial_id in result.done:
        _say(f"watching {trial_id}")
    for trial_id in result.already:
        _say(f"already watching {trial_id}")
    for given in result.unknown:
        _say(f"no trial with id {given!r} in the store: not watched")
    return 1 if result.unknown else 0


def _own_id(store: TrialStore, given: str) -> str:
    """The id of the trial an id given names: itself, or the trial that has it among its
    other ids (said on stderr, as `trials show` does); as given when no single trial has it
    (the store's watch list then refuses it)."""
    if store.get(given.strip()) is not None or store.get(given.strip().upper()) is not None:
        return given
    try:
        return str(found_trial(store, given.strip())["id"])
    except CommandError:
        return given


def run_unwatch(store: TrialStore, args: argparse.Namespace) -> int:
    """`trials unwatch`; returns the exit status."""
    result = saved_state(store).unwatch(args.ids)
    for trial_id in result.done:
        _say(f"no longer watching {trial_id}")
    for given in result.already:
        _say(f"{given!r} is not watched")
    return 1 if result.already else 0


def saved_state(store: TrialStore) -> SavedState:
    """The store's saved state; a damaged file is reported on stderr."""
    return SavedState(store, on_problem=_say)


# --- saved searches ----------------------------------------------------------------------


def _add(store: TrialStore, state: SavedState, args: argparse.Namespace) -> int:
    query = " ".join(args.words)
    try:
        search = state.add(args.name, query, replace=args.replace)
    except SearchExistsError as error:
        raise CommandError(f"{error}: add --replace to replace it") from None
    except QueryError as error:
        raise UsageError(f"bad query: {error}") from None
    except ValueError as error:
        raise UsageError(str(error)) from None
    _say(f"saved {search.name!r}: {search.query} ({_trials(store.count(search.query))})")
    return 0


def _list(state: SavedState, as_json: bool) -> int:
    statuses = state.statuses()
    for status in statuses:
        if status.error:
            _say(f"the saved search {status.name!r} has a bad query: {status.error}")
    failed = 1 if any(status.error for status in statuses) else 0
    if as_json:
        print_json([status.as_json() for status in statuses])
        return failed
    if not statuses:
        _say("no saved searches; add one with `trials saved add NAME QUERY...`")
        return 0
    rows = [_status_cells(status) for status in statuses]
    if is_plain(sys.stdout):
        for cells in rows:
            sys.stdout.write("\t".join(one_line(cell) for cell in cells) + "\n")
        return failed
    table = Table(show_header=False, expand=False, box=None)
    for _ in range(5):
        table.add_column(overflow="fold")
    for cells in rows:
        table.add_row(*(Text(cell) for cell in cells))
    data_console().print(table)
    return failed


def _status_cells(status: SearchStatus) -> list[str]:
    """ "recruiting MS", "status:recruiting condition:ms", "123 trials", "3 new, 5 changed",
    "last looked 2026-12-01" """
    if status.count is None:
        trials, news = "bad query", ""
    else:
        trials, news = _trials(status.count), _news(status.new or 0, status.changed or 0)
    looked = f"last looked {status.last_look[:10]}" if status.last_look else "never looked"
    return [status.name, status.query, trials, news, looked]


def _show(store: TrialStore, state: SavedState, name: str, as_json: bool) -> int:
    search = state.get(name)
    try:
        status = state.status(name)
        changes = {change.id: change for change in state.changes(name)}
        hits = store.search(search.query, limit=None)
    except QueryError as error:
        raise CommandError(f"the saved search {name!r} has a bad query: {error}") from None
    ids = [hit["id"] for hit in hits]
    ids.sort(key=lambda trial_id: trial_id not in changes)  # stable: new, changed first
    trials = []
    for trial_id in ids:
        columns = store.columns(trial_id) or {"id": trial_id, "title": ""}
        change = changes.get(trial_id)
        trials.append((columns, change.kind if change else None,
                       change.summary if change and change.kind != "new" else None))
    state.look(name)
    if as_json:
        print_json({**status.as_json(), "trials": [
            {"id": columns["id"], "title": columns.get("title"),
             "status": columns.get("status"), "change": kind, "summary": summary}
            for columns, kind, summary in trials]})
        return 0
    _print_trials(trials)
    _say(f"{status.name!r}: {_trials(len(ids))}, {_news(status.new or 0, status.changed or 0)} "
         f"since {status.last_look or 'it was saved'}")
    return 0


def _print_trials(trials: list[tuple[dict[str, Any], str | None, str | None]]) -> None:
    rows = [[columns["id"], kind or "", fmt.enum_text(columns.get("status")),
             str(columns.get("title") or ""), summary or ""]
            for columns, kind, summary in trials]
    if is_plain(sys.stdout):
        for cells in rows:
            sys.stdout.write("\t".join(one_line(cell) for cell in cells).rstrip("\t") + "\n")
        return
    table = Table(show_header=True, header_style="bold", expand=False)
    for heading in ("ID", "Change", "Status", "Title", "What changed"):
        table.add_column(heading, overflow="fold", max_width=60 if heading == "Title" else None)
    for cells in rows:
        table.add_row(*(Text(one_line(cell)) for cell in cells))
    data_console().print(table)


# --- watched trials ----------------------------------------------------------------------


def _watch_list(store: TrialStore, state: SavedState, as_json: bool) -> int:
    since = state.watched_since()
    entries: list[dict[str, Any]] = []
    for trial_id, added in since.items():
        columns = store.columns(trial_id) or {}
        entries.append({"id": trial_id, "title": columns.get("title"),
                        "status": columns.get("status"), "watched_since": added,
                        "last_change": last_change(store.history(trial_id))})
    if as_json:
        print_json(entries)
        return 0
    if not entries:
        _say("no watched trials; watch one with `trials watch ID`")
        return 0
    rows = [[entry["id"], fmt.enum_text(entry["status"]) if entry["status"] else "not in store",
             str(entry["title"] or ""), _last_change_text(entry["last_change"])]
            for entry in entries]
    if is_plain(sys.stdout):
        for cells in rows:
            sys.stdout.write("\t".join(one_line(cell) for cell in cells) + "\n")
        return 0
    table = Table(show_header=True, header_style="bold", expand=False)
    for heading in ("ID", "Status", "Title", "Last change"):
        table.add_column(heading, overflow="fold", max_width=60 if heading == "Title" else None)
    for cells in rows:
        table.add_row(*(Text(one_line(cell)) for cell in cells))
    data_console().print(table)
    return 0


def _last_change_text(change: dict[str, Any] | None) -> str:
    """ "2026-12-04: status Recruiting → Completed" """
    if change is None:
        return ""
    when = str(change.get("imported_at") or "")[:10]
    return f"{when}: {change['summary']}" if when else str(change["summary"])


def _trials(count: int) -> str:
    """ "1 trial", "12,345 trials"."""
    return f"{count:,} trial{'s' if count != 1 else ''}"


def _news(new: int, changed: int) -> str:
    """ "3 new, 1,205 changed"."""
    return f"{new:,} new, {changed:,} changed"


def _say(message: str) -> None:
    message_console().print(Text(f"{PROG}: {message}"))
