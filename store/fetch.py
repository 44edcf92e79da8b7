"""Fetch studies from the ClinicalTrials.gov API v2 (no UI, standard library HTTP only).

``fetch_studies`` asks ``GET /api/v2/studies`` page after page (``query.term``, ``pageSize``,
``pageToken``; ``countTotal=true`` on the first page) until it has ``max_studies`` studies or
the API has no more, and returns one ``(label, bytes)`` item per study, ready for
``TrialStore.import_data``: the label is the study's page on ClinicalTrials.gov (the API page's
URL when the study has no NCT id), the bytes its JSON object.

Every page is fetched before anything is returned, so a failure on any page (offline, an HTTP
error, a timeout, a page that is not JSON or not in the API's shape) raises FetchError, with a
one-line message naming the host and the reason, and nothing is imported. The HTTP and the
reading of a page are store.api_pages' (shared with `trials sync`); a fetch does not ask a page
again (`trials sync`, which keeps each page as it comes, does).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from .api_pages import (
    API_URL_ENV,
    DEFAULT_API_URL,
    TIMEOUT,
    USER_AGENT,
    FetchError,
    api_url,
    check_url,
    get,
    read_page,
    total,
)

__all__ = [
    "API_URL_ENV", "DEFAULT_API_URL", "DEFAULT_MAX", "MAX_PAGE_SIZE", "STUDY_URL", "TIMEOUT",
    "USER_AGENT", "FetchError", "FetchProgress", "FetchResult", "Item", "api_url",
    "fetch_studies", "page_url", "study_item",
]

STUDY_URL = "https://clinicaltrials.gov/study/{}"
#: The API's largest pageSize.
MAX_PAGE_SIZE = 1000
DEFAULT_MAX = 100

#: progress(studies fetched, studies expected or None when unknown, page number)
FetchProgress = Callable[[int, int | None, int], None]
Item = tuple[str, bytes]

_NCT = re.compile(r"NCT\d{8}")


@dataclass
class FetchResult:
    """What a fetch brought back: one (label, JSON bytes) item per study."""

    items: list[Item] = field(default_factory=list)
    #: The number of studies matching the query, as the API counted them (None if it did not).
    total: int | None = None
    pages: int = 0


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
    check_url(base)
    result = FetchResult()
    token: str | None = None
    while len(result.items) < max_studies:
        result.pages += 1
        size = min(max_studies - len(result.items), MAX_PAGE_SIZE)
        url = page_url(base, query, size, token)
        page = read_page(get(url, result.pages, timeout), url, result.pages)
        if result.pages == 1:
            result.total = total(page)
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
    nct = study_nct_id(study)
    label = STUDY_URL.format(nct) if nct is not None else page
    return label, orjson.dumps(study)


def study_nct_id(study: Any) -> str | None:
    """The study's NCT id (protocolSection.identificationModule.nctId), or None."""
    nct = _dig(study, "protocolSection", "identificationModule", "nctId")
    return nct if isinstance(nct, str) and _NCT.fullmatch(nct) else None


def _dig(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
