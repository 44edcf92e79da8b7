"""A killed import resumes: a process killed (kill -9) after its first checkpoint leaves the
checkpoints it committed, its worker processes end too, and a rerun skips what was committed
by its hashes, without parsing it, and finishes with every study stored exactly once."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
from test_store_import_fakes import commits_on_disk, registry_zip

TESTS = Path(__file__).resolve().parent


def _run_on_disk(
    folder: Path, archive: Path, checkpoint: int, pause: float, out: Path
) -> subprocess.Popen[bytes]:
    """run_on_disk in a process of its own, writing its JSON to out."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from test_store_import_fakes import "
            "run_on_disk; run_on_disk(sys.argv[2], sys.argv[3], int(sys.argv[4]), "
            "float(sys.argv[5]))")
    with open(out, "wb") as file:
        return subprocess.Popen(
            [sys.executable, "-c", code, str(TESTS), str(folder), str(archive),
             str(checkpoint), str(pause)],
            stdout=file, stderr=subprocess.STDOUT,
            env={**os.environ, "TRIALS_IMPORT_WORKERS": "2"},
        )


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for(condition: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_a_killed_import_resumes_with_every_study_once(tmp_path: Path) -> None:
    archive = registry_zip(tmp_path / "ctg-studies.json.zip", 400)
    folder = tmp_path / "store"
    first = _run_on_disk(folder, archive, checkpoint=50, pause=0.3, out=tmp_path / "1.json")
    _wait_for(lambda: list(folder.glob("commit-*.json")) if folder.exists() else [])
    workers = _children(first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert workers, "the import had no worker processes"
    _wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=30)  # they end too
    committed = commits_on_disk(folder)
    assert 1 <= len(committed) < 8, "the import was not killed in the middle"
    done = sum(len(ids) for ids in committed)

    second = _run_on_disk(folder, archive, checkpoint=50, pause=0, out=tmp_path / "2.json")
    assert second.wait(timeout=120) == 0, (tmp_path / "2.json").read_text()
    result = orjson.loads((tmp_path / "2.json").read_bytes())
    report, stats = result["report"], result["stats"]
    # The committed checkpoints are skipped by their hashes, without parsing.
    assert report["not_parsed"] == done and stats["parsed_files"] == 400 - done
    assert report["counts"] == {"imported": 400 - done, "updated": 0, "unchanged": done,
                                "failed": 0}
    written = [trial_id for ids in commits_on_disk(folder) for trial_id in ids]
    assert sorted(written) == [f"NCT{n:08d}" for n in range(1, 401)]  # each exactly once


def _wired() -> bool:
    """Whether TrialStore.import_paths goes through store.pipeline.run_import."""
    import inspect

    from store import TrialStore

    return "run_import" in inspect.getsource(TrialStore.import_paths)


TRIALS = ("import sys; from store import checkpoint; checkpoint.CHECKPOINT = 50; "
          "from tui.cli import main; raise SystemExit(main(sys.argv[1:]))")


@pytest.mark.skipif(not _wired(), reason="TrialStore.import_paths is not run_import yet")
def test_a_killed_trials_import_resumes_with_every_study_once(tmp_path: Path) -> None:
    from store import TrialStore

    archive = registry_zip(tmp_path / "ctg-studies.json.zip", 1500)
    db = tmp_path / "db" / "trials.json"
    env = {**os.environ, "NO_COLOR": "1", "TRIALS_IMPORT_WORKERS": "2"}
    command = [sys.executable, "-c", TRIALS, "import", "--json", str(archive), "--db", str(db)]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env)

    def committed() -> int:
        return len(TrialStore(db)) if db.exists() else 0

    _wait_for(lambda: committed() > 0 or first.poll() is not None)
    first.send_signal(signal.SIGKILL)
    first.wait()
    done = committed()
    assert 0 < done < 1500, "the import was not killed in the middle"

    again = subprocess.run(command, capture_output=True, env=env, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    report = orjson.loads(again.stdout)
    assert report["not_parsed"] == done
    assert report["counts"] == {"imported": 1500 - done, "updated": 0, "unchanged": done,
                                "failed": 0}
    trial_store = TrialStore(db)
    assert trial_store.ids() == [f"NCT{n:08d}" for n in range(1, 1501)]
    assert all(len(trial_store.history(trial_id)) == 1 for trial_id in trial_store.ids()[::50])
