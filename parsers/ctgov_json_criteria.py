"""The eligibility criteria of ClinicalTrials.gov API v2 study JSON: a Markdown string →
inclusion and exclusion criteria trees (``markdown_criteria``).

Choices:

- Backslash escapes (``\\<``, ``10\\^9/L``, ``\\-``) are removed; other Markdown is kept as
  written. An escaped bullet opening a paragraph ("\\- pregnant women") is the author's
  list item; the registry's list separators ("<!-- -->") are no criteria.
- Headings may be bold or Markdown headings ("**Key Inclusion Criteria:**", "## Exclusion
  criteria"), bulleted ("* Inclusion Criteria:"), bracketed or numbered (see
  ``criteria.heading``) and may carry their first criterion after the colon; the criteria
  under a heading that says whom they are for ("Inclusion criteria for transplant
  patients:", "Inclusion Criteria Stage 1") are its children; "… last inclusion criterion.
  Exclusion Criteria: …" on one line starts the exclusion criteria there.
- A number or a second bullet right after an item's bullet ("* 1\\. Age", "* (1) male",
  "* 1)Age", "* • Age") is removed, as is an escaped number opening a paragraph ("8\\. The
  most recent…"). The registry writes a list numbered inside its bullets as "* 1\\. A" and
  then "  2\\. B" after a blank line, at the column of the "1": those later items are
  siblings of the first while their numbers go up (bulleted ones, "* • A" then "  * B",
  unless the first ends with a colon); an item indented deeper stays a child.
- A short line naming a group right before a plain heading ("Substudy A", "Healthy
  Controls", then "Inclusion Criteria:"), at the start or after the criteria of a section,
  says whom the criteria under that heading, and under the plain headings after it, are
  for: they are grouped under it, in inclusion and exclusion alike.
- Free paragraphs between items are kept as criteria at their own indentation (a paragraph
  indented under an item after a blank line becomes its child); a line that directly follows
  an item or a paragraph, with no blank line between, continues it (Markdown's lazy
  continuation) and is joined to it with a space.
- Lists inside the text follow ``criteria_lists``: a paragraph or a list item that leads into
  a list is its parent (also a heading's first criterion: "Exclusion Criteria:Patients with"
  and its list); items a criterion names by their labels ("a), b), c) or d)") are its
  children and keep their labels; a lower-case paragraph continues the criterion leading
  into it, unless more follow it (then they are the children of a lead-in ending with
  ":"). A paragraph ending with a colon also leads into a list numbered on from the list
  before it ("Patients without adjacent degenerative disc (HD):" then "4. …" after "3. …").
- A numbered list written on one line ("• 1. … 2. … 14. …") is split into its items
  (``criteria_runs``; each item keeps the number its line opens with for that).
- The NCI's PDQ layout ("DISEASE CHARACTERISTICS:", "PATIENT CHARACTERISTICS:" and its
  sub-headings "Age:", "Performance status:", …) is read as ``criteria_pdq`` says: the
  sections and sub-headings group the items under them.
"""

from __future__ import annotations

import re
from typing import Any

from . import criteria, criteria_pdq
from .clean import clean_text
from .criteria_lines import leads_into, split_trailing_exclusion
from .criteria_lists import (
    Labelled,
    LeadIn,
    continues,
    item_lead_in,
    item_number,
    lower_follows,
    marker,
)
from .criteria_runs import own_mark
from .ctgov_json_study import is_separator, unescape

_EMPTY_ITEMS = frozenset({"*", "-", "+", "•", "\\-", "\\*", "\\+"})
# "… last inclusion criterion. Exclusion Criteria: …" on one line: the exclusion heading
# starts a new line when it follows the end of a sentence (the sentence's last character is
# matched, not looked behind for, so that the scan skips to the next ".", ";" or ":").
_INLINE_EXCLUSION = re.compile(r"([.;:])[ \t]+(?=(?:key[ \t]+)?exclusion[ \t]+criteria[ \t]*:)",
                               re.IGNORECASE)
# "… of HER2 expression - Exclusion Criteria:1. Have …": after a dash.
_DASHED_EXCLUSION = re.compile(
    r"(?<=\S)[ \t]+[-\u2013\u2014][ \t]+(?=(?:key[ \t]+)?exclusion[ \t]+criteria[ \t]*:)",
    re.IGNORECASE)
