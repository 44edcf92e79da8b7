"""Fakes of the store's side of an import, shared by the import tests (no tests here).

FakeStore has the interface of the store's checkpoint writer (store.checkpoint):
`with store.writing() as writer`, writer.known_hashes(shas) and writer.commit(items) → one
FileOutcome per item (imported / updated / unchanged), all of a commit or none. It keeps its
trials in memory, or, given a folder, in one file per commit (written atomically), so that a
process killed in the middle of an import leaves the commits it made.
"""

from __future__ import annotations

import os
import types
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest

from store import pipeline as pipeline_module
from store.errors import StoreError
from store.planning import note_twice
from store.report import IMPORTED, UNCHANGED, UPDATED, FileOutcome


@dataclass
class Incoming:
    """As store.checkpoint.Incoming."""

    record: dict[str, Any]
    source: str
    label: str
    file_sha256: str


@dataclass
class IncomingWithDocument(Incoming):
    """Incoming that also takes the record's index document, built while parsing."""

    document: Any = None


def use_fake_checkpoint(
    monkeypatch: pytest.MonkeyPatch, incoming: type[Incoming] = Incoming
) -> None:
    """Make run_import build `incoming` items (for a FakeStore's writer)."""
    module = types.SimpleNamespace(Incoming=incoming)
    monkeypatch.setattr(pipeline_module, "_checkpoint_module", lambda: module)


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    result = dict(record)
    source = dict(result.get("source") or {})
    for name in ("path", "imported_at", "sha256"):
        source.pop(name, None)
    result["source"] = source
    return result


@dataclass
class FakeStore:
    """Trials by id with their text and source hash; folder: one file per commit."""

    folder: Path | None = None
    path: Path | None = None
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    shas: dict[str, str] = field(default_factory=dict)
    commit_sizes: list[int] = field(default_factory=list)
    hash_lookups: int = 0
    #: Called with each commit's items before it is applied; it may raise StoreError.
    before_commit: Callable[[Sequence[Any]], None] | None = None
    documents: list[Any] = field(default_factory=list)
    #: known_hashes names the trials of each hash (else it answers a bare set).
    name_ids: bool = True

    def __post_init__(self) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name in sorted(os.listdir(self.folder)):
                if name.startswith("commit-") and name.endswith(".json"):
                    for doc in orjson.loads((self.folder / name).read_bytes()):
                        self._apply(doc["record"], doc["source"], doc["sha"])

    @contextmanager
    def writing(self) -> Iterator[FakeWriter]:
        yield FakeWriter(self)

    def _apply(self, record: dict[str, Any], source: str, sha: str) -> None:
        self.records[record["id"]] = record
        self.sources[record["id"]] = source
        self.shas[record["id"]] = sha

    def write_commit(self, docs: list[dict[str, Any]]) -> None:
        assert self.folder is not None
        number = len([n for n in os.listdir(self.folder) if n.startswith("commit-")])
        final = self.folder / f"commit-{number:06d}.json"
        temporary = final.with_suffix(".tmp")
        with open(temporary, "wb") as file:
            file.write(orjson.dumps(docs))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, final)


