"""Compare 2 to 6 trial records: which fields differ, and which criteria correspond.

The comparison has three parts (see docs/compare.md for the algorithm and its tuning):

* field differences: for every compared field (keyed by record key, e.g. "design.masking"),
  the raw values of each trial and whether they are the same once normalised;
* criteria alignment: inclusion criteria paired with inclusion criteria and exclusion with
  exclusion, by fuzzy similarity of their normalised text, in rows with one cell per trial;
* a one-paragraph summary of both.

Only top-level criteria are aligned: a criterion's children travel with it in its cell, and
their text takes part in the matching.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any, Literal

from rapidfuzz import fuzz

Record = dict[str, Any]
Criterion = dict[str, Any]
#: What align() accepts for one criterion: a {text, children} node, or a bare string.
Item = Criterion | str
Kind = Literal["same", "similar", "unique"]

MIN_TRIALS = 2
MAX_TRIALS = 6
SECTIONS = ("inclusion", "exclusion")

#: Two criteria of different trials may share a row only when their similarity is at least
#: this (0-100). Tuned on the seeds and the test fixtures: see docs/compare.md.
THRESHOLD = 55.0
#: Share of the word similarity lost when the numbers and comparison signs of two criteria
#: have nothing in common (scaled down by their overlap): "EDSS > 3" vs "EDSS 3.0 - 6.5".
QUANTITY_PENALTY = 0.3
#: Words are cut to this many characters (after dropping a plural "s"), a crude stemmer
#: that joins "pregnant" and "pregnancy", "allergies" and "allergic".
STEM_LENGTH = 7
#: Words folded onto another before stemming ("Aged 16-65" and "65 years old" are ages).
_SYNONYMS = {"aged": "age", "old": "age"}

#: Function words and clinical filler ("disorders", "history", "severe") that say little
#: about what a criterion is about; matching on them paired "Coagulation disorders." with
#: "liver disorders.".
_STOPWORD_TEXT = (
    "a an and any are as at be been by can e eg etc for from g has have i ie in into is "
    "it its may must of on or other patient patients participant participants should "
    "subject subjects such than that the their these this those to was were which who "
    "will with within disorder disorders disease diseases condition conditions history "
    "known severe significant following evidence evidenced between"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_GE = ">="
_LE = "<="
_SIGN_PHRASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "greater than or equal to",
            "more than or equal to",
            "equal to or greater than",
            "equal or greater than",
            "equal or superior to",
            "superior or equal to",
            "equal or more than",
            "at least",
            "no less than",
            "not less than",
            "or more",
            "or older",
            "or greater",
            "or above",
        ),
        _GE,
    ),
    **dict.fromkeys(
        (
            "less than or equal to",
            "equal to or less than",
            "equal or less than",
            "equal or inferior to",
            "inferior or equal to",
            "at most",
            "no more than",
            "not more than",
            "up to",
            "or less",
            "or younger",
            "or fewer",
        ),
        _LE,
    ),
    **dict.fromkeys(
        ("greater than", "more than", "older than", "higher than", "superior to", "exceeding"),
        ">",
    ),
    **dict.fromkeys(("less than", "fewer than", "younger than", "lower than", "inferior to"), "<"),
}
_SIGN_PHRASE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p) for p in sorted(_SIGN_PHRASES, key=len, reverse=True))
    + r")(?!\w)"
)
_SYMBOLS = {
    "≥": f" {_GE} ",
    "⩾": f" {_GE} ",
    "=>": f" {_GE} ",
    "≤": f" {_LE} ",
    "⩽": f" {_LE} ",
    "=<": f" {_LE} ",
}
_SYMBOL_RE = re.compile("|".join(re.escape(s) for s in _SYMBOLS))
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DECIMAL_COMMA_RE = re.compile(r"(?<=\d),(?=\d)")
_RANGE_WORD_RE = re.compile(r"\bbetween\s+(\d+(?:\.\d+)?)\s+and\s+(?=\d)|(\d)\s*\bto\s+(?=\d)")
#: Signs, numbers, words (a word starts with a letter and may hold digits: "hba1c", "t2";
#: "2years" is a number and a word) and dashes (kept as a range sign between numbers).
_TOKEN_RE = re.compile(r">=|<=|[<>=]|\d+(?:\.\d+)?|[^\W\d_][^\W_]*|-")
_SIGNS = frozenset({_GE, _LE, "<", ">", "=", "-"})


# --------------------------------------------------------------------------- normalisation


@dataclass(frozen=True, slots=True)
class MatchKey:
    """What the matcher sees of one criterion's text.

    words: content words, stemmed, sorted and space-joined (order carries no meaning);
    quantities: numbers and comparison signs ("-" for a range) as a multiset, held as a
        frozenset of (token, occurrence) pairs so that set operations do multiset ones;
    text: the normalised text, words and quantities in page order;
    loose: every token, stopwords included (for texts with no content word).
    """

    words: str
    quantities: frozenset[tuple[str, int]]
    text: str
    loose: str


def _range_sub(match: re.Match[str]) -> str:
    return f"{match[1] or match[2]} - "


def _number(token: str) -> str:
    """A number in a canonical spelling: "3.0" and "3" are the same number."""
    return format(float(token), "g")


def _stem(word: str) -> str:
    """Fold a word: synonyms, drop a plural "s", cut to STEM_LENGTH characters."""
    word = _SYNONYMS.get(word, word)
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:STEM_LENGTH]


def _tokens(text: str) -> list[str]:
    """Casefolded tokens: words, numbers and comparison signs (phrases turned into signs)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASHES_RE.sub("-", text)
    text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m[0]], text)
    text = _THOUSANDS_RE.sub("", text)
    text = _DECIMAL_COMMA_RE.sub(".", text)
    text = _RANGE_WORD_RE.sub(_range_sub, text)
    text = _SIGN_PHRASE_RE.sub(lambda m: f" {_SIGN_PHRASES[m[0]]} ", text)
    return _TOKEN_RE.findall(text)


