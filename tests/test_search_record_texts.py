"""The index reads a record's texts with record_texts (fast); highlighting walks the same
texts with record_strings (with their paths): both must give the same texts, kind by kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parsers import load_records
from store.search.text import record_strings, record_texts

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FILES = sorted((FIXTURES / "realdata").glob("*.json")) + sorted(SEEDS.glob("*.txt"))


def grouped(record: dict[str, Any]) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for path, text, kind in record_strings(record):
        if path == "nct_id" and text == record["id"]:
            continue
        texts.setdefault(kind, []).append(text)
    return texts


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_record_texts_are_record_strings_by_kind(path: Path) -> None:
    records = [loaded.record for loaded in load_records(path)]
    assert records
    for record in records:
        expected = grouped(record)
        assert expected  # every record has texts
        found = record_texts(record, record["id"])
        assert found == expected
        assert list(found) == list(expected)  # kinds in the same order


def test_record_texts_skip_values_that_are_not_strings() -> None:
    record = {"id": "NCT1", "nct_id": "NCT2", "title": 5, "conditions": ["Asthma", None],
              "locations": [{"facility": "Site A"}, "not a site"],
              "eligibility": {"inclusion": [{"text": "Adults", "children": [{"text": "18+"}]}]}}
    assert record_texts(record, "NCT1") == grouped(record) == {
        "id": ["NCT1", "NCT2"], "condition": ["Asthma"], "criterion": ["Adults", "18+"],
        "site": ["Site A"]}
