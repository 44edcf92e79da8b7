"""The registry's older archive schema of ``<clinical_study>`` (the study versions of about
2007–2013 its history kept): what maps plainly onto the record.

The root is ``<clinical_study>`` as in public.xsd, but the ids are in ``<study_id>``, the
sponsor in ``<study_sponsor>`` (its ``<sponsor>`` elements, the study's other sponsors, are
its collaborators), an outcome may be its text alone (``<primary_outcome>Vital
signs</primary_outcome>``: its measure), the status in ``<status_block>``, the phase in
``<phase_block>``, the design as one ``<design>`` element a value ("Treatment",
"Non-Randomized", "Open Label", "Single Group Assignment"), the description in
``<detailed_descr>``, the officials in top-level ``<investigator>`` (a single ``name``) and
the central contact in a top-level ``<contact>``, links in ``<see_also>``
(``annotation``, ``url``). ``ctgov_xml`` reads the rest that differs: ``primary_compl_date``
(primary completion), ``last_release_date`` (last update), an intervention's
``intervent_type`` and ``primary_name``, an arm's ``arm_type``; ``ctgov_xml_sections`` a
site's several ``<contact>`` elements, each with a ``name`` and a ``role``.

A value the schema's own vocabulary uses and the record has no place for (a ``<design>``
of "Historical Control" or "Safety/Efficacy Study"), and any element inside these blocks
that is not read (``study_id/org_name``, ``status_block/date``), is warned about, as are
the schema's other top-level elements (``end_date``, ``last_follow_up_date``,
``resp_party``, ``delayed_posting``, the release dates, …). ``<clinical_result>``, its
results in a structure of its own (``reportinggroupid`` "Baseline-BaselineRptGroup.1",
``startedmilestone``, ``frequentevent``, …), is not read: one warning names it.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from . import ctgov_xml_sections, fields, vocab
from .ctgov_xml_node import Reader, one_line, quote, raw_text
from .record import Record, add_unique

#: The archive schema's top-level elements read here, with the paths read inside each.
BLOCKS = {
    "study_id": {"nct_id", "org_study_id", "secondary_id"},
    "study_sponsor": {"lead_sponsor/agency", "collaborator/agency", "sponsor/agency"},
    "status_block": {"status"},
    "phase_block": {"phase"},
    "detailed_descr": {"textblock"},
    "design": {"."},
    "investigator": {"role", "name", "affiliation/agency"},
    "contact": {"name", "phone", "phone_ext", "email"},
    "see_also": {"annotation/textblock", "url"},
}
#: Every archive element placed (here or by ctgov_xml), for the check of unknown elements.
ELEMENTS = frozenset(BLOCKS) | {"primary_compl_date", "last_release_date", "clinical_result"}
_DESIGN = {
    "allocation": vocab.ALLOCATIONS,
    "intervention_model": vocab.INTERVENTION_MODELS,
    "primary_purpose": vocab.PRIMARY_PURPOSES,
    "masking": vocab.MASKINGS,
}


def fill(read: Reader, study: Element, record: Record) -> None:
    """Set what the record lacks from the archive schema's elements, if the study has any."""
    if not any(study.find(name) is not None for name in (*BLOCKS, "clinical_result")):
        return
    for name, paths in BLOCKS.items():
        for element in study.findall(name):
            _unread(read, element, name, paths)
    _identification(read, study, record)
    if record["status"] is None:
        record["status"] = read.enum(study, "status_block/status", vocab.STATUSES)
    if not record["phases"]:
        record["phases"] = read.phases(study, "phase_block/phase")
    if record["description"] is None:
        record["description"] = read.block(study, "detailed_descr/textblock")
    _design(read, study, record)
    _people(read, study, record)
    if study.find("clinical_result") is not None:
        read.warn("<clinical_result>", "results in the archive schema's structure, not read")


def _unread(read: Reader, block: Element, name: str, paths: set[str]) -> None:
    """Warn about each element inside a block that holds text and is not read."""
    def walk(element: Element, path: str) -> None:
        children = [child for child in element if isinstance(child.tag, str)]
        if not children:
            if path not in paths and one_line(raw_text(element) or ""):
                read.warn(f"{name}/{path}", "not placed")
            return
        for child in children:
            walk(child, f"{path}/{child.tag}" if path != "." else child.tag)
    walk(block, ".")


def _identification(read: Reader, study: Element, record: Record) -> None:
    nct = read.line(study, "study_id/nct_id")
    if nct is not None and record["nct_id"] is None:
        if fields.NCT_ID.fullmatch(nct):
            record["nct_id"] = nct
        else:
            read.warn("study_id/nct_id", f"not an NCT id: {quote(nct)}")
    for path in ("study_id/org_study_id", "study_id/secondary_id"):
        for value in read.lines(study, path):
            if value != record["nct_id"]:
                add_unique(record["other_ids"], value)
    if record["sponsor"] is None:
        record["sponsor"] = read.line(study, "study_sponsor/lead_sponsor/agency")
    for path in ("study_sponsor/collaborator/agency", "study_sponsor/sponsor/agency"):
        for agency in read.lines(study, path):  # <sponsor>: the study's other sponsors
            if agency != record["sponsor"]:
                add_unique(record["collaborators"], agency)


def _design(read: Reader, study: Element, record: Record) -> None:
    """Each <design> value in the one design table that knows it; else a warning."""
    for text in read.lines(study, "design"):
        found = [
            (key, value)
            for key, table in _DESIGN.items()
            if (value := vocab.design_value(table, text)) is not None
        ]
        if len(found) != 1:
            read.warn("design", f"no place for the value {quote(text)}")
            continue
        key, value = found[0]
        if record["design"][key] is None:
            record["design"][key] = value
        elif record["design"][key] != value:
            read.warn("design", f"a second {key} {quote(text)}, not kept")


def _people(read: Reader, study: Element, record: Record) -> None:
    for number, element in enumerate(study.findall("investigator"), 1):
        add_unique(record["overall_officials"],
                   ctgov_xml_sections.official(read, element, f"investigator[{number}]"))
    for element in study.findall("contact"):
        contact = ctgov_xml_sections.contact(read, element, "CONTACT")
        if contact is not None:
            add_unique(record["central_contacts"], contact)
    for link in ctgov_xml_sections.links(read, study, "see_also", "annotation"):
        add_unique(record["see_also"], link)
