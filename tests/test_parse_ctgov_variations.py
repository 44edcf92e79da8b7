"""Variations of the ClinicalTrials.gov page text layout ("ctgov-text"), one small fixture each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parsers import load_file, parse_bytes, parse_text

TITLE = "Aspirin for Migraine"
OFFICIAL = "A Randomised Trial of Aspirin for Migraine in Adults"
PARTS = {
    "title": f"Title\n\n{TITLE}\n{OFFICIAL}\n",
    "bullets": (
        "  • Phase\n\n    Phase 3\n"
        "  • Study Type\n\n    Interventional\n"
        "  • Status\n\n    Recruiting\n"
        "  • Study Participants\n\n    120\n"
    ),
    "summary": "Migraine is common.\nIt is disabling.\n\nThis trial tests aspirin.\n",
    "dates": (
        "Study Started\nJan 31\n2020\n"
        "Primary Completion\nMar 31\n2023\nAnticipated\n"
        "Study Completion\nDec 31\n2023\nAnticipated\n"
        "Last Update\nNov 28\n2022\nEstimate\n"
    ),
    "items": (
        "\nDrug aspirin\n\nAspirin 300 mg tablets.\n\n"
        "Aspirin arm Experimental\n\nAspirin when a migraine starts.\n\n"
    ),
    "criteria": (
        "Criteria\n\nInclusion Criteria:\n\nAdults aged 18 to 65.\nMigraine for a year.\n\n"
        "Exclusion Criteria:\n\nPregnancy.\n"
    ),
    "results": "No Results Posted",
}
CUT_OFF = re.compile(r"cut off|truncat|incomplete|ends (inside|in the middle)", re.IGNORECASE)


def page(**overrides: str) -> str:
    """The base ClinicalTrials.gov page with some of its parts replaced."""
    parts = {**PARTS, **overrides}
    return "".join(parts[key] for key in PARTS)


def parse(**overrides: str) -> dict:
    return parse_text(page(**overrides), name="fixture.txt")


def crit(text: str, *children: dict) -> dict:
    return {"text": text, "children": list(children)}


def assert_warned(record: dict, *needles: str) -> None:
    for needle in needles:
        assert any(needle in warning for warning in record["warnings"]), (
            needle,
            record["warnings"],
        )


def assert_cut_off(record: dict) -> None:
    assert any(CUT_OFF.search(warning) for warning in record["warnings"]), record["warnings"]


SUMMARY = "Migraine is common.\nIt is disabling.\n\nThis trial tests aspirin."
# "LOCAL-" + the first 10 hex digits of the SHA-256 of TITLE, OFFICIAL and SUMMARY joined by
# spaces, whitespace collapsed and casefolded: "aspirin for migraine a randomised trial of
# aspirin for migraine in adults migraine is common. it is disabling. this trial tests aspirin."
BASE_ID = "LOCAL-7f9a99c66d"


def test_base_page() -> None:
    record = parse()
    assert record["source"]["format"] == "ctgov-text"
    assert record["title"] == TITLE
    assert record["official_title"] == OFFICIAL
    assert record["nct_id"] is None
    assert record["id"] == BASE_ID
    assert record["phases"] == ["PHASE3"]
    assert record["study_type"] == "INTERVENTIONAL"
    assert record["status"] == "RECRUITING"
    assert record["enrollment"] == {"count": 120, "type": None}
    assert record["summary"] == SUMMARY
    assert record["description"] is None
    assert record["dates"] == {
        "start": {"date": "2020-01-31", "type": "ACTUAL"},
        "primary_completion": {"date": "2023-03-31", "type": "ESTIMATED"},
        "completion": {"date": "2023-12-31", "type": "ESTIMATED"},
        "first_submitted": None,
        "first_posted": None,
        "results_first_posted": None,
        "last_update": {"date": "2022-11-28", "type": "ESTIMATED"},
        "status_verified": None,
    }
    assert record["interventions"] == [
        {
            "type": "DRUG",
            "name": "aspirin",
            "description": "Aspirin 300 mg tablets.",
            "other_names": [],
        }
    ]
    assert record["arms"] == [
        {
            "label": "Aspirin arm",
            "type": "EXPERIMENTAL",
            "description": "Aspirin when a migraine starts.",
            "interventions": [],
        }
    ]
    assert record["eligibility"]["inclusion"] == [
        crit("Adults aged 18 to 65."),
        crit("Migraine for a year."),
    ]
    assert record["eligibility"]["exclusion"] == [crit("Pregnancy.")]
    assert record["has_results"] is False
    assert record["warnings"] == []


def test_brief_title_only() -> None:
    record = parse(title=f"Title\n\n{TITLE}\n")
    assert record["title"] == TITLE
    assert record["official_title"] is None
    assert record["warnings"] == []


def test_bullets_in_any_order_each_optional() -> None:
    record = parse(
        bullets=("  • Study Participants\n\n    45\n  • Status\n\n    Not yet recruiting\n")
    )
    assert record["enrollment"] == {"count": 45, "type": None}
    assert record["status"] == "NOT_YET_RECRUITING"
    assert record["phases"] == [] and record["study_type"] is None
    assert record["summary"] == SUMMARY
    assert record["warnings"] == []


def test_empty_bullet_is_never_given_the_next_bullet() -> None:
    record = parse(
        bullets=(
            "  • Phase\n\n"
            "  • Study Type\n\n    Observational\n"
            "  • Status\n"
            "  • Study Participants\n\n    20\n"
        )
    )
    assert record["phases"] == []
    assert record["study_type"] == "OBSERVATIONAL"
    assert record["status"] is None
    assert record["enrollment"] == {"count": 20, "type": None}
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("text", "phases"),
    [
        ("Phase 1/Phase 2", ["PHASE1", "PHASE2"]),
        ("Phase 2/Phase 3", ["PHASE2", "PHASE3"]),
        ("Phase 4", ["PHASE4"]),
        ("Early Phase 1", ["EARLY_PHASE1"]),
        ("Not Applicable", ["NA"]),
    ],
)
def test_phases(text: str, phases: list[str]) -> None:
    record = parse(bullets=f"  • Phase\n\n    {text}\n  • Status\n\n    Completed\n")
    assert record["phases"] == phases
    assert record["status"] == "COMPLETED"
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Unknown status", "UNKNOWN"),
        ("Recruiting", "RECRUITING"),
        ("Not yet recruiting", "NOT_YET_RECRUITING"),
        ("Completed", "COMPLETED"),
        ("Active, not recruiting", "ACTIVE_NOT_RECRUITING"),
        ("Enrolling by invitation", "ENROLLING_BY_INVITATION"),
        ("Terminated", "TERMINATED"),
        ("Withdrawn", "WITHDRAWN"),
        ("Suspended", "SUSPENDED"),
    ],
)
def test_status_words(word: str, status: str) -> None:
    record = parse(bullets=f"  • Status\n\n    {word}\n  • Phase\n\n    Phase 2\n")
    assert record["status"] == status
    assert record["phases"] == ["PHASE2"]
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("word", "enum"),
    [
        ("Interventional", "INTERVENTIONAL"),
        ("Observational", "OBSERVATIONAL"),
        ("Expanded Access", "EXPANDED_ACCESS"),
        ("Observational [Patient Registry]", "OBSERVATIONAL"),
    ],
)
def test_study_types(word: str, enum: str) -> None:
    record = parse(bullets=f"  • Study Type\n\n    {word}\n")
    assert record["study_type"] == enum
    assert record["warnings"] == []


def test_study_participants() -> None:
    record = parse(bullets="  • Study Participants\n\n    20\n")
    assert record["enrollment"] == {"count": 20, "type": None}


def test_no_study_participants_bullet() -> None:
    record = parse(bullets="  • Phase\n\n    Phase 1\n")
    assert record["enrollment"] is None


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("Jan 31\n2010\n", {"date": "2010-01-31", "type": "ACTUAL"}),
        ("Mar 31\n2013\nAnticipated\n", {"date": "2013-03-31", "type": "ESTIMATED"}),
        ("Nov 28\n2012\nEstimate\n", {"date": "2012-11-28", "type": "ESTIMATED"}),
        ("Sep 1\n2019\n", {"date": "2019-09-01", "type": "ACTUAL"}),
        ("2019\n", {"date": "2019", "type": "ACTUAL"}),
        ("2019\nAnticipated\n", {"date": "2019", "type": "ESTIMATED"}),
    ],
)
def test_dates(lines: str, expected: dict) -> None:
    record = parse(dates=f"Study Started\n{lines}Study Completion\nDec 31\n2024\nAnticipated\n")
    assert record["dates"]["start"] == expected
    assert record["dates"]["completion"] == {"date": "2024-12-31", "type": "ESTIMATED"}
    assert record["dates"]["primary_completion"] is None
    assert record["dates"]["last_update"] is None
    assert record["warnings"] == []


def test_no_dates() -> None:
    record = parse(dates="")
    assert record["dates"] == {
        "start": None,
        "primary_completion": None,
        "completion": None,
        "first_submitted": None,
        "first_posted": None,
        "results_first_posted": None,
        "last_update": None,
        "status_verified": None,
    }
    assert record["summary"] == SUMMARY
    assert [i["name"] for i in record["interventions"]] == ["aspirin"]


# --- interventions and arms -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "enum"),
    [
        ("Biological", "BIOLOGICAL"),
        ("Drug", "DRUG"),
        ("Procedure", "PROCEDURE"),
        ("Diagnostic Test", "DIAGNOSTIC_TEST"),
        ("Other", "OTHER"),
        ("Genetic", "GENETIC"),
        ("Device", "DEVICE"),
        ("Behavioral", "BEHAVIORAL"),
        ("Dietary Supplement", "DIETARY_SUPPLEMENT"),
        ("Radiation", "RADIATION"),
        ("Combination Product", "COMBINATION_PRODUCT"),
    ],
)
def test_intervention_line(word: str, enum: str) -> None:
    record = parse(items=f"\n{word} study product X-12\n\nGiven once a day.\n\n")
    assert record["interventions"] == [
        {
            "type": enum,
            "name": "study product X-12",
            "description": "Given once a day.",
            "other_names": [],
        }
    ]
    assert record["arms"] == []
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("word", "enum"),
    [
        ("Experimental", "EXPERIMENTAL"),
        ("Active Comparator", "ACTIVE_COMPARATOR"),
        ("Placebo Comparator", "PLACEBO_COMPARATOR"),
        ("Sham Comparator", "SHAM_COMPARATOR"),
        ("No Intervention", "NO_INTERVENTION"),
        ("Other", "OTHER"),
    ],
)
def test_arm_line(word: str, enum: str) -> None:
    record = parse(items=f"\nlow dose group {word}\n\nHalf a tablet daily.\n\n")
    assert record["arms"] == [
        {
            "label": "low dose group",
            "type": enum,
            "description": "Half a tablet daily.",
            "interventions": [],
        }
    ]
    assert record["interventions"] == []
    assert record["warnings"] == []


def test_several_interventions_and_arms() -> None:
    record = parse(
        items=(
            "\nDrug aspirin\n\nAspirin 300 mg.\n\n"
            "Other placebo tablet\n\nLooks like aspirin.\nTastes like aspirin.\n\n"
            "Aspirin Experimental\n\nAspirin at onset.\n\n"
            "Placebo Placebo Comparator\n\nPlacebo at onset.\n\n"
            "Observation No Intervention\n\n"
        )
    )
    assert record["interventions"] == [
        {"type": "DRUG", "name": "aspirin", "description": "Aspirin 300 mg.", "other_names": []},
        {
            "type": "OTHER",
            "name": "placebo tablet",
            "description": "Looks like aspirin.\nTastes like aspirin.",
            "other_names": [],
        },
    ]
    assert record["arms"] == [
        {
            "label": "Aspirin",
            "type": "EXPERIMENTAL",
            "description": "Aspirin at onset.",
            "interventions": [],
        },
        {
            "label": "Placebo",
            "type": "PLACEBO_COMPARATOR",
            "description": "Placebo at onset.",
            "interventions": [],
        },
        {
            "label": "Observation",
            "type": "NO_INTERVENTION",
            "description": None,
            "interventions": [],
        },
    ]
    assert record["warnings"] == []


def test_typed_intervention_line_under_an_arm_belongs_to_the_arm() -> None:
    """An arm's "Drug: aspirin" line (as the page writes it) belongs to the arm."""
    record = parse(
        items=(
            "\nDrug aspirin\n\nAspirin 300 mg.\n\n"
            "Aspirin arm Experimental\n\nAspirin at onset.\n\nDrug: aspirin\n\n"
        )
    )
    assert record["interventions"] == [
        {"type": "DRUG", "name": "aspirin", "description": "Aspirin 300 mg.", "other_names": []}
    ]
    assert record["arms"] == [
        {
            "label": "Aspirin arm",
            "type": "EXPERIMENTAL",
            "description": "Aspirin at onset.",
            "interventions": ["Drug: aspirin"],
        }
    ]


