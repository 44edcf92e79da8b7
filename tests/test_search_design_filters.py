"""The design's query fields: allocation:, masking: (blinding:), purpose: (primary_purpose:),
on real records imported into a store, and their errors.

The designs, read by hand from the files: NCT03630471 randomized, double, treatment;
NCT00840671 randomized, "Double Blind (Subject, …)", treatment; NCT01065844 no allocation
stated, "None (Open Label)", treatment; NCT00495495 randomized, double, prevention;
NCT02552212 randomized, quadruple, treatment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store import TrialStore
from store.search import QueryError, parse_query

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
FILES = [
    REALDATA / "ctti-clinicaltrials__aact__NCT03630471.json",
    REALDATA / "masking" / "fabianvf__ClinicalTrialsParser__NCT00840671.xml",
    REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01065844.xml",
    REALDATA / "ctgov-xml-older" / "reesewang25__enrollment_and_studylength__NCT00495495.xml",
    REALDATA / "ctti-clinicaltrials__aact__NCT02552212.json",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TrialStore:
    trials = TrialStore(tmp_path_factory.mktemp("design") / "trials.json")
    report = trials.import_paths(FILES)
    assert report.counts()["imported"] == 5
    return trials


def found(store: TrialStore, query: str) -> set[str]:
    return {hit["id"] for hit in store.search(query)}


def test_masking(store: TrialStore) -> None:
    assert found(store, "masking:double") == {"NCT03630471", "NCT00840671", "NCT00495495"}
    assert found(store, 'masking:"double blind"') == found(store, "masking:double")
    assert found(store, "masking:quadruple") == {"NCT02552212"}
    assert found(store, "masking:none") == {"NCT01065844"}
    assert found(store, "masking:open") == {"NCT01065844"}
    assert found(store, 'blinding:"open label"') == {"NCT01065844"}
    assert store.count("masking:single") == 0


def test_allocation_and_purpose(store: TrialStore) -> None:
    assert found(store, "allocation:randomized") == {
        "NCT03630471", "NCT00840671", "NCT00495495", "NCT02552212"}
    assert found(store, "purpose:prevention") == {"NCT00495495"}
    assert found(store, "primary_purpose:treatment") == {
        "NCT03630471", "NCT00840671", "NCT01065844", "NCT02552212"}


def test_combined_with_words_and_negation(store: TrialStore) -> None:
    assert found(store, "allocation:randomized masking:double purpose:treatment") == {
        "NCT03630471", "NCT00840671"}
    assert found(store, "stroke masking:double") == {"NCT00840671"}
    assert found(store, "allocation:randomized -masking:double") == {"NCT02552212"}


@pytest.mark.parametrize(("query", "words"), [
    ("masking:blindfold", "write one of double, none, quadruple, single, triple"),
    ("allocation:stratified", 'write one of n/a, "non randomized", randomized'),
    ("purpose:fun", 'write one of "basic science"'),
])
def test_unknown_values_name_the_known_ones(query: str, words: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert words in str(caught.value)
