"""Typed access to one ClinicalTrials.gov API v2 study object by dotted path (``Study``).

``ctgov_json`` reads the fields of record version 1 through it: a value of the wrong JSON
type raises FieldError naming the study and the path. ``ctgov_json_sections`` reads the
sections of version 2 through it too, turning such errors into warnings.

Text is read as in the rest of the JSON parser: a one-line value has its whitespace runs
(newlines too) collapsed to a space; a Markdown text (``markdown_text``) loses its backslash
escapes, has the character references the registry encoded twice decoded ("\\&lt;6" → "<6"),
its lines are right-trimmed and runs of blank lines collapsed.

The accessors are read hundreds of times per study (sites and their contacts), so the common
case is kept short: a key without a dot under an object is looked up directly, and the path
of an error is only built when there is one.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NoReturn

from . import vocab
from .clean import clean_text, decode_references, markdown_unescape
from .errors import FieldError, kind_of
from .record import add_unique

_BLANK_RUNS = re.compile(r"\n{3,}")


class Study:
    """A study object with typed access by dotted path; type errors raise ParseError."""

    def __init__(self, label: str, data: dict[str, Any], warnings: list[str]) -> None:
        self.label = label
        self.data = data
        self.warnings = warnings
        nct = _dig(data, "protocolSection.identificationModule.nctId")
        self.nct = nct.strip() if isinstance(nct, str) and nct.strip() else None

    def fail(self, path: str, message: str) -> NoReturn:
        who = f"{self.label} ({self.nct})" if self.nct else self.label
        raise FieldError(f"JSON {who}: {path}: {message}", path, message)

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path}: {message}")

    def get(self, path: str, base: Any = None, where: str = "") -> Any:
        """The value at a dotted path (under base, itself at where), or None when absent."""
        node = self.data if base is None else base
        if "." not in path and isinstance(node, dict):
            return node.get(path)
        for part in _parts(path):
            if isinstance(node, dict):
                node = node.get(part)
            elif node is None:
                return None
            else:
                self._not_an_object(path, base, where)
        return node

    def _not_an_object(self, path: str, base: Any, where: str) -> NoReturn:
        """Fail at the first step of path (under base, at where) that is not an object; ``get``
        calls it having met one before any null."""
        node = self.data if base is None else base
        parts = _parts(path)
        for index, part in enumerate(parts):
            if not isinstance(node, dict):
                walked = ".".join(filter(None, (where, *parts[:index])))
                self.fail(walked, f"expected an object, got {kind_of(node)}")
            node = node.get(part)
        raise AssertionError(f"{path} is readable")

    def typed(
        self, path: str, kinds: tuple[type, ...], name: str, base: Any = None, where: str = ""
    ) -> Any:
        value = self.get(path, base, where)
        if value is None:
            return None
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            self.fail(_path(where, path), f"expected {name}, got {kind_of(value)}")
        return value

    def string(self, path: str, base: Any = None, where: str = "") -> str | None:
        """The string at path as written (``typed`` with a string's kinds)."""
        value = self.get(path, base, where)
        if value is None or isinstance(value, str):
            return value
        self.fail(_path(where, path), f"expected a string, got {kind_of(value)}")

    def line(self, path: str, base: Any = None, where: str = "") -> str | None:
        """A one-line string, whitespace collapsed, the character references the registry
        encoded again decoded ("Citizen&#39;s Hospital"); None when absent or blank."""
        value = self.string(path, base, where)
        return one_line(value) if value is not None else None

    def markdown(self, path: str, base: Any = None, where: str = "") -> str | None:
        """A Markdown text, backslash escapes removed; None when absent or blank."""
        value = self.string(path, base, where)
        return markdown_text(value) if value is not None else None

    def strings(self, path: str, base: Any = None, where: str = "") -> list[str]:
        """A list of one-line strings (blank ones dropped, duplicates removed), the character
        references the registry encoded again decoded ("Head &Amp; Neck")."""
        values = self.typed(path, (list,), "a list of strings", base, where) or []
        out: list[str] = []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(
                    f"{_path(where, path)}[{index}]", f"expected a string, got {kind_of(value)}"
                )
            text = one_line(value)
            if text:
                add_unique(out, text)
        return out

    def objects(self, path: str) -> list[tuple[str, dict[str, Any]]]:
        """A list of objects, each with its path."""
        values = self.typed(path, (list,), "a list of objects") or []
        out: list[tuple[str, dict[str, Any]]] = []
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                self.fail(f"{path}[{index}]", f"expected an object, got {kind_of(value)}")
            out.append((f"{path}[{index}]", value))
        return out

    def enum(
        self, path: str, table: dict[str, str], base: Any = None, where: str = ""
    ) -> str | None:
        """An enum value looked up in a vocab table; unknown → None and a warning."""
        value = self.line(path, base, where)
        if value is None:
            return None
        found = vocab.lookup(table, value)
        if found is None:
            self.warn(_path(where, path), f"unknown value {value!r}")
        return found


@functools.lru_cache(maxsize=4096)
def _parts(path: str) -> tuple[str, ...]:
    """A dotted path's keys (paths are few and read for every study)."""
    return tuple(path.split("."))


def _path(where: str, path: str) -> str:
    return f"{where}.{path}" if where else path


def _dig(data: Any, path: str) -> Any:
    """The value at a dotted path, or None when a step is absent or not an object."""
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def one_line(value: str) -> str | None:
    """A one-line text, whitespace collapsed and the character references the registry
    encoded again decoded ("Citizen&#39;s Hospital", "?a=1&amp;b=2"); None when blank."""
    if "&" in value:
        value = decode_references(value, keep_unprintable=True)
    return " ".join(value.split()) or None


def markdown_text(text: str) -> str | None:
    """A Markdown paragraph text: escapes removed, lines right-trimmed, blank runs collapsed,
    the registry's list separators ("<!-- -->" lines) removed."""
    if text.isprintable():  # one line (no newline), nothing to clean: strip() trims it
        joined = unescape(text)
    else:
        lines = clean_text(text).split("\n")
        if "<!--" in text:
            lines = [line for line in lines if not is_separator(line)]
        if "\\" in text or "&" in text:
            joined = "\n".join([unescape(line.rstrip()) for line in lines])
        else:
            joined = "\n".join([line.rstrip() for line in lines])
    if "\n\n\n" in joined:
        joined = _BLANK_RUNS.sub("\n\n", joined)
    return joined.strip() or None


#: Markdown escapes removed, character references decoded (clean.markdown_unescape).
unescape = markdown_unescape
#: A line holding only an HTML comment: the registry writes "<!-- -->" between two lists so
#: that Markdown does not join them.
_SEPARATOR = re.compile(r"[ \t]*<!--.*?-->[ \t]*")


def is_separator(line: str) -> bool:
    """Is the line only an HTML comment ("<!-- -->", the registry's list separator)?"""
    return _SEPARATOR.fullmatch(line) is not None
