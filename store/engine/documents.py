"""Records → index documents: words fields, prefix terms, keys, filters, sort columns, the list
columns and the record's location in the store.

Text is analysed by the project's own code (store.search.text: case, accents and plurals
folded), so index terms are exactly the words store.search.query produces; tantivy only
splits the joined words on spaces.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from parsers import vocab
from store.search.query import age_days
from store.search.text import SCOPED_ONLY, key, mesh_key, name_key, record_texts, words
from store.segment_format import Location

from .geo import Site, pack, place_term, site_cells
from .ids import order_key
from .schema import (
    KIND_FIELD,
    KIND_SCOPE_PREFIX,
    META_TERM,
    NO_MAX_AGE,
    PREFIX_LEN,
    SCOPED_PREFIX_LEN,
    TITLE_KINDS,
)

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
#: Titles sort by their first this many (casefolded) characters, then by id.
TITLE_SORT_LEN = 256


def trial_id_of(record: Any) -> str:
    """The record's id; ValueError for a record without one."""
    trial_id = record.get("id") if isinstance(record, dict) else None
    if not isinstance(trial_id, str) or not trial_id:
        raise ValueError("a record without an id cannot be indexed")
    return trial_id


#: Between two strings of one kind in a words field: a term no query word can be, so that
#: a phrase never spans two strings (tantivy's own gap between values would need one value
#: per string, and one tokenizer call per string).
SEPARATOR = "\x01"
_SENTINEL = "zqxsepjv0"  # a word no text holds, joining strings before tokenizing them
_JOIN = f" {_SENTINEL} "
_SPLIT = f" {_SENTINEL} "
_SPLICE = f" {SEPARATOR} "


Prepared = dict[str, list[Any]]


def imported_at_of(record: dict[str, Any]) -> str | None:
    """When the record's version was imported: its source.imported_at (ISO 8601), or None."""
    source = record.get("source")
    imported_at = source.get("imported_at") if isinstance(source, dict) else None
    return imported_at if isinstance(imported_at, str) else None


def located(prepared: Prepared, location: Location, sha256: str) -> Prepared:
    """A prepared document with the record's location and source sha256 added."""
    doc = dict(prepared)
    if sha256:
        doc["sha"] = [sha256]
    doc["loc_segment"] = [location.segment]
    doc["loc_offset"] = [location.offset]
    doc["loc_length"] = [location.length]
    return doc


def prepare(record: dict[str, Any]) -> Prepared:
    """What the index keeps of a record, without its location: plain data (strings, numbers,
    bytes in lists), so that it can be computed in another process (a parse worker) and
    given to Batch.put_prepared(). ValueError for a record without an id."""
    trial_id = trial_id_of(record)
    doc: dict[str, list[Any]] = {"id": [trial_id], "idn": [order_key(trial_id)]}
    texts = record_texts(record, trial_id)
    distinct: set[str] = set()
    scoped: dict[str, set[str]] = {}
    titles: list[str] = []
    for kind, strings in texts.items():
        found = words(_JOIN.join(strings)) if len(strings) > 1 else words(strings[0])
        if not found:
            continue
        field = KIND_FIELD[kind]
        joined = " ".join(found)
        if len(strings) > 1:
            joined = joined.replace(_SPLIT, _SPLICE)
        values = doc.get(field)
        if values is None:
            doc[field] = [joined]
        else:
            values.append(joined)
        if kind not in SCOPED_ONLY:
            distinct.update(found)
        if kind in TITLE_KINDS:
            titles.extend(found)
        namespace = KIND_SCOPE_PREFIX.get(kind)
        if namespace is not None:
            scoped.setdefault(namespace, set()).update(found)
    for found_set in (distinct, *scoped.values()):
        found_set.discard(_SENTINEL)
    doc["pfx"] = [prefix_terms(distinct, scoped)]
    doc["pfh"] = [" ".join(map(_ALL.__getitem__, titles)).replace(_SENTINEL_PREFIXES, "")]
    doc["idkey"] = sorted(id_keys(record))
    acronym = record.get("acronym")
    if isinstance(acronym, str) and (acronym_key := key(acronym)):
        doc["acrkey"] = [acronym_key]
    cols = columns_of(record, trial_id)
    _filters(record, cols, doc)
    registry_terms(record, doc)
    doc["cols"] = [orjson.dumps(cols)]
    return doc


