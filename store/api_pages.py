"""Pages of the ClinicalTrials.gov API v2 over HTTP (standard library only), for `trials fetch`
(store.fetch) and `trials sync` (store.sync).

    url = studies_url(base, {"format": "json", "query.term": "aspirin", "pageSize": "1000"})
    body = get(url, page=1, timeout=30.0, retry=Retry())   # bytes, gzip or deflate decoded
    page = read_page(body, url, 1)   # {"studies": [...], "nextPageToken"?, "totalCount"?}

Anything that goes wrong raises FetchError, with a one-line message naming the host and the
reason. With a Retry, an answer HTTP 429 (too many requests) or 5xx (the server's trouble) is
asked again, at most `retries` more times, after the wait its Retry-After header asks (seconds
or an HTTP date) or else after 1, 2, 4, 8, 16 s; a wait longer than `max_wait` is not waited
for (FetchError). Other answers (4xx), and a host that cannot be reached, a broken connection,
a timeout, are not asked again.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import http.client
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

import orjson

from parsers import clean_text

DEFAULT_API_URL = "https://clinicaltrials.gov/api/v2/studies"
#: Environment variable overriding the API's URL (for tests, mirrors and proxies).
API_URL_ENV = "TRIALS_API_URL"
#: Seconds to wait for an answer.
TIMEOUT = 30.0
USER_AGENT = "trials/0.1 (terminal browser for clinical-trial records; Python urllib)"
#: HTTP statuses asked again (with a Retry): too many requests, and the server's errors.
RETRYABLE = frozenset({429, *range(500, 600)})

_DETAIL_CHARS = 200


class FetchError(Exception):
    """The studies could not be fetched; the message is one line naming the host and why."""


class HTTPStatusError(FetchError):
    """The API answered with an HTTP error status (code); retry_after: the seconds its
    Retry-After header asks to wait, or None."""

    def __init__(self, message: str, code: int, retry_after: float | None) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after


@dataclass(frozen=True)
class Retry:
    """How answers HTTP 429 and 5xx are asked again: at most `retries` more times, waiting
    Retry-After's seconds, or first_delay, doubled each time; never longer than max_wait.
    sleep waits (tests give their own)."""

    retries: int = 5
    first_delay: float = 1.0
    max_wait: float = 300.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def wait(self, retry: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number `retry` (0 for the first)."""
        if retry_after is not None:
            return retry_after
        return float(self.first_delay * 2 ** retry)


#: No second try (what `trials fetch` does: it imports nothing unless every page came).
NO_RETRY = Retry(retries=0)


def api_url() -> str:
    """The API's studies URL: $TRIALS_API_URL, or ClinicalTrials.gov's."""
    return os.environ.get(API_URL_ENV) or DEFAULT_API_URL


def check_url(url: str) -> None:
    """FetchError unless url is an http(s) URL."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"the API URL {url!r} is not an http(s) URL (check ${API_URL_ENV})")


def host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc


def studies_url(base: str, params: Mapping[str, str], *, safe: str = "") -> str:
    """base with params as its query string (safe: characters left as they are)."""
    query = urllib.parse.urlencode(dict(params), safe=safe)
    return f"{base}{'&' if '?' in base else '?'}{query}"


def get(url: str, page: int, timeout: float = TIMEOUT, retry: Retry = NO_RETRY) -> bytes:
    """The body of a GET of page `page` (gzip or deflate decoded), asked again as retry
    says; FetchError for anything that goes wrong."""
    retries = 0
    while True:
        try:
            return _get_once(url, page, timeout)
        except HTTPStatusError as error:
            if error.code not in RETRYABLE or retries >= retry.retries:
                if retries:
                    raise FetchError(f"{error} (asked {retries + 1} times)") from None
                raise
            wait = retry.wait(retries, error.retry_after)
            if wait > retry.max_wait:
                raise FetchError(f"{error} (it asks to wait {wait:g} s before asking again; "
                                 f"at most {retry.max_wait:g} s are waited)") from None
            retry.sleep(wait)
            retries += 1


def retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """The seconds a Retry-After header asks to wait (a number of seconds or an HTTP date),
    or None when it is missing or unreadable."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now())


def _get_once(url: str, page: int, timeout: float) -> bytes:
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    where = host(url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
    except urllib.error.HTTPError as error:
        wait = retry_after(error.headers.get("Retry-After") if error.headers else None)
        message = _http_error(error, where, page)
        with contextlib.suppress(OSError):
            error.close()
        raise HTTPStatusError(message, error.code, wait) from None
    except urllib.error.URLError as error:
        if _is_timeout(error.reason):
            raise FetchError(_timeout(where, page, timeout)) from None
        raise FetchError(f"cannot reach {where} ({_reason(error.reason)})") from None
    except TimeoutError:
        raise FetchError(_timeout(where, page, timeout)) from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(
            f"the connection to {where} broke while reading page {page} ({_reason(error)})"
        ) from None
    return _decode(body, encoding, where, page)


def _decode(body: bytes, encoding: str, where: str, page: int) -> bytes:
    try:
        if encoding in ("gzip", "x-gzip"):
            return gzip.decompress(body)
        if encoding == "deflate":
            return zlib.decompress(body)
    except (OSError, EOFError, zlib.error) as error:
        raise FetchError(
            f"page {page} from {where} could not be decompressed ({encoding}: {error})"
        ) from None
    return body


def _http_error(error: urllib.error.HTTPError, where: str, page: int) -> str:
    """'the ClinicalTrials.gov API at HOST answered HTTP 400 (Bad Request) for page 1: …'."""
    phrase = f" ({error.reason})" if error.reason else ""
    message = (
        f"the ClinicalTrials.gov API at {where} answered HTTP {error.code}{phrase} "
        f"for page {page}"
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


def _timeout(where: str, page: int, timeout: float) -> str:
    return f"{where} did not answer within {timeout:g} s (page {page})"


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


# --- the page ----------------------------------------------------------------------------------


def read_page(body: bytes, url: str, page: int) -> dict[str, Any]:
    """The page as the API shapes it: {"studies": [...], "nextPageToken"?, "totalCount"?};
    FetchError when it is not JSON or not in that shape."""
    where = host(url)
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise FetchError(
            f"page {page} from {where} is not JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg})"
        ) from None
    if not isinstance(value, dict) or not isinstance(value.get("studies"), list):
        raise FetchError(
            f"page {page} from {where} is not a ClinicalTrials.gov API page (no list of studies)"
        )
    token = value.get("nextPageToken")
    if token is not None and not isinstance(token, str):
        raise FetchError(
            f"page {page} from {where} is not a ClinicalTrials.gov API page "
            "(nextPageToken is not a string)"
        )
    return value


def next_token(page: Mapping[str, Any]) -> str | None:
    """The page's nextPageToken, or None on the last page."""
    token = page.get("nextPageToken")
    return token if isinstance(token, str) and token else None


def total(page: Mapping[str, Any]) -> int | None:
    """The page's totalCount (asked with countTotal=true), or None."""
    count = page.get("totalCount")
    return count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None
