"""Decoding and cleaning: text from trial files is made inert before it is parsed."""

from __future__ import annotations

import codecs
import hashlib
import random

import pytest

from parsers import ParseError, clean_text, parse_bytes, parse_text
from parsers.clean import clean_line, decode_bytes

# --- BOM and line endings -------------------------------------------------------------------


def test_bom_removed() -> None:
    assert clean_text("\ufeffTitle\nBody") == "Title\nBody"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\n\rb\n\r\nc", "a\n\nb\n\nc"),
        ("a\n\nb", "a\n\nb"),
    ],
    ids=["crlf", "lone-cr", "mixed", "lf"],
)
def test_line_endings(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


# --- escape sequences, removed whole ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("\x1b[1;31mred\x1b[0m text", "red text", id="csi-colour"),
        pytest.param("\x1b[38;2;255;0;0mtrue\x1b[m", "true", id="csi-truecolour"),
        pytest.param("before\x1b[2J\x1b[Hafter", "beforeafter", id="csi-clear-screen"),
        pytest.param("a\x1b[?25lb\x1b[?1049hc", "abc", id="csi-private"),
        pytest.param("x\x1b]52;c;SGVsbG8=\x07y", "xy", id="osc52-bel"),
        pytest.param("x\x1b]52;c;SGVsbG8=\x1b\\y", "xy", id="osc52-st"),
        pytest.param("x\x1b]0;evil window title\x1b\\y", "xy", id="osc-title-st"),
        pytest.param(
            "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\", "link", id="osc8-hyperlink"
        ),
        pytest.param("x\x1bPq#0;2;0;0;0#0~~@@$-\x1b\\y", "xy", id="dcs-sixel"),
        pytest.param('x\x1bP$q"p\x1b\\y', "xy", id="dcs-decrqss"),
        pytest.param("x\x1b_apc payload\x1b\\y", "xy", id="apc"),
        pytest.param("x\x1b^pm payload\x1b\\y", "xy", id="pm"),
        pytest.param("x\x9b31mred\x9b0my", "xredy", id="c1-csi"),
        pytest.param("x\x9d52;c;SGVsbG8=\x07y", "xy", id="c1-osc-bel"),
        pytest.param("x\x9d0;title\x9cy", "xy", id="c1-osc-st"),
        pytest.param("x\x90q#0;2\x9cy", "xy", id="c1-dcs"),
        pytest.param("x\x1bcy", "xy", id="ris"),
        pytest.param("x\x1b(By", "xy", id="charset"),
        pytest.param("x\x1b7\x1b8y", "xy", id="save-restore-cursor"),
        pytest.param("end\x1b", "end", id="lone-esc"),
    ],
)
def test_escape_sequences_removed_whole(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_osc52_clipboard_payload_leaves_nothing_behind() -> None:
    raw = "Title \x1b]52;c;SGVsbG8=\x07of the trial\nnext \x1b]52;c;SGVsbG8=\x1b\\line"
    cleaned = clean_text(raw)
    assert cleaned == "Title of the trial\nnext line"
    assert "]52;c;" not in cleaned and "52;" not in cleaned and "SGVsbG8" not in cleaned


def test_unterminated_osc_stops_at_the_end_of_its_line() -> None:
    assert clean_text("a\x1b]52;c;SGVsbG8=\nnext line") == "a\nnext line"


# --- control characters and bidi overrides --------------------------------------------------


def test_c0_c1_controls_and_del_removed_tab_and_newline_kept() -> None:
    raw = "a\x00b\x01c\x07d\x08e\x0bf\x0cg\x0eh\x1fi\x7fj\x80k\x85l\x9am\tn\no"
    assert clean_text(raw) == "abcdefghijklm\tn\no"


@pytest.mark.parametrize(
    "char",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_bidi_overrides_removed(char: str) -> None:
    assert clean_text(f"abc{char}def{char}") == "abcdef"


def test_trojan_source_style_text_is_flattened() -> None:
    raw = "Acme\u202e emrahP\u202c \u2067Pharma\u2069"
    assert clean_text(raw) == "Acme emrahP Pharma"


def test_unicode_kept_as_is_without_nfkc() -> None:
    text = "≥ ≤ × · ㎠ ﬁ ² ① 、 é e\u0301 Ω µ –"
    assert clean_text(text) == text


def test_clean_line_turns_newlines_and_tabs_into_single_spaces() -> None:
    assert clean_line("  a\tb\r\n c \x1b[31m d\u202e ") == "a b c d"


# --- decoding -------------------------------------------------------------------------------

TEXT = "Title\n≥ 18 years, café\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-8"),
    ],
    ids=["utf-16", "utf-16-le", "utf-16-be", "utf-8-bom", "utf-8"],
)
def test_decode_unicode(data: bytes) -> None:
    text, warnings = decode_bytes(data)
    assert clean_text(text) == TEXT
    assert warnings == []


