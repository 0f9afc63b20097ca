"""The order: parties, lines, terms. Values are normalized (ISO dates and codes, decimal strings)."""

from datetime import date

from pydantic import BaseModel, Field

from models.types import Dec


class Party(BaseModel):
    """A buyer, seller or ship-to party."""

    name: str | None = None
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    country: str | None = None
    vat_id: str | None = None


class LineItem(BaseModel):
    """One ordered line."""

    line_no: int | None = None
    sku: str | None = None
    customer_sku: str | None = None
    description: str | None = None
    quantity: Dec | None = None
    unit: str | None = None
    unit_text: str | None = None
    unit_price: Dec | None = None
    amount: Dec | None = None
    delivery_date: date | None = None
    hs_code: str | None = None


class Incoterms(BaseModel):
    """The Incoterms rule with its named place."""

    rule: str | None = None
    place: str | None = None
    version: str | None = None
    text: str | None = None


class Instalment(BaseModel):
    """One part of a split payment ("30% deposit", "70% against copy of B/L")."""

    percent: Dec | None = None
    method: str | None = None
    trigger: str | None = None
    days: Dec | None = None
    text: str | None = None


class PaymentTerms(BaseModel):
    """How and when the seller gets paid."""

    text: str | None = None
    method: str | None = None
    deposit_percent: Dec | None = None
    days: Dec | None = None
    trigger: str | None = None
    lc_type: str | None = None
    instalments: list[Instalment] = Field(default_factory=list)
    issuing_bank: str | None = None
    lc_expiry: date | None = None
    latest_shipment_date: date | None = None


class Order(BaseModel):
    """A purchase order as read from the document."""

    order_number: str | None = None
    order_date: date | None = None
    revision: str | None = None
    buyer: Party = Field(default_factory=Party)
    seller: Party = Field(default_factory=Party)
    ship_to: Party = Field(default_factory=Party)
    currency: str | None = None
    line_items: list[LineItem] = Field(default_factory=list)
    subtotal: Dec | None = None
    tax_amount: Dec | None = None
    total_amount: Dec | None = None
    incoterms: Incoterms = Field(default_factory=Incoterms)
    payment_terms: PaymentTerms = Field(default_factory=PaymentTerms)
    delivery_date: date | None = None
    shipping_method: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    partial_shipment: bool | None = None
    transshipment: bool | None = None
    packaging: str | None = None
    shipping_marks: str | None = None
    forwarder: str | None = None
    documents_required: str | None = None
    notes: str | None = None
