"""Compression of segment documents: zstd at level 3, with a dictionary trained on a segment's
own documents when it holds many; compressors and decompressors per thread (zstandard objects
are not thread-safe)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence

import orjson
import zstandard

from .segment_format import (
    DICTIONARY_SIZE,
    FILE_END,
    BadDocument,
    Location,
    Version,
    document,
    file_head,
    payload,
)

LEVEL = 3
#: Segments of at least this many documents get a dictionary: its ~87 KB in the file are
#: repaid many times by documents about a fifth smaller (measured on real API v2 studies).
DICTIONARY_MIN_DOCS = 256
#: A dictionary is trained on at most this many documents, of this many bytes in all.
_SAMPLE_DOCS = 512
_SAMPLE_BYTES = 4 * 2**20
#: A blob never decompresses to more than this (a damaged frame header could claim more).
MAX_PAYLOAD = 1 << 30
#: Decompressors of this many segments' dictionaries are kept per thread.
_CACHED_DICTIONARIES = 32


def train(versions: Sequence[Version]) -> bytes | None:
    """A dictionary for these versions' documents, trained on an even sample of them; None
    when zstd finds nothing to learn."""
    step = max(1, len(versions) // _SAMPLE_DOCS)
    samples: list[bytes | bytearray | memoryview] = []
    size = 0
    for version in versions[::step]:
        samples.append(payload(version))
        size += len(samples[-1])
        if size >= _SAMPLE_BYTES:
            break
    try:
        return zstandard.train_dictionary(DICTIONARY_SIZE, samples, level=LEVEL).as_bytes()
    except zstandard.ZstdError:
        return None


def compressor(dictionary: bytes | None) -> zstandard.ZstdCompressor:
    """A compressor for the documents of one segment (used by one thread)."""
    if dictionary is None:
        return zstandard.ZstdCompressor(level=LEVEL, write_checksum=True)
    data = zstandard.ZstdCompressionDict(dictionary)
    data.precompute_compress(level=LEVEL)  # else it is loaded again for every document
    return zstandard.ZstdCompressor(dict_data=data, write_checksum=True)


def encode_segment(
    number: int, versions: dict[str, Version], dictionary: bytes | None,
    locations: dict[str, Location],
) -> Iterator[bytes]:
    """The bytes of segment file `number`, a document at a time; fills in each trial's
    location as it goes."""
    zstd = compressor(dictionary)
    head = file_head(dictionary)
    yield head
    position = len(head)
    for index, (trial_id, version) in enumerate(versions.items()):
        key = (b"," if index else b"") + orjson.dumps(trial_id) + b":"
        doc = document(version, zstd.compress(payload(version)))
        locations[trial_id] = Location(number, position + len(key), len(doc))
        position += len(key) + len(doc)
        yield key
        yield doc
    yield FILE_END


class Decompressors(threading.local):
    """Each thread's decompressors: one plain, and one per recently read dictionary."""

    def __init__(self) -> None:
        self.plain = zstandard.ZstdDecompressor()
        self.by_segment: OrderedDict[int, tuple[bytes, zstandard.ZstdDecompressor]] = (
            OrderedDict()
        )

    def decompress(self, data: bytes, segment: int, dictionary: bytes | None,
                   trial_id: str) -> bytes:
        """A blob decompressed; BadDocument when it is not a whole zstd frame of this
        segment."""
        try:
            size = zstandard.frame_content_size(data)
            if not 0 <= size <= MAX_PAYLOAD:
                raise BadDocument(f"a bad blob for {trial_id}: no size, or too large")
            return self._for(segment, dictionary).decompress(data)
        except zstandard.ZstdError as exc:
            raise BadDocument(f"a bad blob for {trial_id}: {exc}") from exc

    def _for(self, segment: int, dictionary: bytes | None) -> zstandard.ZstdDecompressor:
        if dictionary is None:
            return self.plain
        cached = self.by_segment.get(segment)
        if cached is not None and cached[0] is dictionary:
            self.by_segment.move_to_end(segment)
            return cached[1]
        made = zstandard.ZstdDecompressor(dict_data=zstandard.ZstdCompressionDict(dictionary))
        self.by_segment[segment] = (dictionary, made)
        self.by_segment.move_to_end(segment)
        if len(self.by_segment) > _CACHED_DICTIONARIES:
            self.by_segment.popitem(last=False)
        return made
