"""Classic ClinicalTrials.gov study XML ("ctgov-xml"): the real samples, values read by hand
from them, small inline documents for each variation, unsafe XML, and zips of the bulk
download's layout imported through the store."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import NASTY, assert_record_contract, check_parsed, parse_or_parse_error

from parsers import ParseError, detect_format, load_file, load_records, parse_bytes, parse_text
from parsers.ctgov_xml_measures import group_id
from store import TrialStore

SAMPLES_DIR = Path(__file__).resolve().parent / "fixtures" / "realdata" / "ctgov-xml"
SAMPLES = sorted(SAMPLES_DIR.glob("*.xml"))
# What clean_text removes: C0 controls but tab and newline, DEL, C1 controls, bidi overrides.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def sample(nct: str) -> dict[str, Any]:
    """The record of the real sample of that study."""
    [path] = SAMPLES_DIR.glob(f"*__{nct}.xml")
    return load_file(path).record


def strings(value: Any) -> Iterator[str]:
    """Every string of a record: keys and values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def study_xml(body: str, nct: str = "NCT01234567") -> str:
    """A minimal <clinical_study> document holding body."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<clinical_study>\n'
        f"  <id_info><org_study_id>ACME-1</org_study_id><nct_id>{nct}</nct_id></id_info>\n"
        f"  <brief_title>A small study</brief_title>\n{body}\n</clinical_study>\n"
    )


# --- every real sample ---------------------------------------------------------------------


def test_there_are_real_samples() -> None:
    assert len(SAMPLES) == 21


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem.rsplit("__", 1)[-1])
def test_every_sample_parses_into_a_clean_record(path: Path) -> None:
    loaded = load_file(path)
    record = loaded.record
    nct = re.search(r"NCT\d{8}", path.name)
    assert nct is not None
    assert record["id"] == record["nct_id"] == nct.group()
    assert record["title"] and record["title"].strip()
    assert record["source"]["format"] == "ctgov-xml"
    assert record["record_version"] == 2
    assert_record_contract(record)
    assert not [text for text in strings(record) if CONTROLS.search(text)]
    # The samples follow public.xsd: nothing is unknown to the parser.
    assert not [warning for warning in record["warnings"] if "unknown" in warning]
    # (one sample, as another tool saved it, has no declaration)
    assert loaded.text.removeprefix('<?xml version="1.0" encoding="UTF-8"?>\n').startswith(
        "<clinical_study>")
    assert record["has_results"] == ("<clinical_results>" in loaded.text)
    assert (record["results"] is not None) == record["has_results"]


# --- values read by hand from the samples ----------------------------------------------------


def test_nct01065844_protocol_fields() -> None:
    record = sample("NCT01065844")
    assert record["other_ids"] == ["200905704"]
    assert record["title"] == "Nelfinavir in Recurrent Adenoid Cystic Cancer of the Head and Neck"
    assert record["sponsor"] == "University of Iowa"
    assert record["funder_types"] == ["OTHER"]
    assert record["collaborators"] == ["Holden Comprehensive Cancer Center"]
    assert record["status"] == "COMPLETED"
    assert record["phases"] == ["PHASE2"]
    assert record["study_type"] == "INTERVENTIONAL"
    assert record["design"] == {"primary_purpose": "TREATMENT", "allocation": None,
                                "intervention_model": "SINGLE_GROUP", "masking": "NONE",
                                "masked": [], "model_description": None,
                                "masking_description": None}
    assert record["enrollment"] == {"count": 15, "type": "ACTUAL"}
    assert record["group_count"] == 1
    assert record["dates"] == {
        "start": {"date": "2009-10", "type": None},
        "primary_completion": {"date": "2015-05", "type": "ACTUAL"},
        "completion": {"date": "2017-11", "type": "ACTUAL"},
        "first_submitted": {"date": "2010-02-08", "type": None},
        "first_posted": {"date": "2010-02-09", "type": "ESTIMATED"},
        "results_first_posted": {"date": "2016-12-19", "type": "ESTIMATED"},
        "last_update": {"date": "2017-12-11", "type": "ACTUAL"},
        "status_verified": {"date": "2017-11", "type": None},  # "November 2017"
    }
    assert record["conditions"] == ["Carcinoma, Adenoid Cystic", "Head and Neck Neoplasms"]
    assert record["keywords"] == ["Nelfinavir"]
    assert record["interventions"] == [{
        "type": "DRUG", "name": "Nelfinavir", "other_names": [],
        "description": "1250 mg Nelfinavir twice daily Monday - Sunday",
    }]
    assert record["arms"] == [{
        "label": "Nelfinavir", "type": "EXPERIMENTAL",
        "description": "1250 mg Nelfinavir twice daily Monday-Sunday",
        "interventions": ["Drug: Nelfinavir"],
    }]
    summary = record["summary"]
    assert summary.startswith(
        "The purpose of this study is to evaluate the FDA-approved drug nelfinavir (NFV) as an "
        "oncologic agent for adenoid cystic cancers of the head and neck.\n\nSpecifically,"
    )
    eligibility = record["eligibility"]
    assert (eligibility["sex"], eligibility["healthy_volunteers"]) == ("ALL", False)
    assert eligibility["min_age"] == {"value": 18, "unit": "YEARS"}
    assert eligibility["max_age"] is None  # N/A
    assert eligibility["inclusion"][0] == {
        "text": "Histological diagnosis of adenoid cystic carcinoma.", "children": []
    }
    organ_function = eligibility["inclusion"][4]
    assert organ_function["text"] == (
        "Patients must have normal organ and marrow function as defined below:"
    )
    assert organ_function["children"][3]["text"] == (
        "total bilirubin < 1.5 mg/dl OR a stable or a decreasing bilirubin in patients who "
        "have undergone placement of an intrabiliary stent"
    )
    assert eligibility["exclusion"][1] == {"text": "Uncontrolled diabetes.", "children": []}
    assert len(eligibility["exclusion"]) == 6
    assert record["locations"] == [{
        "facility": "The Holden Comprehensive Cancer Center", "city": "Iowa City",
        "state": "Iowa", "zip": "52242", "country": "United States", "status": None,
        "geo": None, "contacts": [],
    }]
    assert record["locations_count"] == 1
    assert record["overall_officials"] == [{
        "name": "John M. Buatti, M.D.", "affiliation": "The University of Iowa",
        "role": "PRINCIPAL_INVESTIGATOR",
    }]
    assert record["central_contacts"] == []
    assert record["outcomes"]["primary"][0]["measure"] == "Tumor Progression"
    assert record["outcomes"]["primary"][0]["time_frame"] == "Every 1 to 3 months"
    assert record["outcomes"]["secondary"] == [{
        "measure": "Quality of Life",
        "description": "Quality of life as measured by the EORTC QLQ-C30 survey",
        "time_frame": "every 1 to 3 months",
    }]
    assert record["outcomes"]["other"] == []
    assert record["mesh"] == {
        "conditions": [{"id": None, "term": "Head and Neck Neoplasms"},
                       {"id": None, "term": "Carcinoma, Adenoid Cystic"}],
        "condition_ancestors": [],
        "interventions": [{"id": None, "term": "Nelfinavir"},
                          {"id": None, "term": "HIV Protease Inhibitors"}],
        "intervention_ancestors": [],
    }
    assert [(ref["pmid"], ref["type"]) for ref in record["references"]] == [
        ("19729990", "BACKGROUND"), ("24596143", "RESULT")
    ]
    assert record["references"][1]["citation"].startswith(
        "Hoover AC, Milhem MM, Anderson CM, Sun W, Smith BJ, Hoffman HT, Buatti JM. Efficacy"
    )
    assert record["see_also"] == []
    assert record["ipd_sharing"] is None
    assert record["has_results"] is True


def test_nct01065844_results() -> None:
    results = sample("NCT01065844")["results"]
    flow = results["participant_flow"]
    assert flow["groups"] == [{
        "id": "FG000", "title": "Nelfinavir",
        "description": "1250 mg Nelfinavir twice daily Monday-Sunday\n"
                       "Nelfinavir: 1250 mg Nelfinavir twice daily Monday - Sunday",
    }]
    [period] = flow["periods"]
    assert period["title"] == "Overall Study"
    assert period["milestones"] == [
        {"type": "STARTED", "comment": None,
         "counts": [{"group": "FG000", "count": 15, "comment": None}]},
        {"type": "COMPLETED", "comment": None,
         "counts": [{"group": "FG000", "count": 10, "comment": None}]},
        {"type": "NOT COMPLETED", "comment": None,
         "counts": [{"group": "FG000", "count": 5, "comment": None}]},
    ]
    assert period["withdrawals"] == [
        {"type": "Adverse Event", "comment": None,
         "counts": [{"group": "FG000", "count": 5, "comment": None}]}
    ]
    baseline = results["baseline"]
    assert baseline["denoms"] == [{"units": "Participants",
                                   "counts": [{"group": "BG000", "value": 15}]}]
    age = baseline["measures"][0]
    assert (age["title"], age["param_type"], age["unit"]) == (
        "Age, Customized", "COUNT_OF_PARTICIPANTS", "Participants"
    )
    between = age["classes"][0]["categories"][1]
    assert between["title"] == "Between 18 and 65 years"
    assert between["measurements"] == [{
        "group": "BG000", "value": 12, "value_text": None, "spread": None, "spread_text": None,
        "lower": None, "lower_text": None, "upper": None, "upper_text": None, "comment": None,
    }]
    region = baseline["measures"][2]
    assert region["classes"][0]["title"] == "United States"
    assert region["classes"][0]["categories"][0]["measurements"][0]["value"] == 15
    progression, quality = results["outcome_measures"]
    assert (progression["type"], progression["title"], progression["time_frame"]) == (
        "PRIMARY", "Tumor Progression", "Every 1 to 3 months"
    )
    assert progression["reporting_status"] == "POSTED"
    assert progression["denoms"] == [{"units": "Participants",
                                      "counts": [{"group": "OG000", "value": 11}]}]
    stable = progression["classes"][0]["categories"][2]
    assert stable["title"] == "Stable disease (SD)"
    assert stable["measurements"][0]["value"] == 7
    assert quality["reporting_status"] == "NOT_POSTED"
    assert (quality["groups"], quality["classes"], quality["analyses"]) == ([], [], [])
    events = results["adverse_events"]
    assert events["time_frame"] == (
        "Adverse event data collected from day 1 of nelfinavir therapy through 30 days "
        "after final nelfinavir dose."
    )
    assert events["frequency_threshold"] == 0
    [group] = events["groups"]
    assert group["id"] == "EG000"
    assert group["serious"] == {"affected": 0, "at_risk": 15}
    assert group["other"] == {"affected": 5, "at_risk": 15}
    assert group["deaths"] == {"affected": None, "at_risk": None}
    assert events["serious"] == []  # only the Total row
    assert events["other"][0] == {
        "term": "platelet count decreased",
        "organ_system": "Blood and lymphatic system disorders",
        "vocabulary": "CTCAE (3.0)",
        "assessment": "SYSTEMATIC_ASSESSMENT",
        "notes": "grade 3",  # its <description>
        "counts": [{"group": "EG000", "affected": 1, "events": 1, "at_risk": 15}],
    }
    assert [event["term"] for event in events["other"]] == [
        "platelet count decreased",
        "Investigations - Other, liver enzymes increased, grade 3",
        "hyponatremia, grade 4",
        "dizziness, grade 3",
    ]
    assert results["limitations"].startswith(
        "Favorable selection criteria were used in study design. RECIST assessed"
    )
    assert results["point_of_contact"] == {
        "title": "John M. Buatti, M.D., Chair, Department of Radiation Oncology",
        "organization": "The University of Iowa",
        "email": "john-buatti@uiowa.edu",
        "phone": "319-356-2699",
    }


def test_nct00001177_an_observational_study_with_site_contacts() -> None:
    record = sample("NCT00001177")
    assert record["other_ids"] == ["810126", "81-M-0126"]
    assert record["sponsor"] == "National Institute of Mental Health (NIMH)"
    assert record["funder_types"] == ["NIH"]
    assert record["status"] == "RECRUITING"
    assert record["phases"] == []
    assert record["study_type"] == "OBSERVATIONAL"
    assert record["enrollment"] == {"count": 1600, "type": "ESTIMATED"}  # Anticipated
    assert record["dates"]["start"] == {"date": "1981-08-24", "type": "ACTUAL"}
    assert record["dates"]["completion"] is None
    assert record["dates"]["last_update"] == {"date": "2019-04-19", "type": "ESTIMATED"}
    assert record["conditions"] == ["PMS", "Premenstrual Mood Disorder", "PMDD", "Depression"]
    eligibility = record["eligibility"]
    assert eligibility["sex"] == "FEMALE"
    assert eligibility["min_age"] == {"value": 18, "unit": "YEARS"}
    assert eligibility["max_age"] == {"value": 50, "unit": "YEARS"}
    assert eligibility["healthy_volunteers"] is True
    # "-  INCLUSION CRITERIA:" is a heading although it is bulleted.
    first = eligibility["inclusion"][0]
    assert first["text"] == (
        "The subjects of this study will be women who meet the following criteria:"
    )
    assert first["children"][2] == {"text": "age 18 to 50;", "children": []}
    assert eligibility["exclusion"][0]["text"] == (
        "Subjects should have no general medical illness that is primary (i.e., appears to "
        "be causing the mood disorder);"
    )
    assert record["central_contacts"] == [{
        "name": "Peter J Schmidt, M.D.", "role": "CONTACT", "phone": "(301) 496-6120",
        "email": "peterschmidt@mail.nih.gov",
    }]
    [site] = record["locations"]
    assert (site["city"], site["state"], site["zip"], site["country"], site["status"]) == (
        "Bethesda", "Maryland", "20892", "United States", "RECRUITING"
    )
    assert site["contacts"] == [{
        "name": "For more information at the NIH Clinical Center contact Office of Patient "
                "Recruitment (OPR)",
        "role": "CONTACT",
        "phone": "800-411-1222 ext. TTY8664111010",
        "email": "prpl@cc.nih.gov",
    }]
    assert record["see_also"] == [{
        "label": "NIH Clinical Center Detailed Web Page",
        "url": "https://clinicalstudies.info.nih.gov/cgi/detail.cgi?A_1981-M-0126.html",
    }]
    assert [ref["pmid"] for ref in record["references"]] == ["1404717", "9435325", "7906420"]
    assert {ref["type"] for ref in record["references"]} == {"BACKGROUND"}
    assert record["mesh"]["conditions"] == [
        {"id": None, "term": "Depression"}, {"id": None, "term": "Mood Disorders"},
        {"id": None, "term": "Premenstrual Syndrome"},
    ]
    assert record["mesh"]["interventions"] == []
    assert record["keywords"][-1] == "MRMD Menstrually Related Mood Disorder"
    assert (record["has_results"], record["results"]) == (False, None)


def test_nct00023673_phase_1_2_with_nested_criteria_and_a_flow() -> None:
    record = sample("NCT00023673")
    assert record["status"] == "COMPLETED"
    assert record["phases"] == ["PHASE1", "PHASE2"]  # "Phase 1/Phase 2"
    assert record["design"] == {"primary_purpose": "TREATMENT", "allocation": "NON_RANDOMIZED",
                                "intervention_model": "SINGLE_GROUP", "masking": "NONE",
                                "masked": [], "model_description": None,
                                "masking_description": None}
    assert record["enrollment"] == {"count": 63, "type": "ACTUAL"}
    assert record["group_count"] == 4
    assert record["arms"][3]["label"] == "Phase II: 74 Gy/37 fx + chemotherapy"
    assert record["arms"][3]["interventions"] == [
        "Drug: carboplatin", "Drug: paclitaxel",
        "Radiation: three-dimensional conformal radiation therapy",
    ]
    disease = record["eligibility"]["inclusion"][0]
    assert disease["text"] == "DISEASE CHARACTERISTICS"  # a PDQ section: its colon dropped
    confirmed = disease["children"][0]
    assert confirmed["text"] == (
        "Histologically or cytologically confirmed unresectable stage IIIB non-small cell "
        "lung cancer"
    )
    assert [child["text"] for child in confirmed["children"]] == [
        "Squamous cell carcinoma", "Adenocarcinoma", "Large cell carcinoma",
        "Non-small cell carcinoma not otherwise specified",
    ]
    assert len(record["locations"]) == 41
    first = record["locations"][0]
    assert (first["facility"], first["city"], first["state"], first["zip"],
            first["country"]) == ("Mobile Infirmary Medical Center", "Mobile", "Alabama",
                                  "36652-2144", "United States")
    assert record["outcomes"]["primary"][1] == {
        "measure": "Percentage of Patients Who Survive at Least 12 Months",
        "time_frame": "From registration to 1 year",
        "description": record["outcomes"]["primary"][1]["description"],
    }
    assert record["outcomes"]["primary"][1]["description"].startswith(
        "Null hypothesis: p<= 62.3% (the best arm of RTOG 94-10); alternative hypothesis: "
        "p>= 77.9%."
    )
    assert [term["term"] for term in record["mesh"]["interventions"]] == [
        "Paclitaxel", "Albumin-Bound Paclitaxel", "Carboplatin"
    ]
    assert [(ref["pmid"], ref["type"]) for ref in record["references"]] == [
        ("20368547", "RESULT"), ("20457350", "RESULT"), (None, "RESULT")
    ]
    flow = record["results"]["participant_flow"]
    assert [group["id"] for group in flow["groups"]] == ["FG000", "FG001", "FG002", "FG003"]
    assert flow["groups"][3]["title"] == "Phase II: 74 Gy/37 fx + Chemotherapy"
    started, completed, _ = flow["periods"][0]["milestones"]
    assert started["counts"][3] == {"group": "FG003", "count": 46, "comment": None}
    assert completed["counts"][3] == {
        "group": "FG003", "count": 44,
        "comment": "Phase II subjects contributing data to primary analysis are considered "
                   "to have completed the study.",
    }
    assert flow["periods"][0]["withdrawals"][1] == {
        "type": "Patient withdrew consent",
        "comment": None,
        "counts": [{"group": "FG000", "count": 0, "comment": None},
                   {"group": "FG001", "count": 0, "comment": None},
                   {"group": "FG002", "count": 0, "comment": None},
                   {"group": "FG003", "count": 1, "comment": None}],
    }
    events = record["results"]["adverse_events"]
    assert [(group["id"], group["serious"]) for group in events["groups"]] == [
        ("EG000", {"affected": 7, "at_risk": 8}), ("EG001", {"affected": 36, "at_risk": 53})
    ]
    hemoglobin = events["serious"][0]
    assert (hemoglobin["term"], hemoglobin["organ_system"], hemoglobin["vocabulary"],
            hemoglobin["assessment"]) == ("Hemoglobin decreased",
                                          "Blood and lymphatic system disorders",
                                          "CTCAE (2.0)", "NON_SYSTEMATIC_ASSESSMENT")
    assert hemoglobin["counts"] == [
        {"group": "EG000", "affected": 2, "events": None, "at_risk": 8},
        {"group": "EG001", "affected": 1, "events": None, "at_risk": 53},
    ]


def test_nct01298141_deaths_are_a_group_total() -> None:
    record = sample("NCT01298141")
    assert record["phases"] == ["PHASE3"]
    assert record["enrollment"] == {"count": 171, "type": "ACTUAL"}
    assert (record["eligibility"]["min_age"], record["eligibility"]["max_age"]) == (None, None)
    assert record["dates"]["start"] == {"date": "2011-08-10", "type": "ACTUAL"}
    assert record["dates"]["last_update"] == {"date": "2019-02-15", "type": "ACTUAL"}
    events = record["results"]["adverse_events"]
    [group] = events["groups"]
    assert group["title"] == "Replagal (Agalsidase Alfa)"
    assert group["deaths"] == {"affected": 6, "at_risk": 167}
    assert group["serious"] == {"affected": 74, "at_risk": 167}
    anaemia = events["serious"][0]
    assert (anaemia["term"], anaemia["vocabulary"]) == ("Anaemia", "MedDRA 13.1")
    assert anaemia["counts"] == [{"group": "EG000", "affected": 5, "events": 5, "at_risk": 167}]
    assert not [event for event in events["serious"] if event["term"].startswith("Total")]


def test_nct01220531_expanded_access_contacts_and_other_names() -> None:
    record = sample("NCT01220531")
    assert record["status"] == "AVAILABLE"
    assert record["study_type"] == "EXPANDED_ACCESS"
    assert record["phases"] == []
    assert record["enrollment"] is None
    assert record["dates"]["completion"] == {"date": "2023-12", "type": "ESTIMATED"}
    assert record["interventions"][0]["type"] == "BIOLOGICAL"
    assert record["interventions"][0]["other_names"] == ["Thymus Tissue Transplant"]
    assert record["interventions"][2]["name"] == "Rabbit anti-thymocyte globulin"
    assert record["interventions"][2]["other_names"] == ["RATGAM"]
    assert [contact["name"] for contact in record["central_contacts"]] == [
        "M. Louise Markert, M.D., Ph.D", "Stephanie Gupton, RN, CPNP"
    ]
    [site] = record["locations"]
    assert (site["city"], site["country"], site["status"]) == ("Durham", "United States", None)
    assert site["contacts"] == [
        {"name": "M. Louise Markert, M.D., Ph.D", "role": "CONTACT", "phone": "919-684-6263",
         "email": "marke001@mc.duke.edu"},
        {"name": "Stephanie Gupton, RN, CPNP", "role": "CONTACT", "phone": "919-684-4704",
         "email": "stephanie.gupton@dm.duke.edu"},
        {"name": "M. Louise Markert, M.D., Ph.D", "role": "PRINCIPAL_INVESTIGATOR",
         "phone": None, "email": None},
    ]
    assert record["overall_officials"][0]["affiliation"] == (
        "Duke University Medical Center, Pediatrics, Allergy & Immunology"
    )


def test_nct01642004_an_outcome_with_an_analysis() -> None:
    record = sample("NCT01642004")
    assert record["status"] == "ACTIVE_NOT_RECRUITING"
    assert record["phases"] == ["PHASE3"]
    assert record["outcomes"]["other"][0]["time_frame"] == (
        "Randomization until July 2015, approximately 33 months"
    )
    assert record["see_also"][0] == {"label": "BMS Clinical Trial Information",
                                     "url": "http://ctr.bms.com/ctd/start.do"}
    survival = record["results"]["outcome_measures"][0]
    assert survival["type"] == "OTHER_PRE_SPECIFIED"
    assert survival["title"] == (
        "Overall Survival (OS) Time in Months for All Randomized Participants at Updated "
        "Survival Follow-up"
    )
    assert (survival["param_type"], survival["dispersion_type"], survival["unit"]) == (
        "MEDIAN", "95% Confidence Interval", "months"
    )
    assert [group["id"] for group in survival["groups"]] == ["OG000", "OG001"]
    nivolumab = survival["classes"][0]["categories"][0]["measurements"][0]
    assert nivolumab == {"group": "OG000", "value": 9.23, "value_text": None, "spread": None,
                         "spread_text": None, "lower": 7.33, "lower_text": None,
                         "upper": 12.62, "upper_text": None, "comment": None}
    [analysis] = survival["analyses"]
    assert analysis == {
        "groups": ["OG000", "OG001"],
        "method": "Log Rank",
        "p_value": 0.0004,
        "p_value_text": None,
        "param_type": "Hazard Ratio (HR)",
        "param_value": 0.62,
        "param_value_text": None,
        "dispersion_type": None,
        "dispersion_value": None,
        "dispersion_value_text": None,
        "ci_percent": 95,
        "ci_sides": "TWO_SIDED",
        "ci_lower": 0.47,
        "ci_lower_text": None,
        "ci_upper": 0.81,
        "ci_upper_text": None,
        "tested_non_inferiority": None,
        "non_inferiority": "SUPERIORITY_OR_OTHER",
        "description": "P-value comment: Stratified by region (US/Canada, Rest Of World (ROW), "
                       "Europe) and prior treatment regimen (Paclitaxel, Another agent) as "
                       "entered in the Interactive Voice Response System (IVRS).\n\n"
                       "Estimate comment: Hazard Ratio (HR) = Nivolumab over Docetaxel",
    }
    pd_l1 = record["results"]["baseline"]["measures"][-1]
    assert pd_l1["title"] == "PD-L1 Expression Level"
    assert pd_l1["classes"][0]["title"] == "PD-L1 expression >= 5%"
    assert [m["value"] for m in pd_l1["classes"][0]["categories"][0]["measurements"]] == [
        42, 39, 81
    ]


def test_values_that_are_not_numbers_keep_their_text() -> None:
    outcomes = sample("NCT01029262")["results"]["outcome_measures"]
    analyses = [analysis for outcome in outcomes for analysis in outcome["analyses"]]
    assert [(a["p_value"], a["p_value_text"]) for a in analyses[:2]] == [
        (None, "<0.001"), (None, "< 0.001")
    ]
    measurements = [
        measurement
        for outcome in outcomes for cls in outcome["classes"] for category in cls["categories"]
        for measurement in category["measurements"]
    ]
    placebo = next(m for m in measurements if m["comment"] and m["comment"].startswith(
        "Only one placebo participant"))
    assert (placebo["value"], placebo["value_text"]) == (None, "NA")


# --- inline documents: the format's variations --------------------------------------------


def test_xml_is_recognised_by_its_declaration_or_its_root() -> None:
    assert detect_format(['<?xml version="1.0"?>', "<clinical_study>"]) == "ctgov-xml"
    assert detect_format(["", "<clinical_study rank='1'>"]) == "ctgov-xml"
    record = parse_text(study_xml("").split("\n", 1)[1])  # without the declaration
    assert record["id"] == "NCT01234567"


def test_a_search_results_list_is_refused_saying_what_it_is() -> None:
    """The classic API's search list (no declaration, root <search_results>) names studies
    without their records: refused with a message that says so, not "not ... XML"."""
    path = (Path(__file__).resolve().parent / "fixtures" / "realdata" / "not-a-study"
            / "codeforamerica__clinical_trials_ruby__search.xml")
    with pytest.raises(ParseError, match=r"a ClinicalTrials.gov search results list "
                                         r"\(<search_results>\), not a study"):
        load_records(path)


def test_old_records_and_vocabulary() -> None:
    body = """
  <sponsors><lead_sponsor><agency>Acme</agency><agency_class>U.S. Fed</agency_class>
  </lead_sponsor></sponsors>
  <overall_status>Unknown status</overall_status>
  <start_date>Unknown</start_date>
  <phase>Phase 2/Phase 3</phase>
  <study_type>Interventional</study_type>
  <study_design>Allocation: Randomized, Endpoint Classification: Safety/Efficacy Study,
    Intervention Model: Crossover Assignment, Masking: Double Blind (Subject, Investigator),
    Primary Purpose: Prevention</study_design>
  <number_of_arms>2</number_of_arms>
  <enrollment type="Anticipated">1,200</enrollment>
  <eligibility><gender>Both</gender><minimum_age>6 Months</minimum_age>
    <maximum_age>65 Years</maximum_age><healthy_volunteers>Yes</healthy_volunteers>
  </eligibility>
  <lastchanged_date>March 5, 2010</lastchanged_date>
