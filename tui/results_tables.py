"""Tables of posted results: the participant flow (milestones × groups), the baseline
(measures × groups) and an outcome measure's values (groups × values). Values are kept per
group, as the registry posts them; every string from a record goes into a Text."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from store.compare.results import analysed_counts, own_analysed

from . import format as fmt
from .report_view import Marker, indented, plain
from .result_text import both_text, bound_text, spread_and_limits
from .span_table import SpanTable

Node = dict[str, Any]
MISSING = "—"
#: Above this many value columns an outcome table is turned: values down, groups across.
MAX_VALUE_COLUMNS = 3


def number(value: Any, written: str | None = None) -> str:
    """A count or value as the table shows it: 2,053; 12.5; 0.001; as the registry wrote it
    when it kept zeros the number drops (written: "12.50"; "2169.00" → 2,169.00)."""
    if value is None or isinstance(value, bool):
        return MISSING
    if written:
        return _grouped(written)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        text = repr(value)
        return text if "e" in text else _grouped(text)  # 1893.5 → 1,893.5, as 2,169
    return str(value)


def _grouped(decimal: str) -> str:
    """A decimal's whole part with thousands separators: "-1893.50" → "-1,893.50"."""
    whole, dot, fraction = decimal.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    if len(digits) <= 3 or not digits.isdigit():
        return decimal
    return f"{sign}{int(digits):,}{dot}{fraction}"


def words(value: str | None) -> str:
    """An enum ("NOT COMPLETED", "STANDARD_DEVIATION") in words ("Not completed"); a
    registry's own phrase as written ("Received OL CZP", "Lost to Follow-up"); an enum of
    the registry's legacy values says so: "Superiority or other (legacy)"."""
    if not value:
        return ""
    if not _ENUM.fullmatch(value):
        return value
    if value.endswith("_LEGACY"):
        return f"{fmt.enum_text(value.removesuffix('_LEGACY'))} (legacy)"
    return fmt.enum_text(value)


_ENUM = re.compile(r"[A-Z][A-Z0-9_ ]*")


def group_titles(groups: list[Node]) -> dict[str, str]:
    """Group id → its title (the id when it has none)."""
    return {g["id"]: g.get("title") or g["id"]
            for g in groups if isinstance(g, dict) and g.get("id")}


def shape_text(measure: Node) -> str:
    """What a measure's values are: "Mean (Standard deviation), mmHg"; nothing for a count
    of participants, which needs no saying."""
    kind, spread, unit = (words(measure.get("param_type")),
                          words(measure.get("dispersion_type")), measure.get("unit") or "")
    if measure.get("param_type") == "COUNT_OF_PARTICIPANTS" and unit.lower() == "participants":
        return ""
    if spread:
        kind = f"{kind} ({spread})" if kind else spread
    return ", ".join(part for part in (kind, unit) if part)


class Notes:
    """Comments on table cells, numbered in the cells ("12 [1]") and written out under the
    table, so that a long comment does not stretch a column."""

    def __init__(self, mark: Marker = plain) -> None:
        self.mark = mark
        self.lines: list[Text] = []
        self.numbers: dict[str, int] = {}  # a comment written without a place → its number

    def add(self, cell: Text, where: str | None, comment: str | None) -> Text:
        """Number a cell's comment (if it has one); the cell. A comment without a place
        (where None) is written once, the cells that share it sharing its number."""
        if not comment:
            return cell
        number_ = self.numbers.get(comment) if where is None else None
        if number_ is None:
            number_ = len(self.lines) + 1
            line = Text(f"[{number_}] ", style="dim")
            if where is not None:
                line.append(f"{where}: ", style="italic")
            else:
                self.numbers[comment] = number_
            self.lines.append(line.append_text(self.mark(comment)))
        cell.append(f" [{number_}]", style="dim")
        return cell

    def under(self, table: RenderableType) -> RenderableType:
        """The table with its notes under it."""
        return Group(table, *self.lines) if self.lines else table


def measurement_text(item: Node | None, mark: Marker = plain,
                     dispersion: str | None = None) -> Text:
    """A value with its spread "12.5 (3.2)" or limits "12.5 (10.1 to 14.2)", or the text the
    registry wrote ("NA"); with both, the one the measure's dispersion names first
    (result_text.both_text)."""
    if item is None:
        return Text(MISSING, style="dim")
    value = bound_text(item, "value", number) or MISSING
    text = Text(value) if item.get("value") is not None else mark(value)
    spread, limits = spread_and_limits(item, number)
    if spread is not None and limits is not None:
        text.append(f" ({both_text(spread, limits, dispersion)})", style="dim")
    elif spread is not None or limits is not None:
        text.append(f" ({spread or limits})", style="dim")
    return text


