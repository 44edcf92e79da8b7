"""`trials sync` and store.sync against a local stand-in of the ClinicalTrials.gov API v2
(tests/api_standin.py) serving real study objects."""

from __future__ import annotations

import copy
import json
import multiprocessing
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from api_standin import (
    ApiStandin,
    Study,
    last_update,
    nct_id,
    real_studies,
    set_last_update,
    variant,
)

from store import TrialStore
from store import sync as sync_module
from store import sync_state as sync_state_module
from store import trial_store as trial_store_module
from store.api_pages import FetchError, Retry, get, retry_after
from store.changes import CHANGED, NEW, changes_since
from store.fetch_queries import saved_queries
from store.sync import SyncError, SyncProgress, last_sync, previous_sync, sync
from store.sync_state import read_state
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LOCAL_SEED = SEEDS / "000_a5fa2d49abcba82c.txt"  # LOCAL-826653db64: not a registry trial


class Clock:
    """The time the store writes as imported_at and sync takes as its start."""

    def __init__(self, now: str) -> None:
        self.now = now

    def __call__(self) -> str:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock("2026-02-01T09:00:00Z")
    monkeypatch.setattr(trial_store_module, "utc_now", fake)
    monkeypatch.setattr(sync_module, "utc_now", fake)
    return fake


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[ApiStandin]:
    """A running stand-in (no studies yet), set as TRIALS_API_URL."""
    with ApiStandin() as standin:
        monkeypatch.setenv("TRIALS_API_URL", standin.url)
        yield standin


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path / "trials.json"


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def retry(sleeps: list[float]) -> Retry:
    """Retries that wait for nothing and note each wait."""
    return Retry(sleep=sleeps.append)


def study_bytes(study: Study) -> bytes:
    return orjson.dumps(study)


def put_in_store(store: TrialStore, studies: list[Study]) -> None:
    """Import studies as files of a download (their bytes as the API serves them)."""
    report = store.import_data((f"download/{nct_id(s)}.json", study_bytes(s)) for s in studies)
    assert report.ok


