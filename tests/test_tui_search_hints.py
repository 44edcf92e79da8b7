"""What the browser says about a query: a query error is not "0 matching" (the count line says
the query has an error, the list says which), lower-case or/and/not get a "did you mean"
hint (computed in the search's worker), and the footer names the search box's own keys."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import (
    ALS,
    LARGE,
    SMALL,
    burst,
    keys,
    main_screen,
    screen_text,
    settle,
    start,
    static_text,
)

from store import TrialStore
from tui.app import TrialsApp


def count_line(app: TrialsApp) -> str:
    return static_text(app, "#count").strip()


async def retype(pilot: Pilot[Any], query: str) -> None:
    """Replace the search box's text (as ctrl+u and typing would) and wait for the search."""
    main_screen(pilot.app).search_box.value = query  # type: ignore[arg-type]
    await settle(pilot)


def said(app: TrialsApp) -> str:
    """What the list says (it is empty): its message, as it is wrapped on screen."""
    return main_screen(app).results.empty_message.plain.strip()


async def test_a_query_error_is_not_a_count_of_zero(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"status:foo")
        assert count_line(app) == "query error: see below"
        assert said(app).startswith('unknown status "foo" at column 8: write one of "active, '
                                    'not recruiting", "approved for marketing", available,')
        shown = " ".join(screen_text(app).split())
        assert '"active, not recruiting", "approved for marketing"' in shown
        assert "0 of 5" not in screen_text(app)
        await retype(pilot, "status:completed")  # a good query: counted again
        assert count_line(app).startswith("2 of 5 trials  matching status:completed")


async def test_lower_case_or_that_matches_nothing_gets_a_hint(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = app.store
    assert isinstance(store, TrialStore)
    counted_in: list[str] = []
    count = store.count

    def counting(text: str, **kwargs: Any) -> int:
        counted_in.append(threading.current_thread().name)
        return count(text, **kwargs)

    monkeypatch.setattr(store, "count", counting)
    main_thread = threading.current_thread().name
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"amyotrophic or neuromyelitis")
        assert said(app) == (
            "No trial matches amyotrophic or neuromyelitis. Did you mean amyotrophic OR "
            "neuromyelitis? (3 trials; operators are upper case: a lower-case or, and, not is a "
            "word to match)")
        assert counted_in and main_thread not in counted_in  # counted in the worker
        await retype(pilot, "amyotrophic OR neuromyelitis")
        assert count_line(app).startswith("3 of 5 trials  matching amyotrophic OR")
        assert "did you mean" not in screen_text(app).lower()


async def test_fewer_matches_than_with_the_operator_in_capitals_hint_on_the_count_line(
    app: TrialsApp,
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"stem or amyotrophic")
        assert count_line(app) == "1 of 5 trials  did you mean stem OR amyotrophic? 5 trials"
        assert ALS in screen_text(app)  # the list shows what the query matches
        await retype(pilot, "stem")
        assert count_line(app).startswith("5 of 5 trials  matching stem")  # no hint


def footer_line(app: TrialsApp) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_footer_names_the_search_box_keys(app: TrialsApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        line = footer_line(app)
        for key in ("⏎/↓ Results", "F1 Help", "^q Quit", "^p palette"):
            assert key in line, line
        assert "esc Clear" not in line and "History" not in line, line  # empty, no history
        await burst(pilot, *"stem")
        line = footer_line(app)
        assert "esc Clear" in line, line
        assert "/ Search" not in line, line  # a slash is text in the box
        await keys(pilot, "down")  # the list: its keys, the essentials kept
        line = footer_line(app)
        for key in ("/ Search", "? Help", "q Quit", "^p palette"):
            assert key in line, line
        assert "Results" not in line and "esc Clear" not in line, line
        await keys(pilot, "slash")
        line = footer_line(app)
        assert "esc Clear" in line and "↑ History" not in line, line  # the box shows "stem"


async def test_the_footer_follows_the_first_letter_typed_once_typing_pauses(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first letter in the box would show esc Clear; laying the footer out again then
    delayed that key's new list, so the footer follows when typing pauses. A letter deleted
    again before then changes nothing."""
    from textual.widgets import Footer

    import tui.widgets.search_box

    monkeypatch.setattr(tui.widgets.search_box, "HINTS_WHILE_TYPING", 60.0)  # no pause yet
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        box = main_screen(app).search_box
        recomposed: list[bool] = []
        footer = app.screen.query_one(Footer)
        original = footer.recompose

        async def counted() -> None:
            recomposed.append(True)
            await original()

        monkeypatch.setattr(footer, "recompose", counted)
        box.value = "s"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert box.hints_waiting and not recomposed
        assert "esc Clear" not in footer_line(app)
        box.value = ""  # deleted before the pause: nothing to follow
        assert not box.hints_waiting
        await settle(pilot)
        assert not recomposed
        box.value = "s"
        assert box.hints_waiting
        monkeypatch.setattr(tui.widgets.search_box, "HINTS_WHILE_TYPING", 0.05)
        box.value = "st"  # the last key: typing pauses after it
        await settle(pilot)
        assert recomposed == [True]
        assert "esc Clear" in footer_line(app)


async def test_the_search_box_keys_still_work_with_their_footer_bindings(app: TrialsApp) -> None:
    """enter/down move to the results, escape clears, up in a typed box does nothing, up in an
    empty one brings back the query searched before; F1 opens the help."""
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        box = app.screen.query_one("#search")
        await burst(pilot, *"stem", "enter")
        assert app.focused is app.screen.query_one("#results")
        await keys(pilot, "slash", "escape")
        assert (app.focused, box.value) == (box, "")  # type: ignore[attr-defined]
        await keys(pilot, "up")
        assert box.value == "stem"  # type: ignore[attr-defined]
        await keys(pilot, "end", *"x", "up")
        assert box.value == "stemx"  # type: ignore[attr-defined]
        await keys(pilot, "f1")
        assert type(app.screen).__name__ == "HelpScreen"
