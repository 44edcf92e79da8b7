"""Record version 2 from the site's CSV download ("ctgov-csv"): Locations, Outcome Measures
and Collaborators, on real rows and on the splitting rules.

The real files are in tests/fixtures/realdata/ctgov-csv/ (copied byte for byte from
/work/shared/realdata/ctgov-csv/). Every expected value below was read by hand from the
cells of those files, not computed by the parser under test.
"""

from __future__ import annotations

from typing import Any

import pytest
from realdata_csv import rows, site

from parsers import parse_text
from parsers.ctgov_csv_cells import entries, location, outcome
from parsers.record import Record

HYPERTENSION = "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv"
ELEVEN_COLUMNS = "onlyjazz__flask-ctrials__ctg-studies.csv"



def row(nct: str, name: str = HYPERTENSION) -> Record:
    """The record of one real row (parsed once per session; do not modify)."""
    return rows(name)[nct]



def measured(measure: str, description: str | None, time_frame: str | None) -> dict[str, Any]:
    return {"measure": measure, "description": description, "time_frame": time_frame}


# --- real rows -------------------------------------------------------------------------------


def test_a_row_with_one_site_two_collaborators_and_outcomes_without_descriptions() -> None:
    record = row("NCT03555344")
    assert record["record_version"] == 2
    assert record["locations"] == [
        site("NMP Medical Research Institute", "Jaipur", "Rajasthan", "302019", "India")
    ]
    assert record["locations_count"] == 1
    assert record["collaborators"] == [
        "Warwick Research Services",
        "Swamigal Trust for Vedic Science, India",
    ]
    assert record["outcomes"] == {
        "primary": [
            measured("Systolic Blood Pressure", None, "Change from baseline to half an hour"),
            measured("Diastolic Blood Pressure", None, "Change from baseline to half an hour"),
        ],
        "secondary": [
            measured("Supine heart rate (HR)", None, "Change from baseline to half an hour")
        ],
        "other": [],
    }  # fmt: skip
    # what the CSV cannot hold stays empty
    assert record["central_contacts"] == record["overall_officials"] == []
    assert record["references"] == record["see_also"] == []
    assert record["mesh"]["conditions"] == []
    assert record["ipd_sharing"] is None and record["results"] is None


def test_sites_without_facility_or_zip_and_a_time_frame_with_commas() -> None:
    record = row("NCT01112306")
    assert record["locations_count"] == 157
    assert len(record["locations"]) == 157
    assert record["locations"][0] == site(None, "Mobile", "Alabama", None, "United States")
    assert record["locations"][1] == site(None, "Phoenix", "Arizona", None, "United States")
    assert record["collaborators"] == []
    assert record["outcomes"]["secondary"][0] == measured(
        "Percentage of Alive Participants",
        "Percentage of alive participants were analyzed using Kaplan-Meier (KM) estimates.",
        "Baseline (Day 1), Months 3, 6, 9, 12, 24, 36, 48, 60, 72, 84, 96, 108, and 120",
    )
    assert record["outcomes"]["primary"][0]["measure"] == (
        "Number of Participants With Treatment-emergent Adverse Events (TEAEs) up to 3 Days "
        "After Study Intervention Discontinuation"
    )
    assert record["outcomes"]["primary"][0]["time_frame"] == (
        "Up to 3 days after study drug discontinuation (Up to 10.5 years)"
    )


def test_a_facility_with_commas_and_a_description_of_several_paragraphs() -> None:
    record = row("NCT01106014")
    assert record["locations_count"] == 182
    assert record["locations"][0] == site(
        "University of South Alabama", "Mobile", "Alabama", "36617", "United States"
    )
    assert record["locations"][5] == site(
        "University of California, Davis, UC Davis Medical Center",
        "Sacramento",
        "California",
        "95817",
        "United States",
    )
    primary = record["outcomes"]["primary"][0]
    assert primary["measure"] == (
        "Time From Randomization to the First Morbidity Event or Death (All Causes) up to 7 "
        "Days After the Last Study Drug Intake"
    )
    assert primary["description"].startswith(
        "Time from randomization to the first occurrence of a morbidity event or death"
    )
    assert (
        "Critical Event committee:\n\n* Hospitalization for worsening of pulmonary arterial "
        "hypertension (PAH),\n* Worsening of PAH" in primary["description"]
    )
    assert primary["description"].endswith(
        "Note: The number of patients at risk decreased over time but this cannot be captured "
        "below"
    )
    assert primary["time_frame"] == (
        "Up to 7 days after end of double-blind treatment (maximum: 4.3 years)"
    )
    assert record["outcomes"]["secondary"][0]["time_frame"] == "Week 26"


