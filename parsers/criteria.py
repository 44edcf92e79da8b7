"""Build eligibility criteria trees from indented, bulleted or numbered lines: bullets and
numbers stripped ("(a). " and "(1). " too; a letter or roman numeral that names the next one
in its text is kept: "(i) A or (ii) B"), the criteria nested by indentation under their headings
(criteria_headings says which lines are headings; criteria_pdq reads the NCI's PDQ layout),
the inclusion and exclusion sections; a numbered list written on one line split into its
items (criteria_runs), a list written as one run with " - " bullets cut at them
(criteria_dashes); the registry's note that other criteria may apply, a heading "Key
Inclusion Criteria" and an opening sentence over a section's whole list kept as notes
(criteria_notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .criteria_dashes import dashed, split_dashes
from .criteria_headings import Heading, heading, key_heading, subheading
from .criteria_inline_lists import split_inline_lists
from .criteria_notes import is_note, mark_announcement, mark_list_name, mark_notes
from .criteria_options import nest_options
from .criteria_runs import split_runs

__all__ = [
    "CLOSE_GROUPS", "END_GROUP", "GROUP_INDENT", "SECTION_INDENT", "Criterion", "Heading",
    "Written",
    "build_tree", "dotted_mark",
    "glued_number", "group_entry", "has_minor", "heading", "is_criteria_label",
    "is_group_label", "key_heading", "names_next",
    "nest", "ranked_group", "section_entry", "sections", "split_sections", "strip_bullet",
    "strip_item", "subheading",
]

Criterion = dict[str, Any]

_BULLET = re.compile(
    r"^(?:(?:-{2,3}|[•●○◦▪▫■□‣⁃∙·*+\-–—]|o(?=\s)|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{2,4}[.)]"
    # a bracketed mark with a full stop after it ("(a). ", "(1). ", "(ii). "; not "VI). ", a
    # wrapped line's start: "… criteria (III, IV, V," / "VI). For …"; in prose, a citation:
    # dotted_mark)
    r"|\((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{2,4})\)\.)\s+"
    # A bullet written against its text ("•≥1+ protein", "-Patients with TB", "-≤90 days").
    r"|[•●○◦▪▫■□‣⁃∙](?=\S)|-(?=[A-Z≤≥<>]))"
)
#: A label over the criteria that names no kind: "Criteria:", "Eligibility Criteria:", "Major
#: Eligibility Criteria:" (but "Major criteria:" names a group: the major Jones criteria; and
#: beside a minor label, a major one is a group too: ranked_group).
_LABEL = re.compile(
    r"^(?:(?:(?:key|main|major|general|principal|study)\s+)?eligibility\s+)?criteria\s*:?$",
    re.IGNORECASE)

#: A label ranking the criteria after it: "Minor Eligibility Criteria:" (bold or not), a group
#: of its own; "Major Eligibility Criteria:" names one too in a text that has a minor label
#: (alone, it is a label over the criteria: _LABEL).
_RANKED = re.compile(r"(?P<rank>major|minor)[ \t]+eligibility[ \t]+criteria[ \t]*:?",
                     re.IGNORECASE)
_MINOR = re.compile(r"^[ \t*_#]*minor[ \t]+eligibility[ \t]+criteria[ \t]*:?[ \t*_]*$",
                    re.IGNORECASE | re.MULTILINE)


def has_minor(text: str) -> bool:
    """Whether a criteria text has a "Minor Eligibility Criteria:" label line."""
    return ("inor" in text or "INOR" in text) and _MINOR.search(text) is not None


def ranked_group(text: str, minor: bool) -> str | None:
    """The group a line ranking the criteria after it names, its colon dropped ("Minor
    Eligibility Criteria:" → "Minor Eligibility Criteria"); a major one only when minor (the
    text has a minor label too: the two lists are groups side by side), or None."""
    if "ligib" not in text and "LIGIB" not in text:
        return None  # (most lines: looked at cheaply)
    match = _RANKED.fullmatch(text.strip().strip("*_#").strip())
    if match is None or (match["rank"].casefold() == "major" and not minor):
        return None
    return match[0].removesuffix(":").rstrip()


#: What may follow the classic registry's "-  " bullet as a second marker of the same item.
_SECOND_MARKS = frozenset("•●○◦▪▫■□‣⁃∙0123456789")


#: A number written against the capital that opens its item's text ("4.Subjects who …",
#: "7 .Previous history …").
_GLUED_NUMBER = re.compile(r"\(?\d{1,3}(?:[.)]| \.)(?=[A-Z])")


#: A list's number alone, with nothing after it ("Exclusion Criteria:1." and the list below).
_BARE_NUMBER = re.compile(r"\(?\d{1,3}\\?[.)]?[ \t]*")


def holds_criterion(rest: str) -> bool:
    """Whether the text after a heading's colon is a first criterion: not only marks
    ("Inclusion Criteria:-") or a list's number alone ("Exclusion Criteria:1.")."""
    return bool(rest.strip("-–—*•:. ")) and _BARE_NUMBER.fullmatch(rest) is None


