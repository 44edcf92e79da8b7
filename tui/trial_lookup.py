"""Find the trial an id given on the command line names: its own id, or another id of it (an
old NCT id the registry redirects to it, an organisation's or a secondary id)."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text

from store import TrialStore
from store.search import QueryError
from store.search.text import key

from .errors import CommandError
from .output import message_console

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
    ids = _other_id_of(store, query, given) if query else []
    if len(ids) == 1 and (record := store.get(ids[0])) is not None:
        kind = "an old id" if _NCT.fullmatch(given.strip()) else "another id"
        return record, f"{given} is {kind} of {record['id']}"
    if ids:
        total = _count(store, query, given) if len(ids) > SHOWN else len(ids)
        named = ", ".join(ids[:SHOWN]) + (f" and {total - SHOWN:,} more" if total > SHOWN else "")
        raise CommandError(f"no trial with id {given!r}; {total:,} trials have it among their "
                           f"other ids: {named}")
    raise CommandError(f"no trial with id {given!r}")


def found_trial(store: TrialStore, given: str) -> Record:
    """find_trial's record; its note, if any, printed on stderr (the command's output is the
    trial's): "trials: NCT00018993 is an old id of NCT00001379"."""
    record, note = find_trial(store, given)
    if note:
        message_console().print(Text(f"trials: {note}"))
    return record


def _count(store: TrialStore, query: str, given: str) -> int:
    """How many trials have the given id whole among their ids."""
    wanted = key(given)
    hits = store.search(query, limit=store.count(query))
    return sum(1 for hit in hits if _has_id(store.get(hit["id"]), wanted))


def _has_id(record: Record | None, wanted: str) -> bool:
    """Whether the record's NCT id or one of its other ids is wanted (a key())."""
    ids = [record.get("nct_id"), *(record.get("other_ids") or [])] if record else []
    return any(isinstance(other, str) and key(other) == wanted for other in ids)


def _id_query(given: str) -> str:
    value = " ".join(given.replace('"', " ").split())
    return f'id:"{value}"' if value else ""


def _other_id_of(store: TrialStore, query: str, given: str) -> list[str]:
    """The ids of the trials (at most SHOWN + 1 looked at) that have the given id whole
    among their ids (case and spacing aside): the index finds an id's single words too
    ("001" in "ABC 001"), which name no trial."""
    try:
        hits = store.search(query, limit=SHOWN + 1)
    except QueryError:  # an id of no words ("---"): no trial has it
        return []
    wanted = key(given)
    return [hit["id"] for hit in hits if _has_id(store.get(hit["id"]), wanted)]
