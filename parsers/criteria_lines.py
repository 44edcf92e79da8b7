"""Lines of an eligibility text made ready for the criteria parsers (ctgov_json_criteria,
ctgov_xml_node): a heading written into another line put on a line of its own."""

from __future__ import annotations

import re

from . import criteria

#: "* Own a smartphone Exclusion Criteria", "… prior immunotherapy. Exclusion Criteria": the
#: exclusion heading, capitalised, written at the end of the last inclusion criterion.
_TRAILING_EXCLUSION = re.compile(
    r"(?P<before>.*\S)[ \t]+(?P<head>(?:Key[ \t]+|KEY[ \t]+)?"
    r"(?:Exclusion[ \t]+Criteria|EXCLUSION[ \t]+CRITERIA))[ \t]*:?[ \t]*"
)
#: How a criterion's text ends: a word, a number, a full stop or a parenthesis (not "No
#: inclusion /", the first half of a heading).
_CRITERION_END = re.compile(r"[\w.;)\]%]$")
#: Last words of a criterion that speaks of the exclusion criteria ("… none of the Exclusion
#: Criteria", "… listed in Exclusion Criteria").
_ABOUT_CRITERIA = frozenset({
    "the", "any", "all", "of", "other", "in", "no", "none", "see", "under", "per", "and", "or",
    "meet", "meets", "met", "listed", "following", "without", "with", "these", "those", "to",
    "by", "for", "from", "as", "its", "their", "study", "protocol",
})


#: How a paragraph that leads into the list after it ends: a colon, or words that need the
#: list after a word at least ("Systolic blood pressure of", "Patients with", "… at least
#: one of the following"; not "AND" alone).
_OPEN_END = re.compile(
    r"(?::|\S[ \t]+(?:\S.*\b)?(?:of|with|and|or|following|include|includes|including)"
    r"|\bfollowing\))[ \t]*$",
    re.IGNORECASE,
)


def leads_into(paragraph: str) -> bool:
    """Whether a paragraph leads into the list written after it (its items its children)."""
    return _OPEN_END.search(paragraph) is not None


def split_trailing_exclusion(lines: list[str]) -> list[str]:
    """The lines, with an exclusion heading written at the end of a criterion without a colon
    on a line of its own (at the criterion's indentation), when the text has no exclusion
    heading of its own, exactly one line ends so and criteria follow it."""
    if any(_is_exclusion_heading(line) for line in lines):
        return lines
    found = [(at, match) for at, line in enumerate(lines)
             if ("riteria" in line or "RITERIA" in line)
             and (match := _TRAILING_EXCLUSION.fullmatch(line.rstrip())) is not None
             and _ends_a_criterion(match["before"])]
    if len(found) != 1 or not any(line.strip() for line in lines[found[0][0] + 1:]):
        return lines
    at, match = found[0]
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    return [*lines[:at], match["before"], "", indent + match["head"] + ":", "", *lines[at + 1:]]


def _is_exclusion_heading(line: str) -> bool:
    if "xclu" not in line and "XCLU" not in line and "nclusion" not in line.casefold():
        return False
    text, bulleted = criteria.strip_bullet(line.strip())
    found = criteria.heading(text, bulleted=bulleted) if text else None
    return found is not None and found.kind == "exclusion"


def _ends_a_criterion(before: str) -> bool:
    """Whether the text before the heading words is a criterion's end, not a sentence that
    speaks of the exclusion criteria."""
    content = criteria.strip_bullet(before.strip())[0]
    words = content.split()
    return (len(words) >= 2 and _CRITERION_END.search(content) is not None
            and words[-1].rstrip(".;,").casefold() not in _ABOUT_CRITERIA)
