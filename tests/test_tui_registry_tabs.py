"""The detail's registry tabs (Outcomes, Sites, Results) on real ClinicalTrials.gov records:
keys 4, 5, 6, the counts on the tab bar, the paged Sites of a study with 1,148 sites, the
distances of near:, and snapshots at 80×24 and 120×40.

Expected texts are read by hand from the JSON and XML files in tests/fixtures/realdata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent
from tui_helpers import (
    LARGE,
    SMALL,
    keys,
    main_screen,
    plain,
    screen_text,
    select_row,
    settle,
    start,
    static_text,
    wait_until,
)

from store import TrialStore
from tui.app import TrialsApp
from tui.pages import Paged
from tui.screens.help import help_text
from tui.sites_view import PAGE_SITES
from tui.widgets.detail import TABS, DetailScroll, tab_labels

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
FILES = [
    REALDATA / "gowthamrao__py_load_clinicaltrialsgov__NCT04267848.json",  # 1,148 sites
    REALDATA / "ctti-clinicaltrials__aact__initialize_participant_flow_data.json",  # results
    REALDATA / "ctti-clinicaltrials__aact__NCT02552212.json",  # 31 outcomes, 105 sites
    REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01029262.xml",  # analyses, AEs
]
MANY_SITES = "NCT04267848"
FLOW = "NCT02299791"
OUTCOMES = "NCT02552212"
ANALYSES = "NCT01029262"
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


@pytest.fixture(scope="module")
def registry_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk holding the four real records (built once for the module)."""
    path = tmp_path_factory.mktemp("registry") / "trials.json"
    report = TrialStore(path).import_paths(FILES)
    assert not report.failed, report.outcomes
    return path


@pytest.fixture
def trial_store(registry_db: Path) -> TrialStore:
    return TrialStore(registry_db)


@pytest.fixture
def app(trial_store: TrialStore) -> TrialsApp:
    return TrialsApp(None, store=trial_store)


def tab_label(app: TrialsApp, tab_id: str) -> str:
    return app.screen.query_one(TabbedContent).get_tab(tab_id).label.plain


def body(app: TrialsApp, tab_id: str) -> str:
    """The text of a tab: its first page, the pages shown after it, and its last line."""
    screen = app.screen
    parts = [static_text(app, f"#{tab_id}-body")]
    parts += [plain(page.content) for page in screen.query(f"#{tab_id}-scroll .page")
              .results(Static)]
    more = screen.query_one(f"#{tab_id}-more")
    if more.display:
        parts.append(static_text(app, f"#{tab_id}-more"))
    return "\n".join(parts)


async def open_trial(pilot: Pilot[Any], trial_id: str, *names: str) -> None:
    await start(pilot)
    await select_row(pilot, trial_id)
    await keys(pilot, *names)


# --- keys and tab bar ----------------------------------------------------------------------


