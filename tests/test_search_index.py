"""store.search.SearchIndex: every operator and field, ranking, facets, columns, sorting,
persistence and keeping the index in step with removals and replacements."""

from __future__ import annotations

import itertools
import random
import struct
from collections.abc import Callable
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.record import empty_record
from store.search import Hit, QueryError, SearchIndex, index_format, parse_query
from store.search.terms import TermTable


def make(trial_id: str, **fields: Any) -> dict[str, Any]:
    """A record with the given fields (eligibility, dates and enrollment spelled flat)."""
    record = empty_record()
    record["id"] = trial_id
    record["title"] = fields.pop("title", f"Trial {trial_id}")
    for name, value in fields.items():
        if name in ("sex", "min_age", "max_age", "inclusion", "exclusion"):
            record["eligibility"][name] = value
        elif name == "start":
            record["dates"]["start"] = {"date": value, "type": "ACTUAL"}
        elif name == "enrollment":
            record["enrollment"] = None if value is None else {"count": value, "type": "ACTUAL"}
        else:
            record[name] = value
    return record


def years(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "YEARS"}


def criterion(text: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"text": text, "children": list(children)}


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
RECORDS = {record["id"]: record for record in CORPUS}


@pytest.fixture
def index() -> SearchIndex:
    built = SearchIndex()
    built.add(CORPUS)
    return built


def found(index: SearchIndex, query: str, **options: Any) -> list[str]:
    return [hit.id for hit in index.search(query, limit=None, **options)]


def found_set(index: SearchIndex, query: str, **options: Any) -> set[str]:
    return set(found(index, query, **options))


# --- words, operators -------------------------------------------------------------------


def test_size_and_membership(index: SearchIndex) -> None:
    assert len(index) == 5
    assert "NCT00000001" in index
    assert "NCT99999999" not in index
    assert index.ids() == sorted(RECORDS)


def test_words_are_anded_in_any_order(index: SearchIndex) -> None:
    assert found_set(index, "stem cell") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "cell stem") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "stem sclerosis lateral") == {"NCT00000004"}
    assert found(index, "stem nothingatall") == []


def test_case_accents_and_plurals_are_folded(index: SearchIndex) -> None:
    for query in ("sjogren", "SJÖGREN", "Sjögrens", "sjögren's", "sjogren syndromes"):
        assert found(index, query) == ["NCT00000003"], query
    assert found_set(index, "cells") == found_set(index, "cell")
    assert found_set(index, "study") == {"NCT00000003"}  # the record says "studies"


def test_prefix(index: SearchIndex) -> None:
    assert found_set(index, "transpl*") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "neuromy*") == {"NCT00000002"}
    assert found(index, "transpl") == []
    assert found_set(index, "stud*") == {"NCT00000003"}
    assert found_set(index, "studi*") == {"NCT00000003"}  # on the way to "studies"


def test_prefix_last(index: SearchIndex) -> None:
    assert found(index, "amyotrophic transpl") == []
    assert found(index, "amyotrophic transpl", prefix_last=True) == ["NCT00000004"]
    assert found(index, "amyotrophic transpl ", prefix_last=True) == []
    assert found_set(index, "s", prefix_last=True) >= {"NCT00000003", "NCT00000004"}


def test_phrase_needs_adjacent_words_within_one_value(index: SearchIndex) -> None:
    # 0003 has "neuritis optic" (wrong order); LOCAL has both words apart; 0001 has the phrase.
    assert found_set(index, "optic neuritis") == {"NCT00000001", "NCT00000003", "LOCAL-abcdef0123"}
    assert found(index, '"optic neuritis"') == ["NCT00000001"]
    assert [hit.id for hit in index.search('"optic neuritis"', limit=5)] == ["NCT00000001"]
    assert found(index, '"neuritis optic"') == ["NCT00000003"]
    # Adjacent list items are different values.
    assert found(index, '"sclerosis optic"') == []
    assert found_set(index, '"stem cel*"') == {"NCT00000001", "NCT00000004"}


def test_phrase_in_or_and_not(index: SearchIndex) -> None:
    assert found_set(index, '"optic neuritis" OR rituximab') == {"NCT00000001", "NCT00000002"}
    assert found_set(index, 'optic -"optic neuritis"') == {"NCT00000003", "LOCAL-abcdef0123"}


