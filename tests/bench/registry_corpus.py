"""Synthetic ClinicalTrials.gov API v2 studies at the registry's scale, as its bulk download.

    python -m tests.bench.registry_corpus --count N --out FILE.zip [--seed S]
        [--start I] [--changed-share P --version V] [--compresslevel L] [--indent]
        [--writer-process]

writes FILE.zip in the layout of the registry's full download (``ctg-studies.json.zip``, from
``/api/v2/studies/download?format=json.zip``): one JSON object per study, named
``NN/NCTxxxxxxNN.json`` in 100 folders named by the last two digits of the NCT id
(``35/NCT02252835.json``). That layout, the mean of about 17 KB per study (17,275 bytes over
597,913 studies, the largest 3.6 MB) and the 13% of studies with results are figures
measured on the real download (published measurements, not an official specification). The
zip holds no folder entries and its entries are in generation order; each study is compact
UTF-8 JSON (``--indent`` indents it by two spaces) with a fixed timestamp, so the same
arguments always give the same zip, byte for byte.

The studies have the real records' key names, nesting and enum spellings (protocolSection,
resultsSection on about 13%, documentSection, derivedSection, hasResults) and their spread
of sizes (many of 8-15 KB, a few of hundreds of KB: sites from 1 to 3,000, results tables),
but none of their text: that is built from the word lists of registry_vocab_*.py,
registry_places*.py and ``vocab.py`` (Zipf-distributed words, a long tail of rare made-up
words, real-looking condition, sponsor, drug and place names, a few hundred cities with their
coordinates).

- Deterministic: study i of seed s is the same for every count, so a smaller corpus is a
  prefix of a larger one (``--start`` skips the first studies, to write shards).
- Streaming: ``iter_entries`` yields ``(name, bytes)`` pairs one at a time; ``write_zip``
  writes them as they come (a batch of 64 at most is in flight), on one core, or with
  ``--writer-process`` through a second process that compresses while this one generates
  (worth it only when a second core is free).
- Updates: ``change_study`` returns a changed copy of a study (status, enrollment, an added
  criterion, an added site, a later lastUpdatePostDate); ``--changed-share P --version V``
  writes the corpus with a deterministic share P of its studies changed, for update
  benchmarks (version V of the changes; a later version moves the dates on again).

This module is the corpus's interface; the work is done by registry_builder.py (one study,
from the sections in registry_build_*.py), registry_pools.py (what studies draw from),
registry_changes.py (updates) and registry_zip.py (the zip).
"""
from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import orjson

from .registry_builder import RESULTS_SHARE, StudyBuilder
from .registry_changes import CHANGE_KINDS, change_study, is_changed
from .registry_ids import DATA_DATE, NCT_SPACE, entry_name, nct_for
from .registry_pools import shared_pools
from .registry_types import Study
from .registry_zip import CorpusStats, write_entries

__all__ = [
    "CHANGE_KINDS", "DATA_DATE", "DEFAULT_NAME", "NCT_SPACE", "RESULTS_SHARE", "CorpusStats",
    "Study", "change_study", "changed_study", "dumps", "entry_name", "is_changed",
    "iter_entries", "main", "nct_for", "study", "write_zip",
]

DEFAULT_NAME = "ctg-studies.json.zip"


def study(index: int, seed: int = 0) -> Study:
    """Study index of the corpus with this seed (the same for every corpus size).

    The study is the caller's own object (generation shares location and browse objects
    between studies; this returns an independent copy).
    """
    copy: Study = orjson.loads(orjson.dumps(_study(index, seed)))
    return copy


def _study(index: int, seed: int) -> Study:
    rng = random.Random(f"ctgov-registry:{seed}:{index}")
    return StudyBuilder(rng, shared_pools()).study(nct_for(index, seed))


def dumps(item: Study, *, indent: bool = False) -> bytes:
    """A study's JSON bytes as in the bulk zip (compact unless indent)."""
    return orjson.dumps(item, option=orjson.OPT_INDENT_2 if indent else 0)


def changed_study(index: int, seed: int = 0, version: int = 1) -> Study:
    """Study index of the corpus, changed as in version of the updates."""
    return change_study(study(index, seed), version)


def iter_entries(count: int, seed: int = 0, *, start: int = 0, changed_share: float = 0.0,
                 version: int = 1, indent: bool = False) -> Iterator[tuple[str, bytes]]:
    """(name in the zip, JSON bytes) of studies start .. start+count-1, one at a time.

    With changed_share, that share of the studies (chosen by index, seed and version) comes
    changed as ``change_study(…, version)`` makes it; the others are as in the base corpus.
    """
    for name, data, _ in _entries(count, seed, start, changed_share, version, indent):
        yield name, data


def _entries(count: int, seed: int, start: int, changed_share: float, version: int,
             indent: bool) -> Iterator[tuple[str, bytes, bool]]:
    pools = shared_pools()
    option = orjson.OPT_INDENT_2 if indent else 0
    dump = orjson.dumps
    for index in range(start, start + count):
        nct = nct_for(index, seed)
        builder = StudyBuilder(random.Random(f"ctgov-registry:{seed}:{index}"), pools)
        item = builder.study(nct)
        if changed_share and is_changed(index, seed, changed_share, version):
            item = change_study(item, version)
        yield f"{nct[-2:]}/{nct}.json", dump(item, option=option), builder.has_results


def write_zip(path: str | Path, count: int, seed: int = 0, *, start: int = 0,
              changed_share: float = 0.0, version: int = 1, compresslevel: int = 1,
              indent: bool = False, writer_process: bool = False) -> CorpusStats:
    """Write studies start .. start+count-1 to a zip in the bulk download's layout.

    The zip is written as the studies are made, to a ``.part`` file renamed to path once
    complete; writer_process compresses in a second process (registry_zip.write_entries).
    The bytes written are the same either way.
    """
    return write_entries(path, _entries(count, seed, start, changed_share, version, indent),
                         compresslevel=compresslevel, writer_process=writer_process)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.registry_corpus",
        description="Write synthetic ClinicalTrials.gov studies as the registry's bulk zip.")
    parser.add_argument("--count", type=int, required=True, help="number of studies")
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_NAME), help="zip file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first study")
    parser.add_argument("--changed-share", type=float, default=0.0,
                        help="share of studies written in their changed version")
    parser.add_argument("--version", type=int, default=1, help="version of the changes")
    parser.add_argument("--compresslevel", type=int, default=1)
    parser.add_argument("--indent", action="store_true", help="indent the JSON (2 spaces)")
    parser.add_argument("--writer-process", action="store_true",
                        help="compress and write in a second process (when a core is free)")
    args = parser.parse_args(argv)
    if args.count < 0 or not 0 <= args.changed_share <= 1:
        parser.error("--count must be >= 0 and --changed-share within 0..1")
    stats = write_zip(args.out, args.count, args.seed, start=args.start,
                      changed_share=args.changed_share, version=args.version,
                      compresslevel=args.compresslevel, indent=args.indent,
                      writer_process=args.writer_process)
    rate = stats.count / stats.seconds if stats.seconds else 0.0
    print(f"studies: {stats.count:,}")
    print(f"uncompressed bytes: {stats.bytes:,}")
    print(f"mean size: {stats.mean:,.0f} bytes (largest {stats.largest:,})")
    print(f"with results: {stats.with_results:,} "
          f"({stats.with_results / max(1, stats.count):.1%})")
    print(f"zip: {args.out} ({stats.zip_bytes:,} bytes)")
    print(f"time: {stats.seconds:.1f} s ({rate:,.0f} studies/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
