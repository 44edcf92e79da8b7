"""Text and numbers the registry writes in more than one way: character references encoded
twice in API v2 JSON's Markdown, a decimal comma, the old classic XML's category labels."""

from __future__ import annotations

from typing import Any

from parsers import parse_text
from parsers.ctgov_json_study import unescape
from parsers.ctgov_results import parse_results


def json_study(eligibility: str, **protocol: Any) -> str:
    import json

    return json.dumps({"protocolSection": {
        "identificationModule": {"nctId": "NCT01234567", "briefTitle": "T"},
        "eligibilityModule": {"eligibilityCriteria": eligibility},
        **protocol,
    }})


def test_references_the_registry_encoded_twice_are_decoded() -> None:
    # as the registry writes them: "\&lt;6" is an escaped "&" before "lt;"
    assert unescape("Gleason \\&lt;6") == "Gleason <6"
    assert unescape("a patient\\&#39;s fear") == "a patient's fear"
    assert unescape("QTc \\&gt; 450 ms &amp; more") == "QTc > 450 ms & more"
    assert unescape("nodule \\&amp;lt;1 cm") == "nodule <1 cm"  # NCT06615518: once more
    # not a reference: kept; a reference to a control character: kept as written
    assert unescape("R&D; AT&T") == "R&D; AT&T"
    assert unescape("&#27;[31m &#x202e;") == "&#27;[31m &#x202e;"


def test_criteria_and_descriptions_read_with_references_decoded() -> None:
    text = json_study(
        "Inclusion Criteria:\n\n* Gleason \\&lt;6\n* the patient\\&#39;s consent\n",
        descriptionModule={"briefSummary": "Line one &amp; two\n\nAttrition \\&lt;30%"},
    )
    record = parse_text(text)
    assert [c["text"] for c in record["eligibility"]["inclusion"]] == [
        "Gleason <6", "the patient's consent"]
    assert record["summary"] == "Line one & two\n\nAttrition <30%"


def test_see_also_labels_lose_markdown_escapes() -> None:
    record = parse_text(json_study("", referencesModule={"seeAlsoLinks": [
        {"label": "Mildeca \\[En ligne\\]", "url": "https://example.org/a?b=1&amp;c=2"}]}))
    assert record["see_also"][0]["label"] == "Mildeca [En ligne]"


def test_a_p_value_with_a_decimal_comma_is_not_a_thousand() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study><id_info><nct_id>NCT01234567</nct_id></id_info><brief_title>T</brief_title>
<clinical_results><outcome_list><outcome><type>Primary</type><title>Pain</title>
<group_list><group group_id="O1"><title>A</title></group>
<group group_id="O2"><title>B</title></group></group_list>
<measure><title>Pain</title><units>points</units><param>Mean</param>
<class_list><class><category_list><category><measurement_list>
<measurement group_id="O1" value="2,5"/><measurement group_id="O2" value="1,200"/>
</measurement_list></category></category_list></class></class_list></measure>
<analysis_list><analysis><group_id_list><group_id>O1</group_id><group_id>O2</group_id>
</group_id_list><p_value>0,001</p_value></analysis></analysis_list>
</outcome></outcome_list></clinical_results></clinical_study>"""
    [outcome] = parse_text(xml)["results"]["outcome_measures"]
    assert outcome["analyses"][0]["p_value"] == 0.001
    first, second = outcome["classes"][0]["categories"][0]["measurements"]
    assert second["value"] == 1200  # thousands
    assert (first["value"], first["value_text"]) == (None, "2,5")  # ambiguous: kept as text


def test_old_classic_results_name_their_categories_by_sub_title() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study><id_info><nct_id>NCT01234567</nct_id></id_info><brief_title>T</brief_title>
<clinical_results><baseline><group_list><group group_id="B1"><title>All</title></group>
</group_list><measure_list><measure><title>Gender</title><units>participants</units>
<param>Number</param><category_list>
<category><sub_title>Female</sub_title><measurement_list>
<measurement group_id="B1" value="23"/></measurement_list></category>
<category><sub_title>Male</sub_title><measurement_list>
<measurement group_id="B1" value="26"/></measurement_list></category>
</category_list></measure></measure_list></baseline></clinical_results></clinical_study>"""
    [gender] = parse_text(xml)["results"]["baseline"]["measures"]
    categories = gender["classes"][0]["categories"]
    assert [(c["title"], c["measurements"][0]["value"]) for c in categories] == [
        ("Female", 23), ("Male", 26)]


# --- why a study stopped, and an observational study's design ----------------------------------