def _is_number(token: str) -> bool:
    return token[0].isdigit()


@lru_cache(maxsize=8192)
def match_key(text: str) -> MatchKey:
    """The normalised form of a text, as compared by similarity()."""
    tokens = _tokens(text)
    words: list[str] = []
    quantities: list[str] = []
    shown: list[str] = []
    for index, token in enumerate(tokens):
        if _is_number(token):
            quantities.append(_number(token))
            shown.append(quantities[-1])
        elif token == "-":
            between = 0 < index < len(tokens) - 1
            if between and _is_number(tokens[index - 1]) and _is_number(tokens[index + 1]):
                quantities.append("-")
                shown.append("-")
        elif token in _SIGNS:
            quantities.append(token)
            shown.append(token)
        elif token not in _STOPWORDS:
            words.append(_stem(token))
            shown.append(words[-1])
    loose = " ".join(token for token in tokens if token != "-")
    occurrences = frozenset(
        (token, k) for token, count in Counter(quantities).items() for k in range(count)
    )
    return MatchKey(" ".join(sorted(words)), occurrences, " ".join(shown), loose)


def normalise(text: str) -> str:
    """The normalised text of a criterion: stemmed content words, numbers and signs."""
    return match_key(text).text


# --------------------------------------------------------------------------- similarity


def _quantity_overlap(a: frozenset[tuple[str, int]], b: frozenset[tuple[str, int]]) -> float:
    """Multiset Jaccard index of two quantity multisets (1.0 when both are empty)."""
    union = len(a | b)
    return 1.0 if union == 0 else len(a & b) / union


