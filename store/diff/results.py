"""Posted results as one field: "added" when results are posted, "removed" when they are
withdrawn, "changed" naming the sections that differ and, where a section's shape is the
same, the first numbers that changed ("participant flow: Overall Study, Started, Placebo
158 → 157")."""

from __future__ import annotations

from typing import Any

from .change import Change, stated

PATH = "results"
#: The sections of record["results"] (docs/record.md), in the record's order, as words.
SECTIONS = {
    "participant_flow": "participant flow",
    "baseline": "baseline",
    "outcome_measures": "outcome measures",
    "adverse_events": "adverse events",
    "limitations": "limitations",
    "certain_agreement": "certain agreements",
    "point_of_contact": "point of contact",
}


def _name(section: str) -> str:
    return SECTIONS.get(section, section.replace("_", " "))


def _sections(results: dict[str, Any] | None, names: list[str]) -> str:
    """The sections as words; with results, outcome measures with their number ("3 outcome
    measures")."""
    parts = []
    for section in names:
        value = None if results is None else results.get(section)
        if section == "outcome_measures" and isinstance(value, list) and value:
            parts.append(f"{len(value)} outcome measure{'s' if len(value) != 1 else ''}")
        else:
            parts.append(_name(section))
    return ", ".join(parts)


def _order(sections: list[str]) -> list[str]:
    known = [s for s in SECTIONS if s in sections]
    return known + [s for s in sections if s not in SECTIONS]


def _posted(results: Any) -> str | None:
    """The sections a version states, as words."""
    if not isinstance(results, dict):
        return None
    return _sections(results, _order([k for k, v in results.items() if stated(v)])) or None


def diff_results(old: Any, new: Any) -> list[Change]:
    """No Change, or one: added (detail: the sections posted), removed (detail: the sections
    that were posted), or changed (detail: the sections that differ)."""
    if old == new or not (stated(old) or stated(new)):
        return []
    old_numbers, new_numbers = _as_numbers(old), _as_numbers(new)
    if old_numbers == new_numbers:  # only how the registry writes a number changed ("7.0")
        return []
    if not stated(old):
        return [Change(PATH, "added", old, new, _posted(new))]
    if not stated(new):
        return [Change(PATH, "removed", old, new, _posted(old))]
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return [Change(PATH, "changed", old, new)]
    differ = _order([k for k in dict.fromkeys([*old, *new])
                     if old_numbers.get(k) != new_numbers.get(k)])
    parts = []
    for section in differ:
        numbers = number_changes(old.get(section), new.get(section), _titles(new.get(section)))
        part = _name(section)
        if numbers:
            shown = " · ".join(f"{where} {before} → {after}"
                               for where, before, after in numbers[:SHOWN_NUMBERS])
            more = len(numbers) - SHOWN_NUMBERS
            part += f": {shown}" + (f" (and {more} more)" if more > 0 else "")
        parts.append(part)
    joined = ("; " if any(":" in part for part in parts) else ", ").join(parts)
    return [Change(PATH, "changed", old, new, joined or None)]


#: Changed numbers named in a results change, per section (the rest are counted).
SHOWN_NUMBERS = 2
#: The keys whose values are the numbers of the results, in words.
NUMBER_KEYS = {"count": "", "value": "", "affected": "affected", "at_risk": "at risk",
               "events": "events", "spread": "spread", "lower": "lower", "upper": "upper"}
#: Keys that say which kind of count is below them (adverse events).
KEY_WORDS = {"deaths": "deaths", "serious": "serious", "other": "other"}
#: The keys naming an item of a list, in the order they are tried.
NAME_KEYS = ("title", "term", "type")


def _titles(section: Any) -> dict[str, str]:
    """Group id → title, from the groups of a section (and of its outcome measures)."""
    found: dict[str, str] = {}
    items = section if isinstance(section, list) else [section]
    for item in items:
        if isinstance(item, dict):
            for group in item.get("groups") or ():
                if isinstance(group, dict) and isinstance(group.get("id"), str):
                    found[group["id"]] = str(group.get("title") or group["id"])
    return found


def _label(item: dict[str, Any], titles: dict[str, str]) -> str | None:
    group = item.get("group")
    if isinstance(group, str):
        return titles.get(group, group)
    for key in NAME_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value:
            return value.capitalize() if value.isupper() else value
    return None


def number_changes(old: Any, new: Any, titles: dict[str, str],
                   where: tuple[str, ...] = ()) -> list[tuple[str, Any, Any]]:
    """(where, old, new) of each number that differs between two results of the same shape
    (lists of the same length, the same keys); nothing where the shape differs."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[tuple[str, Any, Any]] = []
        label = _label(new, titles)
        here = (*where, label) if label else where
        for key in new:
            if key not in old or old[key] == new[key]:
                continue
            if key in NUMBER_KEYS and _number(old[key]) and _number(new[key]):
                words = ", ".join((*here, NUMBER_KEYS[key]) if NUMBER_KEYS[key] else here)
                out.append((words or key, old[key], new[key]))
            else:
                inner = (*here, KEY_WORDS[key]) if key in KEY_WORDS else here
                out += number_changes(old[key], new[key], titles, inner)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [found for before, after in zip(old, new, strict=True)
                for found in number_changes(before, after, titles, where)]
    return []


def _as_numbers(value: Any) -> Any:
    """Results without the written text of their numbers ("7.0" beside 7: a value's
    value_text, an analysis's p_value_text, …), so that a change in how a number is written
    is no change; a text written instead of a number ("NA") stays."""
    if isinstance(value, list):
        return [_as_numbers(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: _as_numbers(item) for key, item in value.items()
            if not (key.endswith("_text") and _number(value.get(key.removesuffix("_text"))))}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
