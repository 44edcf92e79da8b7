"""The registration fields: dates.first_submitted / first_posted / results_first_posted,
last_known_status, responsible_party, oversight and documents (docs/record.md).

Classic XML (``parsers/ctgov_xml_registration.py``): real files in
tests/fixtures/realdata/ctgov-xml-older/ and ctgov-xml/ (their README rows say where each
came from) and small inline documents for old forms and unreadable values. API v2 JSON
(``parsers/ctgov_json_registration.py``): real studies in tests/fixtures/realdata/. The page
text (``parsers/ctgov_text.py``): a small inline page. Every expected value below was read by
hand from the files, not computed by the parser under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_parse_ctgov_xml_older import OLDER, study_xml

from parsers import ctgov_xml, ctgov_xml_registration, load_file, parse_text

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"


def xml_record(name: str, folder: Path = OLDER) -> dict[str, Any]:
    [path] = folder.glob(f"*__{name}.xml")
    return load_file(path).record


def parse_xml(body: str) -> dict[str, Any]:
    return parse_text(study_xml(body), name="study.xml")


def warned(record: dict[str, Any], *needles: str) -> bool:
    return any(all(needle in warning for needle in needles) for warning in record["warnings"])


# --- classic XML: real files --------------------------------------------------------------


def test_xml_principal_investigator_oversight_and_two_documents() -> None:
    # reesewang25/enrollment_and_studylength NCT0000xxxx/NCT00006436.xml, lines 24-29,
    # 362-376, 409-426.
    record = xml_record("NCT00006436")
    assert record["dates"]["first_submitted"] == {"date": "2000-11-03", "type": None}
    assert record["dates"]["first_posted"] == {"date": "2000-11-06", "type": "ESTIMATED"}
    assert record["dates"]["results_first_posted"] == {"date": "2022-06-28", "type": "ACTUAL"}
    assert record["dates"]["last_update"] == {"date": "2022-08-16", "type": "ACTUAL"}
    assert record["dates"]["status_verified"] == {"date": "2022-07", "type": None}  # July 2022
    assert record["last_known_status"] is None
    assert record["responsible_party"] == {
        "type": "PRINCIPAL_INVESTIGATOR",
        "name": "Mark Roschewski, M.D.",
        "title": "Principal Investigator",
        "affiliation": "National Cancer Institute (NCI)",
    }
    assert record["oversight"] == {
        "has_dmc": False,
        "fda_regulated_drug": True,
        "fda_regulated_device": False,
        "unapproved_device": None,
        "us_export": False,
    }
    assert record["documents"] == [
        {
            "label": "Study Protocol and Statistical Analysis Plan",
            "has_protocol": True,
            "has_sap": True,
            "has_icf": False,
            "date": "2021-03-17",
            "filename": "Prot_SAP_000.pdf",
            "url": "https://ClinicalTrials.gov/ProvidedDocs/36/NCT00006436/Prot_SAP_000.pdf",
        },
        {
            "label": "Informed Consent Form",
            "has_protocol": False,
            "has_sap": False,
            "has_icf": True,
            "date": "2021-03-31",
            "filename": "ICF_001.pdf",
            "url": "https://ClinicalTrials.gov/ProvidedDocs/36/NCT00006436/ICF_001.pdf",
        },
    ]
    assert not warned(record, "responsible_party")
    assert not warned(record, "oversight_info")
    assert not warned(record, "provided_document")


def test_xml_last_known_status_and_estimated_results_posting() -> None:
    # reesewang25/enrollment_and_studylength NCT0000xxxx/NCT00006903.xml, lines 62-63,
    # 199-210; no <oversight_info>, no documents.
    record = xml_record("NCT00006903")
    assert record["status"] == "UNKNOWN"
    assert record["last_known_status"] == "ACTIVE_NOT_RECRUITING"
    assert record["dates"]["first_submitted"] == {"date": "2000-12-06", "type": None}
    assert record["dates"]["first_posted"] == {"date": "2003-01-27", "type": "ESTIMATED"}
    assert record["dates"]["results_first_posted"] == {"date": "2014-06-24", "type": "ESTIMATED"}
    assert record["responsible_party"] == {
        "type": "SPONSOR", "name": None, "title": None, "affiliation": None,
    }
    assert record["oversight"] is None
    assert record["documents"] == []


def test_xml_old_file_firstreceived_date_name_title_and_authority() -> None:
    # fabianvf/ClinicalTrialsParser parse/xml/NCT00362401.xml, lines 30-33 and 164-170: an
    # <authority> beside <has_dmc>, <firstreceived_date>, the older responsible party.
    record = xml_record("NCT00362401")
    assert record["dates"]["first_submitted"] == {"date": "2006-08-09", "type": None}
    assert record["dates"]["first_posted"] is None
    assert record["dates"]["results_first_posted"] is None
    assert record["responsible_party"] == {
        "type": None,
        "name": "University of Aarhus - Thais A. Pedersen",
        "title": None,
        "affiliation": "Thais A. Pedersen - University of Aarhus",
    }
    assert record["oversight"] == {
        "has_dmc": False,
        "fda_regulated_drug": None,
        "fda_regulated_device": None,
        "unapproved_device": None,
        "us_export": None,
    }
    assert not warned(record, "authority")
    assert not warned(record, "oversight_info")


def test_xml_sample_with_seven_provided_documents() -> None:
    # ctti-clinicaltrials/aact NCT01298141.xml (tests/fixtures/realdata/ctgov-xml/), lines
    # 364-421: six protocols (the original and five amendments), then a SAP.
    record = xml_record("NCT01298141", REALDATA / "ctgov-xml")
    documents = record["documents"]
    assert [document["label"] for document in documents] == [
        "Study Protocol: Original Protocol", *(f"Study Protocol: Amendment {n}" for n in
                                               range(1, 6)), "Statistical Analysis Plan"]
    assert [document["date"] for document in documents] == [
        "2010-09-30", "2010-11-23", "2010-12-06", "2011-09-15", "2013-03-28", "2015-03-27",
        "2017-12-06"]
    assert [document["filename"] for document in documents] == [
        *(f"Prot_00{n}.pdf" for n in range(6)), "SAP_006.pdf"]
    assert documents[6] == {
        "label": "Statistical Analysis Plan",
        "has_protocol": False,
        "has_sap": True,
        "has_icf": False,
        "date": "2017-12-06",
        "filename": "SAP_006.pdf",
        "url": "https://ClinicalTrials.gov/ProvidedDocs/41/NCT01298141/SAP_006.pdf",
    }
    assert all((d["has_protocol"], d["has_sap"], d["has_icf"]) == (True, False, False)
               for d in documents[:6])


# --- classic XML: inline documents ----------------------------------------------------------


def test_xml_old_firstreceived_date_and_name_title_inline() -> None:
    record = parse_xml(
        "  <firstreceived_date>January 18, 2000</firstreceived_date>\n"
        "  <responsible_party>\n"
        "    <name_title>Thomas A. Waldmann, M.D./National Cancer Institute</name_title>\n"
        "    <organization>National Institutes of Health</organization>\n"
        "  </responsible_party>\n"
        "  <oversight_info><authority>United States: Food and Drug Administration</authority>"
        "</oversight_info>\n"
    )
    assert record["dates"]["first_submitted"] == {"date": "2000-01-18", "type": None}
    assert record["responsible_party"] == {
        "type": None,
        "name": "Thomas A. Waldmann, M.D./National Cancer Institute",
        "title": None,
        "affiliation": "National Institutes of Health",
    }
    assert record["oversight"] is None  # only an authority: nothing the record keeps
    assert record["warnings"] == []


def test_xml_study_first_submitted_comes_before_firstreceived_date() -> None:
    record = parse_xml(
        "  <study_first_submitted>March 1, 2012</study_first_submitted>\n"
        "  <firstreceived_date>February 1, 2012</firstreceived_date>\n"
    )
    assert record["dates"]["first_submitted"] == {"date": "2012-03-01", "type": None}


def test_xml_sponsor_investigator_and_unapproved_device() -> None:
    record = parse_xml(
        "  <oversight_info>\n    <is_unapproved_device>Yes</is_unapproved_device>\n"
        "    <is_us_export>yes</is_us_export>\n  </oversight_info>\n"
        "  <responsible_party>\n"
        "    <responsible_party_type>Sponsor-Investigator</responsible_party_type>\n"
        "    <investigator_full_name>Ronald Levy</investigator_full_name>\n"
        "  </responsible_party>\n"
    )
    assert record["responsible_party"] == {
        "type": "SPONSOR_INVESTIGATOR", "name": "Ronald Levy", "title": None,
        "affiliation": None,
    }
    assert record["oversight"] == {
        "has_dmc": None, "fda_regulated_drug": None, "fda_regulated_device": None,
        "unapproved_device": True, "us_export": True,
    }
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("body", "key", "element"),
    [
        ("  <study_first_submitted>soon</study_first_submitted>\n", "first_submitted",
         "study_first_submitted"),
        ('  <study_first_posted type="Actual">the 32nd of May</study_first_posted>\n',
         "first_posted", "study_first_posted"),
        ('  <results_first_posted type="Actual">May 32, 2020</results_first_posted>\n',
         "results_first_posted", "results_first_posted"),
        ("  <firstreceived_date>never</firstreceived_date>\n", "first_submitted",
         "firstreceived_date"),
    ],
)
def test_xml_unreadable_date_is_null_and_warned(body: str, key: str, element: str) -> None:
    record = parse_xml(body)
    assert record["dates"][key] is None
    assert warned(record, element, "could not read the date")


def test_xml_unknown_posting_type_keeps_the_date() -> None:
    record = parse_xml('  <study_first_posted type="Guess">May 2, 2019</study_first_posted>\n')
    assert record["dates"]["first_posted"] == {"date": "2019-05-02", "type": None}
    assert warned(record, "study_first_posted@type", "'Guess'")


def test_xml_unknown_last_known_status_and_party_type() -> None:
    record = parse_xml(
        "  <last_known_status>Sleeping</last_known_status>\n"
        "  <responsible_party>\n    <responsible_party_type>Committee</responsible_party_type>\n"
        "    <investigator_title>Chair</investigator_title>\n  </responsible_party>\n"
    )
    assert record["last_known_status"] is None
    assert warned(record, "last_known_status", "'Sleeping'")
    assert record["responsible_party"] == {
        "type": None, "name": None, "title": "Chair", "affiliation": None,
    }
    assert warned(record, "responsible_party/responsible_party_type", "'Committee'")


def test_xml_yes_no_that_is_neither() -> None:
    record = parse_xml(
        "  <oversight_info>\n    <has_dmc>Maybe</has_dmc>\n"
        "    <is_fda_regulated_drug>No</is_fda_regulated_drug>\n  </oversight_info>\n"
        "  <provided_document_section><provided_document>\n"
        "    <document_type>Informed Consent Form</document_type>\n"
        "    <document_has_icf>Sometimes</document_has_icf>\n"
        "    <document_date>Midsummer 2017</document_date>\n"
        "  </provided_document></provided_document_section>\n"
    )
    assert record["oversight"] == {
        "has_dmc": None, "fda_regulated_drug": False, "fda_regulated_device": None,
        "unapproved_device": None, "us_export": None,
    }
    assert warned(record, "oversight_info/has_dmc", "'Maybe'")
    assert record["documents"] == [{
        "label": "Informed Consent Form", "has_protocol": None, "has_sap": None,
        "has_icf": None, "date": None, "filename": None, "url": None,
    }]
    assert warned(record, "provided_document[1]/document_has_icf", "'Sometimes'")
    assert warned(record, "provided_document[1]/document_date", "'Midsummer 2017'")


def test_xml_empty_sections_are_null() -> None:
    record = parse_xml(
        "  <last_known_status>Enrolling by invitation</last_known_status>\n"
        "  <responsible_party/>\n  <oversight_info/>\n"
        "  <provided_document_section><provided_document/></provided_document_section>\n"
    )
    assert record["last_known_status"] == "ENROLLING_BY_INVITATION"
    assert record["responsible_party"] is None
    assert record["oversight"] is None
    assert record["documents"] == []
    assert record["warnings"] == []


def test_xml_what_is_read_is_not_listed_as_not_kept() -> None:
    read = {"study_first_submitted", "firstreceived_date", "study_first_posted",
            "results_first_posted", "last_known_status", "responsible_party",
            "oversight_info", "provided_document_section"}
    assert read <= ctgov_xml_registration.ELEMENTS
    assert not read & ctgov_xml.NOT_KEPT
    assert {"study_first_submitted_qc", "results_first_submitted",
            "is_fda_regulated"} <= ctgov_xml.NOT_KEPT
    assert "study_docs" not in ctgov_xml.NOT_KEPT  # read into available_ipd
    assert ctgov_xml_registration.ELEMENTS <= ctgov_xml.KNOWN
    doc = ctgov_xml.__doc__ or ""
    kept = doc[doc.index("Deliberately not kept"):doc.index("The registration")]
    for name in ("``last_known_status``", "``responsible_party``", "``oversight_info``,",
                 "``provided_document_section``", "``study_first_*``", "``firstreceived*``"):
        assert name not in kept, name
    assert "``study_docs``" not in kept and "``authority``" in kept


# --- API v2 JSON: real studies ------------------------------------------------------------


def json_record(name: str) -> dict[str, Any]:
    return load_file(REALDATA / f"ctti-clinicaltrials__aact__{name}.json").record


def test_json_dates_oversight_and_large_documents() -> None:
    # statusModule, sponsorCollaboratorsModule.responsibleParty, oversightModule and
    # documentSection.largeDocumentModule of ctti-clinicaltrials__aact__NCT02552212.json.
    record = json_record("NCT02552212")
    assert record["dates"]["first_submitted"] == {"date": "2015-09-15", "type": None}
    assert record["dates"]["first_posted"] == {"date": "2015-09-17", "type": "ESTIMATED"}
    assert record["dates"]["results_first_posted"] == {"date": "2020-08-17", "type": "ACTUAL"}
    assert record["dates"]["status_verified"] == {"date": "2022-08", "type": None}
    assert record["last_known_status"] is None
    assert record["responsible_party"] == {
        "type": "SPONSOR", "name": None, "title": None, "affiliation": None,
    }
    assert record["oversight"] == {
        "has_dmc": False, "fda_regulated_drug": None, "fda_regulated_device": None,
        "unapproved_device": None, "us_export": None,
    }
    base = "https://cdn.clinicaltrials.gov/large-docs/12/NCT02552212"
    assert record["documents"] == [
        {"label": "Study Protocol", "has_protocol": True, "has_sap": False, "has_icf": False,
         "date": "2018-12-17", "filename": "Prot_000.pdf", "url": f"{base}/Prot_000.pdf"},
        {"label": "Statistical Analysis Plan", "has_protocol": False, "has_sap": True,
         "has_icf": False, "date": "2020-06-10", "filename": "SAP_002.pdf",
         "url": f"{base}/SAP_002.pdf"},
    ]


def test_json_principal_investigator() -> None:
    # ctti-clinicaltrials__aact__NCT00763412.json
    record = json_record("NCT00763412")
    assert record["dates"]["first_submitted"] == {"date": "2008-09-29", "type": None}
    assert record["dates"]["first_posted"] == {"date": "2008-10-01", "type": "ESTIMATED"}
    assert record["dates"]["results_first_posted"] == {"date": "2017-06-05", "type": "ACTUAL"}
    assert record["responsible_party"] == {
        "type": "PRINCIPAL_INVESTIGATOR",
        "name": "Ana Maria Arbelaez",
        "title": "Assistant Professor in Pediatrics",
        "affiliation": "Arbelaez, Ana Maria",
    }
    assert record["oversight"] == {
        "has_dmc": True, "fda_regulated_drug": True, "fda_regulated_device": False,
        "unapproved_device": None, "us_export": None,
    }
    assert record["documents"] == []


def test_json_last_known_status() -> None:
    # ctti-clinicaltrials__aact__NCT03475563.json: statusModule.lastKnownStatus RECRUITING
    record = json_record("NCT03475563")
    assert record["last_known_status"] == "RECRUITING"
    assert record["dates"]["first_posted"] == {"date": "2018-03-23", "type": "ACTUAL"}


# --- page text --------------------------------------------------------------------------------

PAGE = (
    "Title\n\nAspirin for Migraine\nA Randomised Trial of Aspirin for Migraine\n"
    "  • Phase\n\n    Phase 3\n"
    "  • Study Type\n\n    Interventional\n"
    "  • Status\n\n    Completed\n"
    "Migraine is common.\n"
    "Study Started\nJan 31\n2020\n"
    "{posted}"
    "Last Update\nNov 28\n2022\nEstimate\n"
    "Criteria\n\nInclusion Criteria:\n\nAdults.\n\n"
    "Results Posted\n"
)


def test_text_first_posted_and_results_first_posted() -> None:
    record = parse_text(PAGE.format(posted=(
        "First Posted\nFeb 3\n2020\nEstimate\n"
        "Results First Posted\nJun 24\n2023\nActual\n"
    )), name="page.txt")
    assert record["source"]["format"] == "ctgov-text"
    assert record["dates"]["first_posted"] == {"date": "2020-02-03", "type": "ESTIMATED"}
    assert record["dates"]["results_first_posted"] == {"date": "2023-06-24", "type": "ACTUAL"}
    assert record["dates"]["first_submitted"] is None
    assert record["dates"]["start"] == {"date": "2020-01-31", "type": "ACTUAL"}
    assert record["dates"]["last_update"] == {"date": "2022-11-28", "type": "ESTIMATED"}
    assert record["warnings"] == []


def test_text_study_first_posted_without_a_marker() -> None:
    record = parse_text(PAGE.format(posted="Study First Posted\nFeb 2020\n"), name="page.txt")
    assert record["dates"]["first_posted"] == {"date": "2020-02", "type": "ACTUAL"}
    assert record["warnings"] == []


def test_text_unreadable_posting_date_is_warned() -> None:
    record = parse_text(PAGE.format(
        posted="First Posted\nsoon-ish\nResults First Posted\nJun 24\n2023\n"), name="page.txt")
    assert record["dates"]["first_posted"] is None
    assert warned(record, "first posted", "could not read the date")
    assert record["dates"]["results_first_posted"] == {"date": "2023-06-24", "type": "ACTUAL"}
