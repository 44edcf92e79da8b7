"""How each column of the ClinicalTrials.gov site's CSV download fills the record: one
function per column (``PLACE``), each given the cell's stripped text, the column's name and
the record's warnings. The rules are those listed in ``ctgov_csv``."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import (
    brackets,
    ctgov_csv_cells,
    ctgov_csv_dates,
    ctgov_csv_outcomes,
    fields,
    vocab,
    vocab_masking,
)
from .clean import clean_text, decode_references
from .ctgov_csv_dates import DATE_COLUMNS
from .ctgov_json_study import unescape
from .record import OBSERVATIONAL_KEYS, Record, add_unique

OUTCOME_COLUMNS = {
    "Primary Outcome Measures": "primary",
    "Secondary Outcome Measures": "secondary",
    "Other Outcome Measures": "other",
}
DESIGN_PARTS = {
    "allocation": ("allocation", vocab.ALLOCATIONS),
    "intervention model": ("intervention_model", vocab.INTERVENTION_MODELS),
    "masking": ("masking", vocab.MASKINGS),
    "primary purpose": ("primary_purpose", vocab.PRIMARY_PURPOSES),
}
#: Parts of an observational study's design: record["observational"] (record.observational).
OBSERVATIONAL_PARTS = {
    "observational model": ("model", vocab.OBSERVATIONAL_MODELS),
    "time perspective": ("time_perspective", vocab.TIME_PERSPECTIVES),
}
RESULTS = {
    "yes": True,
    "true": True,
    "has results": True,
    "no": False,
    "false": False,
    "no results available": False,
}
_LOCAL = re.compile(r"LOCAL-[0-9a-f]{10}", re.IGNORECASE)
_VALUE_PART = re.compile(r"\\([\\|])|(\|)")
_AGE_GROUP = re.compile(r"\b(?:older[ _]adults?|adults?|child(?:ren)?)\b", re.IGNORECASE)

def one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def text_line(text: str) -> str:
    """A finished one-line text value: character references decoded, whitespace collapsed."""
    return one_line(decode_references(text, keep_unprintable=False))


def _split_escaped(text: str) -> list[str]:
    """A cell split at each "|" that is not escaped; "\\|" and "\\\\" unescaped."""
    parts: list[str] = []
    current: list[str] = []
    start = 0
    for match in _VALUE_PART.finditer(text):
        current.append(text[start:match.start()])
        if match.group(2):
            parts.append("".join(current))
            current = []
        else:
            current.append(match.group(1))
        start = match.end()
    current.append(text[start:])
    parts.append("".join(current))
    return parts


def _pieces(text: str) -> list[str]:
    """The "|"-separated values of a cell as written (unescaped, not stripped)."""
    return _split_escaped(text) if "\\" in text else text.split("|")


def _split(text: str, unique: bool = True) -> list[str]:
    """The "|"-separated values of a cell, one-line, character references decoded, blanks
    dropped, duplicates removed unless ``unique`` is false."""
    out: list[str] = []
    for part in _pieces(text):
        value = text_line(part)
        if value and not (unique and value in out):
            out.append(value)
    return out


def _enum(table: dict[str, str]) -> Callable[[str, str, list[str]], str | None]:
    def read(value: str, column: str, warnings: list[str]) -> str | None:
        found = vocab.lookup(table, one_line(value))
        if found is None:
            warnings.append(f"{column}: unknown value {one_line(value)!r}")
        return found

    return read


_status = _enum(vocab.STATUSES)
_study_type = _enum(vocab.STUDY_TYPES)
_funder = _enum(vocab.FUNDER_TYPES)


def _set_nct(record: Record, value: str, column: str, warnings: list[str]) -> None:
    value = one_line(value)
    if fields.NCT_ID.fullmatch(value):
        record["nct_id"] = value
        record["other_ids"] = [other for other in record["other_ids"] if other != value]
    elif _LOCAL.fullmatch(value):
        record["id"] = "LOCAL-" + value[6:].lower()
    else:
        warnings.append(f"{column}: not an NCT id: {value!r}")


def set_nct_from_url(record: Record, value: str, column: str, warnings: list[str]) -> None:
    """The study page's URL ("https://ClinicalTrials.gov/show/NCT03639883") as the NCT id,
    for a file without an NCT Number column."""
    found = fields.NCT_ID.findall(one_line(value))
    if len(set(found)) == 1:
        _set_nct(record, found[0], column, warnings)
    else:
        warnings.append(f"{column}: no NCT id in {one_line(value)[:200]!r}")


def _setter(key: str) -> Callable[[Record, str, str, list[str]], None]:
    def place(record: Record, value: str, column: str, warnings: list[str]) -> None:
        record[key] = text_line(value) or None

    return place


def _set_summary(record: Record, value: str, column: str, warnings: list[str]) -> None:
    text = clean_text(decode_references(unescape(value), keep_unprintable=False))
    lines = [line.rstrip() for line in text.split("\n")]
    record["summary"] = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() or None


def _set_status(record: Record, value: str, column: str, warnings: list[str]) -> None:
    record["status"] = _status(value, column, warnings)


def _set_results(record: Record, value: str, column: str, warnings: list[str]) -> None:
    key = vocab.vocab_key(value)
    if key in RESULTS:
        record["has_results"] = RESULTS[key]
    else:
        warnings.append(f"{column}: unknown value {one_line(value)!r}")


def _set_list(key: str) -> Callable[[Record, str, str, list[str]], None]:
    def place(record: Record, value: str, column: str, warnings: list[str]) -> None:
        for item in _split(value):
            add_unique(record[key], item)

    return place


def _set_other_ids(record: Record, value: str, column: str, warnings: list[str]) -> None:
    for item in _split(value):
        if item != record["nct_id"]:
            add_unique(record["other_ids"], item)


def _set_interventions(record: Record, value: str, column: str, warnings: list[str]) -> None:
    # every entry kept, repeats too: the registry lists an intervention once per dose or arm
    found: list[tuple[str | None, str]] = []  # (type, name as written)
    for part in _pieces(value):
        item = one_line(part)
        if not item:
            continue
        typed = fields.typed_intervention(item)
        if typed is not None:
            found.append((typed[0], part.partition(":")[2]))
        elif found and found[-1][0] is not None:
            # the site does not escape a "|" inside a name: "Approach B (ACR | EU Test kit)."
            found[-1] = (found[-1][0], f"{found[-1][1]}|{part}")
        else:
            warnings.append(f"{column}: no known intervention type in {item!r}")
            found.append((None, part))
    for kind, name in found:
        record["interventions"].append(
            {"type": kind, "name": text_line(name), "description": None, "other_names": []}
        )


def _set_sex(record: Record, value: str, column: str, warnings: list[str]) -> None:
    record["eligibility"]["sex"] = fields.sex(value)
    if record["eligibility"]["sex"] is None:
        warnings.append(f"{column}: unknown value {one_line(value)!r}")


def _set_age(record: Record, value: str, column: str, warnings: list[str]) -> None:
    text = one_line(value)
    groups = {vocab.AGE_GROUPS[vocab.vocab_key(found)] for found in _AGE_GROUP.findall(text)}
    record["age_groups"] = [group for group in vocab.AGE_GROUP_ORDER if group in groups]
    bare = _AGE_GROUP.sub(" ", brackets.remove(text))
    bare = " ".join(bare.replace(",", " ").replace("|", " ").split())
    parsed = fields.ages(bare) if bare else None
    if parsed is not None:
        record["eligibility"]["min_age"], record["eligibility"]["max_age"] = parsed
    elif bare:
        warnings.append(f"{column}: could not read the ages {text!r}")


def _set_phases(record: Record, value: str, column: str, warnings: list[str]) -> None:
    found: set[str] = set(record["phases"])
    for item in _split(value):
        key = item.upper()
        phases = [key] if key in vocab.PHASE_ORDER else vocab.phases(item)
        if phases:
            found.update(phases)
        else:
            warnings.append(f"{column}: unknown value {item!r}")
    record["phases"] = vocab.sort_phases(found)


def _set_enrollment(record: Record, value: str, column: str, warnings: list[str]) -> None:
    record["enrollment"] = fields.enrollment(one_line(value), default_type=None)
    if record["enrollment"] is None:
        warnings.append(f"{column}: could not read {one_line(value)!r}")


def _set_funders(record: Record, value: str, column: str, warnings: list[str]) -> None:
    for item in _split(value):
        found = _funder(item, column, warnings)
        if found:
            add_unique(record["funder_types"], found)


def _set_study_type(record: Record, value: str, column: str, warnings: list[str]) -> None:
    # the classic export adds the expanded access types after a colon: "Expanded
    # Access:Individual Patients|Treatment IND/Protocol"
    head, colon, types = value.partition(":")
    if colon and vocab.lookup(vocab.STUDY_TYPES, head) == "EXPANDED_ACCESS":
        value = head
        found = set()
        for name in _split(types):
            kind = vocab.lookup(vocab.EXPANDED_ACCESS_NAMES, name)
            if kind is None:
                warnings.append(f"{column}: unknown expanded access type {name!r}")
            found.add(kind)
        record["expanded_access_types"] = [
            kind for kind in vocab.EXPANDED_ACCESS_TYPES if kind in found]
    record["study_type"] = _study_type(value, column, warnings)


def _set_design(record: Record, value: str, column: str, warnings: list[str]) -> None:
    first: dict[str, str | None] = {}  # each part's first value
    for item in _split(value):
        label, colon, setting = item.partition(":")
        key = vocab.vocab_key(label)
        if not colon or (key not in DESIGN_PARTS and key not in OBSERVATIONAL_PARTS):
            warnings.append(f"{column}: unknown part {item!r}")
            continue
        field, table = DESIGN_PARTS.get(key) or OBSERVATIONAL_PARTS[key]
        if not setting.strip() or setting.strip() == "p":
            # "Primary Purpose: ": not stated; the current site writes "Observational Model:
            # |Time Perspective: p" for an observational study that states neither
            continue
        found = vocab.design_value(table, setting.strip())
        if found is None:
            warnings.append(f"{column}: unknown {label.strip()} {setting.strip()!r}")
        if key in first:
            # "Observational Model: Defined Population|Observational Model: Natural History":
            # the record keeps one value, the first known (as the classic XML's is read)
            if found != first[key] or key == "masking":  # (the same masking: its roles too)
                warnings.append(f"{column}: {label.strip()} {setting.strip()!r} not kept: "
                                f"the record keeps one value ({first[key]})")
            continue
        if found is not None:
            first[key] = found
        if key in DESIGN_PARTS:
            record["design"][field] = found
            if field == "masking":
                _set_masked(record, setting, column, warnings)
        elif found is not None:
            stated = record["observational"] or dict.fromkeys(OBSERVATIONAL_KEYS)
            record["observational"] = {**stated, field: found}


def _set_masked(record: Record, setting: str, column: str, warnings: list[str]) -> None:
    """Who is masked: "DOUBLE (PARTICIPANT, INVESTIGATOR)"."""
    roles, unknown = vocab_masking.masked_roles(setting)
    record["design"]["masked"] = roles
    for part in unknown:
        warnings.append(f"{column}: no one known masked as {part!r}, not kept")


def _set_locations(record: Record, value: str, column: str, warnings: list[str]) -> None:
    entries = ctgov_csv_cells.entries(clean_text(value), sites=True)
    no_facility = ctgov_csv_cells.facility_less(entries)
    record["locations"] = [
        ctgov_csv_cells.location(entry, no_facility=no_facility)
        for entry in entries
        if not ctgov_csv_cells.is_placeholder(entry)
    ]
    record["locations_count"] = len(entries)


def _set_outcomes(record: Record, value: str, column: str, warnings: list[str]) -> None:
    outcomes = record["outcomes"][OUTCOME_COLUMNS[column]]
    for entry in ctgov_csv_cells.entries(clean_text(value), markdown=True):
        outcome = ctgov_csv_outcomes.outcome(entry, markdown=True)
        if outcome is None:
            warnings.append(f"{column}: no measure in {one_line(entry)[:200]!r}, not kept")
        else:
            outcomes.append(outcome)


def _set_collaborators(record: Record, value: str, column: str, warnings: list[str]) -> None:
    for entry in ctgov_csv_cells.entries(clean_text(value)):
        name = text_line(entry)
        if name:
            add_unique(record["collaborators"], name)


PLACE: dict[str, Callable[[Record, str, str, list[str]], None]] = {
    "NCT Number": _set_nct,
    "Study Title": _setter("title"),
    "Acronym": _setter("acronym"),
    "Study Status": _set_status,
    "Brief Summary": _set_summary,
    "Study Results": _set_results,
    "Conditions": _set_list("conditions"),
    "Interventions": _set_interventions,
    "Sponsor": _setter("sponsor"),
    "Sex": _set_sex,
    "Age": _set_age,
    "Phases": _set_phases,
    "Enrollment": _set_enrollment,
    "Funder Type": _set_funders,
    "Study Type": _set_study_type,
    "Study Design": _set_design,
    "Other IDs": _set_other_ids,
    # slash dates read in the file's own order (``ctgov_csv.parse_records``), here unknown
    **dict.fromkeys(DATE_COLUMNS, ctgov_csv_dates.placer(ctgov_csv_dates.UNKNOWN_ORDER)),
    "Locations": _set_locations,
    **dict.fromkeys(OUTCOME_COLUMNS, _set_outcomes),
    "Collaborators": _set_collaborators,
}
