"""Printed countries -> ISO 3166-1 alpha-2 codes.

Names come from babel's territory names in every lexicon language ("Germany", "Deutschland", "Allemagne",
"Alemania", "德国"), plus the short and old forms that orders use and CLDR does not list ("USA", "U.S.A.", "UK",
"P.R. China", "PRC", "Holland", "Korea"). Alpha-3 codes come from CLDR's territory aliases ("DEU" -> DE).
A bare code is read only when it stands alone: "DE" is Germany on a line of its own, but "San Francisco, CA"
is not Canada, and "de" is a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from extractors.lexicons import all_lexicons
from extractors.normalize.phrases import PhraseHit, PhraseMatcher

NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
"""CLDR territory codes that are regions or placeholders, not countries."""

COMMON_NAMES: dict[str, str] = {
    "USA": "US", "U.S.A.": "US", "U.S.": "US", "United States of America": "US", "America": "US",
    "UK": "GB", "U.K.": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB",
    "Wales": "GB", "Northern Ireland": "GB", "United Kingdom of Great Britain and Northern Ireland": "GB",
    "P.R. China": "CN", "P.R.China": "CN", "PR China": "CN", "PRC": "CN", "P.R.C.": "CN",
    "People's Republic of China": "CN", "Mainland China": "CN", "Volksrepublik China": "CN", "VR China": "CN",
    "République populaire de Chine": "CN", "República Popular China": "CN", "República Popular de China": "CN",
    "República Popular da China": "CN", "Repubblica Popolare Cinese": "CN", "Repubblica Popolare di Cina": "CN",
    "Volksrepubliek China": "CN", "China Mainland": "CN", "中华人民共和国": "CN", "R.P. China": "CN",
    "R.P. Chine": "CN", "RP China": "CN", "R.P.C.": "CN", "R.P. Cina": "CN", "V.R. China": "CN",
    "Rép. populaire de Chine": "CN", "Chine continentale": "CN", "China continental": "CN",
    "Hong Kong": "HK", "Hong Kong SAR": "HK", "HKSAR": "HK", "Macau": "MO", "Macao": "MO",
    "Taiwan ROC": "TW", "Republic of China": "TW", "Korea": "KR", "Republic of Korea": "KR",
    "South Korea": "KR", "Holland": "NL", "The Netherlands": "NL", "Czech Republic": "CZ", "Turkey": "TR",
    "Türkiye": "TR", "Viet Nam": "VN", "UAE": "AE", "U.A.E.": "AE", "KSA": "SA", "Russia": "RU",
    "Russian Federation": "RU", "Ivory Coast": "CI", "Swaziland": "SZ", "Burma": "MM", "Macedonia": "MK",
    "Cape Verde": "CV", "East Timor": "TL", "Vatican": "VA", "Bosnia": "BA", "Kosovo": "XK",
}  # fmt: skip
"""Short, official and old forms (mostly English) that CLDR's main names do not cover."""

_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_ALPHA3 = re.compile(r"(?<![A-Za-z])([A-Z]{3})\W*$")
_TRAILING_NOISE = re.compile(r"^[\s\d\W]*$")


@cache
def country_codes() -> frozenset[str]:
    """Every alpha-2 code of a country or territory that CLDR names."""
    codes = {code for code in Locale("en").territories if isinstance(code, str) and _ALPHA2.match(code)}
    return frozenset(codes - NOT_COUNTRIES) | {"XK"}


@cache
def alpha3_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> alpha-2, from CLDR's territory aliases."""
    aliases: Mapping[str, list[str]] = get_global("territory_aliases")
    return {
        code: targets[0]
        for code, targets in aliases.items()
        if len(code) == 3 and code.isalpha() and len(targets) == 1 and targets[0] in country_codes()
    }


@cache
def _matcher() -> PhraseMatcher[str]:
    entries: list[tuple[str, str]] = list(COMMON_NAMES.items())
    for lexicon in all_lexicons():
        try:
            locale = Locale.parse(lexicon.language)
        except (ValueError, UnknownLocaleError):
            continue
        entries.extend((name, code) for code, name in locale.territories.items() if code in country_codes())
    return PhraseMatcher(entries)


def _code(token: str) -> str | None:
    if _ALPHA2.match(token) and token in country_codes():
        return token
    return alpha3_codes().get(token)


def country_code(text: str) -> str | None:
    """The country that a printed value names ("Germany", "Deutschland", "P.R. China", "DE", "DEU", "中国").

    Args:
        text: The printed country: a name in any lexicon language, a common short form, or an upper-case
            ISO alpha-2 or alpha-3 code standing alone.

    Returns:
        ISO 3166-1 alpha-2 code, or None.

    """
    core = text.strip().strip(".,;:()[]-–/ ")
    if not core:
        return None
    hits = _matcher().find_all(core)
    keys = {hit.key for hit in hits}
    leftover = "".join(ch for i, ch in enumerate(core) if not any(h.start <= i < h.end for h in hits))
    if len(keys) == 1 and not any(ch.isalnum() for ch in leftover):
        return keys.pop()  # "Germany", "China (PRC)"
    return _code(core)


def find_country(address_text: str) -> str | None:
    """The country at the end of an address ("Industriestr. 12, 70565 Stuttgart, Germany" -> "DE").

    Only the last non-empty line is read. A country name counts when nothing but digits and punctuation follow
    it on that line ("Ningbo, Zhejiang, China 315000"); an alpha-3 code counts at the end of the line; an
    alpha-2 code only when it is the whole line (US state codes look like country codes).

    Args:
        address_text: An address, one or several lines.

    Returns:
        ISO 3166-1 alpha-2 code, or None.

    """
    lines = [line for line in address_text.splitlines() if line.strip()]
    if not lines:
        return None
    last = lines[-1]
    hits: list[PhraseHit[str]] = _matcher().find_all(last)
    if hits and _TRAILING_NOISE.match(last[hits[-1].end :]):
        return hits[-1].key
    alpha3 = _ALPHA3.search(last)
    if alpha3 and alpha3.group(1) in alpha3_codes():
        return alpha3_codes()[alpha3.group(1)]
    core = last.strip().strip(".,;:()[]-– ")
    return core if _ALPHA2.match(core) and core in country_codes() else None
