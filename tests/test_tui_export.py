"""The browser's export: `x` or the palette, a dialog (format, file), a file and a notification."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Label
from textual.widgets._toast import Toast
from tui_helpers import (
    ALS,
    LARGE,
    NMO,
    SEED_PATHS,
    SMALL,
    burst,
    dialog,
    keys,
    notifications,
    plain,
    screen_text,
    seeded_store,
    select_row,
    settle,
    start,
    wait_for_text,
    write_to,
)

from parsers.ctgov_csv import COLUMNS
from store import TrialStore
from tui.app import TrialsApp
from tui.export import format_about
from tui.screens.compare import CompareScreen
from tui.screens.export import ExportDialog, comparison_job, default_path, results_job, slug
from tui.screens.help import help_text
from tui.screens.main import MainScreen

MANY = 40  # more trials than the list shows at 80×24


@pytest.fixture
def trial_store(tmp_path: Path) -> TrialStore:
    """The five seeds plus MANY generated trials about aspirin (a CSV download); the `app`
    fixture browses it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for n in range(MANY):
        cells = dict.fromkeys(COLUMNS, "")
        cells.update({"NCT Number": f"NCT0{n:07d}", "Study Title": f"Aspirin trial number {n}",
                      "Conditions": "Headache", "Enrollment": str(n)})
        writer.writerow(cells.values())
    generated = tmp_path / "generated.csv"
    generated.write_text(buffer.getvalue(), encoding="utf-8")
    return seeded_store(tmp_path / "store" / "t.json", [*SEED_PATHS, generated])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder: where the dialog proposes to write."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def csv_ids(path: Path) -> list[str]:
    return [row["NCT Number"] for row in csv.DictReader(io.StringIO(path.read_text("utf-8")))]


async def test_a_long_export_says_so_until_it_is_written(
    app: TrialsApp, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note that an export is under way stays until the file is written (it went after a
    few seconds of a 28-second export); then only what was written is said."""
    import tui.app

    monkeypatch.setattr(tui.app, "SLOW_EXPORT", 10)
    shown: list[str] = []
    notify = app.notify

    def noted(message: str, *args: object, **kwargs: object) -> None:
        shown.append(message)
        if message.startswith("Exporting"):
            assert kwargs.get("timeout") == tui.app.EXPORT_NOTE_SECONDS
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", noted)
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"aspirin", "enter")
        await keys(pilot, "x")
        proposed = Path(dialog(app).path_input.value)
        await keys(pilot, "enter")
        await settle(pilot)
        assert shown[0] == f"Exporting {MANY} trials to {proposed}… (this note stays until it is " \
                           "written)"
        assert notifications(app) == [f"Wrote {MANY} trials to {proposed}"]


async def test_x_exports_every_row_of_the_current_results(app: TrialsApp, folder: Path) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"aspirin", "enter")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        ids = list(screen.results.ids)
        assert len(ids) == MANY
        visible = [i for i in ids if i in screen_text(app)]
        assert len(visible) < MANY  # the list shows a few; the export has them all
        await keys(pilot, "x")
        box = dialog(app)
        proposed = Path(box.path_input.value)
        assert proposed.parent == folder
        assert re.fullmatch(r"trials-aspirin-\d{8}-\d{6}\.csv", proposed.name)
        await keys(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert csv_ids(proposed) == ids  # every row, in the list's order
        assert notifications(app) == [f"Wrote {MANY} trials to {proposed}"]
        assert [p.name for p in folder.iterdir()] == [proposed.name]  # no temporary left


async def test_format_choice_changes_the_extension_and_the_output(
    app: TrialsApp, folder: Path
) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"amyotrophic", "enter")
        await keys(pilot, "x", "right")
        box = dialog(app)
        assert box.file_format == "json" and box.path_input.value.endswith(".json")
        await keys(pilot, "right")
        assert box.file_format == "md" and box.path_input.value.endswith(".md")
        path = Path(box.path_input.value)
        await keys(pilot, "enter")
        await settle(pilot)
        text = path.read_text("utf-8")
        assert text.startswith("# Trials matching amyotrophic (1)\n")
        assert f"## {ALS}: The Clinical Trial on the Use" in text
        await keys(pilot, "x", "right", "tab")  # JSON, then edit the name: a relative path
        box = dialog(app)
        assert app.focused is box.path_input
        box.path_input.value = "als.json"
        await keys(pilot, "enter")
        await settle(pilot)
        assert [r["id"] for r in json.loads((folder / "als.json").read_text())] == [ALS]
        assert notifications(app)[-1] == f"Wrote 1 trial to {folder / 'als.json'}"


async def test_typing_after_a_format_change_adds_to_the_end_of_the_name(
    app: TrialsApp, folder: Path
) -> None:
    """The name's cursor stays at its end when the extension follows the format: CSV, then
    JSON and tab, then typing, wrote "…jsoXn" (the cursor was left where ".csv" ended)."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"amyotrophic", "enter")
        await keys(pilot, "x")
        box = dialog(app)
        name = box.path_input.value
        assert name.endswith(".csv")
        await keys(pilot, "right", "tab", "backspace", "backspace", "backspace", "backspace")
        await burst(pilot, *"txt")
        assert box.path_input.value == name[: -len(".csv")] + ".txt"


async def test_the_chosen_format_shows_without_colour(app: TrialsApp, folder: Path) -> None:
    """Only the chosen format's button holds a dot, so the choice reads without colour
    (NO_COLOR), where every button showed one."""
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"amyotrophic", "enter")
        await keys(pilot, "x")
        assert "▐●▌ CSV   ▐ ▌ JSON   ▐ ▌ Markdown" in screen_text(app)
        await keys(pilot, "right")
        assert "▐ ▌ CSV   ▐●▌ JSON   ▐ ▌ Markdown" in screen_text(app)
        await keys(pilot, "escape")


