"""Posted results as text: numbers, a measurement with its dispersion, a p-value, a trial's
headline result (store.compare.results) as lines. Shared by the compare view and the
Markdown exports; plain text, to be escaped by whoever writes it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from parsers import csv_missing_column
from parsers.results_measures import ANALYSIS_NOTES

from . import format as fmt

if TYPE_CHECKING:
    from store.compare import Headline

#: A headline result shows at most this many classes/categories of its measure; the rest
#: are counted on a line of their own ("… 12 more categories, not shown").
MAX_HEADLINE_ROWS = 4
#: ... and at most this many values (categories × groups) when the groups are many.
MAX_HEADLINE_VALUES = 16
NO_RESULTS = {
    "none": "No results posted",
    "not_in_record": "Results posted (not in this record)",
    "no_primary": "Results posted; no primary outcome measure",
    "unknown": "Not stated whether results are posted",
}


def results_status(record: dict[str, Any]) -> str:
    """A key of NO_RESULTS for a record without results: posted but not held, none posted,
    or unknown (its source does not say: a CSV file without the Study Results column, an
    API answer restricted to some fields)."""
    has_results = record.get("has_results")
    if has_results:
        return "not_in_record"
    return "none" if has_results is False else "unknown"


def unknown_results_reason(record: dict[str, Any]) -> str:
    """Why a record's source does not say whether results are posted."""
    if csv_missing_column(record, "Study Results"):
        return "This CSV file has no Study Results column."
    source = record.get("source")
    if isinstance(source, dict) and source.get("partial"):
        return ("This record is partial: its source (an answer restricted to some of the "
                "study's fields) leaves the results out.")
    return "Its source does not say."
CI_SIDES = {"ONE_SIDED": "one-sided", "TWO_SIDED": "two-sided"}
#: A posted outcome measure's type in words.
MEASURE_TYPES = {"PRIMARY": "Primary", "SECONDARY": "Secondary",
                 "OTHER_PRE_SPECIFIED": "Other pre-specified", "POST_HOC": "Post hoc"}
def measure_order(measure: dict[str, Any]) -> int:
    """Where a measure's kind comes: primary, secondary, other pre-specified, post hoc, then
    a kind not stated (a stable sort keeps the source's order within a kind)."""
    kinds = list(MEASURE_TYPES)
    kind = measure.get("type")
    return kinds.index(kind) if kind in kinds else len(kinds)


ANALYSIS_DISPERSIONS = {"STANDARD_DEVIATION": "standard deviation",
                        "STANDARD_ERROR_OF_MEAN": "standard error"}
_SIGN = re.compile(r"^\s*(<=|>=|[<>=≤≥])\s*")


def number_text(value: float | int | None, written: str | None = None) -> str:
    """A number as written: 2053, 83.7, 0.0001, 1.5e-08, or as the registry wrote it when
    it kept zeros the number drops (written: "12.50"); "—" when there is none."""
    if value is None:
        return "—"
    if written:
        return written
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}" if isinstance(value, float) else str(value)


def _dispersion(kind: str | None) -> str:
    """The API's dispersion spellings (STANDARD_DEVIATION, CONFIDENCE_95) and the classic
    ones ("Standard Deviation", "95% Confidence Interval") as one: "SD", "95% CI", …."""
    key = re.sub(r"[^A-Z0-9.]+", "_", (kind or "").upper())
    if "DEVIATION" in key:
        return "SD"
    if "ERROR" in key:
        return "SE"
    if "QUARTILE" in key:
        return "IQR"
    if "RANGE" in key:
        return "range"
    if "COEFFICIENT" in key:
        return "geometric CV"
    if "CONFIDENCE" in key:
        digits = re.search(r"\d+(?:\.\d+)?", key)
        if digits is None:
            return "CI"
        percent = digits[0]
        percent = "97.5" if percent == "975" else percent
        return f"{percent}% CI"
    return ""


def measurement_text(measurement: dict[str, Any] | None, dispersion: str | None) -> str:
    """ "19.63 (range 15.56 to 22.64)", "12.1 (SD 3.4)", "NA", "—" (no measurement); a value
    stating a spread and limits both gives both: "-0.88 (95% CI -1.43 to -0.34; spread
    0.2746)"."""
    if not measurement:
        return "—"
    text = bound_text(measurement, "value") or "—"
    label = _dispersion(dispersion)
    spread, bounds = spread_and_limits(measurement)
    if spread is not None and bounds is not None:
        both = both_text(spread, bounds, dispersion)
        return f"{text} ({label} {both})" if label else f"{text} ({both})"
    if spread is not None:
        return f"{text} ({label} {spread})" if label else f"{text} ± {spread}"
    if bounds is not None:
        return f"{text} ({label} {bounds})" if label else f"{text} ({bounds})"
    return text


def spread_and_limits(measurement: dict[str, Any],
                      number: Callable[[Any, str | None], str] = number_text,
                      ) -> tuple[str | None, str | None]:
    """A measurement's spread ("3.4") and limits ("15.56 to 22.64", "— to 22.64") as text;
    None for what it does not state."""
    spread, lower, upper = (bound_text(measurement, key, number)
                            for key in ("spread", "lower", "upper"))
    if lower is None and upper is None:
        return spread, None
    return spread, f"{lower or '—'} to {upper or '—'}"


