"""Segment files: immutable TinyDB files of trial versions, read one document at a time."""

from __future__ import annotations

import base64
import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import orjson
import pytest
import zstandard
from tinydb import TinyDB
from tinydb.table import Table

from store import segment_disk
from store.errors import DamagedStoreError, StoreError, StoreWriteError
from store.segments import Location, SegmentFiles, Version


def version(trial_id: str, title: str, *, prev: Location | None = None,
            imported: str = "2025-03-01T10:00:00Z", partial: bool = False) -> Version:
    """A small trial version."""
    record = {"id": trial_id, "title": title, "phases": ["PHASE2"],
              "enrollment": {"count": 40, "type": "ACTUAL"}, "conditions": ["ALS"]}
    meta = {"sha256": "ab" * 32, "imported_at": imported, "last_update": "2024-05-01",
            "path": f"/data/{trial_id}.json", "format": "ctgov-json", "partial": partial}
    return Version(trial_id, record, f"{trial_id}\n{title}\n", meta, prev)


@pytest.fixture(params=["memory", "disk"])
def files(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SegmentFiles]:
    """Segment files in memory and on disk."""
    with SegmentFiles(None if request.param == "memory" else tmp_path / "segs") as made:
        yield made


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SegmentFiles]:
    with SegmentFiles(tmp_path / "segs") as made:
        yield made


class StrIdTable(Table):
    document_id_class = str  # type: ignore[assignment]


class SegmentDB(TinyDB):
    table_class = StrIdTable


def file_of(files: SegmentFiles, number: int) -> Path:
    """The path of a segment file on disk."""
    assert files.folder is not None
    return files.folder / f"seg-{number:06d}.json"


def folder_of(files: SegmentFiles) -> list[str]:
    """The names in the folder of segment files on disk."""
    assert files.folder is not None
    return sorted(os.listdir(files.folder))


def get_doc(db: TinyDB, table: str, doc_id: str) -> dict[str, Any]:
    """A document by id, through TinyDB's API (whose annotations say ids are ints)."""
    doc = cast(Any, db.table(table)).get(doc_id=doc_id)
    assert doc is not None
    return dict(doc)


def decode_blob(blob: str, dictionary: str | None = None) -> Any:
    data = None if dictionary is None else zstandard.ZstdCompressionDict(
        base64.b64decode(dictionary))
    frame = base64.b64decode(blob)
    return orjson.loads(zstandard.ZstdDecompressor(dict_data=data).decompress(frame))


