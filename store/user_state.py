"""The user's own state kept beside a store: one small JSON file, `saved.json` in the store's
folder (trials.json.d/saved.json), read and written whole.

    {"version": 1,
     "searches": {NAME: {"query": ..., "created": ISO, "last_look": ISO, "generation": N}},
     "watched":  {ID: {"added": ISO}, ...},
     "queries":  [TEXT, ...]}                       # the browser's query history, oldest first

Every change is a read-modify-write under a file lock of its own (saved.json.lock beside it;
the store's lock, trials.json.lock, is never taken), written atomically (store.storage), so
that a browser and a command changing it at once lose nothing. Readers take no lock: the file
is always whole. A change also deletes what a killed write left (.saved.json.*.tmp).

Keys this version does not know are kept when the file is rewritten, inside an entry too. A
file of a later format version ("version" above 1) is read as far as it can be and never
rewritten (StoreError). A file that is not this format (not JSON, not an object, a known key
of the wrong shape) is damaged: it is renamed aside to saved.json.damaged-YYYYMMDDThhmmssZ,
reported once (on_problem), and the state starts empty. For a store in memory the state is
kept in memory, shared by everything that uses the same TrialStore object.
"""

from __future__ import annotations

import copy
import os
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
from filelock import FileLock

from .errors import StoreError
from .storage import acquire_lock, atomic_write, describe_os_error, remove_temporary_files

if TYPE_CHECKING:
    from .trial_store import TrialStore

Doc = dict[str, Any]
T = TypeVar("T")

FILE_NAME = "saved.json"
#: The format version this code writes.
VERSION = 1
#: Seconds a change waits for another process's change to the file.
LOCK_TIMEOUT = 30.0
#: The known top-level keys and the type of their value.
SECTIONS: dict[str, type] = {"searches": dict, "watched": dict, "queries": list}

#: The state of stores in memory, by store object.
_MEMORY: weakref.WeakKeyDictionary[TrialStore, Doc] = weakref.WeakKeyDictionary()
_MEMORY_MUTEX = threading.Lock()


class _Damaged(Exception):
    """The file is not a state file; the message says why."""


def state_path(store: TrialStore) -> Path | None:
    """Where a store keeps the user's state (None for a store in memory)."""
    if store.path is None:
        return None
    return store.path.with_name(store.path.name + ".d") / FILE_NAME


def empty() -> Doc:
    return {"version": VERSION}


def section(doc: Doc, key: str) -> Any:
    """A known section of the document, of its type (empty when absent or, in a file of a
    later version, of another shape)."""
    kind = SECTIONS[key]
    value = doc.get(key)
    return value if isinstance(value, kind) else kind()


