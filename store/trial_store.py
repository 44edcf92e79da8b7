"""TrialStore: trial records in a TinyDB file, loaded once into memory, written atomically."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import orjson
from filelock import FileLock, Timeout

from .errors import StoreError
from .importer import ImportPlan, parse_entries, plan_import
from .paths import PathEntry, expand_paths
from .report import ImportReport
from .simple_search import SimpleSearch
from .storage import AtomicJSONStorage, BatchStorage, MemoryJSONStorage
from .tables import SOURCES, TRIALS, IdTable, TrialDB

Record = dict[str, Any]
PathLike = str | os.PathLike[str]


class TrialStore:
    """Trial records by id in a TinyDB file (in memory when path is None), read once."""

    # Lookups and searches are served from memory. Every write holds a cross-process file
    # lock, reloads first when another process changed the file, and replaces it atomically.
    # Memory is swapped copy-on-write, so a reader in another thread never sees half an import.

    def __init__(self, path: PathLike | None = None, *, lock_timeout: float = 60.0) -> None:
        self._path = None if path is None else Path(path).expanduser()
        self._mutex = threading.RLock()
        self._lock: FileLock | None = None
        self._lock_timeout = lock_timeout
        if self._path is None:
            self._db = TrialDB(storage=MemoryJSONStorage)
        else:
            self._db = TrialDB(self._path, storage=AtomicJSONStorage)
            self._lock = FileLock(f"{self._path}.lock", timeout=lock_timeout)
        self._storage = cast(BatchStorage, self._db.storage)
        self._trials = cast(IdTable, self._db.table(TRIALS))
        self._texts = cast(IdTable, self._db.table(SOURCES))
        self._records: dict[str, Record] = {}
        self._sources: dict[str, str] = {}
        self._index = SimpleSearch()
        self._sorted_ids: tuple[dict[str, Record], list[str]] | None = None
        self._signature = self._storage.last_signature
        self._closed = False
        if self._path is not None and self._storage.disk_signature() is None:
            self._create()
        self._load()

    # --- reading -------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The store file, or None for an in-memory store."""
        return self._path

    def get(self, trial_id: str) -> Record | None:
        """A copy of the record with this id, or None."""
        record = self._records.get(trial_id)
        return None if record is None else _copy(record)

    def get_source(self, trial_id: str) -> str | None:
        """The cleaned original text the record was parsed from, or None."""
        return self._sources.get(trial_id)

    def ids(self) -> list[str]:
        """Every trial id, sorted."""
        records, cached = self._records, self._sorted_ids
        if cached is None or cached[0] is not records:
            cached = (records, sorted(records))
            self._sorted_ids = cached
        return list(cached[1])

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, trial_id: object) -> bool:
        return isinstance(trial_id, str) and trial_id in self._records

    def __iter__(self) -> Iterator[Record]:
        records = self._records
        for trial_id in self.ids():
            record = records.get(trial_id)
            if record is not None:
                yield _copy(record)

    def search(self, query: str, limit: int | None = 50) -> list[dict[str, Any]]:
        """Records holding every word of query, best first: [{"id", "score", "record"}]."""
        records = self._records
        hits = []
        for trial_id, score in self._index.search(query, limit):
            record = records.get(trial_id)
            if record is not None:
                hits.append({"id": trial_id, "score": score, "record": _copy(record)})
        return hits

    def refresh(self) -> bool:
        """Reload when another process changed the file since it was read; True if so."""
        with self._mutex:
            if self._storage.disk_signature() == self._signature:
                return False
            self._load()
            return True

    # --- writing -------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[PathLike] | PathLike,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> ImportReport:
        """Import files, folders (recursively) and glob patterns in one write."""
        # progress(done, total, path) is called after each file is parsed; an exception it
        # raises aborts the import before anything is written. A file that fails changes
        # nothing; when the write fails, StoreError is raised and memory matches the file.
        if self._closed:
            raise StoreError("the store is closed")
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        parsed = parse_entries(self._without_own_files(expand_paths(paths)), progress)
        with self._locked():
            self.refresh()
            plan = plan_import(parsed, self._records, self._sources, _utc_now())
            if plan.records:
                self._write(plan)
        return ImportReport(plan.outcomes)

    def _without_own_files(self, entries: list[PathEntry]) -> list[PathEntry]:
        """Leave out the store's own file and lock when a folder holding them is imported."""
        if self._path is None:
            return entries
        own = {self._path.absolute(), Path(f"{self._path}.lock").absolute()}
        return [entry for entry in entries if Path(entry.path).absolute() not in own]

    def close(self) -> None:
        """Close the store; it can still be read, but no longer written."""
        if not self._closed:
            self._closed = True
            self._db.close()

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

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold this object's mutex and, for a file, the cross-process lock."""
        with self._mutex:
            if self._lock is None:
                yield
                return
            try:
                self._lock.acquire()
            except Timeout as exc:
                raise StoreError(
                    f"{self._path} is locked by another process (waited {self._lock_timeout:g} s)"
                ) from exc
            except OSError as exc:
                raise StoreError(f"cannot lock {self._path}: {_reason(exc)}") from exc
            try:
                yield
            finally:
                self._lock.release()

    def _create(self) -> None:
        """Create an empty store file, unless another process just did."""
        with self._locked():
            if self._storage.disk_signature() is not None:
                return
            try:
                self._storage.write({TRIALS: {}, SOURCES: {}})
            except OSError as exc:
                raise StoreError(f"cannot create {self._path}: {_reason(exc)}") from exc

    def _load(self) -> None:
        """Read the whole store once and replace what memory holds."""
        try:
            with self._storage.batch():
                records = {str(doc.doc_id): dict(doc) for doc in self._trials}
                texts = {str(doc.doc_id): doc.get("text") for doc in self._texts}
        except (TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"{self._where} is not a valid store file: {exc}") from exc
        bad = next((i for i, t in texts.items() if not isinstance(t, str)), None)
        if bad is not None:
            raise StoreError(f"{self._where} is not a valid store file: no text for {bad}")
        self._index = SimpleSearch(records)
        self._records, self._sources = records, cast(dict[str, str], texts)
        self._signature = self._storage.last_signature

    def _write(self, plan: ImportPlan) -> None:
        """Write the plan's records and texts in one storage write, then apply them in memory."""
        current = {
            TRIALS: self._records,
            SOURCES: {trial_id: {"text": text} for trial_id, text in self._sources.items()},
        }
        try:
            with self._storage.batch(initial=current):
                self._trials.put_many(plan.records)
                self._texts.put_many({i: {"text": t} for i, t in plan.sources.items()})
        except BaseException as exc:
            changed = self._recover()
            if not isinstance(exc, Exception):
                raise
            outcome = "" if changed else "; the store is unchanged"
            raise StoreError(f"could not write {self._where}: {_reason(exc)}{outcome}") from exc
        records = dict(self._records)
        records.update(plan.records)
        sources = dict(self._sources)
        sources.update(plan.sources)
        self._index.update(plan.records)
        self._records, self._sources = records, sources
        self._signature = self._storage.last_signature

    def _recover(self) -> bool:
        """After a failed write, make memory match the file again; True if the file changed."""
        try:
            return self.refresh()
        except StoreError:
            return True


def _copy(record: Record) -> Record:
    """A deep copy of a JSON-clean record (callers cannot change the store through it)."""
    return orjson.loads(orjson.dumps(record))


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc) or type(exc).__name__
    return str(exc) or type(exc).__name__
