"""A version that states no last update never replaces a stored one that states it: the
registry's older archive schema kept versions without one (tests/fixtures/realdata/undated,
README: "Undated versions"), and imported with the current file they must not replace it."""

from __future__ import annotations

import json
from pathlib import Path

from store import TrialStore

UNDATED = Path(__file__).resolve().parent / "fixtures" / "realdata" / "undated"
CURRENT = UNDATED / "fabianvf__ClinicalTrialsParser__NCT00077454.xml"
ARCHIVED = UNDATED / "fabianvf__ClinicalTrialsParser__NCT00077454_20050623.xml"


def _outcome(report: object, path: Path) -> object:
    return next(o for o in report if Path(o.path).name == path.name)  # type: ignore[attr-defined]


def test_the_undated_version_after_the_current_one_in_one_import(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    report = store.import_paths([CURRENT, ARCHIVED])  # the current one first, by name
    record = store.get("NCT00077454")
    assert record is not None
    assert record["dates"]["last_update"]["date"] == "2013-06-04"
    assert Path(record["source"]["path"]).name == CURRENT.name
    archived = _outcome(report, ARCHIVED)
    assert archived.status == "unchanged"  # type: ignore[attr-defined]
    assert "states none" in archived.note  # type: ignore[attr-defined]


def test_the_undated_version_into_a_store_holding_the_current_one(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([CURRENT])
    report = store.import_paths([ARCHIVED])
    assert report.counts()["unchanged"] == 1
    record = store.get("NCT00077454")
    assert record is not None
    assert Path(record["source"]["path"]).name == CURRENT.name
    assert len(store.history("NCT00077454")) == 1


def test_the_current_version_replaces_the_undated_one(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([ARCHIVED])
    store.import_paths([CURRENT])
    record = store.get("NCT00077454")
    assert record is not None
    assert record["dates"]["last_update"]["date"] == "2013-06-04"


def test_a_scraped_page_still_replaces_a_dated_registry_version(tmp_path: Path) -> None:
    """A scraped page never states the registry's last update: it replaces the stored
    version as the later file does (seeds/001 is NCT02249676's page; the JSON a real API
    record given that id, last updated 2019-05-21)."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    page = seeds / "001_8cd98e60ac34dbb8.txt"
    store = TrialStore(tmp_path / "trials.json")
    store.import_data([("NCT02249676.json", _api_record_as("NCT02249676"))])
    report = store.import_paths([page])
    outcome = _outcome(report, page)
    assert outcome.status == "updated"  # type: ignore[attr-defined]
    record = store.get("NCT02249676")
    assert record is not None and record["source"]["format"] == "veeva-text"


def _api_record_as(nct_id: str) -> bytes:
    """A real API v2 study (NCT03630471, last updated 2019-05-21) under another id."""
    path = UNDATED.parent / "ctti-clinicaltrials__aact__NCT03630471.json"
    study = json.loads(path.read_text(encoding="utf-8"))
    study["protocolSection"]["identificationModule"]["nctId"] = nct_id
    return json.dumps(study).encode()
