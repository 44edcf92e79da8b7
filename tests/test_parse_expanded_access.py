"""Whether a study's drug is also available through expanded access (record.expanded_access),
from API v2 JSON and classic XML; its row in the Overview and its named changes.

Expected values were read by hand from the files (tests/fixtures/realdata/README.md:
"Expanded access").
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from parsers import ctgov_json, load_records
from store.diff import diff_records, summarise
from tui.report_view import overview_fields

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
OFFERED_JSON = REALDATA / "ctti-clinicaltrials__aact__NCT02552212.json"
NOT_OFFERED_JSON = REALDATA / "ctti-clinicaltrials__aact__NCT03630471.json"
OFFERED_XML = REALDATA / "expanded-access" / "fabianvf__ClinicalTrialsParser__NCT00158600.xml"
NOT_OFFERED_XML = REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01065844.xml"
ROW = "Expanded access"


def _record(path: Path) -> dict[str, Any]:
    [loaded] = load_records(path)
    return loaded.record


def _row(record: dict[str, Any]) -> str:
    return dict(overview_fields(record))[ROW]


def test_json_names_the_expanded_access_record() -> None:
    # "expandedAccessInfo": {"hasExpandedAccess": true, "nctId": "NCT03559686",
    #                        "statusForNctId": "AVAILABLE"}
    record = _record(OFFERED_JSON)
    assert record["expanded_access"] == {
        "available": True, "nct_id": "NCT03559686", "status": "AVAILABLE"}
    assert _row(record) == "Yes: NCT03559686 (Available)"


def test_json_not_offered() -> None:
    # "expandedAccessInfo": {"hasExpandedAccess": false}
    record = _record(NOT_OFFERED_JSON)
    assert record["expanded_access"] == {"available": False, "nct_id": None, "status": None}
    assert _row(record) == "No"


def test_json_bad_values_are_warned_and_left_out() -> None:
    study = json.loads(OFFERED_JSON.read_text(encoding="utf-8"))
    info = study["protocolSection"]["statusModule"]["expandedAccessInfo"]
    info.update(nctId="see website", statusForNctId="OPEN")
    [(record, _)] = ctgov_json.parse_records(json.dumps(study))
    assert record["expanded_access"] == {"available": True, "nct_id": None, "status": None}
    where = "protocolSection.statusModule.expandedAccessInfo"
    assert any(w.startswith(f"{where}.nctId") and "see website" in w
               for w in record["warnings"])
    assert any(w.startswith(f"{where}.statusForNctId") and "OPEN" in w
               for w in record["warnings"])


def test_json_without_the_object_is_unknown() -> None:
    study = json.loads(OFFERED_JSON.read_text(encoding="utf-8"))
    del study["protocolSection"]["statusModule"]["expandedAccessInfo"]
    [(record, _)] = ctgov_json.parse_records(json.dumps(study))
    assert record["expanded_access"] is None
    assert _row(record) == ""


def test_xml_yes_and_no() -> None:
    # <has_expanded_access>Yes</has_expanded_access>; "No"
    offered = _record(OFFERED_XML)
    assert offered["expanded_access"] == {"available": True, "nct_id": None, "status": None}
    assert _row(offered) == "Yes"
    assert not [w for w in offered["warnings"] if "expanded" in w]
    assert _record(NOT_OFFERED_XML)["expanded_access"]["available"] is False


def test_an_expanded_access_record_shows_its_kinds_only() -> None:
    # NCT04903613 is itself an expanded access record: its "hasExpandedAccess": false is kept
    # but not shown beside its kinds of access
    path = REALDATA / "study-kinds" / "partrita__clinicaltrial-watch-tigit__NCT04903613.json"
    record = _record(path)
    assert record["expanded_access"] == {"available": False, "nct_id": None, "status": None}
    assert _row(record) == "Intermediate-size population"


def test_a_change_is_named() -> None:
    old = _record(OFFERED_JSON)
    new = copy.deepcopy(old)
    new["expanded_access"]["status"] = "NO_LONGER_AVAILABLE"
    changes = diff_records(old, new)
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("expanded_access.status", "AVAILABLE", "NO_LONGER_AVAILABLE")]
    assert "expanded access status" in summarise(changes)
