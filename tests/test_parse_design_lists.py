"""Classic XML design values written as lists: a masking given only as who is masked
("Participant, Investigator") is named by their count, as the registry names it; an
observational model or time perspective listing two values keeps the first the vocabulary
knows and says which it did not keep.

Expected values read by hand from tests/fixtures/realdata/design-lists (README: "Design
values written as lists").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parsers import load_records, parse_bytes_many, vocab_masking
from tui.report_view import design_fields

LISTS = Path(__file__).resolve().parent / "fixtures" / "realdata" / "design-lists"
BARE_MASKING = LISTS / "xiaoliang8006__TREC_Project__NCT00500331.xml"
TWO_MODELS = LISTS / "xiaoliang8006__TREC_Project__NCT00501501.xml"
TWO_PERSPECTIVES = LISTS / "xiaoliang8006__TREC_Project__NCT00501358.xml"


def _record(path: Path) -> dict[str, Any]:
    [loaded] = load_records(path)
    return loaded.record


def test_a_bare_list_of_who_is_masked_gives_the_masking() -> None:
    record = _record(BARE_MASKING)
    assert record["design"]["masking"] == "DOUBLE"
    assert record["design"]["masked"] == ["PARTICIPANT", "INVESTIGATOR"]
    assert not [w for w in record["warnings"] if "masking" in w]
    rows = dict(design_fields(record))
    assert rows["Masking"] == "Double"
    assert rows["Who is masked"] == "Participant, investigator"


@pytest.mark.parametrize(("text", "roles"), [
    ("Participant, Care Provider, Investigator, Outcomes Assessor",
     ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]),
    ("Outcomes Assessor", ["OUTCOMES_ASSESSOR"]),
    ("Investigator, Participant", ["PARTICIPANT", "INVESTIGATOR"]),
    ("Double-Blind", []), ("Open Label", []), ("Participant, Physician", []), ("", []),
])
def test_listed_roles_only_when_every_part_is_a_role(text: str, roles: list[str]) -> None:
    assert vocab_masking.listed_roles(text) == roles
    assert vocab_masking.masked_roles(text) == (roles, [])


def test_two_observational_values_keep_the_first_and_warn() -> None:
    record = _record(TWO_MODELS)
    observed = record["observational"]
    assert (observed["model"], observed["time_perspective"]) == (
        "DEFINED_POPULATION", "RETROSPECTIVE")
    warnings = [w for w in record["warnings"] if w.startswith("study_design_info/")]
    assert len(warnings) == 2
    assert "'Natural History' not kept" in warnings[0]
    assert "'Longitudinal' not kept" in warnings[1]
    rows = dict(design_fields(record))
    assert (rows["Observational model"], rows["Time perspective"]) == (
        "Defined population", "Retrospective")


def test_a_listed_value_the_vocabulary_lacks_is_warned_about() -> None:
    record = _record(TWO_PERSPECTIVES)
    observed = record["observational"]
    assert (observed["model"], observed["time_perspective"]) == (
        "CASE_CONTROL", "CROSS_SECTIONAL")
    assert any("'Retrospective/Prospective' not kept" in w for w in record["warnings"])


def test_an_unknown_single_value_is_still_null_with_a_warning() -> None:
    data = TWO_MODELS.read_bytes().replace(
        b"Defined Population, Natural History", b"Population Based")
    [loaded] = parse_bytes_many(data, TWO_MODELS.name)
    assert loaded.record["observational"]["model"] is None
    assert any("unknown value 'Population Based'" in w for w in loaded.record["warnings"])
