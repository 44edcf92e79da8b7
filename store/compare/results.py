"""Headline results of a trial, for side-by-side reading: its first primary outcome measure
with the value of each group (never summed across groups) and a p-value when an analysis of
that measure states one."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .fields import Record

#: posted: a primary outcome measure is shown; none: the record has no posted results;
#: not_in_record: the registry says results are posted but the record does not hold them
#: (a CSV export says "YES" only); no_primary: results without a primary outcome measure.
Status = Literal["posted", "none", "not_in_record", "no_primary"]
MEASURE_KEYS = ("title", "unit", "param_type", "dispersion_type", "time_frame",
                "reporting_status", "anticipated_posting_date")
ANALYSIS_KEYS = ("groups", "method", "p_value", "p_value_text", "param_type", "param_value",
                 "param_value_text", "ci_percent", "ci_lower", "ci_lower_text", "ci_upper",
                 "ci_upper_text")


@dataclass
class HeadlineRow:
    """One class/category of the measure: its label (None when the measure has a single
    unnamed one), one measurement per group (None where a group has none), and the
    participants its class analysed per group when the class states its own count and it
    differs from the measure's (else None)."""

    label: str | None
    values: list[dict[str, Any] | None]
    analysed: list[int | None] | None = None


@dataclass
class Headline:
    """A trial's headline result (see Status); the measure's fields are empty unless posted."""

    status: Status
    measure: dict[str, Any] = field(default_factory=dict)
    groups: list[dict[str, Any]] = field(default_factory=list)
    participants: list[int | None] = field(default_factory=list)
    rows: list[HeadlineRow] = field(default_factory=list)
    analysis: dict[str, Any] | None = None
    other_primary: int = 0

    def to_json(self) -> dict[str, Any]:
        """The headline as JSON-able data (docs/compare.md)."""
        return {
            "status": self.status,
            "measure": copy.deepcopy(self.measure) or None,
            "groups": copy.deepcopy(self.groups),
            "participants": list(self.participants),
            "rows": [{"label": row.label, "values": copy.deepcopy(row.values),
                      "analysed": None if row.analysed is None else list(row.analysed)}
                     for row in self.rows],
            "analysis": copy.deepcopy(self.analysis),
            "other_primary": self.other_primary,
        }


def primary_measures(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The posted results' primary outcome measures, in the source's order."""
    return [measure for measure in results.get("outcome_measures") or []
            if isinstance(measure, dict) and measure.get("type") == "PRIMARY"]


def _groups(measure: dict[str, Any]) -> list[dict[str, Any]]:
    """The measure's groups {id, title}; groups named only by measurements come last."""
    groups = [{"id": g.get("id"), "title": g.get("title")} for g in measure.get("groups") or []]
    known = {g["id"] for g in groups}
    for klass in measure.get("classes") or []:
        for category in klass.get("categories") or []:
            for value in category.get("measurements") or []:
                if value.get("group") not in known:
                    known.add(value.get("group"))
                    groups.append({"id": value.get("group"), "title": None})
    return groups


def _participants(measure: dict[str, Any], ids: list[Any]) -> list[int | None]:
    """Participants analysed per group: the "Participants" denominator (else the first)."""
    counts = analysed_counts(measure.get("denoms"))
    return [counts.get(group_id) for group_id in ids]


def analysed_counts(denoms: Any, *, participants_only: bool = False) -> dict[Any, Any]:
    """group id → participants analysed, from a measure's or a class's denominators: the
    "Participants" one (a denominator naming no units counts participants), else the first
    unless participants_only ({} when there is none)."""
    denoms = [d for d in denoms if isinstance(d, dict)] if isinstance(denoms, list) else []
    chosen = next((d for d in denoms
                   if str(d.get("units") or "participants").casefold() == "participants"),
                  None if participants_only or not denoms else denoms[0])
    return {c.get("group"): c.get("value") for c in (chosen or {}).get("counts") or []
            if isinstance(c, dict)}


def own_analysed(klass: dict[str, Any], outer: dict[Any, Any]) -> dict[Any, Any] | None:
    """The participants a class of a measure (or a measure of the baseline) analysed, per
    group, when it states its own count of participants and that differs from the count
    around it (outer: analysed_counts(..., participants_only=True) of the measure or the
    baseline); None when that count holds for it. A group it states no count for keeps
    outer's. Counts of other units (eyes, lesions) are not compared."""
    counts = analysed_counts(klass.get("denoms"), participants_only=True)
    if not counts or all(outer.get(group) == value for group, value in counts.items()):
        return None
    return {**outer, **counts}


def _label(*titles: Any) -> str | None:
    return " / ".join(str(t) for t in titles if t) or None


def _rows(measure: dict[str, Any], ids: list[Any]) -> list[HeadlineRow]:
    rows = []
    outer = analysed_counts(measure.get("denoms"), participants_only=True)
    for klass in measure.get("classes") or []:
        own = own_analysed(klass, outer)
        analysed = None if own is None else [own.get(group_id) for group_id in ids]
        for category in klass.get("categories") or []:
            by_group = {m.get("group"): m for m in category.get("measurements") or []}
            values = [copy.deepcopy(by_group.get(group_id)) for group_id in ids]
            rows.append(HeadlineRow(_label(klass.get("title"), category.get("title")), values,
                                    analysed))
    return rows


def states_result(analysis: dict[str, Any], keys: tuple[str, ...] = (
        "p_value", "param_value", "ci_lower", "ci_upper")) -> bool:
    """Whether an analysis states a result: a p-value, an estimate or a confidence limit
    (its number, or the text written instead); keys: which of them count."""
    return any(analysis.get(key) is not None or analysis.get(f"{key}_text") for key in keys)


def _analysis(measure: dict[str, Any]) -> dict[str, Any] | None:
    """The first analysis of the measure that states a p-value (its number or its text);
    else the first that states an estimate or a confidence limit (a non-inferiority
    analysis often states no p-value)."""
    analyses = [a for a in measure.get("analyses") or [] if isinstance(a, dict)]
    chosen = next((a for a in analyses if states_result(a, ("p_value",))), None) \
        or next((a for a in analyses if states_result(a)), None)
    if chosen is None:
        return None
    return {key: copy.deepcopy(chosen.get(key)) for key in ANALYSIS_KEYS}


def measure_headline(measure: dict[str, Any], other_primary: int = 0) -> Headline:
    """One outcome measure as a headline: its values per group, the first p-value stated."""
    groups = _groups(measure)
    ids = [group["id"] for group in groups]
    return Headline(
        status="posted",
        measure={key: measure.get(key) for key in MEASURE_KEYS},
        groups=groups,
        participants=_participants(measure, ids),
        rows=_rows(measure, ids),
        analysis=_analysis(measure),
        other_primary=other_primary,
    )


def headline(record: Record) -> Headline:
    """A record's headline result: its first primary outcome measure (status "none" when it
    has no posted results)."""
    results = record.get("results")
    if not isinstance(results, dict):
        return Headline("not_in_record" if record.get("has_results") else "none")
    primaries = primary_measures(results)
    if not primaries:
        return Headline("no_primary")
    return measure_headline(primaries[0], other_primary=len(primaries) - 1)


def headlines(records: Sequence[Record]) -> list[Headline]:
    """The headline result of each record."""
    return [headline(record) for record in records]
