"""The streaming import: what it holds at once does not grow with the input, every checkpoint
is committed on its own, a killed import resumes without parsing what it committed, and a
failed write keeps the checkpoints before it. Counts, never timings."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import orjson
import pytest
from test_store_import_fakes import (
    FakeStore,
    IncomingWithDocument,
    failing_commit,
    make_zip,
    registry_zip,
    study,
    study_bytes,
    use_fake_checkpoint,
)

from store import pipeline_parse, pipeline_pool
from store.errors import StoreError
from store.paths import iter_paths
from store.pipeline import PathSource, Stats, run_import
from store.pipeline_seen import SeenSet, key64

TESTS = Path(__file__).resolve().parent
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the tests patch the parser in this process, which only forked workers inherit",
)


@pytest.fixture(autouse=True)
def _fake_checkpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_checkpoint(monkeypatch)


def in_workers(monkeypatch: pytest.MonkeyPatch, chunk: int = 20) -> None:
    """Parse in two forked worker processes, `chunk` files per task."""
    monkeypatch.setattr(pipeline_pool, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(pipeline_pool, "PARALLEL_MIN", 2)
    monkeypatch.setattr(pipeline_pool, "CHUNK_MIN", chunk)
    monkeypatch.setattr(pipeline_pool, "CHUNK_MAX", chunk)


# --- what is held at once ---------------------------------------------------------------------


@needs_fork
def test_what_is_held_at_once_does_not_grow_with_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_workers(monkeypatch, chunk=20)
    members = {f"{n % 100:02d}/NCT{n:08d}.json": study_bytes(n) for n in range(1, 3001)}
    members.update({f"bad/{n:04d}.json": b"{" for n in range(1100)})  # files that fail
    archive = make_zip(tmp_path / "ctg-studies.json.zip", members)
    store, stats = FakeStore(), Stats()
    report = run_import(store, PathSource([archive]), workers=2, checkpoint=50, stats=stats)

    assert report.counts() == {"imported": 3000, "updated": 0, "unchanged": 0, "failed": 1100}
    assert len(store.records) == 3000
    # Every checkpoint is one commit of at most 50 trials; no more than 50 parsed trials
    # waited for a commit, and no more than IN_FLIGHT_PER_WORKER chunks per worker were in
    # flight.
    assert max(store.commit_sizes) == 50 and sum(store.commit_sizes) == 3000
    assert stats.commits == len(store.commit_sizes) == 60
    assert stats.peak_waiting <= 50
    assert stats.peak_in_flight <= 2 * pipeline_pool.IN_FLIGHT_PER_WORKER
    # The report keeps a bounded list of each kind and counts the rest.
    assert len(report.outcomes) == report.keep and report.outcomes_left_off == 4100 - report.keep
    assert len(report.failed) == report.keep_failures
    assert report.failures_left_off == 1100 - report.keep_failures
    assert len(report.trial_ids) + report.ids_left_off >= 3000
    assert len(report) == 4100 and report.files == 4100


@needs_fork
def test_large_files_in_flight_are_bounded_by_their_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_workers(monkeypatch, chunk=1)
    monkeypatch.setattr(pipeline_pool, "IN_FLIGHT_BYTES", 1 << 20)
    for number in range(12):
        big = study(f"NCT{number:08d}", f"Large study {number}")
        big["protocolSection"]["descriptionModule"] = {"detailedDescription": "word " * 250_000}
        (tmp_path / f"{number:02d}.json").write_bytes(orjson.dumps(big))
    stats = Stats()
    report = run_import(FakeStore(), PathSource([tmp_path]), workers=2, stats=stats)
    assert report.counts()["imported"] == 12
    assert stats.peak_in_flight == 2  # 2 workers x 1 MB: two files of 1.25 MB (not 2 x 2)


def test_a_rerun_that_parses_nothing_holds_few_chunks(tmp_path: Path) -> None:
    archive = registry_zip(tmp_path / "ctg.zip", 3000)
    store = FakeStore()
    run_import(store, PathSource([archive]), checkpoint=100)
    stats = Stats()
    report = run_import(store, PathSource([archive]), workers=2, checkpoint=100, stats=stats)
    assert report.not_parsed == 3000 and stats.parsed_files == 0
    assert stats.peak_in_flight <= pipeline_pool.HEAD_CHUNKS + 1
    assert stats.peak_waiting == 0


def test_a_folder_is_walked_lazily(tmp_path: Path) -> None:
    """The walk lists a folder when it gets there: a file added to a later folder after the
    first file was taken is found."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    (tmp_path / "a" / "1.json").write_bytes(b"{}")
    walk = iter_paths([tmp_path])
    assert next(walk).path == str(tmp_path / "a" / "1.json")
    (tmp_path / "b" / "2.json").write_bytes(b"{}")
    assert [entry.path for entry in walk] == [str(tmp_path / "b" / "2.json")]


