"""Adverse events' counts in words, the same in the browser, `trials show` and Markdown."""

from __future__ import annotations

import io

from parsers.record import empty_record
from tui.events_view import affected_text
from tui.export_markdown import write_markdown
from tui.result_text import affected_words


def test_affected_of_at_risk_with_the_share_and_the_events() -> None:
    assert affected_words(12, 150) == "12 / 150 (8.0%)"
    assert affected_words(1, 3, 1) == "1 / 3 (33.3%), 1 event"
    assert affected_words(2, 3, 15) == "2 / 3 (66.7%), 15 events"
    assert affected_words(1200, 3400, 2500) == "1,200 / 3,400 (35.3%), 2,500 events"
    assert affected_words(0, 0) == "0 / 0"  # no share of nobody
    assert affected_words(None, 40) == "— / 40"
    assert affected_words(None, None) == "—"
    assert affected_text(None, None).plain == "—"
    # the browser puts the events under the counts (a narrow column keeps them whole)
    assert affected_text(3, 120, 5).plain == "3 / 120 (2.5%)\n5 events"
    assert affected_text(None, None, 1).plain == "—\n1 event"


def test_a_small_share_never_reads_as_none() -> None:
    # NCT02513394: 1 of 2,841 participants had viral pericarditis (0.035%); "0.0%" read as none
    assert affected_words(1, 2841) == "1 / 2,841 (0.04%)"
    assert affected_words(0, 2902) == "0 / 2,902 (0.0%)"
    assert affected_words(1, 2000) == "1 / 2,000 (0.1%)"  # 0.05%: one decimal holds it
    assert affected_words(1, 200_000) == "1 / 200,000 (0.0005%)"
    assert affected_words(1, 10_000_000) == "1 / 10,000,000 (<0.0001%)"
    assert affected_text(1, 2841).plain == "1 / 2,841 (0.04%)"


def test_markdown_events_say_the_share_and_the_events() -> None:
    record = empty_record()
    record.update(id="NCT01234567", nct_id="NCT01234567", title="T", has_results=True)
    record["results"] = {"outcome_measures": [], "adverse_events": {
        "time_frame": None, "description": None, "frequency_threshold": None,
        "groups": [{"id": "EG000", "title": "Arm A", "description": None,
                    "deaths": {"affected": 0, "at_risk": 40},
                    "serious": {"affected": 4, "at_risk": 40},
                    "other": {"affected": None, "at_risk": None}}],
        "serious": [{"term": "Nausea", "organ_system": None, "vocabulary": None,
                     "assessment": None, "notes": None,
                     "counts": [{"group": "EG000", "affected": 3, "events": 7,
                                 "at_risk": 40}]}],
        "other": []}}
    out = io.StringIO()
    write_markdown([record], out)
    text = out.getvalue()
    assert "| Serious adverse events | 4 / 40 (10.0%) |" in text
    assert "| Nausea | 3 / 40 (7.5%), 7 events |" in text
