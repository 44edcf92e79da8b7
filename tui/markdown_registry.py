"""The registry sections of a trial's Markdown report: Outcomes, Sites (grouped by country,
every site, counts in the headings) and Results (a table per outcome measure, then the
flow, baseline and adverse events of markdown_results). All trial text goes through
markdown_text, so it stays data."""

from __future__ import annotations

from typing import Any

from parsers import csv_missing_column, outcome_kinds_unstated
from store.compare import country_of, measure_headline, primary_measures, sites_of
from store.compare.results import analysed_counts, states_result

from . import format as fmt
from .markdown_results import (
    baseline_lines,
    events_lines,
    flow_lines,
    groups_lines,
    more_info_lines,
    notes_lines,
    value_comments,
)
from .markdown_text import md_cell, md_text, table_lines
from .result_text import (
    MEASURE_TYPES,
    NO_RESULTS,
    analysis_notes,
    analysis_text,
    group_name,
    measure_line,
    measure_order,
    measurement_text,
    results_status,
    unknown_results_reason,
)
from .results_tables import analysed_rows, described_groups, words
from .results_tables import number as count_text
from .sites_view import sites_unknown

Record = dict[str, Any]
OUTCOME_TITLES = (("primary", "Primary"), ("secondary", "Secondary"), ("other", "Other"))
LOCATION_LINE = ("facility", "city", "state", "zip")


def _plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 site", "1,148 sites", "2 countries" (words: the plural when not word + "s")."""
    return f"{count:,} {word if count == 1 else words or word + 's'}"


# --- outcomes --------------------------------------------------------------------------------


def _outcome_item(number: int, outcome: dict[str, Any]) -> list[str]:
    """ "1. **Measure** (time frame: Week 16)", the description on the item's next line."""
    marker = f"{number}. "
    line = f"{marker}**{md_text(outcome.get('measure') or '')}**"
    if outcome.get("time_frame"):
        line += f" (time frame: {md_text(outcome['time_frame'])})"
    lines = [line]
    if outcome.get("description"):
        lines.append(" " * len(marker) + md_text(outcome["description"]))
    return lines


def outcomes_section(record: Record, level: str) -> list[str]:
    """### Outcomes, then a numbered list per kind the record states."""
    lines = [f"{level} Outcomes", ""]
    outcomes = record.get("outcomes") or {}
    if outcome_kinds_unstated(record):
        items = outcomes.get("other") or []
        lines += [f"{level}# {fmt.OUTCOME_MEASURES} ({len(items)})", "",
                  f"_{fmt.KINDS_UNSTATED[0].upper()}{fmt.KINDS_UNSTATED[1:]}._", ""]
        for number, outcome in enumerate(items, start=1):
            lines += _outcome_item(number, outcome)
        lines.append("")
        return lines
    stated = False
    for kind, title in OUTCOME_TITLES:
        items = outcomes.get(kind) or []
        column = csv_missing_column(record, f"{title} Outcome Measures")
        if not items and column and kind != "other":
            lines += [f"{title} outcomes: {fmt.not_in_file(column)}.", ""]
            stated = True  # said what is known: not "None stated"
        if not items:
            continue
        stated = True
        lines += [f"{level}# {title} ({len(items)})", ""]
        for number, outcome in enumerate(items, start=1):
            lines += _outcome_item(number, outcome)
        lines.append("")
    if not stated:
        lines += [fmt.unknown_section(record, "outcomes") or "None stated.", ""]
    return lines


# --- sites -----------------------------------------------------------------------------------


def _site_line(location: dict[str, Any]) -> str:
    """ "- Mayo Clinic, Phoenix, Arizona, 85054 (Recruiting)"."""
    place = ", ".join(str(location[key]) for key in LOCATION_LINE if location.get(key))
    line = f"- {md_text(place) or 'Site not named'}"
    if location.get("status"):
        line += f" ({md_text(fmt.enum_text(location['status']))})"
    return line


def sites_section(record: Record, level: str) -> list[str]:
    """### Sites (N in M countries), then a heading per country (most sites first, with its
    count) listing every site in the record's order; nothing is left out."""
    sites = sites_of(record)
    listed = [loc for loc in record.get("locations") or [] if isinstance(loc, dict)]
    countries = len(sites.countries)
    where = f" in {_plural(countries, 'country', 'countries')}" if countries else ""
    unknown = not listed and sites_unknown(record)
    counted = "" if unknown else f" ({_plural(sites.listed, 'site')}{where})"  # unknown: none
    lines = [f"{level} Sites{counted}", ""]
    if sites.stated and sites.stated > sites.listed:
        lines += [f"The record states {_plural(sites.stated, 'site')}; "
                  f"{sites.listed:,} {'is' if sites.listed == 1 else 'are'} listed.", ""]
    elif not listed and csv_missing_column(record, "Locations"):
        lines += ["This CSV file has no Locations column.", ""]
    elif not listed:
        lines += [fmt.unknown_section(record, "locations") or "None listed.", ""]
    groups: list[tuple[str | None, int]] = list(sites.countries)
    if sites.no_country:
        groups.append((None, sites.no_country))
    for name, count in groups:
        title = md_text(name) if name else "Country not stated"
        lines += [f"{level}# {title} ({count:,})", ""]
        lines += [_site_line(loc) for loc in listed if country_of(loc) == name]
        lines.append("")
    return lines


