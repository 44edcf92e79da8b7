"""A sentence closing a list of eligibility criteria by looking back at it: "Patients who meet
any of the above criteria will be excluded.", "Patients who meet all five criteria will be
eligible for this study.", "Participants who meet one or more of the above exclusion criteria
must not proceed to be enrolled …". It states no criterion of its own: criteria_notes keeps it
as a note, and splits it off the end of the criterion it was written after ("… in other
clinical trials. Patients who met any of the above criteria were excluded.").

Choices:

- The sentence names whom it is about ("Patients", "Subjects", "Participants", "Those", …),
  then how they meet the criteria ("who meet", "meeting", "who do not meet", "with") and how
  many ("any", "all", "one or more", "none", "all five"), looks back at them ("above",
  "aforementioned", "preceding", or says "criteria") and says what follows for entry
  ("excluded", "eligible", "not eligible", "enrolled", "participate"). "Patients with any of
  these conditions will be excluded" (the criterion's own conditions), a sentence over a list
  after it ("… any of the following criteria …") and one adding a condition after its look
  back ("… of the above criteria and a CD4 count below 200 are eligible", "… are eligible if
  …") are none. A sentence saying that all the criteria must be met ("Subjects must meet all
  inclusion criteria to be eligible for study enrollment.") is one too: it states no
  criterion either.
- Written after a criterion's text it starts with a capital, after a full stop or a semicolon,
  or, where the registry lost the full stop, after a word that does not run on into it ("… as
  part of cART Patients who are HIV+ and do not meet all of these criteria are not eligible
  for this study"; not after "of", "and", …); two words of the criterion at least come before
  it. It becomes the note after that criterion, beside it: after the section's last criterion,
  a note of the section; after a sub-criterion, one of the list it closes.
"""

from __future__ import annotations

import re

#: Whom a closing sentence is about.
_WHO_WORDS = ("patients?", "subjects?", "participants?", "individuals?", "persons?", "people",
              "volunteers?", "candidates?", "women", "men", "children", "those", "anyone",
              "cases?")
_WHO = "(?:" + "|".join(_WHO_WORDS) + ")"
_NUMBER = r"two|three|four|five|six|seven|eight|nine|ten|\d{1,2}"
_COUNT = (r"(?:any|all|none|either|each|both|one(?:[ \t]+or[ \t]+more)?|at[ \t]+least[ \t]+one"
          r"|" + _NUMBER + ")")
#: Words that add a condition of the sentence's own ("… are eligible if …", "… of the above
#: criteria and a CD4 count below 200 are eligible"): none after the look back ("and", "or"
#: none before what follows for entry).
_OWN_TERMS = r"but|with|without|who|whose|if|unless|provided|only|except|when|plus"


def _free(most: int, joins: bool = False) -> str:
    """Up to most characters of the sentence, no digit and none of _OWN_TERMS among them
    ("and" and "or" neither, unless joins)."""
    terms = _OWN_TERMS if joins else _OWN_TERMS + "|and|or"
    return r"(?:(?!\b(?:" + terms + r")\b)[^.;:\d]){0," + str(most) + "}?"


#: The whole sentence (see the Choices).
_CLOSING = re.compile(
    r"(?:(?:all|any|the)[ \t]+)?" + _WHO + r"\b[^.;:]{0,60}?\b"
    r"(?:meet|meets|meeting|met|fulfil(?:l|ls|s|led|ling|ing)?|satisf(?:y|ies|ying|ied)|with"
    r"|having|has|have|presenting)[ \t]+" + _COUNT + r"\b[^.;:]{0,40}?"
    r"\b(?:above|aforementioned|preceding|criteria|criterion)\b" + _free(60)
    + r"\b(?:excluded|eligible|ineligible|included|enrolled|enrol|enroll|participate"
    r"|randomi[sz]ed)\b" + _free(120, joins=True) + r"\.?",
    re.IGNORECASE)
#: A list announced, not looked back at: no closing sentence.
_AHEAD = re.compile(r"(?i)\b(?:following|below)\b")
def _may_close(text: str) -> bool:
    """Whether a text holds words every closing sentence holds, as most write them: how it
    looks back and what follows for entry (a quick test before looking for one)."""
    return (("above" in text or "criteri" in text or "aforementioned" in text
             or "preceding" in text)
            and ("xclu" in text or "ligib" in text or "nclu" in text or "nrol" in text
                 or "artici" in text or "andomi" in text))
#: Where a closing sentence written after a criterion's text may start: its capital.
_START = re.compile(r"(?<=\s)(?:(?:All|Any|The)[ \t]+)?(?:"
                    + "|".join(word.capitalize() for word in _WHO_WORDS) + r")\b")
#: Words that run on into the next one: a closing sentence does not start after them.
_RUNS_ON = frozenset({"of", "in", "for", "to", "the", "a", "an", "and", "or", "with", "by",
                      "from", "on", "at", "as", "than", "all", "any", "no", "not", "who"})


#: Words looking back at the list ("any of the above criteria").
_BACK = re.compile(r"\b(?:above|aforementioned|preceding)\b", re.IGNORECASE)
#: "Criteria" naming the list's own, not a definition's ("all inclusion criteria", "all five
#: criteria"; not "the criteria for septic shock", "all four Sepsis-3 criteria", "one or more
#: criteria of frailty").
_OWN_CRITERIA = re.compile(
    r"(?<![\w-])" + _COUNT + r"(?:[ \t]+(?:or|more|at|least|of|the|these|those|study|inclusion"
    r"|exclusion|eligibility|entry|enrol(?:l)?ment|listed|stated|specified|required|"
    + _NUMBER + r"))*[ \t]+criteri(?:a|on)\b"
    r"(?![ \t]+(?:for|of|in)\b)",
    re.IGNORECASE)
#: The longest closing sentence looked for at a criterion's end (characters): the pattern's
#: parts allow about 400.
_LONGEST = 480


def is_closing(text: str) -> bool:
    """Whether a text is a sentence closing a list by looking back at it (see the Choices)."""
    if not _may_close(text):
        return False  # (most criteria: looked at cheaply)
    text = text.strip()
    return (_CLOSING.fullmatch(text) is not None and _AHEAD.search(text) is None
            and (_BACK.search(text) is not None or _OWN_CRITERIA.search(text) is not None))


def closing_end(text: str) -> tuple[str, str] | None:
    """The criterion and the closing sentence when a criterion's text ends with one (see the
    Choices), or None. Only the text's last _LONGEST characters are looked at, each start
    with the two words before it: a long text costs no more than a short one."""
    if not _may_close(text[-_LONGEST:]):
        return None  # (most criteria: looked at cheaply)
    for match in _START.finditer(text, max(0, len(text) - _LONGEST)):
        start = match.start()
        words = text[max(0, start - 200) : start].rsplit(None, 2)[-2:]
        if len(words) == 2 and _ends(words[1], words[1]) and is_closing(text[start:]):
            return text[:start].rstrip(), text[start:]
    return None


def _ends(before: str, word: str) -> bool:
    """Whether a criterion's text may end where a closing sentence starts: after a full stop
    or a semicolon, or after a word or a bracket when the full stop was lost, not after a
    word that runs on (_RUNS_ON)."""
    return before[-1] in ".;" or (
        (before[-1].isalnum() or before[-1] in ")]%") and word.casefold() not in _RUNS_ON)
