"""A streaming import: sources → parse (worker processes) → checkpoints → the store's writer.

    report = run_import(store, PathSource(["ctg-studies.json.zip"]), progress=bar)

One direction only, each stage a generator or a bounded queue, so memory is bounded by the
stages and not by the input:

1. pipeline_sources yields the items of the sources lazily (files of folders and globs, zip
   members read in place, given (label, bytes) pairs), one file's bytes at a time.
2. Items are grouped into chunks (pipeline_pool.chunk_size files, CHUNK_BYTES at most). For
   each chunk the sha256 of every file is looked up in the store (writer.known_hashes): a
   file whose bytes the store holds already is counted unchanged without being parsed (so a
   rerun of a killed import skips what its committed checkpoints hold).
3. pipeline_pool parses the other files in worker processes, a few chunks in flight, and
   hands the chunks on in order.
4. pipeline_checkpoint groups the parsed trials into checkpoints of `checkpoint` trials and
   commits each through writer.commit (atomic: a killed import keeps the checkpoints it
   committed); outcomes go to the report, which keeps counts and a bounded list of each kind.

The writer is the store's (store.checkpoint): `with store.writing() as writer`, held for the
whole import; it compares, writes and reports each trial as imported, updated or unchanged.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import importlib
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .checkpoint import CHECKPOINT
from .paths import PathEntry, own_files
from .pipeline_checkpoint import Checkpoints, Stats, Writer
from .pipeline_parse import Task, WireFile, index_document
from .pipeline_pool import CHUNK_BYTES, ParsePool, chunk_size, worker_count
from .pipeline_sources import Item, PathSource, Source, Tally, count, items
from .report import ImportReport

__all__ = ["CHECKPOINT", "PathSource", "Progress", "Stats", "run_import"]

#: progress(done, total, label) after each file; total is 0 while it is not known.
Progress = Callable[[int, int, str], None]


class WritableStore(Protocol):
    """What run_import needs of a store."""

    @property
    def path(self) -> Path | None: ...

    def writing(self) -> AbstractContextManager[Writer]: ...


@dataclass(slots=True)
class _Chunk:
    """Items in order; known: their hash is stored (not parsed); task: the rest, to parse."""

    items: list[Item]
    shas: list[str | None]
    known: list[bool]
    task: Task
    asked_at: int
    #: writer.known_hashes' answer: the stored hashes (a Mapping names their trial ids).
    stored: Collection[str]


def run_import(
    store: WritableStore,
    sources: Source,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    checkpoint: int | None = None,
    stats: Stats | None = None,
) -> ImportReport:
    """Import sources into store in checkpoints of `checkpoint` trials (see the module doc).

    sources: a PathSource (files, folders, globs: counted first for progress), PathEntry
    items (store.paths.iter_paths), or (label, bytes) / (label, path) pairs. The store's own
    files are left out. workers: parsing processes (None: TRIALS_IMPORT_WORKERS or one per
    CPU). checkpoint: trials per commit (None: store.checkpoint.CHECKPOINT). An exception
    from progress stops the import: checkpoints committed stay. A failed write raises
    StoreError (the checkpoints before it stay committed)."""
    started = time.monotonic()
    report = ImportReport()
    stats = stats if stats is not None else Stats()
    skip = own_files(store.path)
    tally = Tally(count(PathSource(sources.args, skip) if isinstance(sources, PathSource)
                        else sources))
    documents = index_document if "document" in _incoming_fields() else None
    with _collector_paused(), store.writing() as writer:
        size = checkpoint or int(getattr(_checkpoint_module(), "CHECKPOINT", CHECKPOINT))
        checkpoints = Checkpoints(writer, report, _incoming_type(), max(1, size),
                                  documents, stats, on_commit=_collect_young,
                                  marked="record_json" in _incoming_fields())
        pool: ParsePool[_Chunk] = ParsePool(lambda chunk: chunk.task, workers)
        files = chunk_size(tally.total, worker_count(workers))
        chunks = _chunks(items(_skipping(sources, skip), tally), writer, checkpoints, files,
                         documents)
        done = 0
        parsing = pool.run(chunks)
        try:
            for parsed in parsing:
                stats.peak_in_flight = max(stats.peak_in_flight, pool.peak_in_flight)
                answers = iter(zip(parsed.answers, parsed.notes, strict=True))
                chunk = parsed.chunk
                for item, sha, known in zip(chunk.items, chunk.shas, chunk.known, strict=True):
                    _hand_on(checkpoints, chunk, item, sha, known, answers)
                    done += 1
                    report.files += 1
                    if progress is not None:
                        progress(done, max(tally.total, done) if tally.total else 0, item.label)
        finally:
            parsing.close()  # on an exception: the workers are stopped now, not when collected
        checkpoints.finish()
    report.elapsed = time.monotonic() - started
    return report


def _hand_on(
    checkpoints: Checkpoints, chunk: _Chunk, item: Item, sha: str | None, known: bool,
    answers: Iterator[tuple[WireFile, str | None]],
) -> None:
    """One file's outcome to the checkpoints: failed, skipped (known) or parsed."""
    if item.error is not None or sha is None:
        checkpoints.failed(item.label, item.error or "could not be read")
    elif known:
        ids = chunk.stored.get(sha, ()) if isinstance(chunk.stored, Mapping) else ()
        checkpoints.skipped(item, sha, chunk.asked_at, list(ids))
    else:
        (reason, trials), note = next(answers)
        if trials is None:
            checkpoints.failed(item.label, reason or "could not parse", note)
        else:
            checkpoints.parsed(item.label, sha, trials, note)


