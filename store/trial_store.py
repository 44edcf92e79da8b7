"""TrialStore: trial records in immutable segment files, found through an on-disk search index.

Opening reads the manifest and opens the index (store.layout); a record is read from its
segment by the location the index gives (one pread). Every write is a checkpoint
(store.checkpoint) under a cross-process file lock. Readers take no lock: they read an index
snapshot and segment files that never change, so they see the store before a checkpoint or
after it, never a mix; refresh() moves to the latest commit.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .checkpoint import Writer, utc_now
from .engine import IndexVersionError, TrialIndex
from .engine.geo import Place
from .errors import StoreError
from .index_errors import damaged_index, guarded
from .layout import Legacy, Manifest, StoreFiles, index_identity
from .migrate import migrate
from .rebuild import rebuild_index
from .record_upgrade import current_shape
from .report import ImportReport
from .segment_format import Version
from .storage import describe_os_error
from .views import View, create_store, memory_view, open_view

Record = dict[str, Any]
Facets = dict[str, dict[str, int]]
PathLike = str | os.PathLike[str]
#: Trials located at a time while iterating over the store.
_ITER_CHUNK = 256


class TrialStore:
    """Trial records by id, search, and checkpointed imports (see the module doc)."""

    def __init__(
        self, path: PathLike | None = None, *, lock_timeout: float = 60.0,
        on_lock_wait: Callable[[Path], None] | None = None,
        on_rebuild: Callable[[int, int], None] | None = None,
    ) -> None:
        """Open the store at path (None: in memory), creating it, or migrating a store of an
        earlier layout, when needed. A write waits up to lock_timeout seconds for another
        process's write to finish; on_lock_wait(path) is called when it starts waiting.
        on_rebuild(done, total) is called while the search index is rebuilt from the
        segment files (an index of another schema or tantivy version): segments replayed
        of all, from (0, total) on."""
        self._path = None if path is None else Path(path).expanduser()
        self._mutex = threading.RLock()
        self._lock_timeout = lock_timeout
        self._on_lock_wait = on_lock_wait
        self._on_rebuild = on_rebuild
        self._lock = None if self._path is None else FileLock(f"{self._path}.lock",
                                                               timeout=lock_timeout)
        self._files = None if self._path is None else StoreFiles(self._path)
        self._manifest = Manifest()
        self._signature: object = None
        self._closed = False
        self._view = self._open()

    # --- reading -------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The manifest file, or None for an in-memory store."""
        return self._path

    @property
    def index(self) -> TrialIndex:
        """The search index (list columns, facets, highlights); treat it as read-only."""
        return self._view.index

    def get(self, trial_id: str) -> Record | None:
        """The record with this id (a copy of its own), or None."""
        version = self._current(trial_id)
        return None if version is None else version.record

    def get_source(self, trial_id: str) -> str | None:
        """The cleaned original text the record was parsed from, or None."""
        version = self._current(trial_id, shaped=False)  # (the record is not wanted)
        return None if version is None else version.source

    def history(self, trial_id: str) -> list[Version]:
        """Every stored version of a trial (record, source, meta), newest first."""
        view = self._view
        with self._guard(view):
            location = view.index.locate(trial_id) if isinstance(trial_id, str) else None
        return [] if location is None else [
            current_shape(version) for version in view.segments.history(location)]

    def history_meta(self, trial_id: str) -> list[dict[str, Any]]:
        """The meta (imported_at, last_update, path, …) of every stored version of a trial,
        newest first, without reading their records: cheap enough to count versions."""
        view = self._view
        with self._guard(view):
            location = view.index.locate(trial_id) if isinstance(trial_id, str) else None
        return [] if location is None else [
            head.meta for head in view.segments.heads(location)]

    def columns(self, trial_id: str) -> dict[str, Any] | None:
        """The list columns of a trial, read from the index (no segment read)."""
        view = self._view
        with self._guard(view):
            return view.index.columns(trial_id)

    def columns_many(self, ids: Iterable[str]) -> list[dict[str, Any] | None]:
        """columns() of each id, in the same order (None for an unknown id), read together."""
        view = self._view
        with self._guard(view):
            return view.index.columns_many(ids)

    def ids(self) -> list[str]:
        """Every trial id, sorted."""
        view = self._view
        with self._guard(view):
            return view.index.ids()

    def __len__(self) -> int:
        return len(self._view.index)

    def __contains__(self, trial_id: object) -> bool:
        view = self._view
        with self._guard(view):
            return isinstance(trial_id, str) and trial_id in view.index

    def __iter__(self) -> Iterator[Record]:
        """Every record, in id order."""
        view = self._view
        with self._guard(view):
            ids = view.index.ids()
        for start in range(0, len(ids), _ITER_CHUNK):
            chunk = ids[start:start + _ITER_CHUNK]
            with self._guard(view):
                located = view.index.locate_many(chunk)
            for trial_id, location in zip(chunk, located, strict=True):
                if location is not None:
                    yield current_shape(view.segments.read(location, trial_id)).record

    def search(
        self, query: str, limit: int | None = 50, *, prefix_last: bool = False,
        sort: str | None = None,
    ) -> list[dict[str, Any]]:
        """Ranked hits [{"id", "score"}]; raises QueryError for a malformed query."""
        view = self._view
        with self._guard(view):
            hits = view.index.search(query, limit, prefix_last=prefix_last, sort=sort)
        return [{"id": hit.id, "score": hit.score} for hit in hits]

    def count(self, query: str, *, prefix_last: bool = False) -> int:
        """How many trials match a query (without ranking them); QueryError if malformed."""
        view = self._view
        with self._guard(view):
            return view.index.count(query, prefix_last=prefix_last)

    def facets(self, query: str, *, prefix_last: bool = False) -> Facets:
        """How many matches of a query have each status, phase, study type and country."""
        view = self._view
        with self._guard(view):
            return view.index.facets_of(query, prefix_last=prefix_last)

    def near_place(self, query: str, *, prefix_last: bool = False) -> Place | None:
        """The place of the query's first near: term (name, lat, lon, trials), or None when
        it has none; QueryError for an unknown or ambiguous place."""
        view = self._view
        with self._guard(view):
            return view.index.near_place(query, prefix_last=prefix_last)

    def refresh(self) -> bool:
        """Move to the latest commit (of another process); True if the store changed. When
        that fails, the store keeps showing what it showed."""
        with self._mutex:
            return self._reload()

    # --- writing -------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """A Writer for checkpoints (store.checkpoint), under the cross-process lock (waiting
        for another process's write, through on_lock_wait), after removing what killed writes
        left and reloading what another process committed."""
        self._check_open()
        with self._locked():
            view = self._prepare_write()
            writer = Writer(view.index, view.segments, where=self._where,
                            index_dir=view.index_dir, store=self._path, persist=self._persist,
                            clock=lambda: _utc_now())
            try:
                with view.index.writing():
                    yield writer
            finally:
                writer.close()

    def import_paths(
        self,
        paths: Iterable[PathLike] | PathLike,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> ImportReport:
        """Import files, folders (recursively), zip archives and glob patterns, in
        checkpoints. progress(done, total, path) is called after each file is parsed; an
        exception it raises aborts the import before anything is written. A file that fails
        changes nothing; when a write fails, StoreError is raised and the checkpoints before
        it stay."""
        from .pipeline import PathSource, run_import  # (not loaded by a program that only reads)

        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        self._check_open()
        return run_import(self, PathSource(list(paths)), progress=progress)

    def import_data(
        self,
        items: Iterable[tuple[str, bytes]],
        progress: Callable[[int, int, str], None] | None = None,
    ) -> ImportReport:
        """Import (label, bytes of a trial file in any supported format) pairs; each label
        stands for a path: it is the records' source path and the report's path."""
        from .pipeline import run_import

        self._check_open()
        return run_import(self, [(label, bytes(data)) for label, data in items],
                          progress=progress)

    def close(self) -> None:
        """Close the store; it can still be read, but no longer written."""
        self._closed = True
        self._view.segments.close()

    def __enter__(self) -> TrialStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = "memory" if self._path is None else str(self._path)
        return f"<TrialStore {where}: {len(self)} trials>"

    # --- opening and reloading -----------------------------------------------------------

    @property
    def _where(self) -> str:
        return "the in-memory store" if self._path is None else str(self._path)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed")

    def _open(self) -> View:
        """The view of the store; created, migrated or its index rebuilt under the lock."""
        files = self._files
        if files is None:
            return memory_view()
        found = files.read()
        if isinstance(found, Manifest):
            try:
                return self._open_view(found, files.read_signature)
            except IndexVersionError:
                pass  # rebuilt below, under the lock
        with self._locked():
            found = files.read()
            if found is None:
                manifest = create_store(files)
            elif isinstance(found, Legacy):
                manifest = migrate(files, found)
            else:
                manifest = found
            try:
                return self._open_view(manifest, files.read_signature)
            except IndexVersionError as exc:
                manifest = rebuild_index(files, manifest, exc, self._on_rebuild)
                return self._open_view(manifest, files.read_signature)

    def _open_view(self, manifest: Manifest, signature: object) -> View:
        """open_view, noting the manifest it was opened from."""
        assert self._files is not None
        view = open_view(self._files, manifest)
        self._manifest, self._signature = manifest, signature
        return view

    def _reload(self) -> bool:
        """Read what another process committed (hold the mutex); True if anything changed."""
        files = self._files
        if files is None:
            return False
        view = self._view
        signature = files.signature()
        manifest = self._manifest
        if signature != self._signature:
            found = files.read()
            if not isinstance(found, Manifest):
                raise StoreError(f"{self._where} was replaced by a store of an earlier layout, "
                                 "or removed, by another program; open it again")
            manifest, signature = found, files.read_signature
            dir_now = files.index_dir(manifest)
            if manifest.index != view.index_name or index_identity(dir_now) != view.identity:
                try:
                    self._view = self._open_view(manifest, signature)
                except IndexVersionError as exc:
                    raise damaged_index(exc, dir_now, self._path) from exc
                view.segments.close()
                return True
        before = view.index.generation
        with self._guard(view):
            view.index.reload()
        changed = signature != self._signature or view.index.generation != before
        self._manifest, self._signature = manifest, signature
        return changed

    def _prepare_write(self) -> View:
        """Under the lock: reload, then remove what killed writes left (segments the index
        does not reach, temporary files)."""
        self._reload()
        view = self._view
        generation = view.index.generation
        view.segments.remove([n for n in view.segments.numbers() if n > generation])
        view.segments.remove_temporary_files()
        if self._files is not None:
            self._files.remove_leftovers(self._manifest)
        return view

    def _persist(self, next_segment: int) -> None:
        """Record a commit in the manifest. The index is the commit point, so a manifest that
        cannot be written loses nothing: the next write records it."""
        if self._files is None:
            return
        manifest = Manifest(next_segment, self._manifest.index)
        try:
            self._files.write(manifest)
        except OSError:
            return
        self._manifest, self._signature = manifest, self._files.read_signature

    @contextmanager
    def _guard(self, view: View) -> Iterator[None]:
        with guarded(view.index_dir, self._path):
            yield

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
                raise StoreError(f"cannot lock {self._path} for writing: "
                                 f"{describe_os_error(exc)}") from exc
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

    def _current(self, trial_id: str, *, shaped: bool = True) -> Version | None:
        """The current version of a trial, or None; shaped: its record in the current shape
        (an older one parsed again from its source)."""
        if not isinstance(trial_id, str):
            return None
        view = self._view
        with self._guard(view):
            location = view.index.locate(trial_id)
        if location is None:
            return None
        version = view.segments.read(location, trial_id)
        return current_shape(version) if shaped else version


def _utc_now() -> str:
    return utc_now()
