"""store.compare on real registry records: outcome measures aligned across trials, countries
and recruiting sites, MeSH terms, headline results.

The records are the real files in tests/fixtures/realdata/ (copied byte for byte from
/work/shared/realdata/ctgov-json/). Every expected value below was read by hand from those
files (the site counts also checked with grep on the raw JSON), never computed by the code
under test.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parsers import empty_record, load_records
from store.compare import (
    OUTCOME_THRESHOLD,
    THRESHOLD,
    Row,
    Sites,
    align_outcomes,
    arms_or_groups,
    compare,
    headline,
    key_similarity,
    mesh_terms,
    outcome_key,
    outcome_text,
    similarity,
    sites_of,
)
from tui.compare_text import countries_text, recruiting_text, registry_rows
from tui.result_text import headline_lines, measurement_text, number_text, p_value_text

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
PAGE_OF_50 = "dgg32__clinical-trials-public__ctg-studies(5).json"
AACT = "ctti-clinicaltrials__aact__{}.json"

OBESITY_LILLY = "NCT05869903"  # orforglipron; 135 sites, no site states a status
OBESITY_NOVO = "NCT05813925"  # CagriSema; 22 sites, all recruiting
ECZEMA_LILLY = "NCT05911841"  # atopic dermatitis, no results posted
COVID = ("NCT05894590", "NCT05894525", "NCT05894499")
DUPILUMAB = "NCT02210780"  # atopic dermatitis, results posted
CERTOLIZUMAB = "NCT02552212"  # axial spondyloarthritis, results with p-values
REPAGLINIDE = "NCT00763412"  # results: BMI with full ranges, no analysis


@cache
def _records() -> dict[str, dict[str, Any]]:
    loaded = load_records(REALDATA / PAGE_OF_50)
    for nct in (DUPILUMAB, CERTOLIZUMAB, REPAGLINIDE):
        loaded += load_records(REALDATA / AACT.format(nct))
    return {item.record["id"]: item.record for item in loaded}


def real(trial_id: str) -> dict[str, Any]:
    return _records()[trial_id]


def measures(row: Row) -> list[str | None]:
    return [None if cell is None else cell["measure"] for cell in row.cells]


def row_with(rows: list[Row], column: int, measure: str) -> Row:
    (row,) = [row for row in rows if measures(row)[column] == measure]
    return row


# --------------------------------------------------------------------------- outcomes


def test_similar_primary_outcomes_share_a_row() -> None:
    (row,) = align_outcomes([real(OBESITY_LILLY), real(OBESITY_NOVO)], "primary")
    assert measures(row) == [
        "Mean Percent Change from Baseline in Body Weight",
        "Relative Change in Body Weight",
    ]
    assert row.kind == "similar"
    assert OUTCOME_THRESHOLD <= row.score < 100
    assert [cell["time_frame"] for cell in row.cells] == [
        "Baseline to Week 72",
        "From baseline (week 0) to end of treatment (week 68)",
    ]


def test_same_measure_at_other_time_frames_is_similar_not_same() -> None:
    rows = align_outcomes([real(OBESITY_LILLY), real(OBESITY_NOVO)], "secondary")
    row = row_with(rows, 0, "Mean Change from Baseline in Systolic Blood Pressure (SBP)")
    assert measures(row)[1] == "Change in Systolic Blood Pressure (SBP)"
    assert row.score == 100  # "mean", "change", "baseline" are how, not what, it measures
    assert row.kind == "similar"  # "Baseline, Week 72" vs "… (week 68)"
    dbp = row_with(rows, 0, "Mean Change from Baseline in Diastolic Blood Pressure (DBP)")
    assert measures(dbp)[1] == "Change in Diastolic Blood Pressure (DBP)"


def test_identical_measures_and_time_frames_are_same() -> None:
    a, b = empty_record(), empty_record()
    a.update(id="A", title="A")
    b.update(id="B", title="B")
    a["outcomes"]["primary"] = [{"measure": "Overall Survival (OS)", "description": None,
                                 "time_frame": "Up to 5 years"}]
    b["outcomes"]["primary"] = [{"measure": "overall survival (OS).", "description": "Death",
                                 "time_frame": "up to 5 years"}]
    (row,) = align_outcomes([a, b], "primary")
    assert (row.kind, row.score) == ("same", 100)


def test_eczema_outcomes_pair_by_instrument_not_by_boilerplate() -> None:
    rows = align_outcomes([real(DUPILUMAB), real(ECZEMA_LILLY)], "secondary")
    iga = row_with(rows, 0, 'Percentage of Participants Achieving an Investigator\'s Global '
                            'Assessment (IGA) Score of "0" or "1" at Week 16')
    assert measures(iga)[1] == ("Percentage of Participants Achieving Validated "
                                "Investigator's Global Assessment for AD (viGA-AD) of 0 or 1")
    # with the criteria's words these scored 63.9 and 63.5 and took a row together
    giss = "Changes From Baseline in GISS Cumulative Score to Week 16"
    poem = "Change in Patient Oriented Eczema Measure (POEM) Score From Baseline to Week 16"
    assert similarity(giss, "Mean Percent Change from Baseline in SCORAD") >= THRESHOLD
    for measure in (giss, poem):
        row = row_with(rows, 0, measure)
        assert (row.kind, measures(row)[1]) == ("unique", None)


def test_three_trials_unrelated_primaries_stay_apart() -> None:
    rows = align_outcomes([real(trial) for trial in COVID], "primary")
    assert [row.kind for row in rows] == ["unique"] * 3
    assert [measures(row) for row in rows] == [
        ["Number of Participants With Serious Events Associated With all-Cause "
         "Hospitalizations", None, None],
        [None, "Number of Participants With Solicited Acute Adverse Events", None],
        [None, None, "Number of Participants With Hypersensitivity Reactions Including Shock "
                     "and Anaphylaxis After Either Dose 1 and Dose 2"],
    ]
    first, second = (row.cells[i] for row, i in zip(rows[:2], (0, 1), strict=True))
    # the criteria's threshold (55) would have paired these two (56.2)
    assert similarity(first["measure"], second["measure"]) > THRESHOLD
    assert key_similarity(outcome_key(first), outcome_key(second)) < OUTCOME_THRESHOLD


def test_outcome_cell_reads_measure_then_time_frame() -> None:
    outcome = real(OBESITY_NOVO)["outcomes"]["primary"][0]
    assert outcome_text(outcome) == ("Relative Change in Body Weight\nTime frame: From "
                                     "baseline (week 0) to end of treatment (week 68)")
    assert outcome_text({"measure": "BMI", "description": None, "time_frame": None}) == "BMI"


# --------------------------------------------------------------------------- sites


def test_countries_with_site_counts_and_unstated_statuses() -> None:
    sites = sites_of(real(OBESITY_LILLY))
    assert sites.countries == [
        ("United States", 43), ("Japan", 18), ("China", 16), ("Brazil", 15), ("Spain", 12),
        ("India", 10), ("Slovakia", 8), ("Korea, Republic of", 6), ("Taiwan", 5),
        ("Puerto Rico", 2),
    ]
    assert (sites.listed, sites.no_country, sites.recruiting) == (135, 0, None)
    assert recruiting_text(sites) == "status not stated (135 sites)"
    assert recruiting_text(sites, "RECRUITING") == "status not stated (135 sites)"
    assert recruiting_text(sites, "TERMINATED") == "none (the trial no longer recruits)"
    assert countries_text(sites).splitlines()[:2] == ["United States (43)", "Japan (18)"]


def test_site_counts_of_thousands_are_grouped_as_the_countries_are() -> None:
    many = Sites([("United States", 1_147), ("Canada", 1)], 0, 1_148, 1_148, 659)
    assert recruiting_text(many) == "659 of 1,148 sites"
    assert countries_text(many).splitlines()[0] == "United States (1,147)"
    unstated = Sites([("United States", 1_148)], 0, 1_148, 1_148, None)
    assert recruiting_text(unstated) == "status not stated (1,148 sites)"


def test_recruiting_sites_of_the_total() -> None:
    sites = sites_of(real(OBESITY_NOVO))
    assert sites.countries == [("Japan", 21), ("Taiwan", 1)]
    assert (sites.listed, sites.recruiting) == (22, 22)
    assert recruiting_text(sites) == "22 of 22 sites"
    assert countries_text(sites) == "Japan (21)\nTaiwan (1)"


def test_recruiting_counts_not_yet_recruiting_and_leaves_out_the_rest() -> None:
    record = empty_record()
    statuses = ["RECRUITING", "NOT_YET_RECRUITING", "COMPLETED", None, "WITHDRAWN"]
    record["locations"] = [
        {"facility": None, "city": None, "state": None, "zip": None,
         "country": country, "status": status, "geo": None, "contacts": []}
        for status, country in zip(statuses, ["France", "France", None, "Chad", "Chad"],
                                   strict=True)
    ]
    sites = sites_of(record)
    assert (sites.recruiting, sites.listed, sites.no_country) == (2, 5, 1)
    assert countries_text(sites) == "Chad (2)\nFrance (2)\nno country stated (1)"
    assert recruiting_text(sites) == "2 of 5 sites"


def test_a_country_of_more_than_a_thousand_sites_has_a_separator() -> None:
    record = empty_record()
    record["locations"] = [
        {"facility": f"Site {n}", "city": None, "state": None, "zip": None,
         "country": "United States", "status": None, "geo": None, "contacts": []}
        for n in range(1_148)
    ]
    assert countries_text(sites_of(record)) == "United States (1,148)"


def test_counted_but_unlisted_sites() -> None:
    record = empty_record()
    record["locations_count"] = 12
    sites = sites_of(record)
    assert (sites.listed, sites.stated) == (0, 12)
    assert countries_text(sites) == "12 sites, not listed"
    assert recruiting_text(sites) == ""


# --------------------------------------------------------------------------- MeSH


def test_mesh_terms_shared_by_all_then_each_trials_own() -> None:
    mesh = mesh_terms([real(trial) for trial in COVID])
    assert mesh.shared == [{"id": "D000086382", "term": "COVID-19"}]
    assert mesh.own == [[], [], [{"id": "D000000707", "term": "Anaphylaxis"}]]


def test_a_term_without_an_id_is_shared_by_its_name() -> None:
    """NCT00382863 (API v2) names Heart Failure with id D006333; an older record names it
    without an id: both have it, so it is shared, not each trial's own."""
    with_id = {"id": "NCT1", "mesh": {"conditions": [{"id": "D006333", "term": "Heart Failure"}]}}
    without = {"id": "NCT2", "mesh": {"conditions": [{"id": None, "term": "heart failure"},
                                                     {"id": None, "term": "Dyspnea"}]}}
    mesh = mesh_terms([with_id, without])
    assert mesh.shared == [{"id": "D006333", "term": "Heart Failure"}]
    assert mesh.own == [[], [{"id": None, "term": "Dyspnea"}]]


