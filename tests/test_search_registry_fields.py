"""The query fields of the registry's sections: country:, city:, site:, mesh: (through
ancestors), outcome:, pmid:, results:, near:PLACE~KM, and the Country facet."""

from __future__ import annotations

from typing import Any

import pytest
from engine_helpers import built, make

from store.engine import TrialIndex
from store.search import QueryError, parse_query

#: Kilometres per degree of latitude along a meridian (Earth's mean radius 6,371.0088 km):
#: moving north by km / KM_PER_DEGREE degrees is exactly km away.
KM_PER_DEGREE = 2 * 3.141592653589793 * 6371.0088 / 360
LYON = (45.7640, 4.8357)


def site(facility: str | None, city: str, country: str, lat: float | None = None,
         lon: float | None = None, state: str | None = None,
         status: str = "RECRUITING") -> dict[str, Any]:
    return {"facility": facility, "city": city, "state": state, "zip": None, "country": country,
            "status": status, "geo": None if lat is None else {"lat": lat, "lon": lon},
            "contacts": []}


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    return point[0] + km / KM_PER_DEGREE, point[1]


def term(mesh_id: str, name: str) -> dict[str, str]:
    return {"id": mesh_id, "term": name}


def mesh(conditions: list[dict[str, str]], ancestors: list[dict[str, str]]) -> dict[str, Any]:
    return {"conditions": conditions, "condition_ancestors": ancestors, "interventions": [],
            "intervention_ancestors": []}


def outcome(measure: str, time_frame: str = "12 weeks") -> dict[str, Any]:
    return {"measure": measure, "description": None, "time_frame": time_frame}


INSIDE = north_of(LYON, 24.9)
OUTSIDE = north_of(LYON, 25.1)

RECORDS = [
    make("NCT00000001", title="Breast cancer in Lyon",
         locations=[site("Centre Léon Bérard", "Lyon", "France", *LYON)],
         mesh=mesh([term("D001943", "Breast Neoplasms")],
                   [term("D009371", "Neoplasms by Site"), term("D009369", "Neoplasms")]),
         outcomes={"primary": [outcome("Overall survival", "5 years")], "secondary": [],
                   "other": []},
         references=[{"pmid": "31234567", "type": "RESULT", "citation": "A paper."}],
         results={"participant_flow": None}, has_results=True),
    make("NCT00000002", title="Germ cell tumours",
         locations=[site("Hôpital Nord", "Caluire", "France", *INSIDE)],
         mesh=mesh([term("D009373", "Neoplasms, Germ Cell and Embryonal")],
                   [term("D009370", "Neoplasms by Histologic Type"),
                    term("D009369", "Neoplasms")])),
    make("NCT00000003", title="Diabetes in the north",
         locations=[site("Clinique du Val", "Neuville", "France", *OUTSIDE)],
         mesh=mesh([term("D000003920", "Diabetes Mellitus")], []),
         outcomes={"primary": [outcome("HbA1c change")], "secondary": [], "other": []}),
    make("NCT00000004", title="Paris, France",
         locations=[site("Institut Curie", "Paris", "France", 48.8566, 2.3522),
                    site("Mayo Clinic", "Rochester", "United States", 44.0121, -92.4802,
                         state="Minnesota")]),
    make("NCT00000005", title="Paris, Texas",
         locations=[site("Paris Regional Medical Center", "Paris", "United States",
                         33.6609, -95.5555, state="Texas")]),
    make("NCT00000006", title="No sites at all", has_results=False,
         interventions=[{"type": "DRUG", "name": "Pembrolizumab", "description": None,
                         "other_names": ["Keytruda", "MK-3475"]}],
         sponsor="Merck Sharp & Dohme LLC", collaborators=["Eisai Inc."]),
]


@pytest.fixture(scope="module")
def index() -> TrialIndex:
    return built(None, RECORDS)


def found(index: TrialIndex, query: str) -> list[str]:
    return [hit.id for hit in index.search(query, limit=None)]


def test_near_keeps_a_site_just_inside_the_radius_and_drops_one_just_outside(
        index: TrialIndex) -> None:
    assert set(found(index, "near:Lyon~25")) == {"NCT00000001", "NCT00000002"}
    assert set(found(index, "near:Lyon~26")) == {"NCT00000001", "NCT00000002", "NCT00000003"}


def test_a_site_of_the_place_without_coordinates_counts_at_its_centre() -> None:
    unlocated = [
        make("NCT00000007", title="A Lyon site the registry did not locate",
             locations=[site("Hôpital Edouard Herriot", "Lyon", "France")]),
        make("NCT00000008", title="Lyon, Texas, not located either",
             locations=[site("Clinic", "Lyon", "United States", state="Texas")]),
        make("NCT00000009", title="A Lyon site far from Lyon, and one not located",
             locations=[site("Centre", "Lyon", "France", *north_of(LYON, 300)),
                        site("Clinique", "Lyon", "France")]),
    ]
    index = built(None, RECORDS + unlocated)
    # the place's centre is the mean of its located sites: 150 km north of NCT00000001's
    # a trial whose site of the place is not located is at the centre (0 km); one whose
    # sites there are located is measured by them, not moved to the centre
    assert found(index, 'near:"Lyon, France"~1') == ["NCT00000007"]
    assert "NCT00000009" not in found(index, 'near:"Lyon, France"~149')
    assert "NCT00000008" not in found(index, "near:Lyon~1000")  # another country


