"""Property tests (hypothesis): parsing any input raises nothing but ParseError; a parsed
record comes back from the store exactly as it went in; the query language raises nothing
but QueryError, whatever the query."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import re
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


# --- the record contract (DESIGN.md, "The Trial record") -----------------------------------

STATUS_VALUES = {
    "ACTIVE_NOT_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION", "NOT_YET_RECRUITING",
    "RECRUITING", "SUSPENDED", "TERMINATED", "WITHDRAWN", "AVAILABLE", "NO_LONGER_AVAILABLE",
    "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD", "UNKNOWN",
}
PHASE_VALUES = ["NA", "EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4"]  # ascending
STUDY_TYPE_VALUES = {"INTERVENTIONAL", "OBSERVATIONAL", "EXPANDED_ACCESS"}
INTERVENTION_TYPE_VALUES = {
    "BEHAVIORAL", "BIOLOGICAL", "COMBINATION_PRODUCT", "DEVICE", "DIAGNOSTIC_TEST",
    "DIETARY_SUPPLEMENT", "DRUG", "GENETIC", "PROCEDURE", "RADIATION", "OTHER",
}
FUNDER_TYPE_VALUES = {
    "NIH", "FED", "OTHER_GOV", "INDIV", "INDUSTRY", "NETWORK", "AMBIG", "OTHER", "UNKNOWN",
}
SEX_VALUES = {"ALL", "FEMALE", "MALE"}
UNIT_VALUES = {"YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS", "MINUTES"}
DESIGN_VALUES = {
    "primary_purpose": {
        "TREATMENT", "PREVENTION", "DIAGNOSTIC", "ECT", "SUPPORTIVE_CARE", "SCREENING",
        "HEALTH_SERVICES_RESEARCH", "BASIC_SCIENCE", "DEVICE_FEASIBILITY", "OTHER",
    },
    "allocation": {"RANDOMIZED", "NON_RANDOMIZED", "NA"},
    "intervention_model": {"SINGLE_GROUP", "PARALLEL", "CROSSOVER", "FACTORIAL", "SEQUENTIAL"},
    "masking": {"NONE", "SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"},
}
#: The design's description members (str | null).
DESIGN_TEXTS = ("model_description", "masking_description")
MASKED_VALUES = {"PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"}
BIOSPEC_RETENTION_VALUES = {"SAMPLES_WITH_DNA", "SAMPLES_WITHOUT_DNA", "NONE_RETAINED"}
EXPANDED_ACCESS_VALUES = ["INDIVIDUAL", "INTERMEDIATE", "TREATMENT"]
ARM_TYPE_VALUES = {
    "EXPERIMENTAL", "ACTIVE_COMPARATOR", "PLACEBO_COMPARATOR", "SHAM_COMPARATOR",
    "NO_INTERVENTION", "OTHER",
}
DATE_TYPE_VALUES = {"ACTUAL", "ESTIMATED", None}
FORMAT_VALUES = {"veeva-text", "ctgov-text", "ctgov-json", "ctgov-csv", "ctgov-xml"}
DATE_KEYS = {"start", "primary_completion", "completion", "first_submitted", "first_posted",
             "results_first_posted", "last_update", "status_verified"}
ELIGIBILITY_KEYS = {"sex", "gender_based", "gender_description", "min_age", "max_age",
                    "healthy_volunteers", "inclusion", "exclusion"}
UNPOSTED_EVENT_VALUES = {"RELEASE", "RESET", "UNRELEASE"}
VIOLATION_VALUES = {"VIOLATION_IDENTIFIED", "CORRECTION_CONFIRMED", "PENALTY_IMPOSED",
                    "ISSUES_IN_LETTER_ADDRESSED_CONFIRMED"}
VIOLATION_KEYS = {"type", "description", "creation_date", "issued_date", "release_date",
                  "posted_date"}
STRING_FIELDS = ("title", "official_title", "acronym", "sponsor", "summary", "description")
LIST_FIELDS = ("other_ids", "phases", "conditions", "keywords", "interventions",
               "funder_types", "arms", "warnings")
NCT_ID = re.compile(r"NCT[0-9]{8}")
LOCAL_ID = re.compile(r"LOCAL-[0-9a-f]{10}")
DATE = re.compile(r"(?P<year>[0-9]{4})(-(?P<month>[0-9]{2})(-(?P<day>[0-9]{2}))?)?")


def _where(path: tuple[Any, ...]) -> str:
    return ".".join(map(str, path)) or "the record"


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string scalar of a JSON value (not the keys), with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_enum(value: Any, allowed: set[Any], where: str) -> None:
    assert value is None or value in allowed, f"{where}: {value!r} is not one of the enum"


def _check_criteria(criteria: Any, where: str) -> None:
    assert isinstance(criteria, list), f"{where} is not a list"
    for number, criterion in enumerate(criteria):
        here = f"{where}.{number}"
        assert isinstance(criterion, dict), here
        # a note (docs/record.md) carries note: true and no children; other nodes no note key
        if "note" in criterion:
            assert criterion["note"] is True and criterion["children"] == [], here
        assert set(criterion) - {"note"} == {"text", "children"}, here
        assert isinstance(criterion["text"], str) and criterion["text"].strip(), here
        _check_criteria(criterion["children"], f"{here}.children")


def _check_age(age: Any, where: str) -> None:
    if age is None:
        return
    assert isinstance(age, dict) and set(age) == {"value", "unit"}, f"{where}: {age!r}"
    value = age["value"]
    assert isinstance(value, int | float) and not isinstance(value, bool), f"{where}: {age!r}"
    assert math.isfinite(value) and value >= 0, f"{where}: {age!r}"
    assert age["unit"] in UNIT_VALUES, f"{where}: {age!r}"


def _check_date(entry: Any, where: str) -> None:
    if entry is None:
        return
    assert isinstance(entry, dict) and set(entry) == {"date", "type"}, f"{where}: {entry!r}"
    assert entry["type"] in DATE_TYPE_VALUES, f"{where}: {entry!r}"
    match = DATE.fullmatch(entry["date"]) if isinstance(entry["date"], str) else None
    assert match, f"{where}: {entry!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    if match["day"]:
        datetime.date.fromisoformat(entry["date"])  # a day of the calendar
    elif match["month"]:
        assert 1 <= int(match["month"]) <= 12, f"{where}: {entry!r}"


def _check_study_kind(record: dict[str, Any]) -> None:
    """biospec, expanded_access_types, expanded_access, patient_registry and
    target_duration."""
    biospec = record["biospec"]
    if biospec is not None:
        assert isinstance(biospec, dict) and set(biospec) == {"retention", "description"}
        _check_enum(biospec["retention"], BIOSPEC_RETENTION_VALUES, "biospec.retention")
        assert biospec["description"] is None or isinstance(biospec["description"], str)
        assert any(value is not None for value in biospec.values()), "an empty biospec"
    kinds = record["expanded_access_types"]
    assert kinds == [kind for kind in EXPANDED_ACCESS_VALUES if kind in kinds], kinds
    access = record["expanded_access"]
    if access is not None:
        assert isinstance(access, dict) and set(access) == {"available", "nct_id", "status"}
        assert access["available"] in (None, True, False)
        assert access["nct_id"] is None or re.fullmatch(r"NCT\d{8}", access["nct_id"])
        _check_enum(access["status"], {"AVAILABLE", "NO_LONGER_AVAILABLE",
                                       "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING"},
                    "expanded_access.status")
        assert any(value is not None for value in access.values()), "an empty expanded_access"
    assert record["patient_registry"] in (None, True, False)
    assert record["target_duration"] is None or isinstance(record["target_duration"], str)


def _check_registry_notes(record: dict[str, Any]) -> None:
    """annotations, removed_countries, organization, secondary_id_details and
    available_ipd."""
    notes = record["annotations"]
    if notes is not None:
        assert isinstance(notes, dict) and set(notes) == {
            "unposted_responsible_party", "unposted_events", "violations"}, notes
        for event in notes["unposted_events"]:
            assert set(event) == {"type", "date", "date_unknown"}, event
            _check_enum(event["type"], UNPOSTED_EVENT_VALUES, "annotations.unposted_events")
        for violation in notes["violations"]:
            assert set(violation) == VIOLATION_KEYS, violation
            _check_enum(violation["type"], VIOLATION_VALUES, "annotations.violations")
        assert any(notes.values()), "empty annotations"
    assert all(isinstance(country, str) for country in record["removed_countries"])
    assert record["organization"] is None or isinstance(record["organization"], str)
    for detail in record["secondary_id_details"]:
        assert set(detail) == {"id", "type", "domain", "link"}, detail
        assert isinstance(detail["id"], str), detail
    for shared in record["available_ipd"]:
        assert set(shared) == {"id", "type", "url", "comment"}, shared
        assert any(value is not None for value in shared.values()), shared
        assert all(value is None or isinstance(value, str) for value in shared.values()), shared


def assert_record_contract(record: Any) -> None:
    """Fail unless a parsed record keeps the Trial record contract of DESIGN.md: its shape,
    enum vocabularies, id rules, and null (never "") for what the source does not state."""
    assert isinstance(record, dict), record
    missing = (set(STRING_FIELDS) | set(LIST_FIELDS) | {
        "id", "nct_id", "status", "study_type", "enrollment", "eligibility", "design",
        "group_count", "dates", "locations_count", "has_results", "source",
    }) - set(record)
    assert not missing, f"missing fields {sorted(missing)}"
    empty = [_where(path) for path, text in _strings(record) if text == ""]
    assert not empty, f"empty strings (unknown must be null) at {empty}"
    # Ids: the NCT id when there is one, else LOCAL- and 10 hex digits.
    nct_id = record["nct_id"]
    if nct_id is None:
        assert isinstance(record["id"], str) and LOCAL_ID.fullmatch(record["id"]), record["id"]
    else:
        assert isinstance(nct_id, str) and NCT_ID.fullmatch(nct_id), nct_id
        assert record["id"] == nct_id
    assert isinstance(record["title"], str) and record["title"].strip(), "an empty title"
    for name in STRING_FIELDS:
        assert record[name] is None or isinstance(record[name], str), name
    for name in LIST_FIELDS:
        assert isinstance(record[name], list), f"{name} is not a list"
    for name in ("other_ids", "conditions", "keywords", "warnings"):
        assert all(isinstance(item, str) for item in record[name]), name
    # Enums.
    _check_enum(record["status"], STATUS_VALUES, "status")
    _check_enum(record["study_type"], STUDY_TYPE_VALUES, "study_type")
    phases = record["phases"]
    assert all(phase in PHASE_VALUES for phase in phases), phases
    assert phases == sorted(set(phases), key=PHASE_VALUES.index), f"phases {phases} not ascending"
    funders = record["funder_types"]
    assert all(funder in FUNDER_TYPE_VALUES for funder in funders), funders
    for number, item in enumerate(record["interventions"]):
        where = f"interventions.{number}"
        assert isinstance(item, dict) and {"type", "name", "description"} <= set(item), where
        _check_enum(item["type"], INTERVENTION_TYPE_VALUES, f"{where}.type")
        for key in ("name", "description"):
            assert item[key] is None or isinstance(item[key], str), f"{where}.{key}"
    for number, arm in enumerate(record["arms"]):
        where = f"arms.{number}"
        assert isinstance(arm, dict), where
        assert set(arm) == {"label", "type", "description", "interventions"}, where
        _check_enum(arm["type"], ARM_TYPE_VALUES, f"{where}.type")
        for key in ("label", "description"):
            assert arm[key] is None or isinstance(arm[key], str), f"{where}.{key}"
        assert isinstance(arm["interventions"], list), f"{where}.interventions"
        assert all(isinstance(name, str) for name in arm["interventions"]), where
    # Objects that are always there; their members may be null.
    design = record["design"]
    assert isinstance(design, dict), design
    assert set(design) == set(DESIGN_VALUES) | set(DESIGN_TEXTS) | {"masked"}, design
    assert isinstance(design["masked"], list), design
    assert set(design["masked"]) <= MASKED_VALUES, design
    for key, allowed in DESIGN_VALUES.items():
        _check_enum(design[key], allowed, f"design.{key}")
    for key in DESIGN_TEXTS:
        assert design[key] is None or isinstance(design[key], str), f"design.{key}"
    _check_study_kind(record)
    _check_registry_notes(record)
    eligibility = record["eligibility"]
    assert isinstance(eligibility, dict) and set(eligibility) == ELIGIBILITY_KEYS, eligibility
    _check_enum(eligibility["sex"], SEX_VALUES, "eligibility.sex")
    _check_age(eligibility["min_age"], "eligibility.min_age")
    _check_age(eligibility["max_age"], "eligibility.max_age")
    assert eligibility["healthy_volunteers"] in (None, True, False)
    assert eligibility["gender_based"] in (None, True, False)
    _check_criteria(eligibility["inclusion"], "eligibility.inclusion")
    _check_criteria(eligibility["exclusion"], "eligibility.exclusion")
    dates = record["dates"]
    assert isinstance(dates, dict) and set(dates) == DATE_KEYS, dates
    for key, entry in dates.items():
        _check_date(entry, f"dates.{key}")
    # Numbers.
    enrollment = record["enrollment"]
    if enrollment is not None:
        assert isinstance(enrollment, dict) and set(enrollment) == {"count", "type"}, enrollment
        assert _is_int(enrollment["count"]) and enrollment["count"] >= 0, enrollment
        assert enrollment["type"] in DATE_TYPE_VALUES, enrollment
    for name in ("group_count", "locations_count"):
        value = record[name]
        assert value is None or (_is_int(value) and value >= 0), f"{name}: {value!r}"
    assert record["has_results"] in (None, True, False)
    source = record["source"]
    assert isinstance(source, dict), source
    assert {"path", "format", "sha256", "imported_at"} <= set(source), source
    assert source["format"] in FORMAT_VALUES, source
    assert source["sha256"] is None or re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source


def check_parsed(loaded: list[LoadedFile]) -> None:
    """Each parsed record keeps the contract, can be stored, and has its text."""
    for item in loaded:
        assert_record_contract(item.record)
        orjson.dumps(item.record)
        assert isinstance(item.text, str)


def parse_or_parse_error(data: bytes | str) -> list[LoadedFile]:
    """Parse bytes or text; a ParseError is an answer ([]), anything else fails the test."""
    try:
        if isinstance(data, bytes):
            return parse_bytes_many(data, "page.txt")
        return parse_text_many(data, "page.txt")
    except ParseError as error:
        assert str(error), "a ParseError says what is wrong"
        return []


# --- parsing: nothing but ParseError, and records that keep the contract -------------------


@FAST
@given(st.text())
def test_any_text_parses_or_raises_parse_error(text: str) -> None:
    check_parsed(parse_or_parse_error(text))


@FAST
@given(st.binary())
def test_any_bytes_parse_or_raise_parse_error(data: bytes) -> None:
    check_parsed(parse_or_parse_error(data))


@FAST
@given(st.lists(page_lines(), max_size=120).map("\n".join))
def test_pages_of_headings_and_values_parse_or_raise_parse_error(text: str) -> None:
    check_parsed(parse_or_parse_error(text))


@FAST
@given(mutated_seed())
def test_damaged_seed_pages_parse_or_raise_parse_error(text: str) -> None:
    check_parsed(parse_or_parse_error(text))


@FAST
@given(mutated_study())
def test_damaged_studies_parse_or_raise_parse_error(data: bytes) -> None:
    check_parsed(parse_or_parse_error(data))


@FAST
@given(csv_files())
def test_csv_downloads_of_any_cells_parse_or_raise_parse_error(text: str) -> None:
    check_parsed(parse_or_parse_error(text))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name)
def test_the_seeds_keep_the_record_contract(seed: Path) -> None:
    loaded = parse_bytes_many(seed.read_bytes(), seed.name)
    assert [item.record["source"]["format"] for item in loaded] in (["veeva-text"],
                                                                     ["ctgov-text"])
    check_parsed(loaded)


def test_the_full_study_and_a_csv_download_keep_the_record_contract() -> None:
    study = parse_or_parse_error(json.dumps(STUDY).encode("utf-8"))
    header = ",".join(f'"{column}"' for column in COLUMNS)
    download = parse_or_parse_error(header + "\n" + ",".join(["x"] * len(COLUMNS)) + "\n")
    assert [item.record["source"]["format"] for item in study + download] == [
        "ctgov-json", "ctgov-csv"
    ]
    check_parsed(study + download)


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
    # The stores are still open when the folder goes: a lock file tantivy makes for a moment
    # may be seen there (removing an open store is not what this test is about).
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
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
            assert_record_contract(got)
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
