"""Record version 2 from API v2 study JSON: sites, people, outcomes, MeSH terms, references.

``fill`` places, for one study, the sections docs/record.md adds in version 2 (all but
``results``); ``other_names`` reads an intervention's other names. Both read the study as
``ctgov_json_study.Study`` does, so text is cleaned as in the other fields: one-line values
have their whitespace collapsed, descriptions are Markdown with backslash escapes removed.

Choices:

- These sections are read leniently: a value of the wrong JSON type is null (a list: empty)
  with a warning naming its path, an entry of a list that is not an object is dropped with a
  warning, and the study and its other fields are kept.
- An unknown enum spelling (a site's status, a role, a reference type, a data-sharing plan)
  is null with a warning; an unknown data-sharing info type is left out with a warning.
- Every site object is kept, also one whose fields are all empty (it is one of the sites the
  source lists), so ``locations_count`` is ``len(locations)``. A contact, an official or a
  reference with nothing in it is skipped. An outcome without a measure, a MeSH term without
  a term and a link without a url cannot be kept: skipped with a warning when they hold
  anything else.
- A contact's ``phoneExt`` is kept with its phone: "555-0100 ext. 12".
- ``geoPoint`` becomes ``geo {lat, lon}`` (floats); one that is not two numbers in range
  gives a null ``geo`` with a warning.
- Collaborators are the collaborators' names; names, MeSH terms and info types are kept once.
- ``ipd_sharing`` is null when the module is absent or states nothing; its description, time
  frame and access criteria are Markdown (as the API writes them).
- API data without a field in the record (browse leaves and branches, a location list under
  another key) is not read; it stays in the source text. ``availIpds`` (the participant data
  and documents shared elsewhere) is read by ``ctgov_ipd``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from . import vocab
from .ctgov_json_study import markdown_text, one_line, unescape
from .errors import FieldError, kind_of
from .record import OUTCOME_KINDS, Record, add_unique

if TYPE_CHECKING:
    from .ctgov_json_study import Study

_T = TypeVar("_T")

P = "protocolSection"
CONTACTS = f"{P}.contactsLocationsModule"
COLLABORATORS = f"{P}.sponsorCollaboratorsModule.collaborators"
OUTCOMES = f"{P}.outcomesModule"
OUTCOME_LISTS = dict(zip(OUTCOME_KINDS, ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes"),
                         strict=True))
REFERENCES = f"{P}.referencesModule"
IPD = f"{P}.ipdSharingStatementModule"
MESH = {
    "conditions": "derivedSection.conditionBrowseModule.meshes",
    "condition_ancestors": "derivedSection.conditionBrowseModule.ancestors",
    "interventions": "derivedSection.interventionBrowseModule.meshes",
    "intervention_ancestors": "derivedSection.interventionBrowseModule.ancestors",
}
LOCATION_FIELDS = ("facility", "city", "state", "zip", "country")


def fill(study: Study, record: Record) -> None:
    """Place the version-2 sections of a study (results excepted) on its record."""
    record["locations"] = read_list(study, f"{CONTACTS}.locations", _location)
    record["central_contacts"] = read_list(study, f"{CONTACTS}.centralContacts", _contact)
    record["overall_officials"] = read_list(study, f"{CONTACTS}.overallOfficials", _official)
    for name in read_list(study, COLLABORATORS, _collaborator):
        add_unique(record["collaborators"], name)
    for kind, key in OUTCOME_LISTS.items():
        record["outcomes"][kind] = read_list(study, f"{OUTCOMES}.{key}", _outcome)
    for field, path in MESH.items():
        for term in read_list(study, path, _term):
            add_unique(record["mesh"][field], term)
    record["references"] = read_list(study, f"{REFERENCES}.references", _reference)
    record["see_also"] = read_list(study, f"{REFERENCES}.seeAlsoLinks", _link)
    try:
        record["ipd_sharing"] = _ipd_sharing(study)
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        record["ipd_sharing"] = None


def other_names(study: Study, item: dict[str, Any], where: str) -> list[str]:
    """An intervention's other names (its ``otherNames``), or [] with a warning when malformed."""
    try:
        return study.strings("otherNames", item, where)
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        return []


