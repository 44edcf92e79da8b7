"""Old NCT ids, biospecimens, expanded access, patient registries and the design's
descriptions, from API v2 JSON and classic XML; their rows in `trials show`, their named
changes, and `trials show OLD_ID`.

Expected values were read by hand from the files in tests/fixtures/realdata/study-kinds and
tests/fixtures/realdata/ctgov-xml-older (README: "Study kinds").
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import orjson
from test_cli import RunCli

from parsers import ctgov_json, ctgov_xml, load_records
from store.diff import Change, diff_records, summarise
from tui.report_view import design_fields, overview_fields

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
KINDS = REALDATA / "study-kinds"
OLDER = REALDATA / "ctgov-xml-older"
BIOSPEC_JSON = KINDS / "partrita__clinicaltrial-watch-tigit__NCT07051902.json"
REGISTRY_JSON = KINDS / "partrita__clinicaltrial-watch-tigit__NCT07242950.json"
ACCESS_JSON = KINDS / "partrita__clinicaltrial-watch-tigit__NCT04903613.json"
ALIAS_JSON = KINDS / "partrita__clinicaltrial-watch-tigit__NCT03661047.json"
DESIGN_JSON = KINDS / "partrita__clinicaltrial-watch-tigit__NCT02449850.json"
ESCAPED_JSON = KINDS / "mahmood726-cyber__hfpef-registry-synth__NCT03259815.json"
ALIAS_XML = OLDER / "Danko711__Clinical-Trial-Classification__NCT00001379.xml"
REGISTRY_XML = OLDER / "Danko711__Clinical-Trial-Classification__NCT02474550.xml"
BIOSPEC_XML = OLDER / "Danko711__Clinical-Trial-Classification__NCT00626496.xml"
MASKING_XML = OLDER / "reesewang25__enrollment_and_studylength__NCT00000437.xml"
MODEL_XML = OLDER / "reesewang25__enrollment_and_studylength__NCT00496795.xml"
ACCESS_XML = REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01220531.xml"

Record = dict[str, Any]


def record_of(path: Path) -> Record:
    [loaded] = load_records(path)
    return loaded.record


def rows(record: Record) -> dict[str, str]:
    """The overview's and the design's label → value rows that have a value."""
    return {label: value for label, value in overview_fields(record) + design_fields(record)
            if value}


# --- API v2 JSON -------------------------------------------------------------------------------


def test_json_biospecimens_and_a_study_that_is_not_a_registry() -> None:
    record = record_of(BIOSPEC_JSON)
    assert record["study_type"] == "OBSERVATIONAL"
    assert record["biospec"] == {
        "retention": "SAMPLES_WITH_DNA",
        "description": "Skin swabs, nasal swabs, sputum, whole blood, stool, urine, skin tape "
                       "strip",
    }
    assert record["patient_registry"] is False  # "patientRegistry": false
    assert record["target_duration"] is None
    assert record["expanded_access_types"] == []
    assert record["warnings"] == []


def test_json_patient_registry_and_its_target_duration() -> None:
    record = record_of(REGISTRY_JSON)
    assert record["study_type"] == "OBSERVATIONAL"
    assert record["patient_registry"] is True
    assert record["target_duration"] == "3 Months"
    assert record["biospec"] == {"retention": "SAMPLES_WITHOUT_DNA", "description": "stool sample"}
    assert rows(record)["Patient registry"] == "Yes, 3 months"
    assert rows(record)["Biospecimens"] == "Samples without DNA: stool sample"


def test_json_expanded_access_types() -> None:
    record = record_of(ACCESS_JSON)
    assert record["study_type"] == "EXPANDED_ACCESS"
    assert record["expanded_access_types"] == ["INTERMEDIATE"]
    assert record["patient_registry"] is None and record["biospec"] is None
    assert rows(record)["Expanded access"] == "Intermediate-size population"


def test_json_old_nct_ids_are_other_ids() -> None:
    record = record_of(ALIAS_JSON)
    assert record["id"] == "NCT03661047"
    assert record["other_ids"] == ["18-097", "NCT03419455"]  # org id, then nctIdAliases
    assert record["design"]["model_description"] == (
        "Double-blind, placebo-controlled, stratified, randomized clinical trial")
    assert record["design"]["masking_description"] is None


def test_json_design_descriptions() -> None:
    design = record_of(DESIGN_JSON)["design"]
    assert design["intervention_model"] == "FACTORIAL" and design["masking"] == "SINGLE"
    assert design["model_description"] == (
        "International, multi-center, prospective 2x2 factorially designed randomized "
        "controlled trial of primary prevention in children of enrolled mother-child pairs, "
        "with an additional exploratory aim")
    assert design["masking_description"].startswith(
        "At all investigations, skin scoring is performed prior to any information")
    assert design["masking_description"].endswith(
        "to fascilitate blinding of the investigator to interventional allocation.")


def test_json_masking_description_is_markdown_unescaped() -> None:
    record = record_of(ESCAPED_JSON)
    assert record["design"]["model_description"] == "Randomised Controlled Trial"
    assert record["design"]["masking_description"] == (  # the file writes "\\<0.90"
        "Operator blinded pre and post PCI coronary physiology measurements will be performed "
        "in both arms of the study.\n\nPost-PCI FFR results <0.90 in the interventional arm "
        "will be disclosed to the operator to allow further intervention")
    assert rows(record)["Masking description"] == record["design"]["masking_description"]
    assert rows(record)["Model description"] == "Randomised Controlled Trial"


def _study(design: dict[str, Any], ident: dict[str, Any] | None = None) -> Record:
    study = {"protocolSection": {
        "identificationModule": {"nctId": "NCT09000001", "briefTitle": "A study",
                                 **(ident or {})},
        "designModule": {"studyType": "OBSERVATIONAL", **design}}}
    [(record, _)] = ctgov_json.parse_records(orjson.dumps(study).decode())
    return record


def test_json_wrong_types_and_unknown_values_are_null_with_a_warning() -> None:
    record = _study(
        {"bioSpec": {"retention": "SAMPLES_OF_SOMETHING", "description": 7},
         "expandedAccessTypes": {"individual": "yes", "treatment": True},
         "patientRegistry": "true", "targetDuration": ["36 Months"],
         "designInfo": {"interventionModelDescription": {"text": "x"},
                        "maskingInfo": {"maskingDescription": 3}}},
        {"nctIdAliases": ["NCT00000001", 5]})
    assert record["nct_id"] == "NCT09000001"  # the study is kept
    assert record["other_ids"] == ["NCT00000001"]
    assert record["biospec"] is None
    assert record["expanded_access_types"] == ["TREATMENT"]
    assert record["patient_registry"] is None and record["target_duration"] is None
    assert record["design"]["model_description"] is None
    assert record["design"]["masking_description"] is None
    design = "protocolSection.designModule"
    assert record["warnings"] == [
        "protocolSection.identificationModule.nctIdAliases[1]: expected a string, got a "
        "number; not kept",
        f"{design}.bioSpec.retention: unknown value 'SAMPLES_OF_SOMETHING'",
        f"{design}.bioSpec.description: expected a string, got a number; not kept",
        f"{design}.expandedAccessTypes.individual: expected true or false, got a string; "
        "not kept",
        f"{design}.patientRegistry: expected true or false, got a string; not kept",
        f"{design}.targetDuration: expected a string, got a list; not kept",
        f"{design}.designInfo.interventionModelDescription: expected a string, got an object; "
        "not kept",
        f"{design}.designInfo.maskingInfo.maskingDescription: expected a string, got a "
        "number; not kept",
    ]


def test_json_modules_of_the_wrong_type_are_null_with_a_warning() -> None:
    record = _study({"bioSpec": "SAMPLES_WITH_DNA", "expandedAccessTypes": ["INDIVIDUAL"]},
                    {"nctIdAliases": "NCT00000001"})
    assert record["biospec"] is None and record["expanded_access_types"] == []
    assert record["other_ids"] == []
    assert record["warnings"] == [
        "protocolSection.identificationModule.nctIdAliases: expected a list of strings, got a "
        "string; not kept",
        "protocolSection.designModule.bioSpec: expected an object, got a string; not kept",
        "protocolSection.designModule.expandedAccessTypes: expected an object, got a list; "
        "not kept",
    ]


# --- classic XML -------------------------------------------------------------------------------


def test_xml_nct_alias_is_another_id() -> None:
    record = record_of(ALIAS_XML)
    assert record["id"] == "NCT00001379"
    assert record["other_ids"] == ["940074", "94-C-0074", "NCT00018993"]
    rows = dict(overview_fields(record))
    assert rows["Other ids"] == "940074; 94-C-0074"
    assert rows["Old NCT ids"] == "NCT00018993"


def test_xml_patient_registry_stays_observational() -> None:
    record = record_of(REGISTRY_XML)
    assert record["study_type"] == "OBSERVATIONAL"  # "Observational [Patient Registry]"
    assert record["patient_registry"] is True
    assert record["target_duration"] == "36 Months"
    assert record["warnings"] == []
    assert rows(record)["Patient registry"] == "Yes, 36 months"


def test_xml_biospecimens() -> None:
    record = record_of(BIOSPEC_XML)
    assert record["study_type"] == "OBSERVATIONAL"
    assert record["patient_registry"] is None  # plain "Observational": the XML states no false
    assert record["biospec"] == {
        "retention": "SAMPLES_WITH_DNA",
        "description": "We will collect blood samples from patients and their relatives for "
                       "DNA and cytogenetic studies. A one time blood draw of 50 cc will be "
                       "done.",
    }
    assert rows(record)["Biospecimens"].startswith("Samples with DNA: We will collect blood")


def test_xml_expanded_access_types() -> None:
    record = record_of(ACCESS_XML)
    assert record["study_type"] == "EXPANDED_ACCESS"
    assert record["expanded_access_types"] == ["INTERMEDIATE", "TREATMENT"]
    assert rows(record)["Expanded access"] == (
        "Intermediate-size population, Treatment IND/protocol")


def test_xml_design_descriptions() -> None:
    masking = record_of(MASKING_XML)["design"]
    assert masking["masking"] == "QUADRUPLE"
    assert masking["masking_description"] == (
        "Double blind tablet and patch active study medications, and matched tablet and patch "
        "placebos")
    assert masking["model_description"] is None
    model = record_of(MODEL_XML)["design"]
    assert model["intervention_model"] == "SEQUENTIAL"
    assert model["model_description"] == "Sequential epirubicin and docetaxel"


def test_xml_unknown_values_are_null_with_a_warning() -> None:
    text = """<clinical_study><id_info><nct_id>NCT09000002</nct_id></id_info>
  <brief_title>A study</brief_title><study_type>Observational</study_type>
  <expanded_access_info><expanded_access_type_individual>Maybe</expanded_access_type_individual>
  <expanded_access_type_treatment>Yes</expanded_access_type_treatment></expanded_access_info>
  <biospec_retention>Frozen</biospec_retention>
