"""What kind of study a classic ``<clinical_study>`` is, beyond its type: its old NCT ids, its
biospecimens, the expanded access it offers, whether it is a patient registry, and the
descriptions of its design.

``fill`` adds ``id_info/nct_alias`` to ``other_ids`` and places ``biospec``,
``expanded_access_types``, ``patient_registry``, ``target_duration``,
``design.model_description`` and ``design.masking_description`` (docs/record.md), as
``ctgov_json_kinds`` places them from API v2.

Choices:

- ``nct_alias``: the study's old NCT ids (the registry redirects them to it), other ids after
  its ``org_study_id`` and ``secondary_id``.
- ``biospec_retention`` ("Samples With DNA", "Samples Without DNA", "None Retained") →
  SAMPLES_WITH_DNA, SAMPLES_WITHOUT_DNA, NONE_RETAINED; ``biospec_descr/textblock`` a text
  block (wrapped lines joined, as the summary).
- ``expanded_access_info``: ``expanded_access_type_individual``, ``_intermediate``,
  ``_treatment`` stated "Yes" → INDIVIDUAL, INTERMEDIATE, TREATMENT, in that order.
  ``has_expanded_access`` (whether an interventional study's drug is also available through
  expanded access: "Yes"/"No") → ``expanded_access`` {available, nct_id: null, status: null}
  (the XML does not name the expanded access record).
- ``patient_registry``: true when ``study_type`` is "Observational [Patient Registry]"; the
  XML states no "false" (an "Observational" study of the years before registries were told
  apart is not known not to be one), so it is null otherwise. ``target_duration`` is kept as
  written ("36 Months").
- ``study_design_info``'s ``intervention_model_description`` and ``masking_description``
  keep their own line breaks, as the other descriptions.
- A value that cannot be read (an unknown retention, a flag neither Yes nor No) is null with a
  warning naming the element.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from . import vocab
from .ctgov_xml_node import Reader
from .ctgov_xml_registration import flag
from .record import Record, add_unique

#: The record's expanded access type → its element under ``expanded_access_info``.
EXPANDED_ACCESS_ELEMENTS = {kind: f"expanded_access_type_{kind.lower()}"
                            for kind in vocab.EXPANDED_ACCESS_TYPES}
REGISTRY_TYPE = "observational patient registry"
#: The elements under <clinical_study> that this module places.
ELEMENTS = frozenset({"biospec_retention", "biospec_descr", "expanded_access_info",
                      "has_expanded_access", "target_duration"})


def fill(read: Reader, study: Element, record: Record) -> None:
    """Place the study's old ids, biospecimens, expanded access, registry and design texts."""
    for alias in read.lines(study, "id_info/nct_alias"):
        if alias != record["nct_id"]:
            add_unique(record["other_ids"], alias)
    retention = read.enum(study, "biospec_retention", vocab.BIOSPEC_RETENTIONS)
    description = read.block(study, "biospec_descr/textblock")
    if retention is not None or description is not None:
        record["biospec"] = {"retention": retention, "description": description}
    access = study.find("expanded_access_info")
    if access is not None:
        record["expanded_access_types"] = [
            kind for kind, name in EXPANDED_ACCESS_ELEMENTS.items()
            if flag(read, access, name, "expanded_access_info")]
    available = flag(read, study, "has_expanded_access", "clinical_study")
    if available is not None:
        record["expanded_access"] = {"available": available, "nct_id": None, "status": None}
    study_type = read.line(study, "study_type")
    if study_type is not None and vocab.vocab_key(study_type) == REGISTRY_TYPE:
        record["patient_registry"] = True
    record["target_duration"] = read.line(study, "target_duration")
    info = study.find("study_design_info")
    if info is not None:
        record["design"]["model_description"] = read.text(info, "intervention_model_description")
        record["design"]["masking_description"] = read.text(info, "masking_description")
