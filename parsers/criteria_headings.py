"""Headings of eligibility criteria: which lines start the inclusion or the exclusion
criteria, and which of them name a group of criteria.

Choices:

- A heading is a line that names the inclusion or exclusion criteria ("Key Inclusion
  Criteria:", "Inclusion criteria", "EXCLUSION CRITERIA: pregnancy", "CRITERIA FOR
  EXCLUSION:"), also in brackets ("[Inclusion Criteria]") or after an outline number ("III.6
  EXCLUSION CRITERIA"); French "Non-inclusion criteria" are the exclusion criteria.
- "Criteria of inclusion", "Criteria for (study) exclusion" (the words in the other order)
  are read as "Inclusion criteria", "Exclusion criteria" are, with what follows them:
  "Criteria of exclusion:" is a plain heading, "Criteria of exclusion from MRI:" a group (as
  written), "Criteria of inclusion: Age ≥ 18" carries its first criterion. Without a colon
  the line must start with a capital and not follow a criterion (it may be a sentence's
  wrapped end: "… who do not meet the" / "criteria for inclusion."); "Criteria for
  inclusion/exclusion:" names both kinds and is no heading.
- A heading that says whom or what its criteria are for is a group: its criteria become its
  children. With a colon it may have up to three words before the heading words (and a word
  in parentheses: "Screening (Visit 1) Inclusion Criteria") and any short qualifier after
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
- "Inclusion of Women and Minorities" (the NIH's section, not a list item) heads inclusion
  paragraphs, its children, wherever it stands: an aside (see criteria_asides).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .criteria_asides import WHEN_VERBS, inclusion_of

#: The kind a heading names; "non-inclusion" is the French usage for exclusion.
_KIND = r"(?P<kind>inclusion|exclusion|non[- \t]?inclusion)"
_SUBHEADING = re.compile(
    r"^(?:list\s+of\s+(?:the\s+)?)?(?:key\s+|main\s+|major\s+)?" + _KIND
    + r"(?:s|\s+criteria(?:\s+(?:include|includes|are))?"
    r"(?:\s+(?:the\s+following|as\s+follows))?)?\s*[:.]?$"
    # "Excluded will be those with:", "Conditions for Patient Ineligibility:"
    r"|^(?P<participle>included|excluded)(?:\s+will\s+be\s+(?:those|patients|participants|"
    r"subjects)(?:\s+(?:with|who))?)?\s*:$"
    r"|^(?:conditions\s+for\s+)?(?:patient\s+|subject\s+|participant\s+)?"
    r"(?P<eligibility>eligibility|ineligibility)(?:\s+criteria)?\s*:$"
    r"|^(?P<ineligibility>ineligibility)\s+criteria\s*:?$"
    # "CRITERIA FOR INCLUSION:", "Criteria for study exclusion:", "Criteria of exclusion:"
    r"|^criteria\s+(?:for|of)\s+(?:study\s+)?"
    r"(?P<for_kind>inclusion|exclusion|non[- \t]?inclusion)\s*:$",
    re.IGNORECASE,
)
#: "Inclusion Criteria: first criterion" (a heading carrying its first criterion).
_HEADING_TEXT = re.compile(
    r"(?P<head>(?:key\s+|main\s+|major\s+)?" + _KIND + r"\s+criteria)\s*:\s*"
    r"(?P<rest>\S.*)",
    re.IGNORECASE,
)
#: A heading that says whom or what its criteria are for: up to three words before it
#: ("SPECIFIC INCLUSION CRITERIA FOR EPILEPSY SUBJECTS:"), a qualifier after it ("Inclusion
#: Criteria for Part A:", "Exclusion criteria (healthy volunteers):"), ending with a colon.
_QUALIFIED = re.compile(
    r"(?P<lead>(?:[^\W_][\w]*(?:-[^\W_]+)*[ \t]+){0,4}?)" + _KIND + r"[ \t]+criteri(?:a|on)"
    r"(?P<rest>(?:[ \t]*[-\u2013\u2014(\uff08,/]|[ \t]+(?:for|in|of|at|to)\b)[^:]{0,100}"
    r"|(?P<words>(?:[ \t]+[^\W\d_][^\s:]*)(?:[ \t]+[^\s:]+){0,4}))?[ \t]*:",
    re.IGNORECASE,
)
#: "The exclusion criteria for the case group are as follows:", "The inclusion criteria
#: are:": a heading written as a sentence announcing the list.
_ANNOUNCED = re.compile(
    r"(?:the[ \t]+)?" + _KIND + r"[ \t]+criteria(?P<whom>[ \t]+(?:for|of|in)[ \t]+[^:]{1,60}?)?"
    r"[ \t]+(?:are|is|include|includes)(?:[ \t]+(?:as[ \t]+follows|the[ \t]+following))?"
    r"[ \t]*:",
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
#: "Patients must meet all of the following inclusion criteria:": a sentence announcing the
#: list.
_FOLLOWING = re.compile(r".{0,80}\bfollowing[ \t]+" + _KIND + r"[ \t]+criteria[ \t]*:",
                        re.IGNORECASE)
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
#: Longest line read as a qualified heading.
_HEADING_MAX = 160
#: An outline number before a heading ("III.6 EXCLUSION CRITERIA", "2. Inclusion criteria:").
_OUTLINE = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}(?:\.\d{1,2})*\.?|[ivx]{1,4}\.|[A-Za-z][.)])[ \t]+"
)
#: What a heading's line may name after its colon instead of a first criterion: the group
#: its criteria are for ("Cohort A", "Part 2", "All Participants", "HEALTHY CONTROL
#: CHILDREN AND ADOLESCENTS:").
_GROUP_NAME = re.compile(
    r"(?:cohort|part|group|arm|stage|phase|sub-?study|step|period|module)[ \t]+[\w.-]{1,6}:?"
    r"|all[ \t]+(?:participants|patients|subjects|cohorts|parts|groups|arms|populations):?",
    re.IGNORECASE,
)
#: Most words of a group named after a heading's colon in other words ("HEALTHY CONTROL
#: CHILDREN AND ADOLESCENTS:", not "Patients must meet all inclusion criteria:").
_GROUP_NAME_WORDS = 6


def _group_name(rest: str) -> bool:
    if _GROUP_NAME.fullmatch(rest):
        return True
    words = rest.removesuffix(":").split()
    return (rest.endswith(":") and 0 < len(words) <= _GROUP_NAME_WORDS
            and rest[:1].isalpha() and not any(
                word.casefold() in (_VERBS if rest.isupper() else _SENTENCE_WORDS | _VERBS)
                for word in words)
            and ":" not in rest[:-1] and "." not in rest)
#: A qualified heading and a note on what it applies to, in parentheses after its colon.
_NOTED = re.compile(r"(?P<head>[^:]{3,120}:)[ \t]*[(\uff08][^()\uff08\uff09]{1,160}[)\uff09]\.?")
#: A heading in brackets ("[Inclusion Criteria]", "【Exclusion criteria】:").
_BRACKETED = re.compile(r"[\[【][ \t]*(?P<body>[^\[\]【】]+?)[ \t]*[\]】][ \t]*(?P<colon>:?)")
#: A heading without a colon that says whom or what its criteria are for: the heading words
#: first, then only a short qualifier ("Inclusion Criteria Stage 1", "Exclusion Criteria for
#: Stage 1", "Inclusion criteria (healthy volunteers)").
#: "General Exclusion Criteria", "Radiological Exclusion Criteria": a word or two for whom
#: or which (none of them a sentence's).
#: "Screening (Visit 1) Inclusion Criteria": a word in parentheses may say which.
_WHOSE = re.compile(
    r"(?P<lead>(?:[^\W\d_][\w'-]*[ \t]+){1,3}(?:\([^()]{1,40}\)[ \t]+)?)(?:key[ \t]+)?"
    + _KIND + r"[ \t]+criteri(?:a|on)",
    re.IGNORECASE,
)
_BARE_QUALIFIED = re.compile(
    r"(?:key[ \t]+|main[ \t]+|major[ \t]+)?" + _KIND + r"[ \t]+criteri(?:a|on)(?:"
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
    r"(?:key[ \t]+)?" + _KIND + r"[ \t]+criteria[ \t]+(?P<rest>[A-Z][\w-]*(?:[ \t]\S.*)?)",
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


def _kind(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("participle"):
        return "exclusion" if match["participle"].casefold() == "excluded" else "inclusion"
    if groups.get("eligibility"):
        return "exclusion" if match["eligibility"].casefold() == "ineligibility" else "inclusion"
    if groups.get("ineligibility"):
        return "exclusion"
    kind = (groups.get("for_kind") or match["kind"]).casefold()
    return "exclusion" if kind.startswith("non") else kind


def subheading(text: str) -> str | None:
    """'inclusion' or 'exclusion' when the line is such a subheading ("Inclusion Criteria:",
    "Non-inclusion criteria:")."""
    match = _SUBHEADING.match(text.strip())
    if match is None or (match["eligibility"] and match.group(0).casefold().startswith(
            "eligibility")):
        return None  # "Eligibility:" names no kind
    return _kind(match)


def heading(text: str, continued: bool = False, bulleted: bool = False) -> Heading | None:
    """The heading a line is, or None: a plain one ("Key Inclusion Criteria:", "[Exclusion
    Criteria]", "III.6 EXCLUSION CRITERIA"), one carrying its first criterion ("Exclusion
    Criteria: Pregnancy"), or a qualified one ("INCLUSION CRITERIA FOR HEALTHY VOLUNTEERS:",
    "Inclusion Criteria Stage 1"). continued: the line directly follows a criterion, so may
    be its wrapped end ("… who satisfy the" / "Inclusion Criteria (Appendix A)"): then it is
    no qualified heading without a colon. bulleted: the line is a list item: it is a heading
    only in the plain forms, with the heading words first ("* Exclusion Criteria:", "*
    Inclusion criteria for Part A:"), never as a sentence about criteria ("* Patients
    without exclusion criteria", "* Inclusion into another study within 30 days:")."""
    text = text.strip()
    outline = _OUTLINE.match(text)
    if outline:
        text = text[outline.end() :]
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed:
        text = bracketed["body"] + bracketed["colon"]
    kind = subheading(text)
    if kind and not (bulleted and _ELIGIBILITY.match(text)):
        return Heading(kind)
    if _CRITERIA_OF.match(text):
        return _criteria_of(text, continued, bulleted)
    match = _HEADING_TEXT.fullmatch(text)
    if match:
        if _group_name(match["rest"]):  # "Inclusion Criteria: Cohort A"
            return Heading(_kind(match), None, text.removesuffix(":").rstrip())
        return Heading(_kind(match), match["rest"])
    noted = _NOTED.fullmatch(text) if "(" in text or "\uff08" in text else None
    if noted is not None:  # "Eye-Related Exclusion Criteria: (Applies to the study eye.)"
        found = heading(noted["head"], continued, bulleted)
        if found is not None and found.group is not None and found.rest is None:
            return found._replace(group=text)
    if not text.endswith(":"):
        if continued:
            return None
        return _bare_qualified(text, bulleted) or (
            None if bulleted else _run_on(text) or _inclusion_of(text))
    if len(text) > _HEADING_MAX:
        return None
    if bulleted:
        return _qualified(text)
    following = _FOLLOWING.fullmatch(text)
    if following is not None:  # the sentence is kept: its criteria become its children
        return Heading(_kind(following), None, text[:-1].rstrip())
    announced = _ANNOUNCED.fullmatch(text)
    if announced is not None:
        return Heading(_kind(announced), None, text[:-1].rstrip() if announced["whom"] else None)
    return (_qualified(text) or _kind_qualified(text) or _eligible_if(text) or _lead_kind(text)
            or _inclusion_of(text))


#: "Criteria of exclusion", "CRITERIA FOR STUDY INCLUSION": the heading words in the other
#: order (not "Criteria for inclusion/exclusion", which names both kinds).
_CRITERIA_OF = re.compile(
    r"(?P<criteria>criteria)[ \t]+(?:of|for)[ \t]+(?:study[ \t]+)?" + _KIND
    + r"\b(?![ \t]*(?:/|&|and\b|or\b))",
    re.IGNORECASE,
)


def _criteria_of(text: str, continued: bool, bulleted: bool) -> Heading | None:
    """ "Criteria of exclusion from MRI:" read as "Exclusion criteria from MRI:" is, its group
    as written; or None. Without a colon the line must start with a capital and not follow a
    criterion ("… who do not meet the" / "criteria for inclusion." is a sentence's end)."""
    match = _CRITERIA_OF.match(text)
    if match is None or (":" not in text and (continued or not text[:1].isupper())):
        return None
    head = _reordered(match["criteria"], match["kind"])
    found = heading(head + text[match.end() :], continued, bulleted)
    if found is None or found.group is None:
        return found
    return found._replace(group=text[: match.end()] + found.group[len(head) :])


def _reordered(criteria: str, kind: str) -> str:
    """ "Criteria", "inclusion" → "Inclusion criteria", written in the case of "criteria"."""
    if criteria.isupper():
        return f"{kind.upper()} CRITERIA"
    first = kind[:1].upper() if criteria[:1].isupper() else kind[:1].lower()
    return f"{first}{kind[1:]} criteria"


def _inclusion_of(text: str) -> Heading | None:
    """ "Inclusion of Women and Minorities" (an aside: criteria_asides), or None."""
    return Heading("inclusion", None, text.removesuffix(":").rstrip(), aside=True) if (
        inclusion_of(text)) else None


def _eligible_if(text: str) -> Heading | None:
    """ "Women were ineligible if they:" (its criteria its children), or None."""
    match = _ELIGIBLE_IF.fullmatch(text)
    if match is None or match["whom"].split()[0].casefold() in _SENTENCE_WORDS:
        return None
    verdict = match["verdict"].casefold()
    kind = "inclusion" if verdict in ("eligible", "included") else "exclusion"
    return Heading(kind, None, text[:-1].rstrip(), scoped=True)


def _lead_kind(text: str) -> Heading | None:
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


def _qualified(text: str) -> Heading | None:
    """ "SPECIFIC INCLUSION CRITERIA FOR EPILEPSY SUBJECTS:", "Exclusion Criteria（patients）:"
    (text ends with a colon), or None."""
    qualified = _QUALIFIED.fullmatch(text)
    if qualified is None:
        return None
    if not (qualified["lead"] or qualified["rest"]):
        return None
    if any(word.casefold() in _SENTENCE_WORDS for word in qualified["lead"].split()):
        return None
    if qualified["words"] and any(
            word.casefold() in _VERBS for word in qualified["words"].split()):
        return None
    return Heading(_kind(qualified), None, text[:-1].rstrip())


def _kind_qualified(text: str) -> Heading | None:
    """"Exclusion community-dwelling older adults (primary end-users):", or None."""
    match = _KIND_QUALIFIED.fullmatch(text)
    if match is None or match["first"].casefold() in (_SENTENCE_WORDS | _VERBS | _NOT_WHOM
                                                       | _NEGATIONS):
        return None
    if match["first"].casefold().startswith("criteri"):
        return Heading(_kind(match))  # "Inclusion Criteriar:"
    return Heading(_kind(match), None, text[:-1].rstrip())


#: Words that make a line about criteria a criterion ("Patients without exclusion criteria",
#: "Inclusion Criteria Violation at screening").
_NEGATIONS = frozenset({"without", "failing", "failed", "fails", "violation", "violations",
                        "violated", "into", "deviation", "deviations"})
#: First words after "Inclusion Criteria" that make the line a sentence about them.
_NOT_RUN_ON = frozenset({"not", "no", "met", "meet", "apply", "applies", "of", "are", "is",
                         "was", "were", "will", "must", "as", "see", "listed", "below",
                         "above"})
#: "Conditions for patient eligibility:": read as a heading unless it is a list item.
_ELIGIBILITY = re.compile(r"(?:conditions\s+for\s+)?(?:patient\s+|subject\s+|participant\s+)?"
                          r"(?:eligibility|ineligibility)", re.IGNORECASE)
#: First words after "Inclusion"/"Exclusion" that make a line no heading of its own.
_NOT_WHOM = frozenset({"criteria", "criterion", "from", "by", "for", "on", "in", "at", "to"})


def _run_on(text: str) -> Heading | None:
    """"Inclusion Criteria Subjects must meet …": a heading and its first criterion."""
    match = _RUN_ON.fullmatch(text)
    if match is None or not match["rest"][0].isupper():
        return None
    if match["rest"].split()[0].casefold() in _NOT_RUN_ON | _NEGATIONS:
        return None  # "Inclusion Criteria Not Met"
    rest = match["rest"]
    if len(rest.split()) <= _QUALIFIER_WORDS and not rest.endswith("."):
        return Heading(_kind(match), None, text)  # "Exclusion Criteria Related to MRI"
    return Heading(_kind(match), rest)


#: Most words after "… Criteria" read as whom the criteria are for, not as a criterion.
_QUALIFIER_WORDS = 4


def _bare_qualified(text: str, bulleted: bool = False) -> Heading | None:
    """A qualified heading without a colon ("Exclusion Criteria for Stage 1"), or None: it
    must start with a capital and the heading words, and end with a short qualifier."""
    if len(text) > _BARE_MAX or not text[:1].isupper():
        return None
    # A list item only when every word is capitalised ("B. Study Exclusion Criteria", not
    # "* Patients without exclusion criteria").
    whose = (_WHOSE.fullmatch(text) if not bulleted or _capitalised(text) else None)
    if whose is not None and not any(word.casefold() in _SENTENCE_WORDS | _VERBS | _NEGATIONS
                                     for word in whose["lead"].split()):
        return Heading(_kind(whose), None, text)
    match = _BARE_QUALIFIED.fullmatch(text)
    if match is None:
        return None
    words = " ".join((match["words"] or "", match["when"] or "",
                      _PARENTHESES.sub("", match["dashed"] or "")))
    verbs = _VERBS | WHEN_VERBS if match["when"] else _VERBS
    return None if any(word.casefold() in verbs for word in words.split()) else Heading(
        _kind(match), None, text)


def _capitalised(text: str) -> bool:
    return all(word[:1].isupper() or not word[:1].isalpha() for word in text.split())
