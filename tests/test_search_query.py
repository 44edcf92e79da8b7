"""store.search: folding, tokenizing and the query parser (syntax tree and errors)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.search import (
    And,
    Filter,
    IdTerm,
    Not,
    Or,
    Query,
    QueryError,
    Range,
    Text,
    fold,
    parse_query,
    tokenize,
)
from store.search.text import words

# --- fold and tokenize ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Cells", "cell"),
        ("studies", "study"),
        ("diseases", "disease"),
        ("classes", "class"),  # -sses → -ss
        ("ms", "ms"),
        ("MS", "ms"),
        ("hiv", "hiv"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("virus", "virus"),
        ("glass", "glass"),
        ("its", "its"),  # shorter than 4 letters
        ("Sjögren", "sjogren"),
        ("SJÖGREN", "sjogren"),
        ("Sjögren's", "sjogren"),
        ("Alzheimer’s", "alzheimer"),
        ("O'Brien", "obrien"),
        ("naïve", "naive"),
        ("Straße", "strasse"),
        ("1990s", "1990s"),
        ("ﬁbrosis", "fibrosis"),
    ],
)
def test_fold(word: str, expected: str) -> None:
    assert fold(word) == expected


def test_tokenize_gives_folded_words_with_offsets_into_the_original_text() -> None:
    text = "Sjögren's syndrome; ALS-MSC (cells)"
    assert tokenize(text) == [
        ("sjogren", 0, 9),
        ("syndrome", 10, 18),
        ("als", 20, 23),
        ("msc", 24, 27),
        ("cell", 29, 34),
    ]
    for word, start, end in tokenize(text):
        assert fold(text[start:end]) == word


def test_decomposed_accents_stay_inside_the_word() -> None:
    decomposed = "Sjo\u0308gren"
    assert tokenize(decomposed) == [("sjogren", 0, len(decomposed))]


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_fast_ascii_words_agree_with_tokenize(text: str) -> None:
    assert words(text) == [word for word, _, _ in tokenize(text)]


@given(st.text(alphabet=st.sampled_from("ab'’ -.,s9é\u0301"), max_size=30))
@settings(max_examples=300, deadline=None)
def test_words_agree_with_tokenize_on_apostrophes_and_marks(text: str) -> None:
    assert words(text) == [word for word, _, _ in tokenize(text)]


# --- syntax tree ------------------------------------------------------------------------


def root(text: str, **options: bool) -> object:
    return parse_query(text, **options).root


def test_words_are_anded_in_order() -> None:
    node = root("Stem cells")
    assert isinstance(node, And)
    assert [item.words for item in node.items] == [("stem",), ("cell",)]  # type: ignore[union-attr]


def test_or_binds_tighter_than_and() -> None:
    node = root("a b OR c")
    assert node == And(
        (
            Text(("a",), start=0, end=1),
            Or((Text(("b",), start=2, end=3), Text(("c",), start=7, end=8))),
        )
    )


def test_lowercase_or_is_a_word() -> None:
    node = root("ms or nmo")
    assert isinstance(node, And) and len(node.items) == 3


def test_negation_forms() -> None:
    assert root("-placebo") == Not(Text(("placebo",), start=1, end=8))
    assert root("NOT placebo") == Not(Text(("placebo",), start=4, end=11))
    assert root('-"stem cell"') == Not(Text(("stem", "cell"), start=2, end=11))
    assert root("-condition:als") == Not(Text(("als",), "condition", start=11, end=14))
    assert isinstance(root("a -(b OR c)"), And)


def test_hyphen_inside_a_word_is_not_negation() -> None:
    node = root("covid-19")
    assert node == Text(("covid", "19"), start=0, end=8)
    assert isinstance(node, Text) and node.is_phrase


def test_phrase_and_prefix() -> None:
    assert root('"optic neuritis"') == Text(("optic", "neuritis"), start=1, end=15)
    assert root("transpl*") == Text(("transpl",), prefix=True, start=0, end=7)
    assert root('"stem cel*"') == Text(("stem", "cel"), prefix=True, start=1, end=9)


def test_prefix_last_applies_to_the_last_bare_word_being_typed() -> None:
    assert root("stem ce", prefix_last=True) == And(
        (Text(("stem",), start=0, end=4), Text(("ce",), prefix=True, start=5, end=7))
    )
    # A trailing space ends the word; quotes and negated words are never prefixes.
    assert root("stem ce ", prefix_last=True) == root("stem ce ")
    assert root('"stem ce"', prefix_last=True) == Text(("stem", "ce"), start=1, end=8)
    assert root("stem -ce", prefix_last=True) == root("stem -ce")
    assert root("condition:diab", prefix_last=True) == Text(
        ("diab",), "condition", prefix=True, start=10, end=14
    )
    assert root("stem ce") == And((Text(("stem",), start=0, end=4), Text(("ce",), start=5, end=7)))


def test_prefix_last_ignores_an_operator_still_waiting_for_its_term() -> None:
    assert root("ms OR", prefix_last=True) == Text(("ms",), start=0, end=2)
    for text in ("ms AND", "ms -", "ms AND -", "ms - "):
        assert root(text, prefix_last=True) == Text(("ms",), start=0, end=2), text
    with pytest.raises(QueryError):
        parse_query("ms OR")


def test_parentheses() -> None:
    node = root("(ms OR nmo) stem")
    assert isinstance(node, And) and isinstance(node.items[0], Or)
    with pytest.raises(QueryError, match="nothing to search for at column 1"):
        root("()")


def test_empty_queries() -> None:
    for text in ("", "   "):
        query = parse_query(text)
        assert query.is_empty, text
        assert isinstance(query, Query)


@pytest.mark.parametrize("text", ["***", '""', "()", "&", " && ", "NOT &", "-(&)"])
def test_a_query_without_a_word_is_an_error(text: str) -> None:
    # It would match every trial, which is not what "&" asks for.
    with pytest.raises(QueryError, match="nothing to search for") as caught:
        parse_query(text)
    assert caught.value.position == len(text) - len(text.lstrip())


def test_a_word_without_letters_or_digits_beside_others_is_left_out() -> None:
    assert root("cancer &") == root("cancer")
    assert root("heart OR &") == root("heart")


@pytest.mark.parametrize("text", ["condition:&", 'condition:"&"', "sponsor:***"])
def test_a_text_field_needs_a_word(text: str) -> None:
    field = text.split(":")[0]
    with pytest.raises(QueryError, match=f"{field} needs a word"):
        parse_query(text)


def test_while_typing_a_phrase_or_an_operator_waits_for_its_word() -> None:
    for text in ('"', 'condition:"', "- ", "cancer -", "cancer OR"):
        parse_query(text, prefix_last=True)  # no error: the user is typing what follows
    with pytest.raises(QueryError, match="nothing to search for"):
        parse_query("&", prefix_last=True)


@pytest.mark.parametrize("text,column", [("- cancer", 1), ("(- cancer)", 2), ("ms OR - nmo", 7),
                                         ('- "heart failure"', 1)])
def test_a_minus_then_a_space_then_a_word_says_how_to_exclude(text: str, column: int) -> None:
    with pytest.raises(QueryError, match=f'"-" at column {column} is followed by a space'):
        parse_query(text)


def test_a_minus_between_words_is_punctuation() -> None:
    node = root("covid-19 - a study")
    assert isinstance(node, And)
    assert [item.words for item in node.items if isinstance(item, Text)] == [
        ("covid", "19"), ("a",), ("study",)]


# --- fields -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("condition:als", Text(("als",), "condition", start=10, end=13)),
        ('intervention:"stem cell"', Text(("stem", "cell"), "intervention", start=14, end=23)),
        ("sponsor:tianjin", Text(("tianjin",), "sponsor", start=8, end=15)),
        ("Conditions:ALS", Text(("als",), "condition", start=11, end=14)),
        ("id:NCT02249676", IdTerm("nct02249676", 0, 14)),
        ("id:IRB2013-055-02", IdTerm("irb2013 055 02", 0, 17)),
        ("phase:2", Filter("phase", ("PHASE2",), "all", 0, 7)),
        ("phase:PHASE2", Filter("phase", ("PHASE2",), "all", 0, 12)),
        ('phase:"phase 2"', Filter("phase", ("PHASE2",), "all", 0, 15)),
        ("phase:II", Filter("phase", ("PHASE2",), "all", 0, 8)),
        ("phase:early1", Filter("phase", ("EARLY_PHASE1",), "all", 0, 12)),
        ("phase:early_phase1", Filter("phase", ("EARLY_PHASE1",), "all", 0, 18)),
        ("phase:na", Filter("phase", ("NA",), "all", 0, 8)),
        ("phase:1/2", Filter("phase", ("PHASE1", "PHASE2"), "all", 0, 9)),
        ("status:recruiting", Filter("status", ("RECRUITING",), "any", 0, 17)),
        (
            "status:active_not_recruiting",
            Filter("status", ("ACTIVE_NOT_RECRUITING",), "any", 0, 28),
        ),
        ('status:"not yet recruiting"', Filter("status", ("NOT_YET_RECRUITING",), "any", 0, 27)),
        ("status:COMPLETED", Filter("status", ("COMPLETED",), "any", 0, 16)),
        ("type:interventional", Filter("type", ("INTERVENTIONAL",), "any", 0, 19)),
        ('type:"expanded access"', Filter("type", ("EXPANDED_ACCESS",), "any", 0, 22)),
        ("sex:female", Filter("sex", ("FEMALE", "ALL"), "any", 0, 10)),
        ("sex:male", Filter("sex", ("MALE", "ALL"), "any", 0, 8)),
        ("sex:all", Filter("sex", ("ALL",), "any", 0, 7)),
        ("age:30", Range("age", "=", 30 * 365.25, 0, 6)),
        ("age:6months", Range("age", "=", 6 * 30.4375, 0, 11)),
        ("enrollment:>20", Range("enrollment", ">", 20.0, 0, 14)),
        ("enrollment:>=20", Range("enrollment", ">=", 20.0, 0, 15)),
        ("enrollment:<20", Range("enrollment", "<", 20.0, 0, 14)),
        ("enrollment:<=20", Range("enrollment", "<=", 20.0, 0, 15)),
        ("enrollment:=20", Range("enrollment", "=", 20.0, 0, 14)),
        ("enrollment:20", Range("enrollment", "=", 20.0, 0, 13)),
        ("year:>=2015", Range("year", ">=", 2015.0, 0, 11)),
    ],
)
def test_fields(text: str, expected: object) -> None:
    assert root(text) == expected


def test_colon_words_that_are_not_fields() -> None:
    assert root("10:30") == Text(("10", "30"), start=0, end=5)
    assert root("1:2") == Text(("1", "2"), start=0, end=3)
    assert root("x:") == Text(("x",), start=0, end=1)
    assert root("http://example.org") == Text(("http", "example", "org"), start=0, end=18)
    assert root("covid-19:") == Text(("covid", "19"), start=0, end=8)
    assert root("note:") == Text(("note",), start=0, end=4)


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("foo:bar", 0, 'unknown field "foo:" at column 1 (fields: condition, intervention,'),
        ("stem foo:bar", 5, 'unknown field "foo:" at column 6'),
        ('foo:"x y"', 0, 'unknown field "foo:"'),
        ('stem "cell', 5, "unclosed quote at column 6"),
        ('condition:"stem', 10, "unclosed quote at column 11"),
        ("enrollment:abc", 11, "enrollment needs a number at column 12, as in enrollment:>20"),
        ("enrollment:>", 11, "enrollment needs a number"),
        ("year:20x5", 5, "year needs a year at column 6, as in year:>=2015"),
        ("age:old", 4, "age needs an age in years at column 5, as in age:30"),
        ("age:>30", 4, "age needs an age"),
        ("phase:7", 6, 'unknown phase "7" at column 7: write one of early1, 1, 2, 3, 4, na'),
        ("status:bogus", 7, 'unknown status "bogus" at column 8: write one of "active, not '
                            'recruiting", "approved for marketing", available, completed,'),
        ("type:weird", 5, 'unknown study type "weird" at column 6'),
        ("sex:x", 4, 'unknown sex "x" at column 5'),
        ("id:---", 3, "id needs a trial id at column 4"),
        ("condition:", 0, "condition: needs a value at column 1, as in condition:als"),
        ("ms OR", 3, "OR at column 4 needs a term after it"),
        ("OR ms", 0, "OR at column 1 needs a term before it"),
        ("ms OR OR nmo", 3, "OR at column 4 needs a term after it"),
        ("stem NOT", 5, "NOT at column 6 needs a term after it"),
        ("AND", 0, "AND at column 1 needs a term before it"),
        ("AND ms", 0, "AND at column 1 needs a term before it"),
        ("ms AND", 3, "AND at column 4 needs a term after it"),
        ("ms AND AND nmo", 3, "AND at column 4 needs a term after it"),
        ("ms (AND nmo)", 4, "AND at column 5 needs a term before it"),
        ("ms AND)", 3, "AND at column 4 needs a term after it"),
        ("-", 0, '"-" at column 1 needs a term after it'),
        ("- -", 2, '"-" at column 3 needs a term after it'),
        ("stem -", 5, '"-" at column 6 needs a term after it'),
        ("(stem -)", 6, '"-" at column 7 needs a term after it'),
        ("x:y", 0, 'unknown field "x:" at column 1 (fields: condition,'),
        ('stem x:"y z"', 5, 'unknown field "x:" at column 6'),
        ("near:Boston~0", 11, "near needs a distance of more than 0 and at most 20,000 km "
                              "after ~ at column 12, as in"),
        ('near:"Boston, MA"~0', 17, "near needs a distance of more than 0 and at most"),
        ("near:Boston~20001", 11, "at most 20,000 km after ~ at column 12"),
        ('near:"Boston, MA"~abc', 17, "near needs a distance in km after ~ at column 18"),
        ("(ms OR nmo", 0, 'unclosed "(" at column 1'),
        ("ms)", 2, 'unmatched ")" at column 3'),
        ("(" * 200, 64, "nested too deeply"),
        ("NOT " * 100 + "x", 256, "nested too deeply"),
    ],
)
def test_errors_say_what_and_where(text: str, position: int, fragment: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert fragment in str(caught.value)
    assert caught.value.position == position
    assert isinstance(caught.value, ValueError)


_QUERY_ALPHABET = st.sampled_from(
    [
        *"abcsSé \"()-*:><=/'’’\n\t0129",
        "OR",
        "NOT",
        "AND",
        "phase:",
        "status:",
        "age:",
        "enrollment:",
        "year:",
        "id:",
        "sex:",
        "condition:",
        "type:",
        "foo:",
        "intervention:",
        "sponsor:",
        "\x00",
        "\u0301",
        "İ",
        "ß",
    ]
)


@given(st.one_of(st.text(), st.lists(_QUERY_ALPHABET, max_size=25).map("".join)), st.booleans())
@settings(max_examples=1500, deadline=None)
def test_any_text_parses_or_raises_query_error(text: str, prefix_last: bool) -> None:
    try:
        query = parse_query(text, prefix_last=prefix_last)
    except QueryError as error:
        assert 0 <= error.position <= len(text)
        assert "column" in str(error)
    else:
        assert isinstance(query, Query)


@pytest.mark.parametrize(("text", "words", "field", "prefix"), [
    ('"heart fail', ("heart", "fail"), None, True),
    ('condition:"heart fail', ("heart", "fail"), "condition", True),
    ('"heart ', ("heart",), None, False),  # the last word is whole
    ('"heart fail"', ("heart", "fail"), None, False),  # closed: the phrase itself
])
def test_a_quote_still_open_while_typing_is_the_phrase_so_far(
    text: str, words: tuple[str, ...], field: str | None, prefix: bool
) -> None:
    root = parse_query(text, prefix_last=True).root
    assert isinstance(root, Text)
    assert (root.words, root.field, root.prefix) == (words, field, prefix)
    if not text.endswith('"'):
        with pytest.raises(QueryError, match="unclosed quote"):
            parse_query(text)  # a query given whole must close its quotes


def test_a_dash_between_words_is_punctuation() -> None:
    """A "-" with a term after it, or between words of a title, is no operator: only one
    with nothing after it is an error."""
    assert root("covid - vaccine") == And((Text(("covid",), start=0, end=5),
                                           Text(("vaccine",), start=8, end=15)))
