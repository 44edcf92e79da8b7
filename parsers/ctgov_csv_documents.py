"""The "Study Documents" column of the site's CSV download: the documents a study provides.

The site writes each document as its type and its address, documents separated by "|":
``Study Protocol, https://cdn.clinicaltrials.gov/large-docs/92/NCT03059992/Prot_000.pdf``;
the classic export quotes the type (``"Study Protocol and Statistical Analysis Plan",
https://ClinicalTrials.gov/ProvidedDocs/81/NCT04382781/Prot_SAP_000.pdf``). Each becomes a
document of the record (docs/record.md): label, url and the url's file name (a type
without an address, as the site's 2023 download wrote it, or an address alone, as a
spreadsheet leaves a cell it split, is kept as far as it goes). The file
states neither a date nor which parts (protocol, plan, consent form) a document holds: they
stay null, never read from the label.
"""

from __future__ import annotations

import re
from typing import Any

from . import ctgov_csv_cells
from .clean import clean_text
from .ctgov_csv_columns import text_line

#: "Label, https://…": the label (perhaps quoted) and the address after the last comma.
_DOCUMENT = re.compile(r"(?P<label>.*?)[ \t]*,[ \t]*(?P<url>https?://\S+)")
_URL = re.compile(r"https?://\S+")


def set_documents(record: dict[str, Any], value: str, column: str, warnings: list[str]) -> None:
    """Place the documents of a "Study Documents" cell."""
    for entry in ctgov_csv_cells.entries(clean_text(value)):
        record["documents"].append(_document(entry.strip()))


def _document(entry: str) -> dict[str, Any]:
    match = _DOCUMENT.fullmatch(entry)
    if match is not None:
        label, url = match["label"], match["url"]
    elif _URL.fullmatch(entry):
        label, url = "", entry  # the address alone (a spreadsheet split the cell)
    else:
        label, url = entry, None  # the type alone (the site's 2023 download)
    return {
        "label": text_line(label.strip().strip('"')) or None,
        "has_protocol": None,
        "has_sap": None,
        "has_icf": None,
        "date": None,
        "filename": url.rsplit("/", 1)[-1] or None if url else None,
        "url": url,
    }
