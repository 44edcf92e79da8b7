"""Store: trial records in a TinyDB file, lookups by id, search and imports."""

from __future__ import annotations

from .errors import DamagedStoreError, StoreError
from .locations import bundled_seed_paths, default_db_path
from .report import FileOutcome, ImportReport
from .trial_store import TrialStore

__all__ = [
    "DamagedStoreError",
    "FileOutcome",
    "ImportReport",
    "StoreError",
    "TrialStore",
    "bundled_seed_paths",
    "default_db_path",
]
