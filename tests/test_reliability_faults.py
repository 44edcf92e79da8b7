"""Faults: whatever happens to the process or the disk, the store stays valid and keeps what
was imported before. A killed import leaves the state after one of its checkpoints (or before
all of them), never a part of one; a failed write (disk full, I/O error) leaves every file as
it was and says so; a damaged file is reported by
name with what to do, and never written over; two writers take turns (the waiting one says
so) and a reader follows them; unusable store paths get a clear message."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from filelock import FileLock
from test_reliability_input import (
    run_trials,
    stderr_lines,
    trials_command,
    trials_env,
)

from store import StoreError, TrialStore
from store import segment_disk as segment_disk_module
from store import storage as storage_module
from store.checkpoint import CHECKPOINT
from store.engine.writing import Batch
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_IDS = ["LOCAL-560cb85369", "LOCAL-826653db64", "NCT01494480", "NCT02249676", "NCT06360861"]
ADVICE = re.compile(r"; restore \S+ from a backup, or move \S+ (and \S+ )?away to start a new "
                    r"store$")

FileState = dict[str, tuple[bytes, int]]


def store_files(db: Path) -> FileState:
    """Every file of a store (the manifest, its segments, the committed files of its index):
    bytes and mtime. Files of an index commit that failed, which no commit names (tantivy
    removes them at its next commit), and tantivy's own bookkeeping are not the store's."""
    paths = [db, *sorted(db.with_name(db.name + ".d").rglob("*"))]
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in paths
            if p.is_file() and not p.name.startswith(".") and _committed(p)}


def _committed(path: Path) -> bool:
    """Whether a file is not an index file, or one that the index's meta.json names."""
    meta = path.parent / "meta.json"
    if path.name == "meta.json" or not meta.exists():
        return True
    try:
        segments = orjson.loads(meta.read_bytes())["segments"]
        named = {segment["segment_id"].replace("-", "") for segment in segments}
    except (ValueError, KeyError, TypeError):
        return True  # a damaged index: every file counts
    return path.name.split(".")[0] in named


def manifest_of(db: Path) -> dict[str, Any]:
    return next(iter(orjson.loads(db.read_bytes())["store"].values()))


