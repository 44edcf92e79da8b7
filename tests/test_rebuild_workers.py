"""An index rebuilt with its documents prepared in worker processes is the index rebuilt in one
process: same documents, same answers. Workers are used when asked, a few chunks at most wait
in flight, and a worker that dies or a damaged segment loses nothing silently."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tantivy

from store import DamagedStoreError, TrialStore, pipeline_pool, rebuild_workers
from store.engine import opening
from store.engine.schema import SCHEMA_VERSION

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
NMO = "NCT02249676"
QUERIES = ["cancer", "diabetes OR asthma", "status:recruiting", "status:completed",
           "country:unit", "enrollment:>20", '"breast cancer"', "neuromyelitis"]
SORTS = [None, "start", "-enrollment"]
#: Studies per chunk in these tests: several chunks to the large segment.
CHUNK = 40
WORKERS = 2


def edited(tmp_path: Path, seed: Path, old: str, new: str) -> Path:
    changed = tmp_path / f"changed-{seed.name}"
    changed.write_text(seed.read_text("utf-8").replace(old, new), "utf-8")
    return changed


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of about a thousand studies in four segments: the seeds, the real-data
    fixtures, a seed again (a second version of a trial, whose first import is in segment
    1) and a small one."""
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    folder = tmp_path_factory.mktemp("built")
    path = folder / "store" / "trials.json"
    pipeline_pool.WORKERS = 1
    try:
        with TrialStore(path) as store:
            store.import_paths(seeds)
            store.import_paths(sorted(p for p in REALDATA.rglob("*")
                                      if p.is_file() and p.name != "README.md"))
            store.import_paths([edited(folder, seeds[1], "Tianjin", "Tianjin City")])
            store.import_paths([edited(folder, seeds[0], "amyotrophic", "Amyotrophic")])
            assert len(store) > 500
    finally:
        pipeline_pool.WORKERS = None
    return path


