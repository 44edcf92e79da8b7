"""Property tests (hypothesis): parsing any input raises nothing but ParseError; a parsed
record comes back from the store exactly as it went in; the query language raises nothing
but QueryError, whatever the query."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_parse_ctgov_json import STUDY

from parsers import LoadedFile, ParseError, parse_bytes_many, parse_text_many
from parsers.ctgov_csv import COLUMNS
from parsers.ctgov_text import BULLET_FIELDS
from parsers.veeva_text import HEADINGS
from store import TrialStore
from store.search import SORTS, QueryError, parse_query

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SEED_TEXTS = [path.read_text("utf-8") for path in SEEDS]
SEED_LINES = sorted({line for text in SEED_TEXTS for line in text.split("\n")})
LABELS = sorted(HEADINGS) + [f"• {label.title()}" for label in BULLET_FIELDS]
# Values that have broken parsers elsewhere: huge numbers, long runs, escapes, odd dates.
NASTY = [
    "(" * 3000, "[" * 3000, "• " + " " * 3000 + "x", "9" * 5000, "9" * 30 + " patients",
    "1" * 400 + " to 2 years", "1e400 years", "18 to 1" + "0" * 30 + " years", "Phase 99",
    "Phase 1/" * 500, "2015-13-45", "Feb 30 2015", "0000", "\x1b]52;c;aGk=\x07", "\u202eevil",
    "\ud800", "\x00", "\x9b2J", "Biological:", ":", "  •", "N/A", "1,,,,", "٣ patients",
]
EXAMPLES = 100
FAST = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def page_lines() -> st.SearchStrategy[str]:
    """A line of a page: one of the seeds', a heading, a nasty value or any text."""
    return st.one_of(
        st.sampled_from(SEED_LINES), st.sampled_from(LABELS), st.sampled_from(NASTY),
        st.text(max_size=60),
    )


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A seed page with a few lines replaced, removed, repeated or cut short."""
    lines = draw(st.sampled_from(SEED_TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 10))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["replace", "append", "delete", "repeat", "cut"]))
        if action == "replace":
            lines[at] = draw(page_lines())
        elif action == "append":
            lines[at] += draw(page_lines())
        elif action == "delete" and len(lines) > 1:
            del lines[at]
        elif action == "repeat":
            lines[at:at] = [lines[at]] * draw(st.integers(1, 50))
        elif action == "cut":
            lines = lines[: at + 1]
    return "\n".join(lines)


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False,
        allow_infinity=False), st.text(max_size=20), st.sampled_from(NASTY),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                      max_size=4),
        max_leaves=6,
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a JSON document (keys and list positions)."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


STUDY_PATHS = [path for path in _paths(STUDY) if path]


@st.composite
def mutated_study(draw: st.DrawFn) -> bytes:
    """The JSON of a full study with a few of its values replaced by any JSON value."""
    study = orjson.loads(orjson.dumps(STUDY))
    for path in draw(st.lists(st.sampled_from(STUDY_PATHS), max_size=4)):
        target = study
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = draw(json_values())
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed this path
    return json.dumps(study).encode("ascii")  # a lone surrogate becomes a \ud800 escape


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """A CSV download: a header of known columns (and maybe an unknown one), rows of any text."""
    columns = draw(st.lists(st.sampled_from([*COLUMNS, "Surprise"]), min_size=1, max_size=12,
                            unique=True))
    if "NCT Number" not in columns and "Study Title" not in columns:
        columns.insert(0, "NCT Number")
    cell = st.one_of(st.text(max_size=30), st.sampled_from(NASTY),
                     st.sampled_from(["NCT01234567", "PHASE1|PHASE2", "18 Years to 65 Years"]))
    rows = draw(st.lists(st.lists(cell, min_size=len(columns), max_size=len(columns)),
                         max_size=4))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def parse_or_parse_error(data: bytes | str) -> list[LoadedFile]:
    """Parse bytes or text; a ParseError is an answer ([]), anything else fails the test."""
    try:
        if isinstance(data, bytes):
            return parse_bytes_many(data, "page.txt")
        return parse_text_many(data, "page.txt")
    except ParseError as error:
        assert str(error), "a ParseError says what is wrong"
        return []


# --- parsing: nothing but ParseError -----------------------------------------------------


@FAST
@given(st.text())
def test_any_text_parses_or_raises_parse_error(text: str) -> None:
    parse_or_parse_error(text)


@FAST
@given(st.binary())
def test_any_bytes_parse_or_raise_parse_error(data: bytes) -> None:
    parse_or_parse_error(data)


@FAST
@given(st.lists(page_lines(), max_size=120).map("\n".join))
def test_pages_of_headings_and_values_parse_or_raise_parse_error(text: str) -> None:
    for item in parse_or_parse_error(text):
        orjson.dumps(item.record)  # whatever it parsed can be stored


@FAST
@given(mutated_seed())
def test_damaged_seed_pages_parse_or_raise_parse_error(text: str) -> None:
    for item in parse_or_parse_error(text):
        orjson.dumps(item.record)
        assert item.record["title"]


@FAST
@given(mutated_study())
def test_damaged_studies_parse_or_raise_parse_error(data: bytes) -> None:
    for item in parse_or_parse_error(data):
        orjson.dumps(item.record)


@FAST
@given(csv_files())
def test_csv_downloads_of_any_cells_parse_or_raise_parse_error(text: str) -> None:
    for item in parse_or_parse_error(text):
        orjson.dumps(item.record)


# --- record → store → record -------------------------------------------------------------


def stored_as(loaded: LoadedFile, label: str) -> dict[str, Any]:
    """The record as the store should give it back: its source path is the label."""
    expected = orjson.loads(orjson.dumps(loaded.record))
    expected["source"]["path"] = label
    return expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_seed().map(lambda text: text.encode("utf-8", "surrogatepass")),
                mutated_study()))
def test_a_record_comes_back_from_the_store_as_it_went_in(data: bytes) -> None:
    loaded = parse_or_parse_error(data)
    assume(loaded)
    label = "/imports/page.txt"
    expected = {item.record["id"]: stored_as(item, label) for item in loaded}
    texts = {item.record["id"]: item.text for item in loaded}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trials.json"
        stores = [TrialStore(None), TrialStore(path)]
        for trial_store in stores:
            report = trial_store.import_data([(label, data)])
            assert report.ok, report.failed
        stores.append(TrialStore(path))  # reopened: read back from the files
        check_records(stores, expected, texts)


def check_records(
    stores: list[TrialStore], expected: dict[str, dict[str, Any]], texts: dict[str, str]
) -> None:
    """Every store gives back each expected record (its import time aside) and text."""
    for trial_store in stores:
        for trial_id, record in expected.items():
            got = trial_store.get(trial_id)
            assert got is not None
            assert got["source"].pop("imported_at").endswith("Z")
            record["source"].pop("imported_at", None)
            assert got == record
            assert trial_store.get_source(trial_id) == texts[trial_id]
            assert trial_id in {hit["id"] for hit in trial_store.search(f"id:{trial_id}")}


# --- the query language: nothing but QueryError ------------------------------------------

QUERY_PIECES = [
    '"', "(", ")", "OR", "or", "NOT", "-", "*", ":", ">", "<", "=", ">=", "<=", " ", "phase:",
    "status:", "age:", "enrollment:", "year:", "id:", "condition:", "intervention:",
    "sponsor:", "type:", "sex:", "stem", "cell", "2", "1e9", "9" * 30, "nan", "inf", "-1",
    "½", "٣", "NCT02249676", "ii", "early1", "na", ".", ",", "\x00", "\u202e",
]
QUERIES = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(QUERY_PIECES), st.text(max_size=4)), max_size=12)
    .map("".join),
)


@pytest.fixture(scope="module")
def seeded_store() -> TrialStore:
    trial_store = TrialStore(None)
    trial_store.import_paths(SEEDS)
    return trial_store


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES, st.booleans(), st.sampled_from([None, *SORTS, *(f"-{c}" for c in SORTS)]))
def test_any_query_runs_or_raises_query_error(
    seeded_store: TrialStore, query: str, prefix_last: bool, sort: str | None
) -> None:
    record = seeded_store.get("NCT02249676")
    assert record is not None
    try:
        parsed = parse_query(query, prefix_last=prefix_last)
    except QueryError as error:
        assert str(error) and 0 <= error.position <= len(query)
        with pytest.raises(QueryError):
            seeded_store.search(query, prefix_last=prefix_last)
        return
    assert parsed is not None
    hits = seeded_store.search(query, limit=None, prefix_last=prefix_last, sort=sort)
    assert {hit["id"] for hit in hits} <= set(seeded_store.ids())
    assert seeded_store.index.count(parsed) == len(hits)
    seeded_store.index.highlights(parsed, record)
    seeded_store.index.text_highlights(parsed, seeded_store.get_source("NCT02249676") or "")
