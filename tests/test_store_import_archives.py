"""Importing files of many trials (ClinicalTrials.gov JSON pages, CSV downloads), zip archives
read in place, and in-memory data."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from test_store_import_parallel import force_parallel

import store.archives as archives_module
from parsers.ctgov_csv import COLUMNS
from store import TrialStore
from store.pipeline import PathSource, run_import
from tui.cli import main

NMO = "001_8cd98e60ac34dbb8.txt"  # veeva-text, NCT02249676
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def study(nct: str, title: str, **status: Any) -> dict[str, Any]:
    """A minimal API v2 study in the API's key names."""
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": title},
            "statusModule": {"overallStatus": "RECRUITING", **status},
            "eligibilityModule": {
                "eligibilityCriteria": "Inclusion Criteria:\n\n* Adults \\>= 18\n",
                "sex": "ALL",
            },
        },
        "hasResults": False,
    }


def page(*studies: dict[str, Any]) -> bytes:
    return orjson.dumps({"studies": list(studies), "totalCount": len(studies)})


def csv_bytes(*rows: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return out.getvalue().encode("utf-8")


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_page_of_studies_imports_every_study(store: TrialStore, tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_bytes(page(study("NCT00000001", "One"), study("NCT00000002", "Two")))
    report = store.import_paths([path])
    assert [(o.path, o.status, o.trial_id, o.format) for o in report] == [
        (str(path), "imported", "NCT00000001", "ctgov-json"),
        (str(path), "imported", "NCT00000002", "ctgov-json"),
    ]
    assert store.get("NCT00000002")["title"] == "Two"  # type: ignore[index]
    assert store.get("NCT00000002")["source"]["path"] == str(path)  # type: ignore[index]
    assert '"nctId": "NCT00000002"' in (store.get_source("NCT00000002") or "")
    assert store.search("two")[0]["id"] == "NCT00000002"


def test_a_csv_download_imports_one_trial_per_row(store: TrialStore, tmp_path: Path) -> None:
    path = tmp_path / "ctg-studies.csv"
    path.write_bytes(csv_bytes(
        {"NCT Number": "NCT00000011", "Study Title": "Alpha", "Study Status": "COMPLETED"},
        {"NCT Number": "NCT00000012", "Study Title": "Beta", "Study Status": "RECRUITING"},
    ))
    report = store.import_paths([path])
    assert report.counts()["imported"] == 2
    assert {o.format for o in report} == {"ctgov-csv"}
    assert store.get("NCT00000012")["status"] == "RECRUITING"  # type: ignore[index]


def test_reimporting_a_page_with_one_study_changed(store: TrialStore, tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_bytes(page(study("NCT00000001", "One"), study("NCT00000002", "Two")))
    store.import_paths([path])
    path.write_bytes(page(study("NCT00000001", "One"), study("NCT00000002", "Two, revised")))
    report = store.import_paths([path])
    assert [o.status for o in report] == ["unchanged", "updated"]
    assert store.get("NCT00000002")["title"] == "Two, revised"  # type: ignore[index]


def test_a_malformed_study_fails_its_whole_file(store: TrialStore, tmp_path: Path) -> None:
    bad = study("NCT00000002", "Two")
    bad["protocolSection"]["conditionsModule"] = {"conditions": "not a list"}
    path = tmp_path / "page.json"
    path.write_bytes(page(study("NCT00000001", "One"), bad))
    report = store.import_paths([path])
    assert [o.status for o in report] == ["failed"]
    assert "NCT00000002" in (report.failed[0].reason or "")
    assert len(store) == 0


def test_a_zip_is_read_in_place(store: TrialStore, tmp_path: Path, seed_paths: list[Path]) -> None:
    archive = make_zip(tmp_path / "download.zip", {
        "studies/NCT00000001.json": orjson.dumps(study("NCT00000001", "One")),
        "studies/page.json": page(study("NCT00000002", "Two"), study("NCT00000003", "Three")),
        "table.csv": csv_bytes({"NCT Number": "NCT00000004", "Study Title": "Four"}),
        "veeva.txt": (SEEDS / NMO).read_bytes(),
        "studies/": b"",
        "__MACOSX/studies/._page.json": b"\x00\x05\x16\x07",
        ".DS_Store": b"\x00\x00",
    })
    before = set(tmp_path.iterdir())
    report = store.import_paths([archive])
    assert set(tmp_path.iterdir()) == before  # nothing extracted to disk
    by_id = {o.trial_id: o for o in report}
    assert report.counts() == {"imported": 5, "updated": 0, "unchanged": 0, "failed": 0}
    assert by_id["NCT00000003"].path == f"{archive}/studies/page.json"
    assert {o.format for o in report} == {"ctgov-json", "ctgov-csv", "veeva-text"}
    record = store.get("NCT00000001")
    assert record is not None
    assert record["source"]["path"] == f"{archive.resolve()}/studies/NCT00000001.json"


def test_a_member_that_fails_fails_alone(store: TrialStore, tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "mixed.zip", {
        "README.md": b"# Downloaded from ClinicalTrials.gov\n",
        "a.json": orjson.dumps(study("NCT00000001", "One")),
    })
    report = store.import_paths([archive])
    assert [(o.path, o.status) for o in report] == [
        (f"{archive}/README.md", "failed"),
        (f"{archive}/a.json", "imported"),
    ]
    assert "not a trial page" in (report.failed[0].reason or "")


def test_a_zip_is_recognised_by_content_and_nested_zips_are_read(
    store: TrialStore, tmp_path: Path
) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep.json", orjson.dumps(study("NCT00000009", "Deep")))
    path = make_zip(tmp_path / "export.dat", {
        "inner.zip": inner.getvalue(),
        "top.json": orjson.dumps(study("NCT00000008", "Top")),
    })
    report = store.import_paths([path])
    assert [(o.path, o.trial_id) for o in report] == [
        (f"{path}/inner.zip/deep.json", "NCT00000009"),
        (f"{path}/top.json", "NCT00000008"),
    ]


def test_damaged_and_empty_zips_fail_with_a_reason(store: TrialStore, tmp_path: Path) -> None:
    good = make_zip(tmp_path / "good.zip", {"a.json": orjson.dumps(study("NCT00000001", "A"))})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[:40])
    empty = make_zip(tmp_path / "empty.zip", {})
    only_dirs = make_zip(tmp_path / "dirs.zip", {"folder/": b""})
    report = store.import_paths([cut, empty, only_dirs, good])
    reasons = {Path(o.path).name: o.reason for o in report.failed}
    assert reasons["cut.zip"] is not None and "not a readable zip archive" in reasons["cut.zip"]
    assert reasons["empty.zip"] == "no files in this zip archive"
    assert reasons["dirs.zip"] == "no files in this zip archive"
    assert [o.trial_id for o in report if o.status == "imported"] == ["NCT00000001"]


def test_a_corrupt_member_fails_alone(store: TrialStore, tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "crc.zip", {
        "a.json": orjson.dumps(study("NCT00000001", "A")),
        "b.json": orjson.dumps(study("NCT00000002", "B")),
    })
    data = bytearray(archive.read_bytes())
    offset = data.index(b"b.json") + len(b"b.json") + 5  # inside b.json's compressed bytes
    data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))
    report = store.import_paths([archive])
    statuses = {Path(o.path).name: o.status for o in report}
    assert statuses == {"a.json": "imported", "b.json": "failed"}
    assert "damaged zip member" in (report.failed[0].reason or "")


