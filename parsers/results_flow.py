"""The participant flow of posted results (``participantFlowModule``).

Milestones come from ``periods[].milestones[]`` ({type, achievements: [{groupId,
numSubjects, comment}]}) and withdrawals from ``periods[].dropWithdraws[]`` ({type, reasons:
[...]}); both keep one count per group, as the registry states them (never summed), and
the comment of the whole milestone or withdrawal reason (``comment``, a paragraph text)
besides each count's own. Not kept (the record has no field for them; they stay in the
source text): ``typeUnitsAnalyzed`` and the per-group ``numUnits`` when the flow counts units
(clinics, eyes) besides participants. A milestone or withdrawal without a type, and a count
without a groupId, are dropped with a warning.
"""

from __future__ import annotations

from typing import Any

from .results_read import Reader, group_id, groups

FLOW_KEYS = frozenset(
    {"preAssignmentDetails", "recruitmentDetails", "typeUnitsAnalyzed", "groups", "periods"}
)
PERIOD_KEYS = frozenset({"title", "milestones", "dropWithdraws"})
STEP_KEYS = frozenset({"type", "comment", "achievements", "reasons"})
MILESTONE_KEYS = STEP_KEYS - {"reasons"}
WITHDRAWAL_KEYS = STEP_KEYS - {"achievements"}
FLOW_STATS_KEYS = frozenset({"groupId", "comment", "numSubjects", "numUnits"})


def participant_flow(reader: Reader, section: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The Flow of the record, or None when the section has no participant flow."""
    module = reader.child(section, "participantFlowModule", path, FLOW_KEYS)
    if module is None:
        return None
    where = f"{path}.participantFlowModule"
    return {
        "recruitment": reader.text(module, "recruitmentDetails", where),
        "pre_assignment": reader.text(module, "preAssignmentDetails", where),
        "groups": groups(reader, module, where),
        "periods": [
            _period(reader, period, period_path)
            for period_path, period in reader.items(module, "periods", where, PERIOD_KEYS)
        ],
    }


def _period(reader: Reader, period: dict[str, Any], where: str) -> dict[str, Any]:
    return {
        "title": reader.line(period, "title", where),
        "milestones": _steps(reader, period, "milestones", "achievements", where, MILESTONE_KEYS),
        "withdrawals": _steps(reader, period, "dropWithdraws", "reasons", where, WITHDRAWAL_KEYS),
    }


def _steps(
    reader: Reader,
    period: dict[str, Any],
    key: str,
    counts_key: str,
    where: str,
    known: frozenset[str],
) -> list[dict[str, Any]]:
    """Milestones or withdrawals: [{type, comment, counts: [{group, count, comment}]}]."""
    out: list[dict[str, Any]] = []
    for step_path, step in reader.items(period, key, where, known):
        step_type = reader.line(step, "type", step_path)
        if step_type is None:
            reader.warn(step_path, "no type, not kept")
            continue
        counts: list[dict[str, Any]] = []
        for count_path, item in reader.items(step, counts_key, step_path, FLOW_STATS_KEYS):
            group = group_id(reader, item, count_path)
            if group is None:
                continue
            counts.append(
                {
                    "group": group,
                    "count": reader.count(item, "numSubjects", count_path),
                    "comment": reader.line(item, "comment", count_path),
                }
            )
        out.append({"type": step_type, "comment": reader.text(step, "comment", step_path),
                    "counts": counts})
    return out
