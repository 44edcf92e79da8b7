"""Search-match highlighting: a Marker that styles the query's words in trial text."""

from __future__ import annotations

from rich.text import Text

from store import TrialStore
from store.search import QueryError, parse_query

from .report_view import Marker, plain

MATCH_STYLE = "bold reverse"  # visible in 256 colours and in NO_COLOR's monochrome alike


def marker_for(store: TrialStore | None, query: str) -> Marker:
    """A Marker for the query's words, prefixes and phrases (plain when there are none)."""
    if store is None or not query.strip():
        return plain
    try:
        parsed = parse_query(query, prefix_last=True)
    except QueryError:
        return plain
    if parsed.root is None:
        return plain
    index = store.index

    def mark(value: str) -> Text:
        text = Text(value)
        for start, end in index.text_highlights(parsed, value):
            text.stylize(MATCH_STYLE, start, end)
        return text

    return mark
