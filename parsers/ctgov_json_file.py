"""The study objects of a ClinicalTrials.gov API v2 JSON file ("ctgov-json"), for ``ctgov_json``.

A file holds a single study object, the API's page wrapper ``{"studies": [...],
"nextPageToken": ..., "totalCount": ...}``, a JSON array of studies, or JSON Lines (one study
or page per line). ``studies`` returns every study object with a label saying where it is
("studies[3]", "line 2 [0]"), every string of it (keys too) cleaned like page text
(``clean_text``) when the file spells something that cleaning removes (control characters,
bidi overrides, a BOM, also as ``\\u001b`` escapes). Text that is not JSON, JSON that is not
a study or a page, and an entry that is not a study object raise a ParseError saying where.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import orjson

from .clean import clean_text
from .errors import ParseError, kind_of

# JSON escapes that decode to something clean_text removes or rewrites (controls, CR,
# bidi overrides, BOM); a file without any of them needs no cleaning string by string.
_UNCLEAN_ESCAPE = re.compile(
    r"\\(?:[bfr]|u(?:00[01189][0-9a-f]|007f|202[a-e]|206[6-9]|feff))", re.IGNORECASE
)
# What clean_text changes in a decoded string: a string without any of these is left as is.
_UNCLEAN_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def _documents(text: str) -> list[tuple[str, Any]]:
    """The JSON values of the text, each with where it is: one document, or JSON Lines."""
    try:
        return [("", orjson.loads(text))]
    except orjson.JSONDecodeError as error:
        whole = error
    numbered = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    if len(numbered) > 1 and numbered[0][1].lstrip().startswith("{"):
        try:
            first = orjson.loads(numbered[0][1])
        except orjson.JSONDecodeError:
            first = None
        if isinstance(first, dict):  # JSON Lines: one value per line
            documents: list[tuple[str, Any]] = []
            for number, line in numbered:
                try:
                    documents.append((f"line {number}", orjson.loads(line)))
                except orjson.JSONDecodeError as error:
                    raise ParseError(
                        f"invalid JSON Lines: line {number}, column {error.colno}: {error.msg}"
                    ) from None
            return documents
    raise ParseError(
        f"invalid JSON at line {whole.lineno}, column {whole.colno} "
        f"(character {whole.pos}): {whole.msg}"
    ) from None


def _join(where: str, part: str) -> str:
    return f"{where} {part}" if where else part


def _is_version_answer(value: dict[str, Any]) -> bool:
    study = value.get("study")
    return "history" in value and isinstance(study, dict) and "protocolSection" in study


def _version_answer(where: str) -> ParseError:
    return ParseError(
        f"JSON {where} is an answer of ClinicalTrials.gov's version-history service (a study "
        'version with HTML-formatted text under "study", and "history"), not a study: it is '
        "not read; `trials fetch NCT…` gets the current version"
    )


def _studies(text: str) -> list[tuple[str, dict[str, Any]]]:
    """Every study object of the file, each with a label saying where it is."""
    found: list[tuple[str, dict[str, Any]]] = []
    for where, value in _documents(text):
        if isinstance(value, dict) and "studies" in value and "protocolSection" not in value:
            items = value["studies"]
            if not isinstance(items, list):
                raise ParseError(
                    f"JSON {_join(where, 'studies')}: expected a list of studies, "
                    f"got {kind_of(items)}"
                )
            entries = [
                (_join(where, f"studies[{index}]"), item) for index, item in enumerate(items)
            ]
        elif isinstance(value, list):
            entries = [(_join(where, f"[{index}]"), item) for index, item in enumerate(value)]
        elif isinstance(value, dict):
            if _is_version_answer(value):
                raise _version_answer(_join(where, "object"))
            if "protocolSection" not in value:
                raise ParseError(
                    f"JSON {_join(where, 'object')} is not a ClinicalTrials.gov study or API "
                    "page (it has no protocolSection or studies)"
                )
            entries = [(where or "study", value)]
        else:
            raise ParseError(
                f"JSON {where or 'document'} is {kind_of(value)}, not a ClinicalTrials.gov study"
            )
        for label, item in entries:
            if not isinstance(item, dict):
                raise ParseError(f"JSON {label}: expected a study object, got {kind_of(item)}")
            if _is_version_answer(item):
                raise _version_answer(label)
            if not isinstance(item.get("protocolSection"), dict):
                raise ParseError(
                    f"JSON {label}: not a ClinicalTrials.gov study "
                    f"(protocolSection is {kind_of(item.get('protocolSection'))})"
                )
            found.append((label, item))
    return found


def _clean_value(value: Any) -> Any:
    """The value with every string (keys too) cleaned like page text."""
    if isinstance(value, str):
        return clean_text(value) if _UNCLEAN_CHAR.search(value) else value
    if isinstance(value, dict):
        return {_clean_value(key): _clean_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_value(item) for item in value]
    return value


def studies(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every study object of the file, in the file's order, each with a label saying where it
    is; its strings cleaned when the file holds anything to clean."""
    must_clean = _UNCLEAN_ESCAPE.search(text) is not None
    for label, study in _studies(text):
        yield label, _clean_value(study) if must_clean else study
