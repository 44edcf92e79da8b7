"""The query language in the browser's help: its operators and each field with an example
(store.search.FIELD_EXAMPLES, so that a field added to the language is listed)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from store.search import FIELD_EXAMPLES, FIELDS

#: The operators: an example and what it matches.
OPERATORS = (
    ("stem cell", "Every word, in any field, any order (case, accents and plurals folded)"),
    ('"optic neuritis"', "The phrase"),
    ("ms OR nmo", "Either (OR, AND, NOT are upper case: ms or nmo looks for three words)"),
    ("-placebo", "Without the word (also NOT placebo)"),
    ("transpl*", "Words starting with transpl (the last word typed always is one)"),
    ('phase:"not stated"', "States no value of the field (phase, status, type, sex, country, "
     "allocation, masking, purpose)"),
)
#: What each field matches.
FIELD_WORDS = {
    "condition": "The word or phrase in the conditions",
    "intervention": "In the interventions and their other names (brand names)",
    "sponsor": "In the sponsor or a collaborator",
    "id": "That trial (its NCT id, an old one or a secondary id)",
    "phase": "That phase (phase:1/2 needs both)",
    "status": "That overall status",
    "type": "That study type",
    "sex": "Open to that sex (all admits both)",
    "age": "Eligible at that age (age:6m for months)",
    "enrollment": "Enrollment count: >, >=, <, <=, =",
    "year": "Start year: >, >=, <, <=, =",
    "country": "A site in that country",
    "city": "A site in that city",
    "site": "The words in a site's facility name",
    "mesh": "A MeSH term or id of the conditions or interventions, or an ancestor",
    "outcome": "The words in an outcome measure",
    "pmid": "Citing that PubMed id",
    "results": "Results posted (yes) or not (no)",
    "allocation": "The design's allocation",
    "masking": "The design's masking (open for none)",
    "purpose": "The design's primary purpose",
    "near": "A site within 50 km (or ~KM) of the place",
}


def query_help() -> Table:
    """The operators, then every field, as a grid: example, then what it matches."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold", min_width=14)
    grid.add_column()
    for example, words in OPERATORS:
        grid.add_row(Text(example), Text(words))
    for field in FIELDS:
        grid.add_row(Text(FIELD_EXAMPLES[field]), Text(FIELD_WORDS.get(field, "")))
    return grid
