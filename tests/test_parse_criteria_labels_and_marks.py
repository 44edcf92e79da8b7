"""Eligibility criteria: a "Minor Eligibility Criteria:" label beside a major one, a sentence
closing a list written at its last item's end, "(a)." marks, and a cohort's name without a
colon over its list.
"""

from __future__ import annotations

from typing import Any

from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of

from parsers.ctgov_xml_node import paragraph_text


def note(text: str) -> dict[str, Any]:
    return {"text": text, "children": [], "note": True}


# --- "Major" and "Minor Eligibility Criteria:" ------------------------------------------------


def test_minor_and_major_eligibility_labels_group_their_criteria() -> None:
    # "Major Eligibility Criteria:" alone is a label over the whole list, dropped (see
    # test_a_label_naming_the_eligibility_criteria_carries_no_criterion); beside a minor one,
    # each names its list: two groups side by side, not the major criteria loose and the minor
    # ones under a criterion "Minor Eligibility Criteria:".
    text = ("Major Eligibility Criteria:\n\n* Age 4 to \\<8 years\n* Monocular amblyopia\n\n"
            "**Minor Eligibility Criteria:**\n\n* Spectacle wear for 16 weeks\n\n"
            "Exclusion Criteria:\n\n* Myopia\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [
        crit("Major Eligibility Criteria", crit("Age 4 to <8 years"), crit("Monocular amblyopia")),
        crit("Minor Eligibility Criteria", crit("Spectacle wear for 16 weeks"))]
    assert exclusion == [crit("Myopia")]


def test_a_minor_eligibility_label_groups_its_criteria_in_a_section() -> None:
    text = ("Inclusion Criteria:\n\n* Age 4 to \\<8 years\n\n"
            "Minor Eligibility Criteria:\n\n* Spectacle wear\n* Good fixation\n\n"
            "Exclusion Criteria:\n\n* Myopia\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [crit("Age 4 to <8 years"),
                         crit("Minor Eligibility Criteria", crit("Spectacle wear"),
                              crit("Good fixation"))]
    assert exclusion == [crit("Myopia")]


def test_minor_and_major_eligibility_labels_in_a_classic_text_block() -> None:
    block = ("        Major Eligibility Criteria:\n\n"
             "          -  Age 4 to 8 years\n\n"
             "          -  Amblyopia associated with anisometropia, strabismus or both\n"
             "             combined\n\n"
             "        Minor Eligibility Criteria:\n\n"
             "          -  Spectacle wear\n\n"
             "        Exclusion Criteria:\n\n"
             "          -  Myopia\n")
    inclusion, exclusion, _ = xml_criteria(block)
    assert inclusion == [
        crit("Major Eligibility Criteria", crit("Age 4 to 8 years"),
             crit("Amblyopia associated with anisometropia, strabismus or both combined")),
        crit("Minor Eligibility Criteria", crit("Spectacle wear"))]
    assert exclusion == [crit("Myopia")]
    # without the minor label the major one is still dropped
    inclusion, _, _ = xml_criteria(block.replace(
        "        Minor Eligibility Criteria:\n\n          -  Spectacle wear\n\n", ""))
    assert inclusion == [crit("Age 4 to 8 years"),
                         crit("Amblyopia associated with anisometropia, strabismus or both "
                              "combined")]


# --- a sentence closing the list -------------------------------------------------------------


def test_a_closing_sentence_at_the_last_items_end_is_a_note_after_it() -> None:
    # a real record's last exclusion criterion: "8. Patients who are participating in other
    # clinical trials. Patients who met any of the above criteria were excluded."
    text = ("Exclusion Criteria:\n\n1. pregnant or lactating women;\n"
            "2. Patients who are participating in other clinical trials. Patients who met any of "
            "the above criteria were excluded.\n")
    _, exclusion, _ = criteria_of(text)
    assert exclusion == [crit("pregnant or lactating women;"),
                         crit("Patients who are participating in other clinical trials."),
                         note("Patients who met any of the above criteria were excluded.")]