def test_a_glob_is_matched_lazily_in_sorted_order(tmp_path: Path) -> None:
    for path in ("b/x.json", "a/y.json", "a/sub/z.json", "a.json", "c/.hidden.json"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"{}")
    walk = iter_paths([str(tmp_path / "**" / "*.json")])
    assert next(walk).path == str(tmp_path / "a" / "sub" / "z.json")
    (tmp_path / "b" / "w.json").write_bytes(b"{}")  # not listed yet: found
    assert [Path(entry.path).relative_to(tmp_path).as_posix() for entry in walk] == [
        "a/y.json", "a.json", "b/w.json", "b/x.json",
    ]


def test_the_seen_set_holds_8_bytes_a_key() -> None:
    seen = SeenSet(buffer=64)
    keys = [key64(f"NCT{n:08d}") for n in range(5000)]
    assert all(seen.add(key) for key in keys)
    assert not any(seen.add(key) for key in keys)
    assert len(seen) == 5000 and all(key in seen for key in keys[::7])
    assert seen.memory() <= 8 * 5000


# --- checkpoints --------------------------------------------------------------------------------


def test_a_failed_write_keeps_the_checkpoints_before_it(tmp_path: Path) -> None:
    archive = registry_zip(tmp_path / "ctg.zip", 230)
    store = FakeStore(before_commit=failing_commit(3))
    with pytest.raises(StoreError, match="100 trials of this import's earlier checkpoints"):
        run_import(store, PathSource([archive]), checkpoint=50)
    assert len(store.records) == 100  # the first two checkpoints, whole
    store.before_commit = None
    stats = Stats()
    report = run_import(store, PathSource([archive]), checkpoint=50, stats=stats)
    assert report.counts()["imported"] == 130 and report.counts()["unchanged"] == 100
    assert report.not_parsed == 100 and stats.parsed_files == 130
    assert len(store.records) == 230


def test_a_rerun_skips_what_is_stored_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = registry_zip(tmp_path / "ctg.zip", 120)
    store = FakeStore()
    run_import(store, PathSource([archive]), checkpoint=50)
    calls: list[str] = []
    real = pipeline_parse.parse_bytes_many

    def counted(data: bytes, name: str | None = None) -> Any:
        calls.append(name or "")
        return real(data, name)

    monkeypatch.setattr(pipeline_parse, "parse_bytes_many", counted)
    report = run_import(store, PathSource([archive]), checkpoint=50)
    assert calls == []
    assert report.counts()["unchanged"] == 120 and report.not_parsed == 120
    assert store.commit_sizes == [50, 50, 20]  # the first import's; none since
    # The store named the trials of each hash: the outcomes carry their ids.
    assert report.trial_ids[:2] == ["NCT00000001", "NCT00000002"]


def test_a_store_that_names_no_ids_gives_one_outcome_per_skipped_file(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "p.zip", {"page.json": orjson.dumps(
        {"studies": [study("NCT00000001", "One"), study("NCT00000002", "Two")]})})
    store = FakeStore(name_ids=False)
    run_import(store, PathSource([archive]))
    report = run_import(store, PathSource([archive]))
    assert [(o.status, o.trial_id) for o in report] == [("unchanged", None)]
    assert report.not_parsed == 1


def test_a_skipped_file_is_parsed_when_an_earlier_file_replaced_its_trial(
    tmp_path: Path,
) -> None:
    """b's bytes are stored; a, earlier in the import, holds the same trial: a replaces it,
    so b is parsed after all and wins (the later file wins)."""
    a, b, c = (tmp_path / name for name in ("a.json", "b.json", "c.json"))
    a.write_bytes(study_bytes(7, "Version A"))
    b.write_bytes(study_bytes(7, "Version B"))
    c.write_bytes(study_bytes(8))
    store = FakeStore()
    run_import(store, PathSource([b]))
    stats = Stats()
    report = run_import(store, PathSource([a, b, c]), stats=stats)
    assert store.records["NCT00000007"]["title"] == "Version B"
    assert stats.reparsed_files == 1
    by_path = {o.path: o for o in report}
    assert by_path[str(a)].status == "updated"
    assert by_path[str(b)].status == "updated"
    assert by_path[str(b)].note == f"replaces {a} (same id NCT00000007)"
    assert by_path[str(a)].note == f"replaced by {b}"


def test_three_versions_of_a_skipped_file_the_last_wins(tmp_path: Path) -> None:
    a, b, c = (tmp_path / name for name in ("a.json", "b.json", "c.json"))
    for path, title in ((a, "A"), (b, "B"), (c, "C")):
        path.write_bytes(study_bytes(7, f"Version {title}"))
    store = FakeStore()
    run_import(store, PathSource([b]))
    report = run_import(store, PathSource([a, b, c]))
    assert store.records["NCT00000007"]["title"] == "Version C"
    # b was looked up (stored) before a replaced it, in the checkpoint where c replaced it
    # again: it is parsed after that commit, and changes nothing (its outcome comes last).
    assert [(Path(o.path).name, o.status, o.note) for o in report] == [
        ("a.json", "updated", f"replaced by {c}"),
        ("c.json", "updated", f"replaces {a} (same id NCT00000007)"),
        ("b.json", "unchanged", "replaced by a later file of this import"),
    ]


