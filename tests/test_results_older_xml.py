"""Posted results of older classic XML, shown whole: a value stating a spread and limits
both shows both; an analysis stating an estimate but no p-value is in the Markdown and the
compare headline; a comment on an outcome value (why a median is "NA") is in the Markdown.

Expected values read by hand from tests/fixtures/realdata/results-xml (README: "Results of
older classic XML").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from tui_helpers import plain

from parsers import load_records, parse_bytes_many
from store.compare import measure_headline
from tui.export_markdown import trial_markdown
from tui.result_text import analysis_text, headline_lines, measurement_text
from tui.results_view import measure_view, results_view

RESULTS = Path(__file__).resolve().parent / "fixtures" / "realdata" / "results-xml"
WEIGHT = RESULTS / "chartgerink__2017ctgov__NCT00855166.xml"
PROGRESSION = RESULTS / "chartgerink__2017ctgov__NCT00087529.xml"
DARUNAVIR = RESULTS / "chartgerink__2017ctgov__NCT00458302.xml"
#: as the Markdown writes it: "<" escaped
NOT_AVAILABLE = r"Median time to CDP was not available because less than (\<) 50 percent (%)"


@cache
def _record(path: Path) -> dict[str, Any]:
    [loaded] = load_records(path)
    return loaded.record


def _measure(record: dict[str, Any], title: str) -> dict[str, Any]:
    return next(m for m in record["results"]["outcome_measures"] if m["title"] == title)


def test_a_spread_and_limits_both_are_kept_and_shown() -> None:
    measure = _measure(_record(WEIGHT), "Adjusted Mean Change in Total Body Weight")
    first = measure["classes"][0]["categories"][0]["measurements"][0]
    assert (first["value"], first["spread"], first["lower"], first["upper"]) == (
        -0.88, 0.2746, -1.43, -0.34)
    assert measurement_text(first, measure["dispersion_type"]) == (
        "-0.88 (95% CI -1.43 to -0.34; spread 0.2746)")
    text = plain(results_view(_record(WEIGHT)).whole(), 200)
    assert "-0.88 (-1.43 to -0.34; spread 0.2746)" in text
    assert "-2.96 (-3.51 to -2.41; spread 0.2766)" in text
    assert "-0.88 (95% CI -1.43 to -0.34; spread 0.2746)" in trial_markdown(_record(WEIGHT))


def test_a_spread_named_by_the_dispersion_comes_first() -> None:
    measurement = {"value": 20.65, "spread": 42.34, "lower": 13.68, "upper": 25.72}
    assert measurement_text(measurement, "Standard Deviation") == (
        "20.65 (SD 42.34; limits 13.68 to 25.72)")
    assert measurement_text({"value": 1.2, "spread": 0.3}, "Standard Deviation") == (
        "1.2 (SD 0.3)")
    assert measurement_text({"value": 1.2, "lower": 1, "upper": 2}, "Full Range") == (
        "1.2 (range 1 to 2)")


def test_an_analysis_without_a_p_value_is_in_the_headline_and_markdown() -> None:
    record = _record(DARUNAVIR)
    measure = next(m for m in record["results"]["outcome_measures"]
                   if m["type"] == "PRIMARY")
    [analysis] = measure["analyses"]
    assert (analysis["p_value"], analysis["p_value_text"]) == (None, None)
    expected = "Difference in proportion of response -1.6, 95% CI -10.1 to 6.8"
    assert analysis_text(analysis) == expected
    assert expected in headline_lines(measure_headline(measure))
    assert f"- DRV/r+2NRTIs vs DRV/r: {expected}, two-sided" in trial_markdown(record)


def test_markdown_keeps_the_comment_on_an_outcome_value() -> None:
    markdown = trial_markdown(_record(PROGRESSION))
    table_at = markdown.index("| Value | NA | NA |")
    assert "- Placebo, Value: Stratified log rank test" in markdown[table_at:]
    assert NOT_AVAILABLE in markdown[table_at:]
    assert "- Rituximab, Value: Stratified log rank test" in markdown[table_at:]


def test_a_legacy_type_of_test_says_legacy() -> None:
    # NCT00855166's analyses: <non_inferiority>No</non_inferiority> (before 2017)
    text = plain(results_view(_record(WEIGHT)).whole(), 200)
    assert "Type of test: Superiority or other (legacy)" in text


def test_a_posted_measure_without_values_shows_its_counts() -> None:
    # NCT02552212's third measure: posted, denoms 0 and 0, no classes (no participant had
    # a concentration above the limit of quantification)
    [loaded] = load_records(RESULTS.parent / "ctti-clinicaltrials__aact__NCT02552212.json")
    measure = loaded.record["results"]["outcome_measures"][2]
    assert measure["title"] == "Certolizumab Pegol Plasma Concentration at Baseline"
    text = plain(measure_view(3, 31, measure), 100)
    assert "Placebo (SS)        │        0" in text
    assert "No values stated." in text


def test_a_reference_escaped_twice_is_decoded_once_more() -> None:
    # NCT00087529's exclusion criterion 28: "Treatment with IFN-&amp;#x3B2;, …" (the site shows β)
    record = _record(PROGRESSION)
    texts = [c["text"] for c in record["eligibility"]["exclusion"]]
    assert any(t.startswith("Treatment with IFN-β, glatiramer acetate") for t in texts)
    assert not any("&#x3B2;" in t for t in texts)
    # a control character escaped twice never becomes one
    data = PROGRESSION.read_bytes().replace(b"IFN-&amp;#x3B2;", b"IFN-&amp;#x1b;[31m")
    [loaded] = parse_bytes_many(data, PROGRESSION.name)
    text = next(c["text"] for c in loaded.record["eligibility"]["exclusion"]
                if c["text"].startswith("Treatment with IFN-"))
    assert "\x1b" not in text and text.startswith("Treatment with IFN-[31m")


def test_an_analysis_comment_keeps_its_own_label_alone() -> None:
    # NCT00458302's analyses: some state no groups_desc, only <estimate_desc>
    text = plain(results_view(_record(DARUNAVIR)).whole(), 300)
    assert "Estimate comment: Difference in proportion of response DRV/r minus" in text
    assert "Notes: Estimate comment" not in text
    assert "Notes: Assuming a virologic response rate of 90%" in text  # unlabelled: Notes


def test_an_old_baseline_states_its_participants_as_a_first_measure() -> None:
    # NCT00000134: <baseline><measure_list><measure><title>Number of Participants</title>
    # <units>participants</units> … 89, 94, 96 and 279 (Total): its denominators, as the
    # registry's API v2 gives them; Age, Gender and Region of Enrollment are its measures
    baseline = _record(RESULTS / "chartgerink__2017ctgov__NCT00000134.xml")["results"]["baseline"]
    assert [measure["title"] for measure in baseline["measures"]] == [
        "Age", "Gender", "Region of Enrollment"]
    [denoms] = baseline["denoms"]
    assert denoms["units"] == "participants"
    assert [count["value"] for count in denoms["counts"]] == [89, 94, 96, 279]
