"""Field differences: each compared field's values per trial, and whether they agree."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]


@dataclass(frozen=True)
class FieldSpec:
    """A compared field: record key (dotted for nested), human label, list order matters."""

    key: str
    label: str
    ordered: bool = True


#: The fields of the compare view (tui/compare_view.py FIELDS), keyed by record key.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "title"),
    FieldSpec("status", "status"),
    FieldSpec("phases", "phases", ordered=False),
    FieldSpec("study_type", "study type"),
    FieldSpec("conditions", "conditions", ordered=False),
    FieldSpec("interventions", "interventions", ordered=False),
    FieldSpec("enrollment", "enrollment"),
    FieldSpec("eligibility.sex", "sex"),
    FieldSpec("eligibility.min_age", "minimum age"),
    FieldSpec("eligibility.max_age", "maximum age"),
    FieldSpec("eligibility.healthy_volunteers", "healthy volunteers"),
    FieldSpec("design.primary_purpose", "primary purpose"),
    FieldSpec("design.allocation", "allocation"),
    FieldSpec("design.intervention_model", "intervention model"),
    FieldSpec("design.masking", "masking"),
    FieldSpec("design.masked", "who is masked", ordered=False),
    FieldSpec("group_count", "arms or groups"),
    FieldSpec("dates.start", "start date"),
    FieldSpec("dates.primary_completion", "primary completion date"),
    FieldSpec("dates.completion", "completion date"),
    FieldSpec("dates.first_posted", "first posted date"),
    FieldSpec("dates.results_first_posted", "results first posted date"),
    FieldSpec("dates.last_update", "last update"),
    FieldSpec("dates.status_verified", "status verified date"),
    FieldSpec("sponsor", "sponsor"),
)


@dataclass
class FieldDiff:
    """One compared field: its record key, label, raw value per trial, and whether the
    values are the same once normalised."""

    field: str
    label: str
    values: list[Any]
    same: bool

    def stated(self) -> bool:
        """True when at least one trial states a value."""
        return any(value not in (None, [], {}) for value in self.values)


def arms_or_groups(record: Record) -> int | None:
    """How many arms or groups a trial has: as the registry states it (group_count), else
    as many as it lists (API v2 states no count)."""
    stated = record.get("group_count")
    if isinstance(stated, int):
        return stated
    return len(record.get("arms") or []) or None


def field_value(record: Record, key: str) -> Any:
    """The value at a dotted record key ("design.masking"), None when absent; group_count
    as arms_or_groups."""
    if key == "group_count":
        return arms_or_groups(record)
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def canonical(value: Any, ordered: bool = True) -> Any:
    """A hashable, comparable form of a value: strings casefolded and whitespace-collapsed,
    dicts by sorted key, lists in order or (ordered=False) as sorted multisets."""
    if isinstance(value, str):
        return " ".join(value.casefold().split())
    if isinstance(value, dict):
        return tuple(sorted((k, canonical(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        items = [canonical(v) for v in value]
        return tuple(items if ordered else sorted(items, key=repr))
    return value


def field_diffs(records: Sequence[Record]) -> list[FieldDiff]:
    """Every compared field of the records, with its values and whether they agree."""
    diffs = []
    for spec in FIELDS:
        values = [copy.deepcopy(field_value(record, spec.key)) for record in records]
        same = len({repr(canonical(v, spec.ordered)) for v in values}) == 1
        diffs.append(FieldDiff(spec.key, spec.label, values, same))
    return diffs
