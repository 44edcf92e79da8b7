"""The ClinicalTrials.gov site's CSV download ("ctgov-csv"): small inline fixtures."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest

from parsers import (
    ParseError,
    load_file,
    load_records,
    parse_bytes,
    parse_bytes_many,
    parse_text,
    parse_text_many,
)
from parsers.ctgov_csv import COLUMNS
from parsers.record import empty_record
from tui.export_csv import write_csv

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"

HEADER = ",".join(COLUMNS)
ROW: dict[str, str] = {
    "NCT Number": "NCT01234567",
    "Study Title": "Aspirin, for\nMigraine",
    "Study URL": "https://clinicaltrials.gov/study/NCT01234567",
    "Acronym": "ASPIRE",
    "Study Status": "ACTIVE_NOT_RECRUITING",
    "Brief Summary": 'Aspirin "works", maybe.\n\nSecond paragraph.',
    "Study Results": "NO",
    "Conditions": "Migraine|Headache",
    "Interventions": "DRUG: Aspirin|BEHAVIORAL: Diary|DIETARY_SUPPLEMENT: Vitamin D",
    "Primary Outcome Measures": "Pain, 2 hours",
    "Secondary Outcome Measures": "",
    "Other Outcome Measures": "",
    "Sponsor": "Acme Pharma",
    "Collaborators": "Acme University",
    "Sex": "FEMALE",
    "Age": "18 Years to 65 Years",
    "Phases": "PHASE1|PHASE2",
    "Enrollment": "120",
    "Funder Type": "INDUSTRY",
    "Study Type": "INTERVENTIONAL",
    "Study Design": (
        "Allocation: RANDOMIZED|Intervention Model: PARALLEL|"
        "Masking: DOUBLE (PARTICIPANT, INVESTIGATOR)|Primary Purpose: TREATMENT"
    ),
    "Other IDs": "ACME-001|2015-000001-11|NCT01234567",
    "Start Date": "2015-03",
    "Primary Completion Date": "2016-03-12",
    "Completion Date": "2017",
    "First Posted": "2015-01-05",
    "Results First Posted": "",
    "Last Update Posted": "2018-01-02",
    "Locations": "Hospital A, Boston, Massachusetts, 02115, US|Hospital B, Paris, France",
    "Study Documents": "",
}


def csv_text(rows: list[dict[str, str]], columns: tuple[str, ...] | list[str] = COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue()


def row(**changes: str) -> dict[str, str]:
    return {**ROW, **{key.replace("_", " "): value for key, value in changes.items()}}


def parse_row(values: dict[str, str], columns: Any = COLUMNS) -> dict[str, Any]:
    return parse_text(csv_text([values], columns), "studies.csv")


def crit(text: str) -> dict:
    return {"text": text, "children": []}


# --- every mapped field -----------------------------------------------------------------------


def test_row_maps_every_field() -> None:
    data = csv_text([ROW]).encode("utf-8")
    loaded = parse_bytes(data, "studies.csv")
    expected = empty_record()
    expected.update(
        id="NCT01234567",
        nct_id="NCT01234567",
        other_ids=["ACME-001", "2015-000001-11"],
        title="Aspirin, for Migraine",
        acronym="ASPIRE",
        sponsor="Acme Pharma",
        status="ACTIVE_NOT_RECRUITING",
        phases=["PHASE1", "PHASE2"],
        study_type="INTERVENTIONAL",
        conditions=["Migraine", "Headache"],
        interventions=[
            {"type": "DRUG", "name": "Aspirin", "description": None, "other_names": []},
            {"type": "BEHAVIORAL", "name": "Diary", "description": None, "other_names": []},
            {"type": "DIETARY_SUPPLEMENT", "name": "Vitamin D", "description": None,
             "other_names": []},
        ],
        funder_types=["INDUSTRY"],
        summary='Aspirin "works", maybe.\n\nSecond paragraph.',
        enrollment={"count": 120, "type": None},
        design={
            "primary_purpose": "TREATMENT",
            "allocation": "RANDOMIZED",
            "intervention_model": "PARALLEL",
            "masking": "DOUBLE",
            "masked": ["PARTICIPANT", "INVESTIGATOR"],
            "model_description": None,
            "masking_description": None,
        },
        dates={
            "start": {"date": "2015-03", "type": None},
            "primary_completion": {"date": "2016-03-12", "type": None},
            "completion": {"date": "2017", "type": None},
            "first_submitted": None,
            "first_posted": {"date": "2015-01-05", "type": None},
            "results_first_posted": None,
            "last_update": {"date": "2018-01-02", "type": None},
            "status_verified": None,
        },
        locations_count=2,
        has_results=False,
        # record version 2
        locations=[
            {"facility": "Hospital A", "city": "Boston", "state": "Massachusetts",
             "zip": "02115", "country": "US", "status": None, "geo": None, "contacts": []},
            {"facility": "Hospital B", "city": "Paris", "state": None, "zip": None,
             "country": "France", "status": None, "geo": None, "contacts": []},
        ],
        collaborators=["Acme University"],
        outcomes={
            "primary": [{"measure": "Pain", "description": None, "time_frame": "2 hours"}],
            "secondary": [],
            "other": [],
        },
    )
    expected["eligibility"].update(
        sex="FEMALE",
        min_age={"value": 18, "unit": "YEARS"},
        max_age={"value": 65, "unit": "YEARS"},
    )
    expected["source"].update(format="ctgov-csv", partial=True,
                              sha256=hashlib.sha256(data).hexdigest(),
                              layout="current", missing_columns=[])
    assert loaded.record == expected
    # the row's own source text: the header line and the row, as CSV
    assert list(csv.reader(io.StringIO(loaded.text))) == [
        list(COLUMNS),
        [ROW[column] for column in COLUMNS],
    ]


def test_two_rows_give_two_records_each_with_its_own_text(tmp_path: Path) -> None:
    second = row(NCT_Number="NCT07654321", Study_Title="Second trial", Study_Results="YES")
    path = tmp_path / "download.csv"
    path.write_text(csv_text([ROW, second]), encoding="utf-8")
    loaded = load_records(path)
    assert [item.record["id"] for item in loaded] == ["NCT01234567", "NCT07654321"]
    assert [item.record["has_results"] for item in loaded] == [False, True]
    assert all(item.record["source"]["path"] == str(path) for item in loaded)
    rows = list(csv.reader(io.StringIO(loaded[1].text)))
    assert len(rows) == 2 and rows[1][:2] == ["NCT07654321", "Second trial"]
    assert loaded[1].text.startswith(HEADER + "\n")
    for item in loaded:
        again = parse_text(item.text, "download.csv")
        assert again == {
            **item.record,
            "source": {**item.record["source"], "path": None, "sha256": None},
        }
    with pytest.raises(ParseError, match=r"holds 2 trials; use load_records"):
        load_file(path)


def test_load_file_of_one_row(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text(csv_text([ROW]), encoding="utf-8")
    assert load_file(path).record["nct_id"] == "NCT01234567"


def test_quoted_cells_with_newlines_commas_and_quotes() -> None:
    record = parse_row(
        row(
            Study_Title='A "quoted", title\r\nover two lines',
            Brief_Summary="One, two.\nThree;\n\n\n\nFour.",
            Conditions="Pain, chronic|Back pain",
        )
    )
    assert record["title"] == 'A "quoted", title over two lines'
    assert record["summary"] == "One, two.\nThree;\n\nFour."
    assert record["conditions"] == ["Pain, chronic", "Back pain"]


# --- multi-valued cells -----------------------------------------------------------------------


def test_interventions_with_unknown_or_missing_type() -> None:
    """Untyped pieces first: interventions of null type, warned about. After a typed one, an
    untyped piece is the rest of its name (see test_parse_ctgov_csv_text.py)."""
    record = parse_row(row(Interventions="Aspirin 100 mg|MAGIC: Wand|DEVICE: B: 2|DRUG: A"))
    assert record["interventions"] == [
        {"type": None, "name": "Aspirin 100 mg", "description": None, "other_names": []},
        {"type": None, "name": "MAGIC: Wand", "description": None, "other_names": []},
        {"type": "DEVICE", "name": "B: 2", "description": None, "other_names": []},
        {"type": "DRUG", "name": "A", "description": None, "other_names": []},
    ]
    assert record["warnings"] == [
        "Interventions: no known intervention type in 'Aspirin 100 mg'",
        "Interventions: no known intervention type in 'MAGIC: Wand'",
    ]


def test_repeated_interventions_are_kept() -> None:
    """The cell of NCT02240693 in mdz9168/clinical-trial-analysis alzheimers_trials_raw.csv:
    the registry lists an intervention once per dose or arm, as its JSON does."""
    cell = (
        "DRUG: BI 409306|DRUG: Placebo|DRUG: BI 409306|DRUG: Placebo|DRUG: Placebo|"
        "DRUG: BI 409306|DRUG: BI 409306|DRUG: Placebo|DRUG: Placebo"
    )
    record = parse_row(row(Interventions=cell))
    names = ["BI 409306", "Placebo", "BI 409306", "Placebo", "Placebo", "BI 409306",
             "BI 409306", "Placebo", "Placebo"]  # fmt: skip
    assert [(i["type"], i["name"]) for i in record["interventions"]] == [
        ("DRUG", name) for name in names
    ]
    assert record["warnings"] == []


def test_repeated_interventions_survive_an_export_and_re_import() -> None:
    """Two real API v2 studies list an intervention twice (NCT05914155, NCT05819710)."""
    path = REALDATA / "dgg32__clinical-trials-public__ctg-studies(5).json"
    records = [loaded.record for loaded in load_records(path)]
    buffer = io.StringIO()
    write_csv(records, buffer)
    back = {loaded.record["id"]: loaded.record for loaded in parse_text_many(buffer.getvalue())}

    def interventions(record: dict[str, Any]) -> list[tuple[str, str]]:
        return [(item["type"], item["name"]) for item in record["interventions"]]

    repeated = {r["id"]: interventions(r) for r in records if r["id"] in back}
    assert repeated["NCT05819710"] == [
        ("DRUG", "TS-142"), ("DRUG", "TS-142"), ("DRUG", "Zopiclone"), ("DRUG", "Placebo"),
    ]  # fmt: skip
    for nct, expected in repeated.items():
        assert interventions(back[nct]) == expected, nct


@pytest.mark.parametrize(
    ("cell", "phases", "warned"),
    [
        ("PHASE1|PHASE2", ["PHASE1", "PHASE2"], False),
        ("PHASE3", ["PHASE3"], False),
        ("EARLY_PHASE1", ["EARLY_PHASE1"], False),
        ("NA", ["NA"], False),
        ("PHASE2|PHASE1|PHASE2", ["PHASE1", "PHASE2"], False),
        ("Phase 2/Phase 3", ["PHASE2", "PHASE3"], False),
        ("PHASE9", [], True),
    ],
)
def test_phases(cell: str, phases: list[str], warned: bool) -> None:
    record = parse_row(row(Phases=cell))
    assert record["phases"] == phases
    assert bool(record["warnings"]) is warned


def test_other_ids_and_conditions_are_split_and_deduplicated() -> None:
    record = parse_row(row(Other_IDs="A| B |A||NCT01234567", Conditions="X|X| Y "))
    assert record["other_ids"] == ["A", "B"]
    assert record["conditions"] == ["X", "Y"]


def test_funder_types_and_study_types() -> None:
    record = parse_row(row(Funder_Type="OTHER_GOV", Study_Type="EXPANDED_ACCESS"))
    assert record["funder_types"] == ["OTHER_GOV"]
    assert record["study_type"] == "EXPANDED_ACCESS"
    record = parse_row(row(Funder_Type="CHARITY", Study_Type="PRAGMATIC", Study_Status="ONGOING"))
    assert (record["funder_types"], record["study_type"], record["status"]) == ([], None, None)
    assert record["warnings"] == [
        "Study Status: unknown value 'ONGOING'",
        "Funder Type: unknown value 'CHARITY'",
        "Study Type: unknown value 'PRAGMATIC'",
    ]


# --- study design -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "design", "warnings"),
    [
        (
            "Allocation: NON_RANDOMIZED|Intervention Model: SINGLE_GROUP|Masking: NONE|"
            "Primary Purpose: SUPPORTIVE_CARE",
            ("SUPPORTIVE_CARE", "NON_RANDOMIZED", "SINGLE_GROUP", "NONE"),
            [],
        ),
        (
            "Allocation: NA|Intervention Model: CROSSOVER|Masking: QUADRUPLE (PARTICIPANT, "
            "CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR)|Primary Purpose: BASIC_SCIENCE",
            ("BASIC_SCIENCE", "NA", "CROSSOVER", "QUADRUPLE"),
            [],
        ),
        (
            "Observational Model: COHORT|Time Perspective: PROSPECTIVE",
            (None, None, None, None),
            [],
        ),
        (  # NCT00664833 and NCT00547287 (Marc-Morcos/…Urology…): a part with no value
            "Allocation: RANDOMIZED|Intervention Model: FACTORIAL|Masking: NONE|Primary Purpose: ",
            (None, "RANDOMIZED", "FACTORIAL", "NONE"),
            [],
        ),
        (
            "Allocation: |Intervention Model: CROSSOVER|Masking: NONE|Primary Purpose: TREATMENT",
            ("TREATMENT", None, "CROSSOVER", "NONE"),
            [],
        ),
        (
            "Allocation: SORT OF|Blinding: YES|Masking: SINGLE (OUTCOMES_ASSESSOR)",
            (None, None, None, "SINGLE"),
            [
                "Study Design: unknown Allocation 'SORT OF'",
                "Study Design: unknown part 'Blinding: YES'",
            ],
        ),
    ],
)
def test_study_design_cell(cell: str, design: tuple, warnings: list[str]) -> None:
    record = parse_row(row(Study_Design=cell))
    keys = ("primary_purpose", "allocation", "intervention_model", "masking")
    assert tuple(record["design"][key] for key in keys) == design
    assert record["warnings"] == warnings


# --- ages, sex, enrollment, dates, locations, results -------------------------------------


@pytest.mark.parametrize(
    ("cell", "low", "high", "warned", "groups"),
    [
        ("18 Years to 65 Years", (18, "YEARS"), (65, "YEARS"), False, []),
        ("18 Years and older", (18, "YEARS"), None, False, []),
        ("up to 6 Months", None, (6, "MONTHS"), False, []),
        ("2 Weeks to 17 Years", (2, "WEEKS"), (17, "YEARS"), False, []),
        ("18 Years to 65 Years   (ADULT, OLDER_ADULT)", (18, "YEARS"), (65, "YEARS"), False,
         ["ADULT", "OLDER_ADULT"]),
        # the current export writes the groups alone: kept as the record's age groups
        ("ADULT, OLDER_ADULT", None, None, False, ["ADULT", "OLDER_ADULT"]),
        ("OLDER_ADULT", None, None, False, ["OLDER_ADULT"]),
        ("Child, Adult, Older Adult", None, None, False, ["CHILD", "ADULT", "OLDER_ADULT"]),
        ("whenever", None, None, True, []),
    ],
)
def test_age_cell(cell: str, low: tuple | None, high: tuple | None, warned: bool,
                  groups: list[str]) -> None:
    eligibility = (record := parse_row(row(Age=cell)))["eligibility"]

    def age(pair: tuple | None) -> dict | None:
        return {"value": pair[0], "unit": pair[1]} if pair else None

    assert eligibility["min_age"] == age(low)
    assert eligibility["max_age"] == age(high)
    assert bool(record["warnings"]) is warned
    assert record["age_groups"] == groups


@pytest.mark.parametrize(("cell", "sex"), [("ALL", "ALL"), ("MALE", "MALE"), ("Female", "FEMALE")])
def test_sex(cell: str, sex: str) -> None:
    assert parse_row(row(Sex=cell))["eligibility"]["sex"] == sex


def test_enrollment_has_no_type_unless_stated() -> None:
    assert parse_row(row(Enrollment="1,200"))["enrollment"] == {"count": 1200, "type": None}
    record = parse_row(row(Enrollment="many"))
    assert record["enrollment"] is None
    assert record["warnings"] == ["Enrollment: could not read 'many'"]


def test_dates_have_no_type_and_unreadable_ones_warn() -> None:
    record = parse_row(row(Start_Date="2015-03-12", Completion_Date="2015-13"))
    assert record["dates"]["start"] == {"date": "2015-03-12", "type": None}
    assert record["dates"]["completion"] is None
    assert record["warnings"] == ["Completion Date: could not read the date '2015-13'"]


def test_locations_are_counted() -> None:
    assert parse_row(row(Locations="A, X|B, Y|C, Z"))["locations_count"] == 3
    assert parse_row(row(Locations="A, Boston, US"))["locations_count"] == 1
    assert parse_row(row(Locations=""))["locations_count"] is None


@pytest.mark.parametrize(("cell", "value"), [("YES", True), ("NO", False), ("", None)])
def test_study_results(cell: str, value: bool | None) -> None:
    assert parse_row(row(Study_Results=cell))["has_results"] is value


# --- missing and unknown columns ------------------------------------------------------------


def test_a_cell_longer_than_the_csv_modules_default_limit_is_read() -> None:
    # A study of 3,000 sites writes a Locations cell of about 240,000 characters.
    sites = "|".join(f"Hospital {n}, Boston, Massachusetts, 02115, United States"
                     for n in range(3_000))
    assert len(sites) > 131_072
    record = parse_row(row(Locations=sites))
    assert len(record["locations"]) == 3_000
    assert record["locations"][-1]["facility"] == "Hospital 2999"


def test_missing_columns_are_unknown() -> None:
    record = parse_row(
        {"NCT Number": "NCT01234567", "Study Title": "T"}, ["NCT Number", "Study Title"]
    )
    expected = empty_record()
    expected.update(id="NCT01234567", nct_id="NCT01234567", title="T")
    expected["source"].update(format="ctgov-csv", partial=True, layout="current",
                              missing_columns=[name for name in COLUMNS
                                               if name not in ("NCT Number", "Study Title")])
    assert record == expected


def test_csv_without_nct_number_still_parses_with_a_local_id() -> None:
    columns = ["Study Title", "Brief Summary", "Conditions"]
    values = {
        "Study Title": "Aspirin for Migraine",
        "Brief Summary": "A summary.",
        "Conditions": "Migraine",
    }
    record = parse_row(values, columns)
    assert record["nct_id"] is None
    # SHA-256 of "aspirin for migraine a summary." (title and summary, casefolded)
    assert record["id"] == "LOCAL-37f11e3226"
    assert record["conditions"] == ["Migraine"]
    assert record["warnings"] == []


def test_empty_title_falls_back_to_the_summary_then_the_file_name() -> None:
    record = parse_row(row(Study_Title="", Brief_Summary="First sentence. Second."))
    assert record["title"] == "First sentence."
    columns = ["NCT Number", "Study Title", "Conditions"]
    data = csv_text([{"Conditions": "A"}, {"Conditions": "B"}], columns).encode()
    assert [item.record["title"] for item in parse_bytes_many(data, "x.csv")] == [
        "x.csv #1",
        "x.csv #2",
    ]


def test_unknown_extra_column_is_warned_about() -> None:
    columns = [*COLUMNS, "Favourite Colour"]
    record = parse_row({**ROW, "Favourite Colour": "blue"}, columns)
    assert record["warnings"] == ["Favourite Colour: unknown column, value 'blue' not placed"]
    assert record["nct_id"] == "NCT01234567"


def test_extra_cells_beyond_the_header_are_warned_about() -> None:
    text = "NCT Number,Study Title\nNCT01234567,T,surplus\n"
    record = parse_text(text)
    assert record["warnings"] == ["column 3: unknown column, value 'surplus' not placed"]


def test_columns_in_another_order_with_loose_spelling() -> None:
    text = "study title , Conditions,NCT NUMBER\nT,A|B,NCT01234567\n"
    record = parse_text(text)
    assert (record["title"], record["conditions"], record["nct_id"]) == (
        "T",
        ["A", "B"],
        "NCT01234567",
    )


def test_semicolon_and_tab_delimiters() -> None:
    for sep in (";", "\t"):
        text = f"NCT Number{sep}Study Title{sep}Conditions\nNCT01234567{sep}T, x{sep}A|B\n"
        record = parse_text(text)
        assert (record["title"], record["conditions"]) == ("T, x", ["A", "B"])


# --- cleaning, detection, errors ------------------------------------------------------------


def test_escapes_and_markup_in_a_title_come_out_inert() -> None:
    title = "\x1b[31m[bold]Red[/bold]\x1b[0m Trial \x1b]52;c;SGVsbG8=\x07of\u202e aspirin\x9b2J"
    data = csv_text([row(Study_Title=title, Sponsor="Acme\u2066 Pharma\x07")]).encode()
    loaded = parse_bytes(data, "studies.csv")
    assert loaded.record["title"] == "[bold]Red[/bold] Trial of aspirin"
    assert loaded.record["sponsor"] == "Acme Pharma"
    for needle in ("\x1b", "\x07", "SGVsbG8", "\u202e", "\u2066", "\x9b", "\r"):
        assert needle not in loaded.text
        assert all(needle not in str(value) for value in loaded.record.values())


def test_detected_from_content_with_bom_and_any_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text([ROW]).encode("utf-8"))
    assert load_file(path).record["source"]["format"] == "ctgov-csv"


@pytest.mark.parametrize(
    "text",
    [
        "Name,Value\nNCT01234567,1\n",
        "NCT Number,Value\nNCT01234567,1\n",  # only one known column
        "Conditions,Sponsor\nA,B\n",  # neither NCT Number nor Study Title
    ],
)
def test_other_csv_is_not_a_trial_file(text: str) -> None:
    with pytest.raises(ParseError, match=r"not a trial page"):
        parse_text(text)


def test_header_without_rows_fails() -> None:
    with pytest.raises(ParseError, match=r"no trials"):
        parse_bytes_many((HEADER + "\n\n").encode(), "empty.csv")


def test_blank_rows_are_skipped() -> None:
    text = csv_text([ROW]) + "\r\n,,,\r\n\r\n"
    assert len(parse_bytes_many(text.encode(), "x.csv")) == 1
