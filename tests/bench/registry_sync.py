"""The registry benchmark's sync step: `trials sync` of 1,000 changed studies into a store of N
(registry_bench.py --sync; docs/benchmarks.md, "Registry scale").

    python -m tests.bench.registry_bench --sizes 10000 100000 --sync

After the store of N is imported (and measured, and updated when it is the largest):

1. a stand-in of the API v2 (tests/api_standin.py's server, CorpusStandin below) starts in
   this process, serving the studies' current versions: the corpus zip's, overlaid by the
   update zip's when the update step ran. Studies are read from the zips when asked (the
   bench holds their names, not the studies); those of the corpus are all dated on or before
   registry_corpus.DATA_DATE, so a LastUpdatePostDate range starting later excludes them
   without reading them.
2. the store's sync state is made to say a first sync happened before the changes: up to
   `first_max` studies by running one `trials sync` against the unchanged corpus (no last
   sync: every trial is asked, without a range), above it by writing the state file as
   store/sync_state.py defines it (a finished registry sync started now).
3. SYNC_COUNT studies (chosen at random, apart from the update step's) get a changed version,
   `registry_corpus.changed_study(index, seed, version)` with its lastUpdatePostDate moved to
   today (the sync asks from the day before its last sync started), served in place of theirs.
4. `trials --db STORE sync --json` (TRIALS_API_URL set) runs in a subprocess, timed, its
   process tree sampled (registry_monitor): wall time, bytes written, files changed in the
   store's folder, the requests it made and its JSON counts (SYNC_COUNT changed expected).

version counts the sync steps run in the work folder for (N, seed), so that a store measured
again (--reuse-store) gets versions it does not hold yet.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import time
import zipfile
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from store.checkpoint import utc_now
from store.sync_state import REGISTRY, FinishedSync, SyncRecord, read_state, write_state
from tests.api_standin import (
    _DATE,
    _RANGE,
    ApiStandin,
    _BadRequest,
    last_update,
    set_last_update,
)

from . import registry_corpus
from .registry_monitor import ProcessTree, changes, snapshot

SYNC_COUNT = 1000
#: No study of the corpus zip is dated later (its lastUpdatePostDate).
CEILING = registry_corpus.DATA_DATE.isoformat()


class SyncStepFailed(Exception):
    """The sync step did not finish (recorded by the bench, which goes on)."""


class CorpusStandin(ApiStandin):
    """The stand-in (see the module doc) serving zips of studies and changed versions: ids in
    NCT order, filter.ids, the LastUpdatePostDate range, pageSize / pageToken, countTotal."""

    def __init__(self, corpus: Path, overlays: Sequence[Path] = ()) -> None:
        super().__init__()
        self._zips: list[zipfile.ZipFile] = []
        self._where: dict[str, tuple[zipfile.ZipFile, str]] = {}
        self._changed: dict[str, bytes] = {}
        #: lastUpdatePostDate of the studies read (every overlay's and changed one's).
        self._dates: dict[str, str] = {}
        for number, archive in enumerate([corpus, *overlays]):
            source = zipfile.ZipFile(archive)
            self._zips.append(source)
            for name in source.namelist():
                if name.endswith(".json"):
                    nct = name.rsplit("/", 1)[-1].removesuffix(".json")
                    self._where[nct] = (source, name)
                    if number:
                        self._dates[nct] = last_update(orjson.loads(source.read(name)))
        self.ids = sorted(self._where)

    def change(self, studies: Mapping[str, bytes]) -> None:
        """Serve these JSON bytes (by NCT id) in place of the studies' current versions."""
        with self._lock:
            for nct, body in studies.items():
                self._changed[nct] = body
                self._dates[nct] = last_update(orjson.loads(body))

    def stop(self) -> None:
        super().stop()
        for source in self._zips:
            source.close()

    def _body(self, nct: str) -> bytes:
        if nct in self._changed:
            return self._changed[nct]
        source, name = self._where[nct]
        return source.read(name)

    def _in_range(self, nct: str, low: str, high: str) -> bool:
        day = self._dates.get(nct)
        if day is None:
            if low != "MIN" and low > CEILING:
                return False  # a corpus study, dated on or before CEILING
            day = self._dates[nct] = last_update(orjson.loads(self._body(nct)))
        return (low == "MIN" or day >= low) and (high == "MAX" or day <= high)

    def _matching(self, params: dict[str, str]) -> list[str]:
        """The corpus ids a request matches: by id and by the LastUpdatePostDate range only."""
        if "query.term" in params:
            raise _BadRequest("query.term is not served")
        matching = self.ids
        if "filter.ids" in params:
            wanted = {part.strip() for part in params["filter.ids"].split(",")}
            matching = sorted(wanted & self._where.keys())
        if "filter.advanced" in params:
            match = _RANGE.match(params["filter.advanced"])
            if match is None:
                raise _BadRequest(f"unsupported filter.advanced {params['filter.advanced']!r}")
            low, high = match.groups()
            if any(end not in ("MIN", "MAX") and not _DATE.match(end) for end in (low, high)):
                raise _BadRequest(f"bad RANGE {params['filter.advanced']!r}")
            matching = [nct for nct in matching if self._in_range(nct, low, high)]
        return matching

    def _study(self, nct: str) -> Any:
        return orjson.Fragment(self._body(nct))


