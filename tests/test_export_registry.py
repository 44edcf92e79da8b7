"""Exports of the registry sections: the CSV's Locations, Outcome Measures and Collaborators
columns in the site's form (and back through the project's ctgov-csv parser), the whole
version-2 record in JSON, and the Markdown's Outcomes, Sites and Results sections.

The records are the real files in tests/fixtures/realdata/ (copied byte for byte from
/work/shared/realdata/); expected cells were written by hand from those files, and the
site's form was checked against the site's own CSV downloads (realdata/ctgov-csv).
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from parsers import empty_record, load_records, parse_text_many
from store.compare import compare
from tui.export import csv_row, write_comparison_markdown, write_csv, write_json, write_markdown
from tui.export_markdown import trial_markdown

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
SITE_CSV = "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv"
REPAGLINIDE = "NCT00763412"  # 1 site, 9 outcomes, 4 collaborators, results
DUPILUMAB = "NCT02210780"  # 42 sites, 11 outcomes, 1 collaborator, results
CAGRISEMA = "NCT05813925"  # 22 sites in Japan and Taiwan
ECZEMA = "NCT05911841"  # no results posted
LOCATION_KEYS = ("facility", "city", "state", "zip", "country")


@cache
def _records() -> dict[str, dict[str, Any]]:
    loaded = [item for path in sorted(REALDATA.glob("*.json")) for item in load_records(path)]
    return {item.record["id"]: item.record for item in loaded}


def real(trial_id: str) -> dict[str, Any]:
    return _records()[trial_id]


def csv_text(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    write_csv(records, out)
    return out.getvalue()


def read_back(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Export as CSV, parse the file with the ctgov-csv parser."""
    loaded = parse_text_many(csv_text(records), "export.csv")
    assert {item.record["source"]["format"] for item in loaded} == {"ctgov-csv"}
    return {item.record["id"]: item.record for item in loaded}


