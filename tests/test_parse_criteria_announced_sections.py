"""Eligibility criteria whose exclusion heading is written as something else than "Exclusion
Criteria:": a sentence announcing the list ("Patient exclusion criteria will consist of any
of the following:"), a heading run together with such a sentence ("Exclusion criteria A
patient will not be included … if he/she meets ANY of the following criteria:"), the French
"non-inclusion" written beside exclusion ("No inclusion / Exclusion Criteria:"); a cohort's
heading whose name holds a slash ("CP/CPPS cohort inclusion criteria:"); a part's name and a
colon before a plain heading ("Part 2: Inclusion Criteria:"). Each text below is short, in
the shape of a real record's (named in its test).
"""

from __future__ import annotations

from typing import Any

from parsers.ctgov_json_criteria import markdown_criteria
from parsers.ctgov_xml_criteria import block_criteria


def _tree(nodes: list[dict[str, Any]]) -> list[Any]:
    """The tree as (text, children) pairs, a note as ("note", text)."""
    return [("note", node["text"]) if node.get("note") else
            (node["text"], _tree(node["children"])) if node["children"] else node["text"]
            for node in nodes]


def test_a_sentence_announcing_the_exclusion_criteria_is_their_heading() -> None:
    # NCT06154044: two sentences over two numbered lists, no "Exclusion Criteria:" heading
    text = ("Patient inclusion criteria will consist of all of the following:\n\n"
            "1. non-ischemic dilated cardiomyopathy\n2. age 18-65 years\n\n"
            "Patient exclusion criteria will consist of any of the following:\n\n"
            "1. ischemic cardiomyopathy\n2. acute multi-organ failure\n"
            "3. left ventricular thrombus\n")
    inclusion, exclusion, warnings = markdown_criteria(text)
    assert _tree(inclusion) == ["non-ischemic dilated cardiomyopathy", "age 18-65 years"]
    assert _tree(exclusion) == ["ischemic cardiomyopathy", "acute multi-organ failure",
                                "left ventricular thrombus"]
    assert warnings == []


def test_inclusion_criteria_announced_as_alternatives_stay_a_group() -> None:
    # "any of the following" over inclusion criteria: one of them is enough
    text = ("Inclusion criteria will consist of any of the following:\n\n"
            "1. heart failure\n2. atrial fibrillation\n\n"
            "Exclusion criteria will be:\n\n1. pregnancy\n")
    inclusion, exclusion, _ = markdown_criteria(text)
    assert _tree(inclusion) == [("Inclusion criteria will consist of any of the following",
                                 ["heart failure", "atrial fibrillation"])]
    assert _tree(exclusion) == ["pregnancy"]


def test_a_heading_run_into_its_announcing_sentence_starts_the_exclusion_criteria() -> None:
    # NCT03158727: "Exclusion criteria A patient will not be included in the study if he/she
    # meets ANY of the following criteria:" then the numbered list
    text = ("Inclusion criteria\n\n1. Adult subjects\n2. Signed informed consent.\n\n"
            "Exclusion criteria A patient will not be included in the study if he/she meets"
            " ANY of the following criteria:\n\n"
            "1. Subjects with an aspiration pneumonia.\n2. Subjects with cystic fibrosis.\n"
            "3. Pregnancy.\n")
    inclusion, exclusion, warnings = markdown_criteria(text)
    assert _tree(inclusion) == ["Adult subjects", "Signed informed consent."]
    assert _tree(exclusion) == [
        ("note", "A patient will not be included in the study if he/she meets ANY of the"
                 " following criteria:"),
        "Subjects with an aspiration pneumonia.", "Subjects with cystic fibrosis.", "Pregnancy."]
    assert warnings == []


def test_a_heading_run_into_a_lead_in_is_no_announcing_sentence() -> None:
    # it names no criteria: the line stays a heading over its list, as written
    text = ("Inclusion criteria:\n\n* Adults\n\n"
            "Exclusion Criteria Patients with any of:\n\n* asthma\n* diabetes\n")
    _, exclusion, _ = markdown_criteria(text)
    assert _tree(exclusion) == [("Exclusion Criteria Patients with any of", ["asthma", "diabetes"])]


def test_non_inclusion_written_beside_exclusion_heads_the_exclusion_criteria() -> None:
    # NCT02519556: "No inclusion / Exclusion Criteria:"; another record: "Non-inclusion/
    # exclusion criteria:"
    for head in ("No inclusion / Exclusion Criteria:", "Non-inclusion/exclusion criteria:"):
        text = (f"Inclusion Criteria:\n\n* Children over 6 months.\n\n{head}\n\n"
                "* Allergy to the probiotic.\n* Patient's request\n")
        inclusion, exclusion, _ = markdown_criteria(text)
        assert _tree(inclusion) == ["Children over 6 months."]
        assert _tree(exclusion) == ["Allergy to the probiotic.", "Patient's request"]


