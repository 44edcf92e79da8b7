"""The export formats: their names, file suffixes and what each holds (what the export dialog
shows, without loading the writers of tui.export)."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("csv", "json", "md")
FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "md": "Markdown"}
SUFFIXES = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md"}
#: What each format carries, for the export dialog (COMPARISON_ABOUT: of a comparison).
FORMAT_ABOUT = {
    "csv": "The site's CSV columns: sites, outcome measures and collaborators included; "
           "not the criteria, MeSH terms or posted results.",
    "json": "Every field of each record: sites, outcomes, MeSH terms and posted results.",
    "md": "A readable report: eligibility, outcomes, sites by country, and the posted "
          "results whole (participant flow, baseline, outcome measures, adverse events).",
}
COMPARISON_ABOUT = {
    "csv": "The comparison as a table, a column per trial: a row per field, then the "
           "headline results, the arms, the aligned criteria and outcomes.",
    "json": "The comparison, as trials compare --json prints it: fields, summary, criteria "
            "and outcomes aligned, sites, MeSH terms, headline results.",
    "md": "A side-by-side comparison: fields, sites, MeSH terms, criteria and outcomes "
          "aligned, headline results.",
}


def format_about(file_format: str, comparison: bool = False) -> str:
    """One line on what an export in this format holds (of a comparison, or of trials)."""
    return (COMPARISON_ABOUT if comparison else FORMAT_ABOUT).get(file_format, "")


def format_of(path: str | Path) -> str | None:
    """The export format a file name's suffix names (".csv", ".json", ".md"), or None."""
    return SUFFIXES.get(Path(path).suffix.lower())
