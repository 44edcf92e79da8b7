"""Query words that start with a minus on the command line.

The query language excludes a word with a leading minus (`trials search hypertension
-placebo`), and `--sort -enrollment` sorts in descending order; argparse would take
"-placebo" and "-enrollment" for options. Before parsing, a word of a query that is not one of
its command's options is marked so that argparse reads it as a word, and a value that follows
its option is joined to it (`--sort=-enrollment`); after parsing, the marks are removed.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

#: Put before a query word that starts with "-", removed once the arguments are parsed.
MARK = "\x00"


def mark_minus_words(argv: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """argv with each minus word of a query marked, and each value that starts with "-"
    joined to its option (see the module doc)."""
    out: list[str] = []
    current = parser
    takes_value = False
    rest = False
    for token in argv:
        if rest:
            out.append(token)
            continue
        if takes_value:
            takes_value = False
            if token.startswith("-") and out:
                out[-1] = f"{out[-1]}={token}"
                continue
            out.append(token)
            continue
        if token == "--":
            rest = True
            out.append(token)
            continue
        sub = _subcommand(current, token)
        if sub is not None:
            current = sub
            out.append(token)
            continue
        action = current._option_string_actions.get(token)
        if action is not None:
            takes_value = action.nargs != 0
            out.append(token)
            continue
        if _minus_word(token, current):
            out.append(MARK + token)
            continue
        out.append(token)
    return out


def unmark(args: argparse.Namespace) -> argparse.Namespace:
    """Remove the marks mark_minus_words put on the parsed words."""
    for name, value in vars(args).items():
        if isinstance(value, list) and any(isinstance(item, str) and item.startswith(MARK)
                                           for item in value):
            setattr(args, name, [item.removeprefix(MARK) if isinstance(item, str) else item
                                 for item in value])
    return args


def _subcommand(parser: argparse.ArgumentParser, token: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found = action.choices.get(token)
            return found if isinstance(found, argparse.ArgumentParser) else None
    return None


def _minus_word(token: str, parser: argparse.ArgumentParser) -> bool:
    """A word such as "-placebo" where parser takes words: not an option of it, nor a short
    option with its value attached ("-n5")."""
    if not token.startswith("-") or len(token) < 2 or token[1] == "-" or token[1].isdigit():
        return False
    if token[:2] in parser._option_string_actions:
        return False
    return any(action.dest == "words" for action in parser._actions)
