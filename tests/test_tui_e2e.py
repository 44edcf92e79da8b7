"""End to end: the installed `trials` command in a real terminal (tmux), typed at like a user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TRIALS = Path(sys.executable).parent / "trials"


def tmux(*args: str) -> str:
    result = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10)
    return result.stdout


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    """A tmux session running `trials` on an empty store (so it imports the seeds)."""
    name = f"trials-e2e-{uuid.uuid4().hex[:8]}"
    db = tmp_path / "store" / "trials.json"
    command = f"TRIALS_DB={db} TERM=xterm-256color {TRIALS}; echo EXITED $?; sleep 30"
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command)
    try:
        yield name
    finally:
        tmux("kill-session", "-t", name)


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def wait_for(name: str, ready: Callable[[str], bool], timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen(name)
        if ready(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"screen never got ready:\n{text}")


def test_type_a_search_read_the_screen_and_quit(session: str) -> None:
    assert os.access(TRIALS, os.X_OK)
    wait_for(session, lambda text: "5 of 5 trials" in text)
    tmux("send-keys", "-t", session, "-l", "amyotrophic")
    text = wait_for(session, lambda text: "1 of 5 trials" in text)
    assert "NCT01494480" in text
    assert "NCT02249676" not in text
    tmux("send-keys", "-t", session, "Enter", "e")  # typed ahead: search, then Eligibility
    text = wait_for(session, lambda text: "Healthy volunteers" in text)
    assert "20 to 65 years" in text
    assert "amyotrophice" not in text
    tmux("send-keys", "-t", session, "q")
    text = wait_for(session, lambda text: "EXITED 0" in text)
