"""Places named in Incoterms and ports: which country they are in, and whether two names mean one place.

Country names come from babel's territory names in every language orderintake reads, plus short forms that
CLDR does not list ("USA", "PRC"); ports and trade hubs come from `data/ports.yaml`. Matching is on whole
words after folding case and accents ("Port of Hamburg", "HAMBURG, GERMANY" and "Hamburg (DE)" all say DE).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from babel import Locale

PORTS_FILE = Path(__file__).parent / "data" / "ports.yaml"
NAME_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "zh")
NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"})
SHORT_NAMES = {
    "USA": "US", "U S A": "US", "United States of America": "US",
    "UK": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
    "PRC": "CN", "P R China": "CN", "PR China": "CN", "Mainland China": "CN", "People's Republic of China": "CN",
    "VR China": "CN", "Holland": "NL", "Korea": "KR", "South Korea": "KR", "Russia": "RU", "Turkey": "TR",
    "UAE": "AE", "Vietnam": "VN", "Viet Nam": "VN", "Czech Republic": "CZ", "Taiwan ROC": "TW",
}  # fmt: skip
"""Short and common forms that CLDR's names do not cover."""
GENERIC_WORDS = frozenset(
    {
        *("port", "ports", "of", "the", "any", "main", "base", "seaport", "seaports", "airport", "harbour"),
        *("harbor", "terminal", "city", "in", "at", "hafen", "haven", "porto", "puerto", "de", "du", "del"),
        *("della", "di", "da", "do", "dos", "das", "le", "la", "el"),
    }
)
"""Words around a place name that do not change which place it is ("Port of Hamburg" = "Hamburg")."""
_CJK = re.compile(r"[\u3400-\u9fff]")
_NON_WORD = re.compile(r"[^\w]+")
_CODE_SUFFIX = re.compile(r"(?:,|\(|/|\s-\s)\s*([A-Z]{2})\s*\)?\s*$")


def fold_place(text: str) -> str:
    """Lower case without accents, words separated by single spaces: `Port of Gdańsk` -> `port of gdansk`."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain.casefold()).strip()


def _contains(haystack: str, needle: str) -> bool:
    """Whether a folded name occurs as whole words (CJK names: anywhere)."""
    if _CJK.search(needle):
        return needle in haystack
    return f" {needle} " in f" {haystack} "


@dataclass(frozen=True, slots=True)
class Port:
    """A port or trade hub: its country and its names (one place)."""

    key: int
    country: str
    names: tuple[str, ...]


@cache
def _country_names() -> tuple[tuple[str, str], ...]:
    """(folded name, alpha-2 code), longest names first."""
    names: dict[str, str] = {}
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
                names.setdefault(fold_place(name), code)
    names.update({fold_place(name): code for name, code in SHORT_NAMES.items()})
    return tuple(sorted(names.items(), key=lambda item: -len(item[0])))


@cache
def _ports() -> tuple[tuple[str, Port], ...]:
    """(folded name, port), longest names first."""
    data = yaml.load(PORTS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    entries: list[tuple[str, Port]] = []
    for key, row in enumerate(data["ports"]):
        port = Port(key, str(row["country"]), tuple(str(name) for name in row["names"]))
        entries.extend((fold_place(name), port) for name in port.names)
    return tuple(sorted(entries, key=lambda item: -len(item[0])))


@lru_cache(maxsize=4096)
def country_named(text: str) -> str | None:
    """The country a text names ("Hamburg, Germany", "Ningbo, P.R. China", "Rotterdam (NL)"), or None."""
    suffix = _CODE_SUFFIX.search(text)
    if suffix and suffix.group(1) in {code for _, code in _country_names()}:
        return suffix.group(1)
    folded = fold_place(text)
    found = {code for name, code in _country_names() if _contains(folded, name)}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4096)
def find_port(text: str) -> Port | None:
    """The port or trade hub a text names, or None (also None when it names several)."""
    folded = fold_place(text)
    found: dict[int, Port] = {}
    remaining = f" {folded} "
    for name, port in _ports():
        if _contains(remaining.strip(), name):
            found[port.key] = port
            remaining = remaining.replace(f" {name} ", " ") if not _CJK.search(name) else remaining.replace(name, " ")
    return next(iter(found.values())) if len(found) == 1 else None


def place_country(text: str) -> str | None:
    """The country of a place: the country it names, else the country of the port it names."""
    named = country_named(text)
    port = find_port(text)
    if named and port and port.country != named:
        return None
    return named or (port.country if port else None)


@lru_cache(maxsize=4096)
def core_name(text: str) -> str:
    """The folded place name without generic words and without a country name: `Port of Ningbo, China` -> `ningbo`."""
    folded = fold_place(_CODE_SUFFIX.sub("", text))
    for name, _ in _country_names():
        if _contains(folded, name) and folded != name:
            folded = f" {folded} ".replace(f" {name} ", " ").strip() if not _CJK.search(name) else folded
    return " ".join(word for word in folded.split() if word not in GENERIC_WORDS)


@lru_cache(maxsize=4096)
def names_only_country(text: str) -> bool:
    """Whether a place is just a country ("China", "any port in Germany"), too vague for a named place."""
    words = [word for word in fold_place(text).split() if word not in GENERIC_WORDS]
    remainder = " ".join(words)
    return bool(remainder) and any(remainder == name for name, _ in _country_names())


def same_place(first: str, second: str) -> bool:
    """Whether two printed places mean the same place (same name, or names of one port)."""
    a, b = core_name(first), core_name(second)
    if a and b and (a == b or _contains(a, b) or _contains(b, a)):
        return True
    port_a, port_b = find_port(first), find_port(second)
    return port_a is not None and port_b is not None and port_a.key == port_b.key


def is_one_of(place: str, candidates: list[str]) -> bool:
    """Whether a place is the same as any of the candidates."""
    return any(same_place(place, candidate) for candidate in candidates if candidate)
