"""The query language of DESIGN.md: words, "phrases", OR, -word / NOT, prefix*, fields.

Grammar (OR binds tighter than the implicit AND; - and NOT bind tighter than OR):

    query    := clause*                       all clauses must match (AND is also accepted)
    clause   := unary (OR unary)*
    unary    := ("-" | NOT) unary | primary
    primary  := "(" query ")" | "phrase" | field ":" value | word

A word that folds to several words ("covid-19", "2014-001234-56") is a phrase. A trailing "*"
makes the last word a prefix; with prefix_last the last bare word typed is one too, unless the
text ends in a space. Every error is a QueryError with the 0-based position of its cause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers import vocab

from .text import key, tokenize

FIELDS = (
    "condition",
    "intervention",
    "sponsor",
    "id",
    "phase",
    "status",
    "type",
    "sex",
    "age",
    "enrollment",
    "year",
)
_ALIASES = {
    "conditions": "condition",
    "interventions": "intervention",
    "phases": "phase",
    "study_type": "type",
    "studytype": "type",
    "gender": "sex",
    "enrolment": "enrollment",
}
TEXT_FIELDS = frozenset({"condition", "intervention", "sponsor"})
_MAX_DEPTH = 64


class QueryError(ValueError):
    """A query that cannot be parsed: what is wrong and where (position: 0-based offset)."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# --- the syntax tree --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Words to find (folded), adjacent and in order when there are several (a phrase).

    field: None (every searchable field) or "condition", "intervention", "sponsor".
    prefix: the last word is a prefix. start, end: the span of the query text it came from.
    """

    words: tuple[str, ...]
    field: str | None = None
    prefix: bool = False
    start: int = 0
    end: int = 0

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class IdTerm:
    """id:VALUE — the trial id, NCT id or a secondary id equals VALUE (as a key())."""

    value: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Filter:
    """An enum field: status, phase, type (study_type) or sex.

    values: enum spellings; mode "any" (one of them) or "all" (phases: every one of them).
    """

    field: str
    values: tuple[str, ...]
    mode: str = "any"
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Range:
    """A number field: age (value in days), enrollment (count) or year (start year).

    op: one of "=", ">", ">=", "<", "<=" (age is always "=": eligible at that age).
    """

    field: str
    op: str
    value: float
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Text | IdTerm | Filter | Range | And | Or | Not


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. root is None for a query without terms (it matches every trial)."""

    text: str
    root: Node | None
    prefix_last: bool = False

    @property
    def is_empty(self) -> bool:
        return self.root is None

    def whole_key(self) -> str | None:
        """The key() of the whole query when it is one bare word or phrase (for the exact
        id / acronym boost), else None."""
        root = self.root
        if isinstance(root, Text) and root.field is None:
            return " ".join(root.words)
        return None


# --- lexer ------------------------------------------------------------------------------

_FIELD_RE = re.compile(r"([A-Za-z][A-Za-z_]*):")


@dataclass(slots=True)
class _Lexeme:
    kind: str  # WORD, QUOTE, FIELD, OR, NOT, AND, NEG, LPAREN, RPAREN
    start: int
    end: int
    text: str = ""  # WORD: the word; QUOTE: inside the quotes; FIELD: the value
    name: str = ""  # FIELD: canonical field name
    value_start: int = 0
    quoted: bool = False


def _lex(text: str) -> list[_Lexeme]:
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
            if close < 0:
                raise QueryError(f"unclosed quote at column {i + 1}", i)
            out.append(_Lexeme("QUOTE", i, close + 1, text[i + 1 : close], value_start=i + 1))
            i = close + 1
        elif (
            c == "-"
            and i + 1 < n
            and not text[i + 1].isspace()
            and text[i + 1] != ")"
            and (i == 0 or text[i - 1].isspace() or text[i - 1] == "(")
        ):
            out.append(_Lexeme("NEG", i, i + 1))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '"()':
                j += 1
            i = _word(text, i, j, out)
    return out


