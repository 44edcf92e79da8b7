"""Import logic without storage: parse files, then plan what changes against the store.

Parsing (and the analysis the search index needs, see SearchIndex.add_prepared) runs in this
process for a few files, and in a pool of worker processes, a chunk of files per task, when
there are many (PARALLEL_MIN). Outcomes keep the order of the paths whatever the order in which
chunks finish. A file that crashes its worker process becomes a failed outcome: the chunks
that were lost are parsed again one at a time in a fresh worker, halved until the file that
crashes is alone. When no worker process can be started, everything is parsed in-process.
"""

from __future__ import annotations

import contextlib
import gc
import math
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import orjson

from parsers import ParseError, load_file

from .paths import PathEntry
from .report import FAILED, IMPORTED, UNCHANGED, UPDATED, FileOutcome
from .search.index import Prepared, prepare

Progress = Callable[[int, int, str], None]

#: Imports of fewer files than this are parsed in this process (a pool costs ~0.1 s to start).
PARALLEL_MIN = 200
#: Files per task sent to a worker: large enough that adding a chunk's postings to the index
#: costs little per file, small enough to balance the workers and keep progress moving.
CHUNK_MIN = 20
CHUNK_MAX = 500
#: Worker processes: None for one per available CPU, or $TRIALS_IMPORT_WORKERS when set
#: (1 parses everything in this process).
WORKERS: int | None = None
WORKERS_ENV = "TRIALS_IMPORT_WORKERS"

_CRASHED = "could not parse: the parser crashed (its worker process ended: {reason})"

# A job: (path, error) as expand_paths gives them.
Job = tuple[str, str | None]


@dataclass(frozen=True)
class ParsedFile:
    """One file after parsing: its record and text, or the reason it failed.

    slot is (part, number): the record is number `number` of parts[part] (ParsedFiles.parts),
    the analysis the search index adds for it.
    """

    path: str
    record: dict[str, Any] | None = None
    text: str | None = None
    reason: str | None = None
    slot: tuple[int, int] | None = None


@dataclass
class ParsedFiles:
    """The files of an import in path order, and the index analysis of their records."""

    files: list[ParsedFile] = field(default_factory=list)
    parts: list[Prepared] = field(default_factory=list)


@dataclass
class ImportPlan:
    """The outcomes of an import and the records and texts it will write."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    #: The file each written record comes from (for its slot in ParsedFiles.parts).
    chosen: dict[str, ParsedFile] = field(default_factory=dict)


def parse_entries(
    entries: Sequence[PathEntry],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    parallel_min: int | None = None,
) -> ParsedFiles:
    """Parse every file, in worker processes when there are many; progress(done, total, path)
    is called after each file (done counts up; in parallel, files are reported as their chunk
    finishes). An exception raised by progress stops the import."""
    jobs: list[Job] = [(entry.path, entry.error) for entry in entries]
    threshold = PARALLEL_MIN if parallel_min is None else parallel_min
    count = _worker_count(workers)
    pieces: list[tuple[int, list[ParsedFile], Prepared]] | None = None
    if count > 1 and len(jobs) >= max(threshold, 2):
        pieces = _parse_parallel(jobs, progress, count)
    if pieces is None:
        pieces = [(0, *_parse_serial(jobs, progress))]
    return _assemble(pieces)


def _parse_serial(
    jobs: Sequence[Job], progress: Progress | None, done: int = 0, total: int | None = None
) -> tuple[list[ParsedFile], Prepared]:
    total = len(jobs) if total is None else total
    files: list[ParsedFile] = []
    for path, error in jobs:
        files.append(ParsedFile(path, reason=error) if error is not None else parse_one(path))
        done += 1
        if progress is not None:
            progress(done, total, path)
    return _prepare_files(files)


def parse_one(path: str) -> ParsedFile:
    """Parse one file into a JSON-clean record, or say why it cannot be imported."""
    try:
        loaded = load_file(path)
        record = orjson.loads(orjson.dumps(loaded.record))
        text = loaded.text
    except ParseError as exc:
        return ParsedFile(path, reason=str(exc) or "not a trial page")
    except OSError as exc:
        return ParsedFile(path, reason=_os_reason(exc))
    except UnicodeDecodeError as exc:
        return ParsedFile(path, reason=f"not a UTF-8 text file ({exc.reason} at byte {exc.start})")
    except orjson.JSONEncodeError as exc:
        return ParsedFile(path, reason=f"the parsed record cannot be stored ({exc})")
    except Exception as exc:  # a parser bug must not abort the other files
        return ParsedFile(path, reason=f"could not parse ({type(exc).__name__}: {exc})")
    if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record["id"]:
        return ParsedFile(path, reason="the parser returned a record without an id")
    if not isinstance(text, str):
        return ParsedFile(path, reason="the parser returned no text")
    if not isinstance(record.get("source"), dict):
        record["source"] = {}
    return ParsedFile(path, record, text)


def _prepare_files(files: list[ParsedFile]) -> tuple[list[ParsedFile], Prepared]:
    """The search-index analysis of the parsed records; a record that cannot be analysed
    fails its file (rather than the whole import at write time)."""
    records = [item.record for item in files if item.record is not None]
    try:
        return files, prepare(records)  # type: ignore[arg-type]
    except Exception:
        pass
    out: list[ParsedFile] = []
    for item in files:
        if item.record is not None:
            try:
                prepare([item.record])
            except Exception as exc:
                item = ParsedFile(item.path, reason=f"could not index ({_describe(exc)})")
        out.append(item)
    return out, prepare([item.record for item in out if item.record is not None])  # type: ignore[misc]


def _assemble(pieces: list[tuple[int, list[ParsedFile], Prepared]]) -> ParsedFiles:
    """Pieces (start, files, prepared) in path order, each record given its slot."""
    parsed = ParsedFiles()
    for part, (_, files, prepared) in enumerate(sorted(pieces, key=lambda piece: piece[0])):
        parsed.parts.append(prepared)
        number = 0
        for item in files:
            if item.record is not None:
                item = ParsedFile(item.path, item.record, item.text, item.reason, (part, number))
                number += 1
            parsed.files.append(item)
    return parsed


# --- parsing in worker processes ----------------------------------------------------------

# What a worker sends back per file: (path, record as JSON, text, reason).
_Wire = tuple[str, bytes | None, str | None, str | None]


def _parse_chunk(jobs: list[Job]) -> tuple[list[_Wire], Prepared]:
    """A worker's task: parse a chunk of files and analyse their records."""
    files: list[ParsedFile] = []
    for path, error in jobs:
        try:
            item = ParsedFile(path, reason=error) if error is not None else parse_one(path)
        except BaseException as exc:  # nothing a parser does may lose the chunk
            item = ParsedFile(path, reason=f"could not parse ({_describe(exc)})")
        files.append(item)
    files, prepared = _prepare_files(files)
    wire = [
        (item.path, None if item.record is None else orjson.dumps(item.record), item.text,
         item.reason)
        for item in files
    ]
    return wire, prepared


