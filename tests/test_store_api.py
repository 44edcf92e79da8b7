"""TrialStore reading API, failed writes, corrupt files, two processes, default locations."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from tinydb.table import Table

from store import StoreError, TrialStore, bundled_seed_paths, default_db_path
from store.segments import SegmentFiles
from store.storage import AtomicJSONStorage

NMO = "NCT02249676"


@pytest.fixture
def seeded(store: TrialStore, seed_paths: list[Path]) -> TrialStore:
    store.import_paths(seed_paths)
    return store


def on_disk(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def test_get_returns_a_copy(seeded: TrialStore) -> None:
    record = seeded.get(NMO)
    assert record is not None
    assert record["id"] == NMO
    assert record["title"].startswith("Autologous Mesenchymal Stem Cells")
    record["title"] = "changed"
    record["conditions"].append("changed")
    again = seeded.get(NMO)
    assert again is not None
    assert again["title"] != "changed"
    assert "changed" not in again["conditions"]
    assert seeded.get("NCT99999999") is None


def test_reading_never_queries_tinydb(seeded: TrialStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("TinyDB was queried")

    for name in ("search", "all", "get", "__iter__", "_read_table"):
        monkeypatch.setattr(Table, name, forbidden)
    monkeypatch.setattr(AtomicJSONStorage, "read", forbidden)
    assert seeded.get(NMO) is not None
    assert seeded.get_source(NMO) is not None
    assert NMO in seeded
    assert len(seeded) == 5
    assert seeded.search("optica")
    assert len(list(seeded)) == 5


def test_get_is_a_dict_lookup_not_a_scan(
    store: TrialStore, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lookup asks the index where the record lies and reads that one document (a few
    KB), never a whole segment file, never every record."""
    from store.segment_files import Segment

    store.import_paths(seed_paths)
    trial_store = store if store.path is None else TrialStore(store.path)  # nothing open
    reads: list[tuple[int, int]] = []
    real_pread = Segment.pread

    def pread(self: Segment, offset: int, length: int) -> bytes:
        reads.append((offset, length))
        return real_pread(self, offset, length)

    def walked(*args: object) -> None:
        raise AssertionError("the records were scanned")

    monkeypatch.setattr(Segment, "pread", pread)
    monkeypatch.setattr(SegmentFiles, "iter_segment", walked)
    monkeypatch.setattr(TrialStore, "__iter__", walked)
    for lookup in (trial_store.get, trial_store.get_source):
        for trial_id in (NMO, "NCT01494480"):
            reads.clear()
            assert lookup(trial_id)
            location = trial_store.index.locate(trial_id)
            assert location is not None
            assert (location.offset, location.length) in reads
            assert all(length <= max(location.length, 64) for _, length in reads), reads
    reads.clear()
    assert trial_store.get("NCT99999999") is None and trial_store.get_source("x") is None
    assert reads == []  # an id the index does not hold reads nothing


def test_get_source_is_the_cleaned_original_text(
    seeded: TrialStore, seed_paths: list[Path]
) -> None:
    text = seeded.get_source(NMO)
    assert text == seed_paths[1].read_text("utf-8").replace("\r\n", "\n").lstrip("\ufeff")
    assert seeded.get_source("nope") is None


def test_iteration_ids_and_contains(seeded: TrialStore) -> None:
    ids = [record["id"] for record in seeded]
    assert sorted(ids) == seeded.ids() and len(ids) == 5
    assert NMO in seeded
    assert "NCT00000000" not in seeded
    assert None not in seeded
    assert ["x"] not in seeded


def test_search_all_words_ranked(seeded: TrialStore) -> None:
    hits = seeded.search("Neuromyelitis OPTICA")
    assert {hit["id"] for hit in hits} == {NMO, "LOCAL-826653db64"}
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)
    assert seeded.search("amyotrophic")[0]["id"] == "NCT01494480"
    assert seeded.search("neuromyelitis amyotrophic") == []
    assert len(seeded.search("stem", limit=2)) == 2
    assert len(seeded.search("stem", limit=None)) == 5
    assert seeded.search("stem", limit=0) == []


def test_search_weights_ids_and_titles(seeded: TrialStore) -> None:
    assert [hit["id"] for hit in seeded.search(NMO.lower())] == [NMO]
    assert seeded.search(f"stem {NMO}")[0]["id"] == NMO  # an id match ranks first
    assert seeded.search("veeva-text") == []  # source is not searched


def test_search_ties_are_ordered_by_id(
    store: TrialStore, tmp_path: Path, seed_paths: list[Path]
) -> None:
    store.import_paths(seed_paths)
    hits = store.search("")
    assert [hit["id"] for hit in hits] == store.ids()
    assert {hit["score"] for hit in hits} == {0}


