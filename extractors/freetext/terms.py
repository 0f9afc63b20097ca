"""Order facts in sentences: the referenced order number, payment terms, and the changes a reply asks for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.freetext.items import choose_quantity, read_moneys
from extractors.freetext.spans import Found, unit_of
from extractors.normalize.dates import parse_date
from extractors.normalize.payment import parse_payment_terms
from models.order import PaymentTerms

_PAYMENT_START = re.compile(r"\d{1,3}\s?%|\b[A-Z]{1,3}/[A-Z]{1,3}\b|\b(?:TT|LC|CAD|CIA)\b")
STRONG_METHODS = frozenset({"TT", "LC", "DP", "DA"})


def order_reference(found: Found) -> str | None:
    """An order number named after an order label or title ("PO 4711", "Bestellung Nr. 4500012345")."""
    for span in found.spans_of("ORDER_REF"):
        identifier = span[-1].text
        if sum(ch.isdigit() for ch in identifier) >= 3:
            return identifier
    return None


def payment_in_sentence(found: Found) -> PaymentTerms | None:
    """Payment terms written in a sentence ("we will pay 30% T/T in advance, balance against B/L copy")."""
    if not found.ents_of("PAYMENT"):
        return None
    text = found.doc.text
    match = _PAYMENT_START.search(text)
    named = found.ents_of("PAYMENT")[0].start_char  # "comptant contre documents (CAD)": from the first of both
    start = min(match.start(), named) if match else named
    phrase = text[start:].strip().rstrip(".。")
    terms = parse_payment_terms(phrase)
    detailed = terms.trigger or terms.deposit_percent is not None or terms.days is not None or terms.lc_type
    if terms.method is None or not (detailed or terms.method in STRONG_METHODS):
        return None
    terms.text = phrase
    return terms


@dataclass(slots=True)
class Change:
    """One change a message asks for, as `describe_changes` words it ("line 2 quantity 500 -> 800")."""

    target: str
    field: str
    old: str | None
    new: str

    def __str__(self) -> str:
        """The change as one phrase."""
        old = f" {self.old}" if self.old else ""
        return f"{self.target} {self.field}{old} -> {self.new}"


def _plain(value: Decimal | None) -> str | None:
    return format(value, "f") if value is not None else None


def change_in_sentence(found: Found, date_order: str) -> Change | None:
    """The change a sentence with a change marker asks for: which line, which field, the new value."""
    if not found.ents_of("CHANGE"):
        return None
    target = _target(found)
    if target is None:
        return None
    quantities = [s for s in found.spans_of("QTY", "QTY_LABELLED") if unit_of(s) is not None or len(s) > 1]
    if quantities or choose_quantity(found, []) is not None:
        values = [_plain(found.number(s)) for s in quantities]
        return Change(target, "quantity", values[0] if len(values) > 1 else None, values[-1] or "")
    moneys = read_moneys(found)
    if moneys:
        values = [_plain(m.value) for m in moneys]
        return Change(target, "unit price", values[0] if len(values) > 1 else None, values[-1] or "")
    dates = [t for t in found.doc if t._.kind == "date"]
    parsed = parse_date(dates[-1].text, date_order=date_order) if dates else parse_date(found.doc.text)
    if parsed is not None:
        return Change(target, "delivery date", None, parsed.value.isoformat())
    return None


def _target(found: Found) -> str | None:
    refs = found.spans_of("LINE_REF")
    if refs:
        number = found.number(refs[0])
        return f"line {_plain(number)}" if number is not None else None
    skus = found.spans_of("SKU", "SKU_LABELLED")
    return skus[0][-1].text if skus else None
