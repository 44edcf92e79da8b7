"""Ranked lists from a searcher: the best matches with ties by id, matches in id order, matches
sorted by a list column; and ids read back from the order-key column.

tantivy orders equal scores (or equal column values) its own way, so wherever a list is cut
the group tied at the cut is fetched whole (fetching more until the value after it differs)
and ordered by id before cutting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import tantivy

from .ids import id_of_key
from .schema import SORT_FIELDS

Q = tantivy.Query
MUST, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.MustNot
#: How much more to fetch each time the cut still falls inside a tie group.
GROWTH = 8
#: The first fetch of the best matches, in multiples of those wanted: ties at the cut are
#: common (equal field lengths and frequencies), and fetching a little more the first time
#: costs less than a second search.
FIRST_FETCH = 2

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
    """The best `wanted` matches by score, ties by id."""
    fetch = FIRST_FETCH * wanted + 1
    while True:
        hits = searcher.search(query, fetch, count=False).hits
        if len(hits) < fetch or hits[-1][0] < hits[wanted - 1][0]:
            break
        fetch *= GROWTH
    if len(hits) > wanted:
        cut = hits[wanted - 1][0]
        hits = [hit for hit in hits if hit[0] >= cut]
    ids = ids_of(searcher, [address for _, address in hits])
    pairs = sorted(zip((float(score) for score, _ in hits), ids, strict=True),
                   key=lambda pair: (-pair[0], pair[1]))
    return [Hit(trial_id, score) for score, trial_id in pairs[:wanted]]


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
