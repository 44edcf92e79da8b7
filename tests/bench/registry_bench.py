"""Benchmark of the store and browser at the registry's scale (docs/benchmarks.md, "Registry
scale"; targets: DESIGN.md, "Performance").

    python -m tests.bench.registry_bench                    # N = 20,000 and 100,000
    python -m tests.bench.registry_bench --sizes 20000 100000 600000
    python -m tests.bench.registry_bench --quick            # N = 2,000
    python -m tests.bench.registry_bench --sizes 10000 100000 --sync

For each N, in the work folder (default tests/bench/out/registry): write the bulk zip of N
synthetic API v2 studies (registry_corpus.py; reused when N and the seed match); import it
with `trials --db STORE import ZIP` in a subprocess, timed, its process tree's memory sampled
(registry_monitor.py); the store's size against the JSON's; then in fresh processes the open,
the query mix, count, facets and lookups (registry_probes.py), and the browser in a
pseudo-terminal (registry_browser.py). Into the largest store: an update of 1,000 changed
studies. With --sync, into each store: `trials sync` of 1,000 changed studies from a local
stand-in of the API (registry_sync.py). Results: results.json in the work folder (merged per
N), a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import registry_browser, registry_corpus, registry_queries, registry_sync
from .probes import MARKER
from .registry_monitor import ProcessTree, changes, folder_bytes, snapshot
from .registry_report import machine, markdown, percentile_of

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_WORK = Path(__file__).resolve().parent / "out" / "registry"
TRIALS = Path(sys.executable).parent / "trials"
# The `trials` command runs this tree's code (the venv may have it installed from another).
ENV = {**{k: v for k, v in os.environ.items() if k not in ("TRIALS_DB", "NO_COLOR")},
       "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
UPDATE_COUNT = 1000
PACKAGES = ("tui", "store", "parsers")  # the project's own modules


class StepFailed(Exception):
    """A measurement that did not finish: recorded, and the run goes on."""


def _stop(process: subprocess.Popen[Any]) -> None:
    """Kill a command we started and everything it started (its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def run_probe(role: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.bench.registry_probes", role, json.dumps(args)]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise StepFailed(f"stopped after {timeout:g} s (timeout)") from None
    except BaseException:
        _stop(process)
        raise
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER):])
    tail = (stderr.strip().splitlines() or ["no output"])[-1]
    raise StepFailed(f"probe {role} exited with status {process.returncode}: {tail}")


def step(result: dict[str, Any], key: str, label: str, func: Any, *args: Any) -> Any:
    print(f"  {label} …", end="", flush=True)
    began = time.perf_counter()
    load = os.getloadavg()[0]
    try:
        value = func(*args)
    except (StepFailed, registry_sync.SyncStepFailed) as exc:
        result[key] = {"error": str(exc), "load_before": load}
        print(f" failed: {exc}", flush=True)
        return None
    print(f" {time.perf_counter() - began:.1f} s", flush=True)
    if isinstance(value, dict):
        value["load_before"] = load
    result[key] = value
    return value


# --- corpus --------------------------------------------------------------------------------


