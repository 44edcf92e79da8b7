"""Eligibility criteria of real records read wrong: an exclusion heading written with a full
stop inside a paragraph ("Study Exclusion Criteria. History of …") or as a sentence carrying
its list ("The exclusion criteria are: i) …") left every exclusion criterion among the
inclusion ones; a section's opening sentence listed as its first item counted as a criterion;
labels in capitals among the items ("* DEMOGRAPHIC CRITERIA:") counted as criteria; in classic
XML, paragraphs at the margin under "… any of the following:" read as criteria of their own,
a dash typed against its text at the margin ("-Patients must …") taking the items after it as
its children, and a "<TAB>" placeholder kept as a criterion; "Inclusion Criteria -" (a dash
for the colon) read as a criterion over the whole list.

The records are in tests/fixtures/realdata/criteria/ (the README's rows say where each came
from); every expected text was read by hand from the file's criteria text.
"""

from __future__ import annotations

from typing import Any

import pytest
from realdata_criteria import CRITERIA, eligibility, texts

from parsers import count_criteria, load_file
from parsers.criteria_headings import heading
from parsers.ctgov_json_criteria import markdown_criteria


def test_a_heading_with_a_full_stop_starts_the_exclusion_criteria() -> None:
    # NCT04664634: "Inclusion criteria. Age ≥22. …" and, two paragraphs on, "Study Exclusion
    # Criteria. History of aspiration pneumonia …"
    record = load_file(CRITERIA / "UserZetsu__dtx-analysis__NCT04664634.json").record
    found = record["eligibility"]
    assert found["inclusion"][0]["text"].startswith("Age ≥22. English speaking. Diagnosis")
    assert len(found["inclusion"]) == 2
    assert texts(found["exclusion"])[0].startswith("History of aspiration pneumonia within")
    assert texts(found["exclusion"])[1].startswith("Known allergy to contrast material")
    assert not record["warnings"]  # no "kept as inclusion"


def test_an_announcing_sentence_carrying_its_list_is_a_heading() -> None:
    # NCT00501163: four paragraphs, "The inclusion criteria for children are: i) age 10-18
    # years; …" and "The exclusion criteria are: i) Any lifetime DSM-IV diagnoses …"
    found = eligibility("xiaoliang8006__TREC_Project__NCT00501163.xml")
    assert texts(found["inclusion"]) == [
        "The inclusion criteria for the schizophrenia/schizoaffective group are",
        "The inclusion criteria for children are",
        "The inclusion criteria for the healthy controls are"]
    # each list "i) … ii) … iii) …" split (criteria_inline_lists), its first mark kept by the
    # heading or not written ("are: aged 18-55 years; ii) …")
    assert [len(group["children"]) for group in found["inclusion"]] == [3, 3, 3]
    assert texts(found["inclusion"][2]["children"]) == [
        "aged 18-55 years;",
        "otherwise healthy and do not meet DSM-IV criteria for any Axis I psychiatric illness;",
        "able to give informed consent."]
    assert len(found["exclusion"]) == 6
    assert found["exclusion"][0]["text"].startswith("Any lifetime DSM-IV diagnoses")
    assert texts(found["exclusion"])[4:] == [
        "involuntary legal status (as per Missouri law);", "pregnancy."]


def test_an_opening_sentence_listed_as_the_first_item_is_a_note() -> None:
    # NCT06004388: "* A participant will be eligible for entry into the study if all of the
    # following criteria are met per participant self-report:" then "* Willing and able …"
    found = eligibility("UserZetsu__dtx-analysis__NCT06004388.json")
    for key, opening in (("inclusion", "A participant will be eligible for entry"),
                         ("exclusion", "A participant will not be eligible for study entry")):
        first = found[key][0]
        assert first["text"].startswith(opening) and first.get("note") is True
        assert not first["children"]
    assert found["exclusion"][1]["text"] == "History of basilar migraine or hemiplegic migraine."
    assert count_criteria(found["exclusion"]) == 10  # the note is not counted


def test_labels_in_capitals_group_the_items_after_them() -> None:
    # NCT05847673: "* DEMOGRAPHIC CRITERIA:", three items, "* SMOKING CRITERIA:", one item,
    # "* TREATMENT ACCESSIBILITY:", four, "* OTHER CRITERIA:", seven
    found = eligibility("UserZetsu__dtx-analysis__NCT05847673.json")
    assert texts(found["inclusion"]) == ["DEMOGRAPHIC CRITERIA:", "SMOKING CRITERIA:",
                                         "TREATMENT ACCESSIBILITY:", "OTHER CRITERIA:"]
    assert [len(group["children"]) for group in found["inclusion"]] == [3, 1, 4, 7]
    assert found["inclusion"][1]["children"][0]["text"] == (
        "Participants must self-report smoking at least 1 cigarette per day in the 30 days "
        "prior to screening")
    assert len(found["exclusion"]) == 3  # no label there: the items as they are