"""
    record = parse_text(study_xml(body))
    assert record["funder_types"] == ["FED"]
    assert record["status"] == "UNKNOWN"
    assert record["dates"]["start"] is None
    assert record["dates"]["last_update"] == {"date": "2010-03-05", "type": None}
    assert record["phases"] == ["PHASE2", "PHASE3"]
    assert record["design"] == {"allocation": "RANDOMIZED", "intervention_model": "CROSSOVER",
                                "masking": "DOUBLE", "primary_purpose": "PREVENTION",
                                "masked": ["PARTICIPANT", "INVESTIGATOR"],
                                "model_description": None, "masking_description": None}
    assert record["enrollment"] == {"count": 1200, "type": "ESTIMATED"}
    assert record["eligibility"]["sex"] == "ALL"
    assert record["eligibility"]["min_age"] == {"value": 6, "unit": "MONTHS"}
    assert record["eligibility"]["healthy_volunteers"] is True
    assert record["warnings"] == []


def test_unknown_values_and_elements_are_warned_about_not_fatal() -> None:
    body = """
  <overall_status>Paused</overall_status>
  <phase>Phase 9</phase>
  <study_type>Observational [Patient Registry]</study_type>
  <start_date type="Actual">Sometime</start_date>
  <enrollment>many</enrollment>
  <new_section><value>data nobody placed</value></new_section>
  <empty_section/>