# The characters a heading can start with ("key", "main", "major", "inclusion", "exclusion",
# "non-inclusion", "included", "ineligibility", "conditions for patient eligibility"), as the
# IGNORECASE patterns match them (with the Kelvin sign and the Turkish dotted and dotless
# i): a line starting with any other is not a heading unless it names criteria (an outline
# number or a bracket before the heading words), inclusion or exclusion ("Transplant
# Exclusion:") or eligibility ("Women were ineligible if they:").
_HEADING_STARTS = frozenset("kKmMiIeEnNcC\u212a\u0130\u0131")
_RULE_STARTS = frozenset("-*_=")
_RULE = re.compile(r"(?:[-*_=]\s*){3,}")
# A number starting a paragraph, escaped by the registry so that it is not a Markdown list
# ("8\\. The most recent…", "1\\) ≥Level 3 AE").
_ESCAPED_NUMBER = re.compile(r"\d{1,3}\\[.)][ \t]+")
# A bullet starting a paragraph, escaped by the registry ("\\- pregnant women", "\\* Informed
# consent"): the author's list item. "\\*For the purposes…" (no space) is a footnote's star.
_ESCAPED_BULLET = re.compile(r"\\[-*+][ \t]+")
# A number or a second bullet right after an item's bullet ("* 1\\. Age", "* (1) male",
# "* 1)Age", "* • Age").
_SECOND_MARKER = re.compile(
    r"(?P<number>\(?(?P<value>\d{1,3})\\?[.)])(?:[ \t]+|(?=[^\W\d_]))"
    r"|\(?[a-zA-Z]\\?\)[ \t]+|[•●○◦▪■‣⁃∙·][ \t]*|\\[-*+][ \t]+"
)


def _heading(line: str, continued: bool, bulleted: bool) -> criteria.Heading | None:
    """The heading a line is (criteria.heading; continued: it directly follows a criterion),
    or None.

    Headings may be bold or Markdown headings ("**Key Inclusion Criteria:**", "## Exclusion
    criteria") and may carry their first criterion after the colon.
    """
    if (
        line.lstrip("#*_ \t")[:1] not in _HEADING_STARTS
        and "riteri" not in line
        and "RITERI" not in line
        and "clusi" not in line  # "Transplant Exclusion:"
        and "CLUSI" not in line
        and "ligib" not in line  # "Women were ineligible if they:"
    ):
        return None
    body = line.lstrip("#").replace("**", "").replace("__", "").strip()
    return criteria.heading(unescape(body) if "\\" in body else body, continued, bulleted)


class _Run:
    """Items that the registry numbered inside their bullets ("* 1\\. A", then "  2\\. B"
    after a blank line, at the column of the "1"): the later ones are siblings of the first,
    not its children. A bulleted run ("* • A", then "  * B") likewise, unless the item above
    ends with a colon (its sub-items); a numbered one while the numbers go up."""

    def __init__(self, column: int, indent: int, number: int | None, text: str) -> None:
        self.column, self.indent, self.number, self.text = column, indent, number, text

    def takes(self, number: int | None) -> bool:
        """Whether an item at the run's column, with that number, continues the run."""
        if self.number is not None and number is not None:
            return number > self.number
        return number is None and not self.text.endswith(":")


def _marker(content: str) -> tuple[str, int | None, bool]:
    """The item's text without a number or bullet written after its bullet, that number,
    and whether there was one."""
    match = _SECOND_MARKER.match(content)
    if match is None or match.end() == len(content):
        return content, None, False
    return content[match.end() :], int(match["value"]) if match["number"] else None, True


def _place(
    stripped: str, content: str, indent: int, bulleted: bool, run: _Run | None
) -> tuple[str, int, _Run | None]:
    """An item's text and indentation, its number or second bullet removed and a run's later
    items put beside its first (see _Run); and the run that goes on after it."""
    if not bulleted:
        return content, indent, run if run is not None and indent >= run.column else None
    column = indent + len(stripped) - len(content)
    text, number, marked = _marker(content)
    if not marked:
        number = item_number(stripped)
    if run is not None and indent == run.column and run.takes(number):
        indent, run.number, run.text = run.indent, number, text
    elif run is not None and indent <= run.column:
        run = None
    if marked:
        run = _Run(column, indent, number, text)
    return text, indent, run


def _is_label(line: str) -> bool:
    """Could the line name whom the criteria after it are for ("Substudy A", "Part 2",
    "Healthy Controls")? A few words naming a group, no sentence, no criteria named."""
    line = line.removesuffix(":").rstrip()  # "Part 1:" before "Inclusion Criteria:"
    return (bool(line) and len(line) <= _LABEL_MAX and len(line.split()) <= _LABEL_WORDS
            and line[-1] not in ".;:,-" and line[:1].isupper()
            and _GROUP_WORD.search(line) is not None
            and not any(word in line for word in ("riteri", "RITERI", "ligib", "LIGIB")))


