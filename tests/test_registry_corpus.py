"""The registry-scale corpus: ClinicalTrials.gov API v2 studies in the bulk download's layout.

Every generated study must be a study the ctgov-json parser reads without a warning, named
and shaped like the registry's own, and the corpus must be deterministic.
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import orjson
import pytest
from bench.registry_corpus import (
    CHANGE_KINDS,
    DATA_DATE,
    change_study,
    changed_study,
    entry_name,
    is_changed,
    iter_entries,
    main,
    nct_for,
    study,
    write_zip,
)

from parsers import parse_bytes_many

NAME = re.compile(r"(?P<folder>\d\d)/(?P<nct>NCT\d{6}(?P<last>\d\d))\.json")
STATUSES = {"ACTIVE_NOT_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION",
            "NOT_YET_RECRUITING", "RECRUITING", "SUSPENDED", "TERMINATED", "WITHDRAWN",
            "UNKNOWN", "AVAILABLE", "NO_LONGER_AVAILABLE", "TEMPORARILY_NOT_AVAILABLE",
            "APPROVED_FOR_MARKETING", "WITHHELD"}


@pytest.fixture(scope="module")
def entries() -> list[tuple[str, bytes]]:
    return list(iter_entries(500, seed=0))


@pytest.fixture(scope="module")
def studies(entries: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    return [orjson.loads(data) for _, data in entries]


def test_every_study_parses_without_warnings(entries: list[tuple[str, bytes]]) -> None:
    for name, data in entries[:200]:
        match = NAME.fullmatch(name)
        assert match is not None, name
        loaded = parse_bytes_many(data, name)  # a ParseError fails the test
        assert len(loaded) == 1
        record = loaded[0].record
        assert record["warnings"] == [], (name, record["warnings"])
        assert record["nct_id"] == match["nct"]
        assert record["title"] and record["status"] and record["study_type"], name
        assert record["conditions"] and record["sponsor"], name
        assert record["eligibility"]["inclusion"] and record["eligibility"]["exclusion"], name
        assert record["dates"]["last_update"] is not None, name
        assert isinstance(record["has_results"], bool)


def test_names_follow_the_bulk_layout(entries: list[tuple[str, bytes]],
                                      studies: list[dict[str, Any]]) -> None:
    names = [name for name, _ in entries]
    assert len(set(names)) == len(names)
    for name, item in zip(names, studies, strict=True):
        match = NAME.fullmatch(name)
        assert match is not None and match["folder"] == match["last"], name
        assert item["protocolSection"]["identificationModule"]["nctId"] == match["nct"]
        assert entry_name(match["nct"]) == name
    assert len({name[:2] for name in names}) > 90  # spread over the 100 folders
    assert len({nct_for(i, 0) for i in range(20_000)}) == 20_000


def test_study_shape(studies: list[dict[str, Any]]) -> None:
    kinds: Counter[str] = Counter()
    for item in studies:
        assert list(item)[-1] == "hasResults"
        assert set(item) <= {"protocolSection", "resultsSection", "documentSection",
                             "derivedSection", "hasResults"}
        assert ("resultsSection" in item) is item["hasResults"]
        protocol = item["protocolSection"]
        status = protocol["statusModule"]
        assert status["overallStatus"] in STATUSES
        assert status["lastUpdatePostDateStruct"]["date"] <= DATA_DATE.isoformat()
        assert status["studyFirstSubmitDate"] <= status["lastUpdatePostDateStruct"]["date"]
        assert item["derivedSection"]["miscInfoModule"]["versionHolder"] == DATA_DATE.isoformat()
        design = protocol["designModule"]
        kinds[design["studyType"]] += 1
        if design["studyType"] == "INTERVENTIONAL":
            assert design["phases"] and design["designInfo"]["maskingInfo"]["masking"]
        eligibility = protocol["eligibilityModule"]
        criteria = eligibility["eligibilityCriteria"]
        assert "Inclusion Criteria:" in criteria and "Exclusion Criteria:" in criteria
        assert eligibility["sex"] in {"ALL", "FEMALE", "MALE"}
        assert eligibility["stdAges"]
        for outcome in protocol.get("outcomesModule", {}).get("primaryOutcomes", []):
            assert outcome["measure"] and outcome["timeFrame"]
        for intervention in protocol.get("armsInterventionsModule", {}).get("interventions", []):
            assert intervention["type"].isupper() and intervention["name"]
        for site in protocol.get("contactsLocationsModule", {}).get("locations", []):
            assert site["facility"] and site["city"] and site["country"]
            if "geoPoint" in site:
                assert -90 <= site["geoPoint"]["lat"] <= 90
                assert -180 <= site["geoPoint"]["lon"] <= 180
        browse = item["derivedSection"].get("conditionBrowseModule")
        if browse:
            assert {"meshes", "ancestors", "browseLeaves", "browseBranches"} <= set(browse)
            assert all(re.fullmatch(r"D\d{9}", mesh["id"]) for mesh in browse["meshes"])
    assert kinds["INTERVENTIONAL"] > kinds["OBSERVATIONAL"] > 0


def test_results_sections(studies: list[dict[str, Any]]) -> None:
    with_results = [item for item in studies if item["hasResults"]]
    assert 0.09 <= len(with_results) / len(studies) <= 0.18  # the registry: 13.3%
    analyses = 0
    for item in with_results:
        results = item["resultsSection"]
        assert item["protocolSection"]["statusModule"]["resultsFirstPostDateStruct"]["date"]
        flow = results["participantFlowModule"]
        ids = {group["id"] for group in flow["groups"]}
        for period in flow["periods"]:
            types = [milestone["type"] for milestone in period["milestones"]]
            assert types[:2] == ["STARTED", "COMPLETED"]
            for milestone in period["milestones"]:
                assert {a["groupId"] for a in milestone["achievements"]} == ids
                assert all(a["numSubjects"].isdigit() for a in milestone["achievements"])
        baseline = results["baselineCharacteristicsModule"]
        assert baseline["denoms"][0]["units"] == "Participants"
        for measure in baseline["measures"]:
            for klass in measure["classes"]:
                for category in klass["categories"]:
                    assert category["measurements"]
        for measure in results["outcomeMeasuresModule"]["outcomeMeasures"]:
            assert measure["type"] in {"PRIMARY", "SECONDARY", "OTHER_PRE_SPECIFIED"}
            assert measure["reportingStatus"] == "POSTED" and measure["timeFrame"]
            for analysis in measure.get("analyses", []):
                analyses += 1
                assert analysis["pValue"] and analysis["statisticalMethod"]
        adverse = results["adverseEventsModule"]
        for group in adverse["eventGroups"]:
            assert group["seriousNumAffected"] <= group["seriousNumAtRisk"]
        for event in adverse.get("seriousEvents", []) + adverse.get("otherEvents", []):
            assert event["term"] and event["organSystem"]
            assert len(event["stats"]) == len(adverse["eventGroups"])
        assert "certainAgreement" in results["moreInfoModule"]
    assert analyses > 0


def test_sizes_like_the_registry(entries: list[tuple[str, bytes]]) -> None:
    sizes = [len(data) for _, data in entries]
    mean = statistics.mean(sizes)
    assert 10_000 <= mean <= 25_000  # the registry: 17,275 bytes
    assert statistics.median(sizes) < mean  # many small, a few very large
    assert min(sizes) < 8_000 and max(sizes) > 5 * mean


def test_location_counts_and_places(studies: list[dict[str, Any]]) -> None:
    counts = [len(item["protocolSection"].get("contactsLocationsModule", {})
                  .get("locations", [])) for item in studies]
    share = Counter("1-5" if 1 <= n <= 5 else "50+" if n >= 50 else "other" for n in counts)
    assert share["1-5"] > 0.5 * len(counts)
    assert share["50+"] >= 0.01 * len(counts)
    countries = Counter(site["country"] for item in studies
                        for site in item["protocolSection"].get("contactsLocationsModule", {})
                        .get("locations", []))
    assert countries.most_common(1)[0][0] == "United States"
    assert len(countries) >= 20


def test_vocabulary_is_zipf_like(studies: list[dict[str, Any]]) -> None:
    words: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for item in studies:
        description = item["protocolSection"]["descriptionModule"]
        text = " ".join(description.values()).casefold()
        tokens = re.findall(r"[a-z][a-z'-]+", text)
        words.update(tokens)
        documents.update(set(tokens))
    ranked = [count for _, count in words.most_common()]
    assert ranked[0] > 10 * ranked[100] > 0  # a steep head
    assert sum(1 for count in ranked if count == 1) > len(ranked) / 4  # a long tail
    assert documents["patients"] > 0.4 * len(studies)


def test_deterministic_and_prefix_stable(tmp_path: Path) -> None:
    first = list(iter_entries(40, seed=3))
    assert first == list(iter_entries(40, seed=3))
    assert list(iter_entries(15, seed=3)) == first[:15]
    assert list(iter_entries(10, seed=3, start=20)) == first[20:30]
    other = list(iter_entries(10, seed=4))
    assert [name for name, _ in other] != [name for name, _ in first[:10]]
    assert orjson.loads(first[5][1]) == study(5, seed=3)
    stats = write_zip(tmp_path / "a.zip", 30, seed=3)
    write_zip(tmp_path / "b.zip", 30, seed=3, writer_process=True)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert stats.count == 30 and stats.bytes == sum(len(data) for _, data in first[:30])


def test_zip_in_the_bulk_layout(tmp_path: Path) -> None:
    path = tmp_path / "ctg-studies.json.zip"
    stats = write_zip(path, 60, seed=1)
    assert not (tmp_path / "ctg-studies.json.zip.part").exists()
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == [name for name, _ in iter_entries(60, 1)]
        assert all(not info.is_dir() and info.compress_type == zipfile.ZIP_DEFLATED
                   for info in infos)
        assert archive.testzip() is None
        for info in infos:
            data = archive.read(info)
            item = orjson.loads(data)
            assert NAME.fullmatch(info.filename)
            assert info.filename.endswith(
                f"{item['protocolSection']['identificationModule']['nctId']}.json")
    assert stats.count == 60 and stats.zip_bytes == path.stat().st_size
    assert stats.zip_bytes < stats.bytes / 2


def test_changed_study() -> None:
    moved = 0
    for index in range(12):
        original = study(index, seed=2)
        before = orjson.dumps(original)
        changed = change_study(original, version=1, kinds=CHANGE_KINDS)
        assert orjson.dumps(original) == before  # the original is left as it was
        assert change_study(original, version=1, kinds=CHANGE_KINDS) == changed
        old = parse_bytes_many(before)[0].record
        new = parse_bytes_many(orjson.dumps(changed))[0].record
        assert new["warnings"] == []
        assert new["dates"]["last_update"]["date"] > old["dates"]["last_update"]["date"]
        assert new["enrollment"]["count"] != old["enrollment"]["count"]
        assert len(new["eligibility"]["exclusion"]) == len(old["eligibility"]["exclusion"]) + 1
        assert new["locations_count"] == (old["locations_count"] or 0) + 1
        if old["status"] not in ("COMPLETED", "TERMINATED", "WITHDRAWN"):
            assert new["status"] != old["status"]
            moved += 1
        later = change_study(changed, version=2, kinds=["site"])
        assert later["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"] > \
            changed["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"]
    assert moved > 0
    with pytest.raises(ValueError):
        change_study(study(0), kinds=["colour"])


def test_corpus_with_a_share_changed() -> None:
    base = list(iter_entries(200, seed=5))
    updated = list(iter_entries(200, seed=5, changed_share=0.25, version=1))
    differ = [index for index, (a, b) in enumerate(zip(base, updated, strict=True)) if a != b]
    assert differ == [index for index in range(200) if is_changed(index, 5, 0.25, 1)]
    assert 25 <= len(differ) <= 75
    assert [name for name, _ in base] == [name for name, _ in updated]
    assert orjson.loads(updated[differ[0]][1]) == changed_study(differ[0], seed=5, version=1)
    second = {index for index in range(200) if is_changed(index, 5, 0.25, 2)}
    assert second != set(differ)


def test_command_line(tmp_path: Path) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--count", "25", "--out", str(tmp_path / "c.zip"), "--seed", "7"]) == 0
    text = out.getvalue()
    assert "studies: 25" in text and "uncompressed bytes:" in text
    assert "mean size:" in text and "time:" in text
    with zipfile.ZipFile(tmp_path / "c.zip") as archive:
        assert len(archive.namelist()) == 25
