"""Headings of eligibility criteria: which lines start the inclusion or the exclusion
criteria, and which of them name a group of criteria (their forms: criteria_qualified).

Choices:

- A heading is a line that names the inclusion or exclusion criteria ("Key Inclusion
  Criteria:", "General Exclusion Criteria:", "Inclusion criteria", "EXCLUSION CRITERIA:
  pregnancy", "CRITERIA FOR EXCLUSION:"), also in brackets ("[Inclusion Criteria]") or
  after an outline number ("III.6 EXCLUSION CRITERIA"); French "Non-inclusion criteria"
  are the exclusion criteria.
- A heading may end with a semicolon or a full-width colon ("Exclusion criteria;",
  "Exclusion criteria："), say "were" ("Exclusion criteria were:") or name one criterion
  ("Exclusion Criterion:"). "Non-inclusion/exclusion criteria:" and "No inclusion / Exclusion
  Criteria:" head the exclusion criteria.
- A sentence announcing the list ("The exclusion criteria are as follows:", "Patient
  exclusion criteria will consist of any of the following:", "… will be:") is a plain
  heading; a group (the sentence as written) when it says whom the criteria are for, or
  makes inclusion criteria alternatives ("… any of the following:"). A heading run into
  such a sentence without a colon ("Exclusion criteria A patient will not be included … if
  he/she meets ANY of the following criteria:", criteria_notes.announces) carries the
  sentence as its first criterion (the section's opening note).
- A part's or cohort's name and a colon before a plain heading ("Part 2: Inclusion
  Criteria:") is that heading, its criteria that group's ("Part 2").
- A paragraph opening with a sentence announcing the list, then its text ("The exclusion
  criteria are: i) Any lifetime …; ii) …", "The inclusion criteria for children are: …") is
  that heading carrying its first criterion (a group when it says whom the criteria are for).
- A paragraph opening with a heading and a full stop ("Study Exclusion Criteria. History of
  aspiration pneumonia …") is that heading carrying its first criterion.
- "Criteria of inclusion", "Criteria for (study) exclusion" (the words in the other order)
  are read as "Inclusion criteria", "Exclusion criteria" are, with what follows them:
  "Criteria of exclusion:" is a plain heading, "Criteria of exclusion from MRI:" a group (as
  written), "Criteria of inclusion: Age ≥ 18" carries its first criterion. Without a colon
  the line must start with a capital and not follow a criterion (it may be a sentence's
  wrapped end: "… who do not meet the" / "criteria for inclusion."); "Criteria for
  inclusion/exclusion:" names both kinds and is no heading.
- A heading that says whom or what its criteria are for is a group: its criteria become its
  children (criteria_qualified says which forms such a heading takes). A sentence
  announcing the list ("Patients must meet all of the following inclusion criteria:", "The
  exclusion criteria for the case group are as follows:") is kept as such a group.
- "Inclusion of Women and Minorities" (the NIH's section, not a list item) heads inclusion
  paragraphs, its children, wherever it stands: an aside (see criteria_asides).
"""

from __future__ import annotations

import re

from .criteria_asides import inclusion_of
from .criteria_notes import announces
from .criteria_qualified import (
    KIND,
    Heading,
    bare_qualified,
    eligible_if,
    group_name,
    kind_of,
    kind_qualified,
    lead_kind,
    qualified,
    run_on,
)

__all__ = ["GROUP_BEFORE", "Heading", "heading", "key_heading", "subheading"]

