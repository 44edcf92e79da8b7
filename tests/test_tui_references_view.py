"""The registry sections the detail showed nowhere: the Overview's collaborators, officials,
central contacts and MeSH terms (tui/registry_people_view.py), and the References tab
(tui/references_view.py: references with their PubMed addresses, see-also links, IPD
sharing), in the browser (key 9, paged) and in `trials show`.

The records are the real API v2 files in tests/fixtures/realdata; expected texts were read by
hand from those JSON files.
"""

from __future__ import annotations

import copy
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console, Group
from rich.text import Text
from textual.widgets import Static, TabbedContent
from tui_helpers import SMALL, keys, main_screen, plain, select_row, start, static_text

from parsers import load_records
from store import TrialStore
from tui.app import TrialsApp
from tui.pages import Paged
from tui.references_view import reference_lines, references_view
from tui.registry_people_view import overview as overview_view
from tui.report_view import Indent
from tui.screens.help import help_text
from tui.show_view import trial_view
from tui.sites_view import Hanging
from tui.widgets.detail import tab_labels

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
REPAGLINIDE = "NCT00763412"  # 4 collaborators, a study chair, MeSH, IPD undecided, no refs
DUPILUMAB = "NCT02210780"  # 1 collaborator, a study director, no references, no IPD
SDQ = "NCT03630471"  # 12 references, IPD sharing with info types, time frame, url
CERTOLIZUMAB = "NCT02552212"  # 4 references (result, derived), 1 see-also link
BIFURCATION = "NCT03475563"  # 2 central contacts, 3 references
MARKUP = "[bold]x[/bold]"


@cache
def _records() -> dict[str, dict[str, Any]]:
    loaded = [item for path in sorted(REALDATA.glob("*.json")) for item in load_records(path)]
    return {item.record["id"]: item.record for item in loaded}


def real(trial_id: str) -> dict[str, Any]:
    """A private copy of a real record."""
    return copy.deepcopy(_records()[trial_id])


def render(renderable: Any, width: int = 100) -> str:
    """A renderable as the plain text a 100-column console prints."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text(styles=False).splitlines())


def joined(text: str) -> str:
    """The text with its wrapped lines joined (a value may wrap anywhere at 100 columns)."""
    return " ".join(text.split())


def texts(renderable: Any) -> list[Text]:
    """Every Text inside a view's groups and indents."""
    if isinstance(renderable, Text):
        return [renderable]
    if isinstance(renderable, Group):
        return [text for part in renderable.renderables for text in texts(part)]
    if isinstance(renderable, Indent):
        return texts(renderable.renderable)
    if isinstance(renderable, Hanging):
        return [text for text, _, _ in renderable.lines]
    return []


