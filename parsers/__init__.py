"""Parsers: read trial files into the normalised Trial record of DESIGN.md.

A page-text file (veeva-text, ctgov-text) holds one trial; a ClinicalTrials.gov JSON file
(a study, an API page, an array, JSON Lines) or CSV download may hold many.
``load_records`` / ``parse_bytes_many`` / ``parse_text_many`` return one LoadedFile per
trial, whatever the format. The single-record functions (``load_file``, ``parse_file``,
``parse_bytes``, ``parse_text``) accept a file of any format that holds exactly one trial;
given a file of several they raise ParseError ("… holds N trials; use load_records") rather
than drop trials silently.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_text, decode_bytes
from .errors import ParseError
from .record import (
    Record,
    count_criteria,
    csv_missing_column,
    empty_record,
    finish,
    is_csv_row,
    left_out,
    outcome_kinds_unstated,
)
from .vocab import humanise

__all__ = [
    "MAX_PAGE_CHARS",
    "LoadedFile",
    "ParseError",
    "Record",
    "clean_text",
    "count_criteria",
    "csv_missing_column",
    "detect_format",
    "empty_record",
    "humanise",
    "is_csv_row",
    "left_out",
    "load_file",
    "load_records",
    "outcome_kinds_unstated",
    "parse_bytes",
    "parse_bytes_many",
    "parse_file",
    "parse_text",
    "parse_text_many",
]


#: A study page's text is a few KB (the longest ClinicalTrials.gov pages, with results, a few
#: MB); a page-text file larger than this is refused rather than parsed and indexed (a 60 MB
#: page took 9 s and 1 GB of memory). Files of many trials (JSON, CSV) have no such limit.
MAX_PAGE_CHARS = 16 * 2**20


@dataclass(frozen=True)
class LoadedFile:
    """A parsed trial: its record and its cleaned original text.

    For a file of many trials (JSON, CSV) the text is that trial's own source: its JSON
    object pretty-printed, or the CSV header line and its row.
    """

    record: Record
    text: str


def parse_text(text: str, name: str | None = None) -> Record:
    """Parse a trial file's text holding one trial; name (a file name) is the title of last
    resort."""
    return _single(_parse_clean(clean_text(text), name)).record


def parse_text_many(text: str, name: str | None = None) -> list[LoadedFile]:
    """Parse a trial file's text into one LoadedFile per trial it holds."""
    return _parse_clean(clean_text(text), name)


def detect_format(lines: list[str]) -> str:
    """The format of a file's lines (parsers.detect.detect_format)."""
    from .detect import detect_format as detect

    return detect(lines)


def _parse_clean(text: str, name: str | None) -> list[LoadedFile]:
    # The format parsers are imported when a file is first parsed, not with this package: a
    # program that only reads stored records (the browser) starts without them.
    from . import detect

    lines = text.split("\n")
    fmt = detect.detect_format(lines)
    if fmt in detect.RECORD_FORMATS:
        parsed = detect.parser(fmt).parse_records(text)
        many = len(parsed) > 1
        return [
            LoadedFile(
                finish(record, source, f"{name} #{index}" if many and name else name), source
            )
            for index, (record, source) in enumerate(parsed, 1)
        ]
    if len(text) > MAX_PAGE_CHARS:
        raise ParseError(
            f"too large for a {fmt} page: {len(text) / 2**20:.1f} MB of text "
            f"(a page is at most {MAX_PAGE_CHARS // 2**20} MB)"
        )
    record = detect.parser(fmt).parse(lines)
    return [LoadedFile(finish(record, text, name), text)]


def _single(loaded: list[LoadedFile]) -> LoadedFile:
    if len(loaded) != 1:
        fmt = loaded[0].record["source"]["format"] if loaded else "the"
        raise ParseError(f"{fmt} file holds {len(loaded)} trials; use load_records")
    return loaded[0]


def parse_bytes_many(data: bytes, name: str | None = None) -> list[LoadedFile]:
    """Decode, clean and parse a file's bytes into one LoadedFile per trial it holds.

    A malformed trial in a file of many raises ParseError naming the trial and the field
    (the whole file fails).
    """
    decoded, warnings = decode_bytes(data)
    sha256 = hashlib.sha256(data).hexdigest()
    loaded = _parse_clean(clean_text(decoded), name)
    for item in loaded:
        item.record["warnings"][:0] = warnings
        item.record["source"]["sha256"] = sha256
    return loaded


def parse_bytes(data: bytes, name: str | None = None) -> LoadedFile:
    """Decode, clean and parse the bytes of a file holding one trial."""
    return _single(parse_bytes_many(data, name))


def load_records(path: str | Path) -> list[LoadedFile]:
    """Read and parse a trial file into one LoadedFile per trial; raises ParseError or OSError.

    Every record's source path is the file's absolute path and its sha256 that of the file.
    """
    path = Path(path).absolute()
    loaded = parse_bytes_many(path.read_bytes(), path.name)
    for item in loaded:
        item.record["source"]["path"] = str(path)
    return loaded


def load_file(path: str | Path) -> LoadedFile:
    """Read and parse a file holding one trial; raises ParseError (also for a file of
    several trials: use load_records) or OSError."""
    return _single(load_records(path))


def parse_file(path: str | Path) -> Record:
    """Read and parse a file holding one trial into its record."""
    return load_file(path).record
