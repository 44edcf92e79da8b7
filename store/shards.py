"""Reading a store of layout 2, to migrate it (store.migrate): trial records spread over TinyDB
shard files named by a manifest.

    trials.json                  the manifest: {"store": {"1": {"layout": 2, "shards": 256,
                                 "generation": 42, "index": …, "files": {"trials": {"17":
                                 "trials-017-g000042.json", …}, "sources": {…}}}}}
    trials.json.d/
        trials-017-g000042.json  TinyDB file: table "trials", documents keyed by trial id
        sources-017-g000042.json TinyDB file: table "sources", {"text": original page text}
        *.spans, index-g*.bin    where documents lie in a shard; the search index (not needed)

A shard file the manifest names that is missing or is not such a shard raises
DamagedStoreError naming it: the migration stops and the store stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DamagedStoreError
from .storage import AtomicJSONStorage

SHARDS = 256
KINDS = ("trials", "sources")
_SHARD_FILE = re.compile(r"^(?P<kind>trials|sources)-(?P<number>\d{3})-g\d{6,}\.json$")

Docs = dict[str, dict[str, Any]]


@dataclass
class ShardManifest:
    """Which files hold a layout-2 store's records and texts: {kind: {shard: file name}}."""

    files: dict[str, dict[int, str]] = field(default_factory=lambda: {k: {} for k in KINDS})

    @classmethod
    def from_doc(cls, doc: dict[str, Any], where: str) -> ShardManifest:
        """The manifest a layout-2 document describes; DamagedStoreError when it is not one."""
        if doc.get("shards") != SHARDS:
            raise _bad(where, f"bad shard count {doc.get('shards')!r}")
        try:
            files = doc.get("files") or {}
            return cls({kind: _shard_names(files, kind) for kind in KINDS})
        except (AttributeError, TypeError, ValueError) as exc:
            raise _bad(where, str(exc)) from exc


def _shard_names(files: dict[str, Any], kind: str) -> dict[int, str]:
    """The shard files of one kind a manifest names, checked: {shard number: file name}."""
    names: dict[int, str] = {}
    for number, name in (files.get(kind) or {}).items():
        match = _SHARD_FILE.match(name) if isinstance(name, str) else None
        if match is None or match["kind"] != kind or int(match["number"]) != int(number):
            raise ValueError(f"bad {kind} file name {name!r} for shard {number!r}")
        if not 0 <= int(number) < SHARDS:
            raise ValueError(f"bad shard number {number!r}")
        names[int(number)] = name
    return names


def _bad(where: str, why: str) -> DamagedStoreError:
    return DamagedStoreError(where, f"is not a valid store file (a damaged manifest: {why})",
                             where)


def read_shard(folder: Path, name: str, kind: str, store: Path) -> Docs:
    """The documents of one shard file, checked; DamagedStoreError when it is missing or not
    such a shard file."""
    path = folder / name
    storage = AtomicJSONStorage(path, create_dirs=False, store=store)
    data = storage.read()
    if data is None:
        problem = "is missing" if storage.last_signature is None else "is empty"
        raise DamagedStoreError(path, problem, store)
    table = data.get(kind)
    if table is None:
        raise DamagedStoreError(path, f"is not a valid store file (no {kind!r} table)", store)
    for trial_id, doc in table.items():
        if not valid_doc(kind, trial_id, doc):
            raise DamagedStoreError(
                path, f"is not a valid store file (bad {kind} entry {trial_id!r})", store
            )
    return table


def shard_trials(
    folder: Path, manifest: ShardManifest, store: Path
) -> Iterator[list[tuple[dict[str, Any], str]]]:
    """The (record, text) of every trial, a shard at a time (in shard order, by id within a
    shard); a trial without a text has "" ."""
    for number in sorted(manifest.files["trials"]):
        records = read_shard(folder, manifest.files["trials"][number], "trials", store)
        name = manifest.files["sources"].get(number)
        texts = {} if name is None else read_shard(folder, name, "sources", store)
        yield [(records[trial_id], text_of(texts.get(trial_id))) for trial_id in sorted(records)]


def valid_doc(kind: str, trial_id: str, doc: object) -> bool:
    """Whether a document can be what a table of this kind holds under this id."""
    if not isinstance(doc, dict):
        return False
    return doc.get("id") == trial_id if kind == "trials" else isinstance(doc.get("text"), str)


def text_of(doc: dict[str, Any] | None) -> str:
    """The text of a sources document ("" for none)."""
    text = None if doc is None else doc.get("text")
    return text if isinstance(text, str) else ""