def glued_number(text: str) -> re.Match[str] | None:
    """The number a paragraph opens with, written against its text's capital ("4.Subjects
    who …", "(2)Age"): an item's number (the parsers read it so at a paragraph's start only,
    where a wrapped line cannot put it)."""
    return _GLUED_NUMBER.match(text)


def strip_item(text: str) -> str:
    """The text of an item without its bullet or number (strip_bullet), also a number
    written against its text (glued_number)."""
    text = strip_bullet(text)[0]
    glued = glued_number(text)
    return text[glued.end() :] if glued is not None else text


#: A letter or roman numeral opening an item ("(i) ", "a) ", "ii. ").
_ITEM_LABEL = re.compile(
    r"(?P<open>\(?)(?P<label>[a-zA-Z]|[ivxIVX]{2,4})(?P<close>\)\.|[.)])\s")  # "(a). " too
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def names_next(text: str) -> bool:
    """Whether an item opening with a letter or roman numeral holds the next one, written
    alike ("(i) Eosinophils ≥ 150 cells/µl or (ii) FeNo ≥ 25 ppb"): alternatives on one
    line, which keep their first label."""
    match = _ITEM_LABEL.match(text)
    if match is None:
        return False
    label = match["label"].lower()
    names = [_ROMANS[_ROMANS.index(label) + 1]] if label in _ROMANS[:-1] else []
    names += [chr(ord(label) + 1)] if len(label) == 1 and label != "z" else []
    for name in names:
        written = name.upper() if match["label"].isupper() else name
        if re.search(r"(?<![\w(])" + re.escape(match["open"] + written + match["close"])
                     + r"\s", text[match.end() :]):
            return True
    return False


#: A bracketed mark with a full stop after it, opening a line ("(1). ", "(a). ").
_DOTTED_MARK = re.compile(r"\((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{2,4})\)\.\s")


def dotted_mark(text: str) -> bool:
    """Whether a line opens with a bracketed mark and a full stop ("(1). The …"): a list mark
    among criteria, but in prose the end of a sentence citing a reference ("… genome" /
    "(1). The majority …": the registry's wrap)."""
    return text[:1] == "(" and _DOTTED_MARK.match(text) is not None


def strip_bullet(text: str) -> tuple[str, bool]:
    """Return the text without its bullet or number, and whether it had one; an item whose
    letter or roman numeral names the next in its text keeps it (names_next)."""
    match = _BULLET.match(text)
    if match is None:
        return text, False
    if text[0] in "(abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" and names_next(text):
        return text, True
    rest = text[match.end() :].strip()
    if rest.startswith("-") and (dash := _BULLET.match(rest)) is not None:
        rest = rest[dash.end() :].strip()  # "•-Have outpatient visit …"
    elif (text[0] == "-" and rest[:1] in _SECOND_MARKS
          and (second := _BULLET.match(rest)) is not None):
        rest = rest[second.end() :].strip()  # "-  • Evidence of …", "-  1. Diagnosis …"
    return rest, True


