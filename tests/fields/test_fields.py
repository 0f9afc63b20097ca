"""Field extraction on synthetic layouts: labels beside and above values, parties, tables across pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.fields import extract_fields
from extractors.fields.parties import LOOSE_FIELDS

HEADER = [
    (40, [(40, "Hansen Maschinenbau GmbH"), (380, "BESTELLUNG")]),
    (52, [(40, "Industriestraße 12, 70565 Stuttgart, Deutschland")]),
    (80, [(380, "Bestellnummer: 4500012345")]),
    (92, [(380, "Datum: 03.04.2026")]),
    (120, [(40, "Lieferant:"), (300, "Lieferanschrift:")]),
    (132, [(40, "Ningbo Sunrise Industrial Co., Ltd."), (300, "Hansen Werk 2")]),
    (144, [(40, "Ningbo, China"), (300, "Hafenstraße 3, 20457 Hamburg")]),
]
TABLE_HEAD = (
    200,
    [
        (40, "Pos."),
        (70, "Art.-Nr."),
        (150, "Bezeichnung"),
        (330, "Menge"),
        (380, "Einheit"),
        (430, "Einzelpreis"),
        (500, "Gesamt"),
    ],
)


def _row(y: float, pos: str, sku: str, desc: str, qty: str, unit: str, price: str, amount: str):
    return (y, [(40, pos), (70, sku), (150, desc), (330, qty), (380, unit), (430, price), (500, amount)])


def test_german_order_with_table_over_two_pages(make_doc) -> None:
    page1 = [
        *HEADER,
        TABLE_HEAD,
        _row(214, "1", "BB-6204", "Rillenkugellager 6204", "2.000", "Stk.", "0,85", "1.700,00"),
        _row(228, "2", "BB-6205", "Rillenkugellager 6205", "1.000", "Stk.", "1,10", "1.100,00"),
        (240, [(150, "2RS, abgedichtet")]),
    ]
    page2 = [
        TABLE_HEAD,
        _row(214, "3", "SET-9", "Montageset", "10", "Satz", "5,00", "50,00"),
        (260, [(430, "Gesamtbetrag EUR"), (500, "2.850,00")]),
        (300, [(40, "Lieferbedingungen: FCA Shenzhen Incoterms 2020")]),
        (312, [(40, "Zahlungsbedingungen: 30 % Anzahlung per Überweisung, Rest vor Versand")]),
    ]
    order, evidence, findings = extract_fields(make_doc(page1, page2), "de")
    assert order.order_number == "4500012345"
    assert order.order_date == date(2026, 4, 3)
    assert order.buyer.name == "Hansen Maschinenbau GmbH"
    assert order.seller.name == "Ningbo Sunrise Industrial Co., Ltd."
    assert order.seller.country == "CN"
    assert order.ship_to.name == "Hansen Werk 2"
    assert [li.quantity for li in order.line_items] == [Decimal("2000"), Decimal("1000"), Decimal("10")]
    assert order.line_items[1].description == "Rillenkugellager 6205 2RS, abgedichtet"
    assert order.line_items[0].unit == "PCE" and order.line_items[0].unit_text == "Stk."
    assert order.line_items[2].amount == Decimal("50.00")
    assert order.total_amount == Decimal("2850.00")
    assert order.currency == "EUR"
    assert (order.incoterms.rule, order.incoterms.place, order.incoterms.version) == ("FCA", "Shenzhen", "2020")
    assert order.payment_terms.deposit_percent == Decimal("30")
    assert evidence["order_number"].page == 1 and evidence["line_items[2].quantity"].page == 2
    assert any(f.code == "dates.ambiguous" and f.field == "order_date" for f in findings)


def test_label_above_value_and_absent_fields_stay_null(make_doc) -> None:
    page = [
        (40, [(40, "Acme Trading Ltd")]),
        (80, [(40, "Order No."), (200, "Order Date")]),
        (92, [(40, "PO-77-2026"), (200, "March 14, 2026")]),
        (150, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
        (164, [(40, "1"), (80, "Widget"), (300, "5"), (360, "2.00"), (450, "10.00")]),
    ]
    order, evidence, _ = extract_fields(make_doc(page), "en")
    assert order.order_number == "PO-77-2026"
    assert order.order_date == date(2026, 3, 14)
    assert order.incoterms.rule is None and order.forwarder is None and order.payment_terms.method is None
    assert len(order.line_items) == 1 and order.line_items[0].amount == Decimal("10.00")
    assert set(evidence) >= {"order_number", "order_date", "line_items[0].quantity"}


def test_bracketed_signature_note_is_no_party_and_footer_ids_keep_their_country_prefix(make_doc) -> None:
    page = [
        (40, [(40, "Ceramiche Adriatiche S.p.A.")]),
        (52, [(40, "Via del Porto 7, 48122 Ravenna")]),
        (80, [(380, "Ordine n. OA-2027-118")]),
        (92, [(380, "Data: 12/02/2027")]),
        (120, [(40, "Fornitore:")]),
        (132, [(40, "Foshan Lanke Ceramics Co., Ltd.")]),
        (144, [(40, "Foshan, Guangdong")]),
        (156, [(40, "R.P. Cina")]),
        (168, [(40, "P.IVA: DE 811 204 377")]),
        (200, [(40, "Pos."), (70, "Codice"), (150, "Descrizione"), (330, "Qtà"), (430, "Prezzo"), (500, "Importo")]),
        (214, [(40, "1"), (70, "PL-30"), (150, "Piastrella 30x30"), (330, "100"), (430, "2,00"), (500, "200,00")]),
        (300, [(300, "Acquirente (timbro e firma)")]),
        (312, [(300, "(timbro e firma)")]),
        (800, [(40, "Ceramiche Adriatiche S.p.A. · CIF: B12345678")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "it")
    assert order.buyer.name == "Ceramiche Adriatiche S.p.A."
    assert order.seller.country == "CN" and order.seller.address == "Foshan, Guangdong"
    assert order.seller.vat_id == "DE 811 204 377"
    assert order.buyer.vat_id == "B12345678"  # "CIF:" before a colon is a tax ID label


def test_unlabelled_addressee_block_stops_at_the_table(make_doc) -> None:
    page = [
        (40, [(40, "Harwood Trading Ltd")]),
        (52, [(40, "1 Dock Street, Leith")]),
        (80, [(380, "Purchase Order PO-5521")]),
        (110, [(40, "Qingdao Marine Parts Co., Ltd.")]),
        (122, [(40, "88 Haier Road, Qingdao")]),
        (134, [(40, "China")]),
        (146, [(40, "Attn. Wang Lei")]),
        (162, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
        (174, [(40, "1"), (80, "Shackle 10 mm"), (300, "50"), (360, "1.20"), (450, "60.00")]),
        (186, [(40, "2"), (80, "Swivel 12 mm"), (300, "20"), (360, "2.50"), (450, "50.00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert order.seller.contact == "Wang Lei"
    assert order.seller.name == "Qingdao Marine Parts Co., Ltd."
    assert order.seller.address == "88 Haier Road, Qingdao"
    assert order.seller.country == "CN"


def test_wrapped_letterhead_name_and_one_letter_header_cell(make_doc) -> None:
    page = [
        (40, [(380, "Comercial Andina de")]),
        (52, [(40, "CA"), (380, "Suministros S.A.")]),
        (64, [(380, "Calle Mayor 5, 28013 Madrid")]),
        (100, [(40, "Pedido"), (200, "Fecha"), (330, "T")]),
        (110, [(40, "PE-3321"), (200, "02/03/2027"), (330, "+34 91 555 0142")]),
        (160, [(40, "Pos."), (70, "Código"), (150, "Descripción"), (330, "Cant."), (430, "Precio"), (500, "Importe")]),
        (174, [(40, "1"), (70, "TX-1"), (150, "Toalla"), (330, "10"), (430, "2,00"), (500, "20,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert order.buyer.name == "Comercial Andina de Suministros S.A."
    assert order.buyer.phone == "+34 91 555 0142"


def test_party_grid_with_a_label_per_sub_field(make_doc) -> None:
    page = [
        (40, [(40, "苏州恒业机械有限公司")]),
        (60, [(40, "采购订单")]),
        (80, [(380, "订单号："), (440, "PO-88123")]),
        (100, [(40, "采购方："), (100, "苏州恒业机械有限公司"), (300, "供应商："), (360, "东莞市鑫源五金厂")]),
        (112, [(40, "地址："), (100, "江苏省苏州市星湖街8号"), (300, "地址："), (360, "广东省东莞市工业路12号")]),
        (124, [(40, "联系人："), (100, "刘伟"), (300, "联系人："), (360, "黄志强")]),
        (136, [(40, "电话："), (100, "0512-6283 7710"), (300, "电话："), (360, "138 2920 4417")]),
        (170, [(40, "序号"), (80, "物料编码"), (160, "名称"), (330, "数量"), (430, "单价"), (500, "金额")]),
        (184, [(40, "1"), (80, "XD-M8"), (160, "螺栓"), (330, "2000"), (430, "0.17"), (500, "340.00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "zh")
    assert (order.seller.name, order.seller.address) == ("东莞市鑫源五金厂", "广东省东莞市工业路12号")
    assert (order.seller.contact, order.seller.phone) == ("黄志强", "138 2920 4417")
    assert order.buyer.address == "江苏省苏州市星湖街8号"


def test_buyer_label_naming_a_person_with_e_mail_below_is_the_contact(make_doc) -> None:
    page = [
        (40, [(40, "Bayside Goods, Inc.")]),
        (52, [(40, "2150 Harbor Blvd, Costa Mesa, CA 92627")]),
        (80, [(354, "Buyer"), (417, "Megan Walsh")]),
        (92, [(354, "E-mail"), (417, "mwalsh@bayside.example")]),
        (150, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
        (164, [(40, "1"), (80, "Bowl"), (300, "5"), (360, "2.00"), (450, "10.00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert order.buyer.name == "Bayside Goods, Inc."
    assert (order.buyer.contact, order.buyer.email) == ("Megan Walsh", "mwalsh@bayside.example")


def test_one_line_blocks_dash_names_and_a_title_beside_the_label(make_doc) -> None:
    page = [
        (40, [(40, "Ferramenta Lombarda S.p.A. · Via Roma 27 · 20835 Muggiò (MB) · Italia")]),
        (99, [(329, "Spett.le Fornitore:")]),
        (100, [(48, "ORDINE D'ACQUISTO")]),
        (110, [(329, "Shenzhen Powertek Tools Co., Ltd.")]),
        (122, [(329, "Huangge Road 8, Shenzhen 518172")]),
        (134, [(329, "Cina")]),
        (160, [(40, "Luogo di consegna:")]),
        (172, [(40, "Ferramenta Lombarda S.p.A. – Magazzino 2, Via Milano 4, 20900 Monza, Italia")]),
        (200, [(40, "Pos."), (80, "Codice"), (160, "Descrizione"), (330, "Q.tà"), (430, "Prezzo"), (500, "Importo")]),
        (214, [(40, "1"), (80, "PT-1"), (160, "Trapano"), (330, "10"), (430, "2,00"), (500, "20,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "it")
    assert (order.buyer.name, order.buyer.address, order.buyer.country) == (
        "Ferramenta Lombarda S.p.A.",
        "Via Roma 27, 20835 Muggiò (MB)",
        "IT",
    )
    assert (order.seller.name, order.seller.country) == ("Shenzhen Powertek Tools Co., Ltd.", "CN")
    assert (order.ship_to.name, order.ship_to.address) == (
        "Ferramenta Lombarda S.p.A. – Magazzino 2",
        "Via Milano 4, 20900 Monza",
    )


def test_addressee_line_with_attention_and_signature_buyer_in_a_plain_text_order(make_doc) -> None:
    page = [
        (0, [(0, "Qingdao Anchor Marine Co., Ltd. - Attn. Wang Fang")]),
        (24, [(0, "Hi Wang Fang,")]),
        (48, [(0, "Please accept our purchase order PO 5521 for the following items today.")]),
        (72, [(0, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
        (84, [(0, "1"), (80, "Shackle 10 mm"), (300, "50"), (360, "1.20"), (450, "60.00")]),
        (120, [(0, "Thanks,")]),
        (132, [(0, "Mike Donnelly")]),
        (144, [(0, "Harbor Supply LLC")]),
        (156, [(0, "2100 Harbor View Rd, Charleston, SC 29405")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert (order.seller.name, order.seller.contact) == ("Qingdao Anchor Marine Co., Ltd.", "Wang Fang")
    assert order.seller.address is None


def test_heading_of_the_next_block_beside_a_party_label_is_no_value(make_doc) -> None:
    page = [
        (40, [(40, "Importadora Tapatía, S.A. de C.V.")]),
        (80, [(40, "Proveedor"), (300, "Consignar / entregar en")]),
        (92, [(40, "Jinhua Tiangong Power Tools Co., Ltd."), (300, "Importadora Tapatía – CEDIS El Salto")]),
        (104, [(40, "No. 588 Industrial Avenue, Jinhua"), (300, "Carretera El Salto km 3, 45680 El Salto")]),
        (150, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
        (164, [(40, "1"), (80, "Taladro"), (300, "5"), (360, "2.00"), (450, "10.00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert order.seller.name == "Jinhua Tiangong Power Tools Co., Ltd."


def test_notes_registration_numbers_and_hours_under_a_party_are_no_address(make_doc) -> None:
    page = [
        (40, [(40, "Conservas Onda S.L.")]),
        (52, [(40, "Calle Ceramistas, 14")]),
        (64, [(40, "12200 Onda (Castellón)")]),
        (76, [(40, "CIF B12345674")]),
        (90, [(380, "Pedido 2026-118")]),
        (120, [(40, "Supplier:"), (120, "Tokyo Seiki Co., Ltd.")]),
        (132, [(120, "3-5-1 Nihonbashi-Muromachi, Chuo-ku")]),
        (144, [(120, "Tokyo 103-0022")]),
        (156, [(120, "SIRET 812 345 678 00024")]),
        (200, [(40, "Deliver to:"), (120, "Tilburg Warehouse B.V.")]),
        (212, [(120, "Ringbaan-Oost 102, 5013 CD Tilburg")]),
        (224, [(120, "Contact magazijn: Mark Jansen, +31 13 579 2040")]),
        (236, [(120, "Dock hours Mon-Fri 7:00-15:00")]),
        (248, [(120, "Call 24 h ahead")]),
        (300, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
        (314, [(40, "1"), (80, "Door mat"), (300, "5"), (360, "2.00"), (450, "10.00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert (order.buyer.address, order.buyer.vat_id) == ("Calle Ceramistas, 14, 12200 Onda (Castellón)", "B12345674")
    assert order.seller.address == "3-5-1 Nihonbashi-Muromachi, Chuo-ku, Tokyo 103-0022"
    assert order.seller.vat_id is None
    assert order.ship_to.address == "Ringbaan-Oost 102, 5013 CD Tilburg"
    assert (order.ship_to.contact, order.ship_to.phone) == ("Mark Jansen", "+31 13 579 2040")


def test_us_header_grid_with_buyer_email_tagline_and_a_blank_acknowledgement(make_doc) -> None:
    page = [
        (37, [(37, "BRIGHTWATER"), (391, "PURCHASE ORDER")]),
        (61, [(37, "gear for the long way home")]),
        (71, [(37, "Brightwater Outdoor Supply, Inc."), (326, "PO #"), (388, "BWO-PO-26-01187")]),
        (86, [(37, "2150 NW Industrial St, Suite 300"), (326, "Date"), (388, "03/04/2026")]),
        (98, [(37, "Portland, OR 97210")]),
        (110, [(37, "USA"), (326, "Buyer"), (388, "Megan O'Hara")]),
        (122, [(37, "www.brightwater-outdoor.example"), (326, "Buyer Email"), (388, "mohara@bw.example")]),
        (134, [(326, "Page"), (388, "1 of 1")]),
        (179, [(42, "VENDOR")]),
        (196, [(41, "Ningbo Everbright Lighting Co., Ltd.")]),
        (208, [(41, "No. 88 Xingye Road, Beilun District")]),
        (
            300,
            [(39, "Line"), (65, "Item #"), (134, "Description"), (384, "Qty"), (450, "Unit Cost"), (518, "Extended")],
        ),
        (
            314,
            [(46, "1"), (65, "LT-4410"), (134, "Camping lantern"), (384, "1,200"), (450, "8.75"), (518, "10,500.00")],
        ),
        (466, [(37, "SHIPPING MARKS (all cartons, 2 sides)")]),
        (480, [(44, "BRIGHTWATER")]),
        (492, [(44, "CTN 1-UP")]),
        (600, [(37, "Authorized by: ____________"), (292, "Vendor acknowledgement: ____________")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert order.buyer.name == "Brightwater Outdoor Supply, Inc."
    assert order.buyer.address == "2150 NW Industrial St, Suite 300, Portland, OR 97210"
    assert (order.buyer.country, order.buyer.contact, order.buyer.email) == ("US", "Megan O'Hara", "mohara@bw.example")
    assert str(order.order_date) == "2026-03-04"  # a US buyer writes month first
    assert order.seller.name == "Ningbo Everbright Lighting Co., Ltd."
    assert order.shipping_marks == "BRIGHTWATER / CTN 1-UP"


def test_chinese_party_grid_with_role_notes_and_sub_field_rows(make_doc) -> None:
    page = [
        (32, [(221, "上海恒通进出口有限公司")]),
        (53, [(256, "采购订单")]),
        (83, [(45, "订单编号：HT-PO-20260318-02"), (437, "下单日期：2026年3月18日")]),
        (104, [(45, "采购方（甲方） 上海恒通进出口有限公司"), (300, "供应方（乙方） 浙江永康金达工贸有限公司")]),
        (122, [(45, "地址"), (113, "上海市闵行区虹梅南路2588号5楼"), (300, "地址"), (368, "浙江省永康市金都路18号")]),
        (141, [(45, "联系人"), (113, "王丽"), (300, "联系人"), (368, "陈建国")]),
        (159, [(45, "邮箱"), (113, "wangli@hengtong.example"), (300, "邮箱"), (368, "chenjg@jinda.example")]),
        (238, [(48, "序号"), (74, "产品编号"), (153, "品名及规格"), (380, "数量"), (439, "单价"), (507, "金额")]),
        (
            253,
            [(54, "1"), (74, "JD-DZ-12V"), (153, "锂电手电钻"), (376, "1,000"), (439, "138.00"), (507, "138,000.00")],
        ),
        (300, [(45, "包装要求：中性包装，外箱五层瓦楞纸箱。")]),
        (400, [(45, "甲方（盖章）：上海恒通进出口有限公司"), (300, "乙方（盖章）：浙江永康金达工贸有限公司")]),
        (414, [(45, "授权代表：王丽"), (300, "授权代表：")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "zh")
    assert (order.buyer.name, order.buyer.address, order.buyer.contact) == (
        "上海恒通进出口有限公司",
        "上海市闵行区虹梅南路2588号5楼",
        "王丽",
    )
    assert (order.seller.name, order.seller.address) == ("浙江永康金达工贸有限公司", "浙江省永康市金都路18号")
    assert (order.seller.contact, order.seller.email) == ("陈建国", "chenjg@jinda.example")
    assert order.packaging == "中性包装，外箱五层瓦楞纸箱"


def test_sub_fields_side_by_side_in_one_row_and_a_shipment_label_with_a_date(make_doc) -> None:
    page = [
        (40, [(45, "需方：深圳市华远进出口贸易有限公司"), (300, "供应商：宁波市鄞州恒通电器有限公司")]),
        (54, [(45, "地址：深圳市福田区深南大道7008号"), (300, "地址：浙江省宁波市明光路56号")]),
        (68, [(45, "联系人：陈晓燕 电话：0755-8291 6634"), (300, "联系人：王建国 电话：0574-8848 2217")]),
        (120, [(48, "序号"), (74, "产品编号"), (153, "品名"), (380, "数量"), (439, "单价"), (507, "金额")]),
        (134, [(54, "1"), (74, "HT-KT17"), (153, "电热水壶"), (376, "1,000"), (439, "39.55"), (507, "39,550.00")]),
        (200, [(45, "Verschiffung"), (200, "bis spätestens 30.04.2026")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "zh")
    assert (order.seller.contact, order.seller.phone) == ("王建国", "0574-8848 2217")
    assert (order.buyer.contact, order.buyer.phone) == ("陈晓燕", "0755-8291 6634")
    assert str(order.delivery_date) == "2026-04-30"


def test_labels_with_a_second_name_and_contact_cells_beside_the_block(make_doc) -> None:
    page = [
        (37, [(34, "CASA & JARDIM"), (203, "PEDIDO DE COMPRA - IMPORTAÇÃO"), (429, "PC-000873")]),
        (102, [(37, "COMPRADOR / IMPORTADOR")]),
        (110, [(38, "Casa & Jardim Comércio de Utilidades Ltda.")]),
        (121, [(38, "Rua Guaicurus, 1200, 05033-002 São Paulo")]),
        (170, [(37, "FORNECEDOR / EXPORTADOR")]),
        (178, [(38, "Yiwu Greenleaf Household Products Co., Ltd.")]),
        (189, [(38, "Room 1508, Yiwu International Trade Mart")]),
        (
            200,
            [(38, "Contato: Grace Chen"), (128, "Tel.: +86 579 8555 1234"), (234, "E-mail: grace@greenleaf.example")],
        ),
        (230, [(0, "Supplier"), (330, "Consignee (Ship To)")]),
        (242, [(0, "Shenzhen Powerlink Co., Ltd."), (330, "Sai Krishna Electricals Pvt. Ltd.")]),
        (254, [(0, "Building 6, Fuyong Industrial Park"), (330, "Warehouse No. 3, Bhiwandi")]),
        (300, [(40, "Item"), (80, "Código"), (194, "Descrição"), (366, "Qtd."), (405, "Preço"), (503, "Total")]),
        (
            314,
            [(37, "1"), (65, "GL-VS-018"), (128, "Vaso de cerâmica"), (373, "3.000"), (468, "1,45"), (526, "4.350,00")],
        ),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert order.seller.name == "Yiwu Greenleaf Household Products Co., Ltd."
    assert (order.seller.contact, order.seller.phone, order.seller.email) == (
        "Grace Chen",
        "+86 579 8555 1234",
        "grace@greenleaf.example",
    )
    assert (order.ship_to.name, order.ship_to.address) == (
        "Sai Krishna Electricals Pvt. Ltd.",
        "Warehouse No. 3, Bhiwandi",
    )


def test_a_contact_after_the_company_or_under_it_is_no_part_of_name_or_address(make_doc) -> None:
    page = [
        (40, [(40, "Krüger Haustechnik GmbH & Co. KG")]),
        (80, [(40, "An: Foshan Meiya Sanitary Ware Co., Ltd., z. Hd. Frau Li Na")]),
        (120, [(40, "Lieferant:"), (140, "Jiangmen Xinhui Metal Co., Ltd.")]),
        (132, [(140, "Herr Frank Li")]),
        (144, [(140, "No. 3 Jinxing Road, Jiangmen 529100")]),
        (200, [(40, "Pos."), (80, "Art.-Nr."), (160, "Bezeichnung"), (330, "Menge"), (430, "Preis"), (500, "Betrag")]),
        (214, [(40, "1"), (80, "GT-100"), (160, "Gartentisch"), (330, "10"), (430, "20,00"), (500, "200,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "de")
    assert (order.seller.name, order.seller.contact) == ("Jiangmen Xinhui Metal Co., Ltd.", "Frank Li")
    assert order.seller.address == "No. 3 Jinxing Road, Jiangmen 529100"


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Foshan Meiya Co., Ltd., z. Hd. Frau Li Na", ["Foshan Meiya Co., Ltd.", "z. Hd. Frau Li Na"]),
        ("联系人：王建国 电话：0574-8848 2217", ["联系人：王建国", "电话：0574-8848 2217"]),
        ("Kind Attn: Alice Wong", ["Kind Attn: Alice Wong"]),
        ("Shenzhen Brightway Lighting Co.,", ["Shenzhen Brightway Lighting Co.,"]),
    ],
)
def test_a_line_is_cut_before_further_contact_labels(line: str, parts: list[str]) -> None:
    from extractors.fields.parties import _at_sub_labels

    assert _at_sub_labels(line) == parts


def test_page_count_under_the_title_is_no_order_number_and_an_alternative_tax_label(make_doc) -> None:
    page = [
        (43, [(77, "Suministros Hidráulicos Levante, S.L.")]),
        (62, [(77, "C/ Ciudad de Sevilla, 27 · 46988 Paterna (Valencia)")]),
        (74, [(77, "Tel. +34 961 32 47 80 · N.I.F./VAT: ESB96458712")]),
        (106, [(394, "PEDIDO DE COMPRA")]),
        (128, [(394, "Página 1 de 1")]),
        (161, [(44, "Nº Pedido"), (147, "Fecha")]),
        (176, [(44, "PC-2026/00384"), (147, "10/03/2026")]),
        (
            300,
            [
                (43, "Lín."),
                (72, "Referencia"),
                (140, "Descripción"),
                (344, "Cantidad"),
                (420, "Precio"),
                (520, "Importe"),
            ],
        ),
        (314, [(43, "1"), (72, "KD-BV-12"), (140, "Válvula"), (367, "5.000"), (442, "1,38"), (520, "6.900,00")]),
        (400, [(40, "Puertos:"), (145, "Puerto de carga: Ningbo · Puerto de descarga: Valencia")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert order.order_number == "PC-2026/00384"
    assert order.buyer.vat_id == "ESB96458712"
    assert (order.port_of_loading, order.port_of_discharge) == ("Ningbo", "Valencia")


def test_the_letterhead_under_a_logo_beside_an_addressee_block_that_starts_higher(make_doc) -> None:
    page = [
        (35, [(323, "Spett.le")]),
        (47, [(51, "arredoluce"), (323, "Foshan Nanhai Mingguang Lighting Co., Ltd.")]),
        (65, [(51, "Arredo Luce Brianza S.p.A.")]),
        (77, [(51, "Via Nazionale dei Giovi 112")]),
        (81, [(323, "Building 3, Lishui Industrial Park")]),
        (87, [(51, "20811 Cesano Maderno (MB)")]),
        (92, [(323, "Nanhai District, Foshan 528244")]),
        (103, [(323, "CINA")]),
        (114, [(323, "c.a. Mr. Jason Liang")]),
        (125, [(323, "jason.liang@mingguang.example")]),
        (157, [(51, "ORDINE DI ACQUISTO N. OA-26/0157")]),
        (
            266,
            [
                (52, "Pos."),
                (80, "Cod. articolo"),
                (148, "Descrizione"),
                (392, "Q.tà"),
                (418, "Prezzo"),
                (497, "Importo"),
            ],
        ),
        (
            281,
            [(57, "1"), (80, "MG-PD-600BK"), (148, "Lampada LED 36W"), (395, "400"), (459, "18,60"), (513, "7.440,00")],
        ),
    ]
    order, _, _ = extract_fields(make_doc(page), "it")
    assert (order.buyer.name, order.buyer.address) == (
        "Arredo Luce Brianza S.p.A.",
        "Via Nazionale dei Giovi 112, 20811 Cesano Maderno (MB)",
    )
    assert order.seller.name == "Foshan Nanhai Mingguang Lighting Co., Ltd."


def test_us_form_country_from_the_zip_line_phone_and_fax_apart_and_a_piped_buyer_line(make_doc) -> None:
    page = [
        (0, [(0, "Great Lakes Outdoor Supply, Inc."), (584, "PURCHASE ORDER")]),
        (12, [(0, "2150 Industrial Pkwy SE, Suite 400")]),
        (24, [(0, "Grand Rapids, MI 49508"), (584, "PO #"), (684, "0047291")]),
        (36, [(0, "Phone (616) 555-0142 Fax (616) 555-0143")]),
        (60, [(0, "SHIP TO")]),
        (72, [(0, "Great Lakes Outdoor Supply - DC 2")]),
        (84, [(0, "4800 Logistics Dr SE")]),
        (96, [(0, "Kentwood, MI 49512")]),
        (108, [(0, "Dock hours 7am-3pm, appt. required")]),
        (204, [(0, "ITEM #"), (202, "DESCRIPTION"), (484, "QTY"), (684, "UNIT COST"), (784, "EXT. COST")]),
        (216, [(0, "GL-40118"), (202, "Dome Tent"), (484, "1200"), (684, "38.75"), (784, "46500.00")]),
        (324, [(0, "Book with our forwarder Lakeshore Global Logistics (ops@lakeshore.example) 14 days before.")]),
        (336, [(0, "Partial shipments NOT accepted without written approval from Buyer.")]),
        (420, [(0, "Buyer: Derek Sorensen | dsorensen@greatlakes.example | (616) 555-0142")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    buyer = order.buyer
    assert (buyer.name, buyer.address, buyer.country) == (
        "Great Lakes Outdoor Supply, Inc.",
        "2150 Industrial Pkwy SE, Suite 400, Grand Rapids, MI 49508",
        "US",
    )
    assert (buyer.phone, buyer.contact, buyer.email) == (
        "(616) 555-0142",
        "Derek Sorensen",
        "dsorensen@greatlakes.example",
    )
    assert (order.ship_to.address, order.ship_to.country) == ("4800 Logistics Dr SE, Kentwood, MI 49512", "US")
    assert order.forwarder == "Lakeshore Global Logistics"
    assert order.partial_shipment is False


def test_a_foreign_label_word_without_colon_and_a_week_beside_an_exact_date(make_doc) -> None:
    page = [
        (37, [(348, "STEINER & HOFBAUER")]),
        (130, [(60, "Steiner & Hofbauer Elektrotechnik GmbH · Gewerbepark Süd 14 · 4600 Wels · Österreich")]),
        (147, [(60, "Zhejiang Lianda Electric Appliance Co., Ltd.")]),
        (161, [(60, "No. 88 Weiqi Road, Yueqing")]),
        (282, [(60, "Bestellung 4500087312")]),
        (300, [(60, "Pos."), (100, "Art.-Nr."), (180, "Bezeichnung"), (330, "Menge"), (430, "Preis"), (500, "Gesamt")]),
        (
            314,
            [
                (60, "10"),
                (100, "LD-MCB-C16"),
                (180, "Leitungsschutzschalter"),
                (330, "4.000"),
                (430, "1,86"),
                (500, "7.440,00"),
            ],
        ),
        (400, [(60, "Liefertermin:"), (200, "KW 18/2026 – Verladung spätestens 30.04.2026")]),
        (420, [(60, "Markierung:"), (200, "S&H WELS")]),
        (432, [(200, "KOPER")]),
        (444, [(200, "Dieselstraße 3")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "de")
    assert order.buyer.name == "Steiner & Hofbauer Elektrotechnik GmbH"
    assert str(order.delivery_date) == "2026-04-30"


def test_a_party_word_inside_a_reference_label_and_opening_hours_under_a_ship_to(make_doc) -> None:
    page = [
        (0, [(0, "MAISON DUFRESNE & FILS"), (249, "BON DE COMMANDE")]),
        (24, [(0, "Maison Dufresne & Fils SAS"), (249, "Date : 12/03/2026")]),
        (36, [(0, "12 rue des Tanneurs"), (249, "Réf. devis fournisseur : MP-QT-2026-018")]),
        (48, [(0, "13400 Aubagne")]),
        (108, [(0, "FOURNISSEUR"), (258, "ADRESSE DE LIVRAISON")]),
        (120, [(0, "Minh Phat Ceramics Co., Ltd."), (258, "Maison Dufresne & Fils – Plateforme logistique")]),
        (132, [(0, "Lot B2, Tan Dong Hiep B Industrial Park"), (258, "Chemin de la Fleuride, Lot 7")]),
        (144, [(0, "Di An City, Binh Duong Province"), (258, "13400 Aubagne")]),
        (156, [(0, "Viêt Nam"), (258, "Réception : du lundi au vendredi, 7 h – 12 h")]),
        (228, [(0, "Réf."), (80, "Désignation"), (422, "Qté"), (582, "P.U. HT"), (684, "Montant HT")]),
        (240, [(0, "MP-ASS-27"), (80, "Assiette plate"), (422, "3 600"), (582, "2,35"), (684, "8 460,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert (order.seller.name, order.seller.country) == ("Minh Phat Ceramics Co., Ltd.", "VN")
    assert (order.ship_to.address, order.ship_to.contact) == ("Chemin de la Fleuride, Lot 7, 13400 Aubagne", None)


def test_turkish_legal_form_greeting_after_the_addressee_and_incoterms_in_a_total_label(make_doc) -> None:
    page = [
        (40, [(40, "Ozdemir Yapi Malzemeleri San. ve Tic. A.S.")]),
        (52, [(40, "Maltepe Mah. Davutpasa Cad. No: 103, 34010 Istanbul")]),
        (100, [(40, "TO:")]),
        (112, [(40, "Kaiping Aqualux Sanitary Ware Co., Ltd.")]),
        (124, [(40, "Kaiping, Guangdong 529300")]),
        (136, [(40, "Attn: Mr. Kevin Huang (kevin@aqualux.example)")]),
        (148, [(40, "Dear Mr. Huang,")]),
        (
            200,
            [
                (40, "No"),
                (80, "Code"),
                (180, "Goods Description"),
                (400, "Quantity"),
                (480, "Unit Price"),
                (540, "Total"),
            ],
        ),
        (214, [(40, "1"), (80, "AQ-BM-201"), (180, "Basin mixer"), (400, "1.500"), (480, "11,80"), (540, "17.700,00")]),
        (240, [(300, "TOTAL AMOUNT (CIF AMBARLI)"), (540, "USD 17.700,00")]),
        (260, [(40, "Delivery Term :"), (160, "CIF Ambarli, Incoterms 2020")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert order.buyer.name == "Ozdemir Yapi Malzemeleri San. ve Tic. A.S."
    assert (order.seller.address, order.seller.contact, order.seller.email) == (
        "Kaiping, Guangdong 529300",
        "Kevin Huang",
        "kevin@aqualux.example",
    )
    assert (order.incoterms.rule, order.incoterms.place, order.incoterms.version) == ("CIF", "Ambarli", "2020")


def test_a_company_name_in_another_script_a_role_and_a_form_of_address_stay_out(make_doc) -> None:
    page = [
        (46, [(188, "Hoshino Shoji Co., Ltd.")]),
        (58, [(258, "星野商事株式会社")]),
        (70, [(102, "3-7-1 Nihonbashi-Muromachi, Chuo-ku, Tokyo 103-0022")]),
        (82, [(116, "TEL +81-3-5201-4470"), (329, "Registration No. T8010001127463")]),
        (156, [(45, "Messrs."), (334, "P/O No."), (417, ": HS-PO-2026-0419")]),
        (170, [(45, "Dongguan Huarui Precision Hardware Co., Ltd.")]),
        (184, [(45, "Dongguan, Guangdong 523850")]),
        (196, [(45, "Attn: Ms. Lily Chen (Sales Manager)"), (334, "Person in Charge : Kenji Watanabe")]),
        (339, [(49, "Item"), (102, "Code"), (203, "Commodity"), (383, "Q'ty"), (454, "Unit Price"), (509, "Amount")]),
        (
            358,
            [(56, "1"), (77, "HR-HG-3040S"), (203, "Butt hinge"), (389, "12,000"), (473, "0.385"), (518, "4,620.00")],
        ),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert (order.buyer.address, order.buyer.vat_id) == (
        "3-7-1 Nihonbashi-Muromachi, Chuo-ku, Tokyo 103-0022",
        "T8010001127463",
    )
    assert order.buyer.contact == "Kenji Watanabe"
    assert order.seller.contact == "Lily Chen"


def test_a_two_letter_state_after_a_dash_is_no_country(make_doc) -> None:
    page = [
        (40, [(40, "Metalúrgica Vale do Itajaí Ltda.")]),
        (52, [(40, "Rua Dr. Pedro Ferreira, 1850, 88301-030 Itajaí – SC")]),
        (120, [(40, "Item"), (80, "Código"), (160, "Descrição"), (330, "Qtd."), (430, "Preço"), (500, "Total")]),
        (134, [(40, "1"), (80, "HL-AN-M10"), (160, "Chumbador"), (330, "8.000"), (430, "0,185"), (500, "1.480,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert order.buyer.address == "Rua Dr. Pedro Ferreira, 1850, 88301-030 Itajaí – SC"
    assert order.buyer.country is None


def test_messrs_block_beside_a_far_right_number_and_a_role_after_the_contact(make_doc) -> None:
    page = [
        (30, [(150, "SAKURA TRADING CO., LTD.")]),
        (42, [(150, "3-5-1 Nihonbashi-Muromachi, Tokyo 103-0022")]),
        (100, [(0, "Messrs."), (480, "No.: ST-26-0415")]),
        (112, [(0, "Zhejiang Lantian Pump Manufacturing Co., Ltd."), (480, "Date: March 5, 2026")]),
        (124, [(0, "No. 66 Binhai 3rd Road, Wenzhou, Zhejiang")]),
        (136, [(0, "Attn: Chen Yu, Sales Manager")]),
        (200, [(0, "Item"), (80, "Commodity"), (300, "Quantity"), (400, "Unit Price"), (500, "Amount")]),
        (214, [(0, "1"), (80, "Centrifugal pump LT-CP 50-160"), (300, "120"), (400, "385.00"), (500, "46,200.00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert (order.seller.name, order.seller.contact) == ("Zhejiang Lantian Pump Manufacturing Co., Ltd.", "Chen Yu")
    assert order.seller.address == "No. 66 Binhai 3rd Road, Wenzhou, Zhejiang"


def test_a_factory_name_wrapped_onto_the_address_line(make_doc) -> None:
    page = [
        (40, [(40, "Arredo Luce S.p.A.")]),
        (100, [(40, "Fornitore:"), (140, "Zhongshan Guzhen Brilliant Lighting")]),
        (112, [(140, "Factory, Donghui Industrial Zone, Guzhen Town, Zhongshan 528421")]),
        (200, [(40, "Pos."), (80, "Codice"), (160, "Descrizione"), (330, "Q.tà"), (430, "Prezzo"), (500, "Importo")]),
        (214, [(40, "1"), (80, "ZG-1"), (160, "Lampada"), (330, "10"), (430, "2,00"), (500, "20,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "it")
    assert order.seller.name == "Zhongshan Guzhen Brilliant Lighting Factory"
    assert order.seller.address == "Donghui Industrial Zone, Guzhen Town, Zhongshan 528421"


@pytest.mark.parametrize(
    ("line", "language", "number", "day"),
    [
        ("Ordine N. 26/0312 del 09/03/2026", "it", "26/0312", "2026-03-09"),
        ("Purchase Order No. PO-4711 dated 3 March 2026", "en", "PO-4711", "2026-03-03"),
    ],
)
def test_the_order_date_printed_with_its_number(make_doc, line: str, language: str, number: str, day: str) -> None:
    page = [
        (40, [(40, "Termoidraulica Ferraresi S.r.l.")]),
        (80, [(40, line)]),
        (
            120,
            [(40, "Pos."), (80, "Cod. art."), (160, "Descrizione"), (330, "Q.tà"), (430, "Prezzo"), (500, "Importo")],
        ),
        (
            134,
            [(40, "01"), (80, "HY-BV-12"), (160, "Valvola a sfera"), (330, "2.400"), (430, "2,35"), (500, "5.640,00")],
        ),
    ]
    order, evidence, _ = extract_fields(make_doc(page), language)
    assert (order.order_number, str(order.order_date)) == (number, day)
    assert evidence["order_date"].text == line


ITEMS_AT_150 = [
    (150, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
    (164, [(40, "1"), (80, "Bowl"), (300, "5"), (360, "2.00"), (450, "10.00")]),
]


@pytest.mark.parametrize(
    "closing",
    [
        [(200, [(40, "Yours faithfully,")]), (212, [(40, "Bayside Goods, Inc.")]), (236, [(40, "Megan Walsh")])],
        [(200, [(40, "For Bayside Goods, Inc.")]), (236, [(40, "Megan Walsh")]), (248, [(40, "Manager - Imports")])],
        [(200, [(40, "Freundliche Grüsse")]), (212, [(40, "Megan Walsh, Purchasing Manager")])],
        # the signer's column, not the supplier's acceptance beside it
        [
            (200, [(40, "Accepted by Seller:"), (330, "Yours faithfully,")]),
            (212, [(330, "BAYSIDE GOODS, INC.")]),
            (236, [(40, "Ningbo Sunrise Co., Ltd."), (330, "T. Walsh")]),
        ],
    ],
)
def test_the_person_signing_under_the_items_is_the_buyer_contact(make_doc, closing) -> None:
    page = [(40, [(40, "Bayside Goods, Inc.")]), (52, [(40, "2150 Harbor Blvd, Costa Mesa, CA 92627")])]
    order, _, _ = extract_fields(make_doc(page + ITEMS_AT_150 + closing), "en")
    assert order.buyer.contact in ("Megan Walsh", "T. Walsh")


@pytest.mark.parametrize(
    "closing",
    [
        [(200, [(40, "Accepted by Seller:")]), (236, [(40, "Megan Walsh")])],  # no closing: no signer
        [(200, [(40, "Best regards,")]), (212, [(40, "Purchasing Department")])],  # a job title, no person
        [(200, [(40, "For Ningbo Sunrise Co., Ltd.")]), (236, [(40, "Wang Lei")])],  # signs for the seller
    ],
)
def test_no_signer_without_a_closing_or_with_only_a_title(make_doc, closing) -> None:
    page = [
        (40, [(40, "Bayside Goods, Inc.")]),
        (52, [(40, "2150 Harbor Blvd, Costa Mesa, CA 92627")]),
        (80, [(40, "Supplier:")]),
        (92, [(40, "Ningbo Sunrise Co., Ltd.")]),
        (104, [(40, "Ningbo, China")]),
    ]
    order, _, _ = extract_fields(make_doc(page + ITEMS_AT_150 + closing), "en")
    assert order.seller.name == "Ningbo Sunrise Co., Ltd."
    assert order.buyer.contact is None


def test_a_contact_line_with_role_and_details_after_dashes_and_an_e_mail_under_it(make_doc) -> None:
    page = [
        (40, [(40, "Maison Dufresne SAS"), (300, "Suivi par : Claire Vidal – service Achats")]),
        (52, [(40, "12 rue des Tanneurs"), (300, "c.vidal@dufresne.example")]),
        (64, [(40, "13400 Aubagne")]),
        *ITEMS_AT_150,
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert (order.buyer.contact, order.buyer.email) == ("Claire Vidal", "c.vidal@dufresne.example")
    page[0] = (40, [(40, "Maison Dufresne SAS")])
    page[1] = (52, [(40, "12 rue des Tanneurs")])
    page.append((200, [(40, "Persona de contacto: Jordi Ferrer (Dpto. Compras) · jf@x.example · +34 961 32 47 80")]))
    order, _, _ = extract_fields(make_doc(page), "es")
    assert (order.buyer.contact, order.buyer.email) == ("Jordi Ferrer", "jf@x.example")


def test_a_brand_in_capitals_over_the_legal_name_and_the_return_address_over_the_window(make_doc) -> None:
    page = [
        (40, [(51, "WEILER & SÖHNE"), (340, "Bestell-Nr."), (420, "4500381726")]),
        (54, [(51, "Werkzeughandel GmbH"), (340, "Bestelldatum"), (420, "09.03.2026")]),
        (66, [(51, "Gutenbergstraße 21 · D-42699 Solingen")]),
        (100, [(51, "Weiler & Söhne GmbH · Gutenbergstraße 21 · D-42699 Solingen")]),
        (112, [(51, "Jinhua Tianyu Tools Manufacturing Co., Ltd.")]),
        (124, [(51, "No. 1566 Xianhua Street, Jindong District")]),
        (136, [(51, "Jinhua 321015, Zhejiang")]),
        (148, [(51, "VR China")]),
        (200, [(40, "Pos."), (80, "Bezeichnung"), (300, "Menge"), (360, "Preis"), (450, "Betrag")]),
        (214, [(40, "1"), (80, "Zange"), (300, "5"), (360, "2,00"), (450, "10,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "de")
    assert (order.buyer.name, order.buyer.country) == ("WEILER & SÖHNE Werkzeughandel GmbH", "DE")
    assert (order.seller.name, order.seller.country) == ("Jinhua Tianyu Tools Manufacturing Co., Ltd.", "CN")


def test_a_letterhead_without_legal_form_the_addressee_under_attention_and_the_company_signing(make_doc) -> None:
    page = [
        (40, [(54, "Maison Vernay")]),
        (54, [(54, "14 rue de la Villette, 69003 Lyon"), (329, "Thuan An Phat Ceramics Co., Ltd.")]),
        (66, [(54, "Tél. +33 4 78 62 19 40"), (329, "Lô C5, KCN Sóng Thần 2, Dĩ An")]),
        (78, [(329, "VIETNAM")]),
        (90, [(329, "À l'attention de Mme Nguyen Thi Hong")]),
        (150, [(40, "Réf."), (80, "Désignation"), (300, "Qté"), (360, "P.U."), (450, "Montant")]),
        (164, [(40, "1"), (80, "Assiette"), (300, "5"), (360, "2,00"), (450, "10,00")]),
        (230, [(54, "Pour Maison Vernay SAS"), (323, "Bon pour accord du fournisseur")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert (order.buyer.name, order.buyer.address) == ("Maison Vernay SAS", "14 rue de la Villette, 69003 Lyon")
    assert order.buyer.phone == "+33 4 78 62 19 40"
    assert (order.seller.name, order.seller.country) == ("Thuan An Phat Ceramics Co., Ltd.", "VN")


def test_a_party_number_as_the_labels_value_is_no_name_and_an_indent_is_no_order_number(make_doc) -> None:
    page = [
        (12, [(0, "Malhas do Cávado, Lda."), (400, "P.O. No.: PO-2026/0231")]),
        (24, [(0, "Rua da Indústria, 212, 4705-414 Braga"), (400, "Indent No.: IND-0772")]),
        (96, [(0, "FORNECEDOR: 22145")]),
        (108, [(12, "Sri Murugan Knit Exports Pvt. Ltd.")]),
        (120, [(12, "No. 45, Kangeyam Road, Tirupur")]),
        (150, [(0, "Lin"), (24, "Artigo"), (114, "Descricao"), (414, "Qtd"), (468, "Preco Un."), (570, "Total")]),
        (164, [(0, "1"), (24, "SMK-TS180"), (114, "T-SHIRT"), (414, "500"), (492, "21,60"), (546, "10.800,00")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert order.seller.name == "Sri Murugan Knit Exports Pvt. Ltd."
    assert order.order_number == "PO-2026/0231"


@pytest.mark.parametrize(
    ("text", "number"),
    [("NE/2026/0231", "NE/2026/0231"), ("N° 4711", "4711"), ("No.4711", "4711"), ("Nº PC-1", "PC-1")],
)
def test_a_number_sign_is_dropped_but_not_the_numbers_first_letter(text: str, number: str) -> None:
    from extractors.fields.values import parse_identifier

    class Ctx:
        date_order = "DMY"

    assert parse_identifier(text, Ctx(), "order_number") == number  # type: ignore[arg-type]


def test_a_shipment_date_label_that_starts_like_the_date_label_gives_the_delivery_date(make_doc) -> None:
    page = [
        (40, [(40, "Ferramenta Brianza S.r.l.")]),
        (60, [(40, "ORDINE DI ACQUISTO N. OA-2026/0219 del 02/04/2026")]),
        (150, [(40, "Pos."), (80, "Descrizione"), (300, "Quantità"), (360, "Prezzo"), (450, "Importo")]),
        (164, [(40, "1"), (80, "Lucchetto"), (300, "5"), (360, "2,00"), (450, "10,00")]),
        (200, [(40, "Data di imbarco"), (150, "entro il 29/05/2026")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "it")
    assert (order.order_date, order.delivery_date) == (date(2026, 4, 2), date(2026, 5, 29))


def test_terms_paragraph_packaging_ends_with_its_sentence_and_marks_follow_a_lead_in(make_doc) -> None:
    page = [
        (40, [(45, "PURCHASE ORDER No. 4500381726"), (400, "Date: 09.03.2026")]),
        (60, [(45, "Pol. Ind. Fuente del Jarro, C/ Ciudad de Sevilla, 34")]),
        (100, [(45, "Verpackung: Exportkartons auf Paletten, max. 25 kg je Karton. Palettenhöhe max. 1,60 m.")]),
        (112, [(45, "Markierung: Jeder Karton ist zweiseitig wie folgt zu beschriften:")]),
        (124, [(45, "W&S")]),
        (136, [(45, "SOLINGEN")]),
        (148, [(45, "KARTON NR. 1-UP")]),
        (160, [(45, "Port of discharge: Le Havre. L'assurance couvre 110 % de la valeur CIF.")]),
        (200, [(45, "Marcação:"), (115, "etiqueta adesiva em cada pneu, com os dizeres:")]),
        (212, [(126, "PINHEIRO")]),
        (224, [(126, "SANTOS - BRASIL")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "de")
    assert order.packaging == "Exportkartons auf Paletten, max. 25 kg je Karton"
    assert order.shipping_marks == "W&S / SOLINGEN / KARTON NR. 1-UP"
    assert order.port_of_discharge == "Le Havre"
    assert order.port_of_loading is None  # "Pol." of "Polígono Industrial" is no "POL" label
    page[3:7] = []  # the marks of the second layout: a sentence right of the label leads in to the lines below
    assert extract_fields(make_doc(page), "pt")[0].shipping_marks == "PINHEIRO / SANTOS - BRASIL"


def test_fixed_width_label_with_dot_leaders_keeps_its_words(make_doc) -> None:
    page = [
        (100, [(10, "Embalagem .......: Cada peça em saco individual, caixas de cartão de 5 camadas")]),
        (112, [(10, "Marcacao caixas .: MALHAS DO CAVADO")]),
        (124, [(100, "NE/2026/0231")]),
        (136, [(100, "LEIXOES")]),
        (148, [(10, "Documentos ......: Fatura comercial, packing list")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert order.packaging == "Cada peça em saco individual, caixas de cartão de 5 camadas"
    assert order.shipping_marks == "MALHAS DO CAVADO / NE/2026/0231 / LEIXOES"


def test_terms_written_in_a_reply_mail(make_doc) -> None:
    page = [
        (24, [(0, "We're happy to go ahead at the revised prices and on CIF terms as discussed.")]),
        (72, [(0, "Our PO number: HF-20871")]),
        (204, [(0, "- CIF Felixstowe Incoterms 2020")]),
        (228, [(0, "- Shipment by sea from Yantian, to leave no later than 10 April 2026")]),
        (264, [(0, "Please mark the cartons:")]),
        (276, [(0, "H&F")]),
        (288, [(0, "HF-20871")]),
        (300, [(0, "CTN 1-UP")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert (order.incoterms.rule, order.incoterms.place, order.incoterms.version) == ("CIF", "Felixstowe", "2020")
    assert order.port_of_loading == "Yantian"
    assert order.shipping_marks == "H&F / HF-20871 / CTN 1-UP"


@pytest.mark.parametrize(
    ("language", "lines", "ports"),
    [
        (
            "en",
            ["Ready by 30 April 2026. Sea freight,", "Ningbo to Brisbane. Partial shipments not allowed."],
            ("Ningbo", "Brisbane"),
        ),
        (
            "nl",
            ["Transport: zeevracht Shanghai - Rotterdam, daarna per truck naar ons magazijn"],
            ("Shanghai", "Rotterdam"),
        ),
        ("fr", ["• Transport maritime Xiamen → Fos-sur-Mer, organisé par nos soins"], ("Xiamen", "Fos-sur-Mer")),
        ("en", ["Delivery by sea, Monday to Friday only"], (None, None)),
    ],
)
def test_a_route_right_after_the_transport_mode(
    make_doc, language: str, lines: list[str], ports: tuple[str | None, str | None]
) -> None:
    page = [(100 + 12 * i, [(12, text)]) for i, text in enumerate(lines)]
    order, _, _ = extract_fields(make_doc(page), language)
    assert (order.port_of_loading, order.port_of_discharge) == ports


def test_bulleted_conditions_in_a_mail_body(make_doc) -> None:
    page = [
        (192, [(12, "• Incoterms® 2020 : FCA Xiamen, remise à l'entrepôt de notre transitaire")]),
        (252, [(12, "• Marchandise prête au plus tard le 25 avril 2026")]),
        (312, [(0, "Merci d'apposer sur chaque colis le marquage suivant : MAISON BERTHIER / BC-2026-0318 /")]),
        (324, [(0, "FOS-SUR-MER / COLIS N° 1-UP.")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert (order.incoterms.rule, order.incoterms.place, order.incoterms.version) == ("FCA", "Xiamen", "2020")
    assert str(order.delivery_date) == "2026-04-25"
    assert order.shipping_marks == "MAISON BERTHIER / BC-2026-0318 / FOS-SUR-MER / COLIS N° 1-UP"


def test_a_date_label_whose_words_name_the_shipment_dates_the_shipment(make_doc) -> None:
    page = [
        (40, [(45, "BESTELLUNG Nr. 4711"), (400, "Datum: 11.03.2026")]),
        (100, [(45, "Datum der letzten Verschiffung: 30.04.2026")]),
        (140, [(45, "Date limite d'embarquement : 15/05/2026.")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "de")
    assert (str(order.order_date), str(order.delivery_date)) == ("2026-03-11", "2026-04-30")
    order, _, _ = extract_fields(make_doc(page[2:]), "fr")
    assert (order.order_date, str(order.delivery_date)) == (None, "2026-05-15")


def test_a_rule_printed_as_the_column_label_over_its_place(make_doc) -> None:
    page = [
        (168, [(10, "REQUISITIONER"), (150, "SHIP VIA"), (300, "F.O.B. POINT"), (450, "TERMS")]),
        (180, [(10, "M. Kowalski"), (150, "Ocean FCL"), (300, "Xiamen"), (450, "Net 60")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert (order.incoterms.rule, order.incoterms.place) == ("FOB", "Xiamen")


def test_a_greeting_that_holds_a_party_word_is_no_party_label(make_doc) -> None:
    page = [
        (0, [(0, "Distribuciones Ferreteras del Norte, S.A.")]),
        (12, [(0, "Polígono Industrial Asipo, Calle B, Nave 14, 33428 Llanera")]),
        (60, [(0, "PEDIDO DE COMPRA Nº 2026/00841")]),
        (84, [(0, "PROVEEDOR:")]),
        (96, [(0, "Yuyao Jinli Hardware Tools Co., Ltd.")]),
        (108, [(0, "No. 17 Chengdong Road, Yuyao, Zhejiang 315400")]),
        (144, [(0, "Muy señores nuestros: les rogamos nos suministren los artículos siguientes:")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert order.seller.name == "Yuyao Jinli Hardware Tools Co., Ltd."


def test_the_supplier_named_for_attention_inside_a_sentence(make_doc) -> None:
    page = [
        (0, [(0, "Bonjour Jessica,")]),
        (
            24,
            [(0, "voici notre commande n° ML-2026-031 à l'attention de Jiangxi Huacai Ceramics Co., Ltd. :")],
        ),
        (48, [(0, "Réf."), (80, "Désignation"), (416, "Qté"), (496, "Prix unitaire (USD)")]),
        (60, [(0, "HC-VS-30"), (80, "Vase en grès émaillé"), (416, "600"), (496, "4,85")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert order.seller.name == "Jiangxi Huacai Ceramics Co., Ltd."


def test_a_totals_row_takes_the_figure_under_the_amount_column(make_doc) -> None:
    header = [(10, "Pos."), (40, "Artikelnr."), (120, "Omschrijving"), (300, "Aantal"), (350, "CBM")]
    page = [
        (100, [*header, (400, "Prijs USD"), (470, "Bedrag USD")]),
        (112, [(10, "1"), (40, "BDW-T160"), (120, "Tafel"), (300, "120"), (350, "10,20"), (400, "68,50")]),
        (124, [(10, "2"), (40, "BDW-C02"), (120, "Stoel"), (300, "240"), (350, "21,60"), (400, "39,80")]),
        (136, [(10, "Totaal order (FCA)"), (350, "31,80"), (400, "USD"), (470, "17.772,00")]),
    ]
    page[1][1].append((470, "8.220,00"))
    page[2][1].append((470, "9.552,00"))
    order, _, _ = extract_fields(make_doc(page), "nl")
    assert order.total_amount == Decimal("17772.00")


@pytest.mark.parametrize(
    ("printed", "contact"),
    [
        ("Lic. Alejandra Garza", "Alejandra Garza"),
        ("Eng.ª Sofia Gonçalves", "Sofia Gonçalves"),
        ("Sra. Anna Sun", "Anna Sun"),
        ("Dr. Hans Weber", "Dr. Hans Weber"),
        ("Engel Schmidt", "Engel Schmidt"),
    ],
)
def test_forms_of_address_go_and_academic_titles_stay(make_doc, printed: str, contact: str) -> None:
    page = [(40, [(45, "Comprador:")]), (52, [(45, "Hogar Norte S.A. de C.V.")]), (64, [(45, f"Contacto: {printed}")])]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert order.buyer.contact == contact


def test_a_numeric_date_follows_the_delivery_country_when_the_buyer_block_names_none(make_doc) -> None:
    page = [
        (48, [(0, "PO #: PO-30418")]),
        (60, [(0, "PO Date: 04/02/2026")]),
        (72, [(0, "Ship to: Pinecrest Outdoor DC, 4800 Industrial Blvd, Aurora, CO 80011, USA")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert str(order.order_date) == "2026-04-02"


def test_the_unit_named_in_the_quantity_header_is_every_rows_unit(make_doc) -> None:
    page = [
        (192, [(0, "Item"), (80, "Código"), (170, "Descrição"), (392, "Qtd. (pç)"), (472, "Preço unit. (US$)")]),
        (204, [(0, "1"), (80, "HX-C2055516"), (170, "Pneu 205/55R16 91V"), (392, "800"), (472, "28,40")]),
        (216, [(0, "2"), (80, "HX-C1956515"), (170, "Pneu 195/65R15 91H"), (392, "1.200"), (472, "24,75")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert [(i.quantity, i.unit) for i in order.line_items] == [(800, "PCE"), (1200, "PCE")]


def test_a_chinese_mail_names_its_supplier_in_a_sentence_and_the_total_in_words_then_figures(make_doc) -> None:
    page = [
        (0, [(0, "陈丽华 您好！")]),
        (24, [(0, "参照贵司报价单 JM-BJ-260318（2026年3月18日），现向宁波市鄞州佳美日用品有限公司下达采购订单如下：")]),
        (48, [(0, "订单编号：HT-20260325-07")]),
        (156, [(0, "合计：人民币壹拾陆万捌仟柒佰元整（￥168,700.00）")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "zh")
    assert order.seller.name == "宁波市鄞州佳美日用品有限公司"
    assert order.total_amount == Decimal("168700.00")


def test_an_attention_line_naming_person_and_company_over_an_indian_mail_order(make_doc) -> None:
    page = [
        (0, [(0, "Dear Sir,")]),
        (24, [(0, "Kind Attn: Mr. Jason Xu, Changzhou Tianli Motor Co., Ltd.")]),
        (228, [(0, "Payment Terms : 100% TT against scanned copy of BL")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert (order.seller.name, order.seller.contact) == ("Changzhou Tianli Motor Co., Ltd.", "Jason Xu")
    assert (order.payment_terms.method, order.payment_terms.trigger) == ("TT", "against_bl_copy")


def test_an_attention_line_with_company_then_person_and_a_vat_id_before_the_next_fact(make_doc) -> None:
    page = [
        (0, [(0, "À l’attention de : Foshan Meiyu Sanitary Ware Co., Ltd. – Mme Chen Jing")]),
        (12, [(0, "Bonjour Madame Chen,")]),
        (36, [(0, "nous vous passons commande ferme des articles suivants :")]),
        (300, [(0, "Céramiques Rhône-Sud SARL")]),
        (312, [(0, "TVA FR47512884306 – RCS Lyon 512 884 306")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert (order.seller.name, order.seller.contact) == ("Foshan Meiyu Sanitary Ware Co., Ltd.", "Chen Jing")
    assert LOOSE_FIELDS["vat_id"]("FR47512884306 – RCS Lyon 512 884 306") == "FR47512884306"


PT_ORDER = "Segue nosso pedido de compra para a Qingdao Haixin Tire Co., Ltd., conforme sua cotação"
ES_ORDER = "les confirmamos nuestro pedido n.º PA-26/0214 a Shenzhen Kaituo Electronics Co., Ltd.: 2.000 unidades"


@pytest.mark.parametrize(
    ("language", "sentence", "seller"),
    [
        ("pt", PT_ORDER, "Qingdao Haixin Tire Co., Ltd."),
        ("es", ES_ORDER, "Shenzhen Kaituo Electronics Co., Ltd."),
        ("en", "Thank you for your quotation; we trust Acme Trading Co., Ltd. will deliver on time.", None),
    ],
)
def test_the_company_an_order_sentence_is_placed_with(make_doc, language: str, sentence: str, seller: str | None):
    page = [(0, [(0, "Prezado Kevin,")]), (24, [(0, sentence)])]
    order, _, _ = extract_fields(make_doc(page), language)
    assert order.seller.name == seller


def test_a_letterhead_name_printed_in_two_runs_on_one_line(make_doc) -> None:
    page = [
        (0, [(0, "FERRAMENTA LOMBARDA"), (110, "S.r.l.")]),
        (12, [(0, "Via dell'Artigianato, 9 – 24050 Grassobbio (BG) – Italia")]),
        (24, [(0, "ORDINE D'ACQUISTO N. OA-26/0412 del 23/03/2026")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "it")
    assert order.buyer.name == "FERRAMENTA LOMBARDA S.r.l."


def test_a_route_between_port_words_and_a_value_before_a_bracketed_note_label(make_doc) -> None:
    page = [
        (204, [(0, "Embarque: até 10/06/2026, marítimo, porto de Qingdao para o porto de Santos")]),
        (216, [(0, "Agente de carga: Atlântica Cargo Internacional (contato: Rafael Souza, rs@atl.example)")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert (order.port_of_loading, order.port_of_discharge) == ("Qingdao", "Santos")
    assert order.forwarder == "Atlântica Cargo Internacional"


def test_a_bracketed_remark_does_not_change_the_payment_terms_and_a_route_names_only_the_destination(make_doc) -> None:
    remark = '(dus niet "balance before shipment")'
    page = [
        (156, [(0, "Levering: FOB Shanghai (Incoterms 2020)")]),
        (168, [(0, f"Betaling: 30% aanbetaling per T/T, restant 70% tegen kopie B/L {remark}")]),
        (180, [(0, "Verscheping: uiterlijk 15 mei 2026, per zeevracht naar Rotterdam")]),
        (192, [(0, "Expediteur: Rijnmond Forwarding B.V.")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "nl")
    terms = order.payment_terms
    assert (terms.method, terms.deposit_percent, terms.trigger) == ("TT", 30, "against_bl_copy")
    assert terms.text is not None and terms.text.endswith(remark)
    assert order.port_of_discharge == "Rotterdam"  # the loading port comes from FOB Shanghai in derive.py


def test_a_party_name_wrapped_after_a_small_word_goes_on(make_doc) -> None:
    page = [
        (167, [(43, "Proveedor:"), (315, "Lugar de entrega:")]),
        (178, [(43, "Envases Metálicos del Vallès, S.L."), (315, "Conservas del Cantábrico S.A. – Almacén de")]),
        (190, [(43, "Carrer de la Indústria, 41"), (315, "materias primas")]),
        (201, [(43, "08202 Sabadell (Barcelona)"), (315, "Calle La Cerrada, 3")]),
        (213, [(43, "España"), (315, "39600 Maliaño (Cantabria)")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert order.ship_to is not None
    assert order.ship_to.name == "Conservas del Cantábrico S.A. – Almacén de materias primas"
    assert order.ship_to.address == "Calle La Cerrada, 3, 39600 Maliaño (Cantabria)"


def test_contact_facts_in_columns_after_the_blocks_contact_line(make_doc) -> None:
    page = [
        (100, [(0, "FORNECEDOR: 22145")]),
        (112, [(12, "Sri Murugan Knit Exports Pvt. Ltd.")]),
        (124, [(12, "No. 45, Kangeyam Road, Tirupur - 641606")]),
        (136, [(12, "INDIA")]),
        (148, [(12, "A/C: Mr. S. Karthikeyan"), (162, "Tel. +91 421 247 5566"), (300, "karthik@knit.example")]),
        (172, [(0, "Moeda: EUR")]),
    ]
    seller = extract_fields(make_doc(page), "pt")[0].seller
    assert (seller.name, seller.phone, seller.email) == (
        "Sri Murugan Knit Exports Pvt. Ltd.",
        "+91 421 247 5566",
        "karthik@knit.example",
    )


def test_a_contact_word_heading_a_company_block_heads_the_buyers_block(make_doc) -> None:
    # "Comprador" names the purchasing person ("Comprador: Carmen Ruiz"); as a heading in capitals over a company
    # block beside PROVEEDOR it names the buying company, whatever brand the letterhead shows.
    page = [
        (20, [(0, "FERRANOR")]),
        (60, [(0, "Ferreterías del Norte, S.L.")]),
        (120, [(0, "PROVEEDOR"), (300, "COMPRADOR")]),
        (132, [(0, "Jinhua Tools Co., Ltd."), (300, "Ferreterías del Norte, S.L.")]),
        (144, [(0, "No. 12 Jiangbin Road"), (300, "Calle Mayor 7")]),
        (156, [(0, "Jinhua 321000, Zhejiang"), (300, "48001 Bilbao")]),
        (168, [(0, "China"), (300, "España")]),
        (180, [(0, "Atn.: Sr. Leo Wang"), (300, "Contacto: Sra. Ana Ibarra")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert order.buyer.name == "Ferreterías del Norte, S.L."
    assert (order.buyer.contact, order.buyer.address, order.buyer.country) == (
        "Ana Ibarra",
        "Calle Mayor 7, 48001 Bilbao",
        "ES",
    )
    assert order.seller.name == "Jinhua Tools Co., Ltd."


def test_a_rule_heading_a_column_among_other_labels_takes_its_place_from_the_cell_below(make_doc) -> None:
    page = [
        (300, [(0, "Ship Via"), (120, "F.O.B."), (220, "Terms"), (380, "Ship Date")]),
        (312, [(0, "Ocean freight"), (120, "Xiamen"), (220, "Net 60 days from B/L date"), (380, "01/15/2027")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "en")
    assert order.incoterms is not None
    assert (order.incoterms.rule, order.incoterms.place) == ("FOB", "Xiamen")


def test_party_blocks_under_centred_headings_keep_their_short_lines_and_lose_their_name_labels(make_doc) -> None:
    page = [
        (131, [(165, "买方"), (415, "卖方")]),
        (153, [(60, "公司名称: 香港恒丰国际贸易有限公司"), (310, "公司名称: 宁波凯达塑料制品有限公司")]),
        (169, [(60, "地址: 香港九龙观塘海滨道135号15楼1503室"), (310, "地址: 浙江省宁波市北仑区明州西路88号")]),
        (185, [(60, "联系人: 陈志明先生"), (310, "联系人: 王丽女士")]),
        (201, [(60, "电话: +852 2345 6789"), (310, "电话: 0574-8688 1234")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "zh")
    assert (order.buyer.name, order.buyer.contact, order.buyer.phone) == (
        "香港恒丰国际贸易有限公司",
        "陈志明",
        "+852 2345 6789",
    )
    assert (order.seller.name, order.seller.contact, order.seller.phone) == (
        "宁波凯达塑料制品有限公司",
        "王丽",
        "0574-8688 1234",
    )


def test_a_heading_in_capitals_over_a_boxed_block_reaches_the_first_line_inside_the_box(make_doc) -> None:
    # The box's border (erased before OCR) and its padding put more than a blank line between heading and block.
    page = [
        (100, [(40, "FOURNISSEUR"), (320, "LIVRER À")]),
        (124, [(50, "Shenzhen Brightway Lighting Co., Ltd."), (330, "Entrepôt ALD Décines")]),
        (136, [(50, "5F, Building B, Huafeng Industrial Park"), (330, "12 allée des Peupliers")]),
        (148, [(50, "518101 Shenzhen"), (330, "69150 Décines-Charpieu")]),
        (160, [(50, "Chine"), (330, "France")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert order.seller.name == "Shenzhen Brightway Lighting Co., Ltd."
    assert order.ship_to is not None and order.ship_to.name == "Entrepôt ALD Décines"
    assert order.ship_to.country == "FR"


def test_a_letterhead_tagline_after_the_legal_form_is_no_part_of_the_name(make_doc) -> None:
    page = [
        (20, [(40, "Atelier Lumière Distribution SAS - éclairage professionnel")]),
        (32, [(40, "42 rue des Tanneurs"), (420, "Suivi par : M. Julien Marchand")]),
        (44, [(40, "69007 Lyon")]),
        (56, [(40, "France"), (400, "j.marchand@atelier-lumiere.example")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "fr")
    assert order.buyer.name == "Atelier Lumière Distribution SAS"
    assert (order.buyer.contact, order.buyer.email) == ("Julien Marchand", "j.marchand@atelier-lumiere.example")


def test_a_bare_number_label_under_the_orders_title_numbers_the_order(make_doc) -> None:
    page = [
        (54, [(50, "Rua do Almada 312"), (383, "NOTA DE ENCOMENDA")]),
        (76, [(383, "N.º"), (408, ": NE-2026/0212")]),
        (89, [(383, "Data: 20-11-2026")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert order.order_number == "NE-2026/0212"


def test_contact_facts_after_a_contact_with_its_own_value_are_the_buyers(make_doc) -> None:
    page = [
        (20, [(50, "Casa Almeida - Artigos para o Lar, Lda.")]),
        (32, [(50, "Rua do Almada 312, 4050-032 Porto")]),
        (
            90,
            [
                (50, "Contacto: Tiago Almeida"),
                (190, "Tel. +351 222 083 914"),
                (321, "tiago.almeida@casa-almeida.example"),
            ],
        ),
    ]
    order, _, _ = extract_fields(make_doc(page), "pt")
    assert (order.buyer.contact, order.buyer.phone, order.buyer.email) == (
        "Tiago Almeida",
        "+351 222 083 914",
        "tiago.almeida@casa-almeida.example",
    )


def test_the_order_date_joined_to_the_number_in_the_next_cell_and_the_contacts_phone_in_her_run(make_doc) -> None:
    page = [
        (20, [(40, "ARREDAMENTI COLOMBO S.r.l.")]),
        (32, [(40, "Via dell'Artigianato 27 - 20833 Giussano (MB) - Italia")]),
        (120, [(40, "ORDINE D'ACQUISTO N. OA/2026/0094"), (480, "del 13/11/2026")]),
        (140, [(40, "Referente: Sig.ra Elena Rossi - tel. +39 0362 851 447 - acquisti@colombo.example")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "it")
    assert (order.order_number, str(order.order_date)) == ("OA/2026/0094", "2026-11-13")
    assert (order.buyer.contact, order.buyer.phone, order.buyer.email) == (
        "Elena Rossi",
        "+39 0362 851 447",
        "acquisti@colombo.example",
    )


def test_a_sender_line_whose_separators_a_scan_lost_is_the_buyer_not_the_addressees_first_line(make_doc) -> None:
    page = [
        (40, [(360, "STEINER & HOFBAUER")]),
        (130, [(60, "Steiner & Hofbauer Elektrotechnik GmbH Gewerbepark Süd 14 : 4600 Wels Österreich")]),
        (150, [(60, "Zhejiang Lianda Electric Appliance Co., Ltd.")]),
        (162, [(60, "No. 88 Weiqi Road, Economic Development Zone")]),
        (174, [(60, "Yueqing, Zhejiang 325600")]),
        (186, [(60, "CHINA")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "de")
    assert order.seller.name == "Zhejiang Lianda Electric Appliance Co., Ltd."
    assert (order.buyer.name, order.buyer.address) == (
        "Steiner & Hofbauer Elektrotechnik GmbH",
        "Gewerbepark Süd 14, 4600 Wels",
    )


def test_facts_whose_separators_a_scan_lost_still_split_and_an_em_dash_leads_a_value(make_doc) -> None:
    page = [
        (44, [(165, "Cerámicas Levante Import, S.L.")]),
        (61, [(100, "Polígono Industrial El Colomer - Calle Ceramistas, 14 - 12200 Onda (Castellón) - España")]),
        (73, [(122, "CIF B12345674 Tel. +34 964 52 18 30 - compras@ceramicaslevante.example")]),
        (175, [(63, "COMPRADOR — Javier Martínez Ruiz")]),
    ]
    order, _, _ = extract_fields(make_doc(page), "es")
    assert (order.buyer.vat_id, order.buyer.phone) == ("B12345674", "+34 964 52 18 30")
    assert order.buyer.address == "Polígono Industrial El Colomer, Calle Ceramistas, 14, 12200 Onda (Castellón)"
    assert order.buyer.contact == "Javier Martínez Ruiz"
