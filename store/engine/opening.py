"""Opening, creating and checking an index directory (or an index in memory).

A directory without meta.json and without index files becomes a new index. Otherwise its
meta.json must list this schema's fields (else IndexVersionError), tantivy must accept its
format (else IndexVersionError) and open it (else DamagedIndexError), and its metadata
document must name this SCHEMA_VERSION and this tantivy (else IndexVersionError).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import tantivy

from .documents import meta_document
from .errors import DamagedIndexError, IndexVersionError
from .schema import META_TERM, SCHEMA_VERSION, build_schema, signature, signature_of

#: Files tantivy may leave in a directory before an index is created in it.
_NOT_INDEX_FILES = {".tantivy-meta.lock", ".tantivy-writer.lock", ".managed.json"}


def engine() -> str:
    """The tantivy build an index is written with ("tantivy v0.27.0, index_format v7")."""
    return str(getattr(tantivy, "__version__", "tantivy"))


@dataclass(frozen=True, slots=True)
class Info:
    """What the metadata document says."""

    schema_version: int
    engine: str
    generation: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "engine": self.engine,
            "generation": self.generation,
        }


def open_index(path: Path | None) -> tantivy.Index:
    """The index at path (created when the directory is new or empty), or in memory."""
    if path is None:
        index = tantivy.Index(build_schema())
        _initialise(index)
        index.config_reader("Manual")
        return index
    if path.exists() and not path.is_dir():
        raise DamagedIndexError(path, "not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
        entries = set(os.listdir(path))
    except OSError as error:
        raise DamagedIndexError(path, f"cannot be read ({error.strerror or error})") from error
    if "meta.json" not in entries:
        if entries - _NOT_INDEX_FILES:
            raise DamagedIndexError(path, "index files without meta.json")
        try:
            index = tantivy.Index(build_schema(), path=str(path), reuse=False)
            _initialise(index)
        except (OSError, ValueError) as error:
            raise DamagedIndexError(path, f"cannot be created ({error})") from error
    else:
        _check_meta(path)
        try:
            index = tantivy.Index.open(str(path))
        except (OSError, ValueError) as error:
            raise DamagedIndexError(path, f"cannot be opened ({error})") from error
    index.config_reader("Manual")
    return index


def _check_meta(path: Path) -> None:
    try:
        meta = json.loads((path / "meta.json").read_bytes())
        fields = signature_of(meta)
    except (OSError, ValueError) as error:
        raise DamagedIndexError(path, f"meta.json is unreadable ({error})") from error
    if fields != signature():
        raise IndexVersionError(path, "written with another schema (fields differ)")
    try:
        compatible = tantivy.Index.is_compatible(str(path))
    except (OSError, ValueError) as error:
        raise DamagedIndexError(path, f"cannot be read ({error})") from error
    if not compatible:
        raise IndexVersionError(path, f"written in an index format {engine()} cannot read")


def _initialise(index: tantivy.Index) -> None:
    """Commit the metadata document of a new index (generation 0)."""
    writer = index.writer(15_000_000, 1)
    writer.add_document(
        tantivy.Document.from_dict(meta_document(Info(SCHEMA_VERSION, engine(), 0).as_dict()),
                                   index.schema)
    )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()


def read_info(
    path: Path | None, schema: tantivy.Schema, searcher: tantivy.Searcher
) -> Info:
    """The metadata document of an index, checked against this schema version and tantivy."""
    try:
        hits = searcher.search(tantivy.Query.term_query(schema, "meta", META_TERM), 1,
                               count=False).hits
        raw = searcher.doc(hits[0][1]).get_first("info") if hits else None
        found = orjson.loads(raw) if isinstance(raw, bytes) else None
    except (OSError, ValueError) as error:
        raise DamagedIndexError(path, f"cannot be read ({error})") from error
    if not isinstance(found, dict):
        raise DamagedIndexError(path, "no metadata document")
    version, built_with = found.get("schema_version"), found.get("engine")
    if version != SCHEMA_VERSION:
        raise IndexVersionError(path, f"schema version {version}, this program reads "
                                f"{SCHEMA_VERSION}")
    if built_with != engine():
        raise IndexVersionError(path, f"written by {built_with}, this program uses {engine()}")
    generation = found.get("generation")
    if not isinstance(generation, int) or isinstance(generation, bool) or generation < 0:
        raise DamagedIndexError(path, "the metadata document has no generation")
    return Info(version, built_with, generation)
