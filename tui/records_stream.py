"""The rows of `trials list` and `trials search` written as they come, in bounded memory:
tab-separated lines when piped, and on a terminal a table printed BATCH rows at a time.

A table of one part is laid out on its rows, as records_table lays it out. A longer one is
laid out from the terminal's width before its first part is printed: the title, conditions,
status and phase columns get the most they can use (records_table's limits), the id and score
columns the widest the caller says there is (`least`), so that the rows after the first part
fit the same columns; each part is the same table without its top edge (and header) or its
bottom edge, which is printed once, after the last part.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rich.console import Console
from rich.segment import Segment, SegmentLines

from .output import data_console, is_plain
from .records_table import (
    CONDITIONS_MOST,
    NARROW,
    TITLE_MOST,
    column_names,
    layout,
    left_out_note,
    row_cells,
    table_of,
)
from .report_view import Marker, plain
from .store_rows import batches

#: Rows of a table rendered (and held) at a time.
BATCH = 200
#: The widths a table of more than one part lays out its wrapping columns at: the most each
#: can use, whatever its first rows hold.
LONG_TABLE = {"Title": TITLE_MOST, "Conditions": CONDITIONS_MOST, **NARROW}


def print_records(rows: Iterable[dict[str, Any]], extra: str | None = None,
                  mark: Marker = plain, least: Mapping[str, int] | None = None) -> int:
    """Write the rows to stdout as they come (extra names a last column of scores); returns
    how many were written. least: cells a column needs for every row (the longest id)."""
    if is_plain(sys.stdout):
        return _print_lines(rows, extra)
    return _print_table(data_console(), rows, extra, mark, least or {})


def _print_lines(rows: Iterable[dict[str, Any]], extra: str | None) -> int:
    """A tab-separated line per trial, each cell on one line."""
    count = 0
    for row in rows:
        cells = row_cells(row, extra)
        sys.stdout.write("\t".join(" ".join(cell.split()) for cell in cells) + "\n")
        count += 1
    return count


def _print_table(console: Console, rows: Iterable[dict[str, Any]], extra: str | None,
                 mark: Marker, least: Mapping[str, int]) -> int:
    """The rows as a table fitted to the console's width, printed a part at a time."""
    parts = batches(rows, BATCH)
    first = next(parts, None)
    if first is None:
        return 0
    second = next(parts, None)
    names = column_names(extra)
    cells = [row_cells(row, extra) for row in first]
    widths = dict(least) if second is None else {**LONG_TABLE, **least}
    columns = layout(cells, names, console.width, widths)

    def lines(part: list[list[str]], header: bool) -> list[list[Segment]]:
        table = table_of(part, names, columns, mark, header=header)
        return console.render_lines(table, console.options, pad=False)

    head = lines(cells, True)
    bottom = head.pop()  # the same under every part: printed once, at the end
    console.print(SegmentLines(head, new_lines=True))
    count = len(first)
    for batch in _following(second, parts):
        part = lines([row_cells(row, extra) for row in batch], False)
        console.print(SegmentLines(part[1:-1], new_lines=True))
        count += len(batch)
    console.print(SegmentLines([bottom], new_lines=True))
    note = left_out_note(names, columns, console.width)
    if note is not None:
        console.print(note)
    return count


def _following(second: list[dict[str, Any]] | None,
               rest: Iterator[list[dict[str, Any]]]) -> Iterator[list[dict[str, Any]]]:
    """The batches after the first: second, then the rest."""
    if second is not None:
        yield second
        yield from rest
