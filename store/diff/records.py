"""diff_records: every Change between two versions of a record, walking fields.RECORD."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .change import Change, kind_of, stated
from .criteria import diff_criteria
from .fields import IGNORED, RECORD, Field
from .items import diff_items
from .results import diff_results
from .secondary_ids import fold_secondary_ids

_VALUE = Field("")


def _value(path: str, old: Any, new: Any, out: list[Change]) -> None:
    if old != new and (stated(old) or stated(new)):
        out.append(Change(path, kind_of(old, new), old, new))


def _field(path: str, field: Field, old: Any, new: Any, out: list[Change]) -> None:
    if old == new:  # the common case, one comparison in C whatever the field's size
        return
    how = field.how
    if how == "object":
        if field.nullable and (old is None or new is None):
            _value(path, old, new, out)
        elif isinstance(old, dict | None) and isinstance(new, dict | None):
            _members(path + ".", field.members, old or {}, new or {}, out)
        else:
            _value(path, old, new, out)
    elif how == "items" and field.identity is not None:
        if isinstance(old, list | None) and isinstance(new, list | None):
            out += diff_items(path, old or [], new or [], field.identity)
        else:
            _value(path, old, new, out)
    elif how == "criteria":
        out += diff_criteria(path, old, new)
    elif how == "results":
        out += diff_results(old, new)
    else:
        _value(path, old, new, out)


def _members(
    prefix: str,
    fields: Iterable[Field],
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    out: list[Change],
    ignored: frozenset[str] = frozenset(),
) -> None:
    """The fields of an object (or of the record), then the keys the table does not name. A
    named field that one version lacks altogether is not compared: that version was read
    before the record had the field (a record always holds every field it knows, null when
    unstated), so it says nothing about it."""
    named = set(ignored)
    for field in fields:
        named.add(field.name)
        if field.name not in old or field.name not in new:
            continue
        _field(prefix + field.name, field, old[field.name], new[field.name], out)
    for key in sorted((old.keys() | new.keys()) - named):
        _field(prefix + key, _VALUE, old.get(key), new.get(key), out)


def diff_records(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every difference between two versions of a trial record, in the record's field order
    (docs/record.md); source, warnings and record_version are not compared. Pure: neither
    record is changed, and the changes hold the records' own values (not copies). A secondary
    id added or removed is one change of other_ids, with its details (secondary_ids.py)."""
    out: list[Change] = []
    _members("", RECORD, old, new, out, IGNORED)
    return fold_secondary_ids(out)
