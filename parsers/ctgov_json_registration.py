"""The registration of an API v2 study: when it was submitted and posted, who is
responsible for it, its oversight and the documents it provides.

``fill`` places ``dates.first_submitted``, ``dates.first_posted``,
``dates.results_first_posted``, ``dates.status_verified``, ``last_known_status``,
``responsible_party``, ``oversight`` and ``documents`` (docs/record.md), read leniently as
the other version-2 sections (``ctgov_json_sections``): a value of the wrong type is null
with a warning.

Choices:

- ``studyFirstSubmitDate`` and ``statusVerifiedDate`` (the month the sponsor last confirmed
  the overall status, "2024-01") are dates without a type: their type is null (never
  invented).
- A document's url is where the registry serves it, as its own downloads write it:
  ``https://cdn.clinicaltrials.gov/large-docs/<last two digits of the NCT id>/<NCT id>/<file>``
  (only for a study with an NCT id and a document with a file name).
- A responsible party of the registry's older form (``oldNameTitle``, ``oldOrganization``) is
  read as name and affiliation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import fields, vocab
from .ctgov_json_sections import (
    not_kept,
    read_enum,
    read_flag,
    read_line,
    read_list,
    read_object,
    stated,
)
from .errors import FieldError
from .record import Record

if TYPE_CHECKING:
    from .ctgov_json_study import Study

STATUS = "protocolSection.statusModule"
RESPONSIBLE = "protocolSection.sponsorCollaboratorsModule.responsibleParty"
OVERSIGHT = "protocolSection.oversightModule"
DOCUMENTS = "documentSection.largeDocumentModule.largeDocs"
DOCUMENT_URL = "https://cdn.clinicaltrials.gov/large-docs/{folder}/{nct}/{file}"
#: The record's date → the status module's date struct ({date, type}).
DATE_STRUCTS = {
    "first_posted": "studyFirstPostDateStruct",
    "results_first_posted": "resultsFirstPostDateStruct",
}
#: The record's oversight key → the oversight module's key.
OVERSIGHT_KEYS = {
    "has_dmc": "oversightHasDmc",
    "fda_regulated_drug": "isFdaRegulatedDrug",
    "fda_regulated_device": "isFdaRegulatedDevice",
    "unapproved_device": "isUnapprovedDevice",
    "us_export": "isUsExport",
}
_DATE_TYPES = {"actual": "ACTUAL", "estimated": "ESTIMATED"}


def fill(study: Study, record: Record) -> None:
    """Place the study's registration on its record."""
    submitted = _date(study, STATUS, "studyFirstSubmitDate")
    record["dates"]["first_submitted"] = {"date": submitted, "type": None} if submitted else None
    verified = _date(study, STATUS, "statusVerifiedDate")
    record["dates"]["status_verified"] = {"date": verified, "type": None} if verified else None
    for key, name in DATE_STRUCTS.items():
        record["dates"][key] = _dated(study, f"{STATUS}.{name}")
    record["last_known_status"] = _module_value(
        study, STATUS, lambda module: read_enum(study, "lastKnownStatus", vocab.STATUSES,
                                                module, STATUS))
    record["responsible_party"] = _module_value(
        study, RESPONSIBLE, lambda module: _responsible(study, module))
    record["oversight"] = _module_value(study, OVERSIGHT, lambda module: _oversight(study, module))
    nct = record.get("nct_id")
    record["documents"] = read_list(
        study, DOCUMENTS, lambda s, item, where: _document(s, item, where, nct))


def _module_value(study: Study, path: str, read: Any) -> Any:
    """read(module) for the object at path; None when it is absent or not an object."""
    module = read_object(study, path)
    return read(module) if module else None


def _date(study: Study, path: str, key: str) -> str | None:
    """The date at path.key ("2019-05-02", "2019-05"), or None (a warning when unreadable)."""
    try:
        text = study.line(f"{path}.{key}")
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        return None
    if text is None:
        return None
    date = fields.date(text)
    if date is None:
        study.warn(f"{path}.{key}", f"could not read the date {text!r}")
    return date


def _dated(study: Study, path: str) -> dict[str, Any] | None:
    """A {date, type} struct, or None."""
    try:
        struct = study.typed(path, (dict,), "an object {date, type}")
    except FieldError as error:
        not_kept(study, error.path, error.detail)
        return None
    if not struct:
        return None
    date = _date(study, path, "date")
    if date is None:
        return None
    return {"date": date, "type": read_enum(study, "type", _DATE_TYPES, struct, path)}


def _responsible(study: Study, module: dict[str, Any]) -> dict[str, Any] | None:
    where = RESPONSIBLE
    party = {
        "type": read_enum(study, "type", vocab.RESPONSIBLE_PARTY_TYPES, module, where),
        "name": read_line(study, "investigatorFullName", module, where)
        or read_line(study, "oldNameTitle", module, where),
        "title": read_line(study, "investigatorTitle", module, where),
        "affiliation": read_line(study, "investigatorAffiliation", module, where)
        or read_line(study, "oldOrganization", module, where),
    }
    return stated(party)


def _oversight(study: Study, module: dict[str, Any]) -> dict[str, Any] | None:
    found = {key: read_flag(study, name, module, OVERSIGHT)
             for key, name in OVERSIGHT_KEYS.items()}
    return stated(found)


def _document(
    study: Study, item: dict[str, Any], where: str, nct: str | None
) -> dict[str, Any] | None:
    flags = {key: read_flag(study, name, item, where)
             for key, name in (("has_protocol", "hasProtocol"), ("has_sap", "hasSap"),
                               ("has_icf", "hasIcf"))}
    filename = read_line(study, "filename", item, where)
    date = read_line(study, "date", item, where)
    document = {
        "label": read_line(study, "label", item, where),
        **flags,
        "date": fields.date(date) if date else None,
        "filename": filename,
        "url": DOCUMENT_URL.format(folder=nct[-2:], nct=nct, file=filename)
        if nct and filename else None,
    }
    if date and document["date"] is None:
        study.warn(f"{where}.date", f"could not read the date {date!r}")
    return stated(document)
