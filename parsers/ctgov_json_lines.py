"""The lines of an eligibility Markdown text (ctgov_json_criteria) made ready to read: the
text cleaned, and an exclusion heading or a bullet written inside a line put on a line of its
own (the Choices of ctgov_json_criteria say when).
"""

from __future__ import annotations

import re

from .clean import clean_text
from .criteria_headings import GROUP_BEFORE
from .criteria_lines import split_trailing_exclusion

# "… last inclusion criterion. Exclusion Criteria: …" on one line: the exclusion heading
# starts a new line when it follows the end of a sentence (the sentence's last character is
# matched, not looked behind for, so that the scan skips to the next ".", ";" or ":").
_INLINE_EXCLUSION = re.compile(r"([.;:])[ \t]*(?=(?:key[ \t]+)?exclusion[ \t]+criteria[ \t]*:)",
                               re.IGNORECASE)
#: A group's name before an exclusion heading ("* Part 1: Exclusion Criteria:"), its line's
#: start: the heading is that group's, kept on its line (criteria_headings).
_GROUP_START = re.compile(r"[ \t]*(?:[-*+•][ \t]+)?" + GROUP_BEFORE + r"[ \t]*")


def _inline_exclusion(match: re.Match[str]) -> str:
    """The replacement of an exclusion heading's place after a sentence's end: a line break,
    unless what comes before it on its line is a group's name and a colon."""
    if match[1] == ":":
        start = match.string.rfind("\n", 0, match.start()) + 1
        if _GROUP_START.fullmatch(match.string, start, match.start()) is not None:
            return match[0]
    return match[1] + "\n"


# "… 4 weeks prior to and following conception Exclusion Criteria: - Women …": a text written
# on one line, the heading capitalised after any word (not "Key", "Main" or "Major").
_WORD_EXCLUSION = re.compile(
    r"(?<=\S)(?<!key)(?<!main)(?<!major)[ \t]+(?=(?-i:(?:(?:Key|KEY|Main|MAIN|Major|MAJOR)"
    r"[ \t]+)?(?:Exclusion[ \t]+Criteria|EXCLUSION[ \t]+CRITERIA))[ \t]*:)",
    re.IGNORECASE)
# "… of HER2 expression - Exclusion Criteria:1. Have …": after a dash. (The pattern opens
# with the space, not with the look behind it, so that a search skips to the next space.)
_DASHED_EXCLUSION = re.compile(
    r"[ \t](?<=\S[ \t])[ \t]*[-\u2013\u2014][ \t]+(?=(?:key[ \t]+)?exclusion[ \t]+criteria[ \t]*:)",
    re.IGNORECASE)

#: A bullet in the middle of a list item's line, after the end of its text and before the
#: next item's capital ("… epidural lipomatosis.• Patient has …", "… can be started • Prior
#: use of …"): the list item the registry's text lost its line break before.
_INLINE_BULLET = re.compile(r"(?<=\S)[ \t]*•[ \t]*(?=[A-Z])")
#: A list item's bullet at the start of its line, with the indentation before it.
_ITEM_PREFIX = re.compile(r"[ \t]*[-*+•][ \t]+")


def _inline_bullets(text: str) -> str:
    """The text, a "•" in the middle of a bulleted item's line (after _CRITERION_WORDS words
    or more) starting an item of its own, at the item's indentation and with its bullet."""
    if "•" not in text:
        return text
    lines = text.split("\n")
    for at, line in enumerate(lines):
        prefix = _ITEM_PREFIX.match(line)
        if prefix is None or "•" not in line[prefix.end() :]:
            continue
        pieces = _INLINE_BULLET.split(line[prefix.end() :])
        if len(pieces) > 1 and all(len(piece.split()) >= _CRITERION_WORDS
                                   and not piece.rstrip().endswith(":")  # its list: nested
                                   for piece in pieces[:-1]):
            lines[at] = "\n".join(prefix[0] + piece.strip() for piece in pieces)
    return "\n".join(lines)


#: A line opening with a first label and holding the second after a sentence's end, before a
#: capital ("(i) A circulating lymphocyte count of >50,000/L. (ii) Hepatic dysfunction: …"):
#: two items (not alternatives: "(i) Eosinophils ≥ 150 cells/µl or (ii) FeNo ≥ 25 ppb").
_TWO_LABELS = re.compile(
    r"(?P<first>[ \t]*(?P<open>\(?)(?P<label>i|a|I|A)\)[ \t]+\S[^\n]*?[.;])[ \t]+"
    r"(?P<second>(?P=open)(?P<next>ii|b|II|B)\)[ \t]+(?=[A-Z]))")
#: The second label after each first one.
_NEXT_LABEL = {"i": "ii", "a": "b", "I": "II", "A": "B"}


def _two_labels(text: str) -> str:
    """The text, a line opening with "(i)" (or "a)") and holding "(ii)" (or "b)") after a
    sentence's end cut there into two lines (two items), unless the line goes on to a third
    label (a list on one line: criteria_inline_lists)."""
    if "ii)" not in text and "b)" not in text and "II)" not in text and "B)" not in text:
        return text  # (most texts)
    lines = text.split("\n")
    for at, line in enumerate(lines):
        match = _TWO_LABELS.match(line) if line.lstrip()[:1] in "(iaIA" else None
        if (match is None or _NEXT_LABEL[match["label"]] != match["next"]
                or f"{match['open']}{_THIRD_LABEL[match['label']]})" in line):
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines[at] = f"{match['first']}\n{indent}{line[match.start('second') :]}"
    return "\n".join(lines)


#: The third label after each first one.
_THIRD_LABEL = {"i": "iii", "a": "c", "I": "III", "A": "C"}


def _word_exclusion(text: str) -> str:
    """The text, a capitalised "Exclusion Criteria:" written after a criterion's words on its
    line starting a line of its own (not in a heading: "Patient Exclusion Criteria:")."""
    if "xclusion" not in text and "XCLUSION" not in text:
        return text
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if "Exclusion" not in line and "EXCLUSION" not in line:
            continue  # the heading's words are written so (the pattern's (?-i:…))
        match = _WORD_EXCLUSION.search(line)
        if match is not None and len(line[: match.start()].split()) >= _CRITERION_WORDS:
            lines[at] = _WORD_EXCLUSION.sub("\n", line)
    return "\n".join(lines)


#: Fewest words before an exclusion heading written on a criterion's line (fewer: they are
#: the heading's own, "Primary Study Exclusion Criteria:").
_CRITERION_WORDS = 4




def markdown_lines(text: str) -> list[str]:
    """The lines of a criteria text: cleaned (clean_text), "… last inclusion criterion.
    Exclusion Criteria: …" and a heading written after a dash or after a criterion's words
    starting a line of their own, a "•" inside a bulleted item's line starting an item, a
    line opening with "(i)" cut before its "(ii)" after a sentence's end (_two_labels), and a
    heading written at the end of a criterion without a colon put on a line of its own
    (criteria_lines.split_trailing_exclusion)."""
    inline = _two_labels(_inline_bullets(_word_exclusion(_DASHED_EXCLUSION.sub(
        "\n", _INLINE_EXCLUSION.sub(_inline_exclusion, clean_text(text))))))
    return split_trailing_exclusion(inline.split("\n"))