def test_paragraphs_at_the_margin_under_a_lead_in_are_its_items() -> None:
    # NCT00501540: "-  Patients are excluded if they have any of the following:" then two
    # paragraphs at the margin, then "-  Patients must not be taking the following …"
    inclusion = eligibility("xiaoliang8006__TREC_Project__NCT00501540.xml")["inclusion"]
    lead = next(node for node in inclusion if node["text"].startswith("Patients are excluded"))
    assert [text[:40] for text in texts(lead["children"])] == [
        "Gastrointestinal tract disease resulting",
        "History of hypothyroid disease Significa"]
    after = inclusion[inclusion.index(lead) + 1]
    assert after["text"].startswith("Patients must not be taking the following medications")


def test_a_dash_typed_against_its_text_at_the_margin_is_a_criterion_beside_the_items() -> None:
    # NCT02513394: "        -Patients must either be initiating or have already started
    # adjuvant hormonal treatment. -" between items written "          -  …"
    inclusion = eligibility("mcode__clinical-trial-matching-service__NCT02513394.xml")[
        "inclusion"]
    at = next(at for at, node in enumerate(inclusion)
              if node["text"].startswith("Patients must either be initiating"))
    assert inclusion[at]["text"] == ("Patients must either be initiating or have already "
                                     "started adjuvant hormonal treatment.")
    assert inclusion[at]["children"] == []
    assert texts(inclusion[at + 2 : at + 4]) == ["Absolute neutrophil count ≥ 1,500/µL",
                                                 "Platelets ≥ 100,000/ mm3"]


def test_a_tab_placeholder_is_no_criterion() -> None:
    # NCT00500994: a line "&lt;TAB&gt;" under "Additional exclusion criteria for PMD patients
    # for MRI"
    found = eligibility("xiaoliang8006__TREC_Project__NCT00500994.xml")

    def every(nodes: list[dict[str, Any]]) -> list[str]:
        return [text for node in nodes for text in (node["text"], *every(node["children"]))]

    assert "<TAB>" not in every(found["exclusion"]) + every(found["inclusion"])
    assert any("PMD patients for MRI" in text for text in every(found["exclusion"]))


def test_options_listed_beside_their_criterion_are_its_children() -> None:
    # NCT06651385: "* Poorly controlled asthma (defined as one or more of the following
    # criteria:" then "* Asthma Control Test Score ≤19, or", two more "…, or", and "* ED/hospital
    # visit or prednisone course for asthma in past six months", all at one level
    inclusion = eligibility("UserZetsu__dtx-analysis__NCT06651385.json")["inclusion"]
    asthma = next(node for node in inclusion if node["text"].startswith("Poorly controlled"))
    assert texts(asthma["children"]) == [
        "Asthma Control Test Score ≤19, or",
        "Use of rescue inhaler on average >2 uses/week for preceding month, or",
        "Nocturnal asthma awakening on average ≥1 times/week in preceding month, or",
        "ED/hospital visit or prednisone course for asthma in past six months"]
    after = inclusion[inclusion.index(asthma) + 1]
    assert after["text"] == "Ability and willingness to provide informed consent"
    # classic XML, NCT00501592: "-  Type 2 diabetes, …, as one of the following criteria:"
    # and three items at its level, the first two ending "or"
    diabetes = eligibility("xiaoliang8006__TREC_Project__NCT00501592.xml")["inclusion"][0]
    assert [text[:30] for text in texts(diabetes["children"])] == [
        "Symptoms of diabetes plus casu", "Fasting plasma glucose >126 mg",
        "2-hour post-load glucose >200 "]


def test_items_ending_in_a_semicolon_alone_are_no_options() -> None:
    from parsers.criteria_options import nest_options

    def node(text: str) -> dict[str, Any]:
        return {"text": text, "children": []}

    tree = [node("Patients must have the following:"), node("Age ≥ 18;"), node("ECOG 0-1;"),
            node("Signed consent.")]
    nest_options(tree)
    assert len(tree) == 4  # no "or" / "and": each its own criterion
    tree = [node("One of the following:"), node("A, or"), node("B"), node("C")]
    nest_options(tree)
    assert texts(tree) == ["One of the following:", "C"]
    assert texts(tree[0]["children"]) == ["A, or", "B"]


