"""The index schema: every tantivy field, in one table, and the version that names it.

Bump SCHEMA_VERSION whenever a field is added, removed or changed, or when what a record puts
into a field changes (the text analysis, the prefix tokens, the id encoding): an index of
another version raises IndexVersionError on open and the store rebuilds it.

Kinds of field (one tantivy document per trial, plus one metadata document):

- "words": the record's folded words (store.search.text.words), whitespace-joined, with
  positions (phrases); the strings of one kind are one value, separated by a term no query
  can hold (documents.SEPARATOR), so a phrase never spans two strings. One field per kind of
  string; its weight is the boost of its BM25 score (the ranking of DESIGN: ids > titles >
  conditions > … > description).
- "key": exact terms (raw tokenizer, no positions): ids and their parts, acronyms, enum
  values, the source sha256; "fast" ones are also columns (facets, sorts).
- "prefix" (pfx, pfh): for each distinct word of a record its first 1..PREFIX_LEN letters
  (and the first 1..SCOPED_PREFIX_LEN per field scope, as "c:", "i:", "s:" terms), so a
  prefix of up to PREFIX_LEN letters is one exact term; pfh has the same prefixes of each
  word of the ids, titles, conditions, keywords and interventions, with frequencies: the
  weighted part of a prefix's score.
- numbers: fast columns for sorts and range filters (u64, i64, f64); stored ones for locate().

To add a field: add a row here, fill it in documents.prepare(), translate its query node in
translate.Translator, and bump SCHEMA_VERSION.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import tantivy

SCHEMA_VERSION = 6

#: Words fields → weight (the boost of their BM25 score).
FIELD_WEIGHTS: dict[str, float] = {
    "w_id": 12.0,
    "w_title": 8.0,  # title, official_title, acronym
    "w_condition": 5.0,
    "w_keyword": 5.0,
    "w_intervention": 4.0,
    "w_sponsor": 3.0,
    "w_summary": 2.0,
    "w_arm": 1.5,
    "w_arm_intervention": 1.5,
    "w_criterion": 1.2,
    "w_description": 1.0,
    "w_outcome": 1.0,  # outcome measures and their descriptions
    "w_site": 0.5,  # facility names: searched by site: only
}

#: Kind of string (store.search.text.record_strings) → its words field.
KIND_FIELD: dict[str, str] = {
    "id": "w_id",
    "title": "w_title",
    "official_title": "w_title",
    "acronym": "w_title",
    "condition": "w_condition",
    "keyword": "w_keyword",
    "intervention": "w_intervention",
    "sponsor": "w_sponsor",
    "summary": "w_summary",
    "arm": "w_arm",
    "arm_intervention": "w_arm_intervention",
    "criterion": "w_criterion",
    "description": "w_description",
    "outcome": "w_outcome",
    "site": "w_site",
}

#: Field of the query language (None: every searchable field) → its words fields.
SCOPE_FIELDS: dict[str | None, tuple[str, ...]] = {
    None: tuple(field for field in FIELD_WEIGHTS if field != "w_site"),
    "condition": ("w_condition",),
    "intervention": ("w_intervention", "w_arm_intervention"),
    "sponsor": ("w_sponsor",),
    "site": ("w_site",),
    "outcome": ("w_outcome",),
}

#: Field of the query language → the namespace of its terms in the prefix field.
SCOPE_PREFIX: dict[str, str] = {"condition": "c:", "intervention": "i:", "sponsor": "s:"}

#: Kind of string → the scoped prefix namespace its words also go to.
KIND_SCOPE_PREFIX: dict[str, str] = {
    "condition": "c:",
    "intervention": "i:",
    "arm_intervention": "i:",
    "sponsor": "s:",
}

#: A prefix of at most this many letters is one term of the prefix field ("pfx").
PREFIX_LEN = 5
#: A prefix in a field scope (condition:, intervention:, sponsor:) of at most this many
#: letters is one term of the prefix field; a longer one has few completions to expand.
SCOPED_PREFIX_LEN = 3

#: Kinds of string whose words' prefixes also go to "pfh", once per word (the term's
#: frequency, for the score of a prefix: ids, titles, conditions, keywords, interventions).
TITLE_KINDS = frozenset(
    {"id", "title", "official_title", "acronym", "condition", "keyword", "intervention"}
)

#: Enum filters of the query language → their field.
FILTER_FIELDS = {"status": "status", "phase": "phase", "type": "type", "sex": "sex",
                 "results": "results", "allocation": "allocation", "masking": "masking",
                 "purpose": "purpose"}

#: Key fields of the query language (query.KEY_FIELDS) → their field of key() terms.
KEY_FIELD_TERMS = {"country": "country_key", "city": "city_key", "mesh": "mesh_key",
                   "pmid": "pmid"}

#: Sort columns (SORTS of the list) → their fast field.
SORT_FIELDS = {
    "id": "idn",
    "title": "title_sort",
    "status": "status_sort",
    "phase": "phase_rank",
    "enrollment": "enrollment",
    "start": "start",
}
SORTS = tuple(SORT_FIELDS)

#: Value of the "meta" field of the metadata document.
META_TERM = "meta"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One tantivy field. kind: text, u64, i64, f64 or bytes. For text: tokenizer and
    record ("basic", "freq", "position"); indexed text fields always have fieldnorms."""

    name: str
    kind: str
    stored: bool = False
    fast: bool = False
    indexed: bool = True
    tokenizer: str = "raw"
    record: str = "basic"


