"""Changes as lines of text: a trial new or changed since a time, a trial's versions as a
timeline, one change per line (for `trials changes`, `trials history`, `trials saved show`
and `trials watch --list`)."""

from __future__ import annotations

import unicodedata
from typing import Any

from store.changes import NEW, TrialChange, VersionChanges
from store.diff import Change, diff_records, summarise
from store.diff.display import show
from store.diff.fields import PATHS
from store.segment_format import Version

#: Characters of a criterion's text shown in a line.
MAX_TEXT = 70


def trial_change_line(change: TrialChange, title: str | None) -> str:
    """ "NCT… changed  status Recruiting → Completed; enrollment 120 → 96" or
    "NCT… new  TITLE"."""
    what = (title or "(no title)") if change.kind == NEW else change.summary
    return f"{change.id} {change.kind}  {one_line(what)}"


def timeline(trial_id: str, versions: list[VersionChanges]) -> list[str]:
    """A trial's versions, oldest first: a line per version (its number, when it was
    imported, the registry's last update, its source), then its changes, one per line."""
    lines = [f"{trial_id}: {len(versions)} version{'s' if len(versions) != 1 else ''}"]
    for version in versions:
        meta = version.as_json()
        updated = f"  last update {meta['last_update']}" if meta["last_update"] else ""
        lines.append(f"version {version.number}  imported {meta['imported_at'] or '?'}"
                     f"{updated}  from {one_line(str(meta['source'] or '?'))}")
        if version.number == 1:
            lines.append("    first version")
        elif not version.changes:
            lines.append("    no changes")
        else:
            lines += [f"    {change_line(change)}" for change in version.changes]
    return lines


def change_line(change: Change) -> str:
    """One change in words: "status Recruiting → Completed", "site added: Mayo Clinic,
    Rochester, United States", "exclusion criterion changed: OLD → NEW"."""
    field = PATHS.get(change.field)
    if field is not None and field.how == "items":
        name = change.item or show(change.new if change.new is not None else change.old)
        line = f"{field.noun[0]} {change.kind}" + (f": {one_line(name)}" if name else "")
        return line + (f" ({one_line(change.detail)})" if change.detail else "")
    if field is not None and field.how == "criteria":
        if change.kind == "changed":
            return f"{field.noun[0]} changed: {_short(change.old)} → {_short(change.new)}"
        text = change.old if change.kind == "removed" else change.new
        return f"{field.noun[0]} {change.kind}: {_short(text)}"
    return one_line(summarise([change]))


def last_change(versions_newest_first: list[Version]) -> dict[str, Any] | None:
    """The newest version of a trial and what it changed, as
    {"version", "imported_at", "last_update", "summary"} (None for no version)."""
    if not versions_newest_first:
        return None
    current = versions_newest_first[0]
    if len(versions_newest_first) > 1:
        summary = summarise(diff_records(versions_newest_first[1].record, current.record))
    else:
        summary = "first version"
    return {"version": len(versions_newest_first),
            "imported_at": current.meta.get("imported_at"),
            "last_update": current.meta.get("last_update"), "summary": summary}


def one_line(text: Any) -> str:
    """Text on one line: runs of white space (new lines too) as one space, control
    characters left out (nothing printed can control the terminal)."""
    words = str(text).split()
    return " ".join("".join(char for char in word if unicodedata.category(char) != "Cc")
                    for word in words)


def _short(text: Any) -> str:
    """A text on one line, cut to MAX_TEXT characters with its length said when longer."""
    line = one_line(text if text is not None else "")
    if len(line) <= MAX_TEXT:
        return line
    return f"{line[:MAX_TEXT - 1].rstrip()}… ({len(line):,} characters)"
