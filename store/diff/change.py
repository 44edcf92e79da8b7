"""One difference between two versions of a record (Change), and how a value's change is
named (added, removed or changed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["changed", "added", "removed"]


@dataclass(frozen=True)
class Change:
    """One difference between an old and a new version of a trial record.

    field:  the dotted path of the field ("status", "enrollment.count", "locations",
            "eligibility.exclusion"); for a list, the list's path (one Change per item).
    kind:   "added" (the old version does not state it), "removed" (the new one does not),
            or "changed".
    old, new: the values (for a list item, the item; for a criterion, its text); None on the
            side that does not state it. They are the records' own values, not copies.
    detail: a short note on what differs inside a changed item ("status Recruiting →
            Completed, contacts"), which sections of the results differ, or what the
            registry states of a secondary id added or removed ("EudraCT number"); else None.
    item:   for a list item, the words that name it ("Mayo Clinic, Rochester, United States",
            an arm's label, a MeSH term); None for fields and criteria.
    """

    field: str
    kind: Kind
    old: Any
    new: Any
    detail: str | None = None
    item: str | None = None


def stated(value: Any) -> bool:
    """False for what the record uses for "not stated": None, "", [] and {}."""
    return value is not None and value != "" and value != [] and value != {}


def kind_of(old: Any, new: Any) -> Kind:
    """The kind of change between two different values."""
    if not stated(old):
        return "added"
    if not stated(new):
        return "removed"
    return "changed"
