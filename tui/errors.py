"""Errors a sub-command raises to end with a one-line message."""

from __future__ import annotations


class CommandError(Exception):
    """A failure reported as one line on stderr with exit status 1."""


class UsageError(CommandError):
    """A usage error (a bad option value or query): one line on stderr, exit status 2."""
