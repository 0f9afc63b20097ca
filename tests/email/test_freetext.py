"""Free-text order lines in every lexicon language (spaCy pipelines built from the lexicons)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.freetext import FreeItem, find_order_reference, read_free_text
from extractors.freetext.nlp import pipeline_for

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


def test_a_count_of_the_goods_named_after_it_is_ordered_in_pieces() -> None:
    text = (
        "Necesitamos también 1.200 diferenciales 2P 40A tipo AC (ref. TC-RCD-2P40) a 6,90 USD la unidad y, por "
        "último, 400 unidades de caja de superficie (ref. TC-DB-12) a 3,75 USD cada una."
    )
    items = read_free_text([(0, text)], "es").items
    assert [(i.sku, i.description, i.quantity, i.unit, i.unit_price) for i in items] == [
        ("TC-RCD-2P40", "diferenciales 2P 40A tipo AC", Decimal(1200), "PCE", Decimal("6.90")),
        ("TC-DB-12", "caja de superficie", Decimal(400), "PCE", Decimal("3.75")),
    ]
    item = read_free_text([(0, "Please ship 500 LED panels 600x600 at USD 12.50 each by 15 May 2026.")], "en").items
    assert [(i.description, i.quantity, i.unit, i.unit_price) for i in item] == [
        ("LED panels 600x600", Decimal(500), "PCE", Decimal("12.50"))
    ]


def test_header_and_prose_lines_are_not_items() -> None:
    lines = [(0, "Packing: 10 pcs per carton"), (1, "Total: USD 6,250.00"), (2, "We need the goods soon.")]
    assert read_free_text(lines, "en").items == []
    lines = [(0, "We will need 40 containers next year."), (1, "Delivery within 45 days after deposit.")]
    assert read_free_text(lines, "en").items == []  # a count without a price orders nothing


def test_wrapped_line_is_joined() -> None:
    lines = [(0, "- 500 pcs LED-PNL-6060 LED panel 600x600 40W, warm white, frameless"), (1, "design @ USD 12.50/pc")]
    item = read_free_text(lines, "en").items[0]
    assert item.lines == [0, 1] and item.unit_price == Decimal("12.50")


def _one(language: str, text: str) -> FreeItem:
    items = read_free_text([(0, text)], language).items
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("language", "text", "description"),
    [
        ("en", "- 40 SET KX-HNG-22 Hanging kit for shelf, 2 chains 0.8 m @ USD 3.10/SET", "2 chains 0.8 m"),
        ("nl", "- 25 sets KX-HNG-22 Ophangset voor rek, 2 kettingen 2,5 m à EUR 3,10 per set", "2 kettingen 2,5 m"),
    ],
)
def test_a_unit_after_its_number_ends_the_description(language: str, text: str, description: str) -> None:
    assert (_one(language, text).description or "").endswith(description)


def test_a_price_per_the_same_unit_picks_the_ordered_count_among_counts() -> None:
    item = _one("es", "3. KB-TL12 Caja de herramientas, 12 piezas, acero - 150 jgo. a 9,80 EUR por jgo.")
    assert (item.quantity, item.unit, item.unit_price) == (Decimal(150), "SET", Decimal("9.80"))
    assert item.description == "Caja de herramientas, 12 piezas, acero"


def test_a_count_per_package_describes_the_package() -> None:
    item = _one("fr", "- KP-VR-20 Verres 20 cl, 48 pièces par carton : 30 cartons à 22,10 EUR l'unité")
    assert (item.quantity, item.unit) == (Decimal(30), "CT")
    assert item.description == "Verres 20 cl, 48 pièces par carton"
    alone = _one("en", "- KP-VR-20 tumblers 20 cl, 48 pcs/carton")
    assert (alone.quantity, alone.unit) == (Decimal(48), "PCE")


def test_a_label_that_is_also_a_unit_is_the_unit_after_a_number() -> None:
    item = _one("it", "- TX-AB-1 Asciugamano 50x100 cm, 400 g/m², 120 nr., prezzo 3,10 EUR cad.")
    assert (item.quantity, item.unit, item.unit_price) == (Decimal(120), "PCE", Decimal("3.10"))
    assert item.description == "Asciugamano 50x100 cm, 400 g/m²"


def test_abbreviated_portuguese_set_unit() -> None:
    item = _one("pt", "- 75 conj. KP-BR-3 Brocas para betão, 3 peças a 4,10 EUR por conj.")
    assert (item.quantity, item.unit, item.description) == (Decimal(75), "SET", "Brocas para betão, 3 peças")


def test_chinese_characters_that_are_stop_words_stay_inside_a_word() -> None:
    item = _one("zh", "2. 大号不锈钢保温杯 500ml 双层（KP-CUP-5）300个，单价 USD 4.20")
    assert (item.sku, item.quantity, item.description) == ("KP-CUP-5", Decimal(300), "大号不锈钢保温杯 500ml 双层")
    item = _one("zh", "1. 内六角螺丝刀 2.5-6mm 一套（KP-SD-6）80套，单价 USD 2.10")
    assert item.description == "内六角螺丝刀 2.5-6mm 一套"


def test_description_line_with_a_package_count_joins_its_values_line() -> None:
    lines = [
        "1. Verres à eau 20 cl, trempés, 48 pièces par carton",
        "Code article : KP-VR-20 | Qté : 30 | U. : crt | Prix unitaire : 22,10 | Total HT : 663,00",
        "2. Carafe 1 l, verre sodocalcique",
        "Code article : KP-CF-1 | Qté : 120 | U. : pcs | Prix unitaire : 3,05 | Total HT : 366,00",
        "Total : 1 029,00 €",
    ]
    items = read_free_text(list(enumerate(lines)), "fr").items
    assert [(i.sku, i.quantity, i.unit, i.lines) for i in items] == [
        ("KP-VR-20", Decimal(30), "CT", [0, 1]),
        ("KP-CF-1", Decimal(120), "PCE", [2, 3]),
    ]
    assert items[0].description == "Verres à eau 20 cl, trempés, 48 pièces par carton"


def test_a_long_line_is_not_wrapped_when_the_next_word_would_have_fitted() -> None:
    lines = [
        (0, "Please supply 300 pcs of HX-42 hex keys, 2.5 mm, chrome vanadium"),
        (1, "Thanks"),
        (2, "PS: the delivery address is the one of our previous order in May, gate 4."),
    ]
    assert len(lines[0][1]) + len(" Thanks") < len(lines[2][1])
    assert read_free_text(lines, "en").items[0].lines == [0]


def test_ranges_of_sizes_are_no_dates_and_no_article_numbers() -> None:
    pipe = pipeline_for("en")
    kinds = {t.text: t._.kind for t in pipe.nlp("1.5-10mm 2,5-6 15.01.2026 2026-01-15 39-42 6204-2RS 1.5-10")}
    assert kinds == {
        "1.5-10mm": "dim",
        "2,5-6": "dim",
        "15.01.2026": "date",
        "2026-01-15": "date",
        "39-42": "code",
        "6204-2RS": "code",
        "1.5-10": "dim",
    }


LETTER = """Pacific Home Goods Ltd
PURCHASE ORDER
Order No.: PH-88120
Date: 12/01/2026

