"""The query language's syntax tree (store.search.query) → tantivy queries.

- A word: a should over its scope's words fields of boosted term queries (BM25 per field,
  weighted, summed).
- A phrase: a phrase query per field (boosted, should); tantivy never matches a phrase
  across two values of a field.
- A prefix of at most PREFIX_LEN letters (SCOPED_PREFIX_LEN in a field scope): one term of
  the prefix field (every record holding a word that starts with it), scored by BM25 of
  that term plus, weighted as titles, BM25 of the number of words of the record's ids,
  titles, conditions, keywords and interventions that start with it (field pfh). A longer
  prefix: every completion in the term dictionary of each field (terms_with_prefix), each a
  BM25 term query. Either way every completion matches and counts are exact (no cap); a
  short prefix is also scored as the whole word it may be (so "hepatitis c" ranks the
  trials of hepatitis C first, as the finished word would);
  prefix_alternatives ("studi" → "study") are words of their own. The terms form one flat
  should, which tantivy ranks with block-max WAND.
- A phrase ending in a prefix: a regex phrase query per field; when tantivy refuses it (too
  many expansions), the phrase of the leading words AND the prefix word (Translator with
  phrase_fallback=True, see TrialIndex). While typing (prefix_last), a phrase whose last
  word is one or two letters so far ("covid-1", `"heart fa`) is matched that way too:
  expanding them in every position of every field costs 0.1 to a few tenths of a second at
  600,000 trials, and the next keystrokes make it exact again.
- Filters, ranges and id: match with score 0; NOT: must_not; OR: should; AND: must.
- The whole query being a trial id (or an acronym) adds ID_BOOST (ACRONYM_BOOST).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import tantivy

from store.search.query import (
    And,
    Filter,
    IdTerm,
    KeyTerm,
    Near,
    Node,
    Not,
    Or,
    Query,
    QueryError,
    Range,
    Text,
)
from store.search.text import prefix_alternatives

from .schema import (
    FIELD_WEIGHTS,
    FILTER_FIELDS,
    KEY_FIELD_TERMS,
    META_TERM,
    PREFIX_LEN,
    SCOPE_FIELDS,
    SCOPE_PREFIX,
    SCOPED_PREFIX_LEN,
)

Q = tantivy.Query
MUST, SHOULD, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
Clause = tuple[tantivy.Occur, tantivy.Query]

#: While typing, a phrase whose last word has fewer letters than this is matched as its
#: leading words AND that prefix (cheap), not as a phrase (exact from this length on).
TYPED_EXACT = 3
ID_BOOST = 1_000_000.0
ACRONYM_BOOST = 100_000.0
#: Weight of the titles' prefix term (field pfh) in a prefix's score.
PREFIX_TITLE_WEIGHT = 8.0


def ranks(node: Node | None) -> bool:
    """Does node hold words or phrases outside NOT (something to rank by)?"""
    if isinstance(node, Text):
        return True
    if isinstance(node, And | Or):
        return any(ranks(item) for item in node.items)
    return False


def zero(query: tantivy.Query) -> tantivy.Query:
    """Matches as query does, adds nothing to the score."""
    return Q.const_score_query(query, 0.0)


class Translator:
    """Translates one query against one searcher (prefix expansions read its dictionaries)."""

    def __init__(
        self, schema: tantivy.Schema, searcher: tantivy.Searcher, *, phrase_fallback: bool = False,
        near: Callable[[Near], dict[str, float]] | None = None,
    ) -> None:
        self.schema = schema
        self.searcher = searcher
        self.phrase_fallback = phrase_fallback
        self.near = near
        self.typing = False

    def trials(self) -> tantivy.Query:
        """Every trial (not the metadata document), score 0."""
        return zero(
            Q.boolean_query(
                [(MUST, Q.all_query()), (MUST_NOT, Q.term_query(self.schema, "meta", META_TERM))]
            )
        )

    def whole(self, parsed: Query) -> tantivy.Query:
        """The query of a parsed query, with the exact id / acronym boost."""
        self.typing = parsed.prefix_last
        if parsed.root is None:
            return self.trials()
        query = self.node(parsed.root)
        whole_key = parsed.whole_key() if ranks(parsed.root) else None
        if not whole_key:
            return query
        # Only when some trial has that id or acronym: the boost's must / should would keep
        # tantivy from skipping documents that cannot make the best ones (block-max WAND).
        s = self.schema
        # An id holds a digit: a word of a secondary id ("Omalizumab proyect") is no exact id.
        fields = (("idkey", ID_BOOST), ("acrkey", ACRONYM_BOOST)) if any(
            char.isdigit() for char in whole_key) else (("acrkey", ACRONYM_BOOST),)
        clauses: list[Clause] = [
            (SHOULD, Q.const_score_query(Q.term_query(s, field, whole_key), boost))
            for field, boost in fields
            if self.searcher.doc_freq(field, whole_key)
        ]
        if not clauses:
            return query
        return Q.boolean_query([(MUST, query), *clauses])

    def node(self, node: Node) -> tantivy.Query:
        s = self.schema
        if isinstance(node, Text):
            return self.text(node)
        if isinstance(node, IdTerm):
            return zero(Q.term_query(s, "idkey", node.value))
        if isinstance(node, KeyTerm):
            return zero(self.key_term(node))
        if isinstance(node, Near):
            if self.near is None:
                raise QueryError("near: is not available here", node.start)
            ids = sorted(self.near(node))
            return zero(Q.term_set_query(s, "id", ids)) if ids else Q.empty_query()
        if isinstance(node, Filter) and node.mode == "unstated":
            return self.unstated(node.field)
        if isinstance(node, Filter):
            field = FILTER_FIELDS[node.field]
            terms = [Q.term_query(s, field, value) for value in node.values]
            if len(terms) == 1:
                return zero(terms[0])
            occur = MUST if node.mode == "all" else SHOULD
            return zero(Q.boolean_query([(occur, term) for term in terms]))
        if isinstance(node, Range):
            return zero(self.range(node))
        if isinstance(node, Not):
            return Q.boolean_query([(MUST, self.trials()), (MUST_NOT, self.node(node.item))])
        if isinstance(node, And):
            clauses: list[Clause] = []
            for item in node.items:
                if isinstance(item, Not):
                    clauses.append((MUST_NOT, self.node(item.item)))
                else:
                    clauses.append((MUST, self.node(item)))
            if all(occur == MUST_NOT for occur, _ in clauses):
                clauses.append((MUST, self.trials()))
            return Q.boolean_query(clauses)
        if isinstance(node, Or):
            return Q.boolean_query([(SHOULD, self.node(item)) for item in node.items])
        raise TypeError(f"not a query node: {node!r}")

    def unstated(self, name: str) -> tantivy.Query:
        """The trials with no value of a filter or key field: none of the field's terms."""
        field = FILTER_FIELDS.get(name) or KEY_FIELD_TERMS[name]
        terms = [term for term, _ in self.searcher.terms_with_prefix(field, "")]
        if not terms:
            return self.trials()
        return zero(Q.boolean_query([(MUST, self.trials()),
                                     (MUST_NOT, Q.term_set_query(self.schema, field, terms))]))

    def key_term(self, node: KeyTerm) -> tantivy.Query:
        """The value, or while typing every value that starts with it."""
        field = KEY_FIELD_TERMS[node.field]
        if not node.prefix:
            return Q.term_query(self.schema, field, node.value)
        terms = [term for term, _ in self.searcher.terms_with_prefix(field, node.value)]
        return Q.term_set_query(self.schema, field, terms) if terms else Q.empty_query()

    def range(self, node: Range) -> tantivy.Query:
        s = self.schema
        if node.field == "age":
            value = node.value
            floats = tantivy.FieldType.Float
            old_enough = Q.range_query(s, "min_age", floats, None, value + 1e-6)
            young_enough = Q.range_query(s, "max_age", floats, value - 1e-6, None)
            return Q.boolean_query([(MUST, old_enough), (MUST, young_enough)])
        field = node.field  # enrollment (i64) or year (u64)
        kind = tantivy.FieldType.Integer if field == "enrollment" else tantivy.FieldType.Unsigned
        value = int(node.value)
        low: int | None
        high: int | None
        low, high, include_low, include_high = {
            "=": (value, value, True, True),
            ">": (value, None, False, True),
            ">=": (value, None, True, True),
            "<": (None, value, True, False),
            "<=": (None, value, True, True),
        }[node.op]
        if kind == tantivy.FieldType.Unsigned and high is not None and high < 0:
            return Q.empty_query()
        if low is None and high is None:
            return Q.exists_query(field)
        return Q.range_query(s, field, kind, low, high, include_low, include_high)

    # --- words ---------------------------------------------------------------------------

    def text(self, node: Text) -> tantivy.Query:
        fields = SCOPE_FIELDS[node.field]
        if not node.is_phrase:
            if node.prefix:
                return self.prefix(node.words[0], node.field)
            return self.word(node.words[0], fields)
        if node.prefix:
            if self.phrase_fallback or (self.typing and len(node.words[-1]) < TYPED_EXACT):
                leading = Text(node.words[:-1], node.field)
                last = Text(node.words[-1:], node.field, prefix=True)
                return self.node(And((leading, last)))
            return self.prefix_phrase(node, fields)
        return Q.boolean_query(
            [
                (SHOULD, Q.boost_query(Q.phrase_query(self.schema, f, list(node.words)),
                                       FIELD_WEIGHTS[f]))
                for f in fields
            ]
        )

    def word(self, word: str, fields: tuple[str, ...]) -> tantivy.Query:
        s = self.schema
        return Q.boolean_query(
            [
                (SHOULD, Q.boost_query(Q.term_query(s, f, word, "freq"), FIELD_WEIGHTS[f]))
                for f in fields
            ]
        )

    def prefix_phrase(self, node: Text, fields: tuple[str, ...]) -> tantivy.Query:
        last = node.words[-1]
        pattern = "|".join([re.escape(last) + ".*", *map(re.escape, prefix_alternatives(last))])
        regexes: list[str | tuple[int, str]] = [re.escape(word) for word in node.words[:-1]]
        regexes.append(f"(?:{pattern})")
        return Q.boolean_query(
            [
                (SHOULD, Q.boost_query(Q.regex_phrase_query(self.schema, f, regexes),
                                       FIELD_WEIGHTS[f]))
                for f in fields
            ]
        )

    def prefix(self, word: str, scope: str | None) -> tantivy.Query:
        """A flat should of (boosted) term queries, so that tantivy ranks its best matches
        with block-max WAND without scoring every match."""
        fields = SCOPE_FIELDS[scope]
        s = self.schema
        short = len(word) <= (PREFIX_LEN if scope is None else SCOPED_PREFIX_LEN)
        # (a short prefix's records are found by the prefix field, which does not tell a
        # whole word from a longer one: the word itself is scored as a word is, so that
        # "hepatitis c" lists the trials of hepatitis C before those of "hepatitis B, chronic")
        whole = (word,) if short and (scope is None or scope in SCOPE_PREFIX) else ()
        clauses: list[Clause] = [
            (SHOULD, Q.boost_query(Q.term_query(s, f, alternative, "freq"), FIELD_WEIGHTS[f]))
            for alternative in (*whole, *prefix_alternatives(word))
            for f in fields
        ]
        if scope is None and len(word) <= PREFIX_LEN:
            # Records with a word starting so (scored by their length), plus the weighted
            # count of such words in their ids, titles, conditions and interventions.
            clauses.append((SHOULD, Q.term_query(s, "pfx", word, "basic")))
            titles = Q.term_query(s, "pfh", word, "freq")
            clauses.append((SHOULD, Q.boost_query(titles, PREFIX_TITLE_WEIGHT)))
        elif scope in SCOPE_PREFIX and len(word) <= SCOPED_PREFIX_LEN:
            namespace = SCOPE_PREFIX[scope]
            clauses.append((SHOULD, Q.term_query(s, "pfx", namespace + word, "basic")))
        else:
            clauses.extend(self.expanded_prefix(word, fields))
        if not clauses:
            return Q.empty_query()
        return Q.boolean_query(clauses)

    def expanded_prefix(self, word: str, fields: tuple[str, ...]) -> list[Clause]:
        """Every completion of word in each field, each a BM25 term query."""
        s = self.schema
        return [
            (SHOULD, Q.boost_query(Q.term_query(s, field, term, "freq"), FIELD_WEIGHTS[field]))
            for field in fields
            for term, _ in self.searcher.terms_with_prefix(field, word)
        ]
