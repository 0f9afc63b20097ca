from decimal import Decimal

import pytest
from babel.numbers import format_decimal, get_decimal_symbol
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.normalize.numbers import find_numbers, guess_decimal_separator, parse_decimal

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        (f"1{NBSP}234,56", "1234.56"),
        (f"1{NNBSP}234,56", "1234.56"),
        (f"1{THIN}234,56", "1234.56"),
        ("1'234.56", "1234.56"),
        ("1’234.56", "1234.56"),
        ("12,34,567.00", "1234567.00"),
        ("1234", "1234"),
        ("1234.50", "1234.50"),
        ("-12.5", "-12.5"),
        ("−12.5", "-12.5"),
        ("(12.50)", "-12.50"),
        ("12.50-", "-12.50"),
        ("12,5", "12.5"),
        ("12,-", "12"),
        ("0,125", "0.125"),
        ("1.234.567", "1234567"),
        ("€1.234,56", "1234.56"),
        ("€ 1.234,56", "1234.56"),
        ("USD 12.50", "12.50"),
        ("USD12.50", "12.50"),
        ("12.50 EUR", "12.50"),
        ("12.50EUR", "12.50"),
        ("¥2.50", "2.50"),
        ("RMB 3,500.00", "3500.00"),
        ("US$ 1,000.00", "1000.00"),
        ("30%", "30"),
        ("30 %", "30"),
        ("7.5 %", "7.5"),
        ("500 pcs", "500"),
        ("１２，５０", "12.50"),
        ("  42  ", "42"),
    ],
)
def test_parse_decimal_reads_every_locale_style(text: str, expected: str) -> None:
    value = parse_decimal(text)
    assert value is not None
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("1.234", ",", "1234"),
        ("1.234", ".", "1.234"),
        ("1.234", None, "1.234"),
        ("1,234", ".", "1234"),
        ("1,234", ",", "1.234"),
        ("1,234", None, "1.234"),
        ("0.125", ",", "0.125"),
        ("12,500", ".", "12500"),
        ("1.234,56", ".", "1234.56"),  # unambiguous numbers ignore the hint
        ("12,5", ".", "12.5"),
    ],
)
def test_ambiguous_three_digit_group_follows_the_hint(text: str, hint: str | None, expected: str) -> None:
    assert str(parse_decimal(text, hint)) == expected


@pytest.mark.parametrize(
    "text",
    ["", "abc", "n/a", "LED-PNL-6060", "PNL6060", "14.03.2026", "2026-03-14", "10:30", "12 x 50", "1,234,5678", "A4"],
)
def test_parse_decimal_returns_none_without_exactly_one_number(text: str) -> None:
    assert parse_decimal(text) is None


def test_find_numbers_skips_codes_dates_and_phone_groups() -> None:
    text = "Item LED-PNL-6060 qty 1.200 at EUR 12,50 on 14.03.2026, tel +49 711 123456"
    tokens = [token for token, _, _ in find_numbers(text)]
    assert tokens == ["1.200", "12,50", "+49", "711", "123456"]
    for token, start, end in find_numbers(text):
        assert text[start:end] == token


def test_find_numbers_can_keep_space_separated_cells_apart() -> None:
    assert [t for t, _, _ in find_numbers("500 120 6250.00", space_groups=False)] == ["500", "120", "6250.00"]
    assert [t for t, _, _ in find_numbers("500 120")] == ["500 120"]


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (["1.234,56", "12,50", "1,234"], ","),
        (["1,234.56", "12.5", "1.234"], "."),
        (["1.234.567"], ","),
        (["1 234,50"], ","),
        (["1,234", "1.234"], None),
        (["12,50", "12.50"], None),
        ([], None),
    ],
)
def test_guess_decimal_separator_votes(samples: list[str], expected: str | None) -> None:
    assert guess_decimal_separator(samples) == expected


LOCALES = ["en", "en_IN", "de", "de_CH", "fr", "es", "it", "pt", "pt_BR", "nl", "zh", "sv", "pl"]
amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2)


@settings(max_examples=150, deadline=None)
@given(value=amounts, locale=st.sampled_from(LOCALES))
def test_babel_formatted_amounts_round_trip(value: Decimal, locale: str) -> None:
    printed = format_decimal(value, format="#,##0.00", locale=locale)
    assert parse_decimal(printed) == value
    assert parse_decimal(printed, get_decimal_symbol(locale)) == value


@settings(max_examples=150, deadline=None)
@given(value=st.integers(min_value=0, max_value=10**9), locale=st.sampled_from(LOCALES))
def test_babel_formatted_integers_round_trip_with_the_document_hint(value: int, locale: str) -> None:
    printed = format_decimal(value, format="#,##0", locale=locale)
    assert parse_decimal(printed, get_decimal_symbol(locale)) == value


@settings(max_examples=60, deadline=None)
@given(values=st.lists(amounts, min_size=1, max_size=8), locale=st.sampled_from(LOCALES))
def test_guess_matches_the_locale_decimal_symbol(values: list[Decimal], locale: str) -> None:
    printed = [format_decimal(v, format="#,##0.00", locale=locale) for v in values]
    symbol = get_decimal_symbol(locale)
    assert guess_decimal_separator(printed) == (symbol if symbol in ".," else None)
