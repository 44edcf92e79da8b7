"""Measurements that run in a fresh process each: import, open + lookups + queries, first paint.

    python -m tests.bench.probes ROLE ARGS_JSON

prints one line "BENCH-RESULT {json}" on stdout. Only the public API is used: TrialStore(path),
import_paths, get, search, len; and TrialsApp(db_path) for the browser. Heavy modules are
imported inside the probes, so each probe's timings and peak memory are its own.
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MARKER = "BENCH-RESULT "


def peak_rss_bytes() -> int:
    """Peak resident set size of this process so far (ru_maxrss is in KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss_bytes() -> int | None:
    """Resident set size now (Linux /proc), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def summarize(samples: list[float]) -> dict[str, Any]:
    """Median, p95 (nearest rank), min and max of timings in seconds."""
    if not samples:
        return {"runs": 0}
    ordered = sorted(samples)
    rank = max(0, -(-len(ordered) * 95 // 100) - 1)
    return {
        "runs": len(ordered),
        "median_s": statistics.median(ordered),
        "p95_s": ordered[rank],
        "min_s": ordered[0],
        "max_s": ordered[-1],
    }


# --- import --------------------------------------------------------------------------------


def _count_replacements(store_dir: Path, store_file: Path) -> dict[str, int]:
    """Count the files moved into store_dir (atomic writes end in os.replace or os.rename),
    and among them the replacements of the store file itself (its commits)."""
    counts = {"replace": 0, "rename": 0, "commits": 0}
    root = os.path.abspath(store_dir)
    manifest = os.path.abspath(store_file)

    def wrap(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
            result = original(src, dst, *args, **kwargs)
            target = os.path.abspath(os.fsdecode(dst)) if not isinstance(dst, int) else ""
            if target.startswith(root + os.sep):
                counts[name] += 1
                counts["commits"] += target == manifest
            return result

        return counted

    os.replace = wrap("replace", os.replace)  # type: ignore[assignment]
    os.rename = wrap("rename", os.rename)  # type: ignore[assignment]
    return counts


def _files(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under folder: (inode, size, mtime) by relative path."""
    out = {}
    for path in folder.rglob("*"):
        try:
            st = path.stat()
        except OSError:
            continue
        if path.is_file():
            out[str(path.relative_to(folder))] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


def probe_import(args: dict[str, Any]) -> dict[str, Any]:
    """Import the pages folder into a new store through TrialStore.import_paths."""
    store_path = Path(args["store"])
    writes = _count_replacements(store_path.parent, store_path)
    started = time.perf_counter()
    from store import TrialStore

    module_s = time.perf_counter() - started
    began = time.perf_counter()
    store = TrialStore(store_path)
    create_s = time.perf_counter() - began
    create_writes = writes["replace"] + writes["rename"]
    writes.update(replace=0, rename=0, commits=0)
    before = _files(store_path.parent)
    began = time.perf_counter()
    report = store.import_paths([args["pages"]])
    import_s = time.perf_counter() - began
    after = _files(store_path.parent)
    written = sum(1 for name, state in after.items() if before.get(name) != state)
    counts = report.counts()
    failed = [f"{o.path}: {o.reason}" for o in report.outcomes if o.status == "failed"]
    ids = [o.trial_id for o in report.outcomes if o.trial_id]
    Path(args["ids_out"]).write_text("\n".join(ids) + "\n", encoding="utf-8")
    size = len(store)
    close = getattr(store, "close", None)
    if callable(close):
        close()
    import store as store_package

    return {
        "files": len(report),
        "counts": counts,
        "failed_examples": failed[:5],
        "trials": size,
        "module_import_s": module_s,
        "create_s": create_s,
        "import_s": import_s,
        "files_per_s": len(report) / import_s if import_s else None,
        # Commits: replacements of the store file (the manifest of a sharded store; the
        # whole store for a single-file one). Files written: new or changed files in the
        # store's folder (a sharded store writes its touched shards and index, then commits).
        "store_file_writes": writes["commits"],
        "store_files_replaced": writes["replace"] + writes["rename"],
        "store_files_written": written,
        "create_file_writes": create_writes,
        "peak_rss_bytes": peak_rss_bytes(),
        "store_module": str(Path(store_package.__file__).parent),
    }


# --- open, lookups, queries ------------------------------------------------------------------


def probe_open(args: dict[str, Any]) -> dict[str, Any]:
    """Open the imported store, then time the first lookup, lookups and the query mix."""
    spec = json.loads(Path(args["spec"]).read_text(encoding="utf-8"))
    began = time.perf_counter()
    from store import TrialStore

    module_s = time.perf_counter() - began
    began = time.perf_counter()
    store = TrialStore(Path(args["store"]))
    open_s = time.perf_counter() - began
    rss_open = current_rss_bytes()
    out: dict[str, Any] = {"module_import_s": module_s, "open_s": open_s,
                           "rss_after_open_bytes": rss_open}
    began = time.perf_counter()
    out["trials"] = len(store)
    out["len_s"] = time.perf_counter() - began

    first_id = spec["first_id"]
    began = time.perf_counter()
    record = store.get(first_id)
    out["first_lookup_s"] = time.perf_counter() - began
    out["first_lookup_found"] = record is not None

    first_query = spec["first_query"]
    began = time.perf_counter()
    try:
        hits = store.search(first_query, limit=50)
        out["first_query"] = {"query": first_query, "s": time.perf_counter() - began,
                              "hits": len(hits)}
    except Exception as exc:
        out["first_query"] = {"query": first_query, "error": _describe(exc)}

    times: list[float] = []
    missing = 0
    for trial_id in spec["lookup_ids"]:
        began = time.perf_counter()
        record = store.get(trial_id)
        times.append(time.perf_counter() - began)
        missing += record is None
    out["lookup"] = {**summarize(times), "missing": missing}

    queries = []
    for name, query, kind in spec["queries"]:
        queries.append({"name": name, "query": query, "kind": kind,
                        **_time_query(store, query, spec["runs"], spec["budget_s"])})
    out["queries"] = queries
    # The browser lists every hit (search(query, limit=None)); time that for a few words.
    out["unlimited_queries"] = [
        {"query": query, **_time_query(store, query, spec["unlimited_runs"], spec["budget_s"],
                                       limit=None)}
        for query in spec["unlimited"]
    ]
    out["rss_end_bytes"] = current_rss_bytes()
    out["peak_rss_bytes"] = peak_rss_bytes()
    return out


def _time_query(
    store: Any, query: str, runs: int, budget_s: float, limit: int | None = 50
) -> dict[str, Any]:
    """search(query, limit) once to warm up, then up to runs times within budget_s."""
    began = time.perf_counter()
    try:
        hits = store.search(query, limit=limit)
    except Exception as exc:  # the store does not understand this query (yet)
        return {"unsupported": _describe(exc)}
    first = time.perf_counter() - began
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < runs and (len(samples) < 3 or time.perf_counter() < deadline):
        began = time.perf_counter()
        store.search(query, limit=limit)
        samples.append(time.perf_counter() - began)
    return {"hits": len(hits), "first_s": first, **summarize(samples)}


def _describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 200 else text[:199] + "…"


# --- first paint ---------------------------------------------------------------------------


def probe_paint(args: dict[str, Any]) -> dict[str, Any]:
    """Run the browser headless; times are from the parent's spawn of this process."""
    t0 = float(args["t0"])
    marks: dict[str, Any] = {"python_started_s": time.time() - t0}
    from tui.app import TrialsApp

    marks["modules_imported_s"] = time.time() - t0

    base_css = TrialsApp.CSS_PATH
    app_dir = Path(inspect.getfile(TrialsApp)).parent

    class TimedApp(TrialsApp):
        """The app, noting when the first frame is shown and when the list is filled."""

        # Textual resolves a relative CSS_PATH against the subclass's module: keep the app's.
        CSS_PATH = [  # noqa: RUF012
            path if Path(path).is_absolute() else app_dir / path
            for path in (base_css if isinstance(base_css, list) else [base_css] if base_css else [])
        ]

        def on_mount(self) -> None:
            super().on_mount()
            self.set_interval(0.005, self._poll)
            self.set_timer(float(args["timeout_s"]), self._give_up)

        def on_ready(self) -> None:  # textual.events.Ready: the first frame was displayed
            marks.setdefault("first_paint_s", time.time() - t0)

        def _poll(self) -> None:
            now = time.time() - t0
            if self.store is not None:
                marks.setdefault("store_ready_s", now)
            results = getattr(self.screen, "results", None)
            rows = getattr(results, "ids", None)
            if rows:
                marks.setdefault("list_filled_s", now)
                marks["rows"] = len(rows)
                self.exit(0)

        def _give_up(self) -> None:
            marks["timeout"] = True
            self.exit(1)

    app = TimedApp(Path(args["store"]))
    app.run(headless=True, size=(120, 40))
    marks["return_code"] = app.return_code
    marks["error"] = getattr(app, "error", None)
    if "first_paint_s" not in marks:
        raise SystemExit(f"the app stopped before its first paint (status {app.return_code})")
    marks["peak_rss_bytes"] = peak_rss_bytes()
    return marks


PROBES = {"import": probe_import, "open": probe_open, "paint": probe_paint}


def main(argv: list[str]) -> int:
    role, raw = argv
    result = PROBES[role](json.loads(raw))
    sys.stdout.write(MARKER + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
