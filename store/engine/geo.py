"""near:PLACE~KM: the sites of a record as index terms, places named as the registry writes
them, and the trials with a site within a distance of a place.

No gazetteer and no network: a place is resolved from the coordinates the store's own records
carry. Each site with a city becomes a "place" term (its city, state and country, folded and
joined by "|"); each site with coordinates a grid-cell term ("1:45:4" is the 1° cell of
latitude 45, longitude 4; "10:4:0" the 10° cell) and an entry of the stored "geo" field, from
which distances are measured exactly (haversine, on a sphere of the Earth's mean radius).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from store.search.text import key, name_key

EARTH_RADIUS_KM = 6371.0088
#: Cell sizes in degrees: the fine one for radii up to FINE_RADIUS_KM, else the coarse one.
FINE, COARSE = 1, 10
FINE_RADIUS_KM = 300.0
#: Two sites named alike whose places lie closer than this are one place written two ways
#: ("Lyon, France" and "Lyon, Rhône, France").
SAME_PLACE_KM = 40.0
#: Sites read to find where a place lies (their mean position).
PLACE_SAMPLE = 20

Site = tuple[float, float, str, str, str]  # lat, lon, city, state, country (as written)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    return _arc_km(math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2)


def _arc_km(a: float) -> float:
    """The distance of a haversine term a."""
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _coordinate(value: Any, limit: float) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and -limit <= value <= limit:
        return float(value)
    return None


def sites_of(record: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Site | None]]:
    """Each location of a record, with its Site when it has valid coordinates."""
    locations = record.get("locations")
    for location in locations if isinstance(locations, list) else ():
        if not isinstance(location, dict):
            continue
        geo = location.get("geo")
        lat = _coordinate(geo.get("lat"), 90.0) if isinstance(geo, dict) else None
        lon = _coordinate(geo.get("lon"), 180.0) if isinstance(geo, dict) else None
        site = None
        if lat is not None and lon is not None:
            site = (lat, lon, _text(location.get("city")), _text(location.get("state")),
                    _text(location.get("country")))
        yield location, site


def place_term(city: str, state: str, country: str) -> str:
    """The place term of a site: its city, state and country folded, joined by "|"."""
    return "|".join((name_key(city), name_key(state), name_key(country)))


_SITE_CELLS: dict[tuple[float, float], tuple[str, str]] = {}
_CACHE_LIMIT = 100_000


def site_cells(lat: Any, lon: Any) -> tuple[float, float, str, str] | None:
    """A site's coordinates as sites_of gives them and its fine and coarse cells (None when
    they are not valid coordinates)."""
    if type(lat) is float and type(lon) is float:
        cells = _SITE_CELLS.get((lat, lon))
        if cells is not None:  # only valid coordinates are remembered
            return lat, lon, cells[0], cells[1]
    flat, flon = _coordinate(lat, 90.0), _coordinate(lon, 180.0)
    if flat is None or flon is None:
        return None
    cells = (cell(flat, flon, FINE), cell(flat, flon, COARSE))
    if type(lat) is float and type(lon) is float:
        if len(_SITE_CELLS) >= _CACHE_LIMIT:
            _SITE_CELLS.clear()
        _SITE_CELLS[(lat, lon)] = cells
    return flat, flon, cells[0], cells[1]


def cell(lat: float, lon: float, size: int) -> str:
    return f"{size}:{math.floor(lat / size)}:{math.floor(lon / size)}"


def cell_terms(sites: Iterable[Site]) -> set[str]:
    """The fine and coarse cells holding the sites."""
    return {cell(lat, lon, size) for lat, lon, *_ in sites for size in (FINE, COARSE)}


def pack(sites: list[Site]) -> bytes:
    """The stored "geo" value: the sites with coordinates."""
    return orjson.dumps(sites)


def unpack(data: Any) -> list[Site]:
    """The sites of a stored "geo" value (nothing for a missing or malformed one)."""
    return sites_in(_decoded(data))


def _decoded(data: Any) -> Any:
    try:
        return orjson.loads(data) if isinstance(data, bytes) else None
    except orjson.JSONDecodeError:
        return None


def sites_in(found: Any) -> list[Site]:
    """The sites of a decoded "geo" value: its items of valid coordinates."""
    out: list[Site] = []
    for item in found if isinstance(found, list) else ():
        if type(item) is list and len(item) == 5:
            lat, lon, city, state, country = item
            # what pack wrote: floats in range (else the site is left out, as by _coordinate)
            if type(lat) is not float or type(lon) is not float:
                lat, lon = _coordinate(lat, 90.0), _coordinate(lon, 180.0)
                if lat is None or lon is None:
                    continue
            elif not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
                continue
            out.append((lat, lon, city if type(city) is str else str(city),
                        state if type(state) is str else str(state),
                        country if type(country) is str else str(country)))
    return out


def covering_cells(lat: float, lon: float, km: float) -> list[str]:
    """Cells that together hold every point within km of (lat, lon)."""
    size = FINE if km <= FINE_RADIUS_KM else COARSE
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = max(abs(south), abs(north))
    if north >= 90.0 or south <= -90.0 or widest >= 89.0:
        lons = [(-180.0, 180.0)]
    else:
        dlon = math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(widest))))
        if dlon >= 180.0:
            lons = [(-180.0, 180.0)]
        else:
            west, east = lon - dlon, lon + dlon
            lons = [(west, east)]
            if west < -180.0:
                lons = [(west + 360.0, 180.0), (-180.0, east)]
            elif east > 180.0:
                lons = [(west, 180.0), (-180.0, east - 360.0)]
    rows = range(math.floor(south / size), math.floor(min(north, 89.999999) / size) + 1)
    out: set[str] = set()
    for low, high in lons:
        for column in range(math.floor(low / size), math.floor(min(high, 179.999999) / size) + 1):
            out.update(f"{size}:{row}:{column}" for row in rows)
    return sorted(out)


@dataclass(frozen=True, slots=True)
class Place:
    """A place as the registry writes it, where its sites lie, and how many trials name it."""

    name: str
    lat: float
    lon: float
    trials: int
    #: The place terms of its sites ("lyon||france", "lyon|rhone|france").
    terms: tuple[str, ...] = ()


def place_parts(place: str) -> tuple[str, list[str]]:
    """The city's key and the keys of the qualifiers after it ("Boston, Massachusetts")."""
    parts = [key(part) for part in place.split(",")]
    parts = [part for part in parts if part]
    return (parts[0] if parts else ""), parts[1:]


