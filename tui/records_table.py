"""The table of trials that `trials list` and `trials search` print on a terminal.

The widths are shared out here rather than by Rich, which narrows every wrapping column
alike: at 80 columns it folded the ids ("NCT063608" / "61") and left the titles a few
letters wide. Here an id never wraps, the title gets the width and wraps at word
boundaries, and when the terminal is too narrow for every column the least needed ones
(conditions, then enrollment, phase, status, as in the browser's list) are left out and a
line under the table names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from . import format as fmt
from .report_view import Marker, plain

TITLE_LEAST, TITLE_MOST = 20, 60  # cells the title keeps before columns are left out; at most
CONDITIONS_LEAST, CONDITIONS_MOST = 12, 40
SHARES = {"Title": 3, "Conditions": 2}  # how the spare width is shared out
#: The most cells a column that wraps at spaces gets ("Active, not" / "recruiting").
NARROW = {"Status": 10, "Phase": 9}
#: Columns left out first when the width runs short (the id and the title always stay).
DROP_ORDER = ("Conditions", "Enrollment", "Phase", "Status")
MARKED = (1, 4)  # the title and the conditions, where search matches are highlighted


@dataclass
class _Column:
    name: str
    least: int  # cells it needs
    most: int  # cells it can use
    wraps: bool
    width: int = 0


def _chrome(count: int) -> int:
    """Cells a boxed table of count columns spends on rules and padding."""
    return 3 * count + 1


def _columns(cells: list[list[str]], names: list[str], least: Mapping[str, int]) -> list[_Column]:
    columns = []
    for index, name in enumerate(names):
        widest = max([cell_len(name), least.get(name, 0)] + [cell_len(row[index]) for row in cells])
        if name == "Title":
            columns.append(_Column(name, min(TITLE_LEAST, widest), min(TITLE_MOST, widest), True))
        elif name == "Conditions":
            columns.append(_Column(name, min(CONDITIONS_LEAST, widest),
                                   min(CONDITIONS_MOST, widest), True))
        elif name in NARROW:
            narrow = min(NARROW[name], widest)
            columns.append(_Column(name, narrow, narrow, True))
        else:  # the id, enrollment and score: never wrapped
            columns.append(_Column(name, widest, widest, False))
    return columns


def layout(cells: list[list[str]], names: list[str], width: int,
           least: Mapping[str, int] | None = None) -> list[_Column]:
    """The columns shown at width, each with its width: the title and the conditions share
    what the others leave, 3 cells to 2, each up to what it can use. least: cells a column
    needs at least, whatever these cells hold (the rows of a table printed in parts)."""
    columns = _columns(cells, names, least or {})
    for name in DROP_ORDER:
        if sum(c.least for c in columns) + _chrome(len(columns)) <= width:
            break
        columns = [c for c in columns if c.name != name]
    spare = width - _chrome(len(columns)) - sum(c.least for c in columns)
    for column in columns:
        column.width = column.least
    title = next(c for c in columns if c.name == "Title")
    if spare < 0:  # too narrow even for the id and the title: the title gives way
        title.width = max(1, title.width + spare)
        return columns
    growing = [c for c in columns if c.most > c.least]
    shares = sum(SHARES[c.name] for c in growing) or 1
    for column in growing:  # each its share, then what is left to whoever can use it
        column.width += min(column.most - column.width, spare * SHARES[column.name] // shares)
    for column in growing:
        left = width - _chrome(len(columns)) - sum(c.width for c in columns)
        column.width += max(0, min(column.most - column.width, left))
    return columns


def records_table(rows: list[dict[str, Any]], width: int, extra: str | None = None,
                  mark: Marker = plain) -> RenderableType:
    """The trials as a table fitted to width; extra names a last column of scores."""
    names = column_names(extra)
    cells = [row_cells(row, extra) for row in rows]
    columns = layout(cells, names, width)
    table = table_of(cells, names, columns, mark)
    note = left_out_note(names, columns, width)
    return table if note is None else Group(table, note)


def column_names(extra: str | None) -> list[str]:
    """The table's column names; extra names a last column of scores."""
    return list(fmt.LIST_COLUMNS) + ([extra] if extra else [])


def row_cells(row: dict[str, Any], extra: str | None) -> list[str]:
    """A trial's cells: its list columns, and its score when extra names a score column."""
    return fmt.list_row(row) + ([f"{row['score']:.2f}"] if extra else [])


def table_of(cells: list[list[str]], names: list[str], columns: list[_Column],
             mark: Marker = plain, *, header: bool = True) -> Table:
    """The rows of cells as a table of these columns (as layout gave them)."""
    table = Table(show_header=header, header_style="bold", expand=False)
    right = {"Enrollment", *names[len(fmt.LIST_COLUMNS):]}  # and the scores
    for column in columns:
        table.add_column(
            column.name, width=column.width, no_wrap=not column.wraps, overflow="fold",
            justify="right" if column.name in right else "left",
        )
    shown = [names.index(column.name) for column in columns]
    for row in cells:
        table.add_row(*(mark(row[i]) if i in MARKED else Text(row[i]) for i in shown))
    return table


def left_out_note(names: list[str], columns: list[_Column], width: int) -> Text | None:
    """The line under the table naming the columns left out at width, or None."""
    left_out = [name.lower() for name in names if name not in {c.name for c in columns}]
    if not left_out:
        return None
    return Text(f"Not shown at {width} columns: {', '.join(left_out)} (a wider terminal, "
                "--json or `| cat` shows every column).", style="dim")
