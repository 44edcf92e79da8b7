"""Adverse events of posted results: the groups with their participants affected and at risk,
then the serious and the other events by organ system × group, an event's notes numbered
under its table (a note shared by several events written once). Paged by organ system (long
ones in slices), since a study can post hundreds of events."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from .pages import Item, counted
from .report_view import Marker, heading, indented
from .result_text import affected_words, events_words
from .results_tables import MISSING, Notes, group_titles, groups_block, number, words
from .span_table import SpanTable

Node = dict[str, Any]
SECTION = "adverse events"
SLICE = 40  # events per table: a long organ system is shown in slices
KINDS = {"serious": "Serious adverse events", "other": "Other adverse events"}
LEGEND = ("Each cell: participants affected / at risk (the share affected), and under it the "
          "number of events when stated.")


def affected_text(affected: Any, at_risk: Any, events: Any = None) -> Text:
    """result_text.affected_words, the events on a line of their own (a narrow column keeps
    "12 / 150 (8.0%)" whole); dim when nothing is stated."""
    words = affected_words(affected, at_risk)
    text = Text(words, style="dim" if words == MISSING else "")
    if events is not None:
        text.append("\n" + events_words(events), style="dim")
    return text


def groups_table(events: Node, mark: Marker) -> SpanTable:
    """Each group with its deaths, serious and other events: affected / at risk."""
    table = SpanTable("Group", ["Deaths", "Serious", "Other"])
    for group in events.get("groups") or ():
        cells = []
        for key in ("deaths", "serious", "other"):
            tally = group.get(key) or {}
            cells.append(affected_text(tally.get("affected"), tally.get("at_risk")))
        table.add_row(mark(group.get("title") or group.get("id") or MISSING), *cells)
    return table


def _head(events: Node, mark: Marker, described: list[Node]) -> RenderableType:
    parts: list[RenderableType] = [Text(), heading("Adverse events")]
    for label, key in (("Time frame", "time_frame"), ("Description", "description")):
        if events.get(key):
            note = Text(f"{label}: ", style="italic cyan")
            parts.append(indented(note.append_text(mark(events[key]))))
    threshold = events.get("frequency_threshold")
    if threshold is not None:
        parts.append(indented(Text(f"Frequency threshold for reporting other adverse events: "
                                   f"{number(threshold)}%", style="dim")))
    summary = assessed_text(events)
    if summary:
        shown = mark(summary)
        shown.stylize("dim")
        parts.append(indented(shown))
    parts.append(indented(groups_table(events, mark)))
    block = groups_block(described, mark)
    if block is not None:
        parts.append(indented(block))
    return Group(*parts)


def assessed_text(events: Node) -> str:
    """The vocabularies and assessment types the events state, each with how many events
    state it when they differ: "Vocabulary: MedDRA 26.0 · Systematic assessment"."""
    parts = []
    for key in ("vocabulary", "assessment"):
        found: dict[str, int] = {}
        for kind in KINDS:
            for row in events.get(kind) or ():
                value = row.get(key) if isinstance(row, dict) else None
                if isinstance(value, str) and value:
                    shown = value if key == "vocabulary" else words(value)
                    found[shown] = found.get(shown, 0) + 1
        if not found:
            continue
        text = ", ".join(value if len(found) == 1 else f"{value} ({counted(count, 'event')})"
                         for value, count in found.items())
        parts.append(f"Vocabulary: {text}" if key == "vocabulary" else text)
    return " · ".join(parts)


def by_organ_system(rows: list[Node]) -> dict[str, list[Node]]:
    """Events by organ system, in the order the registry lists them."""
    systems: dict[str, list[Node]] = {}
    for row in rows:
        if isinstance(row, dict):
            systems.setdefault(row.get("organ_system") or "Organ system not stated", []).append(row)
    return systems


def _slice_table(system: str, part: str, rows: list[Node], titles: dict[str, str],
                 mark: Marker) -> RenderableType:
    title = mark(system)
    title.stylize("bold")
    if part:
        title.append(part, style="dim")
    table = SpanTable("", list(titles.values()), mark)
    notes = Notes(mark)
    for row in rows:
        counts = {c.get("group"): c for c in row.get("counts") or () if isinstance(c, dict)}
        cells = []
        for group_id in titles:
            count = counts.get(group_id) or {}
            cells.append(affected_text(count.get("affected"), count.get("at_risk"),
                                       count.get("events")))
        term = notes.add(mark(row.get("term") or MISSING), None, row.get("notes"))
        table.add_row(term, *cells)
    return Group(Text(), indented(title), indented(notes.under(table)))


def _kind_head(title: str, rows: list[Node], systems: int) -> RenderableType:
    text = Text(f"{title} ({len(rows):,} in {systems:,} organ "
                f"{'system' if systems == 1 else 'systems'})", style="bold")
    return Group(Text(), indented(text), indented(Text(LEGEND, style="dim")))


def events_items(events: Node, mark: Marker, described: list[Node]) -> list[Item]:
    """The adverse events as items of a paged body (described: the groups described in
    its head)."""
    titles = group_titles(events.get("groups") or [])
    groups = len(events.get("groups") or ())
    items = [Item(partial(_head, events, mark, described),
                  7 + 2 * groups + 2 * len(described), SECTION)]
    for kind, title in KINDS.items():
        rows = [row for row in events.get(kind) or () if isinstance(row, dict)]
        if not rows:
            items.append(Item(partial(_none, title), 2, SECTION))
            continue
        systems = by_organ_system(rows)
        items.append(Item(partial(_kind_head, title, rows, len(systems)), 3, SECTION))
        for system, system_rows in systems.items():
            slices = range(0, len(system_rows), SLICE)
            for start in slices:
                part = "" if len(slices) == 1 else (
                    f" ({start + 1}–{min(start + SLICE, len(system_rows))} of "
                    f"{len(system_rows)})")
                chunk = system_rows[start:start + SLICE]
                notes = len({row.get("notes") for row in chunk} - {None})
                items.append(Item(partial(_slice_table, system, part, chunk, titles, mark),
                                  3 + 2 * len(chunk) + notes, SECTION))
    return items


def _none(title: str) -> RenderableType:
    return Group(Text(), indented(Text(f"{title}: none reported.", style="dim")))
