"""The `trials compare` sub-command: 2 to 6 trials side by side, criteria and outcomes
aligned, sites, MeSH terms and headline results."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from rich.text import Text

from store import TrialStore
from store.compare import MAX_TRIALS, MIN_TRIALS, Comparison, compare

from .compare_view import LABEL_MAX, compare_view, summary_view, tables_view, trials_fitting
from .errors import UsageError
from .export import write_comparison_markdown
from .output import data_console, print_json
from .trial_lookup import found_trial

FORMATS = ("text", "md", "json")


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the sub-command to the command line."""
    cmd = commands.add_parser(
        "compare", parents=[common], help="2 to 6 trials side by side, criteria aligned",
        description="Compare 2 to 6 trials: a summary of which fields differ, the fields side "
        "by side (with each trial's countries, recruiting sites and MeSH terms), the arms, "
        "the inclusion and exclusion criteria and the primary and secondary outcomes aligned "
        "across trials (= shared by all, ≈ N a similar one with its similarity out of 100, "
        "only = stated by one trial), and the headline results: each trial's first primary "
        "outcome measure, its value per group and its p-value when one is stated.",
    )
    cmd.add_argument("ids", nargs="+", metavar="ID")
    cmd.add_argument("--format", choices=FORMATS, default=None,
                     help="text (tables, the default), md (Markdown tables) or json")
    cmd.add_argument("--json", action="store_true", help="the same as --format json")
    cmd.add_argument("--differences", action="store_true",
                     help="only the fields that differ and the criteria and outcomes not "
                     "shared by all")


def run(store: TrialStore, args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit status."""
    if args.json and args.format not in (None, "json"):
        raise UsageError("--json and --format md/text cannot be combined")
    file_format = "json" if args.json else args.format or "text"
    ids = [trial_id.strip() for trial_id in args.ids]
    if (twice := _named_twice(ids, [trial_id.upper() for trial_id in ids])) is not None:
        first, second, _ = twice
        said = (f"{first} is named twice" if first == second
                else f"{first} and {second} name one trial")
        raise UsageError(f"{said}; compare different trials")
    if not MIN_TRIALS <= len(ids) <= MAX_TRIALS:
        raise UsageError(f"compare takes {MIN_TRIALS} to {MAX_TRIALS} trial ids, not {len(ids)}")
    records = [found_trial(store, trial_id) for trial_id in ids]
    if (twice := _named_twice(ids, [record["id"] for record in records])) is not None:
        first, second, trial = twice
        raise UsageError(f"{first} and {second} name one trial, {trial}; compare different "
                         "trials")
    comparison = compare(records)
    if file_format == "json":
        print_json(comparison.to_json())
    elif file_format == "md":
        write_comparison_markdown(records, sys.stdout, comparison,
                                  differences_only=args.differences)
    else:
        _print_text(records, comparison, args.differences)
    return 0


#: Cells a trial's column takes in plain output (not a terminal): the tables are laid out
#: that wide, never cut at 80 columns.
PLAIN_COLUMN = 48


def _print_text(records: list[dict[str, Any]], comparison: Comparison,
                differences_only: bool) -> None:
    """The comparison as text. On a terminal, as many trials side by side as fit its width
    (at least COLUMN_WIDTH each), the rest in further tables headed "Trials 3–4 of 6", each
    with the field names; otherwise every trial side by side, PLAIN_COLUMN cells each,
    unless the COLUMNS variable sets a width: then laid out as on a terminal that wide."""
    console = data_console()
    stream = sys.stdout
    width = os.environ.get("COLUMNS", "")
    piped = not (hasattr(stream, "isatty") and stream.isatty())
    if piped and not (width.isdigit() and int(width) > 0):  # (Rich reads COLUMNS itself)
        console.width = LABEL_MAX + 4 + len(records) * (PLAIN_COLUMN + 3)
        console.print(compare_view(records, comparison, differences_only=differences_only))
        return
    fitting = trials_fitting(console.width, len(records))
    console.print(summary_view(comparison, differences_only=differences_only,
                               in_parts=fitting < len(records)))
    for first in range(0, len(records), fitting):
        shown = range(first, min(first + fitting, len(records)))
        if fitting < len(records):
            which = (f"Trial {first + 1}" if len(shown) == 1
                     else f"Trials {first + 1}–{shown[-1] + 1}")
            console.print(Text(f"\n{which} of {len(records)}", style="bold"))
        console.print(tables_view(records, comparison, differences_only=differences_only,
                                  shown=shown))


def _named_twice(given: list[str], keys: list[str]) -> tuple[str, str, str] | None:
    """The first two ids given whose keys are one, and that key; or None."""
    seen: dict[str, str] = {}
    for trial_id, key in zip(given, keys, strict=True):
        if key in seen:
            return seen[key], trial_id, key
        seen[key] = trial_id
    return None
