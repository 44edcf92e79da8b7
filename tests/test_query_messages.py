"""The query language's messages and hints: an unknown field value lists the known ones so
that each reads as one and can be typed as listed; lower-case or/and/not between words are
words to match, and operators_upper says what the query would be with them as operators."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from store.search import QueryError, operators_upper, parse_query

RunCli = Callable[..., tuple[int, str, str]]

STATUS_MESSAGE = (
    'unknown status "foo" at column 8: write one of "active, not recruiting", "approved for '
    'marketing", available, completed, "enrolling by invitation", "no longer available", '
    '"not yet recruiting", recruiting, suspended, "temporarily not available", terminated, '
    'unknown, withdrawn, withheld, "not stated" (a whole name; in quotes when it has several '
    'words, as in '
    'status:"active, not recruiting")'
)


def message(query: str) -> str:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    return str(caught.value)


def test_an_unknown_status_lists_each_status_as_one() -> None:
    assert message("status:foo") == STATUS_MESSAGE


def test_a_part_of_a_name_is_not_a_status() -> None:
    """status:active is not "active, not recruiting": the message says to write a whole name."""
    assert message("status:active").startswith('unknown status "active" at column 8: write one')
    assert "(a whole name;" in message("status:active")


@pytest.mark.parametrize("field", ["status", "type", "phase", "sex", "results", "allocation",
                                   "masking", "purpose"])
def test_every_value_listed_can_be_typed_as_listed(field: str) -> None:
    listed = message(f"{field}:nosuchvalue").split(": write one of ", 1)[1]
    listed = listed.split(" (a whole name;", 1)[0]
    names = re.findall(r'"[^"]+"|[^,\s][^,]*', listed)
    assert len(names) >= 2
    for name in names:
        parse_query(f"{field}:{name}")  # accepted: no QueryError


def test_other_messages_list_single_words_without_quotes() -> None:
    assert message("phase:7") == (
        'unknown phase "7" at column 7: write one of early1, 1, 2, 3, 4, na, "not stated" (a '
        'whole name; in quotes when it has several words, as in phase:"not stated")')
    assert message("sex:x").startswith(
        'unknown sex "x" at column 5: write one of female, male, all, "not stated"')
    assert message("type:x") == (
        'unknown study type "x" at column 6: write one of "expanded access", interventional, '
        'observational, "not stated" (a whole name; in quotes when it has several words, as in '
        'type:"expanded access")')


def test_a_field_that_takes_not_stated_lists_it() -> None:
    # results:"not stated" finds the trials whose source does not say
    assert message("results:maybe").startswith(
        'unknown results value "maybe" at column 9: write one of yes, no, "not stated"')


def test_the_command_says_the_same(seeded_cli_db: Path, run_cli: RunCli) -> None:
    code, out, err = run_cli("search", "status:foo")
    assert (code, out, err.strip()) == (2, "", f"trials: bad query: {STATUS_MESSAGE}")


@pytest.mark.parametrize(
    ("query", "upper"),
    [
        ("ms or nmo", "ms OR nmo"),
        ("ms Or nmo", "ms OR nmo"),
        ("ms and nmo", "ms AND nmo"),
        ("cancer not lung", "cancer NOT lung"),
        ("a or (b c)", "a OR (b c)"),
        ("ms or -nmo", "ms OR -nmo"),
        ('stem or condition:"multiple sclerosis"', 'stem OR condition:"multiple sclerosis"'),
        ("a or b and c", "a OR b AND c"),
        ("ms or nm", "ms OR nm"),  # the last word still being typed
    ],
)
def test_operators_upper_writes_lower_case_operators_between_terms_in_capitals(
    query: str, upper: str
) -> None:
    assert operators_upper(query) == upper


@pytest.mark.parametrize(
    "query",
    ["ms OR nmo", "ms nmo", '"ms or nmo"', "condition:or x", "or ms", "ms or", "ms or or nmo",
     "nor ms", "", 'stem "cell'],
)
def test_operators_upper_leaves_other_queries_alone(query: str) -> None:
    assert operators_upper(query) is None


def test_lower_case_or_stays_a_word() -> None:
    """The language is unchanged: the hint is only a hint."""
    assert parse_query("ms or nmo").root != parse_query("ms OR nmo").root
