"""The site's CSV download as people keep it: rows of real downloads (some saved again by a
spreadsheet or pandas) and small inline cells for the same cases.

The real rows are in tests/fixtures/realdata/ctgov-csv/ (a few rows of each file, copied byte
for byte; the folder's README names where each came from). Every expected value below was
read by hand from the cells of those rows, not computed by the parser under test.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from realdata_csv import real, rows, site

from parsers import ParseError, ctgov_csv_cells, load_records, parse_text, parse_text_many
from parsers.ctgov_csv_cells import entries, location
from parsers.record import Record

OBSERVATIONAL = "Anand21J-V__Clinical-Trial-Semantic-Model-Query__ctg-studies.csv"
EXCEL_DATES = "spikar__llama_parser__ctg-studies2.csv"
NO_NCT_NUMBER = "jeffreys518__symptomData__SearchResults.csv"
CLASSIC_NULLS = "BassKot__CT_Gov_B-Cell__SearchResults.csv"
PANDAS_NA = "adamq1337__RAG__metadata.csv"
ZIP_FULL_STOP = "sanjana098__ai-hack__SearchResults.csv"
HYPERTENSION = "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv"
UNDERSCORES = "Jk1201-web__end-to-end-clinical-trial-analytics__ctg-studies.csv"





def csv_text(header: list[str], *rows: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def one(header: list[str], *cells: str) -> Record:
    """The record of one row: NCT Number, Study Title, then the given columns."""
    return parse_text(csv_text(["NCT Number", "Study Title", *header],
                               ["NCT01234567", "T", *cells]))  # fmt: skip


def dates(record: Record) -> dict[str, str | None]:
    """The dates of the four date columns the record has a field for."""
    keys = ("start", "primary_completion", "completion", "last_update")
    return {key: (record["dates"].get(key) or {}).get("date") for key in keys}


# --- 1. Study Design "Observational Model: |Time Perspective: p" ------------------------------


def test_the_sites_placeholder_time_perspective_is_not_stated() -> None:
    # Study Design "Observational Model: |Time Perspective: p"
    record = real(OBSERVATIONAL, "NCT06963619")
    assert record["study_type"] == "OBSERVATIONAL"
    assert record["observational"] is None
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("cell", "observational", "warned"),
    [
        ("Observational Model: |Time Perspective: p", None, []),
        ("Observational Model: Cohort|Time Perspective: p",
         {"model": "COHORT", "time_perspective": None, "study_population": None,
          "sampling_method": None}, []),
        ("Observational Model: |Time Perspective: Someday", None,
         ["Study Design: unknown Time Perspective 'Someday'"]),
    ],
)  # fmt: skip
def test_observational_design_parts(
    cell: str, observational: dict[str, Any] | None, warned: list[str]
) -> None:
    record = one(["Study Design"], cell)
    assert record["observational"] == observational
    assert record["warnings"] == warned


# --- 2. "null", "N/A", "NaN"… cells are empty -------------------------------------------------


def test_the_classic_exports_null_cells_are_empty() -> None:
    # Start, Primary Completion and Completion Date "null", Enrollment "null"
    record = real(CLASSIC_NULLS, "NCT02715843")
    assert dates(record) == {
        "start": None, "primary_completion": None, "completion": None,
        "last_update": "2018-09-18",
    }  # fmt: skip
    assert record["enrollment"] is None
    assert record["warnings"] == []


def test_pandas_na_cells_are_empty() -> None:
    # Interventions "N/A", Collaborators "N/A" (and a combined_text column of its own)
    record = real(PANDAS_NA, "NCT04967261")
    assert record["interventions"] == []
    assert record["collaborators"] == []
    assert [warning.split(":")[0] for warning in record["warnings"]] == ["combined_text"]


@pytest.mark.parametrize("cell", ["null", "NULL", "N/A", "n/a", "NA", "NaN", "nan", "None"])
@pytest.mark.parametrize(
    "column",
    ["Start Date", "Enrollment", "Interventions", "Conditions", "Acronym", "Study Design",
     "Locations", "Sex", "Study Type", "Other IDs", "Collaborators", "Favourite Colour"],
)  # fmt: skip
def test_a_null_cell_is_empty_in_every_column(column: str, cell: str) -> None:
    record = one([column], cell)
    empty = one([column], "")
    assert record == empty
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("cell", "phases"),
    [("NA", ["NA"]), ("N/A", ["NA"]), ("na", ["NA"]), ("null", []), ("NaN", []), ("None", [])],
)
def test_phases_na_is_the_registrys_not_applicable(cell: str, phases: list[str]) -> None:
    record = one(["Phases"], cell)
    assert record["phases"] == phases
    assert record["warnings"] == []


# --- 3. dates a spreadsheet rewrote ("12/17/2019") --------------------------------------------


def test_month_first_dates_of_a_file_saved_by_excel() -> None:
    # the file's dates: "9/15/2021", "12/30/2015", "2/23/2021": month first
    assert dates(real(EXCEL_DATES, "NCT03343093")) == {
        "start": "2019-01-01",  # "1/1/2019"
        "primary_completion": "2021-09-15",  # "9/15/2021"
        "completion": "2023-06-20",  # "6/20/2023"
        "last_update": "2024-04-02",  # "4/2/2024"
    }
    record = real(EXCEL_DATES, "NCT05249127")
    assert dates(record) == {
        "start": "2022-04-11",  # "4/11/2022"
        "primary_completion": "2023-08-08",
        "completion": "2023-08-08",
        "last_update": "2024-10-01",  # "10/1/2024"
    }
    assert record["warnings"] == []


def test_a_header_written_with_underscores_and_dates_day_first_with_dashes() -> None:
    # the site's columns renamed "NCT_Number", "Study_Title", …, "Start_Date", and its dates
    # written "06-08-2025" … "18-12-2025" (this last one says: day first)
    record = real(UNDERSCORES, "NCT07290231")
    assert record["title"].startswith("Effects of Core Strengthening Exercises")
    assert record["status"] == "RECRUITING"
    assert record["enrollment"]["count"] == 56
    assert dates(record) == {
        "start": "2025-08-06",  # "06-08-2025"
        "primary_completion": "2026-01-03",  # "03-01-2026"
        "completion": "2026-02-10",  # "10-02-2026"
        "last_update": "2025-12-18",  # "18-12-2025"
    }
    assert record["warnings"] == []


def date_file(*cells: str, column: str = "Start Date") -> list[Record]:
    text = csv_text(
        ["NCT Number", "Study Title", column],
        *([f"NCT0000000{n}", "T", cell] for n, cell in enumerate(cells, 1)),
    )
    return [item.record for item in parse_text_many(text, "x.csv")]


def test_day_first_dates() -> None:
    first, second = date_file("17/12/2019", "4/11/2022")
    assert dates(first)["start"] == "2019-12-17"
    assert dates(second)["start"] == "2022-11-04"
    assert first["warnings"] == second["warnings"] == []


def test_the_order_may_come_from_a_column_without_a_field() -> None:
    text = csv_text(
        ["NCT Number", "Study Title", "Start Date", "First Posted"],
        ["NCT00000001", "T", "4/11/2022", "3/25/2022"],
    )
    assert dates(parse_text(text))["start"] == "2022-04-11"


def test_dates_with_dots_or_dashes_follow_the_files_order_too() -> None:
    first, second = date_file("17.12.2019", "4.11.2022")
    assert (dates(first)["start"], dates(second)["start"]) == ("2019-12-17", "2022-11-04")
    (record,) = date_file("4-11-2022")
    assert dates(record)["start"] is None  # no date of the file says which comes first
    (record,) = date_file("4-11.2022")  # two separators: no date
    assert dates(record)["start"] is None


def test_without_evidence_a_slash_date_is_not_guessed() -> None:
    (record,) = date_file("4/11/2022")
    assert dates(record)["start"] is None
    (warning,) = record["warnings"]
    assert warning.startswith("Start Date: could not read the date '4/11/2022': ")
    assert "either way round" in warning
    # the same either way: read
    (record,) = date_file("5/5/2020")
    assert (dates(record)["start"], record["warnings"]) == ("2020-05-05", [])


def test_a_file_contradicting_itself_reads_no_slash_date() -> None:
    records = date_file("17/12/2019", "12/17/2019", "4/11/2022", "2020-01-02")
    assert [dates(record)["start"] for record in records] == [None, None, None, "2020-01-02"]
    for record in records[:3]:
        (warning,) = record["warnings"]
        assert "both day first ('17/12/2019') and month first ('12/17/2019')" in warning


def test_a_two_digit_year_is_not_guessed() -> None:
    records = date_file("12/17/19", "12/17/2019")
    assert [dates(record)["start"] for record in records] == [None, "2019-12-17"]
    assert records[0]["warnings"] == [
        "Start Date: could not read the date '12/17/19': a two-digit year, its century unknown"
    ]


def test_a_slash_date_that_is_no_date_in_the_files_order() -> None:
    (record, _) = date_file("2/30/2020", "12/17/2019")
    assert dates(record)["start"] is None
    assert record["warnings"] == [
        "Start Date: could not read the date '2/30/2020': not a date with the month first, "
        "as the file writes its dates"
    ]


# --- 4. an empty unknown column ---------------------------------------------------------------


def test_an_empty_unknown_column_is_not_warned_about() -> None:
    # the header ends in four unnamed columns, empty in this row
    assert real(EXCEL_DATES, "NCT03343093")["warnings"] == []
    assert one(["Favourite Colour"], "")["warnings"] == []
    text = "NCT Number,Study Title\nNCT01234567,T,,\n"
    assert parse_text(text)["warnings"] == []
    assert one(["Favourite Colour"], "blue")["warnings"] == [
        "Favourite Colour: unknown column, value 'blue' not placed"
    ]


# --- 5. the classic export without its NCT Number column --------------------------------------


def test_a_classic_export_without_nct_number_takes_the_id_from_its_url() -> None:
    records = rows(NO_NCT_NUMBER)
    assert list(records) == ["NCT03639883", "NCT00795535"]
    record = records["NCT03639883"]
    assert record["nct_id"] == "NCT03639883"
    assert record["title"] == "A Safety and Efficacy Study to Evaluate Wound Healing"
    assert record["status"] == "RECRUITING"
    assert record["has_results"] is False
    assert record["conditions"] == ["Wound Heal"]
    assert [(item["type"], item["name"]) for item in record["interventions"]] == [
        ("DRUG", "AIV001")
    ]
    assert record["locations"] == [
        site("Cosmetic Laser Dermatology", "San Diego", "California", None, "United States")
    ]
    assert record["warnings"] == []


def test_a_current_export_without_nct_number_takes_the_id_from_the_study_url() -> None:
    text = csv_text(
        ["Study Title", "Study URL", "Conditions"],
        ["T", "https://clinicaltrials.gov/study/NCT01234567", "A"],
    )
    record = parse_text(text)
    assert (record["id"], record["nct_id"], record["warnings"]) == (
        "NCT01234567", "NCT01234567", []
    )


def test_a_url_without_an_nct_id_is_warned_about() -> None:
    header = ["Rank", "Title", "Status", "Conditions", "URL"]
    record = parse_text(csv_text(header, ["1", "T", "Completed", "A", "https://example.org/"]))
    assert record["nct_id"] is None
    assert record["warnings"] == ["URL: no NCT id in 'https://example.org/'"]


def test_a_classic_export_with_neither_nct_number_nor_url_is_refused() -> None:
    header = ["Rank", "Title", "Status", "Study Results", "Conditions", "Locations"]
    text = csv_text(header, ["1", "T", "Completed", "No Results Available", "A", ""])
    with pytest.raises(ParseError, match=r'"NCT Number" column .*"URL"'):
        parse_text(text)


def test_a_csv_of_titles_and_links_is_not_a_trial_file() -> None:
    with pytest.raises(ParseError, match=r"not a trial page"):
        parse_text(csv_text(["Title", "Status", "URL"], ["Notes", "Done", "https://x.org/"]))


# --- 6. a " | " inside one site ---------------------------------------------------------------


def test_a_spaced_bar_inside_the_only_site() -> None:
    # Locations "Roth | McFarlane Hand and Upper Limb Centre (HULC), London, Ontario, N6A 4V2,
    # Canada": one site (the site separates sites with a bare "|")
    record = real(OBSERVATIONAL, "NCT06963164")
    assert record["locations"] == [
        site("Roth | McFarlane Hand and Upper Limb Centre (HULC)", "London", "Ontario",
             "N6A 4V2", "Canada")
    ]  # fmt: skip
    assert record["locations_count"] == 1


def test_spaced_bars_between_sites() -> None:
    assert entries("A, Paris, France | B, Lyon, France", sites=True) == [
        "A, Paris, France",
        "B, Lyon, France",
    ]
    assert entries("Roth | Centre, London, Canada | B, Seoul, Korea, Republic of", sites=True) == [
        "Roth | Centre, London, Canada",
        "B, Seoul, Korea, Republic of",
    ]
    record = one(["Locations"], "Roth | Centre, London, Canada")
    assert record["locations"] == [site("Roth | Centre", "London", None, None, "Canada")]


# --- 7. a zip with a full stop ----------------------------------------------------------------


def test_a_us_zip_with_a_full_stop() -> None:
    record = real(ZIP_FULL_STOP, "NCT04268771")
    assert record["locations_count"] == len(record["locations"]) == 26
    # "Bluegrass Community Research Inc,330 Waller Avenue, Suite 100,, Lexington, Kentucky,
    # 40504., United States"
    assert record["locations"][11] == site(
        "Bluegrass Community Research Inc,330 Waller Avenue, Suite 100",
        "Lexington", "Kentucky", "40504", "United States",
    )  # fmt: skip
    assert record["locations"][8] == site(
        "Integral Rheumatology and Immunology Specialist, 140 Southwest 84th Avenue, Suite B",
        "Plantation", "Florida", "33324", "United States",
    )  # fmt: skip


def test_a_zip_with_a_full_stop_elsewhere() -> None:
    assert location("Hospital del Mar, Barcelona, 08003., Spain") == site(
        "Hospital del Mar", "Barcelona", None, "08003", "Spain"
    )


# --- 8. a site of one part --------------------------------------------------------------------


def test_a_site_stating_only_its_facility() -> None:
    # the last of the 118 sites is "Pfizer Investigational Site" alone
    record = real(HYPERTENSION, "NCT00143234")
    assert record["locations_count"] == len(record["locations"]) == 118
    assert record["locations"][-1] == site("Pfizer Investigational Site", None, None, None, None)
    assert record["locations"][-2] == site(
        "Pfizer Investigational Site", "Sharjah city", None, None, "United Arab Emirates"
    )


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Pfizer Investigational Site", site("Pfizer Investigational Site", None, None, None,
                                             None)),
        ("Canada", site(None, None, None, None, "Canada")),
        ("Korea, Republic of", site(None, None, None, None, "Korea, Republic of")),
        ("Côte d’Ivoire", site(None, None, None, None, "Côte d’Ivoire")),
    ],
)  # fmt: skip
def test_a_lone_part_is_a_country_only_when_it_names_one(
    entry: str, expected: dict[str, Any]
) -> None:
    assert location(entry) == expected
    assert location(entry, with_zip=False) == expected


def test_sites_of_a_study_that_names_no_facilities_are_city_and_state() -> None:
    """NCT00151775 lists cities only ("Bahía Blanca, Argentina"): "San Miguel de Tucumán, TUC,
    Argentina" is a city and its province, not a facility in the city of TUC."""
    path = (Path(__file__).parent / "fixtures" / "realdata" / "ctgov-csv"
            / "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv")
    record = next(item.record for item in load_records(path)
                  if item.record["id"] == "NCT00151775")
    places = [(site["facility"], site["city"], site["state"], site["country"])
              for site in record["locations"]]
    assert (None, "San Miguel de Tucumán", "TUC", "Argentina") in places
    assert (None, "Bahía Blanca", None, "Argentina") in places
    assert (None, "Durban", "KZ-Natal", "South Africa") in places
    assert all(facility is None for facility, _, _, _ in places)


