"""The site CSV's outcome and location cells, as real downloads write them: outcomes that
state no time frame (older registrations), and sites whose zip, state or city is written
in a shape of its own.

The real rows are in tests/fixtures/realdata/ctgov-csv/ (the header and the rows named,
copied byte for byte; the folder's README names where each came from). Every expected value
below was read by hand from the cells of those rows (or from the real entries written
inline), not computed by the parser under test.
"""

from __future__ import annotations

from typing import Any

import pytest
from realdata_csv import real, site

from parsers.ctgov_csv_cells import location, outcome

UROLOGY = "Marc-Morcos__ClinicalTrials-Urology-Database-Word-Counter__ctg-studies.csv"
PROTOTYPE = "euijae__clinical-trials-prototype__backend_data_ctg-studies.csv"




def measured(measure: str, description: str | None, time_frame: str | None) -> dict[str, Any]:
    return {"measure": measure, "description": description, "time_frame": time_frame}


def alone(measure: str) -> dict[str, Any]:
    """An outcome stating its measure only."""
    return measured(measure, None, None)



# --- outcomes that state no time frame ---------------------------------------------------------


def test_a_measure_listing_parameters_has_no_time_frame() -> None:
    record = real(UROLOGY, "NCT00443625")
    assert record["outcomes"]["primary"] == [alone("PK parameters - AUC, Cmax, Tmax")]
    assert record["outcomes"]["secondary"] == [alone("PK parameters-t1/2")]


def test_a_list_of_fragments_each_is_a_measure() -> None:
    """The registrant wrote a list of lines; the cell separates them with "|"."""
    outcomes = real(UROLOGY, "NCT00282607")["outcomes"]
    assert outcomes["primary"] == [
        alone("The primary efficacy end points are:"),
        alone("the change in score (baseline to Visit 5) for the Erectile Function domain score "
              "of the IIEF;"),
        alone("change in response, relative to baseline, for sexual encounter profile (SEP) "
              "question 2, and"),
        alone("change in response, relative to baseline, for SEP question 3."),
        alone("Safety will be assessed by monitoring adverse events and changes in vital signs, "
              "clinical laboratory test results, 12-lead ECG, and physical examinations."),
    ]  # fmt: skip
    assert outcomes["secondary"] == [
        alone("The study has several secondary efficacy measurements including:"),
        alone("changes in the satisfaction of intercourse, orgasmic function, sexual desire and "
              "overall satisfaction domains of the IIEF,"),
        alone("changes from baseline in SEP questions 1, 4 and 5;"),
        alone("the global assessment questionnaire (GAQ), and"),
        alone("changes from baseline in patient self assessment questionnaire (PSAE) scores."),
    ]  # fmt: skip


