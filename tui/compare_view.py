"""Side-by-side comparison of 2 to 4 trials: one row per field, then arms, then criteria."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from parsers import count_criteria

from . import format as fmt
from .report_view import criteria_grid

Record = dict[str, Any]

DIFFERS_MARK = "≠"
SAME_STYLE = "dim"
DIFFERS_STYLE = "bold yellow"

def _date_of(key: str, record: Record) -> str:
    return fmt.date_text(record["dates"].get(key))


FIELDS: tuple[tuple[str, Callable[[Record], str]], ...] = (
    ("Title", lambda r: r["title"]),
    ("Status", lambda r: fmt.enum_text(r.get("status"))),
    ("Phases", lambda r: fmt.phases_text(r["phases"])),
    ("Study type", lambda r: fmt.enum_text(r.get("study_type"))),
    ("Conditions", lambda r: "\n".join(r["conditions"])),
    ("Interventions", lambda r: "\n".join(fmt.intervention_text(i) for i in r["interventions"])),
    ("Enrollment", lambda r: fmt.enrollment_text(r.get("enrollment"))),
    ("Sex", lambda r: fmt.enum_text(r["eligibility"]["sex"])),
    ("Ages", lambda r: fmt.ages_text(r["eligibility"]["min_age"], r["eligibility"]["max_age"])),
    ("Healthy volunteers", lambda r: fmt.yes_no(r["eligibility"]["healthy_volunteers"])),
    ("Primary purpose", lambda r: fmt.enum_text(r["design"]["primary_purpose"])),
    ("Allocation", lambda r: fmt.enum_text(r["design"]["allocation"])),
    ("Intervention model", lambda r: fmt.enum_text(r["design"]["intervention_model"])),
    ("Masking", lambda r: fmt.enum_text(r["design"]["masking"])),
    ("Groups", lambda r: "" if r["group_count"] is None else str(r["group_count"])),
    *((label, partial(_date_of, key)) for key, label in fmt.DATE_LABELS.items()),
    ("Sponsor", lambda r: r.get("sponsor") or ""),
)


def field_rows(records: list[Record]) -> list[tuple[str, list[str], bool]]:
    """(label, value per trial, whether the values differ) for every compared field."""
    rows = []
    for label, value_of in FIELDS:
        values = [value_of(record) for record in records]
        rows.append((label, values, len({" ".join(v.casefold().split()) for v in values}) > 1))
    return rows


def differing_labels(records: list[Record]) -> list[str]:
    """The labels of the fields whose values differ."""
    return [label for label, _, differs in field_rows(records) if differs]


def _table(records: list[Record], first: str) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column(first, no_wrap=True, style="bold", min_width=12, max_width=20)
    for record in records:
        table.add_column(Text(record["id"]), ratio=1, overflow="fold")
    return table


def fields_table(records: list[Record]) -> Table:
    """One row per field; differing rows flagged with ≠ and highlighted, identical ones dimmed."""
    table = _table(records, "Field")
    for label, values, differs in field_rows(records):
        style = DIFFERS_STYLE if differs else SAME_STYLE
        name = Text(f"{DIFFERS_MARK} " if differs else "  ", style=style)
        name.append(label, style=style)
        cells = [Text(value or "—", style="" if differs else SAME_STYLE) for value in values]
        table.add_row(name, *cells)
    return table


def _arms_cell(record: Record) -> RenderableType:
    if not record["arms"]:
        return Text("no arms listed", style="dim")
    parts: list[RenderableType] = []
    for arm in record["arms"]:
        label = Text(arm["label"], style="bold")
        if arm.get("type"):
            label.append(f" ({fmt.enum_text(arm['type'])})", style="italic")
        parts.append(label)
        if arm.get("description"):
            parts.append(Text(arm["description"]))
        parts += [Text("→ " + name, style="cyan") for name in arm["interventions"]]
        parts.append(Text())
    return Group(*parts)


def _criteria_cell(record: Record, key: str) -> RenderableType:
    criteria = record["eligibility"][key]
    if not criteria:
        return Text("none stated", style="dim")
    return Group(Text(f"{count_criteria(criteria)} criteria", style="dim"), criteria_grid(criteria))


def compare_view(records: list[Record]) -> Group:
    """The whole comparison: summary line, fields, arms, inclusion and exclusion criteria."""
    differing = differing_labels(records)
    summary = Text("Differs in: ", style="bold")
    summary.append(", ".join(differing) if differing else "nothing compared")
    arms = _table(records, "Arms")
    arms.add_row(Text(""), *[_arms_cell(record) for record in records])
    criteria = _table(records, "Criteria")
    criteria.add_row(Text("Inclusion"), *[_criteria_cell(r, "inclusion") for r in records])
    criteria.add_row(Text("Exclusion"), *[_criteria_cell(r, "exclusion") for r in records])
    return Group(
        summary, Text(f"{DIFFERS_MARK} marks rows whose values differ; identical rows are dimmed.",
                      style="dim"),
        fields_table(records), Text(), arms, Text(), criteria,
    )
