"""Labels naming whom the criteria after them are for: a short line ("Substudy A", "Part 2:",
"Surgical cohort") right before a plain "Inclusion Criteria:" heading groups the criteria of
that heading and of the next exclusion heading (their lists are that group's), unless the
section names its own groups. A label with a colon ("Sub-study:") after the exclusion list
of a label that grouped both headings, with no heading after it, starts a group of its own
for the list after it, kept as inclusion criteria (as a list without headings is). Shared by
the API v2 JSON (Markdown) and the classic XML criteria parsers, which find the headings
their own ways.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .criteria_qualified import Heading

__all__ = ["Label", "heading_follows", "is_label"]

#: A label is at most this long, in characters and in words, and names a group.
_LABEL_MAX = 60
_LABEL_WORDS = 5
_GROUP_WORD = re.compile(
    r"(?i)\b(?:sub-?stud(?:y|ies)|study|part|cohorts?|groups?|arms?|phase|stage|populations?|"
    r"patients|subjects|participants|volunteers|controls|cases|adults|children|women|men|"
    r"donors|recipients|protocol|period|step|module)\b"
)


#: A field of the registry's page copied above the criteria, not a label: "Accepts Healthy
#: Volunteers: No".
_FIELD = re.compile(r"(?i)^accepts\b|:[ \t]*(?:yes|no)$")


def is_label(line: str) -> bool:
    """Could the line name whom the criteria after it are for ("Substudy A", "Part 2",
    "Healthy Controls")? A few words naming a group, no sentence, no criteria named."""
    line = line.removesuffix(":").rstrip()  # "Part 1:" before "Inclusion Criteria:"
    return (bool(line) and len(line) <= _LABEL_MAX and len(line.split()) <= _LABEL_WORDS
            and line[-1] not in ".;:,-" and line[:1].isupper()
            and _GROUP_WORD.search(line) is not None
            and not any(word in line for word in ("riteri", "RITERI", "ligib", "LIGIB"))
            and _FIELD.search(line) is None)


def heading_follows(lines: list[str], at: int,
                    heading: Callable[[str], Heading | None]) -> str | None:
    """The kind of the plain heading ("Inclusion Criteria:") that is the next line with text
    after lines[at] (read by heading), or None when that line is none."""
    for line in lines[at + 1 :]:
        if line.strip():
            found = heading(line.strip())
            plain = found is not None and found.group is None and found.rest is None
            return found.kind if found is not None and plain else None
    return None


class Label:
    """A line naming whom the plain headings after it are for ("Substudy A"): it groups the
    criteria of the next inclusion heading and the next exclusion heading, unless that
    section names its own groups (its first line is a label too)."""

    def __init__(self, text: str | None = None) -> None:
        self.text = text
        self.used: set[str] = set()

    def done(self) -> bool:
        """Whether the label grouped the criteria of both an inclusion and an exclusion
        heading."""
        return self.text is not None and len(self.used) == 2

    def use(self, kind: str, lines: list[str], at: int) -> str | None:
        """The group of a plain heading of kind at lines[at], or None."""
        if self.text is None or kind in self.used:
            return None
        following = next((line.strip() for line in lines[at + 1 :] if line.strip()), "")
        if is_label(following):
            self.text = None  # the section groups its criteria its own way
            return None
        self.used.add(kind)
        return self.text
