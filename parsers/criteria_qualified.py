"""Headings that say whom or what their criteria are for (criteria_headings reads a line
for any heading): the forms of such a qualified heading, whose criteria become its children.

Choices:

- With a colon it may have up to three words before the heading words (and a word in
  parentheses: "Screening (Visit 1) Inclusion Criteria") and any short qualifier after
  them ("SPECIFIC INCLUSION CRITERIA FOR EPILEPSY SUBJECTS:"), or name the group after its
  colon ("Inclusion Criteria: Cohort A"); without one it must not directly follow a
  criterion (it may be its wrapped end), must start with a capital and the heading words,
  and must end with a short qualifier (stage/part/cohort/group/arm/phase/step/period and a
  word or number, "for" and up to sixteen words none of which is a verb, or a parenthesis:
  "Exclusion Criteria for Stage 1"), so that a sentence ("Exclusion criteria of the parent
  study apply", "Patients who do not meet the inclusion criteria") stays a criterion.
  A qualifier may also say when the criteria apply ("Exclusion criteria determined after
  tissue explant", "Exclusion Criteria prior Transplantation": "prior (to)", "before",
  "after", "during", "upon", after "determined", "assessed" and the like; a time, no span
  and no verb: criteria_asides), and the word in
  parentheses before the heading words may be up to 40 characters ("Intra-surgery (tissue
  explant/sequestrectomy) Exclusion Criteria").
- A sentence announcing its list that says whom it is for ("Women were ineligible if
  they:") heads that list only; "Transplant Exclusion:" (a few words saying whom, then the
  kind) is a group too.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .criteria_asides import WHEN_VERBS

#: The kind a heading names; "non-inclusion" is the French usage for exclusion.
KIND = r"(?P<kind>inclusion|exclusion|non[- \t]?inclusion)"


class Heading(NamedTuple):
    """A line that starts the inclusion or exclusion criteria."""

    kind: str  # "inclusion" | "exclusion"
    #: A criterion written on the heading's line after its colon, or None.
    rest: str | None = None
    #: The heading as written (without its colon) when it says whom or what the criteria
    #: below it are for: they become its children. None for a plain heading.
    group: str | None = None
    #: A sentence announcing its list ("Women were ineligible if they:"): it heads that list
    #: only, not a free paragraph after it.
    scoped: bool = False
    #: A section inside another ("Inclusion of Women and Minorities"): its paragraphs are its
    #: children; at a list item after them the section it interrupted goes on.
    aside: bool = False


def kind_of(match: re.Match[str]) -> str:
    """ "inclusion" or "exclusion": the kind a heading's match names."""
    groups = match.groupdict()
    if groups.get("participle"):
        return "exclusion" if match["participle"].casefold() == "excluded" else "inclusion"
    if groups.get("eligibility"):
        return "exclusion" if match["eligibility"].casefold() == "ineligibility" else "inclusion"
    if groups.get("ineligibility"):
        return "exclusion"
    if groups.get("entry"):
        return "inclusion"
    if groups.get("non_inclusion"):
        return "exclusion"
    kind = (groups.get("for_kind") or match["kind"]).casefold()
    return "exclusion" if kind.startswith("non") else kind


