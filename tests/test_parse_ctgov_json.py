"""ClinicalTrials.gov API v2 study JSON ("ctgov-json"): small inline fixtures, one per case."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import orjson
import pytest

from parsers import (
    ParseError,
    detect_format,
    load_file,
    load_records,
    parse_bytes,
    parse_bytes_many,
    parse_text,
    parse_text_many,
)
from parsers.ctgov_json import markdown_criteria
from parsers.record import PARSER_REVISION, empty_record

CRITERIA = (
    "Inclusion Criteria:\n\n"
    "* Adults \\>= 18 years\n"
    "* ANC ≥ 1.5 x 10\\^9/L\n"
    "  * measured twice\n\n"
    "Exclusion Criteria:\n\n"
    "* Age \\< 18\n"
)
STUDY: dict[str, Any] = {
    "protocolSection": {
        "identificationModule": {
            "nctId": "NCT01234567",
            "orgStudyIdInfo": {"id": "ACME-001"},
            "secondaryIdInfos": [
                {"id": "2015-000001-11", "type": "EUDRACT_NUMBER"},
                {"id": "R01 CA000001", "type": "NIH"},
                {"id": "ACME-001"},
            ],
            "organization": {"fullName": "Acme University", "class": "OTHER"},
            "briefTitle": "Aspirin for Migraine",
            "officialTitle": "A Randomised Trial of Aspirin for Migraine in Adults",
            "acronym": "ASPIRE",
        },
        "statusModule": {
            "overallStatus": "ACTIVE_NOT_RECRUITING",
            "startDateStruct": {"date": "2015-03", "type": "ACTUAL"},
            "primaryCompletionDateStruct": {"date": "2016-03-12", "type": "ACTUAL"},
            "completionDateStruct": {"date": "2017", "type": "ESTIMATED"},
            "lastUpdatePostDateStruct": {"date": "2018-01-02", "type": "ACTUAL"},
        },
        "sponsorCollaboratorsModule": {
            "leadSponsor": {"name": "Acme Pharma", "class": "INDUSTRY"},
            "collaborators": [{"name": "Acme University", "class": "OTHER"}],
        },
        "descriptionModule": {
            "briefSummary": "Aspirin \\> placebo?\n\nA second paragraph.",
            "detailedDescription": "The full description.",
        },
        "conditionsModule": {"conditions": ["Migraine", "Headache"], "keywords": ["aspirin"]},
        "designModule": {
            "studyType": "INTERVENTIONAL",
            "phases": ["PHASE2", "PHASE1"],
            "designInfo": {
                "allocation": "RANDOMIZED",
                "interventionModel": "PARALLEL",
                "primaryPurpose": "TREATMENT",
                "maskingInfo": {"masking": "DOUBLE", "whoMasked": ["PARTICIPANT"]},
            },
            "enrollmentInfo": {"count": 120, "type": "ESTIMATED"},
        },
        "armsInterventionsModule": {
            "armGroups": [
                {
                    "label": "Aspirin",
                    "type": "EXPERIMENTAL",
                    "description": "300 mg when a migraine starts.",
                    "interventionNames": ["Drug: Aspirin"],
                },
                {
                    "label": "Placebo",
                    "type": "PLACEBO_COMPARATOR",
                    "interventionNames": ["Drug: Placebo", "Behavioral: Diary"],
                },
            ],
            "interventions": [
                {
                    "type": "DRUG",
                    "name": "Aspirin",
                    "description": "Tablets.",
                    "armGroupLabels": ["Aspirin"],
                },
                {"type": "DRUG", "name": "Placebo"},
                {"type": "BEHAVIORAL", "name": "Diary"},
            ],
        },
        "eligibilityModule": {
            "eligibilityCriteria": CRITERIA,
            "healthyVolunteers": False,
            "sex": "FEMALE",
            "minimumAge": "18 Years",
            "maximumAge": "6 Months",
            "stdAges": ["ADULT"],
        },
        "contactsLocationsModule": {"locations": [{"facility": "A"}, {"facility": "B"}]},
        "outcomesModule": {"primaryOutcomes": [{"measure": "Pain"}]},
    },
    "derivedSection": {"miscInfoModule": {"versionHolder": "2024-01-01"}},
    "hasResults": False,
}


def crit(text: str, *children: dict) -> dict:
    return {"text": text, "children": list(children)}


def study(**changes: Any) -> dict[str, Any]:
    """A deep copy of STUDY with dotted paths under protocolSection set (None deletes)."""
    data = copy.deepcopy(STUDY)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        node = data["protocolSection"]
        for part in parents:
            node = node.setdefault(part, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def parse(value: Any) -> dict[str, Any]:
    return parse_bytes(dumps(value), "study.json").record


def parse_many(value: Any) -> list[dict[str, Any]]:
    return [loaded.record for loaded in parse_bytes_many(dumps(value), "page.json")]


def criteria_of(text: str) -> tuple[list[dict], list[dict], list[str]]:
    record = parse(study(eligibilityModule__eligibilityCriteria=text))
    eligibility = record["eligibility"]
    return eligibility["inclusion"], eligibility["exclusion"], record["warnings"]


def with_nct(nct: str, title: str) -> dict[str, Any]:
    return study(
        identificationModule__nctId=nct,
        identificationModule__briefTitle=title,
    )


# --- every mapped field -----------------------------------------------------------------------


def test_single_study_maps_every_field() -> None:
    data = dumps(STUDY)
    loaded = parse_bytes(data, "study.json")
    record = loaded.record
    expected = empty_record()
    expected.update(
        id="NCT01234567",
        nct_id="NCT01234567",
        age_groups=["ADULT"],
        other_ids=["ACME-001", "2015-000001-11", "R01 CA000001"],
        title="Aspirin for Migraine",
        official_title="A Randomised Trial of Aspirin for Migraine in Adults",
        acronym="ASPIRE",
        sponsor="Acme Pharma",
        status="ACTIVE_NOT_RECRUITING",
        phases=["PHASE1", "PHASE2"],
        study_type="INTERVENTIONAL",
        conditions=["Migraine", "Headache"],
        keywords=["aspirin"],
        interventions=[
            {"type": "DRUG", "name": "Aspirin", "description": "Tablets.", "other_names": []},
            {"type": "DRUG", "name": "Placebo", "description": None, "other_names": []},
            {"type": "BEHAVIORAL", "name": "Diary", "description": None, "other_names": []},
        ],
        funder_types=["INDUSTRY"],
        summary="Aspirin > placebo?\n\nA second paragraph.",
        description="The full description.",
        enrollment={"count": 120, "type": "ESTIMATED"},
        eligibility={
            "sex": "FEMALE",
            "gender_based": None,
            "gender_description": None,
            "min_age": {"value": 18, "unit": "YEARS"},
            "max_age": {"value": 6, "unit": "MONTHS"},
            "healthy_volunteers": False,
            "inclusion": [
                crit("Adults >= 18 years"),
                crit("ANC ≥ 1.5 x 10^9/L", crit("measured twice")),
            ],
            "exclusion": [crit("Age < 18")],
        },
        design={
            "primary_purpose": "TREATMENT",
            "allocation": "RANDOMIZED",
            "intervention_model": "PARALLEL",
            "masking": "DOUBLE",
            "masked": ["PARTICIPANT"],
            "model_description": None,
            "masking_description": None,
        },
        arms=[
            {
                "label": "Aspirin",
                "type": "EXPERIMENTAL",
                "description": "300 mg when a migraine starts.",
                "interventions": ["Drug: Aspirin"],
            },
            {
                "label": "Placebo",
                "type": "PLACEBO_COMPARATOR",
                "description": None,
                "interventions": ["Drug: Placebo", "Behavioral: Diary"],
            },
        ],
        dates={
            "start": {"date": "2015-03", "type": "ACTUAL"},
            "primary_completion": {"date": "2016-03-12", "type": "ACTUAL"},
            "completion": {"date": "2017", "type": "ESTIMATED"},
            "first_submitted": None,
            "first_posted": None,
            "results_first_posted": None,
            "last_update": {"date": "2018-01-02", "type": "ACTUAL"},
            "status_verified": None,
        },
        locations_count=2,
        has_results=False,
        # record version 2
        locations=[
            {"facility": name, "city": None, "state": None, "zip": None, "country": None,
             "status": None, "geo": None, "contacts": []}
            for name in ("A", "B")
        ],
        collaborators=["Acme University"],
        outcomes={
            "primary": [{"measure": "Pain", "description": None, "time_frame": None}],
            "secondary": [],
            "other": [],
        },
        # the registering organization, not the lead sponsor; the secondary ids as detailed
        organization="Acme University",
        secondary_id_details=[
            {"id": "2015-000001-11", "type": "EUDRACT_NUMBER", "domain": None, "link": None},
            {"id": "R01 CA000001", "type": "NIH", "domain": None, "link": None},
            {"id": "ACME-001", "type": None, "domain": None, "link": None},
        ],
    )
    expected["source"].update(format="ctgov-json", sha256=hashlib.sha256(data).hexdigest(),
                              partial=False)
    assert record == expected
    assert orjson.loads(loaded.text) == STUDY
    assert loaded.text == orjson.dumps(STUDY, option=orjson.OPT_INDENT_2).decode() + "\n"


def test_load_file_of_one_study_sets_the_path(tmp_path: Path) -> None:
    path = tmp_path / "NCT01234567.json"
    path.write_bytes(dumps(STUDY))
    loaded = load_file(path)
    assert loaded.record["source"]["path"] == str(path)
    assert loaded.record["source"]["format"] == "ctgov-json"
    assert [item.record for item in load_records(path)] == [loaded.record]
    assert parse_text(path.read_text(), "x.json") == {
        **loaded.record,
        "source": {**loaded.record["source"], "path": None, "sha256": None},
    }


def test_lead_sponsor_wins_and_organization_is_the_fallback() -> None:
    assert parse(STUDY)["sponsor"] == "Acme Pharma"
    record = parse(study(sponsorCollaboratorsModule=None))
    assert record["sponsor"] == "Acme University"
    assert record["funder_types"] == []
    assert record["organization"] is None  # the sponsor already names it


def test_missing_modules_are_unknown_not_invented() -> None:
    record = parse({"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}})
    expected = empty_record()
    expected.update(id="NCT00000001", nct_id="NCT00000001", title="study.json")
    expected["source"] = record["source"]
    assert record == expected


def test_empty_lists_and_blank_strings_are_unknown() -> None:
    record = parse(
        study(
            identificationModule__acronym="  ",
            contactsLocationsModule__locations=[],
            conditionsModule__keywords=["", " "],
        )
    )
    assert record["acronym"] is None
    assert record["locations_count"] == 0
    assert record["keywords"] == []


def test_enrollment_count_without_type_and_type_without_count() -> None:
    record = parse(study(designModule__enrollmentInfo={"count": 40}))
    assert record["enrollment"] == {"count": 40, "type": None}
    record = parse(study(designModule__enrollmentInfo={"type": "ACTUAL"}))
    assert record["enrollment"] is None
    assert any("enrollmentInfo.type" in warning for warning in record["warnings"])


def test_dates_without_type_and_unreadable_dates() -> None:
    record = parse(
        study(
            statusModule__startDateStruct={"date": "2015"},
            statusModule__completionDateStruct={"date": "soon", "type": "ESTIMATED"},
            statusModule__lastUpdatePostDateStruct=None,
        )
    )
    assert record["dates"]["start"] == {"date": "2015", "type": None}
    assert record["dates"]["completion"] is None
    assert record["dates"]["last_update"] is None
    assert record["warnings"] == [
        "protocolSection.statusModule.completionDateStruct.date: could not read the date 'soon'"
    ]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("18 Years", {"value": 18, "unit": "YEARS"}),
        ("6 Months", {"value": 6, "unit": "MONTHS"}),
        ("2 Weeks", {"value": 2, "unit": "WEEKS"}),
        ("28 Days", {"value": 28, "unit": "DAYS"}),
        ("12 Hours", {"value": 12, "unit": "HOURS"}),
        ("30 Minutes", {"value": 30, "unit": "MINUTES"}),
    ],
)
def test_age_units(text: str, age: dict) -> None:
    record = parse(study(eligibilityModule__minimumAge=text, eligibilityModule__maximumAge=None))
    assert record["eligibility"]["min_age"] == age
    assert record["eligibility"]["max_age"] is None


@pytest.mark.parametrize("text", ["N/A", "n/a", "None", "Not applicable"])
def test_no_age_limit_spelled_out_is_null_without_a_warning(text: str) -> None:
    record = parse(study(eligibilityModule__maximumAge=text))
    assert record["eligibility"]["max_age"] is None
    assert record["eligibility"]["min_age"] is not None
    assert record["warnings"] == []


def test_unreadable_age_is_null_with_a_warning() -> None:
    record = parse(study(eligibilityModule__maximumAge="old"))
    assert record["eligibility"]["max_age"] is None
    assert record["warnings"] == [
        "protocolSection.eligibilityModule.maximumAge: could not read the age 'old'"
    ]


@pytest.mark.parametrize(
    ("change", "field", "getter"),
    [
        ({"statusModule__overallStatus": "ONGOING"}, "overallStatus", lambda r: r["status"]),
        ({"designModule__studyType": "PRAGMATIC"}, "studyType", lambda r: r["study_type"]),
        (
            {"designModule__designInfo": {"allocation": "RANDOMISH"}},
            "designInfo.allocation",
            lambda r: r["design"]["allocation"],
        ),
        (
            {"designModule__designInfo": {"maskingInfo": {"masking": "BLINDFOLD"}}},
            "maskingInfo.masking",
            lambda r: r["design"]["masking"],
        ),
        ({"eligibilityModule__sex": "EVERYONE"}, "eligibilityModule.sex", lambda r: None),
        (
            {"sponsorCollaboratorsModule__leadSponsor": {"name": "X", "class": "CHARITY"}},
            "leadSponsor.class",
            lambda r: r["funder_types"] or None,
        ),
        (
            {"armsInterventionsModule__interventions": [{"type": "MAGIC", "name": "Wand"}]},
            "interventions[0].type",
            lambda r: r["interventions"][0]["type"],
        ),
        (
            {"armsInterventionsModule__armGroups": [{"label": "A", "type": "ODD"}]},
            "armGroups[0].type",
            lambda r: r["arms"][0]["type"],
        ),
        (
            {"statusModule__startDateStruct": {"date": "2015", "type": "GUESSED"}},
            "startDateStruct.type",
            lambda r: r["dates"]["start"]["type"],
        ),
    ],
)
def test_unknown_enum_value_is_null_with_a_warning_naming_the_field(
    change: dict, field: str, getter: Any
) -> None:
    record = parse(study(**change))
    assert getter(record) is None
    assert len(record["warnings"]) == 1
    assert field in record["warnings"][0] and "unknown value" in record["warnings"][0]


def test_unknown_phase_is_dropped_with_a_warning() -> None:
    record = parse(study(designModule__phases=["PHASE3", "PHASE9", "EARLY_PHASE1"]))
    assert record["phases"] == ["EARLY_PHASE1", "PHASE3"]
    assert record["warnings"] == ["protocolSection.designModule.phases: unknown value 'PHASE9'"]


def test_na_phase_and_no_phases() -> None:
    assert parse(study(designModule__phases=["NA"]))["phases"] == ["NA"]
    assert parse(study(designModule__phases=None))["phases"] == []


def test_bad_nct_id_is_not_kept() -> None:
    record = parse(study(identificationModule__nctId="NCT123"))
    assert record["nct_id"] is None
    assert record["id"].startswith("LOCAL-")
    assert "not an NCT id" in record["warnings"][0]


def test_unknown_top_level_key_is_warned_about() -> None:
    record = parse({**STUDY, "extraSection": {"x": 1}})
    assert record["warnings"] == ["extraSection: unknown key, not placed"]


# --- ids and titles ---------------------------------------------------------------------------


def test_local_id_when_there_is_no_nct_id() -> None:
    record = parse(study(identificationModule__nctId=None))
    assert record["nct_id"] is None
    # SHA-256 of the brief title, official title and summary (unescaped), joined by spaces,
    # whitespace collapsed, casefolded: "aspirin for migraine a randomised trial of aspirin
    # for migraine in adults aspirin > placebo? a second paragraph."
    assert record["id"] == "LOCAL-4d01539cc6"
    assert record["id"] == parse(study(identificationModule__nctId=None))["id"]


def test_title_falls_back_to_official_title_then_file_name() -> None:
    record = parse(study(identificationModule__briefTitle=None))
    assert record["title"] == "A Randomised Trial of Aspirin for Migraine in Adults"
    records = parse_many([{"protocolSection": {"identificationModule": {"nctId": nct_id}}}
                          for nct_id in ("NCT00000001", "NCT00000002")])
    assert [r["title"] for r in records] == ["page.json #1", "page.json #2"]


def test_escapes_and_markup_in_a_title_come_out_inert() -> None:
    raw = dumps(
        study(
            identificationModule__briefTitle=(
                "\x1b[31m[bold]Red[/bold]\x1b[0m Trial \x1b]52;c;SGVsbG8=\x07of\u202e aspirin\x07"
            ),
            sponsorCollaboratorsModule__leadSponsor={"name": "Acme\r\nPharma\u2066"},
        )
    )
    assert b"\\u001b" in raw  # orjson writes the escape sequences as JSON escapes
    loaded = parse_bytes(raw, "study.json")
    assert loaded.record["title"] == "[bold]Red[/bold] Trial of aspirin"
    assert loaded.record["sponsor"] == "Acme Pharma"
    for needle in ("\x1b", "\\u001b", "\x07", "\\u0007", "SGVsbG8", "\u202e", "\\u202e", "\r"):
        assert needle not in loaded.text
        assert needle not in orjson.dumps(loaded.record).decode()


def test_raw_control_characters_and_bom_are_cleaned() -> None:
    raw = b"\xef\xbb\xbf \n" + dumps(study(identificationModule__acronym="AS\u202ePIRE"))
    record = parse_bytes(raw, "study.json").record
    assert record["acronym"] == "ASPIRE"


# --- many studies in one file -----------------------------------------------------------------


def test_api_page_wrapper_gives_one_record_per_study(tmp_path: Path) -> None:
    page = {
        "studies": [with_nct("NCT00000001", "First"), with_nct("NCT00000002", "Second")],
        "nextPageToken": "abc",
        "totalCount": 2,
    }
    path = tmp_path / "page.json"
    path.write_bytes(dumps(page))
    loaded = load_records(path)
    assert [item.record["id"] for item in loaded] == ["NCT00000001", "NCT00000002"]
    assert [item.record["title"] for item in loaded] == ["First", "Second"]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    for item, data in zip(loaded, page["studies"], strict=True):
        assert item.record["source"] == {
            "path": str(path),
            "format": "ctgov-json",
            "partial": False,
            "sha256": sha,
            "imported_at": None,
            "parser_revision": PARSER_REVISION,
        }
        assert orjson.loads(item.text) == data
        assert item.text.startswith('{\n  "protocolSection"')
        assert parse_text(item.text)["id"] == item.record["id"]


def test_json_array_of_studies() -> None:
    records = parse_many([with_nct("NCT00000001", "A"), with_nct("NCT00000002", "B")])
    assert [r["nct_id"] for r in records] == ["NCT00000001", "NCT00000002"]


def test_json_lines() -> None:
    lines = [dumps(with_nct(f"NCT0000000{n}", f"T{n}")) for n in range(1, 4)]
    data = lines[0] + b"\n" + lines[1] + b"\n\n" + lines[2] + b"\n"
    loaded = parse_bytes_many(data, "studies.jsonl")
    assert [item.record["title"] for item in loaded] == ["T1", "T2", "T3"]
    assert orjson.loads(loaded[2].text) == orjson.loads(lines[2])


def test_json_lines_of_api_pages() -> None:
    page = {"studies": [with_nct("NCT00000001", "A"), with_nct("NCT00000002", "B")]}
    other = {"studies": [with_nct("NCT00000003", "C")]}
    data = dumps(page) + b"\n" + dumps(other) + b"\n"
    assert [r["title"] for r in [i.record for i in parse_bytes_many(data, "x")]] == ["A", "B", "C"]


def test_single_record_functions_refuse_a_file_of_many(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_bytes(dumps({"studies": [STUDY, with_nct("NCT00000002", "B")]}))
    with pytest.raises(ParseError, match=r"holds 2 trials; use load_records"):
        load_file(path)
    with pytest.raises(ParseError, match=r"holds 2 trials; use load_records"):
        parse_text(path.read_text())
    assert len(parse_text_many(path.read_text())) == 2


def test_same_study_twice_in_a_page_gives_two_records() -> None:
    assert [r["id"] for r in parse_many({"studies": [STUDY, STUDY]})] == ["NCT01234567"] * 2


# --- errors -----------------------------------------------------------------------------------


def test_broken_json_names_the_position() -> None:
    data = b'{\n  "protocolSection": {\n    "identificationModule": {"nctId": }\n  }\n}\n'
    with pytest.raises(ParseError, match=r"invalid JSON at line 3, column 39 "):
        parse_bytes(data, "broken.json")


def test_truncated_json_names_the_position() -> None:
    data = dumps({"studies": [STUDY]})[:-40]
    with pytest.raises(ParseError, match=r"invalid JSON at line 1, column \d+"):
        parse_bytes_many(data, "cut.json")


def test_json_lines_with_a_line_that_is_not_a_study() -> None:
    data = dumps(STUDY) + b"\n42\n"
    with pytest.raises(ParseError, match=r"JSON line 2 is a number, not a ClinicalTrials.gov"):
        parse_bytes_many(data, "studies.jsonl")


def test_broken_json_lines_names_the_line() -> None:
    data = dumps(STUDY) + b"\n" + b'{"protocolSection": {' + b"\n"
    with pytest.raises(ParseError, match=r"JSON Lines: line 2, column"):
        parse_bytes_many(data, "studies.jsonl")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            {"studies": [STUDY, study(designModule__phases="PHASE2")]},
            r"studies\[1\] \(NCT01234567\): protocolSection\.designModule\.phases: expected a "
            r"list of strings, got a string",
        ),
        (
            [STUDY, study(identificationModule__briefTitle=["a"])],
            r"\[1\] \(NCT01234567\): protocolSection\.identificationModule\.briefTitle: "
            r"expected a string, got a list",
        ),
        (
            {"studies": [study(identificationModule__nctId=None, designModule__enrollmentInfo=5)]},
            r"studies\[0\]: protocolSection\.designModule\.enrollmentInfo: expected an object",
        ),
        (
            study(armsInterventionsModule__armGroups=[{"label": "A"}, "B"]),
            r"study \(NCT01234567\): protocolSection\.armsInterventionsModule\.armGroups\[1\]: "
            r"expected an object, got a string",
        ),
        (
            study(eligibilityModule__healthyVolunteers="Yes"),
            r"eligibilityModule\.healthyVolunteers: expected a boolean, got a string",
        ),
        (
            study(designModule__enrollmentInfo={"count": True}),
            r"enrollmentInfo\.count: expected a number, got a boolean",
        ),
        ({"studies": [STUDY, 3]}, r"JSON studies\[1\]: expected a study object, got a number"),
        ([{"protocolSection": "x"}], r"JSON \[0\]: not a ClinicalTrials.gov study"),
        ({"studies": "none"}, r"JSON studies: expected a list of studies"),
        ({"name": "x"}, r"not a ClinicalTrials.gov study or API page"),
        ({"study": STUDY, "topics": {}, "history": {"changes": []}},
         r"JSON object is an answer of ClinicalTrials.gov's version-history service"),
        ([{"study": STUDY, "history": {"changes": []}}],
         r"JSON \[0\] is an answer of ClinicalTrials.gov's version-history service"),
        ({"studies": []}, r"JSON holds no studies"),
        ([], r"JSON holds no studies"),
        ({"studies": [{"protocolSection": {}}]},
         r"JSON studies\[0\]: protocolSection\.identificationModule: no nctId, briefTitle or "
         r"officialTitle: not a study record"),
        ({"studies": [STUDY, study(identificationModule={"orgStudyIdInfo": {"id": "X-1"}})]},
         r"JSON studies\[1\]: protocolSection\.identificationModule: no nctId"),
    ],
)
def test_malformed_study_fails_the_file_naming_study_and_field(value: Any, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_bytes_many(dumps(value), "page.json")


# --- detection --------------------------------------------------------------------------------


def test_detected_from_content_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xef\xbb\xbf\n\n   " + orjson.dumps(STUDY, option=orjson.OPT_INDENT_2))
    assert load_file(path).record["source"]["format"] == "ctgov-json"
    assert detect_format(["", "  [", '  {"protocolSection": {}}', "]"]) == "ctgov-json"


@pytest.mark.parametrize(
    "text",
    [
        "[![Build](https://ci.example/badge.svg)](https://ci.example)\n\n# A readme\n",
        "{{template}}\nSome text\n",
        "[Title] of a note\n",
    ],
)
def test_text_opening_with_a_bracket_is_not_taken_for_json(text: str) -> None:
    with pytest.raises(ParseError, match=r"not a trial page"):
        parse_text(text)


# --- eligibility Markdown ---------------------------------------------------------------------


def test_criteria_standard_layout() -> None:
    inclusion, exclusion, warnings = criteria_of(CRITERIA)
    assert inclusion == [
        crit("Adults >= 18 years"),
        crit("ANC ≥ 1.5 x 10^9/L", crit("measured twice")),
    ]
    assert exclusion == [crit("Age < 18")]
    assert warnings == []


@pytest.mark.parametrize(
    "heading",
    [
        "Key Inclusion Criteria:",
        "Inclusion criteria",
        "INCLUSION CRITERIA:",
        "**Inclusion Criteria:**",
        "## Inclusion Criteria",
    ],
)
def test_criteria_heading_spellings(heading: str) -> None:
    inclusion, exclusion, warnings = criteria_of(
        f"{heading}\n\n* A\n\nKey Exclusion Criteria:\n\n* B\n"
    )
    # a "Key …" heading is kept as a note: the list is the key criteria only
    key = [key_note("Key Inclusion Criteria")] if heading.startswith("Key") else []
    assert (inclusion, exclusion, warnings) == (
        [*key, crit("A")], [key_note("Key Exclusion Criteria"), crit("B")], [])


def test_criteria_heading_directly_after_an_item_starts_the_section() -> None:
    text = "Inclusion Criteria:\n- Female, >= 18 years.\n- Creatinine < 1.5 mg/dL.\n" \
        "Exclusion Criteria:\n- Cardiac failure."
    assert criteria_of(text) == (
        [crit("Female, >= 18 years."), crit("Creatinine < 1.5 mg/dL.")],
        [crit("Cardiac failure.")],
        [],
    )


@pytest.mark.parametrize(
    ("text", "inclusion", "exclusion"),
    [
        ("Inclusion Criteria: Adults with cancer. Exclusion Criteria: Liver failure.",
         ["Adults with cancer."], ["Liver failure."]),
        ("Inclusion criteria: adults; Key Exclusion Criteria: pregnancy",
         ["adults;"], ["Key Exclusion Criteria", "pregnancy"]),
        # Not after the end of a sentence: part of the criterion.
        ("Inclusion Criteria:\n* Meets no exclusion criteria: see protocol",
         ["Meets no exclusion criteria: see protocol"], []),
    ],
)
def test_criteria_both_headings_on_one_line(
    text: str, inclusion: list[str], exclusion: list[str]
) -> None:
    assert criteria_of(text) == (
        [crit(t) for t in inclusion],
        [key_note(t) if t.startswith("Key") else crit(t) for t in exclusion], [],
    )


def key_note(text: str) -> dict:
    """A heading "Key Inclusion Criteria" as kept: a note at the start of its section."""
    return {"text": text, "children": [], "note": True}


def test_criteria_exclusion_first() -> None:
    text = "Exclusion Criteria:\n\n* Pregnant\n\nInclusion Criteria:\n\n* Adult\n"
    assert criteria_of(text) == ([crit("Adult")], [crit("Pregnant")], [])


def test_criteria_only_one_section() -> None:
    assert criteria_of("Exclusion Criteria:\n* Pregnant\n* Smoker") == (
        [],
        [crit("Pregnant"), crit("Smoker")],
        [],
    )


def test_criteria_without_any_heading_are_inclusion_with_a_warning() -> None:
    inclusion, exclusion, warnings = criteria_of("* Adult\n* Migraine")
    assert inclusion == [crit("Adult"), crit("Migraine")]
    assert exclusion == []
    assert warnings == [
        "protocolSection.eligibilityModule.eligibilityCriteria: criteria without an "
        "Inclusion/Exclusion heading kept as inclusion"
    ]


def test_criteria_before_the_first_heading_are_inclusion_with_a_warning() -> None:
    inclusion, _, warnings = criteria_of("Adults only.\n\nInclusion Criteria:\n\n* Migraine")
    assert inclusion == [crit("Adults only."), crit("Migraine")]
    assert "before the first Inclusion/Exclusion heading" in warnings[0]


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_criteria_nesting_by_indentation(indent: int) -> None:
    pad = " " * indent
    text = (
        f"Inclusion Criteria:\n\n* A\n{pad}* A1\n{pad}{pad}* A1a\n{pad}* A2\n* B\n"
        f"\nExclusion Criteria:\n\n1. C\n{pad}- C1\n2. D\n"
    )
    inclusion, exclusion, warnings = criteria_of(text)
    assert inclusion == [crit("A", crit("A1", crit("A1a")), crit("A2")), crit("B")]
    assert exclusion == [crit("C", crit("C1")), crit("D")]
    assert warnings == []


def test_criteria_item_markers() -> None:
    text = "Inclusion Criteria:\n\n* star\n- dash\n+ plus\n1. one\n10) ten\n\t* tabbed child\n"
    inclusion, _, _ = criteria_of(text)
    assert inclusion == [
        crit("star"),
        crit("dash"),
        crit("plus"),
        crit("one"),
        crit("ten", crit("tabbed child")),
    ]


def test_criteria_free_paragraphs_are_kept_as_criteria() -> None:
    text = (
        "Inclusion Criteria:\n\n"
        "Participants must meet all of the following:\n\n"
        "* Adult\n"
        "* Migraine for at least\n  one year\n\n"
        "  Confirmed by a neurologist.\n\n"
        "A second free paragraph\nthat wraps.\n\n"
        "* Consent\n"
    )
    inclusion, _, warnings = criteria_of(text)
    assert inclusion == [
        crit("Participants must meet all of the following:", crit("Adult"),
             crit("Migraine for at least one year", crit("Confirmed by a neurologist."))),
        crit("A second free paragraph that wraps."),
        crit("Consent"),
    ]
    assert warnings == []


def test_criteria_escapes_are_removed() -> None:
    text = (
        "Inclusion Criteria:\n\n"
        "* Platelets \\>= 100 x 10\\^9/L\n"
        "* HbA1c \\< 7%\n"
        "* \\- a leading dash\n"
        "* \\*not emphasis\\*\n"
        "* a\\_b, \\[x\\], \\#1, 1\\. and a \\\\ backslash\n"
        "* C:\\path stays\n"
        "\\* not an item\n"
    )
    inclusion, _, _ = criteria_of(text)
    assert [node["text"] for node in inclusion] == [
        "Platelets >= 100 x 10^9/L",
        "HbA1c < 7%",
        "a leading dash",  # "* \\- …": an escaped second bullet
        "*not emphasis*",
        "a_b, [x], #1, 1. and a \\ backslash",
        "C:\\path stays * not an item",
    ]


def test_criteria_heading_with_text_after_the_colon() -> None:
    inclusion, exclusion, _ = criteria_of(
        "Inclusion Criteria: adults aged 18 or more\nExclusion Criteria: pregnancy"
    )
    assert inclusion == [crit("adults aged 18 or more")]
    assert exclusion == [crit("pregnancy")]


def test_criteria_rules_blank_items_and_crlf() -> None:
    text = "Inclusion Criteria:\r\n\r\n* A\r\n*\r\n---\r\n* B\r\n\r\nExclusion Criteria:\r\n\r\n"
    assert criteria_of(text) == ([crit("A"), crit("B")], [], [])


def test_criteria_heading_directly_after_an_item_is_not_a_continuation() -> None:
    text = "Inclusion Criteria:\n* A\nExclusion Criteria:\n* B"
    assert criteria_of(text) == ([crit("A")], [crit("B")], [])


def test_criteria_under_a_heading_that_says_whom_they_are_for_are_its_children() -> None:
    text = (
        "Inclusion Criteria:\n\n* A\n\n"
        "Specific inclusion criteria for renal/lung transplant patients:\n\n* B\n* C\n\n"
        "**Inclusion Criteria (Part 2):**\n\n* D\n\n"
        "Exclusion Criteria:\n\n* E\n"
        "* Does not meet all inclusion criteria:\n"
    )
    assert criteria_of(text) == (
        [crit("A"),
         crit("Specific inclusion criteria for renal/lung transplant patients",
              crit("B"), crit("C")),
         crit("Inclusion Criteria (Part 2)", crit("D"))],
        [crit("E"), crit("Does not meet all inclusion criteria:")],
        [],
    )


def test_markdown_criteria_function_alone() -> None:
    assert markdown_criteria("") == ([], [], [])
    assert markdown_criteria("Criteria:\n\nInclusion Criteria:\n* x") == ([crit("x")], [], [])


def test_descriptions_are_unescaped_too() -> None:
    record = parse(
        study(
            descriptionModule__detailedDescription="Dose \\> 5 mg\\.\r\n\r\n\r\n\r\nNext  ",
            armsInterventionsModule__interventions=[
                {"type": "DRUG", "name": "X", "description": "10\\^9 cells"}
            ],
        )
    )
    assert record["description"] == "Dose > 5 mg.\n\nNext"
    assert record["interventions"][0]["description"] == "10^9 cells"


def test_a_list_after_a_paragraph_ending_with_a_colon_is_its_children() -> None:
    # NCT04903613: the contraception methods, numbered from 1 again after exclusion 11, are
    # the methods the paragraph announces, not exclusion criteria 12 to 14.
    text = (
        "Exclusion Criteria:\n\n"
        "10. Pregnant or nursing women.\n"
        "11. Female patients of childbearing potential, unless using basic methods.\n\n"
        "Basic contraception methods include:\n\n"
        "1. Total abstinence\n"
        "2. Female sterilization\n"
        "3. Male sterilization\n\n"
        "12. History of hypersensitivity\n"
    )
    _, exclusion, _ = criteria_of(text)
    assert exclusion == [
        crit("Pregnant or nursing women."),
        crit("Female patients of childbearing potential, unless using basic methods."),
        crit("Basic contraception methods include:", crit("Total abstinence"),
             crit("Female sterilization"), crit("Male sterilization")),
        crit("History of hypersensitivity"),
    ]
