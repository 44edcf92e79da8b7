"""Variations of the ClinicalTrials.Veeva page layout ("veeva-text"), one small fixture each."""

from __future__ import annotations

import hashlib
import re
import textwrap
from pathlib import Path

import pytest

from parsers import load_file, parse_bytes, parse_text

BRAND = "ClinicalTrials.Veeva\n\nMenu\n\n"
TITLE = "Aspirin for Migraine in Adults"
HEADER = f"{BRAND}{TITLE}\n\nA\n\nAcme Pharma\n\n"
FOOTER = (
    "\nLoading...\n\nData sourced from clinicaltrials.gov\n\nClinical trials\n\n"
    "Find clinical trialsTrials by location\n© Copyright 2026 Veeva Systems\n"
)
NO_DESIGN = {
    "primary_purpose": None,
    "allocation": None,
    "intervention_model": None,
    "masking": None,
    "masked": [],
    "model_description": None,
    "masking_description": None,
}
CUT_OFF = re.compile(r"cut off|truncat|incomplete|ends (inside|in the middle)", re.IGNORECASE)


def page(body: str, header: str = HEADER, footer: str = FOOTER) -> str:
    """A Veeva page: header, the (dedented) body, then the footer."""
    return header + textwrap.dedent(body).strip("\n") + "\n" + footer


def parse(body: str, header: str = HEADER, footer: str = FOOTER) -> dict:
    return parse_text(page(body, header, footer), name="fixture.txt")


def crit(text: str, *children: dict) -> dict:
    return {"text": text, "children": list(children)}


def strings(value: object) -> list[str]:
    """Every string anywhere inside a record value."""
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) else []


def local_id(*parts: str) -> str:
    basis = " ".join(" ".join(parts).split()).casefold()
    return "LOCAL-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:10]


def assert_warned(record: dict, *needles: str) -> None:
    for needle in needles:
        assert any(needle in warning for warning in record["warnings"]), (
            needle,
            record["warnings"],
        )


# --- headings: any order, each optional, empty ones stay empty --------------------------------


def test_headings_in_any_order() -> None:
    record = parse(
        """
        Identifiers

        NCT01234567

        Ages

        18+ years old

        About

        A short summary.

        Status

        Enrolling
        Phase 3

        Sex

        Female

        Conditions

        Migraine
        """
    )
    assert record["nct_id"] == "NCT01234567" and record["id"] == "NCT01234567"
    assert record["eligibility"]["min_age"] == {"value": 18, "unit": "YEARS"}
    assert record["eligibility"]["max_age"] is None
    assert record["summary"] == "A short summary."
    assert record["status"] == "RECRUITING"
    assert record["phases"] == ["PHASE3"]
    assert record["eligibility"]["sex"] == "FEMALE"
    assert record["conditions"] == ["Migraine"]
    assert record["title"] == TITLE and record["sponsor"] == "Acme Pharma"
    assert record["study_type"] is None and record["enrollment"] is None
    assert record["description"] is None and record["design"] == NO_DESIGN
    assert record["warnings"] == []


def test_every_heading_is_optional() -> None:
    record = parse(
        """
        About

        Only a summary on this page.
        """
    )
    assert record["title"] == TITLE
    assert record["sponsor"] == "Acme Pharma"
    assert record["summary"] == "Only a summary on this page."
    assert record["status"] is None and record["phases"] == []
    assert record["conditions"] == [] and record["interventions"] == []
    assert record["other_ids"] == [] and record["nct_id"] is None
    assert record["eligibility"]["inclusion"] == [] and record["eligibility"]["exclusion"] == []
    assert record["arms"] == [] and record["group_count"] is None
    assert record["locations_count"] is None
    assert record["warnings"] == []


EMPTY_HEADINGS = [
    "Status and phase",
    "Conditions",
    "Treatments",
    "Study type",
    "Funder types",
    "Identifiers",
    "About",
    "Full description",
    "Enrollment",
    "Sex",
    "Ages",
    "Volunteers",
    "Inclusion criteria",
    "Exclusion criteria",
    "Trial design",
    "Primary purpose",
    "Allocation",
    "Interventional model",
    "Masking",
]