#: A paragraph naming a group of the criteria after it, in the section they belong to ("Part
#: B", "Group 2", "All Parts").
_GROUP_LABEL = re.compile(
    r"(?:part|group|cohort|arm|stage|phase|sub-?study)[ \t]+[\w.-]{1,4}"
    r"|all[ \t]+(?:parts|cohorts|groups|arms|participants|patients|subjects)",
    re.IGNORECASE,
)


def is_group_label(text: str) -> bool:
    """Whether a paragraph only names a group ("Part B", "Group 2", "All Parts")."""
    return _GROUP_LABEL.fullmatch(text.strip()) is not None


def group_entry(group: str) -> list[Any]:
    """The (indent, text) entry of a qualified heading: above every indentation, so that the
    criteria that follow it, up to the next heading, nest under it."""
    return [GROUP_INDENT, group]


#: The indentation of a qualified heading's entry (see group_entry).
GROUP_INDENT = -1
#: The indentation of a section of the PDQ layout ("PATIENT CHARACTERISTICS", criteria_pdq):
#: above a group's, so that the groups of its sub-headings ("Age") nest under it.
SECTION_INDENT = -2


def section_entry(section: str) -> list[Any]:
    """The (indent, text) entry of a PDQ section's heading: the criteria and sub-headings
    after it, up to the next section or heading, nest under it."""
    return [SECTION_INDENT, section]


#: The entry of a plain heading: it ends the groups before it (no criterion of its own), so
#: that the criteria under "Inclusion Criteria:" after "Inclusion Criteria for Part A:" are
#: not Part A's.
CLOSE_GROUPS: tuple[int, None] = (GROUP_INDENT, None)
#: An entry that ends the open groups inside a PDQ section, the section going on.
END_GROUP: tuple[int, None] = (SECTION_INDENT, None)


def is_criteria_label(text: str) -> bool:
    """True for a bare "Criteria:" label line, which carries no criterion."""
    return _LABEL.match(text.strip()) is not None


def build_tree(lines: list[str]) -> list[Criterion]:
    """Nest criteria by indentation: a line indented deeper than the one before is its child."""
    entries: list[tuple[int, str]] = []
    for raw in lines:
        line = raw.expandtabs(4).rstrip()
        text = line.lstrip()
        if not text:
            continue
        indent = len(line) - len(text)
        text, _ = strip_bullet(text)
        if text:
            entries.append((indent, text))
    return nest(entries)


def nest(entries: Iterable[tuple[int, str | None]]) -> list[Criterion]:
    """Build the tree from (indent, text) pairs: an entry indented deeper than the one before
    is its child; one at the same or a lesser indent closes the deeper ones; one without text
    (CLOSE_GROUPS) closes every entry when a group (GROUP_INDENT, or a PDQ section:
    SECTION_INDENT) is open, and is no node; END_GROUP closes those inside a section."""
    roots: list[Criterion] = []
    stack: list[tuple[int, Criterion]] = []
    for indent, text in entries:
        if text is None and indent == SECTION_INDENT:  # END_GROUP: the section goes on
            while stack and stack[-1][0] > SECTION_INDENT:
                stack.pop()
            continue
        if text is None:  # CLOSE_GROUPS: the open groups end, other nesting goes on
            if any(depth < 0 for depth, _ in stack):
                stack.clear()
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        node: Criterion = {"text": text, "children": []}
        (stack[-1][1]["children"] if stack else roots).append(node)
        stack.append((indent, node))
    return roots


