"""Which fields of a record are compared, and how (docs/record.md, version 2).

Each Field says how its value is diffed:

* value:    compared whole; one Change at its path (phases and funder types as a whole, a
            date {date, type}, an age {value, unit}).
* object:   each member is a Field of its own, at "object.member"; members the table does not
            name are compared as values. A nullable object (enrollment, ipd_sharing) that is
            null on one side is compared whole ("enrollment" added).
* items:    a list of items told apart by an Identity (items.py): one Change per item.
* criteria: a criteria tree (criteria.py).
* results:  the posted results, as one field (results.py).

Top-level fields the table does not name are compared as values; IGNORED ones never are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import items
from .items import Identity

How = Literal["value", "object", "items", "criteria", "results"]

#: Top-level fields that are not part of what a trial says: where and when the record was
#: read (source: path, sha256, imported_at), the parser's warnings, the record's version.
IGNORED = frozenset({"source", "warnings", "record_version"})


@dataclass(frozen=True)
class Field:
    """A compared field: its key in its parent, how it is diffed, and its words.

    label: the field in a summary ("primary completion date"); noun: an item of a list,
    singular and plural ("site", "sites"); enum: values are enum spellings (humanised when
    shown).
    """

    name: str
    how: How = "value"
    label: str = ""
    enum: bool = False
    members: tuple[Field, ...] = ()
    nullable: bool = False
    identity: Identity | None = None
    noun: tuple[str, str] = ("item", "items")

    def words(self) -> str:
        return self.label or self.name.replace("_", " ")


def _items(name: str, identity: Identity, noun: str, plural: str | None = None) -> Field:
    return Field(name, "items", identity=identity, noun=(noun, plural or noun + "s"))


def _enum(name: str, label: str = "") -> Field:
    return Field(name, label=label, enum=True)


_DATE_MEMBERS = (
    Field("start", label="start date"),
    Field("primary_completion", label="primary completion date"),
    Field("completion", label="completion date"),
    Field("first_submitted", label="first submitted date"),
    Field("first_posted", label="first posted date"),
    Field("results_first_posted", label="results first posted date"),
    Field("last_update", label="last update"),
    Field("status_verified", label="status verified date"),
)

#: The record's fields, in the record's order (the order of diff_records' changes).
RECORD: tuple[Field, ...] = (
    Field("id"),
    Field("nct_id", label="NCT id"),
    _items("other_ids", items.TEXT, "secondary id"),
    Field("title"),
    Field("official_title"),
    Field("acronym"),
    Field("sponsor"),
    _enum("status"),
    Field("why_stopped", label="why stopped"),
    _enum("phases"),
    _enum("study_type"),
    _items("conditions", items.TEXT, "condition"),
    _items("keywords", items.TEXT, "keyword"),
    _items("interventions", items.INTERVENTION, "intervention"),
    _enum("funder_types"),
    Field("summary"),
    Field("description"),
    Field(
        "enrollment",
        "object",
        nullable=True,
        members=(Field("count", label="enrollment"), _enum("type", "enrollment type")),
    ),
    Field(
        "eligibility",
        "object",
        members=(
            _enum("sex"),
            Field("gender_based", label="gender-based eligibility"),
            Field("gender_description", label="gender eligibility description"),
            Field("min_age", label="minimum age"),
            Field("max_age", label="maximum age"),
            Field("healthy_volunteers"),
            Field("inclusion", "criteria", noun=("inclusion criterion", "inclusion criteria")),
            Field("exclusion", "criteria", noun=("exclusion criterion", "exclusion criteria")),
        ),
    ),
    Field(
        "design",
        "object",
        members=(
            _enum("primary_purpose"),
            _enum("allocation"),
            _enum("intervention_model"),
            _enum("masking"),
            _enum("masked", "who is masked"),
            Field("model_description", label="intervention model description"),
            Field("masking_description", label="masking description"),
        ),
    ),
    _items("arms", items.ARM, "arm"),
    Field("group_count", label="groups"),
    Field("dates", "object", members=_DATE_MEMBERS),
    Field("locations_count", label="site count"),
    Field("has_results"),
    _items("locations", items.LOCATION, "site"),
    _items("central_contacts", items.PERSON, "central contact"),
    _items("overall_officials", items.PERSON, "official"),
    _items("collaborators", items.TEXT, "collaborator"),
    Field(
        "outcomes",
        "object",
        members=(
            _items("primary", items.OUTCOME, "primary outcome"),
            _items("secondary", items.OUTCOME, "secondary outcome"),
            _items("other", items.OUTCOME, "other outcome"),
        ),
    ),
    Field(
        "mesh",
        "object",
        members=(
            _items("conditions", items.MESH_TERM, "MeSH condition term"),
            _items("condition_ancestors", items.MESH_TERM, "MeSH condition ancestor"),
            _items("interventions", items.MESH_TERM, "MeSH intervention term"),
            _items("intervention_ancestors", items.MESH_TERM, "MeSH intervention ancestor"),
        ),
    ),
    _items("references", items.REFERENCE, "reference"),
    _items("see_also", items.LINK, "link"),
    Field(
        "ipd_sharing",
        "object",
        label="IPD sharing",
        nullable=True,
        members=(
            _enum("plan", "IPD sharing plan"),
            Field("description", label="IPD sharing description"),
            _enum("info_types", "IPD sharing information types"),
            Field("time_frame", label="IPD sharing time frame"),
            Field("access_criteria", label="IPD sharing access criteria"),
            Field("url", label="IPD sharing URL"),
        ),
    ),
    _items("available_ipd", items.AVAILABLE_IPD, "shared data or document",
           "shared data and documents"),
    Field("results", "results"),
    _enum("age_groups", "age groups"),
    Field(
        "observational",
        "object",
        label="observational design",
        nullable=True,
        members=(
            _enum("model", "observational model"),
            _enum("time_perspective", "time perspective"),
            Field("study_population", label="study population"),
            _enum("sampling_method", "sampling method"),
        ),
    ),
    _enum("last_known_status", "last known status"),
    Field(
        "responsible_party",
        "object",
        label="responsible party",
        nullable=True,
        members=(
            _enum("type", "responsible party type"),
            Field("name", label="responsible party"),
            Field("title", label="responsible party title"),
            Field("affiliation", label="responsible party affiliation"),
        ),
    ),
    Field(
        "oversight",
        "object",
        nullable=True,
        members=(
            Field("has_dmc", label="data monitoring committee"),
            Field("fda_regulated_drug", label="FDA-regulated drug"),
            Field("fda_regulated_device", label="FDA-regulated device"),
            Field("unapproved_device", label="unapproved device"),
            Field("us_export", label="US export"),
        ),
    ),
    _items("documents", items.DOCUMENT, "document"),
    Field(
        "biospec",
        "object",
        label="biospecimens",
        nullable=True,
        members=(
            _enum("retention", "biospecimen retention"),
            Field("description", label="biospecimen description"),
        ),
    ),
    _enum("expanded_access_types", "expanded access types"),
    Field(
        "expanded_access",
        "object",
        label="expanded access",
        nullable=True,
        members=(
            Field("available", label="available through expanded access"),
            Field("nct_id", label="expanded access record"),
            _enum("status", "expanded access status"),
        ),
    ),
    Field("patient_registry", label="patient registry"),
    Field("target_duration", label="target duration"),
    Field("organization"),
    _items("removed_countries", items.TEXT, "removed country", "removed countries"),
    _items("secondary_id_details", items.SECONDARY_ID, "secondary id's details",
           "secondary ids' details"),
    Field(
        "annotations",
        "object",
        label="registry annotations",
        nullable=True,
        members=(
            Field("unposted_responsible_party", label="unposted results' submitter"),
            _items("unposted_events", items.UNPOSTED_EVENT, "results submission event"),
            _items("violations", items.VIOLATION, "FDA violation notice"),
        ),
    ),
)


def _paths(fields: tuple[Field, ...], prefix: str = "") -> dict[str, Field]:
    table = {}
    for field in fields:
        path = prefix + field.name
        table[path] = field
        table |= _paths(field.members, path + ".")
    return table


#: Every path of the table ("eligibility.exclusion") → its Field; and the paths of the
#: criteria sections' notes (changes diffed with their section: store.diff.criteria).
PATHS: dict[str, Field] = _paths(RECORD) | {
    f"eligibility.{section}.notes": Field(
        "notes", "criteria", noun=(f"{section} criteria note", f"{section} criteria notes"))
    for section in ("inclusion", "exclusion")
}
