"""Read values out of a classic ClinicalTrials.gov XML study: text, text blocks, enums, numbers.

Every string is cleaned (``clean_text``): a character reference such as ``&#x9b;`` or
``&#x202e;`` decodes to a control or a bidi override that the file's text did not show. A
reference escaped twice ("&amp;#x3B2;") is decoded (to β); one naming a control is dropped.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from . import criteria, criteria_pdq, fields, vocab
from .clean import clean_text, decode_references
from .criteria_lines import leads_into, split_trailing_exclusion
from .criteria_runs import own_mark
from .criteria_wraps import Numbering, wraps
from .record import add_unique
from .results_read import read_number, written_digits

#: What the registry writes for a value it does not have; kept as null without a warning.
NOT_AVAILABLE = frozenset({"na", "n/a", "nr", "not applicable", "not available", "none"})
#: A date's (and an enrollment's) type attribute: Actual → ACTUAL, Anticipated / Estimate →
#: ESTIMATED.
DATE_TYPES = {"actual": "ACTUAL", "anticipated": "ESTIMATED", "estimate": "ESTIMATED",
              "estimated": "ESTIMATED"}
_BLANK_RUNS = re.compile(r"\n{3,}")
_EMPTY_ITEMS = frozenset({"*", "-", "+", "•"})
_RULE = re.compile(r"(?:[-*_=]\s*){3,}")
# "… last inclusion criterion. Exclusion Criteria: …" on one line.
_INLINE_EXCLUSION = re.compile(
    r"(?<=[.;:])[ \t]+(?=(?:key[ \t]+)?exclusion[ \t]+criteria[ \t]*:)"
    # a text block written on one line: the heading capitalised, after any word
    r"|(?<=\S)(?<!key)(?<!main)(?<!major)[ \t]+"
    r"(?=(?-i:(?:(?:Key|KEY|Main|MAIN|Major|MAJOR)[ \t]+)?"
    r"(?:Exclusion[ \t]+Criteria|EXCLUSION[ \t]+CRITERIA))[ \t]*:)",
    re.IGNORECASE,
)


def quote(text: str, limit: int = 60) -> str:
    """A value quoted for a warning, shortened when long."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def one_line(text: str) -> str:
    """Cleaned text on one line: whitespace runs (newlines too) collapsed to a space."""
    return " ".join(clean_text(text).split())


def raw_text(element: Element | None) -> str | None:
    """All the text inside an element (its children's too), or None without an element. A
    character reference the file escaped twice ("IFN-&amp;#x3B2;", which the site shows as
    IFN-β) is decoded, as the API v2 reader decodes its texts' references."""
    if element is None:
        return None
    text = "".join(element.itertext())
    return decode_references(text, keep_unprintable=False) if "&" in text else text


