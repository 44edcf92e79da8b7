"""Errors raised by the parsers."""

from __future__ import annotations


class ParseError(ValueError):
    """A file or text that cannot be read as a trial record; the message says why."""
