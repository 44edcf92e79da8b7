"""Split the site CSV's composite cells: Locations and the Outcome Measures columns.

The site writes each location as "Facility, City, State, Zip, Country" and each outcome as
"Measure, Description, Time frame", leaving out the parts a study does not state and never
quoting a comma inside a part; entries are separated by "|". So a cell cannot always be split
back exactly: these are the rules, chosen by rebuilding such cells from the API's structured
fields (3,389 sites, 673 outcomes of the real JSON records) and checking the split against
them (99% of the sites, 96% of the outcomes come back exactly).

Entries (``entries``): split at "|"; "\\|" is a "|" inside a value and "\\\\" a backslash, as
`trials export` writes them. When a cell separates its entries with a bare "|", a " | " with
spaces on both sides is part of an entry ("Hospital X, IAP | Ophthalmology, Mexico City, …").
The site separates sites with a bare "|" in both its exports (every Locations cell of 27 real
downloads, current and classic, and `trials export`); so in a Locations cell (``sites``) with
no bare "|", a " | " separates two sites only after a country's name
(``ctgov_csv_countries``): "Roth | McFarlane Hand and Upper Limb Centre (HULC), London,
Ontario, N6A 4V2, Canada" is one site.
In a cell of Markdown text (the outcome measures: the site writes "\\>=50%", "\\[17\\]",
"3\\*ULN", "Hurst \\& Bolton"), the entries keep their backslash escapes, and every part of an
outcome loses them once split (``outcome(entry, markdown=True)``), as the API v2 JSON parser
removes them: a backslash before an ASCII punctuation character is dropped, in one pass, so
the "\\|" and "\\\\" that `trials export` writes still read as "|" and "\\" (and the split is
made on the text as the site writes it, as the rules below were chosen).

Character references (``clean.decode_references``, a reference to a control or format
character dropped): the site writes some text HTML-encoded
("Alzheimer&#39;s", "&amp;", "&Apos;", even twice or three times over: "&amp;#39;",
"&Amp;Amp;#39;"). The finished values (an entry's parts, after every split, so a decoded "|"
or "," splits nothing) have their numeric references and the named ones HTML knows decoded,
as ``html.unescape`` decodes them, a name in another case too ("&Apos;", "&Amp;"), up to
four times over. Only a reference closed by ";" is one: "R&D", "AT&T", "&amp" stay as written.

Locations (``location``), parts being the text between ", ":

- the country is the last part, with the part before it when the last one only ends a name
  ("Korea, Republic of", "Iran, Islamic Republic of", "Virgin Islands, U.S."); a site of one
  part is a country only when it names one ("Canada"), else it is the facility ("Pfizer
  Investigational Site");
- the zip is the part before the country, when another part is left for the city and it
  looks like a postal code: letters, digits, spaces and hyphens, at most 12 characters, with
  at least 3 digits ("02115", "80-952", "H3T 1E2", "C1425BGN") or in the UK form
  ("SW1A 1AA", "M1 1AA"), or a number of one or two digits ("Guangdong, 0, China", "Nord, 59,
  France", "Dublin, 8, Ireland"); a full stop after it is dropped ("40504." is the zip 40504);
- of the parts left, one is the city; two or more: the last is the state when the country is
  the United States (every US site names its state) or when there are three or more and the
  part before the last reads as a city: not part of an institution's name (a word such as
  Hospital, University, Department, Site, a company form such as "a.s.", "Inc", "LLC", a
  French, Italian, German or Portuguese public body: CHU, CH, APHP, Hospices, ASST, AOU,
  IRCCS, Presidio, AöR, E.P.E), not a street and number ("Hansteinstr. 29"), not a phrase of
  more than five words; the city is the part before the state (or the last part), and the
  facility is everything before the city, as written (commas and all);
- a ", " inside brackets splits nothing: "(1-877-285-4559, 9AM-5PM EST)" stays whole;
- the classic export (before 2023) writes no zip: "Facility, City, State, Country";
- "Location 3 of 12 (not recorded)", what `trials export` writes for a site it does not know,
  counts as a site but is not one.

Outcomes (``outcome``): the entry is split into parts at ", " outside brackets. One part is
the measure alone; otherwise every way of cutting the parts into measure, optional
description and time frame is scored and the best kept. The score favours a time frame that
opens like one ("Baseline", "Week 12", "Up to 2 years", "Day 1, Day 8 and Day 15") and holds
time words; a description (most outcomes have one) that ends a sentence; cuts after a
sentence end and before a capital or a digit; and a short measure. It is against cutting
before a lower-case word or "and"/"or"/"including" (a continuation), inside an enumeration
("A, B, C and D"), inside a list of numbers ("Day 1, 8, 15"), and against a time frame that
reads like a sentence. A measure is cut from at most 8 parts and a time frame from at most
80, so a hostile cell of many commas is split in bounded work.
"""

