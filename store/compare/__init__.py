"""Compare 2 to 6 trial records: which fields differ, and which criteria correspond.

The comparison has three parts (see docs/compare.md for the algorithm and its tuning):

* field differences: for every compared field (keyed by record key, e.g. "design.masking"),
  the raw values of each trial and whether they are the same once normalised;
* criteria alignment: inclusion criteria paired with inclusion criteria and exclusion with
  exclusion, by fuzzy similarity of their normalised text, in rows with one cell per trial;
* a one-paragraph summary of both.

Modules, one job each: tokens (normalising a criterion's text), similarity (scoring two
criteria), criteria (a criterion's text for matching and reading), assignment (optimal pairs
over a score matrix), alignment (rows of corresponding criteria across trials), fields
(field differences), summary (the paragraph), comparison (Comparison and compare()).
"""

from __future__ import annotations

from .alignment import Kind, Row, align
from .assignment import optimal_pairs
from .comparison import MAX_TRIALS, MIN_TRIALS, SECTIONS, Comparison, compare
from .criteria import Criterion, Item, criterion_text, match_text
from .fields import FIELDS, FieldDiff, FieldSpec, Record, canonical, field_diffs, field_value
from .similarity import QUANTITY_PENALTY, THRESHOLD, key_similarity, similarity
from .summary import summarise
from .tokens import STEM_LENGTH, MatchKey, match_key

__all__ = [
    "FIELDS",
    "MAX_TRIALS",
    "MIN_TRIALS",
    "QUANTITY_PENALTY",
    "SECTIONS",
    "STEM_LENGTH",
    "THRESHOLD",
    "Comparison",
    "Criterion",
    "FieldDiff",
    "FieldSpec",
    "Item",
    "Kind",
    "MatchKey",
    "Record",
    "Row",
    "align",
    "canonical",
    "compare",
    "criterion_text",
    "field_diffs",
    "field_value",
    "key_similarity",
    "match_key",
    "match_text",
    "optimal_pairs",
    "similarity",
    "summarise",
]
