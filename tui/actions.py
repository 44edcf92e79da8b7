"""One registry of the browser's key bindings: every binding has an id, a help group and text."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """A bindable action: its id (for remapping), keys, action, footer label and help text."""

    id: str
    keys: str
    action: str
    label: str
    help: str
    group: str
    show: bool = False
    priority: bool = False
    key_display: str | None = None
    #: False for a second binding of a key listed under another id (a footer hint)
    listed: bool = True

    def binding(self) -> Binding:
        """The Textual binding for this key."""
        return Binding(
            self.keys, self.action, self.label, show=self.show, priority=self.priority,
            id=self.id, tooltip=self.help, key_display=self.key_display,
        )


GLOBAL = "Everywhere"
SEARCH = "In the search box"
LIST = "In the list"
DETAIL = "Detail, compare and help"

KEYS: tuple[Key, ...] = (
    Key("help", "f1", "app.help", "Help", "Show every key", GLOBAL, priority=True),
    Key("palette", "ctrl+p", "app.command_palette", "Commands",
        "Command palette: open a saved search (with what is new), the watched trials, go to "
        "a trial, compare, export, clear marks, theme", GLOBAL),
    Key("quit", "ctrl+q", "app.quit_app", "Quit", "Quit", GLOBAL, priority=True),
    Key("search.accept", "enter,down", "", "Results", "Move to the results", SEARCH),
    Key("search.clear", "escape", "", "Clear", "Clear the query", SEARCH),
    Key("search.history", "up,down", "", "History",
        "In an empty box: the queries searched before (up: older, down: newer; kept across "
        "runs). A query is remembered when you press enter or down on it", SEARCH),
    # The footer's keys while the search box has focus (it binds them; listed=False: the help
    # lists these keys above). Printable keys are text there, so the list's keys (/ q ? …)
    # are not named; F1 and ctrl+q are, as the help and quit keys of the box. The box shows
    # only those that work as it is (SearchBox.check_action): up walks the history only in an
    # empty box or one showing a query brought back, where down walks it too.
    Key("search.history.hint", "up", "history(-1)", "History",
        "In an empty box: the query searched before", SEARCH, show=True, listed=False),
    Key("search.walk.hint", "up,down", "walk(-1)", "History",
        "Showing a query searched before: an older one (up) or a newer one (down)", SEARCH,
        show=True, key_display="↑/↓", listed=False),
    Key("search.newer.hint", "down", "walk(1)", "History",
        "Showing the oldest query searched: a newer one", SEARCH, show=True, listed=False),
    Key("search.accept.hint", "enter,down", "accept", "Results", "Move to the results", SEARCH,
        show=True, key_display="⏎/↓", listed=False),
    Key("search.accept.enter.hint", "enter", "accept_shown", "Results",
        "Move to the results (down walks the history)", SEARCH, show=True, key_display="⏎",
        listed=False),
    Key("search.clear.hint", "escape", "clear", "Clear", "Clear the query", SEARCH, show=True,
        listed=False),
    Key("search.help", "f1", "app.help", "Help", "Show every key", SEARCH, show=True,
        priority=True, key_display="F1", listed=False),
    Key("search.quit", "ctrl+q", "app.quit_app", "Quit", "Quit", SEARCH, show=True,
        priority=True, listed=False),
    Key("save", "ctrl+s", "screen.save_search", "Save",
        "Save the query (with its filters) as a saved search, under a name you give; also in "
        "the list", SEARCH),
    Key("focus.next", "tab", "", "Next", "Next pane", GLOBAL),
    Key("focus.search", "slash", "focus_search", "Search", "Back to the search box", LIST,
        show=True, key_display="/"),
    Key("list.move", "up,down,j,k", "", "Move",
        "Move in the list (up on the first row: search box)", LIST),
    Key("list.open", "enter", "", "Open", "Open the highlighted trial's detail", LIST),
    Key("tab.overview", "o,1", "screen.show_tab('overview')", "Overview", "Overview tab", LIST),
    Key("tab.arms", "a,2", "screen.show_tab('arms')", "Arms", "Arms tab", LIST),
    Key("tab.eligibility", "e,3", "screen.show_tab('eligibility')", "Eligibility",
        "Eligibility tab", LIST),
    Key("tab.outcomes", "4", "screen.show_tab('outcomes')", "Outcomes",
        "Outcomes tab: primary, secondary and other outcome measures", LIST),
    Key("tab.sites", "5", "screen.show_tab('sites')", "Sites",
        "Sites tab: by country and city, recruiting first; with near: in the query, "
        "distances, nearest first", LIST),
    Key("tab.results", "6", "screen.show_tab('results')", "Results",
        "Results tab: participant flow, baseline, outcome measures, adverse events", LIST),
    Key("tab.source", "s,7", "screen.show_tab('source')", "Source", "Source tab", LIST),
    Key("tab.history", "8", "screen.show_tab('history')", "History",
        "History tab: every stored version, newest first, with what each changed", LIST),
    Key("tab.references", "9", "screen.show_tab('references')", "References",
        "References tab: publications (with PubMed links), see-also links, IPD sharing", LIST),
    # before "zoom": the footer names z where list and detail are side by side (the screen
    # disables this one elsewhere, and "zoom" takes the key)
    Key("zoom.wide", "z", "screen.zoom_wide", "Zoom", "Show the detail full width", LIST,
        show=True, listed=False),
    Key("zoom", "z", "screen.toggle_zoom", "Zoom",
        "Show the detail full width, or beside the list again (side by side, 100 columns "
        "and wider)", LIST),
    Key("more.all", "M", "screen.show_rest", "All",
        "Show all the rest of a long tab, a page after another while keys still work (a study "
        "of many groups posts thousands of lines of results)", LIST),
    Key("more", "m", "screen.show_more", "More",
        "Show more of a long tab (sites, results, history, references) when its last line "
        "says there is more", LIST),
    Key("mark", "space", "screen.toggle_mark", "Mark", "Mark or unmark for compare", LIST,
        show=True),
    Key("watch", "w", "screen.toggle_watch", "Watch",
        "Watch the highlighted trial (★ in the list), or stop watching it", LIST),
    Key("compare", "c", "screen.compare", "Compare", "Compare the marked trials (2 to 6)", LIST,
        show=True),
    Key("filters", "f", "screen.filters", "Filter",
        "Filter by status, phase, study type and country (counts for the current query)",
        LIST,
        show=True),
    Key("sort", "S", "screen.cycle_sort", "Sort",
        "Sort by relevance, id, title, status, phase, enrollment or start date", LIST),
    Key("sort.reverse", "R", "screen.reverse_sort", "Reverse", "Reverse the sort order", LIST),
    Key("reload", "r", "app.reload", "Reload",
        "Reload the store: show trials another process imported or synced meanwhile, and say "
        "how many are new or changed", LIST),
    Key("export", "x", "screen.export", "Export",
        "Export every trial of the results to CSV, JSON or Markdown", LIST, show=True),
    Key("help.list", "question_mark", "app.help", "Help", "Show every key", LIST, show=True,
        key_display="?"),
    Key("back", "escape", "screen.back", "Back",
        "Step back: detail → list → search box", LIST),
    Key("quit.q", "q", "app.quit_app", "Quit", "Quit", LIST, show=True),
    Key("scroll", "up,down,j,k,pageup,pagedown", "", "Scroll",
        "Scroll the detail, compare or help text", DETAIL),
    Key("close", "escape", "", "Back", "Back to the list (marks kept)", DETAIL),
    Key("export.compare", "x", "screen.export", "Export",
        "In compare: export the comparison to CSV, JSON or Markdown", DETAIL, show=True),
    Key("compare.differences", "d", "screen.toggle_differences", "Differences",
        "In compare: show only the fields that differ and the criteria not shared by all",
        DETAIL, show=True),
    Key("compare.sideways", "left,right,h,l", "", "Other trials",
        "In compare: show the next or previous trial when not all fit", DETAIL),
)


def bindings(*ids: str) -> list[BindingType]:
    """The bindings with these ids, in registry order."""
    wanted = set(ids)
    return [key.binding() for key in KEYS if key.id in wanted]


def help_groups() -> dict[str, list[Key]]:
    """Every key grouped for the help screen."""
    groups: dict[str, list[Key]] = {}
    for key in KEYS:
        if key.listed:
            groups.setdefault(key.group, []).append(key)
    return groups