def test_near_alone_ranks_by_distance(index: TrialIndex) -> None:
    assert found(index, 'near:"Lyon, France"~30') == [
        "NCT00000001", "NCT00000002", "NCT00000003"]


def test_near_defaults_to_50_km_and_combines_with_other_terms(index: TrialIndex) -> None:
    assert set(found(index, "near:Lyon")) == {"NCT00000001", "NCT00000002", "NCT00000003"}
    assert found(index, "near:Lyon diabetes") == ["NCT00000003"]
    assert index.count("near:Lyon~25") == 2


def test_an_ambiguous_place_lists_its_candidates(index: TrialIndex) -> None:
    with pytest.raises(QueryError) as caught:
        index.search("near:Paris")
    message = str(caught.value)
    assert "Paris, France" in message
    assert "Paris, Texas, United States" in message


def test_a_qualified_place_is_not_ambiguous(index: TrialIndex) -> None:
    assert found(index, 'near:"Paris, Texas"~10') == ["NCT00000005"]
    assert found(index, 'near:"Paris, France"~10') == ["NCT00000004"]


def test_an_unknown_place_says_so(index: TrialIndex) -> None:
    with pytest.raises(QueryError, match="no site of the store is in \"Atlantis\""):
        index.search("near:Atlantis")


def test_mesh_matches_a_term_its_id_or_an_ancestor(index: TrialIndex) -> None:
    assert set(found(index, 'mesh:"Neoplasms"')) == {"NCT00000001", "NCT00000002"}
    assert found(index, "mesh:D009369") == ["NCT00000001", "NCT00000002"]
    assert found(index, 'mesh:"Breast Neoplasms"') == ["NCT00000001"]
    assert found(index, 'mesh:"Diabetes Mellitus"') == ["NCT00000003"]


def test_a_mesh_id_matches_in_either_spelling(index: TrialIndex) -> None:
    # The registry writes D000003920 where MeSH writes D003920: one id.
    assert found(index, "mesh:D003920") == ["NCT00000003"]
    assert found(index, "mesh:D000003920") == ["NCT00000003"]
    assert found(index, "mesh:d000009369") == ["NCT00000001", "NCT00000002"]


def test_other_names_of_interventions_and_collaborators_are_searched(
        index: TrialIndex) -> None:
    assert found(index, "keytruda") == ["NCT00000006"]
    assert found(index, "intervention:keytruda") == ["NCT00000006"]
    assert found(index, 'intervention:"mk 3475"') == ["NCT00000006"]
    assert found(index, "eisai") == ["NCT00000006"]
    assert found(index, "sponsor:eisai") == ["NCT00000006"]
    assert found(index, "condition:keytruda") == []


def test_country_city_site_outcome_pmid_results(index: TrialIndex) -> None:
    assert found(index, 'country:"United States"') == ["NCT00000004", "NCT00000005"]
    assert found(index, "country:france") == ["NCT00000001", "NCT00000002", "NCT00000003",
                                               "NCT00000004"]
    assert found(index, "city:rochester") == ["NCT00000004"]
    assert found(index, 'site:"mayo clinic"') == ["NCT00000004"]
    assert found(index, "outcome:survival") == ["NCT00000001"]
    assert found(index, "pmid:31234567") == ["NCT00000001"]
    assert found(index, "results:yes") == ["NCT00000001"]
    assert "NCT00000001" not in found(index, "results:no")
    assert "NCT00000006" in found(index, "results:no")
    # The others state nothing about results (has_results null: a CSV file without the
    # Study Results column): neither yes nor no.
    assert "NCT00000002" not in found(index, "results:no")
    assert "NCT00000002" in found(index, 'results:"not stated"')
    assert "NCT00000006" not in found(index, 'results:"not stated"')


def test_site_names_are_searched_by_site_only(index: TrialIndex) -> None:
    assert found(index, "curie") == []
    assert found(index, "site:curie") == ["NCT00000004"]


def test_key_fields_complete_while_typing(index: TrialIndex) -> None:
    hits = index.search("country:unit", limit=None, prefix_last=True)
    assert [hit.id for hit in hits] == ["NCT00000004", "NCT00000005"]


def test_country_facet_counts_trials_per_country(index: TrialIndex) -> None:
    facets = index.facets_of("")
    # NCT00000006 lists no site: counted as "not stated", last.
    assert facets["country"] == {"France": 4, "United States": 2, "not stated": 1}
    assert list(facets["country"])[-1] == "not stated"
    assert found(index, 'country:"not stated"') == ["NCT00000006"]


def test_bad_values_are_query_errors() -> None:
    with pytest.raises(QueryError, match="write one of yes, no"):
        parse_query("results:maybe")
    with pytest.raises(QueryError, match="distance"):
        parse_query("near:Lyon~0")
    with pytest.raises(QueryError, match="distance in km after ~"):
        parse_query("near:Lyon~")


def test_near_place_names_the_place_of_the_query(index: TrialIndex) -> None:
    place = index.near_place('stem near:"Paris, Texas"~5')
    assert place is not None
    assert (place.name, place.lat, place.lon) == ("Paris, Texas, United States", 33.6609,
                                                  -95.5555)
    assert index.near_place("stem") is None
