"""`trials export`: CSV in the site's layout that re-imports without loss, JSON, Markdown."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from parsers import parse_text, parse_text_many
from parsers.record import empty_record
from store import TrialStore
from tui.compare_view import field_rows
from tui.export import (
    age_cell,
    csv_row,
    md_text,
    write_comparison_markdown,
    write_csv,
    write_file,
    write_markdown,
)

#: The conftest fixture run_cli: `trials ARGV` → exit status, stdout, stderr.
RunCli = Callable[..., tuple[int, str, str]]
SEED_IDS = ["LOCAL-560cb85369", "LOCAL-826653db64", "NCT01494480", "NCT02249676", "NCT06360861"]
NMO = "NCT02249676"
ALS = "NCT01494480"
HEADER = [
    "NCT Number", "Study Title", "Study URL", "Acronym", "Study Status", "Brief Summary",
    "Study Results", "Conditions", "Interventions", "Primary Outcome Measures",
    "Secondary Outcome Measures", "Other Outcome Measures", "Sponsor", "Collaborators", "Sex",
    "Age", "Phases", "Enrollment", "Funder Type", "Study Type", "Study Design", "Other IDs",
    "Start Date", "Primary Completion Date", "Completion Date", "First Posted",
    "Results First Posted", "Last Update Posted", "Locations", "Study Documents",
]
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def carried(record: dict[str, Any]) -> dict[str, Any]:
    """The fields the site's CSV layout carries (dates and enrollment without their type,
    interventions without their description)."""
    eligibility = record["eligibility"]
    return {
        "id": record["id"],
        "nct_id": record["nct_id"],
        "title": record["title"],
        "acronym": record["acronym"],
        "status": record["status"],
        "summary": record["summary"],
        "has_results": record["has_results"],
        "conditions": record["conditions"],
        "interventions": [(i["type"], i["name"]) for i in record["interventions"]],
        "sponsor": record["sponsor"],
        "sex": eligibility["sex"],
        "min_age": eligibility["min_age"],
        "max_age": eligibility["max_age"],
        "phases": record["phases"],
        "enrollment": record["enrollment"] and record["enrollment"]["count"],
        "funder_types": record["funder_types"],
        "study_type": record["study_type"],
        "design": record["design"],
        "other_ids": record["other_ids"],
        "dates": {key: entry and entry["date"] for key, entry in record["dates"].items()},
        "locations_count": record["locations_count"],
    }


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- CSV: the site's layout ------------------------------------------------------------------


def test_csv_header_is_the_sites_column_layout(seeded_cli_db: Path, run_cli: RunCli) -> None:
    code, out, err = run_cli("export", "amyotrophic", "--format", "csv")
    assert code == 0 and err == ""
    assert next(csv.reader(io.StringIO(out))) == HEADER
    assert out.endswith("\r\n") and out.count("\r\n") == 2  # header and one row, RFC 4180


def test_csv_cells_use_the_sites_spellings(seeded_cli_db: Path, run_cli: RunCli) -> None:
    _, out, _ = run_cli("export", f"id:{NMO}", "--format", "csv")
    [row] = csv_rows(out)
    assert row["NCT Number"] == NMO
    assert row["Study URL"] == f"https://clinicaltrials.gov/study/{NMO}"
    assert row["Study Status"] == "COMPLETED"
    assert row["Conditions"] == (
        "Devic's Disease|Devic's Syndrome|Devic Syndrome|Devic Disease|"
        "Devic's Neuromyelitis Optica"
    )
    assert row["Interventions"] == "BIOLOGICAL: Autologous mesenchymal stem cells"
    assert row["Study Design"] == (
        "Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: NONE|"
        "Primary Purpose: TREATMENT"
    )
    assert row["Sex"] == "ALL"
    assert row["Age"] == "18 Years to 80 Years   (ADULT, OLDER_ADULT)"
    assert (row["Phases"], row["Enrollment"], row["Funder Type"]) == ("PHASE2", "15", "OTHER")
    assert (row["Study Type"], row["Other IDs"]) == ("INTERVENTIONAL", "IRB2013-055-02")
    assert row["Locations"] == "Location 1 of 1 (not recorded)"
    assert row["Study Results"] == ""  # unknown stays empty, never "NO"
    assert row["Collaborators"] == row["First Posted"] == row["Study Documents"] == ""


def test_multi_valued_cells_are_joined_with_pipes() -> None:
    record = empty_record()
    record.update(
        id="NCT01234567", nct_id="NCT01234567", title="T", phases=["PHASE1", "PHASE2"],
        interventions=[{"type": "DRUG", "name": "X", "description": "d"},
                       {"type": "BEHAVIORAL", "name": "Y", "description": None},
                       {"type": None, "name": "Z", "description": None}],
        design={"primary_purpose": "TREATMENT", "allocation": "RANDOMIZED",
                "intervention_model": "PARALLEL", "masking": "DOUBLE"},
        has_results=False, funder_types=["INDUSTRY", "NIH"],
    )
    row = csv_row(record)
    assert row["Interventions"] == "DRUG: X|BEHAVIORAL: Y|Z"
    assert row["Phases"] == "PHASE1|PHASE2"
    assert row["Funder Type"] == "INDUSTRY|NIH"
    assert row["Study Design"] == (
        "Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: DOUBLE|"
        "Primary Purpose: TREATMENT"
    )
    assert row["Study Results"] == "NO"


def _age(value: float, unit: str = "YEARS") -> dict[str, Any]:
    return {"value": value, "unit": unit}


@pytest.mark.parametrize(
    ("low", "high", "cell"),
    [
        (None, None, ""),
        (_age(18), None, "18 Years and older   (ADULT, OLDER_ADULT)"),
        (None, _age(17), "up to 17 Years   (CHILD)"),
        (_age(6, "MONTHS"), _age(17), "6 Months to 17 Years   (CHILD)"),
        (_age(17), _age(45), "17 Years to 45 Years   (CHILD, ADULT)"),
        (_age(65), None, "65 Years and older   (OLDER_ADULT)"),
        (_age(1), _age(2.5), "1 Year to 2.5 Years   (CHILD)"),
        (_age(28, "DAYS"), _age(64), "28 Days to 64 Years   (CHILD, ADULT)"),
    ],
)
def test_age_cell_reads_back(low: Any, high: Any, cell: str) -> None:
    eligibility = {"min_age": low, "max_age": high}
    assert age_cell(eligibility) == cell
    back = parse_text(f"NCT Number,Study Title,Age\nNCT01234567,T,\"{cell}\"\n")
    assert (back["eligibility"]["min_age"], back["eligibility"]["max_age"]) == (low, high)
    assert back["warnings"] == []


# --- CSV: the round trip ---------------------------------------------------------------------


def _round_trip(
    source_db: Path, tmp_path: Path, run_cli: RunCli
) -> tuple[dict[str, dict], dict[str, dict]]:
    """Export every trial of source_db as CSV, `trials import` it into a fresh store."""
    out = tmp_path / "export.csv"
    code, _, err = run_cli("--db", str(source_db), "export", "--all", "-o", str(out))
    assert code == 0, err
    fresh = tmp_path / "fresh" / "trials.json"
    code, _, err = run_cli("--db", str(fresh), "import", str(out))
    assert code == 0, err
    before = {r["id"]: r for r in TrialStore(source_db)}
    after = {r["id"]: r for r in TrialStore(fresh)}
    return before, after


def test_seeds_round_trip_through_csv_without_loss(
    seeded_cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    before, after = _round_trip(seeded_cli_db, tmp_path, run_cli)
    assert sorted(after) == SEED_IDS  # the LOCAL- ids survive too
    for trial_id, record in before.items():
        assert carried(after[trial_id]) == carried(record), trial_id
        assert after[trial_id]["warnings"] == []
        assert after[trial_id]["source"]["format"] == "ctgov-csv"


def _study(nct: str | None, title: str, **protocol: Any) -> dict[str, Any]:
    ident: dict[str, Any] = {"briefTitle": title, "officialTitle": f"Official {title}"}
    if nct:
        ident["nctId"] = nct
    return {"protocolSection": {"identificationModule": ident, **protocol}}


TRICKY = _study(
    "NCT09999991",
    'Aspirin, the "wonder" drug | part 1 – café, 痛み ≥ 18',
    statusModule={
        "overallStatus": "ACTIVE_NOT_RECRUITING",
        "startDateStruct": {"date": "2020-01", "type": "ACTUAL"},
        "primaryCompletionDateStruct": {"date": "2021-02-03", "type": "ESTIMATED"},
        "completionDateStruct": {"date": "2022", "type": "ESTIMATED"},
        "lastUpdatePostDateStruct": {"date": "2023-04-05", "type": "ACTUAL"},
    },
    sponsorCollaboratorsModule={"leadSponsor": {"name": 'Acme, "Inc" | Ltd', "class": "INDUSTRY"}},
    descriptionModule={
        "briefSummary": 'First line, with "quotes" | pipes;\nsecond line \\ backslash.\n\n'
        "Second paragraph: ñ, ü, 中文, emoji 🧪, =SUM(A1), trailing backslash \\"
    },
    conditionsModule={
        "conditions": ["Pain | chronic", 'Back, "lower"', "Ünïcödé 痛み", "ends with \\",
                       "has \\| both", "=1+2"],
        "keywords": ["not carried"],
    },
    designModule={
        "studyType": "INTERVENTIONAL",
        "phases": ["PHASE2", "PHASE3"],
        "designInfo": {"allocation": "NON_RANDOMIZED", "interventionModel": "CROSSOVER",
                       "primaryPurpose": "SUPPORTIVE_CARE", "maskingInfo": {"masking": "TRIPLE"}},
        "enrollmentInfo": {"count": 1200, "type": "ESTIMATED"},
    },
    armsInterventionsModule={
        "interventions": [
            {"type": "DRUG", "name": "Aspirin | 100 mg, oral", "description": "not carried"},
            {"type": "DIETARY_SUPPLEMENT", "name": 'Vitamin "D": 1000 IU'},
            {"type": "OTHER", "name": "Back\\slash"},
        ]
    },
    eligibilityModule={"sex": "FEMALE", "minimumAge": "6 Months", "maximumAge": "17 Years"},
    contactsLocationsModule={"locations": [{"city": "A"}, {"city": "B"}, {"city": "C"}]},
)
TRICKY["protocolSection"]["identificationModule"].update(
    acronym="ASP|IRIN", orgStudyIdInfo={"id": "ORG|1"}, secondaryIdInfos=[{"id": "EU, 2020"}]
)
TRICKY["hasResults"] = True
# No NCT number, no status, no dates, nothing but a title and a summary: a LOCAL- id.
BARE = _study(None, "Bare trial, no NCT number", descriptionModule={"briefSummary": "Only this."})


def test_tricky_text_round_trips_through_csv_without_loss(
    tmp_path: Path, run_cli: RunCli
) -> None:
    studies = tmp_path / "studies.json"
    studies.write_text(json.dumps([TRICKY, BARE], ensure_ascii=False), encoding="utf-8")
    source = tmp_path / "source" / "trials.json"
    assert not TrialStore(source).import_paths([studies]).failed
    before, after = _round_trip(source, tmp_path, run_cli)
    local = next(trial_id for trial_id in before if trial_id.startswith("LOCAL-"))
    assert sorted(after) == sorted(before) == sorted(["NCT09999991", local])
    for trial_id, record in before.items():
        assert carried(after[trial_id]) == carried(record), trial_id
        assert after[trial_id]["warnings"] == []
    tricky = after["NCT09999991"]
    assert tricky["conditions"][0] == "Pain | chronic"
    assert tricky["conditions"][3:5] == ["ends with \\", "has \\| both"]
    assert tricky["locations_count"] == 3 and tricky["has_results"] is True
    assert after[local]["nct_id"] is None and after[local]["status"] is None


def test_writer_and_parser_agree_on_escapes_and_empty_values() -> None:
    """Straight through the writer and the parser, without a store."""
    full = empty_record()
    full.update(
        id="LOCAL-0123456789", title="x|y \\| z \\", other_ids=["a|b", "c\\", "\\|"],
        conditions=["|", "\\\\", "p|q|r"], summary="line 1\nline 2 | \\\n\nparagraph",
        interventions=[{"type": "DEVICE", "name": "A: b | c", "description": None}],
        locations_count=2, enrollment={"count": 0, "type": "ACTUAL"},
    )
    empty = empty_record()
    empty.update(id="NCT00000001", nct_id="NCT00000001", title="Nothing else known")
    buffer = io.StringIO(newline="")
    assert write_csv([full, empty], buffer) == 2
    back = [loaded.record for loaded in parse_text_many(buffer.getvalue(), "x.csv")]
    assert [carried(record) for record in back] == [carried(full), carried(empty)]
    assert all(record["warnings"] == [] for record in back)
    # The one value the layout cannot tell apart: no locations is an empty cell, as on the site.
    assert csv_row({**empty, "locations_count": 0})["Locations"] == ""


# --- CSV parser: what the export relies on ---------------------------------------------------


def test_csv_parser_takes_a_local_id_from_the_nct_number_column() -> None:
    record = parse_text("NCT Number,Study Title\nLOCAL-ABCDEF0123,T\n")
    assert (record["id"], record["nct_id"], record["warnings"]) == ("LOCAL-abcdef0123", None, [])
    record = parse_text("NCT Number,Study Title\nLOCAL-xyz,T\n")
    assert record["id"].startswith("LOCAL-") and record["id"] != "LOCAL-xyz"
    assert record["warnings"] == ["NCT Number: not an NCT id: 'LOCAL-xyz'"]


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("a|b", ["a", "b"]),
        ("a\\|b|c", ["a|b", "c"]),
        ("a\\\\|b", ["a\\", "b"]),
        ("C:\\temp|D", ["C:\\temp", "D"]),  # a lone backslash reads as itself
        ("end\\", ["end\\"]),
    ],
)
def test_csv_parser_reads_escaped_pipes_and_backslashes(cell: str, values: list[str]) -> None:
    record = parse_text(f'NCT Number,Study Title,Conditions\nNCT01234567,T,"{cell}"\n')
    assert record["conditions"] == values


# --- JSON ------------------------------------------------------------------------------------


def test_json_is_the_records_as_list_json_prints_them(
    seeded_cli_db: Path, run_cli: RunCli
) -> None:
    code, exported, _ = run_cli("export", "--all", "--format", "json")
    _, listed, _ = run_cli("list", "--json")
    assert code == 0
    assert exported == listed  # byte for byte
    _, shown, _ = run_cli("show", ALS, "--json")
    _, one, _ = run_cli("export", f"id:{ALS}", "-f", "json")
    assert json.loads(one) == [json.loads(shown)]
    assert one == orjson.dumps([json.loads(shown)], option=orjson.OPT_INDENT_2).decode() + "\n"


# --- Markdown --------------------------------------------------------------------------------

HOSTILE = "# Heading | cell [link](http://e.com) *em* _u_ <b>x</b> `code` ~~s~~ &amp; $x$ \\"


def _hostile_record() -> dict[str, Any]:
    record = empty_record()
    record.update(
        id="NCT01234567", nct_id="NCT01234567", title=HOSTILE + "\x1b[31m\x07\u202e",
        summary="- not a list\n1. not ordered\n> not a quote\n\n===\n---\n    not code\n| a | b |",
        conditions=["| x | y |", "+ plus"],
        arms=[{"label": "## arm", "type": "EXPERIMENTAL", "description": "> d",
               "interventions": ["1) one"]}],
    )
    record["eligibility"]["inclusion"] = [
        {"text": "Adults", "children": [
            {"text": "- aged 18 | older", "children": [{"text": "# deep", "children": []}]},
            {"text": "2. second", "children": []},
        ]},
        {"text": "[x]: http://ref", "children": []},
    ]
    return record


def _tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def _all_tokens(tokens: list[Token]) -> list[Token]:
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_all_tokens(token.children or []))
    return out


def _inline_text(token: Token) -> str:
    return "".join(child.content for child in token.children or [] if child.type == "text")


def _headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [(token.tag, _inline_text(tokens[i + 1]))
            for i, token in enumerate(tokens) if token.type == "heading_open"]


FORBIDDEN = {"link_open", "html_inline", "html_block", "code_inline", "code_block", "fence",
             "em_open", "s_open", "blockquote_open", "hr", "image"}


def test_markdown_escapes_trial_text_so_structure_holds() -> None:
    record = _hostile_record()
    out = io.StringIO()
    assert write_markdown([record], out, title="Trials matching # x | y") == 1
    text = out.getvalue()
    assert not CONTROL.search(text.replace("\n", ""))
    tokens = _tokens(text)
    assert not {t.type for t in _all_tokens(tokens)} & FORBIDDEN
    assert not any(t.type == "table_open" for t in tokens)
    clean_title = HOSTILE  # escapes, bell and bidi override removed; the rest literal
    assert _headings(tokens) == [
        ("h1", "Trials matching # x | y"),
        ("h2", f"NCT01234567: {clean_title}"),
        ("h3", "Summary"), ("h3", "Arms (1)"), ("h3", "Interventions (0)"),
        ("h3", "Eligibility"), ("h3", "Inclusion criteria (2, with 3 sub-items)"),
        ("h3", "Exclusion criteria (0)"),
        ("h3", "Outcomes"), ("h3", "Sites (0 sites)"), ("h3", "Results"),
    ]
    # the summary stays paragraphs of literal text
    paragraphs = [_inline_text(tokens[i + 1]) for i, t in enumerate(tokens)
                  if t.type == "paragraph_open" and not t.hidden]
    assert "- not a list" in " ".join(paragraphs) and "| a | b |" in " ".join(paragraphs)


def test_markdown_criteria_are_nested_lists() -> None:
    out = io.StringIO()
    write_markdown([_hostile_record()], out)
    tokens = _tokens(out.getvalue())
    start = next(i for i, t in enumerate(tokens) if t.type == "heading_open"
                 and _inline_text(tokens[i + 1]).startswith("Inclusion"))
    items = [(t.level, _inline_text(tokens[i + 2])) for i, t in enumerate(tokens[start:], start)
             if t.type == "list_item_open" and tokens[i + 1].type == "paragraph_open"]
    depth = {level: n for n, level in enumerate(sorted({level for level, _ in items}))}
    assert [(depth[level], text) for level, text in items] == [
        (0, "Adults"), (1, "- aged 18 | older"), (2, "# deep"), (1, "2. second"),
        (0, "[x]: http://ref"),
    ]


def test_seed_report_has_a_section_per_trial(seeded_cli_db: Path, run_cli: RunCli) -> None:
    code, out, _ = run_cli("export", "stem", "cell", "-f", "md")
    assert code == 0
    h2 = [text for tag, text in _headings(_tokens(out)) if tag == "h2"]
    assert len(h2) == 5 and h2[0].split(":")[0] in SEED_IDS
    assert out.startswith("# Trials matching stem cell (5)\n")
    assert "- **Sponsor:** Tianjin Medical University" in out
    assert "   1. Increase of 1 EDSS point" in out  # a nested criterion, under its parent


def _row_widths(tokens: list[Token]) -> list[list[int]]:
    """The number of cells of each row, table by table."""
    tables: list[list[int]] = []
    width = 0
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        width += token.type in ("th_open", "td_open")
        if token.type == "tr_close":
            tables[-1].append(width)
            width = 0
    return tables


def test_comparison_markdown_is_tables_of_fields_and_aligned_criteria() -> None:
    first, second = _hostile_record(), copy.deepcopy(_hostile_record())
    second.update(id="NCT07654321", title="Other | title", status="RECRUITING")
    second["eligibility"]["inclusion"][1]["text"] = "Signed informed consent"
    out = io.StringIO()
    assert write_comparison_markdown([first, second], out) == 2
    tokens = _tokens(out.getvalue())
    rows = field_rows([first, second])  # what the compare screen shows, row for row
    # no exclusion criteria and no outcomes: no tables for them; the results' table right
    # after the fields
    fields, results, arms, inclusion = _row_widths(tokens)
    assert arms == [3, 3]  # header, the arms of each trial in its column (as on the screen)
    assert fields == [3] * (len(rows) + 1)  # a "|" in a value never adds a column
    assert inclusion == [3] * 4  # header, the shared parent, two unique criteria
    assert results == [3, 3]  # header, one headline row
    cells = [_inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "td_open"]
    assert "Other | title" in cells
    assert "Adults · - aged 18 | older · # deep · 2. second" in cells  # children travel along
    text = out.getvalue()
    for label, _, differs in rows:  # differing rows marked, identical ones not
        assert f"\n| {'≠ **' + label + '**' if differs else label} | " in text
    assert "| ≠ **Status** | — | Recruiting |" in text
    assert sum(differs for _, _, differs in rows) == 2  # title and status
    assert "\n| only | — | Signed informed consent |" in text
    assert "\n| = | Adults · " in text
    h2 = [text for tag, text in _headings(tokens) if tag == "h2"]
    assert h2 == ["Results", "Arms", "Inclusion criteria", "Exclusion criteria",
                  "Primary outcomes", "Secondary outcomes", "Titles"]
    assert "| Headline | No results posted | No results posted |" in text
    assert text.index("Differs in: title, status") < text.index("| ≠ **Title** |")
    assert "None stated." in text.split("## Exclusion criteria")[1]
    assert f"- **NCT01234567:** {md_text(first['title'])}" in text


def test_comparison_markdown_differences_only() -> None:
    first, second = _hostile_record(), copy.deepcopy(_hostile_record())
    second["status"] = "RECRUITING"
    out = io.StringIO()
    write_comparison_markdown([first, second], out, differences_only=True)
    fields, results, _arms, *criteria = _row_widths(_tokens(out.getvalue()))
    assert fields == [3, 3]  # the header and status: the only field that differs
    assert results == [3, 3]  # the headline results are always side by side
    assert criteria == []  # every criterion is shared


def test_md_text_neutralises_line_starts() -> None:
    for value in ("- a", "+ a", "= a", "1. a", "12) a", "# a", "> a", "| a |"):
        tokens = _tokens(f"- {md_text(value)}\n")
        assert [t.type for t in tokens].count("bullet_list_open") == 1, value
        assert _inline_text(tokens[3]) == value


# --- the command: output, files, errors ------------------------------------------------------


def test_output_file_is_written_and_reported(
    seeded_cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "als.csv"
    code, out, err = run_cli("export", "amyotrophic", "-o", str(path))
    assert code == 0 and out == ""
    assert err.strip() == f"wrote 1 trial to {path}"
    assert [row["NCT Number"] for row in csv_rows(path.read_text(encoding="utf-8"))] == [ALS]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["als.csv", "store"]  # no temp file
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_existing_file_is_kept_unless_force(
    seeded_cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "out.json"
    path.write_text("keep me")
    code, out, err = run_cli("export", "--all", "-o", str(path))
    assert code == 1 and out == ""
    assert err.strip() == f"trials: {path} exists; use --force to overwrite it"
    assert path.read_text() == "keep me"
    code, _, err = run_cli("export", "--all", "-o", str(path), "--force")
    assert code == 0 and err.strip() == f"wrote 5 trials to {path}"
    assert [record["id"] for record in json.loads(path.read_text())] == SEED_IDS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "store"]


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")

    def fail_half_way(out: Any) -> int:
        out.write("partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_file(path, fail_half_way, force=True)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_file_appearing_while_writing_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "race.md"

    def someone_else_writes(out: Any) -> int:
        path.write_text("theirs")
        out.write("ours")
        return 1

    with pytest.raises(FileExistsError):
        write_file(path, someone_else_writes)
    assert path.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["race.md"]


def test_unwritable_folder_is_a_one_line_error(
    seeded_cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "missing" / "out.csv"
    code, out, err = run_cli("export", "--all", "-o", str(path))
    assert code == 1 and out == ""
    assert err.strip() == f"trials: cannot write {path}: No such file or directory"


def test_no_match_writes_an_empty_export_and_says_so(
    seeded_cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    code, out, err = run_cli("export", "nosuchwordanywhere", "-f", "csv")
    assert code == 0
    assert out == ",".join(HEADER) + "\r\n"
    assert err.strip() == "trials: no trial matches 'nosuchwordanywhere'"
    code, out, _ = run_cli("export", "nosuchwordanywhere", "-f", "json")
    assert (code, out) == (0, "[]\n")
    path = tmp_path / "none.md"
    code, _, err = run_cli("export", "nosuchwordanywhere", "-o", str(path))
    assert code == 0 and f"wrote 0 trials to {path}" in err
    assert "No trials." in path.read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stem", '"unclosed', "-f", "csv"], "trials: bad query: unclosed quote at column 6"),
        (["-f", "csv"], "trials: name the trials to export: a QUERY, --all, or --compare ID ID…"),
        ([], "trials: name the trials to export: a QUERY, --all, or --compare ID ID…"),
        (["stem", "-o", "."], "trials: --output . is a folder: name a file in it (trials.csv)"),
        (["stem", "--all", "-f", "csv"], "trials: give a QUERY or --all, not both"),
        (["stem"], "trials: choose a format for standard output: --format csv, json or md"),
        (["stem", "-o", "out.txt"], "trials: choose a format: --format csv, json or md "
                                    "(out.txt does not end in .csv, .json or .md)"),
        (["--compare", NMO, "-f", "md"], "trials: --compare takes 2 to 6 trial ids, not 1"),
        (["stem", "--compare", NMO, ALS, "-f", "md"],
         "trials: give --compare IDs, or a QUERY or --all, not both"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    seeded_cli_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    run_cli: RunCli, argv: list[str], message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("export", *argv)
    assert (code, out, err.strip()) == (2, "", message)
    assert not (tmp_path / "out.txt").exists()


def test_format_follows_the_output_extension(
    seeded_cli_db: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    run_cli("export", "amyotrophic", "-o", str(tmp_path / "a.json"))
    run_cli("export", "amyotrophic", "-o", str(tmp_path / "a.md"))
    assert json.loads((tmp_path / "a.json").read_text())[0]["id"] == ALS
    assert (tmp_path / "a.md").read_text().startswith("# Trials matching amyotrophic (1)")
    code, out, _ = run_cli("export", "amyotrophic", "-o", "-", "-f", "csv")
    assert code == 0 and out.startswith("NCT Number,")


def test_order_is_the_search_order_and_sort_applies(
    seeded_cli_db: Path, run_cli: RunCli
) -> None:
    _, searched, _ = run_cli("search", "stem", "--json")
    _, exported, _ = run_cli("export", "stem", "-f", "json")
    assert [r["id"] for r in json.loads(exported)] == [r["id"] for r in json.loads(searched)]
    _, out, _ = run_cli("export", "stem", "--sort=-enrollment", "-f", "csv")
    assert [row["Enrollment"] for row in csv_rows(out)][:2] == ["30", "20"]


def test_compare_exports_a_side_by_side_table(
    seeded_cli_db: Path, run_cli: RunCli
) -> None:
    code, out, _ = run_cli("export", "--compare", NMO, ALS.lower(), "-f", "md")
    assert code == 0
    assert out.startswith("# Comparison of 2 trials\n")
    assert f"| Field | {NMO} | {ALS} |" in out
    assert "| ≠ **Sponsor** | Tianjin Medical University | General Hospital" in out
    code, out, _ = run_cli("export", "--compare", NMO, ALS, "-f", "csv")
    assert out.startswith(f"part,item,match,{NMO},{ALS}\r\n")  # the comparison, not records
    code, _, err = run_cli("export", "--compare", NMO, "NCT00000000", "-f", "md")
    assert code == 1 and err.strip() == "trials: no trial with id 'NCT00000000'"
