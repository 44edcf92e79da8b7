"""The filter panel: status, phase, study type and country, with counts per value for the
current query."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Label, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from parsers import vocab
from store.search.field_values import NOT_STATED

from .. import format as fmt

FACETS = {"status": "Status", "phase": "Phase", "study_type": "Study type", "country": "Country"}
#: Facets whose values are names as the records write them (not enum values to humanise).
NAMED = frozenset({"country"})
Filters = dict[str, frozenset[str]]
Facets = dict[str, dict[str, int]]


def facet_values(facet: str, counts: dict[str, int], chosen: frozenset[str]) -> list[str]:
    """Values to offer: every value with a count, plus chosen ones (which may count 0 now);
    NOT_STATED (the trials stating no value) last."""
    if facet == "phase":
        order = list(vocab.PHASE_ORDER)
    elif facet in NAMED:  # most trials first
        order = sorted(counts, key=lambda value: (-counts[value], value))
    else:
        order = sorted(counts)
    values = [value for value in order if value in counts and value != NOT_STATED]
    values += sorted(chosen - set(values) - {NOT_STATED})
    return [*values, NOT_STATED] if NOT_STATED in counts or NOT_STATED in chosen else values


def filter_query(filters: Filters) -> str:
    """The query text for the filters: values of one facet OR'ed, facets AND'ed."""
    field = {"status": "status", "phase": "phase", "study_type": "type", "country": "country"}
    groups = []
    for facet, values in filters.items():
        if values:
            groups.append(" OR ".join(f"{field[facet]}:{_value(facet, value)}"
                                      for value in sorted(values)))
    return " ".join(groups)


def with_filters(query: str, filters: Iterable[tuple[str, frozenset[str]]]) -> str:
    """The query searched: the filters' terms (filter_query), then the words typed."""
    extra = filter_query(dict(filters))
    return f"{extra} {query}" if extra else query


def counts_within(facets_of: Callable[[str], Facets], query: str, filters: Filters) -> Facets:
    """Each facet's counts within the typed query and the other facets' chosen values: the
    trials a value of it would add or keep, so that no value offered leads to none (a
    facet with no value chosen counts within every filter). facets_of counts a query's
    matches (TrialStore.facets): once, and once more per facet with values chosen."""
    chosen = {facet: values for facet, values in filters.items() if values}
    counts = facets_of(with_filters(query, chosen.items()))
    for facet in chosen:
        others = [(other, values) for other, values in chosen.items() if other != facet]
        counts[facet] = facets_of(with_filters(query, others)).get(facet, {})
    return counts


def _value(facet: str, value: str) -> str:
    if facet in NAMED or value == NOT_STATED:
        return '"' + value.replace('"', " ") + '"'
    return value.lower()


def value_text(facet: str, value: str) -> str:
    """A facet value as the panel and the count line show it."""
    if value == NOT_STATED:
        return "Not stated"
    return value if facet in NAMED else fmt.enum_text(value)


def describe(filters: Filters) -> str:
    """The active filters in words, for the count line."""
    parts = []
    for facet, values in filters.items():
        if values:
            names = ", ".join(value_text(facet, value) for value in sorted(values))
            parts.append(f"{FACETS[facet].lower()}: {names}")
    return "; ".join(parts)


class FacetList(SelectionList[str]):
    """A facet's values, toggled with space (or enter, or a click) at once.

    Textual's SelectionList answers space by posting a message and toggling whatever is
    highlighted when it handles that message; keys that arrive together (over SSH: down,
    space, down) are handled first, so it toggled the value the cursor moved on to.
    """

    def render_line(self, y: int) -> Strip:
        """A value's line; an unchosen value's box is empty ("▐ ▌", a chosen one "▐X▌"), so
        that the two differ without colour (NO_COLOR, a monochrome terminal)."""
        line = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        segments = list(line)
        if (selection.value in self.selected or len(segments) < 2
                or segments[1].text != ToggleButton.BUTTON_INNER):
            return line
        segments[1] = Segment(" " * len(ToggleButton.BUTTON_INNER), segments[1].style)
        return Strip(segments)

    def action_select(self) -> None:
        """Toggle the highlighted value now, while the cursor is still on it."""
        index = self.highlighted
        if index is None:
            return
        selection = self.get_option_at_index(index)
        if not selection.disabled:
            self.toggle(selection)


