"""Registry benchmark measurements that run in a fresh process each (store open, queries).

    python -m tests.bench.registry_probes ROLE ARGS_JSON

prints one line "BENCH-RESULT {json}". Public API only: TrialStore(path), len, get,
get_source, search, count (or store.index.count while the store has no count), facets (or
store.index.facets of every hit's id, as the browser computes them, while it has none).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from .probes import MARKER, current_rss_bytes, peak_rss_bytes


def percentiles(samples: list[float]) -> dict[str, Any]:
    """p50, p95 (nearest rank) and max of timings in seconds."""
    if not samples:
        return {"runs": 0}
    ordered = sorted(samples)

    def rank(q: int) -> float:
        return ordered[max(0, -(-len(ordered) * q // 100) - 1)]

    return {"runs": len(ordered), "p50_s": rank(50), "p95_s": rank(95), "max_s": ordered[-1]}


def probe_open(args: dict[str, Any]) -> dict[str, Any]:
    """Open the store and read len(): times and memory measured inside this process."""
    began = time.perf_counter()
    from store import TrialStore

    module_s = time.perf_counter() - began
    rss_modules = current_rss_bytes()
    began = time.perf_counter()
    store = TrialStore(Path(args["store"]))
    trials = len(store)
    open_s = time.perf_counter() - began
    return {"module_import_s": module_s, "open_len_s": open_s, "trials": trials,
            "rss_after_modules_bytes": rss_modules, "rss_after_open_bytes": current_rss_bytes(),
            "peak_rss_bytes": peak_rss_bytes()}


def _count(store: Any, query: str, prefix_last: bool) -> tuple[int, str]:
    if hasattr(store, "count"):
        return store.count(query, prefix_last=prefix_last), "store.count"
    return store.index.count(query, prefix_last=prefix_last), "store.index.count (fallback)"


def _facets(store: Any, query: str, prefix_last: bool) -> tuple[dict[str, Any], str]:
    if hasattr(store, "facets"):
        return store.facets(query, prefix_last=prefix_last), "store.facets"
    hits = store.search(query, limit=None, prefix_last=prefix_last)
    return (store.index.facets(hit["id"] for hit in hits),
            "store.index.facets(every hit of search(limit=None)) (fallback)")


def _timed(func: Any, runs: int, budget_s: float) -> tuple[Any, float, list[float]]:
    """func() once (its result and time: the first, colder run), then up to runs timed runs."""
    began = time.perf_counter()
    result = func()
    first = time.perf_counter() - began
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < runs and (len(samples) < 3 or time.perf_counter() < deadline):
        began = time.perf_counter()
        func()
        samples.append(time.perf_counter() - began)
    return result, first, samples


def _error(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text[:200]


def probe_queries(args: dict[str, Any]) -> dict[str, Any]:
    """The query mix (top 50), the exact count of the commonest word, facets, get by id."""
    spec = json.loads(Path(args["spec"]).read_text(encoding="utf-8"))
    runs, budget = spec["runs"], spec["budget_s"]
    from store import TrialStore

    began = time.perf_counter()
    store = TrialStore(Path(args["store"]))
    out: dict[str, Any] = {"open_s": time.perf_counter() - began, "trials": len(store)}

    queries = []
    by_category: dict[str, list[float]] = {}
    every: list[float] = []
    for category, query, prefix_last in spec["queries"]:
        entry: dict[str, Any] = {"category": category, "query": query, "prefix_last": prefix_last}
        try:
            hits, first, samples = _timed(
                lambda q=query, p=prefix_last: store.search(q, limit=50, prefix_last=p),
                runs, budget)
        except Exception as exc:  # a query the store does not accept
            entry["error"] = _error(exc)
            queries.append(entry)
            continue
        entry.update(hits=len(hits), first_s=first, **percentiles(samples))
        by_category.setdefault(category, []).extend(samples)
        every.extend(samples)
        queries.append(entry)
    out["queries"] = queries
    out["categories"] = {name: percentiles(s) for name, s in by_category.items()}
    out["overall"] = percentiles(every)
    out["no_hits"] = [q["query"] for q in queries if q.get("hits") == 0]
    out["errors"] = [f"{q['query']}: {q['error']}" for q in queries if "error" in q]

    # the commonest word: of the sample's most frequent words, the one with most matches
    try:
        word = max(spec["commonest"], key=lambda w: _count(store, w, False)[0])
    except Exception as exc:
        word = spec["commonest"][0]
        out["count_choice_error"] = _error(exc)
    facets_query = spec["facets_query"] or word
    try:
        count, first, samples = _timed(lambda: _count(store, word, False), 10, budget)
        out["count"] = {"query": word, "matches": count[0], "via": count[1], "first_s": first,
                        **percentiles(samples)}
    except Exception as exc:
        out["count"] = {"query": word, "error": _error(exc)}
    try:
        facets, first, samples = _timed(lambda: _facets(store, facets_query, True), 5, budget)
        out["facets"] = {"query": facets_query, "via": facets[1], "first_s": first,
                         "groups": {k: len(v) for k, v in facets[0].items()},
                         **percentiles(samples)}
    except Exception as exc:
        out["facets"] = {"query": facets_query, "error": _error(exc)}

    # get by id: "cold-ish" is the first read of each id since the open (page cache warm,
    # nothing of it in the store's own caches); "warm" reads the same ids again.
    ids = spec["lookup_ids"]
    rng = random.Random(3)
    rng.shuffle(ids)
    for label in ("get_cold", "get_warm"):
        times, missing = [], 0
        for trial_id in ids:
            began = time.perf_counter()
            record = store.get(trial_id)
            times.append(time.perf_counter() - began)
            missing += record is None
        out[label] = {**percentiles(times), "missing": missing}
    times = []
    for trial_id in ids[:200]:
        began = time.perf_counter()
        store.get_source(trial_id)
        times.append(time.perf_counter() - began)
    out["get_source"] = percentiles(times)
    out["rss_end_bytes"] = current_rss_bytes()
    out["peak_rss_bytes"] = peak_rss_bytes()
    return out


def probe_parse_cost(args: dict[str, Any]) -> dict[str, Any]:
    """CPU time a study costs to parse and to analyse for the index (registry_parse_cost)."""
    from .registry_parse_cost import measure

    return measure(Path(args["archive"]))


PROBES = {"open": probe_open, "queries": probe_queries, "parse_cost": probe_parse_cost}


def main(argv: list[str]) -> int:
    role, raw = argv
    result = PROBES[role](json.loads(raw))
    sys.stdout.write(MARKER + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
