"""Eligibility criteria as real records write them, in ways found after the headings of
test_parse_criteria_headings: bullets the registry escaped ("\\- pregnant women"), its list
separators ("<!-- -->"), a plain heading after a group heading, headings that name no
criteria ("Transplant Exclusion:", "Women were ineligible if they:", "List of exclusion
criteria:"), and a classic XML heading line kept whole."""

from __future__ import annotations

import pytest
from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of, parse, study

# --- what the registry escaped or inserted -------------------------------------------------


def test_an_escaped_bullet_opening_a_paragraph_is_a_list_item() -> None:
    # NCT01637220 ("\- pregnant women"), NCT03727971 ("\* Informed consent"), NCT07015164
    # ("\+ Doravirine"), NCT00219323 ("* \- History of …")
    text = ("Inclusion Criteria:\n\n\\* Informed consent\n\n* \\- History of asthma\n\n"
            "Exclusion Criteria:\n\n\\- pregnant women\n\n\\+ Doravirine\n")
    assert criteria_of(text) == (
        [crit("Informed consent"), crit("History of asthma")],
        [crit("pregnant women"), crit("Doravirine")],
        [],
    )


def test_a_star_against_its_text_is_a_footnote_kept() -> None:
    text = "Inclusion Criteria:\n\n* Adults\n\n\\*For the purposes of this study, adults are 18+\n"
    assert criteria_of(text)[0] == [crit("Adults"),
                                    crit("*For the purposes of this study, adults are 18+")]


def test_an_escaped_bullet_after_a_lead_in_is_its_child() -> None:
    # NCT01490411: "Other allergies:" then "\- Clinically relevant perennial allergies."
    text = ("Exclusion Criteria:\n\nOther allergies:\n\n\\- Clinically relevant perennial "
            "allergies.\n\nDiseases:\n\n* Asthma\n")
    assert criteria_of(text)[1] == [
        crit("Other allergies:", crit("Clinically relevant perennial allergies.")),
        crit("Diseases:", crit("Asthma")),
    ]


def test_an_empty_escaped_bullet_and_a_list_separator_are_no_criteria() -> None:
    # NCT03290547 ("   \-" after the last item), NCT05809934 ("   <!-- -->" between a lead-in
    # and its list)
    text = ("Inclusion Criteria:\n\n1. Adults\n2. Evidence of NASH, including:\n\n   <!-- -->\n\n"
            "   1. Fibrosis\n   2. Ballooning\n\n   \\-\n\nExclusion Criteria:\n\n1. Cirrhosis\n"
            "\n\\-\n")
    assert criteria_of(text) == (
        [crit("Adults"), crit("Evidence of NASH, including:", crit("Fibrosis"),
                              crit("Ballooning"))],
        [crit("Cirrhosis")],
        [],
    )


def test_a_description_loses_the_registry_s_list_separators() -> None:
    record = parse(study(descriptionModule__detailedDescription=(
        "Patients must meet:\n\n<!-- -->\n\n1. Consent\n2. Age")))
    assert record["description"] == "Patients must meet:\n\n1. Consent\n2. Age"


def test_conditions_decode_the_references_the_registry_encoded_again() -> None:
    # NCT07189871: "Head &Amp; Neck Squamous Cell Carcinoma (HNSCC)"
    record = parse(study(conditionsModule__conditions=[
        "Head &Amp; Neck Squamous Cell Carcinoma (HNSCC)"]))
    assert record["conditions"] == ["Head & Neck Squamous Cell Carcinoma (HNSCC)"]


# --- groups and headings ---------------------------------------------------------------------


def test_a_plain_heading_ends_the_group_before_it() -> None:
    # NCT04714372: "Disease specific Inclusion Criteria:" … then "Inclusion Criteria:"; the
    # criteria under the second were the first's.
    text = ("Disease specific Inclusion Criteria:\n\n* Relapsed leukaemia\n\n"
            "Inclusion Criteria:\n\n* Age 12 years or older\n\nExclusion Criteria:\n\n"
            "* Pregnancy\n")
    assert criteria_of(text) == (
        [crit("Disease specific Inclusion Criteria", crit("Relapsed leukaemia")),
         crit("Age 12 years or older")],
        [crit("Pregnancy")],
        [],
    )


def test_a_plain_heading_keeps_the_nesting_under_a_criterion() -> None:
    # NCT00000919: "Prior Medication:" then "Excluded:" and the items under both.
    block = """
        Exclusion Criteria

        Prior Medication:

          Excluded:

          -  Receipt within 30 days of erythropoietin.
          -  Any vaccination within 14 days prior to study entry.
"""
    _, exclusion, _ = xml_criteria(block)
    # (the ACTG layout: the category a section, its "Excluded:" a group, criteria_pdq)
    assert exclusion == [crit("Prior Medication",
                              crit("Excluded",
                                   crit("Receipt within 30 days of erythropoietin."),
                                   crit("Any vaccination within 14 days prior to study "
                                        "entry.")))]