def test_a_cohort_named_with_a_slash_heads_its_own_groups() -> None:
    # NCT05868668: "Erectile dysfunction cohort Inclusion Criteria:" … then "CP/CPPS cohort
    # inclusion criteria:" and "CP/CPPS cohort exclusion criteria:"
    text = ("Erectile dysfunction cohort Inclusion Criteria:\n\n1. Males ≥40 years old\n\n"
            "Erectile dysfunction cohort Exclusion Criteria:\n\n1. Active smoker\n\n"
            "CP/CPPS cohort inclusion criteria:\n\n1. Adult males\n2. Chronic pelvic pain\n\n"
            "CP/CPPS cohort exclusion criteria:\n\n1. History of pelvic trauma\n")
    inclusion, exclusion, _ = markdown_criteria(text)
    assert _tree(inclusion) == [
        ("Erectile dysfunction cohort Inclusion Criteria", ["Males ≥40 years old"]),
        ("CP/CPPS cohort inclusion criteria", ["Adult males", "Chronic pelvic pain"])]
    assert _tree(exclusion) == [
        ("Erectile dysfunction cohort Exclusion Criteria", ["Active smoker"]),
        ("CP/CPPS cohort exclusion criteria", ["History of pelvic trauma"])]


def test_a_part_named_before_a_plain_heading_groups_its_criteria() -> None:
    # NCT06525636: "* Part 1: Inclusion Criteria:" under "Inclusion Criteria:", "* Part 1:
    # Exclusion Criteria:" under "Exclusion Criteria:", then "Part 2: Inclusion Criteria:"
    # and "Part 2: Exclusion Criteria:" as paragraphs
    text = ("Inclusion Criteria:\n\n* Part 1: Inclusion Criteria:\n\n"
            "  1. Body weight at least 40 kg.\n  2. Diagnosed with XLH.\n\n"
            "Exclusion Criteria:\n\n* Part 1: Exclusion Criteria:\n\n"
            "  1. Have an active infection.\n\n"
            "Part 2: Inclusion Criteria:\n\n1. Completion of Part 1.\n2. Provide consent.\n\n"
            "Part 2: Exclusion Criteria:\n\n1. Use of burosumab.\n")
    inclusion, exclusion, _ = markdown_criteria(text)
    assert _tree(inclusion) == [
        ("Part 1", ["Body weight at least 40 kg.", "Diagnosed with XLH."]),
        ("Part 2", ["Completion of Part 1.", "Provide consent."])]
    assert _tree(exclusion) == [("Part 1", ["Have an active infection."]),
                                ("Part 2", ["Use of burosumab."])]


def test_a_part_named_before_a_plain_heading_in_classic_xml() -> None:
    text = ("\n        Part 1: Inclusion Criteria:\n\n          -  Adults\n\n"
            "        Part 1: Exclusion Criteria:\n\n          -  Pregnancy\n\n"
            "        Part 2: Inclusion Criteria:\n\n          -  Completion of Part 1\n\n"
            "        No inclusion / Exclusion Criteria:\n\n          -  Allergy\n")
    inclusion, exclusion, _ = block_criteria(text)
    assert _tree(inclusion) == [("Part 1", ["Adults"]), ("Part 2", ["Completion of Part 1"])]
    assert _tree(exclusion) == [("Part 1", ["Pregnancy"]), "Allergy"]


def test_labelled_items_split_and_kept_under_their_lead_in() -> None:
    # NCT02227251: "* Any of the following laboratory abnormalities:" / "  (i) A … (ii) B …"
    # / "(iii) C …" at the margin
    text = ("Exclusion Criteria:\n\n* Pregnant.\n"
            "* Any of the following laboratory abnormalities:\n\n"
            "  (i) A circulating lymphocyte count of >50,000/L. (ii) Hepatic dysfunction:"
            " bilirubin >2.0 times the ULN.\n\n"
            "(iii) Severe renal dysfunction: creatinine clearance of <30 mL/min.\n\n"
            "* Any life-threatening illness.\n")
    _, exclusion, _ = markdown_criteria(text)
    assert _tree(exclusion) == [
        "Pregnant.",
        ("Any of the following laboratory abnormalities:", [
            "A circulating lymphocyte count of >50,000/L.",
            "Hepatic dysfunction: bilirubin >2.0 times the ULN.",
            "Severe renal dysfunction: creatinine clearance of <30 mL/min."]),
        "Any life-threatening illness."]
    # the same record's second list: "  (i) …" then "(ii) …" at the margin
    text = ("Exclusion Criteria:\n\n* Any of the following laboratory abnormalities:\n\n"
            "  (i) Absolute neutrophil count <1000 cells/mm^3\n\n"
            "(ii) Hematopoietic dysfunction: hemoglobin < 10.0 g/dL\n\n"
            "* Participants committed to an institution.\n")
    _, exclusion, _ = markdown_criteria(text)
    assert _tree(exclusion) == [
        ("Any of the following laboratory abnormalities:", [
            "Absolute neutrophil count <1000 cells/mm^3",
            "Hematopoietic dysfunction: hemoglobin < 10.0 g/dL"]),
        "Participants committed to an institution."]


