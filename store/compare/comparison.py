"""The comparison of 2 to 6 trials: field differences, aligned criteria and outcomes, sites,
MeSH terms, headline results, and a summary."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from parsers import is_csv_row

from ..compare_limits import MAX_TRIALS, MIN_TRIALS
from .alignment import Row, align
from .criteria import notes_of, without_notes
from .fields import FieldDiff, Record, field_diffs
from .mesh import MeshTerms, mesh_terms
from .outcomes import OUTCOME_KINDS, align_outcomes, outcome_json
from .results import Headline, headlines
from .sites import Sites, sites_of
from .summary import summarise

SECTIONS = ("inclusion", "exclusion")


@dataclass
class Comparison:
    """The comparison of 2 to 6 trials."""

    trials: list[str]
    fields: list[FieldDiff]
    summary: str
    criteria: dict[str, list[Row]]
    #: Each section's notes, per trial ("Other protocol-defined inclusion criteria may
    #: apply"): not aligned as criteria.
    notes: dict[str, list[list[str]]] = field(default_factory=dict)
    outcomes: dict[str, list[Row]] = field(default_factory=dict)
    sites: list[Sites] = field(default_factory=list)
    mesh: MeshTerms = field(default_factory=lambda: MeshTerms([], []))
    results: list[Headline] = field(default_factory=list)

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
            "criteria_notes": {
                section: [list(notes) for notes in per_trial]
                for section, per_trial in self.notes.items()
            },
            "outcomes": {
                kind: [row.to_json(outcome_json) for row in rows]
                for kind, rows in self.outcomes.items()
            },
            "sites": [sites.to_json() for sites in self.sites],
            "mesh": self.mesh.to_json(),
            "results": [result.to_json() for result in self.results],
        }


def compare(records: Sequence[Record]) -> Comparison:
    """Compare 2 to 6 trial records (ValueError otherwise)."""
    if not MIN_TRIALS <= len(records) <= MAX_TRIALS:
        raise ValueError(f"compare takes {MIN_TRIALS} to {MAX_TRIALS} trials, not {len(records)}")
    fields = field_diffs(records)
    sections = {section: [(r.get("eligibility") or {}).get(section) or [] for r in records]
                for section in SECTIONS}
    criteria = {section: align([without_notes(tree) for tree in trees])
                for section, trees in sections.items()}
    outcomes = {kind: align_outcomes(records, kind) for kind in OUTCOME_KINDS}
    results = headlines(records)
    return Comparison(
        trials=[r["id"] for r in records],
        fields=fields,
        summary=summarise(fields, criteria, outcomes, results,
                          sum(criteria_unknown(record) for record in records)),
        criteria=criteria,
        notes={section: [notes_of(tree) for tree in trees] for section, trees in sections.items()},
        outcomes=outcomes,
        sites=[sites_of(record) for record in records],
        mesh=mesh_terms(records),
        results=results,
    )


def criteria_unknown(record: dict[str, Any]) -> bool:
    """A row of the site's CSV download, which never carries the criteria."""
    eligibility = record.get("eligibility") or {}
    return is_csv_row(record) and not (eligibility.get("inclusion")
                                       or eligibility.get("exclusion"))
