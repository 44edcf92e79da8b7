"""A partial study (an API answer restricted by `fields=`) says which of its sections its
source left out, and the views say those are not in its source instead of "none": the search
page of tests/fixtures/realdata/partial holds NCT06382129 without its criteria, outcomes,
sites and references (read by hand: its protocolSection has no outcomesModule,
contactsLocationsModule or referencesModule, and its eligibilityModule no
eligibilityCriteria, sex or healthyVolunteers); its own answer holds the criteria and sex.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_helpers import plain

from parsers import load_records
from tui.outcomes_view import outcomes_view
from tui.references_view import references_view
from tui.report_view import eligibility_view
from tui.sites_view import sites_view
from tui.widgets.detail import tab_labels

PARTIAL = Path(__file__).resolve().parent / "fixtures" / "realdata" / "partial"
PAGE = PARTIAL / ("genomoncology__biomcp__testdata_sources_ctgov_search_nsclc_egfr_l858r_"
                  "20260811.json")
OWN = PARTIAL / "genomoncology__biomcp__testdata_sources_ctgov_get_nct06382129_20260811.json"
WHOLE = (Path(__file__).resolve().parent / "fixtures" / "realdata"
         / "ctti-clinicaltrials__aact__NCT02210780.json")


def _record(path: Path, nct: str = "NCT06382129") -> dict[str, Any]:
    return next(item.record for item in load_records(path) if item.record["id"] == nct)


def _text(renderable: Any) -> str:
    return " ".join(plain(renderable, 200).split())


def test_a_partial_study_names_the_modules_its_source_left_out() -> None:
    assert _record(PAGE)["source"]["missing_modules"] == [
        "eligibilityModule.eligibilityCriteria", "eligibilityModule.sex",
        "eligibilityModule.healthyVolunteers", "outcomesModule", "contactsLocationsModule",
        "referencesModule"]
    assert _record(OWN)["source"]["missing_modules"] == [
        "eligibilityModule.healthyVolunteers", "outcomesModule", "contactsLocationsModule",
        "referencesModule"]
    # a whole study names none: a module it lacks is a section it states empty
    assert "missing_modules" not in _record(WHOLE, "NCT02210780")["source"]


def test_the_views_say_what_a_partial_source_left_out() -> None:
    record = _record(PAGE)
    eligibility = _text(eligibility_view(record))
    assert "Inclusion criteria not in this record's source (a partial study)" in eligibility
    assert "Sex not in this record's source" in eligibility  # its page answer has no sex
    assert "Ages 18 years and older" in eligibility  # (it has the minimum age)
    assert "none stated" not in eligibility and "not stated" not in eligibility
    assert ("This record is partial: its source leaves out the study's outcome measures."
            in _text(outcomes_view(record)))
    sites = _text(sites_view(record).whole())
    assert "leaves out the study's sites and contacts" in sites and "0 sites" not in sites
    references = _text(references_view(record).whole())
    assert "leaves out the study's references" in references
    assert "lists no references" not in references and "References (" not in references
    labels, _ = tab_labels(record, 200)
    assert (labels["outcomes"], labels["sites"], labels["references"]) == (
        "Outcomes", "Sites", "References")
    # the answer holding its criteria counts them
    assert "Inclusion criteria (" in _text(eligibility_view(_record(OWN)))


def test_a_whole_study_without_references_lists_none() -> None:
    # NCT02210780: a whole study whose protocolSection has no referencesModule
    record = _record(WHOLE, "NCT02210780")
    assert record["references"] == []
    labels, _ = tab_labels(record, 200)
    assert labels["references"] == "References 0"
    assert "The source lists no references" in _text(references_view(record).whole())


def test_the_markdown_report_says_so_too() -> None:
    from tui.export_markdown import trial_markdown

    report = trial_markdown(_record(PAGE))
    # the inclusion and exclusion criteria, the outcomes and the sites
    assert report.count("Not in this record's source (a partial study).") == 4
    assert "None stated." not in report and "None listed." not in report
    # its sex and healthy volunteers are unknown, not unstated; its criteria carry no count
    assert "- **Sex:** not in this record's source (a partial study)" in report
    assert "- **Healthy volunteers:** not in this record's source" in report
    assert "- **Ages:** 18 years and older" in report
    assert "not stated" not in report
    assert "### Inclusion criteria\n" in report and "criteria (0)" not in report
    assert "### Sites\n" in report and "0 sites" not in report
    # a CSV row's arms are not in the site's download
    from realdata_csv import real

    row = trial_markdown(real("aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv",
                              "NCT00143234"))
    assert "Not in the site's CSV download." in row and "No arms listed." not in row
    assert "Inclusion criteria (0)" not in row and "Healthy volunteers:** not in the site" in row
