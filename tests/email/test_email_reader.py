"""The e-mail reader: MIME structure, charsets, quotes, signatures, forwards, caps, .msg and hostile names."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from html import escape
from pathlib import Path

import pytest

from extractors import extract_order
from extractors.api import extract_orders
from extractors.layout import build_layout
from extractors.readers import read_input
from extractors.readers.htmlflow import html_to_flow
from extractors.readers.mailbody import clean_body
from models.errors import CorruptInputError, InputTooLargeError
from models.options import ExtractOptions, Limits

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "sample_docs"))
from generator.email_mime import build_msg

SENT = datetime(2026, 3, 3, 10, 15, tzinfo=timezone(timedelta(hours=1)))
ORDER_BODY = (
    "Dear Lily,\n\nPlease send 500 pcs of LED-PNL-6060 LED panel 600x600 at USD 12.50/pc.\n\n"
    "Delivery terms: FOB Ningbo\n\nBest regards\nJane Doe\nHarbour Lights Ltd.\nTel. +44 117 496 0000\n"
)


def _message(body: str, subject: str = "Order", **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Jane Doe <jane@harbour.example>"
    message["To"] = "sales@supplier.example"
    message["Subject"] = subject
    message["Date"] = "Tue, 03 Mar 2026 10:15:00 +0100"
    for name, value in headers.items():
        message[name] = value
    message.set_content(body)
    return message


def _text(data: bytes, name: str = "mail.eml") -> str:
    return build_layout(read_input(data, name, ExtractOptions())).text


def test_body_order_is_read_with_sender_and_signature() -> None:
    result = extract_order(bytes(_message(ORDER_BODY, "PO 4711-A")), filename="mail.eml")
    order = result.order
    assert result.document.kind == "email" and result.document.doc_type == "purchase_order"
    assert order.order_number == "4711-A"
    assert order.buyer.email == "jane@harbour.example" and order.buyer.name == "Harbour Lights Ltd."
    assert order.buyer.phone == "+44 117 496 0000"
    assert str(order.order_date) == "2026-03-03"
    assert any(f.code == "order_date.from_email" for f in result.findings)
    line = order.line_items[0]
    assert (line.sku, line.quantity, line.unit, str(line.unit_price)) == ("LED-PNL-6060", 500, "PCE", "12.50")
    assert result.evidence["line_items[0].quantity"].part == "body"
    assert result.evidence["order_number"].part == "headers"


def test_signature_block_gives_the_buyer_when_the_body_names_companies_only_in_sentences() -> None:
    body = (
        "An: Foshan Meiya Sanitary Ware Co., Ltd.\n\nSehr geehrte Frau Li,\n\n"
        "hiermit bestellen wir 1.200 Stück Einhebel-Waschtischmischer (FS-WT-2201) zu 18,90 EUR je Stück.\n\n"
        "Die Zahlung erfolgt durch Akkreditiv, eröffnet durch die Commerzbank AG, Frankfurt am Main, zahlbar "
        "bei Sicht.\n\nMit freundlichen Grüßen\n\nThomas Krüger\nEinkauf | Krüger Haustechnik GmbH & Co. KG\n"
        "Großer Burstah 31, 20457 Hamburg, Deutschland\nTel. +49 40 3290 1177\nUSt-IdNr. DE301122558\n"
    )
    result = extract_order(bytes(_message(body, "Bestellung 26-0457")), filename="mail.eml")
    buyer = result.order.buyer
    assert buyer.name == "Krüger Haustechnik GmbH & Co. KG"
    assert (buyer.address, buyer.country) == ("Großer Burstah 31, 20457 Hamburg", "DE")
    assert (buyer.phone, buyer.vat_id) == ("+49 40 3290 1177", "DE301122558")
    assert result.evidence["buyer.address"].part == "signature"
    assert result.order.seller.name == "Foshan Meiya Sanitary Ware Co., Ltd."


@pytest.mark.parametrize(
    ("to", "email", "contact"),
    [
        ("Mandy Huang <mandy@hengda-tiles.example>", "mandy@hengda-tiles.example", "Mandy Huang"),
        ("Foshan Meiya Export <export@meiya.example>", "export@meiya.example", None),  # a shared mailbox
        ("Tom Colleague <tom@harbour.example>", None, None),  # the buyer's own domain: no supplier
    ],
)
def test_the_addressee_is_the_suppliers_e_mail(to: str, email: str | None, contact: str | None) -> None:
    message = _message(ORDER_BODY, "PO 4711-A")
    message.replace_header("To", to)
    seller = extract_order(bytes(message), filename="mail.eml").order.seller
    assert (seller.email, seller.contact) == (email, contact)


def test_in_a_signed_e_mail_the_top_company_is_the_addressee() -> None:
    body = (
        "厦门鹭星户外用品有限公司\n张敏 您好：\n\n我司正式下单，订单号：KF-2026-031。\n\n"
        "1. 货号 LX-UB-25，伞座 25公斤 水泥底座，数量 300 个，单价 USD 8.80\n\n"
        "祝好\n李国伟\n采购部\n金辉贸易（马来西亚）有限公司\nNo. 18, Jalan Kapar\n41400 Klang, Selangor\n"
        "电话：+60 3-3344 5678\n"
    )
    message = _message(body, "采购订单 KF-2026-031")
    message.replace_header("To", "张敏 <zhangmin@luxing.example>")
    order = extract_order(bytes(message), filename="mail.eml").order
    assert order.buyer.name == "金辉贸易（马来西亚）有限公司"
    assert order.buyer.address == "No. 18, Jalan Kapar, 41400 Klang, Selangor"
    assert (order.seller.name, order.seller.address) == ("厦门鹭星户外用品有限公司", None)
    assert (order.seller.contact, order.seller.email) == ("张敏", "zhangmin@luxing.example")


def test_a_signature_company_whose_first_part_is_the_senders_domain_stays_whole() -> None:
    body = ORDER_BODY.replace("Harbour Lights Ltd.", "Harbour - Lights and Lamps, Ltd.")
    message = _message(body, "PO 4711-A")
    message.replace_header("From", "Jane Doe <jane@harbour.example>")
    assert extract_order(bytes(message), filename="mail.eml").order.buyer.name == "Harbour - Lights and Lamps, Ltd."


def test_a_plain_text_order_table_marks_under_a_heading_and_a_casual_signature() -> None:
    body = (
        "Hi Cindy,\n\nPlease accept this e-mail as our purchase order.\n\n"
        "Line  Item code  Description            Qty  Unit  USD/unit  Amount USD\n"
        "1     HY-SD-6PC  Screwdriver set, 6 pc  1,200  sets   4.35    5,220.00\n"
        "2     HY-PL-200  Combination pliers     2,400  pcs    2.18    5,232.00\n\n"
        "Terms: FOB Ningbo\n\nCarton marks (main mark, both long sides):\n\n    KESTREL BAY\n    BRISBANE\n\n"
        "Cheers,\n\nLiam O'Connor\nProcurement Officer\nKestrel Bay Hardware Pty Ltd\n"
        "14 Tradelink Drive, Eagle Farm QLD 4009, Australia\nP: +61 7 3868 2140 | E: liam@kestrel.example\n"
    )
    order = extract_order(bytes(_message(body, "PO KBH-26-0412")), filename="mail.eml").order
    assert [(str(li.unit_price), li.unit) for li in order.line_items] == [("4.35", "SET"), ("2.18", "PCE")]
    assert order.shipping_marks == "KESTREL BAY / BRISBANE"
    assert (order.buyer.name, order.buyer.phone) == ("Kestrel Bay Hardware Pty Ltd", "+61 7 3868 2140")
    assert (order.buyer.address, order.buyer.country) == ("14 Tradelink Drive, Eagle Farm QLD 4009", "AU")


def test_a_message_pasted_into_a_text_file_is_read_as_a_message_and_reported_as_text() -> None:
    text = (
        "Van: Pieter van der Berg <p.vdberg@vdb-medical.example>\n"
        "Aan: Helen Zhao <helen.zhao@kangda.example>\nOnderwerp: Inkooporder 2026468\n\nBeste Helen,\n\n"
        "Hierbij bestellen wij 500 stuks KD-MASK-50 mondkapjes à USD 2,10 per stuk.\n"
        "Agent: Rotterdam Air Cargo (contact: Lin Wei, lin.wei@rac.example)\n\n"
        "Met vriendelijke groet,\n\nPieter van der Berg\nVan der Berg Medical Supplies B.V.\n"
        "Newtonweg 15, 6662 PV Elst, Nederland\nTel. +31 481 37 92 00\n"
    )
    result = extract_order(text.encode(), filename="order.txt")
    order = result.order
    assert (result.document.kind, result.document.media_type) == ("text", "text/plain")
    assert order.order_number == "2026468"
    assert (order.buyer.name, order.buyer.country) == ("Van der Berg Medical Supplies B.V.", "NL")
    assert (order.buyer.contact, order.buyer.email) == ("Pieter van der Berg", "p.vdberg@vdb-medical.example")
    assert (order.seller.contact, order.seller.email) == ("Helen Zhao", "helen.zhao@kangda.example")
    memo = "From: Harbor Lights Inc., Boston MA\nTo: Ningbo Sunrise Co., Ltd.\n\nPlease send 5 pcs of A-1 at USD 2.00."
    assert extract_order(memo.encode(), filename="memo.txt").order.buyer.email is None  # a memo, no message


def test_the_supplier_named_only_in_its_quoted_offer_comes_from_that_signature() -> None:
    body = (
        "Dear Kevin,\n\nPlease supply 1,000 pcs of EBL-DL12 LED downlight at USD 3.80/pc, CIF Felixstowe.\n\n"
        "Kind regards,\nSarah Whitfield\nHarrow & Finch Lighting Ltd\n\n"
        "On 11/02/2026 10:42, Kevin Wu wrote:\n> Dear Sarah,\n> our offer: EBL-DL12 USD 3.95/pc, FOB Shenzhen.\n>\n"
        "> Best regards,\n> Kevin Wu\n> Sales Manager\n> Everbright Lighting (Dongguan) Co., Ltd.\n"
        "> No. 12 Chuangye Road, Dongguan, Guangdong 523560, China\n"
        "> Tel: +86 769 8531 2270   WeChat: +86 138 2691 4457\n> kevin.wu@everbright.example\n"
    )
    message = _message(body, "RE: Quotation EBL-QT-260211 - PO HF-20871")
    message.replace_header("To", "Kevin Wu <kevin.wu@everbright.example>")
    result = extract_order(bytes(message), filename="mail.eml")
    seller = result.order.seller
    assert (seller.name, seller.country) == ("Everbright Lighting (Dongguan) Co., Ltd.", "CN")
    assert (seller.address, seller.phone) == ("No. 12 Chuangye Road, Dongguan, Guangdong 523560", "+86 769 8531 2270")
    assert result.evidence["seller.name"].part == "quoted"
    assert result.order.incoterms.rule == "CIF"  # the new terms, not the quoted offer's


def test_quoted_reply_and_signature_are_not_read() -> None:
    body = ORDER_BODY + "\nOn Mon, 2 Mar 2026, Lily <lily@supplier.example> wrote:\n> 999 pcs XX-1000 at USD 1.00/pc\n"
    text = _text(bytes(_message(body)))
    assert "XX-1000" not in text and "Harbour Lights" not in text and "LED-PNL-6060" in text


def test_outlook_quote_block_and_disclaimer_are_cut() -> None:
    body = (
        "Bitte liefern Sie 2.000 Stk. BB-6204-2RS zu 0,85 EUR/Stk.\n\n"
        "Diese E-Mail ist vertraulich und nur für den Empfänger bestimmt. Wenn Sie diese irrtümlich erhalten haben, "
        "löschen Sie sie bitte.\n\n"
        "Von: Lily Chen\nGesendet: Montag, 2. März 2026 09:00\nAn: Einkauf\nBetreff: Angebot\n\nAlter Text 777 Stk.\n"
    )
    text = _text(bytes(_message(body)))
    assert "BB-6204-2RS" in text and "vertraulich" not in text and "777" not in text


def test_forwarded_message_names_the_original_sender() -> None:
    body = (
        "FYI\n\n-- \nSales Desk\n\n---------- Forwarded message ---------\nFrom: Jane Doe <jane@harbour.example>\n"
        "Date: Tue, 3 Mar 2026 at 09:00\nSubject: Order 5566\nTo: Sales <sales@supplier.example>\n\n"
        "Please send 200 sets of AB-100 ceiling fan at EUR 20.00 each\n"
    )
    message = _message(body, "Fwd: Order 5566")
    message.replace_header("From", "Sales Desk <desk@supplier.example>")
    result = extract_order(bytes(message), filename="fwd.eml")
    assert result.order.buyer.email == "jane@harbour.example"
    assert result.document.sender == "Jane Doe <jane@harbour.example>"
    assert result.order.order_number == "5566" and result.order.line_items[0].sku == "AB-100"


def test_html_only_body_in_latin1_quoted_printable() -> None:
    message = EmailMessage()
    message["From"] = "Claire <c@delorme.example>"
    message["Subject"] = "Commande"
    html = "<html><body><p>Merci de livrer :</p><ul><li>120 pcs JL-MUG-350 Mug céramique à 1,29 EUR l'unité</li></ul>"
    message.set_content(html + "</body></html>", subtype="html", charset="iso-8859-1", cte="quoted-printable")
    text = _text(bytes(message))
    assert "Mug céramique" in text


def test_html_signature_table_before_a_legal_notice_gives_the_buyer() -> None:
    message = EmailMessage()
    message["From"] = "Marco Colombo - Ferramenta Brianza <m.colombo@ferramentabrianza.example>"
    message["To"] = "Amy Xu <amy.xu@hongda.example>"
    message["Subject"] = "Ordine di acquisto OA-2026/0219"
    html = (
        "<html><body><p>Vi trasmettiamo il nostro ordine:</p>"
        "<ul><li>2.000 pz HD-LK-50 Lucchetto in ottone a 2,35 USD cad.</li></ul>"
        "<p>Cordiali saluti,</p><table><tr><td><img src='cid:logo' alt='Ferramenta Brianza'></td>"
        "<td><b>Marco Colombo</b><br>Ufficio Acquisti<br>Ferramenta Brianza S.r.l.<br>"
        "Via Giuseppe Mazzini 118 - 20851 Lissone (MB) - Italia<br>"
        "Tel. +39 039 245 6610 - Fax +39 039 245 6699<br>P.IVA / C.F. IT03419870965</td></tr></table>"
        "<p style='font-size:7pt'>Ai sensi del Regolamento UE 2016/679 (GDPR) le informazioni contenute in questo "
        "messaggio sono riservate e ad uso esclusivo del destinatario.</p></body></html>"
    )
    message.set_content(html, subtype="html")
    buyer = extract_order(bytes(message), filename="mail.eml").order.buyer
    assert (buyer.name, buyer.contact) == ("Ferramenta Brianza S.r.l.", "Marco Colombo")
    assert buyer.phone == "+39 039 245 6610"
    assert (buyer.address, buyer.country, buyer.vat_id) == (
        "Via Giuseppe Mazzini 118 - 20851 Lissone (MB)",
        "IT",
        "IT03419870965",
    )


def test_undeclared_charset_falls_back_to_detection() -> None:
    raw = b"From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=x-unknown\n\n"
    raw += "Bestellung über 500 Stück Zubehör für Gehäuse".encode("cp1252")
    assert "Zubehör" in _text(raw)


def test_attachment_names_never_become_paths(tmp_path: Path) -> None:
    message = _message("see attachment")
    message.add_attachment(b"Qty 5 pcs AB-123\n", maintype="text", subtype="plain", filename="../../etc/passwd")
    document = read_input(bytes(message), "mail.eml", ExtractOptions())
    assert document.children[0].part == "passwd"
    assert not (tmp_path / "passwd").exists()


def test_mime_part_and_depth_caps() -> None:
    message = _message("x")
    for index in range(6):
        message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename=f"{index}.pdf")
    with pytest.raises(InputTooLargeError):
        read_input(bytes(message), "m.eml", ExtractOptions(limits=Limits(max_mime_parts=4)))
    inner: EmailMessage = _message("innermost")
    for _ in range(4):
        outer = _message("wrapper")
        outer.add_attachment(inner)
        inner = outer
    with pytest.raises(InputTooLargeError):
        read_input(bytes(inner), "m.eml", ExtractOptions(limits=Limits(max_mime_depth=3)))


def test_several_po_attachments_give_several_results() -> None:
    message = _message("Please find our two orders attached.")
    for number in ("A-1001", "A-1002"):
        text = f"PURCHASE ORDER\nPO No.: {number}\n\nPlease send 100 pcs of ZX-{number[-4:]} at USD 2.00/pc\n"
        message.add_attachment(text.encode(), maintype="text", subtype="plain", filename=f"PO-{number}.txt")
    results = extract_orders(bytes(message), filename="two.eml")
    assert [r.order.order_number for r in results] == ["A-1001", "A-1002"]
    assert [p.role for p in results[1].document.parts] == ["body", "other", "order"]


def test_order_change_reply() -> None:
    body = "Hello Lily,\n\nplease change line 2 to 800 pcs.\n\nThanks\n"
    result = extract_order(bytes(_message(body, "Re: PO 4500012345")), filename="re.eml")
    assert result.document.doc_type == "order_change"
    assert result.order.order_number == "4500012345"
    assert result.order.notes == "line 2 quantity -> 800"


def test_outlook_msg_and_broken_msg() -> None:
    data = build_msg("Jane Doe", "jane@harbour.example", "Order 7788", SENT, ORDER_BODY)
    result = extract_order(data, filename="order.msg")
    assert result.document.media_type == "application/vnd.ms-outlook"
    assert result.order.line_items[0].sku == "LED-PNL-6060"
    with pytest.raises(CorruptInputError):
        read_input(data[:3000], "broken.msg", ExtractOptions())


def test_a_signature_laid_out_in_table_columns_keeps_its_lines() -> None:
    html = (
        "<p>Please confirm the order below.</p><p>Best regards,</p><table><tr>"
        "<td><b>Marco Colombo</b><br>Purchasing</td><td>Brianza Tools Ltd.<br>Tel. +39 039 245 6610</td></tr></table>"
    )
    signature = clean_body(html_to_flow(html)).signature
    assert [line for line in signature if line] == [
        "Best regards,",
        "Marco Colombo",
        "Purchasing",
        "Brianza Tools Ltd.",
        "Tel. +39 039 245 6610",
    ]


def test_gmail_reply_with_an_html_table_and_a_flattened_text_part() -> None:
    rows = [("BW-TN2P", "2-person dome tent", "600", "$24.50", "$14,700.00")]
    rows += [("BW-SP01", "Self-inflating sleeping pad", "1,000", "$9.80", "$9,800.00")]
    rows += [("BW-CK05", "Camp cookware set, 5 pcs", "400", "$11.40", "$4,560.00")]
    head = ("Item #", "Description", "Qty", "Unit Price", "Amount")
    html = "<p>Please see our purchase order below.</p><p><b>PO #:</b> PO-30418</p><table>"
    html += "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in [head, *rows])
    html += "</table><p><b>Carton marks:</b> PINECREST / PO-30418 / CTN # OF #</p><p>Best regards,<br>Megan</p>"
    quote = (
        "On Thu, Mar 12, 2026 at 9:41 PM Kelly Lin <kelly@bluewave-sports.example> wrote:\n\n> Hi Megan,\n>\n"
        "> Attached is our quotation BW-Q-2026-118.\n>\n> Best regards,\n> Kelly Lin\n"
        "> Xiamen Bluewave Sporting Goods Co., Ltd.\n"
    )
    text = "Please see our purchase order below.\n\n*PO #:* PO-30418\n\n*Item #* *Description* *Qty*\n"
    text += "".join(" ".join(row) + "\n" for row in rows) + "\n*Carton marks:* PINECREST / PO-30418 / CTN # OF #\n"
    message = EmailMessage()
    message["From"] = "Megan Holloway <megan@pinecrest.example>"
    message["To"] = "Kelly Lin <kelly@bluewave-sports.example>"
    message["Subject"] = "Re: Quotation BW-Q-2026-118"
    message.set_content(text + "\nBest regards,\nMegan\n\n" + quote)
    attribution, _, quoted = quote.partition("\n\n")
    quoted = quoted.replace("> ", "").replace(">", "").replace("\n", "<br>")
    html += f'<div class="gmail_quote"><div>{escape(attribution)}</div><blockquote>{quoted}</blockquote></div>'
    message.add_alternative(html, subtype="html")
    order = extract_order(bytes(message), filename="mail.eml").order
    assert [(i.sku, i.quantity, str(i.unit_price)) for i in order.line_items] == [
        ("BW-TN2P", 600, "24.50"),
        ("BW-SP01", 1000, "9.80"),
        ("BW-CK05", 400, "11.40"),
    ]
    assert order.shipping_marks == "PINECREST / PO-30418 / CTN # OF #"
    assert order.seller.name == "Xiamen Bluewave Sporting Goods Co., Ltd."  # from the quoted offer's signature


def test_the_subjects_order_number_beats_an_earlier_order_named_in_a_sentence() -> None:
    body = (
        "Dear Sir,\n\nWe are pleased to place our order for the following items:\n\n"
        "1) BLDC Motor 24V 100W, Model TL-57BL100 - 500 Nos. @ USD 18.60/No. = USD 9,300.00\n\n"
        "Kindly note the motors under our earlier PO SEW/PO/25-26/0964 are still pending for test certificates.\n"
    )
    message = _message(body, "PO No. SEW/PO/26-27/0012 - BLDC Motors")
    assert extract_order(bytes(message), filename="mail.eml").order.order_number == "SEW/PO/26-27/0012"


def test_signature_address_label_and_a_second_name_line() -> None:
    body = (
        "Please supply 2,400 pcs of HD-6601P porcelain tile at USD 5.20 per pc.\n\n"
        "Best regards\nChen Wei\n香港永泰国际贸易有限公司\nWing Tai International Trading (HK) Ltd.\n"
        "Add: Neikeng Industrial Zone, Jinjiang, Fujian 362200\nTel: +86 595 8578 6611\n"
    )
    buyer = extract_order(bytes(_message(body, "PO WT-0391")), filename="mail.eml").order.buyer
    assert buyer.name == "香港永泰国际贸易有限公司"
    assert buyer.address == "Neikeng Industrial Zone, Jinjiang, Fujian 362200"
    assert buyer.phone == "+86 595 8578 6611"


def test_in_a_quoted_thread_the_suppliers_own_message_gives_its_signature() -> None:
    body = (
        'Hola Sunny:\n\nLes enviamos la nueva orden:\n\n- 2.000 pzas LV-MH-1215 Manguera 1/2" a USD 3.95\n\n'
        "Saludos,\nAlejandra Treviño\n\n"
        "De: Sunny Chen <sunny.chen@lvye-garden.example>\nEnviado: jueves, 5 de febrero de 2026 03:12\n"
        "Para: Alejandra Treviño <atrevino@dfbajio.example>\nAsunto: RE: Orden de compra OC-4398\n\n"
        "Dear Alejandra,\nWell received your PO OC-4398.\n\nBest regards,\nSunny Chen\nSales Department\n"
        "Taizhou Huangyan Lvye Garden Tools Co., Ltd.\nNo. 9 Xinqian Street, Huangyan District, Taizhou 318020, China\n"
        "Tel: +86 576 8412 9930  Mob/WhatsApp: +86 135 8651 2207\n\n"
        "De: Alejandra Treviño <atrevino@dfbajio.example>\nEnviado: martes, 3 de febrero de 2026 18:40\n"
        "Para: Sunny Chen <sunny.chen@lvye-garden.example>\nAsunto: Orden de compra OC-4398\n\n"
        "Hola Sunny:\nLes enviamos la orden de compra OC-4398.\n\nSaludos,\nAlejandra Treviño\n"
    )
    message = _message(body, "Orden de compra OC-4471")
    message.replace_header("To", "Sunny Chen <sunny.chen@lvye-garden.example>")
    seller = extract_order(bytes(message), filename="mail.eml").order.seller
    assert (seller.name, seller.phone, seller.country) == (
        "Taizhou Huangyan Lvye Garden Tools Co., Ltd.",
        "+86 576 8412 9930",
        "CN",
    )