def test_failed_write_leaves_file_and_memory_as_they_were(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:2])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreError) as info:
        trial_store.import_paths(seed_paths)
    assert str(path) in str(info.value)
    assert "No space left on device" in str(info.value)
    assert "unchanged" in str(info.value)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert len(trial_store) == 2
    assert trial_store.ids() == TrialStore(path).ids()
    assert trial_store.get("NCT01494480") is None
    assert trial_store.search("amyotrophic") == []
    assert trial_store.import_paths(seed_paths).counts()["imported"] == 3  # and it recovers


def test_failure_after_the_commit_point_leaves_memory_matching_the_files(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.engine.writing import Batch

    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:2])
    real_commit = Batch.commit

    def committed_then_io_error(self: Batch) -> int:
        real_commit(self)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Batch, "commit", committed_then_io_error)
    with pytest.raises(StoreError, match="was written, but Input/output error"):
        trial_store.import_paths(seed_paths)
    monkeypatch.undo()
    fresh = TrialStore(path)
    assert len(fresh) == 5
    assert trial_store.ids() == fresh.ids()
    assert [trial_store.get(i) for i in fresh.ids()] == [fresh.get(i) for i in fresh.ids()]


def test_failed_write_in_memory_store_changes_nothing(
    seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    trial_store = TrialStore(None)
    trial_store.import_paths(seed_paths[:2])

    def broken(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(SegmentFiles, "write", broken)
    with pytest.raises(StoreError):
        trial_store.import_paths(seed_paths)
    monkeypatch.undo()
    assert len(trial_store) == 2
    assert trial_store.import_paths(seed_paths).counts()["unchanged"] == 2


def test_crash_leftover_temp_file_does_not_break_loading(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    path = tmp_path / "trials.json"
    TrialStore(path).import_paths(seed_paths)
    (tmp_path / ".trials.json.x1y2.tmp").write_bytes(path.read_bytes()[:1000])
    assert len(TrialStore(path)) == 5


@pytest.mark.parametrize(
    "content",
    [
        b'{"trials": {"NCT1": ',
        b"\x00\x01garbage",
        b'{"trials": {"X": 3}}',
        b'{"sources": {"X": {}}}',
    ],
)
def test_corrupt_store_file_raises_store_error_naming_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "trials.json"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a valid store file") as info:
        TrialStore(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content  # never overwritten


def test_store_path_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path)):
        TrialStore(tmp_path)


def test_new_store_creates_its_folder_and_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "trials.json"
    with TrialStore(path) as trial_store:
        assert len(trial_store) == 0
        assert trial_store.path == path
    assert next(iter(on_disk(path)["store"].values()))["layout"] == 3


def test_two_stores_on_one_file_lose_nothing(tmp_path: Path, seed_paths: list[Path]) -> None:
    path = tmp_path / "trials.json"
    first, second = TrialStore(path), TrialStore(path)
    assert first.import_paths(seed_paths[:3]).counts()["imported"] == 3
    report = second.import_paths(seed_paths[2:])  # reloads under the lock first
    assert report.counts() == {"imported": 2, "updated": 0, "unchanged": 1, "failed": 0}
    assert len(second) == 5
    assert first.import_paths(seed_paths[4:]).counts()["unchanged"] == 1
    assert len(first) == 5
    assert TrialStore(path).ids() == first.ids() == second.ids()
    assert first.refresh() is False


def test_another_process_import_is_seen(tmp_path: Path, seed_paths: list[Path]) -> None:
    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    trial_store.import_paths(seed_paths[:1])
    script = (
        "import sys; from store import TrialStore; "
        "TrialStore(sys.argv[1]).import_paths(sys.argv[2:])"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(path), *map(str, seed_paths[1:])], check=True, timeout=60
    )
    assert len(trial_store) == 1
    assert trial_store.refresh() is True
    assert len(trial_store) == 5
    assert trial_store.get(NMO) is not None


def test_locked_store_times_out_with_store_error(tmp_path: Path, seed_paths: list[Path]) -> None:
    from filelock import FileLock

    path = tmp_path / "trials.json"
    trial_store = TrialStore(path, lock_timeout=0.05)
    with FileLock(f"{path}.lock"), pytest.raises(StoreError, match="locked by another process"):
        trial_store.import_paths(seed_paths)
    assert len(trial_store) == 0


def test_closed_store_refuses_imports(seed_paths: list[Path]) -> None:
    trial_store = TrialStore(None)
    trial_store.close()
    with pytest.raises(StoreError, match="closed"):
        trial_store.import_paths(seed_paths)


def test_default_db_path_honours_trials_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRIALS_DB", str(tmp_path / "mine.json"))
    assert default_db_path() == tmp_path / "mine.json"
    monkeypatch.delenv("TRIALS_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "trials" / "trials.json"


def test_bundled_seed_paths_finds_the_five_seeds(seed_paths: list[Path]) -> None:
    found = bundled_seed_paths()
    assert [p.name for p in found] == [p.name for p in seed_paths]
    assert all(p.is_file() for p in found)


def test_the_seeds_import_from_the_bundled_paths() -> None:
    with TrialStore(None) as trial_store:
        assert trial_store.import_paths(bundled_seed_paths()).counts()["imported"] == 5
