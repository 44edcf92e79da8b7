"""Parse the ClinicalTrials.gov site's CSV download ("ctgov-csv"): one record per row.

The file is recognised by its header row: it names "NCT Number" or "Study Title" and at
least one more of the site's columns (so a download without the "NCT Number" column is
still read). Column names match without regard to case and spacing; the delimiter is a
comma (a tab or a semicolon is accepted too). The classic site's download (before 2023, often
a tab-separated "SearchResults.tsv": Title, Status, Gender, Sponsor/Collaborators, Funded Bys,
Study Designs, Outcome Measures, …) is read too, by the rules of ``ctgov_csv_classic``; its
Outcome Measures column lists outcome titles of unstated kind (primary and secondary mixed),
which go to ``outcomes.other`` (measure only), never to the primary or secondary outcomes.

Choices:

- A column missing from the file leaves its fields unknown (null or []); so does an empty
  cell. A column the site writes but the record has no field for (Study URL, First Posted,
  Results First Posted, Study Documents; the classic Rank and URL) is not warned about; it
  stays in the source text.
  An unknown column gives a warning on each record where it has a value, as does a value
  that cannot be read.
- The "NCT Number" column may hold a "LOCAL-" id (as `trials export` writes for a trial
  without an NCT number): it becomes the record's id, the NCT id stays null.
- Multi-valued cells are split at "|"; "\\|" is a "|" inside a value and "\\\\" a
  backslash (as `trials export` writes them; a lone backslash reads as itself).
  Interventions are "TYPE: name", every entry kept, repeats too (the registry lists an
  intervention once per dose or arm). The site does not escape a "|" inside a name, so a
  piece without a known "TYPE:" after a typed one is the rest of that one's name, joined back
  with its "|" ("DIAGNOSTIC_TEST: Approach B (ACR | EU Test kit)."); a first piece without a
  known type (or one after it) is an intervention of null type, with a warning (an untyped
  intervention `trials export` writes after a typed one so comes back joined to it). The other
  lists (conditions, other ids, collaborators, funder types, phases) keep a repeated value
  once. Study Design is "Label: VALUE" parts; a part with no value ("Primary Purpose: ") leaves
  its field null without a warning.
- Age reads "18 Years to 65 Years", "18 Years and older", "up to 65 Years"; its age groups
  ("ADULT, OLDER_ADULT", "(Child, Adult)") are the record's age_groups (the current export
  writes the groups alone: the ages stay null, without a warning).
- The CSV does not say whether dates and enrollment are actual or estimated: type null.
- Locations ("Facility, City, State, Zip, Country" per site) and the Primary, Secondary and
  Other Outcome Measures ("Measure, Description, Time frame" per outcome) are split back
  into their fields by the rules of ``ctgov_csv_cells`` (the site does not quote the commas
  inside a part, so the split is a reading, right for nearly every real entry).
  ``locations_count`` is the number of sites the cell lists (the "Location N of M (not
  recorded)" entries `trials export` writes count, but are not sites). Collaborators are
  "|"-separated names.
- The site writes its Markdown texts with Markdown's backslash escapes ("\\>=50%",
  "\\[17\\]"): the Brief Summary and the outcome measures (all three parts of an outcome).
  These lose them as the API v2 JSON parser removes them (``ctgov_json_study.unescape``: a
  backslash before ASCII punctuation is dropped, in one pass); in an outcome cell after the
  split, in the same pass as the "\\|" and "\\\\" `trials export` writes, so an exported cell
  re-imports unchanged. The other text cells (titles, conditions, interventions, sponsors,
  locations…) are plain text on the site ("[", "*", "_" written bare): kept as written.
  `trials export` writes a summary as it is, so a summary holding a backslash before
  punctuation (a site text escaped twice over) comes back without that backslash.
- The site writes some text HTML-encoded ("Alzheimer&#39;s", "&Apos;", "&amp;", even
  "&Amp;Amp;#39;"): every text value has its character references decoded once its cell is
  split (``clean.decode_references``: html.unescape's names, in any case, closed by
  ";"; "R&D", "AT&T" stay as written). So a value holding "&#39;" comes back decoded after
  `trials export` and a re-import.
- Every record is partial (``source.partial``): a row summarises a study, so in a store it
  never replaces a whole one read from API v2 JSON or classic XML.
"""

