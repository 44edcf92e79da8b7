"""The real records of tests/fixtures/realdata/criteria/, read for their eligibility trees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parsers import load_file

CRITERIA = Path(__file__).resolve().parent / "fixtures" / "realdata" / "criteria"


def eligibility(name: str) -> dict[str, Any]:
    """The eligibility of the real file tests/fixtures/realdata/criteria/name."""
    record = load_file(CRITERIA / name).record
    return dict(record["eligibility"])


def texts(nodes: list[dict[str, Any]]) -> list[str]:
    """The texts of a list of criteria nodes."""
    return [node["text"] for node in nodes]
