"""Printed dates -> `datetime.date`, in every lexicon language and the common numeric forms.

Understood forms: 14.03.2026, 14/03/2026, 14-03-2026, 14.03.26, 14. 03. 2026, 2026-03-14, 2026/03/14,
2026.3.14, 2026年3月14日, month names of every lexicon language (plus babel's month names for those
languages) with or without dots and accents ("14 March 2026", "March 14, 2026", "14-Mar-2026", "14. März 2026",
"1er avril 2026", "14 de marzo de 2026", "14 maart 2026"), and calendar weeks ("KW 20/2026", "CW 20 2026",
"week 20, 2026", "2026-W20"), read as the Monday of that ISO week and flagged `approximate`.

A numeric date whose first two numbers are both 12 or less ("03/04/2026") is read in the order of the
document: month first for countries that write month first (US, PH, BZ, FM, MH, PW), otherwise in the order of
`date_order` (for "YMD" languages a year-last date is read month first, keeping month before day). Such a date
is flagged `ambiguous` when day and month differ. A number above 12 settles the order ("03/14/2026"), and so
does a format printed in the same text ("03/04/2026 (MM/DD/YYYY)", "TT.MM.JJJJ": where its "mm" group stands);
such dates are not ambiguous.
A date without a year ("14 March") is not a date here: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError

from extractors.lexicons import all_lexicons
from extractors.normalize.phrases import fold, fold_text, lexicon_words

MDY_COUNTRIES = frozenset({"US", "PH", "BZ", "FM", "MH", "PW"})
"""Countries that write numeric dates month first."""


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date found in text."""

    value: date
    ambiguous: bool
    """Numeric date whose day and month (both 12 or less, and different) could be swapped."""
    span: tuple[int, int]
    """Where the date is printed in the text."""
    approximate: bool = False
    """The text names a period (a calendar week); `value` is its first day."""


_ORDINAL = r"(?:(?:st|nd|rd|th|er|re|e|o|a|°)(?![a-z]))?"
_NUMERIC_DMY = re.compile(
    r"(?<![\d.,/-])(?P<a>\d{1,2})\s?(?P<sep>[-/.])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?(?P<year>\d{4}|\d{2})(?![.,/-]?\d)"
)
_NUMERIC_YMD = re.compile(
    r"(?<![\d.,/-])(?P<year>\d{4})\s?(?P<sep>[-/.])\s?(?P<month>\d{1,2})\s?(?P=sep)\s?(?P<day>\d{1,2})(?![.,/-]?\d)"
)
_CJK_YMD = re.compile(r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号號]?")
_FORMAT_HINT = re.compile(r"(?<![a-z])([a-z])\1?[./-]([a-z])\2?[./-]([a-z])\3{1,3}(?![a-z])")
"""A printed format next to the date: "(dd/mm/yyyy)", "MM/DD/YYYY", "TT.MM.JJJJ", "jj/mm/aaaa"."""
_ISO_WEEK = re.compile(r"(?<![\d])(?P<year>\d{4})-?w(?P<week>\d{2})(?:-?[1-7])?(?!\d)")


@cache
def month_names() -> dict[str, int]:
    """Folded month name (without a trailing dot) -> month number, from every lexicon and babel.

    A name that means different months in different languages is left out.
    """
    table: dict[str, int] = {}
    conflicts: set[str] = set()
    for name, month in _all_month_names():
        key = fold(name).strip().rstrip(".")
        if not key or any(ch.isdigit() for ch in key):
            continue
        if table.setdefault(key, month) != month:
            conflicts.add(key)
    return {name: month for name, month in table.items() if name not in conflicts}


