"""Parse the text of a ClinicalTrials.Veeva study page ("veeva-text")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import criteria, fields, vocab
from .record import Record, add_unique, empty_record, paragraphs
from .sections import Section, split

FORMAT = "veeva-text"
BRAND = "ClinicalTrials.Veeva"

DESIGN_HEADINGS = {
    "Primary purpose": ("primary_purpose", vocab.PRIMARY_PURPOSES),
    "Allocation": ("allocation", vocab.ALLOCATIONS),
    "Interventional model": ("intervention_model", vocab.INTERVENTION_MODELS),
    "Masking": ("masking", vocab.MASKINGS),
}
HEADINGS = frozenset(
    {
        "Status and phase", "Status", "Conditions", "Treatments", "Study type", "Funder types",
        "Identifiers", "About", "Full description", "Enrollment", "Sex", "Ages", "Volunteers",
        "Inclusion criteria", "Exclusion criteria", "Inclusion and exclusion criteria",
        "Trial design", "Trial contacts and locations", *DESIGN_HEADINGS,
    }
)
# Page chrome: navigation and footer lines that are not trial content.
CHROME = frozenset(
    {
        BRAND, "Menu", "Details and patient eligibility", "Loading...", "Loading…",
        "Data sourced from clinicaltrials.gov", "Clinical trials", "Find clinical trials",
        "Trials by location", "Find clinical trialsTrials by location", "Research sites",
        "Resources", "Legal",
    }
)
FOOTER = CHROME - {BRAND, "Menu", "Details and patient eligibility"}
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s.*", re.IGNORECASE)
_COPYRIGHT_INITIALS = frozenset("©(cC")
_AVATAR = re.compile(r"^[A-Z0-9]$")
_ARM_TYPE_LINE = re.compile(
    r"^(?P<type>experimental|active comparator|placebo comparator|sham comparator|"
    r"no intervention|other)\s+group$",
    re.IGNORECASE,
)
_NCT = re.compile(r"^NCT\d{8}$")


def is_chrome(line: str) -> bool:
    """True for navigation, loading and footer lines of the page."""
    stripped = line.strip()
    if stripped in CHROME:
        return True
    # Only a line starting with one of these can be a copyright line (a cheap test first).
    return stripped[:1] in _COPYRIGHT_INITIALS and _COPYRIGHT.match(stripped) is not None


def score(lines: list[str]) -> int:
    """How strongly the text looks like a Veeva page (0 = not at all)."""
    stripped = {line.rstrip() for line in lines}
    found = len(stripped & HEADINGS)
    brand = any(line.strip() == BRAND for line in lines[:10])
    if brand:  # the brand line opens every Veeva page, even one cut off before a heading
        return 3 + found
    return found if found >= 3 else 0


def parse(lines: list[str]) -> Record:
    """Parse the cleaned lines of a Veeva page into a record (id and title fallback not set)."""
    record = empty_record()
    record["source"]["format"] = FORMAT
    warnings: list[str] = record["warnings"]
    design_tail: list[str] = []
    sections = split(lines, HEADINGS)
    for section in sections:
        _place(record, section, design_tail, warnings)
    _parse_design_tail(record, design_tail, warnings)
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    if last and not (last in FOOTER or _COPYRIGHT.match(last)):
        where = sections[-1].heading or "the page header"
        warnings.append(f"the page ends inside '{where}' without its footer: it may be cut off")
    return record


def _content(section: Section) -> list[str]:
    """The section's lines without page chrome."""
    return [line for line in section.lines if not is_chrome(line)]


