"""The detail pane: Overview, Arms, Eligibility and Source tabs of one trial."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from ..report_view import Marker, arms_view, eligibility_view, overview_view, plain, title_line
from .keys import FollowFocus

TABS = {"overview": "Overview", "arms": "Arms", "eligibility": "Eligibility", "source": "Source"}


class DetailScroll(FollowFocus, VerticalScroll):
    """A scrolling tab body; j/k scroll like up/down."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    # Scroll at once rather than animated: in a burst of keys every press must count.
    def _step(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self._step(1)

    def action_scroll_up(self) -> None:
        self._step(-1)

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height - 1))


class DetailPane(Vertical):
    """The highlighted trial's tabs; content is plain Rich renderables, never markup.

    Only the visible tab is rendered; another tab is rendered when it is shown (the Source
    tab can hold 200,000 characters).
    """

    ALLOW_MAXIMIZE = True  # enter on a row shows it full screen on narrow terminals

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trial_id: str | None = None
        self._record: dict[str, Any] | None = None
        self._source: str | None = None
        self._mark: Marker = plain
        self._message: Text | None = Text("No trial selected.", style="dim")
        self._filled: set[str] = set()

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="overview", id="detail-tabs"):
            for tab_id, title in TABS.items():
                with TabPane(title, id=tab_id), DetailScroll(id=f"{tab_id}-scroll"):
                    yield Static(Text(""), id=f"{tab_id}-body", markup=False)

    def on_mount(self) -> None:
        for tabs in self.query(Tabs):  # none when the app exits while starting
            tabs.can_focus = False

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
        self, record: dict[str, Any] | None, source: str | None, mark: Marker = plain
    ) -> None:
        """Show a record (or say there is nothing to show); mark styles the search's matches."""
        self.trial_id = record["id"] if record else None
        self._record, self._source, self._mark = record, source, mark
        self._message = None if record else Text("No trial selected.", style="dim")
        self._reset()

    def show_problem(self, trial_id: str, message: str) -> None:
        """Say why a trial cannot be shown (a damaged store file)."""
        text = Text(f"{trial_id} cannot be read: ", style="bold")
        text.append(message)
        self.show_message(trial_id, text)

    def show_message(self, trial_id: str | None, message: Text) -> None:
        """Show a message instead of a trial's tabs ("Loading…", a problem)."""
        self.trial_id = trial_id
        self._record, self._source, self._message = None, None, message
        self._reset()

    def active_scroll(self) -> DetailScroll:
        """The scrolling body of the visible tab."""
        return self.query_one(f"#{self.active}-scroll", DetailScroll)

    def _reset(self) -> None:
        """Forget what the tabs show; render the visible one."""
        self._filled.clear()
        active = self.active
        for tab_id in TABS:
            if tab_id != active:
                self.query_one(f"#{tab_id}-body", Static).update(Text(""))
            self.query_one(f"#{tab_id}-scroll", DetailScroll).scroll_home(animate=False)
        self._fill(active)

    def _fill(self, tab_id: str) -> None:
        if tab_id in self._filled or tab_id not in TABS:
            return
        self._filled.add(tab_id)
        self.query_one(f"#{tab_id}-body", Static).update(self._body(tab_id))

    def _body(self, tab_id: str) -> RenderableType:
        record, mark = self._record, self._mark
        if record is None:
            return self._message or Text("")
        if tab_id == "overview":
            return overview_view(record, mark)
        if tab_id == "arms":
            return _titled(record, arms_view(record, mark))
        if tab_id == "eligibility":
            return _titled(record, eligibility_view(record, mark))
        return _source_text(record["id"], self._source, mark)


SOURCE_LIMIT = 200_000  # characters shown in the Source tab; the rest is one command away


def _source_text(trial_id: str, source: str | None, mark: Marker = plain) -> Text:
    """The original page text, cut at SOURCE_LIMIT characters with a note saying so."""
    if not source:
        return Text("No source text kept.", style="dim")
    if len(source) <= SOURCE_LIMIT:
        return mark(source)
    text = mark(source[:SOURCE_LIMIT])
    text.append(
        f"\n\n… {len(source) - SOURCE_LIMIT:,} more characters: "
        f"`trials show {trial_id} --source` prints the whole text.",
        style="bold",
    )
    return text


def _titled(record: dict[str, Any], body: RenderableType) -> RenderableType:
    return Group(title_line(record), Text(), body)
