"""Side-by-side comparison of 2 to 6 trials: a summary, the fields (with the countries,
recruiting sites and MeSH terms), the arms, the criteria and the outcome measures aligned
across trials, and the headline results (store.compare does the comparing; this module
draws it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from parsers import is_csv_row, left_out
from store.compare import (
    OUTCOME_KINDS,
    SECTIONS,
    Comparison,
    FieldDiff,
    Headline,
    Row,
    arms_or_groups,
    compare,
    criteria_unknown,
    criterion_text,
    field_value,
    short_summary,
)

from . import format as fmt
from .compare_text import outcome_cell, registry_rows, unstated_kind_lines
from .report_view import NOTE_STYLE
from .result_text import headline_lines

Record = dict[str, Any]

DIFFERS_MARK = "≠"
SAME_STYLE = "dim"
DIFFERS_STYLE = "bold yellow"
#: The mark of each kind of criteria row, and its style.
ROW_MARKS = {"same": ("=", ""), "similar": ("≈", "yellow"), "unique": ("only", "magenta")}
#: Each trial's column is at least this wide; the browser shows as many trials as fit.
COLUMN_WIDTH = 20
#: The field names' column takes at least this much of the width when counting the trials
#: that fit beside it...
LABEL_WIDTH = 20
#: ... and widens to this (the longest field name with its mark, "≠ Results first posted
#: date") where the trials leave room.
LABEL_MAX = 27


def _date_of(key: str, record: Record) -> str:
    return fmt.date_text(record["dates"].get(key))


def _age_of(key: str, record: Record) -> str:
    return fmt.age_text(record["eligibility"].get(key))


#: How each compared field (by record key, as store.compare names it) reads on screen.
DISPLAY: dict[str, Callable[[Record], str]] = {
    "title": lambda r: r["title"],
    "status": lambda r: fmt.enum_text(r.get("status")),
    "phases": lambda r: fmt.phases_text(r["phases"]),
    "study_type": lambda r: fmt.enum_text(r.get("study_type")),
    "conditions": lambda r: "\n".join(r["conditions"]),
    "interventions": lambda r: "\n".join(fmt.intervention_text(i) for i in r["interventions"]),
    "enrollment": lambda r: fmt.enrollment_text(r.get("enrollment")),
    "eligibility.sex": lambda r: fmt.enum_text(r["eligibility"]["sex"]),
    "eligibility.min_age": partial(_age_of, "min_age"),
    "eligibility.max_age": partial(_age_of, "max_age"),
    "eligibility.healthy_volunteers": lambda r: fmt.yes_no(r["eligibility"]["healthy_volunteers"]),
    "design.primary_purpose": lambda r: fmt.enum_text(r["design"]["primary_purpose"]),
    "design.allocation": lambda r: fmt.enum_text(r["design"]["allocation"]),
    "design.intervention_model": lambda r: fmt.enum_text(r["design"]["intervention_model"]),
    "design.masking": lambda r: fmt.enum_text(r["design"]["masking"]),
    "design.masked": lambda r: fmt.masked_text(r["design"].get("masked")),
    "group_count": lambda r: "" if (count := arms_or_groups(r)) is None else str(count),
    **{f"dates.{key}": partial(_date_of, key) for key in fmt.DATE_LABELS},
    "sponsor": lambda r: r.get("sponsor") or "",
}


def _label(diff: FieldDiff) -> str:
    return diff.label[:1].upper() + diff.label[1:]


def _shown(record: Record, key: str) -> str:
    """A field as the compare screen writes it (a field without a display rule: its value)."""
    show = DISPLAY.get(key)
    if show is not None:
        return show(record)
    value = field_value(record, key)
    return "" if value in (None, [], {}) else str(value)


def field_rows(
    records: list[Record], comparison: Comparison | None = None
) -> list[tuple[str, list[str], bool]]:
    """(label, value per trial as shown, whether the values differ) for every compared field,
    then the countries, recruiting sites and MeSH terms (compare_text.registry_rows)."""
    comparison = comparison or compare(records)
    return [
        (_label(diff), [_shown(record, diff.field) for record in records], not diff.same)
        for diff in comparison.fields
    ] + registry_rows(comparison)


def _table(records: list[Record], first: str) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column(first, no_wrap=True, style="bold", min_width=8, max_width=LABEL_MAX)
    for record in records:
        table.add_column(Text(record["id"]), ratio=1, overflow="fold", min_width=12)
    return table


def fields_table(
    records: list[Record], comparison: Comparison, *, differences_only: bool = False,
    columns: list[int] | None = None,
) -> Table:
    """One row per field; differing rows flagged with ≠ and highlighted, identical ones dimmed
    (of the trials at the positions `columns` only, all by default)."""
    columns = columns if columns is not None else list(range(len(records)))
    table = _table([records[column] for column in columns], "Field")
    for label, every, differs in field_rows(records, comparison):
        if differences_only and not differs:
            continue
        values = [every[column] for column in columns]
        style = DIFFERS_STYLE if differs else SAME_STYLE
        name = Text(f"{DIFFERS_MARK} " if differs else "  ", style=style)
        name.append(label, style=style)
        cells = [Text(value or "—", style="" if differs else SAME_STYLE) for value in values]
        table.add_row(name, *cells)
    return table


def _arms_cell(record: Record) -> RenderableType:
    if not record["arms"]:
        return Text(fmt.NOT_IN_CSV if is_csv_row(record) else fmt.NOT_IN_SOURCE
                    if left_out(record, "arms") else "no arms listed", style="dim")
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


def row_mark(row: Row) -> Text:
    """ "=" for a criterion every trial shares, "≈ 78" for a partial match, "only" for one
    that a single trial states."""
    mark, style = ROW_MARKS[row.kind]
    if row.kind == "similar":
        mark = f"{mark} {row.score:.0f}"
    return Text(mark, style=style)


def outcomes_unknown(record: Record) -> bool:
    """A row of the site's CSV download without outcome measures (a download may leave their
    columns out); one with some states all it has."""
    outcomes = record.get("outcomes") or {}
    return is_csv_row(record) and not any(outcomes.get(kind) for kind in OUTCOME_KINDS)


def _aligned_cell(cell: Any, row: Row, text: Callable[[Any], str], unknown: bool) -> Text:
    if cell is None:
        return Text("not in CSV" if unknown else "—", style="dim")
    return Text(text(cell), style="magenta" if row.kind == "unique" else "")


def aligned_table(
    records: list[Record], rows: list[Row], title: str, *,
    what: tuple[str, str] = ("criteria", "criterion"),
    text: Callable[[Any], str] = criterion_text, differences_only: bool = False,
    unknown: Callable[[Record], bool] = criteria_unknown,
) -> RenderableType:
    """Aligned items (criteria of a section, outcome measures of a kind): one row per item
    shared, similar or unique; what names the items (plural, singular) in the notes ("no
    criteria stated", "every criterion is shared"); unknown(record): the record's source
    does not carry such items (a CSV row)."""
    shown = [row for row in rows if not (differences_only and row.kind == "same")]
    if not shown:
        plural, singular = what
        note = f"no {plural} stated" if not rows else f"every {singular} is shared"
        missing = [record["id"] for record in records if unknown(record)]
        if missing and not rows:
            note = (f"{fmt.NOT_IN_CSV} (import the studies' JSON)" if len(missing) == len(records)
                    else f"{note} ({', '.join(missing)}: {fmt.NOT_IN_CSV})")
        return Text(f"{title}: {note}", style="dim")
    table = _table(records, title)
    for row in shown:
        table.add_row(row_mark(row), *[_aligned_cell(cell, row, text, unknown(record))
                                       for cell, record in zip(row.cells, records, strict=True)])
    return table


def criteria_table(
    records: list[Record], rows: list[Row], section: str, *, differences_only: bool = False
) -> RenderableType:
    """A section's aligned criteria: one row per criterion shared, similar or unique."""
    return aligned_table(records, rows, section.capitalize(), differences_only=differences_only)


def criteria_notes(records: list[Record], notes: list[list[str]]) -> list[str]:
    """A section's notes, which are no criteria and are not aligned, one line per trial
    that has some: "NCT01: Note: Other protocol-defined inclusion criteria may apply"."""
    return [f"{record['id']}: {'; '.join(fmt.note_text(text) for text in texts)}"
            for record, texts in zip(records, notes, strict=True) if texts]


def outcomes_table(
    records: list[Record], rows: list[Row], kind: str, *, differences_only: bool = False
) -> RenderableType:
    """One kind of outcome measure aligned (each cell: the measure and its time frame)."""
    return aligned_table(records, rows, f"{kind.capitalize()} outcomes",
                         what=("outcomes", "outcome"), text=outcome_cell,
                         differences_only=differences_only, unknown=outcomes_unknown)


def results_table(records: list[Record], results: list[Headline]) -> Table:
    """Each trial's headline result: its first primary outcome measure, values per group."""
    table = _table(records, "Results")
    cells = []
    for result in results:
        lines = headline_lines(result)
        cell = Text(lines[0], style="bold" if result.status == "posted" else "dim")
        for line in lines[1:]:
            cell.append("\n" + line)
        cells.append(cell)
    table.add_row(Text("Headline"), *cells)
    return table


def summary_view(comparison: Comparison, *, differences_only: bool = False,
                 in_parts: bool = False, legend_last: bool = False) -> Group:
    """The summary paragraph and the legend of the marks (in_parts: the trials are not all
    side by side, the marks still compare all of them); legend_last: a line saying where the
    legend is instead (legend_view, after the tables, on a short screen)."""
    summary = Text("Summary: ", style="bold")
    if legend_last:  # (a short screen: the fields that differ are counted, the table marks them)
        summary.append(short_summary(comparison.fields, comparison.summary))
        return Group(summary, Text(f"{DIFFERS_MARK} differs, = shared, ≈ similar, only = one "
                                   "trial; the legend is at the end.", style="dim"))
    summary.append(comparison.summary)
    return Group(summary, legend_view(comparison, differences_only=differences_only,
                                      in_parts=in_parts))


def legend_view(comparison: Comparison, *, differences_only: bool = False,
                in_parts: bool = False) -> Text:
    """The legend of the marks (see summary_view)."""
    legend = (f"{DIFFERS_MARK} marks fields that differ; identical rows are dimmed. Criteria "
              "and outcomes: = shared by all, ≈ N a similar one (N = similarity out of 100), "
              "only = stated by one trial.")
    if in_parts:
        legend += (f" The marks compare all {len(comparison.trials)} trials, those not side by "
                   "side too.")
    if differences_only:
        legend += " Showing differences only."
    return Text(legend, style="dim")


def tables_view(
    records: list[Record], comparison: Comparison, *, differences_only: bool = False,
    shown: range | None = None,
) -> Group:
    """The fields, the headline results (near the top, where they are found), the arms, the
    aligned inclusion and exclusion criteria, and the aligned primary and secondary outcomes;
    of the trials at the positions `shown` only (all by default: whether a row differs is
    still said of all of them)."""
    columns = list(shown if shown is not None else range(len(records)))
    visible = [records[column] for column in columns]

    def cells(values: list[Any]) -> list[Any]:
        return [values[column] for column in columns]

    arms = _table(visible, "Arms")
    arms.add_row(Text(""), *[_arms_cell(record) for record in visible])
    parts: list[RenderableType] = [
        fields_table(records, comparison, differences_only=differences_only,
                     columns=columns),
        Text(), results_table(visible, cells(list(comparison.results))),
        Text(), arms,
    ]
    for section in SECTIONS:
        rows = _narrowed(comparison.criteria[section], cells)
        parts += [Text(), criteria_table(visible, rows, section,
                                         differences_only=differences_only)]
        notes = criteria_notes(visible, cells(comparison.notes.get(section)
                                              or [[] for _ in records]))
        if notes:
            parts.append(Text("\n".join(notes), style=NOTE_STYLE))
    for kind in OUTCOME_KINDS:
        rows = _narrowed(comparison.outcomes.get(kind, []), cells)
        parts += [Text(), outcomes_table(visible, rows, kind, differences_only=differences_only)]
    for line in unstated_kind_lines(visible):
        parts += [Text(), Text(line, style="dim")]
    return Group(*parts)


def _narrowed(rows: list[Row], cells: Callable[[list[Any]], list[Any]]) -> list[Row]:
    """The rows with the shown trials' cells, those with none of them left out."""
    narrowed = [dataclasses.replace(row, cells=cells(list(row.cells))) for row in rows]
    return [row for row in narrowed if any(cell is not None for cell in row.cells)]


def compare_view(
    records: list[Record],
    comparison: Comparison | None = None,
    *,
    differences_only: bool = False,
) -> Group:
    """The whole comparison: summary, fields, the headline results, arms, the aligned
    criteria and outcomes."""
    comparison = comparison or compare(records)
    return Group(
        summary_view(comparison, differences_only=differences_only),
        tables_view(records, comparison, differences_only=differences_only),
    )


def trials_fitting(width: int, count: int) -> int:
    """How many of count trials fit side by side in width columns, each at least
    COLUMN_WIDTH wide (at least one; a table's borders and padding take 3 columns a column
    and one more)."""
    return max(1, min(count, (width - LABEL_WIDTH - 4) // (COLUMN_WIDTH + 3)))