@pytest.mark.parametrize(("heading", "group"), [
    ("Transplant Exclusion:", "Transplant Exclusion"),  # NCT01220531
    ("MRI Exclusions:", "MRI Exclusions"),
    ("Women were ineligible if they:", "Women were ineligible if they"),  # NCT00088257
    ("Patients are not eligible for the study if they have:",
     "Patients are not eligible for the study if they have"),
])
def test_headings_naming_exclusion_or_ineligibility_group_their_criteria(heading: str,
                                                                        group: str) -> None:
    text = f"Inclusion Criteria:\n\n* Adults\n\n{heading}\n\n* Pregnancy\n* HIV infection\n"
    assert criteria_of(text) == (
        [crit("Adults")], [crit(group, crit("Pregnancy"), crit("HIV infection"))], [])


def test_an_eligible_if_sentence_groups_inclusion_criteria() -> None:
    text = ("Women were eligible for participation in Project Viva if they:\n\n1. Were pregnant\n"
            "\nWomen were ineligible if they:\n\n1. Planned to move\n")
    assert criteria_of(text) == (
        [crit("Women were eligible for participation in Project Viva if they",
              crit("Were pregnant"))],
        [crit("Women were ineligible if they", crit("Planned to move"))],
        [],
    )


@pytest.mark.parametrize("line", ["Reason for exclusion:", "Date of inclusion:",
                                  "Prior exclusion:"])
def test_lines_about_inclusion_or_exclusion_stay_criteria(line: str) -> None:
    text = f"Inclusion Criteria:\n\n* Adults\n\n{line}\n\n* Pregnancy\n"
    inclusion, exclusion, _ = criteria_of(text)
    assert exclusion == [] and inclusion[1]["text"] == line


def test_a_list_of_criteria_heading() -> None:
    # NCT04478006: "List of inclusion criteria:" … "List of exclusion criteria:"
    text = ("List of inclusion criteria:\n\n* acute leukaemia\n\nList of exclusion criteria:\n\n"
            "* Patient or parent refusal\n")
    assert criteria_of(text) == ([crit("acute leukaemia")], [crit("Patient or parent refusal")],
                                 [])


def test_an_xml_heading_line_is_kept_whole() -> None:
    # NCT00006180: "GENERAL EXCLUSION CRITERIA:" was cut into "GENERAL" and a heading. It is
    # a plain heading, as "Key" or "Main" would be: its criteria are the section's own.
    block = """
        INCLUSION CRITERIA:

        Women 21 to 45 years old.

        EXCLUSION CRITERIA - DEPRESSED WOMEN:

        GENERAL EXCLUSION CRITERIA:

        Pregnancy or breast-feeding.
"""
    _, exclusion, _ = xml_criteria(block)
    assert exclusion == [crit("EXCLUSION CRITERIA - DEPRESSED WOMEN"),
                         crit("Pregnancy or breast-feeding.")]


def test_a_paragraph_whose_sentence_the_list_ends_leads_into_it() -> None:
    # NCT01206062 (SPRINT): "Systolic blood pressure of" and "Risk (one or more of the
    # following)" have no colon; "Age greater than 75 years" is one of four alternatives.
    text = ("Inclusion Criteria:\n\n* At least 50 years old\n\nSystolic blood pressure of\n\n"
            "* 130 - 180 mm Hg on 0 or 1 medication\n* 130 - 170 mm Hg on up to 2 medications\n"
            "\nRisk (one or more of the following)\n\n1. CKD\n2. Age greater than 75 years\n")
    assert criteria_of(text)[0] == [
        crit("At least 50 years old"),
        crit("Systolic blood pressure of", crit("130 - 180 mm Hg on 0 or 1 medication"),
             crit("130 - 170 mm Hg on up to 2 medications")),
        crit("Risk (one or more of the following)", crit("CKD"),
             crit("Age greater than 75 years")),
    ]


def test_a_connective_between_two_lists_leads_into_neither() -> None:
    # NCT02751853: "AND" alone between two bulleted lists (a note: how they combine)
    text = "Inclusion Criteria:\n\n* Heart failure\n\nAND\n\n* Sinus rhythm\n* Age ≥18 years\n"
    assert criteria_of(text)[0] == [crit("Heart failure"),
                                    {"text": "AND", "children": [], "note": True},
                                    crit("Sinus rhythm"), crit("Age ≥18 years")]


