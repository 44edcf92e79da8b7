"""Eligibility criteria trees of real records that an audit found wrong: labels a criterion
names ("a), b), c) or d)") dropped and the items after "Examples include:" put under it, later
colon-less sub-headings nested under the first, "Inclusion of Women and Minorities" read as
exclusion criteria, a continuation and a heading's "Patients with" split from what they
continue, and stray indentation trusted over the numbering.

The records are in tests/fixtures/realdata/criteria/ and ctgov-xml-older/ (their README rows
say where each came from); every expected tree was read by hand from the file's eligibility
text, and every word of that text must be in the tree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of

from parsers import load_file

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
CRITERIA = REALDATA / "criteria"


def record(name: str) -> dict[str, Any]:
    """The record of a real file of tests/fixtures/realdata/criteria (name: its NCT id)."""
    [path] = CRITERIA.glob(f"*__{name}.*")
    return load_file(path).record


def source_words(name: str) -> set[str]:
    """The words of a real JSON record's eligibility text, without its Markdown escapes and
    the bullets and numbers opening its lines ("* 1\\. ") or its items written on one line
    ("… spine 3. The patient …"), which are no criterion's words."""
    [path] = CRITERIA.glob(f"*__{name}.json")
    text = json.loads(path.read_text())["protocolSection"]["eligibilityModule"][
        "eligibilityCriteria"]
    text = _INLINE_NUMBERS.sub("", _MARKERS.sub("", text.replace("\\", "")))
    return set(re.findall(r"\w+", text))


_MARKERS = re.compile(r"(?m)^[ \t]*(?:[-*+•][ \t]+)?(?:\(?\d{1,3}[.)][ \t]+)?")
_INLINE_NUMBERS = re.compile(r"(?<!\S)\(?\d{1,3}[.)](?=\s)")


def tree_words(nodes: list[dict[str, Any]]) -> set[str]:
    return {word for node in nodes
            for word in re.findall(r"\w+", node["text"]) + list(tree_words(node["children"]))}


def assert_no_word_lost(name: str, eligibility: dict[str, Any]) -> None:
    kept = tree_words(eligibility["inclusion"]) | tree_words(eligibility["exclusion"])
    # the headings' words are the sections themselves
    assert source_words(name) - kept <= {"Inclusion", "Exclusion", "Criteria"}


# --- 1. labels a criterion names; the list after "Examples include:" ------------------------


