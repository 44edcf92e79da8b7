"""A table for results: a label column, then one column of values per group, and title rows
across its whole width (a measure's name over its categories).

Rich tables have no spans, so each run of rows between titles is drawn as a table of the
same column widths, the titles between them. The widths are shared out here rather than by
Rich: Rich narrows the widest column first, which in a detail pane of 50 columns leaves the
labels ("Completed week 52 without starting SFE") a word wide while the groups keep theirs;
here the labels keep close to half the width and the group columns wrap their titles.

A table of more than TOGETHER groups that the width cannot hold, each group keeping its
values' longest word, its longest value (up to WHOLE_VALUE cells) and its title's (up to
HEADER_WORD cells), is drawn in parts of as many groups as fit, each headed "Groups 1–5 of 20":
every value is shown, no title squeezed to a syllable a line (20 groups in a pane of 50 cells).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from .report_view import Marker, plain

LABEL_SHARE = 0.45  # of the width, kept for the labels when the values must wrap
CHROME = 3  # cells per value column taken by its separator and padding
MIN_LABEL = 12  # cells the labels keep before the values fold their words
MIN_VALUE = 6  # cells a value column keeps before the groups are drawn in parts
PART_LABEL = 0.3  # of the width, the most the labels keep when the groups are in parts
HEADER_WORD = 10  # cells of a group title's longest word a column must keep
TOGETHER = 4  # value columns always drawn together (the widths then fold their titles)
WHOLE_VALUE = 16  # cells of a value ("12 / 150 (8.0%)") a column keeps whole, if it can


class Measures(NamedTuple):
    """Per column (0: the labels), in cells: low and high over the header and the values,
    floor over the values alone (their longest word), title over the header alone (its
    longest word), whole over the values alone (the longest value)."""

    low: list[int]
    high: list[int]
    floor: list[int]
    title: list[int]
    whole: list[int]


class SpanTable:
    """Rows of a label and a cell per column, and title rows across the table."""

    def __init__(self, first: Text | str, columns: list[str], mark: Marker = plain, *,
                 noun: tuple[str, str] = ("Group", "Groups"), keep: int = 0) -> None:
        """noun: what a value column is, for the heading of a part ("Groups 1–5 of 20");
        keep: how many leading value columns every part repeats ("Analysed")."""
        self.first = first if isinstance(first, Text) else Text(first)
        self.columns = [mark(column) for column in columns]
        self.rows: list[Text | tuple[RenderableType, ...]] = []
        self.noun = noun
        self.keep = keep

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

    def measures(self, console: Console, options: ConsoleOptions) -> Measures:
        """Each column's narrowest and widest (the header included), its values' narrowest
        (their words: never folded) and its header's narrowest; column 0 is the labels'."""
        count = 1 + len(self.columns)
        measures = Measures(*([0] * count for _ in Measures._fields))
        rows: list[tuple[RenderableType, ...]] = [(self.first, *self.columns)]
        rows += [row for row in self.rows if isinstance(row, tuple)]
        for number, row in enumerate(rows):
            for index, cell in enumerate(row[:count]):
                measured = Measurement.get(console, options, cell)
                measures.low[index] = max(measures.low[index], measured.minimum)
                measures.high[index] = max(measures.high[index], measured.maximum)
                kept = measures.floor if number else measures.title
                kept[index] = max(kept[index], measured.minimum)
                if number:
                    measures.whole[index] = max(measures.whole[index], measured.maximum)
        return measures

    def widths(self, console: Console, options: ConsoleOptions,
               measures: Measures | None = None) -> list[int]:
        """Each column's width (without padding) at options.max_width."""
        low, high, floor, _, whole = measures or self.measures(console, options)
        return share(options.max_width - CHROME * len(self.columns), low, high, floor, whole)

    def part(self, start: int, end: int) -> SpanTable:
        """The table with only the value columns start to end (the labels and titles all),
        after the columns every part keeps."""
        keep = self.keep
        part = SpanTable(self.first, [])
        part.columns = self.columns[:keep] + self.columns[start:end]
        part.rows = [row if not isinstance(row, tuple)
                     else (row[0], *row[1:1 + keep], *row[1 + start:1 + end])
                     for row in self.rows]
        return part

    def parts(self, width: int, measures: Measures) -> list[tuple[int, int]]:
        """The value columns drawn together: all of them when each keeps its values' longest
        word, its longest value up to WHOLE_VALUE cells and its title's longest word up to
        HEADER_WORD cells (MIN_VALUE cells at least) beside a label of PART_LABEL of the
        width; else runs of as many as do, one at least."""
        lows = [max(MIN_VALUE, min(title, HEADER_WORD), floor, min(whole, WHOLE_VALUE))
                for title, floor, whole in zip(measures.title[1:], measures.floor[1:],
                                               measures.whole[1:], strict=True)]
        label = min(measures.high[0], max(MIN_LABEL, int(width * PART_LABEL)))
        label += sum(low + CHROME for low in lows[:self.keep])  # the columns each part keeps
        found: list[tuple[int, int]] = []
        start, used = self.keep, label
        for index in range(self.keep, len(lows)):
            if index > start and used + lows[index] + CHROME > width:
                found.append((start, index))
                start, used = index, label
            used += lows[index] + CHROME
        found.append((start, len(lows)))
        return found

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        measures = self.measures(console, options)
        parts = (self.parts(options.max_width, measures) if len(self.columns) > TOGETHER
                 else [(0, len(self.columns))])
        if len(parts) > 1:
            count = len(self.columns) - self.keep
            one, many = self.noun
            for start, end in parts:
                first, last = start + 1 - self.keep, end - self.keep
                which = f"{one} {last}" if end == start + 1 else f"{many} {first}–{last}"
                yield Text(f"{which} of {count}", style="dim italic")
                yield self.part(start, end)
            return
        widths = self.widths(console, options, measures)
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