def section(text: str, heading: str) -> list[str]:
    """The lines of a section: from its heading to the next blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


# --- the Overview ----------------------------------------------------------------------------


def test_overview_shows_collaborators_officials_and_mesh_terms() -> None:
    text = render(overview_view(real(REPAGLINIDE)))
    assert section(text, "Collaborators (4)")[1:] == [
        "  • Washington University School of Medicine",
        "  • National Institutes of Health (NIH)",
        "  • Novo Nordisk A/S",
        "  • National Institute of Diabetes and Digestive and Kidney Diseases (NIDDK)",
    ]
    assert section(text, "Officials (1)")[1] == (
        "  • Neil H White, M.D. (Study chair) · Washington University School of Medicine")
    mesh = joined("\n".join(section(text, "MeSH terms (conditions: 6, interventions: 1)")))
    assert "Conditions Cystic Fibrosis; Exocrine Pancreatic Insufficiency; Diabetes" in mesh
    assert "Interventions Repaglinide" in mesh
    # the ancestors are listed too (on dim rows), not left out
    assert "Condition ancestors Glucose Metabolism Disorders; Metabolic Diseases;" in mesh
    assert "Intervention ancestors Hypoglycemic Agents" in mesh
    assert "Central contacts" not in text  # the record has none: no section
    # after the main fields, before the design
    order = [text.index(heading) for heading in (
        "Last update", "Collaborators (4)", "Officials (1)", "MeSH terms", "Design")]
    assert order == sorted(order)


def test_overview_of_another_study() -> None:
    text = render(overview_view(real(DUPILUMAB)))
    assert section(text, "Collaborators (1)")[1:] == ["  • Sanofi"]
    assert section(text, "Officials (1)")[1] == (
        "  • Clinical Trial Management (Study director) · Regeneron Pharmaceuticals")
    mesh = joined("\n".join(section(text, "MeSH terms (conditions: 3)")))
    assert "Conditions Dermatitis, Atopic; Dermatitis; Eczema" in mesh
    assert "Condition ancestors Skin Diseases; Skin Diseases, Genetic;" in mesh
    assert "Interventions" not in mesh  # none indexed


def test_overview_shows_central_contacts_with_phone_and_email() -> None:
    text = render(overview_view(real(BIFURCATION)))
    assert section(text, "Central contacts (2)")[1:] == [
        "  • Imanol Otaegui, MD (Contact) · +342746155 · iotaegui@vhebron.net",
        "  • Imanol Otaegui (Contact)",
    ]
    assert section(text, "Officials (1)")[1] == (
        "  • Imanol Otaegui, MD (Principal investigator) · Hospital Universitari Vall "
        "d'hebron Barcelona,")


def test_overview_leaves_out_the_sections_a_record_lacks() -> None:
    record = real(DUPILUMAB)
    for key in ("collaborators", "overall_officials", "central_contacts"):
        record[key] = []
    record["mesh"] = {key: [] for key in record["mesh"]}
    text = render(overview_view(record))
    for heading in ("Collaborators", "Officials", "Central contacts", "MeSH terms"):
        assert heading not in text
    del record["mesh"]  # a record of an older version: no such key
    assert "MeSH terms" not in render(overview_view(record))


# --- the References tab ----------------------------------------------------------------------


def test_references_tab_lists_each_reference_with_its_pubmed_address() -> None:
    view = references_view(real(SDQ))
    assert isinstance(view, Paged)
    text = render(view.whole())
    lines = text.splitlines()
    assert lines[0].startswith(f"{SDQ}  ")  # under the id and title, as the other tabs
    assert "References (12)" in lines
    first = next(i for i, line in enumerate(lines) if line.startswith("  1. "))
    entry = joined("\n".join(lines[first:first + 4]))
    assert entry.startswith("1. Goodman R, Ford T, Simmons H, Gatward R, Meltzer H. Using the "
                            "Strengths and Difficulties Questionnaire (SDQ) to screen")
    assert ("PMID 11102329 · https://pubmed.ncbi.nlm.nih.gov/11102329/ · Background"
            in entry)
    assert "PMID 21500888 · https://pubmed.ncbi.nlm.nih.gov/21500888/" in text
    assert "  12. " in text  # every reference, numbered


def test_references_tab_shows_ipd_sharing() -> None:
    text = render(references_view(real(SDQ)).whole())
    ipd = joined("\n".join(section(text, "Individual participant data (IPD) sharing")))
    assert "Plan to share Yes" in ipd
    assert "Description Anonymised Individual Participant Data along with data" in ipd
    assert ("Supporting info Study protocol, Statistical analysis plan (SAP), Informed "
            "consent form (ICF)") in ipd
    assert "Time frame 12 months after completion of trial." in ipd
    assert "Access criteria Access to data will be granted to researchers" in ipd
    assert "URL http://datacompass.lshtm.ac.uk/" in ipd
    # after the references
    assert text.index("References (12)") < text.index("Individual participant data")


def test_references_tab_shows_types_and_see_also_links() -> None:
    text = render(references_view(real(CERTOLIZUMAB)).whole())
    assert "Results 2 (about this study's results) · Derived 2 (found by the registry in " \
           "PubMed from the NCT id)" in joined(text)
    assert "PMID 35296532 · https://pubmed.ncbi.nlm.nih.gov/35296532/ · Results" in text
    assert "PMID 34715908 · https://pubmed.ncbi.nlm.nih.gov/34715908/ · Derived" in text
    links = section(text, "See also (1)")
    assert links[1:] == ["  • FDA Safety Alerts and Recalls",
                         "    http://www.fda.gov/Safety/MedWatch/SafetyInformation/default.htm"]
    assert text.index("References (4)") < text.index("See also (1)")


def test_a_record_without_references_says_so_on_a_dim_line() -> None:
    view = references_view(real(DUPILUMAB))  # no references, links or IPD statement
    text = render(view.whole())
    assert "References (0)" in text
    note = "The source lists no references, see-also links or IPD sharing statement."
    assert note in text
    assert [t.style for t in texts(view.head) if t.plain == note] == ["dim"]
    assert not view.items
    # with an IPD statement (undecided), the line speaks of the references only
    view = references_view(real(REPAGLINIDE))
    text = render(view.whole())
    assert [t.style for t in texts(view.head)
            if t.plain == "The source lists no references."] == ["dim"]
    ipd = joined("\n".join(section(text, "Individual participant data (IPD) sharing")))
    assert "Plan to share Undecided" in ipd
    assert "Description The outcome was inconclusive for this hypothesis" in ipd


def test_text_from_the_record_is_never_read_as_markup_or_control(tmp_path: Path) -> None:
    """Markup-like text is shown as written; terminal controls, which the parsers remove
    from a record, never reach the output."""
    study = json.loads((REALDATA / "ctti-clinicaltrials__aact__NCT03630471.json").read_text())
    protocol = study["protocolSection"]
    protocol["referencesModule"]["references"][0]["citation"] = (
        f"{MARKUP} Goodman R.\x1b[31m red\x07\x1b]8;;http://evil.example\x1b\\")
    protocol["referencesModule"]["seeAlsoLinks"] = [
        {"label": "[link=https://evil.example]click[/link]", "url": "https://example.org/[i]"}]
    sponsors = protocol["sponsorCollaboratorsModule"]
    sponsors["collaborators"] = [{"name": MARKUP, "class": "OTHER"}]
    protocol["contactsLocationsModule"]["overallOfficials"] = [
        {"name": "[red]Dr X[/red]", "affiliation": MARKUP, "role": "STUDY_CHAIR"}]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(study))
    record = load_records(path)[0].record
    references = render(references_view(record).whole())
    assert f"1. {MARKUP} Goodman R." in references
    assert "[link=https://evil.example]click[/link]" in references
    assert "https://example.org/[i]" in references
    for control in ("\x1b", "\x07", "]8;;"):
        assert control not in references
    overview = render(overview_view(record))
    assert f"• {MARKUP}" in overview
    assert f"• [red]Dr X[/red] (Study chair) · {MARKUP}" in overview


def test_search_matches_are_marked_in_the_new_sections() -> None:
    def mark(value: str) -> Text:
        text = Text(value)
        text.highlight_words(["Otaegui", "25828372"], "reverse")
        return text

    record = real(BIFURCATION)
    overview = [t for t in texts(overview_view(record, mark)) if "Otaegui" in t.plain]
    assert overview and all(span.style == "reverse" for t in overview for span in t.spans
                            if t.plain[span.start:span.end] == "Otaegui")
    body = render(references_view(record, mark).whole())
    assert "PMID 25828372 · https://pubmed.ncbi.nlm.nih.gov/25828372/ · Results" in body
    about = reference_lines(1, record["references"][0], mark)[1][0]
    marked = [about.plain[span.start:span.end] for span in about.spans if span.style == "reverse"]
    assert marked == ["25828372", "25828372"]  # the id, and the id in its address


def test_a_narrow_pane_puts_the_pubmed_address_on_its_own_line() -> None:
    text = render(references_view(real(SDQ)).whole(), width=50)
    assert "     PMID 11102329 · Background\n     https://pubmed.ncbi.nlm.nih.gov/11102329/\n" \
        in text


def test_a_long_reference_list_is_paged() -> None:
    record = real(SDQ)
    record["references"] = record["references"] * 25  # 300 real references
    view = references_view(record)
    first, shown = view.first()
    assert 0 < shown < 300
    assert len(view.items) == 300 + 1  # the references, then the IPD statement
    more = view.more_line(shown)
    assert more is not None
    assert more.plain == (f"… {300 - shown} more references, then IPD sharing: press m for "
                          "more (or scroll on).")
    assert f"  {shown}. " in render(first) and f"  {shown + 1}. " not in render(first)
    # page after page, until the IPD statement
    pages = 1
    while view.more_line(shown) is not None:
        shown = view.page_end(shown)
        pages += 1
    assert pages >= 3
    assert view.rest(300) == "IPD sharing"
    whole = render(view.whole())
    assert "  300. " in whole
    assert "Individual participant data (IPD) sharing" in whole


def test_trials_show_prints_the_new_sections() -> None:
    text = render(trial_view(real(SDQ)))
    assert "Officials (1)" in text
    assert "PMID 11102329 · https://pubmed.ncbi.nlm.nih.gov/11102329/ · Background" in text
    assert "  12. " in text  # not paged
    # after the results, under its own heading
    assert text.index("\nResults\n") < text.index("References (12)") < text.index(
        "Individual participant data (IPD) sharing")


def test_tab_labels_count_the_references_and_shorten() -> None:
    record = real(SDQ)
    labels, tight = tab_labels(record, 200, versions=1)
    assert labels["references"] == "References 12" and not tight
    labels, tight = tab_labels(record, 80, versions=1)
    assert labels["references"] == "Refs 12"
    labels, tight = tab_labels(record, 44, versions=1)  # 100 columns, beside the list
    assert tight and labels["references"] == "Refs"  # the count is in the tab itself
    assert sum(len(label) + 1 for label in labels.values()) <= 44


def test_help_lists_key_9() -> None:
    text = plain(help_text())
    assert "References tab: publications (with PubMed links), see-also links, IPD sharing" \
        in text


# --- in the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def references_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with real records, and one with 300 references (its 12, 25 times over)."""
    folder = tmp_path_factory.mktemp("references")
    study = json.loads((REALDATA / "ctti-clinicaltrials__aact__NCT03630471.json").read_text())
    module = study["protocolSection"]["referencesModule"]
    module["references"] = module["references"] * 25
    many = folder / "many_references.json"
    many.write_text(json.dumps(study))
    path = folder / "trials.json"
    report = TrialStore(path).import_paths(
        [many, REALDATA / "ctti-clinicaltrials__aact__NCT02210780.json"])
    assert not report.failed, report.outcomes
    return path


async def test_key_9_shows_the_references_a_page_at_a_time(references_db: Path) -> None:
    app = TrialsApp(None, store=TrialStore(references_db))
    async with app.run_test(size=SMALL) as pilot:
        await start(pilot)
        await select_row(pilot, SDQ)
        await keys(pilot, "9")
        screen = main_screen(app)
        assert screen.detail.active == "references"
        assert app.focused is screen.results  # focus stays in the list
        label = app.screen.query_one(TabbedContent).get_tab("references").label.plain
        assert label == "Refs 300"
        body = static_text(app, "#references-body")
        assert "References (300)" in body
        assert "PMID 11102329 · https://pubmed.ncbi.nlm.nih.gov/11102329/ · Background" in body
        more = static_text(app, "#references-more")
        assert "more references, then IPD sharing: press m for more" in more
        left = screen.detail.more_left
        await keys(pilot, "m")
        assert screen.detail.more_left < left
        assert screen.query("#references-scroll .page").results(Static)
        await select_row(pilot, DUPILUMAB)
        body = static_text(app, "#references-body")
        assert "The source lists no references, see-also links or IPD sharing statement." \
            in body
        assert not screen.query_one("#references-more").display
