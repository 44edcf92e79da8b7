"""What the index gives back, read from its documents and aggregations: a trial's list
columns and location in the store's files, match counts, facet counts; and the sorts a
search may ask for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
import tantivy

from parsers import vocab
from store.search.field_values import NOT_STATED
from store.segment_format import Location

from .results import ids_of
from .schema import SORTS

#: Values per facet: more than there are statuses, phases, study types and countries (a
#: facet never leaves values out).
FACET_VALUES = 1000
Facets = dict[str, dict[str, int]]


def sort_key(sort: str | None) -> tuple[str | None, bool]:
    """(column, descending) of a sort ("title", "-enrollment", …); ValueError if unknown."""
    if sort is None:
        return None, False
    descending = sort.startswith("-")
    column = sort[1:] if descending else sort
    if column not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (sorts: {', '.join(SORTS)}, - for descending)")
    return column, descending


def match_count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    """How many documents match (tantivy panics on limit 0: ask for one hit)."""
    value = getattr(searcher.search(query, 1, count=True), "count", None)
    return value if isinstance(value, int) else 0


def columns_of(doc: tantivy.Document) -> dict[str, Any]:
    """A document's list columns (what a result list shows without reading the record)."""
    raw = doc.get_first("cols")
    found = orjson.loads(raw) if isinstance(raw, bytes) else None
    if not isinstance(found, dict):
        raise ValueError("a document of the index has no list columns")
    return found


def location_of(doc: tantivy.Document) -> Location:
    """Where a document's record lies in the store's segment files."""
    def number(name: str) -> int:
        value = doc.get_first(name)
        return value if isinstance(value, int) else 0

    return Location(number("loc_segment"), number("loc_offset"), number("loc_length"))


def facet_counts(searcher: tantivy.Searcher, query: tantivy.Query) -> Facets:
    """The matches counted by status, phase, study type and country (every value kept), and
    under NOT_STATED (last) those that state none."""
    aggs = {name: {"terms": {"field": name, "size": FACET_VALUES, "missing": _MISSING}}
            for name in ("status", "phase", "type", "country")}
    found = searcher.aggregate(query, aggs)

    def counts(name: str) -> dict[str, int]:
        return {str(b["key"]): int(b["doc_count"]) for b in found[name]["buckets"]}

    status, phase, types = counts("status"), counts("phase"), counts("type")
    countries = counts("country")
    return {
        "status": _unstated_last(dict(sorted(status.items()))),
        "phase": _unstated_last({p: phase[p] for p in [*vocab.PHASE_ORDER, _MISSING]
                                 if phase.get(p)}),
        "study_type": _unstated_last(dict(sorted(types.items()))),
        "country": _unstated_last(dict(sorted(countries.items(),
                                              key=lambda item: (-item[1], item[0])))),
    }


#: The bucket of the matches without a value (no value of a field can hold a NUL).
_MISSING = "\x00"


def _unstated_last(counts: dict[str, int]) -> dict[str, int]:
    """The counts with the bucket of matches without a value named NOT_STATED, last."""
    missing = counts.pop(_MISSING, 0)
    if missing:
        counts[NOT_STATED] = missing
    return counts


#: Trials of one file looked up at once by their file's hash (a CSV file may hold more).
_FILE_TRIALS = 64


def trials_of_files(searcher: tantivy.Searcher, schema: tantivy.Schema,
                    shas: Iterable[str]) -> dict[str, list[str]]:
    """The source sha256 values of shas that some indexed trial has, each with the ids of the
    trials read from it, in id order."""
    found: dict[str, list[tantivy.DocAddress]] = {}
    for sha in {s for s in shas if isinstance(s, str) and s}:
        query = tantivy.Query.term_query(schema, "sha", sha)
        result = searcher.search(query, _FILE_TRIALS, count=True)
        hits, many = result.hits, getattr(result, "count", 0)
        if isinstance(many, int) and many > len(hits):
            hits = searcher.search(query, many, count=False).hits
        if hits:
            found[sha] = [address for _, address in hits]
    # the ids of every file's trials read at once (a read per file costs more than a search)
    ids = iter(ids_of(searcher, [address for addresses in found.values() for address in addresses]))
    return {sha: sorted(next(ids) for _ in addresses) for sha, addresses in found.items()}
