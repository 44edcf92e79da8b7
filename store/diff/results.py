"""Posted results as one field: "added" when results are posted, "removed" when they are
withdrawn, "changed" naming the sections that differ. Their numbers are not diffed."""

from __future__ import annotations

from typing import Any

from .change import Change, stated

PATH = "results"
#: The sections of record["results"] (docs/record.md), in the record's order, as words.
SECTIONS = {
    "participant_flow": "participant flow",
    "baseline": "baseline",
    "outcome_measures": "outcome measures",
    "adverse_events": "adverse events",
    "limitations": "limitations",
    "point_of_contact": "point of contact",
}


def _name(section: str) -> str:
    return SECTIONS.get(section, section.replace("_", " "))


def _sections(results: dict[str, Any] | None, names: list[str]) -> str:
    """The sections as words; with results, outcome measures with their number ("3 outcome
    measures")."""
    parts = []
    for section in names:
        value = None if results is None else results.get(section)
        if section == "outcome_measures" and isinstance(value, list) and value:
            parts.append(f"{len(value)} outcome measure{'s' if len(value) != 1 else ''}")
        else:
            parts.append(_name(section))
    return ", ".join(parts)


def _order(sections: list[str]) -> list[str]:
    known = [s for s in SECTIONS if s in sections]
    return known + [s for s in sections if s not in SECTIONS]


def _posted(results: Any) -> str | None:
    """The sections a version states, as words."""
    if not isinstance(results, dict):
        return None
    return _sections(results, _order([k for k, v in results.items() if stated(v)])) or None


def diff_results(old: Any, new: Any) -> list[Change]:
    """No Change, or one: added (detail: the sections posted), removed (detail: the sections
    that were posted), or changed (detail: the sections that differ)."""
    if old == new or not (stated(old) or stated(new)):
        return []
    if not stated(old):
        return [Change(PATH, "added", old, new, _posted(new))]
    if not stated(new):
        return [Change(PATH, "removed", old, new, _posted(old))]
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return [Change(PATH, "changed", old, new)]
    differ = _order([k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)])
    return [Change(PATH, "changed", old, new, _sections(None, differ) or None)]
