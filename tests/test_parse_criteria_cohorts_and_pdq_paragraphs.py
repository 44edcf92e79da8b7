"""Eligibility criteria of the classic XML and of API v2 JSON: a cohort's name over its
Inclusion and Exclusion headings, the PDQ layout written as paragraphs (sub-headings over
paragraphs), and a note alone before the first heading (no warning).
"""

from __future__ import annotations

from typing import Any

from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of


def note(text: str) -> dict[str, Any]:
    return {"text": text, "children": [], "note": True}


# --- a cohort's name over its headings (classic XML) -------------------------------------------


COHORTS = """\
        Surgical cohort

        Inclusion Criteria:

          -  all adults that underwent surgical intervention on the proximal
             aorta in Scotland.

        Exclusion Criteria:

          -  Isolated surgery on the descending thoracic aorta

        Non-surgical cohort

        Inclusion Criteria:

        - all adult patients with a diagnosis of thoracic aortic disease
"""


def test_a_cohort_name_groups_the_criteria_of_the_headings_after_it() -> None:
    # NCT05389865 (classic XML): "Non-surgical cohort" was an exclusion criterion and the
    # criteria lost which cohort they are for
    inclusion, exclusion, warnings = xml_criteria(COHORTS)
    assert inclusion == [
        crit("Surgical cohort", crit("all adults that underwent surgical intervention on the "
                                     "proximal aorta in Scotland.")),
        crit("Non-surgical cohort",
             crit("all adult patients with a diagnosis of thoracic aortic disease"))]
    assert exclusion == [crit("Surgical cohort",
                              crit("Isolated surgery on the descending thoracic aorta"))]
    assert warnings == []


def test_a_copied_registry_field_is_no_cohort_name() -> None:
    # NCT01122472: the page's "Accepts Healthy Volunteers: No" above "Inclusion Criteria:"
    # does not name whom the criteria are for
    block = ("        Accepts Healthy Volunteers: No\n\n        Inclusion Criteria:\n\n"
             "          -  Aged 60 to 80\n\n        Exclusion Criteria:\n\n"
             "          -  Burkitt lymphoma\n")
    inclusion, exclusion, _ = xml_criteria(block)
    assert inclusion == [crit("Accepts Healthy Volunteers: No"), crit("Aged 60 to 80")]
    assert exclusion == [crit("Burkitt lymphoma")]


def test_a_cohort_name_in_markdown_groups_its_headings_too() -> None:
    text = ("Surgical cohort\n\nInclusion Criteria:\n\n* adults operated\n\n"
            "Exclusion Criteria:\n\n* Isolated surgery\n\nNon-surgical cohort\n\n"
            "Inclusion Criteria:\n\n* adults with disease\n")
    inclusion, exclusion, _ = criteria_of(text)
    assert inclusion == [crit("Surgical cohort", crit("adults operated")),
                         crit("Non-surgical cohort", crit("adults with disease"))]
    assert exclusion == [crit("Surgical cohort", crit("Isolated surgery"))]


# --- the PDQ layout written as paragraphs ------------------------------------------------------


PDQ_PARAGRAPHS = """\
        PRIOR/CURRENT THERAPY:

        Chemotherapy:

        At least 4 weeks since prior chemotherapy.

        No concurrent chemotherapy.

        Surgery: Not specified.

        At least 1 week since CNS therapy.

        PATIENT CHARACTERISTICS:

        Age: 2 to 25

        Hepatic:

        Bilirubin less than 2.0 mg/dL.

        Transaminases less than 3 times normal.

        Renal:

        Creatinine less than 1.5 mg/dL.
"""