#: A heading that says whom or what its criteria are for: up to three words before it
#: ("SPECIFIC INCLUSION CRITERIA FOR EPILEPSY SUBJECTS:", "CP/CPPS cohort inclusion
#: criteria:"), a qualifier after it ("Inclusion Criteria for Part A:", "Exclusion criteria
#: (healthy volunteers):"), ending with a colon.
_QUALIFIED = re.compile(
    r"(?P<lead>(?:[^\W_][\w]*(?:[-/][^\W_]+)*[ \t]+){0,4}?)" + KIND + r"[ \t]+criteri(?:a|on)"
    r"(?P<rest>(?:[ \t]*[-\u2013\u2014(\uff08,/]|[ \t]+(?:for|in|of|at|to)\b)[^:]{0,100}"
    r"|(?P<words>(?:[ \t]+[^\W\d_][^\s:]*)(?:[ \t]+[^\s:]+){0,4}))?[ \t]*:",
    re.IGNORECASE,
)
#: "Women were ineligible if they:", "Patients are eligible for the study if they have:": a
#: sentence announcing the list, saying whom it is for.
_ELIGIBLE_IF = re.compile(
    r"(?P<whom>[^\W\d_][^:]{0,60}?)[ \t]+(?:are|is|were|was|will[ \t]+be)[ \t]+"
    r"(?P<verdict>eligible|ineligible|not[ \t]+eligible|excluded|included)"
    r"(?:[ \t]+(?:for|to|in)[ \t]+[^:]{1,60}?)?[ \t]+if"
    r"(?:[ \t]+(?:they|he|she))?(?:[ \t]+(?:have|had|has|are|were|is|meet|met))?[ \t]*:",
    re.IGNORECASE,
)
#: "Transplant Exclusion:", "Cohort 2 Inclusion:", "Cardiac Sarcoid Group Inclusion:",
#: "Biological Mother Inclusion/Exclusion:" (inclusion): up to four words saying whom, then
#: the kind.
_LEAD_KIND = re.compile(
    r"(?P<lead>[A-Z][\w-]*(?:[ \t]+[\w-]+){0,3})[ \t]+"
    r"(?P<kind>inclusions?(?:[ \t]*/[ \t]*exclusions?)?|exclusions?)[ \t]*:",
    re.IGNORECASE,
)
#: A heading naming only the kind, and whom its criteria are for ("Exclusion community-
#: dwelling older adults (primary end-users):").
_KIND_QUALIFIED = re.compile(
    r"(?P<kind>Inclusion|Exclusion|INCLUSION|EXCLUSION)[ \t]+(?P<first>[^\W\d_][\w-]*)"
    r"[^:]{0,80}:"
)
#: Words that make the start of a line a sentence about criteria, not a heading ("Does not
#: meet the inclusion criteria:").
_SENTENCE_WORDS = frozenset({
    "not", "no", "meet", "meets", "met", "meeting", "all", "any", "the", "of", "with", "who",
    "must", "above", "below", "following", "these", "those", "and", "or", "if", "is",
    "are", "be", "been", "has", "have", "fulfil", "fulfill", "fulfils", "fulfills", "satisfy",
    "satisfies",
})
#: What a heading's line may name after its colon instead of a first criterion: the group
#: its criteria are for ("Cohort A", "Part 2", "Group A - Yellow Fever", "All Participants",
#: "HEALTHY CONTROL CHILDREN AND ADOLESCENTS:").
_GROUP_NAME = re.compile(
    r"(?:cohort|part|group|arm|stage|phase|sub-?study|step|period|module)[ \t]+[\w.-]{1,6}"
    # and its name after a dash: "Group A - Yellow Fever", "Cohort 2 – HIV-positive adults"
    r"(?:[ \t]+[-–—][ \t]+[^\W\d_][\w/-]*(?:[ \t]+[\w/()-]+){0,4})?:?"
    r"|all[ \t]+(?:participants|patients|subjects|cohorts|parts|groups|arms|populations):?",
    re.IGNORECASE,
)
#: Most words of a group named after a heading's colon in other words ("HEALTHY CONTROL
#: CHILDREN AND ADOLESCENTS:", not "Patients must meet all inclusion criteria:").
_GROUP_NAME_WORDS = 6


def group_name(rest: str) -> bool:
    """Whether what follows a heading's colon names the group its criteria are for ("Cohort
    A", "HEALTHY CONTROL CHILDREN AND ADOLESCENTS:"), not a first criterion."""
    if _GROUP_NAME.fullmatch(rest):
        return True
    words = rest.removesuffix(":").split()
    return (rest.endswith(":") and 0 < len(words) <= _GROUP_NAME_WORDS
            and rest[:1].isalpha() and not any(
                word.casefold() in (_VERBS if rest.isupper() else _SENTENCE_WORDS | _VERBS)
                for word in words)
            and ":" not in rest[:-1] and "." not in rest)