def test_phrases_need_no_record_access() -> None:
    # The index keeps each record's word-hash sequence: records themselves are not needed.
    records = [dict(record) for record in CORPUS]
    bare = SearchIndex()
    bare.add(records)
    for record in records:
        record.clear()
    assert found(bare, '"optic neuritis"') == ["NCT00000001"]
    assert found(bare, 'condition:"optic neuritis"') == ["NCT00000001"]
    assert found(bare, 'sponsor:"optic neuritis"') == []
    assert found(bare, 'intervention:"mesenchymal stem"') == ["NCT00000001"]
    assert found(bare, 'intervention:"stem transplantation"') == []


def test_prefix_phrase_in_a_field(index: SearchIndex) -> None:
    assert found(index, 'condition:"optic neur*"') == ["NCT00000001"]
    assert found_set(index, 'condition:"multiple scl*"') == {"LOCAL-abcdef0123", "NCT00000001"}
    assert found(index, 'condition:"optic scl*"') == []


def test_word_with_hyphen_is_a_phrase(index: SearchIndex) -> None:
    assert found(index, "msc-ms") == ["NCT00000001"]
    assert found(index, "ms-msc") == []


def test_or(index: SearchIndex) -> None:
    assert found_set(index, "rituximab OR sjogren") == {"NCT00000002", "NCT00000003"}
    assert found_set(index, "neuritis rituximab OR sjogren") == {"NCT00000003"}
    assert found_set(index, "(rituximab OR sjogren) pregnancy") == {"NCT00000002"}


def test_not_and_minus(index: SearchIndex) -> None:
    everything = set(RECORDS)
    assert found_set(index, "-placebo") == everything - {"NCT00000002"}
    assert found_set(index, "NOT placebo") == everything - {"NCT00000002"}
    assert found_set(index, "stem -lateral") == {"NCT00000001"}
    assert found_set(index, "-condition:als") == everything - {"NCT00000004"}
    assert found_set(index, "-status:recruiting -phase:3") == everything - {
        "NCT00000001",
        "NCT00000002",
    }
    assert found_set(index, "sclerosis (-lateral OR tianjin)") == {
        "NCT00000001",
        "LOCAL-abcdef0123",
    }


def test_empty_query_matches_everything_in_id_order(index: SearchIndex) -> None:
    hits = index.search("")
    assert [hit.id for hit in hits] == sorted(RECORDS)
    assert all(hit.score == 0 for hit in hits)
    assert [hit.id for hit in index.search("  ", limit=2)] == sorted(RECORDS)[:2]


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("stem", limit=1)) == 1
    assert index.search("stem", limit=0) == []
    assert index.search("stem", limit=1)[0] == index.search("stem", limit=None)[0]


# --- fields -----------------------------------------------------------------------------


def test_text_fields(index: SearchIndex) -> None:
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


def test_id_field(index: SearchIndex) -> None:
    assert found(index, "id:NCT00000002") == ["NCT00000002"]
    assert found(index, "id:nct00000002") == ["NCT00000002"]
    assert found(index, "id:local-abcdef0123") == ["LOCAL-abcdef0123"]
    assert found(index, "id:IRB2013-055-02") == ["NCT00000003"]
    assert found(index, "id:2014-001234-56") == ["NCT00000003"]  # a part of a secondary id
    assert found(index, "id:NCT0000000") == []


def test_phase(index: SearchIndex) -> None:
    assert found_set(index, "phase:2") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "phase:PHASE2") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, 'phase:"phase 2"') == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "phase:1") == {"NCT00000001"}
    assert found_set(index, 'phase:"1/2"') == {"NCT00000001"}
    assert found_set(index, "phase:na") == {"LOCAL-abcdef0123"}
    assert found_set(index, "phase:early1") == set()
    assert found_set(index, "phase:2 OR phase:3") == {"NCT00000001", "NCT00000002", "NCT00000004"}


def test_status_and_type(index: SearchIndex) -> None:
    assert found(index, "status:recruiting") == ["NCT00000001"]
    assert found(index, "status:active_not_recruiting") == ["NCT00000004"]
    assert found(index, 'status:"active, not recruiting"') == ["NCT00000004"]
    assert found(index, 'status:"not yet recruiting"') == ["NCT00000003"]
    assert found(index, "status:unknown") == ["LOCAL-abcdef0123"]
    assert found(index, "type:observational") == ["NCT00000003"]
    assert len(found(index, "type:INTERVENTIONAL")) == 4


