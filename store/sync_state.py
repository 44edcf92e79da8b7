"""What `trials sync` keeps between runs: the syncs that finished, and the one under way.

    last_sync(store)        # "2026-03-02T06:15:00Z": when the last finished sync started
    previous_sync(store)    # when the one before it started (None before two syncs)

The file is `sync.json` in the store's folder (`trials.json.d/`), replaced atomically
(store.storage.atomic_write) after every page a sync commits:

    {"version": 1,
     "last": {"started": "…Z", "finished": "…Z", "since": "2026-02-28", "mode": "registry",
              "tally": {"new": 3, "changed": 2, …}},
     "previous": {…} | null,
     "running": {"mode": …, "started": …, "since": …, "phase": "ids", "chunk": [ids],
                 "token": "…", "tally": {…}, …} | null}

"running" is what an interrupted sync resumes from: its phase, the saved query or the chunk of
ids it was asking, and the page token of the next page (a page is committed to the store
before the token after it is written here, so a page is never half applied and, at worst,
asked again). A finished sync moves "last" to "previous", becomes "last" and clears "running".
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .errors import StoreError
from .storage import atomic_write, describe_os_error

if TYPE_CHECKING:
    from .trial_store import TrialStore

FILE_NAME = "sync.json"
VERSION = 1
#: Modes: the store's registry trials and saved fetch queries, or the whole registry.
REGISTRY, ALL = "registry", "all"
#: Phases, in order: the saved fetch queries, the trials new to the store since the last
#: sync (asked whole), the other registry trials (asked for updates), the whole registry.
QUERIES, FRESH, IDS, EVERYTHING, DONE = "queries", "fresh", "ids", "all", "done"
PHASES = {REGISTRY: (QUERIES, FRESH, IDS, DONE), ALL: (EVERYTHING, DONE)}


@dataclass
class Tally:
    """What a sync brought: trials per outcome, studies received, pages asked."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    studies: int = 0
    pages: int = 0


@dataclass(frozen=True)
class FinishedSync:
    """A sync that finished: when it started (the time its updates run to) and ended."""

    started: str
    finished: str
    since: str | None
    mode: str
    tally: Tally = field(default_factory=Tally)


@dataclass
class RunningSync:
    """A sync under way (or interrupted): where it is, and what it brought so far."""

    mode: str
    started: str
    #: The date of the LastUpdatePostDate range asked (None: everything is asked).
    since: str | None
    #: The last finished sync's start: the trials first imported after it are asked whole.
    fresh_after: str | None = None
    phase: str = QUERIES
    #: The saved query being asked, its --max, and the studies it brought so far.
    query: str | None = None
    query_max: int = 0
    query_studies: int = 0
    done_queries: list[str] = field(default_factory=list)
    #: The ids of the registry phases are asked in chunks in id order: the chunk being
    #: asked, and the last id of the chunks done.
    chunk: list[str] | None = None
    cursor: str | None = None
    #: The page token of the next page of the query or chunk being asked.
    token: str | None = None
    #: Ids the saved queries brought (not asked again by id); seen_full: more came.
    seen: list[str] = field(default_factory=list)
    seen_full: bool = False
    tally: Tally = field(default_factory=Tally)
    #: How many times it was resumed.
    resumed: int = 0


@dataclass
class SyncRecord:
    """The whole file."""

    last: FinishedSync | None = None
    previous: FinishedSync | None = None
    running: RunningSync | None = None


def state_path(store_path: Path | None) -> Path | None:
    """The sync file of a store (None for an in-memory store)."""
    if store_path is None:
        return None
    return store_path.with_name(store_path.name + ".d") / FILE_NAME


def last_sync(store: TrialStore) -> str | None:
    """When the last finished sync started (ISO 8601 UTC), or None before the first."""
    last = read_state(store.path).last
    return None if last is None else last.started


def previous_sync(store: TrialStore) -> str | None:
    """When the sync before the last one started, or None."""
    previous = read_state(store.path).previous
    return None if previous is None else previous.started