def test_mesh_ancestors_are_not_compared() -> None:
    lilly, novo = real(OBESITY_LILLY), real(OBESITY_NOVO)
    assert lilly["mesh"]["condition_ancestors"]  # Overnutrition, Nutrition Disorders, …
    mesh = mesh_terms([lilly, novo])
    assert [term["term"] for term in mesh.shared] == ["Obesity", "Overweight"]
    assert mesh.own == [[], []]
    eczema = mesh_terms([lilly, real(ECZEMA_LILLY)])
    assert eczema.shared == []
    assert [[t["term"] for t in own] for own in eczema.own] == [
        ["Obesity", "Overweight"], ["Dermatitis, Atopic", "Dermatitis", "Eczema"],
    ]


def test_registry_rows_of_the_compare_table() -> None:
    rows = {label: (values, differs) for label, values, differs
            in registry_rows(compare([real(trial) for trial in COVID]))}
    assert rows["MeSH terms, shared"] == (["COVID-19"] * 3, False)
    assert rows["MeSH terms, own"] == (["", "", "Anaphylaxis"], True)
    assert list(rows) == ["Countries", "Recruiting sites", "MeSH terms, shared",
                          "MeSH terms, own"]


# --------------------------------------------------------------------------- results


def test_headline_result_with_a_p_value() -> None:
    result = headline(real(CERTOLIZUMAB))
    assert result.status == "posted"
    assert result.measure["title"] == (
        "Percentage of Subjects With Ankylosing Spondylitis Disease Activity Score Major "
        "Improvement (ASDAS-MI) Response Criteria Response at Week 52")
    assert result.measure["unit"] == "percentage of subjects"
    assert [g["title"] for g in result.groups] == ["Placebo (FAS)", "CZP 200 mg Q2W (FAS)"]
    assert result.participants == [158, 159]
    (row,) = result.rows
    assert [value["value"] for value in row.values] == [7.0, 47.2]
    assert result.analysis is not None
    assert (result.analysis["p_value"], result.analysis["p_value_text"]) == (None, "<0.001")
    assert result.other_primary == 10  # 11 primary outcome measures posted
    lines = headline_lines(result)
    assert "Placebo (FAS): 7.0 (n=158)" in lines
    assert "CZP 200 mg Q2W (FAS): 47.2 (n=159)" in lines
    assert ("p < 0.001 (Regression, Logistic; Odds Ratio (OR) 15.231, 95% CI 7.336 to "
            "31.623)") in lines
    assert lines[-1] == "+ 10 more primary outcome measures"


