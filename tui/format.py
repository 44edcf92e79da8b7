"""Humanised text for record fields, shared by the command and the browser."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from parsers import humanise, is_csv_row, left_out, vocab

DATE_LABELS = {
    "start": "Start",
    "primary_completion": "Primary completion",
    "completion": "Completion",
    "first_submitted": "First submitted",
    "first_posted": "First posted",
    "results_first_posted": "Results first posted",
    "last_update": "Last update",
    "status_verified": "Status verified",
}
#: The oversight flags in words.
OVERSIGHT_LABELS = {
    "has_dmc": "data monitoring committee",
    "fda_regulated_drug": "FDA-regulated drug",
    "fda_regulated_device": "FDA-regulated device",
    "unapproved_device": "unapproved device",
    "us_export": "exported from the US",
}


def enum_text(value: str | None) -> str:
    """An enum value in words ("NON_RANDOMIZED" → "Non randomized")."""
    return humanise(value)


def masked_text(roles: list[str] | None) -> str:
    """Who is masked, in words: "Participant, care provider, investigator"."""
    text = ", ".join(humanise(role).lower() for role in roles or [])
    return text[:1].upper() + text[1:]


def not_posted_text(measure: dict[str, Any]) -> str:
    """ "Values not posted (anticipated 2017-05)": a measure whose values are not posted, with
    the date the registry expects them when it states one."""
    when = measure.get("anticipated_posting_date")
    return f"Values not posted (anticipated {when})" if when else "Values not posted"


def phases_text(phases: list[str]) -> str:
    """Phases as the registries write them: "Phase 1/Phase 2"."""
    return "/".join(humanise(phase) for phase in phases)


def age_text(age: dict[str, Any] | None) -> str:
    """One age bound: "18 years", "1 month"."""
    if not age:
        return ""
    value, unit = age["value"], str(age["unit"]).lower()
    return f"{value:g} {unit[:-1] if value == 1 else unit}"


def ages_text(min_age: dict[str, Any] | None, max_age: dict[str, Any] | None) -> str:
    """An age range: "18 to 80 years", "6 weeks to 18 months", "18 years and older"."""
    if min_age and max_age:
        if min_age["unit"] == max_age["unit"]:
            return f"{min_age['value']:g} to {age_text(max_age)}"
        return f"{age_text(min_age)} to {age_text(max_age)}"
    if min_age:
        return f"{age_text(min_age)} and older"
    if max_age:
        return f"up to {age_text(max_age)}"
    return ""


def enrollment_text(enrollment: dict[str, Any] | None) -> str:
    """ "15 (actual)", "16,372 (estimated)" or "20"."""
    if not enrollment:
        return ""
    kind = enrollment.get("type")
    count = enrollment["count"]
    shown = f"{count:,}" if isinstance(count, int) and not isinstance(count, bool) else str(count)
    return f"{shown} ({kind.lower()})" if kind else shown


def date_text(entry: dict[str, Any] | None) -> str:
    """ "2013-03-31 (estimated)" or "2010-01-31"."""
    if not entry:
        return ""
    kind = entry.get("type")
    return f"{entry['date']} (estimated)" if kind == "ESTIMATED" else entry["date"]


def responsible_party_text(party: dict[str, Any] | None) -> str:
    """ "Principal investigator: Jane Roe, Professor, University of X" or ""."""
    if not party:
        return ""
    who = ", ".join(part for part in (party.get("name"), party.get("title"),
                                      party.get("affiliation")) if part)
    kind = humanise(party["type"]) if party.get("type") else ""
    return f"{kind}: {who}" if kind and who else kind or who


def oversight_text(oversight: dict[str, Any] | None) -> str:
    """ "Data monitoring committee: yes; FDA-regulated drug: no" for the stated flags."""
    if not oversight:
        return ""
    text = "; ".join(f"{label}: {yes_no(oversight.get(key)).lower()}"
                     for key, label in OVERSIGHT_LABELS.items()
                     if oversight.get(key) is not None)
    return text[:1].upper() + text[1:]


def document_text(document: dict[str, Any]) -> str:
    """ "Study Protocol and Statistical Analysis Plan, 2016-03-01"."""
    label = document.get("label") or document.get("filename") or "Document"
    return f"{label}, {document['date']}" if document.get("date") else label


#: Expanded access types in the registry's words.
EXPANDED_ACCESS_LABELS = {
    "INDIVIDUAL": "Individual patients",
    "INTERMEDIATE": "Intermediate-size population",
    "TREATMENT": "Treatment IND/protocol",
}


def expanded_access_offer_text(access: dict[str, Any] | None) -> str:
    """Whether a study's drug is also available through expanded access, and the registry's
    record of that access: "Yes: NCT03559686 (Available)", "No"."""
    if not access:
        return ""
    answer = yes_no(access.get("available"))
    status = f"({humanise(access['status'])})" if access.get("status") else ""
    record = " ".join(part for part in (access.get("nct_id"), status) if part)
    return f"{answer}: {record}" if answer and record else answer or record


def biospec_text(biospec: dict[str, Any] | None) -> str:
    """ "Samples with DNA: Skin swabs, nasal swabs" (the retention, the description)."""
    if not biospec:
        return ""
    kind = humanise(biospec.get("retention"))
    description = biospec.get("description") or ""
    return f"{kind}: {description}" if kind and description else kind or description


def expanded_access_text(types: list[str] | None) -> str:
    """ "Individual patients, Treatment IND/protocol"."""
    return ", ".join(EXPANDED_ACCESS_LABELS.get(kind, humanise(kind)) for kind in types or [])


def registry_text(registry: bool | None, duration: str | None) -> str:
    """ "Yes, 36 months" (a patient registry and its target duration), "No", or ""."""
    if registry is None:
        return f"target duration {duration.lower()}" if duration else ""
    return f"{yes_no(registry)}, {duration.lower()}" if duration else yes_no(registry)


def criteria_count(criteria: list[dict[str, Any]], count: int) -> str:
    """ "10" for a flat list; "10, with 15 sub-items" when the count of every criterion
    (count) is more than the numbered ones at the top (notes are not numbered)."""
    top = sum(not node.get("note") for node in criteria)
    if count == top:
        return str(count)
    below = count - top
    return f"{top}, with {below} sub-item{'' if below == 1 else 's'}"


#: What a section of a CSV row reads: the site's download summarises a study.
NOT_IN_CSV = "not in the site's CSV download"
#: The outcome measures of a classic CSV row (its one Outcome Measures column).
OUTCOME_MEASURES = "Outcome measures"
KINDS_UNSTATED = "the classic CSV download does not say which are primary or secondary"


#: What a section of a partial record reads when its source left the section's module out
#: (an API answer restricted by `fields=`): unknown, not none.
NOT_IN_SOURCE = "not in this record's source (a partial study)"


def unknown_section(record: Mapping[str, Any], section: str) -> str | None:
    """What a section the record's source does not hold reads in a report ("Not in the
    site's CSV download.", "Not in this record's source (a partial study)."); None when the
    source holds it (an empty section is then one the study states empty)."""
    if is_csv_row(record) and section in ("arms", "criteria"):
        return f"{NOT_IN_CSV[0].upper()}{NOT_IN_CSV[1:]}."
    if left_out(record, section):
        return f"{NOT_IN_SOURCE[0].upper()}{NOT_IN_SOURCE[1:]}."
    return None


def left_out_text(what: str) -> str:
    """The note of a tab whose section a partial record's source left out."""
    return f"This record is partial: its source leaves out the study's {what}."