def test_a_sentence_with_commas_is_one_measure() -> None:
    outcomes = real(UROLOGY, "NCT00122499")["outcomes"]
    assert outcomes["primary"] == [
        alone("To evaluate the efficacy of 20 mg tadalafil, in comparison with placebo, in men "
              "with ED after 3-D conformal radiotherapy (3DCRT) of prostate cancer"),
    ]  # fmt: skip
    assert outcomes["secondary"] == [
        alone("Responses to the Global Assessment Questions (GAQ), and the other items of the "
              "Sexual Encounter Profile (SEP) and International Index of Erectile Function "
              "(IIEF)"),
        alone("To assess the side effects of 20 mg tadalafil in men with ED after 3DCRT"),
    ]  # fmt: skip
    assert real(UROLOGY, "NCT00333281")["outcomes"]["secondary"] == [
        alone("Five other ERG waveform components; intraocular pressure; visual acuity; "
              "peripheral vision; color discrimination; and inspection of anterior chamber, "
              "lens, and retinal anatomy."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "entry",
    [
        # NCT00249730, NCT00297544, NCT00143260 (the same download)
        "Change in other IIEF domain scores; Response to other questionnaires regarding "
        "treatment satisfaction, safety and tolerability.",
        "Improvement of endothelial function following Viagra treatment, according to "
        "platismographia.",
        "Proportion (as above) of patients at various endpoints. Other questionnaires such as "
        "SEP, IIEF.",
    ],
)
def test_a_tail_without_time_is_not_a_time_frame(entry: str) -> None:
    assert outcome(entry) == alone(entry)


# --- real time frames are kept -----------------------------------------------------------------


def test_time_frames_of_the_same_download_are_kept() -> None:
    assert real(UROLOGY, "NCT05219071")["outcomes"]["primary"] == [
        measured("Change in saturation",
                 "Change in saturation of corpora cavernosa during an erection", "1 night"),
        measured("temperature change", "Change in penile skin temperature during an erection",
                 "1 night"),
    ]  # fmt: skip
    secondary = real(UROLOGY, "NCT00661219")["outcomes"]["secondary"]
    assert secondary[0] == measured(
        "Patient Diary questions of treatment compared to placebo.", None, "4, 8, and 12 weeks"
    )
    assert secondary[5]["time_frame"] == "12 weeks"  # "…scale, Items 1 and 2., 12 weeks"
    assert secondary[-1] == measured("Safety assessment", None, "Throughout study")


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Questionnaire ratings of human sexuality, pleasure, and anticipatory reward, Taken "
         "during brain scans",
         measured("Questionnaire ratings of human sexuality, pleasure, and anticipatory reward",
                  None, "Taken during brain scans")),
        ("Demonstrate the long-term safety and performance of the ATI Neurostimulation System "
         "when used for the stimulation of the SPG in CH Subjects., Long-Term",
         measured("Demonstrate the long-term safety and performance of the ATI Neurostimulation "
                  "System when used for the stimulation of the SPG in CH Subjects.", None,
                  "Long-Term")),
        ("Pain Intensity, Pain Intensity with Visual Analogue Scale (range: 0-10). Higher "
         "scores mean more intensity, Previous the intervention",
         measured("Pain Intensity", "Pain Intensity with Visual Analogue Scale (range: 0-10). "
                  "Higher scores mean more intensity", "Previous the intervention")),
        ("Rate of immune recovery at day 30, Proportion of patients with early immune "
         "recovery: T-cell, NK- cell, B-cell \\>determined numbers, 30",
         measured("Rate of immune recovery at day 30", "Proportion of patients with early "
                  "immune recovery: T-cell, NK- cell, B-cell >determined numbers", "30")),
    ],
)  # fmt: skip
def test_time_frames_without_a_unit_of_time_are_kept(entry: str,
                                                     expected: dict[str, Any]) -> None:
    """NCT00569413, NCT01616511, NCT04118439, NCT04000698."""
    assert outcome(entry, markdown=True) == expected


def test_a_time_frame_naming_the_length_of_the_study_is_kept() -> None:
    entry = (  # NCT00399243
        "The number of patients reporting adverse effects to study medication, the type of "
        "adverse event reported and the percentage of attacks that are associate with the "
        "adverse effect., Length of study"
    )
    found = outcome(entry)
    assert found is not None and found["time_frame"] == "Length of study"


# --- sites: postal codes of other shapes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "nct", "index", "expected"),
    [
        (PROTOTYPE, "NCT07159672", 0,
         site("Ribeirão Preto Medical School University of São Paulo", "Ribeirão Preto",
              "São Paulo", "14.048-900", "Brazil")),
        (PROTOTYPE, "NCT07152314", 0,
         site("University of Guarulhos", "Guarulhos", "São Paulo", "07.023-070", "Brazil")),
        (UROLOGY, "NCT04885101", 0,
         site("Centro de Atenção ao Assoalho Pelvico", "Salvador", "Ba", "40.290-000", "Brazil")),
        (UROLOGY, "NCT00150358", 8,
         site("Pfizer Investigational Site", "Aguascalientes", None, "C.P. 20230", "Mexico")),
        (UROLOGY, "NCT00150358", 15,
         site("Pfizer Investigational Site", "Veracruz", None, "C.P. 97897", "Mexico")),
        (UROLOGY, "NCT00648596", 59,
         site("Pfizer Investigational Site", "South Yorkshire", None, "Dn1 2et",
              "United Kingdom")),
        (UROLOGY, "NCT00648596", 66,
         site("Pfizer Investigational Site", "Taunton", None, "Ta1 5da", "United Kingdom")),
        (UROLOGY, "NCT00661219", 26,  # a study naming cities only
         site(None, "Sherbrooke", "Quebec", "JIH 4J6", "Canada")),
        (UROLOGY, "NCT02860689", 0,
         site("Josepha Karinne de Oliveira Ferro", "Recife", "Pernambuco", "+5581", "Brazil")),
        (PROTOTYPE, "NCT07163884", 0,
         site("Hasan Kalyoncu University", "Gaziantep", "Gaziantep", "(505) 090-5846",
              "Turkey (Türkiye)")),
        (UROLOGY, "NCT00668109", 51, site(None, "Callao", None, "CALLAO 2", "Peru")),
        (UROLOGY, "NCT00668109", 53, site(None, "Lima", None, "LIMA 27", "Peru")),
    ],
)  # fmt: skip
def test_postal_codes_of_other_shapes(name: str, nct: str, index: int,
                                      expected: dict[str, Any]) -> None:  # fmt: skip
    assert real(name, nct)["locations"][index] == expected


