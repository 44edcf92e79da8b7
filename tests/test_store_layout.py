"""The scale layout: shard files, a persisted index, atomic generations, migration."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import orjson
import pytest

from store import StoreError, TrialStore
from store.shards import ShardFiles, shard_of, spans_name
from store.storage import AtomicJSONStorage

NMO = "NCT02249676"


def manifest(path: Path) -> dict:
    return next(iter(orjson.loads(path.read_bytes())["store"].values()))


def generation_files(path: Path) -> set[str]:
    return {p.name for p in path.with_name(path.name + ".d").iterdir()}


def test_records_live_in_shard_files_named_by_the_manifest(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    path = tmp_path / "trials.json"
    with TrialStore(path) as store:
        store.import_paths(seed_paths)
    doc = manifest(path)
    assert doc["layout"] == 2
    shard = doc["files"]["trials"][str(shard_of(NMO))]
    data = orjson.loads((tmp_path / "trials.json.d" / shard).read_bytes())
    assert data["trials"][NMO]["sponsor"] == "Tianjin Medical University"
    shards = set(doc["files"]["trials"].values()) | set(doc["files"]["sources"].values())
    assert generation_files(path) == (
        shards | {spans_name(name) for name in shards} | {doc["index"]}
    )


def test_open_reads_the_index_not_the_shards(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trials.json"
    TrialStore(path).import_paths(seed_paths)
    reads: list[str] = []
    original = ShardFiles.read_shard

    def spy(self: ShardFiles, name: str, kind: str) -> dict:
        reads.append(name)
        return original(self, name, kind)

    monkeypatch.setattr(ShardFiles, "read_shard", spy)
    store = TrialStore(path)
    assert len(store) == 5 and reads == []
    assert store.columns(NMO)["title"].startswith("Autologous")
    assert [hit["id"] for hit in store.search("amyotrophic")] == ["NCT01494480"]
    assert reads == []
    docs: list[str] = []
    read_doc = ShardFiles.read_doc

    def doc_spy(self: ShardFiles, name: str, kind: str, trial_id: str) -> dict | None:
        docs.append(trial_id)
        return read_doc(self, name, kind, trial_id)

    monkeypatch.setattr(ShardFiles, "read_doc", doc_spy)
    assert store.get(NMO)["id"] == NMO
    assert docs == [NMO] and reads == []  # a lookup reads its record alone, not its shard
    assert "Tianjin" in (store.get_source(NMO) or "")
    assert docs == [NMO, NMO] and reads == []


def test_a_lookup_without_spans_reads_the_shard(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before spans files existed (or with damaged ones) still reads."""
    path = tmp_path / "trials.json"
    TrialStore(path).import_paths(seed_paths)
    folder = path.with_name(path.name + ".d")
    spans = sorted(folder.glob("*.spans"))
    assert spans
    for index, spans_file in enumerate(spans):
        if index % 2:
            spans_file.unlink()
        else:  # spans that point at the wrong bytes
            spans_file.write_bytes(spans_file.read_bytes().replace(b"[", b"[1"))
    reads: list[str] = []
    original = ShardFiles.read_shard

    def spy(self: ShardFiles, name: str, kind: str) -> dict:
        reads.append(name)
        return original(self, name, kind)

    monkeypatch.setattr(ShardFiles, "read_shard", spy)
    store = TrialStore(path)
    for trial_id in store.ids():
        record = store.get(trial_id)
        assert record is not None and record["id"] == trial_id
        assert store.get_source(trial_id)
    assert reads  # whole shards, as TinyDB reads them
    assert sorted(r["id"] for r in store) == store.ids()


def test_an_import_rewrites_only_the_touched_shards(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    path = tmp_path / "trials.json"
    store = TrialStore(path)
    store.import_paths(seed_paths)
    before = manifest(path)
    changed = tmp_path / "changed.txt"
    changed.write_text(seed_paths[1].read_text().replace("15 patients", "16 patients"))
    report = store.import_paths([changed])
    assert report.counts()["updated"] == 1
    after = manifest(path)
    number = str(shard_of(NMO))
    for kind in ("trials", "sources"):
        for shard, name in after["files"][kind].items():
            if shard == number:
                assert name != before["files"][kind][shard]
            else:
                assert name == before["files"][kind][shard]
    assert TrialStore(path).get(NMO)["enrollment"]["count"] == 16


def test_failed_commit_keeps_the_previous_generation(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trials.json"
    store = TrialStore(path)
    store.import_paths(seed_paths[:2])
    before_manifest = path.read_bytes()
    before_files = generation_files(path)
    original = AtomicJSONStorage.write

    def full_disk(self: AtomicJSONStorage, data: dict) -> None:
        if self.path == path:  # the commit point: the manifest replace fails
            raise OSError(errno.ENOSPC, "No space left on device")
        original(self, data)

    monkeypatch.setattr(AtomicJSONStorage, "write", full_disk)
    with pytest.raises(StoreError, match="No space left"):
        store.import_paths(seed_paths[2:])
    assert path.read_bytes() == before_manifest
    assert generation_files(path) == before_files  # the new generation's files were removed
    assert len(store) == 2  # memory matches the files
    monkeypatch.undo()
    reopened = TrialStore(path)
    assert sorted(reopened.ids()) == sorted(store.ids())
    assert reopened.import_paths(seed_paths[2:]).counts()["imported"] == 3


def test_orphans_of_a_crashed_write_are_collected(tmp_path: Path, seed_paths: list[Path]) -> None:
    path = tmp_path / "trials.json"
    TrialStore(path).import_paths(seed_paths[:1])
    folder = path.with_name(path.name + ".d")
    (folder / "trials-001-g000099.json").write_text("{half a shard")
    (folder / "index-g000099.bin").write_bytes(b"\0\0")
    store = TrialStore(path)
    assert len(store) == 1
    store.import_paths(seed_paths[1:2])
    names = generation_files(path)
    assert "trials-001-g000099.json" not in names and "index-g000099.bin" not in names


def test_first_layout_store_is_migrated_losing_nothing(
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
    store = TrialStore(path)
    assert sorted(store.ids()) == sorted(trials)
    for trial_id, record in trials.items():
        assert store.get(trial_id) == record
        assert store.get_source(trial_id) == sources[trial_id]["text"]
    assert manifest(path)["layout"] == 2
    assert [hit["id"] for hit in TrialStore(path).search("amyotrophic")] == ["NCT01494480"]


def test_damaged_index_is_a_clear_error(tmp_path: Path, seed_paths: list[Path]) -> None:
    path = tmp_path / "trials.json"
    TrialStore(path).import_paths(seed_paths[:1])
    index = path.with_name(path.name + ".d") / manifest(path)["index"]
    index.write_bytes(b"garbage")
    with pytest.raises(StoreError, match="index"):
        TrialStore(path)


def test_a_reader_follows_a_writer_in_another_store_object(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    path = tmp_path / "trials.json"
    reader = TrialStore(path)
    writer = TrialStore(path)
    writer.import_paths(seed_paths)
    assert len(reader) == 0
    assert reader.refresh() is True
    assert len(reader) == 5 and reader.get(NMO)["id"] == NMO
    assert os.path.exists(path)
