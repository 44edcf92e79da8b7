"""`trials changes` (trials new or changed since a date, by default since the previous sync)
and `trials history ID` (a trial's versions, oldest first, with what each changed)."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from realdata_versions import changed, study

from store import TrialStore
from store.changes import changes_since, versions_of
from tui.change_words import change_line as words
from tui.cli import main
from tui.history_view import line_text

A, B = "NCT03418623", "NCT02210780"
CHANGE_KEYS = {"id", "kind", "fields", "imported_at", "last_update", "summary"}
VERSION_KEYS = {"version", "imported_at", "last_update", "source", "summary", "changes"}


def terminated(data: dict[str, Any]) -> dict[str, Any]:
    """A later version: terminated early with 12 participants, updated 2021-01-15."""
    return changed(data, status="TERMINATED", last_update="2021-01-15", enrollment=12)


def put(store: TrialStore, data: dict[str, Any], label: str) -> None:
    report = store.import_data([(label, json.dumps(data).encode())])
    assert not report.failed


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store where A was imported at 10:00:01 (v1.json), B at 10:00:02 (b.json) and A's
    terminated version at 10:00:03 (v2.json)."""
    times = iter(f"2026-12-04T10:00:0{n}Z" for n in range(1, 10))
    monkeypatch.setattr("store.trial_store._utc_now", lambda: next(times))
    path = tmp_path / "store" / "trials.json"
    with TrialStore(path) as store:
        put(store, study(A), "v1.json")
        put(store, study(B), "b.json")
        put(store, terminated(study(A)), "v2.json")
    return path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def test_changes_since_a_date_as_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "changes", "--since", "2026-12-04T10:00:03Z", "--json")
    assert code == 0
    assert json.loads(out) == [{
        "id": A, "kind": "changed", "fields": ["dates", "enrollment", "status"],
        "imported_at": "2026-12-04T10:00:03Z", "last_update": "2021-01-15",
        "summary": "status Completed → Terminated; enrollment 24 → 12"}]

    code, out, _ = run(capsys, db, "changes", "--since", "2026-12-04T10:00:02Z", "--json")
    found = json.loads(out)
    assert [(c["id"], c["kind"]) for c in found] == [(B, "new"), (A, "changed")]
    assert all(set(change) == CHANGE_KEYS for change in found)
    assert found[0]["fields"] == [] and found[0]["summary"] == "new"

    code, out, _ = run(capsys, db, "changes", "--since", "2026-12-04", "--json")
    assert [(c["id"], c["kind"]) for c in json.loads(out)] == [(B, "new"), (A, "new")]
    code, out, _ = run(capsys, db, "changes", "--since", "2026-12-04", "status:completed",
                       "--json")
    assert [c["id"] for c in json.loads(out)] == [B]
    code, out, _ = run(capsys, db, "changes", "--since", "2027-01-01", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_changes_as_text(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "changes", "--since", "2026-12-04T10:00:02Z")
    assert code == 0
    title = TrialStore(db).get(B)["title"]  # type: ignore[index]
    assert out.splitlines() == [
        f"{B} new  {title}",
        f"{A} changed  status Completed → Terminated; enrollment 24 → 12",
    ]
    code, out, err = run(capsys, db, "changes", "--since", "2027-01-01")
    assert (code, out) == (0, "")
    assert "no trial is new or changed since 2027-01-01" in err


def test_changes_usage_errors(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, db, "changes", "--since", "yesterday")
    assert (code, out) == (2, "") and "not a date" in err
    for impossible in ("2026-13-01", "2026-02-30", "2026-00-10", "9999-99-99",
                       "2026-12-04T25:00:00Z"):
        code, out, err = run(capsys, db, "changes", "--since", impossible)
        assert (code, out) == (2, "") and f"not a date: '{impossible}'" in err, impossible
    code, out, err = run(capsys, db, "changes", "--since", "2026-12-04", "status:")
    assert (code, out) == (2, "") and "bad query" in err


def test_changes_default_to_the_previous_sync(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "store.sync", None)  # no store.sync: import fails
    code, out, err = run(capsys, db, "changes")
    assert (code, out) == (2, "") and "no sync yet: give --since DATE" in err

    sync = types.ModuleType("store.sync")
    monkeypatch.setitem(sys.modules, "store.sync", sync)
    code, out, err = run(capsys, db, "changes")  # a store.sync without last_sync
    assert (code, out) == (2, "") and "no sync yet: give --since DATE" in err

    when: list[str | None] = [None]
    sync.last_sync = lambda store: when[0]  # type: ignore[attr-defined]
    code, out, err = run(capsys, db, "changes", "--json")
    assert (code, out) == (2, "") and "no sync yet: give --since DATE" in err

    when[0] = "2026-12-04T10:00:03Z"
    code, out, err = run(capsys, db, "changes", "--json")
    assert code == 0 and [c["id"] for c in json.loads(out)] == [A]
    code, out, err = run(capsys, db, "changes")
    assert out.startswith(f"{A} changed  status Completed")
    assert "since the previous sync, 2026-12-04T10:00:03Z" in err


def test_history_as_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "history", A, "--json")
    assert code == 0
    first, second = json.loads(out)
    assert set(first) == VERSION_KEYS and set(second) == VERSION_KEYS
    assert first == {"version": 1, "imported_at": "2026-12-04T10:00:01Z",
                     "last_update": "2020-10-08", "source": "v1.json",
                     "summary": "first version", "changes": []}
    assert {key: second[key] for key in VERSION_KEYS - {"changes"}} == {
        "version": 2, "imported_at": "2026-12-04T10:00:03Z", "last_update": "2021-01-15",
        "source": "v2.json", "summary": "status Completed → Terminated; enrollment 24 → 12"}
    changes = {change["field"]: change for change in second["changes"]}
    assert changes["status"] == {"field": "status", "kind": "changed", "old": "COMPLETED",
                                 "new": "TERMINATED"}
    assert changes["enrollment.count"] == {"field": "enrollment.count", "kind": "changed",
                                           "old": 24, "new": 12}
    assert changes["dates.last_update"]["new"] == {"date": "2021-01-15", "type": "ACTUAL"}
    # a lower-case id is found too
    assert json.loads(run(capsys, db, "history", A.lower(), "--json")[1]) == [first, second]