def read_state(store_path: Path | None) -> SyncRecord:
    """The sync file's content (empty when there is none); StoreError when it is damaged."""
    path = state_path(store_path)
    if path is None:
        return SyncRecord()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SyncRecord()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {describe_os_error(exc)}") from exc
    try:
        doc = orjson.loads(raw)
        if not isinstance(doc, dict):
            raise TypeError("not an object")
        return SyncRecord(_finished(doc.get("last")), _finished(doc.get("previous")),
                          _running(doc.get("running")))
    except (orjson.JSONDecodeError, TypeError, ValueError) as exc:
        raise StoreError(f"{path} is damaged ({exc}): delete it, and the next `trials sync` "
                         "asks for every trial again") from exc


def write_state(store_path: Path | None, record: SyncRecord) -> None:
    """Replace the sync file atomically; StoreError when it cannot be written."""
    path = state_path(store_path)
    if path is None:
        return
    doc = {"version": VERSION, "last": _doc(record.last), "previous": _doc(record.previous),
           "running": _doc(record.running)}
    try:
        atomic_write(path, orjson.dumps(doc) + b"\n", overwrite=True, mode=_mode(store_path))
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {describe_os_error(exc)}") from exc


def _doc(value: FinishedSync | RunningSync | None) -> dict[str, Any] | None:
    return None if value is None else dataclasses.asdict(value)


def _mode(store_path: Path | None) -> int:
    try:
        return os.stat(store_path).st_mode & 0o666 if store_path else 0o600
    except OSError:
        return 0o600


def _tally(doc: Any) -> Tally:
    if doc is None:
        return Tally()
    if not isinstance(doc, dict):
        raise TypeError("a tally is not an object")
    names = {f.name for f in dataclasses.fields(Tally)}
    values = {name: value for name, value in doc.items() if name in names}
    if any(type(value) is not int or value < 0 for value in values.values()):
        raise ValueError("a tally holds a value that is not a count")
    return Tally(**values)


def _finished(doc: Any) -> FinishedSync | None:
    if doc is None:
        return None
    if not isinstance(doc, dict):
        raise TypeError("a finished sync is not an object")
    started, finished, since, mode = (doc.get(k) for k in ("started", "finished", "since",
                                                             "mode"))
    if not isinstance(started, str) or not isinstance(finished, str):
        raise ValueError("a finished sync has no start or end time")
    if since is not None and not isinstance(since, str):
        raise ValueError(f"bad since {since!r}")
    if mode not in PHASES:
        raise ValueError(f"bad mode {mode!r}")
    return FinishedSync(started, finished, since, mode, _tally(doc.get("tally")))


def _running(doc: Any) -> RunningSync | None:
    if doc is None:
        return None
    if not isinstance(doc, dict):
        raise TypeError("the running sync is not an object")
    names = {f.name for f in dataclasses.fields(RunningSync)}
    values = {name: value for name, value in doc.items() if name in names}
    values["tally"] = _tally(values.get("tally"))
    running = RunningSync(**values)
    _check_running(running)
    return running


def _check_running(running: RunningSync) -> None:
    """ValueError when a running sync's fields do not have their types."""
    def optional_text(value: object) -> bool:
        return value is None or isinstance(value, str)

    def texts(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    def count(value: object) -> bool:
        return type(value) is int and value >= 0

    ok = (running.mode in PHASES and running.phase in PHASES[running.mode]
          and isinstance(running.started, str)
          and all(optional_text(v) for v in (running.since, running.fresh_after,
                                              running.query, running.cursor, running.token))
          and all(count(v) for v in (running.query_max, running.query_studies,
                                     running.resumed))
          and texts(running.done_queries) and texts(running.seen)
          and (running.chunk is None or texts(running.chunk))
          and isinstance(running.seen_full, bool))
    if not ok:
        raise ValueError("the running sync's fields are not what a sync writes")
