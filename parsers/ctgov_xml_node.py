"""Read values out of a classic ClinicalTrials.gov XML study: text, text blocks, enums, numbers
(the criteria text block: ctgov_xml_criteria).

Every string is cleaned (``clean_text``): a character reference such as ``&#x9b;`` or
``&#x202e;`` decodes to a control or a bidi override that the file's text did not show. A
reference escaped twice ("&amp;#x3B2;") is decoded (to β); one naming a control is dropped.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from . import criteria, fields, vocab
from .clean import clean_text, decode_references
from .ctgov_xml_criteria import block_criteria as block_criteria  # the criteria text block
from .ctgov_xml_criteria import block_lines
from .record import add_unique
from .results_read import read_number, written_digits

#: What the registry writes for a value it does not have; kept as null without a warning.
NOT_AVAILABLE = frozenset({"na", "n/a", "nr", "not applicable", "not available", "none"})
#: A date's (and an enrollment's) type attribute: Actual → ACTUAL, Anticipated / Estimate →
#: ESTIMATED.
DATE_TYPES = {"actual": "ACTUAL", "anticipated": "ESTIMATED", "estimate": "ESTIMATED",
              "estimated": "ESTIMATED"}
_BLANK_RUNS = re.compile(r"\n{3,}")
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
        if bulleted and criteria.dotted_mark(stripped):
            content, bulleted = stripped, False  # "… genome" / "(1). The …": a citation
        if joinable and (not bulleted or indent == item_column):
            out[-1] = f"{out[-1]} {stripped}"
            continue
        out.append(line if bulleted else stripped)
        joinable = True
        item_column = indent + len(stripped) - len(content) if bulleted else None
    return "\n".join(out).strip("\n") or None
