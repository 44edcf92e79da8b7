"""A comparison as data: JSON (exactly what ``trials compare --json`` prints) and a CSV table.

The CSV is the compare screen's content, one row per row of it, one column per trial (in the
comparison's order), under a header ``part,item,match,<id>,<id>…``:

- ``summary``: the summary sentence in the item column (the trial columns empty);
- ``field``: a compared field (its label as the screen writes it: "Status", "Countries",
  "Recruiting sites", "MeSH terms, own"…), match ``differs`` or ``same``, each trial's value
  as shown on screen (empty where the trial does not state it);
- ``results``: the headline result of each trial (its lines in one cell);
- ``arms``: each trial's arms (label, type, description, interventions after "→");
- ``inclusion criterion``, ``exclusion criterion``, ``primary outcome``, ``secondary
  outcome``: the aligned items, numbered from 1 in the item column, match ``same`` (every
  trial states it), ``similar N`` (N: similarity out of 100) or ``only`` (one trial states
  it); a trial without a matching item has an empty cell. A criterion's sub-criteria follow
  it on lines of their own ("  - …"); an outcome's time frame follows its measure;
- ``inclusion notes``, ``exclusion notes``: after a section's criteria, when a trial has
  notes there ("Other protocol-defined inclusion criteria may apply"), which are no criteria
  and are not aligned: each trial's notes, one a line.

The marks are words, not the screen's "=", "≈" and "≠": a cell starting with "=" would be a
formula to a spreadsheet. Multi-line cells are quoted (RFC 4180); rows end with CRLF, as the
results' CSV does. Text from the records goes out as it is stored (control characters were
removed when it was parsed).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from typing import Any, TextIO

import orjson

from store.compare import OUTCOME_KINDS, SECTIONS, Comparison, Row, compare, criterion_text

from . import format as fmt
from .compare_text import outcome_cell
from .compare_view import field_rows
from .result_text import headline_lines

Record = dict[str, Any]

#: The first columns of the comparison's CSV; a column per trial follows.
CSV_HEAD = ("part", "item", "match")


def write_comparison_json(
    records: list[Record], out: TextIO, comparison: Comparison | None = None
) -> int:
    """Write the comparison as ``trials compare --json`` prints it (indented, a newline at
    the end); returns the number of trials."""
    comparison = comparison or compare(records)
    out.write(orjson.dumps(comparison.to_json(), option=orjson.OPT_INDENT_2).decode("utf-8"))
    out.write("\n")
    return len(records)


def write_comparison_csv(
    records: list[Record], out: TextIO, comparison: Comparison | None = None
) -> int:
    """Write the comparison as a table (see the module doc); returns the number of trials."""
    comparison = comparison or compare(records)
    writer = _SafeWriter(csv.writer(out, lineterminator="\r\n"))
    blank = [""] * len(records)
    writer.writerow([*CSV_HEAD, *(record["id"] for record in records)])
    writer.writerow(["summary", comparison.summary, "", *blank])
    for label, values, differs in field_rows(records, comparison):
        writer.writerow(["field", label, "differs" if differs else "same", *values])
    writer.writerow(["results", "Headline", "",
                     *("\n".join(headline_lines(result)) for result in comparison.results)])
    writer.writerow(["arms", "Arms", "", *(arms_text(record) for record in records)])
    for section in SECTIONS:
        _aligned_rows(writer, f"{section} criterion", comparison.criteria[section],
                      criterion_text)
        notes = comparison.notes.get(section) or []
        if any(notes):
            writer.writerow([f"{section} notes", "Notes", "",
                             *("\n".join(texts) for texts in notes)])
    for kind in OUTCOME_KINDS:
        _aligned_rows(writer, f"{kind} outcome", comparison.outcomes.get(kind, []),
                      outcome_cell)
    return len(records)


#: A cell a spreadsheet would read as a formula ("- Serious Adverse Event(s)", "=…").
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")


def spreadsheet_safe(cell: str) -> str:
    """A cell as text to a spreadsheet: one starting with =, +, -, @ (and not a plain
    number, "-1.6") gets a leading "'", which spreadsheets read as "this is text"."""
    if cell[:1] and _FORMULA.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


class _SafeWriter:
    """A csv writer whose cells are spreadsheet_safe."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[str]) -> None:
        self.writer.writerow([spreadsheet_safe(cell) for cell in row])


def match_word(row: Row) -> str:
    """ "same", "similar 63" or "only": an aligned row's mark in words."""
    if row.kind == "similar":
        return f"similar {row.score:.0f}"
    return "only" if row.kind == "unique" else "same"


def _aligned_rows(writer: Any, part: str, rows: list[Row], text: Callable[[Any], str]) -> None:
    """The aligned items of a criteria section or a kind of outcome, numbered from 1."""
    for number, row in enumerate(rows, 1):
        cells = ["" if cell is None else text(cell) for cell in row.cells]
        writer.writerow([part, str(number), match_word(row), *cells])


def arms_text(record: Record) -> str:
    """A trial's arms as the compare screen lists them: "Label (Type)", its description, its
    interventions after "→", a blank line between arms ("" when none is listed)."""
    arms = []
    for arm in record.get("arms") or []:
        lines = [str(arm.get("label") or "")]
        if arm.get("type"):
            lines[0] += f" ({fmt.enum_text(arm['type'])})"
        if arm.get("description"):
            lines.append(str(arm["description"]))
        lines += [f"→ {name}" for name in arm.get("interventions") or []]
        arms.append("\n".join(lines))
    return "\n\n".join(arms)
