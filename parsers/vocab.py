"""Map the words trial pages use onto the ClinicalTrials.gov API v2 enum vocabulary."""

from __future__ import annotations

import functools
import re

from . import brackets

PHASE_ORDER = ("NA", "EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4")

STATUSES = {
    "active not recruiting": "ACTIVE_NOT_RECRUITING",
    "no longer recruiting": "ACTIVE_NOT_RECRUITING",  # the registry's name for it until 2007
    "active not enrolling": "ACTIVE_NOT_RECRUITING",
    "completed": "COMPLETED",
    "enrolling by invitation": "ENROLLING_BY_INVITATION",
    "not yet recruiting": "NOT_YET_RECRUITING",
    "not yet enrolling": "NOT_YET_RECRUITING",
    "recruiting": "RECRUITING",
    "enrolling": "RECRUITING",
    "suspended": "SUSPENDED",
    "terminated": "TERMINATED",
    "withdrawn": "WITHDRAWN",
    "available": "AVAILABLE",
    "no longer available": "NO_LONGER_AVAILABLE",
    "temporarily not available": "TEMPORARILY_NOT_AVAILABLE",
    "approved for marketing": "APPROVED_FOR_MARKETING",
    "withheld": "WITHHELD",
    "unknown": "UNKNOWN",
    "unknown status": "UNKNOWN",
}

STUDY_TYPES = {
    "interventional": "INTERVENTIONAL",
    "observational": "OBSERVATIONAL",
    "expanded access": "EXPANDED_ACCESS",
}

INTERVENTION_TYPES = {
    "behavioral": "BEHAVIORAL",
    "behavioural": "BEHAVIORAL",
    "behavior": "BEHAVIORAL",  # the archive schema's word
    "biological": "BIOLOGICAL",
    "combination product": "COMBINATION_PRODUCT",
    "device": "DEVICE",
    "diagnostic test": "DIAGNOSTIC_TEST",
    "dietary supplement": "DIETARY_SUPPLEMENT",
    "drug": "DRUG",
    "genetic": "GENETIC",
    "procedure": "PROCEDURE",
    "radiation": "RADIATION",
    "other": "OTHER",
}

FUNDER_TYPES = {
    "nih": "NIH",
    "fed": "FED",
    "u s fed": "FED",
    "other u s federal agency": "FED",
    "other gov": "OTHER_GOV",
    "other government": "OTHER_GOV",
    "indiv": "INDIV",
    "individual": "INDIV",
    "industry": "INDUSTRY",
    "network": "NETWORK",
    "ambig": "AMBIG",
    "ambiguous": "AMBIG",
    "other": "OTHER",
    "unknown": "UNKNOWN",
}

PRIMARY_PURPOSES = {
    "treatment": "TREATMENT",
    "prevention": "PREVENTION",
    "diagnostic": "DIAGNOSTIC",
    "ect": "ECT",
    "educational counseling training": "ECT",
    "supportive care": "SUPPORTIVE_CARE",
    "screening": "SCREENING",
    "health services research": "HEALTH_SERVICES_RESEARCH",
    "basic science": "BASIC_SCIENCE",
    "device feasibility": "DEVICE_FEASIBILITY",
    "other": "OTHER",
}

OBSERVATIONAL_MODELS = {
    "cohort": "COHORT",
    "case control": "CASE_CONTROL",
    "case only": "CASE_ONLY",
    "case crossover": "CASE_CROSSOVER",
    "ecologic or community": "ECOLOGIC_OR_COMMUNITY",
    "ecologic or community studies": "ECOLOGIC_OR_COMMUNITY",
    "family based": "FAMILY_BASED",
    "defined population": "DEFINED_POPULATION",
    "natural history": "NATURAL_HISTORY",
    "other": "OTHER",
}

TIME_PERSPECTIVES = {
    "prospective": "PROSPECTIVE",
    "retrospective": "RETROSPECTIVE",
    "cross sectional": "CROSS_SECTIONAL",
    "other": "OTHER",
}

AGE_GROUPS = {
    "child": "CHILD",
    "children": "CHILD",
    "adult": "ADULT",
    "adults": "ADULT",
    "older adult": "OLDER_ADULT",
    "older adults": "OLDER_ADULT",
}
AGE_GROUP_ORDER = ("CHILD", "ADULT", "OLDER_ADULT")

SAMPLING_METHODS = {
    "probability sample": "PROBABILITY_SAMPLE",
    "non probability sample": "NON_PROBABILITY_SAMPLE",
}

ALLOCATIONS = {
    "randomized": "RANDOMIZED",
    "non randomized": "NON_RANDOMIZED",
    "nonrandomized": "NON_RANDOMIZED",
    "n a": "NA",
    "na": "NA",
    "not applicable": "NA",
}