"""
    record = parse_text(study_xml(body))
    assert record["status"] is None
    assert record["phases"] == []
    assert record["study_type"] == "OBSERVATIONAL"
    assert (record["dates"]["start"], record["enrollment"]) == (None, None)
    assert record["warnings"] == [
        "<new_section>: unknown element, not placed",
        "overall_status: unknown value 'Paused'",
        "start_date: could not read the date 'Sometime'",
        "phase: unknown value 'Phase 9'",
        "enrollment: not a whole number of participants: 'many'",
    ]


def test_text_is_cleaned_also_of_character_references() -> None:
    body = """
  <acronym>A&#x9b;31mB&#x202e;C</acronym>
  <brief_summary><textblock>
      First line of a paragraph that the registry wrapped
      at a hundred columns.

      -  a bulleted line
         that wraps
  </textblock></brief_summary>
  <condition>  spaced
     out  </condition>
"""
    record = parse_text(study_xml(body))
    assert record["acronym"] == "ABC"  # the CSI sequence removed whole
    assert record["summary"] == (
        "First line of a paragraph that the registry wrapped at a hundred columns.\n\n"
        "-  a bulleted line that wraps"
    )
    assert record["conditions"] == ["spaced out"]


def test_criteria_with_inline_headings_and_paragraphs() -> None:
    body = """
  <eligibility><criteria><textblock>
        Inclusion Criteria: adults
        with migraine. Exclusion Criteria: pregnancy

          1. kidney disease
          2. liver disease
  </textblock></criteria><gender>All</gender></eligibility>
