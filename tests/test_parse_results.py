"""Posted results of ClinicalTrials.gov API v2 studies (``parsers.ctgov_results``).

The real records are in tests/fixtures/realdata (copied from /work/shared/realdata, see the
README there). Every expected value below was read by hand from those files.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.ctgov_results import parse_results

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
WITH_RESULTS = [
    "ctti-clinicaltrials__aact__NCT00763412.json",
    "ctti-clinicaltrials__aact__NCT02210780.json",
    "ctti-clinicaltrials__aact__NCT02552212.json",
    "ctti-clinicaltrials__aact__NCT05594173.json",
    "ctti-clinicaltrials__aact__initialize_participant_flow_data.json",
]
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def study(name: str) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads((REALDATA / name).read_bytes())
    return data


def results(name: str) -> dict[str, Any]:
    warnings: list[str] = []
    out = parse_results(study(name).get("resultsSection"), warnings)
    assert warnings == []
    assert out is not None
    return out


@pytest.fixture(scope="module")
def dupilumab() -> dict[str, Any]:
    """NCT02210780: flow with withdrawals, baseline, an analysis, serious events."""
    return results("ctti-clinicaltrials__aact__NCT02210780.json")


@pytest.fixture(scope="module")
def certolizumab() -> dict[str, Any]:
    """NCT02552212: two periods, "NA" values with limits, p-values "<0.001" and "=0.247"."""
    return results("ctti-clinicaltrials__aact__NCT02552212.json")


def counts(step: dict[str, Any]) -> dict[str, int | None]:
    return {item["group"]: item["count"] for item in step["counts"]}


def by_title(measures: list[dict[str, Any]], title: str) -> dict[str, Any]:
    found = [measure for measure in measures if measure["title"] == title]
    assert len(found) == 1, title
    return found[0]


def strings(value: Any) -> list[str]:
    """Every string in a JSON-like value (keys too)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in [str(key), *strings(item)]]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


# --- real records ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", WITH_RESULTS)
def test_every_real_results_section_parses_without_warnings(name: str) -> None:
    out = results(name)
    assert set(out) == {
        "participant_flow",
        "baseline",
        "outcome_measures",
        "adverse_events",
        "limitations",
        "certain_agreement",
        "point_of_contact",
    }
    orjson.dumps(out)  # JSON all the way down


def test_study_without_results_section_is_none() -> None:
    data = study("ctti-clinicaltrials__aact__NCT03418623.json")
    assert "resultsSection" not in data
    warnings: list[str] = []
    assert parse_results(data.get("resultsSection"), warnings) is None
    assert warnings == []


def test_flow_milestones_per_group_nct02299791() -> None:
    flow = results("ctti-clinicaltrials__aact__initialize_participant_flow_data.json")[
        "participant_flow"
    ]
    assert flow["recruitment"] == (
        "Recruitment was done at the clinic level. All patients seen in the clinics were "
        "potentially eligible for the intervention based on clinic visit and clinical criteria."
    )
    assert flow["pre_assignment"].startswith(
        "There were two additional nested substudy randomizations after initial trial enrolment"
    )
    assert [(group["id"], group["title"]) for group in flow["groups"]] == [
        ("FG000", "Early Intervention Number of Patients"),
        ("FG001", "Late Interventions Number of Patients"),
    ]
    # The description keeps its paragraphs.
    assert flow["groups"][0]["description"].startswith(
        "Patients in 6 study clinics received the ALL intervention starting 6/1/11\n\n"
        "ALL: This clinic-level intervention involves a toolkit of decision support tools."
    )
    assert flow["groups"][1]["description"] == (
        "5 study clinics received the ALL intervention starting 6/1/12\n\n"
        "ALL: These clinics got the same exact intervention, but one year later, as this was "
        "a staggered randomized trial."
    )
    [period] = flow["periods"]
    assert period["title"] == "Overall Study"
    assert [step["type"] for step in period["milestones"]] == [
        "STARTED",
        "COMPLETED",
        "NOT COMPLETED",
    ]
    assert period["milestones"][0]["counts"] == [
        {"group": "FG000", "count": 2053, "comment": None},
        {"group": "FG001", "count": 2803, "comment": None},
    ]
    assert counts(period["milestones"][1]) == {"FG000": 2053, "FG001": 2803}
    assert counts(period["milestones"][2]) == {"FG000": 0, "FG001": 0}
    assert period["withdrawals"] == []


def test_point_of_contact_nct02299791() -> None:
    out = results("ctti-clinicaltrials__aact__initialize_participant_flow_data.json")
    assert out["point_of_contact"] == {
        "title": "Rachel Gold",
        "organization": "KaiserPermanente Center for Health Research",
        "email": "rachel.gold@kpchr.org",
        "phone": "503-528-3902",
    }
    assert out["limitations"] is None


