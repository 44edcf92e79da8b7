"""Baseline and outcome measures of a classic study XML's ``<clinical_results>``, with their
analyses; and the reading of groups, values and denominators the results share.

Choices (the rest are in ``ctgov_xml_results``):

- Group ids are written as API v2 writes them, so that the XML and the JSON of a study
  agree: P1, P2 … (participant flow) → FG000, FG001 …; B1 → BG000; O1 → OG000;
  E1 → EG000. An id of another shape is kept as written.
- Values: "15" → 15, "2.50" → 2.5, "12.0" → 12; a measurement value, spread or limit that
  is not a number ("NA", "<0.5") is kept in value_text, spread_text, lower_text or
  upper_text with the number null; a p-value likewise in p_value_text ("<0.001"), an
  analysis's estimate and CI limits in param_value_text, ci_lower_text and ci_upper_text.
  A number written with zeros it drops keeps its text in the same field ("2.50": 2.5 and
  "2.50"), as the API v2 reader does. A CI percent of "NA" is null; another non-number is
  null with a warning.
- Enums as API v2 writes them: outcome type (PRIMARY, OTHER_PRE_SPECIFIED, …), measure
  parameter (MEAN, COUNT_OF_PARTICIPANTS, …), baseline dispersion (STANDARD_DEVIATION,
  CONFIDENCE_95, …), non-inferiority type (SUPERIORITY_OR_OTHER, …; the Yes/No of old
  analyses → NON_INFERIORITY_OR_EQUIVALENCE_LEGACY / SUPERIORITY_OR_OTHER_LEGACY, API v2's
  nonInferiorityType values, as are the later files' "Non-Inferiority or Equivalence
  (legacy)" and "Superiority or Other (legacy)"). An
  outcome measure's dispersion stays as written ("Standard Deviation"), as API v2 keeps it;
  so do an analysis's parameter and method (free text there too).
- reporting_status: POSTED for an outcome with a measure, NOT_POSTED for one without (the
  registry lists the outcomes whose data were not reported with their title only).
- An analysis's description is its ``groups_desc``, then its other comments, each a
  paragraph with ctgov-json's label: "Non-inferiority comment: …", "P-value comment: …",
  "Method comment: …" (``method_desc``), "Estimate comment: …", "CI upper limit comment: …"
  (``ci_upper_limit_na_comment``), "Other analysis description: …".
- Old results (before the 2016–2017 schema): a measure's ``category_list`` without classes
  is one class without a title; an outcome's ``measure_list`` of several measures is read
  as its last measure, a first "Number of Participants" measure giving the denominators;
  the baseline's first "Number of Participants" measure, likewise, gives the baseline's
  denominators (when it states none of its own).

- An analysis's ``dispersion_type`` as API v2 writes it ("Standard Error of the Mean" →
  STANDARD_ERROR_OF_MEAN, by ``vocab.ANALYSIS_DISPERSIONS``; unknown → null with a warning),
  its ``dispersion_value`` read as the other numbers (a non-number in
  ``dispersion_value_text``), ``ci_n_sides`` as ``ci_sides`` ("2-Sided" → TWO_SIDED);
  ``tested_non_inferiority`` is null (the XML does not state it). A baseline measure's
  ``population`` is kept.

Not kept (no field in the record; the source text keeps them): the measures'
``units_analyzed``, analyzed ``scope`` and an outcome's ``safety_issue``. An outcome's
``posting_date`` (when its values are to be posted: "05/2017") is its
``anticipated_posting_date`` ("2017-05"; not a date: null, with a warning).
A baseline measure's and a class's own analyzed counts (denominators) are kept as their
``denoms``.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from . import fields
from .ctgov_xml_node import Reader, number_and_text, one_line, quote, raw_text
from .vocab import ANALYSIS_DISPERSIONS, CI_SIDES

_GROUP = re.compile(r"([PBOE])(\d+)")
_GROUP_PREFIXES = {"P": "FG", "B": "BG", "O": "OG", "E": "EG"}
OUTCOME_TYPES = {
    "primary": "PRIMARY",
    "secondary": "SECONDARY",
    "other pre specified": "OTHER_PRE_SPECIFIED",
    "post hoc": "POST_HOC",
}
PARAM_TYPES = {
    "geometric mean": "GEOMETRIC_MEAN",
    "geometric least squares mean": "GEOMETRIC_LEAST_SQUARES_MEAN",
    "least squares mean": "LEAST_SQUARES_MEAN",
    "log mean": "LOG_MEAN",
    "mean": "MEAN",
    "median": "MEDIAN",
    "number": "NUMBER",
    "count of participants": "COUNT_OF_PARTICIPANTS",
    "count of units": "COUNT_OF_UNITS",
}
DISPERSIONS = {
    "not applicable": "NA",
    "n a": "NA",
    "standard deviation": "STANDARD_DEVIATION",
    "standard error": "STANDARD_ERROR",
    "inter quartile range": "INTER_QUARTILE_RANGE",
    "interquartile range": "INTER_QUARTILE_RANGE",
    "full range": "FULL_RANGE",
    "80 confidence interval": "CONFIDENCE_80",
    "90 confidence interval": "CONFIDENCE_90",
    "95 confidence interval": "CONFIDENCE_95",
    "97 5 confidence interval": "CONFIDENCE_975",
    "99 confidence interval": "CONFIDENCE_99",
    "other confidence interval level": "CONFIDENCE_OTHER",
    "geometric coefficient of variation": "GEOMETRIC_COEFFICIENT",
}
NON_INFERIORITY = {
    "superiority": "SUPERIORITY",
    "non inferiority": "NON_INFERIORITY",
    "equivalence": "EQUIVALENCE",
    "other": "OTHER",
    "non inferiority or equivalence": "NON_INFERIORITY_OR_EQUIVALENCE",
    "superiority or other": "SUPERIORITY_OR_OTHER",
    # the registry's names of the pre-2017 Yes/No, kept by later files
    "non inferiority or equivalence legacy": "NON_INFERIORITY_OR_EQUIVALENCE_LEGACY",
    "superiority or other legacy": "SUPERIORITY_OR_OTHER_LEGACY",
}
# The Yes/No <non_inferiority> of analyses before 2017.
OLD_NON_INFERIORITY = {
    "yes": "NON_INFERIORITY_OR_EQUIVALENCE_LEGACY",
    "no": "SUPERIORITY_OR_OTHER_LEGACY",
}
# An analysis's comments after groups_desc, each with the name it is given.
# (The labels and the order are ctgov-json's, so that the two records of a study agree.)
ANALYSIS_NOTES = (
    ("non_inferiority_desc", "Non-inferiority comment"),
    ("p_value_desc", "P-value comment"),
    ("method_desc", "Method comment"),
    ("estimate_desc", "Estimate comment"),
    ("ci_upper_limit_na_comment", "CI upper limit comment"),
    ("other_analysis_desc", "Other analysis description"),
)
_NUMBER_OF_PARTICIPANTS = re.compile(r"number of (participants|units)\b", re.IGNORECASE)


def group_id(text: str) -> str:
    """An XML group id as API v2 writes it: "P1" → "FG000", "O12" → "OG011"."""
    match = _GROUP.fullmatch(text)
    if match is None or int(match[2]) < 1:
        return text
    return f"{_GROUP_PREFIXES[match[1]]}{int(match[2]) - 1:03d}"


class ResultsReader:
    """Reads the parts of one <clinical_results> element."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def group(self, element: Element) -> str | None:
        value = self.read.attribute(element, "group_id")
        return group_id(value) if value else None

    def groups(self, element: Element | None, where: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for number_, item in enumerate(
            element.findall("group_list/group") if element is not None else [], 1
        ):
            identifier = self.group(item)
            if identifier is None:
                self.read.warn(f"{where}/group_list/group[{number_}]", "no group_id, not kept")
                continue
            out.append({"id": identifier, "title": self.read.line(item, "title"),
                        "description": self.read.text(item, "description")})
        return out

    def comment(self, element: Element) -> str | None:
        return one_line(raw_text(element) or "") or None

    def denoms(self, element: Element | None, where: str) -> list[dict[str, Any]]:
        out = []
        for analyzed in element.findall("analyzed_list/analyzed") if element is not None else []:
            counts = [
                {"group": identifier,
                 "value": self.read.count(self.read.attribute(count, "value"), where)}
                for count in analyzed.findall("count_list/count")
                if (identifier := self.group(count)) is not None
            ]
            out.append({"units": self.read.line(analyzed, "units"), "counts": counts})
        return out

    def measurement(self, element: Element, where: str) -> dict[str, Any] | None:
        identifier = self.group(element)
        if identifier is None:
            return None
        out: dict[str, Any] = {"group": identifier}
        for name, attribute in (("value", "value"), ("spread", "spread"),
                                ("lower", "lower_limit"), ("upper", "upper_limit")):
            out[name], out[f"{name}_text"] = number_and_text(
                self.read.attribute(element, attribute))
        out["comment"] = self.comment(element)
        return out

    def categories(self, parent: Element, where: str) -> list[dict[str, Any]]:
        out = []
        for category in parent.findall("category_list/category"):
            measurements = [
                found
                for item in category.findall("measurement_list/measurement")
                if (found := self.measurement(item, where)) is not None
            ]
            # (old results name a category by its sub_title)
            title = self.read.line(category, "title") or self.read.line(category, "sub_title")
            out.append({"title": title, "measurements": measurements})
        return out

    def classes(self, measure: Element, where: str) -> list[dict[str, Any]]:
        found = measure.findall("class_list/class")
        if not found:  # an old measure: categories without classes
            categories = self.categories(measure, where)
            return [{"title": None, "denoms": [], "categories": categories}] if categories else []
        out = []
        for item in found:
            out.append({"title": self.read.line(item, "title"),
                        "denoms": self.denoms(item, where),
                        "categories": self.categories(item, where)})
        return out

    def baseline(self, element: Element | None) -> dict[str, Any] | None:
        if element is None:
            return None
        where = "clinical_results/baseline"
        measures = []
        found = element.findall("measure_list/measure")
        denoms = self.denoms(element, where)
        if (not denoms and len(found) > 1 and _NUMBER_OF_PARTICIPANTS.match(
                self.read.line(found[0], "title") or "") is not None):
            # old results: the participants analyzed as a measure of their own, first
            denoms = self.old_denoms(found[0], where)
            found = found[1:] if denoms else found
        for number_, measure in enumerate(found, 1):
            here = f"{where}/measure[{number_}]"
            title = self.read.line(measure, "title")
            if title is None:
                self.read.warn(here, "a measure without a title, not kept")
                continue
            measures.append({
                "title": title,
                "description": self.read.text(measure, "description"),
                "population": self.read.text(measure, "population"),
                "param_type": self.read.enum(measure, "param", PARAM_TYPES, here),
                "dispersion_type": self.read.enum(measure, "dispersion", DISPERSIONS, here),
                "unit": self.read.line(measure, "units"),
                "denoms": self.denoms(measure, here),
                "classes": self.classes(measure, here),
            })
        return {
            "population": self.read.text(element, "population"),
            "groups": self.groups(element, where),
            "denoms": denoms,
            "measures": measures,
        }

    def posting_date(self, element: Element, where: str) -> str | None:
        text = self.read.line(element, "posting_date")
        if text is None:
            return None
        found = fields.posting_date(text)
        if found is None:
            self.read.warn(f"{where}/posting_date", f"not a date: {quote(text)}; not kept")
        return found

    def outcome(self, element: Element, where: str) -> dict[str, Any] | None:
        measures = element.findall("measure") + element.findall("measure_list/measure")
        measure = measures[-1] if measures else None
        # An old outcome: the participants analyzed as a measure of their own, first.
        old = len(measures) > 1 and _NUMBER_OF_PARTICIPANTS.match(
            self.read.line(measures[0], "title") or ""
        ) is not None
        title = self.read.line(element, "title") or self.read.line(measure, "title")
        if title is None:
            self.read.warn(where, "an outcome measure without a title, not kept")
            return None
        denoms = self.old_denoms(measures[0], where) if old else self.denoms(measure, where)
        return {
            "type": self.read.enum(element, "type", OUTCOME_TYPES, where),
            "title": title,
            "description": self.read.text(element, "description")
            or self.read.text(measure, "description"),
            "population": self.read.text(element, "population")
            or self.read.text(measure, "population"),
            "reporting_status": "POSTED" if measure is not None else "NOT_POSTED",
            "param_type": self.read.enum(measure, "param", PARAM_TYPES, where),
            "dispersion_type": self.read.line(measure, "dispersion"),
            "unit": self.read.line(measure, "units"),
            "time_frame": self.read.line(element, "time_frame"),
            "anticipated_posting_date": self.posting_date(element, where),
            "groups": self.groups(element, where),
            "denoms": denoms,
            "classes": self.classes(measure, where) if measure is not None else [],
            "analyses": [
                self.analysis(item, f"{where}/analysis[{number_}]")
                for number_, item in enumerate(element.findall("analysis_list/analysis"), 1)
            ],
        }

    def old_denoms(self, measure: Element, where: str) -> list[dict[str, Any]]:
        """The denominators an old outcome states as a "Number of Participants" measure."""
        counts = []
        for category in measure.findall(".//measurement_list/measurement"):
            identifier = self.group(category)
            if identifier is not None:
                value = self.read.count(self.read.attribute(category, "value"), where)
                counts.append({"group": identifier, "value": value})
        units = self.read.line(measure, "units")
        return [{"units": units, "counts": counts}] if counts else []

    def analysis(self, element: Element, where: str) -> dict[str, Any]:
        read = self.read
        p_value, p_text = number_and_text(read.line(element, "p_value"))
        if p_value is not None and not 0 <= p_value <= 1:
            read.warn(f"{where}/p_value", f"{p_value} is not a probability (kept as written)")
        spread, spread_text = number_and_text(read.line(element, "dispersion_value"))
        param_value, param_value_text = number_and_text(read.line(element, "param_value"))
        ci_lower, ci_lower_text = number_and_text(read.line(element, "ci_lower_limit"))
        ci_upper, ci_upper_text = number_and_text(read.line(element, "ci_upper_limit"))
        non_inferiority = read.enum(element, "non_inferiority_type", NON_INFERIORITY, where) \
            or read.enum(element, "non_inferiority", OLD_NON_INFERIORITY, where)
        notes = [read.text(element, "groups_desc")] + [
            f"{label}: {text}"
            for name, label in ANALYSIS_NOTES
            if (text := read.text(element, name))
        ]
        return {
            "groups": [
                group_id(text) for text in read.lines(element, "group_id_list/group_id")
            ],
            "method": read.line(element, "method"),
            "p_value": p_value,
            "p_value_text": p_text,
            "param_type": read.line(element, "param_type"),
            "param_value": param_value,
            "param_value_text": param_value_text,
            "dispersion_type": read.enum(element, "dispersion_type", ANALYSIS_DISPERSIONS,
                                         where),
            "dispersion_value": spread,
            "dispersion_value_text": spread_text,
            "ci_percent": self.number_at(element, "ci_percent", where),
            "ci_sides": read.enum(element, "ci_n_sides", CI_SIDES, where),
            "ci_lower": ci_lower,
            "ci_lower_text": ci_lower_text,
            "ci_upper": ci_upper,
            "ci_upper_text": ci_upper_text,
            "tested_non_inferiority": None,
            "non_inferiority": non_inferiority,
            "description": "\n\n".join(note for note in notes if note) or None,
        }

    def number_at(self, element: Element, path: str, where: str) -> int | float | None:
        return self.read.number(self.read.line(element, path), f"{where}/{path}")
