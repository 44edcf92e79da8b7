"""Consoles for data (stdout) and messages (stderr): plain when piped or NO_COLOR is set."""

from __future__ import annotations

import os
import sys
from typing import Any

import orjson
from rich.console import Console


def is_plain(stream: Any = None) -> bool:
    """True when output should carry no styling: not a terminal, or NO_COLOR set."""
    stream = stream or sys.stdout
    return bool(os.environ.get("NO_COLOR")) or not (hasattr(stream, "isatty") and stream.isatty())


def _console(stream: Any, *, soft_wrap: bool) -> Console:
    """A console that never interprets markup, emoji codes or highlighting in what it prints."""
    plain = is_plain(stream)
    return Console(
        file=stream,
        markup=False,
        emoji=False,
        highlight=False,
        no_color=plain,
        color_system=None if plain else "auto",
        soft_wrap=soft_wrap,
    )


def data_console() -> Console:
    """Console for stdout (data); lines are not wrapped when the output is plain."""
    return _console(sys.stdout, soft_wrap=is_plain(sys.stdout))


def message_console() -> Console:
    """Console for stderr messages and progress bars; a message stays on one line."""
    return _console(sys.stderr, soft_wrap=True)


def print_json(value: Any) -> None:
    """Write a value as indented JSON (UTF-8, non-ASCII kept) to stdout."""
    data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    sys.stdout.buffer.write(data + b"\n") if hasattr(sys.stdout, "buffer") else print(
        data.decode("utf-8")
    )
    sys.stdout.flush()
