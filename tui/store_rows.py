"""The rows `trials list` and `trials search` print, read from the store BATCH trials at a
time (the list columns from the index, or whole records), so that what is held does not grow
with the number of trials."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

from rich.cells import cell_len

from store import TrialStore

#: Trials read from the store together.
BATCH = 200

T = TypeVar("T")


def batches(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """The items, size at a time (the last batch may be shorter)."""
    found = iter(items)
    while batch := list(islice(found, size)):
        yield batch


def listed_columns(store: TrialStore, ids: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The list columns of these trials, in this order (ids no longer stored skipped)."""
    for batch in batches(ids):
        for columns in store.columns_many(batch):
            if columns is not None:
                yield columns


def hit_rows(store: TrialStore, hits: Sequence[dict[str, Any]],
             whole: bool) -> Iterator[dict[str, Any]]:
    """Each hit's list columns (whole: its record), with its "score"; a trial no longer
    stored is its id alone."""
    for part in batches(hits):
        ids = [hit["id"] for hit in part]
        found = [store.get(i) for i in ids] if whole else store.columns_many(ids)
        for hit, row in zip(part, found, strict=True):
            yield {**(row or {"id": hit["id"]}), "score": hit["score"]}


def widths(hits: Iterable[dict[str, Any]] | None = None,
           ids: Iterable[str] = ()) -> dict[str, int]:
    """The cells the id and score columns need for every trial (for a table printed in
    parts): the longest id, the widest score."""
    least = {"ID": max((cell_len(i) for i in ids), default=0)}
    if hits is not None:
        for hit in hits:
            least["ID"] = max(least["ID"], cell_len(hit["id"]))
            least["Score"] = max(least.get("Score", 0), len(f"{hit['score']:.2f}"))
    return least
