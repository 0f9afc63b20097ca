"""The expected extraction result of a spec, built with the project's pydantic models."""

from __future__ import annotations

from typing import Any, cast

from generator.model import OrderSpec, PartySpec
from models.document import DocType, DocumentInfo, DocumentKind
from models.order import Incoterms, Instalment, LineItem, Order, Party, PaymentTerms
from models.result import ExtractionResult

KINDS: dict[str, DocumentKind] = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "txt": "text"}
"""File extension -> document kind."""


def _party(party: PartySpec | None) -> Party:
    if party is None:
        return Party()
    return Party(
        name=party.name,
        contact=party.contact,
        email=party.email,
        phone=party.phone,
        address=party.address or None,
        country=party.country,
        vat_id=party.vat_id,
    )


def _payment(spec: OrderSpec) -> PaymentTerms:
    pay = spec.payment
    if pay is None:
        return PaymentTerms()
    return PaymentTerms(
        text=pay.text,
        method=pay.method,
        deposit_percent=pay.deposit_percent,
        days=pay.days,
        trigger=pay.trigger,
        lc_type=pay.lc_type,
        instalments=[
            Instalment(percent=i.percent, method=i.method, trigger=i.trigger, days=i.days, text=i.text)
            for i in pay.instalments
        ],
        issuing_bank=pay.issuing_bank,
        lc_expiry=pay.lc_expiry,
        latest_shipment_date=pay.latest_shipment_date,
    )


RULE_PORTS = {"FAS": "port_of_loading", "FOB": "port_of_loading", "CFR": "port_of_discharge", "CIF": "port_of_discharge"}


def rule_port(spec: OrderSpec, field: str) -> str | None:
    """The port a sea rule's named place is (FOB Ningbo: loading at Ningbo), when the order ships by sea."""
    inc = spec.incoterms
    if inc is None or RULE_PORTS.get(inc.rule or "") != field or spec.shipping_method not in (None, "sea"):
        return None
    return inc.place


def order_of(spec: OrderSpec) -> Order:
    """The normalized order a perfect extractor reads from the document of this spec."""
    inc = spec.incoterms
    return Order(
        order_number=spec.order_number,
        order_date=spec.order_date,
        buyer=_party(spec.buyer),
        seller=_party(spec.seller),
        ship_to=_party(spec.ship_to),
        currency=spec.currency,
        line_items=[
            LineItem(
                line_no=line.line_no,
                sku=line.sku,
                customer_sku=line.customer_sku,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_text=line.unit_text,
                unit_price=line.unit_price,
                amount=line.amount,
                delivery_date=line.delivery_date,
                hs_code=line.hs_code,
            )
            for line in spec.lines
        ],
        subtotal=spec.subtotal,
        tax_amount=spec.tax_amount,
        total_amount=spec.total_amount,
        incoterms=Incoterms(rule=inc.rule, place=inc.place, version=inc.version, text=inc.text) if inc else Incoterms(),
        payment_terms=_payment(spec),
        delivery_date=spec.delivery_date,
        shipping_method=spec.shipping_method,
        port_of_loading=spec.port_of_loading or rule_port(spec, "port_of_loading"),
        port_of_discharge=spec.port_of_discharge or rule_port(spec, "port_of_discharge"),
        partial_shipment=spec.partial_shipment,
        transshipment=spec.transshipment,
        packaging=spec.packaging,
        shipping_marks=" / ".join(spec.shipping_marks) or None,
        forwarder=spec.forwarder,
        documents_required=spec.documents_required,
        notes=spec.notes,
    )


def expected_for(spec: OrderSpec, extension: str, pages: int | None = None) -> dict[str, Any]:
    """The expected.json content of a case.

    Orders hold `document` (kind, doc_type, language, pages) and the full `order`; documents that are not
    orders hold only the document's kind, type and language.

    Args:
        spec: The case's spec.
        extension: The input file's extension ("pdf", "docx", "xlsx", "txt").
        pages: Page count of a PDF; None for formats without fixed pages.

    Returns:
        A JSON-ready dict, valid against `ExtractionResult`.
    """
    kind = KINDS[extension]
    if spec.doc_type != "purchase_order":
        document = DocumentInfo(kind=kind, doc_type=cast(DocType, spec.doc_type), language=spec.language)
        result = ExtractionResult(document=document)
        return result.model_dump(mode="json", include={"document": {"kind", "doc_type", "language"}})
    document = DocumentInfo(kind=kind, doc_type="purchase_order", language=spec.language, pages=pages)
    result = ExtractionResult(document=document, order=order_of(spec))
    return result.model_dump(
        mode="json", include={"document": {"kind", "doc_type", "language", "pages"}, "order": True}
    )