def sites(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [{key: loc[key] for key in LOCATION_KEYS} for loc in record["locations"]]


# --- CSV cells, written by hand from the JSON ------------------------------------------------


def test_csv_cells_in_the_sites_form() -> None:
    row = csv_row(real(REPAGLINIDE))
    assert row["Locations"] == (
        "Washington University School of Medicine, Saint Louis, Missouri, 63110, United States"
    )
    assert row["Primary Outcome Measures"] == (
        "BMI, 2 year/end of study|"
        "Body Composition, Reporting % of Fat and Lean body mass, 2 year/end of study|"
        "CRP, 2 year/end of study"
    )
    assert row["Secondary Outcome Measures"] == (
        "Glucose Tolerance, We completed the OGTT at the 2 year/end of study visit., 2-year|"
        "Inflammatory Markers, 2 year/end of study|"
        "Wt Z Score, 2 year/end of study|"
        "Tanner Stage, Puberty scale measuring 1-5, 1 being least development, 5 being most "
        "development., 2 year/end of study|"
        "FEV 1, % of lung function, 2 year/end of study|"
        "C-Peptide, 2 year"
    )
    assert row["Other Outcome Measures"] == ""
    assert row["Collaborators"] == (
        "Washington University School of Medicine|National Institutes of Health (NIH)|"
        "Novo Nordisk A/S|National Institute of Diabetes and Digestive and Kidney Diseases "
        "(NIDDK)"
    )


def test_locations_leave_out_the_parts_a_site_does_not_state() -> None:
    row = csv_row(real(CAGRISEMA))
    entries = row["Locations"].split("|")
    assert len(entries) == 22
    assert entries[0] == "Novo Nordisk Investigational Site, Koriyama-shi, Fukushima, Japan, " \
                         "963-8851, Japan"  # the registry's state is "Fukushima, Japan"
    assert entries[3] == "Novo Nordisk Investigational Site, Aichi, 468-0009, Japan"  # no state
    assert entries[-1] == "Novo Nordisk Investigational Site, Taipei City, 10048, Taiwan"


def test_the_form_matches_the_sites_own_download() -> None:
    """A real site CSV row, parsed and exported again, gives back the site's cells."""
    path = REALDATA / "ctgov-csv" / SITE_CSV
    if not path.exists():
        path = Path("/work/shared/realdata/ctgov-csv") / path.name
    if not path.exists():
        pytest.skip("no real site CSV")
    text = path.read_text(encoding="utf-8-sig")
    site = next(row for row in csv.DictReader(io.StringIO(text, newline=""))
                if row["NCT Number"] == "NCT03555344")
    # the cells as the site wrote them
    assert site["Locations"] == "NMP Medical Research Institute, Jaipur, Rajasthan, 302019, India"
    assert site["Collaborators"] == (
        "Warwick Research Services|Swamigal Trust for Vedic Science, India")
    record = next(item.record for item in parse_text_many(text, path.name)
                  if item.record["id"] == "NCT03555344")
    row = csv_row(record)
    for column in ("Locations", "Primary Outcome Measures", "Secondary Outcome Measures",
                   "Collaborators"):
        assert row[column] == site[column], column


# --- CSV round trip through the ctgov-csv parser ---------------------------------------------


@pytest.mark.parametrize("trial_id", [REPAGLINIDE, DUPILUMAB])
def test_csv_round_trip_keeps_sites_outcomes_collaborators(trial_id: str) -> None:
    record = real(trial_id)
    back = read_back([record])[trial_id]
    assert sites(back) == sites(record)
    assert back["locations_count"] == record["locations_count"] == len(record["locations"])
    assert back["outcomes"] == record["outcomes"]
    assert back["collaborators"] == record["collaborators"]
    assert back["warnings"] == []


def test_csv_round_trip_of_every_real_record_keeps_counts_countries_collaborators() -> None:
    """The form cannot always be split back exactly (the site does not quote a ", " inside
    a part: "Karolinska University Hospital, Huddinge Neuroradiology"), but the number of
    sites and of outcomes, each site's country, and the collaborators always come back."""
    records = list(_records().values())
    back = read_back(records)
    for record in records:
        again = back[record["id"]]
        assert [loc["country"] for loc in again["locations"]] == [
            loc["country"] for loc in record["locations"]], record["id"]
        assert again["locations_count"] == (len(record["locations"]) or None), record["id"]
        for kind in ("primary", "secondary", "other"):
            assert len(again["outcomes"][kind]) == len(record["outcomes"][kind]), record["id"]
        assert again["collaborators"] == record["collaborators"], record["id"]


def test_unlisted_sites_are_placeholders_and_pipes_are_escaped() -> None:
    record = empty_record()
    record.update(id="NCT01234567", nct_id="NCT01234567", title="T", locations_count=3,
                  collaborators=["A | B", "C\\D"])
    record["locations"] = [{"facility": "Clinic | North", "city": "Lyon", "state": None,
                            "zip": None, "country": "France", "status": None, "geo": None,
                            "contacts": []}]
    record["outcomes"]["other"] = [{"measure": "Pain | VAS", "description": None,
                                    "time_frame": None}]
    row = csv_row(record)
    assert row["Locations"] == ("Clinic \\| North, Lyon, France|Location 2 of 3 (not recorded)|"
                                "Location 3 of 3 (not recorded)")
    assert row["Collaborators"] == "A \\| B|C\\\\D"
    assert row["Other Outcome Measures"] == "Pain \\| VAS"
    back = read_back([record])["NCT01234567"]
    assert sites(back) == [{"facility": "Clinic | North", "city": "Lyon", "state": None,
                            "zip": None, "country": "France"}]
    assert back["locations_count"] == 3
    assert back["collaborators"] == ["A | B", "C\\D"]
    assert back["outcomes"]["other"] == record["outcomes"]["other"]


# --- JSON ------------------------------------------------------------------------------------


def test_json_export_is_the_whole_version_2_record() -> None:
    record = real(DUPILUMAB)
    out = io.StringIO()
    assert write_json([record], out) == 1
    (data,) = json.loads(out.getvalue())
    assert data == json.loads(json.dumps(record))
    assert data["record_version"] == 2
    assert len(data["locations"]) == 42
    assert data["results"]["outcome_measures"][0]["classes"][0]["categories"][0][
        "measurements"][1]["value"] == 83.3
    assert data["mesh"]["conditions"][0] == {"id": "D000003876", "term": "Dermatitis, Atopic"}


# --- Markdown --------------------------------------------------------------------------------


def _tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def _all(tokens: list[Token]) -> list[Token]:
    out = []
    for token in tokens:
        out += [token, *_all(token.children or [])]
    return out


def _headings(text: str) -> list[tuple[str, str]]:
    tokens = _tokens(text)
    return [(t.tag, "".join(c.content for c in tokens[i + 1].children or []))
            for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_markdown_outcomes_sites_results_sections() -> None:
    text = trial_markdown(real(REPAGLINIDE))
    headings = _headings(text)
    start = headings.index(("h3", "Outcomes"))
    assert headings[start:] == [
        ("h3", "Outcomes"), ("h4", "Primary (3)"), ("h4", "Secondary (6)"),
        ("h3", "Sites (1 site in 1 country)"), ("h4", "United States (1)"),
        ("h3", "Results"), ("h4", "Primary outcome: BMI"),
        ("h4", "Primary outcome: Body Composition"), ("h4", "Primary outcome: CRP"),
        ("h4", "Secondary outcome: Glucose Tolerance"),
        ("h4", "Secondary outcome: Inflammatory Markers"),
        ("h4", "Secondary outcome: Wt Z Score"), ("h4", "Secondary outcome: Tanner Stage"),
        ("h4", "Secondary outcome: FEV 1"), ("h4", "Secondary outcome: C-Peptide"),
        ("h4", "Participant flow"), ("h4", "Baseline characteristics"),
        ("h4", "Adverse events"), ("h4", "More information"),
    ]
    assert "2. **Body Composition** (time frame: 2 year/end of study)\n" \
           "   Reporting % of Fat and Lean body mass\n" in text
    assert "- Washington University School of Medicine, Saint Louis, Missouri, 63110\n" in text
    assert "- **Collaborators:** Washington University School of Medicine; National " in text
    assert ("|  | 1 Placebo | 2. Repaglinide |\n|---|---|---|\n"
            "| Participants analysed | 4 | 4 |\n"
            "| Value | 19.63 (range 15.56 to 22.64) | 21.19 (range 20.78 to 21.8) |") in text
    assert ("| Fat | 19.82 (range 12 to 37.8) | 26.21 (range 8.78 to 34.26) |\n"
            "| Lean | 77.15 (range 59.54 to 87.84) | 70.83 (range 62.82 to 87.8) |") in text
    assert ("| IL1 | 0.14 (range 0.13 to 0.17) | 0.34 (range 0.13 to 1) |\n"
            "| IL6 | 10.4 (range 0.54 to 28.6) | 6 (range 2.2 to 11.9) |") in text
    assert ("**Overall Study**\n\n|  | Placebo | 2. Repaglinide |\n|---|---|---|\n"
            "| Started | 8 | 8 |\n| Completed | 4 | 4 |\n| Not completed | 4 | 4 |\n") in text
    assert "| Participants | 4 | 4 | 8 |\n| **Age, Categorical** |  |  |  |\n" \
           "| – \\<=18 years | 3 | 3 | 6 |\n" in text
    assert ("| **Age, Continuous** (Median (Full range), years) | 16 (range 12 to 18) | "
            "15 (range 12 to 22) | 15.5 (range 12 to 22) |") in text
    assert "| Deaths | 0 / 8 (0.0%) | 0 / 8 (0.0%) |" in text


def test_markdown_flow_withdrawals_and_every_adverse_event() -> None:
    text = trial_markdown(real(DUPILUMAB))
    assert ("| Not completed | 5 | 8 |\n| Withdrawn: Adverse Event | 0 | 5 |\n"
            "| Withdrawn: Lost to Follow-up | 2 | 1 |\n") in text  # as the registry spells them
    assert "**Frequency threshold for other adverse events:** 5%" in text
    assert ("| Serious adverse events | 0 / 97 (0.0%) | 3 / 97 (3.1%) |\n"
            "| Other adverse events | 29 / 97 (29.9%) | 30 / 97 (30.9%) |") in text
    other = text.split("**Other adverse events (6)**\n\n")[1].split("\n\n")[0].splitlines()
    assert len(other) == 2 + 6  # header, rule, every event
    assert other[3] == ("| Conjunctivitis (Infections and infestations) | 0 / 97 (0.0%) | "
                        "8 / 97 (8.2%) |")
    assert "**Serious adverse events (3)**" in text
    assert "| – Black or African American | 17 | 23 | 40 |" in text


def test_markdown_sites_grouped_by_country_every_site_listed() -> None:
    text = trial_markdown(real(CAGRISEMA))
    assert ("h3", "Sites (22 sites in 2 countries)") in _headings(text)
    japan = text.split("#### Japan (21)\n\n")[1].split("\n\n")[0].splitlines()
    assert len(japan) == 21
    assert japan[0] == ("- Novo Nordisk Investigational Site, Koriyama-shi, Fukushima, Japan, "
                        "963-8851 (Recruiting)")
    assert "#### Taiwan (1)\n\n- Novo Nordisk Investigational Site, Taipei City, 10048 " \
           "(Recruiting)\n" in text


def test_markdown_p_value_and_no_results() -> None:
    text = trial_markdown(real("NCT02552212"))
    assert ("- Placebo (FAS) vs CZP 200 mg Q2W (FAS): "
            "p \\< 0.001 (Regression, Logistic; Odds Ratio (OR) 15.231, 95% CI 7.336 to "
            "31.623, two-sided)") in text  # "<" escaped: Markdown data, never HTML
    assert "| Participants analysed | 158 | 159 |\n| Value | 7.0 | 47.2 |" in text
    none = trial_markdown(real(ECZEMA))
    assert none.endswith("### Results\n\nNo results posted.\n")


def test_markdown_registry_text_is_escaped() -> None:
    record = empty_record()
    record.update(id="NCT01234567", nct_id="NCT01234567", title="T",
                  collaborators=["[x](http://e.com)"])
    record["locations"] = [{"facility": "# Clinic | <b>x</b>", "city": "1. Lyon",
                            "state": None, "zip": None, "country": "## France",
                            "status": "RECRUITING", "geo": None, "contacts": []}]
    record["outcomes"]["primary"] = [{"measure": "- `code`", "description": "> quote",
                                      "time_frame": "*week* 1"}]
    record["results"] = {"outcome_measures": [{
        "type": "PRIMARY", "title": "| t |", "unit": "<i>", "param_type": None,
        "dispersion_type": None, "time_frame": None, "reporting_status": "POSTED",
        "groups": [{"id": "OG000", "title": "| g |", "description": None}],
        "denoms": [], "analyses": [],
        "classes": [{"title": "# c", "categories": [{"title": None, "measurements": [
            {"group": "OG000", "value": None, "value_text": "[NA](x)", "spread": None,
             "lower": None, "upper": None, "comment": None}]}]}],
    }]}
    record["results"]["participant_flow"] = {
        "recruitment": "<script>", "pre_assignment": None,
        "groups": [{"id": "FG000", "title": "[g](x)", "description": None}],
        "periods": [{"title": "# p", "milestones": [{"type": "STARTED", "comment": "`c`",
                     "counts": [{"group": "FG000", "count": 3, "comment": "*x*"}]}],
                     "withdrawals": []}]}
    record["results"]["adverse_events"] = {
        "time_frame": "> q", "description": None, "frequency_threshold": None,
        "groups": [{"id": "EG000", "title": "| e |", "description": None,
                    "deaths": {"affected": 0, "at_risk": 3},
                    "serious": {"affected": 1, "at_risk": 3},
                    "other": {"affected": None, "at_risk": None}}],
        "serious": [{"term": "<b>x</b>", "organ_system": "_s_", "vocabulary": None,
                     "assessment": None, "notes": "![i](y)",
                     "counts": [{"group": "EG000", "affected": 1, "events": 1,
                                 "at_risk": 3}]}],
        "other": []}
    out = io.StringIO()
    write_markdown([record], out)
    text = out.getvalue()
    kinds = {t.type for t in _all(_tokens(text))}
    assert not kinds & {"link_open", "html_inline", "html_block", "code_inline", "em_open",
                        "blockquote_open"}
    assert [h for h in _headings(text) if h[0] == "h4"] == [
        ("h4", "Primary (1)"), ("h4", "## France (1)"), ("h4", "Primary outcome: | t |"),
        ("h4", "Participant flow"), ("h4", "Adverse events")]
    tables = [t for t in _tokens(text) if t.type == "table_open"]
    # the measure's, the flow's, the events' totals and serious events: "|" in text never
    # makes a table
    assert len(tables) == 4
    assert "image" not in kinds


# --- the comparison's Markdown ---------------------------------------------------------------


def test_comparison_markdown_has_outcomes_and_results_side_by_side() -> None:
    records = [real(DUPILUMAB), real(ECZEMA)]
    out = io.StringIO()
    write_comparison_markdown(records, out, compare(records))
    text = out.getvalue()
    h2 = [title for tag, title in _headings(text) if tag == "h2"]
    assert h2 == ["Results", "Arms", "Inclusion criteria", "Exclusion criteria",
                  "Primary outcomes",
                  "Secondary outcomes", "Titles"]
    assert ("| ≈ 68 | Percentage of Participants Achieving an Investigator's Global "
            "Assessment (IGA) Score of \"0\" or \"1\" at Week 16 · Time frame: Week 16 | "
            "Percentage of Participants Achieving Validated Investigator's Global Assessment "
            "for AD (viGA-AD) of 0 or 1 · Time frame: Week 16 |") in text
    results = text.split("## Results\n\n")[1].split("\n\n")[0]
    assert results.endswith("Placebo qw: 83.7 (n=92)<br>Dupilumab 300 mg qw: 83.3 (n=90) | "
                            "No results posted |")
    assert "| ≠ **Countries** |" in text and "| MeSH terms, shared | Dermatitis, Atopic<br>" \
                                              "Dermatitis<br>Eczema |" in text


def test_markdown_flow_comments_said_once_and_by_whom() -> None:
    record = empty_record()
    record.update(id="NCT01234567", nct_id="NCT01234567", title="T", has_results=True)
    both = "Through discharge"
    record["results"] = {"outcome_measures": [], "participant_flow": {
        "recruitment": None, "pre_assignment": None,
        "groups": [{"id": "FG000", "title": "Drug", "description": None},
                   {"id": "FG001", "title": "Placebo", "description": None}],
        "periods": [{"title": "Main", "milestones": [
            {"type": "COMPLETED", "comment": None,
             "counts": [{"group": "FG000", "count": 5, "comment": both},
                        {"group": "FG001", "count": 4, "comment": both}]},
            {"type": "NOT COMPLETED", "comment": "Lost", "counts": [
                {"group": "FG000", "count": 1, "comment": "One moved"},
                {"group": "FG001", "count": 0, "comment": None}]}],
            "withdrawals": []}]}}
    text = trial_markdown(record)
    assert "| Completed | 5 | 4 |\n| Not completed | 1 | 0 |\n" in text
    assert ("- Completed: Through discharge\n- Not completed: Lost\n"
            "- Not completed (Drug): One moved\n") in text
