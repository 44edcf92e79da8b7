"""A trial's Overview is built and laid out in the worker that reads the trial (or reads the
rows next to the cursor ahead), not on the event loop, and the pane draws those lines."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from tui_helpers import ALL_IDS, LARGE, SMALL, keys, main_screen, settle, start, static_text

import tui.widgets.detail
from tui.app import TrialsApp
from tui.pages import Memo
from tui.widgets.detail_overview import OverviewLayout

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


class Renders:
    """Spies on Memo.prepare: which bodies were laid out for the app's console, in which
    thread (the tests' own reading of a body's text lays it out at another width)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, app: TrialsApp) -> None:
        self.in_main: list[int] = []
        self.in_workers: list[int] = []
        self.prepared: set[int] = set()  # bodies laid out by OverviewLayout.prepare
        real_memo, real_layout = Memo.prepare, OverviewLayout.prepare

        def memo_prepare(memo: Memo, console: Console, options: Any) -> None:
            before = memo._key
            real_memo(memo, console, options)
            if memo._key != before and console is app.console:
                main = threading.current_thread() is threading.main_thread()
                (self.in_main if main else self.in_workers).append(id(memo))

        def layout_prepare(layout: OverviewLayout, record: dict[str, Any]) -> Any:
            prepared = real_layout(layout, record)
            self.prepared.add(id(prepared.body))
            return prepared

        monkeypatch.setattr(Memo, "prepare", memo_prepare)
        monkeypatch.setattr(OverviewLayout, "prepare", layout_prepare)


@pytest.fixture
def built_by_pane(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the trials whose Overview the pane builds itself (on the event loop)."""
    built: list[str] = []
    real_overview = tui.widgets.detail.overview

    def pane_overview(record: dict[str, Any], *args: Any) -> Any:
        built.append(record["id"])
        return real_overview(record, *args)

    monkeypatch.setattr(tui.widgets.detail, "overview", pane_overview)
    return built


@SIZES
async def test_moving_down_the_list_shows_overviews_laid_out_in_workers(
    app: TrialsApp, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch,
    built_by_pane: list[str],
) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")
        await settle(pilot)
        # (rows read ahead while the list first settled may have been laid out at the
        # pane's width before the list took its own: the pane lays those out again)
        screen._records.clear()
        renders = Renders(monkeypatch, app)
        built_by_pane.clear()
        for trial_id in ALL_IDS[1:]:
            await keys(pilot, "j")
            await settle(pilot)
            assert screen.detail.trial_id == trial_id
            assert static_text(app, "#overview-body").startswith(trial_id)
        assert built_by_pane == []  # the pane built no Overview itself
        assert renders.prepared  # the workers laid them out...
        assert not set(renders.in_main) & renders.prepared  # ...and none again on the loop
        assert set(renders.in_workers) >= renders.prepared


async def test_overviews_read_for_an_earlier_search_are_laid_out_again_in_workers(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch, built_by_pane: list[str]
) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)  # the first rows are read, their Overviews laid out unmarked
        screen = main_screen(app)
        read_before = set(screen._records)
        assert read_before
        await keys(pilot, *"stem")  # a search: the rows read keep Overviews of the old one
        await settle(pilot)
        await keys(pilot, "enter")
        await settle(pilot)
        renders = Renders(monkeypatch, app)
        built_by_pane.clear()
        shown = [screen.detail.trial_id]
        for _ in screen.results.ids[1:]:
            await keys(pilot, "j")
            await settle(pilot)
            shown.append(screen.detail.trial_id)
        assert set(shown) & read_before  # some were read before the search
        assert built_by_pane == []
        assert not set(renders.in_main) & renders.prepared


async def test_an_overview_laid_out_for_another_search_is_built_again(
    app: TrialsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        screen = main_screen(app)
        await keys(pilot, "enter")
        await settle(pilot)
        layout = screen.detail.overview_layout(screen.marker)
        assert layout is not None
        record = app.store.get(ALL_IDS[1]) if app.store else None
        assert record is not None
        prepared = layout.prepare(record)

        def other_mark(value: str) -> Text:
            return Text(value)

        screen.detail.show_record(record, None, other_mark, overview=prepared)
        await settle(pilot)
        assert screen.detail._prepared is None  # laid out for another marker: not used
        assert static_text(app, "#overview-body").startswith(ALL_IDS[1])
        screen.detail.show_record(record, None, screen.marker, overview=prepared)
        await settle(pilot)
        assert screen.detail._prepared is prepared


def test_a_body_laid_out_once_is_drawn_without_laying_it_out_again() -> None:
    console = Console(width=40, color_system=None)
    calls: list[int] = []
    real = console.render_lines

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    console.render_lines = counted  # type: ignore[method-assign]
    memo = Memo(Text("word " * 30))
    options = console.options.update_width(30).update(highlight=False)
    memo.prepare(console, options)
    assert len(calls) == 1
    lines = list(memo.__rich_console__(console, options))
    assert len(calls) == 1
    assert "".join(segment.text for segment in lines).count("\n") == 5  # 150 cells at 30
    list(memo.__rich_console__(console, options.update_width(20)))
    assert len(calls) == 2  # another width: laid out again
