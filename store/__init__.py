"""Store: trial records in immutable TinyDB segment files found through an on-disk search index
(store.engine), lookups by id, search, imports in atomic checkpoints (store.checkpoint), and
atomic file writes."""

from __future__ import annotations

from .errors import DamagedStoreError, StoreError
from .locations import bundled_seed_paths, default_db_path
from .report import FileOutcome, ImportReport
from .storage import atomic_fill, atomic_write
from .trial_store import TrialStore

__all__ = [
    "DamagedStoreError",
    "FileOutcome",
    "ImportReport",
    "StoreError",
    "TrialStore",
    "atomic_fill",
    "atomic_write",
    "bundled_seed_paths",
    "default_db_path",
]
