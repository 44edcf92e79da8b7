"""Baseline characteristics and outcome measures of posted results, with their analyses.

Every measurement is kept per group as the registry states it (a "Total" group is the
registry's own column, never computed here). Not kept (no field in the record; they stay in
the source text): ``typeUnitsAnalyzed``, ``calculatePct``, ``denomUnitsSelected``. A measure
keeps its ``anticipatedPostingDate`` as ``anticipated_posting_date`` ("2017-05"; a value that
is not a date is null with a warning). A baseline measure keeps its own
``populationDescription`` as its ``population``.

An analysis's ``description`` gathers its free texts, in the order the registry's results
page shows them, as paragraphs: the comparison's ``groupDescription`` as written, then each
comment with a label: "Non-inferiority comment: ...", "P-value comment: ...",
"Method comment: ..." (``statisticalComment``), "Estimate comment: ...",
"CI lower limit comment: ...", "CI upper limit comment: ...",
"Other analysis description: ...". The estimate's ``dispersionType`` is kept as
``dispersion_type`` (STANDARD_DEVIATION, STANDARD_ERROR_OF_MEAN; another spelling is null
with a warning), its ``dispersionValue`` as ``dispersion_value`` (the text of a non-number in
``dispersion_value_text``), ``ciNumSides`` as ``ci_sides`` (ONE_SIDED, TWO_SIDED) and
``testedNonInferiority`` as ``tested_non_inferiority`` (true or false).
"""

from __future__ import annotations

from typing import Any

from . import fields
from .results_read import Reader, denoms, group_id, groups
from .vocab import ANALYSIS_DISPERSIONS, CI_SIDES

BASELINE_KEYS = frozenset(
    {"populationDescription", "typeUnitsAnalyzed", "groups", "denoms", "measures"}
)
MEASURE_KEYS = frozenset(
    {
        "title",
        "description",
        "populationDescription",
        "paramType",
        "dispersionType",
        "unitOfMeasure",
        "calculatePct",
        "denomUnitsSelected",
        "denoms",
        "classes",
    }
)
OUTCOMES_MODULE_KEYS = frozenset({"outcomeMeasures"})
OUTCOME_KEYS = MEASURE_KEYS | {
    "type",
    "reportingStatus",
    "anticipatedPostingDate",
    "timeFrame",
    "typeUnitsAnalyzed",
    "groups",
    "analyses",
}
CLASS_KEYS = frozenset({"title", "denoms", "categories"})
CATEGORY_KEYS = frozenset({"title", "measurements"})
MEASUREMENT_KEYS = frozenset({"groupId", "value", "spread", "lowerLimit", "upperLimit", "comment"})
ANALYSIS_KEYS = frozenset(
    {
        "paramType",
        "paramValue",
        "dispersionType",
        "dispersionValue",
        "statisticalMethod",
        "statisticalComment",
        "pValue",
        "pValueComment",
        "ciNumSides",
        "ciPctValue",
        "ciLowerLimit",
        "ciUpperLimit",
        "ciLowerLimitComment",
        "ciUpperLimitComment",
        "estimateComment",
        "testedNonInferiority",
        "nonInferiorityType",
        "nonInferiorityComment",
        "otherAnalysisDescription",
        "groupDescription",
        "groupIds",
    }
)
OUTCOME_TYPES = {
    "primary": "PRIMARY",
    "secondary": "SECONDARY",
    "other pre specified": "OTHER_PRE_SPECIFIED",
    "post hoc": "POST_HOC",
}
REPORTING_STATUSES = {"posted": "POSTED", "not posted": "NOT_POSTED"}
ANALYSIS_NOTES = (
    ("nonInferiorityComment", "Non-inferiority comment"),
    ("pValueComment", "P-value comment"),
    ("statisticalComment", "Method comment"),
    ("estimateComment", "Estimate comment"),
    ("ciLowerLimitComment", "CI lower limit comment"),
    ("ciUpperLimitComment", "CI upper limit comment"),
    ("otherAnalysisDescription", "Other analysis description"),
)


