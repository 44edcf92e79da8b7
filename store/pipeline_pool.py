"""Parse a stream of chunks in worker processes, in order, with a bounded number in flight.

ParsePool.run(chunks) yields each chunk with its answers in the order the chunks came, while
at most IN_FLIGHT_PER_WORKER chunks per worker are submitted and not yet handed on, so memory
holds a few chunks whatever the length of the stream. A stream of fewer than PARALLEL_MIN
files (and PARALLEL_MIN_BYTES) is parsed in this process (a pool costs ~0.1 s to start).

A file that kills its worker process fails alone: when the pool breaks, the chunks it had not
finished are parsed again one at a time in a fresh worker, halved until the file that crashes
is alone (it fails, with the reason), and then a new pool goes on with the stream. A chunk
whose task failed otherwise is parsed again the same way; when it then parses whole, each of
its files notes the first failure. When no worker process can be started, everything is
parsed in this process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .pipeline_parse import Task, WireFile, describe, parse_task, worker_init
from .pool_shutdown import drop_unsent_tasks, stop_pool

#: Imports of fewer files than this (and fewer bytes than PARALLEL_MIN_BYTES) are parsed in
#: this process.
PARALLEL_MIN = 200
PARALLEL_MIN_BYTES = 32 << 20
#: Files per chunk sent to a worker (see chunk_size), and at most CHUNK_BYTES of them (a
#: chunk of one larger file is sent alone).
CHUNK_MIN = 20
CHUNK_MAX = 500
CHUNK_BYTES = 4 << 20
#: Chunks held while deciding whether an import is large enough for worker processes.
HEAD_CHUNKS = 8
#: Chunks submitted per worker and not yet handed on: enough to keep each worker busy while
#: the importing process commits a checkpoint (two per worker left the cores a sixth idle:
#: 660 studies/s at 100,000, 750 with four); and at most this many bytes of files per worker
#: (but always one chunk, however large). The parsed answers of a chunk are about 3.5 times
#: its bytes, so these bound what waits in memory too.
IN_FLIGHT_PER_WORKER = 4
IN_FLIGHT_BYTES = 24 << 20
#: Files a pool parses before its workers are replaced by fresh ones (after the chunks in
#: flight are done), so that no cache of the parser or of the index code grows for a whole
#: registry import. The new workers are spawned, not forked: a fork of the importing
#: process, large by then, would start each worker as large.
RECYCLE_FILES = 50_000
#: Worker processes: None for one per available CPU, or $TRIALS_IMPORT_WORKERS when set
#: (1 parses everything in this process).
WORKERS: int | None = None
WORKERS_ENV = "TRIALS_IMPORT_WORKERS"

_CRASHED = "could not parse: the parser crashed (its worker process ended: {reason})"
_worker_init = worker_init

C = TypeVar("C")


@dataclass(frozen=True, slots=True)
class Parsed(Generic[C]):
    """A chunk, its answers (one per file of its task) and a note per file (or None)."""

    chunk: C
    answers: list[WireFile]
    notes: list[str | None]
    in_worker: bool


def worker_count(workers: int | None = None) -> int:
    """Worker processes to use: workers, or WORKERS, or $TRIALS_IMPORT_WORKERS, or one per
    available CPU."""
    if workers is None:
        workers = WORKERS
    if workers is None:
        try:
            workers = int(os.environ[WORKERS_ENV])
        except (KeyError, ValueError):
            workers = None
    if workers is not None:
        return max(1, workers)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def chunk_size(total: int, workers: int) -> int:
    """Files per chunk: about 8 chunks per worker for a known total (0: unknown)."""
    if total <= 0:
        return CHUNK_MAX
    return min(CHUNK_MAX, max(CHUNK_MIN, -(-total // (workers * 8))))


class ParsePool(Generic[C]):
    """Parses chunks (see the module doc); task(chunk) is what a worker parses."""

    def __init__(self, task: Callable[[C], Task], workers: int | None = None) -> None:
        self._task = task
        self._workers = worker_count(workers)
        self._pool: ProcessPoolExecutor | None = None
        self._single: ProcessPoolExecutor | None = None
        self._parsed_in_worker = False
        self.pools_started = 0
        self.peak_in_flight = 0

    def run(self, chunks: Iterable[C]) -> Generator[Parsed[C], None, None]:
        """Each chunk with its answers, in order."""
        stream = iter(chunks)
        head: deque[C] = deque()
        files = size = 0
        if self._workers > 1:
            # Workers start once PARALLEL_MIN files (or bytes) are to parse; until then the
            # chunks wait here, at most HEAD_CHUNKS (those beyond are parsed here: chunks of
            # files skipped by their hash have next to nothing to parse).
            for chunk in stream:
                head.append(chunk)
                task = self._task(chunk)
                files += len(task.files)
                size += self._size(chunk)
                if files >= max(PARALLEL_MIN, 2) or size >= PARALLEL_MIN_BYTES:
                    break
                while len(head) > HEAD_CHUNKS:
                    yield self._here(head.popleft())
                self.peak_in_flight = max(self.peak_in_flight, len(head))
            else:  # the whole stream is small: parse it here
                yield from (self._here(chunk) for chunk in head)
                return
        try:
            yield from self._parallel(head_then(head, stream))
        finally:
            self.close(clean=False)

    @property
    def workers(self) -> int:
        return self._workers

    def _size(self, chunk: C) -> int:
        return sum(len(data) for _, _, data in self._task(chunk).files)

    def _here(self, chunk: C, notes: list[str | None] | None = None) -> Parsed[C]:
        self.peak_in_flight = max(self.peak_in_flight, 1)
        answers = parse_task(self._task(chunk))
        return Parsed(chunk, answers, notes or [None] * len(answers), False)

    def _parallel(self, stream: Iterator[C]) -> Iterator[Parsed[C]]:
        pool = self._start(self._workers)
        flight: deque[tuple[C, Future[list[WireFile]] | None]] = deque()
        limit = self._workers * IN_FLIGHT_PER_WORKER
        limit_bytes = self._workers * IN_FLIGHT_BYTES
        given = 0  # files given to this pool
        while True:
            while len(flight) < limit and (
                    not flight or sum(self._size(c) for c, _ in flight) < limit_bytes):
                if pool is not None and given >= RECYCLE_FILES:
                    if flight:
                        break  # let the pool finish what it has, then replace it
                    self._stop(pool, clean=True)
                    pool, given = self._start(self._workers, fresh=True), 0
                chunk = next(stream, None)
                if chunk is None:
                    break
                flight.append((chunk, self._submit(pool, chunk)))
                given += len(self._task(chunk).files)
            self.peak_in_flight = max(self.peak_in_flight, len(flight))
            if not flight:
                return
            chunk, future = flight.popleft()
            if future is None:  # no pool: parse here
                yield self._here(chunk)
                continue
            try:
                answers = _answers(future)
            except BrokenProcessPool as exc:
                yield from self._recover([(chunk, future), *flight], exc)
                flight.clear()
                pool, given = self._start(self._workers), 0
                continue
            except Exception as exc:  # the task failed (not the pool): parse it again
                yield self._isolated(chunk, exc)
                continue
            self._parsed_in_worker = True
            yield Parsed(chunk, answers, [None] * len(answers), True)

    def _submit(
        self, pool: ProcessPoolExecutor | None, chunk: C
    ) -> Future[list[WireFile]] | None:
        if pool is None:
            return None
        try:
            return pool.submit(parse_task, self._task(chunk))
        except (OSError, RuntimeError, BrokenProcessPool):
            future: Future[list[WireFile]] = Future()
            future.set_exception(BrokenProcessPool("the worker pool could not take the task"))
            return future

    def _recover(
        self, flight: list[tuple[C, Future[list[WireFile]] | None]], cause: BaseException
    ) -> Iterator[Parsed[C]]:
        """The pool broke: hand on what it finished, parse the rest again (in order)."""
        self._stop(self._pool, clean=False)
        self._pool = None
        usable = self._parsed_in_worker or _pool_works()
        for chunk, future in flight:
            error: BaseException | None = cause
            if future is not None and future.done() and not future.cancelled():
                error = future.exception()
                if error is None:
                    answers = future.result()
                    self._parsed_in_worker = True
                    yield Parsed(chunk, answers, [None] * len(answers), True)
                    continue
            if not usable:
                yield self._here(chunk)
                continue
            yield self._isolated(chunk, error)
        if not usable:
            self._workers = 1  # no worker can run: the rest of the stream is parsed here

    def _isolated(self, chunk: C, cause: BaseException | None) -> Parsed[C]:
        """Parse a lost chunk again one piece at a time in a fresh worker, halving a piece
        that fails again until the file at fault is alone (it fails, with the reason).

        A dead worker (BrokenProcessPool) loses every chunk it had not finished, whichever
        file killed it: that file fails when it crashes again, the others parse. A task that
        failed otherwise is its chunk's own failure: when the chunk parses whole the second
        time, each of its files notes that failure."""
        task = self._task(chunk)
        answers: list[WireFile | None] = [None] * len(task.files)
        notes: list[str | None] = [None] * len(task.files)
        own = cause is not None and not isinstance(cause, BrokenProcessPool | CancelledError)
        queue: deque[tuple[int, int, bool]] = deque([(0, len(task.files), False)])
        while queue:
            start, end, split = queue.popleft()
            piece = Task(task.files[start:end], task.documents)
            if self._single is None:
                with contextlib.suppress(OSError, ValueError, NotImplementedError, ImportError):
                    self._single = new_pool(1)
            try:
                if self._single is None:  # no worker any more: parse here
                    out = parse_task(piece)
                else:
                    out = _answers(self._single.submit(parse_task, piece))
            except Exception as exc:
                if isinstance(exc, BrokenProcessPool):
                    self._stop(self._single, clean=False)
                    self._single = None
                if end - start > 1:
                    half = (start + end) // 2
                    queue.appendleft((half, end, True))
                    queue.appendleft((start, half, True))
                    continue
                answers[start] = (_lost_reason(exc, cause), None)
                continue
            answers[start:end] = out
            if own and not split and cause is not None:
                note = f"parsed again after its worker failed ({describe(cause)})"
                notes[start:end] = [note] * (end - start)
        self._stop(self._single, clean=True)
        self._single = None
        done = [answer if answer is not None else ("could not parse", None) for answer in answers]
        return Parsed(chunk, done, notes, True)

    def _start(self, workers: int, *, fresh: bool = False) -> ProcessPoolExecutor | None:
        if workers <= 1:
            return None
        try:
            self._pool = new_fresh_pool(workers) if fresh else new_pool(workers)
        except (OSError, ValueError, NotImplementedError, ImportError):
            self._pool = None
        else:
            self.pools_started += 1
        return self._pool

    def close(self, *, clean: bool = True) -> None:
        """Stop the worker processes (at once unless clean)."""
        for pool in (self._pool, self._single):
            self._stop(pool, clean=clean)
        self._pool = self._single = None

    @staticmethod
    def _stop(pool: ProcessPoolExecutor | None, *, clean: bool) -> None:
        if pool is not None:
            stop_pool(pool, wait_for_workers=clean)


def head_then(head: deque[C], rest: Iterator[C]) -> Iterator[C]:
    """The items of head, taken off it one by one (so it may be filled until the first is
    asked for), then those of rest."""
    while head:
        yield head.popleft()
    yield from rest


def _answers(future: Future[list[WireFile]]) -> list[WireFile]:
    """A task's answers from a worker (a test may spy on what comes back)."""
    return future.result()


