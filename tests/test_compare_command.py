"""`trials compare`: the comparison on a terminal, as JSON and as Markdown; usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NMO, MS = "NCT02249676", "NCT06360861"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five seeds."""
    path = tmp_path_factory.mktemp("compare") / "trials.json"
    assert main(["import", str(SEEDS), "--db", str(path)]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def row_with(rows: list[dict], text: str) -> dict:
    return next(row for row in rows if any(cell and cell.startswith(text) for cell in row["cells"]))


def test_json_has_the_documented_shape(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, db, "compare", NMO, MS, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["trials"] == [NMO, MS]
    fields = {field["field"]: field for field in data["fields"]}
    assert fields["eligibility.sex"] == {
        "field": "eligibility.sex", "label": "sex", "values": ["ALL", "ALL"], "same": True,
    }
    assert fields["phases"]["values"] == [["PHASE2"], ["PHASE1"]]
    assert fields["phases"]["same"] is False
    assert data["summary"].startswith("Differs in: ")
    assert "phases" in data["summary"].split(";")[0]
    exclusion = data["criteria"]["exclusion"]
    pregnancy = row_with(exclusion, "Pregnant or possibly pregnant")
    assert pregnancy["cells"] == ["Pregnant or possibly pregnant", "Pregnancy or breastfeeding."]
    assert 0 < pregnancy["score"] < 100
    allergies = row_with(exclusion, "Allergies")
    assert allergies["cells"] == ["Allergies", None]
    assert allergies["score"] == 0
    assert set(data["criteria"]) == {"inclusion", "exclusion"}


def test_the_terminal_view_marks_rows(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "compare", NMO, MS)
    assert code == 0
    assert out.startswith("Summary: Differs in: ")
    assert "≠ Phases" in out and "  Sex" in out
    pregnancy = next(line for line in out.splitlines() if "Pregnant or possibly" in line)
    assert "≈" in pregnancy and "Pregnancy or breastfeeding." in pregnancy
    allergies = next(line for line in out.splitlines() if "Allergies" in line)
    assert "only" in allergies
    assert "\x1b" not in out  # plain when piped


def test_differences_only_hides_what_is_the_same(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, everything, _ = run(capsys, db, "compare", NMO, MS)
    code, out, _ = run(capsys, db, "compare", NMO, MS, "--differences")
    assert code == 0
    assert "Study type" in everything and "Study type" not in out
    assert "≠ Phases" in out
    assert "Showing differences only." in out


def test_three_trials_and_lowercase_ids(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "compare", NMO, MS.lower(), "NCT01494480", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["trials"] == [NMO, MS, "NCT01494480"]
    for rows in data["criteria"].values():
        assert all(len(row["cells"]) == 3 for row in rows)


def test_markdown_tables(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "compare", NMO, MS, "--format", "md")
    assert code == 0
    lines = out.splitlines()
    assert f"| Field | {NMO} | {MS} |" in lines
    assert "## Inclusion criteria" in lines and "## Exclusion criteria" in lines
    pregnancy = next(line for line in lines if "Pregnant or possibly" in line)
    assert pregnancy.startswith("| ≈") and pregnancy.count("|") == 4
    allergies = next(line for line in lines if line.startswith("| only") and "Allergies" in line)
    assert allergies.endswith("| — |")


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ([NMO], "compare takes 2 to 6 trial ids, not 1"),
        ([NMO, MS, "A", "B", "C", "D", "E"], "compare takes 2 to 6 trial ids, not 7"),
        ([NMO, NMO.lower()], f"{NMO} and {NMO.lower()} name one trial; compare different"),
        ([NMO, MS, NMO], f"{NMO} is named twice; compare different trials"),
    ],
)
def test_usage_errors_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], ids: list[str], message: str
) -> None:
    code, out, err = run(capsys, db, "compare", *ids)
    assert code == 2
    assert out == ""
    assert message in err


def test_an_unknown_id_is_named(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, db, "compare", NMO, "NCT99999999")
    assert code == 1
    assert out == ""
    assert err.strip() == "trials: no trial with id 'NCT99999999'"


ALL_FIVE = ["NCT02249676", "NCT06360861", "NCT01494480", "LOCAL-560cb85369", "LOCAL-826653db64"]


def test_plain_output_keeps_every_trial_s_column_whole(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped, five trials side by side in one table, no id cut (at 80 columns each was
    folded to 'NCT0238 / 8997')."""
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, err = run(capsys, db, "compare", *ALL_FIVE)
    assert code == 0, err
    header = next(line for line in out.splitlines() if "Field" in line)
    assert all(trial in header for trial in ALL_FIVE)
    assert "Trials 1–" not in out


class _Terminal:
    """stdout as a terminal of 80 columns."""

    def __init__(self) -> None:
        import io
        self.buffer = io.StringIO()

    def write(self, text: str) -> int:
        return self.buffer.write(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_as_many_trials_as_fit_then_the_next(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["compare", *ALL_FIVE, "--db", str(db)]) == 0
    out = terminal.buffer.getvalue()
    assert [line.strip() for line in out.splitlines() if line.startswith("Trial")] == [
        "Trials 1–2 of 5", "Trials 3–4 of 5", "Trial 5 of 5"]
    assert out.count("Summary:") == 1
    assert "The marks compare all 5 trials, those not side by side too." in " ".join(out.split())
    tables = [line for line in out.splitlines() if line[:1] in "┏┃┡│├└"]
    assert max(len(line) for line in tables) <= 80  # the tables fit the terminal
    headers = [line for line in out.splitlines() if "┃ Field" in line]
    assert [sum(trial in line for trial in ALL_FIVE) for line in headers] == [2, 2, 1]


def test_piped_output_takes_the_width_columns_sets(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`COLUMNS=80 trials compare … | less`: laid out as on a terminal 80 columns wide."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(capsys, db, "compare", *ALL_FIVE)
    assert code == 0, err
    assert [line.strip() for line in out.splitlines() if line.startswith("Trial")] == [
        "Trials 1–2 of 5", "Trials 3–4 of 5", "Trial 5 of 5"]
    tables = [line for line in out.splitlines() if line[:1] in "┏┃┡│├└"]
    assert max(len(line) for line in tables) <= 80
