"""The classic ClinicalTrials.gov site's download (before 2023; often a tab-separated
"SearchResults.tsv"): the columns it names differently from the current export.

Its header: Rank, NCT Number, Title, Acronym, Status, Study Results, Conditions,
Interventions, Outcome Measures, Sponsor/Collaborators, Gender, Age, Phases, Enrollment,
Funded Bys, Study Type, Study Designs, Other IDs, Start Date, Primary Completion Date,
Completion Date, First Posted, Results First Posted, Last Update Posted, Locations, Study
Documents, URL. The columns it shares with the current export are read as there; these are
read as the current export's column of the same content:

- Title, Status ("Active, not recruiting", "Unknown status"), Gender ("All", "Female",
  "Male"), Funded Bys ("Other|Industry|NIH|U.S. Fed") and Study Designs ("Allocation: N/A|
  Masking: None (Open Label)|…") as Study Title, Study Status, Sex, Funder Type and Study
  Design.
- Sponsor/Collaborators: the first entry is the sponsor, the others the collaborators.
- Outcome Measures: the titles of all the study's outcome measures, primary, secondary and
  other mixed, without descriptions or time frames. The record has no place for outcomes of
  unknown kind; they go to ``outcomes.other`` (measure only; description and time frame
  null), in the order written, repeats kept: never presented as primary or secondary
  outcomes, which the export does not tell apart.
- Rank and URL: known, not placed (the URL is the NCT Number's study page).

In a file whose header names any of these columns (a classic export), two shared columns
read differently:

- Locations: each site is "Facility, City, State, Country", with no zip; no part is taken
  for a postal code.
- Age: the site writes the age groups alone ("Child, Adult, Older Adult") when the study
  states no age limit; the ages stay null without a warning. (The current export writes
  the groups alone always, and is warned about: its ages are not in the file.)
"""

from __future__ import annotations

from collections.abc import Callable

from . import brackets, ctgov_csv_cells, vocab
from .clean import clean_text
from .ctgov_csv_columns import PLACE, one_line, text_line
from .record import Record, add_unique

Place = Callable[[Record, str, str, list[str]], None]

COLUMNS = (
    "Rank",
    "Title",
    "Status",
    "Outcome Measures",
    "Sponsor/Collaborators",
    "Gender",
    "Funded Bys",
    "Study Designs",
    "URL",
)
UNMAPPED = frozenset({"Rank", "URL"})
#: every column of the classic export, in its order (a file may leave some out)
LAYOUT = (
    "Rank",
    "NCT Number",
    "Title",
    "Acronym",
    "Status",
    "Study Results",
    "Conditions",
    "Interventions",
    "Outcome Measures",
    "Sponsor/Collaborators",
    "Gender",
    "Age",
    "Phases",
    "Enrollment",
    "Funded Bys",
    "Study Type",
    "Study Designs",
    "Other IDs",
    "Start Date",
    "Primary Completion Date",
    "Completion Date",
    "First Posted",
    "Results First Posted",
    "Last Update Posted",
    "Locations",
    "Study Documents",
    "URL",
)
#: a classic column read as the current export's column of the same content
SAME_AS = {
    "Title": "Study Title",
    "Status": "Study Status",
    "Gender": "Sex",
    "Funded Bys": "Funder Type",
    "Study Designs": "Study Design",
}
_ALL_AGES = frozenset({"child", "adult", "older adult"})


def _set_outcome_titles(record: Record, value: str, column: str, warnings: list[str]) -> None:
    for measure in map(text_line, ctgov_csv_cells.entries(clean_text(value))):
        if measure:
            record["outcomes"]["other"].append(
                {"measure": measure, "description": None, "time_frame": None}
            )


def _set_sponsor_collaborators(
    record: Record, value: str, column: str, warnings: list[str]
) -> None:
    entries = ctgov_csv_cells.entries(clean_text(value))
    names = [name for name in map(text_line, entries) if name]
    if names:
        record["sponsor"] = names[0]
    for name in names[1:]:
        add_unique(record["collaborators"], name)


def _set_locations(record: Record, value: str, column: str, warnings: list[str]) -> None:
    entries = ctgov_csv_cells.entries(clean_text(value), sites=True)
    no_facility = ctgov_csv_cells.facility_less(entries)
    record["locations"] = [
        ctgov_csv_cells.location(entry, with_zip=False, no_facility=no_facility)
        for entry in entries
        if not ctgov_csv_cells.is_placeholder(entry)
    ]
    record["locations_count"] = len(entries)


def _set_age(record: Record, value: str, column: str, warnings: list[str]) -> None:
    groups = {vocab.vocab_key(group) for group in brackets.remove(one_line(value)).split(",")}
    if groups == _ALL_AGES:
        record["age_groups"] = list(vocab.AGE_GROUP_ORDER)
        return  # no age limit stated: the ages stay null
    PLACE["Age"](record, value, column, warnings)


#: how each classic column fills the record, in any file
PLACE_COLUMNS: dict[str, Place] = {
    **{name: PLACE[same] for name, same in SAME_AS.items()},
    "Outcome Measures": _set_outcome_titles,
    "Sponsor/Collaborators": _set_sponsor_collaborators,
}
#: how shared columns read in a classic export (a file whose header names a classic column)
PLACE_IN_CLASSIC_FILE: dict[str, Place] = {
    "Locations": _set_locations,
    "Age": _set_age,
}
