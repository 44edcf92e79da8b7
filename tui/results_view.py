"""The Results tab: the posted participant flow, baseline, outcome measures with their
analyses, adverse events per group, limitations and point of contact; "No results posted."
when there are none. Paged: a study can post hundreds of adverse events."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from . import format as fmt
from .events_view import events_items
from .pages import Item, Paged, counted, sections_of
from .report_view import LABEL, Marker, fields_grid, heading, indented, plain, title_line
from .result_text import (
    CI_SIDES,
    MEASURE_TYPES,
    NO_RESULTS,
    OWN_LABELS,
    agreement_rows,
    bound_text,
    ci_text,
    dispersion_text,
    measure_order,
    results_status,
    unknown_results_reason,
)
from .results_tables import (
    baseline_table,
    described_groups,
    flow_period_table,
    group_titles,
    groups_block,
    measure_table,
    number,
    shape_text,
    words,
)

Record = dict[str, Any]
Node = dict[str, Any]
PAGE_LINES = 150  # about this many lines of results rendered at a time
#: Why a record of results posted does not hold them, by the format of its source.
_NOT_HELD = {
    "ctgov-csv": "The site's CSV download does not carry them: import the study's JSON (or "
                 "`trials fetch` it) to read them here.",
    "": "This record's source does not hold them: import the study's JSON (or `trials "
        "fetch` it) to read them here.",
}


def _lines(text: str | None) -> int:
    return 1 + len(text or "") // 60


def _note(label: str, value: str | None, mark: Marker) -> Text | None:
    if not value:
        return None
    text = Text(f"{label}: ", style="italic cyan")
    return text.append_text(mark(value))


def _notes(*notes: RenderableType | None) -> list[RenderableType]:
    return [indented(note) for note in notes if note is not None]


def _described_lines(groups: list[Node]) -> int:
    return sum(_lines(group.get("description")) for group in groups) + bool(groups)


def flow_items(flow: Node, mark: Marker, described: list[Node]) -> list[Item]:
    """The participant flow: recruitment notes, one table per period, then the groups
    described."""
    def head() -> RenderableType:
        return Group(Text(), heading("Participant flow"), *_notes(
            _note("Recruitment", flow.get("recruitment"), mark),
            _note("Pre-assignment", flow.get("pre_assignment"), mark)))
    section = "participant flow"
    weight = 2 + _lines(flow.get("recruitment")) + _lines(flow.get("pre_assignment"))
    items = [Item(head, weight, section)]
    for period in flow.get("periods") or ():
        rows = len(period.get("milestones") or ()) + len(period.get("withdrawals") or ())
        build = partial(_period, period, flow.get("groups") or [], mark)
        items.append(Item(build, 3 + 2 * rows, section))
    if described:
        items.append(Item(partial(_described, described, mark), _described_lines(described),
                          section))
    return items


def _described(groups: list[Node], mark: Marker) -> RenderableType:
    return Group(Text(), *_notes(groups_block(groups, mark)))


def _period(period: Node, groups: list[Node], mark: Marker) -> RenderableType:
    return Group(Text(), indented(flow_period_table(period, groups, mark)))


def baseline_items(baseline: Node, mark: Marker, described: list[Node]) -> list[Item]:
    """The baseline characteristics as one table (its measures × the groups), then the
    groups described."""
    measures = baseline.get("measures") or []
    rows = sum(1 + sum(len(c.get("categories") or ()) for c in m.get("classes") or ())
               for m in measures)

    def build() -> RenderableType:
        parts: list[RenderableType] = [Text(), heading(f"Baseline ({len(measures)} measures)")]
        parts += _notes(_note("Population", baseline.get("population"), mark))
        parts.append(indented(baseline_table(baseline, mark)))
        parts += _notes(groups_block(described, mark))
        return Group(*parts)
    return [Item(build, 4 + 2 * rows + _described_lines(described), "baseline")]


def analysis_text(number_: int, analysis: Node, titles: dict[str, str], mark: Marker) -> Table:
    """ "1. Group A vs Group B: p = 0.04 (t-test); Hazard ratio 0.72 (95% CI 0.55 to 0.94,
    two-sided), standard error 0.11", then its notes (non-inferiority, whether it was
    tested, the analysis's comments)."""
    line = Text()
    compared = [titles.get(g, g) for g in analysis.get("groups") or ()]
    if compared:
        line.append_text(mark(" vs ".join(compared)))
        line.append(": ")
    p_text = bound_text(analysis, "p_value", number)
    if p_text:
        line.append(f"p {p_text}" if p_text[:1] in "<>=≤≥" else f"p = {p_text}", style="bold")
    if analysis.get("method"):
        line.append(" (")
        line.append_text(mark(analysis["method"]))
        line.append(")")
    estimate = analysis.get("param_type")
    param_value = bound_text(analysis, "param_value", number)
    if estimate or param_value is not None:
        if p_text or analysis.get("method"):
            line.append("; ")
        line.append_text(mark(estimate or "Estimate"))
        if param_value is not None:
            line.append(" ").append_text(mark(param_value))
    interval = ci_text(analysis, number)
    if interval is not None:
        sides = CI_SIDES.get(analysis.get("ci_sides") or "", "")
        line.append(" (").append_text(mark(interval))
        line.append(f"{', ' + sides if sides else ''})")
    spread = dispersion_text(analysis, number)
    if spread:
        line.append(", " if line.plain else "").append_text(mark(spread))
    lines: list[RenderableType] = [line]
    tested_value = analysis.get("tested_non_inferiority")
    tested = ("non-inferiority tested" if tested_value else "non-inferiority not tested") \
        if isinstance(tested_value, bool) else ""
    test = "; ".join(part for part in (words(analysis.get("non_inferiority")), tested) if part)
    # the registry's "Type of Statistical Test" (nonInferiorityType)
    description = analysis.get("description")
    if description and description.startswith(OWN_LABELS):  # "Estimate comment: …"
        notes = [_note("Type of test", test, mark), mark(description)]
    else:
        notes = [_note("Type of test", test, mark), _note("Notes", description, mark)]
    lines += [note for note in notes if note is not None]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    grid.add_row(Text(f"{number_}."), Group(*lines))
    return grid