def test_a_uk_postcode_with_a_letter_o_for_zero() -> None:
    """"Hamilton, Strathclyde, ML3 ODR, United Kingdom": the postcode is the zip, and the
    site is read as its study's other "Town, County, Postcode" sites are ("Motherwell,
    Strathclyde, ML1 3JX, United Kingdom"): the town and its county (a region of the
    country, ctgov_csv_regions), no facility."""
    sites = real(UROLOGY, "NCT00661700")["locations"]
    assert sites[18] == site(None, "Hamilton", "Strathclyde", "ML3 ODR", "United Kingdom")
    assert sites[7] == site(None, "Manchester", "Greater Manchester", "M31 OUH",
                            "United Kingdom")
    assert sites[19]["zip"] == "ML1 3JX"
    for key in ("facility", "city", "state"):
        assert (sites[18][key] is None) == (sites[19][key] is None)


def test_us_sites_of_the_same_studies_stay_as_they_were() -> None:
    sites = real(UROLOGY, "NCT00661219")["locations"]
    assert sites[0] == site(None, "Huntsville", "Alabama", "35801", "United States")
    assert sites[3] == site(None, "Irvine", "California", "92618-3603", "United States")


# --- sites: a German state with its region code; a country is not a city -----------------------


def test_a_state_with_the_registry_region_code() -> None:
    """NCT00786253 names no facilities: "Tübingen, Baden-Württemberg / 277, 72076, Germany"."""
    sites = real(UROLOGY, "NCT00786253")["locations"]
    assert len(sites) == 19
    assert sites[0] == site(None, "Tübingen", "Baden-Württemberg / 277", "72076", "Germany")
    assert sites[1] == site(None, "München", "Bayern / 280", "81925", "Germany")
    assert sites[9] == site(None, "Hagenow", "Mecklenburg-Vorpommern / 309", "19230", "Germany")
    assert sites[18] == site(None, "Halle", "Sachsen-Anhalt / 311", "06097", "Germany")
    assert all(one["facility"] is None and " / " in one["state"] for one in sites)


def test_a_country_name_is_not_a_city() -> None:
    assert real(PROTOTYPE, "NCT07161960")["locations"] == [
        site("Faculty of Medicine, Chiang Mai University 110 Inthawarorot Road, Sri Phum, "
             "Mueang, Chiang Mai 50200, Thailand", "Chiang Mai", None, "50200", "Thailand"),
    ]  # fmt: skip
    assert real(UROLOGY, "NCT02620995")["locations"] == [
        site("National Institute of Cardiology, Ministry of Health, Brazil", "Rio de Janeiro",
             None, "22240-006", "Brazil"),
    ]  # fmt: skip
    assert real(PROTOTYPE, "NCT07157566")["locations"][0] == site(
        "UM Sports Complex (N8) , Avenida da Universidade Taipa, Macau, China", "Macao", None,
        None, "Macau",
    )


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # Mexico City is written "Mexico" (NCT00468650)
        ("Pfizer Investigational Site, Mexico, Distrito Federal, 11850, Mexico",
         site("Pfizer Investigational Site", "Mexico", "Distrito Federal", "11850", "Mexico")),
        # a city named as another country (NCT01137474: Armenia, Colombia)
        ("Local Institution, Armenia, Quindío Department, Colombia",
         site("Local Institution", "Armenia", "Quindío Department", None, "Colombia")),
        # US sites name their state whatever comes before (NCT05132322)
        ("Children's Hospital at Dartmouth-Hitchcock, Lebanon, New Hampshire, 03756, "
         "United States",
         site("Children's Hospital at Dartmouth-Hitchcock", "Lebanon", "New Hampshire", "03756",
              "United States")),
    ],
)  # fmt: skip
def test_what_stays_a_city_or_a_state(entry: str, expected: dict[str, Any]) -> None:
    assert location(entry) == expected