def _all_month_names() -> Iterator[tuple[str, int]]:
    for lexicon in all_lexicons():
        for month, names in lexicon.months.items():
            for name in names:
                yield name, month
        try:
            locale = Locale.parse(lexicon.language)
        except (ValueError, UnknownLocaleError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in locale.months[context][width].items():
                    yield name, month


@cache
def _name_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(day month year, month day year) patterns over folded text."""
    names = sorted(month_names(), key=len, reverse=True)
    month = r"(?P<month>" + "|".join(re.escape(n) for n in names) + r")\.?(?![a-z])"
    sep = r"[\s\-/.,]*"
    connector = r"(?:[a-z]{1,2}\s+)?"  # "14 de marzo de 2026", "14th of March"
    year = rf"(?P<ysep>[\s\-/.,']*){connector}(?P<year>\d{{4}}|\d{{2}})(?!\d)"
    day_first = re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}}){_ORDINAL}\.?{sep}{connector}(?<![a-z]){month}{year}")
    month_first = re.compile(rf"(?<![a-z]){month}{sep}(?P<day>\d{{1,2}}){_ORDINAL}(?![\d.])\s*,?\s*{year}")
    return day_first, month_first


@cache
def _week_pattern() -> re.Pattern[str]:
    words = sorted({fold(w).strip().rstrip(".") for w in lexicon_words("weeks")} - {""}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"(?<![a-z])(?:{alternation})\.?\s*(?P<week>\d{{1,2}})(?!\d)\s*(?:[/,.\-]\s*|\s+)(?P<year>\d{{4}}|\d{{2}})(?!\d)"
    )


def _year(text: str) -> int:
    value = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 2:
        value += 2000 if value < 70 else 1900
    return value


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2199:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_first(date_order: str, country: str | None) -> bool:
    if country and country.upper() in MDY_COUNTRIES:
        return True
    order = date_order.upper()
    return "M" in order and "D" in order and order.index("M") < order.index("D")


def _printed_order(folded: str) -> bool | None:
    """Month first (True) or day first (False) when the text prints its date format ("MM/DD/YYYY")."""
    hint = _FORMAT_HINT.search(folded)
    if hint is None or "m" not in (hint.group(1), hint.group(2)) or hint.group(1) == hint.group(2):
        return None
    return hint.group(1) == "m"


def _numeric(match: re.Match[str], month_first: bool, settled: bool) -> tuple[date, bool] | None:
    a, b = int(match["a"]), int(match["b"])
    if a > 12 and b > 12:
        return None
    if a > 12 or (b <= 12 and not month_first):
        day, month = a, b
    else:
        month, day = a, b
    ambiguous = a <= 12 and b <= 12 and a != b and not settled
    value = _safe_date(_year(match["year"]), month, day)
    return (value, ambiguous) if value else None


def _named(match: re.Match[str]) -> date | None:
    if len(match["year"]) == 2 and not re.search(r"[-/']", match["ysep"]):
        return None  # "14 March 25 pcs": a two-digit year needs "14-Mar-26" or "14 Mar '26"
    month = month_names().get(match["month"])
    return _safe_date(_year(match["year"]), month, int(match["day"])) if month else None


def _week(match: re.Match[str]) -> date | None:
    try:
        return date.fromisocalendar(_year(match["year"]), int(match["week"]), 1)
    except ValueError:
        return None


def _candidates(folded: str, month_first: bool) -> Iterator[tuple[int, int, date, bool, bool]]:
    """(start, end, value, ambiguous, approximate) for every date-like match in folded text."""
    printed = _printed_order(folded)
    for match in _NUMERIC_DMY.finditer(folded):
        numeric = _numeric(match, month_first if printed is None else printed, printed is not None)
        if numeric:
            yield match.start(), match.end(), numeric[0], numeric[1], False
    for pattern in (_NUMERIC_YMD, _CJK_YMD):
        for match in pattern.finditer(folded):
            value = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
            if value:
                yield match.start(), match.end(), value, False, False
    for pattern in _name_patterns():
        for match in pattern.finditer(folded):
            named = _named(match)
            if named:
                yield match.start(), match.end(), named, False, False
    for pattern in (_week_pattern(), _ISO_WEEK):
        for match in pattern.finditer(folded):
            week = _week(match)
            if week:
                yield match.start(), match.end(), week, False, True


def find_dates(text: str, *, date_order: str = "DMY", country: str | None = None) -> list[ParsedDate]:
    """Every date printed in text, left to right.

    Args:
        text: Any printed text.
        date_order: The document language's order ("DMY", "MDY" or "YMD") for ambiguous numeric dates.
        country: ISO 3166 alpha-2 of the document's country; month-first countries override `date_order`.

    Returns:
        The dates, without overlaps (at one position the longest reading wins).

    """
    folded = fold_text(text)
    found = sorted(_candidates(folded.folded, _month_first(date_order, country)), key=lambda c: (c[0], -c[1]))
    dates: list[ParsedDate] = []
    last_end = -1
    for start, end, value, ambiguous, approximate in found:
        if start < last_end:
            continue
        last_end = end
        dates.append(ParsedDate(value, ambiguous, folded.span(start, end), approximate))
    return dates


def parse_date(text: str, *, date_order: str = "DMY", country: str | None = None) -> ParsedDate | None:
    """The first date printed in text (see `find_dates`), or None when there is none."""
    dates = find_dates(text, date_order=date_order, country=country)
    return dates[0] if dates else None
