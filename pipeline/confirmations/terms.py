"""Terms of delivery and payment as labelled rows: Incoterms, payment terms, dates, shipment, packing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from models.order import Order
from pipeline.confirmations.formatting import LocaleFormatter
from pipeline.confirmations.messages import MessageCatalog, fill
from pipeline.confirmations.safe_text import clean_text, optional_text

BUYER_BOOKS_CARRIAGE = frozenset({"EXW", "FCA", "FAS", "FOB"})


@dataclass(frozen=True)
class LabeledValue:
    """A label and its formatted value."""

    label: str
    value: str


def incoterms_text(order: Order, messages: MessageCatalog) -> str:
    """Word the Incoterms as `FOB Ningbo, Incoterms® 2020`; the version only when the order states it."""
    incoterms = order.incoterms
    if not incoterms.rule:
        return optional_text(incoterms.text)
    words = " ".join(part for part in (clean_text(incoterms.rule), optional_text(incoterms.place)) if part)
    if incoterms.version:
        version = fill(messages.values.incoterms_version, version=clean_text(incoterms.version))
        return f"{words}, {version}"
    return words


def payment_text(order: Order, messages: MessageCatalog) -> str:
    """Return the payment terms as the customer wrote them, else the method in our words."""
    terms = order.payment_terms
    if terms.text:
        return clean_text(terms.text)
    return messages.payment.methods.get(terms.method or "", optional_text(terms.method))


def term_rows(order: Order, fmt: LocaleFormatter, messages: MessageCatalog) -> Iterator[LabeledValue]:
    """Yield the rows of the terms section.

    Incoterms, payment terms, delivery date, packaging and shipping marks always show (`to be confirmed` when
    missing); the forwarder shows when given or when the buyer books main carriage; the rest only when given.
    """
    labels, pending = messages.terms, messages.values.pending
    yield LabeledValue(labels.incoterms, incoterms_text(order, messages) or pending)
    yield LabeledValue(labels.payment_terms, payment_text(order, messages) or pending)
    delivery = fmt.date(order.delivery_date) if order.delivery_date else pending
    yield LabeledValue(labels.delivery_date, delivery)
    if order.shipping_method:
        method = messages.transport.get(order.shipping_method, clean_text(order.shipping_method))
        yield LabeledValue(labels.shipping_method, method)
    ports = (
        (labels.port_of_loading, order.port_of_loading),
        (labels.port_of_discharge, order.port_of_discharge),
    )
    for label, value in ports:
        if value:
            yield LabeledValue(label, clean_text(value))
    flags = ((labels.partial_shipment, order.partial_shipment), (labels.transshipment, order.transshipment))
    for label, flag in flags:
        if flag is not None:
            yield LabeledValue(label, messages.values.allowed if flag else messages.values.not_allowed)
    if order.forwarder or (order.incoterms.rule or "").upper() in BUYER_BOOKS_CARRIAGE:
        yield LabeledValue(labels.forwarder, optional_text(order.forwarder) or pending)
    yield LabeledValue(labels.packaging, optional_text(order.packaging) or pending)
    yield LabeledValue(labels.shipping_marks, optional_text(order.shipping_marks) or pending)
    for label, text in ((labels.documents_required, order.documents_required), (labels.notes, order.notes)):
        if text:
            yield LabeledValue(label, clean_text(text))
