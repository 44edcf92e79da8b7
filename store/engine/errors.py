"""Errors of the on-disk search index: each says what the store should do about it."""

from __future__ import annotations

from pathlib import Path


class UnusableIndexError(Exception):
    """Base class: an index that cannot be used as it is (the store rebuilds it)."""


class IndexVersionError(UnusableIndexError):
    """The index was written with another schema version or another tantivy version:
    rebuild it from the store's records."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__(f"search index {path}: {reason}; rebuild it")
        self.path = path
        self.reason = reason


class DamagedIndexError(UnusableIndexError):
    """The index directory is missing files, unreadable or not an index: rebuild it."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__(f"search index {path} is damaged: {reason}")
        self.path = path
        self.reason = reason
