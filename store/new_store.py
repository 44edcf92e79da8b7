"""Taking back a store a command created and left empty: a fetch that could not reach the
registry, an import whose every file failed, must not leave a store where a mistyped --db
pointed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import StoreError
from .trial_store import TrialStore


def first_missing(manifest: Path) -> Path | None:
    """The outermost of the manifest and its folders that does not exist yet (what creating
    the store there creates), or None when the manifest exists."""
    if manifest.exists():
        return None
    missing = manifest
    for folder in manifest.parents:
        if folder.exists():
            return missing
        missing = folder
    return missing


def discard_if_empty(manifest: Path, created: Path) -> bool:
    """Remove the store at manifest, its lock file and its .d folder when it holds no trial,
    then the folders made for it (from created, what first_missing gave, down) when they
    are empty; whether it was removed. A store that cannot be read is left alone."""
    try:
        with TrialStore(manifest) as store:
            if len(store):
                return False
    except StoreError:
        return False
    shutil.rmtree(f"{manifest}.d", ignore_errors=True)
    for own in (manifest, Path(f"{manifest}.lock")):
        own.unlink(missing_ok=True)
    folder = manifest.parent
    while created != manifest and folder.is_relative_to(created):
        try:
            os.rmdir(folder)  # only an empty one
        except OSError:
            break
        if folder == created:
            break
        folder = folder.parent
    return True
