"""The similarity of two criteria (0-100) from their normalised forms (tokens.MatchKey)."""

from __future__ import annotations

from rapidfuzz import fuzz

from .tokens import MatchKey, match_key

#: Two criteria of different trials may share a row only when their similarity is at least
#: this (0-100). Tuned on the seeds and the test fixtures: see docs/compare.md.
THRESHOLD = 55.0
#: Share of the word similarity lost when the numbers and comparison signs of two criteria
#: have nothing in common (scaled down by their overlap): "EDSS > 3" vs "EDSS 3.0 - 6.5".
QUANTITY_PENALTY = 0.3


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