@pytest.mark.parametrize("blank", ["\n", "\n\n"], ids=["no-blank-lines", "blank-lines"])
def test_empty_headings_are_never_given_the_next_heading(blank: str) -> None:
    body = blank.join(EMPTY_HEADINGS) + blank + "Trial contacts and locations" + blank + "2\n"
    record = parse(body)
    assert record["status"] is None and record["phases"] == []
    assert record["conditions"] == [] and record["interventions"] == []
    assert record["study_type"] is None and record["funder_types"] == []
    assert record["nct_id"] is None and record["other_ids"] == []
    assert record["summary"] is None and record["description"] is None
    assert record["enrollment"] is None
    assert record["eligibility"] == {
        "sex": None,
        "gender_based": None,
        "gender_description": None,
        "min_age": None,
        "max_age": None,
        "healthy_volunteers": None,
        "inclusion": [],
        "exclusion": [],
    }
    assert record["design"] == NO_DESIGN
    assert record["arms"] == [] and record["group_count"] is None
    assert record["locations_count"] == 2
    assert record["warnings"] == []


def test_empty_heading_then_a_heading_with_a_value() -> None:
    record = parse(
        """
        Enrollment

        Sex

        Female

        Ages
        Volunteers
        Accepts Healthy Volunteers
        """
    )
    assert record["enrollment"] is None
    assert record["eligibility"]["sex"] == "FEMALE"
    assert record["eligibility"]["min_age"] is None and record["eligibility"]["max_age"] is None
    assert record["eligibility"]["healthy_volunteers"] is True
    assert record["warnings"] == []


def test_inline_inclusion_criteria_line_in_full_description_stays_description() -> None:
    record = parse(
        """
        Full description

        Patients are screened at the first visit.
        Inclusion criteria: adults with migraine for at least one year.
        Exclusion criteria: pregnancy.

        Enrollment

        40 patients
        """
    )
    assert record["description"] == (
        "Patients are screened at the first visit.\n"
        "Inclusion criteria: adults with migraine for at least one year.\n"
        "Exclusion criteria: pregnancy."
    )
    assert record["eligibility"]["inclusion"] == []
    assert record["eligibility"]["exclusion"] == []
    assert record["enrollment"] == {"count": 40, "type": "ACTUAL"}
    assert record["warnings"] == []


def test_summary_and_description_paragraphs() -> None:
    record = parse(
        """
        About

        First paragraph, line one.
        First paragraph, line two.

        Second paragraph.

        Full description

        Only one paragraph ≥ 2 × 3 · 4 、 five.
        """
    )
    assert record["summary"] == (
        "First paragraph, line one.\nFirst paragraph, line two.\n\nSecond paragraph."
    )
    assert record["description"] == "Only one paragraph ≥ 2 × 3 · 4 、 five."


# --- the page header ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "sponsor"),
    [
        pytest.param(f"{BRAND}{TITLE}\n\nA\n\nAcme Pharma\n\n", "Acme Pharma", id="avatar"),
        pytest.param(f"{BRAND}{TITLE}\n\n7\n\n7 Hills Pharma\n\n", "7 Hills Pharma", id="digit"),
        pytest.param(
            f"{BRAND}{TITLE}\n\nAcme Pharma logo\n\nAcme Pharma\n\n", "Acme Pharma", id="logo"
        ),
        pytest.param(f"{BRAND}{TITLE}\n\n", None, id="title-only"),
        pytest.param(f"{TITLE}\n\nA\n\nAcme Pharma\n\n", "Acme Pharma", id="no-brand"),
    ],
)
def test_header_variants(header: str, sponsor: str | None) -> None:
    body = "Status and phase\n\nCompleted\nPhase 2\n\nConditions\n\nMigraine\n\nSex\n\nAll\n"
    record = parse(body, header=header)
    assert record["title"] == TITLE
    assert record["sponsor"] == sponsor
    assert record["status"] == "COMPLETED"
    assert record["conditions"] == ["Migraine"]
    assert record["warnings"] == []


