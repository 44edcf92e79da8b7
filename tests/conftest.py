"""Shared fixtures: the seed files and a store parametrised over memory and disk."""

from __future__ import annotations

import faulthandler
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from store import TrialStore
    from tui.app import TrialsApp

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five seed trial files of the repository, sorted by name."""
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def seed_copy(tmp_path: Path, seed_paths: list[Path]) -> Path:
    """A private copy of the seeds folder, safe to modify."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in seed_paths:
        shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TrialStore]:
    """An empty TrialStore, in memory and on disk (like TinyDB's own conftest)."""
    from store import TrialStore  # imported here so a broken store cannot break other suites

    path = None if request.param == "memory" else tmp_path / "db" / "trials.json"
    with TrialStore(path) as trial_store:
        yield trial_store


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture
def trial_store(tmp_path: Path) -> TrialStore:
    """A store on disk holding the five seeds (a test module may override it)."""
    from tui_helpers import seeded_store

    return seeded_store(tmp_path / "t.json")


@pytest.fixture
def app(trial_store: TrialStore) -> TrialsApp:
    """The browser on trial_store."""
    from tui.app import TrialsApp

    return TrialsApp(None, store=trial_store)


# --- the `trials` command, run in this process -------------------------------------------------


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store path, set as TRIALS_DB so that no test touches the user's store; NO_COLOR
    is unset."""
    path = tmp_path / "store" / "trials.json"
    monkeypatch.setenv("TRIALS_DB", str(path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return path


@pytest.fixture
def seeded_cli_db(cli_db: Path, seed_paths: list[Path]) -> Path:
    """cli_db holding the five seeds."""
    from store import TrialStore

    report = TrialStore(cli_db).import_paths(seed_paths)
    assert not report.failed
    return cli_db


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `trials ARGV` in this process: its exit status, stdout and stderr."""
    from tui.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


#: Seconds the test process may take to exit once the run is over.
EXIT_WITHIN = 120


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """A thread or worker a test left behind that never ends would keep this process from
    exiting, and the run from finishing: past EXIT_WITHIN seconds, print every thread's
    stack and exit with a failure instead."""
    faulthandler.dump_traceback_later(EXIT_WITHIN, exit=True, file=sys.__stderr__)