from __future__ import annotations

import csv
import io

from . import ctgov_csv_classic as classic
from .ctgov_csv_columns import PLACE, one_line
from .errors import ParseError
from .record import Record, empty_record

FORMAT = "ctgov-csv"

COLUMNS = (
    "NCT Number",
    "Study Title",
    "Study URL",
    "Acronym",
    "Study Status",
    "Brief Summary",
    "Study Results",
    "Conditions",
    "Interventions",
    "Primary Outcome Measures",
    "Secondary Outcome Measures",
    "Other Outcome Measures",
    "Sponsor",
    "Collaborators",
    "Sex",
    "Age",
    "Phases",
    "Enrollment",
    "Funder Type",
    "Study Type",
    "Study Design",
    "Other IDs",
    "Start Date",
    "Primary Completion Date",
    "Completion Date",
    "First Posted",
    "Results First Posted",
    "Last Update Posted",
    "Locations",
    "Study Documents",
)
UNMAPPED = frozenset(
    {
        "Study URL",
        "First Posted",
        "Results First Posted",
        "Study Documents",
        *classic.UNMAPPED,
    }
)
_PLACE = {**PLACE, **classic.PLACE_COLUMNS}
_PLACE_CLASSIC = {**_PLACE, **classic.PLACE_IN_CLASSIC_FILE}
_DELIMITERS = (",", "\t", ";")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


#: the current export's columns and the classic export's own
_KNOWN = {_key(name): name for name in (*COLUMNS, *classic.COLUMNS)}


def _header_delimiter(first_line: str) -> str | None:
    """The delimiter when the line is the site's header row, else None."""
    for delimiter in _DELIMITERS:
        if delimiter not in first_line:
            continue
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        keys = {_key(cell) for cell in cells}
        named = keys & {"nct number", "study title"}
        if named and len(keys & _KNOWN.keys()) >= 2:
            return delimiter
    return None


def recognises(first_line: str) -> bool:
    """True when the first non-blank line is the header row of the site's CSV download."""
    return _header_delimiter(first_line.removeprefix("\ufeff")) is not None


def score(lines: list[str]) -> int:
    """How strongly the text looks like the site's CSV (0 = not at all)."""
    first = next((line for line in lines if line.strip()), "")
    return 100 if recognises(first) else 0


def parse_records(text: str) -> list[tuple[Record, str]]:
    """Parse cleaned CSV text into (record, row source text) pairs, one per data row.

    The source text of a row is the header line and that row, written as CSV.
    """
    text = text.removeprefix("\ufeff").lstrip("\n")
    delimiter = _header_delimiter(text.split("\n", 1)[0])
    if delimiter is None:
        raise ParseError("CSV: the first line is not the header row of a ClinicalTrials.gov CSV")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
        columns = [_KNOWN.get(_key(cell)) for cell in header]
        place = _PLACE_CLASSIC if set(columns) & set(classic.COLUMNS) else _PLACE
        out: list[tuple[Record, str]] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            record = _parse_row(header, columns, row, place)
            out.append((record, _row_text(header, row, delimiter)))
    except csv.Error as error:
        raise ParseError(f"CSV line {reader.line_num}: {error}") from None
    if not out:
        raise ParseError("CSV holds a header row but no trials")
    return out


def _row_text(header: list[str], row: list[str], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(row)
    return buffer.getvalue()


def _parse_row(
    header: list[str],
    columns: list[str | None],
    row: list[str],
    place: dict[str, classic.Place],
) -> Record:
    record = empty_record()
    record["source"]["format"] = FORMAT
    # A row holds a summary of the study (no criteria, arms, description, results): it never
    # replaces a whole study (API v2 JSON, classic XML) in a store.
    record["source"]["partial"] = True
    warnings: list[str] = record["warnings"]
    seen: set[str] = set()
    for index, cell in enumerate(row):
        name = columns[index] if index < len(columns) else None
        value = cell.strip()
        if name is None or name in seen:
            label = (header[index].strip() if index < len(header) else "") or f"column {index + 1}"
            why = "repeated column" if name else "unknown column"
            shown = f"value {one_line(value)[:200]!r} not placed" if value else "empty"
            warnings.append(f"{label}: {why}, {shown}")
            continue
        seen.add(name)
        if value and name not in UNMAPPED:
            place[name](record, value, name, warnings)
    return record
