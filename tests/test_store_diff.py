"""store.diff: field-level differences between two versions of a trial record.

Real records (tests/fixtures/realdata, and /work/shared/realdata/ctgov-json when present) are
parsed, deep-copied and changed by hand; every expected value below is written out, read from
the fixture files, never computed by the code under test.
"""

from __future__ import annotations

import copy
import functools
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import load_records
from store.diff import Change, changed_fields, diff_records, flatten, summarise
from tui.changes_text import change_line

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
SHARED = Path("/work/shared/realdata/ctgov-json")
BIG = "gowthamrao__py_load_clinicaltrialsgov__NCT04267848.json"  # 1,148 sites
SMALL = "ctti-clinicaltrials__aact__NCT03418623.json"
DUPILUMAB = "ctti-clinicaltrials__aact__NCT02210780.json"
WITH_RESULTS = "ctgov-xml/ctti-clinicaltrials__aact__NCT01065844.xml"
DIGITS = "ctti-clinicaltrials__aact__NCT02552212.json"

Record = dict[str, Any]


@functools.cache
def _parsed(path: Path) -> Record:
    return load_records(path)[0].record


def real(name: str) -> Record:
    """A private copy of the first record of a fixture file."""
    return copy.deepcopy(_parsed(REALDATA / name))


def node(text: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"text": text, "children": list(children)}


# ---------------------------------------------------------------- nothing to report


REAL_FILES = sorted(p.relative_to(REALDATA).as_posix() for p in REALDATA.rglob("*.json"))
REAL_FILES += sorted(p.relative_to(REALDATA).as_posix() for p in REALDATA.rglob("*.xml"))[:5]


@pytest.mark.parametrize("name", REAL_FILES)
def test_identical_records_have_no_changes(name: str) -> None:
    record = real(name)
    assert diff_records(record, record) == []
    assert diff_records(record, copy.deepcopy(record)) == []
    assert summarise([]) == "no changes"
    assert changed_fields([]) == []


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared realdata")
def test_identical_shared_records_have_no_changes() -> None:
    paths = sorted(SHARED.glob("*.json"))
    assert paths
    for path in paths:
        for loaded in load_records(path):
            assert diff_records(loaded.record, copy.deepcopy(loaded.record)) == [], path


def test_ignored_fields_make_no_changes() -> None:
    old = real(DUPILUMAB)
    new = copy.deepcopy(old)
    new["source"] = {
        "path": "/elsewhere/NCT02210780.json",
        "format": "ctgov-xml",
        "sha256": "0" * 64,
        "imported_at": "2026-01-02T03:04:05Z",
    }
    new["warnings"] = ["protocolSection.foo: unknown key"]
    new["record_version"] = 3
    assert diff_records(old, new) == []
    del new["source"], new["warnings"], new["record_version"]
    assert diff_records(old, new) == []


def test_order_of_lists_is_not_a_change() -> None:
    old = real(BIG)
    new = copy.deepcopy(old)
    new["locations"].reverse()
    new["outcomes"]["secondary"].reverse()
    new["eligibility"]["inclusion"].reverse()
    new["interventions"].reverse()
    new["mesh"]["condition_ancestors"].reverse()
    assert diff_records(old, new) == []


def test_unstated_values_are_equal() -> None:
    """A version-1 record (no version-2 fields) and its version-2 form with every new field
    empty: nothing changed. None, "" and [] all mean "not stated"."""
    new = real(SMALL)
    for key in ("locations", "central_contacts", "overall_officials", "collaborators",
                "references", "see_also"):
        new[key] = []
    new["outcomes"] = {"primary": [], "secondary": [], "other": []}
    new["mesh"] = {"conditions": [], "condition_ancestors": [], "interventions": [],
                   "intervention_ancestors": []}
    new["ipd_sharing"] = None
    new["results"] = None
    old = copy.deepcopy(new)
    for key in ("locations", "central_contacts", "overall_officials", "collaborators",
                "outcomes", "mesh", "references", "see_also", "ipd_sharing", "results"):
        del old[key]
    assert diff_records(old, new) == []
    old["acronym"] = ""
    assert diff_records(old, new) == []


# ---------------------------------------------------------------- a new version, by hand


