"""Word lists of the synthetic corpus: medical-ish words, conditions, sponsors, treatments.

Everything here is a fixed, ordered list (never a set), so the vocabulary and its frequency
ranks are the same on every machine and every run; the corpus seed only changes the pages.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
RARE_COUNT = 20_000
#: Share of content words drawn from the rare tail instead of the Zipf vocabulary.
RARE_SHARE = 0.008

# Glue words of running text, drawn with their own (high) weights.
FUNCTION_WORDS = _words("""
the of and in to with for a or is be will on by as at from that this after are patients
was not during study were their than who all which before more its have has may each between
into these both other per up such within over any two one three also only most under
""")

# Common clinical words, roughly most frequent first (their rank sets their Zipf weight).
COMMON_WORDS = _words("""
treatment disease clinical therapy cells safety efficacy trial group months dose cell stem
patient primary outcome baseline evaluate response participants years randomized chronic
week weeks severe months' secondary follow-up administered daily placebo adverse events
risk quality life symptoms progression function blood level levels mesenchymal injection
effect effects improvement cancer tumor inflammatory immune therapy-related infusion oral
intravenous standard care assessment measured score scale compared control controlled
significant survival overall rate rates reduction increase pain acute medical history
diagnosis diagnosed hospital clinic visit visits procedure surgery surgical transplantation
transplant autologous allogeneic donor recipients multiple sclerosis neurological brain
spinal cord motor cognitive imaging mri magnetic resonance tomography lesions lesion
relapse relapses remission disability expanded status investigators investigator protocol
consent informed written signed women men adults children pediatric elderly pregnancy
pregnant breastfeeding contraception renal hepatic cardiac liver kidney heart lung
pulmonary respiratory failure insufficiency infection infections viral bacterial antibody
antibodies serum plasma marker markers biomarkers cytokines inflammation tissue repair
regeneration differentiation proliferation mechanism mechanisms pathway pathways
neuromyelitis optica optic neuritis demyelinating autoimmune degenerative progressive
secondary-progressive relapsing-remitting amyotrophic lateral dementia stroke epilepsy
diabetes obesity hypertension asthma arthritis rheumatoid psoriasis lupus fibrosis
carcinoma lymphoma leukemia myeloma melanoma sarcoma metastatic advanced refractory
resistant first-line second-line chemotherapy radiotherapy immunotherapy vaccine vaccination
monoclonal inhibitor inhibitors receptor agonist antagonist kinase enzyme protein gene
genetic mutation mutations expression sequencing genomic molecular cellular laboratory
analysis analyses endpoint endpoints objective objectives hypothesis feasibility pilot
phase open-label double-blind single-blind crossover parallel arm arms cohort cohorts
observational prospective retrospective registry multicenter single-center national
international population sample size power statistical mean median range interval
duration period frequency regimen regimens dosing schedule maintenance induction
tolerability toxicity toxicities dose-limiting maximum tolerated pharmacokinetics
pharmacodynamics absorption clearance half-life exposure concentration bioavailability
questionnaire interview survey self-reported patient-reported quality-of-life fatigue
depression anxiety sleep nutrition diet exercise physical rehabilitation training education
counseling behavioral intervention interventions program support caregivers family
community primary-care emergency intensive unit admission discharge readmission mortality
morbidity complications complication bleeding thrombosis embolism infarction ischemia
arrhythmia fibrillation heart-failure coronary artery vascular endothelial platelet
anticoagulation hemoglobin anemia transfusion bone marrow hematopoietic umbilical cord
placenta derived adipose expanded culture manufacturing product products dose-escalation
healthy volunteers eligible eligibility inclusion exclusion criteria exclusion-criteria
age aged older younger male female sex body weight height index bmi waist glucose insulin
hba1c cholesterol lipid triglycerides creatinine bilirubin albumin transaminase alt ast
egfr urine sodium potassium calcium vitamin supplementation deficiency mineral density
osteoporosis fracture joint cartilage muscle tendon ligament skin wound ulcer healing
burn scar graft grafting implant device devices catheter stent valve pump sensor monitoring
remote digital mobile application telemedicine smartphone wearable
""")

# Prefixes and suffixes whose pairs give the long tail of medical-ish words.
PREFIXES = _words("""
angio arthro bronch cardio cerebro chole chondro colo cranio cysto cyto dermato encephalo
entero erythro gastro glosso gluco hemato hepato histo hydro hystero immuno laryngo leuko
lipo lympho mammo masto myelo myo naso necro nephro neuro oculo odonto onco oophoro ophthalmo
orchio osteo oto pancreato patho pharmaco pharyngo phlebo pneumo procto psycho pyelo radio
rhino sarco spleno spondylo stomato thoraco thrombo thyro tracheo uretero urethro uro vasculo
""")
SUFFIXES = _words("""
pathy itis ectomy otomy ostomy plasty scopy graphy logy megaly malacia sclerosis stenosis
algia rrhea rrhage lysis genesis genic trophy plasia blast cyte penia philia phobia
kinesis plegia paresis emia uria oma osis tomy ostasis rrhaphy centesis ptosis spasm
""")

# Multi-word terms inserted into running text, so phrase queries meet realistic phrases.
PHRASES = [
    "multiple sclerosis", "stem cell transplantation", "mesenchymal stem cells",
    "adverse events", "quality of life", "overall survival", "progression-free survival",
    "randomized controlled trial", "standard of care", "informed consent",
    "central nervous system", "expanded disability status scale", "magnetic resonance imaging",
    "optic neuritis", "bone marrow", "umbilical cord", "spinal cord injury", "heart failure",
    "type 2 diabetes", "chronic kidney disease", "blood pressure", "body mass index",
    "amyotrophic lateral sclerosis", "neuromyelitis optica", "immune response",
    "maximum tolerated dose", "primary endpoint", "secondary endpoints", "follow-up visits",
    "healthy volunteers", "dose escalation", "phase II", "open-label extension",
    "intention to treat", "double-blind placebo-controlled", "patient-reported outcomes",
]

CONDITIONS = [
    "Multiple Sclerosis", "Secondary-Progressive Multiple Sclerosis",
    "Relapsing-Remitting Multiple Sclerosis", "Primary Progressive Multiple Sclerosis",
    "Neuromyelitis Optica", "Neuromyelitis Optica Spectrum Disorder", "Devic's Disease",
    "Amyotrophic Lateral Sclerosis", "ALS", "Optic Neuritis", "Transverse Myelitis",
    "Parkinson Disease", "Alzheimer Disease", "Huntington Disease", "Stroke",
    "Ischemic Stroke", "Spinal Cord Injury", "Traumatic Brain Injury", "Epilepsy",
    "Migraine", "Cerebral Palsy", "Autism Spectrum Disorder", "Major Depressive Disorder",
    "Schizophrenia", "Bipolar Disorder", "Anxiety Disorders", "Insomnia",
    "Type 1 Diabetes", "Type 2 Diabetes", "Obesity", "Metabolic Syndrome",
    "Hypertension", "Heart Failure", "Coronary Artery Disease", "Atrial Fibrillation",
    "Myocardial Infarction", "Peripheral Arterial Disease", "Critical Limb Ischemia",
    "Pulmonary Arterial Hypertension", "Asthma", "COPD", "Idiopathic Pulmonary Fibrosis",
    "Cystic Fibrosis", "COVID-19", "Acute Respiratory Distress Syndrome", "Pneumonia",
    "Sepsis", "HIV Infections", "Hepatitis B", "Hepatitis C", "Tuberculosis", "Malaria",
    "Influenza", "Liver Cirrhosis", "Nonalcoholic Steatohepatitis", "Crohn Disease",
    "Ulcerative Colitis", "Irritable Bowel Syndrome", "Chronic Kidney Disease",
    "Acute Kidney Injury", "Lupus Nephritis", "Systemic Lupus Erythematosus",
    "Rheumatoid Arthritis", "Osteoarthritis", "Knee Osteoarthritis", "Psoriasis",
    "Psoriatic Arthritis", "Ankylosing Spondylitis", "Atopic Dermatitis", "Systemic Sclerosis",
    "Osteoporosis", "Breast Cancer", "Metastatic Breast Cancer", "Non-Small Cell Lung Cancer",
    "Small Cell Lung Cancer", "Prostate Cancer", "Colorectal Cancer", "Pancreatic Cancer",
    "Gastric Cancer", "Hepatocellular Carcinoma", "Ovarian Cancer", "Cervical Cancer",
    "Bladder Cancer", "Renal Cell Carcinoma", "Melanoma", "Glioblastoma", "Head and Neck Cancer",
    "Acute Myeloid Leukemia", "Acute Lymphoblastic Leukemia", "Chronic Lymphocytic Leukemia",
    "Multiple Myeloma", "Diffuse Large B-Cell Lymphoma", "Hodgkin Lymphoma",
    "Myelodysplastic Syndromes", "Graft Versus Host Disease", "Aplastic Anemia",
    "Sickle Cell Disease", "Thalassemia", "Hemophilia A", "Iron Deficiency Anemia",
    "Macular Degeneration", "Diabetic Retinopathy", "Glaucoma", "Dry Eye Disease",
    "Retinitis Pigmentosa", "Hearing Loss", "Chronic Pain", "Low Back Pain",
    "Fibromyalgia", "Diabetic Foot Ulcer", "Burns", "Premature Birth",
    "Bronchopulmonary Dysplasia", "Duchenne Muscular Dystrophy", "Spinal Muscular Atrophy",
    "Myasthenia Gravis", "Guillain-Barre Syndrome",
    "Chronic Inflammatory Demyelinating Polyneuropathy",
    "Peripheral Neuropathy", "Erectile Dysfunction", "Infertility", "Endometriosis",
    "Polycystic Ovary Syndrome", "Preeclampsia", "Smoking Cessation", "Alcohol Use Disorder",
    "Opioid Use Disorder", "Healthy",
]
ORGAN_ADJECTIVES = _words("""
Hepatic Renal Cardiac Pulmonary Cerebral Spinal Ocular Gastric Pancreatic Cutaneous Vascular
Bone Thyroid Adrenal Ovarian Prostatic Colorectal Bladder Esophageal Biliary
""")
DISEASE_NOUNS = _words("""
Fibrosis Insufficiency Carcinoma Failure Inflammation Neoplasm Ischemia Infection Injury
Dysfunction Metastases Lymphoma Sarcoma Stenosis Degeneration
""")

SPONSORS = [
    "Tianjin Medical University", "Tehran University of Medical Sciences",
    "General Hospital of Chinese Armed Police Forces", "Mayo Clinic",
    "National Cancer Institute (NCI)", "Assistance Publique - Hôpitaux de Paris",
    "Massachusetts General Hospital", "M.D. Anderson Cancer Center", "Hoffmann-La Roche",
    "Novartis Pharmaceuticals", "Pfizer", "AstraZeneca", "Sanofi", "GlaxoSmithKline",
    "Merck Sharp & Dohme LLC", "Bristol-Myers Squibb", "Eli Lilly and Company",
    "Johns Hopkins University", "Stanford University", "University College, London",
    "Karolinska Institutet", "Charité University, Berlin", "Seoul National University Hospital",
    "Sun Yat-sen University", "Peking Union Medical College Hospital", "Cairo University",
    "Royan Institute", "Hospital Israelita Albert Einstein", "Rigshospitalet, Denmark",
]
CITIES = _words("""
Aarhus Ankara Athens Barcelona Beijing Bergen Bologna Boston Cairo Chengdu Chicago Cleveland
Copenhagen Dallas Dublin Edinburgh Florence Fudan Geneva Ghent Glasgow Guangzhou Hamburg
Helsinki Houston Isfahan Istanbul Kyoto Leiden Leuven Lisbon Lyon Madrid Manchester Melbourne
Milan Montreal Munich Nanjing Naples Osaka Oslo Padua Paris Porto Prague Rome Santiago
Seattle Seoul Shanghai Shiraz Sydney Taipei Tokyo Toronto Uppsala Vienna Warsaw Wuhan Zurich
""")
SPONSOR_PATTERNS = [
    "{city} University Hospital", "University of {city}", "{city} Medical University",
    "{city} Children's Hospital", "{city} Cancer Center", "{city} Institute of Neurology",
    "First Affiliated Hospital of {city} Medical College",
]
COMPANY_SUFFIXES = ["Pharmaceuticals", "Therapeutics", "Biotech", "Biosciences", "Medical"]

# Syllables of made-up drug names and the stems that say what kind of drug each is.
DRUG_SYLLABLES = _words("""
ba be ca co da de fa fi ga ge ka ki la li ma mo na ne pa pe ra ri sa so ta te va vi za zo
""")
DRUG_STEMS = _words("""
mab zumab ximab nib tinib ciclib parin stat vastatin vir previr sartan pril olol dipine
gliflozin gliptin tide lukast oxacin cycline azole platin rubicin taxel mustine
""")
INTERVENTIONS = {
    "Biological": [
        "Autologous mesenchymal stem cells", "Allogenic placenta derived mesenchymal stem cells",
        "Human umbilical cord mesenchymal stem cells", "Autologous bone marrow mononuclear cells",
        "Adipose-derived stromal vascular fraction", "CAR-T cells", "Dendritic cell vaccine",
        "Platelet-rich plasma", "Convalescent plasma", "Exosomes", "Regulatory T cells",
        "Natural killer cells", "Influenza vaccine", "Fecal microbiota transplantation",
    ],
    "Procedure": [
        "stem cell transplantation", "Laparoscopic surgery", "Lumbar puncture",
        "Hematopoietic stem cell transplantation", "Deep brain stimulation surgery",
        "Percutaneous coronary intervention", "Bariatric surgery", "Plasma exchange",
    ],
    "Device": [
        "Transcranial magnetic stimulation", "Continuous glucose monitor", "Wearable sensor",
        "Drug-eluting stent", "Negative pressure wound therapy device", "Insulin pump",
    ],
    "Behavioral": [
        "Cognitive behavioral therapy", "Aerobic exercise training", "Mindfulness program",
        "Motivational interviewing", "Telephone coaching", "Dietary counseling",
    ],
    "Dietary Supplement": [
        "Vitamin D3", "Omega-3 fatty acids", "Probiotics", "Zinc sulfate", "Whey protein",
    ],
    "Radiation": [
        "Stereotactic body radiotherapy", "Whole brain radiotherapy", "Proton beam therapy",
    ],
    "Genetic": ["AAV gene therapy", "CRISPR-edited autologous cells", "Antisense oligonucleotide"],
    "Diagnostic Test": ["PET-CT imaging", "Liquid biopsy", "Cardiac MRI", "Genomic profiling"],
    "Combination Product": ["Drug-coated balloon", "Prefilled autoinjector"],
    "Other": ["Placebo", "Standard of care", "Normal saline", "Usual care", "Questionnaire"],
}


def _drug_names() -> list[str]:
    rng = random.Random(20240901)  # fixed: the names never depend on the corpus seed
    names: list[str] = []
    while len(names) < 400:
        syllables = "".join(rng.choice(DRUG_SYLLABLES) for _ in range(rng.randint(1, 3)))
        name = syllables + rng.choice(DRUG_STEMS)
        if name not in names:
            names.append(name)
    return names


def _rare_words() -> list[str]:
    """The long tail: made-up words, each in about 1 page in 8,000 (names, codes, typos)."""
    rng = random.Random(99)
    onsets = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gl", "h", "k", "l", "m", "n", "p",
              "ph", "pr", "qu", "r", "s", "st", "t", "th", "tr", "v", "x", "z"]
    vowels = ["a", "e", "i", "o", "u", "ae", "io", "y"]
    names: dict[str, None] = {}
    while len(names) < RARE_COUNT:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
        names[word + rng.choice(["", "n", "s", "l", "x", "m"])] = None
    return list(names)


def _seed_words() -> list[str]:
    """The words of the seed pages, in first-seen order (empty if seeds/ is missing)."""
    words: dict[str, None] = {}
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for word in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", path.read_text(encoding="utf-8")):
            words[word.casefold().strip("'-")] = None
    return [word for word in words if len(word) >= 3]


class Vocabulary:
    """The ordered word lists and their cumulative Zipf weights."""

    def __init__(self) -> None:
        words: dict[str, None] = dict.fromkeys(COMMON_WORDS)
        seed_words = _seed_words()
        composed = [p + s for p in PREFIXES for s in SUFFIXES]
        # Interleave seed words into the tail so that they are neither all common nor all rare.
        tail = list(composed)
        random.Random(7).shuffle(tail)
        for index, word in enumerate(seed_words):
            tail.insert(min(len(tail), index * 4), word)
        for word in tail:
            words.setdefault(word, None)
        for word in FUNCTION_WORDS:
            words.pop(word, None)
        self.words: list[str] = list(words)
        self.rare_words = [w for w in _rare_words() if w not in words]
        self.word_weights = _cumulative(len(self.words), 1.0, 3)
        self.function_words = FUNCTION_WORDS
        self.function_weights = _cumulative(len(FUNCTION_WORDS), 0.9, 1)
        self.phrases = PHRASES
        conditions = list(CONDITIONS)
        conditions += [f"{a} {n}" for n in DISEASE_NOUNS for a in ORGAN_ADJECTIVES]
        self.conditions = conditions
        self.condition_weights = _cumulative(len(conditions), 0.8, 5)
        sponsors = list(SPONSORS)
        sponsors += [p.format(city=c) for c in CITIES for p in SPONSOR_PATTERNS]
        rng = random.Random(11)
        for _ in range(150):
            stem = (rng.choice(DRUG_SYLLABLES) + rng.choice(DRUG_SYLLABLES)).capitalize()
            sponsors.append(f"{stem}{rng.choice(['ra', 'via', 'gen', 'tex'])} "
                            f"{rng.choice(COMPANY_SUFFIXES)}")
        self.sponsors = list(dict.fromkeys(sponsors))
        self.sponsor_weights = _cumulative(len(self.sponsors), 0.7, 5)
        self.drugs = _drug_names()
        self.interventions = INTERVENTIONS


def _cumulative(count: int, exponent: float, offset: int) -> list[float]:
    """Cumulative Zipf weights 1/(rank+offset)^exponent for random.choices."""
    total = 0.0
    out: list[float] = []
    for rank in range(count):
        total += 1.0 / (rank + offset) ** exponent
        out.append(total)
    return out


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shared vocabulary (built once per process)."""
    return Vocabulary()
