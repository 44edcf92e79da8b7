"""Checkpoints through store.writing(): outcomes per trial, duplicates, hashes already stored,
trials that cannot be stored, and one segment and one index commit per checkpoint."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson
import pytest

from parsers.record import empty_record
from store import StoreError, TrialStore, checkpoint
from store.checkpoint import Incoming
from store.engine.writing import Batch

STAMP = "2030-01-01T00:00:00Z"


def record(trial_id: str, title: str, path: str = "/data/file.json") -> dict[str, Any]:
    found = empty_record()
    found.update(id=trial_id, nct_id=trial_id, title=title)
    found["source"].update(path=path, format="ctgov-json", sha256=sha(path))
    return found


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def incoming(trial_id: str, title: str, label: str = "file.json") -> Incoming:
    return Incoming(record(trial_id, title, f"/data/{label}"), f"{trial_id}: {title}\n", label,
                    sha(label))


def statuses(outcomes: list[Any]) -> list[tuple[str, str | None, str | None]]:
    return [(o.status, o.trial_id, o.note) for o in outcomes]


@pytest.fixture(params=["memory", "disk"])
def trial_store(request: pytest.FixtureRequest, tmp_path: Path) -> TrialStore:
    return TrialStore(None if request.param == "memory" else tmp_path / "trials.json")


def test_imported_updated_unchanged(
    trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("store.trial_store._utc_now", lambda: STAMP)
    with trial_store.writing() as writer:
        first = writer.commit([incoming("NCT00000001", "Aspirin"),
                               incoming("NCT00000002", "Placebo")])
        assert statuses(first) == [("imported", "NCT00000001", None),
                                   ("imported", "NCT00000002", None)]
        assert first[0].path == "file.json" and first[0].format == "ctgov-json"
        moved = incoming("NCT00000001", "Aspirin", "moved.json")  # another path and file
        second = writer.commit([moved, incoming("NCT00000002", "Placebo, amended")])
        assert statuses(second) == [("unchanged", "NCT00000001", None),
                                    ("updated", "NCT00000002", None)]
    assert trial_store.index.generation == 2
    kept = trial_store.get("NCT00000001")
    assert kept is not None and kept["source"]["path"] == "/data/file.json"  # not rewritten
    assert kept["source"]["imported_at"] == STAMP
    history = trial_store.history("NCT00000002")
    assert [v.record["title"] for v in history] == ["Placebo, amended", "Placebo"]
    assert history[0].prev == history[1].location
    assert history[0].meta["sha256"] == sha("file.json")
    assert trial_store.get_source("NCT00000002") == "NCT00000002: Placebo, amended\n"


def test_a_checkpoint_that_changes_nothing_writes_nothing(trial_store: TrialStore) -> None:
    with trial_store.writing() as writer:
        writer.commit([incoming("NCT00000001", "Aspirin")])
        outcomes = writer.commit([incoming("NCT00000001", "Aspirin")])
    assert statuses(outcomes) == [("unchanged", "NCT00000001", None)]
    assert trial_store.index.generation == 1
    if trial_store.path is not None:
        assert sorted(p.name for p in trial_store.path.with_name("trials.json.d").iterdir()) == [
            "index", "seg-000001.json"]


def test_the_later_of_two_trials_with_one_id_wins(trial_store: TrialStore) -> None:
    with trial_store.writing() as writer:
        outcomes = writer.commit([
            incoming("NCT00000001", "First", "a.json"),
            incoming("NCT00000002", "Other", "b.json"),
            incoming("NCT00000001", "Second", "c.json"),
            incoming("NCT00000002", "Other", "d.json"),
        ])
    assert statuses(outcomes) == [
        ("imported", "NCT00000001", "replaced by c.json"),
        ("imported", "NCT00000002", None),
        ("updated", "NCT00000001", "replaces a.json (same id NCT00000001)"),
        ("unchanged", "NCT00000002", "same trial as b.json"),
    ]
    assert trial_store.get("NCT00000001")["title"] == "Second"  # type: ignore[index]
    assert len(trial_store.history("NCT00000001")) == 1  # the earlier was never stored


def test_duplicates_in_different_checkpoints_of_an_import_are_noted(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkpoint, "CHECKPOINT", 2)
    later = tmp_path / "later.txt"
    later.write_text(seed_paths[1].read_text("utf-8").replace("Tianjin", "Tianjin City"))
    trial_store = TrialStore(tmp_path / "trials.json")
    report = trial_store.import_paths([*seed_paths, later])
    assert trial_store.index.generation == 3  # 6 trials, 2 per checkpoint
    notes = {(o.path, o.status, o.note) for o in report if o.note}
    assert notes == {
        (str(seed_paths[1]), "imported", f"replaced by {later}"),
        (str(later), "updated", f"replaces {seed_paths[1]} (same id NCT02249676)"),
    }
    assert [o.path for o in report] == [*map(str, seed_paths), str(later)]


def test_known_hashes(trial_store: TrialStore) -> None:
    with trial_store.writing() as writer:
        writer.commit([incoming("NCT00000001", "Aspirin", "a.json")])
        assert writer.known_hashes([sha("a.json"), sha("b.json"), ""]) == {
            sha("a.json"): ["NCT00000001"]}
        writer.commit([incoming("NCT00000001", "Aspirin, amended", "b.json")])
        assert writer.known_hashes([sha("a.json"), sha("b.json")]) == {
            sha("b.json"): ["NCT00000001"]}


def test_items_that_cannot_be_stored_fail_alone(
    trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_put = Batch.put_prepared

    def put(self: Batch, found: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        if found["id"] == ["NCT00000002"]:
            raise ValueError("cannot analyse this record")
        real_put(self, found, *args, **kwargs)

    monkeypatch.setattr(Batch, "put_prepared", put)
    nameless = Incoming({"title": "no id"}, "text", "nameless.json", sha("x"))
    with trial_store.writing() as writer:
        outcomes = writer.commit([incoming("NCT00000001", "Aspirin"), nameless,
                                  incoming("NCT00000002", "Placebo")])
    assert [(o.status, o.reason) for o in outcomes] == [
        ("imported", None),
        ("failed", "the parser returned a record without an id"),
        ("failed", "could not index (ValueError: cannot analyse this record)"),
    ]
    assert trial_store.ids() == ["NCT00000001"]


def test_a_writer_works_inside_its_block_only(trial_store: TrialStore) -> None:
    with trial_store.writing() as writer:
        pass
    with pytest.raises(StoreError, match="this writer is closed"):
        writer.commit([incoming("NCT00000001", "Aspirin")])
    trial_store.close()
    with pytest.raises(StoreError, match="the store is closed"), trial_store.writing():
        pass


def test_each_checkpoint_is_one_segment_and_one_index_commit(tmp_path: Path) -> None:
    path = tmp_path / "trials.json"
    trial_store = TrialStore(path)
    for number in range(3):
        with trial_store.writing() as writer:
            writer.commit([incoming(f"NCT0000001{number}", "A"),
                           incoming(f"NCT0000002{number}", "B")])
    assert sorted(p.name for p in path.with_name("trials.json.d").iterdir()) == [
        "index", "seg-000001.json", "seg-000002.json", "seg-000003.json"]
    assert TrialStore(path).index.generation == 3
    assert len(TrialStore(path)) == 6


def test_a_document_prepared_beforehand_is_indexed_as_it_is(
    trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.engine.documents import prepare

    def analysed_again(*args: Any) -> None:
        raise AssertionError("the record was analysed again")

    item = incoming("NCT00000001", "Aspirin for migraine")
    item.document = prepare(item.record)
    wrong = incoming("NCT00000002", "Placebo")
    wrong.document = prepare(record("NCT00000003", "Not this one"))  # another id: not used
    monkeypatch.setattr("store.checkpoint.prepare", analysed_again)
    with trial_store.writing() as writer:
        [failed] = writer.commit([wrong])
    assert failed.reason == ("could not index (AssertionError: the record was analysed "
                             "again)")
    with trial_store.writing() as writer:
        assert statuses(writer.commit([item])) == [("imported", "NCT00000001", None)]
    assert [hit["id"] for hit in trial_store.search("migraine")] == ["NCT00000001"]
    assert trial_store.index.source_sha256("NCT00000001") == sha("file.json")


def wired(trial_id: str, title: str, label: str = "file.json") -> Incoming:
    """An incoming trial as a parse worker sends it: the record's head, its whole JSON
    beside it."""
    from store.pipeline_parse import wire_record

    whole = record(trial_id, title, f"/data/{label}")
    marked, head = wire_record(whole)
    assert head is not None
    return Incoming(orjson.loads(head), f"{trial_id}: {title}\n", label, sha(label),
                    record_json=marked)


def test_a_record_sent_as_its_head_and_json_is_stored_whole(
    trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("store.trial_store._utc_now", lambda: STAMP)
    head_only = wired("NCT00000001", "Aspirin")
    assert set(head_only.record) == {"id", "dates", "source"}
    with trial_store.writing() as writer:
        first = writer.commit([head_only, wired("NCT00000002", "Placebo"),
                               wired("NCT00000002", "Placebo")])
        # The same trial again, sent the same way: compared whole with what was stored.
        again = writer.commit([wired("NCT00000001", "Aspirin", "moved.json"),
                               wired("NCT00000002", "Placebo, amended")])
    assert statuses(first)[0] == ("imported", "NCT00000001", None)
    assert [s[0] for s in statuses(first)[1:]] == ["imported", "unchanged"]
    assert statuses(again) == [("unchanged", "NCT00000001", None),
                               ("updated", "NCT00000002", None)]
    stored = trial_store.get("NCT00000001")
    assert stored is not None
    expected = record("NCT00000001", "Aspirin", "/data/file.json")
    expected["source"]["imported_at"] = STAMP
    assert stored == expected
    assert list(stored) == list(expected)  # the source in its place among the fields
    assert trial_store.get("NCT00000002")["title"] == "Placebo, amended"  # type: ignore[index]
    assert trial_store.search("aspirin") and trial_store.search("amended")


def test_a_record_whose_text_holds_the_mark_goes_whole() -> None:
    from store.pipeline_parse import wire_record
    from store.segment_format import SOURCE_PLACEHOLDER

    odd = record("NCT00000003", SOURCE_PLACEHOLDER)
    marked, head = wire_record(odd)
    assert head is None and orjson.loads(marked) == odd