def test_labelled_items_a_criterion_names_are_its_children_and_keep_their_labels() -> None:
    # NCT05086315: "… must meet one of the following criteria, a), b), c) or d) …", then
    # paragraphs "a) …" ("… one of the following, i or ii."), "i) …", "Examples include but
    # are not limited to:" and its bullets, "ii) …", "b) …", "c) …", "d) …"; the labels were
    # dropped, "ii)" to "d)" and the arms after them were children of "Examples include …",
    # and the arms under "… will be assigned as follows:" were its siblings.
    eligibility = record("NCT05086315")["eligibility"]
    assert eligibility["inclusion"] == [
        crit("Participant must be at least 1 year old at the time the trial participant or "
             "legal guardian signs the informed consent form and will be assigned as follows:",
             crit("Adult arm: aged at least 12 years old."),
             crit("Pediatric arm: aged 1 to 17 years old.")),
        crit("For participants of the Escalation Part only:",
             crit("Adult and Pediatric Arms: Confirmed diagnosis of primary or secondary AML "
                  "[any subtype except acute promyelocytic leukemia (APL) and juvenile "
                  "myelomonocytic leukemia (JMML)] according to World Health Organization "
                  "(WHO) 2022 classification. Participants with AML must meet one of the "
                  "following criteria, a), b), c) or d) and are limited to those with no "
                  "available (or are ineligible) therapy with known clinical benefit.",
                  crit("a) Primary Induction Failure (PIF) AML, defined as disease refractory "
                       "to one of the following, i or ii.",
                       crit("i) An intensive induction attempt, per institution. Induction "
                            "attempts include high-dose and/or standard-dose cytarabine ± an "
                            "anthracyclines/anthracenedione ± an anti-metabolite, with or "
                            "without growth factor or targeted therapy containing regimens.",
                            crit("Examples include but are not limited to:",
                                 crit("One cycle of high dose cytarabine (HiDAC) containing "
                                      "regimen"),
                                 crit("One cycle of liposomal cytarabine and daunorubicin"),
                                 crit("Two cycles of standard dose cytarabine containing "
                                      "regimen"))),
                       crit("ii) For adults who are age 75 years or older, or who have "
                            "comorbidities that preclude use of intensive induction "
                            "chemotherapy; PIF is defined as AML refractory to one of the "
                            "following less intensive regimens, 1 or 2: 1. 4 cycles of "
                            "hypomethylating agents (HMA) or 2. 2 cycles HMA + venetoclax")),
                  crit("b) Early relapse (ER) AML, defined as AML in relapse with CR duration "
                       "< 6 months on prior induction treatment"),
                  crit("c) Leukemia in first or higher relapse"),
                  crit("d) For participants aged 1 to 17 years old, primary induction failure "
                       "is defined as disease refractory after two cycles of induction "
                       "therapy.")),
             crit("Adult arm only: Confirmed diagnosis of cluster of differentiation 123 "
                  "(CD123) + HR-MDS, with a Revised International Prognostic Scoring System "
                  "(IPSS-R) risk category of intermediate or higher and are limited to those "
                  "with no available (or are ineligible) therapy with known clinical benefit.",
                  crit("Not eligible for induction therapy and having completed ≥2 cycles of "
                       "any of the following: hypomethylating agent (eg, 5 azacitidine or "
                       "decitabine) and/or venetoclax, chemotherapy, or targeted agents."),
                  crit("Not eligible for autologous stem cell transplant (ASCT) and having "
                       "completed ≥1 course of induction therapy.")),
             crit("Adult and Pediatric arms and escalation part only: Confirmed diagnosis of "
                  "CD123+ B-ALL without extramedullary lesions that have no available (or are "
                  "ineligible) therapy with known clinical benefit.")),
        crit("For Participants in the Expansion Part Only (Adults only):",
             crit("For participants in Cohort A: Participants meeting inclusion criteria for "
                  "AML participants that have been primary refractory (PIF) to prior "
                  "induction treatment or who have had ER occurring 6 months or less after an "
                  "initial remission on prior induction treatment."),
             crit("For participants in Cohort B: Participants meeting inclusion criteria for "
                  "AML participants that have had late relapse (LR), occurring more than 6 "
                  "months after an initial remission on prior induction treatment."),
             crit("Body weight at least 10 kg."),
             crit("Pediatric arm and escalation part only: Confirmed diagnosis of BPDCN "
                  "according to World Health Organization (WHO) 2022 classification, who have "
                  "relapsed or refractory disease with no available (or are ineligible) "
                  "therapy with known clinical benefit."),
             crit("Pediatric arm and expansion part only: For participants in Cohort C: "
                  "Participants with AML who have relapsed according to inclusion criteria "
                  "for AML or have recurrent disease resistant or intolerant to available "
                  "therapies.")),
    ]
    exclusion = eligibility["exclusion"]
    assert exclusion[0] == crit(
        "Eastern Cooperative Oncology Group (ECOG) performance status >2 (≥18 years-old). "
        "Karnovsky Scale (16-17 years-old) <50% or Lansky Scale (<16 years-old) <50%.")
    assert (len(exclusion), exclusion[-2]["text"][:19]) == (17, "Pediatric arm only:")
    assert all(node["children"] == [] for node in exclusion)
    assert_no_word_lost("NCT05086315", eligibility)


def test_labels_nobody_names_are_removed_and_a_lead_in_s_list_is_of_one_kind() -> None:
    text = ("Inclusion Criteria:\n\nExamples include:\n\n* One cycle\n* Two cycles\n\n"
            "ii) Older adults\n\n* Adults\n")
    assert criteria_of(text)[0] == [
        crit("Examples include:", crit("One cycle"), crit("Two cycles")),
        crit("Older adults"), crit("Adults")]