#: A heading without a colon that says whom or what its criteria are for: the heading words
#: first, then only a short qualifier ("Inclusion Criteria Stage 1", "Exclusion Criteria for
#: Stage 1", "Inclusion criteria (healthy volunteers)").
#: "General Exclusion Criteria", "Radiological Exclusion Criteria": a word or two for whom
#: or which (none of them a sentence's).
#: "Screening (Visit 1) Inclusion Criteria": a word in parentheses may say which.
_WHOSE = re.compile(
    r"(?P<lead>(?:[^\W\d_][\w'-]*[ \t]+){1,3}(?:\([^()]{1,40}\)[ \t]+)?)(?:key[ \t]+)?"
    + KIND + r"[ \t]+criteri(?:a|on)",
    re.IGNORECASE,
)
_BARE_QUALIFIED = re.compile(
    r"(?:key[ \t]+|main[ \t]+|major[ \t]+)?" + KIND + r"[ \t]+criteri(?:a|on)(?:"
    r"(?:[ \t]*[-\u2013\u2014,][ \t]*|[ \t]+)(?:[^\W\d_][\w-]*[ \t]+)?"
    r"(?:stage|part|cohort|group|arm|phase|step|period)(?:[ \t]+[^\W_][\w.-]{0,11})?"
    r"|[ \t]+for(?P<words>(?:[ \t]+(?:[^\W_][\w/&'.,-]*|\([^()]{1,30}\))){1,16})"
    r"(?:[ \t]*[(\uff08][^()\uff08\uff09]{1,60}[)\uff09])?"
    # "Exclusion criteria determined after tissue explant", "… prior Transplantation": when
    r"|[ \t]+(?P<when>(?:(?:determined|assessed|evaluated|checked|confirmed|verified)[ \t]+)?"
    r"(?:prior(?:[ \t]+to)?|before|after|during|upon)[ \t]+[^\W\d_][\w/&'.,-]*"
    r"(?:[ \t]+[^\W_][\w/&'.,-]*){0,7})"
    r"|[ \t]*[-\u2013\u2014][ \t]*(?P<dashed>[^\W\d_][^:]{0,100})"
    r"|[ \t]*[(\uff08][^()\uff08\uff09]{1,60}[)\uff09])",
    re.IGNORECASE,
)
#: A heading run together with its first criterion, without a colon ("Inclusion Criteria Age
#: ≥ 60 years."): the criterion starts with a capital.
_RUN_ON = re.compile(
    r"(?:key[ \t]+)?" + KIND + r"[ \t]+criteria[ \t]+(?P<rest>[A-Z][\w-]*(?:[ \t]\S.*)?)",
    re.IGNORECASE,
)
#: Words that make a colon-less "… criteria for …" line a sentence ("Exclusion criteria for
#: the parent study apply").
_VERBS = frozenset({
    "apply", "applies", "applied", "are", "is", "was", "were", "will", "must", "shall",
    "should", "can", "could", "may", "be", "been", "have", "has", "had", "include",
    "includes", "including", "listed", "met", "meet", "below", "above", "following",
    "follows", "as", "not", "see",
})
_PARENTHESES = re.compile(r"\([^()]*\)")
#: Longest line read as a qualified heading without a colon.
_BARE_MAX = 140


def eligible_if(text: str) -> Heading | None:
    """ "Women were ineligible if they:" (its criteria its children), or None."""
    match = _ELIGIBLE_IF.fullmatch(text)
    if match is None or match["whom"].split()[0].casefold() in _SENTENCE_WORDS:
        return None
    verdict = match["verdict"].casefold()
    kind = "inclusion" if verdict in ("eligible", "included") else "exclusion"
    return Heading(kind, None, text[:-1].rstrip(), scoped=True)


def lead_kind(text: str) -> Heading | None:
    """ "Transplant Exclusion:" (its criteria its children), or None."""
    match = _LEAD_KIND.fullmatch(text)
    if match is None or any(word.casefold() in _SENTENCE_WORDS | _VERBS | _NOT_WHOM
                            | _NEGATIONS | _LEAD_NOT_WHOM for word in match["lead"].split()):
        return None
    kind = "exclusion" if match["kind"].casefold().startswith("ex") else "inclusion"
    return Heading(kind, None, text[:-1].rstrip())


#: Words before "Inclusion:"/"Exclusion:" that make the line no heading ("Reason for
#: exclusion:", "Criteria for inclusion:", "Date of inclusion:").
_LEAD_NOT_WHOM = frozenset({"reason", "reasons", "date", "time", "criteria", "criterion",
                            "after", "before", "upon", "at", "of", "prior", "since", "until",
                            "during", "study", "trial", "randomization", "enrollment"})


