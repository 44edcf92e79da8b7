"""A trial's eligibility criteria in the Markdown report: nested numbered lists, a note among
them ("Other protocol-defined criteria may apply", ``note: true``) an italic line of its own,
not numbered (the criteria after it are numbered on)."""

from __future__ import annotations

from typing import Any

from . import format as fmt
from .markdown_text import md_text


def criteria_markdown(criteria: list[dict[str, Any]]) -> list[str]:
    """A criteria tree as nested numbered lists (children indented under their parent); a
    note as "*Note: …*", set apart by blank lines so that it is no list item's text."""
    lines = _lines(criteria, "")
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _lines(criteria: list[dict[str, Any]], indent: str) -> list[str]:
    lines: list[str] = []
    number = 0
    for node in criteria:
        if node.get("note"):
            if not lines or lines[-1]:
                lines.append("")
            lines += [f"{indent}*{md_text(fmt.note_text(node['text']))}*", ""]
            lines += _lines(node["children"], indent)
            continue
        number += 1
        marker = f"{number}. "
        lines.append(f"{indent}{marker}{md_text(node['text'])}")
        lines += _lines(node["children"], indent + " " * len(marker))
    return lines