def not_in_file(column: str) -> str:
    """What a field of a CSV row reads when its file left the column out."""
    return f"not in this CSV file (no {column} column)"


#: Secondary id types in the registry's words (API v2 SecondaryIdType; OTHER says nothing).
SECONDARY_ID_LABELS = vocab.SECONDARY_ID_TYPES


def other_ids_text(ids: list[str], details: Any) -> str:
    """Ids joined by "; ", each with what the registry states of it (secondary_id_details):
    "2015-001894-41 (EudraCT number)", "EK Nr. 301/2009 (Ethics committee, Medical
    University of Vienna)", "U01AR045444 (U.S. NIH grant/contract:
    https://reporter.nih.gov/…)"."""
    about: dict[str, list[str]] = {}
    for detail in dicts(details):
        kind = SECONDARY_ID_LABELS.get(detail.get("type") or "", "")
        said = ", ".join(part for part in (kind, detail.get("domain")) if part)
        link = detail.get("link") or ""
        text = f"{said}: {link}" if said and link else said or link
        if detail.get("id") and text and text not in about.get(detail["id"], []):
            about.setdefault(detail["id"], []).append(text)  # one id, two issuers: both
    return "; ".join(f"{i} ({'; '.join(about[i])})" if i in about else i for i in ids)


def removed_countries_text(countries: list[str] | None) -> str:
    """ "Brazil; Israel (all their sites were removed)", "Israel (all its sites were
    removed)"."""
    if not countries:
        return ""
    whose = "its" if len(countries) == 1 else "their"
    return f"{'; '.join(countries)} (all {whose} sites were removed)"


