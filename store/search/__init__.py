"""Full-text search over trial records: the query language, an inverted index, highlighting.

    from store.search import SearchIndex, parse_query, QueryError

    index = SearchIndex(record_loader=records.get)      # loader: for phrase adjacency checks
    index.add(records.values())                          # add or replace by record["id"]
    hits = index.search('condition:als "stem cell" -placebo', limit=50)   # [Hit(id, score)]
    index.highlights(query, record)                      # {"title": [(0, 10)], ...}
    data = index.to_bytes(); index = SearchIndex.from_bytes(data)

See DESIGN.md "Query language" and the module docs of index, engine and query.
"""

from .index import SORTS, Hit, SearchIndex
from .query import (
    FIELDS,
    And,
    Filter,
    IdTerm,
    Node,
    Not,
    Or,
    Query,
    QueryError,
    Range,
    Text,
    parse_query,
)
from .text import fold, tokenize

__all__ = [
    "FIELDS",
    "SORTS",
    "And",
    "Filter",
    "Hit",
    "IdTerm",
    "Node",
    "Not",
    "Or",
    "Query",
    "QueryError",
    "Range",
    "SearchIndex",
    "Text",
    "fold",
    "parse_query",
    "tokenize",
]
