"""A write that fails and a reload after it that fails too: the store keeps showing what it
had, and the error says it could not be reloaded and why (never an empty store)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from store import DamagedStoreError, StoreError, TrialStore
from store import storage as storage_module
from store.memory_shards import MemoryShards
from store.shards import ShardFiles
from tui.cli import main

ALS = "NCT01494480"


def no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def damaged_index(self: ShardFiles, name: str) -> bytes:
    raise DamagedStoreError(self.folder / name, "is damaged", self.path)


def assert_as_before(
    trial_store: TrialStore, ids: list[str], hits: list[dict[str, Any]]
) -> None:
    assert len(trial_store) == len(ids)
    assert trial_store.ids() == ids
    assert trial_store.search("stem cell", limit=None) == hits
    assert all(trial_store.columns(i) is not None for i in ids)
    assert len(trial_store.index) == len(ids)


def test_a_failed_reload_after_a_failed_write_keeps_the_trials(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:3])
    ids, hits = trial_store.ids(), trial_store.search("stem cell", limit=None)
    monkeypatch.setattr(os, "replace", no_space)  # the manifest cannot be replaced
    monkeypatch.setattr(ShardFiles, "read_index", damaged_index)  # nor the store reloaded
    with pytest.raises(StoreError) as error:
        trial_store.import_paths(seed_paths)
    message = str(error.value)
    assert message.startswith(f"could not write {path}: No space left on device; ")
    assert "could not be reloaded" in message
    assert "is damaged" in message
    assert message.endswith("still shows the 3 trials it had before this write")
    assert_as_before(trial_store, ids, hits)
    assert trial_store.get(ids[0]) is not None  # the files are those it shows
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

    def io_error(directory: Path) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    # The manifest is replaced (the commit point), then its folder cannot be synced.
    monkeypatch.setattr(storage_module, "_fsync_dir", io_error)
    monkeypatch.setattr(ShardFiles, "read_index", damaged_index)
    with pytest.raises(StoreError, match="could not be reloaded") as error:
        trial_store.import_paths(seed_paths)
    assert "Input/output error" in str(error.value)
    assert_as_before(trial_store, ids, hits)
    monkeypatch.undo()
    assert trial_store.refresh() is True
    assert len(trial_store) == 5 and trial_store.ids() == TrialStore(path).ids()
    assert trial_store.get(ALS) is not None


def test_a_memory_store_keeps_its_trials_too(
    seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    trial_store = TrialStore(None)
    trial_store.import_paths(seed_paths[:3])
    ids, hits = trial_store.ids(), trial_store.search("stem cell", limit=None)

    def unreadable(self: MemoryShards, name: str) -> bytes:
        raise StoreError(f"cannot read {name}")

    monkeypatch.setattr(MemoryShards, "commit", no_space)
    monkeypatch.setattr(MemoryShards, "read_index", unreadable)
    with pytest.raises(StoreError, match=r"could not be reloaded \(cannot read index-"):
        trial_store.import_paths(seed_paths)
    monkeypatch.undo()
    assert_as_before(trial_store, ids, hits)
    assert trial_store.import_paths(seed_paths).counts()["imported"] == 2


def test_a_failed_refresh_keeps_the_trials(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:3])
    ids, hits = trial_store.ids(), trial_store.search("stem cell", limit=None)
    TrialStore(path).import_paths(seed_paths)  # another process commits
    monkeypatch.setattr(ShardFiles, "read_index", damaged_index)
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
    failed: list[bool] = []
    real_read_index = ShardFiles.read_index

    def full_disk(self: ShardFiles, *args: object) -> None:
        failed.append(True)
        no_space()

    def unreadable_after_a_failure(self: ShardFiles, name: str) -> bytes:
        return damaged_index(self, name) if failed else real_read_index(self, name)

    monkeypatch.setattr(ShardFiles, "commit", full_disk)
    monkeypatch.setattr(ShardFiles, "read_index", unreadable_after_a_failure)
    status = main(["import", *map(str, seed_paths), "--db", str(path)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"trials: could not write {path}: No space left on device; ")
    assert "could not be reloaded" in err and err.count("\n") == 1
