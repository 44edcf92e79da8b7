"""`trials list` and `trials search` write their output as they read the store: the JSON a
record at a time (the same bytes as one `orjson.dumps` of the list), the tab-separated lines
and the terminal's table a batch at a time, so that the first rows come out before the last
trial is read and what is held does not grow with the number of trials."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from rich.console import Console
from test_reliability_input import trials_command, trials_env

from store import TrialStore
from tui import cli_commands, records_stream, store_rows
from tui.json_stream import write_json_array
from tui.records_table import (
    column_names,
    layout,
    left_out_note,
    records_table,
    row_cells,
    table_of,
)
from tui.report_view import plain

ROOT = Path(__file__).resolve().parent.parent
TRIALS = 1_000  # five batches of rows


def record(number: int) -> dict[str, Any]:
    return {"id": f"NCT{number:08d}", "title": f"Trial number {number} of stem cells " * 2,
            "status": "RECRUITING" if number % 2 else "COMPLETED", "phases": ["PHASE2"],
            "conditions": [f"Condition {number}", "Multiple Sclerosis"],
            "enrollment": number, "eligibility": {"inclusion": [{"text": "Ünïcode ≥ 18"}]}}


class Output:
    """A stdout double (terminal or pipe) that notes how many trials the store double had
    read when the first byte was written."""

    def __init__(self, store: StoreDouble, terminal: bool) -> None:
        self.store, self.terminal = store, terminal
        self.read_at_first: int | None = None
        self.data = bytearray()
        self.buffer = self  # (the JSON goes to the bytes underneath)

    def write(self, data: str | bytes) -> int:
        if self.read_at_first is None and data:
            self.read_at_first = self.store.read
        self.data += data.encode("utf-8") if isinstance(data, str) else data
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return self.terminal

    def text(self) -> str:
        """What was written, without its styles."""
        return re.sub(r"\x1b\[[0-9;]*m", "", self.data.decode("utf-8"))


class StoreDouble:
    """TRIALS trials; counts the records and list columns read."""

    def __init__(self) -> None:
        self.records = [record(number) for number in range(TRIALS)]
        self.read = 0
        self.index = self  # marker_for asks the index for the matches in a text

    def text_highlights(self, query: Any, value: str) -> list[tuple[int, int]]:
        return []

    def ids(self) -> list[str]:
        return [r["id"] for r in self.records]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for r in self.records:
            self.read += 1
            yield r

    def get(self, trial_id: str) -> dict[str, Any] | None:
        self.read += 1
        return next(r for r in self.records if r["id"] == trial_id)

    def columns_many(self, ids: list[str]) -> list[dict[str, Any] | None]:
        self.read += len(ids)
        wanted = set(ids)
        return [{k: v for k, v in r.items() if k != "eligibility"}
                for r in self.records if r["id"] in wanted]

    def search(self, query: str, limit: int | None, sort: str | None) -> list[dict[str, Any]]:
        return [{"id": r["id"], "score": 1.0 + i / 100} for i, r in enumerate(self.records)]


def run(monkeypatch: pytest.MonkeyPatch, command: str, *, json_out: bool,
        terminal: bool = False) -> tuple[StoreDouble, Output]:
    store = StoreDouble()
    out = Output(store, terminal)
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    args = argparse.Namespace(json=json_out, words=["stem"], limit=None, sort=None)
    assert cli_commands.COMMANDS[command](store, args) == 0  # type: ignore[arg-type]
    return store, out


@pytest.mark.parametrize("values", [[], [{"a": 1}], [record(1), [1, "é"], None, record(2)]])
def test_a_json_array_written_a_value_at_a_time_is_the_dumped_list(values: list[Any]) -> None:
    written: list[bytes] = []
    assert write_json_array(iter(values), written.append) == len(values)
    assert b"".join(written) == orjson.dumps(values, option=orjson.OPT_INDENT_2) + b"\n"


@pytest.mark.parametrize("command", ["list", "search"])
def test_json_is_written_before_the_last_record_is_read(
    monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    store, out = run(monkeypatch, command, json_out=True)
    assert out.read_at_first is not None and out.read_at_first <= store_rows.BATCH < TRIALS
    assert store.read == TRIALS
    written = json.loads(out.text())
    if command == "search":  # each record with its score
        assert [r.pop("score") for r in written] == [1.0 + i / 100 for i in range(TRIALS)]
    assert written == store.records


@pytest.mark.parametrize("command", ["list", "search"])
def test_piped_lines_are_written_before_the_last_trial_is_read(
    monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    store, out = run(monkeypatch, command, json_out=False)
    assert out.read_at_first is not None and out.read_at_first <= store_rows.BATCH
    lines = out.text().splitlines()
    assert [line.split("\t")[0] for line in lines] == store.ids()


@pytest.mark.parametrize("command", ["list", "search"])
def test_the_terminal_s_table_is_printed_in_parts(
    monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    store, out = run(monkeypatch, command, json_out=False, terminal=True)
    # The first part is printed once the rows after it are known to exist (two batches read).
    assert out.read_at_first is not None
    assert out.read_at_first <= 2 * max(store_rows.BATCH, records_stream.BATCH) < TRIALS
    lines = out.text().splitlines()
    assert sum(line.startswith("┏") for line in lines) == 1  # one top edge, one header
    assert sum(" ID " in line for line in lines) == 1
    assert sum(line.startswith("└") for line in lines) == 1  # one bottom edge, under the last
    ids = [line.split("│")[1].strip() for line in lines if line.startswith("│ NCT")]
    assert ids == store.ids()
    assert len({len(line) for line in lines if line.startswith(("│", "┏", "└"))}) == 1
    assert (lines[-1] == "1,000 trials") == (command == "list")


def test_a_table_in_parts_is_the_whole_table_at_the_terminal_s_widths() -> None:
    """Each part is the whole table's rows: no edge or header between them, the columns of a
    long table laid out from the width (the most each wrapping column can use)."""
    rows = [record(number) for number in range(3 * records_stream.BATCH + 7)]
    rows[-1]["title"] = "A title longer than any of the first part's, " * 3
    for width in (80, 200):
        streamed = console(width)
        records_stream._print_table(streamed, iter(rows), None, plain, {"ID": 11})
        names = column_names(None)
        cells = [row_cells(row, None) for row in rows]
        widths = {**records_stream.LONG_TABLE, "ID": 11}
        columns = layout(cells[:records_stream.BATCH], names, width, widths)
        whole = console(width)
        whole.print(table_of(cells, names, columns))
        note = left_out_note(names, columns, width)
        if note is not None:
            whole.print(note)
        assert text_of(streamed) == text_of(whole)


def test_a_table_of_one_part_is_the_table_laid_out_on_its_rows() -> None:
    """A short table is as before: its columns as wide as its rows need, no wider."""
    rows = [{**record(number), "score": 2.5} for number in range(12)]
    streamed, whole = console(200), console(200)
    records_stream._print_table(streamed, iter(rows), "Score", plain, {"ID": 11})
    whole.print(records_table(rows, 200, "Score"))
    assert text_of(streamed) == text_of(whole)
    unstyled = re.sub(r"\x1b\[[0-9;]*m", "", text_of(whole))
    assert max(len(line) for line in unstyled.splitlines()) < 200


def console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, color_system="truecolor",
                   force_terminal=True, markup=False, emoji=False, highlight=False)


def text_of(target: Console) -> str:
    return target.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("argv", [["list", "--json"], ["search", "stem", "--json"],
                                  ["changes", "--since", "2020-01-01", "--json"],
                                  ["changes", "--since", "2020-01-01"],
                                  ["export", "--all", "--format", "json"]])
def test_a_reader_that_goes_away_ends_a_stream_quietly(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "db" / "trials.json"
    TrialStore(db).import_paths(sorted((ROOT / "seeds").glob("*.txt")))
    process = subprocess.Popen(trials_command(*argv, db=db), env=trials_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `trials list --json | head -0` does
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 141  # as the shell says of a command ended by SIGPIPE
    assert errors == ""
