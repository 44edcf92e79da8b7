"""Shared fixtures: the seed files and a store parametrised over memory and disk."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from store import TrialStore

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
