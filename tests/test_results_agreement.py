"""The results' certain agreements: whether the principal investigators are the sponsor's
employees and whether an agreement restricts what they may publish, read from API v2
(moreInfoModule.certainAgreement) and classic XML (<certain_agreements> sentences), shown in
the Results tab and the Markdown, and a change of them is a results change.

Expected values read by hand from the real files in tests/fixtures/realdata.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import plain

from parsers import load_records
from store.diff import diff_records
from tui.export_markdown import trial_markdown
from tui.results_view import results_view

REAL = Path(__file__).resolve().parent / "fixtures" / "realdata"
XML = REAL / "ctgov-xml"
GT60_JSON = REAL / "ctti-clinicaltrials__aact__NCT02552212.json"
OTHER_JSON = REAL / "ctti-clinicaltrials__aact__NCT02210780.json"
EMPLOYEE_ONLY_JSON = REAL / "ctti-clinicaltrials__aact__NCT05594173.json"
LTE60_XML = XML / "ctti-clinicaltrials__aact__NCT01076361.xml"
EMPLOYED_XML = XML / "ctti-clinicaltrials__aact__NCT01065844.xml"
OTHER_XML = REAL / "results-xml" / "chartgerink__2017ctgov__NCT00087529.xml"


@cache
def _record(path: Path) -> dict[str, Any]:
    [loaded] = load_records(path)
    return loaded.record


def _agreement(path: Path) -> dict[str, Any] | None:
    agreement: dict[str, Any] | None = _record(path)["results"]["certain_agreement"]
    return agreement


@pytest.mark.parametrize(("path", "expected"), [
    (GT60_JSON, {"pi_sponsor_employee": False, "restrictive": True,
                 "restriction_type": "GT60", "details": None}),
    (EMPLOYEE_ONLY_JSON, {"pi_sponsor_employee": True, "restrictive": None,
                          "restriction_type": None, "details": None}),
    (LTE60_XML, {"pi_sponsor_employee": False, "restrictive": True,
                 "restriction_type": "LTE60", "details": None}),
    (EMPLOYED_XML, {"pi_sponsor_employee": True, "restrictive": False,
                    "restriction_type": None, "details": None}),
], ids=["json-gt60", "json-employee-only", "xml-lte60", "xml-employed-not-restrictive"])
def test_agreement_is_read_from_either_format(path: Path, expected: dict[str, Any]) -> None:
    assert _agreement(path) == expected


def test_other_agreement_keeps_its_description() -> None:
    json_agreement = _agreement(OTHER_JSON)
    assert json_agreement is not None
    assert (json_agreement["restrictive"], json_agreement["restriction_type"]) == (True, "OTHER")
    assert json_agreement["details"].startswith(
        "The investigator has the right to independently publish study results from the "
        "investigator's site after a multi-center publication")
    xml_agreement = _agreement(OTHER_XML)
    assert xml_agreement is not None
    assert (xml_agreement["pi_sponsor_employee"], xml_agreement["restrictive"],
            xml_agreement["restriction_type"]) == (False, True, "OTHER")
    assert xml_agreement["details"].startswith(
        "The Study being conducted under this Agreement is part of the Overall Study.")
    assert xml_agreement["details"].endswith("intellectual property rights.")


def test_results_tab_shows_the_agreements() -> None:
    text = plain(results_view(_record(GT60_JSON)).whole(), 300)
    heading = text.index("Certain agreements")
    assert heading < text.index("Point of contact")
    shown = text[heading:text.index("Point of contact")]
    assert "Principal investigators  Not employed by the sponsor" in shown
    assert "delay them for more than 60 days, up to 180 days" in shown
    employed = plain(results_view(_record(EMPLOYED_XML)).whole(), 300)
    assert "Employed by the sponsor" in employed
    assert "No agreement restricts the principal investigators' rights" in employed


def test_markdown_lists_more_information() -> None:
    markdown = trial_markdown(_record(OTHER_XML))
    section = markdown[markdown.index("#### More information"):]
    assert "**Principal investigators:** Not employed by the sponsor" in section
    assert ("**Publication restricted:** The Study being conducted under this Agreement is "
            "part of the Overall Study.") in section
    assert "**Point of contact:**" in section
    lte60 = trial_markdown(_record(LTE60_XML))
    assert "delay them for up to 60 days" in lte60[lte60.index("#### More information"):]


def test_a_changed_agreement_is_a_results_change() -> None:
    old = _record(GT60_JSON)
    new = copy.deepcopy(old)
    new["results"]["certain_agreement"]["restriction_type"] = "LTE60"
    [change] = [c for c in diff_records(old, new) if c.field == "results"]
    assert change.detail == "certain agreements"
