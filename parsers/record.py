"""The normalised Trial record: an empty shape, the LOCAL id and the title fallback."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from .clean import has_misread_utf8, repair_values, repaired_warning

Record = dict[str, Any]

DATE_KEYS = ("start", "primary_completion", "completion", "first_submitted", "first_posted",
             "results_first_posted", "last_update", "status_verified")
#: The version of the record's shape that the parsers write (docs/record.md).
RECORD_VERSION = 2
#: The revision of the parsers (source.parser_revision): raised whenever a source parsed
#: again would give another record (a field added, a reading mended), so that a store parses
#: again, from the sources it kept, the records an earlier revision read (docs/record.md).
PARSER_REVISION = 17
OUTCOME_KINDS = ("primary", "secondary", "other")
#: The keys of record["observational"] (see observational()).
OBSERVATIONAL_KEYS = ("model", "time_perspective", "study_population", "sampling_method")


def empty_record() -> Record:
    """A record in which every field is unknown: null scalars, empty lists.

    Every intervention a parser adds has the keys type, name, description and other_names.
    """
    return {
        "id": None,
        "nct_id": None,
        "other_ids": [],
        "title": None,
        "official_title": None,
        "acronym": None,
        "sponsor": None,
        "status": None,
        "why_stopped": None,
        "phases": [],
        "study_type": None,
        "conditions": [],
        "keywords": [],
        "interventions": [],
        "funder_types": [],
        "summary": None,
        "description": None,
        "enrollment": None,
        "eligibility": {
            "sex": None,
            "gender_based": None,
            "gender_description": None,
            "min_age": None,
            "max_age": None,
            "healthy_volunteers": None,
            "inclusion": [],
            "exclusion": [],
        },
        "design": {
            "primary_purpose": None,
            "allocation": None,
            "intervention_model": None,
            "masking": None,
            "masked": [],
            "model_description": None,
            "masking_description": None,
        },
        "arms": [],
        "group_count": None,
        "dates": dict.fromkeys(DATE_KEYS),
        "locations_count": None,
        "has_results": None,
        "source": {"path": None, "format": None, "sha256": None, "imported_at": None,
                   "parser_revision": PARSER_REVISION},
        "warnings": [],
        # version 2: the registry's sections (docs/record.md)
        "record_version": RECORD_VERSION,
        "locations": [],
        "central_contacts": [],
        "overall_officials": [],
        "collaborators": [],
        "outcomes": {"primary": [], "secondary": [], "other": []},
        "mesh": {
            "conditions": [],
            "condition_ancestors": [],
            "interventions": [],
            "intervention_ancestors": [],
        },
        "references": [],
        "see_also": [],
        "ipd_sharing": None,
        "available_ipd": [],
        "results": None,
        "observational": None,
        "age_groups": [],
        "last_known_status": None,
        "responsible_party": None,
        "oversight": None,
        "documents": [],
        "biospec": None,
        "expanded_access_types": [],
        "expanded_access": None,
        "patient_registry": None,
        "target_duration": None,
        "organization": None,
        "removed_countries": [],
        "secondary_id_details": [],
        "annotations": None,
    }


def observational(model: str | None, time_perspective: str | None,
                  study_population: str | None, sampling_method: str | None,
                  ) -> dict[str, Any] | None:
    """The observational design of a study ({model, time_perspective, study_population,
    sampling_method}), or None when the source states none of it."""
    found = dict(zip(OBSERVATIONAL_KEYS,
                     (model, time_perspective, study_population, sampling_method), strict=True))
    return found if any(value is not None for value in found.values()) else None


def _collapse(text: str) -> str:
    return " ".join(text.split()).casefold()


def local_id(title: str | None, official: str | None, summary: str | None, text: str) -> str:
    """The stable "LOCAL-" id of a record without an NCT id."""
    stated = [part for part in (title, official, summary) if part]
    basis = _collapse(" ".join(stated)) if stated else _collapse(text)
    return "LOCAL-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:10]


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence of a paragraph, shortened at a word boundary when very long."""
    first_line = text.strip().split("\n", 1)[0]
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])", first_line, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def finish(record: Record, text: str, file_name: str | None) -> Record:
    """Fill the id and the title fallback once a parser has placed every field, and repair
    text that was UTF-8 read as Windows-1252 (repair_text)."""
    if record["id"] is None:
        record["id"] = record["nct_id"] or local_id(
            record["title"], record["official_title"], record["summary"], text
        )
    if has_misread_utf8(text):
        repair_text(record)
    if not record["title"]:
        if record["official_title"]:
            record["title"] = record["official_title"]
        elif record["summary"]:
            record["title"] = first_sentence(record["summary"])
        else:
            record["title"] = file_name or record["id"]
    return record


