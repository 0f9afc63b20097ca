"""Text normalization shared by label matching and classification."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"\s*[(（][^()（）]*[)）]")
_DROP = str.maketrans({".": "", "º": "o", "°": "o", "’": "'", "`": "'", "＃": "#", "：": ":", "（": "(", "）": ")"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold text for comparison: NFKC, casefold, accents removed, dots dropped, spaces collapsed.

    "P.O. No." and "PO No" fold alike, so do "Número" and "numero", "N°" and "No".
    """
    text = unicodedata.normalize("NFKC", text).translate(_DROP).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip()


def without_brackets(text: str) -> str:
    """Text without its bracketed notes ("China (VR)" -> "China", "Nhava Sheva (JNPT)" -> "Nhava Sheva")."""
    return _BRACKETED.sub("", text)


def is_cjk(ch: str) -> bool:
    """True for a Han, kana or hangul character."""
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among the letters of text."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_cjk(ch)) / len(letters)
