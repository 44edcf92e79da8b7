"""A prefix stands for every word that starts with it, however many there are: no match is
left out of a result list or a count (the browser searches the last typed word as a prefix)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from parsers.record import empty_record
from store import TrialStore
from store.engine import Location, TrialIndex

# 100 distinct words that start with "transpl": transplaa, transplab, ... transpljj.
WORDS = [f"transpl{first}{second}" for first in "abcdefghij" for second in "abcdefghij"]
IDS = [f"NCT{90000000 + number:08d}" for number in range(100)]


def test_the_words_are_distinct() -> None:
    assert len(set(WORDS)) == 100
    assert len(set(IDS)) == 100


def record(trial_id: str, word: str) -> dict[str, Any]:
    found = empty_record()
    found["id"] = trial_id
    found["title"] = f"Trial of {word}"
    found["conditions"] = [f"{word} disease"]
    return found


RECORDS = [record(trial_id, word) for trial_id, word in zip(IDS, WORDS, strict=True)]


def put(index: TrialIndex, records: list[dict[str, Any]]) -> None:
    with index.batch() as batch:
        for number, found in enumerate(records):
            batch.put(found, Location(1, 100 * number, 100))


def one_batch(tmp_path: Path) -> TrialIndex:
    index = TrialIndex(None)
    put(index, RECORDS)
    return index


def many_batches(tmp_path: Path) -> TrialIndex:
    """90 records in one commit, then 10 in a commit each (several index segments)."""
    index = TrialIndex(tmp_path / "index")
    put(index, RECORDS[:90])
    for item in RECORDS[90:]:
        put(index, [item])
    return index


def reopened(tmp_path: Path) -> TrialIndex:
    many_batches(tmp_path).close()
    return TrialIndex(tmp_path / "index")


@pytest.fixture(params=[one_batch, many_batches, reopened])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> TrialIndex:
    built: TrialIndex = request.param(tmp_path)
    return built


@pytest.mark.parametrize(
    ("query", "prefix_last"),
    [
        ("transpl*", False),
        ("transpl", True),
        ("trans*", False),
        ("condition:transpl*", False),
        ("trial transpl*", False),
        ("trial transpl", True),
        ('"of transpl*"', False),
        ("transpl* OR nothingsuch", False),
    ],
)
def test_a_prefix_finds_all_100_words(index: TrialIndex, query: str, prefix_last: bool) -> None:
    hits = index.search(query, limit=None, prefix_last=prefix_last)
    assert len(hits) == 100
    assert sorted(hit.id for hit in hits) == IDS
    assert index.count(query, prefix_last=prefix_last) == 100
    assert [hit.id for hit in index.search(query, limit=50, prefix_last=prefix_last)] == [
        hit.id for hit in hits[:50]
    ]


def test_a_longer_prefix_narrows(index: TrialIndex) -> None:
    assert index.count("transpla*") == 10
    assert index.count("transplc", prefix_last=True) == 10
    assert [hit.id for hit in index.search("transplcd*", limit=None)] == [IDS[23]]
    assert index.count("transplk*") == 0
    assert index.count("transpl* -transpla*") == 90


def test_a_removed_record_is_not_counted(index: TrialIndex) -> None:
    with index.batch() as batch:
        batch.delete(IDS[0])
        batch.delete(IDS[99])
    assert index.count("transpl*") == 98
    assert len(index.search("transpl", limit=None, prefix_last=True)) == 98


# --- through the store and the command ------------------------------------------------------


def ctgov_page() -> bytes:
    """The 100 trials as one ClinicalTrials.gov API page."""
    studies = [
        {
            "protocolSection": {
                "identificationModule": {"nctId": trial_id, "briefTitle": f"Trial of {word}"},
                "statusModule": {"overallStatus": "RECRUITING"},
                "conditionsModule": {"conditions": [f"{word} disease"]},
            },
            "hasResults": False,
        }
        for trial_id, word in zip(IDS, WORDS, strict=True)
    ]
    return orjson.dumps({"studies": studies, "totalCount": len(studies)})


@pytest.fixture
def memory_store() -> Iterator[TrialStore]:
    with TrialStore(None) as trial_store:
        report = trial_store.import_data([("transpl.json", ctgov_page())])
        assert not report.failed
        yield trial_store


def test_the_store_finds_all_100(memory_store: TrialStore) -> None:
    assert len(memory_store) == 100
    hits = memory_store.search("transpl*", limit=None)
    assert len(hits) == 100
    assert sorted(hit["id"] for hit in hits) == IDS
    typed = memory_store.search("transpl", limit=None, prefix_last=True)
    assert sorted(hit["id"] for hit in typed) == IDS
    assert memory_store.count("transpl", prefix_last=True) == 100
    assert memory_store.facets("transpl", prefix_last=True)["status"] == {"RECRUITING": 100}


def test_the_search_command_lists_all_100(
    cli_db: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    report = TrialStore(cli_db).import_data([("transpl.json", ctgov_page())])
    assert not report.failed
    code, out, _ = run_cli("search", "transpl*", "--json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 100
    assert sorted(hit["id"] for hit in hits) == IDS
