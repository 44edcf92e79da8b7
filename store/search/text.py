"""Words: tokenizing, folding (case, accents, plurals) and the searchable strings of a record."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

# A word is a run of letters and digits (with any combining marks that follow them), and may
# hold single apostrophes between such runs ("Sjögren's", "O'Brien"). Everything else separates.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_UNIT = rf"[^\W_][{_MARKS}]*"
WORD_RE = re.compile(rf"(?:{_UNIT})+(?:['\u2019](?:{_UNIT})+)*")

# Fast path for ASCII text (most of a record): lowercase letters and digits, keep apostrophes,
# turn everything else into spaces, then split. It yields the same words as WORD_RE.
_ASCII_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122 or c == 39) else 32
    for c in range(256)
)


def fold(word: str) -> str:
    """The search form of a word: casefolded, accents stripped, simple plurals folded."""
    folded = word.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if "'" in folded or "\u2019" in folded:
        folded = folded.replace("\u2019", "'").strip("'")
        if folded.endswith("'s"):
            folded = folded[:-2]
        folded = folded.replace("'", "")
    if len(folded) >= 4 and folded[-1] == "s" and folded[-2].isalpha():
        if folded.endswith("ies"):
            folded = folded[:-3] + "y"
        elif folded.endswith("sses"):
            folded = folded[:-2]
        elif not folded.endswith(("us", "ss", "is")):
            folded = folded[:-1]
    return folded or word.casefold()


class _FoldCache(dict[str, str]):
    """word → fold(word), filled on demand; cleared when it grows past LIMIT entries."""

    LIMIT = 500_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        folded = self[word] = fold(word)
        return folded


_FOLDED = _FoldCache()
folded = _FOLDED.__getitem__


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) for every word of text; offsets index the original text."""
    return [(_FOLDED[m.group()], m.start(), m.end()) for m in WORD_RE.finditer(text)]


def words(text: str) -> list[str]:
    """The folded words of text, in order (what tokenize gives, without offsets, faster)."""
    if text.isascii():
        return _ascii_words(text)
    others = set(_NON_ASCII.findall(text))
    if all(map(_SEPARATES.__getitem__, others)):
        # Only separators ("≥", "×") are not ASCII: as spaces they leave the words alone.
        for char in others:
            text = text.replace(char, " ")
        return _ascii_words(text)
    return list(map(_FOLDED.__getitem__, WORD_RE.findall(text)))


class _Separates(dict[str, bool]):
    """char → whether no word can hold it (WORD_RE never matches it), filled on demand."""

    def __missing__(self, char: str) -> bool:
        found = self[char] = _IN_WORD.fullmatch(char) is None
        return found


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_IN_WORD = re.compile(rf"[^\W_]|[{_MARKS}'\u2019]")
_SEPARATES = _Separates()


def _ascii_words(text: str) -> list[str]:
    lowered = text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    # An apostrophe belongs to a word only between two letters or digits: one that is not
    # (next to a space, another apostrophe or an end) becomes a space.
    if "'" in lowered and (
        "''" in lowered
        or " '" in lowered
        or "' " in lowered
        or lowered[0] == "'"
        or lowered[-1] == "'"
    ):
        # (Two apostrophes in a row are both lone; a third after them is then next to a
        # space, as is one at an end once the text is padded.)
        lowered = f" {lowered} ".replace("''", "  ").replace(" '", "  ").replace("' ", "  ")
    return list(map(_FOLDED.__getitem__, lowered.split()))


def key(text: str) -> str:
    """A normalised form for whole-value comparison (ids, acronyms): folded words, one space."""
    return " ".join(words(text))


_MESH_ID = re.compile(r"([a-z])(\d{6,})")


@functools.lru_cache(maxsize=1 << 16)
def mesh_key(text: str) -> str:
    """key() of a MeSH term or id; an id in the registry's nine-digit spelling (D000009369)
    and in MeSH's own (D009369) give one key. Remembered: the same terms recur from record to
    record."""
    found = key(text)
    match = _MESH_ID.fullmatch(found)
    if match is None:
        return found
    return match[1] + match[2].lstrip("0").rjust(6, "0")


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """key() of a name that recurs from record to record (a city, a country, a MeSH term),
    remembered."""
    return key(text)


# --- the searchable strings of a record ---------------------------------------------------