def gender_based_text(value: bool | None) -> str:
    """Whether eligibility is based on gender identity: "Yes (eligibility by gender
    identity)", "No" or ""."""
    return "Yes (eligibility by gender identity)" if value else yes_no(value)


def yes_no(value: bool | None) -> str:
    """ "Yes", "No" or "" when unknown."""
    return "" if value is None else ("Yes" if value else "No")


def intervention_text(intervention: dict[str, Any]) -> str:
    """ "Biological: Autologous mesenchymal stem cells"."""
    kind = intervention.get("type")
    return f"{humanise(kind)}: {intervention['name']}" if kind else intervention["name"]


class CriterionLine(NamedTuple):
    """A line of a criteria tree: its number ("4.2"; "" for a note), its text (a note's
    as note_text writes it), its depth (0 at the top) and whether it is a note."""

    number: str
    text: str
    depth: int
    note: bool = False


def criteria_lines(criteria: list[dict[str, Any]], prefix: str = "") -> list[CriterionLine]:
    """Number a criteria tree in page order; a note (``note: true``: "Other protocol-defined
    criteria may apply") is not numbered and the criteria after it are numbered on."""
    lines: list[CriterionLine] = []
    depth = prefix.count(".")
    index = 0
    for node in criteria:
        if node.get("note"):
            lines.append(CriterionLine("", note_text(node["text"]), depth, True))
            lines.extend(criteria_lines(node["children"], prefix))
            continue
        index += 1
        number = f"{prefix}{index}"
        lines.append(CriterionLine(number, node["text"], depth))
        lines.extend(criteria_lines(node["children"], number + "."))
    return lines


def note_text(text: str) -> str:
    """A note among the criteria as shown: "Note: Other protocol-defined criteria may
    apply", the text as written when it says "Note" itself."""
    return text if text.lstrip("[( \t").casefold().startswith("note") else f"Note: {text}"


def list_row(record: dict[str, Any]) -> list[str]:
    """The list columns: id, title, status, phase, conditions, enrollment.

    Takes a full record or the store's compact columns (where enrollment is a bare count).
    """
    enrollment = record.get("enrollment")
    if isinstance(enrollment, dict):
        enrollment = enrollment.get("count")
    return [
        record["id"],
        record["title"],
        enum_text(record.get("status")),
        phases_text(record.get("phases") or []),
        joined(record.get("conditions") or []),
        "" if enrollment is None else str(enrollment),
    ]


def joined(values: list[str]) -> str:
    """Values on one line, "; " between them; " | " when a value holds a ";" of its own (the
    condition "Asthma; Eosinophilic"), so that each still reads as one."""
    separator = " | " if any(";" in value for value in values) else "; "
    return separator.join(values)


LIST_COLUMNS = ["ID", "Title", "Status", "Phase", "Conditions", "Enrollment"]

#: Statuses in at most 10 characters, for the browser's list (the detail says them in full):
#: the status itself when it fits, else cut with "…" to say so.
SHORT_STATUS = {
    "ACTIVE_NOT_RECRUITING": "Active, n…",
    "COMPLETED": "Completed",
    "ENROLLING_BY_INVITATION": "By invita…",
    "NOT_YET_RECRUITING": "Not yet r…",
    "RECRUITING": "Recruiting",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
    "AVAILABLE": "Available",
    "NO_LONGER_AVAILABLE": "No longer…",
    "TEMPORARILY_NOT_AVAILABLE": "Temp. not…",
    "APPROVED_FOR_MARKETING": "Approved…",
    "WITHHELD": "Withheld",
    "UNKNOWN": "Unknown",
}
#: Phases by number, for the browser's list: "1/2", "3", "N/A", "Early 1".
SHORT_PHASE = {
    "EARLY_PHASE1": "Early 1", "PHASE1": "1", "PHASE2": "2", "PHASE3": "3", "PHASE4": "4",
    "NA": "N/A",
}


def status_short(value: str | None) -> str:
    """A status in at most 10 letters ("ACTIVE_NOT_RECRUITING" → "Active, n…"); an unknown
    spelling in words."""
    if value is None:
        return ""
    return SHORT_STATUS.get(value) or enum_text(value)


def phases_short(phases: list[str]) -> str:
    """Phases by number: ["PHASE1", "PHASE2"] → "1/2"."""
    return "/".join(SHORT_PHASE.get(phase) or humanise(phase) for phase in phases)


def dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a record's list (anything else in it left out)."""
    return [item for item in value or () if isinstance(item, dict)]
