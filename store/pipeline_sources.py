"""Sources of an import as a lazy stream of items: files (folders walked, globs expanded, see
paths.iter_paths), members of zip archives read in place (nested archives too), and given
(label, bytes) or (label, path) pairs such as fetched API pages.

Each Item is read when the stream is pulled, so the stream holds one file's bytes at a time;
Item.reread reads it again (the import needs that for a file it skipped and must parse after
all). An item that cannot be read carries the reason instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from typing import Any

from .archives import MAX_DEPTH, MAX_MEMBER_BYTES, ZIP_MAGIC, ArchiveError, member_label
from .paths import PathEntry, iter_paths, own_files
from .pipeline_parse import os_reason
from .pipeline_zip import ZipStream

#: A file larger than this is refused rather than read into memory (as a zip member).
MAX_FILE_BYTES = MAX_MEMBER_BYTES


@dataclass(frozen=True, slots=True)
class Item:
    """One file to parse: label names it in the report, source in its records' source.path;
    data is its bytes, or error why it has none."""

    label: str
    source: str
    data: bytes | None = None
    error: str | None = None
    reread: Callable[[], bytes] | None = None


@dataclass
class Tally:
    """How many items the stream will yield, as far as it is known (0: not known); grows when
    an archive that was counted as one file turns out to hold several."""

    total: int = 0

    def grow(self, extra: int) -> None:
        if self.total and extra > 0:
            self.total += extra


@dataclass
class PathSource:
    """Import arguments (files, folders, globs) read lazily; iterable more than once, so that
    count() can walk them cheaply before the import walks them again. skip: the store's own
    files, left out."""

    args: list[str | os.PathLike[str]]
    skip: Callable[[str], bool] = field(default=own_files(None))

    @classmethod
    def of(
        cls, args: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        store_path: str | os.PathLike[str] | None = None,
    ) -> PathSource:
        """The source of args for a store whose manifest is at store_path."""
        if isinstance(args, str | os.PathLike):
            args = [args]
        return cls(list(args), own_files(store_path))

    def __iter__(self) -> Iterator[PathEntry]:
        return iter_paths(self.args, skip=self.skip)

    def count(self) -> int:
        """Files to import: a zip archive (by its name) counts its members."""
        count = 0
        for entry in self:
            count += _members(entry.path) if entry.error is None else 1
        return count


Source = PathSource | Iterable[PathEntry | tuple[str, Any]]


def count(sources: Source) -> int:
    """The number of items sources will yield, when it is cheap to know; 0 otherwise."""
    if isinstance(sources, PathSource):
        return sources.count()
    if isinstance(sources, Sized) and not isinstance(sources, str | bytes):
        return len(sources)
    return 0


def items(sources: Source, tally: Tally | None = None) -> Iterator[Item]:
    """The items of sources, in order (see the module doc)."""
    tally = tally or Tally()
    for element in sources:
        if isinstance(element, PathEntry):
            if element.error is not None:
                yield Item(element.path, element.path, error=element.error)
            else:
                yield from _file(element.path, element.path, tally)
        else:
            label, value = element
            if isinstance(value, bytes | bytearray | memoryview):
                data = bytes(value)
                yield from _data(data, str(label), str(label), tally, depth=0,
                                 reread=lambda data=data: data)  # type: ignore[misc]
            else:
                yield from _file(os.fspath(value), str(label), tally)


def _file(path: str, label: str, tally: Tally) -> Iterator[Item]:
    """A file's item, or the items of the zip archive it is (by its name or its content)."""
    source = os.path.abspath(path)
    try:
        with open(path, "rb") as file:
            head = file.read(4)
            is_zip = head in ZIP_MAGIC or path.casefold().endswith(".zip")
            data = b"" if is_zip else _read_rest(file, head)
    except (OSError, ArchiveError) as exc:
        yield Item(label, source, error=str(exc) if isinstance(exc, ArchiveError)
                   else os_reason(exc))
        return
    if is_zip:
        counted = path.casefold().endswith(".zip")
        yield from _archive(path, label, source, tally, depth=1, counted=counted)
    else:
        yield Item(label, source, data, reread=lambda: _read(path))


def _read_rest(file: Any, head: bytes) -> bytes:
    size = os.fstat(file.fileno()).st_size
    if size > MAX_FILE_BYTES:
        raise ArchiveError(f"too large to import ({size:,} bytes)")
    rest: bytes = file.read(MAX_FILE_BYTES + 1 - len(head))
    data = head + rest
    if len(data) > MAX_FILE_BYTES:
        raise ArchiveError(f"too large to import (over {MAX_FILE_BYTES:,} bytes)")
    return data


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return _read_rest(file, b"")


def _data(
    data: bytes, label: str, source: str, tally: Tally, depth: int,
    reread: Callable[[], bytes],
) -> Iterator[Item]:
    """Given bytes: one item, or the items of the zip archive they are."""
    if data[:4] not in ZIP_MAGIC:
        yield Item(label, source, data, reread=reread)
    elif depth >= MAX_DEPTH:
        yield Item(label, source, error=f"zip archives nested deeper than {MAX_DEPTH}")
    else:
        yield from _archive(data, label, source, tally, depth=depth + 1, counted=False)


def _archive(
    where: str | bytes, label: str, source: str, tally: Tally, depth: int, counted: bool
) -> Iterator[Item]:
    """The items of a zip archive (a path, or bytes), at depth (1: a zip file); counted: the
    tally counted its members already (else it counted the archive as one item)."""
    found = 0
    try:
        archive = ZipStream(where)
    except (OSError, ArchiveError) as exc:
        yield Item(label, source, error=str(exc) if isinstance(exc, ArchiveError)
                   else os_reason(exc))
        return
    with archive:
        try:
            for entry in archive.entries():
                found += 1
                if not counted and found > 1:
                    tally.grow(1)
                name_label, name_source = member_label(label, entry.name), member_label(
                    source, entry.name)

                def reread(entry: Any = entry) -> bytes:
                    with ZipStream(where) as again:
                        return again.read(entry)

                try:
                    data = archive.read(entry)
                except ArchiveError as exc:
                    yield Item(name_label, name_source, error=str(exc))
                    continue
                yield from _data(data, name_label, name_source, tally, depth, reread)
        except ArchiveError as exc:  # the central directory is damaged: the rest is lost
            yield Item(label, source, error=f"{exc} (after {found} members)" if found
                       else str(exc))
            return
    if not found:
        yield Item(label, source, error="no files in this zip archive")


def _members(path: str) -> int:
    """How many items a file gives: its members for an archive named *.zip, else one."""
    if not path.casefold().endswith(".zip"):
        return 1
    try:
        with ZipStream(path) as archive:
            return max(1, sum(1 for _ in archive.entries()))
    except (OSError, ArchiveError):
        return 1
