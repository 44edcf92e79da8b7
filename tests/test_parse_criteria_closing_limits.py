"""A sentence naming criteria of its own ("the criteria for septic shock") is a criterion, not
a sentence closing the list; and the closing-sentence and cohort-name rules cost the same
per line however long the text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_parse_ctgov_json import crit, criteria_of

import parsers.criteria_closing
from parsers.criteria_closing import closing_end, is_closing
from parsers.criteria_cohorts import cohort_labels
from parsers.ctgov_json_criteria import _is_heading


@pytest.mark.parametrize("sentence", [
    "Patients meeting any of the criteria for septic shock will be excluded",
    "Patients with two or more criteria for SIRS are eligible",
    "Participants who fulfil all four Sepsis-3 criteria are eligible",
    "Children meeting all criteria for Kawasaki disease are eligible",
    "Patients who meet one or more criteria of frailty will be enrolled",
    "Patients with any criterion of severe sepsis are excluded",
])
def test_a_sentence_naming_criteria_of_its_own_is_a_criterion(sentence: str) -> None:
    inclusion, _, _ = criteria_of(f"Inclusion Criteria:\n\n* Age 18 or older\n* {sentence}\n")
    assert inclusion == [crit("Age 18 or older"), crit(sentence)]
    assert closing_end(f"Age 18 or older. {sentence}") is None


@pytest.mark.parametrize("sentence", [
    "Patients who meet any of the above criteria will be excluded.",
    "Patients who meet all five criteria will be eligible for this study.",
    "Subjects must meet all inclusion criteria to be eligible for study enrollment.",
])
def test_sentences_looking_back_at_the_list_still_close_it(sentence: str) -> None:
    assert is_closing(sentence)


def test_a_long_criterion_is_searched_for_a_closing_sentence_only_at_its_end(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = parsers.criteria_closing.is_closing

    def counted(text: str) -> bool:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(parsers.criteria_closing, "is_closing", counted)
    text = "Patients meet any above excluded " * 6_000  # 200 KB, a capital every 33 characters
    closing_end(text)
    assert 0 < len(calls) <= 20  # the starts in the last 480 characters, not 6,000
    assert max(calls) <= 480


def test_cohort_names_ask_whether_each_line_is_a_heading_once() -> None:
    lines = ("Inclusion Criteria:\n\n"
             + "Cohort Alpha Group\n\n- item one here\n\n" * 2_000).split("\n")
    asked: list[str] = []

    def is_heading(line: str) -> bool:
        asked.append(line)
        return _is_heading(line)

    counted: Callable[[str], bool] = is_heading
    assert cohort_labels(lines, counted)  # the names are read
    assert len(asked) <= 2 * len(lines)  # not once per pair of names
