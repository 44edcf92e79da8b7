"""The outcome of an import: one entry per file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

IMPORTED = "imported"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"
STATUSES = (IMPORTED, UPDATED, UNCHANGED, FAILED)


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: status, trial id and format, and why when it failed."""

    path: str
    status: str
    trial_id: str | None = None
    format: str | None = None
    reason: str | None = None
    note: str | None = None

    def with_note(self, note: str) -> FileOutcome:
        """A copy with note added (after any note it already has)."""
        return replace(self, note=f"{self.note}; {note}" if self.note else note)


@dataclass
class ImportReport:
    """Per-file outcomes of one import, in the order the files were given."""

    outcomes: list[FileOutcome] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of files per status, every status present (imported, updated, ...)."""
        counts = dict.fromkeys(STATUSES, 0)
        for outcome in self.outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        return counts

    @property
    def failed(self) -> list[FileOutcome]:
        """The files that could not be imported."""
        return [o for o in self.outcomes if o.status == FAILED]

    @property
    def ok(self) -> bool:
        """Whether no file failed."""
        return not self.failed

    @property
    def changed(self) -> int:
        """Number of files that changed the store (imported or updated)."""
        return sum(o.status in (IMPORTED, UPDATED) for o in self.outcomes)

    def __iter__(self) -> Iterator[FileOutcome]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)
