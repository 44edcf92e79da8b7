"""Values as short words for a summary line or a change's detail: enum values humanised
("RECRUITING" → "Recruiting"), dates, ages and enrollment in a few characters; None when the
value is too long or too complex to show in a line (the line then says only "changed")."""

from __future__ import annotations

from typing import Any

from parsers import humanise

#: A value longer than this (once shown) is not written out: "summary changed".
MAX_SHOWN = 40
#: What a value the record does not state reads as.
NONE = "none"


def _number(value: float) -> str:
    return format(value, "g") if isinstance(value, float) else str(value)


def _dict(value: dict[str, Any]) -> str | None:
    """A date {date, type}, an age {value, unit} or an enrollment {count, type}."""
    estimated = " (estimated)" if value.get("type") == "ESTIMATED" else ""
    if set(value) == {"date", "type"} and isinstance(value["date"], str):
        return value["date"] + estimated
    if set(value) == {"count", "type"} and isinstance(value["count"], int | float):
        return _number(value["count"]) + estimated
    if set(value) == {"value", "unit"} and isinstance(value["value"], int | float):
        unit = str(value["unit"] or "").lower()
        if value["value"] == 1 and unit.endswith("s"):
            unit = unit[:-1]
        return f"{_number(value['value'])} {unit}".rstrip()
    return None


def _show(value: Any, enum: bool) -> str | None:
    if value is None or value == "" or value == [] or value == {}:
        return NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, str):
        return humanise(value) if enum else value
    if isinstance(value, dict):
        return _dict(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(humanise(v) if enum else v for v in value)
    return None


def show(value: Any, enum: bool = False) -> str | None:
    """A value in a few words (enum=True: humanised), or None when it does not fit a line."""
    shown = _show(value, enum)
    if shown is None or len(shown) > MAX_SHOWN or "\n" in shown:
        return None
    return shown


def arrow(old: Any, new: Any, enum: bool = False) -> str | None:
    """ "old → new" in words, or None when either side does not fit a line."""
    pair = shown_pair(old, new, enum)
    return None if pair is None else f"{pair[0]} → {pair[1]}"


def shown_pair(old: Any, new: Any, enum: bool = False) -> tuple[str, str] | None:
    """The old and the new value in words, told apart when only a date's or a count's type
    changed ("2021-12-08 (type not stated)", "2021-12-08 (actual)"); None when either side
    does not fit a line."""
    before, after = show(old, enum), show(new, enum)
    if before is None or after is None:
        return None
    if before == after and isinstance(old, dict) and isinstance(new, dict):
        before, after = f"{before} ({_kind(old)})", f"{after} ({_kind(new)})"
    return before, after


def _kind(value: dict[str, Any]) -> str:
    kind = value.get("type")
    return humanise(kind).lower() if isinstance(kind, str) and kind else "type not stated"


def object_text(value: dict[str, Any]) -> str:
    """An object on one line as its stated members, in words: "type: Sponsor", "has dmc: no;
    fda regulated drug: yes" (a member that is itself a structure as its count)."""
    parts = []
    for key, member in value.items():
        if member is None or member == "" or member == [] or member == {}:
            continue
        enum = isinstance(member, str) and member.isupper()
        shown = show(member, enum)
        if shown is None:
            shown = (f"{len(member)} items" if isinstance(member, list)
                     else "…" if isinstance(member, dict) else str(member))
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts) or NONE
