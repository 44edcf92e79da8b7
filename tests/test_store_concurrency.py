"""Reads of a TrialStore in some threads while another thread of the process writes to it:
every read sees the store before a write or after it, never a part of one."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest

from store import StoreError, TrialStore

BATCH = 25  # trials per import
ROUNDS = 8  # imports while the readers read
READERS = 3
VALID = {BATCH * n for n in range(1, ROUNDS + 2)}  # the counts a reader may see


def make_study(number: int) -> dict[str, Any]:
    """A small study in the ClinicalTrials.gov API's shape, about migraine."""
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": f"NCT{number:08d}",
                "briefTitle": f"Aspirin for migraine, study {number}",
            },
            "statusModule": {"overallStatus": "RECRUITING"},
            "conditionsModule": {"conditions": ["Migraine"]},
            "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2"]},
        },
        "hasResults": False,
    }


def batch(number: int) -> list[tuple[str, bytes]]:
    """One file of BATCH new studies (ids of its own)."""
    studies = [make_study(number * BATCH + k) for k in range(BATCH)]
    return [(f"batch-{number}.json", orjson.dumps({"studies": studies}))]


@pytest.fixture(params=["memory", "disk"])
def trial_store(request: pytest.FixtureRequest, tmp_path: Path) -> TrialStore:
    path = None if request.param == "memory" else tmp_path / "trials.json"
    store = TrialStore(path)
    assert store.import_data(batch(0)).counts()["imported"] == BATCH
    return store


def read_everything(store: TrialStore, seen: set[int]) -> None:
    """Every kind of read; each must see a whole number of imports, and what one read finds
    the next can read (trials are only ever added)."""
    seen.add(len(store))
    seen.add(len(store.search("migraine", limit=None)))
    seen.add(len(store.search("", limit=None, sort="-enrollment")))
    seen.add(store.count("aspirin migr", prefix_last=True))
    ids = store.ids()
    seen.add(len(ids))
    facets = store.facets("migraine")
    count = facets["status"]["RECRUITING"]
    seen.add(count)
    assert facets == {
        "status": {"RECRUITING": count}, "phase": {"PHASE2": count},
        "study_type": {"INTERVENTIONAL": count}, "country": {"not stated": count},
    }
    index = store.index
    assert index.facets(ids)["phase"]["PHASE2"] == len(ids)
    last = ids[-1]
    columns = index.columns(last)
    assert columns is not None and columns["title"].startswith("Aspirin for migraine")
    assert last in store and store.columns(last) == columns
    record = store.get(last)
    assert record is not None and record["id"] == last
    assert store.get_source(last)
    assert index.highlights("migraine", record)["title"] == [(12, 20)]


@pytest.fixture
def frequent_switches() -> Any:
    """Threads switch every few microseconds (not 5 ms): a read lands inside writes often."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(interval)


def test_reads_during_writes_see_the_store_before_or_after_each_write(
    trial_store: TrialStore, frequent_switches: None
) -> None:
    done = threading.Event()
    errors: list[BaseException] = []
    seen: list[set[int]] = [set() for _ in range(READERS)]

    def reader(number: int) -> None:
        try:
            while not done.is_set():
                read_everything(trial_store, seen[number])
            read_everything(trial_store, seen[number])  # at least once after the last write
        except BaseException as error:
            errors.append(error)

    def writer() -> None:
        try:
            for number in range(1, ROUNDS + 1):
                report = trial_store.import_data(batch(number))
                assert report.counts()["imported"] == BATCH
        except BaseException as error:
            errors.append(error)
        finally:
            done.set()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    for counts in seen:
        assert counts <= VALID, sorted(counts - VALID)
        assert BATCH * (ROUNDS + 1) in counts
    assert len(trial_store) == BATCH * (ROUNDS + 1)


def test_a_reader_of_another_store_object_keeps_its_snapshot(tmp_path: Path) -> None:
    """Another TrialStore on the same files (as another process) sees a write only after
    refresh(), and reads every trial of its snapshot meanwhile."""
    path = tmp_path / "trials.json"
    writer = TrialStore(path)
    writer.import_data(batch(0))
    reader = TrialStore(path)
    hits = reader.search("migraine", limit=None)
    writer.import_data(batch(1))
    assert len(reader) == BATCH and reader.search("migraine", limit=None) == hits
    assert all(reader.get(hit["id"]) is not None for hit in hits)
    assert reader.refresh() is True and len(reader) == 2 * BATCH


def test_a_failed_write_leaves_the_index_alone(
    trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.engine.writing import Batch

    hits = trial_store.search("migraine", limit=None)

    def broken(self: Batch) -> int:
        self.rollback()
        raise ValueError("An IO error occurred: 'No space left on device (os error 28)'")

    monkeypatch.setattr(Batch, "commit", broken)
    with pytest.raises(StoreError, match=r"No space left on device.*the store is unchanged"):
        trial_store.import_data(batch(1))
    monkeypatch.undo()
    assert len(trial_store) == BATCH and trial_store.search("migraine", limit=None) == hits
    assert trial_store.import_data(batch(1)).counts()["imported"] == BATCH
