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
import io
import math
import multiprocessing
import os
import signal
import threading
import zipfile
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

import orjson

from parsers import LoadedFile, ParseError, load_records, parse_bytes_many

from .archives import (
    MAX_DEPTH,
    ArchiveError,
    is_zip_bytes,
    is_zip_file,
    member_label,
    member_names,
    open_zip,
    read_member,
)
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



@dataclass(frozen=True)
class Job:
    """One unit of parsing: a file, a member of a zip file, in-memory data, or an error.

    path is the file (or, with data, the label the data goes by); member names a member of
    the zip file at path; error is why an argument gave no file.
    """

    path: str
    error: str | None = None
    member: str | None = None
    data: bytes | None = None

    @property
    def label(self) -> str:
        """The name of what is parsed, in progress and in the report."""
        return self.path if self.member is None else member_label(self.path, self.member)


@dataclass(frozen=True)
class ParsedFile:
    """One trial after parsing (its record and text), or a file that failed (the reason).

    slot is (part, number): the record is number `number` of parts[part] (ParsedFiles.parts),
    the analysis the search index adds for it. note is what the report notes about the file
    (it was parsed again after its worker failed).
    """

    path: str
    record: dict[str, Any] | None = None
    text: str | None = None
    reason: str | None = None
    slot: tuple[int, int] | None = None
    note: str | None = None


@dataclass
class ParsedFiles:
    """The parsed trials and failed files of an import in path order, and the index
    analysis of their records."""

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


def jobs_for(entries: Sequence[PathEntry]) -> list[Job]:
    """The jobs of expanded paths: a file named *.zip gives one job per member (so that its
    members are parsed in parallel); any other file one job."""
    jobs: list[Job] = []
    for entry in entries:
        if entry.error is None and entry.path.casefold().endswith(".zip"):
            jobs.extend(_archive_jobs(entry.path))
        else:
            jobs.append(Job(entry.path, entry.error))
    return jobs


def _archive_jobs(path: str) -> list[Job]:
    try:
        with open_zip(path) as archive:
            names = member_names(archive)
    except ArchiveError as exc:
        return [Job(path, str(exc))]
    except OSError as exc:
        return [Job(path, _os_reason(exc))]
    if not names:
        return [Job(path, "no files in this zip archive")]
    return [Job(path, member=name) for name in names]


def parse_jobs(
    jobs: Sequence[Job],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    parallel_min: int | None = None,
) -> ParsedFiles:
    """Parse every job, in worker processes when there are many; progress(done, total, label)
    is called after each job (done counts up; in parallel, jobs are reported as their chunk
    finishes). An exception raised by progress stops the import."""
    jobs = list(jobs)
    threshold = PARALLEL_MIN if parallel_min is None else parallel_min
    count = _worker_count(workers)
    pieces: list[tuple[int, list[ParsedFile], Prepared]] | None = None
    try:
        if count > 1 and len(jobs) >= max(threshold, 2):
            pieces = _parse_parallel(jobs, progress, count)
        if pieces is None:
            pieces = [(0, *_parse_serial(jobs, progress))]
    finally:
        _close_archives()
    return _assemble(pieces)


def _parse_serial(
    jobs: Sequence[Job], progress: Progress | None, done: int = 0, total: int | None = None
) -> tuple[list[ParsedFile], Prepared]:
    total = len(jobs) if total is None else total
    files: list[ParsedFile] = []
    for job in jobs:
        files.extend(parse_job(job))
        done += 1
        if progress is not None:
            progress(done, total, job.label)
    return _prepare_files(files)


def parse_job(job: Job) -> list[ParsedFile]:
    """Parse one job into JSON-clean records, one per trial, or one failure saying why."""
    if job.error is not None:
        return [ParsedFile(job.label, reason=job.error)]
    try:
        if job.data is not None:
            return _parse_data(job.data, job.path, job.path, depth=0)
        if job.member is not None:
            data = read_member(_archive(job.path), job.member)
            source = member_label(os.path.abspath(job.path), job.member)
            return _parse_data(data, job.label, source, depth=1)
        if is_zip_file(job.path):
            with open_zip(job.path) as archive:
                return _parse_archive(archive, job.path, os.path.abspath(job.path), depth=1)
        return _checked(job.path, load_records(job.path))
    except Exception as exc:
        return [ParsedFile(job.label, reason=_failure(exc))]


