"""Eligibility criteria as further real records write them: headings with a word in
parentheses, after an outline letter, after a dash or at the end of the last inclusion
criterion, long colon-less group headings (wrapped in classic XML), a note after a
heading's colon, "CRITERIA FOR EXCLUSION:", and the markers a criterion keeps no more."""

from __future__ import annotations

from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of


def test_a_heading_may_say_which_visit_in_parentheses() -> None:
    # NCT06772168: four colon-less headings; all the criteria were inclusion
    text = ("Screening (Visit 1) Inclusion Criteria\n\n1. Adult aged 19 to 80\n\n"
            "Randomization (Visit 2) Inclusion Criteria\n\n1. Took metformin\n\n"
            "Screening Visit (Visit 1) Exclusion Criteria\n\n1. Pregnant\n\n"
            "Randomization Visit (Visit 2) Exclusion Criteria\n\n1. Not eligible on recheck\n")
    assert criteria_of(text) == (
        [crit("Screening (Visit 1) Inclusion Criteria", crit("Adult aged 19 to 80")),
         crit("Randomization (Visit 2) Inclusion Criteria", crit("Took metformin"))],
        [crit("Screening Visit (Visit 1) Exclusion Criteria", crit("Pregnant")),
         crit("Randomization Visit (Visit 2) Exclusion Criteria",
              crit("Not eligible on recheck"))],
        [],
    )


def test_an_exclusion_heading_at_the_end_of_the_last_inclusion_criterion() -> None:
    # NCT06989008 ("* Own a smartphone Exclusion Criteria"), NCT00006046 (classic XML)
    text = "Inclusion Criteria:\n\n* Adults\n* Own a smartphone Exclusion Criteria\n\n* Pregnant\n"
    assert criteria_of(text) == (
        [crit("Adults"), crit("Own a smartphone")], [crit("Pregnant")], [])
    block = ("Inclusion Criteria:\n\n  - Adults\n\n  - At least 4 weeks since other prior "
             "immunotherapy. Exclusion Criteria\n\n  - Pregnancy or nursing.\n")
    assert xml_criteria(block) == (
        [crit("Adults"), crit("At least 4 weeks since other prior immunotherapy.")],
        [crit("Pregnancy or nursing.")], [])


def test_a_criterion_speaking_of_the_exclusion_criteria_keeps_them() -> None:
    for line in ("* Meets none of the Exclusion Criteria", "* Eligible per protocol Exclusion "
                 "Criteria"):
        text = f"Inclusion Criteria:\n\n* Adults\n{line}\n\n* Pregnant\n"
        assert criteria_of(text)[1] == [], line
    # an exclusion heading of its own: the words at the end of a line stay the criterion's
    text = ("Inclusion Criteria:\n\n* Own a smartphone Exclusion Criteria\n\n"
            "Exclusion Criteria:\n\n* Pregnant\n")
    assert criteria_of(text)[:2] == ([crit("Own a smartphone Exclusion Criteria")],
                                     [crit("Pregnant")])
    # "No inclusion / Exclusion Criteria:" is one heading (the non-inclusion criteria), not
    # a criterion and a heading
    text = "No inclusion / Exclusion Criteria:\n\n* Skin disease\n"
    assert criteria_of(text) == ([], [crit("Skin disease")], [])


def test_an_exclusion_heading_after_a_dash_on_one_line() -> None:
    # NCT06131424: "… of HER2 expression - Exclusion Criteria:1. Have a history of …"
    text = "Inclusion Criteria: Adults with HER2 expression - Exclusion Criteria:1. Other cancer"
    assert criteria_of(text) == (
        [crit("Adults with HER2 expression")], [crit("Other cancer")], [])


def test_headings_that_say_criteria_for_inclusion() -> None:
    # NCT00001853: the exclusion paragraphs were under inclusion
    block = ("CRITERIA FOR INCLUSION:\n\nAdults.\n\nCRITERIA FOR EXCLUSION:\n\n"
             "Pregnant women.\n")
    assert xml_criteria(block) == ([crit("Adults.")], [crit("Pregnant women.")], [])


def test_a_lettered_colon_less_heading_of_capitalised_words() -> None:
    # NCT05695170: "B. Study Exclusion Criteria" (and "… Criterion"): its items were children
    # of an inclusion criterion
    block = ("A. Study Inclusion Criteria:\n\n  1. Adults\n\nB. Study Exclusion Criteria\n\n"
             "  1. Pregnant\n\nC. Partner Exclusion Criterion\n\n  1. Prisoner\n")
    assert xml_criteria(block) == (
        [crit("Study Inclusion Criteria", crit("Adults"))],
        [crit("Study Exclusion Criteria", crit("Pregnant")),
         crit("Partner Exclusion Criterion", crit("Prisoner"))],
        [],
    )
    text = "Inclusion Criteria:\n\n* Adults\n* Patients without exclusion criteria\n"
    assert criteria_of(text)[:2] == (
        [crit("Adults"), crit("Patients without exclusion criteria")], [])


