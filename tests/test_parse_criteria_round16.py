"""Eligibility criteria of real API v2 records read wrong: a "•" in the middle of an item's
line (two criteria kept as one), "Exclusion Criteria:1." (a criterion "1."), "7 .Previous
history" (its number kept in the text), and the sentence "All answers must be NO to be
eligible for the study." and the word "contra-indication" over a list kept as criteria; an
exclusion sentence over its list that does not say "criteria", the protocol's other criteria
a section's "N/A" or "None" and an "OR" between two lists kept as criteria.

The records are in tests/fixtures/realdata/criteria/ (the README's rows say where each came
from); every expected text was read by hand from the file's eligibility text (the last two
tests quote real texts inline).
"""

from __future__ import annotations

from realdata_criteria import eligibility, texts
from test_parse_ctgov_json import crit, criteria_of

from parsers.criteria_notes import is_note


def test_a_bullet_in_the_middle_of_an_items_line_starts_a_criterion() -> None:
    # NCT05508360: "* Patient has congenital … epidural lipomatosis.• Patient has significant
    # facet disease. …" and "… considered at risk for osteopenia.• Patient has morbid obesity
    # …": four criteria, written on two lines.
    exclusion = eligibility("scampbe3__my-website__NCT05508360.json")["exclusion"]
    assert exclusion[4:8] == [
        crit("Patient has congenital moderate or severe spinal stenosis or epidural "
             "lipomatosis."),
        crit("Patient has significant facet disease. Significant is defined as pain improvement "
             "of 80% or more following image-guided medial branch blocks of the target level "
             "according to SIS guidelines (diagnostic, contrast controlled)."),
        crit("Patient has any known active malignancy."),
        crit("Patient has previously undergone or currently on immunosuppressive therapy. "
             "Steroids used to treat inflammation are allowed."),
    ]
    assert exclusion[11:13] == [
        crit("Patient has osteopenia of the spine (T-score of -1.0 or lower). A DEXA scan should "
             "be performed to rule out patients considered at risk for osteopenia."),
        crit("Patient has morbid obesity defined as a body mass index (BMI) more than 40 or a "
             "weight of more than 45 kg (100 lbs.) over ideal body weight."),
    ]
    # the "•" after the heading ("… (MAB) Exclusion Criteria:• Patient has less …") as before
    assert exclusion[0] == crit("Patient has less than 6 mm of disc height.")
    assert len(exclusion) == 19


def test_a_bullet_in_a_sub_items_line_starts_a_sub_item() -> None:
    # NCT06950281: "  * Use of opiates, … can be started • Prior use of LXB, …" under
    # "Contraindications for using low sodium oxybate (LXB):".
    exclusion = eligibility(
        "unl-stat351__screencast-public-data-jesusrod44__NCT06950281.json")["exclusion"]
    parent = exclusion[-1]
    assert parent["text"] == "Contraindications for using low sodium oxybate (LXB):"
    assert texts(parent["children"])[-2:] == [
        "Use of opiates, barbiturates, sedatives (dexmedetomidine, temazepam, oxazepam, "
        "midazolam) or LXB (except for the intervention dose) during the study. When "
        "benzodiazepine is used before inclusion: a two night washout is needed before the "
        "intervention (SP 3) can be started",
        "Prior use of LXB, sodium oxybate (SXB) or Gamma-Hydroxybutyric acid (GHB)",
    ]
    assert len(parent["children"]) == 6


def test_a_number_alone_after_the_heading_is_no_criterion() -> None:
    # NCT01958125: "Exclusion Criteria:1." then "* Episodic cluster headache sufferers …",
    # "* 2\\. Need to commence treatment …", … "21".
    exclusion = eligibility(
        "unl-stat351__screencast-public-data-jesusrod44__NCT01958125.json")["exclusion"]
    assert texts(exclusion[:2]) == [
        "Episodic cluster headache sufferers who are not in a cluster headache bout at the "
        "time of screening and enrollment",
        "Need to commence treatment with oral or injectable steroids for eventual concomitant "
        "medical conditions",
    ]
    assert len(exclusion) == 21


def test_a_number_written_with_a_space_before_its_point_is_removed() -> None:
    # NCT04204473: "7 .Previous history of interstitial lung disease(ILD)…" between "6." and
    # "8\\. Previous allogeneic bone marrow transplant. 9. … 10.Pregnant …".
    exclusion = eligibility("vrinda2019__NSCLCBench__NCT04204473.json")["exclusion"]
    assert texts(exclusion[6:]) == [
        "Previous history of interstitial lung disease(ILD)、drug-induced ILD or radiation "
        "pneumonitis require steroid treatment, or any evidence of clinically active ILD "
        "diseases.",
        "Previous allogeneic bone marrow transplant.",
        "Hypersensitivity to TY-9591 or similar compounds or excipients.",
        "Pregnant or lactating women.",
    ]


