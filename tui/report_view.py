"""Render a trial record as readable, sectioned Rich text for `trials show`."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from parsers import count_criteria

from . import format as fmt

HEADING = "bold cyan"
LABEL = "bold"


def _field(text: Text, label: str, value: str) -> None:
    """One "Label: value" line; skipped when the value is unknown."""
    if value:
        text.append(f"  {label}: ", style=LABEL)
        text.append(value)
        text.append("\n")


def _heading(text: Text, title: str) -> None:
    text.append("\n")
    text.append(title, style=HEADING)
    text.append("\n")


def _paragraph(text: Text, body: str | None) -> None:
    for line in (body or "").split("\n"):
        text.append(f"  {line}\n" if line else "\n")


def _criteria(text: Text, title: str, criteria: list[dict[str, Any]]) -> None:
    text.append(f"  {title} ({count_criteria(criteria)})\n", style=LABEL)
    for number, line, depth in fmt.criteria_lines(criteria):
        text.append("    " + "   " * depth + f"{number}. ", style="dim")
        text.append(line + "\n")


def trial_text(record: dict[str, Any]) -> Text:
    """Every section of a record, humanised, as one Text (trial strings stay literal)."""
    text = Text()
    text.append(record["id"], style="bold yellow")
    text.append("  ")
    text.append(record["title"], style="bold")
    text.append("\n")
    eligibility, design, dates = record["eligibility"], record["design"], record["dates"]

    _heading(text, "Overview")
    _field(text, "Official title", record.get("official_title") or "")
    _field(text, "Acronym", record.get("acronym") or "")
    _field(text, "Sponsor", record.get("sponsor") or "")
    _field(text, "Status", fmt.enum_text(record.get("status")))
    _field(text, "Phase", fmt.phases_text(record["phases"]))
    _field(text, "Study type", fmt.enum_text(record.get("study_type")))
    _field(text, "Conditions", "; ".join(record["conditions"]))
    _field(text, "Keywords", "; ".join(record["keywords"]))
    _field(text, "Enrollment", fmt.enrollment_text(record.get("enrollment")))
    _field(text, "Groups", "" if record["group_count"] is None else str(record["group_count"]))
    _field(
        text, "Locations",
        "" if record["locations_count"] is None else str(record["locations_count"]),
    )
    _field(text, "NCT id", record.get("nct_id") or "")
    _field(text, "Other ids", "; ".join(record["other_ids"]))
    _field(text, "Funder types", ", ".join(fmt.enum_text(f) for f in record["funder_types"]))
    _field(text, "Results posted", fmt.yes_no(record.get("has_results")))
    for key, label in fmt.DATE_LABELS.items():
        _field(text, label, fmt.date_text(dates.get(key)))

    _heading(text, "Design")
    _field(text, "Primary purpose", fmt.enum_text(design["primary_purpose"]))
    _field(text, "Allocation", fmt.enum_text(design["allocation"]))
    _field(text, "Intervention model", fmt.enum_text(design["intervention_model"]))
    _field(text, "Masking", fmt.enum_text(design["masking"]))

    for title, key in (("Summary", "summary"), ("Description", "description")):
        if record.get(key):
            _heading(text, title)
            _paragraph(text, record[key])

    _heading(text, f"Interventions ({len(record['interventions'])})")
    for intervention in record["interventions"]:
        text.append("  • " + fmt.intervention_text(intervention) + "\n")
        if intervention.get("description"):
            _paragraph(text, "  " + intervention["description"].replace("\n", "\n  "))

    _heading(text, f"Arms ({len(record['arms'])})")
    for arm in record["arms"]:
        text.append("  " + arm["label"], style=LABEL)
        if arm.get("type"):
            text.append(f"  ({fmt.enum_text(arm['type'])})", style="dim")
        text.append("\n")
        if arm.get("description"):
            _paragraph(text, "  " + arm["description"].replace("\n", "\n  "))
        for intervention in arm["interventions"]:
            text.append("    → " + intervention + "\n")

    _heading(text, "Eligibility")
    _field(text, "Sex", fmt.enum_text(eligibility["sex"]))
    _field(text, "Ages", fmt.ages_text(eligibility["min_age"], eligibility["max_age"]))
    _field(text, "Healthy volunteers", fmt.yes_no(eligibility["healthy_volunteers"]))
    _criteria(text, "Inclusion criteria", eligibility["inclusion"])
    _criteria(text, "Exclusion criteria", eligibility["exclusion"])

    if record["warnings"]:
        _heading(text, f"Parser warnings ({len(record['warnings'])})")
        for warning in record["warnings"]:
            text.append(f"  ! {warning}\n", style="yellow")

    source = record["source"]
    _heading(text, "Source")
    _field(text, "File", source.get("path") or "")
    _field(text, "Format", source.get("format") or "")
    _field(text, "Imported", source.get("imported_at") or "")
    text.rstrip()
    return text