@pytest.mark.parametrize(
    "summary",
    [
        "Drug holidays are common in migraine\n\nThis trial tests aspirin.",
        "This trial tests aspirin.\n\nOther outcomes include:\nnausea\nsleep quality",
    ],
    ids=["drug-line", "other-line"],
)
def test_summary_line_starting_with_a_type_word_stays_summary(summary: str) -> None:
    record = parse(summary=summary + "\n")
    assert record["summary"] == summary
    assert record["interventions"] == [
        {
            "type": "DRUG",
            "name": "aspirin",
            "description": "Aspirin 300 mg tablets.",
            "other_names": [],
        }
    ]
    assert [a["label"] for a in record["arms"]] == ["Aspirin arm"]


# --- criteria and results -------------------------------------------------------------------


def test_criteria_subheadings_and_unbulleted_lines() -> None:
    record = parse(
        criteria=(
            "Criteria\n\n"
            "Inclusion Criteria:\n\n"
            "Adults with migraine\n"
            "Disease duration≥2years\n\n"
            "At least 4 attacks a month\n\n"
            "Exclusion Criteria:\n\n"
            "Pregnancy\n"
            "Uncontrolled hypertension, blood pressure≥180mmHg/110 mmHg.\n"
        )
    )
    assert record["eligibility"]["inclusion"] == [
        crit("Adults with migraine"),
        crit("Disease duration≥2years"),
        crit("At least 4 attacks a month"),
    ]
    assert record["eligibility"]["exclusion"] == [
        crit("Pregnancy"),
        crit("Uncontrolled hypertension, blood pressure≥180mmHg/110 mmHg."),
    ]
    assert record["has_results"] is False
    assert record["warnings"] == []


