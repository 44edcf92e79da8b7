"""Import logic without storage: parse files, then plan what changes against the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from parsers import ParseError, load_file

from .paths import PathEntry
from .report import FAILED, IMPORTED, UNCHANGED, UPDATED, FileOutcome

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ParsedFile:
    """One file after parsing: its record and text, or the reason it failed."""

    path: str
    record: dict[str, Any] | None = None
    text: str | None = None
    reason: str | None = None


@dataclass
class ImportPlan:
    """The outcomes of an import and the records and texts it will write."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def parse_entries(
    entries: Sequence[PathEntry], progress: Progress | None = None
) -> list[ParsedFile]:
    """Parse every file; progress(done, total, path) is called after each one."""
    parsed: list[ParsedFile] = []
    total = len(entries)
    for done, entry in enumerate(entries, 1):
        if entry.error is not None:
            parsed.append(ParsedFile(entry.path, reason=entry.error))
        else:
            parsed.append(parse_one(entry.path))
        if progress is not None:
            progress(done, total, entry.path)
    return parsed


def parse_one(path: str) -> ParsedFile:
    """Parse one file into a JSON-clean record, or say why it cannot be imported."""
    try:
        loaded = load_file(path)
        record = orjson.loads(orjson.dumps(loaded.record))
        text = loaded.text
    except ParseError as exc:
        return ParsedFile(path, reason=str(exc) or "not a trial page")
    except OSError as exc:
        return ParsedFile(path, reason=_os_reason(exc))
    except UnicodeDecodeError as exc:
        return ParsedFile(path, reason=f"not a UTF-8 text file ({exc.reason} at byte {exc.start})")
    except orjson.JSONEncodeError as exc:
        return ParsedFile(path, reason=f"the parsed record cannot be stored ({exc})")
    except Exception as exc:  # a parser bug must not abort the other files
        return ParsedFile(path, reason=f"could not parse ({type(exc).__name__}: {exc})")
    if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record["id"]:
        return ParsedFile(path, reason="the parser returned a record without an id")
    if not isinstance(text, str):
        return ParsedFile(path, reason="the parser returned no text")
    if not isinstance(record.get("source"), dict):
        record["source"] = {}
    return ParsedFile(path, record, text)


def plan_import(
    parsed: Sequence[ParsedFile],
    records: Mapping[str, Mapping[str, Any]],
    sources: Mapping[str, str],
    imported_at: str,
) -> ImportPlan:
    """Compare each parsed file with the store and with earlier files of this import."""
    # Unchanged: same record apart from source.path and source.imported_at, and same text;
    # nothing is written for it. Of two files with one id the later wins: it is compared with
    # the earlier (not the store), and both get a note.
    plan = ImportPlan()
    last_of: dict[str, int] = {}
    for item in parsed:
        if item.record is None or item.text is None:
            plan.outcomes.append(FileOutcome(item.path, FAILED, reason=item.reason))
            continue
        record, trial_id = item.record, item.record["id"]
        current = plan.records.get(trial_id, records.get(trial_id))
        current_text = plan.sources.get(trial_id, sources.get(trial_id))
        if current is None:
            status = IMPORTED
        elif _comparable(current) == _comparable(record) and current_text == item.text:
            status = UNCHANGED
        else:
            status = UPDATED
        outcome = FileOutcome(item.path, status, trial_id, record["source"].get("format"))
        earlier = last_of.get(trial_id)
        if earlier is not None:
            earlier_path = plan.outcomes[earlier].path
            if status == UNCHANGED:
                outcome = outcome.with_note(f"same trial as {earlier_path}")
            else:
                outcome = outcome.with_note(f"replaces {earlier_path} (same id {trial_id})")
                plan.outcomes[earlier] = plan.outcomes[earlier].with_note(
                    f"replaced by {item.path}"
                )
        last_of[trial_id] = len(plan.outcomes)
        plan.outcomes.append(outcome)
        if status != UNCHANGED:
            record["source"]["imported_at"] = imported_at
            plan.records[trial_id] = record
            plan.sources[trial_id] = item.text
    return plan


def _comparable(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without the fields that say where and when it was imported."""
    result = dict(record)
    source = dict(result.get("source") or {})
    source.pop("path", None)
    source.pop("imported_at", None)
    result["source"] = source
    return result


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]