def test_other_outcome_measures_and_a_collaborator() -> None:
    record = row("NCT03254446")
    assert record["collaborators"] == ["Iqvia Pty Ltd"]
    assert record["outcomes"]["other"] == [
        measured("Change in weight", "Mean change in weight from baseline to 24 weeks of treatment",
                 "24 Weeks"),
        measured("Safety profile of TRC150094",
                 "The safety profile of TRC150094 beyond 24 weeks of treatment shall also be "
                 "reported", "50 Weeks"),
    ]  # fmt: skip


def test_a_description_with_a_comma_before_including() -> None:
    assert row("NCT06344104")["outcomes"]["other"] == [
        measured(
            "Number of participants with adverse events (AEs)",
            "To assess the safety and tolerability of baxdrostat versus placebo. Occurrence of "
            "adverse events (AE), including serious adverse events (SAEs), adverse events "
            "leading to treatment discontinuation (DAE) and adverse events of special interest "
            "(AESI)",
            "Up to week 54",
        )
    ]


def test_a_site_without_zip_and_two_part_outcomes() -> None:
    record = row("NCT02124473")
    assert record["collaborators"] == ["NMP Medical Research Institute"]
    assert record["locations"] == [
        site("NMP Medical Research Institute", "Jaipur", "Rajasthan", "302019", "India"),
        site("NMP Medical Research Institute", "Jhunjhunūn", "Rajasthan", None, "India"),
    ]
    assert record["outcomes"]["other"][0] == measured(
        "Serum levels of sodium", None, "Change from Baseline in Serum level of sodium at 3 months"
    )


def test_every_row_lists_its_sites() -> None:
    records = rows(HYPERTENSION)
    assert len(records) == 172
    for record in records.values():
        count = record["locations_count"]
        assert (count or 0) == len(record["locations"]), record["id"]
        for entry in record["locations"]:
            # every site names its country, but NCT00143234's sites stating only
            # "Pfizer Investigational Site" (a facility, no country)
            assert entry["country"] or entry == {
                **dict.fromkeys(("city", "state", "zip", "country", "status", "geo")),
                "facility": "Pfizer Investigational Site", "contacts": [],
            }, (record["id"], entry)
        for kind in ("primary", "secondary", "other"):
            for item in record["outcomes"][kind]:
                assert item["measure"], record["id"]


def test_the_older_eleven_column_export() -> None:
    record = row("NCT03658772", ELEVEN_COLUMNS)
    assert record["collaborators"] == ["Merck Sharp & Dohme LLC"]
    assert record["locations"] == [] and record["locations_count"] is None
    assert record["outcomes"] == {"primary": [], "secondary": [], "other": []}
    assert row("NCT04606472", ELEVEN_COLUMNS)["collaborators"] == ["SystImmune Inc."]


