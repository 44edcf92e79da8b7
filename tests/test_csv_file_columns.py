"""CSV rows read from real downloads (tests/fixtures/realdata/ctgov-csv/columns: a header and
one row copied from each file): the classic layout's outcomes of unstated kind, the columns a
file left out, and the Age cell `trials export -f csv` writes back."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console, RenderableType

from parsers import load_records, parse_text
from parsers.record import Record
from tui.compare_text import unstated_kind_lines
from tui.export_csv import age_cell, csv_row, write_csv
from tui.markdown_registry import outcomes_section, results_section, sites_section
from tui.outcomes_view import outcomes_view
from tui.report_view import eligibility_view
from tui.results_view import results_view
from tui.sites_view import sites_view

COLUMNS = Path(__file__).resolve().parent / "fixtures" / "realdata" / "ctgov-csv" / "columns"


def _record(name: str) -> Record:
    (loaded,) = load_records(COLUMNS / name)
    return loaded.record


def _text(renderable: RenderableType) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(renderable)
    return " ".join(console.file.getvalue().split())  # type: ignore[attr-defined]


# --- 1. the classic layout's Outcome Measures: titles of unstated kind ---------------------


def test_classic_outcomes_are_outcome_measures_of_unstated_kind() -> None:
    record = _record("sametgumus212__SearchResults_NCT04336904.csv")
    assert record["source"]["layout"] == "classic"
    assert record["source"]["missing_columns"] == []
    # kept in outcomes.other, as docs/record.md says: 9 titles in the cell
    assert len(record["outcomes"]["other"]) == 9
    first = record["outcomes"]["other"][0]
    assert first["measure"] == "Time from randomization to clinical recovery"
    text = _text(outcomes_view(record, title=False))
    assert "Outcome measures (9)" in text
    assert "the classic CSV download does not say which are primary or secondary" in text
    assert "Primary outcomes" not in text and "none stated" not in text
    assert "Other outcomes" not in text
    markdown = "\n".join(outcomes_section(record, "###"))
    assert "#### Outcome measures (9)" in markdown
    assert "#### Other" not in markdown and "#### Primary" not in markdown
    assert "does not say which are primary or secondary" in markdown
    (line,) = unstated_kind_lines([record])
    assert line.startswith("NCT04336904: Outcome measures (9), the classic CSV download")


def test_current_layout_other_outcomes_stay_other() -> None:
    record = _record("unl-stat351__ctg-studies_NCT00033839.csv")
    assert record["source"]["layout"] == "current"
    assert unstated_kind_lines([record]) == []


# --- 2. the columns a file left out ----------------------------------------------------------


def test_file_without_secondary_outcome_column() -> None:
    record = _record("javimangal__ctg-studies_NCT04635618.csv")
    assert record["source"]["missing_columns"] == [
        "Study URL", "Acronym", "Secondary Outcome Measures", "Other Outcome Measures",
        "Sponsor", "Collaborators", "Other IDs", "Study Documents"]
    text = _text(outcomes_view(record, title=False))
    assert "Primary outcomes (1)" in text
    assert ("Secondary outcomes (0) not in this CSV file (no Secondary Outcome Measures column)"
            in text)
    assert "none stated" not in text
    markdown = "\n".join(outcomes_section(record, "###"))
    assert "Secondary outcomes: not in this CSV file (no Secondary Outcome Measures column)." \
        in markdown


def test_file_without_locations_column() -> None:
    record = _record("saravana87__ctg-studies_NCT04327570.csv")
    assert "Locations" in record["source"]["missing_columns"]
    text = _text(sites_view(record, title=False).head)
    assert "This CSV file has no Locations column" in text
    assert "lists no sites" not in text
    markdown = sites_section(record, "###")
    assert "This CSV file has no Locations column." in markdown
    assert markdown[0] == "### Sites"  # unknown: no "(0 sites)"


def test_file_without_sex_and_age_columns() -> None:
    record = _record("Marcuselis__ctg-studies_NCT07251023.csv")
    assert {"Sex", "Age"} <= set(record["source"]["missing_columns"])
    text = _text(eligibility_view(record))
    assert "Sex not in this CSV file (no Sex column)" in text
    assert "Ages not in this CSV file (no Age column)" in text
    assert "not in the site's CSV download (import" in text  # criteria: never in the CSV
    from tui.export_markdown import trial_markdown

    markdown = trial_markdown(record)  # the report says the same
    assert "- **Sex:** not in this CSV file (no Sex column)" in markdown
    assert "- **Ages:** not in this CSV file (no Age column)" in markdown


def test_file_without_study_results_column_does_not_say_none_posted() -> None:
    """saravana87's file has no Study Results column: whether results are posted is not
    known, so neither "No results posted" nor results:no."""
    record = _record("saravana87__ctg-studies_NCT04327570.csv")
    assert record["has_results"] is None
    text = _text(results_view(record, title=False).whole())
    assert "No results posted" not in text
    assert "Not stated whether results are posted." in text
    assert "This CSV file has no Study Results column." in text
    markdown = "\n".join(results_section(record, "###"))
    assert "Not stated whether results are posted. This CSV file has no Study Results" in markdown
    assert "No results posted" not in markdown


def test_file_with_study_results_column_says_none_posted() -> None:
    record = _record("javimangal__ctg-studies_NCT04635618.csv")  # "No Results Available"
    assert record["has_results"] is False
    assert "No results posted." in _text(results_view(record, title=False).whole())


def test_file_with_every_column_says_none_stated() -> None:
    record = _record("unl-stat351__ctg-studies_NCT00033839.csv")
    assert "Locations" not in record["source"]["missing_columns"]
    assert "no Sex column" not in _text(eligibility_view(record))


# --- 3. the Age cell of `trials export -f csv` -------------------------------------------------


def test_export_age_cell_keeps_the_age_groups() -> None:
    record = _record("unl-stat351__ctg-studies_NCT00033839.csv")
    assert record["age_groups"] == ["ADULT", "OLDER_ADULT"]  # the file's "ADULT, OLDER_ADULT"
    assert record["eligibility"]["min_age"] is None
    assert csv_row(record)["Age"] == "ADULT, OLDER_ADULT"


def test_export_age_cell_with_ages_uses_the_record_groups() -> None:
    record = _record("sametgumus212__SearchResults_NCT04336904.csv")  # "18 Years to 75 Years"
    assert age_cell(record["eligibility"], record["age_groups"]) == (
        "18 Years to 75 Years   (ADULT, OLDER_ADULT)")


def test_export_csv_round_trip_keeps_ages_and_age_groups() -> None:
    for name in ("unl-stat351__ctg-studies_NCT00033839.csv",
                 "sametgumus212__SearchResults_NCT04336904.csv"):
        record = _record(name)
        out = io.StringIO()
        write_csv([record], out)
        again = parse_text(out.getvalue())
        assert again["age_groups"] == record["age_groups"]
        assert again["eligibility"]["min_age"] == record["eligibility"]["min_age"]
        assert again["eligibility"]["max_age"] == record["eligibility"]["max_age"]
