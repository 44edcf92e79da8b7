"""Lists marked with roman numerals or letters written on one line
(parsers/criteria_inline_lists.py): a lead-in's list ("… any of the following: i. A ii. B
iii. C", "(a) … (b) … (c) …") becomes its sub-criteria, a criterion that is only such a list
becomes its items; two marks and a run inside a sentence are left as written.

The real records are in tests/fixtures/realdata/criteria/ (the README's rows say where each
came from); every expected text was read by hand from the file's criteria text.
"""

from __future__ import annotations

from typing import Any

from realdata_criteria import eligibility, texts

from parsers.ctgov_json_criteria import markdown_criteria


def inclusion_of(*items: str) -> list[dict[str, Any]]:
    """The inclusion criteria of a text listing these items under "Inclusion Criteria:"."""
    inclusion, _, _ = markdown_criteria(
        "Inclusion Criteria:\n\n" + "".join(f"* {item}\n" for item in items))
    return inclusion


def test_a_lead_in_s_roman_list_on_its_line_becomes_its_sub_criteria() -> None:
    # NCT04432324 (classic XML): "5. Any one of the following related to COVID-19: i. Ferritin
    # > 400 … ii. Lactate dehydrogenase … iii. D-Dimers … or iv. C-reactive protein …"
    found = eligibility("syedgufran95__clinicaltrialsXmlToCsv__NCT04432324.xml")
    lead_in = found["inclusion"][4]
    assert lead_in["text"] == "Any one of the following related to COVID-19:"
    assert texts(lead_in["children"]) == [
        "Ferritin > 400 nanogram per milliliter (ng/mL),",
        "Lactate dehydrogenase (LDH) > 300 units per liter U/L,",
        "D-Dimers > reference range, or",
        "C-reactive protein (CRP) > 40 milligram per liter (mg/L).",
    ]
    assert texts(found["inclusion"])[5].startswith("Subject (or a legal representative")


def test_a_criterion_that_is_a_roman_list_becomes_its_items() -> None:
    # NCT05444946 (API v2): the exclusion criteria written "(i) failure to provide informed
    # consent; (ii) … ; and, (vi) pregnancy." as one paragraph; the CPA criteria "… all the
    # following: (i) … (iv) …"; the ABPA criteria lettered "(a) … (d) …"
    found = eligibility("partrita__clinicaltrial-watch-tigit__NCT05444946.json")
    exclusion = texts(found["exclusion"])
    assert len(exclusion) == 6
    assert exclusion[0] == "failure to provide informed consent;"
    assert exclusion[2] == ("intake of antifungal triazoles for >3 weeks in the preceding three "
                            "months;")
    assert exclusion[5] == "pregnancy."
    cpa = found["inclusion"][1]
    assert cpa["text"] == "The criteria for CPA would include the presence of all the following:"
    assert len(cpa["children"]) == 4
    assert cpa["children"][3]["text"] == (
        "exclusion of other pulmonary disorders with similar presentation.")
    abpa = found["inclusion"][2]
    assert abpa["text"] == ("The diagnosis of ABPA will be made based on the presence of all "
                            "the following:")
    assert texts(abpa["children"]) == [
        "A.fumigatus specific IgE >0.35 kUA/L;", "total IgE ≥500 IU/mL;",
        "eosinophil count ≥500 cells/µL);", "A.fumigatus IgG>27 mgA/L."]


def test_two_marks_and_a_run_inside_a_sentence_are_left_as_written() -> None:
    inclusion = inclusion_of(
        "Either: i) histopathologic confirmation, or ii) new enhancement on MRI",
        "Patients with a (i) pacemaker, (ii) defibrillator or (iii) stent are excluded",
        "Count i. e. ii. f. iv. g",
        "Either a) surgery or b) radiotherapy",
    )
    assert texts(inclusion) == [
        "Either: i) histopathologic confirmation, or ii) new enhancement on MRI",
        "Patients with a (i) pacemaker, (ii) defibrillator or (iii) stent are excluded",
        "Count i. e. ii. f. iv. g",
        "Either a) surgery or b) radiotherapy",
    ]
    assert all(node["children"] == [] for node in inclusion)


def test_a_run_in_one_style_only_is_split() -> None:
    # "i." then "ii)" is no run; "I. … II. … III." (capitals, one style) is
    inclusion = inclusion_of(
        "Any of: i. A ii) B iii. C",
        "Disease defined as: I. Stage IV disease II. Measurable lesion III. Progression",
    )
    assert texts(inclusion) == ["Any of: i. A ii) B iii. C", "Disease defined as:"]
    assert texts(inclusion[1]["children"]) == [
        "Stage IV disease", "Measurable lesion", "Progression"]


