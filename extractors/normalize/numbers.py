"""Printed numbers -> `Decimal`, whatever the locale: 1,234.56 / 1.234,56 / 1 234,56 / 1'234.56 / (12.50).

How a separator is read (the rule `parse_decimal` applies, in this order):

1. Spaces (also NBSP, narrow NBSP, thin space) and apostrophes are always thousands separators.
2. When both "." and "," occur, the last one is the decimal separator and the other groups thousands.
3. A separator that occurs more than once groups thousands ("1.234.567", "1,234,567").
4. A single "." or "," followed by 1, 2 or 4+ digits is the decimal separator ("12,5", "12.50", "1.2345").
5. A single "." or "," followed by exactly three digits ("1.234", "1,234") is ambiguous. It groups thousands
   only when `decimal_hint` names the *other* separator (the document writes decimals the other way); in every
   other case - no hint, or the hint names this separator, or the integer part is 0 - it is the decimal
   separator, so "1,234" without a hint reads 1.234. Callers pass the document's separator (from
   `guess_decimal_separator` or the language's number format) to read such numbers right.

A number is negative with a leading minus, a trailing minus (SAP "12.50-") or parentheses ("(12.50)").
Currency symbols and codes, percent signs and units around the number are ignored; the printed precision is
kept ("1234.50" stays "1234.50").
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import cache

from babel.numbers import list_currencies

from extractors.normalize.phrases import LETTER, fold_text

_GROUP_SEPS = " '’"
"""Characters that only ever separate thousands (after folding, every kind of space is a plain space)."""

_NUMBER_PATTERN = r"""
    (?<![\d.,'’/:])                        # not the tail of a date, time, code or another number
    (?P<sign>[-−+])?
    (?P<body>
        \d{1,3}(?P<sep>[,.'’GROUP_SPACE])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?   # grouped: 1.234.567,89
      | \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?                           # Indian grouping: 12,34,567.00
      | \d+(?:[.,]\d+)?                                               # plain: 1234.5 / 12,50
    )
    (?P<blank>[.,][-–])?                   # "12,-" (a whole amount, no decimals)
    (?P<trail>-(?!\d))?                    # SAP-style trailing minus: 12.50-
    (?![.,/:-]?\d)                         # not the head of a date, time or range
    """
_NUMBER = re.compile(_NUMBER_PATTERN.replace("GROUP_SPACE", r"\ "), re.VERBOSE)
_NUMBER_NO_SPACE = re.compile(_NUMBER_PATTERN.replace("GROUP_SPACE", ""), re.VERBOSE)
_DIGIT_AFTER_SPACE = re.compile(r"\s\d")
_CODE_BEFORE = re.compile(r"(?:^|[^a-z])([a-z]{3})\s?$")
_PERCENT = re.compile(r"\s*(?:%|pct\b|percent\b)", re.IGNORECASE)
_LETTER_RE = re.compile(LETTER)
_CODE_AFTER = re.compile(rf"{LETTER}+\d")


def _glued_to_code(folded: str, start: int, end: int, has_sign: bool) -> bool:
    """True when the digits are part of an identifier such as "LED-PNL-6060", "A4" or "4A12"."""
    before = folded[:start]
    if has_sign and before and (before[-1].isalnum()):
        return True  # the "-" is a hyphen inside a code
    if before and _LETTER_RE.match(before[-1]):
        code = _CODE_BEFORE.search(before)
        return code is None or code.group(1).upper() not in _currency_codes()
    return bool(_CODE_AFTER.match(folded, end))


@cache
def _currency_codes() -> frozenset[str]:
    return frozenset(list_currencies()) | {"RMB"}


def find_numbers(text: str, *, space_groups: bool = True) -> list[tuple[str, int, int]]:
    """Number-like tokens in text, with their spans.

    Digits that belong to dates ("14.03.2026"), times, identifiers ("LED-PNL-6060") or codes are not numbers.
    A currency code glued to the number ("USD12.50") does not hide it.

    Args:
        text: Any printed text.
        space_groups: Read "1 234" as one number. Turn off for a table row whose cells are separated by single
            spaces ("500 120" is two numbers there).

    Returns:
        (token as printed, start, end) for each number, left to right. The token includes a leading or
        trailing minus sign.

    """
    folded = fold_text(text).folded
    found: list[tuple[str, int, int]] = []
    pos = 0
    while (match := _NUMBER.search(folded, pos)) is not None:
        if match.group("sep") == " " and (not space_groups or _DIGIT_AFTER_SPACE.match(folded, match.end())):
            # "+49 711 123456" is not one number: read the digits without space grouping
            match = _NUMBER_NO_SPACE.match(folded, match.start())
            if match is None:
                pos += 1
                continue
        pos = max(match.end(), pos + 1)
        if not _glued_to_code(folded, match.start(), match.end(), bool(match.group("sign"))):
            start, end = fold_text(text).span(match.start(), match.end())
            found.append((text[start:end], start, end))
    return found


def parse_decimal(text: str, decimal_hint: str | None = None) -> Decimal | None:
    """Read the one number in a printed value.

    Args:
        text: A printed amount, price, quantity or percent, possibly with a currency symbol or code, a unit,
            a percent sign or a sign ("€1.234,56", "USD 12.50", "(12.50)", "12.50-", "30 %").
        decimal_hint: The document's decimal separator ("." or ","), used only for ambiguous numbers
            such as "1.234" (see the module docstring for the rule).

    Returns:
        The value with its printed precision, or None when text holds no number or more than one.

    """
    tokens = find_numbers(text)
    if len(tokens) != 1:
        return None
    token, start, end = tokens[0]
    rest = text[:start] + text[end:]
    if any(ch.isdecimal() for ch in rest):
        return None
    plain = _plain_number(fold_text(token).folded, decimal_hint)
    if plain is None:
        return None
    negative = plain.startswith("-") or _in_parentheses(text, start, end)
    try:
        value = Decimal(plain.lstrip("-+"))
    except InvalidOperation:
        return None
    return -value if negative and value else value


def _in_parentheses(text: str, start: int, end: int) -> bool:
    return "(" in text[:start] and ")" in text[end:]


def _plain_number(token: str, decimal_hint: str | None) -> str | None:
    """Plain form of a number token: sign, digits, "." as decimal separator ("-1.234,50" -> "-1234.50")."""
    negative = token.startswith(("-", "−")) or (token.endswith("-") and not token.endswith((",-", ".-")))
    token = token.strip("-−+–")
    if token.endswith((",", ".")):
        token = token[:-1]  # "12,-" means a whole amount
    decimal_sep = _decimal_separator(token, decimal_hint)
    if decimal_sep is None:
        return None
    integer, _, fraction = token.rpartition(decimal_sep) if decimal_sep else (token, "", "")
    digits = re.sub(r"[^\d]", "", integer)
    if not digits:
        return None
    number = digits + ("." + fraction if decimal_sep else "")
    return ("-" if negative else "") + number


def _decimal_separator(token: str, decimal_hint: str | None) -> str | None:
    """The decimal separator of a number token ("" when it has none), or None when the token is malformed."""
    marks = [ch for ch in token if not ch.isdigit()]
    points = [ch for ch in marks if ch in ".,"]
    if not points:
        return ""
    last = points[-1]
    if len(set(points)) == 2:
        return last if points.count(last) == 1 and token.rfind(last) > token.rfind(_other(last)) else None
    if len(points) > 1:
        # one separator used several times groups thousands (also Indian lakh grouping "12,34,567")
        groups = re.sub(rf"[{_GROUP_SEPS}]", "", token).split(last)
        return "" if len(groups[-1]) == 3 and all(len(g) in (2, 3) for g in groups[1:]) else None
    digits_after = len(token) - token.rfind(last) - 1
    if digits_after != 3 or any(ch in _GROUP_SEPS for ch in marks):
        return last
    integer = token[: token.rfind(last)]
    if decimal_hint == _other(last) and integer.strip(_GROUP_SEPS) not in ("0", ""):
        return ""
    return last


def _other(separator: str) -> str:
    return "," if separator == "." else "."


def guess_decimal_separator(samples: list[str]) -> str | None:
    """Vote over a document's numbers for its decimal separator.

    Each unambiguous number votes: "1.234,56" and "12,50" say ","; "1,234.56" and "12.5" say "."; a
    separator used twice ("1.234.567") says the other one. "1,234" and "1.234" do not vote.

    Args:
        samples: Printed numbers (or texts containing numbers) from one document.

    Returns:
        "." or ",", or None when there are no votes or the vote is tied.

    """
    votes: Counter[str] = Counter()
    for sample in samples:
        for token, _, _ in find_numbers(sample):
            vote = _separator_vote(fold_text(token).folded.strip("-−+–"))
            if vote:
                votes[vote] += 1
    if not votes:
        return None
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _separator_vote(token: str) -> str | None:
    points = [ch for ch in token if ch in ".,"]
    if not points:
        return None
    if len(set(points)) == 2:
        return points[-1]
    if len(points) > 1:
        return _other(points[0])
    digits_after = len(token) - token.rfind(points[0]) - 1
    if digits_after != 3 or any(ch in _GROUP_SEPS for ch in token):
        return points[0]
    return None


def is_percent_after(text: str, end: int) -> bool:
    """True when a percent sign or word follows position `end` of text ("30 %", "30pct")."""
    return bool(_PERCENT.match(text, end))
