"""The main screen's detail: the trial under the list's cursor, read in a worker (or kept from
a recent read), and the rows next to the cursor read ahead so that j and k show them at once
(once the search box has let the focus go: while a search is typed, the next key brings
another list, and reading a store's records of an earlier parser revision means parsing them
again, which would take turns with the keys).
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import events, on, work
from textual.worker import get_current_worker

from store import StoreError

from ..messages import DetailLoaded, RecordsRead, TrialRead
from ..widgets.detail_overview import OverviewLayout
from ..widgets.results import ResultsTable
from .main_saved import SLOW, SavedSearchesPart

#: Seconds the detail waits, while a search is typed, before it shows the first trial of the
#: new list: each key's list and count are drawn at once, and the trial (whose layout takes
#: longer than the list's) once typing pauses.
DETAIL_WHILE_TYPING = 0.25
RECORDS_KEPT = 16  # records (and their source text) kept for moving back and forth
READ_AHEAD, READ_BEHIND = 3, 1  # rows read in the background below and above the cursor


class DetailPart(SavedSearchesPart):
    """The part of the main screen that shows the trial under the cursor (MainScreen builds
    on it; its state is MainState's)."""

    @on(ResultsTable.Highlighted)
    def _highlighted(self, event: ResultsTable.Highlighted) -> None:
        if event.trial_id != self.results.current_id:
            return  # the cursor moved on since (a key, or a newer list): its message follows
        if not event.listed:  # a key or a click: at once (and no trial waits any more)
            self._show_detail(event.trial_id)
            return
        coming = self._detail_wanted[0] if self._detail_timer is not None else self._detail_id
        if event.trial_id != coming:
            self._show_listed_detail(event.trial_id)

    def _show_listed_detail(self, trial_id: str | None, again: bool = False) -> None:
        """The detail of a new list's first trial: when the list is that of a search typed and
        the search box still has the focus, it waits DETAIL_WHILE_TYPING, and a newer list
        replaces it."""
        if self._shown_generation != self._typed_generation or not self.search_box.has_focus:
            self._show_detail(trial_id, again)
            return
        self._detail_wanted = (trial_id, again)
        self._wait_for_pause()

    def typing_goes_on(self) -> None:
        """A key typed in the search box: a detail waiting for typing to pause waits
        DETAIL_WHILE_TYPING again (the lists of the keys typed since it began to wait may all
        have had the same first trial: the wait was not set again, and the detail was laid
        out between two keys, delaying the second's list)."""
        if self._detail_timer is not None:
            self._wait_for_pause()

    def _wait_for_pause(self) -> None:
        """Wait DETAIL_WHILE_TYPING from now, anew (a Timer's reset() would first wait out
        its current sleep: up to twice the wait)."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_WHILE_TYPING, self._typing_paused)

    def _typing_paused(self) -> None:
        """The wait is over: the detail shows the list's trial, unless a newer search runs
        (a key was typed: its list sets the wait again)."""
        if self._generation == self._shown_generation:
            self._show_waiting_detail()
        else:
            self._detail_timer = None

    @property
    def detail_waiting(self) -> bool:
        """Whether the detail waits for typing to pause before it shows the list's trial."""
        return self._detail_timer is not None

    def _show_waiting_detail(self) -> None:
        """Typing is over (the search box is left): a detail that waits is shown now."""
        if self._detail_timer is not None:
            self._show_detail(*self._detail_wanted)

    def _show_detail(self, trial_id: str | None, again: bool = False) -> None:
        """Show a trial in the detail: at once when it was read lately, else from a worker
        (saying "Loading…" only when that takes a while)."""
        if self._detail_timer is not None:  # a detail waiting for typing to pause: superseded
            self._detail_timer.stop()
            self._detail_timer = None
        if trial_id == self._detail_id and not again:
            return
        self._detail_id = trial_id
        self._detail_generation += 1
        self._detail_loading = False
        if trial_id is None:
            self.detail.show_record(None, None)
            return
        kept = self._records.get(trial_id)
        layout = self.detail.overview_layout(self.marker)
        if kept is not None and (layout is None or self._fits(trial_id, kept)):
            self._records.move_to_end(trial_id)
            self.detail.show_record(kept.record, kept.source, self.marker, self.near,
                                    kept.versions, kept.overview)
            self.call_after_refresh(self._read_ahead)
            return
        if kept is None and self.app.store is None:
            return
        self._detail_loading = True
        self._load_detail(trial_id, self._detail_generation, layout, kept)
        self.set_timer(SLOW, partial(self._still_loading, trial_id, self._detail_generation))

    def _fits(self, trial_id: str, kept: TrialRead) -> bool:
        """Whether a trial read already has its Overview laid out for the search shown (one
        laid out for an earlier search is laid out again by a worker, not on the event
        loop)."""
        return kept.overview is not None and kept.overview.fits(trial_id, self.marker)

    @work(thread=True, exclusive=True, group="detail")
    def _load_detail(self, trial_id: str, generation: int, layout: OverviewLayout | None,
                     kept: TrialRead | None) -> None:
        """Read a trial's record and source text off the UI thread (or take those kept),
        and lay its Overview out."""
        try:
            read = self._read_trial(trial_id, layout, kept)
        except StoreError as error:  # a damaged shard: say so, keep browsing the rest
            self.post_message(DetailLoaded(generation, trial_id, None, str(error)))
            return
        if generation == self._detail_generation and not get_current_worker().is_cancelled:
            self.post_message(DetailLoaded(generation, trial_id, read))

    def _read_trial(self, trial_id: str, layout: OverviewLayout | None,
                    kept: TrialRead | None = None) -> TrialRead | None:
        """A trial's record, source text, versions kept and Overview laid out (None when
        it is not in the store): read, or taken from kept (read for an earlier search)
        with its Overview laid out anew; in a worker."""
        if kept is None:
            store = self.app.store
            assert store is not None
            record = store.get(trial_id)
            if record is None:
                return None
            kept = TrialRead(record, store.get_source(trial_id),
                             len(store.history_meta(trial_id)), None)
        return kept._replace(overview=layout.prepare(kept.record) if layout else None)

    def _still_loading(self, trial_id: str, generation: int) -> None:
        if generation == self._detail_generation and self._detail_loading:
            self.detail.show_message(trial_id, Text(f"Loading {trial_id}…", style="dim"))

    @on(DetailLoaded)
    def _detail_loaded(self, message: DetailLoaded) -> None:
        if message.generation != self._detail_generation:
            return
        self._detail_loading = False
        trial_id = message.trial_id
        if message.problem is not None:
            self.detail.show_problem(trial_id, message.problem)
        elif message.read is None:
            self.detail.show_message(trial_id, Text(
                f"{trial_id} is no longer in the store: r reloads the list.", style="bold"))
        else:
            read = message.read
            self._keep(trial_id, read)
            self.detail.show_record(read.record, read.source, self.marker, self.near,
                                    read.versions, read.overview)
            self.call_after_refresh(self._read_ahead)

    def _keep(self, trial_id: str, read: TrialRead) -> None:
        self._records[trial_id] = read
        self._records.move_to_end(trial_id)
        while len(self._records) > RECORDS_KEPT:
            self._records.popitem(last=False)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if event.widget is self.results:  # (the search box let it go: j and k come now)
            self.call_after_refresh(self._read_ahead)

    def _read_ahead(self) -> None:
        """Read the rows next to the cursor in the background, so that j and k show them at
        once, and lay out again the Overviews of those already read for an earlier search
        (asked once the trial shown is drawn: the worker, which lays their Overviews out,
        would otherwise take turns with that drawing); not while the search box has the
        focus."""
        if self.search_box.has_focus:
            return
        ids, cursor = self.results.ids, self.results.cursor
        around = ids[max(0, cursor - READ_BEHIND): cursor + READ_AHEAD + 1]
        wanted: list[tuple[str, TrialRead | None]] = []
        for trial_id in around:
            kept = self._records.get(trial_id)
            if kept is None or not self._fits(trial_id, kept):
                wanted.append((trial_id, kept))
        layout = self.detail.overview_layout(self.marker)
        if wanted and self.app.store is not None and (
                layout is not None or any(kept is None for _, kept in wanted)):
            self._read_ahead_worker(wanted, self._store_epoch, layout)

    @work(thread=True, exclusive=True, group="read-ahead")
    def _read_ahead_worker(self, wanted: list[tuple[str, TrialRead | None]], epoch: int,
                           layout: OverviewLayout | None) -> None:
        read: list[tuple[str, TrialRead]] = []
        for trial_id, kept in wanted:
            if get_current_worker().is_cancelled:
                break
            if kept is not None and layout is None:
                continue  # (read already, nothing to lay out)
            try:
                trial = self._read_trial(trial_id, layout, kept)
            except StoreError:  # said when the cursor reaches it
                continue
            if trial is not None:
                read.append((trial_id, trial))
        if read:
            self.post_message(RecordsRead(epoch, read))

    @on(RecordsRead)
    def _records_read(self, message: RecordsRead) -> None:
        if message.epoch == self._store_epoch:
            for trial_id, read in message.records:
                kept = self._records.get(trial_id)
                if kept is None or kept.record is read.record:  # (or laid out anew)
                    self._keep(trial_id, read)
