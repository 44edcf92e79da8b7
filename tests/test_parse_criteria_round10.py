"""Eligibility criteria of real records that an audit found wrong: "Criteria of inclusion:" /
"Criteria of exclusion:" not read as headings (every exclusion criterion filed as inclusion),
the criteria under the first heading nested under a sentence written before it, and an item
"1) … or 2) …" stored without its "1)" but with its "2)".

The records are in tests/fixtures/realdata/criteria/ and ctgov-xml/ (their README rows say
where each came from); every expected tree was read by hand from the file's eligibility text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of
from test_parse_ctgov_variations import parse

from parsers import load_file

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"


def real(pattern: str) -> dict[str, Any]:
    """The record of the one real file of tests/fixtures/realdata matching pattern."""
    [path] = REALDATA.glob(pattern)
    return load_file(path).record


def criteria_warnings(record: dict[str, Any]) -> list[str]:
    return [warning for warning in record["warnings"] if "criteria" in warning]


# --- A. "Criteria of inclusion:" / "Criteria of exclusion:" -----------------------------------

_MRI = "Contraindications to MRI (pacemaker or other internal metal or magnetic devices)"
_COMPETING = ("Competing disorders and other muscle disorders, which may alter measurements of "
              "i.e., muscle strength. The investigator will decide whether or not the competing "
              "disorder can significantly influence the results.")
_CARRIER = "Verified carrier of DMD gene mutations through genetic testing."


def test_criteria_of_inclusion_and_of_exclusion_are_headings_in_a_real_record() -> None:
    # NCT05715957: "Part 1:" … "Part 3:", each with "Criteria of inclusion:" and "Criteria of
    # exclusion:" ("Criteria of exclusion from MRI:" in Part 1); all 30 criteria were
    # inclusion, under the headings read as criteria, with a warning that there was none.
    record = real("criteria/*__NCT05715957.json")
    eligibility = record["eligibility"]
    assert eligibility["inclusion"] == [
        crit("Part 1", crit("Female gender"), crit(_CARRIER), crit("Age of 18 years or more"),
             crit("Participation in the study 6 years ago")),
        crit("Part 2", crit("Female gender"), crit(_CARRIER), crit("Age of 18 years or more")),
        crit("Part 3", crit("Genetically verified patient with BMD"),
             crit("Age of 18 years or more")),
    ]
    assert eligibility["exclusion"] == [
        crit("Criteria of exclusion from MRI", crit(_MRI), crit("Claustrophobia."),
             crit("Pregnant or nursing women."), crit(_COMPETING),
             crit("Patients will be investigated with all other measurements than MRI if not "
                  "eligible for MRI.")),
        crit("Part 2", crit("Anticoagulating medicine that cannot be paused due to health "
                            "reasons")),
        crit("Part 3", crit(_MRI), crit("Claustrophobia."), crit("Atrial fibrillation"),
             crit(_COMPETING)),
    ]
    assert criteria_warnings(record) == []


@pytest.mark.parametrize("inclusion, exclusion", [
    ("Criteria of inclusion:", "Criteria of exclusion:"),
    ("CRITERIA OF INCLUSION:", "CRITERIA OF EXCLUSION:"),
    ("Criteria of Inclusion", "Criteria of Exclusion"),  # alone on its line, no colon
    ("Criteria for inclusion", "Criteria for exclusion"),
    ("Criteria of inclusion:", "Criteria of non-inclusion:"),  # French usage: exclusion
    ("[Criteria of inclusion]", "2. Criteria of exclusion:"),
])
def test_criteria_of_headings_in_both_formats(inclusion: str, exclusion: str) -> None:
    text = f"{inclusion}\n\n* Adults\n\n{exclusion}\n\n* Pregnancy\n"
    block = f"{inclusion}\n\n  -  Adults\n\n{exclusion}\n\n  -  Pregnancy\n"
    expected = ([crit("Adults")], [crit("Pregnancy")])
    assert criteria_of(text)[:2] == expected
    assert xml_criteria(block)[:2] == expected


def test_criteria_of_headings_with_a_group_or_a_first_criterion() -> None:
    text = ("Criteria of inclusion: Adults\n\n* Consent\n\n"
            "Criteria of exclusion from MRI:\n\n* Claustrophobia\n\n"
            "Criteria for exclusion (all parts):\n\n* Pregnancy\n")
    assert criteria_of(text) == (
        [crit("Adults"), crit("Consent")],
        [crit("Criteria of exclusion from MRI", crit("Claustrophobia")),
         crit("Criteria for exclusion (all parts)", crit("Pregnancy"))],
        [],
    )


def test_criteria_of_headings_on_a_page_s_text() -> None:
    record = parse(criteria=("Criteria\n\nCriteria of inclusion:\n\nAdults aged 18 to 65.\n\n"
                             "Criteria of exclusion:\n\nPregnancy.\n"))
    assert record["eligibility"]["inclusion"] == [crit("Adults aged 18 to 65.")]
    assert record["eligibility"]["exclusion"] == [crit("Pregnancy.")]


@pytest.mark.parametrize("line", [
    "Criteria of inclusion not met",  # a sentence about the criteria
    "Criteria for exclusion apply to all parts",
    "Criteria for inclusion/exclusion:",  # both kinds
    "Criteria of inclusion and exclusion:",
])
def test_sentences_about_criteria_of_inclusion_stay_criteria(line: str) -> None:
    text = f"Inclusion Criteria:\n\n* Adults\n* {line}\n"
    assert criteria_of(text) == ([crit("Adults"), crit(line)], [], [])
    block = f"Inclusion Criteria:\n\n  -  Adults\n\n  -  {line}\n"
    assert xml_criteria(block) == ([crit("Adults"), crit(line)], [], [])


def test_a_wrapped_criteria_for_inclusion_ends_its_sentence() -> None:
    # the line directly below a criterion, without a colon, is its wrapped end
    block = ("Inclusion Criteria:\n\n  -  Adults\n\n  -  Patients who meet all\n"
             "     Criteria for inclusion\n\n  -  Consent\n")
    assert xml_criteria(block) == (
        [crit("Adults"), crit("Patients who meet all Criteria for inclusion"), crit("Consent")],
        [], [])


# --- B. a sentence before the first heading ---------------------------------------------------

_BMS = ("For more information regarding BMS clinical trial participation, please visit "
        "www.BMSStudyConnect.com")


def test_criteria_under_the_first_heading_are_no_children_of_a_sentence_before_it() -> None:
    # NCT01642004: "For more information … www.BMSStudyConnect.com", then "Inclusion
    # Criteria:" and its six items, indented: they were the sentence's children (1.1–1.6).
    # The sentence is a note (where to learn more), so no criterion comes before the heading.
    record = real("ctgov-xml/*__NCT01642004.xml")
    assert record["eligibility"]["inclusion"] == [
        {"text": _BMS, "children": [], "note": True},
        crit("Men and women ≥18 years of age"),
        crit("Subjects with histologically or cytologically-documented squamous cell NSCLC who "
             "present with Stage IIIB/IV disease or with recurrent or progressive disease "
             "following multimodal therapy (radiation therapy, surgical resection or definitive "
             "chemoradiation therapy for locally advanced disease)"),
        crit("Disease recurrence or progression during/after one prior platinum doublet-based "
             "chemotherapy regimen for advanced or metastatic disease"),
        crit("Measurable disease by computed tomography (CT)/Magnetic resonance imaging (MRI) "
             "per Response Evaluation Criteria in Solid Tumors (RECIST) 1.1 criteria"),
        crit("Eastern Cooperative Oncology Group (ECOG) performance status ≤1"),
        crit("A formalin fixed, paraffin-embedded (FFPE) tumor tissue block or unstained slides "
             "of tumor sample (archival or recent) must be available for biomarker evaluation. "
             "Specimens must be received by the central lab prior to randomization. Biopsy "
             "should be excisional, incisional or core needle. Fine needle aspiration is "
             "insufficient"),
    ]
    assert len(record["eligibility"]["exclusion"]) == 9
    assert criteria_warnings(record) == []


def test_a_sentence_before_the_first_heading_in_every_format() -> None:
    expected = [{"text": "For more information, please visit www.example.com", "children": [],
                 "note": True}, crit("Adults"), crit("Consent")]
    text = ("For more information, please visit www.example.com\n\nInclusion Criteria:\n\n"
            "  * Adults\n  * Consent\n\nExclusion Criteria:\n\n  * Pregnancy\n")
    assert criteria_of(text)[:2] == (expected, [crit("Pregnancy")])
    block = ("For more information, please visit\nwww.example.com\n\nInclusion Criteria:\n\n"
             "  -  Adults\n\n  -  Consent\n\nExclusion Criteria:\n\n  -  Pregnancy\n")
    assert xml_criteria(block)[:2] == (expected, [crit("Pregnancy")])
    record = parse(criteria=("Criteria\n\nFor more information, please visit www.example.com\n\n"
                             "Inclusion Criteria:\n\n  * Adults\n  * Consent\n\n"
                             "Exclusion Criteria:\n\n  * Pregnancy\n"))
    # (a scraped page's criteria are read line by line, without notes)
    assert record["eligibility"]["inclusion"] == [
        crit("For more information, please visit www.example.com"), *expected[1:]]


def test_a_lead_in_before_the_first_heading_keeps_its_list() -> None:
    # a sentence leading into the list written right after it, with no heading between
    text = ("Patients must have:\n\n1. Age ≥ 18\n2. Consent\n\nExclusion Criteria:\n\n"
            "* Pregnancy\n")
    assert criteria_of(text)[0] == [crit("Patients must have:", crit("Age ≥ 18"),
                                         crit("Consent"))]


# --- C. an item "1) … or 2) …" ----------------------------------------------------------------


def test_an_item_holding_the_next_number_keeps_its_own_in_a_real_record() -> None:
    # NCT05819138: "* 1) T1D diagnosis … or 2) a clinical diagnosis …" was stored without its
    # "1)" and with its "2)", which hid that the two are alternatives.
    inclusion = real("criteria/*__NCT05819138.json")["eligibility"]["inclusion"]
    assert [node["text"] for node in inclusion] == [
        "Age 18-49 years",
        "1) T1D diagnosis defined as positive T1D-associated antibody(ies) or 2) a clinical "
        "diagnosis of T1D plus insulin requirement since diagnosis",
        "Insulin pump or automated insulin delivery systems",
        "Estimated glomerular filtration rate (eGFR) ≥ 45 ml/min/1.73m2",
        "Stable doses of drugs altering cardiovascular and renal function (e.g., "
        "Angiotensin-Converting Enzyme Inhibitor (ACEi), Angiotensin Receptor Blocker (ARB), "
        "statins, diuretics)",
        "BMI 20-45 kg/m2",
        "Adequate contraceptive method for females",
    ]


@pytest.mark.parametrize("item, expected", [
    ("1) T1D or 2) a clinical diagnosis", "1) T1D or 2) a clinical diagnosis"),
    ("(1) T1D or (2) a clinical diagnosis", "(1) T1D or (2) a clinical diagnosis"),
    ("1\\) T1D or 2) a clinical diagnosis", "1) T1D or 2) a clinical diagnosis"),
    # the "2)" is no number of a run: the item's own number goes, as before
    ("1) Meets criterion 2) of section 3) of the protocol",
     "Meets criterion 2) of section 3) of the protocol"),
    # the "2." is in a list of the item's own from 1
    ("1. Any of: 1. surgery; 2. radiotherapy", "Any of: 1. surgery; 2. radiotherapy"),
])
def test_an_item_holding_the_next_number_in_both_formats(item: str, expected: str) -> None:
    text = f"Inclusion Criteria:\n\n* Adults\n* {item}\n"
    assert criteria_of(text)[0] == [crit("Adults"), crit(expected)]
    block = f"Inclusion Criteria:\n\n  -  Adults\n\n  -  {item.replace(chr(92), '')}\n"
    assert xml_criteria(block)[0] == [crit("Adults"), crit(expected)]