def test_how_to_answer_a_list_of_questions_is_a_note() -> None:
    # NCT05880823: "Exclusion Criteria:" then "* Exclusion Criteria: All answers must be NO to
    # be eligible for the study." and "* Moderate to advanced spondylosis", …
    exclusion = eligibility("scampbe3__my-website__NCT05880823.json")["exclusion"]
    assert exclusion[0] == {"text": "All answers must be NO to be eligible for the study.",
                            "children": [], "note": True}
    assert exclusion[1] == crit("Moderate to advanced spondylosis")
    assert not any(node.get("note") for node in exclusion[1:])


def test_only_a_sentence_on_how_to_answer_is_such_a_note() -> None:
    assert is_note("All answers must be YES to be eligible for the study.")
    assert is_note("answers must be \"No\"")
    assert not is_note("All answers must be NO to be eligible, and patients must be over 18.")
    assert not is_note("Answers to the questionnaire must be complete")


def test_a_word_naming_the_list_after_the_heading_is_a_note() -> None:
    # NCT05997121: "Exclusion Criteria: contra-indication" then "* Infection, local to the
    # operative site", "* Signed of local inflammation", …
    exclusion = eligibility("scampbe3__my-website__NCT05997121.json")["exclusion"]
    assert exclusion[0] == {"text": "contra-indication", "children": [], "note": True}
    assert exclusion[1:3] == [crit("Infection, local to the operative site"),
                              crit("Signed of local inflammation")]
    assert not is_note("Contraindication to MRI")
    # the same word among other criteria is one of them
    _, exclusion, _ = criteria_of("Exclusion Criteria:\n\n* Pregnancy\n* Contraindications\n"
                                  "* Allergy to gadolinium\n")
    assert exclusion == [crit("Pregnancy"), crit("Contraindications"),
                         crit("Allergy to gadolinium")]


def test_an_exclusion_sentence_over_its_list_without_the_word_criteria_is_a_note() -> None:
    # NCT03128268 (an API v2 download): "Exclusion Criteria:" then "Patients with any of the
    # following will be excluded:" and eight bullets, each excluding on its own.
    text = ("Inclusion Criteria:\n\n* 18 years of age or older\n\nExclusion Criteria:\n\n"
            "Patients with any of the following will be excluded:\n\n"
            "* Pacemaker or ICD implanted\n* ICDs implanted\n"
            "* A lead that is known to be fractured\n")
    _, exclusion, _ = criteria_of(text)
    assert exclusion == [
        {"text": "Patients with any of the following will be excluded:", "children": [],
         "note": True},
        crit("Pacemaker or ICD implanted"), crit("ICDs implanted"),
        crit("A lead that is known to be fractured"),
    ]
    # an inclusion sentence so written stays the parent of its alternatives
    inclusion, _, _ = criteria_of("Inclusion Criteria:\n\nPatients with any of the following "
                                  "are included:\n\n* Asthma\n* COPD\n")
    assert inclusion == [crit("Patients with any of the following are included:",
                              crit("Asthma"), crit("COPD"))]


def test_the_protocols_other_criteria_and_none_stated_are_notes() -> None:
    # NCT06917079: "* Other inclusion/exclusion criteria are specified in the protocol.";
    # NCT00258583: "Exclusion Criteria:\n\n* N/A"; NCT05039866: "-This study has no exclusion
    # criteria"
    # NCT03661047, NCT03828656: "OR" on a line of its own between two lists
    for text in ("Other inclusion/exclusion criteria are specified in the protocol.", "N/A",
                 "This study has no exclusion criteria", "None", "Not applicable", "OR",
                 "AND"):
        assert is_note(text), text
    for text in ("None of the above treatments within 4 weeks", "No prior chemotherapy",
                 "Other criteria are specified in the consent form", "ORAL", "Or a history of "
                 "asthma"):
        assert not is_note(text), text


def test_a_bullet_after_a_lead_in_is_left_to_the_lead_in() -> None:
    # "…: • A • B" after a colon: the items are the lead-in's, not its siblings; the line is
    # left as written rather than cut into three criteria side by side
    inclusion, _, _ = criteria_of("Inclusion Criteria:\n\n* Adult patients with cancer of the "
                                  "lung:• Stage IV disease confirmed • Stage III disease\n"
                                  "* Age 18 or over\n")
    assert len(inclusion) == 2 and inclusion[1] == crit("Age 18 or over")


def test_a_number_alone_after_a_classic_xml_heading_is_no_criterion() -> None:
    # the classic XML parser shares the rule of NCT01958125's "Exclusion Criteria:1."
    from test_parse_criteria_headings import xml_criteria

    _, exclusion, _ = xml_criteria("Exclusion Criteria:1.\n\n  - Pregnancy\n\n  - Asthma\n")
    assert [node["text"] for node in exclusion] == ["Pregnancy", "Asthma"]