# --- status and phase -----------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["Status and phase", "Status"])
def test_status_heading_and_phases_one_per_line_higher_first(heading: str) -> None:
    record = parse(f"{heading}\n\nActive, not recruiting\nPhase 2\nPhase 1\n")
    assert record["status"] == "ACTIVE_NOT_RECRUITING"
    assert record["phases"] == ["PHASE1", "PHASE2"]
    assert record["warnings"] == []


@pytest.mark.parametrize("heading", ["Status and phase", "Status"])
def test_status_without_phase(heading: str) -> None:
    record = parse(f"{heading}\n\nWithdrawn\n\nConditions\n\nMigraine\n")
    assert record["status"] == "WITHDRAWN"
    assert record["phases"] == []
    assert record["conditions"] == ["Migraine"]


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Completed", "COMPLETED"),
        ("Unknown", "UNKNOWN"),
        ("Enrolling", "RECRUITING"),
        ("Not yet enrolling", "NOT_YET_RECRUITING"),
        ("Active, not recruiting", "ACTIVE_NOT_RECRUITING"),
        ("Withdrawn", "WITHDRAWN"),
        ("Terminated", "TERMINATED"),
        ("Suspended", "SUSPENDED"),
        ("Enrolling by invitation", "ENROLLING_BY_INVITATION"),
    ],
)
def test_status_words(word: str, status: str) -> None:
    record = parse(f"Status and phase\n\n{word}\nPhase 4\n")
    assert record["status"] == status
    assert record["phases"] == ["PHASE4"]
    assert record["warnings"] == []


def test_phase_without_status() -> None:
    record = parse("Status and phase\n\nPhase 2\n\nSex\n\nMale\n")
    assert record["status"] is None
    assert record["phases"] == ["PHASE2"]
    assert record["eligibility"]["sex"] == "MALE"
    assert record["warnings"] == []


def test_phases_on_one_line() -> None:
    record = parse("Status and phase\n\nTerminated\nPhase 1/Phase 2\n")
    assert record["status"] == "TERMINATED"
    assert record["phases"] == ["PHASE1", "PHASE2"]


def test_phase_3_and_early_phase_1() -> None:
    record = parse("Status and phase\n\nCompleted\nPhase 3\nEarly Phase 1\n")
    assert record["phases"] == ["EARLY_PHASE1", "PHASE3"]


# --- treatments, study type, funder types ---------------------------------------------------


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
def test_treatment_types(word: str, enum: str) -> None:
    record = parse(f"Treatments\n\n{word}: study treatment X-12\n\nStudy type\n\nInterventional\n")
    assert record["interventions"] == [
        {"type": enum, "name": "study treatment X-12", "description": None, "other_names": []}
    ]
    assert record["study_type"] == "INTERVENTIONAL"
    assert record["warnings"] == []


def test_treatments_several_and_a_name_with_a_colon() -> None:
    record = parse(
        """
        Treatments

        Dietary Supplement: Vitamin D3: 2000 IU daily
        Drug: Aspirin
        Other: Placebo
        """
    )
    assert record["interventions"] == [
        {
            "type": "DIETARY_SUPPLEMENT",
            "name": "Vitamin D3: 2000 IU daily",
            "description": None,
            "other_names": [],
        },
        {"type": "DRUG", "name": "Aspirin", "description": None, "other_names": []},
        {"type": "OTHER", "name": "Placebo", "description": None, "other_names": []},
    ]
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("word", "enum"),
    [
        ("Interventional", "INTERVENTIONAL"),
        ("Observational", "OBSERVATIONAL"),
        ("Expanded Access", "EXPANDED_ACCESS"),
    ],
)
def test_study_types(word: str, enum: str) -> None:
    record = parse(f"Study type\n\n{word}\n\nFunder types\n\nIndustry\n")
    assert record["study_type"] == enum
    assert record["funder_types"] == ["INDUSTRY"]


def test_funder_types_one_per_line() -> None:
    record = parse("Funder types\n\nOther\nIndustry\nNIH\nNETWORK\n")
    assert record["funder_types"] == ["OTHER", "INDUSTRY", "NIH", "NETWORK"]
    assert record["warnings"] == []


