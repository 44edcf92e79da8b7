"""Parallel import: worker processes give the same report and records as parsing in-process,
however they are started (fork, forkserver, spawn), and from a thread as the browser imports.
The import runs through store.pipeline.run_import into a TrialStore."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from parsers import LoadedFile, parse_bytes_many
from store import ImportReport, TrialStore, pipeline_parse
from store import pipeline_pool as pool_module
from store import trial_store as trial_store_module
from store.pipeline import PathSource, run_import
from store.pool_shutdown import stop_pool

NMO = "001_8cd98e60ac34dbb8.txt"  # veeva-text, NCT02249676
STAMP = "2026-01-02T03:04:05Z"

START_METHODS = multiprocessing.get_all_start_methods()


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trial_store_module, "_utc_now", lambda: STAMP)


def import_paths(store: TrialStore, paths: list[Path], progress: Any = None) -> ImportReport:
    return run_import(store, PathSource(paths), progress=progress)


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
        report = run_import(store, PathSource(paths), workers=1)
        return report, snapshot(store)


def force_parallel(
    monkeypatch: pytest.MonkeyPatch, chunk: int = 2, method: str | None = "fork"
) -> list[int]:
    """Parallel from two files on, in chunks of `chunk` files, with worker processes started
    by `method` (None: the start method the importer picks); returns a list that counts the
    worker pools started.

    Forked workers inherit the test's monkeypatches (forkserver and spawn workers do not):
    the tests that patch what a worker runs use fork."""
    if method is not None:
        if method not in START_METHODS:
            pytest.skip(f"no {method!r} start method on this platform")
        monkeypatch.setattr(pool_module, "_context",
                            lambda: multiprocessing.get_context(method))
    monkeypatch.setattr(pool_module, "PARALLEL_MIN", 2)
    monkeypatch.setattr(pool_module, "WORKERS", 2)
    monkeypatch.setattr(pool_module, "CHUNK_MIN", chunk)
    monkeypatch.setattr(pool_module, "CHUNK_MAX", chunk)
    pools: list[int] = []
    real = pool_module.new_pool

    def counted(workers: int) -> Any:
        pools.append(workers)
        return real(workers)

    monkeypatch.setattr(pool_module, "new_pool", counted)
    return pools


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_parallel_import_matches_serial(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    expected_report, expected = serial_import(tmp_path, [corpus])
    assert expected_report.counts() == {"imported": 5, "updated": 1, "unchanged": 4, "failed": 3}
    pools = force_parallel(monkeypatch, chunk)
    with TrialStore(tmp_path / "parallel" / "trials.json") as store:
        report = import_paths(store, [corpus])
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
    run_import(serial, PathSource([corpus]), workers=1)
    expected = run_import(serial, PathSource([corpus]), workers=1)
    # The earlier NMO (a/) replaces the stored later one, then the later one (b/) is parsed
    # after all and replaces it again; the other files are unchanged, not parsed.
    assert expected.counts() == {"imported": 0, "updated": 2, "unchanged": 8, "failed": 3}
    assert expected.not_parsed == 8
    force_parallel(monkeypatch)
    store = TrialStore(tmp_path / "parallel" / "trials.json")
    import_paths(store, [corpus])
    again = import_paths(store, [corpus])
    assert outcomes(again) == outcomes(expected)
    assert snapshot(store) == snapshot(serial)


def test_parallel_progress_counts_up_once_per_file(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    force_parallel(monkeypatch)
    calls: list[tuple[int, int, str]] = []
    report = import_paths(TrialStore(None), [corpus], progress=lambda *a: calls.append(a))
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
        import_paths(store, [corpus], progress=cancel)
    assert len(store) == 0
    assert len(TrialStore(tmp_path / "trials.json")) == 0


def _crashing_parse(data: bytes, name: str | None = None) -> list[LoadedFile]:
    if name == NMO and b"(later)" in data:
        os._exit(3)  # the worker process dies, as on a segfault
    if (name or "").startswith("000_"):
        raise SystemExit("a parser must not exit the import")
    return parse_bytes_many(data, name)


def test_a_file_that_kills_its_worker_fails_alone(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [o.path for o in serial_import(tmp_path, [corpus])[0]]
    force_parallel(monkeypatch, chunk=4)
    monkeypatch.setattr(pipeline_parse, "parse_bytes_many", _crashing_parse)
    report = import_paths(TrialStore(tmp_path / "trials.json"), [corpus])
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

    monkeypatch.setattr(pool_module, "new_pool", no_pool)
    with TrialStore(tmp_path / "parallel" / "trials.json") as store:
        report = import_paths(store, [corpus])
        assert outcomes(report) == outcomes(expected_report)
        assert snapshot(store) == expected


def _dying_worker() -> None:
    os._exit(1)


def test_workers_that_cannot_start_mean_parsing_in_process(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected_report, expected = serial_import(tmp_path, [corpus])
    force_parallel(monkeypatch)
    monkeypatch.setattr(pool_module, "_worker_init", _dying_worker)
    with TrialStore(tmp_path / "parallel" / "trials.json") as store:
        report = import_paths(store, [corpus])
        assert outcomes(report) == outcomes(expected_report)
        assert snapshot(store) == expected


def test_small_imports_stay_in_process(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pools = force_parallel(monkeypatch)
    monkeypatch.setattr(pool_module, "PARALLEL_MIN", 200)
    assert import_paths(TrialStore(None), seed_paths).counts()["imported"] == 5
    assert pools == []


# --- the start methods the importer uses ------------------------------------------------------


def received_from_workers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How many files' answers came back from worker processes, task by task (not parsed in
    this process after the workers failed)."""
    received: list[int] = []
    real = pool_module._answers

    def counted(future: Any) -> Any:
        answers = real(future)
        received.append(len(answers))
        return answers

    monkeypatch.setattr(pool_module, "_answers", counted)
    return received


