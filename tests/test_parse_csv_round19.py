"""Real sites of the site's CSV downloads read wrong: a faculty, division, ward or company
form after the facility's name ("Semmelweis University, Faculty of Medicine, Budapest") read
as the city, pushing the city into the state; a region the registry writes inverted, with a
comma ("London, City of", "Madrid, Comunidad de"), split in two, its first half taken for the
city; a street number with a slash ("Terronska 580/19") read as a city.

The rows are in tests/fixtures/realdata/ctgov-csv/ (its README's rows say where each came
from); every expected value was read by hand from the row's Locations cell.
"""

from __future__ import annotations

from typing import Any

import pytest
from realdata_csv import real, site

ALZHEIMER = "Marcuselis__Alzheimer__ctg-studies-sites.csv"
MONITORING = ("aliza0811__Statistical-Monitoring-and-Risk-Profiling-of-Clinical-Trials-Data__"
              "ctg-studies-sites.csv")
PRAGMATIC = "javimangal__pragmatic-trials-aging__ctg-studies-sites.csv"


def sites_of(name: str, nct: str) -> list[dict[str, Any]]:
    return list(real(name, nct)["locations"])


@pytest.mark.parametrize(("name", "nct", "expected"), [
    # "Semmelweis University, Faculty of Medicine, Budapest, 1122, Hungary"
    (MONITORING, "NCT07064473", site("Semmelweis University, Faculty of Medicine", "Budapest",
                                     None, "1122", "Hungary")),
    # "Sørlandet sykehus HF, Avd. Arendal, Arendal, 4838, Norway"
    (MONITORING, "NCT07064473", site("Sørlandet sykehus HF, Avd. Arendal", "Arendal", None,
                                     "4838", "Norway")),
    (MONITORING, "NCT07064473", site("Vestre Viken HF, Drammen Sykehus", "Drammen", None,
                                     "3004", "Norway")),
    # a company's form: "Instituto de Diabetes, Obesidad y Nutrición S.C., Cuautla, …" and
    # "GCM Medical Group, PSC, San Juan, 00917, Puerto Rico"
    (MONITORING, "NCT07064473", site("Instituto de Diabetes, Obesidad y Nutrición S.C.",
                                     "Cuautla", None, "62746", "Mexico")),
    (MONITORING, "NCT07064473", site("GCM Medical Group, PSC", "San Juan", None, "00917",
                                     "Puerto Rico")),
    (MONITORING, "NCT06274801", site("Unidad de Investigacion Clinica en Medicina, S.C.",
                                     "Monterrey", None, None, "Mexico")),
    # "Universitätsklinikum Hamburg-Eppendorf, Psychiatrie, Hamburg, 20246, Germany"
    (ALZHEIMER, "NCT04777396", site("Universitätsklinikum Hamburg-Eppendorf, Psychiatrie",
                                    "Hamburg", None, "20246", "Germany")),
    (ALZHEIMER, "NCT03454646", site("Chu de Grenoble CMRR, Neurologie", "Grenoble", None,
                                    "38043", "France")),
    (ALZHEIMER, "NCT05399888", site("Itä-Suomen yliopisto, Kuopion kampus", "Kuopio", None,
                                    "70210", "Finland")),
    # "Neuropsychiatrie s.r.o., Terronska 580/19, Prague, 16000, Czechia"
    (ALZHEIMER, "NCT06989242", site("Neuropsychiatrie s.r.o., Terronska 580/19", "Prague", None,
                                    "16000", "Czechia")),
    # no zip: "…, Klinik für Frauenheilkunde, Geburtshilfe, Gynäkologische Onkologie &
    # Senologie, Duisburg, Germany"
    (PRAGMATIC, "NCT04293146", site(
        "Evangelisches Krankenhaus BETHESDA zu Duisburg GmbH, Klinik für Frauenheilkunde, "
        "Geburtshilfe, Gynäkologische Onkologie & Senologie", "Duisburg", None, None,
        "Germany")),
    (PRAGMATIC, "NCT04293146", site("University Hospital Basel, Division of Breast Surgery",
                                    "Basel", None, "4031", "Switzerland")),
    (PRAGMATIC, "NCT02146547", site("Helse Bergen HF Haukeland University Hospital, Division "
                                    "of Psychiatry", "Bergen", None, "5021", "Norway")),
])
def test_a_ward_or_company_form_after_the_facility_is_not_the_city(
        name: str, nct: str, expected: dict[str, Any]) -> None:
    assert expected in sites_of(name, nct)


@pytest.mark.parametrize(("name", "nct", "expected"), [
    # "Hammersmith Hospital ( Site 1203), London, London, City of, W12 0HS, United Kingdom"
    (MONITORING, "NCT07218029", site("Hammersmith Hospital ( Site 1203)", "London",
                                     "London, City of", "W12 0HS", "United Kingdom")),
    (MONITORING, "NCT06137742", site("Hospital Universitario La Paz", "Madrid",
                                     "Madrid, Comunidad de", "28046", "Spain")),
    (MONITORING, "NCT06137742", site("Université Libre de Bruxelles - Hôpital Erasme",
                                     "Brussels", "Bruxelles-capitale, Région de", "1070",
                                     "Belgium")),
    # "Hospital Universitario Doctor Peset, Valencia, Valenciana, Comunitat, 46017, Spain"
    (ALZHEIMER, "NCT06976203", site("Hospital Universitario Doctor Peset", "Valencia",
                                    "Valenciana, Comunitat", "46017", "Spain")),
    (ALZHEIMER, "NCT06721156", site("Scottish Brain Sciences ( Site 1401)", "Edinburgh",
                                    "Edinburgh, City of", "EH12 5PJ", "United Kingdom")),
])
def test_a_region_named_inverted_is_one_state(
        name: str, nct: str, expected: dict[str, Any]) -> None:
    assert expected in sites_of(name, nct)


def test_a_site_of_a_city_and_its_region_keeps_both() -> None:
    # beside those: "Re:Cognition Health - London, London, London, City of, W1G 9JF, …" keeps
    # the dash in the facility's name, and a US site its state
    sites = sites_of(ALZHEIMER, "NCT04437511")
    assert site("Re:Cognition Health - London", "London", "London, City of", "W1G 9JF",
                "United Kingdom") in sites
    assert all(place["state"] for place in sites if place["country"] == "United States")
