"""Parse the text of a ClinicalTrials.gov study page ("ctgov-text")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import brackets, criteria, fields, vocab
from .record import Record, add_unique, empty_record, paragraphs

FORMAT = "ctgov-text"

# The label runs to the last non-blank character (no lazy `.*?\s*$`: quadratic in blanks).
_BULLET = re.compile(r"\s*[•·▪*]\s+(?P<label>\S(?:.*\S)?)")
_BULLET_SIGNS = frozenset("•·▪*")
_NCT = re.compile(r"\bNCT\d{8}\b")
DATE_LABELS = {
    "study started": "start",
    "study start": "start",
    "start date": "start",
    "primary completion": "primary_completion",
    "primary completion date": "primary_completion",
    "study completion": "completion",
    "completion date": "completion",
    "last update": "last_update",
    "last update posted": "last_update",
}
#: The posting dates; read as the other dates, but not markers of a page (``score``).
POSTED_DATE_LABELS = {
    "first posted": "first_posted",
    "study first posted": "first_posted",
    "results first posted": "results_first_posted",
}
DATE_LABELS.update(POSTED_DATE_LABELS)
DATE_MARKERS = {
    "anticipated": "ESTIMATED",
    "estimate": "ESTIMATED",
    "estimated": "ESTIMATED",
    "actual": "ACTUAL",
}
RESULT_LINES = {"no results posted": False, "results posted": True, "has results": True}
# Lines (as _key gives them) that only a ClinicalTrials.gov page has, and their first letters.
_MARKERS = frozenset(
    (DATE_LABELS.keys() - POSTED_DATE_LABELS.keys()) | RESULT_LINES.keys() | {"criteria"}
)
_MARKER_INITIALS = frozenset(marker[0] for marker in _MARKERS)
_ARM_HEAD = re.compile(
    r"^(?P<label>\S.*?)\s+(?P<type>Experimental|Active Comparator|Placebo Comparator|"
    r"Sham Comparator|No Intervention|Other)$"
)
_INTERVENTION_HEAD = re.compile(
    r"^(?P<type>Biological|Drug|Procedure|Diagnostic Test|Other|Genetic|Device|Behavioral|"
    r"Dietary Supplement|Radiation|Combination Product):?\s+(?P<name>\S.*)$"
)
_HEAD_MAX = 250


def _key(line: str) -> str:
    return " ".join(line.strip().rstrip(":").split()).casefold()


def score(lines: list[str]) -> int:
    """How strongly the text looks like a ClinicalTrials.gov page (0 = not at all)."""
    first = next((line.strip() for line in lines if line.strip()), "")
    points = 3 if first == "Title" else 0
    markers = _MARKERS
    initials = _MARKER_INITIALS
    for line in lines:
        if len(line) > 60:  # every label is short; prose is skipped cheaply
            continue
        stripped = line.strip()
        if not stripped:
            continue
        # Cheap filters first (most lines are neither): a bullet starts with a bullet sign
        # after blanks; a marker's key starts with one of a few letters.
        if stripped[0] in _BULLET_SIGNS and (bullet := _BULLET.match(line)):
            if _key(bullet["label"]) in BULLET_FIELDS:
                points += 1
        elif stripped[0].casefold()[:1] in initials and _key(line) in markers:
            points += 1
    return points if points >= 4 else 0


def parse(lines: list[str]) -> Record:
    """Parse the cleaned lines of a ClinicalTrials.gov page (id and title fallback not set)."""
    record = empty_record()
    record["source"]["format"] = FORMAT
    warnings: list[str] = record["warnings"]
    position = _skip_blank(lines, 0)
    if position < len(lines) and lines[position].strip() == "Title":
        position = _parse_titles(record, lines, position + 1)
    position = _parse_bullets(record, lines, position, warnings)
    criteria_at = next(
        (i for i in range(position, len(lines)) if lines[i].strip() == "Criteria"), None
    )
    body_end = criteria_at if criteria_at is not None else len(lines)
    body, tail = lines[position:body_end], lines[body_end + 1 :] if criteria_at is not None else []
    result_at = next((i for i, line in enumerate(body) if _key(line) in RESULT_LINES), None)
    if result_at is not None:
        body, tail = body[:result_at], body[result_at:] + tail
    _parse_body(record, body, warnings)
    _parse_criteria_and_results(record, tail, warnings)
    if record["has_results"] is None:
        where = "Criteria" if criteria_at is not None else "the study details"
        warnings.append(
            f"the page ends inside '{where}' without its results line: it may be cut off"
        )
    return record


def _skip_blank(lines: list[str], position: int) -> int:
    while position < len(lines) and not lines[position].strip():
        position += 1
    return position


def _parse_titles(record: Record, lines: list[str], position: int) -> int:
    """Brief title, then official title, up to the first bullet field."""
    titles: list[str] = []
    while position < len(lines) and not _BULLET.match(lines[position]):
        if lines[position].strip():
            titles.append(lines[position].strip())
        position += 1
    if titles:
        record["title"] = titles[0]
    if len(titles) > 1:
        record["official_title"] = titles[1]
    for extra in titles[2:]:
        record["warnings"].append(f"Title: unplaced line {extra!r}")
    return position


def _parse_bullets(record: Record, lines: list[str], position: int, warnings: list[str]) -> int:
    """The "• Label" fields, each with indented values, before the summary."""
    while position < len(lines):
        bullet = _BULLET.match(lines[position])
        if bullet is None:
            break
        values: list[str] = []
        position += 1
        while position < len(lines) and not _BULLET.match(lines[position]):
            line = lines[position]
            if line.strip() and not line[:1].isspace():
                break
            if line.strip():
                values.append(line.strip())
            position += 1
        _place_bullet(record, bullet["label"], values, warnings)
    return position


def _set_status(record: Record, values: list[str]) -> bool:
    record["status"] = vocab.status(values[0])
    return record["status"] is not None


def _set_phases(record: Record, values: list[str]) -> bool:
    found: set[str] = set()
    for value in values:
        phases = vocab.phases(value)
        if phases is None:
            return False
        found.update(phases)
    record["phases"] = vocab.sort_phases(found)
    return True


def _set_study_type(record: Record, values: list[str]) -> bool:
    record["study_type"] = vocab.lookup(vocab.STUDY_TYPES, brackets.remove(values[0], "", "[", "]"))
    return record["study_type"] is not None


def _set_enrollment(record: Record, values: list[str]) -> bool:
    record["enrollment"] = fields.enrollment(values[0], default_type=None)
    return record["enrollment"] is not None


def _set_list(key: str) -> Callable[[Record, list[str]], bool]:
    def setter(record: Record, values: list[str]) -> bool:
        for value in values:
            add_unique(record[key], value)
        return True

    return setter


def _set_text(key: str) -> Callable[[Record, list[str]], bool]:
    def setter(record: Record, values: list[str]) -> bool:
        record[key] = " ".join(values)
        return True

    return setter


def _set_nct(record: Record, values: list[str]) -> bool:
    match = _NCT.fullmatch(values[0])
    record["nct_id"] = match.group(0) if match else None
    return match is not None


def _set_sex(record: Record, values: list[str]) -> bool:
    record["eligibility"]["sex"] = fields.sex(values[0])
    return record["eligibility"]["sex"] is not None


def _set_ages(record: Record, values: list[str]) -> bool:
    parsed = fields.ages(values[0])
    if parsed is None:
        return False
    record["eligibility"]["min_age"], record["eligibility"]["max_age"] = parsed
    return True


def _set_volunteers(record: Record, values: list[str]) -> bool:
    record["eligibility"]["healthy_volunteers"] = fields.healthy_volunteers(values[0])
    return record["eligibility"]["healthy_volunteers"] is not None


BULLET_FIELDS: dict[str, Callable[[Record, list[str]], bool]] = {
    "phase": _set_phases,
    "phases": _set_phases,
    "study type": _set_study_type,
    "status": _set_status,
    "overall status": _set_status,
    "recruitment status": _set_status,
    "study participants": _set_enrollment,
    "enrollment": _set_enrollment,
    "conditions": _set_list("conditions"),
    "condition": _set_list("conditions"),
    "keywords": _set_list("keywords"),
    "sponsor": _set_text("sponsor"),
    "lead sponsor": _set_text("sponsor"),
    "acronym": _set_text("acronym"),
    "nct id": _set_nct,
    "nct number": _set_nct,
    "clinicaltrials gov id": _set_nct,
    "clinicaltrials.gov id": _set_nct,
    "sex": _set_sex,
    "sexes eligible": _set_sex,
    "ages": _set_ages,
    "ages eligible": _set_ages,
    "healthy volunteers": _set_volunteers,
    "accepts healthy volunteers": _set_volunteers,
}


def _place_bullet(record: Record, label: str, values: list[str], warnings: list[str]) -> None:
    setter = BULLET_FIELDS.get(_key(label))
    if setter is None:
        warnings.append(f"{label}: unknown field with value {' '.join(values)!r}")
    elif values and not setter(record, values):
        warnings.append(f"{label}: could not read {' '.join(values)!r}")


def _parse_body(record: Record, lines: list[str], warnings: list[str]) -> None:
    """Summary paragraphs, the date blocks, then intervention and arm blocks."""
    summary: list[str] = []
    current: dict[str, Any] | None = None
    description: list[str] = []
    has_dates = any(_key(line) in DATE_LABELS for line in lines)
    seen_dates = False
    position = 0

    def close_item() -> None:
        if current is not None:
            current["description"] = paragraphs(description)

    while position < len(lines):
        line = lines[position].strip()
        key = _key(line)
        if key in DATE_LABELS:
            position = _parse_date(record, lines, position + 1, key, warnings)
            seen_dates = True
            continue
        position += 1
        if current is not None and "label" in current and fields.typed_intervention(line):
            current["interventions"].append(line)
            continue
        # Summary paragraphs come before the dates; intervention and arm lines after them.
        head = _classify_head(line) if seen_dates or not has_dates else None
        if head is not None:
            close_item()
            current, description = head, []
            if "label" in head:
                record["arms"].append(head)
            else:
                add_unique(record["interventions"], head)
        elif current is not None:
            description.append(line)
        elif not seen_dates:
            summary.append(line)
        elif line:
            warnings.append(f"unplaced line {line!r}")
    close_item()
    record["summary"] = paragraphs(summary)
    for intervention in record["interventions"]:
        intervention.setdefault("description", None)


def _classify_head(line: str) -> dict[str, Any] | None:
    """An intervention line ("Drug aspirin") or an arm line ("Low dose Experimental")."""
    if not line or len(line) > _HEAD_MAX or line.endswith((".", ";", ",")):
        return None
    arm = _ARM_HEAD.match(line)
    if arm:
        arm_type = vocab.lookup(vocab.ARM_TYPES, arm["type"])
        return {"label": arm["label"], "type": arm_type, "description": None, "interventions": []}
    intervention = _INTERVENTION_HEAD.match(line)
    if intervention:
        kind = vocab.lookup(vocab.INTERVENTION_TYPES, intervention["type"])
        return {
            "type": kind,
            "name": intervention["name"].strip(),
            "description": None,
            "other_names": [],
        }
    return None


def _parse_date(
    record: Record, lines: list[str], position: int, key: str, warnings: list[str]
) -> int:
    """A date label's value: "Mon DD" and "YYYY" lines (or one line), then an optional marker."""
    position = _skip_blank(lines, position)
    parts: list[str] = []
    parsed = None
    while position < len(lines) and len(parts) < 3 and lines[position].strip():
        candidate = [*parts, lines[position].strip()]
        if fields.date(" ".join(candidate)) is None and parts:
            break
        parts = candidate
        position += 1
        parsed = fields.date(" ".join(parts)) or parsed
        if parsed and len(parsed) == 10:
            break
    kind = "ACTUAL"
    if position < len(lines) and _key(lines[position]) in DATE_MARKERS:
        kind = DATE_MARKERS[_key(lines[position])]
        position += 1
    if parsed is None:
        warnings.append(f"{key}: could not read the date {' '.join(parts)!r}")
    else:
        record["dates"][DATE_LABELS[key]] = {"date": parsed, "type": kind}
    return position


def _parse_criteria_and_results(record: Record, lines: list[str], warnings: list[str]) -> None:
    body: list[str] = []
    for line in lines:
        key = _key(line)
        if key in RESULT_LINES:
            record["has_results"] = RESULT_LINES[key]
        else:
            body.append(line)
    inclusion, exclusion, lead = criteria.split_sections(body)
    eligibility = record["eligibility"]
    if any(line.strip() for line in lead):
        warnings.append("criteria without an Inclusion/Exclusion heading kept as inclusion")
    # the lines before the first heading are a tree of their own: no parent of the criteria
    # under the heading (criteria.sections)
    eligibility["inclusion"] = criteria.build_tree(lead) + criteria.build_tree(inclusion)
    eligibility["exclusion"] = criteria.build_tree(exclusion)