def _context() -> Any:
    """The default start method, except fork in a process that runs other threads (a forked
    child could inherit a lock held by one of them): then forkserver, or spawn."""
    context: Any = multiprocessing.get_context()
    if context.get_start_method() == "fork" and threading.active_count() > 1:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return context


def new_pool(workers: int) -> ProcessPoolExecutor:
    return _pool_of(workers, _context())


def new_fresh_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of workers started afresh (spawn): none inherits this process's memory."""
    return _pool_of(workers, multiprocessing.get_context("spawn"))


def _pool_of(workers: int, context: Any) -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)
    drop_unsent_tasks(pool)
    return pool


def _pool_works() -> bool:
    """Whether a worker process can be started and run a task at all."""
    try:
        pool = new_pool(1)
    except (OSError, ValueError, NotImplementedError, ImportError):
        return False
    works = False
    try:
        works = pool.submit(os.getpid).result(timeout=60) > 0
    except (BrokenProcessPool, CancelledError, TimeoutError, OSError, RuntimeError):
        works = False  # what a pool that cannot start or run a task raises
    finally:
        stop_pool(pool, wait_for_workers=works)
    return works


def _lost_reason(exc: BaseException, cause: BaseException | None) -> str:
    """Why a file that failed in a worker again could not be parsed; with the first failure
    too when that was its task's own and another (a dead worker may have been another file's
    doing)."""
    reason = (_CRASHED.format(reason=describe(exc)) if isinstance(exc, BrokenProcessPool)
              else f"could not parse ({describe(exc)})")
    if (cause is not None and not isinstance(cause, BrokenProcessPool | CancelledError)
            and describe(cause) != describe(exc)):
        reason += f"; the first time: {describe(cause)}"
    return reason