def test_sex(index: SearchIndex) -> None:
    assert found_set(index, "sex:female") == {"NCT00000001", "NCT00000002", "NCT00000004"}
    assert found_set(index, "sex:male") == {"NCT00000001", "NCT00000003", "NCT00000004"}
    assert found_set(index, "sex:all") == {"NCT00000001", "NCT00000004"}


def test_age(index: SearchIndex) -> None:
    # 0001: 18-65; 0002: 18+; 0003: 6 months-17; 0004 and LOCAL: no bounds (open).
    assert found_set(index, "age:30") == {
        "NCT00000001",
        "NCT00000002",
        "NCT00000004",
        "LOCAL-abcdef0123",
    }
    assert found_set(index, "age:65") >= {"NCT00000001"}
    assert "NCT00000001" not in found_set(index, "age:66")
    assert found_set(index, "age:10") == {"NCT00000003", "NCT00000004", "LOCAL-abcdef0123"}
    assert "NCT00000003" in found_set(index, "age:6months")
    assert "NCT00000003" not in found_set(index, "age:5months")
    assert found_set(index, "stem age:70") == {"NCT00000004"}


def test_enrollment(index: SearchIndex) -> None:
    # 20, 120, none, 8, none
    assert found_set(index, "enrollment:>20") == {"NCT00000002"}
    assert found_set(index, "enrollment:>=20") == {"NCT00000001", "NCT00000002"}
    assert found_set(index, "enrollment:<20") == {"NCT00000004"}
    assert found_set(index, "enrollment:<=20") == {"NCT00000001", "NCT00000004"}
    assert found_set(index, "enrollment:=20") == {"NCT00000001"}
    assert found_set(index, "enrollment:20") == {"NCT00000001"}
    assert found_set(index, "stem enrollment:<100") == {"NCT00000001", "NCT00000004"}


def test_year(index: SearchIndex) -> None:
    # 2016, 2012, none, 2019, 2015
    assert found_set(index, "year:>=2015") == {"NCT00000001", "NCT00000004", "LOCAL-abcdef0123"}
    assert found_set(index, "year:2015") == {"LOCAL-abcdef0123"}
    assert found_set(index, "year:<2015") == {"NCT00000002"}
    assert found_set(index, "year:>2016 stem") == {"NCT00000004"}


def test_bad_queries_raise_query_error(index: SearchIndex) -> None:
    with pytest.raises(QueryError) as caught:
        index.search("foo:bar")
    assert caught.value.position == 0
    with pytest.raises(ValueError):
        index.search("stem", sort="colour")


@given(st.text(max_size=40), st.booleans())
@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_searches_or_raises_query_error(
    index: SearchIndex, text: str, prefix_last: bool
) -> None:
    try:
        hits = index.search(text, prefix_last=prefix_last)
    except QueryError:
        return
    assert all(isinstance(hit, Hit) for hit in hits)
    index.highlights(parse_query(text, prefix_last=prefix_last), RECORDS["NCT00000001"])


# --- ranking ----------------------------------------------------------------------------


def test_title_match_outranks_description_match() -> None:
    ranking = SearchIndex()
    ranking.add(
        [
            make(
                "NCT00000010",
                title="Other things entirely",
                description="A study where glioma appears in the description.",
            ),
            make(
                "NCT00000011",
                title="Glioma vaccine study",
                description="A study where something appears in the description.",
            ),
        ]
    )
    assert [hit.id for hit in ranking.search("glioma")] == ["NCT00000011", "NCT00000010"]


def test_field_weights_order() -> None:
    fields = [
        ("title", "zeta"),
        ("conditions", ["zeta"]),
        ("interventions", [{"type": "DRUG", "name": "zeta", "description": None}]),
        ("sponsor", "zeta"),
        ("summary", "zeta"),
        ("arms", [{"label": "zeta", "type": None, "description": None, "interventions": []}]),
        ("inclusion", [criterion("zeta")]),
        ("description", "zeta"),
    ]
    ranking = SearchIndex()
    records = []
    for number, (name, value) in enumerate(fields):
        record = make(f"X{9 - number}", title="Plain title")
        if name == "inclusion":
            record["eligibility"]["inclusion"] = value
        else:
            record[name] = value
        records.append(record)
    ranking.add(records)
    hits = ranking.search("zeta")
    assert [hit.id for hit in hits] == [record["id"] for record in records]
    assert all(a.score > b.score for a, b in itertools.pairwise(hits))


