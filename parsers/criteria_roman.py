"""Lists numbered with roman numerals written on one line ("… any of the following: i. A
ii. B iii. C"): a criterion's text split into its items once the tree is built
(``criteria.sections``).

Choices:

- A run is roman numerals in sequence from "i" inside a criterion's text ("i", "ii", "iii",
  "iv", …), at least three, each at a word's start (after a space, or the text's start),
  written the same way ("i." … "ii.", "i)" … "ii)", "(i)" … "(ii)"; in one case) and followed
  by a space; the first of the text's runs of three or more is split. Two numerals ("either: i)
  … or ii) …": two alternatives) and "i.e." are no run.
- A run at the text's start ("i. Orthopnea ii. Pulmonary rales iii. …") is a list of
  criteria beside each other: its items take the criterion's place (a criterion with
  sub-criteria of its own is left whole: which of the items they belong to is not written).
- A run after a sentence's end or a colon ("… defined as: i. Postmenopausal … ii. …",
  "… the following; i. … ii. …") is the list of the text before it: that text keeps its
  place, and the items become its first sub-criteria, before those it had. A run inside a
  sentence ("… a (i) pacemaker, (ii) defibrillator or (iii) …") is left as written.
- The items' texts are the text between the numerals, trimmed; the numerals are removed.
"""

from __future__ import annotations

import re
from typing import Any

#: The numerals of a run, in order (a list longer than twenty is not met in criteria).
_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
             "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx")
_VALUE = {numeral: index for index, numeral in enumerate(_NUMERALS)}
#: A numeral and its mark at a word's start, followed by a space.
_MARK = re.compile(r"(?<!\S)(?P<open>\(?)(?P<numeral>[ivx]{1,5}|[IVX]{1,5})(?P<close>[.)])(?=\s)")
#: What the text before a run ends with when the run is its list.
_LEADS = (":", ";", ".")
#: Fewest numerals of a run.
_MIN_RUN = 3


def _run(text: str) -> list[re.Match[str]]:
    """The marks of the first run of _MIN_RUN numerals or more in text, or []."""
    if "i." not in text and "i)" not in text and "I." not in text and "I)" not in text:
        return []  # (no run's first numeral: most texts, looked at cheaply)
    marks = [match for match in _MARK.finditer(text)
             if match["numeral"].lower() in _VALUE
             and (match["open"] == "") == (match["close"] == ".")  # "i." "i)" "(i)", not "(i."
             ]
    for at, first in enumerate(marks):
        if first["numeral"].lower() != "i":
            continue
        style = (first["open"], first["close"], first["numeral"].islower())
        run = [first]
        for mark in marks[at + 1 :]:
            numeral = mark["numeral"]
            if ((mark["open"], mark["close"], numeral.islower()) == style
                    and _VALUE[numeral.lower()] == len(run)):
                run.append(mark)
        if len(run) >= _MIN_RUN and _items(text, run) is not None:
            return run
    return []


def _items(text: str, run: list[re.Match[str]]) -> list[str] | None:
    """The items' texts between the run's marks, or None when one is empty."""
    ends = [mark.start() for mark in run[1:]] + [len(text)]
    items = [text[mark.end() : end].strip() for mark, end in zip(run, ends, strict=True)]
    return items if all(items) else None


def split_roman(tree: list[dict[str, Any]]) -> None:
    """Split, at any depth, each criterion whose text holds a run (see the Choices)."""
    at = 0
    while at < len(tree):
        node = tree[at]
        split_roman(node["children"])
        run = _run(node["text"])
        items = _items(node["text"], run) if run else None
        if items is None:
            at += 1
            continue
        before = node["text"][: run[0].start()].rstrip()
        nodes = [{"text": item, "children": []} for item in items]
        if not before and not node["children"]:
            tree[at : at + 1] = nodes
            at += len(nodes)
            continue
        if before.endswith(_LEADS):
            node["text"] = before
            node["children"][:0] = nodes
        at += 1
