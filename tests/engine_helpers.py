"""Records and index builders shared by the tests of store.engine (tests/test_engine_*.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from parsers.record import empty_record
from store.engine import Location, TrialIndex


def make(trial_id: str, **fields: Any) -> dict[str, Any]:
    """A record with the given fields (eligibility, dates and enrollment spelled flat)."""
    record = empty_record()
    record["id"] = trial_id
    record["title"] = fields.pop("title", f"Trial {trial_id}")
    for name, value in fields.items():
        if name in ("sex", "min_age", "max_age", "inclusion", "exclusion"):
            record["eligibility"][name] = value
        elif name == "start":
            record["dates"]["start"] = {"date": value, "type": "ACTUAL"}
        elif name == "enrollment":
            record["enrollment"] = None if value is None else {"count": value, "type": "ACTUAL"}
        else:
            record[name] = value
    return record


def years(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "YEARS"}


def criterion(text: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"text": text, "children": list(children)}


def sha_of(trial_id: str) -> str:
    """A stand-in source sha256 for a record."""
    return hashlib.sha256(trial_id.encode()).hexdigest()


def put_all(index: TrialIndex, records: Iterable[dict[str, Any]], segment: int = 0) -> None:
    """Put records in one batch, each at a made-up location (offset = 100 * its position)."""
    with index.batch() as batch:
        for number, record in enumerate(records):
            batch.put(record, Location(segment, 100 * number, 100), sha_of(record["id"]))


def built(path: Path | None, records: Iterable[dict[str, Any]]) -> TrialIndex:
    index = TrialIndex(path)
    put_all(index, records)
    return index
