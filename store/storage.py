"""The TinyDB storage of the store: an atomic JSON file (temp file, fsync, rename)."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .errors import DamagedStoreError, StoreError

Data = dict[str, dict[str, Any]]
Signature = tuple[int, int, int, int]

def file_signature(st: os.stat_result) -> Signature:
    """What tells one version of a file from another: mtime, size, inode, device."""
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)


class AtomicJSONStorage(Storage):
    """A TinyDB storage: a JSON file replaced atomically on every write (temp, fsync, rename)."""

    def __init__(
        self, path: str | os.PathLike[str], create_dirs: bool = True,
        store: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        #: The manifest of the store this file belongs to (for the advice on a damaged file).
        self.store = store
        self.last_signature: Signature | None = None
        if create_dirs:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError) as exc:
                raise StoreError(f"cannot create the folder of {self.path}: "
                                 f"{_first_file(self.path.parent)} is not a folder") from exc
            except OSError as exc:
                raise StoreError(f"cannot create the folder of {self.path}: "
                                 f"{describe_os_error(exc)}") from exc

    def disk_signature(self) -> Signature | None:
        """The file's signature now, or None when it does not exist."""
        try:
            return file_signature(os.stat(self.path))
        except FileNotFoundError:
            return None

    def read(self) -> Data | None:
        """The file's tables, or None when it does not exist or is empty."""
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            self.last_signature = None
            return None
        except IsADirectoryError as exc:
            raise StoreError(f"{self.path} is a folder, not a store file: name a file, such as "
                             f"{self.path / 'trials.json'}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {_why(exc)}") from exc
        self.last_signature = file_signature(st)
        if not raw.strip():
            return None
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise DamagedStoreError(
                self.path, f"is not a valid store file (broken JSON: {exc})", self.store
            ) from exc
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise DamagedStoreError(
                self.path, "is not a valid store file (expected an object of tables)", self.store
            )
        return data

    def write(self, data: Data) -> None:
        """Replace the file atomically; on failure the old file stays and no temp file is left."""
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


def _first_file(folder: Path) -> Path:
    """The nearest existing part of a folder path that is not a folder (what stops mkdir)."""
    for part in reversed([folder, *folder.parents]):
        if part.exists() and not part.is_dir():
            return part
    return folder


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


def describe_os_error(exc: OSError) -> str:
    """An OSError in a few words, with the file it concerns when it names one."""
    why = _why(exc)
    return f"{why} ({exc.filename})" if exc.filename else why
