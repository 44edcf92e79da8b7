"""The registry's annotations (unposted results events, FDA violation notices), removed
countries, the registering organization, secondary ids' details and gender-based eligibility,
from API v2 JSON and classic XML; their rows in the Overview, the Eligibility tab, `trials
show` and the Markdown export; their named changes.

Expected values were read by hand from the files in tests/fixtures/realdata/annotations,
results-json and ctgov-xml (README: "Registry annotations and small registry fields").
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from rich.console import Console
from test_cli import RunCli

from parsers import ctgov_json, ctgov_xml, load_records
from store.diff import Change, diff_records, summarise
from tui.export_markdown import trial_markdown
from tui.registry_people_view import overview
from tui.report_view import eligibility_view, overview_fields

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
NOTES = REALDATA / "annotations"
UNPOSTED_JSON = NOTES / "jibinb961__clinical_trial_pipeline__NCT01788527.json"
REMOVED_JSON = NOTES / "jibinb961__clinical_trial_pipeline__NCT00663260.json"
GENDER_JSON = NOTES / "koy570__herniated_disc__NCT05649592.json"
GENDER_ONLY_JSON = NOTES / "koy570__herniated_disc__NCT03784144.json"
ORGANIZATION_JSON = NOTES / "bharatraja__ClinicalTrialsGPTDemoCode__NCT00841061.json"
LINK_JSON = NOTES / "koy570__herniated_disc__NCT00000410.json"
DOMAIN_JSON = NOTES / "koy570__herniated_disc__NCT01922063.json"
VIOLATIONS_JSON = REALDATA / "results-json" / "ctti-clinicaltrials__aact__NCT03064438.json"
PARTIAL_JSON = REALDATA / "ctti-clinicaltrials__aact__NCT03453554.json"
XML = REALDATA / "ctgov-xml"

Record = dict[str, Any]

MOUNT_SINAI_EVENTS = [
    {"type": "RELEASE", "date": "2020-05-06", "date_unknown": None},
    {"type": "RESET", "date": "2020-05-28", "date_unknown": None},
    {"type": "RELEASE", "date": "2020-11-18", "date_unknown": None},
    {"type": "RESET", "date": "2020-12-11", "date_unknown": None},
]


def record_of(path: Path) -> Record:
    [loaded] = load_records(path)
    return loaded.record


def rendered(renderable: Any, width: int = 100) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())


# --- API v2 JSON -------------------------------------------------------------------------------


def test_json_unposted_results_events() -> None:
    record = record_of(UNPOSTED_JSON)
    assert record["id"] == "NCT01788527"
    assert record["has_results"] is False
    assert record["annotations"] == {
        "unposted_responsible_party": "Mount Sinai Hospital, Canada",
        "unposted_events": MOUNT_SINAI_EVENTS,
        "violations": [],
    }
    assert record["removed_countries"] == ["Israel"]
    assert record["organization"] is None  # the lead sponsor: Mount Sinai Hospital, Canada
    assert record["other_ids"] == ["12-0037-A", "NCT01734031"]
    assert record["warnings"] == []


def test_json_unposted_events_of_a_partial_answer() -> None:
    record = record_of(PARTIAL_JSON)
    assert record["source"]["partial"] is True
    assert record["annotations"] == {
        "unposted_responsible_party": "Maureen-Schmitter-Edgecombe...",
        "unposted_events": [{"type": "RELEASE", "date": "2022-12-23", "date_unknown": None},
                            {"type": "RESET", "date": "2023-10-20", "date_unknown": None}],
        "violations": [],
    }


def test_json_fda_violation_notices() -> None:
    record = record_of(VIOLATIONS_JSON)
    assert record["annotations"] == {
        "unposted_responsible_party": None,
        "unposted_events": [],
        "violations": [
            {"type": "CORRECTION_CONFIRMED",
             "description": "The responsible party has corrected the violation.",
             "creation_date": "2022-06-06", "issued_date": "2022-05-26",
             "release_date": "2021-08-17", "posted_date": "2022-06-07"},
            {"type": "VIOLATION_IDENTIFIED",
             "description": "Failure to Submit. The entry for this clinical trial was not "
                            "complete at the time of submission, as required by law. This may "
                            "or may not have any bearing on the accuracy of the information in "
                            "the entry.",
             "creation_date": "2021-07-28", "issued_date": "2021-07-26",
             "release_date": "2018-04-12", "posted_date": "2021-07-29"},
        ],
    }
    assert record["warnings"] == []


def test_json_removed_countries() -> None:
    record = record_of(REMOVED_JSON)
    assert record["removed_countries"] == ["Brazil", "Israel"]
    assert record["annotations"] is None
    assert dict(overview_fields(record))["Removed countries"] == (
        "Brazil; Israel (all their sites were removed)")


def test_json_gender_based_eligibility() -> None:
    record = record_of(GENDER_JSON)
    assert record["eligibility"]["sex"] == "ALL"
    assert record["eligibility"]["gender_based"] is True
    assert record["eligibility"]["gender_description"] == (
        "patients and healthy volunteers aged 20 to 55 years, including 20 and 55 years")
    shown = rendered(eligibility_view(record))
    assert re.search(r"^  Gender-based +Yes \(eligibility by gender identity\)$", shown,
                     re.MULTILINE)
    assert re.search(r"^  Gender eligibility +patients and healthy volunteers aged 20 to 55",
                     shown, re.MULTILINE)
    only = record_of(GENDER_ONLY_JSON)["eligibility"]
    assert (only["gender_based"], only["gender_description"]) == (True, None)
    assert record_of(REMOVED_JSON)["eligibility"]["gender_based"] is None


def test_json_organization_when_it_is_not_the_lead_sponsor() -> None:
    record = record_of(ORGANIZATION_JSON)
    assert record["sponsor"] == "National Institutes of Health (NIH)"
    assert record["organization"] == (
        "Eunice Kennedy Shriver National Institute of Child Health and Human Development "
        "(NICHD)")
    rows = dict(overview_fields(record))
    assert rows["Organization"] == record["organization"]
    gender = record_of(GENDER_JSON)  # lead sponsor "Zhan Yunfan"
    assert (gender["sponsor"], gender["organization"]) == ("Zhan Yunfan", "ShuGuang Hospital")
    assert "Organization" not in {label for label, value in
                                  overview_fields(record_of(REMOVED_JSON)) if value}


def test_json_secondary_ids_keep_their_details_beside_other_ids() -> None:
    link = record_of(LINK_JSON)
    assert link["other_ids"] == ["U01 AR45444 NIAMS-004C", "U01AR045444"]
    assert link["secondary_id_details"] == [
        {"id": "U01AR045444", "type": "NIH", "domain": None,
         "link": "https://reporter.nih.gov/quickSearch/U01AR045444"}]
    assert dict(overview_fields(link))["Other ids"] == (
        "U01 AR45444 NIAMS-004C; U01AR045444 (U.S. NIH grant/contract: "
        "https://reporter.nih.gov/quickSearch/U01AR045444)")
    domain = record_of(DOMAIN_JSON)
    assert domain["other_ids"] == ["PMR_Ebe01/2009", "EK Nr. 301/2009"]
    assert domain["secondary_id_details"] == [
        {"id": "EK Nr. 301/2009", "type": "OTHER",
         "domain": "Ethics committee, Medical University of Vienna", "link": None}]
    assert dict(overview_fields(domain))["Other ids"] == (
        "PMR_Ebe01/2009; EK Nr. 301/2009 (Ethics committee, Medical University of Vienna)")
    plain = record_of(ORGANIZATION_JSON)
    assert plain["secondary_id_details"] == [
        {"id": "HD40315-01", "type": None, "domain": None, "link": None}]
    assert dict(overview_fields(plain))["Other ids"] == "B530500; HD40315-01"


def test_an_id_that_two_issuers_state_names_both() -> None:
    """NCT04267848 states A081801 twice: from the Alliance for Clinical Trials in Oncology
    and from CTEP; the Overview named only the first."""
    from tui.format import other_ids_text

    real = (Path(__file__).resolve().parent / "fixtures" / "realdata"
            / "gowthamrao__py_load_clinicaltrialsgov__NCT04267848.json")
    [loaded] = load_records(real)
    record = loaded.record
    text = other_ids_text(record["other_ids"], record["secondary_id_details"])
    assert "A081801 (Alliance for Clinical Trials in Oncology; CTEP)" in text


def test_json_malformed_annotations_are_null_with_a_warning() -> None:
    [loaded] = load_records(UNPOSTED_JSON)
    data = json.loads(loaded.text)
    data["annotationSection"]["annotationModule"]["unpostedAnnotation"]["unpostedEvents"] = [
        {"type": "RETURN", "date": "someday"}, "RESET",
        {"type": "UNRELEASE", "dateUnknown": True}]
    data["annotationSection"]["annotationModule"]["violationAnnotation"] = {
        "violationEvents": {"type": "PENALTY_IMPOSED"}}
    data["derivedSection"]["miscInfoModule"]["removedCountries"] = "Israel"
    data["protocolSection"]["eligibilityModule"]["genderBased"] = "yes"
    [(record, _)] = ctgov_json.parse_records(json.dumps(data))
    path = "annotationSection.annotationModule"
    # the first event keeps nothing (its type and date both unreadable): left out, warned
    assert record["annotations"]["unposted_events"] == [
        {"type": "UNRELEASE", "date": None, "date_unknown": True}]
    assert record["annotations"]["violations"] == []
    assert record["removed_countries"] == []
    assert record["eligibility"]["gender_based"] is None
    assert record["warnings"] == [
        f"{path}.unpostedAnnotation.unpostedEvents[0].type: unknown value 'RETURN'",
        f"{path}.unpostedAnnotation.unpostedEvents[0].date: could not read the date 'someday'",
        f"{path}.unpostedAnnotation.unpostedEvents[1]: expected an object, got a string; "
        "not kept",
        f"{path}.violationAnnotation.violationEvents: expected a list of objects, got an "
        "object; not kept",
        "derivedSection.miscInfoModule.removedCountries: expected a list of strings, got a "
        "string; not kept",
        "protocolSection.eligibilityModule.genderBased: expected true or false, got a string; "
        "not kept",
    ]


# --- classic XML -------------------------------------------------------------------------------


def test_xml_removed_countries_and_organization() -> None:
    assert record_of(XML / "ctti-clinicaltrials__aact__NCT00081588.xml")[
        "removed_countries"] == ["Puerto Rico"]
    assert record_of(XML / "ctti-clinicaltrials__aact__NCT01642004.xml")["removed_countries"] == [
        "Brazil", "Czech Republic", "Greece", "Norway", "South Africa", "Turkey"]
    results = record_of(REALDATA / "results-xml" / "chartgerink__2017ctgov__NCT00087529.xml")
    assert results["removed_countries"] == ["Canada", "United States"]
    duke = record_of(XML / "ctti-clinicaltrials__aact__NCT00734539.xml")
    assert (duke["sponsor"], duke["organization"]) == ("Daniel Benjamin", "Duke University")
    same = record_of(XML / "ctti-clinicaltrials__aact__NCT01065844.xml")
    assert (same["sponsor"], same["organization"]) == ("University of Iowa", None)
    for record in (duke, same, results):
        assert record["annotations"] is None
        assert record["secondary_id_details"] == []  # <secondary_id> is the id alone
        assert record["eligibility"]["gender_based"] is None
        assert record["warnings"] == []


def test_xml_pending_results_and_gender_based_eligibility() -> None:
    # No real file at hand has <pending_results> or <gender_based>: this one is written by
    # public.xsd (2018-08-22), whose notes say a <submission_canceled> before May 2018 is
    # "Unknown".
    text = """<clinical_study><id_info><nct_id>NCT09000003</nct_id></id_info>
  <brief_title>A study</brief_title><source>Some University</source>
  <sponsors><lead_sponsor><agency>Some Foundation</agency></lead_sponsor></sponsors>
  <eligibility><gender>All</gender><gender_based>Yes</gender_based>
    <gender_description>Participants who identify as women.</gender_description>
    <minimum_age>18 Years</minimum_age><maximum_age>N/A</maximum_age></eligibility>
  <removed_countries><country>Chile</country><country>Chile</country></removed_countries>
  <pending_results><submitted>March 5, 2018</submitted>
    <submission_canceled>Unknown</submission_canceled><submitted>June 1, 2018</submitted>
    <returned>July 2, 2018</returned><returned>Soon</returned></pending_results>
