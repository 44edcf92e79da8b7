"""Records of an earlier version of the record's shape, or read by an earlier revision of the
parsers, brought to the current ones when they are read (docs/record.md, "Older records").

A record stored before version 2 lacks the registry's sections (sites, outcomes, MeSH terms,
references, results); one read by an earlier revision of the parsers (source.parser_revision
below parsers.record.PARSER_REVISION, or none) lacks the fields added since, or holds a
reading since mended. The store kept the trial's source text, so the record is parsed again
from it, and the stored record's source details (path, format, sha256, imported_at) are
kept. Nothing is written: the segment files stay as they are (they are immutable), and every
read of such a version parses it again (a re-import or a sync of a changed source writes the
current shape; the same source is not imported twice). A source that can no longer be parsed
into the same trial keeps the stored fields, with the fields it lacks empty and a warning
saying why.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from parsers import parse_text_many
from parsers.record import PARSER_REVISION, RECORD_VERSION, empty_record

from .segment_format import Version

Record = dict[str, Any]


def is_current(record: Record) -> bool:
    """Is the record of the current shape, read by the current parsers (or later ones)?"""
    if record.get("record_version") != RECORD_VERSION:
        return False
    source = record.get("source")
    revision = source.get("parser_revision") if isinstance(source, dict) else None
    return isinstance(revision, int) and revision >= PARSER_REVISION


def upgraded(record: Record, source: str | None) -> Record:
    """The record in the current shape (the record itself when it is in it already)."""
    if is_current(record):
        return record
    trial_id = record.get("id")
    reason = "no source text was kept"
    if source:
        try:
            parsed = parse_text_many(source)
        except Exception as exc:  # a parser bug or a changed format: keep the stored fields
            reason = f"its source could not be parsed again ({type(exc).__name__}: {exc})"
        else:
            for loaded in parsed:
                if loaded.record.get("id") == trial_id:
                    return _with_source(loaded.record, record)
            reason = "its source no longer gives this trial"
    return _filled(record, reason)


def current_shape(version: Version) -> Version:
    """The version with its record in the current shape."""
    if is_current(version.record):
        return version
    return dataclasses.replace(version, record=upgraded(version.record, version.source))


def indexable(version: Version) -> Version:
    """The version as an index rebuild reads it: a record of the current shape is indexed as
    stored, even when an earlier revision of the parsers read it (the index was built from it
    so far, as every store's index is when the parsers' revision rises; parsing 600,000
    records again would double the time of a rebuild); a record of an earlier shape is
    brought to the current one first (the index reads version 2's sections)."""
    if version.record.get("record_version") == RECORD_VERSION:
        return version
    return current_shape(version)


def _with_source(new: Record, old: Record) -> Record:
    """The new parse, with the stored record's source details (but the new revision)."""
    source = old.get("source")
    if isinstance(source, dict):
        kept = {key: value for key, value in source.items() if key != "parser_revision"}
        new["source"] = {**new.get("source", {}), **kept}
    return new


def _filled(record: Record, reason: str) -> Record:
    """The stored record with the current version's fields it lacks, empty, and a warning."""
    out = dict(record)
    for name, value in empty_record().items():
        out.setdefault(name, copy.deepcopy(value))
    warnings = list(out.get("warnings") or [])
    if out.get("record_version") != RECORD_VERSION:
        warnings.append(f"stored by an earlier version of trials; {reason}, so its sites, "
                        "outcomes, MeSH terms, references and results are not known")
    else:
        warnings.append(f"read by an earlier version of trials; {reason}, so the fields "
                        "added since are not known")
    out["record_version"] = RECORD_VERSION
    out["warnings"] = warnings
    return out
