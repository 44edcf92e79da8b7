"""Criteria written as one run with " - " bullets: a list that lost its line breaks
("Inclusion Criteria: - Japan: Age minimum 20 years - Subjects diagnosed with type 2 diabetes
… - HbA1c 7.0 - 10.5 % (53 - 91 mmol/mol)"), cut into its items before the criteria are
nested (``criteria.sections``).

Choices:

- A section is written so when its first criterion stands on its heading's line after a
  dash ("Exclusion Criteria: - Females of …") and that criterion holds another such bullet.
  A dash elsewhere is the text's own ("Clinical Global Impression - Severity of Illness",
  "4th edition - Text Revision"): sections written with their items on lines of their own
  are left as they are.
- In such a section every criterion is cut at each " - " (or " – ") between two words, the
  one after it starting with a letter: not inside brackets ("(53 - 91 mmol/mol)"), not in a
  range of numbers ("7.0 - 10.5 %") or of short codes ("stage II - IV", "C1 - T2").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: A bullet inside a text: a dash between spaces, a letter after it.
_DASH = re.compile(r"(?<=\S)[ \t]+[-\u2013][ \t]+(?=[^\W\d_])")
#: A short code on either side of a range's dash ("II", "IV", "C1", "T2", "3a").
_CODE = re.compile(r"(?:[IVX]{1,4}|[A-Za-z]{0,2}\d{1,3}[a-z]?)\b")
_WORD_BEFORE = re.compile(r"(\S+)$")


def dashed(first: str) -> bool:
    """Whether a section's first criterion, written on its heading's line after a dash (its
    text without that dash), holds another bullet of the run (see the Choices)."""
    return bool(_cuts(first))


def split_dashes(entries: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """A section's (indent, text[, own mark]) entries, each criterion cut at its " - "
    bullets into criteria at its indentation (the first piece keeps the entry's mark)."""
    out: list[Sequence[Any]] = []
    for entry in entries:
        text = entry[1]
        cuts = _cuts(text) if isinstance(text, str) and entry[0] >= 0 else []
        if not cuts:
            out.append(entry)
            continue
        starts = [0, *(end for _, end in cuts)]
        ends = [*(start for start, _ in cuts), len(text)]
        pieces = [text[start:end].strip() for start, end in zip(starts, ends, strict=True)]
        out.append([entry[0], pieces[0], *entry[2:]])
        out.extend([entry[0], piece] for piece in pieces[1:])
    return out


def _cuts(text: str) -> list[tuple[int, int]]:
    """The spans of the " - " bullets in a criterion's text."""
    cuts: list[tuple[int, int]] = []
    for match in _DASH.finditer(text):
        before = text[: match.start()]
        if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
            continue  # inside brackets
        word = _WORD_BEFORE.search(before)
        after = text[match.end() :].split(maxsplit=1)[0]
        if (word is not None and _CODE.fullmatch(word[1].rstrip(",;"))
                and _CODE.fullmatch(after.rstrip(",;.)"))):
            continue  # "stage II - IV", "C1 - T2"
        cuts.append(match.span())
    return cuts