# --- lenient reading -------------------------------------------------------------------------
# The readers below take an object (base is a dict): a key of it is looked up directly, and a
# value of the wrong type is null with a warning, as a FieldError of ``Study`` would be.


def not_kept(study: Study, path: str, detail: str) -> None:
    """Warn that the value at path is not kept (once: a module read for two fields)."""
    warning = f"{path}: {detail}; not kept"
    if warning not in study.warnings:
        study.warnings.append(warning)


def read_object(study: Study, path: str) -> dict[str, Any] | None:
    """The object at path; None when it is absent, or not an object (with a warning: the
    study is kept)."""
    try:
        value: dict[str, Any] | None = study.typed(path, (dict,), "an object")
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        return None
    return value


def read_strings(study: Study, path: str) -> list[str]:
    """A list of one-line strings (blank ones and repeats dropped); a value that is not a
    string is left out, and a value that is not a list read as none, with a warning: the
    study is kept."""
    try:
        values = study.typed(path, (list,), "a list of strings")
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        return []
    out: list[str] = []
    for index, value in enumerate(values or []):
        if not isinstance(value, str):
            study.warn(f"{path}[{index}]", f"expected a string, got {kind_of(value)}; not kept")
        elif text := " ".join(value.split()):
            add_unique(out, text)
    return out


def _mistyped(study: Study, key: str, where: str, name: str, value: Any) -> None:
    not_kept(study, f"{where}.{key}" if where else key, f"expected {name}, got {kind_of(value)}")


def read_line(study: Study, key: str, base: dict[str, Any], where: str) -> str | None:
    value = base.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return one_line(value)
    _mistyped(study, key, where, "a string", value)
    return None


def read_flag(study: Study, key: str, base: dict[str, Any], where: str) -> bool | None:
    """A true/false value; anything else is None with a warning."""
    value = base.get(key)
    if value is None or isinstance(value, bool):
        return value
    study.warn(f"{where}.{key}", f"expected true or false, got {kind_of(value)}; not kept")
    return None


def read_markdown(study: Study, key: str, base: dict[str, Any], where: str) -> str | None:
    value = base.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return markdown_text(value)
    _mistyped(study, key, where, "a string", value)
    return None


def read_enum(
    study: Study, key: str, table: dict[str, str], base: dict[str, Any], where: str
) -> str | None:
    value = read_line(study, key, base, where)
    if value is None:
        return None
    found = vocab.lookup(table, value)
    if found is None:
        study.warn(f"{where}.{key}" if where else key, f"unknown value {value!r}")
    return found


def read_list(
    study: Study,
    path: str,
    read: Callable[[Study, dict[str, Any], str], _T | None],
    base: Any = None,
    where: str = "",
) -> list[_T]:
    """Each object of the list at path read into an entry (None: nothing to keep).

    A list that is not a list, an entry that is not an object or an entry with a value of the
    wrong type is dropped with a warning.
    """
    try:
        values = study.typed(path, (list,), "a list of objects", base, where)
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        return []
    out: list[_T] = []
    if not values:
        return out
    full = f"{where}.{path}" if where else path
    for index, value in enumerate(values):
        at = f"{full}[{index}]"
        if not isinstance(value, dict):
            study.warn(at, f"expected an object, got {kind_of(value)}; not kept")
            continue
        try:
            entry = read(study, value, at)
        except FieldError as error:
            not_kept(study, error.path, error.detail)
            continue
        if entry is not None:
            out.append(entry)
    return out