def test_long_colon_less_group_headings() -> None:
    # NCT05419375, NCT06119581, NCT04998461: over 80 characters, parentheses, a dash
    text = ("Inclusion Criteria for Participants with Stage III NSCLC:\n\n* Stage III\n\n"
            "Inclusion Criteria for Participants with Stage II, IIIA, or Select IIIB (T3N2 only) "
            "NSCLC Requiring Adjuvant Treatment\n\n* Resected\n\n"
            "Exclusion Criteria for Participants receiving Pemetrexed and Platinum (Part B and "
            "Safety Lead-In Part B)\n\n* Renal failure\n\n"
            "Exclusion Criteria - For the non-obese group with normal renal function (control "
            "group)\n\n* Obese\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert [node["text"] for node in inclusion] == [
        "Inclusion Criteria for Participants with Stage III NSCLC",
        "Inclusion Criteria for Participants with Stage II, IIIA, or Select IIIB (T3N2 only) "
        "NSCLC Requiring Adjuvant Treatment"]
    assert inclusion[1]["children"] == [crit("Resected")]
    assert [(node["text"][:40], node["children"]) for node in exclusion] == [
        ("Exclusion Criteria for Participants rece", [crit("Renal failure")]),
        ("Exclusion Criteria - For the non-obese g", [crit("Obese")])]


def test_a_wrapped_colon_less_group_heading_in_classic_xml() -> None:
    # NCT00001392: the heading's second line was read as a criterion
    block = ("  -  INCLUSION CRITERIA FOR ADULT PATIENTS PARTICIPATING IN PILOT STUDY OF "
             "COMBINATION\n     RITUXIMAB AND CYCLOSPORINE:\n\n"
             "       -  First void urine protein\n")
    assert xml_criteria(block)[0] == [crit(
        "INCLUSION CRITERIA FOR ADULT PATIENTS PARTICIPATING IN PILOT STUDY OF COMBINATION "
        "RITUXIMAB AND CYCLOSPORINE", crit("First void urine protein"))]


def test_a_note_after_a_group_heading_s_colon() -> None:
    # NCT03922932: its five exclusion criteria were under inclusion
    text = ("Eye-Related Inclusion Criteria:\n\n* Visual acuity 20/40\n\n"
            "Eye-Related Exclusion Criteria: (Applies to study eye only.)\n\n* Glaucoma\n")
    assert criteria_of(text) == (
        [crit("Eye-Related Inclusion Criteria", crit("Visual acuity 20/40"))],
        [crit("Eye-Related Exclusion Criteria: (Applies to study eye only.)", crit("Glaucoma"))],
        [],
    )


def test_markers_a_criterion_no_longer_keeps() -> None:
    # NCT06818682 "Inclusion Criteria:-", NCT06442748 "Inclusion Criteria: • Age", NCT06119581
    # "-- Prior …", NCT05703178 and NCT00450385 (classic XML "-  • …", "-  1. …")
    text = ("Inclusion Criteria: • Age ≥ 18years\n\n* Consent\n-- Prior therapy\n--- 1 cycle\n\n"
            "Exclusion criteria: -\n\n* Pregnant\n")
    assert criteria_of(text) == (
        [crit("Age ≥ 18years"), crit("Consent"), crit("Prior therapy"), crit("1 cycle")],
        [crit("Pregnant")], [])
    block = ("Inclusion Criteria:-\n\n  -  1. Diagnosis of cancer\n\n  -  2. Age over 18\n\n"
             "Exclusion Criteria:\n\n  -  • Metastatic disease\n")
    assert xml_criteria(block) == (
        [crit("Diagnosis of cancer"), crit("Age over 18")], [crit("Metastatic disease")], [])


