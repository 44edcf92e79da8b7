"""store.compare: criteria alignment, field differences, summary and JSON of a comparison."""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import empty_record, parse_file
from store.compare import (
    THRESHOLD,
    Row,
    align,
    compare,
    criterion_text,
    match_text,
    optimal_pairs,
    similarity,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@functools.cache
def seeds_by_id() -> dict[str, dict]:
    """The parsed seed records by id (looked up by id, not by file name)."""
    records = (parse_file(path) for path in sorted(SEEDS.glob("*.txt")))
    return {record["id"]: record for record in records}


def node(text: str, *children: dict) -> dict:
    return {"text": text, "children": list(children)}


def record(trial_id: str, **changes: Any) -> dict:
    """A record of DESIGN.md's shape with nothing stated, then `changes` (dotted keys)."""
    base: dict[str, Any] = empty_record()
    base.update(id=trial_id, title="A trial")
    for key, value in changes.items():
        *parents, last = key.split("__")
        target = base
        for part in parents:
            target = target[part]
        target[last] = value
    return base


def texts(row: Row) -> list[str | None]:
    """The own text of each cell of a row (None for an empty cell)."""
    return [None if c is None else (c if isinstance(c, str) else c["text"]) for c in row.cells]


def row_with(rows: list[Row], column: int, text: str) -> Row:
    (row,) = [r for r in rows if texts(r)[column] == text]
    return row


def check_columns(sections: list[list[Any]], rows: list[Row]) -> None:
    """Every criterion of every trial is in exactly one row, in its own column; no row is
    empty; kinds agree with the number of filled cells."""
    for column, criteria in enumerate(sections):
        cells = [row.cells[column] for row in rows if row.cells[column] is not None]
        assert sorted(map(id, cells)) == sorted(map(id, criteria))
    for row in rows:
        assert len(row.cells) == len(sections)
        assert row.filled() >= 1
        assert (row.kind == "unique") == (row.filled() == 1)
        assert 0 <= row.score <= 100


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seed_comparison() -> Any:
    records = seeds_by_id()
    return compare([records["NCT02249676"], records["NCT06360861"]])


def test_seed_pregnancy_criteria_share_a_row(seed_comparison: Any) -> None:
    rows = seed_comparison.criteria["exclusion"]
    row = row_with(rows, 0, "Pregnant or possibly pregnant")
    assert texts(row) == ["Pregnant or possibly pregnant", "Pregnancy or breastfeeding."]
    assert row.kind == "similar"
    assert THRESHOLD <= row.score < 100


def test_seed_allergies_stay_unique(seed_comparison: Any) -> None:
    row = row_with(seed_comparison.criteria["exclusion"], 0, "Allergies")
    assert row.cells[1] is None
    assert (row.kind, row.score) == ("unique", 0)


def test_seed_rows_keep_inclusion_and_exclusion_apart(seed_comparison: Any) -> None:
    records = seeds_by_id()
    for section in ("inclusion", "exclusion"):
        sections = [records[i]["eligibility"][section] for i in ("NCT02249676", "NCT06360861")]
        check_columns(sections, seed_comparison.criteria[section])


def test_seed_shared_rows_come_first(seed_comparison: Any) -> None:
    kinds = [row.kind for row in seed_comparison.criteria["exclusion"]]
    assert kinds[:3] == ["similar"] * 3
    assert set(kinds[3:]) == {"unique"}
    assert texts(seed_comparison.criteria["exclusion"][0])[0].startswith("Significant cardiac")


def test_seed_fields(seed_comparison: Any) -> None:
    fields = {f.field: f for f in seed_comparison.fields}
    assert fields["eligibility.sex"].same and fields["eligibility.sex"].values == ["ALL", "ALL"]
    assert not fields["phases"].same
    assert fields["phases"].values == [["PHASE2"], ["PHASE1"]]
    assert seed_comparison.trials == ["NCT02249676", "NCT06360861"]


def test_seed_summary(seed_comparison: Any) -> None:
    summary = seed_comparison.summary
    differs, same = summary.split("; same: ")
    assert differs.startswith("Differs in: ") and "phases" in differs and "sex" not in differs
    assert "sex" in same.split(";")[0]
    assert summary.endswith("Criteria: 0 shared, 4 similar, 19 unique to one trial.")


# --------------------------------------------------------------------------- similarity


def test_numbers_that_differ_are_a_partial_match() -> None:
    (row,) = align([["EDSS > 3"], ["EDSS 3.0 - 6.5"]])
    assert texts(row) == ["EDSS > 3", "EDSS 3.0 - 6.5"]
    assert row.kind == "similar"
    assert row.score < 90


def test_sign_spellings_match_as_same() -> None:
    (row,) = align([["Age >= 18 years"], ["Age ≥ 18 years"]])
    assert (row.kind, row.score) == ("same", 100)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Age > 18 years", "Age >= 18 years"),  # another sign
        ("Age >= 18 years", "Age >= 21 years"),  # another number
        ("HbA1c 7-10%", "HbA1c > 7%"),  # range against bound
    ],
)
def test_quantity_changes_lower_the_score_of_equal_words(a: str, b: str) -> None:
    assert similarity(a, b) < similarity(a, a) == 100
    (row,) = align([[a], [b]])
    assert row.kind == "similar"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Age at least 18 years", "Age ≥ 18 years"),
        ("between 18 and 65 years", "18-65 years"),
        ("18 to 65 years", "18 – 65 years"),
        ("Body weight 3.0 kg", "body weight 3 KG"),
    ],
)
def test_equivalent_spellings_of_quantities_are_identical(a: str, b: str) -> None:
    assert similarity(a, b) == 100


