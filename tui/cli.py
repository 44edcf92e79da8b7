"""The `trials` command. Bare `trials` (or `trials --db PATH`) opens the browser at once,
without loading the sub-commands' modules (about 50 ms of every start); any other words go
to the sub-commands' parser (cli_commands)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    db = browser_store(words)
    if db is not None:
        from store import default_db_path

        from .browse import browse

        return browse(Path(db or default_db_path()))
    from .cli_commands import run

    return run(words)


def browser_store(words: list[str]) -> str | None:
    """The store bare `trials` opens: "" for the default one (no words), the path of
    `--db PATH` or `--db=PATH`; None for any other words (the parser reads those)."""
    if not words:
        return ""
    if len(words) == 2 and words[0] == "--db" and words[1] and not words[1].startswith("-"):
        return words[1]
    if len(words) == 1 and words[0].startswith("--db=") and len(words[0]) > len("--db="):
        return words[0][len("--db="):]
    return None
