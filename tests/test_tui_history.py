"""Keeping current in the browser: the History tab (8), saved searches (ctrl+s, the palette,
N and C marks on what is new or changed since the last look), watched trials (w), the query
history (up in an empty box) and `r` counting what another process imported.

A store on disk holds a real study (tests/fixtures/realdata) in three versions: v1 as
published (Completed, 24 enrolled, last update 2020-10-08), v2 Terminated with 12 enrolled
(2021-01-15), v3 adding a site in Lyon and an exclusion criterion (2021-03-01). One clock,
a second later at each reading, stamps imports, saved.json and the browser's "opened at":
no wall-clock time is asserted.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from realdata_versions import changed, study
from realdata_versions import put_status as put
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent
from tui_helpers import (
    LARGE,
    SMALL,
    burst,
    keys,
    main_screen,
    notifications,
    plain,
    screen_text,
    select_row,
    settle,
    start,
    static_text,
    wait_until,
)

import tui.screens.main
import tui.screens.main_saved
from store import TrialStore
from store.changes import versions_of
from store.saved import SavedState
from tui.app import TrialsApp
from tui.history_view import MAX_TEXT, change_line, line_text
from tui.screens.help import help_text
from tui.screens.saved import ConfirmDialog, SaveSearchDialog
from tui.widgets.detail import tab_labels
from tui.widgets.results import MARK, UNSEEN, WATCHED

TRIAL = "NCT03418623"  # three versions
OTHER = "NCT02210780"  # one version, Completed
LATER = "NCT00763412"  # imported after the saved search: new
ENDED = "status:completed OR status:terminated"
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


def second_version() -> dict[str, Any]:
    return changed(study(TRIAL), status="TERMINATED", last_update="2021-01-15", enrollment=12)


def third_version() -> dict[str, Any]:
    data = changed(second_version(), status="TERMINATED", last_update="2021-03-01")
    section = data["protocolSection"]
    section["contactsLocationsModule"]["locations"].append(
        {"facility": "Centre Léon Bérard", "city": "Lyon", "country": "France"})
    section["eligibilityModule"]["eligibilityCriteria"] += (
        "\n\nExclusion Criteria:\n\n* Pregnant or breast-feeding women")
    return data


class Clock:
    """One clock for imports, saved.json and the browser: a second later at each reading."""

    def __init__(self) -> None:
        self.second = 0
        self.mutex = threading.Lock()

    def __call__(self) -> str:
        with self.mutex:
            self.second += 1
            minutes, seconds = divmod(self.second, 60)
            return f"2026-12-04T10:{minutes:02d}:{seconds:02d}Z"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    ticking = Clock()
    for where in ("store.trial_store._utc_now", "store.saved._utc_now", "tui.app._utc_now"):
        monkeypatch.setattr(where, ticking)
    return ticking


@pytest.fixture
def db(tmp_path: Path, clock: Clock) -> Path:
    """A store holding TRIAL in three versions and OTHER in one."""
    path = tmp_path / "store" / "trials.json"
    store = TrialStore(path)
    assert put(store, study(TRIAL), "v1.json") == "imported"
    assert put(store, study(OTHER), "other.json") == "imported"
    assert put(store, second_version(), "v2.json") == "updated"
    assert put(store, third_version(), "v3.json") == "updated"
    store.close()
    return path


def browser(path: Path) -> TrialsApp:
    return TrialsApp(None, store=TrialStore(path))


def history_text(app: TrialsApp) -> str:
    """The History tab's text: its first page, the pages shown after it, its last line."""
    screen = app.screen
    parts = [static_text(app, "#history-body")]
    parts += [plain(page.content) for page in screen.query("#history-scroll .page")
              .results(Static)]
    return "\n".join(parts)


def row_flags(app: TrialsApp, trial_id: str) -> str:
    """The mark column of a trial's row as drawn (compare mark, watched, new/changed)."""
    return main_screen(app).results.flags(trial_id)


def count_text(app: TrialsApp) -> str:
    return static_text(app, "#count").strip()


# --- the History tab -----------------------------------------------------------------------


