"""Records of an earlier version of the record's shape, brought to the current one when they
are read (docs/record.md, "Older records").

A record stored before version 2 lacks the registry's sections (sites, outcomes, MeSH terms,
references, results). The store kept the trial's source text, so the record is parsed again
from it: the new parse gives every section, and the stored record's source (path, format,
sha256, imported_at) is kept. Nothing is written: the segment files stay as they are (they
are immutable), and every read of such a version parses it again (a re-import or a sync
writes the current shape). A source that can no longer be parsed into the same trial keeps
the stored fields, with the new sections empty and a warning saying why.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from parsers import parse_text_many
from parsers.record import RECORD_VERSION, empty_record

from .segment_format import Version

Record = dict[str, Any]


def is_current(record: Record) -> bool:
    return record.get("record_version") == RECORD_VERSION


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


def _with_source(new: Record, old: Record) -> Record:
    """The new parse, with the stored record's source details."""
    source = old.get("source")
    if isinstance(source, dict):
        new["source"] = {**new.get("source", {}), **source}
    return new


def _filled(record: Record, reason: str) -> Record:
    """The stored record with the current version's fields it lacks, empty, and a warning."""
    out = dict(record)
    for name, value in empty_record().items():
        out.setdefault(name, copy.deepcopy(value))
    out["record_version"] = RECORD_VERSION
    warnings = list(out.get("warnings") or [])
    warnings.append(f"stored by an earlier version of trials; {reason}, so its sites, "
                    "outcomes, MeSH terms, references and results are not known")
    out["warnings"] = warnings
    return out
