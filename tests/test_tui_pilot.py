"""Behaviour of the browser, driven with Textual's Pilot at 80×24 and 120×40."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from tui_helpers import (
    ALL_IDS,
    ALS,
    LARGE,
    NMO,
    SEED_PATHS,
    SMALL,
    burst,
    keys,
    main_screen,
    notifications,
    screen_text,
    seeded_store,
    select_row,
    settle,
    source_shown,
    start,
    static_text,
    wait_until,
)

from store import TrialStore
from tui import format as fmt
from tui.app import TrialsApp
from tui.compare_view import DIFFERS_MARK, field_rows
from tui.hanging import Hanging
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.detail import DetailScroll
from tui.widgets.result_rows import row_cells
from tui.widgets.results import MARK
from tui.widgets.search_box import SearchBox

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


def count_text(app: TrialsApp) -> str:
    return static_text(app, "#count").strip()


def row_of(app: TrialsApp, trial_id: str) -> str:
    """The list row of a trial as shown on screen (mark column first)."""
    rows = [line for line in screen_text(app).splitlines() if trial_id in line[:24]]
    assert rows, f"{trial_id} is not listed on screen:\n{screen_text(app)}"
    return rows[0]


def is_marked(app: TrialsApp, trial_id: str) -> bool:
    return row_of(app, trial_id).lstrip().startswith(MARK)


# --- start-up and searching ----------------------------------------------------------------


async def test_empty_store_is_seeded_and_focus_starts_in_search_box(tmp_path: Path) -> None:
    app = TrialsApp(tmp_path / "empty.json")
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        assert isinstance(app.focused, SearchBox)
        assert screen.results.ids == ALL_IDS
        assert count_text(app) == "5 of 5 trials"
        assert "5 of 5 trials" in screen_text(app)
        assert screen.detail.trial_id == ALL_IDS[0]
    assert TrialStore(tmp_path / "empty.json").ids() == ALL_IDS  # seeded on disk too


async def test_typing_narrows_the_list(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await pilot.press(*"amyotrophic")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.search_box.value == "amyotrophic"
        assert screen.results.ids == [ALS]
        assert count_text(app) == "1 of 5 trials  matching amyotrophic"
        assert "1 of 5 trials" in screen_text(app)
        row_of(app, ALS)
        assert screen.detail.trial_id == ALS
        assert isinstance(app.focused, SearchBox)  # typing never moves focus


async def test_no_match_says_what_to_try_and_escape_clears(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"zzqxv")
        screen = main_screen(app)
        assert screen.results.ids == []
        assert screen.results.current_id is None
        assert count_text(app).startswith("0 of 5 trials")
        text = screen_text(app)
        assert "No trial matches zzqxv" in text
        assert "Try fewer" in text
        assert "escape clears the search." in text  # wrapped at 80 columns, not cut
        assert static_text(app, "#overview-body").strip() == "No trial selected."

        await keys(pilot, "escape")
        await settle(pilot)
        assert screen.search_box.value == ""
        assert screen.results.ids == ALL_IDS
        assert count_text(app) == "5 of 5 trials"
        assert screen.detail.trial_id == ALL_IDS[0]
        assert isinstance(app.focused, SearchBox)


NO_WORD = "nothing to search for at column 1: a query needs a word (letters or digits)"
ODD_QUERIES = [  # (query, trials listed, what the list says when it lists none)
    ('"optic', 2, None),  # a quote being typed: the phrase so far ("optica" in two seeds)
    ("-", 5, None),
    ("OR", 5, None),
    ("NOT", 5, None),
    ("phase:", 0, "phase: needs a value at column 1, as in phase:2"),
    ("a*b*", 5, None),  # while typing, "a" then a word starting with b: every seed has both
    ("[/", 0, NO_WORD),  # it would list every trial, as if it were empty
    ("(((", 0, 'unclosed "(" at column 3'),
    ("\\", 0, NO_WORD),
    ("*", 0, NO_WORD),
    ("ü", 5, None),
    ("age:abc", 0, "age needs an age in years at column 5, as in age:30"),
]


async def test_odd_queries_say_what_is_wrong_and_never_crash(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        for query, listed, message in ODD_QUERIES:
            screen.search_box.value = query
            await settle(pilot)
            assert app.is_running
            assert len(screen.results.ids) == listed, query
            counted = (f"{listed} of 5 trials  matching {query}" if message is None
                       else "query error: see below")  # (not "0 of 5 trials" for an error)
            assert count_text(app).startswith(counted), query
            text = screen_text(app)
            if message is None:
                assert "No trial matches" not in text, query
                row_of(app, screen.results.ids[0])
            else:
                assert message in text, (query, text)
                assert notifications(app) == []  # a query problem is not a store problem


# --- moving between the box, the list and the detail ---------------------------------------


@pytest.mark.parametrize(("key", "size"), [("enter", SMALL), ("down", LARGE)])
async def test_enter_or_down_moves_to_results_and_up_returns(
    app: TrialsApp, key: str, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, key)
        assert app.focused is screen.results
        assert screen.results.cursor == 0  # down from the box does not also move the cursor
        await keys(pilot, "up")
        assert app.focused is screen.search_box
        assert screen.search_box.value == ""


async def test_j_k_move_the_cursor_and_the_detail_follows(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")
        for index, trial_id in enumerate(ALL_IDS):
            assert screen.results.cursor == index
            assert screen.results.current_id == trial_id
            assert screen.detail.trial_id == trial_id
            assert static_text(app, "#overview-body").startswith(trial_id)
            await keys(pilot, "j")
        assert screen.results.cursor == 4  # stops on the last row
        await keys(pilot, "k", "up")
        assert screen.results.cursor == 2
        assert screen.detail.trial_id == ALL_IDS[2]
        await keys(pilot, "down")
        assert screen.detail.trial_id == ALL_IDS[3]


async def test_slash_returns_to_the_box(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter", "j", "slash")
        assert app.focused is screen.search_box
        assert screen.search_box.value == ""  # "/" is not typed
        await keys(pilot, *"als")
        await settle(pilot)
        assert screen.search_box.value == "als"


async def test_tab_moves_from_the_box_to_the_list_to_the_detail(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "tab")
        assert app.focused is screen.results
        await keys(pilot, "tab")
        assert isinstance(app.focused, DetailScroll)
        assert app.focused.id == "overview-scroll"


async def test_tab_keys_switch_tabs_without_moving_focus(
    app: TrialsApp, trial_store: TrialStore
) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await select_row(pilot, NMO)
        assert screen.detail.active == "overview"
        for key, tab in [("a", "arms"), ("e", "eligibility"), ("s", "source"), ("o", "overview")]:
            await keys(pilot, key)
            assert screen.detail.active == tab
            assert app.focused is screen.results
            assert screen.results.current_id == NMO

        await keys(pilot, "e")
        eligibility = static_text(app, "#eligibility-body")
        assert "Clinically definite neuromyelitis optica" in eligibility
        assert "Increase of 1 EDSS point" in eligibility
        lines = eligibility.splitlines()
        top = next(line for line in lines if "Clinically definite" in line)
        nested = next(line for line in lines if "Increase of 1 EDSS point" in line)
        assert nested.lstrip().startswith("4.1.")
        assert nested.index("4.1.") > top.index("1.")  # nested criteria are indented
        assert "Clinically definite neuromyelitis optica" in screen_text(app)

        await keys(pilot, "a")
        arms = static_text(app, "#arms-body")
        assert "Control group" in arms
        assert "Placebo comparator" in arms
        assert "Autologous mesenchymal stem cells group" in arms
        assert "Control group" in screen_text(app)

        await keys(pilot, "s")
        body = app.screen.query_one("#source-body").content  # type: ignore[attr-defined]
        assert isinstance(body.renderable, Hanging)  # long lines wrap under their indentation
        assert source_shown(app) == trial_store.get_source(NMO)
        assert "ClinicalTrials" in screen_text(app)


async def test_tab_and_mark_keys_in_the_search_box_are_typed(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, *"oase c")
        await settle(pilot)
        assert screen.search_box.value == "oase c"
        assert screen.detail.active == "overview"
        assert app.marks == {}
        assert isinstance(app.screen, MainScreen)


@SIZES
async def test_enter_opens_detail_and_escape_steps_back(
    app: TrialsApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await select_row(pilot, NMO)
        await keys(pilot, "e", "enter")
        assert isinstance(app.focused, DetailScroll)
        assert app.focused.id == "eligibility-scroll"
        assert screen.detail.trial_id == NMO
        text = screen_text(app)
        assert "Clinically definite neuromyelitis optica" in text
        if size == SMALL:  # narrow terminals show the detail full screen
            assert screen.maximized is screen.detail
            assert "Increase of 1 EDSS point" in text
            assert "5 of 5 trials" not in text
        else:
            assert screen.maximized is None
            assert "5 of 5 trials" in text
        await keys(pilot, "a")  # tab keys work in the detail too; focus follows the tab
        assert screen.detail.active == "arms"
        assert app.focused.id == "arms-scroll"

        await keys(pilot, "escape")
        assert app.focused is screen.results
        assert screen.maximized is None
        assert screen.results.current_id == NMO
        assert "5 of 5 trials" in screen_text(app)
        await keys(pilot, "escape")
        assert app.focused is screen.search_box
        assert isinstance(app.screen, MainScreen)


async def test_j_k_scroll_the_detail(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await select_row(pilot, NMO)
        await keys(pilot, "e", "enter")
        scroll = app.focused
        assert isinstance(scroll, DetailScroll)
        assert scroll.max_scroll_y > 3
        await keys(pilot, "j", "j", "j")
        assert scroll.scroll_y == 3
        await keys(pilot, "k")
        assert scroll.scroll_y == 2
        assert main_screen(app).results.current_id == NMO  # the list did not move


# --- keys typed ahead in bursts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "query", "cursor", "tab", "shown"),
    [
        pytest.param((*"stem", "enter", "a"), "stem", 0, "arms", "Arms (", id="stem-enter-a"),
        pytest.param((*"amyo", "enter", "a"), "amyo", 0, "arms", "stem cell transplantation",
                     id="amyo-enter-a"),
        pytest.param((*"amyo", "down", "s", "slash"), "amyo", 0, "source", "Amyotrophic",
                     id="amyo-down-s-/"),
        pytest.param((*"stem", "enter", "j", "j"), "stem", 2, "overview", "Stem",
                     id="stem-enter-jj"),
        pytest.param((*"stem", "down", "j", "e", "space"), "stem", 1, "eligibility",
                     "Inclusion", id="stem-down-j-e-space"),
    ],
)
async def test_burst_keys_act_in_order(
    app: TrialsApp, trial_store: TrialStore, monkeypatch: pytest.MonkeyPatch,
    keys: tuple[str, ...], query: str, cursor: int, tab: str, shown: str,
) -> None:
    """All keys queued before the app handles the first, as over SSH, with a slow search:
    the keys after enter act on the final query's rows, never on the box or stale rows."""
    search = trial_store.search

    def slow_search(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        time.sleep(0.05)  # as at 100,000 trials: the keys typed ahead win the race
        return search(*args, **kwargs)

    monkeypatch.setattr(trial_store, "search", slow_search)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *keys)
        screen = main_screen(app)
        assert screen.search_box.value == query
        assert screen.detail.active == tab
        assert app.focused is (screen.search_box if keys[-1] == "slash" else screen.results)
        expected = [hit["id"] for hit in search(query, limit=None, prefix_last=True)]
        assert screen.results.ids == expected
        assert screen.results.cursor == cursor
        assert screen.detail.trial_id == expected[cursor]
        assert list(app.marks) == ([expected[cursor]] if keys[-1] == "space" else [])
        assert shown in static_text(app, f"#{tab}-body")


