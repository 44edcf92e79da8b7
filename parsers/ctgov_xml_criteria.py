"""The eligibility criteria of a classic ClinicalTrials.gov XML study: a criteria text block
(``<eligibility><criteria><textblock>``, which the registry wraps at about 70 columns) →
inclusion and exclusion criteria trees (``block_criteria``).

A line that is only "criteria" or "criteria:" right under a line of text is the wrap's end
of that line ("… at least one of the following" / "criteria:", "… consent. Exclusion" /
"criteria"), joined to it, not a bare "Criteria:" label to drop; an exclusion heading so
joined at a criterion's end starts the exclusion criteria (``split_trailing_exclusion``).
"""

from __future__ import annotations

import re
from typing import Any

from . import criteria, criteria_pdq
from .clean import clean_text
from .criteria_labels import Label, heading_follows, is_label
from .criteria_lines import leads_into, split_trailing_exclusion
from .criteria_notes import is_note
from .criteria_runs import own_mark
from .criteria_wraps import Numbering, wraps

#: Lines holding nothing ("<TAB>": a placeholder some records keep, as written)
_EMPTY_ITEMS = frozenset({"*", "-", "+", "•", "<TAB>"})
_RULE = re.compile(r"(?:[-*_=]\s*){3,}")
# "… last inclusion criterion. Exclusion Criteria: …" on one line.
_INLINE_EXCLUSION = re.compile(
    r"(?<=[.;:])[ \t]*(?=(?:key[ \t]+)?exclusion[ \t]+criteria[ \t]*:)"
    # a text block written on one line: the heading capitalised, after any word
    r"|(?<=\S)(?<!key)(?<!main)(?<!major)[ \t]+"
    r"(?=(?-i:(?:(?:Key|KEY|Main|MAIN|Major|MAJOR)[ \t]+)?"
    r"(?:Exclusion[ \t]+Criteria|EXCLUSION[ \t]+CRITERIA))[ \t]*:)",
    re.IGNORECASE,
)


