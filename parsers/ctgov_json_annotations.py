"""The registry's annotations of an API v2 study and the small fields beside them.

``fill`` places ``annotations`` (annotationSection.annotationModule), ``removed_countries``
(derivedSection.miscInfoModule.removedCountries), ``organization``
(identificationModule.organization.fullName), ``secondary_id_details``
(identificationModule.secondaryIdInfos) and ``eligibility.gender_based`` and
``eligibility.gender_description`` (docs/record.md), read leniently as the other version-2
sections (``ctgov_json_sections``): a value of the wrong type, an unknown enum spelling or a
date that cannot be read is null (a list: empty) with a warning naming its path, and the study
is kept.

Choices:

- ``unpostedAnnotation`` → ``unposted_responsible_party`` and ``unposted_events`` [{type,
  date, date_unknown}] in the registry's order; ``violationAnnotation.violationEvents`` →
  ``violations`` [{type, description, creation_date, issued_date, release_date,
  posted_date}]. ``annotations`` is null when the study states none of them.
- ``organization`` is the registering organization's name only when it is not the lead
  sponsor (case and spacing aside): the record's ``sponsor`` already holds it otherwise (it
  is the sponsor's fallback when no lead sponsor is named).
- ``secondary_id_details`` keeps every secondary id as {id, type, domain, link}; the ids
  themselves are also in ``other_ids`` (a list of strings, which the search, the store and
  the exports read), so that list keeps its shape.
- ``genderDescription`` is Markdown, as the API writes it: backslash escapes are removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import annotation_fields as notes
from . import fields
from .ctgov_json_sections import (
    read_enum,
    read_flag,
    read_line,
    read_list,
    read_markdown,
    read_object,
    read_strings,
    stated,
)
from .record import Record

if TYPE_CHECKING:
    from .ctgov_json_study import Study

ANNOTATION = "annotationSection.annotationModule"
UNPOSTED = f"{ANNOTATION}.unpostedAnnotation"
VIOLATIONS = f"{ANNOTATION}.violationAnnotation.violationEvents"
REMOVED_COUNTRIES = "derivedSection.miscInfoModule.removedCountries"
IDENT = "protocolSection.identificationModule"
ELIGIBILITY = "protocolSection.eligibilityModule"


def fill(study: Study, record: Record) -> None:
    """Place the study's annotations, removed countries, organization, secondary ids' details
    and gender-based eligibility (after ``ctgov_json`` placed the sponsor)."""
    unposted = read_object(study, UNPOSTED)
    party = read_line(study, "unpostedResponsibleParty", unposted, UNPOSTED) if unposted else None
    events = read_list(study, f"{UNPOSTED}.unpostedEvents", _event)
    record["annotations"] = notes.record_annotations(
        party, events, read_list(study, VIOLATIONS, _violation))
    record["removed_countries"] = read_strings(study, REMOVED_COUNTRIES)
    organization = read_object(study, f"{IDENT}.organization")
    if organization:
        name = read_line(study, "fullName", organization, f"{IDENT}.organization")
        record["organization"] = notes.organization(name, record["sponsor"])
    record["secondary_id_details"] = read_list(study, f"{IDENT}.secondaryIdInfos", _secondary_id)
    eligibility = read_object(study, ELIGIBILITY)
    if eligibility:
        record["eligibility"]["gender_based"] = read_flag(
            study, "genderBased", eligibility, ELIGIBILITY)
        record["eligibility"]["gender_description"] = read_markdown(
            study, "genderDescription", eligibility, ELIGIBILITY)


def _date(study: Study, key: str, item: dict[str, Any], where: str) -> str | None:
    """A date ("2020-05-06"); one that cannot be read is None with a warning."""
    text = read_line(study, key, item, where)
    if text is None:
        return None
    date = fields.date(text)
    if date is None:
        study.warn(f"{where}.{key}", f"could not read the date {text!r}")
    return date


def _event(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    return stated({
        "type": read_enum(study, "type", notes.UNPOSTED_EVENTS, item, where),
        "date": _date(study, "date", item, where),
        "date_unknown": read_flag(study, "dateUnknown", item, where),
    })


def _violation(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    violation = {
        "type": read_enum(study, "type", notes.VIOLATIONS, item, where),
        "description": read_markdown(study, "description", item, where),
    }
    for key, name in notes.VIOLATION_DATES.items():
        violation[key] = _date(study, name, item, where)
    return stated(violation)


def _secondary_id(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    value = read_line(study, "id", item, where)
    if value is None:
        return None
    return {
        "id": value,
        "type": read_enum(study, "type", notes.SECONDARY_IDS, item, where),
        "domain": read_line(study, "domain", item, where),
        "link": read_line(study, "link", item, where),
    }
