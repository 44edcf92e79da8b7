"""The documents of the store: trial versions in immutable segment files (see segment_format).

Every checkpoint of an import writes one new segment file (seg-000042.json) and never changes
it, so writing N trials costs O(N) whatever the store's size. The search index maps each
trial id to the Location of its current version; a version's "prev" is the Location of the
one before it, in an older segment, so a trial's history is a chain through the segments.

A write streams the file to a temporary file beside it, fsyncs it, moves it into place and
fsyncs the folder: a full disk or a crash leaves no segment file, or a whole one. A segment
file that no index names yet (a write that crashed before its commit) is harmless: it is
never read, and next_number() steps over it.

Reads are one pread of a document's span through a small LRU of open file descriptors, safe
from many threads at once. SegmentFiles(None) keeps the files in memory, with the same
behaviour (for tests and in-memory stores).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from .errors import DamagedStoreError, StoreError
from .segment_codec import DICTIONARY_MIN_DOCS, Decompressors, encode_segment, train
from .segment_disk import scan, segment_name, unlink, write_new
from .segment_files import OpenFiles, Segment
from .segment_format import (
    HEAD_BYTES,
    PLAIN_HEAD,
    BadDocument,
    Head,
    Location,
    Version,
    document_spans,
    parse_document,
    parse_payload,
    read_dictionary,
)
from .storage import describe_os_error

__all__ = ["Head", "Location", "SegmentFiles", "Version"]

#: Segment files kept open for reading.
OPEN_FILES = 64
_V = TypeVar("_V", Head, Version)


#: A trained dictionary serves this many segments written in a row (each file keeps a copy).
RETRAIN_EVERY = 16


class SegmentFiles:
    """The segment files of a store, in folder (None: in memory)."""

    def __init__(
        self, folder: Path | None, *, store: Path | None = None, open_files: int = OPEN_FILES,
        mode: int = 0o600, dictionary_min_docs: int | None = DICTIONARY_MIN_DOCS,
    ) -> None:
        """store: the store's manifest (named in the advice of a DamagedStoreError); mode:
        permissions of new files; dictionary_min_docs: segments of at least this many
        documents get a zstd dictionary (None: never)."""
        self.folder = folder
        self._store = store
        self._mode = mode
        self._dictionary_min_docs = dictionary_min_docs
        self._trained: bytes | None = None  # the dictionary of the last segments written
        self._trained_uses = 0
        self._memory: dict[int, bytes] | None = {} if folder is None else None
        self._memory_lock = threading.Lock()
        self._files = OpenFiles(self._open_segment, open_files)
        self._decompressors = Decompressors()

    def __enter__(self) -> SegmentFiles:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def where(self, number: int) -> str:
        """The file of segment `number`, as messages name it."""
        name = segment_name(number)
        return name + " (in memory)" if self.folder is None else str(self.folder / name)

    def close(self) -> None:
        """Close the open files (reads under way finish; later reads open them again)."""
        self._files.forget(None)

    # --- listing --------------------------------------------------------------------------

    def numbers(self) -> list[int]:
        """The segments present, in order (committed or not)."""
        if self._memory is not None:
            with self._memory_lock:
                return sorted(self._memory)
        return sorted(n for n, temporary, _ in scan(self._disk()) if not temporary)

    def next_number(self) -> int:
        """One more than the largest segment present, complete or being written."""
        if self._memory is not None:
            return max(self.numbers(), default=0) + 1
        return max((n for n, _, _ in scan(self._disk())), default=0) + 1

    def size_bytes(self) -> int:
        """The bytes of all segment files."""
        if self._memory is not None:
            with self._memory_lock:
                return sum(len(data) for data in self._memory.values())
        total = 0
        for number in self.numbers():
            with suppress(FileNotFoundError):
                total += os.stat(self._path(number)).st_size
        return total

    def _disk(self) -> Path:
        """The folder of the files (not for a store in memory)."""
        assert self.folder is not None
        return self.folder

    def _path(self, number: int) -> Path:
        return self._disk() / segment_name(number)

    # --- writing --------------------------------------------------------------------------

    def write(self, number: int, versions: Iterable[Version]) -> dict[str, Location]:
        """Write a new segment holding these versions (a later version of an id replaces an
        earlier one) and return where each id's document lies. StoreError naming the file
        when it cannot be written (nothing is left behind) or exists already."""
        if number < 0:
            raise ValueError(f"bad segment number {number}")
        latest: dict[str, Version] = {}
        for version in versions:
            if not version.id or version.record.get("id") != version.id:
                raise ValueError(f"a version of {version.id!r} holds the record of "
                                 f"{version.record.get('id')!r}")
            latest[version.id] = version
        if self._memory is not None and number in self.numbers():
            raise self._exists(number)
        dictionary = None
        if self._dictionary_min_docs is not None and len(latest) >= self._dictionary_min_docs:
            dictionary = self._dictionary_for(latest)
        locations: dict[str, Location] = {}
        chunks = encode_segment(number, latest, dictionary, locations)
        if self._memory is None:
            write_new(self._path(number), chunks, self._mode, self._exists(number))
        else:
            data = b"".join(chunks)
            with self._memory_lock:
                if number in self._memory:
                    raise self._exists(number)
                self._memory[number] = data
        self._files.forget([number])  # a number used before (and removed) is read anew
        return locations

    def _dictionary_for(self, latest: dict[str, Version]) -> bytes | None:
        """A dictionary for a new segment: the one trained for an earlier segment of this
        writer, retrained every RETRAIN_EVERY segments (training costs about as much as
        compressing the segment; documents of one import are alike)."""
        if self._trained is None or self._trained_uses >= RETRAIN_EVERY:
            self._trained = train(list(latest.values()))
            self._trained_uses = 0
        self._trained_uses += 1
        return self._trained

    def _exists(self, number: int) -> StoreError:
        return StoreError(f"cannot write {self.where(number)}: segment {number} exists "
                          "already (segments are never rewritten)")

    # --- reading --------------------------------------------------------------------------

    def read(self, location: Location, trial_id: str | None = None) -> Version:
        """The version at location (with trial_id: which must be that trial's);
        DamagedStoreError naming the file when no such document lies there."""
        raw, dictionary = self._raw(location)
        try:
            doc_id, meta, prev, compressed = parse_document(raw)
            _expect(doc_id, trial_id)
            data = self._decompressors.decompress(compressed, location.segment, dictionary,
                                                  doc_id)
            record, source = parse_payload(data, doc_id)
        except BadDocument as exc:
            raise self._damaged(location, str(exc)) from exc
        return Version(doc_id, record, source, meta, prev, location)

    def read_head(self, location: Location, trial_id: str | None = None) -> Head:
        """The id, meta and previous location of the version at location, without
        decompressing its record and source."""
        raw, _ = self._raw(location)
        try:
            doc_id, meta, prev, _ = parse_document(raw)
            _expect(doc_id, trial_id)
        except BadDocument as exc:
            raise self._damaged(location, str(exc)) from exc
        return Head(doc_id, meta, prev, location)

    def read_meta(self, location: Location) -> dict[str, Any]:
        """The meta of the version at location (sha256, imported_at, last_update, …)."""
        return self.read_head(location).meta

    def heads(self, location: Location) -> list[Head]:
        """The version at location and every previous one (through prev), newest first,
        without their records and sources."""
        return self._chain(location, self.read_head)

    def history(self, location: Location) -> list[Version]:
        """The version at location and every previous one (through prev), newest first."""
        return self._chain(location, self.read)

    def _chain(
        self, location: Location, read: Callable[[Location, str | None], _V]
    ) -> list[_V]:
        chain: list[_V] = []
        seen: set[Location] = set()
        here: Location | None = location
        while here is not None:
            if here in seen:
                raise self._damaged(here, f"the history of {chain[0].id} loops back to it")
            seen.add(here)
            chain.append(read(here, chain[0].id if chain else None))
            here = chain[-1].prev
        return chain

    def iter_segment(self, number: int) -> Iterator[tuple[str, Location]]:
        """(trial id, location) of every document of a segment, in file order;
        DamagedStoreError when it is missing or not a whole segment file."""
        where = self.where(number)
        if self._memory is not None:
            with self._memory_lock:
                data = self._memory.get(number)
            if data is None:
                raise DamagedStoreError(where, "is missing", self._store)
        else:
            try:
                data = self._path(number).read_bytes()
            except FileNotFoundError as exc:
                raise DamagedStoreError(where, "is missing", self._store) from exc
            except OSError as exc:
                raise StoreError(f"cannot read {where}: {describe_os_error(exc)}") from exc
        try:
            spans = [(i, Location(number, o, n)) for i, o, n in document_spans(data)]
        except BadDocument as exc:
            raise DamagedStoreError(where, f"is not a valid store file ({exc})",
                                    self._store) from exc
        return iter(spans)

    def _raw(self, location: Location) -> tuple[bytes, bytes | None]:
        """The bytes a location spans, and its segment's dictionary."""
        with self._files.use(location.segment) as segment:
            end = location.offset + location.length
            if location.offset < 0 or location.length <= 0 or end > segment.size:
                raise self._damaged(location, f"beyond its end at {segment.size}")
            try:
                raw = segment.pread(location.offset, location.length)
            except OSError as exc:
                where = self.where(location.segment)
                raise StoreError(f"cannot read {where}: {describe_os_error(exc)}") from exc
            if len(raw) != location.length:
                raise self._damaged(location, "beyond its end: the file is shorter")
            return raw, segment.dictionary

    def _damaged(self, location: Location, reason: str) -> DamagedStoreError:
        end = location.offset + location.length
        return DamagedStoreError(self.where(location.segment),
                                 f"has no trial document at bytes {location.offset}..{end} "
                                 f"({reason})", self._store)

    def _open_segment(self, number: int) -> Segment:
        """Segment `number` opened for reading (with its dictionary)."""
        where = self.where(number)
        if self._memory is not None:
            with self._memory_lock:
                data = self._memory.get(number)
            if data is None:
                raise DamagedStoreError(where, "is missing", self._store)
            segment = Segment(-1, data, len(data))
        else:
            try:
                fd = os.open(self._path(number), os.O_RDONLY)
            except FileNotFoundError as exc:
                raise DamagedStoreError(where, "is missing", self._store) from exc
            except OSError as exc:
                raise StoreError(f"cannot read {where}: {describe_os_error(exc)}") from exc
            segment = Segment(fd, None, 0)
        try:
            if segment.data is None:
                segment.size = os.fstat(segment.fd).st_size
            head = segment.pread(0, min(segment.size, 64))
            if not head.startswith(PLAIN_HEAD):
                head = segment.pread(0, min(segment.size, HEAD_BYTES))
            segment.dictionary = read_dictionary(head)
        except OSError as exc:
            segment.close()
            raise StoreError(f"cannot read {where}: {describe_os_error(exc)}") from exc
        except BadDocument as exc:
            segment.close()
            raise DamagedStoreError(where, f"is not a valid store file ({exc})",
                                    self._store) from exc
        return segment

    # --- removing -------------------------------------------------------------------------

    def remove(self, numbers: Iterable[int]) -> None:
        """Delete these segments (and temporary files of them); reads under way finish."""
        doomed = set(numbers)
        self._files.forget(doomed)
        if self._memory is not None:
            with self._memory_lock:
                for number in doomed:
                    self._memory.pop(number, None)
            return
        unlink(self._disk(), lambda number, temporary: number in doomed)
        self._files.forget(doomed)  # and what a read opened meanwhile

    def remove_temporary_files(self) -> None:
        """Delete what writes that crashed left (call only while no write is under way)."""
        if self.folder is not None:
            unlink(self.folder, lambda number, temporary: temporary)


def _expect(doc_id: str, trial_id: str | None) -> None:
    if trial_id is not None and doc_id != trial_id:
        raise BadDocument(f"the document of {doc_id}, not of {trial_id}")
