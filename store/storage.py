"""Atomic file writes (temp file beside the target, fsync, rename), the removal of what killed
writes left, the lock of a file written by several processes, and the TinyDB storage of the
store built on them: an atomic JSON file."""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from .errors import DamagedStoreError, StoreError

Data = dict[str, dict[str, Any]]
Signature = tuple[int, int, int, int]
T = TypeVar("T")
#: Tries at a temporary file name that no other file has.
_TEMP_ATTEMPTS = 100


def atomic_fill(
    path: str | os.PathLike[str], fill: Callable[[BinaryIO], T], *, overwrite: bool,
    mode: int = 0o600, sync_folder: bool = True,
) -> tuple[T, os.stat_result]:
    """Write a file atomically: fill(handle) writes a temporary file beside it, which is
    fsynced and then moved into place. Returns what fill returns and the new file's status.

    Readers see the old file or the new one, never a part. With overwrite False an existing
    file is never replaced (FileExistsError), even one that appears while writing. A new file
    gets mode (less the umask); a replaced file keeps its permissions. With sync_folder the
    rename is made durable too (fsync of the folder; POSIX). On any failure the target is as
    it was and no temporary file is left.
    """
    target = Path(path)
    if not overwrite and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "file exists", str(target))
    fd, temporary = _create_temporary(target, mode)
    try:
        with open(fd, "wb") as handle:
            if overwrite:
                _keep_mode(handle.fileno(), target)
            result = fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
            status = os.fstat(handle.fileno())
        _publish(temporary, target, overwrite)
    finally:
        with suppress(OSError):
            os.unlink(temporary)  # gone after os.replace; still there after os.link or a failure
    if sync_folder:
        _fsync_dir(target.parent)
    return result, status


def atomic_write(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool, mode: int = 0o600,
    sync_folder: bool = True,
) -> os.stat_result:
    """Write bytes to a file atomically (see atomic_fill); returns the new file's status."""
    return atomic_fill(path, lambda handle: handle.write(data), overwrite=overwrite, mode=mode,
                       sync_folder=sync_folder)[1]


def remove_temporary_files(target: Path) -> None:
    """Delete the temporary files (".name.RANDOM.tmp") that killed writes of target left
    beside it; call it only when no write of target is under way (under its lock)."""
    prefix = f".{target.name}."
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with suppress(OSError):
                    os.unlink(entry.path)


def acquire_lock(lock: FileLock, path: Path, timeout: float) -> None:
    """Take the cross-process lock of the file at path (creating its folder); StoreError
    naming the file when another process holds it for timeout seconds, or it cannot be
    taken."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout as exc:
        raise StoreError(f"{path} is locked by another process (waited {timeout:g} s)") from exc
    except OSError as exc:
        raise StoreError(f"cannot lock {path}: {describe_os_error(exc)}") from exc


def _create_temporary(target: Path, mode: int) -> tuple[int, Path]:
    """A new, empty temporary file beside target (".name.RANDOM.tmp"), open for writing."""
    for _ in range(_TEMP_ATTEMPTS):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def _publish(temporary: Path, target: Path, overwrite: bool) -> None:
    """Move the written file into place; without overwrite, fail if target exists by then."""
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # atomic, and fails when target exists
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
        os.replace(temporary, target)


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
        status = atomic_write(self.path, orjson.dumps(data), overwrite=True)
        self.last_signature = file_signature(status)


def _first_file(folder: Path) -> Path:
    """The nearest existing part of a folder path that is not a folder (what stops mkdir)."""
    for part in reversed([folder, *folder.parents]):
        if part.exists() and not part.is_dir():
            return part
    return folder


def _keep_mode(fd: int, target: Path) -> None:
    """Give the temp file the permissions of the file it replaces (if any)."""
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
