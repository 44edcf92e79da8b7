"""Real rows of the site's CSV downloads read wrong: outcome measures cut inside "A, B, and
C", a citation's "et al., 2022." read as a sentence's end, a description repeating its
measure joined to it; the classic export's expanded access types dropped; a design label
stated twice keeping its last value without a word; and a file without outcome columns
described as if the row stated none.

The rows are in tests/fixtures/realdata/ctgov-csv/ (its README's rows say where each came
from); every expected value was read by hand from the row's cells.
"""

from __future__ import annotations

from typing import Any

from realdata_csv import real
from tui_helpers import plain

from tui.outcomes_view import outcomes_view
from tui.sites_view import sites_view
from tui.widgets.detail import tab_labels

JOHN = "johnNoxas__mrd-article-search__ctg-studies.csv"
ROHAN = "rohanramnarain__Trial2Vec-main-2__ctg-studies.csv"
ROHAN_COMPLETED = "rohanramnarain__Trial2Vec-main-2__ctg-studies-completed.csv"
VIKAS = "vikassharma58__kinchabot-monitor__ctg-studies.csv"
COVID = "sametgumus212__coronavirus__SearchResults.csv"
PET = "nih-fmrif__PET_count__SearchResults.csv"
NO_OUTCOMES = "KranthiK0__Take-home-Assignment-__ctg-studies.csv"


def outcome(name: str, nct: str, kind: str, at: int) -> dict[str, Any]:
    return dict(real(name, nct)["outcomes"][kind][at])


def test_a_measure_naming_a_list_keeps_its_last_and_item() -> None:
    # NCT04870957: "Change in the Pain, Enjoyment, and General Activity Scale (PEG) from week 6
    # to week 15, This is a 3 question scale …, week 6 (T2), week 15 (T3)"
    pain = outcome(ROHAN_COMPLETED, "NCT04870957", "secondary", 0)
    assert pain["measure"] == ("Change in the Pain, Enjoyment, and General Activity Scale "
                               "(PEG) from week 6 to week 15")
    assert pain["description"].startswith("This is a 3 question scale where participants")
    assert pain["time_frame"] == "week 6 (T2), week 15 (T3)"
    # NCT03813147: "… Backbone of Azacitidine (Aza), Fludarabine, and Cytarabine Re-induction
    # for Pediatric Patients With Recurrent/Refractory AML and MDS, Median (Range) of …"
    auc = outcome(JOHN, "NCT03813147", "primary", 2)
    assert auc["measure"] == (
        "Area Under the Plasma Concentration Versus Time Curve of MLN4924 (Pevonedistat) Added "
        "to the 3-drug Backbone of Azacitidine (Aza), Fludarabine, and Cytarabine Re-induction "
        "for Pediatric Patients With Recurrent/Refractory AML and MDS")
    assert auc["description"].startswith("Median (Range) of the area under the plasma")
    assert auc["time_frame"] == "Up to 5 days"


def test_a_citations_year_is_no_cut_but_a_sentence_after_et_al_is() -> None:
    # NCT05937698: "… (Sekhon et al., 2022), Perception that PrEP product is agreeable …
    # developed by Sekhon et al., 2022. Item scores will be reported separately for each
    # acceptability construct., 24 months"
    acceptability = outcome(ROHAN, "NCT05937698", "other", 2)
    assert acceptability["measure"].endswith("different aspects of acceptability (Sekhon et al., "
                                             "2022)")
    assert acceptability["description"] == (
        "Perception that PrEP product is agreeable or satisfactory. This measure will be "
        "assessed through administration of an adapted version of the theory-informed "
        "questionnaire developed by Sekhon et al., 2022. Item scores will be reported "
        "separately for each acceptability construct.")
    assert acceptability["time_frame"] == "24 months"
    # NCT06859983: "… in the study of Armutlu et al., The necessary evaluation will be made at
    # the end of the first week."
    fatigue = outcome(ROHAN_COMPLETED, "NCT06859983", "primary", 1)
    assert fatigue["measure"] == "Fatigue Severity Scale"
    assert fatigue["description"].endswith("in the study of Armutlu et al.")
    assert fatigue["time_frame"] == ("The necessary evaluation will be made at the end of the "
                                     "first week.")


def test_a_time_frame_of_a_word_the_splitter_learnt_is_one() -> None:
    # NCT04867460: "Mean time to complete venous access, Time from start of vascular access
    # attempt to achieved access for the required number access points (ie number of leads),
    # Peroperatively": before, the whole entry was the measure.
    access = outcome(ROHAN, "NCT04867460", "primary", 0)
    assert (access["measure"], access["time_frame"]) == (
        "Mean time to complete venous access", "Peroperatively")
    assert access["description"] == (
        "Time from start of vascular access attempt to achieved access for the required "
        "number access points (ie number of leads)")


def test_a_description_repeating_its_measure_is_its_own_field() -> None:
    # NCT05326659: "Change of erythema (redness), induration (plaque thickness), and scale
    # score … with Benvitimod cream or placebo, Change of erythema (redness), … placebo,
    # Week 12"
    erythema = outcome(VIKAS, "NCT05326659", "secondary", 3)
    measure = ("Change of erythema (redness), induration (plaque thickness), and scale score in "
               "the skin lesions over time after retreatment with Benvitimod cream or placebo")
    assert (erythema["measure"], erythema["description"], erythema["time_frame"]) == (
        measure, measure, "Week 12")