def test_headline_values_per_group_are_never_summed() -> None:
    result = headline(real(REPAGLINIDE))
    assert result.measure["title"] == "BMI"
    assert result.analysis is None
    assert headline_lines(result) == [
        "BMI",
        "Mean (range), Kg/m^2; time frame: 2 year/end of study",
        "1 Placebo: 19.63 (range 15.56 to 22.64) (n=4)",
        "2. Repaglinide: 21.19 (range 20.78 to 21.8) (n=4)",
        "+ 2 more primary outcome measures",
    ]


def test_a_trial_with_results_and_one_without() -> None:
    comparison = compare([real(DUPILUMAB), real(ECZEMA_LILLY)])
    posted, none = comparison.results
    assert (posted.status, none.status) == ("posted", "none")
    assert headline_lines(none) == ["No results posted"]
    assert headline_lines(posted)[:4] == [
        "Percentage of Participants With a Positive Response (≥4-Fold Increase) to Tetanus "
        "Toxoid (the Adacel [Tdap] Vaccine) at Week 16",
        "Number, Percentage of participants; time frame: Week 16",
        "Placebo qw: 83.7 (n=92)",
        "Dupilumab 300 mg qw: 83.3 (n=90)",
    ]
    assert comparison.summary.endswith("Results posted by 1 of 2 trials.")
    data = json.loads(json.dumps(comparison.to_json()))
    assert data["results"][1] == {
        "status": "none", "measure": None, "groups": [], "participants": [], "rows": [],
        "analysis": None, "other_primary": 0,
    }
    assert [v["value"] for v in data["results"][0]["rows"][0]["values"]] == [83.7, 83.3]


