"""The Outcomes tab: the primary, secondary and other outcome measures a study registered,
each with its time frame and description."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from parsers import csv_missing_column, is_csv_row, left_out, outcome_kinds_unstated

from . import format as fmt
from .report_view import LABEL, Marker, heading, indented, plain, title_line

Record = dict[str, Any]
KINDS = {"primary": "Primary outcomes", "secondary": "Secondary outcomes",
         "other": "Other outcomes"}
#: the CSV download's column of each kind
COLUMNS = {"primary": "Primary Outcome Measures", "secondary": "Secondary Outcome Measures",
           "other": "Other Outcome Measures"}


def outcome_lists(record: Record) -> dict[str, list[dict[str, Any]]]:
    """The primary, secondary and other outcomes of a record ([] for each when it has none)."""
    outcomes = record.get("outcomes")
    outcomes = outcomes if isinstance(outcomes, dict) else {}
    return {kind: [o for o in outcomes.get(kind) or () if isinstance(o, dict)] for kind in KINDS}


def outcomes_count(record: Record) -> int:
    """How many outcome measures a record registers, of every kind."""
    return sum(len(items) for items in outcome_lists(record).values())


def outcome_entry(number: int, outcome: dict[str, Any], mark: Marker = plain) -> Table:
    """ "1. Measure", then its time frame and description hanging under it."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    measure = mark(outcome.get("measure") or "Measure not stated")
    measure.stylize(LABEL)
    lines: list[RenderableType] = [measure]
    if outcome.get("time_frame"):
        frame = Text("Time frame: ", style="italic cyan")
        frame.append_text(mark(outcome["time_frame"]))
        lines.append(frame)
    if outcome.get("description"):
        lines.append(mark(outcome["description"]))
    grid.add_row(Text(f"{number}."), Group(*lines))
    return grid


#: A CSV row without outcome measures: the download may have been made without their columns.
NO_OUTCOMES_CSV = ("The site's CSV row holds no outcome measures (a download may leave their "
                   "columns out: import the study's JSON to be sure).")
#: A CSV file made without any of the outcome columns.
NO_OUTCOME_COLUMNS = ("This CSV file has no Outcome Measures columns (import the study's JSON, "
                      "or `trials fetch` it, to read its outcomes).")


def outcome_columns_missing(record: Record) -> bool:
    """Is the record a row of a CSV file made without the outcome columns (its outcomes
    unknown, not unstated)?"""
    return bool(csv_missing_column(record, "Outcome Measures")  # the classic export's one
                or all(csv_missing_column(record, column) for column in COLUMNS.values()))


def outcomes_unknown(record: Record) -> bool:
    """Are the record's outcomes unknown (not unstated): a CSV file made without their
    columns, or a partial study whose source left them out?"""
    return outcome_columns_missing(record) or left_out(record, "outcomes")


def _no_outcomes(record: Record) -> str:
    """What a record without outcome measures says of them."""
    if left_out(record, "outcomes"):
        return fmt.left_out_text("outcome measures")
    if not is_csv_row(record):
        return "The record states no outcome measures."
    return NO_OUTCOME_COLUMNS if outcome_columns_missing(record) else NO_OUTCOMES_CSV


def outcomes_view(record: Record, mark: Marker = plain, *, title: bool = True) -> Group:
    """Every outcome measure, by kind; a kind with none says so. Under the record's id and
    title unless title is False (`trials show` has them at the top)."""
    lists = outcome_lists(record)
    parts: list[RenderableType] = [title_line(record, mark)] if title else []
    if not any(lists.values()):
        if parts:
            parts.append(Text())
        parts.append(Text(_no_outcomes(record), style="dim"))
        return Group(*parts)
    if outcome_kinds_unstated(record):
        # the classic CSV's titles, of unstated kind: never shown as "Other outcomes"
        if parts:
            parts.append(Text())
        items = lists["other"]
        parts.append(heading(f"{fmt.OUTCOME_MEASURES} ({len(items)})"))
        parts.append(indented(Text(f"({fmt.KINDS_UNSTATED})", style="dim")))
        for number, outcome in enumerate(items, start=1):
            parts.append(indented(outcome_entry(number, outcome, mark)))
        return Group(*parts)
    for kind, name in KINDS.items():
        items = lists[kind]
        if not items and kind == "other":
            continue  # few studies have other outcomes: no empty section for them
        if parts:
            parts.append(Text())
        parts.append(heading(f"{name} ({len(items)})"))
        if not items:
            column = csv_missing_column(record, COLUMNS[kind])
            parts.append(indented(Text(fmt.not_in_file(column) if column else "none stated",
                                       style="dim")))
        for number, outcome in enumerate(items, start=1):
            if number > 1:
                parts.append(Text())
            parts.append(indented(outcome_entry(number, outcome, mark)))
    return Group(*parts)