def write_pages(folder: Path, first: int, count: int) -> set[str]:
    """count small pages with NCT ids from first on (each says "mesenchymal"); their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = set()
    for number in range(first, first + count):
        trial_id = f"NCT7{number:07d}"
        text = (f"ClinicalTrials.Veeva\n\nMesenchymal stem cells, trial {number}\n\n"
                f"Status and phase\n\nRecruiting\nPhase 2\n\nIdentifiers\n\n{trial_id}\n")
        (folder / f"{trial_id}.txt").write_text(text, "utf-8")
        ids.add(trial_id)
    return ids


def assert_valid(db: Path) -> set[str]:
    """Open the store from its files, read every record, text and search: its ids."""
    trial_store = TrialStore(db)
    ids = set(trial_store.ids())
    assert {record["id"] for record in trial_store} == ids
    for trial_id in sorted(ids)[:: max(1, len(ids) // 50)]:
        assert trial_store.get_source(trial_id)
    assert {hit["id"] for hit in trial_store.search("mesenchymal", limit=None)} == ids
    return ids


# --- crash safety: SIGKILL during an import -----------------------------------------------------


@pytest.fixture(scope="module")
def kill_setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[str], set[str]]:
    """A store holding a first batch (300 pages), and a second batch of 3,000 pages."""
    root = tmp_path_factory.mktemp("kill")
    old = write_pages(root / "first", 0, 300)
    new = write_pages(root / "second", 300, 3000)
    template = root / "template" / "trials.json"
    TrialStore(template).import_paths([root / "first"])
    return template, root / "second", old, new


def _moment(db: Path, next_segment: int) -> str:
    """How far an import has got: parsing, writing (a new segment file), committed (the
    manifest records a checkpoint; the index, the commit point, has it already)."""
    if manifest_of(db)["next_segment"] > next_segment:
        return "committed"
    names = os.listdir(db.with_name(db.name + ".d"))
    return "writing" if any(f"seg-{next_segment:06d}." in name for name in names) else "parsing"


ORDER = ["parsing", "writing", "committed"]


#: The progress bar's count of files parsed: "188/3000".
PARSED = re.compile(rb"(\d+)/(\d+)")


def _files_parsed(progress: bytes, total: int) -> int:
    """How many files the progress bar says are parsed so far."""
    return max((int(m[1]) for m in PARSED.finditer(progress) if int(m[2]) == total), default=0)


def _kill_at(db: Path, batch: Path, target: str) -> tuple[str, bool]:
    """Run `trials import BATCH` with its progress bar on a pseudo-terminal, and kill it (and
    its workers) once it reaches target: for "parsing", once the progress bar counts parsed
    files; for the others, once the store's folder shows it (see _moment). Returns the moment
    it had reached when killed, and whether it was killed (an import may commit and end
    between two looks; then it reached "committed").

    The import runs in short slices between which it is stopped (SIGSTOP): what is seen while
    it is stopped is where it stands when it is killed."""
    generation = manifest_of(db)["next_segment"]
    total = len(os.listdir(batch))
    environ = trials_env(workers=2)
    environ.pop("NO_COLOR")  # the progress bar is drawn on a terminal without NO_COLOR
    environ["TERM"] = "xterm-256color"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    try:
        process = subprocess.Popen(
            trials_command("import", batch, db=db), env=environ, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=slave, start_new_session=True,
        )
    finally:
        os.close(slave)
    progress = bytearray()
    reached, killed = "parsing", False
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline:
            time.sleep(0.005)
            os.killpg(process.pid, signal.SIGSTOP)
            while select.select([master], [], [], 0)[0]:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the import closed the terminal (it ended)
                    data = b""
                if not data:
                    break
                progress += data
            if process.poll() is not None:
                break
            reached = _moment(db, generation)
            if target == "parsing":
                due = _files_parsed(progress, total) > 0 or reached != "parsing"
            else:
                due = ORDER.index(reached) >= ORDER.index(target)
            if due:
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
                break
            os.killpg(process.pid, signal.SIGCONT)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # workers left stopped, or a timeout
        process.wait(timeout=60)
        os.close(master)
    if killed:
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == 0, f"the import ended with {process.returncode}"
        assert target == "committed", f"the import ended before it reached {target!r}"
        reached = _moment(db, generation)
        assert reached == "committed"
    return reached, killed


def checkpoint_state(ids: set[str], old: set[str], new: set[str]) -> str:
    """Which state a store is in: "old", "new", or "N checkpoints" of the new trials (their
    first N * CHECKPOINT in file order); anything else is a mix."""
    added = sorted(ids - old)
    if not old <= ids or not set(added) <= new:
        return f"a mix of {len(ids)} trials"
    if not added:
        return "old"
    if len(added) == len(new):
        return "new"
    whole = len(added) % CHECKPOINT == 0 and added == sorted(new)[: len(added)]
    return f"{len(added) // CHECKPOINT} checkpoints" if whole else f"{len(added)} new trials"


def test_a_killed_import_leaves_the_state_after_a_checkpoint(
    kill_setup: tuple[Path, Path, set[str], set[str]], tmp_path: Path
) -> None:
    template, batch, old, new = kill_setup
    seen = set()
    for target in ORDER:
        db = tmp_path / target / "trials.json"
        shutil.copytree(template.parent, db.parent)
        reached, _ = _kill_at(db, batch, target)
        state = checkpoint_state(assert_valid(db), old, new)
        # parsing and writing interleave: a kill keeps whole checkpoints, never part of one
        assert state in ("old", "new") or state.endswith(" checkpoints"), (target, reached, state)
        if reached == "committed":
            assert state != "old"
        seen.add(state)
    assert "old" in seen and len(seen) > 1  # the kills fell on both sides of a commit
    assert_next_import_lands_and_cleans_up(tmp_path / "writing" / "trials.json", batch, old | new)


def assert_next_import_lands_and_cleans_up(db: Path, batch: Path, ids: set[str]) -> None:
    """An import into a store whose last import was killed lands everything and removes the
    files the killed one left behind."""
    result = run_trials("import", batch, db=db, workers=2)
    assert result.returncode == 0, result.stderr
    assert assert_valid(db) == ids
    manifest = manifest_of(db)
    segments = {f"seg-{n:06d}.json" for n in range(1, manifest["next_segment"])}
    assert set(os.listdir(db.with_name(db.name + ".d"))) == segments | {manifest["index"]}
    assert TrialStore(db).index.generation == manifest["next_segment"] - 1


# --- a write that fails: disk full, I/O error -----------------------------------------------------


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A store holding the first three seeds."""
    db = tmp_path / "store" / "trials.json"
    TrialStore(db).import_paths(SEEDS[:3])
    return db


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> str:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage_module.os, "fsync", no_space)
    return "No space left on device"


