"""Sites of the site CSV written "City, Region, Country": a study whose sponsor withheld its
facilities' names (the classic export of NCT02391116 and NCT02367040), and single entries
where the region names one of the country's (ctgov_csv_regions).

The real rows are in tests/fixtures/realdata/ctgov-csv/BassKot__…-regions.csv (the header and
two rows of BassKot/CT_Gov_B-Cell's SearchResults.csv, copied byte for byte). Every expected
value below was read by hand from the cells of those rows or from the entries written inline.
"""

from __future__ import annotations

from typing import Any

import pytest
from realdata_csv import rows

from parsers.ctgov_csv_cells import location
from parsers.ctgov_csv_regions import is_region

REGIONS = "BassKot__CT_Gov_B-Cell__SearchResults-regions.csv"


def places(nct: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(site["facility"], site["city"], site["state"], site["country"])
            for site in rows(REGIONS)[nct]["locations"]]


def test_a_study_naming_no_facility_lists_cities_and_regions() -> None:
    """NCT02391116's cell names no facility anywhere ("Ballarat, Victoria, Australia",
    "Box Hill, Australia", … "Milano, Lombardia, Italy"): each site is a city and its
    region, the city found by `city:milano`."""
    sites = places("NCT02391116")
    assert (None, "Milano", "Lombardia", "Italy") in sites
    assert (None, "Montreal", "Quebec", "Canada") in sites
    assert (None, "Leipzig", "Sachsen", "Germany") in sites
    assert (None, "Kingswood", None, "Australia") in sites
    assert all(facility is None for facility, *_ in sites)


def test_a_region_of_the_country_is_a_state_beside_sites_with_facilities() -> None:
    """NCT02367040 names facilities for some US sites ("MSK Basking Ridge, New Jersey, New
    Jersey, United States"), so its other sites are read one by one: a region of the
    country after the city is its state."""
    sites = places("NCT02367040")
    for expected in [
        (None, "Kingswood", "New South Wales", "Australia"),
        (None, "München", "Bayern", "Germany"),
        (None, "Buenos Aires", "Ciudad Auton. De Buenos Aires", "Argentina"),
        (None, "Cordoba", "Córdoba", "Argentina"),  # a city and the province of its name
        (None, "Kobe", "Hyogo", "Japan"),
        (None, "Chuo-ku", "Tokyo", "Japan"),
        (None, "Milano", "Lombardia", "Italy"),
        ("MSK Basking Ridge", "New Jersey", "New Jersey", "United States"),
    ]:
        assert expected in sites, expected
    assert (None, "Lombardia", None, "Italy") not in sites


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Truro, Cornwall, United Kingdom", (None, "Truro", "Cornwall", None)),
        ("Kobe, Hyogo, 650-0017, Japan", (None, "Kobe", "Hyogo", "650-0017")),
        ("Sendai-shi, Miyagi-ken, Japan", (None, "Sendai-shi", "Miyagi-ken", None)),
        ("Aarhus, Region Midtjylland, Denmark", (None, "Aarhus", "Region Midtjylland", None)),
        ("Osaka, Osaka, Japan", (None, "Osaka", "Osaka", None)),
        # a facility and its city stay so
        ("Charité, Berlin, Germany", ("Charité", "Berlin", None, None)),
        ("UZA, Antwerpen, Belgium", ("UZA", "Antwerpen", None, None)),
        ("IUCPQ, Québec, Canada", ("IUCPQ", "Québec", None, None)),
        ("Sanatorio Allende, Cordoba, Argentina", ("Sanatorio Allende", "Cordoba", None, None)),
        ("Pfizer Local Country Office, Tokyo, Japan",
         ("Pfizer Local Country Office", "Tokyo", None, None)),
        ("Gustave Roussy, Villejuif, France", ("Gustave Roussy", "Villejuif", None, None)),
        ("Peking Union Medical College Hospital, Beijing, China",
         ("Peking Union Medical College Hospital", "Beijing", None, None)),
    ],
)
def test_one_entry(entry: str, expected: tuple[Any, ...]) -> None:
    site = location(entry)
    assert (site["facility"], site["city"], site["state"], site["zip"]) == expected


def test_regions_are_matched_without_case_accents_or_suffix() -> None:
    assert is_region("LOMBARDIA", "Italy")
    assert is_region("Nuevo Leon", "Mexico")  # the registry's "Nuevo León"
    assert is_region("Hebei Sheng", "China")
    assert is_region("Gyeonggi-do", "Korea, Republic of")
    assert is_region("Moscow Oblast", "Russian Federation")  # reads as a region
    assert not is_region("Villejuif", "France")
    assert not is_region("Lombardia", "Spain")  # another country's
