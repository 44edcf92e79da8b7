"""A measure whose values are not posted keeps the date the registry expects them
(anticipated_posting_date), shown with "Values not posted" in the Results tab, `trials show`,
the compare headline and the Markdown export.

Expected values read by hand: NCT01029262's HRU outcome (classic XML) states
<posting_date>05/2017</posting_date> and no measure; NCT01534533's outcomes "12/3333" (a
placeholder: no date);
NCT00382863 (API v2) states "anticipatedPostingDate": "2011-04" on its posted measures.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from tui_helpers import plain

from parsers import load_records, parse_bytes_many
from store.compare import measure_headline
from tui.export_markdown import trial_markdown
from tui.result_text import headline_lines
from tui.results_view import results_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
HRU = REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01029262.xml"
PLACEHOLDER = REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01534533.xml"
POSTED_JSON = REALDATA / "mahmood726-cyber__hfpef-registry-synth__NCT00382863.json"
HRU_TITLE = "Healthcare Resource Utilization (HRU): Rate of Inpatient Hospitalizations"


@cache
def _record(path: Path) -> dict[str, Any]:
    [loaded] = load_records(path)
    return loaded.record


def _hru(record: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in record["results"]["outcome_measures"]
                if m["title"].startswith(HRU_TITLE))


def test_xml_posting_date_of_a_measure_not_posted() -> None:
    measure = _hru(_record(HRU))
    assert measure["reporting_status"] == "NOT_POSTED"
    assert measure["anticipated_posting_date"] == "2017-05"


def test_xml_placeholder_year_is_no_date() -> None:
    record = _record(PLACEHOLDER)
    dates = {m["anticipated_posting_date"] for m in record["results"]["outcome_measures"]
             if m["reporting_status"] == "NOT_POSTED"}
    assert dates == {None}
    assert any("posting_date" in w and "12/3333" in w for w in record["warnings"])


def test_xml_posting_date_that_is_not_a_date_is_warned() -> None:
    data = HRU.read_bytes().replace(b"<posting_date>05/2017</posting_date>",
                                    b"<posting_date>soon</posting_date>")
    [loaded] = parse_bytes_many(data, HRU.name)
    assert _hru(loaded.record)["anticipated_posting_date"] is None
    assert any("posting_date" in w and "soon" in w for w in loaded.record["warnings"])


def test_json_posting_date_is_kept() -> None:
    measures = _record(POSTED_JSON)["results"]["outcome_measures"]
    dated = [m["anticipated_posting_date"] for m in measures if m["anticipated_posting_date"]]
    assert dated == ["2011-04"] * 22
    assert {m["reporting_status"] for m in measures} == {"POSTED"}


def test_results_tab_says_when() -> None:
    text = plain(results_view(_record(HRU)).whole(), 200)
    assert "Values not posted (anticipated 2017-05)." in text


def test_headline_and_markdown_say_when() -> None:
    measure = _hru(_record(HRU))
    assert "Values not posted (anticipated 2017-05)" in headline_lines(
        measure_headline(measure))
    record = copy.deepcopy(_record(HRU))
    assert "Values not posted (anticipated 2017-05)." in trial_markdown(record)


def test_without_a_date_it_says_not_posted_only() -> None:
    measure = copy.deepcopy(_hru(_record(HRU)))
    measure["anticipated_posting_date"] = None
    assert "Values not posted" in headline_lines(measure_headline(measure))
    assert not any("anticipated" in line for line in headline_lines(measure_headline(measure)))
