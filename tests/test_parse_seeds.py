"""The five bundled seed pages, parsed into the Trial record of DESIGN.md.

Every expected value below was written by reading the seed files in seeds/ by hand;
none of it was copied from the parser's output.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pytest

from parsers import ParseError, load_file, parse_bytes, parse_file, parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@functools.cache
def seed_record(prefix: str) -> dict:
    return parse_file(seed_path(prefix))


def local_id(*parts: str) -> str:
    """The LOCAL id of DESIGN.md, computed here from the strings read on the page."""
    basis = " ".join(" ".join(parts).split()).casefold()
    return "LOCAL-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:10]


def crit(text: str, *children: dict) -> dict:
    return {"text": text, "children": list(children)}


def flat(*texts: str) -> list[dict]:
    return [crit(text) for text in texts]


def age(value: int, unit: str = "YEARS") -> dict:
    return {"value": value, "unit": unit}


NO_DATES = {"start": None, "primary_completion": None, "completion": None,
            "first_submitted": None, "first_posted": None, "results_first_posted": None,
            "last_update": None, "status_verified": None}
NO_DESIGN = {
    "primary_purpose": None,
    "allocation": None,
    "intervention_model": None,
    "masking": None,
    "masked": [],
    "model_description": None,
    "masking_description": None,
}
# Record version 2: page text states none of the registry's sections (docs/record.md).
NO_V2 = {
    "record_version": 2,
    "locations": [],
    "central_contacts": [],
    "overall_officials": [],
    "collaborators": [],
    "outcomes": {"primary": [], "secondary": [], "other": []},
    "mesh": {
        "conditions": [],
        "condition_ancestors": [],
        "interventions": [],
        "intervention_ancestors": [],
    },
    "references": [],
    "see_also": [],
    "ipd_sharing": None,
    "available_ipd": [],
    "results": None,
    "why_stopped": None,
    "observational": None,
    "age_groups": [],
    "last_known_status": None,
    "responsible_party": None,
    "oversight": None,
    "documents": [],
    "biospec": None,
    "expanded_access_types": [],
    "expanded_access": None,
    "patient_registry": None,
    "target_duration": None,
    "organization": None,
    "removed_countries": [],
    "secondary_id_details": [],
    "annotations": None,
}

# --- seed 000: ClinicalTrials.gov page text, no NCT id ----------------------------------------

S000_TITLE = (
    "Safety and Efficacy of Umbilical Cord Mesenchymal Stem Cell Therapy for Patients With "
    "Progressive Multiple Sclerosis and Neuromyelitis Optica"
)
S000_OFFICIAL = (
    "Phase I/II Study of Umbilical Cord Mesenchymal Stem Cell Therapy for Patients With "
    "Progressive Multiple Sclerosis and Neuromyelitis Optica"
)
S000_SUMMARY = (
    "Multiple sclerosis (MS) has been classically regarded as a chronic inflammatory autoimmune "
    "demyelinating disease of the central nervous system, along with a considerable pathological "
    "heterogeneity. Neuromyelitis optica (NMO) is a severe inflammatory, demyelinating disease, "
    "and its clinical characteristics include recurrent optic neuritis and longitudinally "
    "extensive transverse myelitis."
    "\n\n"
    "Current therapies provide only modest control of progressive Multiple Sclerosis and "
    "Neuromyelitis Optica.Stem cell therapy might open a light horizon in approaching to an "
    "efficient treatment in progressive MS and NMO. In this study, the safety and efficacy of "
    "Human Umbilical Cord Mesenchymal Stem Cells transplantation will be evaluated in patients "
    "with progressive MS and NMO."
)
S000 = {
    "id": local_id(S000_TITLE, S000_OFFICIAL, S000_SUMMARY),
    "nct_id": None,
    "other_ids": [],
    "title": S000_TITLE,
    "official_title": S000_OFFICIAL,
    "acronym": None,
    "sponsor": None,
    "status": "UNKNOWN",
    "phases": ["PHASE1", "PHASE2"],
    "study_type": "INTERVENTIONAL",
    "conditions": [],
    "keywords": [],
    "interventions": [
        {
            "type": "BIOLOGICAL",
            "name": "human umbilical cord mesenchymal stem cells",
            "description": "Participants will be given hUC-MSCs transplantation.",
            "other_names": [],
        }
    ],
    "funder_types": [],
    "summary": S000_SUMMARY,
    "description": None,
    # "Study Participants 20": the page states no Actual/Estimated, so the type is not invented.
    "enrollment": {"count": 20, "type": None},
    "eligibility": {
        "sex": None,
        "gender_based": None,
        "gender_description": None,
        "min_age": None,
        "max_age": None,
        "healthy_volunteers": None,
        "inclusion": flat(
            "McDonald Diagnosis of Multiple Sclerosis or 2006 Diagnosis of neuromyelitis optica.",
            "Aged 16-65 years.",
            "Disease duration≥2years",
            "Poor response to steroid therapy.",
            "Written informed consent and follow the clinic trail procedure",
        ),
        "exclusion": flat(
            "Cardiac insufficiency; Renal insufficiency; hepatic insufficiency; Total bilirubin "
            "higher than 1.5 times of upper limit of normal value; AST /ALT higher than 2.5 times "
            "of upper limit of normal value.",
            "Combined Pneumonia or other Severe systemic bacteria infection.",
            "Severe drug allergic history or anaphylaxis to 2 or more food or medicine.",
            "Intracranial hypertension dues to Other brain lesions (eg. Brain cancer)/",
            "HIV+, TPPA +, patients diagnosed as HBV or HCV.",
            "Tumor Markers +",
            "Severe psychotic patients, cognitive dysfunction,Or can not understand or sign the "
            "Consent Form.",
            "Coagulation disorders.",
            "Uncontrolled hypertension after treatment,blood pressure≥180mmHg/110 mmHg.",
            "Pregnancy.",
            "Enrollment in other trials in the last 3 months.",
            "Other criteria the investigator consider improper for inclusion.",
        ),
    },
    "design": NO_DESIGN,
    "arms": [
        {
            "label": "Human umbilical cord mesenchymal stem cells transplantation",
            "type": "EXPERIMENTAL",
            "description": "Intervention group",
            "interventions": [],
        }
    ],
    "group_count": None,
    "dates": {
        "start": {"date": "2010-01-31", "type": "ACTUAL"},
        "primary_completion": {"date": "2013-03-31", "type": "ESTIMATED"},
        "completion": {"date": "2014-12-31", "type": "ESTIMATED"},
        "first_submitted": None,
        "first_posted": None,
        "results_first_posted": None,
        "last_update": {"date": "2012-11-28", "type": "ESTIMATED"},
        "status_verified": None,
    },
    "locations_count": None,
    "has_results": False,
    "warnings": [],
    **NO_V2,
}

# --- seed 001: full Veeva page, nested inclusion criteria ---------------------------------------

S001_SUMMARY = (
    "Neuromyelitis optica (NMO) is a demyelinating and degenerative disorder of the central "
    "nervous system affecting vision and brain and spinal cord function which leads to "
    "accumulating disability with a 5 year-mortality of approximately 30%. Survivors are "
    "typically left with severe morbidity secondary to blindness, quadriparesis and respiratory "
    "failure. No agent has been found to be highly effective in halting disease activity.Based "
    "on recent outcomes of Multipotent mesenchymal stromal cells in autoimmune diseases including "
    "multiple sclerosis, and based on the mechanisms of neuromyelitis optica, the investigators "
    "anticipate that mesenchymal stem cells transplantation may provide lasting disease stability "
    "for neuromyelitis optica patients."
)
S001_DESCRIPTION = (
    "Primary objective was to assess feasibility and safety; the investigators compared adverse "
    "events from up to 3months before treatment until up to 12 months after the infusion."
    "\n\n"
    "As a secondary objective, the investigators chose efficacy outcomes to assess the Expanded "
    "Disability Status (EDSS)、annual relapse rate (ARR) and time to next relapse after transplant."
    "\n\n"
    "Third objective anterior visual pathway and pyramidal tract as a model of wider disease. "
    "Masked endpoint analyses was used for electrophysiological and selected imaging outcomes."
)
S001_MSC = "Biological: Autologous mesenchymal stem cells"
S001 = {
    "id": "NCT02249676",
    "nct_id": "NCT02249676",
    "other_ids": ["IRB2013-055-02"],
    "title": "Autologous Mesenchymal Stem Cells for the Treatment of Neuromyelitis Optica "
    "Spectrum Disorders",
    "official_title": None,
    "acronym": None,
    "sponsor": "Tianjin Medical University",
    "status": "COMPLETED",
    "phases": ["PHASE2"],
    "study_type": "INTERVENTIONAL",
    "conditions": [
        "Devic's Disease",
        "Devic's Syndrome",
        "Devic Syndrome",
        "Devic Disease",
        "Devic's Neuromyelitis Optica",
    ],
    "keywords": [],
    "interventions": [
        {
            "type": "BIOLOGICAL",
            "name": "Autologous mesenchymal stem cells",
            "description": None,
            "other_names": [],
        }
    ],
    "funder_types": ["OTHER"],
    "summary": S001_SUMMARY,
    "description": S001_DESCRIPTION,
    "enrollment": {"count": 15, "type": "ACTUAL"},
    "eligibility": {
        "sex": "ALL",
        "gender_based": None,
        "gender_description": None,
        "min_age": age(18),
        "max_age": age(80),
        "healthy_volunteers": False,
        "inclusion": [
            crit(
                "Clinically definite neuromyelitis optica or neuromyelitis optica spectrum disorder"
            ),
            crit("Age > 18 year"),
            crit("EDSS > 3"),
            crit(
                "Progression continued relapses or worsening MRI after at least a year of "
                "attempted therapy as evidenced by one or more of the following:",
                crit(
                    "Increase of 1 EDSS point (if baseline EDSS<5.0) or 0.5 EDSS points (if "
                    "baseline EDSS >5.5)"
                ),
                crit("Moderate-severe relapses in past 18 months"),
                crit("Gadolinium enhancing lesions (double or triple dose Gd)"),
                crit("1 new T2 lesion"),
            ),
            crit(
                "Evidence of recent inflammatory disease, as evidenced by any one of the "
                "following:",
                crit("1 moderate-severe relapses in past 18 months"),
                crit("1 Gd-enhancing lesions (single, double or triple dose Gd)"),
                crit("1 new T2 lesion"),
            ),
        ],
        "exclusion": flat(
            "Received Immune inhibitors immunomodulator during the three months before the trial",
            "Significant cardiac, renal, or hepatic failure or any other disease that may affect "
            "the results of the study",
            "Allergies",
            "Pregnant or possibly pregnant",
            "Cognitive decline to understand or sign the informed consent",
            "Brain tumor, HIV (+) tumor marker (+), blood pressure (BP): 200 /110 mmHg",
            "Judged not suitable by doctors",
        ),
    },
    "design": {
        "primary_purpose": "TREATMENT",
        "allocation": "RANDOMIZED",
        "intervention_model": "PARALLEL",
        "masking": "NONE",
        "masked": [],
        "model_description": None,
        "masking_description": None,
    },
    "arms": [
        {
            "label": "Autologous mesenchymal stem cells group",
            "type": "EXPERIMENTAL",
            "description": (
                "Generated clinical-grade MSC 10 mg chlorpheniramine Po.;100 mg hydrocortisone "
                "iv.;10 mg metoclopramide im.;30 min before administration of the cells . MSC a "
                "day-case 2·0×106 cells/kg i.v. 15min Infused normal saline 500 Ml over 4 h i.v."
            ),
            "interventions": [S001_MSC],
        },
        {
            "label": "Control group",
            "type": "PLACEBO_COMPARATOR",
            "description": "Patients with progressive and refractory NMO treated with regular "
            "methods",
            "interventions": [S001_MSC],
        },
    ],
    "group_count": 2,
    "dates": NO_DATES,
    "locations_count": 1,
    "has_results": None,
    "warnings": [],
    **NO_V2,
}

# --- seed 002: stripped Veeva page (no header, no blank lines, many empty headings) -------------

S002_SUMMARY = (
    "Multiple sclerosis (MS) is a chronic inflammatory disease of the central nervous system "
    "(CNS), which ultimately leads to myelin damage and axonal loss. The disease is complex and "
    "multifactorial, but the key pathogenic event appears to be an uncontrolled response of "
    "components of the immune system (T and B lymphocytes) to myelin proteins. No definitive "
    "treatment is available for MS, however immunomodulatory and immunosuppressant drugs act as "
    "disease-modifying agents (DMDs)."
    "\n"
    "Unfortunately, the current treatments demonstrate partial efficacy in targeting the "
    "deleterious immune reactions. According to the present knowledge of the pathophysiology of "
    "MS, an ideal therapeutic strategy would be to modulate or suppress the aggressive immune "
    "process, to protect axons and neurons from degeneration, and to enhance repair and "
    "facilitate remyelination."
    "\n"
    "A specific form of stem cells, called adult mesenchymal stem cells (MSCs), has shown "
    "remarkable ability to modulate the immune response. This study will evaluate the safety of "
    "injecting MSCs in people with MS."
)
S002_DESCRIPTION = (
    "MSCs have the remarkable ability to modulate the immune response mainly by inhibiting "
    "proliferation of T cells and to protect injured tissues through paracrine mechanisms. There "
    "is an urgent need to evaluate the real efficacy of MSC transplantation, and its possible "
    "position in the current therapeutic armamentarium. An international panel of MS neurology "
    'and stem cell experts, as well as immunologists formed an "International Mesenchymal Stem '
    'Cells Transplantation" (MSCT) Study Group with the aim to derive a consensus on what cells '
    "should be used for transplantation and develop a treatment protocol and an experimental "
    "program that will eventually attest to the efficacy of MSC transplantation and understand "
    "the mechanism that underlie the benefit. 12 patients with MS will be treated with IV "
    "injections of autologous isolated and expanded mesenchymal stem cells. Clinical and "
    "objective evaluations will be performed at baseline and during 12 months follow-up."
)
S002 = {
    # The page states no title and no official title: the id is made from the summary alone.
    "id": local_id(S002_SUMMARY),
    "nct_id": None,
    "other_ids": [],
    "title": "Multiple sclerosis (MS) is a chronic inflammatory disease of the central nervous "
    "system (CNS), which ultimately leads to myelin damage and axonal loss.",
    "official_title": None,
    "acronym": None,
    "sponsor": None,
    "status": None,
    "phases": [],
    "study_type": None,
    "conditions": [],
    "keywords": [],
    "interventions": [],
    "funder_types": [],
    "summary": S002_SUMMARY,
    "description": S002_DESCRIPTION,
    "enrollment": None,
    "eligibility": {
        "sex": None,
        "gender_based": None,
        "gender_description": None,
        "min_age": None,
        "max_age": None,
        "healthy_volunteers": None,
        # No indentation on the stripped page: the criteria are all top level.
        "inclusion": flat(
            "Relapsing remitting MS (RRMS) not responding to at least a year of attempted therapy "
            "with one or more of the approved therapies (beta-interferon, glatiramer acetate, "
            "natalizumab, mitoxantrone, fingolimod) as evidenced by one or more of the following:",
            "Secondary progressive MS (SPMS) not responding to at least a year of attempted "
            "therapy with one or more of the approved therapies (beta-interferon, glatiramer "
            "acetate, natalizumab, mitoxantrone, fingolimod) as evidenced by both::",
            "Primary progressive MS (PPMS) patients with all the following features:",
            "an increase ofmore or egal 1 EDSS point (if at inclusion EDSS inferior or egal 5.0) "
            "or 0.5 EDSS point (if at inclusion EDSS more or egal 5.5), in the last twelve months",
            "more or egal 1 GEL at MRI performed within the last 12 months",
            "Positive cerebrospinal fluid (CSF) (oligoclonal banding).",
        ),
        "exclusion": [],
    },
    "design": NO_DESIGN,
    "arms": [],
    "group_count": 2,
    "dates": NO_DATES,
    "locations_count": None,
    "has_results": None,
    "warnings": [],
    **NO_V2,
}

# --- seed 003: Veeva page, status Unknown, estimated enrollment --------------------------------

S003 = {
    "id": "NCT01494480",
    "nct_id": "NCT01494480",
    "other_ids": ["20111207ALS"],
    "title": "The Clinical Trial on the Use of Umbilical Cord Mesenchymal Stem Cells in "
    "Amyotrophic Lateral Sclerosis",
    "official_title": None,
    "acronym": None,
    "sponsor": "General Hospital of Chinese Armed Police Forces",
    "status": "UNKNOWN",
    "phases": ["PHASE2"],
    "study_type": "INTERVENTIONAL",
    "conditions": ["Amyotrophic Lateral Sclerosis"],
    "keywords": [],
    "interventions": [
        {
            "type": "PROCEDURE",
            "name": "stem cell transplantation",
            "description": None,
            "other_names": [],
        }
    ],
    "funder_types": ["OTHER"],
    "summary": (
        "Patients with Amyotrophic Lateral Sclerosis (ALS) typically endure a progressive "
        "paralysis due to the continued loss of motoneurons that leads them to death in less "
        "than 5 years. No treatment has changed its natural history. Intrathecal injection of "
        "umbilical cord mesenchymal stem cells can secret trophic factors that keep the "
        "motorneurons functional. The investigators have designed a phase I/II clinical trial to "
        "check the feasibility of this approach in humans."
    ),
    "description": (
        "A total of 30 diagnosed ALS patients. The patients would got these symptoms such as "
        "gait difficulty and tremor, hand incoordination or speech difficulties."
    ),
    "enrollment": {"count": 30, "type": "ESTIMATED"},
    "eligibility": {
        "sex": "ALL",
        "gender_based": None,
        "gender_description": None,
        "min_age": age(20),
        "max_age": age(65),
        "healthy_volunteers": False,
        "inclusion": flat(
            "Diagnose established following the World Federation of Neurology criteria",
            "More than 6 and less than 36 months of evolution of the disease",
            "Medullar onset of the disease",
            "More than 20 and less than 65 years old",
            "Forced Vital Capacity equal or superior to 50%",
            "Total time of oxygen saturation <90% inferior to 2% of the sleeping time",
            "Signed informed consent",
        ),
        "exclusion": flat(
            "Neurological or psychiatric concomitant disease",
            "Need of parenteral or enteral nutrition through percutaneous endoscopic gastrostomy "
            "or nasogastric tube",
            "Concomitant systemic disease",
            "Treatment with corticosteroids, immunoglobulins or immunosuppressors during the last "
            "12 months",
            "Inclusion in other clinical trials",
            "Unability to understand the informed consent",
        ),
    },
    "design": {
        "primary_purpose": "TREATMENT",
        "allocation": "NON_RANDOMIZED",
        "intervention_model": "SINGLE_GROUP",
        "masking": "NONE",
        "masked": [],
        "model_description": None,
        "masking_description": None,
    },
    "arms": [
        {
            "label": "stem cell transplantation",
            "type": "EXPERIMENTAL",
            "description": (
                "After stem cell prepared, the patients accepted 4 times stem cell "
                "transplantations through lumbar puncture, the time is 3-5days between two "
                "treatments. The patient would have to be in the bed at least 6 hours and "
                "removed the pillow."
            ),
            "interventions": ["Procedure: stem cell transplantation"],
        }
    ],
    "group_count": 1,
    "dates": NO_DATES,
    "locations_count": 1,
    "has_results": None,
    "warnings": [],
    **NO_V2,
}

# --- seed 004: Veeva page, one "Inclusion and exclusion criteria" heading ----------------------

S004_PLMSC = "Allogenic placenta derived mesenchymal stem cells"
S004 = {
    "id": "NCT06360861",
    "nct_id": "NCT06360861",
    "other_ids": [
        "1400-1-233-51589",
        "IR.TUMS.MEDICINE.REC.1400.197 (Other Grant/Funding Number)",
    ],
    "title": "Evaluate the Safety and Feasibility of Allogeneic Mesenchymal Stem Cells in "
    "Patients With Multiple Sclerosis (MS)",
    "official_title": None,
    "acronym": None,
    "sponsor": "Tehran University of Medical Sciences",
    "status": "COMPLETED",
    "phases": ["PHASE1"],
    "study_type": "INTERVENTIONAL",
    "conditions": [
        "Secondary-Progressive Multiple Sclerosis",
        "Multiple Sclerosis",
        "Mesenchymal Stem Cells",
    ],
    "keywords": [],
    "interventions": [
        {"type": "BIOLOGICAL", "name": S004_PLMSC, "description": None, "other_names": []}
    ],
    "funder_types": ["OTHER"],
    "summary": (
        "To assess the safety and of a single dose of IV infusion of placenta derived Mesenchymal "
        "Stem Cells (PLMSCs) in patients with secondary progressive Multiple Sclerosis (SPMS) "
        "disease."
        "\n\n"
        "Monitoring will be encompassed baseline assessments and follow-ups over subsequent "
        "months, evaluating clinical signs, Expanded Disability Status Scale (EDSS), cytokines, "
        "diffusion tensor imaging (DTI), functional MRI (fMRI), cognitive & psychological "
        "evaluations, and flow cytometry for B cell markers."
    ),
    "description": (
        "This open-label phase I study will be conducted in MS Clinic of Sina and Shariati "
        "Hospital of Tehran province ."
        "\n\n"
        "In this study, diagnosis and management of MS patients will be performed based on "
        "McDonald's criteria and Iran's diagnostic and treatment protocols."
        "\n\n"
        "The patients will be received a single injection of PLMSCs through the intravenous "
        "cannula."
        "\n\n"
        "The proposed study will assess safety and short efficacy endpoints of PLMSCs "
        "administered to 5 patients with SPMS."
        "\n\n"
        "The primary objective of the trial is freedom from treatment associated adverse events "
        "at 1,3 and 6 months' post treatment. Secondary objective will be efficacy as assessed at "
        "baseline, at 1,3 and 6 months and will be based on the following: EDSS, cytokines, DTI, "
        "fMRI, cognitive & psychological evaluations, and flow cytometry for B cell markers."
    ),
    "enrollment": {"count": 5, "type": "ACTUAL"},
    "eligibility": {
        "sex": "ALL",
        "gender_based": None,
        "gender_description": None,
        "min_age": age(17),
        "max_age": age(45),
        "healthy_volunteers": False,
        "inclusion": flat(
            "Age between 17-45 years Patients with SPMS .",
            "Must be able to Sign informed consent .",
            "Currently taking Rituximab.",
            "Disease duration of more than 2 and less than 16 years.",
        ),
        "exclusion": flat(
            "Pregnancy or breastfeeding.",
            "hepatitis B and C, human immunodeficiency virus (HIV), and human T-cell "
            "lymphotropic virus (HTLV) disease.",
            "Using cytotoxic agents within 3 months prior to the study.",
            "Severe anemia (hemoglobin< 8 mg/dl), coagulation disorders.",
            "history of malignancy .",
            "liver disorders .",
            "significant cardiac, renal or hepatic failure .",
            "Active or chronic infection.",
            "Life-threatening organ dysfunction.",
            "Unable to give written informed consent .",
            "Current treatment with an investigational therapy.",
        ),
    },
    "design": {
        "primary_purpose": "TREATMENT",
        "allocation": "NA",
        "intervention_model": "SINGLE_GROUP",
        "masking": "NONE",
        "masked": [],
        "model_description": None,
        "masking_description": None,
    },
    "arms": [
        {
            "label": "Placenta derived mesenchymal cells",
            "type": "EXPERIMENTAL",
            "description": "Allogenic placenta derived mesenchymal stem cells, 3 million "
            "cells/kg body weight via intravenous injection",
            "interventions": [f"Biological: {S004_PLMSC}"],
        }
    ],
    "group_count": 1,
    "dates": NO_DATES,
    "locations_count": 1,
    "has_results": None,
    "warnings": [],
    **NO_V2,
}

EXPECTED = {"000": S000, "001": S001, "002": S002, "003": S003, "004": S004}
FORMATS = {
    "000": "ctgov-text",
    "001": "veeva-text",
    "002": "veeva-text",
    "003": "veeva-text",
    "004": "veeva-text",
}
RECORD_FIELDS = set(S001) | {"source"}


@pytest.mark.parametrize(
    ("prefix", "field"),
    [(prefix, field) for prefix, expected in EXPECTED.items() for field in expected],
)
def test_seed_field(prefix: str, field: str) -> None:
    assert seed_record(prefix)[field] == EXPECTED[prefix][field]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_record_has_exactly_the_design_fields(prefix: str) -> None:
    record = seed_record(prefix)
    assert set(record) == RECORD_FIELDS
    assert set(record["eligibility"]) == {
        "sex",
        "gender_based",
        "gender_description",
        "min_age",
        "max_age",
        "healthy_volunteers",
        "inclusion",
        "exclusion",
    }
    assert set(record["design"]) == set(NO_DESIGN)
    assert set(record["dates"]) == set(NO_DATES)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_source(prefix: str) -> None:
    path = seed_path(prefix)
    source = seed_record(prefix)["source"]
    assert source["format"] == FORMATS[prefix]
    assert source["path"] == str(path.absolute())
    assert source["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source["imported_at"] is None  # set by the store, not by the parser


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_never_has_empty_strings(prefix: str) -> None:
    """Unknown is null or [], never an empty string."""

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            assert value.strip(), "an empty string stands for unknown"

    walk({k: v for k, v in seed_record(prefix).items() if k != "source"})


def test_seed_000_local_id_is_sha256_of_title_official_title_and_summary() -> None:
    record = seed_record("000")
    basis = f"{S000_TITLE} {S000_OFFICIAL} {S000_SUMMARY}"
    basis = " ".join(basis.split()).casefold()
    assert record["id"] == "LOCAL-" + hashlib.sha256(basis.encode()).hexdigest()[:10]
    assert record["nct_id"] is None


def test_seed_001_nested_inclusion_criteria() -> None:
    inclusion = seed_record("001")["eligibility"]["inclusion"]
    assert len(inclusion) == 5
    assert [len(item["children"]) for item in inclusion] == [0, 0, 0, 4, 3]
    assert all(not child["children"] for item in inclusion for child in item["children"])
    assert inclusion[3]["children"][3]["text"] == "1 new T2 lesion"
    assert inclusion[4]["children"][0]["text"] == "1 moderate-severe relapses in past 18 months"


def test_seed_001_keeps_unicode_as_is() -> None:
    record = seed_record("001")
    assert "(EDSS)、annual" in record["description"]
    assert "2·0×106 cells/kg" in record["arms"][0]["description"]
    assert "Disease duration≥2years" in [
        c["text"] for c in seed_record("000")["eligibility"]["inclusion"]
    ]


def test_seed_paragraph_breaks() -> None:
    assert seed_record("000")["summary"].count("\n\n") == 1
    assert seed_record("001")["description"].count("\n\n") == 2
    assert seed_record("004")["summary"].count("\n\n") == 1
    assert seed_record("004")["description"].count("\n\n") == 4
    # seed 002 has consecutive lines, no blank line between them
    summary = seed_record("002")["summary"]
    assert "\n\n" not in summary and summary.count("\n") == 2
    assert summary.startswith("Multiple sclerosis (MS) is a chronic inflammatory disease")
    assert summary.endswith(
        "This study will evaluate the safety of injecting MSCs in people with MS."
    )


def test_seed_002_empty_headings_stay_unknown() -> None:
    record = seed_record("002")
    assert record["status"] is None and record["phases"] == []
    assert record["conditions"] == [] and record["interventions"] == []
    assert record["enrollment"] is None
    eligibility = record["eligibility"]
    assert eligibility["sex"] is None
    assert eligibility["min_age"] is None and eligibility["max_age"] is None
    assert eligibility["healthy_volunteers"] is None
    assert eligibility["exclusion"] == []
    assert record["design"] == NO_DESIGN
    texts = [c["text"] for c in eligibility["inclusion"]]
    for heading in ("Exclusion criteria", "Primary purpose", "Allocation", "Masking"):
        assert heading not in texts
    assert record["group_count"] == 2


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_reparse_with_crlf_and_other_name_gives_same_record(prefix: str) -> None:
    path = seed_path(prefix)
    text = path.read_text(encoding="utf-8")
    plain = parse_text(text, name=path.name)
    crlf = parse_text(text.replace("\n", "\r\n"), name="moved-elsewhere.txt")
    assert crlf == plain
    assert plain["id"] == EXPECTED[prefix]["id"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_load_file_keeps_the_cleaned_text(prefix: str) -> None:
    path = seed_path(prefix)
    loaded = load_file(path)
    assert loaded.text == path.read_text(encoding="utf-8")
    assert loaded.record["id"] == EXPECTED[prefix]["id"]


def test_format_is_detected_from_content_not_file_name(tmp_path: Path) -> None:
    veeva = seed_path("001").read_bytes()
    ctgov = seed_path("000").read_bytes()
    (tmp_path / "NCT99999999.ctgov.txt").write_bytes(veeva)
    (tmp_path / "veeva-page.json").write_bytes(ctgov)
    assert parse_file(tmp_path / "NCT99999999.ctgov.txt")["source"]["format"] == "veeva-text"
    assert parse_file(tmp_path / "NCT99999999.ctgov.txt")["id"] == "NCT02249676"
    assert parse_file(tmp_path / "veeva-page.json")["source"]["format"] == "ctgov-text"
    assert parse_bytes(veeva, "x.csv").record["source"]["format"] == "veeva-text"


# --- texts that are not trial pages ---------------------------------------------------------

README = """\
# trials