def test_pdq_sub_headings_over_paragraphs_group_them() -> None:
    # NCT00001300, NCT00001333 (classic XML, 1999-2005): "Hepatic:" and its paragraphs were
    # siblings, the sub-heading a criterion of its own; "PRIOR/CURRENT THERAPY" is a section
    inclusion, exclusion, warnings = xml_criteria(PDQ_PARAGRAPHS)
    assert inclusion == [
        crit("PRIOR/CURRENT THERAPY",
             crit("Chemotherapy", crit("At least 4 weeks since prior chemotherapy."),
                  crit("No concurrent chemotherapy.")),
             crit("Surgery: Not specified."),
             crit("At least 1 week since CNS therapy.")),
        crit("PATIENT CHARACTERISTICS",
             crit("Age: 2 to 25"),
             crit("Hepatic", crit("Bilirubin less than 2.0 mg/dL."),
                  crit("Transaminases less than 3 times normal.")),
             crit("Renal", crit("Creatinine less than 1.5 mg/dL.")))]
    assert exclusion == [] and warnings == []


ACTG = """\
        Concurrent Medication:

        Allowed:

        Vitamins if already being taken prior to start of therapy.

        Required:

        Approved antiretroviral therapy.

        Patients must have:

          -  CD4 count below 200.
"""


def test_an_actg_sub_heading_over_a_paragraph_keeps_it() -> None:
    # NCT00000629, NCT00002188: the paragraph after "Allowed:" / "Required:" left the
    # category and became a criterion of its own at the top
    inclusion, _, _ = xml_criteria(ACTG)
    assert inclusion[0] == crit(
        "Concurrent Medication",
        crit("Allowed", crit("Vitamins if already being taken prior to start of therapy.")),
        crit("Required", crit("Approved antiretroviral therapy.")))


# --- notes before the first heading ------------------------------------------------------------


def test_a_sponsor_pointer_is_a_note_without_a_warning() -> None:
    # Bristol-Myers Squibb opens its criteria with where to learn more about taking part: it
    # was inclusion criterion 1, with a warning that criteria came before the heading
    block = ("        For more information regarding BMS clinical trial participation, please "
             "visit\n        www.BMSStudyConnect.com\n\n        Inclusion Criteria:\n\n"
             "          -  Rheumatoid arthritis\n")
    inclusion, _, warnings = xml_criteria(block)
    assert inclusion == [
        note("For more information regarding BMS clinical trial participation, please visit "
             "www.BMSStudyConnect.com"),
        crit("Rheumatoid arthritis")]
    assert warnings == []


def test_a_pointer_stating_a_requirement_stays_a_criterion() -> None:
    inclusion, _, warnings = criteria_of(
        "For more information please call the site: participants must register before "
        "screening\n\nInclusion Criteria:\n\n* Adults\n")
    assert inclusion[0] == crit(
        "For more information please call the site: participants must register before "
        "screening")
    assert [warning.split(": ", 1)[1] for warning in warnings] == [
        "criteria before the first Inclusion/Exclusion heading kept as inclusion"]


def test_the_placeholder_alone_gives_no_warning() -> None:
    inclusion, _, warnings = xml_criteria("        Please contact site for information.\n")
    assert inclusion == [note("Please contact site for information.")]
    assert warnings == []


# --- bullets typed at a lead-in's own indentation (classic XML) --------------------------------


TYPED_BULLETS = """\
        Inclusion Criteria:

          -  Written informed consent obtained from the subject.

        Subjects of the seropositive reference group should in addition satisfy the following
        criterion:

        • Subjects who participated in the screening visit of the primary study.

        Exclusion Criteria:

          -  Use of any investigational product.
"""


def test_typed_bullets_under_a_lead_in_are_its_items() -> None:
    # NCT01357915: the "•" item at the paragraph's own indentation was a criterion beside
    # the sentence leading into it, which was left without its one criterion
    inclusion, exclusion, _ = xml_criteria(TYPED_BULLETS)
    assert inclusion == [
        crit("Written informed consent obtained from the subject."),
        crit("Subjects of the seropositive reference group should in addition satisfy the "
             "following criterion:",
             crit("Subjects who participated in the screening visit of the primary study."))]
    assert exclusion == [crit("Use of any investigational product.")]


def test_typed_bullets_after_a_sentence_stay_beside_it() -> None:
    block = TYPED_BULLETS.replace("following\n        criterion:", "criteria below.")
    inclusion, _, _ = xml_criteria(block)
    assert [node["text"] for node in inclusion][-1] == (
        "Subjects who participated in the screening visit of the primary study.")
