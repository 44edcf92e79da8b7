"""The list's rows as shown: the columns that fit a width, and each trial's cells, read off
the UI thread (the search's worker reads the first screenful with the results, a worker the
rows scrolled to) and kept for the rows lately shown."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .. import format as fmt


@dataclass(frozen=True)
class Column:
    """A column: header, minimum width, whether it takes a share of spare width, and when
    it is dropped."""

    key: str
    header: str
    width: int
    flex: int = 0
    priority: int = 0  # columns with a higher number are dropped first when space runs out
    room: int = 0  # shown only while the title keeps at least this width beside it


COLUMNS = (
    Column("mark", "", 3),  # compare mark, watched, new or changed since last looked
    Column("id", "ID", 16),  # as wide as the longest id listed (11 for NCT ids)
    Column("title", "Title", 12, flex=3),  # the narrowest title; it takes the spare width
    # Status and phase are short ("Active, n…", "1/2") and tell trials apart at a glance: they
    # stay beside a narrow title. Enrollment and conditions (least important) need a title
    # that reads as one (conditions, cut to a few words, first to go).
    Column("status", "Status", 10, priority=1, room=15),
    Column("phase", "Phase", 7, priority=2, room=15),
    Column("conditions", "Conditions", 14, flex=2, priority=4, room=34),
    Column("enrollment", "Enrolled", 8, priority=3, room=34),
)
#: The start date (year and month), listed beside the phase while the list is sorted by it.
START = Column("start", "Start", 7, priority=2, room=15)
ID_WIDTH = (len("ID"), 16)  # the id column's narrowest and widest
TITLE_WIDTH = next(c.width for c in COLUMNS if c.key == "title")


@lru_cache(maxsize=64)
def layout(width: int, id_width: int = 16,
           dated: bool = False) -> tuple[tuple[Column, int], ...]:
    """The columns that fit in width (the list's own width), with their widths (one space
    between columns); dated: the start date too, after the phase (the list is sorted by it).

    A column shows only while the title keeps its room beside it: conditions, enrollment,
    phase and status are dropped in that order until the rest fits. The title takes what is
    left (conditions a share of it): never less than the largest room of the columns shown.
    """
    columns = [replace(c, width=id_width) if c.key == "id" else c for c in COLUMNS]
    if dated:
        columns.insert(next(i for i, c in enumerate(columns) if c.key == "phase") + 1, START)
    title = next(i for i, c in enumerate(columns) if c.key == "title")
    while True:
        room = max(c.room for c in columns)
        columns[title] = replace(columns[title], width=max(TITLE_WIDTH, room))
        fixed = sum(c.width for c in columns) + len(columns) - 1
        if fixed <= width or not any(c.priority for c in columns):
            break
        columns.remove(max(columns, key=lambda c: c.priority))
    spare = width - fixed
    if spare < 0:  # too narrow even for the id and the title: the title takes what is left
        widths = [c.width for c in columns]
        widths[title] = max(0, widths[title] + spare)
        return tuple(zip(columns, widths, strict=True))
    flex_total = sum(c.flex for c in columns) or 1
    widths = [c.width + spare * c.flex // flex_total for c in columns]
    # the rounding remainder goes to the title
    widths[title] += width - (sum(widths) + len(columns) - 1)
    return tuple(zip(columns, widths, strict=True))


RowCells = dict[str, str]
#: Rows whose cells are kept (several screenfuls: scrolling back shows them at once).
KEPT = 512
#: The cells of a row not read yet: its id (known from the list) and an ellipsis.
PENDING_TITLE = "…"


def row_cells(columns: Mapping[str, Any] | None, trial_id: str) -> RowCells:
    """A row's cells from the index's list columns of a trial (None: not in the store)."""
    if columns is None:
        return {"id": trial_id, "title": "(missing)"}
    _, title, _, _, conditions, enrollment = fmt.list_row(dict(columns))
    row = {
        "id": columns["id"], "title": title, "status": fmt.status_short(columns.get("status")),
        "phase": fmt.phases_short(columns.get("phases") or []), "conditions": conditions,
        "enrollment": f"{int(enrollment):,}" if enrollment.isdigit() else enrollment,
        "start": str(columns.get("start") or "")[:7],
    }
    return {key: " ".join(value.split()) for key, value in row.items()}


class RowCache:
    """The cells of the rows lately shown, and the ids asked for (by get) not given yet."""

    def __init__(self) -> None:
        self._cells: OrderedDict[str, RowCells] = OrderedDict()
        self._asked: set[str] = set()
        self._missing: list[str] = []

    def get(self, trial_id: str) -> RowCells | None:
        """A row's cells, or None (the id is then among take_missing's, once)."""
        cells = self._cells.get(trial_id)
        if cells is None:
            if trial_id not in self._asked:
                self._asked.add(trial_id)
                self._missing.append(trial_id)
            return None
        self._cells.move_to_end(trial_id)
        return cells

    def take_missing(self) -> list[str]:
        """The ids get found missing since the last call, in the order asked."""
        missing, self._missing = self._missing, []
        return missing

    def add(self, rows: Mapping[str, RowCells]) -> None:
        """Cells read; the oldest beyond KEPT are dropped (and read again when shown)."""
        for trial_id, cells in rows.items():
            self._cells[trial_id] = cells
            self._cells.move_to_end(trial_id)
            self._asked.discard(trial_id)
        while len(self._cells) > KEPT:
            self._cells.popitem(last=False)

    def clear(self) -> None:
        """Forget every row (the store was reloaded: rows may have changed)."""
        self._cells.clear()
        self._asked.clear()
        self._missing.clear()