INTERVENTION_MODELS = {
    "single group": "SINGLE_GROUP",
    "parallel": "PARALLEL",
    "crossover": "CROSSOVER",
    "factorial": "FACTORIAL",
    "sequential": "SEQUENTIAL",
}

MASKINGS = {
    "none": "NONE",
    "no": "NONE",  # "No masking" (older classic XML)
    "open label": "NONE",
    "open": "NONE",
    "unmasked": "NONE",
    "single": "SINGLE",
    "double": "DOUBLE",
    "triple": "TRIPLE",
    "quadruple": "QUADRUPLE",
}

ARM_TYPES = {
    "experimental": "EXPERIMENTAL",
    "active comparator": "ACTIVE_COMPARATOR",
    "placebo comparator": "PLACEBO_COMPARATOR",
    "sham comparator": "SHAM_COMPARATOR",
    "no intervention": "NO_INTERVENTION",
    "other": "OTHER",
}

SEXES = {"all": "ALL", "both": "ALL", "female": "FEMALE", "male": "MALE"}

# --- record version 2: sites, people, references, data sharing ---

#: A site's recruitment status (the API's RecruitmentStatus: no NO_LONGER_AVAILABLE etc.).
LOCATION_STATUSES = {
    key: value
    for key, value in STATUSES.items()
    if value
    in {
        "ACTIVE_NOT_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION", "NOT_YET_RECRUITING",
        "RECRUITING", "SUSPENDED", "TERMINATED", "WITHDRAWN", "AVAILABLE",
    }
}

OFFICIAL_ROLES = {
    "study chair": "STUDY_CHAIR",
    "study director": "STUDY_DIRECTOR",
    "principal investigator": "PRINCIPAL_INVESTIGATOR",
    "sub investigator": "SUB_INVESTIGATOR",
}

CONTACT_ROLES = {**OFFICIAL_ROLES, "contact": "CONTACT"}

REFERENCE_TYPES = {
    "background": "BACKGROUND",
    "result": "RESULT",
    "results": "RESULT",
    "results reference": "RESULT",
    "derived": "DERIVED",
}

IPD_PLANS = {"yes": "YES", "no": "NO", "undecided": "UNDECIDED"}
RESPONSIBLE_PARTY_TYPES = {
    "sponsor": "SPONSOR",
    "principal investigator": "PRINCIPAL_INVESTIGATOR",
    "sponsor investigator": "SPONSOR_INVESTIGATOR",
}

IPD_INFO_TYPES = {
    "study protocol": "STUDY_PROTOCOL",
    "sap": "SAP",
    "statistical analysis plan": "SAP",
    "statistical analysis plan sap": "SAP",
    "icf": "ICF",
    "informed consent form": "ICF",
    "informed consent form icf": "ICF",
    "csr": "CSR",
    "clinical study report": "CSR",
    "clinical study report csr": "CSR",
    "analytic code": "ANALYTIC_CODE",
}

#: An analysis's estimate dispersion (API v2 analysisDispersionType; the classic XML's
#: <dispersion_type> words).
ANALYSIS_DISPERSIONS = {
    "standard deviation": "STANDARD_DEVIATION",
    "standard error of the mean": "STANDARD_ERROR_OF_MEAN",
    "standard error of mean": "STANDARD_ERROR_OF_MEAN",
}
#: An analysis's confidence interval sides (API v2 ciNumSides; the XML's "2-Sided").
CI_SIDES = {
    "1 sided": "ONE_SIDED",
    "one sided": "ONE_SIDED",
    "2 sided": "TWO_SIDED",
    "two sided": "TWO_SIDED",
}

#: A study's biospecimen retention (API v2 bioSpec.retention; the XML's "Samples With DNA").
BIOSPEC_RETENTIONS = {
    "samples with dna": "SAMPLES_WITH_DNA",
    "samples without dna": "SAMPLES_WITHOUT_DNA",
    "none retained": "NONE_RETAINED",
}
#: The kinds of expanded access a study offers, in the registry's order (API v2
#: expandedAccessTypes' keys; the XML's expanded_access_type_* elements).
EXPANDED_ACCESS_TYPES = ("INDIVIDUAL", "INTERMEDIATE", "TREATMENT")
#: The classic CSV export's names of the expanded access types ("Expanded Access:Individual
#: Patients|Treatment IND/Protocol").
EXPANDED_ACCESS_NAMES = {
    "individual patients": "INDIVIDUAL",
    "intermediate size population": "INTERMEDIATE",
    "treatment ind protocol": "TREATMENT",
}
#: The status of the expanded access record an interventional study names (API v2
#: statusModule.expandedAccessInfo.statusForNctId).
EXPANDED_ACCESS_STATUSES = {
    key: value for key, value in STATUSES.items()
    if value in {"AVAILABLE", "NO_LONGER_AVAILABLE", "TEMPORARILY_NOT_AVAILABLE",
                 "APPROVED_FOR_MARKETING"}
}

