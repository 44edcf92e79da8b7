"""The participant data and documents a study shares, and where (record["available_ipd"]): in
the References tab and `trials show` after the IPD sharing statement, and in the Markdown
export after the study's documents.

Entries that differ by their type alone (a sponsor's data set, protocol, report, … all at one
address, under one id, with one comment) are shown once, their types together:

    • Study Protocol; Individual Participant Data Set; Clinical Study Report
      ID ARI40006
      https://www.clinicalstudydatarequest.com
      For additional information about this study please refer to the GSK Clinical Study …

Every string from the record goes through mark (a Text, never markup) or, in Markdown,
md_text (escaped as data; a url is an autolink only when it is a plain web address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from . import format as fmt
from .hanging import Hanging
from .markdown_text import md_text
from .pages import Item
from .report_view import Marker, heading, indented, plain

Record = dict[str, Any]
#: The section's name in the line saying what is left of a paged References tab.
SECTION = "available data"
_URL = re.compile(r"https?://[^\s<>]+")


@dataclass
class Shared:
    """Entries shown together: their types, and the id, url and comment they share."""

    id: str | None
    url: str | None
    comment: str | None
    types: list[str] = field(default_factory=list)
    untyped: bool = False


def entries(record: Record) -> list[dict[str, Any]]:
    """The record's available IPD entries (anything that is not an object left out)."""
    return fmt.dicts(record.get("available_ipd"))


def grouped(items: list[dict[str, Any]]) -> list[Shared]:
    """The entries grouped by their id, url and comment, in the order they first come."""
    groups: dict[tuple[Any, Any, Any], Shared] = {}
    for item in items:
        key = (item.get("id"), item.get("url"), item.get("comment"))
        group = groups.setdefault(key, Shared(*key))
        kind = item.get("type")
        if kind:
            if kind not in group.types:
                group.types.append(kind)
        else:
            group.untyped = True
    return list(groups.values())


def title(count: int) -> str:
    return f"Available participant data and documents ({count:,})"


def _group_view(group: Shared, mark: Marker) -> list[RenderableType]:
    line = Text("• ")
    if group.types:
        line.append_text(Text("; ").join(mark(kind) for kind in group.types))
    if group.untyped or not group.types:
        line.append(("; " if group.types else "") + "Type not stated", style="dim")
    parts: list[RenderableType] = [Hanging([(line, 2, 2)])]  # wrapped types under the first
    if group.id:
        parts.append(indented(Text("ID ", style="dim").append_text(mark(group.id)), 4))
    if group.url:
        url = mark(group.url)
        url.stylize("dim")
        parts.append(indented(url, 4))
    if group.comment:
        parts.append(indented(mark(group.comment), 4))
    return parts


def available_ipd_items(record: Record, mark: Marker = plain) -> list[Item]:
    """The References tab's part: a heading, then each group (see the module's docstring)."""
    items = entries(record)
    if not items:
        return []
    groups = grouped(items)

    def build() -> RenderableType:
        parts: list[RenderableType] = [Text(), heading(title(len(items)))]
        for group in groups:
            parts += _group_view(group, mark)
        return Group(*parts)

    weight = 2 + sum(2 + bool(group.id) + len(group.comment or "") // 70 for group in groups)
    return [Item(build, weight, SECTION)]


def _link(url: str) -> str:
    """A plain web address as an autolink, anything else as escaped text."""
    return f"<{url}>" if _URL.fullmatch(url) else md_text(url)


def available_ipd_markdown(record: Record, level: str = "###") -> list[str]:
    """The Markdown export's section: a heading, then a list item per group:
    "- Study Protocol; Clinical Study Report (ID 109063): <https://…>", its comment on one
    line indented under it. [] when the record lists none."""
    items = entries(record)
    if not items:
        return []
    lines = [f"{level} {title(len(items))}", ""]
    for group in grouped(items):
        kinds = [md_text(kind) for kind in group.types]
        if group.untyped or not group.types:
            kinds.append("type not stated")
        line = "- " + "; ".join(kinds)
        if group.id:
            line += f" (ID {md_text(group.id)})"
        if group.url:
            line += f": {_link(group.url)}"
        lines.append(line)
        if group.comment:
            lines.append(f"  {md_text(group.comment)}")
    return lines
