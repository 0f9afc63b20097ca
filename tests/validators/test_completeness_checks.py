"""Completeness against the policy, conditional rules, line fields, and doubtful values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from models.document import DocumentInfo
from models.order import LineItem, Order, Party
from models.result import Evidence
from validators import CheckContext
from validators.completeness import check_completeness, check_confidence


def missing_fields(order: Order, ctx: CheckContext) -> dict[str, str]:
    return {f.field or "": f.severity for f in check_completeness(order, ctx) if f.code == "completeness.missing"}


def test_clean_order_lacks_nothing(order: Order, ctx: CheckContext) -> None:
    assert missing_fields(order, ctx) == {}


@pytest.mark.parametrize(
    ("attribute", "field"),
    [
        ("order_number", "order_number"),
        ("order_date", "order_date"),
        ("currency", "currency"),
        ("delivery_date", "delivery_date"),
    ],
)
def test_required_header_field_missing_is_an_error(order: Order, ctx: CheckContext, attribute: str, field: str) -> None:
    setattr(order, attribute, None)
    assert missing_fields(order, ctx) == {field: "error"}


def test_blank_string_counts_as_missing(order: Order, ctx: CheckContext) -> None:
    order.order_number = "  "
    assert missing_fields(order, ctx) == {"order_number": "error"}


def test_incoterms_and_payment_method_are_required(order: Order, ctx: CheckContext) -> None:
    order.incoterms.place = None
    order.payment_terms.method = None
    assert missing_fields(order, ctx) == {"incoterms.place": "error", "payment_terms.method": "error"}


def test_recommended_field_missing_is_a_warning(order: Order, ctx: CheckContext) -> None:
    order.shipping_marks = None
    order.partial_shipment = None
    assert missing_fields(order, ctx) == {"shipping_marks": "warning", "partial_shipment": "warning"}


def test_buyer_contact_needs_email_or_phone(order: Order, ctx: CheckContext) -> None:
    order.buyer.email = None
    assert missing_fields(order, ctx) == {}
    order.buyer.phone = None
    assert missing_fields(order, ctx) == {"buyer.email": "error"}


def test_email_sender_counts_as_buyer_contact(order: Order, ctx: CheckContext) -> None:
    order.buyer.email = order.buyer.phone = None
    with_sender = ctx.model_copy(update={"document": DocumentInfo(sender="buyer@hansen.example")})
    assert missing_fields(order, with_sender) == {}


def test_destination_from_ship_to_or_port_of_discharge(order: Order, ctx: CheckContext) -> None:
    order.ship_to = Party()
    assert missing_fields(order, ctx) == {}  # the port of discharge tells where the goods go
    order.port_of_discharge = None
    assert missing_fields(order, ctx) == {"ship_to": "error"}


@pytest.mark.parametrize("rule", ["EXW", "FCA", "FAS", "FOB", "fob"])
def test_forwarder_required_for_buyer_booked_carriage(order: Order, ctx: CheckContext, rule: str) -> None:
    order.incoterms.rule = rule
    order.forwarder = None
    assert missing_fields(order, ctx).get("forwarder") == "error"


@pytest.mark.parametrize("rule", ["CPT", "CIF", "DAP", "DDP"])
def test_forwarder_not_required_when_seller_books_carriage(order: Order, ctx: CheckContext, rule: str) -> None:
    order.incoterms.rule = rule
    order.forwarder = None
    assert "forwarder" not in missing_fields(order, ctx)


@pytest.mark.parametrize(("rule", "required"), [("CFR", True), ("CIF", True), ("C&F", True), ("FOB", False)])
def test_port_of_discharge_required_for_cfr_and_cif(order: Order, ctx: CheckContext, rule: str, required: bool) -> None:
    order.incoterms.rule = rule
    order.port_of_discharge = None
    assert ("port_of_discharge" in missing_fields(order, ctx)) is required


def test_each_line_needs_product_quantity_and_price(order: Order, ctx: CheckContext) -> None:
    order.line_items[1].quantity = None
    order.line_items[1].unit_price = None
    order.line_items[0].sku = order.line_items[0].description = None
    assert missing_fields(order, ctx) == {
        "line_items[0].description": "error",
        "line_items[1].quantity": "error",
        "line_items[1].unit_price": "error",
    }


def test_customer_sku_identifies_the_product(order: Order, ctx: CheckContext) -> None:
    order.line_items[0].sku = order.line_items[0].description = None
    order.line_items[0].customer_sku = "HM-778"
    assert missing_fields(order, ctx) == {}


def test_no_lines_is_one_finding(order: Order, ctx: CheckContext) -> None:
    order.line_items = []
    assert missing_fields(order, ctx) == {"line_items": "error"}


def test_delivery_dates_on_every_line_replace_the_header_date(order: Order, ctx: CheckContext) -> None:
    order.delivery_date = None
    for line in order.line_items:
        line.delivery_date = date(2026, 5, 15)
    assert missing_fields(order, ctx) == {}
    order.line_items.append(LineItem(description="Spare part", quantity=1, unit_price=1, amount=1))
    assert missing_fields(order, ctx) == {"delivery_date": "error"}


def test_missing_field_asks_the_rule_specific_question(order: Order, ctx: CheckContext) -> None:
    order.incoterms.rule, order.incoterms.place = "CIF", None
    found = {f.field: f for f in check_completeness(order, ctx)}
    question = found["incoterms.place"].question
    assert question is not None
    assert (question.variant, question.values["rule"]) == ("port_of_destination", "CIF")


def test_low_confidence_value_is_doubtful(order: Order, ctx: CheckContext) -> None:
    evidence = {
        "order_number": Evidence(confidence=0.42, text="45000I2345"),
        "currency": Evidence(confidence=0.99),
        "line_items[1].quantity": Evidence(confidence=0.3),
        "forwarder": Evidence(confidence=0.1),
    }
    order.forwarder = None  # evidence for an absent value is not doubtful
    findings = check_confidence(order, ctx.model_copy(update={"evidence": evidence}))
    assert {(f.code, f.field, f.severity) for f in findings} == {
        ("extraction.low_confidence", "order_number", "warning"),
        ("extraction.low_confidence", "line_items[1].quantity", "warning"),
    }
    by_field = {f.field: f.question for f in findings}
    assert by_field["line_items[1].quantity"] is not None
    assert by_field["line_items[1].quantity"].field == "line_items[1]"  # a doubtful line is confirmed as a whole


def test_confidence_threshold_comes_from_the_policy(order: Order, make_ctx: Callable[..., CheckContext]) -> None:
    ctx = make_ctx(evidence={"order_number": Evidence(confidence=0.7)})
    assert check_confidence(order, ctx) == []
    ctx.policy.min_confidence = 0.8
    assert [f.field for f in check_confidence(order, ctx)] == ["order_number"]
