"""Locale-correct dates, numbers, percentages and money for the confirmation (babel)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_precision

DEFAULT_PRECISION = 2


class LocaleFormatter:
    """Formats values for one locale and one order currency.

    Args:
        locale: A babel locale name such as `de_DE` or `zh_CN`; an unknown one falls back to `en_GB`.
        currency: The ISO 4217 code of the order, or None when the order does not state it.

    """

    def __init__(self, locale: str, currency: str | None) -> None:
        try:
            self.locale = Locale.parse(locale)
        except (ValueError, UnknownLocaleError):
            self.locale = Locale.parse("en_GB")
        self.currency = currency.upper() if currency else None
        self.precision = self._precision(self.currency)

    @staticmethod
    def _precision(currency: str | None) -> int:
        if not currency:
            return DEFAULT_PRECISION
        try:
            return int(get_currency_precision(currency))
        except (KeyError, ValueError):
            return DEFAULT_PRECISION

    def round_money(self, amount: Decimal) -> Decimal:
        """Round an amount half-up to the currency's minor unit (cents, or none for JPY)."""
        return amount.quantize(Decimal(1).scaleb(-self.precision), rounding=ROUND_HALF_UP)

    def date(self, value: date) -> str:
        """Format a date in the locale's long form: `15 May 2026`, `15. Mai 2026`, `2026年5月15日`."""
        return str(format_date(value, format="long", locale=self.locale))

    def money(self, amount: Decimal) -> str:
        """Format an amount with its currency (`6.250,00 €`); without a currency, a plain number."""
        if self.currency is None:
            return self.amount(amount)
        try:
            return str(format_currency(self.round_money(amount), self.currency, locale=self.locale))
        except (ValueError, InvalidOperation):
            return f"{self.amount(amount)} {self.currency}"

    def amount(self, amount: Decimal) -> str:
        """Format an amount without currency, with exactly the currency's decimals (`6.250,00`)."""
        pattern = "#,##0" + ("." + "0" * self.precision if self.precision else "")
        return str(format_decimal(self.round_money(amount), format=pattern, locale=self.locale))

    def price(self, price: Decimal) -> str:
        """Format a unit price without currency: the currency's decimals or more (`0,0125`)."""
        decimals = max(self.precision, -_exponent(price.normalize()))
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(price, format=pattern, locale=self.locale, decimal_quantization=False))

    def quantity(self, quantity: Decimal) -> str:
        """Format a quantity as precise as given, without trailing zeros (`1.500`, `2,5`)."""
        return str(format_decimal(quantity.normalize(), locale=self.locale, decimal_quantization=False))

    def percent(self, percent: Decimal) -> str:
        """Format a percentage given in percent points (`30` -> `30 %` in German, `30%` in English)."""
        return str(format_percent(percent / 100, locale=self.locale, decimal_quantization=False))

    def country(self, code: str | None) -> str | None:
        """Return the name of a country (ISO 3166 alpha-2) in the locale's language."""
        if not code:
            return None
        name = self.locale.territories.get(code.upper())
        return str(name) if name else None


def mentions_country(address: str, code: str | None, fmt: LocaleFormatter) -> bool:
    """Tell whether `address` already names the country `code`, in the locale's language or in English."""
    if not address or not code:
        return False
    names = (fmt.country(code), LocaleFormatter("en_GB", None).country(code))
    folded = address.casefold()
    return any(name and name.casefold() in folded for name in names)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0
