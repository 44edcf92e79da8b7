"""The best matches of a phrase searched in every words field, without scoring every match.

A phrase is a phrase query per field, summed (translate.Translator.text). tantivy cannot
skip documents of a sum of phrase queries the way it skips those of terms (block-max WAND):
it reads the positions of every document holding the phrase's words in each field. For a
phrase of common words at 600,000 trials that is hundreds of thousands of documents.

The fields weigh differently (schema.FIELD_WEIGHTS) and a phrase query's BM25 score in a
field is below the field's weight × (K1 + 1) × the sum of its words' idf there. So a trial
that holds the phrase only in some low-weight fields scores below the sum of their bounds
(MaxScore). phrase_top takes the fields of the highest bounds as "essential", asks the
same sum of phrase queries but with each other field's phrase counted only in trials that
hold the phrase in an essential field, and keeps the answer when the last score wanted is
above the other fields' summed bound: no trial outside the essential fields can reach it.
The scores are the sum's own (each field's phrase score, summed in the same order, the
essential fields' match adding 0), so the hits are those of the whole query.

The first try takes the two fields of the highest bounds. When its cut is too low, that cut
is still a floor of the true one (the wanted-th best of some of the matches), so the next try
takes as many fields as it needs and cannot fail. A try is made only when its trials are few
next to the whole query's matches; otherwise the whole query is asked. Measured on 600,000
studies: a phrase of common words ("heart failure") 31 → 8 ms, "stem cell" 133 → 36 ms; a
phrase whose tries do not pay costs what it did, or a try more.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import orjson
import tantivy

from store.search.query import Query, Text

from .results import Hit, top
from .schema import FIELD_WEIGHTS, SCOPE_FIELDS

Q = tantivy.Query
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should

#: tantivy's BM25 parameter k1 (a phrase's score in a field is below weight × (K1 + 1) × idf).
K1 = 1.2
#: Room for the float32 arithmetic of tantivy's scores.
MARGIN = 1e-3
#: Essential fields are tried only when the whole query visits this many times more field
#: matches than the try seeks (the other fields in each of their trials; a seek costs about
#: two visits, measured on 600,000 trials).
COST_RATIO = 2
#: The first try takes this many essential fields.
FIRST_TRY = 2
#: More wanted than this and the cut is too low for the bounds to exclude many trials.
MAX_WANTED = 1_000


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    bound: float  # above any score of the phrase in this field
    cost: int  # at most this many trials hold the phrase here (its rarest word's count)


def phrase_top(searcher: tantivy.Searcher, schema: tantivy.Schema, parsed: Query,
               wanted: int) -> list[Hit] | None:
    """The best `wanted` matches of a query that is one phrase searched in every words field,
    as results.top gives them; None when the query is of another kind, or the phrase's
    common fields do not let it be ranked cheaper (then rank the whole query)."""
    root = parsed.root
    if (not isinstance(root, Text) or not root.is_phrase or root.prefix
            or not 0 < wanted <= MAX_WANTED or _boosted(searcher, parsed)):
        return None
    words: list[str | tuple[int, str]] = list(root.words)
    fields = _fields(searcher, schema, SCOPE_FIELDS[root.field], root.words)
    if fields is None or len(fields) < 2:
        return None
    order = sorted(fields, key=lambda f: -f.bound)
    whole_cost = sum(f.cost for f in fields)

    def rest(essential: int) -> float:
        return sum(f.bound for f in order[essential:]) * (1 + MARGIN)

    def cheap(essential: int) -> bool:
        seeks = sum(f.cost for f in order[:essential]) * (len(order) - essential)
        return seeks * COST_RATIO < whole_cost

    essential = FIRST_TRY
    while essential < len(order) and cheap(essential):
        hits = top(searcher, _pruned(schema, words, root.field, order[:essential]), wanted)
        if len(hits) < wanted:  # no cut yet: more fields
            essential += 1
            continue
        cut = hits[wanted - 1].score
        if cut > rest(essential):
            return hits
        # cut is a floor of the true cut: the next try takes the fewest fields whose rest is
        # below it, and cannot fail.
        essential = next((k for k in range(essential + 1, len(order)) if rest(k) < cut),
                         len(order))
    return None


def _boosted(searcher: tantivy.Searcher, parsed: Query) -> bool:
    """Is the query a trial's whole id or acronym (Translator.whole adds a boost then)?"""
    key = parsed.whole_key()
    return bool(key) and any(searcher.doc_freq(field, key) for field in ("idkey", "acrkey"))


def _fields(searcher: tantivy.Searcher, schema: tantivy.Schema, names: Sequence[str],
            words: Sequence[str]) -> list[_Field] | None:
    """The fields where every word of the phrase occurs, with their bounds and costs."""
    freqs = {name: [searcher.doc_freq(name, word) for word in words] for name in names}
    live = {name: counts for name, counts in freqs.items() if min(counts) > 0}
    if not live:
        return None
    name, counts = next(iter(live.items()))
    total = _total_docs(searcher, schema, name, words[counts.index(min(counts))])
    if total is None:
        return None
    return [
        _Field(name, FIELD_WEIGHTS[name] * (K1 + 1) * sum(_idf(n, total) for n in counts),
               min(counts))
        for name, counts in live.items()
    ]


def _idf(doc_freq: int, total: int) -> float:
    return math.log(1 + (total - doc_freq + 0.5) / (doc_freq + 0.5))


def _total_docs(searcher: tantivy.Searcher, schema: tantivy.Schema, field: str,
                word: str) -> int | None:
    """The number of documents BM25 counts (deleted ones too until a merge drops them), as
    tantivy explains a term's score; None if it does not say."""
    query = Q.term_query(schema, field, word)
    hits = searcher.search(query, 1, count=False).hits
    if not hits:
        return None
    found = _explained(orjson.loads(query.explain(searcher, hits[0][1]).to_json()),
                       "N, total number of docs")
    return int(found) if found is not None and found >= 1 else None


def _explained(node: object, description: str) -> float | None:
    """The value of the first step of an explanation with that description."""
    if not isinstance(node, dict):
        return None
    if node.get("description") == description and isinstance(node.get("value"), int | float):
        return float(node["value"])
    for child in node.get("details") or ():
        found = _explained(child, description)
        if found is not None:
            return found
    return None


def _pruned(schema: tantivy.Schema, words: list[str | tuple[int, str]], scope: str | None,
            essential: Sequence[_Field]) -> tantivy.Query:
    """The phrase's sum over its scope's fields in their order (as translate builds it, so
    that the scores are the same float32 sums), each field outside `essential` counted only
    in trials holding the phrase in an essential field (that match adding nothing)."""
    names = [f.name for f in essential]
    within = Q.const_score_query(Q.boolean_query(
        [(SHOULD, Q.phrase_query(schema, name, words)) for name in names]), 0.0)
    clauses = []
    for name in SCOPE_FIELDS[scope]:
        phrase = Q.boost_query(Q.phrase_query(schema, name, words), FIELD_WEIGHTS[name])
        if name not in names:
            phrase = Q.boolean_query([(MUST, within), (MUST, phrase)])
        clauses.append((SHOULD, phrase))
    return Q.boolean_query(clauses)
