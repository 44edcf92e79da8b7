"""The format of segment files: the documents of the store, one file per checkpoint, never
rewritten.

    seg-000042.json   a TinyDB file:
        {"dictionary": {"zstd": {"data": "<base64 of a zstd dictionary>"}},    (optional)
         "versions": {"NCT…": {"id": "NCT…",
                               "meta": {"sha256", "imported_at", "last_update", "path",
                                        "format", "partial"},
                               "prev": [segment, offset, length] | null,
                               "blob": "<base64 of zstd of JSON {"record": …, "source": …}>"},
                      …}}

One document per trial id. "meta" is plain JSON so that history listings read it without
decompressing; "prev" is the Location of the trial's previous version (in an older segment).
A Location is the byte span of a document object in its file, so a read is one pread. A
segment of many trials carries a zstd dictionary trained on its own documents; the file then
starts with it, within the first HEAD_BYTES bytes.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

#: The TinyDB table of a segment file's documents.
VERSIONS = "versions"
#: A segment's dictionary is at most this many bytes.
DICTIONARY_SIZE = 64 * 1024
_DICTIONARY_START = b'{"dictionary":{"zstd":{"data":"'
_DICTIONARY_END = b'"}},'
#: How a segment file without a dictionary starts.
PLAIN_HEAD = b'{"versions":{'
_VERSIONS_OPEN = b'"versions":{'
FILE_END = b"}}"
#: The first bytes of a file hold its dictionary (if any) whole.
HEAD_BYTES = len(_DICTIONARY_START) + 4 * -(-DICTIONARY_SIZE // 3) + len(_DICTIONARY_END)
#: A string, or a bracket: what finding the documents of a file needs to look at.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_QUOTE, _OPENERS = ord('"'), frozenset(b"[{")


class BadDocument(ValueError):
    """Bytes that are not what a segment file holds there; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where a version lies: the byte span of its document in segment file `segment`."""

    segment: int
    offset: int
    length: int

    def to_list(self) -> list[int]:
        """[segment, offset, length], as JSON keeps it."""
        return [self.segment, self.offset, self.length]

    @classmethod
    def from_list(cls, value: object) -> Location:
        """The Location that to_list gave; ValueError for anything else."""
        if (
            isinstance(value, list | tuple) and len(value) == 3
            and all(type(part) is int and part >= 0 for part in value)
        ):
            return cls(value[0], value[1], value[2])
        raise ValueError(f"not a location: {value!r}")


@dataclass
class Version:
    """One version of a trial: its record, its source text, where it came from (meta: sha256,
    imported_at, last_update, path, format, partial), and where its previous version lies."""

    id: str
    record: dict[str, Any]
    source: str
    meta: dict[str, Any]
    prev: Location | None = None
    #: Where it was read from (None for a version not written yet).
    location: Location | None = field(default=None, compare=False)
    #: The record as JSON, when the record above holds only its head (id, dates, source):
    #: an import's new trials are written from the bytes the parse worker sent, without
    #: decoding them here (see record_of).
    record_json: bytes | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Head:
    """A version without its record and source: for history listings."""

    id: str
    meta: dict[str, Any]
    prev: Location | None
    location: Location


#: A record on the wire from a parse worker holds this string in place of its source object
#: (SOURCE_MARK as JSON), so that the importing process sets source.imported_at without
#: decoding the record.
SOURCE_PLACEHOLDER = "\x00source\x00"
SOURCE_MARK = orjson.dumps(SOURCE_PLACEHOLDER)


def with_source(marked: bytes, source: dict[str, Any]) -> bytes:
    """A record's JSON from its marked JSON (SOURCE_MARK once, where its source goes)."""
    before, _, after = marked.partition(SOURCE_MARK)
    return b"".join((before, orjson.dumps(source), after))


def record_of(version: Version) -> dict[str, Any]:
    """The version's whole record (decoded from record_json when it holds only its head)."""
    if version.record_json is None:
        return version.record
    record = orjson.loads(version.record_json)
    if not isinstance(record, dict):
        raise BadDocument(f"the record of {version.id} is not a JSON object")
    return record


def payload(version: Version) -> bytes:
    """What a version's blob compresses: its record and source as JSON."""
    if version.record_json is not None:
        return b"".join((b'{"record":', version.record_json, b',"source":',
                         orjson.dumps(version.source), b"}"))
    return orjson.dumps({"record": version.record, "source": version.source})


def document(version: Version, compressed: bytes) -> bytes:
    """A version's document: the JSON object a Location spans."""
    prev = None if version.prev is None else version.prev.to_list()
    return b"".join((
        b'{"id":', orjson.dumps(version.id), b',"meta":', orjson.dumps(version.meta),
        b',"prev":', orjson.dumps(prev), b',"blob":"', base64.b64encode(compressed), b'"}',
    ))


