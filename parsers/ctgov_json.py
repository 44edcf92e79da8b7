"""Parse ClinicalTrials.gov API v2 study JSON ("ctgov-json").

One file may hold many studies: a single study object, the API's page wrapper
``{"studies": [...], "nextPageToken": ..., "totalCount": ...}``, a JSON array of studies, or
JSON Lines (one study or page per line), found and cleaned by ``ctgov_json_file``.
``parse_records`` returns one (record, source text) pair per study; the source text is the
study's object, cleaned and pretty-printed. A study is read through ``ctgov_json_study.Study``,
its criteria by ``ctgov_json_criteria``, its version-2 sections by ``ctgov_json_sections``,
``_registration``, ``_kinds``, ``_annotations``, the shared participant data by ``ctgov_ipd``.

Choices:

- Every string of the file is cleaned like page text (``clean_text``): escape sequences,
  control characters and bidi overrides are removed, also when the JSON spells them as
  ``\\u001b`` escapes, so the records and the source text are inert.
- A value of the wrong JSON type (a string where the API has a list, a list where it has an
  object, ...) in a version-1 field makes the study malformed: a ParseError names the study
  (its place in the file and its NCT id) and the field, and the whole file fails. In the
  sections of record version 2 (sites, people, outcomes, MeSH terms, references, data
  sharing, shared data and documents, other names, registration, old ids, biospecimens,
  expanded access, registry) it is null (a list: empty) with a warning, and the study is
  kept. A value of the right type that the record cannot hold (an unknown enum spelling, a
  date or an age that cannot be read) becomes null with a warning naming the field.
- API data the record has no field for (browse leaves and branches, the misc module but
  its removedCountries, ...) is not warned about: it stays in the source text. Unknown
  top-level keys of a study are warned about.
- The eligibility criteria and the descriptions are Markdown: backslash escapes (``\\<``,
  ``10\\^9/L``, ``\\-``) are removed; other Markdown is kept as written.
- In the criteria, free paragraphs between items are kept as criteria at their own
  indentation (a paragraph indented under an item after a blank line becomes its child);
  a line that directly follows an item or a paragraph, with no blank line between, continues
  it (Markdown's lazy continuation) and is joined to it with a space.
"""

from __future__ import annotations

from typing import Any

import orjson

from . import (
    ctgov_ipd,
    ctgov_json_kinds,
    ctgov_json_registration,
    ctgov_json_sections,
    fields,
    vocab,
)
from .clean import markdown_unescape
from .ctgov_json_annotations import fill as fill_annotations
from .ctgov_json_criteria import markdown_criteria
from .ctgov_json_file import studies
from .ctgov_json_study import Study
from .ctgov_results import parse_results
from .errors import ParseError
from .record import SECTION_MODULES, Record, add_unique, empty_record, observational

FORMAT = "ctgov-json"

_NO_AGE = frozenset({"n/a", "na", "none", "no limit", "not applicable"})
STUDY_KEYS = frozenset(
    {
        "protocolSection",
        "resultsSection",
        "annotationSection",
        "documentSection",
        "derivedSection",
        "hasResults",
    }
)
DATE_STRUCTS = {
    "start": "startDateStruct",
    "primary_completion": "primaryCompletionDateStruct",
    "completion": "completionDateStruct",
    "last_update": "lastUpdatePostDateStruct",
}
DESIGN_INFO = {
    "allocation": ("allocation", vocab.ALLOCATIONS),
    "intervention_model": ("interventionModel", vocab.INTERVENTION_MODELS),
    "primary_purpose": ("primaryPurpose", vocab.PRIMARY_PURPOSES),
    "masking": ("maskingInfo.masking", vocab.MASKINGS),
}
DATE_TYPES = {"actual": "ACTUAL", "estimated": "ESTIMATED", "anticipated": "ESTIMATED"}
ENROLLMENT_TYPES = DATE_TYPES


def recognises(first_line: str) -> bool:
    """True when the first non-blank line opens JSON (an object, an array or JSON Lines).

    The character after the opening bracket must be able to follow it in JSON, so that a
    Markdown or text file opening with "[![badge]" or "{{template}}" is not taken for JSON.
    """
    line = first_line.strip()
    if not line or line[0] not in "{[":
        return False
    rest = line[1:].lstrip()
    return not rest or rest[0] in ('"}' if line[0] == "{" else '{["]-0123456789tfn')


def score(lines: list[str]) -> int:
    """How strongly the text looks like JSON (0 = not at all)."""
    first = next((line for line in lines if line.strip()), "")
    return 100 if recognises(first) else 0


