"""Recognise a trial file's format from its content, never from its name."""

from __future__ import annotations

from . import ctgov_text, veeva_text
from .errors import ParseError

PARSERS = {veeva_text.FORMAT: veeva_text, ctgov_text.FORMAT: ctgov_text}


def detect_format(lines: list[str]) -> str:
    """The format name of a cleaned text, or a ParseError saying why it is not a trial page."""
    if not any(line.strip() for line in lines):
        raise ParseError("empty file: no text")
    scores = {name: module.score(lines) for name, module in PARSERS.items()}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] > 0:
        return best
    first = next(line.strip() for line in lines if line.strip())
    if first.startswith(("{", "[")):
        raise ParseError("JSON data is not a supported trial page format")
    raise ParseError(
        "not a trial page: none of the headings of a ClinicalTrials.Veeva or "
        "ClinicalTrials.gov study page"
    )
