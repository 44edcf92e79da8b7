"""Eligibility criteria headings the registry writes in other ways (bracketed, numbered,
bulleted, without a colon, French) and lists numbered inside their bullets, modelled on real
records: the classic XML's text block and API v2 JSON's Markdown."""

from __future__ import annotations

from typing import Any

import pytest
from test_parse_ctgov_json import crit, criteria_of
from test_parse_ctgov_xml import study_xml

from parsers import parse_text

JSON_LEAD = (
    "protocolSection.eligibilityModule.eligibilityCriteria: criteria before the first "
    "Inclusion/Exclusion heading kept as inclusion"
)

NO_HEADING = ("protocolSection.eligibilityModule.eligibilityCriteria: criteria without an "
              "Inclusion/Exclusion heading kept as inclusion")


def xml_criteria(block: str) -> tuple[list[dict], list[dict], list[str]]:
    """(inclusion, exclusion, criteria warnings) of a study whose criteria text block is
    block."""
    body = f"<eligibility><criteria><textblock>\n{block}\n</textblock></criteria></eligibility>"
    record = parse_text(study_xml(body))
    eligibility: dict[str, Any] = record["eligibility"]
    warnings = [w for w in record["warnings"] if "criteria" in w]
    return eligibility["inclusion"], eligibility["exclusion"], warnings


# --- headings ---------------------------------------------------------------------------------


def test_headings_without_a_colon_that_say_which_stage_group_their_criteria() -> None:
    # NCT03424005: "Inclusion Criteria Stage 1", "Inclusion criteria stage 2", "Exclusion
    # Criteria for Stage 1", each alone on its line; the exclusion criteria were inclusion.
    block = """
        Inclusion Criteria Stage 1

          -  ECOG Performance Status of 0 or 1

        Inclusion criteria stage 2

          -  ECOG Performance Status of 0, 1, or 2

        Exclusion Criteria for Stage 1

          -  Active tuberculosis

          -  Exclusion criteria of the parent study apply
"""
    assert xml_criteria(block) == (
        [crit("Inclusion Criteria Stage 1", crit("ECOG Performance Status of 0 or 1")),
         crit("Inclusion criteria stage 2", crit("ECOG Performance Status of 0, 1, or 2"))],
        [crit("Exclusion Criteria for Stage 1", crit("Active tuberculosis"),
              crit("Exclusion criteria of the parent study apply"))],
        [],
    )


@pytest.mark.parametrize(
    "line",
    [
        "Patients who do not meet the inclusion criteria",
        "Exclusion criteria of the parent study apply",
        "Exclusion criteria for the parent study apply",
        "Meeting all inclusion criteria",
        "inclusion criteria for stage 1",
        "Inclusion criteria for this study are as follows",
    ],
)
def test_a_sentence_about_criteria_is_no_heading_without_a_colon(line: str) -> None:
    # Were it a heading, "Pregnant" would be its child.
    text = f"Inclusion Criteria Part A\n\n* Adult\n\nExclusion Criteria:\n\n{line}\n\n* Pregnant\n"
    assert criteria_of(text) == (
        [crit("Inclusion Criteria Part A", crit("Adult"))],
        [crit(line), crit("Pregnant")],
        [],
    )


def test_a_wrapped_line_that_reads_like_a_qualified_heading_continues_its_criterion() -> None:
    block = """
        Inclusion Criteria (Part A)

          -  Adults who satisfy the
             Inclusion Criteria (Appendix A)

        Exclusion Criteria:

          -  Pregnancy
"""
    assert xml_criteria(block) == (
        [crit("Inclusion Criteria (Part A)",
              crit("Adults who satisfy the Inclusion Criteria (Appendix A)"))],
        [crit("Pregnancy")],
        [],
    )


def test_headings_in_brackets() -> None:
    # NCT05482828 (a Korean dizziness trial).
    block = """
        [Inclusion Criteria]

          -  DHI (Dizziness Handicap Inventory) score ≥ 24

        [Exclusion Criteria]

          -  Other allergic diseases
"""
    assert xml_criteria(block) == (
        [crit("DHI (Dizziness Handicap Inventory) score ≥ 24")],
        [crit("Other allergic diseases")],
        [],
    )