def test_a_closing_sentence_written_as_the_last_items_paragraph_is_a_note_after_it() -> None:
    text = ("Exclusion Criteria:\n\n1. Pregnancy\n2. Known HIV infection\n\n"
            "   Patients meeting any of the above will be excluded.\n")
    _, exclusion, _ = criteria_of(text)
    assert exclusion == [crit("Pregnancy"), crit("Known HIV infection"),
                         note("Patients meeting any of the above will be excluded.")]
    # so is the registry's note
    _, exclusion, _ = criteria_of(text.replace(
        "Patients meeting any of the above will be excluded.",
        "Other protocol-defined exclusion criteria may apply."))
    assert exclusion[1:] == [crit("Known HIV infection"),
                             note("Other protocol-defined exclusion criteria may apply.")]
    # an item's own note stays under it, and so does an item's wrapped paragraph
    _, exclusion, _ = criteria_of(text.replace(
        "Patients meeting any of the above will be excluded.",
        "Note: Participants with treated HIV and an undetectable viral load are eligible."))
    assert exclusion[1] == {"text": "Known HIV infection", "children": [note(
        "Note: Participants with treated HIV and an undetectable viral load are eligible.")]}
    _, exclusion, _ = criteria_of(text.replace(
        "Patients meeting any of the above will be excluded.",
        "Patients with any of these conditions will be excluded."))
    assert exclusion[1] == crit("Known HIV infection",
                                crit("Patients with any of these conditions will be excluded."))


def test_a_closing_sentence_that_lost_its_full_stop_closes_the_sub_list() -> None:
    # NCT01925131 (classic XML): the HIV criterion's last sub-item "No zidovudine or stavudine
    # as part of cART Patients who are HIV+ and do not meet all of these criteria are not
    # eligible for this study" (the sentence's full stop and line break lost)
    block = ("        Inclusion Criteria:\n\n"
             "          -  Patients who are known to be HIV+ are eligible providing they meet all"
             " of the\n"
             "             following additional criteria:\n\n"
             "               -  CD4+ cells >= 350/mm^3 (nadir)\n\n"
             "               -  No zidovudine or stavudine as part of cART Patients who are HIV+"
             " and do not meet\n"
             "                  all of these criteria are not eligible for this study\n\n"
             "          -  Patients must have complete history and physical examination\n")
    inclusion, _, _ = xml_criteria(block)
    assert inclusion == [
        crit("Patients who are known to be HIV+ are eligible providing they meet all of the "
             "following additional criteria:",
             crit("CD4+ cells >= 350/mm^3 (nadir)"),
             crit("No zidovudine or stavudine as part of cART"),
             note("Patients who are HIV+ and do not meet all of these criteria are not eligible "
                  "for this study")),
        crit("Patients must have complete history and physical examination")]


def test_a_sentence_adding_a_condition_after_its_look_back_is_a_criterion() -> None:
    text = ("Inclusion Criteria:\n\n* Fever\n* Cough\n"
            "* Age 18 or older. Patients with one of the above criteria and a CD4 count below 200"
            " are eligible.\n")
    inclusion, _, _ = criteria_of(text)
    assert inclusion[-1] == crit("Age 18 or older. Patients with one of the above criteria and a"
                                 " CD4 count below 200 are eligible.")


# --- "(a)." marks ------------------------------------------------------------------------------


def test_marks_with_a_full_stop_after_the_bracket_are_list_marks() -> None:
    # "(a)." read as "(a)" is: the mark removed, the items under the criterion leading in
    text = ("Exclusion Criteria:\n\n1. Radiotherapy within 2 weeks\n"
            "2. Any of the following cardiac criteria at screening:\n\n"
            "   (a). Mean resting corrected QT interval (QTcF) of 470 ms or more\n"
            "   (b). Uncontrolled hypertension\n3. Pregnancy\n")
    _, exclusion, _ = criteria_of(text)
    assert exclusion == [
        crit("Radiotherapy within 2 weeks"),
        crit("Any of the following cardiac criteria at screening:",
             crit("Mean resting corrected QT interval (QTcF) of 470 ms or more"),
             crit("Uncontrolled hypertension")),
        crit("Pregnancy")]