_SUBHEADING = re.compile(
    r"^(?:list\s+of\s+(?:the\s+)?)?(?:key\s+|main\s+|major\s+|general\s+)?" + KIND
    + r"(?:s|\s+(?:criteria|critieria|creteria|criterion)"
    r"(?:\s+(?:include|includes|are|were))?"
    r"(?:\s+(?:the\s+following|as\s+follows))?)?\s*[:.;]?$"
    # "Excluded will be those with:", "Conditions for Patient Ineligibility:"
    r"|^(?P<participle>included|excluded)(?:\s+will\s+be\s+(?:those|patients|participants|"
    r"subjects)(?:\s+(?:with|who))?)?\s*:$"
    r"|^(?:conditions\s+for\s+)?(?:patient\s+|subject\s+|participant\s+)?"
    r"(?P<eligibility>eligibility|ineligibility)(?:\s+criteria)?\s*:$"
    r"|^(?P<ineligibility>ineligibility)\s+criteria\s*:?$"
    # the older ORD records' "PROTOCOL ENTRY CRITERIA:" over their PDQ sections
    r"|^(?P<entry>protocol\s+entry)\s+criteria\s*:?$"
    # "CRITERIA FOR INCLUSION:", "Criteria for study exclusion:", "Criteria of exclusion:"
    r"|^criteria\s+(?:for|of)\s+(?:study\s+)?"
    r"(?P<for_kind>inclusion|exclusion|non[- \t]?inclusion)\s*:$"
    # "Non-inclusion/exclusion criteria:", "No inclusion / Exclusion Criteria:": exclusion
    r"|^(?P<non_inclusion>non[- \t]?inclusion|no[- \t]+inclusion)\s*(?:/|&|and|or)\s*"
    r"exclusion\s+criteria\s*:$",
    re.IGNORECASE,
)
#: "Inclusion Criteria: first criterion" (a heading carrying its first criterion).
_HEADING_TEXT = re.compile(
    r"(?P<head>(?:key\s+|main\s+|major\s+|general\s+)?" + KIND + r"\s+criteria)\s*:\s*"
    r"(?P<rest>\S.*)",
    re.IGNORECASE,
)
#: "Study Exclusion Criteria. History of …": a paragraph opening with the heading and a full
#: stop, then its first criterion (a capital or a digit after the stop).
_DOTTED_HEADING = re.compile(
    r"(?P<head>(?:study\s+|key\s+|main\s+|major\s+|general\s+)?" + KIND + r"\s+criteria)"
    r"\.[ \t]+(?P<rest>(?-i:[A-Z0-9]).*)",
    re.IGNORECASE,
)
#: "The exclusion criteria for the case group are as follows:", "The inclusion criteria
#: are:": a heading written as a sentence announcing the list.
#: Also "Patient exclusion criteria will consist of any of the following:" (whose criteria,
#: "will be", "will include", "consist of"; "all", "any", "each" or "one or more" of them).
_ANNOUNCED = re.compile(
    r"(?:the[ \t]+)?(?:(?:patient|subject|participant|study)[ \t]+)?" + KIND
    + r"[ \t]+criteria(?P<whom>[ \t]+(?:for|of|in)[ \t]+[^:]{1,60}?)?"
    r"[ \t]+(?:are|is|include|includes|will[ \t]+(?:be|include)|(?:will[ \t]+)?consists?"
    r"[ \t]+of)(?:[ \t]+(?:as[ \t]+follows|(?:(?P<of_which>all|any|each|one[ \t]+or[ \t]+more)"
    r"[ \t]+of[ \t]+)?the[ \t]+following))?"
    r"[ \t]*:",
    re.IGNORECASE,
)
#: "Patients must meet all of the following inclusion criteria:": a sentence announcing the
#: list.
_FOLLOWING = re.compile(r".{0,80}\bfollowing[ \t]+" + KIND + r"[ \t]+criteria[ \t]*:",
                        re.IGNORECASE)
#: A heading run together, without a colon, with a sentence announcing its list ("Exclusion
#: criteria A patient will not be included … if he/she meets ANY of the following
#: criteria:"): the sentence starts with a capital and has a verb.
_RUN_ON_SENTENCE = re.compile(
    r"(?:key[ \t]+)?" + KIND + r"[ \t]+criteria[ \t]+(?P<rest>(?-i:[A-Z])[^:]*[ \t](?:will|must"
    r"|are|is|shall|should|meets?|has|have|fulfils?|fulfills?)[ \t][^:]*:)",
    re.IGNORECASE,
)
#: A group's name before a plain heading and its colon ("Part 2: Inclusion Criteria:",
#: "COHORT A: EXCLUSION CRITERIA"): the heading's criteria are that group's.
GROUP_BEFORE = (r"(?P<group>(?:Part|Cohort|Group|Arm|Stage|Phase|Sub-?study|Step|Period|Module"
                r"|PART|COHORT|GROUP|ARM|STAGE|PHASE|SUB-?STUDY|STEP|PERIOD|MODULE)"
                r"[ \t]+[\w.-]{1,6})")
