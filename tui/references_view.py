"""The References tab: every reference the record lists (its citation, its PubMed id and
address, its type in words), then the see-also links, then the plan for sharing individual
participant data (IPD), then the participant data and documents the study shares and where
(available_ipd_view). Paged: a study can list hundreds of references.

Every string from the record goes through mark (a Text, never markup).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text

from parsers import left_out

from . import format as fmt
from .available_ipd_view import available_ipd_items
from .hanging import Hanging
from .pages import Item, Paged, counted, sections_of
from .report_view import Marker, fields_grid, heading, indented, plain, title_line

Record = dict[str, Any]
PAGE_LINES = 150  # about this many lines of references rendered at a time
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"
#: A reference's type in words (API v2 ReferenceType), short: it ends the line under each.
REFERENCE_TYPES = {"BACKGROUND": "Background", "RESULT": "Results", "DERIVED": "Derived"}
#: What the types mean, said once in the line counting them.
TYPE_NOTES = {
    "Results": "about this study's results",
    "Derived": "found by the registry in PubMed from the NCT id",
}
#: The kinds of information shared with the participant data (API v2 IpdSharingInfoType).
INFO_TYPES = {
    "STUDY_PROTOCOL": "Study protocol",
    "SAP": "Statistical analysis plan (SAP)",
    "ICF": "Informed consent form (ICF)",
    "CSR": "Clinical study report (CSR)",
    "ANALYTIC_CODE": "Analytic code",
}
LINKS, IPD = "see-also links", "IPD sharing"


def reference_type(value: str | None) -> str:
    """A reference's type in words ("Results"), "" when not stated."""
    return REFERENCE_TYPES.get(value or "", fmt.enum_text(value))


def pubmed_url(pmid: str) -> str:
    """The PubMed address of a PubMed id."""
    return f"{PUBMED}{pmid}/"


def reference_lines(number: int, reference: dict[str, Any], mark: Marker = plain,
                    width: int | None = None) -> list[tuple[Text, int, int]]:
    """ "12. Citation…" (wrapped lines hang under the citation), then a dim line under it:
    "PMID 24902920 · https://pubmed.ncbi.nlm.nih.gov/24902920/ · Background"; when that line
    is wider than width, the address goes on a line of its own instead of wrapping."""
    line = Text(f"{number}. ", style="dim")
    hang = len(line)
    if reference.get("citation"):
        line.append_text(mark(reference["citation"]))
    else:
        line.append("Citation not stated", style="dim")
    lines = [(line, 2, hang)]
    about, url = Text(style="dim"), Text(style="dim")
    if reference.get("pmid"):
        about.append("PMID ")
        about.append_text(mark(reference["pmid"]))
        url = mark(pubmed_url(reference["pmid"]))
        url.stylize("dim")
    kind = reference_type(reference.get("type"))
    whole = Text(" · ", style="dim").join(part for part in (about, url, Text(kind)) if part)
    if width is None or 2 + hang + whole.cell_len <= width:
        parts = [whole]
    else:
        parts = [Text(" · ", style="dim").join(part for part in (about, Text(kind)) if part), url]
    lines += [(part, 2 + hang, 2) for part in parts if part]
    return lines


class ReferenceEntry:
    """One reference, laid out for the width it is drawn at (see reference_lines)."""

    def __init__(self, number: int, reference: dict[str, Any], mark: Marker = plain) -> None:
        self.number, self.reference, self.mark = number, reference, mark

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = reference_lines(self.number, self.reference, self.mark, options.max_width)
        yield Hanging(lines)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _reference_item(number: int, reference: dict[str, Any], mark: Marker) -> Item:
    weight = 2 + len(reference.get("citation") or "") // 70
    return Item(lambda: ReferenceEntry(number, reference, mark), weight, "")


