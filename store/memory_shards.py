"""An in-memory stand-in for ShardFiles, with the same commit semantics (for tests and scripts)."""

from __future__ import annotations

from typing import Any

import orjson

from .shards import Docs, Manifest
from .storage import Signature


class MemoryShards:
    """Shard "files" kept as JSON bytes in a dict, so that nothing is shared by reference."""

    path = None

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}
        self._manifest: Manifest | None = None

    def signature(self) -> Signature | None:
        return None

    @property
    def read_signature(self) -> Signature | None:
        return None

    def read_manifest(self) -> tuple[Manifest | None, None]:
        return self._manifest, None

    def read_shard(self, name: str, kind: str) -> Docs:
        docs: Docs = orjson.loads(self._files[name]).get(kind, {})
        return docs

    def read_doc(self, name: str, kind: str, trial_id: str) -> dict[str, Any] | None:
        """None: the store reads (and caches) the whole shard."""
        return None

    def read_index(self, name: str) -> bytes:
        return self._files[name]

    def commit(
        self, current: Manifest, shards: dict[tuple[str, int], Docs], index: bytes
    ) -> Manifest:
        generation = current.generation + 1
        files = {k: dict(v) for k, v in current.files.items()}
        index_name = f"index-g{generation:06d}.bin"
        new = Manifest(generation, files, index_name)
        staged = {index_name: index}
        for (kind, number), docs in shards.items():
            name = f"{kind}-{number:03d}-g{generation:06d}.json"
            staged[name] = orjson.dumps({kind: docs})
            new.files[kind][number] = name
        self._files.update(staged)
        self._manifest = new
        keep = new.names()
        self._files = {name: data for name, data in self._files.items() if name in keep}
        return new

    def collect_garbage(self, manifest: Manifest) -> None:
        """Nothing to collect: commit keeps only the current generation."""

