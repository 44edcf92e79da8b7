"""The NCI's PDQ layout of eligibility criteria: the sections "DISEASE CHARACTERISTICS:",
"PATIENT CHARACTERISTICS:" and "PRIOR CONCURRENT THERAPY:", and the sub-headings inside them
("Age:", "Performance status:", "Hematopoietic:", "Chemotherapy:"), each over its "- …" items;
also the older ORD records' "--Disease Characteristics--" and the NIAID's ACTG categories
("Concurrent Medication:" over "Allowed:", "Excluded:").

Choices:

- A PDQ section heading is one of the three names alone on its line, in capitals or with each
  word capitalised ("Disease Characteristics", "PRIOR/CONCURRENT THERAPY:"), a colon after it
  or not, or between two dashes as the older ORD records write it ("--Disease
  Characteristics--", "--Patients Characteristics--"); not a list item ("- PATIENT
  CHARACTERISTICS:" is an item with its sub-items, as before). It is a group of the criteria
  (its text without the colon), its items its children. The layout has no inclusion or
  exclusion heading: all its sections are inclusion criteria (their "No …" items say who is
  eligible), so the criteria under a section heading are inclusion criteria, without the
  warning that they were kept as inclusion for want of a heading; under an "Exclusion
  Criteria:" heading they stay exclusion criteria. An inclusion or exclusion heading inside a
  section (a list item, "- Exclusion Criteria"; or right after the section's heading, "PATIENT
  CHARACTERISTICS:" / "Inclusion criteria:"; or any after such a heading, up to the next
  section) puts the criteria after it under the section's name again, a group in the criteria
  of its kind; any other inclusion or exclusion heading ends the layout's sections.
- The ACTG layout of the NIAID's older AIDS trials names categories ("Co-existing
  Condition:", "Concurrent Medication:", "Prior Medication:", "Prior Treatment:", "Risk
  Behavior:") over sub-headings ("Allowed:", "Required:", "Excluded:", "Excluded within 2
  weeks of study entry:") and their items: each category is read as a section. Its
  "Excluded:" puts the items after it under the category's name in the exclusion criteria
  (its word a group, "Excluded", so that nothing is lost), and so does an "Excluded within
  …:" (a group as written); any other inclusion or exclusion heading ends the categories,
  and so does a paragraph other than those sub-headings after a sub-heading's items.
- Inside a section, a paragraph that only names what the items after it are about (a
  sub-heading: at most five words, starting with a capital, no sentence punctuation, a
  colon at its end or not: "Age", "Performance status:", "Biologic therapy") and is
  followed by a list item is a group inside the section (its text without the colon), the
  items its children, up to the next sub-heading or section. A sub-heading ending with a
  colon is one over the paragraphs after it too, the layout written without list items
  ("Hepatic:" / "Bilirubin less than 2.0 mg/dL." / "Transaminases less than 3 times
  normal.", "Age:" / "18 and over"); without a colon it is kept as written. After such a
  sub-heading over paragraphs, one with its criterion on its line ("Surgery: Not
  specified.") is no paragraph of it but the section's next criterion.
- The NCI's older records write a section as one wrapped paragraph ("PATIENT
  CHARACTERISTICS: Age: Any age Performance status: GOG 0-2 Hematopoietic: …"): the classic
  XML parser writes it out as the section's heading over an item per sub-heading
  (ctgov_xml_criteria._pdq_paragraphs), read then as above.
"""

from __future__ import annotations

import re
from typing import Any

from . import criteria

#: The layout's section names; "PRIOR/CONCURRENT THERAPY" (or "PRIOR/CURRENT THERAPY") also.
_SECTION = re.compile(
    r"(?:--[ \t]*)?(?P<name>(?:disease|patients?)[ \t]+characteristics"
    r"|prior[ \t]*(?:/[ \t]*)?(?:con)?current[ \t]+therapy)(?:[ \t]*--)?[ \t]*:?",
    re.IGNORECASE,
)
#: The ACTG layout's categories (the NIAID's older AIDS trials: "Concurrent Medication:" over
#: "Allowed:", "Excluded:", … and their items), read as its sections.
_CATEGORY = re.compile(
    r"(?P<name>co-?existing[ \t]+conditions?|concurrent[ \t]+(?:medications?|treatments?)"
    r"|prior[ \t]+(?:medications?|treatments?)|risk[ \t]+behaviou?rs?)[ \t]*:",
    re.IGNORECASE,
)
#: A category's exclusion heading: "Excluded:", "Excluded within 2 weeks of study entry:".
_EXCLUDED = re.compile(r"excluded(?P<when>[ \t]+\S[^:]{0,80})?[ \t]*:", re.IGNORECASE)
#: A category's sub-headings: "Allowed:", "Required:", "Recommended:", "Excluded within …:".
_SUBLABEL = re.compile(r"(?:allowed|required|recommended|permitted|excluded)"
                       r"(?:[ \t]+\S[^:]{0,80})?[ \t]*:", re.IGNORECASE)
#: A sub-heading's words: a few, naming what the items after it are about.
_SUBHEADING_WORDS = r"[A-Z][^\W\d_]*(?:[ \t/-]+[^\W\d_]+){0,4}"
_SUBHEADING = re.compile(_SUBHEADING_WORDS + r"[ \t]*:?")
_SUBHEADING_MAX = 50
#: A sub-heading with its one criterion on its line: "Endocrine therapy: Not specified."
_LABELLED = re.compile(_SUBHEADING_WORDS + r"[ \t]*:[ \t]+\S.*")


