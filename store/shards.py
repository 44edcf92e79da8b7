"""The on-disk layout: trial records spread over TinyDB shard files, a search index, a manifest.

    trials.json                 the manifest: a TinyDB file naming the current generation's files
    trials.json.d/
        trials-017-g000042.json  TinyDB file: table "trials", documents keyed by trial id
        sources-017-g000042.json TinyDB file: table "sources", {"text": original page text}
        trials-017-g000042.spans where each document of that shard file lies in it:
        sources-017-g000042.spans {"NCT…": [offset, length]} (JSON), so that one record is read
                                 without reading its whole shard (a lookup reads ~5 KB)
        index-g000042.bin        the search index with the list columns (SearchIndex.to_bytes);
                                 the manifest holds its CRC-32, checked when the store opens

A write never changes a file that the manifest names: it writes the touched shards and the
index under a new generation number, then replaces the manifest atomically (the commit point),
then deletes the files no manifest names any more. A crash or a full disk before the commit
leaves the previous generation whole; after it, the new one.

A file the manifest names that is missing or cannot be read as what it should be raises
DamagedStoreError: the store never writes over it. A manifest that is missing or empty while
the folder holds the files of a store (shards, or an index written after the first commit) is
damaged too, rather than the start of a new store that would collect those files as garbage.

The spans files are an accelerator: a shard file without one (a store written before they
existed) or whose spans do not fit is read whole, as TinyDB reads it.
"""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import orjson
from tinydb.storages import Storage

from .errors import DamagedStoreError, StoreError
from .storage import AtomicJSONStorage, Data, Signature, _fsync_dir, _why
from .tables import IdTable, TrialDB

SHARDS = 256
#: Threads that write and fsync the files of a commit.
WRITER_THREADS = 4
LAYOUT = 2
MANIFEST_TABLE = "store"
KINDS = ("trials", "sources")
_OWN_FILE = re.compile(r"^(?:(?:trials|sources)-\d{3}|index)-g\d{6,}\.(?:json|bin|spans)$")
_SHARD_FILE = re.compile(r"^(?P<kind>trials|sources)-(?P<number>\d{3})-g\d{6,}\.json$")
_INDEX_FILE = re.compile(r"^index-g(?P<generation>\d{6,})\.bin$")
SPANS_SUFFIX = ".spans"
#: Spans of this many shard files are kept in memory (a shard's are ~10 KB at 100,000 trials).
CACHED_SPANS = 1024

Docs = dict[str, dict[str, Any]]
_UNREAD: Any = object()


def shard_of(trial_id: str) -> int:
    """The shard a trial id lives in: stable across runs and machines."""
    return zlib.crc32(trial_id.encode("utf-8")) % SHARDS


@dataclass
class Manifest:
    """Which files hold the current generation."""

    generation: int = 0
    files: dict[str, dict[int, str]] = field(default_factory=lambda: {k: {} for k in KINDS})
    index: str | None = None
    #: CRC-32 of the index file (None in a store written before it was kept).
    index_crc: int | None = None

    def to_doc(self) -> dict[str, Any]:
        return {
            "layout": LAYOUT,
            "shards": SHARDS,
            "generation": self.generation,
            "index": self.index,
            "index_crc": self.index_crc,
            "files": {k: {str(n): name for n, name in v.items()} for k, v in self.files.items()},
        }

    @classmethod
    def from_doc(cls, doc: object, where: str) -> Manifest:
        """The manifest a document describes; DamagedStoreError when it is not one."""
        if not isinstance(doc, dict):
            raise _bad_manifest(where, "its entry is not an object")
        if doc.get("layout") != LAYOUT or doc.get("shards") != SHARDS:
            raise StoreError(f"{where} uses an unknown store layout {doc.get('layout')!r}: "
                             "it was written by another version of trials")
        try:
            manifest = cls(
                generation=_whole(doc.get("generation", 0)),
                files={kind: _shard_names(doc.get("files") or {}, kind) for kind in KINDS},
                index=doc.get("index"),
                index_crc=doc.get("index_crc"),
            )
        except (AttributeError, TypeError, ValueError) as exc:
            raise _bad_manifest(where, str(exc)) from exc
        index, crc = manifest.index, manifest.index_crc
        if index is not None and not (isinstance(index, str) and _INDEX_FILE.match(index)):
            raise _bad_manifest(where, f"bad index file name {index!r}")
        if crc is not None and (isinstance(crc, bool) or not isinstance(crc, int)):
            raise _bad_manifest(where, f"bad index checksum {crc!r}")
        return manifest

    def names(self) -> set[str]:
        """Every file name this manifest refers to (with the shards' spans files)."""
        names = {name for kind in self.files.values() for name in kind.values()}
        names |= {spans_name(name) for name in names}
        return names | ({self.index} if self.index else set())


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"bad generation {value!r}")
    return value


