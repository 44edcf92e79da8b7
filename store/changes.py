"""What changed: the trials new or changed since a time, and a trial's versions oldest first,
each with its changes from the one before (store.diff).

    changes_since(store, "2026-12-01", "status:recruiting")   # [TrialChange]
    iter_changes_since(store, "2026-12-01")                    # the same, one at a time
    versions_of(store, "NCT02249676")                          # [VersionChanges]

A trial is "new" when its first version was imported at or after the time, "changed" when an
earlier version was imported before it and its current one after; its changes are those
between the version that was current at that time and the current one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .diff import Change, changed_fields, diff_records, summarise
from .engine.documents import time_key
from .segment_format import Version

if TYPE_CHECKING:
    from .trial_store import TrialStore

NEW, CHANGED = "new", "changed"


@dataclass(frozen=True)
class TrialChange:
    """One trial new or changed since a time."""

    id: str
    kind: str  # NEW or CHANGED
    fields: list[str]  # top-level fields that changed (empty for a new trial)
    imported_at: str | None  # of the current version
    last_update: str | None  # the registry's last-update date of the current version
    summary: str  # "status Recruiting → Completed; enrollment 120 → 96"
    changes: list[Change] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "fields": self.fields,
                "imported_at": self.imported_at, "last_update": self.last_update,
                "summary": self.summary}


@dataclass(frozen=True)
class VersionChanges:
    """One version of a trial and what changed from the version before it."""

    number: int  # 1 for the first version
    version: Version
    changes: list[Change]

    def as_json(self) -> dict[str, Any]:
        meta = self.version.meta
        return {"version": self.number, "imported_at": meta.get("imported_at"),
                "last_update": meta.get("last_update"), "source": meta.get("path"),
                "summary": summarise(self.changes) if self.number > 1 else "first version",
                "changes": [change_json(change) for change in self.changes]}


def change_json(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"field": change.field, "kind": change.kind, "old": change.old,
                           "new": change.new}
    if change.item:
        out["item"] = change.item
    if change.detail:
        out["detail"] = change.detail
    return out


def since_key(since: str) -> int:
    """A date or time (YYYY-MM-DD, or ISO 8601: UTC unless it states an offset, which is
    converted) as the index's time key; ValueError for anything else, an impossible date
    ("2026-02-30") or time ("25:00") too."""
    try:
        moment = datetime.fromisoformat(since.strip())
    except ValueError:
        raise ValueError(f"not a date: {since!r} (write YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)"
                         ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return time_key(moment.isoformat(timespec="seconds"))


def changes_since(store: TrialStore, since: str, query: str = "") -> list[TrialChange]:
    """The trials matching query that are new or changed since a time, oldest change first;
    ValueError for a bad time, QueryError for a bad query."""
    return list(iter_changes_since(store, since, query))


def iter_changes_since(store: TrialStore, since: str, query: str = "") -> Iterator[TrialChange]:
    """changes_since, one trial at a time: each read (and its changes worked out) only when
    the one before has been taken. The time and the query are checked here, before the
    first is asked for (ValueError, QueryError)."""
    key = since_key(since)
    found = store.index.imported_since(key, query)
    return (change for trial_id, _imported, first in found
            if (change := _change(store, trial_id, key, first)) is not None)


def _change(store: TrialStore, trial_id: str, key: int, first: int) -> TrialChange | None:
    """What a trial imported since key changed (None when it is no longer stored). A new
    trial's versions are not read: their meta says all."""
    metas = store.history_meta(trial_id)  # newest first
    if not metas:
        return None
    meta = metas[0]
    if first >= key or len(metas) == 1:
        return TrialChange(trial_id, NEW, [], meta.get("imported_at"), meta.get("last_update"),
                           "new")
    versions = store.history(trial_id)
    if not versions:
        return None
    current = versions[0]
    meta = current.meta
    base = next((v for v in versions[1:]
                 if time_key(v.meta.get("imported_at")) < key), versions[-1])
    changes = diff_records(base.record, current.record)
    return TrialChange(trial_id, CHANGED, changed_fields(changes), meta.get("imported_at"),
                       meta.get("last_update"), summarise(changes), changes)


def versions_of(store: TrialStore, trial_id: str) -> list[VersionChanges]:
    """Every version of a trial, oldest first, each with its changes from the one before
    (none for the first); [] for an unknown id."""
    versions = list(reversed(store.history(trial_id)))
    out = []
    for number, version in enumerate(versions, 1):
        changes = [] if number == 1 else diff_records(versions[number - 2].record,
                                                      version.record)
        out.append(VersionChanges(number, version, changes))
    return out