@SIZES
async def test_key_8_shows_the_versions_newest_first_with_their_changes(
    db: Path, size: tuple[int, int]
) -> None:
    app = browser(db)
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await select_row(pilot, TRIAL)
        assert app.screen.query_one(TabbedContent).get_tab("history").label.plain \
            in ("History 3", "Hist 3")
        await keys(pilot, "8")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.detail.active == "history"
        assert app.focused is screen.results  # like the other tabs: focus stays in the list
        text = history_text(app)
        assert "3 versions, newest first" in text
        third, second, first = (text.index(f"Version {n}") for n in (3, 2, 1))
        assert third < second < first
        assert "Version 3 (current)  2026-12-04 10:00:04 UTC" in text
        assert "registry update 2021-03-01 · imported from v3.json" in text
        assert "registry update 2021-01-15 · imported from v2.json" in text
        assert "registry update 2020-10-08 · imported from v1.json" in text
        lines = [line.strip() for line in text.splitlines()]
        v2 = lines[lines.index("registry update 2021-01-15 · imported from v2.json") + 1:]
        assert v2[:2] == ["status  Completed → Terminated", "enrollment  24 → 12"]
        v3 = lines[lines.index("registry update 2021-03-01 · imported from v3.json") + 1:]
        assert "site  added: Centre Léon Bérard, Lyon, France" in v3[:4]
        assert "exclusion criterion  added: Pregnant or breast-feeding women" in v3[:4]
        assert lines[lines.index("registry update 2020-10-08 · imported from v1.json") + 1] == \
            "first version"
        assert "Version 3 (current)" in screen_text(app)
        # another trial: its one version
        await select_row(pilot, OTHER)
        await settle(pilot)
        assert "1 version: imported once, never changed" in history_text(app)
        assert "first version" in history_text(app)


