"""Migration of a store of an earlier layout to layout 3, when it is opened (under the lock).

Layout 1 is one TinyDB file (tables "trials" and "sources"); layout 2 a manifest naming shard
files (store.shards). Every record and its text become versions (with no previous one) in
segment files of CHECKPOINT trials, each committed to the search index as any checkpoint is;
then the layout-3 manifest replaces the old file (the switch), and only then are the old
files deleted. Until the switch the old store is untouched, and stays usable; a migration
killed before it resumes where it stopped when the store is opened again (the trials the
index holds already are skipped).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .checkpoint import CHECKPOINT, Writer
from .engine import TrialIndex, UnusableIndexError
from .errors import DamagedStoreError, StoreError
from .index_errors import guarded
from .layout import INDEX, Legacy, Manifest, StoreFiles
from .planning import version_meta
from .segment_format import Version
from .segments import SegmentFiles
from .shards import ShardManifest, shard_trials, text_of, valid_doc
from .storage import describe_os_error

Trials = Iterator[list[tuple[dict[str, Any], str]]]


def migrate(files: StoreFiles, legacy: Legacy) -> Manifest:
    """Move a store of layout 1 or 2 to layout 3, losing nothing; its new manifest."""
    trials = _legacy_trials(files, legacy)
    index_dir = files.folder / INDEX
    index = _partial_index(index_dir, files)
    segments = SegmentFiles(files.folder, store=files.path, mode=files.file_mode())
    try:
        segments.remove([n for n in segments.numbers() if n > index.generation])
        segments.remove_temporary_files()
        writer = Writer(index, segments, where=str(files.path), index_dir=index_dir,
                        store=files.path)
        with guarded(index_dir, files.path), index.writing():
            pending: list[Version] = []
            for chunk in trials:
                located = index.locate_many([record["id"] for record, _ in chunk])
                pending.extend(
                    Version(record["id"], record, text, version_meta(record), None)
                    for (record, text), where in zip(chunk, located, strict=True)
                    if where is None
                )
                while len(pending) >= CHECKPOINT:
                    writer.write(pending[:CHECKPOINT], strict=True)
                    pending = pending[CHECKPOINT:]
            if pending:
                writer.write(pending, strict=True)
        writer.close()
        manifest = Manifest(index.generation + 1, INDEX)
    finally:
        index.close()
        segments.close()
    try:
        files.write(manifest)
    except OSError as exc:
        raise StoreError(f"could not write {files.path}: {describe_os_error(exc)}; the store "
                         "is unchanged") from exc
    files.remove_leftovers(manifest)
    return manifest


def _partial_index(index_dir: Path, files: StoreFiles) -> TrialIndex:
    """The index of a migration under way, or a new one: a partial index that cannot be used
    (killed while it was created, or of another version) is started again, with the segments
    it pointed into (no manifest names either yet)."""
    try:
        return TrialIndex(index_dir)
    except UnusableIndexError:
        shutil.rmtree(index_dir, ignore_errors=True)
        SegmentFiles(files.folder).remove(SegmentFiles(files.folder).numbers())
        with guarded(index_dir, files.path):
            return TrialIndex(index_dir)


def _legacy_trials(files: StoreFiles, legacy: Legacy) -> Trials:
    """The (record, text) of every trial of the old store, in chunks."""
    where = str(files.path)
    if legacy.layout == 2:
        manifest = ShardManifest.from_doc(legacy.data, where)
        return shard_trials(files.folder, manifest, files.path)
    return _tables_trials(legacy.data, where)


def _tables_trials(data: dict[str, Any], where: str) -> Trials:
    """The trials of a layout-1 store (one TinyDB file), checked first (a bad entry is damage
    of the file, found before anything is written)."""
    records = data.get("trials") or {}
    texts = data.get("sources") or {}
    for kind, table in (("trials", records), ("sources", texts)):
        for trial_id, doc in table.items():
            if not valid_doc(kind, trial_id, doc):
                raise DamagedStoreError(
                    where, f"is not a valid store file (bad {kind} entry {trial_id})", where
                )
    ids = sorted(records)

    def chunks() -> Trials:
        for start in range(0, len(ids), CHECKPOINT):
            yield [(records[trial_id], text_of(texts.get(trial_id)))
                   for trial_id in ids[start:start + CHECKPOINT]]

    return chunks()