def test_flow_withdrawals_nct02210780(dupilumab: dict[str, Any]) -> None:
    flow = dupilumab["participant_flow"]
    assert flow["recruitment"].startswith(
        "The study was conducted at approximately 50 study sites in United States (US)"
    )
    [period] = flow["periods"]
    assert counts(period["milestones"][0]) == {"FG000": 97, "FG001": 97}  # STARTED
    assert counts(period["milestones"][1]) == {"FG000": 92, "FG001": 89}  # COMPLETED
    assert counts(period["milestones"][2]) == {"FG000": 5, "FG001": 8}  # NOT COMPLETED
    assert [(step["type"], counts(step)) for step in period["withdrawals"]] == [
        ("Adverse Event", {"FG000": 0, "FG001": 5}),
        ("Lost to Follow-up", {"FG000": 2, "FG001": 1}),
        ("Withdrawal by Subject", {"FG000": 1, "FG001": 1}),
        ("Physician Decision", {"FG000": 1, "FG001": 0}),
        ("Protocol Violation", {"FG000": 1, "FG001": 0}),
        ("Other than specified above", {"FG000": 0, "FG001": 1}),
    ]


def test_flow_two_periods_and_a_count_comment_nct02552212(certolizumab: dict[str, Any]) -> None:
    periods = certolizumab["participant_flow"]["periods"]
    assert [period["title"] for period in periods] == [
        "Double-Blind Period (Week 0 - 52)",
        "SFE Period (Week 52 - 156)",
    ]
    assert counts(periods[0]["milestones"][0]) == {"FG000": 158, "FG001": 159, "FG002": 0}
    started = periods[1]["milestones"][0]
    assert started["type"] == "STARTED"
    assert started["counts"] == [
        {"group": "FG000", "count": 0, "comment": None},
        {"group": "FG001", "count": 0, "comment": None},
        {
            "group": "FG002",
            "count": 243,
            "comment": "123 subjects from Placebo arm and 120 subjects from CZP 200 mg Q2W arm",
        },
    ]
    adverse = periods[1]["withdrawals"][0]
    assert (adverse["type"], counts(adverse)) == (
        "Adverse Event",
        {"FG000": 0, "FG001": 0, "FG002": 5},
    )


def test_baseline_nct02210780(dupilumab: dict[str, Any]) -> None:
    baseline = dupilumab["baseline"]
    assert baseline["population"].startswith(
        "The safety analysis set (SAF) included all randomized participants who received any "
        "study drug"
    )
    assert [(group["id"], group["title"]) for group in baseline["groups"]] == [
        ("BG000", "Placebo qw"),
        ("BG001", "Dupilumab 300 mg qw"),
        ("BG002", "Total"),  # the registry's own total column
    ]
    assert baseline["groups"][2]["description"] == "Total of all reporting groups"
    assert baseline["denoms"] == [
        {
            "units": "Participants",
            "counts": [
                {"group": "BG000", "value": 97},
                {"group": "BG001", "value": 97},
                {"group": "BG002", "value": 194},
            ],
        }
    ]
    age = by_title(baseline["measures"], "Age, Continuous")
    assert (age["param_type"], age["dispersion_type"], age["unit"]) == (
        "MEAN",
        "STANDARD_DEVIATION",
        "years",
    )
    assert age["description"] is None
    [age_class] = age["classes"]
    [age_category] = age_class["categories"]
    assert age_class["title"] is None
    assert age_category["title"] is None
    assert age_category["measurements"][0] == {
        "group": "BG000",
        "value": 39.9,
        "value_text": None,
        "spread": 14.04,
        "spread_text": None,
        "lower": None,
        "lower_text": None,
        "upper": None,
        "upper_text": None,
        "comment": None,
    }
    assert [
        (item["group"], item["value"], item["spread"]) for item in age_category["measurements"]
    ] == [
        ("BG000", 39.9, 14.04),
        ("BG001", 39.2, 13.55),
        ("BG002", 39.6, 13.77),
    ]


def test_baseline_categorical_measure_nct02210780(dupilumab: dict[str, Any]) -> None:
    sex = by_title(dupilumab["baseline"]["measures"], "Sex: Female, Male")
    assert (sex["param_type"], sex["dispersion_type"], sex["unit"]) == (
        "COUNT_OF_PARTICIPANTS",
        None,
        "Participants",
    )
    [sex_class] = sex["classes"]
    table = {
        category["title"]: {item["group"]: item["value"] for item in category["measurements"]}
        for category in sex_class["categories"]
    }
    assert table == {
        "Female": {"BG000": 51, "BG001": 48, "BG002": 99},
        "Male": {"BG000": 46, "BG001": 49, "BG002": 95},
    }
    assert isinstance(table["Female"]["BG000"], int)