def test_a_run_numbered_from_3_after_a_sentence_is_split() -> None:
    # NCT05958095: "* Participants must be able to read, write and speak English; 3.
    # Participants must provide written informed consent prior to enrollment; 4. … 10. …"
    inclusion = eligibility("UserZetsu__dtx-analysis__NCT05958095.json")["inclusion"]
    assert len(inclusion) == 9
    assert texts(inclusion)[:3] == [
        "Participants must be able to read, write and speak English;",
        "Participants must provide written informed consent prior to enrollment;",
        "Participants must be 18 to 50 years of age at the time of enrollment;"]
    assert all(not node["children"] for node in inclusion)


def test_alternatives_numbered_from_1_stay_one_criterion() -> None:
    from parsers.ctgov_json_criteria import markdown_criteria

    inclusion, _, _ = markdown_criteria(
        "Inclusion Criteria:\n\n* CLL: must have either 1) failed to respond to therapy; "
        "2) relapsed within 12 months; 3) progressed to PLL; or 4) a 17p deletion")
    assert len(inclusion) == 1  # "either 1) … 2) … or 3)": its alternatives


def test_a_wrapped_inclusion_word_ends_its_sentence() -> None:
    # NCT04320056, exclusion: "-  Non invasive respiratory support (NIV, …) at study" /
    # "inclusion" (the wrap's last line): read as an inclusion heading, it moved the two
    # exclusion criteria after it to the inclusion criteria
    found = eligibility("alexislintw__AI4CV__NCT04320056.xml")
    assert len(found["inclusion"]) == 3 and len(found["exclusion"]) == 8
    assert texts(found["exclusion"])[-3:] == [
        "Non invasive respiratory support (NIV, High flow Nasal Therapy (HFNT)) at study "
        "inclusion",
        "Withdrawal of life support or palliation as the goal of care",
        "patients' or next of kin refusal to participate to the study"]


@pytest.mark.parametrize(("name", "inclusion", "first"), [
    # "Exclusion criteria：" (a full-width colon)
    ("syedgufran95__clinicaltrialsXmlToCsv__NCT04550351.xml", 1,
     "The results of physical examination and laboratory examination before screening"),
    # "inclusion criteria;" and "Exclusion criteria;"
    ("syedgufran95__clinicaltrialsXmlToCsv__NCT04490473.xml", 4,
     "individuals refuse to participate in the study"),
    # "Exclusion criteria were:"
    ("syedgufran95__clinicaltrialsXmlToCsv__NCT04485169.xml", 6,
     "Death within 48 hours of admission"),
    # "Exclusion Criterion:"
    ("alexislintw__AI4CV__NCT04329546.xml", 1, "Long-term incapacity leading to the"),
    # "-  Grade 6: hospitalized requiring ECMO, mechanical ventilation or both.Exclusion
    # Criteria:" (no space after the full stop)
    ("alexislintw__AI4CV__NCT04348383.xml", 4,
     "Levels of IL-6 ≥ 3 times the upper limit of normality"),
])
def test_exclusion_headings_written_otherwise(name: str, inclusion: int, first: str) -> None:
    found = eligibility(name)
    assert len(found["inclusion"]) == inclusion
    assert found["exclusion"][0]["text"].startswith(first)


def test_the_ord_layout_reads_as_the_pdq_sections() -> None:
    # NCT00003552: "PROTOCOL ENTRY CRITERIA:" then one paragraph, "--Disease Characteristics--
    # Histologically confirmed … --Prior/Concurrent Therapy-- See Disease Characteristics …
    # --Patient Characteristics-- Age: 18 to 60 Performance status: ECOG 0-1 …"
    record = load_file(CRITERIA / "reesewang25__enrollment_and_studylength__NCT00003552.xml")
    inclusion = record.record["eligibility"]["inclusion"]
    assert texts(inclusion) == ["Disease Characteristics", "Prior/Concurrent Therapy",
                                "Patient Characteristics"]
    patient = texts(inclusion[2]["children"])
    assert patient[:3] == ["Age: 18 to 60", "Performance status: ECOG 0-1",
                           "Life expectancy: At least 3 months"]
    assert patient[-1].startswith("Other: HIV negative No major organ dysfunction")
    assert not record.record["warnings"]  # "PROTOCOL ENTRY CRITERIA": the inclusion criteria
    # NCT00004804: the same sections on lines of their own ("--Disease Characteristics--")
    inclusion = eligibility("reesewang25__enrollment_and_studylength__NCT00004804.xml")[
        "inclusion"]
    assert texts(inclusion) == ["Disease Characteristics", "Prior/Concurrent Therapy",
                                "Patient Characteristics"]
    assert texts(inclusion[0]["children"]) == [
        "Biopsy-proven chronic hepatitis Anti-hepatitis C virus positive Hepatitis B surface "
        "antigen negative", "No decompensated cirrhosis"]


