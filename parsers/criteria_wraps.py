"""Items of a classic XML criteria text block (ctgov_xml_criteria.block_criteria): the numbers of
a section's items, and the lines the registry's wrapping made look like an item.

The registry wraps a text block's lines at about 70 columns, so a line may start with what
the text had in the middle of a sentence: "… prior to Visit" / "1. Subjects with RA …", "…
(1 Unit" / "- 150 mL of wine …".

Choices:

- A line that opens like an item ("1. ", "2) ", "- ") directly below a line that is no item
  of its own (a criterion's wrapped text, or a paragraph), with no blank line between and at
  that line's indentation, continues it when that line has not ended (no ".", ";", ":",
  "!" or "?" at its end, a closing bracket or quote after it aside) and:
  - it is at the column of the text of the item that line belongs to, deeper than the
    item's bullet or number (the registry indents a wrapped line so; a sub-item is indented
    deeper still, after a blank line); or
  - it opens with a bracketed mark and a full stop ("(1). Patients …": a citation ending
    the sentence above); or
  - its number does not go on the list: not one more than the item above or the last item
    at its indentation ("14." after "4.", "101." after "1."), not "1." or "(1)" opening a
    list (that one continues the line only when its text starts with a digit, "1. 5
    mg/dl", and the line above leads into no list: "… with"); or it closes a parenthesis
    the line above opened ("… (Visit" / "2) QTc …"); or
  - it is a dash whose text starts with a digit ("… aged 18" / "- 65 years", "…
    Theophyllines" / "- 48 hours"), and the line above leads into no list ("Patients who
    have" / "- diabetes": an item, its text a word's).
- A line that opens like an item after a line that ended, after a colon, or indented
  deeper or less deep than the line above, is an item, as before (a sub-list after "…
  following:", a list numbered on, "2. Child-Turcotte-Pugh score > 7 points." after "…
  cirrhosis;"). Right below an item's own line, one at the column of its text continues
  it, as before (block_criteria).
- An item numbered right after the item above ("8)" after "7)", same style) is its sibling
  whatever its indentation ("  7) …" then "8) …" then "  9) …": the registry's text kept the
  author's stray indentation), unless an item at its own indentation has the number before
  it (a sub-list's "2)" after its "1)").
"""

from __future__ import annotations

import re

from .criteria import dotted_mark
from .criteria_lines import leads_into

#: A number opening an item ("8) …", "12. …", "(3) …"): its style and its value, and what
#: follows it.
_NUMBERED = re.compile(r"(?P<open>\(?)(?P<value>\d{1,3})(?P<close>[.)])[ \t]*(?P<rest>.?)")
#: A dash opening an item ("- 65 years").
_DASH = re.compile(r"[-\u2013][ \t]+(?P<rest>.)")
#: What ends a sentence or leads into a list at a line's end; and what may close it.
_ENDS = frozenset(".;:!?")
_CLOSERS = ")]\"'”’"


class Numbering:
    """The numbers of a section's items, by indentation (see the Choices)."""

    def __init__(self) -> None:
        self.last: tuple[str, int, int] | None = None  # style, number, indent
        self.at: dict[tuple[str, int], int] = {}  # (style, indent) → its last number

    def place(self, stripped: str, indent: int) -> int:
        """The indentation of an item (stripped: its line), after the item above."""
        match = _NUMBERED.match(stripped)
        if match is None:
            return indent
        style, number = match["open"] + match["close"], int(match["value"])
        if (self.last is not None and self.last[:2] == (style, number - 1)
                and self.at.get((style, indent)) != number - 1):
            indent = self.last[2]
        self.last = (style, number, indent)
        self.at[(style, indent)] = number
        return indent

    def goes_on(self, style: str, number: int, indent: int) -> bool:
        """Whether an item so numbered at indent is the next of the list above: one more than
        the item above, or than the last item at its indentation, in the same style."""
        return ((self.last is not None and self.last[:2] == (style, number - 1))
                or self.at.get((style, indent)) == number - 1)


def wraps(stripped: str, indent: int, above: tuple[str, int] | None,
          text_column: int | None, numbering: Numbering) -> bool:
    """Whether a line that opens like an item (stripped: the line; indent: its indentation)
    continues the line above it (see the Choices). above: that line's text and indentation
    when it is no item's own line (a wrapped line or a paragraph's), else None; text_column:
    where the text of the item it belongs to starts, or None."""
    if above is None or indent != above[1] or _ended(above[0]):
        return False
    if indent == text_column or dotted_mark(stripped):
        return True  # (or a citation's end: "… as described by Smith" / "(1). Patients …")
    numbered = _NUMBERED.match(stripped)
    if numbered is not None:
        style, number = numbered["open"] + numbered["close"], int(numbered["value"])
        if style == ")" and above[0].count("(") > above[0].count(")"):
            return True  # "… (Visit" / "2) QTc interval …"
        if numbering.goes_on(style, number, indent):
            return False
        if number == 1:
            return numbered["rest"].isdigit() and not leads_into(above[0])
        return True
    dash = _DASH.match(stripped)
    return dash is not None and dash["rest"].isdigit() and not leads_into(above[0])


def _ended(text: str) -> bool:
    """Whether a line ends a sentence or leads into a list (its last character, a closing
    bracket or quote after it aside)."""
    text = text.rstrip().rstrip(_CLOSERS)
    return not text or text[-1] in _ENDS