def _place(record: Record, section: Section, design_tail: list[str], warnings: list[str]) -> None:
    heading = section.heading
    lines = _content(section)
    values = [line.strip() for line in lines if line.strip()]
    eligibility = record["eligibility"]
    if heading is None:
        _parse_header(record, values, warnings)
    elif heading in {"Status and phase", "Status"}:
        _parse_status(record, values, warnings)
    elif heading == "Conditions":
        for value in values:
            add_unique(record["conditions"], value)
    elif heading == "Treatments":
        _parse_treatments(record, values, warnings)
    elif heading == "Study type":
        _single(record, "study_type", values, vocab.STUDY_TYPES, heading, warnings)
    elif heading == "Funder types":
        for value in values:
            enum = vocab.lookup(vocab.FUNDER_TYPES, value)
            if enum:
                add_unique(record["funder_types"], enum)
            else:
                warnings.append(f"Funder types: unknown funder type {value!r}")
    elif heading == "Identifiers":
        _parse_identifiers(record, values)
    elif heading == "About":
        record["summary"] = paragraphs(lines)
    elif heading == "Full description":
        record["description"] = paragraphs(lines)
    elif heading == "Enrollment":
        _first_value(values, fields.enrollment, record, "enrollment", heading, warnings)
    elif heading == "Sex":
        _first_value(values, fields.sex, eligibility, "sex", heading, warnings)
    elif heading == "Ages":
        _parse_ages(eligibility, values, warnings)
    elif heading == "Volunteers":
        _first_value(
            values, fields.healthy_volunteers, eligibility, "healthy_volunteers", heading, warnings
        )
    elif heading == "Inclusion criteria":
        eligibility["inclusion"].extend(criteria.build_tree(lines))
    elif heading == "Exclusion criteria":
        eligibility["exclusion"].extend(criteria.build_tree(lines))
    elif heading == "Inclusion and exclusion criteria":
        inclusion, exclusion, lead = criteria.split_sections(lines)
        eligibility["inclusion"].extend(criteria.build_tree(lead + inclusion))
        eligibility["exclusion"].extend(criteria.build_tree(exclusion))
    elif heading == "Trial design":
        design_tail.extend(lines)
    elif heading in DESIGN_HEADINGS:
        key, table = DESIGN_HEADINGS[heading]
        mapped = vocab.design_value(table, values[0]) if values else None
        if mapped:
            record["design"][key] = mapped
            first = next(i for i, line in enumerate(lines) if line.strip())
            design_tail.extend(lines[first + 1 :])
        else:
            design_tail.extend(lines)
    elif heading == "Trial contacts and locations":
        locations = fields.count(values[0]) if values else None
        if locations is not None:
            record["locations_count"] = locations
            values = values[1:]
        for value in values:
            warnings.append(f"Trial contacts and locations: unplaced line {value!r}")


def _single(
    record: Record, key: str, values: list[str], table: dict[str, str], heading: str,
    warnings: list[str],
) -> None:
    _first_value(values, lambda value: vocab.lookup(table, value), record, key, heading, warnings)


def _first_value(
    values: list[str], parse: Callable[[str], object], target: dict[str, Any], key: str,
    heading: str, warnings: list[str],
) -> None:
    """Parse the section's first value into target[key]; warn about anything unplaced."""
    if not values:
        return
    parsed = parse(values[0])
    if parsed is None:
        warnings.append(f"{heading}: could not read {values[0]!r}")
    else:
        target[key] = parsed
    for extra in values[1:]:
        warnings.append(f"{heading}: unplaced line {extra!r}")


def _parse_header(record: Record, values: list[str], warnings: list[str]) -> None:
    """Title, then an avatar letter or a "<Sponsor> logo" line, then the sponsor's name."""
    if not values:
        return
    record["title"] = values[0]
    rest = values[1:]
    logo_sponsor = None
    if rest and (_AVATAR.match(rest[0]) or rest[0].casefold().endswith(" logo")):
        if rest[0].casefold().endswith(" logo"):
            logo_sponsor = rest[0][: -len(" logo")].strip() or None
        rest = rest[1:]
    record["sponsor"] = rest[0] if rest else logo_sponsor
    for extra in rest[1:]:
        warnings.append(f"page header: unplaced line {extra!r}")


