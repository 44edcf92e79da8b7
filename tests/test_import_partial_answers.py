"""Two partial answers of one study (API answers restricted to some fields) of the same last
update: the one that states everything the other states is kept, whichever comes first,
and importing both again changes nothing (before, each import swapped them, adding versions, and the
search page's answer, without criteria, could end up current).

Real files: tests/fixtures/realdata/partial (README: "Partial answers of one study").
"""

from __future__ import annotations

from pathlib import Path

from store import TrialStore

PARTIAL = Path(__file__).resolve().parent / "fixtures" / "realdata" / "partial"
OWN = PARTIAL / "genomoncology__biomcp__testdata_sources_ctgov_get_nct06382129_20260811.json"
OTHER = PARTIAL / "genomoncology__biomcp__testdata_sources_ctgov_get_nct06604689_20260811.json"
PAGE = PARTIAL / ("genomoncology__biomcp__testdata_sources_ctgov_search_nsclc_egfr_l858r_"
                  "20260811.json")
STUDY = "NCT06382129"


def _kept(store: TrialStore) -> tuple[str, int, int]:
    record = store.get(STUDY)
    assert record is not None
    return (Path(record["source"]["path"]).name, len(record["eligibility"]["inclusion"]),
            len(store.history(STUDY)))


def test_the_fuller_answer_is_kept_whatever_the_order(tmp_path: Path) -> None:
    page_first = TrialStore(tmp_path / "a" / "trials.json")
    page_first.import_paths([PAGE])
    assert page_first.get(STUDY)["eligibility"]["inclusion"] == []  # type: ignore[index]
    page_first.import_paths([OWN])
    own_first = TrialStore(tmp_path / "b" / "trials.json")
    own_first.import_paths([OWN])
    report = own_first.import_paths([PAGE])
    outcome = next(o for o in report if o.trial_id == STUDY)
    assert outcome.status == "unchanged"
    assert "states nothing the stored one does not" in (outcome.note or "")
    # the study's own answer states 12 inclusion criteria; the page none
    assert _kept(page_first) == (OWN.name, 12, 2)
    assert _kept(own_first) == (OWN.name, 12, 1)


def test_importing_both_again_changes_nothing(tmp_path: Path) -> None:
    store = TrialStore(tmp_path / "trials.json")
    store.import_paths([OWN, OTHER, PAGE])
    first = _kept(store)
    for _ in range(2):
        report = store.import_paths([OWN, OTHER, PAGE])
        assert report.counts()["updated"] == 0
    assert _kept(store) == first == (OWN.name, 12, 1)