#: Term-frequency multiplier per kind of string (BM25F: weighted sum of field frequencies).
WEIGHTS: dict[str, float] = {
    "id": 12.0,
    "title": 8.0,
    "acronym": 8.0,
    "official_title": 8.0,
    "condition": 5.0,
    "keyword": 5.0,
    "intervention": 4.0,
    "sponsor": 3.0,
    "summary": 2.0,
    "arm": 1.5,
    "arm_intervention": 1.5,
    "criterion": 1.2,
    "description": 1.0,
    "outcome": 1.0,
    "site": 0.5,
}

#: Field names of the query language → the kinds of string they search.
SCOPES: dict[str, frozenset[str]] = {
    "condition": frozenset({"condition"}),
    "intervention": frozenset({"intervention", "arm_intervention"}),
    "sponsor": frozenset({"sponsor"}),
    "id": frozenset({"id"}),
    "site": frozenset({"site"}),
    "outcome": frozenset({"outcome"}),
}

#: Kinds of string that only their own field searches (a bare word does not look there).
SCOPED_ONLY = frozenset({"site"})

#: Kind of string → the field namespace its words are indexed under as well.
FIELD_OF_KIND: dict[str, str] = {
    kind: field for field, kinds in SCOPES.items() if field != "id" for kind in kinds
}