def types_line(references: list[dict[str, Any]]) -> Text:
    """ "Results 12 (about this study's results) · Background 100 · Derived 18 (found by the
    registry in PubMed from the NCT id)", in the order the types first come."""
    counts: dict[str, int] = {}
    for reference in references:
        kind = reference_type(reference.get("type")) or "Type not stated"
        counts[kind] = counts.get(kind, 0) + 1
    return Text(" · ".join(
        f"{kind} {count:,}" + (f" ({TYPE_NOTES[kind]})" if kind in TYPE_NOTES else "")
        for kind, count in counts.items()), style="dim")


def links_items(links: list[dict[str, Any]], mark: Marker) -> list[Item]:
    """The see-also links: a heading, then each label with its address under it."""
    if not links:
        return []

    def build() -> RenderableType:
        parts: list[RenderableType] = [Text(), heading(f"See also ({len(links)})")]
        for link in links:
            label = mark(link["label"]) if link.get("label") else Text("No label",
                                                                        style="dim")
            parts.append(indented(Text("• ").append_text(label)))
            if link.get("url"):
                url = mark(link["url"])
                url.stylize("dim")
                parts.append(indented(url, 4))
        return Group(*parts)

    return [Item(build, 2 + 2 * len(links), LINKS)]


def ipd_rows(ipd: dict[str, Any]) -> list[tuple[str, str]]:
    """The IPD sharing statement's label/value rows, humanised."""
    types = [INFO_TYPES.get(kind, fmt.enum_text(kind)) for kind in ipd.get("info_types") or ()
             if kind]
    return [
        ("Plan to share", fmt.enum_text(ipd.get("plan"))),
        ("Description", ipd.get("description") or ""),
        ("Supporting info", ", ".join(types)),
        ("Time frame", ipd.get("time_frame") or ""),
        ("Access criteria", ipd.get("access_criteria") or ""),
        ("URL", ipd.get("url") or ""),
    ]


def ipd_items(ipd: Any, mark: Marker) -> list[Item]:
    """The IPD sharing statement, when the record has one."""
    if not isinstance(ipd, dict):
        return []
    rows = ipd_rows(ipd)
    if not any(value for _, value in rows):
        return []
    return [Item(lambda: Group(Text(), heading("Individual participant data (IPD) sharing"),
                               indented(fields_grid(rows, mark))),
                 2 + sum(1 + len(value) // 70 for _, value in rows if value), IPD)]


def references_count(record: Record) -> int:
    """How many references the record lists (the tab bar's count)."""
    return len(fmt.dicts(record.get("references")))


def references_view(record: Record, mark: Marker = plain, *, title: bool = True) -> Paged:
    """The References tab of a record, paged about PAGE_LINES lines at a time; under the
    record's id and title unless title is False."""
    references = fmt.dicts(record.get("references"))
    links = [link for link in fmt.dicts(record.get("see_also")) if link.get("url")
             or link.get("label")]
    tail = (links_items(links, mark) + ipd_items(record.get("ipd_sharing"), mark)
            + available_ipd_items(record, mark))
    head: list[RenderableType] = [title_line(record, mark), Text()] if title else []
    unknown = left_out(record, "references")  # not none: no count
    head.append(heading("References" if unknown else f"References ({len(references):,})"))
    if unknown:
        head.append(indented(Text(fmt.left_out_text("references"), style="dim")))
    elif not references:
        note = "The source lists no references"
        note += "." if tail else ", see-also links or IPD sharing statement."
        head.append(indented(Text(note, style="dim")))
    else:
        head.append(indented(types_line(references)))
    items = [_reference_item(number, reference, mark)
             for number, reference in enumerate(references, start=1)]
    items += tail
    return Paged(Group(*head), items, PAGE_LINES, _rest(items))


def _rest(items: list[Item]) -> Callable[[int], str]:
    """What the items from an index on hold: "80 more references, then see-also links,
    IPD sharing and available data"."""

    def rest(shown: int) -> str:
        left = items[shown:]
        references = sum(1 for item in left if not item.section)
        sections = sections_of(left)
        parts = [counted(references, "more reference")] if references else []
        if sections:
            named = " and ".join([", ".join(sections[:-1]), sections[-1]] if len(sections) > 1
                                 else sections)
            parts.append(("then " if parts else "") + named)
        return ", ".join(parts)

    return rest
