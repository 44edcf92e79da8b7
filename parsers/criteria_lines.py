"""Lines of an eligibility text made ready for the criteria parsers (ctgov_json_criteria,
ctgov_xml_criteria): a heading written into another line put on a line of its own."""

from __future__ import annotations

import re

from . import criteria
from .criteria_notes import CONNECTORS

#: "* Own a smartphone Exclusion Criteria", "… prior immunotherapy. Exclusion Criteria": the
#: exclusion heading, capitalised, written at the end of the last inclusion criterion.
_TRAILING_EXCLUSION = re.compile(
    r"(?P<before>.*\S)[ \t]+(?P<head>(?:Key[ \t]+|KEY[ \t]+)?"
    r"(?:Exclusion[ \t]+[Cc]riteria|EXCLUSION[ \t]+CRITERIA))[ \t]*:?[ \t]*"
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


#: Last words of a paragraph that leads into the list after it, after a word at least
#: ("Systolic blood pressure of", "Patients with", "… at least one of the following"; not
#: "AND" alone).
_OPEN_WORDS = frozenset({"of", "with", "and", "or", "following", "include", "includes",
                         "including"})


def leads_into(paragraph: str) -> bool:
    """Whether a paragraph leads into the list written after it (its items its children): it
    ends with a colon, with "following)", or with one of _OPEN_WORDS after another word. Only
    its end is read."""
    text = paragraph.rstrip()
    if text.endswith(":"):
        return True
    if text[-10:].casefold() == "following)" and not _word_char(text[-11:-10]):
        return True  # "… (see the following)"
    start = len(text)
    while start and _word_char(text[start - 1]):
        start -= 1
    head = text[:start].lstrip()  # a word must come before the last one
    return text[start:].casefold() in _OPEN_WORDS and (" " in head or "\t" in head)


#: A short name of a group of criteria, written as a line of its own without a colon
#: ("Other medical conditions", "Prior/concomitant therapy").
_GROUP_LABEL = re.compile(r"[A-Z][A-Za-z/()'’-]*(?:[ \t]+[A-Za-z/()'’-]+){0,5}")


#: What a group's name at a section's start says it groups: "Healthy participants",
#: "Asthmatic Subjects", "Cohort A", "Obesity-related" ("Written informed consent" or "Male
#: or female" there is the section's first criterion).
_GROUP_WORD = re.compile(r"(?i)\b(?:groups?|cohorts?|arms?|parts?|controls?|participants?|"
                         r"patients?|subjects?|volunteers?|population|criteria)\b|-related\b")


def group_label(paragraph: str, *, first: bool = False) -> bool:
    """Whether a paragraph is a short name of a group of criteria, without a colon: at most
    six words of letters, the first capitalised, no number, no sentence's end ("Other
    medical conditions", "Healthy Controls"), not a word joining two lists ("OR"), not a
    sentence ("… Is Not Allowed"), naming no inclusion or exclusion ("Meeting all inclusion
    criteria", "Inclusion of …"). first: the paragraph opens a section, where it must also
    name whom or what it groups (_GROUP_WORD). A list written after it is its children."""
    text = paragraph.strip()
    return (_GROUP_LABEL.fullmatch(text) is not None and text.casefold() not in _JOINING
            and _NO_LABEL.search(text) is None
            and (not first or _GROUP_WORD.search(text) is not None))


#: Words that join two lists: no group's name.
_JOINING = CONNECTORS | {"plus"}
#: A sentence ("Inclusion of Minors Is Not Allowed"), or a line naming the inclusion or
#: exclusion criteria (a heading's words, the NIH's "Inclusion of …" aside, "Meeting all
#: inclusion criteria"): no group's name.
_NO_LABEL = re.compile(r"(?i)\b(?:inclusion|exclusion|is|are|must|not|should|will|may|can|"
                       r"has|have|be)\b")


def _word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


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
    # (not the ACTG layout's "Excluded:" under a category, criteria_pdq: no list's heading)
    return (found is not None and found.kind == "exclusion"
            and not text.casefold().startswith("excluded"))


def _ends_a_criterion(before: str) -> bool:
    """Whether the text before the heading words is a criterion's end, not a sentence that
    speaks of the exclusion criteria."""
    content = criteria.strip_bullet(before.strip())[0]
    words = content.split()
    return (len(words) >= 2 and _CRITERION_END.search(content) is not None
            and words[-1].rstrip(".;,").casefold() not in _ABOUT_CRITERIA)
