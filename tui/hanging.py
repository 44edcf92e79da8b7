"""Lines of text, each indented, their wrapped lines hanging further in: sites, people and
references, and the Source tab (each line of a source under its own indentation, so that a
wrapped line of indented JSON stays inside its block)."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

#: Cells a wrapped line of a source goes in beyond the line's own indentation.
HANG = 2
#: A line indented (and hanging) more than this share of the width wraps at the left margin.
MOST_INDENT = 0.5


class Hanging:
    """Lines of text, each indented, its wrapped lines hanging further in. A page of sites is
    hundreds of short lines: this renders them far faster than padded groups or grids."""

    def __init__(self, lines: list[tuple[Text, int, int]]) -> None:
        self.lines = lines  # (text, indent, hang)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        new_line = Segment.line()
        for text, indent, hang in self.lines:
            if indent + hang > width * MOST_INDENT:  # so deep in: wrap at the margin
                indent = hang = 0
            lines = list(text.wrap(console, max(8, width - indent)))
            if len(lines) > 1:  # wrap what follows the first line narrower, under it
                rest = text[len(lines[0].plain):]
                rest = rest[len(rest.plain) - len(rest.plain.lstrip()):]
                lines = [lines[0], *rest.wrap(console, max(8, width - indent - hang))]
                lines[0].rstrip()  # the space it was cut at
            for index, line in enumerate(lines):
                yield Segment(" " * (indent + (hang if index else 0)))
                yield from line.render(console)
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def source_lines(text: Text) -> Hanging:
    """A source text, each line under its own indentation, its wrapped lines HANG further."""
    lines = []
    for line in text.split("\n"):
        plain = line.plain
        indent = len(plain) - len(plain.lstrip(" "))
        lines.append((line[indent:], indent, HANG))
    return Hanging(lines)
