"""The posted results of a trial's Markdown report besides its outcome measures: the
participant flow (each period's milestones and reasons for withdrawal by group), the baseline
characteristics (every measure and category by group) and the adverse events (totals by group,
then every serious and other event), and what else the results state (limitations, certain
agreements, point of contact). Every row the record holds is written; comments go
under their table. All trial text goes through markdown_text, so it stays data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store.compare.results import analysed_counts

from .events_view import assessed_text
from .markdown_text import md_cell, md_text, table_lines
from .result_text import affected_words, agreement_rows, measurement_text
from .results_tables import (
    MISSING,
    denom_rows,
    group_titles,
    measure_analysed,
    number,
    shape_text,
    value_rows,
    words,
)

Node = dict[str, Any]


def notes_lines(notes: list[tuple[str, str]]) -> list[str]:
    """Comments under a table: "- Placebo, Started: two were randomised twice"."""
    return [f"- {md_text(where)}: {md_text(comment)}" for where, comment in notes]


def groups_lines(groups: list[Node]) -> list[str]:
    """**Groups:** and a line per group described (its title — its description)."""
    if not groups:
        return []
    return ["**Groups:**", "", *(f"- **{md_cell(g.get('title') or g.get('id') or MISSING)}** — "
                                 f"{md_text(g['description'])}" for g in groups), ""]


def flow_lines(flow: Node, level: str, described: list[Node]) -> list[str]:
    """#### Participant flow: recruitment and pre-assignment details, the groups described,
    then a table per period (milestones, then reasons for withdrawal, by group)."""
    lines = [f"{level} Participant flow", ""]
    for label, key in (("Recruitment", "recruitment"), ("Pre-assignment", "pre_assignment")):
        if flow.get(key):
            lines += [f"**{label}:** {md_text(flow[key])}", ""]
    lines += groups_lines(described)
    titles = group_titles(flow.get("groups") or [])
    periods = flow.get("periods") or []
    if not periods:
        return [*lines, "No periods posted.", ""]
    for period in periods:
        lines += [f"**{md_text(period.get('title') or 'Period')}**", ""]
        rows: list[list[str]] = []
        notes: list[tuple[str, str]] = []
        for kind in ("milestones", "withdrawals"):
            for row in period.get(kind) or []:
                name = words(row.get("type")) or MISSING
                label = f"Withdrawn: {name}" if kind == "withdrawals" else name
                if row.get("comment"):
                    notes.append((label, row["comment"]))
                by_group = {c.get("group"): c for c in row.get("counts") or []
                            if isinstance(c, dict)}
                said: dict[str, list[str]] = {}  # a count's comment → the groups saying it
                cells = []
                for group_id, title in titles.items():
                    count = by_group.get(group_id) or {}
                    cells.append(md_cell(number(count.get("count"))) if count else MISSING)
                    if count.get("comment"):
                        said.setdefault(str(count["comment"]), []).append(title)
                notes += [(label if len(groups) == len(titles) > 1
                           else f"{label} ({', '.join(groups)})", comment)
                          for comment, groups in said.items()]
                rows.append([md_cell(label), *cells])
        header = ["", *(md_cell(title) for title in titles.values())]
        lines += [*table_lines(header, rows), ""] if rows else ["No milestones posted.", ""]
        lines += [*notes_lines(notes), ""] if notes else []
    return lines


def baseline_lines(baseline: Node, level: str, described: list[Node]) -> list[str]:
    """#### Baseline characteristics: the groups described, participants, then each measure
    (its title and what its values are, then a row per category) by group."""
    lines = [f"{level} Baseline characteristics", ""]
    if baseline.get("population"):
        lines += [f"**Population:** {md_text(baseline['population'])}", ""]
    lines += groups_lines(described)
    titles = group_titles(baseline.get("groups") or [])
    rows = [[md_cell(label), *(md_cell(number(counts.get(g))) for g in titles)]
            for label, counts in denom_rows(baseline.get("denoms") or [], "Participants")]
    notes: list[tuple[str, str]] = []
    everyone = analysed_counts(baseline.get("denoms"), participants_only=True)
    for measure in baseline.get("measures") or []:
        name = measure.get("title") or MISSING
        shape = shape_text(measure)
        title = f"**{md_cell(name)}**" + (f" ({md_cell(shape)})" if shape else "")
        for key in ("description", "population"):
            if measure.get(key):
                notes.append((f"{name}, {key}", measure[key]))
        values = value_rows(measure.get("classes") or [])
        dispersion = measure.get("dispersion_type")
        own, analysed = measure_analysed(measure, everyone)
        if len(values) == 1 and not values[0][0] and own is None and not analysed:
            rows.append([title, *(md_cell(measurement_text(values[0][1].get(g), dispersion))
                                  for g in titles)])
            notes += value_comments(values[0][1], titles, name)
            continue
        rows.append([title, *("" for _ in titles)])
        if own is not None:
            rows.append(_count_row("Analysed", own, titles))
        for at, (label, by_group) in enumerate(values):
            if at in analysed:
                rows.append(_count_row(*analysed[at], titles))
            rows.append([f"– {md_cell(label or 'Value')}",
                         *(md_cell(measurement_text(by_group.get(g), dispersion))
                           for g in titles)])
            notes += value_comments(by_group, titles, f"{name}, {label}" if label else name)
    header = ["Measure", *(md_cell(title) for title in titles.values())]
    lines += [*table_lines(header, rows), ""] if rows else ["No measures posted.", ""]
    return [*lines, *notes_lines(notes), ""] if notes else lines


def _count_row(label: str, counts: Node, titles: dict[str, str]) -> list[str]:
    """A row of participants analysed, in italics."""
    return [f"– *{md_cell(label)}*", *(md_cell(number(counts.get(g))) for g in titles)]


def value_comments(by_group: Mapping[str, Node | None], titles: dict[str, str],
                   where: str) -> list[tuple[str, str]]:
    """The comments on a row's values, as notes: ("Placebo, Week 12", comment)."""
    return [(f"{titles[g]}, {where}", str(m["comment"])) for g, m in by_group.items()
            if g in titles and isinstance(m, dict) and m.get("comment")]


