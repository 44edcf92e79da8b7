"""A trial's Overview laid out in a worker, before the detail pane shows it.

Laying out a registry study's Overview (its fields, annotations, people and MeSH terms,
wrapped to the pane's width) takes about 10 ms; on the event loop that delays every move of
the list's cursor by as much. The worker that reads a trial (or reads the rows next to the
cursor ahead) builds the Overview with the search's marker and lays it out with the console
options the pane will use; the pane then draws the lines as they are. When the pane's width
or the search changed meanwhile, the pane lays the Overview out again itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console, ConsoleOptions

from ..pages import Memo
from ..registry_people_view import overview
from ..report_view import Marker


@dataclass(frozen=True)
class PreparedOverview:
    """A trial's Overview body, laid out for the marker it was built with."""

    trial_id: str
    mark: Marker
    body: Memo

    def fits(self, trial_id: str, mark: Marker) -> bool:
        """Whether it is this trial's Overview for this search's marker."""
        return self.trial_id == trial_id and self.mark is mark


@dataclass(frozen=True)
class OverviewLayout:
    """What a worker needs to lay out Overviews as the pane would: the search's marker and
    the console options of the Overview's width (taken on the event loop)."""

    mark: Marker
    console: Console
    options: ConsoleOptions

    def prepare(self, record: dict[str, Any]) -> PreparedOverview:
        """Build and lay out a record's Overview (safe in a worker: the body is new)."""
        body = Memo(overview(record, self.mark))
        body.prepare(self.console, self.options)
        return PreparedOverview(record["id"], self.mark, body)
