"""Group parsed trials into checkpoints and commit each through the store's writer.

Checkpoints takes the import's files in order: trials parsed, files that failed, and files
skipped because their bytes are those of a stored trial. It commits a checkpoint when it
holds `size` trials (or 2 x size entries), and hands every outcome to the report in order.

Two files with one id in one import: the later wins, and both outcomes say so. Within one
checkpoint the writer compares the later trial with the earlier one and notes both; across
checkpoints the store compares it with the earlier one committed, and the note is added here
(naming the earlier file while it is among the RECENT_IDS last ids).

A skipped file was looked up (writer.known_hashes) before the trials ahead of it were
committed; if one of those was the same trial, the stored version is no longer the file's
and it must be parsed after all. So after each commit the skips of the checkpoint are looked
up again, and a skip whose bytes are no longer stored is parsed here and imported in its
place (unless a later file of the same checkpoint already replaced that trial).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

from .checkpoint import CHECKPOINT
from .errors import StoreError
from .pipeline_parse import WireTrial, failure, parse_file
from .pipeline_seen import SeenSet, key64
from .pipeline_sources import Item
from .report import FAILED, UNCHANGED, FileOutcome, ImportReport
from .segment_format import with_source

#: Ids of this import remembered with the file they came from (to name it in a note).
RECENT_IDS = 10_000


class Writer(Protocol):
    """The store's side of an import (store.checkpoint): lookups by source hash and atomic
    commits of checkpoints."""

    def known_hashes(self, shas: Sequence[str]) -> Collection[str]: ...

    def commit(self, items: Sequence[Any]) -> list[FileOutcome]: ...


@dataclass(slots=True)
class _Trial:
    label: str
    trial_id: str
    format: str | None
    wire: WireTrial
    sha: str
    note: str | None
    earlier: str | None  # the file of an earlier checkpoint with this id, when known
    duplicate: bool  # an earlier checkpoint of this import had this id


_SENT: WireTrial = ("", None, b"", "", None, None)


@dataclass(slots=True)
class _Skip:
    item: Item
    sha: str
    asked_at: int  # commits done when its hash was looked up
    ids: Sequence[str]  # the stored trials with these bytes, when the store says


@dataclass
class Stats:
    """What an import held and did (for tests and benchmarks)."""

    commits: int = 0
    committed: int = 0
    parsed_files: int = 0
    skipped_files: int = 0
    reparsed_files: int = 0
    peak_waiting: int = 0  # trials parsed and not yet committed, at most
    peak_in_flight: int = 0  # chunks submitted and not yet handed on, at most


@dataclass
class Checkpoints:
    """See the module doc. incoming(trial fields) builds what writer.commit takes."""

    writer: Writer
    report: ImportReport
    incoming: Callable[..., Any]
    size: int = CHECKPOINT
    documents: Callable[[dict[str, Any], str], Any] | None = None
    stats: Stats = field(default_factory=Stats)
    #: Called after each commit (the import collects garbage there).
    on_commit: Callable[[], object] = lambda: None
    #: Whether incoming takes record_json (a record's head, its whole JSON beside it); else
    #: each record is decoded whole.
    marked: bool = False
    _waiting: list[_Trial | _Skip | FileOutcome] = field(default_factory=list)
    _ids: dict[str, int] = field(default_factory=dict)  # trial id -> index in _waiting
    _trials: int = 0
    _seen: SeenSet = field(default_factory=SeenSet)
    _recent: OrderedDict[str, str] = field(default_factory=OrderedDict)

    @property
    def commits(self) -> int:
        return self.stats.commits

    def failed(self, label: str, reason: str, note: str | None = None) -> None:
        self._add(FileOutcome(label, FAILED, reason=reason, note=note))

    def skipped(self, item: Item, sha: str, asked_at: int, ids: Sequence[str] = ()) -> None:
        """A file not parsed: its bytes are those of the stored trials ids (or of trials the
        store did not name)."""
        self.stats.skipped_files += 1
        self._add(_Skip(item, sha, asked_at, ids))

    def parsed(self, label: str, sha: str, trials: list[WireTrial], note: str | None) -> None:
        self.stats.parsed_files += 1
        for wire in trials:
            trial_id, fmt = wire[0], wire[1]
            # A second trial with an id of this checkpoint: the writer compares it with the
            # first and notes both. One of an earlier checkpoint: noted here.
            again = not self._seen.add(key64(trial_id)) and trial_id not in self._ids
            earlier = self._recent.get(trial_id) if again else None
            self._remember(trial_id, label)
            self._ids[trial_id] = len(self._waiting)
            self._trials += 1
            self.stats.peak_waiting = max(self.stats.peak_waiting, self._trials)
            self._add(_Trial(label, trial_id, fmt, wire, sha, note, earlier, again))

    def _remember(self, trial_id: str, label: str) -> None:
        self._recent[trial_id] = label
        self._recent.move_to_end(trial_id)
        if len(self._recent) > RECENT_IDS:
            self._recent.popitem(last=False)

    def _add(self, entry: _Trial | _Skip | FileOutcome) -> None:
        self._waiting.append(entry)
        if self._trials >= self.size or len(self._waiting) >= 2 * self.size:
            self.flush()

    def finish(self) -> None:
        """Commit what is waiting (and what a commit made parse again)."""
        while self._waiting:
            self.flush()

    def flush(self) -> None:
        """Commit the waiting trials as one checkpoint, then report every waiting outcome."""
        waiting, ids = self._waiting, self._ids
        if not waiting:
            return
        self._waiting, self._ids, self._trials = [], {}, 0
        trials = [entry for entry in waiting if isinstance(entry, _Trial)]
        outcomes = self._commit(trials) if trials else []
        skips = [entry for entry in waiting
                 if isinstance(entry, _Skip) and entry.asked_at < self.stats.commits]
        stale: set[str] = set()
        if skips:
            shas = list(dict.fromkeys(skip.sha for skip in skips))
            stale = set(shas) - set(self.writer.known_hashes(shas))
        given = iter(outcomes)
        again: list[tuple[int, _Skip]] = []
        for at, entry in enumerate(waiting):
            if isinstance(entry, FileOutcome):
                self.report.add(entry)
            elif isinstance(entry, _Skip):
                if entry.sha in stale:
                    again.append((at, entry))
                else:
                    self.report.not_parsed += 1
                    named: list[str | None] = [*entry.ids] or [None]
                    for trial_id in named:
                        self.report.add(FileOutcome(entry.item.label, UNCHANGED, trial_id))
            else:
                self._report_trial(entry, next(given, None))
        for at, skip in again:
            self._parse_again(at, skip, ids)

    def _commit(self, trials: list[_Trial]) -> list[FileOutcome]:
        items = [self._incoming(trial) for trial in trials]
        for trial in trials:
            trial.wire = _SENT  # decoded into its item: the bytes can go
        try:
            outcomes = self.writer.commit(items)
        except StoreError as exc:
            if type(exc) is StoreError and self.stats.committed:
                raise StoreError(
                    f"{exc} (the {self.stats.committed:,} trials of this import's earlier "
                    "checkpoints are stored: importing again goes on from there)"
                ) from exc
            raise
        self.stats.commits += 1
        self.stats.committed += len(trials)
        self.on_commit()
        return list(outcomes)

    def _incoming(self, trial: _Trial) -> Any:
        _, _, record_json, text, document, head = trial.wire
        fields: dict[str, Any] = {"source": text, "label": trial.label,
                                  "file_sha256": trial.sha}
        if head is not None and self.marked:
            fields["record"], fields["record_json"] = orjson.loads(head), record_json
        elif head is not None:
            whole = with_source(record_json, orjson.loads(head)["source"])
            fields["record"] = orjson.loads(whole)
        else:
            fields["record"] = orjson.loads(record_json)
        if document is not None:
            fields["document"] = document
        return self.incoming(**fields)

    def _report_trial(self, trial: _Trial, given: FileOutcome | None) -> None:
        status = given.status if given is not None else UNCHANGED
        outcome = FileOutcome(
            trial.label, status, trial.trial_id,
            (given.format if given is not None else None) or trial.format,
            reason=given.reason if given is not None else None, note=trial.note,
        )
        if given is not None and given.note:
            outcome = outcome.with_note(given.note)
        if trial.duplicate:
            earlier = trial.earlier or "an earlier file of this import"
            if status == UNCHANGED:
                outcome = outcome.with_note(f"same trial as {earlier}")
            else:
                outcome = outcome.with_note(f"replaces {earlier} (same id {trial.trial_id})")
                if trial.earlier is not None:
                    self.report.annotate(trial.earlier, trial.trial_id,
                                         f"replaced by {trial.label}")
        self.report.add(outcome)

    def _parse_again(self, at: int, skip: _Skip, ids: dict[str, int]) -> None:
        """A skipped file whose trial an earlier file of this import replaced: parse it here
        and import it, unless a later file of the flushed checkpoint replaced it again."""
        self.stats.reparsed_files += 1
        item = skip.item
        try:
            data = item.reread() if item.reread is not None else b""
            reason, trials = parse_file(item.label, item.source, data, self.documents)
        except Exception as exc:
            reason, trials = failure(exc), None
        if trials is None:
            self.failed(item.label, reason or "could not parse")
            return
        keep: list[WireTrial] = []
        for wire in trials:
            trial_id = wire[0]
            later = ids.get(trial_id)
            if later is not None and later > at:
                self.report.add(FileOutcome(item.label, UNCHANGED, trial_id,
                                            note="replaced by a later file of this import"))
            else:
                keep.append(wire)
        if keep:
            self.parsed(item.label, skip.sha, keep, None)
