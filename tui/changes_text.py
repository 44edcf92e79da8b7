"""Changes as lines of text: a trial new or changed since a time, a trial's versions as a
timeline, one change per line (for `trials changes`, `trials history`, `trials saved show`
and `trials watch --list`)."""

from __future__ import annotations

from typing import Any

from store.changes import NEW, TrialChange, VersionChanges
from store.diff import Change, diff_records, summarise
from store.segment_format import Version

from . import change_words
from .change_words import one_line

__all__ = ["change_line", "last_change", "one_line", "timeline", "trial_change_line"]


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
            lines += [f"    {line}" for change in version.changes
                      for line in change_line(change).splitlines()]
    return lines


def change_line(change: Change) -> str:
    """One change in words, as the History tab says it: "status Recruiting → Completed",
    "site added: Mayo Clinic, Rochester, United States", "exclusion criterion changed: OLD →
    NEW"; a long text changed says its old and its new text on lines of their own under it
    ("was: …", "now: …", shortened around their first difference)."""
    first, *below = change_words.change_line(change).plain()
    return "\n".join([first, *(f"    {line}" for line in below)])


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
