"""Line-item tables: running totals between pages, quantity and unit in one cell, neighbouring code columns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.fields import extract_fields

HEAD = [
    (40, [(40, "Haus & Garten Vertrieb GmbH")]),
    (80, [(380, "Bestellung 4711-88")]),
]
COLUMNS = (
    120,
    [
        (40, "Pos."),
        (80, "Art.-Nr."),
        (160, "Bezeichnung"),
        (330, "Menge"),
        (380, "Einheit"),
        (430, "Preis"),
        (500, "Betrag"),
    ],
)


def _row(y: float, pos: str, sku: str, desc: str, qty: str, unit: str, price: str, amount: str):
    return (y, [(40, pos), (80, sku), (160, desc), (330, qty), (380, unit), (430, price), (500, amount)])


def test_running_total_between_pages_neither_ends_the_table_nor_is_the_subtotal(make_doc) -> None:
    page1 = [
        *HEAD,
        COLUMNS,
        _row(134, "1", "GT-100", "Gartentisch", "10", "Stk.", "20,00", "200,00"),
        _row(148, "2", "GS-200", "Gartenstuhl", "40", "Stk.", "10,00", "400,00"),
        (170, [(160, "Zwischensumme Übertrag"), (500, "600,00")]),
    ]
    page2 = [
        (40, [(160, "Übertrag"), (500, "600,00")]),
        _row(54, "3", "SK-300", "Sitzkissen", "100", "Stk.", "1,50", "150,00"),
        (80, [(430, "Gesamtbetrag"), (500, "750,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page1, page2), "de")
    assert [li.sku for li in order.line_items] == ["GT-100", "GS-200", "SK-300"]
    assert order.subtotal is None and order.total_amount == Decimal("750.00")


def test_quantity_and_unit_printed_as_one_cell(make_doc) -> None:
    page = [
        *HEAD,
        COLUMNS,
        (134, [(40, "1"), (80, "GT-100"), (160, "Gartentisch"), (345, "12 Kartons"), (430, "20,00"), (500, "240,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "de")
    item = order.line_items[0]
    assert (item.quantity, item.unit, item.unit_text) == (Decimal("12"), "CT", "Kartons")


def test_code_columns_under_one_wide_header_cell(make_doc) -> None:
    head = (
        120,
        [
            (40, "Item"),
            (70, "Customer P/N Your Part No."),
            (210, "Description"),
            (330, "Qty"),
            (430, "Price"),
            (500, "Amount"),
        ],
    )
    rows = [
        (
            134,
            [
                (40, "10"),
                (70, "MAT-100200"),
                (137, "AB-12"),
                (210, "Bench"),
                (330, "5"),
                (430, "10.00"),
                (500, "50.00"),
            ],
        ),
        (
            148,
            [
                (40, "20"),
                (70, "MAT-100201"),
                (137, "AB-1234-XL"),
                (210, "Chair"),
                (330, "6"),
                (430, "5.00"),
                (500, "30.00"),
            ],
        ),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, head, *rows]), "en")
    assert [(li.customer_sku, li.sku) for li in order.line_items] == [
        ("MAT-100200", "AB-12"),
        ("MAT-100201", "AB-1234-XL"),
    ]


def test_one_date_on_every_row_is_the_order_delivery_date(make_doc) -> None:
    head = (120, [(40, "Item"), (80, "Description"), (250, "ETA"), (330, "Qty"), (430, "Price"), (500, "Amount")])
    rows = [
        (134, [(40, "1"), (80, "Bench"), (250, "2027-04-30"), (330, "5"), (430, "10.00"), (500, "50.00")]),
        (148, [(40, "2"), (80, "Chair"), (250, "2027-04-30"), (330, "6"), (430, "5.00"), (500, "30.00")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, head, *rows]), "en")
    assert order.delivery_date == date(2027, 4, 30)
    assert [li.delivery_date for li in order.line_items] == [date(2027, 4, 30)] * 2


def test_list_value_wrapped_mid_phrase_joins_with_a_space(make_doc) -> None:
    lines = [
        (300, [(40, "Documents:"), (160, "Commercial invoice, packing list, certificate of")]),
        (312, [(160, "origin, insurance policy")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, *lines]), "en")
    assert order.documents_required == "Commercial invoice, packing list, certificate of origin, insurance policy"


def test_vertically_centred_description_cells(make_doc) -> None:
    head = (120, [(40, "Item No."), (140, "Description"), (360, "Qty"), (430, "Price"), (500, "Amount")])
    rows = [
        (134, [(140, "Steel shelf 5 tiers, galvanised,")]),
        (140, [(40, "SH-500"), (360, "20"), (430, "30.00"), (500, "600.00")]),
        (146, [(140, "bolt-free assembly")]),
        (160, [(40, "SH-300"), (140, "Steel shelf 3 tiers"), (360, "10"), (430, "20.00"), (500, "200.00")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, head, *rows]), "en")
    assert [(li.sku, li.description) for li in order.line_items] == [
        ("SH-500", "Steel shelf 5 tiers, galvanised, bolt-free assembly"),
        ("SH-300", "Steel shelf 3 tiers"),
    ]


def test_one_net_total_without_tax_is_the_order_total(make_doc) -> None:
    page = [
        *HEAD,
        COLUMNS,
        _row(134, "1", "GT-100", "Gartentisch", "10", "Stk.", "20,00", "200,00"),
        (160, [(380, "Gesamtbetrag netto"), (500, "200,00 €")]),
    ]
    order, evidence, _ = extract_fields(make_doc(page), "de")
    assert (order.subtotal, order.total_amount) == (None, Decimal("200.00"))
    assert "total_amount" in evidence


def test_centred_cells_of_several_lines_split_between_rows(make_doc) -> None:
    head = (120, [(40, "Item No."), (140, "Description"), (360, "Qty"), (430, "Price"), (500, "Amount")])
    rows = [
        (134, [(40, "AB-1"), (140, "Short one"), (360, "1"), (430, "1.00"), (500, "1.00")]),
        (146, [(140, "Motor 24 V 80 W,")]),
        (158, [(140, "with hall sensors and")]),
        (164, [(40, "AB-2"), (360, "2"), (430, "2.00"), (500, "4.00")]),
        (170, [(140, "500 mm cable, Molex")]),
        (182, [(140, "connector")]),
        (196, [(40, "AB-3"), (140, "Gearbox"), (360, "3"), (430, "3.00"), (500, "9.00")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, head, *rows]), "en")
    assert [li.description for li in order.line_items] == [
        "Short one",
        "Motor 24 V 80 W, with hall sensors and 500 mm cable, Molex connector",
        "Gearbox",
    ]


def test_group_row_over_the_real_header(make_doc) -> None:
    group = (108, [(40, "Produto"), (330, "Quantidade"), (430, "Valores (R$)")])
    head = (
        120,
        [
            (40, "Item"),
            (80, "Código"),
            (160, "Descrição"),
            (330, "Qtde."),
            (380, "Unid."),
            (430, "Preço"),
            (500, "Total"),
        ],
    )
    row = (
        134,
        [
            (40, "1"),
            (80, "HF-PN-24"),
            (160, "Panela inox 24 cm"),
            (330, "1800"),
            (380, "pç"),
            (430, "38,90"),
            (500, "70.020,00"),
        ],
    )
    order, _, _ = extract_fields(make_doc([*HEAD, group, head, row]), "pt")
    item = order.line_items[0]
    assert (item.sku, item.description, item.quantity, item.amount) == (
        "HF-PN-24",
        "Panela inox 24 cm",
        Decimal("1800"),
        Decimal("70020.00"),
    )


def test_item_number_printed_first_in_the_description_cell(make_doc) -> None:
    head = (120, [(40, "No."), (80, "Description"), (330, "Qty"), (430, "Price"), (500, "Amount")])
    rows = [
        (134, [(40, "1"), (80, "LT-CP-50-160 Centrifugal pump 7.5 kW"), (330, "10"), (430, "5.00"), (500, "50.00")]),
        (148, [(40, "2"), (80, "4000K LED panel 600x600"), (330, "2"), (430, "1.00"), (500, "2.00")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, head, *rows]), "en")
    assert [(li.sku, li.description) for li in order.line_items] == [
        ("LT-CP-50-160", "Centrifugal pump 7.5 kW"),
        (None, "4000K LED panel 600x600"),
    ]


def test_labelled_note_indented_under_an_item_belongs_to_it(make_doc) -> None:
    rows = [
        _row(134, "10", "NOB-6204", "Rillenkugellager 6204", "1.500", "Stück", "1,85", "2.775,00"),
        (146, [(160, "Liefertermin: 03.04.2027")]),
        _row(160, "20", "NOB-6306", "Rillenkugellager 6306", "800", "Stück", "4,12", "3.296,00"),
        (172, [(160, "Liefertermin: 10.04.2027")]),
        (200, [(380, "Gesamtbetrag"), (500, "6.071,00")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, COLUMNS, *rows]), "de")
    assert [(li.sku, li.description, li.delivery_date) for li in order.line_items] == [
        ("NOB-6204", "Rillenkugellager 6204", date(2027, 4, 3)),
        ("NOB-6306", "Rillenkugellager 6306", date(2027, 4, 10)),
    ]


def test_unknown_header_word_before_a_known_one_is_its_own_column(make_doc) -> None:
    head = (120, [(40, "Line"), (70, "Item"), (138, "Rev Description"), (340, "Qty"), (430, "Price"), (500, "Amount")])
    rows = [
        (
            134,
            [
                (40, "1"),
                (70, "GLI-535-8202"),
                (143, "A"),
                (160, "Enclosure IP67"),
                (340, "5"),
                (430, "2.00"),
                (500, "10.00"),
            ],
        ),
        (
            148,
            [
                (40, "2"),
                (70, "GLI-535-8203"),
                (143, "B"),
                (160, "Gasket set"),
                (340, "6"),
                (430, "1.00"),
                (500, "6.00"),
            ],
        ),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, head, *rows]), "en")
    assert [(li.sku, li.description) for li in order.line_items] == [
        ("GLI-535-8202", "Enclosure IP67"),
        ("GLI-535-8203", "Gasket set"),
    ]


def test_centred_cells_half_a_leading_above_the_row_and_on_the_next_page(make_doc) -> None:
    head = (120, [(40, "Item No."), (140, "Description"), (360, "Qty"), (430, "Price"), (500, "Amount")])
    page1 = [
        *HEAD,
        head,
        (134, [(140, "Enclosure, die-cast aluminium,")]),
        (142, [(40, "EN-1"), (360, "5"), (430, "2.00"), (500, "10.00")]),
        (150, [(140, "IP67, powder coated")]),
    ]
    page2 = [
        (60, [(140, "PCB assembly, sensor board,")]),
        (68, [(40, "PC-2"), (360, "3"), (430, "4.00"), (500, "12.00")]),
        (76, [(140, "conformal coated")]),
        (94, [(140, "Ribbon cable, 20-way,")]),
        (102, [(40, "RC-3"), (360, "1"), (430, "7.00"), (500, "7.00")]),
        (110, [(140, "30 m reel")]),
    ]
    order, _, _ = extract_fields(make_doc(page1, [head, *page2]), "en")
    assert [(li.sku, li.description) for li in order.line_items] == [
        ("EN-1", "Enclosure, die-cast aluminium, IP67, powder coated"),
        ("PC-2", "PCB assembly, sensor board, conformal coated"),
        ("RC-3", "Ribbon cable, 20-way, 30 m reel"),
    ]


def test_on_an_ocr_page_the_one_misread_figure_of_a_row_is_mended(make_doc) -> None:
    page = [
        *HEAD,
        COLUMNS,
        _row(134, "1", "GT-100", "Gartentisch", "1.050", "Stk.", "221", "2.383,50"),  # 2,27 read as 221
        _row(148, "2", "GS-200", "Gartenstuhl", "500", "Stk.", "2,14", "1.370,00"),  # 2,74 read as 2,14
        _row(162, "3", "GB-300", "Gartenbank", "40", "Stk.", "10,00", "400,00"),
        _row(176, "4", "GL-400", "Gartenlampe", "10", "Stk.", "9,00", "55,00"),  # too far apart: left alone
    ]
    doc = make_doc(page)
    order, evidence, _ = extract_fields(doc, "de")
    assert [li.unit_price for li in order.line_items][:2] == [Decimal("221"), Decimal("2.14")]  # text layer: as printed
    doc.pages[0].ocr = True
    order, evidence, _ = extract_fields(doc, "de")
    assert [li.unit_price for li in order.line_items] == [
        Decimal("2.27"),
        Decimal("2.74"),
        Decimal("10.00"),
        Decimal("9.00"),
    ]
    assert evidence["line_items[1].unit_price"].confidence < evidence["line_items[2].unit_price"].confidence
    assert "fits the row" in (evidence["line_items[0].unit_price"].text or "")


@pytest.mark.parametrize(
    ("language", "buyer_header", "supplier_header"),
    [("de", "Material", "Ihre Art.-Nr."), ("en", "Item #", "Vendor Item #"), ("fr", "Réf.", "Réf. fournisseur")],
)
def test_the_suppliers_item_number_is_the_sku_and_the_buyers_the_customer_sku(
    make_doc, language: str, buyer_header: str, supplier_header: str
) -> None:
    head = (
        120,
        [(40, "Pos."), (80, buyer_header), (160, supplier_header), (260, "Description"), (400, "Qty"), (500, "Total")],
    )
    rows = [
        (
            134,
            [(40, "10"), (80, "100234567"), (160, "LD-MCB-C16"), (260, "Breaker C16"), (400, "4000"), (500, "7440.00")],
        )
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, head, *rows]), language)
    (item,) = order.line_items
    assert (item.sku, item.customer_sku) == ("LD-MCB-C16", "100234567")


def test_a_table_ruled_between_rows_only_keeps_the_header_columns(make_doc) -> None:
    from models.pages import Cell, Table

    head = (
        295,
        [(43, "Lín."), (72, "Referencia"), (140, "Descripción"), (344, "Cantidad"), (420, "Precio"), (520, "Importe")],
    )
    rows = [
        (312, [(43, "1"), (72, "KD-BV-12"), (140, "Válvula de bola"), (367, "5.000"), (442, "1,38"), (520, "6.900,00")])
    ]
    doc = make_doc([*HEAD, head, *rows])
    # pdfplumber sees one cell per row when only horizontal rules are drawn
    doc.pages[0].tables.append(Table([[Cell("", 40, 290, 556, 305)], [Cell("", 40, 305, 556, 325)]]))
    order, _, _ = extract_fields(doc, "es")
    (item,) = order.line_items
    assert (item.sku, item.quantity, item.unit_price, item.amount) == (
        "KD-BV-12",
        Decimal("5000"),
        Decimal("1.38"),
        Decimal("6900.00"),
    )


def test_a_header_read_as_three_lines_when_its_cells_are_centred_vertically(make_doc) -> None:
    page = [
        *HEAD,
        (115, [(458, "Preço"), (529, "Total")]),
        (120, [(50, "Lin"), (75, "Referência"), (144, "Descrição"), (377, "Qtd."), (409, "Un.")]),
        (126, [(458, "unit."), (530, "(EUR)")]),
        (145, [(55, "1"), (75, "FX-DP-27"), (145, "Prato raso 27 cm"), (371, "6.000"), (412, "un"), (463, "0,92"),
               (512, "5.520,00")]),
        (164, [(55, "2"), (75, "FX-SP-21"), (145, "Prato de sopa"), (371, "6.000"), (412, "un"), (463, "0,85"),
               (512, "5.100,00")]),
    ]  # fmt: skip
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert [(li.sku, li.quantity, li.unit_price, li.amount) for li in order.line_items] == [
        ("FX-DP-27", Decimal("6000"), Decimal("0.92"), Decimal("5520.00")),
        ("FX-SP-21", Decimal("6000"), Decimal("0.85"), Decimal("5100.00")),
    ]