def test_non_inclusion_criteria_are_the_exclusion_criteria() -> None:
    # NCT02679963 (a French trial): "Non-inclusion criteria:" after an inclusion lead.
    block = """
        For inclusion in the study subjects should fulfill the following criteria:

          1. Patients must be &gt; 18 years of age.

        Non-inclusion criteria:

          1. Pregnant and/or breast-feeding women.
"""
    inclusion, exclusion, warnings = xml_criteria(block)
    assert inclusion == [
        crit("For inclusion in the study subjects should fulfill the following criteria:",
             crit("Patients must be > 18 years of age."))
    ]
    assert exclusion == [crit("Pregnant and/or breast-feeding women.")]
    assert warnings == [
        "eligibility/criteria: criteria before the first Inclusion/Exclusion heading kept as "
        "inclusion"
    ]


def test_a_heading_after_an_outline_number() -> None:
    # NCT05266716: the protocol's section number kept before the exclusion heading.
    text = (
        "To be eligible, prospective participants must:\n\n"
        "1. Be 18 years of age or older;\n\n"
        "III.6 EXCLUSION CRITERIA\n\n"
        "1. Pregnancy;\n"
    )
    assert criteria_of(text) == (
        [crit("To be eligible, prospective participants must:",
              crit("Be 18 years of age or older;"))],
        [crit("Pregnancy;")],
        [JSON_LEAD],
    )


def test_headings_with_a_word_before_them_group_their_criteria() -> None:
    # NCT03433391, NCT06751849: "Pre-Operative Exclusion Criteria:", "Other exclusion
    # criteria:" name a group of the exclusion criteria.
    text = (
        "Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n"
        "Pre-Operative Exclusion Criteria:\n\n* Prior surgery\n\n"
        "Other exclusion criteria:\n\n* Pregnancy\n"
        "* All other inclusion criteria:\n"
    )
    assert criteria_of(text) == (
        [crit("Adults")],
        [crit("Pre-Operative Exclusion Criteria", crit("Prior surgery")),
         crit("Other exclusion criteria", crit("Pregnancy"),
              crit("All other inclusion criteria:"))],
        [],
    )


def test_a_bulleted_heading_in_markdown() -> None:
    # NCT05161130: "* Inclusion Criteria:" was the first inclusion criterion.
    text = (
        "* Inclusion Criteria:\n"
        "* Patients are required to give informed consent.\n\n"
        "Exclusion Criteria:\n\n"
        "* Patients with missing endpoint data at 12 months will be excluded.\n"
        "* **Exclusion criteria for Part B:**\n"
        "* Pregnancy\n"
    )
    assert criteria_of(text) == (
        [crit("Patients are required to give informed consent.")],
        [crit("Patients with missing endpoint data at 12 months will be excluded."),
         crit("Exclusion criteria for Part B", crit("Pregnancy"))],
        [],
    )


# --- numbers and bullets inside bullets (API v2 Markdown) -------------------------------------


def test_numbered_paragraphs_after_a_numbered_bullet_are_its_siblings() -> None:
    # NCT04948307: "* 1. …", then "  2. …" … at the column of the "1" after blank lines (and
    # "11. … 12. …" on one line: two numbers, split since "13." follows them); the 14
    # exclusion criteria were one with 13 children.
    text = (
        "Exclusion Criteria:\n\n"
        "* 1. Unwilling or unable to comply with the protocol.\n\n"
        "  2. History of allergy to naloxone.\n\n"
        "  11. Chronic pain that is unstable. 12. Current DSM-V substance use disorder.\n\n"
        "  13. Requires strong inhibitors of CYP3A4.\n"
    )
    assert criteria_of(text) == (
        [],
        [crit("Unwilling or unable to comply with the protocol."),
         crit("History of allergy to naloxone."),
         crit("Chronic pain that is unstable."),
         crit("Current DSM-V substance use disorder."),
         crit("Requires strong inhibitors of CYP3A4.")],
        [],
    )