async def test_versions_are_read_in_a_worker_only_when_the_tab_is_shown(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []

    def spy(store: TrialStore, trial_id: str) -> Any:
        threads.append(threading.current_thread().name)
        assert threading.current_thread() is not threading.main_thread()
        return versions_of(store, trial_id)

    monkeypatch.setattr(tui.screens.main_saved, "versions_of", spy)
    app = browser(db)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await select_row(pilot, OTHER)
        await select_row(pilot, TRIAL)
        await keys(pilot, "2")
        await settle(pilot)
        assert threads == []  # never read for a tab not shown
        await keys(pilot, "8")
        await settle(pilot)
        assert len(threads) == 1
        await keys(pilot, "1", "8")  # kept: not read again
        await settle(pilot)
        assert len(threads) == 1
        assert "status  Completed → Terminated" in history_text(app)


def test_a_long_text_is_shortened_and_says_so() -> None:
    from store.diff import Change

    old = "word " * 60 + "the old ending " + "word " * 60
    new = "word " * 60 + "the new ending " + "word " * 60
    line = change_line(Change("description", "changed", old.strip(), new.strip()))
    assert line.shortened
    assert plain(line_text(line)).strip() == "description  changed"
    was, now = (plain(_parts(parts)).strip() for parts in line.below)
    assert was.startswith("was: …") and "the old ending" in was and was.endswith(
        f"({len(old.strip()):,} characters)")
    assert now.startswith("now: …") and "the new ending" in now
    assert len(was) < MAX_TEXT + 40
    # markup in a record is text
    markup = change_line(Change("title", "changed", "[bold]A[/bold]", "[red]B"))
    assert plain(line_text(markup)).strip() == "title  [bold]A[/bold] → [red]B"
    site = change_line(Change("locations", "added", None, {"facility": "X"}, item="X, Lyon"))
    assert plain(line_text(site)).strip() == "site  added: X, Lyon"
    status = change_line(Change("status", "changed", "RECRUITING", "ACTIVE_NOT_RECRUITING"))
    assert plain(line_text(status)).strip() == "status  Recruiting → Active, not recruiting"


def test_a_sentence_added_at_the_end_of_a_long_text_is_shown_whole() -> None:
    """Both versions are shown to their ends: the old one ends with the reference, the new
    one adds a sentence after it (cut at a word, the old seemed to lack the reference and
    the new one's sentence was lost)."""
    from store.diff import Change

    body = " ".join(f"word{n}" for n in range(400))
    old = f"{body} Psychol Addict Behav. 2017;31(8):979-94. https://doi.org/10.1037/adb0000315"
    new = f"{old} Added sentence."
    line = change_line(Change("description", "changed", old, new))
    was, now = (plain(_parts(parts)).strip() for parts in line.below)
    assert was.endswith(f"https://doi.org/10.1037/adb0000315 ({len(old):,} characters)")
    assert now.endswith(f"adb0000315 Added sentence. ({len(new):,} characters)")


def test_an_object_reads_as_words_and_a_type_change_is_shown() -> None:
    """An added object (a responsible party, the oversight) reads as its stated members in
    words, not JSON; a date whose type alone changed says so (NCT05086315: the start date
    2021-12-08 became actual, shown as "2021-12-08 → 2021-12-08")."""
    from store.diff import Change

    party = change_line(Change("responsible_party", "added", None, {
        "type": "SPONSOR", "name": None, "title": None, "affiliation": None}))
    assert plain(line_text(party)).strip() == "responsible party  added: type: Sponsor"
    oversight = change_line(Change("oversight", "added", None, {
        "has_dmc": False, "fda_regulated_drug": True, "fda_regulated_device": False}))
    assert plain(line_text(oversight)).strip().endswith(
        "added: has dmc: no; fda regulated drug: yes; fda regulated device: no")
    start = change_line(Change("dates.start", "changed", {"date": "2021-12-08", "type": None},
                               {"date": "2021-12-08", "type": "ACTUAL"}))
    assert plain(line_text(start)).strip() == (
        "start date  2021-12-08 (type not stated) → 2021-12-08 (actual)")


def test_a_long_history_is_paged_and_says_what_is_left() -> None:
    from store.changes import VersionChanges
    from store.diff import Change
    from store.segment_format import Version
    from tui.history_view import PAGE_LINES, history_view
    from tui.pages import Paged

    def version(number: int) -> Version:
        return Version(TRIAL, {"id": TRIAL}, "", {"imported_at": f"2026-12-0{number}T00:00:00Z",
                                                 "last_update": None, "path": f"v{number}"})

    sites = [Change("locations", "added", None, {}, item=f"Site {n}, Lyon, France")
             for n in range(400)]
    body = history_view({"id": TRIAL, "title": "T"}, TRIAL,
                        [VersionChanges(1, version(1), []), VersionChanges(2, version(2), sites)])
    assert isinstance(body, Paged)
    first, shown = body.first()
    assert shown < len(body.items)
    text = plain(first)
    assert "Version 2 (current)" in text and "site  added: Site 0, Lyon, France" in text
    assert "Site 399" not in text
    more = plain(body.more_line(shown)).strip()
    assert more.startswith(f"… {len(body.items) - shown:,} more lines of 2 versions")
    assert more.endswith("press m for more (or scroll on).")
    everything = plain(body.page(shown, len(body.items)))
    assert "site  added: Site 399, Lyon, France" in everything
    assert "first version" in everything
    assert shown <= PAGE_LINES + 3


def _parts(parts: Any) -> Any:
    from tui.history_view import _parts_text

    return _parts_text(parts)


def test_tab_bar_counts_the_versions() -> None:
    labels, _ = tab_labels({"id": "X", "locations": []}, 200, versions=3)
    assert labels["history"] == "History 3"
    labels, _ = tab_labels({"id": "X", "locations": []}, 200)
    assert labels["history"] == "History"  # not counted yet


# --- saved searches ------------------------------------------------------------------------


async def test_ctrl_s_saves_the_query_under_a_name(db: Path) -> None:
    app = browser(db)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "ctrl+s")
        assert "Nothing to save" in " ".join(notifications(app))
        assert not isinstance(app.screen, SaveSearchDialog)

        await burst(pilot, *"alcohol")
        await keys(pilot, "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, SaveSearchDialog)
        assert dialog.name_input.value == "alcohol"  # the query is the default name
        await keys(pilot, "escape")  # cancels
        assert not isinstance(app.screen, SaveSearchDialog)
        assert SavedState(app.store).list() == []  # type: ignore[arg-type]

        await keys(pilot, "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, SaveSearchDialog)
        dialog.name_input.value = "drinking"
        await keys(pilot, "enter")
        await settle(pilot)
        saved = SavedState(app.store).list()  # type: ignore[arg-type]
        assert [(s.name, s.query) for s in saved] == [("drinking", "alcohol")]
        assert any("saved as “drinking”" in n.lower() for n in notifications(app))
        assert "nothing new since you last looked" in count_text(app)
        # after the query it counts, not between the count and the query
        assert "matching alcohol  · nothing new since you last looked" in count_text(app)

        # the same name again: asks, enter replaces
        await keys(pilot, "escape")
        await burst(pilot, *"alcohol use")
        await keys(pilot, "ctrl+s")
        assert isinstance(app.screen, SaveSearchDialog)
        app.screen.name_input.value = "drinking"
        await keys(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "drinking" in plain(app.screen.question)
        await keys(pilot, "enter")
        await settle(pilot)
        saved = SavedState(app.store).list()  # type: ignore[arg-type]
        assert [(s.name, s.query) for s in saved] == [("drinking", "alcohol use")]


async def test_the_filters_are_written_into_the_saved_query(db: Path) -> None:
    app = browser(db)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        main_screen(app).filters = {"status": frozenset({"TERMINATED"})}
        main_screen(app).run_search()
        await settle(pilot)
        await keys(pilot, "ctrl+s")
        assert isinstance(app.screen, SaveSearchDialog)
        await keys(pilot, "enter")
        await settle(pilot)
        saved = SavedState(app.store).list()  # type: ignore[arg-type]
        assert [(s.name, s.query) for s in saved] == [("status:terminated",
                                                        "status:terminated")]


def saved_before_changes(tmp_path: Path) -> Path:
    """TRIAL (v1) and OTHER, a saved search "ended" of both, then v2 of TRIAL and a new
    trial LATER: one changed, one new since the search was saved."""
    path = tmp_path / "saved" / "trials.json"
    store = TrialStore(path)
    put(store, study(TRIAL), "v1.json")
    put(store, study(OTHER), "other.json")
    SavedState(store).add("ended", ENDED)
    put(store, second_version(), "v2.json")
    put(store, study(LATER), "later.json")
    store.close()
    return path


async def test_the_palette_opens_a_saved_search_and_marks_what_is_new(
    tmp_path: Path, clock: Clock
) -> None:
    path = saved_before_changes(tmp_path)
    app = browser(path)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        assert row_flags(app, TRIAL) == "   "  # the query is not the saved one
        await keys(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        text = await wait_until(
            pilot, lambda text: "ended: 1 new, 1 changed · 3 trials" in text,
            "the saved search with its counts")
        assert ENDED in text
        assert "Watched trials" in text
        await burst(pilot, *"ended")
        await wait_until(pilot, lambda text: "Saved search  ended" in text, "the hit")
        await keys(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, type(screen))
        assert screen.search_box.value == ENDED
        assert sorted(screen.results.ids) == sorted([TRIAL, OTHER, LATER])
        assert row_flags(app, TRIAL) == "  " + UNSEEN["changed"]
        assert row_flags(app, LATER) == "  " + UNSEEN["new"]
        assert row_flags(app, OTHER) == "   "
        # (beside the list, 64 cells: the query stays, cut, and the news in short)
        assert count_text(app) == "3 of 3 trials  matching status:completed OR…  · 1 new, 1 changed"
        row = next(line for line in screen_text(app).splitlines() if TRIAL in line)
        assert row.lstrip().startswith(UNSEEN["changed"])
        # opening it counted as looking: nothing is new for the next look
        status = SavedState(app.store).status("ended")  # type: ignore[arg-type]
        assert (status.new, status.changed) == (0, 0)
        # leaving the search clears the marks; typing its query again shows them again
        await keys(pilot, "slash", "escape")
        await settle(pilot)
        assert row_flags(app, TRIAL) == "   "
        await burst(pilot, *ENDED)
        await settle(pilot)
        assert row_flags(app, TRIAL) == "  " + UNSEEN["changed"]

    # the next run: only what changed since the look is marked
    again = browser(path)
    async with again.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *ENDED)
        await settle(pilot)
        assert row_flags(again, TRIAL) == "   "
        assert count_text(again) == (
            "3 of 3 trials  matching status:completed OR stat…  · nothing new")


# --- watched trials ------------------------------------------------------------------------


async def test_w_watches_the_highlighted_trial_and_the_palette_lists_them(db: Path) -> None:
    app = browser(db)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await select_row(pilot, TRIAL)
        await keys(pilot, "w")
        await settle(pilot)
        assert SavedState(app.store).watched() == [TRIAL]  # type: ignore[arg-type]
        assert row_flags(app, TRIAL) == " " + WATCHED + " "
        assert any(f"Watching {TRIAL}" in n for n in notifications(app))
        await keys(pilot, "space")  # a compare mark beside the star
        assert row_flags(app, TRIAL) == MARK + WATCHED + " "

        await keys(pilot, "ctrl+p")
        await wait_until(pilot, lambda text: "1 watched" in text, "the watched trials")
        await burst(pilot, *"watched")
        await wait_until(pilot, lambda text: "Watched trials" in text, "the hit")
        await keys(pilot, "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.search_box.value == f"id:{TRIAL}"
        assert screen.results.ids == [TRIAL]

        await keys(pilot, "w")
        await settle(pilot)
        assert SavedState(app.store).watched() == []  # type: ignore[arg-type]
        assert row_flags(app, TRIAL) == MARK + "  "
        assert any(f"No longer watching {TRIAL}" in n for n in notifications(app))


# --- the query history ---------------------------------------------------------------------


async def test_up_in_the_empty_box_brings_back_queries_of_an_earlier_run(db: Path) -> None:
    app = browser(db)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"glutamate", "enter")
        await keys(pilot, "slash", "escape")
        await burst(pilot, *"alcohol", "enter")
        await settle(pilot)
    assert SavedState(TrialStore(db)).query_history() == ["glutamate", "alcohol"]

    again = browser(db)
    async with again.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(again)
        assert screen.search_box.value == ""  # starts empty
        await keys(pilot, "up")
        await settle(pilot)
        assert screen.search_box.value == "alcohol"
        assert screen.results.ids == [TRIAL]  # and searched
        await keys(pilot, "up")
        assert screen.search_box.value == "glutamate"
        await keys(pilot, "up")  # the oldest stays
        assert screen.search_box.value == "glutamate"
        await keys(pilot, "down")
        assert screen.search_box.value == "alcohol"
        await keys(pilot, "down")
        assert screen.search_box.value == ""
        assert isinstance(again.focused, Input)
        await keys(pilot, "down")  # an empty box, not walking: down moves to the results
        assert again.focused is screen.results

        await keys(pilot, "slash", *"x", "up")  # up in a box typed in: nothing happens
        assert screen.search_box.value == "x"
        assert isinstance(again.focused, Input)


# --- reloading ------------------------------------------------------------------------------


async def test_r_says_how_many_trials_another_process_changed(
    tmp_path: Path, clock: Clock
) -> None:
    path = saved_before_changes(tmp_path)
    app = browser(path)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        screen.open_saved("ended", ENDED)
        await settle(pilot)
        # (beside the list, 64 cells: the query stays, cut, and the news in short)
        assert count_text(app) == "3 of 3 trials  matching status:completed OR…  · 1 new, 1 changed"
        assert row_flags(app, OTHER) == "   "
        await select_row(pilot, OTHER)
        await keys(pilot, "8")
        await settle(pilot)
        assert "1 version: imported once" in history_text(app)

        other = TrialStore(path)  # another process (a sync) while the browser is open
        put(other, changed(study(OTHER), status="TERMINATED", last_update="2021-02-02"),
            "other-v2.json")
        put(other, third_version(), "v3.json")
        other.close()
        await keys(pilot, "r")
        await settle(pilot)
        message = " ".join(notifications(app))
        assert "2 trials new or changed since the browser opened" in message
        # the saved search shown marks the newly changed trial too
        assert row_flags(app, OTHER) == "  " + UNSEEN["changed"]
        assert row_flags(app, TRIAL) == "  " + UNSEEN["changed"]
        assert count_text(app) == "3 of 3 trials  matching status:completed OR…  · 1 new, 2 changed"
        # the History tab shown reads the versions again: the one the sync brought is there
        assert main_screen(app).detail.trial_id == OTHER
        assert app.screen.query_one(TabbedContent).get_tab("history").label.plain \
            in ("History 2", "Hist 2")
        assert "2 versions, newest first" in history_text(app)
        assert "status  Completed → Terminated" in history_text(app)

        await keys(pilot, "r")  # nothing more
        await settle(pilot)
        assert "up to date" in notifications(app)[-1]


def test_help_lists_the_new_keys_and_the_marks() -> None:
    text = plain(help_text())
    for line in ("8 ", "History tab", "ctrl+s", "Save the query", "Watch the highlighted",
                 "In an empty box: the queries searched before", WATCHED, UNSEEN["new"],
                 UNSEEN["changed"]):
        assert line in text


# --- snapshots ------------------------------------------------------------------------------


@SIZES
def test_history_tab_snapshot(
    snap_compare: Any, db: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await start(pilot)
        await select_row(pilot, TRIAL)
        await keys(pilot, "8")
        await settle(pilot)

    assert snap_compare(browser(db), terminal_size=size, run_before=run_before)