def test_a_skipped_file_replaced_again_in_its_checkpoint_stays_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files looked up two chunks ahead: b was looked up before a was committed, and c,
    committed with b's checkpoint, replaced the trial again: b is parsed, not imported."""
    monkeypatch.setattr(pipeline_pool, "CHUNK_MIN", 1)
    monkeypatch.setattr(pipeline_pool, "CHUNK_MAX", 1)
    a, b, c = (tmp_path / name for name in ("a.json", "b.json", "c.json"))
    for path, title in ((a, "A"), (b, "B"), (c, "C")):
        path.write_bytes(study_bytes(7, f"Version {title}"))
    store = FakeStore()
    run_import(store, PathSource([b]))
    stats = Stats()
    report = run_import(store, PathSource([a, b, c]), workers=1, checkpoint=1, stats=stats)
    assert store.records["NCT00000007"]["title"] == "Version C"
    assert stats.reparsed_files == 1
    notes = {Path(o.path).name: o.note for o in report}
    assert notes["b.json"] == "replaced by a later file of this import"


def test_duplicates_across_checkpoints_later_wins(tmp_path: Path) -> None:
    members = {f"{n:03d}.json": study_bytes(n % 40, f"Copy {n // 40}") for n in range(120)}
    archive = make_zip(tmp_path / "dups.zip", members)
    store = FakeStore()
    report = run_import(store, PathSource([archive]), checkpoint=25)
    assert {r["title"] for r in store.records.values()} == {"Copy 2"}
    assert report.counts() == {"imported": 40, "updated": 80, "unchanged": 0, "failed": 0}
    last = report.outcomes[-1]
    assert last.note == f"replaces {archive}/079.json (same id NCT00000039)"
    assert max(store.commit_sizes) <= 25


# --- progress -----------------------------------------------------------------------------------


def test_progress_knows_the_total_of_a_zip_and_a_folder(tmp_path: Path) -> None:
    archive = registry_zip(tmp_path / "ctg.zip", 30)
    folder = tmp_path / "folder"
    folder.mkdir()
    for number in range(5):
        (folder / f"{number}.json").write_bytes(study_bytes(100 + number))
    calls: list[tuple[int, int]] = []
    run_import(FakeStore(), PathSource([archive, folder]),
               progress=lambda done, total, label: calls.append((done, total)))
    assert calls == [(n, 35) for n in range(1, 36)]


def test_progress_of_a_stream_of_unknown_length_has_no_total() -> None:
    pairs = ((f"s{n}.json", study_bytes(n)) for n in range(3))
    calls: list[tuple[int, int]] = []
    run_import(FakeStore(), pairs, progress=lambda done, total, label: calls.append((done, total)))
    assert calls == [(1, 0), (2, 0), (3, 0)]


def test_a_zip_not_named_zip_grows_the_total(tmp_path: Path) -> None:
    archive = registry_zip(tmp_path / "export.dat", 4)
    calls: list[tuple[int, int]] = []
    run_import(FakeStore(), PathSource([archive]),
               progress=lambda done, total, label: calls.append((done, total)))
    # Counted as one file, then as its 4 members once it is opened (before they are parsed).
    assert [done for done, _ in calls] == [1, 2, 3, 4]
    assert all(done <= total for done, total in calls) and calls[-1] == (4, 4)


# --- index documents built while parsing ----------------------------------------------------------


def test_index_documents_are_built_while_parsing_when_the_store_takes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_checkpoint(monkeypatch, IncomingWithDocument)
    archive = registry_zip(tmp_path / "ctg.zip", 3)
    store = FakeStore()
    run_import(store, PathSource([archive]))
    assert [doc["id"] for doc in store.documents] == [["NCT00000001"], ["NCT00000002"],
                                                      ["NCT00000003"]]
    assert all("loc_segment" not in doc for doc in store.documents)


def test_a_record_that_cannot_be_indexed_fails_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_checkpoint(monkeypatch, IncomingWithDocument)
    real = pipeline_parse.index_document

    def refusing(record: dict[str, Any], sha256: str) -> Any:
        if record["id"] == "NCT00000002":
            raise RuntimeError("cannot analyse NCT00000002")
        return real(record, sha256)

    monkeypatch.setattr(pipeline_parse, "index_document", refusing)
    monkeypatch.setattr("store.pipeline.index_document", refusing)
    archive = registry_zip(tmp_path / "ctg.zip", 3)
    report = run_import(FakeStore(), PathSource([archive]))
    assert [(Path(o.path).name, o.reason) for o in report.failed] == [
        ("NCT00000002.json", "could not index (RuntimeError: cannot analyse NCT00000002)")
    ]
    assert report.counts()["imported"] == 2
