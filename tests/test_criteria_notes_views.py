"""A note among the criteria (``note: true``: "Other protocol-defined inclusion criteria may
apply", "Key Inclusion Criteria", an opening sentence over the whole list) reads as a note,
not as a criterion: the Eligibility tab and `trials show` show it unnumbered, "Note: …", dim
and italic; it is not counted in "Inclusion criteria (N)"; the Markdown report writes it as
an italic line; compare neither aligns nor matches it, and shows each trial's notes under
the section's criteria.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType
from test_cli import RunCli

from parsers import count_criteria, empty_record
from store.compare import compare
from tui import format as fmt
from tui.compare_view import tables_view
from tui.export_comparison import write_comparison_markdown
from tui.export_comparison_data import write_comparison_csv
from tui.export_markdown import trial_markdown
from tui.markdown_criteria import criteria_markdown
from tui.report_view import eligibility_view

CRITERIA = Path(__file__).resolve().parent / "fixtures" / "realdata" / "criteria"
OTHER = "Other protocol-defined inclusion criteria may apply"


def crit(text: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"text": text, "children": list(children)}


def note(text: str) -> dict[str, Any]:
    return {"text": text, "children": [], "note": True}


def record(trial_id: str, inclusion: list[dict[str, Any]],
           exclusion: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    base: dict[str, Any] = empty_record()
    base.update(id=trial_id, title="A trial")
    base["eligibility"]["inclusion"] = inclusion
    base["eligibility"]["exclusion"] = exclusion or []
    return base


def lines_of(renderable: RenderableType, width: int = 120) -> list[str]:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return [line.rstrip() for line in capture.get().splitlines()]


INCLUSION = [note("Key Inclusion Criteria"), crit("Age ≥ 18", crit("Signed consent")),
             crit("ECOG 0-1"), note(OTHER)]


# --- counts and numbers --------------------------------------------------------------------------


def test_notes_are_not_counted() -> None:
    assert count_criteria(INCLUSION) == 3
    assert fmt.criteria_count(INCLUSION, count_criteria(INCLUSION)) == "2, with 1 sub-item"
    assert count_criteria([note(OTHER)]) == 0


def test_notes_are_not_numbered() -> None:
    assert [(line.number, line.text, line.depth, line.note)
            for line in fmt.criteria_lines(INCLUSION)] == [
        ("", "Note: Key Inclusion Criteria", 0, True),
        ("1", "Age ≥ 18", 0, False),
        ("1.1", "Signed consent", 1, False),
        ("2", "ECOG 0-1", 0, False),
        ("", f"Note: {OTHER}", 0, True),
    ]


def test_a_note_that_says_note_is_written_once() -> None:
    text = "Note: Other protocol defined Inclusion/Exclusion criteria may apply"
    assert fmt.note_text(text) == text
    assert fmt.note_text("[Additional criteria may apply.]") == (
        "Note: [Additional criteria may apply.]")


# --- the Eligibility tab and `trials show` -------------------------------------------------------


def test_the_eligibility_view_shows_notes_unnumbered() -> None:
    lines = lines_of(eligibility_view(record("NCT1", INCLUSION)))
    start = lines.index("Inclusion criteria (2, with 1 sub-item)")
    assert lines[start + 1:start + 6] == [  # "Note:" where a number would be
        "  Note:   Key Inclusion Criteria",
        "  1.      Age ≥ 18",
        "     1.1. Signed consent",
        "  2.      ECOG 0-1",
        f"  Note:   {OTHER}",
    ]


def test_a_note_is_dim_and_italic() -> None:
    console = Console(width=120, color_system="truecolor")
    rendered = console.render_lines(eligibility_view(record("NCT1", INCLUSION)), pad=False)
    styles = {segment.text: segment.style for line in rendered for segment in line}
    note_style = next(style for text, style in styles.items() if "Key Inclusion" in text)
    criterion_style = next(style for text, style in styles.items() if "ECOG 0-1" in text)
    assert note_style is not None and note_style.italic and note_style.dim
    assert not (criterion_style and criterion_style.italic)


def test_trials_show_prints_the_notes_of_a_real_record(cli_db: Path, run_cli: RunCli) -> None:
    # NCT02260193: "Key Inclusion Criteria:" and its 3 criteria, "Key Exclusion Criteria:" and
    # its 6.
    path = CRITERIA / "tibbs001__ctwiki-loader__NCT02260193.xml"
    code, _, err = run_cli("import", str(path))
    assert code == 0, err
    code, out, err = run_cli("show", "NCT02260193")
    assert code == 0 and err == ""
    lines = [" ".join(line.split()) for line in out.split("\n")]
    start = lines.index("Inclusion criteria (3)")
    assert lines[start + 1:start + 5] == [
        "Note: Key Inclusion Criteria",
        "1. 18 to 79 years inclusive",
        "2. Chronic Kidney Disease (CKD) Stage 5 on chronic hemodialysis for at least 3 months",
        "3. Anemia secondary to CKD treated with erythropoiesis stimulating agent and "
        "intravenous iron",
    ]
    start = lines.index("Exclusion criteria (6)")
    assert lines[start + 1:start + 3] == ["Note: Key Exclusion Criteria",
                                          "1. BMI >44.0 kg/m2"]


# --- the Markdown report -----------------------------------------------------------------------


def test_the_markdown_criteria_write_a_note_as_an_italic_line() -> None:
    assert criteria_markdown(INCLUSION) == [
        "*Note: Key Inclusion Criteria*",
        "",
        "1. Age ≥ 18",
        "   1. Signed consent",
        "2. ECOG 0-1",
        "",
        f"*Note: {OTHER}*",
    ]
    assert criteria_markdown([crit("A *b*", note("Other criteria may apply"))]) == [
        "1. A \\*b\\*", "", "   *Note: Other criteria may apply*"]


def test_the_markdown_report_counts_criteria_without_notes() -> None:
    text = trial_markdown(record("NCT1", INCLUSION, [crit("Pregnancy"), note(OTHER)]))
    assert "### Inclusion criteria (2, with 1 sub-item)" in text
    assert "### Exclusion criteria (1)" in text
    assert ("*Note: Key Inclusion Criteria*\n\n1. Age ≥ 18\n   1. Signed consent\n"
            "2. ECOG 0-1") in text
    assert "1. Pregnancy\n\n*Note: Other protocol-defined" in text
    assert "3. Other protocol-defined" not in text and "2. Other protocol" not in text


# --- compare ------------------------------------------------------------------------------------


def test_compare_neither_aligns_nor_matches_notes() -> None:
    a = record("A", [crit("Age ≥ 18"), note(OTHER)])
    b = record("B", [crit("Age 18 or older", note("Further inclusion criteria apply.")),
                     note(OTHER)])
    comparison = compare([a, b])
    rows = comparison.criteria["inclusion"]
    assert len(rows) == 1
    assert rows[0].cells == [crit("Age ≥ 18"), crit("Age 18 or older")]
    assert comparison.notes["inclusion"] == [[OTHER], ["Further inclusion criteria apply.",
                                                        OTHER]]
    assert comparison.notes["exclusion"] == [[], []]
    data = comparison.to_json()
    assert data["criteria_notes"] == {"inclusion": [[OTHER], ["Further inclusion criteria "
                                                              "apply.", OTHER]],
                                      "exclusion": [[], []]}
    assert all(OTHER not in json.dumps(row) for row in data["criteria"]["inclusion"])
    # the records themselves are not changed
    assert b["eligibility"]["inclusion"][0]["children"] == [
        note("Further inclusion criteria apply.")]


def test_compare_with_notes_alone_has_no_criteria_rows() -> None:
    comparison = compare([record("A", [note(OTHER)]), record("B", [note(OTHER)])])
    assert comparison.criteria["inclusion"] == []
    assert comparison.summary.endswith(" Criteria: none stated.")


def test_the_compare_screen_and_exports_show_notes_apart() -> None:
    records = [record("NCT01", [crit("Age ≥ 18"), note(OTHER)]),
               record("NCT02", [crit("Age ≥ 18")])]
    comparison = compare(records)
    screen = "\n".join(lines_of(tables_view(records, comparison), width=160))
    assert f"NCT01: Note: {OTHER}" in screen
    assert "NCT02: Note" not in screen
    out = io.StringIO()
    write_comparison_markdown(records, out, comparison)
    assert f"*NCT01: Note: {OTHER}*" in out.getvalue()
    out = io.StringIO()
    write_comparison_csv(records, out, comparison)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert ["inclusion notes", "Notes", "", OTHER, ""] in rows
    assert [row[0] for row in rows].count("inclusion criterion") == 1