def test_why_stopped_and_the_observational_design_from_classic_xml() -> None:
    from test_parse_ctgov_xml import sample

    record = sample("NCT00277524")  # an observational device registry, terminated
    assert record["status"] == "TERMINATED"
    assert record["why_stopped"] == "Ended follow-up after four years"
    assert record["observational"] == {
        "model": None,
        "time_perspective": "PROSPECTIVE",
        "study_population": (
            "Patients receiving a specified Medtronic Implantable Pulse Generator(IPG), "
            "Implantable Cardioverter Defibrillator(ICD), or Cardiac Resynchronization "
            "Therapy-Defibrillator(CRT-D) device where informed consent and/or authorization "
            "to use and disclose health information permission has been granted."),
        "sampling_method": "NON_PROBABILITY_SAMPLE",
    }
    assert sample("NCT00482794")["observational"]["model"] == "COHORT"
    assert sample("NCT01065844")["observational"] is None  # interventional: none stated


def test_the_observational_design_from_api_v2_json() -> None:
    from pathlib import Path

    from parsers import load_file

    path = (Path(__file__).resolve().parent / "fixtures" / "realdata"
            / "ctti-clinicaltrials__aact__NCT03475563.json")
    record = load_file(path).record
    assert record["observational"] == {
        "model": "CASE_ONLY",
        "time_perspective": "PROSPECTIVE",
        "study_population": (
            "Patients with ischemic heart disease referred for coronary revascularization will "
            "be included with susceptible lesion of coronary intervention in bifurcation."),
        "sampling_method": "NON_PROBABILITY_SAMPLE",
    }
    stopped = parse_text(json_study("", statusModule={
        "overallStatus": "WITHDRAWN", "whyStopped": "Sponsor  decision\n(funding)"}))
    assert (stopped["status"], stopped["why_stopped"]) == (
        "WITHDRAWN", "Sponsor decision (funding)")


def test_the_observational_design_from_the_site_csv() -> None:
    record = parse_text("NCT Number,Study Title,Study Design\n"
                        "NCT01234567,T,Observational Model: Cohort|Time Perspective: Prospective\n")
    assert record["observational"] == {"model": "COHORT", "time_perspective": "PROSPECTIVE",
                                       "study_population": None, "sampling_method": None}
    assert record["warnings"] == []


def test_one_line_fields_decode_the_references_the_registry_encoded_again() -> None:
    # NCT05018286, NCT06619600 and NCT02278250 as the registry writes them.
    record = parse_text(json_study(
        "",
        contactsLocationsModule={
            "locations": [{"facility": "Yokohama Municipal Citizen&#39;s Hospital",
                           "city": "Yokohama", "country": "Japan"}],
            "overallOfficials": [{"name": "A B", "affiliation":
                                  "Institut d&#39;Investigacions Biomèdiques"}],
        },
        referencesModule={"seeAlsoLinks": [
            {"label": "CSR", "url": "https://example.org/Download?tenantId=8&amp;id=2"}]},
    ))
    assert record["locations"][0]["facility"] == "Yokohama Municipal Citizen's Hospital"
    assert record["overall_officials"][0]["affiliation"] == (
        "Institut d'Investigacions Biomèdiques")
    assert record["see_also"][0]["url"] == "https://example.org/Download?tenantId=8&id=2"


def test_why_stopped_loses_its_markdown_escapes() -> None:
    # NCT00757055
    record = parse_text(json_study("", statusModule={
        "overallStatus": "TERMINATED",
        "whyStopped": "Difficulty recruit pts with PSHF HR \\> 70 \\& high BNP."}))
    assert record["why_stopped"] == "Difficulty recruit pts with PSHF HR > 70 & high BNP."


def test_measurement_comments_lose_their_markdown_escapes() -> None:
    # NCT01347866: "For arms with \<3 participants …", "ng\*hr/mL", "median \[range\]".
    section = {"outcomeMeasuresModule": {"outcomeMeasures": [{
        "type": "PRIMARY", "title": "AUC", "groups": [{"id": "OG000", "title": "A"}],
        "classes": [{"categories": [{"measurements": [
            {"groupId": "OG000", "value": "NA",
             "comment": "For arms with \\<3 participants, in ng\\*hr/mL, median \\[range\\]"},
        ]}]}],
    }]}}
    warnings: list[str] = []
    results = parse_results(section, warnings)
    assert results is not None
    [measurement] = results["outcome_measures"][0]["classes"][0]["categories"][0]["measurements"]
    assert measurement["comment"] == "For arms with <3 participants, in ng*hr/mL, median [range]"
    assert warnings == []


def test_text_encoded_many_times_over_is_decoded_whole() -> None:
    # NCT06962046 in the site's CSV: "patient\&amp;amp;…#39;s", "&amp;" 17 times.
    encoded = "patient\\&" + "amp;" * 17 + "#39;s pain score \\&" + "amp;" * 5 + "lt;3"
    assert unescape(encoded) == "patient's pain score <3"
