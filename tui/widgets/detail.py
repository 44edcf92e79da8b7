"""The detail pane: Overview, Arms, Eligibility and Source tabs of one trial."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
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
    """The highlighted trial's tabs; content is plain Rich renderables, never markup."""

    ALLOW_MAXIMIZE = True  # enter on a row shows it full screen on narrow terminals

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trial_id: str | None = None

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
        self.query_one(TabbedContent).active = tab_id

    def show_record(
        self, record: dict[str, Any] | None, source: str | None, mark: Marker = plain
    ) -> None:
        """Fill every tab from a record (or say there is nothing to show); mark styles matches."""
        self.trial_id = record["id"] if record else None
        if record is None:
            empty = Text("No trial selected.", style="dim")
            bodies: dict[str, RenderableType] = dict.fromkeys(TABS, empty)
        else:
            source_text = _source_text(record["id"], source, mark)
            bodies = {
                "overview": overview_view(record, mark),
                "arms": _titled(record, arms_view(record, mark)),
                "eligibility": _titled(record, eligibility_view(record, mark)),
                "source": source_text,
            }
        for tab_id, body in bodies.items():
            self.query_one(f"#{tab_id}-body", Static).update(body)
            self.query_one(f"#{tab_id}-scroll", DetailScroll).scroll_home(animate=False)

    def show_problem(self, trial_id: str, message: str) -> None:
        """Say in every tab why a trial cannot be shown (a damaged store file)."""
        self.trial_id = trial_id
        text = Text(f"{trial_id} cannot be read: ", style="bold")
        text.append(message)
        for tab_id in TABS:
            self.query_one(f"#{tab_id}-body", Static).update(text)
            self.query_one(f"#{tab_id}-scroll", DetailScroll).scroll_home(animate=False)

    def active_scroll(self) -> DetailScroll:
        """The scrolling body of the visible tab."""
        return self.query_one(f"#{self.active}-scroll", DetailScroll)


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