def test_two_labelled_alternatives_on_one_line_stay_one_item() -> None:
    # "(i) A or (ii) B": alternatives, its first label kept; a margin list labelled on its own
    text = ("Inclusion Criteria:\n\n1. Documented exacerbation history:\n\n"
            "   1. 1 severe exacerbation and:\n\n"
            "   (i) Eosinophils ≥ 150 cells/µl or (ii) FeNo ≥ 25 ppb\n"
            "2. Compliance ≥70%.\n")
    inclusion, _, _ = markdown_criteria(text)
    assert _tree(inclusion) == [
        ("Documented exacerbation history:", [
            ("1 severe exacerbation and:",
             ["(i) Eosinophils ≥ 150 cells/µl or (ii) FeNo ≥ 25 ppb"])]),
        "Compliance ≥70%."]
    text = ("Inclusion Criteria:\n\n(a) Adults:\n\n  (a) aged 18 or more\n  (b) able to consent\n\n"
            "(b) Children:\n\n  (a) aged 6 to 17\n")
    inclusion, _, _ = markdown_criteria(text)
    assert _tree(inclusion) == [("Adults:", ["aged 18 or more", "able to consent"]),
                                ("Children:", ["aged 6 to 17"])]


def test_roman_numerals_after_a_bullet_are_removed_as_letters_are() -> None:
    # NCT04576156: "  * (i) Treatment …", "  * (ii) Treatment …", "  * (iii) Following …"
    # under a criterion (the "(i)" went, the others stayed)
    text = ("Inclusion Criteria:\n\n* Relapsed/refractory as defined below:\n\n"
            "  * (i) Treatment for >= 6 months with:\n\n    1. no decrease in spleen volume\n"
            "    2. no decrease in symptoms\n"
            "  * (ii) Treatment for >= 3 months with maximal doses\n"
            "  * (iii) Relapse after maximum tolerated doses\n* Measurable splenomegaly\n")
    inclusion, _, _ = markdown_criteria(text)
    assert _tree(inclusion) == [
        ("Relapsed/refractory as defined below:", [
            ("Treatment for >= 6 months with:", ["no decrease in spleen volume",
                                                 "no decrease in symptoms"]),
            "Treatment for >= 3 months with maximal doses",
            "Relapse after maximum tolerated doses"]),
        "Measurable splenomegaly"]


def test_a_group_named_after_another_groups_exclusion_list_is_a_group_of_its_own() -> None:
    # NCT02657746: "Main study:" over "Inclusion Criteria:" and "Exclusion Criteria:", then
    # "Sub-study:" and its list, without headings (kept as inclusion, as criteria without
    # headings are), no longer inside the main study's exclusion criteria
    markdown = ("Main study:\n\nInclusion Criteria:\n\n1. Age 40 years or more\n"
                "2. Informed consent\n\nExclusion Criteria:\n\n1. Bed-ridden\n2. Pregnancy\n\n"
                "Sub-study:\n\n1. Fulfil all criteria of the main study\n"
                "2. Systolic BP >160 mm Hg\n")
    block = ("\n        Main study:\n\n        Inclusion Criteria:\n\n"
             "          1. Age 40 years or more\n\n          2. Informed consent\n\n"
             "        Exclusion Criteria:\n\n          1. Bed-ridden\n\n"
             "          2. Pregnancy\n\n        Sub-study:\n\n"
             "          1. Fulfil all criteria of the main study\n\n"
             "          2. Systolic BP >160 mm Hg\n")
    for inclusion, exclusion, _ in (markdown_criteria(markdown), block_criteria(block)):
        assert _tree(inclusion) == [
            ("Main study", ["Age 40 years or more", "Informed consent"]),
            ("Sub-study", ["Fulfil all criteria of the main study", "Systolic BP >160 mm Hg"])]
        assert _tree(exclusion) == [("Main study", ["Bed-ridden", "Pregnancy"])]
    # a last criterion written as a paragraph stays one ("Healthy volunteers" has no colon)
    markdown = markdown.replace("Sub-study:\n\n1. Fulfil all criteria of the main study\n"
                                "2. Systolic BP >160 mm Hg\n", "Healthy volunteers\n")
    _, exclusion, _ = markdown_criteria(markdown)
    assert _tree(exclusion) == [("Main study", ["Bed-ridden", "Pregnancy",
                                                "Healthy volunteers"])]
