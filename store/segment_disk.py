"""Segment files on disk: their names, listing a folder, writing a new file atomically a
document at a time, and removing files."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from .errors import StoreError, StoreWriteError
from .storage import _fsync_dir, atomic_fill, describe_os_error

_SEGMENT = re.compile(r"^seg-(\d{6,})\.json$")
#: A temporary file of atomic_fill for a segment (left behind only by a crash).
_TEMPORARY = re.compile(r"^\.seg-(\d{6,})\.json\.[0-9a-f]+\.tmp$")
#: Bytes gathered before each os.write of a segment file.
WRITE_BUFFER = 1 << 20


def segment_name(number: int) -> str:
    """The file name of segment `number`."""
    return f"seg-{number:06d}.json"


def scan(folder: Path) -> list[tuple[int, bool, str]]:
    """(number, is a temporary file, name) of every segment file in folder."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(f"cannot list {folder}: {describe_os_error(exc)}") from exc
    found = []
    for name in names:
        if match := _SEGMENT.match(name):
            found.append((int(match[1]), False, name))
        elif match := _TEMPORARY.match(name):
            found.append((int(match[1]), True, name))
    return found


def write_new(path: Path, chunks: Iterable[bytes], mode: int, exists: StoreError) -> None:
    """Write a new file from chunks, streamed to a temporary file beside it, fsynced, moved
    into place, and the folder fsynced. Raises exists if the file exists already, and
    StoreError naming the file and the reason when it cannot be written; then no part of
    it is left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreWriteError(path, f"cannot create its folder: {describe_os_error(exc)}"
                              ) from exc

    def fill(handle: BinaryIO) -> None:
        fd = handle.fileno()
        buffer = bytearray()
        for chunk in chunks:
            buffer += chunk
            if len(buffer) >= WRITE_BUFFER:
                _write_all(fd, buffer)
                buffer.clear()
        _write_all(fd, buffer)

    try:
        atomic_fill(path, fill, overwrite=False, mode=mode, sync_folder=False)
    except FileExistsError as exc:
        if os.path.lexists(path):
            raise exists from exc
        raise StoreWriteError(path, describe_os_error(exc)) from exc
    except OSError as exc:
        raise StoreWriteError(path, _reason(exc)) from exc
    try:
        _fsync_dir(path.parent)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(path)
        raise StoreWriteError(path, _reason(exc)) from exc


def unlink(folder: Path, doomed: Callable[[int, bool], bool]) -> None:
    """Delete the segment files of folder for which doomed(number, is temporary) holds."""
    removed = False
    for number, temporary, name in scan(folder):
        if not doomed(number, temporary):
            continue
        path = folder / name
        try:
            os.unlink(path)
            removed = True
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreError(f"cannot remove {path}: {describe_os_error(exc)}") from exc
    if removed:
        with suppress(OSError):
            _fsync_dir(folder)


def _reason(exc: OSError) -> str:
    """Why a write failed, in words (the temporary file it concerned is gone)."""
    return exc.strerror or str(exc)


def _write_all(fd: int, data: bytes | bytearray) -> None:
    """Write all of data to fd (os.write may write less)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]
