"""Eligibility criteria trees: defects a review found in the rules of the last rounds
("Inclusion of …" headings, a paragraph's open end, numbered runs on one line, lower-case
paragraphs after a lead-in, "… criteria after …" headings)."""

from __future__ import annotations

from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of

# --- 1. "Inclusion of Women and Minorities": the NIH's names only, its paragraphs only -------


def test_inclusion_of_women_and_minorities_takes_its_paragraphs_only() -> None:
    text = ("Exclusion Criteria:\n\n* Prior chemotherapy\n\nInclusion of Women and Minorities\n\n"
            "Women and members of all minority groups are eligible.\n\n* Known HIV infection")
    assert criteria_of(text)[:2] == (
        [crit("Inclusion of Women and Minorities",
              crit("Women and members of all minority groups are eligible."))],
        [crit("Prior chemotherapy"), crit("Known HIV infection")])
    block = ("Exclusion Criteria:\n\n  -  Prior chemotherapy\n\n"
             "Inclusion of Women and Minorities\n\nWomen are eligible.\n\n"
             "  -  Known HIV infection\n")
    assert xml_criteria(block)[:2] == (
        [crit("Inclusion of Women and Minorities", crit("Women are eligible."))],
        [crit("Prior chemotherapy"), crit("Known HIV infection")])


def test_inclusion_of_names_the_nih_sections_in_any_case() -> None:
    for line in ("INCLUSION OF WOMEN, MINORITIES, AND CHILDREN:", "inclusion of minorities & women",
                 "Inclusion of Women and Minorities:"):
        text = f"Exclusion Criteria:\n\n* Pregnant\n\n{line}\n\nAll are eligible.\n\n* Prisoners\n"
        assert criteria_of(text)[:2] == (
            [crit(line.removesuffix(":"), crit("All are eligible."))],
            [crit("Pregnant"), crit("Prisoners")]), line


def test_other_inclusion_of_lines_are_criteria() -> None:
    for line in ("Inclusion of Children", "Inclusion of Patients With Brain Metastases"):
        text = f"Exclusion Criteria:\n\n* Pregnant\n\n{line}\n\nNone are eligible.\n\n* Prisoners\n"
        assert criteria_of(text)[:2] == (
            [], [crit("Pregnant"), crit(line), crit("None are eligible."), crit("Prisoners")]), line


# --- 2. a paragraph's open end: only its end is read ----------------------------------------


def test_a_long_paragraph_is_read_by_its_end() -> None:
    # _OPEN_END searched the whole paragraph from every word: "i, " * 16666 took 33 s
    long = ("i, " * 16666).rstrip()
    text = f"Exclusion Criteria:\n\n{long}\n\n* Pregnant\n\n{'x' * 50000} with\n\n* Smokers\n"
    assert criteria_of(text)[:2] == (
        [], [crit(long), crit("Pregnant"), crit(f"{'x' * 50000} with", crit("Smokers"))])


def test_open_ends() -> None:
    from parsers.criteria_lines import leads_into
    assert [leads_into(text) for text in (
        "Patients with", "Patients with:  ", "one of the (following)", "(following)", "AND",
        "x-with", "a x-with", "Patients 2with", "History of\t", "Systolic blood pressure")] == [
        True, True, True, True, False, False, True, False, True, False]


# --- 3. a line's own run before a lead run ----------------------------------------------------


def test_an_own_run_before_a_lead_run_is_split_first() -> None:
    # NCT00003394: a line numbered (1) holding its own run, then a run from (1) after "all of:"
    text = ("Inclusion Criteria:\n\n* (1) A (2) B (3) C. X must meet all of: (1) D (2) E (3) F\n"
            "* (4) G\n")
    expected = [crit("A"), crit("B"),
                crit("C. X must meet all of:", crit("D"), crit("E"), crit("F")), crit("G")]
    assert criteria_of(text)[0] == expected
    block = ("Inclusion Criteria:\n\n  1. A 2. B 3. C. X must meet all of: 1. D 2. E 3. F\n\n"
             "  4. G\n")
    assert xml_criteria(block)[0] == expected