def key_similarity(a: MatchKey, b: MatchKey) -> float:
    """Similarity of two normalised criteria, 0-100 (one decimal).

    100 exactly when the normalised texts are identical (same content words in any order,
    same numbers and signs; texts without content words: same tokens); at most 99 otherwise.

    Words: the mean of token_set_ratio (high when one criterion's words contain the
    other's) and token_sort_ratio (which still penalises what the longer one adds); a text
    without content words is compared whole (fuzz.ratio of all its tokens).
    Numbers and signs: when both texts state some and they differ, the score loses up to
    QUANTITY_PENALTY of itself (all of it when they share none).
    """
    if a.words == b.words and a.quantities == b.quantities and (a.words or a.loose == b.loose):
        return 100.0
    if not (a.words and b.words):
        score = fuzz.ratio(a.loose, b.loose)
    else:
        score = (fuzz.token_set_ratio(a.words, b.words) + fuzz.ratio(a.words, b.words)) / 2
    if a.quantities and b.quantities and a.quantities != b.quantities:
        score *= 1 - QUANTITY_PENALTY * (1 - _quantity_overlap(a.quantities, b.quantities))
    return min(round(score, 1), 99.0)


def similarity(a: str, b: str) -> float:
    """Similarity of two criterion texts, 0-100 (see key_similarity)."""
    return key_similarity(match_key(a), match_key(b))


def quantities_differ(a: str, b: str) -> bool:
    """True when two criterion texts state different numbers or comparison signs."""
    return match_key(a).quantities != match_key(b).quantities


# --------------------------------------------------------------------------- criteria text


def _as_node(item: Item) -> Criterion:
    return {"text": item, "children": []} if isinstance(item, str) else item


def _descendant_texts(node: Criterion) -> Iterator[str]:
    for child in node.get("children") or []:
        yield child["text"]
        yield from _descendant_texts(child)


def match_text(item: Item) -> str:
    """The text a criterion is matched on: its own text followed by its children's."""
    node = _as_node(item)
    return " ".join([node["text"], *_descendant_texts(node)])