ANCHORAGE = {
    "facility": "Anchorage Associates in Radiation Medicine",
    "city": "Anchorage",
    "state": "Alaska",
    "zip": "98508",
    "country": "United States",
    "status": "SUSPENDED",
    "geo": {"lat": 61.21806, "lon": -149.90028},
    "contacts": [],
}
LYON = {
    "facility": "Centre Léon Bérard",
    "city": "Lyon",
    "state": None,
    "zip": "69008",
    "country": "France",
    "status": "RECRUITING",
    "geo": {"lat": 45.74846, "lon": 4.84671},
    "contacts": [],
}
ADVERSE_EVENTS_OUTCOME = {
    "measure": "Incidence of adverse events",
    "description": (
        "The maximum grade for each type of adverse event will be summarized using Common "
        "Terminology Criteria for Adverse Events version 5. will compare the adverse event rates "
        "and drug discontinuation rates due to adverse events. To evaluate the adverse events "
        "profiles associated with each treatment arm, the maximum grade for each type of "
        "adverse event will be recorded for each patient and frequency tables will be reviewed "
        "to determine the overall patterns. The number and severity of grade 3 + adverse events "
        "will be tabulated and summarized. Analysis of the overall adverse event rates, as well "
        "as specific events of interest will involve chi-square tests or Fisher's exact tests. "
        "In addition, we will also compute and compare the total adverse event burden for each "
        "arm"
    ),
    "time_frame": "Up to 10 years",
}
POSTED = {
    "participant_flow": None,
    "baseline": None,
    "outcome_measures": [
        {"type": "PRIMARY", "title": "Disease-free survival", "groups": [], "classes": []},
    ],
    "adverse_events": None,
    "limitations": "Accrual stopped early.",
    "point_of_contact": None,
}


def new_version() -> tuple[Record, Record]:
    """NCT04267848 and a later version of it, changed by hand the way the registry does."""
    old = real(BIG)
    new = copy.deepcopy(old)
    new["status"] = "ACTIVE_NOT_RECRUITING"
    new["enrollment"]["count"] = 1180
    inclusion = new["eligibility"]["inclusion"]
    texts = [item["text"] for item in inclusion]
    at = texts.index("No prior allogeneic tissue/solid organ transplant")
    inclusion[at] = node("No prior allogeneic stem cell or solid organ transplant")
    new["eligibility"]["exclusion"].append(node("Pregnant or breastfeeding women"))
    new["locations"][0]["status"] = "RECRUITING"
    new["locations"].append(copy.deepcopy(LYON))
    new["locations_count"] = 1149
    secondary = new["outcomes"]["secondary"]
    secondary.remove(next(o for o in secondary if o["measure"] == "Incidence of adverse events"))
    new["has_results"] = True
    new["results"] = copy.deepcopy(POSTED)
    new["source"]["sha256"] = "f" * 64
    return old, new


def test_a_new_version_field_by_field() -> None:
    old, new = new_version()
    recruiting = {**ANCHORAGE, "status": "RECRUITING"}
    assert diff_records(old, new) == [
        Change("status", "changed", "RECRUITING", "ACTIVE_NOT_RECRUITING"),
        Change("enrollment.count", "changed", 1210, 1180),
        Change(
            "eligibility.inclusion",
            "changed",
            "No prior allogeneic tissue/solid organ transplant",
            "No prior allogeneic stem cell or solid organ transplant",
        ),
        Change("eligibility.exclusion", "added", None, "Pregnant or breastfeeding women"),
        Change("locations_count", "changed", 1148, 1149),
        Change("has_results", "changed", False, True),
        Change(
            "locations",
            "changed",
            ANCHORAGE,
            recruiting,
            "status Suspended → Recruiting",
            "Anchorage Associates in Radiation Medicine, Anchorage, United States",
        ),
        Change("locations", "added", None, LYON, None, "Centre Léon Bérard, Lyon, France"),
        Change(
            "outcomes.secondary",
            "removed",
            ADVERSE_EVENTS_OUTCOME,
            None,
            None,
            "Incidence of adverse events",
        ),
        Change(
            "results",
            "added",
            None,
            POSTED,
            "1 outcome measure, limitations",
        ),
    ]


def test_a_new_version_summary_and_fields() -> None:
    old, new = new_version()
    changes = diff_records(old, new)
    assert summarise(changes) == (
        "status Recruiting → Active, not recruiting; enrollment 1210 → 1180; "
        "1 inclusion criterion changed; 1 exclusion criterion added; "
        "1 site added, 1 changed; 1 secondary outcome removed; results posted"
    )
    assert changed_fields(changes) == [
        "eligibility",
        "enrollment",
        "has_results",
        "locations",
        "locations_count",
        "outcomes",
        "results",
        "status",
    ]


def test_the_reverse_diff_swaps_added_and_removed() -> None:
    old, new = new_version()
    back = diff_records(new, old)
    # Additions and changes in the (here: old) list's order, then removals.
    assert [(c.field, c.kind) for c in back] == [
        ("status", "changed"),
        ("enrollment.count", "changed"),
        ("eligibility.inclusion", "changed"),
        ("eligibility.exclusion", "removed"),
        ("locations_count", "changed"),
        ("has_results", "changed"),
        ("locations", "changed"),
        ("locations", "removed"),
        ("outcomes.secondary", "added"),
        ("results", "removed"),
    ]
    assert back[6].old == {**ANCHORAGE, "status": "RECRUITING"}
    assert back[6].detail == "status Recruiting → Suspended"