async def test_number_keys_select_every_tab_in_order(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await open_trial(pilot, OUTCOMES)
        screen = main_screen(app)
        tabs = ["overview", "arms", "eligibility", "outcomes", "sites", "results", "source",
                "history"]
        for number, tab in enumerate(tabs, start=1):
            await keys(pilot, str(number))
            assert screen.detail.active == tab
            assert app.focused is screen.results  # focus stays in the list
        for key, tab in [("o", "overview"), ("a", "arms"), ("e", "eligibility"), ("s", "source")]:
            await keys(pilot, key)
            assert screen.detail.active == tab


async def test_tab_bar_counts_outcomes_and_sites(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:  # the detail is the full width
        await open_trial(pilot, MANY_SITES)
        # nine tabs with "Sites 1,148" do not fit 80 columns in whole words
        assert tab_label(app, "outcomes") == "Outc 8"  # 1 primary, 4 secondary, 3 other
        assert tab_label(app, "sites") == "Sites 1,148"
        assert tab_label(app, "results") == "Res —"  # none posted
        assert tab_label(app, "history") == "Hist 1"  # one version stored
        assert "Sites 1,148" in screen_text(app)
        assert tab_label(app, "references") == "Refs 1"
        await select_row(pilot, FLOW)  # nor do the nine whole words of this one (90 cells)
        assert tab_label(app, "outcomes") == "Outc 1"
        assert tab_label(app, "results") == "Res"
        assert tab_label(app, "sites") == "Sites 0"
        assert tab_label(app, "history") == "Hist 1"
        assert tab_label(app, "references") == "Refs 4"


async def test_narrow_detail_pane_shortens_the_labels_to_show_every_tab(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:  # the list and the detail side by side
        await open_trial(pilot, MANY_SITES, "5")
        bar = next(line for line in screen_text(app).splitlines() if "Sites 1,148" in line)
        # tight, and the counts of Outcomes, History and References left off to fit
        for label in ("Info", "Arms", "Elig", "Outc", "Sites 1,148", "Res —", "Src", "Hist",
                      "Refs"):
            assert label in bar


def test_tab_labels_shorten_then_tighten_to_fit() -> None:
    from parsers import load_records

    record = load_records(FILES[0])[0].record
    labels, tight = tab_labels(record, 98, versions=1)
    assert list(labels.values()) == ["Overview", "Arms", "Eligibility", "Outcomes 8",
                                     "Sites 1,148", "Results —", "Source", "History 1",
                                     "References 1"]
    assert not tight
    labels, tight = tab_labels(record, 80, versions=1)
    assert list(labels.values()) == ["Info", "Arms", "Elig", "Outc 8", "Sites 1,148",
                                     "Res —", "Src", "Hist 1", "Refs 1"]
    assert not tight
    labels, tight = tab_labels(record, 53, versions=1)  # 120 columns: beside the list
    assert list(labels.values()) == ["Info", "Arms", "Elig", "Outc", "Sites 1,148",
                                     "Res —", "Src", "Hist", "Refs"]
    assert tight
    labels, tight = tab_labels(record, 44)  # 100 columns: one cell between tabs, no counts
    assert list(labels.values()) == ["Info", "Arms", "Elig", "Outc", "Sites", "Res", "Src",
                                     "Hist", "Refs"]
    assert tight
    assert tab_labels(None, 84) == (TABS, False)  # no record: the nine words, no counts


def test_help_lists_the_new_keys() -> None:
    text = plain(help_text())
    for line in ("o, 1", "4", "5", "6", "s, 7", "Outcomes tab", "Sites tab", "Results tab",
                 "Show more of a long tab"):
        assert line in text


# --- the three tabs --------------------------------------------------------------------------


@SIZES
async def test_outcomes_tab_shows_each_measure_with_its_time_frame(
    app: TrialsApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await open_trial(pilot, OUTCOMES, "4")
        assert main_screen(app).detail.active == "outcomes"
        text = body(app, "outcomes")
        assert "Primary outcomes (11)" in text
        assert "Secondary outcomes (20)" in text
        assert ("Percentage of Subjects With Ankylosing Spondylitis Disease Activity Score "
                "Major Improvement (ASDAS-MI) Response Criteria Response at Week 52") in text
        assert "Time frame: Week 52" in text
        assert "ASDAS-MI was achieved when there was a reduction" in text  # its description
        assert "Primary outcomes (11)" in screen_text(app)


@SIZES
async def test_sites_tab_groups_by_country_and_city_with_contacts(
    app: TrialsApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await open_trial(pilot, MANY_SITES, "5")
        assert main_screen(app).detail.active == "sites"
        text = body(app, "sites")
        assert "1,148 sites · 659 recruiting" in text
        lines = text.splitlines()
        # countries alphabetically: Guam, then the United States; cities alphabetically
        guam = next(i for i, line in enumerate(lines) if line.startswith("Guam"))
        states = next(i for i, line in enumerate(lines) if line.startswith("United States"))
        assert guam < states
        assert "1,147 sites, 659 recruiting" in lines[states]
        abilene = next(i for i, line in enumerate(lines) if line.startswith("Abilene, Texas"))
        assert "Hendrick Medical Center  79601  Recruiting" in lines[abilene + 1]
        assert "Site Public Contact (Contact) · 325-670-6340" in lines[abilene + 2]
        assert "Mustapha A. Khalife (Principal investigator)" in lines[abilene + 3]
        assert "1,148 sites · 659 recruiting" in screen_text(app)


async def test_recruiting_sites_come_first_within_a_city(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await open_trial(pilot, MANY_SITES, "5")
        lines = body(app, "sites").splitlines()
        start_ = next(i for i, line in enumerate(lines) if line.startswith("Anchorage, Alaska"))
        stop = next(i for i in range(start_ + 1, len(lines)) if lines[i] and lines[i][0] != " ")
        statuses = [line.rstrip().rsplit("  ", 1)[-1] for line in lines[start_ + 1:stop]
                    if line.lstrip().startswith("•")]
        assert statuses[0] == "Recruiting"  # listed after three suspended sites in the file
        assert statuses == sorted(statuses, key=lambda s: s != "Recruiting")


async def test_many_sites_are_paged_and_say_how_many_are_left(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await open_trial(pilot, MANY_SITES, "5")
        screen = main_screen(app)
        more = static_text(app, "#sites-more").strip()
        assert more == (f"… {1148 - PAGE_SITES:,} more sites: press m for more (or scroll "
                        "on).")
        assert screen.detail.more_left == 1148 - PAGE_SITES
        await keys(pilot, "m")  # from the list
        assert screen.detail.more_left == 1148 - 2 * PAGE_SITES
        assert f"{1148 - 2 * PAGE_SITES:,} more sites" in static_text(app, "#sites-more")
        await keys(pilot, "enter", "pagedown")
        assert isinstance(app.focused, DetailScroll)
        scroll = app.focused
        for _ in range(100):  # scrolling to the end shows the next page
            if screen.detail.more_left < 1148 - 2 * PAGE_SITES:
                break
            await keys(pilot, "pagedown")
        assert screen.detail.more_left == 1148 - 3 * PAGE_SITES
        await keys(pilot, "end")  # End shows every page, the view following the end
        for _ in range(200):
            if not screen.detail.more_left:
                break
            await pilot.pause()
        await pilot.pause()
        assert screen.detail.more_left == 0
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        assert not screen.query_one("#sites-more").display
        assert body(app, "sites").count("•") == 1148  # every site, none cut
        await keys(pilot, "escape")
        await select_row(pilot, OUTCOMES)  # another trial: its first page again
        assert screen.detail.more_left == 5  # 105 sites
        assert not screen.query("#sites-scroll .page")


async def test_end_reaches_the_end_when_scrolling_added_the_last_page(tmp_path: Path) -> None:
    """NCT00855166's Results: End itself adds the last page (by reaching the end of the
    first); the view still ends at the tab's end, once that page is laid out."""
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([REALDATA / "results-xml" / "chartgerink__2017ctgov__NCT00855166.xml"])
    app = TrialsApp(None, store=store)
    async with app.run_test(size=SMALL) as pilot:
        await open_trial(pilot, "NCT00855166", "6", "enter")
        screen = main_screen(app)
        scroll = screen.detail.active_scroll()
        assert screen.detail.more_left > 0
        await keys(pilot, "end")
        for _ in range(5):
            await pilot.pause()
        assert screen.detail.more_left == 0
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "Point of contact" in body(app, "results")
        await keys(pilot, "up")  # a key back up stops following the end
        assert scroll.scroll_y == scroll.max_scroll_y - 1


async def test_results_tab_shows_the_participant_flow(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await open_trial(pilot, FLOW, "6")
        text = body(app, "results")
        assert "Participant flow" in text
        started = next(line for line in text.splitlines() if line.strip().startswith("Started"))
        header = next(line for line in text.splitlines()
                      if "Early Intervention" in line and "Late Interventions" in line)
        # STARTED: FG000 "Early Intervention Number of Patients" 2053, FG001 2803
        assert header.index("Early Intervention") < header.index("Late Interventions")
        assert started.split("│")[1:] and [c.strip() for c in started.split("│")[1:]] == [
            "2,053", "2,803"]
        assert "Baseline (6 measures)" in text
        assert "Patients Indicated for ACE/ARB and Statin Who Had an Active Prescription" in text
        assert "Rachel Gold" in text  # point of contact
        assert "No results posted." not in text


async def test_results_tab_shows_measures_analyses_and_adverse_events(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await open_trial(pilot, ANALYSES, "6")
        screen = main_screen(app)
        assert "more parts of the results" in static_text(app, "#results-more")
        while screen.detail.more_left:
            await keys(pilot, "m")
        text = " ".join(body(app, "results").split())
        assert "Outcome measures (27)" in text
        # OM 1: RBC transfusion independence ≥ 56 days; placebo 2.5 %, lenalidomide 26.9 %
        assert "Placebo │ 79 │ 2.5" in text
        assert "Lenalidomide │ 160 │ 26.9" in text
        assert ("p <0.001 (Fisher Exact); Risk Ratio (RR) 10.616 (95% CI 2.639 to 42.702, "
                "two-sided)") in text
        assert "Adverse events" in text
        assert "Serious adverse events (86 in" in text
        assert "Other adverse events (42 in" in text


async def test_capital_m_shows_all_the_rest_of_a_long_tab(app: TrialsApp) -> None:
    async with app.run_test(size=LARGE) as pilot:
        await open_trial(pilot, ANALYSES, "6")
        screen = main_screen(app)
        left = screen.detail.more_left
        assert left > 1
        await keys(pilot, "M")
        await wait_until(pilot, lambda _: screen.detail.more_left == 0, "every page")
        # a page at a time, one a frame (keys are handled between them), each page once
        pages = screen.query("#results-scroll .page")
        assert len(pages) > 1
        assert not screen.query_one("#results-more").display
        text = " ".join(body(app, "results").split())
        assert "Serious adverse events (86 in" in text and "Other adverse events (42 in" in text


async def test_a_study_without_results_says_so(app: TrialsApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await open_trial(pilot, MANY_SITES, "6")  # "hasResults": false
        assert "No results posted." in body(app, "results")
        assert "No results posted." in screen_text(app)
        assert not main_screen(app).query_one("#results-more").display


# --- near: -----------------------------------------------------------------------------------


@SIZES
async def test_near_query_shows_distances_nearest_first(
    app: TrialsApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        screen = main_screen(app)
        screen.search_box.value = 'near:"Abilene, Texas"'
        await settle(pilot)
        assert screen.results.ids == [MANY_SITES]
        assert screen.near is not None and screen.near.name == "Abilene, Texas, United States"
        await select_row(pilot, MANY_SITES)
        await keys(pilot, "5")
        text = body(app, "sites")
        assert "Distances from Abilene, Texas, United States, nearest first" in text
        km = [line.split("km")[0].strip() for line in text.splitlines()
              if line.rstrip().split("km")[0].strip().replace(",", "").isdigit()
              and " km  " in line]
        assert km[0] == "0"
        assert [int(k.replace(",", "")) for k in km] == sorted(int(k.replace(",", ""))
                                                                for k in km)
        first = next(line for line in text.splitlines() if " km  " in line)
        assert "Hendrick Medical Center" in first
        await keys(pilot, "enter")  # full screen on narrow terminals
        assert "0 km  Hendrick Medical Center" in screen_text(app)
        await keys(pilot, "escape")

        screen.search_box.value = ""  # no near: any more: grouped again
        await settle(pilot)
        await select_row(pilot, MANY_SITES)
        assert screen.near is None
        assert "Distances from" not in body(app, "sites")


def test_views_are_paged_bodies() -> None:
    from parsers import load_records
    from tui.results_view import results_view
    from tui.sites_view import sites_view

    record = load_records(FILES[0])[0].record
    paged = sites_view(record)
    assert isinstance(paged, Paged)
    assert len(paged.items) == 1148
    assert paged.page_end(0) == PAGE_SITES
    assert isinstance(results_view(record), Paged)


# --- snapshots -------------------------------------------------------------------------------


def steps(trial_id: str, *names: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_trial(pilot, trial_id, *names)

    return run_before


@SIZES
@pytest.mark.parametrize(
    ("trial_id", "tab"),
    [(OUTCOMES, "4"), (MANY_SITES, "5"), (FLOW, "6")],
    ids=["outcomes", "sites", "results"],
)
def test_registry_tab_snapshot(
    snap_compare: Any, app: TrialsApp, size: tuple[int, int], trial_id: str, tab: str
) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps(trial_id, tab))
