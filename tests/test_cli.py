"""The `trials` command: exit codes, stdout/stderr split, plain and JSON output."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: The conftest fixture run_cli: `trials ARGV` → exit status, stdout, stderr.
RunCli = Callable[..., tuple[int, str, str]]


def test_import_seeds_then_show_json(cli_db: Path, run_cli: RunCli) -> None:
    code, out, err = run_cli("import", str(SEEDS))
    assert code == 0, err
    assert "imported" in out and "5" in out
    code, out, _ = run_cli("show", "NCT02249676", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "NCT02249676"
    assert record["sponsor"] == "Tianjin Medical University"
    assert record["eligibility"]["inclusion"][3]["children"][0]["text"].startswith("Increase of 1")
    assert record["source"]["format"] == "veeva-text"
    assert record["source"]["imported_at"]
    assert "text" not in record["source"]


def test_bare_command_opens_the_browser_on_the_store(
    cli_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`trials` with no command runs the browser app on the chosen store and returns its code."""
    from tui import app as app_module

    opened: list[Path | None] = []

    def fake_run(self: app_module.TrialsApp) -> int:
        opened.append(self.db_path)
        return 0

    monkeypatch.setattr(app_module.TrialsApp, "run", fake_run)
    assert main([]) == 0
    assert opened == [cli_db]


def test_list_is_plain_tab_separated_when_piped(
    cli_db: Path, run_cli: RunCli
) -> None:
    run_cli("import", str(SEEDS / "001_8cd98e60ac34dbb8.txt"))
    code, out, _ = run_cli("list")
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


def test_list_json_is_every_record(cli_db: Path, run_cli: RunCli) -> None:
    run_cli("import", str(SEEDS))
    code, out, _ = run_cli("list", "--json")
    records = json.loads(out)
    assert code == 0 and len(records) == 5
    assert all(set(record) >= {"id", "title", "eligibility", "source"} for record in records)


