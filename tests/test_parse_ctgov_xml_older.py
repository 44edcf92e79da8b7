"""Classic ClinicalTrials.gov XML of older kinds: the "(legacy)" non-inferiority types, an
observational study's one-string <study_design>, and the registry's archive schema
(<study_id>, <status_block>, …). Real files in tests/fixtures/realdata/ctgov-xml-older/
(their README row says where each came from; values read by hand from them) and small
inline documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parsers import load_file, parse_text

OLDER = Path(__file__).resolve().parent / "fixtures" / "realdata" / "ctgov-xml-older"


def older(name: str) -> dict[str, Any]:
    """The record of a real file of the older kinds."""
    [path] = OLDER.glob(f"*__{name}.xml")
    return load_file(path).record


def study_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<clinical_study>\n'
        "  <id_info><nct_id>NCT01234567</nct_id></id_info>\n"
        f"  <brief_title>A small study</brief_title>\n{body}\n</clinical_study>\n"
    )


def unknown(record: dict[str, Any]) -> list[str]:
    return [warning for warning in record["warnings"] if "unknown" in warning]


# --- 1. non-inferiority types "(legacy)" ----------------------------------------------------


def test_legacy_non_inferiority_type_of_a_real_study() -> None:
    record = older("NCT00002540")
    analyses = [
        analysis
        for outcome in record["results"]["outcome_measures"]
        for analysis in outcome["analyses"]
    ]
    assert [analysis["non_inferiority"] for analysis in analyses] == [
        "SUPERIORITY_OR_OTHER_LEGACY"] * 4
    assert not [warning for warning in record["warnings"] if "non_inferiority" in warning]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Superiority or Other (legacy)", "SUPERIORITY_OR_OTHER_LEGACY"),
        ("Non-Inferiority or Equivalence (legacy)", "NON_INFERIORITY_OR_EQUIVALENCE_LEGACY"),
        ("Superiority or Other", "SUPERIORITY_OR_OTHER"),
        ("Non-Inferiority or Equivalence", "NON_INFERIORITY_OR_EQUIVALENCE"),
    ],
)
def test_non_inferiority_types_use_api_v2_names(written: str, expected: str) -> None:
    body = f"""<clinical_results><outcome_list><outcome>
  <type>Primary</type><title>Survival</title>
  <analysis_list><analysis>
    <group_id_list><group_id>O1</group_id><group_id>O2</group_id></group_id_list>
    <non_inferiority_type>{written}</non_inferiority_type>
  </analysis></analysis_list>
</outcome></outcome_list></clinical_results>"""
    record = parse_text(study_xml(body))
    [analysis] = record["results"]["outcome_measures"][0]["analyses"]
    assert analysis["non_inferiority"] == expected
    assert unknown(record) == []


# --- 2. an observational study's one-string <study_design> ---------------------------------


def test_old_observational_design_of_a_real_study() -> None:
    record = older("NCT00362401")
    assert record["study_type"] == "OBSERVATIONAL"
    assert record["observational"] is not None
    assert record["observational"]["model"] == "COHORT"
    assert record["observational"]["time_perspective"] == "RETROSPECTIVE"
    assert unknown(record) == []


@pytest.mark.parametrize(
    ("design", "model", "perspective"),
    [
        ("Observational Model: Case-Control, Time Perspective: Prospective",
         "CASE_CONTROL", "PROSPECTIVE"),
        ("Observational Model: Case Control, Time Perspective: Cross-Sectional",
         "CASE_CONTROL", "CROSS_SECTIONAL"),
        ("Observational Model: Natural History, Time Perspective: Retrospective",
         "NATURAL_HISTORY", "RETROSPECTIVE"),
        ("Observational Model: Ecologic or Community, Time Perspective: Other",
         "ECOLOGIC_OR_COMMUNITY", "OTHER"),
        ("Observational Model: Defined Population", "DEFINED_POPULATION", None),
    ],
)
def test_old_observational_design_values(
    design: str, model: str, perspective: str | None
) -> None:
    body = f"<study_type>Observational</study_type>\n<study_design>{design}</study_design>"
    record = parse_text(study_xml(body))
    assert record["observational"]["model"] == model
    assert record["observational"]["time_perspective"] == perspective
    assert record["warnings"] == []


def test_old_observational_design_unknown_value_warns() -> None:
    body = ("<study_type>Observational</study_type>\n<study_design>Observational Model: "
            "Cohort, Time Perspective: Longitudinal</study_design>")
    record = parse_text(study_xml(body))
    assert record["observational"]["model"] == "COHORT"
    assert record["observational"]["time_perspective"] is None
    assert any("time_perspective" in warning and "'Longitudinal'" in warning
               for warning in record["warnings"])


def test_study_design_info_wins_over_the_old_string() -> None:
    body = """<study_type>Observational</study_type>