def parse_document(raw: bytes) -> tuple[str, dict[str, Any], Location | None, bytes]:
    """A document's id, meta, previous version and compressed blob; BadDocument if raw is
    not a whole document."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadDocument(f"not a JSON object: {exc}") from exc
    if not isinstance(doc, dict):
        raise BadDocument("not a JSON object")
    trial_id, meta, blob = doc.get("id"), doc.get("meta"), doc.get("blob")
    if not isinstance(trial_id, str) or not trial_id:
        raise BadDocument("no trial id")
    if not isinstance(meta, dict):
        raise BadDocument(f"no meta for {trial_id}")
    if not isinstance(blob, str):
        raise BadDocument(f"no blob for {trial_id}")
    try:
        prev = None if doc.get("prev") is None else Location.from_list(doc["prev"])
        compressed = base64.b64decode(blob, validate=True)
    except (ValueError, binascii.Error) as exc:
        raise BadDocument(f"a bad document for {trial_id}: {exc}") from exc
    return trial_id, meta, prev, compressed


def parse_payload(data: bytes, trial_id: str) -> tuple[dict[str, Any], str]:
    """The record and source of a decompressed blob; BadDocument when it is not one."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise BadDocument(f"a bad blob for {trial_id}: {exc}") from exc
    record = value.get("record") if isinstance(value, dict) else None
    source = value.get("source") if isinstance(value, dict) else None
    if not isinstance(record, dict) or not isinstance(source, str):
        raise BadDocument(f"a bad blob for {trial_id}: no record and source")
    if record.get("id") != trial_id:
        raise BadDocument(f"a blob for {record.get('id')!r}, not {trial_id}")
    return record, source


def file_head(dictionary: bytes | None) -> bytes:
    """The start of a segment file, up to its first document."""
    if dictionary is None:
        return PLAIN_HEAD
    if len(dictionary) > DICTIONARY_SIZE:
        raise ValueError(f"a dictionary of {len(dictionary)} bytes (at most {DICTIONARY_SIZE})")
    return b"".join((
        _DICTIONARY_START, base64.b64encode(dictionary), _DICTIONARY_END, _VERSIONS_OPEN
    ))


def read_dictionary(head: bytes) -> bytes | None:
    """The dictionary of a segment file whose first bytes (up to HEAD_BYTES) are head; None
    when it has none; BadDocument when head is not the start of a segment file."""
    if head.startswith(PLAIN_HEAD):
        return None
    if not head.startswith(_DICTIONARY_START):
        raise BadDocument("not a segment file (it starts with neither table)")
    end = head.find(_DICTIONARY_END, len(_DICTIONARY_START))
    if end < 0:
        raise BadDocument("not a segment file (its dictionary has no end)")
    try:
        return base64.b64decode(head[len(_DICTIONARY_START):end], validate=True)
    except binascii.Error as exc:
        raise BadDocument(f"not a segment file (a bad dictionary: {exc})") from exc


def document_spans(data: bytes) -> Iterator[tuple[str, int, int]]:
    """(trial id, offset, length) of every document of a segment file's bytes, in file order;
    BadDocument when data is not a whole segment file."""
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise BadDocument(f"not a segment file (broken JSON: {exc})") from exc
    versions = tables.get(VERSIONS) if isinstance(tables, dict) else None
    if not isinstance(versions, dict):
        raise BadDocument(f"not a segment file (no {VERSIONS!r} table)")
    spans = list(_object_spans(data, VERSIONS))
    if [trial_id for trial_id, _, _ in spans] != list(versions):
        raise BadDocument(f"not a segment file (its {VERSIONS!r} table holds non-documents)")
    return iter(spans)


def _object_spans(data: bytes, table: str) -> Iterator[tuple[str, int, int]]:
    """(key, offset, length) of the objects of a table in a TinyDB file's JSON, found by
    following its strings and brackets (data must be valid JSON)."""
    depth = 0
    key: bytes = b""
    in_table = False
    start = -1
    wanted = orjson.dumps(table)
    for match in _TOKEN.finditer(data):
        at = match.start()
        char = data[at]
        if char == _QUOTE:
            if depth <= 2:
                key = match.group()
            continue
        if char in _OPENERS:
            if depth == 1:
                in_table = char == ord("{") and key == wanted
            elif depth == 2 and in_table:
                start = at if char == ord("{") else -1
            depth += 1
            continue
        depth -= 1
        if depth == 2 and in_table and start >= 0:
            yield orjson.loads(key), start, match.end() - start
            start = -1
