"""A comparison as Markdown: its summary, a table of the compared fields (the rows of
``compare_view.field_rows``: fields, countries, recruiting sites, MeSH terms), a table per
criteria section and per kind of outcome with the items aligned across trials, and the
headline results side by side (store.compare). Trial text is escaped (markdown_text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from store.compare import (
    MIN_TRIALS,
    OUTCOME_KINDS,
    SECTIONS,
    Comparison,
    Row,
    compare,
    criterion_text,
)

from .compare_text import outcome_cell, unstated_kind_lines
from .compare_view import DIFFERS_MARK, criteria_notes, field_rows, row_mark
from .export_comparison_data import arms_text
from .markdown_text import md_cell, md_text, table_lines
from .result_text import headline_lines

Record = dict[str, Any]


def comparison_table(
    records: list[Record], comparison: Comparison | None = None, *,
    differences_only: bool = False,
) -> list[str]:
    """The compared fields as a Markdown table; differing rows marked with ≠."""
    header = ["Field", *(md_text(record["id"]) for record in records)]
    rows = []
    for label, values, differs in field_rows(records, comparison):
        if differences_only and not differs:
            continue
        name = f"{DIFFERS_MARK} **{label}**" if differs else label
        rows.append([name, *(md_cell(v) for v in values)])
    return table_lines(header, rows)


def _criterion_cell(cell: Any) -> str:
    """An aligned criterion in a table cell: its text, then its children after "·"."""
    if cell is None:
        return "—"
    lines = criterion_text(cell).split("\n")
    return " · ".join(md_text(line.strip().removeprefix("- ")) for line in lines)


def _outcome_cell(cell: Any) -> str:
    """An aligned outcome in a table cell: its measure, its time frame after "·"."""
    if cell is None:
        return "—"
    return " · ".join(md_text(line) for line in outcome_cell(cell).split("\n"))


def _aligned_table(
    records: list[Record], title: str, rows: list[Row], cell: Callable[[Any], str],
    differences_only: bool,
) -> list[str]:
    lines = [f"## {title}", ""]
    shown = [
        [row_mark(row).plain, *(cell(item) for item in row.cells)]
        for row in rows
        if not (differences_only and row.kind == "same")
    ]
    header = ["", *(md_text(record["id"]) for record in records)]
    return [*lines, *(table_lines(header, shown) if shown else ["None stated."]), ""]


def criteria_tables(
    records: list[Record], comparison: Comparison, *, differences_only: bool = False
) -> list[str]:
    """The aligned criteria of each section as a Markdown table (= ≈ N only in the first
    column, as on screen), then the section's notes, which are not aligned, in italics."""
    lines: list[str] = []
    for section in SECTIONS:
        lines += _aligned_table(records, f"{section.capitalize()} criteria",
                                comparison.criteria[section], _criterion_cell, differences_only)
        notes = criteria_notes(records, comparison.notes.get(section)
                               or [[] for _ in records])
        lines += [*(f"*{md_text(note)}*" for note in notes), ""] if notes else []
    return lines


def outcome_tables(
    records: list[Record], comparison: Comparison, *, differences_only: bool = False
) -> list[str]:
    """The aligned primary and secondary outcomes, a Markdown table each."""
    lines: list[str] = []
    for kind in OUTCOME_KINDS:
        lines += _aligned_table(records, f"{kind.capitalize()} outcomes",
                                comparison.outcomes.get(kind, []), _outcome_cell,
                                differences_only)
    for line in unstated_kind_lines(records):
        lines += [md_text(line), ""]
    return lines


def results_table(records: list[Record], comparison: Comparison) -> list[str]:
    """Each trial's headline result in its column (lines joined with <br>)."""
    header = ["", *(md_text(record["id"]) for record in records)]
    cells = [md_cell("\n".join(headline_lines(result))) for result in comparison.results]
    return ["## Results", "", *table_lines(header, [["Headline", *cells]]), ""]


def arms_table(records: list[Record]) -> list[str]:
    """Each trial's arms in its column, as the compare screen lists them (label and type,
    description, interventions after "→"); nothing when no trial lists any."""
    cells = [arms_text(record) for record in records]
    if not any(cells):
        return []
    header = ["", *(md_text(record["id"]) for record in records)]
    return ["## Arms", "", *table_lines(header, [["Arms", *(md_cell(c) for c in cells)]]), ""]


def write_comparison_markdown(
    records: list[Record], out: TextIO, comparison: Comparison | None = None, *,
    differences_only: bool = False,
) -> int:
    """Write a comparison: the summary, the fields side by side, the headline results, the
    criteria and the outcomes aligned across trials (as the compare screen orders them);
    returns the number of trials."""
    if len(records) < MIN_TRIALS:
        out.write("# Comparison\n\nA comparison needs at least two trials.\n")
        return len(records)
    comparison = comparison or compare(records)
    lines = [f"# Comparison of {len(records)} trials", ""]
    lines += [md_text(comparison.summary), ""]
    lines += [f"{DIFFERS_MARK} marks the fields whose values differ. In the criteria and "
              "outcomes tables, = marks one every trial states, ≈ N a similar one (N: "
              "similarity out of 100), only one that a single trial states.", ""]
    lines += [*comparison_table(records, comparison, differences_only=differences_only), ""]
    lines += results_table(records, comparison)
    lines += arms_table(records)
    lines += criteria_tables(records, comparison, differences_only=differences_only)
    lines += outcome_tables(records, comparison, differences_only=differences_only)
    lines += ["## Titles", ""]
    lines += [f"- **{md_text(record['id'])}:** {md_text(record['title'])}" for record in records]
    out.write("\n".join(lines) + "\n")
    return len(records)