def test_classic_xml_items_after_a_sentence_are_its_siblings() -> None:
    # NCT02030834: "Age ≥18 years", "Creatinine …" were children of the Cohort C paragraph;
    # a label ("Biologic therapy", PDQ) or a lead-in keeps its list as its children
    block = ("Inclusion Criteria\n\n  -  Adults with lymphoma\n\n"
             "Diffuse large B cell lymphoma, previously identified as CD19+ are\neligible.\n\n"
             "  -  Age ≥18 years\n\n       -  in women\n\n  -  Creatinine below 1.6\n\n"
             "Biologic therapy\n\n  -  Not specified\n\n"
             "Patients must have\none of the following:\n\n  -  Stage III\n\n  -  Stage IV\n")
    assert xml_criteria(block)[0] == [
        crit("Adults with lymphoma"),
        crit("Diffuse large B cell lymphoma, previously identified as CD19+ are eligible."),
        crit("Age ≥18 years", crit("in women")),
        crit("Creatinine below 1.6"),
        crit("Biologic therapy", crit("Not specified")),
        crit("Patients must have one of the following:", crit("Stage III"), crit("Stage IV")),
    ]


def test_a_group_named_after_a_heading_s_colon() -> None:
    # NCT05694013 ("Inclusion Criteria: Cohort A"), NCT00001723 ("INCLUSION CRITERIA: HEALTHY
    # CONTROL CHILDREN AND ADOLESCENTS:"): the group was read as a first criterion
    text = ("Inclusion Criteria: Cohort A\n\n* Adults with cancer\n\n"
            "Inclusion Criteria: Cohort B\n\n* Children\n\n"
            "Exclusion Criteria: All Participants\n\n* Pregnant\n")
    assert criteria_of(text) == (
        [crit("Inclusion Criteria: Cohort A", crit("Adults with cancer")),
         crit("Inclusion Criteria: Cohort B", crit("Children"))],
        [crit("Exclusion Criteria: All Participants", crit("Pregnant"))],
        [],
    )
    block = ("INCLUSION CRITERIA: HEALTHY CONTROL CHILDREN AND ADOLESCENTS:\n\nAge 8 to 17.\n\n"
             "EXCLUSION CRITERIA:\n\nPregnant.\n")
    assert xml_criteria(block)[0] == [crit(
        "INCLUSION CRITERIA: HEALTHY CONTROL CHILDREN AND ADOLESCENTS", crit("Age 8 to 17."))]
    # a first criterion, or a sentence leading into the list, is not a group
    text = ("Inclusion Criteria: Pregnancy test negative\n\n"
            "Exclusion Criteria: Patients must meet none of these:\n\n* Pregnant\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [crit("Pregnancy test negative")]
    assert exclusion[0]["text"] == "Patients must meet none of these:"


def test_a_group_label_inside_a_section_holds_the_criteria_after_it() -> None:
    # NCT06945406 ("Part B", "Part C", "All Parts"), NCT01929941 ("Group 1", "Group 2")
    text = ("Inclusion Criteria:\n\nPart B\n\n* Type 1 diabetes\n\nAll Parts\n\n* Consent\n\n"
            "Exclusion Criteria:\n\nGroup 1\n\n* Pregnant\n")
    assert criteria_of(text) == (
        [crit("Part B", crit("Type 1 diabetes")), crit("All Parts", crit("Consent"))],
        [crit("Group 1", crit("Pregnant"))],
        [],
    )
    block = "Inclusion Criteria:\n\nGroup 2\n\n  -  Adults\n\n  -  Consent\n"
    assert xml_criteria(block)[0] == [crit("Group 2", crit("Adults"), crit("Consent"))]
    # a label before a heading names the groups of both sections (NCT01515527: "Cohort 2")
    text = ("Cohort 1\n\nInclusion Criteria:\n\n1. Adults\n\nExclusion Criteria:\n\n1. Pregnant\n\n"
            "Cohort 2\n\nInclusion Criteria:\n\n2. Children\n\nExclusion Criteria:\n\n2. Smokers\n")
    assert criteria_of(text)[:2] == (
        [crit("Cohort 1", crit("Adults")), crit("Cohort 2", crit("Children"))],
        [crit("Cohort 1", crit("Pregnant")), crit("Cohort 2", crit("Smokers"))],
    )


def test_a_label_with_a_colon_before_plain_headings_groups_them() -> None:
    # NCT07276152: "Part 1:" and "Part 2:" became criteria and the parts' criteria one list
    text = ("Part 1:\n\nInclusion Criteria:\n\n* Adult healthy controls\n\nExclusion Criteria:\n\n"
            "* Pregnancy\n\nPart 2:\n\nInclusion Criteria:\n\n* Confirmed AVP-Deficiency\n\n"
            "Exclusion Criteria:\n\n* Smoking\n")
    assert criteria_of(text) == (
        [crit("Part 1", crit("Adult healthy controls")),
         crit("Part 2", crit("Confirmed AVP-Deficiency"))],
        [crit("Part 1", crit("Pregnancy")), crit("Part 2", crit("Smoking"))],
        [],
    )