def _parse_status(record: Record, values: list[str], warnings: list[str]) -> None:
    found: set[str] = set()
    for value in values:
        status = vocab.status(value)
        phases = vocab.phases(value)
        if status and record["status"] is None:
            record["status"] = status
        elif phases:
            found.update(phases)
        else:
            warnings.append(f"Status and phase: could not read {value!r}")
    record["phases"] = vocab.sort_phases(found)


def _parse_treatments(record: Record, values: list[str], warnings: list[str]) -> None:
    for value in values:
        typed = fields.typed_intervention(value)
        if typed is None:
            warnings.append(f"Treatments: no known type in {value!r}")
        kind, name = typed if typed is not None else (None, value)
        entry: dict[str, Any] = {"type": kind, "name": name, "description": None, "other_names": []}
        add_unique(record["interventions"], entry)


def _parse_identifiers(record: Record, values: list[str]) -> None:
    for value in values:
        if _NCT.match(value) and record["nct_id"] is None:
            record["nct_id"] = value
        else:
            add_unique(record["other_ids"], value)


def _parse_ages(eligibility: dict[str, Any], values: list[str], warnings: list[str]) -> None:
    if not values:
        return
    parsed = fields.ages(values[0])
    if parsed is None:
        warnings.append(f"Ages: could not read {values[0]!r}")
    else:
        eligibility["min_age"], eligibility["max_age"] = parsed
    for extra in values[1:]:
        warnings.append(f"Ages: unplaced line {extra!r}")


def _parse_design_tail(record: Record, lines: list[str], warnings: list[str]) -> None:
    """The group count line and the arm blocks that follow the design values."""
    values = [line.strip() for line in lines if line.strip()]
    starts = _arm_starts(values)
    first_arm = starts[0] if starts else len(values)
    for value in values[:first_arm]:
        groups = fields.participant_groups(value)
        if groups and record["group_count"] is None:
            record["group_count"] = groups[1]
        else:
            warnings.append(f"Trial design: unplaced line {value!r}")
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(values)
        record["arms"].append(_parse_arm(values[start:end], warnings))


def _arm_starts(values: list[str]) -> list[int]:
    """Indices of arm label lines: each is followed by a "<Type> group" line."""
    starts: list[int] = []
    index = 1
    while index < len(values):
        if _ARM_TYPE_LINE.match(values[index]):
            label_free = not starts or index > starts[-1] + 1
            if label_free and index + 1 < len(values) and _ARM_TYPE_LINE.match(values[index + 1]):
                starts.append(index)  # a label that reads like a type line ("Other group")
                index += 2
                continue
            if not starts or index - 1 > starts[-1] + 1:
                starts.append(index - 1)
        index += 1
    return starts


def _parse_arm(block: list[str], warnings: list[str]) -> dict[str, Any]:
    """One arm: label, "<Type> group", optional "Description:" text, optional "Treatment:" lines."""
    match = _ARM_TYPE_LINE.match(block[1])
    interventions: list[str] = []
    arm: dict[str, Any] = {
        "label": block[0],
        "type": vocab.lookup(vocab.ARM_TYPES, match["type"]) if match else None,
        "description": None,
        "interventions": interventions,
    }
    description: list[str] = []
    mode = None
    for value in block[2:]:
        head, colon, rest = value.partition(":")
        if colon and head.strip().casefold() == "description":
            mode = "description"
            if rest.strip():
                description.append(rest.strip())
        elif colon and head.strip().casefold() in {"treatment", "treatments"} and not rest.strip():
            mode = "treatment"
        elif mode == "treatment" and fields.typed_intervention(value):
            interventions.append(value)
        elif mode == "description":
            description.append(value)
        else:
            warnings.append(f"arm {block[0]!r}: unplaced line {value!r}")
    arm["description"] = "\n".join(description) or None
    return arm
