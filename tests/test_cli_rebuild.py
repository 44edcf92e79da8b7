"""The command says why opening a store takes a while: its search index is rebuilt once, after
an upgrade of trials changed the index's schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from store.engine import opening
from store.engine.schema import SCHEMA_VERSION


def test_a_rebuild_on_opening_is_announced_and_then_done_once(
    seeded_cli_db: Path, run_cli: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    code, out, err = run_cli("search", "neuromyelitis")
    assert code == 0
    assert "NCT02249676" in out
    assert f"rebuilding the search index of {seeded_cli_db} from its 1 segment file" in err
    assert "this is done once" in err
    code, out, err = run_cli("search", "neuromyelitis")
    assert code == 0 and "rebuilding" not in err