class Reader:
    """Typed access to a study's elements by path; what cannot be read becomes a warning."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path}: {message}")

    def line(self, element: Element | None, path: str) -> str | None:
        """The text of the element at path, on one line; None when absent or blank."""
        found = element.find(path) if element is not None else None
        text = raw_text(found)
        return (one_line(text) or None) if text is not None else None

    def lines(self, element: Element | None, path: str) -> list[str]:
        """The one-line texts of every element at path (blank ones dropped, no duplicates)."""
        out: list[str] = []
        for found in element.findall(path) if element is not None else []:
            text = one_line(raw_text(found) or "")
            if text:
                add_unique(out, text)
        return out

    def phases(self, element: Element | None, path: str) -> list[str]:
        """The phases the elements at path name, in the record's order; an unknown one is
        left out with a warning."""
        found: set[str] = set()
        for text in self.lines(element, path):
            phases = vocab.phases(text)
            if phases:
                found.update(phases)
            else:
                self.warn(path, f"unknown value {quote(text)}")
        return vocab.sort_phases(found)

    def text(self, element: Element | None, path: str) -> str | None:
        """The text of the element at path with its own line breaks (descriptions, comments:
        the registry does not wrap them); lines right-trimmed, blank runs collapsed."""
        found = element.find(path) if element is not None else None
        text = raw_text(found)
        if text is None:
            return None
        lines = "\n".join(line.rstrip() for line in clean_text(text).split("\n"))
        return _BLANK_RUNS.sub("\n\n", lines).strip() or None

    def block(self, element: Element | None, path: str) -> str | None:
        """The text of a ``textblock`` element at path, which the registry wraps at about
        100 columns, as paragraphs (see ``paragraph_text``)."""
        found = element.find(path) if element is not None else None
        text = raw_text(found)
        return paragraph_text(text) if text is not None else None

    def attribute(self, element: Element | None, name: str) -> str | None:
        """An attribute on one line; None when absent or blank."""
        value = element.get(name) if element is not None else None
        return (one_line(value) or None) if value is not None else None

    def date(self, element: Element, name: str) -> dict[str, str | None] | None:
        """A date element as {date, type}: "March 5, 2017" → "2017-03-05", "March 2017" →
        "2017-03", its type attribute by ``DATE_TYPES`` (none → null); "Unknown" → None;
        a text that is no date → None and a warning naming the element."""
        text = self.line(element, ".")
        if text is None or text.casefold() == "unknown":
            return None
        date = fields.date(text)
        if date is None:
            self.warn(name, f"could not read the date {quote(text)}")
            return None
        kind = self.lookup(self.attribute(element, "type"), DATE_TYPES, f"{name}@type")
        return {"date": date, "type": kind}

    def enum(
        self,
        element: Element | None,
        path: str,
        table: dict[str, str],
        where: str = "",
        loose: bool = False,
    ) -> str | None:
        """The element's text looked up in a vocabulary table; unknown → None and a warning."""
        where = f"{where}/{path}" if where else path
        return self.lookup(self.line(element, path), table, where, loose)

    def lookup(
        self, text: str | None, table: dict[str, str], where: str, loose: bool = False
    ) -> str | None:
        """A text looked up in a vocabulary table; unknown → None and a warning. loose: also
        without "Assignment", "Blind" and bracketed details ("None (Open Label)")."""
        if text is None:
            return None
        found = vocab.design_value(table, text) if loose else vocab.lookup(table, text)
        if found is None:
            self.warn(where, f"unknown value {quote(text)}")
        return found

    def number(self, text: str | None, where: str) -> int | float | None:
        """A number ("15" → 15, "2.50" → 2.5); "NA" → None; else None and a warning."""
        if text is None:
            return None
        value = number(text)
        if value is None and text.strip().casefold() not in NOT_AVAILABLE:
            self.warn(where, f"not a number: {quote(text)}")
        return value

    def count(self, text: str | None, where: str) -> int | None:
        """A whole count ("15" → 15); "NA" → None; else None and a warning."""
        if text is None:
            return None
        value = number(text)
        if isinstance(value, int) and value >= 0:
            return value
        if text.strip().casefold() not in NOT_AVAILABLE:
            self.warn(where, f"not a count: {quote(text)}")
        return None


def number_and_text(text: str | None) -> tuple[int | float | None, str | None]:
    """A value as the record keeps it (number, text): (12.5, None) for "12.5", (12.5, "12.50")
    for a number written with zeros it drops, (None, "NA") for a text that is not a number,
    (None, None) for none. As results_read.Reader.number_or_text reads API v2 values."""
    if text is None:
        return None, None
    found = number(text)
    return found, (text if found is None else written_digits(text))


def number(text: str) -> int | float | None:
    """The number a text holds: an int when whole ("15", "12.0"), else a float ("2.50" →
    2.5), read as the ctgov-json results read a numeric string (results_read.read_number:
    "1,200", "=0.04", "0,001"); None for anything else and past ``fields.MAX_NUMBER``."""
    return read_number(text)


# --- text blocks -----------------------------------------------------------------------------


