"""Eligibility criteria of real records read wrong: a classic XML line that the registry's
wrapping opened with "1." or "- " read as a criterion of its own, the NCI's PDQ layout
("DISEASE CHARACTERISTICS:", "PATIENT CHARACTERISTICS:" with "Age:", … and "PRIOR CONCURRENT
THERAPY:") read as criteria side by side, and the registry's note that other criteria may
apply kept as a criterion.

The records are in tests/fixtures/realdata/criteria/ (their README rows say where each came
from); every expected tree was read by hand from the file's eligibility text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of

from parsers import load_file, load_records

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"


def real(name: str) -> dict[str, Any]:
    """The record of the real file tests/fixtures/realdata/criteria/name."""
    return load_file(REALDATA / "criteria" / name).record


def criteria_warnings(record: dict[str, Any]) -> list[str]:
    return [warning for warning in record["warnings"] if "criteria" in warning]


def note(text: str) -> dict[str, Any]:
    return {"text": text, "children": [], "note": True}


def leaves(*texts: str) -> list[dict[str, Any]]:
    return [crit(text) for text in texts]


# --- A. a wrapped line that opens like an item -------------------------------------------------


def test_a_wrapped_number_at_the_column_of_the_item_text_continues_it() -> None:
    # NCT03357471: "… prior to Visit" / "1. Subjects with RA, PsA, or AS …" at the column of
    # the item's text, after its second line: the "1." was read as a sub-criterion.
    record = real("glow-mdsol__clinical_trials__NCT03357471.xml")
    inclusion = record["eligibility"]["inclusion"]
    assert inclusion[3] == crit(
        "Subjects must have been prescribed Certolizumab Pegol (CZP) and must have been "
        "self-injecting CZP using the pre-filled syringe for at least 3 months prior to Visit 1. "
        "Subjects with RA, PsA, or AS must have been on a stable Q2W (every 2 weeks) or Q4W "
        "(every 4 weeks) CZP dosing regimen for at least 3 months prior to Screening. Subjects "
        "with CD must have been on a stable Q4W CZP dosing regimen for at least 3 months prior "
        "to Visit 1.")
    assert len(inclusion) == 6 and all(not node["children"] for node in inclusion)
    exclusion = record["eligibility"]["exclusion"]
    assert len(exclusion) == 7 and all(not node["children"] for node in exclusion)
    assert exclusion[-1] == crit("Subject has had major surgery (including joint surgery) "
                                 "within 8 weeks prior to Visit 1, or has a scheduled surgery "
                                 "during the study")
    assert criteria_warnings(record) == []


def test_a_wrapped_dash_at_the_column_of_the_item_text_continues_it() -> None:
    # NCT00834249: "… per week (1 Unit" / "- 150 mL of wine …": "150 mL …" was a sub-criterion.
    exclusion = real("chartgerink__2017ctgov__NCT00834249.xml")["eligibility"]["exclusion"]
    assert exclusion[8:11] == leaves(
        "Subjects with BMI ≥ 30.0.",
        "History of significant alcohol abuse within six months of the screening visit or any "
        "indication of the regular use of more than fourteen units of alcohol per week (1 Unit "
        "- 150 mL of wine or 360 mL of beer or 45 mL of alcohol 40%).",
        "History of drug abuse or use of illegal drugs: use of soft drugs (such as marijuana) "
        "within 3 months of the screening visit or hard drugs (such as cocaine, phencyclidine "
        "(PCP) and crack) within 1 year of the screening visit.")
    assert len(exclusion) == 33 and all(not node["children"] for node in exclusion)


def test_a_wrapped_number_out_of_sequence_continues_a_paragraph() -> None:
    # NCT01663233: "… at both Visit 1 and Visit" / "101. Pre-treated patients …": a
    # paragraph's line; "101." was read as a criterion of its own, its paragraph cut short.
    record = real("chartgerink__2017ctgov__NCT01663233.xml")
    assert record["eligibility"]["inclusion"] == leaves(
        "Patients must give written informed consent and have a diagnosis of hypertension:",
        "Untreated patients must have an msSBP ≥ 150 mmHg and < 180 mmHg at both Visit 1 and "
        "Visit 101. Pre-treated patients must have an msSBP ≥ 145 mmHg and < 180 mmHg after "
        "wash out at Visit 101. All patients must have an office msSBP ≥ 145 mmHg and < 180 "
        "mmHg at the completion of the 4-week run-in epoch (at the randomization visit (Visit "
        "201).",
        "Patients must successfully complete ABPM and pass technical requirements at Visit 201.",
    )
    assert record["eligibility"]["exclusion"] == [
        *leaves(
            "Malignant or severe hypertension (grade 3 of WHO classification; msDBP ≥110 mmHg "
            "and/or msSBP ≥ 180 mmHg).",
            "History of angioedema, drug-related or otherwise. History or evidence of a "
            "secondary form of hypertension. Transient ischemic cerebral attack (TIA) during "
            "the 12 months prior to Visit 1 or any history of stroke.",
            "History of myocardial infarction, coronary bypass surgery or PCI during the 12 "
            "months prior to Visit 1"),
        note("Other protocol-defined inclusion/exclusion criteria may apply"),
    ]


def test_a_wrapped_dash_before_a_number_continues_a_paragraph() -> None:
    # NCT01220557: "… A1c 7" / "- 13 %, ability to understand …": the range was cut in two.
    record = real("chartgerink__2017ctgov__NCT01220557.xml")
    assert record["eligibility"]["inclusion"] == leaves(
        "type 1 diabetes, diabetes duration > 4 weeks, age 18 - 75 years, BMI 20 - 40 kg/m², "
        "A1c 7 - 13 %, ability to understand, speak and write German language, written "
        "informed consent.")


def test_a_number_after_a_line_that_ended_is_an_item_still() -> None:
    # NCT00076336: "… related cirrhosis;" / "2. Child-Turcotte-Pugh score > 7 points." at the
    # column of the item's text: the line above ended, so "2." is an item, as before.
    record = real("chartgerink__2017ctgov__NCT00076336.xml")
    inclusion = record["eligibility"]["inclusion"]
    assert inclusion[0] == crit(
        "Documented decompensated chronic hepatitis B defined by all of the following: 1. "
        "Clinical history compatible with decompensated chronic hepatitis B related cirrhosis;",
        crit("Child-Turcotte-Pugh score > 7 points."))
    assert inclusion[1:] == [crit("Evidence of hepatic cirrhosis or portal hypertension."),
                             note("Other protocol-defined inclusion criteria may apply.")]
    assert record["eligibility"]["exclusion"][-1] == note(
        "Other protocol-defined exclusion criteria may apply.")


@pytest.mark.parametrize("block, inclusion", [
    # the second line of an item, then "1. 5 mg/dl" at the column of its text
    ("  -  Adequate renal function: creatinine clearance above 60 mL/min or serum\n"
     "     creatinine at most\n"
     "     1. 5 mg/dl\n",
     [crit("Adequate renal function: creatinine clearance above 60 mL/min or serum "
           "creatinine at most 1. 5 mg/dl")]),
    # a paragraph's line, then "- 65 years" at its indentation
    ("Adults aged 18\n- 65 years, able to give consent\n",
     [crit("Adults aged 18 - 65 years, able to give consent")]),
    # a paragraph's "(Visit" / "1) QTc …": the number closes the parenthesis
    ("QTc interval increased compared with the average baseline (Visit\n"
     "1) QTc interval of the first study\n",
     [crit("QTc interval increased compared with the average baseline (Visit 1) QTc "
           "interval of the first study")]),
])
def test_wrapped_lines_in_a_text_block(block: str, inclusion: list[dict[str, Any]]) -> None:
    assert xml_criteria(f"Inclusion Criteria:\n\n{block}") == (inclusion, [], [])


@pytest.mark.parametrize("block, inclusion", [
    # after a colon: its list (at the paragraph's indentation: beside it, as before)
    ("Patients with one of the following:\n1. Diabetes\n2. Hypertension\n",
     leaves("Patients with one of the following:", "Diabetes", "Hypertension")),
    # numbered on: items
    ("1. Adults aged 18 or more\n2. Able to give consent\n",
     leaves("Adults aged 18 or more", "Able to give consent")),
    # a list the line above leads into, its items written as ranges
    ("Patients with\n- 2 or more relapses\n- 1 relapse and an MRI lesion\n",
     leaves("Patients with", "2 or more relapses", "1 relapse and an MRI lesion")),
    # a dash whose text is no number's continuation
    ("Patients who have\n- diabetes\n- hypertension\n",
     leaves("Patients who have", "diabetes", "hypertension")),
    # indented under the paragraph: its children
    ("Patients who have\n  1. diabetes\n  2. hypertension\n",
     [crit("Patients who have", crit("diabetes"), crit("hypertension"))]),
])
def test_lists_in_a_text_block_stay_lists(block: str, inclusion: list[dict[str, Any]]) -> None:
    assert xml_criteria(f"Inclusion Criteria:\n\n{block}") == (inclusion, [], [])


# --- B. the PDQ layout -------------------------------------------------------------------------


def test_pdq_sections_and_sub_headings_group_their_items() -> None:
    # NCT00048997: three sections, the second and third with sub-headings without a colon
    # ("Age", "Performance status", …), each over its "-  " items; the sub-headings were
    # criteria beside their section, and the warning said no heading was found.
    record = real("chartgerink__2017ctgov__NCT00048997.xml")
    assert record["eligibility"]["inclusion"] == [
        crit("DISEASE CHARACTERISTICS",
             crit("Diagnosis of stage IIIA or IIIB non-small cell lung cancer",
                  crit("Complete response, partial response, or stable disease after "
                       "definitive locoregional therapy (with surgery and/or radiation therapy, "
                       "with or without chemotherapy (chemotherapy alone does not constitute "
                       "definitive therapy))",
                       crit("No more than 16 weeks since prior therapy"))),
             crit("No progressive disease"), crit("No extracranial distant metastatic disease"),
             crit("No suspicion of CNS metastases by MRI or CT scan")),
        crit("PATIENT CHARACTERISTICS",
             crit("Age", crit("18 and over")),
             crit("Performance status", crit("Not specified")),
             crit("Life expectancy", crit("Not specified")),
             crit("Hematopoietic", crit("Not specified")),
             crit("Hepatic", crit("Not specified")),
             crit("Renal", crit("Not specified")),
             crit("Other", *leaves(
                 "No other malignancy within the past 3 years except nonmelanoma skin cancer",
                 "Not pregnant or nursing", "Negative pregnancy test",
                 "Fertile patients must use effective contraception"))),
        crit("PRIOR CONCURRENT THERAPY",
             crit("Biologic therapy", crit("No concurrent anticancer biologic therapy")),
             crit("Chemotherapy", crit("See Disease Characteristics"),
                  crit("No concurrent anticancer cytotoxic chemotherapy")),
             crit("Endocrine therapy", crit("Not specified")),
             crit("Radiotherapy", crit("See Disease Characteristics"),
                  crit("No prior cranial irradiation")),
             crit("Surgery", crit("See Disease Characteristics")),
             crit("Other", crit("Recovered from all prior therapies"),
                  crit("No concurrent enrollment on any other phase III study that has "
                       "progression-free, disease-free, or overall survival as an endpoint"))),
    ]
    assert record["eligibility"]["exclusion"] == []
    assert criteria_warnings(record) == []


def test_pdq_sub_headings_with_a_colon() -> None:
    # NCT00023673: "Age:", "Performance status:", … "Surgery:".
    record = load_file(
        REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT00023673.xml").record
    patient, therapy = record["eligibility"]["inclusion"][1:]
    assert [node["text"] for node in patient["children"]] == [
        "Age", "Performance status", "Life expectancy", "Hematopoietic", "Hepatic", "Renal",
        "Pulmonary", "Other"]
    assert patient["children"][3] == crit("Hematopoietic",
                                          crit("Granulocyte count at least 1,500/mm^3"),
                                          crit("Platelet count at least 100,000/mm^3"))
    assert therapy["text"] == "PRIOR CONCURRENT THERAPY"
    assert therapy["children"][-1] == crit("Surgery", crit("No prior complete tumor resection"))
    assert criteria_warnings(record) == []


_PATIENT_INCLUSION = (
    "Pre- or postmenopausal", "ECOG performance status 0-1", "Life expectancy > 3 months",
    "Female or male patients must be surgically sterilized or willing to use an acceptable "
    "method of birth control for the duration of the study",
    "Neutrophils ≥ 1.5 x 10^9/L", "Platelets ≥ 100 x 10^9/L", "Hemoglobin ≥ 9.0 g/dL",
    "Serum creatinine ≤ 1.5 mg/dL",
    "Bilirubin ≤ upper limit of normal (ULN), except when caused by metastatic disease",
    "ALT/AST ≤ 2.5 times ULN, except when caused by metastatic disease",
    "Urine protein:creatinine (UPC) ratio < 1.0 at screening",
)


def test_inclusion_and_exclusion_items_inside_pdq_sections() -> None:
    # NCT00503906: "PATIENT CHARACTERISTICS:" then "-  Inclusion Criteria" and "-  Exclusion
    # Criteria", each over its items; "PRIOR CONCURRENT THERAPY:" then "-  Exclusion
    # Criteria". The sections stood as criteria beside their items.
    record = real("chartgerink__2017ctgov__NCT00503906.xml")
    disease, patient = record["eligibility"]["inclusion"]
    assert disease["text"] == "DISEASE CHARACTERISTICS"
    assert [node["text"] for node in disease["children"]] == [
        "Patients must meet 1 of the following criteria:",
        "Measurable disease as defined by RECIST criteria OR evaluable disease",
        "No CNS or brain metastases"]
    assert patient == crit("PATIENT CHARACTERISTICS", *leaves(*_PATIENT_INCLUSION))
    excluded, therapy = record["eligibility"]["exclusion"]
    assert excluded["text"] == "PATIENT CHARACTERISTICS" and len(excluded["children"]) == 17
    assert excluded["children"][0] == crit("Pregnant (positive pregnancy test) or lactating")
    assert excluded["children"][-1] == crit("Significant traumatic injury within the past 28 "
                                            "days")
    assert therapy["text"] == "PRIOR CONCURRENT THERAPY" and len(therapy["children"]) == 10
    assert therapy["children"][0] == crit("Previous chemotherapy for metastatic breast cancer")
    assert therapy["children"][-1] == crit("Other concurrent chemotherapy, immunotherapy, or "
                                           "anti-tumor hormonal therapy")
    assert criteria_warnings(record) == []


def test_inclusion_and_exclusion_headings_right_after_pdq_sections() -> None:
    # NCT00513526: each section followed by "Inclusion criteria:" and "Exclusion criteria:";
    # the sections after the first were exclusion criteria of the section before.
    record = real("chartgerink__2017ctgov__NCT00513526.xml")
    inclusion = record["eligibility"]["inclusion"]
    assert [node["text"] for node in inclusion] == [
        "DISEASE CHARACTERISTICS", "PATIENT CHARACTERISTICS", "PRIOR CONCURRENT THERAPY"]
    assert len(inclusion[0]["children"]) == 5
    assert inclusion[1] == crit("PATIENT CHARACTERISTICS", *leaves(
        "Karnofsky performance status 70-100%", "Absolute neutrophil count > 750 cells/mm³",
        "Hemoglobin ≥ 9.0 g/dL", "Platelet count ≥ 100,000/mm³",
        "Creatinine clearance ≥ 60 mL/min", "AST and ALT ≤ 3 times ULN",
        "Total or conjugated (direct) bilirubin ≤ 2.5 times ULN"))
    assert inclusion[2] == crit("PRIOR CONCURRENT THERAPY", crit("See Disease Characteristics"))
    exclusion = record["eligibility"]["exclusion"]
    assert [node["text"] for node in exclusion] == [
        "DISEASE CHARACTERISTICS", "PATIENT CHARACTERISTICS", "PRIOR CONCURRENT THERAPY"]
    assert exclusion[1] == crit("PATIENT CHARACTERISTICS", *leaves(
        "Serious medical or psychiatric illness, active drug or alcohol use, or dependence "
        "that, in the opinion of the site Investigator, would interfere with adherence to "
        "study requirements",
        "Serious illness requiring systemic treatment and/or hospitalization within the past "
        "45 days",
        "Allergy to yeast or any of the components of quadrivalent human papillomavirus (types "
        "6, 11, 16, 18) recombinant vaccine",
        "Hemophilia"))
    assert [node["text"] for node in exclusion[2]["children"]][:2] == [
        "Prior splenectomy",
        "Currently receiving anticoagulation therapy other than acetylsalicylic acid"]
    assert criteria_warnings(record) == []


def test_an_exclusion_heading_after_a_pdq_section_ends_it() -> None:
    # NCT00469898: "Inclusion Criteria:", its items, "PATIENT CHARACTERISTICS" (no colon) and
    # its items, then "Exclusion Criteria:" (not in the section) and a last empty "PRIOR
    # CONCURRENT THERAPY:".
    record = real("chartgerink__2017ctgov__NCT00469898.xml")
    inclusion = record["eligibility"]["inclusion"]
    assert [node["text"] for node in inclusion] == [
        "Histologically or cytologically confirmed small cell lung cancer (SCLC)",
        "Must have ≥ 1 unidimensionally measurable lesion (longest diameter to be recorded) ≥ "
        "20 mm by conventional techniques or ≥ 10 mm by spiral CT scan",
        "No brain metastasis or carcinomatous meningitis unless stable and asymptomatic",
        "PATIENT CHARACTERISTICS"]
    assert [node["text"] for node in inclusion[3]["children"]] == [
        "ECOG performance status 0-2", "Life expectancy ≥ 3 months", "ANC ≥ 1,500/mm³",
        "Platelet count > 100,000/mm³", "Serum bilirubin ≤ 1.5 mg/dL",
        "AST/SGOT ≤ 2.5 times upper limit of normal (ULN) (or ≤ 5 times ULN if liver "
        "metastases present)",
        "Serum creatinine ≤ 2.0 mg/dl", "Hemoglobin ≥ 9.0 g/dl"]
    exclusion = record["eligibility"]["exclusion"]
    assert len(exclusion) == 11
    assert exclusion[0] == crit("CNS metastasis excluded unless: stable and asymptomatic")
    assert exclusion[-2:] == [crit("Symptomatic brain metastasis or carcinomatous meningitis"),
                              crit("PRIOR CONCURRENT THERAPY")]
    assert criteria_warnings(record) == []


def test_pdq_sections_in_api_v2_json() -> None:
    # NCT00276835: "DISEASE CHARACTERISTICS:", "PATIENT CHARACTERISTICS:", "PRIOR CONCURRENT
    # THERAPY:", each over its "* " items; the record was warned that no heading was found.
    [loaded] = load_records(
        REALDATA / "criteria" / "martinadep__ClinicalTrials-Forecaster__NCT00276835.json")
    record = loaded.record
    disease, patient, therapy = record["eligibility"]["inclusion"]
    assert disease["text"] == "DISEASE CHARACTERISTICS"
    assert disease["children"][0] == crit(
        "Documented histologically confirmed malignant melanoma or renal clear cell carcinoma",
        crit("Metastatic disease"))
    assert disease["children"][-1] == crit("No CNS metastases by CT scan or MRI")
    assert patient["text"] == "PATIENT CHARACTERISTICS" and len(patient["children"]) == 19
    assert patient["children"][10] == crit("Adequate pulmonary reserve",
                                           crit("FEV_1 > 75% of predicted"))
    assert therapy == crit("PRIOR CONCURRENT THERAPY", *leaves(
        "Recovered from all toxic effects of prior therapy",
        "No radiotherapy, chemotherapy, or immunotherapy in the 4 weeks prior to the first dose "
        "of the study treatment",
        "No systemic corticosteroids in the 4 weeks prior to treatment",
        "No previous investigational agent within 4 weeks prior to the start of the study",
        "No prior interleukin-2 therapy", "No organ allografts allowed",
        "No concurrent radiotherapy, chemotherapy, or immunotherapy",
        "No concurrent corticosteroids", "No concurrent chronic medication for asthma"))
    assert record["eligibility"]["exclusion"] == []
    assert criteria_warnings(record) == []


def test_pdq_sub_headings_and_an_exclusion_item_in_markdown() -> None:
    # The registry's Markdown of the layout: sub-headings as paragraphs over "* " lists, and
    # an "* Exclusion Criteria" item inside a section.
    inclusion, exclusion, warnings = criteria_of(
        "DISEASE CHARACTERISTICS:\n\n* Histologically confirmed melanoma\n\n"
        "PATIENT CHARACTERISTICS:\n\nAge:\n\n* 18 and over\n\nPerformance status:\n\n"
        "* ECOG 0-1\n\nPRIOR CONCURRENT THERAPY:\n\n* Inclusion Criteria\n\n"
        "  * Recovered from prior therapy\n* Exclusion Criteria\n\n"
        "  * Prior interleukin-2 therapy\n")
    assert inclusion == [
        crit("DISEASE CHARACTERISTICS", crit("Histologically confirmed melanoma")),
        crit("PATIENT CHARACTERISTICS", crit("Age", crit("18 and over")),
             crit("Performance status", crit("ECOG 0-1"))),
        crit("PRIOR CONCURRENT THERAPY", crit("Recovered from prior therapy")),
    ]
    assert exclusion == [crit("PRIOR CONCURRENT THERAPY", crit("Prior interleukin-2 therapy"))]
    assert not [warning for warning in warnings if "criteria" in warning]


@pytest.mark.parametrize("text", [
    "Exclusion Criteria:\n\nPATIENT CHARACTERISTICS:\n\n* Pregnancy\n",
    "Exclusion Criteria:\n\nPatient Characteristics\n\n* Pregnancy\n",
])
def test_a_pdq_section_under_an_exclusion_heading_stays_exclusion(text: str) -> None:
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == []
    assert exclusion == [crit(text.split("\n")[2].removesuffix(":"), crit("Pregnancy"))]
    block = text.replace("* ", "  -  ")
    assert xml_criteria(block)[:2] == ([], exclusion)


# --- C. the note that other criteria may apply -------------------------------------------------


def test_the_note_that_other_criteria_apply_in_api_v2_json() -> None:
    # The site's download of 50 studies: "Note: Other protocol-defined Inclusion/Exclusion
    # criteria may apply." (NCT05897541), "Further inclusion criteria apply." and "… (RNA)
    # Further exclusion criteria apply." at the end of an item (NCT05879978), "Other protocol
    # defined inclusion criteria could apply." (NCT05819710).
    loaded = {item.record["nct_id"]: item.record for item in load_records(
        REALDATA / "dgg32__clinical-trials-public__ctg-studies(5).json")}
    assert loaded["NCT05897541"]["eligibility"]["exclusion"][-1] == note(
        "Note: Other protocol-defined Inclusion/Exclusion criteria may apply.")
    eligibility = loaded["NCT05879978"]["eligibility"]
    assert eligibility["inclusion"][-1] == note("Further inclusion criteria apply.")
    infections = eligibility["exclusion"][-1]
    assert infections["children"][-2:] == [
        crit("Presence of hepatitis C Ribonucleic acid (RNA)"),
        note("Further exclusion criteria apply.")]
    eligibility = loaded["NCT05819710"]["eligibility"]
    assert eligibility["inclusion"][-1] == note(
        "Other protocol defined inclusion criteria could apply.")
    assert eligibility["exclusion"][-1] == note(
        "Other protocol defined exclusion criteria could apply.")


def test_the_note_written_at_the_end_of_an_item_in_a_text_block() -> None:
    # NCT00477269: "-  Severe (systemic) arterial hypertension (… (diastolic)) Other
    # protocol-defined inclusion/exclusion criteria may apply".
    exclusion = real("chartgerink__2017ctgov__NCT00477269.xml")["eligibility"]["exclusion"]
    assert exclusion[-2:] == [
        crit("Severe (systemic) arterial hypertension (> 200 mmHg (systolic) or > 120 mmHg "
             "(diastolic))"),
        note("Other protocol-defined inclusion/exclusion criteria may apply")]
    assert not any(node.get("note") for node in exclusion[:-1])


@pytest.mark.parametrize("text, marked", [
    ("Other protocol-defined inclusion/exclusion criteria may apply", True),
    ("Other protocol defined criteria may apply.", True),
    ("Other protocol-specific inclusion / exclusion criteria may have applied.", True),
    ("NOTE: Other protocol defined Inclusion/Exclusion criteria may apply.", True),
    ("Other protocol-defined inclusion/exclusion criteria applied to the study.", True),
    ("Other protocol specified criteria and specific details may apply.", True),
    ("[Additional criteria may apply.]", True),
    ("Other criteria apply", True),
    # a criterion that names other criteria
    ("The usual exclusion criteria for hormone therapy apply", False),
    ("Other criteria apply; see section 4 of the protocol", False),
    ("Exclusion criteria 2-6 of the Health Volunteer section also applies here.", False),
    ("Patients who had other criteria apply to them in a previous study", False),
])
def test_which_sentences_are_notes(text: str, marked: bool) -> None:
    inclusion, _, _ = criteria_of(f"Inclusion Criteria:\n\n* Adults\n* {text}\n")
    assert inclusion[1] == (note(text) if marked else crit(text))
    block_inclusion, _, _ = xml_criteria(f"Inclusion Criteria:\n\n  -  Adults\n\n  -  {text}\n")
    assert block_inclusion == inclusion