def both_text(spread: str, limits: str, dispersion: str | None) -> str:
    """A spread and limits that one value states together (older classic XML does): the one
    the measure's dispersion names first, "-1.43 to -0.34; spread 0.2746" for a confidence
    interval, range or interquartile range, "42.34; limits 13.68 to 25.72" for any other."""
    label = _dispersion(dispersion)
    if label.endswith("CI") or label in {"range", "IQR"}:
        return f"{limits}; spread {spread}"
    return f"{spread}; limits {limits}"


def bound_text(measurement: dict[str, Any], key: str,
               number: Callable[[Any, str | None], str] = number_text) -> str | None:
    """A value of a measurement (value, spread, lower, upper) or an analysis (p_value,
    param_value, ci_lower, …) as text: the number (as the registry wrote it, "12.50", when
    the record keeps that), or what the source wrote instead ("NA": not estimable); None
    when it states none."""
    value = measurement.get(key)
    written = measurement.get(f"{key}_text")
    written = written if isinstance(written, str) and written else None
    return number(value, written) if value is not None else written


def affected_words(affected: Any, at_risk: Any, events: Any = None) -> str:
    """Participants affected of those at risk, the share affected and the number of events
    when stated: "12 / 150 (8.0%), 15 events"; "—" when neither count is stated."""
    if affected is None and at_risk is None:
        return "—"
    text = f"{_count(affected)} / {_count(at_risk)}"
    if _whole(affected) and _whole(at_risk) and at_risk > 0:
        text += f" ({share_text(affected, at_risk)})"
    if events is not None:
        text += ", " + events_words(events)
    return text


def share_text(part: int, whole: int) -> str:
    """A share as a percentage, one decimal ("8.0%"); a share under 0.1% keeps its first
    significant digit, so that an event that happened never reads as none: 1 of 2,841 is
    "0.04%", 1 of 200,000 "0.0005%"; none is "0.0%"."""
    share = 100 * part / whole
    if share == 0 or share >= 0.05:
        return f"{share:.1f}%"
    return f"{share:.1g}%" if share >= 1e-4 else "<0.0001%"


