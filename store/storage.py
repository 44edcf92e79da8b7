"""TinyDB storages: an atomic JSON file and an in-memory twin, both with batched writes."""

from __future__ import annotations

import os
import tempfile
from abc import abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .errors import StoreError

Data = dict[str, dict[str, Any]]
Signature = tuple[int, int, int, int]

_UNSET: Any = object()


def file_signature(st: os.stat_result) -> Signature:
    """What tells one version of a file from another: mtime, size, inode, device."""
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)


class BatchStorage(Storage):
    """A storage whose batch() serves TinyDB operations from memory and writes once at the end."""

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0
        self._cache: Data | None = None
        self._cached = False
        self._dirty = False
        self.last_signature: Signature | None = None

    @abstractmethod
    def _read_data(self) -> Data | None:
        """Read the stored state (None when there is none yet)."""

    @abstractmethod
    def _write_data(self, data: Data) -> None:
        """Store the whole state at once."""

    def disk_signature(self) -> Signature | None:
        """The signature of the stored state as it is now (None: not a file, or none yet)."""
        return None

    def read(self) -> Data | None:
        """The current state: from the batch copy inside batch(), else from the store."""
        if not self._depth:
            return self._read_data()
        if not self._cached:
            self._cache = self._read_data()
            self._cached = True
        return self._cache

    def write(self, data: Data) -> None:
        """Store the state: into the batch copy inside batch(), else at once."""
        if not self._depth:
            self._write_data(data)
            return
        self._cache = data
        self._cached = True
        self._dirty = True

    @property
    def in_batch(self) -> bool:
        """Whether a batch() is open."""
        return self._depth > 0

    @contextmanager
    def batch(self, initial: Data | None = _UNSET) -> Iterator[BatchStorage]:
        """Serve reads and writes from memory, then write once; on any error write nothing."""
        # initial, when given, is the caller's copy of the stored state, used instead of
        # reading it again: it must match the store, and is not modified (TinyDB replaces
        # tables whole). A nested batch joins the outermost one.
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._depth = 1
        if initial is not _UNSET:
            self._cache = dict(initial) if initial is not None else None
            self._cached = True
        try:
            yield self
            if self._dirty:
                self._write_data(self._cache or {})
        finally:
            self._depth = 0
            self._cache = None
            self._cached = False
            self._dirty = False


class MemoryJSONStorage(BatchStorage):
    """In-memory storage that keeps the state as JSON bytes, so it behaves like the file."""

    def __init__(self) -> None:
        super().__init__()
        self._bytes: bytes | None = None

    def _read_data(self) -> Data | None:
        return None if self._bytes is None else orjson.loads(self._bytes)

    def _write_data(self, data: Data) -> None:
        self._bytes = orjson.dumps(data)


class AtomicJSONStorage(BatchStorage):
    """A JSON file replaced atomically on every write (temp file, fsync, os.replace)."""

    def __init__(self, path: str | os.PathLike[str], create_dirs: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        if create_dirs:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder of {self.path}: {_why(exc)}") from exc

    def disk_signature(self) -> Signature | None:
        """The file's signature now, or None when it does not exist."""
        try:
            return file_signature(os.stat(self.path))
        except FileNotFoundError:
            return None

    def _read_data(self) -> Data | None:
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            self.last_signature = None
            return None
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {_why(exc)}") from exc
        self.last_signature = file_signature(st)
        if not raw.strip():
            return None
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise StoreError(f"{self.path} is not a valid store file: broken JSON ({exc})") from exc
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StoreError(f"{self.path} is not a valid store file: expected an object of tables")
        return data

    def _write_data(self, data: Data) -> None:
        payload = orjson.dumps(data)
        directory = self.path.parent
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        try:
            with open(fd, "wb") as handle:
                _keep_mode(handle.fileno(), self.path)
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
                st = os.fstat(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
        self.last_signature = file_signature(st)
        _fsync_dir(directory)


def _keep_mode(fd: int, target: Path) -> None:
    """Give the temp file the permissions of the file it replaces (a new file stays 0600)."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        return
    os.fchmod(fd, mode)


def _fsync_dir(directory: Path) -> None:
    """Make a rename in directory durable (POSIX only)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)
