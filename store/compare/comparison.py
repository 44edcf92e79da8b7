"""The comparison of 2 to 6 trials: field differences, aligned criteria, summary."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .alignment import Row, align
from .fields import FieldDiff, Record, field_diffs
from .summary import summarise

MIN_TRIALS = 2
MAX_TRIALS = 6
SECTIONS = ("inclusion", "exclusion")


@dataclass
class Comparison:
    """The comparison of 2 to 6 trials."""

    trials: list[str]
    fields: list[FieldDiff]
    summary: str
    criteria: dict[str, list[Row]]

    def to_json(self) -> dict[str, Any]:
        """The comparison as JSON-able data (see docs/compare.md for the shape)."""
        return {
            "trials": list(self.trials),
            "fields": [
                {
                    "field": f.field,
                    "label": f.label,
                    "values": copy.deepcopy(f.values),
                    "same": f.same,
                }
                for f in self.fields
            ],
            "summary": self.summary,
            "criteria": {
                section: [row.to_json() for row in rows] for section, rows in self.criteria.items()
            },
        }


def compare(records: Sequence[Record]) -> Comparison:
    """Compare 2 to 6 trial records (ValueError otherwise)."""
    if not MIN_TRIALS <= len(records) <= MAX_TRIALS:
        raise ValueError(f"compare takes {MIN_TRIALS} to {MAX_TRIALS} trials, not {len(records)}")
    fields = field_diffs(records)
    criteria = {
        section: align([(r.get("eligibility") or {}).get(section) or [] for r in records])
        for section in SECTIONS
    }
    return Comparison([r["id"] for r in records], fields, summarise(fields, criteria), criteria)
