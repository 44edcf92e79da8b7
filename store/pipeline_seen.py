"""A set of 64-bit keys that costs 8 bytes a key: what an import has already seen (files by
identity, trials by id) without a Python object per entry.

Keys go into a small Python set first; when it fills up it is sorted into a run (an
array of unsigned 64-bit integers), and runs of similar size are merged, so there are at most
about log2(n / BUFFER) runs and a lookup is a few binary searches. A million keys take 8 MB.
"""

from __future__ import annotations

import hashlib
import heapq
from array import array
from bisect import bisect_left

#: Keys held in the Python set before they are sorted into a run.
BUFFER = 4096


def key64(data: bytes | str) -> int:
    """A 64-bit key for data (blake2b: the same in every process and every run)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "little")


class SeenSet:
    """Keys seen so far; add() says whether a key was new."""

    def __init__(self, buffer: int = BUFFER) -> None:
        self._buffer_size = max(1, buffer)
        self._recent: set[int] = set()
        self._runs: list[array[int]] = []  # sorted, largest first
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, int):
            return False
        if key in self._recent:
            return True
        for run in self._runs:
            at = bisect_left(run, key)
            if at < len(run) and run[at] == key:
                return True
        return False

    def add(self, key: int) -> bool:
        """Add key; True when it was not in the set before."""
        if key in self:
            return False
        self._recent.add(key)
        self._count += 1
        if len(self._recent) >= self._buffer_size:
            self._spill()
        return True

    def _spill(self) -> None:
        run = array("Q", sorted(self._recent))
        self._recent = set()
        # Merge while the newest run is at least half the size of the one before it: the
        # runs' sizes then at least double from newest to oldest.
        while self._runs and len(self._runs[-1]) <= 2 * len(run):
            run = array("Q", heapq.merge(self._runs.pop(), run))
        self._runs.append(run)

    def memory(self) -> int:
        """Bytes held by the runs (the recent set aside): 8 a key."""
        return sum(run.itemsize * len(run) for run in self._runs)