async def test_export_from_the_compare_screen(app: TrialsApp, folder: Path) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "down")
        await select_row(pilot, NMO)
        await keys(pilot, "space")
        await select_row(pilot, ALS)
        await keys(pilot, "space", "c")
        assert isinstance(app.screen, CompareScreen)
        await keys(pilot, "x")
        box = dialog(app)
        assert Path(box.path_input.value).name.startswith(
            f"trials-compare-{NMO.lower()}-{ALS.lower()}-")
        await keys(pilot, "right", "right")  # Markdown
        await write_to(pilot, folder / "comparison.md")
        assert isinstance(app.screen, CompareScreen)
        text = (folder / "comparison.md").read_text("utf-8")
        assert text.startswith("# Comparison of 2 trials\n")
        assert f"| Field | {NMO} | {ALS} |" in text
        assert "| ≠ **Sponsor** | Tianjin Medical University |" in text
        assert text.index("## Inclusion criteria") > text.index("| ≠ **Sponsor**")
        assert "| only | Clinically definite neuromyelitis optica" in text  # aligned rows
        assert notifications(app) == [f"Wrote 2 trials to {folder / 'comparison.md'}"]
        # the headline results come right after the fields, as on the compare screen
        assert text.index("| ≠ **Sponsor**") < text.index("## Results") < text.index(
            "## Inclusion criteria") < text.index("## Primary outcomes")


def about(box: ExportDialog) -> str:
    return plain(box.query_one("#export-about", Label).content).strip()


async def test_the_dialog_says_what_each_format_holds(app: TrialsApp, folder: Path) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await burst(pilot, *"amyotrophic", "enter")
        await keys(pilot, "x")
        box = dialog(app)
        assert about(box).startswith("The site's CSV columns: sites, outcome measures and "
                                     "collaborators included")
        await keys(pilot, "right")
        assert about(box).startswith("Every field of each record")
        await keys(pilot, "right")
        assert about(box).startswith("A readable report: eligibility, outcomes, sites by "
                                     "country, and the posted results whole")
    assert format_about("md", comparison=True).startswith("A side-by-side comparison")
    assert format_about("csv", comparison=True).startswith("The comparison as a table")


async def test_palette_commands_export_results_and_comparison(
    app: TrialsApp, folder: Path
) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await start(pilot)
        await keys(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await burst(pilot, *"Export results")
        await wait_for_text(pilot, "Export results…")
        await keys(pilot, "enter")
        await settle(pilot)
        assert "all 45 trials" in str(dialog(app).job.what)
        await write_to(pilot, folder / "all.csv")
        assert len(csv_ids(folder / "all.csv")) == MANY + 5

        await keys(pilot, "down")
        await select_row(pilot, NMO)
        await keys(pilot, "space")
        await select_row(pilot, ALS)
        await keys(pilot, "space", "c", "ctrl+p")
        await burst(pilot, *"Export comparison")
        await wait_for_text(pilot, "Export comparison…")
        await keys(pilot, "enter")
        await settle(pilot)
        assert dialog(app).job.comparison
        await write_to(pilot, folder / "two.csv")
        header = next(csv.reader(io.StringIO((folder / "two.csv").read_text("utf-8"))))
        assert header == ["part", "item", "match", NMO, ALS]  # the comparison's table


async def test_escape_cancels_and_writes_nothing(app: TrialsApp, folder: Path) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "down", "x")
        assert isinstance(app.screen, ExportDialog)
        await keys(pilot, "tab", *"typed.csv", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert list(folder.iterdir()) == []
        assert notifications(app) == []


async def test_existing_file_is_not_overwritten_and_the_user_is_told(
    app: TrialsApp, folder: Path
) -> None:
    existing = folder / "keep.csv"
    existing.write_text("precious")
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "down", "x")
        await write_to(pilot, existing)
        assert existing.read_text() == "precious"
        assert notifications(app) == [
            f"Not written: {existing} already exists. Export again with another name."
        ]
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert [p.name for p in folder.iterdir()] == ["keep.csv"]


