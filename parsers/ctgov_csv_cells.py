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

Locations (``location``), parts being the text between ", ", a region written inverted as
ISO 3166-2 names some ("London, City of", "Madrid, Comunidad de", "Valenciana, Comunitat",
"Bruxelles-Capitale, Région de") being one part:

- the country is the last part, with the part before it when the last one only ends a name
  ("Korea, Republic of", "Iran, Islamic Republic of", "Virgin Islands, U.S."); a site of one
  part is a country only when it names one ("Canada"), else it is the facility ("Pfizer
  Investigational Site");
- the zip is the part before the country, when another part is left for the city and it
  looks like a postal code: letters, digits, spaces, hyphens, full stops and brackets, at
  most 14 characters, with at least 3 digits ("02115", "80-952", "H3T 1E2", "C1425BGN",
  "14.048-900", "C.P. 97897", "31059 Cedex 9", "+5581", and a phone number written there:
  "(505) 090-5846"); the UK form, in any case and with a letter O for a zero ("SW1A 1AA",
  "M1 1AA", "ML3 ODR", "Dn1 2et"), or its first half alone ("N8", "OX2", Dublin's "D8"); the
  Canadian form with I or O for 1 or 0 ("JIH 4J6"); the name of the city before it with the
  number of its postal district ("Lima, LIMA 27", "Arequipa, AREQUIPA01", "Dublin, DUBLIN 4");
  or a number of one or two digits ("Guangdong, 0, China", "Nord, 59, France", "Dublin, 8,
  Ireland"); a full stop after it is dropped ("40504." is the zip 40504); a street and
  number is not one ("1053 Carling Ave": more than 14 characters);
- of the parts left, one is the city; two or more: the last is the state when the country is the
  United States (every US site names its state), when it is a German state with the registry's
  code for it ("Tübingen, Baden-Württemberg / 277, 72076, Germany"), or when there are three or
  more and the part before the last reads as a city: not part of an institution's name (a word
  such as Hospital, University, Department, Site; a faculty, division, campus or ward: "Faculty
  of Medicine", "Division of Psychiatry", "Kuopion kampus", "Avd. Arendal", "Psychiatrie",
  "Neurologie"; a company form such as "a.s.", "Inc", "LLC", "S.C.", "PSC", "HF", a French,
  Italian, German or Portuguese public body: CHU, CH, APHP, Hospices, ASST, AOU, IRCCS,
  Presidio, AöR, E.P.E), not a street and number ("Hansteinstr. 29", "Terronska 580/19"), not a
  phrase of more than five words, not the name of the site's country ("…, Ministry of Health,
  Brazil, Rio de Janeiro, 22240-006, Brazil"; "Korea" for "Korea, Republic of", "China" for
  Macau or Hong Kong; but a country named as its capital may be the city: "Mexico, Distrito
  Federal, …, Mexico", and another country's name may be: "Armenia, Quindío Department,
  Colombia"); with two parts, the second is the state when the study's sites name no facilities
  (``facility_less``), or when the first reads as a city (as above, and without digits) and the
  second names a region of the country (``ctgov_csv_regions``: "Milano, Lombardia, Italy",
  "Kobe, Hyogo, Japan") or repeats it ("Osaka, Osaka, Japan"); the city is the part before the
  state (or the last part), and the facility is everything before the city, as written (commas
  and all);
- a ", " inside brackets splits nothing: "(1-877-285-4559, 9AM-5PM EST)" stays whole;
- the classic export (before 2023) writes no zip: "Facility, City, State, Country";
- "Location 3 of 12 (not recorded)", what `trials export` writes for a site it does not know,
  counts as a site but is not one.

Outcomes: ``ctgov_csv_outcomes`` (``outcome`` is importable from here too).
"""

from __future__ import annotations

import re
from typing import Any

from .clean import decode_references
from .ctgov_csv_countries import is_country, names_site_country
from .ctgov_csv_outcomes import outcome as outcome  # (re-exported)
from .ctgov_csv_outcomes import split_parts
from .ctgov_csv_regions import is_region, same_name

_ENTRY_PART = re.compile(r"\\([\\|])|( \| )|(\|)")
#: in Markdown text: a backslash before any ASCII punctuation, "|" and "\\" among them
#: in Markdown text: the escapes are kept as written, to be removed from the split parts
_MARKDOWN_ENTRY_PART = re.compile(r"(\\[\\|])|( \| )|(\|)")
_PLACEHOLDER = re.compile(r"Location \d+ of \d+ \(not recorded\)", re.IGNORECASE)
_NAME_END = re.compile(r"(?i)(?:.*\bof(?: the)?|occupied|u\.\s?s\.?|british)")
_POSTAL = re.compile(
    r"(?=(?:\D*\d){3})[A-Za-z0-9+(][A-Za-z0-9 .()-]{1,13}"  # "14.048-900", "C.P. 97897", "+5581"
    r"|(?i:[a-z]{1,3}\d[a-z\d]{0,2} ?[\dO] ?[a-z]{2})"  # UK: "SW1A 1AA", "ML3 ODR", "Dn1 2et"
    # Canada, I and O for 1 and 0, maybe after the province's code: "JIH 4J6", "AB T5H OX5"
    r"|(?=.*\d)(?:[A-Z]{2} )?[A-Z][\dIO][A-Z] ?[\dIO][A-Z][\dIO]"
    r"|[A-Z]{1,2}\d{1,2}[A-Z]?"  # a UK or Irish district alone: "N8", "OX2", "D8"
    r"|\d{1,2}"  # a short postal number ("Guangdong, 0, China", "Nord, 59, France", "Dublin, 8")
)
#: a German state with the registry's code for it: "Baden-Württemberg / 277"
_REGION_CODE = re.compile(r"\S.* / \d+")
#: a street and house number ("Hansteinstr. 29", "Campo Grande 376"): a part of the facility
_STREET = re.compile(
    r"(?i)(?!.*\bcedex\b)(?:\d+[a-z]?\s+\D+|\D+\s\d+(?:/\d+)?[a-z]?)")  # "Terronska 580/19"
#: the second half of a region's name written inverted, as ISO 3166-2 names some ("London,
#: City of", "Madrid, Comunidad de", "Valenciana, Comunitat", "Bruxelles-Capitale, Région de")
_INVERTED_REGION = re.compile(
    r"(?i)(?:city|county|borough|comunidad(?: foral)?|r[ée]gion|regi[oó]n|principado|provincia|"
    r"province|state|territory|district) (?:of|de|del|de la|du|de la|des)|comunitat")
#: a place's name of a word or two and a number: "Prague 5", "Woolloongabba 4102"
_NUMBERED_PLACE = re.compile(r"[^\W\d]+(?:[ -][^\W\d]+)? (?P<number>\d{1,5})")
#: words of an address, not of a place's name
_ADDRESS_WORD = re.compile(
    r"(?i)\b(?:building|bldg|suite|ste|level|floor|fl|room|rm|unit|apt|box|via|viale|calle"
    r"|avenida|av|rua|rue|str|strasse|straße|street|st|road|rd|avenue|ave|lane|ln|drive|dr"
    r"|boulevard|blvd|no|nr|km|po)\b")
#: a state's code: "CZE", "QLD", "NSW"
_STATE_CODE = re.compile(r"[A-Z]{2,3}")
_UNITED_STATES = frozenset({"united states", "united states of america", "usa", "us", "u.s."})
_INSTITUTION = re.compile(
    r"(?i)hosp|hostpit|h[oô]pital|h[oô]tel-dieu|\bhtal\b|ospedale|klinik|cl[ií]ni[cq]|"
    r"sanatori|centre|center|centro|recherche|residencia|ensayos|praxis|sprechstunde|office|"
    r"corporation|network|partners?\b|s\.?a\.? de c\.?v|"
    r"universi|institut|istituto|department|\bdept\b|research|medical|health|\bsites?\b|"
    r"\bunit\b|servic|centrum|zentrum|nemocnic|szpital|krankenhaus|ziekenhuis|sjukhus|"
    r"foundation|fundaci|college|school|laborator|practice|associates|"
    # a faculty, division or ward of one ("…, Faculty of Medicine, Budapest", "…, Psychiatrie,
    # Hamburg", "…, Kuopion kampus, Kuopio", "Vestre Viken HF, Drammen Sykehus, Drammen")
    r"facult|division|campus|kampus|sykehus|sygehus|\b(?:avd|afd|abt)\b|psychiatr|neurolog|"
    r"onkolog|oncolog|gyn[aä]kolog|gyn[ae]colog|chirurg|kardiolog|cardiolog|\bs\.c\.|"
    r"hospices|\b(?:chu|chr|chru|ch|ghu|ap-?hp|asst|aou|irccs|presidio|a[oö]e?r|e\.?p\.?e)\b|"
    r"^(?:inc|ltd|llc|plc|gmbh|ag|bv|nv|s\.?a|s\.?r\.?l|s\.?p\.?a|a\.?s|p\.?a|p\.?c|"
    r"m\.?d|ph\.?d|kft|sp\. z o\.o|p\.?s\.?c|hf)\.?$"
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


def _not_a_city(part: str, country: str) -> bool:
    """True when a part reads as part of a facility's name or address, not as a city: an
    institution's, a street and number, a phrase of more than five words, or the name of
    the site's country ("Ministry of Health, Brazil, Rio de Janeiro, …, Brazil")."""
    return (
        _institution(part)
        or _STREET.fullmatch(part) is not None
        or len(part.split()) > 5
        or names_site_country(part, country)
    )


def _is_zip(part: str, before: str) -> bool:
    """Does the part (before the country, after the part ``before``) read as a postal code:
    one of _POSTAL's shapes, or the name of the city before it with the number of its
    postal district ("Lima, LIMA 27", "Arequipa, AREQUIPA01", "Dublin, DUBLIN 4")?"""
    if _POSTAL.fullmatch(part.removesuffix(".")):
        return True
    name = before.casefold()
    folded = part.casefold()
    return folded.startswith(name) and re.fullmatch(r" ?\d{1,3}", folded[len(name):]) is not None


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
        if len(before) > 1 and _is_zip(before[-1], before[-2]):
            before.pop()
        if parts[-1].casefold() in _UNITED_STATES:
            if len(before) > 2:
                return False  # a US site with a facility
            us_pairs += len(before) == 2
        elif len(before) == 1:
            city_only += 1
        elif len(before) == 2:
            pairs += 1
    return (us_pairs >= 2 and city_only > 0) or city_only > pairs


def _numbered_city(part: str, state: str, country: str, zip_code: str | None) -> bool:
    """Is the part, which reads as a street and number, a city with its district's number
    before a state ("Prague 5, CZE", "Woolloongabba 4102, Queensland")? Only a name of one
    or two words and a number of one or two digits or the zip's own, no word of an address
    ("Building 2", "Suite 200", "Via Roma 12"), before one of the country's regions or a code
    of two or three capitals."""
    numbered = _NUMBERED_PLACE.fullmatch(part)
    if (numbered is None or _institution(part) or _ADDRESS_WORD.search(part) is not None
            or names_site_country(part, country)
            or (len(numbered["number"]) > 2 and numbered["number"] != zip_code)):
        return False
    return is_region(state, country) or (
        _STATE_CODE.fullmatch(state) is not None and not _institution(state))


def _city_and_region(first: str, second: str, country: str) -> bool:
    """Are the two parts of a site before its country a city and its region ("Milano,
    Lombardia", "Kobe, Hyogo", "Osaka, Osaka") rather than a facility and its city? The
    first must not read as a facility's name."""
    if _not_a_city(first, country) or any(char.isdigit() for char in first):
        return False
    if not second.isupper() and any(
            len(word) > 2 and word.isupper() for word in first.split()):
        return False  # an acronym: "IUCPQ, Québec", "CEMIC Saavedra, Ciudad Autónoma de
        # Buenos Aires" (but "MILANO, LOMBARDIA, Italy" is a city and its region)
    return is_region(second, country) or same_name(first, second)


def location(entry: str, with_zip: bool = True, *, no_facility: bool = False) -> dict[str, Any]:
    """A "Facility, City, State, Zip, Country" entry as a record location (no status, geo or
    contacts: the CSV has none). ``with_zip`` false: the entry has no zip part (the classic
    export's "Facility, City, State, Country"), so none is looked for. ``no_facility``: the
    study's sites name no facilities (facility_less), so two parts are a city and its
    state."""
    pieces = [piece for piece in split_parts(entry) if _line(piece).strip(" ,")]
    parts = [_line(piece).strip(" ,") for piece in pieces]
    for at in range(len(parts) - 1, 0, -1):  # "London, City of": one region
        if _INVERTED_REGION.fullmatch(parts[at]) and not _institution(parts[at - 1]):
            pieces[at - 1 : at + 1] = [f"{pieces[at - 1]}, {pieces[at]}"]
            parts[at - 1 : at + 1] = [f"{parts[at - 1]}, {parts[at]}"]
    found: dict[str, Any] = dict.fromkeys(("facility", "city", "state", "zip", "country"))
    if len(parts) > 1 or (parts and is_country(parts[0])):
        country = parts.pop()
        if parts and _NAME_END.fullmatch(country):
            country = f"{parts.pop()}, {country}"
        found["country"] = country
    country = found["country"] or ""
    if with_zip and len(parts) > 1 and _is_zip(parts[-1], parts[-2]):
        found["zip"] = parts.pop().removesuffix(".")
    if len(parts) >= 2 and (
        country.casefold() in _UNITED_STATES
        or (len(parts) >= 3 and (not _not_a_city(parts[-2], country)
                                 or _numbered_city(parts[-2], parts[-1], country,
                                                   found["zip"])))
        or (no_facility and len(parts) == 2)
        or _REGION_CODE.fullmatch(parts[-1]) is not None
        or (len(parts) == 2 and _city_and_region(parts[0], parts[1], country))
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
