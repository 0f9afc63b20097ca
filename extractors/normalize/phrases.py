"""Phrase matching shared by the normalizers: folding with a position map, and compiled phrase tables.

Every normalizer matches printed text against phrases that come from the lexicons (all languages at once).
Matching happens on *folded* text (NFKC, casefold, accents removed) so that "MÄRZ", "März" and "marz" match
alike, and every hit is mapped back to its span in the original text so that callers can report evidence.

A `PhraseMatcher` indexes its phrases once in a character trie. At each position the longest phrase wins;
Latin phrases match only at word boundaries (no letter directly before or after), CJK phrases match anywhere
because CJK text has no spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Generic, TypeVar

from extractors.lexicons import Lexicon, all_lexicons

K = TypeVar("K")

_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
LETTER = rf"[^\W\d_{_CJK_RANGES}]"
"""A letter that is not CJK: the characters a Latin word boundary looks at."""
_LETTER_RE = re.compile(LETTER)
_SPACES = re.compile(r"\s+")
_CANONICAL_DROP = re.compile(r"[\s.\-'’]+")


@dataclass(frozen=True, slots=True)
class FoldedText:
    """Folded text with, for each folded character, the index of the original character it came from."""

    original: str
    folded: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text back to a span of the original text."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


@cache
def _fold_char(ch: str) -> str:
    text = unicodedata.normalize("NFKC", ch).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def fold_text(text: str) -> FoldedText:
    """Fold text character by character (NFKC, casefold, accents removed), keeping a position map.

    Dots, spaces and punctuation are kept (NBSP and other spaces become plain spaces), so numbers and
    abbreviations keep their shape: "14. MÄRZ 2026" -> "14. marz 2026", "１２，５０" -> "12,50".
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for folded in _fold_char(ch):
            chars.append(folded)
            origin.append(index)
    return FoldedText(text, "".join(chars), tuple(origin))


def fold(text: str) -> str:
    """The folded form of text (see `fold_text`)."""
    return fold_text(text).folded


def canonical(text: str) -> str:
    """A key that ignores case, accents, spaces, dots, hyphens and apostrophes ("P.R. China" == "PR china")."""
    return _CANONICAL_DROP.sub("", fold(text))


def is_cjk(ch: str) -> bool:
    """True for a Han, kana or hangul character."""
    return bool(re.match(f"[{_CJK_RANGES}]", ch))


def has_cjk(text: str) -> bool:
    """True when text contains at least one CJK character."""
    return any(is_cjk(ch) for ch in text)


@dataclass(frozen=True, slots=True)
class PhraseHit(Generic[K]):
    """One phrase found in a text: its key, its span in the original text and the text as printed."""

    key: K
    start: int
    end: int
    text: str


class PhraseMatcher(Generic[K]):
    """Finds phrases (from several languages at once) in text, longest phrase first, case- and accent-blind.

    Phrases and text are compared in a compact form: folded, without spaces, hyphens and apostrophes (and
    without dots when `optional_dots`), so "Stk." matches "Stk", "T/T" matches "T / T" and "sea-freight" matches
    "sea freight". Matching walks a character trie (built in milliseconds, unlike one large regular expression).
    """

    def __init__(self, entries: Iterable[tuple[str, K]], *, optional_dots: bool = True) -> None:
        """Index the phrases.

        Args:
            entries: (phrase, key) pairs; when two phrases fold alike, the first one's key wins.
            optional_dots: treat dots in phrases as optional ("Stk." also matches "Stk").

        """
        self._drop = _DROP_WITH_DOTS if optional_dots else _DROP
        self._root: dict[str, Any] = {}
        for phrase, key in entries:
            compact = "".join(ch for ch in fold(phrase) if ch not in self._drop)
            if not compact:
                continue
            node = self._root
            for ch in compact:
                node = node.setdefault(ch, {})
            node.setdefault(_END, key)

    def find_all(self, text: str) -> list[PhraseHit[K]]:
        """All non-overlapping phrases in text, left to right (the longest phrase at each position)."""
        folded = fold_text(text)
        chars = [(i, ch) for i, ch in enumerate(folded.folded) if ch not in self._drop]
        hits: list[PhraseHit[K]] = []
        p = 0
        while p < len(chars):
            found = self._longest(folded.folded, chars, p) if _may_start(folded.folded, chars[p][0]) else None
            if found is None:
                p += 1
                continue
            q, key = found
            start, end = folded.span(chars[p][0], chars[q - 1][0] + 1)
            hits.append(PhraseHit(key, start, end, text[start:end]))
            p = q
        return hits

    def _longest(self, folded: str, chars: list[tuple[int, str]], p: int) -> tuple[int, K] | None:
        node, best, q = self._root, None, p
        while q < len(chars) and chars[q][1] in node:
            node = node[chars[q][1]]
            q += 1
            if _END in node and _may_end(folded, chars[q - 1][0]):
                best = (q, node[_END])
        return best

    def search(self, text: str) -> PhraseHit[K] | None:
        """The first phrase in text, or None."""
        hits = self.find_all(text)
        return hits[0] if hits else None


_END = ""
"""Key that marks the end of a phrase in a trie node (no folded character is empty)."""
_DROP = frozenset(" \t\n\r-'’")
_DROP_WITH_DOTS = _DROP | {"."}


def _is_letter(ch: str) -> bool:
    return bool(ch) and bool(_LETTER_RE.match(ch))


def _may_start(folded: str, i: int) -> bool:
    """A phrase starting with a (non-CJK) letter must not continue a word."""
    return not (_is_letter(folded[i]) and i > 0 and _is_letter(folded[i - 1]))


def _may_end(folded: str, i: int) -> bool:
    """A phrase ending in a (non-CJK) letter must not run into a letter."""
    return not (_is_letter(folded[i]) and i + 1 < len(folded) and _is_letter(folded[i + 1]))


def lexicon_entries(select: Callable[[Lexicon], Mapping[Any, list[str]]]) -> list[tuple[str, str]]:
    """(phrase, key) pairs of one lexicon table (key -> phrases) across all lexicons, English first."""
    return [(phrase, str(key)) for lex in all_lexicons() for key, phrases in select(lex).items() for phrase in phrases]


_FALLBACK_WORDS: dict[str, tuple[str, ...]] = {
    "weeks": ("CW", "KW", "WK", "week", "Woche", "semaine", "semana", "settimana"),
    "place_fillers": ("named place", "named port", "port of", "port", "Hafen", "puerto", "porto", "haven", "港"),
    "issuing_bank": ("issued by", "issuing bank", "opened by", "opening bank", "eröffnende Bank", "开证行"),
}


def lexicon_words(name: str) -> tuple[str, ...]:
    """Words of an optional list field `name` across all lexicons.

    The lexicon schema does not (yet) define every word list the normalizers use (calendar-week words,
    filler words around an Incoterms place, phrases that introduce an L/C's issuing bank). When no lexicon
    defines the field, a small built-in list is used instead, so that adding the field to the lexicons later
    moves this knowledge into the data without a code change.
    """
    words = [word for lexicon in all_lexicons() for word in (getattr(lexicon, name, None) or [])]
    return tuple(words) if words else _FALLBACK_WORDS.get(name, ())