class _Label:
    """A line naming whom the plain headings after it are for ("Substudy A"): it groups the
    criteria of the next inclusion heading and the next exclusion heading, unless that
    section names its own groups (its first line is a label too)."""

    def __init__(self, text: str | None = None) -> None:
        self.text = text
        self.used: set[str] = set()

    def use(self, kind: str, lines: list[str], at: int) -> str | None:
        """The group of a plain heading of kind at lines[at], or None."""
        if self.text is None or kind in self.used:
            return None
        following = next((line.strip() for line in lines[at + 1 :] if line.strip()), "")
        if _is_label(following):
            self.text = None  # the section groups its criteria its own way
            return None
        self.used.add(kind)
        return self.text


def _heading_follows(lines: list[str], at: int) -> str | None:
    """The kind of the plain heading ("Inclusion Criteria:") that is the next line with text
    after lines[at], or None when that line is none."""
    for line in lines[at + 1 :]:
        if line.strip():
            heading = _heading(line.strip(), False, False)
            plain = heading is not None and heading.group is None and heading.rest is None
            return heading.kind if heading is not None and plain else None
    return None


#: A label is at most this long, in characters and in words, and names a group.
_LABEL_MAX = 60
_LABEL_WORDS = 5
_GROUP_WORD = re.compile(
    r"(?i)\b(?:sub-?stud(?:y|ies)|study|part|cohorts?|groups?|arms?|phase|stage|populations?|"
    r"patients|subjects|participants|volunteers|controls|cases|adults|children|women|men|"
    r"donors|recipients|protocol|period|step|module)\b"
)


class _Items:
    """A section's lists: the run of numbered bullets, the lead-in, the labelled items, its
    last criterion (prior) and the number of its last numbered item; it places each item."""

    def __init__(self) -> None:
        self.run: _Run | None = None
        self.lead_in: LeadIn | None = None
        self.labelled = Labelled()  # items whose labels a criterion names ("a), b) or c)")
        self.prior: list[Any] | None = None
        self.counted: int | None = None

    def reset(self) -> None:
        """A new section or group: no list goes on."""
        self.run = self.lead_in = self.prior = self.counted = None
        self.labelled.close()

    def entry(self, stripped: str, content: str, indent: int, bulleted: bool,
              paragraph: bool) -> list[Any]:
        """The [indent, text] entry of an item or a paragraph (stripped: its line; content:
        its text without bullet; paragraph: not a Markdown list item, maybe one the registry
        escaped)."""
        placed = self.labelled.place(stripped, indent, self.prior, self.lead_in)
        if placed is not None:  # "a) …", named by the criterion above: its label kept
            self.run = None
            self.lead_in = item_lead_in(stripped, indent, "letter")
            self.prior = [placed, unescape(stripped)]
            return self.prior
        source = indent
        mark, number = (marker(stripped), item_number(stripped)) if bulleted else ("", None)
        deeper = self.labelled.offset(not bulleted or (
            self.lead_in is not None and self.lead_in.takes(source, number, mark))
        ) if self.labelled.runs else 0
        if not self.labelled.runs and self.labelled.saved is not None:
            self.lead_in = self.labelled.resume()  # open before the labelled items
        content, indent, self.run = _place(stripped, content, indent, bulleted, self.run)
        indent += deeper
        if self.lead_in is not None:
            if bulleted and self.lead_in.takes(source, number, mark):
                self.lead_in.add(number, mark)
                indent += 1
                mark = ""  # not the section's own list
            elif source <= self.lead_in.indent or self.lead_in.waits():
                self.lead_in = None
        if mark == "number":
            self.counted = number
        self.prior = [indent, unescape(content), own_mark(stripped, content) if bulleted else None]
        if paragraph and leads_into(content):
            going_on = self.counted + 1 if self.counted and content.endswith(":") else None
            self.lead_in = LeadIn(source, None, going_on)
        elif bulleted and self.lead_in is None and not self.labelled.runs:
            self.lead_in = item_lead_in(content, source, mark)
        return self.prior