def test_partial_match_and_unrelated_criteria() -> None:
    rows = align([["Pregnancy", "Allergies"], ["Pregnancy or breastfeeding", "liver disorders"]])
    assert texts(rows[0]) == ["Pregnancy", "Pregnancy or breastfeeding"]
    assert rows[0].kind == "similar" and THRESHOLD <= rows[0].score < 100
    assert [texts(r) for r in rows[1:]] == [["Allergies", None], [None, "liver disorders"]]


def test_score_100_is_kept_for_identical_normalised_text() -> None:
    assert similarity("Pregnancy", "pregnancy.") == 100
    assert similarity("Pregnancy", "Pregnancy 2") < 100  # same words, a number on one side
    (row,) = align([["Pregnancy"], ["Pregnancy 2"]])
    assert row.kind == "similar"


def test_near_identical_text_is_same_with_score_100() -> None:
    (row,) = align([["History of malignancy."], ["history of  MALIGNANCIES"]])
    assert (row.kind, row.score) == ("same", 100)


# --------------------------------------------------------------------------- nesting


def test_children_travel_with_their_parent_and_take_part_in_matching() -> None:
    natalizumab, fingolimod = node("Natalizumab"), node("Fingolimod")
    parent = node("Any of the following:", natalizumab, fingolimod)
    other = "Natalizumab or fingolimod"
    assert similarity(parent["text"], other) < THRESHOLD <= similarity(match_text(parent), other)
    rows = align([[parent, node("Pregnancy")], [node(other), node("Pregnancy or breastfeeding")]])
    row = row_with(rows, 0, "Any of the following:")
    assert row.cells[0] is parent and row.cells[0]["children"] == [natalizumab, fingolimod]
    assert texts(row)[1] == other
    assert row.to_json()["cells"][0] == "Any of the following:\n  - Natalizumab\n  - Fingolimod"


def test_a_child_is_never_aligned_on_its_own() -> None:
    child = node("Fingolimod")
    parent = node("Prior treatment with natalizumab or", child)
    sections = [[parent, node("Smoking")], [node("Fingolimod")], [node("Fingolimod")]]
    rows = align(sections)
    check_columns(sections, rows)
    assert all(cell is not child for row in rows for cell in row.cells)


def test_criterion_text_indents_each_level() -> None:
    tree = node("Parent", node("Child", node("Grandchild")), node("Second child"))
    assert criterion_text(tree) == "Parent\n  - Child\n    - Grandchild\n  - Second child"
    assert criterion_text("plain") == "plain"


# --------------------------------------------------------------------------- assignment