def test_escaped_numbers_inside_bullets_and_opening_paragraphs_are_removed() -> None:
    # NCT03416231: "* 4\\. …" then "  5\\. …" (item 5 was item 4's child); NCT07134413 and
    # NCT04870190: paragraphs opening "8\\. …". A line directly below an item continues it.
    text = (
        "Inclusion Criteria:\n\n"
        "* 3\\. Previous platinum-based chemotherapy;\n"
        "* 4\\. The main organs function properly, within 14 days\n"
        "2\\. 5 mL/s measured twice;\n\n"
        "  5\\. Sign the inform consent form.\n\n"
        "8\\. The most recent tumor tissue sample showed PD-L1 TPS \\<1%\n"
    )
    assert criteria_of(text) == (
        [crit("Previous platinum-based chemotherapy;"),
         crit("The main organs function properly, within 14 days 2. 5 mL/s measured twice;"),
         crit("Sign the inform consent form."),
         crit("The most recent tumor tissue sample showed PD-L1 TPS <1%")],
        [],
        [],
    )


def test_a_number_or_a_second_bullet_after_the_bullet_is_removed() -> None:
    # NCT00936338 "(1) …", NCT03835182 "1)Age …", NCT06187129 "1.Age …", NCT04431453
    # "a) Cohort 1: …", NCT04909229 "• Age …"; the last four are no number or bullet.
    text = (
        "Inclusion Criteria:\n\n"
        "* (1) male or female over 18 years old;\n"
        "* 1)Age 20-60\n"
        "* 2.On multiple injections\n"
        "* a) Cohort 1: ≥ 12 years\n"
        "* • Age between 22-64 years\n"
        "* 1.5 mg/kg of body weight\n"
        "* U.S. resident\n"
        "* \\- a leading dash\n"
        "* 3 months of therapy\n"
    )
    inclusion, _, _ = criteria_of(text)
    assert inclusion == [
        crit("male or female over 18 years old;"),
        crit("Age 20-60"),
        crit("On multiple injections"),
        crit("Cohort 1: ≥ 12 years"),
        crit("Age between 22-64 years"),
        crit("1.5 mg/kg of body weight"),
        crit("U.S. resident"),
        crit("a leading dash"),  # an escaped second bullet (NCT00219323)
        crit("3 months of therapy"),
    ]


def test_bulleted_items_after_a_doubly_bulleted_one_are_its_siblings() -> None:
    # NCT04909229 and NCT05288634: "* • Age …", then "  * …" at the column of the "•".
    text = (
        "Inclusion Criteria:\n\n"
        "* • Age between 22-64 years\n\n"
        "  * English-speaking\n"
        "  * Diagnosis of chronic insomnia\n\n"
        "Exclusion Criteria:\n\n"
        "* • Any of the following:\n\n"
        "  * psychosis\n"
        "  * bipolar disorder\n"
    )
    assert criteria_of(text) == (
        [crit("Age between 22-64 years"), crit("English-speaking"),
         crit("Diagnosis of chronic insomnia")],
        [crit("Any of the following:", crit("psychosis"), crit("bipolar disorder"))],
        [],
    )


def test_a_list_nested_under_a_numbered_bullet_stays_its_children() -> None:
    text = (
        "Inclusion Criteria:\n\n"
        # Numbers that start again: a sub-list.
        "* 2\\. MASH defined by any of the following:\n\n"
        "  1. Liver biopsy with NAS \\>4\n"
        "  2. Imaging with hepatic steatosis\n"
        # Indented deeper than the item's number: its child.
        "* 3\\. Women who are either:\n\n"
        "     * postmenopausal\n\n"
        "  4\\. Sign the consent form.\n"
        # No number inside the bullet: the numbered list under it is its own.
        "* Is at risk for suicide, defined by any of the following:\n\n"
        "  1. A yes to item 4 or 5 of the C-SSRS\n"
        "  2. A suicide attempt within 6 months\n"
    )
    inclusion, _, _ = criteria_of(text)
    assert inclusion == [
        crit("MASH defined by any of the following:",
             crit("Liver biopsy with NAS >4"), crit("Imaging with hepatic steatosis")),
        crit("Women who are either:", crit("postmenopausal")),
        crit("Sign the consent form."),
        crit("Is at risk for suicide, defined by any of the following:",
             crit("A yes to item 4 or 5 of the C-SSRS"),
             crit("A suicide attempt within 6 months")),
    ]


