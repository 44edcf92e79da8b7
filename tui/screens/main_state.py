"""What the parts of the main screen share: its state, set here, and (for the type checker)
its widgets and the methods one part calls in another, so that each part (main_saved,
main_detail, main_search) is checked on its own. MainScreen (main.py) builds on them all."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import Screen
from textual.timer import Timer

from store.changes import VersionChanges
from store.engine.geo import Place

from ..messages import TrialRead
from ..report_view import Marker, plain
from .count_line import CountLine
from .filters import Filters

if TYPE_CHECKING:
    from ..app import TrialsApp
    from ..widgets.detail import DetailPane
    from ..widgets.results import ResultsTable
    from ..widgets.search_box import SearchBox

#: What the list shows: the typed query, the filters and the sort order.
Request = tuple[str, tuple[tuple[str, frozenset[str]], ...], str | None]


class MainState(Screen[None]):
    """The main screen's state (see the module doc)."""

    app: TrialsApp

    def __init__(self) -> None:
        super().__init__()
        # searching and listing
        self._requested: Request | None = None  # the newest search asked for
        self._shown: Request | None = None  # the search whose results are shown
        self._generation = 0  # of the newest search; a worker posts only while it is current
        self._shown_generation = 0
        self._typed_generation = -1  # the newest search asked for by typing in the box
        self._facets_generation = 0
        self._filters_wanted = False  # f pressed before the counts were ready
        self._export_wanted = False  # x pressed before every match was listed
        self._total = 0  # matches of the search shown
        self._goto_wanted: str | None = None  # a trial to go to once every match is listed
        self._pending_goto: str | None = None  # the trial to keep the cursor on
        self._count = CountLine(Text(""))
        self._count_args: tuple[int, str] | None = None  # what the count line counts
        #: what the count line says instead of a count: the query cannot be searched
        self._count_failed: str | None = None
        #: the query shown with its operators in capitals, and its count (OperatorHint)
        self._hint: tuple[str, int] | None = None
        self.filters: Filters = {}
        self.sort: str | None = None
        self.facets: dict[str, dict[str, int]] = {}
        self.marker: Marker = plain
        self._marked: tuple[int, str] | None = None  # the store epoch and query of the marker
        self.near: Place | None = None  # the place of the query's near: term
        # the detail
        self._detail_id: str | None = None  # the trial the detail shows or is loading
        self._detail_generation = 0
        self._detail_loading = False  # a worker reads the trial the detail is to show
        self._detail_timer: Timer | None = None  # the detail of a list typed, waiting
        self._detail_wanted: tuple[str | None, bool] = (None, False)  # what it waits to show
        self._records: OrderedDict[str, TrialRead] = OrderedDict()
        self._store_epoch = 0  # counts reloads: records read before one are dropped
        self._histories: OrderedDict[str, list[VersionChanges]] = OrderedDict()
        # saved searches, watched trials (read from the store's folder)
        self.searches: dict[str, str] = {}  # name → query
        self.watched: set[str] = set()
        self.saved_name: str | None = None  # the saved search shown, if the query is one
        self._saved_wanted: str | None = None  # opened from the palette: preferred name
        self.unseen: dict[str, dict[str, str]] = {}  # name → id → "new"/"changed", this run

    if TYPE_CHECKING:  # defined by MainScreen and the parts
        @property
        def search_box(self) -> SearchBox: ...

        @property
        def results(self) -> ResultsTable: ...

        @property
        def detail(self) -> DetailPane: ...

        @property
        def request(self) -> Request: ...

        @property
        def searching(self) -> bool: ...

        def run_search(self, force: bool = False) -> None: ...

        def goto(self, trial_id: str) -> None: ...

        def action_filters(self) -> None: ...

        def action_export(self) -> None: ...

        def show_count(self, *, searching: bool = False) -> None: ...

        def _update_count(self, matches: int, query: str) -> None: ...