def corpus_zip(work: Path, count: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The zip of count studies (written once, then reused while its description matches)."""
    path = work / f"registry-{count}-s{seed}.zip"
    about = path.with_suffix(".json")
    with contextlib.suppress(OSError, ValueError):
        known = json.loads(about.read_text(encoding="utf-8"))
        if path.exists() and known.get("count") == count and known.get("seed") == seed \
                and known.get("zip_bytes") == path.stat().st_size:
            return path, {**known, "reused": True}
    print(f"  writing {path.name} …", end="", flush=True)
    stats = registry_corpus.write_zip(path, count, seed,
                                      writer_process=(os.cpu_count() or 1) > 1)
    known = {"count": count, "seed": seed, "json_bytes": stats.bytes, "largest": stats.largest,
             "with_results": stats.with_results, "zip_bytes": stats.zip_bytes,
             "seconds": stats.seconds}
    about.write_text(json.dumps(known), encoding="utf-8")
    print(f" {stats.seconds:.1f} s", flush=True)
    return path, {**known, "reused": False}


def update_indices(count: int, seed: int) -> list[int]:
    """The indices of the studies the update changes."""
    return sorted(random.Random(seed).sample(range(count), min(UPDATE_COUNT, count)))


def update_zip(work: Path, count: int, seed: int) -> Path:
    """Changed versions of UPDATE_COUNT studies spread over the store's count studies."""
    path = work / f"update-{count}-s{seed}-{UPDATE_COUNT}.zip"
    if path.exists():
        return path
    part = path.with_name(path.name + ".part")
    with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for index in update_indices(count, seed):
            item = registry_corpus.changed_study(index, seed)
            nct = item["protocolSection"]["identificationModule"]["nctId"]
            name = registry_corpus.entry_name(nct)
            out.writestr(zipfile.ZipInfo(name, date_time=(2025, 9, 30, 0, 0, 0)),
                         registry_corpus.dumps(item), compress_type=zipfile.ZIP_DEFLATED)
    part.replace(path)
    return path


# --- measurements --------------------------------------------------------------------------


def run_import(store: Path, archive: Path, log: Path, timeout: float) -> dict[str, Any]:
    """`trials --db STORE import ARCHIVE`: wall time, tree memory, bytes and files written."""
    folder = store.parent
    before = snapshot(folder)
    with open(log, "w", encoding="utf-8") as output:
        began = time.perf_counter()
        process = subprocess.Popen([str(TRIALS), "--db", str(store), "import", str(archive)],
                                   cwd=ROOT, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=subprocess.STDOUT, env=ENV, start_new_session=True)
        tree = ProcessTree(process.pid).start()
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            tree.stop()
            raise StepFailed(f"import stopped after {timeout:g} s (timeout)") from None
        except BaseException:
            _stop(process)
            tree.stop()
            raise
        wall = time.perf_counter() - began
    figures = tree.stop()
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    summary = [line for line in lines if "imported" in line][-1:] or lines[-1:]
    if code != 0:
        raise StepFailed(f"import exited with status {code}: {' | '.join(lines[-3:])}")
    return {"wall_s": wall, "exit_status": code, "summary": summary[0] if summary else "",
            "tree": figures, "files": changes(before, snapshot(folder))}


def measure_size(n: int, args: argparse.Namespace, work: Path, update: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"n": n, "seed": args.seed,
                              "date": datetime.now(UTC).isoformat(timespec="seconds")}
    archive, about = corpus_zip(work, n, args.seed)
    result["corpus"] = about
    folder = work / f"store-{n}"
    store = folder / "trials.json"
    step(result, "parse_cost", "parse cost a study, one process", run_probe, "parse_cost",
         {"archive": str(archive)}, args.step_timeout)
    if args.reuse_store and store.exists():
        print("  reusing the store (no import measured)")
        result["import"] = {"skipped": "reused store"}
    else:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        imported = step(result, "import", f"import {n:,} studies", run_import, store, archive,
                        work / f"import-{n}.log", args.step_timeout)
        if imported:
            imported["studies_per_s"] = n / imported["wall_s"]
        else:
            return result
    disk = folder_bytes(folder)
    result["store"] = {"disk_bytes": disk, "json_bytes": about["json_bytes"],
                       "ratio": disk / about["json_bytes"], "files": len(snapshot(folder))}

    def opens() -> dict[str, Any]:
        runs = [run_probe("open", {"store": str(store)}, args.step_timeout) for _ in range(3)]
        best = sorted(runs, key=lambda r: r["open_len_s"])[1]  # the median run
        return {**best, "runs_s": [r["open_len_s"] for r in runs]}

    step(result, "open", "open + len(), fresh process ×3", opens)

    sample = registry_queries.Sample(n, args.seed)
    mix = registry_queries.query_mix(sample, per_category=args.per_category)
    rng = random.Random(5)
    lookup = [registry_corpus.nct_for(i, args.seed) for i in rng.sample(range(n), min(n, 500))]
    spec = {"queries": mix, "runs": args.runs, "budget_s": args.query_budget,
            "commonest": [w for w, _ in sample.df.most_common(10)], "facets_query": None,
            "lookup_ids": lookup}
    spec_path = work / f"queries-{n}.json"
    spec_path.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    step(result, "queries", f"query mix ({len(mix)} queries), count, facets, get",
         run_probe, "queries", {"store": str(store), "spec": str(spec_path)}, args.step_timeout)

    result["browser"] = measure_browser(store, sample, args)

    if update:
        changed = update_zip(work, n, args.seed)
        step(result, "update", f"update of {UPDATE_COUNT:,} studies", run_import, store, changed,
             work / f"update-{n}.log", args.step_timeout)
        # the store after the update: ratio again (previous versions are kept)
        result["store"]["disk_bytes_after_update"] = folder_bytes(folder)
    if args.sync:
        # the stand-in serves the studies' current versions: the update's too, if it ran
        updated = update and "error" not in result.get("update", {})
        step(result, "sync", f"sync of {registry_sync.SYNC_COUNT:,} changed studies",
             lambda: registry_sync.measure(
                 store, archive, n=n, seed=args.seed,
                 overlays=[update_zip(work, n, args.seed)] if updated else [],
                 avoid=update_indices(n, args.seed), trials=TRIALS, env=ENV, cwd=ROOT,
                 work=work, timeout=args.step_timeout, first_max=args.sync_first_max))
        result["store"]["disk_bytes_after_sync"] = folder_bytes(folder)
    if not args.keep_stores and not update:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def measure_browser(store: Path, sample: registry_queries.Sample,
                    args: argparse.Namespace) -> dict[str, Any]:
    """First paint and keystrokes of `trials --db store` in a pseudo-terminal, the project's
    modules compiled to byte code first, as `pip install` leaves them (where
    PYTHONDONTWRITEBYTECODE is set, every start would compile them again: 0.1-0.2 s)."""
    command = [str(TRIALS), "--db", str(store)]
    browser: dict[str, Any] = {}
    for package in PACKAGES:
        if not compileall.compile_dir(ROOT / package, quiet=1):
            raise SystemExit(f"could not compile {ROOT / package} to byte code")

    def paint() -> dict[str, Any]:
        runs = [registry_browser.first_paint(command, ROOT, 30, ENV)
                for _ in range(args.paint_runs)]
        errors = [r["error"] for r in runs if "error" in r]
        if errors:
            raise StepFailed(errors[0])
        times = [r["first_paint_s"] for r in runs]
        return {"median_s": statistics.median(times), "max_s": max(times), "runs_s": times,
                "count_line": runs[0]["count_line"]}

    def typing() -> dict[str, Any]:
        sessions = []
        for seed in range(11, 11 + args.typing_runs):  # one browser session per sequence
            typed = registry_queries.typing_sequence(sample, seed)
            done = registry_browser.keystrokes(command, ROOT, typed, 10, ENV)
            if "error" in done:
                raise StepFailed(done["error"])
            sessions.append(done)
        every = [k for done in sessions for k in done["keys"]]
        keys = [k for k in every if "updated_s" in k]
        updated = [k["updated_s"] for k in keys]
        complete = [k.get("complete_s", k["updated_s"]) for k in keys]
        return {"typed": [done["typed"] for done in sessions], "keys": every,
                "missed": len(every) - len(keys),
                "p50_s": percentile_of(updated, 50), "p95_s": percentile_of(updated, 95),
                "max_s": max(updated, default=None),
                "complete_p95_s": percentile_of(complete, 95)}

    step(browser, "first_paint", f"browser first paint ×{args.paint_runs}", paint)
    step(browser, "keystrokes", "browser keystrokes", typing)
    return browser


def git_state() -> dict[str, Any]:
    def git(*words: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *words], capture_output=True, text=True,
                              check=False)
        return done.stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"),
            "store_changes": git("status", "--porcelain", "--", "store").splitlines()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.registry_bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="N = 2,000 only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_WORK, help="work folder")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--per-category", type=int, default=12, help="queries per category")
    parser.add_argument("--query-budget", type=float, default=5.0, help="seconds per query")
    parser.add_argument("--paint-runs", type=int, default=3)
    parser.add_argument("--typing-runs", type=int, default=3,
                        help="sequences typed in the browser (a new session each)")
    parser.add_argument("--step-timeout", type=float, default=3600.0)
    parser.add_argument("--keep-stores", action="store_true",
                        help="keep every store (the largest one is always kept)")
    parser.add_argument("--reuse-store", action="store_true",
                        help="measure an existing store of the same N (no import)")
    parser.add_argument("--browser-only", action="store_true",
                        help="measure the browser alone on the kept store of each N (the "
                        "other figures of that N are kept, the browser's replaced)")
    parser.add_argument("--sync", action="store_true",
                        help="time `trials sync` of 1,000 changed studies into each store")
    parser.add_argument("--sync-first-max", type=int, default=100_000,
                        help="up to this N the first sync is run (it asks every study); above "
                        "it the sync state is written")
    args = parser.parse_args(argv)
    sizes = [2000] if args.quick else sorted(set(args.sizes))
    work = args.out.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results_path = work / "results.json"
    results: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        results = json.loads(results_path.read_text(encoding="utf-8"))
    results.update(machine=machine(work), git=git_state())
    results.setdefault("sizes", {})
    for n in sizes:
        print(f"N = {n:,}", flush=True)
        if args.browser_only:
            store = work / f"store-{n}" / "trials.json"
            if not store.exists():
                print(f"  no store of {n:,} studies in {work}: run without --browser-only")
                return 1
            kept = results["sizes"].setdefault(str(n), {"n": n, "seed": args.seed})
            kept["browser"] = measure_browser(store, registry_queries.Sample(n, args.seed), args)
            kept["browser"]["measured"] = {
                "commit": results["git"]["commit"],
                "date": datetime.now(UTC).isoformat(timespec="seconds")}
        else:
            results["sizes"][str(n)] = measure_size(n, args, work, update=n == sizes[-1])
        results_path.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print()
    print(markdown(results, [str(n) for n in sizes]))
    print(f"\nFigures: {results_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
