"""Parse single field values shared by the page layouts: ages, enrollment, dates, treatments."""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

from . import vocab

#: The largest count or age kept: every integer up to it is exact in JSON (and in a float);
#: a page stating more ("999…9 patients") gets a warning instead of a number no one can store.
MAX_NUMBER = 2**53 - 1
_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = r"(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?)"
_AGE_RANGE = re.compile(
    rf"(?P<a>{_NUMBER})\s*(?P<ua>{_UNIT})?\s*(?:to|-|–|—)\s*(?P<b>{_NUMBER})\s*(?P<ub>{_UNIT})"
)
_AGE_MIN = re.compile(
    rf"(?:(?:over|above|older than|at least|from|>=?|≥)\s*)?(?P<a>{_NUMBER})\s*(?P<ua>{_UNIT})"
    rf"(?:\s*\+|\s+(?:and|or)\s+(?:older|over|above)|\s+and\s+up)"
    rf"|(?:over|above|older than|at least|>=?|≥)\s*(?P<a2>{_NUMBER})\s*(?P<ua2>{_UNIT})"
    rf"|(?P<a3>{_NUMBER})\s*\+\s*(?P<ua3>{_UNIT})"
)
_AGE_MAX = re.compile(
    rf"(?:up to|under|below|less than|younger than|<=?|≤)\s*(?P<b>{_NUMBER})\s*(?P<ub>{_UNIT})"
    rf"|(?P<b2>{_NUMBER})\s*(?P<ub2>{_UNIT})\s+(?:and|or)\s+(?:younger|under|below)"
)
_ENROLLMENT = re.compile(
    r"(?P<count>\d[\d,]*)\s*(?P<kind>estimated|anticipated|actual)?\s*"
    r"(?:patients?|participants?|subjects?|people|persons?|volunteers?)?"
    r"\s*(?:\((?P<paren>estimated|anticipated|actual)\))?",
    re.IGNORECASE,
)
_GROUPS = re.compile(
    r"(?P<count>\d[\d,]*)\s+participants?\s+in\s+(?P<groups>\d+)\s+(?:patient\s+)?groups?\b.*",
    re.IGNORECASE,
)
_MONTHS = {
    name: index
    for index, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}


def number(text: str) -> int | float | None:
    """An int when the text is whole, else a float; None past MAX_NUMBER."""
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return None
    return int(value) if value.is_integer() else value


def count(text: str) -> int | None:
    """A whole number written with optional thousands commas ("1,200"); None when the text is
    not one or it exceeds MAX_NUMBER."""
    digits = text.replace(",", "")
    if not digits.isdecimal() or len(digits) > len(str(MAX_NUMBER)):
        return None
    value = int(digits)
    return value if value <= MAX_NUMBER else None


def _age(value: str | None, unit: str | None) -> dict[str, Any] | None:
    if value is None or unit is None:
        return None
    enum = vocab.age_unit(unit)
    amount = number(value)
    return {"value": amount, "unit": enum} if enum and amount is not None else None


def ages(text: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None] | None:
    """Parse "18 to 80 years old", "18+ years old", "Under 48 hours old" into (min, max)."""
    key = re.sub(r"\s+old$", "", " ".join(text.casefold().split())).strip()
    if key in {"all", "all ages", "any age", "n/a", "none"}:
        return None, None
    match = _AGE_RANGE.fullmatch(key)
    if match:
        return _age(match["a"], match["ua"] or match["ub"]), _age(match["b"], match["ub"])
    match = _AGE_MIN.fullmatch(key)
    if match:
        value = match["a"] or match["a2"] or match["a3"]
        return _age(value, match["ua"] or match["ua2"] or match["ua3"]), None
    match = _AGE_MAX.fullmatch(key)
    if match:
        return None, _age(match["b"] or match["b2"], match["ub"] or match["ub2"])
    return None


def single_age(text: str) -> dict[str, Any] | None:
    """Parse one age such as "18 Years"."""
    match = re.fullmatch(rf"\s*({_NUMBER})\s*({_UNIT})\s*", text.casefold())
    return _age(match.group(1), match.group(2)) if match else None


