"""The one-paragraph summary of a comparison: fields that differ, criteria and outcomes
shared, and which trials posted results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .alignment import Row
from .fields import FieldDiff
from .results import Headline


def fields_sentence(fields: Sequence[FieldDiff]) -> str:
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


def _rows_counts(rows: Sequence[Row]) -> str:
    kinds = Counter(row.kind for row in rows)
    return (f"{kinds['same']} shared, {kinds['similar']} similar, "
            f"{kinds['unique']} unique to one trial")


def _criteria_sentence(criteria: dict[str, list[Row]], unknown: int = 0, trials: int = 0) -> str:
    """ "Criteria: 3 shared, 2 similar, 9 unique to one trial." (unknown: how many of the
    trials come from the site's CSV download, which does not carry them)."""
    rows = [row for section in criteria.values() for row in section]
    if not rows:
        if unknown and unknown == trials:
            return "Criteria: not in the site's CSV download."
        if unknown:
            return f"Criteria: none stated ({unknown} not in the site's CSV download)."
        return "Criteria: none stated."
    return f"Criteria: {_rows_counts(rows)}."


def _outcomes_sentence(outcomes: dict[str, list[Row]]) -> str:
    """ "Primary outcomes: 1 shared, 0 similar, 1 unique to one trial. Secondary …" (only
    the kinds some trial states)."""
    return " ".join(f"{kind.capitalize()} outcomes: {_rows_counts(rows)}."
                    for kind, rows in outcomes.items() if rows)


def _results_sentence(results: Sequence[Headline], trials: int) -> str:
    """ "Results posted by 1 of 2 trials." (nothing when no trial has posted results)."""
    posted = sum(result.status != "none" for result in results)
    return f"Results posted by {posted} of {trials} trials." if posted else ""


def summarise(
    fields: Sequence[FieldDiff],
    criteria: dict[str, list[Row]],
    outcomes: dict[str, list[Row]] | None = None,
    results: Sequence[Headline] = (),
    criteria_unknown: int = 0,
) -> str:
    """The one-paragraph summary of a comparison (criteria_unknown: how many trials are rows
    of the site's CSV download, without criteria)."""
    sentences = [
        fields_sentence(fields),
        _criteria_sentence(criteria, criteria_unknown, len(results)),
        _outcomes_sentence(outcomes or {}),
        _results_sentence(results, len(results)),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def short_summary(fields: Sequence[FieldDiff], summary: str) -> str:
    """The summary with its fields sentence as counts ("21 fields differ (≠ in the table), 4
    the same."), for a short screen; the summary itself when it does not start with that
    sentence."""
    first = fields_sentence(fields)
    if not summary.startswith(first):
        return summary
    differ = sum(not f.same for f in fields)
    same = sum(f.same and f.stated() for f in fields)
    counts = (f"{differ} {'field differs' if differ == 1 else 'fields differ'} (≠ in the "
              f"table), {same} the same.")
    return f"{counts} {summary[len(first):].lstrip()}".rstrip()
