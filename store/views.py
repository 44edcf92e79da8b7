"""What a TrialStore reads through: its search index and the segment files it points into,
opened from the manifest, or made for a new store.

A View is never changed: a refresh that finds another index (rebuilt, or the store put in
its place by another program) opens a new View, and readers go on with the one they took.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .engine import IndexVersionError, TrialIndex, UnusableIndexError
from .errors import DamagedStoreError, StoreError
from .index_errors import damaged_index, guarded, is_panic
from .layout import INDEX, Manifest, StoreFiles, index_identity
from .segments import SegmentFiles
from .storage import describe_os_error


@dataclass(frozen=True)
class View:
    """The index and the segment files of a store (in memory: no directory)."""

    index: TrialIndex
    segments: SegmentFiles
    index_dir: Path | None = None
    index_name: str = INDEX
    identity: tuple[int, int] | None = None


def memory_view() -> View:
    """The view of a new store in memory."""
    return View(TrialIndex(None), SegmentFiles(None))


def open_view(files: StoreFiles, manifest: Manifest) -> View:
    """The index the manifest names and the segment files. DamagedStoreError when the index
    is missing or cannot be read; IndexVersionError when it must be rebuilt."""
    index_dir = files.index_dir(manifest)
    if not (index_dir / "meta.json").is_file():
        raise DamagedStoreError(index_dir, "is missing (the search index of the store)",
                                files.path)
    identity = index_identity(index_dir)
    try:
        index = TrialIndex(index_dir)
    except IndexVersionError:
        raise
    except UnusableIndexError as exc:
        raise damaged_index(exc, index_dir, files.path) from exc
    except BaseException as exc:
        if is_panic(exc):
            raise damaged_index(exc, index_dir, files.path) from exc
        raise
    segments = SegmentFiles(files.folder, store=files.path, mode=files.file_mode())
    return View(index, segments, index_dir, manifest.index, identity)


def create_store(files: StoreFiles) -> Manifest:
    """A new, empty store (call under the lock): its index, then its manifest."""
    index_dir = files.folder / INDEX
    try:
        with guarded(index_dir, files.path):
            index = TrialIndex(index_dir)
    except IndexVersionError as exc:
        raise damaged_index(exc, index_dir, files.path) from exc
    try:
        if index.generation:  # trials without segments: not a new store
            raise DamagedStoreError(
                files.path, f"is missing, but {index_dir} holds the index of a store",
                files.path, advice=f"restore {files.path.name} from a backup, or move "
                f"{files.folder} away to start a new store")
    finally:
        index.close()
    manifest = Manifest()
    try:
        files.write(manifest)
    except OSError as exc:
        raise StoreError(f"could not write {files.path}: {describe_os_error(exc)}") from exc
    return manifest
