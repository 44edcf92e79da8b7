"""Pairing the criteria of two trials: the optimal assignment over a score matrix."""

from __future__ import annotations

from collections.abc import Sequence

from .similarity import THRESHOLD


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


def optimal_pairs(
    matrix: Sequence[Sequence[float]], threshold: float = THRESHOLD
) -> list[tuple[int, int]]:
    """The pairs (row, column) of a score matrix, each row and column used at most once,
    that maximise the summed margin (score - threshold) of pairs scoring at least threshold
    (THRESHOLD unless told); pairs below it are left out. Sorted by row.

    Summing margins rather than scores keeps a strong pair from being traded for two weak
    ones just because two pairs add up to more than one.
    """
    if not matrix or not matrix[0]:
        return []
    transpose = len(matrix) > len(matrix[0])
    weights = [list(col) for col in zip(*matrix, strict=True)] if transpose else matrix
    cost = [[threshold - s if s >= threshold else 0.0 for s in row] for row in weights]
    pairs = [
        (j, i) if transpose else (i, j)
        for i, j in enumerate(_hungarian(cost))
        if weights[i][j] >= threshold
    ]
    return sorted(pairs)