"""
    eligibility = parse_text(study_xml(body))["eligibility"]
    assert eligibility["inclusion"] == [{"text": "adults with migraine.", "children": []}]
    assert [c["text"] for c in eligibility["exclusion"]] == [
        "pregnancy", "kidney disease", "liver disease"
    ]


def test_a_wrapped_line_that_opens_like_an_item_continues_it() -> None:
    body = """
  <eligibility><criteria><textblock>
        Inclusion Criteria:

          -  Creatinine clearance of at least
             2. 5 mL/s, measured twice

               -  on separate days
  </textblock></criteria></eligibility>
"""
    inclusion = parse_text(study_xml(body))["eligibility"]["inclusion"]
    assert inclusion == [{
        "text": "Creatinine clearance of at least 2. 5 mL/s, measured twice",
        "children": [{"text": "on separate days", "children": []}],
    }]


def test_old_results_layout() -> None:
    body = """
  <clinical_results>
    <outcome_list><outcome>
      <type>Primary</type><title>Pain</title><time_frame>1 week</time_frame>
      <group_list><group group_id="O1"><title>Aspirin</title></group></group_list>
      <measure_list>
        <measure><title>Number of Participants</title><units>participants</units>
          <category_list><category><measurement_list>
            <measurement group_id="O1" value="30"/>
          </measurement_list></category></category_list></measure>
        <measure><title>Pain</title><units>points</units><param>Mean</param>
          <dispersion>Standard Deviation</dispersion>
          <category_list><category><measurement_list>
            <measurement group_id="O1" value="2.50" spread="0.4"/>
          </measurement_list></category></category_list></measure>
      </measure_list>
      <analysis_list><analysis>
        <group_id_list><group_id>O1</group_id></group_id_list>
        <non_inferiority>No</non_inferiority><p_value>=0.04</p_value>
      </analysis></analysis_list>
    </outcome></outcome_list>
  </clinical_results>