def test_decode_cp1252_with_a_warning() -> None:
    data = b"Caf\xe9 \x93quoted\x94 \x96 dash \x80 5"
    text, warnings = decode_bytes(data)
    assert text == "Café “quoted” – dash € 5"
    assert len(warnings) == 1 and warnings[0].strip()


def random_binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + random.Random(1234).randbytes(4096)


def test_decode_random_binary_raises() -> None:
    with pytest.raises(ParseError) as caught:
        decode_bytes(random_binary())
    assert str(caught.value).strip()


def test_decode_broken_utf16_raises() -> None:
    with pytest.raises(ParseError):
        decode_bytes(codecs.BOM_UTF16_LE + b"T\x00i\x00t")


@pytest.mark.parametrize(
    "data",
    [random_binary(), b"\x00" * 2048, bytes(range(256)) * 8],
    ids=["random", "nul-bytes", "all-bytes"],
)
def test_parse_bytes_of_binary_raises(data: bytes) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, "image.png")
    assert str(caught.value).strip()


# --- cleaning on the way into the parsers ---------------------------------------------------

VEEVA = (
    "ClinicalTrials.Veeva\n\nMenu\n\n"
    "{title}\n\nA\n\n{sponsor}\n\n"
    "Status and phase\n\nCompleted\nPhase 2\n\n"
    "Identifiers\n\nNCT01234567\n\n"
    "Inclusion criteria\n\n  • Adults{escape}\n  • Migraine\n\n"
    "Trial contacts and locations\n\n1\n\n"
    "Loading...\n\nData sourced from clinicaltrials.gov\n\n"
    "Find clinical trialsTrials by location\n© Copyright 2026 Veeva Systems\n"
)


def all_strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in all_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in all_strings(item)]
    return [value] if isinstance(value, str) else []


def test_escapes_and_rich_markup_in_a_veeva_title_come_out_inert() -> None:
    text = VEEVA.format(
        title="\x1b[31m[bold]x[/\x1b[0m Trial \x1b]52;c;SGVsbG8=\x07of [link=https://e.x]aspirin",
        sponsor="Acme\u202e Pharma\x07",
        escape="\x1b[2J",
    )
    data = text.replace("\n", "\r\n").encode("utf-8")
    loaded = parse_bytes(data, "page.txt")
    record = loaded.record
    assert record["title"] == "[bold]x[/ Trial of [link=https://e.x]aspirin"
    assert record["sponsor"] == "Acme Pharma"
    assert record["eligibility"]["inclusion"] == [
        {"text": "Adults", "children": []},
        {"text": "Migraine", "children": []},
    ]
    assert record["source"]["sha256"] == hashlib.sha256(data).hexdigest()
    for value in [*all_strings(record), loaded.text]:
        assert "\x1b" not in value and "\r" not in value and "\x07" not in value
        assert "]52;c;" not in value and "SGVsbG8" not in value
        assert "\u202e" not in value
    assert record["warnings"] == []


def test_escapes_in_a_ctgov_page_are_removed() -> None:
    text = (
        "Title\n\n\x1b]0;pwned\x07Aspirin [i]for[/i] Migraine\x1b[0m\n"
        "  • Phase\n\n    \x9b1mPhase 2\n"
        "  • Status\n\n    Completed\u2066\n"
        "  • Study Participants\n\n    12\n"
        "A summary.\n"
        "Study Started\nJan 31\n2020\n"
        "Criteria\n\nInclusion Criteria:\n\nAdults\x1b[K\n\n"
        "No Results Posted\n"
    )
    record = parse_text(text)
    assert record["title"] == "Aspirin [i]for[/i] Migraine"
    assert record["phases"] == ["PHASE2"]
    assert record["status"] == "COMPLETED"
    assert record["eligibility"]["inclusion"] == [{"text": "Adults", "children": []}]
    for value in all_strings(record):
        assert "\x1b" not in value and "pwned" not in value and "\x9b" not in value


def test_cp1252_page_is_read_with_a_warning() -> None:
    text = VEEVA.format(title="Café and “aspirin”", sponsor="Acme Pharma", escape="")
    data = text.replace("•", "*").encode("cp1252")
    assert b"Caf\xe9 and \x93aspirin\x94" in data
    record = parse_bytes(data, "page.txt").record
    assert record["title"] == "Café and “aspirin”"
    assert record["nct_id"] == "NCT01234567"
    assert len(record["warnings"]) == 1
    assert record["source"]["sha256"] == hashlib.sha256(data).hexdigest()
