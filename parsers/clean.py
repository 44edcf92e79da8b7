"""Decode trial files and make their text inert: no escape sequences, controls or overrides."""

from __future__ import annotations

import codecs
import html
import re
from html.entities import html5

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
