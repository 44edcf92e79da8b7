"""The Sites tab's counts (and `trials show`'s, which prints the same view): recruiting sites
are counted only among the sites that state a status; a source that states none (the CSV
download) is never said to have "0 recruiting"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_helpers import plain

from parsers import load_records
from tui.export_markdown import trial_markdown
from tui.show_view import trial_view
from tui.sites_view import StatusTally, country_counts, sites_header, sites_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
#: A CSV download whose NCT07064473 (Recruiting) lists 1,153 sites, none with a status.
CSV = REALDATA / "ctgov-csv" / "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv"


def csv_trial() -> dict[str, Any]:
    """NCT07064473 as the CSV download gives it."""
    [record] = [loaded.record for loaded in load_records(CSV)
                if loaded.record.get("id") == "NCT07064473"]
    return record


def site(country: str, status: str | None) -> dict[str, Any]:
    return {"facility": "Clinic", "city": "Town", "country": country, "status": status}


def lines(record: dict[str, Any]) -> list[str]:
    return [line.rstrip() for line in plain(sites_view(record).whole(), 120).splitlines()]


def test_no_site_stating_a_status_is_not_called_0_recruiting() -> None:
    record = csv_trial()
    assert record["status"] == "RECRUITING"
    text = lines(record)
    assert "1,153 sites · recruiting status not stated" in text
    assert "Argentina  27 sites, recruiting status not stated" in text
    assert not [line for line in text if "0 recruiting" in line]


def test_trials_show_says_the_same() -> None:
    text = plain(trial_view(csv_trial()), 120)
    assert "1,153 sites · recruiting status not stated" in text
    assert "0 recruiting" not in text


def test_the_markdown_claims_no_recruiting_count() -> None:
    markdown = trial_markdown(csv_trial())
    assert "### Sites (1,153 sites in 52 countries)" in markdown
    assert "#### Argentina (27)" in markdown
    assert "recruiting" not in markdown.split("### Sites", 1)[1].split("\n### ", 1)[0].lower()


def test_some_sites_stating_a_status_count_those_and_say_how_many_do_not() -> None:
    locations = ([site("France", "RECRUITING")] * 3 + [site("France", "NOT_YET_RECRUITING")]
                 + [site("France", None)] * 2 + [site("France", "")]
                 + [site("Spain", "COMPLETED")] * 4 + [site("Spain", None)])
    assert StatusTally.of(locations) == StatusTally(12, 3, 1, 4)
    assert sites_header(locations, None).plain == (
        "12 sites · 3 recruiting · 1 not yet recruiting · 4 not stated")
    text = lines({"id": "NCT00000001", "title": "A trial", "locations": locations})
    assert "France  7 sites, 3 recruiting, 3 not stated" in text
    assert "Spain  5 sites, 0 recruiting, 1 not stated" in text


def test_stated_statuses_keep_their_counts() -> None:
    locations = [site("Japan", "RECRUITING"), site("Japan", "COMPLETED")]
    assert sites_header(locations, None).plain == "2 sites · 1 recruiting"
    assert country_counts([site("Japan", "COMPLETED")]) == "1 site, 0 recruiting"  # stated
    assert country_counts([site("Japan", None)]) == "1 site, recruiting status not stated"
    assert sites_header([], None).plain == "0 sites"


def test_a_site_without_coordinates_in_the_near_city_is_listed_first() -> None:
    """The search counts a site without coordinates as in the city it names (a place term
    of near:), so the Sites tab lists it first, at 0 km, not among the unmeasured (? km)."""
    from store.engine.geo import Place
    from tui.sites_view import nearest_first, sites_header

    paris = Place("Paris, France", 48.8566, 2.3522, 3, terms=("paris||france",))
    sites = [
        {"facility": None, "city": "Birmingham", "state": "Alabama",
         "country": "United States", "status": None, "geo": None},
        {"facility": "Hôpital Bichat", "city": "Paris Cedex 18", "state": None,
         "country": "France", "status": None, "geo": None},
        {"facility": None, "city": "Paris", "state": None, "country": "France",
         "status": None, "geo": None},
        {"facility": "Lyon site", "city": "Lyon", "state": None, "country": "France",
         "status": None, "geo": {"lat": 45.764, "lon": 4.8357}},
    ]
    ordered = nearest_first(sites, paris)
    assert [(site["city"], km is None) for site, km in ordered] == [
        ("Paris", False), ("Lyon", False), ("Birmingham", True), ("Paris Cedex 18", True)]
    assert ordered[0][1] == 0.0
    header = " ".join(sites_header(sites, paris).plain.split())
    assert ("1 site without coordinates in the city itself at 0 km; 2 sites without "
            "coordinates last (? km).") in header
