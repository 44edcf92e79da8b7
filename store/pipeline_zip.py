"""Zip archives read as a stream: members one at a time from the central directory, without
holding an entry per member.

zipfile.ZipFile reads the whole central directory into a ZipInfo per member (about 570 bytes
each: 345 MB for the registry's 600,000 studies). ZipStream reads the central directory
record by record as it goes, and reads each member's bytes through its local header: stored
and deflated members (what zip tools write) are read here, checked against their CRC; a
member compressed otherwise (bzip2, LZMA) is read through zipfile, opened on demand.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import IO

from . import archives
from .archives import ArchiveError, read_member, wanted_member

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")  # central directory file header
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # local file header
_END_SIG, _END64_LOCATOR_SIG, _END64_SIG = b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"
_ENTRY_SIG, _LOCAL_SIG = b"PK\x01\x02", b"PK\x03\x04"
_STORED, _DEFLATED = 0, 8
_FULL32, _FULL16 = 0xFFFFFFFF, 0xFFFF
#: Bytes of the central directory read at once.
_BLOCK = 1 << 20
#: The end record is within the last 22 bytes + the longest comment.
_TAIL = _END.size + 0xFFFF


@dataclass(frozen=True, slots=True)
class ZipEntry:
    """A member of an archive, as its central directory record describes it."""

    name: str
    offset: int  # of its local header
    compressed: int
    size: int
    method: int
    flags: int
    crc: int

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


class ZipStream:
    """An open zip archive: entries() streams the members to import, read(entry) reads one."""

    def __init__(self, source: str | bytes) -> None:
        """Open the archive at a path, or in bytes; ArchiveError when it is not one."""
        self._file: IO[bytes] = open(source, "rb") if isinstance(source, str) else io.BytesIO(  # noqa: SIM115
            source
        )
        self._fallback: zipfile.ZipFile | None = None
        try:
            self._start, self._size, self.count, offset = _directory(self._file)
        except BaseException:
            self._file.close()
            raise
        # Bytes before the archive proper (a self-extracting stub) move every offset.
        self._shift = self._start - offset

    def entries(self) -> Iterator[ZipEntry]:
        """The members to import in the archive's order (archives.wanted_member). ArchiveError
        when the central directory is damaged."""
        for entry in self.all_entries():
            if wanted_member(entry.name, entry.is_dir):
                yield entry

    def all_entries(self) -> Iterator[ZipEntry]:
        """Every central directory record, in order (read a block at a time)."""
        position, end = self._start, self._start + self._size
        block, at = b"", 0
        for _ in range(self.count):
            if len(block) - at < _ENTRY.size:
                block, at = self._block(position, end), 0
            fields = _ENTRY.unpack_from(block, at) if len(block) - at >= _ENTRY.size else None
            if fields is None or fields[0] != _ENTRY_SIG:
                raise ArchiveError("not a readable zip archive (a bad central directory record)")
            flags, method, crc = fields[5], fields[6], fields[9]
            compressed, size = fields[10], fields[11]
            name_len, extra_len, comment_len = fields[12], fields[13], fields[14]
            offset = fields[18]
            length = _ENTRY.size + name_len + extra_len + comment_len
            if len(block) - at < length:
                block, at = self._block(position, end), 0
                if len(block) < length:
                    raise ArchiveError("not a readable zip archive (its central directory is cut)")
            start = at + _ENTRY.size
            raw_name = block[start : start + name_len]
            if _FULL32 in (compressed, size, offset):
                extra = block[start + name_len : start + name_len + extra_len]
                size, compressed, offset = _zip64(extra, size, compressed, offset)
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", "replace")
            position += length
            at += length
            yield ZipEntry(name, offset + self._shift, compressed, size, method, flags, crc)

    def _block(self, position: int, end: int) -> bytes:
        """The central directory from position on, up to _BLOCK bytes."""
        self._file.seek(position)
        return self._file.read(min(_BLOCK, end - position))

    def read(self, entry: ZipEntry) -> bytes:
        """A member's bytes; ArchiveError when it is too large, encrypted or damaged."""
        limit = archives.MAX_MEMBER_BYTES
        if entry.size > limit:
            raise ArchiveError(f"too large to import ({entry.size:,} bytes uncompressed)")
        if entry.flags & 0x1:
            raise ArchiveError("encrypted: unzip it with its password first")
        if entry.method not in (_STORED, _DEFLATED):
            return self._read_other(entry)
        try:
            self._file.seek(entry.offset)
            head = self._file.read(_LOCAL.size)
            if len(head) != _LOCAL.size or head[:4] != _LOCAL_SIG:
                raise ArchiveError("damaged zip member (no local header where it should be)")
            name_len, extra_len = _LOCAL.unpack(head)[-2:]
            self._file.seek(entry.offset + _LOCAL.size + name_len + extra_len)
            data = self._file.read(entry.compressed)
            if len(data) != entry.compressed:
                raise ArchiveError("damaged zip member (the archive is cut short)")
            if entry.method == _DEFLATED:
                inflater = zlib.decompressobj(-15)
                data = inflater.decompress(data, limit + 1)
                if not inflater.eof and len(data) <= limit:
                    raise ArchiveError("damaged zip member (its compressed data is cut short)")
        except zlib.error as exc:
            raise ArchiveError(f"damaged zip member ({exc})") from None
        except OSError as exc:
            raise ArchiveError(f"damaged zip member ({exc.strerror or exc})") from None
        if len(data) > limit:
            raise ArchiveError(f"too large to import (over {limit:,} bytes uncompressed)")
        if len(data) != entry.size or zlib.crc32(data) != entry.crc:
            raise ArchiveError(f"damaged zip member (Bad CRC-32 for file {entry.name!r})")
        return data

    def _read_other(self, entry: ZipEntry) -> bytes:
        """A member in another compression method, read through zipfile (which holds the
        whole central directory: such archives are rare, and small)."""
        if self._fallback is None:
            try:
                self._fallback = zipfile.ZipFile(self._file)
            except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as exc:
                raise ArchiveError(f"not a readable zip archive ({exc})") from None
        return read_member(self._fallback, entry.name)

    def close(self) -> None:
        if self._fallback is not None:
            self._fallback.close()
        self._file.close()

    def __enter__(self) -> ZipStream:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _directory(file: IO[bytes]) -> tuple[int, int, int, int]:
    """(start, size, number of records, offset as the end record states it) of the central
    directory."""
    file.seek(0, io.SEEK_END)
    length = file.tell()
    file.seek(max(0, length - _TAIL))
    tail = file.read()
    at = tail.rfind(_END_SIG)
    while at >= 0 and len(tail) - at < _END.size:
        at = tail.rfind(_END_SIG, 0, at)
    if at < 0:
        raise ArchiveError("not a readable zip archive (File is not a zip file)")
    end_at = length - len(tail) + at
    fields = _END.unpack(tail[at : at + _END.size])
    count, size, offset = fields[4], fields[5], fields[6]
    if count == _FULL16 or size == _FULL32 or offset == _FULL32:
        count, size, offset, end_at = _directory64(file, end_at)
    start = end_at - size
    if start < 0 or offset > start:
        raise ArchiveError("not a readable zip archive (its central directory is out of place)")
    return start, size, count, offset


