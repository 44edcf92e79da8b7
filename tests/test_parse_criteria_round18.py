"""Classic XML criteria whose registry wrap put the word "criteria" on a line of its own: the
word was dropped as a bare "Criteria:" label, losing the end of a sentence or an exclusion
heading (every exclusion criterion then read as an inclusion one); and the NCI's PDQ layout
written one paragraph a section, read as three long criteria.

The records are in tests/fixtures/realdata/criteria/ (the README's rows say where each came
from); every expected text was read by hand from the file's criteria text block.
"""

from __future__ import annotations

from realdata_criteria import eligibility


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


def test_a_pdq_section_written_as_one_paragraph_is_read_as_the_layout() -> None:
    # NCT00002478 (GOG, 1990s): "PATIENT CHARACTERISTICS: Age: Any age Performance status:
    # GOG 0-2 Hematopoietic: WBC at …" wrapped as one paragraph a section (before: three
    # criteria, each a whole section)
    inclusion = eligibility("Yasunori-Park__XML_Search_of_Clinical_Trials_on_clinicaltrials.gov__"
                            "NCT00002478.xml")["inclusion"]
    assert [node["text"] for node in inclusion] == [
        "DISEASE CHARACTERISTICS", "PATIENT CHARACTERISTICS", "PRIOR CONCURRENT THERAPY"]
    patient = [node["text"] for node in inclusion[1]["children"]]
    assert patient[:2] == ["Age: Any age", "Performance status: GOG 0-2"]
    assert patient[4] == "Renal: Creatinine no greater than 2.0 mg/dL"
    assert [text.split(":")[0] for text in patient] == [
        "Age", "Performance status", "Hematopoietic", "Hepatic", "Renal", "Other"]
    therapy = [node["text"] for node in inclusion[2]["children"]]
    assert therapy[0] == "Biologic therapy: At least 3 weeks since anticancer therapy"
    assert therapy[-1] == "Surgery: At least 3 weeks since surgery and recovered"
    assert inclusion[0]["children"][0]["text"].startswith(
        "Histologically confirmed recurrent or metastatic ovarian epithelial or cervical cancer")


def test_a_group_named_after_the_headings_colon_with_a_dash_groups_its_criteria() -> None:
    # NCT03891420: "Inclusion Criteria: Group A - Yellow Fever" and its 11 criteria, then
    # "Inclusion Criteria Group B - COVID-19" and its 6 (before, "Group A - Yellow Fever" was
    # a childless criterion and its criteria the section's own)
    found = eligibility("alexislintw__AI4CV__NCT03891420.xml")
    assert [(node["text"], len(node["children"])) for node in found["inclusion"]] == [
        ("Inclusion Criteria: Group A - Yellow Fever", 11),
        ("Inclusion Criteria Group B - COVID-19", 6)]
    assert [(node["text"], len(node["children"])) for node in found["exclusion"]] == [
        ("Exclusion Criteria: Group A - Yellow Fever", 8),
        ("Exclusion Criteria: Group B - COVID-19", 9)]
