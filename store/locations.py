"""Where the store file lives by default, and where the bundled seed files are."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "trials"
DB_ENV = "TRIALS_DB"
DB_FILE = "trials.json"
SEEDS_PACKAGE = "seeds"


def default_db_path() -> Path:
    """$TRIALS_DB when set, else trials.json in the user data directory."""
    override = os.environ.get(DB_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_FILE


def bundled_seed_paths() -> list[Path]:
    """The *.txt seed trial files of the `seeds` data package, sorted by name."""
    found: dict[str, Path] = {}  # by file name: the first folder on the search path wins
    for entry in _seed_entries():
        if isinstance(entry, Path) and entry.suffix == ".txt" and entry.is_file():
            found.setdefault(entry.name, entry)
    return [found[name] for name in sorted(found)]


def _seed_entries() -> Iterable[object]:
    """The entries of the seeds package's folder(s); none when it is not installed."""
    try:
        return list(resources.files(SEEDS_PACKAGE).iterdir())
    except ModuleNotFoundError:
        return []
    except (NotADirectoryError, TypeError, ValueError):
        # Python 3.11 rejects a namespace path holding a non-folder entry, which setuptools'
        # editable installs add; read the package's search locations directly instead.
        spec = importlib.util.find_spec(SEEDS_PACKAGE)
        folders = (spec.submodule_search_locations or []) if spec else []
        return [entry for f in folders if os.path.isdir(f) for entry in Path(f).iterdir()]
