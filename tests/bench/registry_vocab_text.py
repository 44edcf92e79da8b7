"""Phrase patterns of the registry corpus: titles, summaries, outcomes, criteria, results."""
from __future__ import annotations

MEASURE_PATTERNS = [
    "Change from baseline in {s} at Week {w}",
    "Change from Baseline in {s} at Month {m}",
    "Number of participants with treatment-emergent adverse events",
    "Number of Participants With Serious Adverse Events",
    "Overall survival",
    "Progression-free survival (PFS)",
    "Objective response rate (ORR)",
    "Maximum plasma concentration (Cmax) of {d}",
    "Area under the concentration-time curve (AUC0-inf) of {d}",
    "Proportion of participants achieving {s} response at Week {w}",
    "Time to first {c} relapse",
    "Incidence of {ae}",
    "Percentage of participants with {c} remission",
    "{s} score",
    "Mean {s} at {m} months",
    "All-cause mortality at Day {dd}",
    "Hospital length of stay",
    "Recruitment rate",
    "Adherence to {i}",
    "Dose-limiting toxicities (DLTs)",
    "Duration of response",
    "Rate of {c} exacerbations",
    "Number of participants with clinically significant laboratory abnormalities",
]
TIME_FRAMES = [
    "Baseline and Week {w}", "Up to {m} months", "{w} weeks", "Baseline, Week {w4}, Week {w}",
    "From randomization up to {y} years", "Day 1 to Day {dd}", "Up to approximately {y} years",
    "At {m} months", "Pre-dose and up to 72 hours post-dose on Day 1",
    "From first dose up to {dd} days after last dose", "{dd} days", "Week {w}",
    "Baseline, 3 months, 6 months and 12 months", "Through study completion, an average of 1 year",
]
OFFICIAL_PATTERNS = [
    "A {ph}{d1}, {d2} Study to Evaluate the {e} of {t} in {pp} With {c}",
    "A {d1} {ph}Trial of {t} Versus {t2} in {pp} With {c}",
    "{e} of {t} in {pp} With {c}: {d1} {d2} Trial",
    "An Open-label, Single-arm {ph}Study of {t} in {pp} With {c}",
    "A {d1} Study Comparing {t} and {t2} for {c}",
]
OBSERVATIONAL_PATTERNS = [
    "A Prospective Observational Study of {w} in {pp} With {c}",
    "{c} Registry: {e} of {t} in Routine Clinical Practice",
    "A Retrospective Cohort Study of {pp} With {c}",
    "Natural History of {c} in {pp}: a Multicenter Cohort",
]
DESIGN_WORDS = ["Randomized", "Double-blind", "Placebo-controlled", "Multicenter",
                "Open-label", "Prospective", "Parallel-group", "Pilot", "Controlled",
                "Crossover", "Dose-escalation", "Non-inferiority", "Pragmatic"]
EFFECT_WORDS = ["Efficacy and Safety", "Safety and Tolerability", "Pharmacokinetics",
                "Effectiveness", "Safety, Tolerability and Pharmacokinetics", "Efficacy",
                "Feasibility", "Long-term Safety", "Immunogenicity and Safety"]
POPULATION_WORDS = ["Participants", "Patients", "Adults", "Children", "Adolescents",
                    "Healthy Volunteers", "Older Adults", "Women", "Men"]
SUMMARY_LEADS = [
    "The purpose of this study is to evaluate {t} in participants with {c}.",
    "This study will assess the safety and efficacy of {t} in patients with {c}.",
    "The main aim of this trial is to find out whether {t} improves {w} in people with {c}.",
    "Researchers want to learn if {t} can help people who have {c}.",
    "This is a {d1} study of {t} compared with {t2} in adults with {c}.",
    "The goal of this observational study is to learn about {w} in patients with {c}.",
    "This pilot study will test the feasibility of {t} for {c}.",
]
CRITERIA_EXTRA = [
    "Age \\>= {a} years at the time of signing informed consent",
    "ECOG performance status \\<= {n}",
    "HbA1c \\> {n}.{n2}% at screening",
    "Platelet count ≥ 100 × 10\\^9/L",
    "Absolute neutrophil count ≥ 1.5 × 10\\^9/L",
    "Estimated glomerular filtration rate \\< {m} mL/min/1.73 m2",
    "Body weight ≥ {b} kg",
    "Documented diagnosis of {c} for at least {n} months",
    "Confirmed {c} \\[per {w} criteria\\]",
    "Willing and able to comply with all study procedures",
    "Women of childbearing potential must use effective contraception",
    "Known hypersensitivity to {d} or any of its excipients",
    "Prior treatment with {d} within {n} weeks",
    "QTcF \\> 470 ms",
    "Uncontrolled hypertension (systolic \\> 160 mmHg)",
]
DROP_REASONS = ["Adverse Event", "Withdrawal by Subject", "Lost to Follow-up",
                "Physician Decision", "Death", "Protocol Violation", "Lack of Efficacy",
                "Sponsor Decision", "Progressive Disease", "Other"]
STAT_METHODS = ["ANCOVA", "Mixed Models Analysis", "t-Test, 2 sided", "Chi-squared",
                "Fisher Exact", "Log Rank", "Cochran-Mantel-Haenszel",
                "Wilcoxon (Mann-Whitney)", "Regression, Logistic", "Regression, Cox", "ANOVA"]
ANALYSIS_PARAMS = ["Mean Difference (Final Values)", "Odds Ratio (OR)", "Hazard Ratio (HR)",
                   "Risk Difference (RD)", "LS Mean Difference", "Median Difference (Final Values)"]
WHY_STOPPED = [
    "Slow recruitment", "Sponsor decision", "Funding ended", "Business decision",
    "Lack of efficacy at interim analysis", "Investigator left the institution",
    "COVID-19 pandemic", "Study drug no longer available", "Safety concerns",
    "The study was not started", "Enrollment goal not met",
]
IPD_DESCRIPTIONS = [
    "There is no plan to make individual participant data available to other researchers.",
    "De-identified individual participant data that underlie the results reported in this "
    "article will be shared after publication.",
    "Qualified researchers may request access to patient-level data and related study "
    "documents after the study is completed.",
    "Data will be available on reasonable request to the principal investigator.",
]
SECONDARY_DOMAINS = ["CTIS", "jRCT", "WHO", "ChiCTR", "ISRCTN", "CTRI", "ANZCTR", "IRCT",
                     "DRKS", "PACTR"]
SECTION_HEADINGS = ["Background", "Objectives", "Methods", "Design", "Study procedures",
                    "Primary endpoint", "Rationale", "Statistical analysis"]
PHRASES_KEY = ["quality of life", "randomized controlled trial", "biomarkers", "pharmacokinetics",
               "safety", "efficacy", "children", "elderly", "prevention", "rehabilitation",
               "exercise", "telemedicine", "immunotherapy", "surgery", "inflammation"]