def repair_text(record: Record) -> None:
    """Repair every string of the record (its source details and warnings aside) that holds
    UTF-8 read as Windows-1252 ("JakafiÂ®" → "Jakafi®"; see clean.repair_misread_utf8), with a
    warning saying how many and which. The id is set before: a LOCAL id stays what the text
    as written gives."""
    repairs: dict[str, str] = {}
    changed = 0
    for key, value in record.items():
        if key not in ("source", "warnings"):
            record[key], count = repair_values(value, repairs)
            changed += count
    if changed:
        record["warnings"].append(repaired_warning(changed, repairs))


def paragraphs(lines: list[str]) -> str | None:
    """Join text lines, keeping the page's blank lines between paragraphs (at most one)."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped or (out and out[-1]):
            out.append(stripped)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) or None


def add_unique(values: list[Any], value: Any) -> None:
    """Append a value unless it is already there."""
    if value not in values:
        values.append(value)


def is_csv_row(record: Mapping[str, Any]) -> bool:
    """Whether the record is a row of the site's CSV download (partial, format ctgov-csv):
    what it lacks (criteria, arms, outcomes, results) is unknown, not unstated."""
    source = record.get("source") or {}
    return bool(source.get("partial")) and source.get("format") == "ctgov-csv"


def csv_missing_column(record: Mapping[str, Any], *columns: str) -> str | None:
    """The first of columns that the CSV file of a CSV row lacks (``source.missing_columns``),
    else None: what that column holds is unknown for the row, not unstated."""
    if not is_csv_row(record):
        return None
    missing = (record.get("source") or {}).get("missing_columns") or ()
    return next((column for column in columns if column in missing), None)


#: The record's sections that a partial API v2 study may leave out, and the module (or the
#: module's field) of the study's protocolSection that holds each (``source.missing_modules``).
SECTION_MODULES = {
    "arms": "armsInterventionsModule",
    "eligibility": "eligibilityModule",
    "criteria": "eligibilityModule.eligibilityCriteria",
    "sex": "eligibilityModule.sex",
    "ages": "eligibilityModule.minimumAge",
    "healthy_volunteers": "eligibilityModule.healthyVolunteers",
    "outcomes": "outcomesModule",
    "locations": "contactsLocationsModule",
    "references": "referencesModule",
}


def left_out(record: Mapping[str, Any], section: str) -> bool:
    """Whether a partial record's source left out the module holding a section (an API
    answer restricted by `fields=`): what it holds is unknown, not unstated. False for a
    whole study, whose missing module means the section is empty."""
    source = record.get("source") or {}
    return bool(source.get("partial")) and SECTION_MODULES.get(section) in (
        source.get("missing_modules") or ())


def outcome_kinds_unstated(record: Mapping[str, Any]) -> bool:
    """Whether the record's outcomes are of unstated kind: a row of the classic CSV download,
    whose one Outcome Measures column lists titles without saying which are primary or
    secondary (they are in ``outcomes.other``). (A record of an earlier parser revision,
    without ``source.layout``, is parsed again when read, so it has one.)"""
    source = record.get("source")
    return is_csv_row(record) and isinstance(source, dict) and source.get("layout") == "classic"


def count_criteria(criteria: list[dict[str, Any]]) -> int:
    """Number of criteria in a criteria tree, nested ones included; a note (``note: true``,
    see criteria_notes) is no criterion and is not counted."""
    return sum((0 if node.get("note") else 1) + count_criteria(node["children"])
               for node in criteria)