# --- identifiers and the LOCAL id -----------------------------------------------------------


def test_no_identifiers_gives_a_local_id() -> None:
    record = parse("About\n\nA summary.\n")
    assert record["nct_id"] is None
    assert record["other_ids"] == []
    assert record["id"] == local_id(TITLE, "A summary.")


def test_one_identifier() -> None:
    record = parse("Identifiers\n\nNCT01234567\n")
    assert record["nct_id"] == "NCT01234567"
    assert record["id"] == "NCT01234567"
    assert record["other_ids"] == []


def test_several_identifiers_nct_picked_others_kept_whole() -> None:
    record = parse(
        """
        Identifiers

        UHL ref: 7638
        NCT01234567
        NMRC/EDG/1032/2, EDG09nov061
        2019-001234-56 (EudraCT Number)
        NCT0123456
        """
    )
    assert record["nct_id"] == "NCT01234567"
    assert record["id"] == "NCT01234567"
    assert record["other_ids"] == [
        "UHL ref: 7638",
        "NMRC/EDG/1032/2, EDG09nov061",
        "2019-001234-56 (EudraCT Number)",
        "NCT0123456",  # seven digits: not an NCT id
    ]
    assert record["warnings"] == []


LOCAL_PAGE = (
    f"{BRAND}Statins after Stroke\n\nS\n\nSome University\n\n"
    "About\n\nFirst paragraph of the summary.\nStill the first paragraph.\n\n"
    "Second paragraph.\n\nSex\n\nAll\n" + FOOTER
)
LOCAL_PAGE_RESPACED = (
    f"{BRAND}  Statins   after Stroke  \n\n\nS\n\nSome University\n\n"
    "About \n\n\nFirst  paragraph of the summary.\n\n  Still the first paragraph.\n\n\n"
    "Second\tparagraph.   \n\nSex\n\nAll\n" + FOOTER
)


def test_local_id_is_stable_across_whitespace_line_endings_and_file_names(
    tmp_path: Path,
) -> None:
    expected = local_id(
        "Statins after Stroke",
        "First paragraph of the summary. Still the first paragraph. Second paragraph.",
    )
    first = tmp_path / "a" / "trial.txt"
    second = tmp_path / "b" / "renamed copy.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_bytes(LOCAL_PAGE.encode("utf-8"))
    second.write_bytes(LOCAL_PAGE_RESPACED.replace("\n", "\r\n").encode("utf-8"))
    ids = {
        parse_text(LOCAL_PAGE)["id"],
        parse_text(LOCAL_PAGE, name="x.txt")["id"],
        parse_text(LOCAL_PAGE_RESPACED, name="y.txt")["id"],
        parse_text(LOCAL_PAGE.replace("\n", "\r\n"))["id"],
        parse_text(LOCAL_PAGE.replace("\n", "\r"))["id"],
        parse_bytes(("\ufeff" + LOCAL_PAGE).encode("utf-8"), "z.txt").record["id"],
        load_file(first).record["id"],
        load_file(second).record["id"],
    }
    assert ids == {expected}


# --- enrollment, ages, sex, volunteers ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "enrollment"),
    [
        ("Enrollment\n\n15 patients\n", {"count": 15, "type": "ACTUAL"}),
        ("Enrollment\n\n30 estimated patients\n", {"count": 30, "type": "ESTIMATED"}),
        ("Sex\n\nAll\n", None),
    ],
    ids=["actual", "estimated", "absent"],
)
def test_enrollment(body: str, enrollment: dict | None) -> None:
    record = parse(body)
    assert record["enrollment"] == enrollment
    assert record["warnings"] == []


def age(value: int, unit: str) -> dict:
    return {"value": value, "unit": unit}


