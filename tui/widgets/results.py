"""A virtual results table: only the visible rows are rendered, so 100,000 trials paint at once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .. import format as fmt
from ..report_view import Marker, plain
from .keys import FollowFocus

RowLookup = Callable[[str], "dict[str, Any] | None"]


@dataclass(frozen=True)
class Column:
    """A column: header, minimum width, and whether it takes a share of spare width."""

    key: str
    header: str
    width: int
    flex: int = 0
    priority: int = 0  # columns with a higher number are dropped first when space runs out


COLUMNS = (
    Column("mark", "", 2),
    Column("id", "ID", 16),
    Column("title", "Title", 20, flex=3),
    Column("status", "Status", 11, priority=1),
    Column("phase", "Phase", 9, priority=2),
    Column("conditions", "Conditions", 14, flex=2, priority=4),
    Column("enrollment", "Enrolled", 8, priority=3),
)
MARK = "●"
MARKED = {"title", "conditions"}  # columns where search matches are highlighted


def layout(width: int) -> list[tuple[Column, int]]:
    """The columns that fit in width, with their widths (one space between columns)."""
    columns = list(COLUMNS)
    while True:
        fixed = sum(c.width for c in columns) + len(columns) - 1
        if fixed <= width or len(columns) <= 3:
            break
        columns.remove(max(columns, key=lambda c: c.priority))
    spare = max(0, width - (sum(c.width for c in columns) + len(columns) - 1))
    flex_total = sum(c.flex for c in columns) or 1
    widths = [c.width + spare * c.flex // flex_total for c in columns]
    flexible = [i for i, c in enumerate(columns) if c.flex]
    if flexible:  # give the rounding remainder to the first flexible column
        widths[flexible[0]] += width - (sum(widths) + len(columns) - 1)
    return list(zip(columns, widths, strict=True))


def _cells(record: dict[str, Any] | None, trial_id: str) -> dict[str, str]:
    if record is None:
        return {"id": trial_id, "title": "(missing)"}
    row = dict(zip(("id", "title", "status", "phase", "conditions", "enrollment"),
                   fmt.list_row(record), strict=True))
    return {key: " ".join(value.split()) for key, value in row.items()}


class ResultsTable(FollowFocus, ScrollView, can_focus=True):
    """The list of matching trials, with a cursor row and marks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "open", "Open", show=True, id="list.open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results--header", "results--cursor", "results--mark", "results--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to a trial (None when the list is empty)."""

        def __init__(self, trial_id: str | None) -> None:
            super().__init__()
            self.trial_id = trial_id

    class Opened(Message):
        """Enter on a row: open its detail."""

        def __init__(self, trial_id: str) -> None:
            super().__init__()
            self.trial_id = trial_id

    class LeftTop(Message):
        """Up on the first row: back to the search box."""

    def __init__(self, lookup: RowLookup, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lookup = lookup
        self._ids: list[str] = []
        self._marks: Collection[str] = ()
        self._cells: OrderedDict[str, dict[str, str]] = OrderedDict()
        self.empty_message = Text("No trials.")
        self.marker: Marker = plain  # styles the search's matches in the title and conditions

    # --- data --------------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        """The ids shown, in order."""
        return self._ids

    @property
    def current_id(self) -> str | None:
        """The id under the cursor."""
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def set_rows(self, ids: list[str], keep: str | None = None) -> None:
        """Show these ids, the cursor on the first row (or on `keep` when it is there)."""
        self._ids = ids
        self._cells.clear()
        self.virtual_size = Size(self.size.width, len(ids) + 1)
        position = ids.index(keep) if keep in ids else 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = position
        self.refresh()

    def set_marks(self, marks: Collection[str]) -> None:
        """The ids marked for compare."""
        self._marks = marks
        self.refresh()

    def _row_cells(self, trial_id: str) -> dict[str, str]:
        cells = self._cells.get(trial_id)
        if cells is None:
            cells = _cells(self._lookup(trial_id), trial_id)
            self._cells[trial_id] = cells
            if len(self._cells) > 512:
                self._cells.popitem(last=False)
        else:
            self._cells.move_to_end(trial_id)
        return cells

    # --- cursor ------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1)) if self._ids else 0

    def watch_cursor(self, old: int, new: int) -> None:
        top = round(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + self._page:
            self.scroll_to(y=new - self._page + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self.current_id))

    def action_cursor_up(self) -> None:
        if self.cursor == 0:
            self.post_message(self.LeftTop())
        else:
            self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page

    def action_page_down(self) -> None:
        self.cursor += self._page

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._ids) - 1

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self._ids):
            self.cursor = row
            if event.chain == 2:
                self.action_open()

    # --- rendering ---------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._ids) + 1)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = Text(" ".join(
                c.header.ljust(w)[:w] for c, w in layout(width)
            ), style=self.get_component_rich_style("results--header"))
            return self._strip(header, width, base)
        if not self._ids:
            if y == 2:
                message = self.empty_message.copy()
                message.stylize(self.get_component_rich_style("results--empty"))
                return self._strip(message, width, base)
            return Strip.blank(width, base)
        row = round(self.scroll_offset.y) + y - 1
        if row >= len(self._ids):
            return Strip.blank(width, base)
        trial_id = self._ids[row]
        cells = self._row_cells(trial_id)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, (column, column_width) in enumerate(layout(width)):
            if index:
                line.append(" ")
            if column.key == "mark":
                value = MARK if trial_id in self._marks else ""
                line.append(value.ljust(column_width),
                            self.get_component_rich_style("results--mark"))
                continue
            value = cells.get(column.key, "")
            cell = self.marker(value) if column.key in MARKED else Text(value)
            cell.no_wrap, cell.overflow = True, "ellipsis"
            cell.truncate(column_width, overflow="ellipsis", pad=True)
            line.append_text(cell)
        if row == self.cursor:
            line.stylize(self.get_component_rich_style("results--cursor"))
        return self._strip(line, width, base)

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [Segment(s.text, base + s.style if s.style else base)
                    for s in text.render(self.app.console) if s.text != "\n"]
        return Strip(segments, width).crop(0, width)
