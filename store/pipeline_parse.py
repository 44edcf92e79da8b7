"""Parsing one chunk of files: what a worker process runs (or this process, for a small import).

A task is a list of (label, source path, bytes); the answer is, for each file, the reason it
failed or its trials in a compact form: each record as orjson bytes and its cleaned text
(and, when the store asks for it, the record's search-index document), so that the importing
process decodes what it stores and nothing more.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import orjson

from parsers import LoadedFile, ParseError, parse_bytes_many

from .archives import ArchiveError
from .segment_format import SOURCE_MARK, SOURCE_PLACEHOLDER

#: A parsed trial on the wire: (id, format, record as JSON, cleaned source text, index document
#: or None, head or None). With a head (JSON of the record's id, dates and source), the
#: record's JSON holds SOURCE_MARK in place of its source (store.segment_format.with_source),
#: so that the importing process decodes only the head of a new trial.
WireTrial = tuple[str, str | None, bytes, str, Any, bytes | None]
#: One file's answer: (reason it failed, None) or (None, its trials).
WireFile = tuple[str | None, list[WireTrial] | None]


@dataclass(frozen=True, slots=True)
class Task:
    """What a worker parses: files as (label, source path, bytes), and whether to build each
    record's index document (documents names a function record, sha256 -> document)."""

    files: list[tuple[str, str, bytes]]
    documents: Callable[[dict[str, Any], str], Any] | None = None


def parse_task(task: Task) -> list[WireFile]:
    """Parse every file of a task; nothing a parser does (short of killing the process) may
    lose the others."""
    answers: list[WireFile] = []
    for label, source, data in task.files:
        try:
            answers.append(parse_file(label, source, data, task.documents))
        except BaseException as exc:  # SystemExit, KeyboardInterrupt from a parser: its file
            if isinstance(exc, KeyboardInterrupt) and not _in_worker:
                raise
            answers.append((f"could not parse ({describe(exc)})", None))
    return answers


def parse_file(
    label: str, source: str, data: bytes,
    documents: Callable[[dict[str, Any], str], Any] | None = None,
) -> WireFile:
    """One file's trials on the wire, or why it fails (the whole file fails together)."""
    try:
        loaded = parse_bytes_many(data, PurePosixPath(label).name)
        return None, _checked(loaded, source, documents)
    except _Unindexable as exc:
        return f"could not index ({describe(exc.cause)})", None
    except Exception as exc:
        return failure(exc), None


class _Unindexable(Exception):
    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _checked(
    loaded: list[LoadedFile], source: str,
    documents: Callable[[dict[str, Any], str], Any] | None,
) -> list[WireTrial]:
    """The records as JSON, checked; ParseError when one cannot be stored."""
    trials: list[WireTrial] = []
    for item in loaded:
        record = item.record
        trial_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(trial_id, str) or not trial_id:
            raise ParseError("the parser returned a record without an id")
        if not isinstance(item.text, str):
            raise ParseError("the parser returned no text")
        if not isinstance(record.get("source"), dict):
            record["source"] = {}
        record["source"]["path"] = source
        data, head = wire_record(record)
        document = None
        if documents is not None:
            try:
                document = documents(record, record["source"].get("sha256") or "")
            except Exception as exc:
                raise _Unindexable(exc) from exc
        fmt = record["source"].get("format")
        trials.append((trial_id, fmt if isinstance(fmt, str) else None, data, item.text,
                       document, head))
    if not trials:
        raise ParseError("no trial in this file")
    return trials


def wire_record(record: dict[str, Any]) -> tuple[bytes, bytes | None]:
    """The record's JSON with SOURCE_MARK in place of its source, and its head; or its plain
    JSON and None when the mark would not be found once."""
    source = record["source"]
    record["source"] = SOURCE_PLACEHOLDER
    try:
        marked = orjson.dumps(record)
    finally:
        record["source"] = source
    if marked.count(SOURCE_MARK) != 1:
        return orjson.dumps(record), None
    head = {"id": record["id"], "dates": record.get("dates"), "source": source}
    return marked, orjson.dumps(head)


def failure(exc: BaseException) -> str:
    """Why a file could not be read or parsed, in one line."""
    if isinstance(exc, ParseError):
        return str(exc) or "not a trial page"
    if isinstance(exc, ArchiveError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, UnicodeDecodeError):
        return f"not a UTF-8 text file ({exc.reason} at byte {exc.start})"
    if isinstance(exc, orjson.JSONEncodeError):
        return f"the parsed record cannot be stored ({exc})"
    return f"could not parse ({describe(exc)})"  # a parser bug fails its file only


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


#: Whether this process is a worker (a KeyboardInterrupt there fails a file, not the import).
_in_worker = False


#: Seconds between a worker's checks that the importing process is still there.
PARENT_CHECK = 0.5


def worker_init() -> None:
    """Set up a worker process."""
    global _in_worker
    _in_worker = True
    # Ctrl-C reaches the whole process group: only the importing process handles it (it stops
    # the workers); a worker would otherwise die with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker shares the importing process's memory until it writes to it: the
    # collector must not walk (and so copy) what it inherited. Then it collects as usual
    # (an import pauses the collector of the importing process).
    gc.freeze()
    gc.enable()
    # A worker waits for tasks on a pipe that other workers hold open too: when the importing
    # process is killed (kill -9), nothing would tell it. It ends when its parent changes.
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True,
                     name="exit-with-parent").start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(1)


def index_document(record: dict[str, Any], sha256: str) -> dict[str, list[Any]]:
    """The record's search-index document without its location in the store's files (which
    only the commit knows): store.engine.documents.prepare, computed while parsing."""
    from .engine.documents import prepare

    return prepare(record)
