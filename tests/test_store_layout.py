"""The store on disk (layout 3): segment files found through the index, checkpoints whose
commit point is the index, kills on both sides of it, full disks, leftovers, damaged files,
migration of layouts 1 and 2, and an index rebuilt for another version."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from parsers.record import empty_record
from store import DamagedStoreError, StoreError, TrialStore, checkpoint
from store import segment_disk as segment_disk_module
from store.segments import SegmentFiles

NMO = "NCT02249676"
ALS = "NCT01494480"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def manifest(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = next(iter(orjson.loads(path.read_bytes())["store"].values()))
    return doc


def folder_of(path: Path) -> Path:
    return path.with_name(path.name + ".d")


def names(path: Path) -> set[str]:
    return set(os.listdir(folder_of(path)))


def files_of(path: Path) -> dict[str, bytes]:
    """Every file of a store (manifest, segments, index) and its bytes."""
    found = {str(path): path.read_bytes()}
    for item in sorted(folder_of(path).rglob("*")):
        if item.is_file() and not item.name.endswith(".lock"):
            found[str(item)] = item.read_bytes()
    return found


def edited(tmp_path: Path, seed: Path, old: str, new: str) -> Path:
    changed = tmp_path / f"changed-{seed.name}"
    changed.write_text(seed.read_text("utf-8").replace(old, new), "utf-8")
    return changed


@pytest.fixture
def seeded(tmp_path: Path, seed_paths: list[Path]) -> Path:
    path = tmp_path / "store" / "trials.json"
    TrialStore(path).import_paths(seed_paths)
    return path


# --- the layout -------------------------------------------------------------------------


def test_records_live_in_segments_found_through_the_index(seeded: Path) -> None:
    assert manifest(seeded) == {"layout": 3, "index": "index", "next_segment": 2}
    assert names(seeded) == {"seg-000001.json", "index"}
    segment = orjson.loads((folder_of(seeded) / "seg-000001.json").read_bytes())
    assert set(segment["versions"]) == set(TrialStore(seeded).ids())  # a TinyDB table
    assert segment["versions"][NMO]["prev"] is None
    location = TrialStore(seeded).index.locate(NMO)
    assert location is not None and location.segment == 1
    raw = (folder_of(seeded) / "seg-000001.json").read_bytes()
    document = raw[location.offset:location.offset + location.length]
    assert orjson.loads(document)["id"] == NMO  # one document, read by its span


def test_open_reads_the_index_not_the_segments(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    real = SegmentFiles._open_segment

    def spy(self: SegmentFiles, number: int) -> Any:
        opened.append(number)
        return real(self, number)

    monkeypatch.setattr(SegmentFiles, "_open_segment", spy)
    trial_store = TrialStore(seeded)
    assert len(trial_store) == 5 and trial_store.count("stem") == 5
    assert trial_store.columns(NMO)["title"].startswith("Autologous")  # type: ignore[index]
    assert [hit["id"] for hit in trial_store.search("amyotrophic")] == [ALS]
    assert trial_store.facets("")["study_type"] == {"INTERVENTIONAL": 4, "not stated": 1}
    assert opened == []
    assert trial_store.get(NMO)["id"] == NMO  # type: ignore[index]
    assert opened == [1]


def test_an_update_writes_one_small_segment_and_keeps_the_previous_version(
    seeded: Path, seed_paths: list[Path], tmp_path: Path
) -> None:
    before = files_of(seeded)
    changed = edited(tmp_path, seed_paths[1], "15 patients", "16 patients")
    trial_store = TrialStore(seeded)
    assert trial_store.import_paths([changed]).counts()["updated"] == 1
    assert manifest(seeded)["next_segment"] == 3
    first, second = folder_of(seeded) / "seg-000001.json", folder_of(seeded) / "seg-000002.json"
    assert first.read_bytes() == before[str(first)]  # never rewritten
    assert list(orjson.loads(second.read_bytes())["versions"]) == [NMO]
    assert second.stat().st_size < first.stat().st_size / 3  # O(trials written)
    assert TrialStore(seeded).get(NMO)["enrollment"]["count"] == 16  # type: ignore[index]
    history = TrialStore(seeded).history(NMO)
    assert [version.location.segment for version in history] == [2, 1]  # type: ignore[union-attr]
    assert history[0].prev == history[1].location
    assert history[1].record["enrollment"]["count"] == 15
    assert history[1].source == seed_paths[1].read_text("utf-8")
    assert history[0].meta["path"] == str(changed)


def test_the_in_memory_store_keeps_versions_too(seed_paths: list[Path], tmp_path: Path) -> None:
    trial_store = TrialStore(None)
    trial_store.import_paths(seed_paths)
    trial_store.import_paths([edited(tmp_path, seed_paths[1], "15 patients", "16 patients")])
    history = trial_store.history(NMO)
    assert [v.record["enrollment"]["count"] for v in history] == [16, 15]
    assert trial_store.history("NCT99999999") == []


# --- kills on both sides of the commit point -----------------------------------------------

KILLED_IMPORT = """
import os, signal, sys
from store import TrialStore
from store import layout
from store.engine.writing import Batch

