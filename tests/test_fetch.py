"""`trials fetch` and store.fetch against a local fake of the ClinicalTrials.gov API v2."""

from __future__ import annotations

import gzip
import hashlib
import json
import socket
import threading
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import orjson
import pytest

from store import TrialStore
from store import fetch as fetch_module
from store.fetch import STUDY_URL, FetchError, fetch_studies, study_item
from tui.cli import main

Reply = tuple[int, bytes, dict[str, str]]


def make_study(number: int) -> dict[str, Any]:
    """A small study in the API's shape."""
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": f"NCT{number:08d}",
                "briefTitle": f"Aspirin for migraine, study {number}",
            },
            "statusModule": {"overallStatus": "RECRUITING"},
            "conditionsModule": {"conditions": ["Migraine"]},
            "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2"]},
        },
        "hasResults": False,
    }


@dataclass
class Seen:
    """One request the fake API received."""

    path: str
    query: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeApi:
    """The /api/v2/studies endpoint: pages over `studies` with opaque page tokens.

    `page_cap` makes it return fewer studies than asked (at most that many per page);
    `ignore_page_size` makes it return `page_cap` studies whatever pageSize says; `replies`
    replaces the answer to the Nth request (1-based); `stall` holds every answer until the
    test ends.
    """

    studies: list[dict[str, Any]] = field(default_factory=list)
    page_cap: int = 1000
    ignore_page_size: bool = False
    replies: dict[int, Reply] = field(default_factory=dict)
    stall: bool = False
    url: str = ""
    requests: list[Seen] = field(default_factory=list)
    tokens: dict[str, int] = field(default_factory=dict)
    release: threading.Event = field(default_factory=threading.Event)

    def answer(self, params: dict[str, str], gzip_ok: bool) -> Reply:
        if self.stall:
            self.release.wait(10)
        number = len(self.requests)
        if number in self.replies:
            return self.replies[number]
        start = self.tokens[params["pageToken"]] if "pageToken" in params else 0
        size = self.page_cap if self.ignore_page_size else min(int(params["pageSize"]),
                                                               self.page_cap)
        page: dict[str, Any] = {"studies": self.studies[start:start + size]}
        if start + size < len(self.studies):
            token = hashlib.sha1(str(start + size).encode()).hexdigest()[:14]
            self.tokens[token] = start + size
            page["nextPageToken"] = token
        if params.get("countTotal") == "true":
            page = {"totalCount": len(self.studies), **page}
        body = orjson.dumps(page)
        headers = {"Content-Type": "application/json"}
        if gzip_ok:
            body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
        return 200, body, headers

    def page_tokens(self) -> list[str | None]:
        return [seen.params.get("pageToken") for seen in self.requests]

    def page_sizes(self) -> list[int]:
        return [int(seen.params["pageSize"]) for seen in self.requests]


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeApi]:
    """A running fake API on 127.0.0.1, also set as TRIALS_API_URL."""
    fake = FakeApi()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query, keep_blank_values=True))
            fake.requests.append(Seen(parts.path, parts.query, params, dict(self.headers)))
            gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
            status, body, headers = fake.answer(params, gzip_ok)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client that gave up (the timeout test) is not an error here

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_port}/api/v2/studies"
    monkeypatch.setenv("TRIALS_API_URL", fake.url)
    yield fake
    fake.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_url() -> str:
    """An API URL on a local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v2/studies"


def host(url: str) -> str:
    return urlsplit(url).netloc


def nct_ids(numbers: range | list[int]) -> list[str]:
    return [f"NCT{n:08d}" for n in numbers]


# --- store.fetch -------------------------------------------------------------------------------


def test_three_pages_follow_the_tokens_and_ask_for_what_remains(api: FakeApi) -> None:
    api.studies = [make_study(n) for n in range(1, 2501)]
    seen: list[tuple[int, int | None, int]] = []

    result = fetch_studies("aspirin", 2500, progress=lambda *a: seen.append(a))

    assert api.page_sizes() == [1000, 1000, 500]
    tokens = api.page_tokens()
    assert tokens[0] is None and None not in tokens[1:]
    assert [api.tokens.get(t or "") for t in tokens[1:]] == [1000, 2000]  # as handed out
    assert api.requests[0].params.get("countTotal") == "true"
    assert all("countTotal" not in request.params for request in api.requests[1:])
    assert result.total == 2500 and result.pages == 3
    assert [label for label, _ in result.items] == [
        STUDY_URL.format(nct) for nct in nct_ids(range(1, 2501))
    ]
    assert seen == [(1000, 2500, 1), (2000, 2500, 2), (2500, 2500, 3)]


def test_max_cuts_mid_page_and_the_last_request_asks_only_for_the_rest(api: FakeApi) -> None:
    api.studies = [make_study(n) for n in range(1, 26)]
    api.page_cap = 10  # the server sends fewer than asked

    result = fetch_studies("aspirin", 15)

    assert api.page_sizes() == [15, 5]
    assert [orjson.loads(body)["protocolSection"]["identificationModule"]["nctId"]
            for _, body in result.items] == nct_ids(range(1, 16))
    assert result.total == 25


def test_studies_beyond_max_are_dropped_when_the_server_ignores_page_size(
    api: FakeApi,
) -> None:
    api.studies = [make_study(n) for n in range(1, 26)]
    api.page_cap, api.ignore_page_size = 10, True

    result = fetch_studies("aspirin", 15)

    assert len(api.requests) == 2
    assert [label.rsplit("/", 1)[1] for label, _ in result.items] == nct_ids(range(1, 16))


def test_query_parameters_user_agent_and_path(api: FakeApi) -> None:
    api.studies = [make_study(n) for n in range(1, 4)]
    api.page_cap = 2

    fetch_studies('stem cell & "ALS/NMO" 100%', 50)

    first, second = api.requests
    assert first.path == "/api/v2/studies"
    assert "query.term=stem+cell+%26+%22ALS%2FNMO%22+100%25" in first.query
    assert first.params == {"format": "json", "query.term": 'stem cell & "ALS/NMO" 100%',
                            "pageSize": "50", "countTotal": "true"}
    assert second.params["query.term"] == 'stem cell & "ALS/NMO" 100%'
    assert second.params["pageSize"] == "48"
    assert second.params["format"] == "json"
    assert first.headers["User-Agent"].startswith("trials/")


def test_a_gzipped_page_is_decoded(api: FakeApi) -> None:
    api.studies = [make_study(1)]
    result = fetch_studies("aspirin", 5)
    assert "gzip" in api.requests[0].headers["Accept-Encoding"]
    assert orjson.loads(result.items[0][1]) == make_study(1)


def test_study_without_an_nct_id_is_labelled_with_the_page_url() -> None:
    study = make_study(7)
    del study["protocolSection"]["identificationModule"]["nctId"]
    page = "https://clinicaltrials.gov/api/v2/studies?query.term=x"
    label, body = study_item(study, page)
    assert label == page
    assert orjson.loads(body) == study
    assert study_item(make_study(7), page)[0] == "https://clinicaltrials.gov/study/NCT00000007"


def test_http_500_on_page_2_names_the_host_status_and_page(api: FakeApi) -> None:
    api.studies = [make_study(n) for n in range(1, 6)]
    api.page_cap = 2
    api.replies[2] = (500, b"Internal error", {"Content-Type": "text/plain"})
    with pytest.raises(FetchError) as caught:
        fetch_studies("aspirin", 100)
    message = str(caught.value)
    assert message.startswith(
        f"the ClinicalTrials.gov API at {host(api.url)} answered HTTP 500 "
        "(Internal Server Error) for page 2"
    )
    assert "\n" not in message


def test_http_400_keeps_the_apis_explanation_on_one_line(api: FakeApi) -> None:
    api.replies[1] = (400, b"query.term: unbalanced\nparenthesis\x1b[31m", {})
    with pytest.raises(FetchError, match=r"HTTP 400 \(Bad Request\) for page 1: "
                       r"query\.term: unbalanced parenthesis$"):
        fetch_studies("(aspirin", 10)


def test_a_page_that_is_not_json(api: FakeApi) -> None:
    api.replies[1] = (200, b"<html>maintenance</html>", {"Content-Type": "text/html"})
    with pytest.raises(FetchError, match=rf"^page 1 from {host(api.url)} is not JSON \(line 1"):
        fetch_studies("aspirin", 10)


@pytest.mark.parametrize("body", [b'{"items": []}', b"[]", b'{"studies": {}}',
                                  b'{"studies": [], "nextPageToken": 3}'])
def test_a_page_not_in_the_apis_shape(api: FakeApi, body: bytes) -> None:
    api.replies[1] = (200, body, {})
    with pytest.raises(FetchError, match=r"is not a ClinicalTrials\.gov API page"):
        fetch_studies("aspirin", 10)


def test_connection_refused_says_the_host_cannot_be_reached(closed_url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_studies("aspirin", 10, base_url=closed_url)
    assert str(caught.value) == f"cannot reach {host(closed_url)} (Connection refused)"


def test_a_server_that_does_not_answer_times_out(api: FakeApi) -> None:
    api.stall = True
    with pytest.raises(FetchError) as caught:
        fetch_studies("aspirin", 10, timeout=0.3)
    assert str(caught.value) == f"{host(api.url)} did not answer within 0.3 s (page 1)"


def test_zero_results_fetch_nothing(api: FakeApi) -> None:
    result = fetch_studies("zzzz", 10)
    assert result.items == [] and result.total == 0 and result.pages == 1


def test_an_api_url_that_is_not_http_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIALS_API_URL", "file:///etc/passwd")
    with pytest.raises(FetchError, match=r"not an http\(s\) URL \(check \$TRIALS_API_URL\)"):
        fetch_studies("aspirin", 10)


def test_max_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        fetch_studies("aspirin", 0)


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path / "db.json"


def trials(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def stored(db: Path) -> dict[str, dict[str, Any]]:
    with TrialStore(db) as store:
        return {record["id"]: record for record in store}


def test_fetch_imports_every_page_in_one_go(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.studies = [make_study(n) for n in range(1, 6)]
    api.page_cap = 2

    code, out, err = trials(capsys, db, "fetch", "aspirin", "migraine")

    assert code == 0, err
    assert out == "5 imported, 0 updated, 0 unchanged, 0 failed, from 5 studies (ctgov-json 5)\n"
    assert err == ""
    assert api.requests[0].params["query.term"] == "aspirin migraine"
    assert len(api.requests) == 3 and None not in api.page_tokens()[1:]
    records = stored(db)
    assert sorted(records) == nct_ids(range(1, 6))
    record = records["NCT00000003"]
    assert record["source"]["path"] == "https://clinicaltrials.gov/study/NCT00000003"
    assert record["source"]["format"] == "ctgov-json"
    assert record["title"] == "Aspirin for migraine, study 3"
    assert record["phases"] == ["PHASE2"]


def test_fetch_max_imports_only_that_many_and_says_how_many_matched(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.studies = [make_study(n) for n in range(1, 6)]
    api.page_cap = 2

    code, out, err = trials(capsys, db, "fetch", "aspirin", "--max", "3")

    assert code == 0, err
    assert api.page_sizes() == [3, 1]
    assert out.startswith("3 imported")
    assert err == "trials: fetched 3 of the 5 studies matching 'aspirin' (--max raises the limit)\n"
    assert sorted(stored(db)) == nct_ids(range(1, 4))


def test_fetch_max_says_a_large_match_count_with_separators(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.studies = [make_study(n) for n in range(1, 1_206)]

    code, _, err = trials(capsys, db, "fetch", "aspirin", "--max", "2")

    assert code == 0, err
    assert err == ("trials: fetched 2 of the 1,205 studies matching 'aspirin' "
                   "(--max raises the limit)\n")


def test_fetching_the_same_studies_again_changes_nothing(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.studies = [make_study(n) for n in range(1, 4)]
    assert trials(capsys, db, "fetch", "aspirin")[0] == 0
    before = stored(db)

    code, out, _ = trials(capsys, db, "fetch", "aspirin")

    assert code == 0
    assert out == ("0 imported, 0 updated, 3 unchanged, 0 failed, from 3 studies\n"
                   "3 studies not parsed: their bytes are those of stored trials (unchanged)\n")
    assert stored(db) == before


def test_http_500_on_page_2_imports_nothing(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.studies = [make_study(n) for n in range(1, 6)]
    api.page_cap = 2
    api.replies[2] = (500, b"", {})

    code, out, err = trials(capsys, db, "fetch", "aspirin")

    assert code == 1
    assert out == ""
    assert err == (f"trials: the ClinicalTrials.gov API at {host(api.url)} answered HTTP 500 "
                   "(Internal Server Error) for page 2; nothing was imported\n")
    assert stored(db) == {}


def test_a_failure_leaves_earlier_trials_as_they_were(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.studies = [make_study(n) for n in range(1, 3)]
    trials(capsys, db, "fetch", "aspirin")
    before = stored(db)
    api.studies = [{**make_study(n), "hasResults": True} for n in range(1, 6)]
    api.page_cap = 2
    api.replies[len(api.requests) + 3] = (200, b"not json", {})

    code, _, err = trials(capsys, db, "fetch", "aspirin")

    assert code == 1
    assert "page 3 from" in err and "is not JSON" in err and "nothing was imported" in err
    assert stored(db) == before


def test_offline_says_so_and_imports_nothing(
    closed_url: str, db: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRIALS_API_URL", closed_url)

    code, out, err = trials(capsys, db, "fetch", "aspirin")

    assert code == 1
    assert out == ""
    assert err == (f"trials: cannot reach {host(closed_url)} (Connection refused); "
                   "nothing was imported\n")
    assert stored(db) == {}


def test_no_matching_study_is_not_an_error(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = trials(capsys, db, "fetch", "zzzz qqqq")

    assert code == 0
    assert out == ""
    assert err == "trials: no study matches 'zzzz qqqq' on ClinicalTrials.gov\n"
    assert stored(db) == {}


def test_a_malformed_study_fails_alone(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = make_study(2)
    broken["protocolSection"]["conditionsModule"]["conditions"] = "Migraine"
    api.studies = [make_study(1), broken, make_study(3)]

    code, out, err = trials(capsys, db, "fetch", "aspirin")

    assert code == 1
    assert out.startswith("2 imported, 0 updated, 0 unchanged, 1 failed")
    assert err.startswith("trials: https://clinicaltrials.gov/study/NCT00000002: ")
    assert "conditions" in err
    assert sorted(stored(db)) == ["NCT00000001", "NCT00000003"]


def test_json_prints_the_per_study_report(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.studies = [make_study(1)]

    code, out, _ = trials(capsys, db, "fetch", "aspirin", "--json")

    assert code == 0
    report = json.loads(out)  # the document `trials import --json` prints
    assert report["counts"] == {"imported": 1, "updated": 0, "unchanged": 0, "failed": 0}
    assert report["outcomes_left_off"] == 0
    [outcome] = report["outcomes"]
    assert outcome["path"] == "https://clinicaltrials.gov/study/NCT00000001"
    assert outcome["status"] == "imported" and outcome["trial_id"] == "NCT00000001"


@pytest.mark.parametrize("value", ["0", "-3"])
def test_max_below_one_is_a_usage_error(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, out, err = trials(capsys, db, "fetch", "aspirin", "--max", value)
    assert code == 2
    assert out == ""
    assert err == "trials: --max must be at least 1\n"
    assert api.requests == []


def test_ctrl_c_while_fetching_imports_nothing(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api.studies = [make_study(n) for n in range(1, 6)]
    api.page_cap = 2
    real_urlopen: Callable[..., Any] = urllib.request.urlopen
    calls: list[str] = []

    def urlopen(request: urllib.request.Request, timeout: float) -> Any:
        calls.append(request.full_url)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_urlopen(request, timeout=timeout)

    monkeypatch.setattr(fetch_module.urllib.request, "urlopen", urlopen)

    code, out, err = trials(capsys, db, "fetch", "aspirin")

    assert code == 130
    assert len(calls) == 2
    assert out == ""
    assert err == "trials: interrupted while fetching; nothing was imported\n"
    assert stored(db) == {}


def test_help_documents_the_api_url_variable(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fetch", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "TRIALS_API_URL" in out and "--max N" in out


def test_the_progress_bars_run_on_a_terminal(
    api: FakeApi, db: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui import fetch_command

    monkeypatch.setattr(fetch_command, "is_plain", lambda stream=None: False)
    api.studies = [make_study(n) for n in range(1, 6)]
    api.page_cap = 2

    code, out, _ = trials(capsys, db, "fetch", "aspirin")

    assert code == 0
    assert out.startswith("5 imported")
    assert sorted(stored(db)) == nct_ids(range(1, 6))


def test_a_fetch_that_fails_leaves_no_new_store_behind(
    closed_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A mistyped --db with a fetch that cannot reach the registry: no store, no folder."""
    monkeypatch.setenv("TRIALS_API_URL", closed_url)
    db = tmp_path / "new" / "deeper" / "trials.json"
    assert main(["--db", str(db), "fetch", "aspirin"]) == 1
    assert "nothing was imported" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_fetch_into_an_existing_store_leaves_it(
    closed_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRIALS_API_URL", closed_url)
    db = tmp_path / "trials.json"
    TrialStore(db).close()
    assert main(["--db", str(db), "fetch", "aspirin"]) == 1
    assert db.exists() and len(TrialStore(db)) == 0


def test_an_import_whose_every_file_fails_leaves_no_new_store(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("not a trial")
    db = tmp_path / "store" / "trials.json"
    assert main(["--db", str(db), "import", str(page)]) == 1
    assert not (tmp_path / "store").exists()
    good = tmp_path / "ok.json"
    good.write_text(json.dumps({"protocolSection": {"identificationModule": {
        "nctId": "NCT09000001", "briefTitle": "A"}}}))
    assert main(["--db", str(db), "import", str(page), str(good)]) == 1  # one failed
    assert TrialStore(db).ids() == ["NCT09000001"]