def sync_indices(n: int, seed: int, avoid: Collection[int] = ()) -> list[int]:
    """SYNC_COUNT study indices below n (all when fewer), sorted; none of avoid (the update
    step's) unless n leaves too few others."""
    rng, count, avoided = random.Random(f"registry-sync:{seed}"), min(SYNC_COUNT, n), set(avoid)
    left = [index for index in range(n) if index not in avoided]
    if len(left) >= count:
        return sorted(rng.sample(left, count))
    return sorted(left + rng.sample(sorted(avoided & set(range(n))), count - len(left)))


def changed_versions(indices: Sequence[int], seed: int, version: int, day: str) -> dict[str, bytes]:
    """NCT id → JSON bytes of the changed studies, their lastUpdatePostDate moved to day."""
    out = {}
    for index in indices:
        study = registry_corpus.changed_study(index, seed, version)
        set_last_update(study, day)
        nct = study["protocolSection"]["identificationModule"]["nctId"]
        out[nct] = registry_corpus.dumps(study)
    return out


def _next_version(work: Path, n: int, seed: int) -> int:
    path = work / f"sync-{n}-s{seed}.json"
    runs = 0
    with contextlib.suppress(OSError, ValueError, AttributeError):
        runs = int(json.loads(path.read_text(encoding="utf-8")).get("runs", 0))
    path.write_text(json.dumps({"runs": runs + 1}), encoding="utf-8")
    return runs + 1


def run_sync(trials: Path, store: Path, url: str, env: Mapping[str, str], cwd: Path,
             log: Path, timeout: float) -> dict[str, Any]:
    """`trials --db STORE sync --json` against url: wall time, tree figures, files, counts."""
    folder = store.parent
    before = snapshot(folder)
    with open(log, "w", encoding="utf-8") as errors:
        began = time.perf_counter()
        process = subprocess.Popen(
            [str(trials), "--db", str(store), "sync", "--json"], cwd=cwd,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors, text=True,
            env={**env, "TRIALS_API_URL": url}, start_new_session=True)
        tree = ProcessTree(process.pid).start()
        try:
            stdout, _ = process.communicate(timeout=timeout)
        except BaseException as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            tree.stop()
            if isinstance(exc, subprocess.TimeoutExpired):
                raise SyncStepFailed(f"sync stopped after {timeout:g} s (timeout)") from None
            raise
        wall = time.perf_counter() - began
    figures = tree.stop()
    tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
    try:
        counts = json.loads(stdout)
    except ValueError:
        raise SyncStepFailed(f"sync exited with status {process.returncode}, no JSON: "
                             f"{' | '.join(tail)}") from None
    if process.returncode != 0:
        raise SyncStepFailed(f"sync exited with status {process.returncode}: {counts}")
    return {"wall_s": wall, "exit_status": process.returncode, "counts": counts,
            "tree": figures, "files": changes(before, snapshot(folder)), "stderr_tail": tail}


def write_first_sync(store: Path) -> dict[str, Any]:
    """The state file of a store synced once, now (store/sync_state.py), without asking."""
    time.sleep(1.0)  # a start after every imported_at (seconds): no trial counts as new since
    now = utc_now()
    record = read_state(store)
    write_state(store, SyncRecord(last=FinishedSync(now, now, None, REGISTRY),
                                  previous=record.last, running=None))
    return {"how": "state written", "started": now}


def measure(store: Path, corpus: Path, *, n: int, seed: int, overlays: Sequence[Path] = (),
            avoid: Collection[int] = (), trials: Path, env: Mapping[str, str], cwd: Path,
            work: Path, timeout: float, first_max: int) -> dict[str, Any]:
    """The sync step (see the module doc) on a store of n studies; its figures."""
    began = time.perf_counter()
    standin = CorpusStandin(corpus, overlays).start()
    try:
        setup: dict[str, Any] = {"standin_s": time.perf_counter() - began,
                                 "standin_ids": len(standin.ids),
                                 "overlays": [path.name for path in overlays]}
        if n <= first_max:
            first = run_sync(trials, store, standin.url, env, cwd,
                             work / f"sync-first-{n}.log", timeout)
            first = {"how": "trials sync", "requests": len(standin.requests), **first}
        else:
            first = write_first_sync(store)
        began = time.perf_counter()
        version = _next_version(work, n, seed)
        day = datetime.now(UTC).date().isoformat()
        changed = changed_versions(sync_indices(n, seed, avoid), seed, version, day)
        standin.change(changed)
        setup.update(changes_s=time.perf_counter() - began, version=version, post_date=day)
        asked = len(standin.requests)
        result = run_sync(trials, store, standin.url, env, cwd, work / f"sync-{n}.log", timeout)
        requests = standin.requests[asked:]
    finally:
        standin.stop()
    served = [nct for seen in requests for nct in seen.served]
    result.update(count=len(changed), first=first, setup=setup, requests=len(requests),
                  pages_with_studies=sum(1 for seen in requests if seen.served),
                  served=len(served), served_changed=len(set(served) & changed.keys()),
                  statuses=sorted({seen.status for seen in requests}))
    if result["counts"].get("changed") != len(changed):
        result["warning"] = (f"{result['counts'].get('changed')} changed, "
                             f"{len(changed)} expected")
    return result
