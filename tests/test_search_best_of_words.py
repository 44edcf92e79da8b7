"""The fast paths for the best few matches (MaxScore AND of words, one word by impact counts)
rank exactly as scoring every candidate does: same ids, same order, same scores."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from parsers.record import empty_record
from store.search import SearchIndex

WORDS = ["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "theta", "zeta"]


def record(rng: random.Random, number: int) -> dict[str, Any]:
    def text(count: int) -> str:
        # Skewed word frequencies, so that impacts and candidate counts vary.
        return " ".join(rng.choice(WORDS[: rng.randint(2, len(WORDS))]) for _ in range(count))

    result = empty_record()
    result["id"] = f"R{number:05d}"
    result["title"] = text(rng.randint(1, 5))
    result["conditions"] = [text(rng.randint(1, 3)) for _ in range(rng.randint(0, 2))]
    result["summary"] = text(rng.randint(0, 30)) or None
    result["description"] = text(rng.randint(0, 200)) or None
    return result


def build(seed: int, churn: bool) -> SearchIndex:
    rng = random.Random(seed)
    index = SearchIndex()
    records = [record(rng, n) for n in range(600)]
    index.add(records[:400])
    index.add(records[400:])
    if churn:  # replaced and removed documents (dead numbers), and a delta not merged
        index.MERGE_FRACTION = 10.0
        index.add([record(rng, n) for n in range(0, 600, 7)])
        index.remove([f"R{n:05d}" for n in range(3, 600, 11)])
        assert index._dead and index._delta
    return index


QUERIES = [
    " ".join(combo) for size in (2, 3) for combo in itertools.combinations(WORDS[:6], size)
] + ["alpha alpha", "condition:alpha beta", "alpha condition:beta gamma", "alpha nosuchword"]


@pytest.mark.parametrize("churn", [False, True])
@pytest.mark.parametrize("seed", [1, 2])
def test_fast_paths_rank_as_the_full_evaluation(
    seed: int, churn: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = build(seed, churn)
    for query in QUERIES + WORDS:
        for limit in (1, 3, 10, 50, 700):
            monkeypatch.setattr(SearchIndex, "BEST_OF_WORDS_MIN", 0)
            fast = index.search(query, limit=limit)
            monkeypatch.setattr(SearchIndex, "BEST_OF_WORDS_MIN", 10**12)
            full = index.search(query, limit=limit)
            assert fast == full, (query, limit)
            assert fast == index.search(query, limit=None)[:limit], (query, limit)


def test_the_maxscore_path_stops_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """It scores a fraction of the candidates of two common words."""
    index = build(3, churn=False)
    monkeypatch.setattr(SearchIndex, "BEST_OF_WORDS_MIN", 0)
    scored: list[int] = []
    real = SearchIndex._top

    def spy(self: SearchIndex, docs: Any, scores: Any, limit: Any, check: Any) -> Any:
        scored.append(len(docs))
        return real(self, docs, scores, limit, check)

    monkeypatch.setattr(SearchIndex, "_top", spy)
    hits = index.search("alpha beta", limit=5)
    assert len(hits) == 5
    assert scored and scored[-1] < index.count("alpha beta")
