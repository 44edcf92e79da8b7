"""JSON arrays written a value at a time: the bytes of ``orjson.dumps(list(values),
OPT_INDENT_2)`` and a new line, without holding the list (`trials list --json`, `search
--json`, `changes --json` and the JSON export write every trial of the store this way)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import orjson


def write_json_array(values: Iterable[Any], write: Callable[[bytes], object]) -> int:
    """Write the values as an indented JSON array, then a new line, one value at a time;
    returns how many were written."""
    count = 0
    for value in values:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n  ")
        write((b"[\n  " if count == 0 else b",\n  ") + text)
        count += 1
    write(b"\n]\n" if count else b"[]\n")
    return count


def print_json_array(values: Iterable[Any]) -> int:
    """Write the values to stdout as `print_json(list(values))` would, one at a time (the
    first is flushed at once, the rest as the buffer fills); returns how many."""
    stdout = sys.stdout
    if not hasattr(stdout, "buffer"):
        return write_json_array(values, lambda data: stdout.write(data.decode("utf-8")))
    stdout.flush()  # what went through the text layer before goes first
    buffer = stdout.buffer
    flushed = False

    def write(data: bytes) -> None:
        nonlocal flushed
        buffer.write(data)
        if not flushed:  # the first value shows at once; the next ones as the buffer fills
            buffer.flush()
            flushed = True

    count = write_json_array(values, write)
    buffer.flush()
    return count
