"""The browser as a user sees it: `trials --db PATH` in a pseudo-terminal.

First paint: from just before the spawn of `trials --db PATH` until the terminal output shows
the list's count line ("20,000 of 20,000 trials"). Keystroke: one letter written to the
terminal, then the time until the count line shows the query typed so far ("… matching
stem ce"): the list has been updated for that key (its first rows and a count; for a query
with many matches the exact count follows, "counting…" meanwhile, timed as "complete").
The next letter is typed once the list is complete (or after a timeout). The output is read
as it comes, by a thread, as a terminal does (a pseudo-terminal holds only a few KB: unread,
the browser's writes would wait for the measuring side), and stripped of escape sequences
before it is searched.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import queue
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path
from typing import Any

# CSI, OSC, DCS/SOS/PM/APC strings and two-character escapes
ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
COUNT = re.compile(r"([\d,]+)(\+?) of ([\d,]+) trials")


class Terminal:
    """A command in a pseudo-terminal of the given size, its output kept as plain text."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None,
                 columns: int = 120, rows: int = 40) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**(os.environ if env is None else env), "TERM": "xterm-256color",
               "COLUMNS": str(columns), "LINES": str(rows)}
        env.pop("NO_COLOR", None)
        self.began = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, close_fds=True)
        os.close(slave)
        self.master = master
        self.text = ""  # all output so far, escape sequences removed
        self._raw = b""
        self._chunks: queue.Queue[bytes] = queue.Queue()  # b"": the terminal closed
        self._closed = False
        self._fd_lock = threading.Lock()
        self._fd_open = True
        # (a character split between two reads is decoded whole)
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._reader = threading.Thread(target=self._pump, daemon=True)
        self._reader.start()

    def _pump(self) -> None:
        """Read the output as it is written (in a thread of its own), until the end; then
        what is left, and close the descriptor (so that it is never closed under a read)."""
        try:
            while True:
                ready, _, _ = select.select([self.master], [], [], 0.5)
                if not ready:
                    if self.process.poll() is None:
                        continue
                    ready, _, _ = select.select([self.master], [], [], 0)  # written at exit
                    if not ready:
                        break
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self._chunks.put(chunk)
        finally:
            self._chunks.put(b"")
            with self._fd_lock:
                self._fd_open = False
                os.close(self.master)

    def read(self, timeout: float) -> bool:
        """Take in the output read meanwhile, waiting up to timeout when there is none; False
        when the terminal closed."""
        if self._closed:
            return False
        try:
            chunks = [self._chunks.get(timeout=timeout)]
        except queue.Empty:
            return True
        with contextlib.suppress(queue.Empty):
            while True:
                chunks.append(self._chunks.get_nowait())
        for chunk in chunks:
            if not chunk:
                self._closed = True
                return False
            self._take(chunk)
        return True

    def _take(self, chunk: bytes) -> None:
        self._raw += chunk
        # keep an incomplete escape sequence at the end for the next read
        cut = self._raw.rfind(b"\x1b")
        if cut >= 0 and len(self._raw) - cut < 64 and not ESCAPES.match(self._raw, cut):
            done, self._raw = self._raw[:cut], self._raw[cut:]
        else:
            done, self._raw = self._raw, b""
        self.text += self._decoder.decode(ESCAPES.sub(b"", done))

    def wait_for(self, pattern: re.Pattern[str], since: int,
                 timeout: float) -> re.Match[str] | None:
        """The first match of pattern in the output after position since, or None."""
        deadline = time.perf_counter() + timeout
        while True:
            found = pattern.search(self.text, max(0, since - 200))
            if found and found.end() > since:
                return found
            left = deadline - time.perf_counter()
            if left <= 0 or not self.read(min(left, 0.05)):
                return pattern.search(self.text, max(0, since - 200))

    def write(self, data: bytes) -> None:
        with self._fd_lock:
            if not self._fd_open:
                raise OSError("the terminal closed")
            os.write(self.master, data)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.write(b"\x11")  # ctrl+q
        deadline = time.perf_counter() + 3
        while self.process.poll() is None and time.perf_counter() < deadline:
            self.read(0.05)
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._reader.join(5)  # (it ends with the process, and closes the descriptor)


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def first_paint(command: list[str], cwd: Path, timeout: float,
                env: dict[str, str] | None = None) -> dict[str, Any]:
    """Seconds from spawn until the count line shows the whole store (and until the first
    text is shown at all)."""
    terminal = Terminal(command, cwd, env)
    try:
        shown = terminal.wait_for(re.compile(r"\w"), 0, timeout)
        first_text = time.perf_counter() - terminal.began if shown else None
        found = terminal.wait_for(COUNT, 0, timeout)
        elapsed = time.perf_counter() - terminal.began
        if not found:
            return {"error": f"no count line within {timeout:g} s",
                    "output_tail": terminal.text[-300:]}
        return {"first_paint_s": elapsed, "first_text_s": first_text,
                "count_line": found.group(0)}
    finally:
        terminal.close()


def keystrokes(command: list[str], cwd: Path, typed: str, timeout: float,
               env: dict[str, str] | None = None) -> dict[str, Any]:
    """Type typed one letter at a time; per key the time until the list shows it."""
    terminal = Terminal(command, cwd, env)
    keys: list[dict[str, Any]] = []
    try:
        if not terminal.wait_for(COUNT, 0, timeout):
            return {"error": f"no count line within {timeout:g} s"}
        time.sleep(0.3)  # let the first search and its facets finish
        while terminal.read(0.05) and len(terminal.text) and _busy(terminal.text):
            pass
        for at in range(1, len(typed) + 1):
            query = typed[:at]
            key = typed[at - 1]
            since = len(terminal.text)
            began = time.perf_counter()
            terminal.write(key.encode())
            if not query.strip() or (key == " " and query.rstrip() == typed[: at - 1].rstrip()):
                # a space changes nothing the list shows (the same words): not timed
                terminal.read(0.2)
                continue
            shown = re.compile(r"([\d,]+)(\+?) of [\d,]+ trials\s+matching\s+"
                               + re.escape(query.strip()) + r"(?![\w])(.{0,80})")
            found = terminal.wait_for(shown, since, timeout)
            updated = time.perf_counter() - began
            if not found:
                keys.append({"query": query, "error": "not shown"})
                continue
            entry = {"query": query, "updated_s": updated,
                     "matches": found.group(1) + found.group(2)}
            if found.group(2) == "+" or "counting" in found.group(3):
                done = re.compile(r"([\d,]+) of [\d,]+ trials\s+matching\s+"
                                  + re.escape(query.strip()) + r"(?![\w+])(?!.{0,40}counting)")
                complete = terminal.wait_for(done, found.end(), timeout)
                if complete:
                    entry["complete_s"] = time.perf_counter() - began
                    entry["matches"] = complete.group(1)
            else:
                entry["complete_s"] = updated
            keys.append(entry)
            time.sleep(0.1)
            terminal.read(0.01)
    finally:
        terminal.close()
    return {"typed": typed, "keys": keys}


def _busy(text: str) -> bool:
    return text.rstrip().endswith("counting…")