_NAMED_GROUP = re.compile(GROUP_BEFORE + r"[ \t]*:[ \t]+")
_GROUP_STARTS = frozenset("PCGASM")
#: Longest line read as a qualified heading.
_HEADING_MAX = 160
#: An outline number before a heading ("III.6 EXCLUSION CRITERIA", "2. Inclusion criteria:").
_OUTLINE = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}(?:\.\d{1,2})*\.?|[ivx]{1,4}\.|[A-Za-z][.)])[ \t]+"
)
#: A qualified heading and a note on what it applies to, in parentheses after its colon.
_NOTED = re.compile(r"(?P<head>[^:]{3,120}:)[ \t]*[(\uff08][^()\uff08\uff09]{1,160}[)\uff09]\.?")
#: A heading in brackets ("[Inclusion Criteria]", "【Exclusion criteria】:").
_BRACKETED = re.compile(r"[\[【][ \t]*(?P<body>[^\[\]【】]+?)[ \t]*[\]】][ \t]*(?P<colon>:?)")
#: "Conditions for patient eligibility:": read as a heading unless it is a list item.
_ELIGIBILITY = re.compile(r"(?:conditions\s+for\s+)?(?:patient\s+|subject\s+|participant\s+)?"
                          r"(?:eligibility|ineligibility)", re.IGNORECASE)


#: "Excluded within 30 days of study entry:" (the ACTG layout: criteria_pdq).
_EXCLUDED_WHEN = re.compile(r"excluded[ \t]+(?:within|during|for|prior|before|in)\b[^:]{1,80}:",
                            re.IGNORECASE)


#: "Key Inclusion Criteria" at a heading's start (the list is the key criteria only).
_KEY = re.compile(r"(?P<head>key[ \t]+" + KIND + r"[ \t]+criteria)\b", re.IGNORECASE)


def key_heading(text: str) -> str | None:
    """The words of a heading that names the key criteria ("**Key Inclusion Criteria:**" →
    "Key Inclusion Criteria", as written), or None."""
    body = text.replace("**", "").replace("__", "").lstrip("#*_ \t")
    match = _KEY.match(body)
    return match["head"] if match is not None else None


def subheading(text: str) -> str | None:
    """'inclusion' or 'exclusion' when the line is such a subheading ("Inclusion Criteria:",
    "Non-inclusion criteria:")."""
    match = _SUBHEADING.match(text.strip())
    if match is None or (match["eligibility"] and match.group(0).casefold().startswith(
            "eligibility")):
        return None  # "Eligibility:" names no kind
    return kind_of(match)


