"""store.engine.phrase_top: the best matches of a phrase ranked from its essential fields are
those of the whole query (same trials, same scores, same order), whether the first try holds,
a second is needed, or the whole query is asked; deleted documents included in BM25."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from engine_helpers import criterion, make, put_all

from store.engine import TrialIndex
from store.engine import index as index_module
from store.engine import phrase_top as phrase_module
from store.engine import results as results_module
from store.engine.results import Hit
from store.search.query import parse_query

WORDS = ["alpha", "beta", "gamma", "delta", "kappa", "sigma"]


def _record(rng: random.Random, number: int) -> dict[str, Any]:
    """The phrase words in nearly every long text, in few titles and conditions."""
    def text(count: int, words: list[str] = WORDS) -> str:
        return " ".join(rng.choice(words) for _ in range(count))

    rare = ["omega", "zeta", "theta", "iota"]
    title_words = WORDS if number % 3 == 0 else rare
    return make(
        f"P{number:05d}",
        title=text(rng.randint(2, 6), title_words),
        conditions=[text(rng.randint(1, 3), WORDS if number % 13 == 0 else rare)],
        keywords=[text(2, WORDS if number % 17 == 0 else rare)],
        summary=text(rng.randint(5, 40)),
        description=text(rng.randint(20, 120)),
        inclusion=[criterion(text(rng.randint(3, 15))) for _ in range(rng.randint(0, 4))],
    )


@pytest.fixture(scope="module")
def phrased(tmp_path_factory: pytest.TempPathFactory) -> TrialIndex:
    rng = random.Random(7)
    index = TrialIndex(tmp_path_factory.mktemp("phrase") / "idx")
    put_all(index, [_record(rng, n) for n in range(700)])
    # New versions and deletions leave deleted documents that BM25 still counts.
    put_all(index, [_record(rng, n) for n in range(0, 700, 5)], segment=1)
    with index.batch() as batch:
        for n in range(2, 700, 23):
            batch.delete(f"P{n:05d}")
    return index


def _whole(index: TrialIndex, monkeypatch: pytest.MonkeyPatch, query: str,
           limit: int) -> list[Hit]:
    """The whole query's answer: search without the essential fields."""
    with monkeypatch.context() as patch:
        patch.setattr(index_module, "phrase_top", lambda *args: None)
        return index.search(query, limit=limit)


PHRASES = [f'"{a} {b}"' for a in WORDS for b in WORDS] + ['"alpha beta gamma"',
                                                          '"sigma kappa alpha"']


def test_the_best_of_a_phrase_are_the_whole_query_s(
    phrased: TrialIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    searcher, schema = phrased._snap.searcher, phrased.schema
    taken = 0
    for phrase in PHRASES:
        for limit in (1, 5, 20, 60):
            fast = phrase_module.phrase_top(searcher, schema, parse_query(phrase), limit)
            whole = _whole(phrased, monkeypatch, phrase, limit)
            assert phrased.search(phrase, limit=limit) == whole, (phrase, limit)
            if fast is not None:
                taken += 1
                assert fast == whole, (phrase, limit)
    # The essential fields were enough for many of the phrases and limits.
    assert taken >= len(PHRASES)


def test_a_try_after_a_cut_never_fails(
    phrased: TrialIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A try that finds a cut too low for the other fields' bound is followed by one with the
    fields that cut needs, which holds (a try without a cut adds a field)."""
    searcher, schema = phrased._snap.searcher, phrased.schema
    cuts: list[bool] = []  # per try: did it find `wanted` matches (a cut)?
    real = results_module.top

    def counted(searcher: Any, query: Any, wanted: int) -> list[Hit]:
        hits = real(searcher, query, wanted)
        cuts.append(len(hits) >= wanted)
        return hits

    monkeypatch.setattr(phrase_module, "top", counted)
    monkeypatch.setattr(phrase_module, "FIRST_TRY", 1)
    monkeypatch.setattr(phrase_module, "COST_RATIO", 0)
    seconds = 0
    for phrase in PHRASES:
        cuts.clear()
        fast = phrase_module.phrase_top(searcher, schema, parse_query(phrase), 5)
        assert cuts.count(True) <= 2, phrase
        if cuts.count(True) == 2:
            seconds += 1
            assert fast is not None, phrase
        if fast is not None:
            assert fast == _whole(phrased, monkeypatch, phrase, 5), phrase
    assert seconds > 0


def test_other_queries_are_left_to_the_whole_query(phrased: TrialIndex) -> None:
    searcher, schema = phrased._snap.searcher, phrased.schema
    for query in ("alpha beta", '"alpha be"', 'condition:"alpha beta"', '"alpha beta" -gamma',
                  '"alpha nosuchword"'):
        parsed = parse_query(query, prefix_last=query.endswith('be"'))
        assert phrase_module.phrase_top(searcher, schema, parsed, 20) is None, query


def test_a_phrase_that_is_a_trial_acronym_keeps_its_boost(tmp_path: Path) -> None:
    rng = random.Random(3)
    index = TrialIndex(tmp_path / "idx")
    records = [_record(rng, n) for n in range(300)]
    records[150]["acronym"] = "ALPHA-BETA"
    put_all(index, records)
    assert index.search('"alpha beta"', limit=5)[0].id == "P00150"
