"""Expand import arguments (files, folders, glob patterns) into files, lazily.

iter_paths yields one PathEntry at a time as it walks, so an import of a folder of 600,000
files never holds their list; each file is yielded once however often it is named (the
identities seen are kept in a SeenSet, 8 bytes a file).
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .pipeline_seen import SeenSet, key64

NO_SUCH_FILE = "no such file or directory"
_MAGIC = re.compile(r"[*?[]")

#: A file found, with the key of its identity (None: an error entry).
_Found = tuple["PathEntry", int | None]


@dataclass(frozen=True)
class PathEntry:
    """One file to import, or an argument that gave none (error says why)."""

    path: str
    error: str | None = None


def iter_paths(
    args: Iterable[str | os.PathLike[str]], *, skip: Callable[[str], bool] | None = None
) -> Iterator[PathEntry]:
    """The files of every argument in order, each file once however often it is named;
    skip(path) leaves a file out (the store's own files)."""
    # Folders are walked recursively, skipping hidden files and folders and not following
    # symlinked folders (a link loop cannot hang); an entry of a folder that is not a regular
    # file (a looping or broken link, a pipe) is an error entry, never opened; an argument
    # that does not exist as given is a glob pattern (`**` included); an argument that
    # yields nothing becomes an error entry.
    seen = SeenSet()
    for arg in args:
        for entry, identity in _expand_one(os.fspath(arg)):
            if identity is not None:
                if skip is not None and skip(entry.path):
                    continue
                if not seen.add(identity):
                    continue
            yield entry


def expand_paths(args: Iterable[str | os.PathLike[str]]) -> list[PathEntry]:
    """iter_paths as a list (for small imports and tests)."""
    return list(iter_paths(args))


def _expand_one(arg: str) -> Iterator[_Found]:
    """The entries of one argument; one error entry when it names nothing that can be read
    (a name too long, a link that loops, a NUL in it: never an exception)."""
    if not arg.strip():
        yield PathEntry(arg, NO_SUCH_FILE), None
        return
    try:
        path = Path(arg).expanduser()
        info: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except (OSError, RuntimeError, ValueError) as error:  # RuntimeError: ~user unknown
        yield PathEntry(arg, _unusable(error)), None
        return
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            yield from _or_else(_walk(str(path)), PathEntry(arg, "no files in this folder"))
        elif stat.S_ISREG(info.st_mode):
            yield PathEntry(str(path)), _identity(info)
        else:
            yield PathEntry(arg, "not a regular file"), None
        return
    if _MAGIC.search(arg):
        try:
            yield from _or_else(_pattern(path), PathEntry(arg, NO_SUCH_FILE))
        except OSError as error:
            yield PathEntry(arg, _unusable(error)), None
        return
    yield PathEntry(arg, NO_SUCH_FILE), None


def _or_else(found: Iterator[_Found], empty: PathEntry) -> Iterator[_Found]:
    """found, or the error entry `empty` when it yields nothing."""
    nothing = True
    for item in found:
        nothing = False
        yield item
    if nothing:
        yield empty, None


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


def _walk(folder: str) -> Iterator[_Found]:
    """A folder's files, top-down: a folder's own files (sorted), then its sub-folders."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield _file(os.path.join(root, name))
        while errors:
            error = errors.pop(0)
            yield PathEntry(str(error.filename or root), error.strerror or str(error)), None


def _file(path: str) -> _Found:
    """A folder entry: a regular file with its identity, or an error entry saying why not
    (a link that loops or leads nowhere, a pipe, a device: said, not read)."""
    try:
        info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return PathEntry(path, "a symbolic link that loops"), None
        if error.errno == errno.ENOENT and os.path.islink(path):
            reason = "a broken symbolic link (what it points to does not exist)"
            return PathEntry(path, reason), None
        return PathEntry(path, error.strerror or str(error)), None
    if stat.S_ISREG(info.st_mode):
        return PathEntry(path), _identity(info)
    return PathEntry(path, "not a regular file"), None


def _pattern(path: Path) -> Iterator[_Found]:
    """The files matching a glob pattern (pathlib's syntax, `**` for any folders), walked
    lazily in sorted order; a matching folder gives all its files."""
    parts = path.parts
    first = next(i for i, part in enumerate(parts) if _MAGIC.search(part))
    base = Path(*parts[:first]) if first else Path()
    if not base.is_dir():
        return
    pattern = parts[first:]
    hidden_ok = any(part.startswith(".") for part in pattern)
    start = _closure(pattern, {0})
    if len(pattern) in start:  # "**" matches the base folder itself
        yield from _walk(str(base))
        return
    yield from _glob(str(base), "" if not first else None, pattern, start, hidden_ok)


def _glob(
    folder: str, shown: str | None, pattern: tuple[str, ...], state: set[int], hidden_ok: bool
) -> Iterator[_Found]:
    """Depth-first over folder's entries in name order (the order of sorted paths); state is
    the set of pattern parts matched so far (an NFA over the parts)."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return  # an unreadable folder matches nothing (as pathlib's glob)
    done = len(pattern)
    for entry in entries:
        name = entry.name
        if name.startswith(".") and not hidden_ok:
            continue
        path = entry.name if shown == "" else os.path.join(folder, name)
        try:
            is_dir = entry.is_dir()
            is_link = entry.is_symlink()
        except OSError:
            is_dir = is_link = False
        following = _step(pattern, state, name, deep=is_dir and not is_link)
        if done in following:
            if is_dir:
                yield from _walk(path)
            else:
                yield _file(path)
        elif is_dir and any(i < done for i in following):
            yield from _glob(path, None, pattern, following, hidden_ok)


def _step(pattern: tuple[str, ...], state: set[int], name: str, *, deep: bool) -> set[int]:
    """The parts matched after one more path component, name: a plain part matches it with
    fnmatch; `**` matches any number of folders (deep: name is a folder `**` may enter, not
    a symlinked one, so a link loop cannot be followed for ever)."""
    following: set[int] = set()
    for i in state:
        if i == len(pattern):
            continue
        part = pattern[i]
        if part == "**":
            if deep:
                following.add(i)
        elif fnmatch.fnmatchcase(name, part):
            following.add(i + 1)
    return _closure(pattern, following)


def _closure(pattern: tuple[str, ...], state: set[int]) -> set[int]:
    """state with every `**` also matching no folder at all."""
    todo = list(state)
    result = set(state)
    while todo:
        i = todo.pop()
        if i < len(pattern) and pattern[i] == "**" and i + 1 not in result:
            result.add(i + 1)
            todo.append(i + 1)
    return result


def _identity(info: os.stat_result) -> int:
    """The same file reached by two names (symlink, hard link, ./x and x) has one key."""
    return key64(f"{info.st_dev}:{info.st_ino}")


def own_files(manifest: str | os.PathLike[str] | None) -> Callable[[str], bool]:
    """skip for iter_paths: whether a path is one of the store's own files (its manifest,
    lock file, or anything in its .d folder), for a store whose manifest is at manifest."""
    if manifest is None:
        return lambda path: False
    top = os.path.abspath(manifest)
    own = (top, top + ".lock")
    inside = top + ".d" + os.sep

    def skip(path: str) -> bool:
        full = os.path.abspath(path)
        return full in own or full.startswith(inside)

    return skip