def criterion_text(item: Item, depth: int = 0) -> str:
    """A criterion as readable text: the children follow on their own lines,
    as "  - child" (two more spaces per level of nesting)."""
    node = _as_node(item)
    lines = [node["text"]]
    for child in node.get("children") or []:
        child_text = criterion_text(child, depth + 1)
        lines.append(f"{'  ' * (depth + 1)}- {child_text}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- alignment


@dataclass
class Row:
    """One aligned row: a cell per trial (the whole criterion, or None), the mean pairwise
    similarity of the filled cells (0 for a unique row) and the kind of the row."""

    cells: list[Item | None]
    score: float
    kind: Kind

    def filled(self) -> int:
        """Number of trials with a criterion in this row."""
        return sum(cell is not None for cell in self.cells)

    def to_json(self) -> dict[str, Any]:
        """{"cells": [text or None per trial], "score": number, "kind": str}."""
        cells = [None if cell is None else criterion_text(cell) for cell in self.cells]
        return {"cells": cells, "score": self.score, "kind": self.kind}


#: (trial a, trial b) with a < b → score matrix [criterion of a][criterion of b]
_Scores = dict[tuple[int, int], list[list[float]]]
#: A group under construction: trial index → criterion index
_Group = dict[int, int]


def _score_matrices(keys: list[list[MatchKey]]) -> _Scores:
    """Similarity of every criterion with every criterion of every other trial."""
    return {
        (a, b): [[key_similarity(x, y) for y in keys[b]] for x in keys[a]]
        for a, b in combinations(range(len(keys)), 2)
    }


def _pair_score(scores: _Scores, a: int, i: int, b: int, j: int) -> float:
    return scores[a, b][i][j] if a < b else scores[b, a][j][i]


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment for n rows <= m columns: the column of each row.

    The O(n²m) shortest augmenting path method with potentials (Kuhn-Munkres).
    """
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0], col0 = row, 0
        min_to = [inf] * (m + 1)
        used = [False] * (m + 1)
        while owner[col0]:
            used[col0] = True
            row0, delta, col1 = owner[col0], inf, 0
            costs, u0 = cost[row0 - 1], u[row0]
            for col in range(1, m + 1):
                if not used[col]:
                    reduced = costs[col - 1] - u0 - v[col]
                    if reduced < min_to[col]:
                        min_to[col], way[col] = reduced, col0
                    if min_to[col] < delta:
                        delta, col1 = min_to[col], col
            for col in range(m + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    min_to[col] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    assignment = [-1] * n
    for col in range(1, m + 1):
        if owner[col]:
            assignment[owner[col] - 1] = col - 1
    return assignment


def optimal_pairs(matrix: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The pairs (row, column) of a score matrix, each row and column used at most once,
    that maximise the summed margin (score - THRESHOLD) of pairs scoring at least THRESHOLD;
    pairs below it are left out. Sorted by row.

    Summing margins rather than scores keeps a strong pair from being traded for two weak
    ones just because two pairs add up to more than one.
    """
    if not matrix or not matrix[0]:
        return []
    transpose = len(matrix) > len(matrix[0])
    weights = [list(col) for col in zip(*matrix, strict=True)] if transpose else matrix
    cost = [[THRESHOLD - s if s >= THRESHOLD else 0.0 for s in row] for row in weights]
    pairs = [
        (j, i) if transpose else (i, j)
        for i, j in enumerate(_hungarian(cost))
        if weights[i][j] >= THRESHOLD
    ]
    return sorted(pairs)


def _mean_link(scores: _Scores, group: _Group, trial: int, index: int) -> float:
    """Mean similarity of a criterion with the members of a group."""
    total = sum(_pair_score(scores, trial, index, t, i) for t, i in group.items())
    return total / len(group)


def _attach_best(scores: _Scores, group: _Group, free: list[set[int]]) -> None:
    """Grow a group: repeatedly add the free criterion of a trial not yet in the group with
    the highest mean similarity to its members, while that mean is >= THRESHOLD."""
    while True:
        best: tuple[float, int, int] | None = None
        for trial, indices in enumerate(free):
            if trial in group:
                continue
            for index in sorted(indices):
                link = _mean_link(scores, group, trial, index)
                if link >= THRESHOLD and (best is None or link > best[0]):
                    best = (link, trial, index)
        if best is None:
            return
        _, trial, index = best
        group[trial] = index
        free[trial].discard(index)


def _groups_pivot(scores: _Scores, sizes: list[int]) -> list[_Group]:
    """Three or more trials: greedy clustering around pivot pairs.

    Candidate pairs (any two trials, score >= THRESHOLD) are taken best first. A pair of two
    free criteria starts a group, which then takes the best free criteria of the other trials
    (_attach_best); a pair with an end already in a group is skipped (that group took the
    best candidates it could when it was made, and never changes after).
    """
    edges = sorted(
        (-row[j], a, i, b, j)
        for (a, b), matrix in scores.items()
        for i, row in enumerate(matrix)
        for j in range(len(row))
        if row[j] >= THRESHOLD
    )
    free = [set(range(size)) for size in sizes]
    groups: list[_Group] = []
    for _, a, i, b, j in edges:
        if i in free[a] and j in free[b]:
            group: _Group = {a: i, b: j}
            free[a].discard(i)
            free[b].discard(j)
            _attach_best(scores, group, free)
            groups.append(group)
    return groups


def _group_row(group: _Group, sections: Sequence[Sequence[Item]], scores: _Scores) -> Row:
    """The row of a group: cells, mean pairwise score, kind."""
    members = sorted(group.items())
    pairs = [_pair_score(scores, a, i, b, j) for (a, i), (b, j) in combinations(members, 2)]
    score = round(sum(pairs) / len(pairs), 1)
    same = len(members) == len(sections) and min(pairs) == 100
    cells: list[Item | None] = [None] * len(sections)
    for trial, index in members:
        cells[trial] = sections[trial][index]
    return Row(cells, score, "same" if same else "similar")


def _unique_rows(sections: Sequence[Sequence[Item]], used: set[tuple[int, int]]) -> list[Row]:
    """One row per unmatched criterion: trial by trial, each in its own order."""
    rows = []
    for trial, criteria in enumerate(sections):
        for index, item in enumerate(criteria):
            if (trial, index) not in used:
                cells: list[Item | None] = [None] * len(sections)
                cells[trial] = item
                rows.append(Row(cells, 0.0, "unique"))
    return rows


def align(sections: Sequence[Sequence[Item]]) -> list[Row]:
    """Align one section (inclusion or exclusion) of several trials: `sections[t]` is trial
    t's list of top-level criteria ({text, children} nodes or bare strings).

    Each criterion lands in exactly one row, in its trial's column. Rows matched in more
    trials come first, then higher scores; unique rows follow, trial by trial in page order.
    """
    keys = [[match_key(match_text(item)) for item in criteria] for criteria in sections]
    scores = _score_matrices(keys)
    if len(sections) == 2:
        groups = [{0: i, 1: j} for i, j in optimal_pairs(scores[0, 1])]
    else:
        groups = _groups_pivot(scores, [len(criteria) for criteria in sections])
    matched = sorted(
        ((_group_row(g, sections, scores), min(g.items())) for g in groups),
        key=lambda pair: (-pair[0].filled(), -pair[0].score, pair[1]),
    )
    used = {(trial, index) for group in groups for trial, index in group.items()}
    return [row for row, _ in matched] + _unique_rows(sections, used)


# --------------------------------------------------------------------------- fields


@dataclass(frozen=True)
class FieldSpec:
    """A compared field: record key (dotted for nested), human label, list order matters."""

    key: str
    label: str
    ordered: bool = True


#: The fields of the compare view (tui/compare_view.py FIELDS), keyed by record key.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "title"),
    FieldSpec("status", "status"),
    FieldSpec("phases", "phases", ordered=False),
    FieldSpec("study_type", "study type"),
    FieldSpec("conditions", "conditions", ordered=False),
    FieldSpec("interventions", "interventions", ordered=False),
    FieldSpec("enrollment", "enrollment"),
    FieldSpec("eligibility.sex", "sex"),
    FieldSpec("eligibility.min_age", "minimum age"),
    FieldSpec("eligibility.max_age", "maximum age"),
    FieldSpec("eligibility.healthy_volunteers", "healthy volunteers"),
    FieldSpec("design.primary_purpose", "primary purpose"),
    FieldSpec("design.allocation", "allocation"),
    FieldSpec("design.intervention_model", "intervention model"),
    FieldSpec("design.masking", "masking"),
    FieldSpec("group_count", "groups"),
    FieldSpec("dates.start", "start date"),
    FieldSpec("dates.primary_completion", "primary completion date"),
    FieldSpec("dates.completion", "completion date"),
    FieldSpec("dates.last_update", "last update"),
    FieldSpec("sponsor", "sponsor"),
)


