"""What a study costs to read, in one process: the CPU time of parsing it into the record, of
which its eligibility criteria, and of analysing the record for the search index; and what
the libraries the import calls cost it before any parsing: inflating it from the zip,
decoding its JSON, compressing it (zstd, level 3, with a dictionary trained as a segment's)
and indexing its index document in tantivy (into a new on-disk index, 1,000 a commit).

The import's rate is bounded by these (two cores parse and index every study); measured apart
from the import, on the first studies of the benchmark's zip, they show which part of a
change made the import slower or faster. Each figure is the best of a few passes over the same
studies (CPU time of this process, so that other work on the machine counts less).
"""

from __future__ import annotations

import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import zstandard

#: Studies measured, and passes over them (the best pass is kept).
STUDIES = 3000
PASSES = 3


def _best(func: Callable[[], object], passes: int) -> float:
    """The least CPU time, in seconds, of passes calls of func."""
    best = float("inf")
    for _ in range(passes):
        began = time.process_time()
        func()
        best = min(best, time.process_time() - began)
    return best


def _criteria_text(data: bytes) -> str | None:
    study = orjson.loads(data)
    module = (study.get("protocolSection") or {}).get("eligibilityModule") or {}
    text = module.get("eligibilityCriteria")
    return text if isinstance(text, str) and text else None


def measure(archive: Path, studies: int = STUDIES, passes: int = PASSES) -> dict[str, Any]:
    """ms of CPU a study: "parse_ms" (bytes to record, criteria included), "criteria_ms" (the
    criteria text to its trees), "index_ms" (record to index document)."""
    from parsers import parse_bytes_many
    from parsers.ctgov_json_criteria import markdown_criteria
    from store.engine.documents import prepare

    with zipfile.ZipFile(archive) as opened:
        names = [name for name in opened.namelist() if name.endswith(".json")][:studies]
        files = [(name.rsplit("/", 1)[-1], opened.read(name)) for name in names]
    criteria = [text for _, data in files if (text := _criteria_text(data)) is not None]
    records = [item.record for name, data in files for item in parse_bytes_many(data, name)]

    def parse() -> None:
        for name, data in files:
            parse_bytes_many(data, name)

    def read_criteria() -> None:
        for text in criteria:
            markdown_criteria(text)

    def analyse() -> None:
        for record in records:
            prepare(record)

    count = len(files)
    return {
        "studies": count,
        "passes": passes,
        "parse_ms": _best(parse, passes) / count * 1000,
        "criteria_ms": _best(read_criteria, passes) / count * 1000,
        "index_ms": _best(analyse, passes) / count * 1000,
        **{f"{name}_ms": seconds / count * 1000
           for name, seconds in _library_costs(archive, names, records, passes).items()},
    }


def _library_costs(archive: Path, names: list[str], records: list[dict[str, Any]],
                   passes: int) -> dict[str, float]:
    """CPU seconds, for all the studies, of inflating, decoding, compressing and indexing."""
    from store.engine.documents import prepare
    from store.engine.index import TrialIndex
    from store.segment_codec import compressor
    from store.segment_format import Location

    with zipfile.ZipFile(archive) as opened:
        raw = [opened.read(name) for name in names]

        def inflate() -> None:
            for name in names:
                opened.read(name)

        inflating = _best(inflate, passes)
    samples: list[bytes | bytearray | memoryview] = list(raw[:: max(1, len(raw) // 512)])
    dictionary = zstandard.train_dictionary(64 * 1024, samples, level=3).as_bytes()
    zstd = compressor(dictionary)
    documents = [prepare(record) for record in records]

    def index() -> None:
        folder = tempfile.mkdtemp(prefix="trials-cost-")
        try:
            engine = TrialIndex(folder)
            with engine.writing():
                for start in range(0, len(documents), 1000):
                    with engine.batch() as batch:
                        for at, document in enumerate(documents[start : start + 1000]):
                            batch.put_prepared(document, Location(1, start + at, 1),
                                               f"{start + at:064x}", "2026-01-01T00:00:00Z",
                                               new=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return {
        "inflate": inflating,
        "json": _best(lambda: [orjson.loads(data) for data in raw], passes),
        "compress": _best(lambda: [zstd.compress(data) for data in raw], passes),
        "tantivy": _best(index, passes),  # its indexing threads' CPU time too
    }