def parse_records(text: str) -> list[tuple[Record, str]]:
    """Parse cleaned JSON text into (record, study source text) pairs, one per study.

    Raises ParseError for text that is not JSON (with its position), JSON that holds no
    studies, and a malformed study (naming the study and the field).
    """
    out: list[tuple[Record, str]] = []
    for label, study in studies(text):
        record = _parse_study(label, study)
        source = orjson.dumps(study, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
        out.append((record, source))
    if not out:
        raise ParseError("JSON holds no studies")
    return out


# --- one study -------------------------------------------------------------------------------


P = "protocolSection"
IDENT = f"{P}.identificationModule"
STATUS = f"{P}.statusModule"
SPONSORS = f"{P}.sponsorCollaboratorsModule"
DESCRIPTION = f"{P}.descriptionModule"
CONDITIONS = f"{P}.conditionsModule"
DESIGN = f"{P}.designModule"
ARMS = f"{P}.armsInterventionsModule"
ELIGIBILITY = f"{P}.eligibilityModule"
LOCATIONS = f"{P}.contactsLocationsModule.locations"


def _parse_study(label: str, data: dict[str, Any]) -> Record:
    """Map one study object onto a record (id and title fallback not set)."""
    record = empty_record()
    record["source"]["format"] = FORMAT
    study = Study(label, data, record["warnings"])
    for key in data:
        if key not in STUDY_KEYS:
            study.warn(key, "unknown key, not placed")
    _identification(study, record)
    if record["nct_id"] is None and not (record["title"] or record["official_title"]):
        # Neither an id nor a title: nothing to tell this study from another ("{}").
        raise ParseError(f"JSON {label}: {IDENT}: no nctId, briefTitle or officialTitle: "
                         "not a study record")
    _status(study, record)
    _sponsor(study, record)
    record["summary"] = study.markdown(f"{DESCRIPTION}.briefSummary")
    record["description"] = study.markdown(f"{DESCRIPTION}.detailedDescription")
    record["conditions"] = study.strings(f"{CONDITIONS}.conditions")
    record["keywords"] = study.strings(f"{CONDITIONS}.keywords")
    _design(study, record)
    _arms(study, record)
    _eligibility(study, record)
    locations = study.typed(LOCATIONS, (list,), "a list of locations")
    record["has_results"] = study.typed("hasResults", (bool,), "a boolean")
    ctgov_json_sections.fill(study, record)
    ctgov_ipd.from_json(study, record)
    ctgov_json_registration.fill(study, record)
    ctgov_json_kinds.fill(study, record)
    fill_annotations(study, record)
    record["results"] = parse_results(data.get("resultsSection"), record["warnings"])
    record["source"]["partial"] = is_partial(data)
    if record["source"]["partial"]:
        record["source"]["missing_modules"] = [
            path for path in SECTION_MODULES.values()
            if _absent(data.get("protocolSection"), path.split("."))]
    # Every site object is kept, so the count is the number the source lists (an entry that
    # is not an object is dropped with a warning and not counted).
    record["locations_count"] = len(record["locations"]) if locations is not None else None
    return record


#: Modules every study of the registry has: a study without one of them is partial (an API
#: answer restricted by `fields=`, or an excerpt), and never replaces a full one in a store.
WHOLE_STUDY_MODULES = ("identificationModule", "statusModule", "sponsorCollaboratorsModule",
                       "descriptionModule", "designModule")


def _absent(node: Any, keys: list[str]) -> bool:
    """Whether the path of keys names nothing under node (a module, or a module's field)."""
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return True
        node = node[key]
    return False


def is_partial(data: dict[str, Any]) -> bool:
    """Whether a study is less than the registry's whole record: a protocol module of
    WHOLE_STUDY_MODULES missing; or no hasResults or derivedSection, which every whole study
    of the API and the bulk download has (an answer restricted by `fields=` to the protocol);
    or results said to be posted but missing."""
    protocol = data.get("protocolSection")
    if not isinstance(protocol, dict) or any(
            not isinstance(protocol.get(name), dict) for name in WHOLE_STUDY_MODULES):
        return True
    if "hasResults" not in data or not isinstance(data.get("derivedSection"), dict):
        return True
    return data.get("hasResults") is True and not isinstance(data.get("resultsSection"), dict)


def _identification(study: Study, record: Record) -> None:
    nct = study.line(f"{IDENT}.nctId")
    if nct is not None:
        if fields.NCT_ID.fullmatch(nct):
            record["nct_id"] = nct
        else:
            study.warn(f"{IDENT}.nctId", f"not an NCT id: {nct!r}")
    org_id = study.line(f"{IDENT}.orgStudyIdInfo.id")
    ids = [org_id] if org_id else []
    for where, item in study.objects(f"{IDENT}.secondaryIdInfos"):
        value = study.line("id", item, where)
        if value:
            ids.append(value)
    for value in ids:
        if value != record["nct_id"]:
            add_unique(record["other_ids"], value)
    record["title"] = study.line(f"{IDENT}.briefTitle")
    record["official_title"] = study.line(f"{IDENT}.officialTitle")
    record["acronym"] = study.line(f"{IDENT}.acronym")


def _status(study: Study, record: Record) -> None:
    record["status"] = study.enum(f"{STATUS}.overallStatus", vocab.STATUSES)
    why_stopped = study.line(f"{STATUS}.whyStopped")  # Markdown: "HR \> 70 \& high BNP"
    record["why_stopped"] = markdown_unescape(why_stopped) if why_stopped else None
    for key, name in DATE_STRUCTS.items():
        path = f"{STATUS}.{name}"
        struct = study.typed(path, (dict,), "an object {date, type}")
        if struct is None:
            continue
        text = study.line("date", struct, path)
        if text is None:
            continue
        date = fields.date(text)
        if date is None:
            study.warn(f"{path}.date", f"could not read the date {text!r}")
            continue
        record["dates"][key] = {"date": date, "type": study.enum("type", DATE_TYPES, struct, path)}


def _sponsor(study: Study, record: Record) -> None:
    lead = f"{SPONSORS}.leadSponsor"
    record["sponsor"] = study.line(f"{lead}.name") or study.line(f"{IDENT}.organization.fullName")
    funder = study.enum(f"{lead}.class", vocab.FUNDER_TYPES)
    if funder:
        record["funder_types"].append(funder)


def _design(study: Study, record: Record) -> None:
    record["study_type"] = study.enum(f"{DESIGN}.studyType", vocab.STUDY_TYPES)
    phases: set[str] = set()
    for value in study.strings(f"{DESIGN}.phases"):
        key = value.upper()
        found = [key] if key in vocab.PHASE_ORDER else vocab.phases(value)
        if found:
            phases.update(found)
        else:
            study.warn(f"{DESIGN}.phases", f"unknown value {value!r}")
    record["phases"] = vocab.sort_phases(phases)
    info = study.typed(f"{DESIGN}.designInfo", (dict,), "an object")
    where = f"{DESIGN}.designInfo"
    for key, (name, table) in DESIGN_INFO.items():
        record["design"][key] = study.enum(name, table, info, where) if info else None
    record["observational"] = observational(
        study.enum("observationalModel", vocab.OBSERVATIONAL_MODELS, info, where) if info else None,
        study.enum("timePerspective", vocab.TIME_PERSPECTIVES, info, where) if info else None,
        study.markdown(f"{ELIGIBILITY}.studyPopulation"),
        study.enum(f"{ELIGIBILITY}.samplingMethod", vocab.SAMPLING_METHODS))
    enrollment = f"{DESIGN}.enrollmentInfo"
    count = study.typed(f"{enrollment}.count", (int, float), "a number")
    if count is not None:
        if not 0 <= count <= fields.MAX_NUMBER or count != int(count):
            study.warn(f"{enrollment}.count", f"not a whole number of participants: {count!r}")
        else:
            kind = study.enum(f"{enrollment}.type", ENROLLMENT_TYPES)
            record["enrollment"] = {"count": int(count), "type": kind}
    elif study.get(f"{enrollment}.type") is not None:
        study.warn(f"{enrollment}.type", "an enrollment type without a count, not kept")


def _arms(study: Study, record: Record) -> None:
    for where, arm in study.objects(f"{ARMS}.armGroups"):
        record["arms"].append(
            {
                "label": study.line("label", arm, where),
                "type": study.enum("type", vocab.ARM_TYPES, arm, where),
                "description": study.markdown("description", arm, where),
                "interventions": study.strings("interventionNames", arm, where),
            }
        )
    for where, item in study.objects(f"{ARMS}.interventions"):
        intervention = {
            "type": study.enum("type", vocab.INTERVENTION_TYPES, item, where),
            "name": study.line("name", item, where),
            "description": study.markdown("description", item, where),
            "other_names": ctgov_json_sections.other_names(study, item, where),
        }
        add_unique(record["interventions"], intervention)


def _eligibility(study: Study, record: Record) -> None:
    eligibility = record["eligibility"]
    eligibility["sex"] = study.enum(f"{ELIGIBILITY}.sex", vocab.SEXES)
    eligibility["healthy_volunteers"] = study.typed(
        f"{ELIGIBILITY}.healthyVolunteers", (bool,), "a boolean"
    )
    for key, name in (("min_age", "minimumAge"), ("max_age", "maximumAge")):
        text = study.line(f"{ELIGIBILITY}.{name}")
        if text is None:
            continue
        if text.strip().casefold() in _NO_AGE:  # "N/A": no limit, as when the key is absent
            continue
        age = fields.single_age(text)
        if age is None:
            study.warn(f"{ELIGIBILITY}.{name}", f"could not read the age {text!r}")
        eligibility[key] = age
    groups = []
    for value in study.strings(f"{ELIGIBILITY}.stdAges"):
        found = vocab.lookup(vocab.AGE_GROUPS, value)
        if found is None:
            study.warn(f"{ELIGIBILITY}.stdAges", f"unknown value {value!r}")
        elif found not in groups:
            groups.append(found)
    record["age_groups"] = sorted(groups, key=vocab.AGE_GROUP_ORDER.index)
    text = study.typed(f"{ELIGIBILITY}.eligibilityCriteria", (str,), "a string")
    if text:
        inclusion, exclusion, warnings = markdown_criteria(text)
        eligibility["inclusion"], eligibility["exclusion"] = inclusion, exclusion
        for warning in warnings:
            study.warn(f"{ELIGIBILITY}.eligibilityCriteria", warning)