def _measured(item: Node | None, where: str, notes: Notes,
              dispersion: str | None = None) -> Text:
    return notes.add(measurement_text(item, notes.mark, dispersion), where,
                     item.get("comment") if item else None)


def _counts_by_group(counts: list[Node], key: str) -> dict[str, Any]:
    return {group: c.get(key) for c in counts
            if isinstance(c, dict) and isinstance(group := c.get("group"), str)}


def flow_period_table(period: Node, groups: list[Node], mark: Marker = plain) -> RenderableType:
    """A period's milestones (then its reasons for withdrawal) by group; the comments (on a
    milestone or on one of its counts) numbered under it."""
    titles = group_titles(groups)
    table = SpanTable("", list(titles.values()), mark)
    notes = Notes(mark)
    for kind, rows in (("milestones", period.get("milestones") or []),
                       ("withdrawals", period.get("withdrawals") or [])):
        if kind == "withdrawals" and rows:
            table.add_title(Text("Reasons for withdrawal", style="italic"))
        for row in rows:
            by_group = {c.get("group"): c for c in row.get("counts") or () if isinstance(c, dict)}
            name = words(row.get("type")) or MISSING
            label = mark(name)
            notes.add(label, name, row.get("comment"))
            cells: list[RenderableType] = [indented(label) if kind == "withdrawals" else label]
            for group_id, title in titles.items():
                count = by_group.get(group_id)
                cell = Text(number(count.get("count")) if count else MISSING)
                cells.append(notes.add(cell, f"{title}, {name}",
                                       count.get("comment") if count else None))
            table.add_row(*cells)
    heading = mark(period.get("title") or "Period")
    heading.stylize("bold")
    return Group(heading, notes.under(table))


def _value_label(class_title: str | None, category_title: str | None) -> str:
    return " / ".join(part for part in (class_title, category_title) if part)


def value_rows(classes: list[Node]) -> list[tuple[str, dict[str, Node]]]:
    """(label, measurement per group) for each class × category; the label is empty for a
    single unnamed value."""
    rows = []
    for klass in classes or ():
        for category in klass.get("categories") or ():
            by_group = {group: m for m in category.get("measurements") or ()
                        if isinstance(m, dict) and isinstance(group := m.get("group"), str)}
            rows.append((_value_label(klass.get("title"), category.get("title")), by_group))
    return rows


def analysed_rows(classes: list[Node], outer: dict[Any, Any]) -> dict[int, tuple[str, Node]]:
    """The participants analysed by the classes that state their own count (differing from
    outer, the measure's): by the index in value_rows(classes) of the class's first value,
    (label, count per group), the label naming the class ("Week 12: analysed")."""
    found: dict[int, tuple[str, Node]] = {}
    index = 0
    for klass in classes or ():
        own = own_analysed(klass, outer)
        if own is not None and klass.get("categories"):
            title = klass.get("title")
            found[index] = (f"{title}: analysed" if title else "Analysed", own)
        index += len(klass.get("categories") or ())
    return found


def denom_rows(denoms: list[Node], label: str) -> list[tuple[str, dict[str, Any]]]:
    """(label, count per group) for each unit of analysis; the unit is named when it is not
    participants ("Analysed (eyes)")."""
    rows = []
    for denom in denoms or ():
        units = denom.get("units") or "Participants"
        named = label if units.lower() == "participants" else f"{label} ({units})"
        rows.append((named, _counts_by_group(denom.get("counts") or [], "value")))
    return rows


def baseline_table(baseline: Node, mark: Marker = plain) -> RenderableType:
    """Every baseline measure (its population, then its categories under it) by group,
    participants first."""
    titles = group_titles(baseline.get("groups") or [])
    table = SpanTable("Measure", list(titles.values()), mark)
    notes = Notes(mark)
    for label, counts in denom_rows(baseline.get("denoms") or [], "Participants"):
        table.add_row(Text(label, style="bold"), *[Text(number(counts.get(g))) for g in titles])
    everyone = analysed_counts(baseline.get("denoms"), participants_only=True)
    for measure in baseline.get("measures") or ():
        rows = value_rows(measure.get("classes") or [])
        own, analysed = measure_analysed(measure, everyone)
        name = measure.get("title") or MISSING
        title = mark(name)
        title.stylize("bold")
        shape = shape_text(measure)
        if shape:
            title.append(f" ({shape})", style="dim")
        table.add_title(title)
        for label, key in (("Description", "description"), ("Population", "population")):
            if measure.get(key):
                note = Text(f"  {label}: ", style="italic cyan")
                table.add_title(note.append_text(mark(measure[key])))
        if own is not None:
            table.add_row(indented(_count_label("Analysed", mark)),
                          *[Text(number(own.get(g))) for g in titles])
        for at, (label, by_group) in enumerate(rows):
            if at in analysed:
                count_label, counts = analysed[at]
                table.add_row(indented(_count_label(count_label, mark)),
                              *[Text(number(counts.get(g))) for g in titles])
            where = f"{name}, {label}" if label else name
            table.add_row(indented(mark(label)) if label else Text(""),
                          *[_measured(by_group.get(g), f"{t}, {where}", notes,
                                      measure.get("dispersion_type"))
                            for g, t in titles.items()])
    return notes.under(table)


