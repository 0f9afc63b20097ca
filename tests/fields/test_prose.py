"""Shipping terms written as sentences: routes, a port value naming the route, the shipping date, flag clauses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.fields import extract_fields

HEAD = [
    (40, [(40, "Atlantic Home Supplies Ltd")]),
    (80, [(380, "Purchase Order PO-7731")]),
    (150, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
    (164, [(40, "1"), (80, "Door mat"), (300, "5"), (360, "2.00"), (450, "10.00")]),
    (176, [(40, "2"), (80, "Hook"), (300, "8"), (360, "1.00"), (450, "8.00")]),
]


@pytest.mark.parametrize(
    ("sentence", "language", "ports"),
    [
        ("Shipment from Nhava Sheva to Felixstowe.", "en", ("Nhava Sheva", "Felixstowe")),
        ("Verschiffung von Ningbo nach Bremerhaven.", "de", ("Ningbo", "Bremerhaven")),
        ("Expédition de Tianjin à Le Havre.", "fr", ("Tianjin", "Le Havre")),
        ("Embarque desde Qingdao con destino Algeciras.", "es", ("Qingdao", "Algeciras")),
        ("Verscheping van Haiphong naar Antwerpen.", "nl", ("Haiphong", "Antwerpen")),
        ("运输：从宁波运往汉堡。", "zh", ("宁波", "汉堡")),
    ],
)
def test_route_sentence_gives_both_ports(make_doc, sentence: str, language: str, ports: tuple[str, str]) -> None:
    order, _, _ = extract_fields(make_doc([*HEAD, (240, [(40, sentence)])]), language)
    assert (order.port_of_loading, order.port_of_discharge) == ports


@pytest.mark.parametrize(
    ("lines", "language", "ports"),
    [
        (["Embarquement au port de Radès, débarquement au port d'Anvers."], "fr", ("Radès", "Anvers")),
        (["La marchandise est achetée (Incoterms 2020), au départ du port de", "Shantou, par voie maritime."], "fr",
         ("Shantou", None)),
        (["Die Ware ist per Seefracht ab dem Verladehafen Yantian nach Hamburg zu verschiffen."], "de",
         ("Yantian", "Hamburg")),
        (["Las mercancías se embarcarán en el puerto de Ningbo con salida del puerto de Ningbo."], "es",
         ("Ningbo", None)),
        (["Loading at our factory in two lots; discharge at the port named later."], "en", (None, None)),
    ],
)  # fmt: skip
def test_a_port_named_inside_a_sentence(make_doc, lines: list[str], language: str, ports: tuple) -> None:
    rows = [(240 + 12 * i, [(40, text)]) for i, text in enumerate(lines)]
    order, _, _ = extract_fields(make_doc([*HEAD, *rows]), language)
    assert (order.port_of_loading, order.port_of_discharge) == ports


def test_sentences_without_a_route_give_no_ports(make_doc) -> None:
    lines = [
        (240, [(40, "Delivery from Monday to Friday only, by truck.")]),
        (252, [(40, "Prices from 10 to 20 pcs.")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, *lines]), "en")
    assert (order.port_of_loading, order.port_of_discharge) == (None, None)


def test_port_value_that_names_the_route_is_split(make_doc) -> None:
    order, _, _ = extract_fields(
        make_doc([*HEAD, (240, [(40, "Puerto de carga: Mersin con destino Barcelona")])]), "es"
    )
    assert (order.port_of_loading, order.port_of_discharge) == ("Mersin", "Barcelona")


def test_date_in_a_shipping_sentence_is_the_delivery_date(make_doc) -> None:
    line = (240, [(40, "Livraison : CFR Casablanca, expédition par bateau au plus tard le 14/05/2027.")])
    order, evidence, _ = extract_fields(make_doc([*HEAD, line]), "fr")
    assert order.delivery_date == date(2027, 5, 14)
    assert order.shipping_method == "sea"
    assert evidence["delivery_date"].confidence < 0.7


def test_flag_clauses_without_colons(make_doc) -> None:
    line = (240, [(40, "Teillieferungen erlaubt, Umladung nicht zulässig.")])
    order, _, _ = extract_fields(make_doc([*HEAD, line]), "de")
    assert (order.partial_shipment, order.transshipment) == (True, False)


def test_label_runs_to_its_colon_and_indented_lines_continue_it(make_doc) -> None:
    lines = [
        (240, [(40, "Marcado de cajas:"), (170, "ATLANTIC")]),
        (252, [(60, "PO NO. 7731")]),
        (264, [(60, "MADE IN CHINA")]),
        (288, [(40, "Shipment"), (170, ": Sea")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, *lines]), "es")
    assert order.shipping_marks == "ATLANTIC / PO NO. 7731 / MADE IN CHINA"
    assert order.shipping_method == "sea"


@pytest.mark.parametrize(
    ("sentence", "language", "flags"),
    [
        ("Shipment: by sea; part shipments and transhipment permitted", "en", (True, True)),
        ("- Se admiten entregas parciales previo aviso.", "es", (True, None)),
    ],
)
def test_shipment_flags_inside_sentences(make_doc, sentence: str, language: str, flags: tuple) -> None:
    order, _, _ = extract_fields(make_doc([*HEAD, (240, [(40, sentence)])]), language)
    assert (order.partial_shipment, order.transshipment) == flags


def test_forwarder_without_its_contact_details(make_doc) -> None:
    line = (
        240,
        [(40, "Forwarder:"), (160, "Kuehne + Nagel (Ningbo) Co., Ltd., contact ops@kn.example (tel. 0574 123)")],
    )
    order, _, _ = extract_fields(make_doc([*HEAD, line]), "en")
    assert order.forwarder == "Kuehne + Nagel (Ningbo) Co., Ltd."


@pytest.mark.parametrize(
    ("value", "language", "forwarder"),
    [
        ("Donau Cargo Logistik GmbH, Hafenstraße 47, 4020 Linz – Buchung durch Besteller", "de",
         "Donau Cargo Logistik GmbH"),
        ("Maasdelta Forwarding B.V., kantoor HCMC – boeking door koper", "nl", "Maasdelta Forwarding B.V."),
        ("Savino Del Bene S.p.A. - filiale di Shenzhen", "it", "Savino Del Bene S.p.A. - filiale di Shenzhen"),
    ],
)  # fmt: skip
def test_a_forwarder_ends_before_its_address_or_a_remark(make_doc, value: str, language: str, forwarder) -> None:
    order, _, _ = extract_fields(make_doc([*HEAD, (240, [(40, "Forwarder:"), (160, value)])]), language)
    assert order.forwarder == forwarder


def test_messrs_before_an_addressed_company_is_no_part_of_its_name(make_doc) -> None:
    head = [(40, [(40, "To,")]), (52, [(40, "M/s. Shenzhen Brightway Lighting Co., Ltd.")]), (64, [(40, "China")])]
    order, _, _ = extract_fields(make_doc([*head, *HEAD[1:]]), "en")
    assert order.seller.name == "Shenzhen Brightway Lighting Co., Ltd."


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("Marche-en-Famenne, le 27 janvier 2027", "fr", date(2027, 1, 27)),
        ("Stuttgart, den 3. März 2027", "de", date(2027, 3, 3)),
    ],
)
def test_letter_date_line_is_the_order_date(make_doc, line: str, language: str, expected: date) -> None:
    page = [(40, [(40, "Atlantic Home Supplies Ltd")]), (60, [(40, line)]), *HEAD[1:]]
    order, evidence, _ = extract_fields(make_doc(page), language)
    assert order.order_date == expected
    assert evidence["order_date"].confidence <= 0.7


def test_chinese_numbered_clauses_with_the_value_below(make_doc) -> None:
    lines = [
        (240, [(40, "第二条 交货条款")]),
        (252, [(40, "FOB 宁波（Incoterms® 2020），运输方式：海运。装运港：宁波；目的港：汉堡。")]),
        (264, [(40, "第六条 付款方式")]),
        (276, [(40, "电汇（T/T）。合同签订后甲方支付合同总额30%作为预付款，余款70%凭提单复印件付清。")]),
        (288, [(40, "不含税金额合计：¥417,675.00 增值税（13%）：¥54,297.75 价税合计：¥471,972.75")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, *lines]), "zh")
    assert (order.incoterms.rule, order.port_of_discharge) == ("FOB", "汉堡")
    assert (order.payment_terms.method, order.payment_terms.deposit_percent) == ("TT", Decimal("30"))
    assert (order.subtotal, order.tax_amount) == (Decimal("417675.00"), Decimal("54297.75"))


def test_port_labels_opening_clauses_of_a_transport_value(make_doc) -> None:
    line = (240, [(40, "Vervoer:"), (160, "Zeevracht, laadhaven Xiamen, loshaven Rotterdam")])
    order, _, _ = extract_fields(make_doc([*HEAD, line]), "nl")
    assert (order.shipping_method, order.port_of_loading, order.port_of_discharge) == ("sea", "Xiamen", "Rotterdam")


def test_values_of_a_label_row_may_sit_lower_in_centred_cells(make_doc) -> None:
    lines = [
        (200, [(360, "Total"), (450, "18.00")]),
        (300, [(40, "Payment Terms"), (140, "Freight Terms"), (240, "Incoterms"), (360, "Ship Via")]),
        (316, [(240, "FCA Shenzhen")]),
        (322, [(40, "NET 60"), (140, "Collect"), (360, "OCEAN")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, *lines]), "en")
    assert (order.payment_terms.method, order.payment_terms.days) == ("OA", Decimal("60"))
    assert (order.incoterms.rule, order.shipping_method) == ("FCA", "sea")


@pytest.mark.parametrize(
    ("lines", "language", "forwarder"),
    [
        (
            [
                "FOB Ho Chi Minh City - goods to be handed to our forwarder",
                "Acme Freight (Vietnam) Co., Ltd., Ph +84 28 1234 5678.",
            ],
            "en",
            "Acme Freight (Vietnam) Co., Ltd.",
        ),
        (
            ["Our forwarder is Borealis Logistics (Xiamen), contact Ann Lee, ann@borealis.example"],
            "en",
            "Borealis Logistics (Xiamen)",
        ),
        (
            ["Consegna al nostro spedizioniere Trasporti Rapidi S.r.l. – filiale di Genova."],
            "it",
            "Trasporti Rapidi S.r.l. – filiale di Genova",
        ),
        (
            ["La marchandise sera remise à notre transitaire Alpha Fret (contact : ops@alpha.example)."],
            "fr",
            "Alpha Fret",
        ),
        (["货物交至我司指定货代上海远航国际货运代理有限公司，运费到付。"], "zh", "上海远航国际货运代理有限公司"),
    ],
)
def test_forwarder_named_in_a_sentence_after_a_possessive(make_doc, lines, language, forwarder) -> None:
    rows = [(230 + 14 * i, [(40, text)]) for i, text in enumerate(lines)]
    order, evidence, _ = extract_fields(make_doc([*HEAD, *rows]), language)
    assert order.forwarder == forwarder
    assert evidence["forwarder"].confidence < 0.8


def test_a_forwarder_without_a_possessive_is_not_a_name(make_doc) -> None:
    rows = [(230, [(40, "Cargo to be delivered to the forwarder CFS in Shenzhen before cut-off.")])]
    order, _, _ = extract_fields(make_doc([*HEAD, *rows]), "en")
    assert order.forwarder is None


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Expeditors International (Shenzhen) - contact ops@x.example. Cargo to be delivered",
            "Expeditors International (Shenzhen)",
        ),
        ("Kuehne + Nagel Ltd., Ningbo Branch (Buchung durch uns)", "Kuehne + Nagel Ltd., Ningbo Branch"),
        ("Kuehne + Nagel Ltd. Ningbo Branch", "Kuehne + Nagel Ltd. Ningbo Branch"),
        ("Ziegler Group (dédouanement et livraison)", "Ziegler Group"),
        (
            "DHL Global Forwarding (China) Co., Ltd. – Shenzhen Branch.",
            "DHL Global Forwarding (China) Co., Ltd. – Shenzhen Branch",
        ),
        ("上海中外运物流有限公司，乙方负责将货物送至其宁波仓库。", "上海中外运物流有限公司"),
        (
            "甲方指定货代为宁波中联国际货运代理有限公司（联系人：李先生），乙方须提前7天通知货代订舱。",
            "宁波中联国际货运代理有限公司",
        ),
        ("Transportes Pujol, S.L. (tel. 942 33 10 10)", "Transportes Pujol, S.L."),
    ],
)
def test_a_forwarder_value_is_the_company_alone(make_doc, text, company) -> None:
    rows = [(230, [(40, "Forwarder:"), (150, text)])]
    order, _, _ = extract_fields(make_doc([*HEAD, *rows]), "en")
    assert order.forwarder == company


@pytest.mark.parametrize(
    ("rows", "language", "marks"),
    [
        (
            [(230, "7) Shipping Mark:"), (244, "SAKURA"), (258, "PO NO.: ST-26-0415"), (272, "C/No. 1-UP"),
             (286, "MADE IN CHINA"), (300, "8) Payment: T/T 30 days after B/L date")],
            "en",
            "SAKURA / PO NO.: ST-26-0415 / C/No. 1-UP / MADE IN CHINA",
        ),
        (
            [(230, "Marcas: DIFENOR"), (244, "PEDIDO 2026/00841"), (258, "BULTO Nº 1-UP"),
             (272, "Lugar de entrega: nuestro almacén central")],
            "es",
            "DIFENOR / PEDIDO 2026/00841 / BULTO Nº 1-UP",
        ),
        (
            [(230, "六、唛头："), (244, "HY-EU"), (258, "HAMBURG"), (272, "七、供方须开具增值税专用发票。")],
            "zh",
            "HY-EU / HAMBURG",
        ),
    ],
)  # fmt: skip
def test_shipping_marks_lines_with_a_po_number_and_small_letters(make_doc, rows, language, marks) -> None:
    order, _, _ = extract_fields(make_doc([*HEAD, *((y, [(40, text)]) for y, text in rows)]), language)
    assert order.shipping_marks == marks


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Expeditors International (Ningbo office)", "Expeditors International (Ningbo office)"),
        ("Kuehne + Nagel Ltd., Shanghai (luchtvracht)", "Kuehne + Nagel Ltd., Shanghai (luchtvracht)"),
    ],
)
def test_a_bracket_of_the_name_stays(make_doc, text, company) -> None:
    rows = [(230, [(40, "Forwarder:"), (150, text)])]
    order, _, _ = extract_fields(make_doc([*HEAD, *rows]), "en")
    assert order.forwarder == company


def test_transport_named_in_a_route_sentence_not_in_an_address(make_doc) -> None:
    rows = [
        (230, [(40, "FCA Shenzhen - consegna al nostro spedizioniere DHL Global Forwarding (China) Co., Ltd.")]),
        (244, [(40, "Spedizione via mare dal porto di Yantian al porto di Genova.")]),
    ]
    head = [(40, [(40, "Atlantic Home Supplies Ltd")]), (52, [(40, "12 Harbour Road, Leeds")])]
    order, evidence, _ = extract_fields(make_doc([*head, *HEAD[1:], *rows]), "it")
    assert order.shipping_method == "sea"
    assert evidence["shipping_method"].text is not None and "via mare" in evidence["shipping_method"].text


def test_a_forwarder_name_wrapped_after_an_abbreviated_legal_form(make_doc) -> None:
    rows = [
        (
            230,
            [
                (
                    40,
                    "1) Resa: EXW Zhongshan; ritiro del nostro spedizioniere Savino Del Bene S.p.A. - filiale di",
                )
            ],
        ),
        (244, [(40, "Shenzhen.")]),
    ]
    order, _, _ = extract_fields(make_doc([*HEAD, *rows]), "it")
    assert order.forwarder == "Savino Del Bene S.p.A. - filiale di Shenzhen"


def test_a_port_value_without_its_transport_remark(make_doc) -> None:
    rows = [(230, [(40, "Porto de destino:"), (160, "Leixões, via marítima")])]
    order, _, _ = extract_fields(make_doc([*HEAD, *rows]), "pt")
    assert order.port_of_discharge == "Leixões"
