"""The registry's annotations of a study and the other small registry fields shared by the API v2
and classic XML parsers: their vocabularies and the shape of ``record["annotations"]``
(docs/record.md).

The annotations are what ClinicalTrials.gov itself posts on a study record, not what its
sponsor wrote: the results submitted to it and not yet posted (each submission, return for
corrections and withdrawal, with its date), and the FDA's violation notices.
"""

from __future__ import annotations

from typing import Any

#: API v2 UnpostedEventType: RELEASE, the responsible party submitted its results for the
#: registry's quality control review; RESET, the registry returned them for corrections;
#: UNRELEASE, the responsible party withdrew (cancelled) a submission before its review ended.
UNPOSTED_EVENT_TYPES = ("RELEASE", "RESET", "UNRELEASE")
#: API v2 ViolationEventType (each "by FDA").
VIOLATION_TYPES = ("VIOLATION_IDENTIFIED", "CORRECTION_CONFIRMED", "PENALTY_IMPOSED",
                   "ISSUES_IN_LETTER_ADDRESSED_CONFIRMED")
#: API v2 SecondaryIdType.
SECONDARY_ID_TYPES = ("NIH", "FDA", "VA", "CDC", "AHRQ", "SAMHSA", "OTHER_GRANT",
                      "EUDRACT_NUMBER", "CTIS", "REGISTRY", "OTHER")
#: The violation's dates: the record's key → API v2's key.
VIOLATION_DATES = {
    "creation_date": "creationDate",  # entered in the registry's system
    "issued_date": "issuedDate",  # issued by the FDA
    "release_date": "releaseDate",  # the study record (version) it concerns was submitted
    "posted_date": "postedDate",  # shown on ClinicalTrials.gov
}


def table(values: tuple[str, ...]) -> dict[str, str]:
    """A vocabulary table (vocab.lookup) of enum spellings: "release" → RELEASE."""
    return {value.casefold().replace("_", " "): value for value in values}


UNPOSTED_EVENTS = table(UNPOSTED_EVENT_TYPES)
VIOLATIONS = table(VIOLATION_TYPES)
SECONDARY_IDS = table(SECONDARY_ID_TYPES)


def record_annotations(party: str | None, events: list[dict[str, Any]],
                violations: list[dict[str, Any]]) -> dict[str, Any] | None:
    """record["annotations"]: {unposted_responsible_party, unposted_events, violations}, or
    None when the source states none of them."""
    if party is None and not events and not violations:
        return None
    return {"unposted_responsible_party": party, "unposted_events": events,
            "violations": violations}


def organization(name: str | None, sponsor: str | None) -> str | None:
    """The organization that registered the study, when it is not the lead sponsor (case and
    spacing aside); None otherwise."""
    if not name:
        return None
    if sponsor and " ".join(name.casefold().split()) == " ".join(sponsor.casefold().split()):
        return None
    return name