async def test_burst_slash_then_typing_goes_to_the_box(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"als", "enter", "s", "/", *"x")
        screen = main_screen(app)
        assert screen.detail.active == "source"
        assert app.focused is screen.search_box
        assert screen.search_box.value == "alsx"


# --- marks and compare ---------------------------------------------------------------------


@SIZES
async def test_space_marks_and_marks_survive_a_search(
    app: TrialsApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "down", "j", "j", "space")
        assert list(app.marks) == [ALS]
        assert static_text(app, "#marks").strip() == "1 marked"
        assert "1 marked" in screen_text(app)
        assert is_marked(app, ALS)
        assert not is_marked(app, NMO)
        assert screen.results.current_id == ALS  # marking does not move the cursor

        await keys(pilot, "slash")
        await burst(pilot, *"stem")
        assert screen.search_box.value == "stem"
        assert list(app.marks) == [ALS]
        assert is_marked(app, ALS)
        assert "1 marked" in screen_text(app)

        await keys(pilot, "escape")
        await settle(pilot)
        await select_row(pilot, ALS)
        await keys(pilot, "space")  # space again unmarks
        assert app.marks == {}
        assert static_text(app, "#marks").strip() == ""
        assert MARK not in screen_text(app)


async def test_compare_needs_two_to_six_marks(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "down", "c")
        assert isinstance(app.screen, MainScreen)
        assert any("at least two" in message for message in notifications(app))
        await keys(pilot, "space", "c")
        assert isinstance(app.screen, MainScreen)
        assert any("(1 marked)" in message for message in notifications(app))
        app.clear_notifications()
        for trial_id in ("A", "B", "C", "D", "E", "F"):  # ids need not exist to be marked
            app.marks[f"NCT-{trial_id}"] = None
        await keys(pilot, "c")
        assert len(app.marks) == 7
        assert isinstance(app.screen, MainScreen)
        assert any("at most 6" in message for message in notifications(app))


