"""Conditions and keywords on one line: a condition that holds a ";" of its own (the
registry's "Asthma; Eosinophilic", as NCT05813288 lists it beside "Eosinophilic Asthma") must
still read as one condition in the Overview and the list."""

from __future__ import annotations

from tui_helpers import plain

from parsers.record import empty_record
from tui import format as fmt
from tui.report_view import overview_view


def _record(conditions: list[str]) -> dict[str, object]:
    record = empty_record()
    record.update(id="NCT05813288", title="A study", conditions=conditions)
    return record


def test_conditions_with_their_own_semicolon_are_joined_by_a_bar() -> None:
    record = _record(["Eosinophilic Asthma", "Asthma; Eosinophilic", "Asthma"])
    text = plain(overview_view(record), width=160)
    assert "Eosinophilic Asthma | Asthma; Eosinophilic | Asthma" in text
    assert fmt.list_row(record)[4] == "Eosinophilic Asthma | Asthma; Eosinophilic | Asthma"


def test_plain_conditions_are_joined_by_semicolons() -> None:
    record = _record(["Eosinophilic Asthma", "Asthma"])
    assert "Eosinophilic Asthma; Asthma" in plain(overview_view(record), width=160)
    assert fmt.list_row(record)[4] == "Eosinophilic Asthma; Asthma"
