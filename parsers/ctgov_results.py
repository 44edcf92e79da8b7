"""Posted results of a ClinicalTrials.gov API v2 study (``resultsSection``) → record ``results``.

``parse_results(section, warnings)`` returns the ``results`` field of docs/record.md: the
participant flow, the baseline, the outcome measures with their analyses, the adverse events
per group, the limitations and the point of contact. It never raises: a value of the wrong
type, an unknown key or an unreadable number adds a warning naming its path (starting with
``resultsSection``) and reads as absent; everything else is kept (see ``results_read`` for
how text and numbers are read).

Choices:

- No ``resultsSection`` (None), or one that is not an object (with a warning), or one from
  which nothing of the record's shape can be read: ``None``, "no posted results".
- A module the section does not have is null (``participant_flow``, ``baseline``,
  ``adverse_events``) or empty (``outcome_measures``).
- ``limitations`` is ``moreInfoModule.limitationsAndCaveats.description``.
- ``point_of_contact`` is ``moreInfoModule.pointOfContact`` {title, organization, email,
  phone}; an extension (``phoneExt``) is written after the phone number as
  "503-528-3902 ext. 12". It is null when none of the four is stated.
- ``certain_agreement`` is ``moreInfoModule.certainAgreement`` (see ``results_agreement``).
"""

from __future__ import annotations

from typing import Any

from .results_agreement import api_agreement
from .results_events import adverse_events
from .results_flow import participant_flow
from .results_measures import baseline, outcome_measures
from .results_read import Reader

PATH = "resultsSection"
RESULTS_KEYS = frozenset(
    {
        "participantFlowModule",
        "baselineCharacteristicsModule",
        "outcomeMeasuresModule",
        "adverseEventsModule",
        "moreInfoModule",
    }
)
MORE_INFO_KEYS = frozenset({"limitationsAndCaveats", "certainAgreement", "pointOfContact"})
LIMITATIONS_KEYS = frozenset({"description"})
CONTACT_KEYS = frozenset({"title", "organization", "email", "phone", "phoneExt"})


def parse_results(section: Any, warnings: list[str]) -> dict[str, Any] | None:
    """The record's ``results`` from a study's ``resultsSection``; None when it has none."""
    if section is None:
        return None
    reader = Reader(warnings)
    node = reader.node(section, PATH, RESULTS_KEYS)
    if node is None:
        return None
    results: dict[str, Any] = {
        "participant_flow": participant_flow(reader, node, PATH),
        "baseline": baseline(reader, node, PATH),
        "outcome_measures": outcome_measures(reader, node, PATH),
        "adverse_events": adverse_events(reader, node, PATH),
    }
    results["limitations"], results["certain_agreement"], results["point_of_contact"] = (
        _more_info(reader, node))
    if all(value is None or value == [] for value in results.values()):
        return None
    return results


def _more_info(
    reader: Reader, section: dict[str, Any]
) -> tuple[str | None, dict[str, Any] | None, dict[str, Any] | None]:
    """(limitations, certain agreement, point of contact) from the moreInfoModule."""
    module = reader.child(section, "moreInfoModule", PATH, MORE_INFO_KEYS)
    if module is None:
        return None, None, None
    where = f"{PATH}.moreInfoModule"
    caveats = reader.child(module, "limitationsAndCaveats", where, LIMITATIONS_KEYS)
    limitations = (
        reader.text(caveats, "description", f"{where}.limitationsAndCaveats") if caveats else None
    )
    agreement = api_agreement(reader, module, where)
    item = reader.child(module, "pointOfContact", where, CONTACT_KEYS)
    if item is None:
        return limitations, agreement, None
    item_path = f"{where}.pointOfContact"
    phone = reader.line(item, "phone", item_path)
    extension = reader.line(item, "phoneExt", item_path)
    if phone and extension:
        phone = f"{phone} ext. {extension}"
    contact = {
        "title": reader.line(item, "title", item_path),
        "organization": reader.line(item, "organization", item_path),
        "email": reader.line(item, "email", item_path),
        "phone": phone,
    }
    return limitations, agreement, contact if any(contact.values()) else None
