"""Write trials as CSV, JSON or Markdown: pure writers, and an atomic, no-clobber file write.

Used by `trials export` and by the browser's export dialog.

CSV: the ClinicalTrials.gov site's download layout (``parsers.ctgov_csv.COLUMNS``, in that
order), values in the site's spellings (API enums such as ``ACTIVE_NOT_RECRUITING``,
"DRUG: Aspirin", "Allocation: RANDOMIZED|Masking: DOUBLE", "18 Years to 65 Years   (ADULT,
OLDER_ADULT)", ISO dates, "YES"/"NO" results), so that the site's tools and
``parsers/ctgov_csv.py`` read it. Every field a column carries re-imports unchanged: ids,
title, acronym, status, summary, results, conditions, interventions (type and name),
sponsor, sex, ages, phases, enrollment count, funder types, study type, design, other ids,
the four dates, and the number of locations. The layout has no place for the rest (official
title, keywords, descriptions, arms, criteria, healthy volunteers, group count, whether a
date or an enrollment is actual or estimated); a re-import leaves those unknown. Choices:

- A trial without an NCT number keeps its ``LOCAL-`` id in the "NCT Number" column (the
  Study URL stays empty), and the CSV parser takes such an id as the record's id. The id
  cannot be recomputed from the row: it hashes the official title, which the CSV lacks.
- In the multi-valued cells (joined with "|"), a "|" inside a value is written ``\\|`` and a
  backslash ``\\\\``; the CSV parser reads both back. (The site's own downloads have no
  escapes; a lone backslash there still reads as itself.)
- The record keeps how many locations a trial has, not the sites themselves: the Locations
  cell holds one placeholder per site ("Location 1 of 2 (not recorded)"). A trial with no
  locations has an empty cell, as on the site, and so reads back as unknown (null).
- Columns with no record field (outcome measures, collaborators, first posted, results
  first posted, study documents) are left empty; the Study URL is the site's address of
  the NCT id.
- Text goes out as it is stored (no quoting of leading "=" for spreadsheets: that would
  change the values on re-import). Rows end with CRLF (RFC 4180); UTF-8, no BOM.

JSON: a list of records exactly as ``trials show --json`` prints them.

Markdown: a readable report, a section per trial (key fields, summary, arms, eligibility,
criteria as nested numbered lists); a comparison is its summary, a table of the compared
fields (the rows of ``compare_view.field_rows``), then a table per criteria section with the
criteria aligned across trials (store.compare). Trial text is escaped so that it cannot
change the document's structure (no headings, lists, tables, links, HTML or code made from
data), and control characters never reach the output.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import orjson

from parsers import clean_text, count_criteria
from parsers.ctgov_csv import COLUMNS
from store import atomic_fill
from store.compare import MIN_TRIALS, SECTIONS, Comparison, compare, criterion_text

from . import format as fmt
from .compare_view import DIFFERS_MARK, field_rows, row_mark
from .report_view import design_fields, overview_fields

Record = dict[str, Any]

FORMATS = ("csv", "json", "md")
FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "md": "Markdown"}
SUFFIXES = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md"}
STUDY_URL = "https://clinicaltrials.gov/study/"
DESIGN_PARTS = (
    ("Allocation", "allocation"),
    ("Intervention Model", "intervention_model"),
    ("Masking", "masking"),
    ("Primary Purpose", "primary_purpose"),
)
DATE_COLUMNS = (
    ("Start Date", "start"),
    ("Primary Completion Date", "primary_completion"),
    ("Completion Date", "completion"),
    ("Last Update Posted", "last_update"),
)
# Length of one unit in years, for the site's age groups (CHILD < 18 ≤ ADULT < 65 ≤ OLDER).
UNIT_YEARS = {
    "YEARS": 1.0, "MONTHS": 1 / 12, "WEEKS": 7 / 365.25, "DAYS": 1 / 365.25,
    "HOURS": 1 / 8766, "MINUTES": 1 / 525960,
}


# --- CSV -------------------------------------------------------------------------------------


def _join(values: Iterable[str]) -> str:
    """A multi-valued cell: values joined with "|", with "\\" and "|" inside them escaped."""
    return "|".join(value.replace("\\", "\\\\").replace("|", "\\|") for value in values)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _age(age: dict[str, Any]) -> str:
    """ "18 Years", "1 Month"."""
    unit = str(age["unit"]).capitalize()
    return f"{_number(age['value'])} {unit[:-1] if age['value'] == 1 else unit}"


def _age_groups(low: dict[str, Any] | None, high: dict[str, Any] | None) -> list[str]:
    """The site's standard age groups that an age range overlaps."""
    start = low["value"] * UNIT_YEARS.get(low["unit"], 1.0) if low else 0.0
    end = high["value"] * UNIT_YEARS.get(high["unit"], 1.0) if high else float("inf")
    groups = [("CHILD", 0.0, 18.0), ("ADULT", 18.0, 65.0), ("OLDER_ADULT", 65.0, float("inf"))]
    return [name for name, lower, upper in groups if start < upper and end >= lower]