def test_outcome_measure_with_analysis_nct02210780(dupilumab: dict[str, Any]) -> None:
    measures = dupilumab["outcome_measures"]
    assert len(measures) == 11
    assert [measure["type"] for measure in measures[:2]] == ["PRIMARY", "SECONDARY"]
    iga = measures[3]
    assert iga["title"] == (
        "Percentage of Participants Achieving an Investigator's Global Assessment (IGA) Score "
        'of "0" or "1" at Week 16'
    )
    assert iga["type"] == "SECONDARY"
    assert iga["reporting_status"] == "POSTED"
    assert iga["param_type"] == "NUMBER"
    assert iga["dispersion_type"] is None
    assert iga["unit"] == "Percentage of participants"
    assert iga["time_frame"] == "Week 16"
    assert iga["population"] == "Full analysis set (FAS) that included all randomized participants."
    assert [(group["id"], group["title"]) for group in iga["groups"]] == [
        ("OG000", "Placebo qw"),
        ("OG001", "Dupilumab 300 mg qw"),
    ]
    assert iga["denoms"] == [
        {
            "units": "Participants",
            "counts": [{"group": "OG000", "value": 97}, {"group": "OG001", "value": 97}],
        }
    ]
    [[category]] = [item["categories"] for item in iga["classes"]]
    assert [(item["group"], item["value"]) for item in category["measurements"]] == [
        ("OG000", 10.3),
        ("OG001", 44.3),
    ]
    assert iga["analyses"] == [
        {
            "groups": ["OG000", "OG001"],
            "method": "Cochran-Mantel-Haenszel",
            "p_value": None,
            "p_value_text": "<0.0001",
            "param_type": "Percentage Difference",
            "param_value": 34.0,
            "param_value_text": "34.0",
            "dispersion_type": None,
            "dispersion_value": None,
            "dispersion_value_text": None,
            "ci_percent": 90,
            "ci_sides": "TWO_SIDED",
            "ci_lower": 24.29,
            "ci_lower_text": None,
            "ci_upper": 43.75,
            "ci_upper_text": None,
            "tested_non_inferiority": None,
            "non_inferiority": "SUPERIORITY",
            # groupDescription (its Markdown escapes "\[IGA=3\]" removed), then the
            # estimate comment, labelled.
            "description": (
                "Analysis was performed using Cochran-Mantel-Haenszel test stratified by "
                "randomization strata (moderate [IGA=3] vs. severe [IGA=4] AD).\n\n"
                "Estimate comment: Dupilumab 300 mg qw vs. Placebo qw"
            ),
        }
    ]


def test_outcome_measure_limits_and_na_nct02552212(certolizumab: dict[str, Any]) -> None:
    measure = by_title(
        certolizumab["outcome_measures"],
        "Certolizumab Pegol Plasma Concentration at Follow-Up (FU) Visit",
    )
    assert measure["type"] == "PRIMARY"
    assert measure["param_type"] == "GEOMETRIC_MEAN"
    assert measure["dispersion_type"] == "95% Confidence Interval"
    assert measure["unit"] == "µg/mL"
    assert measure["time_frame"] == "Follow-up Visit (up to Week 60)"
    assert measure["description"] == (
        "Certolizumab pegol plasma concentration was measured at the Follow-Up Visit, in "
        "µg/mL.\n\nFollow-Up Visit was defined as 8 weeks after Week 52 or Withdrawal (WD) "
        "visit for subjects not participating in the Safety Follow-Up Extension (SFE) Period."
    )
    assert measure["denoms"][0]["counts"] == [
        {"group": "OG000", "value": 17},
        {"group": "OG001", "value": 10},
    ]
    [[category]] = [item["categories"] for item in measure["classes"]]
    assert category["measurements"] == [
        {
            "group": "OG000",
            "value": 0.2,
            "value_text": None,
            "spread": None,
            "spread_text": None,
            "lower": 0.1,
            "lower_text": None,
            "upper": 0.7,
            "upper_text": None,
            "comment": None,
        },
        {
            "group": "OG001",
            "value": None,
            "value_text": "NA",
            "spread": None,
            "spread_text": None,
            "lower": None,
            "lower_text": "NA",  # the source's "NA" limits (not estimable) are kept
            "upper": None,
            "upper_text": "NA",
            "comment": "Values were below the level of quantification.",
        },
    ]
    assert measure["analyses"] == []


