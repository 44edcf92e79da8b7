"""Parsers: read trial files into the normalised Trial record of DESIGN.md."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_text, decode_bytes
from .criteria import count as count_criteria
from .detect import PARSERS, detect_format
from .errors import ParseError
from .record import Record, empty_record, finish
from .vocab import humanise

__all__ = [
    "LoadedFile",
    "ParseError",
    "Record",
    "clean_text",
    "count_criteria",
    "detect_format",
    "empty_record",
    "humanise",
    "load_file",
    "parse_bytes",
    "parse_file",
    "parse_text",
]


@dataclass(frozen=True)
class LoadedFile:
    """A parsed file: its record and its cleaned original text."""

    record: Record
    text: str


def parse_text(text: str, name: str | None = None) -> Record:
    """Parse a trial page's text; name (a file name) is the title of last resort."""
    return _parse_clean(clean_text(text), name)


def _parse_clean(text: str, name: str | None) -> Record:
    lines = text.split("\n")
    record = PARSERS[detect_format(lines)].parse(lines)
    return finish(record, text, name)


def parse_bytes(data: bytes, name: str | None = None) -> LoadedFile:
    """Decode, clean and parse a file's bytes."""
    decoded, warnings = decode_bytes(data)
    text = clean_text(decoded)
    record = _parse_clean(text, name)
    record["warnings"][:0] = warnings
    record["source"]["sha256"] = hashlib.sha256(data).hexdigest()
    return LoadedFile(record, text)


def load_file(path: str | Path) -> LoadedFile:
    """Read and parse one trial file; raises ParseError or OSError."""
    path = Path(path).absolute()
    loaded = parse_bytes(path.read_bytes(), path.name)
    loaded.record["source"]["path"] = str(path)
    return loaded


def parse_file(path: str | Path) -> Record:
    """Read and parse one trial file into its record."""
    return load_file(path).record
