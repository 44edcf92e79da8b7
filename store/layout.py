"""The store on disk: the manifest, and the folder of segment files and the search index.

    trials.json              the manifest, a small TinyDB file replaced atomically:
                             {"store": {"1": {"layout": 3, "index": "index", "next_segment": 43}}}
    trials.json.d/
        seg-000001.json …    the documents, one segment file per checkpoint (store.segments)
        index/               the search index and id → location map (store.engine): the commit
                             point; its generation is the number of the last segment committed

A checkpoint writes segment N (N = the index's generation + 1), commits the index (its
generation becomes N), then records next_segment N + 1 in the manifest. A segment numbered
above the index's generation is what a killed checkpoint left: the next write removes it,
with the temporary files of writes that were killed. The manifest says which layout the
folder holds and which index directory is current (a rebuilt index is written beside the old
one, then named here).

A manifest that is missing or empty while the folder holds segment files is damaged, not a
new store: a new store would collect those files as leftovers.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DamagedStoreError, StoreError
from .segment_disk import scan
from .storage import AtomicJSONStorage, Signature, remove_temporary_files

LAYOUT = 3
TABLE = "store"
#: The index directory of a new store.
INDEX = "index"
_INDEX_NAME = re.compile(r"^index(?:-\d{1,9})?$")
#: Files of a layout-2 store (shards, their spans, the index, their temporary files).
_LAYOUT_2_FILE = re.compile(
    r"^\.?(?:(?:trials|sources)-\d{3}|index)-g\d{6,}\.(?:json|bin|spans)(?:\.[0-9a-f]+\.tmp)?$"
)
_LAYOUT_2_DATA = re.compile(r"^(?:trials|sources)-\d{3}-g\d{6,}\.json$")


@dataclass(frozen=True)
class Manifest:
    """What the manifest of a layout-3 store says."""

    next_segment: int = 1
    index: str = INDEX

    def to_doc(self) -> dict[str, Any]:
        return {"layout": LAYOUT, "index": self.index, "next_segment": self.next_segment}

    @classmethod
    def from_doc(cls, doc: dict[str, Any], where: str) -> Manifest:
        """The manifest a document describes; DamagedStoreError when it is not one."""
        next_segment, index = doc.get("next_segment"), doc.get("index")
        if type(next_segment) is not int or next_segment < 1:
            raise bad_manifest(where, f"bad next_segment {next_segment!r}")
        if not isinstance(index, str) or not _INDEX_NAME.match(index):
            raise bad_manifest(where, f"bad index directory name {index!r}")
        return cls(next_segment, index)


@dataclass(frozen=True)
class Legacy:
    """A store of an earlier layout: 1 (one TinyDB file; data: its tables) or 2 (shard files;
    data: its manifest's document)."""

    layout: int
    data: dict[str, Any]


def bad_manifest(where: str, why: str) -> DamagedStoreError:
    return DamagedStoreError(where, f"is not a valid store file (a damaged manifest: {why})",
                             where)


class StoreFiles:
    """The manifest of a store on disk and the folder beside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.with_name(path.name + ".d")
        self._storage = AtomicJSONStorage(path, store=path)

    def signature(self) -> Signature | None:
        """The manifest file's signature now (it changes with every checkpoint)."""
        return self._storage.disk_signature()

    @property
    def read_signature(self) -> Signature | None:
        """The signature of the manifest as read() or write() last saw it."""
        return self._storage.last_signature

    def index_dir(self, manifest: Manifest) -> Path:
        return self.folder / manifest.index

    def read(self) -> Manifest | Legacy | None:
        """The manifest, a store of an earlier layout, or None for no store yet.
        DamagedStoreError when it is none of these, or missing or empty beside the files of a
        store."""
        data = self._storage.read()
        if not data:
            self._check_no_store(missing=self._storage.last_signature is None)
            return None
        where = str(self.path)
        table = data.get(TABLE)
        if table:
            doc = next(iter(table.values()))
            if not isinstance(doc, dict):
                raise bad_manifest(where, "its entry is not an object")
            layout = doc.get("layout")
            if layout == LAYOUT:
                return Manifest.from_doc(doc, where)
            if layout == 2:
                return Legacy(2, doc)
            if type(layout) is int and layout > LAYOUT:
                raise StoreError(f"{where} uses store layout {layout}: it was written by a "
                                 "newer version of trials")
            raise bad_manifest(where, f"unknown layout {layout!r}")
        if set(data) <= {"trials", "sources", "_default"}:
            return Legacy(1, data)
        raise DamagedStoreError(where, f"is not a valid store file (unknown tables "
                                f"{sorted(data)})", where)

    def write(self, manifest: Manifest) -> None:
        """Replace the manifest atomically (OSError when it cannot be)."""
        self._storage.write({TABLE: {"1": manifest.to_doc()}})

    def file_mode(self) -> int:
        """Permissions for new files: the manifest's (private for a new store)."""
        try:
            return os.stat(self.path).st_mode & 0o777
        except OSError:
            return 0o600

    def _check_no_store(self, *, missing: bool) -> None:
        """Raise DamagedStoreError when the folder holds segment files (or the shards of a
        layout-2 store): a manifest is missing, not a store."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        segments = [name for _, temporary, name in scan(self.folder) if not temporary]
        if segments or any(_LAYOUT_2_DATA.match(name) for name in names):
            state = "missing" if missing else "empty"
            raise DamagedStoreError(
                self.path, f"is {state}, but {self.folder} holds the files of a store",
                self.path, advice=f"restore {self.path.name} from a backup, or move "
                f"{self.folder} away to start a new store",
            )

    def remove_leftovers(self, manifest: Manifest) -> None:
        """Delete what killed writes and finished migrations left: temporary files of the
        manifest, index directories the manifest does not name, files of layout 2 (segment
        leftovers are the segment files' own; see SegmentFiles)."""
        remove_temporary_files(self.path)
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            if _LAYOUT_2_FILE.match(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            elif _INDEX_NAME.match(entry.name) and entry.name != manifest.index:
                shutil.rmtree(entry.path, ignore_errors=True)


def index_identity(path: Path) -> tuple[int, int] | None:
    """What tells an index directory from another put in its place (device, inode)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino
