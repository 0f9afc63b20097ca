import pytest

from extractors.normalize.currency import find_currency, parse_currency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USD", "USD"),
        ("usd", "USD"),
        ("EUR", "EUR"),
        (" CHF ", "CHF"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("US$", "USD"),
        ("$", "USD"),
        ("HK$", "HKD"),
        ("R$", "BRL"),
        ("₹", "INR"),
        ("zł", "PLN"),
        ("Fr.", "CHF"),
        ("RMB", "CNY"),
        ("元", "CNY"),
        ("人民币", "CNY"),
        ("美元", "USD"),
        ("欧元", "EUR"),
        ("Euro", "EUR"),
        ("euros", "EUR"),
        ("US Dollar", "USD"),
        ("US dollars", "USD"),
        ("dollars US", "USD"),
        ("dólares", "USD"),
        ("dólares estadounidenses", "USD"),
        ("Schweizer Franken", "CHF"),
        ("livres sterling", "GBP"),
        ("Euro (€)", "EUR"),
    ],
)
def test_parse_currency_reads_codes_symbols_and_names(text: str, expected: str) -> None:
    assert parse_currency(text) == expected


@pytest.mark.parametrize(("chinese", "expected"), [(True, "CNY"), (False, "JPY")])
def test_yen_sign_depends_on_chinese(chinese: bool, expected: str) -> None:
    assert parse_currency("¥", chinese=chinese) == expected
    assert parse_currency("￥12.50", chinese=chinese) == expected


@pytest.mark.parametrize("text", ["", "abc", "12.50", "pcs", "N/A", "Currency"])
def test_parse_currency_returns_none_without_a_currency(text: str) -> None:
    assert parse_currency(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Total: EUR 1.234,56", "EUR"),
        ("Grand total 12.50EUR incl. VAT", "EUR"),
        ("ALL PRICES IN USD", "USD"),
        ("Unit price (US$)", "USD"),
        ("Amount CAD 1,200.00", "CAD"),
        ("单价 ¥2.50", "CNY"),
        ("总金额（美元）", "USD"),
        ("Prices are in euros, ex works", "EUR"),
        ("Preise in Euro zzgl. MwSt.", "EUR"),
    ],
)
def test_find_currency_in_longer_text(text: str, expected: str) -> None:
    assert find_currency(text) == expected


@pytest.mark.parametrize(
    "text",
    ["ALL ITEMS TOP QUALITY", "Payment: CAD at sight", "Try our new PEN series", "DEM 100", "Quantity 500 pcs"],
)
def test_find_currency_ignores_word_like_and_historic_codes(text: str) -> None:
    assert find_currency(text) is None


def test_find_currency_uses_the_earliest_currency() -> None:
    assert find_currency("EUR 100 (approx. US$ 108)") == "EUR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Montant total 12 480,00 $ CA", "CAD"),
        ("Total: $CA 1,000.00", "CAD"),
        ("9,90 $ US", "USD"),
        ("1 234,50 $", "USD"),
    ],
)
def test_dollar_sign_with_a_country_suffix(text: str, expected: str) -> None:
    assert find_currency(text) == expected


@pytest.mark.parametrize("text", ["ML-RUB-5M", "EUR-PAL-120 pallet", "Art. CHF-22"])
def test_code_inside_an_item_number_is_no_currency(text: str) -> None:
    assert find_currency(text) is None