def test_two_trials_get_the_optimal_assignment_not_the_greedy_one() -> None:
    # Greedy takes (0, 0) = 90 first and is left with (1, 1), below the threshold.
    matrix = [[90.0, 80.0], [85.0, 10.0]]
    assert optimal_pairs(matrix) == [(0, 1), (1, 0)]
    # One strong pair is kept rather than traded for two that barely pass.
    low = THRESHOLD + 5
    assert optimal_pairs([[99.0, low], [low, 10.0]]) == [(0, 0)]


def test_align_two_trials_is_not_greedy() -> None:
    a = ["Hepatitis B or C infection", "Hepatitis B"]
    b = ["Hepatitis B infection", "HIV infection"]
    # The best single pair (a[0], b[0]) would leave both a[1] and b[1] without a partner.
    assert similarity(a[0], b[0]) > similarity(a[1], b[0]) > similarity(a[0], b[1])
    assert similarity(a[1], b[1]) < THRESHOLD
    rows = align([a, b])
    assert sorted(texts(r) for r in rows) == [
        ["Hepatitis B", "Hepatitis B infection"],
        ["Hepatitis B or C infection", "HIV infection"],
    ]


def test_optimal_pairs_leaves_out_pairs_below_threshold() -> None:
    low = THRESHOLD - 1
    assert optimal_pairs([[low, low], [low, 99.0], [low, low]]) == [(1, 1)]
    assert optimal_pairs([]) == [] and optimal_pairs([[]]) == []


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(0, 100).map(float), min_size=n, max_size=n),
            min_size=1,
            max_size=5,
        )
    )
)
def test_optimal_pairs_matches_brute_force(matrix: list[list[float]]) -> None:
    def total(pairs: list[tuple[int, int]]) -> float:
        return sum(matrix[i][j] - THRESHOLD for i, j in pairs)

    rows, cols = len(matrix), len(matrix[0])
    best = 0.0
    for size in range(min(rows, cols) + 1):
        for chosen_rows in itertools.combinations(range(rows), size):
            for chosen_cols in itertools.permutations(range(cols), size):
                pairs = list(zip(chosen_rows, chosen_cols, strict=True))
                if all(matrix[i][j] >= THRESHOLD for i, j in pairs):
                    best = max(best, total(pairs))
    found = optimal_pairs(matrix)
    assert all(matrix[i][j] >= THRESHOLD for i, j in found)
    assert len({i for i, _ in found}) == len({j for _, j in found}) == len(found)
    assert total(found) == pytest.approx(best)


def test_three_trials_rows_are_partially_filled() -> None:
    sections = [
        ["EDSS > 3", "Pregnancy", "Smoking"],
        ["EDSS 3.0 - 6.5", "Pregnancy or breastfeeding"],
        ["Pregnant women", "Current smoker"],
    ]
    rows = align(sections)
    check_columns(sections, rows)
    assert [texts(r) for r in rows] == [
        ["Pregnancy", "Pregnancy or breastfeeding", "Pregnant women"],
        ["EDSS > 3", "EDSS 3.0 - 6.5", None],
        ["Smoking", None, None],
        [None, None, "Current smoker"],
    ]
    assert [r.kind for r in rows] == ["similar", "similar", "unique", "unique"]


def test_six_trials_shared_rows_first_and_each_criterion_once() -> None:
    sections = [
        ["Smoking", "Age >= 18 years", "Pregnancy or breastfeeding", "Pregnancy"],
        ["pregnancy or breastfeeding.", "Diabetes", "Age ≥ 18 years"],
        ["Asthma", "Pregnancy, or breastfeeding", "age 18 years or older"],
        ["Age at least 18 years", "PREGNANCY OR BREASTFEEDING"],
        ["Pregnancy or  breastfeeding", "HIV infection"],
        ["Hepatitis B", "Breastfeeding or pregnancy"],
    ]
    rows = align(sections)
    check_columns(sections, rows)
    first, second = rows[0], rows[1]
    assert (first.filled(), first.kind, first.score) == (6, "same", 100)
    assert texts(first)[0] == "Pregnancy or breastfeeding"  # not the duplicate "Pregnancy"
    assert texts(second) == [
        "Age >= 18 years",
        "Age ≥ 18 years",
        "age 18 years or older",
        "Age at least 18 years",
        None,
        None,
    ]
    assert second.kind == "similar"  # identical, but not filled in every trial
    assert [texts(r) for r in rows[2:]] == [  # unique rows: trial by trial, in page order
        ["Smoking", None, None, None, None, None],
        ["Pregnancy", None, None, None, None, None],
        [None, "Diabetes", None, None, None, None],
        [None, None, "Asthma", None, None, None],
        [None, None, None, None, "HIV infection", None],
        [None, None, None, None, None, "Hepatitis B"],
    ]


