"""Order specs: what one simulated document says, as normalized values plus the texts it prints.

A spec holds exactly what the document prints: a field that is None is not printed at all. Layouts decide
where and how things are printed; renderers draw them; `expected.expected_for` turns a spec into the
expected extraction result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class PartySpec:
    """A party block as printed.

    Attributes:
        name: Company name.
        address_lines: Street, postcode and city lines, without name and country.
        country: ISO 3166-1 alpha-2 when the country is printed, else None.
        country_text: The country as printed (its own line), or None.
        contact: Person as printed, or None.
        email: E-mail as printed, or None.
        phone: Phone number as printed, or None.
        fax: Fax number as printed (not part of the contract), or None.
        vat_id: VAT/tax number as printed, or None.
        vat_label: The company's own label for its tax number, None for the phrasebook's.
    """

    name: str
    address_lines: tuple[str, ...]
    country: str | None = None
    country_text: str | None = None
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    fax: str | None = None
    vat_id: str | None = None
    vat_label: str | None = None

    @property
    def address(self) -> str:
        """The address lines joined with ", " (the contract's one-line address)."""
        return ", ".join(self.address_lines)


@dataclass(frozen=True)
class LineSpec:
    """One order line; numbers carry their printed precision."""

    line_no: int | None
    sku: str | None
    customer_sku: str | None
    description: str
    quantity: Decimal
    unit: str | None
    unit_text: str | None
    unit_price: Decimal
    amount: Decimal
    delivery_date: date | None = None
    hs_code: str | None = None


@dataclass(frozen=True)
class IncotermsSpec:
    """The Incoterms phrase: `text` is printed, the rest is what it means."""

    rule: str
    place: str
    version: str | None
    text: str


@dataclass(frozen=True)
class InstalmentSpec:
    """One part of a split payment."""

    percent: Decimal
    method: str
    trigger: str | None
    days: Decimal | None
    text: str


@dataclass(frozen=True)
class PaymentSpec:
    """Payment terms: `text` is printed after the label, the rest is what it means."""

    text: str
    method: str
    deposit_percent: Decimal | None = None
    days: Decimal | None = None
    trigger: str | None = None
    lc_type: str | None = None
    instalments: tuple[InstalmentSpec, ...] = ()
    issuing_bank: str | None = None
    lc_expiry: date | None = None
    latest_shipment_date: date | None = None


@dataclass(frozen=True)
class LocaleStyle:
    """How numbers, dates and the currency are printed.

    Attributes:
        number_style: Key of `formats.NUMBER_STYLES`.
        date_style: One of `formats.DATE_STYLES`.
        currency_print: The currency as printed ("EUR", "€", "US$", "$", "RMB", "¥", "£").
        currency_placement: "header" (a currency field), "columns" (in price/amount column headers),
            "totals" (before or after the totals amounts), or "amounts" (with every price and amount).
        currency_prefix: Currency sign before the number rather than after.
    """

    number_style: str
    date_style: str
    currency_print: str
    currency_placement: str = "header"
    currency_prefix: bool = True


@dataclass(frozen=True)
class OrderSpec:
    """Everything one simulated document prints.

    `doc_kind` is what the document is in the world (purchase_order, quotation, proforma, confirmation,
    delivery_note); `doc_type` is its contract value. Terms fields are None when the document does not
    print them.
    """

    case_id: str
    language: str
    doc_kind: str
    doc_type: str
    order_number: str
    order_date: date
    buyer: PartySpec
    seller: PartySpec
    ship_to: PartySpec | None
    currency: str | None
    lines: tuple[LineSpec, ...]
    total_amount: Decimal
    locale: LocaleStyle
    subtotal: Decimal | None = None
    tax_rate: Decimal | None = None
    tax_amount: Decimal | None = None
    freight: Decimal | None = None
    incoterms: IncotermsSpec | None = None
    payment: PaymentSpec | None = None
    delivery_date: date | None = None
    shipping_method: str | None = None
    transport_text: str | None = None
    transport_prose: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    partial_shipment: bool | None = None
    transshipment: bool | None = None
    packaging: str | None = None
    shipping_marks: tuple[str, ...] = ()
    forwarder: str | None = None
    documents_required: str | None = None
    notes: str | None = None
    supplier_number: str | None = None
    reference: str | None = None
    extras: dict[str, str] = field(default_factory=dict)