def block_lines(text: str) -> list[str]:
    """A text block's lines: cleaned, tabs expanded, right-trimmed, and the indentation that
    every line shares (the XML's own) removed; outer blank lines dropped."""
    lines = [line.expandtabs(4).rstrip() for line in clean_text(text).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    shared = min((len(line) - len(line.lstrip()) for line in lines if line), default=0)
    return [line[shared:] for line in lines]


def paragraph_text(text: str) -> str | None:
    """A text block as paragraphs: the registry wraps lines at about 100 columns, so a line
    that continues the one above is joined to it with a space; a blank line ends a paragraph
    and a bulleted or numbered line starts a new line (keeping its indentation), unless it
    is at the text column of the item right above it (a wrapped "2) …" continues it)."""
    out: list[str] = []
    joinable = False
    item_column: int | None = None  # where the text of the item on the line above starts
    for line in block_lines(text):
        stripped = line.lstrip()
        if not stripped:
            if out and out[-1]:
                out.append("")
            joinable, item_column = False, None
            continue
        indent = len(line) - len(stripped)
        content, bulleted = criteria.strip_bullet(stripped)
        if joinable and (not bulleted or indent == item_column):
            out[-1] = f"{out[-1]} {stripped}"
            continue
        out.append(line if bulleted else stripped)
        joinable = True
        item_column = indent + len(stripped) - len(content) if bulleted else None
    return "\n".join(out).strip("\n") or None


def block_criteria(
    text: str,
) -> tuple[list[criteria.Criterion], list[criteria.Criterion], list[str]]:
    """Parse an eligibility criteria text block into (inclusion, exclusion, warnings).

    Items are bulleted ("-  ") or numbered, nested by indentation, except that an item
    numbered right after the item above is its sibling (see criteria_wraps); a line directly
    below an item or a paragraph, with no blank line between, is its wrapped continuation (also
    one that opens like an item, "2. …", at the column of the item's text, or after a line
    that has not ended: criteria_wraps). Headings
    ("Inclusion Criteria:", also bulleted: "-  INCLUSION CRITERIA:", bracketed or numbered:
    "[Exclusion Criteria]", "III.6 EXCLUSION CRITERIA"; see ``criteria.heading``) switch
    the section; the criteria under a qualified one ("INCLUSION CRITERIA FOR PATIENTS:",
    "Exclusion Criteria for Stage 1") are its children. A numbered list written on one line
    ("4) … 5) … 19) …") is split into its items (``criteria_runs``). The sections of the
    NCI's PDQ layout ("PATIENT CHARACTERISTICS:") and their sub-headings ("Age:") group the
    items under them (``criteria_pdq``).
    """
    parts: dict[str, list[Any]] = {"lead": [], "inclusion": [], "exclusion": []}
    current = "lead"
    headed = False
    last: list[Any] | None = None  # the entry a directly following line continues
    pending: list[Any] | None = None  # a criterion on a heading's line: indented as the next
    item_column: int | None = None  # where the text of the item on the line above starts
    text_column: int | None = None  # where the text of the item the line above is part of starts
    wrapped: list[Any] | None = None  # a group heading without a colon, which may wrap
    # A paragraph that is a sentence not leading into a list ("… are eligible."): the list
    # items indented under it are its siblings, not its children.
    paragraph: list[Any] | None = None
    numbering = Numbering()  # the numbers of the section's items, by indentation
    aside: tuple[str, list[Any]] | None = None  # an aside's section goes on (its entry)
    layout = criteria_pdq.Layout()  # the PDQ layout's sections ("PATIENT CHARACTERISTICS:")
    lines = split_trailing_exclusion(_split_inline_headings(block_lines(text)))
    for at, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped or stripped in _EMPTY_ITEMS or _RULE.fullmatch(stripped):
            last = item_column = text_column = wrapped = None
            continue
        if wrapped is not None and not criteria.strip_bullet(stripped)[1]:
            # "INCLUSION CRITERIA FOR ADULT PATIENTS … OF COMBINATION" / "RITUXIMAB AND …:"
            wrapped[1] = f"{wrapped[1]} {stripped.removesuffix(':').rstrip()}"
            if stripped.endswith(":"):
                wrapped = None
            continue
        wrapped = None
        indent = len(line) - len(stripped)
        content, bulleted = criteria.strip_bullet(stripped)
        if bulleted and last is not None and (indent == item_column or wraps(
                stripped, indent, _above(lines[at - 1]) if item_column is None else None,
                text_column, numbering)):
            bulleted, content = False, stripped  # a wrapped line that happens to open "2. "
        item_column = indent + len(stripped) - len(content) if bulleted and content else None
        if bulleted or last is None:
            text_column = item_column
        continued = last is not None and not bulleted
        heading = criteria.heading(content, continued, bulleted) if content else None
        if heading is not None:
            before, (current, rest, group, _, aside_of) = current, heading
            headed, last, pending, paragraph = True, None, None, None
            numbering = Numbering()
            parts[current].extend(layout.heading(parts[before], parts[current], bulleted))
            if group:
                parts[current].append(criteria.group_entry(group))
            aside = (before, parts[current][-1]) if aside_of else None
            if group and rest is None and not content.endswith(":"):
                wrapped = parts[current][-1]
            written = rest  # "Criteria: - Age …": its bullet removed
            rest = criteria.strip_bullet(rest)[0] if rest else rest
            if rest and rest.strip("-–—*•:. "):  # "Inclusion Criteria:-" holds none
                last = pending = [indent, rest, own_mark(written or "", rest)]
                parts[current].append(last)
            continue
        if not bulleted:
            if criteria.is_criteria_label(stripped):
                last = None
                continue
            if last is None and (pdq := layout.read(stripped, lines, at)) is not None:
                if pdq[-1][0] == criteria.SECTION_INDENT:  # a section: inclusion criteria
                    if aside is not None:  # the section the aside interrupted goes on
                        current, aside = aside[0], None
                    current, headed = ("inclusion" if current == "lead" else current), True
                parts[current].extend(pdq)  # "PATIENT CHARACTERISTICS:", "Age:"
                paragraph, numbering = None, Numbering()
                continue
            if (last is None and current != "lead" and criteria.is_group_label(stripped)
                    and not _heading_next(lines, at)):
                parts[current].append(criteria.group_entry(stripped))  # "Part B", "Group 2"
                paragraph = None
                continue
            if last is not None:
                last[1] = f"{last[1]} {stripped}"
                continue
        if not content:
            continue
        if aside is not None and bulleted and parts[current][-1] is not aside[1]:
            # a list item after "Inclusion of Women and Minorities" and its paragraphs
            parts[current].append(criteria.CLOSE_GROUPS)
            current, aside, paragraph = aside[0], None, None
            numbering = Numbering()
        if pending is not None:
            pending[0], pending = indent, None
        indent = numbering.place(stripped, indent) if bulleted else indent
        if paragraph is not None and bulleted:
            entry, level = paragraph
            if indent <= entry[0] or leads_into(entry[1]) or _label(entry[1]):
                paragraph = None
            elif level is None or indent == level:
                paragraph = [entry, indent]  # the list's first level: beside the paragraph
                indent = entry[0]
        last = [indent, content, own_mark(stripped, content) if bulleted else None]
        parts[current].append(last)
        if not bulleted:
            paragraph = [last, None]
    return criteria.sections(parts, headed)


def _above(line: str) -> tuple[str, int]:
    """A line's text and indentation."""
    text = line.lstrip()
    return text, len(line) - len(text)


def _heading_next(lines: list[str], at: int) -> bool:
    """Whether the next line with text after lines[at] is a heading."""
    for line in lines[at + 1:]:
        if line.strip():
            content, bulleted = criteria.strip_bullet(line.strip())
            return criteria.heading(content, bulleted=bulleted) is not None
    return False


#: Fewest words of a paragraph that is a sentence, not a label over the list under it
#: ("Biologic therapy", "--Disease Characteristics--", "Other").
_SENTENCE_MIN_WORDS = 6


def _label(paragraph: str) -> bool:
    return len(paragraph.split()) < _SENTENCE_MIN_WORDS


def _split_inline_headings(lines: list[str]) -> list[str]:
    """The lines, an "Exclusion Criteria:" inside one (after a sentence) starting a new line
    at that line's indentation; a line that is a heading as a whole is kept whole."""
    out: list[str] = []
    for line in lines:
        if "riteri" in line or "RITERI" in line:
            whole = criteria.heading(line.strip())
            if whole is not None and whole.rest is None:
                out.append(line)  # a heading alone ("GENERAL EXCLUSION CRITERIA:")
                continue
        indent = line[: len(line) - len(line.lstrip())]
        first, *rest = _INLINE_EXCLUSION.sub("\n", line).split("\n")
        out.append(first)
        out.extend(indent + part for part in rest)
    return out