def _word(text: str, start: int, end: int, out: list[_Lexeme]) -> int:
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
        if len(raw_name) >= 2 and (quoted_next or (value and not value.startswith("/"))):
            raise QueryError(
                f'unknown field "{raw_name}:" at column {start + 1} (fields: {", ".join(FIELDS)})',
                start,
            )
        out.append(_Lexeme("WORD", start, end, word))
        return end
    if quoted_next:
        close = text.find('"', end + 1)
        if close < 0:
            raise QueryError(f"unclosed quote at column {end + 1}", end)
        out.append(
            _Lexeme(
                "FIELD",
                start,
                close + 1,
                text[end + 1 : close],
                name=name,
                value_start=end + 1,
                quoted=True,
            )
        )
        return close + 1
    if not value:
        raise QueryError(
            f"{raw_name}: needs a value at column {start + 1}, as in {_EXAMPLES[name]}", start
        )
    out.append(_Lexeme("FIELD", start, end, value, name=name, value_start=start + match.end()))
    return end


_EXAMPLES = {
    "condition": "condition:als",
    "intervention": 'intervention:"stem cell"',
    "sponsor": "sponsor:tianjin",
    "id": "id:NCT02249676",
    "phase": "phase:2",
    "status": "status:recruiting",
    "type": "type:interventional",
    "sex": "sex:female",
    "age": "age:30",
    "enrollment": "enrollment:>20",
    "year": "year:>=2015",
}


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
        while True:
            lexeme = self.peek()
            if lexeme is None or lexeme.kind == "RPAREN":
                break
            if lexeme.kind == "AND":
                self.pos += 1
                continue
            if lexeme.kind == "OR":
                raise QueryError(
                    f"OR at column {lexeme.start + 1} needs a term before it", lexeme.start
                )
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
            return _text(lexeme.text, lexeme.start, None, prefix)
        if kind == "QUOTE":
            return _text(lexeme.text, lexeme.value_start, None, False, quoted=True)
        if kind == "FIELD":
            prefix = index == self.prefix_index and not negated and not lexeme.quoted
            return _field(lexeme, prefix)
        # A stray operator where a term should be (AND / NOT / OR are handled by callers).
        found = self.text[lexeme.start : lexeme.end]
        raise QueryError(f'unexpected "{found}" at column {lexeme.start + 1}', lexeme.start)


def _combine(cls: type[And] | type[Or], items: list[Node]) -> Node | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return cls(tuple(items))


def _text(
    raw: str, offset: int, field: str | None, prefix: bool, *, quoted: bool = False
) -> Text | None:
    """A Text node from a word or the inside of quotes (offset: where raw starts)."""
    stripped = raw.rstrip()
    if stripped.endswith("*"):
        prefix = True
    elif quoted:
        prefix = False
    tokens = tokenize(raw)
    if not tokens:
        return None
    return Text(
        tuple(word for word, _, _ in tokens),
        field,
        prefix,
        offset + tokens[0][1],
        offset + tokens[-1][2],
    )


def parse_query(text: str, *, prefix_last: bool = False) -> Query:
    """Parse a query (see the module doc); raise QueryError saying what is wrong and where."""
    if not isinstance(text, str):
        raise QueryError("a query must be text", 0)
    lexemes = _lex(text)
    if prefix_last:
        # Search as you type: an operator typed last is waiting for its term, not an error.
        while lexemes and lexemes[-1].kind in ("OR", "NOT", "AND"):
            lexemes.pop()
    return Query(text, _Parser(text, lexemes, prefix_last).parse(), prefix_last)


# --- field values -----------------------------------------------------------------------

