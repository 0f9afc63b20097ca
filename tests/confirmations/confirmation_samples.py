"""Realistic orders in each confirmation language, and readers that take the rendered files apart again."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import docx
import pypdfium2

from models.document import DocumentInfo
from models.findings import MissingItem
from models.order import Incoterms, LineItem, Order, Party, PaymentTerms
from models.result import ExtractionResult

HOSTILE = "{{7*7}} ${jndi:x} <script>alert(1)</script> =cmd|' /C calc'!A0"
TODAY = date(2026, 3, 16)


@dataclass(frozen=True)
class Buyer:
    """One buyer per language: who orders, in which currency, and the questions in their language."""

    language: str
    name: str
    contact: str
    address: str
    country: str
    currency: str
    po_number: str
    descriptions: tuple[str, str, str]
    questions: tuple[str, str]
    total: str
    """The order total (18750) as a native order desk prints it in that locale."""
    deposit: str
    """30 % of the total, formatted the same way."""


BUYERS = {
    "en": Buyer("en", "Brightline Lighting Ltd", "Sarah Jones", "Unit 4, Riverside Park\nManchester M17 1AA", "GB",
                "GBP", "BL-20417", ("LED panel 600x600 40W", "LED downlight 12W", "Emergency driver 3h"),
                ("Which shipping marks should be printed on the cartons?",
                 "Which forwarder should we hand the goods over to in Ningbo?"), "£18,750.00", "£5,625.00"),
    "de": Buyer("de", "Hansen Maschinenbau GmbH", "Hans Müller", "Industriestraße 12\n70565 Stuttgart", "DE", "EUR",
                "4500012345", ("LED-Panel 600x600 40W", "LED-Downlight 12W", "Notlicht-Treiber 3h"),
                ("Welche Versandmarkierung soll auf die Kartons gedruckt werden?",
                 "Welchen Spediteur in Ningbo sollen wir mit der Übernahme beauftragen?"), "18.750,00 €", "5.625,00 €"),
    "fr": Buyer("fr", "Lumière Industrie SARL", "Claire Dubois", "12 rue des Forges\n69007 Lyon", "FR", "EUR",
                "CMD-2026-0311", ("Panneau LED 600x600 40W", "Spot LED encastrable 12W", "Kit de secours 3h"),
                ("Quel marquage doit figurer sur les cartons ?",
                 "À quel transitaire devons-nous remettre la marchandise à Ningbo ?"), "18 750,00 €", "5 625,00 €"),
    "es": Buyer("es", "Iluminaciones Costa S.L.", "Javier García", "Calle Mayor 45\n28013 Madrid", "ES", "EUR",
                "PED-7781", ("Panel LED 600x600 40W", "Downlight LED 12W", "Kit de emergencia 3h"),
                ("¿Qué marcas de envío deben imprimirse en las cajas?",
                 "¿A qué transitario debemos entregar la mercancía en Ningbo?"), "18.750,00 €", "5.625,00 €"),
    "it": Buyer("it", "Luce Italia S.r.l.", "Giulia Rossi", "Via Roma 10\n20121 Milano", "IT", "EUR", "ORD-5523",
                ("Pannello LED 600x600 40W", "Faretto LED 12W", "Kit di emergenza 3h"),
                ("Quale marcatura deve essere stampata sui cartoni?",
                 "A quale spedizioniere dobbiamo consegnare la merce a Ningbo?"), "18.750,00 €", "5.625,00 €"),
    "pt": Buyer("pt", "Iluminação Paulista Ltda.", "João Silva", "Av. Paulista 1000\nSão Paulo - SP, 01310-100", "BR",
                "USD", "PC-99812", ("Painel LED 600x600 40W", "Downlight LED 12W", "Kit de emergência 3h"),
                ("Que marcação deve ser impressa nas caixas?",
                 "A que agente de cargas devemos entregar a mercadoria em Ningbo?"), "US$ 18.750,00", "US$ 5.625,00"),
    "nl": Buyer("nl", "Van Dijk Verlichting B.V.", "Pieter de Vries", "Keizersgracht 100\n1015 AA Amsterdam", "NL",
                "EUR", "PO-NL-3321", ("LED-paneel 600x600 40W", "LED-downlight 12W", "Noodverlichtingsset 3u"),
                ("Welke verzendmarkering moet op de dozen worden gedrukt?",
                 "Aan welke expediteur in Ningbo moeten wij de goederen overdragen?"), "€ 18.750,00", "€ 5.625,00"),
    "zh": Buyer("zh", "上海明辉照明有限公司", "王伟", "上海市浦东新区张江路88号", "CN", "CNY", "SH-20260314-01",
                ("LED平板灯 600x600 40W", "LED筒灯 12W", "应急电源 3小时"),
                ("纸箱上需要印刷什么唛头？", "我们应将货物交给宁波的哪家货代？"), "¥18,750.00", "¥5,625.00"),
}  # fmt: skip
LANGUAGES = tuple(BUYERS)


def make_result(language: str, **order_changes: object) -> ExtractionResult:
    """A `needs_review` order from the language's buyer: 3 lines (18,750 in total), FOB, 30 % deposit."""
    buyer = BUYERS[language]
    lines = [
        LineItem(line_no=1, sku="LED-PNL-6060", description=buyer.descriptions[0], quantity=Decimal("500"),
                 unit="PCE", unit_price=Decimal("12.50"), amount=Decimal("6250.00")),
        LineItem(line_no=2, sku="LED-DL-12", description=buyer.descriptions[1], quantity=Decimal("1000"),
                 unit="PCE", unit_price=Decimal("6.25"), amount=Decimal("6250.00")),
        LineItem(line_no=3, sku="EM-KIT-3H", description=buyer.descriptions[2], quantity=Decimal("250"),
                 unit="SET", unit_price=Decimal("25.00"), amount=Decimal("6250.00")),
    ]  # fmt: skip
    order = Order(
        order_number=buyer.po_number,
        order_date=date(2026, 3, 14),
        buyer=Party(
            name=buyer.name,
            contact=buyer.contact,
            email=f"orders@{language}.buyer.example",
            address=buyer.address,
            country=buyer.country,
        ),
        ship_to=Party(name=buyer.name, address=buyer.address, country=buyer.country),
        currency=buyer.currency,
        line_items=lines,
        total_amount=Decimal("18750.00"),
        incoterms=Incoterms(rule="FOB", place="Ningbo", version="2020"),
        payment_terms=PaymentTerms(method="TT", deposit_percent=Decimal("30"), trigger="before_shipment"),
        delivery_date=date(2026, 5, 15),
        shipping_method="sea",
        packaging="Export carton",
    )
    order = order.model_copy(update=order_changes)
    missing = [
        MissingItem(field="shipping_marks", question=buyer.questions[0], language=language),
        MissingItem(field="forwarder", question=buyer.questions[1], language=language),
    ]
    document = DocumentInfo(source=f"inbox/{buyer.po_number}.pdf", sha256="5e" * 32, kind="pdf",
                            doc_type="purchase_order", language=language)  # fmt: skip
    return ExtractionResult(status="needs_review", document=document, order=order, missing=missing)


def squash(text: str) -> str:
    """Text with every run of whitespace (including no-break and narrow spaces) as one plain space."""
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def pdf_pages(data: bytes) -> list[str]:
    """The text of each PDF page, as a reader (or a search) would get it."""
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def docx_text(data: bytes) -> str:
    """All text of a DOCX: body paragraphs, table cells, headers and footers."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in (*section.header.paragraphs, *section.footer.paragraphs)]
    return "\n".join(parts)