def test_a_label_before_plain_headings_groups_their_criteria() -> None:
    # NCT04955626: "Substudy A", "Inclusion Criteria:", …, "Exclusion Criteria:", …,
    # "Substudy B", …: the sub-studies' criteria were one list, "Substudy B" an exclusion.
    text = ("Substudy A\n\nInclusion Criteria:\n\n* Aged 16 or over\n\nExclusion Criteria:\n\n"
            "* Pregnancy\n\nSubstudy B\n\nInclusion Criteria:\n\n* Aged 12 to 30\n\n"
            "Exclusion Criteria:\n\n* Myocarditis\n")
    assert criteria_of(text) == (
        [crit("Substudy A", crit("Aged 16 or over")), crit("Substudy B", crit("Aged 12 to 30"))],
        [crit("Substudy A", crit("Pregnancy")), crit("Substudy B", crit("Myocarditis"))],
        [],
    )


@pytest.mark.parametrize("line", ["Nil", "Able to provide informed consent",
                                  "Mild asthma, adults -"])
def test_a_criterion_before_a_heading_is_no_label(line: str) -> None:
    # NCT01100827 ("Nil" under each heading: a note, no criterion), NCT01285908 (a criterion
    # without a full stop)
    text = f"Inclusion Criteria:\n\n* Adults\n\n{line}\n\nExclusion Criteria:\n\n* Pregnancy\n"
    last = {"text": line, "children": [], "note": True} if line == "Nil" else crit(line)
    assert criteria_of(text) == ([crit("Adults"), last], [crit("Pregnancy")], [])


def test_a_group_heading_of_up_to_four_words_before_its_kind() -> None:
    # NCT07083011 ("Cardiac Sarcoid Group Inclusion:" after "HFpEF Group Exclusion:"),
    # NCT01220531 ("Biological Mother Inclusion/Exclusion:")
    text = ("Donor Inclusion:\n\n* Age 18-60\n\nDonor Exclusion:\n\n* HIV\n\n"
            "Cardiac Sarcoid Group Inclusion:\n\n* Sarcoidosis\n\nCohort 2 Inclusion:\n\n"
            "* Prior transplant\n\nBiological Mother Inclusion/Exclusion:\n\n* Mother\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert [node["text"] for node in inclusion] == [
        "Donor Inclusion", "Cardiac Sarcoid Group Inclusion", "Cohort 2 Inclusion",
        "Biological Mother Inclusion/Exclusion"]
    assert exclusion == [crit("Donor Exclusion", crit("HIV"))]


def test_a_sentence_heading_heads_its_list_only() -> None:
    # NCT00088257: the paragraph after the list of "Women were ineligible if they:" is an
    # inclusion statement, not one of its items.
    text = ("Women were eligible if they:\n\n1. Were pregnant\n\nWomen were ineligible if they:"
            "\n\n1. Planned to move\n\nMother-child pairs were eligible if they gave a sample.")
    assert criteria_of(text)[:2] == (
        [crit("Women were eligible if they", crit("Were pregnant")),
         crit("Mother-child pairs were eligible if they gave a sample.")],
        [crit("Women were ineligible if they", crit("Planned to move"))],
    )


def test_a_label_groups_one_pair_of_headings_and_not_a_section_with_its_own_groups() -> None:
    # NCT05331170: "Asthma Group" before "Inclusion Criteria" must not take the exclusion
    # section, which names its groups itself.
    text = ("Inclusion Criteria:\n\nHealthy Group\n\n1. Age 18-60\n\nAsthma Group\n\n"
            "Inclusion Criteria\n\n1. Asthma\n\nExclusion Criteria:\n\nHealthy Group\n\n"
            "1. Pregnancy\n\nAsthma Group\n\n1. Smoker\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion[-1] == crit("Asthma Group", crit("Asthma"))
    assert [node["text"] for node in exclusion] == ["Healthy Group", "Pregnancy",
                                                    "Asthma Group", "Smoker"]


def test_a_label_restarting_the_criteria_after_a_paragraph() -> None:
    # NCT04006106: "PHENZERO protocol" follows a paragraph, then the inclusion heading again
    text = ("ENDOPHEN protocol\n\nInclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n"
            "* Minors\n\nRefusal to sign a consent\n\nPHENZERO protocol\n\nInclusion Criteria:"
            "\n\n* Cardiac surgery\n\nExclusion Criteria:\n\n* Shock\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [crit("ENDOPHEN protocol", crit("Adults")),
                         crit("PHENZERO protocol", crit("Cardiac surgery"))]
    assert exclusion[-1] == crit("PHENZERO protocol", crit("Shock"))