# ---------------------------------------------------------------- criteria


def test_reworded_criterion_is_changed_and_a_new_one_added() -> None:
    """The compare view's alignment pairs a reworded criterion with its old wording; a
    criterion about something else is added, and the one it replaced removed."""
    old = real(BIG)
    new = copy.deepcopy(old)
    inclusion = new["eligibility"]["inclusion"]
    texts = [item["text"] for item in inclusion]
    inclusion[texts.index("Platelet count >= 100,000/mm^3")] = node(
        "Platelet count >= 100,000/mm^3 within 28 days prior to registration"
    )
    del inclusion[texts.index("Hemoglobin >= 8 gm/dl")]
    inclusion.append(node("Able to swallow oral medication"))
    assert diff_records(old, new) == [
        Change(
            "eligibility.inclusion",
            "changed",
            "Platelet count >= 100,000/mm^3",
            "Platelet count >= 100,000/mm^3 within 28 days prior to registration",
        ),
        Change("eligibility.inclusion", "added", None, "Able to swallow oral medication"),
        Change("eligibility.inclusion", "removed", "Hemoglobin >= 8 gm/dl", None),
    ]
    assert summarise(diff_records(old, new)) == "1 inclusion criterion added, 1 changed, 1 removed"


def test_criteria_trees_are_flattened() -> None:
    """NCT04267848's first inclusion criterion has two children; a child added under it is one
    criterion added, a child removed one removed."""
    old = real(BIG)
    assert flatten(old["eligibility"]["inclusion"])[:3] == [
        "A female of childbearing potential is a sexually mature female who:",
        "Has not undergone a hysterectomy or bilateral oophorectomy; or",
        "Has not been naturally postmenopausal for at least 12 consecutive months (i.e., has had "
        "menses at any time in the preceding 12 consecutive months)",
    ]
    new = copy.deepcopy(old)
    parent = new["eligibility"]["inclusion"][0]
    del parent["children"][0]
    parent["children"].append(node("Is not using highly effective contraception"))
    assert diff_records(old, new) == [
        Change(
            "eligibility.inclusion", "added", None, "Is not using highly effective contraception"
        ),
        Change(
            "eligibility.inclusion",
            "removed",
            "Has not undergone a hysterectomy or bilateral oophorectomy; or",
            None,
        ),
    ]


def test_criteria_moved_or_duplicated() -> None:
    old = {"eligibility": {"inclusion": [node("Age >= 18 years"), node("ECOG 0-1")]}}
    moved = {"eligibility": {"inclusion": [node("ECOG 0-1", node("Age >= 18 years"))]}}
    assert diff_records(old, moved) == []
    twice = {"eligibility": {"inclusion": [node("ECOG 0-1"), node("ECOG 0-1"),
                                           node("Age >= 18 years")]}}
    assert diff_records(old, twice) == [
        Change("eligibility.inclusion", "added", None, "ECOG 0-1"),
    ]


def test_notes_are_diffed_apart_from_the_criteria() -> None:
    """A note (note: true) states no criterion: one added or removed is a note's change, not
    a criterion's, in the changes, the summary and `trials history`."""
    note = {"text": "Other protocol-defined criteria may apply", "children": [], "note": True}
    old = {"eligibility": {"exclusion": [node("Pregnancy")]}}
    new = {"eligibility": {"exclusion": [node("Pregnancy"), note, node("Active infection")]}}
    changes = diff_records(old, new)
    assert changes == [
        Change("eligibility.exclusion", "added", None, "Active infection"),
        Change("eligibility.exclusion.notes", "added", None,
               "Other protocol-defined criteria may apply"),
    ]
    assert summarise(changes) == "1 exclusion criterion added; 1 exclusion criteria note added"
    assert change_line(changes[1]) == (
        "exclusion criteria note added: Other protocol-defined criteria may apply")
    assert flatten(new["eligibility"]["exclusion"]) == ["Pregnancy", "Active infection"]
    assert flatten(new["eligibility"]["exclusion"], notes=True) == [
        "Other protocol-defined criteria may apply"]


# ---------------------------------------------------------------- values and items


