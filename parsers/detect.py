"""Recognise a trial file's format from its content, never from its name.

A format's module is imported when detection comes to it (in the order below) or when a file
of that format is parsed: a JSON study, the commonest, is read without loading the CSV, XML
and page-text parsers (about 40 ms of regular expressions to compile), which matters to a
program that parses its first study while it answers keys (the browser, reading a record of
an earlier parser revision again).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import ParseError

#: Data formats that hold many records: parse_records(text) -> [(record, source text)],
#: chosen by their first non-blank line (JSON opens with { or [; the CSV with the site's
#: header row; classic XML with its declaration or <clinical_study>), in this order.
RECORD_FORMATS = {"ctgov-json": "ctgov_json", "ctgov-csv": "ctgov_csv", "ctgov-xml": "ctgov_xml"}
#: Page-text formats: parse(lines) -> one record, chosen by the highest score(lines).
PAGE_FORMATS = {"veeva-text": "veeva_text", "ctgov-text": "ctgov_text"}


def parser(fmt: str) -> ModuleType:
    """The module that parses a format (imported on first use)."""
    name = RECORD_FORMATS.get(fmt) or PAGE_FORMATS[fmt]
    return importlib.import_module(f"{__package__}.{name}")


def detect_format(lines: list[str]) -> str:
    """The format name of a cleaned text, or a ParseError saying why it is not a trial file."""
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise ParseError("empty file: no text")
    for fmt in RECORD_FORMATS:
        if parser(fmt).recognises(first):
            return fmt
    scores = {fmt: parser(fmt).score(lines) for fmt in PAGE_FORMATS}
    best = max(scores, key=lambda fmt: scores[fmt])
    if scores[best] > 0:
        return best
    raise ParseError(
        "not a trial page: none of the headings of a ClinicalTrials.Veeva or "
        "ClinicalTrials.gov study page, and not ClinicalTrials.gov JSON, CSV or XML"
    )
