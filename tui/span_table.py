"""A table for results: a label column, then one column of values per group, and title rows
across its whole width (a measure's name over its categories).

Rich tables have no spans, so each run of rows between titles is drawn as a table of the
same column widths, the titles between them. The widths are shared out here rather than by
Rich: Rich narrows the widest column first, which in a detail pane of 50 columns leaves the
labels ("Completed week 52 without starting SFE") a word wide while the groups keep theirs;
here the labels keep close to half the width and the group columns wrap their titles.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from .report_view import Marker, plain

LABEL_SHARE = 0.45  # of the width, kept for the labels when the values must wrap
CHROME = 3  # cells per value column taken by its separator and padding
MIN_LABEL = 12  # cells the labels keep before the values fold their words


class SpanTable:
    """Rows of a label and a cell per column, and title rows across the table."""

    def __init__(self, first: Text | str, columns: list[str], mark: Marker = plain) -> None:
        self.first = first if isinstance(first, Text) else Text(first)
        self.columns = [mark(column) for column in columns]
        self.rows: list[Text | tuple[RenderableType, ...]] = []

    def add_title(self, title: Text) -> None:
        self.rows.append(title)

    def add_row(self, *cells: RenderableType) -> None:
        self.rows.append(cells)

    @property
    def row_count(self) -> int:
        return sum(1 for row in self.rows if isinstance(row, tuple))

    def _table(self, header: bool, widths: list[int]) -> Table:
        table = Table(show_header=header, header_style="bold", show_edge=False,
                      pad_edge=False)
        table.add_column(self.first, overflow="fold", width=widths[0])
        for column, width in zip(self.columns, widths[1:], strict=True):
            table.add_column(column, justify="right", overflow="fold", width=width)
        return table

    def widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        """Each column's width (without padding) at options.max_width."""
        count = 1 + len(self.columns)
        low, high, floor = [0] * count, [0] * count, [0] * count
        rows: list[tuple[RenderableType, ...]] = [(self.first, *self.columns)]
        rows += [row for row in self.rows if isinstance(row, tuple)]
        for number, row in enumerate(rows):
            for index, cell in enumerate(row[:count]):
                measured = Measurement.get(console, options, cell)
                low[index] = max(low[index], measured.minimum)
                high[index] = max(high[index], measured.maximum)
                if number:  # a value, not a header: its words (numbers) are not folded
                    floor[index] = max(floor[index], measured.minimum)
        return share(options.max_width - CHROME * len(self.columns), low, high, floor)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(console, options)
        run: Table | None = self._table(True, widths)
        for row in self.rows:
            if isinstance(row, tuple):
                run = run or self._table(False, widths)
                cells = list(row) + [Text("")] * (len(widths) - len(row))
                run.add_row(*cells[:len(widths)])
                continue
            if run is not None:
                yield run
            run = None
            yield row
        if run is not None:
            yield run


def share(room: int, low: list[int], high: list[int], floor: list[int] | None = None
          ) -> list[int]:
    """Widths for a label column and value columns in room cells: everything at its widest
    when it fits; else the label keeps up to LABEL_SHARE of the room while the values share
    the rest between their narrowest (their longest word) and their widest; values never go
    below their narrowest while the label keeps MIN_LABEL cells; below that the headers and
    labels fold, never the values' own words (floor)."""
    floor = floor or [0] * len(low)
    room = max(len(low) * 3, room)
    if sum(high) <= room:
        return list(high)
    values_low, values_high = low[1:], high[1:]
    label = min(high[0], int(room * LABEL_SHARE))
    if label + sum(values_high) <= room:
        values = list(values_high)
    elif label + sum(values_low) <= room:
        spare, wanted = room - label - sum(values_low), sum(values_high) - sum(values_low)
        values = [lo + (hi - lo) * spare // wanted
                  for lo, hi in zip(values_low, values_high, strict=True)]
    elif min(MIN_LABEL, high[0]) + sum(values_low) <= room:
        values = list(values_low)
    else:  # too narrow for the words: everything folds, in proportion
        total = sum(low)
        values = [max(3, least, lo * room // total)
                  for lo, least in zip(values_low, floor[1:], strict=True)]
    return [max(3, room - sum(values)), *values]
