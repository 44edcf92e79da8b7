"""A secondary id added or removed reads once in a trial's changes, with what the registry
states of it; a change to the details of an id that stays still shows, in words.

The two versions of the record are written by hand; so is every expected line.
"""

from __future__ import annotations

import copy
from typing import Any

from parsers.record import empty_record
from store.diff import Change, changed_fields, diff_records, summarise
from store.diff.summary import worth_saying
from tui.changes_text import change_line
from tui.history_view import change_line as history_line
from tui.history_view import line_text

Record = dict[str, Any]

EUDRACT = {"id": "2019-001234-56", "type": "EUDRACT_NUMBER", "domain": None, "link": None}
GRANT = {"id": "U01AR045444", "type": "NIH", "domain": None,
         "link": "https://reporter.nih.gov/quickSearch/U01AR045444"}
ETHICS = {"id": "EK Nr. 301/2009", "type": "OTHER",
          "domain": "Ethics committee, Medical University of Vienna", "link": None}


def version(ids: list[str], details: list[dict[str, Any]]) -> Record:
    record: Record = empty_record()
    record.update(id="NCT04000001", nct_id="NCT04000001", title="A trial of secondary ids",
                  other_ids=list(ids), secondary_id_details=copy.deepcopy(details))
    return record


def reads(old: Record, new: Record) -> tuple[list[str], str]:
    """The changes as `trials history` prints them, and their summary line."""
    changes = diff_records(old, new)
    return [change_line(change) for change in changes], summarise(changes)


def tab_lines(old: Record, new: Record) -> list[str]:
    """The changes as the History tab shows them."""
    changes = worth_saying(diff_records(old, new))
    return [line_text(history_line(change)).plain for change in changes]


def test_an_added_id_reads_once_with_its_details() -> None:
    old = version(["EK Nr. 301/2009"], [ETHICS])
    new = version(["EK Nr. 301/2009", "2019-001234-56"], [ETHICS, EUDRACT])
    assert diff_records(old, new) == [
        Change("other_ids", "added", None, "2019-001234-56", "EudraCT number", "2019-001234-56"),
    ]
    assert reads(old, new) == (["secondary id added: 2019-001234-56 (EudraCT number)"],
                               "1 secondary id added")
    assert tab_lines(old, new) == ["secondary id  added: 2019-001234-56 (EudraCT number)"]
    assert changed_fields(diff_records(old, new)) == ["other_ids"]


def test_a_removed_id_reads_once_with_its_details() -> None:
    old = version(["U01AR045444", "EK Nr. 301/2009"], [GRANT, ETHICS])
    new = version(["EK Nr. 301/2009"], [ETHICS])
    assert reads(old, new) == (
        ["secondary id removed: U01AR045444 (U.S. NIH grant/contract: "
         "https://reporter.nih.gov/quickSearch/U01AR045444)"],
        "1 secondary id removed")


def test_ids_added_and_removed_together_each_read_once() -> None:
    old = version(["EK Nr. 301/2009", "U01AR045444"], [ETHICS, GRANT])
    new = version(["2019-001234-56", "EK Nr. 301/2009"], [EUDRACT, ETHICS])
    assert reads(old, new) == (
        ["secondary id added: 2019-001234-56 (EudraCT number)",
         "secondary id removed: U01AR045444 (U.S. NIH grant/contract: "
         "https://reporter.nih.gov/quickSearch/U01AR045444)"],
        "1 secondary id added, 1 removed")


def test_an_id_the_registry_states_nothing_of_reads_alone() -> None:
    plain = {"id": "HD40315-01", "type": None, "domain": None, "link": None}
    old = version(["B530500"], [])
    new = version(["B530500", "HD40315-01"], [plain])
    assert reads(old, new) == (["secondary id added: HD40315-01"], "1 secondary id added")


def test_an_id_written_in_another_case_is_still_one_id() -> None:
    old = version([], [])
    new = version(["ek nr. 301/2009"], [ETHICS])
    assert reads(old, new) == (
        ["secondary id added: ek nr. 301/2009 (Ethics committee, Medical University of Vienna)"],
        "1 secondary id added")


def test_a_change_to_the_details_of_an_id_that_stays_shows_in_words() -> None:
    old = version(["2019-001234-56", "EK Nr. 301/2009"], [
        {"id": "2019-001234-56", "type": "OTHER", "domain": None, "link": None}, ETHICS])
    new = version(["2019-001234-56", "EK Nr. 301/2009"], [
        EUDRACT, {**ETHICS, "domain": "Ethics committee of the City of Vienna"}])
    assert reads(old, new) == (
        ["secondary id's details changed: 2019-001234-56 (type other → EudraCT number)",
         "secondary id's details changed: EK Nr. 301/2009 (issuer)"],
        "2 secondary ids' details changed")
    assert tab_lines(old, new)[0] == (
        "secondary id's details  changed: 2019-001234-56 (type other → EudraCT number)")
    assert changed_fields(diff_records(old, new)) == ["secondary_id_details"]


def test_a_short_issuer_is_written_out() -> None:
    old = version(["X-1"], [{"id": "X-1", "type": "OTHER", "domain": None, "link": None}])
    new = version(["X-1"], [{"id": "X-1", "type": "OTHER", "domain": "IRB", "link": None}])
    assert reads(old, new) == (["secondary id's details changed: X-1 (issuer none → IRB)"],
                               "1 secondary id's details changed")


def test_details_first_stated_for_ids_that_stay_still_show() -> None:
    """A version read from a source that states the ids alone, then one that details them."""
    old = version(["2019-001234-56", "EK Nr. 301/2009"], [])
    new = version(["2019-001234-56", "EK Nr. 301/2009"], [EUDRACT, ETHICS])
    assert reads(old, new) == (
        ["secondary id's details added: 2019-001234-56 (EudraCT number)",
         "secondary id's details added: EK Nr. 301/2009 (Ethics committee, Medical "
         "University of Vienna)"],
        "2 secondary ids' details added")
