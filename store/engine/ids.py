"""Trial ids as order keys: a u64 whose order is the ids' string order, and which spells
NCT and LOCAL ids exactly (so ids are read from a fast column, not from stored documents).

    order_key("LOCAL-abcdef0123") < order_key("NCT00000001") < order_key("NCT00000002")
    id_of_key(order_key("NCT00000001")) == "NCT00000001"

For any ids a < b (string order): order_key(a) <= order_key(b). The keys of NCT ids
("NCT" + 8 digits) and LOCAL ids ("LOCAL-" + 10 lowercase hex digits) are distinct and
reversible (lowest bit 0); any other id gets a key with the lowest bit 1 that may equal the
key of another such id (an "other" id never shares a key with an NCT or LOCAL id): callers
order equal keys by the id itself, read from the stored document (see results).

Layout (key >> 1, below 2**61), in string order:

    ids below "LOCAL-0000000000"       generic code, at most G_L - 1
    "LOCAL-0000000000".."LOCAL-ffffffffff"   G_L + the floor LOCAL number (16**10 of them)
    ids between                        generic code + 16**10, clamped between the two blocks
    "NCT00000000".."NCT99999999"       G_N + 16**10 + the floor NCT number (10**8 of them)
    ids above                          generic code + 16**10 + 10**8

The generic code packs the first 10 characters into 6 bits each over an ordered alphabet
("-", digits, capitals, small letters; 0 = end of the id). A character outside it counts as
the largest alphabet character below it (or the end), and every position after it as the
largest character: a floor, so the code never decreases along string order. Inside a block,
an id that is not a block id takes the number of the largest block id below it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SYMBOL = {char: number + 1 for number, char in enumerate(_ALPHABET)}
_ORDINALS = [ord(char) for char in _ALPHABET]
_WIDTH = 10  # characters in the generic code
_TOP = 63  # the largest symbol

_HEX = "0123456789abcdef"
_DECIMAL = "0123456789"
_LOCAL, _LOCAL_DIGITS = "LOCAL-", 10
_NCT, _NCT_DIGITS = "NCT", 8
L_MIN, L_MAX = _LOCAL + "0" * 10, _LOCAL + "f" * 10
N_MIN, N_MAX = _NCT + "0" * 8, _NCT + "9" * 8
_L_SPAN = 16**_LOCAL_DIGITS
_N_SPAN = 10**_NCT_DIGITS
_LOCAL_RE = re.compile(r"LOCAL-[0-9a-f]{10}")
_NCT_RE = re.compile(r"NCT[0-9]{8}")


def generic_code(text: str) -> int:
    """A code of the first characters of text that never decreases along string order."""
    code = 0
    filling = False
    for position in range(_WIDTH):
        if filling:
            symbol = _TOP
        elif position < len(text):
            char = text[position]
            found = _SYMBOL.get(char)
            if found is None:
                # The largest alphabet character below char (0: none, as the end), then fill.
                symbol = bisect_left(_ORDINALS, ord(char))
                filling = True
            else:
                symbol = found
        else:
            symbol = 0
        code = code * 64 + symbol
    return code


_G_L = generic_code(L_MIN)
_G_N = generic_code(N_MIN)


def _floor_number(rest: str, digits: str, width: int) -> int:
    """The largest n whose width-digit spelling (over digits, in order) is <= rest."""
    base = len(digits)
    value = 0
    for position in range(width):
        if position == len(rest):  # every longer spelling with this beginning is above rest
            scale: int = base ** (width - position)
            return value * scale - 1
        char = rest[position]
        digit = digits.find(char)
        if digit >= 0:
            value = value * base + digit
            continue
        lower = sum(1 for d in digits if d < char)
        scale = base ** (width - position - 1)
        return (value * base + lower) * scale - 1
    return value


def order_key(trial_id: str) -> int:
    """The u64 order key of an id (see the module doc)."""
    exact = 0
    if trial_id < L_MIN:
        code = min(generic_code(trial_id), _G_L - 1)
        exact = 1
    elif trial_id <= L_MAX:
        code = _G_L + _floor_number(trial_id[len(_LOCAL):], _HEX, _LOCAL_DIGITS)
        exact = 0 if _LOCAL_RE.fullmatch(trial_id) else 1
    elif trial_id < N_MIN:
        code = min(max(generic_code(trial_id), _G_L) + _L_SPAN, _G_N + _L_SPAN - 1)
        exact = 1
    elif trial_id <= N_MAX:
        code = _G_N + _L_SPAN + _floor_number(trial_id[len(_NCT):], _DECIMAL, _NCT_DIGITS)
        exact = 0 if _NCT_RE.fullmatch(trial_id) else 1
    else:
        code = max(generic_code(trial_id), _G_N) + _L_SPAN + _N_SPAN
        exact = 1
    return code << 1 | exact


def id_of_key(key: int) -> str | None:
    """The id an order key spells (NCT and LOCAL ids), or None: read the stored id."""
    if key & 1:
        return None
    code = key >> 1
    number = code - _G_N - _L_SPAN
    if 0 <= number < _N_SPAN:
        return f"{_NCT}{number:0{_NCT_DIGITS}d}"
    number = code - _G_L
    if 0 <= number < _L_SPAN:
        return f"{_LOCAL}{number:0{_LOCAL_DIGITS}x}"
    return None