def _from_wire(wire: list[_Wire]) -> list[ParsedFile]:
    return [
        ParsedFile(path, None if data is None else orjson.loads(data), text, reason)
        for path, data, text, reason in wire
    ]


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: only the importing process handles it (it stops
    # the workers); a worker would otherwise die with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()  # a fork during an import inherits the paused collector (see TrialStore)


def _worker_count(workers: int | None) -> int:
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


def _chunks(jobs: list[Job], workers: int) -> list[tuple[int, list[Job]]]:
    size = min(CHUNK_MAX, max(CHUNK_MIN, math.ceil(len(jobs) / (workers * 8))))
    return [(start, jobs[start : start + size]) for start in range(0, len(jobs), size)]


def _context() -> Any:
    """The default start method, except fork in a process that runs other threads (a forked
    child could inherit a lock held by one of them): then forkserver, or spawn."""
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork" and threading.active_count() > 1:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return context


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_worker_init)


def _stop_pool(pool: ProcessPoolExecutor, *, wait_for_workers: bool) -> None:
    """Shut a pool down; when not waiting, end its worker processes (ours) at once."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=wait_for_workers, cancel_futures=True)
    if not wait_for_workers:
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.terminate()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
                process.join(timeout=5)


def _parse_parallel(
    jobs: list[Job], progress: Progress | None, workers: int
) -> list[tuple[int, list[ParsedFile], Prepared]] | None:
    """Parse jobs in a pool of worker processes; None when no worker could be started."""
    total = len(jobs)
    chunks = _chunks(jobs, workers)
    workers = min(workers, len(chunks))
    pieces: list[tuple[int, list[ParsedFile], Prepared]] = []
    done = 0

    def finish(start: int, files: list[ParsedFile], prepared: Prepared) -> None:
        nonlocal done
        pieces.append((start, files, prepared))
        for item in files:
            done += 1
            if progress is not None:
                progress(done, total, item.path)

    lost: list[tuple[int, list[Job]]] = []
    try:
        pool = _new_pool(workers)
    except (OSError, ValueError, NotImplementedError, ImportError):
        return None
    clean = False
    try:
        futures: dict[Future[tuple[list[_Wire], Prepared]], tuple[int, list[Job]]] = {}
        submitted = 0
        try:
            for chunk in chunks:
                futures[pool.submit(_parse_chunk, chunk[1])] = chunk
                submitted += 1
        except (OSError, RuntimeError, BrokenProcessPool):
            if not futures:
                return None
            lost.extend(chunks[submitted:])
        waiting = set(futures)
        while waiting:
            finished, waiting = wait(waiting, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: futures[f][0]):
                start, chunk = futures[future]
                try:
                    wire, prepared = future.result()
                except Exception:  # a worker died (BrokenProcessPool) or the task failed
                    lost.append((start, chunk))
                    continue
                finish(start, _from_wire(wire), prepared)
        clean = True
    finally:
        _stop_pool(pool, wait_for_workers=clean)
    if lost and not pieces and not _pool_works():
        return None
    _parse_lost(sorted(lost, key=lambda chunk: chunk[0]), finish, done, total)
    return pieces


def _pool_works() -> bool:
    """Whether a worker process can be started and run a task at all."""
    try:
        pool = _new_pool(1)
    except (OSError, ValueError, NotImplementedError, ImportError):
        return False
    works = False
    try:
        works = pool.submit(os.getpid).result(timeout=60) > 0
    except Exception:
        works = False
    finally:
        _stop_pool(pool, wait_for_workers=works)
    return works


def _parse_lost(
    lost: list[tuple[int, list[Job]]],
    finish: Callable[[int, list[ParsedFile], Prepared], None],
    done: int,
    total: int,
) -> None:
    """Parse chunks lost to a crashed worker one at a time in a fresh worker; a chunk that
    crashes again is halved until the file at fault is alone (and fails)."""
    queue = deque(lost)
    pool: ProcessPoolExecutor | None = None
    try:
        while queue:
            start, chunk = queue.popleft()
            if pool is None:
                try:
                    pool = _new_pool(1)
                except (OSError, ValueError, NotImplementedError, ImportError):
                    pool = None
            if pool is None:  # no worker any more: parse the rest here
                finish(start, *_parse_serial(chunk, None))
                continue
            try:
                wire, prepared = pool.submit(_parse_chunk, chunk).result()
            except Exception as exc:
                if isinstance(exc, BrokenProcessPool):
                    _stop_pool(pool, wait_for_workers=False)
                    pool = None
                if len(chunk) > 1:
                    half = len(chunk) // 2
                    queue.appendleft((start + half, chunk[half:]))
                    queue.appendleft((start, chunk[:half]))
                    continue
                reason = (_CRASHED.format(reason=_describe(exc))
                          if isinstance(exc, BrokenProcessPool)
                          else f"could not parse ({_describe(exc)})")
                finish(start, *_prepare_files([ParsedFile(chunk[0][0], reason=reason)]))
                continue
            finish(start, _from_wire(wire), prepared)
    finally:
        if pool is not None:
            _stop_pool(pool, wait_for_workers=True)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def plan_import(
    parsed: Sequence[ParsedFile],
    records: Mapping[str, Mapping[str, Any]],
    sources: Mapping[str, str],
    imported_at: str,
) -> ImportPlan:
    """Compare each parsed file with the store and with earlier files of this import."""
    # Unchanged: same record apart from source.path and source.imported_at, and same text;
    # nothing is written for it. Of two files with one id the later wins: it is compared with
    # the earlier (not the store), and both get a note.
    plan = ImportPlan()
    last_of: dict[str, int] = {}
    for item in parsed:
        if item.record is None or item.text is None:
            plan.outcomes.append(FileOutcome(item.path, FAILED, reason=item.reason))
            continue
        record, trial_id = item.record, item.record["id"]
        current = plan.records.get(trial_id, records.get(trial_id))
        current_text = plan.sources.get(trial_id, sources.get(trial_id))
        if current is None:
            status = IMPORTED
        elif _comparable(current) == _comparable(record) and current_text == item.text:
            status = UNCHANGED
        else:
            status = UPDATED
        outcome = FileOutcome(item.path, status, trial_id, record["source"].get("format"))
        earlier = last_of.get(trial_id)
        if earlier is not None:
            earlier_path = plan.outcomes[earlier].path
            if status == UNCHANGED:
                outcome = outcome.with_note(f"same trial as {earlier_path}")
            else:
                outcome = outcome.with_note(f"replaces {earlier_path} (same id {trial_id})")
                plan.outcomes[earlier] = plan.outcomes[earlier].with_note(
                    f"replaced by {item.path}"
                )
        last_of[trial_id] = len(plan.outcomes)
        plan.outcomes.append(outcome)
        if status != UNCHANGED:
            record["source"]["imported_at"] = imported_at
            plan.records[trial_id] = record
            plan.sources[trial_id] = item.text
            plan.chosen[trial_id] = item
    return plan


def _comparable(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without the fields that say where and when it was imported."""
    result = dict(record)
    source = dict(result.get("source") or {})
    source.pop("path", None)
    source.pop("imported_at", None)
    result["source"] = source
    return result


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]
