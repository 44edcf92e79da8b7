"""Bare `trials`: the browser on a store."""

from __future__ import annotations

from pathlib import Path


def browse(db_path: Path) -> int:
    """Open the browser on db_path (it seeds an empty store itself); its exit status."""
    from .app import TrialsApp  # imported here so that scripted commands start fast

    app = TrialsApp(db_path, own_process=True)  # the process is the browser's
    code = app.run()
    return code if isinstance(code, int) else (1 if app.error else 0)
