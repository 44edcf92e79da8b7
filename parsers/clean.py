"""Decode trial files and make their text inert: no escape sequences, controls or overrides."""

from __future__ import annotations

import codecs
import re

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
