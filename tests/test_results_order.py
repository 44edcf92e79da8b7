"""The Results tab lists the primary outcome measures first, then the secondary, other
pre-specified and post hoc ones (each kind in the source's order), as the Markdown does
(NCT01642004's source lists an other pre-specified and a secondary measure before its
first primary one)."""

from __future__ import annotations

import re
from pathlib import Path

from tui_helpers import plain

from parsers import load_records
from tui.export_markdown import trial_markdown
from tui.results_view import results_view

NIVOLUMAB = (Path(__file__).resolve().parent / "fixtures" / "realdata" / "ctgov-xml"
             / "ctti-clinicaltrials__aact__NCT01642004.xml")


def test_primary_measures_come_first_in_the_tab_and_the_markdown() -> None:
    [loaded] = load_records(NIVOLUMAB)
    text = plain(results_view(loaded.record).whole(), 300)
    kinds = re.findall(r"^\s*\d+/13 (Primary|Secondary|Other pre-specified) · ", text, re.M)
    assert kinds == ["Primary"] * 3 + ["Secondary"] * 9 + ["Other pre-specified"]
    titles = re.findall(r"^\s*\d+/13 \w[\w -]* · (.+)$", text, re.M)
    headings = re.findall(r"^#### (?:Primary|Secondary|Other pre-specified) outcome: (.+)$",
                          trial_markdown(loaded.record), re.M)
    assert [title[:40] for title in titles] == [heading[:40] for heading in headings]
    assert titles[0].startswith("Overall Survival (OS) Time in Months for All Randomized")