from __future__ import annotations

import re
from typing import Any

from .clean import decode_references
from .ctgov_csv_countries import is_country
from .ctgov_json_study import unescape

_ENTRY_PART = re.compile(r"\\([\\|])|( \| )|(\|)")
#: in Markdown text: a backslash before any ASCII punctuation, "|" and "\\" among them
#: in Markdown text: the escapes are kept as written, to be removed from the split parts
_MARKDOWN_ENTRY_PART = re.compile(r"(\\[\\|])|( \| )|(\|)")
_PLACEHOLDER = re.compile(r"Location \d+ of \d+ \(not recorded\)", re.IGNORECASE)
_NAME_END = re.compile(r"(?i)(?:.*\bof(?: the)?|occupied|u\.\s?s\.?|british)")
_POSTAL = re.compile(
    r"(?=(?:\D*\d){3})[A-Za-z0-9][A-Za-z0-9 -]{1,11}"
    r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
    r"|\d{1,2}"  # a short postal number ("Guangdong, 0, China", "Nord, 59, France", "Dublin, 8")
)
#: a street and house number ("Hansteinstr. 29", "Campo Grande 376"): a part of the facility
_STREET = re.compile(r"(?i)(?!.*\bcedex\b)(?:\d+[a-z]?\s+\D+|\D+\s\d+[a-z]?)")
_UNITED_STATES = frozenset({"united states", "united states of america", "usa", "us", "u.s."})
_INSTITUTION = re.compile(
    r"(?i)hospital|h[oô]pital|ospedale|klinik|clinic|cl[ií]nica|centre|center|centro|"
    r"universi|institut|istituto|department|\bdept\b|research|medical|health|\bsite\b|"
    r"\bunit\b|servic|centrum|zentrum|nemocnic|szpital|krankenhaus|ziekenhuis|sjukhus|"
    r"foundation|fundaci|college|school|laborator|practice|associates|"
    r"hospices|\b(?:chu|chr|chru|ch|ghu|ap-?hp|asst|aou|irccs|presidio|a[oö]e?r|e\.?p\.?e)\b|"
    r"^(?:inc|ltd|llc|plc|gmbh|ag|bv|nv|s\.?a|s\.?r\.?l|s\.?p\.?a|a\.?s|p\.?a|p\.?c|"
    r"m\.?d|ph\.?d|kft|sp\. z o\.o)\.?$"
)


def entries(text: str, markdown: bool = False, sites: bool = False) -> list[str]:
    """The "|"-separated entries of a cell, unescaped and stripped; blank ones dropped.
    ``markdown``: the cell is Markdown text, its entries keep their backslash escapes.
    ``sites``: the cell is a Locations cell, a " | " separates only after a country."""
    chunks: list[str] = []
    separators: list[str] = []
    current: list[str] = []
    start = 0
    for match in (_MARKDOWN_ENTRY_PART if markdown else _ENTRY_PART).finditer(text):
        current.append(text[start:match.start()])
        if match.group(1):
            current.append(match.group(1))
        else:
            chunks.append("".join(current))
            separators.append(match.group(0))
            current = []
        start = match.end()
    current.append(text[start:])
    chunks.append("".join(current))
    spaced_inside = "|" in separators
    out: list[str] = [chunks[0]]
    for separator, chunk in zip(separators, chunks[1:], strict=True):
        if separator == " | " and (spaced_inside or (sites and not _ends_in_country(out[-1]))):
            out[-1] += separator + chunk
        else:
            out.append(chunk)
    return [entry.strip() for entry in out if entry.strip()]


def _line(text: str) -> str:
    return " ".join(text.split())


def _ends_in_country(entry: str) -> bool:
    """True when a site's text ends with a country's name ("…, Ontario, Canada")."""
    parts = [_line(part).strip(" ,") for part in entry.split(", ")]
    parts = [part for part in parts if part]
    if len(parts) > 1 and _NAME_END.fullmatch(parts[-1]):
        return is_country(f"{parts[-2]}, {parts[-1]}")
    return bool(parts) and is_country(parts[-1])


# --- locations -------------------------------------------------------------------------------


def is_placeholder(entry: str) -> bool:
    """True for the "Location N of M (not recorded)" entries `trials export` writes."""
    return _PLACEHOLDER.fullmatch(_line(entry)) is not None


