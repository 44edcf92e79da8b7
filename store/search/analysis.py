"""What the index keeps of a record: weighted term frequencies and a word-hash sequence.

The hash sequence ("forward" bytes) is the record's folded words in order, each as a 3-byte
hash (UNIT bytes), with a separator unit after every string so that a phrase never spans two
field values. Strings are grouped: conditions, then interventions (and arm interventions),
then sponsor, then everything else, so a phrase restricted to a field searches one slice.
A phrase is then checked with bytes.find of its hash sequence: no positions, no record reads.
Two different adjacent word pairs with the same hashes (probability 2**-48 per pair) would
be a false match.
"""

from __future__ import annotations

import zlib
from collections import Counter
from typing import Any

from .text import FIELD_OF_KIND, WEIGHTS, key, record_strings, words

UNIT = 3
SEPARATOR = bytes(UNIT)
#: A word no text holds in practice, put between the strings of one kind before tokenizing
#: them together (one tokenizer call per kind instead of one per string); it becomes the
#: separator unit and is not counted as a term.
_SENTINEL = "zqxsepjv0"
_JOIN = f" {_SENTINEL} "
#: Forward groups: 0 conditions, 1 interventions, 2 sponsor, 3 the rest.
GROUP_OF_FIELD = {"condition": 0, "intervention": 1, "sponsor": 2}
_GROUP_OF_KIND = {kind: GROUP_OF_FIELD[field] for kind, field in FIELD_OF_KIND.items()}

# Term namespaces (prefixes no folded word can start with).
NS_FIELD = {"condition": "\x01c", "intervention": "\x01i", "sponsor": "\x01s"}
NS_FILTER = "\x02"
NS_ID = "\x03"
NS_ACRONYM = "\x04"


def filter_term(field: str, value: str) -> str:
    """The term under which a record's enum value is indexed (status, phase, type, sex)."""
    return f"{NS_FILTER}{field}\x1f{value}"


def word_hash(word: str) -> bytes:
    """The UNIT-byte hash of a folded word (never the separator)."""
    value = zlib.crc32(word.encode("utf-8", "surrogatepass")) & 0xFFFFFF
    return (value or 1).to_bytes(UNIT, "little")


class _HashCache(dict[str, bytes]):
    LIMIT = 500_000

    def __missing__(self, word: str) -> bytes:
        if len(self) >= self.LIMIT:
            self.clear()
            self[_SENTINEL] = SEPARATOR
        value = self[word] = word_hash(word)
        return value


HASHES = _HashCache({_SENTINEL: SEPARATOR})


def analyse(record: dict[str, Any]) -> tuple[dict[str, float], int, bytes, tuple[int, int, int]]:
    """(term → weighted frequency, length in words, forward bytes, group ends in bytes).

    Filter and key terms (ids, acronym, status, phases, type, sex) have frequency 0: they
    match but do not score.
    """
    texts: dict[str, list[str]] = {}
    trial_id = record.get("id")
    for path, text, kind in record_strings(record):
        if path == "nct_id" and text == trial_id:
            continue  # the same id twice would count twice
        bucket = texts.get(kind)
        if bucket is None:
            texts[kind] = [text]
        else:
            bucket.append(text)
    terms: dict[str, float] = {}
    groups: list[list[str]] = [[], [], [], []]
    length = 0
    tokens: list[tuple[str, list[str], int]] = []
    for kind, strings in texts.items():
        found = words(_JOIN.join(strings))
        found.append(_SENTINEL)
        groups[_GROUP_OF_KIND.get(kind, 3)].extend(found)
        tokens.append((kind, found, len(strings)))
    # The kind with the most words first: its counts are taken over whole (no merging).
    tokens.sort(key=lambda item: -len(item[1]))
    for kind, found, separators in tokens:
        counts = Counter(found)
        del counts[_SENTINEL]
        length += len(found) - separators
        weight = WEIGHTS[kind]
        if not terms:
            terms = {term: weight * count for term, count in counts.items()}
        else:
            get = terms.get
            for term, count in counts.items():
                terms[term] = get(term, 0.0) + weight * count
        field = FIELD_OF_KIND.get(kind)
        if field is not None:
            namespace = NS_FIELD[field]
            get = terms.get
            for term, count in counts.items():
                spaced = namespace + term
                terms[spaced] = get(spaced, 0.0) + weight * count
    hashes = HASHES.__getitem__
    parts = [b"".join(map(hashes, group)) for group in groups]
    ends = (
        len(parts[0]),
        len(parts[0]) + len(parts[1]),
        len(parts[0]) + len(parts[1]) + len(parts[2]),
    )
    _add_keys(record, terms)
    return terms, length, b"".join(parts), ends


def _add_keys(record: dict[str, Any], terms: dict[str, float]) -> None:
    for id_key in _id_keys(record):
        terms[NS_ID + id_key] = 0.0
    acronym = record.get("acronym")
    if isinstance(acronym, str) and (acronym_key := key(acronym)):
        terms[NS_ACRONYM + acronym_key] = 0.0
    for field, value in (("status", record.get("status")), ("type", record.get("study_type"))):
        if isinstance(value, str):
            terms[filter_term(field, value)] = 0.0
    phases = record.get("phases")
    if isinstance(phases, list):
        for phase in phases:
            if isinstance(phase, str):
                terms[filter_term("phase", phase)] = 0.0
    eligibility = record.get("eligibility")
    sex = eligibility.get("sex") if isinstance(eligibility, dict) else None
    if isinstance(sex, str):
        terms[filter_term("sex", sex)] = 0.0


def _id_keys(record: dict[str, Any]) -> set[str]:
    """key() of the id, the NCT id, each secondary id and each space-separated part of one."""
    found: set[str] = set()
    values = [record.get("id"), record.get("nct_id")]
    other = record.get("other_ids")
    if isinstance(other, list):
        for value in other:
            if isinstance(value, str):
                values.append(value)
                values.extend(value.split())
    for value in values:
        if isinstance(value, str) and (value_key := key(value)):
            found.add(value_key)
    return found