def test_values_objects_and_dates() -> None:
    old = real(DUPILUMAB)
    new = copy.deepcopy(old)
    new["phases"] = ["PHASE2", "PHASE3"]
    new["enrollment"] = {"count": 194, "type": "ESTIMATED"}
    new["eligibility"]["min_age"] = {"value": 12, "unit": "YEARS"}
    new["design"]["masking"] = "DOUBLE"
    new["dates"]["primary_completion"] = {"date": "2016-03", "type": "ESTIMATED"}
    new["dates"]["last_update"] = {"date": "2021-01-04", "type": "ACTUAL"}
    new["sponsor"] = "Regeneron Pharmaceuticals, Inc."
    new["summary"] = old["summary"] + " Amended."
    assert diff_records(old, new) == [
        Change("sponsor", "changed", "Regeneron Pharmaceuticals",
               "Regeneron Pharmaceuticals, Inc."),
        Change("phases", "changed", ["PHASE2"], ["PHASE2", "PHASE3"]),
        Change("summary", "changed", old["summary"], new["summary"]),
        Change("enrollment.type", "changed", "ACTUAL", "ESTIMATED"),
        Change("eligibility.min_age", "changed", {"value": 18, "unit": "YEARS"},
               {"value": 12, "unit": "YEARS"}),
        Change("design.masking", "changed", "TRIPLE", "DOUBLE"),
        Change("dates.primary_completion", "changed", {"date": "2015-09-15", "type": "ACTUAL"},
               {"date": "2016-03", "type": "ESTIMATED"}),
        Change("dates.last_update", "changed", {"date": "2020-05-07", "type": "ACTUAL"},
               {"date": "2021-01-04", "type": "ACTUAL"}),
    ]
    assert summarise(diff_records(old, new)) == (
        "sponsor Regeneron Pharmaceuticals → Regeneron Pharmaceuticals, Inc.; "
        "phases Phase 2 → Phase 2, Phase 3; summary changed; enrollment type Actual → Estimated; "
        "minimum age 18 years → 12 years; masking Triple → Double; "
        "primary completion date 2015-09-15 → 2016-03 (estimated)"
    )


def test_nullable_objects_are_added_and_removed_whole() -> None:
    old = real(SMALL)
    new = copy.deepcopy(old)
    new["enrollment"] = None
    new["ipd_sharing"] = {"plan": "NO", "description": None, "info_types": [],
                          "time_frame": None, "access_criteria": None, "url": None}
    assert diff_records(old, new) == [
        Change("enrollment", "removed", {"count": 24, "type": "ACTUAL"}, None),
        Change("ipd_sharing", "added", None, new["ipd_sharing"]),
    ]
    assert summarise(diff_records(old, new)) == "enrollment 24 → none; IPD sharing added"
    newer = copy.deepcopy(new)
    newer["ipd_sharing"]["plan"] = "UNDECIDED"
    assert diff_records(new, newer) == [Change("ipd_sharing.plan", "changed", "NO", "UNDECIDED")]
    assert summarise(diff_records(new, newer)) == "IPD sharing plan No → Undecided"


def test_lists_of_items_by_identity() -> None:
    old = real(SMALL)
    new = copy.deepcopy(old)
    new["conditions"] = ["alcohol use disorder", "Alcohol Drinking"]
    new["keywords"].remove("GABA")
    new["collaborators"] = []
    new["references"][0]["citation"] = "Schacht JP, Anton RF, Voronin KE, et al."
    new["mesh"]["conditions"] = new["mesh"]["conditions"][:1]
    new["arms"][1]["description"] = "Placebo is administered twice a day."
    new["interventions"][0]["other_names"] = ["GET 73"]
    assert diff_records(old, new) == [
        Change("conditions", "changed", "Alcohol Use Disorder", "alcohol use disorder", None,
               "alcohol use disorder"),
        Change("conditions", "added", None, "Alcohol Drinking", None, "Alcohol Drinking"),
        Change("keywords", "removed", "GABA", None, None, "GABA"),
        Change(
            "interventions",
            "changed",
            {"type": "DRUG", "name": "GET73", "description": "GET73 300 mg oral capsules...",
             "other_names": []},
            {"type": "DRUG", "name": "GET73", "description": "GET73 300 mg oral capsules...",
             "other_names": ["GET 73"]},
            "other names none → GET 73",
            "GET73",
        ),
        Change(
            "arms",
            "changed",
            {"label": "Placebo", "type": "PLACEBO_COMPARATOR",
             "description": "Placebo is administered...", "interventions": ["Other: Placebo"]},
            {"label": "Placebo", "type": "PLACEBO_COMPARATOR",
             "description": "Placebo is administered twice a day.",
             "interventions": ["Other: Placebo"]},
            "description Placebo is administered... → Placebo is administered twice a day.",
            "Placebo",
        ),
        Change("collaborators", "removed", "Latis S.r.l.", None, None, "Latis S.r.l."),
        Change("mesh.conditions", "removed", {"id": "D000000428", "term": "Alcohol Drinking"},
               None, None, "Alcohol Drinking"),
        Change(
            "references",
            "changed",
            {"pmid": "23032071", "type": "BACKGROUND",
             "citation": "Schacht JP, Anton RF, Voronin KE"},
            {"pmid": "23032071", "type": "BACKGROUND",
             "citation": "Schacht JP, Anton RF, Voronin KE, et al."},
            "citation Schacht JP, Anton RF, Voronin KE → Schacht JP, Anton RF, Voronin KE, et al.",
            "Schacht JP, Anton RF, Voronin KE, et al. (PMID 23032071)",
        ),
    ]
    assert summarise(diff_records(old, new)) == (
        "1 condition added, 1 changed; 1 keyword removed; 1 intervention changed; "
        "1 arm changed; 1 collaborator removed; 1 MeSH condition term removed; "
        "1 reference changed"
    )


