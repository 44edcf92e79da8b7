"""A trial's secondary ids in its changes, each said once.

A record holds its secondary ids twice: other_ids, the ids as text, and secondary_id_details,
what the registry states of each (its type, the issuing organization in domain, a link). An
id added or removed would read twice, once per list; fold_secondary_ids makes it one change
of other_ids whose detail is what the registry states of the id, in words:

    secondary id added: 2019-001234-56 (EudraCT number)

A change of secondary_id_details that no change of other_ids says (the details of an id that
stays: its type, issuer or link changed, or were stated for the first time) stays, its detail
in words: "secondary id's details changed: X-1 (type other → EudraCT number)".
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from parsers import vocab

from .change import Change
from .items import member_detail, norm

IDS = "other_ids"
DETAILS = "secondary_id_details"

#: A secondary id's type in words (the Overview's words); other types are humanised.
TYPE_WORDS = vocab.SECONDARY_ID_TYPES


def type_words(kind: Any) -> Any:
    """ "EUDRACT_NUMBER" → "EudraCT number", "OTHER" → "other"; anything else as it is."""
    if not isinstance(kind, str) or not kind:
        return kind
    return TYPE_WORDS.get(kind) or kind.replace("_", " ").lower()


def details_words(details: Iterable[Any]) -> str | None:
    """What the registry states of an id, in words, as the Overview says it: "EudraCT
    number", "Ethics committee, Medical University of Vienna", "U.S. NIH grant/contract:
    https://reporter.nih.gov/…"; two issuers' details joined by "; "; None when they state
    nothing (a plain "other" type is no news)."""
    said: list[str] = []
    for detail in details:
        if not isinstance(detail, dict):
            continue
        kind = TYPE_WORDS.get(detail.get("type") or "", "")
        about = ", ".join(str(part) for part in (kind, detail.get("domain")) if part)
        link = str(detail.get("link") or "")
        text = f"{about}: {link}" if about and link else about or link
        if text and text not in said:
            said.append(text)
    return "; ".join(said) or None


def _worded(detail: Any) -> Any:
    """An id's details with its members named and valued in words."""
    if not isinstance(detail, dict):
        return detail
    return {"id": detail.get("id"), "type": type_words(detail.get("type")),
            "issuer": detail.get("domain"), "link": detail.get("link")}


def _details_change(change: Change) -> Change:
    """A change of an id's details, its detail in words."""
    if change.kind == "changed":
        detail = member_detail(_worded(change.old), _worded(change.new), enums=frozenset())
    else:
        detail = details_words([change.new if change.kind == "added" else change.old])
    return replace(change, detail=detail)


def _said(change: Change) -> tuple[str, Hashable] | None:
    """An id added or removed (case and spacing aside) with the kind of its change, by either
    list; None for any other change, and for an id that is not stated."""
    if change.field not in (IDS, DETAILS) or change.kind == "changed":
        return None
    value = change.new if change.kind == "added" else change.old
    key = norm(value.get("id") if isinstance(value, dict) else value)
    return None if key is None else (change.kind, key)


def fold_secondary_ids(changes: Sequence[Change]) -> list[Change]:
    """The changes with each secondary id added or removed said once, by other_ids, with its
    details; the other changes of secondary_id_details worded; the rest as they are."""
    if not any(change.field == DETAILS for change in changes):
        return list(changes)
    details: dict[tuple[str, Hashable], list[Any]] = {}
    ids: set[tuple[str, Hashable]] = set()
    for change in changes:
        if (said := _said(change)) is not None and change.field == DETAILS:
            details.setdefault(said, []).append(change.new or change.old)
        elif said is not None:
            ids.add(said)
    out = []
    for change in changes:
        said = _said(change)
        if change.field == IDS and said in details:
            change = replace(change, detail=details_words(details[said]))
        elif change.field == DETAILS:
            if said in ids:
                continue
            change = _details_change(change)
        out.append(change)
    return out