class _Prefixes(dict[str, str]):
    """word → namespace + its first 1..`last` letters, space-separated (a word shorter than
    that is its own prefix), filled on demand, cleared past LIMIT entries."""

    LIMIT = 300_000

    def __init__(self, namespace: str, last: int) -> None:
        super().__init__()
        self.namespace = namespace
        self.last = last

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        ns = self.namespace
        lengths = range(1, min(len(word), self.last) + 1)
        found = self[word] = " ".join(ns + word[:length] for length in lengths)
        return found


_ALL = _Prefixes("", PREFIX_LEN)
_SCOPED = {ns: _Prefixes(ns, SCOPED_PREFIX_LEN) for ns in ("c:", "i:", "s:")}
_SENTINEL_PREFIXES = _ALL[_SENTINEL]


def prefix_terms(distinct: set[str], scoped: dict[str, set[str]]) -> str:
    """The prefix field's text: the first 1..PREFIX_LEN letters of every distinct word (a
    word shorter than that is its own prefix), and the first 1..SCOPED_PREFIX_LEN letters of
    the words of each field scope, with its namespace ("c:", "i:", "s:") in front. A prefix
    of several words comes once per word: the field records documents only (no frequencies),
    and leaving repeats to tantivy costs less than removing them here."""
    parts = [" ".join(map(_ALL.__getitem__, distinct))]
    for namespace, found in scoped.items():
        parts.append(" ".join(map(_SCOPED[namespace].__getitem__, found)))
    return " ".join(parts)


def id_keys(record: dict[str, Any]) -> set[str]:
    """key() of the id, the NCT id, each secondary id and each space-separated part of one."""
    found: set[str] = set()
    values: list[Any] = [record.get("id"), record.get("nct_id")]
    other = record.get("other_ids")
    if isinstance(other, list):
        for value in other:
            if isinstance(value, str):
                values.append(value)
                values.extend(value.split())
    for value in values:
        if isinstance(value, str) and (value_key := key(value)):
            found.add(value_key)
    return found


def columns_of(record: dict[str, Any], trial_id: str) -> dict[str, Any]:
    """The list columns: id, title, status, phases, conditions, enrollment, study_type,
    start (as store.search.SearchIndex.columns gives them)."""
    title = record.get("title")
    conditions = record.get("conditions")
    phases = record.get("phases")
    enrollment = record.get("enrollment")
    count = enrollment.get("count") if isinstance(enrollment, dict) else None
    valid = isinstance(count, int) and not isinstance(count, bool) and 0 <= count < 2**31
    dates = record.get("dates")
    start = dates.get("start") if isinstance(dates, dict) else None
    date = start.get("date") if isinstance(start, dict) else None
    match = _DATE.fullmatch(date) if isinstance(date, str) else None
    status, study_type = record.get("status"), record.get("study_type")
    return {
        "id": trial_id,
        "title": title if isinstance(title, str) and title else trial_id,
        "status": status if isinstance(status, str) else None,
        "phases": [p for p in vocab.PHASE_ORDER if isinstance(phases, list) and p in phases],
        "conditions": [c for c in conditions if isinstance(c, str)]
        if isinstance(conditions, list)
        else [],
        "enrollment": count if valid else None,
        "study_type": study_type if isinstance(study_type, str) else None,
        "start": match.group(0) if match else None,
    }


#: The design's enum values → their filter field.
DESIGN_FILTERS = {"allocation": "allocation", "masking": "masking", "primary_purpose": "purpose"}


def _filters(record: dict[str, Any], cols: dict[str, Any], doc: dict[str, list[Any]]) -> None:
    """Enum filters, sort columns and range columns."""
    status = cols["status"]
    if status:
        doc["status"] = [status]
        doc["status_sort"] = [vocab.humanise(status).casefold()]
    if cols["study_type"]:
        doc["type"] = [cols["study_type"]]
    eligibility = record.get("eligibility")
    if not isinstance(eligibility, dict):
        eligibility = {}
    sex = eligibility.get("sex")
    if isinstance(sex, str):
        doc["sex"] = [sex]
    design = record.get("design")
    if isinstance(design, dict):
        for key, field in DESIGN_FILTERS.items():
            value = design.get(key)
            if isinstance(value, str):
                doc[field] = [value]
    phases = record.get("phases")
    if isinstance(phases, list):
        known = sorted({p for p in phases if isinstance(p, str)})
        if known:
            doc["phase"] = known
        ranks = [vocab.PHASE_ORDER.index(p) + 1 for p in known if p in vocab.PHASE_ORDER]
        if ranks:
            doc["phase_rank"] = [max(ranks)]
    doc["title_sort"] = [cols["title"].casefold()[:TITLE_SORT_LEN]]
    if cols["enrollment"] is not None:
        doc["enrollment"] = [cols["enrollment"]]
    match = _DATE.fullmatch(cols["start"]) if cols["start"] else None
    if match:
        year, month, day = (int(part or 0) for part in match.groups())
        doc["start"] = [year * 10000 + month * 100 + day]
        doc["year"] = [year]
    doc["min_age"] = [_age(eligibility.get("min_age"), 0.0)]
    doc["max_age"] = [_age(eligibility.get("max_age"), NO_MAX_AGE)]


