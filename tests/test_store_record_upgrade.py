"""A store of version-1 records: each record is parsed again from its kept source when read
(docs/record.md, "Older records"), and the index rebuilt on opening holds the new sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parsers import load_records
from parsers.record import PARSER_REVISION, RECORD_VERSION
from store import TrialStore
from store.engine import opening
from store.engine.schema import SCHEMA_VERSION
from store.planning import version_meta
from store.segment_format import Version

REALDATA = Path(__file__).parent / "fixtures" / "realdata"
MANY_SITES = REALDATA / "gowthamrao__py_load_clinicaltrialsgov__NCT04267848.json"
#: The sections version 2 added (docs/record.md).
V2_FIELDS = ("record_version", "locations", "central_contacts", "overall_officials",
             "collaborators", "outcomes", "mesh", "references", "see_also", "ipd_sharing",
             "results")


def version_one(record: dict[str, Any]) -> dict[str, Any]:
    """The record as version 1 of trials stored it: without the version-2 sections."""
    old = {name: value for name, value in record.items() if name not in V2_FIELDS}
    old["interventions"] = [{k: v for k, v in item.items() if k != "other_names"}
                            for item in record["interventions"]]
    old["source"] = {**record["source"], "imported_at": "2025-01-02T03:04:05Z"}
    return old


def store_of_version_one(path: Path, versions: list[tuple[dict[str, Any], str]]) -> None:
    store = TrialStore(path)
    with store.writing() as writer:
        writer.write([Version(record["id"], record, text, version_meta(record), None)
                      for record, text in versions])
    store.close()


@pytest.fixture
def many_sites() -> Any:
    return load_records(MANY_SITES)[0]


def test_a_version_one_record_is_read_in_the_current_shape(tmp_path: Path,
                                                           many_sites: Any) -> None:
    path = tmp_path / "trials.json"
    old = version_one(many_sites.record)
    assert "locations" not in old
    store_of_version_one(path, [(old, many_sites.text)])
    record = TrialStore(path).get("NCT04267848")
    assert record is not None
    assert record["record_version"] == RECORD_VERSION
    assert len(record["locations"]) == 1148
    assert record["locations"][0]["facility"] == "Anchorage Associates in Radiation Medicine"
    assert record["mesh"]["conditions"][0] == {"id": "D002289",
                                               "term": "Carcinoma, Non-Small-Cell Lung"}
    assert record["source"]["imported_at"] == "2025-01-02T03:04:05Z"  # kept
    assert record["source"]["format"] == "ctgov-json"


def test_an_index_of_the_earlier_schema_is_rebuilt_with_the_new_sections(
        tmp_path: Path, many_sites: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "trials.json"
    store_of_version_one(path, [(version_one(many_sites.record), many_sites.text)])
    # written from the version-1 record: the index knows no sites
    assert TrialStore(path).count("city:anchorage") == 0
    # an index written by the earlier version of trials: another schema version
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = TrialStore(path)
    assert store.count("city:anchorage") == 1
    assert store.search('near:"Anchorage, Alaska"~5')[0]["id"] == "NCT04267848"


def test_a_source_that_no_longer_parses_keeps_the_stored_fields(tmp_path: Path,
                                                                many_sites: Any) -> None:
    path = tmp_path / "trials.json"
    old = version_one(many_sites.record)
    store_of_version_one(path, [(old, "not a trial page at all")])
    record = TrialStore(path).get("NCT04267848")
    assert record is not None
    assert record["title"] == old["title"]
    assert record["record_version"] == RECORD_VERSION
    assert record["locations"] == []
    assert any("earlier version of trials" in warning for warning in record["warnings"])


# --- records read by an earlier revision of the parsers ---------------------------------

def earlier_revision(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a version-2 store of an earlier revision kept it: without the fields added
    since (first_posted, documents, biospec…) and without a revision."""
    old = {name: value for name, value in record.items()
           if name not in ("documents", "biospec", "responsible_party")}
    old["dates"] = {k: v for k, v in record["dates"].items() if k != "first_posted"}
    old["source"] = {k: v for k, v in record["source"].items() if k != "parser_revision"}
    old["source"]["imported_at"] = "2026-01-02T03:04:05Z"
    return old


def test_a_record_of_an_earlier_parser_revision_is_read_again(tmp_path: Path,
                                                              many_sites: Any) -> None:
    path = tmp_path / "trials.json"
    assert many_sites.record["dates"]["first_posted"] == {"date": "2020-02-13", "type": "ACTUAL"}
    store_of_version_one(path, [(earlier_revision(many_sites.record), many_sites.text)])
    store = TrialStore(path)
    record = store.get("NCT04267848")
    assert record is not None
    assert record["dates"]["first_posted"] == {"date": "2020-02-13", "type": "ACTUAL"}
    assert record["responsible_party"] == many_sites.record["responsible_party"]
    assert record["source"]["imported_at"] == "2026-01-02T03:04:05Z"  # kept
    assert record["source"]["parser_revision"] == PARSER_REVISION
    assert not any("earlier version" in warning for warning in record["warnings"])
    # its history too: the version read again, not the stored fields
    assert store.history("NCT04267848")[0].record["dates"]["first_posted"]["date"] == "2020-02-13"


def test_a_record_of_the_current_revision_is_not_read_again(tmp_path: Path,
                                                             many_sites: Any) -> None:
    path = tmp_path / "trials.json"
    stored = {**many_sites.record, "title": "As stored"}
    store_of_version_one(path, [(stored, many_sites.text)])
    assert TrialStore(path).get("NCT04267848")["title"] == "As stored"  # type: ignore[index]


def test_an_earlier_revision_whose_source_no_longer_parses_keeps_its_fields(
        tmp_path: Path, many_sites: Any) -> None:
    path = tmp_path / "trials.json"
    old = earlier_revision(many_sites.record)
    store_of_version_one(path, [(old, "not a trial page at all")])
    record = TrialStore(path).get("NCT04267848")
    assert record is not None
    assert record["locations"] == many_sites.record["locations"]  # kept, not emptied
    assert record["documents"] == []  # the field it lacks, empty
    assert any("read by an earlier version of trials" in warning
               and "added since are not known" in warning for warning in record["warnings"])


def test_a_rebuild_indexes_an_earlier_revision_as_stored(
        tmp_path: Path, many_sites: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record of the current shape but an earlier parser revision is indexed as stored when
    the index is rebuilt (not parsed again: a rebuild of the registry would take twice as
    long); it is still read in the current shape."""
    path = tmp_path / "trials.json"
    old = earlier_revision(many_sites.record)
    old["title"] = "Indexed as stored"
    store_of_version_one(path, [(old, many_sites.text)])
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = TrialStore(path)
    assert store.count('"indexed as stored"') == 1  # the rebuilt index: the stored record
    assert store.count("city:anchorage") == 1
    record = store.get("NCT04267848")
    assert record is not None
    assert record["title"] == many_sites.record["title"]  # read: parsed again
    assert record["dates"]["first_posted"]["date"] == "2020-02-13"
