"""Notes among eligibility criteria: the registry's boilerplate sentence saying that the
protocol has more criteria ("Other protocol-defined inclusion/exclusion criteria may apply"),
and an opening sentence over a section's whole list. A note states no criterion; it is
kept, as written and where it stands, marked ``note: true`` (docs/record.md; a heading "Key
Inclusion Criteria" is kept as one too: criteria.Written).

Choices:

- A note is a criterion's whole text (its bullet or number removed), in any case: "Other",
  "Additional", "Further" or "More", then "protocol" and how it defines them ("-defined",
  "specified", "specific", "related", "dependent") or not, the kind ("inclusion/exclusion",
  "inclusion and exclusion", "Inclusion / Exclusion", "exclusion", "eligibility") or none,
  "criteria" ("and specific details"), then "apply" in any tense, after "will", "may",
  "could", "also" ("… criteria may apply", "… criteria applied to the study", "… criteria
  could apply"), a full stop at the end or not; "Note:" before it and brackets around it are
  kept too ("[Additional criteria may apply.]"). A text that opens with "Note:" (or
  "Notes:", "NB:") is a note ("Note: Antiviral therapy is permitted for participants with
  chronic hepatitis B", after the last exclusion criterion: its author says it is no
  criterion), unless it states a requirement ("must", "should", "required", "only if":
  "Note: patients in Cohort A2 should have a known POLE pathogenic mutation"). A sentence
  saying more ("The usual exclusion criteria for hormone therapy apply", "Other criteria
  apply; see section 4") is a criterion. A note written at the end of a criterion's text,
  with a capital, after two words at least ("Presence of hepatitis C Ribonucleic acid (RNA)
  Further exclusion criteria apply.") is split off: the criterion keeps the text before it,
  and the note is its own node right after it (a criterion with sub-criteria is left whole).
- The registry's placeholder "Please contact site for information." (a study listing no
  criteria) is a note too, and so is a sponsor's pointer to where to learn more ("For more
  information regarding BMS clinical trial participation, please visit
  www.BMSStudyConnect.com", "Please visit www.… for more information"), unless it states a
  requirement.
- A sentence saying that the protocol holds the other criteria ("Other inclusion/exclusion
  criteria are specified in the protocol.", "Other exclusion criteria as per protocol.") is
  such a note too, and so is a section's word that it states none ("N/A", "None", "Nil",
  "Not applicable", "No exclusion criteria", "This study has no exclusion criteria").
- A sentence closing the list by looking back at it ("Patients who meet any of the above
  criteria will be excluded.", criteria_closing) is a note; written at the end of a criterion
  it is split off as the registry's note is. Such a sentence or the registry's note written as
  a criterion's one paragraph under it (indented after a blank line) is no part of that
  criterion: it becomes the note right after it.
- "OR", "AND", "and/or" or "either" alone between two lists (how they combine) is a note.
- A sentence saying how to answer a list written as questions ("All answers must be NO to
  be eligible for the study.") is a note, as is a word naming the list it stands over, as
  its section's first node ("Exclusion Criteria: contra-indication"; "* Contraindications"
  among other criteria is one of them: mark_list_name).
- The sponsors' sentence "The above information is not intended to contain all
  considerations relevant to a patient's potential participation in a clinical trial." ("was
  not intended", "a participant's", "The information listed above …, and not all
  inclusion/exclusion criteria are listed") is such a note too.
- A section's opening sentence over its whole list ("Subjects must meet all of the following
  criteria to participate in this study:", "A subject will not be eligible … if any of the
  following criteria apply:") is a note when it is the section's one criterion (notes
  aside), with two items or more: its items become the section's criteria, after it, or
  when it is the section's first item, followed by three or more beside it (the registry's
  Markdown lists it as one of them: "* A participant will be eligible for entry into the
  study if all of the following criteria are met:"); (see
  mark_announcement for what it must say); in an exclusion section, also one that does not
  say "criteria" ("Patients with any of the following will be excluded:").
"""

from __future__ import annotations

import re
from typing import Any

from .criteria_closing import closing_end, is_closing

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


