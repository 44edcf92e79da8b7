"""Aligning one section (inclusion or exclusion) of several trials into rows of criteria:
pairs for two trials (assignment.optimal_pairs), greedy groups around pivot pairs for more.

Only top-level criteria are aligned: a criterion's children travel with it in its cell, and
their text takes part in the matching. The same code aligns other items (outcome measures,
see outcomes.py) given their own match key and threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal

from .assignment import optimal_pairs
from .criteria import Item, criterion_text, match_text
from .similarity import THRESHOLD, key_similarity
from .tokens import MatchKey, match_key

Kind = Literal["same", "similar", "unique"]


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

    def to_json(self, cell_json: Callable[[Item], Any] = criterion_text) -> dict[str, Any]:
        """{"cells": [cell_json(cell) or None per trial], "score": number, "kind": str};
        a criterion's cell is its text (criterion_text)."""
        cells = [None if cell is None else cell_json(cell) for cell in self.cells]
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


def _mean_link(scores: _Scores, group: _Group, trial: int, index: int) -> float:
    """Mean similarity of a criterion with the members of a group."""
    total = sum(_pair_score(scores, trial, index, t, i) for t, i in group.items())
    return total / len(group)


def _attach_best(
    scores: _Scores, group: _Group, free: list[set[int]], threshold: float
) -> None:
    """Grow a group: repeatedly add the free criterion of a trial not yet in the group with
    the highest mean similarity to its members, while that mean is >= threshold."""
    while True:
        best: tuple[float, int, int] | None = None
        for trial, indices in enumerate(free):
            if trial in group:
                continue
            for index in sorted(indices):
                link = _mean_link(scores, group, trial, index)
                if link >= threshold and (best is None or link > best[0]):
                    best = (link, trial, index)
        if best is None:
            return
        _, trial, index = best
        group[trial] = index
        free[trial].discard(index)


def _groups_pivot(scores: _Scores, sizes: list[int], threshold: float) -> list[_Group]:
    """Three or more trials: greedy clustering around pivot pairs.

    Candidate pairs (any two trials, score >= threshold) are taken best first. A pair of two
    free criteria starts a group, which then takes the best free criteria of the other trials
    (_attach_best); a pair with an end already in a group is skipped (that group took the
    best candidates it could when it was made, and never changes after).
    """
    edges = sorted(
        (-row[j], a, i, b, j)
        for (a, b), matrix in scores.items()
        for i, row in enumerate(matrix)
        for j in range(len(row))
        if row[j] >= threshold
    )
    free = [set(range(size)) for size in sizes]
    groups: list[_Group] = []
    for _, a, i, b, j in edges:
        if i in free[a] and j in free[b]:
            group: _Group = {a: i, b: j}
            free[a].discard(i)
            free[b].discard(j)
            _attach_best(scores, group, free, threshold)
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


def criterion_key(item: Item) -> MatchKey:
    """What a criterion is matched on: its text and its descendants' (match_text)."""
    return match_key(match_text(item))


def align(
    sections: Sequence[Sequence[Item]],
    *,
    key: Callable[[Item], MatchKey] = criterion_key,
    threshold: float = THRESHOLD,
) -> list[Row]:
    """Align one section (inclusion or exclusion) of several trials: `sections[t]` is trial
    t's list of top-level criteria ({text, children} nodes or bare strings).

    Each criterion lands in exactly one row, in its trial's column. Rows matched in more
    trials come first, then higher scores; unique rows follow, trial by trial in page order.
    Other items align the same way given what they are matched on (key) and the similarity
    two of them need to share a row (threshold).
    """
    keys = [[key(item) for item in criteria] for criteria in sections]
    scores = _score_matrices(keys)
    if len(sections) == 2:
        groups = [{0: i, 1: j} for i, j in optimal_pairs(scores[0, 1], threshold)]
    else:
        groups = _groups_pivot(scores, [len(criteria) for criteria in sections], threshold)
    matched = sorted(
        ((_group_row(g, sections, scores), min(g.items())) for g in groups),
        key=lambda pair: (-pair[0].filled(), -pair[0].score, pair[1]),
    )
    used = {(trial, index) for group in groups for trial, index in group.items()}
    return [row for row, _ in matched] + _unique_rows(sections, used)
