"""UTF-8 text that was once read as Windows-1252 ("â‰¥1,000/mcL" for "≥1,000/mcL") is repaired
in every record, with a warning; correct text that merely holds the same letters never changes
(docs/record.md, "Repaired text").

The misread strings are those of real files: tests/fixtures/realdata/mojibake (an API v2 page,
README there) and the site's CSV download in tests/fixtures/realdata/ctgov-csv (NCT00143234's
"SÃ£o Paulo, São Paulo"); expected values were read by hand from them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parsers import load_records, parse_text
from parsers.clean import has_misread_utf8, repair_misread_utf8
from parsers.record import local_id

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
PAGE = REALDATA / "mojibake" / "judacas__Clinical-Trial-Prompts__clinical_trials.json"
HYPERTENSION = (REALDATA / "ctgov-csv"
                / "aliza0811__Hypertension-Clinical-Trial-Analysis__ctg-studies.csv")

Record = dict[str, Any]


@pytest.mark.parametrize(
    ("misread", "repaired"),
    [
        ("a. absolute neutrophil count â‰¥1,000/mcL", "a. absolute neutrophil count ≥1,000/mcL"),
        ("c. total bilirubin â‰¤ institutional upper limit of normal (ULN)",
         "c. total bilirubin ≤ institutional upper limit of normal (ULN)"),
        ("d. AST(SGOT)/ALT(SGPT) â‰¤3 Ã— institutional ULN",
         "d. AST(SGOT)/ALT(SGPT) ≤3 × institutional ULN"),
        ("JakafiÂ®", "Jakafi®"),
        ("Tecartusâ„¢", "Tecartus™"),
        ("AixplorerÂ® ShearWave Elastography (SWEâ„¢)", "Aixplorer® ShearWave Elastography (SWE™)"),
        ("HÃ´pital Pontchaillou - CHU de Rennes", "Hôpital Pontchaillou - CHU de Rennes"),
        ("MÃ¼nchen", "München"),
        ("Pfizer Investigational Site, SÃ£o Paulo, São Paulo", # misread and correct in one
         "Pfizer Investigational Site, São Paulo, São Paulo"),
        ("Santiago, RegiÃ³n Metropolitana", "Santiago, Región Metropolitana"),
        ("the patientâ€™s consent", "the patient’s consent"),
        ("â€“ 10 Âµg/kg, 37 Â°C", "– 10 µg/kg, 37 °C"),
        ("IFN-Î³ and Î¼g", "IFN-γ and μg"),
        ("ÃƒÂ©tude", "étude"),  # misread twice
        ("åŒ—äº¬ Hospital", "北京 Hospital"),  # CJK: two in a row
        ("ðŸ˜€", "😀"),
    ],
)
def test_misread_text_is_repaired(misread: str, repaired: str) -> None:
    assert has_misread_utf8(misread)
    assert repair_misread_utf8(misread) == repaired
    assert repair_misread_utf8(repaired) == repaired  # repairing again changes nothing


@pytest.mark.parametrize(
    "correct",
    [
        "pâté", "crème brûlée", "Âge", "CÂBLE", "ÂNGELA", "SÃO PAULO", "SÃO JOSÉ DO RIO PRETO",
        "São Paulo", "Hôpital Pontchaillou", "Université Paris-Saclay", "ÎLE-DE-FRANCE",
        "Curaçao", "Ñuñoa", "Zürich", "Køge", "Łódź", "Москва", "Ελλάδα", "北京",
        "≥ 18 years", "× 10^9/L", "Jakafi®", "Tecartus™", "l’Hôpital",
        "CAFÉ” (a capital before a closing quote)", "NESTLÉ® and CÔTÉ®", "voilà\u00a0« texte »",
        "FRANÇ” quoted", "le café»… suite", "Ä ± 2", "Ð Ñ", "â€ alone", "Â",
    ],
)
def test_correct_text_is_never_altered(correct: str) -> None:
    assert repair_misread_utf8(correct) == correct


def test_no_control_or_bidi_override_is_made() -> None:
    # "â€®" would be U+202E (right-to-left override), "Â\x85"-like C1 controls are removed by
    # cleaning before: neither becomes a character that turns text around
    assert repair_misread_utf8("abc â€® def") == "abc â€® def"
    assert repair_misread_utf8("Â\u00adsoft") == "Â\u00adsoft"  # a soft hyphen: not printable
    assert repair_misread_utf8("é»… CJK alone") == "é»… CJK alone"


def test_repairs_are_noted() -> None:
    repairs: dict[str, str] = {}
    repair_misread_utf8("â‰¥ 3 Ã— ULN, JakafiÂ®, â‰¥ 2", repairs)
    assert repairs == {"â‰¥": "≥", "Ã—": "×", "Â®": "®"}


# --- records ----------------------------------------------------------------------------------


def page() -> dict[str, Record]:
    return {item.record["id"]: item.record for item in load_records(PAGE)}


def texts(nodes: list[dict[str, Any]]) -> list[str]:
    """Every criterion's text of a criteria tree, children after their parent (the repair does
    not depend on how the criteria are nested)."""
    return [text for node in nodes for text in (node["text"], *texts(node["children"]))]


def test_records_of_a_misread_page_are_repaired() -> None:
    records = page()
    assert list(records) == ["NCT01500304", "NCT05041309", "NCT05665504", "NCT03630809",
                             "NCT03077126", "NCT03610971"]
    nct05665504 = records["NCT05665504"]
    inclusion = " | ".join(texts(nct05665504["eligibility"]["inclusion"]))
    for text in ("absolute neutrophil count ≥1,000/mcL", "platelets ≥70,000/mcL",
                 "total bilirubin ≤ institutional upper limit of normal (ULN)",
                 "AST(SGOT)/ALT(SGPT) ≤3 × institutional ULN",
                 "creatinine 3.0 ≤ institutional ULN"):
        assert text in inclusion, text
    assert "â" not in inclusion and "Ã" not in inclusion
    assert nct05665504["outcomes"]["secondary"][0]["description"] == (
        "Fisher exact test will used to test association of both LCDT1™ and NodifyXL2® blood "
        "tests with malignancy.")
    nct03610971 = records["NCT03610971"]
    assert nct03610971["interventions"][0]["other_names"] == ["Jakafi®"]
    exclusion = texts(nct03610971["eligibility"]["exclusion"])
    assert ("Platelet count less than 100 × 10^9/L or an absolute neutrophil count of less than "
            "1 × 10^9/L or Hemoglobin less than 8 g/dL") in exclusion
    assert "AST and ALT ≥ 3 times the institutional upper limit of normal (ULN)" in exclusion
    nct03077126 = records["NCT03077126"]
    assert nct03077126["summary"].startswith(
        "The main purpose of this study is to determine the accuracy and feasibility "
        "(possibility) of Aixplorer® ShearWave Elastography (SWE™) Ultrasound System")
    assert nct03077126["arms"][0]["interventions"][1] == (
        "Device: Aixplorer® ShearWave Elastography (SWE™)")
    nct05041309 = records["NCT05041309"]
    assert [item["other_names"] for item in nct05041309["interventions"][:2]] == [
        ["Yescarta®"], ["Tecartus™"]]
    assert nct05041309["locations"][33]["facility"] == "Hôpital Pontchaillou - CHU de Rennes"
    assert nct05041309["locations"][35]["city"] == "München"
    criteria = records["NCT03630809"]["eligibility"]
    written = " | ".join(texts(criteria["inclusion"]) + texts(criteria["exclusion"]))
    assert "Age ≥ 18 years." in written and "corticosteroids ≤ 30 days" in written
    assert "â" not in written


def test_a_repaired_record_says_so_and_a_correct_one_does_not() -> None:
    records = page()
    assert records["NCT01500304"]["warnings"] == []
    assert records["NCT03610971"]["warnings"] == [
        'text repaired in 5 values: UTF-8 read as Windows-1252 ("Â®" → "®", "Ã—" → "×", '
        '"â‰¥" → "≥")']
    assert records["NCT05665504"]["warnings"] == [
        'text repaired in 7 values: UTF-8 read as Windows-1252 ("â‰¥" → "≥", "â‰¤" → "≤", '
        '"Ã—" → "×", …)']


def test_the_kept_source_text_is_the_files() -> None:
    loaded = {item.record["id"]: item for item in load_records(PAGE)}["NCT03610971"]
    assert "JakafiÂ®" in loaded.text and "Jakafi®" not in loaded.text


def test_a_csv_row_is_repaired_beside_correct_text() -> None:
    record = next(item.record for item in load_records(HYPERTENSION)
                  if item.record["id"] == "NCT00143234")
    places = {(site["city"], site["state"], site["country"]) for site in record["locations"]}
    assert ("São Paulo", "São Paulo", "Brazil") in places
    assert ("Santiago", "Región Metropolitana", "Chile") in places
    assert not any("Ã" in str(site) for site in record["locations"])
    assert record["warnings"][-1].startswith("text repaired in 2 values: UTF-8 read as "
                                             "Windows-1252")


def test_a_local_id_is_that_of_the_text_as_written() -> None:
    study = {"protocolSection": {"identificationModule": {"briefTitle": "JakafiÂ® in MF"}}}
    text = json.dumps(study, ensure_ascii=False)
    record = parse_text(text)
    assert record["title"] == "Jakafi® in MF"
    assert record["id"] == local_id("JakafiÂ® in MF", None, None, text)
