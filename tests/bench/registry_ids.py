"""Identity and calendar of the registry corpus's studies: NCT ids, zip names, dates."""
from __future__ import annotations

import bisect
import datetime

#: The date the corpus is "downloaded": no date of a study is later (versionHolder).
DATA_DATE = datetime.date(2025, 9, 30)
#: NCT numbers are drawn from 100 .. 100 + NCT_SPACE - 1 (NCT00000100 .. NCT07100099).
NCT_SPACE = 7_000_000

_ORIGIN = datetime.date(1999, 9, 1).toordinal()
# (NCT number, first submitted): the registry's numbering against time, roughly.
_ID_DATES = [
    (0, _ORIGIN), (100_000, datetime.date(2004, 12, 1).toordinal()),
    (500_000, datetime.date(2007, 7, 1).toordinal()),
    (1_000_000, datetime.date(2009, 10, 1).toordinal()),
    (2_000_000, datetime.date(2013, 12, 1).toordinal()),
    (3_000_000, datetime.date(2016, 12, 1).toordinal()),
    (4_000_000, datetime.date(2019, 7, 1).toordinal()),
    (5_000_000, datetime.date(2021, 8, 1).toordinal()),
    (6_000_000, datetime.date(2023, 8, 1).toordinal()),
    (7_000_000, datetime.date(2025, 6, 15).toordinal()),
    (7_100_100, datetime.date(2025, 9, 15).toordinal()),
]
TODAY = DATA_DATE.toordinal()
YEAR_2017 = datetime.date(2017, 1, 1).toordinal()


def iso_date(ordinal: int) -> str:
    """The date of a proleptic Gregorian ordinal as YYYY-MM-DD."""
    return datetime.date.fromordinal(ordinal).isoformat()


def first_submitted(number: int) -> int:
    """The first-submitted date (ordinal) of the NCT number."""
    index = bisect.bisect_right([n for n, _ in _ID_DATES], number) - 1
    index = min(index, len(_ID_DATES) - 2)
    (n0, d0), (n1, d1) = _ID_DATES[index], _ID_DATES[index + 1]
    return min(TODAY - 14, d0 + (number - n0) * (d1 - d0) // (n1 - n0))


def nct_for(index: int, seed: int = 0) -> str:
    """The NCT id of study index: a shuffle of NCT00000100 .. NCT07100099, one per seed.

    Distinct indices below NCT_SPACE get distinct ids (a Feistel permutation of 24-bit
    numbers, walked until it lands below NCT_SPACE).
    """
    if not 0 <= index < NCT_SPACE:
        raise ValueError(f"a corpus holds at most {NCT_SPACE:,} studies")
    number = index
    while True:
        left, right = number >> 12, number & 0xFFF
        for round_ in range(4):
            mixed = (right * 0x9E3779B1 + seed * 0x85EBCA6B + round_ * 0xC2B2AE35) & 0xFFFFFFFF
            left, right = right, left ^ ((mixed ^ (mixed >> 15)) & 0xFFF)
        number = (left << 12) | right
        if number < NCT_SPACE:
            return f"NCT{100 + number:08d}"


def entry_name(nct_id: str) -> str:
    """The study's name in the bulk zip: its folder (last two digits) and file."""
    return f"{nct_id[-2:]}/{nct_id}.json"
