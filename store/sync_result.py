"""What a sync reports (its result, its progress, why it stopped) and the small rules it keeps:
dates it takes, and one sync at a time on a store (a lock file in the store's folder)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .api_pages import FetchError
from .errors import StoreError
from .report import FileOutcome
from .sync_state import Tally

LOCK_NAME = "sync.lock"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SyncUsageError(ValueError):
    """A sync that cannot be asked for as given (a bad since; --all without a start)."""


class SyncError(FetchError):
    """The sync stopped (the API could not be asked, or answered an error); result: what it
    committed, which stays (the next sync goes on from there)."""

    def __init__(self, message: str, result: SyncResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class SyncProgress:
    """Said after each committed page: the tally so far, and what is being asked."""

    pages: int
    studies: int
    phase: str
    asking: str
    #: Studies the current query or range matches (as the API counted), when known.
    expected: int | None


@dataclass
class SyncResult:
    """What a sync (with the runs it resumed) brought."""

    mode: str
    started: str
    since: str | None
    tally: Tally
    resumed: bool = False
    #: An interrupted sync of the other mode (or another since) was dropped, not resumed.
    dropped: bool = False
    finished: bool = False
    #: Trials that could not be imported (of this run; the first FAILURES_KEPT).
    failures: list[FileOutcome] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        tally = self.tally
        return {"new": tally.new, "changed": tally.changed, "unchanged": tally.unchanged,
                "failed": tally.failed, "studies": tally.studies, "pages": tally.pages,
                "since": self.since, "started": self.started, "resumed": self.resumed,
                "mode": self.mode, "finished": self.finished}


def valid_date(value: str) -> bool:
    """Whether value is a date YYYY-MM-DD."""
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def day_of(time: str) -> date:
    """The UTC day of an ISO 8601 time ("2026-03-02T06:15:00Z")."""
    try:
        return datetime.fromisoformat(time.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(time[:10])


@contextlib.contextmanager
def one_sync(store_path: Path | None) -> Iterator[None]:
    """Hold the store's sync lock (StoreError when another sync holds it)."""
    if store_path is None:
        yield
        return
    folder = store_path.with_name(store_path.name + ".d")
    lock = FileLock(str(folder / LOCK_NAME), timeout=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise StoreError(f"another `trials sync` is running on {store_path}") from None
    except OSError as exc:
        raise StoreError(f"cannot lock {folder / LOCK_NAME}: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()