def test_criteria_with_bullets_and_nesting() -> None:
    record = parse(
        criteria=(
            "Criteria\n\n"
            "Inclusion Criteria:\n\n"
            "  * Adults\n"
            "  * One of:\n"
            "    * migraine with aura\n"
            "    * migraine without aura\n\n"
            "Exclusion Criteria:\n\n"
            "  * Pregnancy\n"
        )
    )
    assert record["eligibility"]["inclusion"] == [
        crit("Adults"),
        crit("One of:", crit("migraine with aura"), crit("migraine without aura")),
    ]
    assert record["eligibility"]["exclusion"] == [crit("Pregnancy")]


def test_no_results_posted() -> None:
    assert parse()["has_results"] is False


# --- the LOCAL id ---------------------------------------------------------------------------


def test_local_id_is_stable_across_whitespace_line_endings_and_file_names(
    tmp_path: Path,
) -> None:
    expected = BASE_ID
    respaced = page(
        title=f"Title\n\n  {TITLE}  \n{OFFICIAL.replace(' ', '  ')}\n",
        summary="Migraine  is common.\n\nIt is\tdisabling.  \n\n\nThis trial tests aspirin.\n",
    )
    path = tmp_path / "somewhere" / "NCT00000000.txt"
    path.parent.mkdir()
    path.write_bytes(respaced.replace("\n", "\r\n").encode("utf-8"))
    ids = {
        parse_text(page())["id"],
        parse_text(page(), name="other.txt")["id"],
        parse_text(respaced)["id"],
        parse_text(page().replace("\n", "\r\n"))["id"],
        parse_text(page().replace("\n", "\r"))["id"],
        parse_bytes(page().encode("utf-16"), "u16.txt").record["id"],
        load_file(path).record["id"],
    }
    assert ids == {expected}


