"""Numbered lists written on one line ("1. A 2. B 3. C"): a criterion's text split into its
items before the criteria are nested (``criteria.sections``; the parsers of ctgov_json_criteria
and ctgov_xml_criteria give each item the number its line opens with).

Choices:

- A run is numbers in sequence inside a criterion's text, each exactly one more than the one
  before and written the same way ("2." … "3.", "5)" … "6)", "(2)" … "(3)"; a full stop after
  the ")" is no other way: "(2). … (3). …", "1). … 2). …"), each at a word's start and
  followed by words, at least three numbers in all. The item's own number at the
  start of its line counts, and so does the number of the item before when the item's goes
  on from it ("7) A" then "8) B 9) C"). The own number alone may be written another way: the
  registry rewrites it ("5. … 6) … 7) …" where an older version of the text has "5) … 6) …
  7)"). No run: "Grade 1. 2." and "1. 2. 2010" (no letters between two numbers), "1.5 mg"
  (a digit after the point), "criterion 2) of section 3)" (a number inside a sentence
  followed by "of", "and", "in" …), "(SCORE of ≥ 6)" (a ")" closing a parenthesis), "1 or
  2: 1. A or 2. B" (two numbers), "who have a (1) pacemaker, (2) …" (a run that starts
  inside a sentence).
- A run that goes on the item's own number ("4) A 5) B 6) C", "• 1. A 2. B 3. C"): its items
  are siblings in its place; but when its numbers are part of a run from 1 in the text ("3.
  Revised cardiac risk index score ≥1 (…) 1) A 2) B 3) C 4) D 5) E 6) F": the item's own
  list, passing its number), the text before that run is their parent, the item.
- A run from 1 after a sentence's end ("… laboratory values: 1. A 2. B 3. C") is the list of
  the text before it: that text is their parent (tried first: "2. … at least the following:
  1. A 2. B 3. C 4. D" is item 2 and its list), unless the item's own run starts before it
  ("(1) A (2) B (3) C. … all of: (1) D (2) E (3) F"): that one is split first, and a run
  from 1 in its last item is that item's list (C's: D, E, F).
- A line numbered one more than the last item of the run split above it, indented deeper
  (its wrapped end: "… (3) fast heartbeat," then "(4) recent weight loss … (5) …"), is
  placed beside that run's items.
- A run, after a sentence's end, that goes on the list of an enclosing item or, for an
  unnumbered item, of the item before ("3. … agree to:", its sub-item "- … included.) 4. A;
  5. B"): its items are that list's, after that item (the item before's number counts).
- An unnumbered item going on, after a sentence's end, with a run numbered from 2 or more
  ("* … speak English; 3. Participants must … ; 4. … ; 8. …": the list's first numbers lost),
  and no number below it before, is split: the text before the run and its items are
  criteria side by side.
- A number that lost its mark ("… IGIV therapy.  14 The subject …" between "13)" and "15)")
  is the run's when it follows a sentence's end and opens a sentence.
- An item holding its own number and the next one only ("Exclusion Criteria: 1. A 2. B"),
  followed at its indentation by the item numbered after them ("3. C"), is split into its
  two items: the list goes on (without that item it is kept whole, as below).
- A numbered item indented under others that would be the first of a list of its own
  numbered from 2 or more ("3\\. …" indented under sub-item "5." of "2. …: 1. … 5. …") goes
  beside the nearest open item numbered one less ("2."), closing the items under it.
- The items' texts are the text between the numbers, trimmed; the numbers are removed, as
  a line's own number is. Two numbers alone ("1. Aged 18-70 years 2. Acute leukemia:") are
  left as written (lists marked "a. … b. … c. …" or "i. … ii. … iii. …" are split by
  criteria_inline_lists once the tree is built), the item's own number too: an item that
  holds the number after its own, not split, keeps its own ("1) T1D diagnosis … or 2) a
  clinical diagnosis …": the two are alternatives), written as the registry shows it ("1\\)"
  as "1)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

#: A number's mark and value: ("." | ")" | "()", number).
Mark = tuple[str, int]

#: The number a line opens with, after a bullet maybe ("4) …", "• 1. …", "* 1\\. …", "(2) …").
_OWN = re.compile(
    r"(?:[-*+•●○◦▪■‣⁃∙·–—][ \t]*)?(?P<open>\(?)(?P<number>\d{1,3})\\?(?P<close>[.)])"
    r"(?:(?<=\))\.)?(?=\s|[^\W\d_])")
#: A number inside a text, at a word's start, followed by a word ("5) The", "(2) metal",
#: "(2). metal": a full stop after its ")" is no other style).
_NUMBER = re.compile(
    r"(?<!\S)(?P<open>\(?)(?P<number>\d{1,3})(?P<close>[.)])(?:(?<=\))\.)?"
    r"(?:[ \t]+(?=\S)|(?=[^\W\d_]))")
#: What every run holds: a number with its mark (a quick test before looking for runs).
_ANY_MARKED = re.compile(r"\d[.)]")
#: A number that lost its mark, opening a sentence ("14 The subject").
_BARE = re.compile(r"(?<!\S)(?P<number>\d{1,3})[ \t]+(?=[A-Z])")
#: A sentence's end, and what may close it after ("… may be included.) 4. …").
_SENTENCE_ENDS = frozenset(".:;!?。；：！？")
_CLOSERS = ")]\"'”’"
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
#: Words that go on a sentence after a number ("… 2) of section 3)"): no item starts so.
_CONTINUING = frozenset({
    "of", "in", "to", "and", "or", "nor", "for", "at", "from", "with", "by", "on", "as",
    "than", "per", "within", "into", "is", "are", "was", "were", "who", "which", "that",
})
#: A number 1 written anywhere, even against the text before it ("criteria:1.Age").
_ONE = re.compile(r"(?<![\d.,])\(?1[.)]")
#: Fewest numbers of a run.
_MIN_RUN = 3

Span = tuple[int, int]


def own_mark(line: str, text: str) -> Mark | None:
    """The mark and number a list item's line opens with ("4) …" → (")", 4)), when the
    parser removed it (text: the item's text, its end); None for any other line."""
    match = _OWN.match(line)
    if match is None or match.end() > len(line) - len(text):
        return None
    return _style(match), int(match["number"])


def _style(match: re.Match[str]) -> str:
    return "()" if match["open"] else match["close"]


def _after_sentence(text: str, at: int) -> bool:
    """Whether text[:at] ends a sentence (a closing bracket or quote may follow its end); read
    back from at."""
    while at and text[at - 1] in " \t":
        at -= 1
    while at and text[at - 1] in _CLOSERS:
        at -= 1
    return at > 0 and text[at - 1] in _SENTENCE_ENDS


def _next(text: str, number: int, pos: int, style: str | None) -> tuple[Span, str] | None:
    """The span of the number after pos, written in the run's style (any, when None), with
    words between pos and it; or a number that lost its mark (see the Choices)."""
    found = _marked(text, number, pos, style)
    if found is None and style is not None:
        found = _bare(text, number, pos, style)
    return found


def _marked(text: str, number: int, pos: int, style: str | None) -> tuple[Span, str] | None:
    depth, seen = 0, pos  # parentheses opened and not closed between pos and seen
    for match in _NUMBER.finditer(text, pos):
        depth += text.count("(", seen, match.start()) - text.count(")", seen, match.start())
        seen = match.start()
        if (int(match["number"]) == number and style in (None, _style(match))
                and not _closes(depth, match) and not _continues(text, match)):
            if _LETTER.search(text, pos, match.start()) is None:
                return None  # "Grade 1. 2."
            return (match.start(), match.end()), _style(match)
    return None


def _closes(depth: int, match: re.Match[str]) -> bool:
    """Whether a number's ")" closes a parenthesis opened after pos ("(… SCORE of ≥ 6)"):
    depth, the parentheses opened and not closed before it since."""
    return match["close"] == ")" and not match["open"] and depth > 0


def _continues(text: str, match: re.Match[str]) -> bool:
    """Whether a number not after a sentence's end is followed by a word that goes on the
    sentence ("criterion 2) of section 3)", "type 1. or 2."): it numbers no item."""
    word = _WORD.match(text, match.end())
    return (word is not None and word[0] in _CONTINUING
            and not _after_sentence(text, match.start()))


def _bare(text: str, number: int, pos: int, style: str) -> tuple[Span, str] | None:
    """A number that lost its mark, opening a sentence before the run's next number."""
    after = _marked(text, number + 1, pos, style)
    if after is None:
        return None
    for match in _BARE.finditer(text, pos, after[0][0]):
        if (int(match["number"]) == number and _after_sentence(text, match.start())
                and _LETTER.search(text, pos, match.start()) is not None):
            return (match.start(), match.end()), style
    return None


def _run(text: str, first: int, style: str | None = None) -> list[Span]:
    """The spans of the numbers first, first + 1, … in text, each with words before and
    after it."""
    spans: list[Span] = []
    pos, number = 0, first
    while (found := _next(text, number, pos, style)) is not None:
        span, style = found
        spans.append(span)
        pos, number = span[1], number + 1
    while spans and _LETTER.search(text, spans[-1][1]) is None:
        spans.pop()  # the last number holds no words
    return spans


def _lead_spans(text: str) -> list[Span]:
    """The spans of a run from 1 after a sentence's end (the list of the text before it), or
    []."""
    spans = _run(text, 1)
    return spans if len(spans) >= _MIN_RUN and _after_sentence(text, spans[0][0]) else []


def _renumbered(text: str, own: Mark | None) -> str:
    """The item's text with its own number written again before it when the text holds the
    next number ("1) T1D diagnosis … or 2) a clinical diagnosis …", kept whole: two
    alternatives, or a run too short to split), not as an item of a list of its own from 1
    ("1. Received any of: 1. A; 2. B"); else the text."""
    if own is None:
        return text
    spans = _run(text, own[1] + 1)
    if not spans or spans[0] in _run(text, 1):
        return text
    style, number = own
    written = f"({number})" if style == "()" else f"{number}{style}"
    return f"{written} {text}"


def _pieces(text: str, spans: list[Span]) -> list[str]:
    """The text before the first number, then each number's item."""
    ends = [start for start, _ in spans] + [len(text)]
    starts = [0] + [end for _, end in spans]
    return [text[start:end].strip() for start, end in zip(starts, ends, strict=True)]


def _inner(text: str, spans: list[Span]) -> list[Span]:
    """The run from 1 that the run going on an item's own number is part of ("3. Score ≥1:
    1) A 2) B 3) C 4) D": the item's own list, past its number), or []."""
    ones = _run(text, 1)
    return ones if len(ones) >= _MIN_RUN and spans[0] in ones else []


class _Pair:
    """An item holding its own number and the next one only ("1. A 2. B"), kept whole until
    an item numbered after them follows at its indent: its place in the entries, its
    indent, its two pieces, and the number that item has."""

    def __init__(self, at: int, indent: int, pieces: list[str], following: int) -> None:
        self.at, self.indent, self.pieces, self.following = at, indent, pieces, following


class _Lists:
    """The numbered items of a section seen so far: the open ones (indent, number or None),
    as ``criteria.nest`` nests them, and the last number; the entries placed (out)."""

    def __init__(self, out: list[tuple[int, str | None]]) -> None:
        self.out = out
        self.open: list[tuple[int, int | None]] = []
        self.last: int | None = None
        #: The last criterion's split run: its items' indent and last number.
        self.split: tuple[int, int] | None = None
        self.pair: _Pair | None = None

    def place(self, indent: int, text: str, own: Mark | None) -> None:
        """Place a criterion's entries: itself, or its run's items."""
        split, self.split = self.split, None
        if split is not None and own is not None and own[1] == split[1] + 1 and indent > split[0]:
            indent = split[0]  # a wrapped line going on the run: "(4) …" after "… (3) …,"
        before: tuple[int, int | None] | None = None  # the item before, at this indent
        while self.open and self.open[-1][0] >= indent:
            popped = self.open.pop()
            before = popped if popped[0] == indent else before
        number = own[1] if own is not None else None
        if before is None and number is not None and number > 1 and self.open:
            indent = self._enclosing(indent, number)
        self._confirm(indent, number)
        self.out.extend(self._entries(indent, text, own, before))

    def _enclosing(self, indent: int, number: int) -> int:
        """The indent of an item a numbered criterion indented under others goes beside: the
        nearest open one numbered one less ("3\\." indented under the sub-list "1. … 5." of
        "2. …"), its own indent when there is none; the items under that one close."""
        for at in range(len(self.open) - 1, -1, -1):
            if self.open[at][1] == number - 1:
                indent = self.open[at][0]
                del self.open[at:]
                break
        return indent

    def _confirm(self, indent: int, number: int | None) -> None:
        """Split the pair kept whole when this item, at its indent, has the number after its
        two ("3." after "1. A 2. B"); forget it at any other item at its indent or less."""
        pair = self.pair
        if pair is None or indent > pair.indent:
            return
        self.pair = None
        if indent == pair.indent and number == pair.following:
            self.out[pair.at : pair.at + 1] = [(indent, piece) for piece in pair.pieces]

    def _entries(self, indent: int, text: str, own: Mark | None,
                 before: tuple[int, int | None] | None) -> list[tuple[int, str]]:
        number = own[1] if own is not None else None
        if _ANY_MARKED.search(text) is None:  # no numbered item inside: most criteria
            return self._keep(indent, text, number)
        lead = _lead_spans(text)
        spans = self._own_spans(text[: lead[0][0]] if lead else text, number)
        if spans and (inner := _inner(text, spans)):  # "3. … 1) A … 4) D": its own list
            return self._lead_run(indent, text, number, inner)
        if spans:  # its own run first ("(1) A (2) B (3) C. … all of: (1) D …": C leads in)
            return self._own_run(indent, text, number, spans)
        return (self._lead_run(indent, text, number, lead)
                or self._outer_run(indent, text, number, before)
                or self._late_run(indent, text, number)
                or self._pair_kept(indent, text, own))

    def _pair_kept(self, indent: int, text: str, own: Mark | None) -> list[tuple[int, str]]:
        """The item kept whole (its own number written again when it holds the next one);
        an item holding the next number only waits as a pair (see _Pair)."""
        kept = _renumbered(text, own)
        if own is None or kept == text:
            return self._keep(indent, text, own[1] if own is not None else None)
        spans = _run(text, own[1] + 1)
        if len(spans) == 1:
            self.pair = _Pair(len(self.out), indent, _pieces(text, spans), own[1] + 2)
        return self._keep(indent, kept, own[1] + len(spans))

    def _keep(self, indent: int, text: str, number: int | None) -> list[tuple[int, str]]:
        self._push(indent, number)
        return [(indent, text)]

    def _push(self, indent: int, number: int | None) -> None:
        while self.open and self.open[-1][0] >= indent:
            self.open.pop()
        self.open.append((indent, number))
        if number is not None:
            self.last = number

    def _own_spans(self, text: str, number: int | None) -> list[Span]:
        """The spans of the run going on the criterion's own number, or []."""
        if number is None:
            return []
        spans = _run(text, number + 1)
        counted = 1 + len(spans) + (self.last == number - 1)
        return spans if spans and counted >= _MIN_RUN else []

    def _own_run(self, indent: int, text: str, number: int | None,
                 spans: list[Span]) -> list[tuple[int, str]]:
        """ "4) A 5) B 6) C": the items in the criterion's place; a run from 1 in the last one
        is its list."""
        *pieces, last = _pieces(text, spans)
        last_number = (number or 0) + len(spans)
        self._push(indent, last_number)
        self.split = (indent, last_number)
        return ([(indent, piece) for piece in pieces]
                + (self._lead_run(indent, last, last_number, _lead_spans(last))
                   or [(indent, last)]))

    def _lead_run(self, indent: int, text: str, number: int | None,
                  spans: list[Span]) -> list[tuple[int, str]]:
        """ "… values: 1. A 2. B 3. C": the text before the run is the items' parent."""
        if not spans:
            return []
        lead, *items = _pieces(text, spans)
        self._push(indent, number)
        self._push(indent + 1, len(items))
        self.split = (indent + 1, len(items))
        return [(indent, lead)] + [(indent + 1, item) for item in items]

    def _outer_run(self, indent: int, text: str, number: int | None,
                   before: tuple[int, int | None] | None) -> list[tuple[int, str]]:
        """ "… included.) 4. A 5. B" under "3. …": the items go on the list of an enclosing
        item (or of the item before, when the criterion has no number), after it."""
        outers = ([before] if before is not None and number is None else []) + self.open[::-1]
        for outer_indent, outer in outers:
            if outer is None:
                continue
            spans = _run(text, outer + 1)
            if len(spans) >= _MIN_RUN - 1 and _after_sentence(text, spans[0][0]):
                before_run, *items = _pieces(text, spans)
                self._push(indent, number)
                self._push(outer_indent, outer + len(items))
                self.split = (outer_indent, outer + len(items))
                return [(indent, before_run)] + [(outer_indent, item) for item in items]
        return []


    def _late_run(self, indent: int, text: str, number: int | None) -> list[tuple[int, str]]:
        """ "* … speak English; 3. Participants must … ; 4. … ; 8. …": an unnumbered
        criterion going on, after a sentence's end, with a run numbered from 2 or more (its
        list's first numbers lost): the text before the run and the run's items are
        criteria side by side."""
        if number is not None:
            return []
        for match in _NUMBER.finditer(text):
            first = int(match["number"])
            if first < 2:
                return []  # a run from 1 the rules above left whole ("either 1) … or 2) …")
            if not _after_sentence(text, match.start()):
                continue
            if _ONE.search(text, 0, match.start()) is not None:
                return []  # "（(1) … ; (2) …", "criteria:1.Age …; 2. …": its 1 is there
            spans = _run(text, first)
            if len(spans) < _MIN_RUN or spans[0][0] != match.start():
                continue
            before_run, *items = _pieces(text, spans)
            self._push(indent, first + len(items) - 1)
            self.split = (indent, first + len(items) - 1)
            return [(indent, before_run)] + [(indent, item) for item in items]
        return []


def split_runs(entries: Iterable[Sequence[Any]]) -> list[tuple[int, str | None]]:
    """A section's (indent, text[, own mark]) entries as (indent, text) entries, each
    criterion's run split into its items (see the Choices). An entry below indent 0 (a
    group's label, or the end of the groups) ends the lists before it."""
    out: list[tuple[int, str | None]] = []
    lists = _Lists(out)
    for entry in entries:
        indent, text = entry[0], entry[1]
        if text is None or indent < 0:
            lists = _Lists(out)
            out.append((indent, text))
            continue
        lists.place(indent, text, entry[2] if len(entry) > 2 else None)
    return out