def heading(text: str, continued: bool = False, bulleted: bool = False) -> Heading | None:
    """The heading a line is, or None: a plain one ("Key Inclusion Criteria:", "[Exclusion
    Criteria]", "III.6 EXCLUSION CRITERIA"), one carrying its first criterion ("Exclusion
    Criteria: Pregnancy"), or a qualified one ("INCLUSION CRITERIA FOR HEALTHY VOLUNTEERS:",
    "Inclusion Criteria Stage 1"). continued: the line directly follows a criterion, so may
    be its wrapped end ("… who satisfy the" / "Inclusion Criteria (Appendix A)"): then it is
    no qualified heading without a colon. bulleted: the line is a list item: it is a heading
    only in the plain forms, with the heading words first ("* Exclusion Criteria:", "*
    Inclusion criteria for Part A:") or as a sentence announcing the list ("- The inclusion
    criteria are as follows:"), never as another sentence about criteria ("* Patients
    without exclusion criteria", "* Inclusion into another study within 30 days:")."""
    text = text.strip()
    if "\uff1a" in text:  # "Exclusion criteria：" (a full-width colon)
        text = text.replace("\uff1a", ":", 1)
    outline = _OUTLINE.match(text)
    if outline:
        text = text[outline.end() :]
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed:
        text = bracketed["body"] + bracketed["colon"]
    named = _NAMED_GROUP.match(text) if text[:1] in _GROUP_STARTS and ":" in text else None
    if named is not None:  # "Part 2: Inclusion Criteria:": that heading, for that group
        found = heading(text[named.end() :], continued, bulleted)
        if found is not None and found.rest is None and found.group is None and not found.aside:
            return Heading(found.kind, None, named["group"])
    if _EXCLUDED_WHEN.fullmatch(text) is not None and text[:1].isupper():
        # "Excluded within 2 weeks of study entry:": the exclusion criteria, a group
        return Heading("exclusion", None, text[:-1].rstrip())
    if text.endswith((" -", " \u2013", " \u2014")):  # "Inclusion Criteria -": a dash for
        head = text[:-1].rstrip()  # the colon, after a plain heading only
        if subheading(head) and not (continued and head[:1].islower()):
            text = head
    kind = subheading(text)
    if kind and not (bulleted and _ELIGIBILITY.match(text)) and not (
            continued and text[:1].islower() and not text.endswith(":")):
        return Heading(kind)  # (not a sentence's wrapped end: "… is NOT an" / "exclusion
        # criterion.")
    if _CRITERIA_OF.match(text):
        return _criteria_of(text, continued, bulleted)
    match = _HEADING_TEXT.fullmatch(text)
    if match:
        if group_name(match["rest"]):  # "Inclusion Criteria: Cohort A"
            return Heading(kind_of(match), None, text.removesuffix(":").rstrip())
        return Heading(kind_of(match), match["rest"])
    dotted = None if continued or bulleted else _DOTTED_HEADING.fullmatch(text)
    if dotted is not None:
        return Heading(kind_of(dotted), dotted["rest"])
    opened = None if continued or bulleted or text.endswith(":") else _ANNOUNCED.match(text)
    if opened is not None:  # "The exclusion criteria are: i) Any lifetime …; ii) …"
        group = text[: opened.end() - 1].rstrip() if opened["whom"] else None
        return Heading(kind_of(opened), text[opened.end() :].strip(), group)
    noted = _NOTED.fullmatch(text) if "(" in text or "\uff08" in text else None
    if noted is not None:  # "Eye-Related Exclusion Criteria: (Applies to the study eye.)"
        found = heading(noted["head"], continued, bulleted)
        if found is not None and found.group is not None and found.rest is None:
            return found._replace(group=text)
    if not text.endswith(":"):
        if continued:
            return None
        return bare_qualified(text, bulleted) or (
            None if bulleted else run_on(text) or _inclusion_of(text))
    if len(text) > _HEADING_MAX:
        return None
    if bulleted:
        announced = _ANNOUNCED.fullmatch(text)
        if announced is not None:  # "- The inclusion criteria are as follows:"
            return _announced(announced, text)
        return qualified(text)
    if not continued and (run := _RUN_ON_SENTENCE.fullmatch(text)) is not None and announces(
            run["rest"], run_kind := kind_of(run)):
        # "Exclusion criteria A patient will not be included … if he/she meets ANY of the
        # following criteria:": the heading, its sentence its first criterion
        return Heading(run_kind, run["rest"])
    following = _FOLLOWING.fullmatch(text)
    if following is not None:  # the sentence is kept: its criteria become its children
        return Heading(kind_of(following), None, text[:-1].rstrip())
    announced = _ANNOUNCED.fullmatch(text)
    if announced is not None:
        return _announced(announced, text)
    return (qualified(text) or kind_qualified(text) or eligible_if(text) or lead_kind(text)
            or _inclusion_of(text))


def _announced(match: re.Match[str], text: str) -> Heading:
    """The heading a sentence announcing the list is ("The exclusion criteria are as
    follows:", "Patient exclusion criteria will consist of any of the following:"): a plain
    one, or a group (the sentence as written) when it says whom the criteria are for or makes
    the inclusion criteria alternatives ("… any of the following:")."""
    kind = kind_of(match)
    alternatives = kind == "inclusion" and (match["of_which"] or "").casefold()[:3] in ("any",
                                                                                      "one")
    return Heading(kind, None, text[:-1].rstrip() if match["whom"] or alternatives else None)


#: "Criteria of exclusion", "CRITERIA FOR STUDY INCLUSION": the heading words in the other
#: order (not "Criteria for inclusion/exclusion", which names both kinds).
_CRITERIA_OF = re.compile(
    r"(?P<criteria>criteria)[ \t]+(?:of|for)[ \t]+(?:study[ \t]+)?" + KIND
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
