"""The eligibility criteria of ClinicalTrials.gov API v2 study JSON: a Markdown string →
inclusion and exclusion criteria trees (``markdown_criteria``).

Choices:

- Backslash escapes (``\\<``, ``10\\^9/L``, ``\\-``) are removed; other Markdown is kept as
  written.
- Headings may be bold or Markdown headings ("**Key Inclusion Criteria:**", "## Exclusion
  criteria") and may carry their first criterion after the colon; the criteria under a
  heading that says whom they are for ("Inclusion criteria for transplant patients:") are
  its children; "… last inclusion criterion. Exclusion Criteria: …" on one line starts the
  exclusion criteria there.
- Free paragraphs between items are kept as criteria at their own indentation (a paragraph
  indented under an item after a blank line becomes its child); a line that directly follows
  an item or a paragraph, with no blank line between, continues it (Markdown's lazy
  continuation) and is joined to it with a space.
"""

from __future__ import annotations

import re
from typing import Any

from . import criteria
from .clean import clean_text
from .ctgov_json_study import unescape

_EMPTY_ITEMS = frozenset({"*", "-", "+", "•"})
# "… last inclusion criterion. Exclusion Criteria: …" on one line: the exclusion heading
# starts a new line when it follows the end of a sentence (the sentence's last character is
# matched, not looked behind for, so that the scan skips to the next ".", ";" or ":").
_INLINE_EXCLUSION = re.compile(r"([.;:])[ \t]+(?=(?:key[ \t]+)?exclusion[ \t]+criteria[ \t]*:)",
                               re.IGNORECASE)
# The characters a heading can start with ("key", "main", "major", "inclusion", "exclusion"),
# as the IGNORECASE patterns match them (with the Kelvin sign and the Turkish dotted and
# dotless i): a line starting with any other is not a heading.
_HEADING_STARTS = frozenset("kKmMiIeE\u212a\u0130\u0131")
_RULE_STARTS = frozenset("-*_=")
_RULE = re.compile(r"(?:[-*_=]\s*){3,}")


def _heading(line: str) -> criteria.Heading | None:
    """The heading a line is (criteria.heading), or None.

    Headings may be bold or Markdown headings ("**Key Inclusion Criteria:**", "## Exclusion
    criteria") and may carry their first criterion after the colon.
    """
    body = line.lstrip("#").replace("**", "").replace("__", "").strip()
    if body[:1] not in _HEADING_STARTS and not (body.endswith(":") and "riteri" in body):
        return None
    return criteria.heading(body)


def markdown_criteria(
    text: str,
) -> tuple[list[criteria.Criterion], list[criteria.Criterion], list[str]]:
    """Parse an eligibility Markdown string into (inclusion tree, exclusion tree, warnings)."""
    parts: dict[str, list[list[Any]]] = {"lead": [], "inclusion": [], "exclusion": []}
    current = "lead"
    headed = False
    last: list[Any] | None = None  # the entry a directly following line continues
    for raw in _INLINE_EXCLUSION.sub(r"\1\n", clean_text(text)).split("\n"):
        line = raw.expandtabs(4).rstrip() if "\t" in raw else raw.rstrip()
        stripped = line.lstrip()
        if (
            not stripped
            or stripped in _EMPTY_ITEMS
            or (stripped[0] in _RULE_STARTS and _RULE.fullmatch(stripped))
        ):
            last = None
            continue
        indent = len(line) - len(stripped)
        content, bulleted = criteria.strip_bullet(stripped)
        if not bulleted:
            heading = _heading(stripped)
            if heading is not None:
                current, rest, group = heading
                headed, last = True, None
                if group:
                    parts[current].append(criteria.group_entry(group))
                if rest:
                    last = [0, unescape(rest)]
                    parts[current].append(last)
                continue
            if criteria.is_criteria_label(stripped):
                last = None
                continue
            if last is not None:
                last[1] = f"{last[1]} {unescape(stripped)}"
                continue
        if not content:
            continue
        last = [indent, unescape(content)]
        parts[current].append(last)
    return criteria.sections(parts, headed)