def _affected(counts: Node | None, events: bool = False) -> str:
    """result_text.affected_words of a group's counts (with its events when asked)."""
    if not isinstance(counts, dict):
        return MISSING
    return md_cell(affected_words(counts.get("affected"), counts.get("at_risk"),
                                  counts.get("events") if events else None))


def events_lines(events: Node, level: str, described: list[Node]) -> list[str]:
    """#### Adverse events: time frame and how they were counted, the groups described,
    participants affected of those at risk by group (deaths, serious, other), then every
    serious and other event."""
    lines = [f"{level} Adverse events", ""]
    for label, key in (("Time frame", "time_frame"), ("Description", "description")):
        if events.get(key):
            lines += [f"**{label}:** {md_text(events[key])}", ""]
    if events.get("frequency_threshold") is not None:
        lines += [f"**Frequency threshold for other adverse events:** "
                  f"{number(events['frequency_threshold'])}%", ""]
    assessed = assessed_text(events)
    if assessed:
        lines += [md_text(assessed), ""]
    lines += groups_lines(described)
    groups = [g for g in events.get("groups") or [] if isinstance(g, dict)]
    titles = group_titles(groups)
    header = ["", *(md_cell(title) for title in titles.values())]
    by_id = {g.get("id"): g for g in groups}
    totals = [[label, *(_affected(by_id[g].get(key)) for g in titles)]
              for label, key in (("Deaths", "deaths"), ("Serious adverse events", "serious"),
                                 ("Other adverse events", "other"))]
    lines += ["Participants affected / at risk (the share affected; the number of events "
              "when stated):", "", *table_lines(header, totals), ""]
    for kind, name in (("serious", "Serious"), ("other", "Other")):
        listed = [e for e in events.get(kind) or [] if isinstance(e, dict)]
        if not listed:
            continue
        lines += [f"**{name} adverse events ({len(listed):,})**", ""]
        rows = []
        for event in listed:
            term = md_cell(event.get("term") or MISSING)
            if event.get("organ_system"):
                term += f" ({md_cell(event['organ_system'])})"
            by_group = {c.get("group"): c for c in event.get("counts") or []
                        if isinstance(c, dict)}
            rows.append([term, *(_affected(by_group.get(g), events=True) for g in titles)])
        notes = [(str(e.get("term") or MISSING), str(e["notes"])) for e in listed if e.get("notes")]
        lines += [*table_lines(["Event (organ system)", *header[1:]], rows), ""]
        lines += [*notes_lines(notes), ""] if notes else []
    return lines


def more_info_lines(results: Node, level: str) -> list[str]:
    """#### More information: the limitations and caveats, the certain agreements and the
    point of contact, each as the record states it; nothing when it states none."""
    lines: list[str] = []
    if results.get("limitations"):
        lines += [f"**Limitations and caveats:** {md_text(results['limitations'])}", ""]
    agreement = results.get("certain_agreement")
    for label, value in agreement_rows(agreement) if isinstance(agreement, dict) else []:
        lines += [f"**{label}:** {md_text(value)}", ""]
    contact = results.get("point_of_contact")
    if isinstance(contact, dict):
        parts = [contact.get(key) for key in ("title", "organization", "phone", "email")]
        if any(parts):
            stated = " · ".join(md_text(part) for part in parts if part)
            lines += [f"**Point of contact:** {stated}", ""]
    return [f"{level} More information", "", *lines] if lines else []
