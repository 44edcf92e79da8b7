"""Consoles for data (stdout) and messages (stderr): plain when piped or NO_COLOR is set."""

from __future__ import annotations

import os
import re
import sys
from typing import Any

import orjson
from rich.console import Console, RenderableType
from rich.text import Text


def is_plain(stream: Any = None) -> bool:
    """True when output should carry no styling: not a terminal, or NO_COLOR set."""
    stream = stream or sys.stdout
    return bool(os.environ.get("NO_COLOR")) or not (hasattr(stream, "isatty") and stream.isatty())


#: What must never reach the terminal from a name or a text: C0 and C1 controls (escape
#: sequences, bells, carriage returns) and bidi overrides; newlines and tabs aside.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """text with every control character but newline and tab shown as "?"."""
    return _CONTROL.sub("?", text)


class _Console(Console):
    """Rich's console, but a reader that goes away (`trials changes | head`) raises
    BrokenPipeError to the command's handler, which ends it with the shell's status for that
    (rich's own handling exits with status 1, which says some input failed)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def _console(stream: Any, *, soft_wrap: bool, kind: type[_Console] = _Console) -> Console:
    """A console that never interprets markup, emoji codes or highlighting in what it prints."""
    plain = is_plain(stream)
    return kind(
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


#: The width plain output is laid out at: wider than any paragraph of a record (the registry
#: allows 32,000 characters), so that no text wraps; lines are never filled out to it.
UNWRAPPED = 1_000_000


def print_view(renderable: RenderableType) -> None:
    """Write a view (`trials show`) to stdout. On a terminal it wraps at the terminal's width
    (coloured unless NO_COLOR is set); otherwise it is plain and not wrapped: each paragraph,
    field, criterion, site and table row on one line, nothing cut, no spaces at line ends."""
    stream = sys.stdout
    if hasattr(stream, "isatty") and stream.isatty():
        _console(stream, soft_wrap=False).print(renderable)
        return
    console = Console(file=stream, width=UNWRAPPED, markup=False, emoji=False,
                      highlight=False, no_color=True, color_system=None)
    for line in console.render_lines(renderable, console.options, pad=False):
        stream.write("".join(segment.text for segment in line).rstrip() + "\n")


class _MessageConsole(_Console):
    """The stderr console: what it prints shows control characters as "?" (a message names
    files, whose names may hold an escape sequence)."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(_printable(item) for item in objects), **kwargs)


def _printable(item: Any) -> Any:
    if isinstance(item, str):
        return printable(item)
    if isinstance(item, Text) and _CONTROL.search(item.plain):
        shown = item.copy()
        shown.plain = printable(item.plain)  # one "?" a character: the styles stay in place
        return shown
    return item


def message_console() -> Console:
    """Console for stderr messages and progress bars; a message stays on one line."""
    return _console(sys.stderr, soft_wrap=True, kind=_MessageConsole)


def print_json(value: Any) -> None:
    """Write a value as indented JSON (UTF-8, non-ASCII kept) to stdout."""
    data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    sys.stdout.buffer.write(data + b"\n") if hasattr(sys.stdout, "buffer") else print(
        data.decode("utf-8")
    )
    sys.stdout.flush()
