"""Arithmetic: line amounts and totals, with tolerances; properties over generated orders (hypothesis)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator_samples import TODAY

from models.order import LineItem, Order
from validators import CheckContext
from validators.arithmetic import check_arithmetic, num, sum_tolerance
from validators.policy import load_policy

CENT = Decimal("0.01")
POLICY = load_policy()


def codes(order: Order, ctx: CheckContext) -> set[tuple[str, str | None]]:
    return {(f.code, f.field) for f in check_arithmetic(order, ctx)}


def test_clean_order_adds_up(order: Order, ctx: CheckContext) -> None:
    assert check_arithmetic(order, ctx) == []


def test_wrong_line_amount_is_an_error_with_both_numbers(order: Order, ctx: CheckContext) -> None:
    order.line_items[1].amount = Decimal("1755.00")
    found = check_arithmetic(order, ctx)
    assert [(f.code, f.field, f.severity) for f in found] == [
        ("amounts.line_mismatch", "line_items[1].amount", "error")
    ]
    assert "1575.00" in found[0].message and "1755.00" in found[0].message


def test_one_cent_of_rounding_is_tolerated(order: Order, ctx: CheckContext) -> None:
    order.line_items[0] = LineItem(quantity=Decimal("3"), unit_price=Decimal("0.3333"), amount=Decimal("1.00"))
    order.subtotal = order.total_amount = Decimal("1576.00")
    assert check_arithmetic(order, ctx) == []


def test_price_per_hundred_is_noted_not_an_error(order: Order, ctx: CheckContext) -> None:
    order.line_items[0].unit_price = Decimal("1250.00")  # per 100 pieces
    assert codes(order, ctx) == {("amounts.price_basis", "line_items[0].amount")}


def test_wrong_total_is_an_error_with_both_numbers(order: Order, ctx: CheckContext) -> None:
    order.subtotal = None
    order.total_amount = Decimal("7852.00")
    found = check_arithmetic(order, ctx)
    assert [(f.code, f.field, f.severity) for f in found] == [("amounts.total_mismatch", "total_amount", "error")]
    assert "7825.00" in found[0].message and "7852.00" in found[0].message


def test_wrong_subtotal_is_reported_on_the_subtotal(order: Order, ctx: CheckContext) -> None:
    order.subtotal = Decimal("7800.00")
    assert codes(order, ctx) == {("amounts.total_mismatch", "subtotal")}


def test_total_with_stated_tax(order: Order, ctx: CheckContext) -> None:
    order.tax_amount = Decimal("1486.75")
    order.total_amount = Decimal("9311.75")
    assert check_arithmetic(order, ctx) == []
    order.total_amount = Decimal("9411.75")
    assert codes(order, ctx) == {("amounts.total_mismatch", "total_amount")}


def test_total_including_unstated_tax_is_noted(order: Order, ctx: CheckContext) -> None:
    order.subtotal = None
    order.total_amount = Decimal("9311.75")  # 7825.00 + 19 %
    assert codes(order, ctx) == {("amounts.tax_included", "total_amount")}


def test_a_wrong_line_is_reported_once(order: Order, ctx: CheckContext) -> None:
    order.line_items[0].amount = Decimal("6520.00")  # the totals still fit the recomputed lines
    assert codes(order, ctx) == {("amounts.line_mismatch", "line_items[0].amount")}


def test_line_without_amount_uses_quantity_times_price(order: Order, ctx: CheckContext) -> None:
    order.line_items[1].amount = None
    assert check_arithmetic(order, ctx) == []


def test_line_without_any_numbers_skips_the_totals(order: Order, ctx: CheckContext) -> None:
    order.line_items[1].quantity = order.line_items[1].amount = None
    order.total_amount = Decimal("1")
    assert check_arithmetic(order, ctx) == []


def test_relative_tolerance_is_configurable(order: Order, ctx: CheckContext) -> None:
    order.subtotal, order.total_amount = None, Decimal("7850.00")
    assert codes(order, ctx) == {("amounts.total_mismatch", "total_amount")}
    ctx.policy.amounts.total_relative_tolerance = Decimal("0.005")
    assert check_arithmetic(order, ctx) == []


class OrderWithCharges(Order):
    """An order model that also carries freight and discount amounts (the policy names them)."""

    freight_amount: Decimal | None = None
    discount_amount: Decimal | None = None


def test_stated_freight_and_discount_explain_the_total(order: Order, ctx: CheckContext) -> None:
    charged = OrderWithCharges.model_validate(order.model_dump())
    charged.subtotal = None
    charged.freight_amount, charged.discount_amount = Decimal("350.00"), Decimal("100.00")
    charged.total_amount = Decimal("8075.00")
    assert check_arithmetic(charged, ctx) == []
    charged.discount_amount = None
    assert codes(charged, ctx) == {("amounts.total_mismatch", "total_amount")}


# --- properties ------------------------------------------------------------------------------------------

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100000"), places=3)
prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("50000"), places=4)
lines = st.lists(st.tuples(quantities, prices), min_size=1, max_size=12)
offsets = st.decimals(min_value=Decimal("0.02"), max_value=Decimal("1000000"), places=2)


def order_from(pairs: list[tuple[Decimal, Decimal]]) -> Order:
    items = [
        LineItem(line_no=i + 1, quantity=q, unit_price=p, amount=(q * p).quantize(CENT, ROUND_HALF_UP))
        for i, (q, p) in enumerate(pairs)
    ]
    total = sum((item.amount for item in items if item.amount is not None), Decimal(0))
    return Order(line_items=items, subtotal=total, total_amount=total)


def check(order: Order) -> list[tuple[str, str | None, str]]:
    ctx = CheckContext(today=TODAY, policy=POLICY)
    return [(f.code, f.field, f.message) for f in check_arithmetic(order, ctx)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_consistent_lines_never_flag(pairs: list[tuple[Decimal, Decimal]]) -> None:
    assert check(order_from(pairs)) == []


@settings(max_examples=100, deadline=None)
@given(lines, st.data(), offsets, st.booleans())
def test_perturbed_line_amount_always_flags(
    pairs: list[tuple[Decimal, Decimal]], data: st.DataObject, offset: Decimal, negative: bool
) -> None:
    order = order_from(pairs)
    index = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    line = order.line_items[index]
    assert line.amount is not None and line.quantity is not None and line.unit_price is not None
    line.amount += -offset if negative else offset
    price_basis = any(abs(line.quantity * line.unit_price / b - line.amount) <= CENT for b in (100, 1000))
    found = [(code, message) for code, field, message in check(order) if field == f"line_items[{index}].amount"]
    assert len(found) == 1
    code, message = found[0]
    assert code == ("amounts.price_basis" if price_basis else "amounts.line_mismatch")
    if not price_basis:
        assert num(line.quantity * line.unit_price) in message and num(line.amount) in message


@settings(max_examples=100, deadline=None)
@given(lines, offsets, st.booleans())
def test_perturbed_total_always_flags(pairs: list[tuple[Decimal, Decimal]], offset: Decimal, negative: bool) -> None:
    order = order_from(pairs)
    assert order.total_amount is not None and order.subtotal is not None
    order.total_amount += -offset if negative else offset
    tolerance = max(Decimal("0.05"), CENT * len(pairs))
    found = [(code, message) for code, field, message in check(order) if field == "total_amount"]
    if offset <= tolerance:
        assert found == []
        return
    # The check's own tolerance (it has a relative part) and bases (stated and recomputed line sums).
    tax_tolerance = sum_tolerance(order.total_amount, len(pairs), POLICY.amounts)
    bases = (order.subtotal, sum((q * p for q, p in pairs), Decimal(0)))
    taxed = any(
        abs(base * (100 + rate) / 100 - order.total_amount) <= tax_tolerance
        for rate in POLICY.amounts.tax_rates
        for base in bases
    )
    assert [code for code, _ in found] == ["amounts.tax_included" if taxed else "amounts.total_mismatch"]
    if not taxed:
        assert num(order.subtotal) in found[0][1] and num(order.total_amount) in found[0][1]
