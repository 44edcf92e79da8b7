"""The detail pane's tabs and their labels: the whole words, or short ones with fewer counts
when the pane is too narrow for them; and where their underline must be."""

from __future__ import annotations

from typing import Any

from textual.widgets import Tabs
from textual.widgets._tabs import Underline

from parsers import left_out

from ..outcomes_view import outcomes_count, outcomes_unknown
from ..references_view import references_count
from ..sites_view import sites_unknown

TABS = {
    "overview": "Overview", "arms": "Arms", "eligibility": "Eligibility",
    "outcomes": "Outcomes", "sites": "Sites", "results": "Results", "source": "Source",
    "history": "History", "references": "References",
}
#: Labels for a pane too narrow for the whole words (the list beside it on wide terminals).
SHORT = {
    "overview": "Info", "arms": "Arms", "eligibility": "Elig", "outcomes": "Outc",
    "sites": "Sites", "results": "Res", "source": "Src", "history": "Hist",
    "references": "Refs",
}
NO_RESULTS = " —"  # after the Results label of a trial without posted results
#: Counts left off the tight short labels, one more at a time, while the tab bar does not fit
#: (a tab's own body states its count); the Results tab's " —" last.
DROPPED = ("references", "history", "outcomes", "sites", "results")
#: Label sets tried in turn until the tab bar fits: (labels, cells around each label, how many
#: of DROPPED go uncounted). The tight ones are drawn with one cell between tabs instead of
#: two (the "-tight" class).
TIERS = ((TABS, 2, 0), (SHORT, 2, 0), *((SHORT, 1, drop) for drop in range(len(DROPPED) + 1)))


def tab_labels(
    record: dict[str, Any] | None, width: int | None = None, versions: int | None = None
) -> tuple[dict[str, str], bool]:
    """The tab bar's labels for a record: "Outcomes 12", "Sites 1,148" (no count when a CSV
    file was made without their columns, or a partial study's source left them out),
    "Results —" when no results are posted, "History 3" (versions: how many the store keeps,
    when known), "References 130"; short ones ("Outc 12") when the whole words do not fit in
    width, drawn tight, then with fewer counts (see DROPPED) while even those do not fit; and
    whether the tabs must be drawn tight too."""
    counts: dict[str, int | None] = {}
    none_posted = False
    if record is not None:  # counted once, whatever the tier
        locations = record.get("locations") or ()
        counts = {  # none for a CSV file made without the columns: unknown, not 0
            "outcomes": None if outcomes_unknown(record) else outcomes_count(record),
            "sites": None if not locations and sites_unknown(record) else len(locations),
            "references": None if left_out(record, "references") else references_count(record),
            "history": versions,
        }
        none_posted = not record.get("results") and record.get("has_results") is False
    for names, padding, drop in TIERS:
        labels, dropped = dict(names), DROPPED[:drop]
        if record is not None:
            for tab_id, count in counts.items():
                if count is not None and tab_id not in dropped:
                    labels[tab_id] += f" {count:,}"
            if none_posted and "results" not in dropped:
                labels["results"] += NO_RESULTS  # none posted
        if width is None or sum(len(label) + padding for label in labels.values()) <= width:
            break
    return labels, padding == 1


def underline_in_place(tabs: Tabs) -> bool:
    """Whether a tab bar's underline is under its active tab (or it has none)."""
    active = tabs.active_tab
    if active is None:
        return True
    span = active.virtual_region.shrink(active.styles.gutter).column_span
    underline = tabs.query_one(Underline)
    return (underline.highlight_start, underline.highlight_end) == span
