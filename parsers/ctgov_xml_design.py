"""The design of a classic ``<clinical_study>``: its type, phases and how it is run.

``fill`` places ``study_type`` (``study_type``; "N/A", a redacted device study, is null),
``phases`` (``phase``), ``design``'s allocation, intervention model, primary purpose,
masking and ``masked`` (``study_design_info``, else the older one-string ``study_design``),
``observational`` (``study_design_info``'s observational model and time perspective, with
``eligibility``'s ``study_pop`` and ``sampling_method``), ``enrollment`` and
``group_count`` (``number_of_arms`` or ``number_of_groups``, as the file states it).

Choices:

- design.masked: who the masking's bracketed list names ("Double (Participant,
  Investigator)"; older "Double Blind (Subject, Caregiver, Investigator, Outcomes
  Assessor)": Subject → participant, Caregiver → care provider), in the registry's order.
  A masking written as the bare list ("Participant, Investigator", in some files of about
  2017) gives those roles, and the masking by their count (two: DOUBLE), as the registry
  names a masking.
- A design value listing several ("Defined Population, Natural History", "Longitudinal,
  Prospective", in older observational studies) keeps the first value the vocabulary
  knows, with a warning for each other part (the record keeps one).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from . import fields, vocab, vocab_masking
from .ctgov_xml_node import DATE_TYPES, Reader, quote
from .record import Record, observational

_DESIGN = {
    "allocation": ("allocation", vocab.ALLOCATIONS),
    "intervention_model": ("intervention_model", vocab.INTERVENTION_MODELS),
    "primary_purpose": ("primary_purpose", vocab.PRIMARY_PURPOSES),
    "masking": ("masking", vocab.MASKINGS),
}
# The keys of the old one-string <study_design> ("Allocation: Randomized, Masking: …").
_OLD_DESIGN = re.compile(
    r"(?:^|,\s*)(Allocation|Endpoint Classification|Intervention Model|Masking|"
    r"Primary Purpose|Observational Model|Time Perspective)\s*:\s*",
    re.IGNORECASE,
)
_STUDY_TYPES = {**vocab.STUDY_TYPES, "observational patient registry": "OBSERVATIONAL"}


def fill(read: Reader, study: Element, record: Record) -> None:
    """Place the study type, phases, design, observational design, enrollment and group
    count."""
    study_type = read.line(study, "study_type")
    if study_type and study_type.casefold() != "n/a":  # N/A: a redacted device study
        record["study_type"] = read.lookup(study_type, _STUDY_TYPES, "study_type")
    record["phases"] = read.phases(study, "phase")
    info = study.find("study_design_info")
    old = read.line(study, "study_design")
    old_values = _old_design(old) if old else {}
    for key, (name, table) in _DESIGN.items():
        record["design"][key] = _design_value(read, info, old_values, name, table)
    record["design"]["masked"] = _masked(read, info, old_values)
    model, perspective = (
        _design_value(read, info, old_values, name, table)
        for name, table in (("observational_model", vocab.OBSERVATIONAL_MODELS),
                            ("time_perspective", vocab.TIME_PERSPECTIVES)))
    eligibility = study.find("eligibility")
    sampling = read.line(eligibility, "sampling_method") if eligibility is not None else None
    record["observational"] = observational(
        model, perspective, read.block(eligibility, "study_pop/textblock"),
        read.lookup(sampling, vocab.SAMPLING_METHODS, "eligibility/sampling_method"))
    enrollment = study.find("enrollment")
    written = read.line(enrollment, ".")
    if enrollment is not None and written is not None:
        count = fields.count(written)
        if count is None:
            read.warn("enrollment", f"not a whole number of participants: {quote(written)}")
        else:
            kind = read.lookup(read.attribute(enrollment, "type"), DATE_TYPES, "enrollment@type")
            record["enrollment"] = {"count": count, "type": kind}
    for name in ("number_of_arms", "number_of_groups"):
        stated = read.line(study, name)
        if stated is not None:
            record["group_count"] = read.count(stated, name)
            break


def _design_value(
    read: Reader, info: Element | None, old: dict[str, str], name: str, table: dict[str, str]
) -> str | None:
    """A design value from study_design_info, else from the old one-string study_design. A
    masking written as the list of who is masked ("Participant, Investigator") is named by
    their count (vocab_masking.MASKING_BY_COUNT); a value listing several ("Defined Population,
    Natural History", "Longitudinal, Prospective") is the first the vocabulary knows, the
    rest warned about (the record keeps one)."""
    if info is not None and info.find(name) is not None:
        text, where = read.line(info, name), f"study_design_info/{name}"
    else:
        text, where = old.get(name), f"study_design ({name})"
    if text is None:
        return None
    found = vocab.design_value(table, text)
    if found is None and table is vocab.MASKINGS:
        found = vocab_masking.MASKING_BY_COUNT.get(len(vocab_masking.listed_roles(text)))
    if found is None and "," in text:
        found = _first_listed(read, text, table, where)
    if found is None:
        read.warn(where, f"unknown value {quote(text)}")
    return found


def _first_listed(read: Reader, text: str, table: dict[str, str], where: str) -> str | None:
    """The first part of a comma list that the vocabulary knows; each other part is warned
    about, as not kept. None (and no warning) when it knows none."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    values = [vocab.design_value(table, part) for part in parts]
    first = next((value for value in values if value is not None), None)
    if first is not None:
        for part, value in zip(parts, values, strict=True):
            if value != first:
                read.warn(where, f"{quote(part)} not kept: the record keeps one value "
                                 f"({quote(text)})")
    return first


def _masked(read: Reader, info: Element | None, old: dict[str, str]) -> list[str]:
    """Who is masked, from the masking's bracketed list ("Double (Participant,
    Investigator)"; older "Double Blind (Subject, Caregiver, …)"); a part naming no one known
    is warned about."""
    if info is not None and info.find("masking") is not None:
        text, where = read.line(info, "masking"), "study_design_info/masking"
    else:
        text, where = old.get("masking"), "study_design (masking)"
    if not text:
        return []
    roles, unknown = vocab_masking.masked_roles(text)
    for part in unknown:
        read.warn(where, f"no one known masked as {quote(part)}, not kept")
    return roles


def _old_design(text: str) -> dict[str, str]:
    """The parts of an old one-string study design, by their new element names."""
    parts = _OLD_DESIGN.split(text)
    out: dict[str, str] = {}
    for index in range(1, len(parts) - 1, 2):
        name = parts[index].casefold().replace(" ", "_")
        out[name] = parts[index + 1].strip(" ,")
    return out
