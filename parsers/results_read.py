"""Forgiving, typed reads of a ClinicalTrials.gov API v2 ``resultsSection``.

The results parsers (``ctgov_results`` and the ``results_*`` modules) read every value
through a ``Reader``: it never raises on bad input. A value of the wrong JSON type, an
unknown key, an item of a list that is not an object, or a number that cannot be read adds a
warning naming the path ("resultsSection.outcomeMeasuresModule.outcomeMeasures[2].classes:
not a list") and reads as absent; the rest is kept.

Choices:

- Text is cleaned with ``clean_text`` (no escape sequences, controls or bidi overrides).
  One-line values (titles, types, units, terms, ids, time frames, per-cell comments) have
  their whitespace collapsed; paragraph values (descriptions, population descriptions,
  details, analysis comments, limitations) keep their paragraphs and lose Markdown
  backslash escapes (``\\<``, ``\\[``), as the protocol's descriptions do. A blank text is
  null, never an empty string.
- Numbers: a JSON number or a string holding one ("2053", "12.5", "-0.3", "1,200", "1e-4",
  "=0.247", and "0,001" with a decimal comma) is a number: an int when whole, else a float,
  as ``fields.number``. A value beyond ``fields.MAX_NUMBER``, NaN or infinity is not a
  number.
- Where the record keeps the text of a value that is not a number (a measurement's
  ``value_text``, ``spread_text``, ``lower_text`` and ``upper_text``; an analysis's
  ``p_value_text``, ``param_value_text``, ``dispersion_value_text``, ``ci_lower_text`` and
  ``ci_upper_text``), such text is kept without a warning ("NA": not estimable). The same
  fields keep a number's text when the registry writes it with zeros the number drops
  ("12.50" is 12.5 with the text "12.50"), so that it shows as the registry shows it.
  Where it has no such field (counts, the CI's percent), the registry's "not available"
  spellings ("NA", "N/A") read as null silently, any other text as null with a warning.
- Counts are whole and not negative; "12.0" is 12; 12.5 or -1 is null with a warning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from . import fields, vocab
from .clean import clean_text, markdown_unescape

Number = int | float

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
#: "0,001": a decimal comma (thousands are never grouped after a leading 0).
_DECIMAL_COMMA = re.compile(r"[+-]?0,\d+", re.ASCII)
_BLANK_RUNS = re.compile(r"\n{3,}")
#: A decimal written with zeros at its end ("12.50", "2169.00", "1.0"), which the number drops.
_TRAILING_ZEROS = re.compile(r"-?\d*\.\d*0", re.ASCII)
_NOT_AVAILABLE = frozenset({"na", "n/a"})

GROUP_KEYS = frozenset({"id", "title", "description"})
DENOM_KEYS = frozenset({"units", "counts"})
DENOM_COUNT_KEYS = frozenset({"groupId", "value"})


def read_number(value: Any) -> Number | None:
    """The number a JSON number or a numeric string holds, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) <= fields.MAX_NUMBER else None
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > fields.MAX_NUMBER:
            return None
        return int(value) if value.is_integer() else value
    if not isinstance(value, str):
        return None
    if _NUMBER.fullmatch(value):  # most are: nothing to clean, trim or ungroup
        text = value
    else:
        text = (one_line(value) or "").removeprefix("=").strip()
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(text):
            text = text.replace(",", ".")
        if not _NUMBER.fullmatch(text):
            return None
    try:
        return fields.number(text)
    except (ValueError, OverflowError):
        return None


def written_digits(value: Any) -> str | None:
    """The registry's text of a number when it ends in zeros after the point ("12.50",
    "2169.00", "1.0"): the number (12.5, 2169, 1) drops them, so the record keeps the text
    beside it, to be shown as the registry writes it. None for any other value."""
    if isinstance(value, str):
        text = value.strip()
        if _TRAILING_ZEROS.fullmatch(text):
            return text
    return None


