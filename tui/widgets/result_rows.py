"""The list's rows as shown: the columns that fit a width, and each trial's cells, read off
the UI thread (the search's worker reads the first screenful with the results, a worker the
rows scrolled to) and kept for the rows lately shown."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .. import format as fmt


@dataclass(frozen=True)
class Column:
    """A column: header, minimum width, and whether it takes a share of spare width."""

    key: str
    header: str
    width: int
    flex: int = 0
    priority: int = 0  # columns with a higher number are dropped first when space runs out


COLUMNS = (
    Column("mark", "", 3),  # compare mark, watched, new or changed since last looked
    Column("id", "ID", 16),  # as wide as the longest id listed (11 for NCT ids)
    Column("title", "Title", 34, flex=3),
    Column("status", "Status", 9, priority=1),
    Column("phase", "Phase", 7, priority=2),
    Column("conditions", "Conditions", 14, flex=2, priority=4),
    Column("enrollment", "Enrolled", 8, priority=3),
)
ID_WIDTH = (len("ID"), 16)  # the id column's narrowest and widest


def layout(width: int, id_width: int = 16) -> list[tuple[Column, int]]:
    """The columns that fit in width, with their widths (one space between columns).

    The title keeps at least its minimum width: status, phase, enrollment and conditions are
    dropped (conditions first) until it fits.
    """
    columns = [replace(c, width=id_width) if c.key == "id" else c for c in COLUMNS]
    while True:
        fixed = sum(c.width for c in columns) + len(columns) - 1
        if fixed <= width or not any(c.priority for c in columns):
            break
        columns.remove(max(columns, key=lambda c: c.priority))
    spare = width - (sum(c.width for c in columns) + len(columns) - 1)
    if spare < 0:  # too narrow even for the id and the title: the title takes what is left
        widths = [c.width for c in columns]
        title = next(i for i, c in enumerate(columns) if c.key == "title")
        widths[title] = max(0, widths[title] + spare)
        return list(zip(columns, widths, strict=True))
    flex_total = sum(c.flex for c in columns) or 1
    widths = [c.width + spare * c.flex // flex_total for c in columns]
    flexible = [i for i, c in enumerate(columns) if c.flex]
    if flexible:  # give the rounding remainder to the first flexible column
        widths[flexible[0]] += width - (sum(widths) + len(columns) - 1)
    return list(zip(columns, widths, strict=True))


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
        "enrollment": enrollment,
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