def test_a_group_takes_the_best_candidate_of_another_trial_not_the_first() -> None:
    sections = [
        ["Pregnancy or breastfeeding"],
        ["Pregnancy or breastfeeding."],
        ["Pregnancy", "Breastfeeding or pregnancy"],
    ]
    rows = align(sections)
    assert texts(rows[0]) == [
        "Pregnancy or breastfeeding",
        "Pregnancy or breastfeeding.",
        "Breastfeeding or pregnancy",
    ]
    assert (rows[0].kind, rows[0].score) == ("same", 100)
    assert texts(rows[1]) == [None, None, "Pregnancy"]


def test_rows_matched_in_more_trials_come_before_higher_scores() -> None:
    sections = [
        ["Active hepatitis B infection", "Uncontrolled hypertension"],
        ["Hepatitis B infection active", "Uncontrolled hypertension"],
        ["Chronic hepatitis B infection"],
    ]
    rows = align(sections)
    assert texts(rows[0])[2] == "Chronic hepatitis B infection"
    assert rows[0].score < rows[1].score == 100
    assert texts(rows[1]) == ["Uncontrolled hypertension", "Uncontrolled hypertension", None]


criterion_texts = st.lists(
    st.sampled_from(
        [
            "pregnancy",
            "age",
            "years",
            "EDSS",
            ">",
            "≥",
            "18",
            "3.0",
            "-",
            "6.5",
            "hepatitis",
            "or",
            "the",
            "infection",
            "consent",
            "Allergies",
            "liver",
            "(",
            "and",
            "HIV+",
        ]
    ),
    min_size=1,
    max_size=6,
).map(" ".join)
criteria_trees = st.recursive(
    criterion_texts.map(lambda text: node(text)),
    lambda children: st.tuples(criterion_texts, st.lists(children, max_size=2)).map(
        lambda pair: node(pair[0], *pair[1])
    ),
    max_leaves=4,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(criteria_trees, max_size=8), min_size=2, max_size=6))
def test_every_criterion_is_in_exactly_one_row_of_its_column(sections: list[list[dict]]) -> None:
    rows = align(sections)
    check_columns(sections, rows)
    filled = [row.filled() for row in rows]
    shared = [f for f in filled if f > 1]
    assert filled[: len(shared)] == sorted(shared, reverse=True)  # shared first, most filled
    assert all(f == 1 for f in filled[len(shared) :])


# --------------------------------------------------------------------------- compare()


@pytest.mark.parametrize("count", [0, 1, 7])
def test_compare_takes_two_to_six_records(count: int) -> None:
    with pytest.raises(ValueError, match="2 to 6"):
        compare([record(f"T{i}") for i in range(count)])


def test_compare_accepts_six_records() -> None:
    assert compare([record(f"T{i}") for i in range(6)]).trials == [f"T{i}" for i in range(6)]


def test_field_values_are_compared_normalised() -> None:
    drug = {"type": "DRUG", "name": "Rituximab", "description": None}
    cells = {"type": "BIOLOGICAL", "name": "Stem cells", "description": None}
    a = record(
        "A",
        title="Stem  cells in ALS",
        conditions=["ALS", "Motor neuron disease"],
        enrollment={"count": 15, "type": "ACTUAL"},
        phases=["PHASE1", "PHASE2"],
        interventions=[drug, cells],
        sponsor="Tianjin Hospital",
    )
    b = record(
        "B",
        title="stem cells in als",
        conditions=["motor neuron  disease", "als"],
        enrollment={"count": 15, "type": "ESTIMATED"},
        phases=["PHASE2", "PHASE1"],
        interventions=[cells, drug],
        sponsor="Tianjin  hospital ",
    )
    fields = {f.field: f for f in compare([a, b]).fields}
    for key in ("title", "conditions", "phases", "interventions", "sponsor"):
        assert fields[key].same, key
    assert fields["conditions"].values == [
        ["ALS", "Motor neuron disease"],
        ["motor neuron  disease", "als"],
    ]
    assert not fields["enrollment"].same


