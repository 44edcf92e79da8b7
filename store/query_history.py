"""The browser's query history in the user's state (store.user_state): the queries searched,
oldest first, newest last, each once (searching a query again moves it to the end), at most
MAX_QUERIES: when one more is remembered, the oldest is dropped."""

from __future__ import annotations

from .user_state import Doc, section

#: Queries kept; the oldest are dropped beyond it.
MAX_QUERIES = 500


def remember(doc: Doc, text: str) -> None:
    """Add a query as the newest (moving it there when it is already kept); blank text is
    not remembered."""
    text = text.strip()
    if not text:
        return
    queries = [query for query in section(doc, "queries") if query != text]
    queries.append(text)
    doc["queries"] = queries[-MAX_QUERIES:]


def history(doc: Doc) -> list[str]:
    """The queries kept, oldest first."""
    return [query for query in section(doc, "queries") if isinstance(query, str)]