@SIZES
async def test_compare_two_marked_trials(app: TrialsApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await select_row(pilot, ALS)
        await keys(pilot, "space", "j", "space", "c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert [record["id"] for record in screen.records] == [ALS, NMO]
        assert isinstance(app.focused, DetailScroll)

        rows = {label: differs for label, _, differs in field_rows(screen.records)}
        assert rows["Title"] and rows["Sponsor"] and rows["Enrollment"] and rows["Status"]
        assert not rows["Phases"] and not rows["Sex"]
        body = static_text(app, "#compare-body", width=size[0])
        assert f"{DIFFERS_MARK} Sponsor" in body
        assert f"{DIFFERS_MARK} Status" in body
        assert f"{DIFFERS_MARK} Phases" not in body
        assert "Phases" in body
        assert "Control group" in body  # the arms section
        text = screen_text(app)
        assert "Comparing 2 trials" in text
        assert ALS in text and NMO in text
        assert f"{DIFFERS_MARK} Title" in text

        await keys(pilot, "j", "j")  # scrolls the comparison
        assert app.focused.scroll_y == 2

        await keys(pilot, "escape")
        await settle(pilot)
        screen = main_screen(app)
        assert list(app.marks) == [ALS, NMO]
        assert screen.results.current_id == NMO
        assert app.focused is screen.results
        assert is_marked(app, ALS) and is_marked(app, NMO)


async def test_help_and_quit_from_compare(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "down", "space", "j", "space", "c")
        assert isinstance(app.screen, CompareScreen)
        await keys(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await keys(pilot, "escape")
        assert isinstance(app.screen, CompareScreen)
        await keys(pilot, "q")
        await pilot.pause()
    assert app.return_code == 0


# --- help, quit, palette -------------------------------------------------------------------


@SIZES
async def test_question_mark_opens_help_and_escape_closes(
    app: TrialsApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await keys(pilot, "down", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "trials: keys" in screen_text(app)
        assert "Move to the results" in screen_text(app)
        body = static_text(app, "#help-body")
        for text in ("Mark or unmark for compare", "Compare the marked trials", "Eligibility tab",
                     "Back to the search box", "Quit"):
            assert text in body
        await keys(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert app.focused is app.screen.results


async def test_f1_opens_help_while_typing(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, *"ste", "f1")
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help-scroll", DetailScroll)
        assert app.focused is scroll
        await keys(pilot, "j")  # j scrolls the help
        assert scroll.scroll_y == 1
        await keys(pilot, "f1")  # F1 again closes it, as the help says
        assert isinstance(app.screen, MainScreen)
        assert app.focused is app.screen.search_box
        await keys(pilot, "f1", "q")  # q closes help too: it does not quit
        assert isinstance(app.screen, MainScreen)
        await keys(pilot, "question_mark", "m")  # in the box "?" is text
        await settle(pilot)
        assert app.screen.search_box.value == "ste?m"
        assert app.is_running


async def test_q_quits_from_the_list(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "down", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_q_in_the_box_is_typed_and_ctrl_q_quits(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "q")
        await settle(pilot)
        assert app.is_running
        assert app.screen.search_box.value == "q"
        await keys(pilot, "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_quits_from_help(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "f1", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def wait_for_palette_hit(pilot: Pilot[Any], needle: str) -> str:
    """Wait until the palette lists a "Go to" hit containing needle; the screen text."""
    return await wait_until(
        pilot, lambda text: any(needle in line and "Go to" in line for line in text.splitlines()),
        f"a palette hit with {needle!r}")


async def test_ctrl_p_opens_the_palette_and_goes_to_a_trial(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, *"als")
        await settle(pilot)
        await keys(pilot, "ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await burst(pilot, *"NCT06360861")
        await wait_for_palette_hit(pilot, "NCT06360861")
        await keys(pilot, "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.results.current_id == "NCT06360861"  # the search was cleared to show it
        assert screen.search_box.value == ""
        assert app.focused is screen.results


async def test_ctrl_p_from_the_list_and_escape_closes(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "down", "ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await keys(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.is_running


# --- untrusted text ------------------------------------------------------------------------

EVIL_TITLE = "[bold]Evil[/ [link=http://x]y[/link] \x1b]52;c;SGVsbG8=\x07\x1b[2Jtitle"
EVIL_SPONSOR = "[red]Acme[/red]"


@pytest.fixture
def evil_store(tmp_path: Path) -> TrialStore:
    """The seeds with seed 003's title and sponsor replaced by markup and escape sequences."""
    folder = tmp_path / "evil"
    folder.mkdir()
    for path in SEED_PATHS:
        shutil.copy2(path, folder / path.name)
    seed = next(folder.glob("003_*.txt"))
    text = seed.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("The Clinical Trial"))
    text = text.replace(title, EVIL_TITLE, 1)
    text = text.replace("General Hospital of Chinese Armed Police Forces", EVIL_SPONSOR, 1)
    seed.write_text(text, encoding="utf-8")
    store = seeded_store(tmp_path / "evil.json", sorted(folder.glob("*.txt")))
    assert store.get(ALS)["sponsor"] == EVIL_SPONSOR  # type: ignore[index]
    return store


def assert_no_control(text: str) -> None:
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "52;c" not in text


@SIZES
async def test_markup_and_escapes_in_data_show_literally(
    evil_store: TrialStore, size: tuple[int, int]
) -> None:
    app = TrialsApp(None, store=evil_store)
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await burst(pilot, *"evil")
        screen = main_screen(app)
        assert screen.results.ids == [ALS]
        assert "[bold]Evil[/" in row_of(app, ALS)

        overview = static_text(app, "#overview-body")
        assert "[bold]Evil[/ [link=http://x]y[/link]" in overview
        assert EVIL_SPONSOR in overview
        await keys(pilot, "enter", "enter")  # focus the overview; full screen when narrow
        text = screen_text(app)
        assert "[bold]Evil[/" in text
        assert EVIL_SPONSOR in text
        assert_no_control(text)
        assert_no_control(app.export_screenshot())
        for tab in "aes":
            await keys(pilot, tab)
            assert_no_control(screen_text(app))
            assert_no_control(static_text(app, f"#{screen.detail.active}-body"))
        assert app.is_running


async def test_markup_in_data_in_the_palette_and_compare(evil_store: TrialStore) -> None:
    app = TrialsApp(None, store=evil_store)
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await burst(pilot, *"evil")
        text = await wait_for_palette_hit(pilot, ALS)
        assert "Evil[/" in text
        assert_no_control(text)
        await keys(pilot, "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.results.current_id == ALS

        await keys(pilot, "space", "j", "space", "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        assert "[bold]Evil[/" in text
        assert_no_control(text)
        body = static_text(app, "#compare-body")
        assert EVIL_SPONSOR in body
        assert_no_control(body)
        await keys(pilot, "escape", "f1")  # help and back: still alive
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert app.is_running


# --- environment ---------------------------------------------------------------------------


def coloured(app: TrialsApp) -> list[str]:
    """The text drawn on screen in a colour that is not a grey (foreground or background)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            for colour in (style.color, style.bgcolor):
                if colour is not None and not colour.is_default:
                    red, green, blue = colour.get_truecolor()
                    if not red == green == blue:
                        found.append(segment.text)
    return found


@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "colour"])
async def test_no_color_draws_in_greys_only(
    monkeypatch: pytest.MonkeyPatch, trial_store: TrialStore, no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = TrialsApp(None, store=trial_store)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"amyotrophic", "enter", "space")
        assert main_screen(app).results.ids == [ALS]
        text = screen_text(app)
        assert "1 of 5 trials" in text and "1 marked" in text
        if no_color:
            assert coloured(app) == []
        else:  # the check can fail: in colour, the cursor row, marks and footer keys are not grey
            assert ALS in "".join(coloured(app))


# --- the list's columns --------------------------------------------------------------------


@pytest.mark.parametrize(("size", "shown"), [((100, 30), 15), (SMALL, 40), (LARGE, 26)],
                         ids=["100x30", "80x24", "120x40"])
async def test_titles_get_the_width(
    app: TrialsApp, trial_store: TrialStore, size: tuple[int, int], shown: int
) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        title = trial_store.get(NMO)["title"]  # type: ignore[index]
        row = row_of(app, NMO)
        assert title[: shown - 1] + "…" in row  # the rest cut with "…"
        # status and phase, short, fit beside the title (beside the detail too: 100 and 120)
        assert "Completed  2 " in row  # "Completed" in the status column of 10
        header = next(line for line in screen_text(app).splitlines() if "Title" in line)
        assert "Status" in header and "Phase" in header


@pytest.mark.parametrize(
    ("status", "phases", "cells"),
    [("RECRUITING", ["PHASE1", "PHASE2"], ("Recruiting", "1/2")),
     ("ACTIVE_NOT_RECRUITING", ["NA"], ("Active, n…", "N/A")),
     ("ENROLLING_BY_INVITATION", ["PHASE4"], ("By invita…", "4")),
     ("TERMINATED", ["EARLY_PHASE1"], ("Terminated", "Early 1")),
     (None, [], ("", ""))],
)
def test_status_and_phase_are_short_in_the_list(
    status: str | None, phases: list[str], cells: tuple[str, str]
) -> None:
    row = row_cells({"id": "NCT1", "title": "T", "status": status, "phases": phases,
                     "conditions": [], "enrollment": None}, "NCT1")
    assert (row["status"], row["phase"]) == cells
    assert all(len(value) <= 10 for value in fmt.SHORT_STATUS.values())  # the column's width
    for value, short in fmt.SHORT_STATUS.items():  # the status itself, or a cut that says so
        full = fmt.enum_text(value)
        assert short == full or (short.endswith("…") and len(full) > 10)


def test_the_list_s_enrollment_has_thousands_separators() -> None:
    row = row_cells({"id": "NCT1", "title": "T", "status": None, "phases": [],
                     "conditions": [], "enrollment": 42000}, "NCT1")
    assert row["enrollment"] == "42,000"  # as the detail writes it


@pytest.mark.parametrize(("enrollment", "text"), [
    ({"count": 16372, "type": "ACTUAL"}, "16,372 (actual)"),
    ({"count": 30, "type": "ESTIMATED"}, "30 (estimated)"),
    ({"count": 1200, "type": None}, "1,200"),
    (None, ""),
])
def test_enrollment_counts_have_thousands_separators(enrollment: dict | None, text: str) -> None:
    assert fmt.enrollment_text(enrollment) == text


async def test_z_shows_the_detail_full_width_and_back(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:  # side by side
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")
        assert "z Zoom" in screen_text(app).splitlines()[-1]  # the footer names it
        await keys(pilot, "z")
        assert screen.maximized is screen.detail
        assert screen.detail.region.width == LARGE[0]
        footer = screen.query_one("#footer")  # the keys stay under the detail alone
        assert footer.region.height == 1 and footer.region.y == LARGE[1] - 1
        assert "Help" in screen_text(app).splitlines()[-1]
        await keys(pilot, "z")
        assert screen.maximized is None
        assert screen.detail.region.width < LARGE[0]
        await keys(pilot, "z", "escape")  # escape also brings the list back
        assert screen.maximized is None


async def test_z_works_where_the_footer_has_no_room_to_name_it(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:  # list above detail, compact footer
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")  # into the list
        footer = screen_text(app).splitlines()[-1]
        assert "q Quit" in footer and "z Zoom" not in footer
        await keys(pilot, "z")
        assert screen.maximized is screen.detail
        await keys(pilot, "z")
        assert screen.maximized is None
