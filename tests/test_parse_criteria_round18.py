"""Classic XML criteria whose registry wrap put the word "criteria" on a line of its own: the
word was dropped as a bare "Criteria:" label, losing the end of a sentence or an exclusion
heading (every exclusion criterion then read as an inclusion one).

The records are in tests/fixtures/realdata/criteria/ (the README's rows say where each came
from); every expected text was read by hand from the file's criteria text block.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parsers import load_file

CRITERIA = Path(__file__).resolve().parent / "fixtures" / "realdata" / "criteria"


def eligibility(name: str) -> dict[str, Any]:
    record = load_file(CRITERIA / name).record
    return dict(record["eligibility"])


def test_a_wrapped_criteria_word_ends_its_sentence() -> None:
    # NCT03808922, exclusion "For COVID-19 sub study:" item 5: "… fungal infection and meeting
    # at least one of the following" / "criteria:" (the wrap's last line)
    group = eligibility("syedgufran95__clinicaltrialsXmlToCsv__NCT03808922.xml")["exclusion"][7]
    assert group["text"] == "For COVID-19 sub study:"
    sepsis = next(node for node in group["children"] if "sepsis" in node["text"])
    assert sepsis["text"] == (
        "Subjects with severe sepsis due to either their SARS-CoV-2 infection or a concurrent "
        "viral, bacterial, or fungal infection and meeting at least one of the following "
        "criteria:")
    assert len(sepsis["children"]) == 2


def test_a_wrapped_exclusion_heading_starts_the_exclusion_criteria() -> None:
    # NCT04279197: "-  Participate in clinical research voluntarily and sign informed consent.
    # Exclusion" / "criteria", then 15 exclusion bullets (all read as inclusion before)
    found = eligibility("syedgufran95__clinicaltrialsXmlToCsv__NCT04279197.xml")
    assert len(found["inclusion"]) == 6 and len(found["exclusion"]) == 15
    assert found["inclusion"][-1]["text"] == ("Participate in clinical research voluntarily and "
                                              "sign informed consent.")
    assert found["exclusion"][0]["text"] == (
        "Patients who have undergone lung surgery that affects pulmonary function, such as "
        "pulmonary transplantation, pulmonary resection, pulmonary volume reduction, etc;")
    assert found["exclusion"][-1]["text"] == (
        "According to the investigator's judgment, patients whose enrollment complications or "
        "poor compliance will affect the efficacy and safety evaluation.")