def _parse_data(data: bytes, label: str, source: str, depth: int) -> list[ParsedFile]:
    """Parse bytes (a file's, a zip member's or given data) whose source path is source."""
    if is_zip_bytes(data):
        if depth >= MAX_DEPTH:
            return [ParsedFile(label, reason=f"zip archives nested deeper than {MAX_DEPTH}")]
        with open_zip(io.BytesIO(data)) as archive:
            return _parse_archive(archive, label, source, depth + 1)
    loaded = parse_bytes_many(data, PurePosixPath(label).name)
    for item in loaded:
        item.record["source"]["path"] = source
    return _checked(label, loaded)


def _parse_archive(
    archive: zipfile.ZipFile, label: str, source: str, depth: int
) -> list[ParsedFile]:
    """Parse every member of an open archive; a member that fails fails alone."""
    names = member_names(archive)
    if not names:
        return [ParsedFile(label, reason="no files in this zip archive")]
    files: list[ParsedFile] = []
    for name in names:
        member = member_label(label, name)
        try:
            data = read_member(archive, name)
            files.extend(_parse_data(data, member, member_label(source, name), depth))
        except Exception as exc:
            files.append(ParsedFile(member, reason=_failure(exc)))
    return files


def _checked(label: str, loaded: list[LoadedFile]) -> list[ParsedFile]:
    """Records made JSON-clean and checked; a file whose records cannot be stored fails."""
    files = []
    for item in loaded:
        record = orjson.loads(orjson.dumps(item.record))
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record[
            "id"
        ]:
            return [ParsedFile(label, reason="the parser returned a record without an id")]
        if not isinstance(item.text, str):
            return [ParsedFile(label, reason="the parser returned no text")]
        if not isinstance(record.get("source"), dict):
            record["source"] = {}
        files.append(ParsedFile(label, record, item.text))
    if not files:
        return [ParsedFile(label, reason="no trial in this file")]
    return files


def _failure(exc: Exception) -> str:
    """Why a file could not be parsed, in one line."""
    if isinstance(exc, ParseError):
        return str(exc) or "not a trial page"
    if isinstance(exc, ArchiveError):
        return str(exc)
    if isinstance(exc, OSError):
        return _os_reason(exc)
    if isinstance(exc, UnicodeDecodeError):
        return f"not a UTF-8 text file ({exc.reason} at byte {exc.start})"
    if isinstance(exc, orjson.JSONEncodeError):
        return f"the parsed record cannot be stored ({exc})"
    return f"could not parse ({type(exc).__name__}: {exc})"  # a parser bug fails its file only


# One archive stays open between jobs of its members (a worker parses a chunk of them).
_open_archives: dict[str, zipfile.ZipFile] = {}


def _archive(path: str) -> zipfile.ZipFile:
    archive = _open_archives.get(path)
    if archive is None:
        _close_archives()
        archive = _open_archives[path] = open_zip(path)
    return archive


def _close_archives() -> None:
    while _open_archives:
        _open_archives.popitem()[1].close()


def _prepare_files(files: list[ParsedFile]) -> tuple[list[ParsedFile], Prepared]:
    """The search-index analysis of the parsed records; a record that cannot be analysed
    fails its file, with the reason (rather than the whole import at write time)."""
    records = [item.record for item in files if item.record is not None]
    try:
        return files, prepare(records)
    except Exception as exc:
        error = exc
    # Find the records at fault: each is analysed alone, and fails its file when it cannot be.
    out = [
        _unindexed(item, failure)
        if item.record is not None and (failure := _prepare_error(item.record)) is not None
        else item
        for item in files
    ]
    rest = [item.record for item in out if item.record is not None]
    if len(rest) < len(records):
        try:
            return out, prepare(rest)
        except Exception as exc:
            error = exc
    # The records fail only together: each file fails, with the reason.
    out = [_unindexed(item, error) if item.record is not None else item for item in out]
    return out, prepare([])


