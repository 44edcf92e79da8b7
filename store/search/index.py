"""SearchIndex: an inverted index over trial records, with list columns and filters.

Postings: one sorted list of terms; per term a slice of two flat arrays, the document numbers
(array('I'), ascending) and a one-byte impact per posting (bytearray): the BM25 term-frequency
part, 255 * tf / (tf + k1 * (1 - b + b * dl / AVGDL)), where tf is the weighted sum of the
term's frequencies over the record's fields (BM25F) and dl the record's length in words.
A query multiplies impacts by the term's idf, computed from the live document count.

Records added after the last merge sit in a small per-term "delta" (appended arrays) that is
merged into the flat arrays when it reaches a quarter of their size, and before to_bytes().
Removing or replacing a record marks its document number dead; dead numbers are filtered from
every result and dropped when enough of them accumulate (compaction renumbers documents).
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, islice, repeat
from operator import add, itemgetter, sub
from typing import Any, TypeGuard

import orjson

from parsers import vocab

from . import index_format
from .analysis import NS_ACRONYM, NS_ID, UNIT, analyse
from .columns import (
    NO_AGE,
    Codes,
    date_text,
    eligibility_age,
    enrollment_count,
    enum_codes,
    joined_conditions,
    phase_mask,
    phase_names,
    sort_key,
    sorted_by,
    split_conditions,
    start_date,
)
from .engine import Evaluator
from .highlight import record_highlights, spans_in_text
from .query import And, Query, Text, parse_query
from .reader import AVGDL, K1, B, Impacts, Words
from .terms import TermTable
from .text import WEIGHTS, prefix_alternatives

#: Added to the score of a match whose id (or acronym) is the whole query.
ID_BOOST = 1_000_000.0
ACRONYM_BOOST = 100_000.0
#: Prefix expansions (Words) kept for later searches, until the index changes.
_WORDS_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the trial id and its score (0 when unranked)."""

    id: str
    score: float


@dataclass(slots=True)
class Prepared:
    """What the index keeps of a list of records, computed without an index (in a worker
    process, say) by prepare(), and added by SearchIndex.add_prepared().

    Records are numbered 0.. in list order. Postings are flat: terms sorted, term i's record
    numbers (ascending) and impacts at offsets[i]:offsets[i + 1] of docs and imps. Record n's
    word-hash sequence is forward[bounds[4n]:bounds[4n + 4]], its group ends bounds[4n + 1..3].
    """

    ids: list[str]
    terms: list[str]
    offsets: array[int]
    docs: array[int]
    imps: bytearray
    forward: bytes
    bounds: array[int]


def prepare(records: Iterable[dict[str, Any]]) -> Prepared:
    """Analyse records for SearchIndex.add_prepared(): BM25 impacts and word hashes per record.
    Raises ValueError for a record without an id."""
    ids: list[str] = []
    postings: dict[str, tuple[array[int], bytearray]] = {}
    forward = bytearray()
    bounds = array("Q", [0])
    for number, record in enumerate(records):
        trial_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(trial_id, str) or not trial_id:
            raise ValueError("a record without an id cannot be indexed")
        ids.append(trial_id)
        terms, length, hashes, ends = analyse(record)
        base = len(forward)
        forward += hashes
        bounds.extend((base + ends[0], base + ends[1], base + ends[2], len(forward)))
        norm = K1 * (1.0 - B + B * length / AVGDL)
        memo: dict[float, int] = {}
        get = postings.get
        for term, tf in terms.items():
            impact = memo.get(tf)
            if impact is None:
                impact = memo[tf] = max(1, int(255.0 * tf / (tf + norm) + 0.5)) if tf else 0
            entry = get(term)
            if entry is None:
                entry = postings[term] = (array("I"), bytearray())
            entry[0].append(number)
            entry[1].append(impact)
    ordered = sorted(postings)
    offsets = array("I", [0])
    docs = array("I")
    imps = bytearray()
    for term in ordered:
        term_docs, term_imps = postings[term]
        docs.extend(term_docs)
        imps.extend(term_imps)
        offsets.append(len(docs))
    return Prepared(ids, ordered, offsets, docs, imps, bytes(forward), bounds)


