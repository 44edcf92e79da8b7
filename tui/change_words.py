"""One change of a trial in words, for the History tab (tui.history_view) and `trials
history` (tui.changes_text) alike: its field as `trials history` names it, then what
happened, as (text, style) parts ("Completed", " → ", "Terminated"; "added: ", "Centre Léon
Bérard, Lyon, France"), and for a long text changed its old and its new text on lines of their
own ("was: …", "now: …").

Values are shown in words (enum values humanised: store.diff.display). A text longer than
MAX_TEXT is shortened around its first difference, and says so with its length: nothing is
cut silently (`trials history ID --json` has every text whole).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Any

import orjson

from store.diff import Change
from store.diff.display import object_text, show, shown_pair
from store.diff.fields import PATHS, Field
from store.diff.results import PATH as RESULTS

#: Characters of a text shown in a change line; a longer one is shortened, with a note.
MAX_TEXT = 160
#: Characters shown before a long text's first difference.
CONTEXT = 40
#: The longest old and new texts of a change shown on one line ("OLD → NEW"); longer ones
#: are shown on lines of their own ("was: …", "now: …").
INLINE = 100
NOTE_STYLE = "dim"

Parts = list[tuple[str, str]]  # (text, style)


@dataclass(frozen=True)
class Line:
    """One change as words: its field, what happened (parts), lines under it (the old and the
    new text of a long change: "was: …", "now: …"), and whether a text was shortened."""

    field: str
    parts: tuple[tuple[str, str], ...]  # (text, style)
    below: tuple[tuple[tuple[str, str], ...], ...] = ()
    shortened: bool = False

    def plain(self, gap: str = " ") -> list[str]:
        """The change as lines of plain text: "status Completed → Terminated" (the field,
        gap, what happened), then the lines under it."""
        first = self.field + gap + "".join(text for text, _ in self.parts)
        return [first, *("".join(text for text, _ in parts) for parts in self.below)]


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


def one_line(text: Any) -> str:
    """Text on one line: runs of white space (new lines too) as one space, control
    characters left out (nothing printed can control the terminal)."""
    words = str(text).split()
    return " ".join("".join(char for char in word if unicodedata.category(char) != "Cc")
                    for word in words)
