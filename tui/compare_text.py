"""The registry rows of a comparison as text, for the screen and the Markdown alike:
countries, recruiting sites, MeSH terms (shared by all, then each trial's own), and the
cells of aligned outcome measures."""

from __future__ import annotations

from typing import Any

from parsers import outcome_kinds_unstated
from store.compare import Comparison, MeshTerms, Sites, outcome_text

from . import format as fmt

#: (label, the value of each trial as text, whether the values differ)
TextRow = tuple[str, list[str], bool]


def _sites_word(count: int) -> str:
    return "site" if count == 1 else "sites"


def countries_text(sites: Sites) -> str:
    """ "United States (45)\\nCanada (3)", one line per country, most sites first."""
    lines = [f"{country} ({count:,})" for country, count in sites.countries]
    if sites.no_country:
        lines.append(f"no country stated ({sites.no_country})")
    if not lines and sites.stated:
        return f"{sites.stated} {_sites_word(sites.stated)}, not listed"
    return "\n".join(lines)


#: The recruiting sites of a trial that no longer recruits (its status row says why): the
#: same words for every such trial, so the row differs only where recruiting does.
NOT_RECRUITING = "none (the trial no longer recruits)"
#: Overall statuses under which a site may still recruit.
_OPEN = frozenset({"RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION"})


def recruiting_text(sites: Sites, status: str | None = None) -> str:
    """ "3 of 105 sites", "status not stated (12 sites)", NOT_RECRUITING when no site states
    a status and the trial no longer recruits, "" when no site is listed."""
    if not sites.listed:
        return ""
    if sites.recruiting is None:
        if status and status not in _OPEN:
            return NOT_RECRUITING
        return f"status not stated ({sites.listed:,} {_sites_word(sites.listed)})"
    return f"{sites.recruiting:,} of {sites.listed:,} {_sites_word(sites.listed)}"


def terms_text(terms: list[dict[str, Any]]) -> str:
    """MeSH terms, one a line."""
    return "\n".join(str(term["term"]) for term in terms)


def _row(label: str, values: list[str]) -> TextRow:
    return label, values, len(set(values)) > 1


def mesh_rows(mesh: MeshTerms, count: int) -> list[TextRow]:
    """ "MeSH terms, shared": the same terms in every column (never a difference);
    "MeSH terms, own": each trial's other terms (a difference when any trial has some)."""
    shared = terms_text(mesh.shared)
    own = [terms_text(terms) for terms in mesh.own] or [""] * count
    return [("MeSH terms, shared", [shared] * count, False),
            ("MeSH terms, own", own, any(own))]


def registry_rows(comparison: Comparison) -> list[TextRow]:
    """The rows the compare table shows after the fields: countries, recruiting sites, MeSH
    terms (same look as the fields: a row differs when its texts differ)."""
    count = len(comparison.trials)
    statuses = next((diff.values for diff in comparison.fields if diff.field == "status"),
                    [None] * count)
    rows = [
        _row("Countries", [countries_text(sites) for sites in comparison.sites]),
        _row("Recruiting sites", [recruiting_text(sites, status) for sites, status
                                  in zip(comparison.sites, statuses, strict=False)]),
    ]
    return rows + mesh_rows(comparison.mesh, count)


def outcome_cell(cell: Any) -> str:
    """An aligned outcome as text: its measure, then "Time frame: …"."""
    return outcome_text(cell)


def unstated_kind_lines(records: list[dict[str, Any]]) -> list[str]:
    """A line per classic CSV row among records: its outcome measures, whose kind (primary,
    secondary) the file does not say, so they are in neither aligned table."""
    lines = []
    for record in records:
        if not outcome_kinds_unstated(record):
            continue
        items = [o for o in (record.get("outcomes") or {}).get("other") or ()
                 if isinstance(o, dict)]
        titles = "; ".join(str(o.get("measure") or "Measure not stated") for o in items)
        lines.append(f"{record['id']}: {fmt.OUTCOME_MEASURES} ({len(items)}), "
                     f"{fmt.KINDS_UNSTATED}: {titles}")
    return lines
