"""Lists inside an eligibility Markdown text (ctgov_json_criteria): the list a lead-in
announces, the labelled items a criterion names, and a paragraph that continues a criterion.

Choices:

- A lead-in's list is of one kind: bullets, numbers or letters, as its first item. An item
  of another kind ("ii) …" after "Examples include:" and its bullets) ends it.
- A list item ending with a colon leads into the list written right after it with another
  marker ("- … assigned as follows:", then "* Adult arm: …"): Markdown makes a list of each
  marker, so the second list is the item's children. Items with the item's own marker, or
  after anything else under the item (its indented sub-list), are its siblings, as before.
- A criterion that names the labels of the items after it ("one of the following criteria,
  a), b), c) or d)", "one of the following, i or ii") is their parent, and those items keep
  their labels, which the text refers to. The labels must be named in order from the first
  ("a), b)", "i or ii"), written as the items write them (not "type I or II" before "i)"),
  and the first item must follow the criterion; an item with the
  next label is the next sibling, at any depth below; unlabelled paragraphs (and the lists
  they lead into) between two of them belong to the item above; the list ends with its last
  label, or at another list item. Labels nobody names are removed, as before.
- A paragraph that starts with a lower-case letter, after a blank line, continues the
  criterion before it when that one leads into it ("… may interfere with:" / "informed
  consent, …") and it is the only such paragraph before the next capitalised paragraph,
  list item or heading: it is joined to it with a space. Several such paragraphs after a
  lead-in ending with a colon ("Patients with any of the following:" / "hypertension …" /
  "diabetes mellitus type 1") are its children; after another lead-in, criteria of their
  own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .criteria import strip_bullet
from .criteria_lines import leads_into

# The number of a numbered item ("2. …", "(2) …", "5\\. …").
_NUMBER = re.compile(r"\(?(\d{1,3})")
#: An item's marker: a number, a letter or roman numeral, or a bullet character.
_MARKER = re.compile(
    r"(?P<number>\(?\d{1,3}\\?[.)])|(?P<letter>\(?[a-zA-Z]{1,4}\\?[.)])|\\?(?P<bullet>\S)")
#: A label opening an item ("a) …", "(b) …", "(b). …", "ii. …", "iv\\) …").
_ITEM_LABEL = re.compile(
    r"\(?(?P<label>[a-z]|[ivx]{1,4}|[A-Z]|[IVX]{1,4})\\?(?:\)\.|[.)])[ \t]+")  # "(a). " too
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_JOIN = (r"(?:[ \t]*,[ \t]*(?:(?:and|or|and/or)[ \t]+)?|[ \t]+(?:and|or|and/or)[ \t]+"
         r"|[ \t]*/[ \t]*)")
#: Labels a criterion names: letters written as items write them ("a), b), c) or d)",
#: "(a) or (b)"), roman numerals also bare ("i or ii").
_LETTER_REF = re.compile(r"(?<![\w(])\(?[a-zA-Z]\)(?:" + _JOIN + r"\(?[a-zA-Z]\))+")
_ROMAN_REF = re.compile(
    r"(?<![\w(])\(?(?:[ivx]{1,4}|[IVX]{1,4})\)?(?:" + _JOIN + r"\(?(?:[ivx]{1,4}|[IVX]{1,4})\)?)+"
    r"(?![\w])")
_TOKEN = re.compile(r"[a-zA-Z]+")


def marker(stripped: str) -> str:
    """The marker an item opens with: "number", "letter", or its bullet character."""
    match = _MARKER.match(stripped)
    if match is None:
        return ""
    if match["number"]:
        return "number"
    return "letter" if match["letter"] else match["bullet"]


def kind(mark: str) -> str:
    """The kind of a marker: "number", "letter" or "bullet"."""
    return mark if mark in ("number", "letter") else "bullet"


def item_number(stripped: str) -> int | None:
    """The number an item opens with, or None."""
    numbered = _NUMBER.match(stripped)
    return int(numbered[1]) if numbered else None


class LeadIn:
    """A paragraph that ends with a colon ("Basic contraception methods include:") or with
    words that need the list ("Systolic blood pressure of": criteria_lines.leads_into), or a
    list item ending with a colon, and the list written after it at its own indentation: the
    list's items are its children. A paragraph's list is numbered from 1 again, bulleted, or
    (after a colon) numbered on from the list before the paragraph (going_on: the number its
    first item would have), and goes on while the numbers do (Markdown cannot indent it) and
    its items are of its first item's kind; an item's list is written with another marker
    than the item's own."""

    def __init__(self, indent: int, own: str | None = None,
                 going_on: int | None = None) -> None:
        self.indent, self.own, self.going_on = indent, own, going_on
        self.number: int | None = None
        self.first: str | None = None
        self.items = 0
        self.letter: str | None = None  # the last letter of a lettered list ("a", "b")

    def lettered(self, indent: int, mark: str, content: str) -> int:
        """The length of the letter an item's text opens with after the item's own bullet
        ("* a. absolute neutrophil count …" after "* … as defined below:"), when the letter
        goes on this list item's list ("a" first, then "b", …): the item is its child, the
        letter removed; else 0."""
        if (self.own is None or mark != self.own or indent != self.indent
                or (self.items and self.letter is None)):
            return 0
        match = _ITEM_LABEL.match(content)
        expected = chr(ord(self.letter) + 1) if self.letter else "a"
        if match is None or match["label"].lower() != expected:
            return 0
        self.letter = expected
        return match.end()

    def takes(self, indent: int, number: int | None, mark: str) -> bool:
        """Whether an item at indent, with that number and marker, is the next child."""
        if indent != self.indent or mark == self.own:
            return False
        if self.items == 0:
            return number in (None, 1) or (number is not None and number == self.going_on)
        if kind(mark) != self.first:
            return False
        if self.number is None:
            return number is None
        return number == self.number + 1

    def waits(self) -> bool:
        """Whether it is a list item's lead-in that has no child yet: its list must follow it
        directly (after a sub-list indented under the item, "* …" is the item's sibling)."""
        return self.own is not None and self.items == 0

    def add(self, number: int | None, mark: str) -> None:
        self.items += 1
        self.number = number
        if self.first is None:
            self.first = kind(mark)


