"""Checkpoints: the one way anything is written to a store.

    with store.writing() as writer:        # the file lock; leftovers removed; reloaded
        writer.known_hashes(shas)            # file hashes already stored (resume unparsed)
        writer.commit(items)                 # one checkpoint of Incoming trials: atomic
                                             # → a FileOutcome per item, in order

A checkpoint (1) writes segment N (N = the index's generation + 1) holding the new versions,
each with prev = the current Location of its id, and fsyncs it; (2) puts every version into
the search index in one batch and commits it (tantivy's atomic commit: the commit point; the
index's generation becomes N); (3) records next_segment N + 1 in the manifest. Readers see the
store before the commit or after it. A failure before the commit point leaves nothing (the
segment is removed; one left by a kill is removed by the next write) and raises StoreError
naming the file and the reason; the store's view then still matches the files.

Imports write in checkpoints of CHECKPOINT trials: memory is bounded by a checkpoint, and the
cost of a checkpoint grows with the trials it writes, not with the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .engine import TrialIndex
from .engine.documents import Prepared, prepare
from .errors import StoreError, StoreWriteError
from .index_errors import guarded, is_io_error, is_panic, reason
from .planning import plan_checkpoint
from .record_upgrade import current_shape
from .report import FAILED, FileOutcome
from .segment_format import Location, Version, record_of
from .segments import SegmentFiles

#: Trials per checkpoint of an import: what waits for a commit is held in memory (at 600,000
#: studies, checkpoints of 2,000 took the import's peak to 962 MiB, 1,000 to 804 MiB, at
#: about the same rate).
CHECKPOINT = 1000


@dataclass
class Incoming:
    """One parsed trial ready to store."""

    #: The parser's record (source.path, source.format and source.sha256 set).
    record: dict[str, Any]
    #: The cleaned original text.
    source: str
    #: The file, zip member or URL it came from, for reports.
    label: str
    #: The sha256 of the bytes of that file or member.
    file_sha256: str
    #: The record's search-index document, prepared beforehand (in a parsing worker) by
    #: store.engine.documents.prepare or document; None: the commit prepares it.
    document: dict[str, list[Any]] | None = None
    #: The whole record as JSON with store.segment_format.SOURCE_MARK where its source goes;
    #: record then holds only its id, dates and source (a parse worker's answer, decoded
    #: here only when the trial is stored already). None: record is whole.
    record_json: bytes | None = None


class Writer:
    """Commits checkpoints to a store (see the module doc); TrialStore.writing() makes one."""

    def __init__(
        self, index: TrialIndex, segments: SegmentFiles, *, where: str,
        index_dir: Path | None = None, store: Path | None = None,
        persist: Callable[[int], None] = lambda next_segment: None,
        clock: Callable[[], str] | None = None,
    ) -> None:
        """where: the store as messages name it; index_dir, store: the index directory and the
        manifest (None in memory); persist(next_segment): record a commit in the manifest."""
        self._index = index
        self._segments = segments
        self._where = where
        self._index_dir = index_dir
        self._store = store
        self._persist = persist
        self._clock = clock or utc_now
        self._open = True

    def close(self) -> None:
        """No more commits through this writer (its writing() block has ended)."""
        self._open = False

    def known_hashes(self, shas: Iterable[str]) -> dict[str, list[str]]:
        """The file hashes among shas that some stored trial was imported from, each with
        the ids of the trials read from it."""
        self._check()
        with guarded(self._index_dir, self._store):
            return self._index.present_hashes(shas)

    def commit(self, items: Sequence[Incoming]) -> list[FileOutcome]:
        """Store one checkpoint of trials atomically; the outcome of each item, in order
        (imported, updated, unchanged, or failed with the reason when its record cannot be
        stored or indexed). StoreError when the checkpoint cannot be written: then nothing
        of it is visible."""
        self._check()
        items = list(items)
        ids = sorted({item.record["id"] for item in items if _has_id(item.record)})
        plan = plan_checkpoint(items, self._stored(ids), self._clock())
        if not plan.versions:
            return plan.outcomes
        failed = self.write(list(plan.versions.values()), documents=plan.documents)
        for trial_id, why in failed.items():
            position = plan.positions[trial_id]
            was = plan.outcomes[position]
            plan.outcomes[position] = FileOutcome(was.path, FAILED, trial_id, was.format,
                                                  reason=why)
        return plan.outcomes

    def write(self, versions: Sequence[Version], *, strict: bool = False,
              documents: Mapping[str, Prepared] | None = None) -> dict[str, str]:
        """Write versions as one checkpoint: segment, index commit, manifest. Returns the
        trials the index could not take (id → reason; their versions are not visible); with
        strict, such a trial fails the whole checkpoint instead. documents: index documents
        prepared beforehand, by trial id."""
        self._check()
        index, segments = self._index, self._segments
        before = len(index)
        number = index.generation + 1
        try:
            locations = segments.write(number, versions)
        except StoreWriteError as exc:
            raise StoreError(f"could not write {self._where}: {exc.reason} ({exc.path}); "
                             "the store is unchanged") from exc
        except StoreError:
            raise
        except Exception as exc:  # nothing of the segment is left (SegmentFiles.write)
            raise StoreError(f"could not write {self._where}: {reason(exc)}; the store is "
                             "unchanged") from exc
        failed: dict[str, str] = {}
        try:
            with guarded(self._index_dir, self._store):
                failed = self._index_batch(versions, locations, strict, documents or {})
        except BaseException as exc:
            self._failed(number, exc, before)
        self._persist(number + 1)
        return failed

    def _index_batch(self, versions: Sequence[Version], locations: dict[str, Location],
                     strict: bool, documents: Mapping[str, Prepared]) -> dict[str, str]:
        failed: dict[str, str] = {}
        with self._index.batch() as batch:
            for version in versions:
                sha = str(version.meta.get("sha256") or "")
                prepared = documents.get(version.id)
                try:
                    if prepared is None or prepared.get("id") != [version.id]:
                        prepared = prepare(record_of(version))
                    imported_at = version.meta.get("imported_at")
                    batch.put_prepared(prepared, locations[version.id], sha,
                                       imported_at if isinstance(imported_at, str) else None,
                                       new=version.prev is None)
                except Exception as exc:  # a record the index cannot take fails alone
                    if strict or is_io_error(exc):
                        raise
                    failed[version.id] = f"could not index ({_describe(exc)})"
        return failed

    def _failed(self, number: int, error: BaseException, before: int) -> None:
        """After a failed index commit: make the view match the files again, remove the
        segment unless the commit happened, and raise the StoreError that says so."""
        committed: bool | None = None
        problem = None
        try:
            with guarded(self._index_dir, self._store):
                self._index.reload()
            committed = self._index.generation >= number
        except BaseException as exc:
            if not isinstance(exc, Exception):
                raise
            problem = reason(exc)
        if committed is False:
            with suppress(StoreError):
                self._segments.remove([number])
        if not isinstance(error, Exception) and not is_panic(error):
            raise error
        why = reason(error, self._index_dir)
        if problem is not None:
            raise StoreError(
                f"could not write {self._where}: {why}; then the store could not be reloaded "
                f"({problem}), so it still shows the {before} trials it had before this write"
            ) from error
        if committed:
            self._persist(number + 1)
            raise StoreError(f"{self._where} was written, but {why}: it may not be safe on "
                             "disk until the next write") from error
        raise StoreError(f"could not write {self._where}: {why}; the store is unchanged"
                         ) from error

    def _stored(self, ids: list[str]) -> dict[str, Version]:
        """The current versions of those ids the store holds."""
        with guarded(self._index_dir, self._store):
            located = self._index.locate_many(ids)
        found = [(trial_id, where) for trial_id, where in zip(ids, located, strict=True)
                 if where is not None]
        found.sort(key=lambda pair: (pair[1].segment, pair[1].offset))
        return {trial_id: current_shape(self._segments.read(where, trial_id))
                for trial_id, where in found}

    def _check(self) -> None:
        if not self._open:
            raise StoreError("this writer is closed: write inside `with store.writing()`")


def utc_now() -> str:
    """The time now, as imported_at gives it (ISO 8601, UTC, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _has_id(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("id"), str)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
