"""The browser's help lists the query language: every operator and every field of
store.search, each with an example that parses and words saying what it matches."""

from __future__ import annotations

from tui_helpers import plain

from store.search import FIELD_EXAMPLES, FIELDS, parse_query
from tui.query_help import FIELD_WORDS, OPERATORS
from tui.screens.help import help_text


def test_every_field_is_explained() -> None:
    assert set(FIELD_WORDS) == set(FIELDS)


def test_the_help_lists_every_field_with_its_example() -> None:
    text = plain(help_text(), 200)
    assert "Searching (the search box, trials search)" in text
    for field in FIELDS:
        line = next(line for line in text.splitlines()
                    if line.strip().startswith(FIELD_EXAMPLES[field]))
        assert FIELD_WORDS[field] in line
    for example, words in OPERATORS:
        assert any(line.strip().startswith(example) and words in line
                   for line in text.splitlines())


def test_the_examples_parse() -> None:
    for example, _ in OPERATORS:
        parse_query(example)
    for field in FIELDS:
        parse_query(FIELD_EXAMPLES[field])
