"""Every version kept, the registry's newer version wins, a partial record never replaces a
whole one; changes since a time and a trial's versions with their changes (store.changes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from realdata_versions import changed, put
from realdata_versions import study as aact_study

from store import TrialStore
from store.changes import changes_since, versions_of

TRIAL = "NCT03418623"


def study() -> dict[str, Any]:
    return aact_study(TRIAL)


class Clock:
    """The store's clock for imported_at: a second later at each import."""

    def __init__(self) -> None:
        self.second = 0

    def __call__(self) -> str:
        self.second += 1
        return f"2026-12-04T10:00:{self.second:02d}Z"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrialStore:
    monkeypatch.setattr("store.trial_store._utc_now", Clock())
    trial_store = TrialStore(tmp_path / "trials.json")
    assert put(trial_store, study(), "v1.json").status == "imported"
    return trial_store


def test_a_newer_version_is_kept_beside_the_one_it_replaces(store: TrialStore) -> None:
    newer = changed(study(), status="TERMINATED", last_update="2021-01-15", enrollment=12)
    assert put(store, newer, "v2.json").status == "updated"
    versions = store.history(TRIAL)
    assert [v.record["status"] for v in versions] == ["TERMINATED", "COMPLETED"]
    assert [v.meta["last_update"] for v in versions] == ["2021-01-15", "2020-10-08"]
    # the same file again adds nothing
    assert put(store, newer, "v2-again.json").status == "unchanged"
    assert len(store.history(TRIAL)) == 2


def test_an_older_registry_version_never_replaces_a_newer_one(store: TrialStore) -> None:
    older = changed(study(), status="RECRUITING", last_update="2019-05-02")
    outcome = put(store, older, "old.json")
    assert outcome.status == "unchanged"
    assert "kept the stored version: it is newer (last update 2020-10-08" in outcome.note
    assert store.get(TRIAL)["status"] == "COMPLETED"  # type: ignore[index]
    assert len(store.history(TRIAL)) == 1


def test_a_partial_record_never_replaces_a_whole_one(store: TrialStore) -> None:
    partial = changed(study(), status="COMPLETED", last_update="2020-10-08")
    for module in ("descriptionModule", "designModule", "eligibilityModule"):
        del partial["protocolSection"][module]
    partial["protocolSection"]["identificationModule"]["briefTitle"] = "Only a few fields"
    outcome = put(store, partial, "fields.json")
    assert outcome.status == "unchanged"
    assert "this record is partial" in outcome.note
    record = store.get(TRIAL)
    assert record is not None
    assert record["title"] != "Only a few fields"
    assert record["eligibility"]["inclusion"]  # the whole study's criteria stay


def test_an_answer_restricted_to_the_protocol_never_replaces_the_whole_study(
        store: TrialStore) -> None:
    # as `fields=protocolSection` answers: every protocol module, but no derivedSection and no
    # hasResults (which every whole study of the API and of the bulk download has)
    restricted = changed(study(), status="COMPLETED", last_update="2020-10-08")
    restricted.pop("derivedSection")
    restricted.pop("hasResults")
    del restricted["protocolSection"]["outcomesModule"]
    outcome = put(store, restricted, "fields.json")
    assert outcome.status == "unchanged"
    assert "this record is partial" in outcome.note
    record = store.get(TRIAL)
    assert record is not None and record["outcomes"]["primary"]  # the whole study's stay


CSV_ROW = ("NCT Number,Study Title,Study Status,Conditions,Sponsor,Last Update Posted\n"
           f"{TRIAL},A row of the site's CSV,RECRUITING,Malaria,Someone,2020-10-08\n")


def test_a_csv_row_never_replaces_a_whole_study_but_a_whole_study_replaces_it(
    store: TrialStore, tmp_path: Path,
) -> None:
    [outcome] = store.import_data([("rows.csv", CSV_ROW.encode())]).outcomes
    assert outcome.status == "unchanged"
    assert "this record is partial" in (outcome.note or "")
    record = store.get(TRIAL)
    assert record is not None and record["source"]["format"] == "ctgov-json"
    assert record["eligibility"]["inclusion"]

    other = TrialStore(tmp_path / "other" / "trials.json")
    [first] = other.import_data([("rows.csv", CSV_ROW.encode())]).outcomes
    assert first.status == "imported"
    assert put(other, study(), "whole.json").status == "updated"
    whole = other.get(TRIAL)
    assert whole is not None and whole["source"]["format"] == "ctgov-json"
    assert whole["title"] != "A row of the site's CSV"


def test_changes_since_a_time_name_the_fields_and_new_trials(store: TrialStore) -> None:
    before = store.history(TRIAL)[0].meta["imported_at"]
    assert changes_since(store, before)[0].kind == "new"
    later = "2999-01-01"
    assert changes_since(store, later) == []
    newer = changed(study(), status="TERMINATED", last_update="2021-01-15", enrollment=12)
    put(store, newer, "v2.json")
    imported = store.history(TRIAL)[0].meta["imported_at"]
    assert imported > before
    [change] = changes_since(store, imported)
    assert change.kind == "changed"
    assert change.fields == ["dates", "enrollment", "status"]
    assert "status Completed → Terminated" in change.summary
    assert changes_since(store, imported, "status:completed") == []


def test_versions_oldest_first_with_their_changes(store: TrialStore) -> None:
    newer = changed(study(), status="TERMINATED", last_update="2021-01-15", enrollment=12)
    put(store, newer, "v2.json")
    versions = versions_of(store, TRIAL)
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].changes == []
    found = [(c.field, c.old, c.new) for c in versions[1].changes]
    assert ("status", "COMPLETED", "TERMINATED") in found
    assert ("enrollment.count", 24, 12) in found
    as_json = versions[1].as_json()
    assert as_json["source"] == "v2.json"
    assert as_json["last_update"] == "2021-01-15"
    assert versions_of(store, "NCT99999999") == []