def test_a_lettered_item_s_roman_list_is_split_in_turn() -> None:
    # the letters first (their run starts first), then the first item's numerals
    inclusion = inclusion_of(
        "Meet one of the following: a. no response to: i) prednisone ii) budesonide "
        "iii) beclomethasone b. intolerance c. relapse",
    )
    assert texts(inclusion) == ["Meet one of the following:"]
    letters = inclusion[0]["children"]
    assert texts(letters) == ["no response to:", "intolerance", "relapse"]
    assert texts(letters[0]["children"]) == ["prednisone", "budesonide", "beclomethasone"]


def test_a_run_from_the_second_mark_goes_on_the_text_before_it() -> None:
    # "… are: aged 18-55 years; ii) … iii) …" (NCT00501163's third group): the first item's
    # mark is not written; "… see section 3: ii) …" (a colon) is no such item
    inclusion = inclusion_of(
        "aged 18-55 years; ii) otherwise healthy; iii) able to give informed consent.",
        "As in section 3: ii) A iii) B",
    )
    assert texts(inclusion) == ["aged 18-55 years;", "otherwise healthy;",
                                "able to give informed consent.", "As in section 3: ii) A iii) B"]



def test_a_run_stops_where_a_list_of_its_own_starts() -> None:
    # NCT00001757's shape: "failure: a) … b) …. … intolerance: a) … b) … c) …": the first
    # two make no run; the second list is split, not "a) b)" of the first and "c)" of it
    inclusion = inclusion_of(
        "Failure defined as: a) no response; or b) relapse. Intolerance defined as: "
        "a) infusion toxicity; b) nephrotoxicity or c) renal impairment",
    )
    assert texts(inclusion) == ["Failure defined as: a) no response; or b) relapse. "
                                "Intolerance defined as:"]
    assert texts(inclusion[0]["children"]) == [
        "infusion toxicity;", "nephrotoxicity or", "renal impairment"]


def test_a_list_beside_its_lead_in_becomes_its_sub_criteria() -> None:
    # "* At least one of the following:" then "* i. … ii. … iii. …": alternatives, under it
    inclusion = inclusion_of(
        "Abnormal laboratory marker, at least one of the following:",
        "i. d-dimer ≥1.0 μg/mL ii. CRP >2 mg/L iii. Ferritin >300 μg/L",
        "Age 18 or older",
    )
    assert texts(inclusion) == ["Abnormal laboratory marker, at least one of the following:",
                                "Age 18 or older"]
    assert texts(inclusion[0]["children"]) == [
        "d-dimer ≥1.0 μg/mL", "CRP >2 mg/L", "Ferritin >300 μg/L"]


def test_units_and_named_letters_are_no_marks() -> None:
    # "within 7 d." (days), "vitamin d.", "section (d)", "Stage III." end no item
    inclusion = inclusion_of(
        "Adequate function: a. ANC ≥1.5 b. PLT ≥100 c. Hb ≥ 9 g/dL within 7 d. before",
        "Any of: a. osteoporosis b. malabsorption c. low vitamin d. levels",
        "Any of: (a) X (b) Y (c) Z, see section (d) below",
        "Disease: I. Stage I or II. disease II. Relapse III. Stage III. disease",
        "Counts: a. ANC ≥1.5; b. PLT ≥100; c. Hb ≥9; d. WBC ≥3",
    )
    assert [texts(node["children"])[-1] for node in inclusion] == [
        "Hb ≥ 9 g/dL within 7 d. before", "low vitamin d. levels", "Z, see section (d) below",
        "Stage III. disease", "WBC ≥3"]
    assert texts(inclusion[3]["children"])[0] == "Stage I or II. disease"


def test_a_lead_in_s_first_item_is_no_lost_first_mark() -> None:
    # NCT05120375's shape: "… unless the following conditions are met: first condition.
    # B. … C. …": the list of an exception, not criteria of their own
    text = ("Exclusion Criteria:\n\n"
            "* Brain metastases, unless the following conditions are met: no symptoms. "
            "B. no progression C. steroids stopped\n")
    _, exclusion, _ = markdown_criteria(text)
    assert len(exclusion) == 1
    assert exclusion[0]["children"] == []


def test_two_letters_each_holding_a_list_are_a_list() -> None:
    # "a. Severe disease …: i. … v. … b. Life-threatening disease …: i. … iii. …"
    # (NCT04420988's shape): the two letters are the outer list, each item a lead-in
    inclusion = inclusion_of(
        "Hemodynamics: a. At rest: i. RAP < 14 mmHg ii. PVR < 3.5 iii. PAS < 70 "
        "b. At exercise: i. PCWP ≥ 25 ii. PVR < 1.8 iii. TPG < 12",
    )
    assert texts(inclusion) == ["Hemodynamics:"]
    rest, exercise = inclusion[0]["children"]
    assert (rest["text"], exercise["text"]) == ("At rest:", "At exercise:")
    assert texts(rest["children"]) == ["RAP < 14 mmHg", "PVR < 3.5", "PAS < 70"]
    assert texts(exercise["children"]) == ["PCWP ≥ 25", "PVR < 1.8", "TPG < 12"]
