"""Pages of the index's files mapped in this process, handed back to the page cache while the
index is written.

tantivy reads its segment files through read-only memory maps. While an import or a sync
writes, its merges read whole segments (gigabytes at the registry's size) through those maps,
and every page read stays in the process's resident set until the segment is let go: the
import of 600,000 studies held about 0.8 GiB of such pages beside its own memory. They are
clean pages of files that never change (a segment is written once), so dropping them from the
process (madvise MADV_DONTNEED) loses nothing: the next read of a page maps it again from the
page cache, or from the file once the kernel has reclaimed it. ReleasingMappedPages does that
every INTERVAL seconds for the maps of files under one folder that are not writable. Where
there is no /proc/self/maps or no madvise (not Linux), it does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import sys
import threading
from pathlib import Path

#: Seconds between two releases.
INTERVAL = 0.5
#: madvise(2) advice: the pages may be dropped; a read maps them again from the file.
MADV_DONTNEED = 4
_MAPS = "/proc/self/maps"


def mapped_ranges(maps: str, folder: str) -> list[tuple[int, int]]:
    """(start, end) of every mapping in maps (the text of /proc/PID/maps) of a file under
    folder (an absolute path) that is mapped without write access."""
    prefix = folder.rstrip("/") + "/"
    ranges: list[tuple[int, int]] = []
    for line in maps.splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) < 6 or "w" in parts[1] or not parts[5].startswith(prefix):
            continue
        start, _, end = parts[0].partition("-")
        with contextlib.suppress(ValueError):
            ranges.append((int(start, 16), int(end, 16)))
    return ranges


@functools.cache
def _madvise() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.madvise
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    function.restype = ctypes.c_int
    return function


def release(folder: Path) -> int:
    """Drop this process's pages of the read-only maps of files under folder; the bytes of
    address range advised (0 where that cannot be done)."""
    madvise = _madvise()
    if madvise is None:
        return 0
    try:
        with open(_MAPS, encoding="utf-8", errors="replace") as handle:
            maps = handle.read()
    except OSError:
        return 0
    advised = 0
    for start, end in mapped_ranges(maps, os.path.realpath(folder)):
        # A map unmapped since /proc was read fails with ENOMEM: nothing to drop then.
        if madvise(start, end - start, MADV_DONTNEED) == 0:
            advised += end - start
    return advised


class ReleasingMappedPages:
    """A thread that releases folder's mapped pages every `interval` seconds until stopped
    (stop() is idempotent)."""

    def __init__(self, folder: Path, interval: float = INTERVAL) -> None:
        self.folder = Path(os.path.realpath(folder))  # resolved once, not at every release
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> ReleasingMappedPages:
        if self._thread is None and _madvise() is not None:
            self._thread = threading.Thread(target=self._run, daemon=True,
                                            name="release-mapped-pages")
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            release(self.folder)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