def test_field_list_and_labels() -> None:
    fields = compare([record("A"), record("B")]).fields
    keys = [f.field for f in fields]
    for key in (
        "phases",
        "status",
        "study_type",
        "conditions",
        "interventions",
        "enrollment",
        "eligibility.sex",
        "eligibility.min_age",
        "eligibility.max_age",
        "eligibility.healthy_volunteers",
        "design.allocation",
        "design.intervention_model",
        "design.masking",
        "design.primary_purpose",
        "group_count",
        "dates.start",
        "dates.completion",
        "sponsor",
        "title",
    ):
        assert key in keys
    labels = {f.field: f.label for f in fields}
    assert (labels["study_type"], labels["design.masking"]) == ("study type", "masking")


def test_summary_text() -> None:
    a = record(
        "A",
        phases=["PHASE1"],
        enrollment={"count": 20, "type": None},
        study_type="INTERVENTIONAL",
        design__masking="NONE",
        eligibility__sex="ALL",
        eligibility__inclusion=[node("Age >= 18 years"), node("EDSS > 3")],
        eligibility__exclusion=[node("Pregnancy"), node("Smoking")],
    )
    b = record(
        "B",
        phases=["PHASE2"],
        enrollment={"count": 30, "type": None},
        study_type="interventional",
        design__masking="DOUBLE",
        design__masked=["PARTICIPANT", "INVESTIGATOR"],
        eligibility__sex="ALL",
        eligibility__inclusion=[node("Age ≥ 18 years"), node("EDSS 3.0 - 6.5")],
        eligibility__exclusion=[node("Diabetes")],
    )
    assert compare([a, b]).summary == (
        "Differs in: phases, enrollment, masking, who is masked; same: title, study type, sex; "
        "not stated in any: status, conditions, interventions, minimum age, maximum age, "
        "healthy volunteers, primary purpose, allocation, intervention model, arms or groups, "
        "start date, primary completion date, completion date, first posted date, "
        "results first posted date, last update, status verified date, sponsor. "
        "Criteria: 1 shared, 1 similar, 3 unique to one trial."
    )


def test_summary_without_criteria() -> None:
    assert compare([record("A"), record("B")]).summary.endswith(" Criteria: none stated.")


def test_to_json_shape() -> None:
    parent = node("Any of:", node("natalizumab"))
    a = record("A", phases=["PHASE1"], eligibility__inclusion=[parent, node("Smoking")])
    b = record(
        "B", phases=["PHASE1", "PHASE2"], eligibility__inclusion=[node("Natalizumab treatment")]
    )
    data = compare([a, b]).to_json()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "trials", "fields", "summary", "criteria", "criteria_notes", "outcomes", "sites", "mesh",
        "results",
    }
    assert data["trials"] == ["A", "B"]
    assert all({"field", "values", "same"} <= set(f) for f in data["fields"])
    phases = next(f for f in data["fields"] if f["field"] == "phases")
    assert (phases["values"], phases["same"]) == ([["PHASE1"], ["PHASE1", "PHASE2"]], False)
    assert set(data["criteria"]) == {"inclusion", "exclusion"}
    assert data["criteria"]["exclusion"] == []
    assert [(r["cells"], r["score"], r["kind"]) for r in data["criteria"]["inclusion"]] == [
        (["Any of:\n  - natalizumab", "Natalizumab treatment"], pytest.approx(81.8), "similar"),
        (["Smoking", None], 0, "unique"),
    ]
    assert all(set(r) == {"cells", "score", "kind"} for r in data["criteria"]["inclusion"])


def test_field_values_do_not_alias_the_records() -> None:
    a, b = record("A", conditions=["ALS"]), record("B", conditions=["ALS"])
    comparison = compare([a, b])
    next(f for f in comparison.fields if f.field == "conditions").values[0].append("changed")
    data = comparison.to_json()
    data["fields"][[f["field"] for f in data["fields"]].index("conditions")]["values"][0].append(
        "changed"
    )
    assert a["conditions"] == ["ALS"]
