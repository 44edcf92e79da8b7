"""The History tab: a trial's versions as a timeline, newest first, each with when it was
imported (UTC), the registry's last update, where it came from, and its changes from the
version before, one per line:

    Version 2  2026-12-04 10:00:02 UTC
      registry update 2021-01-15 · imported from /downloads/NCT03418623.json
      status  Completed → Terminated
      enrollment.count  24 → 12
      locations  added: Centre Léon Bérard, Lyon, France
      eligibility.exclusion  added: Pregnant or breast-feeding women

Values are shown in words (enum values humanised: store.diff.display). A text longer than
MAX_TEXT is shortened around its first difference, and says so with its length: nothing is
cut silently (`trials history ID --json` has every text whole). Everything from the record
is Rich Text, never markup. The versions are read and diffed in a worker
(store.changes.versions_of); the lines are built here, a page at a time (tui.pages).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import orjson
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from store.changes import VersionChanges
from store.diff import Change
from store.diff.display import object_text, show, shown_pair
from store.diff.fields import PATHS, Field
from store.diff.results import PATH as RESULTS
from store.diff.summary import worth_saying

from .changes_text import one_line
from .pages import Item, Paged, counted
from .report_view import Record, title_line

#: Characters of a text shown in a change line; a longer one is shortened, with a note.
MAX_TEXT = 160
#: Characters shown before a long text's first difference.
CONTEXT = 40
#: The longest old and new texts of a change shown on one line ("OLD → NEW"); longer ones
#: are shown on lines of their own ("was: …", "now: …").
INLINE = 100
PAGE_LINES = 150  # about this many lines rendered at a time
FIELD_STYLE = "bold cyan"
NOTE_STYLE = "dim"

Parts = list[tuple[str, str]]  # (text, style)
Builder = Callable[[], RenderableType]


@dataclass(frozen=True)
class Line:
    """One change as words: its field, what happened (parts), lines under it (the old and the
    new text of a long change: "was: …", "now: …"), and whether a text was shortened."""

    field: str
    parts: tuple[tuple[str, str], ...]  # (text, style)
    below: tuple[tuple[tuple[str, str], ...], ...] = ()
    shortened: bool = False


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


# --- one change in words -------------------------------------------------------------------


def field_words(path: str) -> str:
    """A changed field as `trials history` names it: "enrollment", "primary completion date",
    "site" (an item of a list), "exclusion criterion"."""
    field = PATHS.get(path) or Field(path.replace(".", " "))
    return field.noun[0] if field.how in ("items", "criteria") else field.words()


def change_line(change: Change) -> Line:
    """One change: "status  Completed → Terminated", "site  added: Centre Léon Bérard, Lyon,
    France", "exclusion criterion  changed: OLD → NEW", "summary  changed: …"."""
    return replace(_change_line(change), field=field_words(change.field))


def _change_line(change: Change) -> Line:
    field = PATHS.get(change.field)
    how = field.how if field is not None else "value"
    if change.field == RESULTS or how == "results":
        words = {"added": "posted", "removed": "removed", "changed": "changed"}[change.kind]
        detail = f" ({one_line(change.detail)})" if change.detail else ""
        return Line(change.field, ((f"{words}{detail}", ""),))
    if how == "items":
        value = change.new if change.new is not None else change.old
        name = change.item or show(value) or _as_text(value)
        shown, cut = _shorten(one_line(name))
        parts: list[tuple[str, str]] = [(f"{change.kind}: ", NOTE_STYLE), *shown]
        if change.detail:
            parts.append((f" ({one_line(change.detail)})", ""))
        return Line(change.field, tuple(parts), shortened=cut)
    enum = field.enum if field is not None else False
    if change.kind == "changed":
        pair = shown_pair(change.old, change.new, enum) if how != "criteria" else None
        if pair is not None:
            return Line(change.field, ((pair[0], ""), (" → ", NOTE_STYLE), (pair[1], "")))
        before, after = _as_text(change.old, enum), _as_text(change.new, enum)
        if len(before) + len(after) <= INLINE:
            return Line(change.field, (("changed: ", NOTE_STYLE), (before, ""),
                                       (" → ", NOTE_STYLE), (after, "")))
        old, new = _long_pair(before, after)
        return Line(change.field, (("changed", NOTE_STYLE),),
                    ((("was: ", NOTE_STYLE), *old[0]), (("now: ", NOTE_STYLE), *new[0])),
                    old[1] or new[1])
    value = change.new if change.kind == "added" else change.old
    shown, cut = _shorten(_as_text(value, enum))
    return Line(change.field, ((f"{change.kind}: ", NOTE_STYLE), *shown), shortened=cut)


def _as_text(value: Any, enum: bool = False) -> str:
    """A value on one line: in words when it is short, else its text (a structure as JSON)."""
    shown = show(value, enum)
    if shown is not None:
        return shown
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, dict):  # an object's stated members in words, not its JSON
        return one_line(object_text(value))
    try:
        return one_line(orjson.dumps(value).decode())
    except TypeError:
        return one_line(repr(value))


def _shorten(text: str, start: int = 0) -> tuple[Parts, bool]:
    """A text of at most MAX_TEXT characters from start, with "…" where it is cut and a note
    of its length; whether it was shortened."""
    if len(text) <= MAX_TEXT and start == 0:
        return [(text, "")], False
    start = min(start, max(0, len(text) - MAX_TEXT + 1))
    if start > 0:  # to the next word's start, so that a text's end stays in reach
        space = text.find(" ", start, start + CONTEXT)
        start = space + 1 if space != -1 else start
    end = start + MAX_TEXT - 1
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + MAX_TEXT // 2 else end
    parts: Parts = []
    if start > 0:
        parts.append(("…", NOTE_STYLE))
    parts.append((text[start:end].strip(), ""))
    if end < len(text):
        parts.append(("…", NOTE_STYLE))
    parts.append((f" ({len(text):,} characters)", NOTE_STYLE))
    return parts, True


def _long_pair(old: str, new: str) -> tuple[tuple[Parts, bool], tuple[Parts, bool]]:
    """Two versions of a text, each shortened to show where they first differ."""
    if len(old) <= MAX_TEXT and len(new) <= MAX_TEXT:
        return ([(old, "")], False), ([(new, "")], False)
    common = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        common += 1
    start = max(0, common - CONTEXT)
    return _shorten(old, start if len(old) > MAX_TEXT else 0), \
        _shorten(new, start if len(new) > MAX_TEXT else 0)
