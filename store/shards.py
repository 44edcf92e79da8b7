"""The on-disk layout: trial records spread over TinyDB shard files, a search index, a manifest.

    trials.json                 the manifest: a TinyDB file naming the current generation's files
    trials.json.d/
        trials-017-g000042.json  TinyDB file: table "trials", documents keyed by trial id
        sources-017-g000042.json TinyDB file: table "sources", {"text": original page text}
        index-g000042.bin        the search index with the list columns (SearchIndex.to_bytes)

A write never changes a file that the manifest names: it writes the touched shards and the
index under a new generation number, then replaces the manifest atomically (the commit point),
then deletes the files no manifest names any more. A crash or a full disk before the commit
leaves the previous generation whole; after it, the new one.
"""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from .errors import StoreError
from .storage import AtomicJSONStorage, Signature, _fsync_dir, _why
from .tables import IdTable, TrialDB

SHARDS = 256
LAYOUT = 2
MANIFEST_TABLE = "store"
KINDS = ("trials", "sources")
_OWN_FILE = re.compile(r"^(?:(?:trials|sources)-\d{3}|index)-g\d{6,}\.(?:json|bin)$")

Docs = dict[str, dict[str, Any]]


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
        """Every file name this manifest refers to."""
        names = {name for kind in self.files.values() for name in kind.values()}
        return names | ({self.index} if self.index else set())


class ShardFiles:
    """Read and commit generations of shard files next to a manifest file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.with_name(path.name + ".d")
        self._manifest_storage = AtomicJSONStorage(path)

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
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for (kind, number), docs in shards.items():
                name = f"{kind}-{number:03d}-g{generation:06d}.json"
                written.append(self.folder / name)
                db = TrialDB(self.folder / name, storage=AtomicJSONStorage, create_dirs=False)
                cast(IdTable, db.table(kind)).put_many(docs)
                new.files[kind][number] = name
            written.append(self.folder / new.index)
            _write_bytes(self.folder / new.index, index)
            _fsync_dir(self.folder)
            self._manifest_storage.write({MANIFEST_TABLE: {"1": new.to_doc()}})
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        self.collect_garbage(new)
        return new

    def collect_garbage(self, manifest: Manifest) -> None:
        """Delete generation files the manifest does not name (old or from a crashed write)."""
        keep = manifest.names()
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                stale = _OWN_FILE.match(entry.name) or entry.name.endswith(".tmp")
                if stale and entry.name not in keep:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
