"""TrialStore.import_paths: outcomes per file, path expansion, duplicates; and the streaming
import under it (store.pipeline.run_import): one commit per checkpoint, failures with reasons."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from parsers import LoadedFile
from store import ImportReport, TrialStore, pipeline_parse
from store import checkpoint as checkpoint_module
from store import pipeline as pipeline_module
from store import pipeline_pool as pool_module
from store import pipeline_sources as sources_module
from store.pipeline import PathSource, run_import

SEED_IDS = ["LOCAL-560cb85369", "LOCAL-826653db64", "NCT01494480", "NCT02249676", "NCT06360861"]
NMO = "001_8cd98e60ac34dbb8.txt"  # veeva-text, NCT02249676


def statuses(report: ImportReport) -> list[tuple[str, str]]:
    return [(Path(o.path).name, o.status) for o in report]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_import_the_seeds(store: TrialStore, seed_paths: list[Path]) -> None:
    report = store.import_paths(seed_paths)
    assert report.counts() == {"imported": 5, "updated": 0, "unchanged": 0, "failed": 0}
    assert report.ok
    assert store.ids() == SEED_IDS
    assert len(store) == 5
    formats = {o.trial_id: o.format for o in report}
    assert formats["LOCAL-826653db64"] == "ctgov-text"
    assert formats["NCT02249676"] == "veeva-text"
    record = store.get("NCT02249676")
    assert record is not None
    assert record["source"]["path"] == str(seed_paths[1].absolute())
    assert record["source"]["imported_at"].endswith("Z")
    assert "T" in record["source"]["imported_at"]


def test_reimport_is_unchanged_and_writes_nothing(tmp_path: Path, seed_paths: list[Path]) -> None:
    path = tmp_path / "trials.json"
    TrialStore(path).import_paths(seed_paths)
    before, stat = path.read_bytes(), path.stat()
    first = TrialStore(path)
    stamps = {r["id"]: r["source"]["imported_at"] for r in first}
    report = first.import_paths(seed_paths)
    assert report.counts()["unchanged"] == 5
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert path.stat().st_ino == stat.st_ino
    assert {r["id"]: r["source"]["imported_at"] for r in first} == stamps


def test_a_file_of_many_trials_imported_again_counts_each_trial(
    store: TrialStore, tmp_path: Path
) -> None:
    """Its bytes are stored: it is not parsed again, and each of its trials is unchanged."""
    rows = "".join(f"NCT0900000{n},Trial {n},RECRUITING\n" for n in (3, 1, 2))
    csv_file = tmp_path / "studies.csv"
    csv_file.write_text("NCT Number,Study Title,Study Status\n" + rows)
    assert store.import_paths([csv_file]).counts()["imported"] == 3
    again = store.import_paths([csv_file])
    assert again.not_parsed == 1
    assert [(o.status, o.trial_id) for o in again] == [
        ("unchanged", "NCT09000001"), ("unchanged", "NCT09000002"), ("unchanged", "NCT09000003")]


def test_changed_text_is_updated(store: TrialStore, seed_copy: Path) -> None:
    store.import_paths([seed_copy])
    old = store.get("NCT02249676")
    assert old is not None
    edit(seed_copy / NMO, "Tianjin Medical University", "Tianjin Medical University Hospital")
    report = store.import_paths([seed_copy])
    assert report.counts() == {"imported": 0, "updated": 1, "unchanged": 4, "failed": 0}
    assert [o.trial_id for o in report if o.status == "updated"] == ["NCT02249676"]
    new = store.get("NCT02249676")
    assert new is not None
    assert new["sponsor"] == "Tianjin Medical University Hospital"
    assert new["source"]["sha256"] != old["source"]["sha256"]
    assert "Tianjin Medical University Hospital" in (store.get_source("NCT02249676") or "")


def test_same_file_in_two_folders_has_one_id(
    store: TrialStore, tmp_path: Path, seed_paths: list[Path]
) -> None:
    for folder in ("a", "b/deeper"):
        (tmp_path / folder).mkdir(parents=True)
        for seed in seed_paths:
            shutil.copy(seed, tmp_path / folder / seed.name)
    first = store.import_paths([tmp_path / "a"])
    second = store.import_paths([tmp_path / "b"])
    assert sorted(o.trial_id for o in first if o.trial_id) == SEED_IDS
    # The same bytes: unchanged, (when the import skips files whose bytes are stored, by
    # their hash, the outcomes name the trials only if the store says which they are)
    assert second.counts()["unchanged"] == 5
    assert {o.trial_id for o in second} <= {*SEED_IDS, None}
    assert len(store) == 5


def test_duplicate_ids_in_one_import_later_wins(
    store: TrialStore, tmp_path: Path, seed_paths: list[Path]
) -> None:
    early, late = tmp_path / "early.txt", tmp_path / "late.txt"
    shutil.copy(seed_paths[1], early)
    shutil.copy(seed_paths[1], late)
    edit(late, "Tianjin Medical University", "Tianjin Medical University (late)")
    report = store.import_paths([early, late])
    assert statuses(report) == [("early.txt", "imported"), ("late.txt", "updated")]
    assert report.outcomes[0].note == f"replaced by {late}"
    assert str(early) in (report.outcomes[1].note or "")
    record = store.get("NCT02249676")
    assert record is not None
    assert record["sponsor"] == "Tianjin Medical University (late)"
    assert record["source"]["path"] == str(late)
    assert len(store) == 1


def test_identical_duplicate_in_one_import_is_unchanged(
    store: TrialStore, tmp_path: Path, seed_paths: list[Path]
) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(seed_paths[1], copy)
    report = store.import_paths([seed_paths[1], copy])
    assert [o.status for o in report] == ["imported", "unchanged"]
    assert report.outcomes[1].note == f"same trial as {seed_paths[1]}"


def test_bad_files_fail_with_reasons_and_others_import(store: TrialStore, seed_copy: Path) -> None:
    (seed_copy / "README.md").write_text("# Notes\n\nThese are my trial files.\n", "utf-8")
    (seed_copy / "empty.txt").write_bytes(b"")
    report = store.import_paths([seed_copy])
    assert report.counts() == {"imported": 5, "updated": 0, "unchanged": 0, "failed": 2}
    assert not report.ok
    failed = {Path(o.path).name: o for o in report.failed}
    assert set(failed) == {"README.md", "empty.txt"}
    assert "not a trial page" in (failed["README.md"].reason or "")
    assert "empty" in (failed["empty.txt"].reason or "")
    assert all(o.trial_id is None for o in report.failed)
    assert len(store) == 5


def test_missing_path_fails(store: TrialStore, tmp_path: Path, seed_paths: list[Path]) -> None:
    missing = tmp_path / "nope.txt"
    report = store.import_paths([missing, seed_paths[0], str(tmp_path / "none" / "*.txt")])
    assert statuses(report)[1] == (seed_paths[0].name, "imported")
    assert [(o.status, o.reason) for o in report.failed] == [
        ("failed", "no such file or directory"),
        ("failed", "no such file or directory"),
    ]
    assert report.outcomes[0].path == str(missing)


def test_a_single_path_string_is_one_path(store: TrialStore, seed_paths: list[Path]) -> None:
    assert store.import_paths(str(seed_paths[0])).counts()["imported"] == 1


def test_unreadable_and_undecodable_files_fail(
    store: TrialStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("binary.txt", "bug.txt", "os.txt"):
        (folder / name).write_text("x", "utf-8")

    def fake_parse(data: bytes, name: str | None = None) -> list[LoadedFile]:
        if name == "binary.txt":
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        raise KeyError("surprise")

    real_read = sources_module._read_rest

    def fake_read(file: Any, head: bytes) -> bytes:
        if Path(file.name).name == "os.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(file, head)

    monkeypatch.setattr(pipeline_parse, "parse_bytes_many", fake_parse)
    monkeypatch.setattr(sources_module, "_read_rest", fake_read)
    report = run_import(store, PathSource([folder]))
    reasons = {Path(o.path).name: o.reason for o in report}
    assert reasons == {
        "binary.txt": "not a UTF-8 text file (invalid start byte at byte 0)",
        "bug.txt": "could not parse (KeyError: 'surprise')",
        "os.txt": "permission denied",
    }
    assert len(store) == 0


def test_folders_recurse_and_skip_hidden(
    store: TrialStore, tmp_path: Path, seed_paths: list[Path]
) -> None:
    (tmp_path / "top" / "sub" / "subsub").mkdir(parents=True)
    (tmp_path / "top" / ".hidden").mkdir()
    shutil.copy(seed_paths[0], tmp_path / "top" / "a.txt")
    shutil.copy(seed_paths[1], tmp_path / "top" / "sub" / "b.txt")
    shutil.copy(seed_paths[2], tmp_path / "top" / "sub" / "subsub" / "c.txt")
    shutil.copy(seed_paths[3], tmp_path / "top" / ".hidden" / "d.txt")
    shutil.copy(seed_paths[4], tmp_path / "top" / ".e.txt")
    report = store.import_paths([tmp_path / "top"])
    assert [Path(o.path).name for o in report] == ["a.txt", "b.txt", "c.txt"]
    assert report.counts()["imported"] == 3


def test_glob_patterns(store: TrialStore, seed_copy: Path) -> None:
    (seed_copy / "sub").mkdir()
    shutil.move(seed_copy / NMO, seed_copy / "sub" / NMO)
    flat = store.import_paths([str(seed_copy / "00[0-2]_*.txt")])
    assert [Path(o.path).name for o in flat] == [
        "000_a5fa2d49abcba82c.txt",
        "002_c3365ed2849ba659.txt",
    ]
    deep = store.import_paths([str(seed_copy / "**" / "*.txt")])
    assert deep.counts() == {"imported": 3, "updated": 0, "unchanged": 2, "failed": 0}
    assert str(seed_copy / "sub" / NMO) in [o.path for o in deep]


def test_same_file_named_twice_is_imported_once(store: TrialStore, seed_copy: Path) -> None:
    os.symlink(seed_copy / NMO, seed_copy / "link.txt")
    report = store.import_paths([seed_copy / NMO, seed_copy, str(seed_copy / "*.txt")])
    assert len(report) == 5
    assert report.counts()["imported"] == 5


def test_symlink_loop_terminates(store: TrialStore, seed_copy: Path) -> None:
    (seed_copy / "sub").mkdir()
    os.symlink(seed_copy, seed_copy / "sub" / "loop")
    os.symlink("..", seed_copy / "sub" / "up")
    assert store.import_paths([seed_copy]).counts()["imported"] == 5
    assert len(store.import_paths([str(seed_copy / "**" / "*.txt")])) == 5


def test_empty_folder_fails(store: TrialStore, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report = store.import_paths([tmp_path / "empty"])
    assert [(o.status, o.reason) for o in report] == [("failed", "no files in this folder")]


def test_progress_reports_every_file(
    store: TrialStore, seed_paths: list[Path], tmp_path: Path
) -> None:
    calls: list[tuple[int, int, str]] = []
    store.import_paths([*seed_paths, tmp_path / "missing.txt"], progress=lambda *a: calls.append(a))
    assert [(done, total) for done, total, _ in calls] == [(n, 6) for n in range(1, 7)]
    assert calls[-1][2] == str(tmp_path / "missing.txt")


def test_progress_exception_aborts_without_writing(
    store: TrialStore, seed_paths: list[Path]
) -> None:
    def cancel(done: int, total: int, path: str) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.import_paths(seed_paths, progress=cancel)
    assert len(store) == 0


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_one_commit_per_checkpoint_and_none_when_nothing_changed(
    where: str, tmp_path: Path, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import commits a checkpoint per `checkpoint` trials, never one write per record,
    and nothing at all when every file is unchanged."""
    path = None if where == "memory" else tmp_path / "trials.json"
    trial_store = TrialStore(path)
    commits: list[int] = []
    real = checkpoint_module.Writer.commit

    def spy(self: Any, items: Any) -> Any:
        commits.append(len(items))
        return real(self, items)

    monkeypatch.setattr(checkpoint_module.Writer, "commit", spy)
    report = run_import(trial_store, PathSource([seed_copy]), checkpoint=2)
    assert report.counts()["imported"] == 5
    assert commits == [2, 2, 1]
    assert run_import(trial_store, PathSource([seed_copy])).counts()["unchanged"] == 5
    assert commits == [2, 2, 1]  # nothing changed: every file skipped by its hash, no commit
    edit(seed_copy / NMO, "Tianjin", "Tianjin City")
    (seed_copy / "copy.txt").write_bytes((seed_copy / NMO).read_bytes().replace(b"City", b"Town"))
    assert run_import(trial_store, PathSource([seed_copy])).counts()["updated"] == 2
    assert commits[3:] == [2]  # one commit of the two changed files


