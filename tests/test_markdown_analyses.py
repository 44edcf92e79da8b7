"""The Markdown export says what each analysis compares: the groups ("Placebo vs Drug"),
then its type of test and notes (the registry's groupDescription, "Percent change from
baseline at Week 2") under it, so analyses of one measure can be told apart.

Expected values read by hand from tests/fixtures/realdata/results-json (README: "Analyses
told apart") and results-xml.
"""

from __future__ import annotations

from pathlib import Path

from parsers import load_records
from tui.export_markdown import trial_markdown

REAL = Path(__file__).resolve().parent / "fixtures" / "realdata"
WEEKS = REAL / "results-json" / "ctti-clinicaltrials__aact__NCT03064438.json"
DARUNAVIR = REAL / "results-xml" / "chartgerink__2017ctgov__NCT00458302.xml"


def _markdown(path: Path) -> list[str]:
    [loaded] = load_records(path)
    return trial_markdown(loaded.record).splitlines()


def test_each_analysis_names_its_groups_and_notes() -> None:
    lines = _markdown(WEEKS)
    for week, p_value in (("2", "0.1099"), ("4", "0.1653"), ("8", "0.8437"), ("12", "0.4644")):
        head = lines.index(f"- ACU-D1 Ointment vs ACU-D1 Ointment Vehicle: p = {p_value} "
                           "(Van Elteren test)")
        assert lines[head + 1:head + 3] == [
            "  - Type of test: Superiority",
            f"  - Notes: Percent change from baseline at Week {week}",
        ]


def test_an_own_labelled_comment_is_not_labelled_again() -> None:
    lines = _markdown(DARUNAVIR)
    head = next(at for at, line in enumerate(lines)
                if line.startswith("- DRV/r+2NRTIs vs DRV/r: Difference in proportion of "
                                   "response 1.29, 95% CI -7.99 to 10.58"))
    assert lines[head + 1] == "  - Type of test: Superiority or other (legacy)"
    assert lines[head + 2] == ("  - Estimate comment: Difference in proportion of response "
                               "DRV/r minus DRV/r+2NRTIs.")
