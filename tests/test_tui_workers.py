"""The browser keeps answering keys while the store works: searches, record reads and the
palette's look-ups run off the UI thread, and only the visible detail tab is rendered."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import (
    ALL_IDS,
    ALS,
    LARGE,
    NMO,
    SMALL,
    burst,
    dialog,
    key_event,
    keys,
    main_screen,
    plain,
    screen_text,
    select_row,
    settle,
    source_shown,
    start,
    static_text,
    wait_for_text,
    wait_until,
)

import tui.screens.main_detail
import tui.screens.main_search
from store import TrialStore
from tui.app import SWITCH_INTERVAL, TrialsApp
from tui.screens.help import HelpScreen


class Gate:
    """Blocks a store method in its worker thread until opened; counts its calls."""

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        self.opened = threading.Event()
        self.calls: list[tuple[Any, ...]] = []
        self.threads: set[str] = set()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(args)
        self.threads.add(threading.current_thread().name)
        assert threading.current_thread() is not threading.main_thread()
        self.opened.wait(10)
        return self.method(*args, **kwargs)


async def press_now(pilot: Pilot[Any], *names: str) -> None:
    """Post keys and let the app handle them, without waiting for workers."""
    for name in names:
        pilot.app.post_message(key_event(name))
    await pilot.pause()


async def type_now(pilot: Pilot[Any], *names: str) -> None:
    """Type keys and wait for their searches' lists, not for a detail waiting for a pause in
    typing (settle waits for that too)."""
    await press_now(pilot, *names)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_keys_answer_while_a_search_runs(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(trial_store.search)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        monkeypatch.setattr(trial_store, "search", gate)
        await press_now(pilot, *"amyo")
        assert screen.search_box.value == "amyo"  # typed at once, the search still running
        await wait_for_text(pilot, "searching…")  # the count line says the list will change
        assert screen.results.ids == ALL_IDS  # the previous results, until the search is done

        await press_now(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)  # while the search is still held
        await press_now(pilot, "f1")
        assert app.screen is screen

        gate.opened.set()
        await settle(pilot)
        assert screen.results.ids == [ALS]
        assert "searching" not in screen_text(app)
        assert gate.calls and all(name != "MainThread" for name in gate.threads)


async def test_a_superseded_search_never_shows(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    search = trial_store.search
    first = threading.Event()

    def slow_first(query: str, *args: Any, **kwargs: Any) -> Any:
        if query == "stem":  # the older request finishes last
            first.wait(10)
        return search(query, *args, **kwargs)

    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        monkeypatch.setattr(trial_store, "search", slow_first)
        await press_now(pilot, *"stem")
        await pilot.pause(0.1)
        screen.search_box.value = "amyotrophic"
        await wait_until(pilot, lambda text: "1 of 5 trials" in text, "the newer search")
        first.set()
        await settle(pilot)
        assert screen.results.ids == [ALS]
        assert static_text(app, "#count").strip() == "1 of 5 trials  matching amyotrophic"


async def test_enter_moves_focus_at_once_and_the_list_follows_the_search(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(trial_store.search)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        monkeypatch.setattr(trial_store, "search", gate)
        await press_now(pilot, *"amyo", "enter", "j", "a")
        assert app.focused is screen.results  # at once, before the search is done
        assert screen.results.holding
        assert screen.detail.active == "overview"  # "a" waits for the rows it is meant for
        gate.opened.set()
        await settle(pilot)
        assert screen.results.ids == [ALS]
        assert screen.results.cursor == 0  # j on a one-row list stays
        assert screen.detail.active == "arms"
        assert screen.detail.trial_id == ALS
        assert not screen.results.holding


@pytest.fixture
def typing_never_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The detail waits a minute for a pause in typing: never, in a test."""
    monkeypatch.setattr(tui.screens.main_detail, "DETAIL_WHILE_TYPING", 60.0)


