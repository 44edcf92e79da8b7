"""The on-disk layout: trial records spread over TinyDB shard files, a search index, a manifest.

    trials.json                 the manifest: a TinyDB file naming the current generation's files
    trials.json.d/
        trials-017-g000042.json  TinyDB file: table "trials", documents keyed by trial id
        sources-017-g000042.json TinyDB file: table "sources", {"text": original page text}
        trials-017-g000042.spans where each document of that shard file lies in it:
        sources-017-g000042.spans {"NCT…": [offset, length]} (JSON), so that one record is read
                                 without reading its whole shard (a lookup reads ~5 KB)
        index-g000042.bin        the search index with the list columns (SearchIndex.to_bytes)

A write never changes a file that the manifest names: it writes the touched shards and the
index under a new generation number, then replaces the manifest atomically (the commit point),
then deletes the files no manifest names any more. A crash or a full disk before the commit
leaves the previous generation whole; after it, the new one.

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

from .errors import StoreError
from .storage import AtomicJSONStorage, Data, Signature, _fsync_dir, _why
from .tables import IdTable, TrialDB

SHARDS = 256
#: Threads that write and fsync the files of a commit.
WRITER_THREADS = 4
LAYOUT = 2
MANIFEST_TABLE = "store"
KINDS = ("trials", "sources")
_OWN_FILE = re.compile(r"^(?:(?:trials|sources)-\d{3}|index)-g\d{6,}\.(?:json|bin|spans)$")
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

    def to_doc(self) -> dict[str, Any]:
        return {
            "layout": LAYOUT,
            "shards": SHARDS,
            "generation": self.generation,
            "index": self.index,
            "files": {k: {str(n): name for n, name in v.items()} for k, v in self.files.items()},
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any], where: str) -> Manifest:
        if doc.get("layout") != LAYOUT or doc.get("shards") != SHARDS:
            raise StoreError(f"{where} uses an unknown store layout {doc.get('layout')!r}")
        files = doc.get("files") or {}
        return cls(
            generation=int(doc.get("generation", 0)),
            files={k: {int(n): str(v) for n, v in (files.get(k) or {}).items()} for k in KINDS},
            index=doc.get("index"),
        )

    def names(self) -> set[str]:
        """Every file name this manifest refers to (with the shards' spans files)."""
        names = {name for kind in self.files.values() for name in kind.values()}
        names |= {spans_name(name) for name in names}
        return names | ({self.index} if self.index else set())


def spans_name(shard: str) -> str:
    """The spans file of a shard file."""
    return shard.removesuffix(".json") + SPANS_SUFFIX


class ShardFiles:
    """Read and commit generations of shard files next to a manifest file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.with_name(path.name + ".d")
        self._manifest_storage = AtomicJSONStorage(path)
        # Shard file name → {trial id: (offset, length)}, or None when it has no usable spans.
        self._spans: dict[str, dict[str, tuple[int, int]] | None] = {}

    # --- reading -------------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """Changes whenever another process commits."""
        return self._manifest_storage.disk_signature()

    def read_manifest(self) -> tuple[Manifest | None, dict[str, Any] | None]:
        """The manifest, or (None, legacy tables) for a first-layout store, or (None, None)."""
        data = self._manifest_storage.read()
        if not data:
            return None, None
        table = data.get(MANIFEST_TABLE)
        if table:
            doc = next(iter(table.values()))
            return Manifest.from_doc(doc, str(self.path)), None
        if set(data) <= {"trials", "sources", "_default"}:
            return None, data
        raise StoreError(f"{self.path} is not a valid store file: unknown tables {sorted(data)}")

    def read_shard(self, name: str, kind: str) -> Docs:
        """The documents of one shard file, read through TinyDB."""
        db = TrialDB(self.folder / name, storage=AtomicJSONStorage, create_dirs=False)
        return {str(doc.doc_id): dict(doc) for doc in db.table(kind)}

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
        valid = isinstance(doc, dict) and (
            doc.get("id") == trial_id if kind == "trials" else isinstance(doc.get("text"), str)
        )
        if not valid:  # spans that do not fit their shard: never use them again
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
        try:
            return (self.folder / name).read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read {self.folder / name}: {_why(exc)}") from exc

    # --- writing -------------------------------------------------------------------------

    def commit(
        self, current: Manifest, shards: dict[tuple[str, int], Docs], index: bytes
    ) -> Manifest:
        """Write the changed shards and the index as a new generation, then switch to it."""
        generation = current.generation + 1
        files = {k: dict(v) for k, v in current.files.items()}
        new = Manifest(generation, files, f"index-g{generation:06d}.bin")
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
            written.append(self.folder / new.index)
            write_later(self.folder / new.index, index)
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
