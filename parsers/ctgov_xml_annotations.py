"""The registry's annotations of a classic ``<clinical_study>`` and the small fields beside
them.

``fill`` places ``annotations`` (from ``<pending_results>``), ``removed_countries``,
``organization`` (``<source>``) and ``eligibility.gender_based`` and
``eligibility.gender_description`` (docs/record.md), as ``ctgov_json_annotations`` places them
from API v2.

Choices:

- ``<pending_results>`` (public.xsd, 2018: results submitted for the registry's quality
  control review and not yet posted) lists, in order, ``<submitted>``, ``<returned>`` and
  ``<submission_canceled>`` dates: the API's unposted events RELEASE, RESET and UNRELEASE.
  A date "Unknown" (cancellations before May 2018) is ``date: null, date_unknown: true``. The
  XML names no responsible party for them and posts no FDA violations:
  ``unposted_responsible_party`` is null and ``violations`` empty.
- ``<source>`` is the organization that registered the study (API v2
  ``organization.fullName``): kept as ``organization`` when it is not the lead sponsor.
- ``<removed_countries><country>``: each country once, in the file's order.
- ``<eligibility>``'s ``<gender_based>`` "Yes"/"No" → true/false; ``<gender_description>``
  keeps its own line breaks, as the other descriptions.
- The XML has no secondary ids' details (``<secondary_id>`` is the id alone):
  ``secondary_id_details`` stays empty.
- A value that cannot be read (a date that is not one, a flag neither Yes nor No) is null
  with a warning naming the element.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from . import annotation_fields as notes
from . import fields
from .ctgov_xml_node import Reader, quote
from .ctgov_xml_registration import flag
from .record import Record

#: The elements under <clinical_study> that this module places (``source`` is the sponsor's
#: fallback too, placed by ``ctgov_xml``).
ELEMENTS = frozenset({"removed_countries", "pending_results"})
#: An element under <pending_results> → the API v2 unposted event type.
PENDING_EVENTS = {"submitted": "RELEASE", "returned": "RESET", "submission_canceled": "UNRELEASE"}


def fill(read: Reader, study: Element, record: Record) -> None:
    """Place the study's annotations, removed countries, organization and gender-based
    eligibility (after ``ctgov_xml`` and ``ctgov_xml_archive`` placed the sponsor)."""
    events = _pending(read, study.find("pending_results"))
    record["annotations"] = notes.record_annotations(None, events, [])
    record["removed_countries"] = read.lines(study, "removed_countries/country")
    record["organization"] = notes.organization(read.line(study, "source"), record["sponsor"])
    eligibility = study.find("eligibility")
    if eligibility is not None:
        record["eligibility"]["gender_based"] = flag(read, eligibility, "gender_based",
                                                     "eligibility")
        record["eligibility"]["gender_description"] = read.text(eligibility,
                                                                "gender_description")


def _pending(read: Reader, pending: Element | None) -> list[dict[str, Any]]:
    """The unposted events of <pending_results>, in the file's order."""
    events: list[dict[str, Any]] = []
    for number, element in enumerate(pending if pending is not None else [], 1):
        if not isinstance(element.tag, str):  # a comment or processing instruction
            continue
        kind, where = PENDING_EVENTS.get(element.tag), f"pending_results/{element.tag}"
        if kind is None:
            read.warn(f"pending_results[{number}]", f"unknown element <{element.tag}>, not kept")
            continue
        text = read.line(element, ".")
        date, unknown = None, None
        if text is not None and text.casefold() == "unknown":
            unknown = True
        elif text is not None:
            date = fields.date(text)
            if date is None:
                read.warn(where, f"could not read the date {quote(text)}")
        events.append({"type": kind, "date": date, "date_unknown": unknown})
    return events