<study_design_info><observational_model>Case-Only</observational_model></study_design_info>
<study_design>Observational Model: Cohort, Time Perspective: Retrospective</study_design>"""
    record = parse_text(study_xml(body))
    assert record["observational"]["model"] == "CASE_ONLY"
    assert record["observational"]["time_perspective"] == "RETROSPECTIVE"


# --- 3. the archive schema ------------------------------------------------------------------


def test_archive_schema_ids_and_plain_fields() -> None:
    record = older("NCT00504075_20121004")
    assert record["id"] == record["nct_id"] == "NCT00504075"
    assert record["other_ids"] == ["GMX02"]
    assert record["status"] == "COMPLETED"
    assert record["phases"] == ["PHASE3"]
    assert record["sponsor"] == "Bio Products Laboratory"
    assert record["dates"]["primary_completion"] == {"date": "2011-08", "type": "ACTUAL"}
    assert record["dates"]["start"] == {"date": "2007-09", "type": None}
    assert record["dates"]["last_update"] == {"date": "2012-10-03", "type": None}
    assert record["design"] == {"allocation": "NON_RANDOMIZED", "intervention_model":
                                "SINGLE_GROUP", "primary_purpose": "TREATMENT",
                                "masking": "NONE", "masked": [],
                                "model_description": None, "masking_description": None}
    [intervention] = record["interventions"]
    assert intervention["type"] == "BIOLOGICAL"
    assert intervention["name"] == "Gammaplex, intravenous immunoglobulin"
    [arm] = record["arms"]
    assert arm["type"] == "EXPERIMENTAL"
    assert arm["interventions"] == ["Biological/Vaccine: Gammaplex, intravenous immunoglobulin"]
    assert record["overall_officials"] == [{"name": "Tim J Aldwinckle, MD", "affiliation":
                                            "Bio Products Laboratory",
                                            "role": "PRINCIPAL_INVESTIGATOR"}]
    assert record["see_also"] == [{"label": "Sponsor website", "url": "http://www.bpl.co.uk"}]
    first = record["locations"][0]
    assert first["facility"] == "Mid Florida Hematology & Oncology"
    assert first["contacts"] == [
        {"name": "Sandy Davis", "role": "CONTACT", "phone": "386-566-3303",
         "email": "swarrington@auafl.com"},
        {"name": "Gregory Ortega, MD", "role": "PRINCIPAL_INVESTIGATOR", "phone": None,
         "email": None},
    ]
    assert record["locations"][1]["contacts"][0]["name"] == "Lisa N. Boggio, MD"


def test_archive_schema_what_is_not_read_warns() -> None:
    record = older("NCT00504075_20121004")
    warnings = record["warnings"]
    assert record["results"] is None
    assert any(w.startswith("<clinical_result>") and "not read" in w for w in warnings)
    for name in ("<resp_party>", "<last_follow_up_date>", "<delayed_posting>",
                 "study_id/org_name", "status_block/date"):
        assert any(w.startswith(name) for w in warnings), name
    assert "design: no place for the value 'Safety/Efficacy Study'" in warnings
    # what is read is no longer "unknown"
    for name in ("study_id", "status_block", "phase_block", "study_sponsor", "design",
                 "investigator", "see_also", "primary_compl_date"):
        assert not any(w.startswith(f"<{name}>") for w in warnings), name


def test_archive_schema_without_an_nct_id() -> None:
    # The first version of the study: <nct_id> is blank; the id stays a LOCAL one.
    record = older("NCT00504075_20070718")
    assert record["nct_id"] is None
    assert record["id"].startswith("LOCAL-")
    assert record["other_ids"] == ["GMX02"]
    assert record["status"] == "NOT_YET_RECRUITING"
    assert record["interventions"][0]["name"] == "Gammaplex"
    assert record["interventions"][0]["type"] is None
    assert record["central_contacts"] == [{"name": "Melvin Berger, MD", "role": "CONTACT",
                                           "phone": "216-844-3237",
                                           "email": "melvin/berger@uhhs.com"}]
    assert [c["name"] for c in record["locations"][0]["contacts"]] == [
        "Brad Hutchinson", "Nancy Berman", "Howard Liebman, MD"]
    assert "design: no place for the value 'Historical Control'" in record["warnings"]


def test_archive_schema_inline_unread_parts_warn() -> None:
    text = """<?xml version="1.0"?>