"""
    [outcome] = parse_text(study_xml(body))["results"]["outcome_measures"]
    assert outcome["denoms"] == [{"units": "participants",
                                  "counts": [{"group": "OG000", "value": 30}]}]
    assert (outcome["param_type"], outcome["unit"]) == ("MEAN", "points")
    assert outcome["classes"] == [{"title": None, "denoms": [], "categories": [
        {"title": None, "measurements": [
        {"group": "OG000", "value": 2.5, "value_text": "2.50", "spread": 0.4, "spread_text": None,
         "lower": None, "lower_text": None, "upper": None, "upper_text": None,
         "comment": None}]}]}]
    [analysis] = outcome["analyses"]
    assert (analysis["p_value"], analysis["p_value_text"]) == (0.04, None)
    assert analysis["non_inferiority"] == "SUPERIORITY_OR_OTHER_LEGACY"


def test_an_event_the_registry_names_not_keeps_its_counts() -> None:
    # NCT00002842: under "Gastrointestinal disorders", an <event> with counts and no
    # <sub_title> (3 of 22 affected, 6 events) was dropped
    body = """
  <clinical_results>
    <reported_events><group_list><group group_id="E1"><title>Arm</title></group></group_list>
      <other_events><category_list><category><title>Gastrointestinal disorders</title>
        <event_list>
          <event><sub_title>Diarrhea</sub_title>
            <counts group_id="E1" events="66" subjects_affected="20" subjects_at_risk="22"/>
          </event>
          <event>
            <counts group_id="E1" events="6" subjects_affected="3" subjects_at_risk="22"/>
          </event>
          <event></event>
        </event_list></category></category_list></other_events>
    </reported_events>
  </clinical_results>
