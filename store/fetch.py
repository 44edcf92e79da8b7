"""Fetch studies from the ClinicalTrials.gov API v2 (no UI, standard library HTTP only).

``fetch_studies`` asks ``GET /api/v2/studies`` page after page (``query.term``, ``pageSize``,
``pageToken``; ``countTotal=true`` on the first page) until it has ``max_studies`` studies or
the API has no more, and returns one ``(label, bytes)`` item per study, ready for
``TrialStore.import_data``: the label is the study's page on ClinicalTrials.gov (the API page's
URL when the study has no NCT id), the bytes its JSON object.

Every page is fetched before anything is returned, so a failure on any page (offline, an HTTP
error, a timeout, a page that is not JSON or not in the API's shape) raises FetchError, with a
one-line message naming the host and the reason, and nothing is imported.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from parsers import clean_text

DEFAULT_API_URL = "https://clinicaltrials.gov/api/v2/studies"
#: Environment variable overriding the API's URL (for tests, mirrors and proxies).
API_URL_ENV = "TRIALS_API_URL"
STUDY_URL = "https://clinicaltrials.gov/study/{}"
#: The API's largest pageSize.
MAX_PAGE_SIZE = 1000
DEFAULT_MAX = 100
TIMEOUT = 30.0
USER_AGENT = "trials/0.1 (terminal browser for clinical-trial records; Python urllib)"

#: progress(studies fetched, studies expected or None when unknown, page number)
FetchProgress = Callable[[int, int | None, int], None]
Item = tuple[str, bytes]

_NCT = re.compile(r"NCT\d{8}")
_DETAIL_CHARS = 200


class FetchError(Exception):
    """The studies could not be fetched; the message is one line naming the host and why."""


@dataclass
class FetchResult:
    """What a fetch brought back: one (label, JSON bytes) item per study."""

    items: list[Item] = field(default_factory=list)
    #: The number of studies matching the query, as the API counted them (None if it did not).
    total: int | None = None
    pages: int = 0


def api_url() -> str:
    """The API's studies URL: $TRIALS_API_URL, or ClinicalTrials.gov's."""
    return os.environ.get(API_URL_ENV) or DEFAULT_API_URL


def fetch_studies(
    query: str,
    max_studies: int = DEFAULT_MAX,
    *,
    base_url: str | None = None,
    timeout: float = TIMEOUT,
    progress: FetchProgress | None = None,
) -> FetchResult:
    """Fetch up to max_studies studies matching query, every page before returning.

    Raises FetchError (nothing fetched is returned) when a page cannot be fetched or read,
    and ValueError for max_studies < 1. progress is called after each page.
    """
    if max_studies < 1:
        raise ValueError("max_studies must be at least 1")
    base = base_url or api_url()
    _check_url(base)
    result = FetchResult()
    token: str | None = None
    while len(result.items) < max_studies:
        result.pages += 1
        size = min(max_studies - len(result.items), MAX_PAGE_SIZE)
        url = page_url(base, query, size, token)
        page = _read_page(_get(url, result.pages, timeout), url, result.pages)
        if result.pages == 1:
            result.total = _total(page)
        studies = page["studies"][:size]
        result.items.extend(study_item(study, url) for study in studies)
        if progress is not None:
            expected = None if result.total is None else min(result.total, max_studies)
            progress(len(result.items), expected, result.pages)
        token = page.get("nextPageToken")
        if not studies or not isinstance(token, str) or not token:
            break
    return result


def page_url(base: str, query: str, size: int, token: str | None = None) -> str:
    """The URL of one page of results: the first page (no token) also asks for the total."""
    params = {"format": "json", "query.term": query, "pageSize": str(size)}
    if token is None:
        params["countTotal"] = "true"
    else:
        params["pageToken"] = token
    return f"{base}{'&' if '?' in base else '?'}{urllib.parse.urlencode(params)}"


def study_item(study: Any, page: str) -> Item:
    """(label, JSON bytes) of one study: its ClinicalTrials.gov page, or the API page's URL."""
    nct = _dig(study, "protocolSection", "identificationModule", "nctId")
    label = STUDY_URL.format(nct) if isinstance(nct, str) and _NCT.fullmatch(nct) else page
    return label, orjson.dumps(study)


