"""import_paths and import_data: files parsed by store.importer, then written in checkpoints of
CHECKPOINT trials through TrialStore.writing().

Parsing comes first, whole (in worker processes when there are many files); an exception from
progress aborts before anything is written. Then every checkpoint is a commit of its own: a
failed one raises StoreError and the checkpoints before it stay (a rerun finds them
unchanged). Outcomes keep the order of the files.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from . import checkpoint
from .checkpoint import Incoming, Writer
from .importer import Job, parse_jobs
from .planning import ImportOutcomes
from .report import FAILED, FileOutcome, ImportReport

if TYPE_CHECKING:
    from .trial_store import TrialStore

Progress = Callable[[int, int, str], None]


def import_jobs(store: TrialStore, jobs: list[Job], progress: Progress | None) -> ImportReport:
    """Parse the jobs, then commit their trials in checkpoints; the report of the import."""
    with _gc_paused():
        parsed = parse_jobs(jobs, progress)
        outcomes = ImportOutcomes()
        with store.writing() as writer:
            pending: list[tuple[int, Incoming, str | None]] = []
            for item in parsed.files:
                position = outcomes.reserve()
                if item.record is None or item.text is None:
                    outcomes.put(position, FileOutcome(item.path, FAILED, reason=item.reason,
                                                       note=item.note))
                    continue
                source = item.record.get("source")
                sha = source.get("sha256") if isinstance(source, dict) else None
                incoming = Incoming(item.record, item.text, item.path,
                                    sha if isinstance(sha, str) else "")
                pending.append((position, incoming, item.note))
                if len(pending) >= checkpoint.CHECKPOINT:
                    _commit(writer, pending, outcomes)
                    pending = []
            if pending:
                _commit(writer, pending, outcomes)
        return ImportReport(outcomes.done())


def _commit(writer: Writer, pending: Sequence[tuple[int, Incoming, str | None]],
            outcomes: ImportOutcomes) -> None:
    """One checkpoint; each outcome keeps the note its parsing gave it (first)."""
    results = writer.commit([incoming for _, incoming, _ in pending])
    noted = [
        replace(outcome, note=f"{note}; {outcome.note}" if outcome.note else note)
        if note else outcome
        for (_, _, note), outcome in zip(pending, results, strict=True)
    ]
    outcomes.committed([position for position, _, _ in pending], noted)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: an import builds many objects that all stay alive
    until it ends, and full collections over them cost more than the parsing. Reference
    counting still frees everything else."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