def _prepare_error(record: dict[str, Any]) -> Exception | None:
    """Why a record cannot be analysed for the index, or None when it can."""
    try:
        prepare([record])
    except Exception as exc:
        return exc
    return None


def _unindexed(item: ParsedFile, error: BaseException) -> ParsedFile:
    return ParsedFile(item.path, reason=f"could not index ({_describe(error)})")


def _assemble(pieces: list[tuple[int, list[ParsedFile], Prepared]]) -> ParsedFiles:
    """Pieces (start, files, prepared) in path order, each record given its slot."""
    parsed = ParsedFiles()
    for part, (_, files, prepared) in enumerate(sorted(pieces, key=lambda piece: piece[0])):
        parsed.parts.append(prepared)
        number = 0
        for item in files:
            if item.record is not None:
                item = replace(item, slot=(part, number))
                number += 1
            parsed.files.append(item)
    return parsed


# --- parsing in worker processes ----------------------------------------------------------

# What a worker sends back per file: (path, record as JSON, text, reason).
_Wire = tuple[str, bytes | None, str | None, str | None]


def _parse_chunk(jobs: list[Job]) -> tuple[list[_Wire], Prepared]:
    """A worker's task: parse a chunk of jobs and analyse their records."""
    files: list[ParsedFile] = []
    for job in jobs:
        try:
            files.extend(parse_job(job))
        except BaseException as exc:  # nothing a parser does may lose the chunk
            files.append(ParsedFile(job.label, reason=f"could not parse ({_describe(exc)})"))
    _close_archives()
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
    context: Any = multiprocessing.get_context()
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

    def finish(start: int, chunk: list[Job], files: list[ParsedFile], prepared: Prepared) -> None:
        nonlocal done
        pieces.append((start, files, prepared))
        for job in chunk:
            done += 1
            if progress is not None:
                progress(done, total, job.label)

    lost: list[_Lost] = []
    try:
        pool = _new_pool(workers)
    except (OSError, ValueError, NotImplementedError, ImportError):
        return None
    clean = False
    try:
        futures: dict[Future[tuple[list[_Wire], Prepared]], tuple[int, list[Job]]] = {}
        submitted = 0
        try:
            for piece in chunks:
                futures[pool.submit(_parse_chunk, piece[1])] = piece
                submitted += 1
        except (OSError, RuntimeError, BrokenProcessPool):
            if not futures:
                return None
            lost.extend(_Lost(start, chunk) for start, chunk in chunks[submitted:])
        waiting = set(futures)
        while waiting:
            finished, waiting = wait(waiting, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: futures[f][0]):
                start, chunk = futures[future]
                try:
                    wire, prepared = future.result()
                except Exception as exc:  # a worker died (BrokenProcessPool) or the task failed
                    lost.append(_Lost(start, chunk, exc))  # parsed again; exc goes with it
                    continue
                finish(start, chunk, _from_wire(wire), prepared)
        clean = True
    finally:
        _stop_pool(pool, wait_for_workers=clean)
    if lost and not pieces and not _pool_works():
        return None
    _parse_lost(sorted(lost, key=lambda item: item.start), finish)
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
    except (BrokenProcessPool, CancelledError, TimeoutError, OSError, RuntimeError):
        works = False  # what a pool that cannot start or run a task raises
    finally:
        _stop_pool(pool, wait_for_workers=works)
    return works


@dataclass(frozen=True)
class _Lost:
    """A chunk to parse again: its start (in path order), its jobs, what lost it (None: it
    was never sent to a worker), and whether it is part of a chunk that failed again."""

    start: int
    chunk: list[Job]
    cause: BaseException | None = None
    split: bool = False