where = sys.argv[1]
real_commit, real_write = Batch.commit, layout.StoreFiles.write

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

def commit(self):
    if where == "before":
        die()  # the segment is written, the index not committed
    return real_commit(self)

def write(self, manifest):
    if where == "after":
        die()  # the index is committed, the manifest not written
    return real_write(self, manifest)

Batch.commit = commit
layout.StoreFiles.write = write
TrialStore(sys.argv[2]).import_paths(sys.argv[3:])
"""


def killed_import(where: str, db: Path, *paths: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, where, str(db), *map(str, paths)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr


def test_a_kill_before_the_commit_point_leaves_the_old_state(
    seeded: Path, seed_paths: list[Path], tmp_path: Path
) -> None:
    reader = TrialStore(seeded)
    before = {trial_id: reader.get(trial_id) for trial_id in reader.ids()}
    changed = edited(tmp_path, seed_paths[1], "Tianjin", "Tianjin City")
    killed_import("before", seeded, changed)
    assert "seg-000002.json" in names(seeded)  # whole, but no index points into it
    assert reader.refresh() is False
    trial_store = TrialStore(seeded)
    assert {trial_id: trial_store.get(trial_id) for trial_id in trial_store.ids()} == before
    assert trial_store.search("city") == []
    report = trial_store.import_paths([changed])  # removes the leftover, then lands
    assert report.counts()["updated"] == 1
    assert "City" in TrialStore(seeded).get(NMO)["sponsor"]  # type: ignore[index]
    assert names(seeded) == {"seg-000001.json", "seg-000002.json", "index"}


def test_a_kill_after_the_commit_point_leaves_the_new_state(
    seeded: Path, seed_paths: list[Path], tmp_path: Path
) -> None:
    changed = edited(tmp_path, seed_paths[1], "Tianjin", "Tianjin City")
    killed_import("after", seeded, changed)
    assert manifest(seeded)["next_segment"] == 2  # not recorded: the index is the commit
    trial_store = TrialStore(seeded)
    assert "City" in trial_store.get(NMO)["sponsor"]  # type: ignore[index]
    assert [hit["id"] for hit in trial_store.search("tianjin city")] == [NMO]
    again = edited(tmp_path, seed_paths[3], "Amyotrophic", "Amyotrophic (ALS)")
    assert trial_store.import_paths([again]).counts()["updated"] == 1
    assert manifest(seeded)["next_segment"] == 4
    assert TrialStore(seeded).history(NMO)[0].location.segment == 2  # type: ignore[union-attr]


# --- failed writes and leftovers -------------------------------------------------------------


def test_a_segment_half_written_when_the_disk_fills_up_leaves_nothing(
    seeded: Path, seed_paths: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_of(seeded)
    real = segment_disk_module._write_all

    def half_then_full(fd: int, data: bytes | bytearray) -> None:
        real(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(segment_disk_module, "_write_all", half_then_full)
    trial_store = TrialStore(seeded)
    changed = edited(tmp_path, seed_paths[1], "Tianjin", "Tianjin City")
    with pytest.raises(StoreError) as error:
        trial_store.import_paths([changed])
    segment = folder_of(seeded) / "seg-000002.json"
    assert str(error.value) == (f"could not write {seeded}: No space left on device "
                                f"({segment}); the store is unchanged")
    monkeypatch.undo()
    assert files_of(seeded) == before
    assert trial_store.import_paths([changed]).counts()["updated"] == 1


def test_a_failed_index_commit_removes_its_segment(
    seeded: Path, seed_paths: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.engine.writing import Batch

    before = files_of(seeded)

    def full(self: Batch) -> int:
        self.rollback()
        raise ValueError("An IO error occurred: 'No space left on device (os error 28)'")

    monkeypatch.setattr(Batch, "commit", full)
    trial_store = TrialStore(seeded)
    with pytest.raises(StoreError) as error:
        trial_store.import_paths([edited(tmp_path, seed_paths[1], "Tianjin", "Tianjin City")])
    assert str(error.value) == (f"could not write {seeded}: No space left on device "
                                f"({folder_of(seeded) / 'index'}); the store is unchanged")
    assert "seg-000002.json" not in names(seeded)
    assert {p: b for p, b in files_of(seeded).items() if "index" not in p} == {
        p: b for p, b in before.items() if "index" not in p}
    assert len(trial_store) == 5 and trial_store.search("city") == []


def test_leftovers_are_harmless_and_removed_by_the_next_write(
    seeded: Path, seed_paths: list[Path], tmp_path: Path
) -> None:
    folder = folder_of(seeded)
    (folder / "seg-000099.json").write_text("{half a segment")
    (folder / ".seg-000002.json.0a1b2c3d.tmp").write_bytes(b"{")
    (folder / "index-7").mkdir()
    (folder / "trials-001-g000099.json").write_text("{}")  # of a migration that ended
    (seeded.parent / f".{seeded.name}.0a1b2c.tmp").write_text("{}")
    trial_store = TrialStore(seeded)
    assert len(trial_store) == 5 and trial_store.get(NMO) is not None
    changed = edited(tmp_path, seed_paths[1], "Tianjin", "Tianjin City")
    assert trial_store.import_paths([changed]).counts()["updated"] == 1
    assert names(seeded) == {"seg-000001.json", "seg-000002.json", "index"}
    assert sorted(os.listdir(seeded.parent)) == [seeded.name, f"{seeded.name}.d",
                                                 f"{seeded.name}.lock"]


# --- damaged files ----------------------------------------------------------------------


def test_a_damaged_segment_is_named_when_read(seeded: Path) -> None:
    trial_store = TrialStore(seeded)
    location = trial_store.index.locate(NMO)
    assert location is not None
    segment = folder_of(seeded) / "seg-000001.json"
    data = bytearray(segment.read_bytes())
    middle = location.offset + location.length // 2
    data[middle:middle + 16] = b"!" * 16
    segment.write_bytes(bytes(data))
    fresh = TrialStore(seeded)
    with pytest.raises(DamagedStoreError) as error:
        fresh.get(NMO)
    message = str(error.value)
    assert message.startswith(f"{segment} has no trial document at bytes ")
    assert message.endswith(f"; restore it from a backup, or move {seeded} and "
                            f"{folder_of(seeded)} away to start a new store")
    assert fresh.get(ALS) is not None and len(fresh.search("stem", limit=None)) == 5


@pytest.mark.parametrize("damage", ["garbled meta.json", "cut file", "missing file",
                                    "missing directory"])
def test_a_damaged_index_is_named_with_advice(seeded: Path, damage: str) -> None:
    index = folder_of(seeded) / "index"
    biggest = max((p for p in index.iterdir() if not p.name.startswith(".")
                   and p.name != "meta.json"), key=lambda p: p.stat().st_size)
    if damage == "garbled meta.json":
        (index / "meta.json").write_bytes(b"\xff" + (index / "meta.json").read_bytes()[1:])
    elif damage == "cut file":
        biggest.write_bytes(biggest.read_bytes()[: biggest.stat().st_size // 2])
    elif damage == "missing file":
        biggest.unlink()
    else:
        shutil.rmtree(index)
    before = files_of(seeded)
    with pytest.raises(DamagedStoreError) as error:
        TrialStore(seeded)
    message = str(error.value)
    assert message.startswith(f"{index} is ")
    assert message.endswith(f"; restore it from a backup, or move {seeded} and "
                            f"{folder_of(seeded)} away to start a new store")
    assert "\n" not in message
    assert files_of(seeded) == before


def test_an_index_that_makes_the_engine_panic_is_named_as_damaged(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.engine import TrialIndex

    class PanicException(BaseException):  # what tantivy raises on some damaged files
        pass

    def panic(*args: object, **options: object) -> None:
        raise PanicException("mid > len")

    trial_store = TrialStore(seeded)
    monkeypatch.setattr(TrialIndex, "search", panic)
    with pytest.raises(DamagedStoreError) as error:
        trial_store.search("stem")
    assert str(error.value).startswith(
        f"{folder_of(seeded) / 'index'} is damaged (the search engine failed reading it: "
        "mid > len); restore it from a backup")


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_a_manifest_missing_or_empty_beside_segments_is_damage(seeded: Path, state: str) -> None:
    if state == "missing":
        seeded.unlink()
    else:
        seeded.write_bytes(b"")
    with pytest.raises(DamagedStoreError, match=f"is {state}, but .* holds the files of a store"):
        TrialStore(seeded)
    assert names(seeded) == {"seg-000001.json", "index"}


def test_a_manifest_of_a_newer_layout_is_refused(seeded: Path) -> None:
    seeded.write_bytes(orjson.dumps({"store": {"1": {"layout": 4}}}))
    with pytest.raises(StoreError, match="written by a newer version of trials"):
        TrialStore(seeded)


# --- migration ------------------------------------------------------------------------------


def layout2_store(tmp_path: Path) -> Path:
    """A copy of a store of layout 2 written by the previous version (seeds, two API studies,
    one of them updated): tests/fixtures/layout2."""
    shutil.copytree(FIXTURES / "layout2", tmp_path / "old")
    return tmp_path / "old" / "trials.json"


def layout2_contents(path: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """Every record and text of a layout-2 store, read from its shard files."""
    found: dict[str, tuple[dict[str, Any], str]] = {}
    doc = manifest(path)
    for number, name in doc["files"]["trials"].items():
        records = orjson.loads((folder_of(path) / name).read_bytes())["trials"]
        texts = orjson.loads(
            (folder_of(path) / doc["files"]["sources"][number]).read_bytes())["sources"]
        found.update({i: (record, texts[i]["text"]) for i, record in records.items()})
    return found


def version_one(record: dict[str, Any]) -> dict[str, Any]:
    """A record without the fields record version 2 added."""
    added = set(empty_record()) - VERSION_ONE_FIELDS
    old = {name: value for name, value in record.items() if name not in added}
    old["interventions"] = [{k: v for k, v in item.items() if k != "other_names"}
                            for item in record["interventions"]]
    old["source"] = {k: v for k, v in record["source"].items()
                     if k not in ("partial", "parser_revision", "missing_modules")}
    old["dates"] = {k: v for k, v in record["dates"].items() if k in VERSION_ONE_DATES}
    old["design"] = {k: v for k, v in record["design"].items() if k in VERSION_ONE_DESIGN}
    old["eligibility"] = {k: v for k, v in record["eligibility"].items()
                          if k not in ("gender_based", "gender_description")}
    return old


VERSION_ONE_DATES = {"start", "primary_completion", "completion", "last_update"}
VERSION_ONE_DESIGN = {"primary_purpose", "allocation", "intervention_model", "masking"}


VERSION_ONE_FIELDS = {
    "id", "nct_id", "other_ids", "title", "official_title", "acronym", "sponsor", "status",
    "phases", "study_type", "conditions", "keywords", "interventions", "funder_types",
    "summary", "description", "enrollment", "eligibility", "design", "arms", "group_count",
    "dates", "locations_count", "has_results", "source", "warnings",
}


def test_a_layout_2_store_is_migrated_in_checkpoints_losing_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = layout2_store(tmp_path)
    expected = layout2_contents(path)
    assert len(expected) == 7
    monkeypatch.setattr(checkpoint, "CHECKPOINT", 3)
    monkeypatch.setattr("store.migrate.CHECKPOINT", 3)
    trial_store = TrialStore(path)
    assert manifest(path) == {"layout": 3, "index": "index", "next_segment": 4}
    assert names(path) == {"seg-000001.json", "seg-000002.json", "seg-000003.json", "index"}
    assert sorted(trial_store.ids()) == sorted(expected)
    for trial_id, (record, text) in expected.items():
        # read in the current shape: parsed again from the kept text, the same fields
        # plus the sections of record version 2
        got = trial_store.get(trial_id)
        assert got is not None and got["record_version"] == 2
        assert version_one(got) == record
        assert trial_store.get_source(trial_id) == text
        assert len(trial_store.history(trial_id)) == 1
    assert [hit["id"] for hit in TrialStore(path).search("migraine")] == [
        "NCT09000001", "NCT09000002"]
    assert TrialStore(path).get("NCT09000001")["status"] == "COMPLETED"  # type: ignore[index]


KILLED_MIGRATION = """
import os, signal, sys
from store import checkpoint, migrate
from store import TrialStore

