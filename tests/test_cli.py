"""The `trials` command: exit codes, stdout/stderr split, plain and JSON output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store path, also set as TRIALS_DB so no test touches the user's store."""
    path = tmp_path / "store" / "trials.json"
    monkeypatch.setenv("TRIALS_DB", str(path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_seeds_then_show_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", str(SEEDS))
    assert code == 0, err
    assert "imported" in out and "5" in out
    code, out, _ = run(capsys, "show", "NCT02249676", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "NCT02249676"
    assert record["sponsor"] == "Tianjin Medical University"
    assert record["eligibility"]["inclusion"][3]["children"][0]["text"].startswith("Increase of 1")
    assert record["source"]["format"] == "veeva-text"
    assert record["source"]["imported_at"]
    assert "text" not in record["source"]


def test_bare_command_opens_the_browser_on_the_store(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`trials` with no command runs the browser app on the chosen store and returns its code."""
    from tui import app as app_module

    opened: list[Path | None] = []

    def fake_run(self: app_module.TrialsApp) -> int:
        opened.append(self.db_path)
        return 0

    monkeypatch.setattr(app_module.TrialsApp, "run", fake_run)
    assert main([]) == 0
    assert opened == [db]


def test_list_is_plain_tab_separated_when_piped(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", str(SEEDS / "001_8cd98e60ac34dbb8.txt"))
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "\x1b" not in out
    assert out.split("\n")[0].split("\t") == [
        "NCT02249676",
        "Autologous Mesenchymal Stem Cells for the Treatment of Neuromyelitis Optica "
        "Spectrum Disorders",
        "Completed",
        "Phase 2",
        "Devic's Disease; Devic's Syndrome; Devic Syndrome; Devic Disease; "
        "Devic's Neuromyelitis Optica",
        "15",
    ]


def test_list_json_is_every_record(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(SEEDS))
    code, out, _ = run(capsys, "list", "--json")
    records = json.loads(out)
    assert code == 0 and len(records) == 5
    assert all(set(record) >= {"id", "title", "eligibility", "source"} for record in records)


def test_search_requires_every_word(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(SEEDS))
    code, out, _ = run(capsys, "search", "AMYOTROPHIC", "--json")
    hits = json.loads(out)
    assert code == 0
    assert [hit["id"] for hit in hits] == ["NCT01494480"]
    assert hits[0]["score"] > 0
    _, out, _ = run(capsys, "search", "stem", "amyotrophic", "neuromyelitis", "--json")
    assert json.loads(out) == []
    code, out, err = run(capsys, "search", "nosuchwordanywhere")
    assert code == 0 and out == "" and "no trial matches" in err


def test_show_readable_has_every_section(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(SEEDS))
    code, out, _ = run(capsys, "show", "NCT02249676")
    assert code == 0
    for expected in (
        "Overview", "Design", "Arms (2)", "Eligibility", "Inclusion criteria (12)",
        "Exclusion criteria (7)", "4.2. Moderate-severe relapses", "18 to 80 years",
        "Placebo comparator", "Randomized", "Parallel",
    ):
        assert expected in out, expected


def test_show_source_prints_the_original_text(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", str(SEEDS))
    code, out, _ = run(capsys, "show", "NCT01494480", "--source")
    assert code == 0
    assert out == (SEEDS / "003_3f105c78775c2e4d.txt").read_text(encoding="utf-8") + "\n"


def test_unknown_id_is_one_line_and_exit_1(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "NCT00000000")
    assert code == 1 and out == ""
    assert err.strip() == "trials: no trial with id 'NCT00000000'"


def test_failed_file_exit_1_and_others_imported(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "003_3f105c78775c2e4d.txt", folder)
    (folder / "README.md").write_text("# My notes\n\nNothing to see here.\n")
    code, out, err = run(capsys, "import", str(folder))
    assert code == 1
    assert "README.md" in err and "not a trial page" in err
    assert "Traceback" not in err
    _, out, _ = run(capsys, "list", "--json")
    assert [record["id"] for record in json.loads(out)] == ["NCT01494480"]


def test_unusable_store_is_a_clear_message(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.parent.mkdir(parents=True)
    db.write_text("{not json")
    code, out, err = run(capsys, "list")
    assert code == 1 and out == ""
    assert str(db) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_db_option_overrides_environment(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.json"
    run(capsys, "--db", str(other), "import", str(SEEDS / "001_8cd98e60ac34dbb8.txt"))
    assert other.exists() and not db.exists()
    _, out, _ = run(capsys, "list", "--db", str(other), "--json")
    assert [record["id"] for record in json.loads(out)] == ["NCT02249676"]


def test_usage_error_exit_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["show"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_markup_and_escapes_in_trial_text_print_literally(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (SEEDS / "003_3f105c78775c2e4d.txt").read_text(encoding="utf-8")
    page = page.replace(
        "The Clinical Trial on the Use", "[bold]Evil[/ \x1b]52;c;SGVsbG8=\x07\x1b[2JThe Trial"
    ).replace("General Hospital", "[link=http://x]General[/link] Hospital")
    (tmp_path / "evil.txt").write_text(page, encoding="utf-8")
    run(capsys, "import", str(tmp_path / "evil.txt"))
    code, out, _ = run(capsys, "show", "NCT01494480")
    assert code == 0
    assert "[bold]Evil[/ The Trial" in out
    assert "[link=http://x]General[/link] Hospital" in out
    assert "\x1b" not in out and "52;c" not in out


def test_installed_console_script_runs(db: Path) -> None:
    script = Path(sys.executable).parent / "trials"
    assert script.exists(), "the console script `trials` is installed with the package"
    result = subprocess.run(
        [str(script), "import", str(SEEDS)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [str(script), "show", "NCT06360861", "--json"], capture_output=True, text=True, timeout=60
    )
    assert json.loads(result.stdout)["sponsor"] == "Tehran University of Medical Sciences"


def test_search_query_language_sort_and_limit(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(SEEDS))
    code, out, _ = run(capsys, "search", 'condition:"multiple sclerosis"', "phase:1", "--json")
    assert code == 0
    assert [hit["id"] for hit in json.loads(out)] == ["NCT06360861"]
    _, out, _ = run(capsys, "search", "stem", "--sort=-enrollment", "--limit", "2", "--json")
    assert [hit["id"] for hit in json.loads(out)] == ["NCT01494480", "LOCAL-826653db64"]
    _, out, _ = run(capsys, "search", "amyotroph*")
    assert out.split("\t")[0] == "NCT01494480"


def test_bad_query_is_a_usage_error_saying_where(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", str(SEEDS))
    code, out, err = run(capsys, "search", "stem", '"unclosed')
    assert code == 2 and out == ""
    assert err.startswith("trials: bad query:") and "column" in err
    assert len(err.strip().splitlines()) == 1
