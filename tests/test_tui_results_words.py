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