def enrollment(text: str, default_type: str | None = "ACTUAL") -> dict[str, Any] | None:
    """Parse "15 patients" (ACTUAL), "30 estimated patients" (ESTIMATED) or "20"."""
    match = _ENROLLMENT.fullmatch(text.strip())
    if match is None:
        return None
    kind = (match["kind"] or match["paren"] or "").casefold()
    if kind in {"estimated", "anticipated"}:
        kind_enum: str | None = "ESTIMATED"
    elif kind == "actual":
        kind_enum = "ACTUAL"
    else:
        kind_enum = default_type
    amount = count(match["count"])
    return None if amount is None else {"count": amount, "type": kind_enum}


def participant_groups(text: str) -> tuple[int, int] | None:
    """Parse "15 participants in 2 patient groups, ..." into (participants, groups)."""
    match = _GROUPS.fullmatch(text.strip())
    if match is None:
        return None
    participants, groups = count(match["count"]), count(match["groups"])
    return None if participants is None or groups is None else (participants, groups)


def sex(text: str) -> str | None:
    """Map "All", "Female", "Male" (and "Both", "Women", "Men")."""
    key = vocab.vocab_key(text)
    key = {"women": "female", "females": "female", "men": "male", "males": "male"}.get(key, key)
    return vocab.lookup(vocab.SEXES, key)


def healthy_volunteers(text: str) -> bool | None:
    """Map "Accepts Healthy Volunteers" / "No Healthy Volunteers" / "Yes" / "No"."""
    key = vocab.vocab_key(text)
    if key in {"accepts healthy volunteers", "yes", "true", "healthy volunteers accepted"}:
        return True
    if key in {"no healthy volunteers", "no", "false", "does not accept healthy volunteers"}:
        return False
    return None


def typed_intervention(text: str) -> tuple[str, str] | None:
    """Split a "Biological: Autologous mesenchymal stem cells" line into (TYPE, name)."""
    head, colon, name = text.partition(":")
    if not colon or not name.strip():
        return None
    enum = vocab.lookup(vocab.INTERVENTION_TYPES, head)
    return (enum, name.strip()) if enum else None


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_MONTH_FIRST = re.compile(r"([a-z]+)\.?(?: (\d{1,2}))? (\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2}) ([a-z]+)\.? (\d{4})")


def date(text: str) -> str | None:
    """Parse "Jan 31 2010", "January 31, 2010", "Jan 2010", "2010-01-31", "2010" to ISO form."""
    key = " ".join(text.replace(",", " ").split()).casefold()
    match = _ISO_DATE.fullmatch(key)
    if match:
        year, month, day = match.groups()
        return _iso(year, month, day)
    match = _MONTH_FIRST.fullmatch(key)
    if match and match.group(1) in _MONTHS:
        return _iso(match.group(3), str(_MONTHS[match.group(1)]), match.group(2))
    match = _DAY_FIRST.fullmatch(key)
    if match and match.group(2) in _MONTHS:
        return _iso(match.group(3), str(_MONTHS[match.group(2)]), match.group(1))
    return None


#: A registry (NCT) id, as a whole value: NCT_ID.fullmatch(text).
NCT_ID = re.compile(r"NCT\d{8}")

_MONTH_SLASH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")


#: The years an anticipated posting date can name (the registry opened in 2000; "12/3333"
#: is a placeholder some records hold).
POSTING_YEARS = range(1997, 2101)


def posting_date(text: str) -> str | None:
    """An anticipated posting date: "05/2017" (classic XML), "2017-05" (API v2), "2025", to
    ISO form; None when it is not a date, or names a year outside POSTING_YEARS."""
    match = _MONTH_SLASH_YEAR.fullmatch(text.strip())
    found = _iso(match.group(2), match.group(1), None) if match else date(text)
    if found is None or int(found[:4]) not in POSTING_YEARS:
        return None
    return found


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
