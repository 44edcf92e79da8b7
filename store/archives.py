"""Zip archives read in place: the names and bytes of their members, never extracted to disk.

What every reader of archives shares (ArchiveError, the limits, member labels, recognising an
archive by its first bytes), and reading through zipfile (a whole central directory in
memory: for small archives and for members in a compression method other than stored or
deflated). store.pipeline_zip streams large archives member by member.
"""

from __future__ import annotations

import lzma
import re
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import IO

#: The first bytes of a zip archive (a local file header, or the end record of an empty one).
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: A member larger than this (uncompressed) is refused rather than read into memory.
MAX_MEMBER_BYTES = 1 << 30
#: Zip archives inside zip archives are read to this depth.
MAX_DEPTH = 3

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ArchiveError(Exception):
    """A zip archive or one of its members that cannot be read; the message says why."""


def is_zip_bytes(data: bytes) -> bool:
    """Whether data opens like a zip archive."""
    return data[:4] in ZIP_MAGIC


def is_zip_file(path: str) -> bool:
    """Whether the file at path is a zip archive (by its content, whatever its name)."""
    with open(path, "rb") as file:
        return is_zip_bytes(file.read(4))


def open_zip(source: str | IO[bytes]) -> zipfile.ZipFile:
    """Open an archive for reading; ArchiveError when it is not a readable zip archive."""
    try:
        return zipfile.ZipFile(source)
    except zipfile.BadZipFile as exc:
        raise ArchiveError(f"not a readable zip archive ({exc})") from None
    except (ValueError, NotImplementedError, EOFError) as exc:
        raise ArchiveError(f"not a readable zip archive ({exc or type(exc).__name__})") from None


#: Members at an archive's root that list its content rather than hold a trial: the
#: table of contents of ClinicalTrials.gov's classic bulk download (AllPublicXML.zip).
LISTINGS = frozenset({"Contents.txt"})


def wanted_member(name: str, is_dir: bool) -> bool:
    """Whether a member is one to import: a file, not hidden, not macOS metadata, not the
    table of contents of a bulk download."""
    parts = PurePosixPath(name).parts
    if is_dir or not parts or parts[0] == "__MACOSX":
        return False
    if len(parts) == 1 and parts[0] in LISTINGS:
        return False
    return not any(part.startswith(".") for part in parts)


def member_names(archive: zipfile.ZipFile) -> list[str]:
    """The members to import, sorted (wanted_member)."""
    return sorted(info.filename for info in archive.infolist()
                  if wanted_member(info.filename, info.is_dir()))


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes; ArchiveError when it is too large, encrypted or damaged."""
    try:
        info = archive.getinfo(name)
        if info.file_size > MAX_MEMBER_BYTES:
            raise ArchiveError(f"too large to import ({info.file_size:,} bytes uncompressed)")
        if info.flag_bits & 0x1:
            raise ArchiveError("encrypted: unzip it with its password first")
        with archive.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except ArchiveError:
        raise
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, KeyError, ValueError,
            OSError) as exc:
        raise ArchiveError(f"damaged zip member ({exc or type(exc).__name__})") from None
    except (NotImplementedError, RuntimeError) as exc:
        raise ArchiveError(f"cannot be unzipped ({exc})") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise ArchiveError(f"too large to import (over {MAX_MEMBER_BYTES:,} bytes uncompressed)")
    return data


def printable_name(name: str) -> str:
    """A file's or member's name as reports show it: every control character (a newline, an
    escape) and bidi override as "?"."""
    return _UNPRINTABLE.sub("?", name)


def member_label(archive_label: str, name: str) -> str:
    """How a member is named in reports and in its record's source path: "a.zip/dir/b.json"."""
    return f"{archive_label}/{printable_name(name)}"