</clinical_study>"""
    [(record, _)] = ctgov_xml.parse_records(text)
    assert record["nct_id"] == "NCT09000002"
    assert record["biospec"] is None
    assert record["expanded_access_types"] == ["TREATMENT"]
    assert record["warnings"] == [
        "biospec_retention: unknown value 'Frozen'",
        "expanded_access_info/expanded_access_type_individual: expected Yes or No, got "
        "'Maybe'; not kept",
    ]


# --- changes ----------------------------------------------------------------------------------


def test_changes_of_the_new_fields_are_named() -> None:
    old = record_of(REGISTRY_JSON)
    new = copy.deepcopy(old)
    new["biospec"]["retention"] = "SAMPLES_WITH_DNA"
    new["target_duration"] = "36 Months"
    new["expanded_access_types"] = ["TREATMENT"]
    new["design"]["masking_description"] = "Assessors blinded"
    changes = diff_records(old, new)
    assert changes == [
        Change("design.masking_description", "added", None, "Assessors blinded"),
        Change("biospec.retention", "changed", "SAMPLES_WITHOUT_DNA", "SAMPLES_WITH_DNA"),
        Change("expanded_access_types", "added", [], ["TREATMENT"]),
        Change("target_duration", "changed", "3 Months", "36 Months"),
    ]
    assert summarise(changes) == (
        "masking description none → Assessors blinded; biospecimen retention Samples without "
        "DNA → Samples with DNA; expanded access types none → Treatment; target duration "
        "3 Months → 36 Months")
    # a version read before the record had these fields says nothing about them
    older = copy.deepcopy(old)
    for key in ("biospec", "expanded_access_types", "patient_registry", "target_duration"):
        del older[key]
    del older["design"]["model_description"], older["design"]["masking_description"]
    assert diff_records(older, old) == []


# --- the command -------------------------------------------------------------------------------


def test_show_lists_the_new_rows(cli_db: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli("import", str(REGISTRY_XML), str(ACCESS_XML), str(DESIGN_JSON))
    assert code == 0, err
    code, out, _ = run_cli("show", "NCT02474550")
    assert code == 0
    assert re.search(r"^Patient registry +Yes, 36 months$", out, re.MULTILINE)
    code, out, _ = run_cli("show", "NCT01220531")
    assert re.search(r"^Expanded access +Intermediate-size population, Treatment IND/protocol$",
                     out, re.MULTILINE)
    code, out, _ = run_cli("show", "NCT02449850")
    assert re.search(r"^  Model description +International, multi-center, prospective 2x2 ",
                     out, re.MULTILINE)
    assert re.search(r"^  Masking description +At all investigations, skin scoring", out,
                     re.MULTILINE)


def test_an_old_nct_id_finds_the_study(cli_db: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli("import", str(ALIAS_XML), str(ALIAS_JSON), str(MODEL_XML))
    assert code == 0, err
    code, out, err = run_cli("search", "NCT00018993", "--json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == ["NCT00001379"]
    code, out, err = run_cli("show", "NCT00018993")
    assert code == 0
    assert err.strip() == "trials: NCT00018993 is an old id of NCT00001379"
    assert out.split("\n")[:2] == ["Overview", "NCT00001379  Treatment and Natural History "
                                    "Study of Lymphomatoid Granulomatosis"]
    code, out, err = run_cli("show", "nct03419455", "--json")
    assert code == 0 and json.loads(out)["id"] == "NCT03661047"
    assert err.strip() == "trials: nct03419455 is an old id of NCT03661047"
    code, out, err = run_cli("show", "94-C-0074", "--json")  # an organisation's id
    assert code == 0 and json.loads(out)["id"] == "NCT00001379"
    assert err.strip() == "trials: 94-C-0074 is another id of NCT00001379"
    code, out, err = run_cli("show", "NCT00000000")
    assert code == 1 and out == ""
    assert err.strip() == "trials: no trial with id 'NCT00000000'"
    code, _, err = run_cli("show", "NCT00001379")  # its own id: no note
    assert code == 0 and err == ""


def test_an_id_several_trials_share_names_them_all_counted(
    cli_db: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    """Seven trials give the same secondary id: the error counts all seven, names five."""
    for n in range(7):
        study = {"protocolSection": {"identificationModule": {
            "nctId": f"NCT0900000{n}", "briefTitle": f"Study {n}",
            "secondaryIdInfos": [{"id": "SHARED-GRANT-7"}]}}}
        (tmp_path / f"NCT0900000{n}.json").write_text(json.dumps(study))
    code, _, err = run_cli("import", str(tmp_path))
    assert code == 0, err
    code, out, err = run_cli("show", "SHARED-GRANT-7")
    assert code == 1 and out == ""
    assert "7 trials have it among their other ids" in err
    assert "and 2 more" in err


def test_compare_and_export_find_trials_by_an_old_id(cli_db: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli("import", str(ALIAS_XML), str(ALIAS_JSON), str(MODEL_XML))
    assert code == 0, err
    code, out, err = run_cli("compare", "NCT00018993", "NCT03661047", "--json")
    assert code == 0, err
    assert err.strip() == "trials: NCT00018993 is an old id of NCT00001379"
    assert json.loads(out)["trials"] == ["NCT00001379", "NCT03661047"]
    code, out, err = run_cli("compare", "NCT00018993", "NCT00001379")
    assert code == 2
    assert "NCT00018993 and NCT00001379 name one trial, NCT00001379" in err
    code, out, err = run_cli("export", "--compare", "nct03419455", "NCT00001379",
                             "--format", "json")
    assert code == 0, err
    assert "nct03419455 is an old id of NCT03661047" in err


def test_history_and_watch_find_trials_by_another_id(cli_db: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli("import", str(ALIAS_XML), str(ALIAS_JSON), str(MODEL_XML))
    assert code == 0, err
    code, out, err = run_cli("history", "NCT00018993")
    assert code == 0, err
    assert out.startswith("NCT00001379: 1 version")
    assert err.strip() == "trials: NCT00018993 is an old id of NCT00001379"
    code, out, err = run_cli("watch", "94-C-0074", "NCT00000000")
    assert code == 1
    assert err.strip().split("\n") == [
        "trials: 94-C-0074 is another id of NCT00001379", "trials: watching NCT00001379",
        "trials: no trial with id 'NCT00000000' in the store: not watched"]
    code, out, err = run_cli("watch", "--list", "--json")
    assert [row["id"] for row in json.loads(out)] == ["NCT00001379"]
    code, _, err = run_cli("history", "NCT00000000")
    assert code == 1 and err.strip() == "trials: no trial with id 'NCT00000000'"


def test_a_word_of_an_id_names_no_trial(cli_db: Path, run_cli: RunCli, tmp_path: Path) -> None:
    """A trial whose secondary id is "ABC 001" is not shown for "001" or "ABC"."""
    study = {"protocolSection": {"identificationModule": {
        "nctId": "NCT09000011", "briefTitle": "A study",
        "secondaryIdInfos": [{"id": "ABC 001"}]}}}
    (tmp_path / "NCT09000011.json").write_text(json.dumps(study))
    code, _, err = run_cli("import", str(tmp_path))
    assert code == 0, err
    for part in ("001", "ABC"):
        code, out, err = run_cli("show", part)
        assert code == 1 and out == "", part
    code, out, err = run_cli("show", "abc  001", "--json")
    assert code == 0 and json.loads(out)["id"] == "NCT09000011"
