"""A version that states no last update never replaces a stored one that states it: the
registry's older archive schema kept versions without one (tests/fixtures/realdata/undated,
README: "Undated versions"), and imported with the current file they must not replace it."""

from __future__ import annotations

from pathlib import Path

from store import TrialStore

UNDATED = Path(__file__).resolve().parent / "fixtures" / "realdata" / "undated"
CURRENT = UNDATED / "fabianvf__ClinicalTrialsParser__NCT00077454.xml"
ARCHIVED = UNDATED / "fabianvf__ClinicalTrialsParser__NCT00077454_20050623.xml"


def _outcome(report: object, path: Path) -> object:
    return next(o for o in report if Path(o.path).name == path.name)  # type: ignore[attr-defined]


def test_the_undated_version_after_the_current_one_in_one_import(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    report = store.import_paths([CURRENT, ARCHIVED])  # the current one first, by name
    record = store.get("NCT00077454")
    assert record is not None
    assert record["dates"]["last_update"]["date"] == "2013-06-04"
    assert Path(record["source"]["path"]).name == CURRENT.name
    archived = _outcome(report, ARCHIVED)
    assert archived.status == "unchanged"  # type: ignore[attr-defined]
    assert "states none" in archived.note  # type: ignore[attr-defined]


def test_the_undated_version_into_a_store_holding_the_current_one(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([CURRENT])
    report = store.import_paths([ARCHIVED])
    assert report.counts()["unchanged"] == 1
    record = store.get("NCT00077454")
    assert record is not None
    assert Path(record["source"]["path"]).name == CURRENT.name
    assert len(store.history("NCT00077454")) == 1


def test_the_current_version_replaces_the_undated_one(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([ARCHIVED])
    store.import_paths([CURRENT])
    record = store.get("NCT00077454")
    assert record is not None
    assert record["dates"]["last_update"]["date"] == "2013-06-04"