def stated(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The entry, or None when none of its values is stated."""
    for value in entry.values():
        if value is not None and value != []:
            return entry
    return None


# --- sites and people ------------------------------------------------------------------------


def _location(study: Study, item: dict[str, Any], where: str) -> dict[str, Any]:
    location: dict[str, Any] = {}
    for key in LOCATION_FIELDS:  # _line, inlined: a study may list thousands of sites
        value = item.get(key)
        if isinstance(value, str):
            location[key] = one_line(value)
        else:
            location[key] = None if value is None else read_line(study, key, item, where)
    location["status"] = read_enum(study, "status", vocab.LOCATION_STATUSES, item, where)
    location["geo"] = _geo(study, item, where)
    location["contacts"] = (
        read_list(study, "contacts", _contact, item, where) if "contacts" in item else []
    )
    return location


def _geo(study: Study, item: dict[str, Any], where: str) -> dict[str, float] | None:
    point = item.get("geoPoint")
    if point is None:
        return None
    if not isinstance(point, dict):
        _mistyped(study, "geoPoint", where, "an object {lat, lon}", point)
        return None
    at = f"{where}.geoPoint"
    lat = point.get("lat")
    if lat is not None and (isinstance(lat, bool) or not isinstance(lat, int | float)):
        _mistyped(study, "lat", at, "a number", lat)
        return None
    lon = point.get("lon")
    if lon is not None and (isinstance(lon, bool) or not isinstance(lon, int | float)):
        _mistyped(study, "lon", at, "a number", lon)
        return None
    if lat is None and lon is None:
        return None
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        study.warn(at, f"not a place on Earth: lat {lat!r}, lon {lon!r}; not kept")
        return None
    return {"lat": float(lat), "lon": float(lon)}


def _contact(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    phone = read_line(study, "phone", item, where)
    extension = read_line(study, "phoneExt", item, where)
    if extension:
        phone = f"{phone} ext. {extension}" if phone else f"ext. {extension}"
    return stated(
        {
            "name": read_line(study, "name", item, where),
            "role": read_enum(study, "role", vocab.CONTACT_ROLES, item, where),
            "phone": phone,
            "email": read_line(study, "email", item, where),
        }
    )


def _official(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    return stated(
        {
            "name": read_line(study, "name", item, where),
            "affiliation": read_line(study, "affiliation", item, where),
            "role": read_enum(study, "role", vocab.OFFICIAL_ROLES, item, where),
        }
    )


def _collaborator(study: Study, item: dict[str, Any], where: str) -> str | None:
    return read_line(study, "name", item, where)


# --- outcomes, MeSH terms, references --------------------------------------------------------


def _outcome(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    outcome = {
        "measure": read_line(study, "measure", item, where),
        "description": read_markdown(study, "description", item, where),
        "time_frame": read_line(study, "timeFrame", item, where),
    }
    return _required(study, outcome, "measure", where, "an outcome without a measure")


def _term(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    term = {"id": read_line(study, "id", item, where),
            "term": read_line(study, "term", item, where)}
    return _required(study, term, "term", where, "a MeSH entry without a term")


def _reference(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    return stated(
        {
            "pmid": read_line(study, "pmid", item, where),
            "type": read_enum(study, "type", vocab.REFERENCE_TYPES, item, where),
            "citation": read_line(study, "citation", item, where),
        }
    )


def _link(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    label = read_line(study, "label", item, where)
    link = {"label": unescape(label) if label else None,
            "url": read_line(study, "url", item, where)}
    return _required(study, link, "url", where, "a link without a url")


def _required(
    study: Study, entry: dict[str, Any], key: str, where: str, what: str
) -> dict[str, Any] | None:
    """The entry when its key is stated; else None, with a warning if it holds anything."""
    if entry[key] is not None:
        return entry
    if stated(entry) is not None:
        study.warn(where, f"{what}, not kept")
    return None


def _ipd_sharing(study: Study) -> dict[str, Any] | None:
    module = study.typed(IPD, (dict,), "an object")
    if module is None:
        return None
    info_types: list[str] = []
    try:
        info_values = study.strings("infoTypes", module, IPD)
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        info_values = []
    for value in info_values:
        found = vocab.lookup(vocab.IPD_INFO_TYPES, value)
        if found is None:
            study.warn(f"{IPD}.infoTypes", f"unknown value {value!r}")
        else:
            add_unique(info_types, found)
    return stated(
        {
            "plan": read_enum(study, "ipdSharing", vocab.IPD_PLANS, module, IPD),
            "description": read_markdown(study, "description", module, IPD),
            "info_types": info_types,
            "time_frame": read_markdown(study, "timeFrame", module, IPD),
            "access_criteria": read_markdown(study, "accessCriteria", module, IPD),
            "url": read_line(study, "url", module, IPD),
        }
    )
