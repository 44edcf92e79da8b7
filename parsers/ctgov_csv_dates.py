"""The date columns of the site's CSV download, and the dates a spreadsheet rewrote.

The site writes "2019-12-17", "2019-12" or "December 17, 2019" (older exports, "December
2019"), read by ``fields.date``. A file saved again by a spreadsheet may hold its dates as
"12/17/2019" (Excel in the United States: month first) or "17/12/2019" (day first), also
with "-" or "." ("18-12-2025", "17.12.2019"). The order is not guessed: it is read from the
file's own such dates, in every date column
(Start Date … First Posted, Results First Posted, Last Update Posted): one whose first
number is over 12 says day first, one whose second number is over 12 says month first.
When the file says neither, or both, a slash date whose order matters is not read: its field
stays null, with a warning naming the value and why. A two-digit year ("12/17/19") is never
read (its century is unknown), with a warning.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import fields
from .clean import clean_text
from .record import Record

DATE_COLUMNS = {
    "Start Date": "start",
    "Primary Completion Date": "primary_completion",
    "Completion Date": "completion",
    "First Posted": "first_posted",
    "Results First Posted": "results_first_posted",
    "Last Update Posted": "last_update",
}
#: every column of dates
ALL_DATE_COLUMNS = tuple(DATE_COLUMNS)

#: "12/17/2019", "17-12-2019", "17.12.2019" (one separator, twice)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")


@dataclass(frozen=True)
class SlashOrder:
    """How a file writes its slash dates: ``day_first`` True or False, or None when unknown,
    then ``why`` says why (no evidence, or contradicting dates)."""

    day_first: bool | None
    why: str = ""

    @classmethod
    def of(cls, cells: Iterable[str]) -> SlashOrder:
        """The order the slash dates among ``cells`` (a file's date cells) show."""
        day_first: str | None = None  # a date showing the order, e.g. "17/12/2019"
        month_first: str | None = None
        for cell in cells:
            match = _NUMERIC_DATE.fullmatch(cell.strip())
            if match is None:
                continue
            if int(match.group(1)) > 12:
                day_first = day_first or match.group(0)
            if int(match.group(3)) > 12:
                month_first = month_first or match.group(0)
        if day_first and month_first:
            return cls(
                None,
                f"the file writes dates both day first ({day_first!r}) "
                f"and month first ({month_first!r})",
            )
        if day_first or month_first:
            return cls(bool(day_first))
        return UNKNOWN_ORDER


#: the order of a file without a slash date showing it
UNKNOWN_ORDER = SlashOrder(
    None, "no date in the file shows whether the day or the month comes first"
)


def read(text: str, order: SlashOrder) -> tuple[str | None, str]:
    """A date cell's ISO date, or None and why it could not be read."""
    date = fields.date(text)
    if date is not None:
        return date, ""
    match = _NUMERIC_DATE.fullmatch(text)
    if match is None:
        return None, ""
    first, _, second, year = match.groups()
    if len(year) == 2:
        return None, "a two-digit year, its century unknown"
    if first != second and order.day_first is None:
        if int(first) <= 12 and int(second) <= 12:
            return None, f"day and month could be either way round ({order.why})"
        return None, order.why
    day, month = (first, second) if order.day_first is not False else (second, first)
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat(), ""
    except ValueError:
        first_part = "day" if order.day_first is not False else "month"
        return None, f"not a date with the {first_part} first, as the file writes its dates"


def placer(order: SlashOrder) -> Callable[[Record, str, str, list[str]], None]:
    """The place function of the date columns in a file whose slash dates are in ``order``."""

    def place(record: Record, value: str, column: str, warnings: list[str]) -> None:
        text = " ".join(clean_text(value).split())
        date, why = read(text, order)
        if date is None:
            because = f": {why}" if why else ""
            warnings.append(f"{column}: could not read the date {text!r}{because}")
        else:
            record["dates"][DATE_COLUMNS[column]] = {"date": date, "type": None}

    return place
