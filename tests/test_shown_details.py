"""Details a record holds that the views showed nowhere: an intervention's other names, a
site's postal code, and why a row of the site's CSV download has no sites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_helpers import plain

from parsers import load_records
from tui.export_markdown import trial_markdown
from tui.report_view import arms_view
from tui.sites_view import sites_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
#: Dupilumab: otherNames REGN668, SAR231893, Dupixent (read in the file).
DUPILUMAB = "ctti-clinicaltrials__aact__NCT02210780.json"
#: One site: Washington University School of Medicine, Saint Louis, zip 63110.
ONE_SITE = "ctti-clinicaltrials__aact__NCT00763412.json"
#: A CSV download of 11 columns, without Locations.
NO_LOCATIONS = "ctgov-csv/onlyjazz__flask-ctrials__ctg-studies.csv"


def records(name: str) -> list[dict[str, Any]]:
    return [loaded.record for loaded in load_records(REALDATA / name)]


def test_an_intervention_shows_its_other_names() -> None:
    [record] = records(DUPILUMAB)
    text = plain(arms_view(record), 120)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "• Drug: Dupilumab")
    assert lines[at + 1].strip() == "Other names: REGN668; SAR231893; Dupixent"
    assert "Other names" not in lines[at + 2]  # placebo has none
    assert "- Drug: Dupilumab (other names: REGN668; SAR231893; Dupixent)" in trial_markdown(record)


def test_a_site_shows_its_postal_code() -> None:
    [record] = records(ONE_SITE)
    text = plain(sites_view(record).whole(), 120)
    assert "• Washington University School of Medicine  63110  " in text


def test_a_csv_row_without_sites_says_its_file_has_no_locations_column() -> None:
    record = records(NO_LOCATIONS)[0]  # the file's header has no Locations column
    assert record["locations"] == [] and record["locations_count"] is None
    text = plain(sites_view(record).whole(), 200)
    assert "This CSV file has no Locations column" in text
    assert "The CSV download lists no sites" not in text
    assert "The record lists no sites" not in text
