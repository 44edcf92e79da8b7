"""The results' "certain agreements": whether the principal investigators are the sponsor's
employees, and whether an agreement restricts what they may say or publish of the results.

Record field ``results.certain_agreement`` (docs/record.md)::

    {pi_sponsor_employee: bool | null, restrictive: bool | null,
     restriction_type: LTE60 GT60 OTHER | null, details: str | null}

- API v2: ``moreInfoModule.certainAgreement`` {piSponsorEmployee, restrictiveAgreement,
  restrictionType, otherDetails}.
- Classic XML: ``<certain_agreements>`` states each as the registry's sentence.
  ``<pi_employee>`` "… are NOT employed …" is false, "… ARE employed …" true.
  ``<restrictive_agreement>`` "There is NOT an agreement …" is not restrictive; the registry's
  own sentence for an embargo of up to 60 days, or of more than 60 up to 180 days, is that
  type; any other text is the sponsor's description of another agreement (OTHER), kept
  whole in ``details``. A sentence not recognised for ``<pi_employee>`` is null with a
  warning.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from .ctgov_xml_node import Reader as XmlReader
from .ctgov_xml_node import quote
from .results_read import Reader

AGREEMENT_KEYS = frozenset(
    {"piSponsorEmployee", "restrictiveAgreement", "restrictionType", "otherDetails"}
)
RESTRICTION_TYPES = {"LTE60": "LTE60", "GT60": "GT60", "OTHER": "OTHER"}

_NOT_EMPLOYED = re.compile(r"\bare\s+not\s+employed\b", re.IGNORECASE)
_EMPLOYED = re.compile(r"\bare\s+employed\b", re.IGNORECASE)
_NO_AGREEMENT = re.compile(r"^\s*there\s+is\s+not\s+an\s+agreement\b", re.IGNORECASE)
_STANDARD = re.compile(r"^\s*the\s+only\s+disclosure\s+restriction\s+on\s+the\s+pi\b",
                       re.IGNORECASE)
_OVER_60 = re.compile(r"more\s+than\s+60\s+days", re.IGNORECASE)
_UP_TO_60 = re.compile(r"less\s+than\s+or\s+equal\s+to\s+60\s+days", re.IGNORECASE)


def _stated(agreement: dict[str, Any]) -> dict[str, Any] | None:
    return agreement if any(value is not None for value in agreement.values()) else None


def api_agreement(reader: Reader, module: dict[str, Any], where: str) -> dict[str, Any] | None:
    """``certain_agreement`` from an API v2 moreInfoModule; None when it states none."""
    item = reader.child(module, "certainAgreement", where, AGREEMENT_KEYS)
    if item is None:
        return None
    path = f"{where}.certainAgreement"
    return _stated({
        "pi_sponsor_employee": reader.flag(item, "piSponsorEmployee", path),
        "restrictive": reader.flag(item, "restrictiveAgreement", path),
        "restriction_type": reader.enum(item, "restrictionType", path, RESTRICTION_TYPES),
        "details": reader.text(item, "otherDetails", path),
    })


def xml_agreement(read: XmlReader, element: Element | None) -> dict[str, Any] | None:
    """``certain_agreement`` from a classic XML ``<clinical_results>``; None when it has no
    ``<certain_agreements>`` or one that states nothing."""
    found = element.find("certain_agreements") if element is not None else None
    if found is None:
        return None
    agreement: dict[str, Any] = {"pi_sponsor_employee": None, "restrictive": None,
                                 "restriction_type": None, "details": None}
    employee = read.line(found, "pi_employee")
    if employee is not None:
        if _NOT_EMPLOYED.search(employee):
            agreement["pi_sponsor_employee"] = False
        elif _EMPLOYED.search(employee):
            agreement["pi_sponsor_employee"] = True
        else:
            read.warn("clinical_results/certain_agreements/pi_employee",
                      f"not read as yes or no: {quote(employee)}")
    restriction = read.text(found, "restrictive_agreement")
    if restriction is not None:
        agreement.update(_restriction(restriction))
    return _stated(agreement)


def _restriction(text: str) -> dict[str, Any]:
    """restrictive, restriction_type and details from a ``<restrictive_agreement>``."""
    if _NO_AGREEMENT.match(text):
        return {"restrictive": False}
    if _STANDARD.match(text):
        if _OVER_60.search(text):
            return {"restrictive": True, "restriction_type": "GT60"}
        if _UP_TO_60.search(text):
            return {"restrictive": True, "restriction_type": "LTE60"}
    return {"restrictive": True, "restriction_type": "OTHER", "details": text}
