"""Match spans: where the words, prefixes and phrases of a query occur in a record or a text."""

from __future__ import annotations

from typing import Any

from .query import And, IdTerm, Node, Or, Query, Text
from .text import SCOPED_ONLY, SCOPES, record_strings, sequence_starts, tokenize

Span = tuple[int, int]


def positive_leaves(node: Node | None) -> list[Text | IdTerm]:
    """The word, phrase and id terms of a query that are not excluded (outside NOT)."""
    out: list[Text | IdTerm] = []
    stack: list[Node] = [] if node is None else [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Text | IdTerm):
            out.append(item)
        elif isinstance(item, And | Or):
            stack.extend(reversed(item.items))
        # Not: excluded words are not highlighted; Filter, Range: nothing to show in text.
    return out


def record_highlights(query: Query, record: dict[str, Any]) -> dict[str, list[Span]]:
    """Field path → sorted, non-overlapping spans of the query's matches in the record."""
    leaves = positive_leaves(query.root)
    out: dict[str, list[Span]] = {}
    if not leaves:
        return out
    for path, text, kind in record_strings(record):
        spans = _spans(leaves, text, kind)
        if spans:
            out[path] = spans
    return out


def spans_in_text(query: Query, text: str) -> list[Span]:
    """Sorted, non-overlapping spans of the query's matches in any text (fields ignored)."""
    leaves = positive_leaves(query.root)
    return _spans(leaves, text, None) if leaves else []


def _spans(leaves: list[Text | IdTerm], text: str, kind: str | None) -> list[Span]:
    tokens: list[tuple[str, int, int]] | None = None
    found: list[Span] = []
    for leaf in leaves:
        if isinstance(leaf, IdTerm):
            if kind not in (None, "id"):
                continue
            sequence, prefix = tuple(leaf.value.split(" ")), False
        else:
            if kind is not None and (kind not in SCOPES[leaf.field] if leaf.field is not None
                                     else kind in SCOPED_ONLY):
                continue
            sequence, prefix = leaf.words, leaf.prefix
        if tokens is None:
            tokens = tokenize(text)
            folded = [word for word, _, _ in tokens]
        for start in sequence_starts(folded, sequence, prefix):
            found.append((tokens[start][1], tokens[start + len(sequence) - 1][2]))
    return _merge(found)


def _merge(spans: list[Span]) -> list[Span]:
    """Sort spans and join those that overlap."""
    spans.sort()
    merged: list[Span] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
