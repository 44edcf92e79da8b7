"""Every section of a trial record, for `trials show`: the browser's tabs one after another,
built by the same views, with nothing paged or left out."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from .outcomes_view import outcomes_view
from .references_view import references_view
from .registry_people_view import overview
from .report_view import arms_view, eligibility_view, heading
from .results_view import results_view
from .sites_view import sites_view

Record = dict[str, Any]


def trial_view(record: Record) -> Group:
    """Overview, arms, eligibility, outcomes, every site, the posted results and the
    references (with the see-also links and IPD sharing)."""
    sections: list[RenderableType] = [
        Group(heading("Overview"), overview(record)),
        arms_view(record),
        eligibility_view(record),
        Group(heading("Outcomes"), outcomes_view(record, title=False)),
        Group(heading("Sites"), sites_view(record, title=False).whole()),
        Group(heading("Results"), results_view(record, title=False).whole()),
        references_view(record, title=False).whole(),  # under its own "References (N)"
    ]
    parts: list[RenderableType] = []
    for section in sections:
        parts += [Text(), section] if parts else [section]
    return Group(*parts)
