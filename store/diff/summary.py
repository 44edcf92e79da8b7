"""The changes in one human line, and the top-level fields they touch.

    status Recruiting → Completed; enrollment 120 → 96; 2 exclusion criteria added,
    1 changed; 3 sites added; results posted

Rules: a field's change reads "label old → new" (enum values humanised, "none" for a value
not stated) or "label changed" / "label added" / "label removed" when a value does not fit a
line (long text, a structure); a list's changes are counted, added then changed then
removed, the noun going with the first count ("1 site added, 2 changed"). Parts follow the
order of the changes (the record's order). The last-update date, which moves with every
version, and the status's verified date, which moves with most, are left out when other
fields changed; has_results and locations_count are left out when the results and the sites
they follow changed (the line says "results posted", "1 site added").
"""

from __future__ import annotations

from collections.abc import Sequence

from .change import Change, Kind
from .display import arrow
from .fields import PATHS, Field
from .results import PATH as RESULTS

_KINDS: tuple[Kind, ...] = ("added", "changed", "removed")
_LAST_UPDATE = "dates.last_update"
#: Dates that move with most versions (the last update; the month the status was last
#: confirmed): left out when other fields changed.
ROUTINE = frozenset({_LAST_UPDATE, "dates.status_verified"})
#: A count that follows a list: said by the list's own changes when it changed too.
_FOLLOWERS = {"has_results": "results", "locations_count": "locations"}


def _field(path: str) -> Field:
    return PATHS.get(path) or Field(path.replace(".", " "))


def _counts(field: Field, changes: Sequence[Change]) -> str:
    """ "2 exclusion criteria added, 1 changed" """
    parts: list[str] = []
    for kind in _KINDS:
        count = sum(change.kind == kind for change in changes)
        if count:
            noun = "" if parts else " " + field.noun[count != 1]
            parts.append(f"{count}{noun} {kind}")
    return ", ".join(parts)


def _results(change: Change) -> str:
    if change.kind == "added":
        return "results posted"
    if change.kind == "changed" and change.detail:
        return f"results changed ({change.detail})"
    return f"results {change.kind}"


def _part(change: Change) -> str:
    if change.field == RESULTS:
        return _results(change)
    field = _field(change.field)
    shown = arrow(change.old, change.new, field.enum)
    return f"{field.words()} {change.kind}" if shown is None else f"{field.words()} {shown}"


def worth_saying(changes: Sequence[Change]) -> list[Change]:
    """The changes worth saying, in their order: the routine dates (ROUTINE) only when
    nothing else changed, a count that follows a list (has_results, locations_count) only
    when the list itself did not change (the module's rules; the History tab shows these)."""
    fields = {change.field for change in changes}
    quiet = set(ROUTINE) if fields - ROUTINE else set()
    quiet |= {count for count, source in _FOLLOWERS.items() if source in fields}
    return [change for change in changes if change.field not in quiet]


def summarise(changes: Sequence[Change]) -> str:
    """The changes as one line ("no changes" when there are none)."""
    if not changes:
        return "no changes"
    grouped: dict[str, list[Change]] = {}
    for change in worth_saying(changes):
        grouped.setdefault(change.field, []).append(change)
    parts = []
    for path, group in grouped.items():
        if _field(path).how in ("items", "criteria"):
            parts.append(_counts(_field(path), group))
        else:
            parts += [_part(change) for change in group]
    return "; ".join(parts)


def changed_fields(changes: Sequence[Change]) -> list[str]:
    """The top-level fields the changes touch, sorted and unique ("eligibility", "status")."""
    return sorted({change.field.split(".", 1)[0] for change in changes})
