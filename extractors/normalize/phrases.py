"""Phrase matching shared by the normalizers: folding with a position map, and compiled phrase tables.

Every normalizer matches printed text against phrases that come from the lexicons (all languages at once).
Matching happens on *folded* text (NFKC, casefold, accents removed) so that "MÄRZ", "März" and "marz" match
alike, and every hit is mapped back to its span in the original text so that callers can report evidence.

A `PhraseMatcher` compiles its phrases once into a single trie-shaped regex. At each position the longest
phrase wins; Latin phrases match only at word boundaries (no letter directly before or after), CJK phrases
match anywhere because CJK text has no spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
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


def _piece(ch: str, previous: str, optional_dots: bool) -> str:
    """Regex for one character of a folded phrase."""
    if ch.isalnum():
        return ch
    if ch.isspace():
        return r"\s*" if previous == "." and optional_dots else r"\s+"
    if ch == "." and optional_dots:
        return r"\.?"
    if ch in "/&+":
        return rf"\s*{re.escape(ch)}\s*"
    if ch == "-":
        return r"[-\s]?"
    return re.escape(ch)


def _phrase_pieces(phrase: str, optional_dots: bool) -> list[str]:
    folded = _SPACES.sub(" ", fold(phrase)).strip()
    pieces: list[str] = []
    previous = ""
    for ch in folded:
        pieces.append(_piece(ch, previous, optional_dots))
        previous = ch
    return pieces


_Trie = dict[str, "_Trie"]
_END = ""
"""Key that marks the end of a phrase in a trie node (no regex piece is empty)."""


def _trie_regex(node: _Trie) -> str:
    branches = [piece + _trie_regex(child) for piece, child in node.items() if piece != _END]
    if not branches:
        return ""
    if _END in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True, slots=True)
class PhraseHit(Generic[K]):
    """One phrase found in a text: its key, its span in the original text and the text as printed."""

    key: K
    start: int
    end: int
    text: str


class PhraseMatcher(Generic[K]):
    """Finds phrases (from several languages at once) in text, longest phrase first, case- and accent-blind."""

    def __init__(self, entries: Iterable[tuple[str, K]], *, optional_dots: bool = True) -> None:
        """Compile the phrases.

        Args:
            entries: (phrase, key) pairs; when two phrases fold alike, the first one's key wins.
            optional_dots: treat dots in phrases as optional ("Stk." also matches "Stk").

        """
        self._keys: dict[str, K] = {}
        tries: dict[bool, _Trie] = {True: {}, False: {}}
        for phrase, key in entries:
            pieces = _phrase_pieces(phrase, optional_dots)
            if not pieces:
                continue
            self._keys.setdefault(canonical(phrase), key)
            node = tries[bool(_LETTER_RE.match(fold(phrase).strip()[0]))]
            for piece in pieces:
                node = node.setdefault(piece, {})
            node[_END] = {}
        # A phrase ending in a letter must not continue with a letter; each branch checks its own ending.
        self._regex = re.compile(self._alternation(tries[True], bounded=True) + "|" + self._alternation(tries[False]))

    @staticmethod
    def _alternation(root: _Trie, bounded: bool = False) -> str:
        body = _trie_regex(root) or r"(?!x)x"
        prefix = f"(?<!{LETTER})" if bounded else ""
        return f"{prefix}(?:{body})(?:(?<={LETTER})(?!{LETTER})|(?<!{LETTER}))"

    def find_all(self, text: str) -> list[PhraseHit[K]]:
        """All non-overlapping phrases in text, left to right (the longest phrase at each position)."""
        folded = fold_text(text)
        hits: list[PhraseHit[K]] = []
        for match in self._regex.finditer(folded.folded):
            if match.start() == match.end():
                continue
            key = self._keys.get(canonical(match.group()))
            if key is None:
                continue
            start, end = folded.span(match.start(), match.end())
            hits.append(PhraseHit(key, start, end, text[start:end]))
        return hits

    def search(self, text: str) -> PhraseHit[K] | None:
        """The first phrase in text, or None."""
        hits = self.find_all(text)
        return hits[0] if hits else None


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