def events_words(events: Any) -> str:
    """ "15 events", "1 event"."""
    return f"{_count(events)} event" + ("" if events == 1 else "s")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _count(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return "—"
    return f"{value:,}" if isinstance(value, int) else str(value)


def p_value_text(analysis: dict[str, Any]) -> str:
    """ "p < 0.001", "p = 0.04"; "" when the analysis states no p-value."""
    text = analysis.get("p_value_text")
    if text:
        sign = _SIGN.match(text)
        return f"p {sign[1]} {text[sign.end():].strip()}" if sign else f"p = {text.strip()}"
    value = analysis.get("p_value")
    return "" if value is None else f"p = {number_text(value)}"


def dispersion_words(kind: str | None) -> str:
    """An analysis's dispersion type in words: "standard error", "standard deviation"."""
    if kind in ANALYSIS_DISPERSIONS:
        return ANALYSIS_DISPERSIONS[kind]
    return fmt.enum_text(kind).lower() if kind else "dispersion"


def dispersion_text(analysis: dict[str, Any],
                    number: Callable[[Any, str | None], str] = number_text) -> str:
    """ "standard error 0.11" (an analysis's estimate's dispersion); "" when it states none."""
    value = bound_text(analysis, "dispersion_value", number)
    if value is None and not analysis.get("dispersion_type"):
        return ""
    words = dispersion_words(analysis.get("dispersion_type"))
    return f"{words} {value}" if value is not None else words


def analysis_text(analysis: dict[str, Any], *, extras: bool = False) -> str:
    """ "p < 0.001 (Regression, Logistic; Odds Ratio (OR) 15.231, 95% CI 7.336 to 31.623)";
    with extras also the CI's sides, the estimate's dispersion and whether non-inferiority
    was tested: "…, 95% CI 0.55 to 0.94, two-sided, standard error 0.11; non-inferiority
    tested"."""
    details = []
    if analysis.get("method"):
        details.append(str(analysis["method"]))
    spread = dispersion_text(analysis) if extras else ""
    param_value = bound_text(analysis, "param_value")
    interval = ci_text(analysis)
    parts = []
    if param_value is not None:
        parts.append(f"{analysis.get('param_type') or 'Estimate'} {param_value}")
    if interval is not None:
        parts.append(interval)
        if extras and analysis.get("ci_sides") in CI_SIDES:
            parts.append(CI_SIDES[analysis["ci_sides"]])
    if spread:
        parts.append(spread)
    if parts:
        details.append(", ".join(parts))
    tested = analysis.get("tested_non_inferiority")
    if extras and isinstance(tested, bool):
        details.append("non-inferiority tested" if tested else "non-inferiority not tested")
    text = p_value_text(analysis)
    if not text:
        return "; ".join(details)
    return f"{text} ({'; '.join(details)})" if details else text


#: An analysis's description that starts with one of these carries its own label
#: ("Estimate comment: …", as the parsers join the registry's comments).
OWN_LABELS = tuple(f"{label}: " for _, label in ANALYSIS_NOTES)


def analysis_notes(analysis: dict[str, Any]) -> str | None:
    """An analysis's description as a note: "Notes: Week 2", or as written when it carries
    its own label ("Estimate comment: …"); None when it has none."""
    description = analysis.get("description")
    if not description:
        return None
    return description if description.startswith(OWN_LABELS) else f"Notes: {description}"


def ci_text(analysis: dict[str, Any],
            number: Callable[[Any, str | None], str] = number_text) -> str | None:
    """An analysis's confidence interval: "95% CI 0.55 to 0.94", "CI — to 1.2"; None when it
    states neither limit."""
    lower, upper = (bound_text(analysis, key, number) for key in ("ci_lower", "ci_upper"))
    if lower is None and upper is None:
        return None
    percent = analysis.get("ci_percent")
    level = f"{number(percent, None)}% CI" if percent is not None else "CI"
    return f"{level} {lower or '—'} to {upper or '—'}"


def group_name(group: dict[str, Any]) -> str:
    """A result group by its title, else its id (OG000)."""
    return str(group.get("title") or group.get("id") or "group")


def measure_line(measure: dict[str, Any]) -> str:
    """ "Mean (SD), kg/m^2; time frame: 2 years" — what the values are."""
    kind = fmt.enum_text(measure.get("param_type"))
    dispersion = _dispersion(measure.get("dispersion_type"))
    parts = [f"{kind} ({dispersion})" if kind and dispersion else kind or dispersion]
    if measure.get("unit"):
        parts.append(str(measure["unit"]))
    line = ", ".join(part for part in parts if part)
    if measure.get("time_frame"):
        line += f"{'; ' if line else ''}time frame: {measure['time_frame']}"
    return line


def headline_lines(result: Headline) -> list[str]:
    """A trial's headline result as lines: the measure's title, what its values are, the
    value of each group (with the participants analysed), the p-value when stated."""
    if result.status != "posted":
        return [NO_RESULTS[result.status]]
    measure = result.measure
    lines = [str(measure.get("title") or "Primary outcome measure")]
    if measure_line(measure):
        lines.append(measure_line(measure))
    if measure.get("reporting_status") == "NOT_POSTED" or not result.rows:
        lines.append(fmt.not_posted_text(measure))
    # at most MAX_HEADLINE_ROWS categories, and MAX_HEADLINE_VALUES values (one row at least)
    per_row = max(1, len(result.groups))
    shown_rows = max(1, min(MAX_HEADLINE_ROWS, MAX_HEADLINE_VALUES // per_row))
    for row in result.rows[:shown_rows]:
        indent = ""
        if row.label:
            lines.append(f"{row.label}:")
            indent = "  "
        counts = row.analysed if row.analysed is not None else result.participants
        for group, value, count in zip(result.groups, row.values, counts, strict=True):
            shown = measurement_text(value, measure.get("dispersion_type"))
            counted = f" (n={count})" if count is not None else ""
            lines.append(f"{indent}{group_name(group)}: {shown}{counted}")
    hidden = len(result.rows) - shown_rows
    if hidden > 0:
        lines.append(f"… {hidden} more {'category' if hidden == 1 else 'categories'}, "
                     "not shown")
    if result.analysis:
        lines.append(analysis_text(result.analysis))
    if result.other_primary:
        more = result.other_primary
        lines.append(f"+ {more} more primary outcome measure{'s' if more > 1 else ''}")
    return lines


#: The registry's restriction types, as the sponsor's rights they give.
RESTRICTIONS = {
    "LTE60": "The sponsor may review results communications before they are made public and "
             "delay them for up to 60 days; it cannot require changes or extend the delay.",
    "GT60": "The sponsor may review results communications before they are made public and "
            "delay them for more than 60 days, up to 180 days; it cannot require changes or "
            "extend the delay.",
}


def agreement_rows(agreement: dict[str, Any]) -> list[tuple[str, str]]:
    """The results' certain agreements as label/value rows: whether the principal
    investigators are the sponsor's employees, and what an agreement lets the sponsor
    restrict. A value the record does not state is no row."""
    rows: list[tuple[str, str]] = []
    employee = agreement.get("pi_sponsor_employee")
    if isinstance(employee, bool):
        rows.append(("Principal investigators", "Employed by the sponsor" if employee
                     else "Not employed by the sponsor"))
    restrictive = agreement.get("restrictive")
    details = agreement.get("details") or ""
    if restrictive is False:
        rows.append(("Publication", "No agreement restricts the principal investigators' "
                                    "rights to discuss or publish the results."))
    elif restrictive is True or details:
        kind = agreement.get("restriction_type") or ""
        text = RESTRICTIONS.get(kind) or details or "An agreement restricts the principal " \
            "investigators' rights to discuss or publish the results."
        rows.append(("Publication restricted", text))
    return rows
