"""Printed currencies -> ISO 4217 codes: codes, symbols and currency names of every lexicon language.

Codes are validated against babel's currency list. Names come from babel for each lexicon language (singular
and plural: "euros", "dollars des États-Unis", "dólares estadounidenses", "美元"); the bare word of the dollar
family in each language ("dollar", "dólares", "dollari") means USD, so "dollars US" and "dólares" read USD.
Symbols are language-neutral and kept in one table. "¥" reads CNY in Chinese text and JPY otherwise; "RMB",
"元" and "人民币" read CNY; "$" reads USD.

Three-letter codes that are also common words in orders ("ALL", "TOP", "PEN", "CAD" - also "cash against
documents") count inside a longer text only when an amount stands next to them ("CAD 1,200.00").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, get_territory_currencies, list_currencies

from extractors.lexicons import all_lexicons
from extractors.normalize.phrases import PhraseHit, PhraseMatcher, fold, has_cjk

_YEN = "¥"
"""Placeholder key for the yen/yuan sign, resolved by whether the text is Chinese."""

SYMBOLS: dict[str, str] = {
    "€": "EUR", "£": "GBP", "US$": "USD", "U.S.$": "USD", "USD$": "USD", "$": "USD", "HK$": "HKD",
    "S$": "SGD", "SG$": "SGD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD",
    "NT$": "TWD", "MX$": "MXN", "R$": "BRL", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₫": "VND",
    "฿": "THB", "₱": "PHP", "₪": "ILS", "₦": "NGN", "₴": "UAH", "zł": "PLN", "Kč": "CZK", "Fr.": "CHF",
    "SFr.": "CHF", "sFr.": "CHF", "RMB": "CNY", "元": "CNY", "人民币": "CNY", "CN¥": "CNY", "RMB¥": "CNY",
    "JP¥": "JPY", "円": "JPY", "$ CA": "CAD", "$CA": "CAD", "$ CAN": "CAD", "CAN$": "CAD", "$ US": "USD",
    "$US": "USD", "$ AU": "AUD", "$AU": "AUD", "$ NZ": "NZD", "$ HK": "HKD", "$ SG": "SGD", _YEN: _YEN,
}  # fmt: skip
"""Symbols and informal codes (language-neutral) -> ISO 4217."""

WORDLIKE_CODES = frozenset({"ALL", "AMD", "BAM", "BOB", "CAD", "CUP", "GEL", "MAD", "MOP", "PEN", "SOS", "TOP", "TRY"})
"""Codes that are also ordinary upper-case words; inside a longer text they need an amount next to them."""

_CODE = re.compile(r"(?<![A-Za-z-])([A-Z]{3})(?![A-Za-z]|-[A-Za-z0-9])")
"""A code standing alone: not part of an item number ("ML-RUB-5M")."""
_AMOUNT_NEAR = re.compile(r"^\s?[-(]?\d|\d[)\-]?\s?$")


@cache
def all_codes() -> frozenset[str]:
    """Every ISO 4217 code babel knows, including historic ones."""
    return frozenset(list_currencies())


@cache
def current_codes() -> frozenset[str]:
    """Codes that are legal tender somewhere today."""
    codes: set[str] = set()
    for territory in Locale("en").territories:
        if isinstance(territory, str) and len(territory) == 2 and territory.isalpha():
            codes.update(get_territory_currencies(territory, date.today()))
    return frozenset(codes & all_codes())


def _locales() -> Iterator[Locale]:
    for lexicon in all_lexicons():
        try:
            yield Locale.parse(lexicon.language)
        except (ValueError, UnknownLocaleError):
            continue


def _names(locale: Locale) -> Iterator[tuple[str, str]]:
    """(name, code) for the current currencies in one locale, singular and plural."""
    for code in sorted(current_codes()):
        for count in (None, 1, 2):
            name = get_currency_name(code, count, locale)
            if name and name != code:
                yield name, code


def _dollar_words(locale: Locale) -> Iterator[tuple[str, str]]:
    """The dollar family's own word in one language ("dollar", "dólares"): the word USD shares with CAD and AUD."""
    for count in (1, 2):
        shared = None
        for code in ("USD", "CAD", "AUD"):
            words = set(fold(get_currency_name(code, count, locale)).split())
            shared = words if shared is None else shared & words
        for word in sorted(shared or ()):
            if len(word) > 2:
                yield word, "USD"


@cache
def _matcher() -> PhraseMatcher[str]:
    entries: list[tuple[str, str]] = list(SYMBOLS.items())
    for locale in _locales():
        entries.extend(_names(locale))
    for locale in _locales():
        entries.extend(_dollar_words(locale))
    return PhraseMatcher(entries, optional_dots=False)


def _resolve(key: str, chinese: bool) -> str:
    if key == _YEN:
        return "CNY" if chinese else "JPY"
    return key


def _code_hits(text: str) -> Iterator[tuple[int, str]]:
    """(position, code) of upper-case ISO codes standing alone in text."""
    for match in _CODE.finditer(text):
        code = match.group(1)
        if code == "RMB":
            yield match.start(), "CNY"
        elif code in current_codes():
            if code in WORDLIKE_CODES and not _amount_next_to(text, match.start(), match.end()):
                continue
            yield match.start(), code


def _amount_next_to(text: str, start: int, end: int) -> bool:
    return bool(_AMOUNT_NEAR.search(text[max(0, start - 3) : start]) or _AMOUNT_NEAR.match(text[end : end + 3]))


def find_currency(text: str, *, chinese: bool | None = None) -> str | None:
    """The first currency named in a longer text ("Total: EUR 1.234,56", "Price in US$", "单价（美元）").

    Args:
        text: Any printed text.
        chinese: Whether the document is Chinese (decides "¥"); None looks for Chinese characters in text.

    Returns:
        ISO 4217 code, or None when text names no currency.

    """
    if chinese is None:
        chinese = has_cjk(text)
    found: list[tuple[int, str]] = list(_code_hits(text))
    hit: PhraseHit[str]
    for hit in _matcher().find_all(text):
        found.append((hit.start, _resolve(hit.key, chinese)))
    return min(found)[1] if found else None


def parse_currency(text: str, *, chinese: bool = False) -> str | None:
    """The currency that a printed value designates ("EUR", "eur", "€", "US$", "Euro", "dólares", "人民币").

    Args:
        text: The printed currency (a code in any case, a symbol or a name), possibly with an amount.
        chinese: Whether the document is Chinese (then "¥" is CNY, else JPY).

    Returns:
        ISO 4217 code, or None.

    """
    core = text.strip().strip(".:;,()[]")
    if core.upper() in all_codes():
        return core.upper()
    if core.upper() == "RMB":
        return "CNY"
    return find_currency(text, chinese=chinese or has_cjk(text))
