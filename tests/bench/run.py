"""Benchmark of the trial store and browser on a synthetic corpus (see docs/benchmarks.md).

    python -m tests.bench.run                      # N = 10,000 and 100,000
    python -m tests.bench.run --sizes 10000        # chosen sizes
    python -m tests.bench.run --quick              # N = 2,000 only
    python -m tests.bench.run --import-size 20000  # also time the 20,000-file import target

For each N: generate the corpus (or reuse it) under tests/bench/out/, import it into a new
store, then measure in fresh processes: store open, first lookup and first query after open,
lookups, the query mix, peak memory, `grep -ril WORD` over the same files, and the browser's
first paint. Prints a table and merges the figures into tests/bench/out/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from . import corpus
from .probes import MARKER

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = Path(__file__).resolve().parent / "out"
GIB = 1024**3

# A word of the rare tail (5 pages in 10,000, 14 in 100,000) that page 0 of the seed-0 corpus
# holds, so that it has hits at every N; with another seed it may have none.
RARE_WORD = "traexystax"
# (name, query, kind). "keyword" queries are the ones the latency target is about.
QUERIES: list[tuple[str, str, str]] = [
    ("common word", "patients", "keyword"),
    ("common word", "treatment", "keyword"),
    ("mid word", "mesenchymal", "keyword"),
    ("uncommon word", "gastrostomy", "keyword"),
    ("rare word", RARE_WORD, "keyword"),
    ("two words (AND)", "stem cell", "keyword"),
    ("two words (AND)", "optic neuritis", "keyword"),
    ("prefix", "transpl*", "syntax"),
    ("phrase", '"multiple sclerosis"', "syntax"),
    ("OR", "neuromyelitis OR devic", "syntax"),
    ("negation", "stem -placebo", "syntax"),
    ("field", "condition:sclerosis", "field"),
    ("field", "sponsor:tianjin", "field"),
    ("field", "phase:2", "field"),
    ("field", "status:recruiting", "field"),
    ("field", "enrollment:>20", "field"),
    ("field", "year:>=2015", "field"),
    ("fields combined", "condition:als phase:2", "field"),
]
GREP_WORDS = ["patients", "mesenchymal", RARE_WORD]
# Searched with limit=None, as the browser's results list does (every hit, best first).
UNLIMITED_QUERIES = ["patients", "mesenchymal", RARE_WORD]
FIRST_QUERY = "mesenchymal"

TARGETS = {
    "import_20k_s": 30.0,
    "store_writes_per_import": 1,
    "keyword_median_s": 0.005,
    "keyword_p95_s": 0.020,
    "grep_ratio": 30.0,
    "lookup_memory_s": 0.001,
    "lookup_disk_s": 0.030,
    "first_paint_s": 1.5,
    "searchable_s": 3.0,
    "rss_bytes": GIB,
}


class StepFailed(Exception):
    """A measurement that did not finish (timeout, crash): recorded, and the run goes on."""


# --- helpers -------------------------------------------------------------------------------


def run_probe(role: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run tests.bench.probes ROLE in a fresh interpreter; its JSON result."""
    command = [sys.executable, "-m", "tests.bench.probes", role, json.dumps(args)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise StepFailed(f"stopped after {timeout:g} s (timeout)") from None
    except BaseException:  # interrupted (ctrl-c, SIGTERM): do not leave the probe running
        _stop(process)
        raise
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER):])
    tail = (stderr.strip().splitlines() or ["no output"])[-1]
    raise StepFailed(f"probe {role} exited with status {process.returncode}: {tail}")


