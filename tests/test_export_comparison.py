"""A comparison exported as JSON and CSV is the comparison (as `trials compare --json` prints
it; a table of the compare screen's rows), not the compared records: from `trials export
--compare` and from the compare screen's export dialog."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_helpers import ALS, LARGE, NMO, dialog, keys, select_row, start, write_to

from tui.app import TrialsApp
from tui.export import format_about
from tui.screens.compare import CompareScreen

RunCli = Callable[..., tuple[int, str, str]]


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def check_comparison_json(data: dict[str, object]) -> None:
    """What the comparison of the two seeds holds (values read off the seed files)."""
    assert data["trials"] == [NMO, ALS]
    assert isinstance(data["summary"], str) and data["summary"].startswith("Differs in: title,")
    fields = {entry["field"]: entry for entry in data["fields"]}  # type: ignore[attr-defined]
    assert fields["sponsor"]["values"] == ["Tianjin Medical University",
                                           "General Hospital of Chinese Armed Police Forces"]
    assert fields["phases"]["same"] is True
    inclusion = data["criteria"]["inclusion"]  # type: ignore[index]
    assert inclusion[0] == {"cells": ["Age > 18 year", "More than 20 and less than 65 years old"],
                            "score": 76.0, "kind": "similar"}


def check_comparison_csv(rows: list[list[str]]) -> None:
    """The table: the header, the summary, a row per field, results, arms, aligned criteria."""
    assert rows[0] == ["part", "item", "match", NMO, ALS]
    assert rows[1][0] == "summary" and rows[1][1].startswith("Differs in: title,")
    assert rows[1][2:] == ["", "", ""]
    assert ["field", "Sponsor", "differs", "Tianjin Medical University",
            "General Hospital of Chinese Armed Police Forces"] in rows
    assert ["field", "Phases", "same", "Phase 2", "Phase 2"] in rows
    assert ["results", "Headline", "", "No results posted", "No results posted"] in rows
    arms = next(row for row in rows if row[0] == "arms")
    assert arms[3].startswith("Autologous mesenchymal stem cells group (Experimental)\n")
    criteria = [row for row in rows if row[0] == "inclusion criterion"]
    assert criteria[0] == ["inclusion criterion", "1", "similar 76", "Age > 18 year",
                           "More than 20 and less than 65 years old"]
    assert ["inclusion criterion", "3", "only", "EDSS > 3", ""] in criteria
    assert ["inclusion criterion", "11", "only", "", "Signed informed consent"] in criteria
    assert [row[:3] for row in rows if row[0] == "exclusion criterion"][1] == [
        "exclusion criterion", "2", "similar 63"]
    # the parts in the compare screen's order
    parts = list(dict.fromkeys(row[0] for row in rows[1:]))
    assert parts == ["summary", "field", "results", "arms", "inclusion criterion",
                     "exclusion criterion"]


def test_export_compare_json_is_the_comparison(seeded_cli_db: Path, run_cli: RunCli) -> None:
    code, exported, _ = run_cli("export", "--compare", NMO, ALS, "-f", "json")
    assert code == 0
    check_comparison_json(json.loads(exported))
    _, printed, _ = run_cli("compare", NMO, ALS, "--json")
    assert exported == printed  # byte for byte what `trials compare --json` prints


def test_export_compare_csv_is_a_table_of_the_comparison(
    seeded_cli_db: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "comparison.csv"
    code, _, err = run_cli("export", "--compare", NMO, ALS, "-o", str(out))
    assert code == 0 and err.strip() == f"wrote 2 trials to {out}"
    raw = out.read_bytes().decode("utf-8")
    assert raw.startswith(f"part,item,match,{NMO},{ALS}\r\n")
    check_comparison_csv(rows_of(raw))


def test_export_compare_takes_at_most_six_trials(
    seeded_cli_db: Path, run_cli: RunCli
) -> None:
    """Seven ids are a usage error, as for `trials compare` (it was a traceback)."""
    ids = [f"NCT0000000{n}" for n in range(7)]
    code, out, err = run_cli("export", "--compare", *ids, "-f", "json")
    assert (code, out, err.strip()) == (2, "", "trials: --compare takes 2 to 6 trial ids, not 7")


def test_the_dialog_says_what_a_comparison_export_holds() -> None:
    assert format_about("csv", comparison=True).startswith("The comparison as a table")
    assert format_about("json", comparison=True).startswith(
        "The comparison, as trials compare --json prints it")
    assert format_about("json").startswith("Every field of each record")


@pytest.mark.parametrize("file_format", ["json", "csv"])
async def test_compare_screen_exports_the_comparison(
    app: TrialsApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_format: str
) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "down")
        await select_row(pilot, NMO)
        await keys(pilot, "space")
        await select_row(pilot, ALS)
        await keys(pilot, "space", "c")
        assert isinstance(app.screen, CompareScreen)
        await keys(pilot, "x")
        if file_format == "json":
            await keys(pilot, "right")
        assert dialog(app).file_format == file_format
        path = tmp_path / f"comparison.{file_format}"
        await write_to(pilot, path)
        assert isinstance(app.screen, CompareScreen)
    text = path.read_bytes().decode("utf-8")
    if file_format == "json":
        check_comparison_json(json.loads(text))
    else:
        check_comparison_csv(rows_of(text))


@pytest.mark.parametrize(("cell", "written"), [
    ("- Serious Adverse Event(s)", "'- Serious Adverse Event(s)"),  # NCT04982835's outcome
    ("=1+2", "'=1+2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("+ Additional Surgical Intervention", "'+ Additional Surgical Intervention"),
    ("-1.6", "-1.6"),  # a number stays a number
    ("Age > 18 year", "Age > 18 year"),
    ("", ""),
])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(cell: str, written: str) -> None:
    from tui.export_comparison_data import spreadsheet_safe

    assert spreadsheet_safe(cell) == written
