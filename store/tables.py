"""TinyDB tables whose document ids are trial ids (strings), never generated numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Table


class IdTable(Table):
    """A table keyed by string ids: every document brings its own id (the trial id)."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB annotates ids as int

    def _get_next_id(self) -> Any:
        """Refuse to invent ids: a document without an explicit id is a bug."""
        raise TypeError(f"table {self.name!r} needs an explicit id for every document")

    def put_many(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        """Insert or replace whole documents by id, in one pass over the table."""
        # TinyDB's upsert() merges fields into an existing document (stale keys survive) and
        # rebuilds the table once per document: quadratic for a bulk import.
        if not documents:
            return
        replacement = {str(doc_id): dict(doc) for doc_id, doc in documents.items()}
        self._update_table(lambda table: cast(dict[str, Any], table).update(replacement))


class TrialDB(TinyDB):
    """A TinyDB whose tables are IdTables."""

    table_class = IdTable
