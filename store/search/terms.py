"""A sorted term list packed in one UTF-8 blob: compact, and loaded without building strings."""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from typing import overload

_SEPARATOR = b"\n"  # no term holds a newline (terms are folded words, keys and tags)


class TermTable(Sequence[str]):
    """Terms in sorted order, term i decoded from blob on access (bisect works on it)."""

    __slots__ = ("blob", "starts")

    def __init__(self, blob: bytes = b"", starts: array[int] | None = None) -> None:
        self.blob = blob
        # starts[i]: where term i begins in blob; starts[-1]: len(blob) + 1.
        self.starts = starts if starts is not None else array("I", [0])

    @classmethod
    def from_list(cls, terms: list[str]) -> TermTable:
        if not terms:
            return cls()
        blob = _SEPARATOR.join(term.encode("utf-8", "surrogatepass") for term in terms)
        ends = [m.start() + 1 for m in re.finditer(re.escape(_SEPARATOR), blob)]
        return cls(blob, array("I", [0, *ends, len(blob) + 1]))

    def tolist(self) -> list[str]:
        if len(self.starts) == 1:
            return []
        return self.blob.decode("utf-8", "surrogatepass").split(_SEPARATOR.decode())

    def __len__(self) -> int:
        return len(self.starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            if start >= stop:
                return []
            # One decode for the whole run of terms (a prefix's expansions, say).
            chunk = self.blob[self.starts[start] : self.starts[stop] - 1]
            return chunk.decode("utf-8", "surrogatepass").split(_SEPARATOR.decode())
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("term index out of range")
        starts = self.starts
        return self.blob[starts[index] : starts[index + 1] - 1].decode("utf-8", "surrogatepass")

    def consistent(self) -> bool:
        """A cheap check of data read from disk."""
        starts = self.starts
        if len(starts) == 1:
            return starts[0] == 0 and not self.blob
        return starts[0] == 0 and starts[-1] == len(self.blob) + 1
