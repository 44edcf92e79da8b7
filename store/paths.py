"""Expand import arguments (files, folders, glob patterns) into a list of files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

NO_SUCH_FILE = "no such file or directory"
_MAGIC = re.compile(r"[*?[]")


@dataclass(frozen=True)
class PathEntry:
    """One file to import, or an argument that gave none (error says why)."""

    path: str
    error: str | None = None


def expand_paths(args: Iterable[str | os.PathLike[str]]) -> list[PathEntry]:
    """The files of every argument in order, each file once however often it is named."""
    # Folders are walked recursively, skipping hidden files and folders and not following
    # symlinked folders (a link loop cannot hang); an argument that does not exist as given is
    # a glob pattern (`**` included); an argument that yields nothing becomes an error entry.
    seen: set[object] = set()
    entries: list[PathEntry] = []
    for arg in args:
        for entry in _expand_one(os.fspath(arg)):
            if entry.error is None:
                key = _identity(entry.path)
                if key in seen:
                    continue
                seen.add(key)
            entries.append(entry)
    return entries


def _expand_one(arg: str) -> list[PathEntry]:
    if not arg.strip():
        return [PathEntry(arg, NO_SUCH_FILE)]
    path = Path(arg).expanduser()
    if path.is_dir():
        return _folder(path, arg)
    if path.exists():
        if path.is_file():
            return [PathEntry(str(path))]
        return [PathEntry(arg, "not a regular file")]
    if _MAGIC.search(arg):
        return _pattern(path, arg)
    return [PathEntry(arg, NO_SUCH_FILE)]


def _folder(folder: Path, arg: str) -> list[PathEntry]:
    entries = list(_walk(folder))
    return entries or [PathEntry(arg, "no files in this folder")]


def _walk(folder: Path) -> Iterator[PathEntry]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = os.path.join(root, name)
            if not name.startswith(".") and os.path.isfile(full):
                yield PathEntry(full)
        while errors:
            error = errors.pop(0)
            yield PathEntry(str(error.filename or root), error.strerror or str(error))


def _pattern(path: Path, arg: str) -> list[PathEntry]:
    parts = path.parts
    first = next(i for i, part in enumerate(parts) if _MAGIC.search(part))
    base = Path(*parts[:first]) if first else Path()
    pattern = "/".join(parts[first:])
    if not base.is_dir():
        return [PathEntry(arg, NO_SUCH_FILE)]
    hidden_ok = any(part.startswith(".") for part in parts[first:])
    entries: list[PathEntry] = []
    walked: list[Path] = []
    for match in sorted(base.glob(pattern)):
        if not hidden_ok and any(p.startswith(".") for p in match.relative_to(base).parts):
            continue
        if match.is_dir():
            if not any(match.is_relative_to(done) for done in walked):
                walked.append(match)
                entries.extend(_walk(match))
        elif match.is_file():
            entries.append(PathEntry(str(match)))
    return entries or [PathEntry(arg, NO_SUCH_FILE)]


def _identity(path: str) -> object:
    """The same file reached by two names (symlink, hard link, ./x and x) has one identity."""
    try:
        st = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)