def _directory64(file: IO[bytes], end_at: int) -> tuple[int, int, int, int]:
    """(count, size, offset, position) of a zip64 archive's central directory."""
    if end_at < _END64_LOCATOR.size:
        raise ArchiveError("not a readable zip archive (no zip64 end record)")
    file.seek(end_at - _END64_LOCATOR.size)
    locator = _END64_LOCATOR.unpack(file.read(_END64_LOCATOR.size))
    if locator[0] != _END64_LOCATOR_SIG:
        raise ArchiveError("not a readable zip archive (no zip64 end record)")
    record_at = end_at - _END64_LOCATOR.size - _END64.size
    file.seek(record_at)
    record = file.read(_END64.size)
    if len(record) != _END64.size or record[:4] != _END64_SIG:
        raise ArchiveError("not a readable zip archive (a bad zip64 end record)")
    fields = _END64.unpack(record)
    return fields[7], fields[8], fields[9], record_at


def _zip64(extra: bytes, size: int, compressed: int, offset: int) -> tuple[int, int, int]:
    """Sizes and offset from the zip64 extra field, for those the record marks as there."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<2H", extra, at)
        if kind == 1:
            values = iter(struct.unpack_from(f"<{length // 8}Q", extra, at + 4))
            try:
                if size == _FULL32:
                    size = next(values)
                if compressed == _FULL32:
                    compressed = next(values)
                if offset == _FULL32:
                    offset = next(values)
            except StopIteration:
                raise ArchiveError("not a readable zip archive (a bad zip64 field)") from None
            return size, compressed, offset
        at += 4 + length
    raise ArchiveError("not a readable zip archive (a zip64 field is missing)")
