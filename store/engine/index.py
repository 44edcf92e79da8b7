"""TrialIndex: the store's search index and id → location map, a tantivy index in a directory
(or in memory).

    index = TrialIndex(path)                # or TrialIndex(None): in memory
    index.search('condition:als "stem cell" -placebo', limit=50)    # [Hit(id, score)]
    index.search("stem ce", prefix_last=True)        # search as you type
    index.search("", sort="-enrollment")             # every trial, by a list column
    index.count("phase:2 status:recruiting")        # exact number of matches
    index.facets_of("stem")                          # {"status": {...}, "phase": ..., ...}
    index.columns("NCT02249676")                     # the list columns, without the record
    index.locate("NCT02249676")                      # Location(segment, offset, length)
    index.present_hashes(shas)                       # which source sha256 values are stored
    with index.batch() as batch:                     # see writing
        batch.put(record, location, sha256)
    index.reload()                                   # see another process's commit

Reads use a snapshot: the index as of the last commit seen (on open, after reload(), after
this object's own commits), so a list and its count always agree. A malformed query raises
store.search.QueryError. Reads may run in several threads; writes are the store's to
serialise (one writer per directory, under the store's lock).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import tantivy

from store.search.highlight import record_highlights, spans_in_text
from store.search.query import Query, parse_query
from store.segment_format import Location

from .errors import DamagedIndexError
from .geo import Place
from .index_reading import (
    Facets,
    columns_of,
    facet_counts,
    location_of,
    match_count,
    sort_key,
    trials_of_files,
)
from .mapped_pages import ReleasingMappedPages
from .nearby import Nearby, by_distance, first_near, near_only
from .opening import Info, open_index, read_info
from .phase_order import by_phase
from .phrase_top import phrase_top
from .results import Hit, by_column, by_id, ids_of, top
from .schema import META_TERM
from .translate import MUST, Translator, ranks, zero
from .writing import Batch

Q = tantivy.Query
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Snapshot:
    searcher: tantivy.Searcher
    info: Info
    size: int
    nearby: Nearby


class TrialIndex:
    """See the module doc."""

    def __init__(self, path: str | os.PathLike[str] | None, *,
                 writer_heap: int = 64_000_000) -> None:
        self.path = None if path is None else Path(path)
        self._writer_heap = writer_heap
        self._index = open_index(self.path)
        self.schema = self._index.schema
        self._snap = self._snapshot()
        self._writer: tantivy.IndexWriter | None = None
        #: While a writer is open, its merges' pages of the index files are given back.
        self._releasing: ReleasingMappedPages | None = None
        self._batch: Batch | None = None
        self._session = False

    # --- snapshots -------------------------------------------------------------------------

    def _snapshot(self) -> _Snapshot:
        try:
            self._index.reload()
            searcher = self._index.searcher()
            metas = match_count(searcher, Q.term_query(self.schema, "meta", META_TERM))
        except (OSError, ValueError) as error:
            raise DamagedIndexError(self.path, f"cannot be read ({error})") from error
        info = read_info(self.path, self.schema, searcher)
        return _Snapshot(searcher, info, searcher.num_docs - metas, Nearby(self.schema, searcher))

    def reload(self) -> bool:
        """See the latest commit (of this or another process); True when the generation
        changed."""
        before = self._snap.info.generation
        self._snap = self._snapshot()
        return self._snap.info.generation != before

    @property
    def generation(self) -> int:
        """The number of commits the snapshot holds (0 for a new index)."""
        return self._snap.info.generation

    # --- size, membership, ids -------------------------------------------------------------

    def __len__(self) -> int:
        return self._snap.size

    def __contains__(self, trial_id: object) -> bool:
        if not isinstance(trial_id, str):
            return False
        return self._address(self._snap, trial_id) is not None

    def ids(self) -> list[str]:
        """Every trial id, sorted."""
        snap = self._snap
        if not snap.size:
            return []
        return by_id(snap.searcher, self._translator(snap).trials(), snap.size)

    def _address(self, snap: _Snapshot, trial_id: str) -> tantivy.DocAddress | None:
        hits = snap.searcher.search(Q.term_query(self.schema, "id", trial_id), 1,
                                    count=False).hits
        return hits[0][1] if hits else None

    def _addresses(self, snap: _Snapshot, ids: list[str]) -> dict[str, tantivy.DocAddress]:
        """id → document address for the known ones of ids."""
        wanted = sorted({i for i in ids if isinstance(i, str)})
        if not wanted:
            return {}
        query = Q.term_set_query(self.schema, "id", wanted)
        hits = snap.searcher.search(query, len(wanted), count=False).hits
        addresses = [address for _, address in hits]
        return dict(zip(ids_of(snap.searcher, addresses), addresses, strict=True))

    # --- stored values ---------------------------------------------------------------------

    def columns(self, trial_id: str) -> dict[str, Any] | None:
        """The list columns of a trial (id, title, status, phases, conditions, enrollment,
        study_type, start), or None for an unknown id."""
        snap = self._snap
        address = self._address(snap, trial_id)
        return None if address is None else columns_of(snap.searcher.doc(address))

    def columns_many(self, ids: Iterable[str]) -> list[dict[str, Any] | None]:
        """columns() of each id, in the same order (None for an unknown id)."""
        ids = list(ids)
        snap = self._snap
        found = self._addresses(snap, ids)
        docs = {trial_id: columns_of(snap.searcher.doc(address))
                for trial_id, address in found.items()}
        return [docs.get(trial_id) for trial_id in ids]

    def locate(self, trial_id: str) -> Location | None:
        """Where the current version of a trial is in the store's segment files, or None for
        an unknown id."""
        snap = self._snap
        address = self._address(snap, trial_id)
        return None if address is None else location_of(snap.searcher.doc(address))

    def locate_many(self, ids: Iterable[str]) -> list[Location | None]:
        """locate() of each id, in the same order."""
        ids = list(ids)
        snap = self._snap
        found = self._addresses(snap, ids)
        located = {trial_id: location_of(snap.searcher.doc(address))
                   for trial_id, address in found.items()}
        return [located.get(trial_id) for trial_id in ids]

    def first_imported(self, trial_id: str) -> int:
        """When the trial's first version was imported (YYYYMMDDhhmmss), 0 when unknown."""
        snap = self._snap
        address = self._address(snap, trial_id)
        if address is None:
            return 0
        value = snap.searcher.doc(address).get_first("first_imported")
        return value if isinstance(value, int) else 0

    def source_sha256(self, trial_id: str) -> str | None:
        """The sha256 of the current version's source, as put() was given it ("" when it was
        not), or None for an unknown id."""
        snap = self._snap
        address = self._address(snap, trial_id)
        if address is None:
            return None
        sha = snap.searcher.doc(address).get_first("sha")
        return sha if isinstance(sha, str) else ""

    def present_hashes(self, shas: Iterable[str]) -> dict[str, list[str]]:
        """The source sha256 values of shas that some indexed trial has, each with the ids of
        the trials read from it, in id order (a CSV file names many)."""
        return trials_of_files(self._snap.searcher, self.schema, shas)

    # --- queries ---------------------------------------------------------------------------

    def _translator(self, snap: _Snapshot, *, fallback: bool = False) -> Translator:
        return Translator(self.schema, snap.searcher, phrase_fallback=fallback,
                          near=snap.nearby.within)

    def _run(self, snap: _Snapshot, parsed: Query, action: Callable[[tantivy.Query], T]) -> T:
        """action(the query), again with prefix phrases loosened if tantivy refuses one."""
        try:
            return action(self._translator(snap).whole(parsed))
        except ValueError as error:
            if "expansions" not in str(error):
                raise
            return action(self._translator(snap, fallback=True).whole(parsed))

    def search(
        self,
        query: str | Query,
        limit: int | None = 50,
        *,
        prefix_last: bool = False,
        sort: str | None = None,
    ) -> list[Hit]:
        """Matches of a query, best first (ties by id), or by a column when sort is one of
        SORTS (prefix "-" for descending; trials without a value come last, ties by id).

        An empty query, or one with nothing to rank (filters, exclusions), lists its matches
        in id order with score 0. limit None returns every match. search() takes the query
        text or a Query from parse_query() (then prefix_last is the Query's own).
        """
        parsed = _parsed(query, prefix_last)
        column, descending = sort_key(sort)
        if limit is not None and limit <= 0:
            return []
        snap = self._snap
        if not snap.size:
            return []
        wanted = snap.size if limit is None else min(limit, snap.size)
        near = near_only(parsed.root)
        if near is not None and column is None:  # nearest first
            return [Hit(trial_id, -km or 0.0) for trial_id, km in
                    by_distance(snap.nearby.within(near), wanted)]
        ranked = ranks(parsed.root)
        if column is None and not ranked:
            column = "id"
        searcher = snap.searcher
        if column is None:
            pruned = phrase_top(searcher, self.schema, parsed, wanted)
            if pruned is not None:
                return pruned

        def action(q: tantivy.Query) -> list[Hit]:
            if column is None:
                return top(searcher, q, wanted)
            if column == "phase":
                ids = by_phase(self.schema, searcher, q, descending, wanted)
            else:
                ids = by_column(self.schema, searcher, q, column, descending, wanted)
            if not ranked or not ids:
                return [Hit(trial_id, 0.0) for trial_id in ids]
            # The scores of the chosen ones: the ranked query restricted to them.
            chosen = zero(Q.term_set_query(self.schema, "id", ids))
            hits = searcher.search(Q.boolean_query([(MUST, q), (MUST, chosen)]), len(ids),
                                   count=False).hits
            scores = dict(zip(ids_of(searcher, [address for _, address in hits]),
                              (float(score) for score, _ in hits), strict=True))
            return [Hit(trial_id, scores.get(trial_id, 0.0)) for trial_id in ids]

        return self._run(snap, parsed, action)

    def count(self, query: str | Query, *, prefix_last: bool = False) -> int:
        """How many trials match (len(search(query, limit=None)), without ranking)."""
        parsed = _parsed(query, prefix_last)
        snap = self._snap
        if parsed.root is None or not snap.size:
            return snap.size if parsed.root is None else 0
        searcher = snap.searcher
        return self._run(snap, parsed, lambda q: match_count(searcher, q))

    def imported_since(self, since: int, query: str | Query = "") -> list[tuple[str, int, int]]:
        """(id, imported, first_imported) of the trials matching query whose current version
        was imported at or after since (YYYYMMDDhhmmss), oldest import first."""
        parsed = _parsed(query, False)
        snap = self._snap
        unsigned = tantivy.FieldType.Unsigned
        recent = Q.range_query(self.schema, "imported", unsigned, since, None)

        def action(q: tantivy.Query) -> list[tuple[str, int, int]]:
            wanted = Q.boolean_query([(MUST, q), (MUST, recent)])
            total = match_count(snap.searcher, wanted)
            if not total:
                return []
            hits = snap.searcher.search(wanted, total, count=False).hits
            addresses = [address for _, address in hits]
            ids = ids_of(snap.searcher, addresses)
            imported = snap.searcher.fast_field_values("imported", addresses)
            first = snap.searcher.fast_field_values("first_imported", addresses)
            rows = [(i, int(a or 0), int(b or 0)) for i, a, b in zip(ids, imported, first,
                                                                      strict=True)]
            return sorted(rows, key=lambda row: (row[1], row[0]))

        return self._run(snap, parsed, action)

    def facets_of(self, query: str | Query, *, prefix_last: bool = False) -> Facets:
        """How many matches of a query have each status, phase and study type."""
        parsed = _parsed(query, prefix_last)
        snap = self._snap
        return self._run(snap, parsed, lambda q: facet_counts(snap.searcher, q))

    def near_place(self, query: str | Query, *, prefix_last: bool = False) -> Place | None:
        """The place of the query's first near: term, or None; QueryError when unknown or
        ambiguous."""
        parsed = _parsed(query, prefix_last)
        near = first_near(parsed.root)
        return None if near is None else self._snap.nearby.resolve(near)

    def facets(self, ids: Iterable[str]) -> Facets:
        """How many of these trials have each status, phase and study type (enum spellings;
        trials without a value are not counted; unknown ids are ignored)."""
        wanted = sorted({i for i in ids if isinstance(i, str)})
        if not wanted:
            return {"status": {}, "phase": {}, "study_type": {}, "country": {}}
        return facet_counts(self._snap.searcher, Q.term_set_query(self.schema, "id", wanted))

    def highlights(self, query: str | Query,
                   record: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
        """Match spans per field path of a record (store.search.highlight)."""
        return record_highlights(_parsed(query, False), record)

    def text_highlights(self, query: str | Query, text: str) -> list[tuple[int, int]]:
        """Match spans of the query's words, prefixes and phrases in any text."""
        return spans_in_text(_parsed(query, False), text)

    # --- writing ---------------------------------------------------------------------------

    def batch(self) -> Batch:
        """A new batch of puts and deletes (see writing); one at a time."""
        if self._batch is not None:
            raise RuntimeError("a batch of this index is already open")
        if self._writer is None:
            # Indexing threads: leave a core to the caller, who prepares the documents.
            cores = os.cpu_count() or 1
            threads = max(1, min(cores - 1, 4, self._writer_heap // 32_000_000))
            try:
                self._writer = self._index.writer(self._writer_heap, threads)
            except ValueError as error:
                raise RuntimeError(f"search index {self.path} has another writer: {error}"
                                   ) from error
            if self.path is not None:
                self._releasing = ReleasingMappedPages(self.path).start()
        # The latest commit's generation (another process may have committed since).
        self._index.reload()
        base = read_info(self.path, self.schema, self._index.searcher())
        self._batch = Batch(self, self._writer, base)
        return self._batch

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Keep the writer from one batch to the next (an import), give it back at the end."""
        self._session = True
        try:
            yield
        finally:
            self._session = False
            if self._batch is None:
                self._release_writer()

    def _end_batch(self, *, committed: bool) -> None:
        """Called by the batch when it ends."""
        self._batch = None
        if not self._session:
            self._release_writer()
        if committed:
            self._snap = self._snapshot()

    def _release_writer(self) -> None:
        """Give back tantivy's writer lock, after the merges its commits started (a merge
        that fails leaves the committed segments as they were)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            with contextlib.suppress(OSError, ValueError, RuntimeError):
                writer.wait_merging_threads()
        releasing, self._releasing = self._releasing, None
        if releasing is not None:
            releasing.stop()

    def close(self) -> None:
        """Give back the writer (after its merges); rolls back an open batch."""
        if self._batch is not None:
            self._batch.rollback()
        self._release_writer()

    def __enter__(self) -> TrialIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _parsed(query: str | Query, prefix_last: bool) -> Query:
    return query if isinstance(query, Query) else parse_query(query, prefix_last=prefix_last)
