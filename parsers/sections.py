"""Split page text into sections at exact whole-line headings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """A heading (None for the text before the first one) and the lines under it."""

    heading: str | None
    lines: list[str] = field(default_factory=list)

    def values(self) -> list[str]:
        """The non-blank lines, stripped."""
        return [line.strip() for line in self.lines if line.strip()]


def split(lines: list[str], headings: frozenset[str]) -> list[Section]:
    """Cut lines into sections; a heading counts only as a whole, unindented line."""
    sections = [Section(None)]
    for line in lines:
        candidate = line.rstrip()
        if candidate in headings:
            sections.append(Section(candidate))
        else:
            sections[-1].lines.append(line)
    return sections