def test_named_labels_must_follow_their_criterion_and_match_its_case() -> None:
    # a paragraph between: the labels are no list of the criterion's
    text = ("Inclusion Criteria:\n\n* Meets a), b) or c)\n\nA note\n\na) Adult\n\nb) Child\n")
    assert criteria_of(text)[0] == [crit("Meets a), b) or c)"), crit("A note"),
                                    crit("Adult"), crit("Child")]
    text = "Inclusion Criteria:\n\n* Type I or II diabetes\n\ni) On insulin\n"
    assert criteria_of(text)[0] == [crit("Type I or II diabetes"), crit("On insulin")]


def test_a_labelled_list_ends_at_its_last_label_or_at_another_list_item() -> None:
    text = ("Inclusion Criteria:\n\n* Meets a) or b)\n\na) Adult:\n\n* aged 18\n* or more\n\n"
            "b) Child\n\n* Consent\n")
    assert criteria_of(text)[0] == [
        crit("Meets a) or b)",
             crit("a) Adult:", crit("aged 18"), crit("or more")), crit("b) Child")),
        crit("Consent")]
    text = "Inclusion Criteria:\n\n* Meets a), b) or c)\n\na) Adult\n\n* Consent\n\n* Age\n"
    assert criteria_of(text)[0] == [crit("Meets a), b) or c)", crit("a) Adult")),
                                    crit("Consent"), crit("Age")]


def test_a_list_item_ending_with_a_colon_leads_into_a_list_of_another_marker() -> None:
    text = "Inclusion Criteria:\n\n2. Organ function:\n\n* ANC\n* Platelets\n\n3. Consent\n"
    assert criteria_of(text)[0] == [
        crit("Organ function:", crit("ANC"), crit("Platelets")), crit("Consent")]
    # the same marker: one Markdown list, siblings
    text = "Inclusion Criteria:\n\n* Organ function:\n* ANC\n\n- Consent\n"
    assert criteria_of(text)[0] == [crit("Organ function:"), crit("ANC"), crit("Consent")]


# --- 2. later sub-headings are siblings --------------------------------------------------------


def test_colon_less_sub_headings_saying_when_are_siblings() -> None:
    # NCT01640457: "Intra-surgery (tissue explant/sequestrectomy) Exclusion Criteria",
    # "Exclusion criteria determined after tissue explant/sequestrectomy" and "Exclusion
    # Criteria prior Transplantation/Implantation" were read as criteria under "Radiological
    # Exclusion Criteria"; the one "4." under each of "Patients without/with adjacent
    # degenerative disc …:" was their sibling.
    eligibility = record("NCT01640457")["eligibility"]
    radiological = eligibility["inclusion"][6]
    assert radiological == crit(
        "Radiological Inclusion Criteria",
        crit("Patients must meet all of the following criteria to be considered for enrollment "
             "in the NOVO-CART® Disc study."),
        crit("The patient has a single-level lumbar disc herniation"),
        crit("The patient has more than 50% remaining disc height in the herniated disc in "
             "comparison to unaffected discs in the lumbar spine. If all discs show degenerative "
             "signs, disc height has to be at least 5 mm"),
        crit("The patient has no obvious signs of osteophytes and no end plate sclerosis in the "
             "lumbar segment to be treated with NOVOCART® Disc plus oder NOVOCART® Disc basic"),
        crit("Patients without adjacent degenerative disc (HD):",
             crit("The adjacent proximal disc has no degenerative signs according to Pfirrmann "
                  "Score stage 3 to 5.")),
        crit("Patients with adjacent degenerative disc (AAD):",
             crit("The patients has additional degenerative signs in the proximal adjacent "
                  "lumbar level ac-cording to Pfirrmann 3-4, but no more than 25% disc height "
                  "reduction")),
    )
    assert len(eligibility["inclusion"]) == 7
    exclusion = eligibility["exclusion"]
    assert len(exclusion) == 26
    assert [node["text"] for node in exclusion[22:]] == [
        "Radiological Exclusion Criteria",
        "Intra-surgery (tissue explant/sequestrectomy) Exclusion Criteria",
        "Exclusion criteria determined after tissue explant/sequestrectomy",
        "Exclusion Criteria prior Transplantation/Implantation",
    ]
    # "Radiological Exclusion Criteria": its fourteen items (test_parse_criteria_runs)
    assert [len(node["children"]) for node in exclusion[22:]] == [14, 1, 3, 1]
    assert exclusion[23:] == [
        crit("Intra-surgery (tissue explant/sequestrectomy) Exclusion Criteria",
             crit("Extensive damage of the Anulus, which subsequently poses a significantly "
                  "greater risk of recurrence.")),
        crit("Exclusion criteria determined after tissue explant/sequestrectomy",
             crit("HIV infection"), crit("Treponema pallidum (syphilis) infection"),
             crit("active hepatitis B or C infection")),
        crit("Exclusion Criteria prior Transplantation/Implantation",
             crit("Recurrent disc herniation after surgery and prior "
                  "transplantation/implantation.")),
    ]
    assert_no_word_lost("NCT01640457", eligibility)