def test_many_sites_change_status() -> None:
    old = real(BIG)
    new = copy.deepcopy(old)
    for site in new["locations"]:
        if site["status"] == "SUSPENDED":
            site["status"] = "ACTIVE_NOT_RECRUITING"
    new["locations"].insert(0, copy.deepcopy(LYON))
    changes = diff_records(old, new)
    assert Counter((c.kind, c.detail) for c in changes) == {
        ("added", None): 1,
        ("changed", "status Suspended → Active, not recruiting"): 393,
    }
    assert summarise(changes) == "1 site added, 393 changed"


# ---------------------------------------------------------------- results


def test_results_posted_from_a_real_record() -> None:
    """NCT01065844 (classic XML) has every results section and 2 outcome measures."""
    new = real(WITH_RESULTS)
    old = copy.deepcopy(new)
    old["results"] = None
    old["has_results"] = False
    changes = diff_records(old, new)
    assert [(c.field, c.kind, c.old, c.detail) for c in changes] == [
        ("has_results", "changed", False, None),
        (
            "results",
            "added",
            None,
            "participant flow, baseline, 2 outcome measures, adverse events, limitations, "
            "certain agreements, point of contact",
        ),
    ]
    assert changes[1].new is new["results"]
    assert summarise(changes) == "results posted"
    changed = copy.deepcopy(new)
    changed["results"]["limitations"] = "None stated."
    changed["results"]["outcome_measures"][1]["title"] = "Overall survival"
    assert [(c.field, c.kind, c.detail) for c in diff_records(new, changed)] == [
        ("results", "changed", "outcome measures, limitations"),
    ]
    assert summarise(diff_records(new, changed)) == (
        "results changed (outcome measures, limitations)"
    )
    assert [(c.field, c.kind) for c in diff_records(new, old)] == [
        ("has_results", "changed"),
        ("results", "removed"),
    ]


def test_a_results_change_names_the_numbers_that_changed() -> None:
    """NCT01065844: one more participant started, one more with a serious adverse event;
    each said where it is, by the registry's names (the change said "participant flow")."""
    old = real(WITH_RESULTS)
    new = copy.deepcopy(old)
    new["results"]["participant_flow"]["periods"][0]["milestones"][0]["counts"][0]["count"] = 16
    new["results"]["adverse_events"]["groups"][0]["serious"]["affected"] = 1
    [change] = diff_records(old, new)
    assert (change.field, change.kind) == ("results", "changed")
    assert change.detail == ("participant flow: Overall Study, Started, Nelfinavir 15 → 16; "
                             "adverse events: Nelfinavir, serious, affected 0 → 1")
    # a section whose shape changed (a group added) is named alone
    grown = copy.deepcopy(old)
    grown["results"]["participant_flow"]["groups"].append(
        {"id": "FG001", "title": "Placebo", "description": None})
    grown["results"]["participant_flow"]["periods"][0]["milestones"][0]["counts"].append(
        {"group": "FG001", "count": 3, "comment": None})
    assert diff_records(old, grown)[0].detail == "participant flow"
    # many numbers: the first two, and how many more
    many = copy.deepcopy(old)
    for milestone in many["results"]["participant_flow"]["periods"][0]["milestones"]:
        for count in milestone["counts"]:
            count["count"] = (count["count"] or 0) + 100
    detail = diff_records(old, many)[0].detail or ""
    assert detail.count("→") == 2 and detail.endswith("more)")


def test_a_number_written_another_way_is_no_results_change() -> None:
    """NCT02552212 (API v2): its first measure's value "7.0" (7 with value_text "7.0"); the
    same number written "7" is no change, another number or "NA" is."""
    old = real(DIGITS)
    measurement = old["results"]["outcome_measures"][0]["classes"][0]["categories"][0][
        "measurements"][0]
    assert (measurement["value"], measurement["value_text"]) == (7, "7.0")
    rewritten = copy.deepcopy(old)
    rewritten["results"]["outcome_measures"][0]["classes"][0]["categories"][0][
        "measurements"][0]["value_text"] = None
    assert diff_records(old, rewritten) == []
    moved = copy.deepcopy(rewritten)
    moved["results"]["outcome_measures"][0]["classes"][0]["categories"][0][
        "measurements"][0]["value"] = 7.5
    [change] = diff_records(old, moved)
    assert change.detail is not None and "7 → 7.5" in change.detail
    not_estimable = copy.deepcopy(old)
    not_estimable["results"]["outcome_measures"][0]["classes"][0]["categories"][0][
        "measurements"][0].update(value=None, value_text="NA")
    assert [c.field for c in diff_records(old, not_estimable)] == ["results"]