def item_lead_in(text: str, indent: int, mark: str) -> LeadIn | None:
    """The lead-in of a list item ending with a colon (its list written with another
    marker), or None."""
    return LeadIn(indent, mark) if text.rstrip().endswith(":") else None


def continues(criterion: str, paragraph: str) -> bool:
    """Whether a paragraph after a blank line continues the criterion before it: the
    criterion leads into it, and it starts with a lower-case letter (see lower_follows)."""
    return paragraph[:1].islower() and leads_into(criterion)


def next_paragraph(lines: list[str], at: int) -> str | None:
    """The first line (stripped) of the paragraph after the one at lines[at], past a blank
    line (or a comment), or None."""
    blank = False
    for line in lines[at + 1 :]:
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            blank = True
        elif blank:
            return stripped
    return None


def lower_follows(lines: list[str], at: int) -> bool:
    """Whether the next paragraph after the one at lines[at] (after a blank line) starts with
    a lower-case letter: then the paragraph at lines[at] is one of several, no continuation."""
    following = next_paragraph(lines, at)
    return following is not None and following[:1].islower() and not strip_bullet(following)[1]


def referred(text: str) -> tuple[str, ...]:
    """The labels a criterion names, in order from the first ("a), b), c) or d)" → a, b, c,
    d; "i or ii" → i, ii), as written; () when it names none so."""
    for pattern, order in ((_LETTER_REF, _LETTERS), (_ROMAN_REF, _ROMAN)):
        for match in pattern.finditer(text):
            names = tuple(token for token in _TOKEN.findall(match[0])
                          if token not in ("and", "or"))
            if tuple(name.casefold() for name in names) == tuple(order[: len(names)]):
                return names
    return ()


def item_label(stripped: str) -> str | None:
    """The label an item opens with ("a) …" → a, "(ii) …" → ii), or None."""
    match = _ITEM_LABEL.match(stripped)
    return match["label"] if match is not None else None


@dataclass
class _Labels:
    """Items whose labels a criterion names: the criterion's indent, the labels still to
    come, and the last item's indent and source indent."""

    parent: int
    names: list[str]
    item: int = 0
    source: int = 0


