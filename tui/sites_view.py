"""The Sites tab: a study's locations grouped by country and city, recruiting sites first,
with their contacts; or, when the query has a near: term, every site's distance from that
place, nearest first. Paged: a study can list more than a thousand sites."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from parsers import csv_missing_column, is_csv_row, left_out
from store.engine.geo import Place, distance_km, place_term

from . import format as fmt
from .hanging import Hanging
from .pages import Item, Paged, counted
from .report_view import HEADING, Marker, plain, title_line

Record = dict[str, Any]
#: Statuses listed first within each city: sites a patient can join (now or soon).
RECRUITING = ("RECRUITING", "NOT_YET_RECRUITING")
STATUS_STYLES = {"RECRUITING": "bold green", "NOT_YET_RECRUITING": "green"}
PAGE_SITES = 100  # site entries rendered at a time (the first page opens at once)
NO_COUNTRY, NO_CITY = "Country not stated", "City not stated"


def _has_coordinates(location: dict[str, Any]) -> bool:
    geo = location.get("geo")
    return isinstance(geo, dict) and all(
        isinstance(geo.get(key), int | float) for key in ("lat", "lon"))


def site_distance(location: dict[str, Any], near: Place) -> float | None:
    """The km from near to a site; 0 for a site without coordinates whose city is near's
    (as the search counts it: a place term of near); None for another without them."""
    if _has_coordinates(location):
        geo = location["geo"]
        return distance_km(near.lat, near.lon, float(geo["lat"]), float(geo["lon"]))
    term = place_term(*(str(location.get(part) or "") for part in ("city", "state", "country")))
    return 0.0 if term in near.terms else None


def _fold(value: str | None) -> tuple[int, str]:
    """A sort key: named values alphabetically (case-blind), unnamed ones last."""
    return (0, value.casefold()) if value else (1, "")


def _recruiting_first(location: dict[str, Any]) -> int:
    status = location.get("status")
    return RECRUITING.index(status) if status in RECRUITING else len(RECRUITING)


def _city_name(location: dict[str, Any]) -> str:
    return ", ".join(part for part in (location.get("city"), location.get("state")) if part)


def _place_name(location: dict[str, Any]) -> str:
    parts = (location.get("city"), location.get("state"), location.get("country"))
    return ", ".join(part for part in parts if part)


def grouped(locations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sites by country, then city (each alphabetical, unnamed last), recruiting sites
    first within a city, else in the source's order."""
    order = sorted(
        range(len(locations)),
        key=lambda i: (
            _fold(locations[i].get("country")),
            _fold(locations[i].get("city")),
            _fold(locations[i].get("state")),
            _recruiting_first(locations[i]),
            i,
        ),
    )
    return [locations[i] for i in order]


def nearest_first(
    locations: list[dict[str, Any]], near: Place
) -> list[tuple[dict[str, Any], float | None]]:
    """Each site with its km from near, nearest first; sites without coordinates last."""
    measured = [(location, site_distance(location, near)) for location in locations]
    return sorted(
        measured,
        key=lambda pair: (pair[1] is None, pair[1] or 0.0, _recruiting_first(pair[0])),
    )


def status_text(status: str | None) -> Text:
    """A site's status in words, recruiting ones in green."""
    if not status:
        return Text("status not stated", style="dim")
    return Text(fmt.enum_text(status), style=STATUS_STYLES.get(status, "dim"))


def contact_text(contact: dict[str, Any], mark: Marker = plain) -> Text:
    """ "Jane Doe (Principal investigator) · 555-0100 · jane@example.org"."""
    text = Text()
    if contact.get("name"):
        text.append_text(mark(contact["name"]))
    if contact.get("role"):
        if text:
            text.append(" ")
        text.append(f"({fmt.enum_text(contact['role'])})", style="dim")
    for key in ("phone", "email"):
        if contact.get(key):
            if text:
                text.append(" · ", style="dim")
            text.append_text(mark(contact[key]))
    return text


def site_lines(
    location: dict[str, Any], mark: Marker = plain, *, km: float | None = None,
    place: bool = False, measured: bool = False, indent: int = 0,
) -> list[tuple[Text, int, int]]:
    """One site: a bullet (or its distance, when measured), its facility and status, then its
    place (when not under a city heading) and its contacts, indented under the facility."""
    if measured:
        line = Text(f"{'?' if km is None else f'{km:,.0f}':>6} km  ", style="bold cyan")
    else:
        line = Text("• ")
    hang = len(line)
    facility = mark(location.get("facility") or "Facility not stated")
    facility.stylize("bold")
    line.append_text(facility)
    if location.get("zip"):
        postcode = mark(str(location["zip"]))
        postcode.stylize("dim")
        line.append("  ").append_text(postcode)
    line.append("  ")
    line.append_text(status_text(location.get("status")))
    lines = [(line, indent, hang)]
    if place:
        lines.append((mark(_place_name(location) or NO_CITY), indent + hang, 2))
    lines += [(contact_text(contact, mark), indent + hang, 2)
              for contact in location.get("contacts") or ()]
    return lines


def site_entry(location: dict[str, Any], mark: Marker = plain, **how: Any) -> Hanging:
    """One site as a renderable (see site_lines)."""
    return Hanging(site_lines(location, mark, **how))


@dataclass(frozen=True)
class StatusTally:
    """How many of some sites recruit, by what they state: recruiting and not yet recruiting
    sites, and those whose status the source does not state (a CSV download states none)."""

    sites: int
    recruiting: int
    not_yet: int
    unstated: int

    @classmethod
    def of(cls, locations: Iterable[dict[str, Any]]) -> StatusTally:
        """The tally of the given sites (a status that is empty counts as not stated)."""
        statuses = [location.get("status") for location in locations]
        return cls(len(statuses), statuses.count("RECRUITING"),
                   statuses.count("NOT_YET_RECRUITING"),
                   sum(1 for status in statuses if not status))


