"""Trial text as Markdown data: escaped so that it cannot change the document's structure
(no headings, lists, tables, links, HTML or code made from data), control characters
removed; and the table lines the Markdown exports share."""

from __future__ import annotations

import re

from parsers import clean_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
_MD_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")


def _md_inline(text: str) -> str:
    """Text on one line with every inline Markdown character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(clean_text(text).split()))


def md_text(text: str) -> str:
    """Trial text as inline Markdown on one line: literal, whatever characters it holds,
    even at the start of a line (where "- ", "1. " or "=" would start a block)."""
    line = _md_inline(text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                              else "\\" + m.group(1), line)


def md_block(text: str) -> str:
    """Trial text as Markdown paragraphs: its blank lines kept, each line escaped."""
    paragraphs = re.split(r"\n\s*\n", clean_text(text).strip())
    out = []
    for paragraph in paragraphs:
        lines = [md_text(line) for line in paragraph.split("\n")]
        out.append("\n".join(line for line in lines if line))
    return "\n\n".join(part for part in out if part)


def md_cell(text: str) -> str:
    """A table cell: each line escaped, lines joined with <br>, "—" when empty. A cell holds
    inline content only, so a line starting "1." or "-" needs no escape there ("19.63"
    stays as written)."""
    lines = [_md_inline(line) for line in clean_text(text).split("\n")]
    return "<br>".join(line for line in lines if line) or "—"


def table_lines(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table (cells already escaped)."""
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows)]
