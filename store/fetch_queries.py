"""The queries `trials fetch` was given, remembered for `trials sync` (which asks each again for
the studies updated since the last sync, so that new matching studies arrive).

    remember(store_path, "neuromyelitis optica", 20)
    saved_queries(store_path)     # [SavedQuery("neuromyelitis optica", 20, "2026-03-01T…Z")]

The file is `fetch-queries.json` in the store's folder (`trials.json.d/`):

    {"version": 1, "queries": [{"query": "neuromyelitis optica", "max": 20,
                                "saved": "2026-03-01T06:15:00Z"}]}

written atomically (store.storage.atomic_write) under a lock of its own, so that two fetches
at once both stay remembered. A query given again replaces its entry (its new --max counts).
Delete an entry (or the file) to stop syncing a query. An in-memory store remembers nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock

from .errors import StoreError
from .storage import acquire_lock, atomic_write, describe_os_error

FILE_NAME = "fetch-queries.json"
VERSION = 1
#: Seconds to wait for another process updating the file.
LOCK_TIMEOUT = 10.0


@dataclass(frozen=True)
class SavedQuery:
    """A query `trials fetch` was given, with its --max and when it was last given."""

    query: str
    max: int
    saved: str | None = None

    def to_doc(self) -> dict[str, Any]:
        return {"query": self.query, "max": self.max, "saved": self.saved}


def queries_path(store_path: Path | None) -> Path | None:
    """The file of a store's saved queries (None for an in-memory store)."""
    if store_path is None:
        return None
    return store_path.with_name(store_path.name + ".d") / FILE_NAME


def saved_queries(store_path: Path | None) -> list[SavedQuery]:
    """The saved queries, in the order they were first saved ([] when there are none);
    StoreError when the file cannot be read or is damaged."""
    path = queries_path(store_path)
    return [] if path is None else _read(path)


def remember(store_path: Path | None, query: str, max_studies: int, saved: str) -> None:
    """Save a query (replacing the entry of the same query); StoreError when it cannot be."""
    path = queries_path(store_path)
    if path is None:
        return
    entry = SavedQuery(query, max_studies, saved)
    with _locked(path):
        queries = _read(path)
        for number, known in enumerate(queries):
            if known.query == query:
                queries[number] = entry
                break
        else:
            queries.append(entry)
        _write(path, queries)


def _read(path: Path) -> list[SavedQuery]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {describe_os_error(exc)}") from exc
    try:
        doc = orjson.loads(raw)
        entries = doc["queries"] if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            raise ValueError("no list of queries")
        return [_entry(entry) for entry in entries]
    except (orjson.JSONDecodeError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path} is damaged ({exc}): mend or delete it (it lists the queries "
                         "`trials sync` asks again)") from exc


def _entry(entry: Any) -> SavedQuery:
    if not isinstance(entry, dict):
        raise ValueError("an entry is not an object")
    query, most, saved = entry.get("query"), entry.get("max"), entry.get("saved")
    if not isinstance(query, str) or not query.strip():
        raise ValueError(f"bad query {query!r}")
    if type(most) is not int or most < 1:
        raise ValueError(f"bad max {most!r} of query {query!r}")
    return SavedQuery(query, most, saved if isinstance(saved, str) else None)


def _write(path: Path, queries: list[SavedQuery]) -> None:
    doc = {"version": VERSION, "queries": [query.to_doc() for query in queries]}
    try:
        atomic_write(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n",
                     overwrite=True, mode=_mode(path))
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {describe_os_error(exc)}") from exc


def _mode(path: Path) -> int:
    """A new file gets the permissions of the store's manifest (private for a new store)."""
    manifest = path.parent.with_name(path.parent.name.removesuffix(".d"))
    try:
        return os.stat(manifest).st_mode & 0o666
    except OSError:
        return 0o600


class _locked:
    """Hold the file's lock (a `.lock` file beside it) while updating it."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT)

    def __enter__(self) -> None:
        acquire_lock(self._lock, self._path, LOCK_TIMEOUT)

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()