@dataclass
class Labelled:
    """The open lists of labelled items (see the module's Choices), innermost last, and the
    lead-in that was open before the outermost (it goes on after it)."""

    runs: list[_Labels] = field(default_factory=list)
    saved: LeadIn | None = None

    def place(self, stripped: str, source: int, prior: list[Any] | None,
              lead_in: LeadIn | None) -> int | None:
        """The indent of a labelled item of an open list, or of the first item of the list
        the prior criterion names; None for any other line."""
        label = item_label(stripped)
        if label is None:
            return None
        for depth in range(len(self.runs) - 1, -1, -1):
            run = self.runs[depth]
            if run.names and run.names[0] == label:
                del self.runs[depth + 1 :]
                return self._take(run, source)
        names = referred(prior[1]) if prior is not None else ()
        if prior is None or not names or names[0] != label:
            return None
        if not self.runs:
            self.saved = lead_in
        run = _Labels(prior[0], list(names))
        self.runs.append(run)
        return self._take(run, source)

    @staticmethod
    def _take(run: _Labels, source: int) -> int:
        run.names.pop(0)
        run.item, run.source = run.parent + 1, source
        return run.item

    def offset(self, inside: bool) -> int:
        """How much deeper an unlabelled line goes: under the last labelled item of the
        innermost list that has labels to come (a finished list ends here). inside: a
        paragraph, or an item of a list a paragraph there leads into; any other list item
        ends every list (the labelled list was left)."""
        while self.runs and not (inside and self.runs[-1].names):
            self.runs.pop()
        if not self.runs:
            return 0
        run = self.runs[-1]
        return run.item + 1 - run.source

    def close(self) -> None:
        """Close every list (at a heading or a group's label)."""
        self.runs, self.saved = [], None

    def resume(self) -> LeadIn | None:
        """The lead-in open before the lists, once they are finished (it goes on)."""
        saved, self.saved = self.saved, None
        return saved


#: A label with brackets opening an item ("(iii) …", "b) …"): how a list of labelled items
#: writes it (its brackets) and the label.
_BRACKETED_LABEL = re.compile(r"(?P<open>\(?)(?P<label>[a-z]|[ivx]{1,4}|[A-Z]|[IVX]{1,4})\)")


def _before(label: str) -> tuple[str, ...]:
    """The labels that come right before label, as a roman numeral or as a letter."""
    lower = label.lower()
    found = [_ROMAN[_ROMAN.index(lower) - 1]] if lower in _ROMAN[1:] else []
    if len(lower) == 1 and lower != "a":
        found.append(chr(ord(lower) - 1))
    return tuple(name.upper() if label.isupper() else name for name in found)


class LabelColumns:
    """The last bracketed label of the lists of labelled items at each indentation: an item
    whose label goes on a deeper list ("(iii) …" at the margin after "  (ii) …") is that list's
    next item, at its indentation, unless the list at its own indentation has the label
    before it."""

    def __init__(self) -> None:
        self.last: dict[int, tuple[str, str]] = {}  # indent → (opening bracket, label)

    def place(self, stripped: str, indent: int, bulleted: bool) -> int:
        """The indentation of a line with text (stripped, at indent): a labelled item's list's
        when its label goes on a deeper list; the lists deeper than the line end."""
        if not self.last and not bulleted:
            return indent  # (most lines)
        match = (_BRACKETED_LABEL.match(stripped) if bulleted and ")" in stripped[1:6]
                 else None)  # (a label's bracket: most items have none)
        if match is not None:
            before = _before(match["label"])
            own = self.last.get(indent)
            if before and not (own is not None and own[0] == match["open"] and own[1] in before):
                deeper = [column for column, (opening, label) in self.last.items()
                          if column > indent and opening == match["open"] and label in before]
                indent = max(deeper, default=indent)
        for column in [column for column in self.last if column > indent]:
            del self.last[column]
        if match is not None:
            self.last[indent] = (match["open"], match["label"])
        else:
            self.last.pop(indent, None)
        return indent

    def reset(self) -> None:
        """A heading: no list goes on."""
        self.last.clear()