def test_a_sentence_saying_when_stays_a_criterion() -> None:
    text = ("Inclusion Criteria:\n\n* Adult\n\nExclusion Criteria:\n\n"
            "Exclusion criteria after surgery are checked again\n\n* Pregnant\n")
    assert criteria_of(text)[1] == [
        crit("Exclusion criteria after surgery are checked again"), crit("Pregnant")]


# --- 3. "Inclusion of Women and Minorities" -----------------------------------------------------


def test_inclusion_of_women_and_minorities_is_no_exclusion_criterion() -> None:
    # NCT01661400 (classic XML): the section after the last exclusion criterion
    eligibility = record("NCT01661400")["eligibility"]
    assert eligibility["inclusion"][-1] == crit(
        "Inclusion of Women and Minorities",
        crit("Both men and women and members of all races and ethnic groups are eligible for "
             "this trial."))
    assert eligibility["exclusion"] == [
        crit("Patient must not have any active, uncontrolled cardiac, hepatic, renal, or "
             "psychiatric disease defined as ≥ grade 3 based on NCI Common Terminology Criteria "
             "for Adverse Events v4.0 (CTCAE)."),
        crit("Patient must not be receiving any other investigational agents."),
        crit("Patient must not have any active infection or concurrent illness obscuring "
             "toxicity or dangerously altering drug metabolism."),
        crit("Patient must not have any thromboembolic event (deep vein thrombosis or "
             "pulmonary embolism) less than 3 weeks prior to enrollment."),
        crit("Patient must not have a history of allergic reactions attributed to compounds "
             "of similar chemical or biologic composition to any of the agents used in the "
             "study."),
        crit("Patient must not be pregnant or breastfeeding."),
    ]
    # the API's Markdown writes the same section (NCT03661047)
    text = ("Exclusion Criteria:\n\n* Pregnant\n\nInclusion of Women and Minorities\n\n"
            "Women and minorities will be eligible for this study.\n")
    assert criteria_of(text)[:2] == (
        [crit("Inclusion of Women and Minorities",
              crit("Women and minorities will be eligible for this study."))],
        [crit("Pregnant")])


def test_inclusion_of_in_a_sentence_stays_a_criterion() -> None:
    for line in ("Inclusion of patients with HIV", "Inclusion of Minors Is Not Allowed"):
        text = f"Exclusion Criteria:\n\n* Pregnant\n\n{line}\n\n* Prisoners\n"
        assert criteria_of(text)[:2] == (
            [], [crit("Pregnant"), crit(line), crit("Prisoners")]), line


# --- 4. a continuation and a heading's first words stay with what they continue ---------------


def test_a_lower_case_paragraph_continues_the_criterion_leading_into_it() -> None:
    # NCT01811251: "* Patients with cognitive impairment … that may interfere with:", a blank
    # line, "informed consent, the collection of endpoints, …" was a criterion of its own.
    eligibility = record("NCT01811251")["eligibility"]
    assert eligibility["exclusion"] == [
        crit("Patients who must be operated urgently."),
        crit("Patients previously operated for lumbar spinal surgery."),
        crit("Expected duration of surgery more than 3 hours."),
        crit("Severe renal impairment defined by a creatinine clearance less than or equal to "
             "30 mL/min."),
        crit("Taking long-term strong opiates ."),
        crit("Taking long-term corticosteroids or within 48 hours before surgery."),
        crit("Taking pregabalin or gabapentin within 48 hours before surgery."),
        crit("Drug addiction."),
        crit("Patients with cognitive impairment (judged by the investigator) that may "
             "interfere with: informed consent, the collection of endpoints, the use of "
             "auto-controlled analgesia."),
        crit("Pregnant or nursing women."),
        crit("Refusal of the protocol."),
        crit("Minor or major protected patients."),
        crit("Allergy or other cons-indication to the molecules used in the protocol."),
    ]
    assert_no_word_lost("NCT01811251", eligibility)
    # a capitalised paragraph after it is a criterion of its own, as before
    text = "Exclusion Criteria:\n\n* Conditions such as:\n\nPregnancy.\n"
    assert criteria_of(text)[1] == [crit("Conditions such as:"), crit("Pregnancy.")]