def test_an_oversized_member_is_refused(
    store: TrialStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archives_module, "MAX_MEMBER_BYTES", 100)
    archive = make_zip(tmp_path / "big.zip", {"a.json": orjson.dumps(study("NCT00000001", "A"))})
    report = store.import_paths([archive])
    assert "too large to import" in (report.failed[0].reason or "")


def test_member_names_cannot_carry_terminal_controls(store: TrialStore, tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "x.zip", {"\x1b]0;owned\x07.json": b"not json"})
    report = store.import_paths([archive])
    assert "\x1b" not in report.failed[0].path and "\x07" not in report.failed[0].path


def test_zip_members_parse_in_parallel_like_in_series(tmp_path: Path) -> None:
    members = {f"s/{n:03}.json": orjson.dumps(study(f"NCT{n:08}", f"Study {n}")) for n in range(30)}
    members["s/bad.json"] = b"{"
    archive = make_zip(tmp_path / "many.zip", members)
    serial = run_import(TrialStore(tmp_path / "serial.json"), PathSource([archive]), workers=1)
    with pytest.MonkeyPatch.context() as monkeypatch:
        pools = force_parallel(monkeypatch, chunk=4)
        parallel = run_import(TrialStore(tmp_path / "parallel.json"), PathSource([archive]))
    assert pools  # the members really went to worker processes
    assert [(o.path, o.status, o.trial_id) for o in parallel] == [
        (o.path, o.status, o.trial_id) for o in serial
    ]
    assert parallel.counts()["imported"] == 30


def test_progress_counts_archive_members(store: TrialStore, tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", {
        "a.json": orjson.dumps(study("NCT00000001", "A")),
        "b.json": page(study("NCT00000002", "B"), study("NCT00000003", "C")),
    })
    seen: list[tuple[int, int, str]] = []
    store.import_paths([archive], progress=lambda *step: seen.append(step))
    assert seen == [(1, 2, f"{archive}/a.json"), (2, 2, f"{archive}/b.json")]


def test_import_data_labels_the_records(store: TrialStore) -> None:
    url = "https://clinicaltrials.gov/study/NCT00000001"
    report = store.import_data([(url, orjson.dumps(study("NCT00000001", "One"))),
                                ("broken", b"\xff\xfe garbage")])
    assert [(o.path, o.status) for o in report] == [(url, "imported"), ("broken", "failed")]
    assert store.get("NCT00000001")["source"]["path"] == url  # type: ignore[index]


def test_the_import_summary_counts_per_format(
    tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / NMO, folder / "veeva.txt")
    make_zip(folder / "d.zip", {"p.json": page(study("NCT00000001", "A"),
                                                study("NCT00000002", "B"))})
    (folder / "t.csv").write_bytes(csv_bytes({"NCT Number": "NCT00000003", "Study Title": "C"}))
    code = main(["import", str(folder), "--db", str(tmp_path / "db.json")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == (
        "4 imported, 0 updated, 0 unchanged, 0 failed, from 3 files "
        "(ctgov-csv 1, ctgov-json 2, veeva-text 1)"
    )