def test_history_as_a_timeline(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "history", A)
    assert code == 0
    assert out.splitlines() == [
        f"{A}: 2 versions",
        "version 1  imported 2026-12-04T10:00:01Z  last update 2020-10-08  from v1.json",
        "    first version",
        "version 2  imported 2026-12-04T10:00:03Z  last update 2021-01-15  from v2.json",
        "    status Completed → Terminated",
        "    enrollment 24 → 12",
        "    last update 2020-10-08 → 2021-01-15",
    ]


def test_history_of_an_unknown_trial(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, db, "history", "NCT99999999")
    assert (code, out) == (1, "")
    assert "no trial with id 'NCT99999999'" in err


def test_history_says_a_long_text_before_and_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed title too long for one line: the old and the new text under the change, as
    the History tab shows them (not "title changed" alone)."""
    times = iter(f"2026-12-04T10:00:0{n}Z" for n in range(1, 10))
    monkeypatch.setattr("store.trial_store._utc_now", lambda: next(times))
    path = tmp_path / "store" / "trials.json"
    data = study(A)
    renamed = json.loads(json.dumps(data))
    identification = renamed["protocolSection"]["identificationModule"]
    old_title = identification["briefTitle"]
    identification["briefTitle"] = old_title.replace("GET73", "GET-73 (Study Drug)")
    with TrialStore(path) as store:
        put(store, data, "v1.json")
        put(store, renamed, "v2.json")
    code, out, _ = run(capsys, path, "history", A)
    assert code == 0
    changes = out.splitlines()[4:]
    assert changes == ["    title changed",
                       f"        was: {old_title}",
                       f"        now: {identification['briefTitle']}"]

    # the same words as the History tab's
    with TrialStore(path) as store:
        [change] = [c for c in versions_of(store, A)[1].changes if c.field == "title"]
    tab = words(change)
    assert [line_text(tab).plain, *tab.plain()[1:]] == [
        "title  changed", f"was: {old_title}", f"now: {identification['briefTitle']}"]


class FirstWrite:
    """A stdout double (a pipe) that notes which trials had been read when the first byte
    was written."""

    def __init__(self, touched: list[str]) -> None:
        self.touched = touched
        self.at_first: list[str] | None = None
        self.data = bytearray()
        self.buffer = self  # (the JSON goes to the bytes underneath)

    def write(self, data: str | bytes) -> int:
        if self.at_first is None and data:
            self.at_first = list(self.touched)
        self.data += data.encode("utf-8") if isinstance(data, str) else data
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def noting(read: Any, touched: list[str]) -> Any:
    """A store method that notes the trial ids it reads, first time first."""

    def spy(self: TrialStore, trial_id: str) -> Any:
        if trial_id not in touched:
            touched.append(trial_id)
        return read(self, trial_id)

    return spy


@pytest.mark.parametrize("as_json", [False, True])
def test_changes_are_written_as_they_are_found(
    db: Path, monkeypatch: pytest.MonkeyPatch, as_json: bool
) -> None:
    """The first change is out before the next trial is read (over a whole registry,
    working every change out first printed nothing for minutes)."""
    from tui import changes_command

    monkeypatch.setattr(changes_command, "BATCH", 1)
    touched: list[str] = []
    for name in ("history", "history_meta"):
        monkeypatch.setattr(TrialStore, name, noting(getattr(TrialStore, name), touched))
    out = FirstWrite(touched)
    monkeypatch.setattr("sys.stdout", out)
    argv = ["changes", "--since", "2026-12-04T10:00:02Z", "--db", str(db)]
    assert main([*argv, "--json"] if as_json else argv) == 0
    assert out.at_first == [B]
    assert touched == [B, A]
    text = out.data.decode("utf-8")
    found = ([c["id"] for c in json.loads(text)] if as_json
             else [line.split()[0] for line in text.splitlines()])
    assert found == [B, A]


def test_a_new_trial_s_versions_are_not_read(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a trial is new is in its versions' meta: its records are not read (every
    trial's were, 208 s for a registry of 100,000 new trials)."""
    real = TrialStore.history

    def history(self: TrialStore, trial_id: str) -> Any:
        assert trial_id != B, "a new trial's versions read whole"
        return real(self, trial_id)

    monkeypatch.setattr(TrialStore, "history", history)
    with TrialStore(db) as store:
        found = changes_since(store, "2026-12-04T10:00:02Z")
        assert [(c.id, c.kind) for c in found] == [(B, "new"), (A, "changed")]
        assert found[1].summary == "status Completed → Terminated; enrollment 24 → 12"
        assert [c.kind for c in changes_since(store, "2026-12-04")] == ["new", "new"]
        # a time with an offset is that moment in UTC (the store's times are UTC)
        assert [c.id for c in changes_since(store, "2026-12-04T12:00:02+02:00")] == [B, A]
        assert [c.id for c in changes_since(store, "2026-12-04T10:00:02-02:00")] == []
