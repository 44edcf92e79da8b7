"""The one-paragraph summary of a comparison: fields that differ, criteria shared."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .alignment import Row
from .fields import FieldDiff


def _fields_sentence(fields: Sequence[FieldDiff]) -> str:
    """ "Differs in: phases, masking; same: sex; not stated in any: groups." """
    differ = [f.label for f in fields if not f.same]
    same = [f.label for f in fields if f.same and f.stated()]
    unstated = [f.label for f in fields if not f.stated()]
    parts = [
        f"{name}: {', '.join(labels)}"
        for name, labels in (
            ("differs in", differ),
            ("same", same),
            ("not stated in any", unstated),
        )
        if labels
    ]
    if not parts:
        return "No fields compared."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _criteria_sentence(criteria: dict[str, list[Row]]) -> str:
    """ "Criteria: 3 shared, 2 similar, 9 unique to one trial." """
    kinds = Counter(row.kind for rows in criteria.values() for row in rows)
    if not kinds:
        return "Criteria: none stated."
    return (
        f"Criteria: {kinds['same']} shared, {kinds['similar']} similar, "
        f"{kinds['unique']} unique to one trial."
    )


def summarise(fields: Sequence[FieldDiff], criteria: dict[str, list[Row]]) -> str:
    """The one-paragraph summary of a comparison."""
    return f"{_fields_sentence(fields)} {_criteria_sentence(criteria)}"
