"""Parse ``<clinical_study>`` XML of the retired classic ClinicalTrials.gov API ("ctgov-xml").

The format of the AllPublicXML.zip bulk download (public.xsd): one file, one study. The
source text of the record is the file's text. The study's type, phases and design are read
by ``ctgov_xml_design``, the registry sections of record version 2 by ``ctgov_xml_sections``
and ``<clinical_results>`` by ``ctgov_xml_results``.

Choices:

- Safety: the file is parsed by ``xml.etree.ElementTree.XMLParser`` (expat) from the decoded
  text, and nothing is ever fetched. A document type declaration (``<!DOCTYPE``, and with
  it ``<!ENTITY``) is refused before parsing: entity definitions can expand a small file to
  gigabytes ("billion laughs") or name external files, and the registry's records never
  have one. (defusedxml refuses entity declarations and external references, the only
  things a DTD brings in; refusing the DTD as a whole is the stricter check.) An entity
  that is not one of XML's five (``&nbsp;``) is then an expat error: a ParseError.
- Vocabulary: the XML writes the site's words ("Phase 1/Phase 2", "Parallel Assignment",
  "Double (Participant, Investigator)", "U.S. Fed"); the record keeps the API v2 enums as
  ctgov-json does. An unknown value becomes null with a warning naming the element.
- Text: ``<textblock>`` elements (brief summary, detailed description, criteria) are
  hard-wrapped by the registry at about 100 columns and indented: wrapped lines are joined
  again, paragraphs and bulleted lines kept (``ctgov_xml_node.paragraph_text``); the
  criteria text block is read into nested criteria like ctgov-json's eligibility text
  (``ctgov_xml_node.block_criteria``). Other texts (descriptions of arms, interventions,
  outcomes, groups, …) keep their own line breaks; names, titles and labels are one line.
- Dates: "March 2017" → "2017-03", "March 5, 2017" → "2017-03-05"; the type attribute
  Actual → ACTUAL, Anticipated / Estimate → ESTIMATED, none → null; "Unknown" → null.
  last_update is ``last_update_posted``, else the older ``lastchanged_date``.
- group_count is ``number_of_arms`` (interventional) or ``number_of_groups``
  (observational), as the file states it. has_results: whether ``<clinical_results>`` is
  there.
- Old records (before the 2017 schema) are read too: ``<study_design>`` as one
  "Allocation: Randomized, Masking: Double Blind, …" string (an observational study's
  "Observational Model: Cohort, Time Perspective: Retrospective" too, where
  ``study_design_info`` does not state them), gender "Both", dates without a type,
  ``lastchanged_date``. The registry's older archive schema (``<study_id>``,
  ``<status_block>``, …) is read as far as it maps plainly: ``ctgov_xml_archive``.
- Who is masked, and a design value listing several: ``ctgov_xml_design``.

Deliberately not kept (no field in the record; the source text keeps them, so no warning):
``required_header``, ``oversight_info``'s ``authority``, ``location_countries``, the dates
of quality control, of results and disposition submission and of the last update's
submission (``study_first_submitted_qc``, ``results_first_submitted*``,
``disposition_first_*``, ``last_update_submitted*``, ``firstreceived_results*``),
``is_fda_regulated`` and ``is_section_801`` (older files); the collaborators' agency classes
(funder_types is the lead sponsor's, as in ctgov-json).
``source`` (the sponsor when no lead sponsor is named), ``pending_results``,
``removed_countries`` and ``eligibility``'s gender fields: ``ctgov_xml_annotations``.
The registration (submission and posting dates, ``last_known_status``, ``responsible_party``,
``oversight_info``, ``provided_document_section``) is read by
``ctgov_xml_registration``; the old NCT ids (``nct_alias``), biospecimens
(``biospec_retention``, ``biospec_descr``), ``expanded_access_info``,
``has_expanded_access``, ``target_duration`` and ``study_design_info``'s
``intervention_model_description`` and ``masking_description`` by ``ctgov_xml_kinds``;
``study_docs`` (the participant data and documents shared elsewhere) by ``ctgov_ipd``.
Any other element directly under ``<clinical_study>`` that holds text is warned about.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, XMLParser
from xml.etree.ElementTree import ParseError as XMLParseError

from . import (
    ctgov_ipd,
    ctgov_xml_annotations,
    ctgov_xml_archive,
    ctgov_xml_design,
    ctgov_xml_kinds,
    ctgov_xml_registration,
    ctgov_xml_results,
    ctgov_xml_sections,
    fields,
    vocab,
)
from .ctgov_xml_node import NOT_AVAILABLE, Reader, block_criteria, quote, raw_text
from .errors import ParseError
from .record import Record, add_unique, empty_record

FORMAT = "ctgov-xml"
ROOT = "clinical_study"

#: (a search results list is recognised too, to be refused with a message that says what it is)
_OPENING = re.compile(r"\s*(?:<\?xml[\s?]|<!DOCTYPE\b|<(?:clinical_study|search_results)[\s>/])")
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)\b", re.IGNORECASE)
_DATES = {
    "start": ("start_date",),
    "primary_completion": ("primary_completion_date", "primary_compl_date"),
    "completion": ("completion_date",),
    "last_update": ("last_update_posted", "lastchanged_date", "last_release_date"),
}
# (the archive schema's words too: "Biological/Vaccine")
_INTERVENTION_TYPES = {**vocab.INTERVENTION_TYPES, "biological vaccine": "BIOLOGICAL",
                       "procedure surgery": "PROCEDURE", "gene transfer": "GENETIC"}
#: The elements under <clinical_study> deliberately not kept (see the module's docstring).
NOT_KEPT = frozenset(
    {
        "required_header", "location_countries",
        "study_first_submitted_qc", "results_first_submitted",
        "results_first_submitted_qc", "disposition_first_submitted",
        "disposition_first_submitted_qc", "disposition_first_posted", "last_update_submitted",
        "last_update_submitted_qc", "firstreceived_results_date",
        "firstreceived_results_disposition_date", "is_fda_regulated", "is_section_801",
    }
)
#: Every element public.xsd allows under <clinical_study>, placed or deliberately skipped.
KNOWN = frozenset(
    {
        "id_info", "brief_title", "acronym", "official_title", "sponsors", "source",
        "brief_summary", "detailed_description", "overall_status", "why_stopped",
        "start_date", "completion_date", "primary_completion_date", "phase", "study_type",
        "study_design_info", "study_design", "primary_outcome", "secondary_outcome",
        "other_outcome", "number_of_arms", "number_of_groups", "enrollment", "condition",
        "arm_group", "intervention", "eligibility", "overall_official", "overall_contact",
        "overall_contact_backup", "location", "link", "reference", "results_reference",
        "last_update_posted", "keyword", "condition_browse", "intervention_browse",
        "patient_data", "clinical_results", "lastchanged_date",
    }
) | NOT_KEPT | ctgov_xml_registration.ELEMENTS | ctgov_xml_archive.ELEMENTS
KNOWN |= ctgov_xml_kinds.ELEMENTS | ctgov_xml_annotations.ELEMENTS | {ctgov_ipd.ELEMENT}


def recognises(first_line: str) -> bool:
    """True when the first non-blank line opens XML: a declaration, a DTD or the study."""
    return _OPENING.match(first_line) is not None


def score(lines: list[str]) -> int:
    """How strongly the text looks like XML (0 = not at all)."""
    first = next((line for line in lines if line.strip()), "")
    return 100 if recognises(first) else 0


def parse_records(text: str) -> list[tuple[Record, str]]:
    """Parse a cleaned XML text into its one (record, source text) pair.

    Raises ParseError for a DTD, XML that is not well-formed (with the line and column) and
    XML whose root is not ``<clinical_study>``.
    """
    return [(parse_study(root_of(text)), text)]


def root_of(text: str) -> Element:
    """The root element of an XML text, parsed without any DTD; ParseError says why not."""
    dtd = _DTD.search(text)
    if dtd is not None:
        raise ParseError(
            f"XML with a document type declaration (<!{dtd[1].upper()}) refused: DTDs and "
            "entity definitions are not read (they can expand to gigabytes or name other "
            "files), and ClinicalTrials.gov study XML has none"
        )
    parser = XMLParser()
    try:
        parser.feed(text)
        root: Element = parser.close()
    except XMLParseError as error:
        raise ParseError(f"invalid XML: {error}") from None
    if root.tag == "search_results":
        raise ParseError(
            "a ClinicalTrials.gov search results list (<search_results>), not a study: it "
            "names studies without their records; download each study's XML"
        )
    if root.tag != ROOT:
        raise ParseError(
            f"XML, but not a ClinicalTrials.gov study: the root element is <{root.tag}>, "
            f"not <{ROOT}> (the classic API's format)"
        )
    return root


def parse_study(study: Element) -> Record:
    """Map a <clinical_study> element onto a record (id and title fallback not set)."""
    record = empty_record()
    record["source"]["format"] = FORMAT
    read = Reader(record["warnings"])
    for child in study:
        if isinstance(child.tag, str) and child.tag not in KNOWN and _holds_data(child):
            read.warn(f"<{child.tag}>", "unknown element, not placed")
    _identification(read, study, record)
    _status(read, study, record)
    record["summary"] = read.block(study, "brief_summary/textblock")
    record["description"] = read.block(study, "detailed_description/textblock")
    record["conditions"] = read.lines(study, "condition")
    record["keywords"] = read.lines(study, "keyword")
    ctgov_xml_design.fill(read, study, record)
    _arms(read, study, record)
    _eligibility(read, study, record)
    record["has_results"] = study.find("clinical_results") is not None
    ctgov_xml_sections.fill(read, study, record)
    ctgov_ipd.from_xml(read, study, record)
    ctgov_xml_registration.fill(read, study, record)
    ctgov_xml_kinds.fill(read, study, record)
    record["results"] = ctgov_xml_results.results(read, study.find("clinical_results"))
    ctgov_xml_archive.fill(read, study, record)
    ctgov_xml_annotations.fill(read, study, record)
    return record


def _holds_data(element: Element) -> bool:
    return bool((raw_text(element) or "").strip() or element.attrib)


def _identification(read: Reader, study: Element, record: Record) -> None:
    nct = read.line(study, "id_info/nct_id")
    if nct is not None:
        if fields.NCT_ID.fullmatch(nct):
            record["nct_id"] = nct
        else:
            read.warn("id_info/nct_id", f"not an NCT id: {quote(nct)}")
    ids = read.lines(study, "id_info/org_study_id") + read.lines(study, "id_info/secondary_id")
    for value in ids:
        if value != record["nct_id"]:
            add_unique(record["other_ids"], value)
    record["title"] = read.line(study, "brief_title")
    record["official_title"] = read.line(study, "official_title")
    record["acronym"] = read.line(study, "acronym")
    record["sponsor"] = read.line(study, "sponsors/lead_sponsor/agency") or read.line(
        study, "source"
    )
    funder = read.enum(study, "sponsors/lead_sponsor/agency_class", vocab.FUNDER_TYPES)
    if funder:
        record["funder_types"].append(funder)


def _status(read: Reader, study: Element, record: Record) -> None:
    record["status"] = read.enum(study, "overall_status", vocab.STATUSES)
    record["why_stopped"] = read.line(study, "why_stopped")
    for key, names in _DATES.items():
        for name in names:
            element = study.find(name)
            if element is not None:
                record["dates"][key] = read.date(element, name)
                break


def _arms(read: Reader, study: Element, record: Record) -> None:
    linked: dict[str, list[str]] = {}
    for number, element in enumerate(study.findall("intervention"), 1):
        where = f"intervention[{number}]"
        kind = read.line(element, "intervention_type") or read.line(element, "intervent_type")
        name = read.line(element, "intervention_name") or read.line(element, "primary_name")
        intervention = {
            "type": read.lookup(kind, _INTERVENTION_TYPES, f"{where}/intervention_type"),
            "name": name,
            "description": read.text(element, "description"),
            "other_names": read.lines(element, "other_name"),
        }
        add_unique(record["interventions"], intervention)
        label = f"{kind}: {name}" if kind and name else name or kind
        if label:
            for arm in read.lines(element, "arm_group_label"):
                add_unique(linked.setdefault(arm, []), label)
    for number, element in enumerate(study.findall("arm_group"), 1):
        where = f"arm_group[{number}]"
        label = read.line(element, "arm_group_label")
        record["arms"].append(
            {
                "label": label,
                "type": read.enum(element, "arm_group_type", vocab.ARM_TYPES, where)
                or read.enum(element, "arm_type", vocab.ARM_TYPES, where),
                "description": read.text(element, "description"),
                "interventions": linked.get(label, []) if label else [],
            }
        )


def _eligibility(read: Reader, study: Element, record: Record) -> None:
    element = study.find("eligibility")
    if element is None:
        return
    eligibility = record["eligibility"]
    sex = read.line(element, "gender")
    if sex is not None:
        eligibility["sex"] = fields.sex(sex)
        if eligibility["sex"] is None:
            read.warn("eligibility/gender", f"unknown value {quote(sex)}")
    for key, name in (("min_age", "minimum_age"), ("max_age", "maximum_age")):
        text = read.line(element, name)
        if text is None or text.casefold() in NOT_AVAILABLE:  # N/A: no limit
            continue
        age = fields.single_age(text)
        if age is None:
            read.warn(f"eligibility/{name}", f"could not read the age {quote(text)}")
        eligibility[key] = age
    healthy = read.line(element, "healthy_volunteers")
    if healthy is not None:
        eligibility["healthy_volunteers"] = fields.healthy_volunteers(healthy)
        if eligibility["healthy_volunteers"] is None:
            read.warn("eligibility/healthy_volunteers", f"unknown value {quote(healthy)}")
    text = raw_text(element.find("criteria/textblock"))
    if text and text.strip():
        inclusion, exclusion, warnings = block_criteria(text)
        eligibility["inclusion"], eligibility["exclusion"] = inclusion, exclusion
        for warning in warnings:
            read.warn("eligibility/criteria", warning)