class SearchIndex:
    """Inverted index, list columns and filters for trial records (see the module doc).

    Not safe for a search to run while another thread adds or removes records: callers
    serialise writes with reads (the store's lock).

    Phrases are checked against each candidate's word-hash sequence (see analysis), kept in
    one bytearray: UNIT bytes per word of the record.
    """

    #: Merge the delta into the flat arrays once it holds this fraction of their postings.
    MERGE_FRACTION = 0.25
    #: Compact (drop dead documents) once this many are dead and they are a quarter of all.
    COMPACT_MIN_DEAD = 1024

    def __init__(self) -> None:
        # Flat postings.
        self._terms = TermTable()
        self._offsets = array("I", [0])
        self._docs = array("I")
        self._imps = bytearray()
        # Postings added since the last merge: term → (doc numbers, impacts).
        self._delta: dict[str, tuple[array[int], bytearray]] = {}
        self._delta_postings = 0
        # Per document number.
        self._ids: list[str | None] = []  # None once dead
        self._doc_of: dict[str, int] = {}
        self._titles: list[str] = []
        self._conditions: list[str] = []  # joined with CONDITION_SEPARATOR
        self._start = array("I")  # start date as YYYYMMDD (0 for an absent month or day)
        self._status = bytearray()
        self._type = bytearray()
        self._sex = bytearray()
        self._phase = bytearray()  # bit i: vocab.PHASE_ORDER[i]
        self._enrollment = array("i")  # -1: unknown
        self._min_age = array("d")  # days; 0 when unstated
        self._max_age = array("d")  # days; inf when unstated
        self._year = array("H")  # start year; 0 when unknown
        self._enums = enum_codes()
        self._dead: set[int] = set()
        # Word-hash sequences, one after another; per document 5 offsets into them: its start,
        # the ends of its conditions, interventions and sponsor groups, and its end.
        self._fwd = bytearray()
        self._fwd_bounds = array("Q")
        # Derived data (id order, sorted ranges, delta term list…), rebuilt on demand.
        self._cache: dict[str, Any] = {}

    # --- size and membership -------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._doc_of)

    def __contains__(self, trial_id: object) -> bool:
        return trial_id in self._doc_of

    def ids(self) -> list[str]:
        """Every indexed trial id, sorted."""
        ids = self._ids
        return [ids[doc] for doc in self._order()]  # type: ignore[misc]

    # --- writing -------------------------------------------------------------------------

    def add(self, records: Iterable[dict[str, Any]]) -> None:
        """Index records, replacing any already indexed under the same id."""
        records = list(records)
        self.add_prepared([(prepare(records), records)])

    def add_prepared(
        self, parts: Iterable[tuple[Prepared, Sequence[dict[str, Any] | None]]]
    ) -> None:
        """Index records analysed beforehand by prepare() (possibly in another process).

        Each part is (prepare(records), records) where records may hold None in the place of
        a record to leave out; a record must be the one that was prepared (the same id and
        searchable content). Records are added in order, replacing any indexed under the same
        id (so of one id, the last wins). Nothing changes when a part does not fit its records.
        """
        parts = list(parts)
        for prepared, records in parts:
            if len(records) != len(prepared.ids):
                raise ValueError("prepared records do not match the records given")
            for trial_id, record in zip(prepared.ids, records, strict=True):
                if record is not None and (
                    not isinstance(record, dict) or record.get("id") != trial_id
                ):
                    raise ValueError(f"the record prepared as {trial_id!r} was not given")
        delta = self._delta
        postings = 0
        changed = False
        try:
            for prepared, records in parts:
                count = len(records)
                remap = array("I", bytes(4 * count))
                keep = bytearray(count)
                bounds = prepared.bounds
                forward = prepared.forward
                for local, record in enumerate(records):
                    if record is None:
                        continue
                    trial_id = prepared.ids[local]
                    changed = True
                    old = self._doc_of.get(trial_id)
                    if old is not None:
                        self._kill(old)
                    doc = len(self._ids)
                    self._doc_of[trial_id] = doc
                    self._ids.append(trial_id)
                    self._add_columns(record, trial_id)
                    start, end = bounds[4 * local], bounds[4 * local + 4]
                    shift = len(self._fwd) - start
                    self._fwd += forward[start:end]
                    self._fwd_bounds.extend(
                        map(shift.__add__, bounds[4 * local : 4 * local + 4])
                    )
                    self._fwd_bounds.append(len(self._fwd))
                    remap[local] = doc
                    keep[local] = 1
                kept = keep.count(1)
                if not kept:
                    continue
                offsets, docs, imps = prepared.offsets, prepared.docs, prepared.imps
                terms: Iterable[str] = prepared.terms
                if kept < count:  # leave out the postings of the records not given
                    flags = bytes(map(keep.__getitem__, docs))
                    counts = array("I", [0])
                    counts.extend(accumulate(map(flags.count, repeat(1), offsets[:-1],
                                                 offsets[1:])))
                    docs = array("I", compress(docs, flags))
                    imps = bytearray(compress(imps, flags))
                    offsets = counts
                # Document numbers for the whole part at once, then a slice per term.
                mapped = array("I", map(remap.__getitem__, docs))
                get = delta.get
                for term, start, end in zip(terms, offsets[:-1], offsets[1:], strict=True):
                    if start == end:
                        continue
                    entry = get(term)
                    if entry is None:
                        delta[term] = (mapped[start:end], imps[start:end])
                    else:
                        entry[0].extend(mapped[start:end])
                        entry[1].extend(imps[start:end])
                postings += len(mapped)
        finally:
            if changed:
                self._delta_postings += postings
                self._changed()
                self._maintain()

    def remove(self, ids: Iterable[str]) -> None:
        """Forget records by id (unknown ids are ignored)."""
        changed = False
        for trial_id in ids:
            doc = self._doc_of.get(trial_id)
            if doc is not None:
                self._kill(doc)
                changed = True
        if changed:
            self._changed()
            self._maintain()

    def _kill(self, doc: int) -> None:
        trial_id = self._ids[doc]
        if trial_id is not None and self._doc_of.get(trial_id) == doc:
            del self._doc_of[trial_id]
        self._ids[doc] = None
        self._dead.add(doc)

    def _add_columns(self, record: dict[str, Any], trial_id: str) -> None:
        title = record.get("title")
        self._titles.append(title if isinstance(title, str) and title else trial_id)
        self._conditions.append(joined_conditions(record.get("conditions")))
        enums = self._enums
        self._status.append(enums["status"].code(record.get("status")))
        self._type.append(enums["type"].code(record.get("study_type")))
        self._phase.append(phase_mask(record.get("phases")))
        self._enrollment.append(enrollment_count(record.get("enrollment")))
        start = start_date(record.get("dates"))
        self._start.append(start)
        self._year.append(start // 10000)
        eligibility = record.get("eligibility")
        if not isinstance(eligibility, dict):
            eligibility = {}
        self._sex.append(enums["sex"].code(eligibility.get("sex")))
        self._min_age.append(eligibility_age(eligibility.get("min_age"), 0.0))
        self._max_age.append(eligibility_age(eligibility.get("max_age"), NO_AGE))

    def _changed(self) -> None:
        self._cache.clear()

    def _maintain(self) -> None:
        dead = len(self._dead)
        if dead >= self.COMPACT_MIN_DEAD and dead * 4 >= len(self._ids):
            self._merge(compact=True)
        elif self._delta_postings and (
            self._delta_postings >= self.MERGE_FRACTION * len(self._docs)
        ):
            self._merge(compact=False)

    def _merge(self, *, compact: bool) -> None:
        """Fold the delta into the flat arrays; with compact, also drop dead documents and
        renumber the rest."""
        if compact and self._dead:
            alive = bytearray(b"\x01") * len(self._ids)
            for doc in self._dead:
                alive[doc] = 0
            remap = array("I", bytes(4 * len(self._ids)))
            new_number = 0
            for doc, flag in enumerate(alive):
                if flag:
                    remap[doc] = new_number
                    new_number += 1
        else:
            alive = None
            remap = None
        old_terms, offsets, docs, imps = self._terms.tolist(), self._offsets, self._docs, self._imps
        delta = self._delta
        delta_terms = sorted(delta)
        terms: list[str] = []
        new_offsets = array("I", [0])
        new_docs = array("I")
        new_imps = bytearray()
        i = j = 0
        n_old, n_delta = len(old_terms), len(delta_terms)
        while i < n_old or j < n_delta:
            if j >= n_delta or (i < n_old and old_terms[i] < delta_terms[j]):
                term = old_terms[i]
                part_docs = docs[offsets[i] : offsets[i + 1]]
                part_imps = imps[offsets[i] : offsets[i + 1]]
                i += 1
            else:
                term = delta_terms[j]
                extra_docs, extra_imps = delta[term]
                j += 1
                if i < n_old and old_terms[i] == term:
                    part_docs = docs[offsets[i] : offsets[i + 1]] + extra_docs
                    part_imps = imps[offsets[i] : offsets[i + 1]] + extra_imps
                    i += 1
                else:
                    part_docs, part_imps = extra_docs, extra_imps
            if alive is not None and remap is not None:
                flags = list(map(alive.__getitem__, part_docs))
                part_imps = bytearray(compress(part_imps, flags))
                part_docs = array("I", map(remap.__getitem__, compress(part_docs, flags)))
                if not part_docs:
                    continue
            terms.append(term)
            new_docs.extend(part_docs)
            new_imps.extend(part_imps)
            new_offsets.append(len(new_docs))
        self._terms = TermTable.from_list(terms)
        self._offsets, self._docs, self._imps = new_offsets, new_docs, new_imps
        self._delta = {}
        self._delta_postings = 0
        if alive is not None:
            self._renumber(alive)
        self._changed()

    def _renumber(self, alive: bytearray) -> None:
        def keep(values: Any) -> Any:
            kept = compress(values, alive)
            if isinstance(values, array):
                return array(values.typecode, kept)
            if isinstance(values, bytearray):
                return bytearray(kept)
            return list(kept)

        self._ids = keep(self._ids)
        self._titles = keep(self._titles)
        self._conditions = keep(self._conditions)
        self._start = keep(self._start)
        self._status = keep(self._status)
        self._type = keep(self._type)
        self._sex = keep(self._sex)
        self._phase = keep(self._phase)
        self._enrollment = keep(self._enrollment)
        self._min_age = keep(self._min_age)
        self._max_age = keep(self._max_age)
        self._year = keep(self._year)
        fwd, bounds = self._fwd, self._fwd_bounds
        new_fwd = bytearray()
        new_bounds = array("Q")
        for doc in compress(range(len(alive)), alive):
            start = bounds[5 * doc]
            shift = len(new_fwd) - start
            new_fwd += fwd[start : bounds[5 * doc + 4]]
            new_bounds.extend(bound + shift for bound in bounds[5 * doc : 5 * doc + 5])
        self._fwd, self._fwd_bounds = new_fwd, new_bounds
        self._doc_of = {trial_id: doc for doc, trial_id in enumerate(self._ids)}  # type: ignore[misc]
        self._dead = set()

    def compact(self) -> None:
        """Merge pending additions and drop removed records now (also done automatically)."""
        self._merge(compact=True)

    # --- postings ------------------------------------------------------------------------

    @property
    def _size(self) -> int:
        """Document numbers in use (live and dead)."""
        return len(self._ids)

    def _postings(self, term: str) -> tuple[Sequence[int], Impacts] | None:
        """(document numbers, impacts) of a term, or None."""
        terms = self._terms
        index = bisect_left(terms, term)
        extra = self._delta.get(term) if self._delta else None
        if index < len(terms) and terms[index] == term:
            start, end = self._offsets[index], self._offsets[index + 1]
            if extra is None:
                return self._docs[start:end], self._imps[start:end]
            return self._docs[start:end] + extra[0], self._imps[start:end] + extra[1]
        return extra

    def _word(self, term: str) -> Words:
        """A term as Words (no postings when the index does not hold it)."""
        terms = self._terms
        index = bisect_left(terms, term)
        flat: tuple[tuple[int, int], ...] = ()
        df = 0
        if index < len(terms) and terms[index] == term:
            flat = ((index, index + 1),)
            df = self._offsets[index + 1] - self._offsets[index]
        extra = self._delta.get(term) if self._delta else None
        if extra is None:
            return Words((term,), df, flat, ())
        return Words((term,), df + len(extra[0]), flat, (term,))

    def _expand(self, prefix: str, namespace: str = "") -> Words:
        """Every term that starts with namespace + prefix (and the whole words the prefix
        also stands for, see text.prefix_alternatives): all of them, however many."""
        full = namespace + prefix
        cache = self._cache.setdefault("words", {})
        found: Words | None = cache.get(full)
        if found is not None:
            return found
        terms, offsets = self._terms, self._offsets
        # The completions are one run of the sorted terms, their postings one run of the
        # flat arrays.
        low = bisect_left(terms, full)
        high = bisect_left(terms, full + "\U0010ffff", low)
        names = terms[low:high]
        flat = [(low, high)] if low < high else []
        df = offsets[high] - offsets[low]
        others = [namespace + word for word in prefix_alternatives(prefix)]
        for term in others:
            index = bisect_left(terms, term)
            if index < len(terms) and terms[index] == term and not low <= index < high:
                flat.append((index, index + 1))
                names.append(term)
                df += offsets[index + 1] - offsets[index]
        delta: list[str] = []
        if self._delta:
            delta_terms = self._delta_terms()
            start = bisect_left(delta_terms, full)
            delta = delta_terms[start : bisect_left(delta_terms, full + "\U0010ffff", start)]
            delta += [term for term in others if term in self._delta and term not in delta]
            df += sum(len(self._delta[term][0]) for term in delta)
        if delta or len(flat) > 1:
            names = sorted(set(names).union(delta))
        found = Words(tuple(names), df, tuple(sorted(flat)), tuple(sorted(delta)))
        if len(cache) >= _WORDS_CACHE_SIZE:
            cache.clear()
        cache[full] = found
        return found

    def _union(self, words: Words) -> bytearray:
        """One byte per document number: its impact for words (0 = none of the terms).

        Where a document holds several of the terms, the impact of the rarest counts: the
        terms' postings are written most frequent first (ties by term), each with one
        C-level pass (map of bytearray.__setitem__), so the cost is one pass per posting.
        """
        dense = bytearray(len(self._ids))
        offsets, docs, imps, delta = self._offsets, self._docs, self._imps, self._delta
        # Runs of postings: (term, start, end) in the flat arrays, (term, -1, -1) in the delta.
        runs: list[tuple[str, int, int]] = []
        for low, high in words.flat:
            starts = offsets[low : high + 1]
            runs.extend(zip(self._terms[low:high], starts[:-1], starts[1:], strict=True))
        counts = dict(zip(map(itemgetter(0), runs), map(sub, map(itemgetter(2), runs),
                                                        map(itemgetter(1), runs)), strict=True))
        for term in words.delta:
            counts[term] = counts.get(term, 0) + len(delta[term][0])
            runs.append((term, -1, -1))
        runs.sort(key=itemgetter(0))
        runs.sort(key=lambda run: counts[run[0]], reverse=True)  # stable: ties by term
        setitem = dense.__setitem__
        for term, start, end in runs:
            if start >= 0:
                deque(map(setitem, docs[start:end], imps[start:end]), maxlen=0)
            else:
                deque(map(setitem, *delta[term]), maxlen=0)
        return dense

    def _delta_terms(self) -> list[str]:
        cached = self._cache.get("delta_terms")
        if cached is None:
            cached = self._cache["delta_terms"] = sorted(self._delta)
        return cached

    # --- derived per-document data -------------------------------------------------------

    def _order(self) -> list[int]:
        """Live document numbers in id order."""
        order = self._cache.get("order")
        if order is None:
            ids = self._ids
            order = sorted(self._doc_of.values(), key=ids.__getitem__)
            self._cache["order"] = order
        return order

    def _rank(self) -> array[int]:
        """rank[doc]: the position of the document's id in id order (ties break by id)."""
        rank = self._cache.get("rank")
        if rank is None:
            rank = array("I", bytes(4 * len(self._ids)))
            for position, doc in enumerate(self._order()):
                rank[doc] = position
            self._cache["rank"] = rank
        return rank

    def _sorted_column(self, name: str) -> tuple[array[float], array[int]]:
        """(values ascending, their document numbers) of enrollment (-1: unknown), year (0:
        unknown), min_age or max_age, over every document number."""
        cached: tuple[array[float], array[int]] | None = self._cache.get("sorted_" + name)
        if cached is None:
            columns: dict[str, array[int] | array[float]] = {
                "enrollment": self._enrollment,
                "year": self._year,
                "min_age": self._min_age,
                "max_age": self._max_age,
            }
            column = columns[name]
            ordered = sorted(range(len(column)), key=column.__getitem__)
            values = array("d", map(column.__getitem__, ordered))
            cached = self._cache["sorted_" + name] = (values, array("I", ordered))
        return cached

    def _alive(self) -> bytes:
        """One byte per document number: 1 for live documents."""
        alive = self._cache.get("alive")
        if alive is None:
            mask = bytearray(b"\x01") * len(self._ids)
            for doc in self._dead:
                mask[doc] = 0
            alive = self._cache["alive"] = bytes(mask)
        return alive

    # --- reading columns ------------------------------------------------------------------

    def columns(self, trial_id: str) -> dict[str, Any] | None:
        """The list columns of a trial (id, title, status, phases, conditions, enrollment,
        study_type, start), or None for an unknown id."""
        doc = self._doc_of.get(trial_id)
        if doc is None:
            return None
        enrollment = self._enrollment[doc]
        return {
            "id": trial_id,
            "title": self._titles[doc],
            "status": self._enums["status"].values[self._status[doc]],
            "phases": phase_names(self._phase[doc]),
            "conditions": split_conditions(self._conditions[doc]),
            "enrollment": None if enrollment < 0 else enrollment,
            "study_type": self._enums["type"].values[self._type[doc]],
            "start": date_text(self._start[doc]),
        }

    def facets(self, ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """How many of these trials have each status, phase and study type (enum spellings;
        trials without a value are not counted; unknown ids are ignored)."""
        status_counts: Counter[int] = Counter()
        type_counts: Counter[int] = Counter()
        phase_counts: Counter[int] = Counter()
        doc_of, status, study_type, phase = self._doc_of, self._status, self._type, self._phase
        for trial_id in ids:
            doc = doc_of.get(trial_id)
            if doc is not None:
                status_counts[status[doc]] += 1
                type_counts[study_type[doc]] += 1
                phase_counts[phase[doc]] += 1
        by_phase: Counter[str] = Counter()
        for mask, count in phase_counts.items():
            for phase_name in phase_names(mask):
                by_phase[phase_name] += count
        statuses, types = self._enums["status"].values, self._enums["type"].values
        return {
            "status": {statuses[c]: n for c, n in sorted(status_counts.items()) if c},  # type: ignore[misc]
            "phase": {p: by_phase[p] for p in vocab.PHASE_ORDER if by_phase[p]},
            "study_type": {types[c]: n for c, n in sorted(type_counts.items()) if c},  # type: ignore[misc]
        }

    # --- searching -----------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        limit: int | None = 50,
        prefix_last: bool = False,
        sort: str | None = None,
    ) -> list[Hit]:
        """Matches of a query, best first (ties by id), or by a column when sort is one of
        SORTS (prefix "-" for descending; trials without a value come last).

        An empty query matches every trial (score 0, id order). A malformed query raises
        QueryError. limit None returns every match.
        """
        parsed = query if isinstance(query, Query) else parse_query(query, prefix_last=prefix_last)
        column, descending = sort_key(sort)
        if limit is not None and limit <= 0:
            return []
        ids = self._ids
        if parsed.root is None:
            order = self._order()
            if column is not None:
                order = self._sort_docs(order, column, descending)
            chosen = order if limit is None else order[:limit]
            return [Hit(ids[doc], 0.0) for doc in chosen]  # type: ignore[arg-type]
        lazy = column is None and limit is not None
        if lazy and limit is not None:
            best = self._best_of_words(parsed.root, limit)
            if best is not None:
                return [Hit(ids[doc], score) for doc, score in best]  # type: ignore[arg-type]
        evaluator = Evaluator(self, defer_phrases=lazy, limit=limit if lazy else None)
        result = evaluator.run(parsed.root)
        if isinstance(result, bytes):  # a mask: nothing ranks, every score is 0
            mask = evaluator._and_masks([result, self._alive()]) if self._dead else result
            if column is not None:
                docs = self._sort_docs(list(compress(range(len(mask)), mask)), column, descending)
            elif limit is not None and mask.count(1) > 4 * limit:
                docs = list(islice(filter(mask.__getitem__, self._order()), limit))
            else:  # few matches: find them, then put them in id order
                docs = sorted(_ones(mask), key=self._rank().__getitem__)
            chosen = docs if limit is None else docs[:limit]
            return [Hit(ids[doc], 0.0) for doc in chosen]  # type: ignore[arg-type]
        if self._dead:
            result = result.keep(list(map(self._alive().__getitem__, result.docs)))
        matched = result.docs
        single = column is None and result.raw and not evaluator.deferred and limit is not None
        if single and not self._boosts(parsed):
            assert result.impacts is not None and limit is not None
            top = self._top_impacts(matched, result.impacts, result.unit, limit)
            return [Hit(ids[doc], score) for doc, score in top]  # type: ignore[arg-type]
        scores = self._boost(parsed, matched, result.scores)
        if column is not None:
            by_doc = dict(zip(matched, scores, strict=True))
            ordered = self._sort_docs(list(matched), column, descending)
            chosen = ordered if limit is None else ordered[:limit]
            return [Hit(ids[doc], by_doc[doc]) for doc in chosen]  # type: ignore[arg-type]
        check = evaluator.check_deferred if evaluator.deferred else None
        top = self._top(matched, scores, limit, check)
        return [Hit(ids[doc], score) for doc, score in top]  # type: ignore[arg-type]

    def count(self, query: str | Query, *, prefix_last: bool = False) -> int:
        """How many trials match (as len(search(query, limit=None)), without ranking)."""
        parsed = query if isinstance(query, Query) else parse_query(query, prefix_last=prefix_last)
        if parsed.root is None:
            return len(self)
        evaluator = Evaluator(self)
        result = evaluator.run(parsed.root)
        if isinstance(result, bytes):
            if self._dead:
                result = evaluator._and_masks([result, self._alive()])
            return result.count(1)
        if not self._dead:
            return len(result.docs)
        return sum(map(self._alive().__getitem__, result.docs))

    def _boost(self, parsed: Query, docs: Sequence[int], scores: list[float]) -> list[float]:
        """scores, plus ID_BOOST / ACRONYM_BOOST where the whole query is the document's id /
        acronym."""
        boosts = self._boosts(parsed)
        if not boosts or not scores:
            return scores
        return list(map(add, scores, map(boosts.get, docs, repeat(0.0))))

    def _boosts(self, parsed: Query) -> dict[int, float]:
        whole = parsed.whole_key()
        boosts: dict[int, float] = {}
        if whole:
            for namespace, boost in ((NS_ID, ID_BOOST), (NS_ACRONYM, ACRONYM_BOOST)):
                found = self._postings(namespace + whole)
                if found is not None:
                    for doc in found[0]:
                        boosts[doc] = boosts.get(doc, 0.0) + boost
        return boosts

    def _top_impacts(
        self, docs: Sequence[int], impacts: Impacts, unit: float, limit: int
    ) -> list[tuple[int, float]]:
        """The best documents of one word (score = unit * impact), ties by id, found by
        counting impact values rather than ranking every document."""
        if len(docs) <= limit:
            return self._top(docs, list(map(unit.__mul__, impacts)), limit, None)
        # Count impact values from the top until limit documents are reached (a few C scans;
        # high impacts are rare).
        seen = 0
        threshold = 0
        for value in range(255, 0, -1):
            here = impacts.count(value)
            if seen + here >= limit:
                threshold = value
                break
            seen += here
        # seen: how many are above the threshold.
        # The documents above the threshold are fewer than limit, and those at it usually
        # few: find their positions (bytes.find) rather than pass over every posting.
        above_at = _positions(impacts.translate(_ABOVE[threshold]), seen)
        above = self._top(
            list(map(docs.__getitem__, above_at)),
            list(map(unit.__mul__, map(impacts.__getitem__, above_at))),
            limit,
            None,
        )
        tied_at = _positions(impacts.translate(_EQUAL[threshold]), impacts.count(threshold))
        tied = heapq.nsmallest(
            limit - len(above),
            map(docs.__getitem__, tied_at),
            key=self._rank().__getitem__,
        )
        score = unit * threshold
        return above + [(doc, score) for doc in tied]

    #: The AND of plain words takes the MaxScore path (_best_of_words) when its rarest word
    #: is in at least this many documents (below, scoring every candidate is as fast).
    BEST_OF_WORDS_MIN = 2048

    def _best_of_words(self, root: object, limit: int) -> list[tuple[int, float]] | None:
        """The best `limit` matches of an AND of plain words (no phrase, prefix, field-less
        filter, OR or exclusion), exactly as the evaluator ranks them, without scoring every
        candidate; None when the query is not of that shape (or small enough not to bother).

        MaxScore: the rarest word's postings are taken in decreasing impact; a document whose
        rarest-word impact is v scores at most unit * v plus the other words' highest
        possible scores, so once that bound is below the limit-th best score found so far,
        no later document can enter (or tie) the best `limit`. Scores are summed in the
        evaluator's order (rarest word first), so they are the same floats.
        """
        if not isinstance(root, And) or len(root.items) < 2:
            return None
        items = [item for item in root.items if isinstance(item, Text)]
        if len(items) < len(root.items) or not all(
            len(item.words) == 1 and not item.prefix for item in items
        ):
            return None
        evaluator = Evaluator(self)
        ordered = sorted(items, key=evaluator.cost)  # the evaluator's order (Evaluator._and)
        words = [evaluator.terms(item, 0) for item in ordered]
        first = self._postings(words[0].terms[0])
        if first is None:
            return []
        docs, impacts = first
        if len(docs) < self.BEST_OF_WORDS_MIN:
            return None
        unit = evaluator._unit(words[0])
        others = []
        for word in words[1:]:
            found = self._postings(word.terms[0])
            if found is None:
                return []
            others.append((evaluator._dense(word), evaluator._unit(word), max(found[1])))
        rest = 0.0
        for _, other_unit, highest in others:
            rest += other_unit * highest
        alive = self._alive() if self._dead else None
        chosen_docs: list[int] = []
        chosen_scores: list[float] = []
        best: list[float] = []  # the best `limit` scores so far (a min-heap)
        for value in range(255, -1, -1):
            count = impacts.count(value)
            if not count:
                continue
            bound = unit * value + rest
            if len(best) >= limit and bound + abs(bound) * 1e-9 < best[0]:
                break  # no document left can reach the limit-th best score
            at = _positions(impacts.translate(_EQUAL[value]), count)
            bucket = list(map(docs.__getitem__, at))
            if alive is not None:
                bucket = list(compress(bucket, map(alive.__getitem__, bucket)))
            scores = [unit * value] * len(bucket)
            for dense, other_unit, _ in others:
                held = list(map(dense.__getitem__, bucket))
                bucket = list(compress(bucket, held))
                scores = list(map(add, compress(scores, held),
                                  map(other_unit.__mul__, compress(held, held))))
                if not bucket:
                    break
            if not bucket:
                continue
            chosen_docs.extend(bucket)
            chosen_scores.extend(scores)
            best.extend(scores)
            if len(best) > limit:
                best = heapq.nlargest(limit, best)
            heapq.heapify(best)
        return self._top(chosen_docs, chosen_scores, limit, None)

    def _top(
        self,
        docs: Sequence[int],
        scores: list[float],
        limit: int | None,
        check: Callable[[Sequence[int]], list[bool]] | None,
    ) -> list[tuple[int, float]]:
        """The best (doc, score) pairs, ties by id; check (when given) says which documents
        really match (the deferred phrases), and is asked about as few as possible."""
        rank = self._rank()

        def order(item: tuple[int, float]) -> tuple[float, int]:
            return (-item[1], rank[item[0]])

        if check is not None:
            # Check the best candidates first; if too few pass, check all, rank the rest.
            first = max(4 * (limit or 0), 256)
            if limit is not None and len(scores) > first:
                head = self._top(docs, scores, first, None)
                out = list(compress(head, check([doc for doc, _ in head])))
                if len(out) >= limit:
                    return out[:limit]
            flags = check(docs)
            return self._top(
                list(compress(docs, flags)), list(compress(scores, flags)), limit, None
            )
        if limit is None or len(scores) <= limit:
            # Two stable sorts with C-level keys: by id, then by score descending.
            by_doc = dict(zip(docs, scores, strict=True))
            ordered = sorted(docs, key=rank.__getitem__)
            ordered.sort(key=by_doc.__getitem__, reverse=True)
            return [(doc, by_doc[doc]) for doc in ordered[:limit]]
        threshold = heapq.nlargest(limit, scores)[-1]  # the limit-th best score, ties counted
        flags = list(map(threshold.__le__, scores))
        chosen = list(zip(compress(docs, flags), compress(scores, flags), strict=True))
        above = [item for item in chosen if item[1] > threshold]
        above.sort(key=order)
        tied = heapq.nsmallest(
            limit - len(above),
            (doc for doc, score in chosen if score == threshold),
            key=rank.__getitem__,
        )
        return above + [(doc, threshold) for doc in tied]

    def _sort_docs(self, docs: list[int], column: str, descending: bool) -> list[int]:
        """Documents sorted by a list column (ties by id); those without a value last."""
        rank = self._rank()
        value: Callable[[int], Any]
        if column == "id":
            docs = sorted(docs, key=rank.__getitem__, reverse=descending)
            return docs
        if column == "title":
            titles = self._titles

            def value(doc: int) -> Any:
                return titles[doc].casefold()

        elif column == "status":
            values = self._enums["status"].values
            names = [vocab.humanise(v).casefold() if v else None for v in values]
            status = self._status

            def value(doc: int) -> Any:
                return names[status[doc]]

        elif column == "phase":
            phase = self._phase

            def value(doc: int) -> Any:
                mask = phase[doc]
                return mask.bit_length() if mask else None

        elif column == "enrollment":
            enrollment = self._enrollment

            def value(doc: int) -> Any:
                count = enrollment[doc]
                return None if count < 0 else count

        else:  # start
            start = self._start

            def value(doc: int) -> Any:
                return start[doc] or None

        return sorted_by(docs, value, rank, descending)

    # --- highlighting --------------------------------------------------------------------

    def highlights(
        self, query: str | Query, record: dict[str, Any]
    ) -> dict[str, list[tuple[int, int]]]:
        """Match spans per field path of a record ("title", "conditions.2",
        "eligibility.inclusion.3.children.0.text", …): offsets into the record's strings,
        for the words, prefixes and phrases of the query (not those it excludes)."""
        parsed = query if isinstance(query, Query) else parse_query(query)
        return record_highlights(parsed, record)

    def text_highlights(self, query: str | Query, text: str) -> list[tuple[int, int]]:
        """Match spans of the query's words, prefixes and phrases in any text."""
        parsed = query if isinstance(query, Query) else parse_query(query)
        return spans_in_text(parsed, text)

    # --- persistence ---------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The index as bytes (merges pending additions first; see from_bytes)."""
        if self._delta or len(self._dead) * 10 > len(self._ids):
            self._merge(compact=len(self._dead) * 10 > len(self._ids))
        blobs: list[tuple[str, str, bytes]] = [
            ("terms", "raw", self._terms.blob),
            ("term_starts", "I", self._terms.starts.tobytes()),
            ("offsets", "I", self._offsets.tobytes()),
            ("docs", "I", self._docs.tobytes()),
            ("imps", "B", bytes(self._imps)),
            ("ids", "json", orjson.dumps(self._ids)),
            ("titles", "json", orjson.dumps(self._titles)),
            ("conditions", "json", orjson.dumps(self._conditions)),
            ("start", "I", self._start.tobytes()),
            ("status", "B", bytes(self._status)),
            ("type", "B", bytes(self._type)),
            ("sex", "B", bytes(self._sex)),
            ("phase", "B", bytes(self._phase)),
            ("enrollment", "i", self._enrollment.tobytes()),
            ("min_age", "d", self._min_age.tobytes()),
            ("max_age", "d", self._max_age.tobytes()),
            ("year", "H", self._year.tobytes()),
            ("rank", "I", self._rank().tobytes()),
            ("fwd", "B", bytes(self._fwd)),
            ("fwd_bounds", "Q", self._fwd_bounds.tobytes()),
        ]
        extra = {
            "enums": {name: codes.values[1:] for name, codes in self._enums.items()},
            "dead": sorted(self._dead),
        }
        return index_format.encode(_params(), extra, blobs)

    @classmethod
    def from_bytes(cls, data: bytes) -> SearchIndex:
        """An index from to_bytes() output. Raises ValueError (IndexFormatError) for data
        that is not such an index (damaged or truncated), or was written with other
        parameters (rebuild the index then). Any other exception is a bug, not damage."""
        header, blobs = index_format.decode(data, _params(), _BLOB_KINDS)
        return cls._from_parts(header, blobs)

    @classmethod
    def _from_parts(cls, header: dict[str, Any], blobs: dict[str, Any]) -> SearchIndex:
        """An index from a decoded header and blobs, checked (cheaply) for consistency."""
        damaged = index_format.IndexFormatError
        ids, titles, conditions = blobs["ids"], blobs["titles"], blobs["conditions"]
        if not (
            _all_of(ids, (str, type(None))) and _all_of(titles, str) and _all_of(conditions, str)
        ):
            raise damaged("search index is inconsistent (bad list columns)")
        n = len(ids)
        dead = header.get("dead")
        if not _all_of(dead, int) or any(
            isinstance(doc, bool) or not 0 <= doc < n for doc in dead
        ):
            raise damaged("search index is inconsistent (bad removed documents)")
        enums = header.get("enums")
        codes = enum_codes()
        if not isinstance(enums, dict) or sorted(enums) != sorted(codes):
            raise damaged("search index is inconsistent (bad enum values)")
        for name, values in enums.items():
            if not _all_of(values, str) or len(values) > 255:
                raise damaged("search index is inconsistent (bad enum values)")
            codes[name] = Codes(values)
        index = cls()
        index._terms = TermTable(blobs["terms"], blobs["term_starts"])
        index._offsets = blobs["offsets"]
        index._docs = blobs["docs"]
        index._imps = blobs["imps"]
        index._ids = ids
        index._titles = titles
        index._conditions = conditions
        index._start = blobs["start"]
        index._status = blobs["status"]
        index._type = blobs["type"]
        index._sex = blobs["sex"]
        index._phase = blobs["phase"]
        index._enrollment = blobs["enrollment"]
        index._min_age = blobs["min_age"]
        index._max_age = blobs["max_age"]
        index._year = blobs["year"]
        index._fwd = blobs["fwd"]
        index._fwd_bounds = blobs["fwd_bounds"]
        index._dead = set(dead)
        index._enums = codes
        columns = (
            index._titles,
            index._conditions,
            index._start,
            index._status,
            index._type,
            index._sex,
            index._phase,
            index._enrollment,
            index._min_age,
            index._max_age,
            index._year,
        )
        if (
            any(len(column) != n for column in columns)
            or not index._terms.consistent()
            or len(index._offsets) != len(index._terms) + 1
            or len(index._docs) != len(index._imps)
            or index._offsets[-1] != len(index._docs)
            or len(index._fwd_bounds) != 5 * n
            or (n and index._fwd_bounds[-1] != len(index._fwd))
            or any(
                max(column, default=0) >= len(codes[name].values)
                for name, column in (
                    ("status", index._status),
                    ("type", index._type),
                    ("sex", index._sex),
                )
            )
        ):
            raise damaged("search index is inconsistent")
        index._doc_of = {trial_id: doc for doc, trial_id in enumerate(ids) if trial_id}
        rank = blobs["rank"]
        if len(rank) == n:
            index._cache["rank"] = rank
        return index


#: The blobs of a saved index and their kinds (see index_format).
_BLOB_KINDS = {
    "terms": "raw",
    "term_starts": "I",
    "offsets": "I",
    "docs": "I",
    "imps": "B",
    "ids": "json",
    "titles": "json",
    "conditions": "json",
    "start": "I",
    "status": "B",
    "type": "B",
    "sex": "B",
    "phase": "B",
    "enrollment": "i",
    "min_age": "d",
    "max_age": "d",
    "year": "H",
    "rank": "I",
    "fwd": "B",
    "fwd_bounds": "Q",
}


def _all_of(values: object, kinds: type | tuple[type, ...]) -> TypeGuard[list[Any]]:
    """Is values a list of instances of kinds?"""
    return isinstance(values, list) and all(map(isinstance, values, repeat(kinds)))


def _positions(flags: Impacts, count: int) -> Sequence[int]:
    """Positions of the 1 bytes of a 0/1 mask holding count of them: found one by one when
    they are few, else in one pass."""
    if count * 32 < len(flags):
        return _ones(flags)
    return list(compress(range(len(flags)), flags))


def _ones(mask: Impacts) -> list[int]:
    """Positions of the 1 bytes of a sparse mask."""
    found = []
    at = mask.find(1)
    while at >= 0:
        found.append(at)
        at = mask.find(1, at + 1)
    return found


def _params() -> dict[str, Any]:
    return {
        "k1": K1,
        "b": B,
        "avgdl": AVGDL,
        "weights": WEIGHTS,
        "tokens": 1,
        "unit": UNIT,
        "layout": 2,
    }


_ABOVE = [bytes(int(value > threshold) for value in range(256)) for threshold in range(256)]
_EQUAL = [bytes(int(value == threshold) for value in range(256)) for threshold in range(256)]
