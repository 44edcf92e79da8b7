"""The registration fields (dates first submitted and posted, responsible party, oversight,
documents) in the CSV download and its export, the overview and the Markdown report.

Expected values were read by hand from the real files in tests/fixtures/realdata and from
the site's CSV downloads (the Study Documents cells below are copied from them)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import plain

from parsers import load_records, parse_text_many
from tui.export import write_csv
from tui.export_markdown import trial_markdown
from tui.report_view import overview_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
CERTOLIZUMAB = REALDATA / "ctti-clinicaltrials__aact__NCT02552212.json"
PROTOCOL_URL = "https://cdn.clinicaltrials.gov/large-docs/12/NCT02552212/Prot_000.pdf"
SAP_URL = "https://cdn.clinicaltrials.gov/large-docs/12/NCT02552212/SAP_002.pdf"


def certolizumab() -> dict[str, Any]:
    [item] = load_records(CERTOLIZUMAB)
    return item.record


def csv_record(documents: str, **cells: str) -> dict[str, Any]:
    header = ["NCT Number", "Study Title", "Study Documents", *cells]
    row = ["NCT03059992", "A study", documents, *cells.values()]
    text = ",".join(f'"{h}"' for h in header) + "\n" + ",".join(
        '"' + value.replace('"', '""') + '"' for value in row) + "\n"
    [item] = parse_text_many(text, "ctg-studies.csv")
    return item.record


def document(label: str | None, url: str | None) -> dict[str, Any]:
    return {"label": label, "has_protocol": None, "has_sap": None, "has_icf": None,
            "date": None, "filename": url.rsplit("/", 1)[-1] if url else None, "url": url}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # the current site (rohanramnarain/Trial2Vec's NCT03059992)
        ("Study Protocol, https://cdn.clinicaltrials.gov/large-docs/92/NCT03059992/Prot_000.pdf"
         "|Statistical Analysis Plan, "
         "https://cdn.clinicaltrials.gov/large-docs/92/NCT03059992/SAP_001.pdf",
         [document("Study Protocol",
                   "https://cdn.clinicaltrials.gov/large-docs/92/NCT03059992/Prot_000.pdf"),
          document("Statistical Analysis Plan",
                   "https://cdn.clinicaltrials.gov/large-docs/92/NCT03059992/SAP_001.pdf")]),
        # the classic export quotes the type (sametgumus212/coronavirus)
        ('"Study Protocol and Statistical Analysis Plan", '
         "https://ClinicalTrials.gov/ProvidedDocs/81/NCT04382781/Prot_SAP_000.pdf",
         [document("Study Protocol and Statistical Analysis Plan",
                   "https://ClinicalTrials.gov/ProvidedDocs/81/NCT04382781/Prot_SAP_000.pdf")]),
        # the 2023 download wrote the type alone (sanjana098/ai-hack)
        ("Statistical Analysis Plan", [document("Statistical Analysis Plan", None)]),
        # a spreadsheet split the cell: the address alone (spikar/llama_parser)
        ("https://cdn.clinicaltrials.gov/large-docs/93/NCT03343093/Prot_000.pdf",
         [document(None, "https://cdn.clinicaltrials.gov/large-docs/93/NCT03343093/Prot_000.pdf")]),
    ],
)
def test_the_csv_study_documents_column(cell: str, expected: list[dict[str, Any]]) -> None:
    record = csv_record(cell)
    assert record["documents"] == expected
    assert not [w for w in record["warnings"] if "Documents" in w]


def test_the_csv_first_posted_columns() -> None:
    record = csv_record("", **{"First Posted": "2017-02-17", "Results First Posted": "2019-05"})
    assert record["dates"]["first_posted"] == {"date": "2017-02-17", "type": None}
    assert record["dates"]["results_first_posted"] == {"date": "2019-05", "type": None}


def test_the_csv_export_reads_back_its_dates_and_documents() -> None:
    out = io.StringIO()
    write_csv([certolizumab()], out)
    [item] = parse_text_many(out.getvalue(), "export.csv")
    back = item.record
    assert back["dates"]["first_posted"] == {"date": "2015-09-17", "type": None}
    assert back["dates"]["results_first_posted"] == {"date": "2020-08-17", "type": None}
    assert back["documents"] == [document("Study Protocol", PROTOCOL_URL),
                                 document("Statistical Analysis Plan", SAP_URL)]


def test_the_overview_shows_the_registration() -> None:
    record = certolizumab()
    record["responsible_party"] = {"type": "PRINCIPAL_INVESTIGATOR", "name": "Jane Roe",
                                   "title": "Professor", "affiliation": "University of X"}
    record["last_known_status"] = "RECRUITING"
    text = plain(overview_view(record), width=160)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "First submitted 2015-09-15" in lines
    assert "First posted 2015-09-17 (estimated)" in lines
    assert "Results first posted 2020-08-17" in lines
    assert "Last known status Recruiting" in lines
    assert "Responsible party Principal investigator: Jane Roe, Professor, University of X" \
        in lines
    assert "Oversight Data monitoring committee: no" in lines
    documents = lines.index("Documents (2)")
    assert lines[documents + 1:documents + 5] == [
        "• Study Protocol, 2018-12-17", PROTOCOL_URL,
        "• Statistical Analysis Plan, 2020-06-10", SAP_URL]


def test_the_markdown_report_links_the_documents() -> None:
    record = certolizumab()
    record["documents"].append({**document("A [note]", "javascript:alert(1) x"),
                                "date": "2021-01-02"})
    text = trial_markdown(record)
    section = text.split("### Documents (3)\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section == [
        f"- Study Protocol, 2018-12-17: <{PROTOCOL_URL}>",
        f"- Statistical Analysis Plan, 2020-06-10: <{SAP_URL}>",
        "- A \\[note\\], 2021-01-02: javascript:alert(1) x",
    ]
    assert "- **First posted:** 2015-09-17 (estimated)" in text
