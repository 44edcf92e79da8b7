"""A query word with a leading minus on the command line excludes it, as in the browser:
argparse must not take it for an option."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

NMO = "NCT02249676"
Run = Callable[..., tuple[int, str, str]]


def ids(out: str) -> list[str]:
    return [line.split("\t", 1)[0] for line in out.splitlines()]


def test_a_minus_word_excludes_wherever_it_stands(seeded_cli_db: Path, run_cli: Run) -> None:
    code, every, _ = run_cli("search", "sclerosis")
    assert code == 0 and NMO in ids(every)
    code, expected, _ = run_cli("search", "sclerosis NOT neuromyelitis")  # one quoted query
    assert code == 0 and NMO not in ids(expected) and len(ids(expected)) < len(ids(every))
    for argv in (("sclerosis", "-neuromyelitis"), ("-neuromyelitis", "sclerosis"),
                 ("sclerosis", "-neuromyelitis", "--limit", "10")):
        code, out, err = run_cli("search", *argv)
        assert (code, err) == (0, "")
        assert ids(out) == ids(expected)


def test_an_option_value_that_starts_with_a_minus_is_its_value(
        seeded_cli_db: Path, run_cli: Run) -> None:
    code, down, err = run_cli("search", "sclerosis", "--sort", "-enrollment")
    assert (code, err) == (0, "")
    code, up, _ = run_cli("search", "sclerosis", "--sort", "enrollment")
    assert ids(down) and ids(down) != ids(up)


def test_options_and_unknown_options_are_still_options(seeded_cli_db: Path, run_cli: Run,
                                                       capsys: object) -> None:
    code, out, _ = run_cli("search", "sclerosis", "--limit", "1")
    assert code == 0 and len(ids(out)) == 1
    try:
        run_cli("search", "sclerosis", "--frobnicate")
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("an unknown --option must be a usage error")


def test_a_minus_word_in_a_saved_search_and_an_export(seeded_cli_db: Path, run_cli: Run,
                                                      tmp_path: Path) -> None:
    code, _, err = run_cli("saved", "add", "nonmo", "sclerosis", "-neuromyelitis")
    assert code == 0 and "saved 'nonmo': sclerosis -neuromyelitis" in err
    code, out, _ = run_cli("saved", "show", "nonmo", "--json")
    assert code == 0 and '"sclerosis -neuromyelitis"' in out
    target = tmp_path / "out.csv"
    code, _, err = run_cli("export", "sclerosis", "-neuromyelitis", "--format", "csv",
                           "-o", str(target))
    assert code == 0, err
    assert NMO not in target.read_text(encoding="utf-8")