_W = r"[ \t]+"
#: "The above information is not intended to contain all considerations relevant to a
#: patient's potential participation in a clinical trial."
_CONSIDERATIONS = re.compile(
    r"(?:note[ \t]*:[ \t]*)?(?:the" + _W + r")?(?:above" + _W + r"information|information"
    + _W + r"(?:listed" + _W + r")?above)" + _W + r"(?:is|was)" + _W + r"not" + _W
    + r"intended" + _W + r"to" + _W + r"contain" + _W + r"all" + _W + r"considerations" + _W
    + r"relevant" + _W + r"to" + _W + r"an?" + _W
    + r"(?:(?:patient|participant|subject)(?:'s|’s|s')?" + _W + r")?potential" + _W
    + r"participation" + _W + r"in" + _W + r"(?:a|this)" + _W + r"(?:clinical" + _W
    + r")?(?:trial|study)(?:" + _W + r"and" + _W + r"not" + _W + r"all" + _W
    + r"inclusion[ \t]*/[ \t]*exclusion" + _W + r"criteria" + _W + r"are" + _W
    + r"listed)?[ \t]*\.?",
    re.IGNORECASE,
)

#: Where a note written at the end of a criterion may start: a capitalised first word after
#: a space.
_NOTE_START = re.compile(r"(?<=\s)(?:Note[ \t]*:[ \t]*)?(?:Other|Additional|Further|More|OTHER"
                         r"|The[ \t]+above|The[ \t]+information)\b")


#: A text its author calls a note: "Note: Antiviral therapy is permitted for …", "NB: …".
_CALLED_NOTE = re.compile(r"[\[(]?[ \t]*(?:notes?|n\.?b\.?)[ \t]*:[ \t]*\S", re.IGNORECASE)


#: What a requirement says: a text so written is a criterion, "Note:" or not.
_REQUIRES = re.compile(r"(?i)\b(?:must|should|shall|required?|requires|need|needs|only if)\b")


#: The registry's placeholder for criteria a study does not list.
_PLACEHOLDER = re.compile(
    r"(?:please[ \t]+)?contact[ \t]+(?:the[ \t]+)?(?:study[ \t]+)?(?:site|sponsor|investigators?)"
    r"s?[ \t]+for[ \t]+(?:more[ \t]+)?information[ \t]*\.?", re.IGNORECASE)


#: A sponsor's pointer to where to learn more about taking part: "For more information
#: regarding BMS clinical trial participation, please visit www.BMSStudyConnect.com", "For
#: additional information please contact the … Clinical Trial Matching Service at …".
_POINTER = re.compile(
    r"(?:for[ \t]+(?:more|additional|further)[ \t]+information[ \t,]+(?:regarding|about|on|"
    r"please|visit|call|contact|see)\b|please[ \t]+visit[ \t]+(?:www\.|https?://))",
    re.IGNORECASE)


#: How to read a list written as questions: "All answers must be NO to be eligible for the
#: study." (a sentence over the list, on its heading's line or as its first item).
_ANSWERS = re.compile(
    r"(?:all[ \t]+)?(?:the[ \t]+)?answers[ \t]+(?:to[ \t]+[^.]{1,40}?[ \t]+)?must[ \t]+be"
    r"[ \t]+[\"“']?(?:yes|no)[\"”']?(?:[ \t]+(?:in[ \t]+order[ \t]+)?to[ \t]+be[ \t]+"
    r"(?:eligible|enrolled|included)(?:[ \t]+(?:for|in)[ \t]+(?:the|this)[ \t]+"
    r"(?:study|trial))?)?[ \t]*\.?", re.IGNORECASE)


#: Criteria the protocol holds, not the record: "Other inclusion/exclusion criteria are
#: specified in the protocol.", "Additional criteria as per protocol".
_IN_PROTOCOL = re.compile(
    r"(?:note[ \t]*:[ \t]*)?(?:other|additional|further|more)[ \t]+(?:[\w/ -]{0,40}?[ \t]+)?"
    r"criteri(?:a|on)[ \t]+(?:(?:are|is|will[ \t]+be)[ \t]+)?(?:(?:specified|defined|described"
    r"|detailed|listed|found|outlined|included)[ \t]+in|as[ \t]+per|per|according[ \t]+to)"
    r"[ \t]+(?:the[ \t]+)?(?:study[ \t]+)?protocol[ \t]*\.?", re.IGNORECASE)