def test_failed_file_changes_nothing(store: TrialStore, seed_copy: Path) -> None:
    store.import_paths([seed_copy])
    before = {r["id"]: r for r in store}
    (seed_copy / NMO).write_text("Just some notes, no trial here.\n", "utf-8")
    report = store.import_paths([seed_copy / NMO])
    assert [o.status for o in report] == ["failed"]
    assert {r["id"]: r for r in store} == before
    assert store.get_source("NCT02249676") is not None


def test_unchanged_records_keep_their_import_time(
    store: TrialStore, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import trial_store as trial_store_module

    monkeypatch.setattr(trial_store_module, "_utc_now", lambda: "2020-01-01T00:00:00Z")
    store.import_paths([seed_copy])
    monkeypatch.setattr(trial_store_module, "_utc_now", lambda: "2030-01-01T00:00:00Z")
    edit(seed_copy / NMO, "Tianjin", "Tianjin City")
    store.import_paths([seed_copy])
    stamps = {r["id"]: r["source"]["imported_at"] for r in store}
    assert stamps.pop("NCT02249676") == "2030-01-01T00:00:00Z"
    assert set(stamps.values()) == {"2020-01-01T00:00:00Z"}


def test_importing_the_folder_holding_the_store_skips_its_own_files(tmp_path, seed_paths) -> None:
    """`trials import .` next to the store file imports the trials, not the store itself."""
    import shutil

    from store import TrialStore

    shutil.copy(seed_paths[1], tmp_path)
    with TrialStore(tmp_path / "trials.json") as store:
        store.import_paths([tmp_path])  # first import creates the lock file too
        report = store.import_paths([tmp_path])
    assert [outcome.status for outcome in report.outcomes] == ["unchanged"]


# --- failures in the index analysis and in worker processes: the report says why -------------

ALS = "NCT01494480"
ALS_FILE = "003_3f105c78775c2e4d.txt"
_real_index_document = pipeline_parse.index_document
_real_parse_task = pool_module.parse_task
#: Set by a test: a file whose existence means the worker already failed once.
_failed_once: Path | None = None
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the tests patch the importer in the parent, which only forked workers inherit",
)