def share(room: int, low: list[int], high: list[int], floor: list[int] | None = None,
          whole: list[int] | None = None) -> list[int]:
    """Widths for a label column and value columns in room cells: everything at its widest
    when it fits; else the label keeps up to LABEL_SHARE of the room while the values share
    the rest between their narrowest (their longest word) and their widest. A value is
    kept on one line (whole: the longest value, its header folded) before any header widens,
    and the label gives up to PART_LABEL of the room for that. Values never go below their
    narrowest while the label keeps MIN_LABEL cells; below that the headers and labels fold,
    never the values' own words (floor)."""
    floor = floor or [0] * len(low)
    room = max(len(low) * 3, room)
    if sum(high) <= room:
        return list(high)
    values_low, values_high = low[1:], high[1:]
    values_whole = [min(hi, max(lo, one)) for lo, hi, one in zip(
        values_low, values_high, (whole or low)[1:], strict=True)]
    label = min(high[0], int(room * LABEL_SHARE))
    narrower = min(high[0], max(MIN_LABEL, int(room * PART_LABEL)))
    if label + sum(values_high) <= room:
        values = list(values_high)
    elif label + sum(values_whole) <= room:
        values = _spread(room - label, values_whole, values_high)
    elif narrower + sum(values_whole) <= room:
        values = list(values_whole)
    elif label + sum(values_low) <= room:
        values = _spread(room - label, values_low, values_whole)
    elif min(MIN_LABEL, high[0]) + sum(values_low) <= room:
        values = list(values_low)
    else:  # too narrow for the words: everything folds, in proportion
        total = sum(low)
        values = [max(3, least, lo * room // total)
                  for lo, least in zip(values_low, floor[1:], strict=True)]
    return [max(3, room - sum(values)), *values]


def _spread(room: int, low: list[int], high: list[int]) -> list[int]:
    """Widths from low towards high, the room beyond low shared in proportion."""
    spare, wanted = room - sum(low), sum(high) - sum(low)
    if wanted <= 0:
        return list(low)
    return [lo + (hi - lo) * spare // wanted for lo, hi in zip(low, high, strict=True)]