def test_a_text_block_written_on_one_line_still_has_its_exclusion_criteria() -> None:
    # NCT00183339 as a tool flattened it: both headings, and their items, on one line
    block = ("Inclusion Criteria: - Diagnosis of autism Exclusion Criteria: - Diagnosis of "
             "Asperger Syndrome - Recent use of stimulants; meets the exclusion criteria: no")
    inclusion, exclusion, warnings = xml_criteria(block)
    assert inclusion == [crit("Diagnosis of autism")]
    # written as one run with " - " bullets: cut at them (criteria_dashes)
    assert exclusion == [crit("Diagnosis of Asperger Syndrome"),
                         crit("Recent use of stimulants; meets the exclusion criteria: no")]
    assert warnings == []


# --- headings written in yet other ways (real API v2 studies) ---------------------------------


@pytest.mark.parametrize(
    ("included", "excluded"),
    [
        ("Inclusions:", "Exclusions:"),  # NCT06081543
        ("Included will be those with:", "Excluded will be those with:"),  # NCT04265807
        ("Key Inclusion Criteria include:", "Key Exclusion Criteria include:"),  # NCT06991257
        ("Inclusion criteria are as follows:", "Exclusion criteria as follows:"),
        ("Conditions for Patient Eligibility:", "Conditions for Patient Ineligibility:"),
        ("Inclusion Criteriar:", "Ineligibility criteria:"),  # NCT02960672's typo
        ("Inclusion criteria.", "Exclusion criteria."),  # NCT03532360
        ("The inclusion criteria are:", "The exclusion criteria are as follows:"),
    ],
)
def test_plain_headings_in_other_words(included: str, excluded: str) -> None:
    text = f"{included}\n\n* Age 18 years or more\n\n{excluded}\n\n* Pregnancy\n"

    def key(heading: str) -> list[dict[str, Any]]:  # "Key …" is kept, as a note
        words = " ".join(heading.split()[:3])
        return [{"text": words, "children": [], "note": True}] if words.startswith("Key") else []

    assert criteria_of(text) == ([*key(included), crit("Age 18 years or more")],
                                 [*key(excluded), crit("Pregnancy")], [])


@pytest.mark.parametrize(
    "excluded",
    [
        "Exclusion Criteria（patients）:",  # NCT07380659, full-width brackets
        "Exclusion Criteria recipient:",  # NCT03991923
        "Exclusion Criteria Roll-in Phase",  # NCT06479876
        "Exclusion criteria-Specific to CAP-1002 (not listed above)",  # NCT02941705
        "Exclusion Criteria Related to MRI",  # NCT01052428
        "Exclusion community-dwelling older adults (primary end-users):",  # NCT02832739
        "Both exclusion criteria primary and secondary end-users:",  # NCT02832739
        "Phase 1b Key Exclusion Criteria:",  # NCT04047862
        "Exclusion Criteria Umbrella Phase 1b &2:",  # NCT04585815
        "The exclusion criteria for the case group are as follows:",  # NCT07242950
        "Patient Exclusion Criteria",  # NCT04680117
        "Radiological Exclusion Criteria",
        "Subjects must not meet any of the following exclusion criteria:",  # NCT02520310
    ],
)
def test_headings_that_say_whom_their_criteria_are_for(excluded: str) -> None:
    text = f"Inclusion Criteria:\n\n* Age 18 years or more\n\n{excluded}\n\n* Pregnancy\n"
    assert criteria_of(text) == (
        [crit("Age 18 years or more")],
        [crit(excluded.removesuffix(":"), crit("Pregnancy"))],
        [],
    )


def test_a_heading_run_together_with_its_first_criterion() -> None:
    # NCT06818084 and NCT03102723: the heading, no colon, then the first criterion.
    text = (
        "Inclusion Criteria Age ≥ 60 years. Symptomatic aortic regurgitation.\n\n"
        "Exclusion Criteria All subjects meeting any of the exclusion criteria will be "
        "excluded.\n\n* Pregnancy\n"
    )
    assert criteria_of(text) == (
        [crit("Age ≥ 60 years. Symptomatic aortic regurgitation.")],
        # the sentence over the list states no criterion: a note (criteria_closing)
        [{"text": "All subjects meeting any of the exclusion criteria will be excluded.",
          "children": [], "note": True},
         crit("Pregnancy")],
        [],
    )