def test_analysis_with_numeric_p_value_nct02552212(certolizumab: dict[str, Any]) -> None:
    measure = by_title(
        certolizumab["outcome_measures"],
        "Number of Subjects With Anterior Uveitis (AU) or New AU Flares Through Week 52",
    )
    assert measure["time_frame"] == "Throughout the study conduct (up to Week 52)"
    [[category]] = [item["categories"] for item in measure["classes"]]
    assert [(item["group"], item["value"]) for item in category["measurements"]] == [
        ("OG000", 8),
        ("OG001", 4),
    ]
    [analysis] = measure["analyses"]
    assert analysis == {
        "groups": ["OG000", "OG001"],
        "method": "Regression, Logistic",
        "p_value": 0.247,  # written "=0.247"
        "p_value_text": None,
        "param_type": "Odds Ratio (OR)",
        "param_value": 0.484,
        "param_value_text": None,
        "dispersion_type": None,
        "dispersion_value": None,
        "dispersion_value_text": None,
        "ci_percent": 95,
        "ci_sides": "TWO_SIDED",
        "ci_lower": 0.142,
        "ci_lower_text": None,
        "ci_upper": 1.653,
        "ci_upper_text": None,
        "tested_non_inferiority": None,
        "non_inferiority": "OTHER",
        "description": (
            "Odds ratio: CZP/PBO and p-value were calculated using logistic regression with "
            "factors for treatment, region and MRI/CRP classification."
        ),
    }


def test_adverse_events_nct02210780(dupilumab: dict[str, Any]) -> None:
    events = dupilumab["adverse_events"]
    assert events["frequency_threshold"] == 5
    assert events["time_frame"] == (
        "Adverse Events (AE) were collected from signature of the informed consent form up to "
        "the final visit (Week 32) regardless of seriousness or relationship to investigational "
        "product"
    )
    assert events["description"] == (
        "Reported AEs are treatment-emergent adverse events which are AEs that "
        "developed/worsened during the 'on treatment period' (from the administration of first "
        "dose of study drug up to the final visit [Week 32])."
    )
    assert [
        (group["id"], group["title"], group["deaths"], group["serious"], group["other"])
        for group in events["groups"]
    ] == [
        (
            "EG000",
            "Placebo qw",
            {"affected": 0, "at_risk": 97},
            {"affected": 0, "at_risk": 97},
            {"affected": 29, "at_risk": 97},
        ),
        (
            "EG001",
            "Dupilumab 300 mg qw",
            {"affected": 0, "at_risk": 97},
            {"affected": 3, "at_risk": 97},
            {"affected": 30, "at_risk": 97},
        ),
    ]
    assert len(events["serious"]) == 3
    assert len(events["other"]) == 6
    assert events["serious"][0] == {
        "term": "Serum sickness-like reaction",
        "organ_system": "Immune system disorders",
        "vocabulary": "MedDRA (18.0)",
        "assessment": "SYSTEMATIC_ASSESSMENT",
        "notes": None,
        "counts": [
            {"group": "EG000", "affected": 0, "events": None, "at_risk": 97},
            {"group": "EG001", "affected": 1, "events": None, "at_risk": 97},
        ],
    }
    assert dupilumab["point_of_contact"] == {
        "title": "Clinical Trial Management",
        "organization": "Regeneron Pharmaceuticals, Inc.",
        "email": "clinicaltrials@regeneron.com",
        "phone": "844-734-6643",
    }


def test_serious_event_with_event_counts_nct02552212(certolizumab: dict[str, Any]) -> None:
    events = certolizumab["adverse_events"]
    assert [group["id"] for group in events["groups"]] == [
        "EG000",
        "EG001",
        "EG002",
        "EG003",
        "EG004",
    ]
    assert events["groups"][4]["title"] == "SFE OL CZP 200 mg Q2W (SS)"
    assert events["groups"][4]["serious"] == {"affected": 15, "at_risk": 243}
    assert events["groups"][4]["other"] == {"affected": 69, "at_risk": 243}
    glaucoma = events["serious"][0]
    assert (glaucoma["term"], glaucoma["organ_system"], glaucoma["vocabulary"]) == (
        "Glaucoma",
        "Eye disorders",
        "MedDRA19.0",
    )
    assert glaucoma["assessment"] == "NON_SYSTEMATIC_ASSESSMENT"
    assert glaucoma["counts"] == [
        {"group": "EG000", "affected": 0, "events": 0, "at_risk": 158},
        {"group": "EG001", "affected": 1, "events": 1, "at_risk": 159},
        {"group": "EG002", "affected": 0, "events": 0, "at_risk": 96},
        {"group": "EG003", "affected": 0, "events": 0, "at_risk": 20},
        {"group": "EG004", "affected": 0, "events": 0, "at_risk": 243},
    ]