</clinical_study>"""
    [(record, _)] = ctgov_xml.parse_records(text)
    assert record["annotations"] == {
        "unposted_responsible_party": None,
        "unposted_events": [
            {"type": "RELEASE", "date": "2018-03-05", "date_unknown": None},
            {"type": "UNRELEASE", "date": None, "date_unknown": True},
            {"type": "RELEASE", "date": "2018-06-01", "date_unknown": None},
            {"type": "RESET", "date": "2018-07-02", "date_unknown": None},
            {"type": "RESET", "date": None, "date_unknown": None},
        ],
        "violations": [],
    }
    assert record["eligibility"]["gender_based"] is True
    assert record["eligibility"]["gender_description"] == "Participants who identify as women."
    assert record["removed_countries"] == ["Chile"]
    assert record["organization"] == "Some University"
    assert record["warnings"] == ["pending_results/returned: could not read the date 'Soon'"]
    assert "pending_results" not in ctgov_xml.NOT_KEPT
    assert "removed_countries" not in ctgov_xml.NOT_KEPT


# --- the views ---------------------------------------------------------------------------------


def test_overview_says_what_the_unposted_events_are() -> None:
    shown = rendered(overview(record_of(UNPOSTED_JSON)), 160)
    assert "\nRegistry annotations\n" in shown
    assert re.search(r"^  Results submitted and returned +submitted 2020-05-06, returned "
                     r"2020-05-28, submitted 2020-11-18, returned 2020-12-11$", shown,
                     re.MULTILINE)
    assert re.search(r"^  Submitted by +Mount Sinai Hospital, Canada$", shown, re.MULTILINE)
    assert ("Submitted: the sponsor submitted its results to the registry for review; "
            "returned: the registry returned them to the sponsor for corrections. These "
            "results were not posted on ClinicalTrials.gov when this version was read."
            ) in " ".join(shown.split())
    assert "withdrawn" not in shown  # only the kinds listed are explained
    assert re.search(r"^Removed countries +Israel \(all its sites were removed\)$", shown,
                     re.MULTILINE)


def test_overview_lists_the_fda_violation_notices() -> None:
    shown = rendered(overview(record_of(VIOLATIONS_JSON)), 200)
    assert "FDA violation notices (2)" in shown
    assert ("• Correction confirmed by the FDA (issued 2022-05-26, posted on ClinicalTrials.gov "
            "2022-06-07, entered by the registry 2022-06-06, about the record submitted "
            "2021-08-17)") in shown
    assert "    The responsible party has corrected the violation." in shown
    assert "• Violation identified by the FDA (issued 2021-07-26" in shown
    assert "Results submitted" not in shown


def test_overview_without_annotations_has_no_section() -> None:
    assert "Registry annotations" not in rendered(overview(record_of(REMOVED_JSON)))


def test_markdown_has_the_annotations_and_the_new_rows() -> None:
    text = trial_markdown(record_of(UNPOSTED_JSON))
    assert ("### Registry annotations\n\n- **Results submitted and returned:** submitted "
            "2020-05-06, returned 2020-05-28, submitted 2020-11-18, returned 2020-12-11\n"
            "- **Submitted by:** Mount Sinai Hospital, Canada\n\n*Submitted: the sponsor "
            "submitted its results to the registry for review; returned: the registry "
            "returned them to the sponsor for corrections. These results were not "
            "posted on ClinicalTrials.gov when this version was read.*\n") in text
    assert "- **Removed countries:** Israel (all its sites were removed)" in text
    violations = trial_markdown(record_of(VIOLATIONS_JSON))
    assert ("### Registry annotations\n\nFDA violation notices (2):\n\n- **Correction confirmed "
            "by the FDA** (issued 2022-05-26, posted on ClinicalTrials.gov 2022-06-07, entered "
            "by the registry 2022-06-06, about the record submitted 2021-08-17): The "
            "responsible party has corrected the violation.\n") in violations
    gender = trial_markdown(record_of(GENDER_JSON))
    assert "- **Gender-based:** Yes (eligibility by gender identity)" in gender
    assert "- **Organization:** ShuGuang Hospital" in gender


def test_show_has_the_annotations(cli_db: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli("import", str(UNPOSTED_JSON), str(GENDER_JSON))
    assert code == 0, err
    code, out, _ = run_cli("show", "NCT01788527")
    assert code == 0
    assert re.search(r"^Registry annotations$", out, re.MULTILINE)
    assert re.search(r"^  Results submitted and returned +submitted 2020-05-06, returned "
                     r"2020-05-28", out, re.MULTILINE)
    code, out, _ = run_cli("show", "NCT05649592")
    assert re.search(r"^  Gender-based +Yes \(eligibility by gender identity\)$", out,
                     re.MULTILINE)
    assert re.search(r"^Organization +ShuGuang Hospital$", out, re.MULTILINE)


# --- changes ----------------------------------------------------------------------------------


def test_changes_of_the_new_fields_are_named() -> None:
    old = record_of(UNPOSTED_JSON)
    new = copy.deepcopy(old)
    new["annotations"]["unposted_events"].append(
        {"type": "RELEASE", "date": "2021-01-05", "date_unknown": None})
    new["removed_countries"].append("Canada")
    new["eligibility"]["gender_based"] = True
    new["organization"] = "University of Toronto"
    new["secondary_id_details"] = [{"id": "X-1", "type": "OTHER", "domain": "IRB",
                                    "link": None}]
    changes = diff_records(old, new)
    assert [(change.field, change.kind, change.item) for change in changes] == [
        ("eligibility.gender_based", "added", None),
        ("organization", "added", None),
        ("removed_countries", "added", "Canada"),
        ("secondary_id_details", "added", "X-1"),
        ("annotations.unposted_events", "added", "Release 2021-01-05"),
    ]
    assert summarise(changes) == (
        "gender-based eligibility none → yes; organization none → University of Toronto; "
        "1 removed country added; 1 secondary id's details added; 1 results submission event "
        "added")
    posted = copy.deepcopy(old)
    posted["annotations"] = None
    assert diff_records(old, posted) == [
        Change("annotations", "removed", old["annotations"], None)]
    assert summarise(diff_records(old, posted)) == "registry annotations removed"
    # a version read before the record had these fields says nothing about them
    older = copy.deepcopy(old)
    for key in ("annotations", "removed_countries", "organization", "secondary_id_details"):
        del older[key]
    del older["eligibility"]["gender_based"], older["eligibility"]["gender_description"]
    assert diff_records(older, old) == []
