"""Names of cohorts written without a colon over their lists, at a section's start ("New to
NightWare" after "Inclusion Criteria:", then its bulleted list), in an eligibility Markdown
text (ctgov_json_criteria): which paragraphs are such names, which lead into the list after
them as "… as follows:" would.

Choices:

- A candidate is a paragraph at the margin in the form of a group's short name
  (criteria_lines.group_label: a few words, the first capitalised, no number, no verb, no
  sentence's end), a blank line after it, then a bulleted list. At a section's start (right
  after a heading, or opening the text) it may as well be the section's first criterion
  ("Male", "History of CABG surgery", "Previously enrolled in this study"; one naming whom it
  groups, "Healthy Controls", is a name anyway: ctgov_json_criteria), so it is read as a name
  only when the text names several lists so: its section has another candidate after a list
  ("Postprostatectomy Erectile Dysfunction" … "Diabetes-associated Erectile Dysfunction") or
  after "OR" between two lists, or another section opens with the same words ("New to
  NightWare" over the inclusion and over the exclusion criteria).
- A candidate after "OR" between two lists ("OR" / "Current NightWare User" / "- No known
  adverse reaction …") is a name when its section's first candidate is one.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from . import criteria
from .criteria_lines import group_label
from .criteria_lists import kind, marker
from .criteria_notes import CONNECTORS


def _bulleted(line: str) -> bool:
    return criteria.strip_bullet(line.strip())[1]


def cohort_labels(lines: list[str], is_heading: Callable[[str], bool]) -> frozenset[int]:
    """The places in lines of the paragraphs that name a cohort over the list after them,
    without a colon, at a section's start or after "OR" (see the Choices); is_heading: whether
    a line is a heading."""
    found: list[tuple[str, int, str]] = []  # (where, line's place, text) of each candidate
    for at, line in enumerate(lines):
        if (not line[:1].isupper() or at + 1 == len(lines) or lines[at + 1].strip()
                or not group_label(text := line.strip()) or _bulleted(text)):
            continue  # (a name starts at the margin with a capital: most lines are no names)
        following = _next_text(lines, at + 1, 1)
        if following is None or not _bulleted(following) or kind(marker(following)) != "bullet":
            continue
        before = _next_text(lines, at - 1, -1)
        where = ("start" if before is None or is_heading(before) else
                 "list" if _bulleted(before) else
                 "or" if before.casefold() in CONNECTORS else "")
        if where:
            found.append((where, at, text))
    if not any(where == "start" for where, _, _ in found):
        return frozenset()  # (most texts)
    return frozenset(_named(found, lines, is_heading))


def _next_text(lines: list[str], at: int, step: int) -> str | None:
    """The first line with text from lines[at] on, going by step (1 or -1), stripped."""
    while 0 <= at < len(lines):
        if lines[at].strip():
            return lines[at].strip()
        at += step
    return None


def _named(found: list[tuple[str, int, str]], lines: list[str],
           is_heading: Callable[[str], bool]) -> list[int]:
    """The candidates that are names (see the Choices)."""
    starts = [text.casefold() for where, _, text in found if where == "start"]
    headings = [at for at, line in enumerate(lines) if line.strip() and is_heading(line.strip())]
    named: list[int] = []
    for first, (where, at, text) in enumerate(found):
        if where != "start":
            continue
        after = bisect.bisect_right(headings, at)
        ends = headings[after] if after < len(headings) else len(lines)  # its section's end
        section = []  # the candidates after it in its section
        for other in found[first + 1 :]:
            if other[0] == "start" or other[1] > ends:
                break
            section.append(other)
        if (any(other[0] in ("list", "or") for other in section)
                or starts.count(text.casefold()) > 1):
            named.append(at)
            named += [other[1] for other in section if other[0] == "or"]
    return named
