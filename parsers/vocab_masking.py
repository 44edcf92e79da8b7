"""Who a study masks: the roles of a masking's list ("Double (Participant, Investigator)"),
in the registry's order, and the masking a bare list of roles stands for."""

from __future__ import annotations

import re

from . import brackets
from .vocab import MASKINGS, design_value, lookup

#: Who a study masks (API v2 whoMasked; the XML's and the CSV's parenthesised list after the
#: masking, "Double (Participant, Investigator)"; older XML "Double Blind (Subject,
#: Caregiver, Investigator, Outcomes Assessor)").
MASKED_ROLES = {
    "participant": "PARTICIPANT",
    "subject": "PARTICIPANT",
    "care provider": "CARE_PROVIDER",
    "caregiver": "CARE_PROVIDER",
    "investigator": "INVESTIGATOR",
    "outcomes assessor": "OUTCOMES_ASSESSOR",
    "outcome assessor": "OUTCOMES_ASSESSOR",
}
#: The order in which the registry lists who is masked (design.masked keeps it).
MASKED_ORDER = ("PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR")
#: The masking that a list of who is masked stands for when the source states no word for
#: it ("Participant, Investigator"): the registry names the masking by how many roles are
#: masked, one (Single) to four (Quadruple).
MASKING_BY_COUNT = {1: "SINGLE", 2: "DOUBLE", 3: "TRIPLE", 4: "QUADRUPLE"}


def masked_roles(text: str) -> tuple[list[str], list[str]]:
    """Who a masking value says is masked, in MASKED_ORDER, and the parts of its list that
    name no one known: "Double (Participant, Investigator)" → (["PARTICIPANT",
    "INVESTIGATOR"], []); "Double Blind (Subject and Investigator)" and "Single (Participant;
    Investigator)" too; a bare list of roles ("Participant, Investigator", as some classic
    XML writes it) as well. A value without a list, or whose list says no one is masked
    ("None (Open Label)"), masks no one it states: ([], []); "Double (Patient, Physician)"
    gives ([], ["Patient", "Physician"])."""
    inner = brackets.inner(text)
    if not inner:
        return listed_roles(text), []
    parts = [part.strip() for part in _ROLE_SEPARATORS.split(inner[0]) if part.strip()]
    found = {lookup(MASKED_ROLES, part) for part in parts}
    unknown = [part for part in parts if lookup(MASKED_ROLES, part) is None
               and design_value(MASKINGS, part) != "NONE"]
    return sort_masked(found - {None}), unknown


#: Between the roles of a masking's list: "Participant, Investigator", "Subject and
#: Investigator", "Participant; Investigator", "Participant/Investigator".
_ROLE_SEPARATORS = re.compile(r"\s*(?:[,;/&]|\band\b)\s*", re.IGNORECASE)


def listed_roles(text: str) -> list[str]:
    """Who a bare list of roles names ("Participant, Care Provider, Investigator"), in
    MASKED_ORDER, when each of its parts is a role; else []."""
    parts = [part.strip() for part in _ROLE_SEPARATORS.split(text) if part.strip()]
    roles = [lookup(MASKED_ROLES, part) for part in parts]
    return sort_masked(set(roles)) if roles and None not in roles else []


def sort_masked(roles: set[str | None] | list[str]) -> list[str]:
    """Who is masked, in MASKED_ORDER, without duplicates."""
    return [role for role in MASKED_ORDER if role in set(roles)]