@pytest.mark.parametrize(
    ("text", "min_age", "max_age"),
    [
        ("18 to 80 years old", age(18, "YEARS"), age(80, "YEARS")),
        ("18+ years old", age(18, "YEARS"), None),
        ("Up to 17 years old", None, age(17, "YEARS")),
        ("2 to 30 weeks old", age(2, "WEEKS"), age(30, "WEEKS")),
        ("6 weeks to 18 months old", age(6, "WEEKS"), age(18, "MONTHS")),
        ("Under 48 hours old", None, age(48, "HOURS")),
    ],
)
def test_ages(text: str, min_age: dict | None, max_age: dict | None) -> None:
    record = parse(f"Ages\n\n{text}\n\nVolunteers\n\nNo Healthy Volunteers\n")
    assert record["eligibility"]["min_age"] == min_age
    assert record["eligibility"]["max_age"] == max_age
    assert record["eligibility"]["healthy_volunteers"] is False
    assert record["warnings"] == []


@pytest.mark.parametrize(("word", "enum"), [("All", "ALL"), ("Female", "FEMALE"), ("Male", "MALE")])
def test_sex(word: str, enum: str) -> None:
    record = parse(f"Sex\n\n{word}\n\nAges\n\n18 to 65 years old\n")
    assert record["eligibility"]["sex"] == enum
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("No Healthy Volunteers", False), ("Accepts Healthy Volunteers", True)],
)
def test_volunteers(text: str, value: bool) -> None:
    record = parse(f"Volunteers\n\n{text}\n")
    assert record["eligibility"]["healthy_volunteers"] is value
    assert record["warnings"] == []


# --- criteria -------------------------------------------------------------------------------


def test_criteria_separate_headings_bullets_numbers_nesting_and_blank_lines() -> None:
    record = parse(
        """
        Inclusion criteria

          • Adults aged 18 or over

          • Migraine for at least one year, with:

            • 4 or more attacks a month
            • attacks lasting 4 to 72 hours

          1. Signed consent
          2. Able to keep a headache diary

        Exclusion criteria

          1. Pregnancy

          2. Known intolerance of:
            • aspirin
            • other NSAIDs
          3. Taking anticoagulants
        """
    )
    assert record["eligibility"]["inclusion"] == [
        crit("Adults aged 18 or over"),
        crit(
            "Migraine for at least one year, with:",
            crit("4 or more attacks a month"),
            crit("attacks lasting 4 to 72 hours"),
        ),
        crit("Signed consent"),
        crit("Able to keep a headache diary"),
    ]
    assert record["eligibility"]["exclusion"] == [
        crit("Pregnancy"),
        crit("Known intolerance of:", crit("aspirin"), crit("other NSAIDs")),
        crit("Taking anticoagulants"),
    ]
    assert record["warnings"] == []


def test_criteria_unbulleted_lead_in_line_becomes_parent() -> None:
    record = parse(
        """
        Exclusion criteria

          • Pregnancy
          Known history of:
            • stroke
            • epilepsy
          • Allergy to aspirin
        """
    )
    assert record["eligibility"]["exclusion"] == [
        crit("Pregnancy"),
        crit("Known history of:", crit("stroke"), crit("epilepsy")),
        crit("Allergy to aspirin"),
    ]
    assert record["eligibility"]["inclusion"] == []


def test_one_inclusion_and_exclusion_criteria_heading() -> None:
    record = parse(
        """
        Inclusion and exclusion criteria

        Criteria:

        Inclusion Criteria:

          • Adults
          • Migraine, with:
            • aura

        Exclusion Criteria:

          1. Pregnancy
          2. Kidney disease

        Trial design

        Primary purpose

        Prevention
        """
    )
    assert record["eligibility"]["inclusion"] == [
        crit("Adults"),
        crit("Migraine, with:", crit("aura")),
    ]
    assert record["eligibility"]["exclusion"] == [crit("Pregnancy"), crit("Kidney disease")]
    assert record["design"]["primary_purpose"] == "PREVENTION"
    texts = [c["text"] for c in record["eligibility"]["inclusion"]]
    assert "Criteria:" not in texts and "Inclusion Criteria:" not in texts
    assert record["warnings"] == []


