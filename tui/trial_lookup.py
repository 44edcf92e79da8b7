"""Find the trial an id given on the command line names: its own id, or another id of it (an
old NCT id the registry redirects to it, an organisation's or a secondary id)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from store import TrialStore
from store.search import QueryError

from .errors import CommandError

Record = dict[str, Any]

_NCT = re.compile(r"NCT\d{8}", re.IGNORECASE)
#: At most this many trials named in an error for an id that several trials share.
SHOWN = 5


def find_trial(store: TrialStore, given: str) -> tuple[Record, str | None]:
    """The record of the trial whose id is given, and None; else of the one trial that has it
    among its other ids (the search index's id keys), and a note saying which trial that is
    ("NCT00018993 is an old id of NCT00001379"). CommandError when no trial, or several, have
    it."""
    record = store.get(given) or store.get(given.upper())
    if record is not None:
        return record, None
    query = _id_query(given)
    ids = _other_id_of(store, query) if query else []
    if len(ids) == 1 and (record := store.get(ids[0])) is not None:
        kind = "an old id" if _NCT.fullmatch(given.strip()) else "another id"
        return record, f"{given} is {kind} of {record['id']}"
    if ids:
        total = store.count(query) if len(ids) > SHOWN else len(ids)
        named = ", ".join(ids[:SHOWN]) + (f" and {total - SHOWN} more" if total > SHOWN else "")
        raise CommandError(f"no trial with id {given!r}; {total} trials have it among their "
                           f"other ids: {named}")
    raise CommandError(f"no trial with id {given!r}")


def found_trial(store: TrialStore, given: str, say: Callable[[str], None]) -> Record:
    """find_trial's record; its note, if any, given to say (the command prints it on
    stderr: its output is the trial's)."""
    record, note = find_trial(store, given)
    if note:
        say(note)
    return record


def _id_query(given: str) -> str:
    value = " ".join(given.replace('"', " ").split())
    return f'id:"{value}"' if value else ""


def _other_id_of(store: TrialStore, query: str) -> list[str]:
    """The ids of the trials whose id keys hold the given id (at most SHOWN + 1)."""
    try:
        hits = store.search(query, limit=SHOWN + 1)
    except QueryError:  # an id of no words ("---"): no trial has it
        return []
    return [hit["id"] for hit in hits]