def _stop(process: subprocess.Popen[str]) -> None:
    """Kill a probe: its own process group (it was started in a new session), nothing else."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def step(results: dict[str, Any], key: str, label: str, func: Any, *args: Any) -> Any:
    """Run one measurement, recording its result or why it failed."""
    print(f"  {label} …", end="", flush=True)
    began = time.perf_counter()
    load = _load()
    try:
        value = func(*args)
    except StepFailed as exc:
        results[key] = {"error": str(exc), "load_before": load}
        print(f" failed: {exc}", flush=True)
        return None
    print(f" {time.perf_counter() - began:.1f} s", flush=True)
    results[key] = value
    # The 1-minute load average before the step: other work on the machine skews timings.
    results.setdefault("load_before", {})[key] = load
    return value


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def machine() -> dict[str, Any]:
    """CPU, cores, memory, OS and versions of the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    memory = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for name in ("textual", "tinydb", "orjson", "rich"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_bytes": memory,
        "os": platform.platform(), "python": platform.python_version(), "packages": versions,
        "locale": os.environ.get("LC_ALL") or os.environ.get("LANG"),
    }


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True,
                                  text=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip()

    digest = hashlib.sha256()
    for path in sorted((ROOT / "store").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return {"commit": git("rev-parse", "--short", "HEAD") or None,
            "store_changes": git("status", "--porcelain", "--", "store").splitlines(),
            "store_source_sha256": digest.hexdigest()[:16], "root": str(ROOT)}


# --- the measurements of one size ----------------------------------------------------------


def measure_import(pages: Path, store_dir: Path, timeout: float) -> dict[str, Any]:
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.mkdir(parents=True)
    result = run_probe("import", {
        "pages": str(pages), "store": str(store_dir / "trials.json"),
        "ids_out": str(store_dir.parent / f"{store_dir.name}.ids"),
    }, timeout)
    result["store_bytes"] = dir_size(store_dir)
    return result


def measure_open(store_dir: Path, ids_file: Path, args: argparse.Namespace) -> dict[str, Any]:
    ids = [line for line in ids_file.read_text(encoding="utf-8").splitlines() if line]
    if not ids:
        raise StepFailed("no trial ids: the import failed")
    rng = random.Random(args.seed)
    spec = {
        "first_id": rng.choice(ids),
        "lookup_ids": [rng.choice(ids) for _ in range(args.lookups)],
        "first_query": FIRST_QUERY,
        "queries": QUERIES,
        "runs": args.runs,
        "budget_s": args.query_budget,
        "unlimited": UNLIMITED_QUERIES,
        "unlimited_runs": max(3, args.runs // 10),
    }
    spec_file = store_dir.parent / f"{store_dir.name}.spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    return run_probe("open", {"store": str(store_dir / "trials.json"), "spec": str(spec_file)},
                     args.step_timeout)


def measure_grep(pages: Path, words: Sequence[str], repeats: int, timeout: float) -> list[dict]:
    """Time `grep -ril WORD PAGES` (one warm-up run, then the median of repeats)."""
    if shutil.which("grep") is None:
        raise StepFailed("grep is not installed")
    out = []
    for word in words:
        times, matches = [], 0
        for attempt in range(repeats + 1):
            began = time.perf_counter()
            try:
                done = subprocess.run(["grep", "-ril", word, str(pages)], capture_output=True,
                                      timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                raise StepFailed(f"grep {word} took over {timeout:g} s") from None
            elapsed = time.perf_counter() - began
            matches = len(done.stdout.splitlines())
            if attempt:
                times.append(elapsed)
        out.append({"word": word, "files": matches, "median_s": statistics.median(times),
                    "runs": repeats})
    return out


def measure_paint(store_dir: Path, repeats: int, timeout: float) -> dict[str, Any]:
    """Start the browser repeats times; the median and worst of its milestones."""
    inner = max(5.0, timeout - 10)
    runs = []
    for _ in range(repeats):
        runs.append(run_probe("paint", {"store": str(store_dir / "trials.json"),
                                        "t0": time.time(), "timeout_s": inner}, timeout))
    out: dict[str, Any] = {"runs": runs}
    for key in ("first_paint_s", "store_ready_s", "list_filled_s", "peak_rss_bytes"):
        values = [run[key] for run in runs if run.get(key) is not None]
        if values:
            out[key] = statistics.median(values)
            out[f"{key}_max"] = max(values)
    return out


def bench_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    out_dir: Path = args.out
    corpus_dir = out_dir / f"corpus-{n}-s{args.seed}"
    store_dir = out_dir / f"store-{n}-s{args.seed}"
    ids_file = out_dir / f"store-{n}-s{args.seed}.ids"
    results: dict[str, Any] = {"n": n, "seed": args.seed,
                               "started": datetime.now(UTC).isoformat(timespec="seconds")}
    print(f"N = {n:,}", flush=True)
    began = time.perf_counter()
    manifest, generated = corpus.ensure(corpus_dir, n, args.seed)
    results["corpus"] = {
        "dir": str(corpus_dir), "generated": generated, "bytes": manifest["bytes"],
        "avg_page_bytes": manifest["bytes"] / max(1, n),
        "seconds": time.perf_counter() - began if generated else None,
    }
    pages = corpus_dir / corpus.PAGES
    print(f"  corpus {'generated' if generated else 'reused'}: {manifest['bytes'] / 1e6:.0f} MB",
          flush=True)
    if args.reuse_store and ids_file.exists() and store_dir.exists():
        # Keep the figures of the import that made this store, when an earlier run has them.
        earlier = (args.previous.get(str(n)) or {}).get("import") or {}
        if "files_per_s" in earlier:
            results["import"] = {**earlier, "measured": args.previous[str(n)].get("started")}
        else:
            results["import"] = {"skipped": "--reuse-store"}
    else:
        step(results, "import", "import", measure_import, pages, store_dir, args.step_timeout)
        if "error" in results["import"]:
            return results
    step(results, "open", "open, lookups, queries", measure_open, store_dir, ids_file, args)
    step(results, "grep", "grep -ril", measure_grep, pages, GREP_WORDS, args.grep_runs,
         args.step_timeout)
    step(results, "paint", "first paint", measure_paint, store_dir, args.paint_runs,
         args.step_timeout)
    results["summary"] = summarize_size(results)
    if not args.keep_store:
        shutil.rmtree(store_dir, ignore_errors=True)
    return results


def measure_import_target(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Time the import of n files alone (the 20,000-file target), into a scratch store."""
    corpus_dir = args.out / f"corpus-{n}-s{args.seed}"
    store_dir = args.out / f"store-import-{n}"
    print(f"import check, N = {n:,}", flush=True)
    manifest, _ = corpus.ensure(corpus_dir, n, args.seed)
    results: dict[str, Any] = {"n": n, "bytes": manifest["bytes"]}
    step(results, "import", "import", measure_import, corpus_dir / corpus.PAGES, store_dir,
         args.step_timeout)
    shutil.rmtree(store_dir, ignore_errors=True)
    (args.out / f"store-import-{n}.ids").unlink(missing_ok=True)
    return results


# --- summary and table ---------------------------------------------------------------------


def summarize_size(results: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of one size, next to their targets."""
    summary: dict[str, Any] = {}
    imp = results.get("import") or {}
    if imp.get("files_per_s"):
        summary["import_s"] = imp["import_s"]
        summary["import_files_per_s"] = imp["files_per_s"]
        summary["import_20k_s_extrapolated"] = 20_000 / imp["files_per_s"]
        summary["store_writes_per_import"] = imp["store_file_writes"]
        summary["store_files_written"] = imp.get("store_files_written")
        summary["store_bytes"] = imp["store_bytes"]
    opened = results.get("open") or {}
    if "open_s" in opened:
        summary["open_s"] = opened["open_s"]
        summary["first_lookup_s"] = opened["first_lookup_s"]
        summary["first_query_s"] = opened["first_query"].get("s")
        summary["lookup_median_s"] = opened["lookup"].get("median_s")
        summary["lookup_p95_s"] = opened["lookup"].get("p95_s")
        summary["peak_rss_bytes"] = opened["peak_rss_bytes"]
        keyword = [q for q in opened["queries"] if q["kind"] == "keyword" and "median_s" in q]
        if keyword:
            summary["keyword_median_s_worst"] = max(q["median_s"] for q in keyword)
            summary["keyword_p95_s_worst"] = max(q["p95_s"] for q in keyword)
            summary["keyword_median_s_of_medians"] = statistics.median(
                q["median_s"] for q in keyword)
        unlimited = [q for q in opened.get("unlimited_queries", []) if "median_s" in q]
        if unlimited:
            summary["unlimited_median_s_worst"] = max(q["median_s"] for q in unlimited)
        summary["queries_unsupported"] = [q["query"] for q in opened["queries"]
                                          if "unsupported" in q]
        summary["queries_without_hits"] = [q["query"] for q in opened["queries"]
                                           if q.get("hits") == 0]
        by_query = {q["query"]: q for q in opened["queries"]}
        ratios = {}
        for grep in (results.get("grep") or []) if isinstance(results.get("grep"), list) else []:
            query = by_query.get(grep["word"])
            if query and query.get("median_s"):
                ratios[grep["word"]] = grep["median_s"] / query["median_s"]
        if ratios:
            summary["grep_ratio"] = ratios
            summary["grep_ratio_min"] = min(ratios.values())
    paint = results.get("paint") or {}
    if "first_paint_s" in paint:
        summary["first_paint_s"] = paint["first_paint_s"]
        summary["first_paint_s_max"] = paint.get("first_paint_s_max")
        summary["searchable_s"] = paint.get("list_filled_s")
        summary["searchable_s_max"] = paint.get("list_filled_s_max")
        summary["app_peak_rss_bytes"] = paint.get("peak_rss_bytes_max")
    return summary


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.3f} ms" if seconds < 0.01 else f"{seconds * 1000:,.0f} ms"


def _mib(count: float | None) -> str:
    return "—" if count is None else f"{count / 2**20:,.0f} MiB"


def _check(value: float | None, limit: float, higher_is_better: bool = False) -> str:
    if value is None:
        return ""
    good = value >= limit if higher_is_better else value < limit
    return "ok" if good else "MISSED"


def print_table(results: dict[str, Any]) -> None:
    s = results.get("summary", {})
    n = results["n"]
    rows: list[tuple[str, str, str, str]] = []
    imp = results.get("import", {})
    if "error" in imp:
        rows.append(("import", imp["error"], "", ""))
    elif "import_s" in s:
        rows.append(("import (files/s, total)",
                     f"{s['import_files_per_s']:,.0f}/s, {s['import_s']:.1f} s", "", ""))
        t20 = s["import_20k_s_extrapolated"]
        rows.append(("  20,000 files (extrapolated)", f"{t20:.1f} s", "< 30 s",
                     _check(t20, TARGETS["import_20k_s"])))
        writes = s["store_writes_per_import"]
        rows.append(("  store commits by the import", str(writes),
                     "one per batch", "ok" if writes == 1 else "MISSED"))
        if s.get("store_files_written") is not None:
            rows.append(("  files written (shards, index, manifest)",
                         str(s["store_files_written"]), "", ""))
        rows.append(("  store size on disk", _mib(s["store_bytes"]), "", ""))
    opened = results.get("open", {})
    if "error" in opened:
        rows.append(("open / queries", opened["error"], "", ""))
    elif "open_s" in s:
        rows.append(("store open (fresh process)", _ms(s["open_s"]), "", ""))
        rows.append(("first lookup after open", _ms(s["first_lookup_s"]), "< 30 ms",
                     _check(s["first_lookup_s"], TARGETS["lookup_disk_s"])))
        rows.append(("first query after open", _ms(s["first_query_s"]), "", ""))
        rows.append(("lookup by id (median/p95)",
                     f"{_ms(s['lookup_median_s'])} / {_ms(s['lookup_p95_s'])}", "< 1 ms",
                     _check(s["lookup_median_s"], TARGETS["lookup_memory_s"])))
        for query in opened["queries"]:
            label = f"  {query['name']}: {query['query']}"
            if "unsupported" in query:
                rows.append((label, "unsupported", "", ""))
                continue
            value = f"{_ms(query['median_s'])} / {_ms(query['p95_s'])}  ({query['hits']} hits"
            value += f", {query['runs']} runs)"
            if query["kind"] == "keyword":
                target = "< 5 / < 20 ms"
                verdict = _check(query["median_s"], TARGETS["keyword_median_s"])
                if verdict == "ok":
                    verdict = _check(query["p95_s"], TARGETS["keyword_p95_s"])
            else:
                target, verdict = "", ""
            if query["hits"] == 0:
                verdict = "no hits"
            rows.append((label, value, target, verdict))
        if "keyword_median_s_worst" in s:
            rows.insert(len(rows) - len(opened["queries"]), (
                "query latency median / p95 (limit 50)",
                f"worst keyword {_ms(s['keyword_median_s_worst'])} / "
                f"{_ms(s['keyword_p95_s_worst'])}",
                "< 5 / < 20 ms",
                _check(s["keyword_median_s_worst"], TARGETS["keyword_median_s"]),
            ))
        for query in opened.get("unlimited_queries", []):
            label = f"  all hits (limit=None): {query['query']}"
            if "unsupported" in query:
                rows.append((label, "unsupported", "", ""))
            else:
                rows.append((label, f"{_ms(query['median_s'])} / {_ms(query['p95_s'])}  "
                             f"({query['hits']} hits, {query['runs']} runs)", "", ""))
        rows.append(("peak RSS (open + queries)", _mib(s["peak_rss_bytes"]), "< 1 GiB",
                     _check(s["peak_rss_bytes"], TARGETS["rss_bytes"])))
    grep = results.get("grep")
    if isinstance(grep, dict):
        rows.append(("grep -ril", grep.get("error", "?"), "", ""))
    elif grep:
        ratios = s.get("grep_ratio", {})
        for item in grep:
            ratio = ratios.get(item["word"])
            rows.append((f"grep -ril {item['word']} ({item['files']} files)",
                         f"{_ms(item['median_s'])}"
                         + (f" = {ratio:,.1f}× the query" if ratio else ""),
                         "≥ 30×", _check(ratio, TARGETS["grep_ratio"], higher_is_better=True)))
    paint = results.get("paint", {})
    if "error" in paint and "first_paint_s" not in paint:
        rows.append(("first paint", paint["error"], "", ""))
    elif "first_paint_s" in s:
        rows.append(("browser: first paint (median, worst)",
                     f"{_ms(s['first_paint_s'])}, {_ms(s.get('first_paint_s_max'))}", "< 1.5 s",
                     _check(s.get("first_paint_s_max"), TARGETS["first_paint_s"])))
        searchable = s.get("searchable_s")
        rows.append(("browser: list filled, searchable (median, worst)",
                     f"{_ms(searchable)}, {_ms(s.get('searchable_s_max'))}" if searchable
                     else "not reached", "< 3 s",
                     _check(s.get("searchable_s_max"), TARGETS["searchable_s"]) if searchable
                     else "MISSED"))
        rows.append(("browser: peak RSS", _mib(s.get("app_peak_rss_bytes")), "< 1 GiB",
                     _check(s.get("app_peak_rss_bytes"), TARGETS["rss_bytes"])))
    rows = [tuple("" if cell is None else str(cell) for cell in row) for row in rows]
    width = [max(len(r[i]) for r in rows) for i in range(4)] if rows else [0] * 4
    print(f"\nN = {n:,}")
    for row in rows:
        print("  " + "  ".join(cell.ljust(width[i]) for i, cell in enumerate(row)).rstrip())
    print()


# --- main ----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="N = 2,000 only")
    parser.add_argument("--import-size", type=int, default=None, metavar="N",
                        help="also time the import of N files on its own (e.g. 20000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=200, help="runs per query (default 200)")
    parser.add_argument("--query-budget", type=float, default=15.0, metavar="S",
                        help="at most S seconds per query (at least 3 runs; default 15)")
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--grep-runs", type=int, default=3)
    parser.add_argument("--paint-runs", type=int, default=3,
                        help="browser starts to time (median and worst; default 3)")
    parser.add_argument("--step-timeout", type=float, default=1800.0, metavar="S",
                        help="stop a measurement after S seconds and record that (default 1800)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--reuse-store", action="store_true",
                        help="skip the import when a store of this N is kept from a run")
    parser.add_argument("--keep-store", action="store_true",
                        help="keep the imported stores (for --reuse-store)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [2000]
    return args


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)  # so that a running probe is stopped too
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    results_file = args.out / "results.json"
    try:
        everything = json.loads(results_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        everything = {}
    everything["machine"] = machine()
    everything["git"] = git_state()
    everything["queries"] = QUERIES
    everything.setdefault("sizes", {})
    args.previous = dict(everything["sizes"])
    measured = []
    for n in args.sizes:
        results = bench_size(n, args)
        everything["sizes"][str(n)] = results
        results_file.write_text(json.dumps(everything, indent=2), encoding="utf-8")
        measured.append(results)
    if args.import_size:
        everything["import_check"] = measure_import_target(args.import_size, args)
        results_file.write_text(json.dumps(everything, indent=2), encoding="utf-8")
    info = everything["machine"]
    print(f"\nmachine: {info['cpu']}, {info['cores']} cores, "
          f"{(info['memory_bytes'] or 0) / GIB:.0f} GiB, Python {info['python']}")
    for results in measured:
        print_table(results)
    check = everything.get("import_check") if args.import_size else None
    if check and "import" in check:
        imp = check["import"]
        if "error" in imp:
            print(f"import of {check['n']:,} files: {imp['error']}")
        else:
            verdict = _check(imp["import_s"], TARGETS["import_20k_s"])
            print(f"import of {check['n']:,} files: {imp['import_s']:.1f} s "
                  f"({imp['files_per_s']:,.0f} files/s, {imp['store_file_writes']} commit, "
                  f"{imp.get('store_files_written', '?')} files written; "
                  f"target < 30 s for 20,000) {verdict}")
    print(f"figures written to {results_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