def quote(text: str, limit: int = 60) -> str:
    """A text quoted for a warning, shortened when long."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def one_line(text: str) -> str | None:
    """A cleaned string on one line (whitespace runs collapsed); None when blank."""
    if not text.isprintable():  # else clean_text has nothing to do
        text = clean_text(text)
    return " ".join(text.split()) or None


def paragraphs(text: str) -> str | None:
    """A cleaned paragraph text: Markdown escapes removed, lines right-trimmed, at most one
    blank line between paragraphs; None when blank."""
    if text.isprintable():  # one line (no newline), nothing to clean
        joined = text.strip()
    else:
        joined = "\n".join([line.rstrip() for line in clean_text(text).split("\n")])
        if "\n\n\n" in joined:
            joined = _BLANK_RUNS.sub("\n\n", joined)
        joined = joined.strip()
    if "\\" in joined or "&" in joined:
        joined = markdown_unescape(joined)
    return joined or None


class Reader:
    """Reads values out of JSON objects, adding a warning for each one it cannot read."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings

    def warn(self, path: str, message: str) -> None:
        """Add a warning; cleaned, as a path may hold a key written by anyone."""
        self.warnings.append(" ".join(clean_text(f"{path}: {message}").split()))

    # --- objects and lists -----------------------------------------------------------------

    def node(self, value: Any, path: str, known: frozenset[str]) -> dict[str, Any] | None:
        """The value as an object (None when absent or not an object), its unknown keys
        warned about."""
        if value is None:
            return None
        if not isinstance(value, dict):
            self.warn(path, "not an object")
            return None
        if not known.issuperset(value):
            for key in value:
                if key not in known:
                    self.warn(f"{path}.{key}", "unknown key, not placed")
        return value

    def child(
        self, parent: dict[str, Any], key: str, path: str, known: frozenset[str]
    ) -> dict[str, Any] | None:
        """The object under a key of parent (at path), or None."""
        return self.node(parent.get(key), f"{path}.{key}", known)

    def items(
        self, parent: dict[str, Any], key: str, path: str, known: frozenset[str]
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """The objects of the list under a key, each with its path; other items are skipped
        with a warning, in the list's order."""
        where = f"{path}.{key}"
        values = parent.get(key)
        if values is None:
            return
        if not isinstance(values, list):
            self.warn(where, "not a list")
            return
        for index, value in enumerate(values):
            item_path = f"{where}[{index}]"
            if isinstance(value, dict) and known.issuperset(value):
                yield item_path, value
            elif value is None:
                self.warn(item_path, "not an object")
            else:
                item = self.node(value, item_path, known)
                if item is not None:
                    yield item_path, item

    # --- text ------------------------------------------------------------------------------

    def _string(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.warn(f"{path}.{key}", "not a string")
            return None
        return value

    def line(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        """A one-line text, or None when absent, blank or not a string."""
        value = self._string(parent, key, path)
        if value is None:
            return None
        if not value.isprintable():  # else clean_text has nothing to do (as in one_line)
            value = clean_text(value)
        if "\\" in value or "&" in value:  # a comment's Markdown ("\\<3 participants")
            value = markdown_unescape(value)
        return " ".join(value.split()) or None

    def text(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        """A paragraph text, or None when absent, blank or not a string."""
        value = self._string(parent, key, path)
        return paragraphs(value) if value is not None else None

    def strings(self, parent: dict[str, Any], key: str, path: str) -> list[str]:
        """A list of one-line texts (blank items dropped)."""
        where = f"{path}.{key}"
        values = parent.get(key)
        if values is None:
            return []
        if not isinstance(values, list):
            self.warn(where, "not a list")
            return []
        out: list[str] = []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                self.warn(f"{where}[{index}]", "not a string")
                continue
            text = one_line(value)
            if text:
                out.append(text)
        return out

    def enum(
        self, parent: dict[str, Any], key: str, path: str, table: dict[str, str]
    ) -> str | None:
        """An API enum value; an unknown spelling is None with a warning."""
        value = self.line(parent, key, path)
        if value is None:
            return None
        found = vocab.lookup(table, value)
        if found is None:
            self.warn(f"{path}.{key}", f"unknown value {quote(value)}")
        return found

    def flag(self, parent: dict[str, Any], key: str, path: str) -> bool | None:
        """A JSON true or false; anything else is None with a warning."""
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.warn(f"{path}.{key}", "not true or false")
        return None

    # --- numbers ---------------------------------------------------------------------------

    def number_or_text(
        self, parent: dict[str, Any], key: str, path: str
    ) -> tuple[Number | None, str | None]:
        """(number, None) for a number, (number, text) for one written with zeros the number
        drops ("12.50": written_digits), (None, text) for a text that is not a number."""
        value = parent.get(key)
        if value is None:
            return None, None
        number = read_number(value)
        if number is not None:
            return number, written_digits(value)
        if isinstance(value, str):
            return None, one_line(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.warn(f"{path}.{key}", "not a number")
        else:
            self.warn(f"{path}.{key}", "a number too large to keep")
        return None, None

    def number(self, parent: dict[str, Any], key: str, path: str) -> Number | None:
        """A number; "NA" is None, other text None with a warning."""
        value, text = self.number_or_text(parent, key, path)
        if value is None and text is not None and text.casefold() not in _NOT_AVAILABLE:
            self.warn(f"{path}.{key}", f"not a number: {quote(text)}")
        return value

    def count(self, parent: dict[str, Any], key: str, path: str) -> int | None:
        """A whole, non-negative count; "NA" is None, anything else None with a warning."""
        value = parent.get(key)
        if value.__class__ is int and 0 <= value <= fields.MAX_NUMBER:  # most counts
            return value
        value = self.number(parent, key, path)
        if value is None:
            return None
        if value < 0 or value != int(value):
            self.warn(f"{path}.{key}", f"not a count: {value!r}")
            return None
        return int(value)


# --- shapes shared by the results modules ----------------------------------------------------


def groups(reader: Reader, module: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """The module's groups: [{id, title, description}]; a group without an id is dropped."""
    out: list[dict[str, Any]] = []
    for where, item in reader.items(module, "groups", path, GROUP_KEYS):
        group_id = reader.line(item, "id", where)
        if group_id is None:
            reader.warn(where, "a group without an id, not kept")
            continue
        out.append(
            {
                "id": group_id,
                "title": reader.line(item, "title", where),
                "description": reader.text(item, "description", where),
            }
        )
    return out


def group_id(reader: Reader, item: dict[str, Any], where: str) -> str | None:
    """The groupId of a per-group item; None with a warning when it has none."""
    value = item.get("groupId")
    if isinstance(value, str) and value.isprintable():  # most: a plain id, nothing to clean
        value = " ".join(value.split()) or None
    else:
        value = reader.line(item, "groupId", where)
    if value is None:
        reader.warn(where, "no groupId, not kept")
    return value


def denoms(reader: Reader, parent: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """The denominators under parent: [{units, counts: [{group, value}]}]."""
    out: list[dict[str, Any]] = []
    for where, item in reader.items(parent, "denoms", path, DENOM_KEYS):
        counts: list[dict[str, Any]] = []
        for count_path, count in reader.items(item, "counts", where, DENOM_COUNT_KEYS):
            group = group_id(reader, count, count_path)
            if group is not None:
                counts.append({"group": group, "value": reader.count(count, "value", count_path)})
        out.append({"units": reader.line(item, "units", where), "counts": counts})
    return out
