"""The detail pane: Overview, Arms, Eligibility, Outcomes, Sites, Results, Source, History and
References tabs of one trial (their labels: detail_tabs; a tab's scrolling body:
detail_scroll)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tab, TabbedContent, TabPane, Tabs

from store.changes import VersionChanges
from store.engine.geo import Place

from ..hanging import source_lines
from ..outcomes_view import outcomes_view
from ..pages import Memo, Paged
from ..references_view import references_view
from ..registry_people_view import overview
from ..report_view import Marker, arms_view, eligibility_view, plain, title_line
from ..sites_view import sites_view
from .detail_overview import OverviewLayout, PreparedOverview
from .detail_scroll import DetailScroll
from .detail_tabs import TABS, tab_labels, underline_in_place

#: The tabs, their labels and the scrolling tab body live in detail_tabs and detail_scroll;
#: they are importable from here too, with the pane.
__all__ = ["TABS", "DetailPane", "DetailScroll", "tab_labels"]


#: Refreshes the tab underline is checked for (and moved again) after the tabs' labels change.
UNDERLINE_TRIES = 16


class DetailPane(Vertical):
    """The highlighted trial's tabs; content is plain Rich renderables, never markup.

    Only the visible tab is rendered; another tab is rendered when it is shown (the Source
    tab can hold 200,000 characters). A long tab (Sites, Results, History, References) is
    rendered a page at a time: its last line says how much is left; m, or scrolling to the
    end, shows more.
    The History tab needs every version of the trial: when it is shown, the pane posts
    WantsHistory, and the screen reads and diffs the versions in a worker (show_history).
    """

    class WantsHistory(Message):
        """The History tab is shown for a trial whose versions are not read yet."""

        def __init__(self, trial_id: str) -> None:
            super().__init__()
            self.trial_id = trial_id

    ALLOW_MAXIMIZE = True  # enter on a row shows it full screen on narrow terminals

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trial_id: str | None = None
        self._record: dict[str, Any] | None = None
        self._source: str | None = None
        self._mark: Marker = plain
        self._near: Place | None = None
        self._prepared: PreparedOverview | None = None  # the Overview, laid out in a worker
        self._message: Text | None = Text("No trial selected.", style="dim")
        self._filled: set[str] = set()
        self._paged: dict[str, tuple[Paged, int]] = {}  # a paged tab's body, items shown
        self._labels = dict(TABS)
        self._paging = False  # a page shown on scrolling is not laid out yet
        self._versions: int | None = None  # how many versions the store keeps of the trial
        self._history: tuple[str, list[VersionChanges]] | None = None  # its versions, read
        self._history_note: tuple[str, Text] | None = None  # "Reading…", or a problem
        self._underline_chain = self._underline_done = 0  # checks of the tab underline

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="overview", id="detail-tabs"):
            for tab_id, title in TABS.items():
                with TabPane(title, id=tab_id), DetailScroll(id=f"{tab_id}-scroll"):
                    yield Static(Text(""), id=f"{tab_id}-body", markup=False)
                    yield Static(Text(""), id=f"{tab_id}-more", classes="more", markup=False)

    def on_mount(self) -> None:
        for tabs in self.query(Tabs):  # none when the app exits while starting
            tabs.can_focus = False

    def on_resize(self) -> None:
        self._relabel()
        self.follow_tabs()  # (Textual's own move on the tabs' resize can read their old place)

    @property
    def active(self) -> str:
        """The id of the visible tab."""
        return self.query_one(TabbedContent).active

    @active.setter
    def active(self, tab_id: str) -> None:
        self._fill(tab_id)  # before it shows: never a frame of another trial's text
        self.query_one(TabbedContent).active = tab_id

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:  # a click on a tab's label
            self._fill(event.pane.id)

    def show_record(
        self, record: dict[str, Any] | None, source: str | None, mark: Marker = plain,
        near: Place | None = None, versions: int | None = None,
        overview: PreparedOverview | None = None,
    ) -> None:
        """Show a record (or say there is nothing to show); mark styles the search's matches;
        near is the place of the query's near: term (the Sites tab measures from it);
        versions is how many versions the store keeps (the History tab's label); overview is
        its Overview laid out by a worker (used when it is for this record and mark)."""
        self.trial_id = record["id"] if record else None
        self._record, self._source, self._mark, self._near = record, source, mark, near
        fits = overview is not None and self.trial_id is not None and overview.fits(
            self.trial_id, mark)
        self._prepared = overview if fits else None
        self._versions = versions
        self._message = None if record else Text("No trial selected.", style="dim")
        self._forget_history()
        self._reset()

    def show_history(self, trial_id: str, versions: list[VersionChanges]) -> None:
        """The versions of a trial, read: the History tab shows them (when the trial is still
        the one shown)."""
        if trial_id != self.trial_id:
            return
        self._history, self._history_note = (trial_id, versions), None
        self._versions = len(versions)
        self._relabel()
        self._refill("history")

    def show_history_note(self, trial_id: str, note: Text) -> None:
        """Say something in the History tab instead of the versions ("Reading…", a
        problem)."""
        if trial_id != self.trial_id or self._history is not None:
            return
        self._history_note = (trial_id, note)
        self._refill("history")

    def forget_history(self) -> None:
        """The store was reloaded: the versions read may be out of date (read again when the
        History tab is shown next)."""
        self._history = self._history_note = None

    def _forget_history(self) -> None:
        if self._history is not None and self._history[0] != self.trial_id:
            self._history = None
        if self._history_note is not None and self._history_note[0] != self.trial_id:
            self._history_note = None

    def _refill(self, tab_id: str) -> None:
        """Render a tab again (now, when it is visible)."""
        self._filled.discard(tab_id)
        self._paged.pop(tab_id, None)
        self.query(f"#{tab_id}-scroll .page").remove()
        if tab_id == self.active:
            self._fill(tab_id)

    def show_problem(self, trial_id: str, message: str) -> None:
        """Say why a trial cannot be shown (a damaged store file)."""
        text = Text(f"{trial_id} cannot be read: ", style="bold")
        text.append(message)
        self.show_message(trial_id, text)

    def show_message(self, trial_id: str | None, message: Text) -> None:
        """Show a message instead of a trial's tabs ("Loading…", a problem)."""
        self.trial_id = trial_id
        self._record, self._source, self._message = None, None, message
        self._prepared = None
        self._versions = None
        self._forget_history()
        self._reset()

    def overview_layout(self, mark: Marker) -> OverviewLayout | None:
        """How a worker lays out Overviews for this pane at its present width (None before
        the pane has a width)."""
        width = self.query_one(f"#{self.active}-body", Static).content_size.width
        if width <= 0:
            return None
        options = self.app.console_options.update_width(width).update(highlight=False)
        return OverviewLayout(mark, self.app.console, options)

    @property
    def more_left(self) -> int:
        """How many items of the visible tab are not shown yet (0 when it is not paged)."""
        paged = self._paged.get(self.active)
        return 0 if paged is None else len(paged[0].items) - paged[1]

    def show_more(self, *, everything: bool = False) -> None:
        """Show the next page of the visible tab, if it has one (everything: then each next
        page once the screen is refreshed, until all are shown, so that keys are handled
        between pages: thousands of sites take a second to lay out)."""
        tab_id = self.active
        if not self._add_page(tab_id):
            return
        if everything:
            self.call_after_refresh(self._show_rest, tab_id, self._paged[tab_id][0])

    def _show_rest(self, tab_id: str, paged: Paged) -> None:
        """The next page of a tab shown whole, while it still shows that body."""
        current = self._paged.get(tab_id)
        if current is not None and current[0] is paged and self._add_page(tab_id):
            self.call_after_refresh(self._show_rest, tab_id, paged)

    def _add_page(self, tab_id: str) -> bool:
        """Mount the next page of a paged tab; False when it has none left."""
        if tab_id not in self._paged:
            return False
        paged, shown = self._paged[tab_id]
        if shown >= len(paged.items):
            return False
        stop = paged.page_end(shown)
        page = Static(Memo(paged.page(shown, stop)), classes="page", markup=False)
        self.query_one(f"#{tab_id}-scroll", DetailScroll).mount(
            page, before=self.query_one(f"#{tab_id}-more", Static))
        self._paged[tab_id] = (paged, stop)
        self._show_more_line(tab_id)
        return True

    @on(DetailScroll.NearEnd)
    def _near_end(self, event: DetailScroll.NearEnd) -> None:
        """Scrolled to the end: the next page, once per refresh (one scroll, one page); End:
        every page."""
        event.stop()
        if event.scroll.id != f"{self.active}-scroll":
            return
        if event.everything:
            self.show_more(everything=True)
        elif not self._paging:
            self._paging = True
            self.show_more()
            self.call_after_refresh(self._paged_in)

    def _paged_in(self) -> None:
        self._paging = False

    def active_scroll(self) -> DetailScroll:
        """The scrolling body of the visible tab."""
        return self.query_one(f"#{self.active}-scroll", DetailScroll)

    def _reset(self) -> None:
        """Forget what the tabs show; render the visible one."""
        self._filled.clear()
        self._paged.clear()
        self.query(".page").remove()
        self._relabel()
        active = self.active
        for tab_id in TABS:
            if tab_id != active:
                self.query_one(f"#{tab_id}-body", Static).update(Text(""))
                self._show_more_line(tab_id)
            self.query_one(f"#{tab_id}-scroll", DetailScroll).scroll_home(animate=False)
        self._fill(active)

    def _relabel(self) -> None:
        """Put the record's counts on the tab bar (when they changed)."""
        labels, tight = tab_labels(self._record, self.size.width or None, self._versions)
        if labels == self._labels and tight == self.has_class("-tight"):
            return
        self.set_class(tight, "-tight")
        tabbed = self.query_one(TabbedContent)
        for tab_id, label in labels.items():
            if label != self._labels.get(tab_id):
                tabbed.get_tab(tab_id).label = Text(label)
        self._labels = labels
        self.follow_tabs()

    @property
    def underline_moving(self) -> bool:
        """Whether the tab underline is still being checked after a change of the tabs."""
        return self._underline_done != self._underline_chain

    def follow_tabs(self) -> None:
        """Move the tab underline under the active tab once the tabs are laid out (Textual
        moves it on resize and activation only, and the tabs' widths changed); a newer
        change's checks take over from those under way."""
        self._underline_chain += 1
        self.call_after_refresh(self._underline_active, self._underline_chain, UNDERLINE_TRIES)

    def _underline_active(self, chain: int, tries: int) -> None:
        """Move each tab bar's underline under its active tab (Textual reads the tab's place
        after the next refresh), then check that it is there."""
        if chain != self._underline_chain:
            return  # a newer change's checks go on
        for tabs in self.query(Tabs):
            tabs._highlight_active(animate=False)
        self.call_after_refresh(self._check_underline, chain, tries - 1, False)

    def _check_underline(self, chain: int, tries: int, matched_before: bool) -> None:
        """The underline is where its tab is at two refreshes in a row, or it is moved again
        (a tab's new style, -tight, can be laid out a refresh after its new label: the
        underline had read the tab's place before)."""
        if chain != self._underline_chain:
            return
        if self._layout_pending() or not all(underline_in_place(tabs)
                                             for tabs in self.query(Tabs)):
            if tries > 0:
                self._underline_active(chain, tries)
                return
        elif not matched_before and tries > 0:
            self.call_after_refresh(self._check_underline, chain, tries - 1, True)
            return
        self._underline_done = chain

    def _layout_pending(self) -> bool:
        """Whether the screen has a layout still to do (Textual runs the callbacks after a
        refresh even while it puts layouts off, in a batch of updates): the tabs' places
        are not yet final."""
        return bool(self.screen._layout_required or self.app._batch_count) or any(
            tab._layout_required for tab in self.query(Tab))

    def _fill(self, tab_id: str) -> None:
        if tab_id in self._filled or tab_id not in TABS:
            return
        self._filled.add(tab_id)
        self.query_one(f"#{tab_id}-scroll", DetailScroll).follow_end = False  # a new body
        body = self._body(tab_id)
        if isinstance(body, Paged):
            first, shown = body.first()
            self._paged[tab_id] = (body, shown)
            body = first
        if not isinstance(body, Text | Memo):  # a Text is measured cheaply by Textual itself
            body = Memo(body)
        self.query_one(f"#{tab_id}-body", Static).update(body)
        self._show_more_line(tab_id)

    def _show_more_line(self, tab_id: str) -> None:
        """The line under a paged tab saying how much is left, or nothing."""
        paged = self._paged.get(tab_id)
        line = paged[0].more_line(paged[1]) if paged is not None else None
        more = self.query_one(f"#{tab_id}-more", Static)
        more.update(line or Text(""))
        more.display = line is not None

    def _body(self, tab_id: str) -> RenderableType | Paged:
        record, mark = self._record, self._mark
        if record is None:
            return self._message or Text("")
        if tab_id == "overview":
            return self._prepared.body if self._prepared is not None else overview(record, mark)
        if tab_id == "arms":
            return _titled(record, arms_view(record, mark))
        if tab_id == "eligibility":
            return _titled(record, eligibility_view(record, mark))
        if tab_id == "outcomes":
            return outcomes_view(record, mark)
        if tab_id == "sites":
            return sites_view(record, mark, self._near)
        if tab_id == "results":
            from ..results_view import results_view  # (loaded when first shown)

            return results_view(record, mark)
        if tab_id == "history":
            return self._history_body(record)
        if tab_id == "references":
            return references_view(record, mark)
        return _source_text(record["id"], self._source, mark)

    def _history_body(self, record: dict[str, Any]) -> RenderableType | Paged:
        trial_id = record["id"]
        if self._history is not None and self._history[0] == trial_id:
            from ..history_view import history_view  # (loaded when first shown)

            return history_view(record, trial_id, self._history[1])
        if self._history_note is not None and self._history_note[0] == trial_id:
            return self._history_note[1]
        self.post_message(self.WantsHistory(trial_id))
        return Text("")


SOURCE_LIMIT = 200_000  # characters shown in the Source tab; the rest is one command away


def _source_text(trial_id: str, source: str | None, mark: Marker = plain) -> RenderableType:
    """The original page text (a long line wrapped under its own indentation), cut at
    SOURCE_LIMIT characters with a note saying so."""
    if not source:
        return Text("No source text kept.", style="dim")
    if len(source) <= SOURCE_LIMIT:
        return source_lines(mark(source))
    text = mark(source[:SOURCE_LIMIT])
    text.append(
        f"\n\n… {len(source) - SOURCE_LIMIT:,} more characters: "
        f"`trials show {trial_id} --source` prints the whole text.",
        style="bold",
    )
    return source_lines(text)


def _titled(record: dict[str, Any], body: RenderableType) -> RenderableType:
    return Group(title_line(record), Text(), body)
