"""Build eligibility criteria trees from indented, bulleted or numbered lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

Criterion = dict[str, Any]

_BULLET = re.compile(
    r"^(?:[•●○◦▪▫■□‣⁃∙·*+\-–—]|o(?=\s)|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{2,4}[.)])\s+"
)
_SUBHEADING = re.compile(
    r"^(?:key\s+|main\s+|major\s+)?(?P<kind>inclusion|exclusion)(?:\s+criteria)?\s*:?$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?:eligibility\s+)?criteria\s*:?$", re.IGNORECASE)


def strip_bullet(text: str) -> tuple[str, bool]:
    """Return the text without its bullet or number, and whether it had one."""
    match = _BULLET.match(text)
    if match is None:
        return text, False
    return text[match.end() :].strip(), True


def subheading(text: str) -> str | None:
    """'inclusion' or 'exclusion' when the line is such a subheading ("Inclusion Criteria:")."""
    match = _SUBHEADING.match(text.strip())
    return match["kind"].casefold() if match else None


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


def nest(entries: Iterable[tuple[int, str]]) -> list[Criterion]:
    """Build the tree from (indent, text) pairs: an entry indented deeper than the one before
    is its child; one at the same or a lesser indent closes the deeper ones."""
    roots: list[Criterion] = []
    stack: list[tuple[int, Criterion]] = []
    for indent, text in entries:
        node: Criterion = {"text": text, "children": []}
        while stack and stack[-1][0] >= indent:
            stack.pop()
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
    """Inclusion and exclusion criteria from the (indent, text) items read under each heading
    ("lead": before any heading, kept as inclusion, with a warning saying so)."""
    warnings: list[str] = []
    if parts["lead"]:
        warnings.append(
            "criteria without an Inclusion/Exclusion heading kept as inclusion"
            if not headed
            else "criteria before the first Inclusion/Exclusion heading kept as inclusion"
        )
    inclusion = nest((indent, body) for indent, body in parts["lead"] + parts["inclusion"])
    exclusion = nest((indent, body) for indent, body in parts["exclusion"])
    return inclusion, exclusion, warnings