@pytest.mark.parametrize("cell", [
    "Gustave Roussy, Villejuif, France|Paris, France",
    "Ps0005 553, Prague, Czechia|Ps0005 550, Olomouc, Czechia|Brno, Czechia",
])
def test_sites_with_facilities_beside_a_city_only_site_keep_them(cell: str) -> None:
    entries = cell.split("|")
    no_facility = ctgov_csv_cells.facility_less(entries)
    assert not no_facility
    first = location(entries[0], no_facility=no_facility)
    assert first["facility"] == entries[0].split(", ")[0]


# --- 9. non-US sites: a facility of several parts, a short zip --------------------------------

_LILLY = (
    "For additional information regarding investigative sites for this trial, contact "
    "1-877-CTLILLY (1-877-285-4559, 9AM-5PM EST) or speak with your personal physician."
)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # javimangal NCT02701595: "CHU de Bordeaux" is part of the facility, not the city
        ("Service de Réanimation médicale, Hôpital St André, CHU de Bordeaux, Bordeaux, 33000, "
         "France",
         site("Service de Réanimation médicale, Hôpital St André, CHU de Bordeaux", "Bordeaux",
              None, "33000", "France")),
        # unl-stat351 NCT02438826: a comma inside brackets splits nothing
        (f"{_LILLY}, Ghent, 9000, Belgium", site(_LILLY, "Ghent", None, "9000", "Belgium")),
        # unl-stat351 NCT02440776: a street and number is not a city
        ("Klinik für Schmerztherapie, Rotes Kreuz Krankenhaus, Hansteinstr. 29, Kassel, 34121, "
         "Germany",
         site("Klinik für Schmerztherapie, Rotes Kreuz Krankenhaus, Hansteinstr. 29", "Kassel",
              None, "34121", "Germany")),
        # javimangal NCT05860621
        ("Universidade Lusófona, Campo Grande 376, Lisboa, 1749-024, Portugal",
         site("Universidade Lusófona, Campo Grande 376", "Lisboa", None, "1749-024",
              "Portugal")),
        ("Unidade Local de Saúde de Coimbra, E.P.E., Coimbra, 3000-561, Portugal",
         site("Unidade Local de Saúde de Coimbra, E.P.E.", "Coimbra", None, "3000-561",
              "Portugal")),
        ("UO Ematologia e CTMO, ASST Spedali Civili, Brescia, Italy",
         site("UO Ematologia e CTMO, ASST Spedali Civili", "Brescia", None, None, "Italy")),
        # Marcuselis NCT05980949: a zip of one digit
        ("Local Institution - 7008, Guangzhou, Guangdong, 0, China",
         site("Local Institution - 7008", "Guangzhou", "Guangdong", "0", "China")),
        # javimangal NCT05658341: a zip of two digits
        ("Lille, Lille, Nord, 59, France", site("Lille", "Lille", "Nord", "59", "France")),
        ("Medical Oncology Department, St. James's Hospital, Dublin, 8, Ireland",
         site("Medical Oncology Department, St. James's Hospital", "Dublin", None, "8",
              "Ireland")),
        # unchanged: a region after the city, a US site
        ("Hospital Universitario La Paz, Madrid, Madrid, 28046, Spain",
         site("Hospital Universitario La Paz", "Madrid", "Madrid", "28046", "Spain")),
        ("Research Site, Boston, Massachusetts, 02115, United States",
         site("Research Site", "Boston", "Massachusetts", "02115", "United States")),
    ],
)  # fmt: skip
def test_non_us_sites_split_at_the_city(entry: str, expected: dict[str, Any]) -> None:
    assert location(entry) == expected