# --- HTTP --------------------------------------------------------------------------------------


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"the API URL {url!r} is not an http(s) URL (check ${API_URL_ENV})")


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc


def _get(url: str, page: int, timeout: float) -> bytes:
    """The body of a GET (gzip or deflate decoded); FetchError for anything that goes wrong."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    host = _host(url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
    except urllib.error.HTTPError as error:
        raise FetchError(_http_error(error, host, page)) from None
    except urllib.error.URLError as error:
        if _is_timeout(error.reason):
            raise FetchError(_timeout(host, page, timeout)) from None
        raise FetchError(f"cannot reach {host} ({_reason(error.reason)})") from None
    except TimeoutError:
        raise FetchError(_timeout(host, page, timeout)) from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(
            f"the connection to {host} broke while reading page {page} ({_reason(error)})"
        ) from None
    return _decode(body, encoding, host, page)


def _decode(body: bytes, encoding: str, host: str, page: int) -> bytes:
    try:
        if encoding in ("gzip", "x-gzip"):
            return gzip.decompress(body)
        if encoding == "deflate":
            return zlib.decompress(body)
    except (OSError, EOFError, zlib.error) as error:
        raise FetchError(
            f"page {page} from {host} could not be decompressed ({encoding}: {error})"
        ) from None
    return body


def _http_error(error: urllib.error.HTTPError, host: str, page: int) -> str:
    """'the ClinicalTrials.gov API at HOST answered HTTP 400 (Bad Request) for page 1: …'."""
    phrase = f" ({error.reason})" if error.reason else ""
    message = (
        f"the ClinicalTrials.gov API at {host} answered HTTP {error.code}{phrase} for page {page}"
    )
    detail = _detail(error)
    return f"{message}: {detail}" if detail else message


def _detail(error: urllib.error.HTTPError) -> str:
    """The start of an error page's text on one line, cleaned (the API explains a 400 there)."""
    try:
        body = error.read(4096)
    except (OSError, http.client.HTTPException):
        return ""
    headers = error.headers
    encoding = (headers.get("Content-Encoding") or "").strip() if headers is not None else ""
    if encoding or not body or body.lstrip()[:1] == b"<":  # compressed or an HTML page
        return ""
    text = " ".join(clean_text(body.decode("utf-8", "replace")).split())
    return text if len(text) <= _DETAIL_CHARS else text[: _DETAIL_CHARS - 1] + "…"


def _is_timeout(reason: object) -> bool:
    return isinstance(reason, TimeoutError) or "timed out" in str(reason)


def _timeout(host: str, page: int, timeout: float) -> str:
    return f"{host} did not answer within {timeout:g} s (page {page})"


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


# --- the page ----------------------------------------------------------------------------------


def _read_page(body: bytes, url: str, page: int) -> dict[str, Any]:
    """The page as the API shapes it: {"studies": [...], "nextPageToken"?, "totalCount"?}."""
    host = _host(url)
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise FetchError(
            f"page {page} from {host} is not JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg})"
        ) from None
    if not isinstance(value, dict) or not isinstance(value.get("studies"), list):
        raise FetchError(
            f"page {page} from {host} is not a ClinicalTrials.gov API page (no list of studies)"
        )
    token = value.get("nextPageToken")
    if token is not None and not isinstance(token, str):
        raise FetchError(
            f"page {page} from {host} is not a ClinicalTrials.gov API page "
            "(nextPageToken is not a string)"
        )
    return value


def _total(page: dict[str, Any]) -> int | None:
    total = page.get("totalCount")
    return total if isinstance(total, int) and not isinstance(total, bool) and total >= 0 else None


def _dig(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