def age_cell(eligibility: dict[str, Any]) -> str:
    """ "18 Years to 65 Years   (ADULT, OLDER_ADULT)", "18 Years and older   (…)", "up to …"."""
    low, high = eligibility.get("min_age"), eligibility.get("max_age")
    if low and high:
        text = f"{_age(low)} to {_age(high)}"
    elif low:
        text = f"{_age(low)} and older"
    elif high:
        text = f"up to {_age(high)}"
    else:
        return ""
    return f"{text}   ({', '.join(_age_groups(low, high))})"


def _design_cell(design: dict[str, Any]) -> str:
    return "|".join(f"{label}: {design[key]}" for label, key in DESIGN_PARTS if design.get(key))


def _interventions_cell(interventions: list[dict[str, Any]]) -> str:
    return _join(f"{i['type']}: {i['name']}" if i.get("type") else i["name"] for i in interventions)


def _locations_cell(count: int | None) -> str:
    """One placeholder per site: the record keeps the number of locations, not the sites."""
    return "|".join(f"Location {n} of {count} (not recorded)" for n in range(1, (count or 0) + 1))


def _date_cell(entry: dict[str, Any] | None) -> str:
    return entry["date"] if entry else ""


def _results_cell(value: bool | None) -> str:
    return "" if value is None else ("YES" if value else "NO")


def csv_row(record: Record) -> dict[str, str]:
    """A record as the site's CSV row: column name → cell text."""
    eligibility, enrollment = record["eligibility"], record.get("enrollment")
    nct = record.get("nct_id")
    row = dict.fromkeys(COLUMNS, "")
    row.update({
        "NCT Number": record["id"],
        "Study Title": record["title"],
        "Study URL": STUDY_URL + nct if nct else "",
        "Acronym": record.get("acronym") or "",
        "Study Status": record.get("status") or "",
        "Brief Summary": record.get("summary") or "",
        "Study Results": _results_cell(record.get("has_results")),
        "Conditions": _join(record["conditions"]),
        "Interventions": _interventions_cell(record["interventions"]),
        "Sponsor": record.get("sponsor") or "",
        "Sex": eligibility.get("sex") or "",
        "Age": age_cell(eligibility),
        "Phases": _join(record["phases"]),
        "Enrollment": "" if enrollment is None else str(enrollment["count"]),
        "Funder Type": _join(record["funder_types"]),
        "Study Type": record.get("study_type") or "",
        "Study Design": _design_cell(record["design"]),
        "Other IDs": _join(record["other_ids"]),
        "Locations": _locations_cell(record.get("locations_count")),
    })
    for column, key in DATE_COLUMNS:
        row[column] = _date_cell(record["dates"].get(key))
    return row


