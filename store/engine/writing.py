"""Writing: a batch of puts and deletes, committed atomically or rolled back whole.

    with index.batch() as batch:       # commits on leaving; an exception rolls back
        batch.put(record, Location(segment, offset, length), sha256)
        batch.delete("NCT00000002")

    batch = index.batch(); batch.put(...); batch.commit()    # or batch.rollback()

A commit writes new segments, then swaps tantivy's meta.json: readers (this process or
another) see all of the batch after reload(), or none of it. Each commit also replaces the
metadata document, adding one to the index's generation.

tantivy allows one writer per index directory (a lock file): a batch takes the writer and
gives it back when it ends, after waiting for the merges its commit started. Inside
`with index.writing():` the writer is kept from one batch to the next and given back at the
end (an import: merges then run while the next batch is prepared).
"""

from __future__ import annotations

import contextlib
from types import TracebackType
from typing import TYPE_CHECKING, Any

import tantivy

from store.segment_format import Location

from .documents import Prepared, imported_at_of, located, meta_document, prepare, time_key
from .opening import Info
from .schema import META_TERM

if TYPE_CHECKING:
    from .index import TrialIndex


class Batch:
    """Puts and deletes, made visible together by commit() (see the module doc)."""

    def __init__(self, owner: TrialIndex, writer: tantivy.IndexWriter, base: Info) -> None:
        self._owner = owner
        self._writer = writer
        self._base = base
        self._schema = owner.schema
        self._open = True
        self.puts = 0
        self.deletes = 0

    def put(self, record: dict[str, Any], location: Location, sha256: str | None = None) -> None:
        """Add a record, or replace the one indexed under its id. location: where its document
        is in the store's segment files; sha256: its source's ("" when unknown). The time it
        was imported is its source.imported_at."""
        self.put_prepared(prepare(record), location, sha256, imported_at_of(record))

    def put_prepared(self, prepared: Prepared, location: Location,
                     sha256: str | None = None, imported_at: str | None = None,
                     *, new: bool = False) -> None:
        """put() of a record analysed beforehand by documents.prepare() (in a worker, say);
        imported_at: when this version was imported (ISO 8601). The trial's first import is
        kept from the version it replaces (new: the trial has no earlier version, nothing to
        look up, nothing to replace)."""
        self._check()
        ids = prepared.get("id")
        if not isinstance(ids, list) or not ids or not isinstance(ids[0], str):
            raise ValueError("not a prepared document (documents.prepare)")
        trial_id = ids[0]
        doc = located(prepared, location, "" if sha256 is None else sha256)
        imported = time_key(imported_at)
        if imported:
            first = 0 if new else self._owner.first_imported(trial_id)
            doc["imported"] = [imported]
            doc["first_imported"] = [first or imported]
        built = tantivy.Document.from_dict(doc, self._schema)
        if not new:  # a new trial has no document to replace: no delete for the commit to apply
            self._writer.delete_documents_by_term("id", trial_id)
        self._writer.add_document(built)
        self.puts += 1

    def delete(self, trial_id: str) -> None:
        """Forget a record (an unknown id is no error)."""
        self._check()
        self._writer.delete_documents_by_term("id", trial_id)
        self.deletes += 1

    def commit(self) -> int:
        """Make the batch durable and visible; return the new generation. On failure nothing
        of the batch is visible and the error is raised."""
        self._check()
        self._open = False
        generation = self._base.generation + 1
        info = Info(self._base.schema_version, self._base.engine, generation)
        try:
            self._writer.delete_documents_by_term("meta", META_TERM)
            self._writer.add_document(
                tantivy.Document.from_dict(meta_document(info.as_dict()), self._schema)
            )
            self._writer.commit()
        except BaseException:
            _quiet_rollback(self._writer)
            self._owner._end_batch(committed=False)
            raise
        self._owner._end_batch(committed=True)
        return generation

    def rollback(self) -> None:
        """Drop everything put or deleted in this batch."""
        if not self._open:
            return
        self._open = False
        _quiet_rollback(self._writer)
        self._owner._end_batch(committed=False)

    def _check(self) -> None:
        if not self._open:
            raise RuntimeError("this batch is already committed or rolled back")

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not self._open:
            return
        if error is None:
            self.commit()
        else:
            self.rollback()


def _quiet_rollback(writer: tantivy.IndexWriter) -> None:
    """Roll back, keeping the error that made us roll back (not one from rolling back)."""
    with contextlib.suppress(OSError, ValueError, RuntimeError):
        writer.rollback()
