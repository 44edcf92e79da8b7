"""The documents of an index rebuild, read and prepared in worker processes (or in this one).

Per study a rebuild spends about 0.2 ms reading and decoding its stored version, 0.4 ms
preparing its document (documents.prepare: the project's own tokenizing, in Python) and
0.35 ms in tantivy. The first two need nothing but the segment files, so worker processes do
them, chunk by chunk, while the rebuilding process only feeds tantivy and commits.

Feed.chunks() hands on every chunk of every segment in order, the same documents whoever
prepared them (prepare_spans). At most IN_FLIGHT_PER_WORKER chunks per worker are submitted
and not yet handed on, so memory holds a few chunks (about 24 KB a study) whatever the size
of the store; and after RECYCLE_STUDIES studies fresh workers take over from the old ones,
whose caches and heap have grown. A store of fewer than PARALLEL_MIN studies, or
TRIALS_IMPORT_WORKERS=1, is prepared in this process (a pool costs a fraction of a second to
start).

A chunk that failed in a worker (its read raised, or the worker died) is prepared again here:
a damaged segment then raises here what the rebuild in one process raises, at the same
point; a worker that died for another reason costs that chunk's time only (and the pool is
started afresh, at most MAX_RESTARTS times: then the rest is prepared here). A segment that
cannot be listed raises when its turn comes, as in one process.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .engine.documents import Prepared, imported_at_of, prepare
from .errors import StoreError
from .pipeline_parse import describe
from .pipeline_pool import head_then, new_fresh_pool, new_pool, worker_count
from .pool_shutdown import stop_pool
from .record_upgrade import indexable
from .segment_format import Location
from .segments import SegmentFiles

#: Studies per chunk (a segment of an import holds about 1,000): a task of about 0.15 s for a
#: worker, and 6 MB of documents waiting while it is in flight.
CHUNK = 250
#: Chunks submitted per worker and not yet handed on: enough that no worker waits while the
#: rebuilding process commits a segment (a commit waits about 0.3 s for tantivy's indexing
#: of a 1,000-study segment, while a worker prepares some 450 studies).
IN_FLIGHT_PER_WORKER = 3
#: Stores of fewer studies than this are prepared in this process.
PARALLEL_MIN = 3000
#: Times a broken pool is replaced by a fresh one before the rest is prepared here.
MAX_RESTARTS = 2
#: Studies a pool prepares before fresh workers take over. A worker's caches of words and
#: prefixes (store.search.text, documents) and its heap grow with what it has read (from 58
#: to 102 MB over 50,000 studies each, rebuilding 100,000 with two workers; and each worker
#: has its own): on a registry's store, 300,000 studies a worker would hold some 300 MB each.
#: The new workers are spawned (the index's writer, with its threads, exists by then: no
#: fork), ~0.4 s, while the old ones finish their chunks; as with an import's recycled
#: workers, a script that opens a store must guard its main code (if __name__ == ...).
RECYCLE_STUDIES = 50_000

#: (trial id, offset, length) of a document in its segment file.
Span = tuple[str, int, int]
#: A document ready for Batch.put_prepared: (document, location, sha256, imported_at).
Ready = tuple[Prepared, Location, str, str | None]


@dataclass(frozen=True, slots=True)
class Chunk:
    """Some consecutive documents of a segment (last: the segment's last chunk), or the
    error its listing raised (raised when its turn comes)."""

    segment: int
    spans: list[Span]
    last: bool
    error: StoreError | None = None


def prepare_spans(segments: SegmentFiles, number: int, spans: list[Span]) -> list[Ready]:
    """The documents of these spans of segment `number`, as Batch.put() would index their
    records: read (in the current shape, record_upgrade.indexable), prepared, with the
    version's sha256 and the record's source.imported_at."""
    ready: list[Ready] = []
    for trial_id, offset, length in spans:
        location = Location(number, offset, length)
        version = indexable(segments.read(location, trial_id))
        ready.append((prepare(version.record), location, str(version.meta.get("sha256") or ""),
                      imported_at_of(version.record)))
    return ready


#: A worker's segment files, by (folder, store manifest): opened once per worker process.
_worker_segments: dict[tuple[str, str | None], SegmentFiles] = {}


def _work(folder: str, store: str | None, number: int, spans: list[Span]) -> list[Ready] | str:
    """What a worker runs: prepare_spans, or why it failed (the rebuilding process prepares
    the chunk again, to raise its error as it would in one process: an exception of the
    store's own kind need not survive its trip back)."""
    try:
        segments = _worker_segments.get((folder, store))
        if segments is None:
            segments = SegmentFiles(Path(folder), store=None if store is None else Path(store))
            _worker_segments[(folder, store)] = segments
        return prepare_spans(segments, number, spans)
    except BaseException as exc:  # SystemExit from a record too: prepared again, it raises
        return describe(exc)


class Feed:
    """The chunks of a rebuild with their documents (see the module doc)."""

    def __init__(self, segments: SegmentFiles, store: Path | None,
                 workers: int | None = None) -> None:
        """segments: the store's segment files (on disk: workers open them by folder);
        store: its manifest (named in a DamagedStoreError)."""
        self._segments = segments
        self._store = store
        self._workers = worker_count(workers) if segments.folder is not None else 1
        self._pool: ProcessPoolExecutor | None = None
        self._retiring: list[ProcessPoolExecutor] = []  # recycled, finishing their chunks
        self._given = 0  # studies given to the pool
        self._restarts = 0
        self._flight: deque[tuple[Chunk, Future[list[Ready] | str] | None,
                                  ProcessPoolExecutor | None]] = deque()
        self._listing: Iterator[Chunk] = iter(())
        #: Pools started, chunks prepared in a worker, and the most chunks submitted and not
        #: yet handed on at any time (what the tests check).
        self.pools_started = 0
        self.in_worker = 0
        self.peak_in_flight = 0

    @property
    def workers(self) -> int:
        return self._workers

    def start(self, numbers: Iterable[int]) -> None:
        """List the segments (in order) up to PARALLEL_MIN studies and, when the store has
        that many and more than one worker is asked for, start the workers and give them
        their first chunks. Call before the index's writer exists: the workers may be
        forked, and a fork must not copy tantivy's threads' locks."""
        listing = self._list(numbers)
        head: deque[Chunk] = deque()
        self._listing = head_then(head, listing)
        if self._workers <= 1:
            return
        studies = 0
        for chunk in listing:
            head.append(chunk)
            studies += len(chunk.spans)
            if studies >= PARALLEL_MIN:
                break
        else:
            return  # a small store: prepared here
        self._start(fresh=False)
        self._fill()

    def chunks(self) -> Iterator[tuple[Chunk, list[Ready]]]:
        """Every chunk of the segments given to start(), in order, with its documents;
        the error of a chunk that cannot be read is raised when its turn comes."""
        while True:
            self._fill()
            if not self._flight:
                return
            chunk, future, pool = self._flight.popleft()
            ready = self._result(chunk, future, pool)
            self._retire()
            yield chunk, ready

    def close(self) -> None:
        """Stop the workers at once (a rebuild that ends early need not wait for them)."""
        for pool in [*self._retiring, self._pool]:
            if pool is not None:
                stop_pool(pool, wait_for_workers=False)
        self._pool = None
        self._retiring.clear()
        self._flight.clear()

    def __enter__(self) -> Feed:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- inside -------------------------------------------------------------------------

    def _list(self, numbers: Iterable[int]) -> Iterator[Chunk]:
        """The chunks of each segment, in order (an empty segment: one empty chunk)."""
        for number in numbers:
            try:
                spans = [(trial_id, location.offset, location.length)
                         for trial_id, location in self._segments.iter_segment(number)]
            except StoreError as exc:
                yield Chunk(number, [], True, exc)
                return  # the rebuild stops there
            starts = range(0, len(spans), CHUNK) if spans else range(1)
            for start in starts:
                yield Chunk(number, spans[start:start + CHUNK], start + CHUNK >= len(spans))

    def _fill(self) -> None:
        """Submit chunks until IN_FLIGHT_PER_WORKER per worker are in flight (one without
        workers). With the chunk being indexed, that many and one hold documents."""
        limit = self._workers * IN_FLIGHT_PER_WORKER if self._pool is not None else 1
        while len(self._flight) < limit:
            chunk = next(self._listing, None)
            if chunk is None:
                break
            if self._pool is not None and self._given >= RECYCLE_STUDIES:
                self._recycle()
            self._flight.append((chunk, self._submit(chunk), self._pool))
            self._given += len(chunk.spans)
        self.peak_in_flight = max(self.peak_in_flight, len(self._flight))

    def _submit(self, chunk: Chunk) -> Future[list[Ready] | str] | None:
        if self._pool is None or chunk.error is not None:
            return None
        folder = self._segments.folder
        assert folder is not None
        store = None if self._store is None else str(self._store)
        try:
            return self._pool.submit(_work, str(folder), store, chunk.segment, chunk.spans)
        except Exception:  # the pool is broken: this chunk is prepared here
            self._broken(self._pool)
            return None

    def _result(self, chunk: Chunk, future: Future[list[Ready] | str] | None,
                pool: ProcessPoolExecutor | None) -> list[Ready]:
        """The chunk's documents: the worker's, or prepared here (raising here what the
        chunk raises, as in one process)."""
        if chunk.error is not None:
            raise chunk.error
        if future is not None:
            try:
                answer = future.result()
            except Exception:  # the worker died (BrokenProcessPool), or its answer was lost
                self._broken(pool)
            else:
                if not isinstance(answer, str):
                    self.in_worker += 1
                    return answer
        return prepare_spans(self._segments, chunk.segment, chunk.spans)

    def _broken(self, pool: ProcessPoolExecutor | None) -> None:
        """A pool failed: stop it and start a fresh one, MAX_RESTARTS times at most (the
        chunks it held are prepared here as their turn comes)."""
        if pool is None or pool is not self._pool:
            return  # an earlier pool, replaced already
        stop_pool(pool, wait_for_workers=False)
        self._pool = None
        if self._restarts < MAX_RESTARTS:
            self._restarts += 1
            self._start(fresh=True)
            self._given = 0

    def _recycle(self) -> None:
        """Give the next chunks to fresh workers; the old ones finish theirs, then stop
        (_retire). When no fresh worker can be started, the old ones go on."""
        old = self._pool
        self._start(fresh=True)
        if self._pool is None:
            self._pool = old
        elif old is not None:
            self._retiring.append(old)
        self._given = 0

    def _retire(self) -> None:
        """Stop the recycled pools that have no chunk in flight any more."""
        for pool in list(self._retiring):
            if all(held is not pool for _, _, held in self._flight):
                stop_pool(pool, wait_for_workers=False)
                self._retiring.remove(pool)

    def _start(self, *, fresh: bool) -> None:
        """Start the pool; fresh: spawned (the index's writer, with its threads, exists)."""
        try:
            self._pool = new_fresh_pool(self._workers) if fresh else new_pool(self._workers)
        except (OSError, ValueError, NotImplementedError, ImportError):
            self._pool = None  # no worker can be started: everything is prepared here
        else:
            self.pools_started += 1

