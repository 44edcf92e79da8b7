"""Eligibility criteria: a "Minor Eligibility Criteria:" label beside a major one, a sentence
closing a list written at its last item's end, "(a)." marks, and a cohort's name without a
colon over its list.
"""

from __future__ import annotations

from typing import Any

from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of


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