def test_a_lead_run_before_the_own_numbers_stays_the_lead_run() -> None:
    text = ("Inclusion Criteria:\n\n* 1. Age\n* 2. One of the following: 1. A 2. B 3. C 4. D\n"
            "* 3. Consent\n")
    assert criteria_of(text)[0] == [
        crit("Age"), crit("One of the following:", crit("A"), crit("B"), crit("C"), crit("D")),
        crit("Consent")]


# --- 4. several lower-case paragraphs after a lead-in ----------------------------------------


def test_several_lower_case_paragraphs_are_the_lead_ins_children() -> None:
    # NCT06383949: "Patients with any of the following:" and one condition a paragraph: the
    # first was glued onto the lead-in, the others its siblings
    text = ("Exclusion Criteria:\n\n* Pregnant\n\nPatients with any of the following:\n\n"
            "hypertension requiring two or more drugs\n\ndiabetes mellitus type 1\n\n"
            "chronic kidney disease\n\n* Smokers\n")
    assert criteria_of(text)[1] == [
        crit("Pregnant"),
        crit("Patients with any of the following:",
             crit("hypertension requiring two or more drugs"), crit("diabetes mellitus type 1"),
             crit("chronic kidney disease")),
        crit("Smokers")]


def test_one_lower_case_paragraph_continues_the_lead_in() -> None:
    text = ("Exclusion Criteria:\n\n* Conditions that may interfere with:\n\n"
            "informed consent, or the follow-up\n\nInclusion Criteria:\n\nadults\n")
    assert criteria_of(text)[:2] == (
        [crit("adults")],
        [crit("Conditions that may interfere with: informed consent, or the follow-up")])
    text = ("Exclusion Criteria:\n\nPatients with\n\nhypertension\n\nnephropathy\n\n* Smokers\n")
    assert criteria_of(text)[1] == [
        crit("Patients with"), crit("hypertension"), crit("nephropathy"), crit("Smokers")]


# --- 5. a wrapped line going on a split run ---------------------------------------------------


def test_a_wrapped_line_going_on_a_split_run_is_beside_its_items() -> None:
    # NCT00005764: "(c) … (1) shortness of breath, (2) weakness, (3) fast heartbeat," then a
    # wrapped line "(4) recent weight loss … (5) … (6) …": (4)-(6) were under (3)
    block = ("Inclusion Criteria:\n\n  -  Symptomatic anemia, i.e.: (1) shortness of breath, "
             "(2) weakness, (3) fast heartbeat,\n       (4) recent weight loss, (5) fatigue, "
             "(6) pallor\n\n  -  Age over 18\n")
    assert xml_criteria(block)[0] == [
        crit("Symptomatic anemia, i.e.:", crit("shortness of breath,"), crit("weakness,"),
             crit("fast heartbeat,"), crit("recent weight loss,"), crit("fatigue,"),
             crit("pallor")),
        crit("Age over 18")]


# --- 6. numbers in long texts -----------------------------------------------------------------


def test_numbers_in_a_long_text_are_read_once() -> None:
    # each number counted the brackets and copied the text before it: 2.2 s at 200,000
    # characters
    long = ("(x 1) " * 33333).rstrip()
    assert criteria_of(f"Inclusion Criteria:\n\n* {long}\n")[0] == [crit(long)]


# --- 7. a heading saying when: a time, no verb ------------------------------------------------


def test_a_sentence_or_a_span_after_the_heading_words_is_no_heading() -> None:
    for line in ("Exclusion criteria after enrollment lead to withdrawal",
                 "Exclusion criteria after 2 weeks"):
        text = f"Exclusion Criteria:\n\n* Pregnant\n\n{line}\n\n* Prisoners\n"
        assert criteria_of(text)[:2] == (
            [], [crit("Pregnant"), crit(line), crit("Prisoners")]), line
    text = ("Exclusion Criteria:\n\n* Pregnant\n\nExclusion criteria determined after tissue "
            "explant\n\n* Infection\n")
    assert criteria_of(text)[1] == [
        crit("Pregnant"),
        crit("Exclusion criteria determined after tissue explant", crit("Infection"))]
