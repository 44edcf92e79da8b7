"""A write that fails and a reload after it that fails too: the store keeps showing what it
had, and the error says it could not be reloaded and why (never an empty store)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from store import DamagedStoreError, StoreError, TrialStore
from store.engine import DamagedIndexError, TrialIndex
from store.engine.writing import Batch
from tui.cli import main

ALS = "NCT01494480"
NO_SPACE = "An IO error occurred: 'No space left on device (os error 28)'"


def full_disk(self: Batch) -> int:
    """The index commit fails (as tantivy says it), leaving nothing."""
    self.rollback()
    raise ValueError(NO_SPACE)


def unreadable(self: TrialIndex) -> bool:
    raise DamagedIndexError(self.path, "cannot be read (Input/output error)")


def fail_commit_then_reload(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index cannot commit (the disk is full), and then cannot be reloaded either (it
    reads as damaged); before the failed commit it reloads as usual."""
    real_reload = TrialIndex.reload
    failed: list[bool] = []

    def failing_commit(self: Batch) -> int:
        failed.append(True)
        return full_disk(self)

    def unreadable_after_a_failure(self: TrialIndex) -> bool:
        return unreadable(self) if failed else real_reload(self)

    monkeypatch.setattr(Batch, "commit", failing_commit)
    monkeypatch.setattr(TrialIndex, "reload", unreadable_after_a_failure)


def assert_as_before(
    trial_store: TrialStore, ids: list[str], hits: list[dict[str, Any]]
) -> None:
    assert len(trial_store) == len(ids)
    assert trial_store.ids() == ids
    assert trial_store.search("stem cell", limit=None) == hits
    assert all(trial_store.columns(i) is not None for i in ids)
    assert len(trial_store.index) == len(ids)
    assert trial_store.get(ids[0]) is not None  # the files are those it shows


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_a_failed_reload_after_a_failed_write_keeps_the_trials(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = None if where == "memory" else tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:3])
    ids, hits = trial_store.ids(), trial_store.search("stem cell", limit=None)
    fail_commit_then_reload(monkeypatch)
    with pytest.raises(StoreError) as error:
        trial_store.import_paths(seed_paths)
    message = str(error.value)
    store_name = "the in-memory store" if path is None else str(path)
    assert message.startswith(f"could not write {store_name}: No space left on device")
    assert "; then the store could not be reloaded (" in message
    assert "is damaged (cannot be read (Input/output error))" in message
    assert message.endswith("still shows the 3 trials it had before this write")
    assert_as_before(trial_store, ids, hits)
    monkeypatch.undo()
    assert trial_store.refresh() is False  # nothing was committed
    report = trial_store.import_paths(seed_paths)
    assert report.counts()["imported"] == 2 and len(trial_store) == 5


def test_a_write_committed_but_not_reloaded_is_read_by_the_next_refresh(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:3])
    ids, hits = trial_store.ids(), trial_store.search("stem cell", limit=None)
    real_commit = Batch.commit
    real_snapshot = TrialIndex._snapshot
    committing: list[bool] = []

    def committed_then_unreadable(self: Batch) -> int:
        committing.append(True)
        return real_commit(self)

    def snapshot(self: TrialIndex) -> Any:
        if committing:
            raise DamagedIndexError(self.path, "cannot be read (Input/output error)")
        return real_snapshot(self)

    # The index commits (the commit point), then the store cannot read it back.
    monkeypatch.setattr(Batch, "commit", committed_then_unreadable)
    monkeypatch.setattr(TrialIndex, "_snapshot", snapshot)
    with pytest.raises(StoreError, match="could not be reloaded") as error:
        trial_store.import_paths(seed_paths)
    assert "Input/output error" in str(error.value)
    assert_as_before(trial_store, ids, hits)
    monkeypatch.undo()
    assert trial_store.refresh() is True
    assert len(trial_store) == 5 and trial_store.ids() == TrialStore(path).ids()
    assert trial_store.get(ALS) is not None
    assert trial_store.import_paths(seed_paths).counts()["unchanged"] == 5


def test_a_failed_refresh_keeps_the_trials(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:3])
    ids, hits = trial_store.ids(), trial_store.search("stem cell", limit=None)
    TrialStore(path).import_paths(seed_paths)  # another process commits
    monkeypatch.setattr(TrialIndex, "reload", unreadable)
    with pytest.raises(DamagedStoreError, match="is damaged"):
        trial_store.refresh()
    assert_as_before(trial_store, ids, hits)
    monkeypatch.undo()
    assert trial_store.refresh() is True and len(trial_store) == 5


def test_the_command_says_the_store_could_not_be_reloaded(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "trials.json"
    TrialStore(path).import_paths(seed_paths[:3])
    fail_commit_then_reload(monkeypatch)
    status = main(["import", *map(str, seed_paths), "--db", str(path)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"trials: could not write {path}: No space left on device")
    assert "could not be reloaded" in err and err.count("\n") == 1
