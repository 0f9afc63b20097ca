import pytest

from extractors.normalize.countries import country_code, find_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany", "DE"),
        ("GERMANY", "DE"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Alemania", "DE"),
        ("Germania", "DE"),
        ("Alemanha", "DE"),
        ("Duitsland", "DE"),
        ("德国", "DE"),
        ("China", "CN"),
        ("P.R. China", "CN"),
        ("PR China", "CN"),
        ("PRC", "CN"),
        ("China (PRC)", "CN"),
        ("中国", "CN"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Holland", "NL"),
        ("The Netherlands", "NL"),
        ("Nederland", "NL"),
        ("Schweiz", "CH"),
        ("Suisse", "CH"),
        ("España", "ES"),
        ("Espana", "ES"),
        ("Hong Kong", "HK"),
        ("DE", "DE"),
        ("CN", "CN"),
        ("DEU", "DE"),
        ("CHN", "CN"),
    ],
)
def test_country_code_reads_names_in_every_language_and_codes(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["", "de", "Stuttgart", "Germany, France", "XX", "EU", "Ningbo Sunrise Co., Ltd."])
def test_country_code_returns_none_for_non_countries(text: str) -> None:
    assert country_code(text) is None


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("Industriestraße 12, 70565 Stuttgart, Germany", "DE"),
        ("Hansen GmbH\nIndustriestraße 12\n70565 Stuttgart\nDeutschland", "DE"),
        ("No. 8 Beilun Road\nNingbo, Zhejiang, China 315800", "CN"),
        ("Shanghai 200000, P.R. China", "CN"),
        ("1200 Main St\nNew Jersey, USA", "US"),
        ("Keizersgracht 1\n1015 CJ Amsterdam\nThe Netherlands", "NL"),
        ("浙江省宁波市北仑区\n中国", "CN"),
        ("Rue de Lyon 5\n75012 Paris\nFRA", "FR"),
        ("Industriestr. 1\n70565 Stuttgart\nDE", "DE"),
    ],
)
def test_find_country_reads_the_end_of_an_address(address: str, code: str) -> None:
    assert find_country(address) == code


@pytest.mark.parametrize(
    "address",
    [
        "500 Market St, San Francisco, CA 94105",
        "1 Exchange Pl, Jersey City, NJ 07302",
        "Chinastraße 5\n10115 Berlin",
        "",
    ],
)
def test_find_country_does_not_guess(address: str) -> None:
    assert find_country(address) is None