def write_csv(records: Iterable[Record], out: TextIO) -> int:
    """Write the header row and one row per record; returns the number of records."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count


# --- JSON ------------------------------------------------------------------------------------


def write_json(records: Iterable[Record], out: TextIO) -> int:
    """Write a JSON array of records, laid out as ``orjson.dumps(list, OPT_INDENT_2)``.

    Streams one record at a time, so a large export does not hold every record in memory.
    """
    count = 0
    for record in records:
        text = orjson.dumps(record, option=orjson.OPT_INDENT_2).decode("utf-8")
        out.write(("[\n  " if count == 0 else ",\n  ") + text.replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


# --- Markdown escaping -----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
_MD_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")


def md_text(text: str) -> str:
    """Trial text as inline Markdown on one line: literal, whatever characters it holds."""
    line = " ".join(clean_text(text).split())
    line = _MD_SPECIAL.sub(r"\\\1", line)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                              else "\\" + m.group(1), line)


def md_block(text: str) -> str:
    """Trial text as Markdown paragraphs: its blank lines kept, each line escaped."""
    paragraphs = re.split(r"\n\s*\n", clean_text(text).strip())
    out = []
    for paragraph in paragraphs:
        lines = [md_text(line) for line in paragraph.split("\n")]
        out.append("\n".join(line for line in lines if line))
    return "\n\n".join(part for part in out if part)


def _md_cell(text: str) -> str:
    """A table cell: each line escaped, lines joined with <br>, "—" when empty."""
    lines = [md_text(line) for line in clean_text(text).split("\n")]
    return "<br>".join(line for line in lines if line) or "—"


# --- Markdown report -------------------------------------------------------------------------


def _fields_list(rows: list[tuple[str, str]]) -> list[str]:
    return [f"- **{label}:** {md_text(value)}" for label, value in rows if value]


def _criteria_list(criteria: list[dict[str, Any]], indent: str = "") -> list[str]:
    """A criteria tree as nested numbered lists (children indented under their parent)."""
    lines: list[str] = []
    for number, node in enumerate(criteria, start=1):
        marker = f"{number}. "
        lines.append(f"{indent}{marker}{md_text(node['text'])}")
        lines += _criteria_list(node["children"], indent + " " * len(marker))
    return lines


def _arms_section(record: Record, level: str) -> list[str]:
    lines = [f"{level} Arms ({len(record['arms'])})", ""]
    for arm in record["arms"]:
        line = f"- **{md_text(arm['label'])}**"
        if arm.get("type"):
            line += f" ({fmt.enum_text(arm['type'])})"
        if arm.get("description"):
            line += f": {md_text(arm['description'])}"
        lines.append(line)
        lines += [f"  - {md_text(name)}" for name in arm["interventions"]]
    if not record["arms"]:
        lines.append("No arms listed.")
    lines += ["", f"{level} Interventions ({len(record['interventions'])})", ""]
    for intervention in record["interventions"]:
        line = f"- {md_text(fmt.intervention_text(intervention))}"
        if intervention.get("description"):
            line += f": {md_text(intervention['description'])}"
        lines.append(line)
    if not record["interventions"]:
        lines.append("No interventions listed.")
    return [*lines, ""]


def _criteria_section(record: Record, level: str) -> list[str]:
    eligibility = record["eligibility"]
    lines = [f"{level} Eligibility", ""]
    lines += _fields_list([
        ("Sex", fmt.enum_text(eligibility["sex"]) or "not stated"),
        ("Ages", fmt.ages_text(eligibility["min_age"], eligibility["max_age"]) or "not stated"),
        ("Healthy volunteers", fmt.yes_no(eligibility["healthy_volunteers"]) or "not stated"),
    ])
    for title, key in (("Inclusion criteria", "inclusion"), ("Exclusion criteria", "exclusion")):
        criteria = eligibility[key]
        lines += ["", f"{level} {title} ({count_criteria(criteria)})", ""]
        lines += _criteria_list(criteria) or ["None stated."]
    return [*lines, ""]


def _heading(record: Record) -> str:
    return f"## {md_text(record['id'])}: {md_text(record['title'])}"


def trial_markdown(record: Record) -> str:
    """One trial's section: heading, key fields, design, summary, arms, eligibility."""
    lines = [_heading(record), ""]
    lines += _fields_list(overview_fields(record) + design_fields(record))
    if record.get("summary"):
        lines += ["", "### Summary", "", md_block(record["summary"])]
    lines += ["", *_arms_section(record, "###"), *_criteria_section(record, "###")]
    return "\n".join(lines)


