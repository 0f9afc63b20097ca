"""Orders seen before: the same buyer and order number again is a duplicate, or a revision that shows changes.

Codes: `order.duplicate` (warning), `order.revision` and `order.cancellation` (info).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from models.order import LineItem, Order
from validators.context import CheckContext, PreviousOrder
from validators.issues import Issue, ask, issue
from validators.paths import is_blank, line_number

HEADER_FIELDS: dict[str, Callable[[Order], object]] = {
    "order date": lambda o: o.order_date,
    "delivery date": lambda o: o.delivery_date,
    "currency": lambda o: o.currency,
    "Incoterms": lambda o: " ".join(str(p) for p in (o.incoterms.rule, o.incoterms.place) if p) or None,
    "payment terms": lambda o: o.payment_terms.text or o.payment_terms.method,
    "ship-to address": lambda o: o.ship_to.address,
    "port of discharge": lambda o: o.port_of_discharge,
    "forwarder": lambda o: o.forwarder,
    "packaging": lambda o: o.packaging,
    "shipping marks": lambda o: o.shipping_marks,
    "total": lambda o: o.total_amount,
}
"""Order-level values compared between an order and its earlier version (name -> getter)."""
LINE_FIELDS = ("quantity", "unit_price", "delivery_date", "unit")


def check_duplicates(order: Order, ctx: CheckContext) -> list[Issue]:
    """Compare with the latest earlier order of the same buyer and order number, if the registry has one."""
    if ctx.registry is None or is_blank(order.order_number):
        return []
    number = str(order.order_number)
    previous = ctx.registry.find_previous(order.buyer.name, number, exclude_sha256=ctx.sha256)
    if previous is None:
        return []
    changes = describe_changes(previous.order, order)
    received = previous.received_at.date()
    seen = f"Order {number} was already received on {received.isoformat()}{_source(previous)}"
    if ctx.document.doc_type == "order_cancellation":
        return [issue("order.cancellation", "info", "order_number", f"{seen}; this document cancels it.")]
    if (order.revision or ctx.document.doc_type == "order_change") and changes:
        label = f"Revision {order.revision}" if order.revision else "Change"
        message = f"{label} of order {number} (first received on {received.isoformat()}): {'; '.join(changes)}."
        return [issue("order.revision", "info", "order_number", message)]
    detail = f"; changes: {'; '.join(changes)}." if changes else "; the content is the same."
    question = ask("issues.order.duplicate", order_number=number, date=received)
    return [issue("order.duplicate", "warning", "order_number", seen + detail, question)]


def _source(previous: PreviousOrder) -> str:
    return f" ({previous.source})" if previous.source else ""


def _show(value: object) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _differs(old: object, new: object) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.split()).casefold() != " ".join(new.split()).casefold()
    return old != new


def describe_changes(previous: Order, current: Order) -> list[str]:
    """What changed from an earlier version of an order, one phrase per change (`line 1 quantity 500 -> 600`)."""
    changes = [
        f"{name} {_show(get(previous))} -> {_show(get(current))}"
        for name, get in HEADER_FIELDS.items()
        if _differs(get(previous), get(current))
    ]
    return changes + _line_changes(previous.line_items, current.line_items)


def _line_key(line: LineItem, index: int) -> str:
    for value in (line.sku, line.customer_sku, line.description):
        if value:
            return " ".join(value.split()).casefold()
    return f"#{line_number(line, index)}"


def _line_changes(before: list[LineItem], after: list[LineItem]) -> list[str]:
    old = {_line_key(line, i): (i, line) for i, line in enumerate(before)}
    new = {_line_key(line, i): (i, line) for i, line in enumerate(after)}
    changes: list[str] = []
    for key, (index, line) in new.items():
        name = f"line {line_number(line, index)}" + (f" ({line.sku})" if line.sku else "")
        if key not in old:
            changes.append(f"{name} added")
            continue
        earlier = old[key][1]
        changes += [
            f"{name} {attr.replace('_', ' ')} {_show(getattr(earlier, attr))} -> {_show(getattr(line, attr))}"
            for attr in LINE_FIELDS
            if _differs(getattr(earlier, attr), getattr(line, attr))
        ]
    for key, (index, line) in old.items():
        if key not in new:
            changes.append(f"line {line_number(line, index)}" + (f" ({line.sku})" if line.sku else "") + " removed")
    return changes
