"""Errors of the search index as the store reports them: a damaged index names its directory
with what to do; an I/O error of tantivy says why in words."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .engine import UnusableIndexError
from .errors import DamagedStoreError
from .storage import describe_os_error

#: How tantivy words an I/O error: "An IO error occurred: 'No space left on device (os error
#: 28)'".
_OS_ERROR = re.compile(r"\(os error (\d+)\)")


def is_panic(error: BaseException) -> bool:
    """Whether error is a panic of the index engine (pyo3's PanicException, which derives
    from BaseException): what tantivy raises on some damaged files."""
    return type(error).__name__ == "PanicException"


def damaged_index(
    error: BaseException, index: Path | None, store: Path | None
) -> DamagedStoreError:
    """The DamagedStoreError of an index that cannot be used."""
    where = "the search index (in memory)" if index is None else str(index)
    reason = getattr(error, "reason", None) or str(error) or type(error).__name__
    reason = " ".join(str(reason).split())
    if is_panic(error):
        reason = f"the search engine failed reading it: {reason}"
    return DamagedStoreError(where, f"is damaged ({reason})", store)


@contextmanager
def guarded(index: Path | None, store: Path | None) -> Iterator[None]:
    """Report an index that turns out to be unusable (or makes tantivy panic) while it is
    read as a DamagedStoreError naming it; other errors (QueryError…) pass unchanged."""
    try:
        yield
    except UnusableIndexError as exc:
        raise damaged_index(exc, index, store) from exc
    except BaseException as exc:
        if is_panic(exc):
            raise damaged_index(exc, index, store) from exc
        raise


def is_io_error(error: BaseException) -> bool:
    """Whether error is an I/O error, of Python or of tantivy."""
    if isinstance(error, OSError):
        return True
    message = str(error)
    return isinstance(error, ValueError) and (
        message.startswith("An IO error occurred") or _OS_ERROR.search(message) is not None
    )


def reason(error: BaseException, index: Path | None = None) -> str:
    """Why a write failed, in a few words (with the file or the index it concerns)."""
    if isinstance(error, OSError):
        return describe_os_error(error) or type(error).__name__
    match = _OS_ERROR.search(str(error))
    if match is not None:
        number = int(match[1])
        words = os.strerror(number) if number in errno.errorcode else str(error)
        return words if index is None else f"{words} ({index})"
    return str(error) or type(error).__name__