def write_markdown(records: Iterable[Record], out: TextIO, title: str = "Trials") -> int:
    """Write a report: a title, then a section per trial; returns the number of trials."""
    out.write(f"# {md_text(title)}\n\n")
    count = 0
    for record in records:
        out.write(trial_markdown(record) + "\n")
        count += 1
    if count == 0:
        out.write("No trials.\n")
    return count


def _table_lines(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows)]


def comparison_table(
    records: list[Record], comparison: Comparison | None = None, *,
    differences_only: bool = False,
) -> list[str]:
    """The compared fields as a Markdown table; differing rows marked with ≠."""
    header = ["Field", *(md_text(record["id"]) for record in records)]
    rows = []
    for label, values, differs in field_rows(records, comparison):
        if differences_only and not differs:
            continue
        name = f"{DIFFERS_MARK} **{label}**" if differs else label
        rows.append([name, *(_md_cell(v) for v in values)])
    return _table_lines(header, rows)


def _criterion_cell(cell: Any) -> str:
    """An aligned criterion in a table cell: its text, then its children after "·"."""
    if cell is None:
        return "—"
    lines = criterion_text(cell).split("\n")
    return " · ".join(md_text(line.strip().removeprefix("- ")) for line in lines)


def criteria_tables(
    records: list[Record], comparison: Comparison, *, differences_only: bool = False
) -> list[str]:
    """The aligned criteria of each section as a Markdown table (= ≈ N only in the first
    column, as on screen)."""
    lines: list[str] = []
    for section in SECTIONS:
        lines += [f"## {section.capitalize()} criteria", ""]
        rows = [
            [row_mark(row).plain, *(_criterion_cell(cell) for cell in row.cells)]
            for row in comparison.criteria[section]
            if not (differences_only and row.kind == "same")
        ]
        header = ["", *(md_text(record["id"]) for record in records)]
        lines += [*(_table_lines(header, rows) if rows else ["None stated."]), ""]
    return lines


def write_comparison_markdown(
    records: list[Record], out: TextIO, comparison: Comparison | None = None, *,
    differences_only: bool = False,
) -> int:
    """Write a comparison: the summary, the fields side by side, then the criteria aligned
    across trials; returns the number of trials."""
    if len(records) < MIN_TRIALS:
        out.write("# Comparison\n\nA comparison needs at least two trials.\n")
        return len(records)
    comparison = comparison or compare(records)
    lines = [f"# Comparison of {len(records)} trials", ""]
    lines += [md_text(comparison.summary), ""]
    lines += [f"{DIFFERS_MARK} marks the fields whose values differ. In the criteria tables, "
              "= marks a criterion every trial states, ≈ N a similar one (N: similarity out "
              "of 100), only one that a single trial states.", ""]
    lines += [*comparison_table(records, comparison, differences_only=differences_only), ""]
    lines += criteria_tables(records, comparison, differences_only=differences_only)
    lines += ["## Titles", ""]
    lines += [f"- **{md_text(record['id'])}:** {md_text(record['title'])}" for record in records]
    out.write("\n".join(lines) + "\n")
    return len(records)


def write_export(
    out: TextIO, file_format: str, records: Iterable[Record], *, title: str = "Trials",
    comparison: bool = False,
) -> int:
    """Write records in a format ("csv", "json" or "md"); returns the number written.

    A comparison changes only the Markdown (a side-by-side table first).
    """
    if file_format == "csv":
        return write_csv(records, out)
    if file_format == "json":
        return write_json(records, out)
    if file_format == "md":
        if comparison:
            return write_comparison_markdown(list(records), out)
        return write_markdown(records, out, title)
    raise ValueError(f"unknown export format {file_format!r}")


def format_of(path: str | Path) -> str | None:
    """The export format a file name's suffix names (".csv", ".json", ".md"), or None."""
    return SUFFIXES.get(Path(path).suffix.lower())


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
