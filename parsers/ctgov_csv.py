"""Parse the ClinicalTrials.gov site's CSV download ("ctgov-csv"): one record per row.

The file is recognised by its header row: it names "NCT Number" or "Study Title" and at
least one more of the site's columns (so a download without the "NCT Number" column is
still read), or the classic export's "Title" with one more of its own columns (Rank, Status,
URL, …) and at least four known columns in all ("Rank","Title","Status","Study Results",
"Conditions","Interventions","Locations","URL"). Column names match without regard to case
and spacing; the delimiter is a comma (a tab or a semicolon is accepted too). The classic
site's download (before 2023, often a tab-separated "SearchResults.tsv": Title, Status,
Gender, Sponsor/Collaborators, Funded Bys, Study Designs, Outcome Measures, …) is read too,
by the rules of ``ctgov_csv_classic``; its Outcome Measures column lists outcome titles of
unstated kind (primary and secondary mixed), which go to ``outcomes.other`` (measure only),
never to the primary or secondary outcomes.

Choices:

- A column missing from the file leaves its fields unknown (null or []); so does an empty
  cell. A column the site writes but the record has no field for (Study URL; the classic
  Rank and URL) is not warned about; it stays in the source text. Study Documents fills
  ``documents`` (``ctgov_csv_documents``).
  An unknown column gives a warning on each record where it has a value, as does a value
  that cannot be read.
- A whole cell that is exactly "null", "N/A", "NA", "NaN" or "None" (in any case: what
  pandas and the classic export write for an empty cell) is empty, in every column, without
  a warning (an Interventions cell "N/A" is no intervention), except in Phases, where "NA"
  and "N/A" are the registry's "Not Applicable" (phase NA; the current export writes "NA").
- The "NCT Number" column may hold a "LOCAL-" id (as `trials export` writes for a trial
  without an NCT number): it becomes the record's id, the NCT id stays null. A file without
  that column takes the NCT id from the study page's address (the classic "URL",
  "https://ClinicalTrials.gov/show/NCT03639883", or "Study URL"); a classic export with
  neither is refused, naming the missing column (its rows could not be told apart).
- Dates: as the site writes them, or as a spreadsheet rewrote them ("12/17/2019"), in the
  day-month order the file's own slash dates show (``ctgov_csv_dates``), never guessed.
- Multi-valued cells are split at "|"; "\\|" is a "|" inside a value and "\\\\" a
  backslash (as `trials export` writes them; a lone backslash reads as itself).
  Interventions are "TYPE: name", every entry kept, repeats too (the registry lists an
  intervention once per dose or arm). The site does not escape a "|" inside a name, so a
  piece without a known "TYPE:" after a typed one is the rest of that one's name, joined back
  with its "|" ("DIAGNOSTIC_TEST: Approach B (ACR | EU Test kit)."); a first piece without a
  known type (or one after it) is an intervention of null type, with a warning (an untyped
  intervention `trials export` writes after a typed one so comes back joined to it). The other
  lists (conditions, other ids, collaborators, funder types, phases) keep a repeated value
  once. Study Design is "Label: VALUE" parts; a part with no value ("Primary Purpose: "), or
  the site's placeholder "p" ("Observational Model: |Time Perspective: p", its cell for an
  observational study stating neither), leaves its field null without a warning; a label
  stated twice with two values ("Observational Model: Defined Population|Observational
  Model: Natural History") keeps the first, with a warning for the other (as the classic
  XML is read). The classic export's Study Type names the expanded access types after a
  colon ("Expanded Access:Intermediate-size Population|Treatment IND/Protocol"):
  expanded_access_types. The masking's bracketed list ("Masking: DOUBLE (PARTICIPANT,
  INVESTIGATOR)") is design.masked.
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
- ``source.layout`` is "classic" (a file whose header names a classic column) or
  "current"; ``source.missing_columns`` lists the columns of that layout (``COLUMNS``, or
  ``ctgov_csv_classic.LAYOUT``) the file's header lacks, in the layout's order: the site
  lets a download leave columns out, so what they hold is unknown for its rows, not unstated.
- Every record is partial (``source.partial``): a row summarises a study, so in a store it
  never replaces a whole one read from API v2 JSON or classic XML.
"""

from __future__ import annotations

import csv
import io
import re

from . import ctgov_csv_classic as classic
from . import ctgov_csv_dates as dates
from .ctgov_csv_columns import PLACE, one_line, set_nct_from_url
from .ctgov_csv_documents import set_documents
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
        *classic.UNMAPPED,
    }
)
_PLACE = {**PLACE, "Study Documents": set_documents, **classic.PLACE_COLUMNS}
_PLACE_CLASSIC = {**_PLACE, **classic.PLACE_IN_CLASSIC_FILE}
_DELIMITERS = (",", "\t", ";")
#: a whole cell pandas or the classic export writes for an empty one
_NULL_CELL = re.compile(r"null|n/a|na|nan|none", re.IGNORECASE)
#: in Phases, the registry's "Not Applicable"
_PHASE_NA = frozenset({"na", "n/a"})