def test_the_classic_exports_expanded_access_types_are_kept() -> None:
    # Study Type "Expanded Access:Intermediate-size Population|Treatment IND/Protocol", …
    expected = {"NCT04338347": ["INTERMEDIATE", "TREATMENT"],
                "NCT04288713": ["INDIVIDUAL", "TREATMENT"],
                "NCT04355793": ["TREATMENT"], "NCT04363034": ["INTERMEDIATE"]}
    for nct, kinds in expected.items():
        record = real(COVID, nct)
        assert record["study_type"] == "EXPANDED_ACCESS"
        assert record["expanded_access_types"] == kinds
        assert record["warnings"] == []


def test_a_design_label_stated_twice_keeps_its_first_value_with_a_warning() -> None:
    # NCT00192998: "Observational Model: Defined Population|Observational Model: Natural
    # History|Time Perspective: Cross-Sectional|Time Perspective: Prospective"
    record = real(PET, "NCT00192998")
    assert record["observational"]["model"] == "DEFINED_POPULATION"
    assert record["observational"]["time_perspective"] == "CROSS_SECTIONAL"
    assert any("'Natural History' not kept" in warning for warning in record["warnings"])
    assert any("'Prospective' not kept" in warning for warning in record["warnings"])


def test_a_repeated_masking_keeps_its_first_roles() -> None:
    # shapes of the cell the reviewers of NCT00192998's reading tried: a masking stated twice
    # keeps the first one's roles; an unknown first value does not block a known second
    from parsers.ctgov_csv_columns import _set_design
    from parsers.record import empty_record

    record, warnings = empty_record(), []
    _set_design(record, "Masking: Double (Participant, Investigator)|Masking: Double (Care "
                        "Provider, Outcomes Assessor)", "Study Design", warnings)
    assert record["design"]["masked"] == ["PARTICIPANT", "INVESTIGATOR"]
    assert len(warnings) == 1 and "not kept" in warnings[0]
    record, warnings = empty_record(), []
    _set_design(record, "Allocation: Foo|Allocation: Randomized", "Study Design", warnings)
    assert record["design"]["allocation"] == "RANDOMIZED"


def test_a_file_without_outcome_columns_says_so() -> None:
    # KranthiK0: a download of 11 columns, none of them the outcome measures
    text = plain(outcomes_view(real(NO_OUTCOMES, "NCT06628349")))
    assert "This CSV file has no Outcome Measures columns" in " ".join(text.split())
    assert "holds no outcome measures" not in text
    # nor does its tab bar count outcomes or sites it cannot know: "Outcomes", not "Outcomes 0"
    labels, _ = tab_labels(real(NO_OUTCOMES, "NCT06628349"), 200)
    assert (labels["outcomes"], labels["sites"]) == ("Outcomes", "Sites")
    sites = " ".join(plain(sites_view(real(NO_OUTCOMES, "NCT06628349")).whole()).split())
    assert "This CSV file has no Locations column" in sites and "0 sites" not in sites
    # a row of a file with those columns counts them, none stated or not
    labels, _ = tab_labels(real(VIKAS, "NCT05326659"), 200)
    assert labels["outcomes"].startswith("Outcomes ") and labels["sites"].startswith("Sites ")


def test_a_city_with_its_districts_number_before_a_state_is_the_city() -> None:
    # "Pharming Investigative Site, Prague 5, CZE, 15006, Czechia" (NCT02859727),
    # "Princess Alexandra Hospital, Woolloongabba 4102, Queensland, 4102, Australia"
    # (NCT04454788), "ShORe Investigational Site, Edmonton, Alberta, AB T5H OX5, Canada"
    # (NCT04757610): read before as a facility "…, Prague 5" in the city "CZE".
    def places(nct: str) -> list[list[Any]]:
        return [[site[key] for key in ("facility", "city", "state", "zip", "country")]
                for site in real(ROHAN, nct)["locations"]]

    assert ["Pharming Investigative Site", "Prague 5", "CZE", "15006", "Czechia"] in places(
        "NCT02859727")
    assert ["Princess Alexandra Hospital", "Woolloongabba 4102", "Queensland", "4102",
            "Australia"] in places("NCT04454788")
    assert ["ShORe Investigational Site", "Edmonton", "Alberta", "AB T5H OX5",
            "Canada"] in places("NCT04757610")
    assert not any(site[1] in ("CZE", "Queensland", "Alberta")
                   for nct in ("NCT02859727", "NCT04454788", "NCT04757610")
                   for site in places(nct))
    # an address's part stays the facility's: "Building 2", "Suite 200", "Via Roma 12"
    from parsers.ctgov_csv_cells import location

    for entry, facility, city in (
            ("Site 101, Building 2, Tokyo, Japan", "Site 101, Building 2", "Tokyo"),
            ("Private Practice, Suite 200, NSW, Australia", "Private Practice, Suite 200",
             "NSW"),
            ("Private Practice, Via Roma 12, MI, Italy", "Private Practice, Via Roma 12", "MI")):
        site = location(entry)
        assert (site["facility"], site["city"]) == (facility, city), entry


def test_the_splitters_new_words_do_not_reach_too_far() -> None:
    # shapes a review of the rules above tried: "inclusion criteria" is no time, "Prior" alone
    # opens no time frame
    from parsers.ctgov_csv_outcomes import outcome as split

    feasibility = split("Feasibility, Proportion of screened patients meeting inclusion "
                        "criteria")
    assert feasibility is not None and feasibility["time_frame"] is None
    events = split("Adverse events, Number of AEs, Prior chemotherapy lines, 12 months")
    assert events is not None and events["time_frame"] == "12 months"
