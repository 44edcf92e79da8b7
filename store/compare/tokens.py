"""Normalising criterion text for matching: words stemmed, numbers and comparison signs.

Phrases such as "at least" become signs, numbers take one spelling, stopwords go, and words
are stemmed and sorted: "Aged 18 years or older" and "age >= 18 years" have the same words and
quantities (similarity 100).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

#: Words are cut to this many characters (after dropping a plural "s"), a crude stemmer
#: that joins "pregnant" and "pregnancy", "allergies" and "allergic".
STEM_LENGTH = 7
#: Words folded onto another before stemming ("Aged 16-65" and "65 years old" are ages).
_SYNONYMS = {"aged": "age", "old": "age"}

#: Function words and clinical filler ("disorders", "history", "severe") that say little
#: about what a criterion is about; matching on them paired "Coagulation disorders." with
#: "liver disorders.".
_STOPWORD_TEXT = (
    "a an and any are as at be been by can e eg etc for from g has have i ie in into is "
    "it its may must of on or other patient patients participant participants should "
    "subject subjects such than that the their these this those to was were which who "
    "will with within disorder disorders disease diseases condition conditions history "
    "known severe significant following evidence evidenced between"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_GE = ">="
_LE = "<="
_SIGN_PHRASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "greater than or equal to",
            "more than or equal to",
            "equal to or greater than",
            "equal or greater than",
            "equal or superior to",
            "superior or equal to",
            "equal or more than",
            "at least",
            "no less than",
            "not less than",
            "or more",
            "or older",
            "or greater",
            "or above",
        ),
        _GE,
    ),
    **dict.fromkeys(
        (
            "less than or equal to",
            "equal to or less than",
            "equal or less than",
            "equal or inferior to",
            "inferior or equal to",
            "at most",
            "no more than",
            "not more than",
            "up to",
            "or less",
            "or younger",
            "or fewer",
        ),
        _LE,
    ),
    **dict.fromkeys(
        ("greater than", "more than", "older than", "higher than", "superior to", "exceeding"),
        ">",
    ),
    **dict.fromkeys(("less than", "fewer than", "younger than", "lower than", "inferior to"), "<"),
}
_SIGN_PHRASE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p) for p in sorted(_SIGN_PHRASES, key=len, reverse=True))
    + r")(?!\w)"
)
_SYMBOLS = {
    "≥": f" {_GE} ",
    "⩾": f" {_GE} ",
    "=>": f" {_GE} ",
    "≤": f" {_LE} ",
    "⩽": f" {_LE} ",
    "=<": f" {_LE} ",
}
_SYMBOL_RE = re.compile("|".join(re.escape(s) for s in _SYMBOLS))
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DECIMAL_COMMA_RE = re.compile(r"(?<=\d),(?=\d)")
_RANGE_WORD_RE = re.compile(r"\bbetween\s+(\d+(?:\.\d+)?)\s+and\s+(?=\d)|(\d)\s*\bto\s+(?=\d)")
#: Signs, numbers, words (a word starts with a letter and may hold digits: "hba1c", "t2";
#: "2years" is a number and a word) and dashes (kept as a range sign between numbers).
_TOKEN_RE = re.compile(r">=|<=|[<>=]|\d+(?:\.\d+)?|[^\W\d_][^\W_]*|-")
_SIGNS = frozenset({_GE, _LE, "<", ">", "=", "-"})


@dataclass(frozen=True, slots=True)
class MatchKey:
    """What the matcher sees of one criterion's text.

    words: content words, stemmed, sorted and space-joined (order carries no meaning);
    quantities: numbers and comparison signs ("-" for a range) as a multiset, held as a
        frozenset of (token, occurrence) pairs so that set operations do multiset ones;
    text: the normalised text, words and quantities in page order;
    loose: every token, stopwords included (for texts with no content word).
    """

    words: str
    quantities: frozenset[tuple[str, int]]
    text: str
    loose: str


def _range_sub(match: re.Match[str]) -> str:
    return f"{match[1] or match[2]} - "


def _number(token: str) -> str:
    """A number in a canonical spelling: "3.0" and "3" are the same number."""
    return format(float(token), "g")


def _stem(word: str) -> str:
    """Fold a word: synonyms, drop a plural "s", cut to STEM_LENGTH characters."""
    word = _SYNONYMS.get(word, word)
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:STEM_LENGTH]


def _tokens(text: str) -> list[str]:
    """Casefolded tokens: words, numbers and comparison signs (phrases turned into signs)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASHES_RE.sub("-", text)
    text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m[0]], text)
    text = _THOUSANDS_RE.sub("", text)
    text = _DECIMAL_COMMA_RE.sub(".", text)
    text = _RANGE_WORD_RE.sub(_range_sub, text)
    text = _SIGN_PHRASE_RE.sub(lambda m: f" {_SIGN_PHRASES[m[0]]} ", text)
    return _TOKEN_RE.findall(text)


def _is_number(token: str) -> bool:
    return token[0].isdigit()


@lru_cache(maxsize=8192)
def match_key(text: str, filler: frozenset[str] = frozenset()) -> MatchKey:
    """The normalised form of a text, as compared by similarity().

    filler: more words to drop, besides the stopwords (casefolded, before stemming; the
    outcome measures drop "change", "baseline", "number" and the like, see outcomes.py).
    """
    tokens = _tokens(text)
    words: list[str] = []
    quantities: list[str] = []
    shown: list[str] = []
    for index, token in enumerate(tokens):
        if _is_number(token):
            quantities.append(_number(token))
            shown.append(quantities[-1])
        elif token == "-":
            between = 0 < index < len(tokens) - 1
            if between and _is_number(tokens[index - 1]) and _is_number(tokens[index + 1]):
                quantities.append("-")
                shown.append("-")
        elif token in _SIGNS:
            quantities.append(token)
            shown.append(token)
        elif token not in _STOPWORDS and token not in filler:
            words.append(_stem(token))
            shown.append(words[-1])
    loose = " ".join(token for token in tokens if token != "-")
    occurrences = frozenset(
        (token, k) for token, count in Counter(quantities).items() for k in range(count)
    )
    return MatchKey(" ".join(sorted(words)), occurrences, " ".join(shown), loose)
