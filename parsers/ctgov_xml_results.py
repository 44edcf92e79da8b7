"""The ``results`` of a record from the ``<clinical_results>`` of a classic study XML.

Participant flow, baseline, outcome measures with their analyses (``ctgov_xml_measures``,
which also says how groups and numbers are read), adverse events, limitations and the point
of contact, in the shape of docs/record.md: per group, never summed, numbers as numbers.

Choices:

- Flow: a milestone's or withdrawal reason's title is its type ("STARTED", "Adverse
  Event"); a count's text is its comment. The classic XML has no comment on a whole
  milestone or withdrawal reason (API v2's milestone.comment): ``comment`` is null.
- Adverse events: the "Total" category's "Total, serious adverse events", "Total, other
  adverse events" and "Total, all-cause mortality" rows are the groups' serious, other and
  deaths counts, not events. An event's vocabulary is its ``sub_title``'s ``vocab``, else
  the section's ``default_vocab``; its assessment likewise. frequency_threshold is the
  other events' (else the serious events'). An event's ``description`` is its ``notes``
  (API v2's seriousEvents[].notes / otherEvents[].notes).

- ``<certain_agreements>`` is ``certain_agreement`` (see ``results_agreement``).

Not kept (no field in the record; the source text keeps it): the flow's ``units_analyzed``.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from .ctgov_xml_measures import ResultsReader, group_id
from .ctgov_xml_node import Reader, raw_text
from .results_agreement import xml_agreement

__all__ = ["group_id", "results"]

KNOWN = frozenset(
    {
        "participant_flow", "baseline", "outcome_list", "reported_events",
        "certain_agreements", "limitations_and_caveats", "point_of_contact",
    }
)
ASSESSMENTS = {
    "systematic assessment": "SYSTEMATIC_ASSESSMENT",
    "non systematic assessment": "NON_SYSTEMATIC_ASSESSMENT",
}
# The "Total" rows of the adverse events: (section, row title) → the group's count.
TOTALS = {
    ("serious_events", "total serious adverse events"): "serious",
    ("serious_events", "total all cause mortality"): "deaths",
    ("other_events", "total other adverse events"): "other",
}


class _Results(ResultsReader):
    """Reads one <clinical_results> element: the flow and the adverse events here."""

    def flow(self, element: Element | None) -> dict[str, Any] | None:
        if element is None:
            return None
        where = "clinical_results/participant_flow"
        periods = []
        for number_, period in enumerate(element.findall("period_list/period"), 1):
            here = f"{where}/period[{number_}]"
            periods.append({
                "title": self.read.line(period, "title"),
                "milestones": self.milestones(period, "milestone_list/milestone", here),
                "withdrawals": self.milestones(
                    period, "drop_withdraw_reason_list/drop_withdraw_reason", here
                ),
            })
        return {
            "recruitment": self.read.text(element, "recruitment_details"),
            "pre_assignment": self.read.text(element, "pre_assignment_details"),
            "groups": self.groups(element, where),
            "periods": periods,
        }

    def milestones(self, period: Element, path: str, where: str) -> list[dict[str, Any]]:
        out = []
        for number_, milestone in enumerate(period.findall(path), 1):
            here = f"{where}/{path.rsplit('/', 1)[-1]}[{number_}]"
            kind = self.read.line(milestone, "title")
            counts = []
            for item in milestone.findall("participants_list/participants"):
                identifier = self.group(item)
                if identifier is None:
                    continue
                counts.append({
                    "group": identifier,
                    "count": self.read.count(self.read.attribute(item, "count"), here),
                    "comment": self.comment(item),
                })
            if kind is None:
                if counts:
                    self.read.warn(here, "counts without a title, not kept")
                continue
            out.append({"type": kind, "comment": None, "counts": counts})
        return out

    def adverse_events(self, element: Element | None) -> dict[str, Any] | None:
        if element is None:
            return None
        where = "clinical_results/reported_events"
        empty = {"affected": None, "at_risk": None}
        groups = [
            {**group, "deaths": dict(empty), "serious": dict(empty), "other": dict(empty)}
            for group in self.groups(element, where)
        ]
        by_id = {group["id"]: group for group in groups}
        events: dict[str, list[dict[str, Any]]] = {"serious_events": [], "other_events": []}
        for section, found in events.items():
            part = element.find(section)
            if part is None:
                continue
            vocabulary = self.read.line(part, "default_vocab")
            assessment = self.read.enum(part, "default_assessment", ASSESSMENTS, where)
            for category in part.findall("category_list/category"):
                organ_system = self.read.line(category, "title")
                for event in category.findall("event_list/event"):
                    self.event(event, section, organ_system, vocabulary, assessment, by_id,
                               found)
        threshold = self.read.line(element, "other_events/frequency_threshold") or \
            self.read.line(element, "serious_events/frequency_threshold")
        return {
            "time_frame": self.read.line(element, "time_frame"),
            "description": self.read.text(element, "desc"),
            "frequency_threshold": self.read.number(threshold, f"{where}/frequency_threshold"),
            "groups": groups,
            "serious": events["serious_events"],
            "other": events["other_events"],
        }

    def event(
        self, event: Element, section: str, organ_system: str | None, vocabulary: str | None,
        assessment: str | None, groups: dict[str, dict[str, Any]], out: list[dict[str, Any]],
    ) -> None:
        where = f"clinical_results/reported_events/{section}"
        term = self.read.line(event, "sub_title")
        counts = []
        for item in event.findall("counts"):
            identifier = self.group(item)
            if identifier is None:
                continue
            counts.append({
                "group": identifier,
                "affected": self.read.count(self.read.attribute(item, "subjects_affected"), where),
                "events": self.read.count(self.read.attribute(item, "events"), where),
                "at_risk": self.read.count(self.read.attribute(item, "subjects_at_risk"), where),
            })
        total = TOTALS.get((section, _key(term))) if (organ_system or "").casefold() == "total" \
            else None
        if total is not None:
            for count in counts:
                if count["group"] in groups:
                    groups[count["group"]][total] = {"affected": count["affected"],
                                                     "at_risk": count["at_risk"]}
            return
        if term is None:
            if not counts:
                self.read.warn(where, "an event without a term or counts, not kept")
                return
            self.read.warn(where, "an event without a term, kept unnamed")
        sub_title = event.find("sub_title")
        out.append({
            "term": term or "",
            "organ_system": organ_system,
            "vocabulary": self.read.attribute(sub_title, "vocab") or vocabulary,
            "assessment": self.read.enum(event, "assessment", ASSESSMENTS, where)
            or assessment,
            "notes": self.read.text(event, "description"),
            "counts": counts,
        })


def _key(text: str | None) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", (text or "").casefold()).split())


def results(read: Reader, element: Element | None) -> dict[str, Any] | None:
    """The record's results from a <clinical_results> element; None without one."""
    if element is None:
        return None
    for child in element:
        known = not isinstance(child.tag, str) or child.tag in KNOWN
        if not known and (raw_text(child) or "").strip():
            read.warn(f"clinical_results/<{child.tag}>", "unknown element, not placed")
    reader = _Results(read)
    outcomes = [
        found
        for number_, item in enumerate(element.findall("outcome_list/outcome"), 1)
        if (found := reader.outcome(item, f"clinical_results/outcome[{number_}]")) is not None
    ]
    out = {
        "participant_flow": reader.flow(element.find("participant_flow")),
        "baseline": reader.baseline(element.find("baseline")),
        "outcome_measures": outcomes,
        "adverse_events": reader.adverse_events(element.find("reported_events")),
        "limitations": read.text(element, "limitations_and_caveats"),
        "certain_agreement": xml_agreement(read, element),
        "point_of_contact": _point_of_contact(read, element.find("point_of_contact")),
    }
    return out


def _point_of_contact(read: Reader, element: Element | None) -> dict[str, Any] | None:
    if element is None:
        return None
    contact = {
        "title": read.line(element, "name_or_title"),
        "organization": read.line(element, "organization"),
        "email": read.line(element, "email"),
        "phone": read.line(element, "phone"),
    }
    return contact if any(contact.values()) else None