def test_exact_id_ranks_first() -> None:
    ranking = SearchIndex()
    ranking.add(
        [
            make("NCT00000021", title="Follow-up of NCT00000020 NCT00000020 NCT00000020"),
            make("NCT00000020", title="Original trial"),
        ]
    )
    hits = ranking.search("NCT00000020")
    assert [hit.id for hit in hits] == ["NCT00000020", "NCT00000021"]
    assert ranking.search("nct00000020", prefix_last=True)[0].id == "NCT00000020"


def test_exact_acronym_ranks_first() -> None:
    ranking = SearchIndex()
    ranking.add(
        [
            make("NCT00000030", title="Promise promise promise: a promise kept"),
            make("NCT00000031", title="A long trial title about something else", acronym="PROMISE"),
        ]
    )
    assert [hit.id for hit in ranking.search("promise")] == ["NCT00000031", "NCT00000030"]
    assert ranking.search("promise", prefix_last=True)[0].id == "NCT00000031"
    # Only the whole query triggers the boost.
    assert ranking.search("promise kept")[0].id == "NCT00000030"


def test_best_of_many_ties_break_by_id() -> None:
    ranking = SearchIndex()
    ranking.add([make(f"T{n:02d}", title="same words") for n in range(30, 0, -1)])
    ranking.add([make("T99", title="same same same words")])
    hits = ranking.search("same", limit=4)
    assert [hit.id for hit in hits] == ["T99", "T01", "T02", "T03"]
    assert hits == ranking.search("same", limit=None)[:4]
    assert [hit.id for hit in ranking.search("sam", prefix_last=True, limit=2)] == ["T99", "T01"]


def test_count(index: SearchIndex) -> None:
    for query in ("", "stem", "stem cell", '"optic neuritis"', "phase:2", "-placebo", "s*"):
        assert index.count(query) == len(index.search(query, limit=None)), query
    index.remove(["NCT00000001"])
    assert index.count("stem") == 1
    assert index.count("status:recruiting") == 0
    assert index.count("") == 4


def test_caches_follow_changes(index: SearchIndex) -> None:
    # Queries fill caches (dense arrays, range masks, id order); changes must clear them.
    assert found_set(index, "transpl*") == {"NCT00000001", "NCT00000004"}
    before = found_set(index, "age:70")
    assert found(index, "status:recruiting") == ["NCT00000001"]
    index.add([make("NCT00000009", title="Transplantation late", min_age=years(69))])
    assert found_set(index, "transpl*") == {"NCT00000001", "NCT00000004", "NCT00000009"}
    assert found_set(index, "age:70") == before | {"NCT00000009"}
    assert "NCT00000009" in found_set(index, "-transpl* OR late")
    index.remove(["NCT00000001"])
    assert found(index, "status:recruiting") == []
    assert found_set(index, "transpl*") == {"NCT00000004", "NCT00000009"}


def test_score_ties_break_by_id() -> None:
    ranking = SearchIndex()
    ranking.add([make(f"T{n}", title="same words") for n in (3, 1, 2)])
    assert [hit.id for hit in ranking.search("same")] == ["T1", "T2", "T3"]


# --- columns, facets, sort --------------------------------------------------------------


def test_columns(index: SearchIndex) -> None:
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


