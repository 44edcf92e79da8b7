"""What query evaluation reads of an index: the IndexReader protocol, the Words a query word
stands for, and the BM25 parameters that the index and the evaluation share.

Imports go one way: index uses engine, engine reads an index through this module only.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .columns import Codes

#: BM25 parameters. AVGDL is a fixed reference length (words in a typical ~4 KB record) rather
#: than the running average, so that impacts never need recomputing and an index built in one
#: batch scores exactly like one built record by record.
K1 = 1.2
B = 0.75
AVGDL = 500.0

#: Impacts of postings, one byte each (see index).
Impacts = bytes | bytearray


@dataclass(frozen=True, slots=True)
class Words:
    """The index terms a query word stands for: the word itself, or every term a prefix
    expands to, and where their postings are.

    terms: the terms, sorted. df: their postings counted together (documents holding any of
    them: at most that). flat: ranges of term numbers in the index's flat postings. delta:
    the terms that also (or only) have postings added since the last merge. Valid until the
    index changes.
    """

    terms: tuple[str, ...]
    df: int
    flat: tuple[tuple[int, int], ...]
    delta: tuple[str, ...]

    @property
    def key(self) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
        """Identifies the postings (a cache key while the index does not change)."""
        return self.flat, self.delta


class IndexReader(Protocol):
    """The parts of an index (SearchIndex) that query evaluation reads.

    Per document number (0 .. size - 1, dead ones included): _status, _type, _sex (enum
    codes, see _enums), _phase (bit masks), _fwd_bounds (5 per document) into _fwd (word
    hashes). _cache: derived data, dropped whenever the index changes.
    """

    def __len__(self) -> int:
        """Live documents."""
        ...

    @property
    def _size(self) -> int:
        """Document numbers in use (live and dead)."""
        ...

    @property
    def _dead(self) -> set[int]: ...

    @property
    def _cache(self) -> dict[str, Any]: ...

    @property
    def _fwd(self) -> bytearray: ...

    @property
    def _fwd_bounds(self) -> array[int]: ...

    @property
    def _status(self) -> bytearray: ...

    @property
    def _type(self) -> bytearray: ...

    @property
    def _sex(self) -> bytearray: ...

    @property
    def _phase(self) -> bytearray: ...

    @property
    def _enums(self) -> dict[str, Codes]: ...

    def _alive(self) -> bytes:
        """One byte per document number: 1 for live documents."""
        ...

    def _postings(self, term: str) -> tuple[Sequence[int], Impacts] | None:
        """(document numbers ascending, impacts) of a term, or None."""
        ...

    def _word(self, term: str) -> Words:
        """A term as Words (with no postings when the index does not hold it)."""
        ...

    def _expand(self, prefix: str, namespace: str = "") -> Words:
        """Every term a prefix stands for (within a field's namespace)."""
        ...

    def _union(self, words: Words) -> bytearray:
        """One byte per document number: its impact for words (0 = none of them)."""
        ...

    def _sorted_column(self, name: str) -> tuple[array[float], array[int]]:
        """(values ascending, their document numbers) of a number column."""
        ...
