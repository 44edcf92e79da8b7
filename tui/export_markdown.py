"""A readable Markdown report of trials: a section per trial with its key fields, the
registry's annotations, its documents and the participant data and documents it shares,
summary, arms, eligibility (criteria as nested numbered lists), outcomes, sites and results.
Trial text is escaped as Markdown data (markdown_text)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO

from parsers import count_criteria

from . import format as fmt
from .annotations_view import annotations_markdown
from .available_ipd_view import available_ipd_markdown
from .markdown_criteria import criteria_markdown
from .markdown_registry import outcomes_section, results_section, sites_section
from .markdown_text import md_block, md_text
from .report_view import criteria_unknown, design_fields, eligibility_fields, overview_fields

Record = dict[str, Any]


def fields_list(rows: list[tuple[str, str]]) -> list[str]:
    """ "- **Label:** value" lines for the stated values."""
    return [f"- **{label}:** {md_text(value)}" for label, value in rows if value]


def _arms_section(record: Record, level: str) -> list[str]:
    lines = [f"{level} Arms ({len(record['arms'])})", ""]
    for arm in record["arms"]:
        line = f"- **{md_text(arm['label'])}**"
        if arm.get("type"):
            line += f" ({fmt.enum_text(arm['type'])})"
        if arm.get("description"):
            line += f": {md_text(arm['description'])}"
        lines.append(line)
        lines += [f"  - {md_text(name)}" for name in arm["interventions"]]
    unknown = fmt.unknown_section(record, "arms")
    if not record["arms"]:
        lines.append(unknown or "No arms listed.")
    lines += ["", f"{level} Interventions ({len(record['interventions'])})", ""]
    for intervention in record["interventions"]:
        line = f"- {md_text(fmt.intervention_text(intervention))}"
        others = [name for name in intervention.get("other_names") or () if name]
        if others:
            line += f" (other names: {md_text('; '.join(others))})"
        if intervention.get("description"):
            line += f": {md_text(intervention['description'])}"
        lines.append(line)
    if not record["interventions"]:
        lines.append(unknown or "No interventions listed.")
    return [*lines, ""]


def _criteria_section(record: Record, level: str) -> list[str]:
    eligibility = record["eligibility"]
    lines = [f"{level} Eligibility", ""]
    lines += fields_list(eligibility_fields(record))
    for title, key in (("Inclusion criteria", "inclusion"), ("Exclusion criteria", "exclusion")):
        criteria = eligibility[key]
        counted = fmt.criteria_count(criteria, count_criteria(criteria))
        uncounted = not criteria and criteria_unknown(record)  # unknown: no count
        lines += ["", f"{level} {title}" + ("" if uncounted else f" ({counted})"), ""]
        lines += criteria_markdown(criteria) or [
            fmt.unknown_section(record, "criteria")
            or fmt.unknown_section(record, "eligibility") or "None stated."]
    return [*lines, ""]


_URL = re.compile(r"https?://[^\s<>]+")


def _link(url: str | None) -> str:
    """ ": <url>" for a plain web address (an autolink), else the text escaped."""
    if not url:
        return ""
    return f": <{url}>" if _URL.fullmatch(url) else f": {md_text(url)}"


def _heading(record: Record) -> str:
    return f"## {md_text(record['id'])}: {md_text(record['title'])}"


def trial_markdown(record: Record) -> str:
    """One trial's section: heading, key fields, design, registry annotations, documents,
    available participant data and documents, summary, arms, eligibility, outcomes, sites,
    results."""
    lines = [_heading(record), ""]
    collaborators = "; ".join(record.get("collaborators") or [])
    lines += fields_list([*overview_fields(record), ("Collaborators", collaborators),
                          *design_fields(record)])
    annotations = annotations_markdown(record, "###")
    if annotations:
        lines += ["", *annotations]
    documents = record.get("documents") or []
    if documents:
        lines += ["", f"### Documents ({len(documents)})", ""]
        lines += [f"- {md_text(fmt.document_text(document))}{_link(document.get('url'))}"
                  for document in documents]
    available = available_ipd_markdown(record, "###")
    if available:
        lines += ["", *available]
    if record.get("summary"):
        lines += ["", "### Summary", "", md_block(record["summary"])]
    lines += ["", *_arms_section(record, "###"), *_criteria_section(record, "###")]
    lines += [*outcomes_section(record, "###"), *sites_section(record, "###"),
              *results_section(record, "###")]
    return "\n".join(lines)


def write_markdown(records: Iterable[Record], out: TextIO, title: str = "Trials") -> int:
    """Write a report: a title, then a section per trial; returns the number of trials."""
    out.write(f"# {md_text(title)}\n\n")
    count = 0
    for record in records:
        out.write(trial_markdown(record) + "\n")
        count += 1
    if count == 0:
        out.write("No trials.\n")
    return count
