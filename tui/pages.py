"""Long tab bodies in pages: a head shown at once, then items a page at a time.

A study can list 1,148 sites or post 400 KB of adverse events; rendering all of it at once
would stall the browser. A view returns a Paged body instead: the detail pane renders its head
and first page, and says on a last line how much is left and how to see it (`m`, or scrolling
to the end, shows the next page). Nothing is cut silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

MORE_STYLE = "bold"


@dataclass(frozen=True)
class Item:
    """One entry of a paged body: built when its page is shown; weight is about its lines;
    section names the part of the body it belongs to (for the line saying what is left)."""

    build: Callable[[], RenderableType]
    weight: int = 1
    section: str = ""


@dataclass(frozen=True)
class Paged:
    """A head, then items shown `budget` weight at a time; rest(i) says what the items from
    index i are ("948 more sites")."""

    head: RenderableType
    items: Sequence[Item]
    budget: int
    rest: Callable[[int], str]

    def page_end(self, start: int) -> int:
        """Where the page starting at start ends: at least one item, about budget weight."""
        total, stop = 0, start
        while stop < len(self.items) and (stop == start or total < self.budget):
            total += max(1, self.items[stop].weight)
            stop += 1
        return stop

    def page(self, start: int, stop: int) -> RenderableType:
        """The items from start to stop, built."""
        return Group(*(item.build() for item in self.items[start:stop]))

    def more_line(self, shown: int) -> Text | None:
        """The line under the shown items when some are left, else None."""
        if shown >= len(self.items):
            return None
        return Text(f"… {self.rest(shown)}: press m for more (or scroll on).", style=MORE_STYLE)

    def whole(self) -> RenderableType:
        """The head and every item, built (for `trials show`, which prints all of it)."""
        return Group(self.head, self.page(0, len(self.items)))

    def first(self) -> tuple[RenderableType, int]:
        """The head and the first page, and how many items that shows."""
        stop = self.page_end(0)
        return Group(self.head, self.page(0, stop)), stop


class Memo:
    """A renderable rendered once per width: Textual renders a tab body to learn its height
    and again to draw it (often twice each); a long body is laid out once."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._key: tuple[object, ...] | None = None
        self._lines: list[list[Segment]] = []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.prepare(console, options)
        for line in self._lines:
            yield from line

    def prepare(self, console: Console, options: ConsoleOptions) -> None:
        """Lay the renderable out for these options, unless it is already (a worker may lay
        a body out before the pane shows it: the same options then find it done)."""
        key = (options.max_width, options.justify, options.overflow, options.no_wrap,
               options.highlight, options.markup)
        if key != self._key:
            self._lines = console.render_lines(
                self.renderable, options.update(height=None), pad=False, new_lines=True)
            self._key = key

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


def sections_of(items: Sequence[Item]) -> list[str]:
    """The sections of items, each once, in order."""
    sections: list[str] = []
    for item in items:
        if item.section and item.section not in sections:
            sections.append(item.section)
    return sections


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 site", "1,148 sites"."""
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"