async def test_unwritable_folder_is_reported_not_raised(app: TrialsApp, folder: Path) -> None:
    target = folder / "no" / "such" / "folder" / "out.csv"
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await keys(pilot, "down", "x")
        await write_to(pilot, target)
        assert notifications(app) == [f"Could not write {target}: No such file or directory"]
        assert app.is_running


async def test_no_results_means_nothing_to_export(app: TrialsApp, folder: Path) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await burst(pilot, *"nosuchwordanywhere", "enter")
        await keys(pilot, "x")
        assert isinstance(app.screen, MainScreen)
        assert notifications(app) == ["Nothing to export: no trial is listed."]


async def test_a_path_with_markup_is_shown_literally(app: TrialsApp, folder: Path) -> None:
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await start(pilot)
        await keys(pilot, "down", "x")
        await write_to(pilot, folder / "[bold]x[link=y]z.csv")
        assert notifications(app) == [f"Wrote 45 trials to {folder / '[bold]x[link=y]z.csv'}"]
        await pilot.pause(0.1)
        shown = [toast.render().plain for toast in app.screen.query(Toast)]
        assert shown == [f"Wrote 45 trials to {folder / '[bold]x[link=y]z.csv'}"]


def test_help_lists_the_export_keys() -> None:
    text = plain(help_text())
    assert re.search(r"\bx\s+Export every trial of the results to CSV, JSON or Markdown", text)
    assert re.search(r"\bx\s+In compare: export the comparison", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("stem cell", "stem-cell"), ('condition:"Sjögren" phase:2', "condition-sjogren-phase-2"),
     ("", ""), ("***", ""), ("a" * 60, "a" * 40)],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_default_path_is_in_the_working_folder(folder: Path) -> None:
    when = datetime(2025, 3, 4, 5, 6, 7)
    assert default_path("stem", "md", when) == folder / "trials-stem-20250304-050607.md"
    assert default_path("", "csv", when) == folder / "trials-all-20250304-050607.csv"


@pytest.mark.parametrize(
    ("query", "filters", "what", "name", "title"),
    [
        ("stem cell ", {}, "2 trials matching stem cell", "stem-cell",
         "Trials matching stem cell (2)"),
        ("", {}, "all 2 trials", "", "All trials (2)"),
        ("", {"status": frozenset({"COMPLETED"})}, "2 trials [status: Completed]", "completed",
         "Trials [status: Completed] (2)"),
        ("als", {"phase": frozenset({"PHASE2", "PHASE1"})},
         "2 trials matching als [phase: Phase 1, Phase 2]", "als-phase1-phase2",
         "Trials matching als [phase: Phase 1, Phase 2] (2)"),
    ],
)
def test_results_job_names_the_search(
    query: str, filters: dict[str, frozenset[str]], what: str, name: str, title: str
) -> None:
    job = results_job(("A", "B"), query, filters)
    assert (job.what, job.slug, job.title, job.ids, job.comparison) == (
        what, name, title, ("A", "B"), False)


def test_a_large_export_counts_with_separators_and_a_comparison_name_cuts_no_id() -> None:
    ids = tuple(f"NCT{n:08d}" for n in range(12_345))
    job = results_job(ids, "", {})
    assert (job.what, job.title) == ("all 12,345 trials", "All trials (12,345)")
    two = comparison_job([{"id": "NCT04164004"}, {"id": "NCT00382863"}])
    assert two.slug == "compare-nct04164004-nct00382863"
    four = comparison_job([{"id": i} for i in ("NCT04164004", "NCT00382863", "NCT00267111",
                                               "NCT00000001")])
    assert four.slug == "compare-nct04164004-and-3-more"