# ---------------------------------------------------------------- summary and fields


def test_summary_of_known_changes() -> None:
    site = {"facility": "Hôpital Edouard Herriot", "city": "Lyon", "country": "France"}
    changes = [
        Change("status", "changed", "RECRUITING", "COMPLETED"),
        Change("enrollment.count", "changed", 120, 96),
        Change("eligibility.exclusion", "added", None, "Pregnancy"),
        Change("eligibility.exclusion", "changed", "Age < 18", "Age < 16"),
        Change("eligibility.exclusion", "added", None, "Prior transplant"),
        Change("dates.last_update", "changed", {"date": "2024-01-02", "type": "ACTUAL"},
               {"date": "2024-06-30", "type": "ACTUAL"}),
        Change("locations", "added", None, site),
        Change("locations", "added", None, site),
        Change("locations", "added", None, site),
    ]
    assert summarise(changes) == (
        "status Recruiting → Completed; enrollment 120 → 96; "
        "2 exclusion criteria added, 1 changed; 3 sites added"
    )
    assert changed_fields(changes) == ["dates", "eligibility", "enrollment", "locations",
                                       "status"]
    assert summarise(changes[5:6]) == "last update 2024-01-02 → 2024-06-30"
    assert summarise([Change("acronym", "added", None, "KEYNOTE-671"),
                      Change("has_results", "changed", None, True),
                      Change("official_title", "removed", "A" * 200, None)]) == (
        "acronym none → KEYNOTE-671; has results none → yes; official title removed"
    )


# ---------------------------------------------------------------- properties

STATUSES = ["RECRUITING", "COMPLETED", "TERMINATED", "WITHDRAWN", "ACTIVE_NOT_RECRUITING"]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
PROPERTY_FILES = [SMALL, DUPILUMAB, WITH_RESULTS,
                  "ctgov-xml/ctti-clinicaltrials__aact__NCT00482794.xml"]

Edit = Callable[[Record, st.DataObject], "str | None"]


def _other(data: st.DataObject, choices: list[str], current: Any) -> str:
    return data.draw(st.sampled_from([c for c in choices if c != current]))


def _status(r: Record, data: st.DataObject) -> str:
    r["status"] = _other(data, STATUSES, r["status"])
    return "status"


def _enrollment(r: Record, data: st.DataObject) -> str:
    delta = data.draw(st.integers(1, 500))
    if isinstance(r["enrollment"], dict) and isinstance(r["enrollment"].get("count"), int):
        r["enrollment"]["count"] += delta
        return "enrollment.count"
    r["enrollment"] = {"count": delta, "type": "ACTUAL"}
    return "enrollment"


def _title(r: Record, data: st.DataObject) -> str:
    r["title"] += " " + data.draw(WORDS)
    return "title"


def _phases(r: Record, data: st.DataObject) -> str:
    r["phases"] = [p for p in r["phases"] if p != "PHASE4"] if "PHASE4" in r["phases"] \
        else [*r["phases"], "PHASE4"]
    return "phases"


def _sex(r: Record, data: st.DataObject) -> str:
    r["eligibility"]["sex"] = _other(data, ["ALL", "FEMALE", "MALE"], r["eligibility"]["sex"])
    return "eligibility.sex"


def _min_age(r: Record, data: st.DataObject) -> str:
    current = r["eligibility"]["min_age"]
    value = data.draw(st.integers(0, 99).filter(lambda v: current != {"value": v,
                                                                      "unit": "YEARS"}))
    r["eligibility"]["min_age"] = {"value": value, "unit": "YEARS"}
    return "eligibility.min_age"


def _masking(r: Record, data: st.DataObject) -> str:
    r["design"]["masking"] = _other(data, ["NONE", "SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"],
                                    r["design"]["masking"])
    return "design.masking"


def _start(r: Record, data: st.DataObject) -> str:
    r["dates"]["start"] = {"date": f"19{data.draw(st.integers(10, 99))}-01", "type": "ACTUAL"}
    return "dates.start"


def _appender(path: str, make: Callable[[str], Any]) -> Edit:
    def edit(r: Record, data: st.DataObject) -> str:
        target: Any = r
        for part in path.split("."):
            target = target[part]
        target.append(make(data.draw(WORDS)))
        return path

    return edit


def _drop_or_add(path: str, make: Callable[[str], Any]) -> Edit:
    def edit(r: Record, data: st.DataObject) -> str:
        target: Any = r
        for part in path.split("."):
            target = target[part]
        if target:
            del target[data.draw(st.integers(0, len(target) - 1))]
        else:
            target.append(make(data.draw(WORDS)))
        return path

    return edit


