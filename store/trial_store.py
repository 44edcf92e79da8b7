"""TrialStore: trial records in TinyDB shard files, opened from a compact search index."""

from __future__ import annotations

import gc
import os
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from .errors import DamagedStoreError, StoreError
from .importer import ImportPlan, Job, jobs_for, parse_jobs, plan_import
from .memory_shards import MemoryShards
from .paths import PathEntry, expand_paths
from .report import ImportReport
from .search import SearchIndex
from .search.index import Prepared
from .shards import SHARDS, Docs, Manifest, ShardFiles, shard_of
from .storage import describe_os_error

Record = dict[str, Any]
PathLike = str | os.PathLike[str]
CACHED_SHARDS = {"trials": 32, "sources": 4}
#: Reads of the manifest and its index when other processes keep committing in between.
LOAD_ATTEMPTS = 5


class TrialStore:
    """Trial records by id; opening reads only the index, records are read from their shard."""

    # Every write holds a cross-process file lock, reloads first when another process
    # committed, and commits a new generation of files atomically (see shards.py). After a
    # failed write everything is reloaded from disk, so memory matches the files again; when
    # that fails too, memory keeps the last good view and the error says so.
    #
    # Threads: a write (or reload) builds its new manifest and index on the side and then
    # swaps them in under self._mutex; a published index is never changed again. So reads of
    # the index (search, len, ids, columns, the index property...) take no lock: each sees the
    # index before a write or after it, never a part. Reads of records and the shard cache
    # hold self._mutex.

    def __init__(
        self, path: PathLike | None = None, *, lock_timeout: float = 60.0,
        on_lock_wait: Callable[[Path], None] | None = None,
    ) -> None:
        """Open the store at path (None: in memory). A write waits up to lock_timeout seconds
        for another process's write to finish; on_lock_wait(path) is called when it starts
        waiting (to tell a user why nothing happens)."""
        self._path = None if path is None else Path(path).expanduser()
        self._mutex = threading.RLock()
        self._lock_timeout = lock_timeout
        self._on_lock_wait = on_lock_wait
        self._lock: FileLock | None = None
        self._files: ShardFiles | MemoryShards
        if self._path is None:
            self._files = MemoryShards()
        else:
            self._files = ShardFiles(self._path)
            self._lock = FileLock(f"{self._path}.lock", timeout=lock_timeout)
        self._manifest = Manifest()
        self._index = SearchIndex()
        self._cache: dict[str, OrderedDict[int, Docs]] = {k: OrderedDict() for k in CACHED_SHARDS}
        self._signature: object = None
        self._closed = False
        self._open()

    # --- reading -------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The manifest file, or None for an in-memory store."""
        return self._path

    @property
    def index(self) -> SearchIndex:
        """The search index (list columns, facets, highlights) as of now: a snapshot that
        writes and reloads replace rather than change, so that any thread can read it while
        another writes. Treat it as read-only."""
        return self._index

    def get(self, trial_id: str) -> Record | None:
        """A copy of the record with this id, or None."""
        return self._doc("trials", trial_id)

    def get_source(self, trial_id: str) -> str | None:
        """The cleaned original text the record was parsed from, or None."""
        doc = self._doc("sources", trial_id)
        return None if doc is None else doc.get("text")

    def columns(self, trial_id: str) -> dict[str, Any] | None:
        """The compact list columns of a trial (no shard read)."""
        return self._index.columns(trial_id)

    def ids(self) -> list[str]:
        """Every trial id, sorted."""
        return self._index.ids()

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, trial_id: object) -> bool:
        return isinstance(trial_id, str) and trial_id in self._index

    def __iter__(self) -> Iterator[Record]:
        """Every record, a shard at a time (sorted by id within a shard)."""
        for number in range(SHARDS):
            with self._mutex:
                if number not in self._manifest.files["trials"]:
                    continue
                docs = self._shard("trials", number)
            for trial_id in sorted(docs):
                yield _copy(docs[trial_id])

    def search(
        self, query: str, limit: int | None = 50, *, prefix_last: bool = False,
        sort: str | None = None,
    ) -> list[dict[str, Any]]:
        """Ranked hits [{"id", "score"}]; raises QueryError for a malformed query."""
        hits = self._index.search(query, limit=limit, prefix_last=prefix_last, sort=sort)
        return [{"id": hit.id, "score": hit.score} for hit in hits]

    def refresh(self) -> bool:
        """Reload when another process committed since we read; True if so."""
        with self._mutex:
            if self._files.signature() == self._signature:
                return False
            self._load()
            return True

    # --- writing -------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[PathLike] | PathLike,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> ImportReport:
        """Import files, folders (recursively), zip archives and glob patterns in one commit."""
        # progress(done, total, path) is called after each file is parsed; an exception it
        # raises aborts the import before anything is written. A file that fails changes
        # nothing; when the write fails, StoreError is raised and memory matches the files.
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        self._check_open()
        with _gc_paused():
            return self._import(jobs_for(self._without_own_files(expand_paths(paths))), progress)

    def import_data(
        self,
        items: Iterable[tuple[str, bytes]],
        progress: Callable[[int, int, str], None] | None = None,
    ) -> ImportReport:
        """Import (label, bytes of a trial file in any supported format) pairs in one commit;
        each label stands for a path: it is the records' source path and the report's path."""
        self._check_open()
        jobs = [Job(label, data=bytes(data)) for label, data in items]
        with _gc_paused():
            return self._import(jobs, progress)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed")

    def _import(
        self, jobs: list[Job], progress: Callable[[int, int, str], None] | None
    ) -> ImportReport:
        parsed = parse_jobs(jobs, progress)
        with self._locked():
            self.refresh()
            ids = {item.record["id"] for item in parsed.files if item.record is not None}
            records = {i: r for i in ids if (r := self._raw("trials", i)) is not None}
            sources = {i: d["text"] for i in ids if (d := self._raw("sources", i)) is not None}
            plan = plan_import(parsed.files, records, sources, _utc_now())
            if plan.records:
                self._write(plan, parsed.parts)
        return ImportReport(plan.outcomes)

    def close(self) -> None:
        """Close the store; it can still be read, but no longer written."""
        self._closed = True

    def __enter__(self) -> TrialStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = "memory" if self._path is None else str(self._path)
        return f"<TrialStore {where}: {len(self)} trials>"

    # --- internals -----------------------------------------------------------------------

    @property
    def _where(self) -> str:
        return "the in-memory store" if self._path is None else str(self._path)

    def _without_own_files(self, entries: list[PathEntry]) -> list[PathEntry]:
        """Leave out the store's own files when a folder holding them is imported."""
        if self._path is None:
            return entries
        manifest = os.path.abspath(self._path)
        own = (manifest, manifest + ".lock")
        inside = manifest + ".d" + os.sep
        return [
            entry for entry in entries
            if (p := os.path.abspath(entry.path)) not in own and not p.startswith(inside)
        ]

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold this object's mutex and, for a file, the cross-process lock."""
        with self._mutex:
            if self._lock is None:
                yield
                return
            try:
                self._acquire(self._lock)
            except Timeout as exc:
                raise StoreError(
                    f"{self._path} is locked by another process (waited {self._lock_timeout:g} s)"
                ) from exc
            except OSError as exc:
                raise StoreError(f"cannot lock {self._path} for writing: {_reason(exc)}") from exc
            try:
                yield
            finally:
                self._lock.release()

    def _acquire(self, lock: FileLock) -> None:
        """Take the cross-process lock; say so through on_lock_wait when it has to wait."""
        try:
            lock.acquire(timeout=0)
            return
        except Timeout:
            if self._on_lock_wait is not None and self._path is not None:
                self._on_lock_wait(self._path)
        lock.acquire(timeout=self._lock_timeout)

    def _open(self) -> None:
        """Load the store; create it, or migrate a first-layout store, under the lock."""
        manifest, legacy = self._files.read_manifest()
        if manifest is not None:
            self._load()
            return
        with self._locked():
            manifest, legacy = self._files.read_manifest()
            if manifest is None:
                shards = _legacy_shards(legacy, self._where)
                self._commit(Manifest(), shards, SearchIndex(), legacy)
            self._load()

    def _load(self) -> None:
        """Read the manifest and the index; forget cached shards. When another process
        commits between the two reads (and deletes the index of the manifest just read), read
        again."""
        for attempt in range(1, LOAD_ATTEMPTS + 1):
            try:
                manifest, index = self._read_generation()
                break
            except StoreError:
                changed = self._files.signature() != self._files.read_signature
                if attempt == LOAD_ATTEMPTS or not changed:
                    raise
        self._manifest, self._index = manifest, index
        for cache in self._cache.values():
            cache.clear()
        # The manifest as it was read: a commit since then makes refresh() read again.
        self._signature = self._files.read_signature

    def _read_generation(self) -> tuple[Manifest, SearchIndex]:
        """The manifest and the index it names, checked."""
        manifest, legacy = self._files.read_manifest()
        if manifest is None:
            if legacy is not None:
                raise StoreError(f"{self._where} was changed to an old layout by another program")
            return Manifest(), SearchIndex()
        if not manifest.index:
            return manifest, SearchIndex()
        data = self._files.read_index(manifest.index)
        where = manifest.index if self._path is None else str(
            self._path.with_name(self._path.name + ".d") / manifest.index
        )
        if manifest.index_crc is not None and zlib.crc32(data) != manifest.index_crc:
            raise DamagedStoreError(
                where, "is damaged (its checksum does not match the manifest's)", self._path
            )
        try:
            return manifest, SearchIndex.from_bytes(data)
        except ValueError as exc:
            raise DamagedStoreError(
                where, f"is not a valid search index ({exc})", self._path
            ) from exc

    def _doc(self, kind: str, trial_id: str) -> dict[str, Any] | None:
        """A document of its own (a copy): from a cached shard, or read alone from its shard
        file (a few KB), or from the whole shard when that cannot be done."""
        with self._mutex:
            if trial_id not in self._index:
                return None
            number = shard_of(trial_id)
            cache = self._cache[kind]
            docs = cache.get(number)
            if docs is None:
                name = self._manifest.files[kind].get(number)
                if name is None:
                    return None
                try:
                    doc = self._files.read_doc(name, kind, trial_id)
                except (KeyError, OSError):
                    doc = None  # not in the spans, or the file is gone: read the shard
                if doc is not None:
                    return doc
                docs = self._shard(kind, number)
            else:
                cache.move_to_end(number)
            doc = docs.get(trial_id)
            return None if doc is None else _copy(doc)

    def _raw(self, kind: str, trial_id: str) -> dict[str, Any] | None:
        """A document as stored (not copied): for comparisons only (hold self._mutex)."""
        if trial_id not in self._index:
            return None
        return self._shard(kind, shard_of(trial_id)).get(trial_id)

    def _shard(self, kind: str, number: int) -> Docs:
        """One shard's documents, from the cache or its file (hold self._mutex)."""
        cache = self._cache[kind]
        docs = cache.get(number)
        if docs is not None:
            cache.move_to_end(number)
            return docs
        name = self._manifest.files[kind].get(number)
        if name is None:
            return {}
        try:
            docs = self._files.read_shard(name, kind)
        except (StoreError, KeyError):
            # Another process may have committed and removed this generation: reload once.
            if not self.refresh():
                raise
            return self._shard(kind, number)
        cache[number] = docs
        if len(cache) > CACHED_SHARDS[kind]:
            cache.popitem(last=False)
        return docs

    def _write(self, plan: ImportPlan, parts: list[Prepared]) -> None:
        """Commit the plan's records and texts: touched shards, the index, the manifest."""
        shards: dict[tuple[str, int], Docs] = {}
        for trial_id, record in plan.records.items():
            number = shard_of(trial_id)
            for kind, doc in (("trials", record), ("sources", {"text": plan.sources[trial_id]})):
                key = (kind, number)
                if key not in shards:
                    shards[key] = dict(self._shard(kind, number))
                shards[key][trial_id] = doc
        # The records were analysed for the index while parsing (parts): add them from there,
        # in file order; a record without that analysis is analysed now. They go into a copy
        # of the index: readers go on with the published one until the commit is done.
        chosen: list[list[Record | None]] = [[None] * len(part.ids) for part in parts]
        unprepared: list[Record] = []
        for trial_id, record in plan.records.items():
            item = plan.chosen.get(trial_id)
            if item is not None and item.slot is not None:
                chosen[item.slot[0]][item.slot[1]] = record
            else:
                unprepared.append(record)
        index = self._index_copy()
        index.add_prepared(zip(parts, chosen, strict=True))
        if unprepared:
            index.add(unprepared)
        self._commit(self._manifest, shards, index, None)

    def _index_copy(self) -> SearchIndex:
        """A copy of the published index, to change on the side."""
        current = self._index
        if not len(current):
            return SearchIndex()
        # to_bytes() changes nothing here: a published index has been through to_bytes() or
        # from_bytes() and has nothing left to merge.
        return SearchIndex.from_bytes(current.to_bytes())

    def _commit(
        self, manifest: Manifest, shards: dict[tuple[str, int], Docs], index: SearchIndex,
        legacy: dict[str, Any] | None,
    ) -> None:
        """Write a new generation and publish it with its index (an unpublished one)."""
        try:
            if legacy is not None:
                index.add(doc for (kind, _), docs in shards.items() if kind == "trials"
                          for doc in docs.values())
            new = self._files.commit(manifest, shards, index.to_bytes())
        except BaseException as exc:
            before = self._manifest.generation
            problem = self._recover()
            if not isinstance(exc, Exception):
                raise
            if problem is not None:
                raise StoreError(
                    f"could not write {self._where}: {_reason(exc)}; then the store could not "
                    f"be reloaded ({problem}), so it still shows the {len(self._index)} "
                    "trials it had before this write"
                ) from exc
            if self._manifest.generation != before:  # it failed after the commit point
                raise StoreError(f"{self._where} was written, but {_reason(exc)}: it may not "
                                 "be safe on disk until the next write") from exc
            raise StoreError(f"could not write {self._where}: {_reason(exc)}; "
                             "the store is unchanged") from exc
        with self._mutex:
            self._manifest, self._index = new, index
            for (kind, number), docs in shards.items():
                cache = self._cache[kind]
                if number in cache or len(cache) < CACHED_SHARDS[kind]:
                    cache[number] = docs
            self._signature = self._files.signature()

    def _recover(self) -> str | None:
        """After a failed write, make memory match the files again: reload them. When that
        fails too, memory keeps the last good view (the manifest and index it had) and the
        reason is returned."""
        try:
            self._load()
        except Exception as exc:
            return _reason(exc)
        return None


def _legacy_shards(legacy: dict[str, Any] | None, where: str) -> dict[tuple[str, int], Docs]:
    """The documents of a first-layout store (one TinyDB file), checked, grouped into shards."""
    shards: dict[tuple[str, int], Docs] = {}
    for kind in ("trials", "sources"):
        for trial_id, doc in ((legacy or {}).get(kind) or {}).items():
            valid = isinstance(doc, dict) and (
                doc.get("id") == trial_id if kind == "trials" else isinstance(doc.get("text"), str)
            )
            if not valid:
                raise DamagedStoreError(
                    where, f"is not a valid store file (bad {kind} entry {trial_id})", where
                )
            shards.setdefault((kind, shard_of(trial_id)), {})[trial_id] = doc
    return shards


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: an import builds many objects that all stay alive
    until it ends, and full collections over them cost more than the parsing (~40% of the
    index work at 20,000 records). Reference counting still frees everything else."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _copy(record: Record) -> Record:
    """A deep copy of a JSON-clean record (callers cannot change the store through it)."""
    copy: Record = orjson.loads(orjson.dumps(record))
    return copy


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc) or type(exc).__name__
    return str(exc) or type(exc).__name__