def measure_table(measure: Node, mark: Marker = plain) -> RenderableType:
    """An outcome measure's values: one row per group (its participants analysed, then each
    value); turned (values down, groups across) when the values outnumber the groups."""
    titles = group_titles(measure.get("groups") or [])
    denoms = denom_rows(measure.get("denoms") or [], "Analysed")
    values = value_rows(measure.get("classes") or [])
    unit = measure.get("unit")
    names = [label or (f"Value ({unit})" if unit else "Value") for label, _ in values]
    notes = Notes(mark)
    analysed = analysed_rows(measure.get("classes") or [],
                             analysed_counts(measure.get("denoms"), participants_only=True))
    # a class's own participants analysed is a row: values go down, groups across
    if analysed or len(values) > max(MAX_VALUE_COLUMNS, len(titles)):
        table = SpanTable("", list(titles.values()), mark)
        for label, counts in denoms:
            table.add_row(Text(label, style="bold"),
                          *[Text(number(counts.get(g))) for g in titles])
        for at, (name, (_, by_group)) in enumerate(zip(names, values, strict=True)):
            if at in analysed:
                count_label, counts = analysed[at]
                table.add_row(_count_label(count_label, mark),
                              *[Text(number(counts.get(g))) for g in titles])
            table.add_row(mark(name), *[_measured(by_group.get(g), f"{t}, {name}", notes,
                                                  measure.get("dispersion_type"))
                                        for g, t in titles.items()])
        return notes.under(table)
    # the columns are values: a part repeats the participants analysed
    table = SpanTable("Group", [label for label, _ in denoms] + names, mark,
                      noun=("Value", "Values"), keep=len(denoms))
    for group_id, title in titles.items():
        cells = [Text(number(counts.get(group_id))) for _, counts in denoms]
        cells += [_measured(by_group.get(group_id), f"{title}, {name}", notes,
                            measure.get("dispersion_type"))
                  for name, (_, by_group) in zip(names, values, strict=True)]
        table.add_row(mark(title), *cells)
    return notes.under(table)


def measure_analysed(measure: Node, everyone: dict[Any, Any]
                     ) -> tuple[Node | None, dict[int, tuple[str, Node]]]:
    """A baseline measure's own participants analysed (None when the baseline's count,
    everyone, holds for it), and its classes' (analysed_rows)."""
    own = own_analysed(measure, everyone)
    outer = everyone if own is None else own
    return own, analysed_rows(measure.get("classes") or [], outer)


def _count_label(label: str, mark: Marker) -> Text:
    text = mark(label)
    text.stylize("italic")
    return text


def described_groups(sections: list[list[Node]]) -> list[list[Node]]:
    """For each section's groups (in the order the sections are shown), those whose
    description is shown with it: a group's description the first time that group (its
    title and description) appears in the results, so that arms described in the flow are
    not described again under every measure."""
    seen: set[tuple[str, str]] = set()
    out: list[list[Node]] = []
    for groups in sections:
        shown = []
        for group in groups if isinstance(groups, list) else ():
            if not isinstance(group, dict) or not isinstance(group.get("description"), str):
                continue
            key = (str(group.get("title")), group["description"])
            if group["description"] and key not in seen:
                seen.add(key)
                shown.append(group)
        out.append(shown)
    return out


def groups_block(groups: list[Node], mark: Marker) -> RenderableType | None:
    """ "Groups", then each group's title and description (None for no group)."""
    if not groups:
        return None
    lines: list[RenderableType] = [Text("Groups", style="italic cyan")]
    for group in groups:
        line = mark(group.get("title") or group.get("id") or MISSING)
        line.stylize("bold")
        line.append(" — ")
        lines.append(indented(line.append_text(mark(group["description"]))))
    return Group(*lines)
