"""Parallel import: worker processes give the same report and records as parsing in-process."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from parsers import LoadedFile, load_records
from store import ImportReport, TrialStore
from store import importer as importer_module
from store import trial_store as trial_store_module

NMO = "001_8cd98e60ac34dbb8.txt"  # veeva-text, NCT02249676
STAMP = "2026-01-02T03:04:05Z"

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the tests patch the parser in the parent, which only forked workers inherit",
)


@pytest.fixture(autouse=True)
def _fixed_clock_and_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trial_store_module, "_utc_now", lambda: STAMP)
    # Forked workers inherit the test's monkeypatches (forkserver and spawn workers would not).
    monkeypatch.setattr(importer_module, "_context", lambda: multiprocessing.get_context("fork"))


@pytest.fixture
def corpus(tmp_path: Path, seed_paths: list[Path]) -> Path:
    """Seeds twice over (the same ids), a changed duplicate, and files that fail."""
    folder = tmp_path / "in"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        for seed in seed_paths:
            shutil.copy(seed, folder / sub / seed.name)
    text = (folder / "b" / NMO).read_text("utf-8")
    (folder / "b" / NMO).write_text(text.replace("Tianjin Medical University",
                                                 "Tianjin Medical University (later)"), "utf-8")
    (folder / "a" / "README.md").write_text("# Notes\n\nNot a trial.\n", "utf-8")
    (folder / "b" / "empty.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(b"\xff\xfe\x00binary\x00\x01\x02" * 50)
    return folder


def outcomes(report: ImportReport) -> list[tuple[Any, ...]]:
    return [(o.path, o.status, o.trial_id, o.format, o.reason, o.note) for o in report]


def snapshot(store: TrialStore) -> dict[str, Any]:
    return {
        "records": {r["id"]: r for r in store},
        "sources": {i: store.get_source(i) for i in store.ids()},
        "search": store.search("stem cell", limit=None),
        "columns": {i: store.columns(i) for i in store.ids()},
    }


def serial_import(tmp_path: Path, paths: list[Path]) -> tuple[ImportReport, dict[str, Any]]:
    with TrialStore(tmp_path / "serial" / "trials.json") as store:
        report = store.import_paths(paths)
        return report, snapshot(store)


def force_parallel(monkeypatch: pytest.MonkeyPatch, chunk: int = 2) -> list[int]:
    """Parallel from two files on, in chunks of `chunk` files; returns a list that counts
    the worker pools started."""
    monkeypatch.setattr(importer_module, "PARALLEL_MIN", 2)
    monkeypatch.setattr(importer_module, "WORKERS", 2)
    monkeypatch.setattr(importer_module, "CHUNK_MIN", chunk)
    monkeypatch.setattr(importer_module, "CHUNK_MAX", chunk)
    pools: list[int] = []
    real = importer_module._new_pool

    def counted(workers: int) -> Any:
        pools.append(workers)
        return real(workers)

    monkeypatch.setattr(importer_module, "_new_pool", counted)
    return pools


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_parallel_import_matches_serial(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    expected_report, expected = serial_import(tmp_path, [corpus])
    assert expected_report.counts() == {"imported": 5, "updated": 1, "unchanged": 4, "failed": 3}
    pools = force_parallel(monkeypatch, chunk)
    with TrialStore(tmp_path / "parallel" / "trials.json") as store:
        report = store.import_paths([corpus])
        assert pools, "the import did not use worker processes"
        assert outcomes(report) == outcomes(expected_report)
        assert snapshot(store) == expected
        # The later file of a duplicate id wins, as in-process.
        record = store.get("NCT02249676")
        assert record is not None
        assert record["sponsor"] == "Tianjin Medical University (later)"
        assert record["source"]["path"] == str(corpus / "b" / NMO)
    reopened = TrialStore(tmp_path / "parallel" / "trials.json")
    assert snapshot(reopened) == expected


def test_parallel_reimport_is_unchanged(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = TrialStore(tmp_path / "serial" / "trials.json")
    serial.import_paths([corpus])
    expected = serial.import_paths([corpus])
    # The two versions of NMO replace each other again; everything else is unchanged.
    assert expected.counts() == {"imported": 0, "updated": 2, "unchanged": 8, "failed": 3}
    force_parallel(monkeypatch)
    store = TrialStore(tmp_path / "parallel" / "trials.json")
    store.import_paths([corpus])
    again = store.import_paths([corpus])
    assert outcomes(again) == outcomes(expected)
    assert snapshot(store) == snapshot(serial)


def test_parallel_progress_counts_up_once_per_file(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    force_parallel(monkeypatch)
    calls: list[tuple[int, int, str]] = []
    report = TrialStore(None).import_paths([corpus], progress=lambda *a: calls.append(a))
    assert [(done, total) for done, total, _ in calls] == [(n, 13) for n in range(1, 14)]
    assert sorted(path for _, _, path in calls) == sorted(o.path for o in report)


def test_parallel_progress_exception_aborts_without_writing(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    force_parallel(monkeypatch)

    def cancel(done: int, total: int, path: str) -> None:
        if done == 3:
            raise KeyboardInterrupt

    store = TrialStore(tmp_path / "trials.json")
    with pytest.raises(KeyboardInterrupt):
        store.import_paths([corpus], progress=cancel)
    assert len(store) == 0
    assert len(TrialStore(tmp_path / "trials.json")) == 0


def _crashing_load(path: str | Path) -> list[LoadedFile]:
    if Path(path).name == NMO and "b" in Path(path).parent.name:
        os._exit(3)  # the worker process dies, as on a segfault
    if Path(path).name.startswith("000_"):
        raise SystemExit("a parser must not exit the import")
    return load_records(path)


def test_a_file_that_kills_its_worker_fails_alone(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [o.path for o in serial_import(tmp_path, [corpus])[0]]
    force_parallel(monkeypatch, chunk=4)
    monkeypatch.setattr(importer_module, "load_records", _crashing_load)
    report = TrialStore(tmp_path / "trials.json").import_paths([corpus])
    by_path = {o.path: o for o in report}
    assert [o.path for o in report] == paths
    crashed = by_path[str(corpus / "b" / NMO)]
    assert crashed.status == "failed"
    assert "crashed" in (crashed.reason or "")
    exited = [o for o in report if Path(o.path).name.startswith("000_")]
    assert [o.status for o in exited] == ["failed", "failed"]
    assert all("SystemExit" in (o.reason or "") for o in exited)
    # Every other file has the outcome it has without the crash.
    assert report.counts() == {"imported": 4, "updated": 0, "unchanged": 3, "failed": 6}
    record = TrialStore(tmp_path / "trials.json").get("NCT02249676")
    assert record is not None and record["source"]["path"] == str(corpus / "a" / NMO)


def test_no_worker_process_means_parsing_in_process(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected_report, expected = serial_import(tmp_path, [corpus])
    force_parallel(monkeypatch)

    def no_pool(workers: int) -> Any:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(importer_module, "_new_pool", no_pool)
    with TrialStore(tmp_path / "parallel" / "trials.json") as store:
        report = store.import_paths([corpus])
        assert outcomes(report) == outcomes(expected_report)
        assert snapshot(store) == expected


def _dying_worker() -> None:
    os._exit(1)


def test_workers_that_cannot_start_mean_parsing_in_process(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected_report, expected = serial_import(tmp_path, [corpus])
    force_parallel(monkeypatch)
    monkeypatch.setattr(importer_module, "_worker_init", _dying_worker)
    with TrialStore(tmp_path / "parallel" / "trials.json") as store:
        report = store.import_paths([corpus])
        assert outcomes(report) == outcomes(expected_report)
        assert snapshot(store) == expected


def test_small_imports_stay_in_process(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pools = force_parallel(monkeypatch)
    monkeypatch.setattr(importer_module, "PARALLEL_MIN", 200)
    assert TrialStore(None).import_paths(seed_paths).counts()["imported"] == 5
    assert pools == []
