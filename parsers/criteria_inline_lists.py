"""Lists marked with roman numerals or letters written on one line ("… any of the following:
i. A ii. B iii. C", "… with the following exceptions: a. alopecia; b. …; c. …"): a
criterion's text split into its items once the tree is built (``criteria.sections``; lists
numbered 1, 2, 3 are criteria_runs').

Choices:

- A run is marks in sequence from the first, roman numerals ("i", "ii", "iii", "iv", …) or
  letters ("a", "b", "c", …), at least three, each at a word's start (after a space, or the
  text's start), written the same way ("i." … "ii.", "a)" … "b)", "(i)" … "(ii)"; in one
  case; a full stop after the ")" is no other way: "(a). … (b). … (c) …") and followed by a
  space. Of a text's runs, the one that starts first is split (its
  items may hold a run of the other kind: "a. … the following: i) … ii) … iii) … b. …" is
  split at the letters, then the first item at its numerals). A run ends where a list of
  its own starts (its first mark again: "… any of: i. P ii. Q iii. R"). Two marks ("either:
  i) … or ii) …": two alternatives) and "i.e." are no run; nor is a letter or numeral that
  belongs to the words before it ("vitamin d.", "hepatitis B.", "see section (c)", "Stage
  III.", "Stage I or II."), or a unit after a number ("within 7 d.", "24 h."). Two marks
  are a run when each item holds a run of its own ("a. At rest: i. … iv. … b. At exercise:
  i. … iii. …").
- A run at the text's start ("i. Orthopnea ii. Pulmonary rales iii. …") is a list of
  criteria beside each other: its items take the criterion's place (a criterion with
  sub-criteria of its own is left whole: which of the items they belong to is not written);
  after a criterion ending with a colon and without sub-criteria ("At least one of the
  following:"), they are that criterion's sub-criteria (alternatives it announces, not
  criteria of their own).
- A run from the second mark after a first item that ends with ";" or "." ("aged 18-55
  years; ii) otherwise healthy …; iii) able to give informed consent.": the first item's
  mark was lost, or read as the heading's) is split too, three items or more: the text
  before it and its items are criteria beside each other; not when that text holds a
  lead-in's colon ("… unless the following conditions are met: … B. … C. …": the list of
  an exception, not criteria of their own).
- A run after a sentence's end or a colon ("… defined as: i. Postmenopausal … ii. …",
  "… the following; a. … b. …") is the list of the text before it: that text keeps its
  place, and the items become its first sub-criteria, before those it had. A run inside a
  sentence ("… a (i) pacemaker, (ii) defibrillator or (iii) …") is left as written.
- The items' texts are the text between the marks, trimmed; the marks are removed.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

#: The roman numerals of a run, in order (a list longer than twenty is not met in criteria).
_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
             "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx")
_ROMAN = {numeral: index for index, numeral in enumerate(_NUMERALS)}
_LETTER = {chr(code): code - ord("a") for code in range(ord("a"), ord("z") + 1)}
#: A mark at a word's start, followed by a space: a numeral or a letter, with its brackets
#: (a full stop after its ")" is no other style: "(a). … (b). …").
_MARK = re.compile(r"(?<!\S)(?P<open>\(?)(?P<mark>[ivx]{1,5}|[IVX]{1,5}|[a-zA-Z])(?P<close>[.)])"
                   r"(?:(?<=\))\.)?(?=\s)")
#: What the text before a run ends with when the run is its list.
_LEADS = (":", ";", ".")
#: What the first item ends with when a run from the second mark goes on it.
_LOST_ENDS = (";", ".")
#: A colon ending a lead-in ("… are met: …"; not a ratio's "PaO2 : FIO2").
_LEAD_IN = re.compile(r"\S:\s")
#: Fewest items of a run.
_MIN_RUN = 3
#: What a naming word names ("I", "IV", "B", "2", "3a"), before "or"/"and"/"to" and the next.
_NAME_PART = re.compile(r"[ivx]{1,5}|[a-z]|\d{1,2}[a-z]?")
#: Letters that are units after a number ("within 7 d.", "24 h.", "6 m."), not marks.
_UNITS = frozenset("dhmsylgw")
#: Words a letter or numeral after them belongs to ("vitamin D.", "Stage III.", "see (b)").
_NAMING_WORDS = frozenset({
    "vitamin", "hepatitis", "influenza", "type", "types", "grade", "grades", "stage", "stages",
    "class", "classes", "group", "groups", "part", "parts", "cohort", "cohorts", "arm", "arms",
    "phase", "phases", "level", "levels", "category", "categories", "appendix", "annex",
    "section", "sections", "table", "figure", "schedule", "list", "factor", "protein", "see",
    "dr", "mr", "mrs", "ms", "prof", "blood", "zone", "item", "items", "criterion", "step",
})


def _runs_of(marks: list[re.Match[str]], values: dict[str, int],
             first: int = 0, least: int = _MIN_RUN) -> list[re.Match[str]]:
    """The marks of the first run from the value first, of least - first marks or more,
    whose values are values', or []."""
    for at, opening in enumerate(marks):
        if values.get(opening["mark"].lower()) != first:
            continue
        style = (opening["open"], opening["close"], opening["mark"].islower())
        run = [opening]
        for mark in marks[at + 1 :]:
            if (mark["open"], mark["close"], mark["mark"].islower()) != style:
                continue
            value = values.get(mark["mark"].lower())
            if value == 0:
                break  # a list of its own starts ("… any of: i. P ii. Q iii. R")
            if value == first + len(run):
                run.append(mark)
        if first + len(run) >= least:
            return run
    return []


