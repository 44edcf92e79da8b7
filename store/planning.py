"""What a checkpoint writes: each incoming trial compared with the store and with the trials
before it in the checkpoint, and the report's notes on trials that came twice.

A trial is imported (a new id), updated (its record or text changed: a new version, whose
prev is the current one) or unchanged (the same record apart from where, when and from which
file bytes it was imported, and the same text: nothing is written). Of two trials with one id
the later wins: it is compared with the earlier (not the store), the earlier's outcome says
"replaced by …" and the later's "replaces …" (or "same trial as …" when it is unchanged).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from parsers import is_csv_row

from .report import FAILED, IMPORTED, UNCHANGED, UPDATED, FileOutcome
from .segment_format import Version, record_of, with_source

if TYPE_CHECKING:
    from .checkpoint import Incoming


@dataclass
class Plan:
    """The outcomes of a checkpoint, in the order of its items, and the versions to write."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    versions: dict[str, Version] = field(default_factory=dict)
    #: trial id → the position (in outcomes) of the item whose version is written.
    positions: dict[str, int] = field(default_factory=dict)
    #: trial id → the index document prepared for the version written (when given).
    documents: dict[str, dict[str, list[Any]]] = field(default_factory=dict)


def plan_checkpoint(
    items: Sequence[Incoming], stored: Mapping[str, Version], imported_at: str
) -> Plan:
    """Compare each item with the store's current version (stored, by id) and with the
    items before it; the records to write get source.imported_at."""
    plan = Plan()
    current: dict[str, Version] = dict(stored)
    last_of: dict[str, int] = {}
    for item in items:
        problem = _problem(item)
        if problem is not None:
            plan.outcomes.append(FileOutcome(item.label, FAILED, reason=problem))
            continue
        record, trial_id = item.record, item.record["id"]
        source = _source_of(record)
        known = current.get(trial_id)
        before = None if known is None else record_of(known)
        if before is not None and item.record_json is not None:
            record = whole_record(item)
        if known is None or before is None:
            status = IMPORTED
        elif known.source == item.source and comparable(before) == comparable(record):
            status = UNCHANGED
        else:
            status = UPDATED
        kept = keeps_stored(before, record) if status == UPDATED and before else None
        if kept is not None:
            status = UNCHANGED
        outcome = FileOutcome(item.label, status, trial_id, source.get("format"))
        if kept is not None:
            outcome = outcome.with_note(kept)
        earlier = last_of.get(trial_id)
        if earlier is not None:
            outcome, plan.outcomes[earlier] = note_twice(outcome, plan.outcomes[earlier])
        last_of[trial_id] = len(plan.outcomes)
        plan.outcomes.append(outcome)
        if status == UNCHANGED:
            continue
        written_source = {**source, "imported_at": imported_at}
        written = {**record, "source": written_source}
        previous = stored.get(trial_id)
        version = plan.versions[trial_id] = Version(
            trial_id, written, item.source, version_meta(written, item.file_sha256),
            None if previous is None else previous.location,
            record_json=None if record is not item.record or item.record_json is None
            else with_source(item.record_json, written_source),
        )
        plan.positions[trial_id] = len(plan.outcomes) - 1
        if item.document is not None:
            plan.documents[trial_id] = item.document
        else:
            plan.documents.pop(trial_id, None)
        current[trial_id] = version
    return plan


def keeps_stored(stored: Mapping[str, Any], incoming: Mapping[str, Any]) -> str | None:
    """Why the stored record stays when incoming would replace it, or None: the registry's
    newer version wins (a record whose last update is older than the stored one's never
    replaces it, nor does a registry file (API v2 JSON, classic XML) that states no last update
    when the stored one states it: every current registry version states one, so it is an
    archived version of the registry's older schema; nor a row of the site's CSV download
    that states none (a download without the Last Update Posted column: nothing shows it
    newer, and it carries fewer of the study's fields); a scraped page, which never states
    one, still replaces it), and a partial record (an answer restricted to some fields, a
    CSV row) never replaces a whole one, nor a partial one of the same last update that
    states everything it states."""
    old, new = last_update(stored), last_update(incoming)
    if old and new and _date_order(new) < _date_order(old):
        return (f"kept the stored version: it is newer (last update {old}; this file's "
                f"{new})")
    if old and not new and (_format(incoming) in DATED_FORMATS or is_csv_row(incoming)):
        return (f"kept the stored version: it states its last update ({old}), this file "
                "states none, so it cannot be shown newer")
    if is_partial(incoming) and not is_partial(stored):
        return ("kept the stored version: this record is partial (some of the study's "
                "sections are missing) and the store holds the whole study")
    if is_partial(incoming) and is_partial(stored) and old == new and covers(stored, incoming):
        return ("kept the stored version: both are partial records of the same last update, "
                "and this one states nothing the stored one does not")
    return None


def covers(stored: Any, incoming: Any) -> bool:
    """Whether stored states everything incoming states, alike (however deep; a list item
    of incoming is covered by an item of stored's list; not the records' source or
    warnings): of two
    partial answers of the same version of a study, one restricted to fewer fields is kept
    out, so that importing both again never swaps them; a value stated otherwise (a
    revised title) is a change."""
    if isinstance(incoming, Mapping):
        return isinstance(stored, Mapping) and all(
            covers(stored.get(key), value) for key, value in incoming.items()
            if key not in ("source", "warnings") and value not in (None, "", [], {}))
    if isinstance(incoming, list):
        if not isinstance(stored, list):
            return False
        alike = {_key(item) for item in stored}
        return all(_key(item) in alike or any(covers(kept, item) for kept in stored)
                   for item in incoming)
    return incoming in (None, "") or stored == incoming


