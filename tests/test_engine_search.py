"""store.engine.TrialIndex: every operator and field of the query language, in memory and on
disk (the behaviour of store.search.SearchIndex)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from engine_helpers import built, criterion, make, put_all, years
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.engine import Hit, TrialIndex
from store.search import QueryError, parse_query

CORPUS = [
    make(
        "NCT00000001",
        title="Mesenchymal Stem Cells in Multiple Sclerosis",
        acronym="MSC-MS",
        conditions=["Multiple Sclerosis", "Optic Neuritis"],
        interventions=[
            {
                "type": "BIOLOGICAL",
                "name": "Autologous mesenchymal stem cells",
                "description": "Intravenous infusion",
            }
        ],
        sponsor="Tianjin Medical University",
        summary="Stem cell transplantation for patients with optic neuritis.",
        status="RECRUITING",
        phases=["PHASE1", "PHASE2"],
        study_type="INTERVENTIONAL",
        sex="ALL",
        min_age=years(18),
        max_age=years(65),
        enrollment=20,
        start="2016-03",
        inclusion=[
            criterion("Age 18 to 65"),
            criterion("Diagnosis of MS", criterion("Relapsing form")),
        ],
    ),
    make(
        "NCT00000002",
        title="Rituximab in Neuromyelitis Optica",
        conditions=["Neuromyelitis Optica", "NMO"],
        interventions=[
            {"type": "DRUG", "name": "Rituximab", "description": None},
            {"type": "DRUG", "name": "Placebo", "description": "Saline"},
        ],
        arms=[
            {
                "label": "Placebo arm",
                "type": "PLACEBO_COMPARATOR",
                "description": None,
                "interventions": ["Drug: Placebo"],
            }
        ],
        sponsor="Mayo Clinic",
        status="COMPLETED",
        phases=["PHASE3"],
        study_type="INTERVENTIONAL",
        sex="FEMALE",
        min_age=years(18),
        enrollment=120,
        start="2012-05-01",
        exclusion=[criterion("Pregnancy")],
    ),
    make(
        "NCT00000003",
        title="Sjögren's Syndrome Cohort in Children",
        conditions=["Sjögren's Syndrome"],
        status="NOT_YET_RECRUITING",
        study_type="OBSERVATIONAL",
        sex="MALE",
        min_age={"value": 6, "unit": "MONTHS"},
        max_age=years(17),
        other_ids=["IRB2013-055-02", "EUDRACT 2014-001234-56"],
        description="Neuritis optic and optic pathway studies.",
    ),
    make(
        "NCT00000004",
        title="Amyotrophic Lateral Sclerosis Stem Cell Transplantation",
        conditions=["ALS"],
        keywords=["stem cells", "motor neuron disease"],
        status="ACTIVE_NOT_RECRUITING",
        phases=["PHASE2"],
        study_type="INTERVENTIONAL",
        sex="ALL",
        enrollment=8,
        start="2019-11-30",
        summary="Intrathecal transplantation of autologous stem cells in ALS.",
    ),
    make(
        "LOCAL-abcdef0123",
        title="Exercise and Fatigue in MS",
        conditions=["Multiple Sclerosis"],
        status="UNKNOWN",
        phases=["NA"],
        study_type="INTERVENTIONAL",
        start="2015",
        sponsor="University of Tianjin",
        interventions=[{"type": "BEHAVIORAL", "name": "Exercise", "description": "Optic cycling"}],
        description="An optic and a neuritis, far apart: optic nerve ... neuritis.",
    ),
]
EVERY = {"NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004", "LOCAL-abcdef0123"}


@pytest.fixture(scope="module", params=["memory", "disk"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> TrialIndex:
    path = None if request.param == "memory" else tmp_path_factory.mktemp("index") / "idx"
    return built(path, CORPUS)


def found(index: TrialIndex, query: str, **options: Any) -> list[str]:
    return [hit.id for hit in index.search(query, limit=None, **options)]


def found_set(index: TrialIndex, query: str, **options: Any) -> set[str]:
    return set(found(index, query, **options))


# --- words, operators -------------------------------------------------------------------


def test_size_and_membership(index: TrialIndex) -> None:
    assert len(index) == 5
    assert "NCT00000001" in index
    assert "NCT99999999" not in index
    assert 42 not in index
    assert index.ids() == [
        "LOCAL-abcdef0123",
        "NCT00000001",
        "NCT00000002",
        "NCT00000003",
        "NCT00000004",
    ]


def test_words_are_anded_in_any_order(index: TrialIndex) -> None:
    assert found_set(index, "stem cell") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "cell stem") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "stem sclerosis lateral") == {"NCT00000004"}
    assert found(index, "stem nothingatall") == []


def test_case_accents_and_plurals_are_folded(index: TrialIndex) -> None:
    for query in ("sjogren", "SJÖGREN", "Sjögrens", "sjögren's", "sjogren syndromes"):
        assert found(index, query) == ["NCT00000003"], query
    assert found_set(index, "cells") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "cell") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "study") == {"NCT00000003"}  # the record says "studies"


def test_prefix(index: TrialIndex) -> None:
    assert found_set(index, "transpl*") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "neuromy*") == {"NCT00000002"}
    assert found(index, "transpl") == []
    assert found_set(index, "stud*") == {"NCT00000003"}
    assert found_set(index, "studi*") == {"NCT00000003"}  # on the way to "studies"
    assert found_set(index, "transplantatio*") == {"NCT00000001", "NCT00000004"}  # 15 letters
    assert found_set(index, "c*") == EVERY  # cells, clinic, cohort, cell, cycling
    assert found_set(index, "t*") == {"NCT00000001", "NCT00000004", "LOCAL-abcdef0123"}


def test_prefix_last(index: TrialIndex) -> None:
    assert found(index, "amyotrophic transpl") == []
    assert found(index, "amyotrophic transpl", prefix_last=True) == ["NCT00000004"]
    assert found(index, "amyotrophic transpl ", prefix_last=True) == []
    assert found_set(index, "s", prefix_last=True) >= {"NCT00000003", "NCT00000004"}
    assert found(index, "sjogren syndrom", prefix_last=True) == ["NCT00000003"]


def test_phrase_needs_adjacent_words_within_one_value(index: TrialIndex) -> None:
    # 0003 has "neuritis optic" (wrong order); LOCAL has both words apart; 0001 has the phrase.
    assert found_set(index, "optic neuritis") == {"NCT00000001", "NCT00000003", "LOCAL-abcdef0123"}
    assert found(index, '"optic neuritis"') == ["NCT00000001"]
    assert [hit.id for hit in index.search('"optic neuritis"', limit=5)] == ["NCT00000001"]
    assert found(index, '"neuritis optic"') == ["NCT00000003"]
    # Adjacent list items are different values.
    assert found(index, '"sclerosis optic"') == []
    assert found_set(index, '"stem cel*"') == {"NCT00000001", "NCT00000004"}


def test_phrase_in_or_and_not(index: TrialIndex) -> None:
    assert found_set(index, '"optic neuritis" OR rituximab') == {"NCT00000001", "NCT00000002"}
    assert found_set(index, 'optic -"optic neuritis"') == {"NCT00000003", "LOCAL-abcdef0123"}


def test_phrases_in_fields(index: TrialIndex) -> None:
    assert found(index, 'condition:"optic neuritis"') == ["NCT00000001"]
    assert found(index, 'sponsor:"optic neuritis"') == []
    assert found(index, 'intervention:"mesenchymal stem"') == ["NCT00000001"]
    assert found(index, 'intervention:"stem transplantation"') == []


def test_prefix_phrase_in_a_field(index: TrialIndex) -> None:
    assert found(index, 'condition:"optic neur*"') == ["NCT00000001"]
    assert found_set(index, 'condition:"multiple scl*"') == {"LOCAL-abcdef0123", "NCT00000001"}
    assert found(index, 'condition:"optic scl*"') == []


def test_a_phrase_typed_up_to_two_letters_matches_its_words(index: TrialIndex) -> None:
    # While typing, "optic-n" and "optic-ne" are "optic" AND a word starting with n or ne;
    # from three letters on, and for a query ending in "*", the phrase is exact.
    words = {"NCT00000001", "NCT00000003", "LOCAL-abcdef0123"}
    assert found_set(index, "optic-n", prefix_last=True) == words
    assert found_set(index, "optic-ne", prefix_last=True) == words
    assert found_set(index, "optic-ner", prefix_last=True) == {"LOCAL-abcdef0123"}
    assert found_set(index, '"optic n*"') == {"NCT00000001", "LOCAL-abcdef0123"}


def test_word_with_hyphen_is_a_phrase(index: TrialIndex) -> None:
    assert found(index, "msc-ms") == ["NCT00000001"]
    assert found(index, "ms-msc") == []


def test_or(index: TrialIndex) -> None:
    assert found_set(index, "rituximab OR sjogren") == {"NCT00000002", "NCT00000003"}
    assert found_set(index, "neuritis rituximab OR sjogren") == {"NCT00000003"}
    assert found_set(index, "(rituximab OR sjogren) pregnancy") == {"NCT00000002"}


def test_not_and_minus(index: TrialIndex) -> None:
    assert found_set(index, "-placebo") == EVERY - {"NCT00000002"}
    assert found_set(index, "NOT placebo") == EVERY - {"NCT00000002"}
    assert found_set(index, "stem -lateral") == {"NCT00000001"}
    assert found_set(index, "-condition:als") == EVERY - {"NCT00000004"}
    assert found_set(index, "-status:recruiting -phase:3") == EVERY - {
        "NCT00000001",
        "NCT00000002",
    }
    assert found_set(index, "sclerosis (-lateral OR tianjin)") == {
        "NCT00000001",
        "LOCAL-abcdef0123",
    }


def test_empty_query_matches_everything_in_id_order(index: TrialIndex) -> None:
    hits = index.search("")
    assert [hit.id for hit in hits] == [
        "LOCAL-abcdef0123",
        "NCT00000001",
        "NCT00000002",
        "NCT00000003",
        "NCT00000004",
    ]
    assert all(hit.score == 0 for hit in hits)
    assert [hit.id for hit in index.search("  ", limit=2)] == ["LOCAL-abcdef0123", "NCT00000001"]


def test_limit(index: TrialIndex) -> None:
    assert len(index.search("stem", limit=1)) == 1
    assert index.search("stem", limit=0) == []
    assert index.search("stem", 1)[0] == index.search("stem", limit=None)[0]


# --- fields -----------------------------------------------------------------------------


def test_text_fields(index: TrialIndex) -> None:
    assert found(index, "condition:als") == ["NCT00000004"]
    assert found(index, "als") == ["NCT00000004"]
    assert found_set(index, "condition:sclerosis") == {"NCT00000001", "LOCAL-abcdef0123"}
    assert found(index, 'intervention:"stem cell"') == ["NCT00000001"]
    assert found(index, "intervention:placebo") == ["NCT00000002"]
    assert found_set(index, "intervention:optic") == {"LOCAL-abcdef0123"}
    assert found_set(index, "sponsor:tianjin") == {"NCT00000001", "LOCAL-abcdef0123"}
    assert found(index, "sponsor:mayo") == ["NCT00000002"]
    assert found(index, "sponsor:rituximab") == []
    assert found_set(index, "condition:scler*") == {"NCT00000001", "LOCAL-abcdef0123"}
    assert found_set(index, "condition:s*") == {"NCT00000001", "NCT00000003", "LOCAL-abcdef0123"}
    assert found_set(index, "sponsor:m", prefix_last=True) == {"NCT00000001", "NCT00000002"}
    assert found(index, "intervention:plac", prefix_last=True) == ["NCT00000002"]
    assert found(index, "intervention:placebo12*") == []


def test_id_field(index: TrialIndex) -> None:
    assert found(index, "id:NCT00000002") == ["NCT00000002"]
    assert found(index, "id:nct00000002") == ["NCT00000002"]
    assert found(index, "id:local-abcdef0123") == ["LOCAL-abcdef0123"]
    assert found(index, "id:IRB2013-055-02") == ["NCT00000003"]
    assert found(index, "id:2014-001234-56") == ["NCT00000003"]  # a part of a secondary id
    assert found(index, "id:NCT0000000") == []


def test_phase(index: TrialIndex) -> None:
    assert found_set(index, "phase:2") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "phase:PHASE2") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, 'phase:"phase 2"') == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "phase:1") == {"NCT00000001"}
    assert found_set(index, 'phase:"1/2"') == {"NCT00000001"}
    assert found_set(index, "phase:na") == {"LOCAL-abcdef0123"}
    assert found_set(index, "phase:early1") == set()
    assert found_set(index, "phase:2 OR phase:3") == {"NCT00000001", "NCT00000002", "NCT00000004"}


def test_status_and_type(index: TrialIndex) -> None:
    assert found(index, "status:recruiting") == ["NCT00000001"]
    assert found(index, "status:active_not_recruiting") == ["NCT00000004"]
    assert found(index, 'status:"active, not recruiting"') == ["NCT00000004"]
    assert found(index, 'status:"not yet recruiting"') == ["NCT00000003"]
    assert found(index, "status:unknown") == ["LOCAL-abcdef0123"]
    assert found(index, "type:observational") == ["NCT00000003"]
    assert len(found(index, "type:INTERVENTIONAL")) == 4


def test_sex(index: TrialIndex) -> None:
    assert found_set(index, "sex:female") == {"NCT00000001", "NCT00000002", "NCT00000004"}
    assert found_set(index, "sex:male") == {"NCT00000001", "NCT00000003", "NCT00000004"}
    assert found_set(index, "sex:all") == {"NCT00000001", "NCT00000004"}


def test_age(index: TrialIndex) -> None:
    # 0001: 18-65; 0002: 18+; 0003: 6 months-17; 0004 and LOCAL: no bounds (open).
    assert found_set(index, "age:30") == {
        "NCT00000001",
        "NCT00000002",
        "NCT00000004",
        "LOCAL-abcdef0123",
    }
    assert "NCT00000001" in found_set(index, "age:65")
    assert "NCT00000001" not in found_set(index, "age:66")
    assert found_set(index, "age:10") == {"NCT00000003", "NCT00000004", "LOCAL-abcdef0123"}
    assert "NCT00000003" in found_set(index, "age:6months")
    assert "NCT00000003" not in found_set(index, "age:5months")
    assert found_set(index, "stem age:70") == {"NCT00000004"}


def test_enrollment(index: TrialIndex) -> None:
    # 20, 120, none, 8, none
    assert found_set(index, "enrollment:>20") == {"NCT00000002"}
    assert found_set(index, "enrollment:>=20") == {"NCT00000001", "NCT00000002"}
    assert found_set(index, "enrollment:<20") == {"NCT00000004"}
    assert found_set(index, "enrollment:<=20") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "enrollment:=20") == {"NCT00000001"}
    assert found_set(index, "enrollment:20") == {"NCT00000001"}
    assert found_set(index, "stem enrollment:<100") == {"NCT00000001", "NCT00000004"}


def test_year(index: TrialIndex) -> None:
    # 2016, 2012, none, 2019, 2015
    assert found_set(index, "year:>=2015") == {"NCT00000001", "NCT00000004", "LOCAL-abcdef0123"}
    assert found_set(index, "year:2015") == {"LOCAL-abcdef0123"}
    assert found_set(index, "year:<2015") == {"NCT00000002"}
    assert found_set(index, "year:>2016 stem") == {"NCT00000004"}


def test_bad_queries_raise_query_error(index: TrialIndex) -> None:
    with pytest.raises(QueryError) as caught:
        index.search("foo:bar")
    assert caught.value.position == 0
    with pytest.raises(QueryError):
        index.count('"unclosed')
    with pytest.raises(ValueError):
        index.search("stem", sort="colour")


@given(st.text(max_size=40), st.booleans())
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_searches_or_raises_query_error(
    index: TrialIndex, text: str, prefix_last: bool
) -> None:
    try:
        hits = index.search(text, prefix_last=prefix_last)
        total = index.count(text, prefix_last=prefix_last)
    except QueryError:
        return
    assert all(isinstance(hit, Hit) for hit in hits)
    assert total >= len(hits)
    index.highlights(parse_query(text, prefix_last=prefix_last), CORPUS[0])


def test_a_parsed_query_keeps_its_own_prefix_last(index: TrialIndex) -> None:
    parsed = parse_query("amyotrophic transpl", prefix_last=True)
    assert [hit.id for hit in index.search(parsed)] == ["NCT00000004"]
    assert index.count(parsed) == 1


# --- counts, columns, facets ------------------------------------------------------------


def test_count(index: TrialIndex) -> None:
    for query, expected in [("", 5), ("stem", 2), ("stem cell", 2), ('"optic neuritis"', 1),
                            ("phase:2", 2), ("-placebo", 4), ("s*", 5), ("nothingatall", 0)]:
        assert index.count(query) == expected, query
        assert len(index.search(query, limit=None)) == expected, query


def test_columns(index: TrialIndex) -> None:
    assert index.columns("NCT00000001") == {
        "id": "NCT00000001",
        "title": "Mesenchymal Stem Cells in Multiple Sclerosis",
        "status": "RECRUITING",
        "phases": ["PHASE1", "PHASE2"],
        "conditions": ["Multiple Sclerosis", "Optic Neuritis"],
        "enrollment": 20,
        "study_type": "INTERVENTIONAL",
        "start": "2016-03",
    }
    assert index.columns("NCT00000003") == {
        "id": "NCT00000003",
        "title": "Sjögren's Syndrome Cohort in Children",
        "status": "NOT_YET_RECRUITING",
        "phases": [],
        "conditions": ["Sjögren's Syndrome"],
        "enrollment": None,
        "study_type": "OBSERVATIONAL",
        "start": None,
    }
    assert index.columns("nope") is None
    many = index.columns_many(["NCT00000004", "nope", "NCT00000001"])
    assert [None if c is None else c["id"] for c in many] == ["NCT00000004", None, "NCT00000001"]


def test_facets(index: TrialIndex) -> None:
    everything = {
        "status": {
            "ACTIVE_NOT_RECRUITING": 1,
            "COMPLETED": 1,
            "NOT_YET_RECRUITING": 1,
            "RECRUITING": 1,
            "UNKNOWN": 1,
        },
        # NCT00000003 (observational) states no phase; no trial here lists a site.
        "phase": {"NA": 1, "PHASE1": 1, "PHASE2": 2, "PHASE3": 1, "not stated": 1},
        "study_type": {"INTERVENTIONAL": 4, "OBSERVATIONAL": 1},
        "country": {"not stated": 5},
    }
    assert index.facets(EVERY) == everything
    assert index.facets_of("") == everything
    two = {
        "status": {"ACTIVE_NOT_RECRUITING": 1, "RECRUITING": 1},
        "phase": {"PHASE1": 1, "PHASE2": 2},
        "study_type": {"INTERVENTIONAL": 2},
        "country": {"not stated": 2},
    }
    assert index.facets(["NCT00000001", "NCT00000004", "unknown"]) == two
    assert index.facets_of("stem") == two
    assert index.facets_of("ste", prefix_last=True) == two
    nothing = {"status": {}, "phase": {}, "study_type": {}, "country": {}}
    assert index.facets([]) == nothing
    assert index.facets_of("nothingatall") == nothing


def test_not_stated_finds_the_trials_without_a_value(index: TrialIndex) -> None:
    assert found(index, 'phase:"not stated"') == ["NCT00000003"]
    assert found(index, "phase:unstated") == ["NCT00000003"]
    assert index.count('status:"not stated"') == 0
    assert index.count('country:"not stated"') == 5
    assert sorted(found(index, 'phase:"not stated" OR phase:3')) == ["NCT00000002", "NCT00000003"]
    assert index.count('NOT phase:"not stated"') == 4


def test_highlights_delegate_to_the_query_language(index: TrialIndex) -> None:
    assert index.highlights("stem", CORPUS[0])["title"] == [(12, 16)]
    assert index.text_highlights('"optic neuritis"', "An Optic Neuritis.") == [(3, 17)]


# --- sorting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("id", ["LOCAL-abcdef0123", "NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004"]),
        ("-id", ["NCT00000004", "NCT00000003", "NCT00000002", "NCT00000001", "LOCAL-abcdef0123"]),
        ("title", ["NCT00000004", "LOCAL-abcdef0123", "NCT00000001", "NCT00000002", "NCT00000003"]),
        # Active, Completed, Not yet recruiting, Recruiting, Unknown
        (
            "status",
            ["NCT00000004", "NCT00000002", "NCT00000003", "NCT00000001", "LOCAL-abcdef0123"],
        ),
        # 1/2 (0001) < 2 (0004) < 3 (0002); N/A (LOCAL) after the phases; none last
        ("phase", ["NCT00000001", "NCT00000004", "NCT00000002", "LOCAL-abcdef0123", "NCT00000003"]),
        (
            "-phase",
            ["NCT00000002", "NCT00000004", "NCT00000001", "LOCAL-abcdef0123", "NCT00000003"],
        ),
        (
            "enrollment",
            ["NCT00000004", "NCT00000001", "NCT00000002", "LOCAL-abcdef0123", "NCT00000003"],
        ),
        (
            "-enrollment",
            ["NCT00000002", "NCT00000001", "NCT00000004", "LOCAL-abcdef0123", "NCT00000003"],
        ),
        ("start", ["NCT00000002", "LOCAL-abcdef0123", "NCT00000001", "NCT00000004", "NCT00000003"]),
        (
            "-start",
            ["NCT00000004", "NCT00000001", "LOCAL-abcdef0123", "NCT00000002", "NCT00000003"],
        ),
    ],
)
def test_sort_empty_query(index: TrialIndex, sort: str, expected: list[str]) -> None:
    assert [hit.id for hit in index.search("", sort=sort)] == expected
    assert [hit.id for hit in index.search("", sort=sort, limit=2)] == expected[:2]


def test_sort_matches_by_a_column_with_limit(index: TrialIndex) -> None:
    hits = index.search("stem", sort="-enrollment", limit=1)
    assert [hit.id for hit in hits] == ["NCT00000001"]
    assert hits[0].score > 0
    assert found(index, '"optic neuritis" OR stem', sort="start") == ["NCT00000001", "NCT00000004"]


# --- keeping in step --------------------------------------------------------------------


@pytest.fixture(params=["memory", "disk"])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> TrialIndex:
    return built(None if request.param == "memory" else tmp_path / "idx", CORPUS)


def test_delete(fresh: TrialIndex) -> None:
    with fresh.batch() as batch:
        batch.delete("NCT00000004")
        batch.delete("unknown")
    assert len(fresh) == 4
    assert "NCT00000004" not in fresh
    assert found(fresh, "stem cell") == ["NCT00000001"]
    assert "NCT00000004" not in found_set(fresh, "")
    assert "NCT00000004" not in found_set(fresh, "-placebo")
    assert found(fresh, "condition:als") == []
    assert found(fresh, "status:active_not_recruiting") == []
    assert "NCT00000004" not in found_set(fresh, "enrollment:<20 OR age:30")
    assert fresh.columns("NCT00000004") is None
    assert fresh.locate("NCT00000004") is None
    assert fresh.facets(["NCT00000004"]) == {"status": {}, "phase": {}, "study_type": {},
                                             "country": {}}
    assert fresh.count("stem") == 1
    assert fresh.count("") == 4
    assert fresh.ids() == ["LOCAL-abcdef0123", "NCT00000001", "NCT00000002", "NCT00000003"]


def test_putting_an_id_again_replaces_it(fresh: TrialIndex) -> None:
    changed = make("NCT00000004", title="Completely different words", status="COMPLETED")
    put_all(fresh, [changed])
    assert len(fresh) == 5
    assert "NCT00000004" not in found_set(fresh, "stem")
    assert found(fresh, "completely different") == ["NCT00000004"]
    assert found(fresh, "complet", prefix_last=True) == ["NCT00000004"]
    assert set(found(fresh, "status:completed")) == {"NCT00000002", "NCT00000004"}
    assert fresh.columns("NCT00000004")["title"] == "Completely different words"  # type: ignore[index]
    assert found(fresh, "", sort="title")[0] == "NCT00000004"


def test_the_same_id_twice_in_one_batch_keeps_the_later() -> None:
    index = built(None, [make("A1", title="first words"), make("A1", title="second words")])
    assert len(index) == 1
    assert found(index, "first") == []
    assert found(index, "second") == ["A1"]


def test_record_without_id_is_refused() -> None:
    index = TrialIndex(None)
    with pytest.raises(ValueError), index.batch() as batch:
        batch.put({"title": "no id"}, *_nowhere())
    assert len(index) == 0


def _nowhere() -> tuple[Any, str]:
    from store.engine import Location

    return Location(0, 0, 0), ""


def test_caches_follow_changes(fresh: TrialIndex) -> None:
    assert found_set(fresh, "transpl*") == {"NCT00000001", "NCT00000004"}
    before = found_set(fresh, "age:70")
    assert found(fresh, "status:recruiting") == ["NCT00000001"]
    put_all(fresh, [make("NCT00000009", title="Transplantation late", min_age=years(69))])
    assert found_set(fresh, "transpl*") == {"NCT00000001", "NCT00000004", "NCT00000009"}
    assert found_set(fresh, "age:70") == before | {"NCT00000009"}
    assert "NCT00000009" in found_set(fresh, "-transpl* OR late")
    with fresh.batch() as batch:
        batch.delete("NCT00000001")
    assert found(fresh, "status:recruiting") == []
    assert found_set(fresh, "transpl*") == {"NCT00000004", "NCT00000009"}


def test_a_phrase_being_typed_matches_its_last_word_as_a_prefix() -> None:
    index = built(None, [make("NCT00000001", title="Chronic heart failure"),
                         make("NCT00000002", title="Heart attack and failure to thrive")])
    assert [hit.id for hit in index.search('"heart fail', prefix_last=True)] == ["NCT00000001"]
    assert index.count('"heart fail', prefix_last=True) == 1
