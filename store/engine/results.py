"""Ranked lists from a searcher: the best matches with ties by id, matches in id order, matches
sorted by a list column; and ids read back from the order-key column.

tantivy orders equal scores (or equal column values) its own way, so wherever a list is cut
the group tied at the cut is fetched whole (fetching more until the value after it differs)
and ordered by id before cutting; for the best matches, a large group tied at the cut is
not fetched whole: its first ids are looked for among the first matches in id order (top).
"""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import tantivy

from .ids import id_of_key
from .schema import SORT_FIELDS, build_schema

Q = tantivy.Query
MUST, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.MustNot
#: How much more to fetch each time the cut still falls inside a tie group.
GROWTH = 8
#: The first fetch of the best matches, in multiples of those wanted: ties at the cut are
#: common (equal field lengths and frequencies), and fetching a little more the first time
#: costs less than a second search.
FIRST_FETCH = 2
#: What fetching a hit, and looking for the first matches in id order (_first_of_tie: two
#: passes over the matches), cost in visits of a match by a search by score: to choose the
#: cheaper way to the first ids of a tie group.
HIT = 20
KEY_PASSES = 3
#: How many more matches _first_of_tie looks at next time than the share of the tie group
#: among those seen says it needs, and at most how many times more than the last time.
FIRST_MARGIN = 2
FIRST_MAX_GROWTH = 64

