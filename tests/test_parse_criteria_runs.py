"""A numbered list written on one line ("• 1. … 2. … 14. …", "4) … 5) … 19) …") is split into
its items (parsers/criteria_runs.py), in real records and in small texts; what only looks like
such a list ("Grade 1. 2.", "1.5 mg", "criterion 2) of section 3)") is left as written.

The real records are in tests/fixtures/realdata/ (their README rows say where each came from);
every expected tree was read by hand from the file's eligibility text, and every word of that
text must be in the tree.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from test_parse_criteria_headings import xml_criteria
from test_parse_ctgov_json import crit, criteria_of

from parsers import load_file

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"


def real(pattern: str) -> tuple[dict[str, Any], str]:
    """The eligibility of the one real file matching pattern and its criteria text."""
    [path] = REALDATA.glob(pattern)
    if path.suffix == ".xml":
        text = ET.parse(path).getroot().findtext("eligibility/criteria/textblock") or ""
    else:
        text = json.loads(path.read_text())["protocolSection"]["eligibilityModule"][
            "eligibilityCriteria"].replace("\\", "")
    return load_file(path).record["eligibility"], text


#: What numbers a list, no criterion's words: a bullet or number opening a line, a number at
#: a word's start before a space ("… spine 3. The patient"), one that lost its mark after a
#: sentence ("… therapy.  14 The subject").
_MARKERS = re.compile(
    r"(?m)^[ \t]*(?:[-*+•][ \t]+)?(?:\(?\d{1,3}[.)][ \t]+)?|(?<!\S)\(?\d{1,3}[.)](?=\s)"
    r"|(?<=[.;:] )[ \t]*\d{1,3}(?=[ \t]+[A-Z])")


def words(nodes: list[dict[str, Any]]) -> set[str]:
    return {word for node in nodes
            for word in re.findall(r"\w+", node["text"]) + list(words(node["children"]))}


def assert_no_word_lost(eligibility: dict[str, Any], text: str) -> None:
    kept = words(eligibility["inclusion"]) | words(eligibility["exclusion"])
    # the headings' words are the sections themselves
    assert set(re.findall(r"\w+", _MARKERS.sub("", text))) - kept <= {
        "Inclusion", "Exclusion", "Criteria"}


# --- a run on the item's own number ---------------------------------------------------------


def test_a_bulleted_line_of_fourteen_numbered_criteria_is_fourteen_criteria() -> None:
    # NCT01640457: under "Radiological Exclusion Criteria", "• 1. The patient has apparent
    # degenerative changes … Modic Changes 2-3 2. The patient has … 8. … lumbar spine ." and,
    # after a blank line, "9. The patient has previous compression … 14. The patient has a
    # lumbar kyphosis": two criteria held fourteen.
    eligibility, text = real("criteria/*__NCT01640457.json")
    assert eligibility["exclusion"][22] == crit(
        "Radiological Exclusion Criteria",
        crit("The patient has apparent degenerative changes in the lumbar spine as determined "
             "by Modic Changes 2-3"),
        crit("The patient has one or more dysplastic vertebral bodies within the lumbar spine"),
        crit("The patient has a sacralised lumbar vertebra LWK5 at the level to be treated with "
             "NOVOCART® Disc plus oder NOVOCART® Disc basic"),
        crit("The patient has previous or acute spondylodiscitis"),
        crit("Segmental instability (spondylolisthesis > 5 mm) or translation > 3 mm"),
        crit("The patient has a isthmic spondylolisthesis, ankylosing spondylitis or "
             "spondylolysis"),
        crit("The patient has lumbar scoliosis (> 11° deformation)."),
        crit("The patient has previous trauma, discography or any other surgical intervention "
             "at the lumbar spine ."),
        crit("The patient has previous compression or burst fracture at the level(s) to be "
             "treated with NOVOCART® Disc plus or NOVOCART® Disc basic"),
        crit("The patient has a central spinal canal stenosis with evidence of a narrowing of "
             "< 8 mm (by MRI, sagittal )"),
        crit("The patient has a spinal tumor"),
        crit("The patient has metabolic bone disease"),
        crit("The patient has facet ankylosis or severe facet degeneration."),
        crit("The patient has a lumbar kyphosis"),
    )
    assert len(eligibility["exclusion"]) == 26
    assert_no_word_lost(eligibility, text)


def test_an_exclusion_of_sixteen_numbered_criteria_on_one_line() -> None:
    # NCT00504075 (2012 version, classic XML): "4) The subject has received an IGIV … Day 1.
    # 5) The subject … 13) … IGIV therapy.  14 The subject has any history … 15) … 19) …" on
    # one line; "14" lost its ")".
    eligibility, text = real("ctgov-xml-older/*__NCT00504075_20121004.xml")
    assert eligibility["exclusion"] == [
        crit("The subject has a history of any severe or anaphylactic reaction to blood or any "
             "blood-derived product, or any severe reaction to IGIV or any other IgG "
             "preparation."),
        crit("The subject is known to be intolerant to any component of the investigational "
             "product."),
        crit("The subject has received any live virus vaccine within the last 3 months prior "
             "to Day1."),
        crit("The subject has received an IGIV preparation within 1 month prior to  Day 1."),
        crit("The subject is currently receiving, or has received, any investigational agent "
             "within the 1 month prior to  Day 1."),
        crit("The subject has received any blood, blood product, or blood derivative within "
             "the 1 month prior to Day 1."),
        crit("The subject has received Rituximab within the 3 months before Day 1."),
        crit("The subject is pregnant or is nursing."),
        crit("The subject is positive for any of the following at screening: HBsAg, NAT for "
             "HCV, NAT for HIV, Antibodies to HCV or HIV 1 or 2."),
        crit("The subject, at screening, has levels greater than 2.5 times the upper limit of "
             "normal, as defined by the central laboratory, of alanine aminotransferase or "
             "aspartate aminotransferase."),
        crit("The subject has a severe renal impairment (defined as serum creatinine greater "
             "than 2 times the upper limit of normal or BUN greater than 2.5 times the upper "
             "limit of normal for the range of the laboratory doing the analysis); the subject "
             "is on dialysis; the subject has a history of acute renal failure."),
        crit("The subject is known to have abused alcohol, opiates, psychotropic agents, or "
             "other chemicals or drugs within the past 12 months."),
        crit("The subject has a history of deep vein thrombosis (DVT) or thrombotic "
             "complications of IGIV therapy."),
        crit("The subject has any history or sign of hyperviscosity, transient ischemic attack "
             "(TIA), stroke, other thromboembolic event, or unstable angina."),
        crit("The subject suffers from any acute or chronic medical conditions (e.g., renal "
             "disease or predisposing conditions for renal disease, coronary artery disease, "
             "or protein losing enteropathy) that, in the opinion of the investigator, may "
             "interfere with the conduct of the study."),
        crit("The subject has an acquired medical condition, such as chronic lymphocytic "
             "leukemia, lymphoma, multiple myeloma, chronic or recurrent neutropenia (defined "
             "as an absolute neutrophil count (ANC) < 1 x 109/L)."),
        crit("The subject has non-controlled arterial hypertension (systolic blood pressure "
             ">160 mmHg and/or diastolic blood pressure >90 mmHg)."),
        crit("The subject is anemic (hemoglobin <10 g/dL) at screening."),
        crit("The subject is unlikely to adhere to the protocol requirements of the study or is "
             "likely to be uncooperative."),
    ]
    assert len(eligibility["inclusion"]) == 10
    assert_no_word_lost(eligibility, text)


def test_items_that_start_in_lower_case_without_a_sentence_s_end() -> None:
    # NCT01754259: after "7. gait instability, …", a paragraph "9\\. significant liver
    # dysfunction …, including cirrhosis 10. prolonged QT … 17. inability to fit safely in
    # PET/CT scanner".
    eligibility, text = real("*__NCT01754259.json")
    assert eligibility["exclusion"] == [
        crit("patients not fulfilling inclusion criteria"),
        crit("patients with evidence of unprotected left main coronary artery stenosis >50%"),
        crit("patients with evidence of new obstructive CAD not on optimal medical therapy"),
        crit("evidence of angiographic disease and/or inducible myocardial ischemia on stress "
             "testing planning to undergo revascularization within the following 3 months"),
        crit("history of cardiomyopathy (LVEF <40%) or significant valvular heart disease"),
        crit("uncontrolled hypertension (SBP >180 mm Hg at screening)"),
        crit("gait instability, lower extremity amputations preventing exercise"),
        crit("significant liver dysfunction (LFTs >3x upper limits of normal), including "
             "cirrhosis"),
        crit("prolonged QT (QTc >450 and >470 ms for men and women, respectively) or "
             "concomitant use of drugs that prolong QT interval (including methadone and "
             "antiarrhythmics such as sotalol, amiodarone, and quinidine)"),
        crit("use of drugs that inhibit CYP3A such as ketoconazole, itraconazole, fluconazole, "
             "clarithromycin, erythromycin, diltiazem, verapamil, nefazodone, nelfinavir, "
             "ritonavir, lopinavir, ritonavir, indinavir, and saquinavir"),
        crit("use of drugs that induce CYP3A such rifampin, rifabutin, rifapentine, "
             "phenobarbital, phenytoin, carbamazepine, and St. John's wort"),
        crit("atrial fibrillation / inability to hold breath for ≥ 10 seconds (in patients in "
             "whom CTA will be performed)"),
        crit("eGFR < 50 ml/min or end stage renal disease on dialysis"),
        crit("allergy to intravenous contrast"),
        crit("pregnant or lactating women, or women of childbearing potential not using an "
             "acceptable form of birth control (negative pregnancy test also required)"),
        crit("inability to fit safely in PET/CT scanner"),
    ]
    assert_no_word_lost(eligibility, text)


def test_the_number_of_the_item_before_counts() -> None:
    # NCT02120703: "6. Spinal deformity,", "7. Obesity (BMI \\>30), 8) inability to understand
    # and respond VAS and", then "9) patients with known allergy …": 6, 7 and 8 run on.
    eligibility, text = real("criteria/*__NCT02120703.json")
    assert eligibility["inclusion"] == [
        crit("30-60 years age"), crit("Any gender"),
        crit("elective micro discectomy for intervertebral disc prolapse"),
    ]
    assert eligibility["exclusion"] == [
        crit("micro discectomy at two or more vertebral levels,"),
        crit("Instrumentation i.e. pedicle screw fixation, hooks etc.,"),
        crit("history of steroids or alcohol use,"),
        crit("Multiple co-morbids i.e. renal failure, chronic liver disease,"),
        crit("use of anticonvulsant drugs,"),
        crit("Spinal deformity,"),
        crit("Obesity (BMI >30),"),
        crit("inability to understand and respond VAS and"),
        crit("patients with known allergy to GABA analogues."),
    ]
    assert_no_word_lost(eligibility, text)


# --- a run from 1 after a sentence; a run that goes on the list above ---------------------


def test_a_run_from_one_after_a_sentence_is_the_list_of_the_text_before_it() -> None:
    # NCT01636609 (classic XML): "2. For the phase I portion … at least the following: 1.
    # Patients with MDS … 4. Patients with any …" and "7. Patients must have the following
    # clinical laboratory values …: 1. Serum creatinine … 3. Alanine …"; "3. For the phase II
    # Portion …. 1. Patients with history …" has one number only and stays one criterion.
    eligibility, text = real("criteria/*__NCT01636609.xml")
    assert eligibility["inclusion"] == [
        crit("Signed, informed consent must be obtained prior to any study specific "
             "procedures."),
        crit("For the phase I portion of the study patients should have failed any number of "
             "prior therapies, which should include at least the following:",
             crit("Patients with MDS should have failed prior therapy with a hypomethylating "
                  "agent and/or with lenalidomide."),
             crit("Patients with AML should have failed any prior induction therapy or have "
                  "relapsed after prior therapy."),
             crit("Patients with MDS who received therapy with a hypomethylating agent and "
                  "progress to AML are eligible at the time of diagnosis of AML regardless of "
                  "any prior therapy for AML."),
             crit("Patients with any of the eligible diagnoses who have received no prior "
                  "therapy are eligible if not candidates to receive standard therapy or if "
                  "they refuse standard chemotherapy.")),
        crit("For the phase II Portion of the study, only patients who are previously "
             "untreated for AML. 1. Patients with history of MDS who received therapy for MDS "
             "and progressed to AML are eligible at the time of diagnosis of AML. Only "
             "induction chemotherapy administered for AML will be considered for "
             "considerations of eligibility regarding prior therapy. Patients who received "
             "therapy for MDS before transforming to AML (e.g., with hypomethylating agents or "
             "lenalidomide) are eligible."),
        crit("ECOG performance status of 0-2."),
        crit("Women of child-bearing potential (i.e., women who are pre-menopausal or not "
             "surgically sterile) must use acceptable contraceptive methods (abstinence, "
             "intrauterine device [IUD], oral contraceptive or double barrier device) while on "
             "study and must continue to do so for 3 months after stopping study drug, and "
             "must have a negative urine or serum pregnancy test within 2 weeks prior to "
             "beginning treatment on this trial. Sexually active men must also use acceptable "
             "contraceptive methods for the duration of time on study. Pregnant and nursing "
             "patients are excluded because the effects of tosedostat on a fetus or nursing "
             "child are unknown."),
        crit("Patients must have been off chemotherapy for 2 weeks prior to entering this "
             "study, unless there is evidence of rapidly progressive disease, and must have "
             "recovered from the toxic effects of that therapy to at least grade 1. Use of "
             "hydroxyurea for patients with rapidly proliferative disease is allowed before "
             "the start of study therapy and for the first four weeks on therapy."),
        crit("Patients must have the following clinical laboratory values unless considered "
             "due to leukemic organ involvement:",
             crit("Serum creatinine </= 2.0 mg/dl."),
             crit("Total bilirubin </= 1.5x the upper limit of normal unless considered due to "
                  "Gilbert's syndrome."),
             crit("Alanine aminotransferase (ALT), or aspartate aminotransferase (AST) </= 3x "
                  "the upper limit of normal.")),
        crit("Age >/= 60 years"),
        crit("Left ventricular ejection fraction (LVEF) >/= 50% within 28 days prior to first "
             "dose of study drug administration"),
        crit("Patient is able to comply with all study procedures including study drug "
             "administration, visits and tests"),
    ]
    assert [node["text"] for node in eligibility["exclusion"]] == [
        "Uncontrolled intercurrent illness including, but not limited to uncontrolled "
        "infection, symptomatic congestive heart failure (New York Heart Association Class III "
        "or IV), or psychiatric illness/social situations that would limit compliance with "
        "study requirements.",
        "Active heart disease including myocardial infarction within previous 3 months, "
        "symptomatic coronary artery disease, clinically significant arrhythmias not "
        "controlled by medication, or uncontrolled congestive heart failure (New York Heart "
        "Association Class III or IV).",
        "Patients with APL (FAB type M3) or CML in blast crisis.",
        "Significant gastrointestinal disorders that may interfere with absorption of "
        "tosedostat.",
        "Patients who can receive an allogeneic stem cell transplant within 4 weeks.",
    ]
    assert_no_word_lost(eligibility, text)


def test_a_run_in_a_sub_item_goes_on_the_list_of_the_item_above() -> None:
    # NCT00495495 (classic XML): "1. provide …; 2. be between …; 3. if female …, agree to:",
    # its sub-items "-  a urine pregnancy test …;" and "-  use one form … may be included.) 4.
    # be in good general health …; 5. …; 6. …; and 7. have two posterior …". The items under
    # the paragraph "… subjects had to:" at its own indentation stay its siblings, as before.
    eligibility, text = real("ctgov-xml-older/*__NCT00495495.xml")
    assert eligibility["inclusion"] == [
        crit("To be eligible for study participation, subjects had to:"),
        crit("provide written informed consent, HIPAA authorization and medical history "
             "information prior to their participation;"),
        crit("be between the ages of 10 and 40 years of age;"),
        crit("if female and of childbearing potential, agree to:",
             crit("a urine pregnancy test, which must be negative;"),
             crit("use one form of medically accepted contraceptive measures which include "
                  "oral contraceptives, condom, or diaphragm with spermicide, Intra Uterine "
                  "Device (IUD), Depo-Provera, Norplant during the study and for at least 30 "
                  "days after the last treatment. (Females who are post menopausal, i.e. "
                  "amenorrhea for the previous 12 months, or surgically sterile may be "
                  "included.)")),
        crit("be in good general health as evidenced by a review of the medical history;"),
        crit("have good oral health;"),
        crit("agree to comply with all subjects' responsibilities as stated in the protocol "
             "(e.g. attendance at appointments, turning off of cell phone during appointment, "
             "etc.); and"),
        crit("have two posterior (molar or premolar) teeth with active fissure caries as "
             "defined by ICDAS severity score between 1 and 4, a caries lesion activity score "
             "of 2, and with radiographic evidence indicating that there is no extension past "
             "the dentinal enamel junction. Lesions within the same subject ideally should "
             "have the same ICDAS criterion; however, the following deviations will be "
             "acceptable - teeth with ICDAS criterion 1 paired with a 2, and a 3 paired with "
             "a 4."),
    ]
    # the exclusion list's opening sentence is a note, its items the section's criteria
    assert eligibility["exclusion"] == [
        {"text": "Any of the following excluded subjects from participating:", "children": [],
         "note": True},
        crit("a medical condition that requires antibiotic therapy prior to dental work;"),
        crit("any medical condition that could be expected to interfere with the subject's "
             "safety, such as a pacemaker or similar powered implant;"),
        crit("selected study teeth with occlusal restorations, sealants, carious lesions "
             "extending into dentin, hypomineralization or fluorosis;"),
        crit("generalized severe gingivitis or gross unrestored caries;"),
        crit("orthodontic appliances that interfere with access to selected study teeth;"),
        crit("pregnant or nursing."),
    ]
    assert_no_word_lost(eligibility, text)


# --- what is no run -------------------------------------------------------------------------


def test_numbers_inside_a_sentence_stay_in_it() -> None:
    # NCT00151216 (classic XML): "Individuals who have a (1) heart pacemaker …, (2) metal …, (3)
    # an aneurysm clip …, and (4) metallic inner ear implants." starts inside a sentence.
    eligibility, _ = real("ctgov-xml/*__NCT00151216.xml")
    assert crit("Individuals who have a (1) heart pacemaker and/or related implants, (2) metal "
                "fragment/chip in the eye or other sites, (3) an aneurysm clip in their brain, "
                "and (4) metallic inner ear implants.") in eligibility["exclusion"]


def test_two_numbers_are_no_run() -> None:
    # NCT05086315: "… one of the following less intensive regimens, 1 or 2: 1. 4 cycles of
    # hypomethylating agents (HMA) or 2. 2 cycles HMA + venetoclax".
    eligibility, _ = real("criteria/*__NCT05086315.json")
    texts = json.dumps(eligibility)
    assert ("regimens, 1 or 2: 1. 4 cycles of hypomethylating agents (HMA) or 2. 2 cycles HMA "
            "+ venetoclax") in texts


@pytest.mark.parametrize("item, kept", [
    ("1. Meets criterion 2) of section 3) of the protocol", False),  # "of" goes on the sentence
    ("1. Dose of 1.5 mg 2.5 mg 3.5 mg", False),  # no space after the number's mark
    ("1. Toxicity of Grade 1. 2. 3. 4.", False),  # no words between the numbers
    ("1. Born on 2. 3. 2010", False),  # a date
    ("1. Patients with type 2. or 3. diabetes", False),  # "or" goes on the sentence
    # two numbers: the item's own number is kept, as the "2." after it is
    ("1. Aged 18-70 years 2. Acute leukemia", True),
    ("1. Adult. 2. Consent 3 weeks 4. Not pregnant", True),  # "3" opens no sentence after one
    ("* Who have a (1) pacemaker, (2) clip, (3) implant", False),  # a run inside a sentence
])
def test_what_only_looks_like_a_run_stays_one_criterion(item: str, kept: bool) -> None:
    text = f"Inclusion Criteria:\n\n{item}\n"
    expected = [crit(item if kept else re.sub(r"^(?:\* |1\. )", "", item))]
    assert criteria_of(text)[0] == expected
    assert xml_criteria(text)[0] == expected


# --- small texts, both formats --------------------------------------------------------------


@pytest.mark.parametrize("item, expected", [
    ("2. Age 18 3. Male 4. Consent", [crit("Age 18"), crit("Male"), crit("Consent")]),
    ("(1) Age 18 (2) Male (3) Consent", [crit("Age 18"), crit("Male"), crit("Consent")]),
    ("* Lab values: 1. Hb > 9 2. Platelets > 100 3. ANC > 1.5",
     [crit("Lab values:", crit("Hb > 9"), crit("Platelets > 100"), crit("ANC > 1.5"))]),
    # "3" lost its mark: after a sentence's end, opening one, before "4)"
    ("1) Adult. 2) Consent. 3 Male 4) Not pregnant",
     [crit("Adult."), crit("Consent."), crit("Male"), crit("Not pregnant")]),
])
def test_a_run_in_both_formats(item: str, expected: list[dict[str, Any]]) -> None:
    text = f"Inclusion Criteria:\n\n{item}\n"
    assert criteria_of(text)[0] == expected
    assert xml_criteria(text)[0] == expected


def test_a_number_closing_a_parenthesis_numbers_no_item() -> None:
    # NCT01534065: "4. Prior fusion …", "5. Subject's requiring a spine DEXA (i.e., patients
    # with SCORE of ≥ 6) with a T Score less than -2.0 at the index level."
    text = ("Exclusion Criteria:\n\n4. Prior fusion\n5. Subject's requiring a spine DEXA (i.e., "
            "patients with SCORE of ≥ 6) with a T Score less than -2.0 at the index level.\n")
    expected = [crit("Prior fusion"),
                crit("Subject's requiring a spine DEXA (i.e., patients with SCORE of ≥ 6) with "
                     "a T Score less than -2.0 at the index level.")]
    assert criteria_of(text)[1] == expected
    assert xml_criteria(text)[1] == expected


def test_the_item_s_own_number_may_be_written_another_way() -> None:
    # NCT00504075's later versions: the registry wrote the 2012 version's "12) Known to have
    # abused …  13)History of …" as "12. Known … 13)History …".
    text = ("Exclusion Criteria:\n\n  11. Severe renal impairment.\n\n"
            "  12. Known to have abused alcohol. 13)History of deep vein thrombosis.\n")
    expected = [crit("Severe renal impairment."), crit("Known to have abused alcohol."),
                crit("History of deep vein thrombosis.")]
    assert xml_criteria(text)[1] == expected
    assert criteria_of(text.replace("  1", "1"))[1] == expected


def test_a_run_on_a_heading_s_line() -> None:
    text = "Inclusion Criteria: 1. Adult 2. Consent 3. Male\n\nExclusion Criteria:\n\n* Pregnant\n"
    expected = [crit("Adult"), crit("Consent"), crit("Male")]
    assert criteria_of(text)[0] == expected
    assert xml_criteria(text)[0] == expected
