"""Dates: delivery before the order, already past, lead time, future order dates, day/month ambiguity."""

from __future__ import annotations

from datetime import date

from models.order import Order
from models.result import Evidence
from validators import CheckContext
from validators.dates import check_dates


def codes(order: Order, ctx: CheckContext) -> set[tuple[str, str | None]]:
    return {(f.code, f.field) for f in check_dates(order, ctx)}


def test_clean_dates_have_no_finding(order: Order, ctx: CheckContext) -> None:
    assert check_dates(order, ctx) == []


def test_delivery_before_order_is_an_error(order: Order, ctx: CheckContext) -> None:
    order.delivery_date = date(2026, 3, 1)
    found = check_dates(order, ctx)
    assert [(f.code, f.field, f.severity) for f in found] == [("dates.delivery_before_order", "delivery_date", "error")]


def test_delivery_already_past_is_a_warning(order: Order, ctx: CheckContext) -> None:
    order.order_date, order.delivery_date = date(2026, 1, 5), date(2026, 3, 10)
    found = check_dates(order, ctx)
    assert [(f.code, f.field, f.severity) for f in found] == [("dates.delivery_past", "delivery_date", "warning")]


def test_delivery_today_is_not_past_but_short(order: Order, ctx: CheckContext) -> None:
    order.delivery_date = ctx.today
    assert codes(order, ctx) == {("dates.lead_time_short", "delivery_date")}


def test_lead_time_under_the_company_minimum(order: Order, ctx: CheckContext) -> None:
    order.delivery_date = date(2026, 3, 25)  # 9 days from today
    found = check_dates(order, ctx)
    assert [(f.code, f.field, f.severity) for f in found] == [("dates.lead_time_short", "delivery_date", "warning")]
    assert "2026-03-30" in found[0].message  # the earliest date with 14 days
    ctx.company.min_lead_time_days = 7
    assert check_dates(order, ctx) == []


def test_line_delivery_dates_are_checked_once_per_date(order: Order, ctx: CheckContext) -> None:
    order.line_items[0].delivery_date = date(2026, 3, 2)
    order.line_items[1].delivery_date = date(2026, 5, 15)  # the header's date: not reported again
    assert codes(order, ctx) == {("dates.delivery_before_order", "line_items[0].delivery_date")}


def test_order_date_in_the_future(order: Order, ctx: CheckContext) -> None:
    order.order_date = date(2026, 4, 1)
    assert codes(order, ctx) == {("dates.order_date_future", "order_date")}
    order.order_date = date(2026, 3, 17)  # one day ahead: a time zone, not a misread date
    assert check_dates(order, ctx) == []


def test_ambiguous_printed_date_is_noted_and_asked_for_delivery(order: Order, ctx: CheckContext) -> None:
    order.delivery_date = date(2026, 5, 6)
    evidence = {
        "delivery_date": Evidence(confidence=0.9, text="Delivery: 06/05/2026"),
        "order_date": Evidence(confidence=0.9, text="Date: 14.03.2026"),
    }
    found = check_dates(order, ctx.model_copy(update={"evidence": evidence}))
    assert [(f.code, f.field, f.severity) for f in found] == [("dates.ambiguous", "delivery_date", "info")]
    assert "2026-06-05" in found[0].message
    assert found[0].question is not None and found[0].question.values["alternative"] == date(2026, 6, 5)


def test_unambiguous_or_equal_day_and_month_is_not_ambiguous(order: Order, ctx: CheckContext) -> None:
    order.delivery_date = date(2026, 5, 5)
    evidence = {"delivery_date": Evidence(confidence=0.9, text="05/05/2026"), "order_date": Evidence(confidence=0.9)}
    assert check_dates(order, ctx.model_copy(update={"evidence": evidence})) == []


def test_swapped_reading_is_suggested_when_it_would_be_consistent(order: Order, ctx: CheckContext) -> None:
    order.order_date, order.delivery_date = date(2026, 3, 14), date(2026, 2, 5)  # printed 02/05/2026 (US order)
    evidence = {"delivery_date": Evidence(confidence=0.9, text="02/05/2026")}
    found = {f.code: f for f in check_dates(order, ctx.model_copy(update={"evidence": evidence}))}
    assert "read the other way" in found["dates.delivery_before_order"].message