def _key(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


#: The formats whose every current version states the registry's last update.
DATED_FORMATS = frozenset({"ctgov-json", "ctgov-xml"})


def _format(record: Mapping[str, Any]) -> str | None:
    source = record.get("source")
    fmt = source.get("format") if isinstance(source, dict) else None
    return fmt if isinstance(fmt, str) else None


def last_update(record: Mapping[str, Any]) -> str | None:
    dates = record.get("dates")
    last = dates.get("last_update") if isinstance(dates, dict) else None
    date = last.get("date") if isinstance(last, dict) else None
    return date if isinstance(date, str) and date else None


def is_partial(record: Mapping[str, Any]) -> bool:
    source = record.get("source")
    return isinstance(source, dict) and source.get("partial") is True


def _date_order(date: str) -> tuple[int, ...]:
    """A registry date (YYYY, YYYY-MM or YYYY-MM-DD) as numbers; a missing part counts as 0."""
    parts = [int(part) if part.isdigit() else 0 for part in date.split("-")[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def note_twice(later: FileOutcome, earlier: FileOutcome) -> tuple[FileOutcome, FileOutcome]:
    """The outcomes of two trials with one id, noted: the later wins."""
    if later.status == UNCHANGED:
        return later.with_note(f"same trial as {earlier.path}"), earlier
    return (later.with_note(f"replaces {earlier.path} (same id {later.trial_id})"),
            earlier.with_note(f"replaced by {later.path}"))


class ImportOutcomes:
    """The outcomes of an import of several checkpoints, in order, with the notes on trials
    that came twice in different checkpoints (Writer.commit notes those within one)."""

    def __init__(self) -> None:
        self.outcomes: list[FileOutcome | None] = []
        self._last_of: dict[str, int] = {}

    def reserve(self) -> int:
        """A place for an outcome to come (its position)."""
        self.outcomes.append(None)
        return len(self.outcomes) - 1

    def put(self, position: int, outcome: FileOutcome) -> None:
        """An outcome that changed nothing (a failure) at its place."""
        self.outcomes[position] = outcome

    def committed(self, positions: Sequence[int], outcomes: Sequence[FileOutcome]) -> None:
        """The outcomes of one checkpoint, at their places (in item order)."""
        seen: dict[str, int] = {}
        for position, outcome in zip(positions, outcomes, strict=True):
            trial_id = outcome.trial_id
            if outcome.status != FAILED and trial_id is not None:
                earlier = self._last_of.get(trial_id)
                if earlier is not None and trial_id not in seen:
                    previous = self.outcomes[earlier]
                    assert previous is not None
                    outcome, self.outcomes[earlier] = note_twice(outcome, previous)
                seen[trial_id] = position
            self.outcomes[position] = outcome
        self._last_of.update(seen)

    def done(self) -> list[FileOutcome]:
        """Every outcome (all places filled)."""
        filled = [outcome for outcome in self.outcomes if outcome is not None]
        if len(filled) != len(self.outcomes):
            raise RuntimeError("an import outcome is missing")
        return filled


def whole_record(item: Incoming) -> dict[str, Any]:
    """The incoming trial's whole record (decoded from its record_json when it has one)."""
    if item.record_json is None:
        return item.record
    record = orjson.loads(with_source(item.record_json, _source_of(item.record)))
    if not isinstance(record, dict):
        raise ValueError("the parse worker's record is not a JSON object")
    return record


def comparable(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without the fields that say where and when it was imported (and the hash
    of the file: in a file of many trials it changes when another trial does)."""
    result = dict(record)
    source = dict(result.get("source") or {})
    for name in ("path", "imported_at", "sha256"):
        source.pop(name, None)
    result["source"] = source
    return result


def _problem(item: Incoming) -> str | None:
    """Why an item cannot be stored, or None."""
    record = item.record
    trial_id = record.get("id") if isinstance(record, dict) else None
    if not isinstance(trial_id, str) or not trial_id:
        return "the parser returned a record without an id"
    if not isinstance(item.source, str):
        return "the parser returned no text"
    return None


def version_meta(record: dict[str, Any], file_sha256: str | None = None) -> dict[str, Any]:
    """What a version says of where it came from, readable without its record; the sha256
    is file_sha256, or else the record's source.sha256."""
    source = _source_of(record)
    if file_sha256 is None:
        file_sha256 = source.get("sha256") if isinstance(source.get("sha256"), str) else ""
    dates = record.get("dates")
    last = dates.get("last_update") if isinstance(dates, dict) else None
    return {
        "sha256": file_sha256,
        "imported_at": source.get("imported_at"),
        "last_update": last.get("date") if isinstance(last, dict) else None,
        "path": source.get("path"),
        "format": source.get("format"),
        "partial": source.get("partial") is True,
    }


def _source_of(record: dict[str, Any]) -> dict[str, Any]:
    """The record's source object ({} when it has none)."""
    source = record.get("source")
    return source if isinstance(source, dict) else {}