def test_results_said_posted_but_not_in_the_record() -> None:
    record = empty_record()
    record["has_results"] = True  # a CSV row's "Study Results: YES"
    assert headline_lines(headline(record)) == ["Results posted (not in this record)"]


@pytest.mark.parametrize(
    ("measurement", "dispersion", "text"),
    [
        ({"value": 12.5, "value_text": None, "spread": 3.1, "lower": None, "upper": None},
         "STANDARD_DEVIATION", "12.5 (SD 3.1)"),
        ({"value": 22.0, "value_text": None, "spread": 11.0, "lower": None, "upper": None},
         "Standard Deviation", "22 (SD 11)"),
        ({"value": None, "value_text": "NA", "spread": None, "lower": 1.5, "upper": None},
         "CONFIDENCE_95", "NA (95% CI 1.5 to —)"),
        ({"value": 3, "value_text": None, "spread": None, "lower": 1, "upper": 5},
         "INTER_QUARTILE_RANGE", "3 (IQR 1 to 5)"),
        # a median not reached: its upper limit not estimable, as the registry writes it
        ({"value": 25.1, "value_text": None, "spread": None, "lower": 20.3,
          "upper": None, "upper_text": "NA"}, "CONFIDENCE_95", "25.1 (95% CI 20.3 to NA)"),
        ({"value": 4.0, "value_text": None, "spread": None, "spread_text": "NA",
          "lower": None, "upper": None}, "STANDARD_DEVIATION", "4 (SD NA)"),
        (None, None, "—"),
    ],
)
def test_measurement_text(measurement: Any, dispersion: str | None, text: str) -> None:
    assert measurement_text(measurement, dispersion) == text