class StateFile:
    """The user's state of one store: read() it, or update() it under the lock."""

    def __init__(
        self, store: TrialStore, *, on_problem: Callable[[str], None] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        """on_problem(message) is told of a damaged file (once: it is set aside); the
        messages are kept in .problems too."""
        self.path = state_path(store)
        self.problems: list[str] = []
        self._on_problem = on_problem
        self._mutex = threading.RLock()
        self._unwritable: str | None = None  # why a damaged file could not be set aside
        self._mode = _file_mode(store.path)
        if self.path is None:
            with _MEMORY_MUTEX:
                self._memory: Doc | None = _MEMORY.setdefault(store, empty())
            self._lock: FileLock | None = None
        else:
            self._memory = None
            self._lock = FileLock(f"{self.path}.lock", timeout=lock_timeout)
        self._lock_timeout = lock_timeout

    def read(self) -> Doc:
        """The state now (a copy); empty when there is none or the file is damaged."""
        if self._memory is not None:
            with _MEMORY_MUTEX:
                return copy.deepcopy(self._memory)
        try:
            return self._load()
        except _Damaged:
            with self._locked():
                return self._load_or_set_aside()

    def update(self, change: Callable[[Doc], T]) -> T:
        """Apply change(doc) to the state under the lock and write the result (unless change
        raises: then nothing is written); returns what change returns."""
        if self._memory is not None:
            with _MEMORY_MUTEX:
                doc = copy.deepcopy(self._memory)
                result = change(doc)
                self._memory.clear()
                self._memory.update(doc)
                return result
        assert self.path is not None
        with self._locked():
            remove_temporary_files(self.path)  # (no other write is under way)
            doc = self._load_or_set_aside()
            self._check_writable(doc)
            result = change(doc)
            doc["version"] = VERSION
            self._write(doc)
            return result

    # --- the file ------------------------------------------------------------------------

    def _load(self) -> Doc:
        """The file's document; empty when it does not exist; _Damaged when it is damaged."""
        assert self.path is not None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return empty()
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {describe_os_error(exc)}") from exc
        if not raw.strip():
            return empty()
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise _Damaged(f"not JSON: {exc}") from exc
        _check(doc)
        return doc  # type: ignore[no-any-return]

    def _load_or_set_aside(self) -> Doc:
        """Under the lock: the document, or, when the file is damaged, empty after renaming
        it aside (a damaged file that cannot be renamed makes the state read-only)."""
        try:
            return self._load()
        except _Damaged as why:
            self._set_aside(str(why))
            return empty()

    def _set_aside(self, why: str) -> None:
        assert self.path is not None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        try:
            os.rename(self.path, aside)
        except OSError as exc:
            if self._unwritable is None:
                self._unwritable = (f"{self.path} is damaged ({why}) and cannot be set aside "
                                    f"({describe_os_error(exc)}): move it away")
                self._report(f"{self._unwritable}; until then saved searches, watched trials "
                             "and the query history are empty and cannot be changed")
            return
        self._unwritable = None
        self._report(f"{self.path} was damaged ({why}): it is kept as {aside.name}, and "
                     "saved searches, watched trials and the query history start empty")

    def _check_writable(self, doc: Doc) -> None:
        if self._unwritable is not None and self.path is not None and self.path.exists():
            raise StoreError(self._unwritable)
        version = doc.get("version", VERSION)
        if version > VERSION:
            raise StoreError(f"{self.path} was written by a newer version of trials (format "
                             f"{version}); upgrade trials to change it")

    def _write(self, doc: Doc) -> None:
        assert self.path is not None
        try:
            atomic_write(self.path, orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n",
                         overwrite=True, mode=self._mode)
        except OSError as exc:
            raise StoreError(f"cannot write {self.path}: {describe_os_error(exc)}") from exc

    def _report(self, message: str) -> None:
        self.problems.append(message)
        if self._on_problem is not None:
            self._on_problem(message)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the object's mutex and the file's cross-process lock."""
        assert self._lock is not None and self.path is not None
        with self._mutex:
            acquire_lock(self._lock, self.path, self._lock_timeout)
            try:
                yield
            finally:
                self._lock.release()


def _check(doc: Any) -> None:
    """_Damaged unless doc is a state document: an object with an integer version of 1 or
    more and, in a file of this version, known sections of the right shape."""
    if not isinstance(doc, dict):
        raise _Damaged(f"a JSON {type(doc).__name__}, not an object")
    version = doc.get("version", VERSION)
    if type(version) is not int or version < 1:
        raise _Damaged(f"bad version {version!r}")
    if version > VERSION:
        return  # a later format: read what can be read, write nothing
    for key, kind in SECTIONS.items():
        if key in doc and not isinstance(doc[key], kind):
            raise _Damaged(f'"{key}" is not a JSON {"object" if kind is dict else "array"}')
    searches = doc.get("searches", {})
    for name, entry in searches.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("query"), str):
            raise _Damaged(f"the saved search {name!r} has no query")
    if not all(isinstance(entry, dict) for entry in doc.get("watched", {}).values()):
        raise _Damaged('an entry of "watched" is not an object')
    if not all(isinstance(text, str) for text in doc.get("queries", [])):
        raise _Damaged('an entry of "queries" is not a string')


def _file_mode(store_path: Path | None) -> int:
    """Permissions for the file: the manifest's (private when it cannot be read)."""
    try:
        return os.stat(store_path).st_mode & 0o777 if store_path is not None else 0o600
    except OSError:
        return 0o600