def _fail_a_segment_midway(monkeypatch: pytest.MonkeyPatch) -> str:
    """The new segment file is half written when the disk fills up."""
    real = segment_disk_module._write_all

    def half_then_full(fd: int, data: bytes | bytearray) -> None:
        real(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(segment_disk_module, "_write_all", half_then_full)
    return "No space left on device"


def _fail_the_index_commit(monkeypatch: pytest.MonkeyPatch) -> str:
    """The index cannot commit (the commit point), as tantivy says it."""

    def io_error(self: Batch) -> int:
        self.rollback()
        raise ValueError("An IO error occurred: 'Input/output error (os error 5)'")

    monkeypatch.setattr(Batch, "commit", io_error)
    return "Input/output error"


FAULTS: dict[str, Callable[[pytest.MonkeyPatch], str]] = {
    "fsync: disk full": _fail_fsync,
    "a segment half written: disk full": _fail_a_segment_midway,
    "index commit: I/O error": _fail_the_index_commit,
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_write_leaves_every_file_and_says_so(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    trial_store = TrialStore(seeded)
    before, ids = store_files(seeded), trial_store.ids()
    reason = FAULTS[fault](monkeypatch)
    with pytest.raises(StoreError) as error:
        trial_store.import_paths(SEEDS)
    monkeypatch.undo()
    assert str(error.value).startswith(f"could not write {seeded}: {reason}")
    assert str(error.value).endswith("the store is unchanged")
    assert store_files(seeded) == before  # the same files, bytes and times: nothing left over
    assert trial_store.ids() == ids == TrialStore(seeded).ids()  # memory matches the files
    assert trial_store.search("amyotrophic") == []
    assert trial_store.import_paths(SEEDS).counts()["imported"] == 2  # and writes again


def test_the_command_reports_a_full_disk_in_one_line(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    before = store_files(seeded)
    _fail_fsync(monkeypatch)
    status = main(["import", *map(str, SEEDS), "--db", str(seeded)])
    monkeypatch.undo()
    captured = capsys.readouterr()
    assert status == 1
    segment = seeded.with_name(seeded.name + ".d") / "seg-000002.json"
    assert captured.err == (f"trials: could not write {seeded}: No space left on device "
                            f"({segment}); the store is unchanged\n")
    assert store_files(seeded) == before


# --- damaged store files ------------------------------------------------------------------------


def _segment_of(db: Path, trial_id: str) -> Path:
    """The segment file that holds a trial's current version."""
    location = TrialStore(db).index.locate(trial_id)
    assert location is not None
    return db.with_name(db.name + ".d") / f"seg-{location.segment:06d}.json"


def _damage_trial(db: Path, trial_id: str) -> Path:
    """Garble the document of a trial's current version; its segment file."""
    location = TrialStore(db).index.locate(trial_id)
    assert location is not None
    segment = _segment_of(db, trial_id)
    data = bytearray(segment.read_bytes())
    middle = location.offset + location.length // 2
    data[middle : middle + 32] = b"\xff" * 32
    segment.write_bytes(bytes(data))
    return segment


def _index_dir(db: Path) -> Path:
    return db.with_name(db.name + ".d") / manifest_of(db)["index"]


def _index_file(db: Path) -> Path:
    """The largest file of the index."""
    return max((p for p in _index_dir(db).iterdir() if not p.name.startswith(".")),
               key=lambda p: p.stat().st_size)


def _cut(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def _garble(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _remove(path: Path) -> Path:
    path.unlink()
    return path


def _bad_entry(db: Path) -> Path:
    data = orjson.loads(db.read_bytes())
    next(iter(data["store"].values()))["index"] = "../../../etc"
    db.write_bytes(orjson.dumps(data))
    return db


def _garble_meta(db: Path) -> Path:
    """Garble the index's own manifest (meta.json): the index directory is damaged."""
    _garble(_index_dir(db) / "meta.json")
    return _index_dir(db)


def _remove_index(db: Path) -> Path:
    shutil.rmtree(_index_dir(db))
    return _index_dir(db)


# Each damage: what it does to the store; it returns the file a message must name.
DAMAGES: dict[str, Callable[[Path], Path]] = {
    "manifest cut in half": _cut,
    "manifest emptied": _empty,
    "manifest garbled": _garble,
    "manifest names a foreign file": _bad_entry,
    "index file cut in half": lambda db: (_cut(_index_file(db)), _index_dir(db))[1],
    "index garbled": _garble_meta,
    "index file missing": lambda db: (_remove(_index_file(db)), _index_dir(db))[1],
    "index missing": _remove_index,
}
COMMANDS = {
    "list": ["list"],
    "search": ["search", "stem"],
    "show": ["show", "NCT02249676"],
    "import": ["import", str(SEEDS[3])],
}


@pytest.fixture
def damaged(request: pytest.FixtureRequest, seeded: Path) -> Iterator[tuple[Path, Path]]:
    """The seeded store with one damage (the test's parameter), and the damaged file; after
    the test, every file of the store is as the damage left it."""
    named = DAMAGES[request.param](seeded)
    before = store_files(seeded)
    yield seeded, named
    assert store_files(seeded) == before


def assert_one_line_naming(stderr: str, path: Path) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"trials: {path} ")
    assert ADVICE.search(lines[0]), lines[0]


@pytest.mark.parametrize("damaged", DAMAGES, indirect=True)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_names_the_damaged_file_and_changes_nothing(
    damaged: tuple[Path, Path], command: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    db, named = damaged
    assert main([*COMMANDS[command], "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_line_naming(captured.err, named)


@pytest.mark.parametrize(
    "damaged", ["manifest emptied", "manifest garbled", "index garbled"], indirect=True
)
def test_a_damaged_store_refuses_an_import_in_a_real_process(damaged: tuple[Path, Path]) -> None:
    db, named = damaged
    result = run_trials("import", *SEEDS, db=db)
    assert result.returncode == 1
    assert_one_line_naming(result.stderr, named)


def test_a_damaged_segment_fails_what_reads_it_and_nothing_else(
    seeded: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    segment = _damage_trial(seeded, "NCT02249676")
    before = store_files(seeded)
    changed = seeded.parent / "changed.txt"
    changed.write_text(SEEDS[1].read_text("utf-8").replace("Tianjin", "Tianjin City"), "utf-8")
    readers = [["show", "NCT02249676"], ["list", "--json"], ["search", "--json", "neuromyelitis"],
               ["import", str(changed)]]
    for args in readers:
        assert main([*args, "--db", str(seeded)]) == 1, args
        assert_one_line_naming(capsys.readouterr().err, segment)
    assert store_files(seeded) == before
    assert main(["list", "--db", str(seeded)]) == 0  # the list is read from the index
    assert main(["show", "LOCAL-826653db64", "--db", str(seeded)]) == 0  # another trial
    assert main(["import", str(SEEDS[4]), "--db", str(seeded)]) == 0  # another trial
    capsys.readouterr()
    assert segment.read_bytes() == before[str(segment)][0]  # kept, still read from
    assert _segment_of(seeded, "NCT02249676") == segment


def test_a_missing_manifest_beside_a_store_folder_is_not_a_new_store(seeded: Path) -> None:
    seeded.unlink()
    before = store_files(seeded)
    with pytest.raises(StoreError) as error:
        TrialStore(seeded)
    folder = seeded.with_name(seeded.name + ".d")
    assert str(error.value) == (
        f"{seeded} is missing, but {folder} holds the files of a store; restore "
        f"{seeded.name} from a backup, or move {folder} away to start a new store"
    )
    assert store_files(seeded) == before and not seeded.exists()


# --- concurrency ---------------------------------------------------------------------------------


def test_two_imports_at_once_both_land(tmp_path: Path) -> None:
    first = write_pages(tmp_path / "a", 0, 250)
    second = write_pages(tmp_path / "b", 250, 250)
    db = tmp_path / "db" / "trials.json"
    TrialStore(db)
    processes = [
        subprocess.Popen(trials_command("import", folder, db=db), env=trials_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder in (tmp_path / "a", tmp_path / "b")
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err
        assert out.startswith("250 imported, 0 updated")
    assert assert_valid(db) == first | second


def test_a_waiting_writer_says_it_waits_then_lands(tmp_path: Path) -> None:
    db = tmp_path / "db" / "trials.json"
    TrialStore(db)
    errors = tmp_path / "stderr.txt"
    with FileLock(f"{db}.lock"), errors.open("w") as stderr:
        process = subprocess.Popen(trials_command("import", *SEEDS, db=db), env=trials_env(),
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 60
        while "waiting" not in errors.read_text() and time.monotonic() < deadline:
            assert process.poll() is None, errors.read_text()
            time.sleep(0.02)
        assert TrialStore(db).ids() == []  # nothing written while the lock is held
    assert process.wait(timeout=60) == 0
    assert errors.read_text() == (
        f"trials: waiting for another trials process to finish writing {db}…\n"
    )
    assert TrialStore(db).ids() == SEED_IDS


def test_a_reader_keeps_working_during_an_import_and_sees_it_after_refresh(
    kill_setup: tuple[Path, Path, set[str], set[str]], tmp_path: Path
) -> None:
    template, batch, old, new = kill_setup
    db = tmp_path / "trials.json"
    shutil.copytree(template.parent, db.parent, dirs_exist_ok=True)
    reader = TrialStore(db)
    process = subprocess.Popen(trials_command("import", batch, db=db), env=trials_env(workers=2),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sample = sorted(old)[0]
    seen = set()
    while process.poll() is None:
        reader.refresh()
        state = checkpoint_state(set(reader.ids()), old, new)
        # Whole checkpoints only: the old trials, then each checkpoint's, never a part of one.
        assert state in ("old", "new") or state.endswith(" checkpoints"), state
        seen.add(state)
        assert reader.get(sample) is not None
        assert len(reader.search("mesenchymal", limit=None)) == len(reader)
        time.sleep(0.05)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    reader.refresh()
    assert set(reader.ids()) == old | new
    newest = max(new)
    record = reader.get(newest)
    assert record is not None and record["id"] == newest


# --- unusable store paths ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unprivileged() -> list[str]:
    """A command prefix that makes file permissions apply (root bypasses them otherwise)."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    if shutil.which("setpriv") is None or subprocess.run(
        [*prefix, "true"], check=False, capture_output=True
    ).returncode:
        pytest.skip("running as root without setpriv: permissions cannot be checked")
    return prefix


@pytest.fixture
def read_only(seeded: Path) -> Iterator[Path]:
    """The seeded store in a folder nobody may write to."""
    folders = [seeded.parent, seeded.with_name(seeded.name + ".d")]
    for folder in folders:
        folder.chmod(0o555)
    yield seeded
    for folder in folders:
        folder.chmod(0o755)


def test_a_read_only_store_can_be_read_not_written(
    read_only: Path, unprivileged: list[str]
) -> None:
    before = store_files(read_only)
    listed = run_trials("list", db=read_only, prefix=unprivileged)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 3
    result = run_trials("import", *SEEDS, db=read_only, prefix=unprivileged)
    assert result.returncode == 1
    line, = stderr_lines(result)
    assert line.startswith(f"trials: could not write {read_only}: Permission denied")
    assert line.endswith("; the store is unchanged")
    assert store_files(read_only) == before


def test_a_new_store_in_a_read_only_folder(tmp_path: Path, unprivileged: list[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    result = run_trials("import", *SEEDS, db=folder / "trials.json", prefix=unprivileged)
    folder.chmod(0o755)
    assert result.returncode == 1
    line, = stderr_lines(result)
    assert line.startswith(f"trials: cannot lock {folder / 'trials.json'} for writing: "
                           "Permission denied")
    assert os.listdir(folder) == []


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "trials.json"
    result = run_trials("import", *SEEDS, db=db)
    assert result.returncode == 0, result.stderr
    assert TrialStore(db).ids() == SEED_IDS


def test_a_parent_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    db = tmp_path / "notes.txt" / "sub" / "trials.json"
    result = run_trials("import", *SEEDS, db=db)
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"trials: cannot create the folder of {db}: {tmp_path / 'notes.txt'} is not a folder"
    ]
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_a_store_path_that_is_a_folder(tmp_path: Path) -> None:
    result = run_trials("import", *SEEDS, db=tmp_path)
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"trials: {tmp_path} is a folder, not a store file: name a file, such as "
        f"{tmp_path / 'trials.json'}"
    ]