def _institution(part: str) -> bool:
    """True when a part reads as (part of) an institution's name rather than a city."""
    return part[:1].islower() or _INSTITUTION.search(part) is not None


def _not_a_city(part: str) -> bool:
    """True when a part reads as part of a facility's name or address, not as a city: an
    institution's, a street and number, or a phrase of more than five words."""
    return _institution(part) or _STREET.fullmatch(part) is not None or len(part.split()) > 5


def facility_less(entries: list[str]) -> bool:
    """Do a study's sites name no facilities (its registration lists cities only: "Bahía
    Blanca, Argentina", "San Miguel de Tucumán, TUC, Argentina")? True when no part reads
    as an institution and the sites show it: its US sites are all "City, State" (two or
    more of them), or, without those, sites naming only a city outnumber those of two
    parts ("Gustave Roussy, Villejuif, France" beside "Paris, France" is a facility)."""
    city_only = pairs = us_pairs = 0
    for entry in entries:
        parts = [_line(piece).strip(" ,") for piece in entry.split(", ")]
        parts = [part for part in parts if part]
        if any(_institution(part) and not part[:1].islower() for part in parts):
            return False
        if len(parts) > 2 and any(char.isdigit() for char in parts[0]):
            return False  # a site code as the facility ("Ps0005 553, Prague, Czechia")
        if len(parts) < 2 or not is_country(parts[-1]):
            continue
        before = [part for part in parts[:-1] if not _POSTAL.fullmatch(part.removesuffix("."))]
        if parts[-1].casefold() in _UNITED_STATES:
            if len(before) > 2:
                return False  # a US site with a facility
            us_pairs += len(before) == 2
        elif len(before) == 1:
            city_only += 1
        elif len(before) == 2:
            pairs += 1
    return (us_pairs >= 2 and city_only > 0) or city_only > pairs


def location(entry: str, with_zip: bool = True, *, no_facility: bool = False) -> dict[str, Any]:
    """A "Facility, City, State, Zip, Country" entry as a record location (no status, geo or
    contacts: the CSV has none). ``with_zip`` false: the entry has no zip part (the classic
    export's "Facility, City, State, Country"), so none is looked for. ``no_facility``: the
    study's sites name no facilities (facility_less), so two parts are a city and its
    state."""
    pieces = [piece for piece in _parts(entry) if _line(piece).strip(" ,")]
    parts = [_line(piece).strip(" ,") for piece in pieces]
    found: dict[str, Any] = dict.fromkeys(("facility", "city", "state", "zip", "country"))
    if len(parts) > 1 or (parts and is_country(parts[0])):
        country = parts.pop()
        if parts and _NAME_END.fullmatch(country):
            country = f"{parts.pop()}, {country}"
        found["country"] = country
    if with_zip and len(parts) > 1 and _POSTAL.fullmatch(parts[-1].removesuffix(".")):
        found["zip"] = parts.pop().removesuffix(".")
    if len(parts) >= 2 and (
        (found["country"] or "").casefold() in _UNITED_STATES
        or (len(parts) >= 3 and not _not_a_city(parts[-2]))
        or (no_facility and len(parts) == 2)
    ):
        found["state"] = parts.pop()
    if parts and found["country"]:  # (a lone part that names no country is the facility)
        found["city"] = parts.pop()
    # the facility as written: its own commas and spaces kept
    found["facility"] = _line(", ".join(pieces[: len(parts)])).strip(" ,") or None
    for key, value in found.items():
        if value:
            found[key] = _line(decode_references(value, keep_unprintable=False)) or None
    return {**found, "status": None, "geo": None, "contacts": []}


# --- outcomes --------------------------------------------------------------------------------

_TF_START = re.compile(
    r"(?i)(?:\d|\[|\(|up\b|upto|through|throughout|from|at\b|after|before|pre|post|during|"
    r"days?\b|weeks?\b|wks?\b|months?\b|years?\b|hours?\b|hrs?\b|minutes?\b|mins?\b|baseline|"
    r"screening|end\b|cycles?\b|visits?\b|time\b|within|over\b|until|till|each|every|approx|"
    r"about|~|≤|≥|<|>|one|two|three|four|five|six|seven|eight|nine|ten|twelve|first|second|"
    r"third|last|daily|weekly|monthly|annually|yearly|periop|intra|immediately|on\b|by\b|"
    r"[dwm]\d|study|follow[- ]?up|admission|discharge|surgery|continuous|change from|"
    r"duration|entire|single|once|twice|initial|final|between)"
)
_TIME_WORD = re.compile(
    r"(?i)\b(?:\d+|days?|weeks?|months?|years?|hours?|minutes?|baseline|visits?|cycles?|"
    r"follow[- ]?up|completion|end|discharge|surgery|admission|post|pre|period|daily|weekly|"
    r"monthly|time ?points?|session|screening|randomi[sz]ation|enrol?lment)\b"
)
_SENTENCE_END = re.compile(r"[.!?]['\")\]]?$")
_CONTINUATION = re.compile(r"(?i)(?:and|or|but|with|whichever|including|i\.e|e\.g)\b")
_LIST_END = re.compile(r"(?:^|\s)(?:and|or)\s")
_NUMBER_END = re.compile(r"(?:^|\s)[\d.]+$")
_NUMBER = re.compile(r"[\d.]+")
_MAX_MEASURE_PARTS = 8
_MAX_TIME_FRAME_PARTS = 80


