"""Saved searches, watched trials and the query history (store.saved), kept in
trials.json.d/saved.json, and their commands: `trials saved`, `trials watch`, `trials unwatch`."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from realdata_versions import changed, study
from realdata_versions import put_status as put

from store import StoreError, TrialStore
from store.query_history import MAX_QUERIES
from store.saved import SavedState, SearchExistsError, UnknownSearchError
from store.saved_status import SearchStatus
from store.search import QueryError
from tui.cli import main
from tui.saved_command import _status_cells

A, B, C = "NCT03418623", "NCT02210780", "NCT00763412"  # all three COMPLETED


class Clock:
    """One clock for imports (imported_at) and for saved.json (created, last_look): a second
    later at each reading, unless held at a time."""

    def __init__(self) -> None:
        self.second = 0
        self.held: str | None = None

    def __call__(self) -> str:
        if self.held is not None:
            return self.held
        self.second += 1
        minutes, seconds = divmod(self.second, 60)
        return f"2026-12-04T10:{minutes:02d}:{seconds:02d}Z"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    ticking = Clock()
    monkeypatch.setattr("store.trial_store._utc_now", ticking)
    monkeypatch.setattr("store.saved._utc_now", ticking)
    return ticking


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "trials.json"


@pytest.fixture
def store(db: Path, clock: Clock) -> TrialStore:
    """A store on disk holding A and B, first versions."""
    trial_store = TrialStore(db)
    assert put(trial_store, study(A), "a1.json") == "imported"
    assert put(trial_store, study(B), "b1.json") == "imported"
    return trial_store


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


# --- saved searches --------------------------------------------------------------------


def test_add_list_remove_through_the_store(store: TrialStore) -> None:
    state = SavedState(store)
    added = state.add("  done  ", " status:completed ")
    assert (added.name, added.query) == ("done", "status:completed")
    assert added.created == added.last_look
    state.add("Alpha", "type:interventional")
    assert [s.name for s in state.list()] == ["Alpha", "done"]
    with pytest.raises(SearchExistsError, match="'done' exists"):
        state.add("done", "status:terminated")
    assert state.get("done").query == "status:completed"
    state.add("done", "status:terminated", replace=True)
    assert state.get("done").query == "status:terminated"
    with pytest.raises(QueryError):
        state.add("bad", "status:")
    with pytest.raises(ValueError, match="empty"):
        state.add("empty", "  ")
    with pytest.raises(ValueError, match="control"):
        state.add("bad\x1bname", "stem")
    state.remove("Alpha")
    with pytest.raises(UnknownSearchError, match="'Alpha'"):
        state.remove("Alpha")
    assert [s.name for s in state.list()] == ["done"]


def test_new_and_changed_since_the_last_look(store: TrialStore, clock: Clock) -> None:
    state = SavedState(store)
    state.add("done", "status:completed")
    state.add("stopped", "status:terminated")
    assert state.status("done").as_json() == {
        "name": "done", "query": "status:completed", "count": 2, "new": 0, "changed": 0,
        "last_look": "2026-12-04T10:00:03Z"}
    assert put(store, changed(study(B), status="COMPLETED", last_update="2021-01-15",
                              enrollment=7), "b2.json") == "updated"
    assert put(store, study(C), "c1.json") == "imported"
    assert put(store, changed(study(A), status="TERMINATED", last_update="2021-01-15"),
               "a2.json") == "updated"
    done, stopped = state.statuses()
    assert (done.count, done.new, done.changed) == (2, 1, 1)  # A left it: status terminated
    assert (stopped.count, stopped.new, stopped.changed) == (1, 0, 1)
    kinds = {change.id: change.kind for change in state.changes("done")}
    assert kinds == {B: "changed", C: "new"}
    [change] = state.changes("stopped")
    assert change.id == A and "status Completed → Terminated" in change.summary

    looked = state.look("done")
    assert looked.last_look is not None and looked.last_look > done.last_look  # type: ignore[operator]
    after = state.status("done")
    assert (after.count, after.new, after.changed, after.last_look) == (
        2, 0, 0, looked.last_look)
    assert state.changes("done") == []
    assert state.status("stopped").changed == 1  # a look is per search
    assert put(store, changed(study(C), status="COMPLETED", last_update="2022-02-02"),
               "c2.json") == "updated"
    assert (state.status("done").new, state.status("done").changed) == (0, 1)


def test_a_trial_imported_in_the_second_of_the_look_is_not_new(
    store: TrialStore, clock: Clock
) -> None:
    clock.held = "2026-12-04T11:00:00Z"
    assert put(store, study(C), "c1.json") == "imported"
    state = SavedState(store)
    state.add("done", "status:completed")  # at 11:00:00 too: C was seen
    status = state.status("done")
    assert (status.count, status.new, status.changed) == (3, 0, 0)
    clock.held = "2026-12-04T11:00:01Z"
    assert put(store, changed(study(C), status="COMPLETED", last_update="2022-02-02"),
               "c2.json") == "updated"
    assert (state.status("done").new, state.status("done").changed) == (0, 1)
    [change] = state.changes("done")
    assert (change.id, change.kind) == (C, "changed")
    assert change.summary == "last update 2017-06-05 → 2022-02-02"


def test_a_version_stamped_before_the_look_and_committed_after_it_counts(
    store: TrialStore, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("store.saved._utc_now", lambda: "2026-12-04T11:00:00Z")
    state = SavedState(store)
    state.add("done", "status:completed")
    clock.held = "2026-12-04T10:59:50Z"  # a checkpoint that started before the look
    assert put(store, study(C), "c1.json") == "imported"
    status = state.status("done")
    assert (status.count, status.new, status.changed) == (3, 1, 0)
    assert [change.id for change in state.changes("done")] == [C]


def test_an_entry_without_generation_counts_by_time(store: TrialStore, db: Path,
                                                    clock: Clock) -> None:
    state = SavedState(store)
    state.add("done", "status:completed")
    path = db.with_name("trials.json.d") / "saved.json"
    doc = json.loads(path.read_text())
    del doc["searches"]["done"]["generation"]
    path.write_text(json.dumps(doc))
    assert put(store, study(C), "c1.json") == "imported"
    assert (state.status("done").new, state.status("done").changed) == (1, 0)


def test_saved_commands(store: TrialStore, db: Path, capsys: pytest.CaptureFixture[str],
                        clock: Clock) -> None:
    code, out, err = run(capsys, db, "saved", "add", "finished trials", "status:completed")
    assert (code, out) == (0, "")
    assert "saved 'finished trials': status:completed (2 trials)" in err
    code, _, err = run(capsys, db, "saved", "add", "finished trials", "stem")
    assert code == 1 and "exists" in err and "--replace" in err
    code, _, err = run(capsys, db, "saved", "add", "bad", "status:")
    assert code == 2 and "bad query" in err
    assert run(capsys, db, "saved", "add", "stopped", "status:terminated")[0] == 0
    put(store, changed(study(A), status="TERMINATED", last_update="2021-01-15"), "a2.json")
    put(store, study(C), "c1.json")

    code, out, _ = run(capsys, db, "saved", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"name": "finished trials", "query": "status:completed", "count": 2, "new": 1,
         "changed": 0, "last_look": "2026-12-04T10:00:03Z"},
        {"name": "stopped", "query": "status:terminated", "count": 1, "new": 0,
         "changed": 1, "last_look": "2026-12-04T10:00:04Z"},
    ]
    code, out, _ = run(capsys, db, "saved", "list")
    assert out.splitlines() == [
        "finished trials\tstatus:completed\t2 trials\t1 new, 0 changed\tlast looked 2026-12-04",
        "stopped\tstatus:terminated\t1 trial\t0 new, 1 changed\tlast looked 2026-12-04",
    ]

    code, out, err = run(capsys, db, "saved", "show", "stopped")
    assert code == 0
    [line] = out.splitlines()
    assert line.startswith(f"{A}\tchanged\tTerminated\t")
    assert line.endswith("status Completed → Terminated")
    assert "1 trial, 0 new, 1 changed" in err
    code, out, _ = run(capsys, db, "saved", "show", "finished trials", "--json")
    shown = json.loads(out)
    assert (shown["count"], shown["new"], shown["changed"]) == (2, 1, 0)
    assert [(t["id"], t["change"]) for t in shown["trials"]] == [(C, "new"), (B, None)]
    code, out, _ = run(capsys, db, "saved", "list", "--json")
    assert [(s["new"], s["changed"]) for s in json.loads(out)] == [(0, 0), (0, 0)]

    assert run(capsys, db, "saved", "rm", "stopped")[0] == 0
    code, _, err = run(capsys, db, "saved", "rm", "stopped")
    assert code == 1 and "no saved search is named 'stopped'" in err
    code, out, _ = run(capsys, db, "saved", "show", "stopped")
    assert code == 1
    assert [s["name"] for s in json.loads(run(capsys, db, "saved", "list", "--json")[1])] == [
        "finished trials"]


def test_the_file_survives_reopening_the_store(store: TrialStore, db: Path) -> None:
    state = SavedState(store)
    state.add("done", "status:completed")
    state.watch([A])
    state.remember_query("stem cell")
    store.close()
    with TrialStore(db) as again:
        state = SavedState(again)
        assert [s.name for s in state.list()] == ["done"]
        assert state.watched() == [A]
        assert state.query_history() == ["stem cell"]
    doc = json.loads((db.with_name("trials.json.d") / "saved.json").read_text())
    assert doc["version"] == 1


def test_a_store_in_memory_keeps_its_state_in_memory(clock: Clock) -> None:
    with TrialStore(None) as memory:
        put(memory, study(A), "a1.json")
        SavedState(memory).add("done", "status:completed")
        SavedState(memory).watch([A])
        assert [s.name for s in SavedState(memory).list()] == ["done"]
        assert SavedState(memory).watched() == [A]
        assert SavedState(memory).file.path is None
    with TrialStore(None) as other:
        assert SavedState(other).list() == []


# --- watched trials --------------------------------------------------------------------


def test_watch_and_unwatch(store: TrialStore) -> None:
    state = SavedState(store)
    result = state.watch([B, "nct03418623", "NCT99999999", B])
    assert (result.done, result.already, result.unknown) == ([B, A], [B], ["NCT99999999"])
    assert state.watched() == [B, A]
    result = state.unwatch([B.lower(), "NCT99999999"])
    assert (result.done, result.already) == ([B], ["NCT99999999"])
    assert state.watched() == [A]


def test_watch_commands(store: TrialStore, db: Path, capsys: pytest.CaptureFixture[str],
                        clock: Clock) -> None:
    code, out, err = run(capsys, db, "watch", A, "NCT99999999", B)
    assert (code, out) == (1, "")
    assert f"watching {A}" in err and f"watching {B}" in err
    assert "no trial with id 'NCT99999999' in the store: not watched" in err
    put(store, changed(study(A), status="TERMINATED", last_update="2021-01-15"), "a2.json")

    code, out, _ = run(capsys, db, "watch", "--list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [entry["id"] for entry in listed] == [A, B]
    assert set(listed[0]) == {"id", "title", "status", "watched_since", "last_change"}
    assert listed[0]["status"] == "TERMINATED"
    assert listed[0]["last_change"] == {
        "version": 2, "imported_at": "2026-12-04T10:00:04Z", "last_update": "2021-01-15",
        "summary": "status Completed → Terminated"}
    assert listed[1]["last_change"]["summary"] == "first version"
    code, out, _ = run(capsys, db, "watch", "--list")
    first, second = out.splitlines()
    assert first.startswith(f"{A}\tTerminated\t")
    assert first.endswith("\t2026-12-04: status Completed → Terminated")
    assert second.endswith("\t2026-12-04: first version")

    code, _, err = run(capsys, db, "unwatch", A, "NCT00000001")
    assert code == 1 and f"no longer watching {A}" in err and "not watched" in err
    assert [e["id"] for e in json.loads(run(capsys, db, "watch", "--list", "--json")[1])] == [B]
    assert run(capsys, db, "watch")[0] == 2
    assert run(capsys, db, "watch", A, "--list")[0] == 2


# --- the query history -----------------------------------------------------------------


def test_the_query_history_keeps_order_dedups_and_caps(store: TrialStore) -> None:
    state = SavedState(store)
    for text in ("stem cell", "als", " stem cell ", "", "   ", "status:recruiting"):
        state.remember_query(text)
    assert state.query_history() == ["als", "stem cell", "status:recruiting"]
    with TrialStore(None) as memory:
        in_memory = SavedState(memory)
        for number in range(MAX_QUERIES + 20):
            in_memory.remember_query(f"query {number}")
        in_memory.remember_query("query 30")
        history = in_memory.query_history()
        assert MAX_QUERIES == 500 and len(history) == 500
        assert history[0] == "query 20" and history[-2:] == ["query 519", "query 30"]
        assert history.count("query 30") == 1
        in_memory.remember_query("one more")
        history = in_memory.query_history()
        assert len(history) == 500 and history[0] == "query 21" and history[-1] == "one more"


# --- two processes, a damaged file, a later version ------------------------------------


def _add_many(db: str, prefix: str, start: Any, how_many: int) -> None:
    """In another process: add saved searches and remember queries, one change at a time."""
    with TrialStore(db) as trial_store:
        state = SavedState(trial_store)
        start.wait()
        for number in range(how_many):
            state.add(f"{prefix} {number}", "status:completed")
            state.remember_query(f"{prefix} query {number}")


def test_two_processes_adding_at_once_lose_nothing(store: TrialStore, db: Path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_add_many, args=(str(db), prefix, start, 15))
               for prefix in ("first", "second")]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    state = SavedState(store)
    names = {search.name for search in state.list()}
    assert names == {f"{p} {n}" for p in ("first", "second") for n in range(15)}
    assert len(state.query_history()) == 30


def test_a_damaged_file_is_set_aside_with_a_message(store: TrialStore, db: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = db.with_name("trials.json.d")
    (folder / "saved.json").write_text('{"version": 1, "searches": {', encoding="utf-8")
    heard: list[str] = []
    state = SavedState(store, on_problem=heard.append)
    assert state.list() == [] and state.watched() == [] and state.query_history() == []
    [message] = heard
    assert str(folder / "saved.json") in message and "damaged" in message
    [aside] = folder.glob("saved.json.damaged-*")
    assert aside.read_text(encoding="utf-8") == '{"version": 1, "searches": {'
    assert aside.name in message
    state.add("done", "status:completed")  # starts afresh
    assert [s.name for s in state.list()] == ["done"] and len(heard) == 1

    (folder / "saved.json").write_text("[1, 2]", encoding="utf-8")
    code, out, err = run(capsys, db, "saved", "list", "--json")
    assert (code, json.loads(out)) == (0, [])
    assert "saved.json was damaged (a JSON list, not an object)" in err
    assert len(list(folder.glob("saved.json.damaged-*"))) == 2


def test_unknown_keys_are_kept_and_a_later_version_is_not_written(
    store: TrialStore, db: Path
) -> None:
    path = db.with_name("trials.json.d") / "saved.json"
    path.write_text(json.dumps({
        "version": 1, "colour": "blue",
        "searches": {"done": {"query": "status:completed", "pinned": True}}}))
    state = SavedState(store)
    state.look("done")
    state.remember_query("als")
    doc = json.loads(path.read_text())
    assert doc["colour"] == "blue" and doc["searches"]["done"]["pinned"] is True
    assert doc["searches"]["done"]["last_look"] and doc["queries"] == ["als"]

    path.write_text(json.dumps({"version": 2, "queries": ["x"], "searches": []}))
    assert state.query_history() == ["x"] and state.list() == []
    with pytest.raises(StoreError, match="newer version of trials"):
        state.remember_query("y")
    assert json.loads(path.read_text())["version"] == 2


def test_lock_file_is_separate_from_the_store_lock(store: TrialStore, db: Path) -> None:
    folder = db.with_name("trials.json.d")
    (folder / ".saved.json.0123456789ab.tmp").write_text("left by a killed write")
    SavedState(store).remember_query("als")
    assert (folder / "saved.json.lock").exists()
    assert sorted(p.name for p in folder.glob("saved*")) == ["saved.json", "saved.json.lock"]



def test_the_listing_of_a_large_saved_search_has_separators() -> None:
    status = SearchStatus("recruiting", "status:recruiting", 61_254, 1, 1_205,
                          "2026-12-01T08:00:00Z")
    assert _status_cells(status)[2:] == ["61,254 trials", "1 new, 1,205 changed",
                                         "last looked 2026-12-01"]
