"""Build eligibility criteria trees from indented, bulleted or numbered lines: bullets and
numbers stripped, the criteria nested by indentation under their headings
(criteria_headings says which lines are headings; criteria_pdq reads the NCI's PDQ layout),
the inclusion and exclusion sections; a numbered list written on one line split into its
items (criteria_runs); the registry's note that other criteria may apply marked
(criteria_notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .criteria_headings import Heading, heading, subheading
from .criteria_notes import mark_notes
from .criteria_runs import split_runs

__all__ = [
    "CLOSE_GROUPS", "GROUP_INDENT", "SECTION_INDENT", "Criterion", "Heading", "build_tree",
    "count", "group_entry", "heading", "is_criteria_label", "is_group_label", "nest",
    "section_entry", "sections", "split_sections", "strip_bullet", "subheading",
]

Criterion = dict[str, Any]

_BULLET = re.compile(
    r"^(?:(?:-{2,3}|[•●○◦▪▫■□‣⁃∙·*+\-–—]|o(?=\s)|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{2,4}[.)])\s+"
    # A bullet written against its text ("•≥1+ protein", "-Patients with TB").
    r"|[•●○◦▪▫■□‣⁃∙](?=\S)|-(?=[A-Z]))"
)
_LABEL = re.compile(r"^(?:eligibility\s+)?criteria\s*:?$", re.IGNORECASE)

#: What may follow the classic registry's "-  " bullet as a second marker of the same item.
_SECOND_MARKS = frozenset("•●○◦▪▫■□‣⁃∙0123456789")


def strip_bullet(text: str) -> tuple[str, bool]:
    """Return the text without its bullet or number, and whether it had one."""
    match = _BULLET.match(text)
    if match is None:
        return text, False
    rest = text[match.end() :].strip()
    if rest.startswith("-") and (dash := _BULLET.match(rest)) is not None:
        rest = rest[dash.end() :].strip()  # "•-Have outpatient visit …"
    elif (text[0] == "-" and rest[:1] in _SECOND_MARKS
          and (second := _BULLET.match(rest)) is not None):
        rest = rest[second.end() :].strip()  # "-  • Evidence of …", "-  1. Diagnosis …"
    return rest, True


#: A paragraph naming a group of the criteria after it, in the section they belong to ("Part
#: B", "Group 2", "All Parts").
_GROUP_LABEL = re.compile(
    r"(?:part|group|cohort|arm|stage|phase|sub-?study)[ \t]+[\w.-]{1,4}"
    r"|all[ \t]+(?:parts|cohorts|groups|arms|participants|patients|subjects)",
    re.IGNORECASE,
)


def is_group_label(text: str) -> bool:
    """Whether a paragraph only names a group ("Part B", "Group 2", "All Parts")."""
    return _GROUP_LABEL.fullmatch(text.strip()) is not None


def group_entry(group: str) -> list[Any]:
    """The (indent, text) entry of a qualified heading: above every indentation, so that the
    criteria that follow it, up to the next heading, nest under it."""
    return [GROUP_INDENT, group]


#: The indentation of a qualified heading's entry (see group_entry).
GROUP_INDENT = -1
#: The indentation of a section of the PDQ layout ("PATIENT CHARACTERISTICS", criteria_pdq):
#: above a group's, so that the groups of its sub-headings ("Age") nest under it.
SECTION_INDENT = -2


def section_entry(section: str) -> list[Any]:
    """The (indent, text) entry of a PDQ section's heading: the criteria and sub-headings
    after it, up to the next section or heading, nest under it."""
    return [SECTION_INDENT, section]


#: The entry of a plain heading: it ends the groups before it (no criterion of its own), so
#: that the criteria under "Inclusion Criteria:" after "Inclusion Criteria for Part A:" are
#: not Part A's.
CLOSE_GROUPS: tuple[int, None] = (GROUP_INDENT, None)


def is_criteria_label(text: str) -> bool:
    """True for a bare "Criteria:" label line, which carries no criterion."""
    return _LABEL.match(text.strip()) is not None


def build_tree(lines: list[str]) -> list[Criterion]:
    """Nest criteria by indentation: a line indented deeper than the one before is its child."""
    entries: list[tuple[int, str]] = []
    for raw in lines:
        line = raw.expandtabs(4).rstrip()
        text = line.lstrip()
        if not text:
            continue
        indent = len(line) - len(text)
        text, _ = strip_bullet(text)
        if text:
            entries.append((indent, text))
    return nest(entries)


def nest(entries: Iterable[tuple[int, str | None]]) -> list[Criterion]:
    """Build the tree from (indent, text) pairs: an entry indented deeper than the one before
    is its child; one at the same or a lesser indent closes the deeper ones; one without text
    (CLOSE_GROUPS) closes every entry when a group (GROUP_INDENT, or a PDQ section:
    SECTION_INDENT) is open, and is no node."""
    roots: list[Criterion] = []
    stack: list[tuple[int, Criterion]] = []
    for indent, text in entries:
        if text is None:  # CLOSE_GROUPS: the open groups end, other nesting goes on
            if any(depth < 0 for depth, _ in stack):
                stack.clear()
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        node: Criterion = {"text": text, "children": []}
        (stack[-1][1]["children"] if stack else roots).append(node)
        stack.append((indent, node))
    return roots


def split_sections(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split lines under "Inclusion Criteria:" / "Exclusion Criteria:" subheadings.

    Returns (inclusion lines, exclusion lines, lines before any subheading).
    """
    parts: dict[str, list[str]] = {"inclusion": [], "exclusion": [], "lead": []}
    current = "lead"
    for line in lines:
        kind = subheading(line)
        if kind:
            current = kind
        elif not is_criteria_label(line):
            parts[current].append(line)
    return parts["inclusion"], parts["exclusion"], parts["lead"]


def count(criteria: list[Criterion]) -> int:
    """Number of criteria in a tree, nested ones included."""
    return sum(1 + count(node["children"]) for node in criteria)


def sections(
    parts: dict[str, list[Any]], headed: bool
) -> tuple[list[Criterion], list[Criterion], list[str]]:
    """Inclusion and exclusion criteria from the (indent, text[, own mark]) items read under
    each heading ("lead": before any heading, kept as inclusion, with a warning saying so),
    a numbered list written on one line split into its items (criteria_runs).

    The lead's criteria come first, a tree of their own: the first heading ends them, so
    that the criteria under it are no children of a sentence before it ("For more
    information … visit www.BMSStudyConnect.com", then "Inclusion Criteria:" and its
    indented items). The registry's note that other criteria may apply is marked
    (criteria_notes)."""
    warnings: list[str] = []
    if parts["lead"]:
        warnings.append(
            "criteria without an Inclusion/Exclusion heading kept as inclusion"
            if not headed
            else "criteria before the first Inclusion/Exclusion heading kept as inclusion"
        )
    inclusion = nest(split_runs(parts["lead"])) + nest(split_runs(parts["inclusion"]))
    exclusion = nest(split_runs(parts["exclusion"]))
    mark_notes(inclusion)
    mark_notes(exclusion)
    return inclusion, exclusion, warnings