def record_strings(record: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(path, text, kind) for every searchable string of a record, in record order."""
    get = record.get
    for name in ("id", "nct_id"):
        value = get(name)
        if isinstance(value, str):
            yield name, value, "id"
    yield from _list_strings(get("other_ids"), "other_ids", "id")
    for name in ("title", "official_title", "acronym"):
        value = get(name)
        if isinstance(value, str):
            yield name, value, name
    yield from _list_strings(get("conditions"), "conditions", "condition")
    yield from _list_strings(get("keywords"), "keywords", "keyword")
    interventions = get("interventions")
    if isinstance(interventions, list):
        for index, item in enumerate(interventions):
            if isinstance(item, dict):
                for name in ("name", "description"):
                    value = item.get(name)
                    if isinstance(value, str):
                        yield f"interventions.{index}.{name}", value, "intervention"
                yield from _list_strings(item.get("other_names"),
                                         f"interventions.{index}.other_names", "intervention")
    value = get("sponsor")
    if isinstance(value, str):
        yield "sponsor", value, "sponsor"
    yield from _list_strings(get("collaborators"), "collaborators", "sponsor")
    value = get("summary")
    if isinstance(value, str):
        yield "summary", value, "summary"
    arms = get("arms")
    if isinstance(arms, list):
        for index, arm in enumerate(arms):
            if isinstance(arm, dict):
                for name in ("label", "description"):
                    value = arm.get(name)
                    if isinstance(value, str):
                        yield f"arms.{index}.{name}", value, "arm"
                yield from _list_strings(
                    arm.get("interventions"), f"arms.{index}.interventions", "arm_intervention"
                )
    eligibility = get("eligibility")
    if isinstance(eligibility, dict):
        for name in ("inclusion", "exclusion"):
            yield from _criteria_strings(eligibility.get(name), f"eligibility.{name}")
    value = get("description")
    if isinstance(value, str):
        yield "description", value, "description"
    outcomes = get("outcomes")
    if isinstance(outcomes, dict):
        for group in ("primary", "secondary", "other"):
            items = outcomes.get(group)
            for index, item in enumerate(items if isinstance(items, list) else ()):
                if isinstance(item, dict):
                    for name in ("measure", "description"):
                        value = item.get(name)
                        if isinstance(value, str):
                            yield f"outcomes.{group}.{index}.{name}", value, "outcome"
    locations = get("locations")
    if isinstance(locations, list):
        for index, site in enumerate(locations):
            value = site.get("facility") if isinstance(site, dict) else None
            if isinstance(value, str):
                yield f"locations.{index}.facility", value, "site"


def record_texts(record: dict[str, Any], skip_nct: str) -> dict[str, list[str]]:
    """kind → the texts record_strings gives for it, in the same order (kinds in order of
    first appearance), without their paths; an "nct_id" equal to skip_nct is left out."""
    texts: dict[str, list[str]] = {}

    def put(kind: str, value: Any) -> None:
        if isinstance(value, str):
            found = texts.get(kind)
            if found is None:
                texts[kind] = [value]
            else:
                found.append(value)

    def put_list(kind: str, values: Any) -> None:
        if isinstance(values, list):
            for value in values:
                put(kind, value)

    get = record.get
    put("id", get("id"))
    nct_id = get("nct_id")
    if nct_id != skip_nct:
        put("id", nct_id)
    put_list("id", get("other_ids"))
    for name in ("title", "official_title", "acronym"):
        put(name, get(name))
    put_list("condition", get("conditions"))
    put_list("keyword", get("keywords"))
    for item in _dicts(get("interventions")):
        put("intervention", item.get("name"))
        put("intervention", item.get("description"))
        put_list("intervention", item.get("other_names"))
    put("sponsor", get("sponsor"))
    put_list("sponsor", get("collaborators"))
    put("summary", get("summary"))
    for arm in _dicts(get("arms")):
        put("arm", arm.get("label"))
        put("arm", arm.get("description"))
        put_list("arm_intervention", arm.get("interventions"))
    eligibility = get("eligibility")
    if isinstance(eligibility, dict):
        for name in ("inclusion", "exclusion"):
            for text in _criteria_texts(eligibility.get(name)):
                put("criterion", text)
    put("description", get("description"))
    outcomes = get("outcomes")
    if isinstance(outcomes, dict):
        for group in ("primary", "secondary", "other"):
            for item in _dicts(outcomes.get(group)):
                put("outcome", item.get("measure"))
                put("outcome", item.get("description"))
    for site in _dicts(get("locations")):
        put("site", site.get("facility"))
    return texts


def _criteria_texts(nodes: Any) -> list[str]:
    """The texts _criteria_strings gives, without their paths."""
    found: list[str] = []
    if not isinstance(nodes, list):
        return found
    stack: list[Iterator[Any]] = [iter(nodes)]
    while stack:
        for node in stack[-1]:
            if not isinstance(node, dict):
                continue
            text = node.get("text")
            if isinstance(text, str):
                found.append(text)
            children = node.get("children")
            if isinstance(children, list) and children:
                stack.append(iter(children))
                break
        else:
            stack.pop()
    return found


def _dicts(values: Any) -> list[dict[str, Any]]:
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []


def _list_strings(values: Any, path: str, kind: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                yield f"{path}.{index}", value, kind


def _criteria_strings(nodes: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """Criterion texts of a nested tree, depth first in page order (iterative: any depth)."""
    if not isinstance(nodes, list):
        return
    stack: list[tuple[Iterator[tuple[int, Any]], str]] = [(iter(enumerate(nodes)), path)]
    while stack:
        items, prefix = stack[-1]
        for index, node in items:
            if not isinstance(node, dict):
                continue
            text = node.get("text")
            if isinstance(text, str):
                yield f"{prefix}.{index}.text", text, "criterion"
            children = node.get("children")
            if isinstance(children, list) and children:
                stack.append((iter(enumerate(children)), f"{prefix}.{index}.children"))
                break
        else:
            stack.pop()


def prefix_alternatives(prefix: str) -> tuple[str, ...]:
    """Whole words a folded prefix also stands for: "studi" and "studie" are on the way to
    "studies", which folds to "study", a word that does not start with them."""
    if prefix.endswith("ie") and len(prefix) >= 4:
        return (prefix[:-2] + "y",)
    if prefix.endswith("i") and len(prefix) >= 3:
        return (prefix[:-1] + "y",)
    return ()


def prefix_match(word: str, prefix: str) -> bool:
    """Does a folded word match a folded prefix (see prefix_alternatives)?"""
    return word.startswith(prefix) or word in prefix_alternatives(prefix)


def has_sequence(tokens: list[str], sequence: tuple[str, ...], prefix: bool) -> bool:
    """Do the folded words of sequence occur adjacent and in order in tokens (the last word
    as a prefix when prefix is true)?"""
    return next(sequence_starts(tokens, sequence, prefix), None) is not None


def sequence_starts(tokens: list[str], sequence: tuple[str, ...], prefix: bool) -> Iterator[int]:
    """Indexes in tokens where sequence starts (see has_sequence)."""
    count = len(sequence)
    if count == 0:
        return
    last = sequence[-1]
    if count == 1:
        for index, token in enumerate(tokens):
            if token == last or (prefix and prefix_match(token, last)):
                yield index
        return
    first, middle = sequence[0], list(sequence[1:-1])
    stop = len(tokens) - count
    index = -1
    while True:
        try:
            index = tokens.index(first, index + 1)
        except ValueError:
            return
        if index > stop:
            return
        end = index + count - 1
        if tokens[index + 1 : end] == middle:
            token = tokens[end]
            if token == last or (prefix and prefix_match(token, last)):
                yield index
