"""A local stand-in for the ClinicalTrials.gov API v2 `/api/v2/studies` endpoint, for tests.

    with ApiStandin(real_studies()[:10]) as api:      # serves on 127.0.0.1, a free port
        os.environ["TRIALS_API_URL"] = api.url
        ...
        api.requests      # every request: its parameters and the NCT ids it was served

It serves real study objects (tests/fixtures/realdata: the site's JSON download, 50 API v2
studies; variant() copies one under another NCT id) in NCT id order and honours what
`trials fetch` and `trials sync` ask:

* `query.term`: every word of it in the study's protocolSection (case folded);
* `filter.ids`: comma-separated NCT ids;
* `filter.advanced`: only `AREA[LastUpdatePostDate]RANGE[<from>,<to>]`, each end a
  YYYY-MM-DD date or MIN / MAX, compared with the study's lastUpdatePostDateStruct.date;
* `pageSize` (1 to 1000; `page_cap` serves fewer, as the API may), `pageToken` (tokens it
  handed out, for the same query only), `countTotal`, `format=json`.

Anything else is answered HTTP 400, as a check on what is asked. fail_next(n, status) answers
the next n requests with an error (429 with Retry-After, 500, …); fail_from(k, status) answers
every request from the k-th on with one (a server that has gone bad), until heal().
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import orjson

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
DOWNLOAD = REALDATA / "dgg32__clinical-trials-public__ctg-studies(5).json"
PATH = "/api/v2/studies"
KNOWN = {"format", "query.term", "filter.ids", "filter.advanced", "pageSize", "pageToken",
         "countTotal"}
_RANGE = re.compile(r"^AREA\[LastUpdatePostDate\]RANGE\[([^,\]]+),([^,\]]+)\]$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Study = dict[str, Any]


def real_studies() -> list[Study]:
    """The 50 real API v2 studies of the site's JSON download (fresh copies)."""
    studies: list[Study] = json.loads(DOWNLOAD.read_text(encoding="utf-8"))
    return studies


def nct_id(study: Study) -> str:
    return str(study["protocolSection"]["identificationModule"]["nctId"])


def variant(study: Study, new_id: str) -> Study:
    """A copy of a study under another NCT id."""
    copied = copy.deepcopy(study)
    copied["protocolSection"]["identificationModule"]["nctId"] = new_id
    return copied


def last_update(study: Study) -> str:
    return str(study["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"])


def set_last_update(study: Study, day: str) -> None:
    status = study["protocolSection"]["statusModule"]
    status["lastUpdatePostDateStruct"] = {"date": day, "type": "ACTUAL"}
    status["lastUpdateSubmitDate"] = day


@dataclass
class Seen:
    """One request: its path and parameters, its answer's status, the NCT ids served."""

    path: str
    params: dict[str, str]
    status: int = 200
    served: list[str] = field(default_factory=list)


class _BadRequest(Exception):
    pass