# --- truncated pages and unplaced lines -----------------------------------------------------


def test_truncated_in_criteria() -> None:
    text = page(
        criteria="Criteria\n\nInclusion Criteria:\n\nAdults aged 18\nMigraine for a ye", results=""
    )
    record = parse_text(text)
    assert record["title"] == TITLE
    assert record["status"] == "RECRUITING"
    assert record["eligibility"]["inclusion"] == [crit("Adults aged 18"), crit("Migraine for a ye")]
    assert record["eligibility"]["exclusion"] == []
    assert record["has_results"] is None
    assert_cut_off(record)


def test_truncated_in_dates() -> None:
    text = page(
        dates="Study Started\nJan 31\n2020\nPrimary Completion\nMar 31",
        items="",
        criteria="",
        results="",
    )
    record = parse_text(text)
    assert record["dates"]["start"] == {"date": "2020-01-31", "type": "ACTUAL"}
    assert record["dates"]["primary_completion"] is None
    assert record["summary"] == SUMMARY
    assert record["has_results"] is None
    assert_cut_off(record)


def test_truncated_in_summary() -> None:
    text = page(summary="Migraine is com", dates="", items="", criteria="", results="")
    record = parse_text(text)
    assert record["summary"] == "Migraine is com"
    assert record["phases"] == ["PHASE3"]
    assert_cut_off(record)


