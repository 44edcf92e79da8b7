"""A virtual results table: only the visible rows are rendered, so 100,000 trials paint at once."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import ClassVar

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

from ..report_view import Marker, plain
from .keys import FollowFocus
from .result_rows import ID_WIDTH, PENDING_TITLE, RowCache, RowCells, layout

MARK = "●"  # marked for compare
WATCHED = "★"  # a watched trial
#: A trial of the saved search shown, new or changed since the search was last looked at.
UNSEEN = {"new": "N", "changed": "C"}
MARKED = {"title", "conditions"}  # columns where search matches are highlighted


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
        "results--watched", "results--new", "results--changed",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to a trial (None when the list is empty); listed: the cursor is
        on the first row of a new list (set_rows), not moved by a key."""

        def __init__(self, trial_id: str | None, listed: bool = False) -> None:
            super().__init__()
            self.trial_id = trial_id
            self.listed = listed

    class Opened(Message):
        """Enter on a row: open its detail."""

        def __init__(self, trial_id: str) -> None:
            super().__init__()
            self.trial_id = trial_id

    class LeftTop(Message):
        """Up on the first row: back to the search box."""

    class WantsMore(Message):
        """The cursor nears the last row listed of a list that is not complete: list more
        (everything: `end` was pressed)."""

        def __init__(self, everything: bool) -> None:
            super().__init__()
            self.everything = everything

    class WantsRows(Message):
        """Rows on screen whose cells are not read yet: read them off the UI thread and give
        them to add_rows (they show their id and an ellipsis meanwhile)."""

        def __init__(self, ids: list[str]) -> None:
            super().__init__()
            self.ids = ids

    class _Replay(Message):
        """The rows the held keys were waiting for are shown: handle those keys now."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = RowCache()
        self._asking = False  # a WantsRows is about to be posted
        self._listing = False  # set_rows is placing the cursor on a new list
        self._ids: list[str] = []
        self._marks: Collection[str] = ()
        self._watched: Collection[str] = ()
        self._unseen: Mapping[str, str] = {}  # id → "new" or "changed"
        self.empty_message = Text("No trials.")
        self._empty_wrapped: tuple[int, Text, Style, list[Text]] | None = None  # for a width
        self.marker: Marker = plain  # styles the search's matches in the title and conditions
        self._id_width = ID_WIDTH[1]
        self.dated = False  # the list is sorted by start date: its column is listed
        self.complete = True  # False while only the first rows of a search are shown
        self._to_last = False  # `end` pressed while the list was not complete
        self._asked_more = False  # WantsMore posted, its rows not listed yet
        self._holding = False
        self._held: list[tuple[str, str | None]] = []  # keys typed ahead of the rows, in order

    # --- data --------------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        """The ids shown, in order."""
        return self._ids

    @property
    def current_id(self) -> str | None:
        """The id under the cursor."""
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def set_rows(self, ids: list[str], keep: str | None = None, complete: bool = True) -> None:
        """Show these ids, the cursor on the first row (or on `keep` when it is there).

        complete False: these are the first rows of a search still counting the rest, which
        extend_rows adds.
        """
        self._set_ids(ids, complete)
        self._asked_more = False
        position = ids.index(keep) if keep in ids else 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self._to_last = False
        self._listing = True
        self.cursor = position
        self._listing = False
        self.refresh()

    def extend_rows(self, ids: list[str], complete: bool = True) -> None:
        """More rows of the search whose first rows are shown (complete: every match): the
        cursor stays where it is (on the last row when `end` was pressed before the rest
        arrived)."""
        if ids[: len(self._ids)] != self._ids:  # not an extension after all: keep the trial
            self.set_rows(ids, keep=self.current_id, complete=complete)
            return
        self._set_ids(ids, complete=complete)
        self._asked_more = False
        if self._to_last:
            self.action_last()
        self.refresh()

    def _set_ids(self, ids: list[str], complete: bool) -> None:
        self._ids = ids
        self.complete = complete
        self._id_width = max(ID_WIDTH[0], min(ID_WIDTH[1], max(map(len, ids), default=0)))
        self.virtual_size = Size(self.size.width, len(ids) + 1)

    def set_marks(self, marks: Collection[str]) -> None:
        """The ids marked for compare."""
        self._marks = marks
        self.refresh()

    def set_flags(self, unseen: Mapping[str, str], watched: Collection[str]) -> None:
        """The trials new or changed since the saved search shown was last looked at (id →
        "new" or "changed"), and the watched trials."""
        self._unseen, self._watched = unseen, watched
        self.refresh()

    def flags(self, trial_id: str) -> str:
        """The mark column of a trial, as shown: "●★N", " ★ ", "   "."""
        return (MARK if trial_id in self._marks else " ") + \
            (WATCHED if trial_id in self._watched else " ") + \
            UNSEEN.get(self._unseen.get(trial_id, ""), " ")

    def add_rows(self, rows: Mapping[str, RowCells]) -> None:
        """The cells of rows, read off the UI thread (row_cells of each)."""
        self._rows.add(rows)
        self.refresh()

    def forget_rows(self) -> None:
        """The store was reloaded: every row is read again when shown."""
        self._rows.clear()
        self.refresh()

    def _row_cells(self, trial_id: str) -> RowCells:
        cells = self._rows.get(trial_id)
        if cells is None:  # asked for once the lines are drawn
            if not self._asking:
                self._asking = True
                self.call_later(self._ask_rows)
            return {"id": trial_id, "title": PENDING_TITLE}
        return cells

    def _ask_rows(self) -> None:
        self._asking = False
        missing = self._rows.take_missing()
        if missing:
            self.post_message(self.WantsRows(missing))

    # --- keys typed ahead of a search --------------------------------------------------

    @property
    def holding(self) -> bool:
        """Whether keys wait for the rows of a search still running."""
        return self._holding

    def hold_keys(self) -> None:
        """Keep the keys that reach the list until release_keys: the rows they are meant for
        (a search's results) are not shown yet."""
        self._holding = True

    def release_keys(self) -> None:
        """The rows are shown: the held keys act now, in the order they were typed."""
        self._holding = False
        if self._held:
            self.post_message(self._Replay())

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if (self._holding or self._held) and (focused is None or focused is self):
            event.stop()
            event.prevent_default()
            self._held.append((event.key, event.character))
            return
        await super()._on_key(event)

    async def _on_results_table__replay(self, message: _Replay) -> None:
        message.stop()
        # A held key may start another search (a sort): the keys after it wait again.
        while self._held and not self._holding:
            key, character = self._held.pop(0)
            await super()._on_key(events.Key(key, character))

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
        self.post_message(self.Highlighted(self.current_id, listed=self._listing))
        if not self.complete and new >= len(self._ids) - 2 * self._page:
            self._want_more(everything=False)

    def _want_more(self, everything: bool) -> None:
        if everything or not self._asked_more:
            self._asked_more = True
            self.post_message(self.WantsMore(everything))

    def _move(self, row: int) -> None:
        self._to_last = False
        self.cursor = row

    def action_cursor_up(self) -> None:
        if self.cursor == 0:
            self.post_message(self.LeftTop())
        else:
            self._move(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_page_up(self) -> None:
        self._move(self.cursor - self._page)

    def action_page_down(self) -> None:
        self._move(self.cursor + self._page)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._ids) - 1)
        self._to_last = not self.complete
        if self._to_last:
            self._want_more(everything=True)

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self._ids):
            self._move(row)
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
                c.header.ljust(w)[:w] for c, w in layout(width, self._id_width, self.dated)
            ), style=self.get_component_rich_style("results--header"))
            return self._strip(header, width, base)
        if not self._ids:
            lines = self._empty_lines(width)
            if 0 <= y - 2 < len(lines):
                return self._strip(lines[y - 2], width, base)
            return Strip.blank(width, base)
        row = round(self.scroll_offset.y) + y - 1
        if row >= len(self._ids):
            return Strip.blank(width, base)
        trial_id = self._ids[row]
        cells = self._row_cells(trial_id)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, (column, column_width) in enumerate(layout(width, self._id_width, self.dated)):
            if index:
                line.append(" ")
            if column.key == "mark":
                line.append_text(self._mark_cell(trial_id, column_width))
                continue
            value = cells.get(column.key, "")
            cell = self.marker(value) if column.key in MARKED else Text(value)
            cell.no_wrap, cell.overflow = True, "ellipsis"
            cell.truncate(column_width, overflow="ellipsis", pad=True)
            line.append_text(cell)
        if row == self.cursor:
            line.stylize(self.get_component_rich_style("results--cursor"))
        return self._strip(line, width, base)

    def _mark_cell(self, trial_id: str, width: int) -> Text:
        flags = self.flags(trial_id)
        kind = self._unseen.get(trial_id, "changed")
        styles = ("results--mark", "results--watched", f"results--{kind}")
        cell = Text()
        for flag, style in zip(flags, styles, strict=True):
            cell.append(flag, self.get_component_rich_style(style) if flag != " " else "")
        cell.truncate(width, pad=True)
        return cell

    def _empty_lines(self, width: int) -> list[Text]:
        """The message of an empty list wrapped to the width, its lines indented as its first
        (a long message is read whole, not cut at the edge); wrapped once for all its lines."""
        style = self.get_component_rich_style("results--empty")
        kept = self._empty_wrapped
        if (kept is None or kept[1] is not self.empty_message
                or (kept[0], kept[2]) != (width, style)):
            message = self.empty_message.copy()
            message.stylize(style)
            indent = len(message.plain) - len(message.plain.lstrip(" "))
            lines = message[indent:].wrap(self.app.console, max(width - indent, 10))
            kept = (width, self.empty_message, style,
                    [Text.assemble(" " * indent, line) for line in lines])
            self._empty_wrapped = kept
        return [line.copy() for line in kept[3]]  # (_strip pads what it is given)

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [Segment(s.text, base + s.style if s.style else base)
                    for s in text.render(self.app.console) if s.text != "\n"]
        return Strip(segments, width).crop(0, width)
