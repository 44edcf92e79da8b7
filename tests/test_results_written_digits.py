"""Posted values keep the digits the registry writes: a number stays a number, and when its
text ends in zeros the number drops ("7.0", "0.30", "0.70", "1.000"), the record keeps that
text beside it and every view shows it as the registry does.

Expected values read by hand from the raw files:
- NCT02552212 (API v2): the ASDAS-MI measure's values are "7.0" and "47.2"; the BASFI week 52
  measure's are "-1.44" (spread "0.30") and "-3.03" (spread "0.24"), its analysis a
  "Difference" of "-1.585" (95% CI "-2.132" to "-1.038", p "<0.0001").
- NCT01642004 (classic XML): a "Hazard Ratio (HR)" analysis of <param_value>0.70</param_value>,
  95% CI 0.47 to 1.02, two-sided.
- NCT01029262 (classic XML): an analysis with <p_value>1.000</p_value>; the baseline's Age
  of group B2, value="70.0" spread="8.19".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import plain

from parsers import load_records
from parsers.results_read import written_digits
from store.compare import measure_headline
from tui.export_markdown import trial_markdown
from tui.result_text import analysis_text, headline_lines, measurement_text
from tui.results_tables import number
from tui.results_view import results_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
JSON_STUDY = REALDATA / "ctti-clinicaltrials__aact__NCT02552212.json"
NIVOLUMAB = REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01642004.xml"
DUPILUMAB = REALDATA / "ctti-clinicaltrials__aact__NCT02210780.json"
HRU_STUDY = REALDATA / "ctgov-xml" / "ctti-clinicaltrials__aact__NCT01029262.xml"
ASDAS = "Percentage of Subjects With Ankylosing Spondylitis Disease Activity Score Major"
BASFI_52 = ("Change From Baseline to Week 52 in the Bath Ankylosing Spondylitis Functional "
            "Index (BASFI)")


@cache
def _record(path: Path) -> dict[str, Any]:
    [loaded] = load_records(path)
    return loaded.record


def _measure(record: dict[str, Any], title: str) -> dict[str, Any]:
    return next(m for m in record["results"]["outcome_measures"]
                if m["title"].startswith(title))


def _values(measure: dict[str, Any]) -> list[dict[str, Any]]:
    return list(measure["classes"][0]["categories"][0]["measurements"])


@pytest.mark.parametrize(("written", "kept"), [
    ("12.50", "12.50"), ("2169.00", "2169.00"), ("1.0", "1.0"), ("-0.250", "-0.250"),
    (" 0.30 ", "0.30"), ("12.5", None), ("100", None), ("1e-40", None), ("NA", None),
    ("<0.10", None), (12.5, None), (None, None),
])
def test_written_digits_are_those_a_number_drops(written: Any, kept: str | None) -> None:
    assert written_digits(written) == kept


def test_json_values_keep_their_written_zeros() -> None:
    first, second = _values(_measure(_record(JSON_STUDY), ASDAS))[:2]
    assert (first["value"], first["value_text"]) == (7, "7.0")
    assert (second["value"], second["value_text"]) == (47.2, None)
    basfi = _values(_measure(_record(JSON_STUDY), BASFI_52))
    assert [(m["value"], m["value_text"], m["spread"], m["spread_text"]) for m in basfi] == [
        (-1.44, None, 0.3, "0.30"), (-3.03, None, 0.24, None)]


def test_json_analysis_estimate_keeps_its_text_fields() -> None:
    [analysis] = _measure(_record(JSON_STUDY), BASFI_52)["analyses"]
    assert (analysis["param_value"], analysis["param_value_text"]) == (-1.585, None)
    assert (analysis["ci_lower"], analysis["ci_lower_text"]) == (-2.132, None)
    assert (analysis["ci_upper"], analysis["ci_upper_text"]) == (-1.038, None)
    assert analysis["p_value_text"] == "<0.0001"


def test_xml_estimate_and_p_value_keep_their_written_zeros() -> None:
    hazard = [a for m in _record(NIVOLUMAB)["results"]["outcome_measures"]
              for a in m["analyses"] if a["param_value_text"] == "0.70"]
    assert hazard, "the 0.70 hazard ratio is read"
    assert (hazard[0]["param_value"], hazard[0]["ci_lower"], hazard[0]["ci_upper"]) == (
        0.7, 0.47, 1.02)
    p_values = {(a["p_value"], a["p_value_text"])
                for m in _record(HRU_STUDY)["results"]["outcome_measures"]
                for a in m["analyses"]}
    assert (1, "1.000") in p_values


def test_xml_measurement_keeps_its_written_zeros() -> None:
    found = [(m["group"], m["value"], m["value_text"], m["spread"], m["spread_text"])
             for measure in _record(HRU_STUDY)["results"]["baseline"]["measures"]
             if measure["title"] == "Age"
             for cls in measure["classes"] for cat in cls["categories"]
             for m in cat["measurements"] if m["value_text"] == "70.0"]
    assert found == [("BG001", 70, "70.0", 8.19, None)]


def test_a_non_number_is_still_kept_as_text_only() -> None:
    [analysis] = _measure(_record(JSON_STUDY), BASFI_52)["analyses"]
    assert analysis["p_value"] is None


def test_tables_show_the_registry_digits_with_separators() -> None:
    assert number(2169, "2169.00") == "2,169.00"
    assert number(-1893.5, "-1893.50") == "-1,893.50"
    assert number(0.7, "0.70") == "0.70"
    assert number(2169) == "2,169"
    assert number(None, "7.0") == "—"


def test_results_tab_and_markdown_show_the_registry_digits() -> None:
    record = _record(JSON_STUDY)
    text = plain(results_view(record).whole(), 220)
    assert "-1.44 (0.30)" in text
    assert "7.0" in text.split("ASDAS-MI", 1)[1]
    markdown = trial_markdown(record)
    assert "-1.44 (SD 0.30)" in markdown or "-1.44 (SE 0.30)" in markdown


def test_analysis_line_shows_the_estimate_as_written() -> None:
    hazard = next(a for m in _record(NIVOLUMAB)["results"]["outcome_measures"]
                  for a in m["analyses"] if a["param_value_text"] == "0.70")
    assert "Hazard Ratio (HR) 0.70, 95% CI 0.47 to 1.02" in analysis_text(hazard)
    measurement = {"value": 12.5, "value_text": "12.50", "spread": 3.2, "spread_text": "3.20"}
    assert measurement_text(measurement, "STANDARD_DEVIATION") == "12.50 (SD 3.20)"


def test_an_estimate_not_estimable_reads_na() -> None:
    analysis = {"param_type": "Median difference", "param_value": 2.5,
                "param_value_text": None, "ci_percent": 95, "ci_lower": 1.25,
                "ci_lower_text": None, "ci_upper": None, "ci_upper_text": "NA"}
    assert "Median difference 2.5, 95% CI 1.25 to NA" in analysis_text(analysis)


def test_compare_headline_shows_the_estimate_as_written() -> None:
    # NCT02210780's IGA measure: paramValue "34.0", 90% CI "24.29" to "43.75", p "<0.0001"
    measure = _measure(_record(DUPILUMAB), "Percentage of Participants Achieving an "
                                           "Investigator's Global")
    lines = headline_lines(measure_headline(measure))
    assert any("Percentage Difference 34.0, 90% CI 24.29 to 43.75" in line
               for line in lines), lines