@dataclass
class FieldDiff:
    """One compared field: its record key, label, raw value per trial, and whether the
    values are the same once normalised."""

    field: str
    label: str
    values: list[Any]
    same: bool

    def stated(self) -> bool:
        """True when at least one trial states a value."""
        return any(value not in (None, [], {}) for value in self.values)


def field_value(record: Record, key: str) -> Any:
    """The value at a dotted record key ("design.masking"), None when absent."""
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def canonical(value: Any, ordered: bool = True) -> Any:
    """A hashable, comparable form of a value: strings casefolded and whitespace-collapsed,
    dicts by sorted key, lists in order or (ordered=False) as sorted multisets."""
    if isinstance(value, str):
        return " ".join(value.casefold().split())
    if isinstance(value, dict):
        return tuple(sorted((k, canonical(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        items = [canonical(v) for v in value]
        return tuple(items if ordered else sorted(items, key=repr))
    return value


def field_diffs(records: Sequence[Record]) -> list[FieldDiff]:
    """Every compared field of the records, with its values and whether they agree."""
    diffs = []
    for spec in FIELDS:
        values = [copy.deepcopy(field_value(record, spec.key)) for record in records]
        same = len({repr(canonical(v, spec.ordered)) for v in values}) == 1
        diffs.append(FieldDiff(spec.key, spec.label, values, same))
    return diffs


# --------------------------------------------------------------------------- summary


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


# --------------------------------------------------------------------------- comparison


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