def _chunks(
    stream: Iterator[Item], writer: Writer, checkpoints: Checkpoints, size: int,
    documents: Callable[[dict[str, Any], str], Any] | None,
) -> Iterator[_Chunk]:
    """Items in chunks of `size` files or CHUNK_BYTES, each file's hash looked up."""
    batch: list[Item] = []
    nbytes = 0
    for item in stream:
        batch.append(item)
        nbytes += len(item.data or b"")
        if len(batch) >= size or nbytes >= CHUNK_BYTES:
            yield _chunk(batch, writer, checkpoints, documents)
            batch, nbytes = [], 0
    if batch:
        yield _chunk(batch, writer, checkpoints, documents)


def _chunk(
    batch: list[Item], writer: Writer, checkpoints: Checkpoints,
    documents: Callable[[dict[str, Any], str], Any] | None,
) -> _Chunk:
    shas = [None if item.data is None else hashlib.sha256(item.data).hexdigest()
            for item in batch]
    asked = [sha for sha in shas if sha is not None]
    stored: Collection[str] = writer.known_hashes(asked) if asked else set()
    known = [sha is not None and sha in stored for sha in shas]
    files = [(item.label, item.source, item.data) for item, sha, skip in zip(
        batch, shas, known, strict=True) if item.data is not None and not skip]
    # The items keep no bytes: the task holds those of the files to parse.
    kept = [dataclasses.replace(item, data=None) if item.data is not None else item
            for item in batch]
    return _Chunk(kept, shas, known, Task(files, documents), checkpoints.commits, stored)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause automatic garbage collection (its passes over the objects of a checkpoint cost
    ~10% of the importing process); Checkpoints collects once after each commit instead, so
    that cyclic garbage cannot pile up."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Every this many checkpoints, a full collection (else only the objects made since the last).
FULL_COLLECTION_EVERY = 8
_commits_since_full = 0


def _collect_young() -> None:
    """Collect the cyclic garbage among the objects made since the last collection, and every
    FULL_COLLECTION_EVERY checkpoints all of it (a full collection walks every object the
    import holds: after each checkpoint it cost ~3% of the importing process)."""
    global _commits_since_full
    _commits_since_full += 1
    if _commits_since_full >= FULL_COLLECTION_EVERY:
        _commits_since_full = 0
        gc.collect()
    else:
        gc.collect(0)


def _skipping(sources: Source, skip: Callable[[str], bool]) -> Source:
    """sources without the store's own files."""
    if isinstance(sources, PathSource):
        return PathSource(sources.args, skip)
    return (element for element in sources
            if not (isinstance(element, PathEntry) and element.error is None
                    and skip(element.path)))


def _incoming_type() -> Callable[..., Any]:
    """What writer.commit takes (store.checkpoint.Incoming)."""
    return _checkpoint_module().Incoming  # type: ignore[no-any-return]


def _incoming_fields() -> set[str]:
    kind: Any = _incoming_type()
    return {field.name for field in dataclasses.fields(kind)}


def _checkpoint_module() -> Any:
    return importlib.import_module("store.checkpoint")
