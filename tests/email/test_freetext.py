"""Free-text order lines in every lexicon language (spaCy pipelines built from the lexicons)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.freetext import read_free_text

CASES = [
    ("en", "please send 500 pcs of LED-PNL-6060 at USD 12.50/pc", ("LED-PNL-6060", None, "500", "PCE", "12.50")),
    ("de", "2.000 Stk. Art.-Nr. BB-6204-2RS zu 0,85 EUR/Stk.", ("BB-6204-2RS", None, "2000", "PCE", "0.85")),
    ("zh", "LED平板灯 1,000个,单价 USD 2.50", (None, "LED平板灯", "1000", "PCE", "2.50")),
    (
        "fr",
        "- JL-MUG-350 Mug céramique : 1 150 pcs à 1,29 € l'unité",
        ("JL-MUG-350", "Mug céramique", "1150", "PCE", "1.29"),
    ),
    (
        "es",
        "- 300 juegos de FN-SW46 Juego de llaves a 7,14 EUR c/u",
        ("FN-SW46", "Juego de llaves", "300", "SET", "7.14"),
    ),
    (
        "it",
        "- TX-SK-3942 Calze in cotone, 5.280 paia, prezzo 0,74 EUR cad.",
        ("TX-SK-3942", "Calze in cotone", "5280", "PR", "0.74"),
    ),
    (
        "pt",
        "- 560 conjuntos FN-CD18 Berbequim a 29,47 EUR por conjunto",
        ("FN-CD18", "Berbequim", "560", "SET", "29.47"),
    ),
    (
        "nl",
        "- 1.900 stuks BW-T8-1200 LED-buis T8 à EUR 1,49 per stuk",
        ("BW-T8-1200", "LED-buis T8", "1900", "PCE", "1.49"),
    ),
]


@pytest.mark.parametrize(("language", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_order_line_in_each_language(language: str, text: str, want: tuple[object, ...]) -> None:
    items = read_free_text([(0, text)], language).items
    assert len(items) == 1
    item = items[0]
    sku, description, quantity, unit, price = want
    assert (item.sku, item.description, item.unit, item.unit_price) == (sku, description, unit, Decimal(str(price)))
    assert item.quantity == Decimal(str(quantity))


def test_quantity_next_to_sku_wins_over_sizes_in_the_description() -> None:
    item = read_free_text([(0, "1. 套筒扳手组套 46件（FN-SW46）450套，单价 USD 7.57")], "zh").items[0]
    assert (item.sku, item.quantity, item.unit) == ("FN-SW46", Decimal(450), "SET")


def test_sentence_with_two_items_and_amount_by_arithmetic() -> None:
    text = "Please send 500 pcs of AB-100 at USD 1.00/pc and 200 pcs of CD-200 at USD 2.50/pc."
    items = read_free_text([(0, text)], "en").items
    assert [(i.sku, i.quantity, i.unit_price) for i in items] == [
        ("AB-100", Decimal(500), Decimal("1.00")),
        ("CD-200", Decimal(200), Decimal("2.50")),
    ]
    item = read_free_text([(0, "300 sets XY-300 EUR 20.00 EUR 6,000.00")], "en").items[0]
    assert (item.unit_price, item.amount) == (Decimal("20.00"), Decimal("6000.00"))


def test_header_and_prose_lines_are_not_items() -> None:
    lines = [(0, "Packing: 10 pcs per carton"), (1, "Total: USD 6,250.00"), (2, "We need the goods soon.")]
    assert read_free_text(lines, "en").items == []


def test_wrapped_line_is_joined() -> None:
    lines = [(0, "- 500 pcs LED-PNL-6060 LED panel 600x600 40W, warm white, frameless"), (1, "design @ USD 12.50/pc")]
    item = read_free_text(lines, "en").items[0]
    assert item.lines == [0, 1] and item.unit_price == Decimal("12.50")
