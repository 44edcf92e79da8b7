"""Lists of items (sites, arms, outcomes, MeSH terms, conditions…): items matched by identity
with dictionaries, then one Change per item added, removed or changed.

Matching takes linear time whatever the list's length (a study may list 1,148 sites): each
Identity's keys are tried in turn on the items still unmatched (a reference by PMID, then by
its citation), then whole identical items pair up. Items sharing a key pair in page order, an
identical one first. The order of a list is not compared: moving an item changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from parsers import humanise

from .change import Change
from .display import arrow

Key = Hashable | None
NameFn = Callable[[Any], str | None]

#: Members of an item whose values are enums, humanised in a change's detail.
ENUM_MEMBERS = frozenset({"status", "type", "role", "plan"})


def norm(value: Any) -> Hashable | None:
    """A value as part of a key: text casefolded and whitespace-collapsed; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        return " ".join(value.casefold().split()) or None
    return repr(value)


def _exact(item: Any, names: tuple[str, ...]) -> Key:
    """The item's key as written: its members (the item itself when names is empty); None
    when it states none of them."""
    if not names:
        return item if isinstance(item, str) and item else None
    if not isinstance(item, dict):
        return None
    parts = tuple(item.get(name) for name in names)
    return None if parts.count(None) == len(parts) else parts


def _normalised(item: Any, names: tuple[str, ...]) -> Key:
    """The item's key, case and spacing aside."""
    if not names:
        return norm(item) if isinstance(item, str) else None
    if not isinstance(item, dict):
        return None
    parts = tuple(norm(item.get(name)) for name in names)
    return None if parts.count(None) == len(parts) else parts


def _whole(item: Any, names: tuple[str, ...]) -> Key:
    """The item itself, as a hashable (the last resort: identical items pair up)."""
    try:
        return orjson.dumps(item, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return repr(item)


def members_name(*names: str) -> NameFn:
    """Name: the members that are stated, joined by commas ("Mayo Clinic, Rochester, …")."""

    def name(item: Any) -> str | None:
        if not isinstance(item, dict):
            return None
        parts = [str(item[n]) for n in names if item.get(n) not in (None, "")]
        return ", ".join(parts) or None

    return name


def first_name(*names: str) -> NameFn:
    """Name: the first of the members that is stated."""

    def name(item: Any) -> str | None:
        if not isinstance(item, dict):
            return None
        return next((str(item[n]) for n in names if item.get(n) not in (None, "")), None)

    return name


def text_name(item: Any) -> str | None:
    return item if isinstance(item, str) else None


def reference_name(item: Any) -> str | None:
    """ "Schacht JP, Anton RF, Voronin KE (PMID 23032071)" """
    if not isinstance(item, dict):
        return None
    citation, pmid = item.get("citation"), item.get("pmid")
    if pmid and citation:
        return f"{citation} (PMID {pmid})"
    return f"PMID {pmid}" if pmid else citation or None


def dated_name(date: str) -> NameFn:
    """Name: the item's type in words and a date ("Reset 2020-05-28")."""

    def name(item: Any) -> str | None:
        if not isinstance(item, dict):
            return None
        kind = humanise(item["type"]) if isinstance(item.get("type"), str) else None
        return " ".join(str(part) for part in (kind, item.get(date)) if part) or None

    return name


@dataclass(frozen=True)
class Identity:
    """How the items of a list are told apart: the members that identify an item, tried in
    turn (() for a list of strings: the string itself), and the words that name an item."""

    keys: tuple[tuple[str, ...], ...]
    name: NameFn


TEXT = Identity(((),), text_name)
LOCATION = Identity((("facility", "city", "country"),), members_name("facility", "city", "country"))
ARM = Identity((("label",),), members_name("label"))
INTERVENTION = Identity((("name",),), members_name("name"))
OUTCOME = Identity((("measure",),), members_name("measure"))
REFERENCE = Identity((("pmid",), ("citation",)), reference_name)
MESH_TERM = Identity((("id",), ("term",)), first_name("term", "id"))
PERSON = Identity((("name",),), members_name("name"))
LINK = Identity((("url",),), first_name("label", "url"))
DOCUMENT = Identity((("filename",), ("url",), ("label",)), first_name("label", "filename"))
SECONDARY_ID = Identity((("id",),), first_name("id"))
#: Shared participant data and documents: a sponsor lists several types at one address.
AVAILABLE_IPD = Identity((("type", "id", "url"),), first_name("type", "url", "id"))
UNPOSTED_EVENT = Identity((("type", "date"),), dated_name("date"))
VIOLATION = Identity((("type", "issued_date", "creation_date"), ("description",)),
                     dated_name("issued_date"))


def _passes(
    identity: Identity,
) -> list[tuple[Callable[[Any, tuple[str, ...]], Key], tuple[str, ...]]]:
    """The matching passes: each key as written, then case and spacing aside; then whole
    identical items."""
    passes = [(how, names) for names in identity.keys for how in (_exact, _normalised)]
    return [*passes, (_whole, ())]


def _pair(old: Sequence[Any], new: Sequence[Any], identity: Identity) -> dict[int, int]:
    """Index in new → index in old of every matched pair."""
    # Identical items at the same place first: most of a long list is unchanged.
    pairs = {i: i for i in range(min(len(old), len(new))) if old[i] == new[i]}
    taken = set(pairs)
    for key, names in _passes(identity):
        if len(taken) == len(old) or len(pairs) == len(new):
            break
        buckets: dict[Hashable, list[int]] = {}
        for i, item in enumerate(old):
            if i not in taken and (k := _hashable(key(item, names))) is not None:
                buckets.setdefault(k, []).append(i)
        for j, item in enumerate(new):
            if j in pairs or (k := _hashable(key(item, names))) is None:
                continue
            if bucket := buckets.get(k):
                pick = next((i for i in bucket if old[i] == item), bucket[0])
                bucket.remove(pick)
                pairs[j] = pick
                taken.add(pick)
    return pairs


def _hashable(key: Key) -> Key:
    """The key, or None when it cannot be hashed (a member that is not text)."""
    try:
        hash(key)
    except TypeError:
        return None
    return key


def member_detail(old: Any, new: Any, enums: frozenset[str] = ENUM_MEMBERS) -> str | None:
    """What differs between two versions of an item: "status Recruiting → Completed,
    contacts" (members in the item's order; values written out when they are short, those of
    the members in enums humanised)."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return None
    parts = []
    for member in dict.fromkeys([*old, *new]):
        before, after = old.get(member), new.get(member)
        if before == after:
            continue
        label = member.replace("_", " ")
        shown = arrow(before, after, enum=member in enums)
        parts.append(label if shown is None else f"{label} {shown}")
    return ", ".join(parts) or None


def diff_items(
    path: str, old: Sequence[Any], new: Sequence[Any], identity: Identity
) -> list[Change]:
    """One Change per item added, removed or changed: the new list's additions and changes in
    its order, then the removals in the old list's order."""
    pairs = _pair(old, new, identity)
    changes = []
    for j, item in enumerate(new):
        i = pairs.get(j)
        if i is None:
            changes.append(Change(path, "added", None, item, None, identity.name(item)))
        elif old[i] != item:
            detail = member_detail(old[i], item)
            changes.append(Change(path, "changed", old[i], item, detail, identity.name(item)))
    matched = set(pairs.values())
    changes += [
        Change(path, "removed", item, None, None, identity.name(item))
        for i, item in enumerate(old)
        if i not in matched
    ]
    return changes