def spoil(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(data)


# --- writing and reading ----------------------------------------------------------------


def test_round_trip(files: SegmentFiles) -> None:
    locations = files.write(1, [version("NCT00000001", "Stem cells in ALS"),
                                version("NCT00000002", "Lithium in ALS")])
    assert list(locations) == ["NCT00000001", "NCT00000002"]
    first = locations["NCT00000001"]
    assert (first.segment, first.offset) == (1, 27)  # after {"versions":{"NCT00000001":
    got = files.read(first)
    assert got.id == "NCT00000001"
    assert got.record == {"id": "NCT00000001", "title": "Stem cells in ALS",
                          "phases": ["PHASE2"], "enrollment": {"count": 40, "type": "ACTUAL"},
                          "conditions": ["ALS"]}
    assert got.source == "NCT00000001\nStem cells in ALS\n"
    assert got.meta == {"sha256": "ab" * 32, "imported_at": "2025-03-01T10:00:00Z",
                        "last_update": "2024-05-01", "path": "/data/NCT00000001.json",
                        "format": "ctgov-json", "partial": False}
    assert got.prev is None
    assert got.location == first
    assert files.read(locations["NCT00000002"], "NCT00000002").record["title"] == "Lithium in ALS"
    assert files.read_meta(locations["NCT00000002"])["path"] == "/data/NCT00000002.json"
    assert files.numbers() == [1]
    assert files.size_bytes() > 0


def test_location_json() -> None:
    assert Location(3, 120, 4567).to_list() == [3, 120, 4567]
    assert Location.from_list([3, 120, 4567]) == Location(3, 120, 4567)
    for bad in ([3, 120], [3, -1, 5], [3, "120", 5], [3, 1.5, 5], [True, 1, 2], None):
        with pytest.raises(ValueError, match="not a location"):
            Location.from_list(bad)


def test_a_later_version_of_an_id_replaces_the_earlier(files: SegmentFiles) -> None:
    locations = files.write(1, [version("NCT00000001", "Old"), version("NCT00000002", "Other"),
                                version("NCT00000001", "New")])
    assert files.read(locations["NCT00000001"]).record["title"] == "New"
    assert [trial_id for trial_id, _ in files.iter_segment(1)] == ["NCT00000001", "NCT00000002"]


def test_iter_segment_gives_the_written_locations(files: SegmentFiles) -> None:
    written = files.write(4, [version(f"NCT0000000{n}", f"Trial {n}") for n in range(1, 6)])
    assert dict(files.iter_segment(4)) == written
    assert files.iter_segment(4).__next__()[1].segment == 4


def test_unicode_and_escapes_in_ids_and_text(files: SegmentFiles) -> None:
    odd = version('LOCAL-"quoted"\\{}', "Étude « ouverte » [phase 2] {x}")
    locations = files.write(1, [odd, version("NCT00000002", "After")])
    assert files.read(locations['LOCAL-"quoted"\\{}']).record["title"] == (
        "Étude « ouverte » [phase 2] {x}")
    assert dict(files.iter_segment(1)) == locations


def test_a_version_must_hold_its_own_record(files: SegmentFiles) -> None:
    wrong = version("NCT00000001", "One")
    wrong.record["id"] = "NCT00000002"
    with pytest.raises(ValueError, match="a version of 'NCT00000001' holds the record of "
                                         "'NCT00000002'"):
        files.write(1, [wrong])
    assert files.numbers() == []


def test_a_segment_is_never_rewritten(files: SegmentFiles) -> None:
    locations = files.write(1, [version("NCT00000001", "First")])
    with pytest.raises(StoreError, match=r"seg-000001\.json.*exists already"):
        files.write(1, [version("NCT00000001", "Second")])
    assert files.read(locations["NCT00000001"]).record["title"] == "First"


# --- spans ------------------------------------------------------------------------------


def test_a_read_touches_only_its_span(disk: SegmentFiles) -> None:
    locations = disk.write(1, [version("NCT00000001", "One"), version("NCT00000002", "Two"),
                               version("NCT00000003", "Three")])
    path = file_of(disk, 1)
    middle = locations["NCT00000002"]
    spoil(path, middle.offset, b"#" * middle.length)
    assert disk.read(locations["NCT00000001"]).record["title"] == "One"
    assert disk.read(locations["NCT00000003"]).record["title"] == "Three"
    with pytest.raises(DamagedStoreError, match=r"seg-000001\.json has no trial document"):
        disk.read(middle)


def test_read_meta_does_not_decompress(disk: SegmentFiles) -> None:
    locations = disk.write(1, [version("NCT00000001", "One")])
    where = locations["NCT00000001"]
    path = file_of(disk, 1)
    raw = path.read_bytes()
    blob = raw.index(b'"blob":"', where.offset) + len(b'"blob":"')
    spoil(path, blob + 12, b"AAAAAAAA")  # still base64, no longer the zstd frame
    assert disk.read_meta(where)["imported_at"] == "2025-03-01T10:00:00Z"
    with pytest.raises(DamagedStoreError, match="a bad blob for NCT00000001"):
        disk.read(where)


def test_a_damaged_span_raises_damaged_store_error(files: SegmentFiles) -> None:
    locations = files.write(1, [version("NCT00000001", "One"), version("NCT00000002", "Two")])
    one, two = locations["NCT00000001"], locations["NCT00000002"]
    for bad in (Location(1, one.offset + 1, one.length), Location(1, one.offset, one.length - 1),
                Location(1, 0, one.length), Location(1, two.offset, 10**9),
                Location(1, one.offset, 0), Location(1, -5, 10)):
        with pytest.raises(DamagedStoreError, match=r"seg-000001\.json.* has no trial document"):
            files.read(bad)
    with pytest.raises(DamagedStoreError, match=r"the document of NCT00000002, not of NCT0+1"):
        files.read(two, "NCT00000001")
    with pytest.raises(DamagedStoreError, match=r"seg-000007\.json.* is missing"):
        files.read(Location(7, 27, 100))


def test_a_file_that_is_not_a_segment(disk: SegmentFiles) -> None:
    folder = disk.folder
    assert folder is not None
    folder.mkdir()
    (folder / "seg-000001.json").write_bytes(b'{"_default": {}}')
    with pytest.raises(DamagedStoreError, match="is not a valid store file"):
        disk.read(Location(1, 1, 5))
    (folder / "seg-000002.json").write_bytes(b'{"versions":{"NCT00000001":{"id":')
    with pytest.raises(DamagedStoreError, match=r"seg-000002\.json is not a valid store file"):
        list(disk.iter_segment(2))


# --- TinyDB -----------------------------------------------------------------------------


def test_tinydb_reads_a_segment_file(disk: SegmentFiles) -> None:
    previous = Location(1, 27, 300)
    disk.write(2, [version("NCT00000001", "One", prev=previous), version("NCT00000002", "Two")])
    db = SegmentDB(str(file_of(disk, 2)), access_mode="r")
    try:
        assert db.tables() == {"versions"}
        doc = get_doc(db, "versions", "NCT00000002")
        assert doc["id"] == "NCT00000002"
        assert doc["prev"] is None
        assert doc["meta"]["format"] == "ctgov-json"
        assert decode_blob(doc["blob"]) == {
            "record": {"id": "NCT00000002", "title": "Two", "phases": ["PHASE2"],
                       "enrollment": {"count": 40, "type": "ACTUAL"}, "conditions": ["ALS"]},
            "source": "NCT00000002\nTwo\n",
        }
        assert get_doc(db, "versions", "NCT00000001")["prev"] == [1, 27, 300]
        assert len(db.table("versions")) == 2
    finally:
        db.close()


def test_a_segment_of_many_documents_carries_a_dictionary(tmp_path: Path) -> None:
    many = [version(f"NCT{n:08d}", f"Trial number {n} of stem cells in ALS") for n in range(40)]
    with SegmentFiles(tmp_path / "segs", dictionary_min_docs=30) as writer:
        locations = writer.write(1, many)
    path = tmp_path / "segs" / "seg-000001.json"
    assert path.read_bytes().startswith(b'{"dictionary":{"zstd":{"data":"')
    with SegmentFiles(tmp_path / "segs") as reader:  # a new reader loads the dictionary
        assert reader.read(locations["NCT00000007"]).record["title"] == (
            "Trial number 7 of stem cells in ALS")
        assert dict(reader.iter_segment(1)) == locations
    db = SegmentDB(str(path), access_mode="r")
    try:
        assert db.tables() == {"dictionary", "versions"}
        dictionary = get_doc(db, "dictionary", "zstd")["data"]
        doc = get_doc(db, "versions", "NCT00000039")
        assert decode_blob(doc["blob"], dictionary)["record"]["title"] == (
            "Trial number 39 of stem cells in ALS")
    finally:
        db.close()
    spoil(path, 40, b"!")  # inside the dictionary's base64
    with SegmentFiles(tmp_path / "segs") as reader, \
            pytest.raises(DamagedStoreError, match="is not a valid store file"):
        reader.read(locations["NCT00000007"])


def test_small_segments_have_no_dictionary(disk: SegmentFiles) -> None:
    disk.write(1, [version(f"NCT{n:08d}", "Same") for n in range(10)])
    assert file_of(disk, 1).read_bytes().startswith(
        b'{"versions":{"NCT00000000":{"id":"NCT00000000","meta":{')


# --- history ----------------------------------------------------------------------------


def test_history_through_three_segments(files: SegmentFiles) -> None:
    first = files.write(1, [version("NCT00000001", "Version 1", imported="2025-01-01T00:00:00Z"),
                            version("NCT00000009", "Someone else")])["NCT00000001"]
    second = files.write(2, [version("NCT00000001", "Version 2", prev=first,
                                     imported="2025-02-01T00:00:00Z")])["NCT00000001"]
    third = files.write(3, [version("NCT00000002", "Unrelated"),
                            version("NCT00000001", "Version 3", prev=second,
                                    imported="2025-03-01T00:00:00Z")])["NCT00000001"]
    history = files.history(third)
    assert [v.record["title"] for v in history] == ["Version 3", "Version 2", "Version 1"]
    assert [v.location for v in history] == [third, second, first]
    assert [v.prev for v in history] == [second, first, None]
    heads = files.heads(third)
    assert [h.meta["imported_at"] for h in heads] == [
        "2025-03-01T00:00:00Z", "2025-02-01T00:00:00Z", "2025-01-01T00:00:00Z"]
    assert [h.location.segment for h in heads] == [3, 2, 1]
    assert files.history(first) == [history[2]]


def test_a_history_that_leads_to_another_trial_is_damaged(files: SegmentFiles) -> None:
    other = files.write(1, [version("NCT00000009", "Someone else")])["NCT00000009"]
    wrong = files.write(2, [version("NCT00000001", "Mine", prev=other)])["NCT00000001"]
    with pytest.raises(DamagedStoreError, match=r"the document of NCT00000009, not of NCT0+1"):
        files.history(wrong)


def test_a_history_that_loops_is_damaged(files: SegmentFiles) -> None:
    files.write(1, [version("NCT00000001", "First")])
    # The location a document pointing at itself would get (found by trying it).
    itself = Location(2, 27, 0)
    for _ in range(5):
        trial = SegmentFiles(None).write(2, [version("NCT00000001", "Loop", prev=itself)])
        if trial["NCT00000001"] == itself:
            break
        itself = trial["NCT00000001"]
    files.write(2, [version("NCT00000001", "Loop", prev=itself)])
    with pytest.raises(DamagedStoreError, match="the history of NCT00000001 loops back"):
        files.heads(itself)


# --- failures ---------------------------------------------------------------------------


def test_a_full_disk_midway_leaves_no_segment_file(
    disk: SegmentFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk.write(1, [version("NCT00000001", "Committed")])
    monkeypatch.setattr(segment_disk, "WRITE_BUFFER", 64)
    real_write = os.write
    calls = []

    def write(fd: int, data: Any) -> int:
        calls.append(len(data))
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    many = [version(f"NCT{n:08d}", "Not written") for n in range(2, 12)]
    with pytest.raises(StoreError, match=r"cannot write .*seg-000002\.json: No space left"):
        disk.write(2, many)
    assert len(calls) == 3
    monkeypatch.undo()
    assert folder_of(disk) == ["seg-000001.json"]
    assert disk.numbers() == [1]
    assert disk.next_number() == 2
    again = disk.write(2, many)  # the retry writes it whole
    assert disk.read(again["NCT00000011"]).record["title"] == "Not written"


def test_a_failed_fsync_leaves_no_segment_file(
    disk: SegmentFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(StoreWriteError, match=r"cannot write .*seg-000001\.json: Input/output "
                       r"error") as error:
        disk.write(1, [version("NCT00000001", "Lost")])
    monkeypatch.undo()
    assert (error.value.path, error.value.reason) == (str(file_of(disk, 1)), "Input/output error")
    assert folder_of(disk) == []
    assert disk.next_number() == 1


def test_a_failing_version_leaves_no_segment_file(disk: SegmentFiles) -> None:
    bad = version("NCT00000002", "Bad")
    bad.meta["imported_at"] = object()
    with pytest.raises(TypeError):
        disk.write(1, [version("NCT00000001", "Good"), bad])
    assert folder_of(disk) == []


# --- numbers, removal -------------------------------------------------------------------


def test_next_number_steps_over_uncommitted_leftovers(disk: SegmentFiles) -> None:
    assert disk.next_number() == 1
    disk.write(1, [version("NCT00000001", "One")])
    disk.write(2, [version("NCT00000002", "Two")])
    assert disk.next_number() == 3
    folder = disk.folder
    assert folder is not None
    (folder / ".seg-000003.json.0123456789ab.tmp").write_bytes(b'{"versions":{"NCT')  # a crash
    assert disk.numbers() == [1, 2]
    assert disk.next_number() == 4
    disk.write(5, [version("NCT00000005", "Never committed")])
    assert disk.numbers() == [1, 2, 5]
    assert disk.next_number() == 6
    disk.remove_temporary_files()
    disk.remove([5])
    assert folder_of(disk) == ["seg-000001.json", "seg-000002.json"]
    assert disk.next_number() == 3


def test_next_number_in_memory() -> None:
    files = SegmentFiles(None)
    assert files.next_number() == 1
    files.write(1, [version("NCT00000001", "One")])
    files.write(4, [version("NCT00000004", "Leftover")])
    assert files.next_number() == 5


def test_remove(files: SegmentFiles) -> None:
    one = files.write(1, [version("NCT00000001", "One")])["NCT00000001"]
    two = files.write(2, [version("NCT00000002", "Two")])["NCT00000002"]
    files.read(one)  # now open
    size = files.size_bytes()
    files.remove([1])
    assert files.numbers() == [2]
    assert files.size_bytes() < size
    with pytest.raises(DamagedStoreError, match=r"seg-000001\.json.* is missing"):
        files.read(one)
    assert files.read(two).record["title"] == "Two"
    reused = files.write(1, [version("NCT00000003", "Three")])["NCT00000003"]
    assert files.read(reused).record["title"] == "Three"  # not the removed file's bytes


# --- concurrency ------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_concurrent_reads(where: str, tmp_path: Path) -> None:
    folder = None if where == "memory" else tmp_path / "segs"
    files = SegmentFiles(folder, open_files=2, dictionary_min_docs=20)
    titles: dict[Location, str] = {}
    for number in range(1, 7):
        size = 25 if number % 2 else 5  # dictionaries in half of them
        batch = [version(f"NCT{number:02d}{n:06d}", f"S{number} T{n}") for n in range(size)]
        written = files.write(number, batch)
        titles.update({written[v.id]: v.record["title"] for v in batch})
    assert len(titles) == 3 * 25 + 3 * 5
    locations = list(titles)
    errors: list[BaseException] = []
    done = threading.Event()

    def reader(seed: int) -> None:
        try:
            for index in range(300):
                here = locations[(index * 7 + seed * 13) % len(locations)]
                assert files.read(here).record["title"] == titles[here]
        except BaseException as exc:
            errors.append(exc)

    def closer() -> None:  # closes the open files under the readers' feet
        while not done.is_set():
            files.close()

    threads = [threading.Thread(target=reader, args=(seed,)) for seed in range(8)]
    spoiler = threading.Thread(target=closer)
    spoiler.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    spoiler.join()
    assert errors == []
    assert files.read(locations[0]).record["title"] == "S1 T0"