def split_sections(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split lines under "Inclusion Criteria:" / "Exclusion Criteria:" subheadings.

    Returns (inclusion lines, exclusion lines, lines before any subheading).
    """
    parts: dict[str, list[str]] = {"inclusion": [], "exclusion": [], "lead": []}
    current = "lead"
    for line in lines:
        kind = subheading(line)
        if kind:
            current = kind
        elif not is_criteria_label(line):
            parts[current].append(line)
    return parts["inclusion"], parts["exclusion"], parts["lead"]


@dataclass
class Written:
    """How a criteria text's sections are written, as its parser saw it: the entries of
    first criteria written on their heading's line after a dash ("Exclusion Criteria: -
    Females of …", see criteria_dashes), and the headings that say that a section lists the
    key criteria only ("Key Inclusion Criteria", by kind: kept as a note)."""

    dashed: list[list[Any]] = field(default_factory=list)
    key: dict[str, str] = field(default_factory=dict)

    def heading(self, kind: str, text: str, group: str | None) -> None:
        """Note a plain heading's words ("Key Exclusion Criteria:" keeps "Key Exclusion
        Criteria"; a group's heading is kept whole, as written, anyway)."""
        key = key_heading(text) if group is None else None
        if key is not None:
            self.key.setdefault(kind, key)

    def first(self, entry: list[Any], written: str | None) -> None:
        """Note a heading's first criterion (entry), written after it as written."""
        if written is not None and _AFTER_DASH.match(written):
            self.dashed.append(entry)

    def note(self, kind: str) -> list[Criterion]:
        """The key heading of a section, as a note at its start, or nothing."""
        key = self.key.get(kind)
        return [] if key is None else [{"text": key, "children": [], "note": True}]


#: A dash bullet written before a heading's first criterion ("Inclusion Criteria: - Age").
_AFTER_DASH = re.compile(r"[ \t]*[-\u2013][ \t]")


def sections(
    parts: dict[str, list[Any]], headed: bool, written: Written | None = None
) -> tuple[list[Criterion], list[Criterion], list[str]]:
    """Inclusion and exclusion criteria from the (indent, text[, own mark]) items read under
    each heading ("lead": before any heading, kept as inclusion, with a warning saying so
    unless all of it is notes: "Please contact site for information."),
    a numbered list written on one line split into its items (criteria_runs), a section
    written as one run with " - " bullets cut into its items (criteria_dashes).

    The lead's criteria come first, a tree of their own: the first heading ends them, so
    that the criteria under it are no children of a sentence before it ("For more
    information … visit www.BMSStudyConnect.com", then "Inclusion Criteria:" and its
    indented items). The registry's note that other criteria may apply is marked
    (criteria_notes); a heading "Key Inclusion Criteria" is kept as a note at the start of
    its section (the list is the key criteria only)."""
    written = written or Written()
    for entry in written.dashed:
        for kind, entries in parts.items():
            if any(item is entry for item in entries) and dashed(entry[1]):
                parts[kind] = split_dashes(entries)
    lead = nest(split_runs(parts["lead"]))
    # (only notes before the first heading, "Please contact site for information.", are no
    # criteria kept as inclusion)
    lead_criteria = any(node["children"] or not is_note(node["text"]) for node in lead)
    inclusion = lead + written.note("inclusion") + nest(split_runs(parts["inclusion"]))
    exclusion = written.note("exclusion") + nest(split_runs(parts["exclusion"]))
    split_inline_lists(inclusion)
    split_inline_lists(exclusion)
    mark_notes(inclusion)
    mark_notes(exclusion)
    mark_list_name(inclusion)
    mark_list_name(exclusion)
    mark_announcement(inclusion, "inclusion")
    mark_announcement(exclusion, "exclusion")
    nest_options(inclusion)
    nest_options(exclusion)
    warnings: list[str] = []
    if lead_criteria:
        warnings.append(
            "criteria without an Inclusion/Exclusion heading kept as inclusion"
            if not headed
            else "criteria before the first Inclusion/Exclusion heading kept as inclusion"
        )
    return inclusion, exclusion, warnings