def _count_width(counts: dict[str, int]) -> int:
    return max((len(f"{count:,}") for count in counts.values()), default=1)


def _prompt(facet: str, value: str, count: int, width: int) -> Text:
    """A value's line: its count first (so that a value cut at 80 columns keeps it)."""
    return Text.assemble((f"{count:>{width},} ", "dim"), value_text(facet, value))


class FilterScreen(ModalScreen[Filters]):
    """Pick values per facet with space; escape (or f) applies, x clears them all."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "apply", "Apply", id="filters.apply"),
        Binding("x", "clear", "Clear all", id="filters.clear"),
    ]

    def __init__(self, counts: dict[str, dict[str, int]], chosen: Filters,
                 recount: Callable[[Filters], Facets] | None = None) -> None:
        """counts: each facet's values counted for the filters chosen; recount: counts them
        for other filters (run in a worker as values are picked), or None to keep them."""
        super().__init__()
        self.counts = counts
        self.chosen = chosen
        self.recount = recount

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box"):
            yield Label(Text("Filters: space toggles, tab moves, escape applies, x clears",
                             style="bold"))
            with Horizontal(id="filter-lists"):
                for facet, title in FACETS.items():
                    counts = self.counts.get(facet, {})
                    chosen = self.chosen.get(facet, frozenset())
                    width = _count_width(counts)
                    options = [
                        Selection(_prompt(facet, value, counts.get(value, 0), width),
                                  value, value in chosen)
                        for value in facet_values(facet, counts, chosen)
                    ]
                    selection = FacetList(*options, id=f"facet-{facet}")
                    selection.border_title = title
                    yield selection

    def on_mount(self) -> None:
        """Each list opens on its first chosen value (a country far down the list shows)."""
        for facet_list in self._lists():  # (none when dismissed before it was laid out)
            chosen = self.chosen.get((facet_list.id or "").removeprefix("facet-"), frozenset())
            for index in range(facet_list.option_count):
                if facet_list.get_option_at_index(index).value in chosen:
                    facet_list.highlighted = index
                    break

    @on(SelectionList.SelectedChanged)
    def _picked(self) -> None:
        """The counts follow the values picked (each facet's within the others' picks)."""
        if self.recount is not None:
            self._recount_worker(self._selected())

    @work(thread=True, exclusive=True, group="recount")
    def _recount_worker(self, filters: Filters) -> None:
        assert self.recount is not None
        try:
            counts = self.recount(filters)
        except Exception:
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: Facets) -> None:
        """Each value's count updated in place (values kept, so the cursor stays)."""
        self.counts = counts
        for facet_list in self._lists():
            facet = (facet_list.id or "").removeprefix("facet-")
            found = counts.get(facet, {})
            width = _count_width(found)
            for index in range(facet_list.option_count):
                value = facet_list.get_option_at_index(index).value
                facet_list.replace_option_prompt_at_index(
                    index, _prompt(facet, value, found.get(value, 0), width))

    def _lists(self) -> list[FacetList]:
        """The facet lists; none yet while the dialog is being laid out (a key typed with f,
        in one burst, can come first)."""
        return list(self.query(FacetList))

    def _selected(self) -> Filters:
        lists = self._lists()
        if not lists:  # not laid out yet: the values chosen when it opened
            return dict(self.chosen)
        return {facet_list.id.removeprefix("facet-"): frozenset(facet_list.selected)
                for facet_list in lists if facet_list.id}

    def action_apply(self) -> None:
        self.dismiss(self._selected())

    def action_clear(self) -> None:
        self.chosen = {}  # also for lists not laid out yet: they open with none chosen
        for facet_list in self._lists():
            facet_list.deselect_all()
