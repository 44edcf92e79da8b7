"""The items of an eligibility Markdown text (ctgov_json_criteria): where each list item or
paragraph goes in its section's tree: a number or a second bullet written after an item's
bullet, the registry's numbered bullets ("* 1\\. A", then "  2\\. B"), the list a lead-in
announces and the labelled items a criterion names (criteria_lists).
"""

from __future__ import annotations

import re
from typing import Any

from .criteria import names_next
from .criteria_lines import leads_into
from .criteria_lists import Labelled, LeadIn, item_lead_in, item_number, marker
from .criteria_runs import own_mark
from .ctgov_json_study import unescape

# A number or a second bullet right after an item's bullet ("* 1\\. Age", "* (1) male",
# "* (1). male", "* 1)Age", "* • Age"; a letter or a roman numeral: "* (b) …", "* (ii) …").
_SECOND_MARKER = re.compile(
    r"(?P<number>\(?(?P<value>\d{1,3})\\?[.)])(?:(?<=\))\.)?(?:[ \t]+|(?=[^\W\d_]))"
    r"|\(?(?:[a-zA-Z]|[ivx]{2,4})\\?\)\.?[ \t]+|[•●○◦▪■‣⁃∙·][ \t]*|\\[-*+][ \t]+"
)


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
    if match is None or match.end() == len(content) or names_next(content):
        return content, None, False  # "(i) A or (ii) B" keeps its "(i)"
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


class Items:
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
              paragraph: bool, *, leads: bool = False) -> list[Any]:
        """The [indent, text] entry of an item or a paragraph (stripped: its line; content:
        its text without bullet; paragraph: not a Markdown list item, maybe one the registry
        escaped; leads: a paragraph that leads into the list after it although it does not
        say so, a group's name: criteria_lines.group_label)."""
        placed = self.labelled.place(stripped, indent, self.prior, self.lead_in)
        if placed is not None:  # "a) …", named by the criterion above: its label kept
            self.run = None
            self.lead_in = item_lead_in(stripped, indent, "letter")
            self.prior = [placed, unescape(stripped)]
            return self.prior
        source = indent
        mark, number = (marker(stripped), item_number(stripped)) if bulleted else ("", None)
        if bulleted and self.lead_in is not None and (
                letter := self.lead_in.lettered(source, mark, content)):
            content, mark = content[letter:], "letter"  # "* a. …" under "* … below:"
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
        if paragraph and (leads_into(content) or leads):
            going_on = self.counted + 1 if self.counted and content.endswith(":") else None
            self.lead_in = LeadIn(source, None, going_on)
        elif bulleted and self.lead_in is None and not self.labelled.runs:
            self.lead_in = item_lead_in(content, source, mark)
        return self.prior
