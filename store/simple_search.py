"""Interim keyword search: every word must occur in a record's text (a scan, not an index)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from typing import Any

#: Fields whose matches count three times: the ids and the titles.
HEAVY_FIELDS = frozenset({"id", "nct_id", "other_ids", "title", "official_title", "acronym"})
HEAVY_WEIGHT = 3
#: Fields that are not searched.
SKIPPED_FIELDS = frozenset({"source"})


class SimpleSearch:
    """Case-insensitive word search over every string of each record except `source`."""

    # The inverted index that replaces it keeps this interface: update(), remove(), search().

    def __init__(self, records: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self._texts: dict[str, tuple[str, str]] = {}
        if records:
            self.update(records)

    def __len__(self) -> int:
        return len(self._texts)

    def update(self, records: Mapping[str, Mapping[str, Any]]) -> None:
        """Add or replace records, keyed by id."""
        texts = dict(self._texts)
        texts.update({trial_id: searchable_text(rec) for trial_id, rec in records.items()})
        self._texts = texts

    def remove(self, ids: Iterable[str]) -> None:
        """Forget records by id."""
        texts = dict(self._texts)
        for trial_id in ids:
            texts.pop(trial_id, None)
        self._texts = texts

    def search(self, query: str, limit: int | None = 50) -> list[tuple[str, int]]:
        """(id, score) of the records holding every word, best first, then by id."""
        # The score counts occurrences of the words, those in ids and titles three times.
        # An empty query matches every record with score 0.
        if limit is not None and limit <= 0:
            return []
        words = query.casefold().split()
        texts = self._texts
        hits: list[tuple[str, int]] = []
        for trial_id, (heavy, other) in texts.items():
            score = 0
            for word in words:
                found = HEAVY_WEIGHT * heavy.count(word) + other.count(word)
                if not found:
                    break
                score += found
            else:
                hits.append((trial_id, score))
        if limit is None:
            return sorted(hits, key=_rank)
        return heapq.nsmallest(limit, hits, key=_rank)


def searchable_text(record: Mapping[str, Any]) -> tuple[str, str]:
    """The casefolded text of a record's heavy fields and of the others, one line per string."""
    heavy: list[str] = []
    other: list[str] = []
    for key, value in record.items():
        if key not in SKIPPED_FIELDS:
            _collect(value, heavy if key in HEAVY_FIELDS else other)
    return "\n".join(heavy).casefold(), "\n".join(other).casefold()


def _collect(value: Any, out: list[str]) -> None:
    """Append every string inside a JSON value to out."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, out)


def _rank(hit: tuple[str, int]) -> tuple[int, str]:
    return (-hit[1], hit[0])
