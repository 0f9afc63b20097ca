"""Spreadsheet cell values as the plain strings a person reads, in the notation the extractors parse.

Numbers become decimal strings with `.` and no thousands separators and without binary float noise
(`0.1 + 0.2` is `0.3`); a plain number format (`0.00`, `#,##0.000`, `0.0%`, with an optional currency
symbol) fixes the decimals shown. Dates become ISO `YYYY-MM-DD`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SIGNIFICANT_DIGITS = 15
"""Excel keeps 15 significant digits; anything beyond is float noise."""

_QUOTED = re.compile(r'"([^"]*)"')
_LOCALE_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]")
_DIRECTIVES = re.compile(r"\[[^\]]*\]|_.|\*.|\\.")
_PLAIN_NUMBER = re.compile(
    r"^(?P<prefix>[^#0.,%]*?)\s*[#,]*0*(?:\.(?P<decimals>0+)#*)?(?P<percent>%?)\s*(?P<suffix>[^#0.,%]*)$"
)
_CURRENCY_TEXT = re.compile(r"^[\s$€£¥₹₩₽]*[A-Z]{0,3}[\s$€£¥₹₩₽]*$")


def render_value(value: object, number_format: str = "General") -> str:
    """Render one cell value as text.

    Args:
        value: The cell's value (number, bool, date, time, string or None).
        number_format: The cell's Excel number format.

    Returns:
        The text shown for the value; empty for None. Line breaks inside a text cell are kept (one newline each,
        blank lines dropped); other runs of whitespace become one space.

    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return render_number(value, number_format)
    lines = (" ".join(line.split()) for line in str(value).splitlines())
    return "\n".join(line for line in lines if line)


def render_number(value: int | float | Decimal, number_format: str = "General") -> str:
    """Render a number without float noise, honouring a plain number format's decimals.

    Args:
        value: The number.
        number_format: An Excel number format; only simple numeric formats change the output.

    Returns:
        A plain decimal string such as `12.5`, `12.50`, `30%` or `€ 12.50`.

    """
    number = _clean_decimal(value)
    if number is None:
        return str(value)
    style = _plain_style(number_format)
    if style is None:
        return _plain(number)
    decimals, percent, prefix, suffix = style
    if percent:
        number *= 100
    text = format(number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    if percent:
        text += "%"
    return " ".join(part for part in (prefix, text, suffix) if part)


def _clean_decimal(value: int | float | Decimal) -> Decimal | None:
    try:
        if isinstance(value, float):
            return Decimal(format(value, f".{_SIGNIFICANT_DIGITS}g"))
        return Decimal(value)
    except (InvalidOperation, ValueError):
        return None


def _plain(number: Decimal) -> str:
    if not number.is_finite():
        return str(number)
    if number == number.to_integral_value():
        return format(number.quantize(Decimal(1)), "f")
    return format(number.normalize(), "f")


def _plain_style(number_format: str) -> tuple[int, bool, str, str] | None:
    """(decimals, percent, prefix, suffix) of a simple numeric format, None for General and the rest."""
    if not number_format or number_format == "General":
        return None
    section = number_format.split(";", 1)[0]
    currency = [symbol for symbol in _LOCALE_CURRENCY.findall(section) if symbol]
    section = _LOCALE_CURRENCY.sub(lambda m: f'"{m.group(1)}"', section)
    section = _DIRECTIVES.sub("", section)
    section = _QUOTED.sub(lambda m: m.group(1), section)
    match = _PLAIN_NUMBER.match(section.strip())
    if match is None or not _CURRENCY_TEXT.match(match["prefix"] + match["suffix"]):
        return None
    if "0" not in section:
        return None
    decimals = len(match["decimals"] or "")
    prefix, suffix = match["prefix"].strip(), match["suffix"].strip()
    if currency and not (prefix or suffix):
        prefix = currency[0]
    return decimals, bool(match["percent"]), prefix, suffix
