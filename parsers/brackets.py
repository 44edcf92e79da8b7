r"""Bracketed parts of a line, found in linear time.

`re.sub(r"\(.*?\)", ...)` looks for a closing bracket from every opening one: on a line of
many "(" and no ")" that is quadratic (a 50,000-character line took half a minute). These
helpers find the same parts (each opening bracket with the first closing one after it on its
line) with str.find, once over the text.
"""

from __future__ import annotations

from collections.abc import Iterator


def spans(text: str, opening: str = "(", closing: str = ")") -> Iterator[tuple[int, int]]:
    """(start, end) of each bracketed part, brackets included, left to right; a part never
    spans lines (as `.` in a regular expression)."""
    position = 0
    while True:
        start = text.find(opening, position)
        if start < 0:
            return
        end = text.find(closing, start + 1)
        newline = text.find("\n", start + 1)
        if end < 0:
            return
        if 0 <= newline < end:  # no closing bracket on this line: go on from the next one
            position = newline + 1
            continue
        yield start, end + 1
        position = end + 1


def remove(text: str, replacement: str = " ", opening: str = "(", closing: str = ")") -> str:
    """The text with each bracketed part replaced."""
    parts: list[str] = []
    position = 0
    for start, end in spans(text, opening, closing):
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def inner(text: str, opening: str = "(", closing: str = ")") -> list[str]:
    """The text inside each bracketed part."""
    return [text[start + 1 : end - 1] for start, end in spans(text, opening, closing)]
