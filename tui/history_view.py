"""The History tab: a trial's versions as a timeline, newest first, each with when it was
imported (UTC), the registry's last update, where it came from, and its changes from the
version before, one per line:

    Version 2  2026-12-04 10:00:02 UTC
      registry update 2021-01-15 · imported from /downloads/NCT03418623.json
      status  Completed → Terminated
      enrollment.count  24 → 12
      locations  added: Centre Léon Bérard, Lyon, France
      eligibility.exclusion  added: Pregnant or breast-feeding women

Each change in words comes from tui.change_words (as `trials history` says it): values in
words, a long text shortened around its first difference, saying its length. Everything
from the record is Rich Text, never markup. The versions are read and diffed in a worker
(store.changes.versions_of); the lines are built here, a page at a time (tui.pages).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from store.changes import VersionChanges
from store.diff.summary import worth_saying

from .change_words import MAX_TEXT, NOTE_STYLE, Line, change_line, field_words, one_line
from .pages import Item, Paged, counted
from .report_view import Record, title_line

__all__ = ["MAX_TEXT", "Line", "change_line", "field_words", "history_view", "line_text",
           "when"]

PAGE_LINES = 150  # about this many lines rendered at a time
FIELD_STYLE = "bold cyan"

Builder = Callable[[], RenderableType]


def history_view(record: Record | None, trial_id: str,
                 versions: Sequence[VersionChanges]) -> RenderableType | Paged:
    """The History tab of a trial: its versions newest first, paged."""
    head: list[RenderableType] = []
    if record is not None:
        head += [title_line(record), Text()]
    if not versions:
        head.append(Text(f"No stored version of {trial_id}.", style="dim"))
        return Group(*head)
    count = len(versions)
    summary = Text(counted(count, "version"), style="bold")
    summary.append(", newest first" if count > 1 else ": imported once, never changed",
                   style="bold" if count > 1 else "")
    head.append(summary)
    items: list[Item] = []
    lines_by_version = [[change_line(change) for change in worth_saying(version.changes)]
                        for version in versions]
    if any(line.shortened for lines in lines_by_version for line in lines):
        head.append(Text("Long texts are shortened (their length is said); "
                         f"`trials history {one_line(trial_id)} --json` prints them whole.",
                         style=NOTE_STYLE))
    for version, lines in reversed(list(zip(versions, lines_by_version, strict=True))):
        label = f"version {version.number}"
        items.append(Item(_header_builder(version, count), 3, label))
        if version.number == 1:
            items.append(Item(_note_builder("first version"), 1, label))
        elif not lines:
            items.append(Item(_note_builder("no changes in the compared fields"), 1, label))
        items += [Item(_line_builder(line), 1 + len(line.below), label) for line in lines]
    return Paged(Group(*head), items, PAGE_LINES, lambda start: _rest(items, start))


def _rest(items: Sequence[Item], start: int) -> str:
    left = items[start:]
    versions = len({item.section for item in left})
    return f"{counted(len(left), 'more line')} of {counted(versions, 'version')}"


def _header_builder(version: VersionChanges, count: int) -> Builder:
    def build() -> RenderableType:
        meta = version.version.meta
        header = Text()
        header.append(f"Version {version.number}", style="bold yellow")
        if version.number == count:
            header.append(" (current)", style="yellow")
        header.append("  ")
        header.append(when(meta.get("imported_at")))
        source = Text()
        if meta.get("last_update"):
            source.append("registry update ", style=NOTE_STYLE)
            source.append(one_line(meta["last_update"]))
            source.append(" · ", style=NOTE_STYLE)
        source.append("imported from ", style=NOTE_STYLE)
        source.append(one_line(meta.get("path") or "(unknown)"))
        return Group(Text(), header, Padding(source, (0, 0, 0, 2)))

    return build


def _note_builder(note: str) -> Builder:
    def build() -> RenderableType:
        return Padding(Text(note, style="italic"), (0, 0, 0, 2))

    return build


def _line_builder(line: Line) -> Builder:
    def build() -> RenderableType:
        first = Padding(line_text(line), (0, 0, 0, 2))
        if not line.below:
            return first
        return Group(first, *(Padding(_parts_text(parts), (0, 0, 0, 4)) for parts in line.below))

    return build


def _parts_text(parts: Sequence[tuple[str, str]]) -> Text:
    text = Text()
    for part, style in parts:
        text.append(part, style=style)
    return text


def line_text(line: Line) -> Text:
    """A change line as Text: "status  Completed → Terminated"."""
    text = Text(line.field, style=FIELD_STYLE)
    text.append("  ")
    text.append_text(_parts_text(line.parts))
    return text


def when(imported_at: Any) -> str:
    """ "2026-12-04T10:00:02Z" as "2026-12-04 10:00:02 UTC" (anything else as it is)."""
    value = one_line(imported_at or "?")
    if len(value) == 20 and value[10] == "T" and value.endswith("Z"):
        return f"{value[:10]} {value[11:19]} UTC"
    return value
