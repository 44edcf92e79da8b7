"""`trials show ID` prints every section (the browser's Outcomes, Sites and Results too) and,
piped, keeps every character: each paragraph, field, criterion, site and table row on one
line. The list and search table on an 80-column terminal never folds an id.

Expected texts are read by hand from the JSON files in tests/fixtures/realdata.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from test_cli import SGR, RunCli, run_on_terminal

from store import TrialStore
from tui.records_table import records_table

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
RESULTS = REALDATA / "ctti-clinicaltrials__aact__NCT02210780.json"  # results, 42 sites
MANY_SITES = REALDATA / "gowthamrao__py_load_clinicaltrialsgov__NCT04267848.json"  # 1,148

SUMMARY = (
    "This was a 32-week, randomized, double-blind, placebo-controlled, parallel-group study "
    "assessing immunization responses to vaccination in adults with moderate to severe "
    "atopic dermatitis who are treated with subcutaneous dupilumab."
)
PRIMARY = (
    "Percentage of Participants With a Positive Response (≥4-Fold Increase) to Tetanus "
    "Toxoid (the Adacel [Tdap] Vaccine) at Week 16"
)
PRIMARY_DESCRIPTION = (  # the registry writes "\\<0.1": Markdown's escape, removed on import
    "A positive response was defined as a ≥ 4-fold increase from pre-vaccination at baseline "
    "in anti-tetanus immunoglobulin G (IgG) titer for participants with a pre-vaccination "
    "tetanus antibody titers ≥ 0.1 IU/ml or a titer of ≥ 0.2 IU/ml for participants with "
    "pre-vaccination titers of <0.1 IU/ml. There was no planned statistical hypothesis "
    "testing regarding the difference in immune response between the 2 treatment groups for "
    "this study, therefore no formal statistical hypothesis between groups was performed."
)


def show(run_cli: RunCli, path: Path, trial_id: str) -> list[str]:
    """Import path and `trials show trial_id` (stdout piped): its lines."""
    code, _, err = run_cli("import", str(path))
    assert code == 0, err
    code, out, err = run_cli("show", trial_id)
    assert code == 0 and err == ""
    return out.split("\n")


def section(lines: list[str], title: str, after: str) -> list[str]:
    """The lines from the top-level heading title up to the heading after."""
    return lines[lines.index(title) + 1:lines.index(after)]


def cells(line: str) -> list[str]:
    """The cells of a table row or header, stripped ("Started │ 97 │ 97" → ["Started", "97",
    "97"])."""
    return [cell.strip() for cell in re.split("[│┃]", line)]


def row(lines: list[str], label: str) -> list[str]:
    """The cells of the first table row whose label is label."""
    return next(cells(line) for line in lines if re.search("[│┃]", line)
                and cells(line)[0] == label)


def test_piped_show_keeps_every_paragraph_whole_on_one_line(
    cli_db: Path, run_cli: RunCli
) -> None:
    lines = show(run_cli, RESULTS, "NCT02210780")
    summary = lines.index("Summary")
    assert lines[summary + 1] == "  " + SUMMARY  # `grep -A1 '^Summary'` prints all of it
    assert "     " + PRIMARY_DESCRIPTION in lines
    assert "Official title        A Randomized, Double-Blind, Placebo-Controlled, Study " \
        "Investigating Vaccine Responses in Adults With Moderate to Severe Atopic Dermatitis " \
        "Treated With Dupilumab" in lines
    # (the numbers' column as wide as "Note:", for the study's "Key Inclusion Criteria")
    assert "  1.    Male or female adults ages 18 to 64 years with Chronic AD (according to the " \
        "American Academy of Dermatology Consensus Criteria, [Eichenfeld 2004])that has been " \
        "present for at least 3 years before the screening visit" in lines
    assert [line for line in lines if line != line.rstrip()] == []  # no padding at line ends


def test_show_has_outcomes_sites_and_results(cli_db: Path, run_cli: RunCli) -> None:
    lines = show(run_cli, RESULTS, "NCT02210780")
    headings = [line for line in lines if line in
                ("Overview", "Eligibility", "Outcomes", "Sites", "Results")]
    assert headings == ["Overview", "Eligibility", "Outcomes", "Sites", "Results"]

    outcomes = section(lines, "Outcomes", "Sites")
    assert outcomes[:3] == ["Primary outcomes (1)", "  1. " + PRIMARY, "     Time frame: Week 16"]
    assert "Secondary outcomes (10)" in outcomes
    assert "  10. Change in Patient Oriented Eczema Measure (POEM) Score From Baseline to " \
        "Week 16" in outcomes

    sites = section(lines, "Sites", "Results")
    # a completed trial's sites state no status: never a guessed "0 recruiting"
    assert sites[:3] == ["42 sites · recruiting status not stated", "",
                         "United States  42 sites, recruiting status not stated"]
    assert sites[3:5] == ["Albuquerque, New Mexico", "  • Facility not stated  status not stated"]
    assert "West Dundee, Illinois" in sites
    assert sum(line.startswith("  • ") for line in sites) == 42

    results = lines[lines.index("Results") + 1:]
    assert "Participant flow" in results and "Baseline (10 measures)" in results
    assert row(results, "Started") == ["Started", "97", "97"]
    assert row(results, "Adverse Event") == ["Adverse Event", "0", "5"]  # the registry's words
    assert "1/11 Primary · " + PRIMARY in results
    measure = results[results.index("1/11 Primary · " + PRIMARY):]
    assert row(measure, "Group") == ["Group", "Analysed", "Value (Percentage of participants)"]
    assert row(measure, "Placebo qw") == ["Placebo qw", "92", "83.7"]
    assert row(measure, "Dupilumab 300 mg qw") == ["Dupilumab 300 mg qw", "90", "83.3"]
    events = results[results.index("Adverse events"):]
    # affected / at risk (the share affected): 29 of 97 is 29.9%
    assert row(events, "Placebo qw") == ["Placebo qw", "0 / 97 (0.0%)", "0 / 97 (0.0%)",
                                         "29 / 97 (29.9%)"]
    assert row(events, "Dupilumab 300 mg qw") == ["Dupilumab 300 mg qw", "0 / 97 (0.0%)",
                                                  "3 / 97 (3.1%)", "30 / 97 (30.9%)"]
    assert row(events, "Serum sickness-like reaction") == [
        "Serum sickness-like reaction", "0 / 97 (0.0%)", "1 / 97 (1.0%)"]
    contact = lines.index("Point of contact")
    assert lines[contact:contact + 6] == [
        "Point of contact", "  Title         Clinical Trial Management",
        "  Organization  Regeneron Pharmaceuticals, Inc.", "  Phone         844-734-6643",
        "  Email         clinicaltrials@regeneron.com", "",
    ]
    assert lines[contact + 6:] == [  # then the references: the study lists none
        "References (0)",
        "  The source lists no references, see-also links or IPD sharing statement.", "",
    ]


def test_show_prints_every_site_of_a_study_with_1148(cli_db: Path, run_cli: RunCli) -> None:
    lines = show(run_cli, MANY_SITES, "NCT04267848")
    sites = section(lines, "Sites", "Results")
    assert sites[0] == "1,148 sites · 659 recruiting"
    assert sum(line.startswith("  • ") for line in sites) == 1148
    assert "  • Hendrick Medical Center  79601  Recruiting" in sites
    assert lines[lines.index("Results") + 1] == "No results posted."
    code, out, _ = run_cli("show", "NCT04267848", "--json")
    assert code == 0 and len(json.loads(out)["locations"]) == 1148  # --json as before


def test_show_on_an_80_column_terminal_wraps_and_cuts_nothing(seeded_cli_db: Path) -> None:
    summary = TrialStore(seeded_cli_db).get("NCT02249676")["summary"]  # type: ignore[index]
    for no_color in (False, True):  # coloured, and plain (NO_COLOR) on a terminal
        shown = SGR.sub("", run_on_terminal("show", "NCT02249676", no_color=no_color,
                                            columns=80)).replace("\r\n", "\n")
        lines = shown.split("\n")
        assert max(cell_len(line.rstrip()) for line in lines) <= 80
        assert " ".join(summary.split()) in " ".join(shown.split())


def test_table_at_80_columns_never_folds_an_id(seeded_cli_db: Path) -> None:
    shown = SGR.sub("", run_on_terminal("search", "stem", no_color=False, columns=80))
    lines = shown.replace("\r\n", "\n").split("\n")
    ids = [cells(line)[1] for line in lines if re.match(r"│ \S", line)]
    assert ids == ["NCT06360861", "NCT01494480", "NCT02249676", "LOCAL-826653db64",
                   "LOCAL-560cb85369"]
    assert max(cell_len(line.rstrip()) for line in lines) <= 80
    title = next(line for line in lines if line.startswith("│ NCT06360861"))
    assert cells(title)[2] == "Evaluate the Safety and"  # wrapped at a word boundary
    assert "Not shown at 80 columns: conditions" in " ".join(shown.split())


def test_table_shares_the_width_and_prints_markup_literally() -> None:
    rows = [{"id": "LOCAL-826653db64", "title": "[bold]Evil[/ title with [link=x]words[/link]",
             "status": "ACTIVE_NOT_RECRUITING", "phases": ["PHASE1", "PHASE2"],
             "conditions": ["Multiple Sclerosis"], "enrollment": {"count": 120}, "score": 1.5}]
    for width in (40, 80, 120, 200):
        console = Console(file=StringIO(), width=width, color_system=None)
        console.print(records_table(rows, width, "Score"))
        text = console.file.getvalue()  # type: ignore[attr-defined]
        lines = text.split("\n")
        assert max(cell_len(line) for line in lines) <= width
        assert any("│ LOCAL-826653db64 │" in line for line in lines)
        titles = "".join(cells(line)[2] for line in lines if line.startswith("│"))
        assert titles.replace(" ", "") == "[bold]Evil[/titlewith[link=x]words[/link]"
    assert "Multiple Sclerosis" in text and "120" in text  # every column at 200