def qualified(text: str) -> Heading | None:
    """ "SPECIFIC INCLUSION CRITERIA FOR EPILEPSY SUBJECTS:", "Exclusion Criteria（patients）:"
    (text ends with a colon), or None."""
    match = _QUALIFIED.fullmatch(text)
    if match is None:
        return None
    if not (match["lead"] or match["rest"]):
        return None
    if any(word.casefold() in _SENTENCE_WORDS for word in match["lead"].split()):
        return None
    if match["words"] and any(
            word.casefold() in _VERBS for word in match["words"].split()):
        return None
    return Heading(kind_of(match), None, text[:-1].rstrip())


def kind_qualified(text: str) -> Heading | None:
    """"Exclusion community-dwelling older adults (primary end-users):", or None."""
    match = _KIND_QUALIFIED.fullmatch(text)
    if match is None or match["first"].casefold() in (_SENTENCE_WORDS | _VERBS | _NOT_WHOM
                                                       | _NEGATIONS):
        return None
    if match["first"].casefold().startswith("criteri"):
        return Heading(kind_of(match))  # "Inclusion Criteriar:"
    return Heading(kind_of(match), None, text[:-1].rstrip())


#: Words that make a line about criteria a criterion ("Patients without exclusion criteria",
#: "Inclusion Criteria Violation at screening").
_NEGATIONS = frozenset({"without", "failing", "failed", "fails", "violation", "violations",
                        "violated", "into", "deviation", "deviations"})
#: First words after "Inclusion Criteria" that make the line a sentence about them.
_NOT_RUN_ON = frozenset({"not", "no", "met", "meet", "apply", "applies", "of", "are", "is",
                         "was", "were", "will", "must", "as", "see", "listed", "below",
                         "above"})
#: First words after "Inclusion"/"Exclusion" that make a line no heading of its own.
_NOT_WHOM = frozenset({"criteria", "criterion", "from", "by", "for", "on", "in", "at", "to"})


def run_on(text: str) -> Heading | None:
    """"Inclusion Criteria Subjects must meet …": a heading and its first criterion."""
    match = _RUN_ON.fullmatch(text)
    if match is None or not match["rest"][0].isupper():
        return None
    if match["rest"].split()[0].casefold() in _NOT_RUN_ON | _NEGATIONS:
        return None  # "Inclusion Criteria Not Met"
    rest = match["rest"]
    if len(rest.split()) <= _QUALIFIER_WORDS and not rest.endswith("."):
        return Heading(kind_of(match), None, text)  # "Exclusion Criteria Related to MRI"
    return Heading(kind_of(match), rest)


#: Most words after "… Criteria" read as whom the criteria are for, not as a criterion.
_QUALIFIER_WORDS = 4


def bare_qualified(text: str, bulleted: bool = False) -> Heading | None:
    """A qualified heading without a colon ("Exclusion Criteria for Stage 1"), or None: it
    must start with a capital and the heading words, and end with a short qualifier."""
    if len(text) > _BARE_MAX or not text[:1].isupper():
        return None
    # A list item only when every word is capitalised ("B. Study Exclusion Criteria", not
    # "* Patients without exclusion criteria").
    whose = (_WHOSE.fullmatch(text) if not bulleted or _capitalised(text) else None)
    if whose is not None and not any(word.casefold() in _SENTENCE_WORDS | _VERBS | _NEGATIONS
                                     for word in whose["lead"].split()):
        return Heading(kind_of(whose), None, text)
    match = _BARE_QUALIFIED.fullmatch(text)
    if match is None:
        return None
    words = " ".join((match["words"] or "", match["when"] or "",
                      _PARENTHESES.sub("", match["dashed"] or "")))
    verbs = _VERBS | WHEN_VERBS if match["when"] else _VERBS
    return None if any(word.casefold() in verbs for word in words.split()) else Heading(
        kind_of(match), None, text)


def _capitalised(text: str) -> bool:
    return all(word[:1].isupper() or not word[:1].isalpha() for word in text.split())