def test_limitations_nct00763412() -> None:
    out = results("ctti-clinicaltrials__aact__NCT00763412.json")
    assert out["limitations"] == "A limitation of the study was the very small sample size."
    assert out["point_of_contact"] == {
        "title": "Ana Maria Arbelaez",
        "organization": "Washington University in St Louis",
        "email": "arbelaez_a@kids.wustl.edu",
        "phone": "314-286-1138",
    }
    events = out["adverse_events"]
    assert events["frequency_threshold"] == 0
    assert [(group["id"], group["title"]) for group in events["groups"]] == [
        ("EG000", "Placebo"),
        ("EG001", "Repaglinide"),
    ]
    assert events["groups"][0]["deaths"] == {"affected": 0, "at_risk": 8}
    assert events["serious"] == []
    assert events["other"] == []


# --- small inline sections ---------------------------------------------------------------------


def analysis_section(**analysis: Any) -> dict[str, Any]:
    return {
        "outcomeMeasuresModule": {
            "outcomeMeasures": [{"type": "PRIMARY", "title": "Pain", "analyses": [analysis]}]
        }
    }


@pytest.mark.parametrize(
    ("written", "number", "text"),
    [
        ("0.04", 0.04, None),
        ("0.001", 0.001, None),
        ("=0.247", 0.247, None),
        ("<0.05", None, "<0.05"),
        ("< 0.001", None, "< 0.001"),
        ("≤0.05", None, "≤0.05"),
        ("NA", None, "NA"),
        ("0.03 (one-sided)", None, "0.03 (one-sided)"),
        (0.5, 0.5, None),
    ],
)
def test_p_value_number_or_text(written: Any, number: float | None, text: str | None) -> None:
    warnings: list[str] = []
    out = parse_results(analysis_section(groupIds=["OG000", "OG001"], pValue=written), warnings)
    assert out is not None
    [analysis] = out["outcome_measures"][0]["analyses"]
    assert (analysis["p_value"], analysis["p_value_text"]) == (number, text)
    assert warnings == []


def test_analysis_description_gathers_every_comment() -> None:
    out = parse_results(
        analysis_section(
            groupDescription="Drug vs placebo.",
            nonInferiorityComment="Margin 1.3.",
            pValueComment="Two-sided.",
            statisticalComment="Adjusted for baseline.",
            estimateComment="Least-squares mean.",
            ciLowerLimitComment="Truncated.",
            otherAnalysisDescription="Sensitivity analysis.",
            testedNonInferiority=True,
            ciNumSides="TWO_SIDED",
        ),
        [],
    )
    assert out is not None
    assert out["outcome_measures"][0]["analyses"][0]["description"] == (
        "Drug vs placebo.\n\nNon-inferiority comment: Margin 1.3.\n\n"
        "P-value comment: Two-sided.\n\nMethod comment: Adjusted for baseline.\n\n"
        "Estimate comment: Least-squares mean.\n\nCI lower limit comment: Truncated.\n\n"
        "Other analysis description: Sensitivity analysis."
    )


def measurement_section(value: Any) -> dict[str, Any]:
    measurement = {"groupId": "OG000", "value": value}
    category = {"measurements": [measurement]}
    measure = {"title": "Pain", "classes": [{"categories": [category]}]}
    return {"outcomeMeasuresModule": {"outcomeMeasures": [measure]}}


@pytest.mark.parametrize(
    ("written", "number", "text"),
    [
        ("2053", 2053, None),
        ("12.5", 12.5, None),
        ("-0.3", -0.3, None),
        ("1e-4", 0.0001, None),
        ("1,200", 1200, None),
        (" 7 ", 7, None),
        ("\x1b[1m12\x1b[0m", 12, None),
        (41, 41, None),
        (2.5, 2.5, None),
        ("NA", None, "NA"),
        ("<0.001", None, "<0.001"),
        ("1,20", None, "1,20"),
        ("٣", None, "٣"),
        ("1e400", None, "1e400"),
        ("nan", None, "nan"),
    ],
)
def test_measurement_value_number_or_text(written: Any, number: Any, text: str | None) -> None:
    warnings: list[str] = []
    out = parse_results(measurement_section(written), warnings)
    assert out is not None
    [measurement] = out["outcome_measures"][0]["classes"][0]["categories"][0]["measurements"]
    assert (measurement["value"], measurement["value_text"]) == (number, text)
    assert type(measurement["value"]) is type(number)
    assert warnings == []