def test_a_list_marked_with_full_stops_after_the_brackets_on_one_line_is_split() -> None:
    # a real record's exclusion criteria, one bulleted line: "* (1). mild to moderate
    # persistent asthma (2). COPD or other lung diseases (3). malignancy …"
    _, exclusion, _ = criteria_of(
        "Exclusion Criteria:\n\n* (1). mild to moderate persistent asthma (2). COPD or other lung"
        " diseases (3). malignancy (4). long-term O2 therapy more than 15 hours/day\n")
    assert exclusion == [crit("mild to moderate persistent asthma"),
                         crit("COPD or other lung diseases"), crit("malignancy"),
                         crit("long-term O2 therapy more than 15 hours/day")]
    # another's: a criterion leading into its run "(1). … (2). … (3). …"
    inclusion, _, _ = criteria_of(
        "Inclusion Criteria:\n\n* Stable medical condition: (1). Neurological condition: not "
        "deteriorated for more than 72 hours. (2). Vital signs are stable for more than 72 hours."
        " (3). No complications such as infection.\n* Aged over 20 years old\n")
    assert inclusion == [
        crit("Stable medical condition:",
             crit("Neurological condition: not deteriorated for more than 72 hours."),
             crit("Vital signs are stable for more than 72 hours."),
             crit("No complications such as infection.")),
        crit("Aged over 20 years old")]


def test_letters_with_full_stops_after_the_brackets_on_one_line_are_split() -> None:
    # a real record's "(a). … (b). … (c). … (d) …" (one mark written without its full stop)
    _, exclusion, _ = criteria_of(
        "Exclusion Criteria:\n\n1. Any of the following cardiac criteria at screening:\n\n"
        "   (a). Mean resting QTcF of 470 ms or more (b). Any clinically important abnormalities"
        " in cardiac rhythm (c). Uncontrolled hypotension (d) uncontrolled hypertension\n"
        "2. Previous organ transplant.\n")
    assert exclusion == [
        crit("Any of the following cardiac criteria at screening:",
             crit("Mean resting QTcF of 470 ms or more"),
             crit("Any clinically important abnormalities in cardiac rhythm"),
             crit("Uncontrolled hypotension"), crit("uncontrolled hypertension")),
        crit("Previous organ transplant.")]


def test_a_wrapped_line_opening_with_a_numeral_and_a_full_stop_goes_on() -> None:
    # NCT00001852 (classic XML): "… any 3 of the 4 objective criteria (III, IV, V," / "VI). For
    # secondary Sjogren s syndrome, …": the wrap's line, no item
    block = ("        Inclusion Criteria:\n\n"
             "        Diagnostic criteria: any 3 of the 4 objective criteria (III, IV, V,\n"
             "        VI). For secondary Sjogren s syndrome, one symptom (I or II).\n")
    inclusion, _, _ = xml_criteria(block)
    assert inclusion == [crit("Diagnostic criteria: any 3 of the 4 objective criteria (III, IV, "
                              "V, VI). For secondary Sjogren s syndrome, one symptom (I or II).")]


# --- a cohort's name without a colon -----------------------------------------------------------


def test_a_cohorts_name_opening_both_sections_leads_into_its_lists() -> None:
    # a real record: "New to NightWare" over the inclusion and over the exclusion criteria of
    # one cohort, then "OR" and the other cohort's ("Current NightWare User")
    text = ("Inclusion Criteria:\n\nNew to NightWare\n\n* Self report of diagnosis with PTSD\n"
            "* Equal to or older than 18 years of age.\n\nOR\n\n"
            "Current NightWare user - Is a participant in current NightWare consumer preference "
            "study.\n\n"
            "Exclusion Criteria:\n\nNew to NightWare\n\n* Known diagnosis of OSA\n"
            "* Diagnosis of narcolepsy\n\nOR\n\nCurrent NightWare User\n\n"
            "- No known adverse reaction to the use of the NightWare system.\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [
        crit("New to NightWare", crit("Self report of diagnosis with PTSD"),
             crit("Equal to or older than 18 years of age.")),
        note("OR"),
        crit("Current NightWare user - Is a participant in current NightWare consumer "
             "preference study.")]
    assert exclusion == [
        crit("New to NightWare", crit("Known diagnosis of OSA"), crit("Diagnosis of narcolepsy")),
        note("OR"),
        crit("Current NightWare User",
             crit("No known adverse reaction to the use of the NightWare system."))]


