"""Build eligibility criteria trees from indented, bulleted or numbered lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

Criterion = dict[str, Any]

_BULLET = re.compile(
    r"^(?:[•●○◦▪▫■□‣⁃∙·*+\-–—]|o(?=\s)|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{2,4}[.)])\s+"
)
_SUBHEADING = re.compile(
    r"^(?:key\s+|main\s+|major\s+)?(?P<kind>inclusion|exclusion)(?:\s+criteria)?\s*:?$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?:eligibility\s+)?criteria\s*:?$", re.IGNORECASE)
#: "Inclusion Criteria: first criterion" (a heading carrying its first criterion).
_HEADING_TEXT = re.compile(
    r"(?P<head>(?:key\s+|main\s+|major\s+)?(?P<kind>inclusion|exclusion)\s+criteria)\s*:\s*"
    r"(?P<rest>\S.*)",
    re.IGNORECASE,
)
#: A heading that says whom or what its criteria are for: up to three words before it
#: ("SPECIFIC INCLUSION CRITERIA FOR EPILEPSY SUBJECTS:"), a qualifier after it ("Inclusion
#: Criteria for Part A:", "Exclusion criteria (healthy volunteers):"), ending with a colon.
_QUALIFIED = re.compile(
    r"(?P<lead>(?:[^\W\d_]+[ \t]+){0,3}?)(?P<kind>inclusion|exclusion)[ \t]+criteri(?:a|on)"
    r"(?P<rest>(?:[ \t]*[-\u2013\u2014(,/]|[ \t]+(?:for|in|of|at|to)\b)[^:]{0,100})?[ \t]*:",
    re.IGNORECASE,
)
#: Words that make the start of a line a sentence about criteria, not a heading ("Does not
#: meet the inclusion criteria:").
_SENTENCE_WORDS = frozenset({
    "not", "no", "meet", "meets", "met", "meeting", "all", "any", "the", "of", "with", "who",
    "must", "other", "above", "below", "following", "these", "those", "and", "or", "if", "is",
    "are", "be", "been", "has", "have", "fulfil", "fulfill", "fulfils", "fulfills", "satisfy",
    "satisfies",
})
#: Longest line read as a qualified heading.
_HEADING_MAX = 160


class Heading(NamedTuple):
    """A line that starts the inclusion or exclusion criteria."""

    kind: str  # "inclusion" | "exclusion"
    #: A criterion written on the heading's line after its colon, or None.
    rest: str | None = None
    #: The heading as written (without its colon) when it says whom or what the criteria
    #: below it are for: they become its children. None for a plain heading.
    group: str | None = None


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


def heading(text: str) -> Heading | None:
    """The heading a line is, or None: a plain one ("Key Inclusion Criteria:"), one carrying
    its first criterion ("Exclusion Criteria: Pregnancy"), or a qualified one ("INCLUSION
    CRITERIA FOR HEALTHY VOLUNTEERS:")."""
    kind = subheading(text)
    if kind:
        return Heading(kind)
    match = _HEADING_TEXT.fullmatch(text)
    if match:
        return Heading(match["kind"].casefold(), match["rest"])
    text = text.strip()
    if len(text) > _HEADING_MAX or not text.endswith(":"):
        return None
    qualified = _QUALIFIED.fullmatch(text)
    if qualified is None or not (qualified["lead"] or qualified["rest"]):
        return None
    if any(word.casefold() in _SENTENCE_WORDS for word in qualified["lead"].split()):
        return None
    return Heading(qualified["kind"].casefold(), None, text[:-1].rstrip())


def group_entry(group: str) -> list[Any]:
    """The (indent, text) entry of a qualified heading: above every indentation, so that the
    criteria that follow it, up to the next heading, nest under it."""
    return [GROUP_INDENT, group]


#: The indentation of a qualified heading's entry (see group_entry).
GROUP_INDENT = -1


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
