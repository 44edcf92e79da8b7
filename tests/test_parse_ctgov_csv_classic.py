"""The classic ClinicalTrials.gov site's download (before 2023, "SearchResults.tsv"): real rows.

tests/fixtures/realdata/ctgov-csv/kaustcovid19__data__clinicalTrials-20200406.tsv is the
header and 8 rows (Rank 1, 2, 103, 164, 208, 210, 251, 281) of clinicalTrials-20200406.tsv in the
public GitHub repository kaustcovid19/data, copied byte for byte (tabs, CRLF, the no-break
spaces of the Age cells). Every expected value below was read by hand from those cells, not
computed by the parser under test.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parsers import load_records, parse_text
from parsers.record import Record

KAUST = (
    Path(__file__).resolve().parent
    / "fixtures" / "realdata" / "ctgov-csv" / "kaustcovid19__data__clinicalTrials-20200406.tsv"
)
#: the real file's header row: Rank, NCT Number, Title, … Study Documents, URL (27 columns)
HEADER = KAUST.read_text(encoding="utf-8").splitlines()[0].split("\t")
IDS = ["NCT04333550", "NCT04331509", "NCT04313127", "NCT04323761", "NCT04319016",
       "NCT04279899", "NCT04305574", "NCT04321369"]  # fmt: skip


@cache
def _records() -> dict[str, Record]:
    return {loaded.record["id"]: loaded.record for loaded in load_records(KAUST)}


def rec(nct: str) -> Record:
    """The record of one real row (parsed once per session; do not modify)."""
    return _records()[nct]


def classic_row(**cells: str) -> Record:
    """One classic-export row: the named cells (spaces for "_" in a name), others empty."""
    values = {name.replace("_", " "): value for name, value in cells.items()}
    row = [values.get(name, "") for name in HEADER]
    row[HEADER.index("NCT Number")] = values.get("NCT Number", "NCT01234567")
    return parse_text("\t".join(HEADER) + "\n" + "\t".join(row) + "\n", "SearchResults.tsv")


def site(facility: str | None, city: str | None, state: str | None,
         country: str | None) -> dict[str, Any]:
    return {"facility": facility, "city": city, "state": state, "zip": None,
            "country": country, "status": None, "geo": None, "contacts": []}  # fmt: skip


def titles(*measures: str) -> list[dict[str, Any]]:
    return [{"measure": m, "description": None, "time_frame": None} for m in measures]


# --- the real rows -----------------------------------------------------------------------------


def test_every_row_is_read_without_a_warning() -> None:
    assert len(HEADER) == 27 and HEADER[0] == "Rank" and HEADER[-1] == "URL"
    records = _records()
    assert list(records) == IDS
    for record in records.values():
        assert record["warnings"] == [], record["id"]
        assert record["source"]["format"] == "ctgov-csv"
        assert record["nct_id"] == record["id"]


def test_title_status_and_sex() -> None:
    found = {nct: (rec(nct)["title"], rec(nct)["status"], rec(nct)["eligibility"]["sex"])
             for nct in IDS}  # fmt: skip
    assert found == {
        "NCT04333550": ("Application of Desferal to Treat COVID-19", "RECRUITING", "ALL"),
        "NCT04331509": ("COVID-19 Symptom Tracker", "RECRUITING", "ALL"),
        "NCT04313127": ("A Phase I Clinical Trial in 18-60 Adults", "ACTIVE_NOT_RECRUITING",
                        "ALL"),
        "NCT04323761": ("Expanded Access Treatment Protocol: Remdesivir (RDV; GS-5734) for the "
                        "Treatment of SARS-CoV2 (CoV) Infection", "AVAILABLE", "ALL"),
        "NCT04319016": ("Clinical Characteristics of Coronavirus Disease 2019 (COVID-19) in "
                        "Pregnancy", "RECRUITING", "FEMALE"),
        "NCT04279899": ("The Investigation of the Neonates With or With Risk of COVID-19",
                        "RECRUITING", "ALL"),
        "NCT04305574": ("Social Media Use During COVID-19", "RECRUITING", "ALL"),
        "NCT04321369": ("Impact of Swab Site and Sample Collector on Testing Sensitivity for "
                        "SARS-CoV-2 Virus in Symptomatic Individuals", "COMPLETED", "ALL"),
    }
    assert rec("NCT04313127")["acronym"] == "APICTH"
    assert rec("NCT04319016")["acronym"] == "COVID-preg"


def test_sponsor_is_the_first_entry_and_collaborators_the_rest() -> None:
    assert rec("NCT04333550")["sponsor"] == "Kermanshah University of Medical Sciences"
    assert rec("NCT04333550")["collaborators"] == []
    assert rec("NCT04331509")["sponsor"] == "King's College London"
    assert rec("NCT04331509")["collaborators"] == [
        "Zoe Global Limited", "Massachusetts General Hospital",
        "Harvard School of Public Health", "Stanford University",
    ]  # fmt: skip
    assert rec("NCT04313127")["sponsor"] == "CanSino Biologics Inc."
    assert rec("NCT04313127")["collaborators"] == [
        "Institute of Biotechnology, Academy of Military Medical Sciences. PLA of China",
        "Jiangsu Province Centers for Disease Control and Prevention",
        "Hubei Provincial Center for Disease Control and Prevention",
        "Tongji Hospital",
    ]
    assert rec("NCT04305574")["sponsor"] == "Jean Liu"
    assert rec("NCT04305574")["collaborators"] == ["Yale-NUS College"]
    assert rec("NCT04321369")["sponsor"] == "Dr. Deneen Vojta"
    assert rec("NCT04321369")["collaborators"] == [
        "Quest Diagnostics", "Bill and Melinda Gates Foundation", "UnitedHealth Group",
    ]  # fmt: skip


def test_funder_types() -> None:
    assert rec("NCT04333550")["funder_types"] == ["OTHER"]
    assert rec("NCT04313127")["funder_types"] == ["INDUSTRY", "OTHER"]
    assert rec("NCT04323761")["funder_types"] == ["INDUSTRY"]


def test_study_designs() -> None:
    keys = ("allocation", "intervention_model", "masking", "primary_purpose")

    def design(nct: str) -> tuple[str | None, ...]:
        return tuple(rec(nct)["design"][key] for key in keys)

    assert design("NCT04333550") == ("RANDOMIZED", "PARALLEL", "DOUBLE", "TREATMENT")
    assert design("NCT04313127") == ("NON_RANDOMIZED", "SEQUENTIAL", "NONE", "PREVENTION")
    # observational model and time perspective: no field, no warning
    assert design("NCT04331509") == (None, None, None, None)
    assert design("NCT04323761") == (None, None, None, None)  # an empty cell
    assert rec("NCT04313127")["study_type"] == "INTERVENTIONAL"
    assert rec("NCT04331509")["study_type"] == "OBSERVATIONAL"
    # "Expanded Access:Treatment IND/Protocol": the access types have no field
    assert rec("NCT04323761")["study_type"] == "EXPANDED_ACCESS"


def test_outcome_titles_are_other_outcomes_never_primary() -> None:
    assert rec("NCT04333550")["outcomes"] == {
        "primary": [],
        "secondary": [],
        "other": titles(
            "Mortality rate", "change in patients clinical manifestation",
            "change in patients PaO2", "Length of hospitalization", "C-reactive protein",
            "lymphocyte count", "length of intensive care unit stay",
        ),
    }  # fmt: skip
    assert rec("NCT04319016")["outcomes"]["other"] == titles("Maternal and perinatal outcomes")
    # a title with commas is one title: no description or time frame is cut from it
    assert rec("NCT04305574")["outcomes"]["other"] == titles(
        "Assessment of COVID-19 situation", "Depression, Anxiety and Stress Scale",
        "Familiarity and trust in COVID-related rumours", "Availability heuristic",
    )  # fmt: skip
    assert len(rec("NCT04313127")["outcomes"]["other"]) == 13
    assert rec("NCT04323761")["outcomes"] == {"primary": [], "secondary": [], "other": []}


def _age(value: int, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit}


def test_ages() -> None:
    def ages(nct: str) -> tuple[Any, Any]:
        eligibility = rec(nct)["eligibility"]
        return eligibility["min_age"], eligibility["max_age"]

    assert ages("NCT04333550") == (_age(3, "YEARS"), _age(99, "YEARS"))
    assert ages("NCT04331509") == (_age(18, "YEARS"), None)
    assert ages("NCT04313127") == (_age(18, "YEARS"), _age(60, "YEARS"))
    assert ages("NCT04279899") == (None, _age(28, "DAYS"))
    assert ages("NCT04305574") == (_age(21, "YEARS"), None)
    # "Child, Adult, Older Adult" alone: no age limit stated (no warning: see the first test)
    assert ages("NCT04319016") == (None, None)
    assert ages("NCT04321369") == (None, None)


def test_phases_conditions_enrollment_and_ids() -> None:
    assert rec("NCT04333550")["phases"] == ["PHASE1", "PHASE2"]
    assert rec("NCT04313127")["phases"] == ["PHASE1"]
    assert rec("NCT04331509")["phases"] == []
    assert rec("NCT04279899")["conditions"] == [
        "Neonatal Infection", "Perinatal Problems", "Infectious Disease",
    ]  # fmt: skip
    assert rec("NCT04305574")["conditions"] == ["Coronavirus", "Depression", "Anxiety", "Stress"]
    assert rec("NCT04305574")["study_type"] == "OBSERVATIONAL"
    assert rec("NCT04331509")["enrollment"] == {"count": 10000000, "type": None}
    assert rec("NCT04323761")["enrollment"] is None
    assert rec("NCT04333550")["other_ids"] == ["1398.1224"]
    assert rec("NCT04319016")["other_ids"] == ["145/20"]
    assert all(rec(nct)["has_results"] is False for nct in IDS)


def test_interventions_with_types() -> None:
    def interventions(nct: str) -> list[tuple[str | None, str]]:
        return [(item["type"], item["name"]) for item in rec(nct)["interventions"]]

    assert interventions("NCT04333550") == [("DRUG", "Deferoxamine")]
    assert interventions("NCT04331509") == [("OTHER", "No Intervention")]
    assert interventions("NCT04313127") == [
        ("BIOLOGICAL", "Recombinant Novel Coronavirus Vaccine (Adenovirus Type 5 Vector)")
    ]
    assert interventions("NCT04321369") == [
        ("DIAGNOSTIC_TEST", "Testing Sensitivity for SARS-CoV-2 Virus in Symptomatic Individuals")
    ]
    assert interventions("NCT04279899") == []
    assert interventions("NCT04305574") == [("BEHAVIORAL", "Use of social media during COVID-19")]


def test_dates() -> None:
    def dates(nct: str) -> list[str | None]:
        found = rec(nct)["dates"]
        keys = ("start", "primary_completion", "completion", "last_update")
        return [found[key]["date"] if found[key] else None for key in keys]

    assert dates("NCT04333550") == ["2020-04", "2020-09", "2021-03", "2020-04-03"]
    assert dates("NCT04331509") == ["2020-03-23", "2022-03-23", "2022-03-23", "2020-04-02"]
    assert dates("NCT04323761") == [None, None, None, "2020-04-02"]
    assert rec("NCT04333550")["dates"]["start"]["type"] is None


def test_locations() -> None:
    assert rec("NCT04331509")["locations"] == [
        site("Massachusetts General Hospital", "Boston", "Massachusetts", "United States"),
        site("King's College London", "London", None, "United Kingdom"),
    ]
    assert rec("NCT04279899")["locations"] == [
        site("Maternal and Child Health Hospital of Hubei Province", "Wuhan", "Hubei", "China"),
        site("Children Hospital of Fudan University", "Shanghai", "Shanghai", "China"),
    ]
    assert rec("NCT04319016")["locations"] == [
        site("Gabriele Saccone", "Napoli", None, "Italy")
    ]
    assert rec("NCT04305574")["locations"] == [
        site("Yale-NUS College", "Singapore", None, "Singapore")
    ]
    eap = rec("NCT04323761")
    assert eap["locations_count"] == 7
    assert eap["locations"][0] == site(
        "Ochsner Medical Center", "New Orleans", "Louisiana", "United States"
    )
    assert eap["locations"][6] == site(
        "Mount Sinai South Nassau", "Oceanside", "New York", "United States"
    )
    # "…, Kermanshah, Iran, Kermanshah, Iran, Islamic Republic of": the country is whole
    assert rec("NCT04333550")["locations"][0]["country"] == "Iran, Islamic Republic of"


# --- the classic vocabulary, one cell at a time (values as the classic export writes them) ----


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("Recruiting", "RECRUITING"),
        ("Completed", "COMPLETED"),
        ("Active, not recruiting", "ACTIVE_NOT_RECRUITING"),
        ("Not yet recruiting", "NOT_YET_RECRUITING"),
        ("Unknown status", "UNKNOWN"),
        ("Enrolling by invitation", "ENROLLING_BY_INVITATION"),
        ("Withdrawn", "WITHDRAWN"),
        ("Terminated", "TERMINATED"),
        ("Suspended", "SUSPENDED"),
        ("Available", "AVAILABLE"),
        ("No longer available", "NO_LONGER_AVAILABLE"),
        ("Temporarily not available", "TEMPORARILY_NOT_AVAILABLE"),
        ("Approved for marketing", "APPROVED_FOR_MARKETING"),
        ("Withheld", "WITHHELD"),
    ],
)
def test_status_values(cell: str, status: str) -> None:
    record = classic_row(Status=cell)
    assert (record["status"], record["warnings"]) == (status, [])


@pytest.mark.parametrize(
    ("cell", "design"),
    [
        ("Allocation: N/A|Intervention Model: Single Group Assignment|"
         "Masking: None (Open Label)|Primary Purpose: Device Feasibility",
         ("NA", "SINGLE_GROUP", "NONE", "DEVICE_FEASIBILITY")),
        ("Allocation: Randomized|Intervention Model: Crossover Assignment|"
         "Masking: Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)|"
         "Primary Purpose: Health Services Research",
         ("RANDOMIZED", "CROSSOVER", "QUADRUPLE", "HEALTH_SERVICES_RESEARCH")),
        ("Observational Model: Case-Crossover|Time Perspective: Cross-Sectional",
         (None, None, None, None)),
    ],
)
def test_study_design_values(cell: str, design: tuple[str | None, ...]) -> None:
    record = classic_row(Study_Designs=cell)
    keys = ("allocation", "intervention_model", "masking", "primary_purpose")
    assert tuple(record["design"][key] for key in keys) == design
    assert record["warnings"] == []


def test_gender_funders_results_and_unplaced_columns() -> None:
    record = classic_row(Rank="12", URL="https://ClinicalTrials.gov/show/NCT01234567",
                         Gender="Male", Funded_Bys="U.S. Fed|Other|NIH",
                         Study_Results="Has Results")  # fmt: skip
    assert record["eligibility"]["sex"] == "MALE"
    assert record["funder_types"] == ["FED", "OTHER", "NIH"]
    assert record["has_results"] is True
    assert record["warnings"] == []


def test_a_classic_site_has_no_zip() -> None:
    """The current export would take "Lyon 69003" for a zip; the classic one writes none."""
    record = classic_row(Locations="Centre Hospitalier, Lyon 69003, France")
    assert record["locations"] == [site("Centre Hospitalier", "Lyon 69003", None, "France")]


def test_age_groups_alone_are_kept_as_the_age_groups() -> None:
    # the classic export writes the groups alone when no limit is stated (all three)
    every = classic_row(Age="Child, Adult, Older Adult")
    assert (every["age_groups"], every["warnings"]) == (["CHILD", "ADULT", "OLDER_ADULT"], [])
    assert classic_row(Age="Adult")["age_groups"] == ["ADULT"]
    current = parse_text('NCT Number,Study Title,Age\nNCT01234567,T,"CHILD, ADULT, OLDER_ADULT"\n')
    assert (current["age_groups"], current["warnings"]) == (
        ["CHILD", "ADULT", "OLDER_ADULT"], [])