def test_number_and_p_value_text() -> None:
    assert [number_text(v) for v in (2053, 7.0, 47.2, 0.0001, None)] == [
        "2053", "7", "47.2", "0.0001", "—"]
    assert p_value_text({"p_value": 0.04, "p_value_text": None}) == "p = 0.04"
    assert p_value_text({"p_value": None, "p_value_text": "<0.001"}) == "p < 0.001"
    assert p_value_text({"p_value": None, "p_value_text": "=0.247"}) == "p = 0.247"
    assert p_value_text({"p_value": None, "p_value_text": None}) == ""


# --------------------------------------------------------------------------- comparison


def test_comparison_json_carries_outcomes_sites_mesh_results() -> None:
    comparison = compare([real(OBESITY_LILLY), real(OBESITY_NOVO)])
    data = json.loads(json.dumps(comparison.to_json()))
    (primary,) = data["outcomes"]["primary"]
    assert primary["cells"][1] == {
        "measure": "Relative Change in Body Weight",
        "description": "Measured in percentage (%)",
        "time_frame": "From baseline (week 0) to end of treatment (week 68)",
    }
    assert primary["kind"] == "similar"
    assert data["sites"][1] == {
        "countries": [{"country": "Japan", "sites": 21}, {"country": "Taiwan", "sites": 1}],
        "no_country": 0, "listed": 22, "stated": 22, "recruiting": 22,
    }
    assert [t["term"] for t in data["mesh"]["shared"]] == ["Obesity", "Overweight"]
    assert [r["status"] for r in data["results"]] == ["none", "none"]
    assert "Primary outcomes: 0 shared, 1 similar, 0 unique to one trial." in data["summary"]
    assert "Results posted" not in data["summary"]


def test_a_results_table_cell_shows_a_limit_the_registry_wrote_as_na() -> None:
    from tui.results_tables import measurement_text as cell_text

    cell = cell_text({"value": 25.1, "value_text": None, "spread": None, "lower": 20.3,
                      "upper": None, "upper_text": "NA"})
    assert cell.plain == "25.1 (20.3 to NA)"
    assert cell_text({"value": 25.1, "lower": 20.3, "upper": None}).plain == "25.1 (20.3 to —)"


def test_arms_or_groups_counts_the_listed_arms_when_no_number_is_stated() -> None:
    record = real(OBESITY_LILLY)
    assert record["group_count"] is None  # API v2 states no count
    arms = len(record["arms"])
    assert arms > 0
    assert arms_or_groups(record) == arms
    assert arms_or_groups({**record, "group_count": 7}) == 7
    assert arms_or_groups({**record, "arms": []}) is None


def test_rows_of_the_site_csv_say_what_the_download_leaves_out() -> None:
    """Two rows of the site's 11-column CSV beside a whole study: their criteria, arms and
    outcomes are not in the download, not unstated (the read source: ctgov-csv rows hold
    no eligibility, arm or outcome columns)."""
    from tui_helpers import plain

    from tui.compare_view import compare_view
    from tui.report_view import arms_view

    rows = {item.record["id"]: item.record for item in load_records(
        REALDATA / "ctgov-csv" / "onlyjazz__flask-ctrials__ctg-studies.csv")}
    asthma, copd = rows["NCT03851250"], rows["NCT04585009"]
    text = plain(compare_view([asthma, copd]), 200)
    assert "Inclusion: not in the site's CSV download (import the studies' JSON)" in text
    assert "no criteria stated" not in text and "no arms listed" not in text
    mixed = plain(compare_view([asthma, real(DUPILUMAB)]), 200)
    assert "not in CSV" in mixed  # a criterion of the whole study, beside the CSV row
    assert "Criteria: not in the site's CSV download." in " ".join(text.split())  # summary
    one = plain(compare_view([asthma, empty_record() | {"id": "NCT00000001"}]), 200)
    assert "Criteria: none stated (1 not in the site's CSV download)." in " ".join(one.split())
    # a CSV row with outcome columns states all it has: a measure it lacks is "—"
    full = {item.record["id"]: item.record for item in load_records(
        REALDATA / "ctgov-csv"
        / "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv")}
    with_outcomes = plain(compare_view([full["NCT01027949"], real(DUPILUMAB)]), 200)
    outcomes = with_outcomes.split("┃ Primary outcomes")[1].split("┃ Results")[0]
    assert "not in CSV" not in outcomes and "—" in outcomes
    assert "Arms are not in the site's CSV download" in plain(arms_view(asthma), 200)
    assert "The source lists no arms." in plain(arms_view(empty_record()), 200)
