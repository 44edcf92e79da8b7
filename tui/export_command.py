"""The `trials export` sub-command: the trials of a query (or every trial, or a comparison)
as CSV, JSON or Markdown, on stdout or in a file written atomically."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from store import TrialStore
from store.compare import MAX_TRIALS, MIN_TRIALS
from store.search import SORTS, QueryError

from .errors import CommandError, UsageError
from .export import FORMATS, format_of, iter_records, write_export, write_file
from .output import message_console
from .trial_lookup import found_trial

DESCRIPTION = """\
Write the trials matching QUERY (the query language of `trials search`), best first,
as CSV, JSON or Markdown.

  csv   the ClinicalTrials.gov site's CSV download layout: the site's tools and
        `trials import` read it back (every field the layout carries: sites as
        "Facility, City, State, Zip, Country", outcome measures, collaborators…;
        a trial without an NCT number keeps its LOCAL- id in the NCT Number column)
  json  a list of whole records (sites, outcomes, MeSH terms, posted results), as
        `trials show --json` prints them
  md    a readable report: a section per trial with its outcomes, sites by country
        and posted results whole

With --compare ID ID... (2 to 6 trials) the comparison is exported, in every format:
  csv   a table with a column per trial: the summary, a row per compared field
        (match: differs or same), the headline results, the arms, then the aligned
        criteria and outcomes (match: same, similar N or only)
  json  the comparison as `trials compare --json` prints it
  md    the summary, the compared fields, the headline results, the criteria and
        outcomes aligned

--all (or an empty QUERY, "") exports every trial, in id order. When nothing
matches, the output is still written (CSV: the header row; JSON: []; Markdown: a
title) and a message says so; the exit status is 0. A bad query is a usage error
(exit status 2)."""

EXAMPLES = """\
examples:
  trials export stem cell --format csv > stem.csv
  trials export 'condition:als phase:2' -o als.md
  trials export --all -o all.json
  trials export --compare NCT02249676 NCT01494480 -o comparison.md"""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the sub-command to the command line."""
    cmd = commands.add_parser(
        "export", parents=[common], help="write trials as CSV, JSON or Markdown",
        description=DESCRIPTION, epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("words", nargs="*", metavar="QUERY", help="the trials to export")
    cmd.add_argument("--all", action="store_true", help="export every trial (no QUERY)")
    cmd.add_argument("--compare", nargs="+", metavar="ID", default=None,
                     help=f"export the comparison of these trials ({MIN_TRIALS} to "
                     f"{MAX_TRIALS}; no QUERY)")
    cmd.add_argument("-f", "--format", choices=FORMATS, default=None,
                     help="csv, json or md (default: from the --output file's extension)")
    cmd.add_argument("-o", "--output", metavar="FILE", default=None,
                     help="write to FILE instead of stdout (atomically; '-' is stdout) "
                     "and say how many trials were written")
    cmd.add_argument("--force", action="store_true", help="overwrite FILE when it exists")
    cmd.add_argument("--sort", choices=[*SORTS, *(f"-{c}" for c in SORTS)], default=None,
                     help="order by a column instead of relevance (prefix - for descending)")


def run(store: TrialStore, args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit status."""
    if args.compare is None and not args.all and not args.words:
        raise UsageError("name the trials to export: a QUERY, --all, or --compare ID ID…")
    file_format = _format(args)
    if args.compare is not None:
        ids, title = _compared_ids(store, args), "Comparison"
    else:
        ids, title = _matching_ids(store, args)

    def fill(out: TextIO) -> int:
        return write_export(out, file_format, iter_records(store, ids), title=title,
                            comparison=args.compare is not None)

    output = None if args.output in (None, "-") else Path(args.output)
    count = _write_stdout(fill) if output is None else _write_path(output, fill, args.force)
    if output is not None:
        message_console().print(f"wrote {count:,} {_trials(count)} to {output}")
    return 0


def _format(args: argparse.Namespace) -> str:
    """The --format, or the one the --output file's extension names."""
    to_file = args.output not in (None, "-")
    if to_file and Path(args.output).expanduser().is_dir():
        raise UsageError(f"--output {args.output} is a folder: name a file in it "
                         f"({Path(args.output) / 'trials.csv'})")
    if args.format:
        return str(args.format)
    if not to_file:
        raise UsageError("choose a format for standard output: --format csv, json or md")
    guessed = format_of(args.output)
    if guessed is None:
        raise UsageError(f"choose a format: --format csv, json or md ({args.output} does not "
                         "end in .csv, .json or .md)")
    return guessed


def _matching_ids(store: TrialStore, args: argparse.Namespace) -> tuple[list[str], str]:
    """The ids of the trials to export, best first, and a title for the Markdown report."""
    if args.all and args.words:
        raise UsageError("give a QUERY or --all, not both")
    query = " ".join(args.words).strip()
    try:
        hits = store.search(query, limit=None, sort=args.sort)
    except QueryError as error:
        raise UsageError(f"bad query: {error}") from None
    if not hits:
        why = f"no trial matches {query!r}" if query else "the store is empty"
        message_console().print(f"trials: {why}")
    ids = [hit["id"] for hit in hits]
    title = f"Trials matching {query}" if query else "All trials"
    return ids, f"{title} ({len(ids):,})"


def _compared_ids(store: TrialStore, args: argparse.Namespace) -> list[str]:
    if args.words or args.all:
        raise UsageError("give --compare IDs, or a QUERY or --all, not both")
    ids = list(dict.fromkeys(args.compare))
    if not MIN_TRIALS <= len(ids) <= MAX_TRIALS:
        raise UsageError(f"--compare takes {MIN_TRIALS} to {MAX_TRIALS} trial ids, not {len(ids)}")
    found = list(dict.fromkeys(found_trial(store, trial_id)["id"] for trial_id in ids))
    if len(found) < MIN_TRIALS:
        raise UsageError(f"--compare takes {MIN_TRIALS} to {MAX_TRIALS} trials; these ids "
                         "name one")
    return found


def _trials(count: int) -> str:
    return "trial" if count == 1 else "trials"


def _write_stdout(fill: Callable[[TextIO], int]) -> int:
    """Write UTF-8 to stdout, bytes as written (no newline translation)."""
    if not hasattr(sys.stdout, "buffer"):
        return fill(sys.stdout)
    sys.stdout.flush()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        count = fill(out)
        out.flush()  # a reader that left (`trials export … | head`): the command's handler
    finally:
        out.detach()
    return count


def _write_path(path: Path, fill: Callable[[TextIO], int], force: bool) -> int:
    try:
        return write_file(path, fill, force=force)
    except FileExistsError:
        raise CommandError(f"{path} exists; use --force to overwrite it") from None
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