_NUMBER_RE = re.compile(r"(>=|<=|≥|≤|>|<|=)?\s*([0-9]{1,12})")
_AGE_RE = re.compile(r"=?\s*([0-9]{1,6}(?:\.[0-9]+)?)\s*([A-Za-z]*)")
_DAYS = {
    "YEARS": 365.25,
    "MONTHS": 30.4375,
    "WEEKS": 7.0,
    "DAYS": 1.0,
    "HOURS": 1 / 24,
    "MINUTES": 1 / 1440,
}
_SHORT_UNITS = {"": "YEARS", "y": "YEARS", "m": "MONTHS", "w": "WEEKS", "d": "DAYS", "h": "HOURS"}
_SEXES = {
    **vocab.SEXES,
    "f": "FEMALE",
    "m": "MALE",
    "woman": "FEMALE",
    "women": "FEMALE",
    "females": "FEMALE",
    "man": "MALE",
    "men": "MALE",
    "males": "MALE",
}
#: sex:VALUE → the eligibility.sex values that admit such a person.
SEX_MATCHES = {"FEMALE": ("FEMALE", "ALL"), "MALE": ("MALE", "ALL"), "ALL": ("ALL",)}


def age_days(value: float, unit: str | None) -> float:
    """An age in days (units as in eligibility.min_age; unknown units count as years)."""
    return value * _DAYS.get(unit or "YEARS", 365.25)


def _field(lexeme: _Lexeme, prefix: bool) -> Node | None:
    name, value, at = lexeme.name, lexeme.text, lexeme.value_start
    span = {"start": lexeme.start, "end": lexeme.end}
    if name in TEXT_FIELDS:
        return _text(value, at, name, prefix, quoted=lexeme.quoted)
    if name == "id":
        value_key = key(value)
        if not value_key:
            raise _value_error(name, "a trial id", at)
        return IdTerm(value_key, **span)
    if name == "phase":
        phases = _phases(value)
        if not phases:
            raise _unknown(name, value, at, "phases: early1, 1, 2, 3, 4, na")
        return Filter("phase", tuple(phases), "all", **span)
    if name == "status":
        status = vocab.status(value)
        if status is None:
            listed = ", ".join(sorted({vocab.humanise(s).lower() for s in vocab.STATUSES.values()}))
            raise _unknown(name, value, at, f"statuses: {listed}")
        return Filter("status", (status,), "any", **span)
    if name == "type":
        study_type = vocab.lookup(vocab.STUDY_TYPES, value)
        if study_type is None:
            raise _unknown("study type", value, at, "types: " + ", ".join(vocab.STUDY_TYPES))
        return Filter("type", (study_type,), "any", **span)
    if name == "sex":
        sex = vocab.lookup(_SEXES, value)
        if sex is None:
            raise _unknown(name, value, at, "sex: female, male, all")
        return Filter("sex", SEX_MATCHES[sex], "any", **span)
    if name == "age":
        match = _AGE_RE.fullmatch(value.strip())
        unit = None
        if match:
            unit_text = match.group(2).lower()
            unit = _SHORT_UNITS.get(unit_text) or vocab.age_unit(unit_text)
        if match is None or unit is None:
            raise _value_error(name, "an age in years", at)
        return Range("age", "=", age_days(float(match.group(1)), unit), **span)
    # enrollment, year
    match = _NUMBER_RE.fullmatch(value.strip())
    if match is None:
        raise _value_error(name, "a number" if name == "enrollment" else "a year", at)
    op = {"≥": ">=", "≤": "<=", None: "="}.get(match.group(1), match.group(1))
    return Range(name, op, float(int(match.group(2))), **span)


def _value_error(name: str, what: str, at: int) -> QueryError:
    return QueryError(f"{name} needs {what} at column {at + 1}, as in {_EXAMPLES[name]}", at)


def _unknown(what: str, value: str, at: int, listed: str) -> QueryError:
    return QueryError(f'unknown {what} "{value}" at column {at + 1} ({listed})', at)


def _phases(value: str) -> list[str] | None:
    enum = value.strip().upper()
    if enum in vocab.PHASE_ORDER:
        return [enum]
    text = vocab.vocab_key(value)
    if text in {"na", "n a", "not applicable"}:
        return ["NA"]
    if re.fullmatch(r"early ?(phase ?)?(1|i)", text):
        return ["EARLY_PHASE1"]
    if re.fullmatch(r"[0-9iv]+( [0-9iv]+)*", text):
        text = "phase " + text
    return vocab.phases(text)