def _age(age: Any, default: float) -> float:
    if not isinstance(age, dict):
        return default
    value = age.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
        return default
    unit = age.get("unit")
    return age_days(float(value), unit if isinstance(unit, str) else None)


def meta_document(info: dict[str, Any]) -> dict[str, list[Any]]:
    """The metadata document (schema version, engine, generation)."""
    return {"meta": [META_TERM], "info": [orjson.dumps(info)]}


def registry_terms(record: dict[str, Any], doc: dict[str, list[Any]]) -> None:
    """The fields of the registry's sections: results, countries, cities, places, MeSH terms,
    PMIDs and the sites' positions."""
    results, has_results = record.get("results"), record.get("has_results")
    if results or has_results is True:
        doc["results"] = ["yes"]
    elif has_results is False:
        doc["results"] = ["no"]  # (a source that does not say: results:"not stated")
    countries: set[str] = set()
    country_keys: set[str] = set()
    city_keys: set[str] = set()
    places: set[str] = set()
    located: list[Site] = []
    cells: set[str] = set()
    locations = record.get("locations")
    for location in locations if isinstance(locations, list) else ():
        if not isinstance(location, dict):
            continue
        get = location.get
        city, state, country, country_key, city_key, place = _place_of(
            get("city"), get("state"), get("country"))
        if country:
            countries.add(country)
            country_keys.add(country_key)
        if city:
            city_keys.add(city_key)
            places.add(place)
        geo = get("geo")
        if isinstance(geo, dict):
            position = site_cells(geo.get("lat"), geo.get("lon"))
            if position is not None:
                lat, lon, fine, coarse = position
                located.append((lat, lon, city, state, country))
                cells.add(fine)
                cells.add(coarse)
    mesh = record.get("mesh")
    mesh_keys: set[str] = set()
    for terms in (mesh.values() if isinstance(mesh, dict) else ()):
        for term in terms if isinstance(terms, list) else ():
            if isinstance(term, dict):
                mesh_keys.add(mesh_key(_str(term.get("id"))))
                mesh_keys.add(name_key(_str(term.get("term"))))
    references = record.get("references")
    pmids = {key(_str(ref.get("pmid"))) for ref in
             (references if isinstance(references, list) else ()) if isinstance(ref, dict)}
    if countries:
        doc["country"] = sorted(countries)
    for field, values in (("country_key", country_keys), ("city_key", city_keys),
                          ("place", places), ("mesh_key", mesh_keys), ("pmid", pmids)):
        values.discard("")
        if values:
            doc[field] = sorted(values)
    if located:
        doc["geo_cell"] = sorted(cells)
        doc["geo"] = [pack(located)]


_Place = tuple[str, str, str, str, str, str]
_PLACES: dict[tuple[str | None, str | None, str | None], _Place] = {}


def _place_of(city: Any, state: Any, country: Any) -> _Place:
    """A site's city, state and country (stripped), name_key(country), name_key(city) and
    its place term ("" for a missing country or city), remembered for strings and None."""
    names = (city, state, country)
    cacheable = all(value is None or type(value) is str for value in names)
    if cacheable:
        found = _PLACES.get(names)
        if found is not None:
            return found
    city, state, country = _str(city), _str(state), _str(country)
    country_key = name_key(country) if country else ""
    city_key = name_key(city) if city else ""
    place = place_term(city, state, country) if city else ""
    found = (city, state, country, country_key, city_key, place)
    if cacheable:
        if len(_PLACES) >= 100_000:
            _PLACES.clear()
        _PLACES[names] = found
    return found


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")


def time_key(value: str | None) -> int:
    """An ISO 8601 date or time (UTC) as the number YYYYMMDDhhmmss (0 when it is not one)."""
    match = _TIME.match(value) if isinstance(value, str) else None
    if match is None:
        return 0
    parts = [int(part or 0) for part in match.groups()]
    year, month, day, hour, minute, second = parts
    return ((((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute) * 100 + second
