"""Lines of eligibility criteria that read like headings but are no section of their own
(criteria_headings, criteria_qualified): the NIH's "Inclusion of Women and Minorities", and
the verbs that make a "… criteria after …" line a sentence.

Choices:

- "Inclusion of Women and Minorities" is the NIH's section; also "Inclusion of Women,
  Minorities, and Children" and "Inclusion of Minorities and Women", in any case, "&" for
  "and", with or without a colon. It heads inclusion paragraphs, its children: they say who
  is eligible, they are no exclusion criteria. It is an aside: its first entry (also one
  written as an item, "-Both men and women …") and the paragraphs after it are its
  children; at the next list item the section it interrupted goes on. Other "Inclusion of
  …" lines ("Inclusion of Children", "Inclusion of patients with HIV") are criteria.
- A heading saying when its criteria apply ("Exclusion criteria after tissue explant") names
  a time, not a span ("Exclusion criteria after 2 weeks" is a criterion), and holds no verb
  ("… after enrollment lead to withdrawal" is a criterion).
"""

from __future__ import annotations

import re

#: The NIH's section saying that all are eligible, by its names.
_INCLUSION_OF = re.compile(
    r"inclusion[ \t]+of[ \t]+(?:women[ \t]*,?[ \t]+(?:and|&)[ \t]+minorities"
    r"|women[ \t]*,[ \t]*minorities[ \t]*,?[ \t]+(?:and|&)[ \t]+children"
    r"|minorities[ \t]+(?:and|&)[ \t]+women)[ \t]*:?",
    re.IGNORECASE)
#: Verbs that make a "… criteria after …" line a sentence ("… after enrollment lead to …"),
#: besides the verbs every qualifier is read for.
WHEN_VERBS = frozenset({
    "lead", "leads", "led", "leading", "result", "results", "resulted", "cause", "causes",
    "caused", "require", "requires", "required", "mean", "means", "occur", "occurs",
    "occurred", "do", "does", "did", "make", "makes", "made",
})


def inclusion_of(text: str) -> bool:
    """Whether a line (stripped) is "Inclusion of Women and Minorities" or another of the
    NIH section's names."""
    return _INCLUSION_OF.fullmatch(text) is not None