A terminal browser for clinical-trial records: search, read and compare trials.

## Install

    make run

## Usage

Run `trials` to open the browser. Press `/` to search and `q` to quit.

## Licence

MIT
"""
PROSE = """\
Clinical trials are research studies in which people volunteer to test new treatments.
Each study has inclusion criteria and exclusion criteria that say who may take part, and a
status that tells whether it is still recruiting. This paragraph talks about trials but it
is not the page of one.
"""
# JSON that is not a ClinicalTrials.gov study (a study object is read as "ctgov-json").
JSON_TEXT = '{"identificationModule": {"nctId": "NCT01234567"}}\n'


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param(README, r"not a trial page", id="readme"),
        pytest.param(PROSE, r"not a trial page", id="prose"),
        pytest.param(JSON_TEXT, r"JSON", id="json"),
        pytest.param("[1, 2, 3]\n", r"JSON", id="json-list"),
        pytest.param("", r"empty", id="empty"),
        pytest.param(" \n\t\n   \r\n", r"empty", id="whitespace"),
    ],
)
def test_not_a_trial_page_raises_parse_error_saying_why(text: str, why: str) -> None:
    with pytest.raises(ParseError, match=why):
        parse_text(text, name="notes.txt")
    with pytest.raises(ParseError, match=why):
        parse_bytes(text.encode("utf-8"), "notes.txt")


def test_not_a_trial_file_raises_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(README, encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        load_file(path)
    assert str(caught.value).strip()


def test_relative_path_is_recorded_absolute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SEEDS)
    record = parse_file(seed_path("003").name)
    assert record["source"]["path"] == str(seed_path("003"))
    assert Path(record["source"]["path"]).is_absolute()
