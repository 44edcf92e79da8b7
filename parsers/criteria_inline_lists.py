"""Lists marked with roman numerals or letters written on one line ("… any of the following:
i. A ii. B iii. C", "… with the following exceptions: a. alopecia; b. …; c. …"): a
criterion's text split into its items once the tree is built (``criteria.sections``; lists
numbered 1, 2, 3 are criteria_runs').

Choices:

- A run is marks in sequence from the first, roman numerals ("i", "ii", "iii", "iv", …) or
  letters ("a", "b", "c", …), at least three, each at a word's start (after a space, or the
  text's start), written the same way ("i." … "ii.", "a)" … "b)", "(i)" … "(ii)"; in one
  case) and followed by a space. Of a text's runs, the one that starts first is split (its
  items may hold a run of the other kind: "a. … the following: i) … ii) … iii) … b. …" is
  split at the letters, then the first item at its numerals). Two marks ("either: i) … or
  ii) …": two alternatives) and "i.e." are no run.
- A run at the text's start ("i. Orthopnea ii. Pulmonary rales iii. …") is a list of
  criteria beside each other: its items take the criterion's place (a criterion with
  sub-criteria of its own is left whole: which of the items they belong to is not written).
- A run from the second mark after a first item that ends with ";" or "." ("aged 18-55
  years; ii) otherwise healthy …; iii) able to give informed consent.": the first item's
  mark was lost, or read as the heading's) is split too: the text before it and its items
  are criteria beside each other.
- A run after a sentence's end or a colon ("… defined as: i. Postmenopausal … ii. …",
  "… the following; a. … b. …") is the list of the text before it: that text keeps its
  place, and the items become its first sub-criteria, before those it had. A run inside a
  sentence ("… a (i) pacemaker, (ii) defibrillator or (iii) …") is left as written.
- The items' texts are the text between the marks, trimmed; the marks are removed.
"""

from __future__ import annotations

import re
from typing import Any

#: The roman numerals of a run, in order (a list longer than twenty is not met in criteria).
_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
             "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx")
_ROMAN = {numeral: index for index, numeral in enumerate(_NUMERALS)}
_LETTER = {chr(code): code - ord("a") for code in range(ord("a"), ord("z") + 1)}
#: A mark at a word's start, followed by a space: a numeral or a letter, with its brackets.
_MARK = re.compile(r"(?<!\S)(?P<open>\(?)(?P<mark>[ivx]{1,5}|[IVX]{1,5}|[a-zA-Z])(?P<close>[.)])"
                   r"(?=\s)")
#: What the text before a run ends with when the run is its list.
_LEADS = (":", ";", ".")
#: What the first item ends with when a run from the second mark goes on it.
_LOST_ENDS = (";", ".")
#: Fewest marks of a run.
_MIN_RUN = 3


def _runs_of(marks: list[re.Match[str]], values: dict[str, int],
             first: int = 0) -> list[re.Match[str]]:
    """The marks of the first run from the value first, of _MIN_RUN - first marks or more,
    whose values are values', or []."""
    for at, opening in enumerate(marks):
        if values.get(opening["mark"].lower()) != first:
            continue
        style = (opening["open"], opening["close"], opening["mark"].islower())
        run = [opening]
        for mark in marks[at + 1 :]:
            if ((mark["open"], mark["close"], mark["mark"].islower()) == style
                    and values.get(mark["mark"].lower()) == first + len(run)):
                run.append(mark)
        if first + len(run) >= _MIN_RUN:
            return run
    return []


def _run(text: str) -> tuple[list[re.Match[str]], bool]:
    """The marks of the run of text that starts first (see the Choices), and whether it
    goes on a first item that lost its mark; ([], False) when there is none."""
    if "." not in text and ")" not in text:
        return [], False  # (no mark: most texts, looked at cheaply)
    marks = [match for match in _MARK.finditer(text)
             if not (match["open"] and match["close"] == ".")]  # "i." "i)" "(i)", not "(i."
    runs = [run for run in (_runs_of(marks, _ROMAN), _runs_of(marks, _LETTER))
            if run and _items(text, run) is not None]
    if runs:
        return min(runs, key=lambda run: run[0].start()), False
    runs = [run for values in (_ROMAN, _LETTER)
            if (run := _runs_of(marks, values, first=1)) and _items(text, run) is not None
            and text[: run[0].start()].rstrip().endswith(_LOST_ENDS)
            and _runs_of(marks[: marks.index(run[0])], values, first=0) == []]
    return (min(runs, key=lambda run: run[0].start()), True) if runs else ([], False)


def _items(text: str, run: list[re.Match[str]]) -> list[str] | None:
    """The items' texts between the run's marks, or None when one is empty."""
    ends = [mark.start() for mark in run[1:]] + [len(text)]
    items = [text[mark.end() : end].strip() for mark, end in zip(run, ends, strict=True)]
    return items if all(items) else None


def split_inline_lists(tree: list[dict[str, Any]]) -> None:
    """Split, at any depth, each criterion whose text holds a run (see the Choices); the
    items split off are looked at in turn."""
    at = 0
    while at < len(tree):
        node = tree[at]
        run, lost_first = _run(node["text"])
        items = _items(node["text"], run) if run else None
        before = node["text"][: run[0].start()].rstrip() if run else ""
        if items is not None and lost_first:
            if not node["children"]:  # the first item and the others, beside each other
                tree[at : at + 1] = [{"text": text, "children": []} for text in [before, *items]]
            at += 1
            continue
        if items is not None and not before and not node["children"]:
            tree[at : at + 1] = [{"text": item, "children": []} for item in items]
            continue  # (the first item is looked at next)
        if items is not None and before.endswith(_LEADS):
            node["text"] = before
            node["children"][:0] = [{"text": item, "children": []} for item in items]
        split_inline_lists(node["children"])
        at += 1