def _parts(text: str) -> list[str]:
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
        and _TIME_WORD.search(part) is not None
        and not _SENTENCE_END.search(part.removesuffix("."))
    )


class _Cuts:
    """The parts of an outcome entry with what the scoring needs of each."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts
        self.ends = [_SENTENCE_END.search(part) is not None for part in parts]
        self.timeish = [_timeish(part) for part in parts]
        self.starts = [_TF_START.match(part) is not None for part in parts]
        count = len(parts)
        self.time_after = [False] * (count + 1)  # a time word in parts[k:]
        self.wordy_after = [0] * (count + 1)  # parts[k:] that are not time points
        self.length_after = [0] * (count + 1)
        for k in range(count - 1, -1, -1):
            found = _TIME_WORD.search(parts[k]) is not None
            self.time_after[k] = self.time_after[k + 1] or found
            self.wordy_after[k] = self.wordy_after[k + 1] + (not self.timeish[k])
            self.length_after[k] = self.length_after[k + 1] + len(parts[k]) + 2

    def cut(self, k: int, time_frame: bool) -> float:
        """How likely a field starts at parts[k]."""
        left, right = self.parts[k - 1], self.parts[k]
        score = 1.5 if self.ends[k - 1] else 0.0
        if right[:1].islower() and not (time_frame and self.starts[k]):
            score -= 2
        if _CONTINUATION.match(right):
            score -= 2
        if _NUMBER_END.search(left) and (right[:1].isdigit() or right.startswith("and ")):
            score -= 3
        return score

    def in_list(self, k: int) -> bool:
        """True when parts[k] continues an enumeration "A, B, C and D"."""
        for part in self.parts[k:k + 6]:
            if len(part.split()) > 6 or _SENTENCE_END.search(part) or _NUMBER.fullmatch(part):
                return False
            if _LIST_END.search(part):
                return True
        return False

    def score(self, i: int | None, j: int) -> float:
        """Measure parts[:i], description parts[i:j] (none when i is None), time frame
        parts[j:]."""
        last = len(self.parts) - 1
        score = 1.5 * self.starts[j] + 1.0 * self.time_after[j] - 1.5 * self.ends[last]
        wordy = self.wordy_after[j + 1]
        if self.length_after[j] > 122 and (wordy or not self.timeish[j]):
            score -= 1
        score -= 0.3 * wordy
        score += self.cut(j, True)
        if len(self.parts[j - 1]) < 30 and self.timeish[j - 1]:
            score -= 1.5
        if i is None:
            return score - 0.4 * (j - 1)
        score += self.cut(i, False) + 0.7 - 0.4 * (i - 1)
        if self.in_list(i):
            score -= 2
        if self.ends[j - 1]:
            score += 1
        length = self.length_after[i] - self.length_after[j] - 2
        if length < 40 and _timeish(", ".join(self.parts[i:j])):
            score -= 1.5
        return score


def _best_cut(parts: list[str]) -> tuple[int | None, int]:
    cuts = _Cuts(parts)
    best: tuple[float, int | None, int] | None = None
    for j in range(max(1, len(parts) - _MAX_TIME_FRAME_PARTS), len(parts)):
        options: list[int | None] = [None, *range(1, min(j, _MAX_MEASURE_PARTS + 1))]
        for i in options:
            score = cuts.score(i, j)
            if best is None or score > best[0]:
                best = (score, i, j)
    assert best is not None
    return best[1], best[2]


def outcome(entry: str, markdown: bool = False) -> dict[str, Any] | None:
    """A "Measure, Description, Time frame" entry as a record outcome; None without a
    measure. The description keeps its lines. ``markdown``: the entry is Markdown text (as
    ``entries`` gives it), its parts lose their backslash escapes once split."""
    parts = _parts(entry)
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