#: A section that states no criteria: "N/A", "None", "This study has no exclusion criteria".
_NONE_STATED = re.compile(
    r"(?:n/?a|none|nil|not[ \t]+applicable|(?:there[ \t]+(?:are|is)|this[ \t]+(?:study|trial)"
    r"[ \t]+has)[ \t]+no[ \t]+(?:(?:inclusion|exclusion|eligibility)[ \t]+)?criteri(?:a|on)"
    r"|no[ \t]+(?:(?:inclusion|exclusion|eligibility)[ \t]+)?criteri(?:a|on))[ \t]*\.?",
    re.IGNORECASE)
#: Words that join two lists ("… list A", "OR", "… list B"): no criterion, no group's name
#: (criteria_lines.group_label, which also takes "plus" for one: as an item, "+ plus" may be
#: a criterion's word).
CONNECTORS = frozenset({"or", "and", "and/or", "either"})
#: Such a word on a line of its own: how the lists combine, a note.
_CONNECTIVE = re.compile(
    r"\(?(?:" + "|".join(sorted(map(re.escape, CONNECTORS), key=len, reverse=True))
    + r")\)?[ \t]*:?", re.IGNORECASE)
#: A word naming what the list under it is, written as its first item ("Exclusion Criteria:
#: contra-indication", then the contraindications).
_NAMES_LIST = re.compile(r"contra[- ]?indications?[ \t]*:?", re.IGNORECASE)


#: The notes above as one pattern (one call a criterion: every criterion is tried).
_STATES_NONE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in (
    _ANSWERS, _IN_PROTOCOL, _NONE_STATED, _CONNECTIVE)), re.IGNORECASE)


def is_note(text: str) -> bool:
    """Whether a criterion's text is the boilerplate note, or one its author calls a note
    that states no requirement (see the Choices)."""
    if _is_boilerplate(text):
        return True
    text = text.strip()
    if _PLACEHOLDER.fullmatch(text) is not None:
        return True  # "Please contact site for information.": no criterion stated
    if _POINTER.match(text) is not None and _REQUIRES.search(text) is None:
        return True  # "For more information … please visit www.BMSStudyConnect.com"
    if _STATES_NONE.fullmatch(text) is not None:
        return True  # "All answers must be NO …", "N/A", "None", "OR", …
    if is_closing(text):
        return True  # "Patients who meet any of the above criteria will be excluded."
    return _CALLED_NOTE.match(text) is not None and _REQUIRES.search(text) is None


def _is_boilerplate(text: str) -> bool:
    text = text.strip()
    return _NOTE.fullmatch(text) is not None or _CONSIDERATIONS.fullmatch(text) is not None


def mark_notes(tree: list[dict[str, Any]]) -> None:
    """Mark the notes of a criteria tree (``note: true``), at any depth (a node with
    sub-criteria is none: a note has no children); a note written at the end of a criterion
    without sub-criteria becomes its own node, after it; so does a sentence closing the list
    (criteria_closing) written as a criterion's one paragraph under it ("2. B" and, indented
    under it after a blank line, "Patients meeting any of the above will be excluded.")."""
    at = 0
    while at < len(tree):
        node = tree[at]
        if is_note(node["text"]) and not node["children"]:
            node["note"] = True
        elif not node["children"] and (split := _trailing(node["text"])) is not None:
            node["text"] = split[0]
            tree.insert(at + 1, {"text": split[1], "children": [], "note": True})
            at += 1
        mark_notes(node["children"])
        if (len(node["children"]) == 1 and node["children"][0].get("note")
                and (is_closing(node["children"][0]["text"])
                     or _is_boilerplate(node["children"][0]["text"]))):
            tree.insert(at + 1, node["children"].pop())
            at += 1
        at += 1


def _trailing(text: str) -> tuple[str, str] | None:
    """The criterion and the note when a criterion's text ends with the note, written with
    a capital ("… (RNA) Further exclusion criteria apply."), after two words at least."""
    for match in _NOTE_START.finditer(text):
        before, note = text[: match.start()].rstrip(), text[match.start() :]
        if len(before.split()) >= 2 and _is_boilerplate(note):
            return before, note
    return closing_end(text)  # "… trials. Patients who met any of the above … excluded."


