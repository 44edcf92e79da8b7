"""A text whose long lines wrap under their own indentation (and two cells more), so that a
wrapped line of indented JSON or XML stays inside its block in the Source tab."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

#: Cells a wrapped line's continuation goes in beyond the line's own indentation.
HANG = 2
#: A line indented more than this share of the width wraps at the left margin instead.
MOST_INDENT = 0.5


class Hanging:
    """text, each line wrapped at the width, its continuations indented as the line is."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        for line in self.text.split("\n"):
            yield from hang(line, width, console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


def hang(line: Text, width: int, console: Console) -> list[Text]:
    """One line of text as the lines it takes at width cells."""
    if line.cell_len <= width:
        return [line]
    plain = line.plain
    indent = len(plain) - len(plain.lstrip(" "))
    prefix = indent + HANG if indent + HANG <= width * MOST_INDENT else 0
    first = line.wrap(console, width, overflow="fold")[0]
    start = len(first.plain)
    first.rstrip()
    lines = [first]
    while start < len(plain) and plain[start] == " ":
        start += 1
    rest = line[start:]
    if not rest.plain:
        return lines
    for part in rest.wrap(console, max(1, width - prefix), overflow="fold"):
        lines.append(Text(" " * prefix).append_text(part))
    return lines