AGE_UNITS = {
    "year": "YEARS",
    "yr": "YEARS",
    "month": "MONTHS",
    "week": "WEEKS",
    "day": "DAYS",
    "hour": "HOURS",
    "minute": "MINUTES",
}

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "0": "0"}


_NOT_KEY = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=4096)
def vocab_key(text: str) -> str:
    """Casefold a page word and collapse everything but letters and digits to single spaces."""
    return _NOT_KEY.sub(" ", text.casefold()).strip()


def lookup(table: dict[str, str], text: str) -> str | None:
    """Map a page word or an enum spelling onto an enum value, or None."""
    key = vocab_key(text)
    if key in table:
        return table[key]
    enum = text.strip().upper()
    return enum if enum in table.values() else None


def status(text: str) -> str | None:
    """Map an overall status ("Enrolling", "Unknown status", "ACTIVE_NOT_RECRUITING")."""
    return lookup(STATUSES, text)


def design_value(table: dict[str, str], text: str) -> str | None:
    """Map a design value, ignoring "Assignment", "Blind" and parenthesised details."""
    found = lookup(table, text)
    if found:
        return found
    bare = brackets.remove(text)
    bare = re.sub(r"\b(assignment|blind(ed)?|masking)\b", " ", bare, flags=re.IGNORECASE)
    found = lookup(table, bare)
    if found or "(" not in text:
        return found
    inner = brackets.inner(text)
    return lookup(table, inner[0]) if inner else None


def phases(text: str) -> list[str] | None:
    """Map a phase line ("Phase 2", "Phase 1/Phase 2", "Phase I/II", "N/A") to enums, or None."""
    key = vocab_key(text)
    if key in {"n a", "na", "not applicable"}:
        return ["NA"]
    if re.fullmatch(r"(early )?phase ?[0-9iv]+(( phase ?| )[0-9iv]+)*", key) is None:
        return None
    early = key.startswith("early")
    found: set[str] = set()
    for token in re.findall(r"[0-9]+|[iv]+", key.replace("phase", " ")):
        number = _ROMAN.get(token, token)
        if number == "0" or (early and number == "1"):
            found.add("EARLY_PHASE1")
        elif number in {"1", "2", "3", "4"}:
            found.add(f"PHASE{number}")
        else:
            return None
    return sort_phases(found) if found else None


def sort_phases(values: set[str] | list[str]) -> list[str]:
    """Phases in ascending order, without duplicates."""
    return [phase for phase in PHASE_ORDER if phase in set(values)]


def age_unit(text: str) -> str | None:
    """Map "years", "Months", "wk" style units to the enum."""
    key = vocab_key(text).rstrip("s")
    if key in AGE_UNITS:
        return AGE_UNITS[key]
    return {"wk": "WEEKS", "mo": "MONTHS", "hr": "HOURS", "min": "MINUTES"}.get(key)


def humanise(value: str | None) -> str:
    """Turn an enum value into words for display ("ACTIVE_NOT_RECRUITING" → "Active, not ...")."""
    if value is None:
        return ""
    special = {
        "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
        "NA": "N/A",
        "EARLY_PHASE1": "Early Phase 1",
        "ECT": "Educational/Counseling/Training",
        "NIH": "NIH",
        "FED": "U.S. Federal",
        "OTHER_GOV": "Other government",
        "INDIV": "Individual",
        "AMBIG": "Ambiguous",
        "SAMPLES_WITH_DNA": "Samples with DNA",
        "SAMPLES_WITHOUT_DNA": "Samples without DNA",
    }
    if value in special:
        return special[value]
    match = re.fullmatch(r"PHASE(\d)", value)
    if match:
        return f"Phase {match.group(1)}"
    return value.replace("_", " ").capitalize()

#: A secondary id's type (secondary_id_details[].type) in words.
SECONDARY_ID_TYPES = {
    "NIH": "U.S. NIH grant/contract",
    "FDA": "U.S. FDA grant/contract",
    "VA": "U.S. VA grant/contract",
    "CDC": "U.S. CDC grant/contract",
    "AHRQ": "U.S. AHRQ grant/contract",
    "SAMHSA": "U.S. SAMHSA grant/contract",
    "OTHER_GRANT": "other grant/funding number",
    "EUDRACT_NUMBER": "EudraCT number",
    "CTIS": "EU trial (CTIS) number",
    "REGISTRY": "registry identifier",
}
