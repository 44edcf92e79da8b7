"""Deterministic synthetic trial pages in the two seed layouts, for the benchmark.

    python -m tests.bench.corpus OUT_DIR N [--seed S]

writes N page files under OUT_DIR/pages/ (in sub-folders of 1,000) and OUT_DIR/corpus.json,
a manifest of every page (path, layout, NCT id). About 76% are ClinicalTrials.Veeva pages,
4% stripped Veeva pages (headings without values, like seed 002) and 20% ClinicalTrials.gov
pages. The
same (N, seed) always gives byte-identical files; page i is the same for every N > i, so a
smaller corpus is a prefix of a larger one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .vocab import RARE_SHARE, Vocabulary, vocabulary

GENERATOR_VERSION = 1
MANIFEST = "corpus.json"
PAGES = "pages"
FOLDER_SIZE = 1000

VEEVA, STRIPPED, CTGOV = "veeva-text", "veeva-stripped", "ctgov-text"
# Cumulative shares of the layouts.
LAYOUTS = ((0.76, VEEVA), (0.80, STRIPPED), (1.0, CTGOV))

# Status enum -> (Veeva word, ClinicalTrials.gov word), with a share of pages.
STATUSES = [
    ("COMPLETED", "Completed", "Completed", 30),
    ("RECRUITING", "Enrolling", "Recruiting", 22),
    ("NOT_YET_RECRUITING", "Not yet enrolling", "Not yet recruiting", 6),
    ("ACTIVE_NOT_RECRUITING", "Active, not recruiting", "Active, not recruiting", 8),
    ("ENROLLING_BY_INVITATION", "Enrolling by invitation", "Enrolling by invitation", 2),
    ("UNKNOWN", "Unknown", "Unknown status", 16),
    ("WITHDRAWN", "Withdrawn", "Withdrawn", 4),
    ("TERMINATED", "Terminated", "Terminated", 9),
    ("SUSPENDED", "Suspended", "Suspended", 3),
]
PLANNED = frozenset({"RECRUITING", "NOT_YET_RECRUITING"})  # enrollment is an estimate
PHASE_SETS = [  # (phases, share) for interventional trials
    ([], 8), (["Early Phase 1"], 3), (["Phase 1"], 16), (["Phase 1", "Phase 2"], 12),
    (["Phase 2"], 28), (["Phase 2", "Phase 3"], 5), (["Phase 3"], 17), (["Phase 4"], 8),
    (["N/A"], 3),
]
ARM_TYPES = [
    "Experimental", "Active Comparator", "Placebo Comparator", "Sham Comparator",
    "No Intervention", "Other",
]
PURPOSES = [
    "Treatment", "Prevention", "Diagnostic", "Supportive Care", "Screening",
    "Health Services Research", "Basic Science", "Device Feasibility", "Other",
]
ALLOCATIONS = ["Randomized", "Non-Randomized", "N/A"]
MODELS = [
    "Parallel Assignment", "Single Group Assignment", "Crossover Assignment",
    "Factorial Assignment", "Sequential Assignment",
]
MASKINGS = [
    "None (Open label)", "Single Blind", "Double Blind", "Triple Blind", "Quadruple Blind",
]
FUNDERS = ["Other", "Industry", "NIH", "U.S. Fed", "Other U.S. Federal agency", "Network",
           "Individual", "Other Government"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
TITLE_PATTERNS = [
    "Safety and Efficacy of {t} in Patients With {c}",
    "A Study of {t} for the Treatment of {c}",
    "{t} for {c}",
    "Evaluate the Safety and Feasibility of {t} in Patients With {c}",
    "The Clinical Trial on the Use of {t} in {c}",
    "Effect of {t} on {w} in {c}",
    "{t} Versus {t2} in Adults With {c}",
    "Long-term Follow-up of {t} in {c}",
    "Phase {p} Study of {t} in {c}",
    "{w} and {w2} in {c}: an Observational Cohort",
]
CRITERION_PATTERNS = [
    "Age between {a} and {b} years",
    "Age > {a} years",
    "Diagnosis of {c} according to {w} criteria",
    "Clinically definite {c}",
    "History of {c} within the last {n} months",
    "EDSS > {n}",
    "Received {d} or {d2} during the {n} months before the trial",
    "Treatment with {d} within {n} weeks prior to the study",
    "Pregnant or possibly pregnant",
    "Pregnancy or breastfeeding",
    "Signed informed consent",
    "Unable to give written informed consent",
    "Significant cardiac, renal, or hepatic failure",
    "Total bilirubin higher than {n}.5 times the upper limit of normal",
    "Hemoglobin < {n} g/dl",
    "Creatinine clearance below {m} mL/min",
    "Body mass index between {a} and {b} kg/m2",
    "Participation in another clinical trial within {n} months",
    "Known allergy to {d}",
    "Active or chronic infection including HIV, hepatitis B or hepatitis C",
    "Life expectancy of less than {n} months",
]
LEAD_INS = [
    "as evidenced by one or more of the following:",
    "with all the following features:",
    "defined as any of the following:",
]


@dataclass(frozen=True)
class PageInfo:
    """One generated page: its path (relative to the corpus folder), layout and NCT id."""

    path: str
    layout: str
    nct_id: str | None


@dataclass
class Criterion:
    text: str
    children: list[Criterion] = field(default_factory=list)
    lead_in: bool = False  # an unbulleted line that introduces its children


@dataclass
class Arm:
    label: str
    type: str
    description: str
    treatments: list[str]


@dataclass
class Spec:
    """A trial, independent of the layout it is written in."""

    nct_id: str | None
    other_ids: list[str]
    title: str
    official_title: str | None
    acronym: str | None
    sponsor: str | None
    status: tuple[str, str, str]
    phases: list[str]
    study_type: str
    conditions: list[str]
    keywords: list[str]
    treatments: list[tuple[str, str, str]]  # (type word, name, description)
    funders: list[str]
    summary: list[str]
    description: list[str]
    enrollment: tuple[int, bool]  # (count, estimated)
    sex: str
    ages: tuple[str, str]  # (Veeva form, ClinicalTrials.gov form)
    volunteers: bool
    inclusion: list[Criterion]
    exclusion: list[Criterion]
    design: list[tuple[str, str]]
    arms: list[Arm]
    dates: list[tuple[str, tuple[int, int, int], str | None]]
    locations: int


class _Writer:
    """Draws the parts of one page from its own random stream."""

    def __init__(self, rng: random.Random, vocab: Vocabulary) -> None:
        self.rng = rng
        self.v = vocab

    # --- text ----------------------------------------------------------------------------

    def words(self, count: int) -> list[str]:
        rng, v = self.rng, self.v
        content = rng.choices(v.words, cum_weights=v.word_weights, k=count)
        glue = rng.choices(v.function_words, cum_weights=v.function_weights, k=count)
        rare = v.rare_words
        out = []
        for word, glue_word in zip(content, glue, strict=True):
            roll = rng.random()
            if roll < 0.4:
                out.append(glue_word)
            elif roll < 0.4 + RARE_SHARE:
                out.append(rng.choice(rare))
            else:
                out.append(word)
        return out

    def sentence(self, low: int = 8, high: int = 26, *, topic: Sequence[str] = ()) -> str:
        rng = self.rng
        tokens = self.words(rng.randint(low, high))
        if rng.random() < 0.35:
            tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(self.v.phrases))
        if topic and rng.random() < 0.5:
            tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(topic))
        if rng.random() < 0.2:
            unit = rng.choice(["months", "weeks", "days", "mg", "patients", "mg/kg"])
            tokens.insert(rng.randrange(len(tokens) + 1), f"{rng.randint(1, 120)} {unit}")
        if rng.random() < 0.1:
            tokens.append(f"({rng.choice(['MS', 'NMO', 'EDSS', 'MRI', 'ARR', 'DTI', 'PK'])})")
        text = " ".join(tokens)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, low: int, high: int, topic: Sequence[str]) -> str:
        count = self.rng.randint(low, high)
        return " ".join(self.sentence(topic=topic) for _ in range(count))

    # --- fields --------------------------------------------------------------------------

    def condition_list(self) -> list[str]:
        count = self.rng.choices([1, 2, 3, 4, 5, 6], weights=[34, 24, 17, 11, 8, 6])[0]
        found: list[str] = []
        while len(found) < count:
            pick = self.rng.choices(self.v.conditions, cum_weights=self.v.condition_weights)[0]
            if pick not in found:
                found.append(pick)
        return found

    def treatment(self) -> tuple[str, str, str]:
        rng = self.rng
        kind = rng.choices(
            [*self.v.interventions, "Drug"], weights=[18, 8, 6, 6, 4, 3, 2, 2, 1, 8, 42]
        )[0]
        if kind == "Drug":
            name = rng.choice(self.v.drugs)
            if rng.random() < 0.4:
                name += f" {rng.choice([5, 10, 20, 50, 100, 200, 400])} mg"
        else:
            name = rng.choice(self.v.interventions[kind])
        return kind, name, self.sentence(6, 18)

    def criterion_text(self, conditions: list[str], drugs: list[str]) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            a = rng.randint(1, 60)
            return rng.choice(CRITERION_PATTERNS).format(
                a=a, b=a + rng.randint(5, 60), n=rng.randint(1, 12), m=rng.randint(15, 90),
                c=rng.choice(conditions), w=rng.choice(["McDonald", "WHO", "ACR", "Rome IV"]),
                d=rng.choice(drugs), d2=rng.choice(drugs),
            )
        return self.sentence(5, 18)[:-1]

    def criteria(self, count: int, conditions: list[str], drugs: list[str]) -> list[Criterion]:
        rng = self.rng
        out: list[Criterion] = []
        for _ in range(count):
            node = Criterion(self.criterion_text(conditions, drugs))
            if rng.random() < 0.12:
                node.text = node.text + " " + rng.choice(LEAD_INS)
                node.lead_in = rng.random() < 0.4
                for _ in range(rng.randint(2, 4)):
                    child = Criterion(self.criterion_text(conditions, drugs))
                    if rng.random() < 0.1:
                        child.children = [Criterion(self.criterion_text(conditions, drugs))]
                    node.children.append(child)
            out.append(node)
        return out

    def ages(self) -> tuple[str, str]:
        rng = self.rng
        form = rng.choices(["range", "min", "max", "infant", "months"], weights=[55, 25, 8, 4, 8])
        low = rng.choice([18, 18, 18, 12, 16, 20, 21, 40, 50, 65])
        high = rng.choice([45, 55, 60, 65, 70, 75, 80, 85])
        if form[0] == "range":
            return f"{low} to {high} years old", f"{low} Years to {high} Years"
        if form[0] == "min":
            return f"{low}+ years old", f"{low} Years and older"
        if form[0] == "max":
            high = rng.choice([11, 17, 18])
            return f"Up to {high} years old", f"Up to {high} Years"
        if form[0] == "infant":
            weeks, months = rng.choice([2, 6, 8]), rng.choice([12, 18, 24])
            return f"{weeks} weeks to {months} months old", f"{weeks} Weeks to {months} Months"
        months = rng.choice([6, 12, 18])
        return f"{months} months to {high} years old", f"{months} Months to {high} Years"

    def dates(self) -> list[tuple[str, tuple[int, int, int], str | None]]:
        rng = self.rng
        year = rng.randint(2000, 2025)
        start = (year, rng.randint(1, 12), rng.randint(1, 28))
        primary = (year + rng.randint(1, 4), rng.randint(1, 12), rng.randint(1, 28))
        completion = (primary[0] + rng.randint(1, 2), rng.randint(1, 12), rng.randint(1, 28))
        update = (rng.randint(primary[0], max(primary[0], min(completion[0], 2025))),
                  rng.randint(1, 12), rng.randint(1, 28))

        def marker(date: tuple[int, int, int]) -> str | None:
            return "Anticipated" if date[0] >= 2025 else rng.choice([None, "Actual"])

        return [
            ("Study Started", start, marker(start)),
            ("Primary Completion", primary, marker(primary)),
            ("Study Completion", completion, marker(completion)),
            ("Last Update", update, "Estimate" if rng.random() < 0.5 else None),
        ]

    def spec(self, nct_id: str | None) -> Spec:
        rng, v = self.rng, self.v
        conditions = self.condition_list()
        observational = rng.random() < 0.15
        n_treatments = rng.choices([1, 2, 3, 4], [45, 35, 15, 5])[0]
        treatments = [self.treatment() for _ in range(n_treatments)]
        if observational and rng.random() < 0.5:
            treatments = []
        if not treatments:
            phases: list[str] = []
        else:
            phases = rng.choices([p for p, _ in PHASE_SETS], [w for _, w in PHASE_SETS])[0]
        if observational:
            phases = []
        names = [name for _, name, _ in treatments] or [rng.choice(v.drugs)]
        topic = [c.lower() for c in conditions] + names
        title = rng.choice(TITLE_PATTERNS).format(
            t=names[0], t2=rng.choice(names[1:] or v.drugs).capitalize(), c=conditions[0],
            w=rng.choice(v.words[:300]).capitalize(), w2=rng.choice(v.words[:300]),
            p=rng.choice(["I", "II", "III", "I/II"]),
        )
        official = None
        if rng.random() < 0.7:
            official = (f"A {rng.choice(['Randomized', 'Prospective', 'Multicenter', 'Pilot'])} "
                        f"{rng.choice(['Phase II', 'Phase III', 'Open-label', 'Controlled'])} "
                        f"Study of {names[0]} in {', '.join(conditions[:2])}")
        drugs = [rng.choice(v.drugs) for _ in range(3)]
        n_arms = 0 if not treatments else rng.choices([1, 2, 3, 4], [30, 50, 15, 5])[0]
        arms = []
        for index in range(n_arms):
            arm_type = "Experimental" if index == 0 else rng.choice(ARM_TYPES)
            typed = [f"{kind}: {name}" for kind, name, _ in treatments]
            given = [] if arm_type == "No Intervention" else rng.sample(
                typed, k=rng.randint(1, len(typed)))
            label = rng.choice([
                f"{names[index % len(names)]} group", f"Arm {'ABCD'[index]}", "Control group",
                f"Cohort {index + 1}", f"{rng.choice(['Low', 'High', 'Standard'])} dose",
                names[index % len(names)],
            ])
            arms.append(Arm(label, arm_type, self.sentence(8, 30), given))
        design: list[tuple[str, str]] = []
        if not observational:
            design = [
                ("Primary purpose", rng.choices(PURPOSES, [60, 10, 4, 8, 3, 3, 7, 2, 3])[0]),
                ("Allocation", rng.choice(ALLOCATIONS)),
                ("Interventional model", rng.choices(MODELS, [50, 35, 8, 4, 3])[0]),
                ("Masking", rng.choices(MASKINGS, [45, 10, 20, 10, 15])[0]),
            ]
        other_ids = []
        for _ in range(rng.choices([0, 1, 2], [25, 55, 20])[0]):
            other_ids.append(rng.choice([
                f"IRB{rng.randint(2005, 2024)}-{rng.randint(1, 999):03d}-{rng.randint(1, 9):02d}",
                f"{rng.randint(1000, 9999)}-{rng.randint(1, 9)}-{rng.randint(100, 999)}",
                f"{rng.randint(2010, 2024)}-00{rng.randint(1000, 9999)}-{rng.randint(10, 99)} "
                "(EudraCT Number)",
                f"R01{rng.choice(['NS', 'HL', 'CA', 'AI'])}{rng.randint(10000, 99999)} "
                "(U.S. NIH Grant/Contract)",
            ]))
        status = rng.choices(STATUSES, [s[3] for s in STATUSES])[0][:3]
        count = rng.choice([rng.randint(5, 60), rng.randint(20, 400), rng.randint(100, 3000)])
        return Spec(
            nct_id=nct_id,
            other_ids=list(dict.fromkeys(other_ids)),
            title=title,
            official_title=official,
            acronym=rng.choice(["", "", "", "MESEMS", "STEM-MS", "NEURO-2", "CARE"]) or None,
            sponsor=rng.choices(v.sponsors, cum_weights=v.sponsor_weights)[0],
            status=status,
            phases=phases,
            study_type="Observational" if observational else "Interventional",
            conditions=conditions,
            keywords=rng.sample(v.words[:400], k=rng.randint(0, 4)),
            treatments=treatments,
            funders=rng.sample(FUNDERS, k=rng.choices([1, 2], [85, 15])[0]),
            summary=[self.paragraph(2, 4, topic)
                     for _ in range(rng.choices([1, 2, 3], [40, 45, 15])[0])],
            description=[self.paragraph(2, 4, topic)
                         for _ in range(rng.choices([0, 1, 2, 3, 4], [25, 30, 25, 15, 5])[0])],
            enrollment=(count, status[0] in PLANNED or rng.random() < 0.2),
            sex=rng.choices(["All", "Female", "Male"], [80, 12, 8])[0],
            ages=self.ages(),
            volunteers=rng.random() < 0.15,
            inclusion=self.criteria(rng.randint(2, 10), conditions, drugs),
            exclusion=self.criteria(rng.randint(1, 12), conditions, drugs),
            design=design,
            arms=arms,
            dates=self.dates(),
            locations=rng.choices([1, rng.randint(2, 20), rng.randint(20, 300)], [55, 30, 15])[0],
        )


# --- layouts ---------------------------------------------------------------------------


def _veeva_criteria(nodes: list[Criterion], rng: random.Random, numbered: bool) -> list[str]:
    lines: list[str] = []
    spaced = any(node.children for node in nodes) and rng.random() < 0.7
    for number, node in enumerate(nodes, 1):
        bullet = f"{number}." if numbered else "•"
        lines.append(f"  {node.text}" if node.lead_in else f"  {bullet} {node.text}")
        if node.children:
            lines.append("")
            for letter, child in zip("abcdefgh", node.children, strict=False):
                sub = f"{letter}." if numbered else "•"
                lines.append(f"    {sub} {child.text}")
                lines.extend(f"      ◦ {grand.text}" for grand in child.children)
        if spaced:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _enrollment_veeva(spec: Spec) -> str:
    count, estimated = spec.enrollment
    number = f"{count:,}" if count >= 1000 else str(count)
    return f"{number} estimated patients" if estimated else f"{number} patients"


def _group_line(spec: Spec) -> str:
    groups = len(spec.arms)
    line = f"{spec.enrollment[0]} participants in {groups} patient group{'s' if groups > 1 else ''}"
    if any(arm.type == "Placebo Comparator" for arm in spec.arms):
        line += ", including a placebo group"
    return line


def render_veeva(spec: Spec, rng: random.Random) -> str:
    out = ["ClinicalTrials.Veeva", "", "Menu", "", spec.title, ""]
    if spec.sponsor:
        if rng.random() < 0.2:
            out += [f"{spec.sponsor} logo", ""]
        else:
            out += [spec.sponsor[0].upper(), ""]
        out += [spec.sponsor, ""]
    out += ["Status and phase", "", spec.status[1], *spec.phases, "", "Conditions", "",
            *spec.conditions, ""]
    if spec.treatments:
        out += ["Treatments", "", *[f"{k}: {n}" for k, n, _ in spec.treatments], ""]
    out += ["Study type", "", spec.study_type, ""]
    if rng.random() < 0.9:
        out += ["Funder types", "", *spec.funders, ""]
    ids = ([spec.nct_id] if spec.nct_id else []) + spec.other_ids
    if ids:
        out += ["Identifiers", "", *ids, ""]
    out += ["Details and patient eligibility", "", "About", ""]
    for paragraph in spec.summary:
        out += [paragraph, ""]
    if spec.description:
        out += ["Full description", ""]
        for paragraph in spec.description:
            out += [paragraph, ""]
    out += ["Enrollment", "", _enrollment_veeva(spec), "", "Sex", "", spec.sex, "",
            "Ages", "", spec.ages[0], ""]
    if rng.random() < 0.95:
        volunteers = "Accepts Healthy Volunteers" if spec.volunteers else "No Healthy Volunteers"
        out += ["Volunteers", "", volunteers, ""]
    numbered = rng.random() < 0.2
    if rng.random() < 0.25:
        out += ["Inclusion and exclusion criteria", "", "Criteria:", "", "Inclusion Criteria:", "",
                *_veeva_criteria(spec.inclusion, rng, numbered), "", "Exclusion Criteria:", "",
                *_veeva_criteria(spec.exclusion, rng, numbered), ""]
    else:
        out += ["Inclusion criteria", "", *_veeva_criteria(spec.inclusion, rng, numbered), "",
                "Exclusion criteria", "", *_veeva_criteria(spec.exclusion, rng, numbered), ""]
    if spec.design or spec.arms:
        out += ["Trial design", ""]
        for heading, value in spec.design:
            out += [heading, "", value, ""]
        if spec.arms:
            out += [_group_line(spec), ""]
        for arm in spec.arms:
            out += [arm.label, f"{arm.type} group", "Description:", arm.description]
            if arm.treatments:
                out += ["Treatment:", *arm.treatments]
        out.append("")
    out += ["Trial contacts and locations", "", f"{spec.locations:,}", "", "Loading...", "",
            "Data sourced from clinicaltrials.gov", "", "Clinical trials", "",
            "Find clinical trialsTrials by location",
            f"© Copyright {rng.choice([2025, 2026])} Veeva Systems"]
    return "\n".join(out)


def render_stripped(spec: Spec, rng: random.Random) -> str:
    """A Veeva page whose values were lost in the scrape (seed 002): headings and prose only."""
    out = ["Status and phase", "Conditions", "Treatments", "About", *spec.summary]
    if spec.description:
        out += ["Full description", *spec.description]
    out += ["Enrollment", "Sex", "Ages", "Volunteers", "Inclusion criteria"]
    out += [node.text for node in spec.inclusion]
    out += ["Exclusion criteria"]
    if rng.random() < 0.5:
        out += [node.text for node in spec.exclusion]
    if spec.design:
        out += ["Primary purpose", "Allocation", "Interventional model", "Masking"]
    if spec.arms:
        out.append(_group_line(spec))
    out += ["Loading...", "Data sourced from clinicaltrials.gov", "Clinical trials",
            "Research sites", "Resources", "Legal"]
    return "\n".join(out)


def _ctgov_criteria(nodes: list[Criterion], rng: random.Random) -> list[str]:
    bullet = rng.choice(["", "", "* "])
    lines: list[str] = []
    for node in nodes:
        lines.append(node.text if node.lead_in else f"{bullet}{node.text}")
        for child in node.children:
            lines.append(f"  {bullet or '- '}{child.text}")
            lines.extend(f"    {bullet or '- '}{grand.text}" for grand in child.children)
    return lines


def _date_lines(date: tuple[int, int, int], rng: random.Random) -> list[str]:
    year, month, day = date
    if rng.random() < 0.8:
        return [f"{MONTHS[month - 1]} {day}", str(year)]
    return [f"{LONG_MONTHS[month - 1]} {day}, {year}"]


def render_ctgov(spec: Spec, rng: random.Random) -> str:
    out = ["Title", "", spec.title]
    if spec.official_title:
        out.append(spec.official_title)

    def bullet(label: str, *values: str) -> None:
        out.extend([f"  • {label}", ""])
        out.extend(f"    {value}" for value in values)

    if spec.phases:
        phases = [p for p in spec.phases if p != "Early Phase 1"]
        if "Early Phase 1" in spec.phases:
            bullet("Phase", "Early Phase 1")
        elif phases == ["N/A"]:
            bullet("Phase", "N/A")
        else:
            bullet("Phase", "/".join(phases))
    bullet("Study Type", spec.study_type)
    bullet("Status", spec.status[2])
    count, estimated = spec.enrollment
    bullet("Study Participants", f"{count} (Estimated)" if estimated and rng.random() < 0.5
           else str(count))
    if spec.nct_id and rng.random() < 0.9:
        bullet("NCT Number", spec.nct_id)
    if rng.random() < 0.6:
        bullet("Conditions", *spec.conditions)
    if spec.sponsor and rng.random() < 0.7:
        bullet("Sponsor", spec.sponsor)
    if spec.acronym:
        bullet("Acronym", spec.acronym)
    if spec.keywords and rng.random() < 0.5:
        bullet("Keywords", *spec.keywords)
    if rng.random() < 0.5:
        bullet("Sexes Eligible", spec.sex)
        bullet("Ages Eligible", spec.ages[1])
        bullet("Healthy Volunteers", "Yes" if spec.volunteers else "No")
    for index, paragraph in enumerate(spec.summary + spec.description):
        if index:
            out.append("")
        out.append(paragraph)
    for label, date, marker in spec.dates:
        out += [label, *_date_lines(date, rng)]
        if marker:
            out.append(marker)
    out.append("")
    for kind, name, description in spec.treatments:
        out += [f"{kind} {name}", "", description, ""]
    for arm in spec.arms:
        out += [f"{arm.label} {arm.type}", "", arm.description, *arm.treatments, ""]
    out += ["Criteria", "", "Inclusion Criteria:", "", *_ctgov_criteria(spec.inclusion, rng), "",
            "Exclusion Criteria:", "", *_ctgov_criteria(spec.exclusion, rng)]
    out.append(rng.choices(["No Results Posted", "Results Posted"], [85, 15])[0])
    return "\n".join(out)


RENDERERS = {VEEVA: render_veeva, STRIPPED: render_stripped, CTGOV: render_ctgov}


# --- corpus ----------------------------------------------------------------------------


def nct_for(index: int, seed: int) -> str:
    """A unique NCT id per (index, seed): an affine permutation of 0..10^8-1."""
    return f"NCT{(index * 48271 + 1_000_003 + seed * 7_777_777) % 100_000_000:08d}"


def page(index: int, seed: int = 0) -> tuple[str, str, str | None]:
    """(layout, text, nct id) of page index of the corpus with this seed."""
    rng = random.Random(f"trials-bench:{seed}:{index}")
    roll = rng.random()
    layout = next(name for share, name in LAYOUTS if roll < share)
    if layout == STRIPPED:
        nct_id = None
    elif layout == CTGOV:
        nct_id = nct_for(index, seed) if rng.random() < 0.7 else None
    else:
        nct_id = nct_for(index, seed) if rng.random() < 0.95 else None
    spec = _Writer(rng, vocabulary()).spec(nct_id)
    text = RENDERERS[layout](spec, rng)
    if layout == CTGOV and nct_id and f"NCT Number\n\n    {nct_id}" not in text:
        nct_id = None  # the page left its NCT id out
    return layout, text, nct_id


def generate(out_dir: str | Path, n: int, seed: int = 0) -> list[PageInfo]:
    """Write n pages to out_dir/pages/ and the manifest out_dir/corpus.json; return the pages.

    What out_dir held before is replaced. Page paths are relative to out_dir.
    """
    out = Path(out_dir)
    pages_folder = out / PAGES
    if pages_folder.exists():
        shutil.rmtree(pages_folder)
    (out / MANIFEST).unlink(missing_ok=True)
    pages_folder.mkdir(parents=True)
    pages: list[PageInfo] = []
    total_bytes = 0
    for index in range(n):
        layout, text, nct_id = page(index, seed)
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:16]
        relative = f"{PAGES}/{index // FOLDER_SIZE:03d}/{index:06d}_{digest}.txt"
        path = out / relative
        if index % FOLDER_SIZE == 0:
            path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        total_bytes += len(data)
        pages.append(PageInfo(relative, layout, nct_id))
    manifest = {
        "version": GENERATOR_VERSION, "n": n, "seed": seed, "bytes": total_bytes,
        "pages": [asdict(info) for info in pages],
    }
    # Written last: a corpus without its manifest is incomplete and is generated again.
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return pages


def read_manifest(out_dir: str | Path) -> dict | None:
    """The manifest of a corpus folder, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def ensure(out_dir: str | Path, n: int, seed: int = 0) -> tuple[dict, bool]:
    """The corpus (n, seed) in out_dir, reused when its manifest matches, else generated.

    Returns (manifest, whether it was generated now).
    """
    manifest = read_manifest(out_dir)
    wanted = {"version": GENERATOR_VERSION, "n": n, "seed": seed}
    matches = manifest is not None and all(manifest.get(k) == v for k, v in wanted.items())
    if matches and manifest is not None and (Path(out_dir) / PAGES).is_dir():
        return manifest, False
    generate(out_dir, n, seed)
    manifest = read_manifest(out_dir)
    assert manifest is not None
    return manifest, True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.corpus", description="Write N synthetic trial pages."
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    pages = generate(args.out_dir, args.n, args.seed)
    layouts: dict[str, int] = {}
    for info in pages:
        layouts[info.layout] = layouts.get(info.layout, 0) + 1
    size = sum((args.out_dir / info.path).stat().st_size for info in pages)
    print(f"{len(pages)} pages, {size / max(1, len(pages)) / 1024:.1f} KiB on average, "
          f"layouts {layouts}, in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
