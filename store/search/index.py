"""What store.importer still imports from the retired in-memory index: Prepared and prepare.

The search index is store.engine.TrialIndex, which analyses records as the store commits them,
so the importer has nothing to prepare: prepare() only notes the ids of the records. This
module goes when the import pipeline no longer imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Prepared:
    """The ids of records parsed together (in their order)."""

    ids: list[str] = field(default_factory=list)


def prepare(records: Iterable[dict[str, Any]]) -> Prepared:
    """The Prepared of records (each must have a string id)."""
    ids = []
    for record in records:
        trial_id = record.get("id")
        if not isinstance(trial_id, str) or not trial_id:
            raise ValueError("a record without an id cannot be indexed")
        ids.append(trial_id)
    return Prepared(ids)
