"""Decode trial files and make their text inert: no escape sequences, controls or overrides;
repair UTF-8 text that was once read as Windows-1252 ("JakafiÂ®" → "Jakafi®")."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from html.entities import html5
from typing import Any

from .errors import ParseError

# Escape sequences are removed whole, so that no payload (e.g. "]52;c;...") is left behind.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI ... final byte
    # OSC, DCS, SOS, PM and APC strings, up to their terminator (or the end of the line)
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|\Z)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"  # other two- or three-byte escapes
)
# Every escape sequence starts with ESC or one of these C1 introducers: text without any of them
# (nearly every page) skips the escape-sequence scan.
_INTRODUCERS = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
# Lone surrogates (only a str given to parse_text can hold them) cannot be stored as UTF-8.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a file's bytes to text, returning the text and any warnings about the encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as error:
                raise ParseError(f"invalid {encoding.upper()} text: {error.reason}") from None
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if len(_BINARY_BYTES.findall(data[:65536])) > max(8, len(data[:65536]) // 100):
        raise ParseError("binary data, not a text file")
    return data.decode("cp1252", errors="replace"), ["text is not UTF-8: read as Windows-1252"]


def clean_text(text: str) -> str:
    """Normalise line endings and strip escape sequences, control characters and bidi overrides."""
    if text.isprintable():  # no control, format or surrogate character at all: nothing to do
        return text
    if text.replace("\n", "").replace("\t", "").isprintable():  # lines, tabs: nothing to do
        return text
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or (not text.isascii() and _INTRODUCERS.search(text)):
        text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """Clean a single value: as clean_text, with newlines and tabs turned into spaces."""
    return " ".join(clean_text(text).split())


#: A character reference: "&lt;", "&#39;", "&#x27;", a name in any case ("&Apos;").
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Times a text's references are decoded at most: the registry encodes some text two or
#: three times over ("&amp;lt;" → "&lt;" → "<"), the site's CSV up to four ("&Amp;Amp;#39;")
#: and, now and then, many more ("&amp;amp;…" 17 times). Each round shortens the text.
_REFERENCE_ROUNDS = 32


#: A Markdown backslash escape ("\\<", "\\[", "\\_"): the registry escapes these characters
#: in its API v2 texts.
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_unescape(text: str) -> str:
    """The text without Markdown backslash escapes ("\\<" → "<") and with the character
    references the registry encoded twice or more decoded ("\\&lt;6" → "<6", "&#39;" → "'"):
    a reference to a control or format character stays as written."""
    if "\\" in text:
        text = MARKDOWN_ESCAPE.sub(r"\1", text)
    return decode_references(text, keep_unprintable=True)


def decode_references(text: str, *, keep_unprintable: bool) -> str:
    """text with its character references decoded (numeric ones, and the names HTML knows,
    in any case), again while a round decodes more. A reference to a character that is not
    printable (a control, a bidi override) stays as written with keep_unprintable, else is
    dropped: it never becomes that character."""
    if "&" not in text or ";" not in text:
        return text

    def decoded(match: re.Match[str]) -> str:
        token = match[0]
        if token[1] == "#":
            found = html.unescape(token)
        else:
            found = html5.get(token[1:]) or html5.get(token[1:].lower()) or token
        if found and found.isprintable():
            return found
        return token if keep_unprintable else ""

    for _ in range(_REFERENCE_ROUNDS):
        text, count = _REFERENCE.subn(decoded, text)
        if not count or "&" not in text:
            break
    return text


# --- UTF-8 text that was once read as Windows-1252 ("â‰¥1,000/mcL" for "≥1,000/mcL") ---------

#: Windows-1252's reading of the bytes 0x80-0xBF, which continue a UTF-8 character: U+00A0 to
#: U+00BF, and the signs it puts at 0x80-0x9F ("€", "‰", "™", …). Its five undefined bytes
#: read as C1 controls, which cleaning removes: a character that held one cannot be repaired.
_CP1252_SIGNS = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_CONTINUATIONS = _CP1252_SIGNS + "\u00a0-\u00bf"
_CONTINUATION = f"[{_CONTINUATIONS}]"
#: One UTF-8 character read as Windows-1252: its lead byte read as "Â" to "ß" (two bytes), "à"
#: to "ï" (three) or "ð" to "ô" (four), then its continuation bytes.
_MISREAD = (f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}"
            f"|[\u00f0-\u00f4]{_CONTINUATION}{{3}}")
_MISREAD_ONE = re.compile(_MISREAD)
#: What every misread sequence starts with ("Â" to "ô", then a continuation), looked for in
#: the text's UTF-8 bytes: a cheap first look. There it opens with one byte (0xC3, which only
#: ever leads a character's bytes), found at memchr's speed: a study's text is looked at in a
#: tenth of the time a search of the text takes, its encoding included (and the alternation of
#: _MISREAD costs about 8 times as much as that search).
_MISREAD_START_UTF8 = re.compile(
    b"\xc3[\x82-\xb4](?:\xc2[\xa0-\xbf]|"
    + b"|".join(re.escape(char.encode("utf-8")) for char in _CP1252_SIGNS)
    + b")"
)
_MISREAD_RUN = re.compile(f"(?:{_MISREAD})+")
#: What a repaired character may be (code point ranges): Latin letters and signs (Latin-1,
#: Latin Extended-A, Romanian's ș and ț, Vietnamese's), Greek, Cyrillic, punctuation,
#: currency, letter-like signs, arrows, mathematical signs (≥ ≤ ×), shapes, ligatures, emoji.
#: Correct text that only looks misread gives something else ("CAFÉ”" would give IPA's "ɔ",
#: "voilà\u00a0«" a Samaritan letter), and stays as written.
_PLAUSIBLE = ((0xA0, 0x17F), (0x218, 0x21B), (0x370, 0x45F), (0x1E00, 0x1EFF),
              (0x2000, 0x2BFF), (0xFB00, 0xFB06), (0x1F000, 0x1FAFF))
#: CJK, Hangul and full-width forms: repaired only two or more in a row (a word), never one
#: alone (which a French "é»…" would give).
_IDEOGRAPHS = ((0x3000, 0x9FFF), (0xAC00, 0xD7A3), (0xFF01, 0xFFEE))
#: Times a text is repaired at most: text misread twice ("ÃƒÂ©") is repaired twice over.
_REPAIR_ROUNDS = 3


def _within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def _repaired_char(piece: str) -> str | None:
    """The character whose UTF-8 bytes Windows-1252 read as piece, when the bytes are UTF-8
    and the character is plausible text; else None."""
    try:
        char = piece.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    if _CONTROLS.match(char) or not (_within(char, _PLAUSIBLE) or _within(char, _IDEOGRAPHS)):
        return None
    # a space (no-break, thin) is text; a line or paragraph separator or a format character
    # (soft hyphen, zero-width space) is not
    return char if char.isprintable() or unicodedata.category(char) == "Zs" else None


def _repair_run(run: str, repairs: dict[str, str] | None) -> str:
    pieces = _MISREAD_ONE.findall(run)
    chars = [_repaired_char(piece) for piece in pieces]
    ideographs = sum(1 for char in chars if char and _within(char, _IDEOGRAPHS))
    out: list[str] = []
    for piece, char in zip(pieces, chars, strict=True):
        if char is None or (ideographs < 2 and _within(char, _IDEOGRAPHS)):
            out.append(piece)
        else:
            out.append(char)
            if repairs is not None:
                repairs.setdefault(piece, char)
    return "".join(out)


def has_misread_utf8(text: str) -> bool:
    """Whether text holds something that reads like UTF-8 read as Windows-1252 ("Â®", "â€™")."""
    return (
        _MISREAD_START_UTF8.search(text.encode("utf-8", "surrogatepass")) is not None
        and _MISREAD_ONE.search(text) is not None
    )


def repair_misread_utf8(text: str, repairs: dict[str, str] | None = None) -> str:
    """text with every run of UTF-8 that was read as Windows-1252 read again as UTF-8:
    "JakafiÂ®" → "Jakafi®", "â‰¥1,000/mcL" → "≥1,000/mcL", "SWEâ„¢" → "SWE™", "â€™" → "’".

    Only a run whose bytes (written back as Windows-1252) are UTF-8 and give plausible text is
    repaired; anything else stays as written, so correct text is never altered ("pâté",
    "SÃO PAULO", "Âge", "São Paulo"). repairs, when given, gains each repaired sequence and
    the character it became ("â‰¥": "≥").
    """
    for _ in range(_REPAIR_ROUNDS):
        if not has_misread_utf8(text):
            break
        repaired = _MISREAD_RUN.sub(lambda match: _repair_run(match[0], repairs), text)
        if repaired == text:
            break
        text = repaired
    return text


def repair_values(value: Any, repairs: dict[str, str]) -> tuple[Any, int]:
    """A record's value (strings, lists and objects of them) with its misread text repaired
    (repair_misread_utf8), and how many strings changed."""
    if isinstance(value, str):
        repaired = repair_misread_utf8(value, repairs) if has_misread_utf8(value) else value
        return repaired, int(repaired != value)
    changed = 0
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index], count = repair_values(item, repairs)
            changed += count
    elif isinstance(value, dict):
        for key, item in value.items():
            value[key], count = repair_values(item, repairs)
            changed += count
    return value, changed


def repaired_warning(count: int, repairs: dict[str, str], shown: int = 3) -> str:
    """The record's warning that its text was repaired, with the first repairs: 'text repaired
    in 7 values: UTF-8 read as Windows-1252 ("â‰¥" → "≥", "Ã—" → "×", "Â®" → "®", …)'."""
    examples = [f'"{piece}" → "{char}"' for piece, char in list(repairs.items())[:shown]]
    more = ", …" if len(repairs) > shown else ""
    values = "value" if count == 1 else "values"
    return (f"text repaired in {count} {values}: UTF-8 read as Windows-1252 "
            f"({', '.join(examples)}{more})")