@pytest.mark.parametrize(
    ("written", "warning"),
    [
        (2**60, "a number too large to keep"),
        (True, "not a number"),
        ([12], "not a number"),
        ({"value": 12}, "not a number"),
    ],
)
def test_measurement_value_of_the_wrong_type(written: Any, warning: str) -> None:
    warnings: list[str] = []
    out = parse_results(measurement_section(written), warnings)
    assert out is not None
    [measurement] = out["outcome_measures"][0]["classes"][0]["categories"][0]["measurements"]
    assert (measurement["value"], measurement["value_text"]) == (None, None)
    path = "resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[0].categories[0]"
    assert warnings == [f"{path}.measurements[0].value: {warning}"]


def test_numbers_as_numbers_never_summed() -> None:
    section = {
        "participantFlowModule": {
            "periods": [
                {
                    "title": "Overall Study",
                    "milestones": [
                        {
                            "type": "STARTED",
                            "achievements": [
                                {"groupId": "FG000", "numSubjects": "1,200"},
                                {"groupId": "FG001", "numSubjects": 30},
                            ],
                        }
                    ],
                }
            ]
        },
        "adverseEventsModule": {
            "frequencyThreshold": "2.5",
            "eventGroups": [{"id": "EG000", "seriousNumAffected": "3", "seriousNumAtRisk": 10}],
        },
    }
    warnings: list[str] = []
    out = parse_results(section, warnings)
    assert warnings == []
    assert out is not None
    [period] = out["participant_flow"]["periods"]
    assert counts(period["milestones"][0]) == {"FG000": 1200, "FG001": 30}
    events = out["adverse_events"]
    assert events["frequency_threshold"] == 2.5
    assert events["groups"][0]["serious"] == {"affected": 3, "at_risk": 10}
    assert events["groups"][0]["deaths"] == {"affected": None, "at_risk": None}
    assert out["baseline"] is None
    assert out["outcome_measures"] == []
    assert out["limitations"] is None
    assert out["point_of_contact"] is None


def test_text_is_cleaned_of_terminal_controls() -> None:
    section = {
        "outcomeMeasuresModule": {
            "outcomeMeasures": [
                {
                    "title": "Pain\x1b]52;c;aGk=\x07 score\u202e",
                    "description": "Line one\r\nLine two\x9b2J",
                    "classes": [
                        {
                            "categories": [
                                {
                                    "measurements": [
                                        {"groupId": "OG000", "value": "\x1b[31mNA\x1b[0m"}
                                    ]
                                }
                            ]
                        }
                    ],
                }
            ]
        },
        "moreInfoModule": {
            "limitationsAndCaveats": {"description": "Small \\<n\\> sample.\x07"},
            "pointOfContact": {"title": "Dr\x00 Who", "phone": "555-0100", "phoneExt": "12"},
        },
        "\x1b[2Jsurprise": 1,
    }
    warnings: list[str] = []
    out = parse_results(section, warnings)
    assert out is not None
    measure = out["outcome_measures"][0]
    assert measure["title"] == "Pain score"
    assert measure["description"] == "Line one\nLine two"
    assert measure["classes"][0]["categories"][0]["measurements"][0]["value_text"] == "NA"
    assert out["limitations"] == "Small <n> sample."
    assert out["point_of_contact"] == {
        "title": "Dr Who",
        "organization": None,
        "email": None,
        "phone": "555-0100 ext. 12",
    }
    assert warnings == ["resultsSection.surprise: unknown key, not placed"]
    assert not any(UNSAFE.search(text) for text in strings(out) + warnings)


# --- malformed input -------------------------------------------------------------------------


@pytest.mark.parametrize("section", [None])
def test_absent_section_is_none(section: Any) -> None:
    warnings: list[str] = []
    assert parse_results(section, warnings) is None
    assert warnings == []


@pytest.mark.parametrize("section", ["results", 3, [], [{"participantFlowModule": {}}], True])
def test_section_of_the_wrong_type_is_none_with_a_warning(section: Any) -> None:
    warnings: list[str] = []
    assert parse_results(section, warnings) is None
    assert warnings == ["resultsSection: not an object"]


def test_empty_section_is_none() -> None:
    warnings: list[str] = []
    assert parse_results({}, warnings) is None
    assert warnings == []