migrate.CHECKPOINT = 3
real = checkpoint.Writer.write
calls = []

def write(self, versions, **options):
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, versions, **options)

checkpoint.Writer.write = write
TrialStore(sys.argv[1])
"""


def test_a_killed_migration_leaves_the_old_store_and_a_rerun_completes(tmp_path: Path) -> None:
    path = layout2_store(tmp_path)
    expected = layout2_contents(path)
    old_manifest = path.read_bytes()
    old_files = {name for name in names(path)}
    result = subprocess.run([sys.executable, "-c", KILLED_MIGRATION, str(path)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert path.read_bytes() == old_manifest  # the old store, whole
    assert old_files <= names(path)
    assert layout2_contents(path) == expected
    first = (folder_of(path) / "seg-000001.json").read_bytes()
    trial_store = TrialStore(path)  # the rerun resumes after the first checkpoint
    assert manifest(path)["layout"] == 3
    assert (folder_of(path) / "seg-000001.json").read_bytes() == first
    assert {i: (version_one(trial_store.get(i) or {}), trial_store.get_source(i))
            for i in trial_store.ids()} == expected
    assert not any(name.startswith(("trials-", "sources-")) for name in names(path))


def test_a_damaged_shard_stops_the_migration_and_keeps_the_old_store(tmp_path: Path) -> None:
    path = layout2_store(tmp_path)
    shard = folder_of(path) / manifest(path)["files"]["trials"]["243"]
    shard.write_bytes(shard.read_bytes()[:100])
    old_manifest = path.read_bytes()
    with pytest.raises(DamagedStoreError, match=f"^{shard} is not a valid store file"):
        TrialStore(path)
    assert path.read_bytes() == old_manifest and shard.exists()


def test_a_first_layout_store_is_migrated_losing_nothing(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    from parsers import load_file

    path = tmp_path / "old.json"
    trials, sources = {}, {}
    for seed in seed_paths:
        loaded = load_file(seed)
        loaded.record["source"]["imported_at"] = "2026-01-01T00:00:00Z"
        trials[loaded.record["id"]] = loaded.record
        sources[loaded.record["id"]] = {"text": loaded.text}
    path.write_bytes(orjson.dumps({"trials": trials, "sources": sources}))
    trial_store = TrialStore(path)
    assert sorted(trial_store.ids()) == sorted(trials)
    for trial_id, record in trials.items():
        assert trial_store.get(trial_id) == record
        assert trial_store.get_source(trial_id) == sources[trial_id]["text"]
    assert manifest(path)["layout"] == 3
    assert [hit["id"] for hit in TrialStore(path).search("amyotrophic")] == [ALS]


# --- an index of another version ----------------------------------------------------------------


def test_an_index_of_another_tantivy_is_rebuilt_from_the_segments(
    seeded: Path, seed_paths: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.engine import opening

    TrialStore(seeded).import_paths([edited(tmp_path, seed_paths[1], "Tianjin", "Tianjin City")])
    expected = {i: TrialStore(seeded).get(i) for i in TrialStore(seeded).ids()}
    monkeypatch.setattr(opening, "engine", lambda: "tantivy v9.9.9, index_format v99")
    progress: list[tuple[int, int]] = []
    trial_store = TrialStore(seeded, on_rebuild=lambda done, total: progress.append((done, total)))
    assert progress == [(0, 2), (1, 2), (2, 2)]  # segment files replayed, of all
    assert manifest(seeded) == {"layout": 3, "index": "index-2", "next_segment": 3}
    assert names(seeded) == {"seg-000001.json", "seg-000002.json", "index-2"}
    assert {i: trial_store.get(i) for i in trial_store.ids()} == expected
    assert [hit["id"] for hit in trial_store.search("tianjin city")] == [NMO]
    assert trial_store.index.generation == 2
    assert len(trial_store.history(NMO)) == 2


def test_a_reader_follows_a_writer_in_another_store_object(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    path = tmp_path / "trials.json"
    reader = TrialStore(path)
    writer = TrialStore(path)
    writer.import_paths(seed_paths)
    assert len(reader) == 0
    assert reader.refresh() is True
    assert len(reader) == 5 and reader.get(NMO)["id"] == NMO  # type: ignore[index]
    assert reader.refresh() is False