class FakeWriter:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def known_hashes(self, shas: Sequence[str]) -> dict[str, list[str]] | set[str]:
        """The stored hashes among shas, with the ids of their trials (or a bare set)."""
        self.store.hash_lookups += 1
        by_sha: dict[str, list[str]] = {}
        for trial_id, sha in self.store.shas.items():
            by_sha.setdefault(sha, []).append(trial_id)
        found = {sha: sorted(by_sha[sha]) for sha in shas if sha in by_sha}
        return found if self.store.name_ids else set(found)

    def commit(self, items: Sequence[Any]) -> list[FileOutcome]:
        """As the store's: each item compared with the store and with the items before it
        in the checkpoint (the later of two with one id wins, both noted)."""
        store = self.store
        if store.before_commit is not None:
            store.before_commit(items)
        outcomes: list[FileOutcome] = []
        current: dict[str, tuple[dict[str, Any], str]] = {}
        last_of: dict[str, int] = {}
        changed: dict[str, dict[str, Any]] = {}
        for item in items:
            record = item.record
            trial_id = record["id"]
            old = current.get(trial_id) or (
                (store.records[trial_id], store.sources[trial_id])
                if trial_id in store.records else None)
            if old is None:
                status = IMPORTED
            elif comparable(old[0]) == comparable(record) and old[1] == item.source:
                status = UNCHANGED
            else:
                status = UPDATED
            outcome = FileOutcome(item.label, status, trial_id, record["source"].get("format"))
            earlier = last_of.get(trial_id)
            if earlier is not None:
                outcome, outcomes[earlier] = note_twice(outcome, outcomes[earlier])
            last_of[trial_id] = len(outcomes)
            outcomes.append(outcome)
            if status != UNCHANGED:
                record = {**record, "source": {**record["source"],
                                               "imported_at": "2026-01-02T03:04:05Z"}}
                changed[trial_id] = {"record": record, "source": item.source,
                                     "sha": item.file_sha256}
                current[trial_id] = (record, item.source)
            if getattr(item, "document", None) is not None:
                store.documents.append(item.document)
        if store.folder is not None and changed:
            store.write_commit(list(changed.values()))
        for doc in changed.values():
            store._apply(doc["record"], doc["source"], doc["sha"])
        store.commit_sizes.append(len(items))
        return outcomes


def failing_commit(number: int) -> Callable[[Sequence[Any]], None]:
    """before_commit that fails the commit of that number (1: the first)."""
    seen = [0]

    def check(items: Sequence[Any]) -> None:
        seen[0] += 1
        if seen[0] == number:
            raise StoreError("could not write the store: No space left on device; "
                             "the store is unchanged")

    return check


# --- input -------------------------------------------------------------------------------------


def study(nct: str, title: str, **status: Any) -> dict[str, Any]:
    """A minimal API v2 study in the API's key names."""
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": title},
            "statusModule": {"overallStatus": "RECRUITING", **status},
            "eligibilityModule": {
                "eligibilityCriteria": "Inclusion Criteria:\n\n* Adults \\>= 18\n",
                "sex": "ALL",
            },
        },
        "hasResults": False,
    }


def study_bytes(number: int, title: str | None = None) -> bytes:
    return orjson.dumps(study(f"NCT{number:08d}", title or f"Study number {number}"))


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def registry_zip(path: Path, count: int, start: int = 1) -> Path:
    """A zip of `count` tiny studies in the registry download's layout (NN/NCT….json)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(start, start + count):
            archive.writestr(f"{number % 100:02d}/NCT{number:08d}.json", study_bytes(number))
    return path


# --- a whole import in a process of its own (to be killed) -------------------------------------


def run_on_disk(folder: str, archive: str, checkpoint: int, pause: float) -> None:
    """Import archive into a FakeStore in folder, pausing `pause` s before each commit; print
    the report and the stats as JSON."""
    import time

    from store import pipeline
    from store.pipeline import PathSource, Stats, run_import

    pipeline._checkpoint_module = lambda: types.SimpleNamespace(Incoming=Incoming)  # type: ignore[attr-defined]
    store = FakeStore(Path(folder), before_commit=lambda items: time.sleep(pause))
    stats = Stats()
    report = run_import(store, PathSource([archive]), checkpoint=checkpoint, stats=stats)
    print(orjson.dumps({"report": report.to_dict(), "stats": stats.__dict__}).decode())


def commits_on_disk(folder: Path) -> list[list[str]]:
    """The trial ids each commit file in folder holds, in commit order."""
    return [
        [doc["record"]["id"] for doc in orjson.loads(path.read_bytes())]
        for path in sorted(folder.glob("commit-*.json"))
    ]