def markdown_criteria(
    text: str,
) -> tuple[list[criteria.Criterion], list[criteria.Criterion], list[str]]:
    """Parse an eligibility Markdown string into (inclusion tree, exclusion tree, warnings)."""
    parts: dict[str, list[Any]] = {"lead": [], "inclusion": [], "exclusion": []}
    current = "lead"
    headed = False
    last: list[Any] | None = None  # the entry a directly following line continues
    items = _Items()
    label = _Label()  # whom the plain headings that follow are for ("Substudy A")
    scope: str | None = None  # the section a scoped heading's list returns to
    aside: tuple[str, list[Any]] | None = None  # an aside's section goes on (its entry)
    under: list[Any] | None = None  # a lead-in whose lower-case paragraphs are its children
    listed = False  # the last entry was a list item
    layout = criteria_pdq.Layout()  # the PDQ layout's sections ("PATIENT CHARACTERISTICS:")
    inline = _DASHED_EXCLUSION.sub("\n", _INLINE_EXCLUSION.sub(r"\1\n", clean_text(text)))
    lines = split_trailing_exclusion(inline.split("\n"))
    for at, raw in enumerate(lines):
        line = raw.expandtabs(4).rstrip() if "\t" in raw else raw.rstrip()
        stripped = line.lstrip()
        if (
            not stripped
            or stripped in _EMPTY_ITEMS
            or (stripped[0] in _RULE_STARTS and _RULE.fullmatch(stripped))
            or (stripped[0] == "<" and is_separator(stripped))
        ):
            last = None
            continue
        indent = len(line) - len(stripped)
        content, bulleted = criteria.strip_bullet(stripped)
        paragraph = not bulleted  # a paragraph, or an item the registry escaped as one
        if paragraph and last is None and (
                escaped := _ESCAPED_NUMBER.match(stripped) or _ESCAPED_BULLET.match(stripped)):
            content, bulleted = stripped[escaped.end() :], True
        heading = _heading(content if bulleted else stripped, last is not None and not bulleted,
                           bulleted)
        if heading is not None:
            before = current
            current, rest, group, scoped, aside_of = heading
            if not group and rest is None:
                group = label.use(current, lines, at)
            scope = (before if before != "lead" else "inclusion") if scoped else None
            headed, last, listed = True, None, False
            items.reset()
            parts[current].extend(layout.heading(parts[before], parts[current], bulleted))
            if group:
                parts[current].append(criteria.group_entry(group))
            aside = (before, parts[current][-1]) if aside_of else None
            under = None
            written = rest  # "Criteria: • Age …": its bullet removed
            rest = criteria.strip_bullet(rest)[0] if rest else rest
            if rest and rest.strip("-–—*•:. "):  # "Inclusion Criteria:-" holds none
                last = items.prior = [0, unescape(rest), own_mark(written or "", rest)]
                parts[current].append(last)
                if leads_into(rest):  # "Exclusion Criteria:Patients with" and a list
                    items.lead_in = LeadIn(0)
            continue
        if paragraph and last is None and (pdq := layout.read(stripped, lines, at)) is not None:
            if pdq[-1][0] == criteria.SECTION_INDENT:  # a section: inclusion criteria
                if aside is not None:  # the section the aside interrupted goes on
                    current, aside = aside[0], None
                current, headed = ("inclusion" if current == "lead" else current), True
            parts[current].extend(pdq)  # "PATIENT CHARACTERISTICS:", "Age:"
            items.reset()
            listed, under = False, None
            continue
        if (paragraph and last is None and _is_label(stripped)
                and (follows := _heading_follows(lines, at)) is not None
                and (current == "lead" or listed or (current, follows) == ("exclusion",
                                                                            "inclusion"))):
            # after a list, at the start, or where the criteria start again: not a last
            # criterion written as a paragraph ("Healthy volunteers" before "Exclusion …")
            label = _Label(unescape(stripped).removesuffix(":").rstrip())
            continue
        if (paragraph and last is None and current != "lead"
                and criteria.is_group_label(stripped) and _heading_follows(lines, at) is None):
            # "Part B", "Group 2" inside a section: the criteria after it are its own
            parts[current].append(criteria.group_entry(unescape(stripped)))
            listed = False
            items.reset()
            continue
        if scope is not None and paragraph and last is None and listed:
            # a free paragraph after the list of "Women were ineligible if they:" is not in it
            parts[current].append(criteria.CLOSE_GROUPS)
            current, scope = scope, None
            parts[current].append(criteria.CLOSE_GROUPS)
        if not bulleted:
            if criteria.is_criteria_label(stripped):
                last = None
                continue
            if last is None and items.prior is not None and continues(items.prior[1], stripped):
                if not lower_follows(lines, at):
                    last = items.prior  # "… may interfere with:" / "informed consent, …"
                elif items.prior[1].endswith(":"):
                    under = items.prior  # "… any of the following:" / "hypertension …" / …
            if last is not None:
                last[1] = f"{last[1]} {unescape(stripped)}"
                continue
        if not content:
            continue
        if aside is not None and bulleted and parts[current][-1] is not aside[1]:
            # a list item after "Inclusion of Women and Minorities" and its paragraphs
            parts[current].append(criteria.CLOSE_GROUPS)
            current, aside = aside[0], None
            items.reset()
        lower = under is not None and paragraph and stripped[:1].islower()
        if lower and under is not None:
            indent = under[0] + 1
        else:
            under = None
        last = items.entry(stripped, content, indent, bulleted, paragraph)
        if lower:
            items.lead_in = None  # its list is these paragraphs
        parts[current].append(last)
        listed = bulleted
    return criteria.sections(parts, headed)
