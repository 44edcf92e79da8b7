"""Open segment files for reading: a small LRU of file descriptors that many threads share
(os.pread has no shared offset). A file is closed only when no read uses it any more."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager


class Segment:
    """An open segment: a file descriptor (or the bytes, in memory), its size and zstd
    dictionary, and how many reads use it now."""

    __slots__ = ("data", "dictionary", "fd", "retired", "size", "users")

    def __init__(self, fd: int, data: bytes | None, size: int) -> None:
        self.fd, self.data, self.size = fd, data, size
        self.dictionary: bytes | None = None
        self.users = 0
        #: Out of the cache: closed when the last read that uses it ends.
        self.retired = False

    def pread(self, offset: int, length: int) -> bytes:
        """length bytes at offset (fewer at the end of the file)."""
        if self.data is not None:
            return self.data[offset:offset + length]
        return os.pread(self.fd, length, offset)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class OpenFiles:
    """Up to `capacity` segments kept open, least recently used closed first."""

    def __init__(self, opener: Callable[[int], Segment], capacity: int) -> None:
        self._opener = opener
        self._capacity = max(1, capacity)
        self._lock = threading.Lock()
        self._open: OrderedDict[int, Segment] = OrderedDict()
        #: Changes whenever open files may have gone stale (forget).
        self._epoch = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._open)

    @contextmanager
    def use(self, number: int) -> Iterator[Segment]:
        """Segment `number`, open until the block ends (and then as long as it is cached)."""
        segment = self._acquire(number)
        try:
            yield segment
        finally:
            with self._lock:
                segment.users -= 1
                if segment.retired and segment.users == 0:
                    segment.close()

    def _acquire(self, number: int) -> Segment:
        with self._lock:
            segment = self._open.get(number)
            if segment is not None:
                self._open.move_to_end(number)
                segment.users += 1
                return segment
            epoch = self._epoch
        opened = self._opener(number)  # outside the lock: other reads go on meanwhile
        spare: Segment | None = None
        with self._lock:
            segment = self._open.get(number)
            if segment is not None:  # another thread opened it meanwhile
                spare = opened
                self._open.move_to_end(number)
            else:
                segment = opened
                if epoch != self._epoch:  # forgotten meanwhile (removed): use it once
                    segment.retired = True
                else:
                    self._open[number] = segment
                    while len(self._open) > self._capacity:
                        self._retire(self._open.popitem(last=False)[1])
            segment.users += 1
        if spare is not None:
            spare.close()
        return segment

    def forget(self, numbers: Iterable[int] | None) -> None:
        """Close these segments (None: all) once the reads under way end."""
        with self._lock:
            self._epoch += 1
            doomed = list(self._open) if numbers is None else list(numbers)
            for number in doomed:
                segment = self._open.pop(number, None)
                if segment is not None:
                    self._retire(segment)

    def _retire(self, segment: Segment) -> None:
        """Close segment once no read uses it (call with the lock held)."""
        segment.retired = True
        if segment.users == 0:
            segment.close()
