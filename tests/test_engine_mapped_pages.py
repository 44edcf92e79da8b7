"""store.engine.mapped_pages: the index's mapped pages given back while it is written."""

from __future__ import annotations

import mmap
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from engine_helpers import make, put_all

from store.engine import TrialIndex
from store.engine.mapped_pages import mapped_ranges, release

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux")
                                or not os.path.exists("/proc/self/smaps"),
                                reason="needs Linux's /proc/self/smaps and madvise")

MAPS = """\
7f0000000000-7f0000100000 r--s 00000000 fd:01 11 /data/store.d/index/abc.idx
7f0000100000-7f0000200000 r--p 00000000 fd:01 12 /data/store.d/index/abc.pos (deleted)
7f0000200000-7f0000300000 rw-s 00000000 fd:01 13 /data/store.d/index/meta.lock
7f0000300000-7f0000400000 r--s 00000000 fd:01 14 /data/store.d/index2/other.idx
7f0000400000-7f0000500000 r-xp 00000000 fd:01 15 /usr/lib/libc.so.6
7f0000500000-7f0000600000 rw-p 00000000 00:00 0
7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0 [stack]
"""


def test_the_ranges_are_the_read_only_maps_of_files_under_the_folder() -> None:
    assert mapped_ranges(MAPS, "/data/store.d/index") == [
        (0x7F0000000000, 0x7F0000100000),
        (0x7F0000100000, 0x7F0000200000),  # a segment merged away, still mapped
    ]
    assert mapped_ranges(MAPS, "/data/store.d/index/") == mapped_ranges(
        MAPS, "/data/store.d/index")
    assert mapped_ranges(MAPS, "/elsewhere") == []


def _resident_kib(path: Path) -> int:
    """Resident KiB of this process's maps of path (/proc/self/smaps)."""
    total, inside = 0, False
    wanted = os.path.realpath(path)
    with open("/proc/self/smaps", encoding="utf-8") as handle:
        for line in handle:
            first = line.split(maxsplit=5)
            if "-" in first[0] and len(first) >= 5 and ":" not in first[0]:
                inside = len(first) == 6 and first[5].strip() == wanted
            elif inside and line.startswith("Rss:"):
                total += int(line.split()[1])
    return total


@contextmanager
def _mapped(path: Path, access: int) -> Iterator[mmap.mmap]:
    with open(path, "r+b" if access == mmap.ACCESS_COPY else "rb") as handle:
        mapping = mmap.mmap(handle.fileno(), 0, access=access)
        try:
            yield mapping
        finally:
            mapping.close()


@linux_only
def test_release_drops_the_pages_and_keeps_the_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    data = os.urandom(2 << 20)
    inside, outside = folder / "segment.idx", tmp_path / "elsewhere.idx"
    inside.write_bytes(data)
    outside.write_bytes(data)
    with _mapped(inside, mmap.ACCESS_READ) as read_in, \
            _mapped(outside, mmap.ACCESS_READ) as read_out:
        assert read_in[:] == data and read_out[:] == data  # every page read in
        assert _resident_kib(inside) >= 2048 and _resident_kib(outside) >= 2048
        assert release(folder) >= len(data)
        assert _resident_kib(inside) == 0
        assert _resident_kib(outside) >= 2048
        assert read_in[:] == data  # read again from the file
        assert _resident_kib(inside) >= 2048


@linux_only
def test_a_writable_map_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    path = folder / "scratch"
    path.write_bytes(bytes(1 << 16))
    with _mapped(path, mmap.ACCESS_COPY) as private:
        private[0:5] = b"hello"  # a copy of the page, in this process only
        release(folder)
        assert private[0:5] == b"hello"


def _releasing() -> bool:
    return any(thread.name == "release-mapped-pages" for thread in threading.enumerate())


@linux_only
def test_an_index_releases_its_pages_while_it_is_written(tmp_path: Path) -> None:
    index = TrialIndex(tmp_path / "index")
    assert not _releasing()
    with index.writing():
        put_all(index, [make("NCT00000001"), make("NCT00000002")])
        assert _releasing()
        put_all(index, [make("NCT00000003")])
        assert _releasing()
    assert not _releasing()
    assert len(index) == 3
    index.close()
