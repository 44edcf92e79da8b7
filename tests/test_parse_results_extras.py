"""Results values added to the record: an analysis's dispersion, CI sides and whether
non-inferiority was tested; a baseline measure's population; a flow milestone's (or
withdrawal's) own comment; an adverse event's notes. From API v2 JSON and classic XML alike,
and shown by the Results tab and the Markdown export.

Expected values were read by hand from the real files in tests/fixtures/realdata (see its
README: the mahmood726-cyber__hfpef-registry-synth__*.json and the ctgov-xml-older
reesewang25__*.xml rows)."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from tui_helpers import plain

from parsers import load_records, parse_text_many
from parsers.ctgov_results import parse_results
from tui.export_markdown import trial_markdown
from tui.report_view import eligibility_view
from tui.results_view import results_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
METOPROLOL = "mahmood726-cyber__hfpef-registry-synth__NCT02417246.json"
CRT = "mahmood726-cyber__hfpef-registry-synth__NCT02476201.json"
CORCAP = "mahmood726-cyber__hfpef-registry-synth__NCT00382863.json"
ESCAPED = "mahmood726-cyber__hfpef-registry-synth__NCT01754259.json"
BUPRENORPHINE = "ctgov-xml-older/reesewang25__enrollment_and_studylength__NCT00490919.xml"
OZONE = "ctgov-xml-older/reesewang25__enrollment_and_studylength__NCT00495495.xml"
VACCINE = "ctgov-xml-older/reesewang25__enrollment_and_studylength__NCT00492648.xml"
NEW_ANALYSIS_KEYS = {"dispersion_type", "dispersion_value", "dispersion_value_text",
                     "ci_sides", "tested_non_inferiority"}


@cache
def _record(name: str) -> dict[str, Any]:
    [loaded] = load_records(REALDATA / name)
    return loaded.record


def record(name: str) -> dict[str, Any]:
    return copy.deepcopy(_record(name))


def analyses(name: str, measure: int) -> list[dict[str, Any]]:
    return list(record(name)["results"]["outcome_measures"][measure]["analyses"])


def view_text(rec: dict[str, Any], width: int = 200) -> str:
    return plain(results_view(rec).whole(), width)


# --- API v2 JSON ---------------------------------------------------------------------------


def test_json_analysis_dispersion_and_ci_sides() -> None:
    first = analyses(METOPROLOL, 0)[0]  # AUC: Mean Difference 45.1, SD 222.2, 95% CI
    assert {key: first[key] for key in NEW_ANALYSIS_KEYS} == {
        "dispersion_type": "STANDARD_DEVIATION", "dispersion_value": 222.2,
        "dispersion_value_text": None, "ci_sides": "TWO_SIDED",
        "tested_non_inferiority": None,
    }
    second = analyses(METOPROLOL, 0)[1]  # Geometric mean ratio 0.85: no dispersion stated
    assert (second["dispersion_type"], second["dispersion_value"], second["ci_sides"]) == (
        None, None, "TWO_SIDED")
    slope = analyses(METOPROLOL, 2)[0]  # HRV: Slope -0.7, "STANDARD_ERROR_OF_MEAN" "0.3"
    assert (slope["param_value"], slope["dispersion_type"], slope["dispersion_value"]) == (
        -0.7, "STANDARD_ERROR_OF_MEAN", 0.3)
    [one_sided] = analyses(CRT, 0)  # Percentage 67.1, 97.5% CI, lower limit 55.6 only
    assert (one_sided["ci_percent"], one_sided["ci_sides"], one_sided["ci_lower"]) == (
        97.5, "ONE_SIDED", 55.6)


def test_json_tested_non_inferiority() -> None:
    [deaths] = analyses(CORCAP, 3)  # "Number of Participant Deaths": testedNonInferiority true
    assert deaths["tested_non_inferiority"] is True
    assert deaths["non_inferiority"] == "NON_INFERIORITY_OR_EQUIVALENCE"
    [first] = analyses(CORCAP, 0)
    assert first["tested_non_inferiority"] is False


def test_json_baseline_measure_population() -> None:
    measures = record(METOPROLOL)["results"]["baseline"]["measures"]
    assert measures[0]["title"] == "Age, Continuous"
    assert measures[0]["population"] == (
        "18 subjects who were administered both brand name metoprolol ER and Generic A; and "
        "18 subjects who were administered both brand name metoprolol ER and Generic B were "
        "analyzed")
    assert measures[2]["title"] == "Ethnicity (NIH/OMB)"
    assert measures[2]["population"] is None


def test_json_milestone_comment() -> None:
    periods = record(METOPROLOL)["results"]["participant_flow"]["periods"]
    assert periods[2]["title"] == "Phase 3 Brand Name Metoprolol ER #2"
    started = periods[2]["milestones"][0]
    assert started["type"] == "STARTED"
    assert started["comment"] == ("One patient completed Phase 2 but did not start Phase 3. "
                                  "His data were included in analysis.")
    assert periods[2]["milestones"][1]["comment"] is None
    assert [w["comment"] for w in periods[0]["withdrawals"]] == [None, None, None]


def test_json_event_notes() -> None:
    events = record(METOPROLOL)["results"]["adverse_events"]
    assert events["serious"][0]["term"] == "ECG signs of myocardia ischemia"
    assert events["serious"][0]["notes"] == (
        "ECG changes observed during stress test. Patient received medical attention and was "
        "withdrawn from study.")
    pruritus = events["other"][10]
    assert (pruritus["term"], pruritus["notes"]) == (
        "Pruritus", "Lower extremity itching and burning")
    assert events["other"][0]["notes"] is None
    # written "… period \[fall complicated … hemorrhage\]." (Markdown escapes)
    [serious] = record(ESCAPED)["results"]["adverse_events"]["serious"]
    assert serious["notes"] == ("One serious adverse event occurred during the placebo period "
                                "[fall complicated by non-fatal intracerebral hemorrhage].")


def test_json_unreadable_values_warn() -> None:
    warnings: list[str] = []
    out = parse_results({"outcomeMeasuresModule": {"outcomeMeasures": [{
        "title": "T", "analyses": [{"dispersionType": "VARIANCE", "dispersionValue": "NA",
                                    "ciNumSides": "BOTH", "testedNonInferiority": "yes"}],
    }]}}, warnings)
    assert out is not None
    [analysis] = out["outcome_measures"][0]["analyses"]
    assert {key: analysis[key] for key in NEW_ANALYSIS_KEYS} == {
        "dispersion_type": None, "dispersion_value": None, "dispersion_value_text": "NA",
        "ci_sides": None, "tested_non_inferiority": None,
    }
    where = "resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[0]"
    assert warnings == [
        f"{where}.dispersionType: unknown value 'VARIANCE'",
        f"{where}.ciNumSides: unknown value 'BOTH'",
        f"{where}.testedNonInferiority: not true or false",
    ]


# --- classic XML ---------------------------------------------------------------------------


def test_xml_analysis_dispersion_and_ci_sides() -> None:
    [analysis] = analyses(BUPRENORPHINE, 0)
    # <param_value>-0.58</param_value> <dispersion_type>Standard Error of the Mean</…>
    # <dispersion_value>0.225</…> <ci_n_sides>2-Sided</ci_n_sides>
    assert {key: analysis[key] for key in NEW_ANALYSIS_KEYS} == {
        "dispersion_type": "STANDARD_ERROR_OF_MEAN", "dispersion_value": 0.225,
        "dispersion_value_text": None, "ci_sides": "TWO_SIDED",
        "tested_non_inferiority": None,  # the XML does not state it
    }
    assert analyses(BUPRENORPHINE, 1)[0]["dispersion_value"] == 0.0874
    [one_sided] = analyses(OZONE, 0)  # <ci_n_sides>1-Sided</ci_n_sides>, no limits
    assert (one_sided["param_value"], one_sided["ci_sides"]) == (0.02, "ONE_SIDED")
    [no_sides] = analyses(OZONE, 2)  # states neither estimate nor sides
    assert no_sides["ci_sides"] is None


def test_xml_unknown_dispersion_and_text_value() -> None:
    text = (REALDATA / BUPRENORPHINE).read_text(encoding="utf-8")
    text = text.replace("<dispersion_value>0.225</dispersion_value>",
                        "<dispersion_value>NA</dispersion_value>", 1)
    text = text.replace("Standard Error of the Mean", "Variance", 1)
    [loaded] = parse_text_many(text, "changed.xml")
    [analysis] = loaded.record["results"]["outcome_measures"][0]["analyses"]
    assert (analysis["dispersion_type"], analysis["dispersion_value"],
            analysis["dispersion_value_text"]) == (None, None, "NA")
    assert "clinical_results/outcome[1]/analysis[1]/dispersion_type: unknown value " \
           "'Variance'" in loaded.record["warnings"]


def test_xml_baseline_measure_population() -> None:
    measures = record(VACCINE)["results"]["baseline"]["measures"]
    assert [(m["title"], m["population"]) for m in measures[:4]] == [
        ("Age", "For Month 30 (109671 Study)"),
        ("Age", "For Month 42 (109674 Study)"),
        ("Sex: Female, Male", "For Month 30 (109671 Study)"),
        ("Sex: Female, Male", "For Month 42 (109674 Study)"),
    ]


def test_xml_milestones_have_no_comment_and_events_keep_their_description() -> None:
    results = record(BUPRENORPHINE)["results"]
    steps = [step for period in results["participant_flow"]["periods"]
             for step in period["milestones"] + period["withdrawals"]]
    assert steps and all(step["comment"] is None for step in steps)
    events = results["adverse_events"]
    assert (events["serious"][0]["term"], events["serious"][0]["notes"]) == (
        "Acute myocardial infarction", "Systematic and nonsystematic assessments")
    assert (events["other"][0]["term"], events["other"][0]["notes"]) == (
        "Nausea", "Systematic and nonsystematic assessments were used.")
    serious = record(OZONE)["results"]["adverse_events"]["serious"]
    assert (serious[0]["term"], serious[0]["notes"]) == (
        "Appendicitis", "Not related to ozone device")


def test_both_formats_have_the_same_keys() -> None:
    json_results = record(METOPROLOL)["results"]
    xml_results = record(BUPRENORPHINE)["results"]

    def keys(results: dict[str, Any]) -> dict[str, set[str]]:
        period = results["participant_flow"]["periods"][0]
        return {
            "analysis": set(results["outcome_measures"][0]["analyses"][0]),
            "baseline measure": set(results["baseline"]["measures"][0]),
            "milestone": set(period["milestones"][0]),
            "withdrawal": set(period["withdrawals"][0]),
            "event": set(results["adverse_events"]["serious"][0]),
        }
    found = keys(json_results)
    assert found == keys(xml_results)
    assert found["analysis"] >= NEW_ANALYSIS_KEYS
    assert "population" in found["baseline measure"]
    assert "comment" in found["milestone"] and "comment" in found["withdrawal"]
    assert "notes" in found["event"]


# --- the Results tab and the Markdown export -----------------------------------------------


def test_view_shows_dispersion_sides_and_tested() -> None:
    text = view_text(record(METOPROLOL))
    assert ("Mean Difference (Final Values) 45.1 (95% CI -41.1 to 131.2, two-sided), "
            "standard deviation 222.2") in text
    assert "Slope -0.7, standard error 0.3" in text
    one_sided = view_text(record(CRT))
    assert "Percentage 67.1 (97.5% CI 55.6 to —, one-sided)" in one_sided
    tested = view_text(record(CORCAP))
    assert ("Type of test: Non inferiority or equivalence; non-inferiority tested"
            in tested)
    assert "Type of test: Superiority or other; non-inferiority not tested" in tested
    xml = view_text(record(BUPRENORPHINE))
    assert ("Mean Difference (Final Values) -0.58 (95% CI -1.02 to -0.14, two-sided), "
            "standard error 0.225") in xml


def test_an_analysis_without_p_value_or_method_starts_with_its_estimate() -> None:
    text = view_text(record(METOPROLOL))
    assert ("Brand Name Metoprolol ER vs Generic B: Geometric mean ratio 0.85 "
            "(90% CI 0.76 to 0.95, two-sided)") in text
    assert ": ;" not in text


def test_view_shows_population_comment_and_notes() -> None:
    lines = view_text(record(METOPROLOL)).splitlines()
    age = next(i for i, line in enumerate(lines) if "Age, Continuous (Mean" in line)
    assert lines[age + 1].strip().startswith(
        "Population: 18 subjects who were administered both brand name metoprolol ER")
    text = "\n".join(lines)
    assert "Started [1]" in text
    assert ("[1] Started: One patient completed Phase 2 but did not start Phase 3. His data "
            "were included in analysis.") in text
    assert "Pruritus [1]" in text
    assert "[1] Lower extremity itching and burning" in text
    # a note shared by every event of an organ system is written once, under its table
    xml = view_text(record(BUPRENORPHINE))
    gastro = xml.split("  Gastrointestinal disorders\n")[2].split("\n\n")[0]  # other events
    assert "Nausea [1]" in gastro and "Constipation [1]" in gastro
    assert gastro.count("Systematic and nonsystematic assessments were used.") == 1


def test_view_keeps_text_as_data_and_whole() -> None:
    rec = record(METOPROLOL)
    long_note = "[bold]not markup[/bold] " + "word " * 60 + "END"
    rec["results"]["adverse_events"]["other"][10]["notes"] = long_note
    rec["results"]["participant_flow"]["periods"][2]["milestones"][0]["comment"] = "[red]x[/]"
    rec["results"]["baseline"]["measures"][0]["population"] = "[i]all[/i]"
    text = " ".join(view_text(rec, 80).split())
    assert " ".join(long_note.split()) in text  # wrapped, never cut
    assert "Started: [red]x[/]" in text
    assert "Population: [i]all[/i]" in text


def test_markdown_analysis_extras() -> None:
    xml = trial_markdown(record(BUPRENORPHINE))
    assert ("- Double-blind BTDS vs Double-blind Placebo TDS: "
            "p = 0.0104 (Mixed Models Analysis; Mean Difference (Final Values) -0.58, "
            "95% CI -1.02 to -0.14, two-sided, standard error 0.225)") in xml
    json_text = trial_markdown(record(METOPROLOL))
    assert ("- Brand Name Metoprolol ER vs Generic B: "
            "p = 0.3 (t-test, 2 sided; Mean Difference (Final Values) 45.1, 95% CI -41.1 "
            "to 131.2, two-sided, standard deviation 222.2)") in json_text
    assert ("- MPP ON: p = 0.0435 (Exact binomial; Percentage 67.1, 97.5% CI 55.6 to —, one-sided)"
            in trial_markdown(record(CRT)))
    corcap = trial_markdown(record(CORCAP))
    assert "- Treatment vs Control: p = 0.502 (Fisher Exact; non-inferiority not tested)" in corcap
    assert "; non-inferiority tested)" in corcap


def test_a_p_value_above_one_is_kept_with_a_warning() -> None:
    # NCT02294734 writes Bayesian posterior percentages ("60.66") as p-values.
    section = {"outcomeMeasuresModule": {"outcomeMeasures": [{
        "type": "PRIMARY", "title": "Response", "groups": [{"id": "OG000", "title": "A"}],
        "analyses": [{"groupIds": ["OG000"], "pValue": "60.66"},
                     {"groupIds": ["OG000"], "pValue": "0.04"}],
    }]}}
    warnings: list[str] = []
    results = parse_results(section, warnings)
    assert results is not None
    assert [a["p_value"] for a in results["outcome_measures"][0]["analyses"]] == [60.66, 0.04]
    assert warnings == ["resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[0]"
                        ".pValue: 60.66 is not a probability (kept as written)"]


def test_results_posted_but_not_in_a_csv_record_say_where_they_are() -> None:
    rows = load_records(Path(__file__).parent / "fixtures" / "realdata" / "ctgov-csv"
                        / "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv")
    posted = next(item.record for item in rows if item.record["has_results"])
    assert posted["results"] is None
    text = " ".join(view_text(posted).split())
    assert "Results are posted on ClinicalTrials.gov." in text
    assert "The site's CSV download does not carry them" in text
    assert "No results posted" not in text
    never = next(item.record for item in rows if item.record["has_results"] is False)
    assert "No results posted." in view_text(never)


def test_a_csv_row_says_its_criteria_are_not_in_the_download() -> None:
    rows = load_records(Path(__file__).parent / "fixtures" / "realdata" / "ctgov-csv"
                        / "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv")
    text = " ".join(plain(eligibility_view(rows[0].record), 200).split())
    assert "Inclusion criteria not in the site's CSV download" in text
    assert "none stated" not in text