<clinical_study>
<study_id><org_study_id>X-1</org_study_id><nct_id>NCT07654321</nct_id>
  <org_name>Acme</org_name></study_id>
<brief_title><textblock>Archive</textblock></brief_title>
<study_sponsor><lead_sponsor><agency>Acme</agency><agency_class>Industry</agency_class>
  </lead_sponsor></study_sponsor>
<status_block><status>Recruiting</status></status_block>
<phase_block><phase>Phase 2</phase></phase_block>
<design>Randomized</design>
<design>Historical Control</design>
</clinical_study>
"""
    record = parse_text(text)
    assert record["id"] == "NCT07654321"
    assert record["other_ids"] == ["X-1"]
    assert record["sponsor"] == "Acme"
    assert record["status"] == "RECRUITING"
    assert record["phases"] == ["PHASE2"]
    assert record["design"]["allocation"] == "RANDOMIZED"
    assert sorted(record["warnings"]) == [
        "design: no place for the value 'Historical Control'",
        "study_id/org_name: not placed",
        "study_sponsor/lead_sponsor/agency_class: not placed",
    ]


# --- 4. the archive schema's other sponsors, bare outcomes and older words ------------------


def test_archive_outcomes_written_as_their_text_alone_are_kept() -> None:
    # NCT00310375, 2006-05-10: nine "<primary_outcome>Vital signs</primary_outcome>" and one
    # secondary outcome, each its text alone (no <measure>): none was kept, without a word
    outcomes = older("NCT00310375_20060510")["outcomes"]
    assert len(outcomes["primary"]) == 9 and len(outcomes["secondary"]) == 1
    assert outcomes["primary"][1] == {"measure": "Vital signs", "description": None,
                                      "time_frame": None}
    assert outcomes["primary"][0]["measure"] == (
        "Percentage change in the monthly seizure rate from the baseline phase to the "
        "open-label treatment phase.")


def test_archive_sponsor_elements_are_collaborators() -> None:
    # NCT00000193, 2005-06-23: <study_sponsor><lead_sponsor><agency>National Institute on Drug
    # Abuse (NIDA)… and <sponsor><agency>Yale University…
    record = older("NCT00000193_20050623")
    assert record["sponsor"] == "National Institute on Drug Abuse (NIDA)"
    assert record["collaborators"] == ["Yale University"]
    assert not [warning for warning in record["warnings"] if "study_sponsor" in warning]
    # its site's <status>No longer recruiting</status>: the registry's name until 2007
    assert [site["status"] for site in record["locations"]] == ["ACTIVE_NOT_RECRUITING"]


def test_no_longer_recruiting_is_active_not_recruiting() -> None:
    # NCT00077454, 2006-02-16: <status_block><status>No longer recruiting</status>
    assert older("NCT00077454_20060216")["status"] == "ACTIVE_NOT_RECRUITING"
    record = parse_text(study_xml(
        "<intervention><intervention_type>Behavior</intervention_type>"
        "<intervention_name>Counselling</intervention_name></intervention>"), "x.xml")
    assert record["interventions"][0]["type"] == "BEHAVIORAL"  # the archive schema's word
