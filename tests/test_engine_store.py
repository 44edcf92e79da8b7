"""store.engine.TrialIndex as the store uses it: locations and source hashes, atomic batches,
generations, another process's commits, version checks and damaged directories."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from engine_helpers import built, make, put_all, sha_of

import store.engine.opening as opening
from store.engine import (
    SCHEMA_VERSION,
    DamagedIndexError,
    IndexVersionError,
    Location,
    TrialIndex,
    UnusableIndexError,
)
from store.engine.documents import prepare

RECORDS = [make("NCT00000001", title="Alpha trial"), make("NCT00000002", title="Beta trial"),
           make("LOCAL-00000000aa", title="Gamma trial")]
SHA_1 = "ec6d8e8ed0846c0d9fd9d4bb434dfc1b6ded6ff0b0bb1b7d57cd8b6a22b3d8cc"


@pytest.fixture(params=["memory", "disk"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> TrialIndex:
    return built(None if request.param == "memory" else tmp_path / "idx", RECORDS)


# --- locations and hashes ---------------------------------------------------------------


def test_locate(index: TrialIndex) -> None:
    assert index.locate("NCT00000002") == Location(0, 100, 100)
    assert index.locate("LOCAL-00000000aa") == Location(0, 200, 100)
    assert index.locate("NCT99999999") is None
    assert index.locate_many(["NCT00000001", "nope", "LOCAL-00000000aa"]) == [
        Location(0, 0, 100), None, Location(0, 200, 100)]
    assert index.source_sha256("NCT00000002") == (
        "fc34f5178f4557fb940f1ff3ffe2fcfa3e45c7025dd9b3dd510441dab3c3622d")
    assert index.source_sha256("NCT99999999") is None


def test_a_new_version_moves_the_location(index: TrialIndex) -> None:
    with index.batch() as batch:
        batch.put(make("NCT00000002", title="Beta trial, amended"),
                  Location(7, 4096, 512), SHA_1)
    assert index.locate("NCT00000002") == Location(7, 4096, 512)
    assert index.source_sha256("NCT00000002") == SHA_1
    assert index.present_hashes([SHA_1, sha_of("NCT00000002")]) == {
        SHA_1: ["NCT00000002"]}
    assert [hit.id for hit in index.search("amended")] == ["NCT00000002"]


def test_present_hashes(index: TrialIndex) -> None:
    wanted = [sha_of("NCT00000001"), sha_of("LOCAL-00000000aa"), "0" * 64, "", sha_of("x")]
    assert index.present_hashes(wanted) == {sha_of("NCT00000001"): ["NCT00000001"],
                                            sha_of("LOCAL-00000000aa"): ["LOCAL-00000000aa"]}
    assert index.present_hashes([]) == {}
    with index.batch() as batch:
        batch.delete("NCT00000001")
    assert index.present_hashes(wanted) == {sha_of("LOCAL-00000000aa"): ["LOCAL-00000000aa"]}


def test_present_hashes_name_every_trial_of_a_file(index: TrialIndex) -> None:
    """A CSV file of many trials: its hash names them all (an import that skips the file
    counts them as unchanged)."""
    with index.batch() as batch:
        for n in (5, 3, 4):
            batch.put(make(f"NCT0000000{n}"), Location(9, n, 1), SHA_1)
    assert index.present_hashes([SHA_1]) == {SHA_1: ["NCT00000003", "NCT00000004",
                                                     "NCT00000005"]}


def test_the_sha256_may_be_unknown() -> None:
    index = TrialIndex(None)
    with index.batch() as batch:
        batch.put(make("NCT00000001"), Location(1, 2, 3), SHA_1)
        batch.put(make("NCT00000002"), Location(1, 5, 3))
    assert index.locate("NCT00000002") == Location(1, 5, 3)
    assert index.source_sha256("NCT00000002") == ""
    assert index.present_hashes([SHA_1, ""]) == {SHA_1: ["NCT00000001"]}


def test_prepared_documents_travel_between_processes() -> None:
    prepared = pickle.loads(pickle.dumps(prepare(make("NCT00000005", title="Prepared trial"))))
    index = TrialIndex(None)
    with index.batch() as batch:
        batch.put_prepared(prepared, Location(2, 0, 10), SHA_1)
        with pytest.raises(ValueError):
            batch.put_prepared({"title": ["no id"]}, Location(2, 0, 10))
    assert [hit.id for hit in index.search("prepared")] == ["NCT00000005"]
    assert index.locate("NCT00000005") == Location(2, 0, 10)
    assert index.source_sha256("NCT00000005") == SHA_1


# --- batches and generations ------------------------------------------------------------


def test_generation_counts_commits(tmp_path: Path) -> None:
    index = TrialIndex(tmp_path / "idx")
    assert index.generation == 0
    put_all(index, RECORDS[:1])
    assert index.generation == 1
    with index.batch() as batch:
        batch.delete("NCT00000001")
    assert index.generation == 2
    assert TrialIndex(tmp_path / "idx").generation == 2
    batch = index.batch()
    batch.put(RECORDS[1], Location(0, 0, 1))
    assert batch.commit() == 3
    assert index.generation == 3


def test_an_exception_in_a_batch_leaves_nothing_visible(index: TrialIndex) -> None:
    before = index.generation
    with pytest.raises(RuntimeError, match="boom"), index.batch() as batch:
        batch.put(make("NCT00000009", title="Half written"), Location(1, 0, 1), SHA_1)
        batch.delete("NCT00000001")
        raise RuntimeError("boom")
    assert index.generation == before
    assert "NCT00000009" not in index
    assert "NCT00000001" in index
    assert index.search("half") == []
    index.reload()
    assert "NCT00000009" not in index
    assert len(index) == 3
    # The index takes the next batch as usual.
    put_all(index, [make("NCT00000009", title="Written")])
    assert [hit.id for hit in index.search("written")] == ["NCT00000009"]
    assert index.generation == before + 1


def test_rollback_and_one_batch_at_a_time(index: TrialIndex) -> None:
    batch = index.batch()
    with pytest.raises(RuntimeError):
        index.batch()
    batch.put(make("NCT00000009"), Location(1, 0, 1))
    batch.rollback()
    batch.rollback()  # twice is harmless
    with pytest.raises(RuntimeError):
        batch.put(make("NCT00000010"), Location(1, 0, 1))
    assert "NCT00000009" not in index
    with index.batch() as again:
        again.put(make("NCT00000010"), Location(1, 0, 1))
    assert "NCT00000010" in index


def test_a_snapshot_holds_until_reload(tmp_path: Path) -> None:
    writer = built(tmp_path / "idx", RECORDS)
    reader = TrialIndex(tmp_path / "idx")
    assert reader.generation == 1
    put_all(writer, [make("NCT00000003", title="Delta trial")])
    with writer.batch() as batch:
        batch.delete("NCT00000001")
    assert len(reader) == 3
    assert reader.count("trial") == 3
    assert [hit.id for hit in reader.search("alpha")] == ["NCT00000001"]
    assert reader.reload() is True
    assert reader.generation == 3
    assert len(reader) == 3
    assert reader.ids() == ["LOCAL-00000000aa", "NCT00000002", "NCT00000003"]
    assert reader.search("alpha") == []
    assert reader.reload() is False


def test_a_commit_of_another_process(tmp_path: Path) -> None:
    reader = built(tmp_path / "idx", RECORDS)
    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from engine_helpers import make, put_all\n"
        "from store.engine import TrialIndex\n"
        f"index = TrialIndex({str(tmp_path / 'idx')!r})\n"
        "put_all(index, [make('NCT00000077', title='From elsewhere')], segment=5)\n"
        "print(index.generation)\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.split() == ["2"]
    assert reader.search("elsewhere") == []
    assert reader.reload() is True
    assert [hit.id for hit in reader.search("elsewhere")] == ["NCT00000077"]
    assert reader.locate("NCT00000077") == Location(5, 0, 100)


def test_one_writer_per_directory(tmp_path: Path) -> None:
    first = built(tmp_path / "idx", RECORDS)
    second = TrialIndex(tmp_path / "idx")
    with first.writing():
        put_all(first, [make("NCT00000004")])
        with pytest.raises(RuntimeError, match="another writer"):
            second.batch()
        put_all(first, [make("NCT00000005")])  # the same writer, kept between batches
    put_all(second, [make("NCT00000006")])  # given back at the end
    assert second.generation == 4
    assert first.reload() is True
    assert len(first) == 6


def test_in_memory_indexes_are_separate() -> None:
    one = built(None, RECORDS)
    two = TrialIndex(None)
    assert len(one) == 3
    assert len(two) == 0
    assert two.search("") == []
    assert two.search("trial") == []
    assert two.count("trial") == 0
    assert two.ids() == []
    assert two.facets_of("") == {"status": {}, "phase": {}, "study_type": {}, "country": {}}
    assert two.path is None


# --- versions and damage ----------------------------------------------------------------


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    built(tmp_path / "idx", RECORDS).close()
    again = TrialIndex(tmp_path / "idx")
    assert again.ids() == ["LOCAL-00000000aa", "NCT00000001", "NCT00000002"]
    assert again.generation == 1
    assert [hit.id for hit in again.search("gam", prefix_last=True)] == ["LOCAL-00000000aa"]


def test_an_index_of_another_schema_version(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    built(tmp_path / "idx", RECORDS).close()
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(IndexVersionError) as caught:
        TrialIndex(tmp_path / "idx")
    assert caught.value.path == tmp_path / "idx"
    assert "schema version" in str(caught.value)
    assert isinstance(caught.value, UnusableIndexError)


def test_an_index_of_another_tantivy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built(tmp_path / "idx", RECORDS).close()
    monkeypatch.setattr(opening, "engine", lambda: "tantivy v9.9.9, index_format v99")
    with pytest.raises(IndexVersionError, match=r"tantivy v9\.9\.9"):
        TrialIndex(tmp_path / "idx")


def test_an_index_with_other_fields(tmp_path: Path) -> None:
    built(tmp_path / "idx", RECORDS).close()
    meta = tmp_path / "idx" / "meta.json"
    data = json.loads(meta.read_text())
    data["schema"] = [field for field in data["schema"] if field["name"] != "pfx"]
    meta.write_text(json.dumps(data))
    with pytest.raises(IndexVersionError, match="fields differ"):
        TrialIndex(tmp_path / "idx")


def test_damaged_directories(tmp_path: Path) -> None:
    built(tmp_path / "idx", RECORDS).close()
    (tmp_path / "idx" / "meta.json").write_text("{not json")
    with pytest.raises(DamagedIndexError) as caught:
        TrialIndex(tmp_path / "idx")
    assert caught.value.path == tmp_path / "idx"
    assert "meta.json" in caught.value.reason

    built(tmp_path / "lost", RECORDS).close()
    for name in os.listdir(tmp_path / "lost"):
        if name.endswith((".idx", ".term", ".store")):
            os.remove(tmp_path / "lost" / name)
    with pytest.raises(DamagedIndexError):
        TrialIndex(tmp_path / "lost")

    (tmp_path / "stray").mkdir()
    (tmp_path / "stray" / "notes.txt").write_text("not an index")
    with pytest.raises(DamagedIndexError, match=r"without meta\.json"):
        TrialIndex(tmp_path / "stray")

    (tmp_path / "file").write_text("a file")
    with pytest.raises(DamagedIndexError, match="not a directory"):
        TrialIndex(tmp_path / "file")


def test_a_new_or_empty_directory_becomes_an_index(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert len(TrialIndex(tmp_path / "empty")) == 0
    assert len(TrialIndex(tmp_path / "deep" / "er")) == 0
    assert TrialIndex(tmp_path / "deep" / "er").generation == 0
