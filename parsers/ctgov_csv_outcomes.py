"""Split the outcome entries of the site CSV's Outcome Measures columns ("Measure, Description,
Time frame"; the cells and their entries: ``ctgov_csv_cells``).

Outcomes (``outcome``): the entry is split into parts at ", " outside brackets. One part is
the measure alone; otherwise every way of cutting the parts into measure, optional
description and time frame is scored and the best kept. The score favours a time frame that
opens like one ("Baseline", "Week 12", "Up to 2 years", "Day 1, Day 8 and Day 15") and holds
time words; a description (most outcomes have one) that ends a sentence; cuts after a
sentence end and before a capital or a digit; and a short measure. It is against cutting
before a lower-case word or "and"/"or"/"including" (a continuation), after "i.e." or "e.g."
(no sentence end) or after a citation's "et al." before its year, inside an enumeration ("A,
B, C and D"; "Pain, Enjoyment, and General Activity Scale (PEG) …": short items, then a last
"and …" of any length), inside a list of numbers ("Day 1, 8, 15"), and against a time frame
that reads like a sentence; it favours a description that repeats the measure, as many
registrations write it ("Change of erythema …, Change of erythema …, Week 12"). A part
opening with a digit opens a time frame only with a unit of time or as a number alone
("12-16 weeks", "30"; not "90% improvement", "19-item questionnaire"); a last part that is a
number of a unit of its own ("…after Wk. 52, 52 weeks") is no item of a list of numbers;
"prior to", "day1" and "Peroperatively" open a time frame ("Inclusion" is a time,
"inclusion criteria" none); a list a part introduces ("including lutein, …, and lycopene")
is that part's own; and a time frame is against holding a short "and …" item that closes a
list before its last part ("…at Week 4, Week 8, and Week 12, Baseline to Weeks 4, 8 and
12"). The site writes the three fields joined by
", " whatever commas they hold, so the split is a reading, not a certainty: the weights were
fitted on the outcomes of real registry records written so (10,155 outcomes of 1,516 API and
XML records, half of the studies to fit, half to check), of which the split gives back the
registry's three fields exactly for 93.8% (89.8% before the fit). Measured again on the
6,405 outcomes of 825 real records at hand (3,363 of them from 446 studies never used to
fit): 95.1% (94.5% on those 446); 96.1% with the rules on digits, lists closed and "prior
to" above (each checked on both halves of the studies by a hash of their ids). A measure is
cut from at most 8 parts and a time frame from at most 80, so a hostile cell of many commas
is split in bounded work.

An outcome may state no time frame (registrations before 2007 state a measure only), so the
time frame the score picks must still read as one, else the whole entry is the measure ("PK
parameters - AUC, Cmax, Tmax"; "changes from baseline in SEP questions 1, 4 and 5;"). It
does not when it opens with a continuation ("and", "or", "including"); when it opens with a
lower-case word that opens no time frame ("relative to baseline, for SEP question 3.",
"lens, and retinal anatomy.") and names no span of time or event (a number of hours, days,
weeks, months or years, a visit, a dose, admission, surgery, a month, a year, a date); when
it opens with a number and is neither a time ("12-lead ECG, and physical examinations.")
nor a list of numbers after a part not ending in one ("30", "4, 8, 12, 16." are time
frames, "…questions 1, 4 and 5;" is not); or, opening otherwise, when it neither opens
like a time frame ("Throughout the study", "Prior to dosing", "the time of …") nor holds a
word of time ("Tmax", "IIEF.", "Meaningful Relief"). A description that ends a sentence
before it keeps it a time frame ("…, Outcome to quantify feasibility of procedure.,
transplantation"). Without a time frame the entry is not cut into a measure and a
description: of 54 outcomes stating no time frame in 1,428 real XML and JSON records, none
states a description.
"""

from __future__ import annotations

import re
from typing import Any

from .clean import decode_references
from .ctgov_json_study import unescape


