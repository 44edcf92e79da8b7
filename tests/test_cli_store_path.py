"""A command that only reads the store says there is none at the path it was given, and
creates nothing there (a mistyped --db); import, fetch and sync create the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str, str]]


@pytest.mark.parametrize("argv", [
    ("list",), ("search", "stem"), ("show", "NCT02249676"), ("changes",),
    ("history", "NCT02249676"), ("saved", "list"), ("export", "stem", "--format", "json"),
])
def test_a_reading_command_on_no_store_says_so_and_creates_nothing(
        tmp_path: Path, run_cli: Run, argv: tuple[str, ...]) -> None:
    missing = tmp_path / "typo" / "trials.json"
    code, out, err = run_cli("--db", str(missing), *argv)
    assert code == 1 and out == ""
    assert err.startswith(f"trials: no store at {missing}: `trials import PATH…`")
    assert not (tmp_path / "typo").exists()


def test_import_creates_the_store(tmp_path: Path, run_cli: Run, seed_paths: list[Path]) -> None:
    path = tmp_path / "new" / "trials.json"
    code, _, _ = run_cli("--db", str(path), "import", str(seed_paths[0]))
    assert code == 0 and path.exists()
    code, out, _ = run_cli("--db", str(path), "list")
    assert code == 0 and out.count("\n") == 1