def test_wrong_types_warn_and_keep_the_rest() -> None:
    section = copy.deepcopy(study("ctti-clinicaltrials__aact__NCT02210780.json")["resultsSection"])
    flow = section["participantFlowModule"]
    flow["groups"][1]["title"] = 7
    flow["periods"][0]["milestones"][1] = "COMPLETED"
    flow["periods"][0]["dropWithdraws"][0]["reasons"][1]["numSubjects"] = "five"
    flow["periods"][0]["dropWithdraws"][1]["reasons"][0]["numSubjects"] = "-2"
    flow["periods"][0]["dropWithdraws"][2]["reasons"][0].pop("groupId")
    baseline = section["baselineCharacteristicsModule"]
    baseline["denoms"] = {"units": "Participants"}
    baseline["measures"][0]["classes"][0]["categories"][0]["measurements"][1]["spread"] = [1]
    measures = section["outcomeMeasuresModule"]["outcomeMeasures"]
    measures[2]["classes"] = "83.3"
    measures[3]["analyses"][0]["groupIds"] = "OG000"
    measures[3]["analyses"][0]["ciLowerLimit"] = "about 24"
    measures[4]["title"] = None
    measures[5]["type"] = "TERTIARY"
    events = section["adverseEventsModule"]
    events["eventGroups"][0]["deathsNumAffected"] = True
    events["eventGroups"][1]["otherNumAffected"] = 30.5
    events["seriousEvents"][0]["stats"] = None
    events["seriousEvents"][1]["assessmentType"] = "NOW_AND_THEN"
    events["otherEvents"] = {"term": "Headache"}
    section["moreInfoModule"]["pointOfContact"]["email"] = {"address": "x@y.z"}
    section["moreInfoModule"]["certainAgreement"] = "anything"

    warnings: list[str] = []
    out = parse_results(section, warnings)

    flow_path = "resultsSection.participantFlowModule"
    period_path = f"{flow_path}.periods[0]"
    measures_path = "resultsSection.outcomeMeasuresModule.outcomeMeasures"
    events_path = "resultsSection.adverseEventsModule"
    assert warnings == [
        f"{flow_path}.groups[1].title: not a string",
        f"{period_path}.milestones[1]: not an object",
        f"{period_path}.dropWithdraws[0].reasons[1].numSubjects: not a number: 'five'",
        f"{period_path}.dropWithdraws[1].reasons[0].numSubjects: not a count: -2",
        f"{period_path}.dropWithdraws[2].reasons[0]: no groupId, not kept",
        "resultsSection.baselineCharacteristicsModule.denoms: not a list",
        "resultsSection.baselineCharacteristicsModule.measures[0].classes[0].categories[0]"
        ".measurements[1].spread: not a number",
        f"{measures_path}[2].classes: not a list",
        f"{measures_path}[3].analyses[0].groupIds: not a list",
        f"{measures_path}[4]: a measure without a title, not kept",
        f"{measures_path}[5].type: unknown value 'TERTIARY'",
        f"{events_path}.eventGroups[0].deathsNumAffected: not a number",
        f"{events_path}.eventGroups[1].otherNumAffected: not a count: 30.5",
        f"{events_path}.seriousEvents[1].assessmentType: unknown value 'NOW_AND_THEN'",
        f"{events_path}.otherEvents: not a list",
        "resultsSection.moreInfoModule.certainAgreement: not an object",
        "resultsSection.moreInfoModule.pointOfContact.email: not a string",
    ]
    assert out is not None
    # The rest is kept.
    flow_out = out["participant_flow"]
    assert flow_out["groups"][1] == {
        "id": "FG001",
        "title": None,
        "description": (
            "Two subcutaneous injections of Dupilumab 300 mg (for a total of 600 mg) as a "
            "loading dose on Day 1, followed by a single 300 mg injection qw from Week 1 to "
            "Week 15."
        ),
    }
    [period] = flow_out["periods"]
    assert [step["type"] for step in period["milestones"]] == ["STARTED", "NOT COMPLETED"]
    assert counts(period["withdrawals"][0]) == {"FG000": 0, "FG001": None}
    assert counts(period["withdrawals"][1]) == {"FG000": None, "FG001": 1}
    assert counts(period["withdrawals"][2]) == {"FG001": 1}
    assert out["baseline"]["denoms"] == []
    assert (
        out["baseline"]["measures"][0]["classes"][0]["categories"][0]["measurements"][1]["value"]
        == 39.2
    )
    measures_out = out["outcome_measures"]
    assert len(measures_out) == 10  # the one without a title is dropped
    assert measures_out[2]["classes"] == []
    assert measures_out[2]["denoms"][0]["counts"][1] == {"group": "OG001", "value": 90}
    analysis = measures_out[3]["analyses"][0]
    assert (analysis["groups"], analysis["ci_lower"], analysis["ci_upper"]) == ([], None, 43.75)
    # a limit that is not a number keeps its text, as a measurement's value does
    assert analysis["ci_lower_text"] == "about 24"
    assert measures_out[4]["type"] is None
    events_out = out["adverse_events"]
    assert events_out["groups"][0]["deaths"] == {"affected": None, "at_risk": 97}
    assert events_out["groups"][1]["other"] == {"affected": None, "at_risk": 97}
    assert events_out["serious"][0]["counts"] == []
    assert events_out["serious"][1]["assessment"] is None
    assert events_out["serious"][1]["term"] == "Mycosis fungoides stage iv"
    assert events_out["other"] == []
    assert out["point_of_contact"]["email"] is None
    assert out["point_of_contact"]["organization"] == "Regeneron Pharmaceuticals, Inc."