def recruiting_parts(tally: StatusTally, *, not_yet: bool = False) -> list[tuple[str, str]]:
    """The recruiting counts in words, each with its style: "659 recruiting" (and "3 not yet
    recruiting" when not_yet and some are), then how many sites state no status ("4 not
    stated"); when none states one, only "recruiting status not stated", never a guessed
    "0 recruiting". Nothing for no sites."""
    if not tally.sites:
        return []
    if tally.unstated == tally.sites:
        return [("recruiting status not stated", "dim")]
    parts = [(f"{tally.recruiting:,} recruiting", "bold green")]
    if not_yet and tally.not_yet:
        parts.append((f"{tally.not_yet:,} not yet recruiting", "green"))
    if tally.unstated:
        parts.append((f"{tally.unstated:,} not stated", "dim"))
    return parts


def sites_header(locations: list[dict[str, Any]], near: Place | None) -> Text:
    """ "1,148 sites · 659 recruiting · 3 not yet recruiting" ("12 sites · 3 recruiting ·
    4 not stated" when some sites state no status, "1,153 sites · recruiting status not
    stated" when none does) and, with a near: term, where the distances are measured from."""
    text = Text(counted(len(locations), "site"), style="bold")
    for words, style in recruiting_parts(StatusTally.of(locations), not_yet=True):
        text.append(f" · {words}", style=style)
    if near is not None:
        text.append("\nDistances from ")
        text.append(near.name, style="bold")
        text.append(", nearest first")
        measured = [(location, site_distance(location, near)) for location in locations]
        unknown = sum(1 for _, km in measured if km is None)
        placed = sum(1 for location, km in measured
                     if km == 0 and not _has_coordinates(location))
        if placed:
            text.append(f"; {counted(placed, 'site')} without coordinates in the city itself "
                        "at 0 km")
        if unknown:
            text.append(f"; {counted(unknown, 'site')} without coordinates last (? km)")
        text.append(".")
    return text


def country_counts(sites: list[dict[str, Any]]) -> str:
    """ "27 sites, 3 recruiting, 4 not stated": a country heading's counts (see
    recruiting_parts)."""
    words = [counted(len(sites), "site")]
    words += [part for part, _ in recruiting_parts(StatusTally.of(sites))]
    return ", ".join(words)


def _grouped_items(sites: list[dict[str, Any]], mark: Marker) -> list[Item]:
    """One item per site, with the country and city headings before the first site of each."""
    countries: dict[str, list[dict[str, Any]]] = {}
    for location in sites:
        countries.setdefault(location.get("country") or NO_COUNTRY, []).append(location)
    items: list[Item] = []
    country = city = None
    for location in sites:
        this_country = location.get("country") or NO_COUNTRY
        this_city = _city_name(location) or NO_CITY
        headings: list[Text] = []
        if this_country != country:
            if country is not None:
                headings.append(Text())  # a blank line between countries
            heading = mark(this_country)
            heading.stylize(HEADING)
            heading.append(f"  {country_counts(countries[this_country])}", style="dim")
            headings.append(heading)
            city = None
        if this_city != city:
            city_line = mark(this_city)
            city_line.stylize("bold")
            headings.append(city_line)
        country, city = this_country, this_city
        items.append(Item(_builder(headings, location, mark), 1))
    return items


def _builder(headings: list[Text], location: dict[str, Any], mark: Marker
             ) -> Callable[[], RenderableType]:
    return lambda: Hanging([(heading, 0, 2) for heading in headings]
                           + site_lines(location, mark, indent=2))


def sites_unknown(record: Record) -> bool:
    """Are the record's sites unknown (not none): a CSV file made without the Locations
    column, or a partial study whose source left them out?"""
    return csv_missing_column(record, "Locations") is not None or left_out(record, "locations")


def sites_view(record: Record, mark: Marker = plain, near: Place | None = None, *,
               title: bool = True) -> Paged:
    """The Sites tab of a record, paged PAGE_SITES sites at a time; under the record's id and
    title unless title is False."""
    locations = [loc for loc in record.get("locations") or () if isinstance(loc, dict)]
    head: list[RenderableType] = [title_line(record, mark), Text()] if title else []
    unknown = not locations and sites_unknown(record)
    if not unknown:  # "0 sites" is not what a source without them says
        head.append(sites_header(locations, near))
    if not locations:
        stated = record.get("locations_count")
        if stated is None and unknown and left_out(record, "locations"):
            note = fmt.left_out_text("sites and contacts")
        elif stated is None and unknown:
            note = ("This CSV file has no Locations column (import the study's JSON, or "
                    "`trials fetch` it, to read its sites).")
        elif stated is None and is_csv_row(record):
            note = ("The CSV download lists no sites for this study (import the study's JSON, "
                    "or `trials fetch` it, to read them).")
        else:
            note = "The record lists no sites"
            note += f" (the source states {counted(stated, 'site')})." if stated else "."
        head += [Text(note, style="dim")] if unknown else [Text(), Text(note, style="dim")]
    head.append(Text())
    items: list[Item]
    if near is not None:
        items = [
            Item(partial(site_entry, loc, mark, km=km, place=True, measured=True), 1)
            for loc, km in nearest_first(locations, near)
        ]
    else:
        items = _grouped_items(grouped(locations), mark)
    return Paged(Group(*head), items, PAGE_SITES,
                 lambda shown: f"{counted(len(items) - shown, 'more site')}")
