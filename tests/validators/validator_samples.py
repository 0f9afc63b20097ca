"""Orders and a small in-memory order registry for the validator tests."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from models.document import DocumentInfo
from models.order import Incoterms, Instalment, LineItem, Order, Party, PaymentTerms
from validators.context import PreviousOrder

TODAY = date(2026, 3, 16)


def clean_order() -> Order:
    """A realistic, complete FOB order from a German buyer to a Chinese seller: nothing to report."""
    return Order(
        order_number="4500012345",
        order_date=date(2026, 3, 14),
        buyer=Party(
            name="Hansen Maschinenbau GmbH",
            contact="Hans Müller",
            email="h.mueller@hansen.example",
            phone="+49 711 123456",
            address="Industriestraße 12, 70565 Stuttgart",
            country="DE",
        ),
        seller=Party(name="Ningbo Sunrise Industrial Co., Ltd.", country="CN"),
        ship_to=Party(name="Hansen Lager Hamburg", address="Hafenstraße 1, 20457 Hamburg", country="DE"),
        currency="EUR",
        line_items=[
            LineItem(
                line_no=1,
                sku="LED-PNL-6060",
                description="LED panel light 600x600 40W",
                quantity=Decimal("500"),
                unit="PCE",
                unit_price=Decimal("12.50"),
                amount=Decimal("6250.00"),
            ),
            LineItem(
                line_no=2,
                sku="LED-DRV-40",
                description="LED driver 40W",
                quantity=Decimal("500"),
                unit="PCE",
                unit_price=Decimal("3.15"),
                amount=Decimal("1575.00"),
            ),
        ],
        subtotal=Decimal("7825.00"),
        total_amount=Decimal("7825.00"),
        incoterms=Incoterms(rule="FOB", place="Ningbo", version="2020", text="FOB Ningbo Incoterms 2020"),
        payment_terms=PaymentTerms(
            text="30% T/T deposit, balance against copy of B/L",
            method="TT",
            deposit_percent=Decimal("30"),
            trigger="against_bl_copy",
            instalments=[
                Instalment(percent=Decimal("30"), method="TT", trigger="with_order"),
                Instalment(percent=Decimal("70"), method="TT", trigger="against_bl_copy"),
            ],
        ),
        delivery_date=date(2026, 5, 15),
        shipping_method="sea",
        port_of_loading="Ningbo",
        port_of_discharge="Hamburg",
        partial_shipment=False,
        transshipment=True,
        packaging="Export carton, max 20 kg",
        shipping_marks="HANSEN / 4711 / C/NO. 1-UP",
        forwarder="Kuehne + Nagel Shanghai",
        documents_required="Commercial invoice, packing list, B/L",
    )


def order_document(language: str = "de", doc_type: str = "purchase_order") -> DocumentInfo:
    """The document information of an order."""
    return DocumentInfo(doc_type=doc_type, language=language, sha256="b" * 64)  # type: ignore[arg-type]


class InMemoryRegistry:
    """The OrderRegistry protocol over a list, newest last (the SQLite store is tested elsewhere)."""

    def __init__(self) -> None:
        self.orders: list[PreviousOrder] = []

    def add(self, order: Order, received_at: datetime, sha256: str, source: str | None = None) -> None:
        """Remember an order as received."""
        self.orders.append(PreviousOrder(received_at=received_at, sha256=sha256, source=source, order=order))

    def find_previous(
        self, buyer_name: str | None, order_number: str, exclude_sha256: str | None = None
    ) -> PreviousOrder | None:
        """The latest matching order other than the excluded file."""
        for previous in reversed(self.orders):
            same_buyer = buyer_name is None or (previous.order.buyer.name or "").casefold() == buyer_name.casefold()
            if same_buyer and previous.order.order_number == order_number and previous.sha256 != exclude_sha256:
                return previous
        return None