def _shard_names(files: dict[str, Any], kind: str) -> dict[int, str]:
    """The shard files of one kind a manifest names, checked: {shard number: file name}."""
    names: dict[int, str] = {}
    for number, name in (files.get(kind) or {}).items():
        match = _SHARD_FILE.match(name) if isinstance(name, str) else None
        if match is None or match["kind"] != kind or int(match["number"]) != int(number):
            raise ValueError(f"bad {kind} file name {name!r} for shard {number!r}")
        if not 0 <= int(number) < SHARDS:
            raise ValueError(f"bad shard number {number!r}")
        names[int(number)] = name
    return names


def _bad_manifest(where: str, why: str) -> DamagedStoreError:
    return DamagedStoreError(where, f"is not a valid store file (a damaged manifest: {why})", where)


def spans_name(shard: str) -> str:
    """The spans file of a shard file."""
    return shard.removesuffix(".json") + SPANS_SUFFIX


class ShardFiles:
    """Read and commit generations of shard files next to a manifest file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.with_name(path.name + ".d")
        self._manifest_storage = AtomicJSONStorage(path, store=path)
        # Shard file name → {trial id: (offset, length)}, or None when it has no usable spans.
        self._spans: dict[str, dict[str, tuple[int, int]] | None] = {}

    # --- reading -------------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """Changes whenever another process commits."""
        return self._manifest_storage.disk_signature()

    @property
    def read_signature(self) -> Signature | None:
        """The signature of the manifest as read_manifest last read it."""
        return self._manifest_storage.last_signature

    def read_manifest(self) -> tuple[Manifest | None, dict[str, Any] | None]:
        """The manifest, or (None, legacy tables) for a first-layout store, or (None, None)
        for no store yet. DamagedStoreError when it cannot be read as either, or when it is
        missing or empty while the folder holds a store's files."""
        data = self._manifest_storage.read()
        if not data:
            self._check_no_store(missing=self._manifest_storage.last_signature is None)
            return None, None
        table = data.get(MANIFEST_TABLE)
        if table:
            doc = next(iter(table.values()))
            return Manifest.from_doc(doc, str(self.path)), None
        if set(data) <= {"trials", "sources", "_default"}:
            return None, data
        raise DamagedStoreError(
            self.path, f"is not a valid store file (unknown tables {sorted(data)})", self.path
        )

    def _check_no_store(self, *, missing: bool) -> None:
        """Raise DamagedStoreError when the folder holds the files of a committed store: a
        shard file, or an index newer than the empty first generation that opening a new
        store commits (files of a write that crashed before any commit are not a store)."""
        try:
            names = [entry.name for entry in os.scandir(self.folder)]
        except OSError:
            return
        for name in names:
            index = _INDEX_FILE.match(name)
            if _SHARD_FILE.match(name) or (index and int(index["generation"]) > 1):
                state = "missing" if missing else "empty"
                raise DamagedStoreError(
                    self.path, f"is {state}, but {self.folder} holds the files of a store",
                    self.path, advice=f"restore {self.path.name} from a backup, or move "
                    f"{self.folder} away to start a new store",
                )

    def read_shard(self, name: str, kind: str) -> Docs:
        """The documents of one shard file (a TinyDB file, read through our TinyDB storage),
        checked; DamagedStoreError when it is missing or not such a shard file."""
        path = self.folder / name
        storage = AtomicJSONStorage(path, create_dirs=False, store=self.path)
        data = storage.read()
        if data is None:
            problem = "is missing" if storage.last_signature is None else "is empty"
            raise DamagedStoreError(path, problem, self.path)
        table = data.get(kind)
        if table is None:
            raise DamagedStoreError(
                path, f"is not a valid store file (no {kind!r} table)", self.path
            )
        for trial_id, doc in table.items():
            if not _valid_doc(kind, trial_id, doc):
                raise DamagedStoreError(
                    path, f"is not a valid store file (bad {kind} entry {trial_id!r})", self.path
                )
        return table

    def read_doc(self, name: str, kind: str, trial_id: str) -> dict[str, Any] | None:
        """One document of a shard file, read through its spans file; None when the shard
        has no usable spans (then read the shard whole). Raises KeyError for an id the spans
        do not hold, OSError when the file is gone (another process committed)."""
        spans = self._spans.get(name, _UNREAD)
        if spans is _UNREAD:
            spans = self._read_spans(name)
        if spans is None:
            return None
        offset, length = spans[trial_id]
        # The document's key comes right before it: reading it too checks that the span
        # belongs to this id.
        key = orjson.dumps(trial_id) + b":"
        fd = os.open(self.folder / name, os.O_RDONLY)
        try:
            raw = os.pread(fd, length + len(key), offset - len(key)) if offset >= len(key) else b""
        finally:
            os.close(fd)
        doc = None
        if raw.startswith(key) and len(raw) == length + len(key):
            with contextlib.suppress(orjson.JSONDecodeError):
                doc = orjson.loads(memoryview(raw)[len(key):])
        if not _valid_doc(kind, trial_id, doc):  # spans that do not fit: never use them again
            self._spans[name] = None
            return None
        return doc

    def _read_spans(self, name: str) -> dict[str, tuple[int, int]] | None:
        try:
            raw = orjson.loads((self.folder / spans_name(name)).read_bytes())
            spans = {str(k): (int(v[0]), int(v[1])) for k, v in raw.items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError, KeyError):
            spans = None
        if len(self._spans) >= CACHED_SPANS:
            del self._spans[next(iter(self._spans))]
        self._spans[name] = spans
        return spans

    def read_index(self, name: str) -> bytes:
        """The persisted search index."""
        path = self.folder / name
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise DamagedStoreError(path, "is missing", self.path) from exc
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {_why(exc)}") from exc

    # --- writing -------------------------------------------------------------------------

    def commit(
        self, current: Manifest, shards: dict[tuple[str, int], Docs], index: bytes
    ) -> Manifest:
        """Write the changed shards and the index as a new generation, then switch to it."""
        generation = current.generation + 1
        files = {k: dict(v) for k, v in current.files.items()}
        index_name = f"index-g{generation:06d}.bin"
        new = Manifest(generation, files, index_name, zlib.crc32(index))
        written: list[Path] = []
        # New files are written in place (no manifest names them before the commit, so
        # nothing reads them half-written), and written and fsynced by a few threads while
        # this one serialises the next shard; one fsync of the folder then covers them all.
        pending: list[Future[None]] = []
        written_count = [0]  # pending[:written_count[0]] are known to be done
        pool = ThreadPoolExecutor(max_workers=WRITER_THREADS, thread_name_prefix="shard-writer")

        mode = self._file_mode()

        def write_later(path: Path, payload: bytes) -> None:
            pending.append(pool.submit(_write_bytes, path, payload, mode))
            # Wait for older writes when many are queued: at most a few shards' JSON is held
            # in memory (a full import of 100,000 trials serialises over 1 GB).
            while len(pending) - written_count[0] > 4 * WRITER_THREADS:
                pending[written_count[0]].result()
                written_count[0] += 1

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for (kind, number), docs in shards.items():
                name = f"{kind}-{number:03d}-g{generation:06d}.json"
                written.append(self.folder / name)
                written.append(self.folder / spans_name(name))
                self._spans.pop(name, None)
                db = TrialDB(self.folder / name, storage=NewFileStorage, writer=write_later)
                cast(IdTable, db.table(kind)).put_many(docs)
                new.files[kind][number] = name
            written.append(self.folder / index_name)
            write_later(self.folder / index_name, index)
            for future in pending:
                future.result()
            _fsync_dir(self.folder)
            self._manifest_storage.write({MANIFEST_TABLE: {"1": new.to_doc()}})
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            if not self._committed(generation):  # past the commit point the files stay
                for path in written:
                    with contextlib.suppress(OSError):
                        path.unlink()
            raise
        finally:
            pool.shutdown(wait=True)
        self.collect_garbage(new)
        return new

    def _committed(self, generation: int) -> bool:
        """Whether the manifest on disk names this generation (the replace happened even if
        something after it, such as the folder's fsync, failed)."""
        try:
            manifest, _ = self.read_manifest()
        except (StoreError, OSError, ValueError):
            return False
        return manifest is not None and manifest.generation == generation

    def _file_mode(self) -> int:
        """Permissions for new files: the manifest's (private for a new store)."""
        try:
            return os.stat(self.path).st_mode & 0o777
        except OSError:
            return 0o600

    def collect_garbage(self, manifest: Manifest) -> None:
        """Delete generation files the manifest does not name (old or from a crashed write)."""
        keep = manifest.names()
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                stale = _OWN_FILE.match(entry.name) or entry.name.endswith(".tmp")
                if stale and entry.name not in keep:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


