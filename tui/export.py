"""Write trials as CSV, JSON or Markdown: pure writers, and an atomic, no-clobber file write.

Used by `trials export` and by the browser's export dialog. The writers live in export_csv
(CSV), export_markdown (a trial report, with markdown_registry for its outcomes, sites and
results) and export_comparison (a comparison); this module chooses between them and writes
files.

CSV: the ClinicalTrials.gov site's download layout (``parsers.ctgov_csv.COLUMNS``, in that
order), values in the site's spellings (API enums such as ``ACTIVE_NOT_RECRUITING``,
"DRUG: Aspirin", "Allocation: RANDOMIZED|Masking: DOUBLE", "18 Years to 65 Years   (ADULT,
OLDER_ADULT)", ISO dates, "YES"/"NO" results), so that the site's tools and
``parsers/ctgov_csv.py`` read it. Every field a column carries re-imports: ids, title,
acronym, status, summary, results, conditions, interventions (type and name), sponsor,
collaborators, sex, ages, phases, enrollment count, funder types, study type, design, other
ids, the four dates, the outcome measures (primary, secondary, other: measure, description,
time frame) and the sites (facility, city, state, zip, country) with their number. The
layout has no place for the rest (official title, keywords, descriptions, arms, criteria,
healthy volunteers, group count, whether a date or an enrollment is actual or estimated, a
site's status, geo and contacts, MeSH terms, references, posted results); a re-import leaves
those unknown. Choices:

- A trial without an NCT number keeps its ``LOCAL-`` id in the "NCT Number" column (the
  Study URL stays empty), and the CSV parser takes such an id as the record's id. The id
  cannot be recomputed from the row: it hashes the official title, which the CSV lacks.
- In the multi-valued cells (joined with "|"), a "|" inside a value is written ``\\|`` and a
  backslash ``\\\\``; the CSV parser reads both back. (The site's own downloads have no
  escapes; a lone backslash there still reads as itself.)
- Locations: one "Facility, City, State, Zip, Country" entry per site, the parts a site
  does not state left out, as the site writes them. The site does not quote a ", " inside
  a part (a facility named "University of California, San Francisco"), and neither does
  the export, so the CSV parser splits such entries by rules (parsers/ctgov_csv_cells.py)
  that are right for nearly every real site, not all. A site stating no part, and the sites
  a record counts without listing them (a page that only says how many), are written
  "Location 3 of 12 (not recorded)": the number of sites reads back, and the parser does
  not take them for sites.
- Outcome measures: one "Measure, Description, Time frame" entry per outcome (parts not
  stated left out; a description keeps its line breaks, as on the site); the same caveat on
  commas applies (a measure or description with ", " inside is split back by rules).
- Collaborators: the names, "|"-joined.
- Columns with no record field (first posted, results first posted, study documents) are
  left empty; the Study URL is the site's address of the NCT id.
- Text goes out as it is stored (no quoting of leading "=" for spreadsheets: that would
  change the values on re-import). Rows end with CRLF (RFC 4180); UTF-8, no BOM.

JSON: a list of records exactly as ``trials show --json`` prints them: the whole version-2
record (docs/record.md), sites, outcomes, MeSH terms and posted results included.

A comparison (``trials export --compare``, ``x`` on the compare screen) is exported as the
comparison, never as the raw records: its JSON is what ``trials compare --json`` prints, its
CSV a table of the compare screen's rows with a column per trial (export_comparison_data),
its Markdown a report (below).

Markdown: a readable report, a section per trial (key fields, summary, arms, eligibility,
criteria as nested numbered lists, outcomes, sites grouped by country with every site and
the counts in the headings, and a headline table per primary outcome measure of the posted
results, saying what else was posted); a comparison is its summary, a table of the compared
fields (the rows of ``compare_view.field_rows``), a table per criteria section and per kind
of outcome with the items aligned across trials (store.compare), and the headline results
side by side. Trial text is escaped so that it cannot change the document's structure (no
headings, lists, tables, links, HTML or code made from data), and control characters never
reach the output.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from store import atomic_fill

from .export_comparison import (
    comparison_table,
    criteria_tables,
    outcome_tables,
    results_table,
    write_comparison_markdown,
)
from .export_comparison_data import write_comparison_csv, write_comparison_json
from .export_csv import (
    STUDY_URL,
    age_cell,
    csv_row,
    location_entry,
    locations_cell,
    outcome_entry,
    outcomes_cell,
    write_csv,
)
from .export_formats import (
    COMPARISON_ABOUT,
    FORMAT_ABOUT,
    FORMAT_NAMES,
    FORMATS,
    SUFFIXES,
    format_about,
    format_of,
)
from .export_markdown import trial_markdown, write_markdown
from .json_stream import write_json_array
from .markdown_text import md_block, md_cell, md_text, table_lines

Record = dict[str, Any]

__all__ = [
    "COMPARISON_ABOUT",
    "FORMATS",
    "FORMAT_ABOUT",
    "FORMAT_NAMES",
    "STUDY_URL",
    "SUFFIXES",
    "age_cell",
    "comparison_table",
    "criteria_tables",
    "csv_row",
    "format_about",
    "format_of",
    "iter_records",
    "location_entry",
    "locations_cell",
    "md_block",
    "md_cell",
    "md_text",
    "outcome_entry",
    "outcome_tables",
    "outcomes_cell",
    "results_table",
    "table_lines",
    "trial_markdown",
    "write_comparison_csv",
    "write_comparison_json",
    "write_comparison_markdown",
    "write_csv",
    "write_export",
    "write_file",
    "write_json",
    "write_markdown",
]

def write_json(records: Iterable[Record], out: TextIO) -> int:
    """Write a JSON array of records, laid out as ``orjson.dumps(list, OPT_INDENT_2)``.

    Streams one record at a time, so a large export does not hold every record in memory.
    """
    return write_json_array(records, lambda data: out.write(data.decode("utf-8")))


def write_export(
    out: TextIO, file_format: str, records: Iterable[Record], *, title: str = "Trials",
    comparison: bool = False,
) -> int:
    """Write records in a format ("csv", "json" or "md"); returns the number written.

    comparison: the records are those of a comparison (2 to 6), written as the comparison in
    every format (its JSON, its table, its report), not as the records themselves.
    """
    if comparison and file_format in ("csv", "json"):
        compared = list(records)
        if file_format == "csv":
            return write_comparison_csv(compared, out)
        return write_comparison_json(compared, out)
    if file_format == "csv":
        return write_csv(records, out)
    if file_format == "json":
        return write_json(records, out)
    if file_format == "md":
        if comparison:
            return write_comparison_markdown(list(records), out)
        return write_markdown(records, out, title)
    raise ValueError(f"unknown export format {file_format!r}")


# --- files -----------------------------------------------------------------------------------


def write_file(path: Path, fill: Callable[[TextIO], int], *, force: bool = False) -> int:
    """Write a UTF-8 text file atomically (store.atomic_fill): fill writes it, beside the
    target, then it is moved into place.

    Without force an existing file is never replaced (FileExistsError), even one that
    appears while writing. Returns what fill returns. A failure leaves no temporary file.
    """

    def fill_text(handle: BinaryIO) -> int:
        out = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        try:
            count = fill(out)
            out.flush()
        finally:
            out.detach()  # the handle stays open for atomic_fill to sync and close
        return count

    count, _ = atomic_fill(path, fill_text, overwrite=force, mode=0o666, sync_folder=False)
    return count


def iter_records(store: Any, ids: Iterable[str]) -> Iterator[Record]:
    """The records of these ids, read one at a time (ids no longer in the store skipped)."""
    for trial_id in ids:
        record = store.get(trial_id)
        if record is not None:
            yield record
