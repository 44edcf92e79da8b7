"""Watched trials in the user's state (store.user_state): {"watched": {ID: {"added": ISO}}},
in the order they were watched. Only trials in the store can be watched; unwatching needs no
trial in the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .user_state import Doc, section


@dataclass(frozen=True)
class WatchResult:
    """What watch() or unwatch() did with each id."""

    done: list[str] = field(default_factory=list)  # watched (unwatched) now
    already: list[str] = field(default_factory=list)  # were watched (were not watched)
    unknown: list[str] = field(default_factory=list)  # not in the store: refused (watch only)


def watch(doc: Doc, ids: Iterable[str], resolve: Callable[[str], str | None],
          now: str) -> WatchResult:
    """Watch the trials resolve(id) finds (it gives the store's spelling of an id, or None
    for an id the store does not hold: refused, the others are still watched)."""
    result = WatchResult()
    entries = dict(section(doc, "watched"))
    for given in ids:
        trial_id = resolve(given.strip())
        if trial_id is None:
            result.unknown.append(given)
        elif trial_id in entries:
            result.already.append(trial_id)
        else:
            entries[trial_id] = {"added": now}
            result.done.append(trial_id)
    doc["watched"] = entries
    return result


def unwatch(doc: Doc, ids: Iterable[str]) -> WatchResult:
    """Stop watching trials (an id is matched as given, then in capitals)."""
    result = WatchResult()
    entries = dict(section(doc, "watched"))
    for given in ids:
        trial_id = given.strip()
        if trial_id not in entries:
            trial_id = trial_id.upper()
        if entries.pop(trial_id, None) is not None:
            result.done.append(trial_id)
        else:
            result.already.append(given)
    doc["watched"] = entries
    return result


def watched(doc: Doc) -> list[str]:
    """The watched ids, in the order they were watched."""
    return list(section(doc, "watched"))
