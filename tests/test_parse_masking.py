"""Who a study masks (design.masked), from API v2 JSON, classic XML (current and older) and
the site's CSV; its rows in `trials show`, compare, the changes between versions and the
CSV export.

Expected values were read by hand from the files in tests/fixtures/realdata (README:
"Who is masked").
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

from parsers import ctgov_json, load_records, parse_bytes_many
from store.compare import compare
from store.diff import diff_records, summarise
from tui.compare_view import field_rows
from tui.export_csv import write_csv
from tui.report_view import design_fields

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
JSON_FILE = REALDATA / "ctti-clinicaltrials__aact__NCT03630471.json"
XML_FILE = REALDATA / "ctgov-xml-older" / "reesewang25__enrollment_and_studylength__NCT00495495.xml"
OLDER_XML = REALDATA / "masking" / "fabianvf__ClinicalTrialsParser__NCT00840671.xml"
OPEN_XML = REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01065844.xml"
CSV_FILE = (REALDATA / "ctgov-csv"
            / "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv")


def _record(path: Path, trial_id: str | None = None) -> dict[str, Any]:
    records = [loaded.record for loaded in load_records(path)]
    if trial_id is None:
        assert len(records) == 1
        return records[0]
    return next(record for record in records if record["id"] == trial_id)


def _parse_json(study: dict[str, Any]) -> dict[str, Any]:
    [(record, _)] = ctgov_json.parse_records(json.dumps(study))
    return record


def test_json_who_masked() -> None:
    # "maskingInfo": {"masking": "DOUBLE", "whoMasked": ["INVESTIGATOR", "OUTCOMES_ASSESSOR"]}
    design = _record(JSON_FILE)["design"]
    assert design["masking"] == "DOUBLE"
    assert design["masked"] == ["INVESTIGATOR", "OUTCOMES_ASSESSOR"]


def test_json_unknown_role_is_warned_and_the_others_kept() -> None:
    study = json.loads(JSON_FILE.read_text(encoding="utf-8"))
    info = study["protocolSection"]["designModule"]["designInfo"]["maskingInfo"]
    info["whoMasked"] = ["OUTCOMES_ASSESSOR", "STATISTICIAN", 7, "PARTICIPANT"]
    record = _parse_json(study)
    assert record["design"]["masked"] == ["PARTICIPANT", "OUTCOMES_ASSESSOR"]
    path = "protocolSection.designModule.designInfo.maskingInfo.whoMasked"
    warned = [w for w in record["warnings"] if w.startswith(path)]
    assert len(warned) == 2
    assert "'STATISTICIAN'" in warned[0] and "7" in warned[1]


def test_json_who_masked_not_a_list_is_warned() -> None:
    study = json.loads(JSON_FILE.read_text(encoding="utf-8"))
    info = study["protocolSection"]["designModule"]["designInfo"]["maskingInfo"]
    info["whoMasked"] = "PARTICIPANT"
    record = _parse_json(study)
    assert record["design"]["masked"] == []
    assert any("whoMasked" in w and "a list" in w for w in record["warnings"])


def test_xml_masking_list() -> None:
    # <masking>Double (Participant, Outcomes Assessor)</masking>
    design = _record(XML_FILE)["design"]
    assert design["masking"] == "DOUBLE"
    assert design["masked"] == ["PARTICIPANT", "OUTCOMES_ASSESSOR"]


def test_older_xml_subject_and_caregiver() -> None:
    # <study_design>… Masking: Double Blind (Subject, Caregiver, Investigator, Outcomes
    # Assessor), Primary Purpose: Treatment</study_design>
    record = _record(OLDER_XML)
    assert record["design"]["masking"] == "DOUBLE"
    assert record["design"]["masked"] == [
        "PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]
    assert not [w for w in record["warnings"] if "mask" in w]


def test_open_label_masks_no_one() -> None:
    # <masking>None (Open Label)</masking>
    record = _record(OPEN_XML)
    assert record["design"]["masking"] == "NONE"
    assert record["design"]["masked"] == []
    assert not [w for w in record["warnings"] if "mask" in w]


def test_xml_unknown_role_is_warned() -> None:
    data = XML_FILE.read_bytes().replace(
        b"Double (Participant, Outcomes Assessor)", b"Double (Participant, Statistician)")
    [loaded] = parse_bytes_many(data, XML_FILE.name)
    assert loaded.record["design"]["masked"] == ["PARTICIPANT"]
    assert any(w.startswith("study_design_info/masking") and "Statistician" in w
               for w in loaded.record["warnings"])


def test_csv_masking_list() -> None:
    # "Masking: DOUBLE (INVESTIGATOR, OUTCOMES_ASSESSOR)"; "DOUBLE (PARTICIPANT, CARE_PROVIDER)"
    assert _record(CSV_FILE, "NCT05752955")["design"]["masked"] == [
        "INVESTIGATOR", "OUTCOMES_ASSESSOR"]
    assert _record(CSV_FILE, "NCT04766866")["design"]["masked"] == [
        "PARTICIPANT", "CARE_PROVIDER"]


def test_shown_in_the_design_rows() -> None:
    rows = dict(design_fields(_record(OLDER_XML)))
    assert rows["Masking"] == "Double"
    assert rows["Who is masked"] == "Participant, care provider, investigator, outcomes assessor"
    assert dict(design_fields(_record(OPEN_XML)))["Who is masked"] == ""


def test_compare_tells_who_is_masked_apart() -> None:
    a = _record(CSV_FILE, "NCT05752955")
    b = _record(CSV_FILE, "NCT04766866")
    assert a["design"]["masking"] == b["design"]["masking"] == "DOUBLE"
    diffs = {diff.field: diff for diff in compare([a, b]).fields}
    assert diffs["design.masking"].same
    assert not diffs["design.masked"].same
    rows = {label: (values, differ) for label, values, differ in field_rows([a, b])}
    assert rows["Who is masked"] == (
        ["Investigator, outcomes assessor", "Participant, care provider"], True)
    same_people = copy.deepcopy(a)
    same_people["design"]["masked"] = ["OUTCOMES_ASSESSOR", "INVESTIGATOR"]
    diffs = {diff.field: diff for diff in compare([a, same_people]).fields}
    assert diffs["design.masked"].same


def test_a_change_of_who_is_masked_is_named() -> None:
    old = _record(JSON_FILE)
    new = copy.deepcopy(old)
    new["design"]["masked"] = ["PARTICIPANT", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]
    changes = diff_records(old, new)
    assert [(change.field, change.kind) for change in changes] == [("design.masked", "changed")]
    assert changes[0].old == ["INVESTIGATOR", "OUTCOMES_ASSESSOR"]
    assert "who is masked" in summarise(changes)


def test_csv_export_writes_the_list_and_reads_it_back() -> None:
    record = _record(XML_FILE)
    out = io.StringIO()
    write_csv([record], out)
    assert "Masking: DOUBLE (PARTICIPANT, OUTCOMES_ASSESSOR)" in out.getvalue()
    [loaded] = parse_bytes_many(out.getvalue().encode(), "export.csv")
    assert loaded.record["design"]["masked"] == ["PARTICIPANT", "OUTCOMES_ASSESSOR"]


def test_json_who_masked_under_no_masking_is_kept_and_warned() -> None:
    study = json.loads(JSON_FILE.read_text(encoding="utf-8"))
    study["protocolSection"]["designModule"]["designInfo"]["maskingInfo"]["masking"] = "NONE"
    record = _parse_json(study)
    assert record["design"]["masked"] == ["INVESTIGATOR", "OUTCOMES_ASSESSOR"]
    assert any("masking is NONE" in w for w in record["warnings"])


def test_other_separators_and_unknown_roles() -> None:
    data = XML_FILE.read_bytes().replace(
        b"Double (Participant, Outcomes Assessor)", b"Double (Participant and Outcomes Assessor)")
    [loaded] = parse_bytes_many(data, XML_FILE.name)
    assert loaded.record["design"]["masked"] == ["PARTICIPANT", "OUTCOMES_ASSESSOR"]
    data = XML_FILE.read_bytes().replace(
        b"Double (Participant, Outcomes Assessor)", b"Double Blind (Patient; Physician)")
    [loaded] = parse_bytes_many(data, XML_FILE.name)
    assert loaded.record["design"]["masked"] == []
    warned = [w for w in loaded.record["warnings"] if w.startswith("study_design_info/masking")]
    assert len(warned) == 2 and "Patient" in warned[0] and "Physician" in warned[1]
