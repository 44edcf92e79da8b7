"""Posted results shown whole: a class of a measure that states its own participants analysed
(the registry's "Number Analyzed" under a class title) shows that count, not only the
measure's, in the browser's tables, `trials show`, the Markdown export and the compare
headline; each group's description, a baseline measure's description and the adverse events'
vocabulary and assessment are shown too."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from tui_helpers import plain

from parsers import load_records
from store.compare import measure_headline
from tui.events_view import assessed_text
from tui.export_markdown import trial_markdown
from tui.result_text import headline_lines
from tui.results_view import results_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
#: Partial organ tolerance doses: 53 and 53 analysed, but 39 and 12 for lung toxicity and 30
#: and 21 for esophagitis (read in the file by hand).
TOLERANCE = "ctgov-xml/ctti-clinicaltrials__aact__NCT00023673.xml"
#: Dupilumab: 97 and 97 analysed for the GISS components, 79 and 87 in each class; the
#: baseline's weekly peak pruritus NRS was analysed in 90, 94 and 184 (of 97, 97, 194).
DUPILUMAB = "ctti-clinicaltrials__aact__NCT02210780.json"


@cache
def record(name: str) -> dict[str, Any]:
    [loaded] = load_records(REALDATA / name)
    return loaded.record


def rows_of(text: str, label: str) -> list[list[str]]:
    """The cells of every table row whose label starts with label."""
    found = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.replace("┃", "│").split("│")]
        if cells[0].startswith(label):
            found.append(cells)
    return found


def test_each_class_shows_the_participants_it_analysed() -> None:
    text = plain(results_view(record(TOLERANCE)).whole(), 160)
    assert rows_of(text, "Lung Toxicity: Lung V20: analysed") == [
        ["Lung Toxicity: Lung V20: analysed", "39", "12"]]
    assert rows_of(text, "Esophagitis Toxicity: Lung V20: analysed") == [
        ["Esophagitis Toxicity: Lung V20: analysed", "30", "21"]]
    # the measure's own count stays, above them
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "Lung Toxicity: Lung V20: analysed" in line)
    assert [cell.strip() for cell in lines[first - 1].split("│")] == ["Analysed", "53", "53"]


def test_a_class_with_the_measures_count_gets_no_row_of_its_own() -> None:
    text = plain(results_view(record(DUPILUMAB)).whole(), 200)
    assert rows_of(text, "Erythema: analysed") == [["Erythema: analysed", "79", "87"]]
    # measures whose classes state nothing of their own (or the same count) have none
    assert sum("analysed" in line for line in text.splitlines()) == 4  # the 4 GISS components


def test_a_baseline_measure_shows_its_own_participants() -> None:
    text = plain(results_view(record(DUPILUMAB)).whole(), 200)
    lines = text.splitlines()
    nrs = next(i for i, line in enumerate(lines) if "Weekly Peak Pruritus" in line)
    analysed = next(line for line in lines[nrs:] if line.strip().startswith("Analysed"))
    assert [cell.strip() for cell in analysed.split("│")] == ["Analysed", "90", "94", "184"]


def test_the_markdown_report_has_the_same_counts() -> None:
    markdown = trial_markdown(record(DUPILUMAB))
    assert "| *Erythema: analysed* | 79 | 87 |" in markdown
    assert "| – *Analysed* | 90 | 94 | 184 |" in markdown
    tolerance = trial_markdown(record(TOLERANCE))
    assert "| *Lung Toxicity: Lung V20: analysed* | 39 | 12 |" in tolerance


def test_the_compare_headline_gives_each_class_its_n() -> None:
    measure = next(m for m in record(TOLERANCE)["results"]["outcome_measures"]
                   if m["title"].startswith("Partial Organ Tolerance Doses for Lung and "
                                            "Esophagus (Percent"))
    headline = measure_headline(measure)
    assert headline.participants == [53, 53]
    assert [row.analysed for row in headline.rows] == [[39, 12], [30, 21]]
    assert headline.to_json()["rows"][0]["analysed"] == [39, 12]
    lines = headline_lines(headline)
    assert "  No High Grade Toxicity: 24.1 (range 9.9 to 35.7) (n=39)" in lines
    assert "  High Grade Toxicity: 26.3 (range 14.0 to 33.3) (n=21)" in lines


# --- what the groups are, what a baseline measure is, how adverse events were assessed ------

#: Chewing and swallowing: the outcome measures' six groups are defined only by their
#: descriptions ("… asked to chew and swallow a baby carrot"); the flow's one group has its own.
CHEWING = "ctti-clinicaltrials__aact__NCT05594173.json"
#: Nelfinavir: "Age, Customized" is described as "Age, in years, of study participants at
#: consent"; events by CTCAE (3.0), systematic assessment (the file's defaults).
NELFINAVIR = "ctgov-xml/ctti-clinicaltrials__aact__NCT01065844.xml"


def test_each_group_is_described_once_where_it_first_appears() -> None:
    text = plain(results_view(record(CHEWING)).whole(), 400)
    carrot = ("Healthy Participants: Carrot — Healthy adults with no history of difficulties "
              "with chewing or swallowing who were asked to chew and swallow a baby carrot.")
    assert text.count(carrot) == 1
    flow = "Healthy Participants — Healthy adults with no history of difficulties with chewing"
    assert text.count(flow) == 1
    # under the first measure that has the groups, not under the later ones of the same groups
    first, second = text.index("1/"), text.index("2/")
    assert first < text.index(carrot) < second
    markdown = trial_markdown(record(CHEWING))
    assert markdown.count(f"- **Healthy Participants: Carrot** — {carrot.split(' — ')[1]}") == 1


def test_a_groups_description_said_again_elsewhere_is_not_repeated() -> None:
    text = plain(results_view(record(NELFINAVIR)).whole(), 400)
    assert text.count("Nelfinavir — 1250 mg Nelfinavir twice daily") == 1


def test_a_baseline_measure_shows_its_description() -> None:
    text = plain(results_view(record(NELFINAVIR)).whole(), 200)
    lines = text.splitlines()
    age = next(i for i, line in enumerate(lines) if line.strip() == "Age, Customized")
    assert lines[age + 1].strip() == "Description: Age, in years, of study participants at consent"
    assert ("- Age, Customized, description: Age, in years, of study participants at consent"
            in trial_markdown(record(NELFINAVIR)))


def test_the_adverse_events_say_their_vocabulary_and_assessment() -> None:
    text = plain(results_view(record(NELFINAVIR)).whole(), 200)
    assert "Vocabulary: CTCAE (3.0) · Systematic assessment" in text
    assert "Vocabulary: CTCAE (3.0) · Systematic assessment" in trial_markdown(record(NELFINAVIR))


def test_mixed_vocabularies_are_counted() -> None:
    events = {"serious": [{"vocabulary": "MedDRA 26.0", "assessment": "SYSTEMATIC_ASSESSMENT"}],
              "other": [{"vocabulary": "MedDRA 26.0", "assessment": "NON_SYSTEMATIC_ASSESSMENT"},
                        {"vocabulary": "CTCAE (4.0)", "assessment": None}]}
    assert assessed_text(events) == ("Vocabulary: MedDRA 26.0 (2 events), CTCAE (4.0) (1 event)"
                                     " · Systematic assessment (1 event), Non systematic "
                                     "assessment (1 event)")
    assert assessed_text({"serious": [], "other": [{"term": "Nausea"}]}) == ""


# --- odd records --------------------------------------------------------------------------


def measure_of(classes: list[dict[str, Any]], denoms: list[dict[str, Any]]) -> dict[str, Any]:
    groups = [{"id": "OG000", "title": "Drug", "description": None},
              {"id": "OG001", "title": "Placebo", "description": None}]
    return {"type": "PRIMARY", "title": "Lesions", "param_type": "MEAN", "groups": groups,
            "denoms": denoms, "classes": classes, "analyses": []}


def denom(units: str, drug: int, placebo: int) -> dict[str, Any]:
    return {"units": units, "counts": [{"group": "OG000", "value": drug},
                                       {"group": "OG001", "value": placebo}]}


def week(title: str, drug: float, placebo: float, denoms: list[dict[str, Any]],
         categories: bool = True) -> dict[str, Any]:
    values = [{"group": "OG000", "value": drug}, {"group": "OG001", "value": placebo}]
    return {"title": title, "denoms": denoms,
            "categories": [{"title": None, "measurements": values}] if categories else []}


def with_measure(measure: dict[str, Any]) -> dict[str, Any]:
    rec = copy.deepcopy(record(DUPILUMAB))
    rec["results"]["outcome_measures"] = [measure]
    return rec


def test_a_class_count_of_another_unit_is_not_taken_for_participants() -> None:
    measure = measure_of([week("Week 12", 15.1, 16.2, [denom("Eyes", 54, 26)])],
                         [denom("Participants", 27, 13), denom("Eyes", 54, 26)])
    text = plain(results_view(with_measure(measure)).whole(), 200)
    assert "Week 12: analysed" not in text
    assert "Week 12: analysed" not in trial_markdown(with_measure(measure))
    headline = measure_headline(measure)
    assert headline.participants == [27, 13] and headline.rows[0].analysed is None


def test_a_class_without_values_gets_no_count_row() -> None:
    measure = measure_of([week("Week 4", 0, 0, [denom("Participants", 20, 9)], categories=False),
                          week("Week 12", 15.1, 16.2, [])],
                         [denom("Participants", 27, 13)])
    text = plain(results_view(with_measure(measure)).whole(), 200)
    assert "analysed" not in text.replace("Analysed", "")


def test_a_group_a_class_gives_no_count_for_keeps_the_measures() -> None:
    measure = measure_of([week("Week 12", 15.1, 16.2,
                               [{"units": "Participants",
                                 "counts": [{"group": "OG000", "value": 26}]}])],
                         [denom("Participants", 27, 13)])
    assert rows_of(plain(results_view(with_measure(measure)).whole(), 200),
                   "Week 12: analysed") == [["Week 12: analysed", "26", "13"]]
    assert "  Placebo: 16.2 (n=13)" in headline_lines(measure_headline(measure))


def test_groups_that_are_not_objects_or_have_odd_descriptions_do_not_break_the_tab() -> None:
    rec = copy.deepcopy(record(CHEWING))
    rec["results"]["participant_flow"]["groups"] += [None, "junk",
                                                     {"id": "FG009", "title": "Odd",
                                                      "description": ["y"]}]
    text = plain(results_view(rec).whole(), 300)
    assert "Healthy Participants — Healthy adults" in text
    assert "Participant flow" in trial_markdown(rec)
