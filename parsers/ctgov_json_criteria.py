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
- A "•" in the middle of a bulleted item's line, after four words or more and before a
  capital ("… epidural lipomatosis.• Patient has …"), starts an item of its own with the
  line's bullet and indentation (the registry's text lost the line break there). A number
  alone after a heading ("Exclusion Criteria:1.") is no criterion.
- A short line naming a group right before a plain heading ("Substudy A", "Healthy
  Controls", then "Inclusion Criteria:"), at the start or after the criteria of a section,
  says whom the criteria under that heading, and under the plain headings after it, are
  for: they are grouped under it, in inclusion and exclusion alike.
- Free paragraphs between items are kept as criteria at their own indentation (a paragraph
  indented under an item after a blank line becomes its child); a line that directly follows
  an item or a paragraph, with no blank line between, continues it (Markdown's lazy
  continuation) and is joined to it with a space.
- A short name of a group written as a paragraph of one line without a colon, after a
  list or (naming whom it groups: "Healthy Controls", "Asthmatic Subjects") at a section's
  start, with a bulleted list after it ("Other medical conditions":
  ``criteria_lines.group_label``), leads into that list as "… as follows:" would: its items
  are its children ("Written informed consent" opening a section stays its first
  criterion). At a section's start or after "OR", a name that does not say whom it groups
  ("New to NightWare") leads into its list when the text names several lists so
  (``criteria_cohorts``). A sentence ("… is not allowed"), a line naming the inclusion or
  exclusion criteria and "OR" between two lists are no names.
- Lists inside the text follow ``criteria_lists``: a paragraph or a list item that leads into
  a list is its parent (also a heading's first criterion: "Exclusion Criteria:Patients with"
  and its list); items a criterion names by their labels ("a), b), c) or d)") are its
  children and keep their labels; a lower-case paragraph continues the criterion leading
  into it, unless more follow it (then they are the children of a lead-in ending with
  ":"). A paragraph ending with a colon also leads into a list numbered on from the list
  before it ("Patients without adjacent degenerative disc (HD):" then "4. …" after "3. …").
- A numbered list written on one line ("• 1. … 2. … 14. …") is split into its items
  (``criteria_runs``; each item keeps the number its line opens with for that). A paragraph
  opening with a number written against its text ("4.Subjects who …", "7 .Previous …") is a
  numbered item.
- A list item ending with a colon ("* … as defined below:") takes as its children the items
  after it that write a letter after the same bullet ("* a. …", "* b. …", in order from "a":
  the letters removed), and a paragraph after it when the list goes on after that paragraph
  with the same bullet ("* … as described below:" / "ANC ≥ 1500/μL …" / "* …").
- A label that names the next one in its text ("(i) Eosinophils … or (ii) FeNo …") is kept;
  a line opening with "(i)" that holds "(ii)" after a sentence's end ("(i) A circulating
  lymphocyte count of >50,000/L. (ii) Hepatic dysfunction: …") is two items. An item whose
  bracketed label goes on a deeper list ("(iii) …" at the margin after "  (ii) …") is that
  list's next item, unless the list at its own indentation has the label before it.
- A text written on one line ("… following conception Exclusion Criteria: - Women …") starts
  the exclusion criteria at a capitalised "Exclusion Criteria:" after four words or more
  (fewer are the heading's own: "Patient Exclusion Criteria:"); a list written as one run with
  " - " bullets is cut at them (``criteria_dashes``).
- The NCI's PDQ layout ("DISEASE CHARACTERISTICS:", "PATIENT CHARACTERISTICS:" and its
  sub-headings "Age:", "Performance status:", …) is read as ``criteria_pdq`` says: the
  sections and sub-headings group the items under them.
"""

from __future__ import annotations

import re
from typing import Any

from . import criteria, criteria_pdq
from .criteria_cohorts import cohort_labels
from .criteria_labels import Label, heading_follows, is_label
from .criteria_lines import group_label, leads_into
from .criteria_lists import (
    LabelColumns,
    LeadIn,
    continues,
    kind,
    lower_follows,
    marker,
    next_paragraph,
)
from .criteria_runs import own_mark
from .ctgov_json_items import Items
from .ctgov_json_lines import markdown_lines
from .ctgov_json_study import is_separator, unescape

_EMPTY_ITEMS = frozenset({"*", "-", "+", "•", "\\-", "\\*", "\\+"})
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
def _list_goes_on(lines: list[str], at: int, own: str | None) -> bool:
    """Whether the paragraph at lines[at] is followed, after a blank line, by an item with
    the bullet own: the list the paragraph stands in goes on after it (the paragraph is
    what the item above it announces)."""
    following = next_paragraph(lines, at)
    return (following is not None and bool(criteria.strip_bullet(following)[1])
            and marker(following) == own)


def _bullets_follow(lines: list[str], at: int) -> bool:
    """Whether the paragraph at lines[at] is followed, after a blank line, by a bulleted list
    item (not a numbered or lettered one)."""
    following = next_paragraph(lines, at)
    return (following is not None and bool(criteria.strip_bullet(following)[1])
            and kind(marker(following)) == "bullet")


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


def _is_heading(line: str) -> bool:
    """Whether a line (stripped) is a heading."""
    return _heading(line, False, False) is not None


#: A list item naming the items after it, in capitals: "DEMOGRAPHIC CRITERIA:", "TREATMENT
#: ACCESSIBILITY:" (at most six words of letters).
_CAPITALS_LABEL = re.compile(r"[A-Z][A-Z'/&-]*(?:[ \t]+[A-Z][A-Z'/&-]*){0,5}[ \t]*:")


def _capitals_label(content: str, lines: list[str], at: int, indent: int) -> bool:
    """Is the list item at lines[at] a label in capitals over the items that follow it,
    listed beside it: the next line with text is an item at its indentation, not in
    capitals?"""
    if _CAPITALS_LABEL.fullmatch(content) is None:
        return False
    following = next((line for line in lines[at + 1 :] if line.strip()), "")
    stripped = following.lstrip()
    text, bulleted = criteria.strip_bullet(stripped)
    return (bulleted and len(following) - len(stripped) == indent
            and _CAPITALS_LABEL.fullmatch(text) is None and not text.isupper())


def _heading_follows(lines: list[str], at: int) -> str | None:
    """The kind of the plain heading that is the next line with text after lines[at]."""
    return heading_follows(lines, at, _is_heading_of)


def _is_heading_of(line: str) -> criteria.Heading | None:
    return _heading(line, False, False)


def markdown_criteria(
    text: str,
) -> tuple[list[criteria.Criterion], list[criteria.Criterion], list[str]]:
    """Parse an eligibility Markdown string into (inclusion tree, exclusion tree, warnings)."""
    parts: dict[str, list[Any]] = {"lead": [], "inclusion": [], "exclusion": []}
    current = "lead"
    headed = False
    last: list[Any] | None = None  # the entry a directly following line continues
    items = Items()
    columns = LabelColumns()  # the labelled lists' last labels ("(ii)"), by indentation
    label = Label()  # whom the plain headings that follow are for ("Substudy A")
    scope: str | None = None  # the section a scoped heading's list returns to
    aside: tuple[str, list[Any]] | None = None  # an aside's section goes on (its entry)
    under: list[Any] | None = None  # a lead-in whose lower-case paragraphs are its children
    listed = False  # the last entry was a list item
    layout = criteria_pdq.Layout()  # the PDQ layout's sections ("PATIENT CHARACTERISTICS:")
    marks = criteria.Written()  # key headings; first criteria written after a dash
    minor = criteria.has_minor(text)  # "Minor Eligibility Criteria:": major and minor groups
    lines = markdown_lines(text)
    cohorts = cohort_labels(lines, _is_heading)  # "New to NightWare" over its list
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
                escaped := _ESCAPED_NUMBER.match(stripped) or _ESCAPED_BULLET.match(stripped)
                or criteria.glued_number(stripped)):  # "4.Subjects who …"
            content, bulleted = stripped[escaped.end() :], True
        heading = _heading(content if bulleted else stripped, last is not None and not bulleted,
                           bulleted)
        if heading is not None:
            before = current
            current, rest, group, scoped, aside_of = heading
            marks.heading(current, content if bulleted else stripped, group)
            if not group and rest is None:
                group = label.use(current, lines, at)
            scope = (before if before != "lead" else "inclusion") if scoped else None
            headed, last, listed = True, None, False
            items.reset()
            columns.reset()
            parts[current].extend(layout.heading(parts[before], parts[current], bulleted,
                                                 content if bulleted else stripped))
            if group:
                parts[current].append(criteria.group_entry(group))
            aside = (before, parts[current][-1]) if aside_of else None
            under = None
            written = rest  # "Criteria: • Age …": its bullet removed
            rest = criteria.strip_item(rest) if rest else rest
            if rest and criteria.holds_criterion(rest):
                last = items.prior = [0, unescape(rest), own_mark(written or "", rest)]
                parts[current].append(last)
                marks.first(last, written)
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
        if paragraph and last is None:
            parts[current].extend(layout.paragraph(stripped, parts[current]))
        if (paragraph and last is None and is_label(stripped)
                and (follows := _heading_follows(lines, at)) is not None
                and (current == "lead" or listed or (current, follows) == ("exclusion",
                                                                            "inclusion"))):
            # after a list, at the start, or where the criteria start again: not a last
            # criterion written as a paragraph ("Healthy volunteers" before "Exclusion …")
            label = Label(unescape(stripped).removesuffix(":").rstrip())
            continue
        if (paragraph and last is None and listed and label.done() and current == "exclusion"
                and stripped.endswith(":") and is_label(stripped)
                and _heading_follows(lines, at) is None):
            # "Sub-study:" and a list after the exclusion criteria of "Main study": another
            # group's criteria, without headings: inclusion, as a text's without headings
            current = "inclusion"
            parts["exclusion"].append(criteria.CLOSE_GROUPS)
            parts[current] += [criteria.CLOSE_GROUPS, criteria.group_entry(
                unescape(stripped).removesuffix(":").rstrip())]
            label, listed = Label(), False
            items.reset()
            columns.reset()
            continue
        if (paragraph and last is None and current != "lead"
                and criteria.is_group_label(stripped) and _heading_follows(lines, at) is None):
            # "Part B", "Group 2" inside a section: the criteria after it are its own
            parts[current].append(criteria.group_entry(unescape(stripped)))
            listed = False
            items.reset()
            continue
        if paragraph and last is None and (
                ranked := criteria.ranked_group(stripped, minor)) is not None:
            parts[current].append(criteria.group_entry(ranked))  # "Minor Eligibility Criteria:"
            listed = False
            items.reset()
            continue
        if bulleted and _capitals_label(content, lines, at, indent):
            # "* DEMOGRAPHIC CRITERIA:" among the items: the items after it are its own
            parts[current].append(criteria.group_entry(unescape(content)))
            listed, last = False, None
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
        indent = columns.place(stripped, indent, bulleted)  # "(iii) …" after "  (ii) …"
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
        if (paragraph and not bulleted and items.prior is not None and items.lead_in is not None
                and items.lead_in.waits() and indent == items.lead_in.indent
                and _list_goes_on(lines, at, items.lead_in.own)):
            indent = items.prior[0] + 1  # "* … as described below:" / "ANC ≥ 1500/μL …" / "* …"
        leads = (paragraph and not bulleted and (at in cohorts or (
            (listed or items.prior is None) and at + 1 < len(lines) and not lines[at + 1].strip()
            and group_label(content, first=not listed)
            and _bullets_follow(lines, at))))  # "Other medical conditions" between lists
        last = items.entry(stripped, content, indent, bulleted, paragraph, leads=leads)
        if lower:
            items.lead_in = None  # its list is these paragraphs
        parts[current].append(last)
        listed = bulleted
    return criteria.sections(parts, headed, marks)
