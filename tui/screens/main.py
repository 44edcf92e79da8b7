"""The main screen: search box, results list with a count, detail tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from .. import actions
from ..messages import MarksChanged, SearchFinished, StoreReady
from ..widgets.detail import TABS, DetailPane
from ..widgets.results import ResultsTable
from ..widgets.search_box import SearchBox

if TYPE_CHECKING:
    from ..app import TrialsApp

MAX_COMPARE = 4


class MainScreen(Screen[None]):
    """Search, list and detail of the trials in the store."""

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(
        "focus.search", "tab.overview", "tab.arms", "tab.eligibility", "tab.source", "mark",
        "compare", "help.list", "back", "quit.q",
    )
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    ESCAPE_TO_MINIMIZE = False
    AUTO_FOCUS = "#search"

    app: TrialsApp

    def __init__(self) -> None:
        super().__init__()
        self._query: str | None = None  # the newest query searched
        self._shown_query: str | None = None  # the query whose results are shown
        self._pending_goto: str | None = None

    def compose(self) -> ComposeResult:
        yield SearchBox(
            results_id="results", placeholder="Search trials: type words (all must match)",
            id="search",
        )
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Label(Text("Loading trials…"), id="count")
                yield ResultsTable(self.app.record_for_row, id="results")
            yield DetailPane(id="detail")
        with Horizontal(id="bottom"):
            yield Footer(id="footer")
            yield Static(Text(""), id="marks")

    # --- widgets -------------------------------------------------------------------------

    @property
    def search_box(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    @property
    def results(self) -> ResultsTable:
        return self.query_one("#results", ResultsTable)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    # --- searching -----------------------------------------------------------------------

    @on(StoreReady)
    def _store_ready(self) -> None:
        self._shown_query = None
        self.run_search(self.search_box.value, force=True)

    @on(SearchBox.Changed, "#search")
    def _query_changed(self, event: SearchBox.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str, force: bool = False) -> None:
        """Search in a worker; the newest query wins."""
        if self.app.store is None or (query == self._query and not force):
            return
        self._query = query
        self._search_worker(query)

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, query: str) -> None:
        self.post_message(self._search(query))

    def _search(self, query: str) -> SearchFinished:
        store = self.app.store
        assert store is not None
        try:
            hits = store.search(query, limit=None, prefix_last=True)
        except Exception as error:  # a query the engine rejects is reported, never raised
            return SearchFinished(query, [], str(error))
        return SearchFinished(query, [hit["id"] for hit in hits])

    @on(SearchBox.Accepted)
    def _accepted(self) -> None:
        """Leaving the box: the list must show the final query before typed-ahead keys act."""
        query = self.search_box.value
        if self.app.store is not None and self._shown_query != query:
            self._query = query
            self.workers.cancel_group(self, "search")
            self._search_finished(self._search(query))

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        if message.query != self._query or message.query == self._shown_query:
            return
        self._shown_query = message.query
        keep, self._pending_goto = self._pending_goto, None
        self.results.empty_message = _empty_message(message.query, message.error)
        self.results.set_rows(message.ids, keep=keep)
        total = len(self.app.store or ())
        count = Text(f"{len(message.ids)} of {total} trials")
        if message.query.strip():
            count.append("  matching ", style="dim")
            count.append(message.query.strip(), style="italic")
        self.query_one("#count", Label).update(count)
        if not message.ids:
            self.detail.show_record(None, None)

    # --- list and detail -----------------------------------------------------------------

    @on(ResultsTable.Highlighted)
    def _highlighted(self, event: ResultsTable.Highlighted) -> None:
        if event.trial_id is None:
            self.detail.show_record(None, None)
        elif event.trial_id != self.detail.trial_id:
            store = self.app.store
            record = store.get(event.trial_id) if store else None
            self.detail.show_record(record, store.get_source(event.trial_id) if store else None)

    @on(ResultsTable.Opened)
    def _opened(self, event: ResultsTable.Opened) -> None:
        scroll = self.detail.active_scroll()
        self.set_focus(scroll)
        if self.has_class("-narrow"):
            self.maximize(self.detail, container=False)

    @on(ResultsTable.LeftTop)
    def _left_top(self) -> None:
        self.set_focus(self.search_box)

    def action_focus_search(self) -> None:
        self._restore_layout()
        self.set_focus(self.search_box)

    def action_show_tab(self, tab_id: str) -> None:
        """Show a detail tab without moving focus (unless focus was in the hidden tab)."""
        if tab_id not in TABS:
            return
        had_focus = self.focused is not None and self.detail in self.focused.ancestors_with_self
        self.detail.active = tab_id
        if had_focus:
            self.set_focus(self.detail.active_scroll())

    def action_back(self) -> None:
        """Escape: detail → list, list → search box."""
        focused = self.focused
        if focused is not None and self.detail in focused.ancestors_with_self:
            self._restore_layout()
            self.set_focus(self.results)
        else:
            self.set_focus(self.search_box)

    def _restore_layout(self) -> None:
        if self.maximized is not None:
            self.minimize()

    # --- marks and compare ---------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        trial_id = self.results.current_id
        if trial_id is not None:
            self.app.toggle_mark(trial_id)

    @on(MarksChanged)
    def _marks_changed(self) -> None:
        marks = self.app.marks
        self.results.set_marks(marks)
        label = Text(f" {len(marks)} marked ", style="bold reverse") if marks else Text("")
        self.query_one("#marks", Static).update(label)

    def action_compare(self) -> None:
        self.app.action_compare_marked()

    def goto(self, trial_id: str) -> None:
        """Move the cursor to a trial, clearing the search when it is not in the results."""
        if trial_id in self.results.ids:
            self.results.cursor = self.results.ids.index(trial_id)
        else:
            self._pending_goto = trial_id
            self._shown_query = None
            self.search_box.value = ""
            self.run_search("", force=True)
        self.set_focus(self.results)


def _empty_message(query: str, error: str | None) -> Text:
    if error:
        return Text(f"  {error}", style="bold")
    text = Text("  No trial matches ")
    text.append(query.strip(), style="italic")
    text.append(". Try fewer or shorter words (every word must match); escape clears the search.")
    return text
