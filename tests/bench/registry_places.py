"""Places of the registry corpus's sites: countries, cities and facility name patterns."""
from __future__ import annotations

from .registry_places_china_to_israel import PLACES_CHINA_TO_ISRAEL
from .registry_places_iran_to_puerto_rico import PLACES_IRAN_TO_PUERTO_RICO
from .registry_places_us_western_europe import PLACES_US_WESTERN_EUROPE

# Countries: name | share of sites (%) | calling code | zip pattern (# digit, @ letter) |
# share of sites with a state | facility style. Cities below each: name; state; lat; lon;
# zip prefix. Coordinates are city centres; every site of a city shares them.
# The three parts hold the lines in their original order (it fixes the random draws).
PLACES = PLACES_US_WESTERN_EUROPE + PLACES_CHINA_TO_ISRAEL + PLACES_IRAN_TO_PUERTO_RICO

FACILITY_STYLES = {
    "us": ["{L} Medical Center", "{C} General Hospital", "University of {C} Medical Center",
           "{C} Cancer Institute", "{L} Research Associates", "{C} Clinical Research, LLC",
           "{L} Memorial Hospital", "{C} Children's Hospital", "{L} Health System",
           "{C} VA Medical Center", "{L} Clinic", "{C} Heart Institute",
           "{C} Center for Clinical Studies", "{L} Cancer Center at {C}"],
    "en": ["{C} University Hospital", "Royal {C} Hospital", "{C} General Hospital",
           "St {L}'s Hospital", "{C} Clinical Research Centre", "{L} Institute",
           "{C} Regional Hospital", "{C} Medical Centre", "University of {C}",
           "{C} Teaching Hospital"],
    "fr": ["Centre Hospitalier Universitaire de {C}", "Hôpital {L}", "Institut {L}",
           "CHU de {C}", "Centre de Lutte contre le Cancer {L}", "Hôpital Privé de {C}",
           "Clinique {L}", "Groupe Hospitalier {L}"],
    "de": ["Universitätsklinikum {C}", "Klinikum {C}", "Praxis Dr. {L}",
           "Studienzentrum {C}", "Krankenhaus {L}", "Uniklinik {C}",
           "Klinik für Innere Medizin {C}", "{L} Klinik"],
    "es": ["Hospital Universitario {L}", "Hospital General de {C}", "Hospital Clínico de {C}",
           "Clínica {L}", "Instituto de Investigación {L}", "Centro Médico {L}",
           "Hospital Universitario de {C}", "Fundación {L}"],
    "pt": ["Hospital das Clínicas de {C}", "Hospital {L}", "Instituto {L}",
           "Centro de Pesquisa Clínica de {C}", "Hospital Universitário de {C}",
           "Clínica {L}"],
    "it": ["Azienda Ospedaliera Universitaria di {C}", "Ospedale {L}", "Policlinico {L}",
           "Istituto Clinico {L}", "Fondazione IRCCS {L}", "Università degli Studi di {C}",
           "ASST {C}", "Ospedale San {L}"],
    "cn": ["{C} First People's Hospital", "The First Affiliated Hospital of {C} University",
           "{C} Cancer Hospital", "{C} Chest Hospital", "The Second Hospital of {C}",
           "{C} Union Hospital", "{C} Provincial People's Hospital",
           "{C} Maternal and Child Health Hospital", "{C} Tumor Hospital"],
    "jp": ["{C} University Hospital", "{C} Medical Center", "{L} Clinic",
           "National Hospital Organization {C} Medical Center", "{C} City Hospital",
           "{C} Red Cross Hospital", "{L} Memorial Hospital"],
    "kr": ["{C} National University Hospital", "{L} Medical Center", "{C} St. Mary's Hospital",
           "{C} University Hospital", "{L} Hospital", "{C} Medical Center"],
    "nl": ["Universitair Medisch Centrum {C}", "Ziekenhuis {L}", "{L} Ziekenhuis",
           "Universitair Ziekenhuis {C}", "Academisch Ziekenhuis {C}", "Centre Hospitalier {L}"],
    "dk": ["{C} University Hospital", "{L} Hospital", "{C} Sjukhus", "{C} Clinical Trial Unit",
           "Rigs {L} Hospital"],
    "pl": ["{C} University Hospital", "Clinical Hospital {L}", "Medical Center {L}",
           "{C} Regional Hospital", "Institute of {L} in {C}", "{L} Clinic"],
    "tr": ["{C} University Faculty of Medicine", "{C} Training and Research Hospital",
           "{C} City Hospital", "{L} Hospital", "{C} Medical Park Hospital"],
}
ANONYMOUS_SITES = ["Research Site", "Local Institution - {n:04d}", "Investigational Site Number "
                   "{n:06d}", "{S} Investigative Site", "Site {n:04d}", "Clinical Research Site"]
