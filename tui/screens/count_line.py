"""The count line above the list: "281,871 of 600,000 trials  matching heart failure", its
filters and sort, and how much of a long list is listed, fitted to its width."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text


class CountLine(NamedTuple):
    """The parts of the count line: "281,871 of 600,000 trials", "  matching heart failure",
    the filters and sort, and the note of a list listed in part, in a long and a short form."""

    counted: Text  # (not "count": a tuple has a method of that name)
    query: Text
    rest: Text
    note: Text
    short_note: Text
    #: The filters in a word ("[2 filters]") and the sort, for a narrow line.
    short_rest: Text = Text("")

    def fitted(self, width: int, *, searching: bool = False) -> Text:
        """The most complete line that fits in width cells: the short note, then no query
        (the search box shows it), then the filters counted (the sort kept), then cut with "…"
        (width 0: not laid out yet)."""
        tail = Text("  searching…", style="italic") if searching else Text("")
        count, query, rest, note, short, short_rest = self
        lines = [Text.assemble(count, query, rest, note, tail),
                 Text.assemble(count, query, rest, short, tail),
                 Text.assemble(count, rest, note, tail),
                 Text.assemble(count, rest, short, tail)]
        if short_rest.plain:
            lines.append(Text.assemble(count, short_rest, short, tail))
        if width <= 0:
            return lines[0]
        line = next((line for line in lines if line.cell_len <= width), lines[-1])
        line.truncate(width, overflow="ellipsis")
        return line
