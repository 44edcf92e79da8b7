"""Notes among eligibility criteria: the registry's boilerplate sentence saying that the
protocol has more criteria ("Other protocol-defined inclusion/exclusion criteria may apply").
It states no criterion; it is kept, as written and where it stands, marked ``note: true``
(docs/record.md).

Choices:

- A note is a criterion's whole text (its bullet or number removed), in any case: "Other",
  "Additional", "Further" or "More", then "protocol" and how it defines them ("-defined",
  "specified", "specific", "related", "dependent") or not, the kind ("inclusion/exclusion",
  "inclusion and exclusion", "Inclusion / Exclusion", "exclusion", "eligibility") or none,
  "criteria" ("and specific details"), then "apply" in any tense, after "will", "may",
  "could", "also" ("… criteria may apply", "… criteria applied to the study", "… criteria
  could apply"), a full stop at the end or not; "Note:" before it and brackets around it
  are kept too ("[Additional criteria may apply.]"). A sentence saying more ("The usual
  exclusion criteria for hormone therapy apply", "Other criteria apply; see section 4") is
  a criterion. A note written at the end of a criterion's text, with a capital, after two
  words at least ("Presence of hepatitis C Ribonucleic acid (RNA) Further exclusion
  criteria apply.") is split off: the criterion keeps the text before it, and the note is
  its own node right after it (a criterion with sub-criteria is left whole).
"""

from __future__ import annotations

import re
from typing import Any

_KIND = r"(?:inclusion|exclusion|eligibility|entry)"
_NOTE = re.compile(
    r"[\[(]?[ \t]*(?:note[ \t]*:[ \t]*)?"
    r"(?:other|additional|further|more)[ \t]+"
    r"(?:protocol(?:[ \t]*-[ \t]*|[ \t]+)(?:(?:defined|specified|specific|related|dependent)"
    r"[ \t]+)?)?"
    r"(?:" + _KIND + r"(?:[ \t]*(?:/|-|&|and/or|and|or)[ \t]*" + _KIND + r"|[ \t]+" + _KIND
    + r")?[ \t]+)?"
    r"criteri(?:a|on)(?:[ \t]+and[ \t]+specific[ \t]+details)?[ \t]+"
    r"(?:(?:will|may|might|could|can|also)[ \t]+){0,2}(?:have[ \t]+)?appl(?:y|ies|ied)"
    r"(?:[ \t]+to[ \t]+(?:the|this)[ \t]+(?:study|trial))?[ \t]*\.?[ \t]*[\])]?",
    re.IGNORECASE,
)


#: Where a note written at the end of a criterion may start: a capitalised first word after
#: a space.
_NOTE_START = re.compile(r"(?<=\s)(?:Note[ \t]*:[ \t]*)?(?:Other|Additional|Further|More|OTHER)\b")


def is_note(text: str) -> bool:
    """Whether a criterion's text is the boilerplate note (see the Choices)."""
    return _NOTE.fullmatch(text.strip()) is not None


def mark_notes(tree: list[dict[str, Any]]) -> None:
    """Mark the notes of a criteria tree (``note: true``), at any depth; a note written at
    the end of a criterion without sub-criteria becomes its own node, after it."""
    at = 0
    while at < len(tree):
        node = tree[at]
        if is_note(node["text"]):
            node["note"] = True
        elif not node["children"] and (split := _trailing(node["text"])) is not None:
            node["text"] = split[0]
            tree.insert(at + 1, {"text": split[1], "children": [], "note": True})
            at += 1
        mark_notes(node["children"])
        at += 1


def _trailing(text: str) -> tuple[str, str] | None:
    """The criterion and the note when a criterion's text ends with the note, written with
    a capital ("… (RNA) Further exclusion criteria apply."), after two words at least."""
    for match in _NOTE_START.finditer(text):
        before, note = text[: match.start()].rstrip(), text[match.start() :]
        if len(before.split()) >= 2 and is_note(note):
            return before, note
    return None
