"""Names in posted results: the registry's enums in words, its own phrases as written."""

from __future__ import annotations

from tui.results_tables import number, words


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


def test_numbers_of_thousands_have_separators_whole_or_not() -> None:
    # NCT01357915: "2169.00" was shown as 2,169 and "1893.50" as 1893.5 in one table
    assert number(2169.0) == "2,169"
    assert number(1893.5) == "1,893.5"
    assert number(-12345.25) == "-12,345.25"
    assert number(4108.7) == "4,108.7"
    assert number(999.5) == "999.5"
    assert number(0.001) == "0.001"
    assert number(1.5e-08) == "1.5e-08"
    assert number(2053) == "2,053"
