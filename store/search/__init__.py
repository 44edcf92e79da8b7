"""The query language of the store: parsing, text folding and highlighting.

    from store.search import QueryError, parse_query, SORTS

    parse_query('condition:als "stem cell" -placebo')   # a Query (syntax tree), or QueryError
    parse_query("stem ce", prefix_last=True)            # search as you type

A malformed query raises QueryError (a ValueError) with .position and a message saying what is
wrong and where; nothing else is raised for any query text. Queries run in the store's search
index (store.engine.TrialIndex), which analyses records with this package's text module, so
that index terms are exactly the words a query produces.

Modules: text (tokenizing, folding, the searchable strings of a record), query (parser and
syntax tree), highlight (match spans in a record or any text).
"""

from store.engine.schema import SORTS

from .query import (
    FIELD_EXAMPLES,
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
    operators_upper,
    parse_query,
)
from .text import fold, tokenize

__all__ = [
    "FIELDS",
    "FIELD_EXAMPLES",
    "SORTS",
    "And",
    "Filter",
    "IdTerm",
    "Node",
    "Not",
    "Or",
    "Query",
    "QueryError",
    "Range",
    "Text",
    "fold",
    "operators_upper",
    "parse_query",
    "tokenize",
]
