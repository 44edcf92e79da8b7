"""The syntax tree of a parsed query, and the error a query that cannot be parsed raises."""

from __future__ import annotations

from dataclasses import dataclass


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
    """An enum field: status, phase, type (study_type), sex, results, or the design's
    allocation, masking and purpose (primary_purpose).

    values: enum spellings; mode "any" (one of them) or "all" (phases: every one of them), or
    "unstated" with no values: the trials that state no value of the field (field:"not
    stated"; also for country).
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
class KeyTerm:
    """An exact value of a key field: country, city, mesh (a MeSH term or id, which also
    matches trials listing it as an ancestor) or pmid, as key() folds it. prefix: while
    typing, every value starting with it."""

    field: str
    value: str
    prefix: bool = False
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Near:
    """near:PLACE~KM: trials with a site within km kilometres of PLACE, a city as the
    registry writes it ("Lyon", "Lyon, France", "Boston, Massachusetts"), resolved from the
    coordinates of the sites the store holds."""

    place: str
    km: float
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


Node = Text | IdTerm | KeyTerm | Near | Filter | Range | And | Or | Not


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