class ApiStandin:
    """The endpoint (see the module doc); start() / stop(), or use it as a context manager."""

    def __init__(self, studies: list[Study] | None = None, *, page_cap: int = 1000) -> None:
        self.studies: dict[str, Study] = {}
        for study in studies or []:
            self.put(study)
        self.page_cap = page_cap
        self.requests: list[Seen] = []
        self.url = ""
        self._failures: deque[tuple[int, dict[str, str]]] = deque()
        self._fail_from: tuple[int, int] | None = None
        self._tokens: dict[str, tuple[str, int]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- the data -----------------------------------------------------------------------

    def put(self, study: Study) -> None:
        """Add a study, or replace the one with its NCT id."""
        self.studies[nct_id(study)] = study

    def fail_next(self, count: int, status: int, headers: dict[str, str] | None = None) -> None:
        """Answer the next `count` requests with `status` (and headers)."""
        for _ in range(count):
            self._failures.append((status, dict(headers or {})))

    def fail_from(self, number: int, status: int) -> None:
        """Answer request number `number` (1-based, counting every request so far) and every
        one after it with `status`, until heal()."""
        self._fail_from = (number, status)

    def heal(self) -> None:
        self._failures.clear()
        self._fail_from = None

    def served(self) -> list[str]:
        """The NCT ids served, in order, over every request."""
        return [nct for seen in self.requests for nct in seen.served]

    def tokens_handed_out(self) -> set[str]:
        return set(self._tokens)

    # --- the server ---------------------------------------------------------------------

    def start(self) -> ApiStandin:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, headers, body = standin._handle(self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_port}{PATH}"
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> ApiStandin:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- answering ----------------------------------------------------------------------

    def _handle(self, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(raw_path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        with self._lock:
            seen = Seen(parts.path, params)
            self.requests.append(seen)
            failure = self._failure(len(self.requests))
            if failure is not None:
                seen.status = failure[0]
                return failure[0], failure[1], b"stand-in failure"
            try:
                page, served = self._page(parts.path, params)
            except _BadRequest as error:
                seen.status = 400
                return 400, {"Content-Type": "text/plain"}, str(error).encode()
            seen.served = served
            return 200, {"Content-Type": "application/json"}, orjson.dumps(page)

    def _failure(self, number: int) -> tuple[int, dict[str, str]] | None:
        if self._failures:
            return self._failures.popleft()
        if self._fail_from is not None and number >= self._fail_from[0]:
            return self._fail_from[1], {}
        return None

    def _page(self, path: str, params: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
        """One page of the studies a request asks (checked, paged with tokens as the API
        does); the NCT ids it serves."""
        if path != PATH:
            raise _BadRequest(f"no such endpoint {path}")
        unknown = set(params) - KNOWN
        if unknown:
            raise _BadRequest(f"unknown parameters {sorted(unknown)}")
        if params.get("format", "json") != "json":
            raise _BadRequest("format must be json")
        size_text = params.get("pageSize", "10")
        if not size_text.isdigit() or not 1 <= int(size_text) <= 1000:
            raise _BadRequest(f"bad pageSize {size_text!r}")
        size = min(int(size_text), self.page_cap)
        matching = self._matching(params)
        query = orjson.dumps({k: v for k, v in sorted(params.items())
                              if k not in ("pageToken", "pageSize", "countTotal")}).decode()
        start = 0
        if "pageToken" in params:
            handed = self._tokens.get(params["pageToken"])
            if handed is None or handed[0] != query:
                raise _BadRequest(f"bad pageToken {params['pageToken']!r}")
            start = handed[1]
        served = matching[start:start + size]
        page: dict[str, Any] = {"studies": [self._study(nct) for nct in served]}
        if start + size < len(matching):
            token = f"tok{len(self._tokens) + 1:04d}"
            self._tokens[token] = (query, start + size)
            page["nextPageToken"] = token
        if params.get("countTotal") == "true":
            page = {"totalCount": len(matching), **page}
        return page, served

    def _matching(self, params: dict[str, str]) -> list[str]:
        """The NCT ids of the studies a request matches, in the order served."""
        return [nct for nct, study in sorted(self.studies.items())
                if self._matches(study, params)]

    def _study(self, nct: str) -> Any:
        """A served study's JSON value."""
        return self.studies[nct]

    def _matches(self, study: Study, params: dict[str, str]) -> bool:
        if "filter.ids" in params:
            wanted = {part.strip() for part in params["filter.ids"].split(",") if part.strip()}
            if nct_id(study) not in wanted:
                return False
        if "filter.advanced" in params:
            match = _RANGE.match(params["filter.advanced"])
            if match is None:
                raise _BadRequest(f"unsupported filter.advanced {params['filter.advanced']!r}")
            low, high = match.groups()
            for end in (low, high):
                if end not in ("MIN", "MAX") and not _DATE.match(end):
                    raise _BadRequest(f"bad RANGE end {end!r}")
            day = last_update(study)
            if (low != "MIN" and day < low) or (high != "MAX" and day > high):
                return False
        if "query.term" in params:
            text = orjson.dumps(study["protocolSection"]).decode().lower()
            if not all(word in text for word in params["query.term"].lower().split()):
                return False
        return True
