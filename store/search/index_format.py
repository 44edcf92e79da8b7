"""The bytes of a saved search index: a magic string, a JSON header, then named blobs.

    MAGIC | header size (uint32, little-endian) | header (JSON) | blob | blob | ...

The header holds the format number, the byte order of the arrays, the parameters the index
was built with (an index built with others is not read), what the index adds of its own, and
the blob table: [name, kind, offset, length] per blob, offsets counted from the end of the
header. A blob's kind is "json", "raw" (bytes), "B" (a bytearray) or another array typecode.

decode() raises IndexFormatError (a ValueError) for data that is not such an index, is
damaged or truncated, or was written with other parameters; it checks the structure of the
header and the blob table rather than letting a malformed one fail somewhere later, so that
any other exception is a bug, not damage.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

MAGIC = b"TRIALSEARCH\x00"
FORMAT = 1
_SIZE = struct.Struct("<I")
_BYTEORDERS = ("little", "big")


class IndexFormatError(ValueError):
    """The data is not a search index that this version can read (damaged, truncated, another
    format, or built with other parameters)."""


def encode(
    params: Mapping[str, Any],
    extra: Mapping[str, Any],
    blobs: Sequence[tuple[str, str, bytes]],
) -> bytes:
    """The bytes of an index: its parameters, extra header entries and (name, kind, bytes)
    blobs (arrays in this machine's byte order)."""
    table = []
    offset = 0
    for name, kind, blob in blobs:
        table.append([name, kind, offset, len(blob)])
        offset += len(blob)
    header = orjson.dumps(
        {"format": FORMAT, "byteorder": sys.byteorder, "params": params, **extra, "blobs": table}
    )
    parts = [MAGIC, _SIZE.pack(len(header)), header]
    parts.extend(blob for _, _, blob in blobs)
    return b"".join(parts)


def decode(
    data: bytes, params: Mapping[str, Any], kinds: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, blobs by name) of encode() output whose parameters are params and whose blobs
    are exactly kinds (name → kind). Blobs come back as bytes ("raw"), bytearray ("B"), an
    array in this machine's byte order, or the decoded JSON value. Raises IndexFormatError."""
    try:
        return _decode(data, params, kinds)
    except struct.error as error:  # cannot happen after the size checks; damage all the same
        raise IndexFormatError(f"not a search index ({error})") from error


def _decode(
    data: bytes, params: Mapping[str, Any], kinds: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    view = memoryview(data)
    if bytes(view[: len(MAGIC)]) != MAGIC:
        raise IndexFormatError("not a search index (bad magic)")
    start = len(MAGIC) + _SIZE.size
    if len(view) < start:
        raise IndexFormatError("search index is truncated")
    (size,) = _SIZE.unpack_from(view, len(MAGIC))
    if len(view) < start + size:
        raise IndexFormatError("search index is truncated")
    header = orjson.loads(view[start : start + size])  # JSONDecodeError is a ValueError
    if not isinstance(header, dict):
        raise IndexFormatError("not a search index (bad header)")
    if header.get("format") != FORMAT or header.get("params") != params:
        raise IndexFormatError("search index written by another version; rebuild it")
    byteorder = header.get("byteorder")
    if byteorder not in _BYTEORDERS:
        raise IndexFormatError("not a search index (bad byte order)")
    table = _table(header.get("blobs"), kinds)
    base = start + size
    blobs: dict[str, Any] = {}
    for name, kind, offset, length in table:
        chunk = view[base + offset : base + offset + length]
        if len(chunk) != length:
            raise IndexFormatError("search index is truncated")
        blobs[name] = read_blob(kind, chunk, byteorder != sys.byteorder)
    return header, blobs


def _table(entries: Any, kinds: Mapping[str, str]) -> list[tuple[str, str, int, int]]:
    """The blob table, checked: every blob of kinds once, with its kind, at a valid place."""
    if not isinstance(entries, list):
        raise IndexFormatError("not a search index (bad blob table)")
    table: list[tuple[str, str, int, int]] = []
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 4):
            raise IndexFormatError("not a search index (bad blob table)")
        name, kind, offset, length = entry
        if (
            not isinstance(name, str)
            or kinds.get(name) != kind
            or not _count(offset)
            or not _count(length)
        ):
            raise IndexFormatError("not a search index (bad blob table)")
        table.append((name, kind, offset, length))
    if sorted(name for name, _, _, _ in table) != sorted(kinds):
        raise IndexFormatError("not a search index (missing or repeated blobs)")
    return table


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def read_blob(kind: str, chunk: memoryview, swap: bool) -> Any:
    """A blob's value from its bytes (swap: the arrays were written in the other byte
    order). Raises ValueError for bytes that do not decode."""
    if kind == "json":
        return orjson.loads(chunk)
    if kind == "raw":
        return bytes(chunk)
    if kind == "B":
        return bytearray(chunk)
    values = array(kind)
    if len(chunk) % values.itemsize:
        raise IndexFormatError("search index is damaged (a partial array)")
    values.frombytes(chunk)
    if swap:
        values.byteswap()
    return values
