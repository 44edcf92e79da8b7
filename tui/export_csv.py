"""Trials as the ClinicalTrials.gov site's CSV download: its columns (``parsers.ctgov_csv.
COLUMNS``, in that order) and its spellings, so that the site's tools and
``parsers/ctgov_csv.py`` read the file back (see tui/export.py for the choices)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from parsers.ctgov_csv import COLUMNS

Record = dict[str, Any]

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
    ("First Posted", "first_posted"),
    ("Results First Posted", "results_first_posted"),
    ("Last Update Posted", "last_update"),
)
#: The outcome measures columns and the record's outcome kinds they hold.
OUTCOME_COLUMNS = (
    ("Primary Outcome Measures", "primary"),
    ("Secondary Outcome Measures", "secondary"),
    ("Other Outcome Measures", "other"),
)
#: A location's parts in the site's order: "Facility, City, State, Zip, Country".
LOCATION_PARTS = ("facility", "city", "state", "zip", "country")
#: An outcome's parts in the site's order: "Measure, Description, Time frame".
OUTCOME_PARTS = ("measure", "description", "time_frame")
# Length of one unit in years, for the site's age groups (CHILD < 18 ≤ ADULT < 65 ≤ OLDER).
UNIT_YEARS = {
    "YEARS": 1.0, "MONTHS": 1 / 12, "WEEKS": 7 / 365.25, "DAYS": 1 / 365.25,
    "HOURS": 1 / 8766, "MINUTES": 1 / 525960,
}


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


def age_cell(eligibility: dict[str, Any], age_groups: list[str] | None = None) -> str:
    """ "18 Years to 65 Years   (ADULT, OLDER_ADULT)", "18 Years and older   (…)", "up to …";
    the groups are the record's age_groups (else those the ages overlap). Without ages, the
    groups alone, as the site's current download writes them ("ADULT, OLDER_ADULT")."""
    low, high = eligibility.get("min_age"), eligibility.get("max_age")
    groups = [str(group) for group in age_groups or () if group]
    if low and high:
        text = f"{_age(low)} to {_age(high)}"
    elif low:
        text = f"{_age(low)} and older"
    elif high:
        text = f"up to {_age(high)}"
    else:
        return ", ".join(groups)
    return f"{text}   ({', '.join(groups or _age_groups(low, high))})"


def _design_cell(design: dict[str, Any]) -> str:
    """ "Allocation: RANDOMIZED|…|Masking: DOUBLE (PARTICIPANT, INVESTIGATOR)|…", as the site
    writes it."""
    parts = []
    for label, key in DESIGN_PARTS:
        if design.get(key):
            masked = design.get("masked") if key == "masking" else None
            who = f" ({', '.join(masked)})" if masked else ""
            parts.append(f"{label}: {design[key]}{who}")
    return "|".join(parts)


def _interventions_cell(interventions: list[dict[str, Any]]) -> str:
    return _join(f"{i['type']}: {i['name']}" if i.get("type") else i["name"] for i in interventions)


def _parts(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    """The stated parts of a location or an outcome, joined with ", " (the site leaves out
    the parts a study does not state)."""
    return ", ".join(str(item[key]) for key in keys if item.get(key))


def location_entry(location: dict[str, Any]) -> str:
    """ "Mayo Clinic, Phoenix, Arizona, 85054, United States" ("" when it states none)."""
    return _parts(location, LOCATION_PARTS)


def _placeholder(number: int, count: int) -> str:
    return f"Location {number} of {count} (not recorded)"


def locations_cell(record: Record) -> str:
    """Every listed site as the site writes it, "|"-joined. A site stating no part, and the
    sites a record counts without listing them (locations_count above the list, as a page
    that only says how many), are "Location N of M (not recorded)" placeholders: the count
    reads back, and the CSV parser knows them for what they are."""
    listed = [loc for loc in record.get("locations") or [] if isinstance(loc, dict)]
    stated = record.get("locations_count")
    count = max(len(listed), stated if isinstance(stated, int) else 0)
    entries = [location_entry(loc) or _placeholder(n, count)
               for n, loc in enumerate(listed, start=1)]
    entries += [_placeholder(n, count) for n in range(len(listed) + 1, count + 1)]
    return _join(entries)


def outcome_entry(outcome: dict[str, Any]) -> str:
    """ "Change in Body Weight, Percent change from baseline., Baseline to Week 72"."""
    return _parts(outcome, OUTCOME_PARTS)


def outcomes_cell(record: Record, kind: str) -> str:
    """One kind of outcome measures ("primary", "secondary", "other"), "|"-joined."""
    outcomes = (record.get("outcomes") or {}).get(kind) or []
    return _join(entry for entry in map(outcome_entry, outcomes) if entry)


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
        "Collaborators": _join(record.get("collaborators") or []),
        "Sex": eligibility.get("sex") or "",
        "Age": age_cell(eligibility, record.get("age_groups")),
        "Phases": _join(record["phases"]),
        "Enrollment": "" if enrollment is None else str(enrollment["count"]),
        "Funder Type": _join(record["funder_types"]),
        "Study Type": record.get("study_type") or "",
        "Study Design": _design_cell(record["design"]),
        "Other IDs": _join(record["other_ids"]),
        "Locations": locations_cell(record),
        "Study Documents": _documents_cell(record.get("documents") or []),
    })
    for column, kind in OUTCOME_COLUMNS:
        row[column] = outcomes_cell(record, kind)
    for column, key in DATE_COLUMNS:
        row[column] = _date_cell(record["dates"].get(key))
    return row


def _documents_cell(documents: list[dict[str, Any]]) -> str:
    """ "Study Protocol, https://…|Statistical Analysis Plan, https://…", as the site."""
    return _join(", ".join(part for part in (document.get("label"), document.get("url"))
                           if part) or document.get("filename") or "Document"
                 for document in documents)


def write_csv(records: Iterable[Record], out: TextIO) -> int:
    """Write the header row and one row per record; returns the number of records."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count
