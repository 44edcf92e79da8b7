"""Eligibility criteria of two versions, aligned as the compare view aligns two trials.

Each version's criteria tree ({text, children}) is flattened into its criteria in page order
(a parent, then its children), so that a child added under a parent counts as one criterion.
Identical texts pair up first (an unchanged criterion is never reported, wherever it moved);
the rest go through store.compare.align, the compare view's alignment (rapidfuzz similarity,
optimal pairs above its THRESHOLD): a pair is a criterion reworded ("changed", old text → new
text), an unpaired one was added or removed.

Criteria lists are short; a pathological section (more than MAX_FUZZY_PAIRS pairs of
unmatched criteria to score) is not aligned: its unmatched criteria are reported removed and
added, so that one odd record cannot stall a sync of thousands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from .change import Change

#: Above this many (removed × added) candidate pairs, a section is not fuzzily aligned.
MAX_FUZZY_PAIRS = 10_000


def _texts(nodes: Any, notes: bool) -> Iterator[str]:
    for node in nodes if isinstance(nodes, list) else ():
        if isinstance(node, str):
            if not notes:
                yield node
        elif isinstance(node, dict):
            if isinstance(node.get("text"), str) and bool(node.get("note")) == notes:
                yield node["text"]
            yield from _texts(node.get("children"), notes)


def flatten(nodes: Any, *, notes: bool = False) -> list[str]:
    """Every criterion's text in a tree of {text, children} nodes (or bare strings), in page
    order: a parent before its children. Notes (``note: true``: they state no criterion) are
    left out, or with notes=True they alone are listed."""
    return list(_texts(nodes, notes))


#: The path of a section's notes' changes: "eligibility.exclusion" + NOTES.
NOTES = ".notes"


def _left_over(texts: Sequence[str], others: Sequence[str]) -> list[str]:
    """The texts of one version that the other does not hold (as multisets), in order."""
    counts = Counter(others)
    left = []
    for text in texts:
        if counts[text]:
            counts[text] -= 1
        else:
            left.append(text)
    return left


def diff_criteria(path: str, old_tree: Any, new_tree: Any) -> list[Change]:
    """The criteria added, removed and reworded between two versions of a section: changed
    and added ones in the new version's order, then removed ones in the old one's; then its
    notes' changes, the same way, under path + NOTES (a note is no criterion: "2 exclusion
    criteria added" counts criteria only)."""
    return (_diff_texts(path, flatten(old_tree), flatten(new_tree))
            + _diff_texts(path + NOTES, flatten(old_tree, notes=True),
                          flatten(new_tree, notes=True)))


def _diff_texts(path: str, old: list[str], new: list[str]) -> list[Change]:
    removed, added = _left_over(old, new), _left_over(new, old)
    reworded: dict[int, str] = {}  # index in added → the old text it rewords
    if removed and added and len(removed) * len(added) <= MAX_FUZZY_PAIRS:
        # Nodes, one object per criterion, so that a row's cells lead back to their index.
        before = [{"text": text, "children": []} for text in removed]
        after = [{"text": text, "children": []} for text in added]
        where = {id(node): index for index, node in enumerate(after)}
        # (imported here: the compare package, rapidfuzz with it, loads when first needed,
        # not with every module that reads versions, the browser's start among them)
        from store.compare import align

        for row in align([before, after]):
            old_cell, new_cell = row.cells
            if isinstance(old_cell, dict) and new_cell is not None:
                reworded[where[id(new_cell)]] = old_cell["text"]
    changes = [
        Change(path, "changed", reworded[index], text)
        if index in reworded
        else Change(path, "added", None, text)
        for index, text in enumerate(added)
    ]
    taken = Counter(reworded.values())
    for text in removed:
        if taken[text]:
            taken[text] -= 1
        else:
            changes.append(Change(path, "removed", text, None))
    return changes
