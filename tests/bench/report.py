"""Markdown tables of tests/bench/out/results.json, for docs/benchmarks.md.

    python -m tests.bench.report [RESULTS_JSON]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .run import DEFAULT_OUT, GIB, TARGETS


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 0.001:
        return f"{seconds * 1000:.3f} ms"
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 10:
        return f"{seconds:.2f} s"
    return f"{seconds:.1f} s"


def _mib(count: float | None) -> str:
    if count is None:
        return "—"
    return f"{count / GIB:.2f} GiB" if count >= GIB else f"{count / 2**20:,.0f} MiB"


def _verdict(value: float | None, limit: float, higher_is_better: bool = False) -> str:
    if value is None:
        return ""
    good = value >= limit if higher_is_better else value < limit
    return "✓" if good else "✗"


def _cell(size: dict[str, Any], key: str, render: Any, limit: float | None = None,
          higher: bool = False) -> str:
    summary = size.get("summary", {})
    value = summary.get(key)
    if value is None:
        return _why(size, key)
    text = render(value)
    return f"{text} {_verdict(value, limit, higher)}" if limit is not None else text


def _median_worst(size: dict[str, Any], key: str, limit: float) -> str:
    summary = size.get("summary", {})
    if summary.get(key) is None:
        return _why(size, key)
    worst = summary.get(f"{key}_max")
    if worst is None:
        return f"{_ms(summary[key])} {_verdict(summary[key], limit)}"
    return f"{_ms(summary[key])} ({_ms(worst)}) {_verdict(worst, limit)}"


def _why(size: dict[str, Any], key: str) -> str:
    """Why a figure is missing: the error of the step that should have measured it."""
    step = {"import": "import", "open": "open", "first": "open", "lookup": "open",
            "keyword": "open", "peak": "open", "grep": "grep", "searchable": "paint",
            "app": "paint", "store": "import", "unlimited": "open"}
    for prefix, name in step.items():
        if key.startswith(prefix):
            result = size.get(name)
            if isinstance(result, dict) and "error" in result:
                return f"not measured: {result['error']}"
    return "—"


def summary_table(results: dict[str, Any]) -> str:
    sizes = results.get("sizes", {})
    keys = sorted(sizes, key=int)
    head = "| Measure | Target | " + " | ".join(f"N = {int(k):,}" for k in keys) + " |"
    rule = "|---|---|" + "---|" * len(keys)
    rows = [head, rule]

    def row(label: str, target: str, make: Any) -> None:
        rows.append(f"| {label} | {target} | " + " | ".join(make(sizes[k]) for k in keys) + " |")

    row("Import rate (files/s) / total", "—", lambda s: (
        f"{s['summary']['import_files_per_s']:,.0f}/s, {_ms(s['summary']['import_s'])}"
        if "import_files_per_s" in s.get("summary", {}) else _why(s, "import")))
    row("Import 20,000 files (extrapolated from rate)", "< 30 s",
        lambda s: _cell(s, "import_20k_s_extrapolated", _ms, TARGETS["import_20k_s"]))
    row("Store commits by the import (store file replaced)", "one per batch",
        lambda s: _cell(s, "store_writes_per_import", lambda v: f"{v:,}"))
    row("Files written by the import (shards, index, manifest)", "—",
        lambda s: _cell(s, "store_files_written", lambda v: f"{v:,}"))
    row("Store size on disk", "—", lambda s: _cell(s, "store_bytes", _mib))
    row("Store open, fresh process", "(fraction of a second)", lambda s: _cell(s, "open_s", _ms))
    row("First lookup after open (from disk)", "< 30 ms",
        lambda s: _cell(s, "first_lookup_s", _ms, TARGETS["lookup_disk_s"]))
    row("Lookup by id, median (random ids)", "< 1 ms",
        lambda s: _cell(s, "lookup_median_s", _ms, TARGETS["lookup_memory_s"]))
    row("First query after open", "—", lambda s: _cell(s, "first_query_s", _ms))
    row("Keyword query median (worst keyword query)", "< 5 ms",
        lambda s: _cell(s, "keyword_median_s_worst", _ms, TARGETS["keyword_median_s"]))
    row("Keyword query p95 (worst keyword query)", "< 20 ms",
        lambda s: _cell(s, "keyword_p95_s_worst", _ms, TARGETS["keyword_p95_s"]))
    row("`grep -ril WORD` ÷ query median (worst of 3 words)", "≥ 30×",
        lambda s: _cell(s, "grep_ratio_min", lambda v: f"{v:,.1f}×", TARGETS["grep_ratio"],
                        higher=True))
    row("All hits of a common word (limit=None), median", "—",
        lambda s: _cell(s, "unlimited_median_s_worst", _ms))
    row("Peak RSS, open + lookups + queries", "< 1 GiB",
        lambda s: _cell(s, "peak_rss_bytes", _mib, TARGETS["rss_bytes"]))
    row("Browser: first paint from process start, median (worst)", "< 1.5 s",
        lambda s: _median_worst(s, "first_paint_s", TARGETS["first_paint_s"]))
    row("Browser: list filled (searchable), median (worst)", "< 3 s",
        lambda s: _median_worst(s, "searchable_s", TARGETS["searchable_s"]))
    row("Browser: peak RSS", "< 1 GiB",
        lambda s: _cell(s, "app_peak_rss_bytes", _mib, TARGETS["rss_bytes"]))
    return "\n".join(rows)


def query_table(results: dict[str, Any]) -> str:
    sizes = results.get("sizes", {})
    keys = [k for k in sorted(sizes, key=int) if "queries" in (sizes[k].get("open") or {})]
    if not keys:
        return "(no query figures)"
    head = "| Query | Kind | " + " | ".join(
        f"N = {int(k):,}: median / p95 (hits)" for k in keys) + " |"
    rows = [head, "|---|---|" + "---|" * len(keys)]
    first = sizes[keys[0]]["open"]["queries"]
    for index, query in enumerate(first):
        cells = []
        for key in keys:
            item = sizes[key]["open"]["queries"][index]
            if "unsupported" in item:
                cells.append(f"unsupported ({item['unsupported']})")
            else:
                cells.append(f"{_ms(item['median_s'])} / {_ms(item['p95_s'])} ({item['hits']})")
        rows.append(f"| `{query['query']}` | {query['kind']} | " + " | ".join(cells) + " |")
    for index, query in enumerate(sizes[keys[0]]["open"].get("unlimited_queries", [])):
        cells = []
        for key in keys:
            items = sizes[key]["open"].get("unlimited_queries", [])
            item = items[index] if index < len(items) else {}
            if "median_s" in item:
                cells.append(f"{_ms(item['median_s'])} / {_ms(item['p95_s'])} ({item['hits']})")
            else:
                cells.append(item.get("unsupported", "—"))
        rows.append(f"| `{query['query']}`, limit=None | all hits | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def grep_table(results: dict[str, Any]) -> str:
    sizes = results.get("sizes", {})
    rows = ["| N | Word | Files matched by grep | `grep -ril` median | Query median | Ratio |",
            "|---|---|---|---|---|---|"]
    for key in sorted(sizes, key=int):
        size = sizes[key]
        grep = size.get("grep")
        if not isinstance(grep, list):
            continue
        queries = {q["query"]: q for q in (size.get("open") or {}).get("queries", [])}
        for item in grep:
            query = queries.get(item["word"], {})
            median = query.get("median_s")
            ratio = f"{item['median_s'] / median:,.1f}×" if median else "—"
            rows.append(f"| {int(key):,} | `{item['word']}` | {item['files']:,} | "
                        f"{_ms(item['median_s'])} | {_ms(median)} | {ratio} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_OUT / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    print(summary_table(results), end="\n\n")
    print(query_table(results), end="\n\n")
    print(grep_table(results))
    check = results.get("import_check", {})
    imp = check.get("import", {})
    if "import_s" in imp:
        print(f"\nImport of {check['n']:,} files: {_ms(imp['import_s'])} "
              f"({imp['files_per_s']:,.0f} files/s, {imp['store_file_writes']} commit(s), "
              f"{imp.get('store_files_written', '?')} files written, "
              f"peak RSS {_mib(imp['peak_rss_bytes'])}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