_NUMERIC = {
    "phase_rank": tantivy.FieldType.Unsigned,
    "enrollment": tantivy.FieldType.Integer,
    "start": tantivy.FieldType.Unsigned,
}


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the trial id and its score (0 when unranked)."""

    id: str
    score: float


def ids_of(searcher: tantivy.Searcher, addresses: Sequence[tantivy.DocAddress]) -> list[str]:
    """The trial ids of documents (from the order-key column; stored ids for other shapes)."""
    keys = searcher.fast_field_values("idn", list(addresses))
    out = []
    for key, address in zip(keys, addresses, strict=True):
        trial_id = id_of_key(key) if isinstance(key, int) else None
        if trial_id is None:
            trial_id = str(searcher.doc(address).get_first("id"))
        out.append(trial_id)
    return out


def _id_of_hit(searcher: tantivy.Searcher, key: Any, address: tantivy.DocAddress) -> str:
    trial_id = id_of_key(key) if isinstance(key, int) else None
    if trial_id is None:
        trial_id = str(searcher.doc(address).get_first("id"))
    return trial_id


def top(searcher: tantivy.Searcher, query: tantivy.Query, wanted: int) -> list[Hit]:
    """The best `wanted` matches by score, ties by id.

    When the cut falls inside a group of equal scores, only the first ids of the group are
    wanted, and they are found without fetching the whole group when it is large
    (_tie_group)."""
    fetch = FIRST_FETCH * wanted + 1
    hits = searcher.search(query, fetch, count=False).hits
    cut: float | None = None
    tied: list[tantivy.DocAddress] = []
    if len(hits) > wanted:
        cut = hits[wanted - 1][0]
        if len(hits) < fetch or hits[-1][0] < cut:
            tied = [address for score, address in hits if score == cut]
        else:
            tied = _tie_group(searcher, query, hits, cut, wanted - _above(hits, cut))
        hits = hits[:_above(hits, cut)]
    ids = ids_of(searcher, [address for _, address in hits])
    pairs = sorted(zip((float(score) for score, _ in hits), ids, strict=True),
                   key=lambda pair: (-pair[0], pair[1]))
    out = [Hit(trial_id, score) for score, trial_id in pairs]
    if cut is not None:
        out += [Hit(trial_id, float(cut))
                for trial_id in _first_ids(searcher, tied, wanted - len(out))]
    return out


def _above(hits: Sequence[tuple[Any, tantivy.DocAddress]], cut: float) -> int:
    """How many hits (best first) score more than cut."""
    return sum(1 for score, _ in hits if score > cut)


def _first_ids(
    searcher: tantivy.Searcher, addresses: Sequence[tantivy.DocAddress], wanted: int
) -> list[str]:
    """The first `wanted` ids of documents, in order; only the ids that may be among them
    are read (by order key: keys never decrease along id order)."""
    keys = searcher.fast_field_values("idn", list(addresses))
    known = [key for key in keys if isinstance(key, int)]
    pairs = list(zip(keys, addresses, strict=True))
    if len(known) > wanted > 0:
        last = heapq.nsmallest(wanted, known)[-1]
        pairs = [(key, address) for key, address in pairs
                 if not isinstance(key, int) or key <= last]
    return sorted(_id_of_hit(searcher, key, address) for key, address in pairs)[:wanted]


def _tie_group(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    hits: list[tuple[Any, tantivy.DocAddress]],
    cut: float,
    need: int,
) -> list[tantivy.DocAddress]:
    """Documents scored `cut` among which are the first `need` ids of all the matches scored
    cut; hits: the first matches by score, the last of them scored cut.

    Two ways: the whole group by score, fetching GROWTH times more until the score after it
    differs (cheap when the group is small), or the first matches in id order
    (_first_of_tie: cheap when the group is a good part of the matches, as for a word most
    documents of a field hold), as many as the group's share of those seen so far says. The
    first way is tried once, then the second, then whichever should cost less."""
    fetch = GROWTH * len(hits)
    known = searcher.search(query, fetch, count=False).hits
    if len(known) < fetch or known[-1][0] < cut:
        return [address for score, address in known if score == cut]
    first: int | None = len(hits)
    matches: int | None = None
    while True:
        if first is not None and (matches is None or KEY_PASSES * matches + 2 * first * HIT
                                  < matches + GROWTH * fetch * HIT):
            try:
                tied, matches, every = _first_of_tie(searcher, query, known, cut, first)
            except _Unverified:
                first = None
                continue
            if every or len(tied) >= need:
                return tied
            # Ties are not spread evenly along id order: a margin costs less than a retry.
            share = math.ceil(first * need * FIRST_MARGIN / max(len(tied), 1))
            first = min(first * FIRST_MAX_GROWTH, max(first * 2, share))
            continue
        fetch *= GROWTH
        more = searcher.search(query, fetch, count=False).hits
        if len(more) < fetch or more[-1][0] < cut:
            return [address for score, address in more if score == cut]


class _Unverified(Exception):
    """The query restricted to an id range did not score as the query does."""


def _first_of_tie(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    hits: list[tuple[Any, tantivy.DocAddress]],
    cut: float,
    first: int,
) -> tuple[list[tantivy.DocAddress], int, bool]:
    """(the matches scored `cut` among the first ones in id order, how many documents match,
    whether those were every match): the first `first` matches but those with the order key
    of the last of them; hits: the first matches by score.

    The matches whose order key is below the last one's (their ids come before all the
    others: keys never decrease along id order) are scored by the query restricted to them,
    which adds 0 to the query's own scores: tantivy builds the same scorer for a query inside
    a boolean query as alone (tantivy-py collects every hit, without block-max pruning). The
    hits among them check it (_Unverified if a score differs)."""
    result = searcher.search(query, first, count=True, order_by_field="idn",
                             order=tantivy.Order.Asc)
    ordered, matches = result.hits, getattr(result, "count", None)
    if not isinstance(matches, int):
        raise _Unverified
    if len(ordered) < first:  # every match: scored by the query itself
        every = searcher.search(query, first, count=False).hits
        if len(every) != len(ordered):
            raise _Unverified
        return [address for score, address in every if score == cut], matches, True
    bound = ordered[-1][0]
    if not isinstance(bound, int):
        raise _Unverified
    below = Q.range_query(_schema(), "idn", tantivy.FieldType.Unsigned, None, bound,
                          include_upper=False)
    restricted = Q.boolean_query([(MUST, query), (MUST, Q.const_score_query(below, 0.0))])
    scored = searcher.search(restricted, first, count=False).hits
    scores = {_place(address): score for score, address in scored}
    expected = sum(1 for key, _ in ordered if isinstance(key, int) and key < bound)
    keys = searcher.fast_field_values("idn", [address for _, address in hits])
    if len(scores) != expected or any(
        scores.get(_place(address)) != score
        for (score, address), key in zip(hits, keys, strict=True)
        if isinstance(key, int) and key < bound
    ):
        raise _Unverified
    return [address for score, address in scored if score == cut], matches, False


def _place(address: tantivy.DocAddress) -> tuple[int, int]:
    return address.segment_ord, address.doc


@functools.cache
def _schema() -> tantivy.Schema:
    """The schema of every index (an index of another one does not open), to build queries."""
    return build_schema()


def by_id(
    searcher: tantivy.Searcher, query: tantivy.Query, wanted: int, descending: bool = False
) -> list[str]:
    """The ids of the first `wanted` matches in id order: by order key, then by the ids
    themselves where keys are equal (ids of other shapes than NCT and LOCAL)."""
    order = tantivy.Order.Desc if descending else tantivy.Order.Asc
    fetch = wanted + 1
    while True:
        hits = searcher.search(query, fetch, count=False, order_by_field="idn", order=order).hits
        if len(hits) < fetch or hits[-1][0] != hits[wanted - 1][0]:
            break
        fetch *= GROWTH
    if len(hits) > wanted:
        cut = hits[wanted - 1][0]
        hits = [hit for hit in hits if (hit[0] >= cut if descending else hit[0] <= cut)]
    keyed = [(key, _id_of_hit(searcher, key, address)) for key, address in hits]
    keyed.sort(reverse=descending)
    return [trial_id for _, trial_id in keyed[:wanted]]


def by_column(
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    column: str,
    descending: bool,
    wanted: int,
) -> list[str]:
    """The ids of the first `wanted` matches by a list column (missing values last), ties by
    ascending id."""
    if column == "id":
        return by_id(searcher, query, wanted, descending)
    field = SORT_FIELDS[column]
    order = tantivy.Order.Desc if descending else tantivy.Order.Asc
    hits = searcher.search(query, wanted + 1, count=False, order_by_field=field,
                           order=order).hits
    values = [value for value, _ in hits]
    ties: list[str] = []
    if len(hits) > wanted and values[wanted] == values[wanted - 1]:
        # The cut falls inside a group of equal values: that group comes in id order.
        tie = values[wanted - 1]
        hits = [hit for hit in hits if hit[0] != tie]
        if tie is None:
            equal = Q.boolean_query([(MUST, query), (MUST_NOT, Q.exists_query(field))])
        elif isinstance(tie, str):
            equal = Q.boolean_query([(MUST, query), (MUST, Q.term_query(schema, field, tie))])
        else:
            same = Q.range_query(schema, field, _NUMERIC[field], tie, tie)
            equal = Q.boolean_query([(MUST, query), (MUST, same)])
        ties = by_id(searcher, equal, wanted - len(hits))
    else:
        hits = hits[:wanted]
    ids = ids_of(searcher, [address for _, address in hits])
    present = [(value, trial_id) for (value, _), trial_id in zip(hits, ids, strict=True)
               if value is not None]
    missing = sorted(trial_id for (value, _), trial_id in zip(hits, ids, strict=True)
                     if value is None)
    present.sort(key=lambda pair: pair[1])
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [trial_id for _, trial_id in present] + missing + ties