def test_a_name_opening_a_section_leads_in_when_another_follows_a_list() -> None:
    # a real record: "Postprostatectomy Erectile Dysfunction" and its list, then "Diabetes-
    # associated Erectile Dysfunction" and its own
    text = ("Inclusion Criteria:\n\nPostprostatectomy Erectile Dysfunction\n\n"
            "* A man aged 20 or older\n* IIEF, EF domain score is under 17\n\n"
            "Diabetes-associated Erectile Dysfunction\n\n"
            "* HbA1c is between 6.5% and 10%\n* IIEF, EF domain score is under 17\n")
    inclusion, _, _ = criteria_of(text)
    assert inclusion == [
        crit("Postprostatectomy Erectile Dysfunction", crit("A man aged 20 or older"),
             crit("IIEF, EF domain score is under 17")),
        crit("Diabetes-associated Erectile Dysfunction", crit("HbA1c is between 6.5% and 10%"),
             crit("IIEF, EF domain score is under 17"))]


def test_a_short_first_criterion_without_other_names_stays_a_criterion() -> None:
    # "Male" (or "History of CABG surgery") opening a section, then the list: the section's
    # first criterion, as before, when no other list is named so
    text = ("Inclusion Criteria:\n\nMale\n\n* History of erectile dysfunction\n"
            "* At least 18 years of age\n\nExclusion Criteria:\n\nHistory of CABG surgery\n\n"
            "* Unstable angina pectoris\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [crit("Male"), crit("History of erectile dysfunction"),
                         crit("At least 18 years of age")]
    assert exclusion == [crit("History of CABG surgery"), crit("Unstable angina pectoris")]


def test_a_citation_at_a_wrapped_lines_start_is_no_mark() -> None:
    # in prose the registry's wrap may put "(1). " at a line's start: the end of a sentence
    # citing a reference, joined to the line above (NCT04347408's description: "… a roughly
    # 30 kb genome" / "(1). The majority of coronaviruses …")
    assert paragraph_text("  Coronaviruses have a roughly 30 kb genome\n"
                          "  (1). The majority of coronaviruses cause disease.\n") == (
        "Coronaviruses have a roughly 30 kb genome (1). The majority of coronaviruses cause "
        "disease.")
    # and so in a criteria text block, under a line that has not ended
    inclusion, _, _ = xml_criteria("        Inclusion Criteria:\n\n"
                                   "        Adults with sepsis as defined by the guideline\n"
                                   "        (1). Patients must be able to consent.\n")
    assert inclusion == [crit("Adults with sepsis as defined by the guideline (1). Patients "
                              "must be able to consent.")]


# --- a list item announcing the list ----------------------------------------------------------


def test_a_list_item_announcing_the_criteria_is_their_heading() -> None:
    # NCT05743218: "- The inclusion criteria are as follows:" over a numbered list is the
    # heading of that list, not a criterion holding it (the numbered list and an item after a
    # blank line stay side by side).
    text = ("Inclusion Criteria:\n\n- The inclusion criteria are as follows:\n\n"
            "1. Aged 18 to 40 years.\n2. No other treatment.\n\n"
            "(3) Signed informed consent.\n\n"
            "Exclusion Criteria:\n\n* The exclusion criteria for the case group are:\n\n"
            "  * Pregnancy\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [crit("Aged 18 to 40 years."), crit("No other treatment."),
                         crit("Signed informed consent.")]
    assert exclusion == [crit("The exclusion criteria for the case group are",
                              crit("Pregnancy"))]


def test_a_list_item_about_criteria_is_still_a_criterion() -> None:
    text = ("Exclusion Criteria:\n\n* Patients without inclusion criteria are excluded:\n\n"
            "  * Pregnancy\n")
    _, exclusion, _ = criteria_of(text)
    assert exclusion == [crit("Patients without inclusion criteria are excluded:",
                              crit("Pregnancy"))]
