"""Eligibility criteria of real records read wrong: an inline list "1) … 6)" inside a numbered
item cut where its numbers pass the item's own; a list that lost its line breaks, its items
joined by " - "; "1. A 2. B" on a heading's line or "4.Subjects …" (no space) kept as one
item; "Key Inclusion Criteria" read as a plain heading; and smaller slips: a paragraph or
lettered items under "… as described below:", "(i) A or (ii) B" losing its "(i)", "-≤90 days"
read as a sub-item with its dash, an opening sentence taken for the only criterion.

The records are in tests/fixtures/realdata/criteria/ (their README rows say where each came
from); every expected tree was read by hand from the file's eligibility text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of

from parsers import count_criteria, load_file

CRITERIA = Path(__file__).resolve().parent / "fixtures" / "realdata" / "criteria"


def real(name: str) -> dict[str, Any]:
    """The eligibility of the real file tests/fixtures/realdata/criteria/*__name."""
    [path] = CRITERIA.glob(f"*__{name}")
    return dict(load_file(path).record["eligibility"])


def note(text: str) -> dict[str, Any]:
    return {"text": text, "children": [], "note": True}


def texts(tree: list[dict[str, Any]]) -> list[str]:
    return [node["text"] for node in tree]


# --- an inline list inside a numbered item, past the item's own number ------------------------


def test_an_inline_list_past_the_items_number_is_the_items_list() -> None:
    # NCT02250963: "3. Revised cardiac risk index score ≥1 (more than one of the following
    # criteria) 1) … 6) …" was cut at "4)": "diabetes with insulin treatment" read as an
    # inclusion criterion of its own.
    eligibility = real("NCT02250963.xml")
    inclusion, exclusion = eligibility["inclusion"], eligibility["exclusion"]
    assert inclusion[2] == crit(
        "Revised cardiac risk index score ≥1 (more than one of the following criteria)",
        crit("vascular surgery, intraperitoneal, intrathoracic surgery"),
        crit("history of ischemic heart disease"),
        crit("history of heart failure"),
        crit("history of cerebrovascular disease"),
        crit("diabetes with insulin treatment"),
        crit("chronic kidney disease (serum creatinine > 2.0 mg/dL)"))
    # a run that never passes its item's number stays in the item, as before
    assert inclusion[1] == crit(
        "Intermediate or high-risk noncardiac surgeries 1) intermediate risk surgery: "
        "intrathoracic, intraperitoneal, orthopedic,head and neck, and prostate 2) high risk "
        "surgery: vascular")
    assert exclusion[1] == crit(
        "Active cardiac conditions",
        crit("recent (within 1 month) myocardial infarction"),
        crit("acute decompensated heart failure"), crit("severe valvular disease"),
        crit("fatal cardiac arrhythmia"), crit("acute pulmonary embolism"),
        crit("acute myocarditis"))
    assert (len(inclusion), len(exclusion)) == (3, 3)


@pytest.mark.parametrize("block", [
    "Inclusion Criteria:\n\n  1. Age 18\n\n  2. Score ≥1 (one or more) 1) A, 2) B 3) C 4) D\n",
    "Inclusion Criteria:\n\n1. Age 18\n2. Score ≥1 (one or more) 1) A, 2) B 3) C 4) D\n",
])
def test_an_inline_list_past_the_items_number_in_both_formats(block: str) -> None:
    expected = [crit("Age 18"), crit("Score ≥1 (one or more)", crit("A,"), crit("B"),
                                     crit("C"), crit("D"))]
    if block.startswith("Inclusion Criteria:\n\n  "):
        assert xml_criteria(block)[0] == expected
    else:
        assert criteria_of(block)[0] == expected


# --- a list written as one run with " - " bullets ----------------------------------------------


def test_a_list_that_lost_its_line_breaks_is_cut_at_its_dashes() -> None:
    # NCT01930188: "Inclusion Criteria: - Japan: Age minimum 20 years - Subjects diagnosed …"
    # and "Exclusion Criteria: - Females of … practice) - Any chronic disorder …": the nine
    # exclusion criteria were one.
    eligibility = real("sustain-2.xml")
    assert eligibility["inclusion"][0] == crit("Japan: Age minimum 20 years")
    assert eligibility["inclusion"][2] == crit(
        "HbA1c 7.0 - 10.5 % (53 - 91 mmol/mol) (both inclusive)")
    assert eligibility["inclusion"][1]["text"].startswith(
        "Subjects diagnosed with type 2 diabetes and on stable treatment")
    assert eligibility["inclusion"][1]["text"].endswith(
        "Stable is defined as unchanged medication and unchanged dose")
    assert texts(eligibility["exclusion"])[1:] == [
        "Any chronic disorder or severe disease which, in the opinion of the investigator, "
        "might jeopardise subject's safety or compliance with the protocol",
        "Treatment with glucose lowering agent(s) other than stated in the inclusion criteria "
        "in a period of 90 days before screening. An exception is short-term treatment (below "
        "or equal to 7 days in total) with insulin in connection with inter-current illness",
        "History of chronic or idiopathic acute pancreatitis",
        "Screening calcitonin value above or equal to 50 ng/L (pg/mL)",
        "Personal or family history of medullary thyroid carcinoma (MTC) or multiple endocrine "
        "neoplasia syndrome type 2 (MEN 2)",
        "Impaired renal function defined as estimated glomerular filtration rate (eGFR) below "
        "60 ml/min/1.73 m2 per modification of diet in renal disease (MDRD) formula (4 "
        "variable version)",
        "Acute coronary or cerebrovascular event within 90 days before randomisation",
        "Heart failure, New York Heart Association (NYHA) class IV",
    ]


def test_a_run_of_dashes_with_lower_case_items() -> None:
    # NCT03982511: "Inclusion Criteria: - child BMI > 5th percentile - child born at 37+ weeks
    # gestation, with no significant neo- or perinatal complications."
    eligibility = real("NCT03982511.xml")
    assert eligibility["inclusion"] == [
        crit("child BMI > 5th percentile"),
        crit("child born at 37+ weeks gestation, with no significant neo- or perinatal "
             "complications.")]
    assert texts(eligibility["exclusion"])[2:4] == ["Non-fluency in English",
                                                    "Significant child or parent developmental "
                                                    "delay"]
    assert len(eligibility["exclusion"]) == 7


def test_an_api_text_on_one_line_has_its_exclusion_heading_and_dashes() -> None:
    # NCT01892319: "Inclusion Criteria: - Informed consent … - Woman with a positive pregnancy
    # test - … conception Exclusion Criteria: - Women who have been pregnant …": one
    # inclusion criterion held everything, the exclusion criterion too.
    eligibility = real("NCT01892319.json")
    assert texts(eligibility["inclusion"]) == [
        "Informed consent obtained before any data collection",
        "Woman with a positive pregnancy test",
        "Diabetes mellitus type 1 or 2, diagnosed prior to conception",
        "Currently treated with Levemir® or other injectable antidiabetic treatment(s)",
        "Unchanged basal insulin or other injectable antidiabetic treatment product (for those "
        "not treated with basal insulin) 4 weeks prior to and following conception",
    ]
    assert eligibility["exclusion"] == [crit(
        "Women who have been pregnant for more than 16 weeks at baseline visit will be excluded "
        "from the study")]


@pytest.mark.parametrize("item, expected", [
    # items on lines of their own: a dash in an item is its own text
    ("* Clinical Global Impression - Severity of Illness ≥ 4\n* Age 18",
     ["Clinical Global Impression - Severity of Illness ≥ 4", "Age 18"]),
])
def test_a_dash_in_a_list_written_line_by_line_stays(item: str, expected: list[str]) -> None:
    assert texts(criteria_of(f"Inclusion Criteria: - Age 18\n\n{item}\n")[0])[1:] == expected


def test_ranges_and_brackets_in_a_run_of_dashes_are_kept() -> None:
    block = ("Exclusion Criteria: - NYHA class II - IV heart failure - Levels C1 - T2 fused - "
             "HbA1c (53 - 91 mmol/mol - Levels) 7.0 - 10.5 % - Pregnancy")
    assert texts(xml_criteria(block)[1]) == [
        "NYHA class II - IV heart failure", "Levels C1 - T2 fused",
        "HbA1c (53 - 91 mmol/mol - Levels) 7.0 - 10.5 %", "Pregnancy"]
    assert texts(criteria_of(block)[1]) == texts(xml_criteria(block)[1])


# --- numbered items on a heading's line, or without a space ------------------------------------


def test_two_numbers_on_a_heading_line_are_split_when_the_list_goes_on() -> None:
    # NCT02958956: "Exclusion Criteria: 1. Age less than (<) 40 years … 2. No KPNC medication
    # benefits …", then "3. Gap in KPNC membership …": "1. 1. Age … 2. No KPNC …" was one item.
    exclusion = real("NCT02958956.xml")["exclusion"]
    assert texts(exclusion) == [
        "Age less than (<) 40 years during study period.",
        "No KPNC medication benefits at the time of entry into the cohort (baseline) or gap in "
        "medication benefit greater than equal to (>=) 4 months that started in the first 4 "
        "months after entering in the cohort.",
        "Gap in KPNC membership >= 4 months that started in the first 4 months after entering "
        "in the cohort.",
        "Participant with a diagnosis of Human immunodeficiency virus (HIV).",
        "Participants with evidence of selected surgeries for some cancer sites.",
        "All prevalent cancers at baseline, that is, all participants ever diagnosed with "
        "cancer other than non-melanoma skin cancer.",
    ]


def test_numbers_written_against_their_text_open_items() -> None:
    # NCT05686642: a paragraph "4.Subjects who are able … 5.Female subjects … 6.All subjects
    # …" was the third inclusion criterion, whole. (Item 2's "…; 3.4 points ≤ NIHSS score ≤
    # 25 points" is the registry's own "3." against "4 points": kept.)
    inclusion = real("NCT05686642.xml")["inclusion"]
    assert texts(inclusion)[1:] == [
        "Clinical diagnosis of acute ischemic stroke that causes evaluable neurological "
        "impairment; 3.4 points ≤ NIHSS score ≤ 25 points at randomization;",
        "Subjects who are able to receive the investigational drug within 24 hours after the "
        "onset of stroke;",
        "Female subjects of childbearing potential or male subjects whose sexual partner are "
        "women of childbearing potential have no pregnancy plan and voluntarily take effective "
        "contraceptive measures during the study period and for 3 months after the last dose;",
        "All subjects sign the informed consent form by themselves or their guardians after "
        "receiving complete study information.",
    ]


def test_escaped_numbers_under_a_sub_list_go_on_the_outer_list() -> None:
    # NCT06331169: "* 1\\. Age 18 - 75 years; ECOG PS 0 or 1. 2. Pathologically documented
    # breast cancer that:", its sub-list "1." … "5.", then "3\\. …", "4\\. …", "5\\. …"
    # indented under sub-item 5: they were its sub-items 1.5.1 … 1.5.3.
    inclusion = real("NCT06331169.json")["inclusion"]
    assert texts(inclusion) == [
        "Age 18 - 75 years; ECOG PS 0 or 1.",
        "Pathologically documented breast cancer that:",
        "At least 1 measurable lesion per Response Evaluation Criteria in Solid Tumors version "
        "1.1（Previously treated lesions with radiotherapy or focal therapy and no progression "
        "cannot be included as target lesion for assessment）.",
        "Has protocol-defined adequate bone marrow, renal, hepatic and blood clotting "
        "functions.",
        "Male and female subjects of reproductive/childbearing potential must agree to use a "
        "highly effective form of contraception or avoid intercourse during and upon completion "
        "of the study and after the last dose for at least 6 months.",
    ]
    assert texts(inclusion[1]["children"]) == [
        "Is unresectable or metastatic.",
        "Has a history of low HER2 expression (IHC 1+& IHC 2+/ISH- or 0<IHC<1+).",
        "Is HR-positive or HR-negative.",
        "Has progressed on, and would no longer benefit from, endocrine therapy.",
        "Has been treated with ≥1 prior lines of chemotherapy/adjuvant in the recurrent or "
        "metastatic setting.",
    ]
    assert count_criteria(inclusion) == 10


@pytest.mark.parametrize("block, expected", [
    # the list goes on after the pair: split
    ("Exclusion Criteria: 1. Age under 40. 2. No benefits.\n\n3. Gap in membership.",
     ["Age under 40.", "No benefits.", "Gap in membership."]),
    # it does not: kept whole, its own number written again, as before
    ("Exclusion Criteria: 1. Age under 40. 2. No benefits.\n\n- Gap in membership.",
     ["1. Age under 40. 2. No benefits.", "Gap in membership."]),
    # no space after the numbers, at a paragraph's start
    ("Exclusion Criteria:\n\n4.Subjects who smoke; 5.Female subjects; 6.All others.",
     ["Subjects who smoke;", "Female subjects;", "All others."]),
])
def test_pairs_and_glued_numbers_in_both_formats(block: str, expected: list[str]) -> None:
    assert texts(xml_criteria(block)[1]) == expected
    assert texts(criteria_of(block)[1]) == expected


# --- "Key Inclusion Criteria" -------------------------------------------------------------------


def test_a_key_criteria_heading_is_kept_as_a_note() -> None:
    # NCT02260193: "Key Inclusion Criteria:" / "Key Exclusion Criteria:": the lists are the key
    # criteria only; the word was lost, so a partial list looked complete.
    eligibility = real("NCT02260193.xml")
    assert eligibility["inclusion"] == [
        note("Key Inclusion Criteria"),
        crit("18 to 79 years inclusive"),
        crit("Chronic Kidney Disease (CKD) Stage 5 on chronic hemodialysis for at least 3 "
             "months"),
        crit("Anemia secondary to CKD treated with erythropoiesis stimulating agent and "
             "intravenous iron"),
    ]
    assert eligibility["exclusion"][0] == note("Key Exclusion Criteria")
    assert count_criteria(eligibility["inclusion"]) == 3
    assert count_criteria(eligibility["exclusion"]) == 6


@pytest.mark.parametrize("text, inclusion", [
    ("**Key Inclusion Criteria:**\n\n* Age 18\n",
     [note("Key Inclusion Criteria"), crit("Age 18")]),
    ("KEY INCLUSION CRITERIA: Age 18\n", [note("KEY INCLUSION CRITERIA"), crit("Age 18")]),
    # a group's heading is kept whole, "Key" in it
    ("Key Inclusion Criteria for Part A:\n\n* Age 18\n",
     [crit("Key Inclusion Criteria for Part A", crit("Age 18"))]),
    ("Inclusion Criteria:\n\n* Age 18\n", [crit("Age 18")]),
])
def test_key_headings(text: str, inclusion: list[dict[str, Any]]) -> None:
    assert criteria_of(text)[0] == inclusion
    assert xml_criteria(text.replace("**", "").replace("* ", "-  "))[0] == inclusion


# --- smaller slips ------------------------------------------------------------------------------


def test_a_paragraph_between_a_lead_in_item_and_its_list_going_on_is_its_child() -> None:
    # NCT05605119: "* Acceptable bone marrow and organ function at screening as described
    # below:", a blank line, "ANC ≥ 1500/μL … Platelet count …" (no bullet), a blank line,
    # "* Ability to swallow …": the paragraph was criterion 4 of its own.
    inclusion = real("NCT05605119.json")["inclusion"]
    assert inclusion[2]["text"] == ("Acceptable bone marrow and organ function at screening as "
                                    "described below:")
    [values] = inclusion[2]["children"]
    assert values["text"].startswith("ANC ≥ 1500/μL (without WBC growth factor support) "
                                     "Platelet count ≥ 100,000/μL")
    assert inclusion[3] == crit("Ability to swallow and retain oral medications")
    assert len(inclusion) == 7


def test_lettered_bullets_under_a_lead_in_item_are_its_children() -> None:
    # NCT05665504: "* Participants must have adequate organ and bone marrow function as defined
    # below:" then "* a. absolute neutrophil count …" … "* e. creatinine …": they were items
    # 7 to 11, their letters kept.
    inclusion = real("NCT05665504.json")["inclusion"]
    parent = inclusion[5]
    assert parent["text"] == ("Participants must have adequate organ and bone marrow function "
                              "as defined below:")
    children = texts(parent["children"])
    assert len(children) == 5
    assert children[0].startswith("absolute neutrophil count")
    assert children[1].startswith("platelets")
    assert children[4].startswith("creatinine 3.0")
    assert inclusion[6] == crit("Agree to participate in the follow-up protocol.")
    assert len(inclusion) == 9


def test_a_label_that_names_its_partner_is_kept() -> None:
    # NCT06932263: "(i) Eosinophils ≥ 150 cells/µl or (ii) FeNo ≥ 25 ppb" lost its "(i)".
    inclusion = real("NCT06932263.json")["inclusion"]
    assert inclusion[6] == crit(
        "Documented exacerbation history in the last 12 months and biomarker requirements of:",
        crit("2 severe exacerbations OR"),
        crit("1 severe exacerbation and:",
             crit("(i) Eosinophils ≥ 150 cells/µl or (ii) FeNo ≥ 25 ppb")))
    # NCT05097287: "i) Use of systemic corticosteroids for ≥3 days; or ii) Hospitalization …"
    other = real("NCT05097287.json")["inclusion"]
    assert texts(other[8]["children"]) == [
        "i) Use of systemic corticosteroids for ≥3 days; or ii) Hospitalization or emergency "
        "room visit because of asthma, requiring systemic corticosteroids."]


@pytest.mark.parametrize("item, text", [
    ("(a) Age 18 or (b) consent", "(a) Age 18 or (b) consent"),
    ("ii. Age 18 or iii. consent", "ii. Age 18 or iii. consent"),
    ("a) Age 18", "Age 18"),  # no partner: the label goes, as before
    ("a) Age 18 or c) consent", "Age 18 or c) consent"),  # not the next label
])
def test_labels_naming_their_partner_in_both_formats(item: str, text: str) -> None:
    block = f"Inclusion Criteria:\n\n{item}\n"
    assert xml_criteria(block)[0] == [crit(text)]
    assert criteria_of(block)[0] == [crit(text)]


def test_a_dash_against_a_sign_opens_an_item_beside_the_one_above() -> None:
    # NCT03587740: "-  NOTE: Management of axillary lymph nodes …", a blank line, then "-≤90
    # days from …" at the column of its text: it was sub-item 11.1 "-≤90 days …", the dash
    # kept; "->4 weeks of tamoxifen therapy …" (written "-&gt;4") likewise.
    eligibility = real("NCT03587740.xml")
    inclusion, exclusion = eligibility["inclusion"], eligibility["exclusion"]
    assert inclusion[10]["text"].startswith("NOTE: Management of axillary lymph nodes")
    assert inclusion[10]["children"] == []
    assert inclusion[11] == crit(
        "≤90 days from the patient's most recent breast surgery for this breast cancer.")
    assert exclusion[13] == crit("Any neoadjuvant chemotherapy for this breast cancer.")
    assert exclusion[14] == crit(
        ">4 weeks of tamoxifen therapy, or other hormonal therapy, for adjuvant therapy for "
        "this malignancy")


def test_an_opening_sentence_over_the_whole_list_is_a_note() -> None:
    # NCT02679963: "For inclusion in the study subjects should fulfill the following
    # criteria:" then "1." … "17.": "Inclusion criteria (1, with 30 sub-items)", registry item
    # 13 shown as 1.13.
    inclusion = real("NCT02679963.xml")["inclusion"]
    assert inclusion[0] == note(
        "For inclusion in the study subjects should fulfill the following criteria:")
    assert len(inclusion) == 18
    assert inclusion[13]["text"] == (
        "Patients must have normal organ and bone marrow function measured within 14 days "
        "prior to administration of the platinum based treatment")
    assert inclusion[17]["text"].startswith("Previous surgery (in the adjuvant setting)")


def test_an_exclusion_sentence_and_the_sponsors_closing_sentence_are_notes() -> None:
    # NCT05097287: "Participants are excluded from the study if any of the following criteria
    # apply:", its list, then "The above information is not intended to contain all
    # considerations relevant to a patient's potential participation in a clinical trial."
    exclusion = real("NCT05097287.json")["exclusion"]
    assert exclusion[0] == note(
        "Participants are excluded from the study if any of the following criteria apply:")
    assert exclusion[-1] == note(
        "The above information is not intended to contain all considerations relevant to a "
        "patient's potential participation in a clinical trial.")
    assert exclusion[1]["text"].startswith("History or clinical evidence of chronic "
                                           "obstructive pulmonary disease (COPD)")
    assert count_criteria(exclusion) == 16


@pytest.mark.parametrize("lead", [
    "Patients must meet one of the following criteria:",  # alternatives: no list of criteria
    "Meets ADA criteria for diabetic retinopathy screening:",  # a criterion of its own
    "Patients with ALL who fulfil the following criteria:",  # whom the list is for
])
def test_a_sentence_over_the_list_that_is_a_criterion_stays(lead: str) -> None:
    text = f"Inclusion Criteria:\n\n{lead}\n\n* Age 18\n* Consent\n"
    assert criteria_of(text)[0] == [crit(lead, crit("Age 18"), crit("Consent"))]


def test_a_paragraph_its_author_calls_a_note_is_a_note() -> None:
    # NCT04866017 (API v2): after exclusion 7, "Note: Antiviral therapy is permitted for
    # participants with chronic hepatitis B virus (HBV) or hepatitis C virus (HCV)
    # infection." read as an exclusion criterion: a reason to exclude.
    text = (
        "Key Inclusion Criteria:\n\n1. Age ≥ 18 years\n\nKey Exclusion Criteria:\n\n"
        "1. Infection requiring systemic antiviral therapy within 14 days.\n\n"
        "Note: Antiviral therapy is permitted for participants with chronic hepatitis B virus "
        "(HBV) or hepatitis C virus (HCV) infection.\n\n"
        "NOTE: Other protocol Inclusion/Exclusion criteria may apply."
    )
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [note("Key Inclusion Criteria"), crit("Age ≥ 18 years")]
    assert exclusion == [
        note("Key Exclusion Criteria"),
        crit("Infection requiring systemic antiviral therapy within 14 days."),
        note("Note: Antiviral therapy is permitted for participants with chronic hepatitis B "
             "virus (HBV) or hepatitis C virus (HCV) infection."),
        note("NOTE: Other protocol Inclusion/Exclusion criteria may apply."),
    ]
    assert count_criteria(exclusion) == 1
    # a criterion's text that goes on with a note keeps it (only the registry's boilerplate
    # sentence is split off a criterion)
    _, exclusion, _ = criteria_of(
        "Exclusion Criteria:\n\n* Pregnancy. Note: Additional testing is required.\n")
    assert exclusion == [crit("Pregnancy. Note: Additional testing is required.")]


def test_an_exclusion_sentence_naming_these_criteria_over_the_list_is_a_note() -> None:
    # NCT03462030 (API v2): the inclusion's opening sentence was a note over its items, the
    # exclusion's ("any of these criteria") one criterion holding all of them.
    _, exclusion, _ = criteria_of(
        "Exclusion Criteria:\n\n* Patients who meet any of these criteria are not eligible for "
        "enrollment as study participants, including participants who:\n\n"
        "  * Have a history of intubation related to asthma\n"
        "  * Poor control of atopic dermatitis\n"
    )
    assert exclusion == [
        note("Patients who meet any of these criteria are not eligible for enrollment as study "
             "participants, including participants who:"),
        crit("Have a history of intubation related to asthma"),
        crit("Poor control of atopic dermatitis"),
    ]


def test_a_groups_name_without_a_colon_between_lists_takes_the_list_after_it() -> None:
    # NCT04833855 (API v2): "Other medical conditions", between the lists of "Disease
    # related, including but not limited to:" and "Prior/concomitant therapy, …:", read as an
    # exclusion criterion, its list beside it.
    _, exclusion, _ = criteria_of(
        "Exclusion Criteria:\n\nDisease related, including but not limited to:\n\n"
        "* Urticaria is solely due to inducible urticaria\n\n"
        "Other medical conditions\n\n"
        "* History or evidence of severe depression\n* Active tuberculosis\n\n"
        "Prior/concomitant therapy, including but not limited to:\n\n* Use of omalizumab\n"
    )
    assert exclusion == [
        crit("Disease related, including but not limited to:",
             crit("Urticaria is solely due to inducible urticaria")),
        crit("Other medical conditions", crit("History or evidence of severe depression"),
             crit("Active tuberculosis")),
        crit("Prior/concomitant therapy, including but not limited to:",
             crit("Use of omalizumab")),
    ]


@pytest.mark.parametrize("line", [
    "OR",  # joins two lists
    "Pregnancy is not allowed",  # a sentence
    "A free paragraph\nthat wraps",  # more than one line
])
def test_a_short_paragraph_that_names_no_group_stays_a_criterion(line: str) -> None:
    _, exclusion, _ = criteria_of(f"Exclusion Criteria:\n\n* Minors\n\n{line}\n\n* Prisoners\n")
    middle = crit(" ".join(line.split()))
    if line == "OR":
        middle["note"] = True  # how the two lists combine: a note, no criterion
    assert exclusion == [crit("Minors"), middle, crit("Prisoners")]


@pytest.mark.parametrize("line", [
    "Written informed consent", "Male or female",  # a section's first criteria
])
def test_a_short_first_criterion_keeps_the_list_after_it_beside_it(line: str) -> None:
    inclusion, _, _ = criteria_of(f"Inclusion Criteria:\n\n{line}\n\n* Age 18 to 75 years\n"
                                  "* ECOG 0-1\n")
    assert inclusion == [crit(line), crit("Age 18 to 75 years"), crit("ECOG 0-1")]
    # a name of whom the list is for does group it there
    inclusion, _, _ = criteria_of("Inclusion Criteria:\n\nHealthy Controls\n\n* Age 18\n")
    assert inclusion == [crit("Healthy Controls", crit("Age 18"))]


def test_a_note_that_states_a_requirement_is_a_criterion() -> None:
    # NCT06388018 (API v2): a sub-item "Note: patients in Cohort A2 should have a known POLE
    # pathogenic mutation prior to consenting" is a requirement of its own
    inclusion, _, _ = criteria_of(
        "Inclusion Criteria:\n\n* Endometrial cancer\n  * Note: patients in Cohort A2 should "
        "have a known POLE pathogenic mutation prior to consenting\n")
    assert inclusion == [crit("Endometrial cancer", crit(
        "Note: patients in Cohort A2 should have a known POLE pathogenic mutation prior to "
        "consenting"))]


def test_the_placeholder_for_unlisted_criteria_is_a_note() -> None:
    # NCT00000195 (classic XML): the whole criteria block is "Please contact site for
    # information.", which was inclusion criterion 1
    inclusion, exclusion, _ = xml_criteria("        Please contact site for information.\n")
    assert (inclusion, exclusion) == ([note("Please contact site for information.")], [])
    assert count_criteria(inclusion) == 0


@pytest.mark.parametrize("heading", ["INCLUSION CRITIERIA:", "Inclusion Creteria:"])
def test_a_misspelt_heading_is_a_heading(heading: str) -> None:
    # NCT04000165 (classic XML): "INCLUSION CRITIERIA:" was inclusion criterion 1
    inclusion, _, _ = xml_criteria(f"        {heading}\n\n          -  Age 18\n")
    assert inclusion == [crit("Age 18")]
