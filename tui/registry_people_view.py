"""The Overview's registry sections after its fields: collaborators, the overall officials,
the central contacts and the MeSH terms the registry indexed the study under.

Each section is shown only when the record has data for it; nothing in one is left out (the
MeSH ancestors are listed too, on dim rows). Every string from the record goes through mark
(a Text, never markup).
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from . import format as fmt
from .annotations_view import annotations_parts
from .hanging import Hanging
from .report_view import LABEL, Marker, heading, indented, overview_view, plain
from .sites_view import contact_text

Record = dict[str, Any]
#: The MeSH lists in the order shown, with their labels; ancestors are dimmed.
MESH_ROWS = (
    ("conditions", "Conditions", False),
    ("condition_ancestors", "Condition ancestors", True),
    ("interventions", "Interventions", False),
    ("intervention_ancestors", "Intervention ancestors", True),
)


def _bullet(text: Text) -> RenderableType:
    """ "  • text", its wrapped lines under the text."""
    return Hanging([(Text("• ").append_text(text), 2, 2)])


def official_text(official: dict[str, Any], mark: Marker = plain) -> Text:
    """ "Jane Doe, MD (Principal investigator) · Some University"."""
    text = mark(official["name"]) if official.get("name") else Text("Name not stated",
                                                                      style="dim")
    if official.get("role"):
        text.append(f" ({fmt.enum_text(official['role'])})", style="dim")
    if official.get("affiliation"):
        text.append(" · ", style="dim")
        text.append_text(mark(official["affiliation"]))
    return text


def mesh_terms(record: Record) -> dict[str, list[str]]:
    """The MeSH terms of each list of the record's mesh (empty lists for a record without)."""
    mesh = record.get("mesh")
    if not isinstance(mesh, dict):
        mesh = {}
    return {key: [term["term"] for term in fmt.dicts(mesh.get(key)) if term.get("term")]
            for key, _, _ in MESH_ROWS}


def mesh_heading(terms: dict[str, list[str]]) -> str:
    """ "MeSH terms (conditions: 9, interventions: 1)"."""
    counts = [f"{key}: {len(terms[key])}" for key in ("conditions", "interventions")
              if terms[key]]
    return "MeSH terms" + (f" ({', '.join(counts)})" if counts else "")


def mesh_grid(terms: dict[str, list[str]], mark: Marker = plain) -> Table:
    """A row per MeSH list that has terms, the terms joined by "; "; ancestors dim."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=LABEL, no_wrap=True)
    grid.add_column(overflow="fold")
    for key, label, dim in MESH_ROWS:
        if terms[key]:
            value = mark("; ".join(terms[key]))
            if dim:
                value.stylize("dim")
            grid.add_row(Text(label, style="dim" if dim else ""), value)
    return grid


def people_parts(record: Record, mark: Marker = plain) -> list[RenderableType]:
    """The sections, each after a blank line: Collaborators, Officials, Central contacts and
    MeSH terms; none when the record has none of them."""
    parts: list[RenderableType] = []
    collaborators = [name for name in record.get("collaborators") or () if name]
    if collaborators:
        parts += [Text(), heading(f"Collaborators ({len(collaborators)})")]
        parts += [_bullet(mark(name)) for name in collaborators]
    officials = fmt.dicts(record.get("overall_officials"))
    if officials:
        parts += [Text(), heading(f"Officials ({len(officials)})")]
        parts += [_bullet(official_text(official, mark)) for official in officials]
    contacts = fmt.dicts(record.get("central_contacts"))
    if contacts:
        parts += [Text(), heading(f"Central contacts ({len(contacts)})")]
        parts += [_bullet(contact_text(contact, mark) or Text("No details stated",
                                                              style="dim"))
                  for contact in contacts]
    terms = mesh_terms(record)
    if any(terms.values()):
        parts += [Text(), heading(mesh_heading(terms)), indented(mesh_grid(terms, mark))]
    return parts


def overview(record: Record, mark: Marker = plain) -> RenderableType:
    """The Overview tab: report_view.overview_view with the registry's annotations, the
    people and the MeSH terms."""
    parts = [*annotations_parts(record, mark), *people_parts(record, mark)]
    return overview_view(record, mark, parts)
