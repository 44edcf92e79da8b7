"""Hostile text in trial files: markup, terminal sequences and bidi overrides are stored
without the controls and printed literally by every command, on a terminal and in a pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from store import TrialStore
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ALS_SEED = SEEDS / "003_3f105c78775c2e4d.txt"
ALS = "NCT01494480"
JSON_ID = "NCT07777777"

MARKUP = "[bold]B[/bold] [/ [link=http://evil.example]L[/link] [@click=app.quit]Q"
SEQUENCES = {
    "clear": "\x1b[2J",
    "clipboard": "\x1b]52;c;SGVsbG8=\x07",
    "title": "\x1b]0;pwned\x07",
    "hyperlink": "\x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\",
    "c1": "\x9b31m",
}
BIDI = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
HOSTILE = f"{MARKUP} {''.join(SEQUENCES.values())}{BIDI}end"
#: What must never reach the output (the payloads of the sequences included).
FORBIDDEN = ["\x1b[2J", "]52;", "SGVsbG8=", "]0;pwned", "]8;;", "\x07", "\x9b", *BIDI]


def hostile_page() -> str:
    """Seed 003 with the hostile text in its title, sponsor and first criterion."""
    page = ALS_SEED.read_text(encoding="utf-8")
    title = next(line for line in page.splitlines() if line.startswith("The Clinical Trial"))
    page = page.replace(title, f"{title} {HOSTILE}", 1)
    page = page.replace("General Hospital of Chinese Armed Police Forces", f"Acme {HOSTILE}", 1)
    return page


def hostile_study() -> bytes:
    """An API v2 study with the hostile text (JSON escapes \\u001b etc.) in every text field."""
    return orjson.dumps({
        "protocolSection": {
            "identificationModule": {"nctId": JSON_ID, "briefTitle": f"JSON {HOSTILE}"},
            "sponsorCollaboratorsModule": {"leadSponsor": {"name": f"Sponsor {HOSTILE}"}},
            "conditionsModule": {"conditions": [f"Condition {HOSTILE}"]},
            "eligibilityModule": {
                "eligibilityCriteria": f"Inclusion Criteria:\n\n* Adults {HOSTILE}\n",
                "sex": "ALL",
            },
        }
    })


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "page.txt").write_text(hostile_page(), encoding="utf-8")
    (folder / "study.json").write_bytes(hostile_study())
    path = folder / "db" / "trials.json"
    report = TrialStore(path).import_paths([folder / "page.txt", folder / "study.json"])
    assert report.counts()["imported"] == 2, report.outcomes
    return path


def assert_inert(text: str) -> None:
    for bad in FORBIDDEN:
        assert bad not in text, f"{bad!r} reached the output"


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_stored_records_and_sources_hold_no_controls(db: Path) -> None:
    store = TrialStore(db)
    for trial_id in (ALS, JSON_ID):
        record = store.get(trial_id)
        assert record is not None
        texts = [*strings(record), store.get_source(trial_id) or ""]
        for text in texts:
            assert not any(ord(c) < 32 and c not in "\n\t" for c in text), text
            assert_inert(text)
        assert any(MARKUP in text for text in strings(record))  # markup is kept as text
    assert store.get(ALS)["sponsor"].startswith(f"Acme {MARKUP}")  # type: ignore[index]


COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["search", "bold"],
    ["search", "bold", "--json"],
    ["show", ALS],
    ["show", JSON_ID],
    ["show", JSON_ID, "--json"],
    ["show", JSON_ID, "--source"],
    ["compare", ALS, JSON_ID],
    ["compare", ALS, JSON_ID, "--json"],
    ["compare", ALS, JSON_ID, "--format", "md"],
    ["export", "--all", "--format", "csv"],
    ["export", "--all", "--format", "json"],
    ["export", "--all", "--format", "md"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_piped_output_is_literal_and_inert(
    db: Path, argv: list[str], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code = main([*argv, "--db", str(db)])
    out, err = capsysbinary.readouterr()
    assert code == 0, err
    text = out.decode("utf-8")
    assert_inert(text)
    assert "\x1b" not in text  # nothing styled in a pipe
    if "--json" in argv or "json" in argv:
        assert MARKUP in "".join(strings(json.loads(text)))
    elif "csv" not in argv and "md" not in argv:
        assert "[bold]B[/bold]" in text
    assert_inert(err.decode("utf-8"))


def run_in_terminal(argv: list[str], db: Path) -> str:
    """Run `trials` with a pseudo-terminal as stdout and stderr; everything it wrote."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "50"}
    env.pop("NO_COLOR", None)
    code = "from tui.cli import main; raise SystemExit(main())"
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv, "--db", str(db)],
        stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env, close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            process.kill()
            raise AssertionError(f"trials {argv} hung")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=30) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(
    "argv",
    [["list"], ["search", "bold"], ["show", JSON_ID], ["compare", ALS, JSON_ID]],
    ids=" ".join,
)
def test_terminal_output_is_styled_by_us_only(db: Path, argv: list[str]) -> None:
    out = run_in_terminal(argv, db)
    assert "\x1b[" in out  # the terminal gets our colours ...
    assert_inert(out)  # ... and none of the trial's sequences
    assert "\x1b]" not in out  # no OSC at all: no title, clipboard or hyperlink
    text = re.sub(r"\x1b\[[0-9;]*m", "", out)  # our styling (search matches are styled)
    assert "[bold]B[/bold]" in text or "[bold]B" in text  # a narrow column may wrap the rest


async def test_the_browser_shows_hostile_text_literally(db: Path) -> None:
    from tui_helpers import LARGE, burst, keys, screen_text, settle, start

    from tui.app import TrialsApp
    from tui.screens.compare import CompareScreen

    app = TrialsApp(None, store=TrialStore(db))
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"json")
        assert app.screen.results.ids == [JSON_ID]  # type: ignore[attr-defined]
        text = screen_text(app)
        assert "JSON [bold]B[/bold]" in text
        assert_inert(text)
        await keys(pilot, "enter")
        for tab in "oaes":
            await keys(pilot, tab)
            assert_inert(screen_text(app))
        await pilot.click("#overview-body", offset=(10, 0))  # on the title: no action runs
        await pilot.click("#overview-body", offset=(40, 0))
        await settle(pilot)
        assert app.is_running
        assert "[@click=app.quit]Q" in screen_text(app)
        app.marks.update(dict.fromkeys([ALS, JSON_ID]))
        app.action_compare_marked()
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        assert "[@click=app.quit]Q" in text or "[@click" in text
        assert_inert(text)
        await pilot.click("#compare-body", offset=(30, 2))
        await settle(pilot)
        assert app.is_running
        assert_inert(app.export_screenshot())
