"""The outcome of an import: counts per outcome and per format for every trial and file, and
the outcomes, failures and notes themselves up to a bound each, with the number left off, so
that a report's size does not grow with the import (a registry import has 600,000 outcomes)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

IMPORTED = "imported"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"
STATUSES = (IMPORTED, UPDATED, UNCHANGED, FAILED)

#: Outcomes kept in a report, in import order (their trial ids are the ids the report names).
OUTCOMES_KEPT = 1000
#: Failures kept (each with its file and reason); the rest are counted.
FAILURES_KEPT = 1000
#: Outcomes with a note (a duplicate id, a file parsed again) kept; the rest are counted.
NOTES_KEPT = 1000


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
    """Outcomes of one import: one per trial (a file of many trials has one per trial), one
    per file that failed.

    counts() and formats count every outcome. outcomes, failed and notes hold the first
    OUTCOMES_KEPT, FAILURES_KEPT and NOTES_KEPT of their kind in import order;
    outcomes_left_off, failures_left_off and notes_left_off say how many more there were.
    Iterating a report gives the kept outcomes; len() is the number of all outcomes.
    """

    outcomes: list[FileOutcome] = field(default_factory=list)
    outcomes_left_off: int = 0
    failures: list[FileOutcome] = field(default_factory=list)
    failures_left_off: int = 0
    notes: list[FileOutcome] = field(default_factory=list)
    notes_left_off: int = 0
    #: Outcomes per status and trials per format (of those that did not fail).
    status_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    formats: dict[str, int] = field(default_factory=dict)
    #: Files (files, archive members, given data) the import read.
    files: int = 0
    #: Files counted unchanged without parsing: their bytes are those of stored trials.
    not_parsed: int = 0
    #: Seconds the import took.
    elapsed: float = 0.0
    keep: int = OUTCOMES_KEPT
    keep_failures: int = FAILURES_KEPT
    keep_notes: int = NOTES_KEPT

    def __post_init__(self) -> None:
        given, self.outcomes = self.outcomes, []
        if given and not any(self.status_counts.values()):
            # Built from a list of outcomes: count them (one file per distinct path).
            for outcome in given:
                self.add(outcome)
            self.files = len({outcome.path for outcome in given})
        else:
            self.outcomes = given

    # --- building ----------------------------------------------------------------------------

    def add(self, outcome: FileOutcome) -> None:
        """Count an outcome, and keep it while there is room."""
        self.status_counts[outcome.status] = self.status_counts.get(outcome.status, 0) + 1
        if outcome.status != FAILED and outcome.format:
            self.formats[outcome.format] = self.formats.get(outcome.format, 0) + 1
        if len(self.outcomes) < self.keep:
            self.outcomes.append(outcome)
        else:
            self.outcomes_left_off += 1
        if outcome.status == FAILED:
            if len(self.failures) < self.keep_failures:
                self.failures.append(outcome)
            else:
                self.failures_left_off += 1
        if outcome.note:
            self._keep_note(outcome)

    def add_all(self, outcomes: Iterable[FileOutcome]) -> None:
        for outcome in outcomes:
            self.add(outcome)

    def annotate(
        self, path: str, trial_id: str | None, note: str, status: str = UPDATED
    ) -> None:
        """Add a note to the outcome of (path, trial_id) given earlier: in the kept outcomes
        and notes; when it is no longer kept, a noted copy (with status) joins the notes."""
        found: FileOutcome | None = None
        for outcomes in (self.outcomes, self.notes):
            for at in range(len(outcomes) - 1, -1, -1):
                outcome = outcomes[at]
                if outcome.path == path and outcome.trial_id == trial_id:
                    outcomes[at] = outcome.with_note(note)
                    found = found or outcome
                    break
        if found is None:
            self._keep_note(FileOutcome(path, status, trial_id, note=note))
        elif found.note is None:  # it had no note: it is not among the notes yet
            self._keep_note(found.with_note(note))

    def _keep_note(self, outcome: FileOutcome) -> None:
        if len(self.notes) < self.keep_notes:
            self.notes.append(outcome)
        else:
            self.notes_left_off += 1

    # --- reading -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Number of outcomes per status, every status present (imported, updated, ...)."""
        return {status: self.status_counts.get(status, 0) for status in STATUSES} | {
            status: n for status, n in self.status_counts.items() if status not in STATUSES
        }

    @property
    def failed(self) -> list[FileOutcome]:
        """The files that could not be imported (the first FAILURES_KEPT of them)."""
        return self.failures

    @property
    def ok(self) -> bool:
        """Whether no file failed."""
        return not self.status_counts.get(FAILED, 0)

    @property
    def changed(self) -> int:
        """Number of trials that changed the store (imported or updated)."""
        return self.status_counts.get(IMPORTED, 0) + self.status_counts.get(UPDATED, 0)

    @property
    def trial_ids(self) -> list[str]:
        """The trial ids of the kept outcomes (ids_left_off: how many more trials)."""
        return [o.trial_id for o in self.outcomes if o.trial_id is not None]

    @property
    def ids_left_off(self) -> int:
        """Trials of outcomes that were not kept (an upper bound: failures have no id)."""
        return self.outcomes_left_off

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: counts, formats, kept outcomes, failures and notes,
        and the number left off of each."""
        return {
            "counts": self.counts(),
            "formats": dict(sorted(self.formats.items())),
            "files": self.files,
            "not_parsed": self.not_parsed,
            "seconds": round(self.elapsed, 3),
            "outcomes": [outcome.__dict__ for outcome in self.outcomes],
            "outcomes_left_off": self.outcomes_left_off,
            "failures": [outcome.__dict__ for outcome in self.failures],
            "failures_left_off": self.failures_left_off,
            "notes": [outcome.__dict__ for outcome in self.notes],
            "notes_left_off": self.notes_left_off,
        }

    def __iter__(self) -> Iterator[FileOutcome]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return sum(self.status_counts.values())
