"""Field values of the query language: the fields, their examples, and the node each
name:value term becomes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers import vocab

from .nodes import Filter, IdTerm, KeyTerm, Near, Node, QueryError, Range, Text
from .text import key, mesh_key, tokenize

FIELDS = (
    "condition",
    "intervention",
    "sponsor",
    "id",
    "phase",
    "status",
    "type",
    "sex",
    "age",
    "enrollment",
    "year",
    "country",
    "city",
    "site",
    "mesh",
    "outcome",
    "pmid",
    "results",
    "allocation",
    "masking",
    "purpose",
    "near",
)
_ALIASES = {
    "conditions": "condition",
    "interventions": "intervention",
    "phases": "phase",
    "study_type": "type",
    "studytype": "type",
    "gender": "sex",
    "enrolment": "enrollment",
    "countries": "country",
    "facility": "site",
    "sites": "site",
    "outcomes": "outcome",
    "result": "results",
    "blinding": "masking",
    "primary_purpose": "purpose",
}
TEXT_FIELDS = frozenset({"condition", "intervention", "sponsor", "site", "outcome"})
#: Fields whose value is matched whole (key()): a country, a city, a MeSH term or id, a PMID.
KEY_FIELDS = frozenset({"country", "city", "mesh", "pmid"})

#: Fields that take "not stated" (or unstated): the trials that state no value of them.
UNSTATED_FIELDS = frozenset({"phase", "status", "type", "sex", "allocation", "masking",
                             "purpose", "country", "results"})
#: The value of a field that finds the trials stating none, as a facet's counts name it.
NOT_STATED = "not stated"
_NOT_STATED_KEYS = frozenset({"not stated", "unstated"})

#: An example of each field, for messages and the browser's help.
FIELD_EXAMPLES = {
    "condition": "condition:als",
    "intervention": 'intervention:"stem cell"',
    "sponsor": "sponsor:tianjin",
    "id": "id:NCT02249676",
    "phase": "phase:2",
    "status": "status:recruiting",
    "type": "type:interventional",
    "sex": "sex:female",
    "age": "age:30",
    "enrollment": "enrollment:>20",
    "year": "year:>=2015",
    "country": 'country:"United States"',
    "city": "city:lyon",
    "site": 'site:"mayo clinic"',
    "mesh": 'mesh:"Neoplasms"',
    "outcome": "outcome:survival",
    "pmid": "pmid:31234567",
    "results": "results:yes",
    "allocation": "allocation:randomized",
    "masking": "masking:double",
    "purpose": "purpose:prevention",
    "near": 'near:"Lyon, France"~25',
}


_NUMBER_RE = re.compile(r"(>=|<=|≥|≤|>|<|=)?\s*([0-9]{1,12})")
_AGE_RE = re.compile(r"=?\s*([0-9]{1,6}(?:\.[0-9]+)?)\s*([A-Za-z]*)")
_DAYS = {
    "YEARS": 365.25,
    "MONTHS": 30.4375,
    "WEEKS": 7.0,
    "DAYS": 1.0,
    "HOURS": 1 / 24,
    "MINUTES": 1 / 1440,
}
_SHORT_UNITS = {"": "YEARS", "y": "YEARS", "m": "MONTHS", "w": "WEEKS", "d": "DAYS", "h": "HOURS"}
_SEXES = {
    **vocab.SEXES,
    "f": "FEMALE",
    "m": "MALE",
    "woman": "FEMALE",
    "women": "FEMALE",
    "females": "FEMALE",
    "man": "MALE",
    "men": "MALE",
    "males": "MALE",
}
#: The design's filters → the vocabulary of their values ("double blind", "open label",
#: "non-randomized", "supportive care" and the enum spellings).
DESIGN_VALUES = {"allocation": vocab.ALLOCATIONS, "masking": vocab.MASKINGS,
                 "purpose": vocab.PRIMARY_PURPOSES}
#: sex:VALUE → the eligibility.sex values that admit such a person.
SEX_MATCHES = {"FEMALE": ("FEMALE", "ALL"), "MALE": ("MALE", "ALL"), "ALL": ("ALL",)}


def text_node(raw: str, offset: int, field: str | None, prefix: bool) -> Text | None:
    """A Text node from a word or the inside of quotes (offset: where raw starts); its last
    word is a prefix when prefix (it is being typed: a quoted one only while its quote is
    still open) or when it ends in "*"."""
    prefix = prefix or raw.rstrip().endswith("*")
    tokens = tokenize(raw)
    if not tokens:
        return None
    return Text(
        tuple(word for word, _, _ in tokens),
        field,
        prefix,
        offset + tokens[0][1],
        offset + tokens[-1][2],
    )


def age_days(value: float, unit: str | None) -> float:
    """An age in days (units as in eligibility.min_age; unknown units count as years)."""
    return value * _DAYS.get(unit or "YEARS", 365.25)


def field_node(
    name: str, value: str, at: int, span: tuple[int, int], *, prefix: bool
) -> Node | None:
    """The node of name:value (at: where the value starts; span: the whole term's). prefix:
    the value's last word is being typed (a quoted value is one only while its quote is still
    open)."""
    start, end = span
    if name in UNSTATED_FIELDS and key(value) in _NOT_STATED_KEYS:
        return Filter(name, (), "unstated", start, end)
    if name in TEXT_FIELDS:
        node = text_node(value, at, name, prefix)
        if node is None and value.strip():
            raise _value_error(name, "a word (letters or digits)", at)
        return node
    if name in KEY_FIELDS:
        value_key = mesh_key(value) if name == "mesh" else key(value)
        if not value_key:
            raise _value_error(name, "a value", at)
        return KeyTerm(name, value_key, prefix, start, end)
    if name == "results":
        answer = vocab.vocab_key(value)
        if answer not in _YES_NO:
            raise _unknown("results value", value, at, name, ["yes", "no"])
        return Filter("results", (_YES_NO[answer],), "any", start, end)
    if name == "near":
        return near_node(value, at, span)
    if name == "id":
        value_key = mesh_key(value) if name == "mesh" else key(value)
        if not value_key:
            raise _value_error(name, "a trial id", at)
        return IdTerm(value_key, start, end)
    if name == "phase":
        phases = _phases(value)
        if not phases:
            raise _unknown(name, value, at, name, ["early1", "1", "2", "3", "4", "na"])
        return Filter("phase", tuple(phases), "all", start, end)
    if name == "status":
        status = vocab.status(value)
        if status is None:
            raise _unknown(name, value, at, name, _names(vocab.STATUSES.values()))
        return Filter("status", (status,), "any", start, end)
    if name == "type":
        study_type = vocab.lookup(vocab.STUDY_TYPES, value)
        if study_type is None:
            raise _unknown("study type", value, at, name, _names(vocab.STUDY_TYPES.values()))
        return Filter("type", (study_type,), "any", start, end)
    if name in DESIGN_VALUES:
        table = DESIGN_VALUES[name]
        found = vocab.design_value(table, value)
        if found is None:
            raise _unknown(name, value, at, name, _names(table.values()))
        return Filter(name, (found,), "any", start, end)
    if name == "sex":
        sex = vocab.lookup(_SEXES, value)
        if sex is None:
            raise _unknown(name, value, at, name, ["female", "male", "all"])
        return Filter("sex", SEX_MATCHES[sex], "any", start, end)
    if name == "age":
        match = _AGE_RE.fullmatch(value.strip())
        unit = None
        if match:
            unit_text = match.group(2).lower()
            unit = _SHORT_UNITS.get(unit_text) or vocab.age_unit(unit_text)
        if match is None or unit is None:
            raise _value_error(name, "an age in years", at)
        return Range("age", "=", age_days(float(match.group(1)), unit), start, end)
    # enrollment, year
    match = _NUMBER_RE.fullmatch(value.strip())
    if match is None:
        raise _value_error(name, "a number" if name == "enrollment" else "a year", at)
    op = {"≥": ">=", "≤": "<=", None: "="}.get(match.group(1), match.group(1))
    return Range(name, op, float(int(match.group(2))), start, end)


_YES_NO = {"yes": "yes", "y": "yes", "true": "yes", "posted": "yes",
           "no": "no", "n": "no", "false": "no", "none": "no"}
#: near: without ~KM: this many kilometres; at most MAX_NEAR_KM.
NEAR_KM = 50.0
MAX_NEAR_KM = 20_000
_NEAR_RE = re.compile(r"(.*?)\s*~\s*([0-9]{1,5}(?:\.[0-9]+)?)\s*(?:km)?\s*", re.DOTALL)


def near_node(value: str, at: int, span: tuple[int, int]) -> Near:
    """near:PLACE or near:PLACE~KM (the lexer joins a quoted place and its ~KM)."""
    place, km = value, NEAR_KM
    match = _NEAR_RE.fullmatch(value)
    if match is not None:
        place, km = match.group(1), float(match.group(2))
    elif "~" in value:
        raise _value_error("near", "a distance in km after ~", at + value.index("~"))
    place = " ".join(place.replace('"', " ").split()).strip(" ,")
    if not place:
        raise _value_error("near", "a place", at)
    if match is not None and not 0 < km <= MAX_NEAR_KM:
        raise _value_error("near", f"a distance of more than 0 and at most {MAX_NEAR_KM:,} km "
                           "after ~", at + value.index("~", match.end(1)))
    return Near(place, km, *span)


def _value_error(name: str, what: str, at: int) -> QueryError:
    return QueryError(f"{name} needs {what} at column {at + 1}, as in {FIELD_EXAMPLES[name]}", at)


def _names(values: Iterable[str]) -> list[str]:
    """Enum values as the browser shows them, lower case, sorted ("active, not recruiting")."""
    return sorted({vocab.humanise(value).lower() for value in values})


def _unknown(what: str, value: str, at: int, field: str, names: list[str]) -> QueryError:
    """A value the field does not know, and the ones it does, each as a query writes it: a
    name of several words in quotes, so that "active, not recruiting" reads as one status
    (and can be typed as listed: status:"active, not recruiting"). A field takes a whole
    name, never a part of one (status:active is not "active, not recruiting")."""
    if field in UNSTATED_FIELDS:
        names = [*names, NOT_STATED]  # the trials stating none (the filters' "Not stated")
    listed = ", ".join(f'"{name}"' if " " in name else name for name in names)
    message = f'unknown {what} "{value}" at column {at + 1}: write one of {listed}'
    several = next((name for name in names if " " in name), None)
    if several is not None:
        message += (f' (a whole name; in quotes when it has several words, as in '
                    f'{field}:"{several}")')
    return QueryError(message, at)


def _phases(value: str) -> list[str] | None:
    enum = value.strip().upper()
    if enum in vocab.PHASE_ORDER:
        return [enum]
    text = vocab.vocab_key(value)
    if text in {"na", "n a", "not applicable"}:
        return ["NA"]
    if re.fullmatch(r"early ?(phase ?)?(1|i)", text):
        return ["EARLY_PHASE1"]
    if re.fullmatch(r"[0-9iv]+( [0-9iv]+)*", text):
        text = "phase " + text
    return vocab.phases(text)
