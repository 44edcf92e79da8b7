"""Record version 2 from API v2 study JSON ("ctgov-json"): real records and lenient reading.

The real records are in tests/fixtures/realdata/ (copied byte for byte from
/work/shared/realdata/ctgov-json/). Every expected value below was read by hand from those
files, not computed by the parser under test.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pytest

from parsers import load_file, load_records, parse_bytes
from parsers.record import Record

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
NCT04267848 = "gowthamrao__py_load_clinicaltrialsgov__NCT04267848.json"
PAGE_OF_50 = "dgg32__clinical-trials-public__ctg-studies(5).json"
V2_EMPTY = {
    "record_version": 2,
    "locations": [],
    "central_contacts": [],
    "overall_officials": [],
    "collaborators": [],
    "outcomes": {"primary": [], "secondary": [], "other": []},
    "mesh": {
        "conditions": [],
        "condition_ancestors": [],
        "interventions": [],
        "intervention_ancestors": [],
    },
    "references": [],
    "see_also": [],
    "ipd_sharing": None,
    "available_ipd": [],
    "results": None,
}


@cache
def _real(name: str) -> Record:
    return load_file(REALDATA / name).record


def real(name: str) -> Record:
    """The record of a one-study real file (parsed once per session; do not modify)."""
    return _real(name)


def aact(nct: str) -> Record:
    return real(f"ctti-clinicaltrials__aact__{nct}.json")


def site(record: Record, facility: str) -> dict[str, Any]:
    found = [entry for entry in record["locations"] if entry["facility"] == facility]
    assert len(found) == 1, facility
    return found[0]


# --- NCT04267848: 1,148 sites --------------------------------------------------------------


def test_every_one_of_the_1148_sites_is_kept_in_order() -> None:
    record = real(NCT04267848)
    assert record["record_version"] == 2
    assert record["locations_count"] == 1148
    assert len(record["locations"]) == 1148
    assert record["locations"][2] == {
        "facility": "Alaska Breast Care and Surgery LLC",
        "city": "Anchorage",
        "state": "Alaska",
        "zip": "99508",
        "country": "United States",
        "status": "SUSPENDED",
        "geo": {"lat": 61.21806, "lon": -149.90028},
        "contacts": [],
    }
    # the last site: outside the states, no state stated
    assert record["locations"][-1] == {
        "facility": "FHP Health Center-Guam",
        "city": "Tamuning",
        "state": None,
        "zip": "96913",
        "country": "Guam",
        "status": "SUSPENDED",
        "geo": {"lat": 13.48754, "lon": 144.78143},
        "contacts": [],
    }
    assert record["warnings"] == []


def test_a_site_with_geo_and_contacts() -> None:
    assert site(real(NCT04267848), "Cancer Center of Western Wisconsin") == {
        "facility": "Cancer Center of Western Wisconsin",
        "city": "New Richmond",
        "state": "Wisconsin",
        "zip": "54017",
        "country": "United States",
        "status": "RECRUITING",
        "geo": {"lat": 45.12302, "lon": -92.53659},
        "contacts": [
            {
                "name": "Site Public Contact",
                "role": "CONTACT",
                "phone": "952-993-1517",
                "email": "mmcorc@healthpartners.com",
            },
            {
                "name": "Daniel M. Anderson",
                "role": "PRINCIPAL_INVESTIGATOR",
                "phone": None,
                "email": None,
            },
        ],
    }


def test_a_phone_extension_stays_with_its_phone() -> None:
    west_haven = site(
        real(NCT04267848), "Veterans Affairs Connecticut Healthcare System-West Haven Campus"
    )
    assert west_haven["contacts"][0] == {
        "name": "Site Public Contact",
        "role": "CONTACT",
        "phone": "203-937-3421 ext. 2832",
        "email": None,
    }


def test_a_site_without_a_geo_point_has_no_geo() -> None:
    summit = site(real(NCT04267848), "Aurora Medical Center in Summit")
    assert summit["geo"] is None
    assert summit["city"] == "Summit"
    assert len(summit["contacts"]) == 2


def test_outcomes_with_time_frames() -> None:
    outcomes = real(NCT04267848)["outcomes"]
    assert [len(outcomes[kind]) for kind in ("primary", "secondary", "other")] == [1, 4, 3]
    primary = outcomes["primary"][0]
    assert primary["measure"] == "Disease free survival (DFS)"
    assert primary["description"].startswith(
        "Will compare DFS between the two arms (combination versus sequential pembrolizumab "
        "added to standard of care platinum-based adjuvant therapy)"
    )
    assert primary["time_frame"] == (
        "From randomization to the first of either disease recurrence or death from any "
        "cause, assessed up to 5 years after accrual completion"
    )
    assert outcomes["secondary"][0]["measure"] == "Overall survival (OS)"
    assert outcomes["secondary"][0]["time_frame"] == (
        "From randomization to death from any cause, assessed up to completion of 5 years "
        "follow-up"
    )
    assert outcomes["secondary"][1]["measure"] == "Incidence of adverse events"
    assert outcomes["secondary"][1]["time_frame"] == "Up to 10 years"
    # a description is Markdown: its backslash escapes are removed ("\\[TPS\\]", "\\<")
    assert outcomes["secondary"][2]["measure"] == "DFS between each of the arms"
    assert (
        "(tumor proportion score [TPS] ≥ 50% versus [vs] TPS < 50% using"
        in outcomes["secondary"][2]["description"]
    )
    assert [outcome["time_frame"] for outcome in outcomes["other"]] == [
        "Up to 1 year after randomization",
        "Up to completion of chemotherapy",
        "Up to 2 years after randomization",
    ]
    assert outcomes["other"][1]["measure"] == "Patient-reported QOL"


def test_mesh_terms_and_ancestors_with_their_ids() -> None:
    mesh = real(NCT04267848)["mesh"]
    assert mesh["conditions"] == [
        {"id": "D002289", "term": "Carcinoma, Non-Small-Cell Lung"},
        {"id": "D008175", "term": "Lung Neoplasms"},
    ]
    assert mesh["condition_ancestors"][:3] == [
        {"id": "D002283", "term": "Carcinoma, Bronchogenic"},
        {"id": "D001984", "term": "Bronchial Neoplasms"},
        {"id": "D012142", "term": "Respiratory Tract Neoplasms"},
    ]
    assert mesh["condition_ancestors"][-1] == {
        "id": "D012140",
        "term": "Respiratory Tract Diseases",
    }
    assert len(mesh["condition_ancestors"]) == 8
    assert len(mesh["interventions"]) == 12
    assert mesh["interventions"][10] == {"id": "C582435", "term": "pembrolizumab"}
    assert len(mesh["intervention_ancestors"]) == 44
    assert mesh["intervention_ancestors"][-1] == {
        "id": "D000600",
        "term": "Amino Acids, Dicarboxylic",
    }


def test_reference_official_and_data_sharing() -> None:
    record = real(NCT04267848)
    assert record["references"] == [
        {
            "pmid": "33878954",
            "type": "DERIVED",
            "citation": "Sands JM, Mandrekar SJ, Kozono D, Oxnard GR, Hillman SL, Wigle DA, "
            "Govindan R, Carlisle J, Gray J, Salama JK, Raez L, Ganti A, Foster N, Malik S, "
            "Bradley J, Kelly K, Ramalingam SS, Stinchcombe TE. Integration of immunotherapy "
            "into adjuvant therapy for resected non-small-cell lung cancer: ALCHEMIST chemo-IO "
            "(ACCIO). Immunotherapy. 2021 Jun;13(9):727-734. doi: 10.2217/imt-2021-0019. "
            "Epub 2021 Apr 21.",
        }
    ]
    assert record["see_also"] == []
    assert record["overall_officials"] == [
        {
            "name": "Jacob M Sands",
            "affiliation": "Alliance for Clinical Trials in Oncology",
            "role": "PRINCIPAL_INVESTIGATOR",
        }
    ]
    assert record["central_contacts"] == []
    assert record["collaborators"] == []
    assert record["ipd_sharing"] == {
        "plan": "YES",
        "description": "NCI is committed to sharing data in accordance with NIH policy. For "
        "more details on how clinical trial data is shared, access the link to the NIH data "
        "sharing policy page.",
        "info_types": [],
        "time_frame": None,
        "access_criteria": None,
        "url": "https://grants.nih.gov/policy/sharing.htm",
    }
    assert record["results"] is None


def test_interventions_keep_their_other_names() -> None:
    interventions = real(NCT04267848)["interventions"]
    assert len(interventions) == 12
    assert interventions[0]["name"] == "Biospecimen Collection"
    assert interventions[0]["other_names"] == [
        "Biological Sample Collection",
        "Biospecimen Collected",
        "Specimen Collection",
    ]
    assert interventions[1]["name"] == "Carboplatin"
    assert interventions[1]["other_names"] == [
        "Blastocarb", "Carboplat", "Carboplatin Hexal", "Carboplatino", "Carboplatinum",
        "Carbosin", "Carbosol", "Carbotec", "CBDCA", "Displata", "Ercar", "JM-8", "JM8",
        "Nealorin", "Novoplatinum", "Paraplatin", "Paraplatin AQ", "Paraplatine", "Platinwas",
        "Ribocarbo",
    ]  # fmt: skip


# --- the AACT fixtures -----------------------------------------------------------------------


def test_central_contacts_officials_and_sites_of_nct03475563() -> None:
    record = aact("NCT03475563")
    assert record["central_contacts"] == [
        {
            "name": "Imanol Otaegui, MD",
            "role": "CONTACT",
            "phone": "+342746155",
            "email": "iotaegui@vhebron.net",
        },
        {"name": "Imanol Otaegui", "role": "CONTACT", "phone": None, "email": None},
    ]
    assert record["overall_officials"] == [
        {
            "name": "Imanol Otaegui, MD",
            "affiliation": "Hospital Universitari Vall d'hebron Barcelona, Spain",
            "role": "PRINCIPAL_INVESTIGATOR",
        }
    ]
    assert record["locations_count"] == 3
    assert record["locations"][0] == {
        "facility": "Hospital Universitari Parc Taulí",
        "city": "Sabadell",
        "state": "Barcelona",
        "zip": "08208",
        "country": "Spain",
        "status": "RECRUITING",
        "geo": {"lat": 41.54329, "lon": 2.10942},
        "contacts": [
            {"name": "Eduard Bosch, MD", "role": "CONTACT", "phone": None, "email": None}
        ],
    }
    assert record["locations"][2]["city"] == "León"
    assert record["locations"][2]["state"] is None
    assert [(ref["pmid"], ref["type"]) for ref in record["references"]] == [
        ("25828372", "RESULT"),
        ("25689548", "RESULT"),
        ("26465375", "RESULT"),
    ]
    assert record["references"][1]["citation"].startswith(
        "Gil RJ, Bil J, Vassiliev D, Inigo Garcia LA. First-in-man study of dedicated "
        "bifurcation sirolimus-eluting stent"
    )
    assert record["collaborators"] == []


def test_collaborators_and_a_full_data_sharing_statement() -> None:
    record = aact("NCT03630471")
    assert record["collaborators"] == [
        "Harvard Medical School (HMS and HSDM)",
        "London School of Hygiene and Tropical Medicine",
    ]
    assert record["ipd_sharing"] == {
        "plan": "YES",
        "description": "Anonymised Individual Participant Data along with data dictionaries "
        "will be shared with other researchers after 12 months of completion of the trial. "
        "Data pertaining to the interventions received and outcomes at primary and secondary "
        "end point will be shared upon reasonable requests made to the PI and in accordance "
        "with the guidelines of sponsors, collaborators and funder of the study.",
        "info_types": ["STUDY_PROTOCOL", "SAP", "ICF"],
        "time_frame": "12 months after completion of trial.",
        "access_criteria": "Access to data will be granted to researchers after review of "
        "requests by PI and in accordance with the guidelines of sponsors, collaborators and "
        "funder of the study.",
        "url": "http://datacompass.lshtm.ac.uk/",
    }
    assert len(record["references"]) == 12


def test_undecided_data_sharing_and_four_collaborators() -> None:
    record = aact("NCT00763412")
    assert record["ipd_sharing"] == {
        "plan": "UNDECIDED",
        "description": "The outcome was inconclusive for this hypothesis, but the data may be "
        "valuable in future research. We are not currently sharing data from this project.",
        "info_types": [],
        "time_frame": None,
        "access_criteria": None,
        "url": None,
    }
    assert record["collaborators"] == [
        "Washington University School of Medicine",
        "National Institutes of Health (NIH)",
        "Novo Nordisk A/S",
        "National Institute of Diabetes and Digestive and Kidney Diseases (NIDDK)",
    ]


def test_references_of_each_type_and_a_see_also_link() -> None:
    record = aact("NCT02552212")
    assert [(ref["pmid"], ref["type"]) for ref in record["references"]] == [
        ("35296532", "RESULT"),
        ("35733363", "RESULT"),
        ("34715908", "DERIVED"),
        ("30848558", "DERIVED"),
    ]
    assert record["see_also"] == [
        {
            "label": "FDA Safety Alerts and Recalls",
            "url": "http://www.fda.gov/Safety/MedWatch/SafetyInformation/default.htm",
        }
    ]


def test_partial_record_with_identification_and_references_only() -> None:
    """NCT00465816 holds identification and references only: nothing else is invented."""
    record = aact("NCT00465816")
    assert record["references"] == [
        {
            "pmid": "22107850",
            "type": "BACKGROUND",
            "citation": "Ostergaard L, Silfverdal SA...",
        },
        {"pmid": None, "type": "BACKGROUND", "citation": "Ostergaard L et al..."},
    ]
    assert record["see_also"] == [
        {
            "label": "Researchers can use this site...",
            "url": "https://www.clinicalstudydatarequest.com",
        }
    ]
    # and the data and documents GSK shares (7 types, one id, url and comment)
    assert [entry["type"] for entry in record["available_ipd"]][:2] == [
        "Dataset Specification", "Study Protocol"]
    assert len(record["available_ipd"]) == 7
    rest = {key: record[key] for key in V2_EMPTY
            if key not in ("references", "see_also", "available_ipd")}
    assert rest == {key: V2_EMPTY[key] for key in rest}
    assert record["locations_count"] is None
    assert record["interventions"] == []
    assert record["warnings"] == []


def test_partial_record_with_identification_and_annotation_only() -> None:
    record = aact("NCT03453554")
    assert {key: record[key] for key in V2_EMPTY} == V2_EMPTY
    assert record["locations_count"] is None
    assert record["warnings"] == []


def test_a_site_download_of_50_studies() -> None:
    """The site's "Download → JSON" array: each study's sites counted and kept, no warnings
    (its studies also carry a "locations_nested" copy of the sites, which is not read)."""
    records = [loaded.record for loaded in load_records(REALDATA / PAGE_OF_50)]
    assert len(records) == 50
    assert records[0]["nct_id"] == "NCT05925803"
    assert records[0]["locations_count"] == 131
    assert records[31]["nct_id"] == "NCT05850520"
    assert records[31]["locations_count"] == 315
    for record in records:
        assert record["locations_count"] == len(record["locations"]), record["nct_id"]
        assert record["record_version"] == 2
        assert [w for w in record["warnings"] if "eligibility" not in w] == [], record["nct_id"]


# --- lenient reading: wrong types and unknown enums ----------------------------------------


def _study(**modules: Any) -> dict[str, Any]:
    derived = modules.pop("derivedSection", None)
    study: dict[str, Any] = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT01234567", "briefTitle": "Aspirin"},
            **modules,
        }
    }
    if derived is not None:
        study["derivedSection"] = derived
    return study


def parse(study: dict[str, Any]) -> Record:
    return parse_bytes(orjson.dumps(study), "study.json").record


def test_wrong_types_in_version_2_sections_are_warnings_not_failures() -> None:
    record = parse(
        _study(
            contactsLocationsModule={
                "locations": [
                    {"facility": "A", "geoPoint": "somewhere", "contacts": "call us"},
                    "B",
                    {"facility": 7, "city": "Lyon", "geoPoint": {"lat": 91, "lon": 0}},
                ],
                "centralContacts": {"name": "X"},
                "overallOfficials": [{"name": ["X"], "role": "STUDY_CHAIR"}],
            },
            outcomesModule={"primaryOutcomes": [{"measure": 5, "timeFrame": "1 year"}]},
            referencesModule=[],
            ipdSharingStatementModule={"ipdSharing": True},
            armsInterventionsModule={
                "interventions": [{"type": "DRUG", "name": "Aspirin", "otherNames": "ASA"}]
            },
            derivedSection={"conditionBrowseModule": {"meshes": [{"id": "D1", "term": None}]}},
        )
    )
    assert record["title"] == "Aspirin"
    assert record["locations"] == [
        {"facility": "A", "city": None, "state": None, "zip": None, "country": None,
         "status": None, "geo": None, "contacts": []},
        {"facility": None, "city": "Lyon", "state": None, "zip": None, "country": None,
         "status": None, "geo": None, "contacts": []},
    ]  # fmt: skip
    assert record["locations_count"] == 2
    assert record["central_contacts"] == []
    assert record["overall_officials"] == [
        {"name": None, "affiliation": None, "role": "STUDY_CHAIR"}
    ]
    assert record["outcomes"]["primary"] == []
    assert record["references"] == [] and record["ipd_sharing"] is None
    assert record["interventions"][0]["other_names"] == []
    assert record["mesh"]["conditions"] == []
    loc = "protocolSection.contactsLocationsModule"
    assert record["warnings"] == [
        # the interventions are read before the version-2 sections
        "protocolSection.armsInterventionsModule.interventions[0].otherNames: expected a list "
        "of strings, got a string; not kept",
        f"{loc}.locations[0].geoPoint: expected an object {{lat, lon}}, got a string; not kept",
        f"{loc}.locations[0].contacts: expected a list of objects, got a string; not kept",
        f"{loc}.locations[1]: expected an object, got a string; not kept",
        f"{loc}.locations[2].facility: expected a string, got a number; not kept",
        f"{loc}.locations[2].geoPoint: not a place on Earth: lat 91, lon 0; not kept",
        f"{loc}.centralContacts: expected a list of objects, got an object; not kept",
        f"{loc}.overallOfficials[0].name: expected a string, got a list; not kept",
        "protocolSection.outcomesModule.primaryOutcomes[0].measure: expected a string, "
        "got a number; not kept",
        "protocolSection.outcomesModule.primaryOutcomes[0]: an outcome without a measure, "
        "not kept",
        "derivedSection.conditionBrowseModule.meshes[0]: a MeSH entry without a term, not kept",
        "protocolSection.referencesModule: expected an object, got a list; not kept",
        "protocolSection.ipdSharingStatementModule.ipdSharing: expected a string, got a "
        "boolean; not kept",
    ]


def test_unknown_enum_values_keep_the_entry_with_a_warning() -> None:
    record = parse(
        _study(
            contactsLocationsModule={
                "locations": [
                    {"facility": "A", "status": "OPEN", "contacts": [{"name": "N", "role": "BOSS"}]}
                ],
                "overallOfficials": [{"name": "O", "role": "Study Director"}],
            },
            referencesModule={"references": [{"pmid": "1", "type": "WEIRD"}]},
            ipdSharingStatementModule={"ipdSharing": "Yes", "infoTypes": ["SAP", "DIARY"]},
        )
    )
    assert record["locations"][0]["status"] is None
    assert record["locations"][0]["contacts"] == [
        {"name": "N", "role": None, "phone": None, "email": None}
    ]
    assert record["overall_officials"] == [
        {"name": "O", "affiliation": None, "role": "STUDY_DIRECTOR"}
    ]
    assert record["references"] == [{"pmid": "1", "type": None, "citation": None}]
    assert record["ipd_sharing"] == {
        "plan": "YES", "description": None, "info_types": ["SAP"], "time_frame": None,
        "access_criteria": None, "url": None,
    }  # fmt: skip
    assert sorted(record["warnings"]) == sorted(
        [
            "protocolSection.contactsLocationsModule.locations[0].status: unknown value 'OPEN'",
            "protocolSection.contactsLocationsModule.locations[0].contacts[0].role: unknown "
            "value 'BOSS'",
            "protocolSection.referencesModule.references[0].type: unknown value 'WEIRD'",
            "protocolSection.ipdSharingStatementModule.infoTypes: unknown value 'DIARY'",
        ]
    )


def test_version_2_text_is_cleaned_and_duplicates_are_kept_once() -> None:
    record = parse(
        _study(
            sponsorCollaboratorsModule={
                "collaborators": [{"name": "Acme\u202e  Labs"}, {"name": "Acme Labs"}, {}]
            },
            contactsLocationsModule={
                "locations": [
                    {"facility": "\x1b[31mRed\x1b[0m\nHospital", "contacts": [{}, {"name": " "}]}
                ]
            },
            outcomesModule={
                "secondaryOutcomes": [
                    {"measure": "Pain\tscore", "description": "Lower \\< better.\r\n\r\nSee.",
                     "timeFrame": " 2 hours "}
                ]
            },
            derivedSection={
                "interventionBrowseModule": {
                    "ancestors": [{"id": "D1", "term": "T"}, {"id": "D1", "term": "T"}]
                }
            },
        )
    )
    assert record["collaborators"] == ["Acme Labs"]
    assert record["locations"][0]["facility"] == "Red Hospital"
    assert record["locations"][0]["contacts"] == []
    assert record["outcomes"]["secondary"] == [
        {"measure": "Pain score", "description": "Lower < better.\n\nSee.", "time_frame": "2 hours"}
    ]
    assert record["mesh"]["intervention_ancestors"] == [{"id": "D1", "term": "T"}]
    assert record["warnings"] == []


@pytest.mark.parametrize("value", [None, []])
def test_no_locations_listed(value: Any) -> None:
    modules = {} if value is None else {"contactsLocationsModule": {"locations": value}}
    record = parse(_study(**modules))
    assert record["locations"] == []
    assert record["locations_count"] == (None if value is None else 0)