def test_facets(index: SearchIndex) -> None:
    assert index.facets(RECORDS) == {
        "status": {
            "ACTIVE_NOT_RECRUITING": 1,
            "COMPLETED": 1,
            "NOT_YET_RECRUITING": 1,
            "RECRUITING": 1,
            "UNKNOWN": 1,
        },
        "phase": {"NA": 1, "PHASE1": 1, "PHASE2": 2, "PHASE3": 1},
        "study_type": {"INTERVENTIONAL": 4, "OBSERVATIONAL": 1},
    }
    assert index.facets(["NCT00000001", "NCT00000004", "unknown"]) == {
        "status": {"ACTIVE_NOT_RECRUITING": 1, "RECRUITING": 1},
        "phase": {"PHASE1": 1, "PHASE2": 2},
        "study_type": {"INTERVENTIONAL": 2},
    }


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
        # highest phase: NA < 2 (0001 is 1/2, 0004 is 2) < 3; none last
        ("phase", ["LOCAL-abcdef0123", "NCT00000001", "NCT00000004", "NCT00000002", "NCT00000003"]),
        (
            "-phase",
            ["NCT00000002", "NCT00000001", "NCT00000004", "LOCAL-abcdef0123", "NCT00000003"],
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
def test_sort_empty_query(index: SearchIndex, sort: str, expected: list[str]) -> None:
    assert [hit.id for hit in index.search("", sort=sort)] == expected


def test_sort_matches_by_a_column_with_limit(index: SearchIndex) -> None:
    hits = index.search("stem", sort="-enrollment", limit=1)
    assert [hit.id for hit in hits] == ["NCT00000001"]
    assert hits[0].score > 0
    assert found(index, '"optic neuritis" OR stem', sort="start") == ["NCT00000001", "NCT00000004"]


# --- persistence ------------------------------------------------------------------------

QUERIES = [
    "",
    "stem cell",
    "stem",
    '"optic neuritis"',
    "optic",
    "transpl*",
    "s",
    "rituximab OR sjogren",
    "-placebo",
    "condition:sclerosis",
    "sponsor:tianjin",
    "id:IRB2013-055-02",
    "phase:2",
    "status:recruiting",
    "sex:female",
    "age:30",
    "enrollment:>=20",
    "year:>=2015",
    "MSC-MS",
    "NCT00000004",
    "stem -lateral phase:2",
]


def results(index: SearchIndex, **options: Any) -> list[list[Hit]]:
    return [index.search(query, limit=None, **options) for query in QUERIES] + [
        index.search(query, sort="-start", limit=3) for query in QUERIES
    ]


def test_round_trip_gives_identical_results(index: SearchIndex) -> None:
    data = index.to_bytes()
    copy = SearchIndex.from_bytes(data)
    assert results(copy) == results(index)
    assert copy.columns("NCT00000001") == index.columns("NCT00000001")
    assert copy.facets(RECORDS) == index.facets(RECORDS)
    assert copy.to_bytes() == data
    assert len(copy) == len(index)


def test_round_trip_of_an_empty_index() -> None:
    copy = SearchIndex.from_bytes(SearchIndex().to_bytes())
    assert len(copy) == 0
    assert copy.search("anything") == []
    assert copy.search("") == []


@pytest.mark.parametrize("data", [b"", b"garbage", b"TRIALSEARCH\x00\xff\xff\xff\xff{}"])
def test_from_bytes_rejects_damaged_data(index: SearchIndex, data: bytes) -> None:
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(data)
    good = index.to_bytes()
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(good[: len(good) // 2])


def split_index(data: bytes) -> tuple[dict[str, Any], bytes]:
    """(header, blobs) of to_bytes() output."""
    size = struct.unpack_from("<I", data, len(index_format.MAGIC))[0]
    start = len(index_format.MAGIC) + 4
    return orjson.loads(data[start : start + size]), data[start + size :]


def join_index(header: Any, blobs: bytes) -> bytes:
    encoded = orjson.dumps(header)
    return index_format.MAGIC + struct.pack("<I", len(encoded)) + encoded + blobs


def _blob(header: dict[str, Any], name: str) -> list[Any]:
    return next(entry for entry in header["blobs"] if entry[0] == name)


def _edit(change: Callable[[dict[str, Any]], Any]) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        header, blobs = split_index(data)
        change(header)
        return join_index(header, blobs)

    return damage


HEADER_DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "cut in the size": lambda data: data[: len(index_format.MAGIC) + 2],
    "cut in the header": lambda data: data[: len(index_format.MAGIC) + 30],
    "cut in the blobs": lambda data: data[:-7],
    "header not JSON": lambda data: join_index({}, b"")[:-2] + b"{[" + data[-100:],
    "header a list": lambda data: join_index([1, 2], split_index(data)[1]),
    "header without blobs": _edit(lambda header: header.pop("blobs")),
    "blob table not a list": _edit(lambda header: header.update(blobs={"ids": 1})),
    "blob entry too short": _edit(lambda header: header["blobs"][0].pop()),
    "blob missing": _edit(lambda header: header["blobs"].pop(3)),
    "blob twice": _edit(lambda header: header["blobs"].append(header["blobs"][0])),
    "unknown blob": _edit(lambda header: header["blobs"].append(["extra", "B", 0, 0])),
    "blob of another kind": _edit(lambda header: _blob(header, "docs").__setitem__(1, "Q")),
    "offset not a number": _edit(lambda header: _blob(header, "ids").__setitem__(2, "0")),
    "negative length": _edit(lambda header: _blob(header, "ids").__setitem__(3, -1)),
    "length past the end": _edit(lambda header: _blob(header, "fwd").__setitem__(3, 10**9)),
    "partial array": _edit(lambda header: _blob(header, "docs").__setitem__(3, 5)),
    "bad byte order": _edit(lambda header: header.update(byteorder="middle")),
    "other parameters": _edit(lambda header: header["params"].update(k1=2.0)),
    "dead not a list": _edit(lambda header: header.update(dead=7)),
    "dead out of range": _edit(lambda header: header.update(dead=[10**6])),
    "dead not numbers": _edit(lambda header: header.update(dead=[[1]])),
    "enums not a dict": _edit(lambda header: header.update(enums=["RECRUITING"])),
    "enum values not strings": _edit(lambda header: header["enums"].update(status=[1, 2])),
    "enum missing": _edit(lambda header: header["enums"].pop("sex")),
    "enum codes unknown": _edit(lambda header: header["enums"].update(status=[])),
}


@pytest.mark.parametrize("damage", HEADER_DAMAGES.values(), ids=HEADER_DAMAGES.keys())
def test_a_damaged_index_is_reported_as_damage(index: SearchIndex, damage: Any) -> None:
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(damage(index.to_bytes()))


def test_any_damage_to_the_header_loads_or_is_reported_as_damage(index: SearchIndex) -> None:
    """Every single-byte change of the header either still reads or raises ValueError,
    never another exception (that would be a bug, reported as such)."""
    data = index.to_bytes()
    start = len(index_format.MAGIC) + 4
    end = start + struct.unpack_from("<I", data, len(index_format.MAGIC))[0]
    failed = 0
    for at in range(len(index_format.MAGIC), end):
        for value in (b"0", b"9", b"]", b"\"", b"-", b"\xff"):
            try:
                SearchIndex.from_bytes(data[:at] + value + data[at + 1 :])
            except ValueError:
                failed += 1
    assert failed > end - start  # the damage was seen


def test_a_truncated_index_is_reported_as_damage(index: SearchIndex) -> None:
    data = index.to_bytes()
    for size in range(0, len(data), max(1, len(data) // 200)):
        with pytest.raises(ValueError):
            SearchIndex.from_bytes(data[:size])


@pytest.mark.parametrize("error", [TypeError, AttributeError, KeyError])
def test_a_bug_while_reading_is_not_reported_as_damage(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch, error: type[Exception]
) -> None:
    data = index.to_bytes()

    def broken(*args: Any) -> Any:
        raise error("a bug")

    monkeypatch.setattr(index_format, "read_blob", broken)
    with pytest.raises(error, match="a bug"):
        SearchIndex.from_bytes(data)


def test_a_bug_while_checking_is_not_reported_as_damage(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = index.to_bytes()

    def broken(self: TermTable) -> bool:
        raise TypeError("a bug")

    monkeypatch.setattr(TermTable, "consistent", broken)
    with pytest.raises(TypeError, match="a bug"):
        SearchIndex.from_bytes(data)


# --- keeping in step --------------------------------------------------------------------


def test_remove(index: SearchIndex) -> None:
    index.remove(["NCT00000004", "unknown"])
    assert len(index) == 4
    assert "NCT00000004" not in index
    assert found(index, "stem cell") == ["NCT00000001"]
    assert "NCT00000004" not in found_set(index, "")
    assert "NCT00000004" not in found_set(index, "-placebo")
    assert found(index, "condition:als") == []
    assert found(index, "status:active_not_recruiting") == []
    assert "NCT00000004" not in found_set(index, "enrollment:<20 OR age:30")
    assert index.columns("NCT00000004") is None
    assert index.facets(["NCT00000004"]) == {"status": {}, "phase": {}, "study_type": {}}
    copy = SearchIndex.from_bytes(index.to_bytes())
    assert results(copy) == results(index)


def test_re_adding_an_id_replaces_its_postings(index: SearchIndex) -> None:
    changed = make("NCT00000004", title="Completely different words", status="COMPLETED")
    index.add([changed])
    assert len(index) == 5
    assert "NCT00000004" not in found_set(index, "stem")
    assert found(index, "completely different") == ["NCT00000004"]
    assert set(found(index, "status:completed")) == {"NCT00000002", "NCT00000004"}
    assert index.columns("NCT00000004")["title"] == "Completely different words"  # type: ignore[index]
    assert found(index, "")[-1] == "NCT00000004"


def test_the_same_id_twice_in_one_batch_keeps_the_later() -> None:
    index = SearchIndex()
    index.add([make("A1", title="first words"), make("A1", title="second words")])
    assert len(index) == 1
    assert found(index, "first") == []
    assert found(index, "second") == ["A1"]


def test_record_without_id_is_refused() -> None:
    with pytest.raises(ValueError):
        SearchIndex().add([empty_record()])


# --- differential test against a plain scan ---------------------------------------------

VOCAB = ["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "theta"]


def random_record(rng: random.Random, number: int) -> dict[str, Any]:
    def text(count: int) -> str:
        return " ".join(rng.choice(VOCAB) for _ in range(count))

    return make(
        f"R{number:04d}",
        title=text(rng.randint(1, 4)),
        conditions=[text(rng.randint(1, 2)) for _ in range(rng.randint(0, 2))],
        summary=text(rng.randint(0, 12)) or None,
        inclusion=[criterion(text(3), criterion(text(2)))],
        status=rng.choice(["RECRUITING", "COMPLETED", None]),
        enrollment=rng.choice([None, 5, 50, 500]),
    )


def scan_words(record: dict[str, Any]) -> list[list[str]]:
    """Every string of the record as folded words (what a phrase may match within)."""
    from store.search.text import record_strings, words

    return [words(value) for _, value, _ in record_strings(record)]


def scan(records: dict[str, dict[str, Any]], query: list[tuple[str, ...]]) -> set[str]:
    """Brute force over query items: ("w", word), ("p", w1, w2) phrase, ("or", w1, w2),
    ("not", word), ("status", enum), ("-status", enum), ("enr", op, number)."""
    out = set()
    for trial_id, record in records.items():
        values = scan_words(record)
        bag = {word for value in values for word in value}
        ok = True
        for item in query:
            kind = item[0]
            if kind == "w":
                ok = item[1] in bag
            elif kind == "or":
                ok = item[1] in bag or item[2] in bag
            elif kind == "not":
                ok = item[1] not in bag
            elif kind == "status":
                ok = record["status"] == item[1]
            elif kind == "-status":
                ok = record["status"] != item[1]
            elif kind == "enr":
                count = record["enrollment"]["count"] if record["enrollment"] else None
                ok = count is not None and COMPARE[item[1]](count, int(item[2]))
            else:
                ok = any(
                    value[i : i + 2] == [item[1], item[2]]
                    for value in values
                    for i in range(len(value))
                )
            if not ok:
                break
        if ok:
            out.add(trial_id)
    return out


COMPARE = {
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
}


def query_text(query: list[tuple[str, ...]]) -> str:
    parts = []
    for item in query:
        kind = item[0]
        if kind == "w":
            parts.append(item[1])
        elif kind == "or":
            parts.append(f"{item[1]} OR {item[2]}")
        elif kind == "not":
            parts.append(f"-{item[1]}")
        elif kind == "status":
            parts.append(f"status:{item[1].lower()}")
        elif kind == "-status":
            parts.append(f"-status:{item[1]}")
        elif kind == "enr":
            parts.append(f"enrollment:{item[1]}{item[2]}")
        else:
            parts.append(f'"{item[1]} {item[2]}"')
    return " ".join(parts)


_ITEM = st.one_of(
    st.tuples(st.just("w"), st.sampled_from(VOCAB)),
    st.tuples(st.just("or"), st.sampled_from(VOCAB), st.sampled_from(VOCAB)),
    st.tuples(st.just("not"), st.sampled_from(VOCAB)),
    st.tuples(st.just("p"), st.sampled_from(VOCAB), st.sampled_from(VOCAB)),
    st.tuples(st.sampled_from(["status", "-status"]), st.sampled_from(["RECRUITING", "COMPLETED"])),
    st.tuples(st.just("enr"), st.sampled_from([">", "<=", "="]), st.sampled_from(["5", "50"])),
)


@pytest.fixture(scope="module")
def churned() -> tuple[dict[str, dict[str, Any]], list[SearchIndex]]:
    """Records after adds, replacements and removals, and indexes in several states: with a
    delta, merged, compacted, and read back from bytes."""
    live: dict[str, dict[str, Any]] = {}

    def churn() -> SearchIndex:
        rng = random.Random(7)
        records = {f"R{n:04d}": random_record(rng, n) for n in range(120)}
        live.clear()
        live.update(records)
        index = SearchIndex()
        index.add(list(records.values())[:80])
        index.MERGE_FRACTION = 100.0  # keep later additions in the delta
        index.add(list(records.values())[80:])
        replaced = [random_record(rng, n) for n in range(0, 120, 7)]
        index.add(replaced)
        for record in replaced:
            live[record["id"]] = record
        removed = [f"R{n:04d}" for n in range(3, 120, 11)]
        index.remove(removed)
        for trial_id in removed:
            del live[trial_id]
        return index

    delta = churn()
    assert delta._delta and delta._dead  # the states the test means to cover
    compacted = SearchIndex.from_bytes(churn().to_bytes())
    compacted.compact()
    merged = SearchIndex()
    merged.add(live.values())
    loaded = SearchIndex.from_bytes(merged.to_bytes())
    return live, [delta, merged, compacted, loaded]


@given(st.lists(_ITEM, min_size=1, max_size=4))
@settings(max_examples=120, deadline=None)
def test_search_agrees_with_a_scan(
    churned: tuple[dict[str, dict[str, Any]], list[SearchIndex]], query: list[tuple[str, ...]]
) -> None:
    records, indexes = churned
    expected = scan(records, query)
    text = query_text(query)
    for state in indexes:
        everything = state.search(text, limit=None)
        assert {hit.id for hit in everything} == expected, text
        assert state.count(text) == len(expected)
        for limit in (1, 5, 30):
            assert state.search(text, limit=limit) == everything[:limit], (text, limit)
    # Same ranking once no dead documents remain (they still count in idf until compaction).
    first = [hit.id for hit in indexes[1].search(text, limit=None)]
    for state in indexes[2:]:
        assert [hit.id for hit in state.search(text, limit=None)] == first


def test_filters_agree_after_churn(
    churned: tuple[dict[str, dict[str, Any]], list[SearchIndex]],
) -> None:
    records, indexes = churned
    recruiting = {i for i, r in records.items() if r["status"] == "RECRUITING"}
    big = {i for i, r in records.items() if r["enrollment"] and r["enrollment"]["count"] > 20}
    for state in indexes:
        assert found_set(state, "status:recruiting") == recruiting
        assert found_set(state, "enrollment:>20") == big
        assert found_set(state, "alpha status:recruiting") == recruiting & scan(
            records, [("w", "alpha")]
        )
        assert state.ids() == sorted(records)


def test_term_table() -> None:
    from bisect import bisect_left

    words = sorted(["alpha", "beta", "\x01cbeta", "gamma", "naïve", "zeta 2"])
    table = TermTable.from_list(words)
    assert len(table) == len(words)
    assert [table[i] for i in range(len(table))] == words
    assert table.tolist() == words
    assert table[-1] == words[-1]
    for part in (slice(None), slice(1, 4), slice(2, 2), slice(4, 1), slice(-3, None),
                 slice(None, 100), slice(None, None, 2)):
        assert table[part] == words[part]
    assert TermTable()[0:5] == []
    for word in [*words, "a", "delta", "zz", ""]:
        assert bisect_left(table, word) == bisect_left(words, word)
    assert table.consistent()
    assert TermTable().tolist() == []
    assert len(TermTable()) == 0
    with pytest.raises(IndexError):
        table[len(words)]


def test_or_of_a_rare_and_a_common_word_keeps_the_exact_best() -> None:
    # The best matches of a root OR are found without scoring every document (MaxScore);
    # the result must be the head of the full ranking all the same.
    rng = random.Random(3)
    records = []
    for number in range(300):
        words = ["common"] * rng.randint(1, 3) + ["filler"] * rng.randint(0, 30)
        if number % 40 == 0:
            words.append("rare")
        if number % 7 == 0:
            words.append("medium")
        rng.shuffle(words)
        records.append(make(f"D{number:03d}", title="t", description=" ".join(words)))
    index = SearchIndex()
    index.add(records)
    index.remove(["D000"])
    queries = ("rare OR common", "common OR rare OR medium", "rare OR medium", "rare OR nothing")
    for query in queries:
        everything = index.search(query, limit=None)
        for limit in (1, 3, 8, 20, 60):
            assert index.search(query, limit=limit) == everything[:limit], (query, limit)