def start_methods_used(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The start method of each worker pool the importer creates."""
    used: list[str] = []
    real = pool_module._context

    def spied() -> Any:
        context = real()
        used.append(context.get_start_method())
        return context

    monkeypatch.setattr(pool_module, "_context", spied)
    return used


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_each_start_method_imports_as_in_process(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """Workers that do not inherit this process's state (forkserver, spawn) parse alike."""
    expected_report, expected = serial_import(tmp_path, [corpus])
    pools = force_parallel(monkeypatch, chunk=3, method=method)
    used = start_methods_used(monkeypatch)
    received = received_from_workers(monkeypatch)
    with TrialStore(tmp_path / "parallel" / "trials.json") as store:
        report = import_paths(store, [corpus])
        assert pools and set(used) == {method}
        assert sum(received) == expected_report.files
        assert outcomes(report) == outcomes(expected_report)
        assert snapshot(store) == expected


def _idle_until(stop: threading.Event) -> None:
    stop.wait(120)


def test_with_other_threads_running_workers_are_not_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    if multiprocessing.get_start_method() != "fork":  # the default is not fork already
        assert pool_module._context().get_start_method() == multiprocessing.get_start_method()
        return
    with monkeypatch.context() as alone:  # whatever else the test session left running
        alone.setattr(threading, "active_count", lambda: 1)
        assert pool_module._context().get_start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=_idle_until, args=(stop,))
    thread.start()
    try:
        expected = "forkserver" if "forkserver" in START_METHODS else "spawn"
        assert pool_module._context().get_start_method() == expected
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
        assert pool_module._context().get_start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


def test_an_import_in_a_thread_while_another_thread_runs(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the browser imports: from a worker thread while the interface thread runs, with
    the start method the importer picks."""
    expected_report, expected = serial_import(tmp_path, [corpus])
    pools = force_parallel(monkeypatch, method=None)
    used = start_methods_used(monkeypatch)
    received = received_from_workers(monkeypatch)
    store = TrialStore(tmp_path / "parallel" / "trials.json")
    results: list[ImportReport | BaseException] = []

    def import_corpus() -> None:
        try:
            results.append(import_paths(store, [corpus]))
        except BaseException as exc:
            results.append(exc)

    stop = threading.Event()
    interface = threading.Thread(target=_idle_until, args=(stop,), name="interface")
    interface.start()
    try:
        worker = threading.Thread(target=import_corpus, name="import")
        worker.start()
        worker.join(timeout=300)
        assert not worker.is_alive(), "the import in a thread did not end"
    finally:
        stop.set()
        interface.join()
    [report] = results
    assert isinstance(report, ImportReport), report
    assert pools and used
    if multiprocessing.get_start_method() == "fork":
        assert "fork" not in used  # a forked child could inherit a lock another thread holds
    assert sum(received) == expected_report.files
    assert outcomes(report) == outcomes(expected_report)
    assert snapshot(store) == expected
    assert snapshot(TrialStore(tmp_path / "parallel" / "trials.json")) == expected


def _exit_once_there(path: Path) -> None:
    while not path.exists():
        time.sleep(0.01)
    os._exit(1)


def _length(data: bytes) -> int:
    return len(data)


def _hold_for(seconds: float) -> None:
    time.sleep(seconds)


@pytest.mark.skipif("fork" not in START_METHODS, reason="needs the fork start method")
def test_a_stopped_pool_ends_although_a_task_is_stuck_in_its_pipe(tmp_path: Path) -> None:
    """A worker dies while tasks bigger than the pipe wait to be sent, and another process
    holds the pipe's reading end: stopping the pool still ends its manager thread (the
    importing process waits for that thread when it exits)."""
    fork = multiprocessing.get_context("fork")
    pool = pool_module._pool_of(1, fork)
    assert pool.submit(os.getpid).result(timeout=60) > 0
    holder = fork.Process(target=_hold_for, args=(120,))  # inherits the pipe's reading end
    holder.start()
    try:
        dying = pool.submit(_exit_once_there, tmp_path / "go")
        waiting = [pool.submit(_length, b"x" * (4 << 20)) for _ in range(3)]
        (tmp_path / "go").touch()
        with pytest.raises(BrokenProcessPool):
            dying.result(timeout=60)
        manager = pool._executor_manager_thread  # type: ignore[attr-defined]
        stop_pool(pool, wait_for_workers=False)
        assert manager is not None
        manager.join(timeout=30)
        assert not manager.is_alive()
        assert all(future.done() for future in waiting)
    finally:
        holder.terminate()
        holder.join()


def test_a_stopped_pool_ends_although_an_answer_was_cut_off() -> None:
    """A worker is stopped while it sends an answer: the pool's manager thread has read the
    answer's length and waits for the rest, which never comes. Stopping the pool still ends
    that thread (the importing process waits for it when it exits)."""
    pool = pool_module._pool_of(1, multiprocessing.get_context())
    assert pool.submit(os.getpid).result(timeout=60) > 0
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    assert manager is not None
    answers = manager.result_queue
    # What a worker stopped in the middle of its answer leaves: a length, part of the bytes.
    os.write(answers._writer.fileno(), (1000).to_bytes(4, "big") + b"\x80\x04part")
    stop_pool(pool, wait_for_workers=False)
    manager.join(timeout=30)
    assert not manager.is_alive()
