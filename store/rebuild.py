"""Rebuilding the search index from the segment files, when the index was written with another
schema version or another tantivy (IndexVersionError), under the lock.

The segments are replayed in order, one commit each, so the new index's generation is again
the number of the last segment. Every segment present is whole (a segment file appears only
once written and fsynced), so one that a killed checkpoint left is replayed too: that
checkpoint lands whole. The new index is built in a directory beside the old one (index-2,
index-3, …); the manifest then names it (the switch), and the old directory is deleted. A
rebuild killed before the switch leaves the old index named: the next open starts it again.

The documents are read and prepared in worker processes (rebuild_workers: TRIALS_IMPORT_WORKERS
of them, one per core by default; a small store in this process), a few chunks ahead; this
process feeds them to tantivy in order, and commits each segment once its last chunk is in.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

from .engine import IndexVersionError, TrialIndex
from .errors import StoreError
from .index_errors import guarded
from .layout import Manifest, StoreFiles
from .rebuild_workers import Feed
from .segments import SegmentFiles
from .storage import describe_os_error

#: progress(segments replayed, segments in all), called as the rebuild goes.
Progress = Callable[[int, int], None]


def rebuild_index(files: StoreFiles, manifest: Manifest, cause: IndexVersionError,
                  progress: Progress | None = None) -> Manifest:
    """Build a new index of every trial from the segments; the manifest that names it."""
    name = _new_name(manifest.index)
    index_dir = files.folder / name
    shutil.rmtree(index_dir, ignore_errors=True)
    segments = SegmentFiles(files.folder, store=files.path)
    with guarded(index_dir, files.path), Feed(segments, files.path) as feed:
        numbers = segments.numbers()
        feed.start(numbers)  # before the index's writer exists (see Feed.start)
        index = TrialIndex(index_dir)
        try:
            with index.writing():
                done = 0
                if progress is not None:
                    progress(done, len(numbers))
                present = set(numbers)
                chunks = feed.chunks()
                for number in range(1, max(numbers, default=0) + 1):
                    with index.batch() as batch:
                        last = number not in present
                        while not last:
                            chunk, ready = next(chunks)
                            assert chunk.segment == number, (chunk.segment, number)
                            last = chunk.last
                            for prepared, location, sha256, imported_at in ready:
                                batch.put_prepared(prepared, location, sha256, imported_at)
                    if number in present:
                        done += 1
                        if progress is not None:
                            progress(done, len(numbers))
        finally:
            index.close()
            segments.close()
    rebuilt = Manifest(index.generation + 1, name)
    try:
        files.write(rebuilt)
    except OSError as exc:
        raise StoreError(f"could not rebuild the search index of {files.path} ({cause.reason}): "
                         f"{describe_os_error(exc)}") from exc
    shutil.rmtree(files.folder / manifest.index, ignore_errors=True)
    return rebuilt


def _new_name(current: str) -> str:
    """An index directory name that is not the current one: index-2, index-3, …"""
    number = int(current.rpartition("-")[2]) + 1 if "-" in current else 2
    return f"index-{number}"
