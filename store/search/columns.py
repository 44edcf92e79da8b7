"""The list columns of the index: what a record's list row, filters and sorts need, as small
numbers (enum codes, YYYYMMDD dates, ages in days, phase bit masks), and the list's sorts."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from parsers import vocab

from .query import age_days

#: The columns the list can be sorted by (see SearchIndex.search).
SORTS = ("id", "title", "status", "phase", "enrollment", "start")
#: Joins a record's conditions in one string (no condition holds it).
CONDITION_SEPARATOR = "\x1f"
#: The maximum age of a record that states none.
NO_AGE = float("inf")

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class Codes:
    """Small codes (1..255; 0 = null) for the values of an enum column."""

    __slots__ = ("codes", "values")

    def __init__(self, values: Iterable[str]) -> None:
        self.values: list[str | None] = [None]
        self.codes: dict[str, int] = {}
        for value in values:
            self.code(value)

    def code(self, value: Any) -> int:
        if not isinstance(value, str):
            return 0
        code = self.codes.get(value)
        if code is None:
            if len(self.values) >= 256:
                return 0
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code


def enum_codes() -> dict[str, Codes]:
    """Codes of the enum columns (status, type, sex), the known values first."""
    return {
        "status": Codes(sorted(set(vocab.STATUSES.values()))),
        "type": Codes(sorted(set(vocab.STUDY_TYPES.values()))),
        "sex": Codes(sorted(set(vocab.SEXES.values()))),
    }


def joined_conditions(conditions: Any) -> str:
    """A record's conditions in one string (see CONDITION_SEPARATOR)."""
    if not isinstance(conditions, list):
        return ""
    return CONDITION_SEPARATOR.join(c for c in conditions if isinstance(c, str))


def split_conditions(joined: str) -> list[str]:
    return joined.split(CONDITION_SEPARATOR) if joined else []


def start_date(dates: Any) -> int:
    """A record's start date as YYYYMMDD (00 for an absent month or day; 0 when unknown)."""
    start = dates.get("start") if isinstance(dates, dict) else None
    date = start.get("date") if isinstance(start, dict) else None
    match = _DATE.fullmatch(date) if isinstance(date, str) else None
    if not match:
        return 0
    year, month, day = (int(part or 0) for part in match.groups())
    return year * 10000 + month * 100 + day


def date_text(value: int) -> str | None:
    """A start date back in its record form: "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    if not value:
        return None
    year, rest = divmod(value, 10000)
    month, day = divmod(rest, 100)
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}"
        if day:
            text += f"-{day:02d}"
    return text


def eligibility_age(value: Any, default: float) -> float:
    """An eligibility age ({"value", "unit"}) in days, or default."""
    if not isinstance(value, dict):
        return default
    number = value.get("value")
    if not isinstance(number, int | float) or isinstance(number, bool) or number != number:
        return default
    unit = value.get("unit")
    return age_days(float(number), unit if isinstance(unit, str) else None)


def phase_mask(phases: Any) -> int:
    """Bit i set for each of a record's phases that is vocab.PHASE_ORDER[i]."""
    mask = 0
    if isinstance(phases, list):
        for index, phase in enumerate(vocab.PHASE_ORDER):
            if phase in phases:
                mask |= 1 << index
    return mask


def phase_names(mask: int) -> list[str]:
    return [phase for index, phase in enumerate(vocab.PHASE_ORDER) if mask >> index & 1]


def enrollment_count(value: Any) -> int:
    """A record's enrollment count, or -1 when unknown (or out of range)."""
    count = value.get("count") if isinstance(value, dict) else None
    valid = isinstance(count, int) and not isinstance(count, bool) and 0 <= count < 2**31
    return count if valid else -1  # type: ignore[return-value]


def sort_key(sort: str | None) -> tuple[str | None, bool]:
    """(column, descending) of a sort ("-" before a column of SORTS for descending)."""
    if sort is None:
        return None, False
    descending = sort.startswith("-")
    column = sort[1:] if descending else sort
    if column not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (sorts: {', '.join(SORTS)}, - for descending)")
    return column, descending


def sorted_by(
    docs: Iterable[int],
    value: Callable[[int], Any],
    rank: array[int] | Sequence[int],
    descending: bool,
) -> list[int]:
    """Documents by value(doc) (ties by rank, ascending either way); those whose value is
    None last, by rank."""
    present = []
    missing = []
    for doc in docs:
        key = value(doc)
        if key is None:
            missing.append(doc)
        else:
            present.append((key, rank[doc], doc))
    missing.sort(key=rank.__getitem__)
    if descending:
        # Descending values, ties still by ascending id.
        present.sort(key=lambda item: item[1])
        present.sort(key=lambda item: item[0], reverse=True)
    else:
        present.sort()
    return [doc for _, _, doc in present] + missing