def _site(r: Record, data: st.DataObject) -> str:
    sites = r["locations"]
    if sites and data.draw(st.booleans()):
        site = sites[data.draw(st.integers(0, len(sites) - 1))]
        site["status"] = _other(data, STATUSES, site["status"])
    else:
        sites.append({"facility": "Zz site " + data.draw(WORDS), "city": "Lyon",
                      "country": "France", "status": "RECRUITING"})
    return "locations"


def _arm(r: Record, data: st.DataObject) -> str:
    if r["arms"]:
        arm = r["arms"][data.draw(st.integers(0, len(r["arms"]) - 1))]
        arm["description"] = (arm["description"] or "") + " amended " + data.draw(WORDS)
    else:
        r["arms"].append({"label": "Zz arm", "type": "OTHER", "description": None,
                          "interventions": []})
    return "arms"


def _results(r: Record, data: st.DataObject) -> str:
    if r["results"]:
        r["results"]["limitations"] = "Zz " + data.draw(WORDS)
    else:
        r["results"] = {"limitations": "Zz " + data.draw(WORDS), "outcome_measures": []}
    return "results"


def _has_results(r: Record, data: st.DataObject) -> str:
    r["has_results"] = not r["has_results"]
    return "has_results"


def _ipd(r: Record, data: st.DataObject) -> str:
    if r["ipd_sharing"] is None:
        r["ipd_sharing"] = {"plan": "YES", "description": data.draw(WORDS)}
        return "ipd_sharing"
    r["ipd_sharing"]["description"] = (r["ipd_sharing"]["description"] or "") + " zz"
    return "ipd_sharing.description"


EDITS: dict[str, Edit] = {
    "status": _status,
    "enrollment": _enrollment,
    "title": _title,
    "phases": _phases,
    "sex": _sex,
    "min_age": _min_age,
    "masking": _masking,
    "start": _start,
    "conditions": _appender("conditions", lambda w: "Zz condition " + w),
    "keywords": _drop_or_add("keywords", lambda w: "Zz keyword " + w),
    "collaborators": _appender("collaborators", lambda w: "Zz collaborator " + w),
    "exclusion": _appender("eligibility.exclusion", lambda w: node("Zz criterion " + w)),
    "inclusion": _drop_or_add("eligibility.inclusion", lambda w: node("Zz criterion " + w)),
    "secondary": _drop_or_add("outcomes.secondary",
                              lambda w: {"measure": "Zz " + w, "description": None,
                                         "time_frame": None}),
    "references": _appender("references",
                            lambda w: {"pmid": "99999999", "type": "RESULT", "citation": w}),
    "mesh": _appender("mesh.conditions", lambda w: {"id": "D999999", "term": "Zz " + w}),
    "locations": _site,
    "arms": _arm,
    "results": _results,
    "has_results": _has_results,
    "ipd_sharing": _ipd,
}


def _reverse(path: str) -> Edit:
    def edit(r: Record, data: st.DataObject) -> None:
        target: Any = r
        for part in path.split("."):
            target = target[part]
        target.reverse()

    return edit


def _source(r: Record, data: st.DataObject) -> None:
    r["source"]["imported_at"] = "2030-01-01T00:00:00Z"
    r["source"]["sha256"] = data.draw(WORDS)


def _warn(r: Record, data: st.DataObject) -> None:
    r["warnings"].append(data.draw(WORDS))


#: Edits that change nothing a diff reports: ignored fields, the order of lists.
NO_OPS: dict[str, Edit] = {
    "source": _source,
    "warnings": _warn,
    "sites order": _reverse("locations"),
    "conditions order": _reverse("conditions"),
    "criteria order": _reverse("eligibility.exclusion"),
    "outcomes order": _reverse("outcomes.primary"),
}


def _edited(data: st.DataObject) -> tuple[Record, Record, set[str]]:
    """A real record, a copy with a few edits, and the paths the edits changed."""
    old = real(data.draw(st.sampled_from(PROPERTY_FILES)))
    new = copy.deepcopy(old)
    names = data.draw(st.lists(st.sampled_from(sorted(EDITS)), unique=True, max_size=6))
    no_ops = data.draw(st.lists(st.sampled_from(sorted(NO_OPS)), unique=True, max_size=3))
    paths = {EDITS[name](new, data) for name in names}
    for name in no_ops:
        NO_OPS[name](new, data)
    return old, new, {path for path in paths if path is not None}


PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(st.data())
def test_property_a_record_against_itself_has_no_changes(data: st.DataObject) -> None:
    _, new, _ = _edited(data)
    assert diff_records(new, new) == []
    assert diff_records(new, copy.deepcopy(new)) == []


_SWAP = {"added": "removed", "removed": "added", "changed": "changed"}


