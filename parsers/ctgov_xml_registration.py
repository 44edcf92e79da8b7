"""The registration of a classic ``<clinical_study>``: when it was submitted and posted, who is
responsible for it, its oversight and the documents it provides.

``fill`` places ``dates.first_submitted``, ``dates.first_posted``,
``dates.results_first_posted``, ``dates.status_verified``, ``last_known_status``,
``responsible_party``, ``oversight`` and ``documents`` (docs/record.md), as
``ctgov_json_registration`` places them from API v2.

Choices:

- Dates are read as the parser's other dates (``Reader.date``): "January 27, 2003" →
  "2003-01-27", the type attribute Actual → ACTUAL, Estimate → ESTIMATED.
  ``study_first_submitted`` (older files: ``firstreceived_date``) and ``verification_date``
  ("December 2016" → "2016-12") have no type: their type is null (never invented).
- ``last_known_status``: an overall status as ``overall_status`` is read.
- ``responsible_party``: ``responsible_party_type`` ("Sponsor", "Principal Investigator",
  "Sponsor-Investigator") → SPONSOR, PRINCIPAL_INVESTIGATOR, SPONSOR_INVESTIGATOR;
  ``investigator_full_name``, ``investigator_title``, ``investigator_affiliation`` → name,
  title, affiliation; the older form's ``name_title`` and ``organization`` → name and
  affiliation (as API v2's ``oldNameTitle`` and ``oldOrganization``).
- ``oversight_info``: ``has_dmc``, ``is_fda_regulated_drug``, ``is_fda_regulated_device``,
  ``is_unapproved_device``, ``is_us_export`` ("Yes"/"No") → true/false. Its ``authority``
  (old files: "Denmark: Ethics Committee") has no field and is not kept, without a warning.
- ``provided_document_section``: each ``provided_document`` → {label (``document_type``),
  has_protocol, has_sap, has_icf, date, filename, url}; the url as the file states it
  (``https://ClinicalTrials.gov/ProvidedDocs/36/NCT00006436/Prot_SAP_000.pdf``), the file
  name its last path part.
- A value that cannot be read (an unknown type or status, a date that is not one, a flag
  that is neither Yes nor No) is null with a warning naming the element. An element that
  states nothing (an empty ``<responsible_party/>``, ``oversight_info`` with only an
  ``authority``) is null.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from . import fields, vocab
from .ctgov_xml_node import Reader, quote
from .record import Record

#: The record's date → the elements that state it, the first found read.
DATES = {
    "first_submitted": ("study_first_submitted", "firstreceived_date"),
    "first_posted": ("study_first_posted",),
    "results_first_posted": ("results_first_posted",),
    "status_verified": ("verification_date",),
}
#: The record's oversight key → the element under ``oversight_info``.
OVERSIGHT_KEYS = {
    "has_dmc": "has_dmc",
    "fda_regulated_drug": "is_fda_regulated_drug",
    "fda_regulated_device": "is_fda_regulated_device",
    "unapproved_device": "is_unapproved_device",
    "us_export": "is_us_export",
}
#: A document's flags → the elements under ``provided_document``.
DOCUMENT_FLAGS = {
    "has_protocol": "document_has_protocol",
    "has_sap": "document_has_sap",
    "has_icf": "document_has_icf",
}
YES_NO = {"yes": True, "no": False, "true": True, "false": False}
#: The elements under <clinical_study> that this module places.
ELEMENTS = frozenset(
    {name for names in DATES.values() for name in names}
    | {"last_known_status", "responsible_party", "oversight_info", "provided_document_section"}
)


def fill(read: Reader, study: Element, record: Record) -> None:
    """Place the study's registration on its record."""
    for key, names in DATES.items():
        for name in names:
            element = study.find(name)
            if element is not None:
                found = read.date(element, name)
                if found is not None and key in ("first_submitted", "status_verified"):
                    found["type"] = None
                record["dates"][key] = found
                break
    record["last_known_status"] = read.enum(study, "last_known_status", vocab.STATUSES)
    record["responsible_party"] = _responsible(read, study.find("responsible_party"))
    record["oversight"] = _oversight(read, study.find("oversight_info"))
    record["documents"] = [
        document
        for number, element in enumerate(study.findall("provided_document_section/"
                                                       "provided_document"), 1)
        if (document := _document(read, element,
                                  f"provided_document_section/provided_document[{number}]"))
        is not None
    ]


def _stated(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The entry, or None when none of its values is stated."""
    return entry if any(value is not None for value in entry.values()) else None


def flag(read: Reader, element: Element, path: str, where: str) -> bool | None:
    """A "Yes"/"No" element as true/false; absent → None; anything else → None, warned."""
    text = read.line(element, path)
    if text is None:
        return None
    value = YES_NO.get(text.casefold())
    if value is None:
        read.warn(f"{where}/{path}", f"expected Yes or No, got {quote(text)}; not kept")
    return value


def _responsible(read: Reader, element: Element | None) -> dict[str, Any] | None:
    if element is None:
        return None
    where = "responsible_party"
    return _stated({
        "type": read.enum(element, "responsible_party_type", vocab.RESPONSIBLE_PARTY_TYPES,
                          where),
        "name": read.line(element, "investigator_full_name")
        or read.line(element, "name_title"),
        "title": read.line(element, "investigator_title"),
        "affiliation": read.line(element, "investigator_affiliation")
        or read.line(element, "organization"),
    })


def _oversight(read: Reader, element: Element | None) -> dict[str, Any] | None:
    if element is None:
        return None
    return _stated({key: flag(read, element, name, "oversight_info")
                    for key, name in OVERSIGHT_KEYS.items()})


def filename(url: str | None) -> str | None:
    """The last part of a url's path ("…/NCT00006436/Prot_SAP_000.pdf" → "Prot_SAP_000.pdf"),
    or None when it has none."""
    if url is None:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # an unbalanced "[" in the host part
        path = url.split("?", 1)[0].split("#", 1)[0]
    name = path.rstrip("/").rsplit("/", 1)[-1].strip()
    return name or None


def _document(read: Reader, element: Element, where: str) -> dict[str, Any] | None:
    url = read.line(element, "document_url")
    stated_date = read.line(element, "document_date")
    date = fields.date(stated_date) if stated_date else None
    if stated_date and date is None:
        read.warn(f"{where}/document_date", f"could not read the date {quote(stated_date)}")
    return _stated({
        "label": read.line(element, "document_type"),
        **{key: flag(read, element, name, where) for key, name in DOCUMENT_FLAGS.items()},
        "date": date,
        "filename": filename(url),
        "url": url,
    })