class NewFileStorage(Storage):
    """TinyDB storage for a shard file of a generation not committed yet: it starts empty
    (a stray file of that name, left by a crashed write, is overwritten) and hands the JSON,
    then its spans file, to writer(path, payload), which writes and fsyncs them; the caller
    fsyncs the folder."""

    def __init__(self, path: Path, writer: Callable[[Path, bytes], None]) -> None:
        super().__init__()
        self.path = Path(path)
        self._writer = writer

    def read(self) -> Data | None:
        return None

    def write(self, data: Data) -> None:
        payload, spans = dumps_with_spans(data)
        self._writer(self.path, payload)
        self._writer(self.path.with_name(spans_name(self.path.name)), orjson.dumps(spans))


def _valid_doc(kind: str, trial_id: str, doc: object) -> bool:
    """Whether a document can be what a shard of this kind holds under this id."""
    if not isinstance(doc, dict):
        return False
    return doc.get("id") == trial_id if kind == "trials" else isinstance(doc.get("text"), str)


def dumps_with_spans(data: Data) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """TinyDB's tables as JSON (the same bytes as orjson.dumps(data)), and where each
    document lies in them: {doc id: (offset, length)} (ids of one table; a shard has one)."""
    parts: list[bytes] = [b"{"]
    size = 1
    spans: dict[str, tuple[int, int]] = {}
    for number, (table, docs) in enumerate(data.items()):
        head = (b"," if number else b"") + orjson.dumps(table) + b":{"
        parts.append(head)
        size += len(head)
        for position, (doc_id, doc) in enumerate(docs.items()):
            key = (b"," if position else b"") + orjson.dumps(str(doc_id)) + b":"
            body = orjson.dumps(doc)
            spans[str(doc_id)] = (size + len(key), len(body))
            parts.append(key)
            parts.append(body)
            size += len(key) + len(body)
        parts.append(b"}")
        size += 1
    parts.append(b"}")
    return b"".join(parts), spans


def _write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write and fsync a new file with these permissions."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with open(fd, "wb") as handle:
        if hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), mode)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