def _line(text: str) -> str:
    return " ".join(text.split())


_TF_START = re.compile(
    r"(?i)(?:\d|\[|\(|up\b|upto|through|throughout|from|at\b|after|before|pre|post|during|"
    r"days?\b|weeks?\b|wks?\b|months?\b|years?\b|hours?\b|hrs?\b|minutes?\b|mins?\b|baseline|"
    r"screening|end\b|cycles?\b|visits?\b|time\b|within|over\b|until|till|each|every|approx|"
    r"about|~|≤|≥|<|>|one|two|three|four|five|six|seven|eight|nine|ten|twelve|first|second|"
    r"third|last|daily|weekly|monthly|annually|yearly|periop|perop|intra|immediately|on\b|by\b|"
    r"[dwm]\d|study|follow[- ]?up|admission|discharge|surgery|continuous|change from|"
    r"duration|entire|single|once|twice|initial|final|between|prior[ \t]+to\b|"
    r"(?:days?|weeks?|months?|visits?|cycles?)\d)"
)
_TIME_WORDS = (
    r"days?|weeks?|months?|years?|hours?|minutes?|baseline|visits?|cycles?|"
    r"follow[- ]?up|completion|end|discharge|surgery|admission|post|pre|period|daily|weekly|"
    r"monthly|time ?points?|session|screening|randomi[sz]ation|enrol?lment|"
    r"inclusion(?![ \t]+criteri)"
)
#: a number, a word of time or a unit numbered ("day1", "Week0")
_TIME_WORD = re.compile(
    rf"(?i)\b(?:\d+|{_TIME_WORDS})\b|\b(?:days?|weeks?|months?|visits?|cycles?)\d"
)
#: a number of a unit of time, a unit numbered, a year, a date: "24hours", "12 W", "Month18"
_UNITS = (
    r"\d ?(?:hours?|days?|weeks?|months?|years?|minutes?|seconds?|nights?)"
    r"|\d ?(?:h|hrs?|d|w|wks?|mos?|mths?|yrs?|mins?|secs?)\b"
    r"|\b(?:days?|weeks?|months?|years?|visits?|cycles?)\d"
    r"|\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
#: spans of time and the events a time frame is told by
_EVENTS = (
    r"days?|weeks?|months?|years?|hours?|minutes?|seconds?|nights?|overnight|visits?|doses?|"
    r"dosing|admission|discharge|surgery|delivery|birth|follow[- ]?up|"
    r"(?:pre|post|intra|peri?)-?op\w*|"
    r"january|february|march|april|june|july|august|september|october|november|december"
)
#: what a time frame opening in lower case must name ("randomization to 72 hours")
_TIME_SPAN = re.compile(rf"(?i)\b(?:{_EVENTS})\b|{_UNITS}")
#: a word of time other than a number ("Week 12", "Delivery", "Ongoing", "Day1", "T0")
_TIME_SENSE = re.compile(
    rf"(?i)\b(?:{_TIME_WORDS}|{_EVENTS}|ongoing|procedure|operation|treatment|therapy|stay|"
    r"hospitali[sz]ation|lifetime|long[- ]term|short[- ]term|at|during|after|before|until|"
    rf"throughout|prior to)\b|\b[dtwmy]\d|{_UNITS}"
    r"|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d"
)
#: _TF_START as a whole word ("through" is not the opening of "throughout")
_OPENING = re.compile(_TF_START.pattern + r"(?![a-zA-Z])")
_MORE_OPENING = re.compile(
    r"(?i)(?:prior|previous|previously|immediate|ongoing|length of)\b"
    r"|(?:pre|post|intra|peri?)-?(?:op|dos|treat|natal|partum|surg|infusion|transplant|procedur|"
    r"randomi|interven|discharge)"
)
_ARTICLE = re.compile(r"(?i)(?:the|a|an) ")
#: numbers, maybe with a word or two: "30", "4, 8, 12, 16.", "6 MOTHES"
_NUMBER_LIST = re.compile(r"[\d.]+(?:(?:, ?| and | & |-|–| to )[\d.]+)*\.?(?: [^\W\d]+\.?){0,2}")
_SENTENCE_END = re.compile(r"[.!?]['\")\]]?$")
#: a full stop that ends an abbreviation, not a sentence ("…end of study, i.e., up to 72 months")
_ABBREVIATION = re.compile(r"(?i)(?:^|[\s(])(?:i\.e|e\.g|vs|approx|incl|ca|cf|viz|resp)\.$")
#: a citation's "et al." before its year ("… developed by Sekhon et al., 2022. Item …"): no
#: cut there ("… in the study of Armutlu et al., The necessary evaluation …" is one)
_CITED = re.compile(r"\bet al\.$")
_YEAR = re.compile(r"(?:19|20)\d\d\b")
_CONTINUATION = re.compile(r"(?i)(?:and|or|but|with|whichever|including|i\.e|e\.g)\b")
_LIST_END = re.compile(r"(?:^|\s)(?:and|or)\s")
_LIST_OPEN = re.compile(r"(?:and|or)\s")
_INTRODUCES = re.compile(r"(?i)(?:including|such as|e\.g|i\.e|namely)\b")
#: The most words of the items before a list's last, "and …" item of any length.
_LIST_ITEM_WORDS = 4
_NUMBER_END = re.compile(r"(?:^|\s)[\d.]+$")
_NUMBER = re.compile(r"[\d.]+")
_MAX_MEASURE_PARTS = 8
_MAX_TIME_FRAME_PARTS = 80
#: a number (a range, a list, an ordinal) and its unit of time: "12-16 weeks", "8th weeks",
#: "3-months", "0.5 hr"
_UNIT_OPENING = re.compile(
    r"(?i)[\d.,]+(?: ?(?:-|–|to|and|or|&) ?[\d.]+)*(?:st|nd|rd|th)?[ -]?(?:hours?|days?|"
    r"weeks?|months?|years?|minutes?|seconds?|nights?|h|hrs?|d|w|wks?|mos?|mths?|yrs?|mins?|"
    r"secs?)\b"
)
_BARE_NUMBER = re.compile(r"[\d.]+$")
#: The most words of a short "and …" item closing a list ("and Week 12", "and 24").
_CLOSING_ITEM_WORDS = 3
#: The most words of the part before a last part "52 weeks" for the cut there to stand.
_NUMBER_LIST_WORDS = 3


def _opens_with_time(part: str) -> bool:
    """A part opening with a digit opens a time frame only with a unit of time ("12-16
    weeks", "4th day") or as a number alone ("30"); not "90% improvement", "0-10 NRS",
    "19-item yes/no questionnaire", "1 = mild inflammation"."""
    return (
        not part[:1].isdigit()
        or _UNIT_OPENING.match(part) is not None
        or _BARE_NUMBER.match(part) is not None
    )


def split_parts(text: str) -> list[str]:
    """The text split at ", " outside matched brackets."""
    opens: list[tuple[str, int]] = []
    depth = [0] * (len(text) + 1)
    pairs = {")": "(", "]": "[", "}": "{"}
    for index, char in enumerate(text):
        if char in "([{":
            opens.append((char, index))
        elif char in pairs and opens and opens[-1][0] == pairs[char]:
            depth[opens.pop()[1]] += 1
            depth[index] -= 1
    parts: list[str] = []
    level = start = 0
    for index, char in enumerate(text):
        level += depth[index]
        if char == "," and level == 0 and text.startswith(", ", index):
            parts.append(text[start:index])
            start = index + 2
    parts.append(text[start:])
    return parts


def _timeish(part: str) -> bool:
    """A short part that reads as a time point ("Week 12", "0.5 hr", "Baseline")."""
    return (
        len(part) <= 40
        and bool(_TF_START.match(part) or part[:1].isdigit())
        and _opens_with_time(part)
        and _TIME_WORD.search(part) is not None
        and not _SENTENCE_END.search(part.removesuffix("."))
    )


class _Cuts:
    """The parts of an outcome entry with what the scoring needs of each."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts
        self.ends = [_SENTENCE_END.search(part) is not None and _ABBREVIATION.search(part) is None
                     for part in parts]
        for k in range(len(parts) - 1):
            if self.ends[k] and _YEAR.match(parts[k + 1]) and _CITED.search(parts[k]):
                self.ends[k] = False
        self.timeish = [_timeish(part) for part in parts]
        self.unit_opens = [_UNIT_OPENING.match(part) is not None for part in parts]
        self.starts = [_TF_START.match(part) is not None and _opens_with_time(part)
                       for part in parts]
        count = len(parts)
        self.time_after = [False] * (count + 1)  # a time word in parts[k:]
        self.wordy_after = [0] * (count + 1)  # parts[k:] that are not time points
        self.length_after = [0] * (count + 1)
        #: a part after parts[k] closes a list ("…, and Week 12") before the last part
        self.closed_after = [False] * (count + 1)
        for k in range(count - 3, -1, -1):
            closing = parts[k + 1]
            self.closed_after[k] = self.closed_after[k + 1] or (
                _LIST_OPEN.match(closing) is not None
                and len(closing.split()) <= _CLOSING_ITEM_WORDS
            )
        for k in range(count - 1, -1, -1):
            found = _TIME_WORD.search(parts[k]) is not None
            self.time_after[k] = self.time_after[k + 1] or found
            self.wordy_after[k] = self.wordy_after[k + 1] + (not self.timeish[k])
            self.length_after[k] = self.length_after[k + 1] + len(parts[k]) + 2

    def cut(self, k: int, time_frame: bool) -> float:
        """How likely a field starts at parts[k]."""
        left, right = self.parts[k - 1], self.parts[k]
        score = 3.4 if self.ends[k - 1] else 0.0
        if right[:1].islower() and not (time_frame and self.starts[k]):
            score -= 1
        if _CONTINUATION.match(right):
            score -= 1
        if _NUMBER_END.search(left) and (right[:1].isdigit() or right.startswith("and ")):
            last = k == len(self.parts) - 1
            if last and self.unit_opens[k] and len(left.split()) > _NUMBER_LIST_WORDS:
                score -= 0.5  # "…after Wk. 52, 52 weeks": the last part a time of its own
            else:
                score -= 3
        if _ABBREVIATION.search(left):
            score -= 3  # "…, i.e., up to 72 months": the text goes on
        return score

    def in_list(self, k: int) -> bool:
        """True when parts[k] continues an enumeration "A, B, C and D"."""
        short = True  # every part so far a word or a few: "Pain, Enjoyment, and General …"
        for at, part in enumerate(self.parts[k:k + 6]):
            if at and short and _LIST_OPEN.match(part):
                return True  # "…, and General Activity Scale (PEG) from week 6 to week 15"
            words = len(part.split())
            # a list a part introduces ("…, including lutein, zeaxanthin, and lycopene …") is
            # that part's own, inside the field, not one the cut at k splits
            short = short and words <= _LIST_ITEM_WORDS and not _INTRODUCES.match(part)
            if words > 6 or _SENTENCE_END.search(part) or _NUMBER.fullmatch(part):
                return False
            if _LIST_END.search(part):
                return True
        return False

    def score(self, i: int | None, j: int) -> float:
        """Measure parts[:i], description parts[i:j] (none when i is None), time frame
        parts[j:]."""
        last = len(self.parts) - 1
        score = 1.1 * self.starts[j] + 1.0 * self.time_after[j] - 1.5 * self.ends[last]
        if self.length_after[j] > 122 and (self.wordy_after[j + 1] or not self.timeish[j]):
            score -= 1
        score += self.cut(j, True)
        if self.closed_after[j]:
            score -= 1  # "…at Week 4, Week 8, and Week 12, Baseline to Weeks 4, 8 and 12"
        if len(self.parts[j - 1]) < 30 and self.timeish[j - 1]:
            score -= 1.5
        if i is None:
            return score
        score += self.cut(i, False) + 1.1 - 0.3 * (i - 1)
        if self.in_list(i):
            score -= 1
        if self.ends[j - 1]:
            score += 2
        if j >= 2 * i and self.parts[i : 2 * i] == self.parts[:i]:
            score += 2  # the description repeats the measure, as many registrations do
        length = self.length_after[i] - self.length_after[j] - 2
        if length < 40 and _timeish(", ".join(self.parts[i:j])):
            score -= 0.75
        return score


def _opens_like_time_frame(text: str) -> bool:
    """True when the text's first word opens a time frame ("Up to", "at", "Throughout",
    "the time …", "preoperatively"); a number alone does not ("4 and 5;", "12-lead ECG")."""
    article = _ARTICLE.match(text)
    text = text[article.end():] if article else text
    if text[:1].isdigit():
        return False
    return _OPENING.match(text) is not None or _MORE_OPENING.match(text) is not None


def _reads_as_time_frame(text: str, before: str) -> bool:
    """Can the text (the parts after the part ``before``) be a time frame? Not after a
    continuation, not from a lower-case word naming no span of time, not from a number
    neither a time nor a list of numbers of its own, not when it neither opens like a time
    frame nor holds a word of time (the module's account)."""
    if _CONTINUATION.match(text):
        return False
    if text[:1].isdigit() and not _TIME_SENSE.search(text):
        return bool(_NUMBER_LIST.fullmatch(text)) and _NUMBER_END.search(before) is None
    opens = _opens_like_time_frame(text)
    if text[:1].islower() and not opens:
        return _TIME_SPAN.search(text) is not None
    return opens or _TIME_SENSE.search(text) is not None


def _best_cut(parts: list[str]) -> tuple[int | None, int]:
    """Where the description (None: none) and the time frame start (len(parts): none)."""
    cuts = _Cuts(parts)
    best: tuple[float, int | None, int] | None = None
    for j in range(max(1, len(parts) - _MAX_TIME_FRAME_PARTS), len(parts)):
        options: list[int | None] = [None, *range(1, min(j, _MAX_MEASURE_PARTS + 1))]
        for i in options:
            score = cuts.score(i, j)
            if best is None or score > best[0]:
                best = (score, i, j)
    assert best is not None
    _, i, j = best
    closed = i is not None and cuts.ends[j - 1]  # a description ending a sentence before it
    if closed or _reads_as_time_frame(", ".join(parts[j:]), parts[j - 1]):
        return i, j
    return None, len(parts)  # no time frame: the whole entry is the measure


def outcome(entry: str, markdown: bool = False) -> dict[str, Any] | None:
    """A "Measure, Description, Time frame" entry as a record outcome; None without a
    measure. The description keeps its lines. ``markdown``: the entry is Markdown text (as
    ``entries`` gives it), its parts lose their backslash escapes once split."""
    parts = split_parts(entry)
    i, j = (None, 1) if len(parts) == 1 else _best_cut([part.strip() for part in parts])
    if markdown:
        parts = [unescape(part) for part in parts]

    def field(start: int, end: int) -> str:
        return decode_references(", ".join(parts[start:end]), keep_unprintable=False)

    measure = _line(field(0, j if i is None else i))
    if not measure:
        return None
    description = field(i, j) if i is not None else ""
    lines = [line.rstrip() for line in description.split("\n")]
    return {
        "measure": measure,
        "description": re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() or None,
        "time_frame": _line(field(j, len(parts))) or None,
    }
