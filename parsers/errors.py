"""Errors raised by the parsers."""

from __future__ import annotations

from typing import Any


class ParseError(ValueError):
    """A file or text that cannot be read as a trial record; the message says why."""


class FieldError(ParseError):
    """A value of the wrong JSON type at a path of a study.

    The message names the study, the path and the problem; ``path`` and ``detail`` hold the
    last two alone, for a parser that keeps the study and turns the error into a warning.
    """

    def __init__(self, message: str, path: str, detail: str) -> None:
        super().__init__(message)
        self.path = path
        self.detail = detail


def kind_of(value: Any) -> str:
    """What a JSON value is, for messages: "a string", "a list", "an object", ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
