"""The main screen's saved searches, watched trials, query history and History tab: what
it reads of store.saved and store.changes, in workers.

Saved searches, watched trials and the query history (store.saved) are read in workers when
the store opens or is reloaded. When the query shown (with its filters) is a saved search's
(opened from the palette, or typed), its trials new or changed since it was last looked at
are marked N and C in the list and counted on the count line; reading them counts as looking
at it (SavedState.look), so that the next time only what changed since is marked. Within a
run the marks stay: a search left and opened again shows them again, with anything newer.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker

from store import StoreError
from store.changes import versions_of
from store.saved import SearchExistsError, UnknownSearchError
from store.search import QueryError

from ..messages import (
    HistoryRead,
    SearchSaved,
    UnseenRead,
    UserStateRead,
    WatchChanged,
)
from ..widgets.detail import DetailPane
from .filters import filter_query, with_filters
from .main_state import MainState
from .saved import ConfirmDialog, SaveSearchDialog

HISTORIES_KEPT = 8  # trials whose versions (History tab) are kept for moving back and forth
SLOW = 0.15  # seconds: a read taking longer says so on screen


class SavedSearchesPart(MainState):
    """The part of the main screen that follows saved searches, watched trials and versions
    (MainScreen builds on it)."""

    @on(DetailPane.WantsHistory)
    def _wants_history(self, message: DetailPane.WantsHistory) -> None:
        """The History tab is shown: the trial's versions, kept or read in a worker (saying
        "Reading…" only when that takes a while)."""
        trial_id = message.trial_id
        kept = self._histories.get(trial_id)
        if kept is not None:
            self._histories.move_to_end(trial_id)
            self.detail.show_history(trial_id, kept)
            return
        if self.app.store is None:
            return
        self._history_worker(trial_id, self._store_epoch)
        self.set_timer(SLOW, partial(self._still_reading_history, trial_id))

    @work(thread=True, exclusive=True, group="history")
    def _history_worker(self, trial_id: str, epoch: int) -> None:
        """Read every version of a trial and diff each against the one before."""
        store = self.app.store
        assert store is not None
        try:
            versions = versions_of(store, trial_id)
        except StoreError as error:
            self.post_message(HistoryRead(epoch, trial_id, [], str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(HistoryRead(epoch, trial_id, versions))

    def _still_reading_history(self, trial_id: str) -> None:
        if trial_id not in self._histories:
            self.detail.show_history_note(
                trial_id, Text(f"Reading the versions of {trial_id}…", style="dim"))

    @on(HistoryRead)
    def _history_read(self, message: HistoryRead) -> None:
        if message.epoch != self._store_epoch:
            return
        if message.problem is not None:
            text = Text(f"The versions of {message.trial_id} cannot be read: ", style="bold")
            text.append(message.problem)
            self.detail.show_history_note(message.trial_id, text)
            return
        self._histories[message.trial_id] = message.versions
        self._histories.move_to_end(message.trial_id)
        while len(self._histories) > HISTORIES_KEPT:
            self._histories.popitem(last=False)
        self.detail.show_history(message.trial_id, message.versions)

    # --- saved searches, watched trials, the query history -------------------------------

    @work(thread=True, exclusive=True, group="user-state")
    def _read_user_state(self, epoch: int) -> None:
        state = self.app.user_state()
        try:
            searches = {search.name: search.query for search in state.list()}
            watched, queries = state.watched(), state.query_history()
        except StoreError as error:
            self.app.call_from_thread(
                self.notify, f"Cannot read the saved searches: {error}", severity="warning",
                timeout=10, markup=False)
            return
        self.post_message(UserStateRead(epoch, searches, watched, queries))

    @on(UserStateRead)
    def _user_state_read(self, message: UserStateRead) -> None:
        self.searches = message.searches
        self.watched = set(message.watched)
        if not self.search_box.walking:
            self.search_box.history = message.queries
        self._check_saved()
        self._show_flags()

    def _shown_query(self) -> str:
        """The query shown, its filters written into it, spacing aside: what a saved search
        of it would hold."""
        query, filters, _ = self._shown or self.request
        return " ".join(with_filters(query, filters).split())

    def _check_saved(self) -> None:
        """Whether the query shown is a saved search's (the one opened from the palette, else
        the first by name): its new and changed trials are marked."""
        shown = self._shown_query()
        matching = sorted(name for name, query in self.searches.items()
                          if " ".join(query.split()) == shown)
        wanted = self._saved_wanted
        name = wanted if wanted in matching else (matching[0] if matching else None)
        if wanted in matching:
            self._saved_wanted = None
        if name == self.saved_name:
            return
        self.saved_name = name
        if name is not None:
            self._read_unseen(name)
        self._show_flags()
        self._refresh_count()

    @work(thread=True, group="unseen")
    def _read_unseen(self, name: str) -> None:
        """The trials of a saved search new or changed since it was last looked at; then
        it counts as looked at now."""
        state = self.app.user_state()
        try:
            changes = state.changes(name)
            state.look(name)
        except UnknownSearchError:
            self.post_message(UnseenRead(name, {}, gone=True))
            return
        except (QueryError, StoreError, ValueError) as error:
            self.post_message(UnseenRead(name, {}, problem=str(error)))
            return
        self.post_message(UnseenRead(name, {change.id: change.kind for change in changes}))

    @on(UnseenRead)
    def _unseen_read(self, message: UnseenRead) -> None:
        name = message.name
        if message.gone:
            self.searches.pop(name, None)
            if self.saved_name == name:
                self.saved_name = None
        elif message.problem is not None:
            self.notify(f"Cannot tell what is new in the saved search {name!r}: "
                        f"{message.problem}", severity="warning", timeout=10, markup=False)
        else:
            kinds = self.unseen.setdefault(name, {})
            for trial_id, kind in message.kinds.items():
                kinds.setdefault(trial_id, kind)  # new at the first look stays new
        if name == self.saved_name or message.gone:
            self._show_flags()
            self._refresh_count()

    def _show_flags(self) -> None:
        unseen = self.unseen.get(self.saved_name, {}) if self.saved_name else {}
        self.results.set_flags(unseen, self.watched)

    def _unseen_words(self, *, short: bool = False) -> Text:
        """ "  · 3 new, 5 changed since you last looked" for a saved search shown (after the
        query it counts); short: "  · 3 new, 5 changed"."""
        if self.saved_name is None or self.saved_name not in self.unseen:
            return Text("")
        kinds = list(self.unseen[self.saved_name].values())
        parts = [f"{kinds.count(kind):,} {kind}" for kind in ("new", "changed")
                 if kinds.count(kind)]
        words = ", ".join(parts) if parts else "nothing new"
        if not short:
            words += " since you last looked"
        return Text(f"  · {words}", style="bold" if parts else "dim")

    def _refresh_count(self) -> None:
        if self._count_args is not None:
            self._update_count(*self._count_args)

    def open_saved(self, name: str, query: str) -> None:
        """Show a saved search (from the palette): its query in the box, no filters, its new
        and changed trials marked."""
        self._saved_wanted = name
        self.searches[name] = query
        self.filters = {}
        self.search_box.value = query
        self.search_box.cursor_position = len(query)
        if self.request == self._requested:  # shown already: only the marks may change
            self._check_saved()
        else:
            self.run_search()
        self.set_focus(self.results)

    def show_trials(self, ids: list[str]) -> None:
        """List these trials (the watched ones, from the palette): a query of their ids."""
        self.open_query(" OR ".join(f"id:{trial_id}" for trial_id in ids))

    def open_query(self, query: str) -> None:
        """Put a query in the box, without filters, and list its trials."""
        self.filters = {}
        self.search_box.value = query
        self.search_box.cursor_position = len(query)
        self.run_search()
        self.set_focus(self.results)

    def action_toggle_watch(self) -> None:
        """Watch the highlighted trial, or stop watching it."""
        trial_id = self.results.current_id
        if trial_id is None or self.app.store is None:
            self.notify("No trial is highlighted: there is nothing to watch.",
                        severity="warning")
            return
        self._watch_worker(trial_id, trial_id not in self.watched)

    @work(thread=True, group="watch")
    def _watch_worker(self, trial_id: str, watch: bool) -> None:
        state = self.app.user_state()
        try:
            result = state.watch([trial_id]) if watch else state.unwatch([trial_id])
        except StoreError as error:
            self.app.call_from_thread(self.notify, f"Could not change the watched trials: "
                                      f"{error}", severity="error", timeout=10, markup=False)
            return
        if result.unknown:
            self.post_message(WatchChanged(trial_id, False, f"{trial_id} is no longer in the "
                                           "store: r reloads the list."))
        elif watch:
            self.post_message(WatchChanged(trial_id, True, f"Watching {trial_id} (w again "
                                           "stops). The palette lists the watched trials."))
        else:
            self.post_message(WatchChanged(trial_id, False, f"No longer watching {trial_id}."))

    @on(WatchChanged)
    def _watch_changed(self, message: WatchChanged) -> None:
        if message.watching:
            self.watched.add(message.trial_id)
        else:
            self.watched.discard(message.trial_id)
        self._show_flags()
        self.notify(message.message, markup=False)

    def action_save_search(self) -> None:
        """Save the query shown (its filters written into it) under a name asked for."""
        query = " ".join(filter(None, (filter_query(self.filters),
                                       self.search_box.value.strip())))
        if not query:
            self.notify("Nothing to save: the query is empty. Type one, then ctrl+s saves it.",
                        severity="warning")
            return
        if self.app.store is None:
            return

        def named(name: str | None) -> None:
            if name is not None:
                self._save_worker(name, query, False)

        self.app.push_screen(SaveSearchDialog(query, self.search_box.value.strip() or query),
                             named)

    @work(thread=True, group="save")
    def _save_worker(self, name: str, query: str, replace: bool) -> None:
        try:
            self.app.user_state().add(name, query, replace=replace)
        except SearchExistsError:
            self.app.call_from_thread(self._confirm_replace, name, query)
            return
        except (QueryError, ValueError, StoreError) as error:
            self.app.call_from_thread(self.notify, f"Not saved: {error}", severity="error",
                                      timeout=10, markup=False)
            return
        self.post_message(SearchSaved(name, query))

    def _confirm_replace(self, name: str, query: str) -> None:
        question = Text("A saved search named ")
        question.append(name, style="bold")
        question.append(" exists (")
        question.append(self.searches.get(name, "another query"), style="italic")
        question.append("). Replace it with ")
        question.append(query, style="italic")
        question.append("?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._save_worker(name, query, True)
            else:
                self.notify("Not saved: the saved search is kept as it was.", markup=False)

        self.app.push_screen(ConfirmDialog(question, "enter replaces · escape keeps it"),
                             answered)

    @on(SearchSaved)
    def _search_saved(self, message: SearchSaved) -> None:
        name = message.name
        self.searches[name] = message.query
        self.unseen[name] = {}  # a new search counts as looked at when it is saved
        if self.saved_name == name:
            self.saved_name = None  # replaced: its marks are read again
        self._saved_wanted = name
        self._check_saved()
        self.notify(f"Saved as “{name}”. The palette (ctrl+p) opens it.", markup=False)