def test_truncated_in_bullets() -> None:
    text = page(
        bullets="  • Phase\n\n    Phase 3\n  • Study Type\n\n    Interven",
        summary="",
        dates="",
        items="",
        criteria="",
        results="",
    )
    record = parse_text(text)
    assert record["title"] == TITLE
    assert record["phases"] == ["PHASE3"]
    assert record["study_type"] is None
    assert_cut_off(record)
    assert_warned(record, "Interven")


@pytest.mark.parametrize(
    ("overrides", "unplaced"),
    [
        ({"bullets": PARTS["bullets"] + "  • Masking\n\n    Double\n"}, "Masking"),
        ({"bullets": "  • Status\n\n    Sort of going\n"}, "Sort of going"),
        ({"bullets": "  • Phase\n\n    Phase 9\n"}, "Phase 9"),
        ({"bullets": "  • Study Participants\n\n    lots\n"}, "lots"),
        ({"title": f"Title\n\n{TITLE}\n{OFFICIAL}\nA third title line\n"}, "A third title line"),
        ({"dates": PARTS["dates"] + "A stray remark after the dates.\n"}, "A stray remark"),
        ({"dates": "Study Started\nsoon-ish\n" + PARTS["dates"][14:]}, "soon-ish"),
    ],
)
def test_seen_but_not_placed_goes_to_warnings(overrides: dict, unplaced: str) -> None:
    assert_warned(parse(**overrides), unplaced)
