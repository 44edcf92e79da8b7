"""Helpers shared by the browser's tests: stores built from the seeds, settling, screen text."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from textual import events
from textual.app import REPLACED_KEYS
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.widgets import Static

from store import TrialStore
from tui.app import TrialsApp
from tui.screens.export import ExportDialog
from tui.screens.main import MainScreen
from tui.widgets.detail import DetailPane
from tui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from textual.pilot import Pilot

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SEED_PATHS = sorted(SEEDS_DIR.glob("*.txt"))
ALL_IDS = ["LOCAL-560cb85369", "LOCAL-826653db64", "NCT01494480", "NCT02249676", "NCT06360861"]
ALS = "NCT01494480"  # seed 003, the only trial about amyotrophic lateral sclerosis
NMO = "NCT02249676"  # seed 001, neuromyelitis optica: nested criteria, two arms
SMALL = (80, 24)
LARGE = (120, 40)


def seeded_store(path: Path, paths: Iterable[Path] = SEED_PATHS) -> TrialStore:
    """A store at path holding the given trial files (the five seeds by default)."""
    store = TrialStore(path)
    report = store.import_paths(list(paths))
    assert not report.failed, report.outcomes
    return store


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the workers (store, search) are done and their messages are handled,
    neither the detail (main_detail.DETAIL_WHILE_TYPING) nor the footer's keys
    (search_box.HINTS_WHILE_TYPING) wait for typing to pause any longer, and nothing waits
    for the next refresh."""
    for _ in range(100):
        waited = _waiting(pilot)  # (a wait ending during the rounds below starts a read and
        for _ in range(2):  # a layout: they are waited for in the next rounds)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        if not waited and not _waiting(pilot):
            return
        await pilot.pause(0.05)
    raise AssertionError("the detail or the footer still waits for typing to pause")


def _waiting(pilot: Pilot[Any]) -> bool:
    """Whether the detail or the footer waits for typing to pause, or something waits for
    the screen's next refresh (the detail's tab underline follows its labels' new widths
    then: a screenshot taken before shows it where the labels were)."""
    screen = pilot.app.screen
    return bool(getattr(screen, "detail_waiting", False) or screen._callbacks) or any(
        box.hints_waiting for box in screen.query(SearchBox)) or any(
        pane.underline_moving for shown in pilot.app.screen_stack
        for pane in shown.query(DetailPane))


async def start(pilot: Pilot[Any]) -> None:
    """Settle after start-up; no cursor blink and no animations (stable, fast screens)."""
    pilot.app.animation_level = "none"
    await settle(pilot)
    pilot.app.query_one(SearchBox).cursor_blink = False


async def select_row(pilot: Pilot[Any], trial_id: str) -> None:
    """Put the list cursor on a trial and focus the list (a shortcut for down, j, j…)."""
    screen = pilot.app.screen
    screen.set_focus(screen.results)
    screen.results.cursor = screen.results.ids.index(trial_id)
    await pilot.pause()


def key_event(key: str) -> events.Key:
    """The Key event Pilot would send for a key name or a character ("j", "/", "enter")."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


def _send(pilot: Pilot[Any], key: str) -> None:
    driver = pilot.app._driver
    assert driver is not None
    event = key_event(key)
    event.set_sender(pilot.app)
    driver.send_message(event)


async def keys(pilot: Pilot[Any], *names: str) -> None:
    """Press keys one after another, each handled before the next is sent.

    Like `pilot.press`, with one wait for idle per key instead of three: the suite stays fast.
    """
    for name in names:
        _send(pilot, name)
        await pilot.pause()
    await settle(pilot)


async def burst(pilot: Pilot[Any], *names: str) -> None:
    """Deliver keys the way SSH does: all queued at once, before the app handles any."""
    for name in names:  # no await in between: the app reads them in one go
        pilot.app.post_message(key_event(name))
    await settle(pilot)


def source_shown(app: TrialsApp) -> str:
    """The text the Source tab holds (a Hanging text, laid out once a width by a Memo)."""
    from tui.hanging import Hanging
    from tui.pages import Memo

    body = app.screen.query_one("#source-body").content  # type: ignore[attr-defined]
    shown = body.renderable if isinstance(body, Memo) else body
    if isinstance(shown, Hanging):  # long lines wrap under their indentation
        return "\n".join(" " * indent + text.plain for text, indent, _ in shown.lines)
    return str(shown)


def screen_text(app: TrialsApp) -> str:
    """The current screen as plain text, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def plain(renderable: Any, width: int = 200) -> str:
    """A Rich renderable (or Text, or str) as plain text at a given width."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text(styles=False)


def static_text(app: TrialsApp, selector: str, width: int = 200) -> str:
    """The plain text of a Static (a detail body, the count, the marks label)."""
    return plain(app.screen.query_one(selector, Static).content, width)


async def wait_until(
    pilot: Pilot[Any], ready: Callable[[str], bool], what: str, tries: int = 60
) -> str:
    """Wait until the screen's text is ready (the palette fills its list in the background);
    the screen's text."""
    for _ in range(tries):
        await pilot.pause(0.05)
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        if ready(text):
            return text
    raise AssertionError(f"{what} not on screen:\n{screen_text(pilot.app)}")  # type: ignore[arg-type]


async def wait_for_text(pilot: Pilot[Any], needle: str) -> str:
    """Wait until needle is on screen; the screen's text."""
    return await wait_until(pilot, lambda text: needle in text, repr(needle))


def dialog(app: TrialsApp) -> ExportDialog:
    """The app's screen, which must be the export dialog."""
    assert isinstance(app.screen, ExportDialog), app.screen
    return app.screen


async def write_to(pilot: Pilot[Any], path: Path) -> None:
    """In the open export dialog: type over the file name, press enter, wait for the writer."""
    box = dialog(pilot.app)  # type: ignore[arg-type]
    box.path_input.value = str(path)
    await keys(pilot, "enter")
    await settle(pilot)


def main_screen(app: TrialsApp) -> MainScreen:
    """The app's screen, which must be the main screen."""
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


def notifications(app: TrialsApp) -> list[str]:
    """The messages of the notifications currently shown."""
    return [notification.message for notification in app._notifications]
