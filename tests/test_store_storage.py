"""AtomicJSONStorage, the TinyDB storage of the manifest: atomic writes, corrupt files."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import TinyDB

from store import StoreError
from store.storage import AtomicJSONStorage


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_missing_and_empty_file_read_as_none(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "a" / "b" / "db.json")
    assert storage.path.parent.is_dir()  # parent folders are created
    assert storage.read() is None
    storage.path.write_bytes(b"")
    assert storage.read() is None


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    data = {"trials": {"NCT1": {"title": "Stem cells – ß", "n": [1, 2.5, None, True]}}}
    storage.write(data)
    assert storage.read() == data
    assert json.loads(storage.path.read_text("utf-8")) == data
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("content", "why"),
    [(b"{not json", "broken JSON"), (b"[1, 2]", "object of tables"), (b'{"t": 3}', "tables")],
)
def test_corrupt_file_raises_store_error_naming_the_file(
    tmp_path: Path, content: bytes, why: str
) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        storage.read()
    assert str(storage.path) in str(info.value)
    assert why in str(info.value)


def test_failed_replace_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"v": "old"}}})
    before = storage.path.read_bytes()

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError, match="No space"):
        storage.write({"t": {"1": {"v": "new"}}})
    assert storage.path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_failed_temp_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"v": "old"}}})
    before = storage.path.read_bytes()

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError):
        storage.write({"t": {"1": {"v": "new" * 1000}}})
    assert storage.path.read_bytes() == before
    assert leftovers(tmp_path) == []


# A process that writes the file and dies (SIGKILL, as on a power cut) after its temporary
# file is written and fsynced, before os.replace moves it into place: nothing after the kill
# runs, so no cleanup removes the temporary file.
CRASHING_WRITER = """
import os, signal, sys
from store.storage import AtomicJSONStorage

def crash(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

storage = AtomicJSONStorage(sys.argv[1])
os.replace = crash
storage.write({"t": {"1": {"v": "new"}, "2": {"v": "added"}}})
"""


def test_a_write_killed_before_the_rename_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"t": {"1": {"v": "old"}}})
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", CRASHING_WRITER, str(path)],
                            capture_output=True, timeout=60, check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    # The crash came after the new content was whole in its temporary file ...
    [temporary] = leftovers(tmp_path)
    assert json.loads((tmp_path / temporary).read_bytes()) == {
        "t": {"1": {"v": "new"}, "2": {"v": "added"}}
    }
    # ... yet the file is the old one, and that is what a reader and a TinyDB table see.
    assert path.read_bytes() == before
    storage = AtomicJSONStorage(path)
    assert storage.read() == {"t": {"1": {"v": "old"}}}
    table = TinyDB(storage=lambda: AtomicJSONStorage(path)).table("t")
    assert [(doc.doc_id, dict(doc)) for doc in table] == [(1, {"v": "old"})]
    # The next write lands beside the leftover, which is never read as data.
    storage.write({"t": {"1": {"v": "newer"}}})
    assert AtomicJSONStorage(path).read() == {"t": {"1": {"v": "newer"}}}


def test_write_keeps_the_file_mode(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({})
    storage.path.chmod(0o640)
    storage.write({"t": {}})
    assert storage.path.stat().st_mode & 0o777 == 0o640
