"""Recognise a trial file's format from its content, never from its name."""

from __future__ import annotations

from . import ctgov_csv, ctgov_json, ctgov_text, ctgov_xml, veeva_text
from .errors import ParseError

# Page-text formats: parse(lines) -> one record, chosen by the highest score(lines).
PARSERS = {veeva_text.FORMAT: veeva_text, ctgov_text.FORMAT: ctgov_text}
# Data formats that hold many records: parse_records(text) -> [(record, source text)], chosen
# by their first non-blank line (JSON opens with { or [; the CSV with the site's header row;
# classic XML with its declaration or <clinical_study>).
RECORD_PARSERS = {
    ctgov_json.FORMAT: ctgov_json,
    ctgov_csv.FORMAT: ctgov_csv,
    ctgov_xml.FORMAT: ctgov_xml,
}


def detect_format(lines: list[str]) -> str:
    """The format name of a cleaned text, or a ParseError saying why it is not a trial file."""
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise ParseError("empty file: no text")
    for name, module in RECORD_PARSERS.items():
        if module.recognises(first):
            return name
    scores = {name: module.score(lines) for name, module in PARSERS.items()}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] > 0:
        return best
    raise ParseError(
        "not a trial page: none of the headings of a ClinicalTrials.Veeva or "
        "ClinicalTrials.gov study page, and not ClinicalTrials.gov JSON, CSV or XML"
    )