@PROPERTIES
@given(st.data())
def test_property_diff_reports_exactly_the_paths_edited(data: st.DataObject) -> None:
    old, new, paths = _edited(data)
    before = copy.deepcopy((old, new))
    changes = diff_records(old, new)
    # (a criteria section's notes are diffed under its path + ".notes")
    assert {c.field.removesuffix(".notes") for c in changes} == paths
    assert (old, new) == before  # pure: neither record touched
    assert changed_fields(changes) == sorted({p.split(".")[0] for p in paths})
    back = diff_records(new, old)
    assert Counter((c.field, _SWAP[c.kind]) for c in back) == Counter(
        (c.field, c.kind) for c in changes
    )
    assert (summarise(changes) == "no changes") == (not paths)


def test_why_stopped_and_the_observational_design_are_named_changes() -> None:
    old = real(SMALL)
    old["why_stopped"] = None
    old["observational"] = None
    new = copy.deepcopy(old)
    new["why_stopped"] = "Sponsor decision"
    new["observational"] = {"model": "COHORT", "time_perspective": None,
                            "study_population": None, "sampling_method": None}
    assert diff_records(old, new) == [
        Change("why_stopped", "added", None, "Sponsor decision"),
        Change("observational", "added", None, new["observational"]),
    ]
    newer = copy.deepcopy(new)
    newer["observational"]["time_perspective"] = "PROSPECTIVE"
    assert summarise(diff_records(new, newer)) == "time perspective none → Prospective"


def test_age_groups_are_a_named_change() -> None:
    old = real(SMALL)
    old["age_groups"] = ["ADULT"]
    new = copy.deepcopy(old)
    new["age_groups"] = ["ADULT", "OLDER_ADULT"]
    assert summarise(diff_records(old, new)) == "age groups Adult → Adult, Older adult"


def test_a_field_a_version_was_read_without_is_not_a_change() -> None:
    """A version stored before the record had a field lacks its key: it says nothing about
    that field, so the newer version's value is no change (the registry did not add it)."""
    old = real(SMALL)
    for key in ("why_stopped", "responsible_party", "oversight", "documents"):
        old.pop(key, None)
    del old["dates"]["first_posted"]
    new = copy.deepcopy(old)
    new["why_stopped"] = "Sponsor decision"
    new["responsible_party"] = {"type": "SPONSOR", "name": None, "title": None,
                                "affiliation": None}
    new["oversight"] = {"has_dmc": True, "fda_regulated_drug": None,
                        "fda_regulated_device": None, "unapproved_device": None,
                        "us_export": None}
    new["documents"] = [{"label": "Study Protocol", "has_protocol": True, "has_sap": False,
                         "has_icf": False, "date": "2020-01-29", "filename": "Prot_000.pdf",
                         "url": None}]
    new["dates"]["first_posted"] = {"date": "2014-10-29", "type": "ESTIMATED"}
    new["status"] = "COMPLETED" if old["status"] != "COMPLETED" else "RECRUITING"
    assert [c.field for c in diff_records(old, new)] == ["status"]


def test_registration_fields_are_named_changes() -> None:
    old = real(SMALL)
    old["dates"]["first_posted"] = None
    old["last_known_status"] = None
    old["responsible_party"] = None
    old["oversight"] = {"has_dmc": False, "fda_regulated_drug": True,
                        "fda_regulated_device": None, "unapproved_device": None,
                        "us_export": None}
    old["documents"] = []
    new = copy.deepcopy(old)
    new["dates"]["first_posted"] = {"date": "2014-10-29", "type": "ACTUAL"}
    new["last_known_status"] = "RECRUITING"
    new["responsible_party"] = {"type": "PRINCIPAL_INVESTIGATOR", "name": "Jane Roe",
                                "title": None, "affiliation": None}
    new["oversight"]["has_dmc"] = True
    new["documents"] = [{"label": "Statistical Analysis Plan", "has_protocol": False,
                         "has_sap": True, "has_icf": False, "date": "2021-04-14",
                         "filename": "SAP_001.pdf", "url": None}]
    assert summarise(diff_records(old, new)) == (
        "first posted date none → 2014-10-29; last known status none → Recruiting; "
        "responsible party added; data monitoring committee no → yes; 1 document added")


def test_the_status_verified_date_is_said_only_when_nothing_else_changed() -> None:
    """The month the sponsor last confirmed the status moves with most updates: like the last
    update, it is left out of the summary when other fields changed."""
    old = real(SMALL)
    old["dates"]["status_verified"] = {"date": "2024-01", "type": None}
    alone = copy.deepcopy(old)
    alone["dates"]["status_verified"] = {"date": "2024-06", "type": None}
    assert summarise(diff_records(old, alone)) == "status verified date 2024-01 → 2024-06"
    more = copy.deepcopy(alone)
    more["enrollment"]["count"] = (old["enrollment"]["count"] or 0) + 10
    assert "status verified" not in summarise(diff_records(old, more))
