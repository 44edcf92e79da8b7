"""Names in posted results: the registry's enums in words, its own phrases as written."""

from __future__ import annotations

from tui.results_tables import words


def test_a_milestone_written_by_the_registry_keeps_its_spelling() -> None:
    # NCT02552212: "Received OL CZP" was shown as "Received ol czp"
    assert words("Received OL CZP") == "Received OL CZP"
    assert words("Return to standard-of-care /OL CZP") == "Return to standard-of-care /OL CZP"
    assert words("Met study objective - no further FU") == "Met study objective - no further FU"
    assert words("Lost to Follow-up") == "Lost to Follow-up"
    # the registry's enums in words
    assert words("NOT COMPLETED") == "Not completed"
    assert words("STARTED") == "Started"
    assert words("STANDARD_DEVIATION") == "Standard deviation"
    assert words(None) == words("") == ""


def test_a_headline_of_many_groups_and_categories_is_cut_and_says_so() -> None:
    # NCT00006604: 7 categories × 7 groups ran to about 100 lines in the compare column
    from store.compare import Headline, HeadlineRow
    from tui.result_text import headline_lines

    groups = [{"id": f"OG00{n}", "title": f"Step {n}"} for n in range(7)]
    rows = [HeadlineRow(f"Grade {grade}", [{"value": float(grade)} for _ in groups])
            for grade in range(1, 8)]
    headline = Headline("posted", {"title": "Toxicity", "param_type": "NUMBER"}, groups,
                        [10] * 7, rows)
    lines = headline_lines(headline)
    assert [line for line in lines if line.startswith("Grade")] == ["Grade 1:", "Grade 2:"]
    assert sum(line.startswith("  Step") for line in lines) == 14  # 2 categories × 7 groups
    assert lines[-1] == "… 5 more categories, not shown"
    few = Headline("posted", {"title": "Toxicity"}, groups[:2], [10, 10],
                   [HeadlineRow(f"Grade {grade}", [{"value": 1.0}] * 2) for grade in (1, 2, 3)])
    assert "not shown" not in " ".join(headline_lines(few))  # 3 × 2 values: all of them
