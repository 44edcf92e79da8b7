"""The benchmark's synthetic corpus: every page parses, ids are unique, output is stable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench.corpus import CTGOV, STRIPPED, VEEVA, generate, read_manifest

from parsers import parse_file


def test_generated_pages_parse_cleanly(tmp_path: Path) -> None:
    pages = generate(tmp_path, 200, seed=0)
    assert len(pages) == 200
    layouts = Counter(info.layout for info in pages)
    assert set(layouts) == {VEEVA, STRIPPED, CTGOV}
    ids: Counter[str] = Counter()
    for info in pages:
        record = parse_file(tmp_path / info.path)  # a ParseError fails the test
        ids[record["id"]] += 1
        if info.layout != STRIPPED:
            assert record["warnings"] == [], (info.path, record["warnings"])
        if info.layout == VEEVA:
            assert record["conditions"] and record["status"], info.path
        if info.nct_id is not None:
            assert record["nct_id"] == info.nct_id
        else:
            assert record["nct_id"] is None
            assert record["id"].startswith("LOCAL-")
    assert [trial_id for trial_id, count in ids.items() if count > 1] == []
    manifest = read_manifest(tmp_path)
    assert manifest is not None and manifest["n"] == 200 and len(manifest["pages"]) == 200


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 30, seed=3)
    second = generate(tmp_path / "b", 30, seed=3)
    assert first == second
    for info in first:
        data = (tmp_path / "a" / info.path).read_bytes()
        assert data == (tmp_path / "b" / info.path).read_bytes()
    smaller = generate(tmp_path / "c", 10, seed=3)
    assert smaller == first[:10]
    other = generate(tmp_path / "d", 10, seed=4)
    assert [info.path for info in other] != [info.path for info in smaller]