def _parse_lost(
    lost: list[_Lost],
    finish: Callable[[int, list[Job], list[ParsedFile], Prepared], None],
) -> None:
    """Parse chunks lost to a worker (it died, or its task failed) one at a time in a fresh
    worker; a chunk that fails again is halved until the file at fault is alone (and fails,
    with the reason).

    A dead worker (BrokenProcessPool) loses every chunk it had not finished, whichever file
    killed it: that file fails when it crashes again, the others parse. A task that failed
    otherwise is its chunk's own failure: the file at fault fails and says why; when the whole
    chunk parses the second time, each of its files notes the first failure.
    """
    queue = deque(lost)
    pool: ProcessPoolExecutor | None = None
    try:
        while queue:
            item = queue.popleft()
            start, chunk = item.start, item.chunk
            if pool is None:
                try:
                    pool = _new_pool(1)
                except (OSError, ValueError, NotImplementedError, ImportError):
                    pool = None
            if pool is None:  # no worker any more: parse the rest here
                files, prepared = _parse_serial(chunk, None)
                finish(start, chunk, _noted(files, item), prepared)
                continue
            try:
                wire, prepared = pool.submit(_parse_chunk, chunk).result()
            except Exception as exc:
                if isinstance(exc, BrokenProcessPool):
                    _stop_pool(pool, wait_for_workers=False)
                    pool = None
                if len(chunk) > 1:
                    half = len(chunk) // 2
                    queue.appendleft(_Lost(start + half, chunk[half:], item.cause, split=True))
                    queue.appendleft(_Lost(start, chunk[:half], item.cause, split=True))
                    continue
                failed = [ParsedFile(chunk[0].label, reason=_lost_reason(exc, item.cause))]
                finish(start, chunk, *_prepare_files(failed))
                continue
            finish(start, chunk, _noted(_from_wire(wire), item), prepared)
    finally:
        if pool is not None:
            _stop_pool(pool, wait_for_workers=True)


def _lost_reason(exc: BaseException, cause: BaseException | None) -> str:
    """Why a file that failed in a worker again could not be parsed; with the first failure
    too when that was its task's own and another (a dead worker may have been another file's
    doing)."""
    reason = (_CRASHED.format(reason=_describe(exc)) if isinstance(exc, BrokenProcessPool)
              else f"could not parse ({_describe(exc)})")
    if (cause is not None and not isinstance(cause, BrokenProcessPool)
            and _describe(cause) != _describe(exc)):
        reason += f"; the first time: {_describe(cause)}"
    return reason


def _noted(files: list[ParsedFile], lost: _Lost) -> list[ParsedFile]:
    """The files of a lost chunk, parsed: when the chunk's own task had failed and it parsed
    whole the second time, each notes that failure. (A dead worker is not noted: the file
    that killed it fails on its own; nor is the part of a chunk that failed again.)"""
    cause = lost.cause
    if cause is None or isinstance(cause, BrokenProcessPool) or lost.split:
        return files
    note = f"parsed again after its worker failed ({_describe(cause)})"
    return [replace(item, note=note) for item in files]


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def plan_import(
    parsed: Sequence[ParsedFile],
    records: Mapping[str, Mapping[str, Any]],
    sources: Mapping[str, str],
    imported_at: str,
) -> ImportPlan:
    """Compare each parsed file with the store and with earlier files of this import."""
    # Unchanged: same record apart from source.path, imported_at and sha256, and same text;
    # nothing is written for it. Of two files with one id the later wins: it is compared with
    # the earlier (not the store), and both get a note.
    plan = ImportPlan()
    last_of: dict[str, int] = {}
    for item in parsed:
        if item.record is None or item.text is None:
            plan.outcomes.append(FileOutcome(item.path, FAILED, reason=item.reason,
                                             note=item.note))
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
        outcome = FileOutcome(item.path, status, trial_id, record["source"].get("format"),
                              note=item.note)
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
    """The record without the fields that say where and when it was imported (and the hash
    of the file: in a file of many trials it changes when another trial does)."""
    result = dict(record)
    source = dict(result.get("source") or {})
    source.pop("path", None)
    source.pop("imported_at", None)
    source.pop("sha256", None)
    result["source"] = source
    return result


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]