def trials(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def ids_asked(seen_params: dict[str, str]) -> list[str]:
    return seen_params["filter.ids"].split(",") if "filter.ids" in seen_params else []


# --- what is asked, and what changes -----------------------------------------------------------


def test_first_sync_then_only_the_changed_and_new_studies_travel(
    api: ApiStandin, db: Path, clock: Clock, retry: Retry,
    capsys: pytest.CaptureFixture[str],
) -> None:
    studies = real_studies()
    a, c, b = studies[1], studies[2], studies[9]
    covid = [s for s in studies if b"sars-cov-2" in orjson.dumps(s["protocolSection"]).lower()]
    assert len(covid) == 6
    for study in studies:
        api.put(study)
    store = TrialStore(db)
    put_in_store(store, [a, b, c])
    store.import_paths(LOCAL_SEED)

    clock.now = "2026-02-01T10:00:00Z"
    code, _, err = trials(capsys, db, "fetch", "SARS-CoV-2", "--max", "10")
    assert code == 0, err
    assert [(q.query, q.max) for q in saved_queries(db)] == [("SARS-CoV-2", 10)]
    registry = sorted(nct_id(s) for s in [a, b, c, *covid])
    store.refresh()
    assert store.ids() == sorted([*registry, "LOCAL-826653db64"])

    # The first sync: no range; the saved query, then the other registry trials by id.
    api.requests.clear()
    clock.now = "2026-03-01T06:15:00Z"
    first = sync(store, retry=retry, clock=clock)

    assert first.finished and not first.resumed and first.since is None
    assert first.started == "2026-03-01T06:15:00Z"
    assert (first.tally.new, first.tally.changed, first.tally.unchanged) == (0, 0, 9)
    assert (first.tally.studies, first.tally.pages) == (9, 2)
    by_query, by_ids = api.requests
    assert by_query.params["query.term"] == "SARS-CoV-2"
    assert by_query.params["pageSize"] == "10"  # the query's --max
    assert sorted(ids_asked(by_ids.params)) == sorted(nct_id(s) for s in [a, b, c])
    assert all("filter.advanced" not in seen.params for seen in api.requests)
    assert all(seen.params["format"] == "json" for seen in api.requests)
    assert last_sync(store) == "2026-03-01T06:15:00Z" and previous_sync(store) is None
    assert read_state(db).running is None

    # Upstream: A's status and enrollment change, B gains a criterion and a site, C stays;
    # a new study matches the saved query; another new one matches nothing asked.
    a2, b2 = copy.deepcopy(a), copy.deepcopy(b)
    a2["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    a2["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 58, "type": "ACTUAL"}
    set_last_update(a2, "2026-03-02")
    eligibility = b2["protocolSection"]["eligibilityModule"]
    eligibility["eligibilityCriteria"] += "\n* Prior treatment with any anti-claudin therapy"
    b2["protocolSection"]["contactsLocationsModule"]["locations"].append(
        {"facility": "Hospital Clinic de Barcelona", "city": "Barcelona",
         "country": "Spain", "status": "RECRUITING"})
    set_last_update(b2, "2026-03-01")
    fresh_covid = variant(covid[0], "NCT09990001")
    set_last_update(fresh_covid, "2026-03-02")
    elsewhere = variant(studies[10], "NCT09990002")
    set_last_update(elsewhere, "2026-03-02")
    for study in (a2, b2, fresh_covid, elsewhere):
        api.put(study)
    api.requests.clear()

    clock.now = "2026-03-02T06:15:00Z"
    second = sync(store, retry=retry, clock=clock)

    assert second.since == "2026-02-28"  # the last sync's day, less a day of overlap
    assert {seen.params["filter.advanced"] for seen in api.requests} == {
        "AREA[LastUpdatePostDate]RANGE[2026-02-28,MAX]"}
    assert sorted(api.served()) == sorted([nct_id(a), nct_id(b), "NCT09990001"])
    asked_by_id = {nct for seen in api.requests for nct in ids_asked(seen.params)}
    assert asked_by_id == set(registry)  # the LOCAL- trial and the unknown study are not
    assert (second.tally.new, second.tally.changed, second.tally.unchanged) == (1, 2, 0)
    assert (second.tally.studies, second.tally.pages) == (3, 2)
    assert last_sync(store) == "2026-03-02T06:15:00Z"
    assert previous_sync(store) == "2026-03-01T06:15:00Z"

    changes = {change.id: change for change in changes_since(store, last_sync(store) or "")}
    assert set(changes) == {nct_id(a), nct_id(b), "NCT09990001"}
    assert changes["NCT09990001"].kind == NEW
    assert changes[nct_id(a)].kind == CHANGED
    assert set(changes[nct_id(a)].fields) == {"status", "enrollment", "dates"}
    assert "status Recruiting → Completed" in changes[nct_id(a)].summary
    assert changes[nct_id(b)].kind == CHANGED
    assert set(changes[nct_id(b)].fields) == {"eligibility", "locations", "locations_count",
                                             "dates"}
    assert "1 exclusion criterion added" in changes[nct_id(b)].summary
    assert "1 site added" in changes[nct_id(b)].summary
    record = store.get(nct_id(b)) or {}
    assert record["source"]["path"] == f"https://clinicaltrials.gov/study/{nct_id(b)}"
    store.close()


def test_a_trial_imported_from_a_file_after_the_last_sync_is_asked_whole(
    api: ApiStandin, db: Path, clock: Clock, retry: Retry,
) -> None:
    studies = real_studies()
    current, other = studies[3], studies[4]
    stale = copy.deepcopy(current)
    stale["protocolSection"]["statusModule"]["overallStatus"] = "WITHDRAWN"
    set_last_update(stale, "2023-01-02")
    api.put(current)
    api.put(other)
    store = TrialStore(db)
    put_in_store(store, [other])
    clock.now = "2026-03-01T06:15:00Z"
    sync(store, retry=retry, clock=clock)
    clock.now = "2026-03-01T12:00:00Z"
    put_in_store(store, [stale])  # an old file: its study was updated upstream in 2023
    api.requests.clear()

    clock.now = "2026-03-02T06:15:00Z"
    result = sync(store, retry=retry, clock=clock)

    whole, ranged = api.requests
    assert ids_asked(whole.params) == [nct_id(current)]
    assert "filter.advanced" not in whole.params
    assert ids_asked(ranged.params) == [nct_id(other)]
    assert ranged.params["filter.advanced"] == "AREA[LastUpdatePostDate]RANGE[2026-02-28,MAX]"
    assert result.tally.changed == 1
    assert (store.get(nct_id(current)) or {})["status"] == "NOT_YET_RECRUITING"
    store.close()


def test_ids_are_asked_in_chunks(api: ApiStandin, db: Path, clock: Clock, retry: Retry) -> None:
    studies = real_studies()[:7]
    for study in studies:
        api.put(study)
    store = TrialStore(db)
    put_in_store(store, studies)

    result = sync(store, retry=retry, clock=clock, ids_per_request=3)

    assert [len(ids_asked(seen.params)) for seen in api.requests] == [3, 3, 1]
    assert sorted(api.served()) == sorted(nct_id(s) for s in studies)
    assert result.tally.unchanged == 7
    store.close()


def test_sync_all_asks_the_range_alone_and_needs_a_start_the_first_time(
    api: ApiStandin, db: Path, clock: Clock, retry: Retry, capsys: pytest.CaptureFixture[str],
) -> None:
    studies = real_studies()[:5]
    for study in studies:
        api.put(study)
    store = TrialStore(db)
    with pytest.raises(ValueError, match="--since"):
        sync(store, everything=True, retry=retry, clock=clock)
    assert api.requests == []

    result = sync(store, everything=True, since="2023-06-27", retry=retry, clock=clock)

    [seen] = api.requests
    assert seen.params == {"format": "json", "pageSize": "1000", "countTotal": "true",
                           "filter.advanced": "AREA[LastUpdatePostDate]RANGE[2023-06-27,MAX]"}
    assert sorted(api.served()) == sorted(nct_id(s) for s in studies
                                          if last_update(s) >= "2023-06-27")
    assert result.tally.new == len(api.served()) > 0
    store.close()

    code, _, err = trials(capsys, db.with_name("other.json"), "sync", "--all")
    assert code == 2
    assert "trials import ctg-studies.json.zip" in err and "--since" in err


# --- streaming and resuming --------------------------------------------------------------------


class Killed(Exception):
    """Stands for the process being killed between two pages."""


def test_a_sync_killed_between_pages_resumes_from_the_next_page(
    db: Path, clock: Clock, retry: Retry, monkeypatch: pytest.MonkeyPatch,
) -> None:
    studies = real_studies()[:7]
    with ApiStandin(studies, page_cap=2) as api:
        monkeypatch.setenv("TRIALS_API_URL", api.url)
        store = TrialStore(db)
        clock.now = "2026-03-01T06:15:00Z"

        def kill_after_first_page(state: SyncProgress) -> None:
            if state.pages == 1:
                raise Killed

        with pytest.raises(Killed):
            sync(store, everything=True, since="2023-01-01", retry=retry, clock=clock,
                 progress=kill_after_first_page)

        running = read_state(db).running
        assert running is not None and running.token is not None
        assert running.token in api.tokens_handed_out()
        assert (running.tally.pages, running.tally.studies, running.tally.new) == (1, 2, 2)
        assert len(store) == 2  # page 1 is committed, whole
        assert last_sync(store) is None
        saved_token = running.token
        api.requests.clear()

        clock.now = "2026-03-01T07:00:00Z"
        result = sync(store, everything=True, retry=retry, clock=clock)

        assert api.requests[0].params["pageToken"] == saved_token
        assert api.requests[0].params["filter.advanced"] == (
            "AREA[LastUpdatePostDate]RANGE[2023-01-01,MAX]")
        assert result.resumed and result.finished
        assert result.started == "2026-03-01T06:15:00Z"  # the start of the interrupted run
        assert (result.tally.new, result.tally.studies, result.tally.pages) == (7, 7, 4)
        assert sorted(store.ids()) == sorted(nct_id(s) for s in studies)
        assert last_sync(store) == "2026-03-01T06:15:00Z"
        assert read_state(db).running is None
        store.close()


def test_killed_after_a_commit_but_before_its_state_the_page_is_asked_again(
    db: Path, clock: Clock, retry: Retry, monkeypatch: pytest.MonkeyPatch,
) -> None:
    studies = real_studies()[:7]
    real_write = sync_state_module.write_state
    writes: list[int] = []

    def write_state(path: Path | None, record: Any) -> None:
        writes.append(1)
        if len(writes) == 3:  # the start, page 1, then page 2 is committed: killed here
            raise Killed
        real_write(path, record)

    with ApiStandin(studies, page_cap=2) as api:
        monkeypatch.setenv("TRIALS_API_URL", api.url)
        store = TrialStore(db)
        monkeypatch.setattr(sync_module, "write_state", write_state)
        with pytest.raises(Killed):  # a commit per page here
            sync(store, everything=True, since="2023-01-01", retry=retry, clock=clock,
                 commit_studies=1)
        monkeypatch.setattr(sync_module, "write_state", real_write)
        assert len(store) == 4  # pages 1 and 2 committed; the state says page 1
        token = (read_state(db).running or pytest.fail("no state")).token
        api.requests.clear()

        result = sync(store, everything=True, retry=retry, clock=clock)

        assert api.requests[0].params["pageToken"] == token
        assert api.requests[0].served == sorted(nct_id(s) for s in studies)[2:4]  # page 2
        assert (result.tally.new, result.tally.unchanged, result.tally.pages) == (5, 2, 4)
        assert len(store) == 7
        assert all(len(store.history(nct_id(s))) == 1 for s in studies)
        store.close()


def test_one_sync_at_a_time(api: ApiStandin, db: Path, clock: Clock, retry: Retry) -> None:
    from filelock import FileLock

    from store import StoreError

    store = TrialStore(db)
    with FileLock(str(db.with_name("trials.json.d") / "sync.lock")), \
            pytest.raises(StoreError, match="another `trials sync` is running"):
        sync(store, retry=retry, clock=clock)
    assert sync(store, retry=retry, clock=clock).finished
    store.close()


def test_a_server_failing_after_page_1_stops_the_command_and_the_next_run_resumes(
    db: Path, clock: Clock, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    studies = real_studies()[:7]
    with ApiStandin(studies, page_cap=2) as api:
        monkeypatch.setenv("TRIALS_API_URL", api.url)
        api.fail_from(2, 404)
        host = api.url.split("/")[2]

        code, out, err = trials(capsys, db, "sync", "--all", "--since", "2023-01-01")

        assert code == 1
        assert out == "sync: 2 new, 0 changed, 0 unchanged (2 studies in 1 page)\n"
        assert err.startswith(f"trials: the ClinicalTrials.gov API at {host} answered HTTP "
                              "404 (Not Found) for page 2")
        assert err.endswith("; kept the 1 page imported before it: `trials sync` goes on "
                            "from there\n")
        assert len(err.strip().splitlines()) == 1
        saved_token = (read_state(db).running or pytest.fail("no state")).token
        api.heal()
        api.requests.clear()

        code, out, err = trials(capsys, db, "sync", "--all", "--json")

        assert code == 0, err
        assert api.requests[0].params["pageToken"] == saved_token
        report = json.loads(out)
        assert report == {"new": 7, "changed": 0, "unchanged": 0, "failed": 0, "studies": 7,
                          "pages": 4, "since": "2023-01-01", "started": report["started"],
                          "resumed": True, "mode": "all", "finished": True}
        with TrialStore(db) as store:
            assert len(store) == 7
            assert last_sync(store) == report["started"]


# --- HTTP errors -------------------------------------------------------------------------------


def test_429_with_retry_after_is_honoured(
    api: ApiStandin, db: Path, clock: Clock, retry: Retry, sleeps: list[float],
) -> None:
    studies = real_studies()[:3]
    for study in studies:
        api.put(study)
    api.fail_next(1, 429, {"Retry-After": "3"})
    store = TrialStore(db)
    put_in_store(store, studies)

    result = sync(store, retry=retry, clock=clock)

    assert sleeps == [3.0]
    assert [seen.status for seen in api.requests] == [429, 200]
    assert api.requests[0].params == api.requests[1].params
    assert result.finished and result.tally.unchanged == 3
    store.close()


def test_5xx_backs_off_exponentially_then_gives_up_keeping_what_was_committed(
    db: Path, clock: Clock, retry: Retry, sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with ApiStandin(real_studies()[:6], page_cap=2) as api:
        monkeypatch.setenv("TRIALS_API_URL", api.url)
        store = TrialStore(db)
        api.fail_next(2, 500)  # page 1: two failures, then it comes

        def page_2_fails(state: SyncProgress) -> None:
            if state.pages == 1:
                api.fail_next(10, 503)

        with pytest.raises(SyncError) as caught:
            sync(store, everything=True, since="2023-01-01", retry=retry, clock=clock,
                 progress=page_2_fails)

        assert sleeps == [1.0, 2.0, 1.0, 2.0, 4.0, 8.0, 16.0]
        message = str(caught.value)
        assert "answered HTTP 503 (Service Unavailable) for page 2" in message
        assert message.endswith("(asked 6 times)") and "\n" not in message
        assert caught.value.result.tally.new == 2 and not caught.value.result.finished
        assert len(store) == 2
        assert (read_state(db).running or pytest.fail("no state")).tally.pages == 1
        store.close()


def test_a_retry_after_too_long_is_not_waited_for(api: ApiStandin, sleeps: list[float]) -> None:
    api.fail_next(1, 503, {"Retry-After": "86400"})
    with pytest.raises(FetchError, match=r"it asks to wait 86400 s"):
        get(api.url + "?format=json", 1, retry=Retry(sleep=sleeps.append, max_wait=300))
    assert sleeps == []


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = 1_780_000_000.0  # 2026-05-28T20:26:40Z
    assert retry_after("3") == 3.0
    assert retry_after(" 120 ") == 120.0
    assert retry_after("Thu, 28 May 2026 20:27:10 GMT", now=lambda: now) == 30.0
    assert retry_after("Thu, 28 May 2026 20:00:00 GMT", now=lambda: now) == 0.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_4xx_is_not_asked_again(
    api: ApiStandin, db: Path, clock: Clock, retry: Retry, sleeps: list[float],
) -> None:
    api.put(real_studies()[0])
    api.fail_next(1, 400)
    store = TrialStore(db)
    put_in_store(store, real_studies()[:1])
    with pytest.raises(SyncError, match=r"answered HTTP 400 \(Bad Request\) for page 1"):
        sync(store, retry=retry, clock=clock)
    assert sleeps == [] and len(api.requests) == 1
    store.close()


def test_unreachable_api_names_the_host(db: Path, clock: Clock, retry: Retry) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = TrialStore(db)
    put_in_store(store, real_studies()[:1])
    with pytest.raises(SyncError) as caught:
        sync(store, base_url=f"http://127.0.0.1:{port}/api/v2/studies", retry=retry,
             clock=clock)
    assert str(caught.value) == f"cannot reach 127.0.0.1:{port} (Connection refused)"
    store.close()


# --- partial records ---------------------------------------------------------------------------


def test_a_partial_record_never_replaces_the_whole_one(
    api: ApiStandin, db: Path, clock: Clock, retry: Retry,
) -> None:
    whole = real_studies()[1]
    partial = copy.deepcopy(whole)
    for module in ("descriptionModule", "eligibilityModule", "designModule"):
        del partial["protocolSection"][module]
    set_last_update(partial, "2026-03-02")
    api.put(partial)
    store = TrialStore(db)
    put_in_store(store, [whole])
    before = store.get(nct_id(whole)) or {}

    result = sync(store, retry=retry, clock=clock)

    assert api.served() == [nct_id(whole)]
    assert (result.tally.changed, result.tally.unchanged) == (0, 1)
    after = store.get(nct_id(whole)) or {}
    assert after == before and after["summary"] and after["eligibility"]["inclusion"]
    assert len(store.history(nct_id(whole))) == 1
    store.close()


# --- the command -------------------------------------------------------------------------------


def test_the_command_prints_the_summary_line_and_json(
    api: ApiStandin, db: Path, clock: Clock, capsys: pytest.CaptureFixture[str],
) -> None:
    studies = real_studies()[:3]
    for study in studies:
        api.put(study)
    with TrialStore(db) as store:
        put_in_store(store, studies[:2])

    clock.now = "2026-03-01T06:15:00Z"
    code, out, err = trials(capsys, db, "sync")
    assert (code, out, err) == (
        0, "sync: 0 new, 0 changed, 2 unchanged (2 studies in 1 page)\n", "")

    clock.now = "2026-03-02T06:15:00Z"
    code, out, err = trials(capsys, db, "sync", "--json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert {k: report[k] for k in ("new", "changed", "unchanged", "failed", "studies", "pages",
                                   "resumed")} == {
        "new": 0, "changed": 0, "unchanged": 0, "failed": 0, "studies": 0, "pages": 1,
        "resumed": False}
    assert (report["since"], report["started"]) == ("2026-02-28", "2026-03-02T06:15:00Z")


def test_nothing_to_ask_says_so(api: ApiStandin, db: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = trials(capsys, db, "sync")
    assert code == 0
    assert out == "sync: 0 new, 0 changed, 0 unchanged (0 studies in 0 pages)\n"
    assert "nothing to ask" in err
    assert api.requests == []


def test_help_documents_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["sync", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "TRIALS_API_URL" in out and "--all" in out and "--since" in out


def test_a_bad_since_is_a_usage_error(api: ApiStandin, db: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = trials(capsys, db, "sync", "--since", "yesterday")
    assert code == 2 and "not a date" in err


def test_an_api_url_that_is_not_http_is_named(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRIALS_API_URL", "file:///etc/passwd")
    code, out, err = trials(capsys, db, "sync")
    assert (code, out) == (1, "")
    assert err == ("trials: the API URL 'file:///etc/passwd' is not an http(s) URL "
                   "(check $TRIALS_API_URL)\n")


def test_the_progress_bar_runs_on_a_terminal(
    api: ApiStandin, db: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui import sync_command

    monkeypatch.setattr(sync_command, "is_plain", lambda stream=None: False)
    api.put(real_studies()[0])
    with TrialStore(db) as store:
        put_in_store(store, real_studies()[:1])
    code, out, _ = trials(capsys, db, "sync")
    assert code == 0 and out.startswith("sync: 0 new")


# --- readers during a sync ---------------------------------------------------------------------

READERS = 12


def versions(number: int) -> tuple[Study, Study]:
    """Trial number `number` as stored (v1) and as the API serves it (v2)."""
    base = real_studies()[number]
    old = variant(base, f"NCT0888{number:04d}")
    old["protocolSection"]["identificationModule"]["briefTitle"] = f"Trial {number} [v1]"
    old["protocolSection"]["statusModule"]["overallStatus"] = "RECRUITING"
    old["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 101,
                                                                "type": "ESTIMATED"}
    set_last_update(old, "2026-01-01")
    new = copy.deepcopy(old)
    new["protocolSection"]["identificationModule"]["briefTitle"] = f"Trial {number} [v2]"
    new["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    new["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 202, "type": "ACTUAL"}
    set_last_update(new, "2026-03-02")
    return old, new


def read_until_stopped(path: str, ids: list[str], stop: Any, ready: Any, out: Any) -> None:
    """Read the store in a loop until stop is set; put (problems, completed counts seen)."""
    problems: list[str] = []
    seen: list[int] = []
    with TrialStore(path) as store:
        while True:
            stopping = stop.is_set()
            store.refresh()
            completed = store.count("status:completed")
            total = store.count("")
            if total != READERS:
                problems.append(f"{total} trials")
            if completed % 2:
                problems.append(f"{completed} completed: half a page")
            if not seen or seen[-1] != completed:
                seen.append(completed)
            found = 0
            for trial_id in ids:
                record = store.get(trial_id) or {}
                shape = (record.get("title", "")[-4:], record.get("status"),
                         (record.get("enrollment") or {}).get("count"))
                if shape == ("[v2]", "COMPLETED", 202):
                    found += 1
                elif shape != ("[v1]", "RECRUITING", 101):
                    problems.append(f"{trial_id}: mixed {shape}")
                columns = store.columns(trial_id) or {}
                if columns.get("status") != record.get("status"):
                    problems.append(f"{trial_id}: columns {columns.get('status')} vs record")
            if found != completed:
                problems.append(f"{found} trials read as v2, {completed} counted")
            ready.set()
            if stopping:
                break
    out.put((problems[:20], seen))


def test_readers_never_see_a_mixed_state_during_a_sync(
    db: Path, clock: Clock, retry: Retry, monkeypatch: pytest.MonkeyPatch,
) -> None:
    pairs = [versions(number) for number in range(READERS)]
    ids = [nct_id(old) for old, _ in pairs]
    store = TrialStore(db)
    put_in_store(store, [old for old, _ in pairs])
    context = multiprocessing.get_context("spawn")
    stop_process, ready_process, out_process = context.Event(), context.Event(), context.Queue()
    process = context.Process(target=read_until_stopped,
                              args=(str(db), ids, stop_process, ready_process, out_process))
    stop_thread, ready_thread = threading.Event(), threading.Event()
    out_thread: queue.Queue[tuple[list[str], list[int]]] = queue.Queue()
    thread = threading.Thread(target=read_until_stopped,
                              args=(str(db), ids, stop_thread, ready_thread, out_thread))
    process.start()
    thread.start()
    try:
        assert ready_process.wait(120) and ready_thread.wait(30)
        with ApiStandin([new for _, new in pairs], page_cap=2) as api:
            monkeypatch.setenv("TRIALS_API_URL", api.url)

            def pause(state: SyncProgress) -> None:
                time.sleep(0.15)  # time for the readers to read between two commits

            result = sync(store, retry=retry, clock=clock, ids_per_request=4, progress=pause,
                          commit_studies=1)  # a commit per page: readers see each
        assert result.tally.changed == READERS and result.tally.pages == READERS // 2
    finally:
        stop_process.set()
        stop_thread.set()
        thread.join(60)
        process.join(120)
    problems, seen_by_thread = out_thread.get(timeout=5)
    process_problems, seen_by_process = out_process.get(timeout=5)
    assert problems == [] and process_problems == []
    assert process.exitcode == 0
    for seen in (seen_by_thread, seen_by_process):
        assert seen[0] == 0 and seen[-1] == READERS
        assert seen == sorted(seen)  # each reader moves forward, a page at a time
    assert len(seen_by_thread) > 2  # it saw the sync under way, not only before and after
    store.close()


def test_the_pages_of_a_sync_are_committed_in_checkpoints(db: Path, clock: Clock,
                                                            retry: Retry,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Pages of 2 studies, checkpoints of 4: 7 studies make 2 commits, not 4, so that a sync
    of a few changes spread over many pages costs a few commits, whatever the store's size."""
    studies = real_studies()[:7]
    with ApiStandin(studies, page_cap=2) as api:
        monkeypatch.setenv("TRIALS_API_URL", api.url)
        store = TrialStore(db)
        before = store.index.generation
        result = sync(store, everything=True, since="2023-01-01", retry=retry, clock=clock,
                      commit_studies=4)
        assert result.tally.pages == 4 and result.tally.new == 7
        assert store.index.generation - before == 2
        assert len(store) == 7
        store.close()