def copy_of(built: Path, tmp_path: Path, name: str) -> Path:
    shutil.copytree(built.parent, tmp_path / name)
    return tmp_path / name / built.name


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of CHUNK studies, workers from 100 studies on, and a rebuild on the next open
    (an index of another schema version)."""
    monkeypatch.setattr(rebuild_workers, "CHUNK", CHUNK)
    monkeypatch.setattr(rebuild_workers, "PARALLEL_MIN", 100)
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)


class Spy:
    """The feeds of the rebuilds, the chunks submitted and not yet handed on, and the worker
    processes alive as chunks are handed on (those of this process's pools started since)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.before = set(multiprocessing.active_children())
        self.reset()
        feed_init = rebuild_workers.Feed.__init__
        submit = rebuild_workers.Feed._submit
        chunks = rebuild_workers.Feed.chunks

        def init(feed: rebuild_workers.Feed, *args: Any, **kwargs: Any) -> None:
            feed_init(feed, *args, **kwargs)
            self.feeds.append(feed)

        def counted_submit(feed: rebuild_workers.Feed, chunk: rebuild_workers.Chunk) -> Any:
            future = submit(feed, chunk)
            if future is not None:
                self.submitted += 1
            self.held += 1
            self.peak = max(self.peak, self.held)
            return future

        def counted_chunks(feed: rebuild_workers.Feed) -> Iterator[Any]:
            for item in chunks(feed):
                self.held -= 1
                self.chunks += 1
                self.processes = max(self.processes, len(self.workers()))
                yield item

        monkeypatch.setattr(rebuild_workers.Feed, "__init__", init)
        monkeypatch.setattr(rebuild_workers.Feed, "_submit", counted_submit)
        monkeypatch.setattr(rebuild_workers.Feed, "chunks", counted_chunks)

    def workers(self) -> set[Any]:
        return set(multiprocessing.active_children()) - self.before

    def reset(self) -> None:
        self.feeds: list[rebuild_workers.Feed] = []
        self.held = self.peak = self.submitted = self.chunks = self.processes = 0


def rebuilt(path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> TrialStore:
    monkeypatch.setenv(pipeline_pool.WORKERS_ENV, str(workers))
    progress: list[tuple[int, int]] = []
    store = TrialStore(path, on_rebuild=lambda done, total: progress.append((done, total)))
    assert progress == [(done, 4) for done in range(5)]  # per segment, as in one process
    assert store.index.generation == 4
    return store


def index_documents(path: Path) -> dict[str, dict[str, Any]]:
    """Every stored document of the store's index (the metadata one too), by id."""
    manifest = path.read_text("utf-8")
    name = "index-2" if '"index-2"' in manifest else "index"
    index = tantivy.Index.open(str(path.with_name(path.name + ".d") / name))
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs + 1).hits
    docs: dict[str, dict[str, Any]] = {}
    for _, address in hits:
        doc = searcher.doc(address).to_dict()
        docs[str(doc.get("id", doc.get("meta")))] = doc
    assert len(docs) == searcher.num_docs
    return docs


def answers(store: TrialStore) -> dict[str, Any]:
    ids = store.ids()
    return {
        "ids": ids,
        "columns": store.columns_many(ids),
        "first": [store.index.first_imported(trial_id) for trial_id in ids],
        "search": {(query, sort): store.search(query, limit=None, sort=sort)
                   for query in QUERIES for sort in SORTS},
        "count": {query: store.count(query) for query in QUERIES},
        "history": len(store.history(NMO)),
    }


def test_workers_rebuild_the_index_one_process_builds(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    spy = Spy(monkeypatch)
    with rebuilt(copy_of(built, tmp_path, "one"), 1, monkeypatch) as store:
        alone = answers(store)
    assert spy.feeds[0].pools_started == 0 and spy.submitted == 0 and spy.chunks > 20
    spy.reset()
    with rebuilt(copy_of(built, tmp_path, "two"), WORKERS, monkeypatch) as store:
        assert answers(store) == alone
    feed = spy.feeds[0]
    assert feed.workers == WORKERS and feed.pools_started == 1
    assert spy.submitted == feed.in_worker == spy.chunks > 20  # every chunk, in a worker
    assert spy.processes == WORKERS
    assert index_documents(tmp_path / "two" / built.name) == index_documents(
        tmp_path / "one" / built.name)
    assert len(alone["ids"]) > 500 and alone["count"]["cancer"] > 10
    assert alone["history"] == 2


def test_the_chunks_in_flight_stay_bounded_and_workers_are_replaced(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    """At most IN_FLIGHT_PER_WORKER chunks per worker wait, and fresh workers take over
    every RECYCLE_STUDIES studies (spawned, while the old ones finish: never more than
    twice the workers), with the same documents."""
    rebuilt(copy_of(built, tmp_path, "one"), 1, monkeypatch).close()
    monkeypatch.setattr(rebuild_workers, "RECYCLE_STUDIES", 300)
    spy = Spy(monkeypatch)
    rebuilt(copy_of(built, tmp_path, "two"), WORKERS, monkeypatch).close()
    bound = WORKERS * rebuild_workers.IN_FLIGHT_PER_WORKER
    assert spy.chunks > 3 * bound  # many more chunks than may wait at once
    assert spy.peak == bound == spy.feeds[0].peak_in_flight
    assert spy.held == 0
    feed = spy.feeds[0]
    assert feed.pools_started >= 3 and feed.in_worker == spy.chunks
    assert WORKERS <= spy.processes <= 2 * WORKERS
    assert spy.workers() == set()  # all stopped
    assert index_documents(tmp_path / "two" / built.name) == index_documents(
        tmp_path / "one" / built.name)


def test_a_small_store_is_rebuilt_in_this_process(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    monkeypatch.setattr(rebuild_workers, "PARALLEL_MIN", 10**6)
    spy = Spy(monkeypatch)
    rebuilt(copy_of(built, tmp_path, "two"), WORKERS, monkeypatch).close()
    assert spy.feeds[0].pools_started == 0 and spy.submitted == 0 and spy.peak == 1


def test_a_worker_that_dies_loses_nothing(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    """The chunks of a dead worker are prepared again in the rebuilding process, and a fresh
    pool takes the rest."""
    with rebuilt(copy_of(built, tmp_path, "one"), 1, monkeypatch) as store:
        alone = answers(store)
    parent = os.getpid()
    prepare = rebuild_workers.prepare_spans

    def dying(segments: Any, number: int, spans: list[Any]) -> Any:
        if os.getpid() != parent and number == 2:
            os._exit(3)
        return prepare(segments, number, spans)

    # workers forked from this process run the dying prepare_spans; the fresh pool that
    # replaces them is spawned, and runs the real one
    monkeypatch.setattr(pipeline_pool, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(rebuild_workers, "prepare_spans", dying)
    spy = Spy(monkeypatch)
    with rebuilt(copy_of(built, tmp_path, "two"), WORKERS, monkeypatch) as store:
        assert answers(store) == alone
    assert spy.feeds[0].pools_started == 2
    assert 0 < spy.feeds[0].in_worker < spy.chunks


def damaged(path: Path, number: int) -> Path:
    """Segment `number` of the store, its last document's blob no longer base64."""
    segment = path.with_name(path.name + ".d") / f"seg-{number:06d}.json"
    data = segment.read_bytes()
    at = data.rindex(b'"blob":"') + len(b'"blob":"')
    segment.write_bytes(data[:at] + b"!" + data[at:])
    return segment


@pytest.mark.parametrize("broken", ["document", "file"])
def test_a_damaged_segment_fails_the_rebuild_as_in_one_process(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None,
    broken: str,
) -> None:
    errors: list[str] = []
    for workers in (1, WORKERS):
        path = copy_of(built, tmp_path, f"w{workers}")
        if broken == "document":
            damaged(path, 2)
        else:
            (path.with_name(path.name + ".d") / "seg-000002.json").write_bytes(b"{not json")
        manifest = path.read_bytes()
        monkeypatch.setenv(pipeline_pool.WORKERS_ENV, str(workers))
        with pytest.raises(DamagedStoreError) as caught:
            TrialStore(path)
        assert path.read_bytes() == manifest  # the old index is still named
        errors.append(str(caught.value).replace(str(path.parent), "STORE"))
    assert errors[0] == errors[1]
    assert "seg-000002.json" in errors[0]