def test_items_that_are_not_objects_and_required_keys() -> None:
    section = {
        "participantFlowModule": {
            "groups": [None, {"title": "No id"}, {"id": "FG000", "title": "Arm"}],
            "periods": [{"milestones": [{"achievements": []}, {"type": "STARTED"}]}],
        },
        "adverseEventsModule": {"seriousEvents": [
            {"organSystem": "Eye"}, 5,
            {"organSystem": "Eye", "stats": [{"groupId": "EG000", "numAffected": 3,
                                               "numEvents": 6, "numAtRisk": 22}]}]},
    }
    warnings: list[str] = []
    out = parse_results(section, warnings)
    assert warnings == [
        "resultsSection.participantFlowModule.groups[0]: not an object",
        "resultsSection.participantFlowModule.groups[1]: a group without an id, not kept",
        "resultsSection.participantFlowModule.periods[0].milestones[0]: no type, not kept",
        "resultsSection.adverseEventsModule.seriousEvents[0]: an event without a term or "
        "counts, not kept",
        "resultsSection.adverseEventsModule.seriousEvents[1]: not an object",
        "resultsSection.adverseEventsModule.seriousEvents[2]: an event without a term, kept "
        "unnamed",
    ]
    assert out is not None
    flow = out["participant_flow"]
    assert flow["groups"] == [{"id": "FG000", "title": "Arm", "description": None}]
    assert flow["periods"] == [
        {"title": None, "milestones": [{"type": "STARTED", "comment": None, "counts": []}],
         "withdrawals": []}
    ]
    # its counts are not lost: 3 of 22 affected, 6 events
    assert out["adverse_events"]["serious"] == [
        {"term": "", "organ_system": "Eye", "vocabulary": None, "assessment": None,
         "notes": None, "counts": [{"group": "EG000", "affected": 3, "events": 6,
                                    "at_risk": 22}]}]


# --- property: any JSON-like input --------------------------------------------------------------

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["NA", "<0.05", "1,200", "=0.3", "1e400", "9" * 400, "\x1b]52;c;x\x07"]),
)
KEYS = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        ["groupId", "value", "numSubjects", "title", "type", "classes", "denoms", "stats"]
    ),
)


def json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        JSON_LEAVES,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)
        ),
        max_leaves=20,
    )


REAL_SECTION = orjson.dumps(study("ctti-clinicaltrials__aact__NCT02210780.json")["resultsSection"])


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_paths(item, (*prefix, index)))
    return out


SECTION_PATHS = _paths(orjson.loads(REAL_SECTION))


@st.composite
def mutated_sections(draw: st.DrawFn) -> Any:
    """The real NCT02210780 section with a few of its values replaced by any JSON value."""
    section = orjson.loads(REAL_SECTION)
    for path in draw(st.lists(st.sampled_from(SECTION_PATHS), max_size=5)):
        target = section
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = draw(json_values())
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed this path
    return section


def check_never_raises(section: Any) -> None:
    warnings: list[str] = []
    out = parse_results(section, warnings)
    assert out is None or isinstance(out, dict)
    assert all(isinstance(warning, str) for warning in warnings)
    assert not any(UNSAFE.search(text) for text in strings(out) + warnings)
    orjson.dumps(out)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(json_values())
def test_any_json_value_never_raises(section: Any) -> None:
    check_never_raises(section)


@FUZZ
@given(mutated_sections())
def test_a_real_section_with_any_values_replaced_never_raises(section: Any) -> None:
    check_never_raises(section)


def test_a_class_keeps_its_own_denominators_nct02210780(dupilumab: dict[str, Any]) -> None:
    """The participants analyzed at one class of a measure (read by hand from the file:
    class "Erythema" of "Change From Baseline in Global Individual Signs Sc…": 79 and 87)."""
    measure = next(m for m in dupilumab["outcome_measures"]
                   if m["title"].startswith("Change From Baseline in Global Individual Signs"))
    erythema = next(c for c in measure["classes"] if c["title"] == "Erythema")
    assert erythema["denoms"] == [{"units": "Participants", "counts": [
        {"group": "OG000", "value": 79}, {"group": "OG001", "value": 87}]}]