def _document_refusing_als(record: Any, sha256: str) -> Any:
    if record["id"] == ALS:
        raise RuntimeError(f"cannot analyse {ALS}")
    return _real_index_document(record, sha256)


def _task_refusing_als(task: Any) -> Any:
    if any(label.endswith(ALS_FILE) for label, _, _ in task.files):
        raise RuntimeError("a bug in the worker")
    return _real_parse_task(task)


def _task_failing_once(task: Any) -> Any:
    assert _failed_once is not None
    if any(label.endswith(ALS_FILE) for label, _, _ in task.files) and not _failed_once.exists():
        _failed_once.touch()
        raise MemoryError("out of memory")
    return _real_parse_task(task)


def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse in two forked worker processes, two files per task."""
    monkeypatch.setattr(pool_module, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(pool_module, "PARALLEL_MIN", 2)
    monkeypatch.setattr(pool_module, "WORKERS", 2)
    monkeypatch.setattr(pool_module, "CHUNK_MIN", 2)
    monkeypatch.setattr(pool_module, "CHUNK_MAX", 2)


@pytest.mark.parametrize("where", ["in-process", pytest.param("workers", marks=needs_fork)])
def test_a_record_that_cannot_be_indexed_fails_its_file_with_the_reason(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "workers":
        in_workers(monkeypatch)
    monkeypatch.setattr(pipeline_parse, "index_document", _document_refusing_als)
    monkeypatch.setattr(pipeline_module, "index_document", _document_refusing_als)
    report = run_import(TrialStore(tmp_path / "trials.json"), PathSource(seed_paths))
    assert [(Path(o.path).name, o.reason) for o in report.failed] == [
        (ALS_FILE, f"could not index (RuntimeError: cannot analyse {ALS})")
    ]
    assert report.counts()["imported"] == 4


@needs_fork
def test_a_worker_task_that_fails_names_the_file_and_the_reason(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_workers(monkeypatch)
    monkeypatch.setattr(pool_module, "parse_task", _task_refusing_als)
    report = run_import(TrialStore(tmp_path / "trials.json"), PathSource(seed_paths))
    assert [(o.path, o.reason) for o in report.failed] == [
        (str(seed_paths[3]), "could not parse (RuntimeError: a bug in the worker)")
    ]
    assert report.counts()["imported"] == 4
    assert [o.note for o in report] == [None] * 5  # its chunk's other file parsed as usual


@needs_fork
def test_a_worker_task_that_fails_once_is_noted_on_its_files(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_workers(monkeypatch)
    monkeypatch.setattr(sys.modules[__name__], "_failed_once", tmp_path / "failed-once")
    monkeypatch.setattr(pool_module, "parse_task", _task_failing_once)
    report = run_import(TrialStore(tmp_path / "trials.json"), PathSource(seed_paths))
    assert report.counts()["imported"] == 5
    notes = {Path(o.path).name: o.note for o in report if o.note}
    assert notes == dict.fromkeys(  # the chunk of two files that failed, parsed again
        [seed_paths[2].name, ALS_FILE],
        "parsed again after its worker failed (MemoryError: out of memory)",
    )
