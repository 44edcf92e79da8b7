"""Errors raised by the store."""

from __future__ import annotations

import os


class StoreError(Exception):
    """The store file cannot be read or written; the message names the file and the reason."""


class StoreWriteError(StoreError):
    """A file of the store could not be written (nothing of it is left): the file and why."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")


class DamagedStoreError(StoreError):
    """A file of the store is damaged or missing. The store never writes over it: the message
    names the file, what is wrong and what to do."""

    def __init__(
        self, path: str | os.PathLike[str], problem: str, store: str | os.PathLike[str] | None,
        advice: str | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path} {problem}; {advice or _advice(self.path, store)}")


def _advice(path: str, store: str | os.PathLike[str] | None) -> str:
    """What a user can do about a damaged file of the store whose manifest is store."""
    if store is None or os.fspath(store) == path:
        return "restore it from a backup, or move it away to start a new store"
    manifest = os.fspath(store)
    return (f"restore it from a backup, or move {manifest} and {manifest}.d away "
            "to start a new store")