def test_the_actg_layout_reads_as_categories() -> None:
    # NCT00000710: "Concurrent Medication:" / "Recommended:" / "-  Allopurinol …" / "Allowed:"
    # / five items, then (after "… informed consent. Exclusion Criteria") "Co-existing
    # Condition:", "Concurrent Medication:" / "Excluded:" / "-  Adenine deaminase inhibitors." …
    # "Prior Medication:" / "Excluded:" / … / "-  Excluded within 2 weeks of study entry:" …
    found = eligibility("reesewang25__enrollment_and_studylength__NCT00000710.xml")
    medication = found["inclusion"][0]
    assert medication["text"] == "Concurrent Medication"
    assert texts(medication["children"])[:2] == ["Recommended", "Allowed"]
    allowed = texts(medication["children"][1]["children"])
    assert allowed[0].startswith("Aerosolized pentamidine")
    assert allowed[4] == "Aspirin rather than acetaminophen for fever."
    # a lead-in after a sub-heading's items ends the category: "Patients with the following
    # will be included:" (inclusion) and "… are excluded:" (exclusion) are its neighbours
    assert texts(found["inclusion"]) == ["Concurrent Medication",
                                         "Patients with the following will be included:"]
    assert texts(found["exclusion"]) == ["Co-existing Condition", "Concurrent Medication",
                                         "Patients with the following are excluded:",
                                         "Prior Medication", "Risk Behavior"]
    excluded = found["exclusion"][1]["children"][0]
    assert excluded["text"] == "Excluded"  # the word kept, nothing lost
    assert excluded["children"][0]["text"] == "Adenine deaminase inhibitors."
    prior = texts(found["exclusion"][3]["children"])
    assert prior == ["Excluded", "Excluded within 2 weeks of study entry",
                     "Excluded within 1 month of study entry",
                     "Excluded within 3 months of study entry"]
    # the criterion ending "… Exclusion Criteria" is split from that heading
    assert found["inclusion"][1]["children"][-1]["text"] == "Able to provide informed consent."


def test_a_sentence_after_a_category_ends_it() -> None:
    # NCT00002068: "Concurrent Treatment:" / "Allowed:" / "-  Radiation therapy …", then the
    # paragraph "Written informed consent must be obtained for each patient, …" and items
    inclusion = eligibility("reesewang25__enrollment_and_studylength__NCT00002068.xml")[
        "inclusion"]
    assert texts(inclusion)[:3] == ["Concurrent Medication", "Concurrent Treatment",
                                    "Written informed consent must be obtained for each "
                                    "patient, either from the patient himself or from the "
                                    "patient's legal guardian."]
    assert texts(inclusion[1]["children"][0]["children"]) == [
        "Radiation therapy for mucocutaneous Kaposi's sarcoma."]


def test_a_heading_written_with_a_dash_for_its_colon_is_a_heading() -> None:
    # NCT02227108: "Inclusion Criteria -" over "1. Between the ages of …" … "6. Female
    # participants …", then "Exclusion Criteria"
    found = eligibility("Danko711__Clinical-Trial-Classification__NCT02227108.xml")
    inclusion = texts(found["inclusion"])
    assert inclusion[0].startswith("Between the ages of greater or equal to (≥) 6 months")
    assert inclusion[5].startswith("Female participants of childbearing potential")
    assert len(inclusion) == 6
    assert texts(found["exclusion"])[0].startswith("Concurrent enrollment in another clinical")


def test_a_dash_after_a_sentence_is_no_heading() -> None:
    # the dash makes a plain heading only: "Inclusion Criteria: CoVid-19 -" keeps its criterion
    inclusion, _, _ = markdown_criteria(
        "Inclusion Criteria: CoVid-19 -\n\nExclusion Criteria -\n\n* Pregnancy")
    assert texts(inclusion) == ["CoVid-19 -"]
    assert heading("Patients over the age of 18 years -") is None