# --- results ---------------------------------------------------------------------------------


def _measure_table(measure: dict[str, Any], described: list[dict[str, Any]]) -> list[str]:
    """An outcome measure as a table: a column per group, a row per category (all of them),
    the participants analysed first; the comments on its values; then its analyses (each
    that states a p-value, an estimate or a confidence interval)."""
    result = measure_headline(measure)
    what = measure_line(result.measure)
    lines = [md_text(what), ""] if what else []
    lines += groups_lines(described)
    if not result.rows:
        return [*lines, md_text(f"{fmt.not_posted_text(measure)}."), ""]
    header = ["", *(md_cell(group_name(group)) for group in result.groups)]
    rows = []
    if any(count is not None for count in result.participants):
        rows.append(["Participants analysed", *(count_text(n) for n in result.participants)])
    dispersion = result.measure.get("dispersion_type")
    analysed = analysed_rows(measure.get("classes") or [],
                             analysed_counts(measure.get("denoms"), participants_only=True))
    titles = {group["id"]: group_name(group) for group in result.groups}
    notes: list[tuple[str, str]] = []
    for at, row in enumerate(result.rows):
        if at in analysed:
            label, counts = analysed[at]
            rows.append([f"*{md_cell(label)}*",
                         *(count_text(counts.get(group["id"])) for group in result.groups)])
        rows.append([md_cell(row.label or "Value"),
                     *(md_cell(measurement_text(value, dispersion)) for value in row.values)])
        notes += value_comments(dict(zip(titles, row.values, strict=True)), titles,
                                row.label or "Value")
    lines += [*table_lines(header, rows), ""]
    if notes:
        lines += [*notes_lines(notes), ""]
    analyses = [a for a in measure.get("analyses") or [] if states_result(a)]
    for analysis in analyses:
        lines += _analysis_lines(analysis, titles)
    return [*lines, ""] if analyses else lines


def _analysis_lines(analysis: dict[str, Any], titles: dict[str, str]) -> list[str]:
    """An analysis as a list item: the groups it compares, its p-value, method, estimate and
    interval ("- Placebo vs Dapagliflozin 5 mg: p = 0.561 (ANCOVA; …)"), then its type of
    test and notes as items under it."""
    compared = " vs ".join(titles.get(group, group) for group in analysis.get("groups") or ())
    text = md_text(analysis_text(analysis, extras=True))
    lines = [f"- {md_text(compared)}: {text}" if compared else f"- {text}"]
    test = words(analysis.get("non_inferiority"))
    if test:
        lines.append(f"  - Type of test: {md_text(test)}")
    note = analysis_notes(analysis)
    if note:
        lines.append(f"  - {md_text(note)}")
    return lines


def results_section(record: Record, level: str) -> list[str]:
    """### Results: a table per outcome measure (primary ones first), then the participant
    flow, the baseline characteristics and the adverse events, each whole, and the more
    information the results give."""
    lines = [f"{level} Results", ""]
    results = record.get("results")
    if not isinstance(results, dict):
        status = results_status(record)
        if status == "unknown":
            return [*lines, f"{NO_RESULTS[status]}. {unknown_results_reason(record)}", ""]
        return [*lines, f"{NO_RESULTS[status]}.", ""]
    primaries = primary_measures(results)
    if not primaries:
        lines += [f"{NO_RESULTS['no_primary']}.", ""]
    others = sorted((m for m in results.get("outcome_measures") or []
                     if isinstance(m, dict) and m.get("type") != "PRIMARY"), key=measure_order)
    measures = [*primaries, *others]
    sections = [(key, results[key], section) for key, section in (
        ("participant_flow", flow_lines), ("baseline", baseline_lines),
        ("adverse_events", events_lines)) if isinstance(results.get(key), dict)]
    # each group described once, where it first appears in the report
    described = iter(described_groups([*((m.get("groups") or []) for m in measures),
                                       *((part.get("groups") or []) for _, part, _ in sections)]))
    for measure in measures:
        kind = MEASURE_TYPES.get(measure.get("type") or "")
        heading = f"{kind} outcome" if kind else "Outcome"
        lines += [f"{level}# {heading}: {md_text(measure.get('title') or '')}", ""]
        lines += _measure_table(measure, next(described))
    for _, part, section in sections:
        lines += section(part, f"{level}#", next(described))
    return lines + more_info_lines(results, f"{level}#")

