"""Customer text as plain, safe text: what every renderer receives."""

from __future__ import annotations

import unicodedata

# Bidirectional overrides and isolates can make text read differently from what it is; never part of an order.
_BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_DROPPED_CATEGORIES = frozenset({"Cc", "Cs", "Co"})


def clean_text(value: object) -> str:
    """Return customer text without control, surrogate, private-use or bidi-override characters, trimmed.

    Line breaks and tabs are kept (CRLF becomes LF); everything else stays exactly as written, including
    braces, angle brackets and a leading `=`: renderers insert it as text, never as markup or formula.
    """
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    kept = (
        char
        for char in text
        if char in "\n\t" or (unicodedata.category(char) not in _DROPPED_CATEGORIES and char not in _BIDI_CONTROLS)
    )
    return "".join(kept).strip()


def optional_text(value: object | None) -> str:
    """Return `clean_text` of a value, or an empty string for None."""
    return clean_text(value) if value is not None else ""
