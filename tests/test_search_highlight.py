"""Highlighting (store.search.highlight, through TrialIndex): match spans per record field
path and in any text."""

from __future__ import annotations

from typing import Any

import pytest

from parsers.record import empty_record
from store.engine import Location, TrialIndex
from store.search import parse_query


def record() -> dict[str, Any]:
    trial = empty_record()
    trial.update(
        id="NCT02249676",
        nct_id="NCT02249676",
        other_ids=["IRB2013-055-02"],
        title="Stem Cells for Optic Neuritis",
        acronym="SC-ON",
        sponsor="Tianjin Medical University",
        conditions=["Multiple Sclerosis", "Sjögren's Syndrome", "Optic Neuritis"],
        interventions=[
            {
                "type": "BIOLOGICAL",
                "name": "Mesenchymal stem cells",
                "description": "Transplantation of stem cells",
            }
        ],
        summary="Optic neuritis and stem-cell transplantation.",
        arms=[
            {
                "label": "Cells",
                "type": "EXPERIMENTAL",
                "description": None,
                "interventions": ["Biological: stem cells"],
            }
        ],
    )
    trial["eligibility"]["inclusion"] = [
        {"text": "Adults", "children": []},
        {
            "text": "Diagnosis",
            "children": [
                {"text": "Relapsing optic neuritis", "children": []},
                {"text": "Placebo washout", "children": []},
            ],
        },
    ]
    trial["eligibility"]["exclusion"] = [{"text": "Transplant recipients", "children": []}]
    return trial


@pytest.fixture
def index() -> TrialIndex:
    """The store's index, holding the record (highlights read the record they are given)."""
    built = TrialIndex(None)
    with built.batch() as batch:
        batch.put(record(), Location(1, 0, 100))
    return built


def test_words_in_every_field(index: TrialIndex) -> None:
    spans = index.highlights("stem cells", record())
    assert spans == {
        "title": [(0, 4), (5, 10)],
        "interventions.0.name": [(12, 16), (17, 22)],
        "interventions.0.description": [(19, 23), (24, 29)],
        "summary": [(19, 23), (24, 28)],
        "arms.0.label": [(0, 5)],
        "arms.0.interventions.0": [(12, 16), (17, 22)],
    }


def test_phrase_spans_cover_the_words_and_nested_criteria_paths(index: TrialIndex) -> None:
    spans = index.highlights('"optic neuritis"', record())
    assert spans == {
        "title": [(15, 29)],
        "conditions.2": [(0, 14)],
        "summary": [(0, 14)],
        "eligibility.inclusion.1.children.0.text": [(10, 24)],
    }


def test_spans_index_the_record_strings() -> None:
    trial = record()
    spans = TrialIndex(None).highlights("stem transpl*", trial)
    assert [trial["summary"][a:b] for a, b in spans["summary"]] == ["stem", "transplantation"]
    assert [
        trial["interventions"][0]["description"][a:b]
        for a, b in spans["interventions.0.description"]
    ] == ["Transplantation", "stem"]


def test_phrase_words_must_be_adjacent(index: TrialIndex) -> None:
    assert index.highlights('"neuritis optic"', record()) == {}


def test_prefixes_folding_and_exclusions(index: TrialIndex) -> None:
    spans = index.highlights("transpl* sjogren -placebo", record())
    assert spans == {
        "conditions.1": [(0, 9)],
        "interventions.0.description": [(0, 15)],
        "summary": [(29, 44)],
        "eligibility.exclusion.0.text": [(0, 10)],
    }
    assert "eligibility.inclusion.1.children.1.text" not in spans


def test_prefix_last(index: TrialIndex) -> None:
    query = parse_query("tianjin univ", prefix_last=True)
    assert index.highlights(query, record()) == {"sponsor": [(0, 7), (16, 26)]}
    assert index.highlights("tianjin univ", record()) == {"sponsor": [(0, 7)]}


def test_field_terms_highlight_only_their_fields(index: TrialIndex) -> None:
    spans = index.highlights("condition:neuritis", record())
    assert spans == {"conditions.2": [(6, 14)]}
    spans = index.highlights('intervention:"stem cells"', record())
    assert spans == {
        "interventions.0.name": [(12, 22)],
        "interventions.0.description": [(19, 29)],
        "arms.0.interventions.0": [(12, 22)],
    }
    assert index.highlights("sponsor:medical", record()) == {"sponsor": [(8, 15)]}


def test_ids(index: TrialIndex) -> None:
    assert index.highlights("id:IRB2013-055-02", record()) == {"other_ids.0": [(0, 14)]}
    assert index.highlights("NCT02249676", record()) == {"id": [(0, 11)], "nct_id": [(0, 11)]}


def test_filters_and_empty_queries_have_no_spans(index: TrialIndex) -> None:
    assert index.highlights("", record()) == {}
    assert index.highlights("phase:2 status:recruiting age:30", record()) == {}
    assert index.highlights("-stem", record()) == {}


def test_or_branches_and_overlaps_merge(index: TrialIndex) -> None:
    spans = index.highlights('optic OR "optic neuritis"', record())
    assert spans["title"] == [(15, 29)]
    assert spans["conditions.2"] == [(0, 14)]


def test_text_highlights(index: TrialIndex) -> None:
    text = "Brief Title: Stem cells\nCondition: Optic Neuritis (Sjögren's)"
    assert index.text_highlights('condition:"optic neuritis" stem', text) == [(13, 17), (35, 49)]
    assert index.text_highlights("sjogren*", text) == [(51, 60)]
    assert index.text_highlights("-stem", text) == []
