"""The registry sections of record version 2 from a classic ``<clinical_study>`` element.

locations, locations_count, central_contacts, overall_officials, collaborators, outcomes,
mesh, references, see_also and ipd_sharing (docs/record.md).

Choices:

- A contact's name is its first, middle and last name (the registry mostly puts the whole
  name, degrees too, in ``last_name``), then ``, degrees`` (the archive schema's one
  ``name`` else); its phone keeps ``phone_ext`` as "phone ext. N". A location's ``contact``
  and ``contact_backup`` have role CONTACT (the archive schema's several ``contact``
  elements, their own ``role`` if any: "Principal Investigator"); its ``investigator``
  entries are contacts with their role (PRINCIPAL_INVESTIGATOR, SUB_INVESTIGATOR, …), as
  API v2 lists them; an investigator's affiliation has no place in a contact and is not
  kept. ``overall_contact`` and ``overall_contact_backup`` are the
  central contacts.
- The XML has no coordinates: every location's geo is null. MeSH terms have no ids and the
  XML has no ancestors: ids null, ancestor lists empty.
- References: ``results_reference`` → type RESULT, ``reference`` → BACKGROUND (the XML
  does not tell the references the registry derived from PubMed apart from the sponsor's).
- ipd_sharing: ``patient_data``; "Yes"/"No"/"Undecided" → YES/NO/UNDECIDED, the info types
  ("Study Protocol", "Statistical Analysis Plan (SAP)", …) → STUDY_PROTOCOL, SAP, ICF, CSR,
  ANALYTIC_CODE.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from . import vocab
from .ctgov_xml_node import Reader
from .record import Record, add_unique

ROLES = {
    "principal investigator": "PRINCIPAL_INVESTIGATOR",
    "sub investigator": "SUB_INVESTIGATOR",
    "subinvestigator": "SUB_INVESTIGATOR",
    "study chair": "STUDY_CHAIR",
    "study director": "STUDY_DIRECTOR",
    "contact": "CONTACT",
}
#: A site's status: a recruitment status (public.xsd's recruitment_status_enum, and
#: "Available" of expanded access), never the study-level ones (Unknown, Withheld, …).
LOCATION_STATUSES = {
    key: value
    for key, value in vocab.STATUSES.items()
    if value in {"RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED",
                 "ENROLLING_BY_INVITATION", "SUSPENDED", "TERMINATED", "WITHDRAWN", "AVAILABLE"}
}
IPD_PLANS = {"yes": "YES", "no": "NO", "undecided": "UNDECIDED"}
IPD_INFO_TYPES = {
    "study protocol": "STUDY_PROTOCOL",
    "statistical analysis plan sap": "SAP",
    "statistical analysis plan": "SAP",
    "sap": "SAP",
    "informed consent form icf": "ICF",
    "informed consent form": "ICF",
    "icf": "ICF",
    "clinical study report csr": "CSR",
    "clinical study report": "CSR",
    "csr": "CSR",
    "analytic code": "ANALYTIC_CODE",
}
OUTCOMES = {"primary": "primary_outcome", "secondary": "secondary_outcome",
            "other": "other_outcome"}


def fill(read: Reader, study: Element, record: Record) -> None:
    """Set the version-2 sections of the record from the study element."""
    record["record_version"] = 2
    locations = [
        _location(read, element, f"location[{number}]")
        for number, element in enumerate(study.findall("location"), 1)
    ]
    record["locations"] = locations
    record["locations_count"] = len(locations) if locations else None
    record["central_contacts"] = [
        found
        for name in ("overall_contact", "overall_contact_backup")
        if (found := contact(read, study.find(name), "CONTACT")) is not None
    ]
    record["overall_officials"] = [
        official(read, element, f"overall_official[{number}]")
        for number, element in enumerate(study.findall("overall_official"), 1)
    ]
    record["collaborators"] = read.lines(study, "sponsors/collaborator/agency")
    record["outcomes"] = {key: _outcomes(read, study, name) for key, name in OUTCOMES.items()}
    record["mesh"] = {
        "conditions": _terms(read, study, "condition_browse/mesh_term"),
        "condition_ancestors": [],
        "interventions": _terms(read, study, "intervention_browse/mesh_term"),
        "intervention_ancestors": [],
    }
    record["references"] = [
        reference
        for name, kind in (("reference", "BACKGROUND"), ("results_reference", "RESULT"))
        for element in study.findall(name)
        if (reference := _reference(read, element, kind)) is not None
    ]
    record["see_also"] = links(read, study, "link", "description")
    record["ipd_sharing"] = _ipd(read, study.find("patient_data"))


def _name(read: Reader, element: Element) -> str | None:
    parts = [read.line(element, name) for name in ("first_name", "middle_name", "last_name")]
    # (the archive schema writes the whole name in one <name>)
    name = " ".join(part for part in parts if part) or read.line(element, "name") or ""
    degrees = read.line(element, "degrees")
    if degrees:
        name = f"{name}, {degrees}" if name else degrees
    return name or None


def contact(read: Reader, element: Element | None, role: str | None) -> dict[str, Any] | None:
    """A contact (name, role, phone, email), or None when it states nothing."""
    if element is None:
        return None
    phone = read.line(element, "phone")
    extension = read.line(element, "phone_ext")
    if extension:
        phone = f"{phone} ext. {extension}" if phone else f"ext. {extension}"
    out = {"name": _name(read, element), "role": role, "phone": phone,
           "email": read.line(element, "email")}
    return out if any(out[key] for key in ("name", "phone", "email")) else None


def _location(read: Reader, element: Element, where: str) -> dict[str, Any]:
    address = element.find("facility/address")
    contacts: list[dict[str, Any]] = []
    # (the archive schema lists several <contact>, an investigator among them by its role)
    listed = element.findall("contact") + element.findall("contact_backup")
    for number, item in enumerate(listed, 1):
        role = "CONTACT" if read.line(item, "role") is None else read.enum(
            item, "role", ROLES, f"{where}/contact[{number}]")
        found = contact(read, item, role)
        if found is not None:
            add_unique(contacts, found)
    for number, investigator in enumerate(element.findall("investigator"), 1):
        role = read.enum(investigator, "role", ROLES, f"{where}/investigator[{number}]")
        found = contact(read, investigator, role)
        if found is not None:
            add_unique(contacts, found)
    return {
        "facility": read.line(element, "facility/name"),
        "city": read.line(address, "city"),
        "state": read.line(address, "state"),
        "zip": read.line(address, "zip"),
        "country": read.line(address, "country"),
        "status": read.enum(element, "status", LOCATION_STATUSES, where),
        "geo": None,
        "contacts": contacts,
    }


def official(read: Reader, element: Element, where: str) -> dict[str, Any]:
    return {
        "name": _name(read, element),
        "affiliation": read.line(element, "affiliation"),
        "role": read.enum(element, "role", ROLES, where),
    }


def _outcomes(read: Reader, study: Element, name: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for number, element in enumerate(study.findall(name), 1):
        # the archive schema may write an outcome as its text alone: that text is its measure
        bare = not any(isinstance(child.tag, str) for child in element)
        measure = read.line(element, "." if bare else "measure")
        outcome = {
            "measure": measure,
            "description": read.text(element, "description"),
            "time_frame": read.line(element, "time_frame"),
        }
        if measure is None:
            if outcome["description"] or outcome["time_frame"]:
                read.warn(f"{name}[{number}]", "an outcome without a measure, not kept")
            continue
        out.append(outcome)
    return out


def _terms(read: Reader, study: Element, path: str) -> list[dict[str, Any]]:
    return [{"id": None, "term": term} for term in read.lines(study, path)]


def _reference(read: Reader, element: Element, kind: str) -> dict[str, Any] | None:
    pmid = read.line(element, "PMID")
    citation = read.text(element, "citation")
    if citation:
        citation = " ".join(citation.split())
    if pmid is None and citation is None:
        return None
    return {"pmid": pmid, "type": kind, "citation": citation}


def links(read: Reader, study: Element, name: str, label_path: str) -> list[dict[str, Any]]:
    """The study's links ({label, url}) in its <name> elements (<link>: url, description; the
    archive schema's <see_also>: url, annotation); one without a url is left out, warned."""
    out: list[dict[str, Any]] = []
    for number, element in enumerate(study.findall(name), 1):
        url = read.line(element, "url")
        label = read.line(element, label_path)
        if url is None:
            if label:
                read.warn(f"{name}[{number}]", "a link without a url, not kept")
            continue
        add_unique(out, {"label": label, "url": url})
    return out


def _ipd(read: Reader, element: Element | None) -> dict[str, Any] | None:
    if element is None:
        return None
    info_types: list[str] = []
    for text in read.lines(element, "ipd_info_type"):
        found = read.lookup(text, IPD_INFO_TYPES, "patient_data/ipd_info_type")
        if found:
            add_unique(info_types, found)
    return {
        "plan": read.enum(element, "sharing_ipd", IPD_PLANS, "patient_data"),
        "description": read.text(element, "ipd_description"),
        "info_types": info_types,
        "time_frame": read.text(element, "ipd_time_frame"),
        "access_criteria": read.text(element, "ipd_access_criteria"),
        "url": read.line(element, "ipd_url"),
    }