def test_design_headings_after_exclusion_criteria_are_not_criteria() -> None:
    record = parse(
        """
        Exclusion criteria

          • Pregnancy

        Primary purpose

        Treatment

        Allocation

        Randomized
        """
    )
    assert record["eligibility"]["exclusion"] == [crit("Pregnancy")]
    assert record["design"]["primary_purpose"] == "TREATMENT"
    assert record["design"]["allocation"] == "RANDOMIZED"


# --- design, group count, arms --------------------------------------------------------------

DESIGN_BODY = """\
Trial design

Primary purpose

{purpose}

Allocation

{allocation}

Interventional model

{model}

Masking

{masking}

40 participants in 2 patient groups
"""


@pytest.mark.parametrize(
    ("word", "enum"),
    [
        ("Treatment", "TREATMENT"),
        ("Prevention", "PREVENTION"),
        ("Diagnostic", "DIAGNOSTIC"),
        ("Supportive Care", "SUPPORTIVE_CARE"),
        ("Screening", "SCREENING"),
        ("Health Services Research", "HEALTH_SERVICES_RESEARCH"),
        ("Basic Science", "BASIC_SCIENCE"),
        ("Device Feasibility", "DEVICE_FEASIBILITY"),
        ("Other", "OTHER"),
    ],
)
def test_primary_purpose(word: str, enum: str) -> None:
    body = DESIGN_BODY.format(
        purpose=word, allocation="Randomized", model="Parallel Assignment", masking="Double Blind"
    )
    record = parse(body)
    assert record["design"] == {
        "primary_purpose": enum,
        "allocation": "RANDOMIZED",
        "intervention_model": "PARALLEL",
        "masking": "DOUBLE",
        "masked": [],
        "model_description": None,
        "masking_description": None,
    }
    assert record["group_count"] == 2
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("word", "enum"),
    [("Randomized", "RANDOMIZED"), ("Non-Randomized", "NON_RANDOMIZED"), ("N/A", "NA")],
)
def test_allocation(word: str, enum: str) -> None:
    body = DESIGN_BODY.format(
        purpose="Treatment", allocation=word, model="Single Group Assignment", masking="None"
    )
    record = parse(body)
    assert record["design"]["allocation"] == enum
    assert record["design"]["intervention_model"] == "SINGLE_GROUP"
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("word", "enum"),
    [
        ("Parallel Assignment", "PARALLEL"),
        ("Single Group Assignment", "SINGLE_GROUP"),
        ("Crossover Assignment", "CROSSOVER"),
        ("Factorial Assignment", "FACTORIAL"),
        ("Sequential Assignment", "SEQUENTIAL"),
    ],
)
def test_intervention_model(word: str, enum: str) -> None:
    body = DESIGN_BODY.format(
        purpose="Treatment", allocation="Randomized", model=word, masking="Single Blind"
    )
    record = parse(body)
    assert record["design"]["intervention_model"] == enum
    assert record["design"]["masking"] == "SINGLE"
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("word", "enum"),
    [
        ("None (Open label)", "NONE"),
        ("Single Blind", "SINGLE"),
        ("Double Blind", "DOUBLE"),
        ("Triple Blind", "TRIPLE"),
        ("Quadruple Blind", "QUADRUPLE"),
    ],
)
def test_masking(word: str, enum: str) -> None:
    body = DESIGN_BODY.format(
        purpose="Treatment", allocation="Randomized", model="Crossover Assignment", masking=word
    )
    record = parse(body)
    assert record["design"]["masking"] == enum
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("line", "groups"),
    [
        ("15 participants in 2 patient groups, including a placebo group", 2),
        ("0 participants in 1 patient group", 1),
        ("1,200 participants in 4 patient groups", 4),
    ],
)
def test_group_count(line: str, groups: int) -> None:
    record = parse(f"Trial design\n\nMasking\n\nTriple Blind\n\n{line}\n")
    assert record["group_count"] == groups
    assert record["design"]["masking"] == "TRIPLE"
    assert record["warnings"] == []


