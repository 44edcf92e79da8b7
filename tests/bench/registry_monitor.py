"""Memory and writes of a command and every process it starts (Linux /proc), and what a
command changed in a folder. Used by the registry benchmark (registry_bench.py).

A ProcessTree samples, every ~50 ms, the resident set (RSS, /proc/PID/status VmRSS, and its
anonymous part, RssAnon) and the proportional set (PSS, /proc/PID/smaps_rollup: pages shared
by forked workers counted once in all) of a process and all its descendants (found by walking
the ppid of /proc/*/stat), and keeps the largest sum seen and each process's own largest
value. Each process's bytes written (/proc/PID/io write_bytes: bytes it caused to be written
to storage, page cache included) are kept at their last sampled value; the exact total of
the whole tree comes from the parent's getrusage(RUSAGE_CHILDREN) blocks written, which the
kernel sums over reaped descendants.
"""

from __future__ import annotations

import contextlib
import os
import resource
import threading
from pathlib import Path
from typing import Any

PAGE = os.sysconf("SC_PAGE_SIZE")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def _parents() -> dict[int, int]:
    """ppid of every process visible in /proc."""
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        stat = _read(f"/proc/{name}/stat")
        if not stat:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        fields = stat[stat.rfind(")") + 2:].split()
        with contextlib.suppress(IndexError, ValueError):
            out[int(name)] = int(fields[1])
    return out


def descendants(root: int) -> list[int]:
    """root and every process below it."""
    children: dict[int, list[int]] = {}
    for pid, ppid in _parents().items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _kib_field(text: str | None, key: str) -> int | None:
    if not text:
        return None
    for line in text.splitlines():
        if line.startswith(key):
            return int(line.split()[1]) * 1024
    return None


def memory_of(pid: int) -> tuple[int | None, int | None]:
    """(RSS, PSS) in bytes; None when the process is gone or PSS cannot be read."""
    rss = _kib_field(_read(f"/proc/{pid}/status"), "VmRSS:")
    pss = _kib_field(_read(f"/proc/{pid}/smaps_rollup"), "Pss:")
    return rss, pss


def anonymous_of(pid: int) -> int:
    """The process's resident anonymous memory (RssAnon: its heaps, not the pages of files it
    maps, which the kernel can drop and read again), in bytes; 0 when it is gone."""
    return _kib_field(_read(f"/proc/{pid}/status"), "RssAnon:") or 0


def write_bytes_of(pid: int) -> int | None:
    text = _read(f"/proc/{pid}/io")
    if not text:
        return None
    for line in text.splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return None


def _name_of(pid: int) -> str:
    cmdline = _read(f"/proc/{pid}/cmdline") or ""
    words = [word for word in cmdline.split("\0") if word]
    return " ".join(Path(words[0]).name if i == 0 else w for i, w in enumerate(words[:3])) or "?"


class ProcessTree:
    """Samples the memory of a process tree in a thread until stop()."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root = root
        self.interval = interval
        self.samples = 0
        self.peak_rss = 0  # largest sum over the tree
        self.peak_pss = 0
        self.peak_processes = 0
        self.peak_anon = 0  # largest sum over the tree of the anonymous part of RSS
        self.per_process: dict[int, dict[str, Any]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-sampler", daemon=True)
        self._rusage = resource.getrusage(resource.RUSAGE_CHILDREN)

    def start(self) -> ProcessTree:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        rss_sum = pss_sum = anon_sum = alive = 0
        for pid in descendants(self.root):
            rss, pss = memory_of(pid)
            if rss is None:
                continue  # gone, or a zombie (no memory)
            alive += 1
            anon_sum += anonymous_of(pid)
            rss_sum += rss
            pss_sum += pss if pss is not None else rss
            entry = self.per_process.get(pid)
            if entry is None:
                entry = self.per_process[pid] = {"name": _name_of(pid), "peak_rss": 0,
                                                 "peak_pss": 0, "write_bytes": 0}
            entry["peak_rss"] = max(entry["peak_rss"], rss)
            entry["peak_pss"] = max(entry["peak_pss"], pss or 0)
            written = write_bytes_of(pid)
            if written is not None:
                entry["write_bytes"] = max(entry["write_bytes"], written)
        self.samples += 1
        self.peak_rss = max(self.peak_rss, rss_sum)
        self.peak_pss = max(self.peak_pss, pss_sum)
        self.peak_processes = max(self.peak_processes, alive)
        self.peak_anon = max(self.peak_anon, anon_sum)

    def stop(self) -> dict[str, Any]:
        """Stop sampling (after the process was waited for); the figures."""
        self._stop.set()
        self._thread.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        blocks = after.ru_oublock - self._rusage.ru_oublock
        processes = sorted(self.per_process.values(), key=lambda e: -e["peak_rss"])
        return {
            "samples": self.samples,
            "interval_s": self.interval,
            "tree_peak_rss_bytes": self.peak_rss,
            "tree_peak_pss_bytes": self.peak_pss,
            "tree_peak_anon_bytes": self.peak_anon,
            "peak_processes": self.peak_processes,
            "process_peak_rss_bytes": max((e["peak_rss"] for e in processes), default=0),
            "process_peak_pss_bytes": max((e["peak_pss"] for e in processes), default=0),
            "processes": processes[:12],
            "processes_seen": len(processes),
            # exact: blocks of 512 bytes written by the reaped tree (kernel io accounting)
            "write_bytes": blocks * 512,
            "write_bytes_sampled": sum(e["write_bytes"] for e in processes),
            "cpu_s": (after.ru_utime - self._rusage.ru_utime)
            + (after.ru_stime - self._rusage.ru_stime),
        }


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under folder: (inode, size, mtime_ns) by relative path."""
    out = {}
    for path in folder.rglob("*"):
        try:
            st = path.lstat()
        except OSError:
            continue
        if path.is_file():
            out[str(path.relative_to(folder))] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


def changes(before: dict[str, tuple[int, int, int]],
            after: dict[str, tuple[int, int, int]]) -> dict[str, Any]:
    """Files new, changed (other inode, size or mtime) and removed between two snapshots."""
    new = [name for name in after if name not in before]
    changed = [name for name in after if name in before and after[name] != before[name]]
    removed = [name for name in before if name not in after]
    return {
        "files_before": len(before), "files_after": len(after),
        "new": len(new), "changed": len(changed), "removed": len(removed),
        "bytes_of_new_and_changed": sum(after[n][1] for n in new + changed),
        "size_before": sum(v[1] for v in before.values()),
        "size_after": sum(v[1] for v in after.values()),
        "examples": sorted(new + changed)[:10],
    }


def folder_bytes(folder: Path) -> int:
    """Bytes on disk (allocated blocks) of every file under folder."""
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            st = path.lstat()
            if path.is_file():
                total += st.st_blocks * 512
    return total