def _key(name: str) -> str:
    """A column's name as matched: case, runs of spaces and underscores ignored (a file whose
    header a spreadsheet or pandas rewrote: "NCT_Number", "study_title")."""
    return " ".join(name.replace("_", " ").split()).casefold()


#: the current export's columns and the classic export's own
_KNOWN = {_key(name): name for name in (*COLUMNS, *classic.COLUMNS)}
_CLASSIC_OWN = {_key(name) for name in classic.COLUMNS} - {"title"}


def _is_header(keys: set[str]) -> bool:
    known = keys & _KNOWN.keys()
    if keys & {"nct number", "study title"}:
        return len(known) >= 2
    # the classic export without its NCT Number column: "Rank","Title","Status",…,"URL"
    return "title" in keys and bool(keys & _CLASSIC_OWN) and len(known) >= 4


def _header_delimiter(first_line: str) -> str | None:
    """The delimiter when the line is the site's header row, else None."""
    for delimiter in _DELIMITERS:
        if delimiter not in first_line:
            continue
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if _is_header({_key(cell) for cell in cells}):
            return delimiter
    return None


def recognises(first_line: str) -> bool:
    """True when the first non-blank line is the header row of the site's CSV download."""
    return _header_delimiter(first_line.removeprefix("\ufeff")) is not None


def score(lines: list[str]) -> int:
    """How strongly the text looks like the site's CSV (0 = not at all)."""
    first = next((line for line in lines if line.strip()), "")
    return 100 if recognises(first) else 0


#: The longest cell read. The csv module's default (131,072 characters) is less than the
#: Locations cell of a study of a few thousand sites (1,148 sites: 91,077 characters), which
#: the site's download and `trials export` both write; a cell is bounded by its file anyway.
CELL_LIMIT = 2**31 - 1
if csv.field_size_limit() < CELL_LIMIT:
    csv.field_size_limit(CELL_LIMIT)


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
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise ParseError(f"CSV line {reader.line_num}: {error}") from None
    columns = [_KNOWN.get(_key(cell)) for cell in header]
    place, unmapped = _placing(columns)
    # slash dates ("12/17/2019", a spreadsheet's) in the order the file's own dates show
    date_cells = [
        row[index]
        for row in rows
        for index, name in enumerate(columns[: len(row)])
        if name in dates.ALL_DATE_COLUMNS
    ]
    place.update(dict.fromkeys(dates.DATE_COLUMNS, dates.placer(dates.SlashOrder.of(date_cells))))
    layout = "classic" if _is_classic(columns) else "current"
    missing = [name for name in (classic.LAYOUT if layout == "classic" else COLUMNS)
               if name not in columns]
    out = []
    for row in rows:
        record = _parse_row(header, columns, row, place, unmapped)
        record["source"]["layout"] = layout
        record["source"]["missing_columns"] = list(missing)
        out.append((record, _row_text(header, row, delimiter)))
    if not out:
        raise ParseError("CSV holds a header row but no trials")
    return out


def _is_classic(columns: list[str | None]) -> bool:
    """Whether the header names a column of the classic export's own."""
    return bool(set(columns) & set(classic.COLUMNS))


def _placing(columns: list[str | None]) -> tuple[dict[str, classic.Place], frozenset[str]]:
    """How each column of a file fills its records, and the columns left unread."""
    is_classic = _is_classic(columns)
    place = dict(_PLACE_CLASSIC if is_classic else _PLACE)
    unmapped = UNMAPPED
    if "NCT Number" not in columns:
        url = next((name for name in ("URL", "Study URL") if name in columns), None)
        if url is not None:
            place[url] = set_nct_from_url
            unmapped = unmapped - {url}
        elif is_classic:
            raise ParseError(
                'CSV: a classic ClinicalTrials.gov export without its "NCT Number" column '
                '(nor a "URL" column to take the NCT ids from): its trials cannot be named'
            )
    return place, unmapped


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
    unmapped: frozenset[str],
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
        if _NULL_CELL.fullmatch(value) and not (
            name == "Phases" and value.casefold() in _PHASE_NA
        ):
            value = ""  # pandas' or the classic export's empty cell
        if name is None or name in seen:
            if value:  # an empty cell places nothing, loses nothing
                label = header[index].strip() if index < len(header) else ""
                why = "repeated column" if name else "unknown column"
                shown = f"value {one_line(value)[:200]!r} not placed"
                warnings.append(f"{label or f'column {index + 1}'}: {why}, {shown}")
            continue
        seen.add(name)
        if value and name not in unmapped:
            place[name](record, value, name, warnings)
    return record
