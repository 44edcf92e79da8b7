"""The registry's annotations of a trial (record["annotations"]), worded for a reader: the
results submitted to ClinicalTrials.gov and not yet posted (each submission and return for
corrections) and the FDA's violation notices. Shown in the Overview (and so `trials show`) and
in the Markdown export.

Every string from the record goes through mark (a Text, never markup) or md_text.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.text import Text

from parsers import humanise

from . import format as fmt
from .hanging import Hanging
from .markdown_text import md_text
from .report_view import Marker, fields_grid, heading, indented, plain

Record = dict[str, Any]
#: Each unposted event in words, and what it means.
UNPOSTED_WORDS = {"RELEASE": "submitted", "RESET": "returned", "UNRELEASE": "withdrawn"}
UNPOSTED_MEANINGS = {
    "RELEASE": "submitted: the sponsor submitted its results to the registry for review",
    "RESET": "returned: the registry returned them to the sponsor for corrections",
    "UNRELEASE": "withdrawn: the sponsor withdrew its submission before the review ended",
}
#: The FDA's violation notices in the registry's words.
VIOLATION_LABELS = {
    "VIOLATION_IDENTIFIED": "Violation identified by the FDA",
    "CORRECTION_CONFIRMED": "Correction confirmed by the FDA",
    "PENALTY_IMPOSED": "Penalty imposed by the FDA",
    "ISSUES_IN_LETTER_ADDRESSED_CONFIRMED": "Issues in the FDA's letter addressed, confirmed "
                                            "by the FDA",
}
#: A violation's dates, in the order told.
VIOLATION_DATES = (
    ("issued_date", "issued"),
    ("posted_date", "posted on ClinicalTrials.gov"),
    ("creation_date", "entered by the registry"),
    ("release_date", "about the record submitted"),
)


def _annotations(record: Record) -> dict[str, Any]:
    found = record.get("annotations")
    return found if isinstance(found, dict) else {}


def unposted_label(events: list[dict[str, Any]]) -> str:
    """ "Results submitted and returned" (or "Results submitted" when none was returned)."""
    returned = any(event.get("type") == "RESET" for event in events)
    return "Results submitted and returned" if returned else "Results submitted"


def event_text(event: dict[str, Any]) -> str:
    """ "submitted 2020-05-06", "returned 2020-05-28", "withdrawn (date unknown)"."""
    kind = event.get("type") or ""
    words = UNPOSTED_WORDS.get(kind) or humanise(kind).lower() or "event"
    if event.get("date"):
        return f"{words} {event['date']}"
    return f"{words} (date unknown)" if event.get("date_unknown") else words


def unposted_note(events: list[dict[str, Any]], posted: bool = False) -> str:
    """What the kinds of events listed mean, and (unless the record holds posted results)
    that the results were not posted when this version was read."""
    kinds = [kind for kind in UNPOSTED_MEANINGS if any(e.get("type") == kind for e in events)]
    meanings = "; ".join(UNPOSTED_MEANINGS[kind] for kind in kinds)
    meanings = meanings[:1].upper() + meanings[1:]
    tail = "" if posted else \
        "These results were not posted on ClinicalTrials.gov when this version was read."
    return " ".join(part for part in (f"{meanings}." if meanings else "", tail) if part)


def unposted_rows(annotations: dict[str, Any]) -> list[tuple[str, str]]:
    """The label/value rows of the unposted results: their events and who submitted them."""
    events = fmt.dicts(annotations.get("unposted_events"))
    rows = []
    if events:
        rows.append((unposted_label(events), ", ".join(event_text(e) for e in events)))
    party = annotations.get("unposted_responsible_party")
    if party:
        rows.append(("Submitted by", party))
    return rows


def violation_title(violation: dict[str, Any]) -> str:
    """ "Violation identified by the FDA"."""
    kind = violation.get("type")
    return VIOLATION_LABELS.get(kind, humanise(kind)) if kind else "FDA violation notice"


def violation_dates(violation: dict[str, Any]) -> str:
    """ "issued 2021-07-26, posted on ClinicalTrials.gov 2021-07-29, …" for the stated dates."""
    return ", ".join(f"{words} {violation[key]}" for key, words in VIOLATION_DATES
                     if violation.get(key))


def annotations_parts(record: Record, mark: Marker = plain) -> list[RenderableType]:
    """The Overview's "Registry annotations" section, after a blank line; none when the
    record has no annotations."""
    annotations = _annotations(record)
    rows = unposted_rows(annotations)
    violations = fmt.dicts(annotations.get("violations"))
    if not rows and not violations:
        return []
    parts: list[RenderableType] = [Text(), heading("Registry annotations")]
    if rows:
        parts.append(indented(fields_grid(rows, mark)))
        events = fmt.dicts(annotations.get("unposted_events"))
        note = unposted_note(events, bool(record.get("has_results")))
        parts.append(indented(Text(note, style="dim")))
    if violations:
        parts.append(indented(Text(f"FDA violation notices ({len(violations)})", style="bold")))
    for violation in violations:
        line = Text("• " + violation_title(violation), style="bold")
        dates = violation_dates(violation)
        if dates:
            line.append(f" ({dates})", style="dim")
        parts.append(Hanging([(line, 2, 2)]))
        if violation.get("description"):
            parts.append(indented(mark(violation["description"]), 4))
    return parts


def annotations_markdown(record: Record, level: str) -> list[str]:
    """The Markdown report's "Registry annotations" section; none when the record has no
    annotations."""
    annotations = _annotations(record)
    rows = unposted_rows(annotations)
    violations = fmt.dicts(annotations.get("violations"))
    if not rows and not violations:
        return []
    lines = [f"{level} Registry annotations", ""]
    if rows:
        events = fmt.dicts(annotations.get("unposted_events"))
        lines += [f"- **{label}:** {md_text(value)}" for label, value in rows]
        note = unposted_note(events, bool(record.get("has_results")))
        lines += ["", f"*{md_text(note)}*"]
    if violations:
        lines += [*([""] if rows else []), f"FDA violation notices ({len(violations)}):", ""]
    for violation in violations:
        line = f"- **{violation_title(violation)}**"
        dates = violation_dates(violation)
        if dates:
            line += f" ({md_text(dates)})"
        if violation.get("description"):
            line += f": {md_text(violation['description'])}"
        lines.append(line)
    return lines
