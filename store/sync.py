"""Keep the store current from the ClinicalTrials.gov API v2 (`trials sync`).

    result = sync(store)                        # the registry trials and saved fetch queries
    result = sync(store, everything=True)       # every study updated since the last sync
    result.tally.new, result.tally.changed, …   # SyncError (with .result) when it stopped

What is asked (format=json, pageSize 1000, each page's nextPageToken followed):

* registry mode (the default), in three phases:
  1. every saved fetch query (store.fetch_queries), at most its --max studies, with
     `filter.advanced=AREA[LastUpdatePostDate]RANGE[<since>,MAX]`, so that the new studies
     matching it arrive;
  2. the registry trials (ids `NCT` + 8 digits) first imported since the last sync began,
     asked whole (`filter.ids`, no range: the store may hold them from an old file);
  3. every other registry trial, IDS_PER_REQUEST ids a request, with the range.
  Ids the saved queries brought in this sync are not asked again by id.
* everything mode (`--all`, for a store holding the whole registry): the range alone.

<since> is the day the last finished sync started, less OVERLAP_DAYS (what the registry posts
late is not missed; a study asked twice is unchanged, its bytes those stored); `since` given
replaces it. The first sync asks without a range; the first `--all` needs `since`.

Streaming and resuming: the studies of the pages asked are gathered and committed together
every COMMIT_STUDIES studies, at the end, and when the sync stops on an error
(TrialStore.import_data: one checkpoint, committed atomically; readers see each trial old or
new, whole); after each commit the state (store.sync_state: phase, query or chunk of ids,
next page token, tally) is written atomically. An interrupted sync (an error, a kill, Ctrl-C)
resumes at the page after the last one committed on the next run (a killed one asks the pages
after its last commit again), with its start time: when it finishes, that start becomes the
last sync (updates posted while it ran are asked next time). One sync runs at a time on a
store (a lock file `sync.lock` in its folder).

HTTP: 429 and 5xx are asked again with backoff (store.api_pages.Retry, Retry-After
honoured); other errors stop the sync with FetchError's one-line message.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .api_pages import (
    TIMEOUT,
    FetchError,
    Retry,
    api_url,
    check_url,
    get,
    next_token,
    read_page,
    studies_url,
    total,
)
from .changes import since_key
from .checkpoint import utc_now
from .fetch import MAX_PAGE_SIZE, study_item, study_nct_id
from .fetch_queries import saved_queries
from .report import FAILED, IMPORTED, UNCHANGED, UPDATED, ImportReport
from .sync_result import (
    SyncError,
    SyncProgress,
    SyncResult,
    SyncUsageError,
    day_of,
    one_sync,
    valid_date,
)
from .sync_state import (
    ALL,
    DONE,
    EVERYTHING,
    FRESH,
    IDS,
    PHASES,
    QUERIES,
    REGISTRY,
    FinishedSync,
    RunningSync,
    SyncRecord,
    last_sync,
    previous_sync,
    read_state,
    write_state,
)

if TYPE_CHECKING:
    from .trial_store import TrialStore

__all__ = ["SyncError", "SyncProgress", "SyncResult", "SyncUsageError", "last_sync",
           "previous_sync", "sync"]

#: NCT ids per request (filter.ids): the URL stays near 5 kB (the API is asked with GET).
IDS_PER_REQUEST = 400
#: Days before the last sync's start that the LastUpdatePostDate range begins.
OVERLAP_DAYS = 1
#: Studies committed together: the pages of one sync are gathered into checkpoints of about
#: this many (a page of 400 ids asked by id holds a few changed studies: a commit per page
#: would make a sync's cost grow with the store, not with the changes).
COMMIT_STUDIES = 2_000
#: Ids the saved queries brought that are remembered (not asked again by id).
SEEN_KEPT = 20_000
#: Failures kept in a result (the others are counted).
FAILURES_KEPT = 100

_NCT = re.compile(r"NCT\d{8}")


def sync(
    store: TrialStore,
    *,
    everything: bool = False,
    since: str | None = None,
    progress: Callable[[SyncProgress], None] | None = None,
    base_url: str | None = None,
    timeout: float = TIMEOUT,
    retry: Retry | None = None,
    clock: Callable[[], str] | None = None,
    page_size: int = MAX_PAGE_SIZE,
    ids_per_request: int = IDS_PER_REQUEST,
    commit_studies: int = COMMIT_STUDIES,
) -> SyncResult:
    """Bring the store up to date (see the module doc); resumes an interrupted sync of the
    same mode (and since). since: YYYY-MM-DD replacing the last sync's date. clock: the
    time now, as imported_at (default store.checkpoint.utc_now).

    Raises SyncUsageError (ValueError) for a bad since, or everything without since before
    the first sync; FetchError for an API URL that is not http(s); SyncError (FetchError)
    when the API cannot be asked or answers an error, with what was kept; StoreError when
    another sync runs or a write fails. An exception from progress stops the sync after the
    page it was told about (committed, and its state written)."""
    if since is not None and not valid_date(since):
        raise SyncUsageError(f"not a date: {since!r} (write YYYY-MM-DD)")
    base = base_url or api_url()
    check_url(base)
    mode = ALL if everything else REGISTRY
    now = clock or utc_now
    with one_sync(store.path):
        record = read_state(store.path)
        running, dropped = record.running, False
        if running is not None and running.mode == mode and since in (None, running.since):
            running.resumed += 1
        else:
            dropped = running is not None
            running = _start(record, mode, since, now())
        record.running = running
        write_state(store.path, record)
        runner = _Runner(store, record, running, base, timeout, retry or Retry(), progress,
                         max(1, min(page_size, MAX_PAGE_SIZE)), max(1, ids_per_request),
                         max(1, commit_studies))
        result = runner.result
        result.dropped = dropped
        try:
            runner.run()
        except FetchError as error:
            raise SyncError(str(error), result) from None
        record.previous, record.last = record.last, FinishedSync(
            running.started, now(), running.since, mode, running.tally)
        record.running = None
        write_state(store.path, record)
        result.finished = True
        return result


def _start(record: SyncRecord, mode: str, since: str | None, now: str) -> RunningSync:
    """A new sync: its range from the last sync (or since), its first phase."""
    last = record.last
    if since is None and last is not None:
        since = (day_of(last.started) - timedelta(days=OVERLAP_DAYS)).isoformat()
    if mode == ALL and since is None:
        raise SyncUsageError(
            "sync --all asks for the studies updated since the last sync, and this store has "
            "not been synced yet: import the registry first (trials import ctg-studies.json.zip) "
            "and give the day it was downloaded with --since YYYY-MM-DD")
    fresh = last.started if last is not None and mode == REGISTRY else None
    return RunningSync(mode, now, since, fresh_after=fresh, phase=PHASES[mode][0])


@dataclass(frozen=True)
class _Stream:
    """One query or chunk of ids to page through: its parameters and its cap of studies."""

    params: dict[str, str]
    cap: int | None
    asking: str


class _Runner:
    """Pages through the phases of a running sync, writing its state after each page."""

    def __init__(
        self, store: TrialStore, record: SyncRecord, running: RunningSync, base: str,
        timeout: float, retry: Retry, progress: Callable[[SyncProgress], None] | None,
        page_size: int, ids_per_request: int, commit_studies: int,
    ) -> None:
        self.store, self.record, self.running = store, record, running
        self.base, self.timeout, self.retry = base, timeout, retry
        self.progress, self.page_size, self.ids_per_request = progress, page_size, ids_per_request
        self.result = SyncResult(running.mode, running.started, running.since, running.tally,
                                 resumed=running.resumed > 0)
        self._ids: dict[str, list[str]] = {}
        self._expected: int | None = None
        self.commit_studies = commit_studies
        self._buffer: list[tuple[str, bytes]] = []  # studies asked, not committed yet
        self._flushing = False

    def run(self) -> None:
        try:
            while (stream := self._open()) is not None:
                self._page_through(stream)
        except BaseException:
            if not self._flushing:  # what was asked is committed, the state says how far
                self._flush()
            raise
        self._flush()

    def _flush(self) -> None:
        """Commit the studies of the pages asked since the last commit (one checkpoint),
        then write the state: a sync killed before it resumes after the last commit."""
        self._flushing = True  # (stays set when this fails: not tried again on the way out)
        if self._buffer:
            items, self._buffer = self._buffer, []
            self._count(self.store.import_data(items))
        write_state(self.store.path, self.record)
        self._flushing = False

    # --- the phases -----------------------------------------------------------------------

    def _open(self) -> _Stream | None:
        """The query or chunk to ask now (starting the next one when none is under way), or
        None when every phase is done."""
        running = self.running
        while True:
            phase = running.phase
            if phase == DONE:
                return None
            if phase == QUERIES:
                if running.query is None:
                    done = set(running.done_queries)
                    pending = [saved for saved in saved_queries(self.store.path)
                               if saved.query not in done]
                    if not pending:
                        self._next_phase()
                        continue
                    running.query, running.query_max = pending[0].query, pending[0].max
                    running.query_studies, running.token = 0, None
                return _Stream({"query.term": running.query, **self._range()},
                               running.query_max, f"query {running.query!r}")
            if phase in (FRESH, IDS):
                if running.chunk is None:
                    chunk = self._next_chunk(phase, running.cursor)
                    if not chunk:
                        self._next_phase()
                        continue
                    running.chunk, running.token = chunk, None
                params = {"filter.ids": ",".join(running.chunk)}
                if phase == IDS:
                    params.update(self._range())
                ids = running.chunk
                return _Stream(params, None, f"{len(ids)} trials {ids[0]}…{ids[-1]}"
                               if len(ids) > 1 else f"trial {ids[0]}")
            if phase == EVERYTHING:
                return _Stream(self._range(), None, f"studies updated since {running.since}")
            raise AssertionError(f"unknown phase {phase!r}")

    def _next_phase(self) -> None:
        running = self.running
        phases = PHASES[running.mode]
        running.phase = phases[phases.index(running.phase) + 1]
        running.query, running.chunk, running.cursor, running.token = None, None, None, None

    def _close(self) -> None:
        """The query or chunk under way is done."""
        running = self.running
        if running.phase == QUERIES and running.query is not None:
            running.done_queries.append(running.query)
            running.query, running.query_max, running.query_studies = None, 0, 0
        elif running.phase in (FRESH, IDS) and running.chunk:
            running.cursor, running.chunk = running.chunk[-1], None
        elif running.phase == EVERYTHING:
            self._next_phase()
        running.token = None

    def _range(self) -> dict[str, str]:
        since = self.running.since
        if since is None:
            return {}
        return {"filter.advanced": f"AREA[LastUpdatePostDate]RANGE[{since},MAX]"}

    def _next_chunk(self, phase: str, after: str | None) -> list[str]:
        ids = self._ids.get(phase)
        if ids is None:
            ids = self._ids[phase] = self._phase_ids(phase)
        start = bisect.bisect_right(ids, after) if after is not None else 0
        return ids[start:start + self.ids_per_request]

    def _phase_ids(self, phase: str) -> list[str]:
        """The ids a phase asks, sorted: the fresh registry trials, or the others; less those
        the saved queries brought."""
        self.store.refresh()
        fresh = self._fresh_ids()
        seen = set(self.running.seen)
        if phase == FRESH:
            return sorted(fresh - seen)
        return [trial_id for trial_id in self.store.ids()
                if _NCT.fullmatch(trial_id) and trial_id not in fresh and trial_id not in seen]

    def _fresh_ids(self) -> set[str]:
        """The registry trials first imported at or after the last sync's start."""
        after = self.running.fresh_after
        if after is None:
            return set()
        key = since_key(after)
        return {trial_id for trial_id, _imported, first in self.store.index.imported_since(key)
                if first >= key and _NCT.fullmatch(trial_id)}

    # --- the pages ------------------------------------------------------------------------

    def _page_through(self, stream: _Stream) -> None:
        """Ask the pages of a stream from the saved token on, each imported, then noted."""
        running = self.running
        phase = running.phase
        if running.token is None:
            self._expected = None
        while True:
            size = self.page_size
            if stream.cap is not None:
                size = max(1, min(size, stream.cap - running.query_studies))
            params = {"format": "json", **stream.params, "pageSize": str(size)}
            if running.token is not None:
                params["pageToken"] = running.token
            else:
                params["countTotal"] = "true"
            number = running.tally.pages + 1
            url = studies_url(self.base, params, safe=",")
            page = read_page(get(url, number, self.timeout, self.retry), url, number)
            if running.token is None:
                self._expected = total(page)
            studies = page["studies"][:size]
            if studies:
                self._buffer.extend(study_item(study, url) for study in studies)
            running.tally.pages += 1
            running.tally.studies += len(studies)
            if phase == QUERIES:
                running.query_studies += len(studies)
                self._saw(studies)
            token = next_token(page)
            done = (token is None or not studies
                    or (stream.cap is not None and running.query_studies >= stream.cap))
            if done:
                self._close()
            else:
                running.token = token
            if len(self._buffer) >= self.commit_studies:
                self._flush()
            if self.progress is not None:
                self.progress(SyncProgress(running.tally.pages, running.tally.studies, phase,
                                           stream.asking, self._expected))
            if done:
                return

    def _count(self, report: ImportReport) -> None:
        tally, counts = self.running.tally, report.counts()
        tally.new += counts[IMPORTED]
        tally.changed += counts[UPDATED]
        tally.unchanged += counts[UNCHANGED]
        tally.failed += counts[FAILED]
        room = FAILURES_KEPT - len(self.result.failures)
        if room > 0:
            self.result.failures.extend(report.failed[:room])

    def _saw(self, studies: list[Any]) -> None:
        """Remember the ids a saved query brought (the registry phases skip them)."""
        running = self.running
        ids = [nct for study in studies if (nct := study_nct_id(study)) is not None]
        room = SEEN_KEPT - len(running.seen)
        running.seen.extend(ids[:max(0, room)])
        running.seen_full = running.seen_full or len(ids) > room