def _words(name: str) -> FieldSpec:
    return FieldSpec(name, "text", tokenizer="whitespace", record="position")


FIELDS: tuple[FieldSpec, ...] = (
    # The trial id: exact lookups and deletes; stored for ids the order key cannot spell.
    FieldSpec("id", "text", stored=True),
    # The id's order key (ids.order_key): id order, and the id itself for NCT / LOCAL ids.
    FieldSpec("idn", "u64", fast=True, indexed=False),
    *(_words(name) for name in FIELD_WEIGHTS),
    FieldSpec("pfx", "text", tokenizer="whitespace"),
    FieldSpec("pfh", "text", tokenizer="whitespace", record="freq"),
    # id: (the id, NCT id, secondary ids and their parts, as key()) and the acronym (key()).
    FieldSpec("idkey", "text"),
    FieldSpec("acrkey", "text"),
    # Enum filters and facets.
    FieldSpec("status", "text", fast=True),
    FieldSpec("type", "text", fast=True),
    FieldSpec("sex", "text", fast=True),
    FieldSpec("phase", "text", fast=True),
    FieldSpec("results", "text"),  # "yes" (results posted) or "no"
    # The design: allocation, masking, primary purpose (enum spellings).
    FieldSpec("allocation", "text"),
    FieldSpec("masking", "text"),
    FieldSpec("purpose", "text"),
    # The sites' countries as the registry writes them (the Country facet), and key() terms
    # of countries, cities, MeSH terms and ids (with their ancestors), PMIDs.
    FieldSpec("country", "text", fast=True),
    FieldSpec("country_key", "text"),
    FieldSpec("city_key", "text"),
    FieldSpec("mesh_key", "text"),
    FieldSpec("pmid", "text"),
    # near: a term per grid cell holding a site (geo.cell_terms), and the sites themselves
    # (geo.pack: coordinates, city, state, country) to measure distances and name places.
    FieldSpec("place", "text"),
    FieldSpec("geo_cell", "text"),
    FieldSpec("geo", "bytes", stored=True, indexed=False),
    # Sorts.
    FieldSpec("title_sort", "text", fast=True),
    FieldSpec("status_sort", "text", fast=True),
    FieldSpec("phase_rank", "u64", fast=True, indexed=False),
    FieldSpec("enrollment", "i64", fast=True, indexed=False),
    FieldSpec("start", "u64", fast=True, indexed=False),  # YYYYMMDD (0 for a missing part)
    # Range filters: start year; eligible ages in days (0 and NO_MAX_AGE when unstated).
    FieldSpec("year", "u64", fast=True, indexed=False),
    FieldSpec("min_age", "f64", fast=True, indexed=False),
    FieldSpec("max_age", "f64", fast=True, indexed=False),
    # The list columns (orjson), read by columns().
    FieldSpec("cols", "bytes", stored=True, indexed=False),
    # When the current version was imported, and when the trial's first version was
    # (YYYYMMDDhhmmss, UTC): trials new or changed since a time.
    FieldSpec("imported", "u64", fast=True, indexed=False),
    FieldSpec("first_imported", "u64", stored=True, fast=True, indexed=False),
    # Where the current version's document lives in the store's segment files.
    FieldSpec("sha", "text", stored=True),
    FieldSpec("loc_segment", "u64", stored=True, indexed=False),
    FieldSpec("loc_offset", "u64", stored=True, indexed=False),
    FieldSpec("loc_length", "u64", stored=True, indexed=False),
    # The metadata document: meta = META_TERM, info = JSON (schema version, engine, generation).
    FieldSpec("meta", "text"),
    FieldSpec("info", "bytes", stored=True, indexed=False),
)

NO_MAX_AGE = 1e12

_TANTIVY_TYPE = {"text": "text", "u64": "u64", "i64": "i64", "f64": "f64", "bytes": "bytes"}


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for spec in FIELDS:
        if spec.kind == "text":
            builder.add_text_field(spec.name, stored=spec.stored, fast=spec.fast,
                                   tokenizer_name=spec.tokenizer, index_option=spec.record)
        elif spec.kind == "u64":
            builder.add_unsigned_field(spec.name, stored=spec.stored, indexed=spec.indexed,
                                       fast=spec.fast)
        elif spec.kind == "i64":
            builder.add_integer_field(spec.name, stored=spec.stored, indexed=spec.indexed,
                                      fast=spec.fast)
        elif spec.kind == "f64":
            builder.add_float_field(spec.name, stored=spec.stored, indexed=spec.indexed,
                                    fast=spec.fast)
        elif spec.kind == "bytes":
            builder.add_bytes_field(spec.name, stored=spec.stored, indexed=spec.indexed,
                                    fast=spec.fast)
        else:  # pragma: no cover - a mistake in FIELDS
            raise ValueError(f"unknown field kind {spec.kind!r}")
    return builder.build()


def signature() -> list[tuple[str, str]]:
    """(name, tantivy type) of every field, as an index's meta.json lists them."""
    return [(spec.name, _TANTIVY_TYPE[spec.kind]) for spec in FIELDS]


def signature_of(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """The same, read from an index's parsed meta.json (ValueError if it has no schema)."""
    fields = meta.get("schema")
    if not isinstance(fields, list):
        raise ValueError("meta.json holds no schema")
    out = []
    for field in fields:
        if not isinstance(field, dict):
            raise ValueError("meta.json holds a malformed schema")
        out.append((str(field.get("name")), str(field.get("type"))))
    return out
