"""The individual participant data (IPD) and supporting documents a study shares, and where:
``available_ipd`` (docs/record.md), from API v2 and from classic XML alike.

``from_json`` reads API v2 ``protocolSection.referencesModule.availIpds`` ({id, type, url,
comment}); ``from_xml`` reads classic ``<study_docs><study_doc>`` (``doc_id``, ``doc_type``,
``doc_url``, ``doc_comment``). Both give the same entries: {id, type, url, comment}.

Choices:

- The type is kept as the registry writes it ("Individual Participant Data Set", "Study
  Protocol", "Clinical Study Report", "Annotated Case Report Form", "Dataset
  Specification", …): the registry lets a sponsor write its own ("study-level clinical trial
  data"), so it is text, not an enum.
- id, type and url are one line; the comment keeps its own line breaks (API v2: Markdown
  backslash escapes removed, as in its other texts).
- Entries come in the source's order; an entry that states nothing is left out, one
  repeated word for word is kept once.
- These are not ``documents``: those are the files posted on the registry itself (the
  protocol, analysis plan and consent form, largeDocumentModule); these are the data and
  documents the sponsor shares elsewhere, at the url given.
- API v2 reads leniently, as its other version-2 sections (``ctgov_json_sections``): a value
  of the wrong type is left out with a warning, and the study is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

from .ctgov_json_sections import (
    REFERENCES,
    read_line,
    read_list,
    read_markdown,
    stated,
)
from .ctgov_json_study import unescape
from .ctgov_xml_node import Reader
from .record import Record, add_unique

if TYPE_CHECKING:
    from .ctgov_json_study import Study

#: Where API v2 lists them.
AVAILABLE_IPDS = f"{REFERENCES}.availIpds"
#: The element under <clinical_study> that holds them in classic XML.
ELEMENT = "study_docs"
#: The keys of an entry, in order.
KEYS = ("id", "type", "url", "comment")


def from_json(study: Study, record: Record) -> None:
    """Place the study's available IPD entries (availIpds) on its record."""
    entries: list[dict[str, Any]] = []
    for entry in read_list(study, AVAILABLE_IPDS, _json_entry):
        add_unique(entries, entry)
    record["available_ipd"] = entries


def _json_entry(study: Study, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    kind = read_line(study, "type", item, where)
    return stated({
        "id": read_line(study, "id", item, where),
        "type": unescape(kind) if kind else None,
        "url": read_line(study, "url", item, where),
        "comment": read_markdown(study, "comment", item, where),
    })


def from_xml(read: Reader, study: Element, record: Record) -> None:
    """Place the study's available IPD entries (<study_docs>) on its record."""
    entries: list[dict[str, Any]] = []
    for element in study.findall(f"{ELEMENT}/study_doc"):
        entry = {
            "id": read.line(element, "doc_id"),
            "type": read.line(element, "doc_type"),
            "url": read.line(element, "doc_url"),
            "comment": read.text(element, "doc_comment"),
        }
        if any(value is not None for value in entry.values()):
            add_unique(entries, entry)
    record["available_ipd"] = entries
