"""The participant data and documents a study shares (available_ipd): read from classic XML
<study_docs> and API v2 referencesModule.availIpds into one shape, shown after the IPD
sharing statement in the References tab and `trials show`, and in the Markdown export; a
change of them is named in a trial's history.

Expected values were read by hand from the files in tests/fixtures/realdata/ipd (README there)
and ctti-clinicaltrials__aact__NCT00465816.json.
"""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from test_cli import RunCli

from parsers import ctgov_json, ctgov_xml, load_file
from parsers.record import PARSER_REVISION, empty_record
from store.diff import diff_records, summarise
from tui.export_markdown import trial_markdown
from tui.references_view import references_view

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"
IPD = REALDATA / "ipd"
SERVIER = IPD / "tibbs001__ctwiki-loader__NCT03494712.xml"  # 6 entries, one url, no ids
SCOPUS = IPD / "tibbs001__ctwiki-loader__NCT03459976.xml"  # a DOI, a url with &amp;
REDCAP = IPD / "tibbs001__ctwiki-loader__NCT03391583.xml"  # a comment of two lines
GSK_XML = IPD / "hantswilliams__clinicaltrials_trec_2022__NCT00056407.xml"  # 7, one id
MUTATIONS = IPD / "DhanasaiBontu__clinical_trial_matchers__NCT05382585.json"  # API v2
GSK_JSON = REALDATA / "ctti-clinicaltrials__aact__NCT00465816.json"  # API v2, 7, one id
KEYS = {"id", "type", "url", "comment"}
SERVIER_URL = "https://clinicaltrials.servier.com/"
GSK_URL = "https://www.clinicalstudydatarequest.com"
GSK_COMMENT = ("For additional information about this study please refer to the GSK Clinical "
               "Study Register")
REDCAP_COMMENT = (
    "The Applied Health Research Centre (AHRC), an academic research organization based at St "
    "Michael's Hospital, will use software called REDCap to create the web-based electronic CRF "
    "(eCRF).\nAuthorized personnel receive a username and password which is unique, and "
    "database access is controlled by the DCC in collaboration with the Principal Investigator."
)

Record = dict[str, Any]


def record_of(path: Path) -> Record:
    return load_file(path).record


def entry(kind: str | None, url: str | None = None, id_: str | None = None,
          comment: str | None = None) -> dict[str, Any]:
    return {"id": id_, "type": kind, "url": url, "comment": comment}