def measure_view(index: int, count: int, measure: Node, mark: Marker = plain,
                 described: list[Node] | None = None) -> Group:
    """One outcome measure: its kind and title, time frame, notes, table, the groups
    described, and analyses."""
    title = Text(f"{index}/{count} ", style="dim")
    kind = MEASURE_TYPES.get(measure.get("type") or "", words(measure.get("type")))
    if kind:
        title.append(f"{kind} · ", style="magenta")
    title.append_text(mark(measure.get("title") or "Untitled measure"))
    title.stylize(LABEL, len(f"{index}/{count} "))
    shape = shape_text(measure)
    parts: list[RenderableType] = [Text(), title, *_notes(
        _note("Time frame", measure.get("time_frame"), mark),
        _note("Description", measure.get("description"), mark),
        _note("Population", measure.get("population"), mark),
        Text(f"Values: {shape}", style="dim") if shape else None)]
    if measure.get("classes"):
        parts.append(indented(measure_table(measure, mark)))
    elif measure.get("reporting_status") == "NOT_POSTED":
        parts.append(indented(Text(f"{fmt.not_posted_text(measure)}.", style="dim")))
    else:  # posted with no values (no participant analysed, say): its counts, and so
        if measure.get("denoms"):
            parts.append(indented(measure_table(measure, mark)))
        parts.append(indented(Text("No values stated.", style="dim")))
    parts += _notes(groups_block(described or [], mark))
    analyses = measure.get("analyses") or []
    if analyses:
        titles = group_titles(measure.get("groups") or [])
        parts.append(indented(Text(f"Statistical analyses ({len(analyses)})", style="bold")))
        parts += [indented(analysis_text(n, a, titles, mark), 4)
                  for n, a in enumerate(analyses, start=1)]
    return Group(*parts)