@pytest.mark.parametrize(
    "line",
    [
        "Exclusion criteria of the parent study apply",
        "Inclusion criteria apply:",
        "Exclusion of patients with:",
        "Exclusion criteria are listed below:",
    ],
)
def test_sentences_about_criteria_stay_criteria(line: str) -> None:
    text = f"Inclusion Criteria:\n\n* Age 18 years or more\n* {line}\n"
    inclusion, exclusion, _ = criteria_of(text)
    assert (inclusion, exclusion) == ([crit("Age 18 years or more"), crit(line)], [])


@pytest.mark.parametrize("line", ["No exclusion criteria", "Other exclusion criteria as per "
                                  "protocol.", "None", "N/A"])
def test_sentences_stating_no_criteria_are_notes_not_headings(line: str) -> None:
    text = f"Inclusion Criteria:\n\n* Age 18 years or more\n* {line}\n"
    inclusion, exclusion, _ = criteria_of(text)
    assert (inclusion, exclusion) == (
        [crit("Age 18 years or more"), {"text": line, "children": [], "note": True}], [])


def test_bullets_written_against_their_text() -> None:
    # NCT00005739 ("-Patients with …"), NCT00495469 ("•≥1+ protein"), NCT05390502 ("•-Have").
    block = """
        Inclusion Criteria:

        -Patients with suspected and confirmed TB

        •≥1+ protein on urine dipstick

        •-Have outpatient visit within the last 12 months

        Exclusion Criteria:

        -5 mg/kg of prednisone or more
"""
    assert xml_criteria(block) == (
        [crit("Patients with suspected and confirmed TB"),
         crit("≥1+ protein on urine dipstick"),
         crit("Have outpatient visit within the last 12 months")],
        [crit("-5 mg/kg of prednisone or more")],
        [],
    )


@pytest.mark.parametrize(
    "item",
    [
        "Patients without inclusion criteria",
        "Inclusion Criteria Not Met",
        "Inclusion criteria Violation at screening",
        "Inclusion into another interventional study within 30 days:",
        "Patients who do not fulfil the following inclusion criteria:",
        "Conditions for patient eligibility:",
    ],
)
def test_a_list_item_about_criteria_stays_a_criterion(item: str) -> None:
    """An item of the exclusion list that speaks of criteria does not start a section:
    the criteria after it stay exclusion criteria."""
    text = f"Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n* Pregnancy\n* {item}\n" \
        "* Smoking\n"
    assert criteria_of(text) == (
        [crit("Adults")], [crit("Pregnancy"), crit(item), crit("Smoking")], [])


def test_a_dash_before_a_small_letter_is_text_not_a_bullet() -> None:
    text = "Inclusion Criteria:\n\n* Adult women with a\n-ve pregnancy test\n"
    assert criteria_of(text) == ([crit("Adult women with a -ve pregnancy test")], [], [])


def test_a_group_heading_with_a_hyphenated_word() -> None:
    # NCT02457260
    text = ("Inclusion Criteria HF Population\n\n* Age ≥70 years\n\n"
            "Inclusion Criteria Age-Matched Control Population\n\n* Age ≥70 years\n")
    inclusion, _, _ = criteria_of(text)
    assert inclusion == [crit("Inclusion Criteria HF Population", crit("Age ≥70 years")),
                         crit("Inclusion Criteria Age-Matched Control Population",
                              crit("Age ≥70 years"))]


def test_a_label_naming_the_eligibility_criteria_carries_no_criterion() -> None:
    # NCT02782117: "Major Eligibility Criteria:" over the list, and no Inclusion heading. The
    # label is dropped as "Eligibility Criteria:" is; "Major criteria:" names a group (the
    # major Jones criteria, say), kept with its criteria under it.
    items = "\n\n* Age 4 to \\<8 years\n* Monocular amblyopia\n"
    for label in ("Major Eligibility Criteria:", "Key eligibility criteria:",
                  "Eligibility Criteria:"):
        inclusion, exclusion, warnings = criteria_of(label + items)
        assert inclusion == [crit("Age 4 to <8 years"), crit("Monocular amblyopia")], label
        assert exclusion == [] and NO_HEADING in warnings
    inclusion, _, _ = criteria_of("Major criteria:" + items)
    assert inclusion == [crit("Major criteria:", crit("Age 4 to <8 years"),
                              crit("Monocular amblyopia"))]
