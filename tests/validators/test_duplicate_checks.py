"""Duplicates and revisions against an order registry (a small in-memory one; the SQLite store is separate)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from validator_samples import InMemoryRegistry, clean_order

from models.document import DocumentInfo
from models.order import LineItem, Order
from validators import CheckContext, OrderRegistry
from validators.duplicates import check_duplicates, describe_changes

RECEIVED = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


def with_registry(ctx: CheckContext, *orders: Order, doc_type: str = "purchase_order") -> CheckContext:
    registry = InMemoryRegistry()
    for index, previous in enumerate(orders):
        registry.add(previous, RECEIVED, sha256=f"{index:064x}", source=f"inbox/po-{index}.pdf")
    assert isinstance(registry, OrderRegistry)
    document = DocumentInfo(doc_type=doc_type)  # type: ignore[arg-type]
    return ctx.model_copy(update={"registry": registry, "sha256": "f" * 64, "document": document})


def test_no_registry_or_no_previous_order(order: Order, ctx: CheckContext) -> None:
    assert check_duplicates(order, ctx) == []
    other = clean_order()
    other.order_number = "4500099999"
    assert check_duplicates(order, with_registry(ctx, other)) == []


def test_same_buyer_and_number_is_a_duplicate(order: Order, ctx: CheckContext) -> None:
    found = check_duplicates(order, with_registry(ctx, clean_order()))
    assert [(f.code, f.field, f.severity) for f in found] == [("order.duplicate", "order_number", "warning")]
    assert "already received on 2026-03-10" in found[0].message
    assert "inbox/po-0.pdf" in found[0].message and "the same" in found[0].message


def test_other_buyer_with_same_number_is_not_a_duplicate(order: Order, ctx: CheckContext) -> None:
    other = clean_order()
    other.buyer.name = "Another Buyer Ltd."
    assert check_duplicates(order, with_registry(ctx, other)) == []


def test_the_same_file_is_not_its_own_duplicate(order: Order, ctx: CheckContext) -> None:
    registry_ctx = with_registry(ctx, clean_order())
    registry_ctx.sha256 = f"{0:064x}"
    assert check_duplicates(order, registry_ctx) == []


def test_duplicate_with_changes_lists_them(order: Order, ctx: CheckContext) -> None:
    order.line_items[0].quantity = Decimal("600")
    order.delivery_date = date(2026, 5, 30)
    (found,) = check_duplicates(order, with_registry(ctx, clean_order()))
    assert found.code == "order.duplicate"
    assert "line 1 (LED-PNL-6060) quantity 500 -> 600" in found.message
    assert "delivery date 2026-05-15 -> 2026-05-30" in found.message


def test_revision_shows_what_changed(order: Order, ctx: CheckContext) -> None:
    order.revision = "2"
    order.line_items[1].unit_price = Decimal("3.05")
    order.line_items.append(LineItem(line_no=3, sku="LED-CLIP", quantity=Decimal("1000"), unit_price=Decimal("0.1")))
    (found,) = check_duplicates(order, with_registry(ctx, clean_order()))
    assert (found.code, found.field, found.severity) == ("order.revision", "order_number", "info")
    assert "Revision 2" in found.message
    assert "line 2 (LED-DRV-40) unit price 3.15 -> 3.05" in found.message and "line 3 (LED-CLIP) added" in found.message


def test_order_change_document_is_a_revision(order: Order, ctx: CheckContext) -> None:
    order.currency = "USD"
    (found,) = check_duplicates(order, with_registry(ctx, clean_order(), doc_type="order_change"))
    assert found.code == "order.revision" and "currency EUR -> USD" in found.message


def test_unchanged_revision_is_still_a_duplicate(order: Order, ctx: CheckContext) -> None:
    order.revision = "2"
    (found,) = check_duplicates(order, with_registry(ctx, clean_order()))
    assert found.code == "order.duplicate"


def test_cancellation_of_a_known_order(order: Order, ctx: CheckContext) -> None:
    (found,) = check_duplicates(order, with_registry(ctx, clean_order(), doc_type="order_cancellation"))
    assert (found.code, found.severity) == ("order.cancellation", "info")


def test_describe_changes_notes_removed_lines() -> None:
    before, after = clean_order(), clean_order()
    after.line_items.pop()
    assert describe_changes(before, after) == ["line 2 (LED-DRV-40) removed"]