def section(text: str) -> str | None:
    """The heading's text (without its colon) when a line (stripped, no list item) is one
    of the layout's section headings, else None."""
    match = _SECTION.fullmatch(text)
    if match is None:
        category = _CATEGORY.fullmatch(text)
        return category["name"] if category is not None and text[:1].isupper() else None
    name = match["name"]
    capitalised = all(word[:1].isupper() for word in re.split(r"[ \t/]+", name) if word)
    return name if name.isupper() or capitalised else None


def subheading(text: str, item_follows: bool) -> str | None:
    """The sub-heading's text (without its colon) when a paragraph (stripped) inside a
    section names what the list after it is about (item_follows: the next line with text is
    a list item; without one the sub-heading must end with a colon: "Hepatic:" over
    paragraphs), else None."""
    if (not (item_follows or text.endswith(":")) or len(text) > _SUBHEADING_MAX
            or _SUBHEADING.fullmatch(text) is None or section(text) is not None):
        return None
    return text.removesuffix(":").rstrip()


class Layout:
    """The PDQ sections of a criteria text, as its paragraphs are read: the open one (its
    sub-headings are read as such)."""

    def __init__(self) -> None:
        self.entry: list[Any] | None = None  # the open section's entry, as last appended
        self.inner = False  # an inclusion or exclusion heading was read inside the section
        self.category = False  # the open section is one of the ACTG layout's categories
        self.over_paragraphs = False  # a sub-heading over paragraphs was read in the section

    def heading(self, before: list[Any], part: list[Any], bulleted: bool,
                text: str = "") -> list[Any]:
        """The entries of an inclusion or exclusion heading, to append to part (the criteria
        of its kind; before: those of the kind before it) ahead of its group's, if any: the
        end of the groups before it, and the open section's entry again when the heading is
        inside the section (see the Choices), unless that entry is part's last. A heading
        right after the section's own moves the section's entry to part. Any other heading
        ends the layout's sections."""
        if self.entry is None:
            return [criteria.CLOSE_GROUPS]
        fresh = bool(before) and before[-1] is self.entry
        if self.category:
            return self._category_heading(before, part, fresh, text.strip())
        if not (bulleted or fresh or self.inner):
            self.entry = None
            return [criteria.CLOSE_GROUPS]
        self.inner = True
        if part and part[-1] is self.entry:
            return []
        if fresh:
            before.pop()  # the section's criteria start with the heading's kind
        self.entry = criteria.section_entry(self.entry[1])
        return [criteria.CLOSE_GROUPS, self.entry]

    def _category_heading(self, before: list[Any], part: list[Any], fresh: bool,
                          text: str) -> list[Any]:
        """The entries of a heading inside an ACTG category: its "Excluded:" (or "Excluded
        within …:", a group of its own) puts the criteria after it under the category's name
        in the exclusion criteria, the bare word kept as a group ("Excluded"); any other
        heading ends the layout's sections."""
        assert self.entry is not None
        excluded = _EXCLUDED.fullmatch(text)
        if excluded is None:
            self.entry, self.category = None, False
            return [criteria.CLOSE_GROUPS]
        label = [] if excluded["when"] else [criteria.group_entry(text[:-1].rstrip())]
        if any(entry is self.entry for entry in part):
            return label  # the category is open in this kind already
        if fresh:
            before.pop()  # the category's criteria start with the heading's kind
        self.entry = criteria.section_entry(self.entry[1])
        return [criteria.CLOSE_GROUPS, self.entry, *label]

    def paragraph(self, text: str, part: list[Any]) -> list[Any]:
        """The entries to append to part before a paragraph (stripped) that is no heading of
        the layout: in an ACTG category, a paragraph other than its sub-headings ("Written
        informed consent must be obtained …", "Patients must have:") after the items of a
        sub-heading ends the categories (right under "Excluded:" it is that heading's); one
        with its criterion after a sub-heading's colon ("Surgery: Not specified.") ends the
        sub-heading over paragraphs before it."""
        if self.over_paragraphs and _LABELLED.fullmatch(text) is not None:
            return [criteria.END_GROUP]  # "Surgery: Not specified." after "Hepatic:" and its
            # paragraphs: no paragraph of that sub-heading, the section's next criterion
        if (not self.category or _SUBLABEL.fullmatch(text) is not None
                or (part and part[-1][0] < 0)):  # under the category's or a group's name
            return []
        self.entry, self.category = None, False
        return [criteria.CLOSE_GROUPS]

    def read(self, text: str, lines: list[str], at: int) -> list[Any] | None:
        """The entries of a paragraph (text, stripped, at lines[at], after a blank line) that
        is a section heading (the end of the groups before it, and its own entry) or, in a
        section, a sub-heading (a group's entry); None for any other paragraph."""
        name = section(text)
        if name is not None:
            self.entry, self.inner = criteria.section_entry(name), False
            self.category = _CATEGORY.fullmatch(text) is not None
            self.over_paragraphs = False
            return [criteria.CLOSE_GROUPS, self.entry]
        if self.entry is None or (self.category and _SUBLABEL.fullmatch(text) is None):
            return None
        item_follows = _item_follows(lines, at)
        found = subheading(text, item_follows)
        if found is None:
            return None
        self.over_paragraphs = self.over_paragraphs or not item_follows
        return [criteria.group_entry(found)]


def _item_follows(lines: list[str], at: int) -> bool:
    """Whether the next line with text after lines[at] is a list item."""
    for line in lines[at + 1 :]:
        stripped = line.strip()
        if stripped and not stripped.startswith("<!--"):
            return criteria.strip_bullet(stripped)[1] or stripped.startswith("\\-")
    return False