def qualifies(term: str, qualifiers: list[str]) -> bool:
    """Does a place term ("boston|massachusetts|united state") have every qualifier as its
    state or country?"""
    _, state, country = [*term.split("|"), "", ""][:3]
    return all(q in (state, country) for q in qualifiers)


def merge_places(places: list[Place]) -> list[Place]:
    """Places of one name lying within SAME_PLACE_KM of a more common one join it."""
    merged: list[Place] = []
    for place in sorted(places, key=lambda p: (-p.trials, p.name)):
        for index, kept in enumerate(merged):
            if distance_km(place.lat, place.lon, kept.lat, kept.lon) <= SAME_PLACE_KM:
                merged[index] = Place(kept.name, kept.lat, kept.lon, kept.trials + place.trials,
                                      kept.terms + place.terms)
                break
        else:
            merged.append(place)
    return merged


def centre(sites: Iterable[Site], term: str) -> tuple[str, float, float] | None:
    """The name and mean position of the sites whose place term is term."""
    lats: list[float] = []
    lons: list[float] = []
    name = ""
    for lat, lon, city, state, country in sites:
        if place_term(city, state, country) == term:
            lats.append(lat)
            lons.append(lon)
            name = name or ", ".join(part for part in (city, state, country) if part)
    if not lats:
        return None
    return name, sum(lats) / len(lats), sum(lons) / len(lons)


def nearest_km(sites: Iterable[Site | list[Any]], lat: float, lon: float) -> float:
    """The distance of the nearest site (infinity for none): distance_km of the site whose
    haversine term is least (the distance grows with it), computed once."""
    p1 = math.radians(lat)
    cos_p1 = math.cos(p1)
    radians, sin, cos = math.radians, math.sin, math.cos
    least = math.inf
    for site in sites:
        p2 = radians(site[0])
        a = sin((p2 - p1) / 2) ** 2 + cos_p1 * cos(p2) * sin(radians(site[1] - lon) / 2) ** 2
        if a < least:
            least = a
    return math.inf if least == math.inf else _arc_km(least)


def nearest_in(data: Any, lat: float, lon: float) -> float:
    """nearest_km of the sites of a stored "geo" value, read without building them when it
    holds what pack wrote (a near: search measures every site of thousands of trials)."""
    found = _decoded(data)
    if not isinstance(found, list):
        return math.inf
    if all(type(item) is list and len(item) == 5 and type(item[0]) is float
           and type(item[1]) is float and -90.0 <= item[0] <= 90.0
           and -180.0 <= item[1] <= 180.0 for item in found):
        return nearest_km(found, lat, lon)
    return nearest_km(sites_in(found), lat, lon)  # anything else: as unpack reads it
