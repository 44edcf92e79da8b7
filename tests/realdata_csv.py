"""The real CSV rows of tests/fixtures/realdata/ctgov-csv/, parsed once per session, and the
shape of a CSV site, for the tests of the site's CSV download."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from parsers import load_records
from parsers.record import Record

CSV_DIR = Path(__file__).resolve().parent / "fixtures" / "realdata" / "ctgov-csv"


@cache
def rows(name: str) -> dict[str, Record]:
    """Every record of one real file, by id (parsed once per session; do not modify)."""
    return {loaded.record["id"]: loaded.record for loaded in load_records(CSV_DIR / name)}


def real(name: str, nct: str) -> Record:
    """The record of one real row (parsed once per session; do not modify)."""
    return rows(name)[nct]


def site(facility: str | None, city: str | None, state: str | None, zip_code: str | None,
         country: str | None) -> dict[str, Any]:
    """A CSV site as the record holds it (the CSV states no status, position or contacts)."""
    return {"facility": facility, "city": city, "state": state, "zip": zip_code,
            "country": country, "status": None, "geo": None, "contacts": []}  # fmt: skip