def baseline(reader: Reader, section: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The Baseline of the record, or None when the section has no baseline."""
    module = reader.child(section, "baselineCharacteristicsModule", path, BASELINE_KEYS)
    if module is None:
        return None
    where = f"{path}.baselineCharacteristicsModule"
    population = reader.text(module, "populationDescription", where)
    module_groups = groups(reader, module, where)
    module_denoms = denoms(reader, module, where)
    measures: list[dict[str, Any]] = []
    for measure_path, measure in reader.items(module, "measures", where, MEASURE_KEYS):
        title = _title(reader, measure, measure_path)
        if title is None:
            continue
        measures.append(
            {
                "title": title,
                "description": reader.text(measure, "description", measure_path),
                "population": reader.text(measure, "populationDescription", measure_path),
                "param_type": reader.line(measure, "paramType", measure_path),
                "dispersion_type": reader.line(measure, "dispersionType", measure_path),
                "unit": reader.line(measure, "unitOfMeasure", measure_path),
                "denoms": denoms(reader, measure, measure_path),
                "classes": classes(reader, measure, measure_path),
            }
        )
    return {
        "population": population,
        "groups": module_groups,
        "denoms": module_denoms,
        "measures": measures,
    }


def outcome_measures(reader: Reader, section: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """The OutcomeMeasures of the record, in the registry's order."""
    module = reader.child(section, "outcomeMeasuresModule", path, OUTCOMES_MODULE_KEYS)
    if module is None:
        return []
    where = f"{path}.outcomeMeasuresModule"
    out: list[dict[str, Any]] = []
    for measure_path, measure in reader.items(module, "outcomeMeasures", where, OUTCOME_KEYS):
        title = _title(reader, measure, measure_path)
        if title is None:
            continue
        out.append(
            {
                "type": reader.enum(measure, "type", measure_path, OUTCOME_TYPES),
                "title": title,
                "description": reader.text(measure, "description", measure_path),
                "population": reader.text(measure, "populationDescription", measure_path),
                "reporting_status": reader.enum(
                    measure, "reportingStatus", measure_path, REPORTING_STATUSES
                ),
                "param_type": reader.line(measure, "paramType", measure_path),
                "dispersion_type": reader.line(measure, "dispersionType", measure_path),
                "unit": reader.line(measure, "unitOfMeasure", measure_path),
                "time_frame": reader.line(measure, "timeFrame", measure_path),
                "anticipated_posting_date": _posting_date(reader, measure, measure_path),
                "groups": groups(reader, measure, measure_path),
                "denoms": denoms(reader, measure, measure_path),
                "classes": classes(reader, measure, measure_path),
                "analyses": [
                    _analysis(reader, item, item_path)
                    for item_path, item in reader.items(
                        measure, "analyses", measure_path, ANALYSIS_KEYS
                    )
                ],
            }
        )
    return out


def _posting_date(reader: Reader, measure: dict[str, Any], where: str) -> str | None:
    text = reader.line(measure, "anticipatedPostingDate", where)
    if text is None:
        return None
    found = fields.posting_date(text)
    if found is None:
        reader.warn(f"{where}.anticipatedPostingDate", f"not a date: {text!r}; not kept")
    return found


def _title(reader: Reader, measure: dict[str, Any], where: str) -> str | None:
    title = reader.line(measure, "title", where)
    if title is None:
        reader.warn(where, "a measure without a title, not kept")
    return title


def classes(reader: Reader, measure: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """A measure's classes: [{title, denoms, categories: [{title, measurements}]}]."""
    out: list[dict[str, Any]] = []
    for class_path, item in reader.items(measure, "classes", path, CLASS_KEYS):
        categories: list[dict[str, Any]] = []
        for category_path, category in reader.items(item, "categories", class_path, CATEGORY_KEYS):
            categories.append(
                {
                    "title": reader.line(category, "title", category_path),
                    "measurements": _measurements(reader, category, category_path),
                }
            )
        out.append({"title": reader.line(item, "title", class_path),
                    "denoms": denoms(reader, item, class_path), "categories": categories})
    return out


def _measurements(reader: Reader, category: dict[str, Any], path: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for where, item in reader.items(category, "measurements", path, MEASUREMENT_KEYS):
        group = group_id(reader, item, where)
        if group is None:
            continue
        value, value_text = reader.number_or_text(item, "value", where)
        spread, spread_text = reader.number_or_text(item, "spread", where)
        lower, lower_text = reader.number_or_text(item, "lowerLimit", where)
        upper, upper_text = reader.number_or_text(item, "upperLimit", where)
        out.append(
            {
                "group": group,
                "value": value,
                "value_text": value_text,
                "spread": spread,
                "spread_text": spread_text,
                "lower": lower,
                "lower_text": lower_text,
                "upper": upper,
                "upper_text": upper_text,
                "comment": reader.line(item, "comment", where),
            }
        )
    return out


def _analysis(reader: Reader, item: dict[str, Any], where: str) -> dict[str, Any]:
    analysis_groups = reader.strings(item, "groupIds", where)
    method = reader.line(item, "statisticalMethod", where)
    p_value, p_value_text = reader.number_or_text(item, "pValue", where)
    if p_value is not None and not 0 <= p_value <= 1:
        reader.warn(f"{where}.pValue", f"{p_value} is not a probability (kept as written)")
    spread, spread_text = reader.number_or_text(item, "dispersionValue", where)
    param_value, param_value_text = reader.number_or_text(item, "paramValue", where)
    ci_lower, ci_lower_text = reader.number_or_text(item, "ciLowerLimit", where)
    ci_upper, ci_upper_text = reader.number_or_text(item, "ciUpperLimit", where)
    notes = [reader.text(item, "groupDescription", where)]
    for key, label in ANALYSIS_NOTES:
        text = reader.text(item, key, where)
        notes.append(f"{label}: {text}" if text else None)
    return {
        "groups": analysis_groups,
        "method": method,
        "p_value": p_value,
        "p_value_text": p_value_text,
        "param_type": reader.line(item, "paramType", where),
        "param_value": param_value,
        "param_value_text": param_value_text,
        "dispersion_type": reader.enum(item, "dispersionType", where, ANALYSIS_DISPERSIONS),
        "dispersion_value": spread,
        "dispersion_value_text": spread_text,
        "ci_percent": reader.number(item, "ciPctValue", where),
        "ci_sides": reader.enum(item, "ciNumSides", where, CI_SIDES),
        "ci_lower": ci_lower,
        "ci_lower_text": ci_lower_text,
        "ci_upper": ci_upper,
        "ci_upper_text": ci_upper_text,
        "tested_non_inferiority": reader.flag(item, "testedNonInferiority", where),
        "non_inferiority": reader.line(item, "nonInferiorityType", where),
        "description": "\n\n".join(note for note in notes if note) or None,
    }
