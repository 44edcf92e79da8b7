"""Expand import arguments (files, folders, glob patterns) into a list of files."""

from __future__ import annotations

import errno
import os
import re
import stat
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
    # symlinked folders (a link loop cannot hang); an entry of a folder that is not a regular
    # file (a looping or broken link, a pipe) is an error entry, never opened; an argument
    # that does not exist as given is a glob pattern (`**` included); an argument that
    # yields nothing becomes an error entry.
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
    """The entries of one argument; one error entry when it names nothing that can be read
    (a name too long, a link that loops, a NUL in it: never an exception)."""
    if not arg.strip():
        return [PathEntry(arg, NO_SUCH_FILE)]
    try:
        path = Path(arg).expanduser()
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except (OSError, RuntimeError, ValueError) as error:  # RuntimeError: ~user unknown
        return [PathEntry(arg, _unusable(error))]
    if mode is not None:
        if stat.S_ISDIR(mode):
            return _folder(path, arg)
        if stat.S_ISREG(mode):
            return [PathEntry(str(path))]
        return [PathEntry(arg, "not a regular file")]
    if _MAGIC.search(arg):
        try:
            return _pattern(path, arg)
        except OSError as error:
            return [PathEntry(arg, _unusable(error))]
    return [PathEntry(arg, NO_SUCH_FILE)]


def _unusable(error: Exception) -> str:
    """Why a path cannot be read, in a few lower-case words."""
    if isinstance(error, OSError):
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops"
        reason = error.strerror or str(error)
        return reason[:1].lower() + reason[1:]
    if isinstance(error, ValueError):
        return "not a usable file name (it holds a NUL character)"
    return "cannot expand ~: no such user, or no home folder"  # Path.expanduser's RuntimeError


def _folder(folder: Path, arg: str) -> list[PathEntry]:
    entries = list(_walk(folder))
    return entries or [PathEntry(arg, "no files in this folder")]


def _walk(folder: Path) -> Iterator[PathEntry]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = os.path.join(root, name)
            if name.startswith("."):
                continue
            if os.path.isfile(full):
                yield PathEntry(full)
            else:  # a link that loops or leads nowhere, a pipe, a device: said, not read
                yield PathEntry(full, _not_a_file(full))
        while errors:
            error = errors.pop(0)
            yield PathEntry(str(error.filename or root), error.strerror or str(error))


def _not_a_file(path: str) -> str:
    """Why an entry of a folder that is neither a file nor a folder is not imported."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops"
        if os.path.islink(path) and error.errno == errno.ENOENT:
            return "a broken symbolic link (what it points to does not exist)"
        return error.strerror or str(error)
    return "not a regular file"


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
