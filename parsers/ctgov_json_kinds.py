"""What kind of study an API v2 study is, beyond its type: its old NCT ids, its biospecimens,
the expanded access it offers, whether it is a patient registry, and the descriptions of its
design.

``fill`` adds ``nctIdAliases`` to ``other_ids`` and places ``biospec``,
``expanded_access_types``, ``expanded_access``, ``patient_registry``, ``target_duration``,
``design.model_description``, ``design.masking_description`` and ``design.masked``
(docs/record.md), read leniently as the other version-2 sections (``ctgov_json_sections``):
a value of the wrong type or an unknown enum spelling is null (a list: empty) with a warning
naming its path, and the study is kept.

Choices:

- ``nctIdAliases`` are the study's old NCT ids (the registry redirects them to it): they are
  other ids of the study, after its organisation's and secondary ids.
- ``bioSpec`` → ``{retention, description}`` (null when it states neither); the description
  is Markdown, as the API writes it.
- ``expandedAccessTypes`` → the types stated true, in the order INDIVIDUAL, INTERMEDIATE,
  TREATMENT; a type stated false or not at all is left out.
- ``statusModule.expandedAccessInfo`` → ``expanded_access`` {available (hasExpandedAccess),
  nct_id (the expanded access record's id), status (statusForNctId)}, null when it states
  none of them; an nctId that is not an NCT id is left out with a warning.
- ``targetDuration`` is kept as written ("36 Months").
- ``designInfo.interventionModelDescription`` and ``designInfo.maskingInfo.maskingDescription``
  are Markdown: backslash escapes removed as in the other descriptions.
- ``designInfo.maskingInfo.whoMasked`` → ``design.masked``, in the registry's order
  (participant, care provider, investigator, outcomes assessor), each once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import fields, vocab, vocab_masking
from .ctgov_json_sections import (
    not_kept,
    read_enum,
    read_flag,
    read_line,
    read_markdown,
    read_object,
    read_strings,
    stated,
)
from .errors import kind_of
from .record import Record, add_unique

if TYPE_CHECKING:
    from .ctgov_json_study import Study

IDENT = "protocolSection.identificationModule"
DESIGN = "protocolSection.designModule"
DESIGN_INFO = f"{DESIGN}.designInfo"
MASKING_INFO = f"{DESIGN_INFO}.maskingInfo"
EXPANDED_ACCESS_INFO = "protocolSection.statusModule.expandedAccessInfo"
#: The record's expanded access type → its key under expandedAccessTypes.
EXPANDED_ACCESS_KEYS = dict(zip(vocab.EXPANDED_ACCESS_TYPES,
                                ("individual", "intermediate", "treatment"), strict=True))


def fill(study: Study, record: Record) -> None:
    """Place the study's old ids, biospecimens, expanded access, registry and design texts."""
    for alias in _aliases(study):
        if alias != record["nct_id"]:
            add_unique(record["other_ids"], alias)
    design = read_object(study, DESIGN)
    biospec = read_object(study, f"{DESIGN}.bioSpec") if design else None
    if biospec:
        where = f"{DESIGN}.bioSpec"
        record["biospec"] = stated({
            "retention": read_enum(study, "retention", vocab.BIOSPEC_RETENTIONS, biospec, where),
            "description": read_markdown(study, "description", biospec, where),
        })
    record["expanded_access"] = _expanded_access(study)
    access = read_object(study, f"{DESIGN}.expandedAccessTypes") if design else None
    if access:
        record["expanded_access_types"] = [
            kind for kind, key in EXPANDED_ACCESS_KEYS.items()
            if read_flag(study, key, access, f"{DESIGN}.expandedAccessTypes")]
    if design:
        record["patient_registry"] = read_flag(study, "patientRegistry", design, DESIGN)
        record["target_duration"] = read_line(study, "targetDuration", design, DESIGN)
    info = read_object(study, DESIGN_INFO) if design else None
    if info:
        record["design"]["model_description"] = read_markdown(
            study, "interventionModelDescription", info, DESIGN_INFO)
        masking = read_object(study, MASKING_INFO)
        if masking:
            record["design"]["masking_description"] = read_markdown(
                study, "maskingDescription", masking, MASKING_INFO)
            record["design"]["masked"] = _who_masked(study, masking)
            if record["design"]["masked"] and record["design"]["masking"] == "NONE":
                study.warn(f"{MASKING_INFO}.whoMasked",
                           "lists who is masked, but the masking is NONE (open label)")


def _expanded_access(study: Study) -> dict[str, Any] | None:
    """statusModule.expandedAccessInfo: whether the study's drug is also available through
    expanded access, and the registry's record of that access (its NCT id and status)."""
    info = read_object(study, EXPANDED_ACCESS_INFO)
    if not info:
        return None
    nct_id = read_line(study, "nctId", info, EXPANDED_ACCESS_INFO)
    if nct_id is not None and not fields.NCT_ID.fullmatch(nct_id):
        study.warn(f"{EXPANDED_ACCESS_INFO}.nctId", f"not an NCT id: {nct_id!r}; not kept")
        nct_id = None
    return stated({
        "available": read_flag(study, "hasExpandedAccess", info, EXPANDED_ACCESS_INFO),
        "nct_id": nct_id,
        "status": read_enum(study, "statusForNctId", vocab.EXPANDED_ACCESS_STATUSES, info,
                            EXPANDED_ACCESS_INFO),
    })


def _who_masked(study: Study, masking: dict[str, Any]) -> list[str]:
    """maskingInfo.whoMasked, in vocab_masking.MASKED_ORDER; a value that is not a known role
    is left out with a warning."""
    path = f"{MASKING_INFO}.whoMasked"
    values = masking.get("whoMasked")
    if values is None:
        return []
    if not isinstance(values, list):
        not_kept(study, path, f"expected a list of strings, got {kind_of(values)}")
        return []
    found: list[str] = []
    for index, value in enumerate(values):
        role = vocab.lookup(vocab_masking.MASKED_ROLES, value) if isinstance(value, str) else None
        if role is None:
            study.warn(f"{path}[{index}]", f"unknown value {value!r}; not kept")
        else:
            found.append(role)
    return vocab_masking.sort_masked(found)


def _aliases(study: Study) -> list[str]:
    """The study's old NCT ids (identificationModule.nctIdAliases); a value that is not a
    string is left out with a warning."""
    return read_strings(study, f"{IDENT}.nctIdAliases")
