"""The query language of DESIGN.md: words, "phrases", OR, -word / NOT, prefix*, fields.

Grammar (OR binds tighter than the implicit AND; - and NOT bind tighter than OR):

    query    := [clause (AND? clause)*]       all clauses must match (AND only between two)
    clause   := unary (OR unary)*
    unary    := ("-" | NOT) unary | primary
    primary  := "(" query ")" | "phrase" | field ":" value | word

A word that folds to several words ("covid-19", "2014-001234-56") is a phrase. A trailing "*"
makes the last word a prefix; with prefix_last the last bare word typed is one too, unless the
text ends in a space, and a quote still open at the end is closed there (the phrase being
typed). Every error is a QueryError with the 0-based position of its cause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .field_values import (
    _ALIASES,
    FIELD_EXAMPLES,
    FIELDS,
    TEXT_FIELDS,
    age_days,
    field_node,
    text_node,
)
from .nodes import (
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

__all__ = [
    "FIELDS",
    "FIELD_EXAMPLES",
    "TEXT_FIELDS",
    "And",
    "Filter",
    "IdTerm",
    "KeyTerm",
    "Near",
    "Node",
    "Not",
    "Or",
    "Query",
    "QueryError",
    "Range",
    "Text",
    "age_days",
    "operators_upper",
    "parse_query",
]


_MAX_DEPTH = 64

# --- lexer ------------------------------------------------------------------------------

_FIELD_RE = re.compile(r"([A-Za-z][A-Za-z_]*):")
_RADIUS_RE = re.compile(r"~[0-9.]*(?:km)?")


@dataclass(slots=True)
class _Lexeme:
    kind: str  # WORD, QUOTE, FIELD, OR, NOT, AND, NEG, LPAREN, RPAREN
    start: int
    end: int
    text: str = ""  # WORD: the word; QUOTE: inside the quotes; FIELD: the value
    name: str = ""  # FIELD: canonical field name
    value_start: int = 0
    quoted: bool = False
    open: bool = False  # a quote still open at the end, closed there while typing


def _lex(text: str, typing: bool = False) -> list[_Lexeme]:
    """The lexemes of text; typing (search as you type): a quote still open at the end is
    closed there ("heart fail → the phrase being typed)."""
    out: list[_Lexeme] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "(":
            out.append(_Lexeme("LPAREN", i, i + 1))
            i += 1
        elif c == ")":
            out.append(_Lexeme("RPAREN", i, i + 1))
            i += 1
        elif c == '"':
            close = text.find('"', i + 1)
            if close < 0 and not typing:
                raise QueryError(f"unclosed quote at column {i + 1}", i)
            stop = n if close < 0 else close + 1
            out.append(_Lexeme("QUOTE", i, stop, text[i + 1 : close if close >= 0 else n],
                               value_start=i + 1, open=close < 0))
            i = stop
        elif c == "-" and _negation(text, i):
            out.append(_Lexeme("NEG", i, i + 1))
            i += 1
        elif c == "-" and _spaced_negation(text, i, out):
            raise QueryError(
                f'"-" at column {i + 1} is followed by a space: to leave a word out, write it'
                ' right after the "-" (-placebo)', i)
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '"()':
                j += 1
            i = _word(text, i, j, out, typing)
    return out


def _negation(text: str, i: int) -> bool:
    """Whether the "-" at text[i] is the operator: "-word" at a word's start, or a "-" with
    nothing after it (an error: it needs a term); one between words ("Covid-19 - a study")
    is punctuation."""
    if i > 0 and not text[i - 1].isspace() and text[i - 1] != "(":
        return False
    after = text[i + 1 : i + 2]
    if after not in ("", ")") and not after.isspace():  # -word
        return True
    return text[i + 1 :].strip()[:1] in ("", ")")


def _spaced_negation(text: str, i: int, before: list[_Lexeme]) -> bool:
    """Whether the "-" at text[i] starts a clause but is followed by a space and a term
    ("- placebo"): meant as the operator, it would otherwise be punctuation, and ignored."""
    if i > 0 and not text[i - 1].isspace() and text[i - 1] != "(":
        return False
    if before and before[-1].kind not in ("OR", "AND", "NOT", "LPAREN"):
        return False  # between words: "Covid-19 - a study"
    term = text[i + 1 :].lstrip()[:1]
    return text[i + 1 : i + 2].isspace() and (term.isalnum() or term in ('"', "("))


def _word(text: str, start: int, end: int, out: list[_Lexeme], typing: bool = False) -> int:
    """Classify text[start:end] (operator, field or word), append it; return where to go on."""
    word = text[start:end]
    if word in ("OR", "NOT", "AND"):
        out.append(_Lexeme(word, start, end))
        return end
    match = _FIELD_RE.match(word)
    if match is None:
        out.append(_Lexeme("WORD", start, end, word))
        return end
    raw_name = match.group(1)
    name = raw_name.lower()
    name = _ALIASES.get(name, name)
    value = word[match.end() :]
    quoted_next = not value and end < len(text) and text[end] == '"'
    if name not in FIELDS:
        if quoted_next or (value and not value.startswith("/")):
            raise QueryError(
                f'unknown field "{raw_name}:" at column {start + 1} (fields: {", ".join(FIELDS)})',
                start,
            )
        out.append(_Lexeme("WORD", start, end, word))
        return end
    if quoted_next:
        close = text.find('"', end + 1)
        if close < 0 and not typing:
            raise QueryError(f"unclosed quote at column {end + 1}", end)
        still_open = close < 0
        if still_open:  # typing: closed at the end
            close = len(text)
        value, stop = text[end + 1 : close], min(close + 1, len(text))
        if name == "near" and (radius := _RADIUS_RE.match(text, stop)) is not None:
            # near:"Lyon, France"~25: the closing quote kept (a place ignores quotes), so
            # that the value's positions are the text's
            value, stop = value + '"' + radius.group(), radius.end()
        out.append(
            _Lexeme("FIELD", start, stop, value, name=name, value_start=end + 1, quoted=True,
                    open=still_open)
        )
        return stop
    if not value:
        raise QueryError(
            f"{raw_name}: needs a value at column {start + 1}, as in {FIELD_EXAMPLES[name]}", start
        )
    out.append(_Lexeme("FIELD", start, end, value, name=name, value_start=start + match.end()))
    return end




# --- parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, lexemes: list[_Lexeme], prefix_last: bool) -> None:
        self.text = text
        self.lex = lexemes
        self.pos = 0
        self.depth = 0
        # The lexeme that may become a prefix: the last one, when nothing follows it, not even
        # a space (the user is still typing that word).
        self.prefix_index = (
            len(lexemes) - 1 if prefix_last and lexemes and lexemes[-1].end == len(text) else -1
        )

    def peek(self) -> _Lexeme | None:
        return self.lex[self.pos] if self.pos < len(self.lex) else None

    def parse(self) -> Node | None:
        node = self.sequence()
        extra = self.peek()
        if extra is not None:  # only a ")" stops a sequence early
            raise QueryError(f'unmatched ")" at column {extra.start + 1}', extra.start)
        return node

    def sequence(self) -> Node | None:
        items: list[Node] = []
        terms = 0  # clauses read, even those without words ("-"): what an AND joins
        while True:
            lexeme = self.peek()
            if lexeme is None or lexeme.kind == "RPAREN":
                break
            if lexeme.kind in ("AND", "OR") and (lexeme.kind == "OR" or not terms):
                raise QueryError(
                    f"{lexeme.kind} at column {lexeme.start + 1} needs a term before it",
                    lexeme.start,
                )
            if lexeme.kind == "AND":
                self.pos += 1
                following = self.peek()
                if following is None or following.kind in ("OR", "RPAREN", "AND"):
                    raise QueryError(
                        f"AND at column {lexeme.start + 1} needs a term after it", lexeme.start
                    )
                continue
            terms += 1
            node = self.clause()
            if node is not None:
                items.append(node)
        return _combine(And, items)

    def clause(self) -> Node | None:
        items = [self.unary(False)]
        while (lexeme := self.peek()) is not None and lexeme.kind == "OR":
            self.pos += 1
            following = self.peek()
            if following is None or following.kind in ("OR", "RPAREN", "AND"):
                raise QueryError(
                    f"OR at column {lexeme.start + 1} needs a term after it", lexeme.start
                )
            items.append(self.unary(False))
        return _combine(Or, [item for item in items if item is not None])

    def unary(self, negated: bool) -> Node | None:
        lexeme = self.peek()
        assert lexeme is not None
        if lexeme.kind in ("NEG", "NOT"):
            self.pos += 1
            following = self.peek()
            if following is None or following.kind in ("OR", "RPAREN", "AND"):
                what = "NOT" if lexeme.kind == "NOT" else '"-"'
                raise QueryError(
                    f"{what} at column {lexeme.start + 1} needs a term after it", lexeme.start
                )
            self.enter(lexeme)
            item = self.unary(True)
            self.depth -= 1
            return None if item is None else Not(item)
        return self.primary(negated)

    def enter(self, lexeme: _Lexeme) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise QueryError(f"query nested too deeply at column {lexeme.start + 1}", lexeme.start)

    def primary(self, negated: bool) -> Node | None:
        lexeme = self.lex[self.pos]
        index = self.pos
        self.pos += 1
        kind = lexeme.kind
        if kind == "LPAREN":
            self.enter(lexeme)
            node = self.sequence()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != "RPAREN":
                raise QueryError(f'unclosed "(" at column {lexeme.start + 1}', lexeme.start)
            self.pos += 1
            return node
        if kind == "WORD":
            prefix = index == self.prefix_index and not negated
            return text_node(lexeme.text, lexeme.start, None, prefix)
        typed = (lexeme.open and index == self.prefix_index and not negated
                 and not lexeme.text[-1:].isspace())  # "heart fail: its last word a prefix
        if kind == "QUOTE":
            return text_node(lexeme.text, lexeme.value_start, None, typed)
        if kind == "FIELD":
            prefix = typed or (index == self.prefix_index and not negated and not lexeme.quoted)
            span = (lexeme.start, lexeme.end)
            return field_node(lexeme.name, lexeme.text, lexeme.value_start, span,
                              prefix=prefix)
        # A stray operator where a term should be (AND / NOT / OR are handled by callers).
        found = self.text[lexeme.start : lexeme.end]
        raise QueryError(f'unexpected "{found}" at column {lexeme.start + 1}', lexeme.start)


def _combine(cls: type[And] | type[Or], items: list[Node]) -> Node | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return cls(tuple(items))


def parse_query(text: str, *, prefix_last: bool = False) -> Query:
    """Parse a query (see the module doc); raise QueryError saying what is wrong and where."""
    if not isinstance(text, str):
        raise QueryError("a query must be text", 0)
    lexemes = _lex(text, typing=prefix_last)
    waiting = False  # typing: the query ends with what waits for its term
    if prefix_last:
        # Search as you type: an operator typed last is waiting for its term, not an error.
        while lexemes and lexemes[-1].kind in ("OR", "NOT", "AND", "NEG"):
            lexemes.pop()
            waiting = True
        waiting = waiting or bool(lexemes and lexemes[-1].open)
    root = _Parser(text, lexemes, prefix_last).parse()
    if root is None and text.strip() and not waiting:
        at = len(text) - len(text.lstrip())
        raise QueryError(
            f"nothing to search for at column {at + 1}: a query needs a word (letters or"
            " digits)", at)
    return Query(text, root, prefix_last)


#: The operators, written in capitals; "or", "and", "not" in lower case are words to match.
OPERATORS = frozenset({"OR", "AND", "NOT"})
#: Lexemes that are terms, on either side of an operator word.
_BEFORE = frozenset({"WORD", "QUOTE", "FIELD", "RPAREN"})
_AFTER = frozenset({"WORD", "QUOTE", "FIELD", "LPAREN", "NEG"})


def operators_upper(text: str) -> str | None:
    """The query with the operator words it has in lower (or mixed) case between two terms
    written in capitals, or None when it has none: "ms or nmo" → "ms OR nmo", "cancer not
    lung" → "cancer NOT lung"; a quoted "or", a field's value, and a word at either end are
    left alone. For a hint ("did you mean ms OR nmo?"): the language keeps them words."""
    try:
        lexemes = _lex(text, typing=True)
    except QueryError:
        return None

    def operator_word(lexeme: _Lexeme) -> bool:
        return lexeme.kind == "WORD" and lexeme.text.upper() in OPERATORS

    spans = [
        (lexeme.start, lexeme.end)
        for before, lexeme, after in zip(lexemes, lexemes[1:], lexemes[2:], strict=False)
        if operator_word(lexeme) and lexeme.text != lexeme.text.upper()
        and before.kind in _BEFORE and not operator_word(before)
        and after.kind in _AFTER and not operator_word(after)
    ]
    if not spans:
        return None
    for start, end in reversed(spans):
        text = text[:start] + text[start:end].upper() + text[end:]
    return text