async def test_while_typing_the_detail_waits_for_a_pause_and_enter_shows_it_at_once(
    app: TrialsApp, typing_never_pauses: None
) -> None:
    # Each key's list is drawn without laying out a new trial in the detail; the detail
    # follows when typing pauses (here: never) or when the search box is left.
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        assert screen.detail.trial_id == ALL_IDS[0]
        await type_now(pilot, *"amyotrophic")
        assert screen.results.ids == [ALS]
        assert "1 of 5 trials" in static_text(app, "#count")
        assert screen.detail.trial_id == ALL_IDS[0]  # the list's trial waits for a pause
        assert screen.detail_waiting
        await type_now(pilot, "ctrl+u")  # a newer list replaces the trial that waits
        await type_now(pilot, *"neuromyelitis")
        assert screen.results.current_id == NMO
        assert screen.detail.trial_id == ALL_IDS[0]
        await keys(pilot, "enter")  # leaving the box: the list's trial at once
        assert not screen.detail_waiting
        assert screen.detail.trial_id == NMO
        assert NMO in static_text(app, "#overview-body")


async def test_each_key_typed_starts_the_wait_for_a_pause_again(
    app: TrialsApp, typing_never_pauses: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "amyo", "amyot", "amyotr" list the same first trial: the trial waiting since "amyo"
    # must wait for a pause after the last key, not be laid out between two keys.
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await type_now(pilot, *"amyo")
        assert screen.results.current_id == ALS and screen.detail_waiting
        timer = screen._detail_timer
        assert timer is not None
        stopped: list[bool] = []
        monkeypatch.setattr(timer, "stop", lambda: stopped.append(True))
        await type_now(pilot, "t")
        assert screen.results.current_id == ALS
        assert stopped == [True] and screen._detail_timer not in (None, timer)  # a new wait
        await type_now(pilot, "r")
        assert screen.detail_waiting and screen.detail.trial_id != ALS  # still waiting


async def test_a_key_that_moves_the_cursor_ends_the_wait_for_a_pause(
    app: TrialsApp, typing_never_pauses: None
) -> None:
    # The cursor moved onto the trial the detail shows already: the trial that waited for a
    # pause in typing must not replace it later.
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        shown = screen.detail.trial_id
        await type_now(pilot, "s")
        assert screen.results.current_id != shown and shown in screen.results.ids
        assert screen.detail_waiting
        screen.set_focus(screen.results)
        await select_row(pilot, shown)
        assert not screen.detail_waiting
        assert screen.detail.trial_id == shown == screen.results.current_id


async def test_the_browser_command_tunes_its_process(trial_store: TrialStore) -> None:
    """The collector stops walking the start-up objects, and threads take turns with the
    interpreter's lock more often (a worker's store reads wait less while the screen draws);
    an app that does not own its process (the tests') changes neither."""
    assert gc.get_freeze_count() == 0
    interval = sys.getswitchinterval()
    assert interval > SWITCH_INTERVAL
    app = TrialsApp(trial_store.path, store=trial_store, own_process=True)
    try:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            assert gc.get_freeze_count() > 0  # the widgets, styles and store made so far
            assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    finally:
        gc.unfreeze()
        sys.setswitchinterval(interval)
    other = TrialsApp(trial_store.path, store=trial_store)  # tests' apps: nothing changed
    async with other.run_test(size=SMALL) as pilot:
        await start(pilot)
        assert gc.get_freeze_count() == 0
        assert sys.getswitchinterval() == interval


async def test_the_list_reads_its_rows_off_the_ui_thread(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The search reads the cells of its first rows with its results (here 2); the list asks
    # for the others as it draws them, and shows their ids and "…" until a worker read them.
    monkeypatch.setattr(tui.screens.main_search, "ROWS_READ", 2)
    gate = Gate(trial_store.columns_many)
    gate.opened.set()
    asked: list[list[str]] = []

    def recorded(ids: Any) -> Any:
        asked.append(list(ids))
        return gate(ids)

    def never(trial_id: str) -> Any:
        raise AssertionError("a row read one at a time")

    monkeypatch.setattr(trial_store, "columns_many", recorded)
    monkeypatch.setattr(trial_store, "columns", never)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        assert screen.results.ids == ALL_IDS
        assert asked[:2] == [ALL_IDS[:2], ALL_IDS[2:]]  # with the results, then the rest
        assert all(title != "…" for title in row_titles(app).values())
        assert row_titles(app)[ALS].startswith("The Clinical Trial")
        assert "MainThread" not in gate.threads

        gate.opened.clear()  # the next reads wait
        screen.results.forget_rows()
        await pilot.pause()
        assert row_titles(app) == dict.fromkeys(ALL_IDS, "…")  # ids at once, cells pending
        screen.set_focus(screen.results)
        await press_now(pilot, "j")  # keys answer meanwhile
        assert screen.results.cursor == 1
        gate.opened.set()
        await settle(pilot)
        assert row_titles(app)[ALS].startswith("The Clinical Trial")
        assert "MainThread" not in gate.threads


def row_titles(app: TrialsApp) -> dict[str, str]:
    """What each list row shows after its id, up to the next column (the title)."""
    titles = {}
    for line in screen_text(app).splitlines():
        for trial_id in ALL_IDS:
            if trial_id in line.split("▏")[0]:
                titles[trial_id] = line.split(trial_id, 1)[1].strip().split("  ")[0]
    return titles


async def test_the_detail_reads_records_in_a_worker_and_keeps_the_last_few(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(trial_store.get)
    # "Loading…" after a second, not 0.15 s: a busy machine could show it before the check
    # that the previous trial stays meanwhile.
    monkeypatch.setattr(tui.screens.main_detail, "SLOW", 1.0)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        shown = screen.detail.trial_id
        screen.set_focus(screen.results)  # (the rows next to the cursor are read ahead now)
        await settle(pilot)
        monkeypatch.setattr(trial_store, "get", gate)
        await press_now(pilot, "end")
        assert screen.results.current_id == ALL_IDS[-1]
        assert screen.detail.trial_id == shown  # the previous trial, for a moment
        await wait_until(pilot, lambda text: f"Loading {ALL_IDS[-1]}…" in text, "Loading…")
        await press_now(pilot, "e")  # keys answer while the record is read
        assert screen.detail.active == "eligibility"
        gate.opened.set()
        await settle(pilot)
        assert screen.detail.trial_id == ALL_IDS[-1]
        assert ALL_IDS[-1] in static_text(app, "#eligibility-body")

        calls = len(gate.calls)  # the rows next to the cursor were read in the background
        await keys(pilot, "k", "k", "j", "k")
        assert screen.detail.trial_id == ALL_IDS[-3]
        assert len(gate.calls) == calls
        assert "Loading" not in screen_text(app)


async def test_the_rows_next_to_the_cursor_are_read_once_the_list_has_the_focus(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a search is typed, the next key brings another list: the rows next to the cursor
    are read (and, in a store of an earlier parser revision, parsed again) only when the list
    takes the focus, so that j and k show them at once."""
    read: list[str] = []
    real = trial_store.get

    def get(trial_id: str) -> Any:
        read.append(trial_id)
        return real(trial_id)

    monkeypatch.setattr(trial_store, "get", get)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await settle(pilot)
        assert screen.search_box.has_focus
        assert read == [ALL_IDS[0]]  # the trial shown, and none ahead
        screen.set_focus(screen.results)
        await settle(pilot)
        assert read[1:] == ALL_IDS[1:4]  # three rows below the cursor
        await keys(pilot, "j", "j")
        assert screen.detail.trial_id == ALL_IDS[2]
        assert read[1:4] == ALL_IDS[1:4]  # (shown without being read again)


async def test_only_the_visible_tab_is_rendered(app: TrialsApp, trial_store: TrialStore) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await select_row(pilot, NMO)
        await settle(pilot)
        assert static_text(app, "#overview-body").startswith(NMO)
        for tab in ("arms", "eligibility", "source"):
            assert static_text(app, f"#{tab}-body").strip() == ""
        await keys(pilot, "s")
        assert source_shown(app) == trial_store.get_source(NMO)
        await keys(pilot, "j")  # another trial: the Source tab is rendered, the others not
        assert source_shown(app).startswith(
            (trial_store.get_source(screen.results.current_id or "") or "")[:40])
        assert static_text(app, "#overview-body").strip() == ""


async def test_the_palette_lists_the_best_matches_from_the_search(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_full_listing() -> list[str]:
        raise AssertionError("the palette must not list every trial")

    monkeypatch.setattr(trial_store, "ids", no_full_listing)
    search = trial_store.search
    threads: set[str] = set()

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.add(threading.current_thread().name)
        return search(*args, **kwargs)

    monkeypatch.setattr(trial_store, "search", spy)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await burst(pilot, *"stem cell")
        best = [hit["id"] for hit in search("stem cell", limit=50, prefix_last=True)]
        assert len(best) >= 2
        text = await wait_until(
            pilot, lambda text: sum("Go to" in line for line in text.splitlines()) >= len(best),
            "the palette's hits")
        listed = [line.split("Go to", 1)[1].split()[0] for line in text.splitlines()
                  if "Go to" in line]
        assert listed == best  # ranked as the search ranks them
        assert "MainThread" not in threads  # every search of the palette ran in a thread


async def test_the_best_rows_show_first_and_the_rest_follows(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word at 100,000 trials: the first rows at once, every match a moment later."""
    monkeypatch.setattr(tui.screens.main_search, "FIRST_ROWS", 2)
    search = trial_store.search
    everything = threading.Event()

    def slow_count(*args: Any, limit: int | None = 50, **kwargs: Any) -> Any:
        if limit is None:
            everything.wait(10)
        return search(*args, limit=limit, **kwargs)

    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await select_row(pilot, ALL_IDS[0])
        monkeypatch.setattr(trial_store, "search", slow_count)
        await press_now(pilot, "S")  # sort by id: a new search
        await wait_until(pilot, lambda text: "sorted by id" in text, "the sorted list")
        assert screen.results.ids == ALL_IDS[:2]
        # the count is exact at once: the index counts without listing every match
        assert static_text(app, "#count").strip() == "5 of 5 trials  sorted by id (ascending)"
        await press_now(pilot, "j", "space", "end", "x")  # act on the first rows at once
        assert screen.results.cursor == 1 and list(app.marks) == [ALL_IDS[1]]
        assert app.screen is screen  # the export waits for every row

        everything.set()
        await settle(pilot)
        assert screen.results.ids == ALL_IDS
        assert screen.results.cursor == 4  # `end` meant the last of them all
        count = plain(screen.query_one("#count", Static).content).strip()
        assert count == "5 of 5 trials  sorted by id (ascending)"
        box = dialog(app)
        assert box.job.ids == tuple(ALL_IDS)


async def test_a_long_list_is_listed_as_it_is_scrolled(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More matches than the list takes at once: the first rows and the exact count, then
    more rows as the cursor nears the last one listed, and all of them on `end`."""
    monkeypatch.setattr(tui.screens.main_search, "FIRST_ROWS", 2)
    monkeypatch.setattr(tui.screens.main_search, "LIST_AT_ONCE", 2)
    monkeypatch.setattr(tui.screens.main_search, "LIST_STEP", 1)
    limits: list[int | None] = []
    search = trial_store.search

    def recorded(*args: Any, limit: int | None = 50, **kwargs: Any) -> Any:
        limits.append(limit)
        return search(*args, limit=limit, **kwargs)

    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await select_row(pilot, ALL_IDS[0])
        monkeypatch.setattr(trial_store, "search", recorded)
        await press_now(pilot, "S")  # sort by id: a new search
        await wait_until(pilot, lambda text: "sorted by id" in text, "the sorted list")
        await settle(pilot)
        assert None not in limits  # every match was never ranked at once
        assert screen.results.ids[:2] == ALL_IDS[:2]
        assert not screen.results.complete
        count = static_text(app, "#count")
        assert "5 of 5 trials" in count and "listed; more as you scroll" in count
        listed = len(screen.results.ids)
        await press_now(pilot, "j")
        await settle(pilot)
        assert len(screen.results.ids) > listed  # more rows as the cursor nears the end
        await press_now(pilot, "end")
        await settle(pilot)
        assert screen.results.ids == ALL_IDS
        assert screen.results.complete and screen.results.cursor == 4
        assert "more as you scroll" not in static_text(app, "#count")