def render(record: Record, width: int = 100) -> list[str]:
    """The References tab of a record as the plain lines a console of width prints."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(references_view(record).whole())
    return [line.rstrip() for line in console.export_text(styles=False).splitlines()]


def section(lines: list[str], heading: str) -> list[str]:
    """The lines from heading to the next blank line."""
    start = lines.index(heading)
    end = next((at for at in range(start, len(lines)) if not lines[at]), len(lines))
    return lines[start:end]


# --- classic XML: <study_docs> ----------------------------------------------------------------


def test_xml_study_docs_in_the_files_order_types_as_written() -> None:
    record = record_of(SERVIER)
    assert record["available_ipd"] == [
        entry("Individual Participant Data Set", SERVIER_URL),
        entry("Study Protocol", SERVIER_URL),
        entry("Statistical Analysis Plan", SERVIER_URL),
        entry("Informed Consent Form", SERVIER_URL),
        entry("Clinical Study Report", SERVIER_URL),
        entry("study-level clinical trial data", SERVIER_URL),  # the sponsor's own words
    ]
    assert record["warnings"] == []  # <study_docs> is read, not an unknown element
    assert record["documents"] == []  # not the registry's own posted files


def test_xml_doc_id_and_a_url_whose_ampersands_the_file_escapes() -> None:
    assert record_of(SCOPUS)["available_ipd"] == [entry(
        "Individual Participant Data Set",
        "https://www.scopus.com/record/display.uri?eid=2-s2.0-85017447906&origin=resultslist"
        "&sort=plf-f&src=s&st1=DJ-1%3b+HE4%3b+PARK7%3b+endometrial+cancer&st2=&sid="
        "c9b2b927dbc42cc33a01eb39e68b0a6d&sot=b&sdt=b&sl=51&s=TITLE-ABS-KEY%28DJ-1%3b+HE4%3b+"
        "PARK7%3b+endometrial+cancer%29&relpos=0&citeCnt=0&searchTerm=",
        "10.1002/jcla.22223", "DJ-1; HE4; PARK7; endometrial cancer")]


def test_xml_comment_keeps_its_line_break_and_no_id_is_null() -> None:
    assert record_of(REDCAP)["available_ipd"] == [
        entry("Individual Participant Data Set", "http://project-redcap.org/", None,
              REDCAP_COMMENT)]


def test_xml_and_json_give_the_same_shape() -> None:
    xml = record_of(GSK_XML)["available_ipd"]
    assert [item["type"] for item in xml] == [
        "Study Protocol", "Individual Participant Data Set", "Clinical Study Report",
        "Annotated Case Report Form", "Dataset Specification", "Statistical Analysis Plan",
        "Informed Consent Form"]
    assert {(item["id"], item["url"], item["comment"]) for item in xml} == {
        ("ARI40006", GSK_URL, GSK_COMMENT)}
    api = record_of(GSK_JSON)["available_ipd"]
    assert [item["type"] for item in api] == [
        "Dataset Specification", "Study Protocol", "Annotated Case Report Form",
        "Clinical Study Report", "Informed Consent Form", "Statistical Analysis Plan",
        "Individual Participant Data Set"]
    assert {(item["id"], item["url"], item["comment"]) for item in api} == {
        ("109063", GSK_URL, GSK_COMMENT)}
    assert all(set(item) == KEYS for item in xml + api)


def xml_study(body: str) -> Record:
    [(record, _)] = ctgov_xml.parse_records(
        "<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>"
        f"<brief_title>T</brief_title>{body}</clinical_study>")
    return record


def test_xml_empty_and_repeated_study_docs() -> None:
    doc = ("<study_doc><doc_type>Study Protocol</doc_type><doc_url>https://a.example/p</doc_url>"
           "</study_doc>")
    record = xml_study(f"<study_docs><study_doc/><study_doc><doc_id> </doc_id></study_doc>"
                       f"{doc}{doc}</study_docs>")
    assert record["available_ipd"] == [entry("Study Protocol", "https://a.example/p")]
    assert record["warnings"] == []
    assert xml_study("")["available_ipd"] == []
    assert "study_docs" not in ctgov_xml.NOT_KEPT and "study_docs" in ctgov_xml.KNOWN


# --- API v2 JSON: referencesModule.availIpds --------------------------------------------------


def test_json_avail_ipds_of_a_whole_study() -> None:
    record = record_of(MUTATIONS)
    assert record["available_ipd"] == [entry(
        "Mutation data", "https://www.ncbi.nlm.nih.gov/clinvar/submitters/507417/", None,
        "Data of 37 mutations identified till 2020 has been uploaded, more mutations will be "
        "uploaded soon")]
    assert record["ipd_sharing"]["plan"] == "YES"  # the statement is read as before
    assert record["warnings"] == []


def json_study(avail: Any) -> Record:
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT00000001",
                                                          "briefTitle": "T"},
                                 "referencesModule": {"availIpds": avail}}}
    [(record, _)] = ctgov_json.parse_records(json.dumps(study))
    return record


def test_json_reading_is_lenient_and_keeps_the_study() -> None:
    record = json_study([
        {"id": "X-1", "type": "Study\\_Protocol", "url": " https://a.example/p ",
         "comment": "Line one\nLine \\<two\\>"},
        "not an object",
        {},
        {"type": 12},
        {"id": "X-1", "type": "Study\\_Protocol", "url": "https://a.example/p",
         "comment": "Line one\nLine \\<two\\>"},  # the same again
    ])
    assert record["title"] == "T"
    assert record["available_ipd"] == [
        entry("Study_Protocol", "https://a.example/p", "X-1", "Line one\nLine <two>")]
    path = "protocolSection.referencesModule.availIpds"
    assert f"{path}[1]: expected an object, got a string; not kept" in record["warnings"]
    assert any(warning.startswith(f"{path}[3].type: expected a string")
               for warning in record["warnings"])
    not_a_list = json_study({"id": "X-1"})
    assert not_a_list["available_ipd"] == []
    assert any(warning.startswith(path) for warning in not_a_list["warnings"])
    assert json_study(None)["available_ipd"] == []


def test_the_field_is_in_every_record_and_the_revision_was_raised() -> None:
    assert empty_record()["available_ipd"] == []
    assert record_of(SERVIER)["source"]["parser_revision"] == PARSER_REVISION >= 7


# --- the References tab, `trials show`, the Markdown export -----------------------------------


def test_references_tab_lists_them_after_the_ipd_statement() -> None:
    lines = render(record_of(GSK_XML))
    assert lines.index("Individual participant data (IPD) sharing") < lines.index(
        "Available participant data and documents (7)")
    # the seven types at one address, under one id, with one comment: one entry
    assert section(lines, "Available participant data and documents (7)") == [
        "Available participant data and documents (7)",
        "  • Study Protocol; Individual Participant Data Set; Clinical Study Report; Annotated "
        "Case Report",
        "    Form; Dataset Specification; Statistical Analysis Plan; Informed Consent Form",
        "    ID ARI40006",
        "    https://www.clinicalstudydatarequest.com",
        f"    {GSK_COMMENT}",
    ]
    lines = render(record_of(REDCAP))
    assert section(lines, "Available participant data and documents (1)") == [
        "Available participant data and documents (1)",
        "  • Individual Participant Data Set",
        "    http://project-redcap.org/",
        "    The Applied Health Research Centre (AHRC), an academic research organization based"
        " at St",
        "    Michael's Hospital, will use software called REDCap to create the web-based "
        "electronic CRF",
        "    (eCRF).",
        "    Authorized personnel receive a username and password which is unique, and database"
        " access is",
        "    controlled by the DCC in collaboration with the Principal Investigator.",
    ]


def test_entries_of_other_addresses_stay_apart_and_text_is_never_markup() -> None:
    record = record_of(SERVIER)
    record["available_ipd"] += [entry("[bold]Data[/bold]", "[link=x]y[/link]", "[red]1[/red]"),
                                entry(None, "https://b.example/")]
    lines = render(record)
    assert section(lines, "Available participant data and documents (8)") == [
        "Available participant data and documents (8)",
        "  • Individual Participant Data Set; Study Protocol; Statistical Analysis Plan; Informed "
        "Consent",
        "    Form; Clinical Study Report; study-level clinical trial data",
        "    https://clinicaltrials.servier.com/",
        "  • [bold]Data[/bold]",
        "    ID [red]1[/red]",
        "    [link=x]y[/link]",
        "  • Type not stated",
        "    https://b.example/",
    ]


def test_a_study_with_none_shows_no_such_section() -> None:
    record = record_of(MUTATIONS)
    record["available_ipd"] = []
    assert not any(line.startswith("Available participant data") for line in render(record))


def test_trials_show_prints_them(cli_db: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli("import", str(SCOPUS))
    assert code == 0, err
    code, out, err = run_cli("show", "NCT03459976")
    assert code == 0 and err == ""
    lines = out.split("\n")
    at = lines.index("Available participant data and documents (1)")
    assert lines[at + 1:at + 5] == [
        "  • Individual Participant Data Set",
        "    ID 10.1002/jcla.22223",
        "    https://www.scopus.com/record/display.uri?eid=2-s2.0-85017447906&origin=resultslist"
        "&sort=plf-f&src=s&st1=DJ-1%3b+HE4%3b+PARK7%3b+endometrial+cancer&st2=&sid="
        "c9b2b927dbc42cc33a01eb39e68b0a6d&sot=b&sdt=b&sl=51&s=TITLE-ABS-KEY%28DJ-1%3b+HE4%3b+"
        "PARK7%3b+endometrial+cancer%29&relpos=0&citeCnt=0&searchTerm=",
        "    DJ-1; HE4; PARK7; endometrial cancer",
    ]
    assert lines.index("See also (2)") < at  # after the links


def test_markdown_export_lists_them_as_text_and_links() -> None:
    markdown = trial_markdown(record_of(GSK_JSON))
    assert (
        "### Available participant data and documents (7)\n\n"
        "- Dataset Specification; Study Protocol; Annotated Case Report Form; Clinical Study "
        "Report; Informed Consent Form; Statistical Analysis Plan; Individual Participant Data "
        "Set (ID 109063): <https://www.clinicalstudydatarequest.com>\n"
        f"  {GSK_COMMENT}\n") in markdown
    record = record_of(REDCAP)
    record["available_ipd"].append(entry("# Data *set*", "javascript:alert(1)", "<b>1</b>",
                                         "1. [x](y)"))
    markdown = trial_markdown(record)
    assert "- Individual Participant Data Set: <http://project-redcap.org/>\n" in markdown
    # the comment on one line under its entry
    assert "  The Applied Health Research Centre (AHRC), an academic research organization " \
        "based at St Michael's Hospital, will use software called REDCap to create the web-" \
        "based electronic CRF (eCRF). Authorized personnel receive" in markdown
    # data, never markup: no heading, emphasis, HTML or link from the file's text
    assert ("- \\# Data \\*set\\* (ID \\<b\\>1\\</b\\>): javascript:alert(1)\n"
            "  1\\. \\[x\\](y)") in markdown
    assert not re.search(r"^#+ Data", markdown, re.MULTILINE)


# --- history ----------------------------------------------------------------------------------


def test_an_entry_added_or_removed_is_a_named_change() -> None:
    old = record_of(SERVIER)
    new = copy.deepcopy(old)
    new["available_ipd"].append(entry("Analytic Code", SERVIER_URL))
    del new["available_ipd"][0]
    changes = diff_records(old, new)
    assert [(change.field, change.kind, change.item) for change in changes] == [
        ("available_ipd", "added", "Analytic Code"),
        ("available_ipd", "removed", "Individual Participant Data Set"),
    ]
    assert summarise(changes) == "1 shared data or document added, 1 removed"


@pytest.mark.parametrize("path", [SERVIER, SCOPUS, REDCAP, GSK_XML, MUTATIONS])
def test_every_fixture_parses_without_warnings(path: Path) -> None:
    assert record_of(path)["warnings"] == []


def test_a_paged_references_tab_says_they_are_still_to_come() -> None:
    record = record_of(GSK_XML)
    record["references"] = record["references"] * 10  # 200 references: more than a page
    paged = references_view(record)
    _, shown = paged.first()
    more = paged.more_line(shown)
    assert more is not None
    assert more.plain.endswith(" more references, then see-also links, IPD sharing and "
                               "available data: press m for more (or scroll on).")
