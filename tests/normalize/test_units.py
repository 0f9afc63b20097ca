import pytest

from extractors.normalize.units import parse_unit


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("pcs", "PCE"),
        ("PCS.", "PCE"),
        ("pc", "PCE"),
        ("EA", "PCE"),
        ("each", "PCE"),
        ("Stk.", "PCE"),
        ("Stück", "PCE"),
        ("St.", "PCE"),
        ("pièces", "PCE"),
        ("pz", "PCE"),
        ("PCE", "PCE"),
        ("H87", "H87"),
        ("sets", "SET"),
        ("Satz", "SET"),
        ("ctns", "CT"),
        ("Karton", "CT"),
        ("KGS", "KGM"),
        ("kg", "KGM"),
        ("KGM", "KGM"),
        ("m", "MTR"),
        ("Meter", "MTR"),
        ("m²", "MTK"),
        ("sq m", "MTK"),
        ("pairs", "PR"),
        ("Paar", "PR"),
        ("boxes", "BX"),
        ("l", "LTR"),
        ("rolls", "RO"),
        ("dozen", "DZN"),
    ],
)
def test_parse_unit_reads_printed_forms_of_every_language(text: str, code: str) -> None:
    assert parse_unit(text) == (code, text.strip())


@pytest.mark.parametrize(
    ("text", "expected"), [("500 pcs", ("PCE", "pcs")), ("12Stk.", ("PCE", "Stk.")), (" Set ", ("SET", "Set"))]
)
def test_parse_unit_skips_a_glued_quantity_and_keeps_the_printed_form(text: str, expected: tuple[str, str]) -> None:
    assert parse_unit(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "xyz", "LED panel", "12", "USD"])
def test_parse_unit_returns_none_for_unknown_units(text: str) -> None:
    assert parse_unit(text) is None