def test_arm_blocks() -> None:
    record = parse(
        """
        Trial design

        Primary purpose

        Treatment

        6 participants in 6 patient groups

        low dose
        Experimental group
        Description:
        10 mg aspirin daily.
        Taken with food.
        Treatment:
        Drug: Aspirin
        Behavioral: Diet advice
        high dose
        Active Comparator group
        Treatment:
        Drug: Aspirin
        sugar pill
        Placebo Comparator group
        Description:
        Inert tablets that look like aspirin.
        sham
        Sham Comparator group
        Description:
        Sham acupuncture.
        Treatment:
        Procedure: Sham acupuncture
        Device: Blunt needle: 0.3 mm
        observation
        No Intervention group
        usual care
        Other group

        Trial contacts and locations

        3
        """
    )
    assert record["group_count"] == 6
    assert record["arms"] == [
        {
            "label": "low dose",
            "type": "EXPERIMENTAL",
            "description": "10 mg aspirin daily.\nTaken with food.",
            "interventions": ["Drug: Aspirin", "Behavioral: Diet advice"],
        },
        {
            "label": "high dose",
            "type": "ACTIVE_COMPARATOR",
            "description": None,
            "interventions": ["Drug: Aspirin"],
        },
        {
            "label": "sugar pill",
            "type": "PLACEBO_COMPARATOR",
            "description": "Inert tablets that look like aspirin.",
            "interventions": [],
        },
        {
            "label": "sham",
            "type": "SHAM_COMPARATOR",
            "description": "Sham acupuncture.",
            "interventions": ["Procedure: Sham acupuncture", "Device: Blunt needle: 0.3 mm"],
        },
        {
            "label": "observation",
            "type": "NO_INTERVENTION",
            "description": None,
            "interventions": [],
        },
        {"label": "usual care", "type": "OTHER", "description": None, "interventions": []},
    ]
    assert record["locations_count"] == 3
    assert record["warnings"] == []


# --- locations and page chrome --------------------------------------------------------------

CHROME = (
    "Menu",
    "Details and patient eligibility",
    "Loading...",
    "Data sourced from clinicaltrials.gov",
    "Copyright",
    "©",
    "Find clinical trials",
    "Trials by location",
    "Research sites",
    "Resources",
    "Legal",
    "ClinicalTrials.Veeva",
)


def test_locations_count_and_page_chrome_never_in_any_field() -> None:
    text = page(
        """
        Status and phase

        Completed
        Phase 2

        Identifiers

        NCT07654321

        Details and patient eligibility

        About

        A summary.

        Loading...

        Full description

        A description.

        Inclusion criteria

          • Adults
        Loading...

        Exclusion criteria

          • Pregnancy

        Trial design

        Masking

        Double Blind

        2 participants in 1 patient group

        one arm
        Experimental group
        Description:
        Everyone gets aspirin.

        Trial contacts and locations

        12

        Loading...

        Data sourced from clinicaltrials.gov

        Clinical trials

        Research sites

        Resources

        Legal
        """,
        footer="Find clinical trialsTrials by location\n© Copyright 2026 Veeva Systems\n",
    )
    record = parse_text(text)
    assert record["locations_count"] == 12
    assert record["summary"] == "A summary."
    assert record["description"] == "A description."
    assert record["eligibility"]["inclusion"] == [crit("Adults")]
    assert record["eligibility"]["exclusion"] == [crit("Pregnancy")]
    assert record["arms"][0]["description"] == "Everyone gets aspirin."
    fields = {key: value for key, value in record.items() if key != "source"}
    for value in strings(fields):
        for chrome in CHROME:
            assert chrome not in value, (chrome, value)
    assert record["warnings"] == []


# --- truncated pages and unplaced lines -----------------------------------------------------


def test_truncated_in_inclusion_criteria() -> None:
    text = (
        f"{HEADER}Status and phase\n\nRecruiting\nPhase 2\n\nIdentifiers\n\nNCT01112223\n\n"
        "Inclusion criteria\n\n  • Adults\n  • Migraine for at le"
    )
    record = parse_text(text)
    assert record["id"] == "NCT01112223"
    assert record["title"] == TITLE
    assert record["status"] == "RECRUITING"
    assert record["eligibility"]["inclusion"] == [crit("Adults"), crit("Migraine for at le")]
    assert record["eligibility"]["exclusion"] == []
    assert any(CUT_OFF.search(warning) for warning in record["warnings"]), record["warnings"]


