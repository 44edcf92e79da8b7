"""Errors raised by the store."""

from __future__ import annotations


class StoreError(Exception):
    """The store file cannot be read or written; the message names the file and the reason."""