def measures_items(measures: list[Node], mark: Marker,
                   described: list[list[Node]]) -> list[Item]:
    """A heading, then one item per outcome measure (described: the groups described with
    each)."""
    section = "outcome measures"
    items = [Item(lambda: Group(Text(), heading(f"Outcome measures ({len(measures)})")), 2,
                  section)]
    for index, (measure, groups) in enumerate(zip(measures, described, strict=True), start=1):
        rows = sum(len(c.get("categories") or ()) for c in measure.get("classes") or ())
        rows = max(rows, len(measure.get("groups") or ()))
        weight = 6 + 2 * rows + 3 * len(measure.get("analyses") or ()) + _lines(
            measure.get("description")) + _described_lines(groups)
        items.append(Item(partial(measure_view, index, len(measures), measure, mark, groups),
                          weight, section))
    return items


def results_view(record: Record, mark: Marker = plain, *, title: bool = True) -> Paged:
    """The Results tab of a record, paged about PAGE_LINES lines at a time; under the
    record's id and title unless title is False."""
    results = record.get("results")
    head: list[RenderableType] = [title_line(record, mark)] if title else []
    items: list[Item] = []
    if not isinstance(results, dict):
        if title:
            head.append(Text())
        status = results_status(record)
        if status == "not_in_record":
            head.append(Text("Results are posted on ClinicalTrials.gov.", style="bold"))
            head.append(Text(_NOT_HELD.get(str(record["source"].get("format")), _NOT_HELD[""]),
                             style="dim"))
        else:
            head.append(Text(f"{NO_RESULTS[status]}.", style="bold"))
            if status == "unknown":
                head.append(Text(unknown_results_reason(record), style="dim"))
        return Paged(Group(*head), items, PAGE_LINES, lambda _: "")
    flow, baseline = results.get("participant_flow"), results.get("baseline")
    # primary measures first, then secondary, other, post hoc (as the Markdown)
    measures = sorted((m for m in results.get("outcome_measures") or [] if isinstance(m, dict)),
                      key=measure_order)
    events = results.get("adverse_events")
    described = iter(described_groups([
        *((part.get("groups") or []) for part in (flow, baseline) if part),
        *((measure.get("groups") or []) for measure in measures),
        *([events.get("groups") or []] if events else [])]))
    if flow:
        items += flow_items(flow, mark, next(described))
    if baseline:
        items += baseline_items(baseline, mark, next(described))
    if measures:
        items += measures_items(measures, mark, [next(described) for _ in measures])
    if events:
        items += events_items(events, mark, next(described))
    items += tail_items(results, mark)
    return Paged(Group(*head), items, PAGE_LINES,
                 lambda shown: _rest(items[shown:]))


def tail_items(results: Node, mark: Marker) -> list[Item]:
    """Limitations and caveats, the certain agreements and the point of contact for the
    results."""
    items: list[Item] = []
    if results.get("limitations"):
        items.append(Item(lambda: Group(Text(), heading("Limitations and caveats"), indented(
            mark(results["limitations"]))), 2 + _lines(results["limitations"]), "limitations"))
    agreement = results.get("certain_agreement")
    agreed = agreement_rows(agreement) if isinstance(agreement, dict) else []
    if agreed:
        items.append(Item(lambda: Group(Text(), heading("Certain agreements"), indented(
            fields_grid(agreed, mark))), 2 + sum(_lines(value) for _, value in agreed),
            "certain agreements"))
    contact = results.get("point_of_contact")
    if isinstance(contact, dict):
        rows = [(label.capitalize(), contact.get(label) or "")
                for label in ("title", "organization", "phone", "email")]
        items.append(Item(lambda: Group(Text(), heading("Point of contact"), indented(
            fields_grid(rows, mark))), 6, "point of contact"))
    return items


def _rest(items: list[Item]) -> str:
    """What the items not shown yet hold: "12 more parts of the results (adverse events)"."""
    sections = sections_of(items)
    text = counted(len(items), "more part") + " of the results"
    return text + (f" ({', '.join(sections)})" if sections else "")