def test_a_heading_s_first_words_lead_into_the_list_after_it() -> None:
    # NCT05313997: "Exclusion Criteria:Patients with" and the list that ends the sentence
    eligibility = record("NCT05313997")["eligibility"]
    assert eligibility["exclusion"] == [
        crit("Patients with", crit("vertebral fracture,"), crit("developmental spinal deformity,"),
             crit("spinal infection or tumor,"),
             crit("chronic widespread pain syndrome such as fibromyalgia,"),
             crit("diabetes mellitus,"), crit("polyneuropathy"), crit("rheumatological disease"),
             crit("under 18 years old"), crit("over 65 years old"),
             crit("who have had previous back and neck surgery")),
    ]
    assert eligibility["inclusion"] == [
        crit("18-65 years old"),
        crit("admitted to the Private Medar Hospital Gölcük hospital between February 2016 and "
             "February 2021 with chronic upper back pain."),
        crit("Diagnosed with TDH as a result of thoracic vertebral MRI"),
    ]
    assert_no_word_lost("NCT05313997", eligibility)


# --- 5. numbering over stray indentation (classic XML) ---------------------------------------


def test_an_item_numbered_after_the_one_above_is_its_sibling_whatever_its_indentation() -> None:
    # NCT00504075 (2007 version): "8)" at the text block's margin, "1)" to "7)", "9)" and
    # "10)" two columns in: "9)" and "10)" were children of "8)".
    path = (REALDATA / "ctgov-xml-older"
            / "fabianvf__ClinicalTrialsParser__NCT00504075_20070718.xml")
    inclusion = load_file(path).record["eligibility"]["inclusion"]
    assert inclusion == [
        crit("Males and females aged between 6 and 70 years."),
        crit("Confirmed diagnosis of chronic ITP of at least 6 months duration."),
        crit("Platelet count of less than or equal to 20 x 10 9/L at enrollment."),
        crit("Absence of other conditions that, in the opinion of the investigator, could cause "
             "thrombocytopenia."),
        crit("If subjects are currently being treated with corticosteroids the treatment "
             "regimen/dose must have been stable (for a minimum of 2 weeks before screening).  "
             "However, subjects must remain on a stable treatment regimen.  If there is any "
             "intent to alter the corticosteroid treatment regimen (e.g., tapering of "
             "corticosteroids) before Day 10, subjects may not be included in the study."),
        crit("If subjects are currently being treated with cyclophosphamide, azathioprine or "
             "attenuated androgens, the treatment regimen and dose must have been stable for a "
             "minimum of 2 months before screening.  However, if there is any intent to alter "
             "the treatment regimen before Day 10, subjects may not be included in the study."),
        crit("Splenectomized subjects and both Rh(D)+ and Rh(D)- subjects may be included."),
        crit("The subject has signed an informed consent form (if at least 18 years old) or the "
             "subject’s parent or legal guardian has signed the informed consent form. If "
             "appropriate, the subject has signed a child assent form."),
        crit("If a subject is a female of child-bearing potential, she must have a negative "
             "result on a urine-based HCG pregnancy test."),
        crit("If a subject is a female who is or becomes sexually active, she must practice "
             "contraception by using a method of proven reliability for the duration of the "
             "study."),
    ]


def test_a_sub_list_numbered_from_one_keeps_its_indentation() -> None:
    block = ("Inclusion Criteria:\n\n  1) Adult\n      1) aged 18\n      2) or more\n"
             "  2) Consent\n    3) signed\n")
    assert xml_criteria(block)[0] == [
        crit("Adult", crit("aged 18"), crit("or more")), crit("Consent"), crit("signed")]
