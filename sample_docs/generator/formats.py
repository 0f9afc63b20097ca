"""How numbers, dates and money look when a customer's ERP prints them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.phrasing import Phrasebook

NUMBER_STYLES = {
    "comma_dot": (",", "."),
    "dot_comma": (".", ","),
    "space_comma": (" ", ","),
    "nbsp_comma": ("\u00a0", ","),
    "nnbsp_comma": ("\u202f", ","),
    "apos_dot": ("'", "."),
    "plain_dot": ("", "."),
    "plain_comma": ("", ","),
}
"""Style name -> (thousands separator, decimal separator)."""

DATE_STYLES = (
    "dmy_dot",
    "dmy_dot_nopad",
    "dmy_slash",
    "dmy_dash",
    "iso",
    "ymd_slash",
    "mdy_slash",
    "long",
    "long_us",
    "abbr",
    "zh",
)


def format_number(value: Decimal, style: str) -> str:
    """Print a decimal with the precision it carries.

    Args:
        value: The number; its exponent gives the printed decimals (Decimal("12.50") prints two).
        style: A key of `NUMBER_STYLES`.

    Returns:
        The printed number, e.g. "1.234,50" for "dot_comma".
    """
    group, point = NUMBER_STYLES[style]
    text = format(value, "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    if group:
        parts: list[str] = []
        while len(whole) > 3:
            parts.insert(0, whole[-3:])
            whole = whole[:-3]
        parts.insert(0, whole)
        whole = group.join(parts)
    return sign + whole + (point + fraction if fraction else "")


def format_date(value: date, style: str, book: Phrasebook) -> str:
    """Print a date the way the document's locale does.

    Args:
        value: The date.
        style: One of `DATE_STYLES`.
        book: Phrasebook of the document's language (month names, long date template).

    Returns:
        The printed date, e.g. "14.03.2026", "14 mars 2026", "2026年3月14日", "03/14/2026".
    """
    d, m, y = value.day, value.month, value.year
    simple = {
        "dmy_dot": f"{d:02d}.{m:02d}.{y}",
        "dmy_dot_nopad": f"{d}.{m}.{y}",
        "dmy_slash": f"{d:02d}/{m:02d}/{y}",
        "dmy_dash": f"{d:02d}-{m:02d}-{y}",
        "iso": value.isoformat(),
        "ymd_slash": f"{y}/{m:02d}/{d:02d}",
        "mdy_slash": f"{m:02d}/{d:02d}/{y}",
        "zh": f"{y}年{m}月{d}日",
    }
    if style in simple:
        return simple[style]
    if style == "long_us":
        return f"{book.months[m - 1]} {d}, {y}"
    if style == "abbr":
        return f"{d:02d}-{book.months_short[m - 1].rstrip('.')}-{y}"
    day = "1er" if book.language == "fr" and d == 1 else str(d)
    return book.long_date.format(d=day, m=m, y=y, month=book.months[m - 1])


CURRENCY_SYMBOLS = {"EUR": "€", "USD": "US$", "GBP": "£", "CNY": "¥", "CHF": "CHF", "CAD": "$ CA", "AUD": "A$"}


def format_money(value: Decimal, currency_print: str, number_style: str, *, prefix: bool) -> str:
    """Print an amount with its currency sign or code.

    Args:
        value: The amount.
        currency_print: The sign or code as the document prints it ("€", "USD", "US$", "RMB").
        number_style: A key of `NUMBER_STYLES`.
        prefix: Sign before the number ("USD 1,234.50") instead of after ("1.234,50 €").

    Returns:
        The printed amount.
    """
    number = format_number(value, number_style)
    if prefix:
        glue = "" if currency_print in ("$", "£", "¥", "€", "US$") else " "
        return f"{currency_print}{glue}{number}"
    return f"{number} {currency_print}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿")


def _four_digits(number: int) -> str:
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
        else:
            text += ("零" if zero else "") + _DIGITS[digit] + _SMALL_UNITS[position]
            zero = False
    return text


def chinese_amount_in_words(value: Decimal) -> str:
    """Write an RMB amount in the capital numerals Chinese contracts print beside the total.

    Args:
        value: The amount (at most two decimals, below one trillion).

    Returns:
        e.g. "壹万贰仟伍佰元整" for 12500, "叁佰元零伍角" for 300.50.
    """
    cents = int((value * 100).to_integral_value())
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    groups, text = [], ""
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group:
            needs_zero = bool(text) and group < 1000
            text += ("零" if needs_zero else "") + _four_digits(group) + _BIG_UNITS[index]
    text = (text or "零") + "元"
    if not jiao and not fen:
        return text + "整"
    text += (_DIGITS[jiao] + "角") if jiao else "零"
    return text + (_DIGITS[fen] + "分" if fen else "")