"""
    record = parse_text(study_xml(body))
    events = record["results"]["adverse_events"]["other"]
    assert [(event["term"], event["organ_system"], event["counts"]) for event in events] == [
        ("Diarrhea", "Gastrointestinal disorders",
         [{"group": "EG000", "affected": 20, "events": 66, "at_risk": 22}]),
        ("", "Gastrointestinal disorders",
         [{"group": "EG000", "affected": 3, "events": 6, "at_risk": 22}]),
    ]
    assert [w for w in record["warnings"] if "event" in w] == [
        "clinical_results/reported_events/other_events: an event without a term, kept unnamed",
        "clinical_results/reported_events/other_events: an event without a term or counts, "
        "not kept",
    ]


def test_group_ids_are_written_as_api_v2_writes_them() -> None:
    assert [group_id(text) for text in ("P1", "B3", "O12", "E1", "X1", "P0")] == [
        "FG000", "BG002", "OG011", "EG000", "X1", "P0"
    ]


# Every value the parser reads, in one document: {v} (text) and {a} (an attribute).
TEMPLATE = """<?xml version="1.0"?>
<clinical_study>
  <id_info><org_study_id>{v}</org_study_id><nct_id>{v}</nct_id></id_info>
  <brief_title>{v}</brief_title><acronym>{v}</acronym>
  <sponsors><lead_sponsor><agency>{v}</agency><agency_class>{v}</agency_class></lead_sponsor>
  </sponsors>
  <brief_summary><textblock>{v}</textblock></brief_summary>
  <overall_status>{v}</overall_status><start_date type={a}>{v}</start_date>
  <phase>{v}</phase><study_type>{v}</study_type>
  <study_design_info><allocation>{v}</allocation><masking>{v}</masking></study_design_info>
  <study_design>{v}</study_design>
  <primary_outcome><measure>{v}</measure><time_frame>{v}</time_frame></primary_outcome>
  <number_of_arms>{v}</number_of_arms><enrollment type={a}>{v}</enrollment>
  <arm_group><arm_group_label>{v}</arm_group_label><arm_group_type>{v}</arm_group_type>
  </arm_group>
  <intervention><intervention_type>{v}</intervention_type><intervention_name>{v}
  </intervention_name><arm_group_label>{v}</arm_group_label><other_name>{v}</other_name>
  </intervention>
  <eligibility><criteria><textblock>{v}</textblock></criteria><gender>{v}</gender>
    <minimum_age>{v}</minimum_age><maximum_age>{v}</maximum_age>
    <healthy_volunteers>{v}</healthy_volunteers></eligibility>
  <overall_official><last_name>{v}</last_name><role>{v}</role></overall_official>
  <location><facility><name>{v}</name><address><city>{v}</city><country>{v}</country>
    </address></facility><status>{v}</status>
    <contact><first_name>{v}</first_name><phone_ext>{v}</phone_ext></contact>
    <investigator><last_name>{v}</last_name><role>{v}</role></investigator></location>
  <link><url>{v}</url></link><reference><PMID>{v}</PMID></reference>
  <last_update_posted type={a}>{v}</last_update_posted>
  <condition_browse><mesh_term>{v}</mesh_term></condition_browse>
  <patient_data><sharing_ipd>{v}</sharing_ipd><ipd_info_type>{v}</ipd_info_type>
  </patient_data>
  <{v_tag}>{v}</{v_tag}>
  <clinical_results>
    <participant_flow><group_list><group group_id={a}><title>{v}</title></group></group_list>
      <period_list><period><title>{v}</title><milestone_list><milestone><title>{v}</title>
        <participants_list><participants group_id={a} count={a}>{v}</participants>
        </participants_list></milestone></milestone_list></period></period_list>
    </participant_flow>
    <baseline><group_list><group group_id={a}/></group_list>
      <analyzed_list><analyzed><units>{v}</units><count_list><count group_id={a} value={a}/>
      </count_list></analyzed></analyzed_list>
      <measure_list><measure><title>{v}</title><param>{v}</param><dispersion>{v}</dispersion>
        <class_list><class><category_list><category><measurement_list>
          <measurement group_id={a} value={a} spread={a} lower_limit={a}>{v}</measurement>
        </measurement_list></category></category_list></class></class_list>
      </measure></measure_list></baseline>
    <outcome_list><outcome><type>{v}</type><title>{v}</title>
      <measure><title>{v}</title><category_list><category><measurement_list>
        <measurement group_id={a} value={a} upper_limit={a}/></measurement_list></category>
      </category_list></measure>
      <analysis_list><analysis><group_id_list><group_id>{v}</group_id></group_id_list>
        <non_inferiority_type>{v}</non_inferiority_type><p_value>{v}</p_value>
        <ci_percent>{v}</ci_percent><param_value>{v}</param_value></analysis></analysis_list>
    </outcome></outcome_list>
    <reported_events><group_list><group group_id={a}/></group_list>
      <serious_events><frequency_threshold>{v}</frequency_threshold>
        <default_assessment>{v}</default_assessment><category_list><category>
        <title>{v}</title><event_list><event><sub_title vocab={a}>{v}</sub_title>
        <counts group_id={a} subjects_affected={a} events={a}/></event></event_list>
      </category></category_list></serious_events></reported_events>
    <point_of_contact><name_or_title>{v}</name_or_title></point_of_contact>
  </clinical_results>
