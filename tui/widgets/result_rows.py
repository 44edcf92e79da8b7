"""The list's rows as shown: each trial's columns, read off the UI thread (the search's
worker reads the first screenful with the results, a worker the rows scrolled to) and kept
for the rows lately shown."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from .. import format as fmt

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