def test_search_s_table_is_read_from_the_index(cli_db: Path, run_cli: RunCli,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The table needs the list columns alone: no record is read (22,310 rows took 44 s when
    each was; the JSON still has whole records)."""
    from store import TrialStore

    run_cli("import", str(SEEDS))

    def no_record(self: TrialStore, trial_id: str) -> None:
        raise AssertionError(f"{trial_id} read whole for a table")

    monkeypatch.setattr(TrialStore, "get", no_record)
    code, out, _ = run_cli("search", "amyotrophic")
    assert code == 0
    assert out.split("\t")[:4] == ["NCT01494480", "The Clinical Trial on the Use of Umbilical "
                                    "Cord Mesenchymal Stem Cells in Amyotrophic Lateral "
                                    "Sclerosis", "Unknown", "Phase 2"]


def test_search_requires_every_word(cli_db: Path, run_cli: RunCli) -> None:
    run_cli("import", str(SEEDS))
    code, out, _ = run_cli("search", "AMYOTROPHIC", "--json")
    hits = json.loads(out)
    assert code == 0
    assert [hit["id"] for hit in hits] == ["NCT01494480"]
    assert hits[0]["score"] > 0
    _, out, _ = run_cli("search", "stem", "amyotrophic", "neuromyelitis", "--json")
    assert json.loads(out) == []
    code, out, err = run_cli("search", "nosuchwordanywhere")
    assert code == 0 and out == "" and "no trial matches" in err


def test_search_with_no_match_says_what_the_last_word_matches_as_a_prefix(
    cli_db: Path, run_cli: RunCli
) -> None:
    """The browser reads the last word typed as a prefix; the command reads words whole, and
    says so when that is why nothing matched."""
    run_cli("import", str(SEEDS))
    code, out, err = run_cli("search", "amyo")
    assert (code, out) == (0, "")
    assert err.strip() == "trials: no trial matches 'amyo'; as a prefix, amyo* matches 1 trial"
    code, out, err = run_cli("search", "amyo*", "--json")
    assert [hit["id"] for hit in json.loads(out)] == ["NCT01494480"] and err == ""


def test_search_suggests_operators_in_capitals_when_they_match_more(
    cli_db: Path, run_cli: RunCli
) -> None:
    run_cli("import", str(SEEDS))
    code, out, err = run_cli("search", "stem", "or", "neuromyelitis", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    assert err.strip() == ("trials: did you mean 'stem OR neuromyelitis'? 5 trials (or, and, "
                           "not in lower case are words to match)")
    code, out, err = run_cli("search", "stem", "OR", "neuromyelitis", "--json")
    assert len(json.loads(out)) == 5 and err == ""


def test_show_readable_has_every_section(cli_db: Path, run_cli: RunCli) -> None:
    run_cli("import", str(SEEDS))
    code, out, _ = run_cli("show", "NCT02249676")
    assert code == 0
    for expected in (
        "Overview", "Design", "Arms (2)", "Eligibility",
        "Inclusion criteria (5, with 7 sub-items)",
        "Exclusion criteria (7)", "4.2. Moderate-severe relapses", "18 to 80 years",
        "Placebo comparator", "Randomized", "Parallel",
    ):
        assert expected in out, expected


def test_show_source_prints_the_original_text(
    cli_db: Path, run_cli: RunCli
) -> None:
    run_cli("import", str(SEEDS))
    code, out, _ = run_cli("show", "NCT01494480", "--source")
    assert code == 0
    assert out == (SEEDS / "003_3f105c78775c2e4d.txt").read_text(encoding="utf-8") + "\n"


def test_unknown_id_is_one_line_and_exit_1(seeded_cli_db: Path, run_cli: RunCli) -> None:
    code, out, err = run_cli("show", "NCT00000000")
    assert code == 1 and out == ""
    assert err.strip() == "trials: no trial with id 'NCT00000000'"


def test_failed_file_exit_1_and_others_imported(
    cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "003_3f105c78775c2e4d.txt", folder)
    (folder / "README.md").write_text("# My notes\n\nNothing to see here.\n")
    code, out, err = run_cli("import", str(folder))
    assert code == 1
    assert "README.md" in err and "not a trial page" in err
    assert "Traceback" not in err
    _, out, _ = run_cli("list", "--json")
    assert [record["id"] for record in json.loads(out)] == ["NCT01494480"]


def test_unusable_store_is_a_clear_message(
    cli_db: Path, run_cli: RunCli
) -> None:
    cli_db.parent.mkdir(parents=True)
    cli_db.write_text("{not json")
    code, out, err = run_cli("list")
    assert code == 1 and out == ""
    assert str(cli_db) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_db_option_overrides_environment(
    cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    other = tmp_path / "other.json"
    run_cli("--db", str(other), "import", str(SEEDS / "001_8cd98e60ac34dbb8.txt"))
    assert other.exists() and not cli_db.exists()
    _, out, _ = run_cli("list", "--db", str(other), "--json")
    assert [record["id"] for record in json.loads(out)] == ["NCT02249676"]


def test_usage_error_exit_2(cli_db: Path, run_cli: RunCli) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["show"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_markup_and_escapes_in_trial_text_print_literally(
    cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    page = (SEEDS / "003_3f105c78775c2e4d.txt").read_text(encoding="utf-8")
    page = page.replace(
        "The Clinical Trial on the Use", "[bold]Evil[/ \x1b]52;c;SGVsbG8=\x07\x1b[2JThe Trial"
    ).replace("General Hospital", "[link=http://x]General[/link] Hospital")
    (tmp_path / "evil.txt").write_text(page, encoding="utf-8")
    run_cli("import", str(tmp_path / "evil.txt"))
    code, out, _ = run_cli("show", "NCT01494480")
    assert code == 0
    assert "[bold]Evil[/ The Trial" in out
    assert "[link=http://x]General[/link] Hospital" in out
    assert "\x1b" not in out and "52;c" not in out


def test_installed_console_script_runs(cli_db: Path) -> None:
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


def test_search_query_language_sort_and_limit(cli_db: Path, run_cli: RunCli) -> None:
    run_cli("import", str(SEEDS))
    code, out, _ = run_cli("search", 'condition:"multiple sclerosis"', "phase:1", "--json")
    assert code == 0
    assert [hit["id"] for hit in json.loads(out)] == ["NCT06360861"]
    _, out, err = run_cli("search", "stem", "--sort=-enrollment", "--limit", "2", "--json")
    assert [hit["id"] for hit in json.loads(out)] == ["NCT01494480", "LOCAL-826653db64"]
    assert err.strip() == "trials: 2 of 5 matching trials shown (--limit 2)"  # in every seed
    _, _, err = run_cli("search", "stem", "--limit", "5")
    assert err == ""  # nothing left out
    _, out, _ = run_cli("search", "amyotroph*")
    assert out.split("\t")[0] == "NCT01494480"


def test_bad_query_is_a_usage_error_saying_where(
    cli_db: Path, run_cli: RunCli
) -> None:
    run_cli("import", str(SEEDS))
    code, out, err = run_cli("search", "stem", '"unclosed')
    assert code == 2 and out == ""
    assert err.startswith("trials: bad query:") and "column" in err
    assert len(err.strip().splitlines()) == 1
    # An operator without its term, an unknown field of one letter: the same kind of message.
    for query, message in [("AND", "AND at column 1 needs a term before it"),
                           ("stem AND", "AND at column 6 needs a term after it"),
                           ("-", '"-" at column 1 needs a term after it'),
                           ("x:y", 'unknown field "x:" at column 1')]:
        code, out, err = run_cli("search", query)
        assert code == 2 and out == "", query
        assert err.startswith(f"trials: bad query: {message}"), err


# --- colour on a terminal, and NO_COLOR ----------------------------------------------------------

CLI = "from tui.cli import main; raise SystemExit(main())"
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour_codes(output: str) -> list[str]:
    """The SGR sequences of the output that set a colour (foreground, background, bright,
    256-colour and true-colour)."""
    found = []
    for match in SGR.finditer(output):
        codes = [int(code) for code in re.split("[;:]", match[1]) if code]
        if any(30 <= c <= 38 or 40 <= c <= 48 or 90 <= c <= 97 or 100 <= c <= 107 for c in codes):
            found.append(match[0])
    return found


def run_on_terminal(*argv: str, no_color: bool, columns: int = 120) -> str:
    """`trials ARGV` with stdout and stderr on a pseudo-terminal (120 columns unless told):
    what it wrote there."""
    environ = {k: v for k, v in os.environ.items()
               if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "LINES")}
    environ["TERM"] = "xterm-256color"
    if no_color:
        environ["NO_COLOR"] = "1"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, *argv], stdin=subprocess.DEVNULL, stdout=slave,
            stderr=slave, env=environ, cwd=SEEDS.parent,
        )
    finally:
        os.close(slave)
    chunks = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], deadline - time.monotonic())
            try:
                data = os.read(master, 65536) if ready else b""
            except OSError:  # EIO: the command closed the terminal (it ended)
                data = b""
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_makes_search_and_show_plain_on_a_terminal(seeded_cli_db: Path) -> None:
    shown = run_on_terminal("show", "NCT02249676", no_color=False)
    searched = run_on_terminal("search", "stem", no_color=False)
    # On a terminal the output is styled: colours in `show`, a table with the matches
    # marked in `search` (so that the checks below can fail).
    assert colour_codes(shown), shown
    assert "Autologous Mesenchymal" in shown
    assert SGR.search(searched) and "\t" not in searched
    plain_show = run_on_terminal("show", "NCT02249676", no_color=True)
    plain_search = run_on_terminal("search", "stem", no_color=True)
    for output in (plain_show, plain_search):
        assert colour_codes(output) == []
        assert "\x1b" not in output  # no escape sequence at all: plain output
    assert "Autologous Mesenchymal" in plain_show
    lines = plain_search.replace("\r\n", "\n").splitlines()
    assert len(lines) == 5 and all(line.count("\t") == 6 for line in lines), lines


def test_an_import_note_names_the_trial_of_a_file_of_many(cli_db: Path, run_cli: RunCli) -> None:
    """A search page holds many studies: a note on one of them names it."""
    page = (Path(__file__).resolve().parent / "fixtures" / "realdata" / "partial"
            / "genomoncology__biomcp__testdata_sources_ctgov_search_nsclc_egfr_l858r_20260811.json")
    assert run_cli("import", str(page.parent))[0] == 0  # with NCT06382129's own answer
    copy = cli_db.parent / "again" / page.name  # the same studies, another file
    copy.parent.mkdir()
    copy.write_bytes(page.read_bytes() + b"\n")
    code, out, err = run_cli("import", str(copy))
    assert code == 0, err
    notes = [line for line in out.splitlines() if line.startswith("note: ")]
    assert f"note: {copy} (NCT06382129): kept the stored version: both are partial" in out
    assert len(notes) == len({line.split(": ")[1] for line in notes}) > 1  # one per trial
