"""A criterion's text: what it is matched on, and how it reads (its children included); a
section's criteria without its notes, and the notes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Criterion = dict[str, Any]
#: What align() accepts for one criterion: a {text, children} node, or a bare string.
Item = Criterion | str


def _as_node(item: Item) -> Criterion:
    return {"text": item, "children": []} if isinstance(item, str) else item


def _descendant_texts(node: Criterion) -> Iterator[str]:
    for child in node.get("children") or []:
        yield child["text"]
        yield from _descendant_texts(child)


def match_text(item: Item) -> str:
    """The text a criterion is matched on: its own text followed by its children's."""
    node = _as_node(item)
    return " ".join([node["text"], *_descendant_texts(node)])


def criterion_text(item: Item, depth: int = 0) -> str:
    """A criterion as readable text: the children follow on their own lines,
    as "  - child" (two more spaces per level of nesting)."""
    node = _as_node(item)
    lines = [node["text"]]
    for child in node.get("children") or []:
        child_text = criterion_text(child, depth + 1)
        lines.append(f"{'  ' * (depth + 1)}- {child_text}")
    return "\n".join(lines)


def without_notes(criteria: list[Criterion]) -> list[Criterion]:
    """A section's criteria without its notes (``note: true``: "Other protocol-defined
    criteria may apply", "Key Inclusion Criteria"), at any depth: a note states no criterion,
    so it is neither aligned nor matched on. Nodes that hold no note are the very objects."""
    kept: list[Criterion] = []
    for node in criteria:
        if node.get("note"):
            kept += without_notes(node.get("children") or [])
            continue
        children = node.get("children") or []
        lean = without_notes(children)
        kept.append(node if len(lean) == len(children) and all(
            a is b for a, b in zip(lean, children, strict=True)) else {**node, "children": lean})
    return kept


def notes_of(criteria: list[Criterion]) -> list[str]:
    """The texts of a section's notes, at any depth, in page order."""
    notes: list[str] = []
    for node in criteria:
        if node.get("note"):
            notes.append(node["text"])
        notes += notes_of(node.get("children") or [])
    return notes
