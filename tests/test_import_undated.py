"""A version that states no last update never replaces a stored one that states it: the
registry's older archive schema kept versions without one (tests/fixtures/realdata/undated,
README: "Undated versions"), and imported with the current file they must not replace it."""

from __future__ import annotations

import csv
import io
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


CSV_DIR = Path(__file__).resolve().parent / "fixtures" / "realdata" / "ctgov-csv"
DATED_CSV = CSV_DIR / "BassKot__CT_Gov_B-Cell__SearchResults.csv"


def _without_last_update(text: str) -> str:
    """The same download without its "Last Update Posted" column (a narrower export)."""
    rows = list(csv.reader(io.StringIO(text)))
    at = rows[0].index("Last Update Posted")
    out = io.StringIO()
    csv.writer(out).writerows([row[:at] + row[at + 1:] for row in rows])
    return out.getvalue()


def test_a_csv_row_without_a_last_update_keeps_the_dated_version(tmp_path: Path) -> None:
    """NCT02715843's row states "Last Update Posted" September 18, 2018; the same row from a
    download without that column (here with another status) cannot be shown newer."""
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([DATED_CSV])
    narrower = _without_last_update(DATED_CSV.read_text(encoding="utf-8"))
    narrower = narrower.replace('"Available"', '"No Longer Available"').replace(
        ",Available,", ",No Longer Available,")
    report = store.import_data([("narrower.csv", narrower.encode())])
    [outcome] = list(report)
    assert outcome.status == "unchanged"  # type: ignore[attr-defined]
    assert "states none" in outcome.note  # type: ignore[attr-defined]
    record = store.get("NCT02715843")
    assert record is not None
    assert record["dates"]["last_update"]["date"] == "2018-09-18"
    assert record["status"] == "AVAILABLE"
    assert len(store.history("NCT02715843")) == 1


def test_a_dated_csv_row_still_replaces_an_older_one(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([DATED_CSV])
    later = DATED_CSV.read_text(encoding="utf-8").replace(
        '"September 18, 2018"', '"October 1, 2019"').replace('"Available"',
                                                            '"No Longer Available"')
    store.import_data([("later.csv", later.encode())])
    record = store.get("NCT02715843")
    assert record is not None
    assert (record["status"], record["dates"]["last_update"]["date"]) == (
        "NO_LONGER_AVAILABLE", "2019-10-01")
