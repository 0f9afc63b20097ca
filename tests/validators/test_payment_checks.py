"""Payment terms: instalments add up, L/C details and dates, L/C with EXW, credit risk and limits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from models.order import Instalment, Order, PaymentTerms
from validators import CheckContext
from validators.payment_terms import check_payment_terms


def codes(order: Order, ctx: CheckContext) -> set[tuple[str, str | None]]:
    return {(f.code, f.field) for f in check_payment_terms(order, ctx)}


def split(*percents: str | None) -> list[Instalment]:
    return [Instalment(percent=Decimal(p) if p is not None else None) for p in percents]


def lc_terms(**kw: object) -> PaymentTerms:
    details: dict[str, object] = {
        "method": "LC",
        "lc_type": "irrevocable at sight",
        "issuing_bank": "Deutsche Bank AG, Hamburg",
        "lc_expiry": date(2026, 6, 15),
        "latest_shipment_date": date(2026, 5, 31),
    }
    return PaymentTerms.model_validate(details | kw)


def test_clean_terms_have_no_finding(order: Order, ctx: CheckContext) -> None:
    assert check_payment_terms(order, ctx) == []


@pytest.mark.parametrize("percents", [("30", "70"), ("30", "40", "30"), ("100",), ("30", None), ("33.33", "66.67")])
def test_instalments_adding_up_are_fine(order: Order, ctx: CheckContext, percents: tuple[str | None, ...]) -> None:
    order.payment_terms.instalments = split(*percents)
    assert codes(order, ctx) == set()


@pytest.mark.parametrize(
    "percents", [("30", "60"), ("50", "70"), ("40", "70", None), ("10", None, None), ("-10", "110")]
)
def test_instalments_not_adding_up_are_an_error(
    order: Order, ctx: CheckContext, percents: tuple[str | None, ...]
) -> None:
    order.payment_terms.instalments = split(*percents)
    found = [f for f in check_payment_terms(order, ctx) if f.code == "payment.percent_sum"]
    assert [(f.field, f.severity) for f in found] == [("payment_terms.instalments", "error")]


def test_percent_sum_message_names_the_sum(order: Order, ctx: CheckContext) -> None:
    order.payment_terms.instalments = split("30", "60")
    (found,) = check_payment_terms(order, ctx)
    assert "90 %" in found.message


def test_deposit_over_100_is_an_error(order: Order, ctx: CheckContext) -> None:
    order.payment_terms.deposit_percent = Decimal("130")
    assert codes(order, ctx) == {("payment.percent_sum", "payment_terms.deposit_percent")}


def test_complete_lc_is_fine(order: Order, ctx: CheckContext) -> None:
    order.payment_terms = lc_terms()
    assert codes(order, ctx) == set()


def test_lc_without_details_lists_each_missing_detail(order: Order, ctx: CheckContext) -> None:
    order.payment_terms = PaymentTerms(method="LC", lc_type="irrevocable")
    assert codes(order, ctx) == {
        ("payment.lc_incomplete", "payment_terms.issuing_bank"),
        ("payment.lc_incomplete", "payment_terms.lc_expiry"),
        ("payment.lc_incomplete", "payment_terms.latest_shipment_date"),
    }


def test_lc_expiring_before_latest_shipment(order: Order, ctx: CheckContext) -> None:
    order.payment_terms = lc_terms(lc_expiry=date(2026, 5, 1))
    assert codes(order, ctx) == {("payment.lc_dates_inconsistent", "payment_terms.lc_expiry")}


def test_lc_with_exw_is_a_warning(order: Order, ctx: CheckContext) -> None:
    order.payment_terms = lc_terms()
    order.incoterms.rule = "EXW"
    found = check_payment_terms(order, ctx)
    assert [(f.code, f.field, f.severity) for f in found] == [
        ("payment.lc_with_exw", "payment_terms.method", "warning")
    ]


def test_revocable_lc_is_risky(order: Order, ctx: CheckContext) -> None:
    order.payment_terms = lc_terms(lc_type="revocable")
    assert codes(order, ctx) == {("payment.risky", "payment_terms.lc_type")}


@pytest.mark.parametrize("method", ["DA", "OA", "oa"])
def test_credit_methods_are_risky(order: Order, ctx: CheckContext, method: str) -> None:
    order.payment_terms = PaymentTerms(method=method, days=Decimal("30"))
    assert codes(order, ctx) == {("payment.risky", "payment_terms.method")}


@pytest.mark.parametrize("method", ["TT", "LC", "DP", "CAD", "CIA"])
def test_secured_methods_are_not_risky(order: Order, ctx: CheckContext, method: str) -> None:
    order.payment_terms = lc_terms(method=method) if method == "LC" else PaymentTerms(method=method)
    assert not any(code == "payment.risky" for code, _ in codes(order, ctx))


def test_balance_after_arrival_is_risky(order: Order, ctx: CheckContext) -> None:
    order.payment_terms.instalments[1].trigger = "after_arrival"
    assert codes(order, ctx) == {("payment.risky", "payment_terms.instalments[1].trigger")}


def test_credit_days_over_the_company_maximum(order: Order, make_ctx: Callable[..., CheckContext]) -> None:
    order.payment_terms = PaymentTerms(method="TT", days=Decimal("90"), trigger="after_invoice")
    ctx = make_ctx()
    assert ("payment.credit_days_exceeded", "payment_terms.days") in codes(order, ctx)
    ctx.company.max_credit_days = 120
    assert ("payment.credit_days_exceeded", "payment_terms.days") not in codes(order, ctx)


def test_usance_lc_days_are_not_seller_credit(order: Order, ctx: CheckContext) -> None:
    order.payment_terms = lc_terms(days=Decimal("120"))
    assert codes(order, ctx) == set()


def test_open_account_over_the_credit_limit(order: Order, ctx: CheckContext) -> None:
    order.payment_terms = PaymentTerms(method="OA", days=Decimal("30"))
    ctx.company.credit_limit = Decimal("5000")
    assert ("payment.credit_limit_exceeded", "total_amount") in codes(order, ctx)
    ctx.company.credit_limit = Decimal("10000")
    assert ("payment.credit_limit_exceeded", "total_amount") not in codes(order, ctx)
