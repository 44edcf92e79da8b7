"""Compare 2 to 6 trial records: which fields differ, which criteria and outcomes
correspond, where the trials run, their MeSH terms and their headline results.

The comparison has these parts (see docs/compare.md for the algorithms and their tuning):

* field differences: for every compared field (keyed by record key, e.g. "design.masking"),
  the raw values of each trial and whether they are the same once normalised;
* criteria alignment: inclusion criteria paired with inclusion criteria and exclusion with
  exclusion, by fuzzy similarity of their normalised text, in rows with one cell per trial;
* outcome alignment: primary and secondary outcome measures, aligned the same way;
* sites: each trial's countries (with site counts) and recruiting sites;
* MeSH terms shared by all trials, then each trial's own;
* headline results: each trial's first primary outcome measure, values per group;
* a one-paragraph summary.

Modules, one job each: tokens (normalising a criterion's text), similarity (scoring two
criteria), criteria (a criterion's text for matching and reading), assignment (optimal pairs
over a score matrix), alignment (rows of corresponding items across trials), outcomes (the
outcome measures' alignment), fields (field differences), sites, mesh, results (headline
results), summary (the paragraph), comparison (Comparison and compare()).
"""

from __future__ import annotations

from ..compare_limits import MAX_TRIALS, MIN_TRIALS
from .alignment import Kind, Row, align, criterion_key
from .assignment import optimal_pairs
from .comparison import SECTIONS, Comparison, compare, criteria_unknown
from .criteria import Criterion, Item, criterion_text, match_text
from .fields import (
    FIELDS,
    FieldDiff,
    FieldSpec,
    Record,
    arms_or_groups,
    canonical,
    field_diffs,
    field_value,
)
from .mesh import MESH_LISTS, MeshTerms, mesh_terms, term_key, terms_of
from .outcomes import (
    OUTCOME_FILLER,
    OUTCOME_KINDS,
    OUTCOME_THRESHOLD,
    align_outcomes,
    outcome_json,
    outcome_key,
    outcome_text,
    outcomes_of,
)
from .results import (
    Headline,
    HeadlineRow,
    headline,
    headlines,
    measure_headline,
    primary_measures,
)
from .similarity import QUANTITY_PENALTY, THRESHOLD, key_similarity, similarity
from .sites import RECRUITING_STATUSES, Sites, country_of, sites_of
from .summary import short_summary, summarise
from .tokens import STEM_LENGTH, MatchKey, match_key

__all__ = [
    "FIELDS",
    "MAX_TRIALS",
    "MESH_LISTS",
    "MIN_TRIALS",
    "OUTCOME_FILLER",
    "OUTCOME_KINDS",
    "OUTCOME_THRESHOLD",
    "QUANTITY_PENALTY",
    "RECRUITING_STATUSES",
    "SECTIONS",
    "STEM_LENGTH",
    "THRESHOLD",
    "Comparison",
    "Criterion",
    "FieldDiff",
    "FieldSpec",
    "Headline",
    "HeadlineRow",
    "Item",
    "Kind",
    "MatchKey",
    "MeshTerms",
    "Record",
    "Row",
    "Sites",
    "align",
    "align_outcomes",
    "arms_or_groups",
    "canonical",
    "compare",
    "country_of",
    "criteria_unknown",
    "criterion_key",
    "criterion_text",
    "field_diffs",
    "field_value",
    "headline",
    "headlines",
    "key_similarity",
    "match_key",
    "match_text",
    "measure_headline",
    "mesh_terms",
    "optimal_pairs",
    "outcome_json",
    "outcome_key",
    "outcome_text",
    "outcomes_of",
    "primary_measures",
    "short_summary",
    "similarity",
    "sites_of",
    "summarise",
    "term_key",
    "terms_of",
]
