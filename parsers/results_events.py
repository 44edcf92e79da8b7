"""Adverse events of posted results (``adverseEventsModule``).

Each event group keeps the registry's own totals (deaths, serious, other: affected and at
risk); each event keeps one count per group, never summed, and its ``notes`` (a paragraph
text). Not kept (no field in the record; it stays in the source text):
``allCauseMortalityComment``. An event without a term, and a group without an id, are
dropped with a warning.
"""

from __future__ import annotations

from typing import Any

from .results_read import GROUP_KEYS, Reader, group_id

TOTALS = ("deaths", "serious", "other")
EVENTS_KEYS = frozenset(
    {
        "frequencyThreshold",
        "timeFrame",
        "description",
        "allCauseMortalityComment",
        "eventGroups",
        "seriousEvents",
        "otherEvents",
    }
)
EVENT_GROUP_KEYS = GROUP_KEYS | {
    f"{total}{part}" for total in TOTALS for part in ("NumAffected", "NumAtRisk")
}
EVENT_KEYS = frozenset(
    {"term", "organSystem", "sourceVocabulary", "assessmentType", "notes", "stats"}
)
EVENT_STATS_KEYS = frozenset({"groupId", "numEvents", "numAffected", "numAtRisk"})
ASSESSMENTS = {
    "systematic assessment": "SYSTEMATIC_ASSESSMENT",
    "non systematic assessment": "NON_SYSTEMATIC_ASSESSMENT",
}


def adverse_events(reader: Reader, section: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The AdverseEvents of the record, or None when the section has none."""
    module = reader.child(section, "adverseEventsModule", path, EVENTS_KEYS)
    if module is None:
        return None
    where = f"{path}.adverseEventsModule"
    return {
        "time_frame": reader.line(module, "timeFrame", where),
        "description": reader.text(module, "description", where),
        "frequency_threshold": reader.number(module, "frequencyThreshold", where),
        "groups": _groups(reader, module, where),
        "serious": _events(reader, module, "seriousEvents", where),
        "other": _events(reader, module, "otherEvents", where),
    }


def _groups(reader: Reader, module: dict[str, Any], path: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for where, item in reader.items(module, "eventGroups", path, EVENT_GROUP_KEYS):
        event_group = reader.line(item, "id", where)
        if event_group is None:
            reader.warn(where, "a group without an id, not kept")
            continue
        group: dict[str, Any] = {
            "id": event_group,
            "title": reader.line(item, "title", where),
            "description": reader.text(item, "description", where),
        }
        for total in TOTALS:
            group[total] = {
                "affected": reader.count(item, f"{total}NumAffected", where),
                "at_risk": reader.count(item, f"{total}NumAtRisk", where),
            }
        out.append(group)
    return out


def _events(reader: Reader, module: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for where, item in reader.items(module, key, path, EVENT_KEYS):
        term = reader.line(item, "term", where)
        counts: list[dict[str, Any]] = []
        for stats_path, stats in reader.items(item, "stats", where, EVENT_STATS_KEYS):
            group = group_id(reader, stats, stats_path)
            if group is None:
                continue
            counts.append(
                {
                    "group": group,
                    "affected": reader.count(stats, "numAffected", stats_path),
                    "events": reader.count(stats, "numEvents", stats_path),
                    "at_risk": reader.count(stats, "numAtRisk", stats_path),
                }
            )
        if term is None:
            if not counts:
                reader.warn(where, "an event without a term or counts, not kept")
                continue
            reader.warn(where, "an event without a term, kept unnamed")
        out.append(
            {
                "term": term or "",
                "organ_system": reader.line(item, "organSystem", where),
                "vocabulary": reader.line(item, "sourceVocabulary", where),
                "assessment": reader.enum(item, "assessmentType", where, ASSESSMENTS),
                "notes": reader.text(item, "notes", where),
                "counts": counts,
            }
        )
    return out