class _Split(NamedTuple):
    """Where a text's run starts, its items' texts, and whether it goes on a first item that
    lost its mark (the text before it)."""

    start: int
    items: list[str]
    lost_first: bool


def _split(text: str) -> _Split | None:
    """The run of text that starts first (see the Choices), or None."""
    if "." not in text and ")" not in text:
        return None  # (no mark: most texts, looked at cheaply)
    marks = [match for match in _MARK.finditer(text)
             if not (match["open"] and match["close"] == ".")  # "i." "i)" "(i)", not "(i."
             and not _names(text[: match.start()], match["mark"])]
    found = [_Split(run[0].start(), items, False)
             for run in (_runs_of(marks, _ROMAN), _runs_of(marks, _LETTER))
             if run and (items := _items(text, run)) is not None]
    found += [_Split(pair[0].start(), items, False) for values in (_LETTER, _ROMAN)
              if len(pair := _runs_of(marks, values, least=2)) == 2
              and (items := _items(text, pair)) is not None
              and all(_holds_run(item) for item in items)]
    if not found:
        found = [_Split(run[0].start(), items, True) for values in (_ROMAN, _LETTER)
                 if (run := _runs_of(marks, values, first=1))
                 and (items := _items(text, run)) is not None
                 and text[: run[0].start()].rstrip().endswith(_LOST_ENDS)
                 and _LEAD_IN.search(text[: run[0].start()]) is None  # (its list's first item)
                 and _runs_of(marks[: marks.index(run[0])], values, first=0) == []]
    return min(found, key=lambda split: split.start) if found else None


def _holds_run(text: str) -> bool:
    """Whether text holds a run of its own (not one going on a lost first item)."""
    split = _split(text)
    return split is not None and not split.lost_first


def _names(before: str, mark: str) -> bool:
    """Whether the words before a mark make the mark part of a name or a quantity ("vitamin
    d.", "hepatitis B.", "section (e)", "Stage III.", "Stage I or II.", "within 7 d."): no
    list's mark."""
    written = before.split()[-3:]
    if not written:
        return False  # (the text's start)
    if written[-1][-1] in ";,:.)":
        return False  # the item before ends there ("… history of hepatitis; iii) …")
    words = [word.lstrip("([").lower() for word in written]
    return ((written[-1][-1].isdigit() and mark in _UNITS) or words[-1] in _NAMING_WORDS
            or (len(words) == 3 and words[2] in ("or", "and", "to")  # "Stage I or II."
                and _NAME_PART.fullmatch(words[1]) is not None and words[0] in _NAMING_WORDS))


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
        split = _split(node["text"])
        before = node["text"][: split.start].rstrip() if split is not None else ""
        if split is not None and (split.lost_first or not before) and not node["children"]:
            nodes: list[dict[str, Any]] = [
                {"text": text, "children": []}
                for text in ([before, *split.items] if split.lost_first else split.items)]
            lead_in = tree[at - 1] if at else None
            if (lead_in is not None and not lead_in["children"]
                    and lead_in["text"].rstrip().endswith(":")):
                lead_in["children"][:] = nodes  # "… at least one of the following:" above
                del tree[at]
                split_inline_lists(nodes)
                continue
            tree[at : at + 1] = nodes
            if split.lost_first:
                at += len(nodes)
            continue  # (the first item is looked at next)
        if split is not None and not split.lost_first and before.endswith(_LEADS):
            node["text"] = before
            node["children"][:0] = [{"text": item, "children": []} for item in split.items]
        split_inline_lists(node["children"])
        at += 1
