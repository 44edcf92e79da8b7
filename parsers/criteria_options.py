"""The options of a criterion listed beside it: "* Poorly controlled asthma (defined as one or
more of the following criteria:" followed by "* Asthma Control Test Score ≤19, or", "* Use
of rescue inhaler …, or", "* ED/hospital visit … in past six months" at its own level (the
registry's Markdown lost the nesting, or the sponsor never wrote it).

Choices:

- A criterion ending with a colon that names "the following", with no items of its own, is
  the parent of the items after it that run on as one list: each ends with ";" or ",", or
  with "or" or "and" after a word ("…, or", "…; and", "… or"), and at least one with "or"
  or "and"; the first item after them, which ends the list, is its last option.
- Items that end otherwise, notes and items with sub-items of their own stop the run (the
  last option has none either: else there is no list); a run with no item ending in "or" or
  "and" is no list: "* Age ≥ 18;" and "* ECOG 0-1;" after "… must have the following:" stay
  where they are.
"""

from __future__ import annotations

import re
from typing import Any

#: A criterion that announces a list ("… one or more of the following criteria:").
_ANNOUNCES = re.compile(r"\bfollowing\b[^:]*:$", re.IGNORECASE)
#: An item's end that runs on to the next option.
_RUNS_ON = re.compile(r"(?:[;,]|\S[ \t]+(?:or|and))$", re.IGNORECASE)
_JOINED = re.compile(r"\b(?:or|and)$", re.IGNORECASE)


def nest_options(tree: list[dict[str, Any]]) -> None:
    """Move the options listed beside the criterion announcing them under it, at every depth
    of the tree (in place)."""
    at = 0
    while at < len(tree):
        node = tree[at]
        if node["children"]:
            nest_options(node["children"])
        elif not node.get("note") and _ANNOUNCES.search(node["text"].rstrip()):
            end = _run_end(tree, at + 1)
            if end is not None:
                node["children"] = tree[at + 1 : end + 1]
                del tree[at + 1 : end + 1]
        at += 1


def _run_end(tree: list[dict[str, Any]], start: int) -> int | None:
    """The index of the last option of a run starting at tree[start], or None when there is
    no such run."""
    joined = False
    at = start
    while at < len(tree):
        node = tree[at]
        text = node["text"].rstrip()
        if node.get("note"):
            return None
        if node["children"] or not _RUNS_ON.search(text):
            break
        joined = joined or _JOINED.search(text) is not None
        at += 1
    if (not joined or at >= len(tree) or tree[at].get("note") or tree[at]["children"]
            or at == start):
        return None
    return at
