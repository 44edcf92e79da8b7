"""Full-text search over trial records: the query language, an inverted index, highlighting.

    from store.search import SearchIndex, QueryError, parse_query

    index = SearchIndex()
    index.add(records)                      # add or replace, by record["id"]
    index.remove(["NCT02249676"])
    hits = index.search('condition:als "stem cell" -placebo', limit=50)    # [Hit(id, score)]
    hits = index.search("stem ce", prefix_last=True)   # search as you type
    hits = index.search("", sort="-enrollment")       # every trial, by a list column
    index.count("phase:2 status:recruiting")         # number of matches, nothing ranked
    index.columns("NCT02249676")            # list columns without the full record
    index.facets(ids)                       # {"status": {...}, "phase": {...}, "study_type": {...}}
    index.highlights(query, record)         # {"title": [(0, 10)], "conditions.2": [...], ...}
    index.text_highlights(query, text)      # [(start, end), ...] in any text (the Source tab)
    data = index.to_bytes(); index = SearchIndex.from_bytes(data)    # ValueError if unusable

A malformed query raises QueryError (a ValueError) with .position and a message saying what is
wrong and where; nothing else is raised for any query text. search() and highlights() take
the query text or a Query from parse_query() (then prefix_last is the Query's own).

Modules: text (tokenizing, folding, the searchable strings of a record), query (parser and
syntax tree), analysis (what the index keeps of a record), index (SearchIndex: postings,
columns, persistence), columns (list-column values and sorts), index_format (the saved bytes),
engine (evaluation), reader (what evaluation reads of an index), highlight (match spans),
terms (packed term list). Imports go one way: index uses engine; engine reads an index only
through reader's protocol.

Design in brief (details in the module docs):

- Postings: per term, document numbers (array('I')) and one-byte BM25F impacts, in flat
  arrays; records added since the last merge sit in a small delta; removed records are masked
  until compaction. Ranking is BM25 (k1 1.2, b 0.75) over field-weighted term frequencies (ids
  12, titles 8, conditions and keywords 5, interventions 4, sponsor 3, summary 2, arms 1.5,
  criteria 1.2, description 1) with one length normalisation; a query whose whole text is a
  trial id (or an acronym) puts that trial first.
- Phrases: each record's words are also kept in order as 3-byte hashes (about 1.5 KB per 4 KB
  record); a phrase is checked with bytes.find of its hash sequence within one field value,
  without reading the record. No record loader is needed.
- Filters (status, phase, type, sex, age, enrollment, year, id:) are byte masks over document
  numbers; words and phrases are scored lists; see engine.
- A prefix stands for every term that starts with it (all of them: no match is dropped);
  their postings are one run of the flat arrays, merged in one pass.
- Not thread-safe for writes during searches: the owner serialises add/remove with reads.
"""

from .columns import SORTS
from .index import Hit, SearchIndex
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