#: What an announcing sentence names: the criteria that follow, and the study or the
#: eligibility ("… the following criteria to participate in this study:", "Patients who meet
#: any of these criteria are not eligible for enrollment …, including participants who:").
_CRITERIA = re.compile(
    r"\b(?:following|below|these)\b.*\bcriteria\b|\bcriteria\b.*\b(?:following|below)\b",
    re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:study|trial|eligib\w*|enrol\w*|entry|particip\w*|included|excluded"
                    r"|inclusion|exclusion)\b", re.IGNORECASE)
#: An inclusion sentence that makes its list alternatives ("meet one of the following
#: criteria:"): its items are no criteria each.
_ALTERNATIVES = re.compile(r"\b(?:any|one|either|least|some|none|or)\b", re.IGNORECASE)
#: An exclusion sentence over its list that does not say "criteria": "Patients with any of
#: the following will be excluded:".
_EXCLUDES_ANY = re.compile(
    r"\b(?:any|one or more)[ \t]+of[ \t]+the[ \t]+following\b.*\b(?:excluded|ineligible"
    r"|not[ \t]+(?:be[ \t]+)?(?:eligible|enrolled|included))\b"
    r"|\b(?:excluded|ineligible|not[ \t]+(?:be[ \t]+)?(?:eligible|enrolled|included))\b"
    r".*\b(?:any|one or more)[ \t]+of[ \t]+the[ \t]+following\b", re.IGNORECASE)
#: What an announcing sentence listed beside its items must not hold: a number (an age, "18
#: to 75": a criterion of its own) or a look back at the criteria above.
_STATES_NOTHING = re.compile(r"\d|\babove\b", re.IGNORECASE)
#: Fewest items of an announced list.
_ANNOUNCED_MIN = 2


def announces(text: str, kind: str) -> bool:
    """Whether a sentence announces the criteria that follow it: it names them and the study
    or the eligibility ("… meets ANY of the following criteria:", not "Patients with ALL who
    fulfil the following criteria:") or, for the exclusion criteria, excludes "any of the
    following" (_EXCLUDES_ANY)."""
    return ((_CRITERIA.search(text) is not None and _ABOUT.search(text) is not None)
            or (kind == "exclusion" and _EXCLUDES_ANY.search(text) is not None))


def mark_list_name(tree: list[dict[str, Any]]) -> None:
    """Mark a section's first node as a note when it is a word naming the list after it
    ("Exclusion Criteria: contra-indication", then the contraindications): elsewhere such a
    word is a criterion ("* Contraindications" among others)."""
    if (len(tree) > 1 and not tree[0]["children"]
            and _NAMES_LIST.fullmatch(tree[0]["text"].strip()) is not None):
        tree[0]["note"] = True


def mark_announcement(tree: list[dict[str, Any]], kind: str) -> None:
    """Mark a section's opening sentence that announces its whole list ("Subjects must meet
    all of the following criteria to participate in this study:", "… if any of the following
    criteria apply:") as a note, when it is the section's one criterion (notes aside),
    names the criteria that follow and the study or the eligibility (not "Patients with ALL
    who fulfil the following criteria:", "Meets ADA criteria for …:") or, in an exclusion
    section, excludes "any of the following" (_EXCLUDES_ANY), ends with a colon and
    holds two items or more: its items become the
    section's criteria, after it. An inclusion sentence that makes them alternatives ("one
    of the following criteria:") is left as it is."""
    nodes = [node for node in tree if not node.get("note")]
    # or the first of the section's items, its list the items beside it ("* A participant will
    # be eligible … if all of the following criteria are met:" then "* Lives in …")
    beside = (len(nodes) > _ANNOUNCED_MIN and not nodes[0]["children"]
              and _STATES_NOTHING.search(nodes[0]["text"]) is None)
    if len(nodes) != 1 and not beside:
        return
    node = nodes[0]
    text = node["text"].rstrip()
    if (not text.endswith(":") or not announces(text, kind)
            or (kind == "inclusion" and _ALTERNATIVES.search(text) is not None)):
        return
    if beside:
        node["note"] = True
        return
    if len(node["children"]) < _ANNOUNCED_MIN:
        return
    at = next(at for at, found in enumerate(tree) if found is node)
    tree[at : at + 1] = [{"text": node["text"], "children": [], "note": True},
                         *node["children"]]