# --- the splitting rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Hospital B, Paris, France", site("Hospital B", "Paris", None, None, "France")),
        ("Mobile, Alabama, United States", site(None, "Mobile", "Alabama", None, "United States")),
        ("Adelaide, Australia", site(None, "Adelaide", None, None, "Australia")),
        ("Royal Free Hospital, London, NW3 2QG, United Kingdom",
         site("Royal Free Hospital", "London", None, "NW3 2QG", "United Kingdom")),
        ("Research Site, Toronto, Ontario, M5C 2T2, Canada",
         site("Research Site", "Toronto", "Ontario", "M5C 2T2", "Canada")),
        ("Seoul National University Hospital, Seoul, 03080, Korea, Republic of",
         site("Seoul National University Hospital", "Seoul", None, "03080", "Korea, Republic of")),
        ("Hospital X, Servicio de Cardiologia, Madrid, 28040, Spain",
         site("Hospital X, Servicio de Cardiologia", "Madrid", None, "28040", "Spain")),
        ("Nemocnice kraje, a.s., Pardubice, 53003, Czechia",
         site("Nemocnice kraje, a.s.", "Pardubice", None, "53003", "Czechia")),
        ("Praha 2 Clinic, Praha 2, Czechia",
         site("Praha 2 Clinic", "Praha 2", None, None, "Czechia")),
        ("Osmania General Hospital,, Hyderabad, 500012, India",
         site("Osmania General Hospital", "Hyderabad", None, "500012", "India")),
        ("Arcturus Healthcare , PLC, Troy, Michigan, 48098, United States",
         site("Arcturus Healthcare , PLC", "Troy", "Michigan", "48098", "United States")),
    ],
)  # fmt: skip
def test_location_split(entry: str, expected: dict[str, Any]) -> None:
    assert location(entry) == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Pain", measured("Pain", None, None)),
        ("Pain, 2 hours", measured("Pain", None, "2 hours")),
        ("Pain score, Scored from 0 to 10., Baseline, Week 4, Week 8",
         measured("Pain score", "Scored from 0 to 10.", "Baseline, Week 4, Week 8")),
        ("Cmax, Maximum concentration, 1, 2, 4 and 8 hours post dose",
         measured("Cmax", "Maximum concentration", "1, 2, 4 and 8 hours post dose")),
        ("Change in Urinary, Bowel, and Sexual Domains, The BCI is a questionnaire., Week 12",
         measured("Change in Urinary, Bowel, and Sexual Domains", "The BCI is a questionnaire.",
                  "Week 12")),
        ("Response (CR, PR or SD), Assessed by RECIST (version 1.1, central review)., Day 28",
         measured("Response (CR, PR or SD)", "Assessed by RECIST (version 1.1, central review).",
                  "Day 28")),
        ("Time to death, Time from enrollment to death, whichever occurs first, up to 2 years",
         measured("Time to death", "Time from enrollment to death, whichever occurs first",
                  "up to 2 years")),
    ],
)  # fmt: skip
def test_outcome_split(entry: str, expected: dict[str, Any]) -> None:
    assert outcome(entry) == expected


def test_outcome_without_a_measure_is_not_kept() -> None:
    assert outcome(", 2 hours") is None
    text = "NCT Number,Study Title,Primary Outcome Measures\nNCT01234567,T,\", 2 hours|Pain\"\n"
    record = parse_text(text)
    assert record["outcomes"]["primary"] == [measured("Pain", None, None)]
    assert record["warnings"] == [
        "Primary Outcome Measures: no measure in ', 2 hours', not kept"
    ]


def test_entries_escapes_and_spaced_bars() -> None:
    assert entries("A|B") == ["A", "B"]
    assert entries(" A |  | B ") == ["A", "B"]  # all spaced: separators
    # a bare "|" separates, so a spaced one is inside an entry
    assert entries("FAP, IAP | Oftalmología, Mexico City, Mexico|B, Paris, France") == [
        "FAP, IAP | Oftalmología, Mexico City, Mexico",
        "B, Paris, France",
    ]
    assert entries("a\\|b|c\\\\") == ["a|b", "c\\"]


def test_export_placeholders_count_but_are_not_sites() -> None:
    text = (
        "NCT Number,Study Title,Locations\n"
        'NCT01234567,T,"Location 1 of 2 (not recorded)|Location 2 of 2 (not recorded)"\n'
    )
    record = parse_text(text)
    assert record["locations_count"] == 2
    assert record["locations"] == []
    assert record["warnings"] == []


def test_collaborators_are_kept_once() -> None:
    text = 'NCT Number,Study Title,Collaborators\nNCT01234567,T,"Acme|Beta, Inc.|Acme| "\n'
    assert parse_text(text)["collaborators"] == ["Acme", "Beta, Inc."]


def test_many_commas_stay_fast() -> None:
    """A hostile cell of thousands of parts is split in bounded work."""
    cell = ", ".join(f"part {n}" for n in range(5000))
    found = outcome(cell)
    assert found is not None and found["measure"].startswith("part 0")
    assert location(cell)["country"] == "part 4999"