Dear Sirs,
please supply:
1. Glass tumbler 30 cl, tempered, 24 pcs per carton
Item code : KP-GT-30 | Qty : 40 | Unit : ctn | Unit price : 21.50 | Net total : 860.00
2. Water jug 1 l, borosilicate glass
Item code : KP-WJ-1 | Qty : 100 | Unit : pcs | Unit price : 2.40 | Net total : 240.00
Total : USD 1,100.00
"""


def test_a_total_labelled_on_an_order_line_is_the_line_amount_not_the_subtotal() -> None:
    from extractors import extract_order

    order = extract_order(LETTER.encode(), filename="letter.txt").order
    assert [(i.sku, i.quantity, i.unit, i.amount) for i in order.line_items] == [
        ("KP-GT-30", Decimal(40), "CT", Decimal("860.00")),
        ("KP-WJ-1", Decimal(100), "PCE", Decimal("240.00")),
    ]
    assert order.line_items[0].description == "Glass tumbler 30 cl, tempered, 24 pcs per carton"
    assert (order.subtotal, order.total_amount) == (None, Decimal("1100.00"))


def test_a_dimension_written_with_spaces_is_no_quantity() -> None:
    item = _one("de", "3. KL-KB-60 Kabelbinder 4,8 x 300 mm, 100 Stück je Beutel – 250 Beutel zu je 3,20 EUR")
    assert (item.quantity, item.unit, item.unit_price) == (Decimal(250), "BG", Decimal("3.20"))
    assert item.description == "Kabelbinder 4,8 x 300 mm, 100 Stück je Beutel"
    assert _one("en", "3 x KX-PNL-30 panel 30x30 cm at USD 8.10").quantity == Decimal(3)


def test_an_inch_mark_after_a_size_ends_the_description() -> None:
    item = _one("fr", 'Nous commandons 400 jeux de TP-6 tournevis 6 pièces, embout 1/4", au prix de 3,15 € le jeu.')
    assert (item.quantity, item.unit, item.description) == (Decimal(400), "SET", 'tournevis 6 pièces, embout 1/4"')


def test_a_line_ending_with_a_comma_continues() -> None:
    lines = [(0, "- 2,000 pcs PB-10 Pallet band 10 mm, 1,000 m per roll,"), (1, "black @ USD 0.35/pc")]
    (item,) = read_free_text(lines, "en").items
    assert (item.quantity, item.unit, item.unit_price, item.lines) == (Decimal(2000), "PCE", Decimal("0.35"), [0, 1])
    assert item.description == "Pallet band 10 mm, 1,000 m per roll, black"


def test_a_sentence_is_cut_only_where_a_price_ends_the_previous_item() -> None:
    text = (
        "Nous vous commandons 1 200 boîtes de VIS-5X50 vis agglo 5 x 50 mm, tête fraisée, 200 pièces par boîte, "
        "au prix de 4,35 € la boîte, ainsi que 300 jeux de TP-6 tournevis 6 pièces au prix de 3,15 € le jeu."
    )
    items = read_free_text([(0, text)], "fr").items
    assert [(i.sku, i.quantity, i.unit, i.unit_price) for i in items] == [
        ("VIS-5X50", Decimal(1200), "BX", Decimal("4.35")),
        ("TP-6", Decimal(300), "SET", Decimal("3.15")),
    ]
    assert items[0].description == "vis agglo 5 x 50 mm, tête fraisée, 200 pièces par boîte"


@pytest.mark.parametrize(
    ("language", "text", "description"),
    [
        (
            "de",
            "Pos. 1: Art.-Nr. KL-55, Klebeband 50 mm x 66 m, Menge: 200 Rollen, Preis: 1,10 EUR/Rolle",
            "Klebeband 50 mm x 66 m",
        ),
        (
            "fr",
            "Réf. KP-CAF-1 : cafetière 1 l, inox — quantité : 240 pièces — prix unitaire : 8,40 €",
            "cafetière 1 l, inox",
        ),
    ],
)
def test_labelled_values_with_an_unlabelled_description(language: str, text: str, description: str) -> None:
    item = _one(language, text)
    assert item.description == description and item.quantity is not None and item.unit_price is not None


def test_the_count_right_before_the_price_beats_a_count_in_the_description() -> None:
    item = _one("pt", "1. BR-HSS-13 Brocas HSS 1-13 mm, 13 peças: 80 conjuntos x 7,45 EUR")
    assert (item.quantity, item.unit, item.description) == (Decimal(80), "SET", "Brocas HSS 1-13 mm, 13 peças")
    first = _one("en", "- 180 sets suspension kit, 4 pcs @ USD 1.24")
    assert (first.quantity, first.unit) == (Decimal(180), "SET")


def test_a_position_line_takes_the_values_line_under_it() -> None:
    lines = [
        "Pos. 1   Art.-Nr. KL-55   Klebeband 50 mm x 66 m, braun",
        "Menge: 200 Rollen   Preis: 1,10 EUR/Rolle   Betrag: 220,00 EUR",
        "Pos. 2   Art.-Nr. KL-KB-300   Kabelbinder 4,8 x 300 mm",
        "Menge: 1.500 Beutel   Preis: 0,85 EUR/Beutel   Betrag: 1.275,00 EUR",
    ]
    items = read_free_text(list(enumerate(lines)), "de").items
    assert [(i.line_no, i.sku, i.quantity, i.unit, i.unit_price, i.amount, i.lines) for i in items] == [
        (1, "KL-55", Decimal(200), "RO", Decimal("1.10"), Decimal("220.00"), [0, 1]),
        (2, "KL-KB-300", Decimal(1500), "BG", Decimal("0.85"), Decimal("1275.00"), [2, 3]),
    ]
    assert items[0].description == "Klebeband 50 mm x 66 m, braun"


def test_a_total_in_the_item_sentence_is_the_order_total_not_the_last_amount() -> None:
    text = (
        "Please supply 2,400 sqm of porcelain tile HD-6601P at USD 5.20 per sqm and 500 pcs of plank tile "
        "HD-1220W at USD 3.10 per piece. This makes a total of USD 14,030.00."
    )
    items = read_free_text([(0, text)], "en").items
    assert [(i.sku, i.amount) for i in items] == [("HD-6601P", None), ("HD-1220W", None)]
    assert [i.total for i in items if i.total is not None] == [Decimal("14030.00")]


@pytest.mark.parametrize(
    ("language", "text", "description", "unit"),
    [
        (
            "zh",
            "1. 货号 LX-UM-270，2.7米铝合金庭院伞（米白色），数量 300 把，单价 USD 21.50",
            "2.7米铝合金庭院伞（米白色）",
            "PCE",
        ),
        (
            "zh",
            "3. 货号 LX-CH-F01，折叠沙滩椅（蓝白条纹），数量 1,200 张，单价 USD 6.25",
            "折叠沙滩椅（蓝白条纹）",
            "PCE",
        ),
        (
            "en",
            "- SS-WSH-M8 Flat washer M8 A4 (box of 100): 200 boxes at USD 3.40",
            "Flat washer M8 A4 (box of 100)",
            "BX",
        ),
    ],
)
def test_a_bracket_in_the_description_stays(language: str, text: str, description: str, unit: str) -> None:
    item = read_free_text([(0, text)], language).items[0]
    assert (item.description, item.unit) == (description, unit)


def test_a_sentence_order_with_a_labelled_reference_and_terms_named_before_their_code() -> None:
    lines = [
        "Nous souhaitons commander 40 pièces de la référence CF-RC-18K, compresseur rotatif R410A 18000 BTU, "
        "au prix unitaire de 86,50 USD, soit 3 460,00 USD.",
        "Le paiement se fera comptant contre documents (CAD) par l'intermédiaire de notre banque.",
    ]
    order = read_free_text(list(enumerate(lines)), "fr")
    (item,) = order.items
    assert (item.sku, item.description, item.quantity) == ("CF-RC-18K", "compresseur rotatif R410A 18000 BTU", 40)
    assert order.payment is not None and order.payment.method == "CAD"


def test_a_total_sentence_and_the_most_detailed_payment_sentence() -> None:
    lines = [
        (0, "Como en nuestro pedido anterior, trabajaremos con carta de crédito, con algunos cambios."),
        (1, "Les rogamos nos envíen 5.000 unidades de interruptor (ref. TC-MCB-1P16) a 1,18 USD cada una."),
        (2, "El importe total del pedido asciende a 5.900,00 USD."),
        (3, "El pago se efectuará mediante carta de crédito irrevocable a la vista."),
        (4, "El importe del anticipo es de 1.000,00 USD."),
    ]
    order = read_free_text(lines, "es")
    assert (order.total, order.total_line) == (Decimal("5900.00"), 2)
    assert order.payment is not None and (order.payment.method, order.payment.trigger) == ("LC", "at_sight")
    assert order.payment_line == 3


def test_a_bulleted_term_line_is_no_order_line() -> None:
    lines = [
        (0, "1. EBL-TR-30 Track spotlight 30W, black - 600 pcs @ USD 8.90 = USD 5,340.00"),
        (1, "- Packing: 5-ply export cartons, max 20 pcs per carton, UKCA mark on every gift box"),
        (2, "• Emballage : carton export double cannelure, chaque article emballé sous film bulle, 12 pièces"),
    ]
    assert [item.sku for item in read_free_text(lines, "en").items] == ["EBL-TR-30"]


def test_labelled_sentence_item_takes_the_words_after_its_quantity() -> None:
    text = (
        "Wir benötigen 1.200 Stück Einhebel-Waschtischmischer, chrom (Ihre Artikelnummer FS-WT-2201), zum Preis von "
        "18,90 EUR je Stück. Außerdem bestellen wir 800 Stück Küchenarmatur (FS-KA-3105), à 27,50 EUR/Stück. "
        "Der Gesamtauftragswert beträgt somit 44.680,00 EUR."
    )
    items = read_free_text([(0, text)], "de").items
    assert [(i.sku, i.description, i.quantity) for i in items] == [
        ("FS-WT-2201", "Einhebel-Waschtischmischer, chrom", 1200),
        ("FS-KA-3105", "Küchenarmatur", 800),
    ]
    assert items[1].total == Decimal("44680.00")


def test_a_price_followed_by_a_per_unit_word_is_no_quantity() -> None:
    line = 'VS-DN15 – Valvola a sfera in ottone DN15 (1/2"), PN25 – 3.000 pz – € 2,15 cad. = € 6.450,00'
    item = read_free_text([(0, line)], "it").items[0]
    assert (item.sku, item.quantity, item.unit, item.unit_price, item.amount) == (
        "VS-DN15",
        Decimal(3000),
        "PCE",
        Decimal("2.15"),
        Decimal("6450.00"),
    )


@pytest.mark.parametrize(
    ("language", "text", "reference"),
    [
        ("es", "les confirmamos nuestro pedido n.º PA-26/0214 a Shenzhen Kaituo", "PA-26/0214"),
        ("es", "nuestro pedido nº PA-26/0214", "PA-26/0214"),
        ("de", "Hiermit bestellen wir gemäß Bestellung Nr. 26-0457", "26-0457"),
        ("es", "el pedido no es urgente", None),
    ],
)
def test_an_order_number_after_a_number_sign_in_a_sentence(language: str, text: str, reference: str | None) -> None:
    assert find_order_reference(text, language) == reference