def test_truncated_in_about() -> None:
    text = f"{HEADER}Status and phase\n\nCompleted\n\nAbout\n\nThe study looks at asp"
    record = parse_text(text)
    assert record["summary"] == "The study looks at asp"
    assert record["status"] == "COMPLETED"
    assert any(CUT_OFF.search(warning) for warning in record["warnings"]), record["warnings"]


def test_truncated_in_arm_block() -> None:
    text = (
        f"{HEADER}Trial design\n\nMasking\n\nNone (Open label)\n\n"
        "4 participants in 1 patient group\n\nsingle arm\nExperimental group\nTreatment:\n"
    )
    record = parse_text(text)
    assert record["design"]["masking"] == "NONE"
    assert record["group_count"] == 1
    assert record["arms"] == [
        {"label": "single arm", "type": "EXPERIMENTAL", "description": None, "interventions": []}
    ]
    assert any(CUT_OFF.search(warning) for warning in record["warnings"]), record["warnings"]


def test_truncated_in_the_page_header() -> None:
    """A page that stops at its first heading is still a (cut-off) Veeva page, not an error."""
    text = f"{BRAND}{TITLE}\n\nA\n\nAcme Pharma\n\nStatus and ph"
    record = parse_text(text)
    assert record["title"] == TITLE
    assert record["sponsor"] == "Acme Pharma"
    assert record["status"] is None
    assert any(CUT_OFF.search(warning) for warning in record["warnings"]), record["warnings"]


@pytest.mark.parametrize(
    ("body", "unplaced"),
    [
        ("Funder types\n\nOther\nCharity\n", "Charity"),
        ("Sex\n\nAll\nMostly adults\n", "Mostly adults"),
        ("Ages\n\nsometime soon\n", "sometime soon"),
        ("Enrollment\n\nmany patients\n", "many patients"),
        ("Volunteers\n\nPerhaps\n", "Perhaps"),
        ("Study type\n\nRegistry-ish\n", "Registry-ish"),
        ("Status and phase\n\nCompleted\nPhase 9\n", "Phase 9"),
        ("Treatments\n\naspirin tablets\n", "aspirin tablets"),
        ("Trial design\n\nMasking\n\nDouble Blind\n\nA note on design\n", "A note on design"),
        ("Trial contacts and locations\n\n3\nDr Jane Roe\n", "Dr Jane Roe"),
        (
            "Trial design\n\n1 participants in 1 patient group\n\narm\nExperimental group\n"
            "Treatment:\nAspirin, no type\n",
            "Aspirin, no type",
        ),
    ],
)
def test_seen_but_not_placed_goes_to_warnings(body: str, unplaced: str) -> None:
    assert_warned(parse(body), unplaced)


def test_extra_header_line_goes_to_warnings() -> None:
    header = f"{BRAND}{TITLE}\n\nA\n\nAcme Pharma\n\nSponsored in part by a charity\n\n"
    record = parse("Sex\n\nAll\n", header=header)
    assert record["sponsor"] == "Acme Pharma"
    assert_warned(record, "Sponsored in part by a charity")


def test_untyped_treatment_is_still_kept() -> None:
    record = parse("Treatments\n\naspirin tablets\n")
    assert [i["name"] for i in record["interventions"]] == ["aspirin tablets"]
    assert record["interventions"][0]["type"] is None


def test_no_title_no_summary_id_from_whole_text_and_title_from_file_name() -> None:
    text = (
        "Status and phase\n\nCompleted\n\nConditions\n\nMigraine\n\nSex\n\nAll\n\n"
        "Trial contacts and locations\n\n2\n" + FOOTER
    )
    record = parse_text(text, name="my-trial.txt")
    assert record["title"] == "my-trial.txt"
    assert record["id"] == local_id(text)
    assert parse_text(text.replace("\n", "\r\n"), name="elsewhere.txt")["id"] == record["id"]
    assert parse_text(text)["title"]  # never empty, even without a file name