</clinical_study>
"""


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.sampled_from([*NASTY, "Total", "NA", "P1", "12.5", "<0.001", ""]),
                 st.text()))
def test_any_value_anywhere_parses_or_raises_parse_error(value: str) -> None:
    tag = re.sub(r"[^a-z_]", "", value.casefold())[:20] or "extra"
    text = TEMPLATE.format(v=escape(value), a=quoteattr(value), v_tag=f"x_{tag}")
    check_parsed(parse_or_parse_error(text))
    check_parsed(parse_or_parse_error(text.encode("utf-8", "surrogatepass")))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_after_an_xml_declaration_parses_or_raises_parse_error(text: str) -> None:
    check_parsed(parse_or_parse_error('<?xml version="1.0"?>\n' + text))
    check_parsed(parse_or_parse_error("<clinical_study>" + text))


# --- refused documents ---------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE clinical_study [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<clinical_study><brief_title>&lol3;</brief_title></clinical_study>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE clinical_study SYSTEM "http://example.org/study.dtd">
<clinical_study><brief_title>x</brief_title></clinical_study>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL], ids=["entities", "external"])
def test_a_dtd_is_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(ParseError, match=r"document type declaration \(<!DOCTYPE\) refused"):
        parse_bytes(text.encode("utf-8"), "evil.xml")


def test_an_undefined_entity_is_an_xml_error() -> None:
    with pytest.raises(ParseError, match="invalid XML: undefined entity"):
        parse_text(study_xml("<acronym>&nbsp;</acronym>"))


def test_xml_that_is_not_a_clinical_study_says_why() -> None:
    text = '<?xml version="1.0"?>\n<feed><entry>NCT01234567</entry></feed>\n'
    with pytest.raises(ParseError, match=r"root element is <feed>, not <clinical_study>"):
        parse_text(text)


def test_malformed_xml_names_the_place() -> None:
    with pytest.raises(ParseError, match=r"invalid XML: mismatched tag: line 3, column"):
        parse_text('<?xml version="1.0"?>\n<clinical_study>\n<brief_title>x</acronym>\n')


# --- importing through the store: files and zips of the bulk download ----------------------


def test_a_zip_in_the_bulk_download_layout_imports_every_study(
    store: TrialStore, tmp_path: Path
) -> None:
    archive = tmp_path / "AllPublicXML.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        # the bulk download's table of contents: not a trial, and no failure
        bundle.writestr("Contents.txt", "NCT00001177\nNCT01065844\n")
        for nct, folder in (("NCT00001177", "NCT0000xxxx"), ("NCT01065844", "NCT0106xxxx")):
            path = SAMPLES_DIR / f"ctti-clinicaltrials__aact__{nct}.xml"
            bundle.writestr(f"{folder}/{nct}.xml", path.read_bytes())
    report = store.import_paths([archive])
    assert report.counts() == {"imported": 2, "updated": 0, "unchanged": 0, "failed": 0}
    assert [(o.path, o.trial_id, o.format) for o in report] == [
        (f"{archive}/NCT0000xxxx/NCT00001177.xml", "NCT00001177", "ctgov-xml"),
        (f"{archive}/NCT0106xxxx/NCT01065844.xml", "NCT01065844", "ctgov-xml"),
    ]
    stored = store.get("NCT01065844")
    assert stored is not None
    assert stored["status"] == "COMPLETED"
    assert stored["results"]["participant_flow"]["periods"][0]["milestones"][0]["counts"] == [
        {"group": "FG000", "count": 15, "comment": None}
    ]
    assert "<nct_id>NCT00001177</nct_id>" in (store.get_source("NCT00001177") or "")


def test_a_refused_xml_file_fails_alone(store: TrialStore, tmp_path: Path) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_text(BILLION_LAUGHS, encoding="utf-8")
    good = tmp_path / "good.xml"
    good.write_bytes((SAMPLES_DIR / "ctti-clinicaltrials__aact__NCT01339988.xml").read_bytes())
    report = store.import_paths([evil, good])
    [failed] = report.failed
    assert failed.reason is not None and "document type declaration" in failed.reason
    assert [o.trial_id for o in report if o.status == "imported"] == ["NCT01339988"]


def test_headings_that_say_whom_their_criteria_are_for_group_them() -> None:
    # NIH Clinical Center record of 1992: "INCLUSION CRITERIA FOR ALL SUBJECTS:", then
    # "SPECIFIC INCLUSION CRITERIA FOR … SUBJECTS:" per group, and the same for exclusion.
    record = sample("NCT00001308")
    inclusion, exclusion = record["eligibility"]["inclusion"], record["eligibility"]["exclusion"]
    assert [node["text"] for node in inclusion] == [
        "INCLUSION CRITERIA FOR ALL SUBJECTS",
        "SPECIFIC INCLUSION CRITERIA FOR SELECTED GROUPS OF HEALTHY VOLUNTEERS",
        "SPECIFIC INCLUSION CRITERIA FOR POST-STROKE APHASIA SUBJECTS",
        "SPECIFIC INCLUSION CRITERIA FOR TRAUMATIC BRAIN INJURY SUBJECTS",
        "SPECIFIC INCLUSION CRITERIA FOR STUTTERING SUBJECTS",
        "SPECIFIC INCLUSION CRITERIA FOR EPILEPSY SUBJECTS",
    ]
    assert [child["text"] for child in inclusion[0]["children"]] == [
        "Ages 18 to 85.", "Ability to provide informed consent.",
        "Must be a Native English speaker by age 2",
    ]
    assert [node["text"] for node in exclusion][:2] == [
        "EXCLUSION CRITERIA FOR ALL SUBJECTS",
        "SPECIFIC EXCLUSION CRITERIA FOR POST-STROKE APHASIA SUBJECTS",
    ]
    assert exclusion[1]["children"][0]["text"] == "More than two prior strokes"
    assert exclusion[-1]["children"][-1]["text"] == (
        "Patients on Phenobarbital or chronic Benxodiazepines")
    assert not [w for w in record["warnings"] if "criteria" in w]


def test_a_sentence_about_criteria_is_not_a_heading() -> None:
    body = """
  <eligibility><criteria><textblock>
        Exclusion Criteria:

          -  Patients who do not meet the inclusion criteria:
          -  pregnancy
  </textblock></criteria></eligibility>
"""
    eligibility = parse_text(study_xml(body))["eligibility"]
    assert eligibility["inclusion"] == []
    assert [c["text"] for c in eligibility["exclusion"]] == [
        "Patients who do not meet the inclusion criteria:", "pregnancy"]


def test_no_masking_is_none() -> None:
    body = "<study_design_info><masking>No masking</masking></study_design_info>"
    record = parse_text(study_xml(body))
    assert record["design"]["masking"] == "NONE"
    assert record["warnings"] == []