def block_lines(text: str) -> list[str]:
    """A text block's lines: cleaned, tabs expanded, right-trimmed, and the indentation that
    every line shares (the XML's own) removed; outer blank lines dropped."""
    lines = [line.expandtabs(4).rstrip() for line in clean_text(text).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    shared = min((len(line) - len(line.lstrip()) for line in lines if line), default=0)
    return [line[shared:] for line in lines]


def block_criteria(
    text: str,
) -> tuple[list[criteria.Criterion], list[criteria.Criterion], list[str]]:
    """Parse an eligibility criteria text block into (inclusion, exclusion, warnings).

    Items are bulleted ("-  ") or numbered, nested by indentation, except that an item
    numbered right after the item above is its sibling (see criteria_wraps); a line directly
    below an item or a paragraph, with no blank line between, is its wrapped continuation (also
    one that opens like an item, "2. …", at the column of the item's text, or after a line
    that has not ended: criteria_wraps). Headings
    ("Inclusion Criteria:", also bulleted: "-  INCLUSION CRITERIA:", bracketed or numbered:
    "[Exclusion Criteria]", "III.6 EXCLUSION CRITERIA"; see ``criteria.heading``) switch
    the section; the criteria under a qualified one ("INCLUSION CRITERIA FOR PATIENTS:",
    "Exclusion Criteria for Stage 1") are its children. A numbered list written on one line
    ("4) … 5) … 19) …") is split into its items (``criteria_runs``); a paragraph opening
    with a number written against its text ("4.Subjects who …") is a numbered item; a list
    written as one run with " - " bullets is cut at them (``criteria_dashes``). An item
    whose dash touches its text ("-≤90 days …"), after a blank line at the column of the text
    of the item above, is that item's sibling (the registry indents such a line as a
    paragraph of the item above). The sections of the NCI's PDQ layout ("PATIENT
    CHARACTERISTICS:") and their sub-headings ("Age:") group the items under them
    (``criteria_pdq``).
    """
    parts: dict[str, list[Any]] = {"lead": [], "inclusion": [], "exclusion": []}
    current = "lead"
    headed = False
    last: list[Any] | None = None  # the entry a directly following line continues
    pending: list[Any] | None = None  # a criterion on a heading's line: indented as the next
    item_column: int | None = None  # where the text of the item on the line above starts
    text_column: int | None = None  # where the text of the item the line above is part of starts
    wrapped: list[Any] | None = None  # a group heading without a colon, which may wrap
    # A paragraph that is a sentence not leading into a list ("… are eligible."): the list
    # items indented under it are its siblings, not its children.
    paragraph: list[Any] | None = None
    numbering = Numbering()  # the numbers of the section's items, by indentation
    aside: tuple[str, list[Any]] | None = None  # an aside's section goes on (its entry)
    layout = criteria_pdq.Layout()  # the PDQ layout's sections ("PATIENT CHARACTERISTICS:")
    marks = criteria.Written()  # key headings; first criteria written after a dash
    minor = criteria.has_minor(text)  # "Minor Eligibility Criteria:": major and minor groups
    item_at: tuple[int, int] | None = None  # the last item's indent and its text's column
    under: list[Any] | None = None  # an item leading into the paragraphs after it (":")
    # a paragraph leading into the items after it at its own indentation ("… satisfy the
    # following criterion:" / "• Subjects who …"): its children
    lead_in: list[Any] | None = None
    item_margin: int | None = None  # where the last item's bullet is, as written
    label = Label()  # whom the plain headings that follow are for ("Surgical cohort")
    listed = False  # the last entry was a list item
    lines = split_trailing_exclusion(_split_inline_headings(_join_wrapped_labels(
        _pdq_paragraphs(block_lines(text)))))
    for at, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped or stripped in _EMPTY_ITEMS or _RULE.fullmatch(stripped):
            last = item_column = text_column = wrapped = None
            continue
        if wrapped is not None and not criteria.strip_bullet(stripped)[1]:
            # "INCLUSION CRITERIA FOR ADULT PATIENTS … OF COMBINATION" / "RITUXIMAB AND …:"
            wrapped[1] = f"{wrapped[1]} {stripped.removesuffix(':').rstrip()}"
            if stripped.endswith(":"):
                wrapped = None
            continue
        wrapped = None
        indent = len(line) - len(stripped)
        content, bulleted = criteria.strip_bullet(stripped)
        if not bulleted and last is None and (glued := criteria.glued_number(stripped)):
            content, bulleted = stripped[glued.end() :], True  # "4.Subjects who …"
        if (bulleted and last is None and item_margin is not None and indent < item_margin
                and _GLUED_DASH.match(stripped)):
            # "-Patients must either … treatment. -" at the paragraphs' margin, left of the
            # items: the registry's paragraph of a dash typed against its text, their sibling
            content, bulleted = _TRAILING_DASH.sub("", content), False
        if bulleted and last is not None and (indent == item_column or wraps(
                stripped, indent, _above(lines[at - 1]) if item_column is None else None,
                text_column, numbering)):
            bulleted, content = False, stripped  # a wrapped line that happens to open "2. "
        item_column = indent + len(stripped) - len(content) if bulleted and content else None
        if bulleted or last is None:
            text_column = item_column
        continued = last is not None and not bulleted
        heading = criteria.heading(content, continued, bulleted) if content else None
        if heading is not None:
            before, (current, rest, group, _, aside_of) = current, heading
            marks.heading(current, content, group)
            headed, last, pending, paragraph, lead_in = True, None, None, None, None
            item_at = item_margin = under = None
            numbering = Numbering()
            parts[current].extend(layout.heading(parts[before], parts[current], bulleted,
                                                 content))
            if not group and rest is None:
                group = label.use(current, lines, at)
            listed = False
            if group:
                parts[current].append(criteria.group_entry(group))
            aside = (before, parts[current][-1]) if aside_of else None
            if group and rest is None and not content.endswith(":"):
                wrapped = parts[current][-1]
            written = rest  # "Criteria: - Age …": its bullet removed
            rest = criteria.strip_item(rest) if rest else rest
            if rest and criteria.holds_criterion(rest):
                last = pending = [indent, rest, own_mark(written or "", rest)]
                parts[current].append(last)
                marks.first(last, written)
            continue
        nested = False
        if (not bulleted and last is None and under is not None and item_margin is not None
                and indent < item_margin
                and under[1].endswith(":") and not stripped.endswith(":")
                and not is_note(stripped)):
            # "-  … excluded if they have any of the following:" then paragraphs at the
            # margin: its items
            indent, nested = under[0] + 1, True
        elif bulleted or last is None:
            under = None
        if not bulleted:
            if last is None and (ranked := criteria.ranked_group(stripped, minor)) is not None:
                parts[current].append(criteria.group_entry(ranked))  # "Minor Eligibility …:"
                paragraph, numbering = None, Numbering()
                continue
            if criteria.is_criteria_label(stripped):
                last = None
                continue
            if last is None and (pdq := layout.read(stripped, lines, at)) is not None:
                if pdq[-1][0] == criteria.SECTION_INDENT:  # a section: inclusion criteria
                    if aside is not None:  # the section the aside interrupted goes on
                        current, aside = aside[0], None
                    current, headed = ("inclusion" if current == "lead" else current), True
                parts[current].extend(pdq)  # "PATIENT CHARACTERISTICS:", "Age:"
                paragraph, numbering = None, Numbering()
                continue
            if last is None:
                parts[current].extend(layout.paragraph(stripped, parts[current]))
            if (last is None and is_label(stripped)
                    and (follows := heading_follows(lines, at, _plain_heading)) is not None
                    and (current == "lead" or listed
                         or (current, follows) == ("exclusion", "inclusion"))):
                # "Surgical cohort" before "Inclusion Criteria:", after a list or at the
                # start: whom the criteria of the headings after it are for
                label = Label(stripped.removesuffix(":").rstrip())
                paragraph, listed = None, False
                continue
            if (last is None and listed and label.done() and current == "exclusion"
                    and stripped.endswith(":") and is_label(stripped)
                    and heading_follows(lines, at, _plain_heading) is None):
                # "Sub-study:" and a list after the exclusion criteria of "Main study":
                # another group's criteria, without headings: inclusion
                current = "inclusion"
                parts["exclusion"].append(criteria.CLOSE_GROUPS)
                parts[current] += [criteria.CLOSE_GROUPS,
                                   criteria.group_entry(stripped.removesuffix(":").rstrip())]
                label, paragraph, listed = Label(), None, False
                continue
            if (last is None and current != "lead" and criteria.is_group_label(stripped)
                    and not _heading_next(lines, at)):
                parts[current].append(criteria.group_entry(stripped))  # "Part B", "Group 2"
                paragraph = None
                continue
            if last is not None:
                last[1] = f"{last[1]} {stripped}"
                continue
        if not content:
            continue
        if aside is not None and bulleted and parts[current][-1] is not aside[1]:
            # a list item after "Inclusion of Women and Minorities" and its paragraphs
            parts[current].append(criteria.CLOSE_GROUPS)
            current, aside, paragraph = aside[0], None, None
            numbering = Numbering()
        if pending is not None:
            pending[0], pending = indent, None
        source = indent
        indent = numbering.place(stripped, indent) if bulleted else indent
        if (bulleted and last is None and item_at is not None and source == item_at[1]
                and stripped[0] == "-" and stripped[1:2] not in (" ", "\t", "-")):
            indent = item_at[0]  # "-≤90 days …" after a blank line, at the item's text column
        if (bulleted and lead_in is not None and last is None and source == lead_in[0]
                and stripped[0] in _TYPED_BULLETS and lead_in[1].endswith(":")
                and leads_into(lead_in[1])):
            indent = lead_in[0] + 1  # "• …" under "… the following criterion:", as written
        if paragraph is not None and bulleted:
            entry, level = paragraph
            if indent <= entry[0] or leads_into(entry[1]) or _label(entry[1]):
                paragraph = None
            elif level is None or indent == level:
                paragraph = [entry, indent]  # the list's first level: beside the paragraph
                indent = entry[0]
        last = [indent, content, own_mark(stripped, content) if bulleted else None]
        parts[current].append(last)
        listed = bulleted
        if bulleted:
            item_at = (indent, source + len(stripped) - len(content))
            item_margin = source
            under = last  # it may lead into the paragraphs after it (its wrapped end read)
        elif not nested:  # (a lead-in's paragraph is no sentence over the items after it)
            paragraph = [last, None]
            lead_in = last  # (its text read whole, wrapped lines joined, at the next item)
    return criteria.sections(parts, headed, marks)


#: Bullets typed in the text (not the registry's "-" items): written at a paragraph's own
#: indentation under a paragraph leading into them, they are its items.
_TYPED_BULLETS = frozenset("•·▪◦●")
#: A dash typed against the text after it ("-Patients …"), and one left at a line's end.
_GLUED_DASH = re.compile(r"-(?=[^\W\d_])")
_TRAILING_DASH = re.compile(r"[ \t]+-$")


def _above(line: str) -> tuple[str, int]:
    """A line's text and indentation."""
    text = line.lstrip()
    return text, len(line) - len(text)


def _plain_heading(line: str) -> criteria.Heading | None:
    content, bulleted = criteria.strip_bullet(line)
    return criteria.heading(content, bulleted=bulleted)


def _heading_next(lines: list[str], at: int) -> bool:
    """Whether the next line with text after lines[at] is a heading."""
    for line in lines[at + 1:]:
        if line.strip():
            return _plain_heading(line.strip()) is not None
    return False


#: Fewest words of a paragraph that is a sentence, not a label over the list under it
#: ("Biologic therapy", "--Disease Characteristics--", "Other").
_SENTENCE_MIN_WORDS = 6


def _label(paragraph: str) -> bool:
    return len(paragraph.split()) < _SENTENCE_MIN_WORDS


#: A PDQ section written as one paragraph: its name, a colon, then its text on the same line
#: ("PATIENT CHARACTERISTICS: Age: Any age Performance status: GOG 0-2 Hematopoietic: …").
_PDQ_PARAGRAPH = re.compile(
    r"(?P<name>DISEASE CHARACTERISTICS|PATIENT CHARACTERISTICS"
    r"|PRIOR[ \t]*/?[ \t]*CONCURRENT THERAPY):[ \t]+(?P<rest>\S.*)")
#: The older ORD records' paragraph of sections between dashes ("--Disease Characteristics--
#: Histologically confirmed … --Prior/Concurrent Therapy-- … --Patient Characteristics-- Age:
#: 18 to 60 Performance status: …"), and where each section starts.
_ORD_NAMES = (r"--(?:Disease Characteristics|Patients? Characteristics"
              r"|Prior/Concurrent Therapy)--")
_ORD_PARAGRAPH = re.compile(rf"(?P<name>{_ORD_NAMES})[ \t]+(?P<rest>\S.*)")
_ORD_SECTION = re.compile(rf"[ \t]*({_ORD_NAMES})[ \t]*")
#: Where such a paragraph's next sub-heading starts: the PDQ's names, capitalised, a colon.
_PDQ_SUBHEADING = re.compile(
    r"[ \t]+(?=(?:Age|Sex|Menopausal status|Performance status|Life expectancy|Hematopoietic"
    r"|Hepatic|Renal|Cardiovascular|Pulmonary|Neurologic|Other|Biologic therapy|Chemotherapy"
    r"|Endocrine therapy|Radiotherapy|Surgery):[ \t])")


def _pdq_paragraphs(lines: list[str]) -> list[str]:
    """The lines, a PDQ section written as one wrapped paragraph (the NCI's older records)
    written as the layout's section heading over one item per sub-heading ("Age: Any age",
    "Performance status: GOG 0-2", "Hematopoietic: WBC at least 3,000/mm3 …"), as the same
    layout with line breaks reads; the text before its first sub-heading is its first item.
    The criteria inside a sub-heading's text run on without punctuation: they stay one."""
    joined = "".join(lines)
    if not any(mark in joined for mark in ("CHARACTERISTICS:", "THERAPY:", "Characteristics--",
                                            "Therapy--")):
        return lines
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        found = _PDQ_PARAGRAPH.fullmatch(line.strip()) or _ORD_PARAGRAPH.fullmatch(line.strip())
        if found is None:
            out.append(line)
            at += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        words = [found["rest"]]
        at += 1
        while at < len(lines) and lines[at].strip():  # the paragraph's wrapped lines
            words.append(lines[at].strip())
            at += 1
        if found.re is _ORD_PARAGRAPH:  # "--Disease Characteristics-- … --Patient …-- …"
            _, *named = _ORD_SECTION.split(f"{found['name']} {' '.join(words)}")
        else:
            named = [f"{found['name']}:", " ".join(words)]
        for name, text in zip(named[::2], named[1::2], strict=True):
            out += [f"{indent}{name}", ""]
            out += [part for piece in _PDQ_SUBHEADING.split(text) if piece.strip()
                    for part in (f"{indent}  -  {piece.strip()}", "")]
    return out


def _join_wrapped_labels(lines: list[str]) -> list[str]:
    """The lines, a line that is only "criteria" or "criteria:" right under a line of text
    (no blank line between) joined to it: the registry's wrap put the last word of "… meet
    at least one of the following criteria:" or of "… consent. Exclusion criteria" on a line
    of its own, which is no label of the list below (split_trailing_exclusion then reads the
    second as the exclusion heading it is)."""
    out: list[str] = []
    for line in lines:
        if (out and out[-1].strip() and "riteri" in line.casefold()
                and criteria.is_criteria_label(line) and not criteria.is_criteria_label(out[-1])
                and criteria.heading(out[-1].strip()) is None):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _split_inline_headings(lines: list[str]) -> list[str]:
    """The lines, an "Exclusion Criteria:" inside one (after a sentence) starting a new line
    at that line's indentation; a line that is a heading as a whole is kept whole."""
    out: list[str] = []
    for line in lines:
        if "riteri" in line or "RITERI" in line:
            whole = criteria.heading(line.strip())
            if whole is not None and whole.rest is None:
                out.append(line)  # a heading alone ("GENERAL EXCLUSION CRITERIA:")
                continue
        indent = line[: len(line) - len(line.lstrip())]
        first, *rest = _INLINE_EXCLUSION.sub("\n", line).split("\n")
        out.append(first)
        out.extend(indent + part for part in rest)
    return out
